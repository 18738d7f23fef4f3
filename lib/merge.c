/* SPDX-License-Identifier: MIT */
/*
 * merge.c - what other machines changed, applied here (fu sync).
 *
 * A change file (changefile.c has read and checked it) is applied as a
 * whole, inside the caller's transaction and savepoint: every record of
 * every transaction, then the new contacts, applications and events
 * are checked as their owners check what fu add and fu log take; any
 * failure and the caller rolls the file back. Its own apply rather
 * than sqlite3changeset_apply_v2: the numbers here differ from the
 * writer's (records are found by identifier, references mapped back),
 * and what to do on a conflict is decided per field, by stamp, which
 * SQLite's conflict handler (per row: omit, replace, abort) cannot say.
 * The synced tables are written as another machine's owners wrote them,
 * a row at a time (a generic writer, as SQLite's apply is); nothing else
 * here writes them.
 *
 * What converges, the same on every machine whatever the order of
 * concurrent files:
 *   - records are a union: a record is created once, whoever sends it;
 *   - a field keeps the value with the later stamp (changes.c: the time
 *     of the edit, then a counter, then the machine); the value that
 *     loses is reported once, here. Two machines' records from before
 *     they synced (stamp 0) keep the greater value;
 *   - a removal (undo, unset, a person detached) removes, unless the
 *     record was written again later (a key row set again); an event
 *     removed stays removed, and an undo of an event that events logged
 *     elsewhere came after is applied and reported (both ways);
 *   - a contact is removed only when nothing refers to it, and comes
 *     back from its grave when another machine's record refers to it.
 * Then the actions of the subjects touched are derived again.
 *
 * Tables: sync_peers (what was applied of each machine) and
 * sync_reports (what fu sync tells) are written here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"
#include "fu/changes.h"
#include "fu/date.h"
#include "fu/uuid.h"
#include "internal.h"

typedef struct ids {
	int64_t *v;
	size_t n;
} ids;

static void ids_free(ids *x)
{
	free(x->v);
	x->v = NULL;
	x->n = 0;
}

/* What a file touched: the subjects whose actions to derive again. */
typedef struct touched {
	ids apps, contacts, people;
	int all;
	/* records it created, to check through their owners */
	ids new_contacts, new_apps, new_events;
} touched;

static void touched_free(touched *t)
{
	ids_free(&t->apps);
	ids_free(&t->contacts);
	ids_free(&t->people);
	ids_free(&t->new_contacts);
	ids_free(&t->new_apps);
	ids_free(&t->new_events);
}

struct fu__merge {
	fu_db *db;
	const fu_changes *f;  /* the file being applied */
	fu__stamp s;          /* its transaction being applied */
	int base;             /* s is a snapshot's (0): no stamp is kept */
	touched file, all;
	size_t files, records, reports;
};

static int push(fu__merge *m, ids *x, int64_t id)
{
	if (id && fu__push_id(&x->v, &x->n, id))
		return fu__error(m->db, FU_ERROR, "out of memory");
	return FU_OK;
}

