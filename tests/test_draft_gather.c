/* SPDX-License-Identifier: MIT */
/* test_draft_gather.c - a draft's input gathered from the database
 * (lib/draft_gather.c): the action owed, its people and events, the
 * user's signature; what is not owed or cannot be sent; --sent; --send
 * through a mailer (lib/sendmail.c). */
#include <unistd.h>

#include "fu_test.h"

/* An engineering manager at Acme, reached as given. */
static int64_t contact(fu_db *db, const char *name, const char *email,
		       const char *phone, int no_calls)
{
	fu_contact c = { 0 };
	c.name = (char *)name;
	c.company = "Acme";
	c.title = "Engineering Manager";
	c.email = (char *)email;
	c.phone = (char *)phone;
	c.no_calls = no_calls;
	assert_fu_ok_db(db, fu_contact_add(db, &c));
	return c.id;
}

/* The action owed and what its draft needs, read from the database; an
 * action not owed, or a channel the contact cannot take, refused with
 * what is; --sent logs the sent that answers it. */
static void test_draft_gather_what_is_owed(void **state)
{
	fu_db *db = *state;
	assert_fu_ok_db(db, fu_config_set(db, "user.name", "Alex Morgan"));
	assert_fu_ok_db(db, fu_config_set(db, "user.email", "alex@example.org"));
	assert_fu_ok_db(db, fu_config_set(db, "user.phone", "+1 555 0100"));
	int64_t dana = contact(db, "Dana Reyes", "dana@acme.example", NULL, 0);
	int64_t sam = contact(db, "Sam Lee", NULL, "+1 555 0144", 1);
	fu_application a = { 0 };
	a.company = "Acme";
	a.role = "Backend Engineer";
	a.contact_ids = &dana;
	a.ncontacts = 1;
	assert_fu_ok_db(db, fu_application_add(db, &a, NOW - 12 * DAY));
	fu_event e = { 0 };
	char *tp[] = { "moving billing to Go" };
	int64_t with[] = { dana, sam };
	e.kind = FU_EV_INTERVIEW;
	e.at = NOW - DAY + 5 * 3600;
	e.application_id = a.id;
	e.expect_at = NOW + 6 * DAY;
	e.topics = tp;
	e.ntopics = 1;
	e.with = with;
	e.nwith = 2;
	assert_fu_ok_db(db, fu_event_add(db, &e));

	/* the most urgent action on the application: Dana's thank-you */
	fu_draft_request req = { 0 };
	req.application_id = a.id;
	fu_draft_input *in = NULL;
	assert_fu_ok_db(db, fu_draft_gather(&in, db, &req));
	assert_string_equal(in->action, "thank-you");
	assert_int_equal(in->channel, FU_CH_EMAIL);
	assert_string_equal(in->contact_name, "Dana Reyes");
	assert_string_equal(in->company, "Acme");
	assert_int_equal(in->event_kind, FU_EV_INTERVIEW);
	assert_int_equal(in->event_at, e.at);
	assert_int_equal(in->interview_at, e.at);
	assert_int_equal(in->expect_at, e.expect_at);
	assert_int_equal(in->ntopics, 1);
	assert_string_equal(in->topics[0], "moving billing to Go");
	assert_int_equal(in->applied_at, NOW - 12 * DAY);
	assert_string_equal(in->user_phone, "+1 555 0100");
	assert_int_equal(in->now, NOW);
	assert_has(in->key, "thank-you:");
	fu_draft *d = fu_test_render(db, in, NULL);
	assert_has(d->body, "moving billing to Go");
	fu_draft_free(d);

	/* --sent logs the sent that answers it */
	int64_t ev = 0;
	assert_fu_ok_db(db, fu_draft_mark_sent(db, in, &ev));
	assert_true(ev > 0);
	fu_draft_input_free(in);
	in = NULL;
	req.action = "thank-you";
	req.to = dana;
	assert_int_equal(fu_draft_gather(&in, db, &req), FU_ENOTFOUND);
	assert_string_equal(fu_errmsg(db), "no thank-you is owed to Dana Reyes "
			    "on Acme, Backend Engineer; owed: thank-you to Sam "
			    "Lee, interview-check-in to Dana Reyes");
	assert_null(in);

	/* Sam has no e-mail address, and takes no calls */
	req.to = sam;
	assert_int_equal(fu_draft_gather(&in, db, &req), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "Sam Lee has no e-mail address: fu "
			    "edit 'Sam Lee' --email ADDRESS");
	req.channel = FU_CH_PHONE;
	assert_int_equal(fu_draft_gather(&in, db, &req), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "Sam Lee takes no calls: use "
			    "--channel email");
	req.channel = FU_CH_SOCIAL;
	assert_int_equal(fu_draft_gather(&in, db, &req), FU_EINVALID);

	/* an unknown action, an action not owed */
	req = (fu_draft_request){ 0 };
	req.application_id = a.id;
	req.action = "bogus";
	assert_int_equal(fu_draft_gather(&in, db, &req), FU_EINVALID);
	assert_has(fu_errmsg(db), "unknown action 'bogus': use thank-you, ");
	req.action = "connect";
	assert_int_equal(fu_draft_gather(&in, db, &req), FU_ENOTFOUND);
	assert_has(fu_errmsg(db), "no connect is owed on Acme, Backend Engineer");

	/* the interview-check-in recalls the interview and its topics */
	req.action = "interview-check-in";
	assert_fu_ok_db(db, fu_draft_gather(&in, db, &req));
	assert_int_equal(in->interview_at, e.at);
	assert_int_equal(in->expect_at, e.expect_at);
	assert_int_equal(in->ntopics, 1);
	fu_draft_input_free(in);
	in = NULL;

	/* closed: only its closing courtesy */
	assert_fu_ok_db(db, fu_application_close(db, a.id, FU_OUT_REJECTED, NOW,
						 NULL));
	req.action = "interview-check-in";
	assert_int_equal(fu_draft_gather(&in, db, &req), FU_ENOTFOUND);
	assert_has(fu_errmsg(db), "Acme, Backend Engineer is closed (rejected): "
		   "it owes only its rejection-response to Dana Reyes");
	req.action = NULL;
	assert_fu_ok_db(db, fu_draft_gather(&in, db, &req));
	assert_string_equal(in->action, "rejection-response");
	fu_draft_input_free(in);
	fu_draft_input_free(NULL);
}

