/* SPDX-License-Identifier: MIT */
/* test_draft.c - drafts (lib/draft_templates.c, draft_render.c): the
 * built-in and the user's templates rendered from plain structs,
 * placeholders and sections, their errors, and the checks (length,
 * spelling). */
#include "fu_test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/spell.h"

static const char *const messages[] = {
	"thank-you", "acknowledge", "connect", "intro-thanks",
	"intro-reach-out", "help-reminder", "application-check-in",
	"interview-check-in", "nudge", "rejection-response", "withdraw-notice",
	"decline-offer",
};
static const fu_channel channels[] = { FU_CH_EMAIL, FU_CH_LETTER, FU_CH_PHONE };

/* Every built-in action x channel renders from full input: no brace
 * left, the signature, and the channel's form; a letter only where rule
 * 14 allows one, with your address and the same greeting as the
 * e-mail. */
static void test_draft_builtins_all(void **state)
{
	fu_db *db = *state;
	for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
		for (size_t k = 0; k < 3; k++) {
			fu_draft_input in = fu_test_draft_input(messages[i],
								channels[k]);
			if (channels[k] == FU_CH_LETTER &&
			    !fu_draft_by_letter(messages[i])) {
				fu_draft *d = NULL;
				assert_int_equal(fu_draft_render(&d, db, &in, NULL,
								 NULL), FU_EINVALID);
				assert_has(fu_errmsg(db), "does not go by letter: it "
					   "would not arrive in time (rule 14)");
				assert_null(d);
				continue;
			}
			fu_draft *d = fu_test_render(db, &in, NULL);
			assert_lacks(d->body, "{");
			assert_lacks(d->body, "}");
			assert_string_equal(d->source, "built-in");
			assert_int_equal(d->body[strlen(d->body) - 1], '\n');
			if (channels[k] == FU_CH_EMAIL) {
				assert_non_null(d->subject);
				assert_lacks(d->subject, "{");
				assert_has(d->body, "Dear Dana,\n");
				assert_has(d->body, "Alex Morgan\nalex.morgan@example.org\n+1 555 0100\n");
			} else if (channels[k] == FU_CH_LETTER) {
				assert_null(d->subject);
				assert_true(strncmp(d->body, "12 Elm Street\n"
					"Springfield, IL 62701\n\nNovember 9, 2026\n\n"
					"Dana Reyes\nEngineering Manager\nAcme\n"
					"200 Market Street\nSan Francisco, CA 94105\n\n"
					"Dear Dana,\n", 138) == 0);
				assert_has(d->body, "Sincerely,\n\nAlex Morgan\n");
			} else {
				assert_null(d->subject);
				assert_has(d->body, "Call Dana Reyes, Engineering Manager at Acme: +1 555 0142\n");
				assert_has(d->body, "Talking points");
				assert_has(d->body, "If you reach voicemail:\nHello Dana, this is Alex Morgan.");
				assert_has(d->body, "+1 555 0100");
				/* a call about an application names the
				 * employer */
				if (strcmp(messages[i], "connect") &&
				    strncmp(messages[i], "intro", 5) &&
				    strcmp(messages[i], "help-reminder"))
					assert_has(strstr(d->body, "voicemail"),
						   "Acme");
			}
			fu_draft_free(d);
		}
	assert_int_equal(fu_draft_by_letter("thank-you"), 1);
	assert_int_equal(fu_draft_by_letter("decline-offer"), 1);
	assert_int_equal(fu_draft_by_letter("nudge"), 0);
	assert_int_equal(fu_draft_by_letter("acknowledge"), 0);
	assert_int_equal(fu_draft_by_letter(NULL), 0);
	assert_string_equal(fu_draft_no_letter("acknowledge"), "an acknowledge "
			    "does not go by letter: it would not arrive in time "
			    "(rule 14); use --channel email or phone");
}

/* What RULES.md says each message contains. */
static void test_draft_builtins_contents(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_string_equal(d->subject, "Thank you for the interview - Backend "
			    "Engineer");
	assert_has(d->body, "the interview on Sunday, November 8, about the "
		   "Backend Engineer position at Acme");
	assert_has(d->body, "contribute to the team");
	assert_has(d->body, "moving billing to Go and the on-call rotation");
	assert_has(d->body, "interest in the position");
	assert_has(d->body, "look forward to hearing");
	fu_draft_free(d);

	in = fu_test_draft_input("application-check-in", FU_CH_EMAIL);
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "Backend Engineer position at Acme on Wednesday, "
		   "October 28");
	assert_has(d->body, "reached you");
	assert_has(d->body, "next steps");
	fu_draft_free(d);

	in = fu_test_draft_input("application-check-in", FU_CH_PHONE);
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "subject line");
	fu_draft_free(d);

	in = fu_test_draft_input("interview-check-in", FU_CH_EMAIL);
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "interview on Sunday, November 8");
	assert_has(d->body, "You said you would get back to me by Sunday, "
		   "November 15");
	fu_draft_free(d);
	in = fu_test_draft_input("interview-check-in", FU_CH_PHONE);
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "they said they would get back to you by Sunday, "
		   "November 15");
	assert_lacks(d->body, "you would hear");
	fu_draft_free(d);

	in = fu_test_draft_input("rejection-response", FU_CH_EMAIL);
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "Thank you for letting me know");
	assert_has(d->body, "considered for future roles");
	fu_draft_free(d);

	in = fu_test_draft_input("withdraw-notice", FU_CH_LETTER);
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "withdraw my application for the Backend Engineer");
	fu_draft_free(d);

	in = fu_test_draft_input("decline-offer", FU_CH_EMAIL);
	d = fu_test_render(db, &in, NULL);
	assert_string_equal(d->subject, "Your offer for the Backend Engineer "
			    "position");
	assert_has(d->body, "Thank you for your offer for the Backend Engineer "
		   "position at Acme, and for the time you and your colleagues");
	assert_has(d->body, "I have decided to decline it.");
	assert_has(d->body, "I would be glad to stay in touch");
	fu_draft_free(d);

	in = fu_test_draft_input("intro-reach-out", FU_CH_EMAIL);
	in.contact_name = "Lee Chen";
	d = fu_test_render(db, &in, NULL);
	assert_string_equal(d->subject, "Introduction through Maria Lopez");
	assert_has(d->body, "Dear Lee,");
	assert_has(d->body, "My name is Alex Morgan");
	fu_draft_free(d);
}

