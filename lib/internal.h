/* SPDX-License-Identifier: MIT */
/*
 * internal.h - what the library's files share and nobody else sees: the
 * handle, the SQLite helpers, and what each table's owner offers the
 * others.
 *
 * The floors, from the bottom (a file calls only files below it):
 *   buf, error, model, text, date, params, rules, report_rules, fold,
 *   sql, sha256, cmdline, spawn, mailer,
 *   mailmsg, mailmatch
 *       no table; rules.c is the engine, on plain structs;
 *       report_rules.c what unemployment offices require; mailmsg.c
 *       and mailmatch.c read and match mail, on plain structs; spawn.c
 *       runs other programs, mailer.c composes and sends mail;
 *   schema        the database's shape and its migrations;
 *   db            opening the file (then schema.c migrates it);
 *   companies, config, contacts, applications, events, proposals,
 *   mailseen      the records, each table's owner;
 *   actions       the derived actions table: derive, store, read;
 *   ref, store    references; the public transactional writes;
 *   mail          fu mail's writes: a scan, accepting, ignoring;
 *   export, import, csv, ics, stats, report, doctor, spell,
 *   draft_templates, draft_render, draft_gather, eml, sendmail, notify
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
 *   proposals, proposal_people,
 *   proposal_candidates    proposals.c
 *   mail_seen, mail_sources mailseen.c
 *   notify_log             notify.c
 * SQL lives only in those files, schema.c, db.c (pragmas), ref.c and
 * stats.c (queries that read), and doctor.c (its own checks of a file).
 * The folded names of companies and contacts (their fold columns, for
 * completion) are written by their owners with each name, and made
 * again by schema.c when the folding changes (fold_stamp).
 */
#ifndef FU_INTERNAL_H
#define FU_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include <cJSON.h>

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
	/* what every write transaction changes, recorded for fu sync
	 * (changes.c): the verbs of sql.c call these once db.c has
	 * installed them; NULL: nothing is recorded */
	int (*tx_begin)(fu_db *db);
	int (*tx_commit)(fu_db *db); /* before COMMIT, in the transaction */
	void (*tx_end)(fu_db *db);   /* after COMMIT or ROLLBACK */
	int sync_state;    /* changes.c: 0 not asked yet, 1 off, 2 on */
	int sync_quiet;    /* merge.c is applying another machine's
	                      changes: record nothing */
	void *session;     /* the open transaction's sqlite3_session */
	/* sync.c: the program that opens many sealed change files in one
	 * run (fu-sync-open; fu_sync_set_opener); empty: age, once a file */
	char sync_opener[4096];
	struct fu__capture *capture; /* changes.c's cache of the handle */
	/* db.c: why writes are refused (a file of another user's, or that
	 * others may change); empty when they are not */
	char refuse_write[768];
	/* a write of the user's was committed, or a backup written
	 * (fu_db_changed); a migration alone does not count */
	int changed;
	char msg[1024];
};

/* --- cmdline.c: a configured command line ------------------------------ */

/* The one splitter (spawn.h says how it splits): line into a NULL-ended
 * array *out of *n words (n may be NULL), freed by fu__command_free.
 * FU_EINVALID for an unclosed quote, a line break or other control (a
 * tab separates words), no word: naming key ("mail.sendmail: a quote is
 * not closed: ...") when given, else in fu_spawn_split's words. */
int fu__command_split(char ***out, size_t *n, fu_db *db, const char *key,
		      const char *line);
void fu__command_free(char **argv);

/* --- mailer.c ------------------------------------------------------- */

/* An address a message can carry: local@domain, each part a dot-atom of
 * ASCII atext, at most 64 and 254 octets (eml.c checks the draft's
 * addresses with it before it composes, to say which one to fix). */
int fu__mail_addr_ok(const char *addr);

/* --- db.c ---------------------------------------------------------- */

