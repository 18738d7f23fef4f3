/* SPDX-License-Identifier: MIT */
/*
 * test_date.c - dates as people write them, and local-calendar
 * arithmetic. Every test fixes TZ itself; "now" is Monday 2026-11-09
 * 10:00 local unless a test says otherwise. Expected instants are
 * written in UTC with timegm() and the zone's known offset, so that the
 * oracle does not share the code under test.
 */
#include "fu_test.h"

#include "fu/date.h"

#define ERRLEN 512

/* Seconds since the epoch of a UTC wall-clock time. */
static int64_t utc(int y, int mon, int d, int h, int mi)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return (int64_t)timegm(&tm);
}

static const struct zone {
	const char *tz;
	int minutes_east; /* its offset on 2026-11-09 */
	const char *off;
} zones[] = {
	{ "UTC", 0, "+00:00" },
	{ "Europe/Berlin", 60, "+01:00" },
	{ "America/New_York", -300, "-05:00" },
	{ "Asia/Kolkata", 330, "+05:30" },
	{ "Pacific/Auckland", 780, "+13:00" },
};
#define NZONES (sizeof zones / sizeof zones[0])

/* 2026-11-09 10:00 local in zone i, its TZ set. */
static int64_t monday_in(size_t i)
{
	fu_test_tz(zones[i].tz);
	return utc(2026, 11, 9, 10, 0) - zones[i].minutes_east * 60;
}

/* Monday 2026-11-09 10:00 in Berlin (UTC+1). */
static int64_t berlin_monday(void)
{
	return monday_in(1);
}

static int64_t parse_ok(const char *s, int64_t now, int flags, int *has_time)
{
	char err[ERRLEN] = "";
	int64_t t = -12345;
	int ht = -1;
	int rc = fu_date_parse(&t, &ht, s, now, flags, err, sizeof err);

	if (rc != FU_OK)
		print_error("'%s': %s\n", s, err);
	assert_int_equal(rc, FU_OK);
	assert_true(ht == 0 || ht == 1);
	if (has_time)
		*has_time = ht;
	return t;
}

/* The ISO form of what s parses to. */
static const char *parse_iso(char *buf, const char *s, int64_t now, int flags)
{
	return fu_time_iso(buf, parse_ok(s, now, flags, NULL));
}

/* s is refused with a well-formed message that contains why. */
static void assert_refused(const char *s, const char *why)
{
	char err[ERRLEN] = "";
	int64_t t = 42;
	int ht = 7;
	int rc = fu_date_parse(&t, &ht, s, berlin_monday(), 0, err, sizeof err);
	size_t len = strlen(err), flen = strlen(FU_DATE_FORMS);

	if (rc != FU_EINVALID)
		print_error("'%s' was accepted\n", s ? s : "(null)");
	assert_int_equal(rc, FU_EINVALID);
	assert_int_equal(t, 42); /* outputs untouched */
	assert_int_equal(ht, 7);
	assert_true(len > flen);
	assert_string_equal(err + len - flen, FU_DATE_FORMS);
	assert_null(strchr(err, '\n'));
	assert_true(err[0] >= 'a' && err[0] <= 'z');
	if (why && !strstr(err, why)) {
		print_error("'%s': message '%s' lacks '%s'\n", s, err, why);
		fail();
	}
}

/* --- parsing: forms --------------------------------------------------- */

static void test_date_iso_day(void **state)
{
	char buf[FU_ISO_LEN];
	int64_t now = berlin_monday();
	int ht = -1;

	(void)state;
	assert_int_equal(parse_ok("2026-11-10", now, 0, &ht),
			 utc(2026, 11, 9, 23, 0));
	assert_int_equal(ht, 0);
	assert_string_equal(parse_iso(buf, "2026-1-5", now, 0),
			    "2026-01-05T00:00:00+01:00");
	assert_string_equal(parse_iso(buf, "2028-02-29", now, 0),
			    "2028-02-29T00:00:00+01:00");
	assert_string_equal(parse_iso(buf, "1970-01-02", now, 0),
			    "1970-01-02T00:00:00+01:00");
	assert_string_equal(parse_iso(buf, "9999-12-31", now, 0),
			    "9999-12-31T00:00:00+01:00");
}

static void test_date_iso_local_time(void **state)
{
	char buf[FU_ISO_LEN];
	int64_t now = berlin_monday();
	int ht = -1;

	(void)state;
	assert_int_equal(parse_ok("2026-11-10 14:00", now, 0, &ht),
			 utc(2026, 11, 10, 13, 0));
	assert_int_equal(ht, 1);
	assert_string_equal(parse_iso(buf, "2026-11-10T14:00", now, 0),
			    "2026-11-10T14:00:00+01:00");
	assert_string_equal(parse_iso(buf, "2026-11-10t14:00:05", now, 0),
			    "2026-11-10T14:00:05+01:00");
	assert_string_equal(parse_iso(buf, "2026-11-10 9:05", now, 0),
			    "2026-11-10T09:05:00+01:00");
	assert_string_equal(parse_iso(buf, "2026-07-01 14:00", now, 0),
			    "2026-07-01T14:00:00+02:00");
	assert_string_equal(parse_iso(buf, "2026-11-10 2:30pm", now, 0),
			    "2026-11-10T14:30:00+01:00");
}

static void test_date_iso_instant_with_offset(void **state)
{
	int ht = -1;

	(void)state;
	/* the same answers whatever the local zone */
	for (size_t i = 0; i < NZONES; i++) {
		int64_t now = monday_in(i);

		assert_int_equal(parse_ok("2026-11-10T14:00Z", now, 0, &ht),
				 utc(2026, 11, 10, 14, 0));
		assert_int_equal(ht, 1);
		assert_int_equal(parse_ok("2026-11-10T14:00:30z", now, 0, NULL),
				 utc(2026, 11, 10, 14, 0) + 30);
		assert_int_equal(parse_ok("2026-11-10T14:00+05:30", now, 0,
					  NULL),
				 utc(2026, 11, 10, 8, 30));
		assert_int_equal(parse_ok("2026-11-10T14:00-05:00", now, 0,
					  NULL),
				 utc(2026, 11, 10, 19, 0));
		assert_int_equal(parse_ok("2026-11-10T14:00+0530", now, 0,
					  NULL),
				 utc(2026, 11, 10, 8, 30));
		assert_int_equal(parse_ok("2026-11-10T14:00+01", now, 0, NULL),
				 utc(2026, 11, 10, 13, 0));
		assert_int_equal(parse_ok("2026-11-10 14:00+00:00", now, 0,
					  NULL),
				 utc(2026, 11, 10, 14, 0));
		/* a day boundary crossed by the offset */
		assert_int_equal(parse_ok("2026-01-01T00:30+01:00", now, 0,
					  NULL),
				 utc(2025, 12, 31, 23, 30));
	}
}

