/* SPDX-License-Identifier: MIT */
/* fu_test.c - the support every unit test shares (see fu_test.h). */
#include "fu_test.h"

#include <unistd.h>

#include <cJSON.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/export.h"
#include "internal.h"

/* --- assertions -------------------------------------------------------- */

void fu_test_has_(const char *s, const char *part, const char *file,
		  int line)
{
	if (!s || !strstr(s, part)) {
		print_error("missing '%s' in:\n%s\n", part, s ? s : "(null)");
		_fail(file, line);
	}
}

void fu_test_lacks_(const char *s, const char *part, const char *file,
		    int line)
{
	if (s && strstr(s, part)) {
		print_error("unexpected '%s' in:\n%s\n", part, s);
		_fail(file, line);
	}
}

void fu_test_same_text_(const char *a, const char *b, const char *file,
			int line)
{
	size_t n = 1;
	const char *la = a, *lb = b;
	while (*a && *a == *b) {
		if (*a == '\n') {
			n++;
			la = a + 1;
			lb = b + 1;
		}
		a++;
		b++;
	}
	if (*a || *b) {
		print_error("line %zu differs:\n  %.*s\n  %.*s\n", n,
			    (int)strcspn(la, "\n"), la, (int)strcspn(lb, "\n"),
			    lb);
		_fail(file, line);
	}
}

/* --- the common fixture ------------------------------------------------ */

int fu_test_setup(void **state)
{
	fu_test_tz("Europe/Berlin");
	/* the spelling checks find their dictionary there */
	unsetenv("FU_DICTIONARY");
	fu_db *db = NULL;
	if (fu_db_open(&db, NULL, FU_OPEN_MEMORY) != FU_OK) {
		fu_db_close(db);
		return -1;
	}
	fu_db_set_now(db, NOW);
	*state = db;
	return 0;
}

int fu_test_teardown(void **state)
{
	fu_db_close(*state);
	return 0;
}

fu_db *fu_test_db(void)
{
	fu_db *db = NULL;
	assert_int_equal(fu_db_open(&db, NULL, FU_OPEN_MEMORY), FU_OK);
	fu_db_set_now(db, NOW);
	return db;
}

/* --- records ----------------------------------------------------------- */

int64_t fu_test_contact(fu_db *db, const char *name, const char *company)
{
	fu_contact c = { 0 };
	c.name = (char *)name;
	c.company = (char *)company;
	assert_fu_ok_db(db, fu_contact_add(db, &c));
	return c.id;
}

int64_t fu_test_app(fu_db *db, const char *company, const char *role,
		    int64_t contact, int64_t applied)
{
	fu_application a = { 0 };
	a.company = (char *)company;
	a.role = (char *)role;
	if (contact) {
		a.contact_ids = &contact;
		a.ncontacts = 1;
	}
	assert_fu_ok_db(db, fu_application_add(db, &a, applied));
	return a.id;
}

int64_t fu_test_log(fu_db *db, fu_event_kind kind, int64_t application,
		    int64_t contact, int64_t at, int64_t w1, int64_t w2)
{
	fu_event e = { 0 };
	int64_t with[2] = { w1, w2 };
	e.kind = kind;
	e.application_id = application;
	e.contact_id = contact;
	e.at = at;
	e.with = with;
	e.nwith = w2 ? 2 : w1 ? 1 : 0;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	return e.id;
}

int64_t fu_test_at(const char *s)
{
	int64_t v = 0;
	assert_int_equal(fu_date_parse(&v, NULL, s, NOW, FU_DATE_PAST, NULL, 0),
			 FU_OK);
	return v;
}

int64_t fu_test_int(fu_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

void fu_test_temp_path(char *buf, size_t len, const char *name)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(buf, len, "%s/fu-test-%ld-%s", tmp ? tmp : "/tmp",
		 (long)getpid(), name);
	unlink(buf);
}

/* --- a whole job hunt, and what it becomes ----------------------------- */

