#!/bin/sh
# SPDX-License-Identifier: MIT
# t_draft_person - drafts written to the person and the situation
# (issue 14, RULES.md "Drafts"): three interviewers thanked each for
# their own conversation, or warned of when nothing was logged; an
# agency's recruiter who hears of "your client", never of "your team";
# each acknowledgement fitted to what it acknowledges; networking that
# says where you met, why you write, what was promised and why now; the
# courtesies after accepting a job elsewhere or withdrawing; a
# checklist before an interview; eight nudges to one person, none alike;
# letters with your address; the personal dictionary.
#
# Every draft is a golden in golden/draft-person/, named
# ACTION.SITUATION.CHANNEL, and every golden is checked by draft_check.py:
# no placeholder, RULES.md's word limits, nothing proselint flags (but
# the exceptions it names), no two nudges alike. To rewrite them after a
# deliberate change: FU_GOLDEN_UPDATE=1, then read every diff.
. "$FU_TESTS/e2e/lib.sh"

G="$FU_TESTS/e2e/golden/draft-person"
CHECK="$FU_TESTS/e2e/draft_check.py"

# golden NAME ARGS...: fu draft ARGS prints exactly golden NAME, with
# nothing on stderr (spelled right, within its length): lib.sh's
# draft_golden.
golden() { draft_golden "$G" "$@"; }

# body_has NAME TEXT / body_lacks NAME TEXT: in golden NAME
body_has() {
	if grep -qF -- "$2" "$G/$1"; then pass; else fail "$1 lacks '$2'"; fi
}
body_lacks() {
	if grep -qiF -- "$2" "$G/$1"; then fail "$1 has '$2'"; else pass; fi
}

signature() {
	ok config user.name "Alex Morgan"
	ok config user.email "alex.morgan@example.org"
	ok config user.phone "+1 555 0100"
	ok config user.address "12 Elm Street
Springfield, IL 62701"
}

# --- three interviewers, each with their own conversation ------------------

export FU_DB="$T/acme.db" FU_NOW="2026-11-10 09:00"
signature
ok add contact "Dana Reyes" --company Acme --title "Engineering Manager" \
	--email dana@acme.example --phone "+1 555 0142" \
	--address "200 Market Street, San Francisco, CA 94105"
ok add contact "Sam Lee" --company ACME --title "Staff Engineer" \
	--email sam@acme.example --phone "+1 555 0144"
ok add application acme "Backend Engineer" --contact dana --applied -12d
t "topics for each person, and one for everyone, logged with the interview"
ok log acme interview --at "yesterday 14:00" --with dana --with sam \
	--with "Ravi Shah" --topic "the billing migration" \
	--topic-for "dana: how the team plans its roadmap" \
	--topic-for "Sam Lee: moving billing to Go" \
	--topic-for "sam: the on-call rotation"
t "and one remembered afterwards, without undo: the latest interview's"
ok log acme topic --topic-for "ravi: pricing experiments with dbt"
out_has "added 1 topic to interview (event 2, Mon 9 Nov 14:00) on 3 Acme, Backend Engineer"
out_has "  Ravi Shah: pricing experiments with dbt"
ok show acme
out_has "the billing migration; Dana Reyes: how the team plans its roadmap; Sam Lee: moving billing to Go; Sam Lee: the on-call rotation; Ravi Shah: pricing experiments with dbt"
ok edit ravi --email ravi@acme.example

t "jargon is flagged until it is in the personal dictionary"
run draft acme thank-you --to dana
err_has "fu: warning: 'roadmap' may be misspelled"
err_has "if it is right: fu draft --add-word roadmap"
XDG_CONFIG_HOME="$T/config" ok draft --add-word roadmap --add-word dbt
out_is "'roadmap' added to $T/config/fu/dictionary
'dbt' added to $T/config/fu/dictionary"
[ "$(mode "$T/config/fu/dictionary")" = 600 ] && pass || fail "dictionary mode"
XDG_CONFIG_HOME="$T/config" ok draft --add-word roadmap --json
json "d == {'dictionary': '$T/config/fu/dictionary', 'added_words': []}"
t "a word in the dictionary of the user's home config, read by every draft"
mkdir -p "$HOME/.config/fu"
cp "$T/config/fu/dictionary" "$HOME/.config/fu/dictionary"
t "--add-word takes one word"
fails_with 4 draft --add-word "two words"
err_has "'two words' is not one word"
fails_with 4 draft acme --add-word "e-commerce"
fails_with 2 draft --add-word
fails_with 2 draft --add-word x --sent

