#!/bin/sh
# SPDX-License-Identifier: MIT
# t_config_rules - fu config (git style) and fu rules.
. "$FU_TESTS/e2e/lib.sh"

t "set, get, unset like git config"
ok config user.name "Alex Morgan"
ok config user.name
out_is "Alex Morgan"
ok config user.email alex@example.org
ok config user.employed yes
ok config user.employed
out_is true
ok config --unset user.name
run config user.name
[ "$code" -eq 1 ] && [ ! -s "$T/out" ] && pass || fail "unset key: exit $code"
ok config rules.nudge.days
out_is 14

t "--list and --json"
ok config --list
out_has "user.email"
out_has "alex@example.org"
out_has "rules.thank-you.hours"
ok config --list --json
json "any(k['key'] == 'user.email' and k['value'] == 'alex@example.org' and k['set'] for k in d)"
json "any(k['key'] == 'rules.nudge.days' and k['value'] == '14' and not k['set'] for k in d)"
ok config user.email --json
json "d == {'key': 'user.email', 'value': 'alex@example.org', 'set': True}"

t "bad values are refused and change nothing"
fails_with 4 config user.email not-an-address
fails_with 4 config user.employed perhaps
fails_with 4 config rules.nudge.days 0
fails_with 4 config rules.nudge.days 2w
fails_with 4 config no.such.key 1
fails_with 2 config
fails_with 2 config --unset
fails_with 3 config --unset user.phone
fails_with 2 config a b c

t "changing a rule's numbers moves what is owed"
export FU_NOW="2026-11-02 10:00"
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied today
ok due --all --json
json "d[0]['not_before'] == '2026-11-04T10:00:00+01:00'"
ok config rules.application-check-in.min-days 3
ok due --all --json
json "d[0]['not_before'] == '2026-11-05T10:00:00+01:00'"
ok config --unset rules.application-check-in.min-days
ok due --all --json
json "d[0]['not_before'] == '2026-11-04T10:00:00+01:00'"

t "the horizon is a number too"
ok config due.horizon-days 1
ok due
out_is "nothing due in the next 1 day"

t "fu rules: every rule, its numbers, its source"
ok rules
for id in thank-you acknowledge connect help-reminder find-contact \
	application-check-in interview-check-in nudge closure \
	rejection-response offer-review withdraw-notice; do
	out_has "$id"
done
out_has "rules.nudge.days = 14"
ok rules thank-you
out_has "source"
ok rules --json
json "len(d['rules']) >= 12 and all(r['source'] and r['advice'] and r['window'] for r in d['rules'])"
json "any(n['key'] == 'rules.thank-you.hours' and n['value'] == 24 for r in d['rules'] for n in r['numbers'])"
fails_with 3 rules no-such-rule

finish
