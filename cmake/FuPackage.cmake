# SPDX-License-Identifier: MIT
# FuPackage.cmake - the Debian package. In a build tree configured for it:
#
#   cmake -S . -B build-deb -DFU_DEB=ON
#   cmake --build build-deb -j2
#   (cd build-deb && cpack -G DEB)          # build-deb/fu_0.2.0-1_amd64.deb
#
# what cmake --install puts under /usr (cmake/FuInstall.cmake), stripped,
# with Depends computed by dpkg-shlibdeps from the libraries fu links,
# plus the spelling library fu loads with dlopen (which dpkg-shlibdeps
# cannot see) and a dictionary for it. cpack -G DEB in a tree without
# FU_DEB refuses (cmake/CPackProjectConfig.cmake.in): its fu would lack
# Debian's flags and its man pages would not be compressed.

set(CPACK_PACKAGE_NAME fu)
set(CPACK_PACKAGE_VERSION ${FU_VERSION})
set(CPACK_PACKAGE_VENDOR "The fu authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "follow-up tracker for job seekers")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "\
fu keeps a job seeker's follow-ups on time. Tell it what happened (an
application, an interview, a reply) and it knows the etiquette recruiters
describe: a thank-you to each interviewer within a day, a check-in a few
days after applying, a nudge every other week, never bombarding anyone,
stopping when a door closes. Each morning fu due says what to do, and
why.

fu draft writes each message from what was logged (e-mail, letter or
phone notes), spell-checked with hunspell. Everything stays in one
private SQLite file; every command speaks JSON and has documented exit
codes; man pages and bash, zsh and fish completion are included.")
set(CPACK_GENERATOR DEB)
set(CPACK_SOURCE_GENERATOR "") # no source packages: a git archive is one
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${FU_DEB_RELEASE})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${FU_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_BINARY_DIR}/CPackProjectConfig.cmake)

if(FU_DEB)
  # The package of the spelling library fu loads (FU_HUNSPELL_SO), and
  # the dependency its shlibs file gives, as dpkg-shlibdeps would had fu
  # linked it.
  get_filename_component(_dir "${FU_HUNSPELL_LIBRARY}" DIRECTORY)
  execute_process(COMMAND dpkg-query -S "${_dir}/${FU_HUNSPELL_SO}"
    OUTPUT_VARIABLE _owner RESULT_VARIABLE _rc OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _rc EQUAL 0 OR NOT _owner MATCHES "^([^:,]+)(:[^:,]+)?: ")
    message(FATAL_ERROR "FU_DEB: no Debian package holds ${_dir}/${FU_HUNSPELL_SO}")
  endif()
  set(FU_HUNSPELL_PACKAGE ${CMAKE_MATCH_1})
  set(FU_HUNSPELL_DEPENDS ${FU_HUNSPELL_PACKAGE})
  execute_process(COMMAND dpkg-query --control-show ${FU_HUNSPELL_PACKAGE} shlibs
    OUTPUT_VARIABLE _shlibs RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND FU_HUNSPELL_SO MATCHES "^(.*)\\.so\\.([0-9.]+)$")
    string(REPLACE "." "\\." _lib "${CMAKE_MATCH_1}")
    string(REPLACE "." "\\." _ver "${CMAKE_MATCH_2}")
    if(_shlibs MATCHES "(^|\n)${_lib} ${_ver} ([^\n]+)")
      set(FU_HUNSPELL_DEPENDS "${CMAKE_MATCH_2}")
    endif()
  endif()
  # A dictionary: drafts are English (fu-draft(1)), and a draft without
  # one is not spell-checked and says so each time, so it is a Depends.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "${FU_HUNSPELL_DEPENDS}, hunspell-en-us | hunspell-dictionary")
  message(STATUS "FU_DEB: Depends: (dpkg-shlibdeps), ${CPACK_DEBIAN_PACKAGE_DEPENDS}")
endif()

configure_file(${PROJECT_SOURCE_DIR}/cmake/CPackProjectConfig.cmake.in
  ${PROJECT_BINARY_DIR}/CPackProjectConfig.cmake @ONLY)
include(CPack)
