/* SPDX-License-Identifier: MIT */
/* test_notify.c - fu notify's library (lib/notify.c): notify.via, the
 * digest and its text, hostile names cleaned for each method, the
 * deliveries made ready, and the log (schema 6). */
#include "fu_test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/json.h"
#include "fu/notify.h"
#include "fu/spawn.h"
#include "internal.h"

static void test_notify_via(void **state)
{
	fu_db *db = *state;
	fu_notify_method m[FU_NOTIFY__COUNT];
	size_t n = 0;
	char norm[64];
	assert_fu_ok_db(db, fu_notify_via_parse(m, &n, db, "desktop", norm,
						sizeof norm));
	assert_int_equal(n, 1);
	assert_int_equal(m[0], FU_NOTIFY_DESKTOP);
	assert_string_equal(norm, "desktop");
	assert_fu_ok_db(db, fu_notify_via_parse(m, &n, db, " Exec ,mail,\tdesktop ",
						norm, sizeof norm));
	assert_int_equal(n, 3);
	assert_int_equal(m[0], FU_NOTIFY_EXEC);
	assert_int_equal(m[1], FU_NOTIFY_MAIL);
	assert_int_equal(m[2], FU_NOTIFY_DESKTOP);
	assert_string_equal(norm, "exec,mail,desktop");
	static const char *const bad[] = { "", " ", "fax", "mail,", ",mail",
					   "mail,,exec", "mail mail", "none",
					   "mail,exec,mail", NULL };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(fu_notify_via_parse(m, &n, db, bad[i], NULL, 0),
				 FU_EINVALID);
		assert_int_equal(n, 0);
	}
	fu_notify_via_parse(m, &n, db, "mail,exec,mail", NULL, 0);
	assert_string_equal(fu_errmsg(db), "notify.via names 'mail' twice");
	fu_notify_via_parse(m, &n, db, "fax", NULL, 0);
	assert_string_equal(fu_errmsg(db), "notify.via takes desktop, mail or "
			    "exec, separated by commas, not 'fax'");
	assert_string_equal(fu_notify_method_name(FU_NOTIFY_NONE), "none");
	assert_null(fu_notify_method_name(FU_NOTIFY__COUNT));
	/* the key checks it too, and stores it plainly */
	assert_int_equal(fu_config_set(db, "notify.via", "fax"), FU_EINVALID);
	assert_fu_ok_db(db, fu_config_set(db, "notify.via", " MAIL, exec"));
	char *v = NULL;
	assert_fu_ok_db(db, fu_config_get(&v, db, "notify.via"));
	assert_string_equal(v, "mail,exec");
	free(v);
	assert_fu_ok_db(db, fu_config_unset(db, "notify.via"));
	assert_fu_ok_db(db, fu_config_value(&v, db, "notify.via"));
	assert_string_equal(v, "desktop");
	free(v);
	assert_int_equal(fu_config_value(&v, db, "notify.exec"), FU_ENOTFOUND);
	assert_null(v);
}

static void test_notify_clean(void **state)
{
	(void)state;
	fu_buf b = FU_BUF_INIT;
	/* CSI, OSC (BEL or ST), a two-character escape, a lone ESC at the
	 * end, other controls, bidi controls, invalid UTF-8 */
	fu_notify_clean(&b, "a\x1b[1;31mred\x1b[0m b\x1b]0;title\x07 c"
			    "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ d\x1b" "7e "
			    "tab\there\nnl \xc2\x9b" "31m \x7f \xe2\x80\xae" "rtl"
			    "\xe2\x81\xa6" "iso\xe2\x81\xa9 \xd8\x9c" "al \xe2\x80\x8f"
			    "\xff end\x1b");
	assert_string_equal(b.data, "ared b clink de tab here nl  31m   rtliso al "
			    "\xef\xbf\xbd" " end");
	fu_buf_free(&b);
	fu_notify_markup(&b, "Eve <b>&amp;</b> & \"Co\" \xe2\x80\xae<i>");
	assert_string_equal(b.data, "Eve &lt;b&gt;&amp;amp;&lt;/b&gt; &amp; "
			    "\"Co\" &lt;i&gt;");
	fu_buf_free(&b);
	/* what is not hostile is kept: accents, CJK, emoji, joiners */
	fu_notify_markup(&b, "José Núñez 山田 👩‍💻");
	assert_string_equal(b.data, "José Núñez 山田 👩‍💻");
	fu_buf_free(&b);
}

/* Dana at Acme, a board application at Hooli, both applied a week ago
 * (due), and a networking contact met two days ago. */
static void hunt(fu_db *db)
{
	int64_t dana = fu_test_contact(db, "Dana Reyes", "Acme");
	fu_test_app(db, "Acme", "Backend Engineer", dana, WEEK_AGO);
	fu_test_app(db, "Hooli", "Data Engineer", 0, WEEK_AGO);
}

