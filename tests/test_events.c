/* SPDX-License-Identifier: MIT */
/* test_events.c - events (lib/events.c and their public writes in
 * store.c): people met on the way, which kinds fit which subject, undo,
 * numbers never reused, snoozes. */
#include "fu_test.h"

static void test_events_with_new_people(void **state)
{
	fu_db *db = *state;
	int64_t dana = fu_test_contact(db, "Dana Reyes", "Acme");
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", dana, WEEK_AGO);
	fu_event e = { 0 };
	char *topics[] = { "moving billing to Go", NULL };
	char *names[] = { "Sam Lee", NULL };
	e.kind = FU_EV_INTERVIEW;
	e.at = NOW + 86400;
	e.application_id = a;
	e.with = malloc(sizeof *e.with);
	e.with[0] = dana;
	e.nwith = 1;
	e.topics = topics;
	e.ntopics = 1;
	e.with_new = names;
	e.nwith_new = 1;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	assert_int_equal(e.nwith, 2);
	fu_event *got = NULL;
	assert_fu_ok_db(db, fu_event_get(&got, db, e.id));
	assert_int_equal(got->nwith, 2);
	assert_int_equal(got->with[0], dana);
	assert_int_equal(got->ntopics, 1);
	assert_string_equal(got->topics[0], "moving billing to Go");
	fu_contact *sam = NULL;
	assert_fu_ok_db(db, fu_contact_get(&sam, db, got->with[1]));
	assert_string_equal(sam->name, "Sam Lee");
	assert_string_equal(sam->company, "Acme");
	fu_contact_free(sam);
	/* people met become the application's contacts */
	fu_application *app = NULL;
	assert_fu_ok_db(db, fu_application_get(&app, db, a));
	assert_int_equal(app->ncontacts, 2);
	assert_string_equal(fu_application_stage_name(app), "interviewing");
	fu_application_free(app);
	fu_event_free(got);
	free(e.with);
}

static void test_events_kind_must_fit_subject(void **state)
{
	fu_db *db = *state;
	int64_t dana = fu_test_contact(db, "Dana Reyes", NULL);
	fu_event e = { 0 };
	e.kind = FU_EV_OFFER;
	e.at = NOW;
	e.contact_id = dana;
	assert_int_equal(fu_event_add(db, &e), FU_EINVALID);
	assert_string_equal(fu_errmsg(db),
			    "'offer' is logged on an application, not on a contact");
	e.kind = FU_EV_SNOOZE;
	assert_int_equal(fu_event_add(db, &e), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "snooze needs --until DATE");
	e.kind = FU_EV_MET;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM events"), 1);
}

static void test_events_undo_scoped_and_empty(void **state)
{
	fu_db *db = *state;
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", 0, WEEK_AGO);
	int64_t b = fu_test_app(db, "Globex", "SRE", 0, WEEK_AGO);
	fu_event *removed = NULL;
	assert_fu_ok_db(db, fu_event_undo(&removed, db, a, 0));
	assert_int_equal(removed->application_id, a);
	fu_event_free(removed);
	assert_int_equal(fu_event_undo(NULL, db, a, 0), FU_ENOTFOUND);
	assert_fu_ok_db(db, fu_event_undo(NULL, db, b, 0));
	assert_int_equal(fu_event_undo(NULL, db, 0, 0), FU_ENOTFOUND);
	assert_string_equal(fu_errmsg(db), "there is no event to undo");
}

static void test_events_numbers_not_reused(void **state)
{
	fu_db *db = *state;
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", 0, WEEK_AGO);
	fu_event e = { 0 };
	e.kind = FU_EV_SENT;
	e.at = NOW;
	e.application_id = a;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	int64_t first = e.id;
	assert_fu_ok_db(db, fu_event_undo(NULL, db, a, 0));
	e.id = 0;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	assert_true(e.id > first); /* a saved action key cannot hit it */
}

static void test_events_snooze_must_end_later(void **state)
{
	fu_db *db = *state;
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", 0, WEEK_AGO);
	fu_event e = { 0 };
	e.kind = FU_EV_SNOOZE;
	e.at = NOW;
	e.application_id = a;
	e.until_at = NOW - 86400;
	assert_int_equal(fu_event_add(db, &e), FU_EINVALID);
	assert_non_null(strstr(fu_errmsg(db), "must be in the future"));
	e.until_at = NOW + 86400;
	assert_fu_ok_db(db, fu_event_add(db, &e));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_events_with_new_people),
		FU_TEST(test_events_kind_must_fit_subject),
		FU_TEST(test_events_undo_scoped_and_empty),
		FU_TEST(test_events_numbers_not_reused),
		FU_TEST(test_events_snooze_must_end_later),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
