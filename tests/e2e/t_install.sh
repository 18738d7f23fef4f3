#!/bin/sh
# SPDX-License-Identifier: MIT
# t_install - cmake --install from the build tree, as the README says:
# fu, its man pages (this release's version on .TH), its documents, and
# its completions where each shell looks for the prefix installed to,
# proved by completing `fu ` and an option in real bash (bash-completion
# loading it on demand), zsh and fish pointed at the prefix the way a
# user's environment would be (XDG_DATA_DIRS for bash-completion and
# fish, fpath for zsh); for /usr/local and /usr (through DESTDIR), the
# directories each shell searches by default. Then uninstall leaves
# nothing of fu behind, removes the directories the install created and
# no other, and refuses another DESTDIR than the install's.
#
# The installs are of the component fu (cmake --install --component fu),
# so that the build tree's install_manifest.txt, which its uninstall
# target reads, stays that of the user's own cmake --install.
. "$FU_TESTS/e2e/lib.sh"

: "${FU_BUILD:?FU_BUILD must name the build tree}"
: "${CMAKE:?CMAKE must name cmake}"
REPO=$(cd "$FU_TESTS/.." && pwd)
version=$("$FU" --version | sed 's/^fu //')
manifest=$FU_BUILD/install_manifest_fu.txt

# inst ARGS...: cmake --install of the component fu; uninst: its
# uninstall (cmake/uninstall.cmake, which the uninstall target runs);
# both with DESTDIR=$DEST when DEST is set
DEST=""
inst() {
	env ${DEST:+DESTDIR="$DEST"} "$CMAKE" --install "$FU_BUILD" \
		--component fu "$@" >"$T/out" 2>"$T/err"
	code=$?
}
uninst() {
	env ${DEST:+DESTDIR="$DEST"} "$CMAKE" -DFU_BINARY_DIR="$FU_BUILD" \
		-DFU_COMPONENT=fu -P "$REPO/cmake/uninstall.cmake" >"$T/out" 2>"$T/err"
	code=$?
}
exists() {
	for f in "$@"; do
		if [ -e "$f" ]; then pass; else fail "$f is not there"; fi
	done
}
# empty DIR: DIR holds nothing (a DESTDIR, which the install made but
# the uninstall leaves, as it is no directory of fu's)
empty() {
	left=$(find "$1" -mindepth 1 | head -3)
	if [ -z "$left" ]; then pass; else fail "left in $1: $left"; fi
}
gone() {
	for f in "$@"; do
		if [ -e "$f" ]; then fail "$f is still there"; else pass; fi
	done
}

# --- into a prefix -------------------------------------------------------

# A prefix that exists, with someone else's man page in it: the install
# must create the rest, and the uninstall take back only that.
P=$T/prefix
mkdir -p "$P/share/man/man1"
echo ".TH OTHER 1" >"$P/share/man/man1/other.1"

t "cmake --install --prefix puts everything where it belongs"
inst --prefix "$P"
if [ "$code" -eq 0 ]; then pass; else fail "cmake --install exited $code"; fi
exists "$P/bin/fu" "$P/share/doc/fu/README.md" "$P/share/doc/fu/LICENSE" \
	"$P/share/doc/fu/CHANGELOG.md" "$P/share/man/man7/fu-rules.7" \
	"$P/share/bash-completion/completions/fu" \
	"$P/share/zsh/site-functions/_fu" \
	"$P/share/fish/vendor_completions.d/fu.fish"
for page in "$REPO"/man/*.1; do exists "$P/share/man/man1/${page##*/}"; done
if [ -x "$P/bin/fu" ]; then pass; else fail "bin/fu is not executable"; fi
# every file installed is in the manifest, and only those
find "$P" -type f ! -name other.1 | sort >"$T/found"
sort "$manifest" >"$T/listed"
if cmp -s "$T/found" "$T/listed"; then pass; else
	fail "the manifest and the files differ"; diff "$T/listed" "$T/found" | head
fi
# readable by all, whatever the umask of the one installing
bad=$(find "$P" ! -name other.1 \( -type d ! -perm 755 -o -type f ! -perm 644 \
	! -path "$P/bin/fu" ! -path "$P/libexec/fu/*" \) -print)
if [ -z "$bad" ]; then pass; else fail "modes: $(echo "$bad" | head -3)"; fi
# the helpers fu runs (fu-mail-read, ...): executable by all, nothing else
exists "$P/libexec/fu/fu-mail-read"
bad=$(find "$P/libexec/fu" -type f ! -perm 755 -print)
if [ -z "$bad" ]; then pass; else fail "helper modes: $(echo "$bad" | head -3)"; fi

t "the installed fu and its man pages are this version"
out=$("$P/bin/fu" --version)
if [ "$out" = "fu $version" ]; then pass; else fail "fu --version says '$out'"; fi
if grep -q "^\.TH FU\\\\-DUE 1 [0-9-]* \"fu $version\"" "$P/share/man/man1/fu-due.1"; then
	pass
