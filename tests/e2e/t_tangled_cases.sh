#!/bin/sh
# SPDX-License-Identifier: MIT
# t_tangled_cases - each case of issue 13 where a real hunt got tangled,
# through the built fu with a fixed clock and zone, checking fu due
# --json (and the words, where the case is about words). Each names its
# rule (RULES.md 11-19). The whole hunt, day by day: t_tangled.
. "$FU_TESTS/e2e/lib.sh"

# at TIME ARGS...: fu at that time
at() { w=$1; shift; FU_NOW="$w" ok "$@"; }
due_json() { FU_NOW="$1" run due --all --json; }

ok config user.name "Alex Morgan"
ok config user.email alex@example.org
ok config user.phone "+49 30 1234567"

t "case 1, rule 11: a recruiter handling three applications is one person: one message serves all three"
export FU_NOW="2026-11-02 09:00"
ok add contact "Rita Shaw" --company TalentBridge --email rita@tb.example --phone "+49 30 5550101"
ok add application Acme "Backend Engineer" --contact rita --applied "2026-11-02 09:00"
ok add application Globex "Site Reliability Engineer" --contact rita --applied "2026-11-02 09:30"
ok add application Initech "Backend Developer" --contact rita --applied "2026-11-02 10:00" --no-calls
due_json "2026-11-04 10:00"
json "len([a for a in d if a['contact'] and a['contact']['name'] == 'Rita Shaw']) == 1"
json "[(a['action'], len(a['also']), 11 in a['constraints']) for a in d] == [('application-check-in', 2, True)]"
json "'serves Globex (Site Reliability Engineer) and Initech (Backend Developer)' in d[0]['reason']"
FU_NOW="2026-11-04 10:00" run due acme --all --json
json "len(d) == 1"
# the riders are listed on their own application, joined to the carrier
FU_NOW="2026-11-04 10:00" run due globex --all --json
json "[a['joined'] for a in d] == ['application-check-in:a2:1']"
at "2026-11-04 10:00" log acme sent --with rita
due_json "2026-11-04 10:05"
# all three served: the next follow-up to Rita is a nudge, two weeks on
json "[a['action'] for a in d] == ['nudge']"
json "d[0]['not_before'] == '2026-11-18T10:00:00+01:00'"

t "case 7, rule 18: a follow-up sent before its window is recorded, with a warning"
FU_NOW="2026-11-06 10:00" run log globex sent --with rita
[ "$code" -eq 0 ] && pass || fail "the early follow-up was refused ($code)"
err_has "breaks the cadence (rule 18)"
ok show globex --json
json "[e['kind'] for e in d['events']] == ['applied', 'sent']"
# and the cadence counts from it: nothing to Rita within a week of it
due_json "2026-11-06 10:05"
json "all(a['not_before'] >= '2026-11-13' for a in d if a['contact'] and a['contact']['name'] == 'Rita Shaw')"

t "case 12: keys are unique across applications, and --action KEY names exactly one"
ok add contact "Sam Lee" --company Hooli --email sam@hooli.example --phone "+49 30 5550199" --prefers phone
ok add application Hooli "Platform Engineer" --contact sam --applied "2026-11-02 11:00"
ok add application Hooli "Staff Engineer" --contact sam --applied "2026-11-02 11:05"
due_json "2026-11-04 12:00"
json "len(set(a['key'] for a in d)) == len(d)"
FU_NOW="2026-11-04 12:00" run due hooli\ staff --all --json
json "[(a['key'], a['joined']) for a in d] == [('application-check-in:a7:5', 'application-check-in:a6:5')]"
at "2026-11-04 12:00" log hooli\ staff snooze --action application-check-in:a7:5 --until 2026-11-06
FU_NOW="2026-11-04 12:00" run due hooli\ platform --all --json
json "[(a['key'], a['snoozed']) for a in d] == [('application-check-in:a6:5', False)]"
FU_NOW="2026-11-04 12:00" run due hooli\ staff --all --json
json "[(a['key'], a['snoozed']) for a in d] == [('application-check-in:a7:5', True)]"

t "case 10, rule 14: by phone when they prefer it, alternating with e-mail; never a call where calls are refused"
at "2026-11-04 12:10" log hooli\ platform sent --with sam --channel phone
due_json "2026-11-04 12:15"
json "[a['channel'] for a in d if a['action'] == 'nudge' and a['contact']['name'] == 'Sam Lee'] == ['email']"
json "all(a['channel'] != 'phone' for a in d if a['application'] and a['application']['company'] == 'Initech')"

