/* SPDX-License-Identifier: MIT */
/*
 * ics.c - what is due as an iCalendar (RFC 5545) feed: one VTODO per
 * action, with a UID that stays the same from one export to the next so
 * that a calendar updates its to-dos instead of piling up copies.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fu/buf.h"
#include "fu/model.h"
#include "fu/transfer.h"
#include "internal.h"

/* RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets. */
#define ICS_LINE_OCTETS 75

void fu_ics_line(fu_buf *out, const char *line)
{
	const unsigned char *p = (const unsigned char *)line;
	size_t left = strlen(line);
	size_t room = ICS_LINE_OCTETS;
	int first = 1;
	while (left > 0 || first) {
		size_t n = left <= room ? left : room;
		/* never end a line inside a UTF-8 character */
		while (n > 0 && n < left && (p[n] & 0xc0) == 0x80)
			n--;
		if (n == 0 && left > 0)
			n = left < room ? left : room; /* not UTF-8: cut */
		if (!first)
			fu_buf_putc(out, ' ');
		fu_buf_add(out, (const char *)p, n);
		fu_buf_add(out, "\r\n", 2);
		p += n;
		left -= n;
		first = 0;
		room = ICS_LINE_OCTETS - 1; /* the leading space counts */
	}
}

void fu_ics_escape(fu_buf *out, const char *s)
{
	size_t left = s ? strlen(s) : 0;
	for (const unsigned char *p = (const unsigned char *)s; p && *p;
	     p++, left--) {
		if (*p >= 0x80) {
			/* UTF-8 as RFC 5545 wants it: a byte that is not
			 * part of it (another program stored it) is U+FFFD,
			 * a C1 control is left out like the C0 ones */
			size_t n = fu__utf8_len(p, left);
			if (n == 0)
				fu_buf_puts(out, "\xef\xbf\xbd");
			else if (!(n == 2 && p[0] == 0xc2 && p[1] < 0xa0))
				fu_buf_add(out, (const char *)p, n);
			if (n > 1) {
				p += n - 1;
				left -= n - 1;
			}
			continue;
		}
		switch (*p) {
		case '\\': fu_buf_puts(out, "\\\\"); break;
		case ';': fu_buf_puts(out, "\\;"); break;
		case ',': fu_buf_puts(out, "\\,"); break;
		case '\n': fu_buf_puts(out, "\\n"); break;
		case '\r': break;
		case '\t': fu_buf_putc(out, ' '); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				break; /* TEXT holds no control characters */
			fu_buf_putc(out, (char)*p);
		}
	}
}

/* A property whose value is TEXT: NAME:escaped, folded. */
static void text_prop(fu_buf *out, const char *name, const char *value)
{
	fu_buf line = FU_BUF_INIT;
	fu_buf_printf(&line, "%s:", name);
	fu_ics_escape(&line, value);
	fu_ics_line(out, line.data);
	if (line.failed)
		out->failed = 1;
	fu_buf_free(&line);
}

/* A DATE-TIME in UTC: 20261110T130000Z. */
static void time_prop(fu_buf *out, const char *name, int64_t t)
{
	struct tm tm;
	/* within 1970-9999, as fu's times are (a stored value beyond
	 * would write a year iCalendar cannot hold) */
	if (t < 0)
		t = 0;
	if (t > INT64_C(253402300799))
		t = INT64_C(253402300799);
	time_t tt = (time_t)t;
	char v[32], line[64];
	if (!gmtime_r(&tt, &tm))
		memset(&tm, 0, sizeof tm);
	strftime(v, sizeof v, "%Y%m%dT%H%M%SZ", &tm);
	snprintf(line, sizeof line, "%s:%s", name, v);
	fu_ics_line(out, line);
}

static void todo(fu_buf *out, const fu_action_row *r, int64_t now,
		 int64_t stamp)
{
	fu_buf v = FU_BUF_INIT;
	fu_ics_line(out, "BEGIN:VTODO");
	/* the subject and the key ("thank-you:12:3", stable within its
	 * subject); ':' reads badly in UIDs */
	if (r->a.application_id)
		fu_buf_printf(&v, "a%lld.", (long long)r->a.application_id);
	else
		fu_buf_printf(&v, "c%lld.", (long long)r->subject_contact_id);
	for (const char *k = r->a.key; *k; k++)
		fu_buf_putc(&v, *k == ':' ? '-' : *k);
	fu_buf_printf(&v, ".%llx@fu", (unsigned long long)stamp);
	text_prop(out, "UID", v.data);
	time_prop(out, "DTSTAMP", now);
	/* DUE must come after DTSTART (3.8.2.3) */
	if (r->a.not_before < r->a.due)
		time_prop(out, "DTSTART", r->a.not_before);
	time_prop(out, "DUE", r->a.due);
	fu_buf_clear(&v);
	fu_buf_puts(&v, fu_action_kind_name(r->a.kind));
	if (r->contact_name)
		fu_buf_printf(&v, " to %s", r->contact_name);
	if (r->a.application_id)
		fu_buf_printf(&v, " (%s, %s)", r->company ? r->company : "?",
			      r->role ? r->role : "?");
	text_prop(out, "SUMMARY", v.data);
	fu_buf_clear(&v);
	fu_buf_printf(&v, "%s\n\nrule: %s", r->a.reason, r->a.rule);
	if (r->a.channel)
		fu_buf_printf(&v, "\nby: %s", fu_channel_name(r->a.channel));
	text_prop(out, "DESCRIPTION", v.data);
	text_prop(out, "CATEGORIES", fu_action_kind_name(r->a.kind));
	fu_ics_line(out, "STATUS:NEEDS-ACTION");
	fu_ics_line(out, "END:VTODO");
	if (v.failed)
		out->failed = 1;
	fu_buf_free(&v);
}

void fu_ics_write(fu_buf *out, const fu_action_row *rows, size_t n,
		  int64_t now, int64_t stamp)
{
	fu_ics_line(out, "BEGIN:VCALENDAR");
	fu_ics_line(out, "VERSION:2.0");
	fu_ics_line(out, "PRODID:-//fu//fu " FU_VERSION "//EN");
	fu_ics_line(out, "CALSCALE:GREGORIAN");
	fu_ics_line(out, "X-WR-CALNAME:fu");
	for (size_t i = 0; i < n; i++)
		todo(out, &rows[i], now, stamp);
	fu_ics_line(out, "END:VCALENDAR");
}

int fu_ics_calendar(fu_buf *out, fu_db *db, const fu_action_row *rows,
		    size_t n)
{
	int64_t stamp = 0, apps = 0;
	int rc;
	if ((rc = fu__contact_first_created(db, &stamp)) ||
	    (rc = fu__application_first_created(db, &apps)))
		return rc;
	if (apps && (!stamp || apps < stamp))
		stamp = apps;
	fu_ics_write(out, rows, n, db->now, stamp);
	if (out->failed)
		return fu__error(db, FU_ERROR, "out of memory");
	return FU_OK;
}