struct stat;
/* Look at the file at path (*existed 1, *st its stat, following a link)
 * or create it 0600 under new 0700 directories (not when readonly):
 * FU_EDB for a directory, a device, a dangling link, an unreadable
 * file. */
int fu__db_prepare(fu_db *db, const char *path, int readonly,
		   struct stat *st, int *existed);
/* Set db->refuse_write when the existing file st (which this user may
 * write) belongs to another user or others may change it. */
void fu__db_judge_owner(fu_db *db, const char *path, const struct stat *st);
/* Make a file verified as fu's readable by its owner only (when it is
 * this user's and nobody else may write it). */
void fu__db_tighten(const char *path, const struct stat *st);

/* When path (which need not exist) is the open database's file, a link
 * to it, or one of the files SQLite keeps beside it (-journal, -wal,
 * -shm): what it is, in words ("the database itself"); else NULL. No
 * file fu writes for the user may be one of these. */
const char *fu__db_file_kind(const fu_db *db, const char *path);

/* --- sql.c: SQLite helpers ------------------------------------------ */

/* That, or FU_BUSY_TIMEOUT (milliseconds) from the environment. */
int fu__busy_timeout_ms(void);

/* Map a SQLite failure to a fu code and set the handle's message,
 * prefixed with what was being done. */
int fu__sqlerr(fu_db *db, int rc, const char *what);

/* A stored record fu cannot use (FU_EDB, "'path' is not a usable fu
 * database: event 12 has its time 253402400000, out of ..."): a number
 * outside 1..FU_ID_MAX, a time outside FU_TIME_MIN..FU_TIME_MAX (0 is
 * "none" where the field is optional). The owners check every row they
 * read, so that another program's, an old fu's or a synced machine's
 * values never reach the arithmetic or the output. */
int fu__bad_row(fu_db *db, const char *what, int64_t id, const char *field,
		int64_t value);
int fu__check_row_id(fu_db *db, const char *what, int64_t id);
int fu__check_row_time(fu_db *db, const char *what, int64_t id,
		       const char *field, int64_t t, int optional);

/* Prepare one statement; sets the message on failure. A statement of
 * the same text that a handle prepared before and finalized is reused
 * (reset, its bindings cleared) rather than compiled again: compiling
 * took two thirds of an import's time. Finalizing returns it to the
 * handle (below); fu_db_close() finalizes them for good. */
int fu__prepare(fu_db *db, sqlite3_stmt **st, const char *sql);
/* Every file of the library finalizes through fu__finalize: a statement
 * of the cache goes back to it, any other is finalized. */
int fu__finalize(sqlite3_stmt *st);
#define sqlite3_finalize(st) fu__finalize(st)
/* Finalize the cached statements of db (before closing it). */
void fu__stmt_cache_clear(fu_db *db);

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

/* A time column: 0 for SQL NULL; INT64_MIN, which no check accepts,
 * for what fu never stores there (text, a real number, a blob). */
int64_t fu__col_time(sqlite3_stmt *st, int i);

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
/* A Message-ID as fu keeps it (without <>): printable ASCII without
 * spaces or angle brackets, at most FU__MESSAGE_ID_MAX bytes (RFC 5322's
 * line). NULL passes. */
#define FU__MESSAGE_ID_MAX 998
int fu__check_message_id(fu_db *db, const char *base, const char *s);

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

/* --- spawn.c: running git and age for fu sync ----------------------- */

/* Run argv[0] (found on PATH, no shell) with the environment and env
 * (NAME=VALUE..., NULL-ended; may be NULL) before it, in (inlen bytes)
 * on its standard input, its standard output and error into out and
 * err (either may be NULL: dropped); *status its exit status (128 + the
 * signal that ended it). FU_ERROR when it cannot run (a message that
 * says to install it when it is not there). */
struct fu_buf;
int fu__spawn(fu_db *db, const char *const argv[], const char *const *env,
	      const char *in, size_t inlen, struct fu_buf *out,
	      struct fu_buf *err, int *status);
/* --- sha256.c ------------------------------------------------------- */

