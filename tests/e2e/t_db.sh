#!/bin/sh
# SPDX-License-Identifier: MIT
# t_db - where the database lives, how it is created, and every way it
# can be unusable: fu refuses with exit 6 and leaves the file as it was.
. "$FU_TESTS/e2e/lib.sh"

D="$T/dbs"
mkdir -p "$D"

# same FILE COPY: the file's bytes did not change.
same() {
	if cmp -s "$1" "$2"; then pass; else fail "$1 was changed"; fi
}

t "first use creates \$XDG_DATA_HOME/fu/fu.db, private"
unset FU_DB
XDG_DATA_HOME="$T/xdg" ok add contact "Dana Reyes"
[ -f "$T/xdg/fu/fu.db" ] && pass || fail "no $T/xdg/fu/fu.db"
[ "$(mode "$T/xdg/fu")" = 700 ] && pass || fail "directory mode $(mode "$T/xdg/fu")"
[ "$(mode "$T/xdg/fu/fu.db")" = 600 ] && pass || fail "file mode $(mode "$T/xdg/fu/fu.db")"
[ "$(sqlite3 "$T/xdg/fu/fu.db" 'PRAGMA application_id; PRAGMA user_version;' | tr '\n' ' ')" = "1718962760 11 " ] \
	&& pass || fail "not a fu database of schema 11"
XDG_DATA_HOME="$T/xdg" ok list contacts --json
json "[c['name'] for c in d] == ['Dana Reyes']"
[ -e "$HOME/.local/share/fu/fu.db" ] && fail "HOME was used too" || pass

t "without XDG_DATA_HOME: ~/.local/share/fu/fu.db"
ok add contact "Sam Lee"
[ -f "$HOME/.local/share/fu/fu.db" ] && pass || fail "no ~/.local/share/fu/fu.db"
[ "$(mode "$HOME/.local/share/fu")" = 700 ] && pass || fail "directory mode"
[ "$(mode "$HOME/.local/share/fu/fu.db")" = 600 ] && pass || fail "file mode"
ok list contacts --json
json "[c['name'] for c in d] == ['Sam Lee']"
# a relative XDG_DATA_HOME is ignored, as the XDG specification says
XDG_DATA_HOME=relative ok list contacts --json
json "[c['name'] for c in d] == ['Sam Lee']"
[ -e relative ] && fail "a relative XDG_DATA_HOME was used" || pass

t "--db and FU_DB choose another; --db wins"
FU_DB="$D/env.db" ok add contact "In Env"
ok --db "$D/opt.db" add contact "In Opt"
FU_DB="$D/env.db" ok --db "$D/opt.db" list contacts --json
json "[c['name'] for c in d] == ['In Opt']"
FU_DB="$D/env.db" ok list contacts --db "$D/opt.db" --json
json "[c['name'] for c in d] == ['In Opt']"
FU_DB="$D/env.db" ok list contacts --json
json "[c['name'] for c in d] == ['In Env']"
[ "$(mode "$D/env.db")" = 600 ] && pass || fail "FU_DB file mode"
# an empty FU_DB means the default
FU_DB="" ok list contacts --json
json "[c['name'] for c in d] == ['Sam Lee']"
export FU_DB="$T/fu.db"

t "a database under directories that do not exist yet"
ok --db "$D/a/b/c/fu.db" add contact "Deep"
[ -f "$D/a/b/c/fu.db" ] && pass || fail "not created"
[ "$(mode "$D/a/b")" = 700 ] && pass || fail "new directories are not private"
[ "$(mode "$D/a/b/c/fu.db")" = 600 ] && pass || fail "file mode"

t "an existing file readable by others is made private"
ok --db "$D/open.db" add contact "Open"
chmod 644 "$D/open.db"
ok --db "$D/open.db" list contacts
[ "$(mode "$D/open.db")" = 600 ] && pass || fail "mode $(mode "$D/open.db")"

