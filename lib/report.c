/* SPDX-License-Identifier: MIT */
/*
 * report.c - fu report: the job-search activities of a span, by the
 * agency's week or month, each period held against the rules
 * (report_rules.c), and every row with the facts the agency asks for.
 *
 * Two walks over the events of the span, both in time order and through
 * their owner: a brief one when the report is opened, which counts each
 * period (activities, employers, jobs, days: a period's sets only are
 * held); and the rows, one at a time, each completed from its
 * application and its people, read through small caches of fixed size.
 * Memory does not grow with the span.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/report.h"
#include "fu/store.h"
#include "internal.h"

/* The event kinds that can be activities. */
#define ACTIVITY_KINDS \
	((1u << FU_EV_APPLIED) | (1u << FU_EV_INTERVIEW) | \
	 (1u << FU_EV_SENT) | (1u << FU_EV_MEETING) | (1u << FU_EV_MET) | \
	 (1u << FU_EV_INTRO))

/* Periods: at most about a hundred years of weeks. */
#define MAX_PERIODS 5300

/* The caches of the rows' walk: direct-mapped by number. */
#define APP_SLOTS 4096
#define PERSON_SLOTS 8192
#define REACH_SLOTS 4096

/* SQLite's page cache for the rows' walk: the records a row is completed
 * from are read at random, and with the usual 1 MiB every other one was
 * read from the file again (KiB). */
#define WALK_CACHE_KIB 8192

typedef struct app_slot {
	int64_t id;
	fu_application a;
} app_slot;

typedef struct person_slot {
	int64_t id;
	fu_contact c;
} person_slot;

typedef struct reach_slot {
	int64_t company; /* 0: empty */
	int found;
	fu_contact c;
} reach_slot;

struct fu_report_private {
	fu_db *db;
	/* the custom rules' strings */
	char *name, *source;
	/* the rows' walk */
	fu__app_reader apps;
	fu__contact_reader people;
	app_slot *app_cache;
	person_slot *person_cache;
	reach_slot *reach_cache;
};

static int oom(fu_db *db)
{
	return fu__error(db, FU_ERROR, "out of memory");
}

/* --- periods ----------------------------------------------------------- */

static int day_of_month(int64_t t)
{
	char d[FU_DAY_LEN];
	fu_time_day(d, t);
	return atoi(d + 8);
}

static int64_t first_of_month(int64_t day)
{
	return fu_time_start_of_day(fu_time_add_days(day,
						     1 - day_of_month(day)));
}

int64_t fu_report_period_start(const fu_report *r, int64_t t)
{
	int64_t d = fu_time_start_of_day(t);
	if (r->rules.monthly)
		return first_of_month(d);
	int back = (fu_time_weekday(d) - r->rules.week_start + 7) % 7;
	return fu_time_start_of_day(fu_time_add_days(d, -back));
}

int64_t fu_report_period_end(const fu_report *r, int64_t t)
{
	int64_t s = fu_report_period_start(r, t);
	if (r->rules.monthly)
		return first_of_month(fu_time_add_days(s, 31));
	return fu_time_start_of_day(fu_time_add_days(s, 7));
}

/* --- the rules --------------------------------------------------------- */

/* A key of fu config (NULL when unset; FU_ENOTFOUND is no failure). */
static int config(fu_db *db, const char *key, char **out)
{
	int rc = fu_config_get(out, db, key);
	return rc == FU_ENOTFOUND ? FU_OK : rc;
}