/* With only what must be known, every built-in still renders (the
 * optional details sit in sections). */
static void test_draft_builtins_minimal(void **state)
{
	fu_db *db = *state;
	for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
		for (size_t k = 0; k < 3; k++) {
			if (channels[k] == FU_CH_LETTER &&
			    !fu_draft_by_letter(messages[i]))
				continue;
			fu_draft_input in = fu_test_draft_input(messages[i],
								channels[k]);
			in.contact_title = NULL;
			in.contact_company = NULL;
			in.topics = NULL;
			in.ntopics = 0;
			in.expect_at = 0;
			in.introducer_name = NULL;
			in.introduced_name = NULL;
			if (!strcmp(messages[i], "connect") ||
			    !strcmp(messages[i], "intro-thanks") ||
			    !strcmp(messages[i], "help-reminder") ||
			    !strcmp(messages[i], "intro-reach-out")) {
				in.application_id = 0;
				in.company = in.role = in.url = NULL;
				in.applied_at = in.interview_at = 0;
			}
			if (!strcmp(messages[i], "rejection-response") ||
			    !strcmp(messages[i], "withdraw-notice") ||
			    !strcmp(messages[i], "decline-offer") ||
			    !strcmp(messages[i], "nudge"))
				in.interview_at = 0;
			fu_draft *d = fu_test_render(db, &in, NULL);
			assert_lacks(d->body, "{");
			assert_lacks(d->body, "  ");
			assert_lacks(d->body, " ,");
			assert_lacks(d->body, " .");
			fu_draft_free(d);
		}
	/* a networking thank-you claims no interest in their employer... */
	fu_draft_input in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	in.application_id = 0;
	in.company = in.role = NULL;
	in.event_kind = FU_EV_MEETING;
	in.situation = "networking";
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_string_equal(d->subject, "Thank you for meeting with me");
	assert_has(d->body, "Thank you for meeting with me on Sunday, November 8.");
	assert_lacks(d->body, "Acme");
	assert_lacks(d->body, "interest");
	fu_draft_free(d);
	/* ... unless there is an application there */
	in.applied_role = "Data Engineer";
	in.occasion = "the Acme open day";
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "Thank you for meeting with me at the Acme open day "
		   "on Sunday, November 8.");
	assert_has(d->body, "I have applied for the Data Engineer position at "
		   "Acme, and our conversation added to my interest in it.");
	fu_draft_free(d);
}

static void test_draft_checklists(void **state)
{
	fu_db *db = *state;
	const char *lists[] = { "find-contact", "closure", "offer-review",
				"prepare" };
	for (size_t i = 0; i < 4; i++) {
		fu_draft_input in = fu_test_draft_input(lists[i], FU_CH_NONE);
		in.scheduled_at = NOW + DAY;
		in.scheduled_kind = FU_EV_INTERVIEW;
		assert_int_equal(fu_draft_is_message(lists[i]), 0);
		fu_draft *d = fu_test_render(db, &in, NULL);
		assert_null(d->subject);
		assert_lacks(d->body, "{");
		assert_has(d->body, "Acme");
		fu_draft_free(d);
	}
	fu_draft_input in = fu_test_draft_input("offer-review", FU_CH_NONE);
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "by Saturday, November 14");
	assert_has(d->body, "fu close 2 --outcome accepted");
	fu_draft_free(d);
	/* prepare: whom you will meet, what is missing, the timeline */
	const fu_draft_person people[] = {
		{ 1, "Dana Reyes", "Engineering Manager", "dana@acme.example",
		  "+1 555 0142", "200 Market Street", FU_CH_PHONE },
		{ 7, "Sam Lee", NULL, NULL, NULL, NULL, FU_CH_NONE },
	};
	in = fu_test_draft_input("prepare", FU_CH_NONE);
	in.scheduled_at = NOW + DAY + 5 * 3600; /* Tue 10 Nov 14:00 */
	in.scheduled_kind = FU_EV_INTERVIEW;
	in.scheduled_channel = FU_CH_VIDEO;
	in.people = people;
	in.npeople = 2;
	d = fu_test_render(db, &in, NULL);
	assert_same_text(d->body,
		"Prepare for the video interview for the Backend Engineer "
		"position at Acme, on Tuesday, November 10, at 2:00 p.m.:\n"
		"- Whom you will meet; each thank-you needs a name and a title, "
		"a letter a postal address:\n"
		"  - Dana Reyes, Engineering Manager: dana@acme.example, +1 555 "
		"0142, postal address known (prefers the phone)\n"
		"  - Sam Lee\n"
		"    to find out: title, e-mail address and postal address\n"
		"      fu edit 'Sam Lee' --title TITLE --email ADDRESS --address "
		"ADDRESS\n"
		"- Ask how each of them likes to be reached (e-mail, phone, "
		"letter), and note it:\n"
		"    fu edit NAME --prefers email|phone|letter\n"
		"- Plan your questions about the timeline: how many candidates "
		"there are, when they will decide, when you should hear back, "
		"and whether there is another round.\n"
		"- Right after it, note what you discussed with each person, for "
		"their thank-you:\n"
		"    fu log 2 topic --topic-for 'NAME: what you discussed'\n"
		"- If they name a date to hear back by, record it:\n"
		"    fu log 2 timeline --expect DATE\n");
	fu_draft_free(d);
	in.npeople = 0;
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "- Ask whom you will meet, with their titles");
	assert_has(d->body, "fu edit 2 --contact NAME");
	fu_draft_free(d);
	/* a checklist has no channel, a message needs one */
	in = fu_test_draft_input("closure", FU_CH_EMAIL);
	assert_int_equal(fu_draft_render(&d, db, &in, NULL, NULL), FU_EINVALID);
	in = fu_test_draft_input("nudge", FU_CH_NONE);
	assert_int_equal(fu_draft_render(&d, db, &in, NULL, NULL), FU_EINVALID);
	assert_null(d);
	assert_int_equal(fu_draft_is_message("nudge"), 1);
	assert_int_equal(fu_draft_is_message("bogus"), -1);
}

/* The stage a nudge follows up: 0 after applying, 1 after an
 * interview, 2 in a conversation (after their reply). */
