#!/bin/sh
# SPDX-License-Identifier: MIT
# t_draft - fu draft: a golden draft for every action and channel, the
# user's templates, missing values, the .eml file, spelling, --sent,
# --edit, --json, and the mistakes.
#
# The goldens live in golden/draft/ (ACTION.CHANNEL, nudge.SEQ.CHANNEL,
# ACTION.checklist). To rewrite them after a deliberate change of the
# built-in templates: FU_GOLDEN_UPDATE=1 ctest -R e2e.t_draft, then read
# every diff.
. "$FU_TESTS/e2e/lib.sh"

G="$FU_TESTS/e2e/golden/draft"

# golden NAME ARGS...: fu draft ARGS prints exactly golden/draft/NAME,
# with nothing on stderr (no misspelling, within the length; lib.sh's
# draft_golden) and no brace left over from a placeholder.
golden() {
	draft_golden "$G" "$@" || return
	if grep -q '[{}]' "$T/out"; then fail "a brace is left"; else pass; fi
}

# A job hunt, as of Tuesday 10 November 2026, 09:00 in Berlin.
export FU_NOW="2026-11-10 09:00"

ok config user.name "Alex Morgan"
ok config user.email "alex.morgan@example.org"
ok config user.phone "+1 555 0100"
ok config user.address "12 Elm Street
Springfield, IL 62701"

ok add contact "Dana Reyes" --company Acme --title "Engineering Manager" \
	--email dana@acme.example --phone "+1 555 0142" \
	--address "200 Market Street, San Francisco, CA 94105"
ok add contact "Priya Natarajan" --company Globex --title "Technical Recruiter" \
	--email priya@globex.example --no-calls
ok add contact "Tom Becker" --company Initech --title "Head of Platform" \
	--email tom@initech.example --phone "+1 555 0177" \
	--address "1 Initech Way, Austin, TX 78701"
ok add contact "José Núñez" --company Umbrella --title "Talent Partner" \
	--email jose@umbrella.example --phone "+41 44 555 0199" \
	--address "Bahnhofstrasse 10, 8001 Zürich"
ok add contact "Grace Kim" --company Hooli --title "Data Platform Lead" \
	--email grace@hooli.example --phone "+1 555 0133" \
	--address "1 Hacker Way, Palo Alto, CA 94301"
ok add contact "Ines Moreau" --company Soylent --title "Hiring Manager" \
	--email ines@soylent.example --phone "+1 555 0155" \
	--address "4 Green Street, Portland, OR 97201"
ok add contact "Ruth Okafor" --company Wayne --title "VP of Engineering" \
	--email ruth@wayne.example --phone "+1 555 0122" \
	--address "1007 Mountain Drive, Gotham, NJ 07001"
ok add contact "Maria Lopez" --company Vandelay --title "Staff Engineer" \
	--email maria@example.net --phone "+1 555 0166" \
	--address "12 Oak Avenue, Chicago, IL 60601"
ok add contact "Lee Chen" --company Wonka --title "Engineering Director" \
	--email lee@wonka.example --phone "+1 555 0188" \
	--address "5 Pine Street, Seattle, WA 98101"
ok add contact "Omar Haddad" --company Stark --title "Principal Engineer" \
	--email omar@stark.example --phone "+1 555 0111" \
	--address "10 Tower Road, New York, NY 10001"

# Acme: interviewed yesterday with Dana and Sam (Sam: a name only)
ok add application Acme "Backend Engineer" --contact dana --applied -12d
ok log acme interview --at "yesterday 14:00" --with dana --with "Sam Lee" \
	--topic "moving billing to Go" --topic "the on-call rotation" --expect +6d
# Globex: applied five days ago; the posting excludes calls
ok add application Globex "Site Reliability Engineer" --contact priya \
	--applied -5d --no-calls
