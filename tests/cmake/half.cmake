# bf16 and f16 (eltwise/test_half.c): every pattern of both formats, every
# function, forward and derivative bit for bit against the correctly
# rounded value, backward within 1 ULP of the format; NaN patterns; guard
# pages, tails and in place.  One ctest per path built (half_<path>); a
# path this CPU lacks lists its tests as skipped and exits 77.

add_executable(test_half eltwise/test_half.c reference/ref_mpfr_half.c)
# the registry's exact column (src/registry/eltwise.def)
target_include_directories(test_half PRIVATE ${PROJECT_SOURCE_DIR}/src)
# MPFR (libmpfr-dev) for the inputs near a rounding boundary
find_library(ACTFN_MPFR_LIBRARY mpfr REQUIRED)
find_path(ACTFN_MPFR_INCLUDE_DIR mpfr.h REQUIRED)
target_include_directories(test_half PRIVATE ${ACTFN_MPFR_INCLUDE_DIR})
target_link_libraries(test_half PRIVATE actfn_ref actfn PkgConfig::CMOCKA ${ACTFN_MPFR_LIBRARY} gmp m)

# Under an emulator the long-double reference is binary128 in software:
# every 16th pattern plus every special (test_half --sparse); natively all.
if(CMAKE_CROSSCOMPILING_EMULATOR)
  set(actfn_half_args --sparse=16)
  set(actfn_half_timeout 3600)
else()
  set(actfn_half_args)
  set(actfn_half_timeout 600)
endif()
foreach(isa IN LISTS ACTFN_ISAS)
  add_test(NAME half_${isa} COMMAND test_half ${actfn_half_args} ${isa})
  set_tests_properties(half_${isa} PROPERTIES SKIP_RETURN_CODE 77 LABELS "half;${isa}"
                                              TIMEOUT ${actfn_half_timeout})
endforeach()
