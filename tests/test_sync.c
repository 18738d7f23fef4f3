/* SPDX-License-Identifier: MIT */
/* test_sync.c - fu sync without git (lib/changes.c, changefile.c,
 * merge.c through fu_sync_enable, fu_sync_take and fu_sync_apply): each
 * write's changes are recorded in its own transaction, two databases
 * exchange a hunt both ways without duplicates, two edits of one field
 * keep the later, and change files that are not right are refused with
 * the records left as they were. */
#include "fu_test.h"

#include <cJSON.h>

#include "fu/changes.h"
#include "fu/sync.h"
#include "internal.h"

#define DEV_A "00000000-0000-4000-8000-00000000000a"
#define DEV_B "00000000-0000-4000-8000-00000000000b"

static fu_db *machine(const char *device, const char *name)
{
	fu_db *db = fu_test_db();
	assert_fu_ok_db(db, fu_sync_enable(db, device, name));
	return db;
}

/* What from sent to to: its next change file, applied (0: nothing to
 * send); the report's notes joined into notes when not NULL. */
static size_t send(fu_db *from, fu_db *to, char *notes, size_t nlen)
{
	char *text = NULL;
	assert_fu_ok_db(from, fu_sync_take(from, &text));
	if (!text)
		return 0;
	size_t len = strlen(text);
	const char *texts[1] = { text };
	fu_sync_report *rep = NULL;
	assert_fu_ok_db(to, fu_sync_apply(to, texts, &len, 1, &rep));
	assert_non_null(rep);
	size_t got = rep->received;
	for (size_t i = 0; notes && i < rep->nnotes; i++) {
		strncat(notes, rep->notes[i], nlen - strlen(notes) - 1);
		strncat(notes, "\n", nlen - strlen(notes) - 1);
	}
	fu_sync_report_free(rep);
	free(text);
	return got;
}

static int64_t count(fu_db *db, const char *table)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return fu_test_int(db, sql);
}

/* A write that fails records nothing; one that succeeds is recorded, in
 * its transaction, once. */
static void test_capture_in_the_transaction(void **state)
{
	(void)state;
	fu_db *a = machine(DEV_A, "laptop");
	char *text = NULL;
	assert_fu_ok_db(a, fu_sync_take(a, &text));
	assert_null(text); /* an empty hunt brings nothing */
	fu_contact c = { 0 };
	c.name = "";
	assert_int_equal(fu_contact_add(a, &c), FU_EINVALID);
	assert_int_equal(count(a, "sync_log"), 0);
	c.name = "Dana Reyes";
	c.company = "Acme";
	assert_fu_ok_db(a, fu_contact_add(a, &c));
	assert_int_equal(count(a, "sync_log"), 1);
	assert_fu_ok_db(a, fu_sync_take(a, &text));
	assert_non_null(text);
	assert_has(text, "\"Dana Reyes\"");
	assert_has(text, "\"Acme\"");
	assert_has(text, c.uuid);
	free(text);
	assert_fu_ok_db(a, fu_sync_take(a, &text));
	assert_null(text);
	/* the pager and other settings of this machine stay here */
	assert_fu_ok_db(a, fu_config_set(a, "user.name", "Alex Morgan"));
	assert_fu_ok_db(a, fu_sync_take(a, &text));
	assert_non_null(text);
	assert_has(text, "Alex Morgan");
	free(text);
	fu_db_close(a);
}

/* A whole hunt goes from one machine to the other, and back with what
 * the second added; sending again duplicates nothing. */
