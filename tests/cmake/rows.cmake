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
# accuracy64).
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

# softmax, log_softmax and their backward (rows/test_softmax.c): against a
# long-double reference (f32, bf16, f16) and MPFR (f64), the same bits as
# the scalar path, for any split and ld; one ctest per path
# (softmax_<path>).  Under an emulator (--short) the 2^20-element row runs
# the forward only.
find_library(ACTFN_MPFR_LIBRARY mpfr REQUIRED)
find_path(ACTFN_MPFR_INCLUDE_DIR mpfr.h REQUIRED)
add_executable(test_softmax rows/test_softmax.c)
target_include_directories(test_softmax PRIVATE ${PROJECT_SOURCE_DIR}/src ${ACTFN_MPFR_INCLUDE_DIR})
target_link_libraries(test_softmax PRIVATE actfn PkgConfig::CMOCKA ${ACTFN_MPFR_LIBRARY} gmp m)
if(CMAKE_CROSSCOMPILING_EMULATOR)
  set(actfn_softmax_args --short)
else()
  set(actfn_softmax_args)
endif()
foreach(isa IN LISTS ACTFN_ISAS)
  add_test(NAME softmax_${isa} COMMAND test_softmax ${actfn_softmax_args} ${isa})
  set_tests_properties(softmax_${isa} PROPERTIES SKIP_RETURN_CODE 77 LABELS "rows;${isa}")
endforeach()

# prelu_channels and bias (rows/test_channels.c): bit for bit against exact
# products and the element-wise calls, dalpha and dbias against long-double
# sums; rrelu_train (rows/test_rrelu_train.c): bit for bit against a
# Philox4x32-10 checked with its known-answer vectors, any split, threads.
# One ctest each per path; under an emulator (--short) smaller sizes.
if(CMAKE_CROSSCOMPILING_EMULATOR)
  set(actfn_channels_args --short)
else()
  set(actfn_channels_args)
endif()
add_executable(test_channels rows/test_channels.c)
target_include_directories(test_channels PRIVATE ${PROJECT_SOURCE_DIR}/src)
find_package(Threads REQUIRED)
target_link_libraries(test_channels PRIVATE actfn_ref actfn PkgConfig::CMOCKA Threads::Threads m)
add_executable(test_rrelu_train rows/test_rrelu_train.c)
target_include_directories(test_rrelu_train PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(test_rrelu_train PRIVATE actfn PkgConfig::CMOCKA Threads::Threads m)
foreach(isa IN LISTS ACTFN_ISAS)
  add_test(NAME channels_${isa} COMMAND test_channels ${actfn_channels_args} ${isa})
  set_tests_properties(channels_${isa} PROPERTIES SKIP_RETURN_CODE 77 LABELS "rows;${isa}")
  add_test(NAME rrelu_train_${isa} COMMAND test_rrelu_train ${actfn_channels_args} ${isa})
  set_tests_properties(rrelu_train_${isa} PROPERTIES SKIP_RETURN_CODE 77 LABELS "rows;${isa}")
endforeach()
