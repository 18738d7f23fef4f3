/* SPDX-License-Identifier: MIT */
/*
 * stats.c - fu stats: the numbers of stats.h, worked out over the
 * applications and events, read once through their owners.
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
	fu_stage stage;
	fu_source source;
	int counted;
	size_t sent;           /* its sent events */
	int spoke;             /* the employer said something */
	int64_t first_word;    /* their first word since applying, or 0 */
	int64_t first;         /* that, or the closing that answered */
	int responded;
	size_t waiting_sents;  /* check-ins: sents while waiting for it */
} s_app;

typedef struct s_ev {
	int64_t id, at, app, contact;
	fu_event_kind kind;
	int64_t *with;
	size_t nwith;
} s_ev;

typedef struct data {
	fu_db *db;
	s_app *apps;
	size_t napps, capapps;
	s_ev *evs;   /* by id */
	size_t nevs, capevs;
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

const char *fu_stats_stage_name(int stage)
{
	return fu_stage_name((fu_stage)stage);
}

static int oom(fu_db *db)
{
	return fu__error(db, FU_ERROR, "out of memory");
}

static int load_app(const fu_application *a, void *arg)
{
	data *d = arg;
	if (d->napps == d->capapps) {
		size_t cap = d->capapps ? d->capapps * 2 : 64;
		s_app *p = realloc(d->apps, cap * sizeof *p);
		if (!p)
			return oom(d->db);
		d->apps = p;
		d->capapps = cap;
	}
	s_app *x = &d->apps[d->napps++];
	memset(x, 0, sizeof *x);
	x->id = a->id;
	x->outcome = a->outcome;
	x->closed_at = a->closed_at;
	x->first_contact = a->main_contact;
	x->applied_at = a->applied_at;
	x->stage = a->stage;
	x->source = a->source;
	return FU_OK;
}

static int load_event(const fu_event *e, void *arg)
{
	data *d = arg;
	if (d->nevs == d->capevs) {
		size_t cap = d->capevs ? d->capevs * 2 : 256;
		s_ev *p = realloc(d->evs, cap * sizeof *p);
		if (!p)
			return oom(d->db);
		d->evs = p;
		d->capevs = cap;
	}
	s_ev *x = &d->evs[d->nevs];
	memset(x, 0, sizeof *x);
	if (e->nwith && !(x->with = malloc(e->nwith * sizeof *x->with)))
		return oom(d->db);
	d->nevs++;
	x->id = e->id;
	x->kind = e->kind;
	x->at = e->at;
	x->app = e->application_id;
	x->contact = e->contact_id;
	if (e->nwith)
		memcpy(x->with, e->with, e->nwith * sizeof *x->with);
	x->nwith = e->nwith;
	return FU_OK;
}

/* Every application and every event (with its people), through their
 * owners: both by number. */
static int load(fu_db *db, data *d)
{
	int rc = fu_application_each(db, NULL, load_app, d);
	return rc ? rc : fu__event_each(db, 0, load_event, d);
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

/* Whether a sent within the window after meeting e (up to end)
 * reaches person p: the sents of that window only, found by time (all
 * the sents for every meeting made fu stats take ten minutes at 100k
 * applications). */
static int thanked(const data *d, const s_ev *e, int64_t p, int64_t end)
{
	size_t lo = 0, hi = d->nsents;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->sents[mid]->at < e->at)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < d->nsents && d->sents[i]->at <= end; i++)
		if (reaches(d->sents[i], e, p))
			return 1;
	return 0;
}

/* 1 thanked in time, 0 not, -1 still open (left out). The window ends
 * where the rule engine puts the thank-you's due. */
static int meeting_thanked(data *d, const s_ev *e, int hours, int64_t now)
{
	int64_t end = fu_rules_plus_hours(e->at, hours);
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
		all = thanked(d, e, 0, end);
	for (size_t i = 0; i < n && all; i++)
		all = thanked(d, e, people[i], end);
	if (all)
		return 1;
	return end > now ? -1 : 0;
}

static double ratio(size_t part, size_t whole)
{
	return whole ? (double)part / (double)whole : -1;
}

