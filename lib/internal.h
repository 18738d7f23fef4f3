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

/* Step a statement that writes, and finalize it (store.c). */
int fu__step_done(fu_db *db, sqlite3_stmt *st);

/* The first column of the first row as a number, 0 when there is no row;
 * ?1, where sql has it, is arg (store.c). */
int fu__query_int64(fu_db *db, int64_t *out, const char *sql, int64_t arg);

char *fu__strdup(const char *s);

/* Limits on what a user writes, the same for fu add, fu log and imports. */
#define FU__NAME_MAX 200
#define FU__FIELD_MAX 500
#define FU__URL_MAX 2000
#define FU__NOTE_MAX 10000
#define FU__ACTION_MAX 100

/* Length of the valid UTF-8 sequence at s (n bytes there), or 0. */
size_t fu__utf8_len(const unsigned char *s, size_t n);

/* Text a user gave: valid UTF-8, no control characters (newlines and tabs
 * only when multiline), at most max characters. NULL passes. */
int fu__check_text(fu_db *db, const char *what, const char *s, size_t max,
		   int multiline);
int fu__check_email(fu_db *db, const char *s);

/* --- records (store.c) --- */

/* Check a record as fu add and fu log do. base NULL: the messages are
 * theirs ("the company is empty"); else it is the record's place in an
 * import's file ("contacts[3]") and each message begins with the field's
 * ("contacts[3].email: ..."). A snooze must end in the future only for
 * fu log: an import brings back history. */
int fu__check_contact(fu_db *db, const fu_contact *c, const char *base);
int fu__check_application(fu_db *db, const fu_application *a,
			  const char *base);
int fu__check_event(fu_db *db, const fu_event *e, const char *base);

/* Applications and contacts share one sequence of numbers: the next. */
int fu__next_thing_id(fu_db *db, int64_t *out);

/* The company of that name (case-insensitively), created when missing
 * with number id (0: the next) and created (0: now). */
int fu__company_id(fu_db *db, int64_t *out, const char *name, int64_t id,
		   int64_t created);

/* Write a checked record inside the caller's transaction: number id (0:
 * the next), recorded at created (0: now); sets its id, created_at and
 * company_id. The company is found by name, or created. An application's
 * contact_ids (which must exist) and new_contacts are attached in order;
 * an event's with[] and topics[] are written. */
int fu__insert_contact(fu_db *db, fu_contact *c, int64_t id, int64_t created);
int fu__insert_application(fu_db *db, fu_application *a, int64_t id,
			   int64_t created);
int fu__insert_event(fu_db *db, fu_event *e, int64_t id, int64_t created);

/* Schema: create or migrate forward to FU_SCHEMA_VERSION (schema.c). */
int fu__schema_migrate(fu_db *db);

/* Register fu's SQL functions (fu_fold: Unicode case and accent folding,
 * as references match). */
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
