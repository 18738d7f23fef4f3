#!/bin/sh
# SPDX-License-Identifier: MIT
# t_transfer - data in and out: fu export and fu import (round trips,
# --merge, refusals, bad files), spreadsheets (CSV), and the iCalendar
# feed of what is due (fu due --ics, fu export --ics).
. "$FU_TESTS/e2e/lib.sh"
D="$FU_TESTS/data"

# fu with standard input from a file (run reads /dev/null)
run_in() {
	in=$1
	shift
	# shellcheck disable=SC2086
	${FU_WRAP:-} "$FU" "$@" <"$in" >"$T/out" 2>"$T/err"
	code=$?
}

# py CHECK-SCRIPT FILE: a Python check over FILE must pass.
py() {
	if python3 -c "$1" "$2" >"$T/py" 2>&1; then pass; else
		fail "python check failed"; sed 's/^/  py: /' "$T/py" | head -10
	fi
}

# A hunt with something of everything.
export FU_NOW="2026-11-02 10:00"
ok config user.name "Alex Morgan"
ok config rules.nudge.days 10
ok add contact "Dana Reyes" --company Acme --title "Engineering Manager" \
	--email dana@acme.example --phone "+1 555 0100" --prefers email \
	--no-calls --notes "met at the Go meetup; likes \"brevity\", really"
ok add application Acme "Backend Engineer" --contact dana --applied today \
	--url "https://acme.example/jobs/42?a=1,2" --source referral
ok add application Globex SRE --applied 2026-10-28 --source board --no-follow-up
ok add contact "Maria López" --prefers social
ok add application "Crème Brûlée Société Internationale" \
	"Ingénieure logicielle senior, plateforme de paiement — équipe Zürich" \
	--applied 2026-11-01
export FU_NOW="2026-11-05 18:00"
ok log acme interview --at "2026-11-05 14:00" --with dana --with "Zoë Ångström-Øverlie" \
	--topic "moving billing to Go" --topic "on-call; pay, rotas" --expect 2026-11-12
ok log acme sent --with dana --channel email --action thank-you
ok log maria met --at "2026-11-04 19:00"
ok log maria help-promised --urgent --expect 2026-11-09
ok log globex posting-closed --at 2026-11-03
ok log acme snooze --until 2026-11-20 --action interview-check-in
ok close globex --outcome no-response --note "never heard back"
export FU_NOW="2026-11-09 09:00"

t "export: one JSON document, with its format and version"
ok export
cp "$T/out" "$T/one.json"
json "d['format'] == 'fu-export' and d['version'] == 1"
json "d['exported'] == '2026-11-09T09:00:00+01:00'"
json "sorted(d) == sorted(['format', 'version', 'exported', 'companies', 'contacts', 'applications', 'events', 'config'])"
json "[c['name'] for c in d['contacts']] == ['Dana Reyes', 'Maria López', 'Zoë Ångström-Øverlie']"
json "[c['id'] for c in d['contacts']] == [1, 4, 6]"
json "[a['id'] for a in d['applications']] == [2, 3, 5]"
json "d['applications'][0]['contacts'] == [1, 6]"
json "d['contacts'][0]['prefers'] == 'email' and d['contacts'][0]['no_calls'] is True"
json "[e['kind'] for e in d['events']] == ['applied', 'applied', 'applied', 'interview', 'sent', 'met', 'help-promised', 'posting-closed', 'snooze', 'closed']"
json "d['events'][3]['topics'] == ['moving billing to Go', 'on-call; pay, rotas'] and d['events'][3]['with'] == [1, 6]"
json "d['events'][3]['expect'] == '2026-11-12'"
json "d['events'][9]['outcome'] == 'no-response' and d['events'][9]['note'] == 'never heard back'"
json "d['events'][6]['urgent'] is True and d['events'][8]['action'] == 'interview-check-in'"
json "d['config'] == {'rules.nudge.days': '10', 'user.name': 'Alex Morgan'}"
ok export --json
cmp -s "$T/out" "$T/one.json" && pass || fail "--json changed the export"
ok export --ics
cp "$T/out" "$T/one.ics"