# Initech: applied four days ago, no word yet
ok add application Initech "Platform Engineer" --contact tom --applied -4d
# Umbrella: interviewed on Friday, thanked, no word since
ok add application Umbrella "Ingénieur DevOps" --contact "José Núñez" --applied -15d
ok log umbrella interview --at "-4d 10:00" --with "José Núñez" --topic "incident reviews"
ok log umbrella sent --at "-4d 16:00" --with "José Núñez" --action thank-you
# Hooli: checked in 16 days ago, no reply: the first nudge
ok add application Hooli "Data Engineer" --contact grace --applied -20d
ok log hooli sent --at -16d --with grace --channel email
# Soylent: interviewed, then turned down
ok add application Soylent "Backend Developer" --contact ines --applied -30d
ok log soylent interview --at "-14d 11:00" --with ines
ok close soylent --outcome rejected --at "-1d 17:00"
# Wayne: Ruth replied yesterday
ok add application Wayne "Staff Engineer" --contact ruth --applied -10d
ok log wayne reply --at "-1d 16:00" --with ruth
# Cyberdyne: a job board posting, nobody named
ok add application Cyberdyne "Machine Learning Engineer" --applied -1d \
	--source board --url https://jobs.example/cyberdyne/ml
# Networking: met Maria on Sunday, she introduced Lee yesterday; Omar
# offered help ten days ago
ok log maria met --at "-2d 19:00" --topic "platform teams at scale"
ok log maria intro --at "-1d 12:00" --with "Lee Chen" \
	--topic "running platform teams"
ok log omar help-promised --at -10d --topic "passing my resume to the data team"

t "what is owed"
ok due --all --json
json "set(a['action'] for a in d) >= {'thank-you','acknowledge','connect','intro-thanks','intro-reach-out','help-reminder','find-contact','application-check-in','interview-check-in','nudge','rejection-response'}"

# --- a golden draft for every action and channel -------------------------

# (a letter only where rule 14 allows one: thank-you, rejection-response,
# withdraw-notice, decline-offer)
for ch in email letter phone; do
	golden "thank-you.$ch" acme thank-you --to dana --channel $ch
	golden "rejection-response.$ch" soylent rejection-response --channel $ch
done
for ch in email phone; do
	golden "acknowledge.$ch" wayne acknowledge --channel $ch
	golden "connect.$ch" maria connect --channel $ch
	golden "intro-thanks.$ch" maria intro-thanks --channel $ch
	golden "intro-reach-out.$ch" chen intro-reach-out --channel $ch
	golden "help-reminder.$ch" omar help-reminder --channel $ch
	golden "application-check-in.$ch" initech application-check-in --channel $ch
	golden "interview-check-in.$ch" umbrella interview-check-in --channel $ch
	golden "nudge.2.$ch" hooli nudge --channel $ch
done
golden find-contact.checklist cyberdyne

t "rule 14: no letter where it could not arrive in time"
for a in "wayne acknowledge" "maria connect" "initech application-check-in" \
	"umbrella interview-check-in" "hooli nudge" "omar help-reminder"; do
	# shellcheck disable=SC2086
	fails_with 4 draft $a --channel letter
	err_has "does not go by letter: it would not arrive in time (rule 14); use --channel email or phone"
done

t "a letter needs your own address at its head"
ok config --unset user.address
fails_with 4 draft acme thank-you --to dana --channel letter
err_has "set your postal address first, for the head of a letter: fu config user.address"
ok config user.address "12 Elm Street
Springfield, IL 62701"

t "with no ACTION, the most urgent action owed on REF, by its own channel"
ok draft acme
out_has "Subject: Thank you for the interview - Backend Engineer"
out_has "Dear Dana,"
ok draft initech --json
json "d['action'] == 'application-check-in' and d['channel'] == 'email'"
ok draft dana --json
json "d['action'] == 'thank-you' and d['to']['name'] == 'Dana Reyes'"

