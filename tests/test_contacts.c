/* SPDX-License-Identifier: MIT */
/* test_contacts.c - contacts (lib/contacts.c and their public writes in
 * store.c): stored and read back, the checks on a user's text, the
 * numbers they share with applications. */
#include "fu_test.h"

static void test_contacts_round_trip(void **state)
{
	fu_db *db = *state;
	fu_contact c = { 0 };
	c.name = "Dana Reyes";
	c.company = "Acme";
	c.title = "Engineering Manager";
	c.email = "dana@acme.example";
	c.prefers = FU_CH_EMAIL;
	c.no_calls = 1;
	assert_fu_ok_db(db, fu_contact_add(db, &c));
	assert_true(c.id > 0);
	fu_contact *got = NULL;
	assert_fu_ok_db(db, fu_contact_get(&got, db, c.id));
	assert_string_equal(got->name, "Dana Reyes");
	assert_string_equal(got->company, "Acme");
	assert_string_equal(got->title, "Engineering Manager");
	assert_string_equal(got->email, "dana@acme.example");
	assert_null(got->phone);
	assert_int_equal(got->prefers, FU_CH_EMAIL);
	assert_int_equal(got->no_calls, 1);
	assert_int_equal(got->created_at, NOW);
	fu_contact_free(got);
}

static void test_contacts_numbers_shared(void **state)
{
	fu_db *db = *state;
	int64_t c1 = fu_test_contact(db, "Dana Reyes", "Acme");
	int64_t a1 = fu_test_app(db, "Acme", "Backend Engineer", c1, WEEK_AGO);
	int64_t c2 = fu_test_contact(db, "Sam Lee", NULL);
	assert_int_equal(c1, 1);
	assert_int_equal(a1, 2);
	assert_int_equal(c2, 3);
}

static void test_contacts_rejects_bad_text(void **state)
{
	fu_db *db = *state;
	fu_contact c = { 0 };
	c.name = "";
	assert_int_equal(fu_contact_add(db, &c), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "the contact's name is empty");
	c.name = "Dana\033[31mRed";
	assert_int_equal(fu_contact_add(db, &c), FU_EINVALID);
	assert_non_null(strstr(fu_errmsg(db), "control character"));
	c.name = "Bad \xff\xfe UTF-8";
	assert_int_equal(fu_contact_add(db, &c), FU_EINVALID);
	assert_non_null(strstr(fu_errmsg(db), "UTF-8"));
	char *big = malloc(1 << 20);
	assert_non_null(big);
	memset(big, 'a', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	c.name = big;
	assert_int_equal(fu_contact_add(db, &c), FU_EINVALID);
	assert_non_null(strstr(fu_errmsg(db), "too long"));
	free(big);
	c.name = "Dana";
	c.email = "not an address";
	assert_int_equal(fu_contact_add(db, &c), FU_EINVALID);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM contacts"), 0);
}

static void test_contacts_sql_text_is_data(void **state)
{
	fu_db *db = *state;
	int64_t id = fu_test_contact(db, "Robert'); DROP TABLE contacts;--",
				 "x' OR '1'='1");
	fu_contact *got = NULL;
	assert_fu_ok_db(db, fu_contact_get(&got, db, id));
	assert_string_equal(got->name, "Robert'); DROP TABLE contacts;--");
	assert_string_equal(got->company, "x' OR '1'='1");
	fu_contact_free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_contacts_round_trip),
		FU_TEST(test_contacts_numbers_shared),
		FU_TEST(test_contacts_rejects_bad_text),
		FU_TEST(test_contacts_sql_text_is_data),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
