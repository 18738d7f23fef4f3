#!/bin/sh
# SPDX-License-Identifier: MIT
# t_files - nothing fu writes destroys or re-permissions a file that is
# not its own, and its exit code never says "nothing changed" when
# something did (issue 16, items 1-5):
#   - fu draft --eml FILE: never the database or a file beside it, never
#     through a symbolic link, never a device or a FIFO, never a file of
#     another user's; a new file renamed into place (a full disk leaves
#     the previous draft whole); '-' and /dev/stdout are the output;
#   - --db / FU_DB on a file that is not fu's leaves it exactly as it
#     was, mode included;
#   - a write that committed and then cannot print (stdout /dev/full,
#     closed, a pipe nobody reads) exits 0 with a warning, for every
#     write command: never non-zero with the change made;
#   - a database of another user's, or that others may change, is never
#     written (as root, and as user nobody through setpriv);
#   - fu backup --restore puts a backup back through SQLite, with a hot
#     journal beside the database; fu backup never writes over the
#     database's journal.
. "$FU_TESTS/e2e/lib.sh"

umask 022
mode() { stat -c %a "$1"; }
is_mode() {
	if [ "$(mode "$2")" = "$1" ]; then pass; else
		fail "$2 is $(mode "$2"), wanted $1"
	fi
}
same_file() {
	if cmp -s "$1" "$2"; then pass; else fail "$1 changed"; fi
}

ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02
ok config user.name "Alex Morgan"
ok config user.email alex@example.org
ok config user.phone "+49 30 1234567"
cp "$FU_DB" "$T/base0.db"

ROOT=0
[ "$(id -u)" -eq 0 ] && ROOT=1
# nobody: a user without root's powers, when we are root and setpriv works
NOBODY=0
if [ "$ROOT" -eq 1 ] && command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups "$FU" version \
		>/dev/null 2>&1; then
	NOBODY=1
fi
# as_nobody ARGS: fu as nobody (stdout $T/out, stderr $T/err, $code)
# shellcheck disable=SC2086 # FU_WRAP is a command with its options
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		${FU_WRAP:-} "$FU" "$@" >"$T/out" 2>"$T/err" </dev/null
	code=$?
}

# ----------------------------------------------------------------------
# 1. fu draft --eml FILE

t "--eml the database itself: refused, the database byte for byte as it was"
cp "$FU_DB" "$T/db.copy"
fails_with 4 draft acme --eml "$FU_DB"
err_has "database itself"
same_file "$FU_DB" "$T/db.copy"
ok list
out_has "Acme"

t "--eml a hard link to the database, or the name of its journal: refused"
ln "$FU_DB" "$T/hard.db"
fails_with 4 draft acme --eml "$T/hard.db"
fails_with 4 draft acme --eml "$FU_DB-journal"
err_has "journal"
[ ! -e "$FU_DB-journal" ] && pass || fail "a journal was written"
fails_with 4 draft acme --eml "$FU_DB-wal"
[ ! -e "$FU_DB-wal" ] && pass || fail "a -wal was written"
same_file "$FU_DB" "$T/db.copy"
rm -f "$T/hard.db"

t "--eml through a symbolic link: refused, the target's content and mode kept"
echo "my notes" >"$T/notes.txt"
chmod 644 "$T/notes.txt"
cp "$T/notes.txt" "$T/notes.copy"
ln -s "$T/notes.txt" "$T/link.eml"
fails_with 4 draft acme --eml "$T/link.eml"
err_has "symbolic link"
same_file "$T/notes.txt" "$T/notes.copy"
is_mode 644 "$T/notes.txt"
ln -s "$FU_DB" "$T/dblink.eml"
fails_with 4 draft acme --eml "$T/dblink.eml"
same_file "$FU_DB" "$T/db.copy"

t "--eml a hard link to another file: that file keeps its content and mode"
ln "$T/notes.txt" "$T/hard.eml"
ok draft acme --eml "$T/hard.eml"
same_file "$T/notes.txt" "$T/notes.copy"
is_mode 644 "$T/notes.txt"
grep -q '^Subject: ' "$T/hard.eml" && pass || fail "hard.eml is not the draft"
is_mode 600 "$T/hard.eml"

