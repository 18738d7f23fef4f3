# SPDX-License-Identifier: MIT
# FuDeb.cmake - a build tree for the Debian package (-DFU_DEB=ON): fu is
# installed under /usr (unless CMAKE_INSTALL_PREFIX says otherwise) and
# compiled and linked with the flags Debian builds its packages with
# (dpkg-buildflags, with every hardening feature: fortified functions,
# stack protector, read-only relocations bound at start-up). Included
# before GNUInstallDirs, which derives its directories from the prefix.
if(NOT FU_DEB)
  return()
endif()

if(CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT)
  set(CMAKE_INSTALL_PREFIX /usr CACHE PATH "Install path prefix" FORCE)
endif()

find_program(FU_DPKG_BUILDFLAGS dpkg-buildflags)
if(NOT FU_DPKG_BUILDFLAGS)
  message(FATAL_ERROR "FU_DEB: dpkg-buildflags is not installed (Debian's dpkg-dev)")
endif()
# FLAG: the value dpkg-buildflags gives, as a list. It runs in the source
# directory, so that its -ffile-prefix-map makes the paths compiled into
# fu relative to it (the build is then reproducible wherever it is done).
function(fu_dpkg_buildflag out flag)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env DEB_BUILD_MAINT_OPTIONS=hardening=+all
      ${FU_DPKG_BUILDFLAGS} --get ${flag}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    OUTPUT_VARIABLE value OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "FU_DEB: dpkg-buildflags --get ${flag} failed")
  endif()
  separate_arguments(value UNIX_COMMAND "${value}")
  set(${out} ${value} PARENT_SCOPE)
endfunction()
fu_dpkg_buildflag(FU_DEB_CFLAGS CFLAGS)
fu_dpkg_buildflag(FU_DEB_CPPFLAGS CPPFLAGS)
fu_dpkg_buildflag(FU_DEB_LDFLAGS LDFLAGS)
add_compile_options(${FU_DEB_CPPFLAGS} ${FU_DEB_CFLAGS})
add_link_options(${FU_DEB_LDFLAGS})
string(REPLACE ";" " " _flags "${FU_DEB_CPPFLAGS};${FU_DEB_CFLAGS};${FU_DEB_LDFLAGS}")
message(STATUS "FU_DEB: under ${CMAKE_INSTALL_PREFIX}, with dpkg-buildflags: ${_flags}")

# The package's revision (fu_0.2.0-1) and who made it, as Debian's own
# tools take it (DEBFULLNAME and DEBEMAIL, like dch), else the authors.
set(FU_DEB_RELEASE 1 CACHE STRING "Debian revision of the package")
if(NOT "$ENV{DEBEMAIL}" STREQUAL "" AND "$ENV{DEBEMAIL}" MATCHES "<")
  set(_maintainer "$ENV{DEBEMAIL}")
elseif(NOT "$ENV{DEBEMAIL}" STREQUAL "" AND NOT "$ENV{DEBFULLNAME}" STREQUAL "")
  set(_maintainer "$ENV{DEBFULLNAME} <$ENV{DEBEMAIL}>")
else()
  set(_maintainer "The fu authors <fu@example.org>")
endif()
set(FU_DEB_MAINTAINER "${_maintainer}" CACHE STRING
  "The package's Maintainer (default: DEBFULLNAME <DEBEMAIL>)")
