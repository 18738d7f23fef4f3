/* SPDX-License-Identifier: MIT */
/* test_report.c - fu report (lib/report.c, lib/report_rules.c): the
 * rules as data, a hunt's weeks and rows under Washington's rules, a
 * period short of each agency's rule, distinct employers and jobs, the
 * custom rules, week boundaries across the end of daylight saving time,
 * what a row lacks and how to add it. */
#include "fu_test.h"

#include "fu/date.h"
#include "fu/report.h"

static fu_report *open_report(fu_db *db, const char *rules, const char *since,
			      const char *until)
{
	fu_report_options o = { .rules = rules };
	fu_report *r = NULL;
	if (since)
		o.since = fu_test_at(since);
	if (until)
		o.until = fu_test_at(until);
	assert_fu_ok_db(db, fu_report_open(&r, db, &o));
	return r;
}

/* The rows of a report, kept as text: "activity|employer|person|
 * method|address|phone|result|missing-mask" a line. */
typedef struct rows {
	char text[4096];
	size_t n;
	size_t period[32];
	int64_t person_id[32];
} rows;

static int keep_row(const fu_report_row *row, void *arg)
{
	rows *k = arg;
	size_t len = strlen(k->text);
	snprintf(k->text + len, sizeof k->text - len, "%s|%s|%s|%s|%s|%s|%s|%u\n",
		 fu_report_activity_name(row->activity),
		 row->employer ? row->employer : "-",
		 row->person ? row->person : "-",
		 row->method ? row->method : "-",
		 row->address ? row->address : "-",
		 row->phone ? row->phone : "-",
		 row->result ? row->result : "-", row->missing);
	if (k->n < 32) {
		k->period[k->n] = row->period;
		k->person_id[k->n] = row->person_id;
	}
	k->n++;
	return 0;
}

static void test_report_rules_table(void **state)
{
	(void)state;
	size_t n = 0;
	const fu_report_rules *t = fu_report_rules_table(&n);
	assert_int_equal(n, 5);
	const char *ids[] = { "wa", "ny", "ne", "nc", "de" };
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(t[i].id, ids[i]);
		assert_non_null(t[i].name);
		assert_non_null(t[i].source); /* every rule names its source */
		assert_true(t[i].minimum > 0);
		assert_true(t[i].counts & (1u << FU_RA_APPLICATION));
		assert_true(t[i].fields & FU_RF_DATE);
		assert_ptr_equal(fu_report_rules_find(ids[i]), &t[i]);
	}
	assert_null(fu_report_rules_find("custom"));
	assert_null(fu_report_rules_find("WA"));
	const fu_report_rules *wa = fu_report_rules_find("wa");
	assert_int_equal(wa->minimum, 3);
	assert_int_equal(wa->week_start, 0);
	assert_true(wa->counts & (1u << FU_RA_FOLLOW_UP)); /* a follow-up
							       e-mail counts */
	assert_false(fu_report_rules_find("ne")->counts &
		     (1u << FU_RA_FOLLOW_UP));
	assert_int_equal(fu_report_rules_find("ny")->days, 3);
	assert_int_equal(fu_report_rules_find("ny")->week_start, 1);
	assert_int_equal(fu_report_rules_find("ne")->key_minimum, 2);
	assert_int_equal(fu_report_rules_find("nc")->jobs, 3);
	assert_string_equal(fu_report_rules_find("nc")->retention, "5 years");
	assert_true(fu_report_rules_find("de")->monthly);
	assert_has(fu_report_rules_find("wa")->source, "esd.wa.gov");

	char buf[256];
	assert_string_equal(fu_report_rules_summary(buf, sizeof buf,
		fu_report_rules_find("ne")), "5 activities a week (Sunday to "
		"Saturday), at least 2 of them: applications");
	assert_string_equal(fu_report_rules_summary(buf, sizeof buf,
		fu_report_rules_find("de")), "5 activities a calendar month");

	unsigned mask = 0;
	assert_fu_ok(fu_report_parse_activities(&mask, " Interview , application,"
						 "interview"));
	assert_int_equal(mask, (1u << FU_RA_APPLICATION) |
			       (1u << FU_RA_INTERVIEW));
	assert_string_equal(fu_report_activities_text(buf, sizeof buf, mask),
			    "application,interview");
	assert_int_equal(fu_report_parse_activities(&mask, "applied"),
			 FU_EINVALID);
	assert_int_equal(fu_report_parse_activities(&mask, "application,,"),
			 FU_EINVALID);
	assert_int_equal(fu_report_parse_fields(&mask, ""), FU_EINVALID);
	assert_fu_ok(fu_report_parse_fields(&mask, "phone,date"));
	assert_string_equal(fu_report_fields_text(buf, sizeof buf, mask),
			    "date,phone");
	assert_string_equal(fu_report_field_name(FU_RF_CONTACT), "contact");
	assert_null(fu_report_field_name(3));
	assert_int_equal(fu_report_activity_of(FU_EV_SENT, 1), FU_RA_FOLLOW_UP);
	assert_int_equal(fu_report_activity_of(FU_EV_SENT, 0),
			 FU_RA_NETWORKING);
	assert_int_equal(fu_report_activity_of(FU_EV_REPLY, 1), FU_RA_NONE);
}