void fu__sha256(unsigned char out[32], const void *data, size_t len);

/* --- fold.c: case and accent folding -------------------------------- */

enum { FU_FOLD_CASE, FU_FOLD_ACCENTS };
/* s folded into a new string (NULL out of memory). */
char *fu__fold(const char *s, int how);
/* Whether a and b are the same text but for case: 1, 0, or -1 out of
 * memory. */
int fu__fold_equal(const char *a, const char *b);
/* Whether two different names are a typo or two apart (case and
 * accents aside): "Dana Reys" and "Dana Reyes". */
int fu__names_alike(const char *a, const char *b);
/* Which folding this is (fold.c's rules and utf8proc's Unicode
 * version): the stored folded names were made by it, or are made again. */
const char *fu__fold_revision(void);
/* Whether s is nothing but combining marks (which fold to nothing). */
int fu__only_marks(const char *s);
/* Register fu's SQL functions (fu_fold: as references match). */
int fu__register_functions(fu_db *db);

/* --- synced.c: what fu sync carries, declared in one place ---------- */

/* How a column of a synced table travels between machines. */
enum {
	FU__SC_LOCAL,  /* stays here: the row's number, or derived data */
	FU__SC_VALUE,  /* as it is */
	FU__SC_REF,    /* a number of another synced table: travels as
	                  that record's identifier */
	FU__SC_UUID,   /* the record's identifier: its key */
	FU__SC_ACTION  /* an action key "<kind>:<event>:<contact>[:<n>]":
	                  its numbers travel as identifiers */
};
/* What a value from another machine must be (fu__sync_bad_value). */
enum {
	FU__SV_ANY, FU__SV_UUID, FU__SV_NAME, FU__SV_FIELD, FU__SV_LINES,
	FU__SV_NOTE, FU__SV_URL, FU__SV_BOOL, FU__SV_TIME, FU__SV_POSITION,
	FU__SV_ORD, FU__SV_DAY, FU__SV_KIND, FU__SV_CHANNEL, FU__SV_PREFERS,
	FU__SV_SOURCE, FU__SV_OUTCOME, FU__SV_ACTION, FU__SV_CONFIG_KEY,
	FU__SV_MESSAGE_ID
};
enum {
	FU__SF_KEY = 1,     /* part of the key of a table without identifier */
	FU__SF_REQUIRED = 2 /* never NULL */
};
/* How a row that comes from another machine gets its number here. */
enum {
	FU__SN_NONE,  /* it has none (a key of its columns) */
	FU__SN_AUTO,  /* the table's next */
	FU__SN_THING  /* the next of contacts and applications together */
};

typedef struct fu__sync_col {
	const char *name;
	unsigned char how;   /* FU__SC_* */
	unsigned char check; /* FU__SV_* */
	unsigned char flags; /* FU__SF_* */
	const char *ref;     /* FU__SC_REF: the table it refers to */
} fu__sync_col;

typedef struct fu__sync_table {
	const char *name;
	const fu__sync_col *cols; /* every column of the table */
	size_t ncols;
	int numbers;              /* FU__SN_* */
	const char *parent;       /* its rows go with a record of that
	                             table: their removal with it is not
	                             sent (it removes them everywhere) */
} fu__sync_table;

extern const fu__sync_table fu__sync_tables[];
extern const size_t fu__nsync_tables;
/* The schema's tables that are never synced (NULL-ended). */
extern const char *const fu__sync_local_tables[];
/* Configuration keys (or, ending in '.', families) that stay on their
 * machine (NULL-ended). */
extern const char *const fu__sync_local_keys[];
int fu__sync_key_local(const char *key);
const fu__sync_table *fu__sync_table_named(const char *name);
int fu__sync_col_index(const fu__sync_table *t, const char *name);
/* Whether its records are keyed by identifier (else by key columns). */
int fu__sync_has_uuid(const fu__sync_table *t);
/* NULL when v (NULL: missing) is a value column c can take from
 * another machine; else what is wrong, in words ("is not text"). */
