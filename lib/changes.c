/* SPDX-License-Identifier: MIT */
/*
 * changes.c - what each write changes, recorded for fu sync.
 *
 * Once this machine syncs (sync_device says 'on'), every write
 * transaction opens a session of SQLite's session extension on the
 * synced tables (synced.c), at BEGIN, whatever code then writes; before
 * COMMIT the session's changeset is turned into portable change records
 * and appended, in the same transaction, to the outgoing log
 * (sync_log). Portable: a record is named by its identifier (a UUID,
 * uuid.h) or by its key columns, every number that refers to another
 * record becomes that record's identifier, and what stays on this
 * machine (row numbers, derived columns, machine-local settings) is left
 * out. A change record is a JSON array:
 *
 *   ["insert", TABLE, KEY, {COLUMN: VALUE, ...}]   every column
 *   ["update", TABLE, KEY, {COLUMN: VALUE, ...}]   the columns changed
 *   ["delete", TABLE, KEY, {COLUMN: VALUE, ...}]   what it held
 *
 * KEY is the identifier, or the key columns' values joined by '/'
 * (identifiers for references): "APP-UUID/CONTACT-UUID", "EVENT-UUID/2",
 * "user.name". Each transaction gets a stamp (a hybrid logical clock:
 * the time of the write, or one more than the latest stamp this machine
 * has seen, then a counter), and every value it wrote is stamped with it
 * in sync_stamps, so that two machines' edits of one field keep the
 * later (merge.c). A record removed leaves its last values in
 * sync_graves.
 *
 * Tables: sync_device (this machine in the sync, its clock), sync_log,
 * sync_stamps and sync_graves are written here.
 */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"
#include "fu/uuid.h"
#include "internal.h"

/* What a handle keeps between transactions: statements prepared once,
 * and where each synced table's columns stand. */
#define CACHE_MAX 48

struct fu__capture {
	struct {
		char *sql;
		sqlite3_stmt *st;
	} cache[CACHE_MAX];
	size_t ncache;
	/* per synced table: its columns in the file's order, as indexes
	 * into the declaration (-1: not declared) */
	int *cols[16];
	int ncols[16];
	char device[FU_UUID_LEN];
};

_Static_assert(16 >= 8, "room for the synced tables");

static struct fu__capture *capture_of(fu_db *db)
{
	if (!db->capture)
		db->capture = calloc(1, sizeof *db->capture);
	return db->capture;
}

void fu__changes_free(fu_db *db)
{
	struct fu__capture *k = db->capture;
	if (db->session) {
		sqlite3session_delete(db->session);
		db->session = NULL;
	}
	if (!k)
		return;
	for (size_t i = 0; i < k->ncache; i++) {
		sqlite3_finalize(k->cache[i].st);
		free(k->cache[i].sql);
	}
	for (size_t i = 0; i < 16; i++)
		free(k->cols[i]);
	free(k);
	db->capture = NULL;
}

/* A statement whose text is built here (a table's name in it): prepared
 * apart from the library's cache, which knows statements by their
 * text's address, and finalized with the real sqlite3_finalize. */
static int prepare_built(fu_db *db, sqlite3_stmt **st, const char *sql)
{
	int rc = sqlite3_prepare_v2(db->sql, sql, -1, st, NULL);
	if (rc != SQLITE_OK) {
		*st = NULL;
		return fu__sqlerr(db, rc, "cannot read the database");
	}
	return FU_OK;
}

static void finalize_built(sqlite3_stmt *st)
{
	(sqlite3_finalize)(st);
}

int fu__cached(fu_db *db, sqlite3_stmt **st, const char *sql)
{
	struct fu__capture *k = capture_of(db);
	*st = NULL;
	if (!k)
		return fu__error(db, FU_ERROR, "out of memory");
	for (size_t i = 0; i < k->ncache; i++)
		if (strcmp(k->cache[i].sql, sql) == 0) {
			*st = k->cache[i].st;
			sqlite3_reset(*st);
			sqlite3_clear_bindings(*st);
			return FU_OK;
		}
	int rc = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
				    st, NULL);
	if (rc != SQLITE_OK) {
		*st = NULL;
		return fu__sqlerr(db, rc, "cannot read the database");
	}
	if (k->ncache == CACHE_MAX) { /* full: the oldest goes */
		sqlite3_finalize(k->cache[0].st);
		free(k->cache[0].sql);
		memmove(k->cache, k->cache + 1, (CACHE_MAX - 1) *
			sizeof k->cache[0]);
		k->ncache--;
	}
	k->cache[k->ncache].sql = fu__strdup(sql);
	if (!k->cache[k->ncache].sql) {
		sqlite3_finalize(*st);
		*st = NULL;
		return fu__error(db, FU_ERROR, "out of memory");
	}
	k->cache[k->ncache++].st = *st;
	return FU_OK;
}

/* Where table t's columns stand in the file: map[file column] = the
 * declaration's index. */