/*
 * A hunt under Washington's rules, as of Mon 9 Nov 2026 09:00 (weeks
 * Sunday to Saturday):
 *   Mon 2 Nov 10:00  applied, Acme (Dana Reyes: address and phone)
 *   Tue 3 Nov 09:00  applied, Globex (the posting's address: online)
 *   Wed 4 Nov 15:00  sent to Dana, by e-mail
 *   Thu 5 Nov 12:00  a reply from Acme (no activity)
 *   Mon 9 Nov 08:00  interview at Acme with Dana, by video
 *   Wed 11 Nov       interview at Globex, scheduled (not yet an activity,
 *                    but Globex's result so far is "interviewing")
 * Week of Sun 1 Nov: 3 activities, 2 employers: met. Week of Sun 8 Nov:
 * 1 so far: under way (2 too few).
 */
static void hunt(fu_db *db)
{
	fu_contact dana = { 0 };
	dana.name = "Dana Reyes";
	dana.company = "Acme";
	dana.address = "1 Pike St, Seattle";
	dana.phone = "+1 206 555 0100";
	assert_fu_ok_db(db, fu_contact_add(db, &dana));
	int64_t acme = fu_test_app(db, "Acme", "Backend Engineer", dana.id,
				   fu_test_at("2026-11-02 10:00"));
	fu_application g = { 0 };
	g.company = "Globex";
	g.role = "SRE";
	g.url = "https://globex.example/jobs/1";
	assert_fu_ok_db(db, fu_application_add(db, &g,
					       fu_test_at("2026-11-03 09:00")));
	fu_event e = { 0 };
	int64_t with = dana.id;
	e.kind = FU_EV_SENT;
	e.application_id = acme;
	e.at = fu_test_at("2026-11-04 15:00");
	e.channel = FU_CH_EMAIL;
	e.with = &with;
	e.nwith = 1;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	fu_test_log(db, FU_EV_REPLY, acme, 0, fu_test_at("2026-11-05 12:00"),
		    dana.id, 0);
	fu_event iv = { 0 };
	iv.kind = FU_EV_INTERVIEW;
	iv.application_id = acme;
	iv.at = fu_test_at("2026-11-09 08:00");
	iv.channel = FU_CH_VIDEO;
	iv.with = &with;
	iv.nwith = 1;
	assert_fu_ok_db(db, fu_event_add(db, &iv));
	fu_test_log(db, FU_EV_INTERVIEW, g.id, 0,
		    fu_test_at("2026-11-11 10:00"), 0, 0);
}