static void test_date_epoch_seconds(void **state)
{
	int64_t now = berlin_monday();
	int ht = -1;

	(void)state;
	assert_int_equal(parse_ok("@1700000000", now, 0, &ht), 1700000000);
	assert_int_equal(ht, 1);
	assert_int_equal(parse_ok("@0", now, 0, NULL), 0);
	assert_int_equal(parse_ok("@253402300799", now, 0, NULL),
			 INT64_C(253402300799));
	assert_refused("@253402300800", "epoch seconds");
	assert_refused("@99999999999999999999999", "epoch seconds");
	assert_refused("@", NULL);
	assert_refused("@-1", NULL);
	assert_refused("@12x", NULL);
	assert_refused("@1700000000 14:00", NULL);
}

static void test_date_now(void **state)
{
	int64_t now = berlin_monday() + 17; /* keeps its seconds */
	int ht = -1;

	(void)state;
	assert_int_equal(parse_ok("now", now, 0, &ht), now);
	assert_int_equal(ht, 1);
	assert_int_equal(parse_ok("NOW", now, 0, NULL), now);
	assert_refused("now 14:00", NULL);
}

static void test_date_day_words(void **state)
{
	char buf[FU_ISO_LEN];
	int64_t now = berlin_monday();
	int ht = -1;

	(void)state;
	assert_int_equal(parse_ok("today", now, 0, &ht),
			 utc(2026, 11, 8, 23, 0));
	assert_int_equal(ht, 0);
	assert_string_equal(parse_iso(buf, "yesterday", now, 0),
			    "2026-11-08T00:00:00+01:00");
	assert_string_equal(parse_iso(buf, "tomorrow", now, 0),
			    "2026-11-10T00:00:00+01:00");
}

static void test_date_case_and_blanks(void **state)
{
	char buf[FU_ISO_LEN];
	int64_t now = berlin_monday();

	(void)state;
	assert_string_equal(parse_iso(buf, "  ToMoRrOw\t", now, 0),
			    "2026-11-10T00:00:00+01:00");
	assert_string_equal(parse_iso(buf, "\tLAST   FRIDAY \n", now, 0),
			    "2026-11-06T00:00:00+01:00");
	assert_string_equal(parse_iso(buf, " 2026-11-10T14:00Z ", now, 0),
			    "2026-11-10T15:00:00+01:00");
	assert_string_equal(parse_iso(buf, "Fri 2PM", now, 0),
			    "2026-11-13T14:00:00+01:00");
	assert_string_equal(parse_iso(buf, "+3D", now, 0),
			    "2026-11-12T00:00:00+01:00");
}

static void test_date_relative_days_and_weeks(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "+3d", "2026-11-12T00:00:00+01:00" },
		{ "3d", "2026-11-12T00:00:00+01:00" },
		{ "-2d", "2026-11-07T00:00:00+01:00" },
		{ "+0d", "2026-11-09T00:00:00+01:00" },
		{ "-0d", "2026-11-09T00:00:00+01:00" },
		{ "2w", "2026-11-23T00:00:00+01:00" },
		{ "+1w", "2026-11-16T00:00:00+01:00" },
		{ "-1w", "2026-11-02T00:00:00+01:00" },
		{ "+60d", "2027-01-08T00:00:00+01:00" },
		{ "-250d", "2026-03-04T00:00:00+01:00" },
		{ "3days", "2026-11-12T00:00:00+01:00" },
		{ "1day", "2026-11-10T00:00:00+01:00" },
		{ "+2weeks", "2026-11-23T00:00:00+01:00" },
	};
	char buf[FU_ISO_LEN];
	int64_t now = berlin_monday();
	int ht = -1;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(parse_iso(buf, cases[i].in, now, 0),
				    cases[i].want);
	parse_ok("+3d", now, 0, &ht);
	assert_int_equal(ht, 0);
}

static void test_date_relative_hours(void **state)
{
	int64_t now = berlin_monday() + 59;
	int ht = -1;

	(void)state;
	assert_int_equal(parse_ok("+5h", now, 0, &ht), now + 5 * 3600);
	assert_int_equal(ht, 1);
	assert_int_equal(parse_ok("5h", now, 0, NULL), now + 5 * 3600);
	assert_int_equal(parse_ok("-2h", now, 0, NULL), now - 2 * 3600);
	assert_int_equal(parse_ok("+48hours", now, 0, NULL), now + 48 * 3600);
	/* exact hours across the autumn change: the wall clock shows 4 */
	fu_test_tz("Europe/Berlin");
	now = utc(2026, 10, 24, 23, 0); /* 01:00 CEST on the 25th */
	char buf[FU_ISO_LEN];
	assert_string_equal(parse_iso(buf, "+5h", now, 0),
			    "2026-10-25T05:00:00+01:00");
	assert_refused("+5h 14:00", NULL);
}

static void test_date_relative_too_far(void **state)
{
	char buf[FU_ISO_LEN];
	int64_t now = berlin_monday();

	(void)state;
	assert_string_equal(parse_iso(buf, "+100000d", now, 0),
			    "2300-08-25T00:00:00+02:00");
	parse_ok("+14285w", now, 0, NULL);
	assert_int_equal(parse_ok("-200000h", now, 0, NULL),
			 now - INT64_C(200000) * 3600);
	assert_refused("-2400000h", "year must be 1970-9999");
	assert_int_equal(fu_date_parse(&now, NULL, "+5h", INT64_MAX, 0, NULL,
				       0),
			 FU_EINVALID);
	assert_refused("+100001d", "at most 100000 days");
	assert_refused("-100001d", "at most 100000 days");
	assert_refused("+14286w", "at most 100000 days");
	assert_refused("+2400001h", "at most 100000 days");
	assert_refused("99999999999999999999999999d", "at most 100000 days");
	/* within the cap but before 1970 */
	assert_refused("-30000d", "year must be 1970-9999");
}

/* --- parsing: weekdays ------------------------------------------------ */

struct wd_case {
	const char *in;
	int flags;
	const char *want; /* the day */
};