const char *fu__sync_bad_value(const fu__sync_col *c, const cJSON *v);

/* --- changes.c: what each write changes, recorded for fu sync ------- */

/* When and where a synced value was written: a hybrid logical clock
 * (t: the time of the write, or after the latest stamp the machine had
 * seen; c: a counter), then the machine, which orders two machines'
 * writes of one moment; seq: that machine's transaction. t 0: the
 * records as they were when the machine began to sync. */
typedef struct fu__stamp {
	int64_t t, c;
	char device[37];
	int64_t seq;
} fu__stamp;
int fu__stamp_cmp(const fu__stamp *a, const fu__stamp *b);

/* Record every write transaction's changes from now on (db.c installs
 * it once the file is migrated); the handle's cache freed. */
void fu__changes_install(fu_db *db);
void fu__changes_free(fu_db *db);
/* Whether this machine syncs (asked once per handle; reset: ask again,
 * after fu sync init). */
int fu__changes_on(fu_db *db, int *on);
void fu__changes_reset(fu_db *db);
/* Record nothing while merge.c applies another machine's changes. */
void fu__changes_quiet(fu_db *db, int quiet);
/* This machine's identifier in the sync ("" when it does not sync). */
const char *fu__sync_device(fu_db *db);
/* Every synced record as it is, as one transaction stamped 0, into the
 * outgoing log: what this machine brings to the sync. Inside the
 * caller's transaction. */
int fu__changes_snapshot(fu_db *db);
/* A statement prepared once per handle (for sql built from the synced
 * tables' names), reset and unbound; not to be finalized. */
int fu__cached(fu_db *db, sqlite3_stmt **st, const char *sql);
/* Numbers here and identifiers everywhere: a record of a synced table
 * with an identifier ("" / 0 when there is none). */
int fu__sync_uuid_of(fu_db *db, const char *table, int64_t id,
		     char out[37]);
int fu__sync_id_of(fu_db *db, const char *table, const char *uuid,
		   int64_t *id);
/* A value of column c here (v) as it travels (*out: JSON); a row of t
 * (by rowid) as an object of its synced columns (NULL: no such row). */
int fu__sync_value_out(fu_db *db, const fu__sync_col *c, sqlite3_value *v,
		       cJSON **out);
int fu__sync_row_out(fu_db *db, const fu__sync_table *t, int64_t rowid,
		     cJSON **out);
/* An action key as it travels, back into this machine's numbers
 * (*out malloc'd). */
int fu__sync_aim_in(fu_db *db, const char *portable, char **out);
/* The stamp of a value (col "": of the record itself); *found 0: none,
 * *out zeroed. */
int fu__stamp_get(fu_db *db, const char *table, const char *key,
		  const char *col, fu__stamp *out, int *found);
int fu__stamp_put(fu_db *db, const char *table, const char *key,
		  const char *col, const fu__stamp *s);
/* A removed record's last values (portable JSON), for events with their
 * subject's identifier and ord. */
int fu__grave_put(fu_db *db, const char *table, const char *key,
		  const char *subject, int64_t ord, const char *data);
int fu__grave_get(fu_db *db, const char *table, const char *key,
		  char **data);
int fu__grave_drop(fu_db *db, const char *table, const char *key);
/* The clock has seen stamp (t, c). */
int fu__clock_observe(fu_db *db, int64_t t, int64_t c);

/* --- changefile.c: the change files (changes.h) ---------------------- */

typedef struct fu__dep {
	char device[37];
	int64_t seq;
} fu__dep;

typedef struct fu__tx {
	int64_t seq, t, c;
	const cJSON *changes; /* in the file's tree */
} fu__tx;

struct fu_changes {
	cJSON *root;
	int version;
	char device[37];
	const char *name; /* in the tree */
	int64_t file;
	fu__dep *deps;
	size_t ndeps;
	fu__tx *tx;
	size_t ntx;
};

