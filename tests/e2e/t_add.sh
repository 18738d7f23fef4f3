#!/bin/sh
# SPDX-License-Identifier: MIT
# t_add - fu add contact | application: every option, the human line, the
# JSON object, and the mistakes people make.
. "$FU_TESTS/e2e/lib.sh"

t "a contact with every option"
ok add contact "Dana Reyes" --company Acme --title "Engineering Manager" \
	--email dana@acme.example --phone "+1 555 0100" \
	--address "1 Main St, Springfield" --prefers email --social-ok \
	--notes "met at the meetup"
out_is "added contact 1: Dana Reyes (Engineering Manager, Acme)"
ok show 1 --json
json "(d['id'] == 1 and d['name'] == 'Dana Reyes' and d['company'] == 'Acme') and \
	(d['title'] == 'Engineering Manager' and d['email'] == 'dana@acme.example') and \
	(d['phone'] == '+1 555 0100' and d['address'] == '1 Main St, Springfield') and \
	(d['prefers'] == 'email' and d['social_ok'] is True and d['no_calls'] is False) and \
	(d['notes'] == 'met at the meetup') and \
	(d['created'] == '2026-11-09T09:00:00+01:00')"

t "a contact under --json: one object with its id"
ok add contact "Sam Lee" --company Hooli --no-calls --prefers letter --json
json "(d['id'] == 2 and d['name'] == 'Sam Lee' and d['company'] == 'Hooli') and \
	(d['no_calls'] is True and d['prefers'] == 'letter')"
ok add contact "Pat Kim" --prefers phone --json
json "d['prefers'] == 'phone' and d['company'] is None and d['email'] is None"
ok add contact "Lou Park" --prefers social
out_is "added contact 4: Lou Park"
ok add contact "Ann Bell" --title Recruiter
out_is "added contact 5: Ann Bell (Recruiter)"
ok add contact "Bo Chan" --company Globex
out_is "added contact 6: Bo Chan (Globex)"

t "an application with a contact found by part of the name"
ok add application Acme "Backend Engineer" --contact reyes --applied 2026-11-02
out_has "added application 7: Acme, Backend Engineer (applied Mon 2 Nov)"
out_has "application-check-in to Dana Reyes"
ok show 7 --json
json "(d['contacts'] == [{'id': 1, 'name': 'Dana Reyes'}]) and \
	(d['applied'] == '2026-11-02T12:00:00+01:00') and \
	(d['stage'] == 'applied' and d['status'] == 'open' and d['outcome'] is None) and \
	(d['source'] is None and d['url'] is None) and \
	(d['no_calls'] is False and d['no_follow_up'] is False)"

t "an application with a new contact, every option, --json"
ok add application Initech "Data Engineer" --contact "Mia Wong" \
	--applied "2026-11-05 14:30" --source referral \
	--url https://initech.example/jobs/42 --no-calls --no-follow-up \
	--notes "via Mia" --json
json "(d['id'] == 8) and \
	(d['company'] == 'Initech' and d['role'] == 'Data Engineer') and \
	(d['source'] == 'referral' and d['url'] == 'https://initech.example/jobs/42') and \
	(d['no_calls'] is True and d['no_follow_up'] is True and d['notes'] == 'via Mia') and \
	(d['applied'] == '2026-11-05T14:30:00+01:00')"
# the application took number 8, the new contact 9: one sequence; the
# object names the contact it created
json "d['contacts'] == [{'id': 9, 'name': 'Mia Wong'}]"
ok show "Mia Wong" --json
json "(d['id'] == 9 and d['company'] == 'Initech') and \
	([a['id'] for a in d['applications']] == [8])"

t "numbers are shared between contacts and applications"
ok list contacts --json
json "[c['id'] for c in d] == [5, 6, 1, 4, 9, 3, 2]"
ok list --json
json "[a['id'] for a in d] == [7, 8]"

