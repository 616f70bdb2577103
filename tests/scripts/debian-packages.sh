#!/usr/bin/env bash
# The Debian packages (cmake/packaging.cmake, docs/packages.md):
#   1. a build for /usr (ACTFN_DEBIAN=ON) of the library, the actfn command
#      and the API reference, then `cpack -G DEB`
#   2. lintian on the four packages: no errors (warnings are shown)
#   3. as root: dpkg -i the packages, then against the system copy
#      - the examples through pkg-config and find_package(actfn), run
#        (tests/scripts/examples.sh --system)
#      - every case of the actfn command's tests (ctest -L tool) with the
#        installed /usr/bin/actfn
#      and dpkg --purge them again (also when a step fails).
# Step 3 needs root and no libactfn package already installed (it does not
# replace a copy someone installed); without root it is reported skipped.
#
#   tests/scripts/debian-packages.sh [build dir]     (default build-deb)
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$PWD

source tools/need-packages.sh
pkgs=(libactfn0 libactfn-dev actfn-tools libactfn-doc)
root=0
[ "$(id -u)" = 0 ] && root=1
if [ "$root" = 1 ]; then
  need_packages build-essential cmake pkg-config libsleef-dev libcmocka-dev dpkg-dev lintian doxygen
fi
for t in dpkg-deb dpkg-shlibdeps cpack; do
  command -v "$t" >/dev/null || { echo "debian-packages: skipped: $t not found (apt-get install dpkg-dev cmake)"; exit 77; }
done

build=${1:-build-deb}
echo "== packages: configure and build $build (prefix /usr)"
# CMAKE_SKIP_INSTALL_ALL_DEPENDENCY: cpack installs without building the
# tests, whose list (for ctest -L tool) is all this build needs of them.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DACTFN_DEBIAN=ON \
  -DACTFN_BUILD_DOCS=ON -DACTFN_BUILD_BENCH=OFF -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target actfn actfn_static actfn_tool doc >/dev/null
rm -f "$build"/*.deb
(cd "$build" && cpack -G DEB >cpack.log) || { cat "$build/cpack.log"; exit 1; }
debs=()
for p in "${pkgs[@]}"; do
  f=$(ls "$build/${p}"_*.deb 2>/dev/null | head -n 1)
  [ -n "$f" ] || { echo "FAIL: no package $p in $build"; exit 1; }
  debs+=("$f")
  echo "-- $(basename "$f"): $(dpkg-deb -f "$f" Depends)"
done

echo "== lintian"
if command -v lintian >/dev/null; then
  # --fail-on error: warnings and notes are printed, errors fail
  lintian --fail-on error --allow-root "${debs[@]}" || { echo "FAIL: lintian reports errors"; exit 1; }
  echo "lintian: no errors"
else
  echo "lintian: skipped (not installed: apt-get install lintian)"
fi

echo "== install, use, remove"
if [ "$root" != 1 ]; then
  echo "install: skipped (dpkg -i needs root)"
  exit 0
fi
for p in "${pkgs[@]}"; do
  if dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^i'; then
    echo "FAIL: $p is already installed; not replacing it (dpkg --purge ${pkgs[*]} first)"
    exit 1
  fi
done
trap 'dpkg --purge "${pkgs[@]}" >/dev/null 2>&1 || true' EXIT
dpkg -i "${debs[@]}" >"$build/dpkg.log" 2>&1 || { cat "$build/dpkg.log"; echo "FAIL: dpkg -i"; exit 1; }
echo "installed: $(dpkg-query -W -f='${Package} ${Version}, ' "${pkgs[@]}")"
ldconfig -p | grep -q 'libactfn\.so\.0 ' || { echo "FAIL: ldconfig does not know libactfn.so.0"; exit 1; }

bash tests/scripts/examples.sh --system "$src/examples"
echo
echo "== the actfn command's tests with /usr/bin/actfn"
ACTFN_TOOL=/usr/bin/actfn ctest --test-dir "$build" -L tool -j"$(nproc)" --output-on-failure |
  grep -E "tests passed|tests failed|Failed|\*\*\*"

dpkg --purge "${pkgs[@]}" >/dev/null
trap - EXIT
for p in "${pkgs[@]}"; do
  if dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^i'; then
    echo "FAIL: $p still installed after dpkg --purge"
    exit 1
  fi
done
[ ! -e /usr/lib/"$(dpkg-architecture -qDEB_HOST_MULTIARCH)"/libactfn.so.0 ] || { echo "FAIL: libactfn.so.0 left behind"; exit 1; }
echo "debian-packages: built, lintian clean of errors, installed, used and removed"
