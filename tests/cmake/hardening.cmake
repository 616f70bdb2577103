# Hardening: calls from several threads (with actfn_set_isa racing), the
# libFuzzer target and the exhaustive sweep.  tests/scripts/run-hardening.sh
# runs them under ASan+UBSan, valgrind, TSan and libFuzzer;
# tests/scripts/run-exhaustive.sh runs the sweep.

find_package(Threads REQUIRED)

# 4 threads on one path: bit for bit the single-threaded result; one ctest
# per dtype × path (exit 77: skipped, this CPU lacks it).  Then the same
# while a fifth thread switches actfn_set_isa between the supported paths,
# each call on a dtype picked at random.  actfn_dtypes: the registry's
# dtypes, read by semantics.cmake (included first).
if(NOT DEFINED actfn_dtypes)
  message(FATAL_ERROR "tests/cmake/hardening.cmake: actfn_dtypes comes from semantics.cmake")
endif()
add_executable(test_threads eltwise/test_threads.c)
target_include_directories(test_threads PRIVATE ${PROJECT_SOURCE_DIR}/src) # dtype.h
target_link_libraries(test_threads PRIVATE actfn PkgConfig::CMOCKA Threads::Threads m)
foreach(dtype IN LISTS actfn_dtypes)
  foreach(path IN LISTS ACTFN_ISAS)
    add_test(NAME threads_${dtype}_${path} COMMAND test_threads ${path} ${dtype})
    set_tests_properties(threads_${dtype}_${path} PROPERTIES
      SKIP_RETURN_CODE 77 LABELS "threads;${path};${dtype}" TIMEOUT 600)
  endforeach()
endforeach()
add_test(NAME threads_racing_set_isa COMMAND test_threads racing)
set_tests_properties(threads_racing_set_isa PROPERTIES
  SKIP_RETURN_CODE 77 LABELS threads TIMEOUT 600)

# The exhaustive sweep (all 2^32 inputs × function × path × fwd/der against
# the long-double reference): a tool, not a ctest entry; built with the rest
# so that it keeps compiling.  Needs actfn_ref from accuracy.cmake.
if(TARGET actfn_ref)
  add_executable(exhaustive eltwise/exhaustive.c eltwise/exhaustive_jobs.c)
  target_link_libraries(exhaustive PRIVATE actfn_ref actfn Threads::Threads m)
endif()

# libFuzzer (-DACTFN_FUZZ=ON, clang): the top level then compiles the whole
# library with ASan + UBSan + fuzzer coverage; the target adds libFuzzer's
# main.  A ctest replays the seed corpus once (-runs=0).
if(ACTFN_FUZZ AND TARGET actfn_ref)
  add_executable(fuzz_api fuzz/fuzz_api.c)
  target_include_directories(fuzz_api PRIVATE ${PROJECT_SOURCE_DIR}/src) # dtype.h, eltwise.def
  target_link_libraries(fuzz_api PRIVATE actfn_ref actfn m)
  target_compile_options(fuzz_api PRIVATE -fsanitize=fuzzer)
  target_link_options(fuzz_api PRIVATE -fsanitize=fuzzer)
  add_test(NAME fuzz_api_seed_corpus
    COMMAND fuzz_api -runs=0 ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus)
  set_tests_properties(fuzz_api_seed_corpus PROPERTIES LABELS fuzz TIMEOUT 300)
endif()