static void test_report_weeks_and_rows(void **state)
{
	fu_db *db = *state;
	hunt(db);
	assert_fu_ok_db(db, fu_config_set(db, "user.name", "Zo\u00eb \u00c5ngstr\u00f6m"));
	fu_report *r = open_report(db, "wa", NULL, NULL);
	assert_true(r->has_rules);
	assert_string_equal(r->rules.id, "wa");
	assert_string_equal(r->user_name, "Zo\u00eb \u00c5ngstr\u00f6m");
	assert_int_equal(r->since, fu_test_at("2026-11-01"));
	assert_int_equal(r->until, fu_test_at("2026-11-15"));
	assert_int_equal(r->nperiods, 2);
	fu_report_period *p = r->periods;
	assert_int_equal(p[0].start, fu_test_at("2026-11-01"));
	assert_int_equal(p[0].end, fu_test_at("2026-11-08"));
	assert_int_equal(p[0].activities, 3);
	assert_int_equal(p[0].employers, 2);
	assert_int_equal(p[0].jobs, 2);
	assert_int_equal(p[0].days, 3);
	assert_int_equal(p[0].status, FU_REPORT_MET);
	assert_int_equal(p[1].activities, 1);
	assert_int_equal(p[1].status, FU_REPORT_UNDER_WAY);
	assert_int_equal(p[1].short_of, FU_SHORT_ACTIVITIES);
	assert_int_equal(r->activities, 4);
	assert_int_equal(r->short_periods, 0);
	char why[256];
	assert_string_equal(fu_report_why(why, sizeof why, r, &p[1]),
			    "1 of 3 activities");
	assert_string_equal(fu_report_why(why, sizeof why, r, &p[0]), "");

	rows k = { 0 };
	assert_fu_ok_db(db, fu_report_each_row(r, keep_row, &k));
	assert_int_equal(k.n, 4);
	unsigned m = FU_RF_METHOD;
	char want[1024];
	snprintf(want, sizeof want,
		 "application|Acme|Dana Reyes|-|1 Pike St, Seattle|"
		 "+1 206 555 0100|interviewing|%u\n"
		 "application|Globex|-|online|-|-|interviewing|0\n"
		 "follow-up|Acme|Dana Reyes|e-mail|1 Pike St, Seattle|"
		 "+1 206 555 0100|interviewing|0\n"
		 "interview|Acme|Dana Reyes|video|1 Pike St, Seattle|"
		 "+1 206 555 0100|interviewing|0\n", m);
	assert_same_text(k.text, want);
	assert_int_equal(k.period[0], 0);
	assert_int_equal(k.period[3], 1);
	assert_int_equal(r->missing_rows, 1);
	fu_report_free(r);

	/* from the week before: empty, and over, so short */
	r = open_report(db, "wa", "2026-10-28", NULL);
	assert_int_equal(r->nperiods, 3);
	assert_int_equal(r->periods[0].start, fu_test_at("2026-10-25"));
	assert_int_equal(r->periods[0].activities, 0);
	assert_int_equal(r->periods[0].status, FU_REPORT_SHORT);
	assert_int_equal(r->short_periods, 1);
	assert_string_equal(fu_report_why(why, sizeof why, r,
					  &r->periods[0]),
			    "0 of 3 activities");
	fu_report_free(r);

	/* one week; an until before the first activity */
	r = open_report(db, "wa", "2026-11-04", "2026-11-04");
	assert_int_equal(r->nperiods, 1);
	assert_int_equal(r->activities, 3);
	fu_report_free(r);
	r = open_report(db, "wa", NULL, "2026-10-20");
	assert_int_equal(r->nperiods, 1);
	assert_int_equal(r->activities, 0);
	fu_report_free(r);

	/* no rules: Monday weeks, everything counts, nothing judged */
	r = open_report(db, NULL, NULL, NULL);
	assert_false(r->has_rules);
	assert_int_equal(r->since, fu_test_at("2026-11-02"));
	assert_int_equal(r->nperiods, 2);
	assert_int_equal(r->periods[0].activities, 3);
	assert_int_equal(r->periods[1].activities, 1);
	assert_int_equal(r->periods[0].status, FU_REPORT_UNJUDGED);
	fu_report_free(r);
	/* ... unless fu config report.rules names some */
	assert_fu_ok_db(db, fu_config_set(db, "report.rules", "nc"));
	r = open_report(db, NULL, NULL, NULL);
	assert_string_equal(r->rules.id, "nc");
	fu_report_free(r);
}

