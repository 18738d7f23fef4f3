#!/bin/sh
# SPDX-License-Identifier: MIT
# t_scenario - a whole job hunt replayed day by day through the CLI,
# checking fu due --json at each step against RULES.md.
. "$FU_TESTS/e2e/lib.sh"

# due_at NOW: fu due --all --json at that time into $T/out
due_at() { FU_NOW="$1" run due --all --json; }
# has KIND CONTACT STATE: an action of that kind to that person, in that state
has() {
	json "any(a['action'] == '$1' and (a['contact'] or {}).get('name') == '$2' and a['state'] == '$3' for a in d)"
}
# lacks KIND: no action of that kind
lacks() { json "not any(a['action'] == '$1' for a in d)"; }
count_is() { json "len(d) == $1"; }
field() { json "[a['$2'] for a in d if a['action'] == '$1'][0] == '$3'"; }

t "day 1: applying with a known contact raises one check-in"
export FU_NOW="2026-11-02 10:00"
ok add contact "Dana Reyes" --company Acme --title "Engineering Manager" --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied today
due_at "2026-11-02 10:00"
count_is 1
has application-check-in "Dana Reyes" upcoming
field application-check-in not_before "2026-11-04T10:00:00+01:00"
field application-check-in due "2026-11-09T10:00:00+01:00"
field application-check-in channel email
field application-check-in rule application-check-in

t "the check-in window: upcoming a minute before, due at 2 days, overdue a minute after 7"
due_at "2026-11-04 09:59"; has application-check-in "Dana Reyes" upcoming
due_at "2026-11-04 10:00"; has application-check-in "Dana Reyes" due
due_at "2026-11-09 10:00"; has application-check-in "Dana Reyes" due
due_at "2026-11-09 10:01"; has application-check-in "Dana Reyes" overdue

t "fu due without --all keeps to the horizon; --check and --count for scripts"
FU_NOW="2026-11-02 10:00" run due --check
[ "$code" -eq 1 ] && pass || fail "--check before the window exited $code"
FU_NOW="2026-11-05 10:00" run due --check
[ "$code" -eq 0 ] && pass || fail "--check in the window exited $code"
FU_NOW="2026-11-05 10:00" ok due --count
out_is 1

t "day 4: the check-in is sent; the nudge cadence starts two weeks later"
export FU_NOW="2026-11-05 11:00"
ok log acme sent --with dana
due_at "2026-11-05 11:00"
lacks application-check-in
has nudge "Dana Reyes" upcoming
field nudge not_before "2026-11-19T11:00:00+01:00"

t "day 5: a reply resets: an acknowledgement is due within 24 h, and the conversation goes on (rule 12)"
export FU_NOW="2026-11-06 09:00"
ok log acme reply --with dana --note "thanks, we will be in touch"
due_at "2026-11-06 09:00"
has acknowledge "Dana Reyes" due
field acknowledge due "2026-11-07T09:00:00+01:00"
# the nudge that waited for a reply is gone; the conversation's own
# counts from the latest message, never "did my application arrive"
lacks application-check-in
json "len([a for a in d if a['action'] == 'nudge']) == 1"
field nudge not_before "2026-11-20T09:00:00+01:00"
ok log acme sent --with dana --action acknowledge
due_at "2026-11-06 09:30"
lacks acknowledge
field nudge not_before "2026-11-20T09:00:00+01:00"

t "day 8: an interview arranged for tomorrow: nothing chased before it, preparing is due (rule 12)"
export FU_NOW="2026-11-09 09:00"
ok log acme interview --at "2026-11-10 14:00" --with dana --with "Sam Lee" \
	--topic "moving billing to Go" --expect 2026-11-17
due_at "2026-11-09 09:05"
lacks nudge
json "[(a['action'], a['state'], a['due']) for a in d if a['state'] != 'upcoming'] == [('prepare', 'due', '2026-11-10T14:00:00+01:00')]"
# nothing opens before the interview but preparing for it
json "all(a['not_before'] >= '2026-11-10T14:00' for a in d if a['action'] != 'prepare')"

t "day 9: the interview with two people owes a thank-you to each, within 24 h"
due_at "2026-11-10 16:00"
lacks prepare
has thank-you "Dana Reyes" due
has thank-you "Sam Lee" due
field thank-you due "2026-11-11T14:00:00+01:00"
has interview-check-in "Dana Reyes" upcoming
# they promised word by 17 Nov: check in 1-2 days after that date (a
# date alone is that whole day, rule 19: from the 18th, by the 19th)
field interview-check-in not_before "2026-11-18T00:00:00+01:00"
field interview-check-in due "2026-11-20T00:00:00+01:00"

t "a thank-you is overdue a minute after its 24 hours"
due_at "2026-11-11 14:01"
has thank-you "Sam Lee" overdue

t "thank-yous sent: each satisfied separately; the interview check-in stays (rule 10)"
export FU_NOW="2026-11-11 15:00"
ok log acme sent --with dana --action thank-you
due_at "2026-11-11 15:00"
has thank-you "Sam Lee" overdue
json "not any(a['action'] == 'thank-you' and a['contact']['name'] == 'Dana Reyes' for a in d)"
ok log acme sent --with sam --action thank-you
due_at "2026-11-11 15:05"
lacks thank-you
has interview-check-in "Dana Reyes" upcoming

t "the contact date passes: the interview check-in is due"
due_at "2026-11-17 23:59"
has interview-check-in "Dana Reyes" upcoming
due_at "2026-11-18 00:00"
has interview-check-in "Dana Reyes" due

t "the check-in is sent; nudges follow every 14 days, one at a time"
export FU_NOW="2026-11-18 12:30"
ok log acme sent --with dana
due_at "2026-11-18 12:30"
lacks interview-check-in
json "len([a for a in d if a['action'] == 'nudge']) == 1"
field nudge not_before "2026-12-02T12:30:00+01:00"
export FU_NOW="2026-12-02 12:30"
ok log acme sent --with dana
due_at "2026-12-02 12:30"
field nudge not_before "2026-12-16T12:30:00+01:00"

t "three follow-ups without a reply: closure, keep going when not employed"
export FU_NOW="2026-12-16 12:30"
ok log acme sent --with dana
due_at "2026-12-16 12:30"
json "any(a['action'] == 'closure' for a in d)"
json "[a['reason'] for a in d if a['action'] == 'closure'][0].find('employ') >= 0"

t "when employed, closure suggests withdrawing"
ok config user.employed true
due_at "2026-12-16 12:30"
json "'withdraw' in [a['reason'] for a in d if a['action'] == 'closure'][0]"

t "a rejection cancels everything but a gracious reply, due within 2 days"
export FU_NOW="2026-12-18 09:00"
ok log acme rejection --with dana
due_at "2026-12-18 09:00"
count_is 1
has rejection-response "Dana Reyes" due
field rejection-response due "2026-12-20T09:00:00+01:00"

t "closing as rejected after the logged rejection owes nothing more (closed means closed)"
ok close acme --outcome rejected
due_at "2026-12-18 09:05"
json "[a['action'] for a in d] == ['rejection-response']"
ok log acme sent --with dana --action rejection-response
due_at "2026-12-18 09:10"
count_is 0
FU_NOW="2026-12-18 09:10" ok due
out_has "nothing due"

finish