t "import into a new database, export again: the same bytes"
ok due --all --json
cp "$T/out" "$T/due-one.json"
FU_DB="$T/two.db" ok import "$T/one.json"
out_is "imported 3 applications, 3 contacts and 10 events; 2 settings"
FU_DB="$T/two.db" ok export
cmp -s "$T/out" "$T/one.json" && pass || fail "export, import, export differs"
diff "$T/one.json" "$T/out" | head -10

t "the actions owed are worked out again, the same"
FU_DB="$T/two.db" ok due --all --json
cmp -s "$T/out" "$T/due-one.json" && pass || fail "fu due differs after import"

t "FILE - reads standard input; --json counts"
FU_DB="$T/three.db" run_in "$T/one.json" import - --json
[ "$code" -eq 0 ] && pass || fail "import - exited $code"
json "d == {'companies': 3, 'contacts': 3, 'contacts_matched': 0, 'applications': 3, 'applications_matched': 0, 'events': 10, 'events_matched': 0, 'config': 2}"

t "refused into a database that holds data; nothing changes"
fails_with 4 import "$T/one.json"
err_has "fu: import: the database already holds data (3 applications, 3 contacts)"
err_has "fu import --merge FILE"

t "--merge of the same hunt again adds nothing: the identifiers say it is there"
# the records (the actions owed are derived again, in another order)
records() { dump | grep -v '^INSERT INTO "*\(actions\|marks\)'; }
records >"$T/before-merge"
ok import --merge "$T/one.json"
out_is "added 0 applications, 0 contacts and 0 events (3 applications, 3 contacts and 10 events were already there)"
records >"$T/after-merge"
cmp -s "$T/before-merge" "$T/after-merge" && pass || { fail "merging the same hunt changed the database"; diff "$T/before-merge" "$T/after-merge" | head; }
FU_DB="$T/three.db" ok import --merge "$T/one.json" --json
json "d['applications'] == 0 and d['applications_matched'] == 3 and d['events_matched'] == 10 and d['contacts_matched'] == 3"

t "--merge adds with new numbers; the same person (name and e-mail) is kept"
# an export without identifiers (an older fu's): every application and
# event is new, people are matched by name and e-mail
"$PY3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
for table in ("contacts", "applications", "events"):
    for r in d[table]:
        r.pop("uuid", None)
json.dump(d, open(sys.argv[2], "w"), indent=1)
' "$T/one.json" "$T/one-old.json"
ok import --merge "$T/one-old.json"
out_is "added 3 applications, 0 contacts and 10 events (3 contacts were already there)"
ok list --json
json "[a['id'] for a in d] == [2, 5, 7, 9]"
ok list --closed --json
json "[(a['id'], a['outcome']) for a in d] == [(3, 'no-response'), (8, 'no-response')]"
ok show 7 --json
json "d['company'] == 'Acme' and [c['id'] for c in d['contacts']] == [1, 6]"
ok list contacts --json
json "len(d) == 3"
ok export
json "[e['action'] for e in d['events'] if e['action']] == ['thank-you', 'interview-check-in', 'thank-you', 'interview-check-in']"
json "d['config'] == {'rules.nudge.days': '10', 'user.name': 'Alex Morgan'}"