# as_other ARGS: run fu as a user without root's powers (so that file
# modes bind); sets code and $T/out, $T/err. Returns 1 when impossible.
OTHER=""
if [ "$(id -u)" -ne 0 ]; then
	OTHER=self
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups "$FU" version >/dev/null 2>&1; then
	OTHER=nobody
	chmod 711 "$T"
fi
# shellcheck disable=SC2086 # FU_WRAP is a command with its options
as_other() {
	case $OTHER in
	self) ${FU_WRAP:-} "$FU" "$@" >"$T/out" 2>"$T/err" </dev/null ;;
	nobody) setpriv --reuid=65534 --regid=65534 --clear-groups \
		${FU_WRAP:-} "$FU" "$@" >"$T/out" 2>"$T/err" </dev/null ;;
	esac
	code=$?
}
one_error() {
	if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^fu: ' "$T/err" && [ ! -s "$T/out" ]; then
		pass
	else
		fail "wanted one 'fu: ...' line and no output"
	fi
}

t "a read-only database: reads work, a write exits 6, the file unchanged"
if [ -n "$OTHER" ]; then
	mkdir -p "$T/ro"
	ok --db "$T/ro/fu.db" add contact "Read Only"
	ok --db "$T/ro/fu.db" add application Acme "Backend Engineer" --contact "read only"
	chmod 444 "$T/ro/fu.db"
	[ "$OTHER" = nobody ] && chmod 755 "$T/ro"
	cp "$T/ro/fu.db" "$D/ro.copy"
	as_other --db "$T/ro/fu.db" list contacts --json
	[ "$code" -eq 0 ] && pass || fail "reading a read-only database exited $code"
	json "[c['name'] for c in d] == ['Read Only']"
	as_other --db "$T/ro/fu.db" show acme
	[ "$code" -eq 0 ] && pass || fail "fu show on a read-only database exited $code"
	as_other --db "$T/ro/fu.db" due --all --json
	[ "$code" -eq 0 ] && pass || fail "fu due on a read-only database exited $code"
	as_other --db "$T/ro/fu.db" add contact "Writer"
	[ "$code" -eq 6 ] && pass || fail "a write exited $code, wanted 6"
	one_error
	err_has "read-only"
	as_other --db "$T/ro/fu.db" log acme sent
	[ "$code" -eq 6 ] && pass || fail "a write exited $code, wanted 6"
	same "$T/ro/fu.db" "$D/ro.copy"
else
	echo "skip: read-only database (root, and no way to drop privileges)"
fi

t "an unreadable database"
if [ -n "$OTHER" ]; then
	ok --db "$D/locked.db" add contact "Secret"
	cp "$D/locked.db" "$D/locked.copy"
	chmod 000 "$D/locked.db"
	[ "$OTHER" = nobody ] && chmod 777 "$D"
	as_other --db "$D/locked.db" list contacts
	[ "$code" -eq 6 ] && pass || fail "exited $code, wanted 6"
	one_error
	err_has "locked.db"
	chmod 600 "$D/locked.db"
	same "$D/locked.db" "$D/locked.copy"
	[ "$OTHER" = nobody ] && chmod 700 "$D"
else
	echo "skip: unreadable database (root can read anything)"
fi

t "a directory where the database should be"
mkdir "$D/dir.db"
fails_with 6 --db "$D/dir.db" list
err_has "directory"
fails_with 6 --db "$D/dir.db" add contact "Dana Reyes"
[ -z "$(ls -A "$D/dir.db")" ] && pass || fail "something was created inside the directory"

t "a file that is not SQLite is left alone"
printf 'Dear diary,\nnot a database at all.\n' >"$D/diary.db"
cp "$D/diary.db" "$D/diary.copy"
fails_with 6 --db "$D/diary.db" list
err_has "diary.db"
fails_with 6 --db "$D/diary.db" add contact "Dana Reyes"
same "$D/diary.db" "$D/diary.copy"
head -c 4096 /dev/zero | tr '\0' 'x' >"$D/junk.db"
cp "$D/junk.db" "$D/junk.copy"
fails_with 6 --db "$D/junk.db" add contact "Dana Reyes"
same "$D/junk.db" "$D/junk.copy"

