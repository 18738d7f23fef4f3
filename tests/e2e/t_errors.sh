#!/bin/sh
# SPDX-License-Identifier: MIT
# t_errors - the command line itself: unknown commands and options, help
# and version, bad clocks, hostile text, and references that are not.
. "$FU_TESTS/e2e/lib.sh"

ESC=$(printf '\033')

# err_clean: stderr holds no raw escape byte (it would drive the terminal).
err_clean() {
	if grep -q "$ESC" "$T/err"; then
		fail "a raw ESC reached stderr"; od -c "$T/err" | head -4
	else pass; fi
}

t "unknown commands and options"
fails_with 2 frob
err_has "'frob' is not a fu command"
err_has "fu help"
fails_with 2 --bogus
err_has "--bogus"
fails_with 2 --bogus list
fails_with 2 list --bogus
fails_with 2 list -x
fails_with 2 list -xy
fails_with 2 --db
fails_with 2 list --db
fails_with 2 --now
fails_with 2 --json=yes list
fails_with 2 Add contact "Dana Reyes"

t "version: the one project(VERSION) in CMakeLists.txt gives"
version=$(sed -n 's/^project(fu VERSION \([0-9.]*\) .*/\1/p' "$FU_TESTS/../CMakeLists.txt")
ok --version
out_is "fu $version"
ok version
out_is "fu $version"
ok version --json
json "d['version'] == '$version'"
fails_with 2 version extra
# --help before --version: the help of fu version (it crashed)
ok --help --version
out_has "usage: fu version"
ok -h -V
out_has "usage: fu version"
# --json after --version too
ok --version --json
json "d['version'] == '$version'"
ok --json --version
json "d['version'] == '$version'"

t "help: on stdout, exit 0"
ok help
out_has "usage: fu"
for c in add log due draft close list show edit undo config rules help; do
	case $c in draft) continue ;; esac
	grep -q "^   $c " "$T/out" && pass || fail "fu help does not list $c"
done
out_has "exit status"
[ -s "$T/err" ] && fail "help wrote on stderr" || pass
ok
out_has "usage: fu"
ok --help
out_has "usage: fu"
ok -h
out_has "usage: fu"
ok help due
out_has "usage: fu due"
out_has "--check"
ok help add
out_has "usage: fu add contact NAME"
out_has "fu add application COMPANY ROLE"
for c in add log due close list show edit undo config rules; do
	ok "$c" --help
	out_has "usage: fu $c"
	[ -s "$T/err" ] && fail "fu $c --help wrote on stderr" || pass
done
ok add contact --help
out_has "usage: fu add"
ok log acme sent --help
out_has "usage: fu log REF KIND"
fails_with 2 help frob
fails_with 2 help due add

t "help needs no database"
ok --db "$T/nowhere/x/fu.db" help
[ -e "$T/nowhere" ] && fail "help created a database" || pass
ok --db "$T/nowhere/x/fu.db" --version
[ -e "$T/nowhere" ] && fail "--version created a database" || pass

t "a bad clock"
fails_with 4 --now frobday list
err_has "--now"
err_has "YYYY-MM-DD"
fails_with 4 list --now 2026-13-01
FU_NOW=frobday fails_with 4 list
err_has "FU_NOW"
FU_NOW=frobday fails_with 4 add contact "Dana Reyes"
FU_NOW="2026-11-09 25:00" fails_with 4 due
# --now wins over a bad FU_NOW
FU_NOW=frobday ok --now "2026-11-09 09:00" list

t "fu due's numbers"
fails_with 4 due --days -1
fails_with 4 due --days abc
fails_with 4 due --days ""
fails_with 4 due --days 99999999999999999999
fails_with 2 due --days

