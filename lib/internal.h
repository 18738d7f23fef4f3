/*
 * internal.h - what the library's files share and nobody else sees: the
 * handle, the SQLite helpers, and what each table's owner offers the
 * others.
 *
 * The floors, from the bottom (a file calls only files below it):
 *   buf, error, model, text, date, params, rules, fold, sql
 *       no table; rules.c is the engine, on plain structs;
 *   schema        the database's shape and its migrations;
 *   db            opening the file (then schema.c migrates it);
 *   companies, config, contacts, applications, events
 *                 the records, each table's owner;
 *   actions       the derived actions table: derive, store, read;
 *   ref, store    references; the public transactional writes;
 *   export, import, csv, ics, stats, doctor, spell,
 *   draft_templates, draft_render, draft_gather, eml
 *                 features built on the records.
 *
 * One owner per table: only its file writes the table and parses its
 * rows (the words of kinds, channels and outcomes back into enums).
 * Other files may read with queries shaped for their feature (counts,
 * ids, a join for a name), but take records through the owner's
 * readers and writers:
 *   companies              companies.c
 *   contacts               contacts.c
 *   applications,
 *   application_contacts   applications.c
 *   events, event_contacts,
 *   event_topics           events.c
 *   config                 config.c
 *   actions, actions_stamp actions.c
 * SQL lives only in those files, schema.c, db.c (pragmas), ref.c and
 * stats.c (queries that read), and doctor.c (its own checks of a file).
 */
#ifndef FU_INTERNAL_H
#define FU_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "fu/store.h"

/* PRAGMA application_id: "fu" + 0x4a48 ("JH", job hunt). */
#define FU_APPLICATION_ID 1718962760 /* 0x66754a48 */

/* How long a command waits for another fu holding the database. */
#define FU_BUSY_TIMEOUT_MS 10000

struct fu_db {
	sqlite3 *sql;
	char *path;
	int flags;
	int64_t now;
	int schema_version;
	/* the rule numbers, read once per handle; config writes clear it */
	fu_rule_params params;
	int params_valid;
	/* actions.c: the stored actions are known current (1), or this
	 * connection derived its own into temp.actions (actions_temp) */
	int actions_fresh;
	int actions_temp;
	/* waiting for a lock (db.c): the timeout, and since when (ms) */
	int busy_timeout;
	int64_t busy_since;
	char msg[1024];
};

/* --- sql.c: SQLite helpers ------------------------------------------ */

/* That, or FU_BUSY_TIMEOUT (milliseconds) from the environment. */
int fu__busy_timeout_ms(void);

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

/* Column helpers: a malloc'd copy (NULL for SQL NULL). */
char *fu__col_text(sqlite3_stmt *st, int i);

/* Step a statement that writes, and finalize it. */
int fu__step_done(fu_db *db, sqlite3_stmt *st);

/* The first column of the first row as a number, 0 when there is no row;
 * ?1, where sql has it, is arg. */
int fu__query_int64(fu_db *db, int64_t *out, const char *sql, int64_t arg);

/* Every row of st (finalized here), each read by read_row into a new
 * zeroed element of size bytes, at the end of *list, *n of them. On
 * failure, the caller frees what was read. */
int fu__read_rows(fu_db *db, sqlite3_stmt *st, void **list, size_t *n,
		  size_t size, void (*read_row)(void *row, sqlite3_stmt *st));

/* Append id to a list unless it is there; FU_ERROR out of memory. */
int fu__push_id(int64_t **ids, size_t *n, int64_t id);

char *fu__strdup(const char *s);

/* --- text.c: what a user's text must be ------------------------------- */

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
/* The same, the message naming a place in a file: "path: is ...". */
int fu__check_text_at(fu_db *db, const char *path, const char *s,
		      size_t max, int multiline);
int fu__check_email(fu_db *db, const char *s);

/* A record's checks speak to two audiences: fu add and fu log (base
 * NULL), in their own words (`words`: "the company is empty"), and an
 * import, which names each field by its place in the file (base
 * "contacts[3]", key "email": "contacts[3].email: ..."). */
