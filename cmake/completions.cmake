# completions.cmake - installs the bash, zsh and fish completions where
# each shell finds them for the prefix of this install (run at install
# time, so that cmake --install build --prefix P decides too):
#   bash  PREFIX/share/bash-completion/completions/fu: bash-completion
#         reads it for /usr and /usr/local (its XDG_DATA_DIRS default),
#         ~/.local, and where XDG_DATA_DIRS names PREFIX/share
#   zsh   /usr: share/zsh/vendor-completions (Debian's packages); any
#         other prefix: share/zsh/site-functions (on zsh's default fpath
#         for /usr/local; add it to fpath for another prefix)
#   fish  /usr: share/fish/vendor_completions.d; /usr/local:
#         /etc/fish/completions (Debian's fish reads PREFIX/share/fish
#         only where XDG_DATA_DIRS names it, and usually it is unset);
#         any other prefix: share/fish/vendor_completions.d (read for
#         ~/.local, or where XDG_DATA_DIRS names PREFIX/share)
# FU_ZSH_COMPLETIONSDIR, FU_FISH_COMPLETIONSDIR, FU_BASH_COMPLETIONSDIR in
# the environment choose another directory (absolute).
set(p "${CMAKE_INSTALL_PREFIX}")
set(d "${FU_INSTALL_DATADIR}")
if(NOT IS_ABSOLUTE "${d}")
  set(d "${p}/${d}")
endif()
set(bash "${d}/bash-completion/completions")
if(p STREQUAL "/usr")
  set(zsh "${d}/zsh/vendor-completions")
  set(fish "${d}/fish/vendor_completions.d")
elseif(p STREQUAL "/usr/local")
  set(zsh "${d}/zsh/site-functions")
  set(fish "/etc/fish/completions")
else()
  set(zsh "${d}/zsh/site-functions")
  set(fish "${d}/fish/vendor_completions.d")
endif()
foreach(shell bash zsh fish)
  string(TOUPPER ${shell} up)
  if(DEFINED ENV{FU_${up}_COMPLETIONSDIR})
    set(${shell} "$ENV{FU_${up}_COMPLETIONSDIR}")
  endif()
endforeach()
file(INSTALL DESTINATION "${bash}" TYPE FILE
     RENAME fu FILES "${FU_COMPLETIONS_SRC}/fu.bash")
file(INSTALL DESTINATION "${zsh}" TYPE FILE
     FILES "${FU_COMPLETIONS_SRC}/_fu")
file(INSTALL DESTINATION "${fish}" TYPE FILE
     FILES "${FU_COMPLETIONS_SRC}/fu.fish")
