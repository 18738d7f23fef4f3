/*
 * internal.h - what the library's files share and nobody else sees:
 * the handle, SQLite helpers, transactions. SQL lives only in the
 * storage files (db.c, schema.c, store.c, ref.c, config.c, doctor.c).
 */
#ifndef FU_INTERNAL_H
#define FU_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "fu/fu.h"
#include "fu/model.h"
#include "fu/rules.h"

/* PRAGMA application_id: "fu" + 0x4a48 ("JH", job hunt). */
#define FU_APPLICATION_ID 1718962760 /* 0x66754a48 */

/* How long a command waits for another fu holding the database. */
#define FU_BUSY_TIMEOUT_MS 10000
/* That, or FU_BUSY_TIMEOUT (milliseconds) from the environment (db.c). */
int fu__busy_timeout_ms(void);

struct fu_db {
	sqlite3 *sql;
	char *path;
	int flags;
	int64_t now;
	int schema_version;
	/* the rule numbers, read once per handle; config writes clear it */
	fu_rule_params params;
	int params_valid;
	/* waiting for a lock (db.c): the timeout, and since when (ms) */
	int busy_timeout;
	int64_t busy_since;
	char msg[1024];
};

/* Map a SQLite failure to a fu code and set the handle's message,
 * prefixed with what was being done. */
int fu__sqlerr(fu_db *db, int rc, const char *what);

/* Prepare one statement; sets the message on failure. */
int fu__prepare(fu_db *db, sqlite3_stmt **st, const char *sql);

/* Run SQL with no parameters and no result rows. */
int fu__exec(fu_db *db, const char *sql);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK (rollback never fails loudly and
 * keeps the message of the failure that caused it). */
int fu__begin(fu_db *db);
int fu__commit(fu_db *db);
void fu__rollback(fu_db *db);

/* Bind helpers: NULL or 0 bind as SQL NULL. */
int fu__bind_text(sqlite3_stmt *st, int i, const char *s);
int fu__bind_time(sqlite3_stmt *st, int i, int64_t t);
int fu__bind_name(sqlite3_stmt *st, int i, const char *name);

/* Column helpers: a malloc'd copy (NULL for SQL NULL). */
char *fu__col_text(sqlite3_stmt *st, int i);

char *fu__strdup(const char *s);

/* Text a user gave: valid UTF-8, no control characters (newlines and tabs
 * only when multiline), at most max characters. NULL passes. */
int fu__check_text(fu_db *db, const char *what, const char *s, size_t max,
		   int multiline);
int fu__check_email(fu_db *db, const char *s);

/* Schema: create or migrate forward to FU_SCHEMA_VERSION (schema.c). */
int fu__schema_migrate(fu_db *db);

/* Record an event's --with people and topics (e->id set). */
int fu__insert_event_people(fu_db *db, const fu_event *e);

/* Register fu's SQL functions (fu_fold: Unicode-aware lower case). */
int fu__register_functions(fu_db *db);

/* Bring the actions of one subject up to date: an application (id), or a
 * contact's networking events (contact_id). Inside a transaction. */
int fu__refresh_application(fu_db *db, int64_t application_id);
int fu__refresh_contact(fu_db *db, int64_t contact_id);
/* Every subject that involves this contact. */
int fu__refresh_involving(fu_db *db, int64_t contact_id);
/* Every subject (within a transaction). */
int fu__refresh_all(fu_db *db);

#endif
