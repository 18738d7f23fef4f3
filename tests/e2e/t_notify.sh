#!/bin/sh
# SPDX-License-Identifier: MIT
# t_notify - fu notify without a desktop or a mail server: the digest,
# the exec method (its JSON is fu due's), mail handed to a sendmail of
# the test's own (found in PATH as a user's is), --dry-run, the log,
# nothing due, failing methods, the configuration keys and users'
# mistakes, hostile names. The real desktop (a session bus) and the real
# mail (msmtp and an SMTP server) are t_notify_desktop and t_notify_mail.
. "$FU_TESTS/e2e/lib.sh"

# a sendmail of our own, first in PATH: it writes down its arguments and
# the message it was given
mkdir -p "$T/bin"
cat >"$T/bin/sendmail" <<EOF
#!/bin/sh
printf '%s\n' "\$@" >"$T/sendmail.args"
cat >"$T/sendmail.msg"
EOF
chmod +x "$T/bin/sendmail"
PATH="$T/bin:$PATH"
export PATH
# no desktop: the helper is never found, whatever is installed
export FU_LIBEXECDIR="$T/nohelpers"

# py EXPR FILE: a Python expression over d, FILE read as JSON, is true
py() {
	if "$PY3" -c '
import json, sys
d = json.load(open(sys.argv[2]))
sys.exit(0 if eval(sys.argv[1]) else 1)' "$1" "$2"; then pass; else
		fail "check failed on $2: $1"; head -c 1500 "$2"
	fi
}

lines() { wc -l <"$1" | tr -d ' '; }

t "nothing due: nothing sent, exit 1, the morning logged"
ok config notify.via exec
ok config notify.exec "sh -c 'cat >\"$T/exec.json\"'"
run notify
[ "$code" -eq 1 ] && pass || fail "exited $code, wanted 1"
out_is "nothing due: nothing sent"
[ -s "$T/err" ] && fail "it printed on stderr" || pass
[ -e "$T/exec.json" ] && fail "exec ran" || pass
ok notify --log --json
json "len(d) == 1 and d[0]['method'] == 'none' and d[0]['actions'] == 0 and d[0]['ok']"
json "d[0]['at'] == '2026-11-09T09:00:00+01:00'"
run notify --json
[ "$code" -eq 1 ] && pass || fail "--json exited $code"
json "d == {'count': 0, 'overdue': 0, 'summary': '', 'dry_run': False, 'deliveries': []}"
run notify --dry-run
[ "$code" -eq 1 ] && pass || fail "--dry-run exited $code"
out_is "nothing due: nothing would be sent"
ok notify --log --json
json "len(d) == 2"

# Two applications, one with a contact and one from a job board.
export FU_NOW="2026-11-02 10:00"
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied today
ok add application Hooli "Data Engineer" --applied today --source board
t "actions that are only upcoming are not due: nothing sent"
run notify
[ "$code" -eq 1 ] && pass || fail "exited $code, wanted 1"
export FU_NOW="2026-11-05 09:00"

t "exec: the JSON on its standard input is fu due --days 0 --json"
rm -f "$T/exec.json"
ok notify
out_is "fu: 2 follow-ups due
exec: sent"
[ -s "$T/err" ] && fail "stderr: $(cat "$T/err")" || pass
ok due --days 0 --json
cp "$T/out" "$T/due.json"
"$PY3" -c 'import json, sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
	"$T/exec.json" "$T/due.json" && pass || fail "exec's JSON is not fu due's"
cmp -s "$T/exec.json" "$T/due.json" && pass || fail "not the same bytes as fu due --json"
py "len(d) == 2 and [a['action'] for a in d] == ['application-check-in', 'find-contact']" "$T/exec.json"
py "all(set(['application','contact','action','channel','not_before','due','state','rule','reason']) <= set(a) for a in d)" "$T/exec.json"
ok notify --log --json
json "d[-1]['method'] == 'exec' and d[-1]['ok'] and d[-1]['actions'] == 2 and d[-1]['error'] is None"
json "d[-1]['at'] == '2026-11-05T09:00:00+01:00'"

t "exec gets every action, not only notify.max"
ok config notify.max 1
rm -f "$T/exec.json"
ok notify
py "len(d) == 2" "$T/exec.json"
ok config --unset notify.max

t "--json: the count and each delivery with its log line"
ok notify --json
json "d['count'] == 2 and d['overdue'] == 0 and d['summary'] == 'fu: 2 follow-ups due'"
json "d['dry_run'] is False and len(d['deliveries']) == 1"
json "d['deliveries'][0]['method'] == 'exec' and d['deliveries'][0]['ok'] and d['deliveries'][0]['error'] is None"
json "isinstance(d['deliveries'][0]['log'], int)"
FU_NOW="2026-11-10 09:00" ok notify --json
json "d['count'] == 2 and d['overdue'] == 2 and d['summary'] == 'fu: 2 follow-ups overdue'"

