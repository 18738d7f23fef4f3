#!/bin/sh
# SPDX-License-Identifier: MIT
# t_package - the Debian package, as the README makes it and a user gets
# it: built from the source tree (cmake -DFU_DEB=ON, cpack -G DEB, in
# FU_BUILD/package), silent under lintian, its control fields and
# contents as Debian wants them (hardened and stripped binary, gzipped
# man pages, copyright and changelogs, the completions where Debian's
# shells read them), installed for real with apt-get, then fu --version,
# man -w fu-due, a draft spell-checked through the library and dictionary
# the package depends on, and completion from the installed files; and
# removed with apt-get, leaving nothing of it behind.
#
# It installs into /usr: it runs as root only (CI's throwaway machine;
# exit 77, a skip, otherwise), alone (RUN_SERIAL), one at a time on a
# machine (a lock), and never over a fu package it did not install.
. "$FU_TESTS/e2e/lib.sh"

: "${FU_BUILD:?FU_BUILD must name the build tree}"
: "${CMAKE:?CMAKE must name cmake}"
REPO=$(cd "$FU_TESTS/.." && pwd)
version=$("$FU" --version | sed 's/^fu //')

skip() {
	echo "SKIP: $*"
	exit 77
}
[ "$(id -u)" -eq 0 ] || skip "not root: the package is not installed"
for p in apt-get dpkg dpkg-deb cpack lintian flock; do
	command -v "$p" >/dev/null 2>&1 || skip "$p is not installed (scripts/deps)"
done
CPACK=$(dirname "$CMAKE")/cpack
[ -x "$CPACK" ] || CPACK=cpack

# --- the package ---------------------------------------------------------

D=$FU_BUILD/package
t "cmake -DFU_DEB=ON, cmake --build, cpack -G DEB make the package"
rm -f "$D"/fu_*.deb
if "$CMAKE" -S "$REPO" -B "$D" -DFU_DEB=ON -DBUILD_TESTING=OFF >"$T/log" 2>&1 &&
	"$CMAKE" --build "$D" -j"$(nproc)" >>"$T/log" 2>&1 &&
	(cd "$D" && "$CPACK" -G DEB) >>"$T/log" 2>&1; then
	pass
else
	fail "the package was not made"; tail -20 "$T/log"
	finish
	exit 1
fi
arch=$(dpkg --print-architecture)
deb=$D/fu_$version-1_$arch.deb
if [ -f "$deb" ]; then pass; else fail "no $deb"; ls "$D"/*.deb; finish; exit 1; fi

t "lintian: no error, no warning"
lintian --pedantic -I "$deb" 2>&1 |
	grep -v '^running with root privileges' >"$T/lintian"
if grep -q '^[EW]: ' "$T/lintian"; then
	fail "lintian: $(grep '^[EW]: ' "$T/lintian" | head -5)"
else
	pass
fi
# info and pedantic tags are allowed, but each must be in the README
grep '^[IP]: ' "$T/lintian" | sed 's/^[IP]: fu[^:]*: \([^ ]*\).*/\1/' | sort -u |
	while read -r tag; do
		if grep -qF "$tag" "$REPO/README.md"; then echo pass; else
			echo "fail lintian's $tag is not explained in the README"
		fi
	done >"$T/results"
while read -r verdict rest; do
	if [ "$verdict" = pass ]; then pass; else fail "$rest"; fi
done <"$T/results"

t "the control fields"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = fu ] && pass || fail "Package: $(field Package)"
[ "$(field Version)" = "$version-1" ] && pass || fail "Version: $(field Version)"
[ "$(field Architecture)" = "$arch" ] && pass || fail "Architecture: $(field Architecture)"
[ "$(field Section)" = utils ] && pass || fail "Section: $(field Section)"
[ "$(field Priority)" = optional ] && pass || fail "Priority: $(field Priority)"
case $(field Maintainer) in
*?" <"*@*">") pass ;;
*) fail "Maintainer: $(field Maintainer)" ;;
esac
field Description >"$T/desc"
[ "$(head -n 1 "$T/desc")" = "follow-up tracker for job seekers" ] && pass ||
	fail "the short description: $(head -n 1 "$T/desc")"
[ "$(wc -l <"$T/desc")" -ge 5 ] && pass || fail "the extended description is short"
depends=$(field Depends)
# from the libraries fu links (dpkg-shlibdeps), and what it loads itself
# (fu-report-pdf's cairo and pango among them)
for d in "libc6 (>= " "libsqlite3-0 (>= " "libcjson1 (>= " "libhunspell-1.7-0" \
	"hunspell-en-us | hunspell-dictionary" "libcairo2 (>= " \
	"libpangocairo-1.0-0 (>= "; do
	case ", $depends," in
	*", $d"*) pass ;;
	*) fail "Depends lacks $d: $depends" ;;
	esac
done
dpkg-deb -I "$deb" >"$T/info"
grep -q ' md5sums *$' "$T/info" && pass || fail "no md5sums"