t "a bad file changes nothing and says where it is wrong"
# (a read creates no database; a write does, even one that does nothing)
FU_DB="$T/empty.db" ok list
if [ -e "$T/empty.db" ]; then fail "fu list created a database"; else pass; fi
FU_DB="$T/empty.db" ok config core.pager cat
bad() { # bad NAME PYTHON: one.json changed by PYTHON (over d) into NAME
	python3 - "$T/one.json" "$T/$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
open(sys.argv[2], 'w').write(json.dumps(d))
PY
}
bad role.json "d['applications'][1]['role'] = ''"
fails_with 4 import "$T/role.json"
err_has "fu: import: applications[1].role: expected a non-empty string, not an empty string"
FU_DB="$T/empty.db" fails_with 4 import "$T/role.json"
bad kind.json "d['events'][4]['kind'] = 'lunch'"
FU_DB="$T/empty.db" fails_with 4 import "$T/kind.json"
err_has "fu: import: events[4].kind: 'lunch' is not an event kind (applied, interview, meeting,"
bad dangling.json "d['events'][0]['application'] = 17"
FU_DB="$T/empty.db" fails_with 4 import "$T/dangling.json"
err_has "fu: import: events[0].application: no application 17 in the file"
bad when.json "d['events'][3]['at'] = 'last tuesday'"
FU_DB="$T/empty.db" fails_with 4 import "$T/when.json"
err_has "fu: import: events[3].at: expected an ISO 8601 time with its offset, like 2026-11-10T14:00:00+01:00, not 'last tuesday'"
bad email.json "d['contacts'][0]['email'] = 'dana at acme'"
FU_DB="$T/empty.db" fails_with 4 import "$T/email.json"
err_has "fu: import: contacts[0].email: 'dana at acme' is not an e-mail address"
bad version.json "d['version'] = 2"
FU_DB="$T/empty.db" fails_with 4 import "$T/version.json"
err_has "fu: import: version: this file is version 2 of the fu-export format; this fu reads version 1 (upgrade fu)"
head -c 300 "$T/one.json" >"$T/cut.json"
FU_DB="$T/empty.db" fails_with 4 import "$T/cut.json"
err_has "not JSON (it ends too soon: is the file cut short?)"
printf '{"format": "fu-export", "version": 1,\n "contacts": [}\n' >"$T/syntax.json"
FU_DB="$T/empty.db" fails_with 4 import "$T/syntax.json"
err_has "fu: import: line 2, column"
err_has "not JSON (cJSON error near"
FU_DB="$T/empty.db" fails_with 7 import "$T/no-such-file.json"
err_has "cannot read"
fails_with 2 import
fails_with 2 import "$T/one.json" "$T/one.json"
fails_with 2 import --csv "$T/one.json" --merge
fails_with 2 import "$T/one.json" --skip-bad
fails_with 2 export --ics --json

# --- spreadsheets -------------------------------------------------------

t "CSV: a BOM, CRLF, synonyms, every quoting case; unknown columns warned"
export FU_DB="$T/csv.db"
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok import --csv "$D/applications.csv"
out_is "imported 6 applications from 6 rows (2 new contacts, 2 already known)"
err_has "fu: warning: ignored column 'Salary' (fu reads company, role, applied, contact, email, status, source, url, notes)"
ok list --json
json "[(a['company'], a['role']) for a in d] == [('Acme', 'Backend Engineer'), ('Initech', 'Data Engineer \"II\"'), ('Hooli', 'Platform Engineer'), ('Crème Brûlée SA', 'Ingénieur·e'), ('Globex', 'Site Reliability Engineer II')]"
json "[a['stage'] for a in d] == ['applied', 'interviewing', 'planned', 'offer', 'applied']"
json "d[0]['notes'] == 'Referred by Kim, who says \"apply now\"' and d[0]['url'] == 'https://acme.example/jobs/42'"
json "d[1]['url'] == 'https://initech.example/jobs?id=7&ref=a,b'"
json "d[3]['notes'] == 'café ☕, \"quoted\" and a, comma'"
json "d[0]['applied'] == '2026-11-02T12:00:00+01:00' and d[2]['applied'] is None"
json "[[c['name'] for c in a['contacts']] for a in d] == [['Dana Reyes'], [], [], ['Zoë Ångström'], ['Sam Lee']]"
ok list --closed --json
json "[(a['company'], a['role'], a['outcome']) for a in d] == [('Globex, Inc.', 'Site Reliability Engineer', 'rejected')]"
json "d[0]['notes'] == 'two lines:\nfirst, then second' and d[0]['closed'] == '2026-10-20T12:00:00+02:00'"
ok list contacts --json
json "sorted((c['name'], c['email'], c['company']) for c in d) == [('Dana Reyes', 'dana@acme.example', 'Acme'), ('Sam Lee', 'sam@globex.example', 'Globex, Inc.'), ('Zoë Ångström', None, 'Crème Brûlée SA')]"

t "CSV: a bad row imports nothing, and says where"
export FU_DB="$T/bad.db"
ok add contact "Dana Reyes"
fails_with 4 import --csv "$D/bad.csv"
err_has "fu: import: line 4, column applied: cannot read date '31/02/2026': use YYYY-MM-DD,"
err_has "(and 1 more bad row; nothing imported: --skip-bad imports the good ones)"

