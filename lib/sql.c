/* SPDX-License-Identifier: MIT */
/*
 * sql.c - the SQLite helpers every storage file shares: preparing,
 * running and stepping statements, binding and reading values, the
 * transaction verbs, and turning a SQLite failure into a fu code and
 * message. Nothing here knows a table.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fu/date.h"
#include "internal.h"

char *fu__strdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* FU_BUSY_TIMEOUT (milliseconds, 0..3600000) overrides the default wait
 * for another program holding the database; anything else is ignored. */
int fu__busy_timeout_ms(void)
{
	const char *env = getenv("FU_BUSY_TIMEOUT");
	if (!env || !*env)
		return FU_BUSY_TIMEOUT_MS;
	char *end = NULL;
	errno = 0;
	long v = strtol(env, &end, 10);
	if (errno || *end || v < 0 || v > 3600000)
		return FU_BUSY_TIMEOUT_MS;
	return (int)v;
}

int fu__sqlerr(fu_db *db, int rc, const char *what)
{
	int code;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	{
		int ms = fu__busy_timeout_ms();
		fu__error(db, FU_EBUSY,
			  "the database is busy (another program is using it); "
			  "gave up after %d.%d seconds", ms / 1000,
			  ms % 1000 / 100);
		return FU_EBUSY;
	}
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		code = FU_EDB;
		fu__error(db, code, "'%s' is not a usable fu database (%s)",
			  db->path, sqlite3_errstr(rc));
		return code;
	case SQLITE_FULL:
		/* the database is whole (the transaction is rolled back):
		 * not "unusable", which might make a script restore a
		 * backup over it */
		return fu__error(db, FU_ERROR, "%s: the disk is full (nothing "
				 "was changed): make room and try again", what);
	case SQLITE_IOERR:
		if (db->sql && sqlite3_system_errno(db->sql) == ENOSPC)
			return fu__error(db, FU_ERROR, "%s: the disk is full "
					 "(nothing was changed): make room and "
					 "try again", what);
		code = FU_EDB;
		break;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	{
		/* a file fu may write in a directory it may not: SQLite
		 * cannot create the journal beside it */
		char dir[4096];
		const char *slash = db->path ? strrchr(db->path, '/') : NULL;
		if (!slash)
			snprintf(dir, sizeof dir, ".");
		else
			snprintf(dir, sizeof dir, "%.*s", slash == db->path ? 1
				 : (int)(slash - db->path), db->path);
		if (db->path && access(db->path, W_OK) == 0 &&
		    access(dir, W_OK) != 0)
			return fu__error(db, FU_EDB, "%s: the directory '%s' is "
					 "not writable, and fu writes its journal "
					 "there, beside the database: make it "
					 "writable (chmod u+w '%s')", what, dir,
					 dir);
		code = FU_EDB;
		break;
	}
	case SQLITE_PERM:
		code = FU_EDB;
		break;
	case SQLITE_CONSTRAINT:
		code = FU_EINVALID;
		break;
	default:
		code = FU_ERROR;
	}
	const char *m = db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc);
	if ((rc & 0xff) == SQLITE_READONLY)
		m = "the database is read-only";
	fu__error(db, code, "%s: %s", what, m);
	return code;
}

int fu__bad_row(fu_db *db, const char *what, int64_t id, const char *field,
		int64_t value)
{
	return fu__error(db, FU_EDB, "'%s' is not a usable fu database: %s "
			 "%lld has %s %lld, out of what fu accepts (fu doctor; "
			 "restore a backup, or correct it with sqlite3)",
			 db->path, what, (long long)id, field,
			 (long long)value);
}

int fu__check_row_id(fu_db *db, const char *what, int64_t id)
{
	if (id < 1 || id > FU_ID_MAX)
		return fu__bad_row(db, what, id, "the number", id);
	return FU_OK;
}

int fu__check_row_time(fu_db *db, const char *what, int64_t id,
		       const char *field, int64_t t, int optional)
{
	if ((optional && t == 0) || fu_time_valid(t))
		return FU_OK;
	return fu__bad_row(db, what, id, field, t);
}

/*
 * The statement cache: the statements the handles prepared, by text,
 * each lent out by fu__prepare and given back by fu__finalize. fu runs
 * in one thread; a process opens a handle or two, and prepares a few
 * dozen different statements, so a small table searched in order does.
 */
#define CACHE_SLOTS 96

static struct cached {
	fu_db *db;
	sqlite3_stmt *st;
	int lent;
} cache[CACHE_SLOTS];