t "the contents"
dpkg-deb -c "$deb" >"$T/contents"
awk '{ print $6 }' "$T/contents" | sed 's|^\./|/|; s|/$||' >"$T/paths"
# wanted PATH MODE: PATH is in the package, with MODE, owned by root
wanted() {
	line=$(awk -v p=".$1" '$6 == p' "$T/contents")
	case $line in
	"$2 root/root "*) pass ;;
	"") fail "no $1 in the package" ;;
	*) fail "$1: $line" ;;
	esac
}
wanted /usr/bin/fu -rwxr-xr-x
wanted /usr/libexec/fu/fu-report-pdf -rwxr-xr-x
for page in "$REPO"/man/*.[1-8]; do
	name=${page##*/}
	wanted "/usr/share/man/man${name##*.}/$name.gz" -rw-r--r--
done
for f in copyright changelog.Debian.gz changelog.gz README.md.gz; do
	wanted "/usr/share/doc/fu/$f" -rw-r--r--
done
wanted /usr/share/bash-completion/completions/fu -rw-r--r--
wanted /usr/share/zsh/vendor-completions/_fu -rw-r--r--
wanted /usr/share/fish/vendor_completions.d/fu.fish -rw-r--r--
wanted /usr/share/lintian/overrides/fu -rw-r--r--
bad=$(grep -v '^/usr\(/\|$\)' "$T/paths")
[ -z "$bad" ] && pass || fail "outside /usr: $bad"
bad=$(awk '$2 != "root/root"' "$T/contents")
[ -z "$bad" ] && pass || fail "not root's: $bad"
bad=$(grep '^/usr/share/man/.*[^z]$' "$T/paths" | grep -v '/man[1-8]\?$')
[ -z "$bad" ] && pass || fail "man pages not gzipped: $bad"

t "inside: a hardened, stripped fu; gzip -n9; copyright and changelog as Debian reads them"
X=$T/x
dpkg-deb -x "$deb" "$X"
if readelf -S "$X/usr/bin/fu" | grep -q '\.symtab\|\.comment'; then
	fail "fu is not stripped as dh_strip does"
else pass; fi
readelf -d "$X/usr/bin/fu" | grep -q 'BIND_NOW' && pass || fail "no BIND_NOW"
readelf -lW "$X/usr/bin/fu" | grep -q 'GNU_RELRO' && pass || fail "no RELRO"
readelf -h "$X/usr/bin/fu" | grep -q 'DYN (Position-Independent' && pass || fail "not PIE"
nm -D "$X/usr/bin/fu" | grep -q '_chk@' && pass || fail "no fortified function"
for gz in $(grep '\.gz$' "$T/paths"); do
	# gzip -n9: no flags (no name), no time stamp, best compression
	head=$(od -An -tx1 -N9 "$X$gz" | tr -d ' \n')
	if [ "$head" = 1f8b08000000000002 ]; then pass; else
		fail "$gz: not gzip -n9 (its header: $head)"
	fi
	gzip -t "$X$gz" || fail "$gz is not whole"
done
C=$X/usr/share/doc/fu/copyright
head -n 1 "$C" | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' &&
	pass || fail "copyright: not machine-readable"
grep -qx 'Files: \*' "$C" && grep -qx 'License: Expat' "$C" &&
	grep -q "^Copyright: 20[0-9][0-9] The fu authors$" "$C" &&
	grep -q '^ Permission is hereby granted' "$C" && pass || fail "copyright: $(cat "$C")"
zcat "$X/usr/share/doc/fu/changelog.Debian.gz" | head -n 1 |
	grep -qx "fu ($version-1) unstable; urgency=medium" && pass ||
	fail "changelog.Debian: $(zcat "$X/usr/share/doc/fu/changelog.Debian.gz" | head -n 1)"
zcat "$X/usr/share/doc/fu/changelog.gz" | cmp -s - "$REPO/CHANGELOG.md" && pass ||
	fail "changelog.gz is not CHANGELOG.md"

# --- installed -----------------------------------------------------------

# One package test at a time on a machine; never over a fu it did not
# install.
exec 9>/run/lock/fu-t_package.lock
flock -w 600 9 || skip "another t_package holds /run/lock/fu-t_package.lock"
if dpkg-query -W -f='${db:Status-Abbrev}' fu 2>/dev/null | grep -q '^.i'; then
	skip "a fu package is installed already: this test does not replace it"
