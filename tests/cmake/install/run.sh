#!/usr/bin/env bash
# Installs a built libactfn into a temporary prefix and builds consumers
# against that install only (CONTRACT.md "Shape": header, both libraries,
# actfn.pc, CMake package actfn::actfn):
#   1. cc consumer.c $(pkg-config --cflags --libs actfn)        shared
#   2. cc consumer.c + libactfn.a + pkg-config --static --libs   static
#   3. find_package(actfn) + actfn::actfn / actfn::actfn_static  CMake
# Each consumer must run and print correct results.
#
#   run.sh <build dir> <this directory>
# Environment: CC, CMAKE, PKG_CONFIG (defaults: cc, cmake, pkg-config).
set -euo pipefail

build=${1:?usage: run.sh <build dir> <consumer source dir>}
src=${2:?usage: run.sh <build dir> <consumer source dir>}
CC=${CC:-cc}
CMAKE=${CMAKE:-cmake}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/actfn-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "FAIL: $*"; exit 1; }
step() { echo; echo "== $*"; }

step "cmake --install $build --prefix $prefix"
"$CMAKE" --install "$build" --prefix "$prefix"

# CMAKE_INSTALL_LIBDIR is lib, lib64 or lib/<multiarch>: find it from actfn.pc.
pc=$(find "$prefix" -name actfn.pc -path '*/pkgconfig/*' | head -n 1)
[ -n "$pc" ] || fail "no pkgconfig/actfn.pc under $prefix"
pcdir=$(dirname "$pc")
libdir=$(dirname "$pcdir")
echo "libdir: $libdir"
for f in "$prefix/include/actfn.h" "$libdir/libactfn.a" "$libdir/cmake/actfn/actfnConfig.cmake"; do
  [ -e "$f" ] || fail "not installed: $f"
done
so=$(find "$libdir" -maxdepth 1 -name 'libactfn.so.*' | head -n 1)
[ -n "$so" ] || fail "no libactfn.so.* in $libdir"
[ -L "$libdir/libactfn.so" ] || fail "no libactfn.so development symlink in $libdir"

# Only the temporary prefix may answer (no /usr/local or system copy).
export PKG_CONFIG_PATH=$pcdir
sysdirs=$(for d in /usr/lib/pkgconfig /usr/share/pkgconfig /usr/lib/*/pkgconfig; do printf '%s:' "$d"; done)
export PKG_CONFIG_LIBDIR=$pcdir:$sysdirs

# Which libactfn.so a binary loads must be the installed one.
loads_prefix() {
  local lib
  lib=$(env "$@" ldd "$bin" | awk '/libactfn\.so/ { print $3 }')
  echo "$(basename "$bin") loads: ${lib:-<none>}"
  case $lib in "$prefix"/*) ;; *) fail "$(basename "$bin") does not load libactfn from $prefix" ;; esac
}

step "pkg-config, shared"
cflags=$("$PKG_CONFIG" --cflags actfn)
libs=$("$PKG_CONFIG" --libs actfn)
echo "cflags: $cflags"
echo "libs:   $libs"
# The -I and -L directories must be the installed ones (compared after
# resolving, so a relocatable ${pcfiledir}/../.. prefix is fine).
points_into() { # <flag> <want dir> <words...>
  local flag=$1 want w
  want=$(realpath "$2"); shift 2
  for w in "$@"; do
    case $w in "$flag"*) [ "$(realpath -m "${w#"$flag"}")" = "$want" ] && return 0 ;; esac
  done
  return 1
}
# shellcheck disable=SC2086
points_into -I "$prefix/include" $cflags || fail "pkg-config --cflags does not name $prefix/include: $cflags"
# shellcheck disable=SC2086
points_into -L "$libdir" $libs || fail "pkg-config --libs does not name $libdir: $libs"
bin=$tmp/consumer_pc
# shellcheck disable=SC2086  # word splitting of pkg-config output is intended
"$CC" -std=c11 -Wall -Wextra -Werror "$src/consumer.c" -o "$bin" $cflags $libs -lm
loads_prefix LD_LIBRARY_PATH="$libdir"
LD_LIBRARY_PATH=$libdir "$bin" || fail "pkg-config shared consumer"

step "pkg-config, static (libactfn.a)"
slibs=$("$PKG_CONFIG" --static --libs actfn)
echo "libs:   $slibs"
# -lactfn would pick the .so; name the archive, keep the rest (SLEEF, libm).
args=()
for w in $slibs; do
  if [ "$w" = -lactfn ]; then args+=("$libdir/libactfn.a"); else args+=("$w"); fi
done
bin=$tmp/consumer_pc_static
# shellcheck disable=SC2086
"$CC" -std=c11 -Wall -Wextra -Werror "$src/consumer.c" -o "$bin" $cflags "${args[@]}" -lm
if readelf -d "$bin" | grep -q 'NEEDED.*libactfn'; then fail "static consumer needs libactfn.so"; fi
"$bin" || fail "pkg-config static consumer"

step "CMake find_package(actfn)"
unset PKG_CONFIG_PATH PKG_CONFIG_LIBDIR
"$CMAKE" -S "$src" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$CC" \
  -DCMAKE_BUILD_TYPE=Release
found=$(sed -n 's/^actfn_DIR:PATH=//p' "$tmp/cmake-build/CMakeCache.txt")
echo "actfn_DIR: $found"
case $found in "$prefix"/*) ;; *) fail "find_package(actfn) found '$found', not the package in $prefix" ;; esac
"$CMAKE" --build "$tmp/cmake-build"
# The CMake-built binary carries the install's lib dir in its build RPATH.
bin=$tmp/cmake-build/consumer
loads_prefix
"$bin" || fail "CMake shared consumer"
bin=$tmp/cmake-build/consumer_static
if readelf -d "$bin" | grep -q 'NEEDED.*libactfn'; then fail "actfn::actfn_static consumer needs libactfn.so"; fi
"$bin" || fail "CMake static consumer"

echo
echo "install_consumers: all consumers built against $prefix and ran correctly"