static int column_map(fu_db *db, const fu__sync_table *t, const int **map,
		      int *n)
{
	struct fu__capture *k = capture_of(db);
	size_t ti = (size_t)(t - fu__sync_tables);
	if (!k)
		return fu__error(db, FU_ERROR, "out of memory");
	if (!k->cols[ti]) {
		sqlite3_stmt *st = NULL;
		int rc = fu__prepare(db, &st, "SELECT name FROM "
				     "pragma_table_info(?) ORDER BY cid");
		if (rc)
			return rc;
		sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
		int *m = NULL, count = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			int *p = realloc(m, (size_t)(count + 1) * sizeof *p);
			if (!p) {
				free(m);
				sqlite3_finalize(st);
				return fu__error(db, FU_ERROR, "out of memory");
			}
			m = p;
			m[count++] = fu__sync_col_index(t, (const char *)
						sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
		k->cols[ti] = m;
		k->ncols[ti] = count;
	}
	*map = k->cols[ti];
	*n = k->ncols[ti];
	return FU_OK;
}

/* --- numbers here, identifiers everywhere ------------------------------ */

/* Records removed by the transaction being recorded: their numbers'
 * identifiers, which the tables no longer hold. */
typedef struct gone {
	const char *table;
	int64_t id;
	char uuid[FU_UUID_LEN];
} gone;

typedef struct gones {
	gone *v;
	size_t n;
} gones;

int fu__sync_uuid_of(fu_db *db, const char *table, int64_t id,
		     char out[FU_UUID_LEN])
{
	char sql[96];
	sqlite3_stmt *st = NULL;
	out[0] = '\0';
	/* table is one of the declaration's names, never user input */
	snprintf(sql, sizeof sql, strcmp(table, "companies") == 0
		 ? "SELECT uuid, name FROM companies WHERE id = ?"
		 : "SELECT uuid, NULL FROM %s WHERE id = ?", table);
	int rc = fu__cached(db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		if (u)
			snprintf(out, FU_UUID_LEN, "%s", u);
		else if (name) /* written by other means than companies.c */
			fu_uuid_company(out, name);
	} else if (src != SQLITE_DONE) {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_reset(st);
	return rc;
}

int fu__sync_id_of(fu_db *db, const char *table, const char *uuid,
		   int64_t *id)
{
	char sql[96];
	sqlite3_stmt *st = NULL;
	*id = 0;
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE uuid = ?", table);
	int rc = fu__cached(db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_reset(st);
	return rc;
}

/* The identifier of record id of table: from the records removed in
 * this transaction, else the table. "" when there is none. */
static int uuid_here(fu_db *db, const gones *g, const char *table,
		     int64_t id, char out[FU_UUID_LEN])
{
	for (size_t i = 0; g && i < g->n; i++)
		if (g->v[i].id == id && strcmp(g->v[i].table, table) == 0) {
			memcpy(out, g->v[i].uuid, FU_UUID_LEN);
			return FU_OK;
		}
	return fu__sync_uuid_of(db, table, id, out);
}

/* Whether s is all digits (a number as action keys hold them). */
static int digits(const char *s, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/*
 * An action key aims at an action by the number of its trigger event
 * (or "a" and its application's) and of its contact:
 * "<kind>:<trigger>:<contact>[:<n>]". Between machines the numbers are
 * identifiers: "<kind>:<event-uuid>:<contact-uuid>[:<n>]",
 * "<kind>:a<application-uuid>:...", 0 for none, and "-" for a record
 * that is gone (it aims at nothing anywhere). Anything else (an action
 * kind alone) travels as it is.
 */
typedef struct aim {
	char kind[FU__ACTION_MAX + 1];
	char trig[64], who[64], rest[64];
} aim;

static int split_aim(const char *s, aim *a)
{
	const char *c1 = strchr(s, ':');
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	if (!c2 || (size_t)(c1 - s) > FU__ACTION_MAX)
		return 0;
	const char *c3 = strchr(c2 + 1, ':');
	size_t lt = (size_t)(c2 - c1 - 1);
	size_t lw = c3 ? (size_t)(c3 - c2 - 1) : strlen(c2 + 1);
	if (lt >= sizeof a->trig || lw >= sizeof a->who ||
	    (c3 && strlen(c3) >= sizeof a->rest))
		return 0;
	memcpy(a->kind, s, (size_t)(c1 - s));
	a->kind[c1 - s] = '\0';
	memcpy(a->trig, c1 + 1, lt);
	a->trig[lt] = '\0';
	memcpy(a->who, c2 + 1, lw);
	a->who[lw] = '\0';
	snprintf(a->rest, sizeof a->rest, "%s", c3 ? c3 : "");
	return 1;
}

static int aim_out(fu_db *db, const gones *g, const char *local, char **out)
{
	aim a;
	char u1[FU_UUID_LEN] = "", u2[FU_UUID_LEN] = "";
	int rc = FU_OK;
	*out = NULL;
	size_t lt = 0;
	if (!split_aim(local, &a) || !digits(a.who, strlen(a.who)) ||
	    (lt = strlen(a.trig), !(digits(a.trig, lt) ||
				    (a.trig[0] == 'a' &&
				     digits(a.trig + 1, lt - 1))))) {
		*out = fu__strdup(local);
		return *out ? FU_OK : fu__error(db, FU_ERROR, "out of memory");
	}
	int app = a.trig[0] == 'a';
	int64_t t = strtoll(a.trig + app, NULL, 10);
	int64_t w = strtoll(a.who, NULL, 10);
	if (t && (rc = uuid_here(db, g, app ? "applications" : "events", t,
				 u1)))
		return rc;
	if (w && (rc = uuid_here(db, g, "contacts", w, u2)))
		return rc;
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "%s:%s%s:%s%s", a.kind, app ? "a" : "",
		      !t ? "0" : *u1 ? u1 : "-", !w ? "0" : *u2 ? u2 : "-",
		      a.rest);
	if (b.failed) {
		fu_buf_free(&b);
		return fu__error(db, FU_ERROR, "out of memory");
	}
	*out = fu_buf_detach(&b);
	return FU_OK;
}

int fu__sync_aim_in(fu_db *db, const char *portable, char **out)
{
	aim a;
	int64_t t = 0, w = 0;
	int rc = FU_OK;
	*out = NULL;
	if (!split_aim(portable, &a)) {
		*out = fu__strdup(portable);
		return *out ? FU_OK : fu__error(db, FU_ERROR, "out of memory");
	}
	int app = a.trig[0] == 'a';
	const char *tu = a.trig + app;
	int known_t = strcmp(tu, "0") == 0 || strcmp(tu, "-") == 0 ||
		      fu_uuid_valid(tu);
	int known_w = strcmp(a.who, "0") == 0 || strcmp(a.who, "-") == 0 ||
		      fu_uuid_valid(a.who);
	if (!known_t || !known_w) {
		*out = fu__strdup(portable);
		return *out ? FU_OK : fu__error(db, FU_ERROR, "out of memory");
	}
	if (fu_uuid_valid(tu) &&
	    (rc = fu__sync_id_of(db, app ? "applications" : "events", tu, &t)))
		return rc;
	if (fu_uuid_valid(a.who) &&
	    (rc = fu__sync_id_of(db, "contacts", a.who, &w)))
		return rc;
	char ts[32], ws[32];
	snprintf(ts, sizeof ts, "%s%lld", app ? "a" : "", (long long)t);
	snprintf(ws, sizeof ws, "%lld", (long long)w);
	fu_buf b = FU_BUF_INIT;
	/* a record gone here: aims at nothing, as on the machine that
	 * removed it */
	fu_buf_printf(&b, "%s:%s:%s%s", a.kind,
		      strcmp(tu, "0") == 0 ? (app ? "a0" : "0") : t ? ts : "-",
		      strcmp(a.who, "0") == 0 ? "0" : w ? ws : "-", a.rest);
	if (b.failed) {
		fu_buf_free(&b);
		return fu__error(db, FU_ERROR, "out of memory");
	}
	*out = fu_buf_detach(&b);
	return FU_OK;
}

/* --- values -------------------------------------------------------------- */

/* A value of the file as JSON (text, number or null). */
static cJSON *json_of(sqlite3_value *v)
{
	if (!v)
		return cJSON_CreateNull();
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		return cJSON_CreateNumber((double)sqlite3_value_int64(v));
	case SQLITE_FLOAT:
		return cJSON_CreateNumber(sqlite3_value_double(v));
	case SQLITE_NULL:
		return cJSON_CreateNull();
	default:
		return cJSON_CreateString((const char *)sqlite3_value_text(v));
	}
}

/* Column c's value v (of this file) as it travels, into o. */
static int put_value(fu_db *db, const gones *g, cJSON *o,
		     const fu__sync_col *c, sqlite3_value *v)
{
	cJSON *j = NULL;
	int rc = FU_OK;
	if (c->how == FU__SC_REF && v && sqlite3_value_type(v) == SQLITE_INTEGER) {
		char u[FU_UUID_LEN];
		if ((rc = uuid_here(db, g, c->ref, sqlite3_value_int64(v), u)))
			return rc;
		j = *u ? cJSON_CreateString(u) : cJSON_CreateNull();
	} else if (c->how == FU__SC_ACTION && v &&
		   sqlite3_value_type(v) == SQLITE_TEXT) {
		char *s = NULL;
		if ((rc = aim_out(db, g, (const char *)sqlite3_value_text(v), &s)))
			return rc;
		j = cJSON_CreateString(s);
		free(s);
	} else {
		j = json_of(v);
	}
	if (!j)
		return fu__error(db, FU_ERROR, "out of memory");
	cJSON_AddItemToObject(o, c->name, j);
	return FU_OK;
}

int fu__sync_value_out(fu_db *db, const fu__sync_col *c, sqlite3_value *v,
		       cJSON **out)
{
	cJSON *o = cJSON_CreateObject();
	int rc = o ? put_value(db, NULL, o, c, v)
		   : fu__error(db, FU_ERROR, "out of memory");
	*out = NULL;
	if (!rc)
		*out = cJSON_DetachItemFromObjectCaseSensitive(o, c->name);
	cJSON_Delete(o);
	return rc;
}

int fu__sync_row_out(fu_db *db, const fu__sync_table *t, int64_t rowid,
		     cJSON **out)
{
	const int *map;
	int ncol;
	char sql[96];
	sqlite3_stmt *st = NULL;
	*out = NULL;
	int rc = column_map(db, t, &map, &ncol);
	if (rc)
		return rc;
	snprintf(sql, sizeof sql, "SELECT * FROM main.%s WHERE rowid = ?",
		 t->name);
	if ((rc = prepare_built(db, &st, sql)))
		return rc;
	sqlite3_bind_int64(st, 1, rowid);
	int src = sqlite3_step(st);
	cJSON *o = NULL;
	if (src == SQLITE_ROW) {
		o = cJSON_CreateObject();
		if (!o)
			rc = fu__error(db, FU_ERROR, "out of memory");
		for (int i = 0; o && i < ncol && !rc; i++)
			if (map[i] >= 0 &&
			    t->cols[map[i]].how != FU__SC_LOCAL &&
			    t->cols[map[i]].how != FU__SC_UUID)
				rc = put_value(db, NULL, o, &t->cols[map[i]],
					       sqlite3_column_value(st, i));
	} else if (src != SQLITE_DONE) {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	finalize_built(st);
	if (rc)
		cJSON_Delete(o);
	else
		*out = o;
	return rc;
}

/* --- stamps, graves, the clock ------------------------------------------- */

int fu__stamp_cmp(const fu__stamp *a, const fu__stamp *b)
{
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (a->c != b->c)
		return a->c < b->c ? -1 : 1;
	int k = strcmp(a->device, b->device);
	return (k > 0) - (k < 0);
}

int fu__stamp_get(fu_db *db, const char *table, const char *key,
		  const char *col, fu__stamp *out, int *found)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__cached(db, &st, "SELECT t, c, device, seq FROM "
			    "sync_stamps WHERE tbl = ? AND key = ? AND col = ?");
	memset(out, 0, sizeof *out);
	*found = 0;
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, col, -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		out->t = sqlite3_column_int64(st, 0);
		out->c = sqlite3_column_int64(st, 1);
		snprintf(out->device, sizeof out->device, "%s",
			 (const char *)sqlite3_column_text(st, 2));
		out->seq = sqlite3_column_int64(st, 3);
		*found = 1;
	} else if (src != SQLITE_DONE) {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_reset(st);
	return rc;
}

int fu__stamp_put(fu_db *db, const char *table, const char *key,
		  const char *col, const fu__stamp *s)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__cached(db, &st, "INSERT INTO sync_stamps (tbl, key, col, "
			    "t, c, device, seq) VALUES (?, ?, ?, ?, ?, ?, ?) ON "
			    "CONFLICT (tbl, key, col) DO UPDATE SET t = "
			    "excluded.t, c = excluded.c, device = "
			    "excluded.device, seq = excluded.seq");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, col, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, s->t);
	sqlite3_bind_int64(st, 5, s->c);
	sqlite3_bind_text(st, 6, s->device, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, s->seq);
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	return src == SQLITE_DONE ? FU_OK
		: fu__sqlerr(db, src, "cannot write the database");
}

