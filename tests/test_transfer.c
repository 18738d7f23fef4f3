/* test_transfer.c - export and import, spreadsheets, calendars, stats. */
#include "fu_test.h"

#include <cJSON.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/stats.h"
#include "fu/store.h"
#include "fu/transfer.h"
#include "internal.h"

/* 2026-11-09 09:00 Europe/Berlin, a Monday */
#define NOW 1794211200

static int setup(void **state)
{
	fu_test_tz("Europe/Berlin");
	fu_db *db = NULL;
	if (fu_db_open(&db, NULL, FU_OPEN_MEMORY) != FU_OK) {
		fu_db_close(db);
		return -1;
	}
	fu_db_set_now(db, NOW);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	fu_db_close(*state);
	return 0;
}

static fu_db *fresh_db(void)
{
	fu_db *db = NULL;
	assert_int_equal(fu_db_open(&db, NULL, FU_OPEN_MEMORY), FU_OK);
	fu_db_set_now(db, NOW);
	return db;
}

/* A local time as people write it ("2026-11-05 14:00"). */
static int64_t t(const char *s)
{
	int64_t v = 0;
	assert_int_equal(fu_date_parse(&v, NULL, s, NOW, FU_DATE_PAST, NULL, 0),
			 FU_OK);
	return v;
}

static int64_t contact(fu_db *db, fu_contact *c)
{
	assert_fu_ok_db(db, fu_contact_add(db, c));
	return c->id;
}

static int64_t person(fu_db *db, const char *name, const char *company)
{
	fu_contact c = { 0 };
	c.name = (char *)name;
	c.company = (char *)company;
	return contact(db, &c);
}

static int64_t app(fu_db *db, const char *company, const char *role,
		   int64_t who, int64_t applied)
{
	fu_application a = { 0 };
	a.company = (char *)company;
	a.role = (char *)role;
	if (who) {
		a.contact_ids = &who;
		a.ncontacts = 1;
	}
	assert_fu_ok_db(db, fu_application_add(db, &a, applied));
	return a.id;
}

/* Log an event: kind on app (or on contact when app is 0) at when, with
 * up to two people. */
static int64_t ev(fu_db *db, fu_event_kind kind, int64_t application,
		  int64_t on_contact, int64_t when, int64_t w1, int64_t w2)
{
	fu_event e = { 0 };
	int64_t with[2] = { w1, w2 };
	e.kind = kind;
	e.application_id = application;
	e.contact_id = on_contact;
	e.at = when;
	e.with = with;
	e.nwith = w2 ? 2 : w1 ? 1 : 0;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	return e.id;
}

static char *export_text(fu_db *db)
{
	cJSON *doc = NULL;
	assert_fu_ok_db(db, fu_export_json(&doc, db));
	char *s = cJSON_Print(doc);
	cJSON_Delete(doc);
	assert_non_null(s);
	return s;
}

static int dump_row(void *arg, int n, char **vals, char **cols)
{
	fu_buf *b = arg;
	for (int i = 0; i < n; i++)
		fu_buf_printf(b, "%s=%s|", cols[i], vals[i] ? vals[i] : "NULL");
	fu_buf_putc(b, '\n');
	return 0;
}

/* Everything in the database, as text. */
static char *dump(fu_db *db)
{
	static const char *const tables[] = { "companies", "contacts",
		"applications", "application_contacts", "events",
		"event_contacts", "event_topics", "config", "actions" };
	fu_buf b = FU_BUF_INIT;
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[96];
		/* the order of keys set is of no account */
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY %s",
			 tables[i], strcmp(tables[i], "config") ? "rowid"
								: "key");
		fu_buf_printf(&b, "[%s]\n", tables[i]);
		assert_int_equal(sqlite3_exec(db->sql, sql, dump_row, &b, NULL),
				 SQLITE_OK);
	}
	return fu_buf_detach(&b);
}

/* A job hunt that uses every field and every event kind. */
static void rich_scenario(fu_db *db)
{
	assert_fu_ok_db(db, fu_config_set(db, "user.name", "Alex Morgan"));
	assert_fu_ok_db(db, fu_config_set(db, "user.email", "alex@example.org"));
	assert_fu_ok_db(db, fu_config_set(db, "user.employed", "yes"));
	assert_fu_ok_db(db, fu_config_set(db, "rules.nudge.days", "10"));
	fu_contact dana = { 0 };
	dana.name = "Dana Reyes";
	dana.company = "Acme";
	dana.title = "Engineering Manager";
	dana.email = "dana@acme.example";
	dana.phone = "+1 555 0100";
	dana.address = "1 Main Street\nSpringfield";
	dana.prefers = FU_CH_EMAIL;
	dana.no_calls = 1;
	dana.social_ok = 1;
	dana.notes = "met at the Go meetup;\nlikes \"brevity\", \\ and ümlauts";
	int64_t d = contact(db, &dana);
	fu_contact maria = { 0 };
	maria.name = "Maria López";
	maria.prefers = FU_CH_SOCIAL;
	int64_t m = contact(db, &maria);
	int64_t acme = app(db, "Acme", "Backend Engineer", d,
			   t("2026-10-27 10:00"));
	fu_application *a = NULL;
	assert_fu_ok_db(db, fu_application_get(&a, db, acme));
	free(a->url);
	a->url = strdup("https://acme.example/jobs/42?ref=a,b;c");
	free(a->notes);
	a->notes = strdup("salary range 80-90k\nremote ok");
	a->source = FU_SRC_REFERRAL;
	a->no_calls = 1;
	assert_fu_ok_db(db, fu_application_update(db, a));
	fu_application_free(a);
	fu_application g = { 0 };
	g.company = "Globex";
	g.role = "SRE";
	g.source = FU_SRC_BOARD;
	g.no_follow_up = 1;
	assert_fu_ok_db(db, fu_application_add(db, &g, t("2026-10-28 09:00")));
	int64_t ini = app(db, "Initech", "Platform Engineer", 0,
			  t("2026-10-20 12:00"));
	int64_t planned = app(db, "Umbrella", "Data Engineer", 0, 0);
	(void)planned;

	/* an interview with Dana and someone new, topics, a promised date */
	fu_event iv = { 0 };
	char *topics[] = { "moving billing to Go", "on-call, rotas; pay" };
	char *names[] = { "Sam Lee" };
	iv.kind = FU_EV_INTERVIEW;
	iv.application_id = acme;
	iv.at = t("2026-11-03 14:00");
	iv.with = malloc(sizeof *iv.with);
	iv.with[0] = d;
	iv.nwith = 1;
	iv.with_new = names;
	iv.nwith_new = 1;
	iv.topics = topics;
	iv.ntopics = 2;
	iv.expect_at = t("2026-11-10");
	iv.channel = FU_CH_IN_PERSON;
	iv.note = "went well";
	assert_fu_ok_db(db, fu_event_add(db, &iv));
	int64_t sam = iv.with[1];
	free(iv.with);

	fu_event e = { 0 };
	e.kind = FU_EV_SENT;
	e.application_id = acme;
	e.at = t("2026-11-03 19:00");
	e.channel = FU_CH_EMAIL;
	e.action = "thank-you";
	int64_t w[2] = { d, sam };
	e.with = w;
	e.nwith = 2;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	ev(db, FU_EV_MEETING, acme, 0, t("2026-11-04 11:00"), sam, 0);
	ev(db, FU_EV_REPLY, acme, 0, t("2026-11-05 09:00"), d, 0);
	memset(&e, 0, sizeof e);
	e.kind = FU_EV_TIMELINE;
	e.application_id = acme;
	e.at = t("2026-11-05 10:00");
	e.expect_at = t("2026-11-12");
	assert_fu_ok_db(db, fu_event_add(db, &e));
	memset(&e, 0, sizeof e);
	e.kind = FU_EV_OFFER;
	e.application_id = acme;
	e.at = t("2026-11-06 16:00");
	e.until_at = t("2026-11-13 17:00");
	assert_fu_ok_db(db, fu_event_add(db, &e));
	ev(db, FU_EV_POSTING_CLOSED, g.id, 0, t("2026-11-02 08:00"), 0, 0);
	memset(&e, 0, sizeof e);
	e.kind = FU_EV_SNOOZE;
	e.application_id = g.id;
	e.at = t("2026-11-02 09:00");
	e.until_at = t("2026-11-16");
	e.action = "closure:0:0";
	assert_fu_ok_db(db, fu_event_add(db, &e));
	ev(db, FU_EV_REJECTION, ini, 0, t("2026-10-30 15:00"), 0, 0);
	memset(&e, 0, sizeof e);
	e.kind = FU_EV_DISMISS;
	e.application_id = ini;
	e.at = t("2026-10-31 10:00");
	e.action = "rejection-response";
	assert_fu_ok_db(db, fu_event_add(db, &e));
	assert_fu_ok_db(db, fu_application_close(db, ini, FU_OUT_REJECTED,
						 t("2026-10-31 11:00"),
						 "they chose someone internal"));
	/* networking with Maria */
	ev(db, FU_EV_MET, 0, m, t("2026-11-01 18:00"), 0, 0);
	ev(db, FU_EV_INTRO, 0, m, t("2026-11-02 12:00"), d, 0);
	memset(&e, 0, sizeof e);
	e.kind = FU_EV_HELP_PROMISED;
	e.contact_id = m;
	e.at = t("2026-11-02 13:00");
	e.urgent = 1;
	e.expect_at = t("2026-11-09");
	assert_fu_ok_db(db, fu_event_add(db, &e));
	ev(db, FU_EV_SENT, 0, m, t("2026-11-02 20:00"), 0, 0);
}

