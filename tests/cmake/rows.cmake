# The row-wise and channel calls (rows/): one ctest per call family and
# path built (maxout_<path>); a path this CPU lacks lists its tests as
# skipped and exits 77.
add_executable(test_maxout rows/test_maxout.c)
target_include_directories(test_maxout PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(test_maxout PRIVATE actfn PkgConfig::CMOCKA m)
foreach(isa IN LISTS ACTFN_ISAS)
  add_test(NAME maxout_${isa} COMMAND test_maxout ${isa})
  set_tests_properties(maxout_${isa} PROPERTIES SKIP_RETURN_CODE 77 LABELS "rows;${isa}")
endforeach()

# glu, glu_backward, glu_rows (rows/test_glu.c): every kind as the gate
# against the long-double reference (MPFR for f64: with MPFR only, like
# accuracy64_*).
if(TARGET actfn_ref_mpfr)
  add_executable(test_glu rows/test_glu.c)
  target_include_directories(test_glu PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(test_glu PRIVATE actfn_ref_mpfr actfn PkgConfig::CMOCKA m)
  foreach(isa IN LISTS ACTFN_ISAS)
    add_test(NAME glu_${isa} COMMAND test_glu ${isa})
    set_tests_properties(glu_${isa} PROPERTIES SKIP_RETURN_CODE 77 LABELS "rows;${isa}")
  endforeach()
else()
  message(STATUS "actfn: glu tests (glu_*) not built: MPFR not found")
endif()