int fu__grave_put(fu_db *db, const char *table, const char *key,
		  const char *subject, int64_t ord, const char *data)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__cached(db, &st, "INSERT OR REPLACE INTO sync_graves (tbl, "
			    "key, subject, ord, data) VALUES (?, ?, ?, ?, ?)");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	fu__bind_text(st, 3, subject);
	fu__bind_time(st, 4, ord);
	sqlite3_bind_text(st, 5, data, -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	return src == SQLITE_DONE ? FU_OK
		: fu__sqlerr(db, src, "cannot write the database");
}

int fu__grave_get(fu_db *db, const char *table, const char *key,
		  char **data)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__cached(db, &st, "SELECT data FROM sync_graves WHERE tbl = "
			    "? AND key = ?");
	*data = NULL;
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW && !(*data = fu__col_text(st, 0)))
		rc = fu__error(db, FU_ERROR, "out of memory");
	else if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_reset(st);
	return rc;
}

int fu__grave_drop(fu_db *db, const char *table, const char *key)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__cached(db, &st, "DELETE FROM sync_graves WHERE tbl = ? AND "
			    "key = ?");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	return src == SQLITE_DONE ? FU_OK
		: fu__sqlerr(db, src, "cannot write the database");
}

/* The clock: the latest stamp this machine has seen. */
static int clock_read(fu_db *db, int64_t *t, int64_t *c)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__cached(db, &st, "SELECT clock_t, clock_c FROM "
			    "sync_device WHERE id = 1");
	*t = *c = 0;
	if (rc)
		return rc;
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*t = sqlite3_column_int64(st, 0);
		*c = sqlite3_column_int64(st, 1);
	} else if (src != SQLITE_DONE) {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_reset(st);
	return rc;
}

