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
