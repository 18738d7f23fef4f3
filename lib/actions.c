/*
 * actions.c - the actions table: what the rules say is owed, derived
 * from the records and kept up to date on every write, so that fu due
 * reads what is open instead of replaying history.
 *
 * Deriving a subject (an application, or a contact's networking
 * events) gathers its people and events through their owners, runs the
 * rule engine (rules.c, which sees only plain structs) and stores what
 * it yields in place of what the subject owed before.
 *
 * The actions depend on more than the records: on the rules of this fu
 * and on the time zone (a check-in "2 days after" counts local days).
 * The table records both (actions_stamp). When either differs, the
 * stored actions are stale: the first write transaction rebuilds them
 * all, with its own change, atomically; until then, a read works them
 * out afresh into a table of this connection's own (temp.actions, which
 * SQLite reads in place of main.actions), so that fu due never shows a
 * wrong day and a command that fails leaves the file as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/date.h"
#include "internal.h"

/* --- deriving ------------------------------------------------------------ */

/* The people a subject involves, as the rules see them; their names
 * point into `names`, which owns them. */
typedef struct people {
	fu_rule_contact *c;
	size_t n;
	char **names;
} people;

static void people_free(people *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->names[i]);
	free(p->names);
	free(p->c);
}

static int people_add(fu_db *db, people *p, int64_t id, int attached)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->c[i].id == id) {
			p->c[i].attached |= attached;
			return FU_OK;
		}
	fu_contact *c = NULL;
	int rc = fu_contact_get(&c, db, id);
	if (rc)
		return rc;
	fu_rule_contact *nc = realloc(p->c, (p->n + 1) * sizeof *nc);
	char **nn = nc ? realloc(p->names, (p->n + 1) * sizeof *nn) : NULL;
	if (nc)
		p->c = nc;
	if (nn)
		p->names = nn;
	if (!nc || !nn) {
		fu_contact_free(c);
		return fu__error(db, FU_ERROR, "out of memory");
	}
	fu_rule_contact *r = &p->c[p->n];
	memset(r, 0, sizeof *r);
	r->id = id;
	p->names[p->n] = c->name;
	c->name = NULL;
	r->name = p->names[p->n];
	r->prefers = c->prefers;
	r->no_calls = c->no_calls;
	r->social_ok = c->social_ok;
	r->attached = attached;
	r->has_email = c->email && *c->email;
	r->has_phone = c->phone && *c->phone;
	r->has_address = c->address && *c->address;
	p->n++;
	fu_contact_free(c);
	return FU_OK;
}

static int store_actions(fu_db *db, const fu_action *acts, size_t n,
			 int64_t subject_contact)
{
	int rc = FU_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		const fu_action *a = &acts[i];
		sqlite3_stmt *st = NULL;
		if ((rc = fu__prepare(db, &st, "INSERT INTO actions (key, kind, "
			"rule, application_id, subject_contact_id, contact_id, "
			"channel, not_before, due, trigger_event_id, seq, "
			"snoozed, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")))
			break;
		fu__bind_text(st, 1, a->key);
		fu__bind_text(st, 2, fu_action_kind_name(a->kind));
		fu__bind_text(st, 3, a->rule ? a->rule
					     : fu_action_kind_name(a->kind));
		fu__bind_time(st, 4, a->application_id);
		fu__bind_time(st, 5, subject_contact);
		fu__bind_time(st, 6, a->contact_id);
		fu__bind_text(st, 7, fu_channel_name(a->channel));
		sqlite3_bind_int64(st, 8, a->not_before);
		sqlite3_bind_int64(st, 9, a->due);
		fu__bind_time(st, 10, a->trigger_event_id);
		sqlite3_bind_int(st, 11, a->seq);
		sqlite3_bind_int(st, 12, a->snoozed);
		fu__bind_text(st, 13, a->reason);
		rc = fu__step_done(db, st);
	}
	return rc;
}

static int delete_actions(fu_db *db, const char *sql, int64_t id)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return fu__step_done(db, st);
}

