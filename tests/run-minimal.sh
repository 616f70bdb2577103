#!/usr/bin/env bash
# CI stage: the library alone, as CONTRACT.md "Shape" promises — a C
# compiler, CMake and libsleef-dev suffice; the tests and the benchmark are
# reported as not built, naming the package that enables them; asking for
# one of them explicitly fails at configure time, naming its package.
#
# The packages are hidden for real, not with -D flags: the script re-runs
# itself in a private mount namespace (unshare --mount, as root) and mounts
# an overlay (upper layer on a tmpfs) over /usr/bin, /usr/include and
# /usr/lib/<multiarch>, then deletes there what is to be absent — deletions
# are whiteouts in the tmpfs, the real files stay untouched and everything
# vanishes with the namespace.  Two environments, one after the other:
#   A  CMocka and Google Benchmark hidden (headers, libraries, .pc files,
#      CMake packages); pkg-config and the C++ compilers still there:
#      configure only.
#   B  also no pkg-config and no C++ compiler (c++, g++*, clang++*, ...):
#      configure, build, cmake --install into a temporary prefix, and a
#      find_package(actfn) consumer (tests/cmake/install) built against it.
#
#   bash tests/run-minimal.sh          (BUILD_DIR: default build-minimal)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ACTFN_MINIMAL_NS:-}" ]; then
  source tools/need-packages.sh
  need_packages build-essential cmake libsleef-dev
  if [ "$(id -u)" != 0 ]; then
    echo "run-minimal.sh: needs root (a private mount namespace hides the packages)" >&2
    exit 1
  fi
  exec unshare --mount --propagation private env ACTFN_MINIMAL_NS=1 bash "$0" "$@"
fi

SECONDS=0
build=$(realpath -m "${BUILD_DIR:-build-minimal}")
ma=$(cc -print-multiarch 2>/dev/null || true)
ma=${ma:-$(gcc -dumpmachine)}
libdir=/usr/lib/$ma
tmp=$(mktemp -d "${TMPDIR:-/tmp}/actfn-minimal.XXXXXX")
cleanup() {
  umount /usr/bin /usr/include "$libdir" 2>/dev/null || true
  umount "$tmp/ovl" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }
unset CXX

# ---- the hiding ------------------------------------------------------------
mkdir "$tmp/ovl"
mount -t tmpfs tmpfs "$tmp/ovl"
overlay() { # <dir>
  local name
  name=$(echo "$1" | tr / _)
  mkdir "$tmp/ovl/u$name" "$tmp/ovl/w$name"
  mount -t overlay overlay -o "lowerdir=$1,upperdir=$tmp/ovl/u$name,workdir=$tmp/ovl/w$name" "$1"
}
overlay /usr/bin
overlay /usr/include
overlay "$libdir"
hide() { # <glob>...: delete what matches (in the overlay only)
  local p
  for p in "$@"; do
    if [ -e "$p" ] || [ -L "$p" ]; then rm -rf "$p"; echo "hidden: $p"; fi
  done
}
absent() { # <path>... each must be gone
  local p
  for p in "$@"; do
    if [ -e "$p" ] || [ -L "$p" ]; then fail "still there: $p"; fi
  done
}
[ -e "/usr/include/$ma/sleef.h" ] || [ -e /usr/include/sleef.h ] || fail "no sleef.h: apt-get install libsleef-dev"

# Environment A: no CMocka, no Google Benchmark.
step "A: hiding CMocka and Google Benchmark"
shopt -s nullglob
hide /usr/include/cmocka*.h /usr/include/benchmark \
  "$libdir"/libcmocka.* "$libdir"/libbenchmark* \
  "$libdir"/pkgconfig/cmocka.pc "$libdir"/pkgconfig/benchmark*.pc \
  "$libdir"/cmake/cmocka "$libdir"/cmake/benchmark
absent /usr/include/cmocka.h /usr/include/benchmark/benchmark.h "$libdir"/pkgconfig/cmocka.pc \
  "$libdir"/pkgconfig/benchmark.pc "$libdir"/cmake/cmocka "$libdir"/cmake/benchmark
if command -v pkg-config >/dev/null; then
  pkg-config --exists cmocka && fail "pkg-config still finds cmocka"
  pkg-config --exists benchmark && fail "pkg-config still finds benchmark"
  pkg-config --exists sleef || fail "pkg-config does not find sleef"
fi

configure() { # <log> <args...>: configure a fresh build dir, output in <log>
  local log=$1 dir
  shift
  dir=$(mktemp -d "$tmp/build.XXXXXX")
  cmake -S . -B "$dir" "$@" >"$log" 2>&1
}
expect_one_line() { # <log> <regex>
  local n
  n=$(grep -cE "$2" "$1" || true)
  [ "$n" = 1 ] || { cat "$1"; fail "expected one line matching '$2', got $n"; }
  grep -E "$2" "$1"
}
expect_fail() { # <log> <regex> <args...>: configure must fail and name the package
  local log=$1 re=$2
  shift 2
  if configure "$log" "$@"; then cat "$log"; fail "configure with $* succeeded"; fi
  grep -q "Configuring incomplete" "$log" || { cat "$log"; fail "configure with $* did not fail cleanly"; }
  grep -qE "$re" "$log" || { cat "$log"; fail "configure with $* failed without naming '$re'"; }
  echo "configure $* fails, as it should:"
  # the message, without CMake's "CMake Error at ..." header
  sed -n '/CMake Error/,/^$/p' "$log" | sed '1d;/^$/d;s/^ */  /'
}

