#!/usr/bin/env bash
# The examples (examples/) and the actfn command against an installed copy:
# cmake --install into a temporary prefix, then
#   1. each example built with cc and pkg-config --cflags --libs actfn
#   2. the examples' CMake project (find_package(actfn)) built and run
#   3. the installed actfn command run from the prefix (when built)
# Each program must run and succeed (mlp_train checks that its loss falls).
#
#   examples.sh <build dir> <examples dir>
# Environment: CC, CMAKE, PKG_CONFIG (empty: step 1 is left out).
set -euo pipefail

build=${1:?usage: examples.sh <build dir> <examples dir>}
src=${2:?usage: examples.sh <build dir> <examples dir>}
CC=${CC:-cc}
CMAKE=${CMAKE:-cmake}
PKG_CONFIG=${PKG_CONFIG-pkg-config}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/actfn-examples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "FAIL: $*"; exit 1; }
step() { echo; echo "== $*"; }

step "cmake --install $build --prefix $prefix"
"$CMAKE" --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "install"; }
pc=$(find "$prefix" -name actfn.pc -path '*/pkgconfig/*' | head -n 1)
[ -n "$pc" ] || fail "no pkgconfig/actfn.pc under $prefix"
libdir=$(dirname "$(dirname "$pc")")

if [ -n "$PKG_CONFIG" ]; then
  step "pkg-config"
  export PKG_CONFIG_PATH=$(dirname "$pc")
  export PKG_CONFIG_LIBDIR=$PKG_CONFIG_PATH
  cflags=$("$PKG_CONFIG" --cflags actfn)
  libs=$("$PKG_CONFIG" --libs actfn)
  for ex in inference mlp_train; do
    # shellcheck disable=SC2086  # word splitting of pkg-config output is intended
    "$CC" -std=c11 -Wall -Wextra -Werror -O2 "$src/$ex.c" -o "$tmp/$ex" $cflags $libs -lm
    echo "-- $ex (pkg-config)"
    LD_LIBRARY_PATH=$libdir "$tmp/$ex" || fail "$ex built with pkg-config"
  done
  unset PKG_CONFIG_PATH PKG_CONFIG_LIBDIR
else
  echo "pkg-config not found: the pkg-config builds are left out"
fi

step "find_package(actfn): examples/CMakeLists.txt"
"$CMAKE" -S "$src" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$CC" \
  -DCMAKE_BUILD_TYPE=Release >"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log"; fail "configure"; }
found=$(sed -n 's/^actfn_DIR:PATH=//p' "$tmp/cmake-build/CMakeCache.txt")
case $found in "$prefix"/*) ;; *) fail "find_package(actfn) found '$found', not the package in $prefix" ;; esac
"$CMAKE" --build "$tmp/cmake-build" >>"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log"; fail "build"; }
for ex in inference mlp_train; do
  echo "-- $ex (find_package)"
  "$tmp/cmake-build/$ex" || fail "$ex built with find_package"
done

if [ -x "$prefix/bin/actfn" ]; then
  step "the installed actfn command"
  # no LD_LIBRARY_PATH: the tool finds the prefix's library by its RUNPATH
  out=$("$prefix/bin/actfn" eval relu -1 2 --csv)
  echo "$out"
  grep -q '^relu,f32,[a-z0-9]*,2,2,1$' <<<"$out" || fail "installed actfn eval"
  "$prefix/bin/actfn" info | grep '^active path' || fail "installed actfn info"
fi
echo
echo "examples: built against $prefix with pkg-config and find_package, and ran"