/* The action keys, in order. */
static char *action_keys(fu_db *db)
{
	fu_action_row *rows = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	fu_buf b = FU_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		fu_buf_printf(&b, "%s %lld %lld\n", rows[i].a.key,
			      (long long)rows[i].a.not_before,
			      (long long)rows[i].a.due);
	fu_action_list_free(rows, n);
	return fu_buf_detach(&b);
}

/* --- export and import ---------------------------------------------------- */

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
			rich_scenario(db);
		if (round == 2)
			assert_fu_ok_db(db, fu_config_set(db, "user.name",
				"\"events\": [] \"companies\":[]"));
		char *tree = export_text(db);
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

static void test_transfer_round_trip(void **state)
{
	fu_db *db = *state;
	rich_scenario(db);
	char *one = export_text(db);
	/* every kind is there */
	for (int k = FU_EV_APPLIED; k < FU_EV__COUNT; k++) {
		char want[64];
		snprintf(want, sizeof want, "\"kind\":\t\"%s\"",
			 fu_event_kind_name((fu_event_kind)k));
		if (!strstr(one, want))
			print_error("missing %s\n", want);
		assert_non_null(strstr(one, want));
	}
	fu_db *db2 = fresh_db();
	fu_import_report rep;
	assert_fu_ok_db(db2, fu_import_json(db2, one, strlen(one), 0, &rep));
	assert_int_equal(rep.contacts, 3);
	assert_int_equal(rep.applications, 4);
	assert_int_equal(rep.companies, 4);
	assert_int_equal(rep.config, 4);
	char *two = export_text(db2);
	assert_same_text(one, two);
	/* the actions owed are worked out again, the same */
	char *k1 = action_keys(db), *k2 = action_keys(db2);
	assert_true(strlen(k1) > 0);
	assert_string_equal(k1, k2);
	/* and so is every row, apart from the actions' row numbers */
	sqlite3_exec(db->sql, "DELETE FROM actions", NULL, NULL, NULL);
	sqlite3_exec(db2->sql, "DELETE FROM actions", NULL, NULL, NULL);
	char *d1 = dump(db), *d2 = dump(db2);
	assert_same_text(d1, d2);
	free(d1);
	free(d2);
	free(k1);
	free(k2);
	cJSON_free(one);
	cJSON_free(two);
	fu_db_close(db2);
}

static void test_transfer_refuses_non_empty(void **state)
{
	fu_db *db = *state;
	rich_scenario(db);
	char *doc = export_text(db);
	char *before = dump(db);
	assert_int_equal(fu_import_json(db, doc, strlen(doc), 0, NULL),
			 FU_EEXISTS);
	assert_non_null(strstr(fu_errmsg(db), "already holds data"));
	assert_non_null(strstr(fu_errmsg(db), "--merge"));
	char *after = dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	cJSON_free(doc);
}