static int fail(fu__merge *m, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static int fail(fu__merge *m, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return fu__error(m->db, FU_ECHANGES, "%s", msg);
}

/* --- what the writer had seen ------------------------------------------ */

static int is_base(const fu__stamp *s)
{
	return s->t == 0 && s->c == 0;
}

/* Whether the writer of the file had seen the write stamped cur. */
static int seen(const fu__merge *m, const fu__stamp *cur)
{
	if (is_base(cur) || !strcmp(cur->device, m->f->device))
		return 1;
	for (size_t i = 0; i < m->f->ndeps; i++)
		if (!strcmp(m->f->deps[i].device, cur->device))
			return m->f->deps[i].seq >= cur->seq;
	return 0;
}

/* The stamp a field holds: its own or its record's, the later. */
static int effective(fu__merge *m, const char *table, const char *key,
		     const char *col, fu__stamp *out)
{
	fu__stamp row;
	int found = 0, rfound = 0;
	int rc = fu__stamp_get(m->db, table, key, col, out, &found);
	if (rc || (rc = fu__stamp_get(m->db, table, key, "", &row, &rfound)))
		return rc;
	if (rfound && (!found || fu__stamp_cmp(&row, out) > 0))
		*out = row;
	return FU_OK;
}

/* The incoming stamp as it compares: a snapshot's is everyone's 0. */
static fu__stamp incoming(const fu__merge *m)
{
	fu__stamp s = m->s;
	if (m->base)
		s.device[0] = '\0', s.seq = 0;
	return s;
}

static int keep_stamp(fu__merge *m, const char *table, const char *key,
		      const char *col)
{
	return m->base ? FU_OK : fu__stamp_put(m->db, table, key, col, &m->s);
}

/* --- what fu sync tells ------------------------------------------------ */

/* What a machine calls itself ("this machine" for this one). */
static void device_name(fu__merge *m, const char *device, char *buf,
			size_t len)
{
	sqlite3_stmt *st = NULL;
	snprintf(buf, len, "another machine");
	if (!strcmp(device, fu__sync_device(m->db))) {
		snprintf(buf, len, "this machine");
		return;
	}
	if (!strcmp(device, m->f->device)) {
		snprintf(buf, len, "%s", m->f->name);
		return;
	}
	if (fu__cached(m->db, &st, "SELECT name FROM sync_peers WHERE "
		       "device = ?"))
		return;
	sqlite3_bind_text(st, 1, device, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, len, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
}

static int report(fu__merge *m, const char *kind, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int report(fu__merge *m, const char *kind, const char *fmt, ...)
{
	fu_buf b = FU_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	sqlite3_stmt *st = NULL;
	int rc = b.failed ? fu__error(m->db, FU_ERROR, "out of memory")
		: fu__cached(m->db, &st, "INSERT INTO sync_reports (at, kind, "
			     "text) VALUES (?, ?, ?)");
	if (!rc) {
		sqlite3_bind_int64(st, 1, m->db->now);
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, b.data, -1, SQLITE_TRANSIENT);
		int src = sqlite3_step(st);
		sqlite3_reset(st);
		if (src != SQLITE_DONE)
			rc = fu__sqlerr(m->db, src, "cannot write the database");
		m->reports++;
	}
	fu_buf_free(&b);
	return rc;
}

/* A value as a report shows it. */
static void show_value(fu__merge *m, const fu__sync_col *c, const cJSON *v,
		       char *buf, size_t len)
{
	if (!v || cJSON_IsNull(v)) {
		snprintf(buf, len, "nothing");
		return;
	}
	if (c->check == FU__SV_BOOL) {
		snprintf(buf, len, "%s", v->valuedouble ? "yes" : "no");
		return;
	}
	if (c->check == FU__SV_TIME && cJSON_IsNumber(v)) {
		char h[FU_HUMAN_LEN];
		snprintf(buf, len, "%s", fu_time_human(h, (int64_t)v->valuedouble,
						       m->db->now, 1));
		return;
	}
	if (cJSON_IsNumber(v)) {
		snprintf(buf, len, "%lld", (long long)v->valuedouble);
		return;
	}
	const char *s = v->valuestring;
	char name[256] = "";
	if (c->how == FU__SC_REF && !strcmp(c->ref, "companies")) {
		int64_t id = 0;
		sqlite3_stmt *st = NULL;
		if (!fu__sync_id_of(m->db, "companies", s, &id) && id &&
		    !fu__cached(m->db, &st, "SELECT name FROM companies WHERE "
				"id = ?")) {
			sqlite3_bind_int64(st, 1, id);
			if (sqlite3_step(st) == SQLITE_ROW)
				snprintf(name, sizeof name, "%s",
					 sqlite3_column_text(st, 0));
			sqlite3_reset(st);
		}
		s = name;
	}
	size_t n = strlen(s);
	snprintf(buf, len, "'%.*s%s'", n > 60 ? 57 : (int)n, s,
		 n > 60 ? "..." : "");
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
}

/* A record as a report names it: "contact Dana Reyes", "application
 * Acme, Backend Engineer", "the interview of Acme, Backend Engineer on
 * Tue 10 Nov 14:00", "the setting user.name". */
static void describe(fu__merge *m, const fu__sync_table *t, const char *key,
		     const cJSON *values, char *buf, size_t len)
{
	fu_db *db = m->db;
	int64_t id = 0;
	snprintf(buf, len, "a record of %s", t->name);
	if (!strcmp(t->name, "config")) {
		snprintf(buf, len, "the setting %s", key);
		return;
	}
	if (!strcmp(t->name, "companies")) {
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(values, "name");
		snprintf(buf, len, "the company %s", cJSON_IsString(n) ?
			 n->valuestring : "?");
		return;
	}
	if (!strcmp(t->name, "contacts")) {
		fu_contact *c = NULL;
		if (!fu__sync_id_of(db, "contacts", key, &id) && id &&
		    !fu_contact_get(&c, db, id))
			snprintf(buf, len, "contact %s", c->name);
		fu_contact_free(c);
		return;
	}
	if (!strcmp(t->name, "applications") ||
	    !strcmp(t->name, "application_contacts")) {
		char u[FU_UUID_LEN];
		snprintf(u, sizeof u, "%.36s", key);
		fu_application *a = NULL;
		if (!fu__sync_id_of(db, "applications", u, &id) && id &&
		    !fu_application_get(&a, db, id))
			snprintf(buf, len, "%sapplication %s, %s",
				 strcmp(t->name, "applications") ?
				 "the people of " : "",
				 a->company, a->role);
		fu_application_free(a);
		return;
	}
	/* events, and what goes with them */
	char u[FU_UUID_LEN];
	snprintf(u, sizeof u, "%.36s", key);
	fu_event *e = NULL;
	if (fu__sync_id_of(db, "events", u, &id) || !id ||
	    fu_event_get(&e, db, id))
		return;
	char h[FU_HUMAN_LEN], subject[256] = "?";
	if (e->application_id) {
		fu_application *a = NULL;
		if (!fu_application_get(&a, db, e->application_id))
			snprintf(subject, sizeof subject, "%s, %s", a->company,
				 a->role);
		fu_application_free(a);
	} else {
		fu_contact *c = NULL;
		if (!fu_contact_get(&c, db, e->contact_id))
			snprintf(subject, sizeof subject, "%s", c->name);
		fu_contact_free(c);
	}
	snprintf(buf, len, "the %s of %s on %s", fu_event_kind_name(e->kind),
		 subject, fu_time_human(h, e->at, db->now, 1));
	fu_event_free(e);
}

/* --- finding records here ------------------------------------------------ */

static int revive(fu__merge *m, const char *uuid, int64_t *id);

/* The number here of the record an identifier names in table (a
 * contact removed here comes back when revive_ok); 0 when none. */
static int local_ref(fu__merge *m, const char *table, const char *uuid,
		     int revive_ok, int64_t *id)
{
	int rc = fu__sync_id_of(m->db, table, uuid, id);
	if (!rc && !*id && revive_ok && !strcmp(table, "contacts"))
		rc = revive(m, uuid, id);
	return rc;
}

/* The rowid of the record of t named key; 0 when it is not here. */
static int locate(fu__merge *m, const fu__sync_table *t, const char *key,
		  int revive_ok, int64_t *rowid)
{
	*rowid = 0;
	if (fu__sync_has_uuid(t))
		return fu__sync_id_of(m->db, t->name, key, rowid);
	fu_buf sql = FU_BUF_INIT;
	int64_t vals[4];
	const char *texts[4];
	int n = 0, rc = FU_OK;
	const char *p = key;
	fu_buf_printf(&sql, "SELECT rowid FROM main.%s WHERE ", t->name);
	for (size_t i = 0; i < t->ncols && n < 4; i++) {
		const fu__sync_col *c = &t->cols[i];
		if (!(c->flags & FU__SF_KEY))
			continue;
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		char part[512];
		snprintf(part, sizeof part, "%.*s", (int)len, p);
		p = slash ? slash + 1 : p + len;
		texts[n] = NULL;
		vals[n] = 0;
		if (c->how == FU__SC_REF) {
			if ((rc = local_ref(m, c->ref, part, revive_ok,
					    &vals[n])))
				break;
			if (!vals[n]) { /* what it names is not here */
				fu_buf_free(&sql);
				return FU_OK;
			}
		} else if (c->check == FU__SV_POSITION) {
			vals[n] = strtoll(part, NULL, 10);
		} else {
			texts[n] = key; /* config: the key is all of it */
		}
		fu_buf_printf(&sql, "%s%s = ?", n ? " AND " : "", c->name);
		n++;
	}
	sqlite3_stmt *st = NULL;
	if (!rc && sql.failed)
		rc = fu__error(m->db, FU_ERROR, "out of memory");
	if (!rc && !(rc = fu__cached(m->db, &st, sql.data))) {
		for (int i = 0; i < n; i++)
			if (texts[i])
				sqlite3_bind_text(st, i + 1, texts[i], -1,
						  SQLITE_TRANSIENT);
			else
				sqlite3_bind_int64(st, i + 1, vals[i]);
		int src = sqlite3_step(st);
		if (src == SQLITE_ROW)
			*rowid = sqlite3_column_int64(st, 0);
		else if (src != SQLITE_DONE)
			rc = fu__sqlerr(m->db, src, "cannot read the database");
		sqlite3_reset(st);
	}
	fu_buf_free(&sql);
	return rc;
}

/* Bind value v of column c (as it travels) as this machine holds it. */
static int bind_value(fu__merge *m, sqlite3_stmt *st, int i,
		      const fu__sync_col *c, const cJSON *v)
{
	if (!v || cJSON_IsNull(v))
		return sqlite3_bind_null(st, i), FU_OK;
	if (cJSON_IsNumber(v)) {
		sqlite3_bind_int64(st, i, (int64_t)v->valuedouble);
		return FU_OK;
	}
	if (c->how == FU__SC_REF) {
		int64_t id = 0;
		int rc = local_ref(m, c->ref, v->valuestring, 1, &id);
		if (rc)
			return rc;
		if (!id)
			return fail(m, "%s names a record of %s that this "
				    "machine does not have", c->name, c->ref);
		sqlite3_bind_int64(st, i, id);
		return FU_OK;
	}
	if (c->how == FU__SC_ACTION) {
		char *s = NULL;
		int rc = fu__sync_aim_in(m->db, v->valuestring, &s);
		if (rc)
			return rc;
		sqlite3_bind_text(st, i, s, -1, free);
		return FU_OK;
	}
	sqlite3_bind_text(st, i, v->valuestring, -1, SQLITE_TRANSIENT);
	return FU_OK;
}

/* The value a field holds here, as it travels. */
static int local_value(fu__merge *m, const fu__sync_table *t, int64_t rowid,
		       const fu__sync_col *c, cJSON **out)
{
	char sql[128];
	sqlite3_stmt *st = NULL;
	*out = NULL;
	snprintf(sql, sizeof sql, "SELECT %s FROM main.%s WHERE rowid = ?",
		 c->name, t->name);
	int rc = fu__cached(m->db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, rowid);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		rc = fu__sync_value_out(m->db, c, sqlite3_column_value(st, 0),
					out);
	else
		rc = src == SQLITE_DONE ? fu__error(m->db, FU_ERROR, "a record "
						    "went missing")
			: fu__sqlerr(m->db, src, "cannot read the database");
	sqlite3_reset(st);
	return rc;
}

/* --- what a change touches -------------------------------------------------- */

/* The subject of event id: an application, else a networking contact. */
static int event_subject(fu__merge *m, int64_t id, int64_t *app,
			 int64_t *contact, int *closing)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__cached(m->db, &st, "SELECT application_id, contact_id, "
			    "kind = 'closed' FROM events WHERE id = ?");
	*app = *contact = 0;
	*closing = 0;
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*app = sqlite3_column_int64(st, 0);
		*contact = sqlite3_column_int64(st, 1);
		*closing = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	return FU_OK;
}

/* Note what a record of t (rowid here) touches. */
static int touch(fu__merge *m, const fu__sync_table *t, int64_t rowid)
{
	touched *x = &m->file;
	const char *n = t->name;
	if (!strcmp(n, "contacts"))
		return push(m, &x->people, rowid);
	if (!strcmp(n, "applications"))
		return push(m, &x->apps, rowid);
	if (!strcmp(n, "config")) {
		x->all = 1;
		return FU_OK;
	}
	sqlite3_stmt *st = NULL;
	int64_t event = 0, person = 0, app = 0;
	int rc = FU_OK;
	if (!strcmp(n, "application_contacts") ||
	    !strcmp(n, "event_contacts") || !strcmp(n, "event_topics")) {
		char sql[128];
		int ac = !strcmp(n, "application_contacts");
		int ec = !strcmp(n, "event_contacts");
		snprintf(sql, sizeof sql, "SELECT %s, %s FROM %s WHERE rowid = ?",
			 ac ? "application_id" : "event_id",
			 ac || ec ? "contact_id" : "0", n);
		if ((rc = fu__cached(m->db, &st, sql)))
			return rc;
		sqlite3_bind_int64(st, 1, rowid);
		if (sqlite3_step(st) == SQLITE_ROW) {
			if (ac)
				app = sqlite3_column_int64(st, 0);
			else
				event = sqlite3_column_int64(st, 0);
			person = sqlite3_column_int64(st, 1);
		}
		sqlite3_reset(st);
	} else if (!strcmp(n, "events")) {
		event = rowid;
	}
	if ((rc = push(m, &x->apps, app)) || (rc = push(m, &x->people, person)))
		return rc;
	if (event) {
		int64_t contact = 0;
		int closing = 0;
		if ((rc = event_subject(m, event, &app, &contact, &closing)))
			return rc;
		x->all |= closing; /* a job accepted touches every other */
		rc = app ? push(m, &x->apps, app) : push(m, &x->contacts,
							  contact);
	}
	return rc;
}

/* --- undo meets what was built on it --------------------------------------- */

/* Before removing event id (the writer undid it): the events of its
 * subject logged after it that the writer had not seen; they stay, and
 * fu sync says so. */
static int undone_under(fu__merge *m, const char *key, int64_t id)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(m->db, &st, "SELECT l.uuid FROM events e JOIN "
		"events l ON (l.application_id = e.application_id OR "
		"(e.application_id IS NULL AND l.application_id IS NULL AND "
		"l.contact_id = e.contact_id)) AND (l.at > e.at OR (l.at = "
		"e.at AND l.ord > e.ord)) WHERE e.id = ? ORDER BY l.at, l.ord");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	size_t later = 0;
	char who[256] = "", first[FU_UUID_LEN] = "";
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 0);
		fu__stamp s;
		int found = 0;
		if (!u || (rc = fu__stamp_get(m->db, "events", u, "", &s,
					      &found)) || !found || seen(m, &s))
			continue;
		if (!later++) {
			snprintf(first, sizeof first, "%s", u);
			device_name(m, s.device, who, sizeof who);
		}
	}
	sqlite3_finalize(st);
	if (rc || !later)
		return rc;
	char what[512], next[512];
	const fu__sync_table *ev = fu__sync_table_named("events");
	describe(m, ev, key, NULL, what, sizeof what);
	describe(m, ev, first, NULL, next, sizeof next);
	char by[256];
	device_name(m, m->f->device, by, sizeof by);
	return report(m, "undone", "%s undid %s; %s had logged %s after it%s, "
		      "which stay%s", by, what, who, next, later > 1 ?
		      " and more" : "", later > 1 ? "" : "s");
}