static fu_draft_input nudge_input(fu_channel ch, int stage, int wording,
				  int agency)
{
	fu_draft_input in = fu_test_draft_input("nudge", ch);
	in.wording = wording;
	if (stage == 0) {
		in.interview_at = 0;
		in.ntopics = 0;
		in.situation = "application";
	} else if (stage == 2) {
		in.reply_at = NOW - 3 * DAY;
		in.situation = "conversation";
	}
	if (agency) {
		in.contact_name = "Kim Park";
		in.contact_company = "Hirewell";
	}
	return in;
}

/* No nudge to a person repeats an earlier one: eight wordings for each
 * channel, subjects too, whatever the stage; the wording after the
 * eighth comes round again. */
static void test_draft_nudge_variants(void **state)
{
	fu_db *db = *state;
	const fu_channel ch[] = { FU_CH_EMAIL, FU_CH_PHONE };
	for (size_t k = 0; k < 2; k++)
		for (int stage = 0; stage < 3; stage++)
			for (int agency = 0; agency < 2; agency++) {
				char *texts[FU_DRAFT_WORDINGS] = { NULL };
				char *subjects[FU_DRAFT_WORDINGS] = { NULL };
				for (int w = 1; w <= FU_DRAFT_WORDINGS; w++) {
					fu_draft_input in = nudge_input(ch[k], stage,
									w, agency);
					fu_draft *d = fu_test_render(db, &in, NULL);
					texts[w - 1] = fu_draft_text(d);
					subjects[w - 1] = d->subject;
					d->subject = NULL;
					assert_lacks(d->body, "{");
					if (agency) {
						assert_has(d->body, "Acme");
						assert_lacks(d->body, "your team");
						assert_lacks(d->body, "the team");
						assert_lacks(d->body, "your decision");
					}
					if (stage == 2)
						assert_has(d->body, ch[k] == FU_CH_PHONE
							   ? "message on Friday, "
							   "November 6"
							   : "Friday, November 6");
					if (stage == 1)
						assert_has(d->body, "Sunday, November 8");
					if (stage == 0)
						assert_has(d->body, "Wednesday, October 28");
					fu_draft_free(d);
				}
				for (int a = 0; a < FU_DRAFT_WORDINGS; a++)
					for (int b = 0; b < a; b++) {
						assert_string_not_equal(texts[a], texts[b]);
						if (subjects[a])
							assert_string_not_equal(
								subjects[a], subjects[b]);
					}
				for (int a = 0; a < FU_DRAFT_WORDINGS; a++) {
					free(texts[a]);
					free(subjects[a]);
				}
			}
	/* the ninth comes back to the first; without a wording, the seq */
	fu_draft_input a = nudge_input(FU_CH_EMAIL, 1, 1, 0), b = a;
	b.wording = 9;
	assert_int_equal(fu_draft_wording(&b), 1);
	fu_draft *da = fu_test_render(db, &a, NULL);
	fu_draft *d9 = fu_test_render(db, &b, NULL);
	assert_string_equal(da->subject, d9->subject);
	fu_draft_free(d9);
	b.wording = 0;
	b.seq = 3;
	assert_int_equal(fu_draft_wording(&b), 3);
	b.seq = 0;
	assert_int_equal(fu_draft_wording(&b), 1);
	/* after applying, a nudge recalls the application; in a
	 * conversation, their reply */
	assert_has(da->body, "following up on our interview on Sunday, "
		   "November 8, for the Backend Engineer position at Acme");
	fu_draft_free(da);
	fu_draft_input in = nudge_input(FU_CH_EMAIL, 0, 1, 0);
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "my application for the Backend Engineer position "
		   "at Acme, which I sent on Wednesday, October 28.");
	fu_draft_free(d);
	in = nudge_input(FU_CH_EMAIL, 2, 1, 0);
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "Thank you again for your message on Friday, "
		   "November 6. I wanted to pick up our conversation about the "
		   "Backend Engineer position at Acme.");
	assert_lacks(d->body, "application");
	fu_draft_free(d);
}

/* Written to the person: an agency's recruiter hears of "your client"
 * and the employer, never of their team; the same company typed in
 * another case is no agency. */
static void test_draft_agency(void **state)
{
	fu_db *db = *state;
	for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
		for (size_t k = 0; k < 3; k++) {
			if ((channels[k] == FU_CH_LETTER &&
			     !fu_draft_by_letter(messages[i])) ||
			    !strcmp(messages[i], "connect") ||
			    !strncmp(messages[i], "intro", 5) ||
			    !strcmp(messages[i], "help-reminder"))
				continue;
			fu_draft_input in = fu_test_draft_input(messages[i],
								channels[k]);
			in.contact_name = "Kim Park";
			in.contact_company = "Hirewell";
			assert_true(fu_draft_agency(&in));
			fu_draft *d = fu_test_render(db, &in, NULL);
			assert_has(d->body, "Acme");
			if (d->subject)
				assert_has(d->subject, "Acme");
			assert_lacks(d->body, "your team");
			assert_lacks(d->body, "the team");
			assert_lacks(d->body, "your colleagues");
			if (channels[k] != FU_CH_PHONE &&
			    strcmp(messages[i], "acknowledge"))
				assert_has(d->body, "your client Acme");
			fu_draft_free(d);
		}
	fu_draft_input in = fu_test_draft_input("nudge", FU_CH_EMAIL);
	in.contact_company = "ACME";
	assert_false(fu_draft_agency(&in));
	in.contact_company = NULL;
	assert_false(fu_draft_agency(&in));
	in.contact_company = "Hirewell";
	in.application_id = 0;
	assert_false(fu_draft_agency(&in));
}

