/*
 * stats.c - fu stats: the numbers of stats.h, worked out over the
 * applications and events loaded once (the SQL only reads).
 */
#include <stdlib.h>
#include <string.h>

#include "fu/date.h"
#include "fu/rules.h"
#include "fu/stats.h"
#include "fu/store.h"
#include "internal.h"

typedef struct s_app {
	int64_t id;
	fu_outcome outcome;
	int64_t closed_at;
	int64_t first_contact; /* first attached contact, or 0 */
	int64_t applied_at;    /* first applied event, or 0 */
	int interview, offer;  /* events seen */
	int counted;
	size_t sent;           /* its sent events */
	int spoke;             /* the employer said something */
	int64_t first_word;    /* their first word since applying, or 0 */
} s_app;

typedef struct s_ev {
	int64_t id, at, app, contact;
	fu_event_kind kind;
	int64_t *with;
	size_t nwith;
} s_ev;

typedef struct data {
	s_app *apps;
	size_t napps;
	s_ev *evs;   /* by id */
	size_t nevs;
	const s_ev **sents; /* the sent events, by time */
	size_t nsents;
} data;

static void data_free(data *d)
{
	for (size_t i = 0; i < d->nevs; i++)
		free(d->evs[i].with);
	free(d->evs);
	free(d->apps);
	free(d->sents);
}

static const char *const stage_names[FU_STAGE__OPEN] = {
	"planned", "applied", "interviewing", "offer"
};

const char *fu_stats_stage_name(int stage)
{
	return stage >= 0 && stage < FU_STAGE__OPEN ? stage_names[stage] : NULL;
}

static int oom(fu_db *db)
{
	return fu__error(db, FU_ERROR, "out of memory");
}