/* After adding event F (key, its subject's identifier, ord): events of
 * that subject before it that were undone where the writer had not
 * seen it; F stays, and fu sync says so. */
static int built_on_undone(fu__merge *m, const char *key, const cJSON *values)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(values,
							  "application_id");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(values, "contact_id");
	const cJSON *ord = cJSON_GetObjectItemCaseSensitive(values, "ord");
	const char *subject = cJSON_IsString(a) ? a->valuestring
			    : cJSON_IsString(c) ? c->valuestring : NULL;
	if (!subject || !cJSON_IsNumber(ord))
		return FU_OK;
	sqlite3_stmt *st = NULL;
	int rc = fu__cached(m->db, &st, "SELECT key, data FROM sync_graves "
			    "WHERE tbl = 'events' AND subject = ? AND ord < ?");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, subject, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (int64_t)ord->valuedouble);
	char undone[FU_UUID_LEN] = "", kind[64] = "", who[256] = "";
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		fu__stamp s;
		int found = 0;
		const char *k = (const char *)sqlite3_column_text(st, 0);
		if ((rc = fu__stamp_get(m->db, "events", k, "", &s, &found)) ||
		    !found || seen(m, &s))
			continue;
		snprintf(undone, sizeof undone, "%s", k);
		device_name(m, s.device, who, sizeof who);
		cJSON *d = cJSON_Parse((const char *)sqlite3_column_text(st, 1));
		const cJSON *kd = cJSON_GetObjectItemCaseSensitive(d, "kind");
		snprintf(kind, sizeof kind, "%s", cJSON_IsString(kd) ?
			 kd->valuestring : "event");
		cJSON_Delete(d);
	}
	sqlite3_reset(st);
	if (rc || !*undone)
		return rc;
	char what[512], by[256];
	describe(m, fu__sync_table_named("events"), key, NULL, what,
		 sizeof what);
	device_name(m, m->f->device, by, sizeof by);
	return report(m, "undone", "%s logged %s after the %s that %s undid; "
		      "it stays", by, what, kind, who);
}

