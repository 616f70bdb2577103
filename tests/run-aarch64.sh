#!/usr/bin/env bash
# Cross-builds libactfn for AArch64 with warnings as errors and runs the
# whole test suite under qemu-aarch64 (cmake/toolchain-aarch64.cmake).  On a
# fresh Debian 12 machine as root it first enables arm64 multiarch and
# installs what it needs.  The benchmark is built when Google Benchmark for
# arm64 installs, and only started to list its cases: emulated timings mean
# nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0

source tools/need-packages.sh
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "adding architecture arm64"
  dpkg --add-architecture arm64
fi

need_packages cmake pkg-config crossbuild-essential-arm64 qemu-user libsleef-dev:arm64 \
  libcmocka-dev:arm64 libmpfr-dev:arm64

# Optional: without it the benchmark is left out, as it is on x86 with
# -DACTFN_BUILD_BENCH=OFF.
bench=OFF
if pkg_installed libbenchmark-dev:arm64; then
  bench=ON
elif [ "$(id -u)" = 0 ]; then
  echo "trying: libbenchmark-dev:arm64"
  if need_packages libbenchmark-dev:arm64; then
    bench=ON
  fi
fi
[ "$bench" = ON ] || echo "libbenchmark-dev:arm64 not installed: building without the benchmark"

build=${BUILD_DIR:-build-aarch64}
cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-aarch64.cmake \
  -DCMAKE_BUILD_TYPE=Release -DACTFN_WERROR=ON -DACTFN_BUILD_BENCH="$bench" "$@"
cmake --build "$build" -j"$(nproc)"
if [ "$bench" = ON ]; then
  # the toolchain file's emulator; listing the cases runs no benchmark
  qemu-aarch64 -L / "$build/bench/actfn_bench" --benchmark_list_tests >/dev/null
  echo "actfn_bench: built, starts under qemu (not run)"
fi
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
echo "run-aarch64.sh: passed in $((SECONDS / 60))m$((SECONDS % 60))s"