int fu__prepare(fu_db *db, sqlite3_stmt **st, const char *sql)
{
	struct cached *free_slot = NULL;
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		struct cached *c = &cache[i];
		if (!c->st) {
			if (!free_slot)
				free_slot = c;
			continue;
		}
		if (c->db != db || c->lent)
			continue;
		/* by text, never by address: a caller's buffer (actions.c's
		 * on the stack, events.c's on the heap) holds another
		 * statement's text on its next call */
		if (strcmp(sqlite3_sql(c->st), sql) == 0) {
			c->lent = 1;
			*st = c->st;
			return FU_OK;
		}
	}
	int rc = sqlite3_prepare_v2(db->sql, sql, -1, st, NULL);
	if (rc != SQLITE_OK) {
		*st = NULL;
		return fu__sqlerr(db, rc, "cannot read the database");
	}
	if (free_slot && *st)
		*free_slot = (struct cached){ db, *st, 1 };
	return FU_OK;
}

int fu__finalize(sqlite3_stmt *st)
{
	if (!st)
		return SQLITE_OK;
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		if (cache[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			cache[i].lent = 0;
			return SQLITE_OK;
		}
	return (sqlite3_finalize)(st);
}

void fu__stmt_cache_clear(fu_db *db)
{
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		if (cache[i].st && cache[i].db == db) {
			(sqlite3_finalize)(cache[i].st);
			memset(&cache[i], 0, sizeof cache[i]);
		}
}

int fu__exec(fu_db *db, const char *sql)
{
	int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return fu__sqlerr(db, rc, "cannot write the database");
	return FU_OK;
}

/* The transaction verbs call the handle's hooks (changes.c, which
 * records for fu sync what the transaction changed, in it), so that
 * every write is recorded whichever code makes it. */
int fu__begin(fu_db *db)
{
	if (db->flags & FU_OPEN_READONLY)
		return fu__error(db, FU_EDB, "the database was opened read-only");
	if (db->refuse_write[0])
		return fu__error(db, FU_EDB, "%s", db->refuse_write);
	int rc = fu__exec(db, "BEGIN IMMEDIATE");
	if (!rc && db->tx_begin && (rc = db->tx_begin(db)))
		fu__rollback(db);
	return rc;
}

int fu__commit(fu_db *db)
{
	int code;
	if (db->tx_commit && (code = db->tx_commit(db))) {
		fu__rollback(db);
		return code;
	}
	int rc = sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		code = fu__sqlerr(db, rc, "cannot write the database");
		fu__rollback(db);
		return code;
	}
	if (db->tx_end)
		db->tx_end(db);
	db->changed = 1;
	return FU_OK;
}

void fu__rollback(fu_db *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	if (db->tx_end)
		db->tx_end(db);
}

int fu__bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT)
		 : sqlite3_bind_null(st, i);
}

int fu__bind_time(sqlite3_stmt *st, int i, int64_t t)
{
	return t ? sqlite3_bind_int64(st, i, t) : sqlite3_bind_null(st, i);
}

int64_t fu__col_time(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL: return 0;
	case SQLITE_INTEGER: return sqlite3_column_int64(st, i);
	default: return INT64_MIN; /* text, a real, a blob: never a time */
	}
}

char *fu__col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? fu__strdup((const char *)t) : NULL;
}

int fu__step_done(fu_db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return fu__sqlerr(db, rc, "cannot write the database");
	return FU_OK;
}

int fu__query_int64(fu_db *db, int64_t *out, const char *sql, int64_t arg)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	int src = sqlite3_step(st);
	*out = 0;
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

int fu__read_rows(fu_db *db, sqlite3_stmt *st, void **list, size_t *n,
		  size_t size, void (*read_row)(void *row, sqlite3_stmt *st))
{
	unsigned char *rows = NULL;
	size_t cap = 0;
	int rc = FU_OK, src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			unsigned char *p = realloc(rows, cap * size);
			if (!p) {
				rc = fu__error(db, FU_ERROR, "out of memory");
				break;
			}
			rows = p;
		}
		void *row = rows + (*n)++ * size;
		memset(row, 0, size);
		read_row(row, st);
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	*list = rows;
	return rc;
}

int fu__push_id(int64_t **ids, size_t *n, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if ((*ids)[i] == id)
			return FU_OK;
	int64_t *p = realloc(*ids, (*n + 1) * sizeof *p);
	if (!p)
		return FU_ERROR;
	p[(*n)++] = id;
	*ids = p;
	return FU_OK;
}