static void test_transfer_merge(void **state)
{
	fu_db *db = *state;
	rich_scenario(db);
	static const char doc[] =
		"{\"format\":\"fu-export\",\"version\":1,"
		"\"contacts\":[{\"id\":7,\"name\":\"Dana Reyes\",\"email\":"
		"\"dana@acme.example\"},{\"id\":8,\"name\":\"Kim Park\","
		"\"company\":\"ACME\"}],"
		"\"applications\":[{\"id\":9,\"company\":\"Acme\",\"role\":"
		"\"Staff Engineer\",\"contacts\":[8,7]}],"
		"\"events\":[{\"id\":3,\"kind\":\"interview\",\"at\":"
		"\"2026-11-06T10:00:00+01:00\",\"application\":9,\"with\":[7]},"
		"{\"id\":4,\"kind\":\"dismiss\",\"at\":"
		"\"2026-11-06T12:00:00+01:00\",\"application\":9,\"action\":"
		"\"thank-you:3:7\"}],"
		"\"config\":{\"user.name\":\"Somebody Else\",\"user.phone\":"
		"\"555\"}}";
	int64_t max_thing = 0, max_event = 0;
	fu_contact *list = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_contact_list(&list, &n, db, NULL));
	for (size_t i = 0; i < n; i++)
		if (list[i].id > max_thing)
			max_thing = list[i].id;
	fu_contact_list_free(list, n);
	fu_application *apps = NULL;
	assert_fu_ok_db(db, fu_application_list(&apps, &n, db, NULL));
	for (size_t i = 0; i < n; i++)
		if (apps[i].id > max_thing)
			max_thing = apps[i].id;
	fu_application_list_free(apps, n);
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(db->sql, "SELECT max(id) FROM events", -1, &st, NULL);
	sqlite3_step(st);
	max_event = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);

	fu_import_report rep;
	assert_fu_ok_db(db, fu_import_json(db, doc, strlen(doc),
					   FU_IMPORT_MERGE, &rep));
	assert_int_equal(rep.contacts, 1);        /* Kim */
	assert_int_equal(rep.contacts_matched, 1); /* Dana, by name + email */
	assert_int_equal(rep.applications, 1);
	assert_int_equal(rep.events, 2);
	assert_int_equal(rep.config, 1);          /* user.name was set */
	assert_int_equal(rep.companies, 0);       /* ACME is Acme */
	/* the numbers: after what was there, in the file's order (7 < 8 < 9:
	 * Dana is matched, Kim gets the next, then the application) */
	int64_t kim = max_thing + 1, staff = max_thing + 2;
	fu_application *a = NULL;
	assert_fu_ok_db(db, fu_application_get(&a, db, staff));
	assert_string_equal(a->role, "Staff Engineer");
	assert_string_equal(a->company, "Acme");
	assert_int_equal(a->ncontacts, 2);
	assert_int_equal(a->contact_ids[0], kim);
	assert_int_equal(a->contact_ids[1], 1); /* Dana */
	fu_application_free(a);
	fu_event *e = NULL;
	assert_fu_ok_db(db, fu_event_get(&e, db, max_event + 2));
	char key[64];
	snprintf(key, sizeof key, "thank-you:%lld:1", (long long)max_event + 1);
	assert_string_equal(e->action, key);
	fu_event_free(e);
	char *name = NULL;
	assert_fu_ok_db(db, fu_config_get(&name, db, "user.name"));
	assert_string_equal(name, "Alex Morgan"); /* kept */
	free(name);
	/* the dismissed thank-you is not owed */
	fu_action_row *rows = NULL;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	for (size_t i = 0; i < n; i++)
		assert_false(rows[i].a.application_id == staff &&
			     rows[i].a.kind == FU_ACT_THANK_YOU);
	fu_action_list_free(rows, n);
}

/* A small valid document; the bad ones below change one thing in it. */
static const char base_doc[] =
	"{\"format\":\"fu-export\",\"version\":1,"
	"\"exported\":\"2026-11-09T09:00:00+01:00\","
	"\"companies\":[{\"id\":1,\"name\":\"Acme\","
	"\"created\":\"2026-11-01T10:00:00+01:00\"}],"
	"\"contacts\":[{\"id\":1,\"name\":\"Dana Reyes\",\"company\":\"Acme\","
	"\"email\":\"dana@acme.example\",\"no_calls\":false}],"
	"\"applications\":[{\"id\":2,\"company\":\"Acme\",\"role\":"
	"\"Backend Engineer\",\"contacts\":[1]}],"
	"\"events\":[{\"id\":1,\"kind\":\"applied\",\"at\":"
	"\"2026-11-02T10:00:00+01:00\",\"application\":2},"
	"{\"id\":2,\"kind\":\"interview\",\"at\":\"2026-11-05T14:00:00+01:00\","
	"\"application\":2,\"with\":[1],\"topics\":[\"Go\"]}],"
	"\"config\":{\"user.name\":\"Alex\"}}";

static char *replaced(const char *find, const char *repl)
{
	const char *p = strstr(base_doc, find);
	if (!p)
		print_error("not in the document: %s\n", find);
	assert_non_null(p);
	fu_buf b = FU_BUF_INIT;
	fu_buf_add(&b, base_doc, (size_t)(p - base_doc));
	fu_buf_puts(&b, repl);
	fu_buf_puts(&b, p + strlen(find));
	return fu_buf_detach(&b);
}

static void test_transfer_base_doc_is_good(void **state)
{
	fu_db *db = *state;
	fu_import_report rep;
	assert_fu_ok_db(db, fu_import_json(db, base_doc, strlen(base_doc), 0,
					   &rep));
	assert_int_equal(rep.events, 2);
	/* and the interview owes a thank-you to Dana */
	char *keys = action_keys(db);
	assert_non_null(strstr(keys, "thank-you:2:1"));
	free(keys);
}