static double median(int *v, size_t n)
{
	if (!n)
		return -1;
	qsort(v, n, sizeof *v, cmp_int);
	if (n % 2)
		return v[n / 2];
	return (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

int fu_stats_compute(fu_stats *out, fu_db *db, int64_t since)
{
	data d = { .db = db };
	fu_rule_params params;
	int *days = NULL, *by_source = NULL, *tmp = NULL;
	int rc;
	memset(out, 0, sizeof *out);
	out->since = since;
	out->response_rate = out->median_reply_days = -1;
	out->thank_you_rate = out->follow_ups_per_application = -1;
	out->checked_in_rate = out->not_checked_in_rate = -1;
	out->ghosted_rate = -1;
	for (int n = 0; n < 4; n++)
		out->reply_rate[n] = -1;
	for (int src = 0; src < FU_SRC__COUNT; src++)
		out->source_median_days[src] = -1;
	if ((rc = fu_config_params(&params, db)) || (rc = load(db, &d)))
		goto done;
	out->thank_you_hours = params.v[FU_P_THANK_YOU_HOURS];
	out->ghost_days = params.v[FU_P_BOARD_SILENCE_DAYS];
	int64_t now = fu_db_now(db);

	/* sents, and the employer's word */
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
	if ((d.napps && (!(days = calloc(d.napps, sizeof *days)) ||
			 !(by_source = calloc(d.napps, sizeof *by_source)) ||
			 !(tmp = calloc(d.napps, sizeof *tmp)))) ||
	    (d.nsents && !(d.sents = malloc(d.nsents * sizeof *d.sents)))) {
		rc = oom(db);
		goto done;
	}
	for (size_t i = 0; i < d.napps; i++) {
		s_app *a = &d.apps[i];
		a->responded = answered_outcome(a->outcome) || a->spoke;
		a->first = a->first_word;
		if (!a->first && answered_outcome(a->outcome) &&
		    a->closed_at >= a->applied_at)
			a->first = a->closed_at;
	}
	/* check-ins: sents while waiting for the employer's first word
	 * (the sents of an application that was answered before it was
	 * applied to are none: it was never waiting) */
	d.nsents = 0;
	for (size_t i = 0; i < d.nevs; i++) {
		const s_ev *e = &d.evs[i];
		if (e->kind != FU_EV_SENT)
			continue;
		d.sents[d.nsents++] = e;
		s_app *a = app_of(&d, e->app);
		if (a && a->applied_at && e->at >= a->applied_at &&
		    (a->first ? e->at < a->first : !a->responded))
			a->waiting_sents++;
	}
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
			out->stages[a->stage < FU_STAGE__OPEN ? a->stage
							      : FU_STAGE_PLANNED]++;
		}
		if (!a->applied_at)
			continue;
		out->applied++;
		out->follow_ups += a->sent;
		size_t k = a->waiting_sents < 3 ? a->waiting_sents : 3;
		for (size_t n = 0; n <= k; n++)
			out->waited[n]++;
		if (!a->responded) {
			if (a->outcome == FU_OUT_NO_RESPONSE ||
			    (!a->outcome && fu_time_days_between(a->applied_at,
					now) >= out->ghost_days))
				out->ghosted++;
			continue;
		}
		out->responded++;
		out->replied[k]++;
		if (a->first) {
			by_source[out->reply_samples] = (int)a->source;
			days[out->reply_samples++] =
				fu_time_days_between(a->applied_at, a->first);
		}
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
		int t = meeting_thanked(&d, e, out->thank_you_hours, now);
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
	out->checked_in = out->waited[1];
	out->not_checked_in = out->waited[0] - out->waited[1];
	out->not_checked_in_replied = out->replied[0];
	out->checked_in_replied = out->replied[1] + out->replied[2] +
				  out->replied[3];
	out->checked_in_rate = ratio(out->checked_in_replied, out->checked_in);
	out->not_checked_in_rate = ratio(out->not_checked_in_replied,
					 out->not_checked_in);
	for (int n = 0; n < 4; n++)
		out->reply_rate[n] = ratio(out->replied[n], out->waited[n]);
	out->ghosted_rate = ratio(out->ghosted, out->applied);
	/* by source first (median() sorts what it is given): each
	 * source's days gathered at the front of tmp */
	for (int src = 0; src < FU_SRC__COUNT; src++) {
		size_t m = 0;
		for (size_t i = 0; i < out->reply_samples; i++)
			if (by_source[i] == src)
				tmp[m++] = days[i];
		out->source_samples[src] = m;
		out->source_median_days[src] = median(tmp, m);
	}
	if (out->reply_samples)
		out->median_reply_days = median(days, out->reply_samples);
	if (out->meetings)
		out->thank_you_rate = (double)out->thanked / (double)out->meetings;
done:
	free(days);
	free(by_source);
	free(tmp);
	data_free(&d);
	return rc;
}
