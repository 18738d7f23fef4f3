#!/bin/sh
# SPDX-License-Identifier: MIT
# t_mail - fu mail end to end: a hunt in a database, the corpus of
# mailcorpus.py (a Gmail reply, an Outlook HTML reply, a Greenhouse
# rejection, a Workday status update, a LinkedIn notification, a Google
# invitation with VTIMEZONE, an Outlook invitation with a Windows zone
# and its CANCEL, an mbox, Maildir flags) scanned from a Maildir, an
# mbox, message files, an .ics file and standard input: each proposal
# as expected; a rescan proposes nothing; an mbox resumes; accept,
# ignore, undo, --apply, --json shapes; hostile mailboxes passed over
# with warnings naming files, nothing raw on the terminal; the user's
# mistakes. Then fu draft --send through msmtp to an SMTP server
# (aiosmtpd) this test starts on 127.0.0.1, a reply to the sent
# message's Message-ID delivered to the same server's Maildir, fu mail
# scan --apply logging it, and fu due moving from the nudge to the
# acknowledgement.
#
# Environment: FU, FU_TESTS, FU_MAIL_READ (fu-mail-read: fu runs it from
# FU_LIBEXECDIR, its directory here), FU_WRAP.
. "$FU_TESTS/e2e/lib.sh"
: "${FU_MAIL_READ:?FU_MAIL_READ must name the fu-mail-read binary}"
FU_LIBEXECDIR=$(cd "$(dirname "$FU_MAIL_READ")" && pwd)
export FU_LIBEXECDIR
export FU_NOW="2026-11-12 09:00"

M="$T/mail"
"$PY3" "$FU_TESTS/e2e/mailcorpus.py" "$M" || { echo "FAIL: mailcorpus.py"; exit 1; }

ok config user.name "Alex Morgan"
ok config user.email alex@example.org
ok add contact "Dana Reyes" --email dana.reyes@acme.example --company Acme
ok add contact "Sam Lee" --email sam.lee@acme.example --company Acme
ok add application Acme "Backend Engineer" --contact dana --applied 2026-10-26
ok add contact "Mei Chen" --email mei.chen@globex.example --company Globex
ok add application Globex "Data Engineer" --contact mei --applied 2026-10-20
ok add application Initech "Platform Engineer" --applied 2026-10-20
ok add application Hooli "Data Engineer" --applied 2026-10-20

t "fu mail with nothing scanned"
ok mail
out_has "nothing waits"
ok mail --json
out_is "[]"

# --- the user's mistakes -------------------------------------------------------
t "scan without a PATH"
fails_with 2 mail scan
t "scan of a path that does not exist"
fails_with 3 mail scan "$M/nowhere"
t "scan of a directory that holds no Maildir"
mkdir -p "$T/empty-dir"
fails_with 4 mail scan "$T/empty-dir"
t "fu mail with an unknown form"
fails_with 2 mail frobnicate
t "accept without a number"
fails_with 2 mail accept
t "accept of a word"
fails_with 2 mail accept first
t "accept of a proposal that does not exist"
fails_with 3 mail accept 99
t "ignore of a proposal that does not exist"
fails_with 3 mail ignore 99
t "accept --as a kind that is none"
fails_with 4 mail accept 1 --as party
t "- named twice"
fails_with 2 mail scan - -

# --- the corpus ---------------------------------------------------------------------
t "scan of a Maildir, an mbox, message files and an .ics file"
ok mail scan "$M/Maildir" "$M/inbox.mbox" "$M/msg/linkedin.eml" \
	"$M/msg/outlook-plain.eml" "$M/msg/bottom-posted.eml" \
	"$M/msg/escapes.eml" "$M/invite.ics"
