/* SPDX-License-Identifier: MIT */
/*
 * date.c - dates as people write them, and local-calendar arithmetic.
 *
 * Two kinds of arithmetic live here. Calendar days (y-m-d) are counted
 * with plain integer formulas (days_from_civil), free of any time zone.
 * The step between a local wall-clock time and an instant goes through
 * localtime_r() and mktime(), so TZ governs it; that step is in two
 * functions only, local_of() and local_at(), which say what happens at a
 * daylight-saving change.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fu/date.h"
#include "fu/fu.h"

/* A local wall-clock time, fields in their human ranges. */
struct civil {
	int y, mon, day; /* 2026, 1-12, 1-31 */
	int hour, min, sec;
};

static const char *const wday_abbr[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};

static const char *const mon_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/*
 * Days since 1970-01-01 of the proleptic Gregorian date y-m-d, and back
 * (H. Hinnant's algorithms: exact for any year, no time zone involved).
 */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, struct civil *c)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	c->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->mon = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->y = (int)(yoe + era * 400 + (c->mon <= 2));
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	return m == 2 && is_leap(y) ? 29 : mdays[m - 1];
}

/* Day of the week of a day number: 1970-01-01 was a Thursday (4). */
static int wday_of(int64_t days)
{
	int w = (int)((days + 4) % 7);

	return w < 0 ? w + 7 : w;
}

/* The local wall-clock time of t, and its UTC offset in seconds. When
 * t is beyond what the C library can represent, the UTC time with
 * offset 0 stands in (no caller can do better with such a value). */
static void local_of(int64_t t, struct civil *c, long *gmtoff)
{
	struct tm tm;
	long off = 0;

	if (t < FU_TIME_MIN)
		t = FU_TIME_MIN;
	if (t > FU_TIME_MAX)
		t = FU_TIME_MAX;
	time_t tt = (time_t)t;

	if (localtime_r(&tt, &tm) != NULL) {
		c->y = tm.tm_year + 1900;
		c->mon = tm.tm_mon + 1;
		c->day = tm.tm_mday;
		c->hour = tm.tm_hour;
		c->min = tm.tm_min;
		c->sec = tm.tm_sec;
		off = tm.tm_gmtoff;
	} else {
		int64_t days = t / 86400, rem = t % 86400;

		if (rem < 0) {
			rem += 86400;
			days--;
		}
		civil_from_days(days, c);
		c->hour = (int)(rem / 3600);
		c->min = (int)(rem / 60 % 60);
		c->sec = (int)(rem % 60);
	}
	/* nothing shown or counted leaves the years 1970-9999 */
	if (c->y > 9999) {
		c->y = 9999;
		c->mon = 12;
		c->day = 31;
		c->hour = 23;
		c->min = c->sec = 59;
	} else if (c->y < 1970) {
		c->y = 1970;
		c->mon = c->day = 1;
		c->hour = c->min = c->sec = 0;
	}
	if (gmtoff)
		*gmtoff = off;
}

static int64_t days_of(const struct civil *c)
{
	return days_from_civil(c->y, c->mon, c->day);
}

/* mktime() of c with the given tm_isdst; 0 when it succeeded. */
static int try_mktime(const struct civil *c, int isdst, int64_t *out)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = c->y - 1900;
	tm.tm_mon = c->mon - 1;
	tm.tm_mday = c->day;
	tm.tm_hour = c->hour;
	tm.tm_min = c->min;
	tm.tm_sec = c->sec;
	tm.tm_isdst = isdst;
	tm.tm_wday = -1; /* mktime() sets it on success; -1 is legal output */
	time_t t = mktime(&tm);
	if (tm.tm_wday == -1)
		return -1;
	*out = (int64_t)t;
	return 0;
}

static int same_wall(const struct civil *a, const struct civil *b)
{
	return a->y == b->y && a->mon == b->mon && a->day == b->day &&
	    a->hour == b->hour && a->min == b->min && a->sec == b->sec;
}

