#!/bin/sh
# SPDX-License-Identifier: MIT
# t_bench - the benchmark still works (no timing is checked): the
# generator builds a small database with fu's own schema and actions, and
# bench/run times every command once on it and prints its tables. Under
# FU_WRAP (valgrind) each command runs once through the wrapper instead.
. "$FU_TESTS/e2e/lib.sh"

BENCH="$FU_TESTS/../bench"
GEN="$(dirname "$FU")/bench/fu-bench-gen"
NOW="2026-11-09 09:00"
unset FU_NOW

t "the generator builds a database of 200 applications"
# shellcheck disable=SC2086
${FU_WRAP:-} "$GEN" --db "$T/gen.db" --apps 200 --now "$NOW" >"$T/out" 2>"$T/err"
code=$?
[ "$code" -eq 0 ] && pass || fail "fu-bench-gen exited $code"
q() { sqlite3 "$T/gen.db" "$1"; }
[ "$(q 'SELECT count(*) FROM applications')" = 200 ] && pass || fail "applications"
[ "$(q 'SELECT count(*) FROM contacts')" = 400 ] && pass || fail "contacts"
ev=$(q 'SELECT count(*) FROM events')
[ "$ev" -ge 2000 ] && [ "$ev" -le 2200 ] && pass || fail "$ev events, not about ten each"
open=$(q 'SELECT count(*) FROM applications WHERE outcome IS NULL')
# five weeks of applying: most still open, some already closed
[ "$open" -gt 100 ] && [ "$open" -lt 190 ] && pass || fail "$open open of 200"
[ "$(q 'SELECT count(*) FROM actions')" -gt "$open" ] && pass || fail "too few actions"

t "it refuses to overwrite a file, and is deterministic"
"$GEN" --db "$T/gen.db" --apps 200 --now "$NOW" 2>"$T/err" && fail "overwrote" || pass
"$GEN" --db "$T/again.db" --apps 200 --now "$NOW" && pass || fail "second run"
[ "$(sqlite3 "$T/gen.db" .dump | cksum)" = "$(sqlite3 "$T/again.db" .dump | cksum)" ] \
	&& pass || fail "two runs differ"

t "the shapes: kept lets quiet applications be, neglected leaves them owing"
# kept: six applications a day, so 3000 span 500 days; what is owed
# comes from the last months only, whatever the size
"$GEN" --db "$T/kept.db" --apps 3000 --now "$NOW" && pass || fail "kept"
old_owing='SELECT count(*) FROM actions x JOIN applications a ON a.id = x.application_id
	WHERE a.created_at < unixepoch('"'2026-11-09'"', '"'-200 days'"')'
half='SELECT count(*) BETWEEN 1050 AND 1950 FROM applications WHERE outcome IS NULL'
[ "$(sqlite3 "$T/kept.db" "$half")" = 1 ] && pass || fail "kept: not about half open"
[ "$(sqlite3 "$T/kept.db" "$old_owing")" = 0 ] && pass || fail "kept: old applications owe"
[ "$(sqlite3 "$T/kept.db" "SELECT count(*) FROM events WHERE kind = 'dismiss'")" -gt 500 ] \
	&& pass || fail "kept: nothing let be"
"$GEN" --db "$T/neglected.db" --apps 3000 --shape neglected --now "$NOW" && pass || fail "neglected"
[ "$(sqlite3 "$T/neglected.db" "$half")" = 1 ] && pass || fail "neglected: not about half open"
[ "$(sqlite3 "$T/neglected.db" "$old_owing")" -gt 300 ] && pass || fail "neglected: old owe nothing"
[ "$(sqlite3 "$T/neglected.db" "SELECT count(*) FROM events WHERE kind = 'dismiss'")" = 0 ] \
	&& pass || fail "neglected: something let be"
"$GEN" --db "$T/x.db" --apps 10 --shape tidy 2>"$T/err"
[ $? -eq 2 ] && [ ! -e "$T/x.db" ] && grep -q '^usage: fu-bench-gen' "$T/err" && pass \
	|| fail "--shape tidy: not a usage error"

