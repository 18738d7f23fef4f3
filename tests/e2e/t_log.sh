#!/bin/sh
# SPDX-License-Identifier: MIT
# t_log - fu log REF KIND: every kind, every option, the JSON event, and
# the mistakes people make.
. "$FU_TESTS/e2e/lib.sh"

# Now is Mon 9 Nov 2026 09:00 in Berlin (lib.sh).
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02
ok add contact "Kim Ode" --company Netco --email kim@netco.example
ok add application Hooli "Data Engineer" --applied 2026-11-03
ok add application Globex "SRE" --applied 2026-11-03
# 1 Dana, 2 Acme, 3 Kim, 4 Hooli, 5 Globex

ISO="__import__('re').fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d', d['at'])"

t "an interview with everything: human line"
ok log acme interview --at "2026-11-06 14:00" --with dana --with "Sam Lee" \
	--topic "moving billing to Go" --topic "on-call" --expect 2026-11-17 \
	--channel in-person --note "went well"
out_has "logged interview (event "
out_has "on 2 Acme, Backend Engineer: Fri 6 Nov 14:00, with Dana Reyes, Sam Lee"
out_has "thank-you to Dana Reyes"
out_has "thank-you to Sam Lee"

t "the interview as JSON, through fu show"
ok show acme --json
json "([e['kind'] for e in d['events']] == ['applied', 'interview']) and \
	(d['events'][1]['at'] == '2026-11-06T14:00:00+01:00' and d['events'][1]['with'] == [1, 6]) and \
	(d['events'][1]['topics'] == ['moving billing to Go', 'on-call'] and d['events'][1]['channel'] == 'in-person') and \
	(d['events'][1]['expect'] == '2026-11-17' and d['events'][1]['note'] == 'went well')"
# people met become contacts of the application, a new name a new contact
json "([c['id'] for c in d['contacts']] == [1, 6] and d['contacts'][1]['name'] == 'Sam Lee') and \
	(d['stage'] == 'interviewing')"

t "--json: one event object with its id"
ok log acme sent --with dana --action thank-you --channel email --json
json "(d['id'] > 0 and d['kind'] == 'sent' and d['application'] == 2 and d['contact'] is None) and \
	($ISO and d['at'] == '2026-11-09T09:00:00+01:00') and \
	(d['with'] == [1] and d['topics'] == [] and d['action'] == 'thank-you' and d['channel'] == 'email') and \
	(d['urgent'] is False and d['until'] is None and d['expect'] is None)"

t "every kind on an application"
for k in applied meeting met reply timeline posting-closed dismiss; do
	ok log hooli "$k" --at "2026-11-04 10:00" --json
	json "d['kind'] == '$k' and d['application'] == 4 and d['at'] == '2026-11-04T10:00:00+01:00'"
done
ok log hooli intro --with "Ivy Nash" --json
json "d['kind'] == 'intro' and len(d['with']) == 1"
ok log hooli help-promised --with "Ivy Nash" --expect fri --json
json "d['kind'] == 'help-promised' and d['expect'] == '2026-11-13'"
ok log hooli interview --with "Ivy Nash" --json
json "d['kind'] == 'interview'"
ok log hooli offer --until 2026-11-20 --json
json "d['kind'] == 'offer' and d['until'] == '2026-11-20'"
ok log globex rejection --json
json "d['kind'] == 'rejection' and d['application'] == 5"
# rule 9: a snooze or dismiss aims at something owed; nothing is owed
# on Globex, turned down without a person to answer
fails_with 3 log globex snooze --until 2026-11-16 --note "on holiday"
err_has "nothing is owed there"
ok log acme snooze --until 2026-11-16 --note "on holiday" --json
json "d['kind'] == 'snooze' and d['until'] == '2026-11-16' and d['note'] == 'on holiday'"
fails_with 3 log acme dismiss --action nudge
err_has "nothing owed there matches 'nudge' (owed: "
ok log acme dismiss --action interview-check-in --json
json "d['kind'] == 'dismiss' and d['action'] == 'interview-check-in'"
ok show hooli --json
json "d['stage'] == 'offer'"

t "kinds are words, case does not matter"
ok log globex Reply --json
json "d['kind'] == 'reply'"