/*
 * The instant at which local clocks show c (c must be a valid date).
 *
 * mktime() alone is not predictable at a daylight-saving change (glibc
 * resolves a repeated hour to the first occurrence in one zone and to
 * the second in another), so we ask it under each tm_isdst hint and
 * choose ourselves:
 *   - a wall time that happens twice (the autumn hour) is the earlier
 *     of the two instants;
 *   - a wall time that never happens (the spring-forward gap) is read
 *     with the offset in force before the change, which moves it forward
 *     by the length of the gap: 02:30 on a day whose clocks jump from
 *     02:00 to 03:00 becomes 03:30. That instant is the latest of the
 *     candidates. A midnight that falls in a gap thus becomes the first
 *     instant of the day (01:00).
 * Returns 0, or -1 when the C library cannot represent the time.
 */
static int local_at(const struct civil *c, int64_t *out)
{
	static const int hints[3] = { -1, 0, 1 };
	int64_t cand, first = 0, last = 0;
	int nfound = 0, nexact = 0;

	/* The quick way, without mktime() (which searches with a dozen
	 * localtime calls, three times over): the wall time read as UTC,
	 * less the offset in force a day before and a day after. A
	 * candidate that reads back as c is exact; the earlier exact one is
	 * the answer (the first of a repeated hour). A wall time that
	 * neither reads back as (a gap, or a time the C library cannot
	 * show) takes the careful way below. */
	int64_t u = days_from_civil(c->y, c->mon, c->day) * 86400 +
		    c->hour * 3600 + c->min * 60 + c->sec;
	if (u > FU_TIME_MIN + 2 * 86400 && u < FU_TIME_MAX - 2 * 86400) {
		long off[2];
		struct civil back;
		local_of(u - 86400, &back, &off[0]);
		local_of(u + 86400, &back, &off[1]);
		for (int i = 0; i < 2; i++) {
			if (i == 1 && off[1] == off[0])
				break;
			cand = u - off[i];
			local_of(cand, &back, NULL);
			if (same_wall(&back, c) && (nexact++ == 0 || cand < first))
				first = cand;
		}
		if (nexact) {
			*out = first;
			return 0;
		}
	}

	for (int i = 0; i < 3; i++) {
		struct civil back;

		if (try_mktime(c, hints[i], &cand) != 0)
			continue;
		local_of(cand, &back, NULL);
		if (same_wall(&back, c)) {
			if (nexact++ == 0 || cand < first)
				first = cand;
		} else if (nexact == 0) {
			if (nfound == 0 || cand > last)
				last = cand;
		}
		nfound++;
	}
	if (nfound == 0)
		return -1;
	*out = nexact ? first : last;
	return 0;
}

int64_t fu_time_add_days(int64_t t, int days)
{
	struct civil c;
	int64_t out;

	local_of(t, &c, NULL);
	int64_t d = days_of(&c) + days;
	/* computed times stay within 1970-01-01 .. 9999-12-31 */
	if (d > days_from_civil(9999, 12, 31))
		d = days_from_civil(9999, 12, 31);
	if (d < 0)
		d = 0;
	civil_from_days(d, &c);
	if (local_at(&c, &out) != 0)
		return t;
	return out;
}

int64_t fu_time_start_of_day(int64_t t)
{
	struct civil c;
	int64_t out;

	local_of(t, &c, NULL);
	c.hour = c.min = c.sec = 0;
	if (local_at(&c, &out) != 0)
		return t;
	return out;
}

int64_t fu_time_bare_day(int64_t day, int64_t now)
{
	struct civil c;
	int64_t out;
	if (day == fu_time_start_of_day(now))
		return now;
	local_of(day, &c, NULL);
	c.hour = 12;
	c.min = c.sec = 0;
	if (local_at(&c, &out) != 0)
		return day;
	return out;
}

char *fu_time_zone_id(char *buf, size_t len)
{
	const char *tz = getenv("TZ");
	char link[FU_ZONE_LEN];
	ssize_t n;
	if (tz)
		snprintf(buf, len, "TZ=%s", tz);
	else if ((n = readlink("/etc/localtime", link, sizeof link - 1)) > 0)
		snprintf(buf, len, "localtime=%.*s", (int)n, link);
	else
		snprintf(buf, len, "localtime");
	return buf;
}

