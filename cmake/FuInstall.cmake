# SPDX-License-Identifier: MIT
# FuInstall.cmake - what cmake --install puts where, and the uninstall
# target. Under the prefix (/usr/local unless said otherwise):
#
#   bin/fu
#   share/man/man1, man7   the pages of man/ with this release's version
#                          and date on their .TH lines, generated into
#                          BUILD/man/ (gzipped in a FU_DEB tree)
#   share/doc/fu           README.md, LICENSE, CHANGELOG.md; in a FU_DEB
#                          tree what Debian wants there instead: copyright
#                          (machine-readable, from LICENSE),
#                          changelog.Debian.gz, changelog.gz (CHANGELOG.md)
#                          and README.md.gz
#   the completions        where each shell looks for the prefix installed
#                          to (cmake/install-begin.cmake.in says where)
#   libexec/fu             FU_HELPERS (CMakeLists.txt)
#   lib/systemd/user       FU_SYSTEMD_USER_UNITS (CMakeLists.txt)
#
# cmake --build BUILD --target uninstall removes what the last cmake
# --install from BUILD installed (BUILD/install_manifest.txt), then the
# directories that install created, when they are empty
# (cmake/uninstall.cmake).

set(CMAKE_INSTALL_DEFAULT_COMPONENT_NAME fu)
# whatever the umask of the one installing
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE
  OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# The directories installed into, relative to the prefix: install-begin
# notes which of them (and of their parents) the install creates.
set(FU_INSTALL_DIRS ${CMAKE_INSTALL_BINDIR} ${CMAKE_INSTALL_DOCDIR})

# First of all (install rules run in the order they are given): note the
# directories, install the completions.
install(SCRIPT ${PROJECT_BINARY_DIR}/install-begin.cmake)

