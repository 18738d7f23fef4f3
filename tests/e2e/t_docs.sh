#!/bin/sh
# SPDX-License-Identifier: MIT
# t_docs - the manual pages lint clean (mandoc, groff) and parse
# (lexgrog); and neither they nor the shell completions can drift from
# what fu accepts: every command has its page and every page a command,
# every option fu takes is in its command's page and is offered by the
# completion of each shell (run for real: the completions read the
# options from fu __complete, so the test proves each shell asks for
# them), every option a page documents exists, and so do its kinds,
# outcomes, rules and configuration keys. The pages checked are those the
# build generates from man/ and installs (FU_BUILD/man: the version and
# date filled in on each .TH line).
. "$FU_TESTS/e2e/lib.sh"

REPO=$(cd "$FU_TESTS/.." && pwd)
: "${FU_BUILD:?FU_BUILD must name the build tree}"
MAN=$FU_BUILD/man

# fu on PATH, as the completions call it: the binary under test (never
# through FU_WRAP: t_completion runs the same calls under valgrind).
mkdir -p "$T/bin"
ln -s "$FU" "$T/bin/fu"
PATH=$T/bin:$PATH
export PATH

# A page as plain text for searching: roff's \- is a dash.
plain() { sed 's/\\-/-/g; s/\\&//g' "$1"; }

# --- lint ----------------------------------------------------------------

t "the pages are there"
for p in fu.1 fu-rules.7; do
	if [ -f "$MAN/$p" ]; then pass; else fail "no man/$p"; fi
done

have() {
	if command -v "$1" >/dev/null 2>&1; then return 0; fi
	echo "SKIP: $1 is not installed: that check of the pages is not run"
	return 1
}

t "each page of man/ is generated with this version and a date on .TH"
version=$("$FU" --version | sed 's/^fu //')
for src in "$REPO"/man/*.[1-8]; do
	page=$MAN/$(basename "$src")
	if ! grep -q '^\.TH [^ ]* [1-8] @FU_DATE@ "fu @FU_VERSION@" ' "$src"; then
		fail "$(basename "$src"): its .TH line must read @FU_DATE@ \"fu @FU_VERSION@\""
		continue
	fi
	date=$(sed -n 's/^\.TH [^ ]* [1-8] \([0-9-]*\) .*/\1/p' "$page" 2>/dev/null)
	# the same page but for the version and the date: nothing else in it
	# looked like a placeholder to CMake
	if [ -n "$date" ] && sed "s/@FU_VERSION@/$version/g; s/@FU_DATE@/$date/g" "$src" |
		cmp -s - "$page" && date -d "$date" >/dev/null 2>&1; then
		pass
	else
		fail "$page is not $(basename "$src") with version $version and a date"
	fi
done

