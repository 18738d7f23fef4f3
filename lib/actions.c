/* SPDX-License-Identifier: MIT */
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

#include "fu/buf.h"
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

/* What one write's derivations leave to settle: the people whose
 * follow-ups and courtesies changed (rule 11 places them among all their
 * subjects), and the people whose recognised messages changed (the
 * other subjects sharing them are derived again). */
typedef struct settle {
	const fu__accepted *acc; /* refresh_all: read once */
	int64_t *dirty;
	size_t ndirty;
	int64_t *moved;
	size_t nmoved;
} settle;

static void settle_free(settle *z)
{
	free(z->dirty);
	free(z->moved);
}

static int note_person(fu_db *db, int64_t **list, size_t *n, int64_t id)
{
	if (id && fu__push_id(list, n, id))
		return fu__error(db, FU_ERROR, "out of memory");
	return FU_OK;
}

static int store_actions(fu_db *db, const fu_action *acts, size_t n,
			 int64_t subject_contact, settle *z)
{
	int rc = FU_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		const fu_action *a = &acts[i];
		sqlite3_stmt *st = NULL;
		if ((rc = fu__prepare(db, &st, "INSERT INTO actions (key, kind, "
			"rule, application_id, subject_contact_id, contact_id, "
			"channel, not_before, due, trigger_event_id, seq, "
			"snoozed, reason, constraints, expires, raw_not_before, "
			"raw_due, raw_reason) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,"
			"?10,?11,?12,?13,?14,?15,?8,?9,?13)")))
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
		sqlite3_bind_int64(st, 14, (int64_t)a->constraints);
		fu__bind_time(st, 15, a->expires);
		if (!(rc = fu__step_done(db, st)))
			rc = note_person(db, &z->dirty, &z->ndirty,
					 a->contact_id);
	}
	return rc;
}

/* Remove a subject's actions (app, or networking contact when app is 0),
 * noting the people they were owed to. */
static int delete_actions(fu_db *db, int64_t app, int64_t contact,
			  settle *z)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, app
		? "DELETE FROM actions WHERE application_id = ? RETURNING "
		  "contact_id"
		: "DELETE FROM actions WHERE subject_contact_id = ? RETURNING "
		  "contact_id");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, app ? app : contact);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW && !rc)
		rc = note_person(db, &z->dirty, &z->ndirty,
				 sqlite3_column_int64(st, 0));
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot write the database");
	sqlite3_finalize(st);
	return rc;
}

/* --- rule 11: the messages each subject recognised ------------------- */

static int mark_cmp(const void *a, const void *b)
{
	const fu_rule_mark *p = a, *q = b;
	if (p->at != q->at)
		return p->at < q->at ? -1 : 1;
	if (p->ord != q->ord)
		return p->ord < q->ord ? -1 : 1;
	if (p->event_id != q->event_id)
		return p->event_id < q->event_id ? -1 : 1;
	return (p->contact_id > q->contact_id) - (p->contact_id < q->contact_id);
}

/* The messages to the subject's people (people p) that other subjects
 * recognised, by time. */
static int foreign_marks(fu_db *db, const people *p, int64_t app,
			 int64_t subject_contact, fu_rule_mark **out,
			 size_t *n)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = fu__prepare(db, &st, "SELECT m.contact_id, m.at, m.event_id, "
		"m.courtesy, e.ord FROM marks m JOIN main.events e ON e.id = "
		"m.event_id WHERE m.contact_id = ?1 AND NOT (m.application_id "
		"IS ?2 AND m.subject_contact_id IS ?3)");
	if (rc)
		return rc;
	for (size_t i = 0; i < p->n && !rc; i++) {
		sqlite3_bind_int64(st, 1, p->c[i].id);
		fu__bind_time(st, 2, app);
		fu__bind_time(st, 3, subject_contact);
		int src;
		while ((src = sqlite3_step(st)) == SQLITE_ROW) {
			if (*n == cap) {
				cap = cap ? 2 * cap : 8;
				fu_rule_mark *q = realloc(*out, cap * sizeof *q);
				if (!q) {
					rc = fu__error(db, FU_ERROR,
						       "out of memory");
					break;
				}
				*out = q;
			}
			(*out)[(*n)++] = (fu_rule_mark){
				sqlite3_column_int64(st, 0),
				sqlite3_column_int64(st, 1),
				sqlite3_column_int64(st, 2),
				sqlite3_column_int(st, 3),
				sqlite3_column_int64(st, 4) };
		}
		if (!rc && src != SQLITE_DONE)
			rc = fu__sqlerr(db, src, "cannot read the database");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (*n > 1)
		qsort(*out, *n, sizeof **out, mark_cmp);
	return rc;
}

