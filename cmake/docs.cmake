# The API reference: Doxygen's HTML from include/actfn.h (docs/Doxyfile.in),
# built with the library and installed to ${CMAKE_INSTALL_DOCDIR}/html
# (component doc).  Warnings are errors (WARN_AS_ERROR): the test suite's
# api_docs runs the same configuration.
set(actfn_docs OFF)
if(NOT actfn_ACTFN_BUILD_DOCS_mode STREQUAL "OFF")
  find_program(DOXYGEN_EXECUTABLE doxygen)
  mark_as_advanced(DOXYGEN_EXECUTABLE)
  if(DOXYGEN_EXECUTABLE)
    set(actfn_docs ON)
  elseif(actfn_ACTFN_BUILD_DOCS_mode STREQUAL "ON")
    message(FATAL_ERROR "ACTFN_BUILD_DOCS=ON: doxygen not found: apt-get install doxygen")
  else()
    message(STATUS "actfn: API reference not built: doxygen not found: apt-get install doxygen")
  endif()
endif()

if(actfn_docs)
  set(ACTFN_DOXYGEN_OUT ${CMAKE_CURRENT_BINARY_DIR}/api)
  configure_file(${PROJECT_SOURCE_DIR}/docs/Doxyfile.in ${CMAKE_CURRENT_BINARY_DIR}/Doxyfile @ONLY)
  add_custom_command(OUTPUT ${ACTFN_DOXYGEN_OUT}/html/index.html
    COMMAND ${DOXYGEN_EXECUTABLE} ${CMAKE_CURRENT_BINARY_DIR}/Doxyfile
    DEPENDS ${PROJECT_SOURCE_DIR}/include/actfn.h ${PROJECT_SOURCE_DIR}/docs/api.md
            ${CMAKE_CURRENT_BINARY_DIR}/Doxyfile
    COMMENT "API reference: doxygen (warnings are errors)"
    VERBATIM)
  add_custom_target(doc ALL DEPENDS ${ACTFN_DOXYGEN_OUT}/html/index.html)
  set(dest ${CMAKE_INSTALL_DOCDIR}/html)
  if(ACTFN_DEBIAN) # /usr/share/doc/<package>
    set(dest ${CMAKE_INSTALL_DATAROOTDIR}/doc/libactfn-doc/html)
  endif()
  install(DIRECTORY ${ACTFN_DOXYGEN_OUT}/html/ DESTINATION ${dest} COMPONENT doc)
endif()
