#!/usr/bin/env bash
# Regenerates the accuracy table of docs/accuracy.md from the accuracy
# tests' output.
#
#   tests/scripts/update_accuracy_table.sh LOG...
#
# LOG: output of test_accuracy (or `ctest -V -R accuracy`), for instance
#   build-test/tests/test_accuracy $(build-test/tests/isas) > x86.log
#   qemu-aarch64 -L / build-aarch64/tests/test_accuracy --sparse=8 neon > neon.log
# The table between the accuracy-table markers is replaced; the rest of the
# file is kept as it is.  The path columns are in the library's order,
# from the isas tool of the build in BUILD_DIR (default build-test, the
# directory tests/run.sh builds in).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 LOG..." >&2; exit 2; }
logs=()
for f in "$@"; do logs+=("$(realpath "$f")"); done
cd "$(dirname "$0")/../.."

build=${BUILD_DIR:-build-test}
isas=$build/tests/isas
[ -x "$isas" ] || { echo "$0: no $isas: build first (bash tests/run.sh, or set BUILD_DIR)" >&2; exit 2; }
# the library the tool runs with is the build's; under a cross build's
# emulator set ISAS_RUN (e.g. "qemu-aarch64 -L /")
table=$(bash tests/scripts/gen_accuracy_table.sh -d include/actfn.h -p "$(${ISAS_RUN:-} "$isas" --all)" "${logs[@]}")
doc=docs/accuracy.md
awk -v table="$table" '
  /<!-- accuracy-table-rows -->/ { print; print ""; print table; print ""; skip = 1; next }
  /<!-- accuracy-table-end -->/ { skip = 0 }
  !skip
' "$doc" > "$doc.tmp"
mv "$doc.tmp" "$doc"
