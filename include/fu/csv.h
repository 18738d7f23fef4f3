/* SPDX-License-Identifier: MIT */
/*
 * csv.h - applications from a spreadsheet (fu import --csv): the
 * RFC 4180 reader and the import.
 */
#ifndef FU_CSV_H
#define FU_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "fu/fu.h"
#include "fu/import.h"

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
/* The same with another separator: ',', ';' or '\t'; 0 for the one the
 * first line uses most outside quotes (a comma when it uses none, or
 * as many of another). */
int fu_csv_parse_sep(fu_csv **out, fu_db *db, const char *text, size_t len,
		     char sep);
/* The separator fu_csv_parse_sep(..., 0) would take for text. */
char fu_csv_separator(const char *text, size_t len);
void fu_csv_free(fu_csv *csv);

/* A bad row, with why ("line 7, column applied: cannot read date ..."). */
typedef struct fu_csv_problem {
	size_t line;
	char *message;
} fu_csv_problem;

/* A record (one row, its quoted line breaks included) may hold at most
 * this many bytes: fu import --csv reads one record at a time, and a
 * quote left open would otherwise swallow the rest of the file. */
#define FU_CSV_RECORD_MAX (1 << 20)
/* The bad rows listed in a report (all are counted: skipped). */
#define FU_CSV_PROBLEMS_MAX 100

typedef struct fu_csv_report {
	size_t rows;             /* data rows read */
	size_t applications;     /* added */
	size_t contacts_created;
	size_t contacts_reused;
	char **unknown_columns;  /* headers fu does not read (ignored) */
	size_t nunknown;
	fu_csv_problem *bad;     /* the first FU_CSV_PROBLEMS_MAX bad rows */
	size_t nbad;
	size_t skipped;          /* every bad row (left out with
	                            FU_IMPORT_SKIP_BAD) */
} fu_csv_report;

/*
 * Add one application per row of a spreadsheet. Columns (headers
 * matched case-insensitively, '_' and '-' read as spaces): company, role
 * (position, title, job title), applied (applied date, date applied,
 * applied on, date), contact (contact name, name), email (contact email,
 * e-mail), status (open, applied, interviewing, offer, or an outcome:
 * the application is closed with it), source, url (link, posting), notes
 * (note). Other columns are listed in rep->unknown_columns. The columns
 * are separated by commas, semicolons or tabs (what spreadsheets save in
 * French or German, or as "tab-separated"), as the header line has them,
 * or as flags say (FU_IMPORT_COMMA, FU_IMPORT_SEMICOLON, FU_IMPORT_TAB).
 * A line break inside a field of one line (a company, a role, a name)
 * is read as a space; notes keep theirs.
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

/*
 * The same, from a file read as a stream, in bounded memory whatever
 * its size: one record at a time (at most FU_CSV_RECORD_MAX bytes), read
 * twice. The first pass checks every row with no lock held; the second
 * writes the good ones in one BEGIN IMMEDIATE transaction (everything or
 * nothing, as above), during which other writers wait (FU_BUSY_TIMEOUT).
 * A file that cannot seek (a pipe) is copied to an anonymous temporary
 * file first. progress (may be NULL) is called every few thousand rows
 * of each pass ("checking", "importing": bytes read of the total, 0 when
 * unknown) and once before the actions are worked out ("working out what
 * is due", 0 of 0).
 */
int fu_import_csv_file(fu_db *db, FILE *f, int flags, fu_csv_report *rep,
		       fu_progress_fn progress, void *arg);
void fu_csv_report_clear(fu_csv_report *rep);

#endif