out_has "proposed"
ok mail --json
# one proposal per message that concerns the hunt, most recent first
json 'all(k in p for p in d for k in ("id","state","kind","change","match","exact","application","contact","candidates","people","at","channel","reason","target_event","event","message"))'
json 'all(set(p["message"]) == {"date","from","to","subject","message_id","in_reply_to","snippet","path","uid"} for p in d)'
json '[p["message"]["date"] for p in d] == sorted([p["message"]["date"] for p in d], reverse=True)'
json 'all(p["state"] == "open" for p in d)'
json 'all(p["message"]["snippet"] is None or len(p["message"]["snippet"]) <= 200 for p in d)'
t "the Gmail reply: a reply on Acme from Dana, by contact"
json '[(p["kind"], p["application"], p["match"], p["exact"], p["at"]) for p in d if p["message"]["message_id"] == "CAJ+8kq3VbW2_xNq=Yt5uP0ZgA@mail.gmail.com"] == [("reply", 3, "contact", False, "2026-11-03T10:15:00+01:00")]'
t "the Greenhouse rejection: a rejection on Initech, never exact"
json '[(p["kind"], p["match"], p["exact"]) for p in d if p["message"]["subject"] == "Your application to Initech"] == [("rejection", "ats", False)]'
t "the Workday status update: a reply on Hooli by the ATS"
json '[(p["kind"], p["match"]) for p in d if (p["message"]["from"]["email"] or "").endswith("myworkday.com")] == [("reply", "ats")]'
t "the LinkedIn notification and the stranger are passed over"
json 'not [p for p in d if "linkedin" in (p["message"]["from"]["email"] or "") or p["message"]["from"]["email"] == "evil@x.example"]'
t "the Google invitation: an interview on Acme at 14:00 Berlin time with three interviewers, one new"
json '[(p["kind"], p["match"], p["application"], p["at"], len(p["people"]), sum(1 for w in p["people"] if w["contact"] is None)) for p in d if p["message"]["uid"] and "google" in p["message"]["uid"]] == [("interview", "invitation", 3, "2026-11-10T14:00:00+01:00", 3, 1)]'
t "the Outlook invitation was cancelled before it was accepted: nothing waits for Globex's interview"
json 'not [p for p in d if p["kind"] == "interview" and "Globex" in (p["message"]["subject"] or "")]'
ok mail list --all --json
json '[p["state"] for p in d if p["kind"] == "interview" and "Globex" in (p["message"]["subject"] or "")] == ["dropped"]'
t "no body is kept: the database holds no line of a message's text past the snippet"
if sqlite3 "$FU_DB" .dump | grep -q "references or work samples\|Could you send me a few times"; then
	fail "a body line is in the database"; else pass; fi

t "a rescan proposes nothing"
sqlite3 "$FU_DB" "SELECT count(*) FROM proposals" >"$T/n1"
ok mail scan --json "$M/Maildir" "$M/inbox.mbox" "$M/msg/linkedin.eml" "$M/invite.ics"
json 'd["proposed"] == 0 and d["read"] == 0'
sqlite3 "$FU_DB" "SELECT count(*) FROM proposals" >"$T/n2"
if cmp -s "$T/n1" "$T/n2"; then pass; else fail "the proposals changed"; fi
t "the rescan opens no Maildir file read before (known by its unique name), resumes the mbox at its end: only the two files are read again"
json 'd["known"] == 2'

t "a Maildir file moved from new/ to cur/ with flags is not read again"
mv "$M/Maildir/new/1793697400.M4P100.host" "$M/Maildir/cur/1793697400.M4P100.host:2,S"
ok mail scan --json "$M/Maildir"
json 'd["read"] == 0 and d["known"] == 0 and d["proposed"] == 0'

t "the same message in another file is known by its Message-ID"
ok mail scan --json "$M/msg/gmail-reply.eml"
json 'd["read"] == 0 and d["known"] == 1'
t "the same message on standard input is known too"
"$FU" mail scan --json - <"$M/msg/gmail-reply.eml" >"$T/out" 2>"$T/err"
json 'd["read"] == 0 and d["known"] == 1'

t "an mbox resumes after the last message it read"
{
	printf 'From lucas@wonka.example  Thu Nov 12 08:00:00 2026\n'
	cat "$M/msg/bottom-posted.eml" | sed 's/^Message-ID: .*/Message-ID: <appended-1@wonka.example>/'
	printf '\n'
} >>"$M/inbox.mbox"
ok mail scan --json "$M/inbox.mbox"
json 'd["read"] == 1 and d["known"] == 0'
t "an mbox rewritten (a message deleted above) is read again from its start, nothing proposed twice"
"$PY3" - "$M/inbox.mbox" <<'PY'
import sys
p = sys.argv[1]
data = open(p, "rb").read()
parts = data.split(b"\nFrom ")
open(p, "wb").write(b"\nFrom ".join(parts[1:]) if not parts[0].startswith(b"From ") else b"From " + b"\nFrom ".join(parts[1:]))
PY
ok mail scan --json "$M/inbox.mbox"
json 'd["proposed"] == 0 and d["read"] == 0'