/* Acknowledgements fit what they acknowledge. */
static void test_draft_acknowledgements(void **state)
{
	fu_db *db = *state;
	const fu_draft_person people[] = {
		{ 1, "Dana Reyes", NULL, NULL, NULL, NULL, FU_CH_NONE },
		{ 7, "Sam Lee", NULL, NULL, NULL, NULL, FU_CH_NONE },
	};
	/* an invitation: confirmed, with its time and the people */
	fu_draft_input in = fu_test_draft_input("acknowledge", FU_CH_EMAIL);
	in.situation = "invitation";
	in.event_kind = FU_EV_REPLY;
	in.event_at = NOW;            /* Mon 9 Nov 09:00 */
	in.now = NOW + 3600;
	in.scheduled_at = NOW + 2 * DAY + 6 * 3600 + 1800; /* Wed 15:30 */
	in.scheduled_kind = FU_EV_INTERVIEW;
	in.people = people;
	in.npeople = 2;
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_string_equal(d->subject, "Confirming the interview - Backend "
			    "Engineer");
	assert_has(d->body, "Thank you for your message today, about the "
		   "Backend Engineer position at Acme. I am glad to confirm the "
		   "interview on Wednesday, November 11, at 3:30 p.m., with you "
		   "and Sam Lee, and I look forward to it.");
	fu_draft_free(d);
	/* an offer: thanked, with when you will answer */
	in = fu_test_draft_input("acknowledge", FU_CH_EMAIL);
	in.situation = "offer";
	in.event_kind = FU_EV_OFFER;
	in.answer_at = NOW + 5 * DAY;
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "Thank you for the offer for the Backend Engineer "
		   "position at Acme, which I received on Sunday, November 8.");
	assert_has(d->body, "I will give you my answer by Saturday, November 14.");
	fu_draft_free(d);
	/* a promise of help: thanked for; no "anything else" to a
	 * networking contact */
	in = fu_test_draft_input("acknowledge", FU_CH_EMAIL);
	in.situation = "help";
	in.event_kind = FU_EV_HELP_PROMISED;
	in.application_id = 0;
	in.company = in.role = NULL;
	d = fu_test_render(db, &in, NULL);
	assert_string_equal(d->subject, "Thank you for your offer of help");
	assert_has(d->body, "Thank you for offering to help with moving billing "
		   "to Go and the on-call rotation when we spoke on Sunday, "
		   "November 8.");
	assert_lacks(d->body, "anything else");
	fu_draft_free(d);
	in.situation = "networking";
	in.event_kind = FU_EV_REPLY;
	in.expect_at = 0;
	for (size_t k = 0; k < 3; k += 2) {
		in.channel = channels[k];
		d = fu_test_render(db, &in, NULL);
		assert_lacks(d->body, "anything else");
		assert_lacks(d->body, "position");
		fu_draft_free(d);
	}
	/* a reply that names a date repeats it */
	in = fu_test_draft_input("acknowledge", FU_CH_EMAIL);
	in.situation = "reply";
	in.event_kind = FU_EV_REPLY;
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "I look forward to hearing from you by Sunday, "
		   "November 15.");
	fu_draft_free(d);
}

/* The courtesies: after accepting another job (said so), and when
 * withdrawing; an offer declined either way; each names the other
 * applications the message serves (rule 11). */
static void test_draft_courtesies(void **state)
{
	fu_db *db = *state;
	const fu_draft_other also[] = {
		{ 5, "Vandelay", "Data Engineer", "withdraw-notice" },
	};
	const fu_draft_other others[] = {
		{ 6, "Initech", "Platform Engineer", NULL },
	};
	fu_draft_input in = fu_test_draft_input("withdraw-notice", FU_CH_EMAIL);
	in.situation = "accepted";
	in.accepted_at = NOW - DAY;
	in.also = also;
	in.nalso = 1;
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "I have accepted another position, and so I am "
		   "withdrawing my application for the Backend Engineer position "
		   "at Acme, and from consideration for the Data Engineer "
		   "position at Vandelay.");
	assert_has(d->body, "filling the roles.");
	fu_draft_free(d);
	in.situation = NULL;
	in.accepted_at = 0;
	in.nalso = 0;
	in.others = others;
	in.nothers = 1;
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "After careful thought, I have decided to withdraw "
		   "my application");
	assert_lacks(d->body, "accepted");
	assert_has(d->body, "This does not change my interest in the Platform "
		   "Engineer position at Initech");
	fu_draft_free(d);
	in = fu_test_draft_input("decline-offer", FU_CH_LETTER);
	in.situation = "accepted";
	in.accepted_at = NOW - DAY;
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "After careful thought, I have accepted another "
		   "position, so I must decline your offer.");
	assert_has(d->body, "I hope our paths cross again.");
	fu_draft_free(d);
	in.channel = FU_CH_PHONE;
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "you have accepted another position and must "
		   "decline");
	fu_draft_free(d);
}

/* Rule 11 on the phone: a call that serves several applications asks
 * about each in the talking points and names each in the voicemail,
 * whatever the wording; a check-in's voicemail too. */
static void test_draft_call_serves_all(void **state)
{
	fu_db *db = *state;
	const fu_draft_other also[] = {
		{ 5, "Vandelay", "Data Engineer", "nudge" },
		{ 6, "Initech", "Platform Engineer", "nudge" },
	};
	for (int w = 1; w <= FU_DRAFT_WORDINGS; w++) {
		fu_draft_input in = nudge_input(FU_CH_PHONE, w % 3, w, 1);
		in.also = also;
		in.nalso = 2;
		fu_draft *d = fu_test_render(db, &in, NULL);
		assert_has(d->body, "- Ask about the Data Engineer position at "
			   "Vandelay and the Platform Engineer position at "
			   "Initech too, in the same call.\n");
		const char *vm = strstr(d->body, "If you reach voicemail:");
		assert_non_null(vm);
		assert_has(vm, "Backend Engineer position at Acme");
		assert_has(vm, "I would also welcome news on the Data Engineer "
			   "position at Vandelay and the Platform Engineer "
			   "position at Initech. You can reach me at");
		fu_draft_free(d);
		/* one application: nothing about others */
		in.nalso = 0;
		d = fu_test_render(db, &in, NULL);
		assert_lacks(d->body, "also welcome");
		assert_lacks(d->body, "same call");
		fu_draft_free(d);
	}
	const char *const checkins[] = { "application-check-in",
					 "interview-check-in" };
	for (size_t i = 0; i < 2; i++) {
		fu_draft_input in = fu_test_draft_input(checkins[i], FU_CH_PHONE);
		in.also = also;
		in.nalso = 1;
		fu_draft *d = fu_test_render(db, &in, NULL);
		assert_has(strstr(d->body, "If you reach voicemail:"),
			   "I would also welcome news on the Data Engineer "
			   "position at Vandelay. You can reach me at");
		fu_draft_free(d);
	}
}

/* A letter's head names the contact's company once, even when their
 * address begins with it. */
