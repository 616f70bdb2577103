# Accuracy against the long-double reference (tests/ref.c): one ctest per
# dispatch path, each checking forward, derivative and backward of every
# registered function.  Its ACCURACY lines feed gen_accuracy_table.sh.

# The reference: the core functions (ref.c) and, when present, the catalog
# ones (ref_catalog.c, whose zeros of f' ref_init() then bisects as well).
# ref.c's table is generated from src/ops.def.
add_library(actfn_ref STATIC ref.c)
if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/ref_catalog.c)
  target_sources(actfn_ref PRIVATE ref_catalog.c)
  target_compile_definitions(actfn_ref PRIVATE REF_HAVE_CATALOG=1)
endif()
target_include_directories(actfn_ref PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/include
                                            ${CMAKE_CURRENT_SOURCE_DIR})
# ref_init() takes the default parameters from the library.
target_link_libraries(actfn_ref PUBLIC actfn m)

add_executable(test_accuracy test_accuracy.c)
target_link_libraries(test_accuracy PRIVATE actfn_ref actfn PkgConfig::CMOCKA m)

# A path this CPU does not run reports its tests as skipped and exits 0.
set(actfn_accuracy_paths scalar avx2 avx512)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  list(APPEND actfn_accuracy_paths neon)
endif()
foreach(isa IN LISTS actfn_accuracy_paths)
  add_test(NAME accuracy_${isa} COMMAND test_accuracy ${isa})
  set_tests_properties(accuracy_${isa} PROPERTIES LABELS "accuracy;${isa}" TIMEOUT 300)
endforeach()