t "CSV: --skip-bad imports the good rows and lists the bad ones"
run import --csv --skip-bad "$D/bad.csv"
[ "$code" -eq 0 ] && pass || fail "--skip-bad exited $code"
out_is "imported 3 applications from 5 rows; skipped 2 bad rows"
err_has "fu: skipped line 4, column applied: cannot read date '31/02/2026'"
err_has "fu: skipped line 5, column role: empty; every row needs the role"
ok list --json
json "[a['company'] for a in d] == ['Acme', 'Globex', 'Umbrella']"
printf 'company,role\r\nAcme,"unclosed\r\n' >"$T/open.csv"
fails_with 4 import --csv "$T/open.csv"
err_has "fu: import: line 3: a quoted field is not closed (it opens on line 2)"
printf 'company,role\nAcme,Dev \377\n' >"$T/latin1.csv"
fails_with 4 import --csv "$T/latin1.csv"
err_has "fu: import: line 2: not valid UTF-8 (save the spreadsheet as CSV UTF-8)"
run_in "$D/applications.csv" import --csv - --json
json "d['applications'] == 6 and d['ignored_columns'] == ['Salary'] and d['skipped'] == []"

t "CSV: semicolons and tabs, as the header has them or as told"
export FU_DB="$T/seps.db"
# what a spreadsheet in a French or German locale saves
printf 'Company;Role;Applied;Notes\r\n"Müller; Söhne";Entwickler;2026-11-02;"eins\r\nzwei"\r\n' >"$T/de.csv"
ok import --csv "$T/de.csv"
out_is "imported 1 application from 1 row"
ok list --json
json "[(a['company'], a['role'], a['notes']) for a in d] == [('Müller; Söhne', 'Entwickler', 'eins\nzwei')]"
printf 'company\trole\tcontact\nInitech\t"QA, nights"\t"Dana\nReyes"\n' >"$T/tab.tsv"
ok import --csv "$T/tab.tsv" --separator tab
ok show dana --json
json "d['name'] == 'Dana Reyes'"
# the wrong separator said: nothing imported, and why
fails_with 4 import --csv "$T/tab.tsv" --separator ,
err_has "fu: import: line 1: the columns are separated by tabs, not by commas (leave the separator out, and fu reads it from this line)"
fails_with 4 import --csv "$T/de.csv" --separator pipe
err_has "--separator takes comma, semicolon or tab, not 'pipe'"
fails_with 2 import "$T/de.csv" --separator ";"
ok import --csv "$T/de.csv" --sep ";"

# --- calendars ----------------------------------------------------------

export FU_DB="$T/fu.db"
ics_check='
import re, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\r\n"), "ends with CRLF"
lines = raw[:-2].split(b"\r\n")
for l in lines:
    assert b"\n" not in l and b"\r" not in l, "bare line break in %r" % l
    assert len(l) <= 75, "longer than 75 octets: %r" % l
    l.decode("utf-8")  # folding never splits a character
# unfold (RFC 5545 3.1)
logical = []
for l in lines:
    if l[:1] in (b" ", b"\t"):
        logical[-1] += l[1:]
    else:
        logical.append(l)
props = [l.decode("utf-8") for l in logical]
stack, todos, cal = [], [], {}
for p in props:
    name, _, value = p.partition(":")
    assert re.fullmatch(r"[A-Z-]+", name), "property name %r" % name
    if name == "BEGIN":
        stack.append(value)
        if value == "VTODO":
            todos.append({})
    elif name == "END":
        assert stack and stack.pop() == value, "END:%s unbalanced" % value
    elif stack == ["VCALENDAR"]:
        cal[name] = value
    else:
        assert stack == ["VCALENDAR", "VTODO"], stack
        assert name not in todos[-1], "%s twice" % name
        todos[-1][name] = value
