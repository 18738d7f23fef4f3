#!/bin/sh
# SPDX-License-Identifier: MIT
# t_edit_undo - correcting mistakes: fu edit of every field of an
# application and a contact, and fu undo [REF].
. "$FU_TESTS/e2e/lib.sh"

# Now is Mon 9 Nov 2026 09:00 in Berlin (lib.sh).
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02 \
	--url https://acme.example/1 --notes "first notes"
ok add contact "Kim Ode" --company Netco
ok add application Hooli "Data Engineer" --applied 2026-11-04
# 1 Dana, 2 Acme, 3 Kim, 4 Hooli

# first_has TEXT: the first line of the last output holds TEXT.
first_has() {
	if head -1 "$T/out" | grep -qF -- "$1"; then pass; else
		fail "first line lacks '$1'"; sed 's/^/  stdout: /' "$T/out" | head -5
	fi
}

t "undo on an empty history"
ok add contact "Nobody Yet"
fails_with 3 undo "nobody yet"
err_has "no event to undo"

t "edit every field of an application"
ok edit acme --company "Acme Corp" --role "Senior Backend Engineer"
out_has "updated application 2: Acme Corp, Senior Backend Engineer"
out_has "next: application-check-in to Dana Reyes"
ok edit 2 --applied 2026-11-03 --source recruiter --notes "second notes" --json
json "d['id'] == 2 and d['applied'] == '2026-11-03T12:00:00+01:00' and d['source'] == 'recruiter' and d['notes'] == 'second notes'"
ok edit 2 --url ''
ok show 2 --json
json "(d['url'] is None and d['company'] == 'Acme Corp' and d['role'] == 'Senior Backend Engineer') and \
	([e['kind'] for e in d['events']] == ['applied'])"
ok edit 2 --no-calls --json
json "d['no_calls'] is True"
ok edit 2 --calls --json
json "d['no_calls'] is False"
ok edit 2 --source '' --json
json "d['source'] is None"

t "--no-follow-up takes the check-in off fu due; --follow-up brings it back"
ok due --all --json
json "[a['action'] for a in d if a['application'] and a['application']['id'] == 2] == ['application-check-in']"
ok edit 2 --no-follow-up --json
json "d['no_follow_up'] is True"
ok due --all --json
json "not any(a['application'] and a['application']['id'] == 2 and a['action'] in ('application-check-in', 'nudge') for a in d)"
ok edit 2 --follow-up --json
json "d['no_follow_up'] is False"
ok due --all --json
json "[a['action'] for a in d if a['application'] and a['application']['id'] == 2] == ['application-check-in']"

t "--contact and --drop-contact"
ok edit 2 --contact kim --contact "Sam Lee" --json
json "d['contacts'] == [{'id': 1, 'name': 'Dana Reyes'}, {'id': 3, 'name': 'Kim Ode'}, {'id': 6, 'name': 'Sam Lee'}]"
ok edit 2 --drop-contact dana
ok show 2 --json
json "[c['id'] for c in d['contacts']] == [3, 6]"
ok show "sam lee" --json
json "d['company'] == 'Acme Corp'"
fails_with 3 edit 2 --drop-contact dana
err_has "not a contact of this application"
fails_with 3 edit 2 --contact 99
fails_with 3 edit 2 --drop-contact nobody

t "edit every field of a contact"
ok edit dana --name "Dana Reyes-Ortiz" --company Globex --title "Director" \
	--email dana@globex.example --phone "+1 555 0199" --address "2 Side St" \
	--prefers letter --no-calls --social-ok --notes "moved to Globex"
out_is "updated contact 1: Dana Reyes-Ortiz"
ok show 1 --json
json "(d['name'] == 'Dana Reyes-Ortiz' and d['company'] == 'Globex' and d['title'] == 'Director') and \
	(d['email'] == 'dana@globex.example' and d['phone'] == '+1 555 0199' and d['address'] == '2 Side St') and \
	(d['prefers'] == 'letter' and d['no_calls'] is True and d['social_ok'] is True and d['notes'] == 'moved to Globex')"
ok edit 1 --prefers none --calls --no-social --json
json "d['prefers'] is None and d['no_calls'] is False and d['social_ok'] is False"
ok edit 1 --prefers phone --json
json "d['prefers'] == 'phone'"
ok edit 1 --title '' --phone '' --address '' --notes '' --company '' --json
json "d['title'] is None and d['phone'] is None and d['address'] is None and d['notes'] is None and d['company'] is None"
ok edit 1 --email '' --json
json "d['email'] is None and d['name'] == 'Dana Reyes-Ortiz'"

