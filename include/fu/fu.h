/* SPDX-License-Identifier: MIT */
/*
 * fu.h - the public face of libfu: error codes, the handle, its message.
 *
 * Conventions (see STYLE.md):
 *   - functions return 0 (FU_OK) or a negative FU_E* code;
 *   - the message of the last failure lives in the handle: fu_errmsg(db)
 *     never returns NULL;
 *   - out-parameters come first; a **out belongs to the caller and is
 *     freed by the matching fu_*_free(), which accepts NULL;
 *   - the library never prints and never exits.
 */
#ifndef FU_FU_H
#define FU_FU_H

#include <stddef.h>
#include <stdint.h>

#include "fu/version.h" /* FU_VERSION, generated from CMakeLists.txt */

/* Return codes. Keep in step with the exit codes in cmd/cli.h and fu(1). */
enum {
	FU_OK = 0,
	FU_ERROR = -1,     /* anything unexpected: I/O, out of memory */
	FU_EINVALID = -2,  /* the input cannot be accepted: bad date, value */
	FU_ENOTFOUND = -3, /* no such application, contact, event or key */
	FU_EAMBIGUOUS = -4,/* a reference matches more than one thing */
	FU_EEXISTS = -5,   /* the thing already exists */
	FU_EBUSY = -6,     /* the database stayed locked past the timeout */
	FU_EDB = -7,       /* the database is unusable: corrupt, unreadable,
	                      read-only, not fu's, or written by a newer fu */
	FU_EREMOTE = -8,   /* fu sync: the remote could not be reached, or
	                      kept refusing what was pushed */
	FU_ECHANGES = -9   /* fu sync: a change file cannot be read (cut
	                      short, corrupt, sealed with another key, from
	                      a newer fu) or applied */
};

/* The largest number a record may have: 2^53 - 1, the largest whole
 * number that every JSON reader holds exactly (fu export, fu import). A
 * stored number above it is "not a usable fu database". */
#define FU_ID_MAX INT64_C(9007199254740991)

typedef struct fu_db fu_db;

/* Open flags for fu_db_open(). */
enum {
	FU_OPEN_READONLY = 1 << 0, /* never create or write (completion) */
	FU_OPEN_MEMORY = 1 << 1,   /* an in-memory database (tests) */
	FU_OPEN_NOCREATE = 1 << 2  /* no file there: an empty database in
	                              memory, and no file created (a
	                              command that only reads) */
};

/*
 * Open (creating on first use) the database at path; NULL means the
 * default: $FU_DB, else $XDG_DATA_HOME/fu/fu.db, else
 * ~/.local/share/fu/fu.db. Missing directories are created 0700 and
 * the file 0600 before SQLite opens it. *out is set even on failure, so
 * that fu_errmsg() can say why; close it with fu_db_close().
 */
int fu_db_open(fu_db **out, const char *path, int flags);
void fu_db_close(fu_db *db);

/* The path the database was opened from (":memory:" for FU_OPEN_MEMORY). */
const char *fu_db_path(const fu_db *db);

/* Resolve the default database path into buf; 0 or FU_ERROR. */
int fu_db_default_path(char *buf, size_t len);

/* The message of the last failure; never NULL. */
const char *fu_errmsg(const fu_db *db);

/* The clock: "now" as seconds since the epoch (UTC). Defaults to the
 * machine's clock at open; the CLI injects --now / FU_NOW. */
void fu_db_set_now(fu_db *db, int64_t now);
int64_t fu_db_now(const fu_db *db);

/* Whether this handle changed something for good: committed a write
 * (bringing an older file forward does not count) or wrote a backup.
 * A front end that fails after that must not report the change as
 * undone (fu(1): a non-zero exit leaves the database as it was). */
int fu_db_changed(const fu_db *db);

/* The schema version this fu writes, and the one in the file. */
#define FU_SCHEMA_VERSION 11
int fu_db_schema_version(const fu_db *db);

/* Set the handle's message from a printf format and return code; for the
 * library's own use (and the CLI's, to report its own errors the same
 * way). db may be NULL, then only code is returned. */
int fu__error(fu_db *db, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

#endif