t "control characters and terminal escapes are refused, never echoed"
ok config core.pager cat # (the database: reads create none)
fails_with 4 add contact "$(printf 'Evil\033[31mRed')"
err_clean
err_has "control character"
fails_with 4 add contact "$(printf 'Bell\007')"
fails_with 4 add contact "$(printf 'Two\nLines')"
fails_with 4 add contact "$(printf 'C1 \302\233 31m')"
err_clean
fails_with 4 add application Acme "$(printf 'Role\033]0;pwned\007')"
err_clean
fails_with 4 add contact "Dana" --email "$(printf 'd\033@x.example')"
err_clean
fails_with 4 add contact "Dana" --title "$(printf 'T\033[2J')"
err_clean
fails_with 4 add contact "Dana" --prefers "$(printf '\033[31m')"
err_clean
fails_with 4 show "$(printf 'x\033[31m')"
err_clean
fails_with 4 log "$(printf 'x\033[31m')" sent
err_clean
fails_with 2 "$(printf '\033[31mfrob')"
err_clean

t "words echoed in usage errors are made harmless too"
fails_with 2 list "$(printf '\033[31mwidgets')"
err_clean
fails_with 2 add "$(printf 'widget\033[31m')"
err_clean
fails_with 2 add contact "Dana Reyes" "$(printf 'x\033[31m')"
err_clean
fails_with 2 show a "$(printf 'b\033[31m')"
err_clean
fails_with 2 list "--$(printf '\033[31m')x"
err_clean
fails_with 2 "--$(printf '\033[31m')x"
err_clean
fails_with 2 list --color "$(printf '\033[31m')"
err_clean

t "invalid UTF-8"
fails_with 4 add contact "$(printf 'Bad\377\376')"
err_has "UTF-8"
fails_with 4 add contact "$(printf 'Over\300\257long')"
fails_with 4 add application Acme "$(printf '\355\240\200 surrogate')"
fails_with 4 add contact "Dana" --notes "$(printf 'cut \342\202')"

t "huge arguments"
BIG=$(python3 -c 'print("x" * 131000)')
fails_with 4 add contact "$BIG"
err_has "too long"
fails_with 4 add contact "Dana" --notes "$BIG"
fails_with 4 add contact "Dana" --email "$BIG@x.example"
fails_with 4 add application Acme "$BIG"
fails_with 4 log "$BIG" sent
# whatever is wrong, the error stays one short line
[ "$(wc -c <"$T/err")" -lt 1000 ] && pass || fail "a huge error message"
fails_with 4 add contact "Dana" --notes "$BIG" --title "$BIG" --address "$BIG" \
	--phone "$BIG" --company "$BIG" --email "$BIG" --prefers email
[ "$(wc -c <"$T/err")" -lt 1000 ] && pass || fail "a huge error message"
UNI=$(python3 -c 'print("é" * 201)')
fails_with 4 add contact "$UNI"
UNI=$(python3 -c 'print("é" * 200)')
ok add contact "$UNI" --json
json "len(d['name']) == 200"

t "text that looks like SQL or printf is stored verbatim"
ok add contact "Robert'); DROP TABLE contacts;--" --company "O'Brien & Sons" --json
ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$T/out")
ok show "$ID" --json
json "d['name'] == \"Robert'); DROP TABLE contacts;--\" and d['company'] == \"O'Brien & Sons\""
ok add application "%s%n%x" "100% \\\\ \"quoted\"" --json
json "d['company'] == '%s%n%x' and d['role'] == '100% \\\\\\\\ \"quoted\"'"
ok show "%s%n" 
out_has "%s%n%x"
ok list contacts --json
json "len(d) == 2"
ok show "drop table" --json
json "d['name'].startswith('Robert')"

t "references that are not numbers people use"
fails_with 3 show 99999999999999999999
err_has "99999999999999999999"
fails_with 3 show 9223372036854775808
fails_with 3 show -5
err_has "-5"
fails_with 3 show 0
fails_with 3 show "#99"
fails_with 3 log -5 sent
fails_with 4 show ""
fails_with 4 show "   "
fails_with 4 log "" sent