t "case 2, rule 12: after a reply that schedules an onsite, nothing asks whether the application arrived"
ok add contact "Dana Reyes" --company Stark --email dana@stark.example --prefers letter --address "1 Tower Way, Berlin"
ok add application Stark "Software Engineer" --contact dana --applied "2026-11-02 12:00"
at "2026-11-03 10:00" log stark reply --with dana --at "2026-11-03 09:50"
at "2026-11-03 10:00" log stark interview --with dana --with "Lee Chen" --with "Omar Haddad" --at "2026-11-10 10:00" --channel in-person
due_json "2026-11-04 09:00"
json "not any(a['action'] in ('application-check-in', 'interview-check-in', 'nudge') for a in d if a['application'] and a['application']['company'] == 'Stark' and a['not_before'] < '2026-11-10T10')"
json "[a['due'] for a in d if a['action'] == 'prepare'] == ['2026-11-10T10:00:00+01:00']"
# case 10, rule 14: the acknowledgement of an invitation for next week
# goes by e-mail, though Dana prefers letters
json "[a['channel'] for a in d if a['action'] == 'acknowledge'] == ['email']"
FU_NOW="2026-11-04 09:00" ok draft stark acknowledge
out_lacks "reached you"
out_has "Subject:"
FU_NOW="2026-11-04 09:00" ok draft stark acknowledge --sent

t "case 4: one message is one person: sent without --with, when three are owed, asks which"
FU_NOW="2026-11-10 15:00" fails_with 2 log stark sent
err_has "more than one person is owed a message"
err_has "Lee Chen"
at "2026-11-10 15:00" log stark sent --with "Lee Chen"
due_json "2026-11-10 15:05"
json "sorted(a['contact']['name'] for a in d if a['action'] == 'thank-you') == ['Dana Reyes', 'Omar Haddad']"

t "case 5: a typo of an interviewer's name is refused, with 'did you mean'; undo takes the junk away"
FU_NOW="2026-11-10 15:10" fails_with 4 log stark sent --with "Dana Reys"
err_has "did you mean Dana Reyes"
at "2026-11-10 15:10" log stark sent --with "Omar Hadad" --new-contact
at "2026-11-10 15:11" undo stark
ok list contacts --json
json "not any(c['name'] == 'Omar Hadad' for c in d)"
ok show omar --json
json "d['name'] == 'Omar Haddad'"

t "case 15, rules 11 and 16: a reply on the interview day owes one message, not a thank-you and an acknowledgement"
at "2026-11-10 16:00" log stark reply --with dana
due_json "2026-11-10 16:05"
json "[a['action'] for a in d if a['contact'] and a['contact']['name'] == 'Dana Reyes' and a['action'] in ('thank-you', 'acknowledge')] == ['thank-you']"
json "[11 in a['constraints'] for a in d if a['action'] == 'thank-you' and a['contact']['name'] == 'Dana Reyes'] == [True]"

t "case 6, rule 11: fu log on a person settles what is owed to that person"
at "2026-11-10 16:10" log dana sent
out_has "Stark"
due_json "2026-11-10 16:15"
json "not any(a['action'] == 'thank-you' and a['contact']['name'] == 'Dana Reyes' for a in d)"
# a person owed two messages at once, on two applications: which?
at "2026-11-17 18:00" log hooli\ staff interview --with sam --at "2026-11-17 14:00"
FU_NOW="2026-11-18 13:00" fails_with 2 log sam sent
err_has "this person is owed more than one message"
err_has "fu log APPLICATION sent --with PERSON"
at "2026-11-18 13:00" log hooli\ staff sent --with sam
due_json "2026-11-18 13:05"
json "[(a['action'], a['application']['role']) for a in d if a['contact'] and a['contact']['name'] == 'Sam Lee' and a['state'] != 'upcoming'] == [('nudge', 'Platform Engineer')]"
at "2026-11-18 17:00" undo hooli\ staff
at "2026-11-18 17:00" undo hooli\ staff

t "case 3, rule 13: a Wednesday interview with no date keeps a business day in its check-in"
ok add contact "Lucius Fox" --company "Wayne Enterprises" --email lucius@wayne.example
ok add application "Wayne Enterprises" "Systems Engineer" --contact lucius --applied "2026-11-02 13:00"
at "2026-11-11 18:00" log wayne interview --with lucius --at "2026-11-11 14:00"
due_json "2026-11-11 18:05"
json "[(a['not_before'][:10], a['due'][:10]) for a in d if a['action'] == 'interview-check-in'] == [('2026-11-16', '2026-11-17')]"
FU_NOW="2026-11-16 10:00" run due --check
[ "$code" -eq 0 ] && pass || fail "fu due --check on the Monday exited $code"

