/* SPDX-License-Identifier: MIT */
/*
 * invite.c - an invitation (a text/calendar part, or a .ics file)
 * through libical: its METHOD, and for each event its UID, SEQUENCE,
 * STATUS, start and end (as UTC seconds, and as written: the wall clock
 * and the TZID), SUMMARY, LOCATION, ORGANIZER and ATTENDEEs.
 *
 * A TZID is resolved by the VTIMEZONE the calendar carries (what its
 * sender meant), else as an IANA zone name, else as a Windows zone name
 * (Outlook: "W. Europe Standard Time") through winzones.c.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <libical/ical.h>

#include "mailread.h"

void mr_ical_init(void)
{
	icalerror_set_errors_are_fatal(0);
}

void mr_ical_shutdown(void)
{
	icalmemory_free_ring();
	icaltimezone_free_builtin_timezones();
}

/* A one-line text value, bounded. */
static void add_text(cJSON *o, const char *key, const char *s, size_t max)
{
	char *t = s ? mr_clean(s, strlen(s), max, MR_LINE, NULL) : NULL;
	if (t && *t)
		cJSON_AddStringToObject(o, key, t);
	else
		cJSON_AddNullToObject(o, key);
	g_free(t);
}

/* An identifier (UID): printable, at most MR_MAX_ID_BYTES, else null
 * and a warning. */
static void add_uid(mr_ctx *c, cJSON *o, const char *s)
{
	if (!s || !*s) {
		cJSON_AddNullToObject(o, "uid");
		return;
	}
	size_t n = strlen(s);
	char *t = mr_clean(s, n, 0, 0, NULL);
	if (n > MR_MAX_ID_BYTES || strcmp(t, s) != 0) {
		if (n > MR_MAX_ID_BYTES)
			mr_warn(c, "calendar UID of %zu bytes ignored (at most %d)",
				n, MR_MAX_ID_BYTES);
		else
			mr_warn(c, "calendar UID with control characters or "
				"invalid UTF-8 ignored");
		cJSON_AddNullToObject(o, "uid");
	} else {
		cJSON_AddStringToObject(o, "uid", t);
	}
	g_free(t);
}

/* "mailto:Dana@Acme.example" -> "dana@acme.example" (NULL for other
 * URIs and anything unprintable or too long). */
static char *cal_address(const char *v)
{
	if (!v || g_ascii_strncasecmp(v, "mailto:", 7) != 0)
		return NULL;
	v += 7;
	size_t n = strlen(v);
	if (n == 0 || n > MR_MAX_ADDR_BYTES)
		return NULL;
	char *t = mr_clean(v, n, 0, 0, NULL);
	if (strcmp(t, v) != 0 || strpbrk(t, " \t\n")) {
		g_free(t);
		return NULL;
	}
	char *l = g_utf8_strdown(t, -1);
	g_free(t);
	return l;
}

static cJSON *person(icalproperty *p, const char *value, int attendee)
{
	cJSON *o = cJSON_CreateObject();
	add_text(o, "name", icalproperty_get_parameter_as_string(p, "CN"),
		 MR_MAX_NAME);
	char *a = cal_address(value);
	if (a)
		cJSON_AddStringToObject(o, "address", a);
	else
		cJSON_AddNullToObject(o, "address");
	g_free(a);
	if (attendee) {
		static const char *const params[][2] = {
			{ "role", "ROLE" }, { "partstat", "PARTSTAT" },
			{ "cutype", "CUTYPE" }, { "rsvp", "RSVP" },
		};
		for (size_t i = 0; i < G_N_ELEMENTS(params); i++) {
			const char *v = icalproperty_get_parameter_as_string(
				p, params[i][1]);
			char *u = v ? g_ascii_strup(v, -1) : NULL;
			add_text(o, params[i][0], u, 40);
			g_free(u);
		}
	}
	return o;
}

/* --- time zones ------------------------------------------------------------ */

/* Is the name one GLib may look up in the zoneinfo directory? (Only
 * plain names: a TZID never leads it to open another file.) */