static void test_notify_digest(void **state)
{
	fu_db *db = *state;
	fu_notify_digest *d = NULL;
	/* nothing */
	assert_fu_ok_db(db, fu_notify_digest_get(&d, db, 5));
	assert_int_equal(d->count, 0);
	assert_int_equal(d->nitems, 0);
	fu_notify_digest_free(d);
	hunt(db);
	/* the same count as fu due --count */
	fu_action_filter f = { 0 };
	f.now = f.until = NOW;
	size_t want = 0;
	assert_fu_ok_db(db, fu_action_count(db, &f, &want));
	assert_fu_ok_db(db, fu_notify_digest_get(&d, db, 1));
	assert_int_equal(d->count, want);
	assert_true(d->count >= 2);
	assert_int_equal(d->nitems, 1);
	assert_int_equal(d->now, NOW);
	fu_buf b = FU_BUF_INIT;
	fu_notify_summary(&b, d);
	char s[64];
	snprintf(s, sizeof s, "fu: %zu follow-ups %s", d->count,
		 d->overdue == d->count ? "overdue" : "due");
	assert_has(b.data, s);
	fu_buf_clear(&b);
	fu_notify_lines(&b, d, 0);
	snprintf(s, sizeof s, "\nand %zu more: fu due\n", d->count - 1);
	assert_has(b.data, s);
	fu_buf_clear(&b);
	fu_notify_mail_text(&b, d);
	snprintf(s, sizeof s, "And %zu more.", d->count - 1);
	assert_has(b.data, s);
	assert_has(b.data, "\n-- \nSent by fu notify");
	/* wrapped for a mail reader */
	for (const char *p = b.data; *p;) {
		size_t len = strcspn(p, "\n");
		assert_true(len <= 72);
		p += len + (p[len] == '\n');
	}
	fu_buf_free(&b);
	fu_notify_digest_free(d);

	/* every one named, most urgent first */
	assert_fu_ok_db(db, fu_notify_digest_get(&d, db, 100));
	assert_int_equal(d->nitems, d->count);
	for (size_t i = 1; i < d->nitems; i++)
		assert_true(fu_action_state(&d->items[i - 1].a, NOW) >=
			    fu_action_state(&d->items[i].a, NOW));
	fu_buf_init(&b);
	fu_notify_lines(&b, d, 0);
	assert_has(b.data, "application-check-in by email to Dana Reyes (Acme, "
			   "Backend Engineer), due ");
	assert_has(b.data, "find-contact (Hooli, Data Engineer), due ");
	assert_lacks(b.data, "more: fu due");
	fu_buf_free(&b);
	fu_notify_digest_free(d);
}

/* The JSON of exec: fu due --json's elements, the same value; the
 * characters that could hide or reorder text as \u escapes. */
static void test_notify_json(void **state)
{
	fu_db *db = *state;
	int64_t eve = fu_test_contact(db, "Eve \xe2\x80\xae" "evil\xc2\xa0x",
				      "Initech");
	fu_test_app(db, "Initech", "Role", eve, WEEK_AGO);
	assert_fu_ok(sqlite3_exec(db->sql, "UPDATE contacts SET name = name || "
				  "char(27) || '[1m' || char(127) || char(133)",
				  NULL, NULL, NULL));
	fu_buf b = FU_BUF_INIT;
	assert_fu_ok_db(db, fu_notify_json(&b, db));
	assert_lacks(b.data, "\x1b");
	assert_lacks(b.data, "\x7f");
	assert_lacks(b.data, "\xe2\x80\xae");
	assert_lacks(b.data, "\xc2\x85");
	assert_has(b.data, "\"Eve \\u202eevil\xc2\xa0x\\u001b[1m\\u007f\\u0085\"");
	cJSON *arr = cJSON_Parse(b.data);
	assert_non_null(arr);
	assert_true(cJSON_IsArray(arr));
	cJSON *first = cJSON_GetArrayItem(arr, 0);
	const cJSON *contact = cJSON_GetObjectItemCaseSensitive(first, "contact");
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(contact, "name");
	assert_string_equal(name->valuestring, "Eve \xe2\x80\xae" "evil\xc2\xa0x"
			    "\x1b[1m\x7f\xc2\x85");
	/* the value fu due --json gives: every element, its fields */
	fu_action_filter f = { 0 };
	f.now = f.until = NOW;
	fu_action_row *rows = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, &f));
	assert_int_equal(cJSON_GetArraySize(arr), (int)n);
	for (size_t i = 0; i < n; i++) {
		cJSON *want = fu_json_action(&rows[i], NOW);
		assert_true(cJSON_Compare(want, cJSON_GetArrayItem(arr, (int)i), 1));
		cJSON_Delete(want);
	}
	fu_action_list_free(rows, n);
	cJSON_Delete(arr);
	fu_buf_free(&b);
}