/* Whether mark m is in list v (n of them). */
static int has_mark(const fu_rule_mark *v, size_t n, const fu_rule_mark *m)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].contact_id == m->contact_id &&
		    v[i].event_id == m->event_id && v[i].at == m->at &&
		    v[i].courtesy == m->courtesy)
			return 1;
	return 0;
}

/* Replace the subject's marks by m (n of them), noting the people whose
 * marks changed. */
static int store_marks(fu_db *db, int64_t app, int64_t subject_contact,
		       const fu_rule_mark *m, size_t n, settle *z)
{
	sqlite3_stmt *st = NULL;
	fu_rule_mark *old = NULL;
	size_t nold = 0, cap = 0;
	int rc = fu__prepare(db, &st, "DELETE FROM marks WHERE application_id "
		"IS ?1 AND subject_contact_id IS ?2 RETURNING contact_id, at, "
		"event_id, courtesy");
	if (rc)
		return rc;
	fu__bind_time(st, 1, app);
	fu__bind_time(st, 2, subject_contact);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (nold == cap) {
			cap = cap ? 2 * cap : 8;
			fu_rule_mark *q = realloc(old, cap * sizeof *q);
			if (!q) {
				rc = fu__error(db, FU_ERROR, "out of memory");
				break;
			}
			old = q;
		}
		old[nold++] = (fu_rule_mark){ sqlite3_column_int64(st, 0),
			sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
			sqlite3_column_int(st, 3), 0 };
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot write the database");
	sqlite3_finalize(st);
	for (size_t i = 0; i < nold && !rc; i++)
		if (!has_mark(m, n, &old[i]))
			rc = note_person(db, &z->moved, &z->nmoved,
					 old[i].contact_id);
	for (size_t i = 0; i < n && !rc; i++) {
		if (!has_mark(old, nold, &m[i]) &&
		    (rc = note_person(db, &z->moved, &z->nmoved,
				      m[i].contact_id)))
			break;
		if ((rc = fu__prepare(db, &st, "INSERT OR REPLACE INTO marks "
			"(event_id, contact_id, at, courtesy, application_id, "
			"subject_contact_id) VALUES (?, ?, ?, ?, ?, ?)")))
			break;
		sqlite3_bind_int64(st, 1, m[i].event_id);
		sqlite3_bind_int64(st, 2, m[i].contact_id);
		sqlite3_bind_int64(st, 3, m[i].at);
		sqlite3_bind_int(st, 4, m[i].courtesy);
		fu__bind_time(st, 5, app);
		fu__bind_time(st, 6, subject_contact);
		rc = fu__step_done(db, st);
	}
	free(old);
	return rc;
}

/* Evaluate a subject whose events are loaded, and store what it owes
 * and what it recognised as sent. */
static int evaluate(fu_db *db, fu_rule_subject *s, const fu_event *ev,
		    size_t nev, people *p, settle *z)
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
	fu_rule_mark *fm = NULL, *om = NULL;
	size_t nfm = 0, nom = 0;
	if ((rc = foreign_marks(db, p, s->application_id, s->contact_id, &fm,
				&nfm)))
		return rc;
	s->contacts = p->c;
	s->ncontacts = p->n;
	s->events = ev;
	s->nevents = nev;
	s->marks = fm;
	s->nmarks = nfm;
	fu_action *acts = NULL;
	size_t nacts = 0;
	if (fu_rules_eval_marks(&acts, &nacts, &om, &nom, s,
				&db->params) != FU_OK)
		rc = fu__error(db, FU_ERROR, "out of memory");
	if (!rc)
		rc = store_actions(db, acts, nacts, s->contact_id, z);
	if (!rc)
		rc = store_marks(db, s->application_id, s->contact_id, om, nom,
				 z);
	free(acts);
	free(om);
	free(fm);
	return rc;
}

