/* SPDX-License-Identifier: MIT */
/*
 * ics.h - what is due as an iCalendar (RFC 5545) feed of to-dos.
 */
#ifndef FU_ICS_H
#define FU_ICS_H

#include <stddef.h>
#include <stdint.h>

#include "fu/actions.h"
#include "fu/buf.h"
#include "fu/fu.h"

/*
 * Append a VCALENDAR with one VTODO per action to out: UID (stable: the
 * action's key and the database's first record's time), DTSTAMP (now),
 * DTSTART (not_before), DUE, all in UTC; SUMMARY ("thank-you to Dana
 * Reyes (Acme, Backend Engineer)"), DESCRIPTION (the reason and the
 * rule), STATUS. Lines end with CRLF and are folded at 75 octets.
 */
int fu_ics_calendar(fu_buf *out, fu_db *db, const fu_action_row *rows,
		    size_t n);

/* The same without a database: stamp is the UID's per-database part. */
void fu_ics_write(fu_buf *out, const fu_action_row *rows, size_t n,
		  int64_t now, int64_t stamp);

/* One content line: folded at 75 octets (never inside a UTF-8
 * character), continuation lines starting with a space, CRLF ended. */
void fu_ics_line(fu_buf *out, const char *line);

/* A TEXT value escaped: backslash, semicolon, comma, newline; other
 * control characters are dropped. */
void fu_ics_escape(fu_buf *out, const char *s);

#endif