static void test_notify_prepare(void **state)
{
	fu_db *db = *state;
	hunt(db);
	fu_notify_digest *d = NULL;
	assert_fu_ok_db(db, fu_notify_digest_get(&d, db, 5));
	fu_notify_out o;
	/* desktop: the helper, --wait, the texts, then the click's words */
	assert_int_equal(fu_notify_prepare(&o, db, d, FU_NOTIFY_DESKTOP, NULL),
			 FU_ENOTFOUND);
	assert_has(fu_errmsg(db), "fu-notify-desktop is not installed");
	assert_null(o.argv);
	assert_fu_ok_db(db, fu_config_set(db, "notify.terminal", "xterm -e 'fu due'"));
	assert_fu_ok_db(db, fu_notify_prepare(&o, db, d, FU_NOTIFY_DESKTOP,
					      "/x/fu-notify-desktop"));
	assert_string_equal(o.argv[0], "/x/fu-notify-desktop");
	assert_string_equal(o.argv[1], "--wait");
	assert_string_equal(o.argv[2], "43200");
	assert_string_equal(o.argv[3], "--");
	assert_string_equal(o.argv[4], o.summary);
	assert_string_equal(o.argv[5], o.body);
	assert_ptr_equal(o.click, o.argv + 6);
	assert_string_equal(o.click[0], "xterm");
	assert_string_equal(o.click[2], "fu due");
	assert_null(o.click[3]);
	int has_db = 0;
	for (char **e = o.envp; *e; e++)
		has_db += !strncmp(*e, "FU_DB=", 6);
	assert_int_equal(has_db, 1);
	fu_notify_out_clear(&o);
	/* mail: needs user.email */
	assert_int_equal(fu_notify_prepare(&o, db, d, FU_NOTIFY_MAIL, NULL),
			 FU_ENOTFOUND);
	assert_has(fu_errmsg(db), "set your e-mail address first");
	assert_fu_ok_db(db, fu_config_set(db, "user.email", "alex@example.org"));
	/* mail.sendmail's words as they are run, the program found in PATH */
	assert_fu_ok_db(db, fu_config_set(db, "mail.sendmail", "cat -a 'my account'"));
	assert_fu_ok_db(db, fu_notify_prepare(&o, db, d, FU_NOTIFY_MAIL, NULL));
	assert_string_equal(o.to, "alex@example.org");
	assert_string_equal(o.from, "alex@example.org");
	assert_null(o.from_name);
	assert_string_equal(o.argv[0], "cat");
	assert_string_equal(o.argv[1], "-a");
	assert_string_equal(o.argv[2], "my account");
	assert_null(o.argv[3]);
	assert_int_equal(o.date, NOW);
	fu_notify_out_clear(&o);
	/* exec: needs notify.exec */
	assert_int_equal(fu_notify_prepare(&o, db, d, FU_NOTIFY_EXEC, NULL),
			 FU_ENOTFOUND);
	assert_has(fu_errmsg(db), "notify.exec is not set");
	assert_fu_ok_db(db, fu_config_set(db, "notify.exec", "cat"));
	assert_fu_ok_db(db, fu_notify_prepare(&o, db, d, FU_NOTIFY_EXEC, NULL));
	assert_int_equal(o.inlen, strlen(o.input));
	assert_has(o.input, "\"action\":\t\"application-check-in\"");
	fu_notify_out_clear(&o);
	/* the commands are checked when set */
	assert_int_equal(fu_config_set(db, "notify.exec", "sh -c 'x"), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "notify.exec: a quote is not "
			    "closed: sh -c 'x");
	assert_int_equal(fu_config_set(db, "notify.max", "0"), FU_EINVALID);
	assert_fu_ok_db(db, fu_config_set(db, "notify.max", "100"));
	fu_notify_digest_free(d);
}

static void test_notify_deliver(void **state)
{
	fu_db *db = *state;
	hunt(db);
	char path[512], cmd[1200];
	fu_test_temp_path(path, sizeof path, "notify.json");
	snprintf(cmd, sizeof cmd, "sh -c 'cat >\"%s\"'", path);
	assert_fu_ok_db(db, fu_config_set(db, "notify.exec", cmd));
	fu_notify_digest *d = NULL;
	assert_fu_ok_db(db, fu_notify_digest_get(&d, db, 5));
	fu_notify_out o;
	assert_fu_ok_db(db, fu_notify_prepare(&o, db, d, FU_NOTIFY_EXEC, NULL));
	assert_fu_ok_db(db, fu_notify_deliver(db, &o));
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	fu_buf b = FU_BUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		fu_buf_add(&b, buf, n);
	fclose(f);
	assert_string_equal(b.data, o.input);
	fu_buf_free(&b);
	fu_notify_out_clear(&o);
	unlink(path);
	assert_fu_ok_db(db, fu_config_set(db, "notify.exec", "false"));
	assert_fu_ok_db(db, fu_notify_prepare(&o, db, d, FU_NOTIFY_EXEC, NULL));
	assert_int_equal(fu_notify_deliver(db, &o), FU_ERROR);
	assert_string_equal(fu_errmsg(db), "'false' exited with status 1");
	fu_notify_out_clear(&o);
	fu_notify_digest_free(d);
}