static int derive_application(fu_db *db, int64_t id, settle *z)
{
	fu_application *a = NULL;
	fu_event *ev = NULL;
	size_t nev = 0;
	people p = { 0 };
	fu_rule_subject s = { 0 };
	int rc;
	if ((rc = delete_actions(db, id, 0, z)) ||
	    (rc = fu_application_get(&a, db, id)) ||
	    (rc = fu__event_list_subject(&ev, &nev, db, id, 0)))
		goto done;
	for (size_t i = 0; i < a->ncontacts && !rc; i++)
		rc = people_add(db, &p, a->contact_ids[i], 1);
	if (rc || (rc = fu__accepted_at(db, z->acc, id, &s.accepted_at)))
		goto done;
	s.application_id = id;
	s.source = a->source;
	s.no_calls = a->no_calls;
	s.no_follow_up = a->no_follow_up;
	s.outcome = a->outcome;
	s.closed_at = a->closed_at;
	s.applied_at = a->applied_at;
	rc = evaluate(db, &s, ev, nev, &p, z);
done:
	people_free(&p);
	fu_event_list_free(ev, nev);
	fu_application_free(a);
	return rc;
}

static int derive_contact(fu_db *db, int64_t id, settle *z)
{
	fu_event *ev = NULL;
	size_t nev = 0;
	people p = { 0 };
	fu_rule_subject s = { 0 };
	int rc;
	if ((rc = delete_actions(db, 0, id, z)) ||
	    (rc = fu__event_list_subject(&ev, &nev, db, 0, id)))
		goto done;
	if (nev == 0) {
		rc = store_marks(db, 0, id, NULL, 0, z);
		goto done;
	}
	if ((rc = people_add(db, &p, id, 1)))
		goto done;
	s.contact_id = id;
	rc = evaluate(db, &s, ev, nev, &p, z);
done:
	people_free(&p);
	fu_event_list_free(ev, nev);
	return rc;
}

/* The ids a query yields (binding ?1 = arg), into a new array. */
static int ids_of(fu_db *db, int64_t **ids, size_t *n, const char *sql,
		  int64_t arg)
{
	sqlite3_stmt *st = NULL;
	*ids = NULL;
	*n = 0;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, arg);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		if (fu__push_id(ids, n, sqlite3_column_int64(st, 0))) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

/* The applications that involve a person (attached, or met in one of
 * their events), and the networking subjects that do (theirs, and those
 * whose events name them). */
static const char apps_involving_sql[] =
	"SELECT application_id FROM application_contacts WHERE contact_id = ?1 "
	"UNION SELECT e.application_id FROM events e JOIN event_contacts ec ON "
	"ec.event_id = e.id WHERE ec.contact_id = ?1 AND e.application_id IS "
	"NOT NULL";
static const char contacts_involving_sql[] =
	"SELECT ?1 UNION SELECT e.contact_id FROM events e JOIN event_contacts "
	"ec ON ec.event_id = e.id WHERE ec.contact_id = ?1 AND e.application_id "
	"IS NULL";

/* Derive every subject that involves a person, but subject (app, or
 * networking contact) itself. */
static int derive_involving(fu_db *db, int64_t person, int64_t app,
			    int64_t contact, settle *z)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = ids_of(db, &ids, &n, apps_involving_sql, person);
	for (size_t i = 0; i < n && !rc; i++)
		if (ids[i] != app)
			rc = derive_application(db, ids[i], z);
	free(ids);
	ids = NULL;
	if (!rc)
		rc = ids_of(db, &ids, &n, contacts_involving_sql, person);
	for (size_t i = 0; i < n && !rc; i++)
		if (app || ids[i] != contact)
			rc = derive_contact(db, ids[i], z);
	free(ids);
	return rc;
}

/* --- rule 11: one person, one cadence, across their subjects ---------- */

typedef struct placed {
	int64_t id;
	char *key;
	fu_action_kind kind;
	int64_t app, subject;   /* application, or -networking contact */
	int64_t nb, due, raw_nb, raw_due;
	char *reason;
	unsigned constraints;
	char *about;            /* "Globex (Site Reliability Engineer)" */
	int carrier;            /* the placed whose message serves it, or -1 */
	fu_buf also;
} placed;

static void rows_free(placed *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].key);
		free(r[i].reason);
		free(r[i].about);
		fu_buf_free(&r[i].also);
	}
	free(r);
}