int fu_time_zone_known(const char *tz)
{
	if (!tz || !*tz)
		return 1;
	if (*tz == ':')
		tz++;
	if (!*tz)
		return 1;
	/* a POSIX rule: a name of 3 letters or more (or <...>), then the
	 * offset, which begins with a sign or a digit */
	const char *p = tz;
	if (*p == '<') {
		p = strchr(p, '>');
		p = p ? p + 1 : tz;
	} else {
		while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			p++;
		if (p - tz < 3)
			p = tz;
	}
	if (p != tz && (*p == '+' || *p == '-' || (*p >= '0' && *p <= '9')))
		return 1;
	/* a zone file; no "..", which the C library refuses too */
	if (strstr(tz, ".."))
		return 0;
	char path[4096];
	const char *dir = getenv("TZDIR");
	if (*tz == '/')
		snprintf(path, sizeof path, "%s", tz);
	else
		snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir
			 : "/usr/share/zoneinfo", tz);
	return access(path, R_OK) == 0;
}

int fu_time_weekday(int64_t t)
{
	struct civil c;

	local_of(t, &c, NULL);
	return wday_of(days_of(&c));
}

int64_t fu_time_business_day(int64_t t)
{
	switch (fu_time_weekday(t)) {
	case 6:
		return fu_time_add_days(t, 2);
	case 0:
		return fu_time_add_days(t, 1);
	default:
		return t;
	}
}

int fu_time_days_between(int64_t a, int64_t b)
{
	struct civil ca, cb;

	local_of(a, &ca, NULL);
	local_of(b, &cb, NULL);
	int64_t d = days_of(&cb) - days_of(&ca);
	if (d > INT32_MAX)
		return INT32_MAX;
	if (d < -INT32_MAX)
		return -INT32_MAX;
	return (int)d;
}

char *fu_time_iso(char *buf, int64_t t)
{
	struct civil c;
	long off;

	local_of(t, &c, &off);
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	/* offsets are under a day; seconds of old local mean times drop */
	int oh = (int)(off / 3600 % 24), om = (int)(off / 60 % 60);
	snprintf(buf, FU_ISO_LEN, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		 c.y, c.mon, c.day, c.hour, c.min, c.sec, sign, oh, om);
	return buf;
}

char *fu_time_day(char *buf, int64_t t)
{
	struct civil c;

	local_of(t, &c, NULL);
	snprintf(buf, 11, "%04d-%02d-%02d", c.y, c.mon, c.day);
	return buf;
}

char *fu_time_human(char *buf, int64_t t, int64_t now, int with_time)
{
	struct civil c, cn;
	char year[16] = "", clock[16] = "";

	local_of(t, &c, NULL);
	local_of(now, &cn, NULL);
	if (c.y != cn.y)
		snprintf(year, sizeof year, " %d", c.y);
	if (with_time)
		snprintf(clock, sizeof clock, " %02d:%02d", c.hour, c.min);
	snprintf(buf, FU_HUMAN_LEN, "%s %d %s%s%s", wday_abbr[wday_of(days_of(&c))],
		 c.day, mon_abbr[c.mon - 1], year, clock);
	return buf;
}

/* "in 3 days" or "3 days ago", with the unit's plural when n != 1. */
static char *say(char *buf, int64_t n, const char *unit, int future)
{
	const char *s = n == 1 ? "" : "s";

	if (future)
		snprintf(buf, FU_REL_LEN, "in %lld %s%s", (long long)n, unit, s);
	else
		snprintf(buf, FU_REL_LEN, "%lld %s%s ago", (long long)n, unit, s);
	return buf;
}

/*
 * Under a minute apart is "now"; under an hour, minutes; under 24 hours,
 * hours (all rounded down). From 24 hours on, local calendar days count:
 * 1 is "tomorrow" or "yesterday", 2-13 days, 14-55 whole weeks, then
 * months of 30 days (rounded to the nearest, so that 8 weeks reads
 * "2 months", never "1 month"), and from 365 days whole years.
 */
