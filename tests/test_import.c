/* SPDX-License-Identifier: MIT */
/* test_import.c - fu import of an export (lib/import.c): the round trip,
 * an empty database or --merge, and every kind of bad document refused
 * with its message, the database unchanged. */
#include "fu_test.h"

#include <cJSON.h>

#include "fu/buf.h"
#include "fu/import.h"
#include "internal.h"

/* What fu export writes, fu import reads back: the same document, the
 * same actions owed, the same rows. */
static void test_import_round_trip(void **state)
{
	fu_db *db = *state;
	fu_test_rich_scenario(db);
	char *one = fu_test_export_text(db);
	/* every kind is there */
	for (int k = FU_EV_APPLIED; k < FU_EV__COUNT; k++) {
		char want[64];
		snprintf(want, sizeof want, "\"kind\":\t\"%s\"",
			 fu_event_kind_name((fu_event_kind)k));
		if (!strstr(one, want))
			print_error("missing %s\n", want);
		assert_non_null(strstr(one, want));
	}
	/* and the fields only some events have */
	assert_has(one, "\"topic_with\":\t[null, ");
	assert_has(one, "\"occasion\":\t\"the PyData Berlin meetup\"");
	assert_has(one, "\"because\":\t\"the Globex role closes on Friday\"");
	fu_db *db2 = fu_test_db();
	fu_import_report rep;
	assert_fu_ok_db(db2, fu_import_json(db2, one, strlen(one), 0, &rep));
	assert_int_equal(rep.contacts, 3);
	assert_int_equal(rep.applications, 4);
	assert_int_equal(rep.companies, 4);
	assert_int_equal(rep.config, 4);
	char *two = fu_test_export_text(db2);
	assert_same_text(one, two);
	/* the actions owed are worked out again, the same */
	char *k1 = fu_test_action_keys(db), *k2 = fu_test_action_keys(db2);
	assert_true(strlen(k1) > 0);
	assert_string_equal(k1, k2);
	/* and so is every row, apart from the actions' row numbers */
	sqlite3_exec(db->sql, "DELETE FROM actions", NULL, NULL, NULL);
	sqlite3_exec(db2->sql, "DELETE FROM actions", NULL, NULL, NULL);
	char *d1 = fu_test_dump(db), *d2 = fu_test_dump(db2);
	assert_same_text(d1, d2);
	free(d1);
	free(d2);
	free(k1);
	free(k2);
	cJSON_free(one);
	cJSON_free(two);
	fu_db_close(db2);
}

static void test_import_refuses_non_empty(void **state)
{
	fu_db *db = *state;
	fu_test_rich_scenario(db);
	char *doc = fu_test_export_text(db);
	char *before = fu_test_dump(db);
	assert_int_equal(fu_import_json(db, doc, strlen(doc), 0, NULL),
			 FU_EEXISTS);
	assert_non_null(strstr(fu_errmsg(db), "already holds data"));
	assert_non_null(strstr(fu_errmsg(db), "--merge"));
	char *after = fu_test_dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	cJSON_free(doc);
}

static void test_import_merge(void **state)
{
	fu_db *db = *state;
	fu_test_rich_scenario(db);
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
	max_event = fu_test_int(db, "SELECT max(id) FROM events");

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

static void test_import_base_doc_is_good(void **state)
{
	fu_db *db = *state;
	fu_import_report rep;
	assert_fu_ok_db(db, fu_import_json(db, base_doc, strlen(base_doc), 0,
					   &rep));
	assert_int_equal(rep.events, 2);
	/* and the interview owes a thank-you to Dana */
	char *keys = fu_test_action_keys(db);
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
	  "phone, letter, social, in-person, video)" },
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
	{ "\"topics\":[\"Go\"]", "\"topics\":[\"Go\"],\"topic_with\":[1,1]",
	  "events[1].topic_with: has 2 entries for 1 topics: one each, null "
	  "for everyone met" },
	{ "\"topics\":[\"Go\"]", "\"topics\":[\"Go\"],\"topic_with\":[0]",
	  "events[1].topic_with[0]: expected a whole number above 0, not a "
	  "number" },
	{ "\"topics\":[\"Go\"]", "\"topics\":[\"Go\"],\"topic_with\":[7]",
	  "events[1].topic_with[0]: contact 7 is not among the event's people "
	  "(with)" },
	{ "\"topics\":[\"Go\"]", "\"topics\":[\"Go\",\"go\"],\"topic_with\":"
	  "[1,1]", "events[1].topics[1]: 'go' is given twice" },
	{ "\"kind\":\"interview\"", "\"kind\":\"interview\",\"occasion\":"
	  "\"lunch\"", "events[1].occasion: only met and meeting have an "
	  "occasion, not interview" },
	{ "\"kind\":\"interview\"", "\"kind\":\"help-promised\",\"because\":"
	  "\"soon\"", "events[1].because: says why the help is urgent, but "
	  "urgent is false" },
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
static void test_import_bad_documents(void **state)
{
	fu_db *db = *state;
	fu_db *full = fu_test_db();
	fu_test_rich_scenario(full);
	char *empty_before = fu_test_dump(db);
	char *full_before = fu_test_dump(full);
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
			char *after = fu_test_dump(target);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_import_round_trip),
		FU_TEST(test_import_refuses_non_empty),
		FU_TEST(test_import_merge),
		FU_TEST(test_import_base_doc_is_good),
		FU_TEST(test_import_bad_documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