t "mandoc -T lint -W warning is silent on every page"
if have mandoc; then
	for page in "$MAN"/*.[17]; do
		msg=$(mandoc -T lint -W warning "$page" 2>&1)
		if [ $? -eq 0 ] && [ -z "$msg" ]; then pass; else
			fail "$(basename "$page"): $msg"
		fi
	done
fi

t "groff -man -ww -z is silent on every page"
if have groff; then
	for page in "$MAN"/*.[17]; do
		msg=$(groff -man -ww -z "$page" 2>&1)
		if [ $? -eq 0 ] && [ -z "$msg" ]; then pass; else
			fail "$(basename "$page"): $msg"
		fi
	done
fi

t "lexgrog reads each NAME line, naming the page's own name"
if have lexgrog; then
	for page in "$MAN"/*.[17]; do
		base=$(basename "$page")
		base=${base%.*}
		msg=$(lexgrog "$page" 2>&1)
		if [ $? -eq 0 ] && echo "$msg" | grep -qF ": \"$base - "; then
			pass
		else
			fail "$(basename "$page"): lexgrog says: $msg"
		fi
	done
fi

t "every page is in fu(1)'s SEE ALSO"
plain "$MAN/fu.1" | sed -n '/^\.SH SEE ALSO/,/^\.SH [^S]/p' >"$T/seealso"
for page in "$MAN"/*.[17]; do
	base=$(basename "$page")
	[ "$base" = fu.1 ] && continue
	name=${base%.*}
	sec=${base##*.}
	if grep -q "^\.BR $name ($sec)" "$T/seealso"; then pass; else
		fail "fu(1) SEE ALSO lacks $name($sec)"
	fi
done

# --- commands and their pages --------------------------------------------

t "fu __complete lists the commands"
"$FU" __complete commands >"$T/commands" 2>"$T/err"
if [ -s "$T/commands" ]; then pass; else fail "no commands"; fi

t "every command has its page"
while read -r cmd; do
	if [ -f "$MAN/fu-$cmd.1" ]; then pass; else
		fail "command '$cmd' has no man/fu-$cmd.1"
	fi
done <"$T/commands"

t "every command page has its command"
for page in "$MAN"/fu-*.1; do
	cmd=$(basename "$page" .1)
	cmd=${cmd#fu-}
	if grep -qxF "$cmd" "$T/commands"; then
		pass
	elif [ "$cmd" = draft ]; then
		# written ahead of the command, which is on its way
		echo "NOTE: fu-draft.1 is there before fu draft is"
	else
		fail "man/fu-$cmd.1 documents no command of fu"
	fi
done

# The places completion is asked for options: "" (before a command), each
# command, and each command with each of its words that takes options of
# its own (fu __complete options add prints contact and application).
: >"$T/places"
echo "" >>"$T/places"
while read -r cmd; do
	"$FU" __complete options "$cmd" >"$T/o" 2>/dev/null
	subs=$(grep -v '^-' "$T/o")
	if [ -n "$subs" ]; then
		for sub in $subs; do echo "$cmd $sub" >>"$T/places"; done
	else
		echo "$cmd" >>"$T/places"
	fi
done <"$T/commands"

# options_at PLACE: fu __complete options at PLACE, into $T/opts
options_at() {
	# shellcheck disable=SC2086
	"$FU" __complete options $1 >"$T/opts" 2>/dev/null
}
page_of() {
	cmd=${1%% *}
	if [ -z "$cmd" ]; then echo "$MAN/fu.1"; else echo "$MAN/fu-$cmd.1"; fi
}

# options_section PAGE: the OPTIONS section of PAGE, as plain text
options_section() {
	plain "$1" | awk '/^\.SH / { opts = ($0 == ".SH OPTIONS") } opts'
}

t "every option fu takes is in the OPTIONS of its command's page"
while IFS= read -r place; do
	page=$(page_of "$place")
	[ -f "$page" ] || continue
	options_section "$page" >"$T/page"
	options_at "$place"
	while read -r opt; do
		if grep -qE -e "$opt([^a-z0-9-]|\$)" "$T/page"; then pass; else
			fail "$(basename "$page") does not document $opt (fu $place)"
		fi
	done <"$T/opts"
done <"$T/places"

t "every option a page documents is one fu takes"
for page in "$MAN"/fu.1 "$MAN"/fu-*.1; do
	cmd=$(basename "$page" .1)
	cmd=${cmd#fu}
	cmd=${cmd#-}
	if [ -n "$cmd" ] && ! grep -qxF "$cmd" "$T/commands"; then
		continue # see "every command page has its command"
	fi
	# every option at each place of the command
	: >"$T/known"
	while IFS= read -r place; do
		[ "${place%% *}" = "$cmd" ] || continue
		options_at "$place"
		cat "$T/opts" >>"$T/known"
	done <"$T/places"
	# the options a page defines: the .TP items of its OPTIONS section
	options_section "$page" | awk 'tp { print } { tp = ($0 == ".TP") }' |
		grep -oE -e '--[a-z][a-z0-9-]*' | sort -u >"$T/documented"
	while read -r opt; do
		if grep -qxF -- "$opt" "$T/known"; then pass; else
			fail "$(basename "$page") documents $opt, which fu${cmd:+ $cmd} does not take"
		fi
	done <"$T/documented"
done

t "the event kinds, outcomes, rules, keys and report's words are documented"
plain "$MAN/fu-log.1" >"$T/page"
"$FU" __complete kinds | while read -r kind; do
	if grep -qxF ".B $kind" "$T/page"; then echo pass; else
		echo "fail fu-log.1 does not describe the kind $kind"
	fi
done >"$T/results"
plain "$MAN/fu-close.1" >"$T/page"
"$FU" __complete outcomes | while read -r o; do
	if grep -qxF ".B $o" "$T/page"; then echo pass; else
		echo "fail fu-close.1 does not describe the outcome $o"
	fi
done >>"$T/results"
plain "$MAN/fu-rules.7" >"$T/page7"
plain "$MAN/fu-rules.1" >"$T/page1"
"$FU" __complete rules | while read -r r; do
	if grep -E "^\.SS " "$T/page7" | grep -qE -e "[ ,]$r(,|\$)"; then
		echo pass
	else
		echo "fail fu-rules.7 has no section for the rule $r"
	fi
	if grep -qE -e "^\.BR? $r( |\$)" "$T/page1"; then echo pass; else
		echo "fail fu-rules.1 does not list the rule $r"
	fi
done >>"$T/results"
plain "$MAN/fu-config.1" >"$T/page"
"$FU" __complete config-keys | while read -r k; do
	if grep -qxF ".B $k" "$T/page"; then echo pass; else
		echo "fail fu-config.1 does not describe the key $k"
	fi
	# the rules' numbers (and employment) are given in fu-rules(7) too
	case $k in
	user.employed) ;;
	user.* | mail.* | core.*) continue ;;
	report.rules) continue ;;
	report.*)
		# fu report's own rules, not the follow-up rules
		if plain "$MAN/fu-report.1" | grep -qE -e "^\.BR? .*$k( |,|\$)"
		then echo pass; else
			echo "fail fu-report.1 does not name the key $k"
		fi
		continue ;;
	rules.* | due.*) ;;
	*) continue ;;
	esac
	if grep -qE -e "^\.BR? .*$k( |,|\$)" "$T/page7"; then echo pass; else
		echo "fail fu-rules.7 does not give the number $k"
	fi
done >>"$T/results"
plain "$MAN/fu-report.1" >"$T/page"
"$FU" __complete report-rules | while read -r r; do
	if grep -qxF ".B $r" "$T/page"; then echo pass; else
		echo "fail fu-report.1 does not describe the rules $r"
	fi
done >>"$T/results"
"$FU" __complete formats | while read -r f; do
	if grep -qE -e "^\.BR? $f( |\$)" "$T/page"; then echo pass; else
		echo "fail fu-report.1 does not describe the format $f"
	fi
done >>"$T/results"
while read -r verdict rest; do
	if [ "$verdict" = pass ]; then pass; else fail "$rest"; fi
done <"$T/results"

# --- the completions offer every option, in each shell -------------------

# $T/got holds the candidates; every line of $T/opts must be among them
offered() {
	missing=$(grep -vxF -f "$T/got" "$T/opts")
	if [ -z "$missing" ]; then pass; else
		fail "$1 does not offer, after 'fu ${2:+$2 }--': $(echo "$missing" | tr '\n' ' ')"
	fi
}

t "bash offers every option of every command"
if ! command -v bash >/dev/null 2>&1; then
	echo "SKIP: bash is not installed: its completion is not checked"
elif [ -z "$BASH_COMPLETION" ]; then
	echo "SKIP: bash-completion is not installed: bash completion is not checked"
else
	while IFS= read -r place; do
		options_at "$place"
		# shellcheck disable=SC2086
		bcomp $place --
		offered bash "$place"
	done <"$T/places"
fi

t "zsh offers every option of every command"
if ! command -v zsh >/dev/null 2>&1; then
	echo "SKIP: zsh is not installed: its completion is not checked"
else
	set --
	while IFS= read -r place; do
		set -- "$@" "fu ${place:+$place }--"
	done <"$T/places"
	zcomp "$@"
	n=0
	while IFS= read -r place; do
		n=$((n + 1))
		options_at "$place"
		zpick "$n"
		offered zsh "$place"
	done <"$T/places"
fi

t "fish offers every option of every command"
if ! command -v fish >/dev/null 2>&1; then
	echo "SKIP: fish is not installed: its completion is not checked"
else
	while IFS= read -r place; do
		options_at "$place"
		fcomp "fu ${place:+$place }--"
		offered fish "$place"
	done <"$T/places"
fi

finish