static fu_draft_input *gather(fu_db *db, int64_t app, int64_t contact,
			      const char *action, int64_t to)
{
	fu_draft_request req = { 0 };
	req.application_id = app;
	req.contact_id = contact;
	req.action = action;
	req.to = to;
	fu_draft_input *in = NULL;
	assert_fu_ok_db(db, fu_draft_gather(&in, db, &req));
	return in;
}

static void signature(fu_db *db)
{
	assert_fu_ok_db(db, fu_config_set(db, "user.name", "Alex Morgan"));
	assert_fu_ok_db(db, fu_config_set(db, "user.email", "alex@example.org"));
	assert_fu_ok_db(db, fu_config_set(db, "user.phone", "+1 555 0100"));
}

/* Three interviewers, each thanked for their own conversation: their
 * topics first, then the meeting's; none logged for one, the meeting's
 * alone. Topics added afterwards count. */
static void test_draft_gather_topics_per_person(void **state)
{
	fu_db *db = *state;
	signature(db);
	int64_t dana = contact(db, "Dana Reyes", "dana@acme.example", NULL, 0);
	int64_t sam = contact(db, "Sam Lee", "sam@acme.example", NULL, 0);
	int64_t ravi = contact(db, "Ravi Shah", "ravi@acme.example", NULL, 0);
	int64_t app = fu_test_app(db, "Acme", "Backend Engineer", dana,
				  NOW - 12 * DAY);
	fu_event e = { 0 };
	char *tp[] = { "the billing migration", "how the team plans",
		       "moving billing to Go", "the on-call rotation" };
	int64_t tw[] = { 0, dana, sam, sam };
	int64_t with[] = { dana, sam, ravi };
	e.kind = FU_EV_INTERVIEW;
	e.at = NOW - DAY + 5 * 3600;
	e.application_id = app;
	e.topics = tp;
	e.topic_with = tw;
	e.ntopics = 4;
	e.with = with;
	e.nwith = 3;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	fu_draft_input *in = gather(db, app, 0, "thank-you", dana);
	assert_int_equal(in->ntopics, 2);
	assert_string_equal(in->topics[0], "how the team plans");
	assert_string_equal(in->topics[1], "the billing migration");
	assert_string_equal(in->situation, "interview");
	assert_int_equal(in->event_id, e.id);
	fu_draft_input_free(in);
	in = gather(db, app, 0, "thank-you", sam);
	assert_int_equal(in->ntopics, 3);
	assert_string_equal(in->topics[0], "moving billing to Go");
	assert_string_equal(in->topics[1], "the on-call rotation");
	fu_draft *d = fu_test_render(db, in, NULL);
	assert_has(d->body, "our conversation about moving billing to Go and "
		   "the on-call rotation");
	fu_draft_free(d);
	fu_draft_input_free(in);
	in = gather(db, app, 0, "thank-you", ravi);
	assert_int_equal(in->ntopics, 1);
	assert_string_equal(in->topics[0], "the billing migration");
	fu_draft_input_free(in);

	/* added afterwards: Ravi's own, in one transaction; a person not
	 * met, or a topic given twice, is refused and nothing is added */
	char *more[] = { "pricing experiments", "the billing migration" };
	int64_t mw[] = { ravi, 0 };
	assert_int_equal(fu_event_add_topics(db, e.id, more, mw, 2), FU_EINVALID);
	assert_has(fu_errmsg(db), "'the billing migration' is given twice");
	int64_t stranger = contact(db, "Bo Diaz", NULL, NULL, 0);
	mw[1] = stranger;
	more[1] = "hiring plans";
	assert_int_equal(fu_event_add_topics(db, e.id, more, mw, 2), FU_EINVALID);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM event_topics"), 4);
	assert_fu_ok_db(db, fu_event_add_topics(db, e.id, more, mw, 1));
	in = gather(db, app, 0, "thank-you", ravi);
	assert_int_equal(in->ntopics, 2);
	assert_string_equal(in->topics[0], "pricing experiments");
	fu_draft_input_free(in);
	/* the event reads back with each topic's person */
	fu_event *got = NULL;
	assert_fu_ok_db(db, fu_event_get(&got, db, e.id));
	assert_int_equal(got->ntopics, 5);
	assert_non_null(got->topic_with);
	assert_int_equal(got->topic_with[0], 0);
	assert_int_equal(got->topic_with[4], ravi);
	assert_string_equal(got->topics[4], "pricing experiments");
	fu_event_free(got);
	/* a check-in recalls the interview through the person's eyes */
	in = gather(db, app, 0, "interview-check-in", 0);
	assert_string_equal(in->topics[0], "how the team plans");
	fu_draft_input_free(in);
	/* undo takes the topics with the event */
	assert_fu_ok_db(db, fu_event_undo(NULL, db, app, 0));
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM event_topics"), 0);
}