/* Evaluate a subject whose events are loaded, and store what it owes. */
static int evaluate(fu_db *db, fu_rule_subject *s, const fu_event *ev,
		    size_t nev, people *p)
{
	int rc = FU_OK;
	for (size_t i = 0; i < nev && !rc; i++)
		for (size_t j = 0; j < ev[i].nwith && !rc; j++)
			rc = people_add(db, p, ev[i].with[j], 0);
	if (rc)
		return rc;
	if (!db->params_valid) {
		if ((rc = fu_config_params(&db->params, db)))
			return rc;
		db->params_valid = 1;
	}
	s->contacts = p->c;
	s->ncontacts = p->n;
	s->events = ev;
	s->nevents = nev;
	fu_action *acts = NULL;
	size_t nacts = 0;
	if (fu_rules_eval(&acts, &nacts, s, &db->params) != FU_OK)
		return fu__error(db, FU_ERROR, "out of memory");
	rc = store_actions(db, acts, nacts, s->contact_id);
	free(acts);
	return rc;
}

static int refresh_application(fu_db *db, int64_t id,
			       const fu__accepted *acc)
{
	fu_application *a = NULL;
	fu_event *ev = NULL;
	size_t nev = 0;
	people p = { 0 };
	fu_rule_subject s = { 0 };
	int rc;
	if ((rc = delete_actions(db, "DELETE FROM actions WHERE "
				 "application_id = ?", id)) ||
	    (rc = fu_application_get(&a, db, id)) ||
	    (rc = fu__event_list_subject(&ev, &nev, db, id, 0)))
		goto done;
	for (size_t i = 0; i < a->ncontacts && !rc; i++)
		rc = people_add(db, &p, a->contact_ids[i], 1);
	if (rc || (rc = fu__accepted_at(db, acc, id, &s.accepted_at)))
		goto done;
	s.application_id = id;
	s.source = a->source;
	s.no_calls = a->no_calls;
	s.no_follow_up = a->no_follow_up;
	s.outcome = a->outcome;
	s.closed_at = a->closed_at;
	s.applied_at = a->applied_at;
	rc = evaluate(db, &s, ev, nev, &p);
done:
	people_free(&p);
	fu_event_list_free(ev, nev);
	fu_application_free(a);
	return rc;
}

int fu__refresh_application(fu_db *db, int64_t id)
{
	return refresh_application(db, id, NULL);
}

int fu__refresh_contact(fu_db *db, int64_t id)
{
	fu_event *ev = NULL;
	size_t nev = 0;
	people p = { 0 };
	fu_rule_subject s = { 0 };
	int rc;
	if ((rc = delete_actions(db, "DELETE FROM actions WHERE "
				 "subject_contact_id = ?", id)) ||
	    (rc = fu__event_list_subject(&ev, &nev, db, 0, id)))
		goto done;
	if (nev == 0)
		goto done;
	if ((rc = people_add(db, &p, id, 1)))
		goto done;
	s.contact_id = id;
	rc = evaluate(db, &s, ev, nev, &p);
done:
	people_free(&p);
	fu_event_list_free(ev, nev);
	return rc;
}

/* Run fn over every id a query yields (query binds ?1 = arg). */
static int for_each_id(fu_db *db, const char *sql, int64_t arg,
		       int (*fn)(fu_db *, int64_t))
{
	int64_t *ids = NULL;
	size_t n = 0;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, arg);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *p = realloc(ids, (n + 1) * sizeof *p);
		if (!p) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		ids = p;
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	for (size_t i = 0; i < n && !rc; i++)
		rc = fn(db, ids[i]);
	free(ids);
	return rc;
}

int fu__refresh_involving(fu_db *db, int64_t contact)
{
	int rc = for_each_id(db,
		"SELECT application_id FROM application_contacts WHERE "
		"contact_id = ?1 UNION SELECT e.application_id FROM events e "
		"JOIN event_contacts ec ON ec.event_id = e.id WHERE "
		"ec.contact_id = ?1 AND e.application_id IS NOT NULL",
		contact, fu__refresh_application);
	if (rc)
		return rc;
	return for_each_id(db,
		"SELECT ?1 UNION SELECT e.contact_id FROM events e JOIN "
		"event_contacts ec ON ec.event_id = e.id WHERE ec.contact_id = "
		"?1 AND e.application_id IS NULL", contact, fu__refresh_contact);
}

/* Every subject's actions, into the actions table the name resolves to
 * (main, or this connection's stand-in in temp). */
static int refresh_all(fu_db *db)
{
	fu__accepted acc;
	sqlite3_stmt *st = NULL;
	int rc, src;
	if ((rc = fu__exec(db, "DELETE FROM actions")) ||
	    (rc = fu__accepted_load(db, &acc)) ||
	    (rc = fu__prepare(db, &st, "SELECT id FROM applications")))
		return rc;
	/* refreshing writes only actions: the rows being read stay put */
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW)
		rc = refresh_application(db, sqlite3_column_int64(st, 0), &acc);
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	if (rc)
		return rc;
	return for_each_id(db, "SELECT DISTINCT contact_id FROM events WHERE "
			   "application_id IS NULL AND ?1 = 0", 0,
			   fu__refresh_contact);
}