t "--eml a device or a FIFO: refused, without waiting"
mkfifo "$T/fifo"
dump >"$T/before"
timeout 10 "$FU" draft acme --eml "$T/fifo" >"$T/out" 2>"$T/err" </dev/null
code=$?
[ "$code" -eq 4 ] && pass || fail "--eml a FIFO exited $code, wanted 4"
err_has "not a regular file"
if [ "$ROOT" -eq 1 ]; then
	# root could chmod the real /dev/null: a node of our own stands in
	mknod "$T/null" c 1 3 && chmod 666 "$T/null"
	fails_with 4 draft acme --eml "$T/null"
	err_has "not a regular file"
	is_mode 666 "$T/null"
else
	fails_with 4 draft acme --eml /dev/null
fi
is_mode 666 /dev/null

t "--eml a file of another user's: refused"
if [ "$ROOT" -eq 1 ]; then
	echo "theirs" >"$T/theirs.eml"
	chown 65534 "$T/theirs.eml"
	fails_with 4 draft acme --eml "$T/theirs.eml"
	err_has "another user"
	[ "$(cat "$T/theirs.eml")" = theirs ] && pass || fail "their file changed"
	[ "$(stat -c %u "$T/theirs.eml")" = 65534 ] && pass || fail "owner changed"
else
	echo "  (not root: no file of another user's to try)"
fi

t "--eml - and --eml /dev/stdout: the message on standard output"
ok draft acme --eml -
head -1 "$T/out" | grep -q '^From: Alex Morgan <alex@example.org>' && pass ||
	fail "not a message on stdout: $(head -1 "$T/out")"
out_lacks "Hi Dana"
echo "previous" >"$T/stdout.eml"
chmod 644 "$T/stdout.eml"
${FU_WRAP:-} "$FU" draft acme --eml /dev/stdout >"$T/stdout.eml" 2>"$T/err"
[ $? -eq 0 ] && pass || fail "--eml /dev/stdout failed: $(cat "$T/err")"
grep -q '^Subject: ' "$T/stdout.eml" && pass || fail "no message on stdout"
is_mode 644 "$T/stdout.eml"
fails_with 2 draft acme --eml - --json

t "--eml as user nobody: /dev/null refused, a file of nobody's written"
if [ "$NOBODY" -eq 1 ]; then
	mkdir "$T/nb"
	cp "$FU_DB" "$T/nb/fu.db"
	chown -R 65534:65534 "$T/nb"
	chmod 711 "$T"
	as_nobody --db "$T/nb/fu.db" draft acme --eml /dev/null
	[ "$code" -eq 4 ] && pass || fail "nobody: --eml /dev/null exited $code"
	err_has "not a regular file"
	as_nobody --db "$T/nb/fu.db" draft acme --eml "$T/nb/fu.db"
	[ "$code" -eq 4 ] && pass || fail "nobody: --eml the database exited $code"
	as_nobody --db "$T/nb/fu.db" draft acme --eml "$T/nb/draft.eml"
	[ "$code" -eq 0 ] && pass || fail "nobody: --eml exited $code: $(cat "$T/err")"
	is_mode 600 "$T/nb/draft.eml"
	# a file made read-only is not replaced (its directory would allow it)
	echo "keep me" >"$T/nb/kept.eml"
	chown 65534 "$T/nb/kept.eml"
	chmod 444 "$T/nb/kept.eml"
	as_nobody --db "$T/nb/fu.db" draft acme --eml "$T/nb/kept.eml"
	[ "$code" -eq 4 ] && pass || fail "nobody: --eml a read-only file exited $code"
	err_has "read-only"
	[ "$(cat "$T/nb/kept.eml")" = "keep me" ] && pass || fail "the read-only file changed"
	chmod 700 "$T"
else
	echo "  (not root with setpriv: nobody's runs skipped)"
fi

t "--eml on a full disk: the previous draft stays whole"
# a small file system of our own, in a mount namespace that ends with us
if [ "$ROOT" -eq 1 ] && unshare -m true 2>/dev/null; then
	mkdir "$T/small"
	cat >"$T/full.sh" <<'EOF'
