# Semantics every call keeps (tests/test_semantics.c) and the caller's
# floating-point environment (tests/test_fenv.c): one ctest entry per
# dispatch path built for this target, plus one comparing the paths.  A path
# this CPU lacks exits 77 after listing its tests as skipped: ctest shows it
# as skipped, never as passed.

# The paths the top level builds for this target (scalar avx2 avx512 on x86).
if(DEFINED ACTFN_ISAS)
  set(actfn_test_paths ${ACTFN_ISAS})
else()
  set(actfn_test_paths scalar avx2 avx512 neon)
endif()

add_executable(test_semantics test_semantics.c)
target_link_libraries(test_semantics PRIVATE actfn PkgConfig::CMOCKA m)
add_executable(test_fenv test_fenv.c)
target_link_libraries(test_fenv PRIVATE actfn PkgConfig::CMOCKA m)

foreach(path IN LISTS actfn_test_paths)
  add_test(NAME semantics_${path} COMMAND test_semantics ${path})
  add_test(NAME fenv_${path} COMMAND test_fenv ${path})
  set_tests_properties(semantics_${path} fenv_${path} PROPERTIES
    SKIP_RETURN_CODE 77 LABELS "semantics;${path}" TIMEOUT 600)
endforeach()

add_test(NAME semantics_cross_path COMMAND test_semantics cross)
set_tests_properties(semantics_cross_path PROPERTIES LABELS semantics TIMEOUT 600)

# Every f32 output bit for bit against a recorded fingerprint (tests/fingerprint.c),
# one file per architecture: paths this CPU lacks are reported as skipped.
add_executable(fingerprint fingerprint.c)
target_link_libraries(fingerprint PRIVATE actfn m)
add_test(NAME fingerprint_f32
  COMMAND fingerprint check ${CMAKE_CURRENT_SOURCE_DIR}/fingerprint-${CMAKE_SYSTEM_PROCESSOR}.txt)
set_tests_properties(fingerprint_f32 PROPERTIES LABELS semantics TIMEOUT 900)