t "one message piped on standard input (a notmuch or procmail hook)"
cat >"$T/piped.eml" <<'EOF'
From: Mei Chen <mei.chen@globex.example>
To: Alex Morgan <alex@example.org>
Subject: Re: Data Engineer
Date: Wed, 11 Nov 2026 16:00:00 +0100
Message-ID: <piped-1@globex.example>

Hi Alex, can we talk on Friday?
EOF
"$FU" mail scan - <"$T/piped.eml" >"$T/out" 2>"$T/err"; code=$?
if [ "$code" -eq 0 ]; then pass; else fail "exit $code"; fi
out_has "reply on 5 Globex, Data Engineer with Mei Chen"
t "piped twice: nothing new"
"$FU" mail scan --json - <"$T/piped.eml" >"$T/out" 2>"$T/err"
json 'd["proposed"] == 0 and d["known"] == 1'

# --- accept, ignore, undo ---------------------------------------------------------------
ok mail --json
P=$("$PY3" -c 'import json,sys; d=json.load(open(sys.argv[1])); print([p["id"] for p in d if p["message"]["message_id"] == "piped-1@globex.example"][0])' "$T/out")
R=$("$PY3" -c 'import json,sys; d=json.load(open(sys.argv[1])); print([p["id"] for p in d if p["kind"] == "rejection"][0])' "$T/out")
t "accept logs the reply at the message's date with its Message-ID"
ok mail accept "$P"
out_has "proposal $P: logged event"
ok show globex --json
json '[(e["kind"], e["at"], e["message_id"]) for e in d["events"] if e.get("message_id")] == [("reply", "2026-11-11T16:00:00+01:00", "piped-1@globex.example")]'
t "an accepted proposal cannot be accepted again"
fails_with 4 mail accept "$P"
t "undo removes it and the proposal waits again"
ok undo globex
ok mail --json
json '[p["state"] for p in d if p["id"] == '"$P"'] == ["open"]'
t "ignore drops the rejection for good"
ok mail ignore "$R"
ok mail --json
json 'not [p for p in d if p["id"] == '"$R"']'
fails_with 4 mail accept "$R"
t "accept --all logs every proposal that needs no choice"
ok mail accept --all --json
json 'len(d) >= 4 and all(set(a) == {"proposal","event","change","skipped"} for a in d)'
ok mail --json
json 'all(p["candidates"] for p in d)'
t "the invitation's people became contacts of Acme"
ok list contacts --json
json 'any(c["name"] == "Priya Patel" for c in d)'