static const struct bad_case {
	const char *find, *repl; /* NULL find: repl is the whole text */
	const char *msg;         /* the message, or its start with a '*' */
} bad_cases[] = {
	{ NULL, "", "line 1: the file is empty, not an export" },
	{ NULL, "  \n{\"format\": ", "line 2, column 12: not JSON (it ends too soon: is the file cut short?)" },
	{ NULL, "{\"a\":1} x", "line 1, column 9: not JSON (more after the end "
	  "of the document)" },
	{ NULL, "{\"format\":\"fu-export\",\n  \"version\": 1,,}",
	  "line 2, column 17: not JSON (cJSON error near '}')" },
	{ NULL, "{\"format\":\"fu-export\", \"version\": 1, \"note\": \"abc",
	  "line 1, column 50: not JSON (it ends too soon: is the file cut "
	  "short?)" },
	{ NULL, "[1, 2]", "the file: expected a JSON object (as fu export "
	  "writes), not an array" },
	{ "\"fu-export\"", "\"fu-backup\"", "format: expected \"fu-export\" (is "
	  "this a file fu export wrote?), not 'fu-backup'" },
	{ "\"version\":1", "\"version\":2", "version: this file is version 2 "
	  "of the fu-export format; this fu reads version 1 (upgrade fu)" },
	{ "\"version\":1", "\"version\":\"1\"", "version: expected 1, not a "
	  "string" },
	{ "\"exported\"", "\"exporter\"", "*exporter: unknown field (an "
	  "export has: format, version," },
	{ "\"exported\":\"2026-11-09T09:00:00+01:00\"", "\"exported\":3",
	  "exported: expected an ISO 8601 time with its offset, like "
	  "2026-11-10T14:00:00+01:00, not a number" },
	{ "\"companies\":[{\"id\":1,\"name\":\"Acme\",",
	  "\"companies\":[{\"id\":1,\"name\":\"Acme\"},{\"id\":2,\"name\":"
	  "\"ACME\",", "companies[1].name: 'ACME' is already companies[0]" },
	{ "\"contacts\":[{\"id\":1,\"name\":\"Dana Reyes\",\"company\":\"Acme\","
	  "\"email\":\"dana@acme.example\",\"no_calls\":false}]",
	  "\"contacts\":{}", "contacts: expected an array, not an object" },
	{ "\"contacts\":[{\"id\":1,", "\"contacts\":[5,{\"id\":1,",
	  "contacts[0]: expected an object, not a number" },
	{ "\"name\":\"Dana Reyes\",", "", "contacts[0].name: missing (expected "
	  "a non-empty string)" },
	{ "\"name\":\"Dana Reyes\"", "\"name\":\"Dana Reyes\",\"name\":\"D\"",
	  "contacts[0].name: given twice" },
	{ "\"Dana Reyes\"", "\"Dana\\u001b[31mReyes\"", "contacts[0].name: "
	  "contains a control character" },
	{ "\"Dana Reyes\"", "\"Dana \xff Reyes\"", "contacts[0].name: is not "
	  "valid UTF-8" },
	{ "\"Dana Reyes\"", "\"Dana\\u0000Reyes\"", "line 1, column 181: "
	  "\\u0000 (a NUL character) in a string" },
	{ "\"dana@acme.example\"", "\"dana@\"", "contacts[0].email: 'dana@' is "
	  "not an e-mail address" },
	{ "\"email\"", "\"emial\"", "*contacts[0].emial: unknown field (a "
	  "contact has: id, name, company," },
	{ "\"no_calls\":false", "\"no_calls\":\"no\"", "contacts[0].no_calls: "
	  "expected true or false, not a string" },
	{ "\"no_calls\":false", "\"prefers\":\"in-person\"", "contacts[0]."
	  "prefers: 'in-person' is not a channel a contact can prefer (email, "
	  "phone, letter, social)" },
	{ "\"dana@acme.example\"", "\"\"", "contacts[0].email: expected a "
	  "non-empty string or null, not an empty string" },
	{ "\"no_calls\":false", "\"no_calls\":true,\"prefers\":\"phone\"",
	  "contacts[0].prefers: phone, but no_calls is true: they want no "
	  "calls" },
	{ "\"contacts\":[{\"id\":1,", "\"contacts\":[{\"id\":1.5,",
	  "contacts[0].id: expected a whole number above 0, not a number" },
	{ "\"role\":\"Backend Engineer\"", "\"role\":\"\"", "applications[0]."
	  "role: expected a non-empty string, not an empty string" },
	{ "\"role\":\"Backend Engineer\"", "\"role\":7", "applications[0].role: "
	  "expected a non-empty string, not a number" },
	{ "\"role\":\"Backend Engineer\"", "\"role\":\"Backend Engineer\","
	  "\"source\":\"newspaper\"", "applications[0].source: 'newspaper' is "
	  "not a source (board, referral, recruiter, direct, other)" },
	{ "\"contacts\":[1]", "\"contacts\":[4]", "applications[0].contacts[0]: "
	  "no contact 4 in the file" },
	{ "\"contacts\":[1]", "\"contacts\":[1,1]", "applications[0]."
	  "contacts[1]: contact 1 is named twice" },
	{ "\"applications\":[{\"id\":2,", "\"applications\":[{\"id\":1,",
	  "applications[0].id: 1 is already the number of contacts[0] "
	  "(contacts and applications share numbers)" },
	{ "\"kind\":\"interview\"", "\"kind\":\"lunch\"", "*events[1].kind: "
	  "'lunch' is not an event kind (applied, interview, meeting," },
	{ "\"kind\":\"interview\"", "\"kind\":\"interview\",\"channel\":"
	  "\"pigeon\"", "events[1].channel: 'pigeon' is not a channel (email, "
	  "phone, letter, social, in-person)" },
	{ "\"kind\":\"interview\"", "\"kind\":\"closed\",\"outcome\":\"fired\"",
	  "events[1].outcome: 'fired' is not an outcome (accepted, declined, "
	  "rejected, withdrawn, no-response, filled)" },
	{ "\"kind\":\"interview\"", "\"kind\":\"closed\"", "events[1].outcome: "
	  "a closed event needs an outcome (accepted, declined, rejected, "
	  "withdrawn, no-response, filled)" },
	{ "\"kind\":\"interview\"", "\"kind\":\"interview\",\"outcome\":"
	  "\"rejected\"", "events[1].outcome: only a closed event has an "
	  "outcome, not interview" },
	{ "\"kind\":\"interview\"", "\"kind\":\"snooze\"", "events[1].until: a "
	  "snooze needs until" },
	{ "\"kind\":\"interview\"", "\"kind\":\"interview\",\"urgent\":true",
	  "events[1].urgent: only help-promised can be urgent, not interview" },
	{ "\"kind\":\"interview\"", "\"kind\":\"interview\",\"action\":"
	  "\"nudge\"", "events[1].action: only sent, snooze and dismiss aim at "
	  "an action, not interview" },
	{ "\"kind\":\"interview\"", "\"kind\":\"sent\",\"action\":\"hug\"",
	  "*events[1].action: 'hug' is not an action (thank-you," },
	{ "\"at\":\"2026-11-05T14:00:00+01:00\"", "\"at\":\"2026-11-05 14:00\"",
	  "events[1].at: expected an ISO 8601 time with its offset, like "
	  "2026-11-10T14:00:00+01:00, not '2026-11-05 14:00'" },
	{ "\"at\":\"2026-11-05T14:00:00+01:00\"",
	  "\"at\":\"2026-02-30T14:00:00+01:00\"", "events[1].at: cannot read "
	  "date '2026-02-30T14:00:00+01:00': february 2026 has 28 days" },
	{ "\"at\":\"2026-11-05T14:00:00+01:00\",", "", "events[1].at: missing "
	  "(expected an ISO 8601 time with its offset, like "
	  "2026-11-10T14:00:00+01:00)" },
	{ "\"at\":\"2026-11-05T14:00:00+01:00\"", "\"at\":\"2026-11-05T14:00:00"
	  "+01:00\",\"expect\":\"2026-11-05T14:00:00+01:00\",\"until\":"
	  "\"2026-11-09T10:00:00Z\"", "events[1].until: only a snooze or an "
	  "offer has until, not interview" },
	{ "\"application\":2}", "\"application\":17}", "events[0].application: "
	  "no application 17 in the file" },
	{ "\"application\":2}", "\"application\":1}", "events[0].application: "
	  "no application 1 in the file (that is a contact)" },
	{ "\"application\":2}", "\"application\":null}", "events[0]."
	  "application: an event needs an application or a contact (both are "
	  "null)" },
	{ "\"application\":2}", "\"contact\":1}", "events[0].kind: 'applied' is "
	  "logged on an application, not on a contact" },
	{ "\"with\":[1]", "\"with\":[9]", "events[1].with[0]: no contact 9 in "
	  "the file" },
	{ "\"with\":[1]", "\"with\":1", "events[1].with: expected an array, not "
	  "a number" },
	{ "\"topics\":[\"Go\"]", "\"topics\":[\"Go\",\"\"]", "events[1]."
	  "topics[1]: expected a non-empty string, not an empty string" },
	{ "{\"id\":2,\"kind\"", "{\"id\":1,\"kind\"", "events[1].id: 1 is "
	  "already the number of events[0]" },
	{ "\"user.name\":\"Alex\"", "\"user.nam\":\"Alex\"", "config.user.nam: "
	  "unknown configuration key (fu config --list shows them)" },
	{ "\"user.name\":\"Alex\"", "\"rules.nudge.days\":\"0\"", "config."
	  "rules.nudge.days: expected a whole number from 1 to 365, not '0'" },
	{ "\"user.name\":\"Alex\"", "\"user.employed\":true", "config."
	  "user.employed: expected a string, not true" },
	{ "\"config\":{\"user.name\":\"Alex\"}", "\"config\":[]", "config: "
	  "expected an object, not an array" },
};