static void test_draft_letter_company_once(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("thank-you", FU_CH_LETTER);
	in.contact_address = "acme, 200 Market Street, San Francisco";
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "Engineering Manager\nacme, 200 Market Street, "
		   "San Francisco\n\nDear Dana,");
	fu_draft_free(d);
	in.contact_address = "Acme\n200 Market Street";
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "Engineering Manager\nAcme\n200 Market Street\n\n");
	fu_draft_free(d);
	/* a street that only begins like the company is no company */
	in.contact_address = "Acme Tower, 200 Market Street";
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "Engineering Manager\nAcme\nAcme Tower, 200 "
		   "Market Street\n\n");
	fu_draft_free(d);
}

/* Networking: where you met, why you write, what was promised and why
 * it is urgent. */
static void test_draft_networking(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("connect", FU_CH_EMAIL);
	in.application_id = 0;
	in.company = in.role = NULL;
	in.event_kind = FU_EV_MET;
	in.occasion = "the PyData Berlin meetup";
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_string_equal(d->subject, "Good to meet you at the PyData Berlin "
			    "meetup");
	assert_has(d->body, "It was a pleasure to meet you at the PyData Berlin "
		   "meetup on Sunday, November 8, and I enjoyed our conversation "
		   "about moving billing to Go.");
	fu_draft_free(d);

	in = fu_test_draft_input("intro-reach-out", FU_CH_EMAIL);
	in.application_id = 0;
	in.company = in.role = NULL;
	in.contact_name = "Lee Chen";
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "I am writing because I would value your perspective "
		   "on moving billing to Go and the on-call rotation.");
	fu_draft_free(d);

	in = fu_test_draft_input("help-reminder", FU_CH_EMAIL);
	in.application_id = 0;
	in.company = in.role = NULL;
	in.urgent = 1;
	in.because = "the Globex role closes on Friday";
	d = fu_test_render(db, &in, NULL);
	assert_string_equal(d->subject, "Following up: moving billing to Go");
	assert_has(d->body, "Thank you again for offering to help with moving "
		   "billing to Go and the on-call rotation");
	assert_has(d->body, "I am writing a little sooner than I otherwise "
		   "would, as the Globex role closes on Friday.");
	assert_has(d->body, "how it is going");
	fu_draft_free(d);
	in.because = NULL;
	d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "as the timing matters for me.");
	fu_draft_free(d);
}

/* Dates in a message are never "on" the day it is dated: today. */
static void test_draft_today(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("thank-you", FU_CH_LETTER);
	in.event_at = NOW + 3600; /* Mon 9 Nov 10:00, and now is 15:00 */
	in.now = NOW + 6 * 3600;
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_true(strncmp(d->body + strlen("12 Elm Street\nSpringfield, IL "
					     "62701\n\n"), "November 9, 2026\n",
			    17) == 0);
	assert_has(d->body, "Thank you for the interview today, about");
	assert_lacks(d->body, "Monday, November 9");
	fu_draft_free(d);
	/* a letter needs your address */
	in.user_address = NULL;
	assert_int_equal(fu_draft_render(&d, db, &in, NULL, NULL), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "set your postal address first, for "
			    "the head of a letter: fu config user.address '12 "
			    "Elm Street, Springfield'");
}

/* A user's template may use every placeholder fu documents. */
static void test_draft_every_placeholder(void **state)
{
	fu_db *db = *state;
	size_t n = 0;
	const fu_draft_placeholder *p = fu_draft_placeholders(&n);
	fu_draft_input in = fu_test_draft_input("nudge", FU_CH_EMAIL);
	for (size_t i = 0; i < n; i++) {
		char t[256];
		const char *name = p[i].name;
		if (!strcmp(name, "topic.N"))
			name = "topic.1";
		snprintf(t, sizeof t, "Subject: x\n\n[{#%s}set{/%s}{^%s}unset{/%s}]\n",
			 name, name, name, name);
		fu_draft *d = fu_test_render(db, &in, t);
		fu_draft_free(d);
	}
}

static void test_draft_template_override(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	fu_draft *d = fu_test_render(db, &in,
		"Subject: Thanks, {contact.first_name}\n"
		"\n"
		"Hi {contact.first_name} {contact.last_name} ({contact.title}),\n"
		"{event.kind} on {event.date}: {topic.1}; {topic.2}.\n"
		"{role} at {company}, applied {applied_date}, #{application.id}.\n"
		"Hear by {expect_date}. Today is {today}.\n"
		"{{literal} and {user.first_name}\n"
		"{signature}\n");
	assert_string_equal(d->subject, "Thanks, Dana");
	assert_string_equal(d->body,
		"Hi Dana Reyes (Engineering Manager),\n"
		"interview on Sunday, November 8: moving billing to Go; the "
		"on-call rotation.\n"
		"Backend Engineer at Acme, applied Wednesday, October 28, #2.\n"
		"Hear by Sunday, November 15. Today is November 9, 2026.\n"
		"{literal} and Alex\n"
		"Alex Morgan\nalex.morgan@example.org\n+1 555 0100\n");
	assert_string_equal(d->source, "test");
	assert_int_equal(d->excluded, 6);
	char *text = fu_draft_text(d);
	assert_true(strncmp(text, "Subject: Thanks, Dana\n\nHi Dana", 30) == 0);
	free(text);
	fu_draft_free(d);

	/* a date in another year says the year */
	in.event_at = NOW - 400 * DAY;
	d = fu_test_render(db, &in, "Subject: x\n\n{event.date}\n");
	assert_string_equal(d->body, "Sunday, October 5, 2025\n");
	fu_draft_free(d);
}

static void test_draft_sections(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("acknowledge", FU_CH_PHONE);
	in.contact_title = NULL;
	in.expect_at = 0;
	/* a section tag alone on its line takes the line with it */
	fu_draft *d = fu_test_render(db, &in,
		"A{#contact.title} title {contact.title}{/contact.title}"
		"{^contact.title} no title{/contact.title}.\n"
		"{#topics}\n"
		"About {topics}.\n"
		"{/topics}\n"
		"  {^topics}  \n"
		"No topics.\n"
		"{/topics}\n"
		"{#topic.1}{#topic.2}two{/topic.2}{/topic.1}\n"
		"{#expect_date}\n"
		"{expect_date}\n"
		"{/expect_date}\n"
		"end\n");
	assert_string_equal(d->body,
		"A no title.\n"
		"About moving billing to Go and the on-call rotation.\n"
		"two\n"
		"end\n");
	fu_draft_free(d);
	/* inline sections; blank lines collapse to one */
	in.ntopics = 0;
	d = fu_test_render(db, &in, "x{#topics}y{/topics}{^topics}z{/topics}\n\n\n\nw  \n");
	assert_string_equal(d->body, "xz\n\nw\n");
	fu_draft_free(d);
}