/* An agency's recruiter who handles two applications: each draft names
 * the other (rule 11), the message that serves both as "also"; a nudge's
 * wording counts what was sent to them before. */
static void test_draft_gather_others(void **state)
{
	fu_db *db = *state;
	signature(db);
	fu_contact c = { 0 };
	c.name = "Kim Park";
	c.company = "Hirewell";
	c.email = "kim@hirewell.example";
	assert_fu_ok_db(db, fu_contact_add(db, &c));
	int64_t umb = fu_test_app(db, "Umbrella", "DevOps Engineer", c.id,
				  NOW - 6 * DAY);
	int64_t van = fu_test_app(db, "Vandelay", "Data Engineer", c.id,
				  NOW - 5 * DAY);
	fu_draft_input *in = gather(db, umb, 0, NULL, 0);
	assert_string_equal(in->action, "application-check-in");
	assert_true(fu_draft_agency(in));
	assert_int_equal(in->nalso + in->nothers, 1);
	const fu_draft_other *o = in->nalso ? &in->also[0] : &in->others[0];
	assert_int_equal(o->application_id, van);
	assert_string_equal(o->company, "Vandelay");
	fu_draft *d = fu_test_render(db, in, NULL);
	assert_has(d->body, "your client Umbrella");
	assert_has(d->body, "the Data Engineer position at Vandelay");
	fu_draft_free(d);
	fu_draft_input_free(in);
	in = gather(db, van, 0, NULL, 0);
	assert_int_equal(in->nalso + in->nothers, 1);
	o = in->nalso ? &in->also[0] : &in->others[0];
	assert_int_equal(o->application_id, umb);
	fu_draft_input_free(in);

	/* the check-ins sent (one message, both named); two weeks on, the
	 * first nudge takes the second wording: one follow-up went before */
	fu_event e = { 0 };
	e.kind = FU_EV_SENT;
	e.at = NOW;
	e.application_id = umb;
	e.with = &c.id;
	e.nwith = 1;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	fu_db_set_now(db, NOW + 15 * DAY);
	in = gather(db, umb, 0, "nudge", 0);
	assert_int_equal(in->wording, 2);
	assert_string_equal(in->situation, "application");
	fu_draft_input_free(in);
	/* a thank-you sent in between is no nudge: the count stays */
	e.action = "thank-you";
	e.at = NOW + 14 * DAY;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	in = gather(db, umb, 0, "nudge", 0);
	assert_int_equal(in->wording, 2);
	fu_draft_input_free(in);
}

