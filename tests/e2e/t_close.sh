#!/bin/sh
# SPDX-License-Identifier: MIT
# t_close - fu close REF --outcome O: each outcome, what is owed after,
# accepting one job, undoing a close, and the mistakes people make.
. "$FU_TESTS/e2e/lib.sh"

# Now is Mon 9 Nov 2026 09:00 in Berlin (lib.sh).
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02
ok add application Hooli "Data Engineer" --contact "Sam Lee" --applied 2026-11-02
ok add application Initech "QA Lead" --contact "Ria Das" --applied 2026-11-02
ok add application Globex "SRE" --applied 2026-11-02
ok add application Umbrella "Analyst" --contact "Tom Hart" --applied 2026-11-02
ok add application Stark "Engineer" --applied 2026-11-02
ok add application Wayne "Architect" --contact "Lu Fox" --applied 2026-11-02
# 1 Dana, 2 Acme, 3 Hooli, 4 Sam, 5 Initech, 6 Ria, 7 Globex,
# 8 Umbrella, 9 Tom, 10 Stark, 11 Wayne, 12 Lu

t "a check-in is owed before the close"
ok due --all --json
json "any(a['application'] and a['application']['id'] == 2 and a['action'] == 'application-check-in' for a in d)"

t "close as rejected: the human line, then only a gracious reply"
ok close acme --outcome rejected
out_has "closed 2 Acme, Backend Engineer as rejected"
out_has "rejection-response to Dana Reyes"
ok due --all --json
json "[a['action'] for a in d if a['application'] and a['application']['id'] == 2] == ['rejection-response']"
ok due --json
json "not any(a['application'] and a['application']['id'] == 2 and a['action'] in ('application-check-in', 'nudge', 'closure') for a in d)"
ok show acme --json
json "(d['status'] == 'closed' and d['outcome'] == 'rejected' and d['stage'] == 'rejected') and \
	(d['closed'] == '2026-11-09T09:00:00+01:00') and \
	(d['events'][-1]['kind'] == 'closed' and d['events'][-1]['outcome'] == 'rejected')"

t "every other outcome, with --json"
ok close hooli --outcome declined --json
json "(d['id'] == 3 and d['outcome'] == 'declined' and d['status'] == 'closed') and \
	(d['contacts'] == [{'id': 4, 'name': 'Sam Lee'}])"
ok close initech --outcome withdrawn --json
json "d['id'] == 5 and d['outcome'] == 'withdrawn'"
ok close globex --outcome no-response --at 2026-11-06 --note "heard nothing" --json
json "d['id'] == 7 and d['outcome'] == 'no-response' and d['closed'] == '2026-11-06T12:00:00+01:00'"
ok show globex --json
json "d['events'][-1]['note'] == 'heard nothing'"
ok close umbrella --outcome filled --json
json "d['id'] == 8 and d['outcome'] == 'filled' and d['stage'] == 'filled'"
ok due --all --json
json "not any(a['application'] and a['application']['id'] in (3, 5, 7, 8) and a['action'] in ('application-check-in', 'nudge', 'closure', 'find-contact') for a in d)"

t "the outcome's case does not matter"
ok close stark --outcome Rejected --json
json "d['outcome'] == 'rejected'"
ok undo stark
out_has "the application is open again"

t "closing twice"
fails_with 4 close acme --outcome rejected
err_has "already closed"
fails_with 4 close acme --outcome accepted
err_has "already closed"

t "--outcome missing or wrong"
fails_with 2 close wayne
err_has "--outcome"
fails_with 2 close wayne --outcome
fails_with 4 close wayne --outcome meh
err_has "accepted, declined, rejected, withdrawn, no-response, filled"
fails_with 4 close wayne --outcome ""
fails_with 2 close --outcome filled
fails_with 2 close wayne stark --outcome filled
fails_with 2 close wayne --outcome filled --bogus
fails_with 4 close wayne --outcome filled --at frobday

