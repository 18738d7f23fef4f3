/* SPDX-License-Identifier: MIT */
/* test_config.c - settings (lib/config.c, lib/params.c): values checked
 * and normalised, the rules' numbers read back, unset. */
#include "fu_test.h"

static void test_config_validates(void **state)
{
	fu_db *db = *state;
	assert_fu_ok_db(db, fu_config_set(db, "user.name", "Alex Doe"));
	char *v = NULL;
	assert_fu_ok_db(db, fu_config_get(&v, db, "user.name"));
	assert_string_equal(v, "Alex Doe");
	free(v);
	assert_int_equal(fu_config_set(db, "user.email", "nope"), FU_EINVALID);
	assert_int_equal(fu_config_set(db, "user.employed", "maybe"),
			 FU_EINVALID);
	assert_fu_ok_db(db, fu_config_set(db, "user.employed", "YES"));
	assert_fu_ok_db(db, fu_config_get(&v, db, "user.employed"));
	assert_string_equal(v, "true");
	free(v);
	assert_int_equal(fu_config_set(db, "rules.nudge.days", "-1"),
			 FU_EINVALID);
	assert_int_equal(fu_config_set(db, "rules.nudge.days", "ten"),
			 FU_EINVALID);
	assert_int_equal(fu_config_set(db, "no.such.key", "1"), FU_EINVALID);
	assert_fu_ok_db(db, fu_config_set(db, "rules.nudge.days", "10"));
	fu_rule_params p;
	assert_fu_ok_db(db, fu_config_params(&p, db));
	assert_int_equal(p.v[FU_P_NUDGE_DAYS], 10);
	assert_int_equal(p.employed, 1);
	assert_fu_ok_db(db, fu_config_unset(db, "rules.nudge.days"));
	assert_int_equal(fu_config_unset(db, "rules.nudge.days"), FU_ENOTFOUND);
	assert_fu_ok_db(db, fu_config_params(&p, db));
	assert_int_equal(p.v[FU_P_NUDGE_DAYS], 14);
	assert_int_equal(fu_config_get(&v, db, "user.phone"), FU_ENOTFOUND);
	assert_null(v);
	/* a postal address: one line or several, not blank, not 9 lines */
	assert_fu_ok_db(db, fu_config_set(db, "user.address",
					  "12 Elm Street\nSpringfield, IL 62701"));
	assert_fu_ok_db(db, fu_config_get(&v, db, "user.address"));
	assert_string_equal(v, "12 Elm Street\nSpringfield, IL 62701");
	free(v);
	assert_int_equal(fu_config_set(db, "user.address", " \n "), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "user.address is empty");
	assert_int_equal(fu_config_set(db, "user.address", "a\nb\nc\nd\ne\nf\n"
				       "g\nh\ni"), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "user.address takes a postal address "
			    "of at most 8 lines, not 9");
	assert_int_equal(fu_config_set(db, "user.address", "12 Elm\x1b[2J"),
			 FU_EINVALID);
	/* the user's keys change nothing owed; the address is one of them */
	size_t n = 0;
	const fu_config_key *k = fu_config_keys(&n);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		found |= !strcmp(k[i].key, "user.address");
	assert_true(found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_config_validates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
