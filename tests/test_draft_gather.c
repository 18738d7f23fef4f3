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
	assert_has(got, "From: Alex Morgan <alex@example.org>\r\n");
	assert_has(got, "To: Dana Reyes <dana@acme.example>\r\n");
	char mid[300];
	snprintf(mid, sizeof mid, "\r\nMessage-ID: <%s>\r\n", d->message_id);
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