t "a contact is not closed"
fails_with 3 close 1 --outcome filled
err_has "is a contact, not an application"
fails_with 3 close dana --outcome filled
fails_with 3 close nobody --outcome filled
fails_with 3 close 99 --outcome filled

t "accepting one job owes a withdrawal to each other open application"
ok close wayne --outcome accepted
out_has "closed 11 Wayne, Architect as accepted"
ok due --all --json
# (10, Stark, is open too but has nobody to tell; 5, Initech, closed as
# withdrawn, still owes Ria its courtesy note: rule 15)
json "set(a['application']['id'] for a in d if a['action'] == 'withdraw-notice') <= {5, 10}"
# closed applications are owed no withdrawal; the accepted one nothing more
json "not any(a['application'] and a['application']['id'] == 11 and a['action'] != 'withdraw-notice' and a['action'] in ('application-check-in', 'nudge', 'closure') for a in d)"
ok add application Cyberdyne "Engineer" --contact "Al Roe" --applied 2026-11-03
ok due --all --json
json "(13 in [a['application']['id'] for a in d if a['action'] == 'withdraw-notice']) and \
	([a['contact'] for a in d if a['action'] == 'withdraw-notice' and a['application']['id'] == 13] == [{'id': 14, 'name': 'Al Roe'}])"

t "undo after close reopens"
ok undo wayne
out_has "accepted"
out_has "open again"
ok show wayne --json
json "d['status'] == 'open' and d['outcome'] is None and d['closed'] is None"
ok due --all --json
json "(not any(a['action'] == 'withdraw-notice' and a['application']['id'] != 5 for a in d)) and \
	(any(a['application'] and a['application']['id'] == 11 and a['action'] == 'application-check-in' for a in d))"
ok list --json
json "sorted(a['id'] for a in d) == [10, 11, 13]"
ok undo
out_has "Cyberdyne"
out_lacks "open again"

t "closing it again after the undo"
ok close wayne --outcome withdrawn --json
json "d['outcome'] == 'withdrawn'"

t "rule 15 with rule 11: one withdrawal to a recruiter shared by two applications closes both"
export FU_DB="$T/shared.db"
ok add contact "Rita Shaw" --company TalentBridge --email rita@tb.example
ok add application Acme "Backend Engineer" --contact rita --applied 2026-11-02
ok add application Globex "SRE" --contact rita --applied 2026-11-02
ok add contact "Lucius Fox" --company Wayne --email lf@wayne.example
ok add application Wayne "Systems" --contact lucius --applied 2026-11-02
ok add application Hooli "Platform" --contact "Sam Lee" --applied 2026-11-02
ok log wayne rejection --with lucius --at "2026-11-05 10:00"
ok log hooli offer --with sam --at "2026-11-06 10:00" --until 2026-11-13
ok add application Stark "Engineer" --contact "Walter Hughes" --applied 2026-11-02
ok log stark offer --with walter --at "2026-11-07 10:00" --until 2026-11-14
ok close hooli --outcome accepted
ok due --all --json
# one message to Rita for both, none to Wayne (they said no), and
# Stark's open offer is declined, not withdrawn from
json "[(a['application']['company'], a['also']) for a in d if a['action'] == 'withdraw-notice'] == [('Acme', ['withdraw-notice:a3:1'])]"
json "[a['application']['company'] for a in d if a['action'] == 'decline-offer'] == ['Stark']"
ok log acme sent --with rita --action withdraw-notice
ok list --all --json
json "{a['company']: a['outcome'] for a in d} == {'Acme': 'withdrawn', 'Globex': 'withdrawn', 'Wayne': None, 'Hooli': 'accepted', 'Stark': None}"

t "rule 15: a decline-offer logged as sent closes the application as declined"
ok log stark sent --with walter --action decline-offer
ok show stark --json
json "d['outcome'] == 'declined'"
ok due --all --json
json "not any(a['application'] and a['application']['company'] == 'Stark' for a in d)"
ok undo stark
ok show stark --json
json "d['outcome'] is None"

finish