t "each channel"
for ch in email phone letter social in-person; do
	ok log globex sent --channel "$ch" --json
	json "d['channel'] == '$ch'"
done

t "networking on a contact"
ok log kim met --at "2026-11-08 18:00" --topic "the Go meetup" --json
json "d['kind'] == 'met' and d['contact'] == 3 and d['application'] is None and d['topics'] == ['the Go meetup']"
ok log kim help-promised --urgent --json
json "d['kind'] == 'help-promised' and d['urgent'] is True"
ok log kim intro --with "Lee Moss"
out_has "logged intro (event "
out_has "on 3 Kim Ode: Mon 9 Nov 09:00, with Lee Moss"
out_has "intro-reach-out to Lee Moss"
ok log kim meeting --at "2026-11-09 08:00" --json
json "d['kind'] == 'meeting' and d['at'] == '2026-11-09T08:00:00+01:00'"
ok show kim --json
# the introduction Kim made is the help she promised (rule 15): no
# reminder; the meeting is thanked
json "([e['kind'] for e in d['events']] == ['met', 'meeting', 'help-promised', 'intro']) and \
	('thank-you' in [a['action'] for a in d['actions']] and 'help-reminder' not in [a['action'] for a in d['actions']])"
ok show "Lee Moss" --json
# a person introduced on a contact works where the introducer works
json "d['company'] == 'Netco'"

t "--with repeated keeps the order; an existing contact is not duplicated"
ok log globex meeting --with kim --with dana --with "Sam Lee" --json
json "d['with'] == [3, 1, 6]"
ok list contacts --json
json "sorted(c['name'] for c in d) == ['Dana Reyes', 'Ivy Nash', 'Kim Ode', 'Lee Moss', 'Sam Lee']"

t "--action may name a key from fu due --json"
ok due acme --all --json
KEY=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d[0]["key"] if d else "")' "$T/out")
[ -n "$KEY" ] && pass || fail "no action to aim at"
ok log acme snooze --until 2026-11-30 --action "$KEY" --json
json "d['action'] == '$KEY'"

# --- mistakes -----------------------------------------------------------

t "an unknown kind lists the kinds"
fails_with 4 log acme frob
err_has "frob"
err_has "applied, interview, meeting"
err_has "snooze, dismiss"
fails_with 4 log acme closed

t "application-only kinds on a contact"
for k in offer applied rejection interview posting-closed; do
	fails_with 4 log kim "$k"
done
err_has "application"

t "snooze, --until, --urgent, --action and --expect where they do not belong"
fails_with 4 log acme snooze
err_has "--until"
# a snooze that ended before it began silences nothing: a mistyped date
fails_with 4 log acme snooze --until yesterday
fails_with 4 log acme snooze --until 2026-11-01
fails_with 4 log acme sent --until fri
fails_with 4 log acme sent --urgent
fails_with 4 log kim met --urgent
fails_with 4 log acme interview --action thank-you
fails_with 4 log acme sent --action bogus
err_has "thank-you"
fails_with 4 log acme sent --expect fri

t "bad values"
fails_with 4 log acme sent --channel fax
err_has "email, phone, letter, social, in-person"
fails_with 4 log acme sent --topic ""
# as fu add --notes "": an empty note is refused, not stored as ""
fails_with 4 log acme sent --note ""
fails_with 4 log acme sent --with ""
fails_with 4 log acme sent --at frobday
fails_with 4 log acme snooze --until frobday

t "references that do not resolve"
fails_with 3 log nobody sent
err_has "nobody"
fails_with 3 log 99 sent
fails_with 3 log acme sent --with 99
ok add application Acme "Frontend Engineer"
fails_with 3 log acme sent
err_has "Backend Engineer"
err_has "Frontend Engineer"
# a bad value is reported even when the reference is also wrong
fails_with 4 log nobody frob

t "missing words and stray ones"
fails_with 2 log acme
err_has "KIND"
fails_with 2 log
fails_with 2 log acme sent extra
fails_with 2 log acme sent --bogus
fails_with 2 log acme sent --with
fails_with 2 log acme sent --urgent=yes

finish
