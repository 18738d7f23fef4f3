/* SPDX-License-Identifier: MIT */
/* test_draft_gather.c - a draft's input gathered from the database
 * (lib/draft_gather.c): the action owed, its people and events, the
 * user's signature; what is not owed or cannot be sent; --sent. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_draft_gather_what_is_owed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