t "a damaged fu database is refused, untouched"
ok --db "$D/cut.db" add contact "Dana Reyes"
sqlite3 "$D/cut.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) INSERT INTO contacts (name, notes, created_at) SELECT 'P' || i, hex(zeroblob(1500)), 0 FROM n;"
head -c 40000 "$D/cut.db" >"$D/cut2.db"
mv "$D/cut2.db" "$D/cut.db"
cp "$D/cut.db" "$D/cut.copy"
fails_with 6 --db "$D/cut.db" list contacts
err_has "cut.db"
fails_with 6 --db "$D/cut.db" add contact "Sam Lee"
same "$D/cut.db" "$D/cut.copy"

t "another program's SQLite file is not fu's"
sqlite3 "$D/other.db" "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes VALUES (1, 'mine');"
cp "$D/other.db" "$D/other.copy"
fails_with 6 --db "$D/other.db" list
err_has "not a fu database"
fails_with 6 --db "$D/other.db" add contact "Dana Reyes"
same "$D/other.db" "$D/other.copy"
# another program's id, even without tables
sqlite3 "$D/otherid.db" "PRAGMA application_id = 42;"
cp "$D/otherid.db" "$D/otherid.copy"
fails_with 6 --db "$D/otherid.db" add contact "Dana Reyes"
err_has "not a fu database"
same "$D/otherid.db" "$D/otherid.copy"

t "a database from a newer fu is refused, untouched"
ok --db "$D/newer.db" add contact "Dana Reyes"
sqlite3 "$D/newer.db" "PRAGMA user_version = 99;"
cp "$D/newer.db" "$D/newer.copy"
fails_with 6 --db "$D/newer.db" list contacts
err_has "newer fu"
fails_with 6 --db "$D/newer.db" add contact "Sam Lee"
same "$D/newer.db" "$D/newer.copy"

t "a database of schema 1 is brought forward"
ok --db "$D/v1.db" add application Acme "Backend Engineer" --applied 2026-11-02
sqlite3 "$D/v1.db" "$UNDO_V11 DROP TABLE notify_log; DROP TABLE proposal_people; DROP TABLE proposal_candidates;
	DROP TABLE proposals; DROP TABLE mail_seen; DROP TABLE mail_sources;
	DROP INDEX events_message_id; ALTER TABLE events DROP COLUMN message_id;
	DROP TABLE actions; DROP TABLE actions_stamp; DROP TABLE marks;
	DROP TABLE fold_stamp; DROP INDEX companies_fold; DROP INDEX contacts_fold;
	ALTER TABLE companies DROP COLUMN fold; ALTER TABLE contacts DROP COLUMN fold;
	ALTER TABLE events DROP COLUMN expect_date; ALTER TABLE events DROP COLUMN until_date;
	ALTER TABLE event_contacts DROP COLUMN created;
	ALTER TABLE event_topics DROP COLUMN contact_id;
	ALTER TABLE events DROP COLUMN occasion; ALTER TABLE events DROP COLUMN because;
	PRAGMA user_version = 1;"
ok --db "$D/v1.db" due --all --json
json "[a['action'] for a in d] == ['find-contact']"
[ "$(sqlite3 "$D/v1.db" 'PRAGMA user_version;')" = 11 ] && pass || fail "not migrated to 11"

t "a database of schema 9 gains the folded names completion reads"
ok --db "$D/v5.db" add application "Müller GmbH" "Data Engineer"
ok --db "$D/v5.db" add contact "Élodie Durand" --company Acme
sqlite3 "$D/v5.db" "$UNDO_V11 DROP TABLE fold_stamp; DROP INDEX companies_fold; DROP INDEX contacts_fold;
	ALTER TABLE companies DROP COLUMN fold; ALTER TABLE contacts DROP COLUMN fold;
	PRAGMA user_version = 9;"