int fu__field_error(fu_db *db, const char *base, const char *key,
		    const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
int fu__check_field(fu_db *db, const char *base, const char *key,
		    const char *words, const char *s, size_t max,
		    int multiline);
/* The same, and not empty or blank. */
int fu__check_required(fu_db *db, const char *base, const char *key,
		       const char *words, const char *s, size_t max);
int fu__check_email_field(fu_db *db, const char *base, const char *s);

/* --- fold.c: case and accent folding -------------------------------- */

enum { FU_FOLD_CASE, FU_FOLD_ACCENTS };
/* s folded into a new string (NULL out of memory). */
char *fu__fold(const char *s, int how);
/* Whether two different names are a typo or two apart (case and
 * accents aside): "Dana Reys" and "Dana Reyes". */
int fu__names_alike(const char *a, const char *b);
/* Whether s is nothing but combining marks (which fold to nothing). */
int fu__only_marks(const char *s);
/* Register fu's SQL functions (fu_fold: as references match). */
int fu__register_functions(fu_db *db);

/* --- schema.c ------------------------------------------------------- */

/* Create or migrate forward to FU_SCHEMA_VERSION. */
int fu__schema_migrate(fu_db *db);
/* A temporary table "actions" of this connection, which SQLite reads in
 * place of main.actions (actions.c). */
int fu__schema_stand_in(fu_db *db);

/* --- companies.c ---------------------------------------------------- */

/* The company of that name (case-insensitively), created when missing
 * with number id (0: the next) and created (0: now). name NULL: 0. */
int fu__company_id(fu_db *db, int64_t *out, const char *name, int64_t id,
		   int64_t created);
typedef struct fu__company {
	int64_t id;
	const char *name;
	int64_t created_at;
} fu__company;
/* Every company, by number; fn's record is valid during the call. */
int fu__company_each(fu_db *db, int (*fn)(const fu__company *co, void *arg),
		     void *arg);
int fu__company_count(fu_db *db, int64_t *out);

/* --- config.c ------------------------------------------------------- */

/* Check value for key as fu config does; *norm is what to store (in buf
 * or value); *affects (may be NULL): whether the key changes what the
 * rules owe (store.c then derives every action again). */
int fu__config_check(fu_db *db, const char *key, const char *value,
		     const char **norm, char *buf, size_t len, int *affects);
/* The same for an import: messages name the value's place in the file
 * (path: "config.user.employed: expected true or false, ..."). */
int fu__config_check_at(fu_db *db, const char *path, const char *key,
			const char *value, const char **norm, char *buf,
			size_t len);
/* Whether key is known (FU_EINVALID with a message when not). */
int fu__config_known(fu_db *db, const char *key, int *affects);
/* Store a checked value (replace 0: only when not set); *changed (may be
 * NULL) says whether it was written. Inside the caller's transaction. */
int fu__config_put(fu_db *db, const char *key, const char *value,
		   int replace, int *changed);
/* FU_ENOTFOUND when it was not set. */
int fu__config_delete(fu_db *db, const char *key);

/* --- contacts.c ----------------------------------------------------- */

/* Check a contact as fu add, fu edit and fu import do (see text.c for
 * base). */
int fu__check_contact(fu_db *db, const fu_contact *c, const char *base);
/* Applications and contacts share one sequence of numbers: the next. */
int fu__next_thing_id(fu_db *db, int64_t *out);
/* 0, or FU_ENOTFOUND with "no contact number N". */
int fu__contact_exists(fu_db *db, int64_t id);
/* Write a checked contact inside the caller's transaction: number id (0:
 * the next), recorded at created (0: now); sets its id, created_at and
 * company_id (the company found by name, or created). */
int fu__insert_contact(fu_db *db, fu_contact *c, int64_t id, int64_t created);
/* A new contact from a bare name (fu log --with "Sam Lee"), at company
 * (0: none). */
int fu__contact_add_named(fu_db *db, int64_t *out, const char *name,
			  int64_t company);
/* Write every field of a checked contact (by c->id). */
int fu__contact_write(fu_db *db, const fu_contact *c);
int fu__contact_company(fu_db *db, int64_t *out, int64_t id);
/* The contact with this name (case-insensitively) and, when email is
 * not NULL, this e-mail address; preferring one at company (may be 0).
 * *out is 0 when there is none. */
int fu__contact_find(fu_db *db, int64_t *out, const char *name,
		     const char *email, int64_t company);
/* The contact with exactly this name and e-mail address (NULL: none). */
int fu__contact_find_same(fu_db *db, int64_t *out, const char *name,
			  const char *email);
int fu__contact_count(fu_db *db, int64_t *out);
/* The contact with this identifier (uuid.h); *out 0 when none. */
int fu__contact_by_uuid(fu_db *db, int64_t *out, const char *uuid);
/* Remove a contact nothing refers to (undo of the event that created
 * it); one still referred to stays. */
int fu__contact_drop_unused(fu_db *db, int64_t id);
/* When the first contact was recorded (0: none). */
int fu__contact_first_created(fu_db *db, int64_t *out);

/* --- applications.c ------------------------------------------------- */

int fu__check_application(fu_db *db, const fu_application *a,
			  const char *base);
/* 0, or FU_ENOTFOUND with "no application number N". */
int fu__application_exists(fu_db *db, int64_t id);
int fu__application_company(fu_db *db, int64_t *out, int64_t id);
int fu__application_count(fu_db *db, int64_t *out);
/* The application with this identifier; *out 0 when none. */
int fu__application_by_uuid(fu_db *db, int64_t *out, const char *uuid);
int fu__application_first_created(fu_db *db, int64_t *out);
/* Attach contacts (existing ones, which must exist, then new names,
 * created at company) to an application, after those it has. */
int fu__application_attach(fu_db *db, int64_t app, int64_t company,
			   const int64_t *ids, size_t n, char *const *names,
			   size_t nnames);
/* Write a checked application inside the caller's transaction, as
 * fu__insert_contact; its contact_ids and new_contacts are attached. */
int fu__insert_application(fu_db *db, fu_application *a, int64_t id,
			   int64_t created);
/* Take a person off an application (undo of the event that added them). */
int fu__application_detach(fu_db *db, int64_t app, int64_t contact);
/* Write every field of a checked application (by a->id) and its people
 * (not applied_at: that is an event). */
int fu__application_write(fu_db *db, const fu_application *a);
/* Keep outcome/closed_at equal to the last closed event of application
 * app (of every one when app is 0). */
int fu__application_sync_outcome(fu_db *db, int64_t app);
/* The two earliest jobs accepted, read once for a derivation of every
 * application; accepted_at gives when a job other than application self
 * was accepted (0: none; acc NULL: asked of the database). */
typedef struct fu__accepted {
	int64_t id[2], at[2];
	int n;
} fu__accepted;
int fu__accepted_load(fu_db *db, fu__accepted *acc);
int fu__accepted_at(fu_db *db, const fu__accepted *acc, int64_t self,
		    int64_t *out);

/* --- events.c ------------------------------------------------------- */

/* Check an event as fu log and fu import do (see text.c for base): its
 * kind fits its subject, its options fit its kind, its action names
 * one. A snooze must end in the future only for fu log (base NULL): an
 * import brings back history. */
int fu__check_event(fu_db *db, const fu_event *e, const char *base);
/* Write a checked event inside the caller's transaction: number id (0:
 * the next), recorded at created (0: now), with its with[] and
 * topics[]; sets e->id and e->created_at. */
int fu__insert_event(fu_db *db, fu_event *e, int64_t id, int64_t created);
/* The events of one subject for the rules (an application's, or a
 * contact's networking ones), in (at, ord) order, without topics. */
int fu__event_list_subject(fu_event **out, size_t *n, fu_db *db,
			   int64_t application_id, int64_t contact_id);
/* The number of the last event recorded (of an application, or about a
 * contact, or of all when both are 0); 0 when there is none. */
int fu__event_last(fu_db *db, int64_t *out, int64_t application_id,
		   int64_t contact_id);
int fu__event_delete(fu_db *db, int64_t id);
/* When the application was first applied to (0: never). */
int fu__event_first_applied(fu_db *db, int64_t *at, int64_t application_id);
/* Move its first applied event to `at`, or record one. */
int fu__event_set_applied(fu_db *db, int64_t app, int64_t at);
/* Every event by number, with its people (and topics when asked); fn's
 * record is valid during the call. */
int fu__event_each(fu_db *db, int want_topics,
		   int (*fn)(const fu_event *e, void *arg), void *arg);
int fu__event_count(fu_db *db, int64_t *out);
/* The event with this identifier; *out 0 when none. */
int fu__event_by_uuid(fu_db *db, int64_t *out, const char *uuid);
/* The people event id created (named with --with, new then), in order. */
int fu__event_created_people(fu_db *db, int64_t id, int64_t **out, size_t *n);
int fu__event_next_id(fu_db *db, int64_t *out);

/* --- import.c ------------------------------------------------------ */

/* After an import has written its records (JSON or CSV): outcomes made
 * equal to the closed events, the settings read again, every action
 * derived again. */
int fu__import_finish(fu_db *db);

/* --- ref.c ----------------------------------------------------------- */

/* The person on an application (or networking contact) whose name is a
 * typo or two from name: *id and a copy of their name in *alike; 0 and
 * NULL when nobody there is. */
int fu__person_alike(fu_db *db, int64_t application_id, int64_t contact_id,
		     const char *name, int64_t *id, char **alike);

/* --- actions.c: the actions owed ------------------------------------ */

/* Bring the actions of one subject up to date: an application (id), or a
 * contact's networking events (contact_id). Inside a transaction. */
int fu__refresh_application(fu_db *db, int64_t application_id);
int fu__refresh_contact(fu_db *db, int64_t contact_id);
/* Every subject that involves this contact. */
int fu__refresh_involving(fu_db *db, int64_t contact_id);
/* Every subject, stamped with this fu's rules and time zone. */
int fu__refresh_all(fu_db *db);
/* At the start of a write transaction: derive every action again when
 * they were derived with other rules or in another zone. */
int fu__actions_for_write(fu_db *db);
/* Before reading actions: when they are stale, this connection works
 * them out into its own temp.actions (the file is not written). */
int fu__actions_for_read(fu_db *db);

#endif