/* What an acknowledgement answers; the meeting a checklist prepares;
 * the courtesies after accepting a job elsewhere. */
static void test_draft_gather_situations(void **state)
{
	fu_db *db = *state;
	signature(db);
	int64_t dana = contact(db, "Dana Reyes", "dana@acme.example", NULL, 0);
	int64_t sam = contact(db, "Sam Lee", "sam@acme.example", NULL, 0);
	int64_t acme = fu_test_app(db, "Acme", "Backend Engineer", dana,
				   NOW - 12 * DAY);
	/* a reply, and the interview it arranged for Wednesday */
	fu_test_log(db, FU_EV_REPLY, acme, 0, NOW - 3600, dana, 0);
	int64_t iv = fu_test_log(db, FU_EV_INTERVIEW, acme, 0,
				 NOW + 2 * DAY + 6 * 3600, dana, sam);
	fu_draft_input *in = gather(db, acme, 0, "acknowledge", dana);
	assert_string_equal(in->situation, "invitation");
	assert_int_equal(in->scheduled_at, NOW + 2 * DAY + 6 * 3600);
	assert_int_equal(in->npeople, 2);
	fu_draft *d = fu_test_render(db, in, NULL);
	assert_has(d->body, "I am glad to confirm the interview on Wednesday, "
		   "November 11, at 3:00 p.m., with you and Sam Lee");
	fu_draft_free(d);
	fu_draft_input_free(in);
	in = gather(db, acme, 0, "prepare", 0);
	assert_int_equal(in->channel, FU_CH_NONE);
	assert_int_equal(in->scheduled_at, NOW + 2 * DAY + 6 * 3600);
	assert_int_equal(in->npeople, 2);
	assert_string_equal(in->people[1].name, "Sam Lee");
	fu_draft_input_free(in);
	(void)iv;

	/* an offer elsewhere, thanked with when you will answer: their
	 * deadline */
	fu_contact rc = { 0 };
	rc.name = "Ruth Okafor";
	rc.company = "Wayne"; /* the employer's own, no agency */
	rc.email = "ruth@wayne.example";
	assert_fu_ok_db(db, fu_contact_add(db, &rc));
	int64_t ruth = rc.id;
	int64_t wayne = fu_test_app(db, "Wayne", "Staff Engineer", ruth,
				    NOW - 30 * DAY);
	fu_event e = { 0 };
	e.kind = FU_EV_OFFER;
	e.at = NOW - 3600;
	e.application_id = wayne;
	e.with = &ruth;
	e.nwith = 1;
	e.until_at = NOW + 5 * DAY;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	in = gather(db, wayne, 0, "acknowledge", 0);
	assert_string_equal(in->situation, "offer");
	assert_int_equal(in->answer_at, NOW + 5 * DAY);
	fu_draft_input_free(in);

	/* accepting Acme's job: Wayne's open offer is declined, saying so */
	assert_fu_ok_db(db, fu_application_close(db, acme, FU_OUT_ACCEPTED,
						 NOW, NULL));
	in = gather(db, wayne, 0, NULL, 0);
	assert_string_equal(in->action, "decline-offer");
	assert_string_equal(in->situation, "accepted");
	assert_int_equal(in->accepted_at, NOW);
	d = fu_test_render(db, in, NULL);
	assert_has(d->body, "I have accepted another position, so I must "
		   "decline your offer");
	assert_lacks(d->body, "your client");
	fu_draft_free(d);
	fu_draft_input_free(in);

	/* a letter only where rule 14 allows one */
	fu_contact k = { 0 };
	k.name = "Kim Park";
	k.email = "kim@x.example";
	k.address = "9 Harbor Road, Boston";
	assert_fu_ok_db(db, fu_contact_add(db, &k));
	assert_fu_ok_db(db, fu_config_set(db, "user.address", "12 Elm Street"));
	fu_test_log(db, FU_EV_REPLY, 0, k.id, NOW + 60, 0, 0);
	fu_draft_request req = { 0 };
	req.contact_id = k.id;
	req.action = "acknowledge";
	req.channel = FU_CH_LETTER;
	fu_draft_input *bad = NULL;
	assert_int_equal(fu_draft_gather(&bad, db, &req), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "an acknowledge does not go by letter: "
			    "it would not arrive in time (rule 14); use --channel "
			    "email or phone");
	assert_null(bad);
	req = (fu_draft_request){ 0 };
	req.application_id = wayne;
	req.channel = FU_CH_LETTER;
	assert_int_equal(fu_draft_gather(&bad, db, &req), FU_EINVALID);
	assert_has(fu_errmsg(db), "Ruth Okafor has no postal address");
}

