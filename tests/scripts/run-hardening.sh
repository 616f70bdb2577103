#!/usr/bin/env bash
# The second CI stage: the suite under sanitizers, valgrind and a fuzzer.
#
#   (a) asan      build-asan: gcc, ASan + UBSan (-DACTFN_SANITIZE=ON), the
#                 whole ctest suite; any report fails its test
#   (b) valgrind  build-valgrind: an uninstrumented build, the semantics,
#                 FP-environment, dispatch, thread and maxout tests under memcheck
#   (c) tsan      build-tsan: gcc, ThreadSanitizer (-DACTFN_TSAN=ON), the
#                 thread tests
#   (d) fuzz      build-fuzz: clang, libFuzzer + ASan + UBSan
#                 (-DACTFN_FUZZ=ON), the seed corpus, then FUZZ_SECONDS of
#                 fuzzing (default 120)
#
# Every stage runs even when an earlier one failed; a summary with each
# stage's time closes the output, and the exit status is non-zero if any
# stage failed.  Stages can be picked: tests/scripts/run-hardening.sh tsan fuzz.
# Build directories are BUILD_PREFIX-asan etc. (default: build-*, in the
# repository).  On a fresh Debian 12 machine as root it first installs what
# it needs.  Each flavour is built at -O1 -g1 (OPT), the valgrind checks run
# $(nproc) at once, and under the sanitizers the accuracy sweeps are thinned
# (tests/cmake/accuracy.cmake).  About 11.5 minutes on 2 cores of a Zen 4
# with FUZZ_SECONDS=60 (ASan 232 s, valgrind 115, TSan 96, fuzz 244; 2026-12-08).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

source tools/need-packages.sh
need_packages build-essential cmake pkg-config libsleef-dev libcmocka-dev valgrind clang \
  libclang-rt-14-dev

prefix=${BUILD_PREFIX:-build}
jobs=$(nproc)
fuzz_seconds=${FUZZ_SECONDS:-120}

# Sanitizer reports must fail: the builds use -fno-sanitize-recover=all, and
# these make the runtimes abort with a stack.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

# Every flavour at -O1 with line tables (-g1): enough for the sanitizers'
# stacks and valgrind's, and the builds take half the time of -O2 -g (the
# vector kernels dominate them: one avx512 unit with ASan, 100 s at -O2 -g,
# 51 s at -O1 -g1).  OPT overrides it.
opt=${OPT:--O1 -g1}
configure() { # dir, cmake args...
  local dir=$1
  shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="$opt -DNDEBUG" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$opt -DNDEBUG" \
    -DACTFN_WERROR=ON -DACTFN_BUILD_BENCH=OFF "$@" >/dev/null
}

# Runs a test binary; exit 77 (a path this CPU lacks) counts as passed only
# when allowed by SKIP_OK=1, and the test's own failures (exit 1) only with
# VG_ONLY=1 (the valgrind stage's test_fenv, see there).
check() {
  local rc=0 t0=$SECONDS
  echo "--- $*"
  "$@" >"$log" 2>&1 || rc=$?
  if [ $rc -eq 0 ] || { [ $rc -eq 77 ] && [ "${SKIP_OK:-0}" = 1 ]; } ||
    { [ $rc -eq 1 ] && [ "${VG_ONLY:-0}" = 1 ]; }; then
    grep -h '^SKIPPED' "$log" || true
    tail -n 1 "$log"
    echo "    ($((SECONDS - t0)) s, exit $rc)"
    return 0
  fi
  cat "$log"
  echo "FAILED (exit $rc): $*"
  return 1
}

vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect)

# Runs each argument (a `check ...` command line) in the background, $jobs at
# a time, each with its own log; prints their outputs in the given order and
# fails if any failed.
run_checks() {
  local dir i=0 n fail=0
  dir=$(mktemp -d)
  for cmd in "$@"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
    (
      log=$dir/$i.log
      rc=0
      eval "$cmd" >"$dir/$i.out" 2>&1 || rc=$?
      echo $rc >"$dir/$i.rc"
    ) &
    i=$((i + 1))
  done
  wait
  for ((n = 0; n < i; n++)); do
    cat "$dir/$n.out"
    [ "$(cat "$dir/$n.rc" 2>/dev/null)" = 0 ] || fail=1
  done
  rm -rf "$dir"
  return $fail
}

# ---- (a) ASan + UBSan, the whole suite ----------------------------------------
stage_asan() {
  local b=$prefix-asan
  configure "$b" -DACTFN_SANITIZE=ON
  cmake --build "$b" -j"$jobs"
  # install_consumers and examples_installed are left out: they link
  # uninstrumented consumer programs against the installed libactfn.so, which
  # here needs libasan, and gcc's ASan runtime refuses to start unless it
  # comes first ("ASan runtime does not come first in initial library
  # list").  The plain CI stage runs them.
  ctest --test-dir "$b" --output-on-failure -j"$jobs" -E '^(install_consumers|examples_installed)$'
}