void fu_test_rich_scenario(fu_db *db)
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
	assert_fu_ok_db(db, fu_contact_add(db, &dana));
	int64_t d = dana.id;
	fu_contact maria = { 0 };
	maria.name = "Maria López";
	maria.prefers = FU_CH_SOCIAL;
	assert_fu_ok_db(db, fu_contact_add(db, &maria));
	int64_t m = maria.id;
	int64_t acme = fu_test_app(db, "Acme", "Backend Engineer", d,
				   fu_test_at("2026-10-27 10:00"));
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
	assert_fu_ok_db(db, fu_application_add(db, &g,
					       fu_test_at("2026-10-28 09:00")));
	int64_t ini = fu_test_app(db, "Initech", "Platform Engineer", 0,
				  fu_test_at("2026-10-20 12:00"));
	int64_t planned = fu_test_app(db, "Umbrella", "Data Engineer", 0, 0);
	(void)planned;

	/* an interview with Dana and someone new, topics (one each, one
	 * for both), a promised date */
	fu_event iv = { 0 };
	char *topics[] = { "moving billing to Go", "on-call, rotas; pay",
			   "the team's roadmap" };
	int64_t topic_with[] = { 0, -1, d }; /* -1: Sam, new */
	char *names[] = { "Sam Lee" };
	iv.kind = FU_EV_INTERVIEW;
	iv.application_id = acme;
	iv.at = fu_test_at("2026-11-03 14:00");
	iv.with = malloc(sizeof *iv.with);
	iv.with[0] = d;
	iv.nwith = 1;
	iv.with_new = names;
	iv.nwith_new = 1;
	iv.topics = topics;
	iv.topic_with = topic_with;
	iv.ntopics = 3;
	iv.expect_at = fu_test_at("2026-11-10");
	iv.channel = FU_CH_IN_PERSON;
	iv.note = "went well";
	assert_fu_ok_db(db, fu_event_add(db, &iv));
	int64_t sam = iv.with[1];
	free(iv.with);

	fu_event e = { 0 };
	e.kind = FU_EV_SENT;
	e.application_id = acme;
	e.at = fu_test_at("2026-11-03 19:00");
	e.channel = FU_CH_EMAIL;
	e.action = "thank-you";
	int64_t w[2] = { d, sam };
	e.with = w;
	e.nwith = 2;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	fu_test_log(db, FU_EV_MEETING, acme, 0,
		    fu_test_at("2026-11-04 11:00"), sam, 0);
	fu_test_log(db, FU_EV_REPLY, acme, 0,
		    fu_test_at("2026-11-05 09:00"), d, 0);
	memset(&e, 0, sizeof e);
	e.kind = FU_EV_TIMELINE;
	e.application_id = acme;
	e.at = fu_test_at("2026-11-05 10:00");
	e.expect_at = fu_test_at("2026-11-12");
	assert_fu_ok_db(db, fu_event_add(db, &e));
	memset(&e, 0, sizeof e);
	e.kind = FU_EV_OFFER;
	e.application_id = acme;
	e.at = fu_test_at("2026-11-06 16:00");
	e.until_at = fu_test_at("2026-11-13 17:00");
	assert_fu_ok_db(db, fu_event_add(db, &e));
	fu_test_log(db, FU_EV_POSTING_CLOSED, g.id, 0,
		    fu_test_at("2026-11-02 08:00"), 0, 0);
	memset(&e, 0, sizeof e);
	e.kind = FU_EV_SNOOZE;
	e.application_id = g.id;
	e.at = fu_test_at("2026-11-02 09:00");
	e.until_at = fu_test_at("2026-11-16");
	e.action = "closure:0:0";
	assert_fu_ok_db(db, fu_event_add(db, &e));
	fu_test_log(db, FU_EV_REJECTION, ini, 0,
		    fu_test_at("2026-10-30 15:00"), 0, 0);
	memset(&e, 0, sizeof e);
	e.kind = FU_EV_DISMISS;
	e.application_id = ini;
	e.at = fu_test_at("2026-10-31 10:00");
	e.action = "rejection-response";
	assert_fu_ok_db(db, fu_event_add(db, &e));
	assert_fu_ok_db(db, fu_application_close(db, ini, FU_OUT_REJECTED,
						 fu_test_at("2026-10-31 11:00"),
						 "they chose someone internal"));
	/* networking with Maria: met at an event, help urgent, and why */
	memset(&e, 0, sizeof e);
	e.kind = FU_EV_MET;
	e.contact_id = m;
	e.at = fu_test_at("2026-11-01 18:00");
	e.occasion = "the PyData Berlin meetup";
	assert_fu_ok_db(db, fu_event_add(db, &e));
	fu_test_log(db, FU_EV_INTRO, 0, m,
		    fu_test_at("2026-11-02 12:00"), d, 0);
	memset(&e, 0, sizeof e);
	e.kind = FU_EV_HELP_PROMISED;
	e.contact_id = m;
	e.at = fu_test_at("2026-11-02 13:00");
	e.urgent = 1;
	e.because = "the Globex role closes on Friday";
	e.expect_at = fu_test_at("2026-11-09");
	assert_fu_ok_db(db, fu_event_add(db, &e));
	fu_test_log(db, FU_EV_SENT, 0, m, fu_test_at("2026-11-02 20:00"), 0, 0);
}