static void test_report_mistakes(void **state)
{
	fu_db *db = *state;
	fu_report *r = NULL;
	fu_report_options o = { .rules = "zz" };
	assert_int_equal(fu_report_open(&r, db, &o), FU_EINVALID);
	assert_null(r);
	assert_has(fu_errmsg(db), "unknown rules 'zz'");
	o.rules = "wa";
	o.since = fu_test_at("2026-11-09");
	o.until = fu_test_at("2026-11-01");
	assert_int_equal(fu_report_open(&r, db, &o), FU_EINVALID);
	assert_has(fu_errmsg(db), "--since is after --until");
	o.since = fu_test_at("1980-01-01");
	o.until = fu_test_at("2200-01-01");
	assert_int_equal(fu_report_open(&r, db, &o), FU_EINVALID);
	assert_has(fu_errmsg(db), "at most");
	/* nothing logged: the week of now, empty */
	r = open_report(db, "wa", NULL, NULL);
	assert_int_equal(r->nperiods, 1);
	assert_int_equal(r->periods[0].status, FU_REPORT_UNDER_WAY);
	rows k = { 0 };
	assert_fu_ok_db(db, fu_report_each_row(r, keep_row, &k));
	assert_int_equal(k.n, 0);
	fu_report_free(r);
	fu_report_free(NULL);
}

/* n applications at different employers on the days given, applied at
 * 10:00 ("2026-10-19", ...). */
static void apply_on(fu_db *db, const char *const *days, size_t n,
		     const char *company)
{
	for (size_t i = 0; i < n; i++) {
		char at[32], co[64];
		snprintf(at, sizeof at, "%s 10:00", days[i]);
		if (company)
			snprintf(co, sizeof co, "%s", company);
		else
			snprintf(co, sizeof co, "Employer %zu", i + 1);
		char role[32];
		snprintf(role, sizeof role, "Role %zu", i + 1);
		fu_test_app(db, co, role, 0, fu_test_at(at));
	}
}

/* The first period of a report on the week of Mon 19 Oct 2026 (or its
 * month). */
static fu_report_period first_period(fu_db *db, const char *rules)
{
	fu_report *r = open_report(db, rules, "2026-10-21", "2026-10-21");
	assert_int_equal(r->nperiods, 1);
	fu_report_period p = r->periods[0];
	fu_report_free(r);
	return p;
}

/* Each agency's rule, met and not: a past week (of 18 or 19 Oct), or
 * October for the Jobcenter. */
