/* SPDX-License-Identifier: MIT */
/* test_safety.c - what keeps the user's files, terminal and numbers safe
 * (issue 16): fu_json_print, fu_text_escape, the time clamps, opening a
 * file that is not fu's, backups and restores, .eml headers. */
#include "fu_test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/doctor.h"
#include "fu/draft.h"
#include "fu/json.h"
#include "fu/store.h"
#include "fu/text.h"

/* --- fu_json_print ------------------------------------------------------- */

/* The layout is cJSON_Print's, byte for byte, for what both print alike. */
static void test_safety_json_layout(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"{}", "[]", "null", "true", "false", "0", "-7", "0.5", "1e-07",
		"3.25", "\"\"", "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\"",
		"{\"a\":1,\"b\":[1,2,{\"c\":null,\"d\":[]}],\"e\":{}}",
		"[{\"x\":{\"y\":{\"z\":[true,false,\"s\"]}}},[],[[]],{}]",
		"{\"name\":\"Dana R\u00e9yes \u20ac\",\"n\":123456789}",
	};
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		cJSON *v = cJSON_Parse(docs[i]);
		assert_non_null(v);
		char *want = cJSON_Print(v), *got = fu_json_print(v);
		assert_non_null(got);
		if (strcmp(want, got) != 0)
			print_error("%s:\nwant %s\ngot  %s\n", docs[i], want, got);
		assert_string_equal(got, want);
		cJSON_free(want);
		free(got);
		cJSON_Delete(v);
	}
}

/* Whole numbers whole: cJSON writes 9007199254740991 (2^53 - 1) as
 * 9.00719925474099e+15, which reads back as another number. */