static void check_weekdays(const struct wd_case *c, size_t n, int64_t now)
{
	char day[16];
	int ht = -1;

	for (size_t i = 0; i < n; i++) {
		int64_t t = parse_ok(c[i].in, now, c[i].flags, &ht);

		fu_time_day(day, t);
		if (strcmp(day, c[i].want) != 0)
			print_error("'%s' flags %d: %s, want %s\n", c[i].in,
				    c[i].flags, day, c[i].want);
		assert_string_equal(day, c[i].want);
		assert_int_equal(t, fu_time_start_of_day(t));
		assert_int_equal(ht, 0);
	}
}

static void test_date_weekday_future(void **state)
{
	/* now is Monday the 9th: bare names look ahead, today included */
	static const struct wd_case c[] = {
		{ "fri", 0, "2026-11-13" },
		{ "friday", FU_DATE_FUTURE, "2026-11-13" },
		{ "mon", 0, "2026-11-09" },
		{ "monday", FU_DATE_FUTURE, "2026-11-09" },
		{ "tue", 0, "2026-11-10" },
		{ "sun", 0, "2026-11-15" },
		{ "sat", FU_DATE_FUTURE, "2026-11-14" },
		/* both flags: the default wins */
		{ "fri", FU_DATE_PAST | FU_DATE_FUTURE, "2026-11-13" },
	};

	(void)state;
	check_weekdays(c, sizeof c / sizeof c[0], berlin_monday());
}

static void test_date_weekday_past(void **state)
{
	static const struct wd_case c[] = {
		{ "fri", FU_DATE_PAST, "2026-11-06" },
		{ "mon", FU_DATE_PAST, "2026-11-09" },
		{ "tue", FU_DATE_PAST, "2026-11-03" },
		{ "sun", FU_DATE_PAST, "2026-11-08" },
		{ "sat", FU_DATE_PAST, "2026-11-07" },
	};

	(void)state;
	check_weekdays(c, sizeof c / sizeof c[0], berlin_monday());
}

static void test_date_weekday_last_next(void **state)
{
	/* strictly before / after today, whatever the flags */
	static const struct wd_case c[] = {
		{ "last fri", 0, "2026-11-06" },
		{ "next fri", 0, "2026-11-13" },
		{ "last mon", 0, "2026-11-02" },
		{ "next mon", FU_DATE_PAST, "2026-11-16" },
		{ "last monday", FU_DATE_FUTURE, "2026-11-02" },
		{ "next tuesday", 0, "2026-11-10" },
		{ "last tuesday", 0, "2026-11-03" },
		{ "last sun", 0, "2026-11-08" },
		{ "next sun", 0, "2026-11-15" },
	};

	(void)state;
	check_weekdays(c, sizeof c / sizeof c[0], berlin_monday());
}

static void test_date_weekday_today_is_named(void **state)
{
	/* on a Friday, "fri" is today either way; last/next skip a week */
	static const struct wd_case c[] = {
		{ "fri", 0, "2026-11-13" },
		{ "fri", FU_DATE_PAST, "2026-11-13" },
		{ "last fri", 0, "2026-11-06" },
		{ "next fri", 0, "2026-11-20" },
		{ "thu", 0, "2026-11-19" },
		{ "thu", FU_DATE_PAST, "2026-11-12" },
		{ "sat", FU_DATE_PAST, "2026-11-07" },
		{ "sat", 0, "2026-11-14" },
	};

	(void)state;
	check_weekdays(c, sizeof c / sizeof c[0],
		       fu_time_add_days(berlin_monday(), 4));
}

static void test_date_weekday_spellings(void **state)
{
	static const struct {
		const char *name;
		int wday;
	} names[] = {
		{ "sun", 0 }, { "sunday", 0 }, { "mon", 1 }, { "monday", 1 },
		{ "tue", 2 }, { "tues", 2 }, { "tuesday", 2 }, { "wed", 3 },
		{ "wednesday", 3 }, { "thu", 4 }, { "thur", 4 },
		{ "thurs", 4 }, { "thursday", 4 }, { "fri", 5 },
		{ "friday", 5 }, { "sat", 6 }, { "saturday", 6 },
	};
	int64_t now = berlin_monday();

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		int64_t t = parse_ok(names[i].name, now, 0, NULL);

		assert_int_equal(fu_time_weekday(t), names[i].wday);
		assert_in_range(fu_time_days_between(now, t), 0, 6);
	}
	assert_refused("frid", NULL);
	assert_refused("fr", NULL);
	assert_refused("mondays", NULL);
}

static void test_date_weekday_local_day(void **state)
{
	/* 2026-11-09 03:00 UTC is Monday in Berlin, still Sunday in New
	 * York: "tue" is 1 day ahead in one and 2 in the other */
	int64_t now = utc(2026, 11, 9, 3, 0);
	char day[16];

	(void)state;
	fu_test_tz("Europe/Berlin");
	assert_string_equal(fu_time_day(day, parse_ok("tue", now, 0, NULL)),
			    "2026-11-10");
	assert_string_equal(fu_time_day(day, parse_ok("sun", now, 0, NULL)),
			    "2026-11-15");
	fu_test_tz("America/New_York");
	assert_string_equal(fu_time_day(day, parse_ok("tue", now, 0, NULL)),
			    "2026-11-10");
	assert_string_equal(fu_time_day(day, parse_ok("sun", now, 0, NULL)),
			    "2026-11-08");
	assert_string_equal(fu_time_day(day, parse_ok("today", now, 0, NULL)),
			    "2026-11-08");
}

/* --- parsing: a day and a time ---------------------------------------- */

static void test_date_day_then_time(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "tomorrow 14:00", "2026-11-10T14:00:00+01:00" },
		{ "fri 9:30", "2026-11-13T09:30:00+01:00" },
		{ "next monday 09:30", "2026-11-16T09:30:00+01:00" },
		{ "last tue 17:45:10", "2026-11-03T17:45:10+01:00" },
		{ "today at 9am", "2026-11-09T09:00:00+01:00" },
		{ "tomorrow at 14:00", "2026-11-10T14:00:00+01:00" },
		{ "fri 2:30 pm", "2026-11-13T14:30:00+01:00" },
		{ "fri 2:30pm", "2026-11-13T14:30:00+01:00" },
		{ "+3d 8:15", "2026-11-12T08:15:00+01:00" },
		{ "-1w 23:59", "2026-11-02T23:59:00+01:00" },
		{ "yesterday 12am", "2026-11-08T00:00:00+01:00" },
		{ "yesterday 12pm", "2026-11-08T12:00:00+01:00" },
		{ "yesterday 12:30am", "2026-11-08T00:30:00+01:00" },
		{ "today 11 pm", "2026-11-09T23:00:00+01:00" },
		/* a time alone is today at that time */
		{ "2pm", "2026-11-09T14:00:00+01:00" },
		{ "14:00", "2026-11-09T14:00:00+01:00" },
		{ "8:00", "2026-11-09T08:00:00+01:00" },
	};
	char buf[FU_ISO_LEN];
	int64_t now = berlin_monday();
	int ht;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ht = -1;
		assert_string_equal(fu_time_iso(buf, parse_ok(cases[i].in, now,
							      0, &ht)),
				    cases[i].want);
		assert_int_equal(ht, 1);
	}
}

