#!/usr/bin/env bash
# Builds libactfn with warnings as errors and runs the whole test suite,
# then the Debian packages' test (tests/scripts/debian-packages.sh: build,
# lintian, and as root install, use and remove them).
# On a fresh Debian 12 machine as root it first installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

source tools/need-packages.sh
need_packages build-essential cmake pkg-config libsleef-dev libcmocka-dev libbenchmark-dev libmpfr-dev \
  doxygen lintian

build=${BUILD_DIR:-build-test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DACTFN_WERROR=ON "$@"
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
bash tests/scripts/debian-packages.sh "$build-deb"