set -u
mount -t tmpfs -o size=256k tmpfs "$T/small" || exit 90
cp "$T/good.eml" "$T/small/draft.eml"
dd if=/dev/zero of="$T/small/filler" bs=4k 2>/dev/null
$FU_WRAP "$FU" draft acme --eml "$T/small/draft.eml" >"$T/out" 2>"$T/err"
echo $? >"$T/code"
cmp -s "$T/good.eml" "$T/small/draft.eml" || exit 91
ls "$T/small" >"$T/left"
EOF
	run draft acme --eml "$T/good.eml"
	T="$T" FU="$FU" FU_WRAP="${FU_WRAP:-}" unshare -m sh "$T/full.sh"
	rc=$?
	[ "$rc" -eq 90 ] && echo "  (cannot mount a tmpfs: skipped)"
	if [ "$rc" -ne 90 ]; then
		[ "$rc" -eq 0 ] && pass || fail "the previous draft was damaged ($rc)"
		[ "$(cat "$T/code")" -eq 7 ] && pass ||
			fail "a full disk exited $(cat "$T/code"), wanted 7"
		err_has "disk is full"
		[ "$(cat "$T/left")" = "draft.eml
filler" ] && pass || fail "left behind: $(cat "$T/left")"
	fi
else
	echo "  (not root, or no mount namespaces: full disk skipped)"
fi

# ----------------------------------------------------------------------
# 2. --db on a file that is not fu's

t "--db on a text file: refused, its mode and content kept"
printf 'a file of mine\n' >"$T/mine.txt"
chmod 664 "$T/mine.txt"
cp "$T/mine.txt" "$T/mine.copy"
fails_with 6 --db "$T/mine.txt" list
err_has "not a usable fu database"
is_mode 664 "$T/mine.txt"
same_file "$T/mine.txt" "$T/mine.copy"
FU_DB="$T/mine.txt" fails_with 6 log acme sent
is_mode 664 "$T/mine.txt"
same_file "$T/mine.txt" "$T/mine.copy"

t "--db through a symbolic link to another program's database: mode kept"
sqlite3 "$T/other.sqlite" "CREATE TABLE t(x); INSERT INTO t VALUES (1)"
chmod 644 "$T/other.sqlite"
ln -s "$T/other.sqlite" "$T/other.link"
fails_with 6 --db "$T/other.link" add contact "Zed"
is_mode 644 "$T/other.sqlite"
[ "$(sqlite3 "$T/other.sqlite" 'SELECT x FROM t')" = 1 ] && pass ||
	fail "the other database changed"

t "a fu database others may read is still made private"
cp "$FU_DB" "$T/open.db"
chmod 644 "$T/open.db"
ok --db "$T/open.db" list
is_mode 600 "$T/open.db"

# ----------------------------------------------------------------------
# 3. a committed write whose output cannot be written

cp "$T/base0.db" "$FU_DB"
cp "$FU_DB" "$T/w3.db"
ok export
cp "$T/out" "$T/export.json"
printf 'company,role\nGlobex,SRE\n' >"$T/rows.csv"
ok backup "$T/b3.db"

# check3 HOW ARGS...: run a write command with standard output broken
# (HOW: full, closed, pipe); it must exit 0 with the change made and a
# warning, or exit non-zero with the database as it was (and never die
# of a signal).
check3() {
	how=$1
	shift
	dump >"$T/before"
	case $how in
	full) ${FU_WRAP:-} "$FU" "$@" >/dev/full 2>"$T/err" </dev/null ;;
	closed) ${FU_WRAP:-} "$FU" "$@" >&- 2>"$T/err" </dev/null ;;
	pipe) "$PY3" - "$@" 2>"$T/err" </dev/null <<'PY' ;;
import os, shlex, subprocess, sys
r, w = os.pipe()
os.close(r)  # nobody will read
p = subprocess.run(shlex.split(os.environ.get("FU_WRAP", "")) +
                   [os.environ["FU"]] + sys.argv[1:], stdout=w,
                   stdin=subprocess.DEVNULL)
sys.exit(128 - p.returncode if p.returncode < 0 else p.returncode)
PY
	esac
	code=$?
	dump >"$T/after"
	if [ "$code" -eq 0 ]; then
		if cmp -s "$T/before" "$T/after" && [ "$1" != backup ]; then
			fail "fu $* (stdout $how) exited 0 and changed nothing"
		elif [ -s "$T/err" ] &&
			! grep -q '^fu: warning: the change is saved' "$T/err"; then
			fail "fu $* (stdout $how): $(cat "$T/err")"
		else
			pass
		fi
	elif [ "$code" -gt 7 ] && [ "$1" != list ]; then
		fail "fu $* (stdout $how) died ($code)"
	elif ! cmp -s "$T/before" "$T/after"; then
		fail "fu $* (stdout $how) exited $code after changing the database"
	else
		pass
	fi
}

