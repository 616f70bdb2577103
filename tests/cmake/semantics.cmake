# Semantics every call keeps (eltwise/test_semantics.c) and the caller's
# floating-point environment (eltwise/test_fenv.c): one ctest entry per
# dtype × dispatch path built for this target, plus one per dtype comparing
# the paths.  A path this CPU lacks exits 77 after listing its tests as
# skipped: ctest shows it as skipped, never as passed.

# ---- the dtypes, from the registry -----------------------------------------------
# actfn_dtypes: the calls' dtype suffixes, in src/registry/dtypes.def's order
# (its lines read "X(c, <name>, <NAME>, <ctype>, <grade>)"); the test
# programs expand the same file (tests/harness/dtype.h), so a new line there
# is a new ctest entry of each kind below.  hardening.cmake uses it too.
# Read whole, the lines that start with X(: file(STRINGS) would keep the
# lines' trailing backslashes, which escape the list separators.
file(READ ${PROJECT_SOURCE_DIR}/src/registry/dtypes.def actfn_dtypes_def)
string(REGEX MATCHALL "\n[ \t]*X\\(c,[ \t]*[a-z0-9_]+," actfn_dtype_lines "${actfn_dtypes_def}")
set(actfn_dtypes)
foreach(line IN LISTS actfn_dtype_lines)
  string(REGEX REPLACE ".*X\\(c,[ \t]*([a-z0-9_]+),.*" "\\1" dtype "${line}")
  list(APPEND actfn_dtypes ${dtype})
endforeach()
if(NOT actfn_dtypes)
  message(FATAL_ERROR "tests/: no dtype found in src/registry/dtypes.def")
endif()

# Under an emulator (qemu-aarch64) the f64 scalar path's semantics take
# ~8 minutes on two x86 cores beside the accuracy tests (natively ~30 s).
if(CMAKE_CROSSCOMPILING_EMULATOR)
  set(actfn_semantics_timeout 1800)
else()
  set(actfn_semantics_timeout 600)
endif()

add_executable(test_semantics eltwise/test_semantics.c)
# dtype.h and the cross-path test expand src/registry/ (dtypes.def,
# eltwise.def's exact column); the ±inf test takes the limits from the
# long-double reference (actfn_ref, accuracy.cmake)
target_include_directories(test_semantics PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(test_semantics PRIVATE actfn_ref actfn PkgConfig::CMOCKA m)
add_executable(test_fenv eltwise/test_fenv.c)
target_include_directories(test_fenv PRIVATE ${PROJECT_SOURCE_DIR}/src) # dtype.h
target_link_libraries(test_fenv PRIVATE actfn PkgConfig::CMOCKA m)

foreach(dtype IN LISTS actfn_dtypes)
  foreach(path IN LISTS ACTFN_ISAS)
    add_test(NAME semantics_${dtype}_${path} COMMAND test_semantics ${path} ${dtype})
    add_test(NAME fenv_${dtype}_${path} COMMAND test_fenv ${path} ${dtype})
    set_tests_properties(semantics_${dtype}_${path} fenv_${dtype}_${path} PROPERTIES
      SKIP_RETURN_CODE 77 LABELS "semantics;${path};${dtype}" TIMEOUT ${actfn_semantics_timeout})
  endforeach()
  add_test(NAME semantics_${dtype}_cross_path COMMAND test_semantics cross ${dtype})
  set_tests_properties(semantics_${dtype}_cross_path PROPERTIES
    LABELS "semantics;${dtype}" TIMEOUT ${actfn_semantics_timeout})
endforeach()

# Every f32 output bit for bit against a recorded fingerprint (eltwise/fingerprint.c),
# one file per architecture: paths this CPU lacks are reported as skipped.
add_executable(fingerprint eltwise/fingerprint.c)
target_link_libraries(fingerprint PRIVATE actfn m)
add_test(NAME fingerprint_f32
  COMMAND fingerprint check ${CMAKE_CURRENT_SOURCE_DIR}/eltwise/fingerprint-${CMAKE_SYSTEM_PROCESSOR}.txt)
# COST: among the longest under qemu, so it starts early when ctest runs in parallel
set_tests_properties(fingerprint_f32 PROPERTIES LABELS semantics TIMEOUT 900 COST 800)

# A lane's result depends on its own input only (eltwise/test_lanes.c): f32,
# each input among in-range inputs, beside out-of-range lanes and alone;
# bf16 and f16, every pattern in one call against NaNs and a sample alone.
add_executable(test_lanes eltwise/test_lanes.c)
target_link_libraries(test_lanes PRIVATE actfn PkgConfig::CMOCKA m)
foreach(path IN LISTS ACTFN_ISAS)
  add_test(NAME lanes_${path} COMMAND test_lanes ${path})
  set_tests_properties(lanes_${path} PROPERTIES
    SKIP_RETURN_CODE 77 LABELS "semantics;${path}" TIMEOUT ${actfn_semantics_timeout})
endforeach()