t "what the thank-you is filled from"
ok draft acme thank-you --to dana
out_has "the interview on Monday, November 9, about the Backend Engineer position at Acme"
out_has "moving billing to Go and the on-call rotation"
out_has "look forward to hearing from you"
out_has "Alex Morgan"
out_has "alex.morgan@example.org"
out_has "+1 555 0100"

t "--json: the documented shape"
ok draft acme thank-you --to dana --json
json "set(d) >= {'action','channel','to','subject','body','application','warnings'}"
json "d['action'] == 'thank-you' and d['channel'] == 'email'"
json "d['to'] == {'id': 1, 'name': 'Dana Reyes', 'email': 'dana@acme.example'}"
json "d['subject'] == 'Thank you for the interview - Backend Engineer'"
json "d['body'].startswith('Dear Dana,\n') and d['body'].endswith('+1 555 0100\n')"
json "d['application'] == {'id': 11, 'company': 'Acme', 'role': 'Backend Engineer'}"
json "d['warnings'] == [] and d['sent_event'] is None"
ok draft soylent rejection-response --channel letter --json
json "d['subject'] is None and d['body'].startswith('12 Elm Street\nSpringfield, IL 62701\n\nNovember 10, 2026\n')"
ok draft chen intro-reach-out --json
json "d['application'] is None and d['situation'] is None and d['topics'] == ['running platform teams']"
json "d['also'] == [] and d['others'] == [] and d['agency'] is False and d['wording'] is None"
json "d['scheduled'] is None and d['answer_by'] is None and d['added_words'] == []"
ok draft hooli nudge --json
json "d['wording'] == 2 and d['situation'] == 'application'"
ok draft cyberdyne --json
json "d['action'] == 'find-contact' and d['channel'] is None and d['to'] is None and d['subject'] is None"

# --- the user's templates ----------------------------------------------

mkdir -p "$T/xdg/fu/templates" "$HOME/.config/fu/templates"
cat >"$T/xdg/fu/templates/thank-you.email" <<'EOF'
Subject: Thanks, {contact.first_name}

Hi {contact.first_name},