static void test_report_short_for_each_rules(void **state)
{
	(void)state;
	static const char *const days[] = { "2026-10-19", "2026-10-20",
		"2026-10-21", "2026-10-22", "2026-10-23" };
	static const char *const same[] = { "2026-10-20", "2026-10-20",
		"2026-10-20" };
	const char *ids[] = { "wa", "ny", "ne", "nc", "de" };
	/* one application: short of every rule */
	for (size_t i = 0; i < 5; i++) {
		fu_db *db = fu_test_db();
		apply_on(db, days, 1, NULL);
		fu_report_period p = first_period(db, ids[i]);
		assert_int_equal(p.status, FU_REPORT_SHORT);
		assert_true(p.short_of & FU_SHORT_ACTIVITIES);
		fu_db_close(db);
	}
	/* the minimum in applications on different days: met by all but
	 * ne (5) and de (5), which the same is short of */
	for (size_t i = 0; i < 5; i++) {
		fu_db *db = fu_test_db();
		apply_on(db, days, 3, NULL);
		fu_report_period p = first_period(db, ids[i]);
		int five = !strcmp(ids[i], "ne") || !strcmp(ids[i], "de");
		assert_int_equal(p.status, five ? FU_REPORT_SHORT
						: FU_REPORT_MET);
		fu_db_close(db);
		db = fu_test_db();
		apply_on(db, days, 5, NULL);
		assert_int_equal(first_period(db, ids[i]).status,
				 FU_REPORT_MET);
		fu_db_close(db);
	}
	/* New York: three on one day are short of three days */
	fu_db *db = fu_test_db();
	apply_on(db, same, 3, NULL);
	fu_report_period p = first_period(db, "ny");
	assert_int_equal(p.status, FU_REPORT_SHORT);
	assert_int_equal(p.short_of, FU_SHORT_DAYS);
	assert_int_equal(p.days, 1);
	assert_int_equal(first_period(db, "wa").status, FU_REPORT_MET);
	fu_db_close(db);
	/* Nebraska: five activities, one of them an application */
	db = fu_test_db();
	apply_on(db, days, 1, NULL);
	int64_t app = fu_test_int(db, "SELECT max(id) FROM applications");
	for (int i = 0; i < 4; i++) {
		char at[32];
		snprintf(at, sizeof at, "%s 15:00", days[i]);
		fu_test_log(db, FU_EV_MEETING, app, 0, fu_test_at(at), 0, 0);
	}
	p = first_period(db, "ne");
	assert_int_equal(p.activities, 5);
	assert_int_equal(p.key, 1);
	assert_int_equal(p.short_of, FU_SHORT_KEY);
	fu_report *r = open_report(db, "ne", "2026-10-21", "2026-10-21");
	char why[256];
	assert_string_equal(fu_report_why(why, sizeof why, r, &r->periods[0]),
			    "1 of 2 applications");
	fu_report_free(r);
	fu_db_close(db);
	/* New York: no activity of its first list */
	db = fu_test_db();
	int64_t c = fu_test_contact(db, "Maria Lopez", "Initech");
	int64_t a = fu_test_app(db, "Initech", "QA", c,
				fu_test_at("2026-10-12 10:00"));
	for (size_t i = 0; i < 3; i++) {
		char at[32];
		snprintf(at, sizeof at, "%s 11:00", days[i]);
		fu_test_log(db, FU_EV_SENT, a, 0, fu_test_at(at), 0, 0);
	}
	p = first_period(db, "ny");
	assert_int_equal(p.activities, 3);
	assert_int_equal(p.short_of, FU_SHORT_KEY);
	/* Washington counts a follow-up e-mail; Nebraska does not */
	assert_int_equal(first_period(db, "wa").status, FU_REPORT_MET);
	assert_int_equal(first_period(db, "ne").activities, 0);
	fu_db_close(db);
	/* the Jobcenter's month: October */
	db = fu_test_db();
	apply_on(db, days, 4, NULL);
	r = open_report(db, "de", "2026-10-21", "2026-10-21");
	assert_int_equal(r->periods[0].start, fu_test_at("2026-10-01"));
	assert_int_equal(r->periods[0].end, fu_test_at("2026-11-01"));
	assert_int_equal(r->periods[0].status, FU_REPORT_SHORT);
	fu_report_free(r);
	fu_db_close(db);
}

