#!/bin/sh
# SPDX-License-Identifier: MIT
# t_notify_mail - fu notify's mail method through the real msmtp (as
# the default mail.sendmail, `sendmail -t -oi`, with msmtp as sendmail
# in PATH the way msmtp-mta installs it; then as `msmtp -C FILE -t`),
# configured by the test's own ~/.msmtprc or -C FILE, to
# an SMTP server of the test's own on 127.0.0.1 (smtp_server.py, on
# Debian's python3-aiosmtpd), each message parsed back with Python's
# email package. A server that refuses, or none: one error line, exit
# 8, logged. Skipped (77) only when msmtp or aiosmtpd are missing.
if ! command -v msmtp >/dev/null 2>&1; then
	echo "SKIP: msmtp is not installed (Debian package msmtp)"
	exit 77
fi
if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
	echo "SKIP: /usr/bin/python3 cannot import aiosmtpd (python3-aiosmtpd)"
	exit 77
fi
. "$FU_TESTS/e2e/lib.sh"

SERVER=""
stop_server() {
	if [ -n "$SERVER" ]; then
		kill "$SERVER" 2>/dev/null
		wait "$SERVER" 2>/dev/null
	fi
	SERVER=""
}
trap 'stop_server; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

# server [--reject]: a fresh SMTP server saving into $T/mail/, on a port
# of the system's choosing; ~/.msmtprc and $T/msmtprc point at it
server() {
	stop_server
	rm -rf "$T/mail"
	mkdir -p "$T/mail"
	/usr/bin/python3 "$FU_TESTS/e2e/smtp_server.py" "$T/mail" "$@" \
		2>>"$T/server.err" &
	SERVER=$!
	i=0
	while [ ! -f "$T/mail/port" ] && [ "$i" -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	PORT=$(cat "$T/mail/port" 2>/dev/null)
	[ -n "$PORT" ] || fail "the SMTP server did not start: $(cat "$T/server.err")"
	for rc in "$HOME/.msmtprc" "$T/msmtprc"; do
		cat >"$rc" <<EOF
defaults
auth off
tls off
account default
host 127.0.0.1
port $PORT
from alex@example.org
EOF
		chmod 600 "$rc"
	done
}

# mail N EXPR...: Python statements over m (message N parsed), raw (its
# bytes), body (its text) and env (its envelope lines); each must hold
mail() {
	n=$1
	shift
	if "$PY3" - "$T/mail/$n.eml" "$T/mail/$n.env" "$@" <<'PY'; then pass; else fail "message $n"; fi
import email, email.policy, sys
raw = open(sys.argv[1], 'rb').read()
env = open(sys.argv[2]).read().split()
m = email.message_from_bytes(raw, policy=email.policy.default)
body = m.get_content().replace('\r\n', '\n')
for check in sys.argv[3:]:
    if not eval(check):
        print('not true:', check)
        print(raw.decode('utf-8', 'replace')[:3000])
        sys.exit(1)
PY
}

# msmtp as sendmail, as Debian's msmtp-mta makes it
mkdir -p "$T/bin"
ln -s "$(command -v msmtp)" "$T/bin/sendmail"
PATH=$T/bin:$PATH
export PATH

ok config user.email alex@example.org
ok config user.name "Alex Mørgan"
ok config notify.via mail
ok config mail.sendmail
out_is "sendmail -t -oi"

t "nothing due: no mail"
server
run notify
[ "$code" -eq 1 ] && pass || fail "exited $code, wanted 1"
[ -e "$T/mail/1.eml" ] && fail "a mail was sent" || pass

export FU_NOW="2026-11-02 10:00"
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied today
ok add application Hooli "Data Engineer" --applied today --source board
export FU_NOW="2026-11-05 09:00"

t "the digest, through sendmail -t -oi (msmtp, ~/.msmtprc), to the server"
ok notify
out_is "fu: 2 follow-ups due
mail: sent to alex@example.org"
[ -s "$T/err" ] && fail "stderr: $(cat "$T/err")" || pass
[ -e "$T/mail/1.eml" ] && pass || fail "the server got nothing"
[ -e "$T/mail/2.eml" ] && fail "two messages" || pass
mail 1 "env == ['alex@example.org', 'alex@example.org']" \
	"m['From'].addresses[0].display_name == 'Alex Mørgan'" \
	"m['From'].addresses[0].addr_spec == 'alex@example.org'" \
	"m['To'].addresses[0].addr_spec == 'alex@example.org'" \
	"str(m['Subject']) == 'fu: 2 follow-ups due'" \
	"m['Date'].datetime.isoformat() == '2026-11-05T09:00:00+01:00'" \
	"m['Message-ID'].startswith('<1793865600.') and m['Message-ID'].endswith('@example.org>')" \
	"m['MIME-Version'] == '1.0' and m.get_content_type() == 'text/plain'" \
	"m.get_content_charset() == 'utf-8'" \
	"body.startswith('2 follow-ups due on Thu 5 Nov 09:00:\n\n')" \
	"'due: application-check-in by email to Dana Reyes (Acme, Backend\n  Engineer), due Mon 9 Nov 10:00\n' in body" \
	"'    you applied on Mon 2 Nov 10:00 and no reply yet; check in with Dana\n' in body" \
	"'due: find-contact (Hooli, Data Engineer), due Mon 9 Nov 10:00\n' in body" \
	"'\n-- \nSent by fu notify' in body" \
	"b'=?UTF-8?' in raw and b'M\xc3\xb8rgan' not in raw.split(b'\r\n\r\n')[0]" \
	"all(len(l) <= 78 for l in raw.split(b'\r\n'))"
ok notify --log --json
json "d[-1]['method'] == 'mail' and d[-1]['ok'] and d[-1]['actions'] == 2"

t "mail.sendmail without -t: msmtp finds no recipient, nothing sent"
ok config mail.sendmail "msmtp -C '$T/msmtprc'"
run notify
[ "$code" -eq 8 ] && pass || fail "exited $code, wanted 8"
err_has "fu: notify: mail: 'msmtp' exited with status 64: msmtp: no recipients found"
[ -e "$T/mail/2.eml" ] && fail "a mail was sent" || pass

t "mail.sendmail with a file of its own (msmtp -C FILE -t), a non-ASCII body"
rm -f "$HOME/.msmtprc"
ok config mail.sendmail "msmtp -C '$T/msmtprc' -t"
ok edit dana --name "Dana Réyès"
ok notify
mail 2 "'to Dana Réyès (Acme, Backend Engineer)' in ' '.join(body.split())" \
	"m['Content-Transfer-Encoding'] == 'quoted-printable'" \
	"all(b < 128 for b in raw)"

t "hostile names: no escape sequence or bidi control in the mail"
ok add contact "$(printf 'Eve <b>&amp;</b> \342\200\256evil')" --company "<i>Initech</i> & Co" --email eve@initech.example
ok add application "<i>Initech</i> & Co" "Role <script>" --contact eve --applied "2026-11-02 10:00"
sqlite3 "$FU_DB" "UPDATE contacts SET name = name || char(27) || '[31mred' || char(27) || ']0;title' || char(7) WHERE email = 'eve@initech.example'"
ok notify
mail 3 "not any(c in body for c in ('\x1b', '\x07', '\u202e'))" \
	"b'\x1b' not in raw and '\u202e'.encode() not in raw" \
	"'to Eve <b>&amp;</b> evilred (<i>Initech</i> & Co, Role <script>)' in ' '.join(body.split())"

t "a server that refuses: msmtp's own words, exit 8, logged"
server --reject
run notify
[ "$code" -eq 8 ] && pass || fail "exited $code, wanted 8"
[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "not one line on stderr"
err_has "fu: notify: mail: 'msmtp' exited with status"
err_has "msmtp: "
[ -e "$T/mail/1.eml" ] && fail "the refused mail was saved" || pass
ok notify --log --json
json "d[-1]['method'] == 'mail' and not d[-1]['ok'] and d[-1]['error'].startswith(\"'msmtp' exited with status\")"

t "no server: exit 8, logged"
stop_server
run notify
[ "$code" -eq 8 ] && pass || fail "exited $code, wanted 8"
err_has "fu: notify: mail: 'msmtp' exited with status"
ok notify --log
out_has "failed: 'msmtp' exited with status"

finish