static void test_date_day_forms_across_dst(void **state)
{
	char buf[FU_ISO_LEN];
	int64_t now;

	(void)state;
	fu_test_tz("Europe/Berlin");
	now = utc(2026, 10, 24, 8, 0); /* Sat 10:00 CEST */
	assert_string_equal(parse_iso(buf, "tomorrow", now, 0),
			    "2026-10-25T00:00:00+02:00");
	assert_string_equal(parse_iso(buf, "tomorrow 14:00", now, 0),
			    "2026-10-25T14:00:00+01:00");
	assert_string_equal(parse_iso(buf, "+2d", now, 0),
			    "2026-10-26T00:00:00+01:00");
	assert_string_equal(parse_iso(buf, "mon 10:00", now, 0),
			    "2026-10-26T10:00:00+01:00");
	/* the hour that happens twice: the first time it happens */
	assert_string_equal(parse_iso(buf, "tomorrow 2:30", now, 0),
			    "2026-10-25T02:30:00+02:00");

	fu_test_tz("America/New_York");
	now = utc(2026, 3, 7, 15, 0); /* Sat 10:00 EST */
	/* the hour that never happens: read as if clocks had not moved */
	assert_string_equal(parse_iso(buf, "tomorrow 2:30", now, 0),
			    "2026-03-08T03:30:00-04:00");
	assert_string_equal(parse_iso(buf, "2026-03-08 02:00", now, 0),
			    "2026-03-08T03:00:00-04:00");
	assert_string_equal(parse_iso(buf, "2026-03-08 01:59", now, 0),
			    "2026-03-08T01:59:00-05:00");
	assert_string_equal(parse_iso(buf, "2026-11-01 01:30", now, 0),
			    "2026-11-01T01:30:00-04:00");
}

static void test_date_day_only_is_local_midnight(void **state)
{
	char buf[FU_ISO_LEN], want[FU_ISO_LEN];

	(void)state;
	for (size_t i = 0; i < NZONES; i++) {
		int64_t now = monday_in(i);
		int64_t t = parse_ok("2026-11-10", now, 0, NULL);

		snprintf(want, sizeof want, "2026-11-10T00:00:00%s",
			 zones[i].off);
		assert_string_equal(fu_time_iso(buf, t), want);
		assert_int_equal(fu_time_start_of_day(t), t);
		snprintf(want, sizeof want, "2026-11-09T00:00:00%s",
			 zones[i].off);
		assert_string_equal(parse_iso(buf, "today", now, 0), want);
		assert_string_equal(parse_iso(buf, "mon", now, 0), want);
	}
}

/* --- parsing: refusals ------------------------------------------------ */

static void test_date_error_garbage(void **state)
{
	static const char *const bad[] = {
		"frobday", "2026-11-10x", "2026-11-10 14:00x", "x2026-11-10",
		"2026/11/10", "26-11-10", "20261110", "2026-11", "2026-11-100",
		"2026-011-10", "2026-11-10T", "2026-11-10T14", "2026-11-10 14",
		"2026-11-10T14:0", "2026-11-10T14:00:0", "2026-11-10T14:00+1",
		"2026-11-10T14:00+01:0", "2026-11-10T14:00 15:00",
		"2026-11-10 14:00 15:00", "tomorrow 14:00z",
		"tomorrow 14:00+01:00", "14:00z", "tomorrow 25", "tomorrow 14",
		"next", "last", "last frobday", "next tomorrow", "fri fri",
		"fri next", "this fri", "today tomorrow", "+d", "++3d", "3x",
		"3", "+3", "-", "+", "3 d", "d3", "+3dd", "2pmz", "2 pm pm",
		"at", "at fri", "tomorrow at", "9:30 tomorrow",
		"nowish", "to day", "2026-11-10 at", "14:00:00:00",
		"1:2", "123:00", "9 am 9 am", "today\x01",
		"tomorrow 14:00 please", "a b c d e f g",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char want[128];

		snprintf(want, sizeof want, "cannot read date '%s': use ",
			 bad[i]);
		assert_refused(bad[i], want);
	}
}