static int clock_write(fu_db *db, int64_t t, int64_t c)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__cached(db, &st, "UPDATE sync_device SET clock_t = ?, "
			    "clock_c = ? WHERE id = 1");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, t);
	sqlite3_bind_int64(st, 2, c);
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	return src == SQLITE_DONE ? FU_OK
		: fu__sqlerr(db, src, "cannot write the database");
}

int fu__clock_observe(fu_db *db, int64_t t, int64_t c)
{
	int64_t ct, cc;
	int rc = clock_read(db, &ct, &cc);
	if (rc || t < ct || (t == ct && c <= cc))
		return rc;
	return clock_write(db, t, c);
}

/* The stamp of a new transaction of this machine: now, or after
 * everything it has seen (so that an edit made after seeing another
 * always wins over it). */
static int clock_tick(fu_db *db, int64_t *t, int64_t *c)
{
	int64_t ct, cc;
	int rc = clock_read(db, &ct, &cc);
	if (rc)
		return rc;
	if (db->now > ct) {
		*t = db->now;
		*c = 0;
	} else {
		*t = ct;
		*c = cc + 1;
	}
	return clock_write(db, *t, *c);
}

/* --- the hooks ------------------------------------------------------------- */

const char *fu__sync_device(fu_db *db)
{
	struct fu__capture *k = capture_of(db);
	return k ? k->device : "";
}