char *fu_time_relative(char *buf, int64_t t, int64_t now)
{
	int future = t >= now;
	uint64_t secs = future ? (uint64_t)t - (uint64_t)now
			       : (uint64_t)now - (uint64_t)t;
	int64_t days;

	if (secs < 60) {
		snprintf(buf, FU_REL_LEN, "now");
		return buf;
	}
	if (secs < 3600)
		return say(buf, (int64_t)(secs / 60), "minute", future);
	days = fu_time_days_between(now, t);
	if (days < 0)
		days = -days;
	/* a 25-hour autumn day can hold 24 hours on one date */
	if (secs < 86400 || days == 0)
		return say(buf, (int64_t)(secs / 3600), "hour", future);
	if (days == 1) {
		snprintf(buf, FU_REL_LEN, "%s", future ? "tomorrow" : "yesterday");
		return buf;
	}
	if (days < 14)
		return say(buf, days, "day", future);
	if (days < 56)
		return say(buf, days / 7, "week", future);
	if (days < 365)
		return say(buf, (days + 15) / 30, "month", future);
	return say(buf, days / 365, "year", future);
}

/*
 * fu_date_parse: the words are split on blanks and matched in two steps,
 * first the form (a day, then an optional time), then the ranges, so
 * that a well-formed but impossible date ("2026-02-30") gets a reason
 * and anything else the list of forms.
 */

#define MAX_DAYS 100000                  /* how far +Nd may reach */
#define MAX_EPOCH INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

enum { P_OK, P_NO, P_BAD }; /* matched; not this form; refused (why) */

static const char *const mon_name[12] = {
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december",
};

static const struct {
	const char *name;
	int wday;
} wday_names[] = {
	{ "sun", 0 }, { "sunday", 0 },
	{ "mon", 1 }, { "monday", 1 },
	{ "tue", 2 }, { "tues", 2 }, { "tuesday", 2 },
	{ "wed", 3 }, { "weds", 3 }, { "wednesday", 3 },
	{ "thu", 4 }, { "thur", 4 }, { "thurs", 4 }, { "thursday", 4 },
	{ "fri", 5 }, { "friday", 5 },
	{ "sat", 6 }, { "saturday", 6 },
};

static const struct {
	const char *name;
	char unit;
} rel_units[] = {
	{ "d", 'd' }, { "day", 'd' }, { "days", 'd' },
	{ "w", 'w' }, { "week", 'w' }, { "weeks", 'w' },
	{ "h", 'h' }, { "hour", 'h' }, { "hours", 'h' },
};

/* What the words said, before the ranges are checked. */
struct when {
	struct civil c;      /* the day, and the time when has_time */
	int has_time;
	int ampm;            /* 0, or 'a' or 'p' when the hour is 1-12 */
	int has_off;         /* an explicit UTC offset makes an instant */
	int off_sign, off_h, off_m;
	int is_instant;      /* now, @N, +Nh: instant is the answer */
	int64_t instant;
};

struct parse {
	int64_t now;
	int flags;
	int64_t today;       /* now's local day, as days since 1970 */
	char why[96];        /* why a well-formed date was refused */
};

static int refuse(struct parse *p, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static int refuse(struct parse *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->why, sizeof p->why, fmt, ap);
	va_end(ap);
	return P_BAD;
}

static int is_blank(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	    ch == '\v' || ch == '\f';
}

/* Read the decimal digits at s: how many in *n, their value in *v (only
 * meaningful when *n <= 18). Returns the first byte after them. */
static const char *scan_digits(const char *s, int64_t *v, int *n)
{
	*v = 0;
	for (*n = 0; *s >= '0' && *s <= '9'; s++, (*n)++)
		if (*n < 18)
			*v = *v * 10 + (*s - '0');
	return s;
}

/* Z, +HH:MM, +HHMM or +HH (and the same with '-'). NULL if none. */
static const char *scan_offset(const char *s, struct when *w)
{
	int64_t v;
	int n;

	w->has_off = 1;
	w->off_sign = 1;
	w->off_h = w->off_m = 0;
	if (*s == 'z')
		return s + 1;
	if (*s != '+' && *s != '-')
		return NULL;
	w->off_sign = *s == '-' ? -1 : 1;
	s = scan_digits(s + 1, &v, &n);
	if (n == 4) {
		w->off_h = (int)(v / 100);
		w->off_m = (int)(v % 100);
		return s;
	}
	if (n != 2)
		return NULL;
	w->off_h = (int)v;
	if (*s != ':')
		return s;
	s = scan_digits(s + 1, &v, &n);
	if (n != 2)
		return NULL;
	w->off_m = (int)v;
	return s;
}