Thanks for the {event.kind} on {event.date} ({company}, {role}).
{#topic.1}We talked about {topics}.{/topic.1}{^expect_date}No date.{/expect_date}
Literal {{braces} stay.

{signature}
EOF

t "a template in \$XDG_CONFIG_HOME/fu/templates overrides the built-in"
XDG_CONFIG_HOME="$T/xdg" ok draft acme thank-you --to dana
out_is "Subject: Thanks, Dana

Hi Dana,

Thanks for the interview on Monday, November 9 (Acme, Backend Engineer).
We talked about moving billing to Go and the on-call rotation.
Literal {braces} stay.

Alex Morgan
alex.morgan@example.org
+1 555 0100"
XDG_CONFIG_HOME="$T/xdg" ok draft acme thank-you --to dana --json
json "d['template'].endswith('/xdg/fu/templates/thank-you.email')"

t "else ~/.config/fu/templates; other actions keep the built-in"
printf 'Subject: Checking in\n\nDear {contact.name}: {role}, {applied_date}.\n{signature}\n' \
	>"$HOME/.config/fu/templates/application-check-in.email"
ok draft initech application-check-in
out_is "Subject: Checking in

Dear Tom Becker: Platform Engineer, Friday, November 6.
Alex Morgan
alex.morgan@example.org
+1 555 0100"
ok draft initech application-check-in --channel phone
out_has "you applied for the Platform Engineer position at Initech"
rm "$HOME/.config/fu/templates/application-check-in.email"

t "a nudge template for one wording (Grace has had one follow-up: the second)"
printf 'Subject: Nudge {role}\n\nWording {wording} for {contact.name}.\n' \
	>"$HOME/.config/fu/templates/nudge.2.email"
printf 'Subject: Nudge {role}\n\nAny nudge for {contact.name}.\n' \
	>"$HOME/.config/fu/templates/nudge.email"
ok draft hooli nudge --channel email
out_has "Wording 2 for Grace Kim."
rm "$HOME/.config/fu/templates/nudge.2.email"
ok draft hooli nudge --channel email
out_has "Any nudge for Grace Kim."
rm "$HOME/.config/fu/templates/nudge.email"

t "a template for one situation comes before the action's"
printf 'Subject: Re {role}\n\nThank you, {contact.first_name} ({situation}).\n' \
	>"$HOME/.config/fu/templates/acknowledge.reply.email"
ok draft wayne acknowledge
out_has "Thank you, Ruth (reply)."
ok draft wayne acknowledge --json
json "d['template'].endswith('/acknowledge.reply.email') and d['situation'] == 'reply'"
rm "$HOME/.config/fu/templates/acknowledge.reply.email"

t "an unknown placeholder is an error that names it"
printf 'Subject: Hello\n\nDear {contact.nmae},\n' >"$T/xdg/fu/templates/connect.email"
XDG_CONFIG_HOME="$T/xdg" fails_with 4 draft maria connect
err_has "line 3: unknown placeholder '{contact.nmae}'"

t "a placeholder with no value is an error that names it"
printf 'Subject: Hello\n\nWe will talk by {expect_date}.\n' >"$T/xdg/fu/templates/connect.email"
XDG_CONFIG_HOME="$T/xdg" fails_with 4 draft maria connect
err_has "{expect_date} has no value"
printf 'Subject: Hello\n\nAs {contact.title} you know {topic.2}.\n' >"$T/xdg/fu/templates/connect.email"
XDG_CONFIG_HOME="$T/xdg" fails_with 4 draft maria connect
err_has "{topic.2} has no value: only 1 topic was logged"

t "a template with a section left open, or no Subject line"
printf 'Subject: Hello\n\n{#topics}About {topics}.\n' >"$T/xdg/fu/templates/connect.email"
XDG_CONFIG_HOME="$T/xdg" fails_with 4 draft maria connect
err_has "'{topics}' is never closed"
printf 'Hello {contact.name}\n' >"$T/xdg/fu/templates/connect.email"
XDG_CONFIG_HOME="$T/xdg" fails_with 4 draft maria connect
err_has "starts with a 'Subject: ...' line"
rm "$T/xdg/fu/templates/connect.email"

# --- missing values in the built-ins: the signature -----------------------

t "no user.name: exit 4, saying how to set it"
ok config --unset user.name
fails_with 4 draft acme thank-you --to dana
err_has "set your name first: fu config user.name 'Your Name'"
fails_with 4 draft acme thank-you --to dana --channel phone
ok config user.name "Alex Morgan"
t "no user.phone: the signature needs it"
ok config --unset user.phone
fails_with 4 draft initech
err_has "set your phone number first: fu config user.phone"
ok config user.phone "+1 555 0100"
ok config user.address "12 Elm Street
Springfield, IL 62701"

# --- spelling and length ------------------------------------------------

cat >"$T/xdg/fu/templates/connect.email" <<'EOF'
Subject: Hello {contact.first_name}

Dear {contact.name} of {contact.company}, did you recieve my note about Vandelay's work?
I enjoy Kubernetes and SRE work at {contact.company}.
Write to {contact.email} or see https://exampel.org/page.
{signature}
EOF
t "a misspelled word is flagged with suggestions; names, addresses are not"
XDG_CONFIG_HOME="$T/xdg" ok draft maria connect
out_has "did you recieve my note"
err_has "fu: warning: 'recieve' may be misspelled (receive"
for w in Maria Lopez Vandelay Kubernetes SRE exampel Alex Morgan; do
	if grep -q "'$w'" "$T/err"; then fail "'$w' was flagged"; else pass; fi
done
[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "more than one warning"
XDG_CONFIG_HOME="$T/xdg" ok draft maria connect --json
json "d['warnings'] == [\"'recieve' may be misspelled (receive, relieve, reverie); if it is right: fu draft --add-word recieve\"]"

t "extra words in \$XDG_CONFIG_HOME/fu/words"
echo recieve >"$T/xdg/fu/words"
XDG_CONFIG_HOME="$T/xdg" ok draft maria connect
[ -s "$T/err" ] && fail "still flagged: $(cat "$T/err")" || pass
rm "$T/xdg/fu/words"

t "no dictionary: one warning, the draft still prints"
FU_DICTIONARY="$T/none/en_US" XDG_CONFIG_HOME="$T/xdg" ok draft maria connect
out_has "did you recieve my note"
err_has "fu: warning: no spelling dictionary at $T/none/en_US.dic"
[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "not one warning"

t "no spelling library: one warning, the draft still prints"
FU_HUNSPELL_LIBRARY="$T/none/libhunspell.so" XDG_CONFIG_HOME="$T/xdg" ok draft maria connect
out_has "did you recieve my note"
err_has "fu: warning: cannot load the spelling library $T/none/libhunspell.so"
[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "not one warning"
rm "$T/xdg/fu/templates/connect.email"

t "only a draft loads the spelling library (C++): other commands start light"
if [ -z "${FU_WRAP:-}" ]; then
	LD_TRACE_LOADED_OBJECTS=1 "$FU" --version >"$T/libs" 2>&1
	grep -q 'libsqlite3' "$T/libs" || fail "no library list: $(cat "$T/libs")"
	# (an ASan build's runtime needs libstdc++ itself)
	if grep -q 'libhunspell' "$T/libs" ||
		{ ! grep -q 'libasan' "$T/libs" && grep -q 'libstdc++' "$T/libs"; }; then
		fail "loaded at start: $(grep 'libhunspell\|libstdc++' "$T/libs")"
	else
		pass
	fi
fi

t "too long: a warning, not a refusal"
{
	printf 'Dear {contact.first_name},\n\n'
	i=0
	while [ $i -lt 45 ]; do printf 'Thank you for your time today. '; i=$((i + 1)); done
	printf '\n\n{signature}\n'
} >"$T/xdg/fu/templates/thank-you.letter"
XDG_CONFIG_HOME="$T/xdg" ok draft acme thank-you --to dana --channel letter
err_has "fu: warning: the thank-you is 272 words long; keep it under about 200"
out_has "Thank you for your time today."
rm "$T/xdg/fu/templates/thank-you.letter"

# --- the .eml file ------------------------------------------------------

t "--eml writes an RFC 5322 draft a mail client opens (0600, CRLF, UTF-8)"
ok draft umbrella interview-check-in --eml "$T/draft.eml"
cp "$T/out" "$T/printed"
[ "$(stat -c %a "$T/draft.eml")" = 600 ] && pass || fail "mode $(stat -c %a "$T/draft.eml")"
if python3 - "$T/draft.eml" "$T/printed" <<'PY'
import email, email.policy, email.utils, sys, datetime
raw = open(sys.argv[1], 'rb').read()
assert b'\n' not in raw.replace(b'\r\n', b''), 'a bare LF'
assert raw.isascii(), 'headers or body not 7-bit safe'
m = email.message_from_bytes(raw, policy=email.policy.default)
assert str(m['To']) == 'José Núñez <jose@umbrella.example>', m['To']
assert m['To'].addresses[0].addr_spec == 'jose@umbrella.example'
assert str(m['From']) == 'Alex Morgan <alex.morgan@example.org>', m['From']
assert str(m['Subject']) == 'Following up on my interview - Ingénieur DevOps', m['Subject']
assert b'=?UTF-8?' in raw, 'no encoded-word'
d = email.utils.parsedate_to_datetime(m['Date'])
assert d == datetime.datetime(2026, 11, 10, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))), d
assert m['Date'] == 'Tue, 10 Nov 2026 09:00:00 +0100', m['Date']
assert m['MIME-Version'] == '1.0'
assert m['X-Unsent'] == '1'
assert m.get_content_type() == 'text/plain' and m.get_content_charset() == 'utf-8'
assert m['Content-Transfer-Encoding'] == 'quoted-printable'
body = m.get_content()
printed = open(sys.argv[2], encoding='utf-8').read()
assert printed.startswith('Subject: Following up on my interview - Ingénieur DevOps\n\n')
assert body.replace('\r\n', '\n') == printed.split('\n\n', 1)[1], body
assert "Dear José," in body and "Ingénieur DevOps position" in body
PY
then pass; else fail "the .eml did not parse back as expected"; fi

t "--eml with a short body stays 8bit"
printf 'Subject: Hi {contact.first_name}\n\nShort note, Zürich.\n' >"$T/xdg/fu/templates/thank-you.email"
XDG_CONFIG_HOME="$T/xdg" ok draft acme thank-you --to dana --eml "$T/short.eml"
if python3 - "$T/short.eml" <<'PY'
import email, email.policy, sys
raw = open(sys.argv[1], 'rb').read()
m = email.message_from_bytes(raw, policy=email.policy.default)
assert m['Content-Transfer-Encoding'] == '8bit'
assert m.get_content() == 'Short note, Zürich.\r\n' or m.get_content() == 'Short note, Zürich.\n', repr(m.get_content())
assert str(m['Subject']) == 'Hi Dana'
assert 'Zürich'.encode() in raw and b'\r\nX-Unsent: 1\r\n\r\n' in raw
PY
then pass; else fail "the 8bit .eml did not parse back"; fi
rm "$T/xdg/fu/templates/thank-you.email"

t "--eml is for e-mail only"
fails_with 4 draft acme thank-you --to dana --channel letter --eml "$T/x.eml"
fails_with 4 draft cyberdyne --eml "$T/x.eml"
[ -e "$T/x.eml" ] && fail "wrote x.eml" || pass

# --- --edit ---------------------------------------------------------------

t "--edit opens \$VISUAL (else \$EDITOR) on a private file and prints the result"
cat >"$T/ed" <<EOF
#!/bin/sh
stat -c %a "\$1" >"$T/edmode"
sed -i -e 's/^Dear Dana,/Hello Dana,/' -e 's/^Subject: .*/Subject: Many thanks/' "\$1"
EOF
chmod +x "$T/ed"
mkdir -p "$T/tmp"
TMPDIR="$T/tmp" EDITOR="$T/ed" ok draft acme thank-you --to dana --edit
out_has "Hello Dana,"
out_has "Subject: Many thanks"
[ "$(cat "$T/edmode")" = 600 ] && pass || fail "the editor's file was not 0600"
[ -z "$(ls "$T/tmp")" ] && pass || fail "left a temporary file"
TMPDIR="$T/tmp" VISUAL="$T/ed" EDITOR=false ok draft acme thank-you --to dana --edit --json
json "d['subject'] == 'Many thanks' and d['body'].startswith('Hello Dana,')"
t "a failing editor changes nothing"
EDITOR=false fails_with 7 draft acme thank-you --to dana --edit --sent
fails_with 7 draft acme thank-you --to dana --edit

# --- the mistakes ----------------------------------------------------------

t "no REF, too many words, unknown REF"
fails_with 2 draft
err_has "missing the REF"
fails_with 2 draft acme thank-you extra
fails_with 3 draft nosuch
fails_with 2 draft acme --bogus

t "an unknown action"
fails_with 4 draft acme bogus
err_has "unknown action 'bogus': use thank-you, acknowledge"

t "an action not owed on REF says what is"
fails_with 3 draft globex thank-you
err_has "no thank-you is owed on Globex, Site Reliability Engineer; owed: application-check-in to Priya Natarajan"
fails_with 3 draft acme thank-you --to priya
err_has "no thank-you is owed to Priya Natarajan on Acme, Backend Engineer; owed: thank-you to Dana Reyes, thank-you to Sam Lee"

t "a closed application owes only its closing courtesy"
fails_with 3 draft soylent thank-you
err_has "Soylent, Backend Developer is closed (rejected): it owes only its rejection-response to Ines Moreau"

t "an e-mail to someone with no e-mail address"
fails_with 4 draft acme thank-you --to sam
err_has "Sam Lee has no e-mail address: fu edit 'Sam Lee' --email ADDRESS"
ok edit sam --phone "+1 555 0144"
fails_with 4 draft acme thank-you --to sam
err_has "Sam Lee has no e-mail address: fu edit 'Sam Lee' --email ADDRESS, or --channel phone"
ok draft acme thank-you --to sam --channel phone
out_has "Call Sam Lee at Acme: +1 555 0144"

t "no calls where calls are excluded; a letter needs an address"
fails_with 4 draft globex --channel phone
err_has "excludes calls"
ok edit priya --email ""
fails_with 4 draft globex --channel letter
ok edit priya --email priya@globex.example
fails_with 4 draft globex --channel social
fails_with 4 draft globex --channel fax

t "a checklist is not a message"
fails_with 4 draft cyberdyne --sent
fails_with 4 draft cyberdyne --channel email

# --- --sent ----------------------------------------------------------------

t "--sent logs the sent event, and fu due moves on"
ok due --json
json "any(a['action'] == 'application-check-in' and a['contact']['name'] == 'Priya Natarajan' for a in d)"
ok draft globex --sent
out_has "Subject: Following up on my application - Site Reliability Engineer"
err_has "fu: logged sent (event"
ok due --json
json "not any(a['application'] and a['application']['company'] == 'Globex' for a in d)"
ok due --all --json
json "[a['action'] for a in d if a['application'] and a['application']['company'] == 'Globex'] == ['nudge']"
ok show globex --json
json "any(e['kind'] == 'sent' and e['channel'] == 'email' and e['action'] == 'application-check-in' and e['with'] == [2] for e in d['events'])"
t "--sent --json gives the event"
ok draft acme thank-you --to dana --sent --json
json "isinstance(d['sent_event'], int)"
ok due acme --json
json "[a['contact']['name'] for a in d if a['action'] == 'thank-you'] == ['Sam Lee']"

# --- nudges: each worded differently from the one before --------------------

t "nudges: the second and third, two weeks apart"
ok log hooli sent --with grace --channel email
export FU_NOW="2026-11-24 09:00"
for ch in email phone; do
	golden "nudge.3.$ch" hooli nudge --channel $ch
done
ok log hooli sent --with grace --channel phone
export FU_NOW="2026-12-08 09:00"
for ch in email phone; do
	golden "nudge.4.$ch" hooli nudge --channel $ch
done
t "three nudges, three wordings"
for a in 2 3; do
	b=$((a + 1))
	if cmp -s "$G/nudge.$a.email" "$G/nudge.$b.email"; then fail "nudge $a = nudge $b"; else pass; fi
done
golden closure.checklist hooli closure

# --- an offer, accepted: the withdraw-notices ------------------------------

ok log wayne offer --with ruth --until 2026-12-14
golden offer-review.checklist wayne offer-review
ok close wayne --outcome accepted
for ch in email letter phone; do
	golden "withdraw-notice.$ch" initech withdraw-notice --channel $ch
done
t "after accepting, the withdrawal says so"
ok draft initech withdraw-notice --json
json "d['situation'] == 'accepted' and 'I have accepted another position' in d['body']"

t "every golden: no placeholder, within RULES.md's limits, nothing proselint flags (draft_check.py)"
if have_proselint; then
	if "$PY3" "$FU_TESTS/e2e/draft_check.py" "$G"/* >"$T/check" 2>&1; then
		pass
	else
		fail "$(cat "$T/check")"
	fi
fi

finish
