# Accuracy against the long-double reference (tests/reference/): one ctest
# checking forward, derivative and backward of every registered function on
# every dispatch path.  Its ACCURACY lines feed scripts/gen_accuracy_table.sh.

# The reference of every registered function: ref.h declares ref_<name>_fwd
# and ref_<name>_der from src/registry/eltwise.def, ref.c builds the table
# and the zeros of f'.
add_library(actfn_ref STATIC reference/ref.c reference/ref_functions.c)
target_include_directories(actfn_ref PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/include
                                            ${CMAKE_CURRENT_SOURCE_DIR}/reference)
# ref_init() takes the default parameters from the library.
target_link_libraries(actfn_ref PUBLIC actfn m)

# The reference's own building blocks: ref_exp against expl, the ULP measure.
add_executable(test_ref reference/test_ref.c)
target_link_libraries(test_ref PRIVATE actfn_ref PkgConfig::CMOCKA m)
add_test(NAME reference COMMAND test_ref)

add_executable(test_accuracy eltwise/test_accuracy.c)
target_link_libraries(test_accuracy PRIVATE actfn_ref actfn PkgConfig::CMOCKA m)

# Under an emulator the reference dominates: AArch64's long double is
# binary128, done in software, and qemu emulates that software: the full
# sweep takes about 25 minutes per path under qemu-aarch64 on two x86 cores.
if(CMAKE_CROSSCOMPILING_EMULATOR)
  set(actfn_accuracy_timeout 3600)
else()
  set(actfn_accuracy_timeout 300)
endif()
# So there the bulk sweeps are 8 times thinner (test_accuracy --sparse=8:
# about 3 minutes for scalar and neon on a Zen 4); specials, subnormals, kinks and the zeros of f'
# stay complete.  A native AArch64 build runs the full sweep.  So are they
# in the sanitizer builds (tests/scripts/run-hardening.sh), which are there
# for memory errors, undefined behaviour and races on every code path (the
# thinned sweep still reaches each), not for the density of the sweep: the
# plain build's run checks the full sweep, in a third of the time the
# instrumented one takes.
if(CMAKE_CROSSCOMPILING_EMULATOR OR ACTFN_SANITIZE OR ACTFN_TSAN OR ACTFN_FUZZ)
  set(actfn_accuracy_args --sparse=8)
else()
  set(actfn_accuracy_args)
endif()
# One ctest for every path built (ACTFN_ISAS): the reference of each case is
# computed once and every path checked against it (under qemu the reference
# is nearly all of the time: two paths in one process take about half of
# what two processes took).  A path this CPU does not run reports its tests
# as skipped, by name; exit 77 when every path is skipped.  COST: the
# longest tests start first when ctest runs them in parallel.
add_test(NAME accuracy COMMAND test_accuracy ${actfn_accuracy_args} ${ACTFN_ISAS})
set_tests_properties(accuracy PROPERTIES SKIP_RETURN_CODE 77 LABELS "accuracy;${ACTFN_ISAS}"
                                         TIMEOUT ${actfn_accuracy_timeout} COST 1000)

# A quick look at the f64 calls against the long-double reference (a tool,
# not a test: tests/eltwise/probe64.c).
add_executable(probe64 eltwise/probe64.c)
target_link_libraries(probe64 PRIVATE actfn_ref actfn m)

# ---- f64: against MPFR ----------------------------------------------------------
# The f64 calls against an MPFR reference (reference/ref_mpfr.c: every
# registered function at ≥ 128 bits, raised until two precisions agree):
# one ctest for every path, accuracy64, and the reference's own test
# (reference_mpfr: against the long-double reference and a 4096-bit
# evaluation).  MPFR is optional, for these tests only: pkg-config mpfr, or
# its header and library.
set(actfn_mpfr OFF)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(MPFR QUIET IMPORTED_TARGET mpfr)
  if(MPFR_FOUND)
    set(actfn_mpfr ON)
    add_library(actfn_mpfr_dep INTERFACE)
    target_link_libraries(actfn_mpfr_dep INTERFACE PkgConfig::MPFR)
  endif()
endif()
if(NOT actfn_mpfr)
  find_path(MPFR_INCLUDE_DIR mpfr.h)
  find_library(MPFR_LIBRARY mpfr)
  find_library(GMP_LIBRARY gmp)
  mark_as_advanced(MPFR_INCLUDE_DIR MPFR_LIBRARY GMP_LIBRARY)
  if(MPFR_INCLUDE_DIR AND MPFR_LIBRARY AND GMP_LIBRARY)
    set(actfn_mpfr ON)
    add_library(actfn_mpfr_dep INTERFACE)
    target_include_directories(actfn_mpfr_dep INTERFACE ${MPFR_INCLUDE_DIR})
    target_link_libraries(actfn_mpfr_dep INTERFACE ${MPFR_LIBRARY} ${GMP_LIBRARY})
  endif()
endif()

if(NOT actfn_mpfr)
  message(STATUS "actfn: f64 accuracy tests (accuracy64, reference_mpfr) not built: MPFR not found: apt-get install libmpfr-dev${deb}")
else()
  add_library(actfn_ref_mpfr STATIC reference/ref_mpfr.c)
  target_link_libraries(actfn_ref_mpfr PUBLIC actfn_ref actfn_mpfr_dep)

  add_executable(test_ref_mpfr reference/test_ref_mpfr.c)
  target_link_libraries(test_ref_mpfr PRIVATE actfn_ref_mpfr PkgConfig::CMOCKA m)
  add_test(NAME reference_mpfr COMMAND test_ref_mpfr)
  set_tests_properties(reference_mpfr PROPERTIES LABELS "accuracy")

  add_executable(test_accuracy64 eltwise/test_accuracy64.c)
  target_link_libraries(test_accuracy64 PRIVATE actfn_ref_mpfr actfn PkgConfig::CMOCKA m)
  # MPFR dominates the run time: about 17 s of CPU natively (61k inputs; the
  # reference is computed once per process and shared by the paths).  Under an emulator MPFR (GMP) runs many times slower, so
  # there the bulk inputs are 8 times thinner (--sparse=8); specials, kinks
  # and the zeros of f' stay complete.  --dense (10 times the bulk) is for
  # a run by hand.  The sanitizer builds thin them too (as above).
  if(CMAKE_CROSSCOMPILING_EMULATOR OR ACTFN_SANITIZE OR ACTFN_TSAN OR ACTFN_FUZZ)
    set(actfn_accuracy64_args --sparse=8)
  else()
    set(actfn_accuracy64_args)
  endif()
  # One ctest for every path, the reference shared (as accuracy's).
  add_test(NAME accuracy64 COMMAND test_accuracy64 ${actfn_accuracy64_args} ${ACTFN_ISAS})
  set_tests_properties(accuracy64 PROPERTIES SKIP_RETURN_CODE 77 LABELS "accuracy;${ACTFN_ISAS}"
                                             TIMEOUT ${actfn_accuracy_timeout} COST 900)
endif()