/* A change file written a piece at a time: its head, each transaction
 * (changes: the log's JSON array), its tail. FU_ERROR out of memory. */
struct fu_buf;
int fu__changes_head(struct fu_buf *b, const char *device, const char *name,
		     int64_t file, const fu__dep *deps, size_t ndeps);
int fu__changes_tx(struct fu_buf *b, int first, int64_t seq, int64_t t,
		   int64_t c, const char *changes);
int fu__changes_tail(struct fu_buf *b);

/* --- schema.c ------------------------------------------------------- */

/* The folded names (companies.fold, contacts.fold) made again when
 * the folding changed or a name has none (another program wrote it);
 * in its own transaction, only when needed (fu__schema_migrate calls it
 * on every open that may write). */
int fu__schema_refold(fu_db *db);
/* Create or migrate forward to FU_SCHEMA_VERSION. */
int fu__schema_migrate(fu_db *db);
/* A temporary table "actions" of this connection, which SQLite reads in
 * place of main.actions (actions.c). */
int fu__schema_stand_in(fu_db *db);

/* --- db.c ------------------------------------------------------------ */

/* The page cache of this connection, in KiB (0: the usual 1 MiB), for a
 * walk that reads many records at random (fu report's rows). */
int fu__cache_kib(fu_db *db, int kib);

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
/* Contacts one at a time, the statements prepared once, for a
 * feature that reads many (report.c): a contact by number (*c zeroed by
 * the caller, cleared with fu_contact_clear; FU_ENOTFOUND when none),
 * and the contact at a company who can best be reached: the one with
 * the most of postal address, phone and e-mail, the lowest number
 * first (*found 0 when the company has none). */
typedef struct fu__contact_reader {
	fu_db *db;
	sqlite3_stmt *one, *reach;
} fu__contact_reader;
int fu__contact_reader_open(fu_db *db, fu__contact_reader *r);
int fu__contact_reader_get(fu__contact_reader *r, int64_t id, fu_contact *c);
int fu__contact_reader_reach(fu__contact_reader *r, int64_t company,
			     fu_contact *c, int *found);
void fu__contact_reader_close(fu__contact_reader *r);
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
/* Applications one at a time by number, with their people, the
 * statements prepared once (report.c): *a zeroed by the caller, cleared
 * with fu_application_clear; FU_ENOTFOUND when there is none. */
typedef struct fu__app_reader {
	fu_db *db;
	sqlite3_stmt *one, *people;
} fu__app_reader;
int fu__app_reader_open(fu_db *db, fu__app_reader *r);
int fu__app_reader_get(fu__app_reader *r, int64_t id, fu_application *a);
void fu__app_reader_close(fu__app_reader *r);
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
/* Topics of event id from position on (texts, and each one's person:
 * with[i], 0 or with NULL for everyone). */
int fu__event_insert_topics(fu_db *db, int64_t id, int64_t position,
			    char *const *topics, const int64_t *with,
			    size_t n);
/* The next position for a topic of event id. */
int fu__event_topic_next(fu_db *db, int64_t id, int64_t *out);
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
/* The same for the events at from <= at < to and at <= until whose
 * kind is in kinds (bits 1 << kind), in (at, id) order, without topics
 * (fu report's rows). */
int fu__event_each_between(fu_db *db, int64_t from, int64_t to,
			   int64_t until, unsigned kinds,
			   int (*fn)(const fu_event *e, void *arg), void *arg);
/* The same events in brief, with the employer: the company of their
 * application, or of the contact a networking event was logged on (0:
 * none) (fu report's totals). */
typedef struct fu__event_brief {
	int64_t id, at, application_id, contact_id, company_id;
	fu_event_kind kind;
} fu__event_brief;
int fu__event_each_brief(fu_db *db, int64_t from, int64_t to, int64_t until,
			 unsigned kinds,
			 int (*fn)(const fu__event_brief *e, void *arg),
			 void *arg);
/* When the first event of those kinds at or before until happened (0:
 * none). */
