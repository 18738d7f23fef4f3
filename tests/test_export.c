/* SPDX-License-Identifier: MIT */
/* test_export.c - fu export (lib/export.c): the document streamed a record
 * at a time is the tree printed whole; a writer's failure stops it. */
#include "fu_test.h"

#include "fu/buf.h"
#include "fu/export.h"

/* What fu_export_write gives, gathered; fail_after > 0: the writer
 * refuses its fail_after-th piece. */
typedef struct written {
	fu_buf text;
	int calls, fail_after;
} written;

static int gather(const char *text, size_t len, void *arg)
{
	written *p = arg;
	if (p->fail_after && ++p->calls >= p->fail_after)
		return 1;
	fu_buf_add(&p->text, text, len);
	return 0;
}

/* fu export writes the document a record at a time: the same bytes as
 * the tree printed whole, for an empty file, a full one, and settings
 * whose values look like the document's own keys; a writer that fails
 * stops it with an error. */
static void test_export_streamed_is_the_tree(void **state)
{
	fu_db *db = *state;
	for (int round = 0; round < 3; round++) {
		if (round == 1)
			fu_test_rich_scenario(db);
		if (round == 2)
			assert_fu_ok_db(db, fu_config_set(db, "user.name",
				"\"events\": [] \"companies\":[]"));
		char *tree = fu_test_export_text(db);
		written p = { FU_BUF_INIT, 0, 0 };
		assert_fu_ok_db(db, fu_export_write(db, gather, &p));
		assert_false(p.text.failed);
		assert_same_text(tree, p.text.data);
		fu_buf_free(&p.text);
		free(tree);
	}
	written p = { FU_BUF_INIT, 0, 3 };
	assert_int_equal(fu_export_write(db, gather, &p), FU_ERROR);
	assert_string_equal(fu_errmsg(db), "cannot write the export");
	fu_buf_free(&p.text);
	/* and the read transaction ended: a write goes through */
	assert_fu_ok_db(db, fu_config_set(db, "user.email", "a@b.example"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_export_streamed_is_the_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