static void test_notify_log(void **state)
{
	fu_db *db = *state;
	fu_notify_log *log = NULL;
	size_t n = 99;
	assert_fu_ok_db(db, fu_notify_log_list(&log, &n, db));
	assert_int_equal(n, 0);
	fu_notify_log_free(log, n);
	int64_t id1 = 0, id2 = 0;
	assert_false(fu_db_changed(db));
	assert_fu_ok_db(db, fu_notify_log_add(db, &id1, FU_NOTIFY_DESKTOP, 3,
					      NULL));
	/* a log line is no change of the user's: fu notify may still fail */
	assert_false(fu_db_changed(db));
	fu_db_set_now(db, NOW - DAY); /* a clock set back: still in order */
	assert_fu_ok_db(db, fu_notify_log_add(db, &id2, FU_NOTIFY_MAIL, 3,
					      "'sendmail' exited with status 75"));
	assert_fu_ok_db(db, fu_notify_log_add(db, NULL, FU_NOTIFY_NONE, 0, NULL));
	assert_true(id2 > id1);
	assert_int_equal(fu_notify_log_add(db, NULL, FU_NOTIFY__COUNT, 0, NULL),
			 FU_EINVALID);
	assert_fu_ok_db(db, fu_notify_log_list(&log, &n, db));
	assert_int_equal(n, 3);
	assert_int_equal(log[0].id, id1);
	assert_int_equal(log[0].at, NOW);
	assert_int_equal(log[0].method, FU_NOTIFY_DESKTOP);
	assert_int_equal(log[0].actions, 3);
	assert_true(log[0].ok);
	assert_null(log[0].error);
	assert_int_equal(log[1].at, NOW - DAY);
	assert_int_equal(log[1].method, FU_NOTIFY_MAIL);
	assert_false(log[1].ok);
	assert_string_equal(log[1].error, "'sendmail' exited with status 75");
	assert_int_equal(log[2].method, FU_NOTIFY_NONE);
	assert_int_equal(log[2].actions, 0);
	fu_notify_log_free(log, n);
	/* stored as words, as the sqlite3 shell shows them */
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM notify_log WHERE "
				     "method IN ('desktop', 'mail', 'none')"), 3);
	/* a write that cannot take the lock changes nothing */
	assert_fu_ok(sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL));
	assert_int_not_equal(fu_notify_log_add(db, NULL, FU_NOTIFY_EXEC, 1, NULL),
			     FU_OK);
	assert_fu_ok(sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL));
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM notify_log"), 3);
}

/* A file of the schema before it gains the log, and keeps what it had. */
int fu__schema_create_version(fu_db *db, int version);
static void test_notify_schema(void **state)
{
	(void)state;
	char path[512];
	fu_test_temp_path(path, sizeof path, "previous.db");
	fu_db *db = NULL;
	{
		/* the schema before notify_log (version 9), made by its own
		 * migrations */
		fu_db *old = calloc(1, sizeof *old);
		assert_non_null(old);
		assert_fu_ok(sqlite3_open(path, &old->sql));
		assert_fu_ok(fu__schema_create_version(old, 8));
		assert_fu_ok(sqlite3_exec(old->sql, "INSERT INTO config VALUES "
					  "('user.name', 'Alex')", NULL, NULL,
					  NULL));
		sqlite3_close(old->sql);
		free(old);
	}
	assert_fu_ok_db(db, fu_db_open(&db, path, 0));
	assert_int_equal(fu_db_schema_version(db), FU_SCHEMA_VERSION);
	assert_int_equal(fu_test_int(db, "SELECT count(*) FROM notify_log"), 0);
	char *v = NULL;
	assert_fu_ok_db(db, fu_config_get(&v, db, "user.name"));
	assert_string_equal(v, "Alex");
	free(v);
	fu_db_close(db);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_notify_via),
		FU_TEST(test_notify_clean),
		FU_TEST(test_notify_digest),
		FU_TEST(test_notify_json),
		FU_TEST(test_notify_prepare),
		FU_TEST(test_notify_deliver),
		FU_TEST(test_notify_log),
		FU_TEST(test_notify_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