int fu__changes_on(fu_db *db, int *on)
{
	*on = 0;
	if (!db->sync_state) {
		sqlite3_stmt *st = NULL;
		struct fu__capture *k = capture_of(db);
		if (!k)
			return fu__error(db, FU_ERROR, "out of memory");
		int rc = fu__prepare(db, &st, "SELECT device FROM sync_device "
				     "WHERE id = 1 AND state = 'on'");
		if (rc)
			return rc;
		int src = sqlite3_step(st);
		k->device[0] = '\0';
		if (src == SQLITE_ROW)
			snprintf(k->device, sizeof k->device, "%s",
				 (const char *)sqlite3_column_text(st, 0));
		else if (src != SQLITE_DONE)
			rc = fu__sqlerr(db, src, "cannot read the database");
		sqlite3_finalize(st);
		if (rc)
			return rc;
		db->sync_state = src == SQLITE_ROW ? 2 : 1;
	}
	*on = db->sync_state == 2;
	return FU_OK;
}

static int tx_begin(fu_db *db)
{
	int on = 0, rc;
	if (db->sync_quiet || (rc = fu__changes_on(db, &on)) || !on)
		return db->sync_quiet ? FU_OK : rc;
	sqlite3_session *s = NULL;
	if (sqlite3session_create(db->sql, "main", &s) != SQLITE_OK)
		return fu__error(db, FU_ERROR, "cannot record the changes for "
				 "fu sync: %s", sqlite3_errmsg(db->sql));
	for (size_t i = 0; i < fu__nsync_tables; i++)
		if (sqlite3session_attach(s, fu__sync_tables[i].name) !=
		    SQLITE_OK) {
			sqlite3session_delete(s);
			return fu__error(db, FU_ERROR, "cannot record the "
					 "changes for fu sync");
		}
	db->session = s;
	return FU_OK;
}

static void tx_end(fu_db *db)
{
	if (db->session) {
		sqlite3session_delete(db->session);
		db->session = NULL;
	}
}

/* The key of a row of t from its values in the file's order (val(i):
 * the file column i's value, NULL when the changeset has none). */
typedef sqlite3_value *(*value_at)(sqlite3_changeset_iter *it, int i);

static sqlite3_value *new_at(sqlite3_changeset_iter *it, int i)
{
	sqlite3_value *v = NULL;
	return sqlite3changeset_new(it, i, &v) == SQLITE_OK ? v : NULL;
}

static sqlite3_value *old_at(sqlite3_changeset_iter *it, int i)
{
	sqlite3_value *v = NULL;
	return sqlite3changeset_old(it, i, &v) == SQLITE_OK ? v : NULL;
}