/* --- writing --------------------------------------------------------------- */

/* A record of a table with a folded name (companies, contacts: schema
 * 10) gets it folded here, as its owner would, once its name is
 * written: the fold never travels. */
static int refold(fu__merge *m, const fu__sync_table *t, int64_t rowid)
{
	if (fu__sync_col_index(t, "fold") < 0)
		return FU_OK;
	char sql[128];
	sqlite3_stmt *st = NULL;
	snprintf(sql, sizeof sql, "UPDATE main.%s SET fold = fu_fold(name) "
		 "WHERE rowid = ?", t->name);
	int rc = fu__cached(m->db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, rowid);
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return fail(m, "a name of %s cannot be folded here (%s)",
			    t->name, sqlite3_errmsg(m->db->sql));
	return FU_OK;
}

/* Insert a record of t from its values; *rowid its number here. */
static int insert_row(fu__merge *m, const fu__sync_table *t, const char *key,
		      const cJSON *values, int64_t *rowid)
{
	fu_buf sql = FU_BUF_INIT, qs = FU_BUF_INIT;
	int n = 0, rc = FU_OK;
	int64_t thing = 0;
	fu_buf_printf(&sql, "INSERT INTO main.%s (", t->name);
	for (size_t i = 0; i < t->ncols; i++) {
		const fu__sync_col *c = &t->cols[i];
		if (c->how == FU__SC_LOCAL &&
		    !(t->numbers == FU__SN_THING && !strcmp(c->name, "id")))
			continue;
		fu_buf_printf(&sql, "%s%s", n ? ", " : "", c->name);
		fu_buf_puts(&qs, n++ ? ", ?" : "?");
	}
	fu_buf_printf(&sql, ") VALUES (%s)", qs.data);
	sqlite3_stmt *st = NULL;
	if (sql.failed || qs.failed)
		rc = fu__error(m->db, FU_ERROR, "out of memory");
	if (!rc && t->numbers == FU__SN_THING)
		rc = fu__next_thing_id(m->db, &thing);
	if (!rc)
		rc = fu__cached(m->db, &st, sql.data);
	fu_buf_free(&sql);
	fu_buf_free(&qs);
	if (rc)
		return rc;
	n = 0;
	for (size_t i = 0; i < t->ncols && !rc; i++) {
		const fu__sync_col *c = &t->cols[i];
		if (c->how == FU__SC_LOCAL) {
			if (t->numbers == FU__SN_THING && !strcmp(c->name, "id"))
				sqlite3_bind_int64(st, ++n, thing);
			continue;
		}
		if (c->how == FU__SC_UUID) {
			sqlite3_bind_text(st, ++n, key, -1, SQLITE_TRANSIENT);
			continue;
		}
		rc = bind_value(m, st, ++n, c,
				cJSON_GetObjectItemCaseSensitive(values,
								 c->name));
	}
	if (rc) {
		sqlite3_reset(st);
		return rc;
	}
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return fail(m, "a record of %s cannot be written here (%s)",
			    t->name, sqlite3_errmsg(m->db->sql));
	*rowid = sqlite3_last_insert_rowid(m->db->sql);
	return refold(m, t, *rowid);
}