/* Custom rules from fu config report.custom.* (validated when set). */
static int custom_rules(fu_report *r, fu_db *db)
{
	static const char *const nums[] = {
		"report.custom.minimum", "report.custom.applications",
		"report.custom.distinct-employers",
		"report.custom.distinct-days"
	};
	fu_report_rules *x = &r->rules;
	char *v = NULL;
	int rc;
	fu_report_rules_custom_default(x);
	if ((rc = config(db, "report.custom.name", &r->p->name)) ||
	    (rc = config(db, "report.custom.source", &r->p->source)))
		return rc;
	if (r->p->name)
		x->name = r->p->name;
	if (r->p->source)
		x->source = r->p->source;
	int *slot[] = { &x->minimum, &x->key_minimum, &x->employers,
			&x->days };
	for (size_t i = 0; i < 4; i++) {
		if ((rc = config(db, nums[i], &v)))
			return rc;
		if (v)
			*slot[i] = atoi(v);
		free(v);
		v = NULL;
	}
	if (x->key_minimum)
		x->key_counts = 1u << FU_RA_APPLICATION;
	if ((rc = config(db, "report.custom.per", &v)))
		return rc;
	x->monthly = v && !strcmp(v, "month");
	free(v);
	if ((rc = config(db, "report.custom.week-start", &v)))
		return rc;
	if (v)
		x->week_start = !strcmp(v, "monday");
	free(v);
	if ((rc = config(db, "report.custom.counts", &v)))
		return rc;
	if (v)
		fu_report_parse_activities(&x->counts, v);
	free(v);
	if ((rc = config(db, "report.custom.fields", &v)))
		return rc;
	if (v)
		fu_report_parse_fields(&x->fields, v);
	free(v);
	return FU_OK;
}

static int choose_rules(fu_report *r, fu_db *db, const char *id)
{
	char *set = NULL;
	int rc;
	if (!id) {
		if ((rc = config(db, "report.rules", &set)))
			return rc;
		id = set;
	}
	if (!id) {
		/* no rules: ISO weeks, every activity, nothing to meet */
		memset(&r->rules, 0, sizeof r->rules);
		r->rules.id = "none";
		r->rules.name = "no rules";
		r->rules.week_start = 1;
		r->rules.counts = (1u << FU_RA__COUNT) - 2;
		r->rules.fields = FU_RF_DATE;
		return FU_OK;
	}
	const fu_report_rules *b = fu_report_rules_find(id);
	rc = FU_OK;
	if (b)
		r->rules = *b;
	else if (!strcmp(id, "custom"))
		rc = custom_rules(r, db);
	else
		rc = fu__error(db, FU_EINVALID, "unknown rules '%s': use %s",
			       id, fu_report_rules_names());
	r->has_rules = !rc;
	free(set);
	return rc;
}

/* --- the totals -------------------------------------------------------- */

/* The sets of one period: employers, jobs and days seen. */
typedef struct ids {
	int64_t *v;
	size_t n, cap;
} ids;

static int ids_add(ids *s, int64_t id)
{
	for (size_t i = s->n; i > 0; i--) /* recent ones repeat */
		if (s->v[i - 1] == id)
			return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 32;
		int64_t *p = realloc(s->v, cap * sizeof *p);
		if (!p)
			return -1;
		s->v = p;
		s->cap = cap;
	}
	s->v[s->n++] = id;
	return 0;
}

typedef struct counting {
	fu_report *r;
	size_t period;
	ids employers, jobs, days;
	int64_t day, day_end; /* the local day of the last event */
	int failed;
} counting;

static int counts(const fu_report *r, fu_report_activity a)
{
	return a != FU_RA_NONE && (r->rules.counts & (1u << a));
}

/* Move on to the period that holds t (the sets start afresh). */
static size_t period_of(const fu_report *r, size_t from, int64_t t)
{
	while (from + 1 < r->nperiods && t >= r->periods[from].end)
		from++;
	return from;
}