/* --- the stamp: what the stored actions were derived with ------------ */

/* Whether main.actions was worked out by these rules in this zone. A
 * file without a stamp (older, or never derived) is stale. */
static int stamp_fresh(fu_db *db, int *fresh)
{
	char zone[FU_ZONE_LEN];
	fu_time_zone_id(zone, sizeof zone);
	*fresh = 0;
	if (db->schema_version < 4)
		return FU_OK;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT rules = ? AND zone = ? FROM "
			     "main.actions_stamp WHERE id = 1");
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, FU_RULES_VERSION);
	fu__bind_text(st, 2, zone);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*fresh = sqlite3_column_int(st, 0);
	else if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

static int stamp_write(fu_db *db)
{
	char zone[FU_ZONE_LEN];
	fu_time_zone_id(zone, sizeof zone);
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "INSERT INTO main.actions_stamp (id, "
			     "rules, zone) VALUES (1, ?, ?) ON CONFLICT (id) DO "
			     "UPDATE SET rules = excluded.rules, zone = "
			     "excluded.zone");
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, FU_RULES_VERSION);
	fu__bind_text(st, 2, zone);
	return fu__step_done(db, st);
}

/* Drop this connection's stand-in, so that writes reach main.actions. */
static int drop_stand_in(fu_db *db)
{
	if (!db->actions_temp)
		return FU_OK;
	db->actions_temp = 0;
	return fu__exec(db, "DROP TABLE IF EXISTS temp.actions");
}

int fu__refresh_all(fu_db *db)
{
	int rc;
	if ((rc = drop_stand_in(db)) || (rc = refresh_all(db)) ||
	    (rc = stamp_write(db)))
		return rc;
	db->actions_fresh = 1;
	return FU_OK;
}

int fu__actions_for_write(fu_db *db)
{
	int fresh = 0, rc;
	if ((rc = drop_stand_in(db)) || (rc = stamp_fresh(db, &fresh)))
		return rc;
	db->actions_fresh = fresh;
	return fresh ? FU_OK : fu__refresh_all(db);
}

int fu__actions_for_read(fu_db *db)
{
	if (db->actions_fresh || db->actions_temp)
		return FU_OK;
	int fresh = 0;
	int rc = stamp_fresh(db, &fresh);
	if (rc || (db->actions_fresh = fresh))
		return rc;
	/* derived into temp.actions in one savepoint: quicker than a
	 * statement at a time, and gone whole if it fails */
	if ((rc = fu__exec(db, "SAVEPOINT fu_derive")))
		return rc;
	if ((rc = fu__schema_stand_in(db)) || (rc = refresh_all(db))) {
		fu__exec(db, "ROLLBACK TO fu_derive; RELEASE fu_derive");
		return rc;
	}
	db->actions_temp = 1;
	return fu__exec(db, "RELEASE fu_derive");
}

/* --- reading --------------------------------------------------------------- */

#define ACTION_SELECT \
	"SELECT x.id, x.key, x.kind, x.rule, x.application_id, " \
	"x.subject_contact_id, x.contact_id, x.channel, x.not_before, " \
	"x.due, x.trigger_event_id, x.seq, x.snoozed, x.reason, " \
	"co.name, a.role, c.name, sc.name FROM actions x " \
	"LEFT JOIN applications a ON a.id = x.application_id " \
	"LEFT JOIN companies co ON co.id = a.company_id " \
	"LEFT JOIN contacts c ON c.id = x.contact_id " \
	"LEFT JOIN contacts sc ON sc.id = x.subject_contact_id"

/* Column i, cut to fit buf (as snprintf "%s" would, "" for NULL). */
static void column_into(char *buf, size_t len, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
	if (n >= len)
		n = len - 1;
	if (n)
		memcpy(buf, t, n);
	buf[n] = '\0';
}