/* Different employers (custom rules) and different jobs (nc). */
static void test_report_distinct(void **state)
{
	fu_db *db = *state;
	static const char *const days[] = { "2026-10-19", "2026-10-20",
		"2026-10-21" };
	/* three roles at one employer */
	apply_on(db, days, 3, "Acme");
	assert_fu_ok_db(db, fu_config_set(db, "report.custom.minimum", "3"));
	assert_fu_ok_db(db, fu_config_set(db,
		"report.custom.distinct-employers", "2"));
	fu_report_period p = first_period(db, "custom");
	assert_int_equal(p.activities, 3);
	assert_int_equal(p.employers, 1);
	assert_int_equal(p.status, FU_REPORT_SHORT);
	assert_int_equal(p.short_of, FU_SHORT_EMPLOYERS);
	fu_report *r = open_report(db, "custom", "2026-10-21", "2026-10-21");
	char why[256];
	assert_string_equal(fu_report_why(why, sizeof why, r, &r->periods[0]),
			    "1 of 2 different employers");
	fu_report_free(r);
	/* North Carolina: one employer for different jobs counts */
	assert_int_equal(first_period(db, "nc").status, FU_REPORT_MET);
	assert_int_equal(first_period(db, "nc").jobs, 3);
	/* a follow-up on one of those jobs is no new job */
	int64_t a = fu_test_int(db, "SELECT min(id) FROM applications");
	fu_test_log(db, FU_EV_SENT, a, 0, fu_test_at("2026-10-22 10:00"), 0,
		    0);
	p = first_period(db, "nc");
	assert_int_equal(p.activities, 4);
	assert_int_equal(p.jobs, 3);
	/* a second employer meets the custom rule */
	fu_test_app(db, "Globex", "SRE", 0, fu_test_at("2026-10-23 10:00"));
	assert_int_equal(first_period(db, "custom").status, FU_REPORT_MET);
}

/* The custom rules from fu config: a month, what counts, what a row
 * must show. */
static void test_report_custom(void **state)
{
	fu_db *db = *state;
	assert_fu_ok_db(db, fu_config_set(db, "report.custom.name",
					  "Jobcenter Mitte"));
	assert_fu_ok_db(db, fu_config_set(db, "report.custom.per", "month"));
	assert_fu_ok_db(db, fu_config_set(db, "report.custom.minimum", "2"));
	assert_fu_ok_db(db, fu_config_set(db, "report.custom.counts",
					  "application"));
	assert_fu_ok_db(db, fu_config_set(db, "report.custom.fields",
					  "date,employer,person"));
	assert_fu_ok_db(db, fu_config_set(db, "report.custom.applications",
					  "2"));
	assert_int_equal(fu_config_set(db, "report.custom.per", "year"),
			 FU_EINVALID);
	assert_has(fu_errmsg(db), "report.custom.per takes week/month, not "
		   "'year'");
	assert_int_equal(fu_config_set(db, "report.custom.counts", "reply"),
			 FU_EINVALID);
	assert_int_equal(fu_config_set(db, "report.rules", "xx"), FU_EINVALID);
	int64_t a = fu_test_app(db, "Acme", "QA", 0,
				fu_test_at("2026-10-05 10:00"));
	fu_test_log(db, FU_EV_SENT, a, 0, fu_test_at("2026-10-06 10:00"), 0, 0);
	fu_report *r = open_report(db, "custom", NULL, NULL);
	assert_string_equal(r->rules.name, "Jobcenter Mitte");
	assert_true(r->rules.monthly);
	assert_int_equal(r->since, fu_test_at("2026-10-01"));
	assert_int_equal(r->until, fu_test_at("2026-12-01"));
	assert_int_equal(r->nperiods, 2);
	assert_int_equal(r->periods[0].activities, 1); /* the sent does not
							  count */
	assert_int_equal(r->periods[0].status, FU_REPORT_SHORT);
	assert_int_equal(r->periods[0].short_of,
			 FU_SHORT_ACTIVITIES | FU_SHORT_KEY);
	rows k = { 0 };
	assert_fu_ok_db(db, fu_report_each_row(r, keep_row, &k));
	char want[256];
	snprintf(want, sizeof want, "application|Acme|-|-|-|-|pending|%u\n",
		 (unsigned)FU_RF_PERSON);
	assert_same_text(k.text, want);
	fu_report_free(r);
}