static int count_one(const fu__event_brief *b, void *arg)
{
	counting *k = arg;
	fu_report *r = k->r;
	fu_report_activity a = fu_report_activity_of(b->kind,
						     b->application_id != 0);
	if (!counts(r, a))
		return 0;
	size_t i = period_of(r, k->period, b->at);
	if (i != k->period) {
		k->period = i;
		k->employers.n = k->jobs.n = k->days.n = 0;
	}
	fu_report_period *p = &r->periods[i];
	p->activities++;
	r->activities++;
	if (r->rules.key_counts & (1u << a))
		p->key++;
	/* a job: an application; a networking contact at an employer is
	 * that employer (negative: not an application's number) */
	int64_t job = b->application_id ? b->application_id : -b->company_id;
	if (b->at < k->day || b->at >= k->day_end) { /* events come in order */
		k->day = fu_time_start_of_day(b->at);
		k->day_end = fu_time_start_of_day(fu_time_add_days(k->day, 1));
	}
	if ((b->company_id && ids_add(&k->employers, b->company_id)) ||
	    (job && ids_add(&k->jobs, job)) || ids_add(&k->days, k->day)) {
		k->failed = 1;
		return FU_ERROR;
	}
	p->employers = k->employers.n;
	p->jobs = k->jobs.n;
	p->days = k->days.n;
	return 0;
}

static void judge(fu_report *r, fu_report_period *p)
{
	const fu_report_rules *x = &r->rules;
	if (!r->has_rules) {
		p->status = FU_REPORT_UNJUDGED;
		return;
	}
	unsigned s = 0;
	if (p->activities < (size_t)x->minimum)
		s |= FU_SHORT_ACTIVITIES;
	if (p->key < (size_t)x->key_minimum)
		s |= FU_SHORT_KEY;
	if (p->employers < (size_t)x->employers)
		s |= FU_SHORT_EMPLOYERS;
	if (p->jobs < (size_t)x->jobs)
		s |= FU_SHORT_JOBS;
	if (p->days < (size_t)x->days)
		s |= FU_SHORT_DAYS;
	p->short_of = s;
	if (!s)
		p->status = FU_REPORT_MET;
	else if (p->end > r->now)
		p->status = FU_REPORT_UNDER_WAY;
	else {
		p->status = FU_REPORT_SHORT;
		r->short_periods++;
	}
}

/* The plural of an activity's name. */
static const char *activities_word(int a, size_t n)
{
	static const char *const many[FU_RA__COUNT] = {
		[FU_RA_APPLICATION] = "applications",
		[FU_RA_INTERVIEW] = "interviews",
		[FU_RA_FOLLOW_UP] = "follow-ups",
		[FU_RA_MEETING] = "meetings",
		[FU_RA_NETWORKING] = "networking",
	};
	return n == 1 ? fu_report_activity_name((fu_report_activity)a)
		      : many[a];
}

char *fu_report_why(char *buf, size_t len, const fu_report *r,
		    const fu_report_period *p)
{
	const fu_report_rules *x = &r->rules;
	fu_buf b = FU_BUF_INIT;
	const char *sep = "";
	if (p->short_of & FU_SHORT_ACTIVITIES) {
		fu_buf_printf(&b, "%zu of %d %s", p->activities, x->minimum,
			      x->minimum == 1 ? "activity" : "activities");
		sep = "; ";
	}
	if (p->short_of & FU_SHORT_KEY) {
		fu_buf_printf(&b, "%s%zu of %d ", sep, p->key, x->key_minimum);
		int k = 0, n = 0;
		for (int a = 1; a < FU_RA__COUNT; a++)
			n += !!(x->key_counts & (1u << a));
		for (int a = 1; a < FU_RA__COUNT; a++) {
			if (!(x->key_counts & (1u << a)))
				continue;
			fu_buf_printf(&b, "%s%s", !k ? "" : k == n - 1 ? " or "
				      : ", ", activities_word(a,
							      (size_t)x->key_minimum));
			k++;
		}
		sep = "; ";
	}
	if (p->short_of & FU_SHORT_EMPLOYERS) {
		fu_buf_printf(&b, "%s%zu of %d different employers", sep,
			      p->employers, x->employers);
		sep = "; ";
	}
	if (p->short_of & FU_SHORT_JOBS) {
		fu_buf_printf(&b, "%s%zu of %d different jobs", sep, p->jobs,
			      x->jobs);
		sep = "; ";
	}
	if (p->short_of & FU_SHORT_DAYS)
		fu_buf_printf(&b, "%son %zu of %d different days", sep,
			      p->days, x->days);
	snprintf(buf, len, "%s", b.data);
	fu_buf_free(&b);
	return buf;
}