static void expect_error(fu_db *db, const fu_draft_input *in, const char *t,
			 const char *msg)
{
	fu_draft *d = NULL;
	assert_int_equal(fu_draft_render(&d, db, in, t, "tmpl"), FU_EINVALID);
	assert_null(d);
	assert_has(fu_errmsg(db), msg);
}

static void test_draft_template_errors(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("connect", FU_CH_EMAIL);
	expect_error(db, &in, "Subject: x\n\nDear {contact.nmae},\n",
		     "template tmpl, line 3: unknown placeholder '{contact.nmae}'");
	/* unknown even where nothing would be written */
	expect_error(db, &in, "Subject: x\n{^role}{bogus}{/role}\n",
		     "unknown placeholder '{bogus}'");
	expect_error(db, &in, "Subject: x\n\n{#topics}about\n",
		     "line 3: '{topics}' is never closed");
	expect_error(db, &in, "Subject: x\n\n{#topics}{/role}\n",
		     "'{/role}' where '{/topics}' was expected");
	expect_error(db, &in, "Subject: x\n\n{/role}\n", "'{/role}' closes no section");
	expect_error(db, &in, "Subject: x\n\nan { open\n", "'{' without '}'");
	expect_error(db, &in, "Subject: x\n\n{}\n", "'{}' is not a placeholder");
	expect_error(db, &in, "Dear {contact.name}\n",
		     "starts with a 'Subject: ...' line");
	expect_error(db, &in, "Subject: {contact.first_name}\n\n",
		     "the message is empty");
	expect_error(db, &in, "Subject:\n\nHello\n", "the Subject line is empty");
	/* topic.N past the end */
	expect_error(db, &in, "Subject: x\n\n{topic.3}\n",
		     "{topic.3} has no value: only 2 topics were logged; make it "
		     "optional with {#topic.3}...{/topic.3}");
	expect_error(db, &in, "Subject: x\n\n{topic.0}\n",
		     "unknown placeholder '{topic.0}'");
}

/* A value that is not known is an error naming it, never a blank. */
static void test_draft_missing_values(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	in.contact_title = NULL;
	expect_error(db, &in, "Subject: x\n\n{contact.title}\n",
		     "{contact.title} has no value: Dana Reyes has no title "
		     "(fu edit 'Dana Reyes' --title TITLE)");
	in.expect_at = 0;
	expect_error(db, &in, "Subject: x\n\n{expect_date}\n",
		     "{expect_date} has no value: no date to hear back by");
	in.ntopics = 0;
	expect_error(db, &in, "Subject: x\n\n{topics}\n",
		     "{topics} has no value: no topics were logged with the "
		     "interview");
	in.application_id = 0;
	in.role = NULL;
	expect_error(db, &in, "Subject: x\n\n{role}\n",
		     "{role} has no value: this thank-you is not about an "
		     "application");

	/* the built-ins need the signature */
	in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	in.user_name = NULL;
	fu_draft *d = NULL;
	assert_int_equal(fu_draft_render(&d, db, &in, NULL, NULL), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "set your name first: fu config "
			    "user.name 'Your Name'");
	in = fu_test_draft_input("rejection-response", FU_CH_LETTER);
	in.user_email = "";
	assert_int_equal(fu_draft_render(&d, db, &in, NULL, NULL), FU_EINVALID);
	assert_has(fu_errmsg(db), "set your e-mail address first: fu config user.email");
	in = fu_test_draft_input("nudge", FU_CH_PHONE);
	in.user_phone = NULL;
	assert_int_equal(fu_draft_render(&d, db, &in, NULL, NULL), FU_EINVALID);
	assert_has(fu_errmsg(db), "set your phone number first: fu config user.phone");
	/* a call needs their number, a letter their address */
	in = fu_test_draft_input("nudge", FU_CH_PHONE);
	in.contact_phone = NULL;
	assert_int_equal(fu_draft_render(&d, db, &in, NULL, NULL), FU_EINVALID);
	assert_has(fu_errmsg(db), "{contact.phone} has no value: Dana Reyes has "
		   "no phone number (fu edit 'Dana Reyes' --phone NUMBER)");
	in = fu_test_draft_input("decline-offer", FU_CH_LETTER);
	in.contact_address = NULL;
	assert_int_equal(fu_draft_render(&d, db, &in, NULL, NULL), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "Dana Reyes has no postal address: "
			    "fu edit 'Dana Reyes' --address ADDRESS");
	/* nobody to write to */
	in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	in.contact_name = NULL;
	assert_int_equal(fu_draft_render(&d, db, &in, NULL, NULL), FU_EINVALID);
	assert_has(fu_errmsg(db), "nobody is known to write to");
	assert_null(d);
}

static void test_draft_social_and_edit(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("connect", FU_CH_SOCIAL);
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_null(d->subject);
	assert_true(strncmp(d->body, "Dear Dana,", 10) == 0);
	fu_draft_free(d);

	in = fu_test_draft_input("connect", FU_CH_EMAIL);
	d = fu_test_render(db, &in, NULL);
	assert_fu_ok_db(db, fu_draft_set_text(d, db, &in,
		"Subject: New subject\r\n\r\n\r\nHello Dana,  \r\nBye\r\n"));
	assert_string_equal(d->subject, "New subject");
	assert_string_equal(d->body, "Hello Dana,\nBye\n");
	/* without a Subject line the subject stays */
	assert_fu_ok_db(db, fu_draft_set_text(d, db, &in, "Just text\n"));
	assert_string_equal(d->subject, "New subject");
	assert_string_equal(d->body, "Just text\n");
	assert_int_equal(fu_draft_set_text(d, db, &in, "Subject: only\n\n  \n"),
			 FU_EINVALID);
	assert_has(fu_errmsg(db), "empty after editing");
	assert_int_equal(fu_draft_set_text(d, db, &in, "bad \x1b[31m"),
			 FU_EINVALID);
	assert_int_equal(fu_draft_set_text(d, db, &in, "bad \xff"), FU_EINVALID);
	assert_string_equal(d->body, "Just text\n");
	fu_draft_free(d);
}