static void test_exchange_both_ways(void **state)
{
	(void)state;
	fu_db *a = fu_test_db();
	fu_test_rich_scenario(a);
	assert_fu_ok_db(a, fu_sync_enable(a, DEV_A, "laptop"));
	fu_db *b = machine(DEV_B, "desktop");
	assert_true(send(a, b, NULL, 0) > 0);
	static const char *const tables[] = { "contacts", "companies",
		"applications", "events", "event_contacts",
		"application_contacts", "config" };
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
		assert_int_equal(count(a, tables[i]), count(b, tables[i]));
	int64_t app = fu_test_int(b, "SELECT min(id) FROM applications");
	fu_test_log(b, FU_EV_REPLY, app, 0, NOW - DAY, 0, 0);
	assert_true(send(b, a, NULL, 0) > 0);
	assert_int_equal(count(a, "events"), count(b, "events"));
	/* nothing new: nothing sent */
	assert_int_equal(send(a, b, NULL, 0), 0);
	assert_int_equal(send(b, a, NULL, 0), 0);
	int64_t events = count(a, "events");

	/* the same file applied twice is applied once */
	fu_test_log(a, FU_EV_SENT, fu_test_int(a, "SELECT min(id) FROM "
		    "applications"), 0, NOW - 2 * 3600, 0, 0);
	char *text = NULL;
	assert_fu_ok_db(a, fu_sync_take(a, &text));
	size_t len = strlen(text);
	const char *texts[2] = { text, text };
	size_t lens[2] = { len, len };
	assert_fu_ok_db(b, fu_sync_apply(b, texts, lens, 2, NULL));
	assert_fu_ok_db(b, fu_sync_apply(b, texts, lens, 1, NULL));
	free(text);
	assert_int_equal(count(b, "events"), events + 1);
	fu_db_close(a);
	fu_db_close(b);
}

/* Two edits of one field: the later is kept on both machines, and the
 * value that lost is said. */
static void test_later_edit_wins(void **state)
{
	(void)state;
	fu_db *a = machine(DEV_A, "laptop");
	fu_db *b = machine(DEV_B, "desktop");
	int64_t id = fu_test_contact(a, "Dana Reyes", "Acme");
	send(a, b, NULL, 0);
	int64_t idb = fu_test_int(b, "SELECT id FROM contacts");
	fu_contact *c = NULL;
	fu_db_set_now(a, NOW + 3600);
	assert_fu_ok_db(a, fu_contact_get(&c, a, id));
	free(c->title);
	c->title = strdup("Engineering Manager");
	assert_fu_ok_db(a, fu_contact_update(a, c));
	fu_contact_list_free(c, 1);
	fu_db_set_now(b, NOW + 7200);
	assert_fu_ok_db(b, fu_contact_get(&c, b, idb));
	free(c->title);
	c->title = strdup("Director of Engineering");
	assert_fu_ok_db(b, fu_contact_update(b, c));
	fu_contact_list_free(c, 1);
	char notes[2048] = "";
	send(a, b, notes, sizeof notes);
	send(b, a, notes, sizeof notes);
	assert_has(notes, "title was edited on two machines");
	assert_has(notes, "'Director of Engineering'");
	assert_has(notes, "not 'Engineering Manager'");
	for (int i = 0; i < 2; i++) {
		fu_db *db = i ? b : a;
		assert_fu_ok_db(db, fu_contact_get(&c, db, i ? idb : id));
		assert_string_equal(c->title, "Director of Engineering");
		fu_contact_list_free(c, 1);
	}
	fu_db_close(a);
	fu_db_close(b);
}

