#!/usr/bin/env bash
# Builds libactfn with warnings as errors and runs the whole test suite.
# On a fresh Debian 12 machine as root it first installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(build-essential cmake pkg-config libsleef-dev libcmocka-dev libbenchmark-dev)
missing=()
arch=$(dpkg --print-architecture)  # "pkg:arch": plain names are ambiguous once arm64 copies are installed
for p in "${pkgs[@]}"; do
  dpkg -s "$p:$arch" >/dev/null 2>&1 || dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -q && apt-get install -y -q "${missing[@]}"
fi

build=${BUILD_DIR:-build-test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DACTFN_WERROR=ON "$@"
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