static void test_draft_words_and_limits(void **state)
{
	(void)state;
	assert_int_equal(fu_draft_words(""), 0);
	assert_int_equal(fu_draft_words(NULL), 0);
	assert_int_equal(fu_draft_words("  one two\tthree\nfour - +1 555 "), 6);
	assert_int_equal(fu_draft_words("José's café, naïve."), 3);
	assert_int_equal(fu_draft_limit("thank-you"), 200);
	assert_int_equal(fu_draft_limit("acknowledge"), 60);
	assert_int_equal(fu_draft_limit("nudge"), 120);
	assert_int_equal(fu_draft_limit("application-check-in"), 120);
	assert_int_equal(fu_draft_limit("interview-check-in"), 120);
	assert_int_equal(fu_draft_limit("rejection-response"), 100);
	assert_int_equal(fu_draft_limit("withdraw-notice"), 100);
	assert_int_equal(fu_draft_limit("decline-offer"), 100);
	assert_int_equal(fu_draft_limit("closure"), 0);
	size_t n = 0;
	const fu_draft_placeholder *p = fu_draft_placeholders(&n);
	assert_true(n > 20);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(p[i].name);
		assert_non_null(p[i].help);
	}
}

/* Every built-in stays within its length; a long one is warned of, not
 * refused. */
static void test_draft_length_warning(void **state)
{
	fu_db *db = *state;
	for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
		for (size_t k = 0; k < 2; k++) {
			if (channels[k] == FU_CH_LETTER &&
			    !fu_draft_by_letter(messages[i]))
				continue;
			fu_draft_input in = fu_test_draft_input(messages[i],
								channels[k]);
			fu_draft *d = fu_test_render(db, &in, NULL);
			assert_fu_ok_db(db, fu_draft_check(d, db, &in,
							   "/nonexistent/x", NULL));
			assert_int_equal(d->nwarnings, 1); /* no dictionary */
			assert_has(d->warnings[0], "no spelling dictionary at "
				   "/nonexistent/x.dic");
			fu_draft_free(d);
		}
	fu_draft_input in = fu_test_draft_input("acknowledge", FU_CH_EMAIL);
	fu_buf t = FU_BUF_INIT;
	fu_buf_puts(&t, "Subject: Thanks\n\nDear {contact.first_name},\n");
	for (int i = 0; i < 12; i++)
		fu_buf_puts(&t, "Thank you for your kind note today. ");
	fu_buf_puts(&t, "\n{signature}\n");
	fu_draft *d = fu_test_render(db, &in, t.data);
	fu_buf_free(&t);
	assert_fu_ok_db(db, fu_draft_check(d, db, &in, "/nonexistent/x", NULL));
	assert_int_equal(d->nwarnings, 2);
	assert_string_equal(d->warnings[0], "the acknowledge is 86 words long; "
			    "keep it under about 60");
	fu_draft_free(d);
	/* a call has no limit, a checklist no checks at all */
	in = fu_test_draft_input("acknowledge", FU_CH_PHONE);
	t = (fu_buf)FU_BUF_INIT;
	for (int i = 0; i < 30; i++)
		fu_buf_puts(&t, "Thank you for your kind note today. ");
	d = fu_test_render(db, &in, t.data);
	fu_buf_free(&t);
	assert_fu_ok_db(db, fu_draft_check(d, db, &in, "/nonexistent/x", NULL));
	assert_int_equal(d->nwarnings, 1);
	fu_draft_free(d);
	in = fu_test_draft_input("closure", FU_CH_NONE);
	d = fu_test_render(db, &in, NULL);
	assert_fu_ok_db(db, fu_draft_check(d, db, &in, "/nonexistent/x", NULL));
	assert_int_equal(d->nwarnings, 0);
	fu_draft_free(d);
}

static int have_dictionary(void)
{
	FILE *f = fopen("/usr/share/hunspell/en_US.dic", "r");
	if (f)
		fclose(f);
	return f != NULL;
}

/* Misspellings are flagged with suggestions; names of people,
 * companies and roles, addresses and URLs are not. */
static void test_draft_spelling(void **state)
{
	fu_db *db = *state;
	if (!have_dictionary()) {
		print_message("no en_US dictionary: spelling not tested\n");
		skip();
	}
	fu_draft_input in = fu_test_draft_input("connect", FU_CH_EMAIL);
	in.contact_name = "Dana Quixtrel";
	in.contact_company = "Blorptech";
	in.company = "Blorptech";
	in.role = "Fluxomancer";
	in.contact_email = "dana@blorptech.example";
	in.user_name = "Alex Zorbish";
	fu_draft *d = fu_test_render(db, &in,
		"Subject: Hello {contact.first_name} at {company}\n\n"
		"Dear {contact.name}, did you recieve my note about the "
		"{role} role at {company}'s office?\n"
		"Mail {contact.email} or see https://exampel.org/wrongg or "
		"www.exampel.org, re SRE and 2nd-round plans with Kubernetes.\n"
		"{signature}\n");
	assert_fu_ok_db(db, fu_draft_check(d, db, &in, NULL, "/nonexistent"));
	assert_int_equal(d->nwarnings, 1);
	assert_has(d->warnings[0], "'recieve' may be misspelled (receive");
	fu_draft_free(d);

	/* the spelling function alone */
	fu_spell_word *w = NULL;
	size_t n = 0;
	const char *ignore[] = { "Zyx Qwertz" };
	assert_fu_ok_db(db, fu_spell_check(&w, &n, db,
		"Zyx wrote: teh recieve, teh Qwertz's plan. Zyxx.\n"
		"Wrongg at line start, but not mid-sentence Wrongg.",
		ignore, 1, NULL, NULL, 0));
	assert_int_equal(n, 4);
	assert_string_equal(w[0].word, "teh");
	assert_true(w[0].nsuggestions >= 1 && w[0].nsuggestions <= 3);
	assert_string_equal(w[1].word, "recieve");
	assert_string_equal(w[1].suggestions[0], "receive");
	assert_string_equal(w[2].word, "Zyxx"); /* a sentence's first word */
	assert_string_equal(w[3].word, "Wrongg");
	fu_spell_free(w, n);

	assert_int_equal(fu_spell_check(&w, &n, db, "x", NULL, 0,
					"/nonexistent/en_US", NULL, 0), FU_ENOTFOUND);
	assert_has(fu_errmsg(db), "no spelling dictionary");
	assert_null(w);
	assert_int_equal(n, 0);
	fu_spell_free(NULL, 0);
}

