#!/usr/bin/env bash
# The examples (examples/) and the actfn command against an installed copy:
#   0. cmake --install <build dir> into a temporary prefix (--system: the
#      copy the Debian packages put in /usr, nothing installed here)
#   1. each example built with cc and pkg-config --cflags --libs actfn, and
#      so is the README's example (its first C block)
#   2. the examples' CMake project (find_package(actfn)) built and run
#   3. each command of the installed actfn (when there is one), once, and
#      one error case
# Each program must run and succeed (mlp_train checks that its loss falls).
#
#   examples.sh <build dir> <examples dir>
#   examples.sh --system <examples dir>
# Environment: CC, CMAKE, PKG_CONFIG (empty: step 1 is left out).
set -euo pipefail

usage="usage: examples.sh <build dir>|--system <examples dir>"
build=${1:?$usage}
src=${2:?$usage}
CC=${CC:-cc}
CMAKE=${CMAKE:-cmake}
PKG_CONFIG=${PKG_CONFIG-pkg-config}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/actfn-examples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
step() { echo; echo "== $*"; }

if [ "$build" = --system ]; then
  prefix=/usr
  pc=$("$PKG_CONFIG" --variable=pcfiledir actfn 2>/dev/null)/actfn.pc ||
    fail "pkg-config finds no actfn.pc in the system"
  [ -f "$pc" ] || fail "no actfn.pc in the system"
  run_env=()
else
  prefix=$tmp/prefix
  step "cmake --install $build --prefix $prefix"
  "$CMAKE" --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "install"; }
  pc=$(find "$prefix" -name actfn.pc -path '*/pkgconfig/*' | head -n 1)
  [ -n "$pc" ] || fail "no pkgconfig/actfn.pc under $prefix"
  run_env=("LD_LIBRARY_PATH=$(dirname "$(dirname "$pc")")")
fi

if [ -n "$PKG_CONFIG" ]; then
  step "pkg-config ($pc)"
  if [ "$build" != --system ]; then
    export PKG_CONFIG_PATH=$(dirname "$pc")
    export PKG_CONFIG_LIBDIR=$PKG_CONFIG_PATH
  fi
  cflags=$("$PKG_CONFIG" --cflags actfn)
  libs=$("$PKG_CONFIG" --libs actfn)
  build_run() { # <source> <name>
    # shellcheck disable=SC2086  # word splitting of pkg-config output is intended
    "$CC" -std=c11 -Wall -Wextra -Werror -O2 "$1" -o "$tmp/$2" $cflags $libs -lm
    echo "-- $2 (pkg-config)"
    env "${run_env[@]}" "$tmp/$2" >"$tmp/$2.out" || { cat "$tmp/$2.out"; fail "$2 built with pkg-config"; }
    cat "$tmp/$2.out"
  }
  for ex in inference mlp_train; do build_run "$src/$ex.c" "$ex"; done
  awk '/^```c$/ { on = 1; next } on && /^```$/ { exit } on' "$src/../README.md" >"$tmp/readme.c"
  [ -s "$tmp/readme.c" ] || fail "no C block in README.md"
  build_run "$tmp/readme.c" readme
  grep -q '^gelu(2) = 1.9545' "$tmp/readme.out" || fail "the README's example did not print gelu(2) = 1.9545"
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

tool=$prefix/bin/actfn
if [ -x "$tool" ]; then
  step "the installed actfn command: $tool"
  # no LD_LIBRARY_PATH: the tool finds the prefix's library by its RUNPATH
  # (the system's by the linker's default path)
  expect() { # <regex> <args...>: exit 0 and a stdout line matching
    local re=$1 out rc
    shift
    out=$("$tool" "$@" 2>"$tmp/err") && rc=0 || rc=$?
    [ "$rc" = 0 ] || { cat "$tmp/err"; fail "actfn $* exited $rc"; }
    grep -Eq -- "$re" <<<"$out" || { echo "$out"; fail "actfn $*: no line matching '$re'"; }
    echo "ok: actfn $*"
  }
  expect '^active path +[a-z0-9]+: ' info
  expect '^gelu,' list --csv
  expect '^relu,f32,[a-z0-9]+,2,2,1$' eval relu -1 2 --csv
  expect '^relu,[a-z0-9]+,f32,256,' bench relu --n 256 --reps 1 --csv
  expect 'every result within its bound' check relu sigmoid
  "$tool" plot gelu -o "$tmp/gelu.svg" || fail "actfn plot"
  grep -q '<polyline' "$tmp/gelu.svg" || fail "actfn plot wrote no curve"
  echo "ok: actfn plot gelu -o gelu.svg"
  "$tool" eval relux 1 >"$tmp/out" 2>"$tmp/err" && rc=0 || rc=$?
  [ "$rc" = 2 ] || fail "actfn eval relux exited $rc, not 2"
  grep -q "unknown function 'relux'" "$tmp/err" || fail "actfn eval relux: no message on stderr"
  [ ! -s "$tmp/out" ] || fail "actfn eval relux wrote to stdout"
  echo "ok: actfn eval relux -> exit 2, the message on stderr"
fi
echo
echo "examples: built against $prefix with pkg-config and find_package, and ran"