int fu__event_first_of(fu_db *db, int64_t *out, unsigned kinds,
		       int64_t until);
int fu__event_count(fu_db *db, int64_t *out);
/* The event with this identifier; *out 0 when none. */
int fu__event_by_uuid(fu_db *db, int64_t *out, const char *uuid);
/* The people event id created (named with --with, new then), in order. */
int fu__event_created_people(fu_db *db, int64_t id, int64_t **out, size_t *n);
int fu__event_next_id(fu_db *db, int64_t *out);
/* Move an event to another time (fu mail: an interview rescheduled). */
int fu__event_set_at(fu_db *db, int64_t id, int64_t at);
/* Every event that keeps a Message-ID: what a reply may thread back to.
 * fn's record is valid during the call. */
typedef struct fu__event_mid {
	int64_t id;
	fu_event_kind kind;
	int64_t application_id, contact_id, person, at;
	const char *message_id;
} fu__event_mid;
int fu__event_message_ids(fu_db *db, int (*fn)(const fu__event_mid *m,
					       void *arg), void *arg);

/* --- store.c ------------------------------------------------------- */

/* BEGIN IMMEDIATE with the actions made current, and its end: commit
 * when rc is 0, else roll back; returns rc or the commit's failure. */
int fu__store_begin(fu_db *db);
int fu__store_commit(fu_db *db, int rc);
/* fu_event_add inside the caller's transaction: check, write, bring the
 * actions up to date. The people the caller created for it (the last
 * e->nadded of with[]) are counted as added, before those of with_new. */
int fu__event_add_in(fu_db *db, fu_event *e);

/* --- proposals.c, mailseen.c: fu mail's tables ----------------------- */

#include "fu/proposals.h"

/* A new open proposal of message m as matched; *out its number. */
int fu__proposal_insert(fu_db *db, int64_t *out, const fu_mail_msg *m,
			const fu_mail_match *mt);
/* Its state (accepted: the event it logged; ignored: its text dropped). */
int fu__proposal_set_state(fu_db *db, int64_t id, fu_proposal_state state,
			   int64_t event_id);
/* Withdraw one still waiting (dropped). */
int fu__proposal_drop(fu_db *db, int64_t id);
/* An event is removed (fu undo): the proposal that logged it waits again. */
int fu__proposal_event_removed(fu_db *db, int64_t event_id);
/* The Message-IDs and invitations of the proposals, into x. */
int fu__proposal_context(fu_db *db, fu_mail_ctx *x);
/* Keys of what was read; where an mbox's next scan starts. */
int fu__mail_seen_add(fu_db *db, const int64_t *keys, size_t n);
int fu__mail_source_put(fu_db *db, const char *path,
			const fu_mail_source *s);

/* --- import.c ------------------------------------------------------ */

/* A file an import can read more than once: f itself when it can seek
 * (*size the bytes from here to its end, 0 when unknown), else (a pipe)
 * a copy of it in an anonymous temporary file, which the caller closes
 * (*out != f). */
int fu__rereadable(fu_db *db, FILE *f, FILE **out, uint64_t *size);

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
/* What was derived naming a contact about to be removed (merge.c); the
 * caller derives its subjects again. */
int fu__actions_forget_contact(fu_db *db, int64_t contact);

/* --- merge.c: other machines' change files, applied here ------------ */

typedef struct fu__merge fu__merge;
int fu__merge_new(fu__merge **out, fu_db *db);
void fu__merge_free(fu__merge *m);
/* Apply one change file, inside the caller's transaction (and its
 * savepoint: on failure, FU_ECHANGES with why, roll it back), begun
 * with fu__changes_quiet on. */
int fu__merge_file(fu__merge *m, const struct fu_changes *f);
/* After the files: the actions of what they touched, derived again. */
int fu__merge_finish(fu__merge *m);
void fu__merge_counts(const fu__merge *m, size_t *files, size_t *records,
		      size_t *reports);

#endif