static void test_date_error_ranges(void **state)
{
	static const struct {
		const char *in, *why;
	} cases[] = {
		{ "2026-02-30", "february 2026 has 28 days" },
		{ "2026-02-29", "february 2026 has 28 days" },
		{ "2100-02-29", "february 2100 has 28 days" },
		{ "2026-04-31", "april 2026 has 30 days" },
		{ "2026-11-00", "november 2026 has 30 days" },
		{ "2026-00-10", "month must be 01-12" },
		{ "2026-13-01", "month must be 01-12" },
		{ "1969-12-31", "year must be 1970-9999" },
		{ "0000-01-01", "year must be 1970-9999" },
		{ "2026-11-10 24:00", "hour must be 00-23" },
		{ "2026-11-10 99:00", "hour must be 00-23" },
		{ "2026-11-10 12:60", "minute must be 00-59" },
		{ "2026-11-10 12:00:60", "second must be 00-59" },
		{ "2026-11-10T12:00+24:00",
		  "utc offset must be -23:59 to +23:59" },
		{ "2026-11-10T12:00+01:60",
		  "utc offset must be -23:59 to +23:59" },
		{ "2026-02-30T12:00Z", "february 2026 has 28 days" },
		{ "0am", "hour must be 1-12 with am or pm" },
		{ "13pm", "hour must be 1-12 with am or pm" },
		{ "tomorrow 25:00", "hour must be 00-23" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char want[128];

		snprintf(want, sizeof want, "cannot read date '%s': %s; use ",
			 cases[i].in, cases[i].why);
		assert_refused(cases[i].in, want);
	}
	/* the day after a valid 29 February is fine */
	parse_ok("2024-02-29", berlin_monday(), 0, NULL);
	parse_ok("2000-02-29", berlin_monday(), 0, NULL);
}

static void test_date_error_empty(void **state)
{
	char err[ERRLEN];
	int64_t t = 42;

	(void)state;
	assert_refused(NULL, "no date given: use ");
	assert_refused("", "no date given: use ");
	assert_refused(" \t\n ", "no date given: use ");
	/* no room for a message, or none wanted */
	assert_int_equal(fu_date_parse(&t, NULL, "frobday", 0, 0, NULL, 0),
			 FU_EINVALID);
	assert_int_equal(t, 42);
	memset(err, 'x', sizeof err);
	assert_int_equal(fu_date_parse(&t, NULL, "frobday", 0, 0, err, 8),
			 FU_EINVALID);
	assert_string_equal(err, "cannot ");
	assert_int_equal(err[8], 'x');
}

static void test_date_error_quotes_input(void **state)
{
	char long_in[1000], want[128];

	(void)state;
	/* as typed, blanks trimmed */
	assert_refused("  FrobDay ", "cannot read date 'FrobDay': use ");
	/* a long input is cut in the message */
	memset(long_in, 'z', sizeof long_in - 1);
	long_in[sizeof long_in - 1] = '\0';
	snprintf(want, sizeof want, "cannot read date '%.60s...': use ",
		 long_in);
	assert_refused(long_in, want);
	/* blanks around a date do not count toward its length */
	memset(long_in, ' ', sizeof long_in - 1);
	memcpy(long_in + 500, "tomorrow", 8);
	parse_ok(long_in, berlin_monday(), 0, NULL);
	memcpy(long_in + 520, "14:00", 5);
	parse_ok(long_in, berlin_monday(), 0, NULL);
}

static void test_date_null_outputs(void **state)
{
	(void)state;
	assert_int_equal(fu_date_parse(NULL, NULL, "tomorrow", 0, 0, NULL, 0),
			 FU_OK);
	assert_int_equal(fu_date_parse(NULL, NULL, "2026-02-30", 0, 0, NULL,
				       0),
			 FU_EINVALID);
}

/* --- arithmetic ------------------------------------------------------- */

static void test_date_add_days_dst(void **state)
{
	/* 14:00 local the day before a change (as UTC), and 14:00 the
	 * day after, that many hours later */
	static const struct {
		const char *tz;
		int mon, day, hour, min;
		int hours;
		const char *want;
	} cases[] = {
		{ "Europe/Berlin", 10, 24, 12, 0, 25,
		  "2026-10-25T14:00:00+01:00" },
		{ "Europe/Berlin", 3, 28, 13, 0, 23,
		  "2026-03-29T14:00:00+02:00" },
		{ "America/New_York", 10, 31, 18, 0, 25,
		  "2026-11-01T14:00:00-05:00" },
		{ "America/New_York", 3, 7, 19, 0, 23,
		  "2026-03-08T14:00:00-04:00" },
		{ "Pacific/Auckland", 9, 26, 2, 0, 23,
		  "2026-09-27T14:00:00+13:00" },
		{ "Pacific/Auckland", 4, 4, 1, 0, 25,
		  "2026-04-05T14:00:00+12:00" },
		{ "Asia/Kolkata", 3, 28, 8, 30, 24,
		  "2026-03-29T14:00:00+05:30" },
	};
	char buf[FU_ISO_LEN];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t before = utc(2026, cases[i].mon, cases[i].day,
				     cases[i].hour, cases[i].min);
		int64_t t;

		fu_test_tz(cases[i].tz);
		t = fu_time_add_days(before, 1);
		assert_string_equal(fu_time_iso(buf, t), cases[i].want);
		assert_int_equal(t - before, cases[i].hours * 3600);
		assert_int_equal(fu_time_add_days(t, -1), before);
		assert_int_equal(fu_time_add_days(before, 7) - before,
				 (cases[i].hours + 144) * 3600);
	}
}

/* The instant local clocks show wall time w, as fu chose it before its
 * quick way (mktime under each tm_isdst hint; the earliest exact
 * candidate, else the latest): the reference the quick way must match. */
static int64_t reference_local_at(const struct tm *w)
{
	static const int hints[3] = { -1, 0, 1 };
	int64_t first = 0, last = 0;
	int nexact = 0, nfound = 0;
	for (int i = 0; i < 3; i++) {
		struct tm tm = *w, back;
		tm.tm_isdst = hints[i];
		tm.tm_wday = -1;
		time_t t = mktime(&tm);
		if (tm.tm_wday == -1)
			continue;
		localtime_r(&t, &back);
		if (back.tm_year == w->tm_year && back.tm_mon == w->tm_mon &&
		    back.tm_mday == w->tm_mday && back.tm_hour == w->tm_hour &&
		    back.tm_min == w->tm_min && back.tm_sec == w->tm_sec) {
			if (nexact++ == 0 || t < first)
				first = t;
		} else if (nexact == 0 && (nfound == 0 || t > last)) {
			last = t;
		}
		nfound++;
	}
	return nexact ? first : last;
}

/* One instant: a day later is what the reference says. */
static void check_day_after(const char *tz, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm w;
	localtime_r(&tt, &w);
	w.tm_mday += 1;
	(void)timegm(&w); /* normalises the day, as a wall time */
	int64_t want = reference_local_at(&w);
	int64_t got = fu_time_add_days(t, 1);
	if (got != want)
		fail_msg("%s: a day after %lld: %lld, wanted %lld", tz,
			 (long long)t, (long long)got, (long long)want);
}

/* A day later, over two years, in zones with an hour, half an hour or
 * no daylight saving, north and south, and one that skipped a whole day
 * (Samoa, 2011): every 3 hours 45 minutes or so (13,537 s, so that the
 * minutes vary), and every 10 minutes of the
 * days around each change of offset. */
static void test_date_add_days_matches_mktime(void **state)
{
	static const char *tzs[] = { "Europe/Berlin", "America/New_York",
		"Australia/Lord_Howe", "America/Sao_Paulo", "Asia/Kolkata",
		"Pacific/Apia", "UTC" };
	(void)state;
	for (size_t z = 0; z < sizeof tzs / sizeof *tzs; z++) {
		fu_test_tz(tzs[z]);
		int64_t from = strcmp(tzs[z], "Pacific/Apia") == 0
			? utc(2011, 1, 1, 0, 0) : utc(2025, 1, 1, 0, 0);
		int64_t to = from + 2 * 365 * 86400;
		for (int64_t t = from; t < to; t += 13537)
			check_day_after(tzs[z], t);
		long prev = 0;
		for (int64_t t = from; t < to; t += 1800) {
			time_t tt = (time_t)t;
			struct tm tm;
			localtime_r(&tt, &tm);
			if (t != from && tm.tm_gmtoff != prev)
				for (int64_t u = t - 2 * 86400; u < t + 86400;
				     u += 600)
					check_day_after(tzs[z], u);
			prev = tm.tm_gmtoff;
		}
	}
}