t "--days spreads the applications over that many days (a year for bench/reportrun)"
"$GEN" --db "$T/year.db" --apps 300 --days 365 --now "$NOW" && pass || fail "--days 365"
span='SELECT (max(created_at) - min(created_at)) / 86400 FROM applications'
first='SELECT min(created_at) >= unixepoch('"'2026-11-09'"', '"'-366 days'"') FROM applications'
days=$(sqlite3 "$T/year.db" "$span")
[ "$days" -ge 340 ] && [ "$days" -le 365 ] && pass || fail "--days 365: $days days"
[ "$(sqlite3 "$T/year.db" "$first")" = 1 ] && pass || fail "--days 365: earlier than a year"
"$GEN" --db "$T/x.db" --apps 10 --days -1 2>"$T/err"
[ $? -eq 2 ] && [ ! -e "$T/x.db" ] && pass || fail "--days -1: not a usage error"

t "its actions are the ones fu computes"
q 'SELECT * FROM actions ORDER BY id' >"$T/gen.actions"
FU_NOW="$NOW" FU_DB="$T/gen.db" ok config rules.nudge.days 14 # recomputes all
q 'SELECT * FROM actions ORDER BY id' >"$T/fu.actions"
cmp -s "$T/gen.actions" "$T/fu.actions" && pass || fail "actions differ from fu's"

if [ -n "${FU_WRAP:-}" ]; then
	t "every benchmarked command, once, through the wrapper"
	export FU_DB="$T/gen.db" FU_NOW="$NOW"
	ref=$(q 'SELECT id FROM applications WHERE outcome IS NULL ORDER BY id LIMIT 1')
	for args in due "due --json" "due --count" "show $ref" list --version "log $ref sent"; do
		# shellcheck disable=SC2086
		ok $args
		[ -s "$T/out" ] && pass || fail "fu $args printed nothing"
	done
	finish
	exit
fi

t "bench/run: one run of each command at 200 applications"
python3 "$BENCH/run" --fu "$FU" --gen "$GEN" --sizes 200 --runs 1 \
	--dir "$T/bench" >"$T/out" 2>"$T/err"
code=$?
[ "$code" -eq 0 ] && pass || fail "bench/run exited $code"
for row in "fu due" "sqlite3: fu due's SELECT" "fu due --json" "fu due --count" \
	"sqlite3: fu due --count's SELECT" "fu log REF sent" \
	"fu log REF sent (sync on)" "fu sync (nothing to exchange)" \
	"fu show REF" "fu list" "fu --version" "/bin/true"; do
	out_has "| $row |"
done
out_has "Targets:"
out_has "fu due within 1.5x of the sqlite3 shell"
out_has "the change log adds under 1 ms to a write"
out_has "fu sync with nothing to exchange costs git's time plus under 20 ms of fu's own CPU"
# fu's own time was read: a number in the table, not n/a
grep -q '^| 200 | [0-9.]* | [0-9.]* | [0-9.]* | [0-9.-]* |$' "$T/out" && pass ||
	fail "no fu sync row with fu's own CPU"
# every fu command exited 0 and printed something (bench/run says which not)
err_has "fu due"
if grep -q '^Failures:' "$T/err"; then fail "$(cat "$T/err")"; else pass; fi

t "bench/reportrun: fu report over a year of 200 applications, CSV and PDF"
python3 "$BENCH/reportrun" --build "$(dirname "$FU")" --apps 200 --runs 1 \
	--dir "$T/reportbench" >"$T/out" 2>"$T/err"
code=$?
[ "$code" -eq 0 ] && pass || fail "bench/reportrun exited $code"
# the same rows in both, as many as the year's activities
rows=$(awk '$1 == 200 { print $3 }' "$T/out" | sort -u)
[ "$(awk '$1 == 200' "$T/out" | wc -l)" -eq 2 ] && pass || fail "not two lines for 200"
[ "$(echo "$rows" | wc -l)" -eq 1 ] && [ "$rows" -gt 1000 ] && pass ||
	fail "rows: $rows"
[ "$(head -c 5 "$T/reportbench/report-200.pdf")" = "%PDF-" ] && pass || fail "no PDF"

finish