t "case 13, rule 19: --expect with a day is that whole day, worded as a date; --expect fri on a Friday afternoon is that day"
at "2026-11-13 15:00" log wayne timeline --with lucius --expect fri
due_json "2026-11-13 15:05"
json "[a['not_before'][:10] for a in d if a['action'] == 'interview-check-in'] == ['2026-11-16']"
json "any('by Fri 13 Nov' in a['reason'] and '13 Nov 12:00' not in a['reason'] for a in d if a['action'] == 'interview-check-in')"
ok show wayne --json
json "[e['expect'] for e in d['events'] if e['kind'] == 'timeline'] == ['2026-11-13']"

t "case 14, rule 19: reasons read in the reader's zone"
TZ=America/New_York FU_NOW="2026-11-13 09:05" run due wayne --all --json
json "any('Fri 13 Nov' in a['reason'] for a in d)"
json "[a['reason'] for a in d if a['action'] == 'thank-you'] == ['you interviewed with Lucius Fox on Wed 11 Nov 08:00; a thank-you within 24 hours']"
json "not any('14:00' in a['reason'] for a in d)"

t "case 8, rule 15: a help reminder ends when the helper makes the introduction"
ok add contact "Priya Nair" --company Initrode --email priya@initrode.example
at "2026-11-05 19:00" log priya met --at "2026-11-05 18:00"
at "2026-11-06 10:00" log priya help-promised --note "an introduction to the platform lead"
due_json "2026-11-06 10:05"
json "{'acknowledge', 'help-reminder'} <= {a['action'] for a in d if a['contact'] and a['contact']['name'] == 'Priya Nair'}"
at "2026-11-09 10:00" log priya intro --with "Nia Obi"
due_json "2026-11-09 10:05"
json "not any(a['action'] == 'help-reminder' for a in d)"
json "[a['action'] for a in d if a['contact'] and a['contact']['name'] == 'Nia Obi'] == ['intro-reach-out']"

t "case 15, rule 16: an offer is acknowledged, and reviewed by its deadline"
at "2026-11-12 14:00" log hooli\ platform offer --with sam --until 2026-11-19
due_json "2026-11-12 14:05"
json "sorted((a['action'], a['contact']['name']) for a in d if a['action'] in ('acknowledge', 'offer-review') and a['application'] and a['application']['role'] == 'Platform Engineer') == [('acknowledge', 'Sam Lee'), ('offer-review', 'Sam Lee')]"
json "[a['due'] for a in d if a['action'] == 'offer-review'] == ['2026-11-20T00:00:00+01:00']"

t "case 18: fu due orders by state: overdue, due, then upcoming"
due_json "2026-11-16 10:00"
json "[a['state'] for a in d] == sorted((a['state'] for a in d), key=['overdue', 'due', 'upcoming'].index)"

t "case 16, rule 17: without a job, the closure is advice that lapses; with one it stays"
ok add contact "Miles Dyson" --company Cyberdyne --email miles@cyberdyne.example
ok add application Cyberdyne "Embedded Engineer" --contact miles --applied "2026-09-01 10:00"
for w in "2026-09-04 10:00" "2026-09-18 10:00" "2026-10-02 10:00"; do
	at "$w" log cyberdyne sent --with miles
done
due_json "2026-10-16 10:00"
json "[(a['state'], a['expires'] == a['due']) for a in d if a['action'] == 'closure'] == [('due', True)]"
due_json "2026-10-30 10:00"
json "not any(a['action'] == 'closure' for a in d)"
ok config user.employed true
due_json "2026-10-30 10:00"
json "[(a['state'], a['expires']) for a in d if a['action'] == 'closure'] == [('overdue', None)]"
ok config user.employed false

t "case 18: a person named in the application's context; a company matched like a reference"
ok add contact "Sam Ortiz" --company Globex --email sam.o@globex.example
FU_NOW="2026-11-12 14:10" ok draft hooli\ platform acknowledge --to sam
out_has "Dear Sam,"
ok add application wayne "Platform Engineer" --applied "2026-11-12 09:00"
out_has "Wayne Enterprises"
ok add contact "Bruce Wayne" --company "Wayne Foundation"
fails_with 3 add application wayne "Architect"
err_has "Wayne Enterprises"
err_has "Wayne Foundation"
ok add application wayne "Architect" --new-company
ok list --all --json
json "sorted(set(a['company'] for a in d if 'ayne' in a['company'])) == ['Wayne Enterprises', 'wayne']"

t "case 18: fu list's NEXT says when an action opens; video is a channel; dismissing what is not owed is refused"
FU_NOW="2026-11-02 09:05" ok list
out_has "opens"
at "2026-11-13 16:00" log wayne\ enterprises\ systems meeting --with lucius --channel video --at "2026-11-13 15:00"
FU_NOW="2026-11-13 16:05" fails_with 3 log cyberdyne dismiss --action thank-you
err_has "owed"

finish