t "mail: the default, sendmail -t -oi, found in PATH: the recipient in the message"
fails_with 4 config notify.via mail,fax
ok config notify.via mail
run notify
[ "$code" -eq 8 ] && pass || fail "without user.email: exited $code, wanted 8"
err_has "fu: notify: mail: set your e-mail address first"
[ "$(lines "$T/err")" = 1 ] && pass || fail "not one line on stderr"
[ -e "$T/sendmail.msg" ] && fail "sendmail ran" || pass
ok config user.email alex@example.org
ok config user.name "Alex Mørgan"
ok notify
out_has "mail: sent to alex@example.org"
printf '%s\n' -t -oi >"$T/want"
cmp -s "$T/want" "$T/sendmail.args" && pass || fail "sendmail args: $(cat "$T/sendmail.args")"
"$PY3" - "$T/sendmail.msg" <<'PY' && pass || fail "the message"
import email, email.policy, sys
raw = open(sys.argv[1], 'rb').read()
assert b'\r' not in raw, 'CR in what sendmail got'
m = email.message_from_bytes(raw, policy=email.policy.default)
assert m['To'].addresses[0].addr_spec == 'alex@example.org', m['To']
assert m['From'].addresses[0].display_name == 'Alex Mørgan', m['From']
assert str(m['Subject']) == 'fu: 2 follow-ups due', m['Subject']
assert m['Date'].datetime.isoformat() == '2026-11-05T09:00:00+01:00', m['Date']
assert m['Message-ID'].endswith('@example.org>'), m['Message-ID']
assert m.get_content_type() == 'text/plain'
body = m.get_content()
assert 'due: application-check-in by email to Dana Reyes (Acme, Backend' in body, body
assert 'due: find-contact (Hooli, Data Engineer), due Mon 9 Nov 10:00' in body, body
assert 'no reply yet; check in with Dana' in body, body
assert max(len(l) for l in body.splitlines()) <= 78
PY

t "mail.sendmail: a command line, split without a shell"
ok config mail.sendmail "\"$T/bin/sendmail\" -t -f 'alex@example.org'"
ok notify
printf '%s\n' -t -f alex@example.org >"$T/want"
cmp -s "$T/want" "$T/sendmail.args" && pass || fail "sendmail args: $(cat "$T/sendmail.args")"
ok config mail.sendmail "$T/nosuch/sendmail"
run notify
[ "$code" -eq 8 ] && pass || fail "exited $code, wanted 8"
err_has "fu: notify: mail: cannot run '$T/nosuch/sendmail': No such file or directory"
ok config mail.sendmail "sh -c 'cat >/dev/null; echo \"queue full\" >&2; exit 75'"
run notify
[ "$code" -eq 8 ] && pass || fail "exited $code, wanted 8"
err_has "fu: notify: mail: 'sh' exited with status 75: queue full"
ok notify --log --json
json "d[-1]['method'] == 'mail' and not d[-1]['ok'] and d[-1]['error'] == \"'sh' exited with status 75: queue full\""
ok config --unset mail.sendmail

t "several methods: one fails, the others are still tried, exit 8"
ok config notify.exec "sh -c 'cat >/dev/null; echo boom >&2; exit 3'"
rm -f "$T/sendmail.msg"
run notify --via exec,mail
[ "$code" -eq 8 ] && pass || fail "exited $code, wanted 8"
[ "$(lines "$T/err")" = 1 ] && pass || fail "not one line on stderr"
err_has "fu: notify: exec: 'sh' exited with status 3: boom"
out_has "mail: sent to alex@example.org"
[ -s "$T/sendmail.msg" ] && pass || fail "mail was not tried after exec failed"
ok notify --log --json
json "[(x['method'], x['ok']) for x in d[-2:]] == [('exec', False), ('mail', True)]"
json "d[-2]['error'] == \"'sh' exited with status 3: boom\""
ok notify --log
out_has "failed: 'sh' exited with status 3: boom"
out_has "nothing due, nothing sent"
head -1 "$T/out" | grep -q '^WHEN  *METHOD  *ACTIONS  *RESULT$' && pass || fail "header"

t "a command that does not read its input, or closes it, is no trouble"
ok config notify.exec "true"
ok notify --via exec
ok config notify.exec "sh -c 'exec 0<&-; sleep 0.2'"
ok notify --via exec