step "A: configure (AUTO) with a C++ compiler and pkg-config, without CMocka and Google Benchmark"
configure "$tmp/a.log" || { cat "$tmp/a.log"; fail "configure failed"; }
expect_one_line "$tmp/a.log" "tests not built: .*libcmocka-dev"
expect_one_line "$tmp/a.log" "benchmark not built: .*libbenchmark-dev"
grep -q "found without pkg-config" "$tmp/a.log" && fail "SLEEF should come from pkg-config here"
expect_fail "$tmp/a-bench.log" "libbenchmark-dev" -DACTFN_BUILD_BENCH=ON -DACTFN_BUILD_TESTS=OFF

# Environment B: also no pkg-config and no C++ compiler.
step "B: also hiding pkg-config and the C++ compilers"
hide /usr/bin/pkg-config /usr/bin/pkgconf /usr/bin/*-pkg-config \
  /usr/bin/c++ /usr/bin/g++ /usr/bin/g++-[0-9]* /usr/bin/*-g++ /usr/bin/*-g++-[0-9]* \
  /usr/bin/clang++ /usr/bin/clang++-[0-9]* /usr/bin/*-c++
hash -r  # bash's memory of where pkg-config was
# what FindPkgConfig and CMake's C++ compiler search look for
for c in pkg-config pkgconf c++ g++ clang++ CC aCC cl bcc xlC icpx icx; do
  if command -v "$c" >/dev/null; then fail "still on PATH: $(command -v "$c")"; fi
done
shopt -u nullglob

step "B: configure (AUTO): C compiler, CMake and libsleef-dev only"
rm -rf "$build/CMakeCache.txt" "$build/CMakeFiles"
cmake -S . -B "$build" -DACTFN_WERROR=ON >"$tmp/b.log" 2>&1 || { cat "$tmp/b.log"; fail "configure failed"; }
expect_one_line "$tmp/b.log" "tests not built: .*libcmocka-dev"
expect_one_line "$tmp/b.log" "benchmark not built: .*C\+\+ compiler.*libbenchmark-dev"
expect_one_line "$tmp/b.log" "SLEEF: .*found without pkg-config"
grep -q "CXX compiler identification" "$tmp/b.log" && fail "a C++ compiler was enabled"
[ ! -d "$build/tests" ] || fail "$build/tests exists: tests were added"
[ ! -d "$build/bench" ] || fail "$build/bench exists: the benchmark was added"

step "B: build"
cmake --build "$build" -j"$(nproc)"

step "B: cmake --install $build --prefix $tmp/prefix"
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" | sed "s|$tmp|\$tmp|"
pc=$(find "$prefix" -name actfn.pc -path '*/pkgconfig/*' | head -n 1)
[ -n "$pc" ] || fail "no pkgconfig/actfn.pc under $prefix"
plib=$(dirname "$(dirname "$pc")")
for f in "$prefix/include/actfn.h" "$plib/libactfn.a" "$plib/libactfn.so" "$plib/libactfn.so.0" \
  "$plib/cmake/actfn/actfnConfig.cmake" "$plib/cmake/actfn/actfnTargets.cmake"; do
  [ -e "$f" ] || fail "not installed: $f"
done
grep -qx 'Libs.private: -lsleef -lm' "$pc" || fail "actfn.pc: no 'Libs.private: -lsleef -lm'"
if grep -rq "$libdir\|/usr/include" "$plib/cmake/actfn"; then
  fail "the installed CMake package names this machine's paths"
fi
echo "installed: header, libactfn.so.0, libactfn.a, actfn.pc (Libs.private: -lsleef -lm), CMake package"

step "B: find_package(actfn) consumer (tests/cmake/install), C only"
cmake -S tests/cmake/install -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/consumer.log" 2>&1 ||
  { cat "$tmp/consumer.log"; fail "consumer configure failed"; }
cmake --build "$tmp/consumer" >>"$tmp/consumer.log" 2>&1 || { cat "$tmp/consumer.log"; fail "consumer build failed"; }
"$tmp/consumer/consumer" >/dev/null || fail "shared consumer"
"$tmp/consumer/consumer_static" >/dev/null || fail "static consumer"
echo "actfn::actfn and actfn::actfn_static consumers built and ran"

step "B: asking explicitly fails at configure time, naming the package"
expect_fail "$tmp/b-tests.log" "libcmocka-dev" -DACTFN_BUILD_TESTS=ON -DACTFN_BUILD_BENCH=OFF
expect_fail "$tmp/b-bench.log" "libbenchmark-dev" -DACTFN_BUILD_BENCH=ON -DACTFN_BUILD_TESTS=OFF

echo
echo "run-minimal.sh: passed in ${SECONDS}s (library alone built and installed; tests and benchmark reported, explicit requests refused)"