/* What the reader refuses, and how it says so. */
static void test_reader_refuses(void **state)
{
	(void)state;
	static const struct {
		const char *text, *says;
	} bad[] = {
		{ "", "not JSON" },
		{ "{\"format\":\"fu-sync\",\"version\":1,", "not JSON" },
		{ "[1,2]", "not a change file" },
		{ "{\"format\":\"fu-export\",\"version\":1}", "not a change file" },
		{ "{\"format\":\"fu-sync\",\"version\":2}", "newer fu" },
		{ "{\"format\":\"fu-sync\",\"version\":1,\"device\":\"x\"}",
		  "device" },
		{ "{\"format\":\"fu-sync\",\"version\":1,\"device\":"
		  "\"00000000-0000-4000-8000-00000000000a\",\"name\":\"a\\u0000b\"}",
		  "NUL" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		fu_changes *c = (fu_changes *)1;
		char err[256] = "";
		assert_int_equal(fu_changes_parse(&c, bad[i].text,
						  strlen(bad[i].text), err,
						  sizeof err), FU_ECHANGES);
		assert_null(c);
		assert_has(err, bad[i].says);
	}
}

/* A file refused leaves the records exactly as they were, and says
 * which file and why; a good file then goes in. */
static void test_refused_file_changes_nothing(void **state)
{
	(void)state;
	fu_db *a = machine(DEV_A, "laptop");
	fu_db *b = machine(DEV_B, "desktop");
	fu_test_contact(b, "Sam Lee", "Initech");
	fu_test_contact(a, "Dana Reyes", "Acme");
	fu_test_app(a, "Acme", "Backend Engineer", 0, WEEK_AGO);
	char *text = NULL;
	assert_fu_ok_db(a, fu_sync_take(a, &text));
	char *before = fu_test_export_text(b);
	/* a value fu does not take, deep in the file */
	char *bad = strdup(text);
	char *kind = strstr(bad, "\"applied\"");
	assert_non_null(kind);
	memcpy(kind + 1, "hacked!", 7);
	size_t len = strlen(bad);
	const char *texts[1] = { bad };
	fu_sync_report *rep = NULL;
	assert_int_equal(fu_sync_apply(b, texts, &len, 1, &rep), FU_ECHANGES);
	assert_has(fu_errmsg(b), "kind is not a word fu knows");
	char *after = fu_test_export_text(b);
	/* the export's own time aside */
	assert_same_text(strstr(before, "\"companies\""),
			 strstr(after, "\"companies\""));
	cJSON_free(after);
	fu_sync_report_free(rep);
	free(bad);
	/* cut short */
	len = strlen(text) / 2;
	texts[0] = text;
	assert_int_equal(fu_sync_apply(b, texts, &len, 1, NULL), FU_ECHANGES);
	after = fu_test_export_text(b);
	assert_same_text(strstr(before, "\"companies\""),
			 strstr(after, "\"companies\""));
	cJSON_free(after);
	/* whole */
	len = strlen(text);
	assert_fu_ok_db(b, fu_sync_apply(b, texts, &len, 1, NULL));
	assert_int_equal(count(b, "applications"), 1);
	assert_int_equal(count(b, "contacts"), 2);
	cJSON_free(before);
	free(text);
	fu_db_close(a);
	fu_db_close(b);
}

/* Every table of the schema is synced or named local (synced.c), and
 * every column of a synced table is declared: a migration that adds one
 * must say how it travels. */
static void test_every_column_declared(void **state)
{
	(void)state;
	fu_db *db = fu_test_db();
	sqlite3_stmt *tables = NULL, *cols = NULL;
	assert_int_equal(sqlite3_prepare_v2(db->sql, "SELECT name FROM "
					    "sqlite_master WHERE type = "
					    "'table' ORDER BY name", -1,
					    &tables, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db->sql, "SELECT name FROM "
					    "pragma_table_info(?)", -1, &cols,
					    NULL), SQLITE_OK);
	int ntables = 0;
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		const fu__sync_table *t = fu__sync_table_named(name);
		ntables++;
		if (!t) {
			int local = 0;
			for (const char *const *l = fu__sync_local_tables;
			     *l && !local; l++)
				local = strcmp(*l, name) == 0;
			if (!local)
				fail_msg("table %s is neither synced nor local",
					 name);
			continue;
		}
		sqlite3_bind_text(cols, 1, name, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(cols) == SQLITE_ROW) {
			const char *col = (const char *)
				sqlite3_column_text(cols, 0);
			if (fu__sync_col_index(t, col) < 0)
				fail_msg("%s.%s is not declared in synced.c",
					 name, col);
		}
		sqlite3_reset(cols);
	}
	assert_true(ntables > 10);
	sqlite3_finalize(tables);
	sqlite3_finalize(cols);
	fu_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_capture_in_the_transaction),
		FU_TEST(test_exchange_both_ways),
		FU_TEST(test_later_edit_wins),
		FU_TEST(test_reader_refuses),
		FU_TEST(test_refused_file_changes_nothing),
		FU_TEST(test_every_column_declared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
