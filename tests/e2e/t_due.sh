#!/bin/sh
# SPDX-License-Identifier: MIT
# t_due - fu due's options, output forms and JSON contract.
. "$FU_TESTS/e2e/lib.sh"

t "an empty database: nothing due, --check says no, --json is []"
ok due
out_is "nothing due in the next 7 days"
run due --check
[ "$code" -eq 1 ] && pass || fail "--check exited $code"
[ -s "$T/out" ] && fail "--check printed something" || pass
ok due --count
out_is 0
ok due --json
json "d == []"

# Two applications, one with a contact and one from a job board.
export FU_NOW="2026-11-02 10:00"
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied today
ok add application Hooli "Data Engineer" --applied today --source board
export FU_NOW="2026-11-05 09:00"

t "the JSON contract of PRODUCT.md"
ok due --json
json "len(d) == 2"
json "all(set(['application','contact','action','channel','not_before','due','state','rule','reason']) <= set(a) for a in d)"
json "d[0]['application'] == {'id': 2, 'company': 'Acme', 'role': 'Backend Engineer'}"
json "d[0]['contact'] == {'id': 1, 'name': 'Dana Reyes'}"
json "d[0]['not_before'].endswith('+01:00') and d[0]['due'].endswith('+01:00')"
json "[a['action'] for a in d] == ['application-check-in', 'find-contact']"
json "d[1]['contact'] is None and d[1]['channel'] is None"
json "all(a['state'] in ('overdue', 'due', 'upcoming') for a in d)"
json "all(len(a['reason']) > 20 for a in d)"

t "human output: aligned, relative times, a reason under each row"
ok due
out_has "application-check-in by email"
out_has "Dana Reyes"
out_has "Mon 9 Nov 10:00, in 4 days"
out_has "no reply yet"
head -1 "$T/out" | grep -q '^STATE  *ACTION  *TO  *FOR  *DUE$' && pass || fail "header"
out_lacks "$(printf '\033')"

t "--why gives the rule, the advice and the source"
ok due --why
out_has "rule application-check-in"
out_has "source:"

t "one application or contact"
ok due hooli --json
json "[a['action'] for a in d] == ['find-contact']"
ok due dana --json
json "[a['action'] for a in d] == ['application-check-in']"
fails_with 3 due initech

t "--overdue, --days and --all"
FU_NOW="2026-11-10 09:00" ok due --overdue --json
json "[a['action'] for a in d] == ['application-check-in', 'find-contact']"
FU_NOW="2026-11-06 09:00" ok due --overdue --json
json "d == []"
ok due --days 0 --json
json "len(d) == 2"
FU_NOW="2026-11-02 10:00" ok due --days 1 --json
json "d == []"
FU_NOW="2026-11-02 10:00" ok due --all --json
# beyond the horizon: a board application's closure after 4 weeks of silence
json "[a['action'] for a in d] == ['application-check-in', 'find-contact', 'closure']"

t "the same instants in another zone"
TZ=America/New_York ok due --json
json "d[0]['due'] == '2026-11-09T04:00:00-05:00'"

t "mistakes"
fails_with 2 due --all --overdue
fails_with 2 due --check --count
fails_with 4 due --days -1
fails_with 4 due --days soon
fails_with 2 due --bogus
fails_with 2 due acme hooli

finish
