#!/bin/sh
# SPDX-License-Identifier: MIT
# t_tour - every command, in its main forms and one mistake each, on one
# small job hunt. The other end-to-end files test each command in depth;
# this one is the walk through all of fu that runs under valgrind in CI
# (with t_scenario, the rule engine over a whole hunt), where repeating
# every end-to-end file would take half an hour. Under FU_WRAP each
# command also runs through the wrapper, so a leak or an uninitialised
# read anywhere in cmd/ or lib/ fails it. fu mail runs fu-mail-read
# (FU_MAIL_READ) from its directory.
. "$FU_TESTS/e2e/lib.sh"

t "config: name, email, phone; a bad number is refused"
ok config user.name "Alex Morgan"
ok config user.email alex@example.org
ok config user.phone "+1 555 0100"
ok config user.name
out_is "Alex Morgan"
fails_with 4 config rules.nudge.days zero
ok config --list --json
json "any(k['key'] == 'user.name' and k['value'] == 'Alex Morgan' for k in d)"

t "add: contacts and applications; a bad address is refused"
ok add contact "Dana Reyes" --company Acme --title "Engineering Manager" \
	--email dana@acme.example --phone "+1 555 0142"
ok add contact "José Álvarez" --company Globex --email jose@globex.example --no-calls
fails_with 4 add contact "Nobody" --email not-an-address
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02 \
	--source referral --url https://acme.example/jobs/42
out_has "Acme"
ok add application Globex "Site Reliability Engineer" --contact "José" \
	--applied 2026-11-05 --source recruiter --json
json "d['company'] == 'Globex'"
ok add application Hooli "Data Engineer" --applied 2026-11-06 --source board
fails_with 2 add application Initech

t "due: what is owed, as text, JSON, a count and iCalendar"
ok due
out_has "Dana Reyes"
ok due --json
json "len(d) >= 2 and all('reason' in a for a in d)"
ok due --count
ok due acme --why
out_has "Acme"
ok due --ics
out_has "BEGIN:VCALENDAR"
fails_with 4 due --days x

t "log: a sent, a reply, an interview; a bad kind and an unknown name"
ok log acme sent --with dana
out_has "logged sent"
ok log acme reply --with dana --at "2026-11-09 08:00"
FU_NOW="2026-11-10 17:00" ok log acme interview --at "2026-11-10 14:00" \
	--with dana --with "Sam Lee" --topic "moving billing to Go" --expect 2026-11-17
FU_NOW="2026-11-10 17:00" ok due --json
json "any(a['action'] == 'thank-you' for a in d)"
fails_with 4 log acme lunch
fails_with 3 log initech sent

t "draft: the thank-you, as text, JSON and .eml, then sent"
FU_NOW="2026-11-10 17:00" ok draft acme thank-you --to dana
out_has "Dear Dana"
out_has "moving billing to Go"
FU_NOW="2026-11-10 17:00" ok draft acme thank-you --to dana --json
json "'Dana' in d['body'] and d['warnings'] == []"
FU_NOW="2026-11-10 17:00" ok draft acme thank-you --to dana --eml "$T/ty.eml"
grep -q '^Subject: ' "$T/ty.eml" && pass || fail "no Subject in the .eml"
FU_NOW="2026-11-10 18:00" ok draft acme thank-you --to dana --sent
fails_with 3 draft acme offer-review

t "mail: a draft sent through the mailer, a reply scanned, accepted, undone, ignored"
export FU_LIBEXECDIR="$(dirname "${FU_MAIL_READ:-$FU}")"
ok config mail.sendmail "sh -c 'cat >\"\$0\"' $T/sent.eml"
FU_NOW="2026-11-10 18:30" ok draft globex --send --json
json "d['sent'] is True and d['message_id'].startswith('fu.')"
# (handed over with LF line ends, as sendmail programs read)
MID=$(sed -n 's/^Message-ID: <\(.*\)>$/\1/p' "$T/sent.eml")
printf 'From: Jos\303\251 \303\201lvarez <jose@globex.example>\nTo: alex@example.org\nSubject: Re: hello\nDate: Tue, 10 Nov 2026 19:00:00 +0100\nMessage-ID: <r1@globex.example>\nIn-Reply-To: <%s>\n\nThanks, Alex!\n' "$MID" >"$T/reply.eml"
FU_NOW="2026-11-10 19:30" ok mail scan "$T/reply.eml"
out_has "proposed 1: reply on"
ok mail --json
json "[(p['kind'], p['match'], p['exact']) for p in d] == [('reply', 'thread', True)]"
ok mail accept 1
out_has "logged event"
ok undo globex
ok mail ignore 1
ok mail
out_has "nothing waits"
fails_with 4 mail accept 1

t "show, list, edit, undo"
ok show acme
out_has "interview"
ok show jose --json
json "d['name'] == 'José Álvarez'"
ok list
out_has "Hooli"
ok list contacts --json
json "len(d) == 3"
ok edit hooli --url https://jobs.example/hooli
ok edit dana --title "Director of Engineering"
fails_with 4 edit dana --email nope
ok undo acme
out_has "sent"
fails_with 3 undo nothing-like-this

t "close, stats, rules"
ok close hooli --outcome no-response
ok list --closed
out_has "Hooli"
fails_with 4 close acme --outcome maybe
ok stats
ok stats --json
json "d['applications'] == 3 and d['closed'] == 1"
ok rules
out_has "thank-you"
ok rules nudge --json

t "export and import round trip, CSV import"
ok export
cp "$T/out" "$T/export.json"
FU_DB="$T/copy.db" ok import "$T/export.json"
FU_DB="$T/copy.db" ok export
cmp -s "$T/export.json" "$T/out" && pass || fail "round trip differs"
printf 'company,role,applied\nNorthwind,QA Engineer,2026-11-01\n' >"$T/apps.csv"
FU_DB="$T/copy.db" ok import --csv "$T/apps.csv"
fails_with 4 import "$T/apps.csv"

t "backup and doctor"
ok backup "$T/backup.db"
[ -s "$T/backup.db" ] && pass || fail "no backup"
fails_with 4 backup "$T/backup.db"
FU_DB="$T/backup.db" ok doctor
ok doctor --json
json "d['ok'] is True or d.get('status') in ('ok', 'warning')"

t "notify: by a command and by mail (a sendmail of our own), the log"
mkdir -p "$T/bin"
printf '#!/bin/sh\ncat >"%s/mail.txt"\n' "$T" >"$T/bin/sendmail"
chmod +x "$T/bin/sendmail"
ok config mail.sendmail "$T/bin/sendmail"
ok config notify.exec "sh -c 'cat >\"$T/notify.json\"'"
FU_NOW="2026-11-20 09:00" ok notify --via exec,mail
grep -q '^Subject: fu: ' "$T/mail.txt" && pass || fail "no mail"
grep -q '"action":' "$T/notify.json" && pass || fail "no JSON"
FU_NOW="2026-11-20 09:00" FU_LIBEXECDIR="$(dirname "$FU")" ok notify --dry-run --via desktop,mail,exec --json
json "len(d['deliveries']) == 3 and all(x['ok'] for x in d['deliveries'])"
ok notify --log --json
json "[x['method'] for x in d] == ['exec', 'mail']"
fails_with 4 notify --via fax

t "help, version, completion, a usage mistake"
ok --version
out_has "fu "
ok help due
out_has "usage: fu due"
ok __complete refs
out_has "Acme"
fails_with 2 frobnicate

finish
