#!/bin/sh
# SPDX-License-Identifier: MIT
# t_stale - the actions owed depend on the time zone (days are local
# days, weekends are local weekends) and on the rules of the fu that
# derived them. After the user moves from Europe/Berlin to
# America/New_York, or upgrades fu, fu due shows what the new zone and
# rules give at once; the file is not written by a read or by a command
# that fails; the first write stores the new actions (and the stamp of
# what they were derived with) in its own transaction.
. "$FU_TESTS/e2e/lib.sh"

# due of the one check-in, as fu due --json prints it
checkin_due() {
	"$PY3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
print([a["due"] for a in d if a["action"] == "application-check-in"][0])
' "$T/out"
}
stored_due() {
	sqlite3 "$FU_DB" "SELECT due FROM actions WHERE kind = 'application-check-in'"
}
stamp() {
	sqlite3 "$FU_DB" "SELECT rules || ' ' || zone FROM actions_stamp"
}
# the rules' version of this fu, as a new database is stamped with it
FU_DB="$T/probe.db" "$FU" config user.name probe >/dev/null
RV=$(sqlite3 "$T/probe.db" "SELECT rules FROM actions_stamp")

# Applied on Saturday 7 Nov at 01:00 in Berlin, which is Friday 6 Nov
# 19:00 in New York. The check-in is due 7 local days later: Saturday
# 14 Nov 01:00 in Berlin, a weekend, so Monday 16 Nov 01:00 (rule 8);
# in New York Friday 13 Nov 19:00, a weekday.
export TZ=Europe/Berlin
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana \
	--applied "2026-11-07 01:00"

t "written in Berlin: the check-in moves off the Berlin weekend"
ok due --all --json
[ "$(checkin_due)" = "2026-11-16T01:00:00+01:00" ] && pass ||
	fail "due $(checkin_due), wanted Monday 16 Nov 01:00 Berlin"
[ "$(stamp)" = "$RV TZ=Europe/Berlin" ] && pass || fail "stamp '$(stamp)'"
berlin_due=$(stored_due)

t "read in New York: the New York day at once, the file untouched"
export TZ=America/New_York
dump >"$T/before"
ok due --all --json
[ "$(checkin_due)" = "2026-11-13T19:00:00-05:00" ] && pass ||
	fail "due $(checkin_due), wanted Friday 13 Nov 19:00 New York"
ok list
ok show acme
dump >"$T/after"
cmp -s "$T/before" "$T/after" && pass || fail "a read wrote the file"

t "a failing command in New York leaves the file as it was"
fails_with 4 log acme bogus-kind
fails_with 3 log nobody-here sent
fails_with 4 config rules.nudge.days 0

t "the first write in New York stores the New York actions and stamp"
ok log acme sent --with dana --channel email --at "2026-11-10 10:00"
[ "$(stamp)" = "$RV TZ=America/New_York" ] && pass || fail "stamp '$(stamp)'"
ok due --all --json
json "all(a['due'].endswith('-05:00') for a in d)"
[ "$(sqlite3 "$FU_DB" "SELECT count(*) FROM actions")" -gt 0 ] && pass ||
	fail "no actions stored"

t "back in Berlin: the Berlin day again"
export TZ=Europe/Berlin
ok undo
ok due --all --json
[ "$(checkin_due)" = "2026-11-16T01:00:00+01:00" ] && pass ||
	fail "due $(checkin_due) after moving back"
[ "$(stored_due)" = "$berlin_due" ] && pass || fail "stored $(stored_due)"

t "an older fu's rules: read derives afresh, the file untouched"
sqlite3 "$FU_DB" "UPDATE actions_stamp SET rules = 0;
	UPDATE actions SET reason = 'derived by an older fu', due = 0"
dump >"$T/before"
ok due --all --json
json "all(a['reason'] != 'derived by an older fu' for a in d)"
[ "$(checkin_due)" = "2026-11-16T01:00:00+01:00" ] && pass ||
	fail "due $(checkin_due)"
dump >"$T/after"
cmp -s "$T/before" "$T/after" && pass || fail "a read wrote the file"

t "an older fu's rules: the first write derives everything again"
ok config user.name "Alex Morgan"
[ "$(sqlite3 "$FU_DB" "SELECT count(*) FROM actions WHERE reason = \
'derived by an older fu' OR due = 0")" = 0 ] && pass ||
	fail "stale actions kept"
[ "$(stamp)" = "$RV TZ=Europe/Berlin" ] && pass || fail "stamp '$(stamp)'"

t "a file of schema 3 (no stamp) is brought forward and derived"
sqlite3 "$FU_DB" "$UNDO_V11 DROP TABLE notify_log; DROP TABLE proposal_people; DROP TABLE proposal_candidates;
	DROP TABLE proposals; DROP TABLE mail_seen; DROP TABLE mail_sources;
	DROP INDEX events_message_id; ALTER TABLE events DROP COLUMN message_id;
	DROP TABLE actions_stamp; DROP TABLE marks; DELETE FROM actions;
	DROP TABLE fold_stamp; DROP INDEX companies_fold; DROP INDEX contacts_fold;
	ALTER TABLE companies DROP COLUMN fold; ALTER TABLE contacts DROP COLUMN fold;
	ALTER TABLE events DROP COLUMN expect_date; ALTER TABLE events DROP COLUMN until_date;
	ALTER TABLE event_contacts DROP COLUMN created;
	ALTER TABLE event_topics DROP COLUMN contact_id;
	ALTER TABLE events DROP COLUMN occasion; ALTER TABLE events DROP COLUMN because;
	PRAGMA user_version = 3"
ok due --all --json
[ "$(checkin_due)" = "2026-11-16T01:00:00+01:00" ] && pass ||
	fail "due $(checkin_due)"
[ "$(sqlite3 "$FU_DB" 'PRAGMA user_version')" = 11 ] && pass ||
	fail "not migrated"
[ "$(sqlite3 "$FU_DB" "SELECT count(*) FROM actions")" = 0 ] && pass ||
	fail "the migration derived the actions itself"
ok log acme reply --with dana
[ "$(stamp)" = "$RV TZ=Europe/Berlin" ] && pass || fail "stamp '$(stamp)'"

finish