t "every write command, its output broken: exit 0 and the change made"
for how in full closed pipe; do
	cp "$T/w3.db" "$FU_DB"
	rm -f "$T/b3-$how.db"
	check3 $how add contact "Sam Lee"
	check3 $how add application Hooli "Data Engineer"
	check3 $how log acme sent --with dana
	check3 $how log acme interview --at "2026-11-05 14:00" --with sam
	check3 $how edit acme --notes "edited"
	check3 $how undo acme
	check3 $how config user.employed true
	check3 $how config --unset user.employed
	check3 $how draft acme --sent
	check3 $how close acme --outcome rejected
	check3 $how import --merge "$T/export.json"
	check3 $how import --csv "$T/rows.csv"
	check3 $how backup "$T/b3-$how.db"
	[ -s "$T/b3-$how.db" ] && pass || fail "the backup was not written ($how)"
	check3 $how add contact "Lea Wu" --json
done

t "the event is logged once, and fu says so"
cp "$T/w3.db" "$FU_DB"
${FU_WRAP:-} "$FU" log acme sent --with dana >/dev/full 2>"$T/err"
[ $? -eq 0 ] && pass || fail "fu log >/dev/full did not exit 0"
err_has "fu: warning: the change is saved, but its output could not be written: No space left on device"
[ "$(sqlite3 "$FU_DB" "SELECT count(*) FROM events WHERE kind = 'sent'")" = 1 ] &&
	pass || fail "not one sent event"

t "a read whose output cannot be written still fails (7); a gone reader is quiet"
${FU_WRAP:-} "$FU" list >/dev/full 2>"$T/err"
[ $? -eq 7 ] && pass || fail "fu list >/dev/full did not exit 7"
${FU_WRAP:-} "$FU" list >&- 2>"$T/err"
[ $? -eq 7 ] && pass || fail "fu list >&- did not exit 7"
err_has "cannot write the output"
check3 pipe list
[ "$code" -eq 141 ] && pass ||
	fail "fu list to a gone reader exited $code"
[ ! -s "$T/err" ] && pass || fail "fu list to a gone reader said: $(cat "$T/err")"

# ----------------------------------------------------------------------
# 4. a database of another user's, or that others may change

cp "$T/w3.db" "$FU_DB"
t "a database of another user's: read, never written (as root)"
if [ "$ROOT" -eq 1 ]; then
	mkdir "$T/foreign"
	cp "$T/w3.db" "$T/foreign/fu.db"
	chown 65534 "$T/foreign/fu.db"
	fails_with 6 --db "$T/foreign/fu.db" log acme sent
	err_has "belongs to user nobody"
	err_has "uid 65534"
	FU_DB="$T/foreign/fu.db" fails_with 6 config user.name "Root"
	ok --db "$T/foreign/fu.db" list
	out_has "Acme"
	is_mode 600 "$T/foreign/fu.db"
	[ "$(stat -c %u "$T/foreign/fu.db")" = 65534 ] && pass || fail "owner changed"
else
	echo "  (not root: no file of another user's to try)"
fi

t "a database others may change: refused until it is private"
cp "$T/w3.db" "$T/shared.db"
chmod 666 "$T/shared.db"
fails_with 6 --db "$T/shared.db" log acme sent
err_has "others can change it (mode 0666)"
err_has "chmod 600"
is_mode 666 "$T/shared.db"
chmod 620 "$T/shared.db"
fails_with 6 --db "$T/shared.db" add contact "Zed"
chmod 600 "$T/shared.db"
ok --db "$T/shared.db" log acme sent

t "as user nobody: a foreign-owned or a world-writable database refused"
if [ "$NOBODY" -eq 1 ]; then
	mkdir "$T/nb4"
	cp "$T/w3.db" "$T/nb4/root.db"
	chmod 666 "$T/nb4/root.db"     # root's, writable by anyone
	cp "$T/w3.db" "$T/nb4/open.db"
	chown 65534:65534 "$T/nb4/open.db"
	chmod 646 "$T/nb4/open.db"     # nobody's, writable by others
	chmod 777 "$T/nb4"
	chmod 711 "$T"
	cp "$T/nb4/root.db" "$T/root.copy"
	as_nobody --db "$T/nb4/root.db" log acme sent
	[ "$code" -eq 6 ] && pass || fail "nobody writing root's database exited $code"
	err_has "belongs to user root"
	same_file "$T/nb4/root.db" "$T/root.copy"
	as_nobody --db "$T/nb4/root.db" list
	[ "$code" -eq 0 ] && pass || fail "nobody reading root's database exited $code"
	as_nobody --db "$T/nb4/open.db" add contact "Eve"
	[ "$code" -eq 6 ] && pass || fail "a world-writable database exited $code"
	err_has "others can change it (mode 0646)"
	[ "$(sqlite3 "$T/nb4/open.db" "SELECT count(*) FROM contacts WHERE name = 'Eve'")" = 0 ] &&
		pass || fail "Eve was written"
	chmod 700 "$T"
