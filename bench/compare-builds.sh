#!/usr/bin/env bash
# Compares this tree's library with the library of another revision on the
# same benchmark binary (the benchmark only uses the public API):
#   bash bench/compare-builds.sh REV [actfn_bench arguments...]
# builds libactfn at REV in a temporary worktree, then runs actfn_bench
# ROUNDS times (default 3) against each library in turn (old, new, old,
# new, ...: both see the same machine state) and prints, per benchmark, the
# median ns/element of each and new/old, with the slowest ratios first.
# Example: bash bench/compare-builds.sh b27ce8a '--benchmark_filter=/(avx2|avx512)/(4096|262144)$'
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: bench/compare-builds.sh REV [actfn_bench arguments...]}
shift
rounds=${ROUNDS:-3}
build=${BUILD_DIR:-build-bench}
old=$(mktemp -d)
trap 'git worktree remove --force "$old/src" >/dev/null 2>&1 || true; rm -rf "$old"' EXIT

git worktree add --detach "$old/src" "$rev" >/dev/null
cmake -S "$old/src" -B "$old/build" -DCMAKE_BUILD_TYPE=Release -DACTFN_BUILD_TESTS=OFF \
  -DACTFN_BUILD_BENCH=OFF >/dev/null
cmake --build "$old/build" -j"$(nproc)" --target actfn >/dev/null
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DACTFN_BUILD_TESTS=OFF -DACTFN_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
new_lib=$(dirname "$(find "$build" -maxdepth 1 -name 'libactfn.so.*' | head -1)")

jsons=()
for r in $(seq "$rounds"); do
  for which in old new; do
    lib=$([ "$which" = old ] && echo "$old/build" || echo "$new_lib")
    out="$build/compare-$which-$r.json"
    echo "round $r/$rounds: $which ($lib)" >&2
    LD_LIBRARY_PATH="$lib" "$build/bench/actfn_bench" --benchmark_out="$out" \
      --benchmark_out_format=json "$@" >/dev/null
    jsons+=("$which=$out")
  done
done
python3 bench/compare.py "${jsons[@]}"
