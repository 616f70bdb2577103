#!/usr/bin/env bash
# Regenerates README.md's accuracy table from the accuracy tests' output.
#
#   tests/update_readme_table.sh LOG...
#
# LOG: output of test_accuracy (or `ctest -V -R accuracy`), for instance
#   build-test/tests/test_accuracy scalar avx2 avx512 > x86.log
#   ctest --test-dir build-aarch64 -V -R accuracy_neon > neon.log
# The table between the accuracy-table markers is replaced; the rest of
# the README is kept as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: $0 LOG..." >&2; exit 2; }

table=$(bash tests/gen_accuracy_table.sh -d include/actfn.h "$@")
awk -v table="$table" '
  /<!-- accuracy-table-rows -->/ { print; print ""; print table; print ""; skip = 1; next }
  /<!-- accuracy-table-end -->/ { skip = 0 }
  !skip
' README.md > README.md.tmp
mv README.md.tmp README.md