t "output that cannot be written is an error"
if [ -w /dev/full ]; then
	${FU_WRAP:-} "$FU" version >/dev/full 2>"$T/err"
	[ $? -eq 7 ] && pass || fail "writing to a full disk did not exit 7"
	err_has "cannot write"
	${FU_WRAP:-} "$FU" list contacts --json >/dev/full 2>"$T/err"
	[ $? -eq 7 ] && pass || fail "writing to a full disk did not exit 7"
	# fu export stops at the first piece it cannot write (a document
	# longer than stdio's buffer), and says so once, as every command
	i=0
	while [ $i -lt 40 ]; do
		ok add contact "Export Filler $i" --email "filler$i@example.org" \
			--notes "a note long enough to make the document outgrow a buffer"
		i=$((i + 1))
	done
	${FU_WRAP:-} "$FU" export >/dev/full 2>"$T/err"
	[ $? -eq 7 ] && pass || fail "fu export to a full disk did not exit 7"
	[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "not one line: $(cat "$T/err")"
	err_has "fu: cannot write the output: No space left on device"
fi

t "-h lists every option of the command, with a line of help each"
for c in due list show log close edit undo config rules draft import export stats; do
	ok "$c" -h
	"$FU" __complete options "$c" >"$T/opts" 2>/dev/null
	missing=""
	while read -r o; do
		grep -qE -- "(^|[ ,])$o([ =[]|\$)" "$T/out" || missing="$missing $o"
	done <"$T/opts"
	[ -z "$missing" ] && pass || fail "fu $c -h lacks$missing"
done
ok add contact -h
out_has "--company C"
out_has "--no-calls"
ok due -h
grep -qE '^ +--overdue +[a-z]' "$T/out" && pass || fail "no help line for --overdue"

t "help as JSON: fu --json help, fu help CMD --json, fu CMD -h --json"
ok --json help
json "d['version'] == '$version' and 'due' in [c['name'] for c in d['commands']]"
ok help due --json
json "d['name'] == 'due' and any(o['name'] == '--overdue' and o['help'] for o in d['options'])"
ok due -h --json
json "d['name'] == 'due' and all(o['help'] for o in d['options'])"

t "did you mean: an unknown command or option; a unique prefix is the option"
fails_with 2 dur
err_has "did you mean 'due'?"
fails_with 2 due --ovrdue
err_has "did you mean '--overdue'?"
ok due --overd --json
fails_with 2 due --c
err_has "ambiguous option '--c'"
err_has "--count"

t "a command that only reads creates no database"
for args in "due --count" "list" "list contacts" "rules" "due --json" "stats"; do
	rm -rf "$T/fresh"
	# shellcheck disable=SC2086
	env -u FU_DB HOME="$T/fresh" XDG_DATA_HOME="$T/fresh/data" \
		${FU_WRAP:-} "$FU" $args >"$T/out" 2>"$T/err"
	code=$?
	[ "$code" = 0 ] && pass || fail "fu $args exited $code: $(cat "$T/err")"
	[ -e "$T/fresh" ] && fail "fu $args created $(find "$T/fresh" | tail -1)" || pass
done
env -u FU_DB HOME="$T/fresh" XDG_DATA_HOME="$T/fresh/data" "$FU" due --count >"$T/out"
out_is 0
env -u FU_DB HOME="$T/fresh" XDG_DATA_HOME="$T/fresh/data" "$FU" list --json >"$T/out"
json "d == []"

t "HOME unset: the password database's home directory"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	# nobody's home (/nonexistent) cannot hold a database: reading
	# works and creates nothing; writing names the path it tried
	home=$(getent passwd nobody | cut -d: -f6)
	env -u FU_DB -u HOME -u XDG_DATA_HOME setpriv --reuid=nobody \
		--regid=nogroup --clear-groups "$FU" list --json >"$T/out" 2>"$T/err"
	[ "$?" = 0 ] && pass || fail "fu list without HOME: $(cat "$T/err")"
	json "d == []"
	env -u FU_DB -u HOME -u XDG_DATA_HOME setpriv --reuid=nobody \
		--regid=nogroup --clear-groups "$FU" add contact "Dana Reyes" \
		>"$T/out" 2>"$T/err"
	[ "$?" = 6 ] && pass || fail "fu add without HOME did not fail with 6"
	err_has "'$home"
else
	echo "  (not root, or no setpriv: HOME unset not checked)"
fi

finish