/* A whole word that is a time: H:MM, HH:MM:SS, 9am, 2:30pm, and, when
 * allow_off, an offset after a 24-hour time (14:00z, 14:00+01:00). */
static int scan_clock(const char *s, struct when *w, int allow_off)
{
	int64_t v;
	int n, colon;

	s = scan_digits(s, &v, &n);
	if (n < 1 || n > 2)
		return P_NO;
	w->c.hour = (int)v;
	w->c.min = w->c.sec = 0;
	if ((colon = *s == ':')) {
		s = scan_digits(s + 1, &v, &n);
		if (n != 2)
			return P_NO;
		w->c.min = (int)v;
		if (*s == ':') {
			s = scan_digits(s + 1, &v, &n);
			if (n != 2)
				return P_NO;
			w->c.sec = (int)v;
		}
	}
	if ((s[0] == 'a' || s[0] == 'p') && s[1] == 'm') {
		w->ampm = s[0];
		s += 2;
	} else if (!colon) {
		return P_NO; /* a bare number is not a time */
	}
	if (allow_off && !w->ampm && *s != '\0')
		if ((s = scan_offset(s, w)) == NULL)
			return P_NO;
	if (*s != '\0')
		return P_NO;
	w->has_time = 1;
	return P_OK;
}

/* YYYY-M[M]-D[D], optionally followed by T and a time with an offset. */
static int scan_iso(const char *s, struct when *w, int *iso)
{
	int64_t v;
	int n;

	s = scan_digits(s, &v, &n);
	if (n != 4 || *s != '-')
		return P_NO;
	w->c.y = (int)v;
	s = scan_digits(s + 1, &v, &n);
	if (n < 1 || n > 2 || *s != '-')
		return P_NO;
	w->c.mon = (int)v;
	s = scan_digits(s + 1, &v, &n);
	if (n < 1 || n > 2)
		return P_NO;
	w->c.day = (int)v;
	*iso = 1;
	if (*s == '\0')
		return P_OK;
	if (*s == 't')
		return scan_clock(s + 1, w, 1);
	return P_NO;
}

/* [+-]N followed by a unit: d, w, h (or day(s), week(s), hour(s)). */
static int scan_rel(struct parse *p, const char *s, int64_t *out, char *unit)
{
	int64_t v, limit;
	int n, neg = 0;
	size_t i;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	s = scan_digits(s, &v, &n);
	if (n == 0)
		return P_NO;
	for (i = 0; i < sizeof rel_units / sizeof rel_units[0]; i++)
		if (strcmp(s, rel_units[i].name) == 0)
			break;
	if (i == sizeof rel_units / sizeof rel_units[0])
		return P_NO;
	*unit = rel_units[i].unit;
	limit = *unit == 'h' ? MAX_DAYS * 24 : *unit == 'w' ? MAX_DAYS / 7
							     : MAX_DAYS;
	if (n > 9 || v > limit)
		return refuse(p, "at most %d days either way", MAX_DAYS);
	*out = neg ? -v : v;
	return P_OK;
}

static int weekday_named(const char *s)
{
	for (size_t i = 0; i < sizeof wday_names / sizeof wday_names[0]; i++)
		if (strcmp(s, wday_names[i].name) == 0)
			return wday_names[i].wday;
	return -1;
}