t "applied defaults to now; other date forms"
ok add application Globex "SRE" --json
json "d['applied'] == '2026-11-09T09:00:00+01:00'"
ok add application Globex "SRE II" --applied yesterday --json
json "d['applied'] == '2026-11-08T12:00:00+01:00'"
ok add application Globex "SRE III" --applied -3d --json
json "d['applied'] == '2026-11-06T12:00:00+01:00'"
ok add application Globex "SRE IV" --applied "last fri" --json
json "d['applied'] == '2026-11-06T12:00:00+01:00'"
ok add application Globex "SRE V" --applied today --json
json "d['applied'] == '2026-11-09T09:00:00+01:00'"
ok add application Globex "SRE VI" --applied "2026-11-03 08:15" --json
json "d['applied'] == '2026-11-03T08:15:00+01:00'"

t "each source, and the fu add app alias"
for s in board referral recruiter direct other; do
	ok add app Umbrella "Role $s" --source "$s" --json
	json "d['source'] == '$s' and d['company'] == 'Umbrella'"
done
ok add app Umbrella "Plain" --json
json "d['role'] == 'Plain' and d['source'] is None"

t "the company is one record whatever the case"
ok add application acme "Frontend Engineer" --json
json "d['company'] == 'Acme'"

t "options may come before the words"
ok add --json contact "Eve Stone"
json "d['name'] == 'Eve Stone'"
ok add application --applied 2026-11-01 Stark "Analyst"
out_has "Stark, Analyst (applied Sun 1 Nov)"

# --- mistakes: each exits non-zero with one line and changes nothing ----

t "missing words are usage errors"
fails_with 2 add contact
fails_with 2 add application
fails_with 2 add application Acme
fails_with 2 add app
fails_with 2 add
fails_with 2 add widget
fails_with 2 add widget Acme
err_has "contact"
err_has "application"

t "a name with spaces that was not quoted"
fails_with 2 add contact Jo Black

t "unknown options"
fails_with 2 add contact "Jo Black" --bogus
err_has "--bogus"
fails_with 2 add application Acme Dev --prefers email
fails_with 2 add contact "Jo Black" --source board
fails_with 2 add contact "Jo Black" --company
fails_with 2 add contact "Jo Black" --no-calls=yes

t "invalid values"
fails_with 4 add contact "Jo Black" --prefers fax
err_has "email, phone, letter or social"
fails_with 4 add contact "Jo Black" --prefers in-person
fails_with 4 add application Acme Dev --source newspaper
err_has "board, referral, recruiter, direct, other"
fails_with 4 add contact "Jo Black" --email nope
err_has "nope"
fails_with 4 add contact "Jo Black" --email "jo@black"
fails_with 4 add contact "Jo Black" --email "jo black@x.example"
fails_with 4 add contact ""
fails_with 4 add contact "   "
fails_with 4 add application "" Dev
fails_with 4 add application Acme ""
fails_with 4 add contact "Jo Black" --company ""
fails_with 4 add contact "Jo Black" --prefers phone --no-calls
fails_with 4 add contact "Jo Black" --no-calls --prefers phone

t "--contact that does not exist or is ambiguous"
fails_with 3 add application Acme Dev --contact 99
err_has "99"
ok add contact "Dana Smith" --company Hooli
fails_with 3 add application Acme Dev --contact dana
err_has "Dana Reyes"
err_has "Dana Smith"
# an application number is not a contact
fails_with 3 add application Acme Dev --contact 7
fails_with 4 add application Acme Dev --contact ""

t "a date that cannot be read names the forms that work"
fails_with 4 add application Acme Dev --applied frobday
err_has "frobday"
err_has "YYYY-MM-DD"
err_has "yesterday"
err_has "+3d"
fails_with 4 add application Acme Dev --applied 2026-02-30
fails_with 4 add application Acme Dev --applied "2026-11-02 25:00"
fails_with 4 add application Acme Dev --applied ""

t "after all the mistakes the data is what was added"
ok list contacts --json
json "len(d) == 9"

finish