/* The personal dictionary, in hunspell's own format: a word, a word
 * with the affixes of another, a word marked wrong; --add-word appends
 * one, never rewriting the file, and refuses what is not one word. */
static void test_draft_personal_dictionary(void **state)
{
	fu_db *db = *state;
	if (!have_dictionary()) {
		print_message("no en_US dictionary: spelling not tested\n");
		skip();
	}
	char dir[256], path[300];
	fu_test_temp_path(dir, sizeof dir, "dict");
	snprintf(path, sizeof path, "%s/fu/dictionary", dir);
	const char *text = "Our roadmap, the dbt models, the dbts, the Kubectl "
			   "release and a kubectl's flag; then teh end.\n";
	fu_spell_word *w = NULL;
	size_t n = 0;
	const char *const dicts[] = { path };
	/* no file yet: flagged */
	assert_fu_ok_db(db, fu_spell_check(&w, &n, db, text, NULL, 0, NULL,
					   dicts, 1));
	assert_int_equal(n, 5);
	assert_string_equal(w[0].word, "roadmap");
	assert_string_equal(w[1].word, "dbt");
	assert_string_equal(w[2].word, "dbts");
	assert_string_equal(w[3].word, "kubectl's");
	assert_string_equal(w[4].word, "teh");
	fu_spell_free(w, n);
	/* --add-word: the file and its directories are made, 0600 */
	int added = 0;
	assert_fu_ok_db(db, fu_spell_add_word(db, path, "roadmap", &added));
	assert_int_equal(added, 1);
	assert_fu_ok_db(db, fu_spell_add_word(db, path, "roadmap", &added));
	assert_int_equal(added, 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* what the user wrote there stays: a word with the affixes of
	 * "model" (plural), one marked wrong, one without a newline */
	FILE *f = fopen(path, "a");
	fputs("# my words\ndbt/model\n*teh\nkubectl", f);
	fclose(f);
	assert_fu_ok_db(db, fu_spell_add_word(db, path, "Kubernetes", &added));
	assert_int_equal(added, 1);
	char buf[256] = { 0 };
	f = fopen(path, "r");
	assert_int_equal(fread(buf, 1, sizeof buf - 1, f) > 0, 1);
	fclose(f);
	assert_string_equal(buf, "roadmap\n# my words\ndbt/model\n*teh\n"
			    "kubectl\nKubernetes\n");
	assert_fu_ok_db(db, fu_spell_check(&w, &n, db, text, NULL, 0, NULL,
					   dicts, 1));
	assert_int_equal(n, 1);
	assert_string_equal(w[0].word, "teh");
	fu_spell_free(w, n);
	/* not one word */
	const char *bad[] = { "two words", "e-commerce", "k8s", "a/b", "*x",
			      "", "'tis" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(fu_spell_add_word(db, path, bad[i], &added),
				 FU_EINVALID);
	assert_has(fu_errmsg(db), "is not one word");
	assert_fu_ok_db(db, fu_spell_add_word(db, path, "don't", &added));
	/* fu_draft_check reads it as the words file */
	fu_draft_input in = fu_test_draft_input("connect", FU_CH_EMAIL);
	fu_draft *d = fu_test_render(db, &in, "Subject: x\n\nOur roadmap and "
				     "dbt.\n");
	assert_fu_ok_db(db, fu_draft_check(d, db, &in, NULL, path));
	assert_int_equal(d->nwarnings, 0);
	fu_draft_free(d);
	unlink(path);
	snprintf(path, sizeof path, "%s/fu", dir);
	rmdir(path);
	rmdir(dir);
}

/* A thank-you with nothing logged as discussed, an introduction with no
 * reason: the draft still comes, with a warning that says how to add
 * one. */
static void test_draft_topic_warnings(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	in.ntopics = 0;
	in.event_id = 12;
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "Our conversation confirmed my interest");
	assert_fu_ok_db(db, fu_draft_check(d, db, &in, "/nonexistent/x", NULL));
	assert_int_equal(d->nwarnings, 2);
	assert_string_equal(d->warnings[0], "nothing was logged as discussed "
			    "with Dana Reyes: a thank-you is stronger with one or "
			    "two points from the interview (fu log 2 topic --event "
			    "12 --topic-for 'Dana Reyes: WHAT YOU DISCUSSED')");
	fu_draft_free(d);
	in = fu_test_draft_input("intro-reach-out", FU_CH_EMAIL);
	in.ntopics = 0;
	in.event_id = 14;
	in.application_id = 0;
	in.subject_contact_id = 9;
	in.company = in.role = NULL;
	d = fu_test_render(db, &in, NULL);
	assert_fu_ok_db(db, fu_draft_check(d, db, &in, "/nonexistent/x", NULL));
	assert_int_equal(d->nwarnings, 2);
	assert_string_equal(d->warnings[0], "no reason for getting in touch was "
			    "logged with the introduction: say why you write (fu "
			    "log 9 topic --event 14 --topic 'WHAT YOU DISCUSSED')");
	fu_draft_free(d);
	/* with topics, none */
	in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	in.event_id = 12;
	d = fu_test_render(db, &in, NULL);
	assert_fu_ok_db(db, fu_draft_check(d, db, &in, "/nonexistent/x", NULL));
	assert_int_equal(d->nwarnings, 1);
	fu_draft_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_draft_builtins_all),
		FU_TEST(test_draft_builtins_contents),
		FU_TEST(test_draft_builtins_minimal),
		FU_TEST(test_draft_checklists),
		FU_TEST(test_draft_nudge_variants),
		FU_TEST(test_draft_agency),
		FU_TEST(test_draft_acknowledgements),
		FU_TEST(test_draft_courtesies),
		FU_TEST(test_draft_call_serves_all),
		FU_TEST(test_draft_letter_company_once),
		FU_TEST(test_draft_networking),
		FU_TEST(test_draft_today),
		FU_TEST(test_draft_every_placeholder),
		FU_TEST(test_draft_template_override),
		FU_TEST(test_draft_sections),
		FU_TEST(test_draft_template_errors),
		FU_TEST(test_draft_missing_values),
		FU_TEST(test_draft_social_and_edit),
		FU_TEST(test_draft_words_and_limits),
		FU_TEST(test_draft_length_warning),
		FU_TEST(test_draft_spelling),
		FU_TEST(test_draft_personal_dictionary),
		FU_TEST(test_draft_topic_warnings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