static void test_safety_json_numbers(void **state)
{
	(void)state;
	static const struct {
		double d;
		const char *want;
	} t[] = {
		{ 9007199254740991.0, "9007199254740991" },
		{ 4500000000000000.0, "4500000000000000" },
		{ 1e15, "1000000000000000" },
		{ -9007199254740991.0, "-9007199254740991" },
		{ 2147483648.0, "2147483648" },
		{ 0.1, "0.1" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		cJSON *v = cJSON_CreateNumber(t[i].d);
		char *s = fu_json_print(v);
		assert_string_equal(s, t[i].want);
		cJSON *back = cJSON_Parse(s);
		assert_true(back->valuedouble == t[i].d);
		cJSON_Delete(back);
		free(s);
		cJSON_Delete(v);
	}
}

/* Valid JSON whatever the strings hold, and nothing that drives a
 * terminal: a stray byte is U+FFFD, C1 and bidirectional controls and
 * DEL are \u escapes of the same text. */
static void test_safety_json_strings(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} t[] = {
		{ "ab\xff" "c", "\"ab\\ufffdc\"" },
		{ "\xc3", "\"\\ufffd\"" },
		{ "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "x\x9b" "31m", "\"x\\ufffd31m\"" },
		{ "x\xc2\x9b" "31m", "\"x\\u009b31m\"" },
		{ "a\xe2\x80\xae" "b", "\"a\\u202eb\"" },
		{ "\x7f", "\"\\u007f\"" },
		{ "\x1b[2J", "\"\\u001b[2J\"" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
		  "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		cJSON *v = cJSON_CreateString(t[i].in);
		char *s = fu_json_print(v);
		assert_string_equal(s, t[i].want);
		cJSON *back = cJSON_Parse(s);
		assert_non_null(back);
		cJSON_Delete(back);
		free(s);
		cJSON_Delete(v);
	}
}

/* --- fu_text_escape ------------------------------------------------------ */

static void test_safety_text_escape(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int flags;
		const char *want;
	} t[] = {
		{ "Dana Reyes", 0, "Dana Reyes" },
		{ "R\xc3\xa9yes \xe6\x9d\x8e", 0, "R\xc3\xa9yes \xe6\x9d\x8e" },
		{ "a\x1b[31mb", 0, "a\\e[31mb" },
		{ "a\x9b" "31mb", 0, "a\\x9b31mb" },
		{ "a\x9d" "0;x\x07", 0, "a\\x9d0;x\\x07" },
		{ "a\xc2\x9b" "b", 0, "a\\u009bb" },
		{ "two\nlines\tand", 0, "two\\nlines and" },
		{ "two\nlines\tand", FU_TEXT_LINES, "two\nlines\tand" },
		{ "cr\r", FU_TEXT_LINES, "cr\\x0d" },
		{ "evil\xe2\x80\xaeyes", 0, "evil\\u202eyes" },
		{ "\xe2\x81\xa6x\xe2\x81\xa9", 0, "\\u2066x\\u2069" },
		{ "\xe2\x80\x8f\xd8\x9c", 0, "\\u200f\\u061c" },
		{ "\xc0\xaf", 0, "\\xc0\\xaf" },
		{ "\xf4\x90\x80\x80", 0, "\\xf4\\x90\\x80\\x80" },
		{ "end\xe2\x82", 0, "end\\xe2\\x82" },
		{ NULL, 0, "" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		fu_buf b = FU_BUF_INIT;
		fu_text_escape(&b, t[i].in, t[i].flags);
		assert_string_equal(b.data, t[i].want);
		fu_buf_free(&b);
	}
}

/* --- times ----------------------------------------------------------------- */

/* Whatever a time is, what is printed is a date of the years 1970-9999,
 * and what is computed never passes 9999-12-31. */
static void test_safety_time_clamps(void **state)
{
	(void)state;
	fu_test_tz("Europe/Berlin");
	static const int64_t t[] = { INT64_MAX, INT64_MIN, FU_TIME_MAX + 1,
				     FU_TIME_MIN - 1, 0, FU_TIME_MAX,
				     INT64_C(99999999999999) };
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char iso[FU_ISO_LEN], day[FU_DAY_LEN], h[FU_HUMAN_LEN],
		     r[FU_REL_LEN];
		fu_time_iso(iso, t[i]);
		int y = atoi(iso);
		assert_true(y >= 1970 && y <= 9999);
		assert_int_equal(strlen(iso), 25);
		fu_time_day(day, t[i]);
		assert_int_equal(strlen(day), 10);
		fu_time_human(h, t[i], 1794000000, 1);
		fu_time_relative(r, t[i], 1794000000);
		int64_t later = fu_time_add_days(t[i], 100000);
		fu_time_iso(iso, later);
		assert_true(atoi(iso) <= 9999);
		assert_true(later <= FU_TIME_MAX);
	}
	assert_true(fu_time_valid(FU_TIME_MAX));
	assert_false(fu_time_valid(FU_TIME_MAX + 1));
	assert_true(fu_time_valid(FU_TIME_MIN));
	assert_false(fu_time_valid(FU_TIME_MIN - 1));
}

/* --- files ----------------------------------------------------------------- */

static char dir[64];

static int setup_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/fu-safety-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* A file that is not fu's is refused and left as it was, mode included;
 * a fu database others may read is made private once it is known. */
static void test_safety_open_keeps_mode(void **state)
{
	(void)state;
	char path[128], link[128];
	fu_db *db = NULL;
	snprintf(path, sizeof path, "%s/notes.txt", dir);
	snprintf(link, sizeof link, "%s/link.db", dir);
	write_file(path, "my notes\n", 0644);
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(fu_db_open(&db, path, 0), FU_EDB);
	fu_db_close(db);
	assert_int_equal(fu_db_open(&db, link, 0), FU_EDB);
	fu_db_close(db);
	assert_int_equal(mode_of(path), 0644);

	snprintf(path, sizeof path, "%s/fu.db", dir);
	assert_fu_ok(fu_db_open(&db, path, 0));
	fu_db_close(db);
	assert_int_equal(chmod(path, 0644), 0);
	assert_fu_ok(fu_db_open(&db, path, 0));
	fu_db_close(db);
	assert_int_equal(mode_of(path), 0600);
}