for who in dana sam ravi; do
	golden "thank-you.$who.email" acme thank-you --to "$who"
done
golden thank-you.sam.phone acme thank-you --to sam --channel phone
t "each thank-you draws on that person's conversation first"
body_has thank-you.dana.email "our conversation about how the team plans its roadmap and the billing migration"
body_has thank-you.sam.email "our conversation about moving billing to Go and the on-call rotation"
body_has thank-you.ravi.email "our conversation about pricing experiments with dbt and the billing migration"
body_has thank-you.sam.phone "Mention what stayed with you: moving billing to Go; the on-call rotation"
t "the company as first recorded (Acme), and no agency for ACME typed later"
body_has thank-you.sam.email "position at Acme"
body_lacks thank-you.sam.email "your client"
ok draft acme thank-you --to sam --json
json "d['agency'] is False and d['topics'] == ['moving billing to Go', 'the on-call rotation', 'the billing migration']"

t "Sam has no postal address: no letter, and the error says how"
fails_with 4 draft acme thank-you --to sam --channel letter
err_has "Sam Lee has no postal address: fu edit 'Sam Lee' --address ADDRESS"
ok edit sam --address "200 Market Street, San Francisco, CA 94105"
golden thank-you.sam.letter acme thank-you --to sam --channel letter
t "a letter dated the day of the interview says today"
FU_NOW="2026-11-09 18:00" ok draft acme thank-you --to sam --channel letter
out_has "November 9, 2026"
out_has "Thank you for the interview today, about"
out_lacks "on Monday, November 9"

t "export and import carry each topic's person: the same drafts after"
ok export
cp "$T/out" "$T/acme.json"
FU_DB="$T/acme2.db" ok import "$T/acme.json"
FU_DB="$T/acme2.db" ok draft acme thank-you --to sam
if cmp -s "$T/out" "$G/thank-you.sam.email"; then pass; else fail "not the same draft after import"; fi

t "history says 'in person', never 'by in-person' (in the copy: the event numbers below stay)"
FU_DB="$T/acme2.db" ok log acme meeting --at "-1h" --with dana --channel in-person
FU_DB="$T/acme2.db" ok show acme
out_has "meeting        with Dana Reyes in person"
out_lacks "by in-person"

# --- three interviewers, nothing logged as discussed ------------------------

ok add contact "Lena Vogel" --company Stark --title "Engineering Manager" \
	--email lena@stark.example
ok add application Stark "Site Reliability Engineer" --contact lena --applied -20d
ok log stark interview --at "yesterday 10:00" --with lena --with "Omar Haddad" \
	--with "Tariq Aziz"
