/* SPDX-License-Identifier: MIT */
/* test_draft.c - drafts (lib/draft_templates.c, draft_render.c): the
 * built-in and the user's templates rendered from plain structs,
 * placeholders and sections, their errors, and the checks (length,
 * spelling). */
#include "fu_test.h"

#include "fu/buf.h"

static const char *const messages[] = {
	"thank-you", "acknowledge", "connect", "intro-thanks",
	"intro-reach-out", "help-reminder", "application-check-in",
	"interview-check-in", "nudge", "rejection-response", "withdraw-notice",
};
static const fu_channel channels[] = { FU_CH_EMAIL, FU_CH_LETTER, FU_CH_PHONE };

/* Every built-in action x channel renders from full input: no brace
 * left, the signature, and the channel's form. */
static void test_draft_builtins_all(void **state)
{
	fu_db *db = *state;
	for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
		for (size_t k = 0; k < 3; k++) {
			fu_draft_input in = fu_test_draft_input(messages[i],
								channels[k]);
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
				assert_has(d->body, "November 9, 2026\n\nDana Reyes\n"
					   "Engineering Manager\nAcme\n200 Market Street\n"
					   "San Francisco, CA 94105\n\nDear Dana Reyes,\n");
				assert_has(d->body, "Sincerely,\n\nAlex Morgan\n");
			} else {
				assert_null(d->subject);
				assert_has(d->body, "Call Dana Reyes, Engineering Manager at Acme: +1 555 0142\n");
				assert_has(d->body, "Talking points");
				assert_has(d->body, "If you reach voicemail:\nHello Dana, this is Alex Morgan.");
				assert_has(d->body, "+1 555 0100");
			}
			fu_draft_free(d);
		}
}

/* What RULES.md says each message contains. */
static void test_draft_builtins_contents(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_string_equal(d->subject, "Thank you - Backend Engineer interview");
	assert_has(d->body, "the interview on Sunday, November 8, about the "
		   "Backend Engineer position at Acme");
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
	assert_has(d->body, "hear back by Sunday, November 15");
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
			    !strcmp(messages[i], "nudge"))
				in.interview_at = 0;
			fu_draft *d = fu_test_render(db, &in, NULL);
			assert_lacks(d->body, "{");
			assert_lacks(d->body, "  ");
			assert_lacks(d->body, " ,");
			assert_lacks(d->body, " .");
			fu_draft_free(d);
		}
	/* a networking thank-you */
	fu_draft_input in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	in.application_id = 0;
	in.company = in.role = NULL;
	in.event_kind = FU_EV_MEETING;
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_string_equal(d->subject, "Thank you for meeting with me");
	assert_has(d->body, "Thank you for meeting with me on Sunday, November 8.");
	assert_has(d->body, "interest in Acme");
	fu_draft_free(d);
}

static void test_draft_checklists(void **state)
{
	fu_db *db = *state;
	const char *lists[] = { "find-contact", "closure", "offer-review" };
	for (size_t i = 0; i < 3; i++) {
		fu_draft_input in = fu_test_draft_input(lists[i], FU_CH_NONE);
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
	/* a checklist has no channel, a message needs one */
	in = fu_test_draft_input("closure", FU_CH_EMAIL);
	assert_int_equal(fu_draft_render(&d, db, &in, NULL, NULL), FU_EINVALID);
	in = fu_test_draft_input("nudge", FU_CH_NONE);
	assert_int_equal(fu_draft_render(&d, db, &in, NULL, NULL), FU_EINVALID);
	assert_null(d);
	assert_int_equal(fu_draft_is_message("nudge"), 1);
	assert_int_equal(fu_draft_is_message("bogus"), -1);
}

/* Each nudge is worded differently from the one before. */
static void test_draft_nudge_variants(void **state)
{
	fu_db *db = *state;
	for (size_t k = 0; k < 3; k++) {
		char *prev = NULL;
		for (int seq = 1; seq <= 4; seq++) {
			fu_draft_input in = fu_test_draft_input("nudge",
								channels[k]);
			in.seq = seq;
			fu_draft *d = fu_test_render(db, &in, NULL);
			char *text = fu_draft_text(d);
			if (prev)
				assert_string_not_equal(prev, text);
			free(prev);
			prev = text;
			assert_has(d->body, "Sunday, November 8");
			fu_draft_free(d);
		}
		free(prev);
	}
	/* the fourth comes back to the first wording, not the third's */
	fu_draft_input a = fu_test_draft_input("nudge", FU_CH_EMAIL), b = a;
	a.seq = 1;
	b.seq = 4;
	fu_draft *da = fu_test_render(db, &a, NULL);
	fu_draft *db4 = fu_test_render(db, &b, NULL);
	assert_string_equal(da->subject, db4->subject);
	fu_draft_free(da);
	fu_draft_free(db4);
	/* before any interview, a nudge recalls the application */
	fu_draft_input in = fu_test_draft_input("nudge", FU_CH_EMAIL);
	in.interview_at = 0;
	in.ntopics = 0;
	fu_draft *d = fu_test_render(db, &in, NULL);
	assert_has(d->body, "my application of Wednesday, October 28, for the "
		   "Backend Engineer position");
	fu_draft_free(d);
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
	in = fu_test_draft_input("acknowledge", FU_CH_LETTER);
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
	in = fu_test_draft_input("nudge", FU_CH_LETTER);
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
		ignore, 1, NULL, NULL));
	assert_int_equal(n, 4);
	assert_string_equal(w[0].word, "teh");
	assert_true(w[0].nsuggestions >= 1 && w[0].nsuggestions <= 3);
	assert_string_equal(w[1].word, "recieve");
	assert_string_equal(w[1].suggestions[0], "receive");
	assert_string_equal(w[2].word, "Zyxx"); /* a sentence's first word */
	assert_string_equal(w[3].word, "Wrongg");
	fu_spell_free(w, n);

	assert_int_equal(fu_spell_check(&w, &n, db, "x", NULL, 0,
					"/nonexistent/en_US", NULL), FU_ENOTFOUND);
	assert_has(fu_errmsg(db), "no spelling dictionary");
	assert_null(w);
	assert_int_equal(n, 0);
	fu_spell_free(NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_draft_builtins_all),
		FU_TEST(test_draft_builtins_contents),
		FU_TEST(test_draft_builtins_minimal),
		FU_TEST(test_draft_checklists),
		FU_TEST(test_draft_nudge_variants),
		FU_TEST(test_draft_template_override),
		FU_TEST(test_draft_sections),
		FU_TEST(test_draft_template_errors),
		FU_TEST(test_draft_missing_values),
		FU_TEST(test_draft_social_and_edit),
		FU_TEST(test_draft_words_and_limits),
		FU_TEST(test_draft_length_warning),
		FU_TEST(test_draft_spelling),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
