#!/bin/sh
# SPDX-License-Identifier: MIT
# t_list_show - fu list and fu show: filters, aligned tables, sections,
# JSON shapes, colour only where it belongs, and the mistakes.
. "$FU_TESTS/e2e/lib.sh"

ESC=$(printf '\033')

# aligned: every column of the last table output starts where its header
# does (widths in characters, so accented names do not shift columns).
aligned() {
	if python3 - "$T/out" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
head = lines[0]
starts = [m.start() for m in re.finditer(r'(?:(?<=^)|(?<=  ))\S', head)]
ok = len(starts) > 1 and len(lines) > 1
for line in lines[1:]:
    for s in starts[1:]:
        if len(line) <= s or line[s] == ' ' or line[s - 1] != ' ':
            ok = False
sys.exit(0 if ok else 1)
PY
	then pass; else fail "columns are not aligned"; sed 's/^/  stdout: /' "$T/out"; fi
}

t "an empty database"
ok list
out_has "no open applications"
ok list --json
json "d == []"
ok list contacts
out_has "fu add contact"
ok list contacts --json
json "d == []"

# Now is Mon 9 Nov 2026 09:00 in Berlin (lib.sh).
ok add contact "Dana Reyes" --company Acme --title "Engineering Manager" --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02 --url https://acme.example/jobs/1
ok add application "Hööli Ünïcødé" "Data Engineer" --contact "Sam Lee" --applied 2026-11-03
ok add application Initech "QA" --applied 2026-10-20 --source board
ok add application Globex "Site Reliability Engineer" --applied 2026-10-01
ok add application "Acme Labs" "Researcher" --applied 2026-11-05
ok log acme interview --at "2026-11-06 14:00" --with dana --topic "billing in Go"
ok close initech --outcome rejected
ok close globex --outcome no-response
# 1 Dana, 2 Acme, 3 Hööli, 4 Sam, 5 Initech, 6 Globex, 7 Acme Labs

t "fu list: open applications by default, aligned"
ok list
head -1 "$T/out" | grep -q '^ID  *STAGE  *COMPANY  *ROLE  *APPLIED  *NEXT$' && pass || fail "header"
out_has "Backend Engineer"
out_has "Hööli Ünïcødé"
out_lacks "Initech"
out_lacks "Globex"
out_lacks "$ESC"
[ "$(wc -l <"$T/out")" -eq 4 ] && pass || fail "wanted a header and 3 rows"
aligned
out_has "interviewing"
out_has "thank-you due 2 days ago"

t "--all, --closed, --outcome, --company"
ok list --all
[ "$(wc -l <"$T/out")" -eq 6 ] && pass || fail "wanted a header and 5 rows"
aligned
ok list --all --json
json "[a['id'] for a in d] == [2, 3, 5, 6, 7]"
ok list --closed --json
json "[a['id'] for a in d] == [5, 6] and all(a['status'] == 'closed' for a in d)"
ok list --closed
out_has "Initech"
out_lacks "Acme"
aligned
ok list --outcome rejected --json
json "[a['id'] for a in d] == [5] and d[0]['outcome'] == 'rejected'"
ok list --outcome filled
out_has "no closed applications"
ok list --company acme --json
json "[a['id'] for a in d] == [2, 7]"
ok list --company hö --json
json "[a['id'] for a in d] == [3]"
ok list --company HOOLI --json
json "[a['id'] for a in d] == [3]"
ok list contacts --company 'unicode' --json
json "[c['company'] for c in d] == ['Hööli Ünïcødé']"
ok list --company nobody
out_has "no open applications"
ok list applications --json
json "[a['id'] for a in d] == [2, 3, 7]"

t "fu list --json: full application objects with their contacts"
ok list --json
json "(set(['id', 'company', 'role', 'stage', 'status', 'applied', 'contacts']) <= set(d[0])) and \
	(d[0]['contacts'] == [{'id': 1, 'name': 'Dana Reyes'}] and d[0]['url'] == 'https://acme.example/jobs/1') and \
	(d[0]['applied'] == '2026-11-02T12:00:00+01:00')"