/* A networking thank-you claims interest in the contact's employer
 * only where there is an application there. */
static void test_draft_gather_networking(void **state)
{
	fu_db *db = *state;
	signature(db);
	fu_contact c = { 0 };
	c.name = "Jon Berg";
	c.company = "Globex";
	c.email = "jon@globex.example";
	assert_fu_ok_db(db, fu_contact_add(db, &c));
	fu_event e = { 0 };
	e.kind = FU_EV_MEETING;
	e.at = NOW - 3600;
	e.contact_id = c.id;
	e.occasion = "Café Einstein";
	assert_fu_ok_db(db, fu_event_add(db, &e));
	fu_draft_input *in = gather(db, 0, c.id, "thank-you", 0);
	assert_string_equal(in->situation, "networking");
	assert_string_equal(in->occasion, "Café Einstein");
	assert_null(in->applied_role);
	fu_draft_input_free(in);
	fu_test_app(db, "Globex", "Site Reliability Engineer", 0, NOW - DAY);
	in = gather(db, 0, c.id, "thank-you", 0);
	assert_string_equal(in->applied_role, "Site Reliability Engineer");
	fu_draft_input_free(in);
}

/* Count the sent events of application id. */
static int sent_events(fu_db *db, int64_t app)
{
	fu_event *list = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_event_list(&list, &n, db, app, 0));
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += list[i].kind == FU_EV_SENT;
	fu_event_list_free(list, n);
	return k;
}

/* --send: the message handed to mail.sendmail on its standard input,
 * without X-Unsent, with fu's Message-ID; the sent logged with it only
 * when the mailer exits 0; the mailer's first error line in the message
 * otherwise; a command line split without a shell. */