static int set_field(fu__merge *m, const fu__sync_table *t, int64_t rowid,
		     const fu__sync_col *c, const cJSON *v)
{
	char sql[128];
	sqlite3_stmt *st = NULL;
	snprintf(sql, sizeof sql, "UPDATE main.%s SET %s = ? WHERE rowid = ?",
		 t->name, c->name);
	int rc = fu__cached(m->db, &st, sql);
	if (rc || (rc = bind_value(m, st, 1, c, v))) {
		if (st)
			sqlite3_reset(st);
		return rc;
	}
	sqlite3_bind_int64(st, 2, rowid);
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return fail(m, "%s of a record of %s cannot be written here "
			    "(%s)", c->name, t->name, sqlite3_errmsg(m->db->sql));
	return strcmp(c->name, "name") ? FU_OK : refold(m, t, rowid);
}

/* Which of two values of one moment wins: the greater, as text. */
static int greater(const cJSON *a, const cJSON *b)
{
	char *x = cJSON_PrintUnformatted(a), *y = cJSON_PrintUnformatted(b);
	int g = x && y && strcmp(x, y) > 0;
	cJSON_free(x);
	cJSON_free(y);
	return g;
}

/* One field of a record here: the value with the later stamp stays. */
static int merge_field(fu__merge *m, const fu__sync_table *t, const char *key,
		       int64_t rowid, const fu__sync_col *c, const cJSON *v)
{
	fu__stamp cur, in = incoming(m);
	cJSON *here = NULL;
	int rc = effective(m, t->name, key, c->name, &cur);
	if (rc || (rc = local_value(m, t, rowid, c, &here)))
		return rc;
	int same = cJSON_Compare(here, v, 1);
	int cmp = fu__stamp_cmp(&in, &cur);
	int take = cmp > 0 || (cmp == 0 && !same && greater(v, here));
	if (take && !same)
		rc = set_field(m, t, rowid, c, v);
	if (!rc && take)
		rc = keep_stamp(m, t->name, key, c->name);
	/* a value lost to a write its writer had not seen */
	if (!rc && !same && (!take || !seen(m, &cur) || cmp == 0)) {
		char what[512], kept[128], lost[128], kd[256], ld[256];
		describe(m, t, key, NULL, what, sizeof what);
		show_value(m, c, take ? v : here, kept, sizeof kept);
		show_value(m, c, take ? here : v, lost, sizeof lost);
		device_name(m, take ? m->f->device : cur.device, kd, sizeof kd);
		device_name(m, take ? (is_base(&cur) ? fu__sync_device(m->db)
				       : cur.device) : m->f->device, ld,
			    sizeof ld);
		rc = report(m, "conflict", "%s: %s was edited on two machines: "
			    "kept %s (%s), not %s (%s)", what, c->name, kept,
			    kd, lost, ld);
	}
	cJSON_Delete(here);
	if (!rc && !same && take)
		rc = touch(m, t, rowid);
	return rc;
}

/* A grave's values: what a later write of a removed record changes
 * (for a contact that may come back). */