static int is_stage(const placed *r)
{
	return r->app && (r->kind == FU_ACT_APP_CHECK_IN ||
			  r->kind == FU_ACT_INTERVIEW_CHECK_IN ||
			  r->kind == FU_ACT_NUDGE);
}

static int business(fu_action_kind k)
{
	return k == FU_ACT_APP_CHECK_IN || k == FU_ACT_INTERVIEW_CHECK_IN ||
	       k == FU_ACT_NUDGE || k == FU_ACT_CLOSURE;
}

static int load_person_rows(fu_db *db, int64_t person, placed **out, size_t *n)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = fu__prepare(db, &st, "SELECT x.id, x.key, x.kind, "
		"x.application_id, x.subject_contact_id, x.raw_not_before, "
		"x.raw_due, x.raw_reason, x.constraints, co.name, a.role FROM "
		"actions x LEFT JOIN applications a ON a.id = x.application_id "
		"LEFT JOIN companies co ON co.id = a.company_id WHERE "
		"x.contact_id = ? ORDER BY x.raw_not_before, x.raw_due, x.key");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, person);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			placed *q = realloc(*out, cap * sizeof *q);
			if (!q) {
				rc = fu__error(db, FU_ERROR, "out of memory");
				break;
			}
			*out = q;
		}
		placed *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		fu_buf_init(&r->also);
		r->id = sqlite3_column_int64(st, 0);
		r->key = fu__col_text(st, 1);
		fu_action_kind k = FU_ACT_NONE;
		const char *kind = (const char *)sqlite3_column_text(st, 2);
		if (kind)
			fu_action_kind_parse(&k, kind);
		r->kind = k;
		r->app = sqlite3_column_int64(st, 3);
		r->subject = r->app ? r->app : -sqlite3_column_int64(st, 4);
		r->nb = r->raw_nb = sqlite3_column_int64(st, 5);
		r->due = r->raw_due = sqlite3_column_int64(st, 6);
		r->reason = fu__col_text(st, 7);
		r->constraints = (unsigned)sqlite3_column_int64(st, 8);
		r->carrier = -1;
		const char *co = (const char *)sqlite3_column_text(st, 9);
		const char *role = (const char *)sqlite3_column_text(st, 10);
		if (co) {
			fu_buf b = FU_BUF_INIT;
			fu_buf_printf(&b, "%s (%s)", co, role ? role : "");
			r->about = fu_buf_detach(&b);
		}
		if (!r->key || !r->reason) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

/* Append "<before><arg><after>" to a reason (arg NULL: "another
 * application"). */
static void reason_more(placed *r, const char *before, const char *arg,
			const char *after)
{
	fu_buf b = FU_BUF_INIT;
	fu_buf_puts(&b, r->reason);
	fu_buf_puts(&b, before);
	fu_buf_puts(&b, arg ? arg : "another application");
	fu_buf_puts(&b, after);
	char *s = fu_buf_detach(&b);
	if (s) {
		free(r->reason);
		r->reason = s;
	}
}

/*
 * Rule 11 for one person, across every subject that owes them
 * something. Their follow-ups, in order: a check-in or nudge for one
 * application that falls within rules.min-gap-days of the one placed
 * for another is served by the same message (it names both); any other
 * waits that long after the one before it, keeping its business days.
 * Two courtesies owed the same day by different subjects are one
 * message. Every placement starts again from each subject's own
 * window (raw_*), so this can run as often as their subjects change.
 */
