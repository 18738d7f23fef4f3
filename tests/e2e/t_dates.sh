#!/bin/sh
# SPDX-License-Identifier: MIT
# t_dates - dates as people write them, read through fu log --at and the
# event's "at": local times with their offset, a day alone at midday,
# today as now, weekdays, zones, and a fixed now from FU_NOW or --now.
. "$FU_TESTS/e2e/lib.sh"

# Mon 9 Nov 2026 09:00 in Berlin (CET, +01:00).
export FU_NOW="2026-11-09 09:00"
export TZ=Europe/Berlin
ok add application Acme "Backend Engineer" --applied 2026-11-02

# at FORM WANT: fu log acme sent --at FORM gives "at" == WANT.
at() {
	run log acme sent --at "$1" --json
	if [ "$code" -ne 0 ]; then
		fail "--at '$1' exited $code"
		return
	fi
	# (without python: one process less for each of these many checks)
	got=$(grep -o '"at":[[:space:]]*"[^"]*"' "$T/out" | sed 's/.*"\([^"]*\)"$/\1/')
	if [ "$got" = "$2" ]; then pass; else fail "--at '$1' gave $got, wanted $2"; fi
}

t "a day, a day and a time, ISO forms"
at "2026-11-05" "2026-11-05T12:00:00+01:00"
at "2026-11-05 14:00" "2026-11-05T14:00:00+01:00"
at "2026-11-05 14:00:30" "2026-11-05T14:00:30+01:00"
at "2026-11-05T14:00" "2026-11-05T14:00:00+01:00"
at "2026-11-05T14:00:00Z" "2026-11-05T15:00:00+01:00"
at "2026-11-05T14:00+05:30" "2026-11-05T09:30:00+01:00"
at "2026-3-1" "2026-03-01T12:00:00+01:00"

t "summer time is stored with its own offset"
at "2026-10-20 14:00" "2026-10-20T14:00:00+02:00"
at "2026-10-20" "2026-10-20T12:00:00+02:00"
# 02:30 does not exist on 29 Mar 2026 in Berlin: the clock jumps to 03:00
at "2026-03-29 02:30" "2026-03-29T03:30:00+02:00"

t "words: today is now, other days are midday"
at "now" "2026-11-09T09:00:00+01:00"
at "today" "2026-11-09T09:00:00+01:00"
at "TODAY" "2026-11-09T09:00:00+01:00"
at "  today " "2026-11-09T09:00:00+01:00"
at "yesterday" "2026-11-08T12:00:00+01:00"
at "tomorrow" "2026-11-10T12:00:00+01:00"
at "yesterday 14:00" "2026-11-08T14:00:00+01:00"
at "14:00" "2026-11-09T14:00:00+01:00"
at "2pm" "2026-11-09T14:00:00+01:00"

t "relative days and weeks"
at "+3d" "2026-11-12T12:00:00+01:00"
at "-2d" "2026-11-07T12:00:00+01:00"
at "2w" "2026-11-23T12:00:00+01:00"
at "-2w" "2026-10-26T12:00:00+01:00"
at "-5h" "2026-11-09T04:00:00+01:00"
# across the change to winter time a day stays a calendar day
at "-20d" "2026-10-20T12:00:00+02:00"

t "weekdays: events look back"
at "fri" "2026-11-06T12:00:00+01:00"
at "Friday" "2026-11-06T12:00:00+01:00"
at "mon" "2026-11-09T09:00:00+01:00"
at "last tuesday" "2026-11-03T12:00:00+01:00"
at "last monday" "2026-11-02T12:00:00+01:00"
at "next monday" "2026-11-16T12:00:00+01:00"
at "next monday 9am" "2026-11-16T09:00:00+01:00"
at "fri 9:30" "2026-11-06T09:30:00+01:00"

t "--expect and --until look ahead"
ok log acme interview --at "2026-11-06 14:00" --expect fri --json
# rule 19: a day without a time is that whole day, shown as a date
json "d['expect'] == '2026-11-13'"
# next: the first one after today (on a Monday, next tuesday is tomorrow)
ok log acme interview --at "2026-11-06 15:00" --expect "next tuesday" --json
json "d['expect'] == '2026-11-10'"
ok log acme interview --at "2026-11-06 15:30" --expect "next monday" --json
json "d['expect'] == '2026-11-16'"
ok log acme interview --at "2026-11-06 16:00" --expect mon --json
json "d['expect'] == '2026-11-09'"
ok log acme snooze --until wed --json
json "d['until'] == '2026-11-11'"
ok log acme snooze --until +3d --json
json "d['until'] == '2026-11-12'"

t "dates that cannot be read name the forms that work"
for bad in 2026-02-30 25:00 frobday "" "2026-11-05 14:60" 1/2/2026 \
	"next frobday" "+100001d"; do
	fails_with 4 log acme sent --at "$bad"
	err_has "YYYY-MM-DD"
	err_has "last tuesday"
done
fails_with 4 log acme interview --expect 2026-02-30
err_has "28 days"
fails_with 4 log acme snooze --until frobday
err_has "+3d"

t "another zone: the same words, New York's offsets"
TZ=America/New_York at "2026-11-05" "2026-11-05T12:00:00-05:00"
TZ=America/New_York at "today" "2026-11-09T09:00:00-05:00"
TZ=America/New_York at "2026-11-05 14:00" "2026-11-05T14:00:00-05:00"
TZ=America/New_York at "2026-10-30 14:00" "2026-10-30T14:00:00-04:00"
TZ=America/New_York at "fri" "2026-11-06T12:00:00-05:00"
TZ=America/New_York at "2026-11-05T14:00:00Z" "2026-11-05T09:00:00-05:00"
# what was stored in Berlin reads as the same instant in New York
ok log acme reply --at "2026-11-04 18:00" --json
ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$T/out")
TZ=America/New_York ok show acme --json
json "[e['at'] for e in d['events'] if e['id'] == $ID] == ['2026-11-04T12:00:00-05:00']"
TZ=America/New_York ok show acme
out_has "Wed 4 Nov 12:00"

t "FU_NOW and --now fix the clock; --now wins"
FU_NOW="2026-12-01 10:00" at "today" "2026-12-01T10:00:00+01:00"
FU_NOW="2026-12-01 10:00" at "yesterday" "2026-11-30T12:00:00+01:00"
FU_NOW="2026-12-01T10:00:00Z" at "now" "2026-12-01T11:00:00+01:00"
run log acme sent --now "2026-12-02 08:30" --json
json "d['at'] == '2026-12-02T08:30:00+01:00'"
FU_NOW="2026-12-01 10:00" run --now "2026-12-02 08:30" log acme sent --json
json "d['at'] == '2026-12-02T08:30:00+01:00'"
FU_NOW="2026-12-01 10:00" run log acme sent --json --now "2026-12-02"
json "d['at'] == '2026-12-02T00:00:00+01:00'"
fails_with 4 --now frobday log acme sent
err_has "--now"
FU_NOW=frobday fails_with 4 log acme sent
err_has "FU_NOW"
FU_NOW=2026-02-30 fails_with 4 list
err_has "28 days"

t "relative times in human output follow the fixed now"
ok show acme
out_has "Mon 2 Nov (7 days ago)"
FU_NOW="2026-11-03 13:00" ok show acme
out_has "Mon 2 Nov (yesterday)"
FU_NOW="2027-01-04 09:00" ok show acme
out_has "Mon 2 Nov 2026 (2 months ago)"

finish