t "exec unset, desktop without its helper: each fails, logged"
ok config --unset notify.exec
run notify --via exec,desktop
[ "$code" -eq 8 ] && pass || fail "exited $code, wanted 8"
[ "$(lines "$T/err")" = 2 ] && pass || fail "not two lines on stderr"
err_has "fu: notify: exec: notify.exec is not set"
err_has "fu: notify: desktop: fu-notify-desktop is not installed"
ok notify --log --json
json "[(x['method'], x['ok']) for x in d[-2:]] == [('exec', False), ('desktop', False)]"

t "--dry-run: what each method would send; nothing sent, nothing logged"
ok config notify.exec "sh -c 'cat >\"$T/exec.json\"'"
rm -f "$T/exec.json" "$T/sendmail.msg"
ok notify --log --json
before=$(cat "$T/out")
FU_LIBEXECDIR="$(dirname "$FU")" ok notify --dry-run --via desktop,mail,exec
out_has "fu: 2 follow-ups due"
out_has "desktop: would show, through $(dirname "$FU")/fu-notify-desktop:"
out_has "  due: application-check-in by email to Dana Reyes (Acme, Backend Engineer), due Mon 9 Nov 10:00"
out_has "  a click runs: x-terminal-emulator -e sh -c 'fu due;"
out_has "mail: would send to alex@example.org, through sendmail -t -oi:"
out_has "  Subject: fu: 2 follow-ups due"
out_has "exec: would run sh -c 'cat >"
out_has '"action": "application-check-in",'
[ -e "$T/exec.json" ] && fail "exec ran" || pass
[ -e "$T/sendmail.msg" ] && fail "sendmail ran" || pass
ok notify --log --json
[ "$(cat "$T/out")" = "$before" ] && pass || fail "--dry-run logged"
FU_LIBEXECDIR="$(dirname "$FU")" ok notify --dry-run --via desktop,mail,exec --json
json "d['dry_run'] and [x['method'] for x in d['deliveries']] == ['desktop', 'mail', 'exec']"
json "all(x['ok'] and 'log' not in x for x in d['deliveries'])"
json "d['deliveries'][0]['summary'] == 'fu: 2 follow-ups due'"
json "d['deliveries'][0]['body'].splitlines()[1] == 'due: find-contact (Hooli, Data Engineer), due Mon 9 Nov 10:00'"
json "d['deliveries'][0]['click'][:3] == ['x-terminal-emulator', '-e', 'sh']"
json "d['deliveries'][0]['command'][1:4] == ['--wait', '43200', '--']"
json "d['deliveries'][1]['to'] == 'alex@example.org' and d['deliveries'][1]['command'] == ['sendmail', '-t', '-oi']"
json "'Subject: fu: 2 follow-ups due' in d['deliveries'][1]['message']"
json "[a['action'] for a in d['deliveries'][2]['input']] == ['application-check-in', 'find-contact']"
run notify --dry-run --via exec --json
[ "$code" -eq 0 ] && pass || fail "exited $code"

t "notify.max: how many actions are named; the rest are counted"
ok config notify.max 1
FU_LIBEXECDIR="$(dirname "$FU")" ok notify --dry-run --via desktop,mail --json
json "d['deliveries'][0]['body'].splitlines() == ['due: application-check-in by email to Dana Reyes (Acme, Backend Engineer), due Mon 9 Nov 10:00', 'and 1 more: fu due']"
json "'And 1 more.' in d['deliveries'][1]['message'] and 'find-contact' not in d['deliveries'][1]['message']"
ok config --unset notify.max

t "the configuration keys are checked"
fails_with 4 config notify.via fax
fails_with 4 config notify.via "mail,mail"
fails_with 4 config notify.via ""
fails_with 4 config notify.via "mail,"
ok config notify.via " Mail , exec "
ok config notify.via
out_is "mail,exec"
fails_with 4 config notify.max 0
fails_with 4 config notify.max 101
fails_with 4 config notify.max many
fails_with 4 config notify.exec "'unclosed"
fails_with 4 config notify.exec ""
fails_with 4 config notify.exec "   "
fails_with 4 config notify.terminal 'xterm -e "fu due'
fails_with 4 config mail.sendmail "$(printf 'sendmail\n-t')"
ok config notify.terminal "xterm -hold -e fu due"
ok config --list --json
json "{k['key']: k['default'] for k in d if k['key'].startswith(('notify.', 'mail.'))} == {'mail.from': None, 'mail.ats': None, 'mail.sendmail': 'sendmail -t -oi', 'notify.exec': None, 'notify.max': '5', 'notify.terminal': 'x-terminal-emulator -e sh -c \\'fu due; printf \"\\\\nPress Enter to close. \"; read -r _\\'', 'notify.via': 'desktop'}"
ok config --unset notify.terminal