t "fu list contacts"
ok list contacts
head -1 "$T/out" | grep -q '^ID  *NAME  *COMPANY  *TITLE  *EMAIL  *PHONE$' && pass || fail "header"
out_has "Dana Reyes"
out_has "Sam Lee"
aligned
ok list contacts --json
json "[c['name'] for c in d] == ['Dana Reyes', 'Sam Lee'] and d[1]['company'] == 'Hööli Ünïcødé'"
ok list contacts --company acme --json
json "[c['id'] for c in d] == [1]"

t "fu show APPLICATION"
ok show acme
out_has "2 Acme, Backend Engineer"
out_has "[interviewing]"
out_has "Mon 2 Nov (7 days ago)"
out_has "https://acme.example/jobs/1"
out_has "1 Dana Reyes (Engineering Manager) <dana@acme.example>"
grep -q '^history$' "$T/out" && pass || fail "no history section"
grep -q '^owed$' "$T/out" && pass || fail "no owed section"
out_has "interview"
out_has "billing in Go"
out_has "thank-you to Dana Reyes"
out_has "2 days ago"
out_lacks "$ESC"

t "fu show APPLICATION --json: events and actions"
ok show acme --json
json "(d['id'] == 2 and d['company'] == 'Acme' and d['role'] == 'Backend Engineer') and \
	([e['kind'] for e in d['events']] == ['applied', 'interview']) and \
	(d['events'][1]['topics'] == ['billing in Go'] and d['events'][1]['with'] == [1]) and \
	([a['action'] for a in d['actions']][0] == 'thank-you' and d['actions'][0]['state'] == 'overdue') and \
	(all(set(['action', 'due', 'state', 'reason', 'rule']) <= set(a) for a in d['actions']))"

t "fu show of a closed application"
ok show initech
out_has "[rejected]"
out_has "rejected on Mon 9 Nov"
out_has "via board"

t "fu show CONTACT"
ok show dana
out_has "1 Dana Reyes"
out_has "Engineering Manager"
out_has "2 Acme, Backend Engineer [interviewing]"
grep -q '^history$' "$T/out" && pass || fail "no history section"
grep -q '^owed$' "$T/out" && pass || fail "no owed section"
out_has "thank-you to Dana Reyes"
ok show dana --json
json "(d['id'] == 1 and d['name'] == 'Dana Reyes' and d['title'] == 'Engineering Manager') and \
	(d['applications'] == [{'id': 2, 'company': 'Acme', 'role': 'Backend Engineer', 'stage': 'interviewing'}]) and \
	([e['kind'] for e in d['events']] == ['interview'] and 'events' in d and 'actions' in d)"
ok show 4 --json
json "d['name'] == 'Sam Lee' and [a['id'] for a in d['applications']] == [3]"

t "references: number, #number, part of a name, any case"
ok show '#2' --json
json "d['id'] == 2"
ok show "BACKEND" --json
json "d['id'] == 2"
ok show "acme labs" --json
json "d['id'] == 7"
ok show "reyes" --json
json "d['id'] == 1"
# case-insensitive beyond ASCII: people write names as they say them
ok add contact "Émilie Dubois" --json
json "d['id'] == 8"
ok show "émilie" --json
json "d['id'] == 8"
ok show "ÜNÏCØDÉ" --json
json "d['id'] == 3"

t "an open application wins over a closed one of the same name"
ok add application Initech "QA" --applied 2026-11-06
ok show initech --json
json "d['id'] == 9 and d['status'] == 'open'"
ok list --company initech --all --json
json "[a['id'] for a in d] == [5, 9]"

t "show mistakes"
fails_with 3 show nobody
err_has "nobody"
fails_with 3 show 99
fails_with 3 show engineer
err_has "Backend Engineer"
fails_with 2 show
fails_with 2 show acme initech
fails_with 2 show acme --bogus
fails_with 4 show ""

t "list mistakes"
fails_with 2 list widgets
err_has "widgets"
fails_with 2 list contacts extra
fails_with 2 list --bogus
fails_with 4 list --outcome bogus
fails_with 2 list --company
# filters that contradict each other, as fu due --all --overdue does
fails_with 2 list --open --closed
fails_with 2 list --all --closed
fails_with 2 list --open --outcome rejected

