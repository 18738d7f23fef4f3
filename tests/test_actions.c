/* SPDX-License-Identifier: MIT */
/* test_actions.c - the derived actions table (lib/actions.c): kept in
 * step by every write, read with the names of their subjects. */
#include "fu_test.h"

static void test_actions_kept_on_write(void **state)
{
	fu_db *db = *state;
	int64_t dana = fu_test_contact(db, "Dana Reyes", "Acme");
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", dana, WEEK_AGO);
	fu_action_row *rows = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].a.kind, FU_ACT_APP_CHECK_IN);
	assert_int_equal(rows[0].a.application_id, a);
	assert_int_equal(rows[0].a.contact_id, dana);
	assert_string_equal(rows[0].company, "Acme");
	assert_string_equal(rows[0].contact_name, "Dana Reyes");
	fu_action_list_free(rows, n);
	/* closing removes the check-in */
	assert_fu_ok_db(db, fu_application_close(db, a, FU_OUT_FILLED, NOW,
						 NULL));
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	assert_int_equal(n, 0);
	fu_action_list_free(rows, n);
}

/* Accepting a job owes a withdrawal to the other open applications,
 * whether one application is refreshed or all of them. */
static void test_actions_accepted_owes_withdrawal(void **state)
{
	fu_db *db = *state;
	int64_t dana = fu_test_contact(db, "Dana Reyes", "Acme");
	int64_t sam = fu_test_contact(db, "Sam Lee", "Hooli");
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", dana, WEEK_AGO);
	int64_t h = fu_test_app(db, "Hooli", "Data Engineer", sam, WEEK_AGO);
	const char *sql = "SELECT count(*) FROM actions WHERE kind = "
			  "'withdraw-notice'";
	assert_fu_ok_db(db, fu_application_close(db, a, FU_OUT_ACCEPTED, NOW,
						 NULL));
	assert_int_equal(fu_test_int(db, sql), 1);
	assert_fu_ok_db(db, fu_actions_recompute_all(db));
	assert_int_equal(fu_test_int(db, sql), 1);
	/* one refreshed on its own (a write) sees the accepted job too */
	fu_event e = { 0 };
	e.kind = FU_EV_REPLY;
	e.at = NOW + 3600;
	e.application_id = h;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	char q[128];
	snprintf(q, sizeof q, "%s AND application_id = %lld", sql,
		 (long long)h);
	assert_int_equal(fu_test_int(db, q), 1);
	(void)sam;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_actions_kept_on_write),
		FU_TEST(test_actions_accepted_owes_withdrawal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