static void test_date_add_days_gap_and_repeat(void **state)
{
	char buf[FU_ISO_LEN];

	(void)state;
	/* a wall time in the spring gap moves forward by the gap */
	fu_test_tz("Europe/Berlin");
	assert_string_equal(fu_time_iso(buf, fu_time_add_days(utc(2026, 3, 28,
								 1, 30), 1)),
			    "2026-03-29T03:30:00+02:00");
	fu_test_tz("America/New_York");
	assert_string_equal(fu_time_iso(buf, fu_time_add_days(utc(2026, 3, 7,
								 7, 30), 1)),
			    "2026-03-08T03:30:00-04:00");
	/* a wall time that happens twice is its first occurrence, in both
	 * zones (glibc's mktime alone picks differently in each) */
	assert_string_equal(fu_time_iso(buf, fu_time_add_days(utc(2026, 10, 31,
								 5, 30), 1)),
			    "2026-11-01T01:30:00-04:00");
	fu_test_tz("Europe/Berlin");
	assert_string_equal(fu_time_iso(buf, fu_time_add_days(utc(2026, 10, 24,
								 0, 30), 1)),
			    "2026-10-25T02:30:00+02:00");
	/* and from its second occurrence, a day later is 02:30 again */
	assert_string_equal(fu_time_iso(buf, fu_time_add_days(utc(2026, 10, 25,
								 1, 30), 1)),
			    "2026-10-26T02:30:00+01:00");
}

static void test_date_add_days_calendar(void **state)
{
	char buf[FU_ISO_LEN];
	int64_t t;

	(void)state;
	fu_test_tz("UTC");
	t = utc(2026, 12, 31, 9, 15);
	assert_int_equal(fu_time_add_days(t, 0), t);
	assert_string_equal(fu_time_iso(buf, fu_time_add_days(t, 1)),
			    "2027-01-01T09:15:00+00:00");
	assert_string_equal(fu_time_iso(buf, fu_time_add_days(t, -365)),
			    "2025-12-31T09:15:00+00:00");
	assert_string_equal(fu_time_iso(buf, fu_time_add_days(
					 utc(2028, 2, 28, 0, 0), 1)),
			    "2028-02-29T00:00:00+00:00");
	assert_string_equal(fu_time_iso(buf, fu_time_add_days(
					 utc(2026, 1, 31, 0, 0), 30)),
			    "2026-03-02T00:00:00+00:00");
	/* seconds are kept */
	assert_int_equal(fu_time_add_days(t + 59, 2), t + 59 + 2 * 86400);
}

static void test_date_start_of_day(void **state)
{
	char buf[FU_ISO_LEN];
	int64_t t;

	(void)state;
	fu_test_tz("Europe/Berlin");
	t = utc(2026, 10, 25, 13, 0); /* 14:00 CET, a 25-hour day */
	assert_string_equal(fu_time_iso(buf, fu_time_start_of_day(t)),
			    "2026-10-25T00:00:00+02:00");
	assert_int_equal(t - fu_time_start_of_day(t), 15 * 3600);
	t = fu_time_start_of_day(t);
	assert_int_equal(fu_time_start_of_day(t), t);
	assert_int_equal(fu_time_start_of_day(t - 1), t - 24 * 3600);
	/* Sao Paulo once sprang forward at midnight: the day began at 01:00 */
	fu_test_tz("America/Sao_Paulo");
	assert_string_equal(fu_time_iso(buf, fu_time_start_of_day(
					 utc(2018, 11, 4, 15, 0))),
			    "2018-11-04T01:00:00-02:00");
	/* local days start at different instants in each zone */
	for (size_t i = 0; i < NZONES; i++) {
		char want[FU_ISO_LEN];

		t = monday_in(i);
		snprintf(want, sizeof want, "2026-11-09T00:00:00%s",
			 zones[i].off);
		assert_string_equal(fu_time_iso(buf, fu_time_start_of_day(t)),
				    want);
	}
}

static void test_date_weekday_of_instant(void **state)
{
	int64_t t = utc(2026, 11, 8, 23, 30); /* Sunday in UTC */

	(void)state;
	fu_test_tz("UTC");
	assert_int_equal(fu_time_weekday(t), 0);
	assert_int_equal(fu_time_weekday(utc(1970, 1, 1, 0, 0)), 4);
	fu_test_tz("Europe/Berlin");
	assert_int_equal(fu_time_weekday(t), 1);
	fu_test_tz("America/New_York");
	assert_int_equal(fu_time_weekday(t), 0);
	fu_test_tz("Pacific/Auckland");
	assert_int_equal(fu_time_weekday(t), 1);
	for (size_t i = 0; i < NZONES; i++)
		assert_int_equal(fu_time_weekday(monday_in(i)), 1);
}

static void test_date_business_day(void **state)
{
	int64_t fri = berlin_monday() - 3 * 86400 + 4 * 3600; /* 14:00 */
	char buf[FU_ISO_LEN];

	(void)state;
	assert_int_equal(fu_time_weekday(fri), 5);
	assert_int_equal(fu_time_business_day(fri), fri);
	assert_int_equal(fu_time_business_day(fri + 86400), fri + 3 * 86400);
	assert_int_equal(fu_time_business_day(fri + 2 * 86400),
			 fri + 3 * 86400);
	assert_int_equal(fu_time_business_day(fri + 3 * 86400),
			 fri + 3 * 86400);
	assert_int_equal(fu_time_business_day(fri + 4 * 86400),
			 fri + 4 * 86400);
	/* a weekend that holds the autumn change: still 14:00 on Monday */
	assert_string_equal(fu_time_iso(buf, fu_time_business_day(
					 utc(2026, 10, 24, 12, 0))),
			    "2026-10-26T14:00:00+01:00");
	assert_string_equal(fu_time_iso(buf, fu_time_business_day(
					 utc(2026, 10, 25, 13, 0))),
			    "2026-10-26T14:00:00+01:00");
	/* Saturday late evening in New York is Sunday in UTC */
	fu_test_tz("America/New_York");
	assert_string_equal(fu_time_iso(buf, fu_time_business_day(
					 utc(2026, 11, 15, 3, 0))),
			    "2026-11-16T22:00:00-05:00");
}