static int merge_grave(fu__merge *m, const fu__sync_table *t, const char *key,
		       const char *data, const cJSON *values)
{
	cJSON *d = cJSON_Parse(data);
	int rc = d ? FU_OK : fu__error(m->db, FU_ERROR, "a grave is unreadable");
	fu__stamp in = incoming(m);
	for (const cJSON *v = values->child; v && !rc; v = v->next) {
		fu__stamp cur;
		if ((rc = effective(m, t->name, key, v->string, &cur)) ||
		    fu__stamp_cmp(&in, &cur) <= 0)
			continue;
		cJSON *copy = cJSON_Duplicate(v, 1);
		if (!copy) {
			rc = fu__error(m->db, FU_ERROR, "out of memory");
			break;
		}
		cJSON_DeleteItemFromObjectCaseSensitive(d, v->string);
		cJSON_AddItemToObject(d, v->string, copy);
		rc = keep_stamp(m, t->name, key, v->string);
	}
	char *text = !rc ? cJSON_PrintUnformatted(d) : NULL;
	if (!rc && !text)
		rc = fu__error(m->db, FU_ERROR, "out of memory");
	if (!rc) {
		const cJSON *ord = cJSON_GetObjectItemCaseSensitive(d, "ord");
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(d,
							"application_id");
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(d, "contact_id");
		rc = fu__grave_put(m->db, t->name, key, cJSON_IsString(a) ?
				   a->valuestring : cJSON_IsString(c) ?
				   c->valuestring : NULL, cJSON_IsNumber(ord) ?
				   (int64_t)ord->valuedouble : 0, text);
	}
	cJSON_free(text);
	cJSON_Delete(d);
	return rc;
}

/* A contact removed here that another machine's record refers to comes
 * back, with its last values. */
static int revive(fu__merge *m, const char *uuid, int64_t *id)
{
	char *data = NULL;
	const fu__sync_table *t = fu__sync_table_named("contacts");
	*id = 0;
	int rc = fu__grave_get(m->db, "contacts", uuid, &data);
	if (rc || !data)
		return rc;
	cJSON *values = cJSON_Parse(data);
	free(data);
	if (!values)
		return fu__error(m->db, FU_ERROR, "a grave is unreadable");
	if (!(rc = insert_row(m, t, uuid, values, id)) &&
	    !(rc = fu__grave_drop(m->db, "contacts", uuid)) &&
	    !(rc = push(m, &m->file.people, *id))) {
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(values, "name");
		char by[256];
		device_name(m, m->f->device, by, sizeof by);
		rc = report(m, "kept", "contact %s, removed by an undo, is back: "
			    "%s still refers to them", cJSON_IsString(n) ?
			    n->valuestring : "?", by);
	}
	cJSON_Delete(values);
	return rc;
}

/* Whether any record here refers to contact id. */
static int contact_used(fu__merge *m, int64_t id, int *used)
{
	int64_t n = 0;
	int rc = fu__query_int64(m->db, &n, "SELECT EXISTS (SELECT 1 FROM "
		"application_contacts WHERE contact_id = ?1) OR EXISTS (SELECT "
		"1 FROM events WHERE contact_id = ?1) OR EXISTS (SELECT 1 FROM "
		"event_contacts WHERE contact_id = ?1)", id);
	*used = n != 0;
	return rc;
}

/* --- one change --------------------------------------------------------------- */

/* A setting from another machine: a key this fu knows, a value as fu
 * config stores it; a key this fu does not know (a newer fu's) is left
 * out (*skip). */
static int check_setting(fu__merge *m, const char *key, const cJSON *values,
			 int *skip)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(values, "value");
	char path[256], buf[32];
	const char *norm = NULL;
	*skip = 0;
	if (fu__config_known(m->db, key, NULL)) {
		*skip = 1;
		return FU_OK;
	}
	if (!cJSON_IsString(v))
		return FU_OK;
	snprintf(path, sizeof path, "config.%s", key);
	if (fu__config_check_at(m->db, path, key, v->valuestring, &norm, buf,
				sizeof buf)) {
		char msg[600];
		snprintf(msg, sizeof msg, "%s", fu_errmsg(m->db));
		return fail(m, "%s", msg);
	}
	if (strcmp(norm, v->valuestring))
		return fail(m, "%s: '%s' is not as fu config stores it", path,
			    v->valuestring);
	return FU_OK;
}

static int apply_insert(fu__merge *m, const fu__sync_table *t,
			const char *key, const cJSON *values)
{
	int64_t rowid = 0;
	int skip = 0;
	int rc = !strcmp(t->name, "config") ? check_setting(m, key, values,
							    &skip) : FU_OK;
	if (rc || skip || (rc = locate(m, t, key, 1, &rowid)))
		return rc;
	if (rc)
		return rc;
	if (rowid) { /* here already: written by both, field by field */
		for (const cJSON *v = values->child; v && !rc; v = v->next) {
			const fu__sync_col *c = &t->cols[fu__sync_col_index(
				t, v->string)];
			if (!(c->flags & FU__SF_KEY))
				rc = merge_field(m, t, key, rowid, c, v);
		}
		return rc;
	}
	char *grave = NULL;
	if ((rc = fu__grave_get(m->db, t->name, key, &grave)))
		return rc;
	if (grave) { /* removed here: written again since, or not */
		fu__stamp gone, in = incoming(m);
		int found = 0;
		free(grave);
		if ((rc = fu__stamp_get(m->db, t->name, key, "", &gone,
					&found)))
			return rc;
		if (found && fu__stamp_cmp(&in, &gone) <= 0)
			return FU_OK;
	}
	if (!strcmp(t->name, "companies")) {
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(values, "name");
		char u[FU_UUID_LEN];
		fu_uuid_company(u, n->valuestring);
		if (strcmp(u, key))
			return fail(m, "the company %s has another's identifier",
				    n->valuestring);
	}
	if ((rc = insert_row(m, t, key, values, &rowid)) ||
	    (grave && (rc = fu__grave_drop(m->db, t->name, key))) ||
	    (rc = keep_stamp(m, t->name, key, "")) || (rc = touch(m, t, rowid)))
		return rc;
	if (!strcmp(t->name, "contacts"))
		rc = push(m, &m->file.new_contacts, rowid);
	else if (!strcmp(t->name, "applications"))
		rc = push(m, &m->file.new_apps, rowid);
	else if (!strcmp(t->name, "events") &&
		 !(rc = push(m, &m->file.new_events, rowid)))
		rc = built_on_undone(m, key, values);
	return rc;
}