/*
 * Week boundaries across the end of daylight saving time, where a week
 * is 169 hours: Los Angeles goes back on Sun 1 Nov 2026 at 02:00, so
 * Washington's week of Sun 1 Nov starts at its midnight (before the
 * change) and ends at the midnight of Sun 8 Nov; Berlin goes back on
 * Sun 25 Oct, in the last day of New York's Monday weeks.
 */
static void test_report_weeks_across_dst(void **state)
{
	fu_db *db = *state;
	fu_test_tz("America/Los_Angeles");
	fu_db_set_now(db, fu_test_at("2026-11-12 09:00"));
	const char *const at[] = {
		"2026-10-31 23:30", /* Sat, summer time: the week of 25 Oct */
		"2026-11-01 00:30", /* Sun, summer time: the week of 1 Nov */
		"2026-11-01 01:30", /* happens twice: the first, summer */
		"2026-11-01 03:00", /* winter time */
		"2026-11-07 23:59", /* Sat: still the week of 1 Nov */
		"2026-11-08 00:00", /* the next */
	};
	for (size_t i = 0; i < 6; i++) {
		char co[16];
		snprintf(co, sizeof co, "E%zu", i);
		fu_test_app(db, co, "Role", 0, fu_test_at(at[i]));
	}
	fu_report *r = open_report(db, "wa", NULL, NULL);
	assert_int_equal(r->nperiods, 3);
	assert_int_equal(r->periods[0].start, fu_test_at("2026-10-25"));
	assert_int_equal(r->periods[1].start, fu_test_at("2026-11-01"));
	assert_int_equal(r->periods[2].start, fu_test_at("2026-11-08"));
	assert_int_equal(r->periods[0].end - r->periods[0].start, 168 * 3600);
	assert_int_equal(r->periods[1].end - r->periods[1].start, 169 * 3600);
	assert_int_equal(r->periods[0].activities, 1);
	assert_int_equal(r->periods[1].activities, 4);
	assert_int_equal(r->periods[2].activities, 1);
	assert_int_equal(r->periods[1].days, 2); /* Sun 1 and Sat 7 Nov */
	rows k = { 0 };
	assert_fu_ok_db(db, fu_report_each_row(r, keep_row, &k));
	assert_int_equal(k.n, 6);
	size_t want[] = { 0, 1, 1, 1, 1, 2 };
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(k.period[i], want[i]);
	fu_report_free(r);

	/* Berlin, Monday weeks (New York's rules, there): the week of Mon
	 * 19 Oct ends at the midnight of Mon 26 Oct, 169 hours later */
	fu_test_tz("Europe/Berlin");
	fu_db *b = fu_test_db();
	fu_test_app(b, "Late", "Role", 0, fu_test_at("2026-10-25 23:30"));
	fu_test_app(b, "Early", "Role", 0, fu_test_at("2026-10-26 00:30"));
	r = open_report(b, "ny", "2026-10-20", "2026-10-27");
	assert_int_equal(r->nperiods, 2);
	assert_int_equal(r->periods[0].start, fu_test_at("2026-10-19"));
	assert_int_equal(r->periods[0].end, fu_test_at("2026-10-26"));
	assert_int_equal(r->periods[0].end - r->periods[0].start, 169 * 3600);
	assert_int_equal(r->periods[0].activities, 1);
	assert_int_equal(r->periods[1].activities, 1);
	fu_report_free(r);
	fu_db_close(b);
}

/* What a row lacks under Nebraska's rules, how to add it, and where the
 * employer's address comes from. */
