/* SPDX-License-Identifier: MIT */
/* test_applications.c - applications (lib/applications.c, companies.c and
 * their public writes in store.c): adding one logs it applied, its
 * company found whatever the case, editing, closing and undoing it. */
#include "fu_test.h"

static void test_applications_company_found_case_insensitively(void **state)
{
	fu_db *db = *state;
	fu_test_app(db, "Acme", "Backend Engineer", 0, WEEK_AGO);
	fu_test_app(db, "ACME", "Frontend Engineer", 0, WEEK_AGO);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM companies"), 1);
	fu_application *a = NULL;
	assert_fu_ok_db(db, fu_application_get(&a, db, 2));
	assert_string_equal(a->company, "Acme");
	fu_application_free(a);
}

/* An application and a contact read with their company's identifier,
 * the name's (uuid.h), whatever case the name was written in; a contact
 * without a company has none. */
static void test_applications_company_identifier(void **state)
{
	fu_db *db = *state;
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", 0, WEEK_AGO);
	int64_t c = fu_test_contact(db, "Dana Reyes", "ACME");
	int64_t lone = fu_test_contact(db, "Sam Lee", NULL);
	char want[FU_UUID_LEN];
	fu_uuid_company(want, "Acme");
	fu_application *got = NULL;
	assert_fu_ok_db(db, fu_application_get(&got, db, a));
	assert_string_equal(got->company_uuid, want);
	assert_true(fu_uuid_valid(got->uuid));
	assert_string_not_equal(got->uuid, got->company_uuid);
	fu_application_free(got);
	fu_contact *p = NULL;
	assert_fu_ok_db(db, fu_contact_get(&p, db, c));
	assert_string_equal(p->company_uuid, want);
	fu_contact_free(p);
	assert_fu_ok_db(db, fu_contact_get(&p, db, lone));
	assert_string_equal(p->company_uuid, "");
	assert_true(fu_uuid_valid(p->uuid));
	fu_contact_free(p);
}

static void test_applications_applied_event(void **state)
{
	fu_db *db = *state;
	int64_t c = fu_test_contact(db, "Dana Reyes", "Acme");
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", c, WEEK_AGO);
	fu_application *got = NULL;
	assert_fu_ok_db(db, fu_application_get(&got, db, a));
	assert_int_equal(got->applied_at, NOW - 7 * 86400);
	assert_string_equal(fu_application_stage_name(got), "applied");
	assert_int_equal(got->ncontacts, 1);
	assert_int_equal(got->contact_ids[0], c);
	fu_application_free(got);
	fu_event *ev = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_event_list(&ev, &n, db, a, 0));
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].kind, FU_EV_APPLIED);
	fu_event_list_free(ev, n);
}

static void test_applications_unknown_contact_leaves_nothing(void **state)
{
	fu_db *db = *state;
	fu_application a = { 0 };
	int64_t ghost = 99;
	a.company = "Acme";
	a.role = "Backend Engineer";
	a.contact_ids = &ghost;
	a.ncontacts = 1;
	assert_int_equal(fu_application_add(db, &a, NOW), FU_ENOTFOUND);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM applications"), 0);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM companies"), 0);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM events"), 0);
}

static void test_applications_close_and_undo(void **state)
{
	fu_db *db = *state;
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", 0, WEEK_AGO);
	assert_fu_ok_db(db, fu_application_close(db, a, FU_OUT_REJECTED, NOW,
						 NULL));
	fu_application *got = NULL;
	assert_fu_ok_db(db, fu_application_get(&got, db, a));
	assert_int_equal(got->outcome, FU_OUT_REJECTED);
	assert_int_equal(got->closed_at, NOW);
	assert_string_equal(fu_application_stage_name(got), "rejected");
	fu_application_free(got);
	assert_int_equal(fu_application_close(db, a, FU_OUT_WITHDRAWN, NOW,
					      NULL), FU_EINVALID);
	assert_non_null(strstr(fu_errmsg(db), "already closed as rejected"));
	fu_event *removed = NULL;
	assert_fu_ok_db(db, fu_event_undo(&removed, db, 0, 0));
	assert_int_equal(removed->kind, FU_EV_CLOSED);
	fu_event_free(removed);
	assert_fu_ok_db(db, fu_application_get(&got, db, a));
	assert_int_equal(got->outcome, FU_OUT_NONE);
	assert_int_equal(got->closed_at, 0);
	fu_application_free(got);
}

static void test_applications_edit(void **state)
{
	fu_db *db = *state;
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", 0, WEEK_AGO);
	fu_application *got = NULL;
	assert_fu_ok_db(db, fu_application_get(&got, db, a));
	free(got->role);
	got->role = strdup("Senior Backend Engineer");
	got->no_follow_up = 1;
	got->applied_at = NOW - 3 * 86400;
	assert_fu_ok_db(db, fu_application_update(db, got));
	fu_application_free(got);
	assert_fu_ok_db(db, fu_application_get(&got, db, a));
	assert_string_equal(got->role, "Senior Backend Engineer");
	assert_int_equal(got->no_follow_up, 1);
	assert_int_equal(got->applied_at, NOW - 3 * 86400);
	fu_application_free(got);
	/* moved, not duplicated */
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM events"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_applications_company_found_case_insensitively),
		FU_TEST(test_applications_company_identifier),
		FU_TEST(test_applications_applied_event),
		FU_TEST(test_applications_unknown_contact_leaves_nothing),
		FU_TEST(test_applications_close_and_undo),
		FU_TEST(test_applications_edit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