install(TARGETS fu RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# gzip -n9 IN OUT at build time (no name, no time stamp: the same bytes
# from every build), as Debian wants documents and man pages
set(FU_GZIPPED)
function(fu_gzip in out)
  get_filename_component(dir ${out} DIRECTORY)
  file(MAKE_DIRECTORY ${dir})
  add_custom_command(OUTPUT ${out}
    COMMAND sh -c "gzip -n9 <\"$1\" >\"$2\"" sh ${in} ${out}
    DEPENDS ${in} VERBATIM)
  set(FU_GZIPPED ${FU_GZIPPED} ${out} PARENT_SCOPE)
endfunction()

# The man pages: man/*.[1-8] with @FU_VERSION@ and @FU_DATE@ filled in,
# into BUILD/man/, which the tests read (t_docs) and which is installed.
set(FU_MAN_DIR ${PROJECT_BINARY_DIR}/man)
file(GLOB FU_MAN_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.[1-8])
foreach(page ${FU_MAN_PAGES})
  get_filename_component(name ${page} NAME)
  string(REGEX REPLACE "^.*\\.([1-8])$" "\\1" section ${name})
  configure_file(${page} ${FU_MAN_DIR}/${name} @ONLY)
  set(installed ${FU_MAN_DIR}/${name})
  if(FU_DEB)
    fu_gzip(${FU_MAN_DIR}/${name} ${FU_MAN_DIR}/gz/${name}.gz)
    set(installed ${FU_MAN_DIR}/gz/${name}.gz)
  endif()
  install(FILES ${installed} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
  list(APPEND FU_INSTALL_DIRS ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()

# The documents.
if(FU_DEB)
  set(deb ${PROJECT_BINARY_DIR}/debian)
  # copyright, in Debian's machine-readable format, from LICENSE: its
  # copyright line, and the licence's text indented by one space, each
  # empty line a " ."
  file(READ ${PROJECT_SOURCE_DIR}/LICENSE license)
  if(NOT license MATCHES "Copyright \\(c\\) ([^\n]*)\n\n(Permission is hereby granted[^\n]*\n.*)$")
    message(FATAL_ERROR "LICENSE: no 'Copyright (c) ...' line followed by the MIT licence")
  endif()
  set(FU_COPYRIGHT "${CMAKE_MATCH_1}")
  string(STRIP "${CMAKE_MATCH_2}" text)
  string(REPLACE "\n\n" "\n.\n" text "${text}")
  string(REPLACE "\n" "\n " FU_LICENSE_TEXT " ${text}")
  file(WRITE ${deb}/copyright.new "\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: fu
Comment: Generated from fu's LICENSE by cmake/FuInstall.cmake.

Files: *
Copyright: ${FU_COPYRIGHT}
License: Expat

License: Expat
${FU_LICENSE_TEXT}
")
  configure_file(${deb}/copyright.new ${deb}/copyright COPYONLY)
  # changelog.Debian: this package's one entry, dated as the release
  execute_process(COMMAND date -u -R -d @${FU_DATE_EPOCH}
    OUTPUT_VARIABLE date OUTPUT_STRIP_TRAILING_WHITESPACE)
  file(WRITE ${deb}/changelog.Debian.new "\
fu (${FU_VERSION}-${FU_DEB_RELEASE}) unstable; urgency=medium

  * fu ${FU_VERSION}, packaged by CPack from fu's own build (cmake -DFU_DEB=ON;
    cpack -G DEB). What changed in fu is in changelog.gz.

 -- ${FU_DEB_MAINTAINER}  ${date}
")
  configure_file(${deb}/changelog.Debian.new ${deb}/changelog.Debian COPYONLY)
  fu_gzip(${deb}/changelog.Debian ${deb}/changelog.Debian.gz)
  fu_gzip(${PROJECT_SOURCE_DIR}/CHANGELOG.md ${deb}/changelog.gz)
  fu_gzip(${PROJECT_SOURCE_DIR}/README.md ${deb}/README.md.gz)
  install(FILES ${deb}/copyright ${deb}/changelog.Debian.gz ${deb}/changelog.gz
    ${deb}/README.md.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
  # What lintian is told to let be, and why (README, "Packaging").
  install(FILES ${PROJECT_SOURCE_DIR}/cmake/lintian-overrides
    DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME fu)
  list(APPEND FU_INSTALL_DIRS ${CMAKE_INSTALL_DATADIR}/lintian/overrides)
else()
  install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
    ${PROJECT_SOURCE_DIR}/CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()
if(FU_GZIPPED)
  add_custom_target(fu_gzipped ALL DEPENDS ${FU_GZIPPED})
endif()

# What later features install (CMakeLists.txt's lists).
if(FU_HELPERS)
  install(TARGETS ${FU_HELPERS} RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/fu)
  list(APPEND FU_INSTALL_DIRS ${CMAKE_INSTALL_LIBEXECDIR}/fu)
endif()
if(FU_SYSTEMD_USER_UNITS)
  # not LIBDIR: systemd reads PREFIX/lib/systemd/user, never a multiarch
  # directory
  install(FILES ${FU_SYSTEMD_USER_UNITS} DESTINATION lib/systemd/user)
  list(APPEND FU_INSTALL_DIRS lib/systemd/user)
endif()

# Stripped as Debian strips (dh_strip): without the .comment and .note
# sections plain strip leaves (cpack strips: CPACK_STRIP_FILES).
if(FU_DEB)
  foreach(program fu ${FU_HELPERS})
    if(program STREQUAL "fu")
      set(dir ${CMAKE_INSTALL_BINDIR})
    else()
      set(dir ${CMAKE_INSTALL_LIBEXECDIR}/fu)
    endif()
    install(CODE "if(CMAKE_INSTALL_DO_STRIP)
  execute_process(COMMAND \"${CMAKE_STRIP}\" --remove-section=.comment
    --remove-section=.note \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${dir}/$<TARGET_FILE_NAME:${program}>\"
    COMMAND_ERROR_IS_FATAL ANY)
endif()")
  endforeach()
endif()

# Where the completions go, when the prefix does not decide (empty: it
# does). Relative to the prefix, or absolute.
set(FU_BASH_COMPLETIONSDIR "" CACHE STRING "Where bash-completion reads fu's completion (empty: by prefix)")
set(FU_ZSH_COMPLETIONSDIR "" CACHE STRING "Where zsh reads _fu (empty: by prefix)")
set(FU_FISH_COMPLETIONSDIR "" CACHE STRING "Where fish reads fu.fish (empty: by prefix)")
configure_file(${PROJECT_SOURCE_DIR}/cmake/install-begin.cmake.in
  ${PROJECT_BINARY_DIR}/install-begin.cmake @ONLY)

add_custom_target(uninstall
  COMMAND ${CMAKE_COMMAND} -DFU_BINARY_DIR=${PROJECT_BINARY_DIR}
    -P ${PROJECT_SOURCE_DIR}/cmake/uninstall.cmake
  COMMENT "Removing what cmake --install installed (install_manifest.txt)"
  VERBATIM)