/* Writes to a database others may change are refused, reads are not. */
static void test_safety_open_shared(void **state)
{
	(void)state;
	char path[128];
	fu_db *db = NULL;
	snprintf(path, sizeof path, "%s/shared.db", dir);
	assert_fu_ok(fu_db_open(&db, path, 0));
	fu_db_close(db);
	assert_int_equal(chmod(path, 0666), 0);
	assert_fu_ok(fu_db_open(&db, path, 0));
	fu_contact c = { .name = "Zed" };
	assert_int_equal(fu_contact_add(db, &c), FU_EDB);
	assert_non_null(strstr(fu_errmsg(db), "others can change it"));
	fu_contact *list = NULL;
	size_t n = 0;
	assert_fu_ok(fu_contact_list(&list, &n, db, NULL));
	fu_contact_list_free(list, n);
	assert_false(fu_db_changed(db));
	fu_db_close(db);
	assert_int_equal(mode_of(path), 0666);
}

/* A backup never goes over the database or a file beside it; a restore
 * brings the backup back through SQLite, and says it changed things. */
static void test_safety_backup_restore(void **state)
{
	(void)state;
	char path[128], bak[160], side[160];
	fu_db *db = NULL, *r = NULL;
	fu_restore_report rep;
	snprintf(path, sizeof path, "%s/hunt.db", dir);
	snprintf(bak, sizeof bak, "%s/hunt.bak", dir);
	assert_fu_ok(fu_db_open(&db, path, 0));
	fu_contact c = { .name = "Dana Reyes" };
	assert_fu_ok_db(db, fu_contact_add(db, &c));
	assert_true(fu_db_changed(db));
	static const char *const suffix[] = { "", "-journal", "-wal", "-shm" };
	for (int i = 0; i < 4; i++) {
		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		assert_int_equal(fu_db_backup(db, side, 1), FU_EINVALID);
	}
	assert_fu_ok_db(db, fu_db_backup(db, bak, 0));
	fu_contact d = { .name = "Sam Lee" };
	assert_fu_ok_db(db, fu_contact_add(db, &d));
	fu_db_close(db);

	/* a hunt is replaced only when asked */
	assert_int_equal(fu_db_restore(&r, path, bak, 0, &rep), FU_EEXISTS);
	assert_false(fu_db_changed(r));
	fu_db_close(r);
	assert_int_equal(fu_db_restore(&r, path, path, 1, &rep), FU_EINVALID);
	fu_db_close(r);
	assert_fu_ok(fu_db_restore(&r, path, bak, 1, &rep));
	assert_true(fu_db_changed(r));
	assert_int_equal(rep.contacts, 1);
	assert_int_equal(rep.schema_version, FU_SCHEMA_VERSION);
	fu_db_close(r);

	assert_fu_ok(fu_db_open(&db, path, 0));
	fu_contact *list = NULL;
	size_t n = 0;
	assert_fu_ok(fu_contact_list(&list, &n, db, NULL));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "Dana Reyes");
	fu_contact_list_free(list, n);
	fu_db_close(db);
	assert_int_equal(mode_of(path), 0600);

	/* not a fu database: neither restored from, nor replaced */
	char text[160];
	snprintf(text, sizeof text, "%s/notes.txt", dir);
	write_file(text, "notes\n", 0644);
	assert_int_equal(fu_db_restore(&r, path, text, 1, &rep), FU_EDB);
	fu_db_close(r);
	assert_int_equal(fu_db_restore(&r, text, bak, 1, &rep), FU_EDB);
	fu_db_close(r);
	assert_int_equal(mode_of(text), 0644);
}

/* --- .eml ------------------------------------------------------------------ */