assert not stack, "unclosed %r" % stack
assert props[0] == "BEGIN:VCALENDAR" and props[-1] == "END:VCALENDAR"
assert cal["VERSION"] == "2.0" and cal["PRODID"].startswith("-//fu//fu ")
utc = r"\d{8}T\d{6}Z"
for t in todos:
    for k in ("UID", "DTSTAMP", "DUE", "SUMMARY", "DESCRIPTION"):
        assert k in t, "VTODO without " + k
    assert t["UID"].endswith("@fu")
    assert re.fullmatch(utc, t["DTSTAMP"]) and re.fullmatch(utc, t["DUE"])
    if "DTSTART" in t:
        assert re.fullmatch(utc, t["DTSTART"]) and t["DTSTART"] < t["DUE"]
    for k in ("SUMMARY", "DESCRIPTION"):  # TEXT: , ; \\ escaped
        assert not re.search(r"(?<!\\)(\\\\)*[,;]", t[k]), t[k]
assert len(set(t["UID"] for t in todos)) == len(todos), "UIDs repeat"
def text(v):
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), v)
with open(sys.argv[1] + ".parsed", "w") as f:
    for t in todos:
        f.write("%s|%s|%s|%s|%s\n" % (t["UID"], t.get("DTSTART", "-"), t["DUE"],
                text(t["SUMMARY"]), text(t["DESCRIPTION"]).replace("\n", " / ")))
'

t "fu export --ics: a valid RFC 5545 calendar, one VTODO per action"
ok export --ics
cp "$T/out" "$T/all.ics"
py "$ics_check" "$T/all.ics"
ok due --all --json
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/out")
[ "$(wc -l <"$T/all.ics.parsed")" -eq "$n" ] && pass || fail "not $n VTODOs"
grep -q "^BEGIN:VCALENDAR$(printf '\r')\$" "$T/all.ics" && pass || fail "no CRLF"
grep -qF "PRODID:-//fu//fu $("$FU" version | sed 's/^fu //')//EN" "$T/all.ics" && pass || fail "PRODID"
grep -q '|thank-you to Zoë Ångström-Øverlie (Acme, Backend Engineer)|' "$T/all.ics.parsed" && pass || fail "SUMMARY"
grep -qF 'SUMMARY:thank-you to Zoë Ångström-Øverlie (Acme\, Backend Engineer)' "$T/all.ics" && pass || fail "SUMMARY escaped"
grep -q '|20261105T130000Z|20261106T130000Z|thank-you' "$T/all.ics.parsed" && pass || fail "DTSTART/DUE in UTC"
grep -q 'rule: thank-you / by: email' "$T/all.ics.parsed" && pass || fail "DESCRIPTION"
# the long French role makes folded lines
grep -q '^ ' "$T/all.ics" && pass || fail "nothing was folded"

t "fu due --ics keeps fu due's filters"
ok due --ics --overdue
cp "$T/out" "$T/overdue.ics"
py "$ics_check" "$T/overdue.ics"
ok due --overdue --json
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/out")
[ "$(wc -l <"$T/overdue.ics.parsed")" -eq "$n" ] && pass || fail "not $n overdue VTODOs"
ok due 2 --ics
cp "$T/out" "$T/acme.ics"
py "$ics_check" "$T/acme.ics"
[ -s "$T/acme.ics.parsed" ] && pass || fail "nothing due on 2"
grep -v '^a2\.' "$T/acme.ics.parsed" && fail "another subject" || pass
fails_with 2 due --ics --count
fails_with 2 due --ics --json

t "UIDs stay the same across exports, and after an unrelated event"
ok export --ics
cmp -s "$T/out" "$T/all.ics" && pass || fail "a second export differs"
ok add application Hooli "Data Engineer" --applied today
ok log maria sent
ok export --ics
cp "$T/out" "$T/later.ics"
py "$ics_check" "$T/later.ics"
cut -d'|' -f1 "$T/all.ics.parsed" | grep -v 'connect\|help-reminder\|acknowledge' | sort >"$T/uids1"
cut -d'|' -f1 "$T/later.ics.parsed" | sort >"$T/uids2"
[ -n "$(comm -23 "$T/uids1" "$T/uids2")" ] && fail "UIDs changed: $(comm -23 "$T/uids1" "$T/uids2")" || pass
grep -q '|find-contact (Hooli, Data Engineer)|' "$T/later.ics.parsed" && pass || fail "the new action"
# and after export, import into another database
FU_DB="$T/copy.db" run import "$T/one.json"
FU_DB="$T/copy.db" ok export --ics
cmp -s "$T/out" "$T/one.ics" && pass || fail "the imported copy's calendar differs"

finish
