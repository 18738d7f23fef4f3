/* SPDX-License-Identifier: MIT */
/* test_schema.c - opening a database file (lib/db.c, lib/schema.c):
 * migrations from older schemas, files fu must refuse, a private file
 * created on first use. */
#include "fu_test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

int fu__schema_create_version(fu_db *db, int version);

/* A file at path as fu left it at schema version, holding rows (SQL). */
static void make_file(const char *path, int version, const char *rows)
{
	struct fu_db raw = { 0 };
	raw.path = (char *)path;
	assert_int_equal(sqlite3_open(path, &raw.sql), SQLITE_OK);
	assert_fu_ok(fu__schema_create_version(&raw, version));
	assert_int_equal(sqlite3_exec(raw.sql, rows, NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(raw.sql);
}

static void test_schema_migrates_v1(void **state)
{
	(void)state;
	char path[512];
	fu_test_temp_path(path, sizeof path, "v1.db");
	/* as fu 0.1 before the actions table (schema 1) left it */
	make_file(path, 1,
		"INSERT INTO companies VALUES (1, 'Acme', 1793600000);"
		"INSERT INTO contacts (id, name, company_id, created_at) "
		"VALUES (1, 'Dana Reyes', 1, 1793600000);"
		"INSERT INTO applications (id, company_id, role, created_at) "
		"VALUES (2, 1, 'Backend Engineer', 1793600000);"
		"INSERT INTO application_contacts VALUES (2, 1, 1);"
		"INSERT INTO events (kind, at, application_id, created_at) "
		"VALUES ('applied', 1793606400, 2, 1793606400);");
	fu_db *db = NULL;
	assert_fu_ok_db(db, fu_db_open(&db, path, 0));
	assert_int_equal(fu_db_schema_version(db), FU_SCHEMA_VERSION);
	fu_application *a = NULL;
	assert_fu_ok_db(db, fu_application_get(&a, db, 2));
	assert_string_equal(a->company, "Acme");
	assert_int_equal(a->applied_at, 1793606400);
	fu_application_free(a);
	assert_int_equal(fu_test_int(db, "PRAGMA user_version"),
			 FU_SCHEMA_VERSION);
	/* the migration derives nothing: a read works the actions out for
	 * itself (the file stays as the migration left it), the first
	 * write stores them */
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM main.actions"), 0);
	fu_action_row *rows = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].a.kind, FU_ACT_APP_CHECK_IN);
	fu_action_list_free(rows, n);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM main.actions"), 0);
	assert_fu_ok_db(db, fu_config_set(db, "user.name", "Alex Morgan"));
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM main.actions "
				     "WHERE kind = 'application-check-in'"), 1);
	fu_db_close(db);
	unlink(path);
}

/* Schema 3 adds an index: a file of schema 2 keeps its data and gains it. */
static void test_schema_migrates_v2(void **state)
{
	(void)state;
	char path[512];
	fu_test_temp_path(path, sizeof path, "v2.db");
	make_file(path, 2,
		"INSERT INTO companies VALUES (1, 'Acme', 1793600000);"
		"INSERT INTO applications (id, company_id, role, outcome, "
		"closed_at, created_at) VALUES (2, 1, 'Backend Engineer', "
		"'accepted', 1793606400, 1793600000);");
	fu_db *db = NULL;
	assert_fu_ok_db(db, fu_db_open(&db, path, 0));
	assert_int_equal(fu_db_schema_version(db), FU_SCHEMA_VERSION);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM sqlite_master "
				     "WHERE type = 'index' AND name = "
				     "'applications_closed'"), 1);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM applications "
				     "WHERE outcome = 'accepted'"), 1);
	fu_db_close(db);
	unlink(path);
}

static void test_schema_refuses_newer_and_foreign(void **state)
{
	(void)state;
	char path[512];
	fu_test_temp_path(path, sizeof path, "newer.db");
	fu_db *db = NULL;
	assert_fu_ok_db(db, fu_db_open(&db, path, 0));
	assert_int_equal(sqlite3_exec(db->sql, "PRAGMA user_version = 99",
				      NULL, NULL, NULL), SQLITE_OK);
	fu_db_close(db);
	assert_int_equal(fu_db_open(&db, path, 0), FU_EDB);
	assert_non_null(strstr(fu_errmsg(db), "written by a newer fu"));
	fu_db_close(db);
	unlink(path);

	fu_test_temp_path(path, sizeof path, "foreign.db");
	sqlite3 *raw = NULL;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE t (x)", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(fu_db_open(&db, path, 0), FU_EDB);
	assert_non_null(strstr(fu_errmsg(db), "is not a fu database"));
	fu_db_close(db);
	unlink(path);

	fu_test_temp_path(path, sizeof path, "garbage.db");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("this is not a database, just text that is long enough to be "
	      "read as a header by sqlite when it opens it.........\n", f);
	fclose(f);
	assert_int_equal(fu_db_open(&db, path, 0), FU_EDB);
	fu_db_close(db);
	unlink(path);
}

static void test_schema_creates_private_file(void **state)
{
	(void)state;
	char dir[512], path[600];
	fu_test_temp_path(dir, sizeof dir, "dir");
	snprintf(path, sizeof path, "%s/sub/fu.db", dir);
	mode_t old = umask(022);
	fu_db *db = NULL;
	assert_fu_ok_db(db, fu_db_open(&db, path, 0));
	fu_db_close(db);
	umask(old);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char sub[600];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_migrates_v1),
		cmocka_unit_test(test_schema_migrates_v2),
		cmocka_unit_test(test_schema_refuses_newer_and_foreign),
		cmocka_unit_test(test_schema_creates_private_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
