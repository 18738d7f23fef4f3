/* SPDX-License-Identifier: MIT */
/* test_sql.c - the statement cache of lib/sql.c: a statement is reused
 * for the same text, whatever buffer holds it, and never for another
 * text that a buffer held before. */
#include "fu_test.h"

#include <stdio.h>

#include "internal.h"

static int64_t one_value(sqlite3_stmt *st)
{
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	return v;
}

static void test_sql_cache_by_text(void **state)
{
	fu_db *db = *state;
	char sql[64];
	sqlite3_stmt *a = NULL, *b = NULL, *c = NULL;
	/* one buffer, two texts in turn (as actions.c and events.c build
	 * theirs): the second is not the first's statement */
	snprintf(sql, sizeof sql, "SELECT 1 + 0");
	assert_fu_ok_db(db, fu__prepare(db, &a, sql));
	assert_int_equal(one_value(a), 1);
	fu__finalize(a);
	snprintf(sql, sizeof sql, "SELECT 2 + 0");
	assert_fu_ok_db(db, fu__prepare(db, &b, sql));
	assert_string_equal(sqlite3_sql(b), "SELECT 2 + 0");
	assert_int_equal(one_value(b), 2);
	fu__finalize(b);
	/* the same text from another buffer: the statement compiled for
	 * it, reset */
	assert_fu_ok_db(db, fu__prepare(db, &c, "SELECT 2 + 0"));
	assert_ptr_equal(c, b);
	assert_int_equal(one_value(c), 2);
	/* lent out: the same text again gets a statement of its own */
	sqlite3_stmt *d = NULL;
	assert_fu_ok_db(db, fu__prepare(db, &d, "SELECT 2 + 0"));
	assert_ptr_not_equal(d, c);
	assert_int_equal(one_value(d), 2);
	fu__finalize(d);
	fu__finalize(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_sql_cache_by_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
