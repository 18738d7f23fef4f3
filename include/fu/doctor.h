/* SPDX-License-Identifier: MIT */
/*
 * doctor.h - looking after the database file: checking that it is whole,
 * fu's, current and private (fu doctor), copying it safely while fu
 * may be using it (fu backup), and putting a backup back (fu backup
 * --restore).
 */
#ifndef FU_DOCTOR_H
#define FU_DOCTOR_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"

typedef enum {
	FU_CHECK_OK = 0,
	FU_CHECK_WARN, /* usable, but something wants the user's attention */
	FU_CHECK_FAIL  /* the database cannot be used as it is */
} fu_check_status;

/* One finding. */
typedef struct fu_check {
	const char *name;       /* static: "file", "permissions",
	                           "application-id", "schema", "integrity",
	                           "foreign-keys", "contents", "sync"
	                           (when this machine syncs) */
	fu_check_status status;
	char *detail;           /* one line: what was found (may quote the
	                           path as it is: print it cleaned) */
} fu_check;

typedef struct fu_doctor_report {
	char *path;              /* the file checked */
	int exists;              /* 0: there is no file at path */
	int busy;                /* another program held it past the
	                            timeout: the checks are incomplete */
	unsigned file_mode;      /* permission bits of the file (07777), or
	                            0 when unknown */
	unsigned dir_mode;       /* of its directory, or 0 when unknown */
	int64_t size;            /* bytes, or -1 */
	int schema_version;      /* PRAGMA user_version, or -1 */
	int64_t application_id;  /* PRAGMA application_id, or -1 */
	int64_t applications, contacts, events, actions; /* or -1 */
	fu_check *checks;        /* in the order they ran */
	size_t nchecks;
	fu_check_status status;  /* the worst of the checks */
} fu_doctor_report;

/*
 * Check the database at path (NULL: the default of fu_db_open()). The
 * file is never created, migrated or changed; SQLite may only roll back
 * what an interrupted write left behind, as any fu command would. Every
 * finding is in *out, including an unusable or missing file; the return
 * is FU_OK, or FU_ERROR when out of memory (then *out is NULL).
 */
int fu_doctor_check(fu_doctor_report **out, const char *path);
void fu_doctor_report_free(fu_doctor_report *r);

/* "ok", "warning" or "error". */
const char *fu_check_status_name(fu_check_status s);

/*
 * Copy the open database to path with SQLite's online backup, as one
 * consistent snapshot even while other fu commands write. The copy is
 * made in a new file of its own, created 0600 beside path, checked
 * (PRAGMA quick_check), synced, and only then moved to path, so path
 * holds either a whole backup or what it held before. An existing path
 * is FU_EEXISTS unless overwrite; a directory, a symbolic link or the
 * database itself is FU_EINVALID; FU_EBUSY when another program held
 * the database past the timeout; FU_EDB when the database is damaged;
 * FU_ERROR for I/O failures.
 */
int fu_db_backup(fu_db *db, const char *path, int overwrite);

/* What a restore brought back. */
typedef struct fu_restore_report {
	int schema_version;              /* the backup's */
	int64_t applications, contacts, events; /* -1 when unknown */
} fu_restore_report;

/*
 * Put the backup `from` in place of the database at path (NULL: the
 * default of fu_db_open()), creating it 0600 when missing. The backup
 * must be a whole fu database (PRAGMA quick_check) of a version this fu
 * reads, with no unfinished write beside it (FROM-journal, FROM-wal:
 * FU_EDB); it is opened read-only and never changed. The database is
 * opened through SQLite first, so that a hot journal, a stale journal
 * or a write-ahead log beside it is dealt with as SQLite does, never
 * replayed into the restored file; then the online backup API replaces
 * its pages in one journalled transaction (a crash leaves the old or the
 * new, whole). A database that holds anything is FU_EEXISTS unless
 * force; one that is not fu's or cannot be read is FU_EDB and left
 * alone; one of another user's, or that others may change, FU_EDB as in
 * fu_db_open(). `from` may not be the database or a file beside it
 * (FU_EINVALID). *out is a handle for fu_errmsg() (and fu_db_changed())
 * only, set even on failure; close it with fu_db_close(). Migration to
 * this fu's schema is left to the next command.
 */
int fu_db_restore(fu_db **out, const char *path, const char *from, int force,
		  fu_restore_report *rep);

#endif