static int zone_name_shape(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || !g_ascii_isalpha(s[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!g_ascii_isalnum(ch) && ch != '/' && ch != '_' && ch != '-' &&
		    ch != '+')
			return 0;
		if (ch == '/' && (i + 1 == n || s[i + 1] == '/'))
			return 0;
	}
	return 1;
}

static GTimeZone *iana_zone(const char *name)
{
	if (!name || !zone_name_shape(name))
		return NULL;
	return g_time_zone_new_identifier(name);
}

/* The IANA name a TZID stands for: the Windows table, the name itself,
 * or the tail of "/mozilla.org/20070129_1/Europe/Berlin" and the like.
 * g_free() it; NULL when none is known. */
static char *zone_for(const char *tzid)
{
	const char *w = mr_windows_zone(tzid);
	if (w)
		return g_strdup(w);
	for (const char *p = tzid; p && *p; p = strchr(p + 1, '/')) {
		const char *name = *p == '/' ? p + 1 : p;
		GTimeZone *z = iana_zone(name);
		if (z) {
			g_time_zone_unref(z);
			return g_strdup(name);
		}
	}
	return NULL;
}

static int empty_by(const short *by)
{
	return by[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

/* A VTIMEZONE whose expansion is bounded: its rules are yearly (a
 * zone's changes are), without the BY parts that multiply them. libical
 * expands every rule from its DTSTART up to the year asked for. */
static int sane_vtimezone(icalcomponent *tz)
{
	int observances = 0, rdates = 0;
	for (icalcomponent *o = icalcomponent_get_first_component(tz, ICAL_ANY_COMPONENT);
	     o; o = icalcomponent_get_next_component(tz, ICAL_ANY_COMPONENT)) {
		icalcomponent_kind k = icalcomponent_isa(o);
		if (k != ICAL_XSTANDARD_COMPONENT && k != ICAL_XDAYLIGHT_COMPONENT)
			continue;
		if (++observances > 50)
			return 0;
		if (!icalcomponent_get_first_property(o, ICAL_TZOFFSETTO_PROPERTY) ||
		    !icalcomponent_get_first_property(o, ICAL_DTSTART_PROPERTY))
			return 0;
		for (icalproperty *p = icalcomponent_get_first_property(o, ICAL_RRULE_PROPERTY);
		     p; p = icalcomponent_get_next_property(o, ICAL_RRULE_PROPERTY)) {
			struct icalrecurrencetype r = icalproperty_get_rrule(p);
			if (r.freq != ICAL_YEARLY_RECURRENCE || r.interval < 1 ||
			    !empty_by(r.by_second) || !empty_by(r.by_minute) ||
			    !empty_by(r.by_hour) || !empty_by(r.by_year_day) ||
			    !empty_by(r.by_week_no) || !empty_by(r.by_set_pos))
				return 0;
		}
		for (icalproperty *p = icalcomponent_get_first_property(o, ICAL_RDATE_PROPERTY);
		     p; p = icalcomponent_get_next_property(o, ICAL_RDATE_PROPERTY))
			if (++rdates > 1000)
				return 0;
	}
	return observances > 0;
}

/* The calendar's own VTIMEZONE for TZID, when it is one to trust. */
static icaltimezone *own_zone(icalcomponent *cal, const char *tzid)
{
	for (icalcomponent *tz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
	     tz; tz = icalcomponent_get_next_component(cal, ICAL_VTIMEZONE_COMPONENT)) {
		icalproperty *p = icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY);
		const char *id = p ? icalproperty_get_tzid(p) : NULL;
		if (id && strcmp(id, tzid) == 0)
			return sane_vtimezone(tz) ? icalcomponent_get_timezone(cal, tzid)
						  : NULL;
	}
	return NULL;
}

static int valid_time(struct icaltimetype t)
{
	if (icaltime_is_null_time(t))
		return 0;
	if (t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12 ||
	    t.day < 1 || t.day > 31)
		return 0;
	return icaltime_is_date(t) || (t.hour >= 0 && t.hour <= 23 &&
				       t.minute >= 0 && t.minute <= 59 &&
				       t.second >= 0 && t.second <= 60);
}

/* A point in time as the record gives it:
 * {"utc": seconds or null, "local": "2026-11-10T14:00:00" (or a date),
 *  "tzid": as written or null, "zone": IANA name or null, "all_day"} */
static cJSON *when(mr_ctx *c, icalcomponent *cal, struct icaltimetype t,
		   const char *tzid)
{
	if (!valid_time(t))
		return cJSON_CreateNull();
	cJSON *o = cJSON_CreateObject();
	char local[32];
	int all_day = icaltime_is_date(t);
	if (all_day)
		snprintf(local, sizeof local, "%04d-%02d-%02d", t.year, t.month,
			 t.day);
	else
		snprintf(local, sizeof local, "%04d-%02d-%02dT%02d:%02d:%02d",
			 t.year, t.month, t.day, t.hour, t.minute, t.second);
	int has_utc = 0;
	gint64 utc = 0;
	char *zone = NULL;
	if (icaltime_is_utc(t) && !all_day) {
		zone = g_strdup("UTC");
		tzid = NULL;
		utc = icaltime_as_timet_with_zone(t, icaltimezone_get_utc_timezone());
		has_utc = 1;
	} else if (tzid) {
		zone = zone_for(tzid);
		icaltimezone *own = all_day ? NULL : own_zone(cal, tzid);
		GTimeZone *gz = all_day || own ? NULL : iana_zone(zone);
		if (own) {
			utc = icaltime_as_timet_with_zone(t, own);
			has_utc = 1;
		} else if (gz) {
			GDateTime *d = g_date_time_new(gz, t.year, t.month, t.day,
						       t.hour, t.minute,
						       t.second > 59 ? 59 : t.second);
			if (d) {
				utc = g_date_time_to_unix(d);
				has_utc = 1;
				g_date_time_unref(d);
			}
		} else if (!all_day) {
			char *p = mr_printable(tzid);
			mr_warn(c, "unknown time zone '%.80s'", p);
			g_free(p);
		}
		if (gz)
			g_time_zone_unref(gz);
	}
	/* floating times and dates are the reader's own wall clock */
	if (has_utc)
		cJSON_AddNumberToObject(o, "utc", (double)utc);
	else
		cJSON_AddNullToObject(o, "utc");
	cJSON_AddStringToObject(o, "local", local);
	add_text(o, "tzid", tzid, 200);
	add_text(o, "zone", zone, 64);
	cJSON_AddBoolToObject(o, "all_day", all_day);
	g_free(zone);
	return o;
}

static const char *tzid_of(icalproperty *p)
{
	icalparameter *z = p ? icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)
			     : NULL;
	return z ? icalparameter_get_tzid(z) : NULL;
}