t "edit mistakes change nothing"
fails_with 2 edit 2
err_has "nothing to change"
fails_with 2 edit
fails_with 2 edit 2 3 --role X
fails_with 2 edit 2 --name X
err_has "--name"
fails_with 2 edit 2 --email x@y.example
fails_with 2 edit 2 --prefers email
fails_with 2 edit kim --role X
fails_with 2 edit kim --applied today
fails_with 2 edit 2 --bogus
fails_with 2 edit 2 --role
fails_with 4 edit 2 --source newspaper
fails_with 4 edit 2 --company ''
fails_with 4 edit 2 --role ''
fails_with 4 edit 2 --applied frobday
fails_with 4 edit 2 --applied 2026-02-30
fails_with 4 edit kim --email nope
fails_with 4 edit kim --name ''
fails_with 4 edit kim --prefers fax
fails_with 4 edit kim --prefers phone --no-calls
fails_with 4 edit 1 --no-calls
err_has "phone"
fails_with 3 edit zzz --role X
# a good change next to a bad one is not half done
fails_with 4 edit 2 --role "Staff Engineer" --source newspaper
fails_with 4 edit kim --title "CTO" --email nope

t "undo removes the last event, and says what it removed"
ok log 2 sent --with kim
ok log hooli interview --at "2026-11-06 10:00" --with "Lu Fox"
ok log kim met --at "2026-11-07 18:00"
ok show hooli --json
json "[e['kind'] for e in d['events']] == ['applied', 'interview']"
ok undo
first_has "removed event"
first_has "met"
first_has "Sat 7 Nov 18:00"
# ... and on what: a bare undo may touch any application or contact
first_has "Kim Ode"
ok show kim --json
json "'met' not in [e['kind'] for e in d['events']]"
ok show hooli --json
json "[e['kind'] for e in d['events']] == ['applied', 'interview']"

t "undo REF removes only that one's last event"
ok log hooli reply --at "2026-11-08 10:00"
ok undo 2 --json
json "d['kind'] == 'sent' and d['application'] == 2 and d['with'] == [3]"
ok show hooli --json
json "[e['kind'] for e in d['events']] == ['applied', 'interview', 'reply']"
ok show 2 --json
json "[e['kind'] for e in d['events']] == ['applied']"
ok undo hooli
first_has "reply"
first_has "Hooli"
ok show hooli --json
json "[e['kind'] for e in d['events']] == ['applied', 'interview']"
ok due --all --json
json "'thank-you' in [a['action'] for a in d if a['application'] and a['application']['id'] == 4]"
ok undo hooli
out_has "interview"
ok due --all --json
json "'thank-you' not in [a['action'] for a in d if a['application'] and a['application']['id'] == 4]"

t "undo mistakes"
fails_with 3 undo zzz
fails_with 2 undo hooli acme
fails_with 2 undo --bogus
ok undo hooli
ok undo 2
fails_with 3 undo hooli
err_has "no event to undo"
fails_with 3 undo
err_has "no event to undo"

t "edit --company finds a company as fu add does, or lists the candidates"
ok add application "Wayne Enterprises" "Architect"
ok add contact "Bruce Wayne" --company "Wayne Foundation"
# one company: its name as first recorded
ok edit kim --company foundation --json
json "d['company'] == 'Wayne Foundation'"
ok edit 4 --company enterp --json
json "d['company'] == 'Wayne Enterprises' and d['role'] == 'Data Engineer'"
# several: listed, nothing changed
fails_with 3 edit kim --company wayne --title "CTO"
err_has "Wayne Enterprises"
err_has "Wayne Foundation"
ok show kim --json
json "d['company'] == 'Wayne Foundation' and d['title'] is None"
fails_with 3 edit 4 --company wayne --role "Staff Engineer"
err_has "Wayne Foundation"
ok show 4 --json
json "d['company'] == 'Wayne Enterprises' and d['role'] == 'Data Engineer'"
# the exact name wins, case aside; a new one is recorded as typed
ok edit 4 --company "WAYNE FOUNDATION" --json
json "d['company'] == 'Wayne Foundation'"
ok edit kim --company "Stark Industries" --json
json "d['company'] == 'Stark Industries'"
# --new-company: as typed, whatever it starts
ok edit kim --company wayne --new-company --json
json "d['company'] == 'wayne'"
ok edit 4 --company Wayne --json
json "d['company'] == 'wayne'"

finish