static int place_person(fu_db *db, int64_t person)
{
	placed *r = NULL;
	size_t n = 0;
	int rc = load_person_rows(db, person, &r, &n);
	if (rc)
		goto write;
	int gap = db->params.v[FU_P_MIN_GAP_DAYS];
	int carrier = -1;
	int64_t last = 0;
	for (size_t i = 0; i < n; i++) {
		placed *x = &r[i];
		if (!fu_action_is_follow_up(x->kind))
			continue;
		if (carrier >= 0 && is_stage(x) &&
		    x->subject != r[carrier].subject &&
		    x->raw_nb < fu_time_add_days(r[carrier].nb, gap)) {
			x->carrier = carrier;
			continue;
		}
		if (last && gap > 0 && x->nb < fu_time_add_days(last, gap)) {
			int64_t nb = fu_time_add_days(last, gap);
			x->due += nb - x->nb;
			x->nb = nb;
			if (business(x->kind)) {
				x->nb = fu_time_business_day(x->nb);
				x->due = fu_time_business_day(x->due);
				if (fu_time_start_of_day(x->due) <=
				    fu_time_start_of_day(x->nb))
					x->due = fu_time_business_day(
						fu_time_add_days(x->nb, 1));
			}
			x->constraints |= 1u << 11;
			reason_more(x, "; a week after the follow-up owed to "
				    "them for ", carrier >= 0 ? r[carrier].about
				    : NULL, " (one person, one cadence)");
		}
		last = x->nb;
		carrier = is_stage(x) ? (int)i : -1;
	}
	for (size_t i = 0; i < n; i++) {
		placed *x = &r[i];
		if (!fu_action_is_courtesy(x->kind) || x->carrier >= 0)
			continue;
		int64_t day = fu_time_start_of_day(x->raw_nb);
		for (size_t j = i + 1; j < n; j++) {
			placed *y = &r[j];
			if (!fu_action_is_courtesy(y->kind) || y->carrier >= 0 ||
			    y->subject == x->subject ||
			    fu_time_start_of_day(y->raw_nb) != day)
				continue;
			y->carrier = (int)i;
		}
	}
	/* each carrier names what it serves: "; one message to them also
	 * serves A, B and C" */
	for (size_t i = 0; i < n; i++) {
		placed *c = &r[i];
		size_t riders = 0, said = 0;
		for (size_t j = 0; j < n; j++)
			riders += r[j].carrier == (int)i;
		for (size_t j = 0; j < n && riders; j++) {
			placed *x = &r[j];
			if (x->carrier != (int)i)
				continue;
			fu_buf_printf(&c->also, "%s%s", c->also.len ? " " : "",
				      x->key);
			said++;
			reason_more(c, said == 1 ? "; one message to them also "
				    "serves " : said == riders ? " and " : ", ",
				    x->about, "");
		}
		if (riders)
			c->constraints |= 1u << 11;
	}
write:
	for (size_t i = 0; i < n && !rc; i++) {
		placed *x = &r[i];
		sqlite3_stmt *st = NULL;
		if ((rc = fu__prepare(db, &st, "UPDATE actions SET not_before = "
			"?, due = ?, reason = ?, constraints = ?, joined = ?, "
			"also = ? WHERE id = ?")))
			break;
		sqlite3_bind_int64(st, 1, x->nb);
		sqlite3_bind_int64(st, 2, x->due);
		fu__bind_text(st, 3, x->reason);
		sqlite3_bind_int64(st, 4, (int64_t)x->constraints);
		fu__bind_text(st, 5, x->carrier >= 0 ? r[x->carrier].key : NULL);
		fu__bind_text(st, 6, x->also.len ? x->also.data : NULL);
		sqlite3_bind_int64(st, 7, x->id);
		rc = fu__step_done(db, st);
	}
	rows_free(r, n);
	return rc;
}

/* After a write's derivations: the subjects sharing a person whose
 * recognised messages changed are derived again (once: what a subject
 * recognises depends on its own events only), then every person whose
 * actions changed is placed (rule 11). app/contact: the subject the
 * write derived (not derived again). */
static int finish(fu_db *db, settle *z, int64_t app, int64_t contact)
{
	int rc = FU_OK;
	size_t nmoved = z->nmoved;
	int64_t *moved = z->moved;
	z->moved = NULL;
	z->nmoved = 0;
	for (size_t i = 0; i < nmoved && !rc; i++)
		rc = derive_involving(db, moved[i], app, contact, z);
	free(moved);
	for (size_t i = 0; i < z->ndirty && !rc; i++)
		rc = place_person(db, z->dirty[i]);
	return rc;
}

int fu__refresh_application(fu_db *db, int64_t id)
{
	settle z = { 0 };
	int rc = derive_application(db, id, &z);
	if (!rc)
		rc = finish(db, &z, id, 0);
	settle_free(&z);
	return rc;
}

int fu__refresh_contact(fu_db *db, int64_t id)
{
	settle z = { 0 };
	int rc = derive_contact(db, id, &z);
	if (!rc)
		rc = finish(db, &z, 0, id);
	settle_free(&z);
	return rc;
}