static void test_date_days_between(void **state)
{
	int64_t mon = berlin_monday();

	(void)state;
	assert_int_equal(fu_time_days_between(mon, mon), 0);
	assert_int_equal(fu_time_days_between(mon, mon + 13 * 3600), 0);
	assert_int_equal(fu_time_days_between(mon, mon + 14 * 3600), 1);
	assert_int_equal(fu_time_days_between(mon + 14 * 3600, mon), -1);
	assert_int_equal(fu_time_days_between(mon, fu_time_add_days(mon, 400)),
			 400);
	/* 23:59 to 00:01 is a day */
	assert_int_equal(fu_time_days_between(utc(2026, 11, 9, 22, 59),
					      utc(2026, 11, 9, 23, 1)),
			 1);
	/* across both changes of 2026, noon to noon */
	assert_int_equal(fu_time_days_between(utc(2026, 10, 24, 10, 0),
					      utc(2026, 10, 26, 11, 0)),
			 2);
	assert_int_equal(fu_time_days_between(utc(2026, 3, 28, 11, 0),
					      utc(2026, 3, 29, 10, 0)),
			 1);
	/* the 25-hour day: its first and last minutes are the same day */
	assert_int_equal(fu_time_days_between(utc(2026, 10, 24, 22, 0),
					      utc(2026, 10, 25, 22, 59)),
			 0);
	/* the zone decides */
	fu_test_tz("Asia/Kolkata");
	assert_int_equal(fu_time_days_between(utc(2026, 11, 9, 18, 0),
					      utc(2026, 11, 9, 19, 0)),
			 1);
	fu_test_tz("UTC");
	assert_int_equal(fu_time_days_between(utc(2026, 11, 9, 18, 0),
					      utc(2026, 11, 9, 19, 0)),
			 0);
}

/* --- formatting ------------------------------------------------------- */

static void test_date_iso_offsets(void **state)
{
	static const char *const winter[NZONES] = {
		"2026-01-15T12:00:00+00:00", "2026-01-15T13:00:00+01:00",
		"2026-01-15T07:00:00-05:00", "2026-01-15T17:30:00+05:30",
		"2026-01-16T01:00:00+13:00",
	};
	static const char *const summer[NZONES] = {
		"2026-07-15T12:00:00+00:00", "2026-07-15T14:00:00+02:00",
		"2026-07-15T08:00:00-04:00", "2026-07-15T17:30:00+05:30",
		"2026-07-16T00:00:00+12:00",
	};
	char buf[FU_ISO_LEN], day[11];

	(void)state;
	for (size_t i = 0; i < NZONES; i++) {
		fu_test_tz(zones[i].tz);
		assert_string_equal(fu_time_iso(buf, utc(2026, 1, 15, 12, 0)),
				    winter[i]);
		assert_string_equal(fu_time_iso(buf, utc(2026, 7, 15, 12, 0)),
				    summer[i]);
		assert_int_equal(strlen(buf), 25);
		assert_string_equal(fu_time_day(day, utc(2026, 7, 15, 12, 0)),
				    i == NZONES - 1 ? "2026-07-16"
						    : "2026-07-15");
	}
	fu_test_tz("America/St_Johns"); /* -03:30 */
	assert_string_equal(fu_time_iso(buf, utc(2026, 1, 15, 12, 0) + 7),
			    "2026-01-15T08:30:07-03:30");
}

static void test_date_human(void **state)
{
	int64_t now = berlin_monday();
	char buf[FU_HUMAN_LEN];

	(void)state;
	assert_string_equal(fu_time_human(buf, utc(2026, 11, 12, 13, 0), now,
					  1),
			    "Thu 12 Nov 14:00");
	assert_string_equal(fu_time_human(buf, utc(2026, 11, 12, 13, 0), now,
					  0),
			    "Thu 12 Nov");
	assert_string_equal(fu_time_human(buf, now, now, 1), "Mon 9 Nov 10:00");
	assert_string_equal(fu_time_human(buf, utc(2025, 11, 13, 8, 5), now,
					  1),
			    "Thu 13 Nov 2025 09:05");
	assert_string_equal(fu_time_human(buf, utc(2027, 1, 3, 23, 0), now,
					  0),
			    "Mon 4 Jan 2027");
	/* every name, in English */
	static const char *const want[7] = {
		"Sun 1 Feb", "Sun 1 Mar", "Wed 1 Apr", "Fri 1 May",
		"Mon 1 Jun", "Wed 1 Jul", "Sat 1 Aug",
	};
	for (int m = 0; m < 7; m++)
		assert_string_equal(fu_time_human(buf, utc(2026, m + 2, 1, 12,
							   0),
						  now, 0),
				    want[m]);
	assert_string_equal(fu_time_human(buf, utc(2026, 9, 1, 12, 0), now, 0),
			    "Tue 1 Sep");
	assert_string_equal(fu_time_human(buf, utc(2026, 10, 1, 12, 0), now, 0),
			    "Thu 1 Oct");
	assert_string_equal(fu_time_human(buf, utc(2026, 12, 1, 12, 0), now, 0),
			    "Tue 1 Dec");
	assert_string_equal(fu_time_human(buf, utc(2026, 1, 1, 12, 0), now, 0),
			    "Thu 1 Jan");
	/* the year is the local one, of both */
	fu_test_tz("Pacific/Auckland");
	assert_string_equal(fu_time_human(buf, utc(2027, 1, 1, 12, 0),
					  utc(2026, 12, 31, 12, 0), 1),
			    "Sat 2 Jan 01:00");
	assert_string_equal(fu_time_human(buf, utc(2026, 12, 31, 12, 0),
					  utc(2026, 12, 31, 10, 0), 1),
			    "Fri 1 Jan 2027 01:00");
}