static int apply_update(fu__merge *m, const fu__sync_table *t,
			const char *key, const cJSON *values)
{
	int64_t rowid = 0;
	int skip = 0;
	int rc = !strcmp(t->name, "config") ? check_setting(m, key, values,
							    &skip) : FU_OK;
	if (rc || skip || (rc = locate(m, t, key, 0, &rowid)))
		return rc;
	if (rc)
		return rc;
	if (rowid) {
		for (const cJSON *v = values->child; v && !rc; v = v->next)
			rc = merge_field(m, t, key, rowid, &t->cols[
				fu__sync_col_index(t, v->string)], v);
		return rc;
	}
	char *grave = NULL;
	if ((rc = fu__grave_get(m->db, t->name, key, &grave)))
		return rc;
	if (grave) {
		rc = merge_grave(m, t, key, grave, values);
		free(grave);
		return rc;
	}
	/* a row of a removed record goes with it */
	if (!fu__sync_has_uuid(t) && strcmp(t->name, "config"))
		return FU_OK;
	return fail(m, "it changes a record of %s that this machine never "
		    "had", t->name);
}

static int apply_delete(fu__merge *m, const fu__sync_table *t,
			const char *key, const cJSON *values)
{
	int64_t rowid = 0;
	int rc = locate(m, t, key, 0, &rowid);
	if (rc || !rowid)
		return rc; /* not here (removed here too, or never here) */
	fu__stamp row, in = incoming(m);
	int found = 0;
	if ((rc = fu__stamp_get(m->db, t->name, key, "", &row, &found)))
		return rc;
	if (found && fu__stamp_cmp(&in, &row) <= 0)
		return FU_OK; /* written again after: it stays */
	if (!strcmp(t->name, "contacts")) {
		int used = 0;
		if ((rc = contact_used(m, rowid, &used)))
			return rc;
		if (used) { /* another machine's record refers to them */
			char what[512], by[256];
			describe(m, t, key, values, what, sizeof what);
			device_name(m, m->f->device, by, sizeof by);
			return report(m, "kept", "%s stays: an undo on %s "
				      "removed them, but records here refer "
				      "to them", what, by);
		}
		/* what was derived naming them goes first (it is derived
		 * again, for every subject, when the file is applied) */
		if ((rc = fu__actions_forget_contact(m->db, rowid)))
			return rc;
		m->file.all = 1;
	}
	if (!strcmp(t->name, "events")) {
		if ((rc = touch(m, t, rowid)) || (rc = undone_under(m, key, rowid)))
			return rc;
	} else if ((rc = touch(m, t, rowid))) {
		return rc;
	}
	cJSON *last = NULL;
	if ((rc = fu__sync_row_out(m->db, t, rowid, &last)))
		return rc;
	char sql[96];
	sqlite3_stmt *st = NULL;
	snprintf(sql, sizeof sql, "DELETE FROM main.%s WHERE rowid = ?",
		 t->name);
	if (!(rc = fu__cached(m->db, &st, sql))) {
		sqlite3_bind_int64(st, 1, rowid);
		int src = sqlite3_step(st);
		sqlite3_reset(st);
		if (src != SQLITE_DONE)
			rc = fail(m, "a record of %s cannot be removed here (%s)",
				  t->name, sqlite3_errmsg(m->db->sql));
	}
	char *data = !rc && last ? cJSON_PrintUnformatted(last) : NULL;
	if (!rc && last && !data)
		rc = fu__error(m->db, FU_ERROR, "out of memory");
	if (!rc && data) {
		const cJSON *ord = cJSON_GetObjectItemCaseSensitive(last, "ord");
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(last,
							"application_id");
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(last,
								  "contact_id");
		rc = fu__grave_put(m->db, t->name, key, cJSON_IsString(a) ?
				   a->valuestring : cJSON_IsString(c) ?
				   c->valuestring : NULL, cJSON_IsNumber(ord) ?
				   (int64_t)ord->valuedouble : 0, data);
	}
	cJSON_free(data);
	cJSON_Delete(last);
	if (!rc)
		rc = keep_stamp(m, t->name, key, "");
	return rc;
}

/* --- a file -------------------------------------------------------------------- */

/* The new records of a file, checked as their owners check what fu add
 * and fu log take. */
