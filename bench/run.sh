#!/usr/bin/env bash
# Builds the benchmark in Release, runs it (single thread) and prints a table
# per size; Google Benchmark's JSON lands in build-bench/bench.json, and the
# peers' accuracy beside actfn's (actfn_bench --peer-accuracy, ~10 s) in
# build-bench/peer-accuracy.md.  Extra
# arguments go to actfn_bench, e.g. --benchmark_filter=sigmoid.  On a fresh
# Debian 12 machine as root it first installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

source tools/need-packages.sh
# ocl-icd-opencl-dev: Debian's oneDNN CMake package needs it, libdnnl-dev only recommends it.
need_packages build-essential cmake pkg-config libsleef-dev libcmocka-dev libbenchmark-dev \
  libdnnl-dev ocl-icd-opencl-dev libxnnpack-dev libpthreadpool-dev python3

build=${BUILD_DIR:-build-bench}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DACTFN_BUILD_TESTS=OFF -DACTFN_BUILD_BENCH=ON
cmake --build "$build" -j"$(nproc)"
# The console shows each result as it comes (on a terminal with a status
# line: done/total and the time left); the tables below are built from the JSON.
bin=$build/bench/actfn_bench
if [ -t 1 ] && [ -t 2 ]; then
  total=$("$bin" --benchmark_list_tests "$@" | wc -l)
  "$bin" --benchmark_out="$build/bench.json" --benchmark_out_format=json "$@" |
    python3 bench/progress.py "$total"
else
  "$bin" --benchmark_out="$build/bench.json" --benchmark_out_format=json "$@"
fi
echo
python3 bench/summary.py "$build/bench.json"
"$bin" --peer-accuracy >"$build/peer-accuracy.md"
echo "The peers' accuracy next to actfn's: $build/peer-accuracy.md"