static void eml_of(fu_buf *b, int want, const char *name, const char *email,
		   const char *subject)
{
	fu_db *db = NULL;
	assert_fu_ok(fu_db_open(&db, NULL, FU_OPEN_MEMORY));
	fu_draft d = { 0 };
	d.subject = (char *)subject;
	d.body = (char *)"Dear Dana,\n\nThank you.\n";
	fu_draft_input in = { 0 };
	in.channel = FU_CH_EMAIL;
	in.contact_name = name;
	in.contact_email = email;
	in.user_name = "Alex Morgan";
	in.user_email = "alex@example.org";
	in.now = 1794214800;
	int rc = fu_draft_eml(b, db, &d, &in);
	if (rc != want)
		print_error("%s <%s>: %d %s\n", name, email, rc, fu_errmsg(db));
	assert_int_equal(rc, want);
	fu_db_close(db);
}

/* Every header line within 998 octets, ASCII, and only fu's fields. */
static void assert_headers_sane(const fu_buf *b)
{
	const char *end = strstr(b->data, "\r\n\r\n");
	assert_non_null(end);
	const char *p = b->data;
	int fields = 0;
	while (p < end) {
		const char *nl = strstr(p, "\r\n");
		assert_true(nl - p <= 998);
		for (const char *q = p; q < nl; q++)
			assert_true((unsigned char)*q >= 0x20 &&
				    (unsigned char)*q < 0x7f);
		if (*p != ' ')
			fields++;
		assert_true(strncmp(p, "Bcc", 3) != 0);
		p = nl + 2;
	}
	assert_int_equal(fields, 8);
}

static void test_safety_eml_addresses(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"dana@acme.example\r\nBcc: evil@example.org",
		"dana@acme.example\nBcc: evil@example.org",
		"dana@acme.example, evil@example.org",
		"dana@acme.example evil@example.org",
		"d\xc3\xb6rte@acme.example", "dana(x)@acme.example",
		"<dana@acme.example>", "dana@@acme.example", ".dana@acme.example",
		"dana..r@acme.example", "dana@", "@acme.example",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		fu_buf b = FU_BUF_INIT;
		eml_of(&b, FU_EINVALID, "Dana", bad[i], "Thank you");
		fu_buf_free(&b);
	}
	fu_buf b = FU_BUF_INIT;
	eml_of(&b, FU_OK, "Dana", "dana.reyes+jobs@acme.example", "Thank you");
	assert_non_null(strstr(b.data, "To: Dana <dana.reyes+jobs@acme.example>"));
	fu_buf_free(&b);
}

static void test_safety_eml_header_text(void **state)
{
	(void)state;
	char longname[3001], longword[2001];
	memset(longname, 'D', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	memset(longword, 'x', sizeof longword - 1);
	longword[sizeof longword - 1] = '\0';
	static const char *const names[] = {
		"Dana\r\nBcc: evil@example.org", "=?UTF-8?B?RXZpbA==?= Reyes",
		"D\x9b" "31m", "Dana \xe2\x80\xae", NULL,
	};
	for (size_t i = 0; names[i]; i++) {
		fu_buf b = FU_BUF_INIT;
		eml_of(&b, FU_OK, names[i], "dana@acme.example", names[i]);
		assert_headers_sane(&b);
		fu_buf_free(&b);
	}
	fu_buf b = FU_BUF_INIT;
	eml_of(&b, FU_OK, longname, "dana@acme.example", longword);
	assert_headers_sane(&b);
	fu_buf_free(&b);
	/* what looks like an encoded-word is encoded, so it reads as typed */
	eml_of(&b, FU_OK, "Dana", "dana@acme.example", "=?utf-8?q?Boss?=");
	assert_null(strstr(b.data, "Subject: =?utf-8?q?Boss?="));
	assert_non_null(strstr(b.data, "Subject: =?UTF-8?B?"));
	fu_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_safety_json_layout),
		cmocka_unit_test(test_safety_json_numbers),
		cmocka_unit_test(test_safety_json_strings),
		cmocka_unit_test(test_safety_text_escape),
		cmocka_unit_test(test_safety_time_clamps),
		cmocka_unit_test(test_safety_open_keeps_mode),
		cmocka_unit_test(test_safety_open_shared),
		cmocka_unit_test(test_safety_backup_restore),
		cmocka_unit_test(test_safety_eml_addresses),
		cmocka_unit_test(test_safety_eml_header_text),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