/* The record's portable key into b; "" (b empty) when it has none. */
static int key_of(fu_db *db, const gones *g, const fu__sync_table *t,
		  const int *map, int ncol, sqlite3_changeset_iter *it,
		  value_at val, int by_id, fu_buf *b)
{
	int rc = FU_OK;
	if (fu__sync_has_uuid(t)) {
		/* an update names the row by its number: its identifier is
		 * in the table */
		for (int i = 0; i < ncol && !by_id; i++)
			if (map[i] >= 0 && t->cols[map[i]].how == FU__SC_UUID) {
				sqlite3_value *v = val(it, i);
				if (v && sqlite3_value_type(v) == SQLITE_TEXT)
					fu_buf_puts(b, (const char *)
						    sqlite3_value_text(v));
			}
		if (!b->len) {
			for (int i = 0; i < ncol; i++) {
				if (map[i] < 0 || strcmp(t->cols[map[i]].name,
							 "id"))
					continue;
				sqlite3_value *v = old_at(it, i);
				if (!v)
					v = new_at(it, i);
				char u[FU_UUID_LEN];
				if (v && (rc = uuid_here(db, g, t->name,
						 sqlite3_value_int64(v), u)))
					return rc;
				if (v)
					fu_buf_puts(b, u);
			}
		}
		return FU_OK;
	}
	int first = 1;
	for (int i = 0; i < ncol; i++) {
		if (map[i] < 0 || !(t->cols[map[i]].flags & FU__SF_KEY))
			continue;
		const fu__sync_col *c = &t->cols[map[i]];
		sqlite3_value *v = val(it, i);
		if (!first)
			fu_buf_putc(b, '/');
		first = 0;
		if (!v)
			continue;
		if (c->how == FU__SC_REF) {
			char u[FU_UUID_LEN];
			if ((rc = uuid_here(db, g, c->ref,
					    sqlite3_value_int64(v), u)))
				return rc;
			fu_buf_puts(b, u);
		} else {
			fu_buf_puts(b, (const char *)sqlite3_value_text(v));
		}
	}
	return FU_OK;
}

static const char *op_name(int op)
{
	return op == SQLITE_INSERT ? "insert" : op == SQLITE_UPDATE ? "update"
							 : "delete";
}

/* What the transaction recorded, for its stamps and graves. */
typedef struct recorded {
	const fu__sync_table *t;
	int op;
	char *key;
	cJSON *values; /* borrowed from the change record */
	cJSON *item;   /* the change record, until it joins the array */
} recorded;

/* The changes of one changeset as portable records (into arr); those
 * recorded into *rec (n of them). */
static int portable(fu_db *db, const void *blob, int nblob, cJSON *arr,
		    recorded **rec, size_t *nrec)
{
	sqlite3_changeset_iter *it = NULL;
	gones g = { NULL, 0 };
	int rc = FU_OK;
	/* first the identifiers of what it removed */
	if (sqlite3changeset_start(&it, nblob, (void *)blob) != SQLITE_OK)
		return fu__error(db, FU_ERROR, "cannot read the changes");
	while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		int ncol, op, ind;
		sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
		const fu__sync_table *t = fu__sync_table_named(tab);
		const int *map;
		int nmap;
		if (op != SQLITE_DELETE || !t || !fu__sync_has_uuid(t) ||
		    (rc = column_map(db, t, &map, &nmap)))
			continue;
		gone x = { t->name, 0, "" };
		for (int i = 0; i < ncol && i < nmap; i++) {
			sqlite3_value *v = old_at(it, i);
			if (map[i] < 0 || !v)
				continue;
			if (!strcmp(t->cols[map[i]].name, "id"))
				x.id = sqlite3_value_int64(v);
			else if (t->cols[map[i]].how == FU__SC_UUID &&
				 sqlite3_value_type(v) == SQLITE_TEXT)
				snprintf(x.uuid, sizeof x.uuid, "%s",
					 (const char *)sqlite3_value_text(v));
		}
		gone *p = realloc(g.v, (g.n + 1) * sizeof *p);
		if (!p) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		g.v = p;
		g.v[g.n++] = x;
	}
	sqlite3changeset_finalize(it);
	if (rc || sqlite3changeset_start(&it, nblob, (void *)blob) != SQLITE_OK) {
		free(g.v);
		return rc ? rc : fu__error(db, FU_ERROR, "cannot read the changes");
	}
	while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		int ncol, op, ind;
		sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
		const fu__sync_table *t = fu__sync_table_named(tab);
		const int *map;
		int nmap;
		if (!t || (rc = column_map(db, t, &map, &nmap)))
			continue;
		if (nmap < ncol)
			ncol = nmap;
		/* rows that go with a record removed with it */
		if (op == SQLITE_DELETE && t->parent) {
			int with_parent = 0;
			for (int i = 0; i < ncol; i++) {
				sqlite3_value *v = old_at(it, i);
				if (map[i] < 0 || !v ||
				    t->cols[map[i]].how != FU__SC_REF ||
				    strcmp(t->cols[map[i]].ref, t->parent))
					continue;
				for (size_t k = 0; k < g.n; k++)
					with_parent |= !strcmp(g.v[k].table,
							       t->parent) &&
						g.v[k].id ==
						sqlite3_value_int64(v);
			}
			if (with_parent)
				continue;
		}
		value_at val = op == SQLITE_INSERT ? new_at : old_at;
		fu_buf key = FU_BUF_INIT;
		if ((rc = key_of(db, &g, t, map, ncol, it, val,
				 op == SQLITE_UPDATE, &key)))
			break;
		if (key.failed) {
			fu_buf_free(&key);
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		/* a machine's own settings stay on it */
		if (!strcmp(t->name, "config") && fu__sync_key_local(key.data)) {
			fu_buf_free(&key);
			continue;
		}
		cJSON *values = cJSON_CreateObject();
		for (int i = 0; values && i < ncol && !rc; i++) {
			if (map[i] < 0)
				continue;
			const fu__sync_col *c = &t->cols[map[i]];
			if (c->how == FU__SC_LOCAL || c->how == FU__SC_UUID)
				continue;
			sqlite3_value *v = NULL;
			if (op == SQLITE_UPDATE) {
				if (!(v = new_at(it, i)))
					continue; /* not changed */
			} else {
				v = val(it, i);
			}
			rc = put_value(db, &g, values, c, v);
		}
		if (!values || rc || (op == SQLITE_UPDATE && !values->child) ||
		    !key.len) {
			cJSON_Delete(values);
			fu_buf_free(&key);
			if (!values && !rc)
				rc = fu__error(db, FU_ERROR, "out of memory");
			continue;
		}
		cJSON *ch = cJSON_CreateArray();
		recorded *r = realloc(*rec, (*nrec + 1) * sizeof *r);
		if (!ch || !r) {
			cJSON_Delete(ch);
			cJSON_Delete(values);
			fu_buf_free(&key);
			if (r)
				*rec = r;
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		*rec = r;
		cJSON_AddItemToArray(ch, cJSON_CreateString(op_name(op)));
		cJSON_AddItemToArray(ch, cJSON_CreateString(t->name));
		cJSON_AddItemToArray(ch, cJSON_CreateString(key.data));
		cJSON_AddItemToArray(ch, values);
		r[*nrec] = (recorded){ t, op, fu_buf_detach(&key), values, ch };
		(*nrec)++;
	}
	sqlite3changeset_finalize(it);
	free(g.v);
	/* in the order another machine can apply them: records written
	 * before those that name them (the tables' order), records
	 * removed after, and before those they named (the reverse) */
	for (size_t i = 0; i < *nrec; i++)
		if ((*rec)[i].op != SQLITE_DELETE) {
			cJSON_AddItemToArray(arr, (*rec)[i].item);
			(*rec)[i].item = NULL;
		}
	for (size_t ti = fu__nsync_tables; ti-- > 0;)
		for (size_t i = 0; i < *nrec; i++)
			if ((*rec)[i].item && (*rec)[i].t == &fu__sync_tables[ti]) {
				cJSON_AddItemToArray(arr, (*rec)[i].item);
				(*rec)[i].item = NULL;
			}
	return rc;
}