/* A row of ACTION_SELECT; its strings point into the statement. */
static void read_action_row(fu_action_row *r, sqlite3_stmt *st)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	column_into(r->a.key, sizeof r->a.key, st, 1);
	const char *kind = (const char *)sqlite3_column_text(st, 2);
	fu_action_kind k = FU_ACT_NONE;
	if (kind)
		fu_action_kind_parse(&k, kind);
	r->a.kind = k;
	const fu_rule_info *ri =
		fu_rule_find((const char *)sqlite3_column_text(st, 3));
	r->a.rule = ri ? ri->id : k ? fu_action_kind_name(k) : "unknown";
	r->a.application_id = sqlite3_column_int64(st, 4);
	r->subject_contact_id = sqlite3_column_int64(st, 5);
	r->a.contact_id = sqlite3_column_int64(st, 6);
	fu_channel ch = FU_CH_NONE;
	const char *chs = (const char *)sqlite3_column_text(st, 7);
	if (chs)
		fu_channel_parse(&ch, chs);
	r->a.channel = ch;
	r->a.not_before = sqlite3_column_int64(st, 8);
	r->a.due = sqlite3_column_int64(st, 9);
	r->a.trigger_event_id = sqlite3_column_int64(st, 10);
	r->a.seq = sqlite3_column_int(st, 11);
	r->a.snoozed = sqlite3_column_int(st, 12);
	column_into(r->a.reason, sizeof r->a.reason, st, 13);
	r->company = (char *)sqlite3_column_text(st, 14);
	r->role = (char *)sqlite3_column_text(st, 15);
	r->contact_name = (char *)sqlite3_column_text(st, 16);
	r->subject_name = (char *)sqlite3_column_text(st, 17);
}

int fu_action_each(fu_db *db, const fu_action_filter *f,
		   int (*fn)(const fu_action_row *row, void *arg), void *arg)
{
	static const fu_action_filter none = { 0 };
	if (!f)
		f = &none;
	int rc = fu__actions_for_read(db);
	if (rc)
		return rc;
	/* Only the conditions the filter sets, so that one application's
	 * actions are found through actions_application. "+x.due": read
	 * the table in its order and sort, rather than visit its rows in
	 * the order of actions_due (a random read for every row). */
	char sql[sizeof ACTION_SELECT + 256];
	snprintf(sql, sizeof sql, "%s WHERE 1%s%s%s%s ORDER BY %s+x.due, "
		 "x.not_before, x.key, x.id", ACTION_SELECT,
		 f->until ? " AND x.not_before <= ?1" : "",
		 f->overdue_only ? " AND x.due < ?2" : "",
		 f->application_id ? " AND x.application_id = ?3" : "",
		 f->contact_id ? " AND (x.contact_id = ?4 OR "
		 "x.subject_contact_id = ?4)" : "",
		 f->by_application ? "x.application_id, " : "");
	sqlite3_stmt *st = NULL;
	if ((rc = fu__prepare(db, &st, sql)))
		return rc;
	if (f->until)
		sqlite3_bind_int64(st, 1, f->until);
	if (f->overdue_only)
		sqlite3_bind_int64(st, 2, f->now);
	if (f->application_id)
		sqlite3_bind_int64(st, 3, f->application_id);
	if (f->contact_id)
		sqlite3_bind_int64(st, 4, f->contact_id);
	int src;
	fu_action_row r;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		read_action_row(&r, st);
		if ((rc = fn(&r, arg)))
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

typedef struct action_array {
	fu_db *db;
	fu_action_row *rows;
	size_t n, cap;
} action_array;

static int collect_action(const fu_action_row *row, void *arg)
{
	action_array *x = arg;
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 16;
		fu_action_row *p = realloc(x->rows, cap * sizeof *p);
		if (!p)
			return fu__error(x->db, FU_ERROR, "out of memory");
		x->rows = p;
		x->cap = cap;
	}
	fu_action_row *r = &x->rows[x->n++];
	*r = *row;
	r->company = fu__strdup(row->company);
	r->role = fu__strdup(row->role);
	r->contact_name = fu__strdup(row->contact_name);
	r->subject_name = fu__strdup(row->subject_name);
	if ((row->company && !r->company) || (row->role && !r->role) ||
	    (row->contact_name && !r->contact_name) ||
	    (row->subject_name && !r->subject_name))
		return fu__error(x->db, FU_ERROR, "out of memory");
	return FU_OK;
}

int fu_action_list(fu_action_row **out, size_t *n, fu_db *db,
		   const fu_action_filter *f)
{
	action_array x = { db, NULL, 0, 0 };
	int rc = fu_action_each(db, f, collect_action, &x);
	if (rc) {
		fu_action_list_free(x.rows, x.n);
		x.rows = NULL;
		x.n = 0;
	}
	*out = x.rows;
	*n = x.n;
	return rc;
}

void fu_action_list_free(fu_action_row *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].company);
		free(list[i].role);
		free(list[i].contact_name);
		free(list[i].subject_name);
	}
	free(list);
}
