# Debian packages from this build (tests/scripts/debian-packages.sh makes,
# checks and installs them; docs/packages.md):
#
#   libactfn0      the shared library (the SONAME's major in the name)
#   libactfn-dev   header, static library, actfn.pc, CMake package
#   actfn-tools    the actfn command
#   libactfn-doc   the API reference (when Doxygen is found)
#
# Configure with -DACTFN_DEBIAN=ON -DCMAKE_INSTALL_PREFIX=/usr, build, then
# `cpack -G DEB`.  ACTFN_DEBIAN adds each package's copyright and changelog
# under /usr/share/doc/<package>/, which a plain install does not want.
set(ACTFN_DEB_MAINTAINER "libactfn developers <libactfn@users.noreply.github.com>"
    CACHE STRING "The Maintainer field of the Debian packages")

set(actfn_deb_runtime libactfn${PROJECT_VERSION_MAJOR})
set(actfn_deb_components runtime dev)
if(ACTFN_BUILD_TOOL)
  list(APPEND actfn_deb_components tool)
endif()
if(actfn_docs)
  list(APPEND actfn_deb_components doc)
endif()
set(actfn_deb_name_runtime ${actfn_deb_runtime})
set(actfn_deb_name_dev libactfn-dev)
set(actfn_deb_name_tool actfn-tools)
set(actfn_deb_name_doc libactfn-doc)

if(ACTFN_DEBIAN)
  configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.in
                 ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog @ONLY)
  # gzip -9n: no name or time stamp in the header, the same bytes each build
  execute_process(COMMAND gzip -9nc ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog
                  OUTPUT_FILE ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.gz
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "ACTFN_DEBIAN: gzip failed (${rc})")
  endif()
  foreach(c ${actfn_deb_components})
    install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright
                  ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.gz
            DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${actfn_deb_name_${c}}
            PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
            COMPONENT ${c})
  endforeach()
endif()

set(CPACK_PACKAGE_NAME actfn)
set(CPACK_PACKAGE_VENDOR "The libactfn authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${ACTFN_DEB_MAINTAINER}")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_COMPONENTS_ALL ${actfn_deb_components})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
# Depends from the ELF files (dpkg-shlibdeps); libactfn itself is found in
# this build directory, and the tool's dependency on it comes from the
# component dependency below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_CURRENT_BINARY_DIR})

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME ${actfn_deb_name_runtime})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
# shlibs (the dependency a program linked against the library gets) and an
# ldconfig trigger, written here: CPack's own calls ldconfig from postinst
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/debian/shlibs
     "libactfn ${PROJECT_VERSION_MAJOR} ${actfn_deb_runtime} (>= ${PROJECT_VERSION})\n")
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/debian/triggers "activate-noawait ldconfig\n")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_BINARY_DIR}/debian/shlibs ${CMAKE_CURRENT_BINARY_DIR}/debian/triggers)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
    "SIMD activation functions with runtime CPU dispatch - shared library
libactfn evaluates 39 neural-network activation functions (forward,
derivative and backward), softmax, gated units, maxout and per-channel
operations over f32, f64, bf16 and f16 arrays, on the fastest vector path
the CPU runs (scalar, AVX2, AVX-512, NEON), chosen at load time. bf16 and
f16 results are correctly rounded.

This package contains the shared library.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME ${actfn_deb_name_dev})
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libsleef-dev")
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "SIMD activation functions with runtime CPU dispatch - development files
libactfn evaluates neural-network activation functions over f32, f64,
bf16 and f16 arrays on the fastest vector path the CPU runs.

This package contains the header, the static library, the pkg-config file
and the CMake package (find_package(actfn)).")

set(CPACK_DEBIAN_TOOL_PACKAGE_NAME ${actfn_deb_name_tool})
set(CPACK_DEBIAN_TOOL_PACKAGE_SECTION science)
set(CPACK_COMPONENT_TOOL_DEPENDS runtime)
set(CPACK_COMPONENT_TOOL_DESCRIPTION
    "SIMD activation functions with runtime CPU dispatch - command-line tool
The actfn command shows which vector path libactfn takes on this CPU,
evaluates and plots functions, times every path next to memcpy and checks
the library's accuracy against a long-double reference.")

set(CPACK_DEBIAN_DOC_PACKAGE_NAME ${actfn_deb_name_doc})
set(CPACK_DEBIAN_DOC_PACKAGE_SECTION doc)
set(CPACK_DEBIAN_DOC_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_DOC_PACKAGE_SHLIBDEPS OFF)
set(CPACK_COMPONENT_DOC_DESCRIPTION
    "SIMD activation functions with runtime CPU dispatch - API reference
libactfn evaluates neural-network activation functions over f32, f64,
bf16 and f16 arrays on the fastest vector path the CPU runs.

This package contains the API reference in HTML, made by Doxygen from
the header.")

include(CPack)