t "no topic for anyone: the thank-you goes out, with a warning that says how to add one"
run draft stark thank-you --to lena
[ "$code" -eq 0 ] && pass || fail "exited $code"
out_has "Our conversation confirmed my interest in the position."
cp "$T/out" "$T/lena"
err_has "fu: warning: nothing was logged as discussed with Lena Vogel: a thank-you is stronger with one or two points from the interview (fu log 6 topic --event 4 --topic-for 'Lena Vogel: WHAT YOU DISCUSSED')"
[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "more than the one warning"
if [ -n "${FU_GOLDEN_UPDATE:-}" ]; then cp "$T/lena" "$G/thank-you.no-topic.email"; fi
if cmp -s "$T/lena" "$G/thank-you.no-topic.email"; then pass; else fail "differs from thank-you.no-topic.email"; fi
ok draft stark thank-you --to lena --json
json "len(d['warnings']) == 1 and d['warnings'][0].startswith('nothing was logged as discussed with Lena Vogel')"
t "the command it suggests works, and the warning goes"
ok log 6 topic --event 4 --topic-for "Lena Vogel: error budgets"
ok draft stark thank-you --to lena
out_has "our conversation about error budgets"
[ -s "$T/err" ] && fail "still warned: $(cat "$T/err")" || pass

t "--topic-for must name one of the people met"
fails_with 4 log stark topic --topic-for "dana: x"
err_has "'dana' is none of Lena Vogel, Omar Haddad, Tariq Aziz"
fails_with 4 log stark topic --topic-for "no colon here"
err_has "--topic-for takes 'PERSON: TEXT'"
fails_with 4 log stark topic --topic-for "lena: error budgets"
err_has "the topic 'error budgets' is given twice"
fails_with 3 log stark topic --event 99 --topic x
fails_with 2 log stark topic --at today --topic x
fails_with 2 log stark topic
fails_with 2 log stark interview --event 4
fails_with 4 log stark met --with lena --topic-for "omar: x"
err_has "'omar' is none of Lena Vogel"
t "a topic for someone named for the first time with the event"
ok log stark interview --at "-1h" --with "Mia Koch" --topic-for "mia: hiring plans"
ok show stark --json
json "[(e['topics'], e['topic_with'] == e['with']) for e in d['events'] if e['kind'] == 'interview'][-1] == (['hiring plans'], True)"
t "undo takes the topics with the event"
ok undo stark
ok show stark --json
json "len([e for e in d['events'] if e['kind'] == 'interview']) == 1"

# --- an agency's recruiter, with two roles at two clients -------------------

export FU_DB="$T/agency.db" FU_NOW="2026-11-10 09:00"
signature
ok add contact "Kim Park" --company Hirewell --title "Senior Recruiter" \
	--email kim@hirewell.example --phone "+1 555 0170" \
	--address "9 Harbor Road, Boston, MA 02110"
ok add application Umbrella "DevOps Engineer" --contact kim --applied -6d \
	--source recruiter
ok add application Vandelay "Data Engineer" --contact kim --applied -5d \
	--source recruiter
golden application-check-in.agency.email umbrella
golden application-check-in.agency.phone umbrella --channel phone
t "one message names both roles (rule 11)"
body_has application-check-in.agency.email "the DevOps Engineer position at your client Umbrella"
body_has application-check-in.agency.email "any news on the Data Engineer position at Vandelay"
body_has application-check-in.agency.phone "Ask about the Data Engineer position at Vandelay too"
ok draft vandelay --json
json "d['also'] + d['others'] and (d['also'] + d['others'])[0]['company'] == 'Umbrella' and d['agency'] is True"
ok draft umbrella --sent
export FU_NOW="2026-11-16 16:00"
ok log umbrella interview --at "today 14:00" --with kim --channel phone \
	--topic "the client's move to Kubernetes"
golden thank-you.agency.email umbrella thank-you
golden thank-you.agency.phone umbrella thank-you --channel phone
ok draft umbrella thank-you --sent
export FU_NOW="2026-11-20 09:00"
golden interview-check-in.agency.email umbrella interview-check-in
ok draft umbrella interview-check-in --sent
export FU_NOW="2026-12-07 09:00"
golden nudge.agency.email umbrella nudge --channel email
golden nudge.agency.phone umbrella nudge --channel phone
ok log vandelay rejection --at "today 08:00" --with kim
golden rejection-response.agency.letter vandelay rejection-response --channel letter
golden rejection-response.agency.phone vandelay rejection-response --channel phone
ok draft vandelay rejection-response --sent
ok close vandelay --outcome rejected
export FU_NOW="2026-12-08 09:00"
ok log umbrella offer --at "today 08:30" --with kim --until 2026-12-11
golden acknowledge.agency-offer.email umbrella acknowledge
ok draft umbrella acknowledge --sent
export FU_NOW="2026-12-09 09:00"
ok add application Wonka "Platform Engineer" --applied -30d
ok close wonka --outcome accepted
golden decline-offer.agency.email umbrella
golden decline-offer.agency.letter umbrella --channel letter
t "every agency draft names the employer, and never claims Kim's team"
for f in "$G"/*.agency*.*; do
	n=$(basename "$f")
	if grep -q "Umbrella\|Vandelay" "$f"; then pass; else fail "$n names no employer"; fi
	case $n in *.phone) ;; *)
		if grep -q "your client" "$f"; then pass; else fail "$n: no 'your client'"; fi ;;
	esac
	for w in "your team" "the team" "your colleagues" "your offer"; do
		if grep -qi "$w" "$f"; then fail "$n says '$w'"; else pass; fi
	done
done

# --- acknowledgements, each fitted to what it acknowledges -------------------

export FU_DB="$T/ack.db" FU_NOW="2026-11-10 09:00"
signature
ok add contact "Priya Natarajan" --company Globex --title "Technical Recruiter" \
	--email priya@globex.example --phone "+1 555 0150"
ok add contact "Wen Li" --company Globex --title "SRE Lead"
ok add application Globex "Site Reliability Engineer" --contact priya --applied -8d
t "a reply that invites to an interview: confirmed, with its time and people"
ok log globex reply --at "today 08:30" --with priya
ok log globex interview --at "2026-11-12 15:30" --with priya --with "Wen Li" \
	--channel video
golden acknowledge.invitation.email globex acknowledge
golden acknowledge.invitation.phone globex acknowledge --channel phone
body_has acknowledge.invitation.email "I am glad to confirm the video interview on Thursday, November 12, at 3:30 p.m., with you and Wen Li"
ok draft globex acknowledge --json
json "d['situation'] == 'invitation' and d['scheduled'] == '2026-11-12T15:30:00+01:00'"
t "the checklist before it: whom you will meet, what to find out, the timeline"
golden prepare.checklist globex prepare
body_has prepare.checklist "fu edit 'Wen Li' --email ADDRESS --address ADDRESS"
ok add contact "Miles Dyson" --company Cyberdyne --title "Director of Engineering" \
	--email miles@cyberdyne.example
ok add application Cyberdyne "Machine Learning Engineer" --contact miles --applied -9d
t "a reply that names a date: repeated"
ok log cyberdyne reply --at "-1d 11:00" --with miles --expect 2026-11-20
golden acknowledge.reply-date.email cyberdyne acknowledge
body_has acknowledge.reply-date.email "I look forward to hearing from you by Friday, November 20."
t "an offer: thanked, with when you will answer (their deadline)"
ok add contact "Lee Chen" --company Wonka --title "Engineering Director" \
	--email lee@wonka.example --phone "+1 555 0188"
ok add application Wonka "Platform Engineer" --contact "Lee Chen" --applied -30d
ok log wonka interview --at "-14d 11:00" --with "Lee Chen" --topic "the build farm"
ok log wonka sent --at "-13d" --with "Lee Chen" --action thank-you
ok log wonka offer --at "today 08:00" --with "Lee Chen" --until 2026-11-17
golden acknowledge.offer.email wonka acknowledge
golden acknowledge.offer.phone wonka acknowledge --channel phone
body_has acknowledge.offer.email "I will give you my answer by Tuesday, November 17."
t "without a deadline, by the end of the days to review it"
ok add contact "Ruth Okafor" --company Wayne --email ruth@wayne.example
ok add application Wayne "Staff Engineer" --contact ruth --applied -20d
ok log wayne offer --at "today 08:00" --with ruth
ok draft wayne acknowledge --json
json "d['answer_by'] == '2026-11-13' and 'answer by Friday, November 13' in d['body']"
t "a promise of help: thanked for, and a networking contact is asked for nothing"
ok add contact "Jon Berg" --company Initrode --title "Data Platform Lead" \
	--email jon@initrode.example --phone "+1 555 0190"
ok log jon help-promised --at "today 08:00" \
	--topic "passing my resume to the data team" --expect 2026-11-17
golden acknowledge.help.email jon acknowledge
golden acknowledge.help.phone jon acknowledge --channel phone
ok add contact "Eva Stone" --company Initrode --email eva@initrode.example
ok log eva reply --at "today 08:00"
golden acknowledge.networking.email eva acknowledge
for f in acknowledge.help.email acknowledge.help.phone acknowledge.networking.email; do
	body_lacks "$f" "anything else"
done

# --- networking: where, why, what was promised, why now ----------------------

export FU_DB="$T/net.db" FU_NOW="2026-11-10 09:00"
signature
ok add contact "Maria Lopez" --company Vandelay --title "Staff Engineer" \
	--email maria@example.net --phone "+1 555 0166"
ok add contact "Noor Amin" --company Initrode --title "Head of Platform" \
	--email noor@initrode.example --phone "+1 555 0177"
ok log maria met --at "-2d 19:00" --occasion "the PyData Berlin meetup" \
	--topic "data contracts"
golden connect.occasion.email maria connect
golden connect.occasion.phone maria connect --channel phone
body_has connect.occasion.email "It was a pleasure to meet you at the PyData Berlin meetup on Sunday, November 8"
ok log maria intro --at "-1d 12:00" --with noor \
	--topic "moving from consulting into platform engineering"
golden intro-thanks.reason.email maria intro-thanks
golden intro-reach-out.reason.email noor intro-reach-out
golden intro-reach-out.reason.phone noor intro-reach-out --channel phone
body_has intro-reach-out.reason.email "I am writing because I would value your perspective on moving from consulting into platform engineering."
ok add contact "Jon Berg" --company Globex --title "Data Platform Lead" \
	--email jon@globex.example --phone "+1 555 0190"
ok add contact "Priya Natarajan" --company Globex --title "Technical Recruiter" \
	--email priya@globex.example --phone "+1 555 0150"
ok log jon help-promised --at -10d --topic "passing my resume to the data team" \
	--expect -3d
ok log jon sent --at -10d --action acknowledge
golden help-reminder.promise.email jon help-reminder
golden help-reminder.promise.phone jon help-reminder --channel phone
body_has help-reminder.promise.email "Subject: Following up: passing my resume to the data team"
body_has help-reminder.promise.email "You mentioned Saturday, November 7, so I wanted to ask how it is going"
ok log priya help-promised --at -4d --topic "an introduction to the hiring manager" \
	--because "the Globex role closes on November 20"
ok log priya sent --at -4d --action acknowledge
golden help-reminder.urgent.email priya help-reminder
golden help-reminder.urgent.phone priya help-reminder --channel phone
body_has help-reminder.urgent.email "I am writing a little sooner than I otherwise would, as the Globex role closes on November 20."
t "--because says why, and implies --urgent; it is for help-promised only"
ok show priya --json
json "[e for e in d['events'] if e['kind'] == 'help-promised'][0]['urgent'] is True"
fails_with 4 log maria met --because "soon"
err_has "--because is for help-promised (why it is urgent)"
fails_with 4 log maria reply --occasion "lunch"
err_has "--occasion is for met and meeting"
fails_with 4 log maria met --occasion ""
t "a networking thank-you claims no interest in their employer..."
ok log jon meeting --at "yesterday 17:00" --occasion "Café Einstein" \
	--topic "how Globex runs its data platform"
golden thank-you.networking.email jon thank-you
body_lacks thank-you.networking.email "applied"
body_lacks thank-you.networking.email "interest in"
t "... unless there is an application there"
ok add application Globex "Site Reliability Engineer" --contact priya --applied -1d
run draft jon thank-you
out_has "I have applied for the Site Reliability Engineer position at Globex, and our conversation added to my interest in it."

# --- the courtesies -------------------------------------------------------------

export FU_DB="$T/close.db" FU_NOW="2026-11-10 09:00"
signature
ok add contact "Tom Becker" --company Initech --title "Head of Platform" \
	--email tom@initech.example --phone "+1 555 0177" \
	--address "1 Initech Way, Austin, TX 78701"
ok add contact "Ruth Okafor" --company Wayne --title "VP of Engineering" \
	--email ruth@wayne.example --phone "+1 555 0122" \
	--address "1007 Mountain Drive, Gotham, NJ 07001"
ok add contact "Miles Dyson" --company Cyberdyne --title "Director of Engineering" \
	--email miles@cyberdyne.example --phone "+1 555 0180" \
	--address "18144 El Camino Real, Sunnyvale, CA 94087"
ok add contact "Ines Moreau" --company Soylent --title "Hiring Manager" \
	--email ines@soylent.example --phone "+1 555 0155" \
	--address "4 Green Street, Portland, OR 97201"
ok add application Initech "Platform Engineer" --contact tom --applied -20d
ok add application Wayne "Staff Engineer" --contact ruth --applied -30d
ok add application Cyberdyne "Machine Learning Engineer" --contact miles --applied -30d
ok add application Soylent "Backend Developer" --contact ines --applied -25d
ok add application Wonka "Platform Engineer" --applied -30d
ok log soylent interview --at "-10d 11:00" --with ines --topic "their ordering service"
ok log soylent sent --at "-10d 17:00" --with ines --action thank-you
t "closing as withdrawn: the courtesy note, not a word of another job"
ok close soylent --outcome withdrawn
for ch in email letter phone; do
	golden "withdraw-notice.withdrawn.$ch" soylent withdraw-notice --channel $ch
done
body_lacks withdraw-notice.withdrawn.email "accepted"
t "an offer declined"
ok log cyberdyne offer --at "-1d 10:00" --with miles --until 2026-11-16
ok close cyberdyne --outcome declined
for ch in email letter phone; do
	golden "decline-offer.declined.$ch" cyberdyne decline-offer --channel $ch
done
t "accepting a job: an open offer declined, saying so; the others withdrawn, saying so"
ok log wayne offer --at "-1d 12:00" --with ruth
ok close wonka --outcome accepted
for ch in email letter phone; do
	golden "decline-offer.accepted.$ch" wayne decline-offer --channel $ch
	golden "withdraw-notice.accepted.$ch" initech withdraw-notice --channel $ch
done
body_has withdraw-notice.accepted.email "I have accepted another position"
body_has decline-offer.accepted.email "I have accepted another position, so I must decline your offer."
ok draft wayne --json
json "d['situation'] == 'accepted' and d['action'] == 'decline-offer'"

# --- eight nudges to one person, none alike ---------------------------------

export FU_DB="$T/nudge.db" FU_NOW="2026-10-05 09:00"
signature
ok add contact "Grace Kim" --company Hooli --title "Data Platform Lead" \
	--email grace@hooli.example --phone "+1 555 0133"
ok add application Hooli "Data Engineer" --contact grace --applied -2d
ok log hooli sent --at "2026-10-07 10:00" --with grace --action application-check-in
# next_nudge: FU_NOW to the day the next nudge opens, 10:00
next_nudge() {
	FU_NOW="2027-12-31" run due --all --json
	day=$("$PY3" -c "import json,sys; d=json.load(open(sys.argv[1])); print([a['not_before'] for a in d if a['action'] == 'nudge'][0][:10])" "$T/out")
	export FU_NOW="$day 10:00"
}
i=1
while [ $i -le 8 ]; do
	next_nudge
	for ch in email phone; do
		golden "nudge.$i.$ch" hooli nudge --channel $ch
	done
	ok draft hooli nudge --sent
	i=$((i + 1))
done
t "a nudge after their reply continues the conversation"
next_nudge
ok log hooli reply --at "today 09:00" --with grace
FU_NOW="2027-12-31" run due --all --json
day=$("$PY3" -c "import json,sys; d=json.load(open(sys.argv[1])); print([a['not_before'] for a in d if a['action'] == 'nudge'][0][:10])" "$T/out")
export FU_NOW="$day 10:00"
golden nudge.conversation.email hooli nudge --channel email
golden nudge.conversation.phone hooli nudge --channel phone
body_has nudge.conversation.email "your message on"
body_lacks nudge.conversation.email "my application"
ok draft hooli nudge --json
json "d['situation'] == 'conversation' and d['wording'] == 1 and d['seq'] == 1"

# --- every golden, read as someone who hires would ----------------------------

t "no placeholder, within RULES.md's limits, nothing proselint flags"
if have_proselint; then
	if "$PY3" "$CHECK" "$G"/* >"$T/check" 2>&1; then pass; else
		fail "$(cat "$T/check")"
	fi
	t "no two nudges to Grace alike, subjects included"
	if "$PY3" "$CHECK" --distinct "$G"/nudge.[0-9]*.email "$G"/nudge.conversation.email >"$T/check" 2>&1 &&
		"$PY3" "$CHECK" --distinct "$G"/nudge.[0-9]*.phone "$G"/nudge.conversation.phone >"$T/check" 2>&1; then
		pass
	else
		fail "$(cat "$T/check")"
	fi
fi

finish