/* Each bad document: refused, with its message, into an empty database
 * and (with --merge) into one with data; neither changes. */
static void test_transfer_bad_documents(void **state)
{
	fu_db *db = *state;
	fu_db *full = fresh_db();
	rich_scenario(full);
	char *empty_before = dump(db), *full_before = dump(full);
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *c = &bad_cases[i];
		char *doc = c->find ? replaced(c->find, c->repl) : strdup(c->repl);
		for (int merge = 0; merge < 2; merge++) {
			fu_db *target = merge ? full : db;
			int rc = fu_import_json(target, doc, strlen(doc),
						merge ? FU_IMPORT_MERGE : 0, NULL);
			const char *msg = fu_errmsg(target);
			int same = c->msg[0] == '*'
				? strncmp(msg, c->msg + 1, strlen(c->msg + 1)) == 0
				: strcmp(msg, c->msg) == 0;
			if (rc != FU_EINVALID || !same)
				print_error("case %zu (merge %d): %d '%s'\n"
					    "  wanted '%s'\n", i, merge, rc, msg,
					    c->msg);
			assert_int_equal(rc, FU_EINVALID);
			assert_true(same);
			char *after = dump(target);
			assert_string_equal(after, merge ? full_before
							 : empty_before);
			free(after);
		}
		free(doc);
	}
	free(empty_before);
	free(full_before);
	fu_db_close(full);
}

/* --- CSV ------------------------------------------------------------------ */

static fu_csv *parse_ok(fu_db *db, const char *text)
{
	fu_csv *csv = NULL;
	assert_fu_ok_db(db, fu_csv_parse(&csv, db, text, strlen(text)));
	return csv;
}

static void test_csv_quoting(void **state)
{
	fu_db *db = *state;
	static const char text[] =
		"\xef\xbb\xbfname,note,n\r\n"
		"plain,\"with, comma\",1\r\n"
		"\"doubled \"\"quotes\"\"\",\"line\r\nbreak\",2\n"
		"\n"
		"\"\",5\" screen,\r\n"
		"last,\"lf\nonly\",\"\"\"\"";
	fu_csv *csv = parse_ok(db, text);
	assert_int_equal(csv->nrows, 5);
	fu_csv_row *r = csv->rows;
	assert_int_equal(r[0].line, 1);
	assert_int_equal(r[0].nfields, 3);
	assert_string_equal(r[0].fields[0], "name"); /* the BOM is gone */
	assert_int_equal(r[1].line, 2);
	assert_string_equal(r[1].fields[1], "with, comma");
	assert_int_equal(r[2].line, 3);
	assert_string_equal(r[2].fields[0], "doubled \"quotes\"");
	assert_string_equal(r[2].fields[1], "line\nbreak");
	assert_string_equal(r[2].fields[2], "2");
	/* the blank line 5 is no record; a quote inside a bare field stays */
	assert_int_equal(r[3].line, 6);
	assert_int_equal(r[3].nfields, 3);
	assert_string_equal(r[3].fields[0], "");
	assert_string_equal(r[3].fields[1], "5\" screen");
	assert_string_equal(r[3].fields[2], "");
	assert_int_equal(r[4].line, 7);
	assert_string_equal(r[4].fields[1], "lf\nonly");
	assert_string_equal(r[4].fields[2], "\"");
	fu_csv_free(csv);

	/* lone CRs end lines too (old spreadsheets) */
	csv = parse_ok(db, "a,b\rc,d\r");
	assert_int_equal(csv->nrows, 2);
	assert_int_equal(csv->rows[1].line, 2);
	assert_string_equal(csv->rows[1].fields[1], "d");
	fu_csv_free(csv);
	csv = parse_ok(db, "");
	assert_int_equal(csv->nrows, 0);
	fu_csv_free(csv);
}