/* Forms that are an instant by themselves: now, @SECONDS, +Nh. */
static int parse_instant(struct parse *p, const char *s, struct when *w)
{
	int64_t v;
	char unit;
	int n, rc;

	if (strcmp(s, "now") == 0) {
		w->instant = p->now;
	} else if (*s == '@') {
		if (*scan_digits(s + 1, &v, &n) != '\0' || n == 0)
			return P_NO;
		if (n > 12 || v > MAX_EPOCH)
			return refuse(p, "epoch seconds must be at most %lld",
				      (long long)MAX_EPOCH);
		w->instant = v;
	} else if ((rc = scan_rel(p, s, &v, &unit)) != P_NO) {
		if (rc != P_OK || unit != 'h')
			return rc == P_OK ? P_NO : rc;
		/* checked before adding: now comes from the caller */
		if (p->now < -v * 3600 || p->now > MAX_EPOCH - v * 3600)
			return refuse(p, "year must be 1970-9999");
		w->instant = p->now + v * 3600;
	} else {
		return P_NO;
	}
	w->is_instant = w->has_time = 1;
	return P_OK;
}

/* The day `days` local calendar days from today. */
static int on_day(struct parse *p, struct when *w, int64_t days)
{
	civil_from_days(p->today + days, &w->c);
	return P_OK;
}

/* Days from today to weekday wd: which one is meant depends on how it
 * was named (how: 0 bare, 'l' last, 'n' next) and, when bare, on the
 * flags. */
static int64_t weekday_days(struct parse *p, int wd, int how)
{
	int today = wday_of(p->today);
	int ahead = (wd - today + 7) % 7; /* 0-6, 0 when today */
	int back = (today - wd + 7) % 7;

	switch (how) {
	case 'n':
		return ahead ? ahead : 7;
	case 'l':
		return back ? -back : -7;
	default:
		if ((p->flags & FU_DATE_PAST) && !(p->flags & FU_DATE_FUTURE))
			return -back;
		return ahead;
	}
}

/* A day form in tok[0] (or tok[0..1] for last/next): *used says how
 * many words it took. */
static int parse_day(struct parse *p, char **tok, int ntok, int *used,
		     struct when *w, int *iso)
{
	const char *s = tok[0];
	int64_t n;
	char unit;
	int rc, wd;

	*used = 1;
	if ((rc = scan_iso(s, w, iso)) != P_NO)
		return rc;
	if (strcmp(s, "today") == 0)
		return on_day(p, w, 0);
	if (strcmp(s, "yesterday") == 0)
		return on_day(p, w, -1);
	if (strcmp(s, "tomorrow") == 0)
		return on_day(p, w, 1);
	if ((rc = scan_rel(p, s, &n, &unit)) != P_NO) {
		if (rc != P_OK || unit == 'h')
			return rc == P_OK ? P_NO : rc;
		return on_day(p, w, unit == 'w' ? n * 7 : n);
	}
	if ((wd = weekday_named(s)) >= 0)
		return on_day(p, w, weekday_days(p, wd, 0));
	if (ntok > 1 && (strcmp(s, "last") == 0 || strcmp(s, "next") == 0) &&
	    (wd = weekday_named(tok[1])) >= 0) {
		*used = 2;
		return on_day(p, w, weekday_days(p, wd, s[0]));
	}
	return P_NO;
}

/* The words after the day: [at] TIME, or [at] H[:MM] am|pm. */
static int parse_time(char **tok, int ntok, struct when *w, int allow_off)
{
	char joined[32];

	if (ntok > 0 && strcmp(tok[0], "at") == 0) {
		tok++;
		ntok--;
	}
	if (ntok == 1)
		return scan_clock(tok[0], w, allow_off);
	if (ntok == 2 && (strcmp(tok[1], "am") == 0 ||
			  strcmp(tok[1], "pm") == 0)) {
		snprintf(joined, sizeof joined, "%s%s", tok[0], tok[1]);
		return scan_clock(joined, w, 0);
	}
	return P_NO;
}

static int parse_words(struct parse *p, char **tok, int ntok, struct when *w)
{
	int used = 0, iso = 0, rc;

	if (ntok == 1 && (rc = parse_instant(p, tok[0], w)) != P_NO)
		return rc;
	rc = parse_day(p, tok, ntok, &used, w, &iso);
	if (rc == P_BAD)
		return rc;
	if (rc == P_NO) {
		/* no day: a bare time is today at that time */
		memset(w, 0, sizeof *w);
		on_day(p, w, 0);
		used = iso = 0;
	} else if (used == ntok) {
		return P_OK;
	} else if (w->has_time) {
		return P_NO; /* 2026-11-10T14:00 took its time already */
	}
	return parse_time(tok + used, ntok - used, w, iso);
}

