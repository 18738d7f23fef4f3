# SPDX-License-Identifier: MIT
# uninstall.cmake - remove what cmake --install installed from a build
# tree: every file of its install_manifest.txt, then each directory the
# install created (install_dirs.txt, written by install-begin.cmake),
# deepest first, when it is empty. A directory that was there before,
# or that holds anything else, stays. DESTDIR is honoured, and must be
# the install's (it refuses, removing nothing, after cpack installed into
# a DESTDIR of its own).
#
#   cmake --build BUILD --target uninstall
#   cmake -DFU_BINARY_DIR=BUILD [-DFU_COMPONENT=C] -P cmake/uninstall.cmake
#
# FU_COMPONENT: what cmake --install --component C installed
# (install_manifest_C.txt).

if(NOT FU_BINARY_DIR)
  message(FATAL_ERROR "usage: cmake -DFU_BINARY_DIR=BUILD [-DFU_COMPONENT=C] -P uninstall.cmake")
endif()
if(FU_COMPONENT)
  set(manifest "${FU_BINARY_DIR}/install_manifest_${FU_COMPONENT}.txt")
  set(record "${FU_BINARY_DIR}/install_dirs_${FU_COMPONENT}.txt")
else()
  set(manifest "${FU_BINARY_DIR}/install_manifest.txt")
  set(record "${FU_BINARY_DIR}/install_dirs.txt")
endif()
if(NOT EXISTS "${manifest}")
  message(FATAL_ERROR "nothing to uninstall: no ${manifest} (cmake --install writes it)")
endif()

set(destdir "$ENV{DESTDIR}")
set(dirs)
if(EXISTS "${record}")
  file(STRINGS "${record}" dirs)
  list(POP_FRONT dirs installed_to)
  if(NOT installed_to STREQUAL "DESTDIR=${destdir}")
    string(REGEX REPLACE "^DESTDIR=" "" installed_to "${installed_to}")
    message(FATAL_ERROR "the last install from ${FU_BINARY_DIR} was into "
      "DESTDIR='${installed_to}', not '${destdir}': nothing removed "
      "(run it with DESTDIR=${installed_to})")
  endif()
endif()
file(STRINGS "${manifest}" files)
foreach(f ${files})
  set(path "${destdir}${f}")
  if(EXISTS "${path}" OR IS_SYMLINK "${path}")
    message(STATUS "Removing: ${path}")
    file(REMOVE "${path}")
    if(EXISTS "${path}" OR IS_SYMLINK "${path}")
      message(FATAL_ERROR "cannot remove ${path}")
    endif()
  else()
    message(STATUS "Not there: ${path}")
  endif()
endforeach()

if(EXISTS "${record}")
  # deepest first: a longer path is never the parent of a shorter one
  set(keyed)
  foreach(d ${dirs})
    string(LENGTH "${d}" n)
    math(EXPR key "100000 + ${n}") # same width, so that they sort as numbers
    list(APPEND keyed "${key}|${d}")
  endforeach()
  list(SORT keyed ORDER DESCENDING)
  foreach(k ${keyed})
    string(REGEX REPLACE "^[0-9]+\\|" "" d "${k}")
    set(path "${destdir}${d}")
    if(NOT IS_DIRECTORY "${path}" OR IS_SYMLINK "${path}")
      continue()
    endif()
    file(GLOB entries LIST_DIRECTORIES true "${path}/*" "${path}/.*")
    if(entries)
      message(STATUS "Keeping (not empty): ${path}")
    else()
      message(STATUS "Removing: ${path}/")
      file(REMOVE_RECURSE "${path}")
    endif()
  endforeach()
  file(REMOVE "${record}")
endif()
