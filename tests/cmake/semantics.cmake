# Semantics every call keeps (eltwise/test_semantics.c) and the caller's
# floating-point environment (eltwise/test_fenv.c): one ctest entry per
# dispatch path built for this target, plus one comparing the paths.  A path
# this CPU lacks exits 77 after listing its tests as skipped: ctest shows it
# as skipped, never as passed.

add_executable(test_semantics eltwise/test_semantics.c)
# the cross-path test expands src/registry/eltwise.def (its exact column)
target_include_directories(test_semantics PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(test_semantics PRIVATE actfn PkgConfig::CMOCKA m)
add_executable(test_fenv eltwise/test_fenv.c)
target_link_libraries(test_fenv PRIVATE actfn PkgConfig::CMOCKA m)

foreach(path IN LISTS ACTFN_ISAS)
  add_test(NAME semantics_${path} COMMAND test_semantics ${path})
  add_test(NAME fenv_${path} COMMAND test_fenv ${path})
  set_tests_properties(semantics_${path} fenv_${path} PROPERTIES
    SKIP_RETURN_CODE 77 LABELS "semantics;${path}" TIMEOUT 600)
endforeach()

add_test(NAME semantics_cross_path COMMAND test_semantics cross)
set_tests_properties(semantics_cross_path PROPERTIES LABELS semantics TIMEOUT 600)

# Every f32 output bit for bit against a recorded fingerprint (eltwise/fingerprint.c),
# one file per architecture: paths this CPU lacks are reported as skipped.
add_executable(fingerprint eltwise/fingerprint.c)
target_link_libraries(fingerprint PRIVATE actfn m)
add_test(NAME fingerprint_f32
  COMMAND fingerprint check ${CMAKE_CURRENT_SOURCE_DIR}/eltwise/fingerprint-${CMAKE_SYSTEM_PROCESSOR}.txt)
set_tests_properties(fingerprint_f32 PROPERTIES LABELS semantics TIMEOUT 900)