else fail "fu-due.1: $(grep '^\.TH' "$P/share/man/man1/fu-due.1")"; fi
if command -v man >/dev/null 2>&1; then
	out=$(MANPATH=$P/share/man man -w fu-due 2>&1)
	if [ "$out" = "$P/share/man/man1/fu-due.1" ]; then pass; else
		fail "man -w fu-due says '$out'"
	fi
fi
if cmp -s "$REPO/LICENSE" "$P/share/doc/fu/LICENSE"; then pass; else fail "LICENSE"; fi

# The shells, as a user's environment points them at the prefix.
PATH=$P/bin:$PATH
export PATH
"$P/bin/fu" __complete commands >"$T/commands"
"$P/bin/fu" __complete options due >"$T/dueopts"

# got_all FILE: every line of FILE is in $T/got
got_all() {
	missing=$(grep -vxF -f "$T/got" "$1")
	if [ -z "$missing" ] && [ -s "$1" ]; then pass; else
		fail "not offered: $(echo "$missing" | tr '\n' ' ')"
	fi
}
# line_is N TEXT: the Nth line the pty run left is TEXT
line_is() {
	got=$(sed -n "${1}p" "$T/pty")
	if [ "$got" = "$2" ]; then pass; else
		fail "the line is '$got', wanted '$2'"
	fi
}

BASH_COMPLETION=/usr/share/bash-completion/bash_completion
t "bash: bash-completion finds fu's completion through XDG_DATA_DIRS"
if ! command -v bash >/dev/null 2>&1 || [ ! -r "$BASH_COMPLETION" ]; then
	echo "SKIP: bash or bash-completion is not installed"
else
	# what bash-completion does on the first TAB after "fu": load it
	# from the first directory that has it, then complete with it
	cat >"$T/bload.bash" <<'EOF'
source "$1" || exit 2
shift
__load_completion fu || exit 3
shopt -s extdebug
declare -F _fu
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
_fu fu "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
EOF
	for line in "fu " "fu due --"; do
		if [ "$line" = "fu " ]; then set -- fu ""; else set -- fu due --; fi
		XDG_DATA_DIRS=$P/share:/usr/share bash --norc --noprofile \
			"$T/bload.bash" "$BASH_COMPLETION" "$@" >"$T/got" 2>"$T/err"
		from=$(head -n 1 "$T/got")
		case $from in
		"_fu "*" $P/share/bash-completion/completions/fu") pass ;;
		*) fail "_fu came from elsewhere: $from" ;;
		esac
		if [ "$line" = "fu " ]; then got_all "$T/commands"; else got_all "$T/dueopts"; fi
	done
	XDG_DATA_DIRS=$P/share:/usr/share PTY_SHELL="bash --norc --noprofile -i" \
		drive_pty "$T/pty" \
		". $BASH_COMPLETION; __d() { printf '%s\\n' \"\$READLINE_LINE\" >>$T/pty; READLINE_LINE=; }; bind -x '\"\\C-xd\": __d'" \
		"fu du" "fu due --ch"
	line_is 1 "fu due "
	line_is 2 "fu due --check "
fi

t "zsh: compinit finds _fu on fpath"
if ! command -v zsh >/dev/null 2>&1; then
	echo "SKIP: zsh is not installed"
else
	# zcomp_in (lib.sh): the prefix's site-functions put on fpath as a
	# .zshrc does; then where _fu came from
	zcomp_in "$P/share/zsh/site-functions" "$T/zout" \
		"fu " "fu due --" "fu du" "fu due --ch"
	awk '/^=== /{b++; next} b == 0' "$T/zout" >"$T/got"
	got_all "$T/commands"
	awk '/^=== /{b++; next} b == 1' "$T/zout" >"$T/got"
	got_all "$T/dueopts"
	grep '^=== ' "$T/zout" | sed 's/^=== //' >"$T/pty"
	line_is 3 "fu due "
	line_is 4 "fu due --check "
	if grep -qxF "from: _fu is a shell function from $P/share/zsh/site-functions/_fu" "$T/zout"; then
		pass
	else
		fail "zsh's _fu: $(grep '^from: ' "$T/zout")"
	fi
fi

t "fish: finds fu.fish through XDG_DATA_DIRS"
if ! command -v fish >/dev/null 2>&1; then
	echo "SKIP: fish is not installed"