static void test_date_relative_words(void **state)
{
	static const struct {
		int64_t secs;
		const char *want;
	} cases[] = {
		{ 0, "now" },
		{ 59, "now" },
		{ -59, "now" },
		{ 60, "in 1 minute" },
		{ -60, "1 minute ago" },
		{ 5 * 60 + 59, "in 5 minutes" },
		{ -5 * 60, "5 minutes ago" },
		{ 3599, "in 59 minutes" },
		{ 3600, "in 1 hour" },
		{ -3600, "1 hour ago" },
		{ 5 * 3600, "in 5 hours" },
		{ -5 * 3600 - 1, "5 hours ago" },
		{ 13 * 3600, "in 13 hours" }, /* 23:00 today */
		{ 14 * 3600, "in 14 hours" }, /* midnight, under a day */
		{ 86400 - 1, "in 23 hours" },
		{ 86400, "tomorrow" },
		{ 37 * 3600, "tomorrow" },    /* Tue 23:00 */
		{ 38 * 3600, "in 2 days" },   /* Wed 00:00 */
		{ -86400, "yesterday" },
		{ -34 * 3600, "yesterday" },  /* Sun 00:00 */
		{ -34 * 3600 - 1, "2 days ago" },
		{ -3 * 86400, "3 days ago" },
		{ 13 * 86400, "in 13 days" },
		{ 14 * 86400, "in 2 weeks" },
		{ 20 * 86400, "in 2 weeks" },
		{ 21 * 86400, "in 3 weeks" },
		{ -21 * 86400, "3 weeks ago" },
		{ 55 * 86400, "in 7 weeks" },
		{ 56 * 86400, "in 2 months" },
		{ -60 * 86400, "2 months ago" },
		{ 364 * 86400, "in 12 months" },
		{ 365 * 86400, "in 1 year" },
		{ -365 * 86400, "1 year ago" },
		{ 3 * 365 * 86400, "in 3 years" },
	};
	char buf[FU_REL_LEN];
	int64_t now = berlin_monday();

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fu_time_relative(buf, now + cases[i].secs, now);
		if (strcmp(buf, cases[i].want) != 0)
			print_error("%lld s: '%s', want '%s'\n",
				    (long long)cases[i].secs, buf,
				    cases[i].want);
		assert_string_equal(buf, cases[i].want);
	}
}

static void test_date_relative_across_dst(void **state)
{
	char buf[FU_REL_LEN];
	int64_t now;

	(void)state;
	fu_test_tz("Europe/Berlin");
	now = utc(2026, 10, 24, 22, 30); /* 00:30 CEST on the 25-hour day */
	assert_string_equal(fu_time_relative(buf, now + 86400, now),
			    "in 24 hours"); /* 23:30, still the same day */
	assert_string_equal(fu_time_relative(buf, now + 86400 + 3600, now),
			    "tomorrow");
	now = utc(2026, 10, 24, 12, 0); /* Sat 14:00 CEST */
	assert_string_equal(fu_time_relative(buf, fu_time_add_days(now, 2),
					     now),
			    "in 2 days");
	/* extremes do not overflow */
	fu_time_relative(buf, INT64_MAX, INT64_MIN + 1);
	assert_memory_equal(buf, "in ", 3);
	fu_time_relative(buf, INT64_MIN + 1, INT64_MAX);
	assert_string_equal(buf + strlen(buf) - 4, " ago");
	char iso[FU_ISO_LEN];
	assert_true(strlen(fu_time_iso(iso, INT64_MAX)) < FU_ISO_LEN);
}

/* --- an oracle: GNU date, where there is one -------------------------- */

static int gnu_date(const char *s, int64_t *out)
{
	char cmd[256], line[64] = "";
	FILE *f;
	int ok;

	snprintf(cmd, sizeof cmd, "date -d '%s' +%%s 2>/dev/null", s);
	if ((f = popen(cmd, "r")) == NULL)
		return -1;
	ok = fgets(line, sizeof line, f) != NULL;
	if (pclose(f) != 0 || !ok)
		return -1;
	*out = strtoll(line, NULL, 10);
	return 0;
}

static void test_date_matches_gnu_date(void **state)
{
	static const char *const forms[] = {
		"2026-11-10", "2026-11-10 14:00", "2026-11-10T14:00:30",
		"2026-11-10T14:00:00Z", "2026-11-10T14:00:00+05:30",
		"2026-11-10T14:00:00-05:00", "2026-03-29", "2026-10-25 14:00",
		"2026-03-08 12:00", "2026-09-27 12:00", "1970-01-02",
		"2026-10-25 00:00", "2099-12-31 23:59",
	};
	int64_t mine, theirs;
	int checked = 0;

	(void)state;
	for (size_t z = 0; z < NZONES; z++) {
		int64_t now = monday_in(z);

		for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
			if (gnu_date(forms[i], &theirs) != 0)
				continue;
			mine = parse_ok(forms[i], now, 0, NULL);
			if (mine != theirs)
				print_error("%s '%s': %lld, date says %lld\n",
					    zones[z].tz, forms[i],
					    (long long)mine,
					    (long long)theirs);
			assert_int_equal(mine, theirs);
			checked++;
		}
	}
	if (checked == 0)
		skip();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_iso_day),
		cmocka_unit_test(test_date_iso_local_time),
		cmocka_unit_test(test_date_iso_instant_with_offset),
		cmocka_unit_test(test_date_epoch_seconds),
		cmocka_unit_test(test_date_now),
		cmocka_unit_test(test_date_day_words),
		cmocka_unit_test(test_date_case_and_blanks),
		cmocka_unit_test(test_date_relative_days_and_weeks),
		cmocka_unit_test(test_date_relative_hours),
		cmocka_unit_test(test_date_relative_too_far),
		cmocka_unit_test(test_date_weekday_future),
		cmocka_unit_test(test_date_weekday_past),
		cmocka_unit_test(test_date_weekday_last_next),
		cmocka_unit_test(test_date_weekday_today_is_named),
		cmocka_unit_test(test_date_weekday_spellings),
		cmocka_unit_test(test_date_weekday_local_day),
		cmocka_unit_test(test_date_day_then_time),
		cmocka_unit_test(test_date_day_forms_across_dst),
		cmocka_unit_test(test_date_day_only_is_local_midnight),
		cmocka_unit_test(test_date_error_garbage),
		cmocka_unit_test(test_date_error_ranges),
		cmocka_unit_test(test_date_error_empty),
		cmocka_unit_test(test_date_error_quotes_input),
		cmocka_unit_test(test_date_null_outputs),
		cmocka_unit_test(test_date_add_days_dst),
		cmocka_unit_test(test_date_add_days_gap_and_repeat),
		cmocka_unit_test(test_date_add_days_calendar),
		cmocka_unit_test(test_date_start_of_day),
		cmocka_unit_test(test_date_weekday_of_instant),
		cmocka_unit_test(test_date_business_day),
		cmocka_unit_test(test_date_days_between),
		cmocka_unit_test(test_date_iso_offsets),
		cmocka_unit_test(test_date_human),
		cmocka_unit_test(test_date_relative_words),
		cmocka_unit_test(test_date_relative_across_dst),
		cmocka_unit_test(test_date_matches_gnu_date),
		cmocka_unit_test(test_date_add_days_matches_mktime),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
