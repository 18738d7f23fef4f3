#!/bin/sh
# SPDX-License-Identifier: MIT
# t_concurrency - many fu processes writing one database at once lose
# nothing and never fail: each write is one BEGIN IMMEDIATE transaction
# and a busy fu waits (busy timeout). A database held by another program
# longer than the timeout is a clear error, exit 5, and changes nothing.
#
# 8 writers each log 200 events (1600 fu processes) while a reader runs
# fu due and fu list over and over; under valgrind (FU_WRAP) 2 writers
# log 20 each, without the reader. The database lives on tmpfs (/dev/shm) when there is one:
# the locking is the same, without 1600 fsyncs' wait.
. "$FU_TESTS/e2e/lib.sh"

writers=8
events=200
if [ -n "${FU_WRAP:-}" ]; then
	writers=2
	events=20
fi
if [ -z "${FU_WRAP:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	S=$(mktemp -d /dev/shm/fu-e2e.XXXXXX)
	trap 'rm -rf "$T" "$S"' EXIT
	export FU_DB="$S/fu.db"
fi

# one application per writer (numbers 1 to 8), all in one database
for company in Acme Hooli Initech Globex Umbrella Stark Wayne Wonka; do
	ok add application "$company" "Backend Engineer" --applied 2026-11-02
done

# writer N: log $events events on application N, each with a note
# saying who and which
writer() {
	w=$1
	i=1
	while [ "$i" -le "$events" ]; do
		# shellcheck disable=SC2086
		${FU_WRAP:-} "$FU" log "$w" sent --at "2026-11-0$((i % 6 + 3)) 10:00" \
			--note "w$w-$i" >/dev/null 2>>"$T/err.$w" </dev/null ||
			echo "writer $w event $i: exit $?" >>"$T/failed"
		i=$((i + 1))
	done
}

# the reader: fu due and fu list until the writers are done
reader() {
	while [ ! -e "$T/done" ]; do
		# shellcheck disable=SC2086
		${FU_WRAP:-} "$FU" due --all >/dev/null 2>>"$T/err.reader" </dev/null ||
			echo "reader: fu due exit $?" >>"$T/failed"
		# shellcheck disable=SC2086
		${FU_WRAP:-} "$FU" list >/dev/null 2>>"$T/err.reader" </dev/null ||
			echo "reader: fu list exit $?" >>"$T/failed"
	done
}

t "$writers writers x $events events at once: all there, none failed"
start=$(date +%s)
rpid=""
if [ -z "${FU_WRAP:-}" ]; then
	reader &
	rpid=$!
fi
pids=""
w=1
while [ "$w" -le "$writers" ]; do
	writer "$w" &
	pids="$pids $!"
	w=$((w + 1))
done
# shellcheck disable=SC2086
wait $pids
touch "$T/done"
[ -n "$rpid" ] && wait "$rpid"
echo "  $((writers * events)) fu log processes took $(($(date +%s) - start)) s"

if [ -e "$T/failed" ]; then
	fail "some fu failed: $(head -3 "$T/failed")"
else
	pass
fi
if cat "$T"/err.* | grep -q .; then
	fail "fu printed errors: $(cat "$T"/err.* | sort | uniq -c | head -3)"
else
	pass
fi
if cat "$T"/err.* | grep -qi "locked"; then
	fail "fu said 'database is locked'"
else
	pass
fi
n=$(sqlite3 "$FU_DB" "SELECT count(*) FROM events WHERE kind = 'sent'")
[ "$n" = "$((writers * events))" ] && pass ||
	fail "$n events of $((writers * events)) are there"
n=$(sqlite3 "$FU_DB" "SELECT count(DISTINCT note) FROM events WHERE kind = 'sent'")
[ "$n" = "$((writers * events))" ] && pass ||
	fail "$n distinct events of $((writers * events))"
n=$(sqlite3 "$FU_DB" "SELECT count(*) FROM events WHERE kind = 'sent' AND
	note NOT LIKE 'w' || application_id || '-%'")
[ "$n" = 0 ] && pass || fail "$n events on another writer's application"
n=$(sqlite3 "$FU_DB" "PRAGMA integrity_check")
[ "$n" = ok ] && pass || fail "integrity_check: $n"
n=$(sqlite3 "$FU_DB" "PRAGMA foreign_key_check")
[ -z "$n" ] && pass || fail "foreign_key_check: $n"
ok doctor
out_has "all is well"

# --- a database held by another program --------------------------------

# hold_lock: the sqlite3 shell takes an exclusive lock and holds it (in
# the background) until release_lock, or two minutes at most; returns
# once the lock is held
hold_lock() {
	rm -f "$T/lock.out" "$T/release"
	{
		echo "BEGIN EXCLUSIVE;"
		echo "SELECT 'locked';"
		k=0
		while [ ! -e "$T/release" ] && [ "$k" -lt 1200 ]; do
			sleep 0.1
			k=$((k + 1))
		done
		echo "COMMIT;"
	} | sqlite3 "$FU_DB" >"$T/lock.out" 2>&1 &
	lpid=$!
	k=0
	while ! grep -q locked "$T/lock.out" 2>/dev/null; do
		sleep 0.05
		k=$((k + 1))
		[ "$k" -gt 400 ] && { fail "the sqlite3 shell took no lock"; return 1; }
	done
	return 0
}
release_lock() {
	touch "$T/release"
	wait "$lpid"
}

# busy ARGS...: with the lock held, fu must give up after
# FU_BUSY_TIMEOUT (not wait for the lock): exit 5, one 'fu: ' line that
# says busy (not SQLite's "database is locked"), nothing on stdout; and
# the database unchanged once the lock is gone.
busy() {
	dump >"$T/before"
	hold_lock || return
	t0=$(date +%s%N)
	export FU_BUSY_TIMEOUT=400
	run "$@"
	unset FU_BUSY_TIMEOUT
	t1=$(date +%s%N)
	if kill -0 "$lpid" 2>/dev/null; then pass; else
		fail "fu $* returned only after the lock was released"
	fi
	release_lock
	dump >"$T/after"
	[ "$code" -eq 5 ] && pass || fail "fu $* exited $code, wanted 5"
	if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^fu: .*busy' "$T/err"; then
		pass
	else
		fail "fu $* did not print one 'fu: ... busy' line"
	fi
	grep -qi "locked" "$T/err" && fail "fu $* said 'locked'" || pass
	[ -s "$T/out" ] && [ "$1" != doctor ] && fail "fu $* printed on stdout" || pass
	[ $(((t1 - t0) / 1000000)) -ge 350 ] && pass ||
		fail "fu $* gave up after $(((t1 - t0) / 1000000)) ms, before the timeout"
	cmp -s "$T/before" "$T/after" && pass ||
		fail "fu $* changed the database although it failed"
}

t "a write waits FU_BUSY_TIMEOUT (400 ms), then exit 5 and no change"
busy log acme sent --note "while locked"
t "a read too"
busy list
t "fu doctor reports it busy (exit 5)"
busy doctor
t "fu backup: exit 5, and no backup file left"
busy backup "$T/backup.db"
[ -e "$T/backup.db" ] && fail "a backup file was left" || pass
ls "$T" | grep -q 'backup.db.tmp' && fail "a temporary file was left" || pass

t "with the default timeout (10 s), fu waits for a lock held 1 s and succeeds"
n0=$(sqlite3 "$FU_DB" "SELECT count(*) FROM events")
hold_lock && {
	(sleep 1; touch "$T/release") &
	ok log acme sent --note "after the wait"
	wait "$lpid"
}
n1=$(sqlite3 "$FU_DB" "SELECT count(*) FROM events")
[ "$n1" -eq $((n0 + 1)) ] && pass || fail "events went from $n0 to $n1"

t "a malformed FU_BUSY_TIMEOUT is ignored (the default applies)"
export FU_BUSY_TIMEOUT=soon
ok list
unset FU_BUSY_TIMEOUT

finish
