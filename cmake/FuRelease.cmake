# SPDX-License-Identifier: MIT
# FuRelease.cmake - the release this tree builds. Its version is
# project(VERSION) in CMakeLists.txt, written nowhere else; its date is
# the one CHANGELOG.md gives the version ("## [0.2.0] - 2026-12-01"), or,
# while it reads "unreleased", the day of configuring (SOURCE_DATE_EPOCH
# when set, for reproducible builds). A version without its entry in
# CHANGELOG.md is an error: a release is written down before it is built.
#
# Sets FU_VERSION, FU_DATE (YYYY-MM-DD, the man pages' date) and
# FU_DATE_EPOCH (its midnight UTC, or the moment of configuring when
# unreleased), and writes include/fu/version.h (FU_VERSION) into the
# build tree.

string(REPLACE "." "\\." _version_re "${PROJECT_VERSION}")
file(STRINGS ${PROJECT_SOURCE_DIR}/CHANGELOG.md _heading
  REGEX "^## \\[${_version_re}\\]")
if(NOT _heading)
  message(FATAL_ERROR "CHANGELOG.md has no entry for ${PROJECT_VERSION} "
    "(a heading '## [${PROJECT_VERSION}] - YYYY-MM-DD', or '- unreleased')")
endif()
if(_heading MATCHES " - ([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9])$")
  set(FU_DATE ${CMAKE_MATCH_1})
  execute_process(COMMAND date -u -d "${FU_DATE}" +%s
    OUTPUT_VARIABLE FU_DATE_EPOCH OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "CHANGELOG.md: '${FU_DATE}' is not a date")
  endif()
elseif(_heading MATCHES " - unreleased$")
  string(TIMESTAMP FU_DATE "%Y-%m-%d" UTC)
  string(TIMESTAMP FU_DATE_EPOCH "%s" UTC)
else()
  message(FATAL_ERROR "CHANGELOG.md: '${_heading}' ends neither in a date "
    "(YYYY-MM-DD) nor in 'unreleased'")
endif()
set(FU_VERSION ${PROJECT_VERSION})
message(STATUS "fu ${FU_VERSION}, ${FU_DATE}")

configure_file(${PROJECT_SOURCE_DIR}/include/fu/version.h.in
  ${PROJECT_BINARY_DIR}/include/fu/version.h @ONLY)