char *fu_test_export_text(fu_db *db)
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
	for (int i = 0; i < n; i++) {
		/* an event's ord has random low bits (schema.c): its order
		 * among the events of one moment is what counts, and that
		 * follows from the rest */
		if (strcmp(cols[i], "ord") == 0)
			continue;
		fu_buf_printf(b, "%s=%s|", cols[i], vals[i] ? vals[i] : "NULL");
	}
	fu_buf_putc(b, '\n');
	return 0;
}

char *fu_test_dump(fu_db *db)
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

char *fu_test_action_keys(fu_db *db)
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

/* --- drafts ------------------------------------------------------------ */

static const char *const topics[] = { "moving billing to Go",
				      "the on-call rotation" };

fu_draft_input fu_test_draft_input(const char *action, fu_channel ch)
{
	fu_draft_input in = { 0 };
	in.action = action;
	in.seq = strcmp(action, "nudge") == 0 ? 1 : 0;
	in.channel = ch;
	in.contact_id = 1;
	in.contact_name = "Dana Reyes";
	in.contact_title = "Engineering Manager";
	in.contact_company = "Acme";
	in.contact_email = "dana@acme.example";
	in.contact_phone = "+1 555 0142";
	in.contact_address = "200 Market Street\nSan Francisco, CA 94105";
	in.application_id = 2;
	in.company = "Acme";
	in.role = "Backend Engineer";
	in.url = "https://acme.example/jobs/42";
	in.applied_at = NOW - 12 * DAY;
	in.event_kind = FU_EV_INTERVIEW;
	in.event_at = NOW - DAY + 5 * 3600; /* Sun 8 Nov 14:00 */
	in.topics = topics;
	in.ntopics = 2;
	in.interview_at = in.event_at;
	in.expect_at = NOW + 6 * DAY;
	in.deadline_at = NOW + 5 * DAY;
	in.introducer_name = "Maria Lopez";
	in.introduced_name = "Lee Chen";
	in.reason = "3 follow-ups to Dana Reyes without a reply";
	in.user_name = "Alex Morgan";
	in.user_email = "alex.morgan@example.org";
	in.user_phone = "+1 555 0100";
	in.user_address = "12 Elm Street\nSpringfield, IL 62701";
	in.now = NOW;
	return in;
}

fu_draft *fu_test_render(fu_db *db, const fu_draft_input *in,
			 const char *tmpl)
{
	fu_draft *d = NULL;
	assert_fu_ok_db(db, fu_draft_render(&d, db, in, tmpl,
					    tmpl ? "test" : NULL));
	assert_non_null(d);
	return d;
}