fi
installed=""
cleanup() {
	if [ -n "$installed" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get remove -y fu >/dev/null 2>&1
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

t "apt-get install ./fu_*.deb installs it, with what it needs"
installed=yes
(cd "$D" && DEBIAN_FRONTEND=noninteractive apt-get install -y \
	-o DPkg::Lock::Timeout=300 "./${deb##*/}") >"$T/apt" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && dpkg-query -W -f='${db:Status-Abbrev}' fu | grep -q '^ii'; then
	pass
else
	fail "apt-get install exited $rc"; tail -15 "$T/apt"
	finish
	exit 1
fi
dpkg -L fu >"$T/listed"
# what is fu's alone: its files, and the directories no other package has
while IFS= read -r p; do
	if [ "$p" = /. ]; then
		continue
	elif [ -d "$p" ] && [ ! -L "$p" ]; then
		others=$(dpkg -S "$p" 2>/dev/null | sed 's/: .*//' | tr ', ' '\n\n' |
			grep -vx 'fu' | grep -v '^$')
		[ -z "$others" ] && echo "$p"
	else
		echo "$p"
	fi
done <"$T/listed" >"$T/own"

t "fu --version and man -w fu-due, from the package"
out=$(/usr/bin/fu --version)
[ "$out" = "fu $version" ] && pass || fail "fu --version: $out"
out=$(man -w fu-due 2>&1)
[ "$out" = /usr/share/man/man1/fu-due.1.gz ] && pass || fail "man -w fu-due: $out"
out=$(man -w 7 fu-rules 2>&1)
[ "$out" = /usr/share/man/man7/fu-rules.7.gz ] && pass || fail "man -w 7 fu-rules: $out"

t "a draft is spell-checked by the library and dictionary the package depends on"
FU=/usr/bin/fu
ok config user.name "Alex Morgan"
ok config user.email "alex.morgan@example.org"
ok config user.phone "+1 555 0100"
ok add contact "Maria Lopez" --company Vandelay --title "Staff Engineer" \
	--email maria@example.net --phone "+1 555 0166"
ok log maria met --at "-2d 19:00" --topic "platform teams at scale"
ok draft maria connect
out_has "Maria"
if [ -s "$T/err" ]; then fail "the built-in draft warned: $(cat "$T/err")"; else pass; fi
mkdir -p "$T/xdg/fu/templates"
cat >"$T/xdg/fu/templates/connect.email" <<'EOF'
Subject: Hello {contact.first_name}

Dear {contact.name}, did you recieve my note?
{signature}
EOF
XDG_CONFIG_HOME=$T/xdg ok draft maria connect
err_has "fu: warning: 'recieve' may be misspelled (receive"
[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "not one warning: $(cat "$T/err")"

t "fu report --format pdf, from the package: fu finds fu-report-pdf in /usr/libexec/fu"
ok add application Globex "Platform Engineer" --applied -1d
env -u FU_LIBEXECDIR /usr/bin/fu report --rules wa --format pdf \
	-o "$T/pkg.pdf" >"$T/out" 2>"$T/err"
code=$?
[ "$code" -eq 0 ] && pass || fail "fu report --format pdf exited $code: $(cat "$T/err")"
[ "$(head -c 5 "$T/pkg.pdf" 2>/dev/null)" = "%PDF-" ] && pass || fail "no PDF"

t "completion from the installed files"
if command -v bash >/dev/null 2>&1; then
	cat >"$T/bload.bash" <<'EOF'
source /usr/share/bash-completion/bash_completion || exit 2
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
	# /usr's alone, whatever a cmake --install put under /usr/local
	XDG_DATA_DIRS=/usr/share bash --norc --noprofile "$T/bload.bash" fu du >"$T/got" 2>"$T/err"
	case $(head -n 1 "$T/got") in
	"_fu "*" /usr/share/bash-completion/completions/fu") pass ;;
	*) fail "bash: _fu from: $(head -n 1 "$T/got")" ;;
	esac
	grep -qx due "$T/got" && pass || fail "bash: 'fu du' does not complete to due"
	XDG_DATA_DIRS=/usr/share bash --norc --noprofile "$T/bload.bash" fu due --ch >"$T/got" 2>"$T/err"
	grep -qx -- --check "$T/got" && pass || fail "bash: 'fu due --ch' does not complete to --check"
fi
if command -v zsh >/dev/null 2>&1; then
	zsh -fc 'print -l $fpath' | grep -qx /usr/share/zsh/vendor-completions &&
		[ -f /usr/share/zsh/vendor-completions/_fu ] && pass ||
		fail "zsh does not read /usr/share/zsh/vendor-completions/_fu"
fi
if command -v fish >/dev/null 2>&1; then
	env -u XDG_DATA_DIRS fish -c 'complete -C "fu du"' 2>"$T/err" | cut -f1 >"$T/got"
	grep -qx due "$T/got" && pass || fail "fish: 'fu du' does not complete to due"
fi

t "the package tree's uninstall target does not touch what apt installed"
"$CMAKE" --build "$D" --target uninstall >"$T/out" 2>&1
if [ $? -ne 0 ] && [ -x /usr/bin/fu ]; then pass; else
	fail "uninstall in the package tree: $(tail -3 "$T/out")"
fi

t "apt-get remove fu leaves nothing of it behind"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -o DPkg::Lock::Timeout=300 fu \
	>"$T/apt" 2>&1
rc=$?
[ "$rc" -eq 0 ] && installed="" && pass || fail "apt-get remove exited $rc"
while IFS= read -r p; do
	if [ -e "$p" ] || [ -L "$p" ]; then fail "$p is still there"; else pass; fi
done <"$T/own"
status=$(dpkg-query -W -f='${db:Status-Abbrev}' fu 2>/dev/null)
case $status in
"" | un*) pass ;;
*) fail "dpkg still knows fu: '$status'" ;;
esac

finish