/* An event's subject for its grave: its application's identifier, else
 * its contact's. */
static const char *subject_of(const cJSON *values)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(values,
							  "application_id");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(values, "contact_id");
	return cJSON_IsString(a) ? a->valuestring
		: cJSON_IsString(c) ? c->valuestring : NULL;
}

/* Stamp what the transaction wrote; a removed record leaves its values
 * in a grave, a record written again leaves its grave. */
static int stamp_records(fu_db *db, const recorded *r, size_t n,
			 const fu__stamp *s)
{
	int rc = FU_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		const char *tn = r[i].t->name;
		if (r[i].op == SQLITE_UPDATE) {
			for (const cJSON *v = r[i].values->child; v && !rc;
			     v = v->next)
				rc = fu__stamp_put(db, tn, r[i].key, v->string, s);
			continue;
		}
		if ((rc = fu__stamp_put(db, tn, r[i].key, "", s)))
			break;
		if (r[i].op == SQLITE_INSERT) {
			rc = fu__grave_drop(db, tn, r[i].key);
			continue;
		}
		char *data = cJSON_PrintUnformatted(r[i].values);
		if (!data)
			return fu__error(db, FU_ERROR, "out of memory");
		const cJSON *ord = cJSON_GetObjectItemCaseSensitive(r[i].values,
								    "ord");
		rc = fu__grave_put(db, tn, r[i].key, subject_of(r[i].values),
				   cJSON_IsNumber(ord) ?
				   (int64_t)ord->valuedouble : 0, data);
		cJSON_free(data);
	}
	return rc;
}

/* Append a transaction to the outgoing log: *seq its number. */
static int log_append(fu_db *db, int64_t t, int64_t c, const char *changes,
		      int64_t *seq)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__cached(db, &st, "INSERT INTO sync_log (t, c, changes) "
			    "VALUES (?, ?, ?)");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, t);
	sqlite3_bind_int64(st, 2, c);
	sqlite3_bind_text(st, 3, changes, -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return fu__sqlerr(db, src, "cannot write the database");
	*seq = sqlite3_last_insert_rowid(db->sql);
	return FU_OK;
}