/* --- events ------------------------------------------------------------- */

static cJSON *event(mr_ctx *c, icalcomponent *cal, icalcomponent *ev)
{
	cJSON *o = cJSON_CreateObject();
	add_uid(c, o, icalcomponent_get_uid(ev));
	icalproperty *p = icalcomponent_get_first_property(ev, ICAL_SEQUENCE_PROPERTY);
	int seq = p ? icalproperty_get_sequence(p) : 0;
	cJSON_AddNumberToObject(o, "sequence", seq < 0 ? 0 : seq);
	p = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY);
	add_text(o, "status", p ? icalproperty_get_value_as_string(p) : NULL, 40);
	add_text(o, "summary", icalcomponent_get_summary(ev), MR_MAX_CALTEXT);
	add_text(o, "location", icalcomponent_get_location(ev), MR_MAX_CALTEXT);

	icalproperty *ps = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	struct icaltimetype start = ps ? icalproperty_get_dtstart(ps)
				       : icaltime_null_time();
	cJSON_AddItemToObject(o, "start", when(c, cal, start, tzid_of(ps)));
	icalproperty *pe = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
	icalproperty *pd = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
	if (pe) {
		cJSON_AddItemToObject(o, "end", when(c, cal,
			icalproperty_get_dtend(pe), tzid_of(pe)));
	} else if (pd && ps && valid_time(start)) {
		struct icaldurationtype d = icalproperty_get_duration(pd);
		int secs = icaldurationtype_as_int(d);
		/* at most a year: a longer one is not an interview */
		if (secs >= 0 && secs <= 366 * 86400 && !icaldurationtype_is_bad_duration(d))
			cJSON_AddItemToObject(o, "end", when(c, cal,
				icaltime_add(start, d), tzid_of(ps)));
		else
			cJSON_AddNullToObject(o, "end");
	} else {
		cJSON_AddNullToObject(o, "end");
	}
	p = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
	if (p)
		cJSON_AddItemToObject(o, "recurrence_id", when(c, cal,
			icalproperty_get_recurrenceid(p), tzid_of(p)));
	else
		cJSON_AddNullToObject(o, "recurrence_id");
	cJSON_AddBoolToObject(o, "recurring",
		icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) != NULL);

	p = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
	cJSON_AddItemToObject(o, "organizer",
		p ? person(p, icalproperty_get_organizer(p), 0) : cJSON_CreateNull());
	cJSON *att = cJSON_CreateArray();
	for (p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	     p && cJSON_GetArraySize(att) < MR_MAX_ADDRS;
	     p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY))
		cJSON_AddItemToArray(att, person(p, icalproperty_get_attendee(p), 1));
	cJSON_AddItemToObject(o, "attendees", att);
	return o;
}

