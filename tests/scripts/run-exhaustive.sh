#!/usr/bin/env bash
# The exhaustive accuracy sweep (CONTRACT.md "Accuracy"): all 2^32 float
# inputs, every function, forward and derivative, on every path this CPU
# runs, against the long-double reference (tests/eltwise/exhaustive.c says
# how).
#
#   tests/scripts/run-exhaustive.sh                   the full sweep: ~3.5 h on 2 idle cores
#   tests/scripts/run-exhaustive.sh --stride 4096     a sample: ~5 s
#   tests/scripts/run-exhaustive.sh --only gelu,mish  some functions
#   tests/scripts/run-exhaustive.sh --paths avx512 --threads 2
#   tests/scripts/run-exhaustive.sh --report          the table so far (runs nothing)
#   tests/scripts/run-exhaustive.sh --record          the same, and keep the jobs in
#                                                     docs/exhaustive-record.txt
#   tests/scripts/run-exhaustive.sh --record FILE     ... in FILE
#
# The paths are the ones this CPU runs (the exhaustive program asks the
# library; build/tests/isas lists them), or --paths.
#
# The full sweep is resumable: it saves each finished job (one function ×
# 1/16 of the inputs) in $BUILD_DIR/exhaustive-state, and a rerun continues
# where it stopped (jobs of a function whose kernel or reference changed
# since are redone: each carries a fingerprint of the function's outputs).
# With --record [FILE] the saved jobs also live in FILE (default
# docs/exhaustive-record.txt): its jobs are copied into the state directory
# first (where it lacks them), and every saved job is written back to it at
# the end (tests/eltwise/exhaustive_jobs.c).  docs/exhaustive-record.txt is
# the record behind docs/exhaustive.md; on a CPU whose paths give other
# outputs its jobs do not match and are run again.
#
# The markdown table goes to stdout and to $BUILD_DIR/exhaustive.md; the
# exit status is 1 if any input breaks the contract.  On a fresh Debian 12
# machine as root it first installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/../.."

source tools/need-packages.sh
need_packages build-essential cmake pkg-config libsleef-dev libcmocka-dev

build=${BUILD_DIR:-build-exhaustive}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DACTFN_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target exhaustive >/dev/null
args=() state="" stride=""
while (($#)); do
  case $1 in
    --record)
      # FILE is optional: the next argument unless it is an option
      if [[ $# -gt 1 && $2 != --* ]]; then record=$2; shift; else record=docs/exhaustive-record.txt; fi
      args+=(--record "$record"); shift; continue ;;
    --state) state=${2:?--state needs a directory} ;;
    --stride) stride=${2:-} ;;
  esac
  args+=("$1"); shift
done
if [[ -z $stride && -z $state ]]; then
  state=$build/exhaustive-state
  args+=(--state "$state")
fi
[[ -z $state ]] || mkdir -p "$state"
# exit status 3: no violation, but the sweep is not complete (--report)
set +e
"$build/tests/exhaustive" "${args[@]}" | tee "$build/exhaustive.md"
exit "${PIPESTATUS[0]}"