/* --- opening ----------------------------------------------------------- */

static unsigned event_kinds(const fu_report *r)
{
	unsigned k = 0;
	for (int e = 1; e < FU_EV__COUNT; e++)
		for (int on = 0; on < 2; on++)
			if (counts(r, fu_report_activity_of((fu_event_kind)e,
							    on)))
				k |= 1u << e;
	return k & ACTIVITY_KINDS;
}

int fu_report_open(fu_report **out, fu_db *db, const fu_report_options *o)
{
	static const fu_report_options none = { 0 };
	fu_report *r = calloc(1, sizeof *r);
	int rc;
	*out = NULL;
	if (!o)
		o = &none;
	if (!r || !(r->p = calloc(1, sizeof *r->p))) {
		free(r);
		return oom(db);
	}
	r->p->db = db;
	r->now = fu_db_now(db);
	if ((rc = choose_rules(r, db, o->rules)) ||
	    (rc = config(db, "user.name", &r->user_name)))
		goto fail;
	/* the span: whole periods, from the first activity (or the day
	 * given) to now (or the day given) */
	int64_t until = o->until ? o->until : r->now, since = o->since, first;
	if (!since) {
		if ((rc = fu__event_first_of(db, &first, event_kinds(r),
					     r->now)))
			goto fail;
		since = first && first < until ? first : until;
	}
	if (since > until) {
		rc = fu__error(db, FU_EINVALID, "the report would end before "
			       "it starts: --since is after --until");
		goto fail;
	}
	r->since = fu_report_period_start(r, since);
	r->until = fu_report_period_end(r, until);
	size_t n = 0;
	for (int64_t t = r->since; t < r->until; t = fu_report_period_end(r, t))
		if (++n > MAX_PERIODS) {
			rc = fu__error(db, FU_EINVALID, "a report spans at "
				       "most %d %s", MAX_PERIODS,
				       r->rules.monthly ? "months" : "weeks");
			goto fail;
		}
	if (!(r->periods = calloc(n, sizeof *r->periods))) {
		rc = oom(db);
		goto fail;
	}
	r->nperiods = n;
	int64_t t = r->since;
	for (size_t i = 0; i < n; i++) {
		r->periods[i].start = t;
		r->periods[i].end = t = fu_report_period_end(r, t);
	}
	counting k = { .r = r };
	rc = fu__event_each_brief(db, r->since, r->until, r->now,
				  event_kinds(r), count_one, &k);
	free(k.employers.v);
	free(k.jobs.v);
	free(k.days.v);
	if (k.failed)
		rc = oom(db);
	if (rc)
		goto fail;
	for (size_t i = 0; i < n; i++)
		judge(r, &r->periods[i]);
	*out = r;
	return FU_OK;
fail:
	fu_report_free(r);
	return rc;
}

void fu_report_free(fu_report *r)
{
	if (!r)
		return;
	if (r->p) {
		free(r->p->name);
		free(r->p->source);
		free(r->p);
	}
	free(r->user_name);
	free(r->periods);
	free(r);
}

/* --- the rows ---------------------------------------------------------- */

typedef struct walk {
	fu_report *r;
	struct fu_report_private *p;
	size_t period;
	int (*fn)(const fu_report_row *row, void *arg);
	void *arg;
	/* a row's text that comes from contacts, copied: a cache slot may
	 * be taken by the next person read */
	fu_buf person, employer, address, phone, email;
} walk;

