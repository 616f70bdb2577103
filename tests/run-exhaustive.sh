#!/usr/bin/env bash
# The exhaustive accuracy sweep (CONTRACT.md "Accuracy"): all 2^32 float
# inputs, every function, forward and derivative, on every path this CPU
# runs, against the long-double reference (tests/exhaustive.c says how).
#
#   tests/run-exhaustive.sh                      the full sweep: ~3.5 h on 2 idle cores
#   tests/run-exhaustive.sh --stride 4096        a sample: ~5 s
#   tests/run-exhaustive.sh --only gelu,mish     some functions
#   tests/run-exhaustive.sh --paths avx512 --threads 2
#   tests/run-exhaustive.sh --report             the table so far (runs nothing)
#
# The full sweep is resumable: it saves each finished job (one function ×
# 1/16 of the inputs) in $BUILD_DIR/exhaustive-state, and a rerun continues
# where it stopped (jobs of a function whose kernel or reference changed
# since are redone: each carries a fingerprint of the function's outputs).
#
# The markdown table goes to stdout and to $BUILD_DIR/exhaustive.md; the
# exit status is 1 if any input breaks the contract.  On a fresh Debian 12
# machine as root it first installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

source tools/need-packages.sh
need_packages build-essential cmake pkg-config libsleef-dev libcmocka-dev

build=${BUILD_DIR:-build-exhaustive}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DACTFN_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target exhaustive >/dev/null
args=("$@")
case " $* " in
  *" --stride "* | *" --state "*) ;;
  *) mkdir -p "$build/exhaustive-state"; args+=(--state "$build/exhaustive-state") ;;
esac
# exit status 3: no violation, but the sweep is not complete (--report)
set +e
"$build/tests/exhaustive" "${args[@]}" | tee "$build/exhaustive.md"
exit "${PIPESTATUS[0]}"