static void test_draft_send(void **state)
{
	fu_db *db = *state;
	assert_fu_ok_db(db, fu_config_set(db, "user.name", "Alex Morgan"));
	assert_fu_ok_db(db, fu_config_set(db, "user.email", "alex@example.org"));
	assert_fu_ok_db(db, fu_config_set(db, "user.phone", "+1 555 0100"));
	int64_t dana = contact(db, "Dana Reyes", "dana@acme.example", NULL, 0);
	fu_application a = { 0 };
	a.company = "Acme";
	a.role = "Backend Engineer";
	a.contact_ids = &dana;
	a.ncontacts = 1;
	assert_fu_ok_db(db, fu_application_add(db, &a, NOW - 6 * DAY));
	fu_draft_request req = { 0 };
	req.application_id = a.id;
	fu_draft_input *in = NULL;
	assert_fu_ok_db(db, fu_draft_gather(&in, db, &req));
	fu_draft *d = fu_test_render(db, in, NULL);
	int64_t ev = -1;

	/* a mailer that fails: its line, nothing logged */
	assert_fu_ok_db(db, fu_config_set(db, "mail.sendmail",
		"sh -c 'cat >/dev/null; echo \"smtp: 550 no such user\" >&2; "
		"echo second >&2; exit 69'"));
	assert_int_equal(fu_draft_send(db, d, in, &ev), FU_ERROR);
	assert_string_equal(fu_errmsg(db), "the mailer 'sh' exited with status "
			    "69: smtp: 550 no such user; nothing logged");
	assert_int_equal(ev, 0);
	assert_int_equal(sent_events(db, a.id), 0);
	/* one that is not there */
	assert_fu_ok_db(db, fu_config_set(db, "mail.sendmail",
					  "/nonexistent/sendmail -t"));
	assert_int_equal(fu_draft_send(db, d, in, &ev), FU_ERROR);
	assert_has(fu_errmsg(db), "cannot run the mailer '/nonexistent/sendmail'");
	assert_int_equal(sent_events(db, a.id), 0);
	/* an unclosed quote is refused when it is set */
	assert_int_equal(fu_config_set(db, "mail.sendmail", "sh -c 'cat"),
			 FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "mail.sendmail: a quote is not "
			    "closed: sh -c 'cat");

	/* a mailer that takes it: the message as it got it */
	char path[] = "/tmp/fu-test-send-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	char cmdline[200];
	snprintf(cmdline, sizeof cmdline, "sh -c \"cat > '%s'\" --", path);
	assert_fu_ok_db(db, fu_config_set(db, "mail.sendmail", cmdline));
	assert_fu_ok_db(db, fu_draft_send(db, d, in, &ev));
	assert_true(ev > 0);
	assert_int_equal(sent_events(db, a.id), 1);
	assert_non_null(d->message_id);
	assert_true(strncmp(d->message_id, "fu.", 3) == 0);
	assert_has(d->message_id, "@example.org");
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char got[8192];
	size_t n = fread(got, 1, sizeof got - 1, f);
	got[n] = '\0';
	fclose(f);
	unlink(path);
	/* handed over as fu notify hands its mail (mailer.c): LF line
	 * ends, as sendmail programs read */
	assert_null(strchr(got, '\r'));
	assert_has(got, "From: Alex Morgan <alex@example.org>\n");
	assert_has(got, "To: Dana Reyes <dana@acme.example>\n");
	char mid[300];
	snprintf(mid, sizeof mid, "\nMessage-ID: <%s>\n", d->message_id);
	assert_has(got, mid);
	assert_null(strstr(got, "X-Unsent"));
	fu_event *e = NULL;
	assert_fu_ok_db(db, fu_event_get(&e, db, ev));
	assert_string_equal(e->message_id, d->message_id);
	assert_int_equal(e->kind, FU_EV_SENT);
	fu_event_free(e);

	/* two messages, two Message-IDs */
	char *first = strdup(d->message_id);
	assert_fu_ok_db(db, fu_draft_new_message_id(db, d, in));
	assert_string_not_equal(first, d->message_id);
	free(first);
	fu_draft_free(d);
	fu_draft_input_free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_draft_send),
		FU_TEST(test_draft_gather_what_is_owed),
		FU_TEST(test_draft_gather_topics_per_person),
		FU_TEST(test_draft_gather_others),
		FU_TEST(test_draft_gather_situations),
		FU_TEST(test_draft_gather_networking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