static int get_app(walk *w, int64_t id, const fu_application **out)
{
	app_slot *s = &w->p->app_cache[(uint64_t)id % APP_SLOTS];
	int rc = FU_OK;
	if (s->id != id) {
		fu_application_clear(&s->a);
		s->id = 0;
		if ((rc = fu__app_reader_get(&w->p->apps, id, &s->a)))
			return rc;
		s->id = id;
	}
	*out = &s->a;
	return FU_OK;
}

/* A person, NULL when there is no such contact (any more). */
static int get_person(walk *w, int64_t id, const fu_contact **out)
{
	person_slot *s = &w->p->person_cache[(uint64_t)id % PERSON_SLOTS];
	*out = NULL;
	if (!id)
		return FU_OK;
	if (s->id != id) {
		fu_contact_clear(&s->c);
		s->id = 0;
		int rc = fu__contact_reader_get(&w->p->people, id, &s->c);
		if (rc == FU_ENOTFOUND)
			return FU_OK;
		if (rc)
			return rc;
		s->id = id;
	}
	*out = &s->c;
	return FU_OK;
}

/* The contact at a company who can best be reached, or NULL. */
static int get_reach(walk *w, int64_t company, const fu_contact **out)
{
	reach_slot *s = &w->p->reach_cache[(uint64_t)company % REACH_SLOTS];
	*out = NULL;
	if (!company)
		return FU_OK;
	if (s->company != company) {
		fu_contact_clear(&s->c);
		s->company = 0;
		int rc = fu__contact_reader_reach(&w->p->people, company,
						  &s->c, &s->found);
		if (rc)
			return rc;
		s->company = company;
	}
	if (s->found)
		*out = &s->c;
	return FU_OK;
}

static const char *method_of(const fu_event *e, const fu_application *a)
{
	switch (e->channel) {
	case FU_CH_EMAIL: return "e-mail";
	case FU_CH_PHONE: return "phone";
	case FU_CH_LETTER: return "letter";
	case FU_CH_SOCIAL: return "social media";
	case FU_CH_IN_PERSON: return "in person";
	case FU_CH_VIDEO: return "video";
	default: break;
	}
	/* an application through the posting's page or a job board */
	if (e->kind == FU_EV_APPLIED && a && (a->url || a->source == FU_SRC_BOARD))
		return "online";
	return NULL;
}

static const char *result_of(const fu_application *a)
{
	if (!a)
		return "contact made";
	switch (a->outcome) {
	case FU_OUT_ACCEPTED: return "offer accepted";
	case FU_OUT_DECLINED: return "offer declined";
	case FU_OUT_REJECTED: return "rejected";
	case FU_OUT_WITHDRAWN: return "withdrawn";
	case FU_OUT_NO_RESPONSE: return "no response";
	case FU_OUT_FILLED: return "position filled";
	default: break;
	}
	switch (a->stage) {
	case FU_STAGE_OFFER: return "offer received";
	case FU_STAGE_INTERVIEWING: return "interviewing";
	case FU_STAGE_APPLIED: return "pending";
	default: return "not applied yet";
	}
}

/* Take address, phone and e-mail from c where the row has none yet. */
static void reach_from(walk *w, fu_report_row *row, const fu_contact *c)
{
	if (!c)
		return;
	if (!w->address.len && c->address) {
		fu_buf_puts(&w->address, c->address);
		row->reach_id = c->id;
	}
	if (!w->phone.len && c->phone) {
		fu_buf_puts(&w->phone, c->phone);
		if (!row->reach_id)
			row->reach_id = c->id;
	}
	if (!w->email.len && c->email)
		fu_buf_puts(&w->email, c->email);
}

static const char *text_of(const fu_buf *b)
{
	return b->len ? b->data : NULL;
}