else
	echo "  (not root with setpriv: nobody's runs skipped)"
fi

# ----------------------------------------------------------------------
# 5. fu backup --restore, and backups that are not over the database

cp "$T/w3.db" "$FU_DB"
t "fu backup over the database's journal, -wal or -shm: refused"
for s in journal wal shm; do
	fails_with 4 backup "$FU_DB-$s"
	[ ! -e "$FU_DB-$s" ] && pass || fail "$FU_DB-$s was written"
done
fails_with 4 backup "$FU_DB" --force

# hot DB: leave a hot journal beside DB, as a write killed mid-way does
# (the transaction spilled pages into the file, then the process died)
hot() {
	"$PY3" - "$1" <<'PY'
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA cache_size = 1")
con.execute("BEGIN IMMEDIATE")
con.execute("CREATE TABLE junk(x)")
con.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
            "WHERE i < 300) INSERT INTO junk SELECT randomblob(3000) FROM n")
con.execute("UPDATE contacts SET notes = hex(randomblob(2000))")
os._exit(0)
PY
}

t "restore with a hot journal beside the database: the backup, whole"
ok backup "$T/old.db" --force
sqlite3 "$T/old.db" .dump >"$T/old.dump"
i=0
while [ $i -lt 30 ]; do
	ok add application "Co$i" "Role $i" --contact "Person $i"
	i=$((i + 1))
done
hot "$FU_DB"
[ -s "$FU_DB-journal" ] && pass || fail "no hot journal to test with"
ok backup --restore "$T/old.db" --force
out_has "restored"
[ ! -e "$FU_DB-journal" ] && pass || fail "the journal is still there"
[ "$(sqlite3 "$FU_DB" 'PRAGMA integrity_check')" = ok ] && pass ||
	fail "the restored database is damaged"
sqlite3 "$FU_DB" .dump >"$T/now.dump"
same_file "$T/now.dump" "$T/old.dump"
ok list
out_has "Acme"
out_lacks "Co1"

t "restore where the database is gone but its journal stayed"
i=0
while [ $i -lt 30 ]; do
	ok add application "Co$i" "Role $i" --contact "Person $i"
	i=$((i + 1))
done
hot "$FU_DB"
rm -f "$FU_DB"
ok backup --restore "$T/old.db"
[ ! -e "$FU_DB-journal" ] && pass || fail "the stale journal is still there"
[ "$(sqlite3 "$FU_DB" 'PRAGMA integrity_check')" = ok ] && pass ||
	fail "the restored database is damaged"
sqlite3 "$FU_DB" .dump >"$T/now.dump"
same_file "$T/now.dump" "$T/old.dump"
is_mode 600 "$FU_DB"

t "restore over a hunt needs --force; what is not a whole fu backup is refused"
ok add contact "Newer Person"
fails_with 4 backup --restore "$T/old.db"
err_has "--force"
fails_with 6 backup --restore "$T/mine.txt" --force
fails_with 6 backup --restore "$T/other.sqlite" --force
fails_with 3 backup --restore "$T/missing.db"
fails_with 4 backup --restore "$FU_DB" --force
cp "$T/old.db" "$T/hot.db"
hot "$T/hot.db"
cp "$T/hot.db" "$T/hot.copy"
fails_with 6 backup --restore "$T/hot.db" --force
err_has "hot.db-journal"
same_file "$T/hot.db" "$T/hot.copy"
head -c 20000 "$T/old.db" >"$T/cut.db"
fails_with 6 backup --restore "$T/cut.db" --force
ok list contacts
out_has "Newer Person"

t "restore refuses a database that is not fu's, and leaves it"
fails_with 6 --db "$T/mine.txt" backup --restore "$T/old.db" --force
same_file "$T/mine.txt" "$T/mine.copy"
is_mode 664 "$T/mine.txt"

# ----------------------------------------------------------------------
# 10. a full disk is "other failure" (7), never "unusable" (6)

t "a write on a full disk: exit 7, 'disk is full', the database as it was"
if [ "$ROOT" -eq 1 ] && unshare -m true 2>/dev/null; then
	mkdir -p "$T/small10"
	cat >"$T/full10.sh" <<'EOF'