/* The ranges of what the words said, then the 24-hour clock. */
static int check(struct parse *p, struct when *w)
{
	struct civil *c = &w->c;

	if (c->y < 1970 || c->y > 9999)
		return refuse(p, "year must be 1970-9999");
	if (c->mon < 1 || c->mon > 12)
		return refuse(p, "month must be 01-12");
	if (c->day < 1 || c->day > days_in_month(c->y, c->mon))
		return refuse(p, "%s %d has %d days", mon_name[c->mon - 1],
			      c->y, days_in_month(c->y, c->mon));
	if (w->ampm && (c->hour < 1 || c->hour > 12))
		return refuse(p, "hour must be 1-12 with am or pm");
	if (w->ampm)
		c->hour = c->hour % 12 + (w->ampm == 'p' ? 12 : 0);
	if (c->hour > 23)
		return refuse(p, "hour must be 00-23");
	if (c->min > 59)
		return refuse(p, "minute must be 00-59");
	if (c->sec > 59)
		return refuse(p, "second must be 00-59");
	if (w->has_off && (w->off_h > 23 || w->off_m > 59))
		return refuse(p, "utc offset must be -23:59 to +23:59");
	return P_OK;
}

/* The instant the checked words name. */
static int resolve(struct parse *p, struct when *w, int64_t *out)
{
	if (w->is_instant) {
		*out = w->instant;
		return P_OK;
	}
	if (check(p, w) != P_OK)
		return P_BAD;
	if (w->has_off) {
		*out = days_of(&w->c) * 86400 + w->c.hour * 3600 +
		    w->c.min * 60 + w->c.sec -
		    w->off_sign * (w->off_h * 3600 + w->off_m * 60);
		return P_OK;
	}
	if (!w->has_time)
		w->c.hour = w->c.min = w->c.sec = 0;
	if (local_at(&w->c, out) != 0)
		return refuse(p, "out of this system's range");
	return P_OK;
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return FU_EINVALID;
}

/* Split the lower-cased copy of s[0..len) into words; -1 if too many. */
static int split(char *buf, const char *s, size_t len, char **tok, int max)
{
	int n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		buf[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a')
						: (char)ch;
		if (is_blank(ch))
			buf[i] = '\0';
		else if (i == 0 || buf[i - 1] == '\0') {
			if (n == max)
				return -1;
			tok[n++] = buf + i;
		}
	}
	buf[len] = '\0';
	return n;
}

int fu_date_parse(int64_t *out, int *has_time, const char *s, int64_t now,
		  int flags, char *err, size_t errlen)
{
	char buf[64], *tok[6];
	struct parse p;
	struct when w;
	struct civil c;
	size_t len;
	int64_t t;
	int ntok, rc;

	if (s != NULL)
		while (is_blank((unsigned char)*s))
			s++;
	len = s != NULL ? strlen(s) : 0;
	while (len > 0 && is_blank((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return fail(err, errlen, "no date given: use %s", FU_DATE_FORMS);
	/* quote at most 60 bytes of what was given */
	int q = len > 60 ? 60 : (int)len;
	const char *more = len > 60 ? "..." : "";

	ntok = len < sizeof buf ? split(buf, s, len, tok, 6) : -1;
	memset(&p, 0, sizeof p);
	memset(&w, 0, sizeof w);
	p.now = now;
	p.flags = flags;
	local_of(now, &c, NULL);
	p.today = days_of(&c);
	rc = ntok > 0 ? parse_words(&p, tok, ntok, &w) : P_NO;
	if (rc == P_OK)
		rc = resolve(&p, &w, &t);
	if (rc == P_NO)
		return fail(err, errlen, "cannot read date '%.*s%s': use %s",
			    q, s, more, FU_DATE_FORMS);
	if (rc == P_BAD)
		return fail(err, errlen, "cannot read date '%.*s%s': %s; use %s",
			    q, s, more, p.why, FU_DATE_FORMS);
	if (out != NULL)
		*out = t;
	if (has_time != NULL)
		*has_time = w.has_time;
	return FU_OK;
}
