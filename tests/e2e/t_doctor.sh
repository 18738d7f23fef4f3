#!/bin/sh
# SPDX-License-Identifier: MIT
# t_doctor - fu doctor says whether the database is whole, fu's, current
# and private (exit 0 usable, 6 unusable, 5 busy), never changing it;
# fu backup copies it safely (0600, never over a file unless --force,
# never through a link or onto itself) into a valid fu database.
. "$FU_TESTS/e2e/lib.sh"

# doctor_json EXPR: fu doctor --json, then a Python check of its output
sq() { sqlite3 "$FU_DB" "$1"; }

t "no database: exit 6, the report says so, nothing is created"
run doctor
[ "$code" -eq 6 ] && pass || fail "exited $code, wanted 6"
out_has "no database at"
[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^fu: the database is unusable' "$T/err" &&
	pass || fail "not one 'fu: ' line on stderr"
[ -e "$FU_DB" ] && fail "fu doctor created the database" || pass

ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02
ok add application Hooli "Data Engineer" --applied 2026-11-03
ok log acme interview --at "2026-11-05 14:00" --with dana --with "Sam Lee"

t "a healthy database: exit 0, all is well"
cp "$FU_DB" "$T/copy.db"
ok doctor
out_has "all is well"
out_has "$FU_DB"
out_has "integrity"
out_has "2 applications, 2 contacts, 3 events"
cmp -s "$FU_DB" "$T/copy.db" && pass || fail "fu doctor changed the file"

t "--json: the report's shape"
ok doctor --json
json "d['status'] == 'ok' and d['ok'] is True and d['exists'] is True"
json "d['path'] == '$FU_DB'"
json "d['schema_version'] == d['schema_expected'] and d['schema_expected'] >= 2"
json "d['application_id'] == 0x66754a48"
json "d['file_mode'] == '0600' and d['directory_mode'] == '0700'"
json "d['counts']['applications'] == 2 and d['counts']['contacts'] == 2"
json "d['counts']['events'] == $(sq 'SELECT count(*) FROM events')"
json "d['counts']['actions'] == $(sq 'SELECT count(*) FROM actions')"
json "[c['check'] for c in d['checks']] == ['file', 'permissions', 'application-id', 'schema', 'integrity', 'foreign-keys', 'contents']"
json "all(c['status'] == 'ok' for c in d['checks'])"

t "a file others can read: a warning, exit 0 (doctor does not change it)"
chmod 644 "$FU_DB"
ok doctor
out_has "readable by others"
out_has "usable, with 1 warning"
[ "$(stat -c %a "$FU_DB")" = 644 ] && pass || fail "fu doctor changed the mode"
ok doctor --json
json "d['status'] == 'warning' and d['ok'] is True and d['file_mode'] == '0644'"
chmod 600 "$FU_DB"

t "a directory others can read: a warning"
chmod 755 "$T"
ok doctor
out_has "is open to others (mode 0755)"
chmod 700 "$T"

t "a foreign key pointing nowhere: exit 6"
cp "$FU_DB" "$T/good.db"
sq "INSERT INTO application_contacts VALUES (2, 999, 9)"
run doctor --json
[ "$code" -eq 6 ] && pass || fail "exited $code, wanted 6"
json "d['status'] == 'error' and [c['status'] for c in d['checks'] if c['check'] == 'foreign-keys'] == ['error']"
err_has "foreign-keys"
cp "$T/good.db" "$FU_DB"

t "damaged pages: exit 6, integrity named"
# enough rows for many pages, then bytes over the middle of the file
many_events
ok doctor
scribble "$FU_DB" 8192 7
run doctor
[ "$code" -eq 6 ] && pass || fail "exited $code, wanted 6"
out_has "damaged"
err_has "integrity"
cp "$T/good.db" "$FU_DB"

t "truncated to its first 1000 bytes: exit 6"
head -c 1000 "$T/good.db" >"$FU_DB"
run doctor
[ "$code" -eq 6 ] && pass || fail "exited $code, wanted 6"
[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "not one line on stderr"

t "not a fu database: exit 6"
rm -f "$FU_DB"
sqlite3 "$FU_DB" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
run doctor
[ "$code" -eq 6 ] && pass || fail "exited $code, wanted 6"
out_has "not a fu database"

t "written by a newer fu: exit 6"
cp "$T/good.db" "$FU_DB"
sq "PRAGMA user_version = 99"
run doctor
[ "$code" -eq 6 ] && pass || fail "exited $code, wanted 6"
out_has "written by a newer fu"

t "an older schema: a warning (the next command migrates it)"
cp "$T/good.db" "$FU_DB"
sq "PRAGMA user_version = 1"
ok doctor --json
json "d['status'] == 'warning' and d['schema_version'] == 1"
cp "$T/good.db" "$FU_DB"

t "an empty file: usable (fu sets it up), a warning"
: >"$T/empty.db"
chmod 600 "$T/empty.db"
FU_DB="$T/empty.db" run doctor
[ "$code" -eq 0 ] && pass || fail "exited $code"
out_has "an empty database"

t "a directory: exit 6"
mkdir "$T/dir.db"
run --db "$T/dir.db" doctor
[ "$code" -eq 6 ] && pass || fail "exited $code, wanted 6"
out_has "is a directory"

t "a dangling symbolic link: exit 6, nothing created"
ln -s "$T/nowhere.db" "$T/link.db"
run --db "$T/link.db" doctor
[ "$code" -eq 6 ] && pass || fail "exited $code, wanted 6"
[ -e "$T/nowhere.db" ] && fail "created the link's target" || pass

t "fu doctor takes no arguments"
fails_with 2 doctor extra

# --- fu backup ---------------------------------------------------------

t "fu backup FILE: a valid fu database, the same data"
ok backup "$T/b1.db"
out_has "backed up"
[ "$(sqlite3 "$T/b1.db" 'PRAGMA integrity_check')" = ok ] && pass || fail "integrity"
ok --db "$T/b1.db" list
out_has "Acme"
ok --db "$T/b1.db" doctor
out_has "all is well"
sqlite3 "$T/b1.db" .dump >"$T/b1.dump"
dump >"$T/db.dump"
cmp -s "$T/b1.dump" "$T/db.dump" && pass || fail "the backup's dump differs"

t "--json"
ok backup "$T/b2.db" --json
json "d['path'] == '$T/b2.db' and d['database'] == '$FU_DB' and d['size'] > 0"

t "an existing FILE is kept, unless --force"
echo precious >"$T/keep"
fails_with 4 backup "$T/keep"
[ "$(cat "$T/keep")" = precious ] && pass || fail "the file was overwritten"
err_has "use --force"
ok backup "$T/keep" --force
[ "$(sqlite3 "$T/keep" 'SELECT count(*) FROM applications')" = 2 ] && pass ||
	fail "--force did not replace the file"

t "refused: a directory, a symbolic link, the database itself, nothing"
fails_with 4 backup "$T"
ln -s "$T/target.db" "$T/blink.db"
fails_with 4 backup "$T/blink.db"
fails_with 4 backup "$T/blink.db" --force
[ -e "$T/target.db" ] && fail "wrote through the link" || pass
fails_with 4 backup "$FU_DB" --force
ln "$FU_DB" "$T/hard.db"
fails_with 4 backup "$T/hard.db" --force
ok doctor
fails_with 4 backup ""
fails_with 2 backup
fails_with 2 backup a b
fails_with 7 backup "$T/missing/dir/b.db"
ls "$T" | grep -q '\.tmp-' && fail "a temporary file was left" || pass

t "no database: nothing to back up (exit 3), nothing created"
fails_with 3 --db "$T/none.db" backup "$T/b3.db"
[ -e "$T/none.db" ] || [ -e "$T/b3.db" ] && fail "a file was created" || pass

t "a backup taken while fu writes is a consistent snapshot"
(
	i=0
	while [ "$i" -lt 40 ]; do
		"$FU" log acme sent --note "busy $i" >/dev/null 2>&1 </dev/null
		i=$((i + 1))
	done
) &
wpid=$!
k=0
while [ "$k" -lt 5 ]; do
	run backup "$T/snap$k.db"
	[ "$code" -eq 0 ] && pass || fail "backup $k exited $code"
	[ "$(sqlite3 "$T/snap$k.db" 'PRAGMA integrity_check')" = ok ] && pass ||
		fail "snapshot $k is damaged"
	k=$((k + 1))
done
wait "$wpid"

finish