t "colour: never when stdout is not a terminal, on with --color=always"
ok list --all
out_lacks "$ESC"
ok list --color=always
out_has "${ESC}["
ok show acme --color=always
out_has "${ESC}["
ok list --color always --json
out_lacks "$ESC"
ok list --color=never
out_lacks "$ESC"
NO_COLOR=1 ok list
out_lacks "$ESC"
fails_with 2 list --color=sometimes
err_has "auto, always or never"
# --color alone is --color=always; the word after it is its value only
# when it is one of auto, always and never
ok list --color
out_has "${ESC}["
ok --color list
out_has "${ESC}["
ok --color never list
out_lacks "$ESC"
TERM=dumb ok list --color
out_has "${ESC}["

t "colour on a terminal, unless NO_COLOR, TERM=dumb or --no-color"
# (FU_PAGER=cat: the terminal gets fu's own output, not a pager's)
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	FU_PAGER=cat script -qec "${FU_WRAP:-} '$FU' list" /dev/null >"$T/out" 2>&1 </dev/null
	out_has "${ESC}["
	NO_COLOR=1 FU_PAGER=cat script -qec "${FU_WRAP:-} '$FU' list" /dev/null >"$T/out" 2>&1 </dev/null
	out_has "Backend Engineer"
	out_lacks "$ESC"
	TERM=dumb FU_PAGER=cat script -qec "${FU_WRAP:-} '$FU' list" /dev/null >"$T/out" 2>&1 </dev/null
	out_has "Backend Engineer"
	out_lacks "$ESC"
	FU_PAGER=cat script -qec "${FU_WRAP:-} '$FU' list --no-color" /dev/null >"$T/out" 2>&1 </dev/null
	out_has "Backend Engineer"
	out_lacks "$ESC"
	FU_PAGER=cat script -qec "${FU_WRAP:-} '$FU' show acme --color=never" /dev/null >"$T/out" 2>&1 </dev/null
	out_has "history"
	out_lacks "$ESC"
else
	echo "skip: no script(1) for a terminal"
fi

t "references ignore accents: jose is José, müller is Muller"
# people type names without their accents, or with ones the name lacks
ok add contact "José Álvarez" --json
jose=$("$PY3" -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$T/out")
ok show jose
out_has "José Álvarez"
ok show jose --json
json "d['id'] == $jose"
ok show "JOSE ALVAREZ" --json
json "d['id'] == $jose"
ok add application "Muller GmbH" "Entwickler" --contact jose --applied 2026-11-04 --json
json "[c['id'] for c in d['contacts']] == [$jose]"
muller=$("$PY3" -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$T/out")
ok log müller reply --with "álvarez"
out_has "Muller GmbH"
out_has "with José Álvarez"
ok show MÜLLER --json
json "d['id'] == $muller and [e['kind'] for e in d['events']][-1] == 'reply'"
ok list contacts --json
json "[c['name'] for c in d if 'lvarez' in c['name'] or c['name'].lower() == 'jose'] == ['José Álvarez']"
fails_with 3 show mueller

t "notes on several lines round-trip"
ok add application Acme "Dev" --notes "$(printf 'line one\nline two')" --json
json "d['notes'] == 'line one\\nline two'"

t "fu show prints the identifiers, the record's and its company's, as --json has them"
# field LABEL: the value of the "  LABEL  value" line of the last run
field() { sed -n "s/^  $1  *\([^ ].*\)$/\1/p" "$T/out"; }
uuid_re='^[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}$'
for who in 2 dana; do
	ok show "$who"
	id=$(field id)
	cid=$(field "company id")
	echo "$id" | grep -q "$uuid_re" && pass || fail "$who: id is '$id'"
	echo "$cid" | grep -q "$uuid_re" && pass || fail "$who: company id is '$cid'"
	ok show "$who" --json
	json "d['uuid'] == '$id' and d['company_uuid'] == '$cid'"
	eval "cid_$who=\$cid"
done
# application 2 is at Acme, where Dana works: one company, one
# identifier, the one the database holds
[ "$cid_2" = "$cid_dana" ] && pass || fail "Acme's identifier differs"
[ "$(sqlite3 "$FU_DB" "SELECT uuid FROM companies WHERE name = 'Acme'")" = "$cid_2" ] &&
	pass || fail "Acme's identifier is not the database's"
# a contact without a company: no company id line, none in --json
ok add contact "Zed Quill"
ok show "zed quill"
field id | grep -q "$uuid_re" && pass || fail "no id line"
out_lacks "company id"
ok show "zed quill" --json
json "'uuid' in d and 'company_uuid' not in d"

finish
