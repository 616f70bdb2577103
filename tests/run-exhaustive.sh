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
#   tests/run-exhaustive.sh --record tests/exhaustive-record.txt
#                                                 the same, and keep the jobs in one file
#
# The full sweep is resumable: it saves each finished job (one function ×
# 1/16 of the inputs) in $BUILD_DIR/exhaustive-state, and a rerun continues
# where it stopped (jobs of a function whose kernel or reference changed
# since are redone: each carries a fingerprint of the function's outputs).
# With --record FILE the saved jobs also live in FILE: its jobs are copied
# into the state directory first (where it lacks them), and every saved job
# is written back to it at the end.  tests/exhaustive-record.txt is the
# record behind the README's table; on a CPU whose paths give other outputs
# its jobs do not match and are run again.
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
args=() record="" state="" stride=""
while (($#)); do
  case $1 in
    --record) record=${2:?--record needs a file}; shift 2; continue ;;
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
shopt -s nullglob
if [[ -n $record ]]; then
  [[ -n $state ]] || { echo "run-exhaustive.sh: --record is for the full sweep" >&2; exit 2; }
  if [[ -s $record ]]; then
    # one job per header line "actfn-exhaustive-job-1 NAME CHUNK ..."
    awk -v dir="$state" '/^actfn-exhaustive-job-/ { if (f) close(f); f = sprintf("%s/%s.%02d.txt.rec", dir, $2, $3) } { print > f }' "$record"
    for f in "$state"/*.txt.rec; do
      if [[ -e ${f%.rec} ]]; then rm "$f"; else mv "$f" "${f%.rec}"; fi
    done
  fi
fi
# exit status 3: no violation, but the sweep is not complete (--report)
set +e
"$build/tests/exhaustive" "${args[@]}" | tee "$build/exhaustive.md"
status=${PIPESTATUS[0]}
if [[ -n $record ]]; then
  cat /dev/null "$state"/*.txt > "$record.tmp" && mv "$record.tmp" "$record"
fi
exit "$status"