cp "$D/v5.db" "$D/v5.copy"
# completion only reads: the file is left as it was, and it offers
# no names (they are found through the folded names only)
ok --db "$D/v5.db" __complete refs mu
[ -s "$T/out" ] && fail "names completed from a file without folded names" || pass
same "$D/v5.db" "$D/v5.copy"
ok --db "$D/v5.db" add contact "Sam Lee"
[ "$(sqlite3 "$D/v5.db" 'PRAGMA user_version;')" = 11 ] && pass || fail "not migrated to 11"
[ "$(sqlite3 "$D/v5.db" "SELECT group_concat(fold, '|') FROM (SELECT fold FROM companies ORDER BY fold)")" = "acme|muller gmbh" ] \
	&& pass || fail "companies folded: $(sqlite3 "$D/v5.db" 'SELECT fold FROM companies')"
[ "$(sqlite3 "$D/v5.db" "SELECT group_concat(fold, '|') FROM (SELECT fold FROM contacts ORDER BY id)")" = "elodie durand|sam lee" ] \
	&& pass || fail "contacts folded: $(sqlite3 "$D/v5.db" 'SELECT fold FROM contacts')"
ok --db "$D/v5.db" __complete refs mu
out_has "Müller GmbH"
ok --db "$D/v5.db" __complete contacts elo
out_has "Élodie Durand"

t "folded names another program left out, or another folding made, are made again"
sqlite3 "$D/v5.db" "UPDATE companies SET fold = NULL; UPDATE contacts SET fold = 'x';
	UPDATE fold_stamp SET revision = 'an older folding'"
ok --db "$D/v5.db" add contact "Kim Park"
[ "$(sqlite3 "$D/v5.db" "SELECT group_concat(fold, '|') FROM (SELECT fold FROM companies ORDER BY fold)")" = "acme|muller gmbh" ] \
	&& pass || fail "companies not folded again"
[ "$(sqlite3 "$D/v5.db" "SELECT fold FROM contacts ORDER BY id")" = "$(printf 'elodie durand\nsam lee\nkim park')" ] \
	&& pass || fail "contacts not folded again: $(sqlite3 "$D/v5.db" 'SELECT fold FROM contacts')"
[ "$(sqlite3 "$D/v5.db" "SELECT revision <> 'an older folding' FROM fold_stamp")" = 1 ] \
	&& pass || fail "fold_stamp not renewed"

t "an empty file becomes a database"
: >"$D/empty.db"
ok --db "$D/empty.db" add contact "Dana Reyes"
[ "$(sqlite3 "$D/empty.db" 'PRAGMA application_id;')" = 1718962760 ] && pass || fail "not fu's"

t "a dangling symbolic link is not followed"
ln -s "$D/target/planted.db" "$D/link.db"
fails_with 6 --db "$D/link.db" add contact "Dana Reyes"
err_has "link"
fails_with 6 --db "$D/link.db" list
[ -e "$D/target" ] && fail "something was created at the link's target" || pass
# a link to a real database is fine
ok --db "$D/opt.db" list contacts
ln -s "$D/opt.db" "$D/good-link.db"
ok --db "$D/good-link.db" list contacts --json
json "[c['name'] for c in d] == ['In Opt']"

t "a path through a file is refused"
fails_with 6 --db "$D/diary.db/fu.db" add contact "Dana Reyes"
same "$D/diary.db" "$D/diary.copy"

t "a busy database: fu waits for the lock, then writes"
ok --db "$D/busy.db" add contact "Dana Reyes"
(echo ".timeout 5000"; echo "BEGIN EXCLUSIVE;"; sleep 2; echo "COMMIT;") |
	sqlite3 "$D/busy.db" >/dev/null 2>&1 &
holder=$!
i=0
while [ $i -lt 100 ] && sqlite3 "$D/busy.db" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; do
	sleep 0.05
	i=$((i + 1))
done
start=$(date +%s)
ok --db "$D/busy.db" add contact "Sam Lee"
end=$(date +%s)
wait $holder
[ $((end - start)) -ge 1 ] && pass || fail "fu did not wait for the lock"
ok --db "$D/busy.db" list contacts --json
json "[c['name'] for c in d] == ['Dana Reyes', 'Sam Lee']"

finish
