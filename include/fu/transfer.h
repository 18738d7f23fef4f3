/*
 * transfer.h - data in and out: the whole database as one JSON document
 * (fu export / fu import), applications from a spreadsheet (CSV), and
 * what is due as an iCalendar (RFC 5545) feed of to-dos.
 *
 * The export document, version 1 (fu-export(1) documents every field):
 *
 *   {"format": "fu-export", "version": 1, "exported": ISO,
 *    "companies": [{"id", "name", "created"}...],
 *    "contacts": [{"id", "name", "company", "title", "email", "phone",
 *                  "address", "prefers", "no_calls", "social_ok",
 *                  "notes", "created"}...],
 *    "applications": [{"id", "company", "role", "source", "url",
 *                      "notes", "no_calls", "no_follow_up",
 *                      "contacts": [ids], "created"}...],
 *    "events": [{"id", "kind", "at", "application", "contact",
 *                "with": [ids], "channel", "topics": [...], "expect",
 *                "until", "note", "action", "outcome", "urgent",
 *                "recorded"}...],
 *    "config": {"key": "value"...}}
 *
 * Companies are named by name (they are unique, case-insensitively),
 * everything else by number. Times are ISO 8601 with their offset. The
 * actions owed are not written: they are worked out again on import.
 */
#ifndef FU_TRANSFER_H
#define FU_TRANSFER_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "fu/buf.h"
#include "fu/fu.h"
#include "fu/store.h"

#define FU_EXPORT_FORMAT "fu-export"
#define FU_EXPORT_VERSION 1

/* --- JSON export and import ------------------------------------------- */

/* The whole database as the document above; *out belongs to the caller
 * (cJSON_Delete). "exported" is the handle's now, so that the same data
 * at the same --now gives the same bytes. */
int fu_export_json(cJSON **out, fu_db *db);

/* The same document written a piece at a time: fn gets its text in
 * order (the pieces together are cJSON_Print of fu_export_json's tree,
 * byte for byte, without a final newline), holding one record in memory
 * whatever the size. fn returns nonzero to stop: then FU_ERROR. */
typedef int (*fu_export_fn)(const char *text, size_t len, void *arg);
int fu_export_write(fu_db *db, fu_export_fn fn, void *arg);

/* Flags of fu_import_json() and fu_import_csv(). */
enum {
	FU_IMPORT_MERGE = 1 << 0,   /* JSON: add to a database with data */
	FU_IMPORT_SKIP_BAD = 1 << 1 /* CSV: import the good rows */
};

typedef struct fu_import_report {
	size_t companies;     /* created */
	size_t contacts;      /* created */
	size_t contacts_matched; /* --merge: already there (name + email) */
	size_t applications;
	size_t events;
	size_t config;        /* keys set */
} fu_import_report;

/*
 * Read an export document (text of len bytes) into the database, in one
 * transaction: everything or, on any failure, nothing. Without
 * FU_IMPORT_MERGE the database must hold no companies, contacts,
 * applications or events (FU_EEXISTS otherwise), and the numbers of the
 * file are kept; the file's configuration keys replace those set. With
 * FU_IMPORT_MERGE every record gets a new number (references follow),
 * a contact with exactly the same name and e-mail address as one in the
 * database is that one, companies are matched by name, applications and
 * events are always added, and configuration keys already set are kept.
 *
 * A bad document is FU_EINVALID with a message that names the place:
 * "applications[3].role: expected a non-empty string", "line 2, column
 * 7: not JSON (...)". rep (may be NULL) receives the counts.
 */
int fu_import_json(fu_db *db, const char *text, size_t len, int flags,
		   fu_import_report *rep);

/* --- CSV (RFC 4180) ---------------------------------------------------- */

typedef struct fu_csv_row {
	size_t line;   /* the line the record starts on, 1 for the first */
	char **fields; /* NUL-terminated UTF-8, quotes undone */
	size_t nfields;
} fu_csv_row;

typedef struct fu_csv {
	fu_csv_row *rows; /* records in order, the header first; blank lines
	                     are left out */
	size_t nrows;
} fu_csv;

/*
 * Parse comma-separated text: fields in double quotes may hold commas,
 * line breaks and doubled quotes (""); records end with CRLF or LF; a
 * UTF-8 byte order mark is skipped. A quote inside an unquoted field is
 * kept as it is. FU_EINVALID with "line N: ..." for invalid UTF-8, a NUL
 * byte, text after a closing quote, or a quote left open. db (may be
 * NULL) receives the message.
 */
int fu_csv_parse(fu_csv **out, fu_db *db, const char *text, size_t len);
void fu_csv_free(fu_csv *csv);

/* A bad row, with why ("line 7, column applied: cannot read date ..."). */
typedef struct fu_csv_problem {
	size_t line;
	char *message;
} fu_csv_problem;

typedef struct fu_csv_report {
	size_t rows;             /* data rows read */
	size_t applications;     /* added */
	size_t contacts_created;
	size_t contacts_reused;
	char **unknown_columns;  /* headers fu does not read (ignored) */
	size_t nunknown;
	fu_csv_problem *bad;     /* FU_IMPORT_SKIP_BAD: the rows left out */
	size_t nbad;
} fu_csv_report;

/*
 * Add one application per row of a spreadsheet. Columns (headers
 * matched case-insensitively, '_' and '-' read as spaces): company, role
 * (position, title, job title), applied (applied date, date applied,
 * applied on, date), contact (contact name, name), email (contact email,
 * e-mail), status (open, applied, interviewing, offer, or an outcome:
 * the application is closed with it), source, url (link, posting), notes
 * (note). Other columns are listed in rep->unknown_columns.
 *
 * A contact named on a row is the contact with that name (and that
 * e-mail address, when one is given), or a new one at the row's company.
 * The applied date becomes an applied event; a status beyond "applied"
 * becomes the event that reaches it (interview, offer, closed) at the
 * applied date (now when there is none).
 *
 * Without FU_IMPORT_SKIP_BAD a bad row imports nothing (FU_EINVALID, the
 * first bad row's message and how many others there are); with it the
 * good rows are imported and the bad ones listed in rep->bad (FU_EINVALID
 * only when no row was good). rep is required; clear it with
 * fu_csv_report_clear().
 */
int fu_import_csv(fu_db *db, const char *text, size_t len, int flags,
		  fu_csv_report *rep);
void fu_csv_report_clear(fu_csv_report *rep);

/* --- iCalendar (RFC 5545) ---------------------------------------------- */

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