int fu__refresh_involving(fu_db *db, int64_t contact)
{
	settle z = { 0 };
	int rc = derive_involving(db, contact, 0, 0, &z);
	if (!rc)
		rc = finish(db, &z, 0, 0);
	settle_free(&z);
	return rc;
}

/* Every subject's actions, into the actions table the name resolves to
 * (main, or this connection's stand-in in temp). What each recognised
 * is stored as it goes; the subjects that share a person with another's
 * messages are derived once more when all are known. */
static int refresh_all(fu_db *db)
{
	fu__accepted acc;
	settle z = { .acc = &acc };
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;
	if ((rc = fu__exec(db, "DELETE FROM actions; DELETE FROM marks")) ||
	    (rc = fu__accepted_load(db, &acc)) ||
	    (rc = ids_of(db, &ids, &n, "SELECT id FROM applications WHERE "
			 "?1 = 0", 0)))
		goto done;
	for (size_t i = 0; i < n && !rc; i++)
		rc = derive_application(db, ids[i], &z);
	free(ids);
	ids = NULL;
	if (rc || (rc = ids_of(db, &ids, &n, "SELECT DISTINCT contact_id "
			       "FROM events WHERE application_id IS NULL AND "
			       "?1 = 0", 0)))
		goto done;
	for (size_t i = 0; i < n && !rc; i++)
		rc = derive_contact(db, ids[i], &z);
	free(ids);
	ids = NULL;
	/* once more, the applications and networking subjects whose people
	 * another subject wrote to */
	if (rc || (rc = ids_of(db, &ids, &n, "SELECT DISTINCT p.app FROM "
		"(SELECT application_id AS app, contact_id FROM "
		"application_contacts UNION SELECT e.application_id, "
		"ec.contact_id FROM events e JOIN event_contacts ec ON "
		"ec.event_id = e.id WHERE e.application_id IS NOT NULL) p JOIN "
		"marks m ON m.contact_id = p.contact_id AND m.application_id "
		"IS NOT p.app WHERE ?1 = 0", 0)))
		goto done;
	for (size_t i = 0; i < n && !rc; i++)
		rc = derive_application(db, ids[i], &z);
	free(ids);
	ids = NULL;
	if (rc || (rc = ids_of(db, &ids, &n, "SELECT DISTINCT p.subject FROM "
		"(SELECT contact_id AS subject, contact_id FROM events WHERE "
		"application_id IS NULL UNION SELECT e.contact_id, "
		"ec.contact_id FROM events e JOIN event_contacts ec ON "
		"ec.event_id = e.id WHERE e.application_id IS NULL) p JOIN "
		"marks m ON m.contact_id = p.contact_id AND "
		"m.subject_contact_id IS NOT p.subject WHERE ?1 = 0", 0)))
		goto done;
	for (size_t i = 0; i < n && !rc; i++)
		rc = derive_contact(db, ids[i], &z);
	free(ids);
	ids = NULL;
	/* rule 11 for the people owed something by several subjects */
	free(z.dirty);
	z.dirty = NULL;
	z.ndirty = 0;
	if (rc || (rc = ids_of(db, &z.dirty, &z.ndirty, "SELECT contact_id "
		"FROM actions WHERE contact_id IS NOT NULL GROUP BY contact_id "
		"HAVING count(DISTINCT coalesce(application_id, "
		"-subject_contact_id)) > 1 AND ?1 = 0", 0)))
		goto done;
	for (size_t i = 0; i < z.ndirty && !rc; i++)
		rc = place_person(db, z.dirty[i]);
done:
	free(ids);
	settle_free(&z);
	return rc;
}

