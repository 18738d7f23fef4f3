/* SPDX-License-Identifier: MIT */
/*
 * date.h - dates as people write them, and local-calendar arithmetic.
 *
 * Instants are int64_t seconds since the epoch (UTC). Everything that
 * speaks of days, weekdays or wall-clock times uses the process's local
 * time zone (TZ, through localtime_r/mktime), so tests set TZ and call
 * tzset() to fix it. No function here reads the machine's clock: "now"
 * is always passed in.
 */
#ifndef FU_DATE_H
#define FU_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h" /* FU_EINVALID */

/* Flags for fu_date_parse(): which way a bare weekday points. */
enum {
	FU_DATE_PAST = 1 << 0,  /* "fri" is the latest Friday on or before today */
	FU_DATE_FUTURE = 1 << 1 /* "fri" is the first Friday on or after today
	                           (the default when neither flag is given) */
};

/* The accepted forms, for error messages and --help. */
#define FU_DATE_FORMS \
	"YYYY-MM-DD, 'YYYY-MM-DD HH:MM', now, today, yesterday, tomorrow, " \
	"+3d, -2d, 2w, fri, 'last tuesday', 'next monday'"

/*
 * Parse s relative to now. Accepted (case-insensitive, surrounding blanks
 * ignored):
 *   YYYY-MM-DD                      a day
 *   YYYY-MM-DD HH:MM[:SS]           a local time (also with 'T' between)
 *   YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)   an instant with its offset
 *   @SECONDS                        an instant as epoch seconds
 *   now
 *   today, yesterday, tomorrow
 *   +Nd, -Nd, Nd, +Nw, -Nw, Nw      N local calendar days/weeks from today
 *                                   (no sign means ahead); also h for hours
 *                                   (+5h: from now, keeps the time)
 *   mon..sun, monday..sunday        see FU_DATE_PAST / FU_DATE_FUTURE
 *   last <weekday>                  strictly before today (within 7 days)
 *   next <weekday>                  strictly after today (within 7 days)
 *   any day form followed by HH:MM (e.g. "tomorrow 14:00", "fri 9:30")
 *
 * Also: a time alone ("14:00", "2pm" = today at that time), am/pm forms
 * ("9am", "2:30pm"), an optional "at" ("tomorrow at 9am"), and the long
 * units ("3days", "2weeks", "48hours").
 *
 * A form that names only a day yields that day's local midnight (or the
 * first moment of the day where midnight does not exist) and sets
 * *has_time to 0; a form with a time (or now, @N, +Nh) sets it to 1.
 * A wall time in a spring-forward gap moves forward by the gap; one that
 * happens twice in autumn is the first. Results must fall in the years
 * 1970-9999; relative forms reach at most 100000 days. out and has_time
 * may be NULL (to validate only) and are untouched on error. With both
 * flags, FU_DATE_FUTURE wins. Returns 0, or FU_EINVALID with a one-line
 * message in err (lower case, no full stop, naming the accepted forms);
 * err may be NULL when errlen is 0.
 */
int fu_date_parse(int64_t *out, int *has_time, const char *s, int64_t now,
		  int flags, char *err, size_t errlen);

/* The instants fu accepts and stores: what the years 1970-9999 of any
 * time zone hold (local 1970-01-01 00:00 at UTC+14 to local 9999-12-31
 * 23:59:59 at UTC-12). A stored time outside is "not a usable fu
 * database"; what the functions below compute or print never leaves
 * it (a time beyond it is taken as its nearest end). */
#define FU_TIME_MIN INT64_C(-50400)
#define FU_TIME_MAX INT64_C(253402343999)
static inline int fu_time_valid(int64_t t)
{
	return t >= FU_TIME_MIN && t <= FU_TIME_MAX;
}

/* What a day given without a time means for something that happened or
 * was promised (fu log --at, --expect; an import's dates): now, when it
 * is today's day; otherwise that day's local midday. day is the day's
 * start, as fu_date_parse gives it. */
int64_t fu_time_bare_day(int64_t day, int64_t now);

/* The same local wall-clock time `days` calendar days later (or earlier
 * when negative); across a daylight-saving change the hour stays. */
int64_t fu_time_add_days(int64_t t, int days);

/* Local midnight starting the day that holds t. */
int64_t fu_time_start_of_day(int64_t t);

/* Local day of week of t: 0 Sunday .. 6 Saturday. */
int fu_time_weekday(int64_t t);

/* t moved to the Monday after when it falls on a Saturday or a Sunday
 * (same wall-clock time); unchanged otherwise. */
int64_t fu_time_business_day(int64_t t);

/* Whole local calendar days from a's day to b's day (b - a). */
int fu_time_days_between(int64_t a, int64_t b);

/* ISO 8601 local time with its offset: "2026-11-10T14:00:00+01:00".
 * buf must hold FU_ISO_LEN bytes. Returns buf. */
#define FU_ISO_LEN 32
char *fu_time_iso(char *buf, int64_t t);

/* The local day only: "2026-11-10"; buf holds FU_DAY_LEN bytes. */
#define FU_DAY_LEN 11
char *fu_time_day(char *buf, int64_t t);

/* A short human form: "Thu 12 Nov 14:00"; with_time 0 gives "Thu 12 Nov".
 * The year is added when it differs from now's: "Thu 12 Nov 2025". buf
 * must hold FU_HUMAN_LEN bytes. Returns buf. */
#define FU_HUMAN_LEN 40
char *fu_time_human(char *buf, int64_t t, int64_t now, int with_time);

/* Relative to now, in words: "now", "in 5 minutes", "in 5 hours",
 * "tomorrow", "in 2 days", "yesterday", "3 days ago", "in 3 weeks",
 * "2 months ago". Minutes under an hour, hours under a day, then calendar
 * days 1-13, weeks for 14-55 days, months (30 days, rounded) to a year,
 * then years. buf must hold FU_REL_LEN bytes.
 * Returns buf. */
#define FU_REL_LEN 32
char *fu_time_relative(char *buf, int64_t t, int64_t now);

/* What identifies the local time zone: TZ when it is set, else the
 * zone file /etc/localtime points to. Two processes in the same zone
 * give the same text (actions.c stamps the derived actions with it).
 * buf holds FU_ZONE_LEN bytes. Returns buf. */
#define FU_ZONE_LEN 256
char *fu_time_zone_id(char *buf, size_t len);

/* Whether the C library knows the time zone tz names (TZ's value): a
 * zone file (TZDIR, else /usr/share/zoneinfo, or an absolute path, with
 * or without a leading ':'), or a POSIX rule with its offset ("UTC0",
 * "CET-1CEST,M3.5.0,M10.5.0/3", "<+0530>-5:30"). NULL and "" are UTC and
 * known. A name it does not know ("Europe/Berln") silently means UTC
 * to the C library: times typed as local would be stored shifted. */
int fu_time_zone_known(const char *tz);

#endif
