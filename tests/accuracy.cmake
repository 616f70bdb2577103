# Accuracy against the long-double reference (tests/ref.c): one ctest per
# dispatch path, each checking forward, derivative and backward of every
# registered function.  Its ACCURACY lines feed gen_accuracy_table.sh.

# The reference: the core functions (ref.c) and, when present, the catalog
# ones (ref_catalog.c, whose zeros of f' ref_init() then bisects as well).
# ref.c's table is generated from src/registry/eltwise.def.
add_library(actfn_ref STATIC ref.c)
if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/ref_catalog.c)
  target_sources(actfn_ref PRIVATE ref_catalog.c)
  target_compile_definitions(actfn_ref PRIVATE REF_HAVE_CATALOG=1)
endif()
target_include_directories(actfn_ref PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/include
                                            ${CMAKE_CURRENT_SOURCE_DIR})
# ref_init() takes the default parameters from the library.
target_link_libraries(actfn_ref PUBLIC actfn m)

# The reference's own building blocks: ref_exp against expl, the ULP measure.
add_executable(test_ref test_ref.c)
target_link_libraries(test_ref PRIVATE actfn_ref PkgConfig::CMOCKA m)
add_test(NAME reference COMMAND test_ref)

add_executable(test_accuracy test_accuracy.c)
target_link_libraries(test_accuracy PRIVATE actfn_ref actfn PkgConfig::CMOCKA m)

# The paths the top level builds for this target (scalar avx2 avx512 on x86,
# scalar neon on AArch64).  A path this CPU does not run reports its tests
# as skipped and exits 0.
if(DEFINED ACTFN_ISAS)
  set(actfn_accuracy_paths ${ACTFN_ISAS})
else()
  set(actfn_accuracy_paths scalar avx2 avx512 neon)
endif()
# Under an emulator the reference dominates: AArch64's long double is
# binary128, done in software, and qemu emulates that software: the full
# sweep takes about 25 minutes per path under qemu-aarch64 on two x86 cores.
if(CMAKE_CROSSCOMPILING_EMULATOR)
  set(actfn_accuracy_timeout 3600)
else()
  set(actfn_accuracy_timeout 300)
endif()
# So there the bulk sweeps are 8 times thinner (test_accuracy --sparse=8,
# about 5 minutes per path); specials, subnormals, kinks and the zeros of f'
# stay complete.  A native AArch64 build runs the full sweep.
if(CMAKE_CROSSCOMPILING_EMULATOR)
  set(actfn_accuracy_args --sparse=8)
else()
  set(actfn_accuracy_args)
endif()
foreach(isa IN LISTS actfn_accuracy_paths)
  add_test(NAME accuracy_${isa} COMMAND test_accuracy ${actfn_accuracy_args} ${isa})
  set_tests_properties(accuracy_${isa} PROPERTIES LABELS "accuracy;${isa}"
                                                  TIMEOUT ${actfn_accuracy_timeout})
endforeach()