int fu__actions_forget_contact(fu_db *db, int64_t contact)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "DELETE FROM actions WHERE contact_id = "
			     "?1 OR subject_contact_id = ?1");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, contact);
	if ((rc = fu__step_done(db, st)) ||
	    (rc = fu__prepare(db, &st, "DELETE FROM marks WHERE contact_id = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, contact);
	return fu__step_done(db, st);
}

/* --- the stamp: what the stored actions were derived with ------------ */

/* Whether main.actions was worked out by these rules in this zone. A
 * file without a stamp (older, or never derived) is stale. */
static int stamp_fresh(fu_db *db, int *fresh)
{
	char zone[FU_ZONE_LEN];
	fu_time_zone_id(zone, sizeof zone);
	*fresh = 0;
	if (db->schema_version < FU_SCHEMA_VERSION)
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
	"co.name, a.role, c.name, sc.name, x.constraints, x.expires, " \
	"x.joined, x.also FROM actions x " \
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
	r->a.constraints = (unsigned)sqlite3_column_int64(st, 18);
	r->a.expires = sqlite3_column_int64(st, 19);
	r->joined = (char *)sqlite3_column_text(st, 20);
	r->also = (char *)sqlite3_column_text(st, 21);
}

/* The conditions of a filter, for a query on "actions x": only those
 * the filter sets, so that one application's actions are found through
 * actions_application. Rule 11: an action served by another's message is
 * shown with that one, unless one application or person is asked for.
 * Rule 17: advice that has lapsed is not shown. Parameters: ?1 until,
 * ?2 now, ?3 application, ?4 contact (bind_filter). */
static void filter_where(char *buf, size_t len, const fu_action_filter *f)
{
	int riders = f->with_riders || f->application_id || f->contact_id;
	snprintf(buf, len, " WHERE 1%s%s%s%s%s%s",
		 f->until ? " AND x.not_before <= ?1" : "",
		 f->overdue_only ? " AND x.due < ?2" : "",
		 f->application_id ? " AND x.application_id = ?3" : "",
		 f->contact_id ? " AND (x.contact_id = ?4 OR "
		 "x.subject_contact_id = ?4)" : "",
		 riders ? "" : " AND x.joined IS NULL",
		 f->now ? " AND (x.expires IS NULL OR x.expires > ?2)" : "");
}

static void bind_filter(sqlite3_stmt *st, const fu_action_filter *f)
{
	if (f->until)
		sqlite3_bind_int64(st, 1, f->until);
	if (f->overdue_only || f->now)
		sqlite3_bind_int64(st, 2, f->now);
	if (f->application_id)
		sqlite3_bind_int64(st, 3, f->application_id);
	if (f->contact_id)
		sqlite3_bind_int64(st, 4, f->contact_id);
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
	/* "+x.due": read the table in its order and sort, rather than
	 * visit its rows in the order of actions_due (a random read for
	 * every row). With a time to judge by, what is overdue comes
	 * first, then what is due, then what is coming. */
	char where[400], sql[sizeof ACTION_SELECT + sizeof where + 200];
	filter_where(where, sizeof where, f);
	snprintf(sql, sizeof sql, "%s%s ORDER BY %s%s+x.due, x.not_before, "
		 "x.key, x.id", ACTION_SELECT, where,
		 f->by_application ? "x.application_id, " : "",
		 f->now ? "CASE WHEN x.due < ?2 THEN 0 WHEN x.not_before <= ?2 "
		 "THEN 1 ELSE 2 END, " : "");
	sqlite3_stmt *st = NULL;
	if ((rc = fu__prepare(db, &st, sql)))
		return rc;
	bind_filter(st, f);
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

int fu_action_count(fu_db *db, const fu_action_filter *f, size_t *out)
{
	static const fu_action_filter none = { 0 };
	if (!f)
		f = &none;
	*out = 0;
	int rc = fu__actions_for_read(db);
	if (rc)
		return rc;
	/* the rows fu_action_each walks, counted without their names */
	char where[400], sql[sizeof where + 64];
	filter_where(where, sizeof where, f);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM actions x%s", where);
	sqlite3_stmt *st = NULL;
	if ((rc = fu__prepare(db, &st, sql)))
		return rc;
	bind_filter(st, f);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = (size_t)sqlite3_column_int64(st, 0);
	else
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
	r->joined = fu__strdup(row->joined);
	r->also = fu__strdup(row->also);
	if ((row->company && !r->company) || (row->role && !r->role) ||
	    (row->contact_name && !r->contact_name) ||
	    (row->subject_name && !r->subject_name) ||
	    (row->joined && !r->joined) || (row->also && !r->also))
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
		free(list[i].joined);
		free(list[i].also);
	}
	free(list);
}

int fu_action_last_follow_up(fu_db *db, int64_t contact_id, int64_t *at)
{
	int rc = fu__actions_for_read(db);
	if (rc)
		return rc;
	return fu__query_int64(db, at, "SELECT coalesce(max(at), 0) FROM marks "
			       "WHERE contact_id = ? AND NOT courtesy",
			       contact_id);
}