static int has_id(const int64_t *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

static unsigned missing_of(const fu_report_row *row, unsigned fields)
{
	unsigned have = FU_RF_DATE;
	if (row->employer)
		have |= FU_RF_EMPLOYER;
	if (row->position)
		have |= FU_RF_POSITION;
	if (row->person)
		have |= FU_RF_PERSON;
	if (row->method)
		have |= FU_RF_METHOD;
	if (row->address)
		have |= FU_RF_ADDRESS;
	if (row->phone)
		have |= FU_RF_PHONE;
	if (row->address || row->phone || row->email || row->website)
		have |= FU_RF_CONTACT;
	if (row->result)
		have |= FU_RF_RESULT;
	return fields & ~have;
}

static int row_of(const fu_event *e, void *arg)
{
	walk *w = arg;
	fu_report *r = w->r;
	fu_report_activity act = fu_report_activity_of(e->kind,
						       e->application_id != 0);
	if (!counts(r, act))
		return 0;
	fu_report_row row = { 0 };
	const fu_application *a = NULL;
	const fu_contact *c = NULL;
	int64_t company = 0;
	int rc;
	fu_buf_clear(&w->person);
	fu_buf_clear(&w->employer);
	fu_buf_clear(&w->address);
	fu_buf_clear(&w->phone);
	fu_buf_clear(&w->email);
	w->period = period_of(r, w->period, e->at);
	row.period = w->period;
	row.event_id = e->id;
	row.at = e->at;
	row.activity = act;
	row.application_id = e->application_id;
	if (e->application_id) {
		if ((rc = get_app(w, e->application_id, &a)))
			return rc;
		row.employer = a->company;
		row.position = a->role;
		row.website = a->url;
		company = a->company_id;
	} else {
		row.contact_id = e->contact_id;
		if ((rc = get_person(w, e->contact_id, &c)))
			return rc;
		if (c && c->company) {
			fu_buf_puts(&w->employer, c->company);
			company = c->company_id;
		}
	}
	row.method = method_of(e, a);
	row.result = result_of(a);
	/* the people contacted: the networking contact, the people named
	 * with --with, else the application's first person */
	int64_t who[64];
	size_t n = 0;
	if (e->contact_id && !e->application_id)
		who[n++] = e->contact_id;
	for (size_t i = 0; i < e->nwith && n < 64; i++)
		if (!has_id(who, n, e->with[i]))
			who[n++] = e->with[i];
	if (!n && a && a->ncontacts)
		who[n++] = a->contact_ids[0];
	for (size_t i = 0; i < n; i++) {
		if ((rc = get_person(w, who[i], &c)))
			return rc;
		if (!c)
			continue;
		if (!row.person_id)
			row.person_id = c->id;
		fu_buf_printf(&w->person, "%s%s", w->person.len ? ", " : "",
			      c->name);
		reach_from(w, &row, c);
	}
	/* the employer's address and phone: those of the people contacted,
	 * else of the others on the application, else of the contact at
	 * that employer who can best be reached */
	for (size_t i = 0; a && i < a->ncontacts; i++) {
		if (w->address.len && w->phone.len && w->email.len)
			break;
		if (has_id(who, n, a->contact_ids[i]))
			continue;
		if ((rc = get_person(w, a->contact_ids[i], &c)))
			return rc;
		reach_from(w, &row, c);
	}
	if (!w->address.len || !w->phone.len) {
		if ((rc = get_reach(w, company, &c)))
			return rc;
		reach_from(w, &row, c);
	}
	if (w->person.failed || w->employer.failed || w->address.failed ||
	    w->phone.failed || w->email.failed)
		return oom(r->p->db);
	if (!a)
		row.employer = text_of(&w->employer);
	row.person = text_of(&w->person);
	row.address = text_of(&w->address);
	row.phone = text_of(&w->phone);
	row.email = text_of(&w->email);
	row.missing = missing_of(&row, r->rules.fields);
	if (row.missing)
		r->missing_rows++;
	return w->fn(&row, w->arg);
}

int fu_report_each_row(fu_report *r,
		       int (*fn)(const fu_report_row *row, void *arg),
		       void *arg)
{
	struct fu_report_private *p = r->p;
	fu_db *db = p->db;
	walk w = { .r = r, .p = p, .fn = fn, .arg = arg };
	int rc;
	fu_buf_init(&w.person);
	fu_buf_init(&w.employer);
	fu_buf_init(&w.address);
	fu_buf_init(&w.phone);
	fu_buf_init(&w.email);
	r->missing_rows = 0;
	p->app_cache = calloc(APP_SLOTS, sizeof *p->app_cache);
	p->person_cache = calloc(PERSON_SLOTS, sizeof *p->person_cache);
	p->reach_cache = calloc(REACH_SLOTS, sizeof *p->reach_cache);
	if (!p->app_cache || !p->person_cache || !p->reach_cache)
		rc = oom(db);
	else if (!(rc = fu__cache_kib(db, WALK_CACHE_KIB)) &&
		 !(rc = fu__app_reader_open(db, &p->apps))) {
		if (!(rc = fu__contact_reader_open(db, &p->people))) {
			rc = fu__event_each_between(db, r->since, r->until,
						    r->now, event_kinds(r),
						    row_of, &w);
			fu__contact_reader_close(&p->people);
		}
		fu__app_reader_close(&p->apps);
	}
	int crc = fu__cache_kib(db, 0);
	if (!rc)
		rc = crc;
	for (size_t i = 0; p->app_cache && i < APP_SLOTS; i++)
		fu_application_clear(&p->app_cache[i].a);
	for (size_t i = 0; p->person_cache && i < PERSON_SLOTS; i++)
		fu_contact_clear(&p->person_cache[i].c);
	for (size_t i = 0; p->reach_cache && i < REACH_SLOTS; i++)
		fu_contact_clear(&p->reach_cache[i].c);
	free(p->app_cache);
	free(p->person_cache);
	free(p->reach_cache);
	p->app_cache = NULL;
	p->person_cache = NULL;
	p->reach_cache = NULL;
	fu_buf_free(&w.person);
	fu_buf_free(&w.employer);
	fu_buf_free(&w.address);
	fu_buf_free(&w.phone);
	fu_buf_free(&w.email);
	return rc;
}

char *fu_report_fix(char *buf, size_t len, const fu_report_row *row,
		    unsigned field)
{
	long long app = (long long)row->application_id;
	long long who = (long long)(row->person_id ? row->person_id
						   : row->contact_id);
	const char *opt = field == FU_RF_ADDRESS ? "--address ADDRESS"
			: field == FU_RF_PHONE ? "--phone PHONE"
			: "--email EMAIL (or --phone, --address)";
	switch (field) {
	case FU_RF_EMPLOYER:
		snprintf(buf, len, "fu edit %lld --company COMPANY", who);
		break;
	case FU_RF_POSITION:
		snprintf(buf, len, "networking: no position");
		break;
	case FU_RF_PERSON:
		snprintf(buf, len, "fu edit %lld --contact NAME", app);
		break;
	case FU_RF_METHOD:
		if (row->activity == FU_RA_APPLICATION)
			snprintf(buf, len, "fu edit %lld --url URL, if you "
				 "applied online", app);
		else
			snprintf(buf, len, "not logged (fu log --channel, "
				 "next time)");
		break;
	case FU_RF_ADDRESS:
	case FU_RF_PHONE:
	case FU_RF_CONTACT:
		if (who)
			snprintf(buf, len, "fu edit %lld %s", who, opt);
		else if (field == FU_RF_CONTACT)
			snprintf(buf, len, "fu edit %lld --url URL, or "
				 "--contact NAME and give them %s", app,
				 "--email");
		else
			snprintf(buf, len, "fu edit %lld --contact NAME, then "
				 "fu edit NAME %s", app, opt);
		break;
	default:
		snprintf(buf, len, "-");
	}
	return buf;
}