else
	XDG_DATA_DIRS=$P/share:/usr/share fish -c 'complete -C "fu "' 2>"$T/err" |
		cut -f1 >"$T/got"
	got_all "$T/commands"
	XDG_DATA_DIRS=$P/share:/usr/share fish -c 'complete -C "fu due --"' 2>"$T/err" |
		cut -f1 >"$T/got"
	got_all "$T/dueopts"
	from=$(XDG_DATA_DIRS=$P/share:/usr/share fish -c \
		'complete -C "fu du" >/dev/null; functions --details __fu_candidates' 2>&1)
	if [ "$from" = "$P/share/fish/vendor_completions.d/fu.fish" ]; then
		pass
	else
		# a directory fish reads first may hold another fu's
		first=$(XDG_DATA_DIRS=$P/share:/usr/share fish -c \
			'for d in $fish_complete_path; test -f $d/fu.fish; and echo $d/fu.fish; and break; end')
		if [ "$first" = "$from" ] && [ "$from" != "$P/share/fish/vendor_completions.d/fu.fish" ]; then
			echo "NOTE: fish reads $from (another fu's) before the prefix's"
		else
			fail "fish's completion came from '$from'"
		fi
	fi
fi

# a file left in a directory the install created: it must stay
mkdir -p "$P/share/zsh/site-functions"
: >"$P/share/zsh/site-functions/.zcompdump-keep"

t "uninstall removes every file and the directories it created, no more"
cp "$manifest" "$T/manifest"
uninst
if [ "$code" -eq 0 ]; then pass; else fail "uninstall exited $code"; fi
while read -r f; do gone "$f"; done <"$T/manifest"
gone "$P/bin" "$P/share/doc" "$P/share/bash-completion" "$P/share/fish" \
	"$P/share/man/man7"
exists "$P/share/man/man1/other.1" "$P/share/zsh/site-functions/.zcompdump-keep"
rm "$P/share/zsh/site-functions/.zcompdump-keep" "$P/share/man/man1/other.1"
rmdir "$P/share/zsh/site-functions" "$P/share/zsh" "$P/share/man/man1" \
	"$P/share/man" "$P/share" "$P" 2>"$T/err" && pass ||
	fail "more than the install's own directories were left"

t "into a prefix that does not exist: nothing of it is left after"
P2=$T/new/prefix
inst --prefix "$P2"
exists "$P2/bin/fu"
uninst
if [ "$code" -eq 0 ]; then pass; else fail "uninstall exited $code"; fi
gone "$T/new"

# --- /usr/local and /usr, staged with DESTDIR ----------------------------

# fpath of a zsh started as a user's is; fish's completion path when
# XDG_DATA_DIRS is unset, as in an ssh or console login
command -v zsh >/dev/null 2>&1 && zsh -fc 'print -l $fpath' >"$T/zfpath"
command -v fish >/dev/null 2>&1 &&
	env -u XDG_DATA_DIRS fish -c 'string join \n $fish_complete_path' >"$T/fpath"
# reads DIR SHELL: DIR is among the directories SHELL reads by default
reads() {
	case $2 in
	zsh) list=$T/zfpath ;;
	fish) list=$T/fpath ;;
	esac
	[ -f "$list" ] || return 0
	if grep -qxF "$1" "$list"; then pass; else
		fail "$2 does not read $1 by default"
	fi
}

t "prefix /usr/local: where Debian's shells look without being told"
D=$T/stage
DEST=$D
inst --prefix /usr/local
if [ "$code" -eq 0 ]; then pass; else fail "cmake --install exited $code"; fi
exists "$D/usr/local/bin/fu" "$D/usr/local/share/bash-completion/completions/fu" \
	"$D/usr/local/share/zsh/site-functions/_fu" "$D/etc/fish/completions/fu.fish"
reads /usr/local/share/zsh/site-functions zsh
reads /etc/fish/completions fish
# bash-completion: XDG_DATA_DIRS, /usr/local/share:/usr/share when unset
if [ -r "$BASH_COMPLETION" ]; then
	if grep -qF 'XDG_DATA_DIRS:-/usr/local/share:/usr/share' "$BASH_COMPLETION"; then
		pass
	else fail "bash-completion does not read /usr/local/share by default"; fi
fi

t "uninstall refuses another DESTDIR than the install's, removing nothing"
DEST=""
uninst
if [ "$code" -ne 0 ] && grep -q "DESTDIR='$D'" "$T/err"; then pass; else
	fail "uninstall without DESTDIR exited $code: $(cat "$T/err" "$T/out" | head -3)"
fi
exists "$D/usr/local/bin/fu"
DEST=$D
uninst
if [ "$code" -eq 0 ]; then pass; else fail "uninstall exited $code"; fi
empty "$D"

t "prefix /usr: Debian's vendor directories"
inst --prefix /usr
exists "$D/usr/bin/fu" "$D/usr/share/bash-completion/completions/fu" \
	"$D/usr/share/zsh/vendor-completions/_fu" \
	"$D/usr/share/fish/vendor_completions.d/fu.fish"
reads /usr/share/zsh/vendor-completions zsh
reads /usr/share/fish/vendor_completions.d fish
uninst
empty "$D"

finish