/* libical writes some complaints about what it parses straight to
 * stderr ("icalparser.c:786: Encountered END before BEGIN"), past any
 * handler: while it works, fd 2 goes to /dev/null (the record says what
 * went wrong). Returns the saved fd 2, or -1. */
static int mute_stderr(const mr_ctx *c)
{
	static int null_fd = -1;
	if (c->raw_stderr)
		return -1;
	if (null_fd < 0)
		null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null_fd < 0)
		return -1;
	fflush(stderr);
	int saved = fcntl(2, F_DUPFD_CLOEXEC, 3);
	if (saved >= 0 && dup2(null_fd, 2) < 0) {
		close(saved);
		saved = -1;
	}
	return saved;
}

static void unmute_stderr(int saved)
{
	if (saved < 0)
		return;
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
}

static cJSON *calendar(mr_ctx *c, const char *text, size_t len);

cJSON *mr_calendar(mr_ctx *c, const char *text, size_t len)
{
	int saved = mute_stderr(c);
	cJSON *cal = calendar(c, text, len);
	unmute_stderr(saved);
	return cal;
}

static cJSON *calendar(mr_ctx *c, const char *text, size_t len)
{
	/* libical reads a C string: text after a NUL is not seen */
	char *s = g_strndup(text, len);
	icalcomponent *root = icalparser_parse_string(s);
	g_free(s);
	icalcomponent *cal = root;
	if (root && icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT)
		cal = icalcomponent_get_first_component(root,
			ICAL_VCALENDAR_COMPONENT);
	if (!cal) {
		mr_warn(c, "calendar part is not an iCalendar object");
		if (root)
			icalcomponent_free(root);
		icalmemory_free_ring();
		return NULL;
	}
	cJSON *o = cJSON_CreateObject();
	icalproperty *m = icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
	const char *mv = m ? icalproperty_get_value_as_string(m) : NULL;
	char *up = mv ? g_ascii_strup(mv, -1) : NULL;
	add_text(o, "method", up, 40);
	g_free(up);
	/* the events first: a component has one iterator over its
	 * children, and looking up a VTIMEZONE uses it */
	icalcomponent *evs[MR_MAX_EVENTS];
	int n = 0;
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev && n < MR_MAX_EVENTS;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		evs[n++] = ev;
	cJSON *events = cJSON_CreateArray();
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(events, event(c, cal, evs[i]));
	cJSON_AddItemToObject(o, "events", events);
	icalcomponent_free(root);
	/* the temporary strings libical handed out */
	icalmemory_free_ring();
	return o;
}