static int check_new(fu__merge *m)
{
	fu_db *db = m->db;
	int rc = FU_OK;
	for (size_t i = 0; i < m->file.new_contacts.n && !rc; i++) {
		fu_contact *c = NULL;
		if (!(rc = fu_contact_get(&c, db, m->file.new_contacts.v[i])))
			rc = fu__check_contact(db, c, "contact");
		else if (rc == FU_ENOTFOUND) /* the file removed it again */
			rc = FU_OK;
		fu_contact_free(c);
	}
	for (size_t i = 0; i < m->file.new_apps.n && !rc; i++) {
		fu_application *a = NULL;
		if (!(rc = fu_application_get(&a, db, m->file.new_apps.v[i])))
			rc = fu__check_application(db, a, "application");
		else if (rc == FU_ENOTFOUND)
			rc = FU_OK;
		fu_application_free(a);
	}
	for (size_t i = 0; i < m->file.new_events.n && !rc; i++) {
		fu_event *e = NULL;
		if (!(rc = fu_event_get(&e, db, m->file.new_events.v[i])))
			rc = fu__check_event(db, e, "event");
		else if (rc == FU_ENOTFOUND) /* logged, then undone */
			rc = FU_OK;
		fu_event_free(e);
	}
	if (rc && rc != FU_ERROR && rc != FU_EBUSY && rc != FU_EDB) {
		char msg[600];
		snprintf(msg, sizeof msg, "%s", fu_errmsg(db));
		return fail(m, "%s", msg);
	}
	return rc;
}

static int note_peer(fu__merge *m)
{
	const fu_changes *f = m->f;
	sqlite3_stmt *st = NULL;
	int rc = fu__cached(m->db, &st, "INSERT INTO sync_peers (device, name, "
			    "applied, seq, problem) VALUES (?, ?, ?, ?, NULL) "
			    "ON CONFLICT (device) DO UPDATE SET name = "
			    "excluded.name, applied = excluded.applied, seq = "
			    "max(seq, excluded.seq), problem = NULL");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, f->device, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, f->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, f->file);
	sqlite3_bind_int64(st, 4, f->ntx ? f->tx[f->ntx - 1].seq : 0);
	int src = sqlite3_step(st);
	sqlite3_reset(st);
	return src == SQLITE_DONE ? FU_OK
		: fu__sqlerr(m->db, src, "cannot write the database");
}

static int add_ids(fu__merge *m, ids *to, const ids *from)
{
	int rc = FU_OK;
	for (size_t i = 0; i < from->n && !rc; i++)
		rc = push(m, to, from->v[i]);
	return rc;
}

int fu__merge_new(fu__merge **out, fu_db *db)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return fu__error(db, FU_ERROR, "out of memory");
	(*out)->db = db;
	return FU_OK;
}

void fu__merge_free(fu__merge *m)
{
	if (!m)
		return;
	touched_free(&m->file);
	touched_free(&m->all);
	free(m);
}

int fu__merge_file(fu__merge *m, const fu_changes *f)
{
	fu_db *db = m->db;
	int rc = FU_OK;
	touched_free(&m->file);
	memset(&m->file, 0, sizeof m->file);
	m->f = f;
	if (!strcmp(f->device, fu__sync_device(db)))
		return fail(m, "it says this machine wrote it");
	for (size_t i = 0; i < f->ntx && !rc; i++) {
		const fu__tx *x = &f->tx[i];
		m->s.t = x->t;
		m->s.c = x->c;
		m->s.seq = x->seq;
		snprintf(m->s.device, sizeof m->s.device, "%s", f->device);
		m->base = x->t == 0 && x->c == 0;
		if (!m->base && (rc = fu__clock_observe(db, x->t, x->c)))
			break;
		for (const cJSON *ch = x->changes->child; ch && !rc;
		     ch = ch->next) {
			const char *op = cJSON_GetArrayItem(ch, 0)->valuestring;
			const fu__sync_table *t = fu__sync_table_named(
				cJSON_GetArrayItem(ch, 1)->valuestring);
			const char *key = cJSON_GetArrayItem(ch, 2)->valuestring;
			const cJSON *values = cJSON_GetArrayItem(ch, 3);
			rc = !strcmp(op, "insert") ? apply_insert(m, t, key, values)
			   : !strcmp(op, "update") ? apply_update(m, t, key, values)
			   : apply_delete(m, t, key, values);
			m->records++;
		}
	}
	if (!rc)
		rc = check_new(m);
	if (!rc)
		rc = note_peer(m);
	if (!rc && !(rc = add_ids(m, &m->all.apps, &m->file.apps)) &&
	    !(rc = add_ids(m, &m->all.contacts, &m->file.contacts)))
		rc = add_ids(m, &m->all.people, &m->file.people);
	if (!rc) {
		m->all.all |= m->file.all;
		m->files++;
	}
	return rc;
}

int fu__merge_finish(fu__merge *m)
{
	fu_db *db = m->db;
	touched *x = &m->all;
	int rc = FU_OK;
	db->params_valid = 0;
	for (size_t i = 0; i < x->apps.n && !rc; i++)
		rc = fu__application_sync_outcome(db, x->apps.v[i]);
	if (rc)
		return rc;
	if (x->all || x->apps.n + x->contacts.n + x->people.n > 200)
		return fu__refresh_all(db);
	for (size_t i = 0; i < x->apps.n && !rc; i++)
		rc = fu__refresh_application(db, x->apps.v[i]);
	for (size_t i = 0; i < x->contacts.n && !rc; i++)
		rc = fu__refresh_contact(db, x->contacts.v[i]);
	for (size_t i = 0; i < x->people.n && !rc; i++) {
		int64_t n = 0;
		if (!(rc = fu__query_int64(db, &n, "SELECT count(*) FROM "
					   "contacts WHERE id = ?",
					   x->people.v[i])) && n)
			rc = fu__refresh_involving(db, x->people.v[i]);
	}
	return rc;
}

void fu__merge_counts(const fu__merge *m, size_t *files, size_t *records,
		      size_t *reports)
{
	*files = m->files;
	*records = m->records;
	*reports = m->reports;
}