t "users' mistakes on the command line"
fails_with 2 notify --log --dry-run
fails_with 2 notify --log --via mail
fails_with 2 notify now
fails_with 2 notify --bogus
fails_with 4 notify --via fax
fails_with 4 notify --via ""
fails_with 4 notify --via "exec,exec"
ok notify --help
out_has "usage: fu notify [--dry-run] [--via METHODS]"

t "hostile names: no markup, escape or bidi control reaches a method raw"
ok add contact "$(printf 'Eve <b>&amp;</b> \342\200\256evil')" --company "<i>Initech</i> & Co" --email eve@initech.example
ok add application "<i>Initech</i> & Co" "Role <script>" --contact eve --applied "2026-11-02 10:00"
sqlite3 "$FU_DB" "UPDATE contacts SET name = name || char(27) || '[31mred' || char(27) || ']0;title' || char(7) WHERE email = 'eve@initech.example'"
ok config notify.max 10
ok config notify.exec "sh -c 'cat >\"$T/exec.json\"'"
FU_LIBEXECDIR="$(dirname "$FU")" ok notify --dry-run --via desktop --json
json "'Eve &lt;b&gt;&amp;amp;&lt;/b&gt; evil' in d['deliveries'][0]['body']"
json "'&lt;i&gt;Initech&lt;/i&gt; &amp; Co, Role &lt;script&gt;' in d['deliveries'][0]['body']"
json "not any(c in d['deliveries'][0]['body'] for c in ('<', '>', '\x1b', '\x07', '\u202e'))"
json "d['deliveries'][0]['body'].replace('&amp;', '').replace('&lt;', '').replace('&gt;', '').count('&') == 0"
ok notify --via mail,exec
"$PY3" - "$T/sendmail.msg" <<'PY' && pass || fail "the mail carries hostile text raw"
import email, email.policy, sys
raw = open(sys.argv[1], 'rb').read()
for bad in (b'\x1b', b'\x07', '\u202e'.encode()):
    assert bad not in raw, bad
m = email.message_from_bytes(raw, policy=email.policy.default)
body = m.get_content()
for bad in ('\x1b', '\x07', '\u202e'):
    assert bad not in body, repr(bad)
text = ' '.join(body.split())
# the escape sequences taken out whole, the bidi control dropped; markup
# is plain text in a plain-text mail
assert 'to Eve <b>&amp;</b> evilred (<i>Initech</i> & Co, Role <script>)' in text, body
PY
"$PY3" - "$T/exec.json" <<'PY' && pass || fail "exec's JSON carries hostile text raw"
import json, sys
raw = open(sys.argv[1], 'rb').read()
for bad in (b'\x1b', b'\x07', '\u202e'.encode()):
    assert bad not in raw, bad
assert b'\\u202e' in raw and b'\\u001b' in raw
d = json.loads(raw)
# the value is the data as stored, escaped in the JSON text only
assert any(a['contact'] and a['contact']['name'].startswith('Eve <b>&amp;</b> \u202eevil\x1b[31m') for a in d), d
PY

t "fu notify is documented and offered"
ok help notify
out_has "fu notify [--dry-run] [--via METHODS]"
"$FU" __complete commands | grep -qx notify && pass || fail "not in fu __complete commands"
"$FU" __complete options notify >"$T/opts"
for o in --dry-run --via --log; do
	grep -qx -- "$o" "$T/opts" && pass || fail "fu __complete options notify lacks $o"
done
"$FU" __complete config-values notify.via >"$T/vals"
printf '%s\n' desktop mail exec >"$T/want"
cmp -s "$T/want" "$T/vals" && pass || fail "config-values notify.via: $(cat "$T/vals")"
"$FU" __complete config-values notify.via "exec,desktop," >"$T/vals"
[ "$(cat "$T/vals")" = "exec,desktop,mail" ] && pass || fail "config-values notify.via exec,desktop,: $(cat "$T/vals")"
"$FU" __complete config-values user.employed >"$T/vals"
printf '%s\n' true false >"$T/want"
cmp -s "$T/want" "$T/vals" && pass || fail "config-values user.employed: $(cat "$T/vals")"

t "fu itself links no D-Bus: the helper does"
if command -v readelf >/dev/null 2>&1; then
	readelf -d "$FU" | grep NEEDED >"$T/needed"
	grep -q 'libsystemd\|libdbus' "$T/needed" && fail "fu links $(cat "$T/needed")" || pass
	readelf -d "$(dirname "$FU")/fu-notify-desktop" | grep -q 'NEEDED.*libsystemd' && pass ||
		fail "fu-notify-desktop does not link libsystemd"
else
	echo "SKIP: readelf is not installed: the links are not checked"
fi

finish
