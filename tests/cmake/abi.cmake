# Dispatch, the exported ABI and installed consumption.

find_package(Threads REQUIRED)

# test_dispatch against the shared library and against the archive: in the
# static build the order of the test's constructor and the library's is not
# fixed, so "called before the library initialised itself" really happens.
add_executable(test_dispatch eltwise/test_dispatch.c)
target_link_libraries(test_dispatch PRIVATE actfn PkgConfig::CMOCKA Threads::Threads m)
add_executable(test_dispatch_static eltwise/test_dispatch.c)
target_link_libraries(test_dispatch_static PRIVATE actfn_static PkgConfig::CMOCKA Threads::Threads m)
# Which paths this build has (ACTFN_ISA_<ISA>=OFF leaves one out).
foreach(isa IN LISTS ACTFN_ISAS)
  string(TOUPPER ${isa} ISA)
  target_compile_definitions(test_dispatch PRIVATE ACTFN_TEST_BUILT_${ISA}=1)
  target_compile_definitions(test_dispatch_static PRIVATE ACTFN_TEST_BUILT_${ISA}=1)
endforeach()

add_test(NAME dispatch_api COMMAND test_dispatch api)

# ACTFN_ISA=<path>: that path if this CPU runs it, else the best one; for
# every path the library knows (tests/CMakeLists.txt), built or not: one not
# built for this target must fall back to the best path.
set(actfn_env_tests)
foreach(isa IN LISTS ACTFN_ISAS actfn_unbuilt_isas)
  add_test(NAME dispatch_env_${isa} COMMAND test_dispatch expect_${isa})
  set_tests_properties(dispatch_env_${isa} PROPERTIES ENVIRONMENT "ACTFN_ISA=${isa}")
  list(APPEND actfn_env_tests dispatch_env_${isa})
endforeach()
add_test(NAME dispatch_env_static_scalar COMMAND test_dispatch_static expect_scalar)
set_tests_properties(dispatch_env_static_scalar PROPERTIES ENVIRONMENT "ACTFN_ISA=scalar")
# Unknown and empty values fall back to the best path.
foreach(value bogus "")
  string(MAKE_C_IDENTIFIER "${value}" id)
  if(id STREQUAL "")
    set(id empty)
  endif()
  add_test(NAME dispatch_env_${id} COMMAND test_dispatch expect_best)
  set_tests_properties(dispatch_env_${id} PROPERTIES ENVIRONMENT "ACTFN_ISA=${value}")
  list(APPEND actfn_env_tests dispatch_env_${id})
endforeach()
if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.22)
  add_test(NAME dispatch_env_unset COMMAND test_dispatch expect_best)
  set_tests_properties(dispatch_env_unset PROPERTIES ENVIRONMENT_MODIFICATION "ACTFN_ISA=unset:")
  list(APPEND actfn_env_tests dispatch_env_unset)
endif()

# The API from a constructor before main, and from 4 threads at first use
# (ACTFN_TEST_NO_CTOR keeps the constructor from being first).
foreach(variant "" _static)
  add_test(NAME dispatch_ctor${variant} COMMAND test_dispatch${variant} ctor)
  add_test(NAME dispatch_threads${variant} COMMAND test_dispatch${variant} threads)
  set_tests_properties(dispatch_threads${variant} PROPERTIES ENVIRONMENT "ACTFN_TEST_NO_CTOR=1")
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.22)
    set_tests_properties(dispatch_ctor${variant} PROPERTIES
      ENVIRONMENT_MODIFICATION "ACTFN_TEST_NO_CTOR=unset:")
  endif()
endforeach()

# Every exported symbol starts with actfn_, SONAME libactfn.so.<major>, the
# header's functions are all exported and nothing else is.
set(actfn_symbol_tools)
if(CMAKE_NM)
  list(APPEND actfn_symbol_tools "NM=${CMAKE_NM}")
endif()
if(CMAKE_READELF)
  list(APPEND actfn_symbol_tools "READELF=${CMAKE_READELF}")
endif()
add_test(NAME exported_symbols
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_symbols.sh
          $<TARGET_FILE:actfn> libactfn.so.${PROJECT_VERSION_MAJOR}
          ${PROJECT_SOURCE_DIR}/include/actfn.h $<TARGET_FILE:actfn_static>
          ${CMAKE_CURRENT_SOURCE_DIR}/cmake/abi-symbols.txt)
set_tests_properties(exported_symbols PROPERTIES ENVIRONMENT "${actfn_symbol_tools}" LABELS abi)

# cmake --install into a temporary prefix; consumers through pkg-config
# (shared and static) and find_package(actfn).  It builds and runs the
# consumers with host tools (cc, ldd), so a cross build leaves it out.
if(CMAKE_CROSSCOMPILING)
  message(STATUS "install_consumers: not added when cross-compiling (it runs host cc and ldd)")
else()
  add_test(NAME install_consumers
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cmake/install/run.sh ${CMAKE_BINARY_DIR}
            ${CMAKE_CURRENT_SOURCE_DIR}/cmake/install)
  set_tests_properties(install_consumers PROPERTIES
    ENVIRONMENT "CC=${CMAKE_C_COMPILER};CMAKE=${CMAKE_COMMAND};PKG_CONFIG=${PKG_CONFIG_EXECUTABLE}"
    LABELS abi TIMEOUT 600)
endif()