# --- hostile mailboxes ------------------------------------------------------------------
t "hostile files: each passed over with a warning naming it, exit 0, nothing raw"
dump >"$T/before"
run mail scan "$M"/hostile/*
if [ "$code" -eq 0 ]; then pass; else fail "exit $code"; fi
err_has "hostile/header-10mb"
err_has "hostile/message-id-50k"
if LC_ALL=C grep -q "$(printf '\033')" "$T/out" "$T/err"; then
	fail "an escape reached the terminal"; else pass; fi
if LC_ALL=C grep -q "$(printf '\342\200\256')" "$T/out" "$T/err"; then
	fail "a bidi control reached the terminal"; else pass; fi
sqlite3 "$FU_DB" "SELECT count(*) FROM proposals WHERE state = 'open'" >"$T/np"
if [ "$(cat "$T/np")" -eq 0 ]; then pass; else fail "a hostile file made a proposal"; fi
t "the stranger with escapes in the name: nothing raw on the terminal"
run mail scan "$M/msg/escapes.eml"
if LC_ALL=C grep -q "$(printf '\033')" "$T/out" "$T/err"; then
	fail "an escape reached the terminal"; else pass; fi

t "a Maildir with a symlink loop and a dangling link: warnings, the rest read"
mkdir -p "$T/box/cur" "$T/box/new" "$T/box/tmp"
ln -s loop "$T/box/cur/loop:2,"
ln -s nowhere "$T/box/cur/dangling:2,"
ln -s .. "$T/box/cur/up"
cp "$T/piped.eml" "$T/box/new/1794000000.M9P9.host"
sed 's/piped-1/piped-2/' "$T/piped.eml" >"$T/box/new/1794000001.M9P9.host"
run mail scan --json "$T/box"
if [ "$code" -eq 0 ]; then pass; else fail "exit $code"; fi
json 'd["read"] == 1 and d["known"] == 1 and d["skipped"] == 3 and set(d) == {"read","known","skipped","proposed","applied","messages"}'
err_has "loop"
t "a Maildir file that is not mail is passed over once, not warned of at every scan"
mkdir -p "$T/junk/cur" "$T/junk/new"
cp "$M/hostile/pdf" "$T/junk/cur/1794000100.M1P1.host:2,S"
cp "$M/hostile/header-10mb" "$T/junk/new/1794000101.M1P1.host"
run mail scan --json "$T/junk"
json 'd["skipped"] == 2'
err_has "1794000101.M1P1.host"
run mail scan --json "$T/junk"
json 'd["skipped"] == 0 and d["read"] == 0'
if [ -s "$T/err" ]; then fail "warned again: $(head -1 "$T/err")"; else pass; fi

t "a tree of Maildirs with a loop in it is walked once"
mkdir -p "$T/tree/a"
cp -r "$T/box" "$T/tree/a/INBOX"
ln -s .. "$T/tree/a/back"
run mail scan --json "$T/tree"
if [ "$code" -eq 0 ]; then pass; else fail "exit $code"; fi
t "an mbox with unescaped From_ lines is read without crashing"
run mail scan "$M/hostile/unescaped-from.mbox"
if [ "$code" -eq 0 ]; then pass; else fail "exit $code"; fi

t "a source that cannot be read (a FIFO): one fu: line naming it, exit 7, nothing recorded"
mkfifo "$T/fifo.mbox"
sed 's/piped-1/piped-3/' "$T/piped.eml" >"$T/good.eml"
fails_with 7 mail scan --json "$T/good.eml" "$T/fifo.mbox"
err_has "fifo.mbox: not a regular file"
t "the same without it: the good message is read"
ok mail scan --json "$T/good.eml"
json 'd["read"] == 1'

t "fu-mail-read missing: one line, exit 7, nothing changed"
FU_LIBEXECDIR="$T/nowhere" fails_with 7 mail scan "$T/good.eml"
err_has "fu-mail-read"

t "fu does not link the mail libraries"
if ldd "$FU" | grep -Eq 'gmime|glib|libical|libicu'; then fail "fu links them"; else pass; fi

# --- --apply and a thread: a sent message and its reply ------------------------------------
t "fu mail scan --apply leaves for review what did not match by thread: the user's own mail to Dana is a sent on Acme"
cat >"$T/sent.eml" <<'EOF'
From: Alex Morgan <alex@example.org>
To: Dana Reyes <dana.reyes@acme.example>
Subject: Thank you
Date: Thu, 12 Nov 2026 08:30:00 +0100
Message-ID: <from-phone-1@example.org>

Dear Dana, thank you for the interview.
EOF
run mail scan --apply --json "$T/sent.eml"
json 'd["proposed"] == 1 and d["applied"] == 0'
ok mail --json
json '[(p["kind"], p["match"], p["application"], p["exact"]) for p in d if p["message"]["message_id"] == "from-phone-1@example.org"] == [("sent", "user", 3, False)]'
t "accept --on logs it elsewhere, --as as another kind"
SP=$("$PY3" -c 'import json,sys; d=json.load(open(sys.argv[1])); print([p["id"] for p in d if p["message"]["message_id"] == "from-phone-1@example.org"][0])' "$T/out")
ok mail accept "$SP" --as reply --on globex --json
json 'len(d) == 1 and d[0]["event"]'
ok show globex --json
json '[e["kind"] for e in d["events"] if e.get("message_id") == "from-phone-1@example.org"] == ["reply"]'

# --- fu draft --send through msmtp and an SMTP server on 127.0.0.1 ------------------------
export FU_DB="$T/send.db"
export FU_NOW="2026-11-12 09:00"
ok config user.name "Alex Morgan"
ok config user.email alex@example.org
ok config user.phone "+49 30 1234567"
ok add contact "Dana Reyes" --email dana.reyes@acme.example --company Acme
ok add application Acme "Backend Engineer" --contact dana --applied 2026-10-26

t "a mailer command line with an unclosed quote is refused when set"
fails_with 4 config mail.sendmail "msmtp -C '/my config"

t "--send and --sent together"
fails_with 2 draft acme --send --sent
t "the mailer is missing: one line, nothing logged"
ok config mail.sendmail "$T/no-such-mailer -t"
fails_with 7 draft acme --send
err_has "no-such-mailer"

PORT=$("$PY3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$PORT" -c aiosmtpd.handlers.Mailbox "$T/inbox" \
	>"$T/smtp.log" 2>&1 &
SMTP=$!
trap 'kill $SMTP 2>/dev/null; rm -rf "$T"' EXIT
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	"$PY3" -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$PORT" 2>/dev/null && break
	sleep 0.25
done

t "the mailer fails (the server refuses): its own error line, exit 7, nothing logged"
ok config mail.sendmail "msmtp --host=127.0.0.1 --port=1 --from=alex@example.org -t"
fails_with 7 draft acme --send
err_has "msmtp"
err_has "nothing logged"

t "fu draft acme --send: msmtp delivers it, the sent is logged with its Message-ID"
ok config mail.sendmail "msmtp --host=127.0.0.1 --port=$PORT --from=alex@example.org -t -oi"
ok draft acme --send --json
json 'd["sent"] is True and d["sent_event"] and d["message_id"].startswith("fu.") and d["message_id"].endswith("@example.org")'
MID=$("$PY3" -c 'import json,sys; print(json.load(open(sys.argv[1]))["message_id"])' "$T/out")
ls "$T/inbox/new" >"$T/got" 2>/dev/null
if [ "$(wc -l <"$T/got")" -eq 1 ]; then pass; else fail "the server's Maildir holds $(wc -l <"$T/got") messages"; fi
if grep -q "^Message-ID: <$MID>" "$T/inbox/new/"*; then pass; else fail "no Message-ID <$MID> in what the server got"; fi
if grep -qi "^X-Unsent" "$T/inbox/new/"*; then fail "X-Unsent in a sent message"; else pass; fi
if grep -q "^X-RcptTo: dana.reyes@acme.example" "$T/inbox/new/"*; then pass; else fail "not addressed to Dana"; fi
ok show acme --json
json '[e["message_id"] for e in d["events"] if e["kind"] == "sent"] == ["'"$MID"'"]'
ok due
out_lacks "application-check-in"

t "Dana's reply to that Message-ID lands in the Maildir; scan --apply logs it"
/usr/bin/python3 - "$PORT" "$MID" <<'PY'
import smtplib, sys
from email.message import EmailMessage
m = EmailMessage()
m["From"] = "Dana Reyes <dana.reyes@acme.example>"
m["To"] = "Alex Morgan <alex@example.org>"
m["Subject"] = "Re: Following up on my application - Backend Engineer"
m["Date"] = "Thu, 12 Nov 2026 15:30:00 +0100"
m["Message-ID"] = "<reply-1@acme.example>"
m["In-Reply-To"] = "<%s>" % sys.argv[2]
m["References"] = "<%s>" % sys.argv[2]
m.set_content("Hi Alex,\n\nThanks, we got it. Could you talk on Tuesday?\n\nDana\n")
with smtplib.SMTP("127.0.0.1", int(sys.argv[1])) as s:
    s.send_message(m)
PY
export FU_NOW="2026-11-13 09:00"
ok mail scan --apply --json "$T/inbox"
json 'd["applied"] == 1 and [m["what"] for m in d["messages"] if m["message_id"] == "reply-1@acme.example"] == ["logged"]'
ok show acme --json
json '[e["message_id"] for e in d["events"] if e["kind"] == "reply"] == ["reply-1@acme.example"]'
t "fu due no longer lists the nudge: the acknowledgement is due"
ok due
out_lacks "nudge"
out_has "acknowledge"
t "the sent message itself, read back from the Maildir, is no news"
ok mail --json
out_is "[]"
t "a rescan: nothing new"
ok mail scan --json "$T/inbox"
json 'd["read"] == 0 and d["proposed"] == 0'
t "undo removes the reply logged from mail: the nudge comes back"
ok undo acme
ok due
out_lacks "acknowledge"

[ -n "${KEEP:-}" ] && cp -r "$T" /tmp/t_mail_keep
t "fu export and fu import carry the Message-IDs of events; proposals stay local"
ok export
cp "$T/out" "$T/export.json"
json '[e["message_id"] for e in d["events"] if e["kind"] == "sent"] == ["'"$MID"'"] and "proposals" not in d'
FU_DB="$T/imported.db" "$FU" import "$T/export.json" >"$T/out" 2>"$T/err" </dev/null
if [ "$(sqlite3 "$T/imported.db" "SELECT message_id FROM events WHERE kind = 'sent'")" = "$MID" ]; then
	pass; else fail "the import lost the Message-ID"; fi

printf '%s: %d passed, %d failed\n' "$(basename "$0" .sh)" "$passes" "$fails"
[ "$fails" -eq 0 ]
