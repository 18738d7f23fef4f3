/* SPDX-License-Identifier: MIT */
/*
 * import.h - data in: an export document (fu import, --merge); the flags
 * and report that spreadsheet imports (csv.h) share.
 */
#ifndef FU_IMPORT_H
#define FU_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fu/fu.h"

/* How far a long import has gone: a stage ("checking", "importing",
 * ...), and done of total (bytes; total 0 when unknown). Called from
 * inside the import; it must not use the handle. */
typedef void (*fu_progress_fn)(void *arg, const char *stage,
			       uint64_t done, uint64_t total);

/* Flags of fu_import_json() and fu_import_csv(). */
enum {
	FU_IMPORT_MERGE = 1 << 0,    /* JSON: add to a database with data */
	FU_IMPORT_SKIP_BAD = 1 << 1, /* CSV: import the good rows */
	/* CSV: the columns are separated by this (without any of the
	 * three: as the header line separates them) */
	FU_IMPORT_COMMA = 1 << 2,
	FU_IMPORT_SEMICOLON = 1 << 3,
	FU_IMPORT_TAB = 1 << 4
};

typedef struct fu_import_report {
	size_t companies;     /* created */
	size_t contacts;      /* created */
	size_t contacts_matched; /* --merge: already there (the same
	                            identifier, or name + email) */
	size_t applications;
	size_t applications_matched; /* --merge: already there (the same
	                                identifier: skipped) */
	size_t events;
	size_t events_matched; /* --merge: already there: skipped */
	size_t config;        /* keys set */
} fu_import_report;

/*
 * Read an export document (text of len bytes) into the database, in one
 * transaction: everything or, on any failure, nothing. Without
 * FU_IMPORT_MERGE the database must hold no companies, contacts,
 * applications or events (FU_EEXISTS otherwise), and the numbers of the
 * file are kept; the file's configuration keys replace those set. With
 * FU_IMPORT_MERGE every record gets a new number (references follow);
 * a record whose identifier ("uuid", uuid.h) the database holds is
 * that one (so that merging the same hunt twice adds nothing), and so
 * is a contact with exactly the same name and e-mail address; companies
 * are matched by name; other applications and events are added, and
 * configuration keys already set are kept. Identifiers are kept.
 *
 * A bad document is FU_EINVALID with a message that names the place:
 * "applications[3].role: expected a non-empty string", "line 2, column
 * 7: not JSON (...)". rep (may be NULL) receives the counts.
 */
int fu_import_json(fu_db *db, const char *text, size_t len, int flags,
		   fu_import_report *rep);

/* A value of the document (one record, the settings, any top-level
 * member) may hold at most this many bytes: an import reads one at a
 * time, so that a document of any size is read in bounded memory. */
#define FU_JSON_RECORD_MAX (1 << 20)

/*
 * The same, from a file read as a stream: the document is read several
 * times, a value at a time (at most FU_JSON_RECORD_MAX bytes each),
 * every record checked and its number kept in a temporary table on disk
 * before anything is written; then the records are written in one BEGIN
 * IMMEDIATE transaction (everything or nothing, as above), during which
 * other writers wait (FU_BUSY_TIMEOUT). A file that cannot seek (a pipe)
 * is copied to an anonymous temporary file first. progress (may be NULL)
 * is called every few thousand records of each pass ("reading",
 * "checking", "importing": bytes of the total, 0 when unknown) and once
 * before the actions are worked out.
 */
int fu_import_json_file(fu_db *db, FILE *f, int flags,
			fu_import_report *rep, fu_progress_fn progress,
			void *arg);

#endif