static int tx_commit(fu_db *db)
{
	sqlite3_session *s = db->session;
	if (!s || sqlite3session_isempty(s))
		return FU_OK;
	void *blob = NULL;
	int nblob = 0;
	if (sqlite3session_changeset(s, &nblob, &blob) != SQLITE_OK)
		return fu__error(db, FU_ERROR, "cannot record the changes for "
				 "fu sync: %s", sqlite3_errmsg(db->sql));
	cJSON *arr = cJSON_CreateArray();
	recorded *rec = NULL;
	size_t nrec = 0;
	char *text = NULL;
	int rc = arr ? portable(db, blob, nblob, arr, &rec, &nrec)
		     : fu__error(db, FU_ERROR, "out of memory");
	if (!rc && nrec) {
		fu__stamp st = { 0, 0, "", 0 };
		snprintf(st.device, sizeof st.device, "%s", fu__sync_device(db));
		if (!(text = cJSON_PrintUnformatted(arr)))
			rc = fu__error(db, FU_ERROR, "out of memory");
		if (!rc && !(rc = clock_tick(db, &st.t, &st.c)) &&
		    !(rc = log_append(db, st.t, st.c, text, &st.seq)))
			rc = stamp_records(db, rec, nrec, &st);
	}
	for (size_t i = 0; i < nrec; i++) {
		free(rec[i].key);
		cJSON_Delete(rec[i].item);
	}
	free(rec);
	cJSON_free(text);
	cJSON_Delete(arr);
	sqlite3_free(blob);
	return rc;
}

void fu__changes_quiet(fu_db *db, int quiet)
{
	db->sync_quiet = quiet;
	if (db->session)
		sqlite3session_enable(db->session, !quiet);
}

void fu__changes_install(fu_db *db)
{
	db->tx_begin = tx_begin;
	db->tx_commit = tx_commit;
	db->tx_end = tx_end;
}

void fu__changes_reset(fu_db *db)
{
	db->sync_state = 0;
}

/* --- the snapshot ------------------------------------------------------ */

/* Every synced record as it is, as one transaction stamped 0 (older
 * than every write): what this machine brings to the sync. Inside the
 * caller's transaction. */
int fu__changes_snapshot(fu_db *db)
{
	cJSON *arr = cJSON_CreateArray();
	int rc = arr ? FU_OK : fu__error(db, FU_ERROR, "out of memory");
	for (size_t ti = 0; ti < fu__nsync_tables && !rc; ti++) {
		const fu__sync_table *t = &fu__sync_tables[ti];
		const int *map;
		int ncol;
		sqlite3_stmt *st = NULL;
		char sql[96];
		if ((rc = column_map(db, t, &map, &ncol)))
			break;
		snprintf(sql, sizeof sql, "SELECT * FROM main.%s ORDER BY %s",
			 t->name, t->numbers == FU__SN_NONE ? "rowid" : "id");
		if ((rc = prepare_built(db, &st, sql)))
			break;
		int src;
		while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
			fu_buf key = FU_BUF_INIT;
			cJSON *values = cJSON_CreateObject();
			int first = 1;
			for (int i = 0; values && i < ncol && !rc; i++) {
				if (map[i] < 0)
					continue;
				const fu__sync_col *c = &t->cols[map[i]];
				sqlite3_value *v = sqlite3_column_value(st, i);
				if (c->how == FU__SC_UUID) {
					char u[FU_UUID_LEN] = "";
					if (sqlite3_value_type(v) == SQLITE_TEXT)
						fu_buf_puts(&key, (const char *)
							    sqlite3_value_text(v));
					else if (!(rc = uuid_here(db, NULL,
						t->name, sqlite3_column_int64(
							st, 0), u)))
						fu_buf_puts(&key, u);
					continue;
				}
				if (c->flags & FU__SF_KEY) {
					if (!first)
						fu_buf_putc(&key, '/');
					first = 0;
					if (c->how == FU__SC_REF) {
						char u[FU_UUID_LEN];
						if (!(rc = uuid_here(db, NULL,
							c->ref,
							sqlite3_value_int64(v),
							u)))
							fu_buf_puts(&key, u);
					} else {
						fu_buf_puts(&key, (const char *)
							sqlite3_value_text(v));
					}
				}
				if (c->how != FU__SC_LOCAL && !rc)
					rc = put_value(db, NULL, values, c, v);
			}
			if (!rc && (!values || key.failed))
				rc = fu__error(db, FU_ERROR, "out of memory");
			if (rc || !key.len || (!strcmp(t->name, "config") &&
					       fu__sync_key_local(key.data))) {
				cJSON_Delete(values);
				fu_buf_free(&key);
				continue;
			}
			cJSON *ch = cJSON_CreateArray();
			if (!ch) {
				cJSON_Delete(values);
				fu_buf_free(&key);
				rc = fu__error(db, FU_ERROR, "out of memory");
				break;
			}
			cJSON_AddItemToArray(ch, cJSON_CreateString("insert"));
			cJSON_AddItemToArray(ch, cJSON_CreateString(t->name));
			cJSON_AddItemToArray(ch, cJSON_CreateString(key.data));
			cJSON_AddItemToArray(ch, values);
			cJSON_AddItemToArray(arr, ch);
			fu_buf_free(&key);
		}
		if (!rc && src != SQLITE_DONE)
			rc = fu__sqlerr(db, src, "cannot read the database");
		finalize_built(st);
	}
	if (!rc && cJSON_GetArraySize(arr) > 0) {
		char *text = cJSON_PrintUnformatted(arr);
		int64_t seq;
		rc = text ? log_append(db, 0, 0, text, &seq)
			  : fu__error(db, FU_ERROR, "out of memory");
		cJSON_free(text);
	}
	cJSON_Delete(arr);
	return rc;
}