static void test_csv_errors(void **state)
{
	fu_db *db = *state;
	static const struct { const char *text; const char *msg; } cases[] = {
		{ "a,b\n\"x\"y,2\n", "line 2: text after a closing quote "
		  "(inside a quoted field, write a quote twice: \"\")" },
		{ "a,b\n1,2\n\"open\n\nstill", "line 5: a quoted field is not "
		  "closed (it opens on line 3)" },
		{ "a,b\r\n1,2\r\nbad \xc3\x28,3\r\n", "line 3: not valid UTF-8 "
		  "(save the spreadsheet as CSV UTF-8)" },
		{ "a,b\n\"multi\nline\",\xe2\x82\n", "line 3: not valid UTF-8 "
		  "(save the spreadsheet as CSV UTF-8)" },
		{ "a,b\n1,2\xed\xa0\x80\n", "line 2: not valid UTF-8 (save the "
		  "spreadsheet as CSV UTF-8)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fu_csv *csv = NULL;
		assert_int_equal(fu_csv_parse(&csv, db, cases[i].text,
					      strlen(cases[i].text)), FU_EINVALID);
		assert_null(csv);
		assert_string_equal(fu_errmsg(db), cases[i].msg);
	}
	static const char nul[] = "a,b\n1\0,2\n";
	fu_csv *csv = NULL;
	assert_int_equal(fu_csv_parse(&csv, db, nul, sizeof nul - 1),
			 FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 2: a NUL byte (is this a text "
			    "file?)");
}

static void test_csv_import(void **state)
{
	fu_db *db = *state;
	int64_t dana = person(db, "Dana Reyes", "Acme");
	static const char text[] =
		"Company,Job Title,Date Applied,Contact Name,Contact E-mail,"
		"Status,Link,Notes,Salary\r\n"
		"Acme,Backend Engineer,2026-11-02,dana reyes,,applied,"
		"https://acme.example/1,\"remote, maybe\",90k\r\n"
		"Globex,SRE,2026-10-20,Sam Lee,sam@globex.example,rejected,,,\r\n"
		"Globex,Platform,2026-10-22,Sam Lee,sam@globex.example,"
		"Interviewing,,,\r\n"
		"Initech,Data Engineer,,,,,,,\r\n"
		",,,,,,,,\r\n";
	fu_csv_report rep;
	assert_fu_ok_db(db, fu_import_csv(db, text, strlen(text), 0, &rep));
	assert_int_equal(rep.rows, 4);
	assert_int_equal(rep.applications, 4);
	assert_int_equal(rep.contacts_created, 1); /* Sam, once */
	assert_int_equal(rep.contacts_reused, 2);  /* Dana; Sam again */
	assert_int_equal(rep.nunknown, 1);
	assert_string_equal(rep.unknown_columns[0], "Salary");
	assert_int_equal(rep.nbad, 0);
	fu_csv_report_clear(&rep);

	fu_application *list[4];
	for (int i = 0; i < 4; i++)
		assert_fu_ok_db(db, fu_application_get(&list[i], db,
						       dana + 1 + i + (i > 0)));
	assert_string_equal(list[0]->company, "Acme");
	assert_string_equal(fu_application_stage_name(list[0]), "applied");
	assert_int_equal(list[0]->applied_at, t("2026-11-02 12:00"));
	assert_int_equal(list[0]->ncontacts, 1);
	assert_int_equal(list[0]->contact_ids[0], dana);
	assert_string_equal(list[0]->url, "https://acme.example/1");
	assert_string_equal(list[0]->notes, "remote, maybe");
	assert_string_equal(list[1]->company, "Globex");
	assert_string_equal(fu_application_stage_name(list[1]), "rejected");
	assert_int_equal(list[1]->closed_at, t("2026-10-20 12:00"));
	assert_string_equal(fu_application_stage_name(list[2]), "interviewing");
	assert_int_equal(list[2]->contact_ids[0], list[1]->contact_ids[0]);
	assert_string_equal(list[3]->company, "Initech");
	assert_string_equal(fu_application_stage_name(list[3]), "planned");
	assert_int_equal(list[3]->applied_at, 0);
	for (int i = 0; i < 4; i++)
		fu_application_free(list[i]);
	fu_contact *sam = NULL;
	assert_fu_ok_db(db, fu_contact_get(&sam, db, dana + 2));
	assert_string_equal(sam->name, "Sam Lee");
	assert_string_equal(sam->email, "sam@globex.example");
	assert_string_equal(sam->company, "Globex");
	fu_contact_free(sam);
}

static void test_csv_bad_rows(void **state)
{
	fu_db *db = *state;
	static const char text[] =
		"company,role,applied,contact,email,status\n"
		"Acme,Backend Engineer,2026-11-02,,,\n"
		"Globex,SRE,31/02/2026,,,\n"
		"Hooli,\"\",,,,\n"
		"Initech,Data,,,x@y.example,\n"
		"Umbrella,QA,,,,ghosted\n"
		"Stark,Dev,,,,open\n";
	char *before = dump(db);
	fu_csv_report rep;
	assert_int_equal(fu_import_csv(db, text, strlen(text), 0, &rep),
			 FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 3, column applied: cannot read "
		"date '31/02/2026': use " FU_DATE_FORMS " (and 3 more bad rows; "
		"nothing imported: --skip-bad imports the good ones)");
	char *after = dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	fu_csv_report_clear(&rep);

	assert_fu_ok_db(db, fu_import_csv(db, text, strlen(text),
					  FU_IMPORT_SKIP_BAD, &rep));
	assert_int_equal(rep.applications, 2);
	assert_int_equal(rep.nbad, 4);
	assert_int_equal(rep.bad[0].line, 3);
	assert_int_equal(rep.bad[1].line, 4);
	assert_string_equal(rep.bad[1].message, "line 4, column role: empty; "
			    "every row needs the role");
	assert_string_equal(rep.bad[2].message, "line 5, column email: "
			    "'x@y.example' has no contact name beside it "
			    "(column contact)");
	assert_string_equal(rep.bad[3].message, "line 6, column status: "
			    "'ghosted' is not a status (open, applied, "
			    "interviewing, offer, accepted, declined, rejected, "
			    "withdrawn, no-response, filled)");
	fu_csv_report_clear(&rep);

	/* a header without the columns fu needs, or a duplicate */
	static const char nocompany[] = "employer name,role\nAcme,Dev\n";
	assert_int_equal(fu_import_csv(db, nocompany, strlen(nocompany), 0,
				       &rep), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 1: no 'company' column (fu "
			    "reads company, role, applied, contact, email, "
			    "status, source, url, notes)");
	fu_csv_report_clear(&rep);
	static const char twice[] = "Role,company,Position\nDev,Acme,Dev\n";
	assert_int_equal(fu_import_csv(db, twice, strlen(twice), 0, &rep),
			 FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 1: columns 'Role' and "
			    "'Position' both give the role");
	fu_csv_report_clear(&rep);
	static const char semi[] = "company;role\nAcme;Dev\n";
	assert_int_equal(fu_import_csv(db, semi, strlen(semi), 0, &rep),
			 FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 1: the columns are separated "
			    "by ';', not by commas: save the spreadsheet as CSV "
			    "with commas");
	fu_csv_report_clear(&rep);
	static const char wide[] = "company,role\nAcme,Dev,extra\n";
	assert_int_equal(fu_import_csv(db, wide, strlen(wide), 0, &rep),
			 FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 2: 3 fields, but the header "
			    "names 2 columns (nothing imported)");
	fu_csv_report_clear(&rep);
}

/* --- iCalendar ------------------------------------------------------------ */

/* Undo RFC 5545 folding; check every line on the way. */
static char *unfold(const char *s)
{
	fu_buf b = FU_BUF_INIT;
	while (*s) {
		const char *crlf = strstr(s, "\r\n");
		assert_non_null(crlf);
		size_t len = (size_t)(crlf - s);
		assert_true(len <= 75);
		assert_null(memchr(s, '\n', len));
		if (*s == ' ') {
			/* a continuation never starts inside a character */
			assert_true(len > 1);
			assert_false(((unsigned char)s[1] & 0xc0) == 0x80);
			fu_buf_add(&b, s + 1, len - 1);
		} else {
			if (b.len)
				fu_buf_putc(&b, '\n');
			fu_buf_add(&b, s, len);
		}
		s = crlf + 2;
	}
	return fu_buf_detach(&b);
}

static void test_ics_folding(void **state)
{
	(void)state;
	/* ASCII, then 2-, 3- and 4-byte characters at every offset */
	static const char *const pieces[] = { "a", "\xc3\xa9", "\xe2\x82\xac",
					      "\xf0\x9f\x98\x80" };
	for (size_t p = 0; p < 4; p++)
		for (size_t pre = 0; pre < 8; pre++) {
			fu_buf line = FU_BUF_INIT, out = FU_BUF_INIT;
			fu_buf_puts(&line, "SUMMARY:");
			for (size_t i = 0; i < pre; i++)
				fu_buf_putc(&line, 'x');
			for (size_t i = 0; i < 90; i++)
				fu_buf_puts(&line, pieces[p]);
			fu_ics_line(&out, line.data);
			char *back = unfold(out.data);
			assert_string_equal(back, line.data);
			free(back);
			fu_buf_free(&line);
			fu_buf_free(&out);
		}
	/* exactly 75 octets stays one line; 76 folds */
	fu_buf line = FU_BUF_INIT, out = FU_BUF_INIT;
	for (int i = 0; i < 75; i++)
		fu_buf_putc(&line, 'x');
	fu_ics_line(&out, line.data);
	assert_int_equal(out.len, 77);
	fu_buf_clear(&out);
	fu_buf_putc(&line, 'y');
	fu_ics_line(&out, line.data);
	assert_int_equal(out.len, 75 + 2 + 2 + 2);
	assert_memory_equal(out.data + 75, "\r\n y\r\n", 6);
	fu_buf_free(&line);
	fu_buf_free(&out);
}

static void test_ics_escaping(void **state)
{
	(void)state;
	fu_buf b = FU_BUF_INIT;
	fu_ics_escape(&b, "a\\b;c,d\ne\x01\tf");
	assert_string_equal(b.data, "a\\\\b\\;c\\,d\\ne f");
	fu_buf_free(&b);
}

static void test_ics_calendar(void **state)
{
	(void)state;
	fu_action_row rows[2];
	memset(rows, 0, sizeof rows);
	snprintf(rows[0].a.key, sizeof rows[0].a.key, "thank-you:12:3");
	rows[0].a.kind = FU_ACT_THANK_YOU;
	rows[0].a.rule = "thank-you";
	rows[0].a.application_id = 2;
	rows[0].a.contact_id = 3;
	rows[0].a.channel = FU_CH_EMAIL;
	rows[0].a.not_before = NOW;
	rows[0].a.due = NOW + 86400;
	snprintf(rows[0].a.reason, sizeof rows[0].a.reason, "you interviewed "
		 "with Dana Reyes on Mon 9 Nov; a thank-you within 24 hours");
	rows[0].company = "Acme, Inc.";
	rows[0].role = "Backend Engineer";
	rows[0].contact_name = "Dana Reyes";
	snprintf(rows[1].a.key, sizeof rows[1].a.key, "closure:0:0");
	rows[1].a.kind = FU_ACT_CLOSURE;
	rows[1].a.rule = "closure";
	rows[1].a.application_id = 5;
	rows[1].a.not_before = rows[1].a.due = NOW;
	snprintf(rows[1].a.reason, sizeof rows[1].a.reason, "no word");
	rows[1].company = "Globex";
	rows[1].role = "SRE";
	fu_buf b = FU_BUF_INIT;
	fu_ics_write(&b, rows, 2, NOW, 0x1234);
	char *u = unfold(b.data);
	static const char want[] =
		"BEGIN:VCALENDAR\n"
		"VERSION:2.0\n"
		"PRODID:-//fu//fu " FU_VERSION "//EN\n"
		"CALSCALE:GREGORIAN\n"
		"X-WR-CALNAME:fu\n"
		"BEGIN:VTODO\n"
		"UID:a2.thank-you-12-3.1234@fu\n"
		"DTSTAMP:20261109T080000Z\n"
		"DTSTART:20261109T080000Z\n"
		"DUE:20261110T080000Z\n"
		"SUMMARY:thank-you to Dana Reyes (Acme\\, Inc.\\, Backend Engineer)\n"
		"DESCRIPTION:you interviewed with Dana Reyes on Mon 9 Nov\\; a "
		"thank-you within 24 hours\\n\\nrule: thank-you\\nby: email\n"
		"CATEGORIES:thank-you\n"
		"STATUS:NEEDS-ACTION\n"
		"END:VTODO\n"
		"BEGIN:VTODO\n"
		"UID:a5.closure-0-0.1234@fu\n"
		"DTSTAMP:20261109T080000Z\n"
		"DUE:20261109T080000Z\n" /* no DTSTART: DUE must come after it */
		"SUMMARY:closure (Globex\\, SRE)\n"
		"DESCRIPTION:no word\\n\\nrule: closure\n"
		"CATEGORIES:closure\n"
		"STATUS:NEEDS-ACTION\n"
		"END:VTODO\n"
		"END:VCALENDAR";
	assert_string_equal(u, want);
	free(u);
	fu_buf_free(&b);
}

static void test_ics_uid_stable(void **state)
{
	fu_db *db = *state;
	int64_t d = person(db, "Dana Reyes", "Acme");
	int64_t a = app(db, "Acme", "Backend Engineer", d, t("2026-11-02 10:00"));
	fu_action_row *rows = NULL;
	size_t n = 0;
	fu_buf one = FU_BUF_INIT, two = FU_BUF_INIT;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	assert_fu_ok_db(db, fu_ics_calendar(&one, db, rows, n));
	fu_action_list_free(rows, n);
	/* something unrelated happens, later */
	fu_db_set_now(db, NOW + 3600);
	int64_t other = app(db, "Globex", "SRE", 0, NOW + 3600);
	(void)other;
	(void)a;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	assert_fu_ok_db(db, fu_ics_calendar(&two, db, rows, n));
	fu_action_list_free(rows, n);
	const char *uid = strstr(one.data, "UID:a2.application-check-in");
	assert_non_null(uid);
	char line[128];
	size_t len = strcspn(uid, "\r");
	assert_true(len < sizeof line);
	memcpy(line, uid, len);
	line[len] = '\0';
	assert_non_null(strstr(two.data, line));
	fu_buf_free(&one);
	fu_buf_free(&two);
}

/* --- stats ---------------------------------------------------------------- */

/*
 * The scenario, as of Mon 9 Nov 2026 09:00 (Europe/Berlin; every date is
 * after the change to winter time on 25 Oct):
 *
 *   A1 Acme      applied Mon 2 Nov 10:00, contact Dana; a sent to Dana
 *                Mon 2 Nov 15:00; Dana replied Wed 4 Nov; interview with
 *                Dana Thu 5 Nov 14:00; thank-you sent to Dana Thu 5 Nov
 *                20:00 (6 h later: on time). Open, interviewing.
 *   A2 Globex    applied Tue 3 Nov 09:00; meeting with Sam Fri 6 Nov
 *                11:00, no sent since (window over Sat 7 Nov 11:00).
 *                Open, applied (a meeting is no interview).
 *   A3 Initech   applied Mon 26 Oct 12:00; a sent Wed 28 Oct; closed as
 *                rejected Fri 30 Oct 10:00, no rejection event.
 *   A4 Hooli     applied Wed 4 Nov 12:00; nothing since. Open, applied.
 *   A5 Umbrella  never applied. Open, planned.
 *   A6 Stark     applied Sun 1 Nov 12:00; offer Sat 7 Nov 10:00; meeting
 *                with Pepper today 08:00 (window open, no sent: left
 *                out). Open, offer.
 *   Maria        networking meeting Thu 29 Oct 12:00; a sent on Maria
 *                Fri 30 Oct 10:00 (22 h later: on time).
 *
 * Everything:
 *   applications 6: open 5 (planned 1, applied 2, interviewing 1, offer
 *   1), closed 1 (rejected 1).
 *   applied to: A1 A2 A3 A4 A6 = 5; heard back: A1 (reply), A2 (meeting),
 *   A3 (closed rejected), A6 (offer) = 4; rate 4/5 = 0.8.
 *   days to the first word: A1 2 Nov -> 4 Nov = 2; A2 3 -> 6 Nov = 3;
 *   A3 26 -> 30 Oct = 4 (its closing); A6 1 -> 7 Nov = 6. Sorted 2 3 4 6:
 *   median (3 + 4) / 2 = 3.5 over 4.
 *   meetings: A1's interview (thanked), A2's meeting (not), Maria's
 *   (thanked); A6's left out: 2 of 3 = 0.6667.
 *   follow-ups: A1 2, A3 1 (Maria's is networking) = 3; 3 / 5 = 0.6.
 *
 * --since 2026-11-02 (midnight): A1 A2 A4 only (A6 applied 1 Nov, A3 in
 *   October, A5 never).
 *   applications 3, all open: applied 2 (A2, A4), interviewing 1 (A1).
 *   heard back: A1, A2 = 2 of 3 = 0.6667; days 2, 3: median 2.5.
 *   meetings: A1 (thanked), A2 (not); Maria's was before: 1 of 2 = 0.5.
 *   follow-ups: A1's 2; 2 / 3 = 0.6667.
 */
static void stats_scenario(fu_db *db)
{
	int64_t dana = person(db, "Dana Reyes", "Acme");
	int64_t sam = person(db, "Sam Lee", "Globex");
	int64_t pepper = person(db, "Pepper Potts", "Stark");
	int64_t maria = person(db, "Maria Lopez", NULL);
	int64_t a1 = app(db, "Acme", "Backend Engineer", dana,
			 t("2026-11-02 10:00"));
	int64_t a2 = app(db, "Globex", "SRE", 0, t("2026-11-03 09:00"));
	int64_t a3 = app(db, "Initech", "Platform", 0, t("2026-10-26 12:00"));
	app(db, "Hooli", "Data", 0, t("2026-11-04 12:00"));
	app(db, "Umbrella", "QA", 0, 0);
	int64_t a6 = app(db, "Stark", "Engineer", 0, t("2026-11-01 12:00"));
	ev(db, FU_EV_SENT, a1, 0, t("2026-11-02 15:00"), dana, 0);
	ev(db, FU_EV_REPLY, a1, 0, t("2026-11-04 09:30"), dana, 0);
	ev(db, FU_EV_INTERVIEW, a1, 0, t("2026-11-05 14:00"), dana, 0);
	ev(db, FU_EV_SENT, a1, 0, t("2026-11-05 20:00"), dana, 0);
	ev(db, FU_EV_MEETING, a2, 0, t("2026-11-06 11:00"), sam, 0);
	ev(db, FU_EV_SENT, a3, 0, t("2026-10-28 10:00"), 0, 0);
	assert_fu_ok_db(db, fu_application_close(db, a3, FU_OUT_REJECTED,
						 t("2026-10-30 10:00"), NULL));
	ev(db, FU_EV_OFFER, a6, 0, t("2026-11-07 10:00"), 0, 0);
	ev(db, FU_EV_MEETING, a6, 0, t("2026-11-09 08:00"), pepper, 0);
	ev(db, FU_EV_MEETING, 0, maria, t("2026-10-29 12:00"), 0, 0);
	ev(db, FU_EV_SENT, 0, maria, t("2026-10-30 10:00"), 0, 0);
}

static void test_stats_by_hand(void **state)
{
	fu_db *db = *state;
	stats_scenario(db);
	fu_stats s;
	assert_fu_ok_db(db, fu_stats_compute(&s, db, 0));
	assert_int_equal(s.applications, 6);
	assert_int_equal(s.open, 5);
	assert_int_equal(s.closed, 1);
	assert_int_equal(s.stages[FU_STAGE_PLANNED], 1);
	assert_int_equal(s.stages[FU_STAGE_APPLIED], 2);
	assert_int_equal(s.stages[FU_STAGE_INTERVIEWING], 1);
	assert_int_equal(s.stages[FU_STAGE_OFFER], 1);
	assert_int_equal(s.outcomes[FU_OUT_REJECTED], 1);
	assert_int_equal(s.applied, 5);
	assert_int_equal(s.responded, 4);
	assert_true(s.response_rate == 0.8);
	assert_int_equal(s.reply_samples, 4);
	assert_true(s.median_reply_days == 3.5);
	assert_int_equal(s.thank_you_hours, 24);
	assert_int_equal(s.meetings, 3);
	assert_int_equal(s.thanked, 2);
	assert_true(s.thank_you_rate > 0.6666 && s.thank_you_rate < 0.6667);
	assert_int_equal(s.follow_ups, 3);
	assert_true(s.follow_ups_per_application == 0.6);

	assert_fu_ok_db(db, fu_stats_compute(&s, db, t("2026-11-02")));
	assert_int_equal(s.applications, 3);
	assert_int_equal(s.open, 3);
	assert_int_equal(s.closed, 0);
	assert_int_equal(s.stages[FU_STAGE_APPLIED], 2);
	assert_int_equal(s.stages[FU_STAGE_INTERVIEWING], 1);
	assert_int_equal(s.applied, 3);
	assert_int_equal(s.responded, 2);
	assert_true(s.median_reply_days == 2.5);
	assert_int_equal(s.meetings, 2);
	assert_int_equal(s.thanked, 1);
	assert_true(s.thank_you_rate == 0.5);
	assert_int_equal(s.follow_ups, 2);

	/* a thank-you window of 4 hours: Dana's (6 h) is late, Maria's too */
	assert_fu_ok_db(db, fu_config_set(db, "rules.thank-you.hours", "4"));
	assert_fu_ok_db(db, fu_stats_compute(&s, db, 0));
	assert_int_equal(s.meetings, 3); /* Pepper's 08:00 + 4 h is still
					    ahead: left out as before */
	assert_int_equal(s.thanked, 0);
}

static void test_stats_empty(void **state)
{
	fu_db *db = *state;
	fu_stats s;
	assert_fu_ok_db(db, fu_stats_compute(&s, db, 0));
	assert_int_equal(s.applications, 0);
	assert_true(s.response_rate < 0);
	assert_true(s.median_reply_days < 0);
	assert_true(s.thank_you_rate < 0);
	assert_true(s.follow_ups_per_application < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_transfer_round_trip),
		T(test_export_streamed_is_the_tree),
		T(test_transfer_refuses_non_empty),
		T(test_transfer_merge),
		T(test_transfer_base_doc_is_good),
		T(test_transfer_bad_documents),
		T(test_csv_quoting),
		T(test_csv_errors),
		T(test_csv_import),
		T(test_csv_bad_rows),
		cmocka_unit_test(test_ics_folding),
		cmocka_unit_test(test_ics_escaping),
		T(test_ics_calendar),
		T(test_ics_uid_stable),
		T(test_stats_by_hand),
		T(test_stats_empty),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
