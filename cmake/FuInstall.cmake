# SPDX-License-Identifier: MIT
# FuInstall.cmake - what cmake --install puts where, and the uninstall
# target. Under the prefix (/usr/local unless said otherwise):
#
#   bin/fu
#   share/man/man1, man7   the pages of man/ with this release's version
#                          and date on their .TH lines, generated into
#                          BUILD/man/
#   share/doc/fu           README.md, LICENSE, CHANGELOG.md
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

# The man pages: man/*.[1-8] with @FU_VERSION@ and @FU_DATE@ filled in,
# into BUILD/man/, which the tests read (t_docs) and which is installed.
set(FU_MAN_DIR ${PROJECT_BINARY_DIR}/man)
file(GLOB FU_MAN_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.[1-8])
foreach(page ${FU_MAN_PAGES})
  get_filename_component(name ${page} NAME)
  string(REGEX REPLACE "^.*\\.([1-8])$" "\\1" section ${name})
  configure_file(${page} ${FU_MAN_DIR}/${name} @ONLY)
  install(FILES ${FU_MAN_DIR}/${name} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
  list(APPEND FU_INSTALL_DIRS ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()

# The documents.
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
  ${PROJECT_SOURCE_DIR}/CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

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
