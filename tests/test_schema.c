/* SPDX-License-Identifier: MIT */
/* test_schema.c - opening a database file (lib/db.c, lib/schema.c):
 * migrations from older schemas, files fu must refuse, a private file
 * created on first use. */
#include "fu_test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "fu/uuid.h"
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

/* make_file's file, named vVERSION.db in the tests' directory (its name
 * into path), opened by fu, which must migrate it to FU_SCHEMA_VERSION.
 * close_old closes and removes it. */
static fu_db *open_old(char *path, size_t size, int version, const char *rows)
{
	char name[32];
	snprintf(name, sizeof name, "v%d.db", version);
	fu_test_temp_path(path, size, name);
	make_file(path, version, rows);
	fu_db *db = NULL;
	assert_fu_ok_db(db, fu_db_open(&db, path, 0));
	assert_int_equal(fu_db_schema_version(db), FU_SCHEMA_VERSION);
	return db;
}

static void close_old(fu_db *db, const char *path)
{
	fu_db_close(db);
	unlink(path);
}

static void test_schema_migrates_v1(void **state)
{
	(void)state;
	char path[512];
	/* as fu 0.1 before the actions table (schema 1) left it */
	fu_db *db = open_old(path, sizeof path, 1,
		"INSERT INTO companies VALUES (1, 'Acme', 1793600000);"
		"INSERT INTO contacts (id, name, company_id, created_at) "
		"VALUES (1, 'Dana Reyes', 1, 1793600000);"
		"INSERT INTO applications (id, company_id, role, created_at) "
		"VALUES (2, 1, 'Backend Engineer', 1793600000);"
		"INSERT INTO application_contacts VALUES (2, 1, 1);"
		"INSERT INTO events (kind, at, application_id, created_at) "
		"VALUES ('applied', 1793606400, 2, 1793606400);");
	fu_application *a = NULL;
	assert_fu_ok_db(db, fu_application_get(&a, db, 2));
	assert_string_equal(a->company, "Acme");
	assert_int_equal(a->applied_at, 1793606400);
	fu_application_free(a);
	assert_int_equal(fu_test_int(db, "PRAGMA user_version"),
			 FU_SCHEMA_VERSION);
	/* version 7: a company's people by index (fu report) */
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM sqlite_master "
				     "WHERE type = 'index' AND name = "
				     "'contacts_company'"), 1);
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
	close_old(db, path);
}

/* Schema 3 adds an index: a file of schema 2 keeps its data and gains it. */
static void test_schema_migrates_v2(void **state)
{
	(void)state;
	char path[512];
	fu_db *db = open_old(path, sizeof path, 2,
		"INSERT INTO companies VALUES (1, 'Acme', 1793600000);"
		"INSERT INTO applications (id, company_id, role, outcome, "
		"closed_at, created_at) VALUES (2, 1, 'Backend Engineer', "
		"'accepted', 1793606400, 1793600000);");
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM sqlite_master "
				     "WHERE type = 'index' AND name = "
				     "'applications_closed'"), 1);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM applications "
				     "WHERE outcome = 'accepted'"), 1);
	close_old(db, path);
}

/* Schema 8: a topic may be one person's, an event has an occasion and
 * a reason for urgency; a file of schema 7 keeps its topics, each now
 * for everyone met. */
static void test_schema_migrates_v7(void **state)
{
	(void)state;
	char path[512];
	fu_db *db = open_old(path, sizeof path, 7,
		"INSERT INTO companies VALUES (1, 'Acme', 1793600000);"
		"INSERT INTO contacts (id, name, company_id, created_at) "
		"VALUES (1, 'Dana Reyes', 1, 1793600000);"
		"INSERT INTO applications (id, company_id, role, created_at) "
		"VALUES (2, 1, 'Backend Engineer', 1793600000);"
		"INSERT INTO events (id, kind, at, application_id, created_at) "
		"VALUES (1, 'interview', 1793606400, 2, 1793606400);"
		"INSERT INTO event_contacts (event_id, position, contact_id) "
		"VALUES (1, 1, 1);"
		"INSERT INTO event_topics VALUES (1, 1, 'moving billing to Go');");
	fu_event *e = NULL;
	assert_fu_ok_db(db, fu_event_get(&e, db, 1));
	assert_int_equal(e->ntopics, 1);
	assert_string_equal(e->topics[0], "moving billing to Go");
	assert_null(e->topic_with);
	assert_null(e->occasion);
	assert_null(e->because);
	fu_event_free(e);
	char *more[] = { "the team's roadmap" };
	int64_t who[] = { 1 };
	assert_fu_ok_db(db, fu_event_add_topics(db, 1, more, who, 1));
	assert_int_equal(fu_test_int(db, "SELECT contact_id FROM event_topics "
				     "WHERE position = 2"), 1);
	close_old(db, path);
}

/* Schema 11: one hunt on several machines (fu sync). A file of schema
 * 10 gains an identifier for every record (a company's from its name),
 * an order for every event, and the sync's own tables, empty. */
static void test_schema_migrates_v10(void **state)
{
	(void)state;
	char path[512];
	fu_db *db = open_old(path, sizeof path, 10,
		"INSERT INTO companies (id, name, fold, created_at) VALUES "
		"(1, 'Acme', 'acme', 1793600000);"
		"INSERT INTO contacts (id, name, fold, company_id, created_at) "
		"VALUES (1, 'Dana Reyes', 'dana reyes', 1, 1793600000);"
		"INSERT INTO applications (id, company_id, role, created_at) "
		"VALUES (2, 1, 'Backend Engineer', 1793600000);"
		"INSERT INTO events (id, kind, at, application_id, created_at) "
		"VALUES (1, 'applied', 1793606400, 2, 1793606400);"
		"INSERT INTO events (id, kind, at, application_id, created_at) "
		"VALUES (2, 'sent', 1793606400, 2, 1793606400);");
	char want[FU_UUID_LEN];
	fu_uuid_company(want, "Acme");
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM companies "
				     "WHERE uuid IS NULL"), 0);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db->sql, "SELECT uuid FROM "
					    "companies WHERE id = 1", -1, &st,
					    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
	sqlite3_finalize(st);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM contacts WHERE "
				     "length(uuid) = 36"), 1);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM applications "
				     "WHERE length(uuid) = 36"), 1);
	/* the events of one moment keep their order: their number first */
	assert_int_equal(fu_test_int(db, "SELECT count(DISTINCT uuid) FROM "
				     "events WHERE length(uuid) = 36"), 2);
	assert_int_equal(fu_test_int(db, "SELECT (SELECT ord FROM events "
				     "WHERE id = 1) < (SELECT ord FROM events "
				     "WHERE id = 2)"), 1);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM sync_device"),
			 0);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM sync_log"), 0);
	/* a record written after it gets its identifier from the triggers */
	fu_contact c = { 0 };
	c.name = "Sam Lee";
	assert_fu_ok_db(db, fu_contact_add(db, &c));
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM contacts WHERE "
				     "length(uuid) = 36"), 2);
	close_old(db, path);
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
		cmocka_unit_test(test_schema_migrates_v7),
		cmocka_unit_test(test_schema_migrates_v10),
		cmocka_unit_test(test_schema_refuses_newer_and_foreign),
		cmocka_unit_test(test_schema_creates_private_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