set -u
mount -t tmpfs -o size=512k tmpfs "$T/small10" || exit 90
cp "$T/w3.db" "$T/small10/fu.db"
sqlite3 "$T/small10/fu.db" .dump >"$T/before10"
dd if=/dev/zero of="$T/small10/filler" bs=4k 2>/dev/null
i=0
for args in "add contact Zed --notes x" "log acme sent" "config user.name Z"; do
	# shellcheck disable=SC2086
	$FU_WRAP "$FU" --db "$T/small10/fu.db" $args >"$T/out10.$i" 2>"$T/err10.$i"
	echo $? >"$T/code10.$i"
	i=$((i + 1))
done
"$FU" --db "$T/small10/fu.db" doctor >/dev/null 2>&1
echo $? >"$T/doctor10"
sqlite3 "$T/small10/fu.db" .dump >"$T/after10"
EOF
	T="$T" FU="$FU" FU_WRAP="${FU_WRAP:-}" unshare -m sh "$T/full10.sh"
	if [ $? -eq 90 ]; then
		echo "  (cannot mount a tmpfs: skipped)"
	else
		for i in 0 1 2; do
			[ "$(cat "$T/code10.$i")" -eq 7 ] && pass ||
				fail "write $i on a full disk exited $(cat "$T/code10.$i"), wanted 7"
			grep -q '^fu: .*the disk is full' "$T/err10.$i" && pass ||
				fail "write $i: $(cat "$T/err10.$i")"
			[ "$(wc -l <"$T/err10.$i")" -eq 1 ] && pass || fail "not one line"
		done
		same_file "$T/before10" "$T/after10"
		[ "$(cat "$T/doctor10")" -eq 0 ] && pass || fail "fu doctor: not whole"
	fi
else
	echo "  (not root, or no mount namespaces: full disk skipped)"
fi

# ----------------------------------------------------------------------
# 11. a database in a directory fu cannot write

t "a directory fu cannot write: fu doctor says so, a write names it"
if [ "$NOBODY" -eq 1 ]; then
	mkdir "$T/rodir"
	cp "$T/w3.db" "$T/rodir/fu.db"
	chown 65534:65534 "$T/rodir/fu.db"  # nobody's file, root's directory
	chmod 755 "$T/rodir"
	chmod 711 "$T"
	cp "$T/rodir/fu.db" "$T/rodir.copy"
	as_nobody --db "$T/rodir/fu.db" doctor
	[ "$code" -eq 0 ] && pass || fail "fu doctor exited $code"
	out_has "in a directory fu cannot write"
	out_has "usable, with"
	as_nobody --db "$T/rodir/fu.db" doctor --json
	json "[c for c in d['checks'] if c['check'] == 'file'][0]['status'] == 'warning'"
	as_nobody --db "$T/rodir/fu.db" log acme sent
	[ "$code" -eq 6 ] && pass || fail "a write exited $code, wanted 6"
	err_has "the directory '$T/rodir' is not writable"
	same_file "$T/rodir/fu.db" "$T/rodir.copy"
	chmod 700 "$T"
else
	echo "  (not root with setpriv: nobody's runs skipped)"
fi

# ----------------------------------------------------------------------
# 13. a template that is not a regular file

t "a user template that is a FIFO: refused at once, never waited on"
mkdir -p "$HOME/.config/fu/templates"
mkfifo "$HOME/.config/fu/templates/application-check-in.email"
timeout 10 "$FU" draft acme >"$T/out" 2>"$T/err" </dev/null
code=$?
[ "$code" -eq 4 ] && pass || fail "a FIFO template exited $code, wanted 4"
err_has "not a regular file"
rm -f "$HOME/.config/fu/templates/application-check-in.email"
mkdir "$HOME/.config/fu/templates/application-check-in.email"
timeout 10 "$FU" draft acme >"$T/out" 2>"$T/err" </dev/null
code=$?
[ "$code" -eq 4 ] && pass || fail "a directory template exited $code, wanted 4"
rmdir "$HOME/.config/fu/templates/application-check-in.email"
ok draft acme

t "restore --json"
ok doctor --json
want_schema=$("$PY3" -c 'import json,sys; print(json.load(open(sys.argv[1]))["schema_expected"])' "$T/out")
ok backup --restore "$T/old.db" --force --json
json "d['applications'] == 1 and d['contacts'] == 1 and d['schema_version'] == $want_schema"
json "d['database'].endswith('fu.db') and d['path'].endswith('old.db')"

finish