static int load(fu_db *db, data *d)
{
	sqlite3_stmt *st = NULL;
	int rc, src;
	size_t cap = 0;
	if ((rc = fu__prepare(db, &st, "SELECT a.id, a.outcome, a.closed_at, "
		"(SELECT ac.contact_id FROM application_contacts ac WHERE "
		"ac.application_id = a.id ORDER BY ac.position LIMIT 1) "
		"FROM applications a ORDER BY a.id")))
		return rc;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (d->napps == cap) {
			cap = cap ? cap * 2 : 64;
			s_app *p = realloc(d->apps, cap * sizeof *p);
			if (!p) {
				rc = oom(db);
				break;
			}
			d->apps = p;
		}
		s_app *a = &d->apps[d->napps++];
		memset(a, 0, sizeof *a);
		a->id = sqlite3_column_int64(st, 0);
		const char *o = (const char *)sqlite3_column_text(st, 1);
		fu_outcome out = FU_OUT_NONE;
		if (o)
			fu_outcome_parse(&out, o);
		a->outcome = out;
		a->closed_at = sqlite3_column_int64(st, 2);
		a->first_contact = sqlite3_column_int64(st, 3);
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	if (rc)
		return rc;
	cap = 0;
	if ((rc = fu__prepare(db, &st, "SELECT id, kind, at, application_id, "
			      "contact_id FROM events ORDER BY id")))
		return rc;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (d->nevs == cap) {
			cap = cap ? cap * 2 : 256;
			s_ev *p = realloc(d->evs, cap * sizeof *p);
			if (!p) {
				rc = oom(db);
				break;
			}
			d->evs = p;
		}
		s_ev *e = &d->evs[d->nevs++];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(st, 0);
		const char *k = (const char *)sqlite3_column_text(st, 1);
		fu_event_kind kind = FU_EV_NONE;
		if (k && strcmp(k, "closed") == 0)
			kind = FU_EV_CLOSED;
		else if (k)
			fu_event_kind_parse(&kind, k);
		e->kind = kind;
		e->at = sqlite3_column_int64(st, 2);
		e->app = sqlite3_column_int64(st, 3);
		e->contact = sqlite3_column_int64(st, 4);
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	if (rc)
		return rc;
	/* the people of each event: both lists are in event order */
	if ((rc = fu__prepare(db, &st, "SELECT event_id, contact_id FROM "
			      "event_contacts ORDER BY event_id, position")))
		return rc;
	size_t i = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t ev = sqlite3_column_int64(st, 0);
		while (i < d->nevs && d->evs[i].id < ev)
			i++;
		if (i == d->nevs || d->evs[i].id != ev)
			continue;
		s_ev *e = &d->evs[i];
		int64_t *p = realloc(e->with, (e->nwith + 1) * sizeof *p);
		if (!p) {
			rc = oom(db);
			break;
		}
		e->with = p;
		p[e->nwith++] = sqlite3_column_int64(st, 1);
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

static s_app *app_of(data *d, int64_t id)
{
	size_t lo = 0, hi = d->napps;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->apps[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return id && lo < d->napps && d->apps[lo].id == id ? &d->apps[lo]
							   : NULL;
}

/* The employer said something: interview, meeting, reply, timeline,
 * offer, rejection (as the rules' employer_spoke). */
static int employer_word(fu_event_kind k)
{
	return k == FU_EV_INTERVIEW || k == FU_EV_MEETING ||
	       k == FU_EV_REPLY || k == FU_EV_TIMELINE || k == FU_EV_OFFER ||
	       k == FU_EV_REJECTION;
}

static int answered_outcome(fu_outcome o)
{
	return o == FU_OUT_ACCEPTED || o == FU_OUT_DECLINED ||
	       o == FU_OUT_REJECTED;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int has(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/* Whether sent s, inside the window of meeting e, reaches person p
 * (0: nobody known, then any sent on the subject does). */
static int reaches(const s_ev *s, const s_ev *e, int64_t p)
{
	int same = e->app ? s->app == e->app
			  : !s->app && s->contact == e->contact;
	if (p && (has(s->with, s->nwith, p) || s->contact == p))
		return 1;
	return same && (s->nwith == 0 || !p);
}

static int by_time(const void *a, const void *b)
{
	const s_ev *x = *(const s_ev *const *)a, *y = *(const s_ev *const *)b;
	return (x->at > y->at) - (x->at < y->at);
}

/* Whether a sent within the window after meeting e reaches person p:
 * the sents of that window only, found by time (all the sents for
 * every meeting made fu stats take ten minutes at 100k applications). */
static int thanked(const data *d, const s_ev *e, int64_t p, int64_t window)
{
	size_t lo = 0, hi = d->nsents;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->sents[mid]->at < e->at)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < d->nsents && d->sents[i]->at <= e->at + window;
	     i++)
		if (reaches(d->sents[i], e, p))
			return 1;
	return 0;
}

/* 1 thanked in time, 0 not, -1 still open (left out). */
static int meeting_thanked(data *d, const s_ev *e, int64_t window,
			   int64_t now)
{
	int64_t people[64];
	size_t n = 0;
	if (!e->app && e->contact)
		people[n++] = e->contact;
	for (size_t i = 0; i < e->nwith && n < 64; i++)
		if (!has(people, n, e->with[i]))
			people[n++] = e->with[i];
	if (n == 0 && e->app) {
		const s_app *a = app_of(d, e->app);
		if (a && a->first_contact)
			people[n++] = a->first_contact;
	}
	int all = 1;
	if (n == 0)
		all = thanked(d, e, 0, window);
	for (size_t i = 0; i < n && all; i++)
		all = thanked(d, e, people[i], window);
	if (all)
		return 1;
	return e->at + window > now ? -1 : 0;
}

static double median(int *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_int);
	if (n % 2)
		return v[n / 2];
	return (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

int fu_stats_compute(fu_stats *out, fu_db *db, int64_t since)
{
	data d = { 0 };
	fu_rule_params params;
	int *days = NULL;
	int rc;
	memset(out, 0, sizeof *out);
	out->since = since;
	out->response_rate = out->median_reply_days = -1;
	out->thank_you_rate = out->follow_ups_per_application = -1;
	if ((rc = fu_config_params(&params, db)) || (rc = load(db, &d)))
		goto done;
	out->thank_you_hours = params.v[FU_P_THANK_YOU_HOURS];
	int64_t window = (int64_t)out->thank_you_hours * 3600;
	int64_t now = fu_db_now(db);

	/* what each application went through */
	for (size_t i = 0; i < d.nevs; i++) {
		s_app *a = app_of(&d, d.evs[i].app);
		if (!a)
			continue;
		const s_ev *e = &d.evs[i];
		if (e->kind == FU_EV_APPLIED &&
		    (!a->applied_at || e->at < a->applied_at))
			a->applied_at = e->at;
		a->interview |= e->kind == FU_EV_INTERVIEW;
		a->offer |= e->kind == FU_EV_OFFER;
	}
	/* then, once applied_at is known: sents, and the employer's word */
	for (size_t i = 0; i < d.nevs; i++) {
		const s_ev *e = &d.evs[i];
		if (e->kind == FU_EV_SENT)
			d.nsents++;
		s_app *a = app_of(&d, e->app);
		if (!a)
			continue;
		if (e->kind == FU_EV_SENT)
			a->sent++;
		if (!employer_word(e->kind))
			continue;
		a->spoke = 1;
		if (a->applied_at && e->at >= a->applied_at &&
		    (!a->first_word || e->at < a->first_word))
			a->first_word = e->at;
	}
	if ((d.napps && !(days = calloc(d.napps, sizeof *days))) ||
	    (d.nsents && !(d.sents = malloc(d.nsents * sizeof *d.sents)))) {
		rc = oom(db);
		goto done;
	}
	d.nsents = 0;
	for (size_t i = 0; i < d.nevs; i++)
		if (d.evs[i].kind == FU_EV_SENT)
			d.sents[d.nsents++] = &d.evs[i];
	if (d.nsents)
		qsort(d.sents, d.nsents, sizeof *d.sents, by_time);
	for (size_t i = 0; i < d.napps; i++) {
		s_app *a = &d.apps[i];
		a->counted = !since || (a->applied_at && a->applied_at >= since);
		if (!a->counted)
			continue;
		out->applications++;
		if (a->outcome) {
			out->closed++;
			out->outcomes[a->outcome]++;
		} else {
			out->open++;
			out->stages[a->offer ? FU_STAGE_OFFER : a->interview ?
				    FU_STAGE_INTERVIEWING : a->applied_at ?
				    FU_STAGE_APPLIED : FU_STAGE_PLANNED]++;
		}
		if (!a->applied_at)
			continue;
		out->applied++;
		int responded = answered_outcome(a->outcome) || a->spoke;
		int64_t first = a->first_word;
		out->follow_ups += a->sent;
		if (!first && answered_outcome(a->outcome) &&
		    a->closed_at >= a->applied_at)
			first = a->closed_at;
		if (!responded)
			continue;
		out->responded++;
		if (first)
			days[out->reply_samples++] =
				fu_time_days_between(a->applied_at, first);
	}
	/* thank-yous after interviews and meetings */
	for (size_t i = 0; i < d.nevs; i++) {
		const s_ev *e = &d.evs[i];
		if (e->kind != FU_EV_INTERVIEW && e->kind != FU_EV_MEETING)
			continue;
		if (e->app) {
			const s_app *a = app_of(&d, e->app);
			if (!a || !a->counted)
				continue;
		} else if (since && e->at < since) {
			continue;
		}
		int t = meeting_thanked(&d, e, window, now);
		if (t < 0)
			continue;
		out->meetings++;
		out->thanked += (size_t)t;
	}
	if (out->applied) {
		out->response_rate = (double)out->responded / (double)out->applied;
		out->follow_ups_per_application =
			(double)out->follow_ups / (double)out->applied;
	}
	if (out->reply_samples)
		out->median_reply_days = median(days, out->reply_samples);
	if (out->meetings)
		out->thank_you_rate = (double)out->thanked / (double)out->meetings;
done:
	free(days);
	data_free(&d);
	return rc;
}
