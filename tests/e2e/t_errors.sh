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
# --help before --version: the usage of fu version (it crashed)
ok --help --version
out_is "usage: fu version"
ok -h -V
out_is "usage: fu version"

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

finish