static void test_report_missing(void **state)
{
	fu_db *db = *state;
	int64_t a = fu_test_app(db, "Acme", "QA", 0,
				fu_test_at("2026-11-02 10:00"));
	fu_report *r = open_report(db, "ne", NULL, NULL);
	rows k = { 0 };
	assert_fu_ok_db(db, fu_report_each_row(r, keep_row, &k));
	unsigned lacks = FU_RF_ADDRESS | FU_RF_PHONE | FU_RF_PERSON |
			 FU_RF_METHOD;
	char want[256];
	snprintf(want, sizeof want, "application|Acme|-|-|-|-|pending|%u\n",
		 lacks);
	assert_same_text(k.text, want);
	assert_int_equal(r->missing_rows, 1);
	fu_report_row row = { 0 };
	row.application_id = a;
	row.activity = FU_RA_APPLICATION;
	char fix[256];
	snprintf(want, sizeof want, "fu edit %lld --contact NAME, then fu edit "
		 "NAME --address ADDRESS", (long long)a);
	assert_string_equal(fu_report_fix(fix, sizeof fix, &row,
					  FU_RF_ADDRESS), want);
	snprintf(want, sizeof want, "fu edit %lld --url URL, if you applied "
		 "online", (long long)a);
	assert_string_equal(fu_report_fix(fix, sizeof fix, &row,
					  FU_RF_METHOD), want);
	row.person_id = 7;
	assert_string_equal(fu_report_fix(fix, sizeof fix, &row, FU_RF_PHONE),
			    "fu edit 7 --phone PHONE");
	fu_report_free(r);

	/* someone at Acme with an address and a phone, on no application:
	 * the employer's address is theirs; the person contacted is still
	 * unknown */
	fu_contact hr = { 0 };
	hr.name = "Acme HR";
	hr.company = "Acme";
	hr.address = "1 Infinite Loop";
	hr.phone = "555-0100";
	assert_fu_ok_db(db, fu_contact_add(db, &hr));
	fu_contact other = { 0 };
	other.name = "Acme Reception";
	other.company = "Acme";
	other.email = "hello@acme.example";
	assert_fu_ok_db(db, fu_contact_add(db, &other));
	r = open_report(db, "ne", NULL, NULL);
	memset(&k, 0, sizeof k);
	assert_fu_ok_db(db, fu_report_each_row(r, keep_row, &k));
	snprintf(want, sizeof want, "application|Acme|-|-|1 Infinite Loop|"
		 "555-0100|pending|%u\n", FU_RF_PERSON | FU_RF_METHOD);
	assert_same_text(k.text, want);
	fu_report_free(r);
}

/* Networking: a meeting with a contact counts where networking counts,
 * under the contact's employer. */
static void test_report_networking(void **state)
{
	fu_db *db = *state;
	fu_contact m = { 0 };
	m.name = "Maria Lopez";
	m.company = "Initech";
	m.email = "maria@initech.example";
	assert_fu_ok_db(db, fu_contact_add(db, &m));
	int64_t nobody = fu_test_contact(db, "Sam Lee", NULL);
	fu_test_log(db, FU_EV_MEETING, 0, m.id, fu_test_at("2026-11-03 12:00"),
		    0, 0);
	fu_test_log(db, FU_EV_MET, 0, nobody, fu_test_at("2026-11-04 18:00"),
		    0, 0);
	fu_report *r = open_report(db, "ny", NULL, NULL);
	rows k = { 0 };
	assert_fu_ok_db(db, fu_report_each_row(r, keep_row, &k));
	assert_int_equal(k.n, 2);
	assert_has(k.text, "networking|Initech|Maria Lopez|-|-|-|contact made|");
	assert_has(k.text, "networking|-|Sam Lee|");
	assert_int_equal(r->periods[0].employers, 1);
	fu_report_free(r);
	/* Washington counts employer contacts only */
	r = open_report(db, "wa", NULL, NULL);
	assert_int_equal(r->activities, 0);
	fu_report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_report_rules_table),
		FU_TEST(test_report_weeks_and_rows),
		FU_TEST(test_report_mistakes),
		FU_TEST(test_report_short_for_each_rules),
		FU_TEST(test_report_distinct),
		FU_TEST(test_report_custom),
		FU_TEST(test_report_weeks_across_dst),
		FU_TEST(test_report_missing),
		FU_TEST(test_report_networking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