# ---- (b) valgrind memcheck ----------------------------------------------------
# valgrind 3.19 (Debian 12) does not emulate AVX-512.  Its virtual CPU says
# so in CPUID, so under valgrind the library itself reports avx512 as
# unsupported and never selects it: the paths are the ones tests/isas lists
# under valgrind (scalar and AVX2 there), and ACTFN_ISA below makes the
# load-time choice (the best of them) explicit.  The AVX-512 path is covered
# by the ASan stage.  test_accuracy is left out: its
# dense sweep takes far too long under valgrind.
# valgrind's virtual MXCSR does not keep FTZ, DAZ or the sticky exception
# flags (a caller's 0x9fc0 reads back as 0x1f80), so test_fenv's assertions
# about the caller's environment fail under it whatever the library does:
# test_fenv runs here for memcheck's verdict only (exit 99), its own
# failures are ignored; its assertions are checked natively and under ASan.
# So does test_semantics <path>: valgrind computes x87 long double in 64-bit
# double, which the long-double reference behind its ±inf-limit checks needs
# (under valgrind it returns NaN for the limits of gelu, silu, ...).
# test_semantics' long-array cases (2^21 elements per call, the streaming
# stores) are left out here by name (ACTFN_TEST_SKIP; they took most of
# this stage's time under valgrind): the ASan stage runs them.
# VALGRIND_BUILD=DIR runs the checks from an existing uninstrumented build
# instead (CI: the x86 suite's build-test, Release, already built).
stage_valgrind() {
  local b=${VALGRIND_BUILD:-$prefix-valgrind}
  [ -n "${VALGRIND_BUILD:-}" ] || configure "$b"
  cmake --build "$b" -j"$jobs" --target test_semantics test_fenv test_dispatch test_threads test_maxout isas
  local t=$b/tests
  local paths best q
  # the command strings below are eval'd: the directory quoted for the shell
  q=$(printf %q "$t")
  paths=$("${vg[@]}" "$t/isas")
  best=$(env -u ACTFN_ISA "${vg[@]}" "$t/isas" --active)
  echo "paths under valgrind: $(echo $paths) (best: $best)"
  export ACTFN_ISA=$best
  # memcheck runs one thread at a time: the checks run $jobs at once, the
  # longest first
  local c=()
  for path in $paths; do
    c+=("ACTFN_TEST_SKIP='*long_arrays*' VG_ONLY=1 check \"\${vg[@]}\" $q/test_semantics $path")
  done
  c+=("check \"\${vg[@]}\" $q/test_semantics cross")
  for path in $paths; do
    c+=("VG_ONLY=1 check \"\${vg[@]}\" $q/test_fenv $path"
      "check \"\${vg[@]}\" $q/test_threads $path 1500"
      "check \"\${vg[@]}\" $q/test_maxout $path")
  done
  c+=("check \"\${vg[@]}\" $q/test_threads racing 1500"
    "check \"\${vg[@]}\" $q/test_dispatch api"
    "check \"\${vg[@]}\" $q/test_dispatch expect_$best"
    "check \"\${vg[@]}\" $q/test_dispatch ctor"
    "ACTFN_TEST_NO_CTOR=1 check \"\${vg[@]}\" $q/test_dispatch threads"
    "ACTFN_ISA=scalar check \"\${vg[@]}\" $q/test_dispatch expect_scalar")
  run_checks "${c[@]}"
}

# ---- (c) ThreadSanitizer -------------------------------------------------------
stage_tsan() {
  local b=$prefix-tsan
  configure "$b" -DACTFN_TSAN=ON
  cmake --build "$b" -j"$jobs" --target test_threads test_dispatch isas
  local t=$b/tests fail=0
  for path in $("$t/isas"); do
    check "$t/test_threads" "$path" || fail=1
  done
  SKIP_OK=1 check "$t/test_threads" racing || fail=1
  ACTFN_TEST_NO_CTOR=1 check "$t/test_dispatch" threads || fail=1
  return $fail
}

# ---- (d) libFuzzer ---------------------------------------------------------------
stage_fuzz() {
  local b=$prefix-fuzz
  configure "$b" -DCMAKE_C_COMPILER=clang -DACTFN_FUZZ=ON
  cmake --build "$b" -j"$jobs" --target fuzz_api
  local f=$b/tests/fuzz_api run=$b/fuzz-run
  rm -rf "$run"
  mkdir -p "$run/corpus"
  # the seeds once, then new inputs go to $run/corpus (the repository's
  # corpus stays as checked in); a crash is saved as $run/crash-*
  check "$f" -runs=0 -artifact_prefix="$run/" "$root/tests/fuzz/corpus" || return 1
  echo "--- fuzz_api for ${fuzz_seconds}s"
  local rc=0
  "$f" -max_total_time="$fuzz_seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$run/" "$run/corpus" "$root/tests/fuzz/corpus" >"$run/log" 2>&1 || rc=$?
  if [ $rc -ne 0 ]; then
    grep -v '^#[0-9]' "$run/log" | tail -n 80
    echo "FAILED (exit $rc): the input is in $run/ (crash-*); replay: $f <file>"
    return 1
  fi
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss)' "$run/log" || true
  grep -E '^#[0-9]+' "$run/log" | tail -n 1
}

stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(asan valgrind tsan fuzz)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
summary=()
failed=0
for s in "${stages[@]}"; do
  case $s in asan | valgrind | tsan | fuzz) ;; *)
    echo "unknown stage $s (asan valgrind tsan fuzz)"
    exit 2
    ;;
  esac
  echo "=== $s ==="
  t0=$SECONDS
  # not `( ... ) || rc=$?`: bash ignores set -e inside a tested command
  set +e
  (set -e; "stage_$s")
  rc=$?
  set -e
  dt=$((SECONDS - t0))
  if [ $rc -eq 0 ]; then
    summary+=("$(printf '%-9s passed  %4d s' "$s" "$dt")")
  else
    summary+=("$(printf '%-9s FAILED  %4d s' "$s" "$dt")")
    failed=1
  fi
done
echo "=== summary ==="
printf '%s\n' "${summary[@]}"
exit $failed
