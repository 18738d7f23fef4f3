/* SPDX-License-Identifier: MIT */
/*
 * gen.c - fu-bench-gen: a database with fu's real schema and the shape of
 * a long-running job hunt, for the benchmark (bench/run).
 *
 *   fu-bench-gen --db PATH --apps N [--shape kept|neglected] [--now DATE]
 *                [--days D] [--seed S] [--force]
 *
 * It opens PATH with fu_db_open, so the schema and its migrations are
 * fu's own, then writes, in ONE transaction with prepared statements:
 * N/4 companies; N applications, numbered in the order they were made
 * (oldest first); two contacts for each (a recruiter and a hiring
 * manager, numbered just before it); and about ten events for each,
 * numbered in the order they happened across all applications. Then it
 * computes the actions with the library's own refresh
 * (fu__refresh_all), so the actions table is exactly what fu would have
 * written, and commits.
 *
 * About half the applications are closed (rejected after interviews,
 * given up as no-response after nudges, withdrawn or filled), closing
 * being likelier the older an application is. The two shapes differ in
 * time and in what the user did with what fu asked:
 *
 *   kept (the default): someone who applies at a steady six a day (so
 *   the history grows with N: 5 months at 1k, 45 years at 100k) and
 *   answers each morning's list: a follow-up is sent when due, and an
 *   open application that went quiet is let be (its last nudge and its
 *   closure decision dismissed) rather than chased, as is the rare
 *   rejection left unanswered. What is owed is what the last weeks
 *   brought, whatever the size.
 *
 *   neglected: the same N applications squeezed into the two years
 *   before "now", and nothing that went quiet ever dismissed or closed:
 *   every old open application owes a long-overdue nudge, check-in or
 *   closure decision, so the due list grows with N. The worst case for
 *   fu due, not a realistic one.
 *
 * --days D spreads the N applications over the D days before now
 * instead (the kept shape otherwise): a year of a busy hunt for fu
 * report's benchmark is --apps 10000 --days 365.
 *
 * Deterministic: the same arguments give the same file (a seeded
 * splitmix64; no clock unless --now and FU_NOW are both missing).
 * A development tool, so it may use the library's internals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fu/date.h"
#include "fu/store.h"
#include "fu/uuid.h"
#include "internal.h"

#define DAY 86400
#define HOUR 3600
#define PER_DAY 6 /* applications a day, in the kept shape */

/* --- deterministic randomness ------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* uniform in [lo, hi] */
static int64_t between(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

/* true with probability pct/100 */
static int chance(int pct)
{
	return (int)(rnd() % 100) < pct;
}

#define PICK(arr) (arr[rnd() % (sizeof arr / sizeof arr[0])])

/* --- words -------------------------------------------------------------- */

static const char *const company_a[] = {
	"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark",
	"Wayne", "Cyberdyne", "Soylent", "Tyrell", "Wonka", "Aperture",
	"Massive", "Dynamic", "Blue Harbor", "Red Pine", "Northwind", "Bright",
	"Quantum", "Nimbus", "Vertex", "Lumen", "Orbital", "Granite", "Cobalt",
	"Meridian", "Pioneer", "Summit", "Evergreen", "Silverline", "Foxglove"
};
static const char *const company_b[] = {
	"Labs", "Systems", "Works", "Group", "Analytics", "Software", "Health",
	"Logistics", "Energy", "Media", "Robotics", "Payments", "Insurance",
	"Foods", "Mobility", "Security", "Cloud", "Games", "Bank", "Studios"
};
static const char *const roles[] = {
	"Backend Engineer", "Frontend Engineer", "Data Engineer",
	"Site Reliability Engineer", "Platform Engineer", "Engineering Manager",
	"Product Engineer", "Mobile Engineer", "Security Engineer",
	"Data Scientist", "QA Engineer", "DevOps Engineer",
	"Machine Learning Engineer", "Solutions Architect", "Technical Writer",
	"Full Stack Developer", "Embedded Software Engineer", "Database Administrator"
};
static const char *const levels[] = {
	"", "", "", "Senior ", "Senior ", "Staff ", "Lead ", "Junior "
};
static const char *const first_names[] = {
	"Dana", "Sam", "Alex", "Jordan", "Taylor", "Morgan", "Casey", "Riley",
	"Jamie", "Avery", "Quinn", "Robin", "Chris", "Pat", "Lee", "Kim",
	"Maria", "Jose", "Wei", "Aisha", "Omar", "Priya", "Lars", "Ingrid",
	"Kenji", "Yuki", "Fatima", "Mateo", "Sofia", "Noah", "Emma", "Liam",
	"Olivia", "Lucas", "Mia", "Ethan", "Zoe", "Hugo", "Chloe", "Ravi"
};
static const char *const last_names[] = {
	"Reyes", "Lee", "Morgan", "Smith", "Garcia", "Chen", "Patel", "Kowalski",
	"Nguyen", "Johnson", "Schmidt", "Rossi", "Dubois", "Tanaka", "Okafor",
	"Silva", "Novak", "Larsen", "Haddad", "Cohen", "Murphy", "Fischer",
	"Ivanova", "Santos", "Kim", "Brown", "Weber", "Moreau", "Costa", "Singh"
};
static const char *const recruiter_titles[] = {
	"Technical Recruiter", "Talent Partner", "Recruiter",
	"Talent Acquisition Specialist", "Senior Recruiter"
};
static const char *const manager_titles[] = {
	"Engineering Manager", "Director of Engineering", "Head of Data",
	"VP Engineering", "Team Lead", "CTO"
};
static const char *const topics[] = {
	"moving billing to Go", "their on-call rotation", "the data platform",
	"scaling the API", "mentoring juniors", "the migration to Kubernetes",
	"test automation", "the mobile roadmap", "observability", "cost of cloud",
	"the hiring timeline", "team structure", "remote work", "code review"
};
static const char *const sources[] = {
	"board", "board", "board", "board", "referral", "referral", "recruiter",
	"recruiter", "direct", "direct", "other"
};

/* --- the plan, in memory ------------------------------------------------- */

typedef struct gev {
	int64_t at;
	int64_t app;      /* application id */
	int64_t expect_at, until_at;
	int64_t with[2];
	int8_t nwith, ntopics;
	uint8_t topic[2];
	uint8_t kind;     /* fu_event_kind */
	uint8_t channel;  /* fu_channel */
	uint8_t outcome;  /* fu_outcome, for closed */
	uint32_t seq;     /* order of generation, to break ties */
	int64_t id;       /* assigned after sorting by time */
} gev;

typedef struct gapp {
	int64_t id, company, c1, c2;
	int64_t applied;
	int64_t closed_at;
	int outcome;
} gapp;

static gev *events;
static size_t nevents, capevents;
static uint32_t seqno;

static gev *ev_add(int64_t app, int kind, int64_t at)
{
	if (nevents == capevents) {
		capevents = capevents ? capevents * 2 : 1024;
		events = realloc(events, capevents * sizeof *events);
		if (!events) {
			fprintf(stderr, "fu-bench-gen: out of memory\n");
			exit(1);
		}
	}
	gev *e = &events[nevents++];
	memset(e, 0, sizeof *e);
	e->app = app;
	e->kind = (uint8_t)kind;
	e->at = at;
	e->seq = seqno++;
	return e;
}

static void ev_with(gev *e, int64_t a, int64_t b)
{
	e->with[0] = a;
	e->nwith = 1;
	if (b) {
		e->with[1] = b;
		e->nwith = 2;
	}
}

static void ev_topics(gev *e)
{
	e->ntopics = (int8_t)between(1, 2);
	for (int i = 0; i < e->ntopics; i++)
		e->topic[i] = (uint8_t)(rnd() % (sizeof topics / sizeof topics[0]));
}

/* The story of one application: ten events, as offsets from applying,
 * squeezed to fit before now when the application is young. */
typedef struct step {
	int kind;
	int64_t off;      /* seconds after applying */
	int with;         /* 0 none, 1 recruiter, 2 manager, 3 both */
	int channel;
	int topics;
	int64_t expect;   /* seconds after the event, or 0 */
	int64_t until;    /* seconds after the event, or 0 */
	int outcome;
} step;

static int nsteps;
static step steps[16];

static int64_t clock_off;

static void st(int kind, int64_t gap, int with, int channel)
{
	clock_off += gap;
	if (nsteps == sizeof steps / sizeof steps[0]) {
		fprintf(stderr, "fu-bench-gen: a story too long\n");
		exit(1);
	}
	step *s = &steps[nsteps++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->off = clock_off;
	s->with = with;
	s->channel = channel;
}

static int64_t days(int lo, int hi)
{
	return between((int64_t)lo * DAY, (int64_t)hi * DAY);
}

static int64_t hours(int lo, int hi)
{
	return between((int64_t)lo * HOUR, (int64_t)hi * HOUR);
}

/* One or both people at an interview. */
static int people(void)
{
	return chance(50) ? 2 : 3;
}

/* Thank-yous to each person met at the last interview. */
static void thanks(int who)
{
	if (who & 1)
		st(FU_EV_SENT, hours(2, 20), 1, FU_CH_EMAIL);
	if (who & 2)
		st(FU_EV_SENT, hours(1, 6), 2, FU_CH_EMAIL);
}

static void interview(int64_t gap, int who)
{
	st(FU_EV_INTERVIEW, gap, who, who == 1 ? FU_CH_PHONE : FU_CH_IN_PERSON);
	steps[nsteps - 1].topics = 1;
	if (chance(60))
		steps[nsteps - 1].expect = days(5, 10);
}

static int nudge_channel(void)
{
	return chance(70) ? FU_CH_EMAIL : FU_CH_PHONE;
}

/* Whether a closed story leaves its closing courtesy unanswered. */
static int left_owing;

/* Closed: rejected after interviews (most), no-response after nudges,
 * withdrawn or filled. */
static void story_closed(void)
{
	int r = (int)(rnd() % 100);
	st(FU_EV_APPLIED, 0, 0, 0);
	if (r < 60) {
		int who = people();
		st(FU_EV_SENT, days(3, 6), 1, FU_CH_EMAIL);
		st(FU_EV_REPLY, days(1, 4), 1, FU_CH_EMAIL);
		st(FU_EV_SENT, hours(1, 20), 1, FU_CH_EMAIL);
		interview(days(3, 10), who);
		thanks(who);
		if (who != 3)
			st(FU_EV_SENT, days(6, 12), 2, FU_CH_EMAIL);
		st(FU_EV_REJECTION, days(4, 20), 1, FU_CH_EMAIL);
		/* the gracious reply, or (rarely) none */
		if (chance(92))
			st(FU_EV_SENT, hours(2, 40), 1, FU_CH_EMAIL);
		else {
			st(FU_EV_REPLY, hours(1, 30), 2, FU_CH_EMAIL);
			left_owing = 1;
		}
		st(FU_EV_CLOSED, hours(1, 48), 0, 0);
		steps[nsteps - 1].outcome = FU_OUT_REJECTED;
	} else if (r < 90) {
		st(FU_EV_SENT, days(3, 6), 1, FU_CH_EMAIL);
		for (int i = 0; i < 5; i++)
			st(FU_EV_SENT, days(14, 20), 1 + (i & 1), nudge_channel());
		st(FU_EV_POSTING_CLOSED, days(3, 10), 0, 0);
		st(FU_EV_SENT, days(1, 5), 2, FU_CH_EMAIL);
		st(FU_EV_CLOSED, days(21, 40), 0, 0);
		steps[nsteps - 1].outcome = FU_OUT_NO_RESPONSE;
	} else {
		st(FU_EV_SENT, days(3, 6), 1, FU_CH_EMAIL);
		st(FU_EV_REPLY, days(1, 4), 1, FU_CH_EMAIL);
		st(FU_EV_SENT, hours(1, 20), 1, FU_CH_EMAIL);
		interview(days(3, 10), 1);
		thanks(1);
		st(FU_EV_SENT, days(6, 12), 1, FU_CH_EMAIL);
		st(FU_EV_TIMELINE, days(2, 8), 1, FU_CH_EMAIL);
		st(FU_EV_SENT, hours(1, 20), 1, FU_CH_EMAIL);
		st(FU_EV_CLOSED, days(5, 30), 0, 0);
		steps[nsteps - 1].outcome = chance(50) ? FU_OUT_WITHDRAWN
						       : FU_OUT_FILLED;
		/* withdrawing owes a courtesy note (rule 15): sent */
		if (steps[nsteps - 1].outcome == FU_OUT_WITHDRAWN)
			st(FU_EV_SENT, hours(1, 20), 1, FU_CH_EMAIL);
	}
}

/* Open: screened then ghosted (a nudge and a closure decision owed),
 * mid-process (a nudge or check-in owed), waiting on a promised date,
 * or holding an offer. */
static void story_open(void)
{
	int r = (int)(rnd() % 100);
	st(FU_EV_APPLIED, 0, 0, 0);
	st(FU_EV_SENT, days(3, 6), 1, FU_CH_EMAIL);
	st(FU_EV_REPLY, days(1, 4), 1, FU_CH_EMAIL);
	st(FU_EV_SENT, hours(1, 20), 1, FU_CH_EMAIL);
	if (r < 50) {
		interview(days(3, 10), 1);
		thanks(1);
		st(FU_EV_SENT, days(5, 9), 1, FU_CH_EMAIL);
		for (int i = 0; i < 3; i++)
			st(FU_EV_SENT, days(14, 21), 1, nudge_channel());
	} else if (r < 80) {
		interview(days(3, 10), 1);
		thanks(1);
		interview(days(5, 14), 3);
		thanks(3);
		st(FU_EV_SENT, days(5, 9), 2, FU_CH_EMAIL);
	} else if (r < 95) {
		interview(days(3, 10), 2);
		thanks(2);
		st(FU_EV_SENT, days(5, 9), 2, FU_CH_EMAIL);
		st(FU_EV_SENT, days(14, 21), 2, nudge_channel());
		st(FU_EV_SENT, days(14, 21), 2, nudge_channel());
		st(FU_EV_TIMELINE, days(1, 6), 2, FU_CH_EMAIL);
		steps[nsteps - 1].expect = days(10, 30);
	} else {
		interview(days(3, 10), 3);
		thanks(3);
		st(FU_EV_SENT, days(5, 9), 2, FU_CH_EMAIL);
		st(FU_EV_REPLY, days(1, 5), 2, FU_CH_EMAIL);
		st(FU_EV_OFFER, days(1, 5), 2, FU_CH_EMAIL);
		steps[nsteps - 1].until = days(5, 10);
	}
}

/* The user lets a quiet application be: once what its story left owed
 * has come up (a nudge and closure decision 14 days on, a check-in
 * after a promised date up to 33 days on), they dismiss all of it. */
static void let_be(gapp *a, int64_t now, int64_t last)
{
	int64_t at = last + days(35, 45);
	if (at < now - DAY)
		ev_add(a->id, FU_EV_DISMISS, at);
}

static void plan_application(gapp *a, int64_t now, int closed, int kept)
{
	nsteps = 0;
	clock_off = 0;
	left_owing = 0;
	if (closed)
		story_closed();
	else
		story_open();
	/* a young application has lived only until now: squeeze its story */
	int64_t last = steps[nsteps - 1].off;
	int64_t room = now - HOUR - a->applied;
	double scale = last > room ? (double)room / (double)last : 1.0;
	for (int i = 0; i < nsteps; i++) {
		const step *s = &steps[i];
		int64_t at = a->applied + (int64_t)((double)s->off * scale);
		gev *e = ev_add(a->id, s->kind, at);
		e->channel = (uint8_t)s->channel;
		e->expect_at = s->expect ? at + s->expect : 0;
		e->until_at = s->until ? at + s->until : 0;
		e->outcome = (uint8_t)s->outcome;
		if (s->with == 1)
			ev_with(e, a->c1, 0);
		else if (s->with == 2)
			ev_with(e, a->c2, 0);
		else if (s->with == 3)
			ev_with(e, a->c2, a->c1);
		if (s->topics)
			ev_topics(e);
		if (s->kind == FU_EV_CLOSED) {
			a->outcome = s->outcome;
			a->closed_at = at;
		}
	}
	if (kept && (!closed || left_owing))
		let_be(a, now, events[nevents - 1].at);
}

static int ev_cmp(const void *x, const void *y)
{
	const gev *a = x, *b = y;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* --- writing ------------------------------------------------------------ */

static fu_db *db;

static void die_db(const char *what)
{
	fprintf(stderr, "fu-bench-gen: %s: %s\n", what, fu_errmsg(db));
	exit(1);
}

/* A record's identifier, made from its kind and number so that the
 * same database comes out of every run. */
static void bind_uuid(sqlite3_stmt *st, int i, int kind, int64_t id)
{
	char u[FU_UUID_LEN];
	snprintf(u, sizeof u, "%08x-0000-4000-8000-%012llx", (unsigned)kind,
		 (unsigned long long)id);
	sqlite3_bind_text(st, i, u, -1, SQLITE_TRANSIENT);
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *s = NULL;
	if (fu__prepare(db, &s, sql))
		die_db("prepare");
	return s;
}

static void step_reset(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "fu-bench-gen: insert: %s\n",
			sqlite3_errmsg(db->sql));
		exit(1);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

static void usage(void)
{
	fputs("usage: fu-bench-gen --db PATH --apps N [--shape kept|neglected] "
	      "[--now DATE] [--days D] [--seed S] [--force]\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *path = NULL, *now_text = getenv("FU_NOW");
	long napps = -1, ndays = 0;
	uint64_t seed = 1;
	int force = 0, neglected = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--force"))
			force = 1;
		else if (i + 1 >= argc)
			usage();
		else if (!strcmp(a, "--db"))
			path = argv[++i];
		else if (!strcmp(a, "--apps"))
			napps = strtol(argv[++i], NULL, 10);
		else if (!strcmp(a, "--now"))
			now_text = argv[++i];
		else if (!strcmp(a, "--days"))
			ndays = strtol(argv[++i], NULL, 10);
		else if (!strcmp(a, "--seed"))
			seed = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(a, "--shape")) {
			const char *v = argv[++i];
			if (!strcmp(v, "kept"))
				neglected = 0;
			else if (!strcmp(v, "neglected"))
				neglected = 1;
			else
				usage();
		} else
			usage();
	}
	if (!path || napps < 1 || napps > 10000000 || ndays < 0 ||
	    ndays > 36500)
		usage();
	int64_t now = (int64_t)time(NULL);
	if (now_text && *now_text) {
		char err[512];
		if (fu_date_parse(&now, NULL, now_text, now, FU_DATE_PAST, err,
				  sizeof err)) {
			fprintf(stderr, "fu-bench-gen: --now: %s\n", err);
			return 2;
		}
	}
	struct stat sb;
	if (stat(path, &sb) == 0) {
		if (!force) {
			fprintf(stderr, "fu-bench-gen: '%s' exists (--force "
				"replaces it)\n", path);
			return 1;
		}
		unlink(path);
	}
	rng_state = seed;

	/* applications, oldest first: ten a day (kept), or squeezed into
	 * the two years before now (neglected) */
	size_t n = (size_t)napps;
	int span = ndays ? (int)ndays : neglected ? 730
		   : (int)((n + PER_DAY - 1) / PER_DAY);
	if (span < 30)
		span = 30;
	gapp *apps = calloc(n, sizeof *apps);
	int64_t *ages = calloc(n, sizeof *ages);
	size_t *count = calloc((size_t)span + 1, sizeof *count);
	size_t *pos = calloc((size_t)span + 1, sizeof *pos);
	if (!apps || !ages || !count || !pos)
		return 1;
	int64_t today = fu_time_start_of_day(now);
	for (size_t i = 0; i < n; i++)
		ages[i] = between(1, span);
	/* descending age: a counting sort over the span's days */
	for (size_t i = 0; i < n; i++)
		count[ages[i]]++;
	size_t acc = 0;
	for (int d = span; d >= 1; d--) {
		pos[d] = acc;
		acc += count[d];
	}
	free(count);
	int64_t ncompanies = napps / 4 > 0 ? napps / 4 : 1;
	int64_t next_id = 1;
	for (size_t i = 0; i < n; i++) {
		gapp *a = &apps[pos[ages[i]]++];
		a->applied = fu_time_add_days(today, -(int)ages[i]) +
			     between(8 * HOUR, 19 * HOUR);
	}
	free(pos);
	int64_t first_day = fu_time_add_days(today, -span);
	for (size_t i = 0; i < n; i++) {
		gapp *a = &apps[i];
		a->c1 = next_id++;
		a->c2 = next_id++;
		a->id = next_id++;
		a->company = between(1, ncompanies);
		int64_t age = (now - a->applied) / DAY;
		int p = age > 60 ? 53 : age > 20 ? 30 : 5;
		plan_application(a, now, chance(p), !neglected);
	}
	free(ages);
	qsort(events, nevents, sizeof *events, ev_cmp);
	for (size_t i = 0; i < nevents; i++)
		events[i].id = (int64_t)i + 1;

	int rc = fu_db_open(&db, path, 0);
	if (rc)
		die_db("open");
	fu_db_set_now(db, now);
	/* this connection only: room for the whole file while it is built */
	if (fu__exec(db, "PRAGMA cache_size = -524288"))
		die_db("cache");
	if (fu__begin(db))
		die_db("begin");

	sqlite3_stmt *co = prep("INSERT INTO companies (id, name, fold, "
				"created_at, uuid) VALUES (?1, ?2, fu_fold(?2), "
				"?3, ?4)");
	size_t na = sizeof company_a / sizeof company_a[0];
	size_t nb = sizeof company_b / sizeof company_b[0];
	for (int64_t i = 0; i < ncompanies; i++) {
		char name[128];
		size_t k = (size_t)i;
		if (k < na * nb)
			snprintf(name, sizeof name, "%s %s", company_a[k % na],
				 company_b[k / na % nb]);
		else
			snprintf(name, sizeof name, "%s %s %zu",
				 company_a[k % na], company_b[k / na % nb],
				 k / (na * nb) + 1);
		sqlite3_bind_int64(co, 1, i + 1);
		sqlite3_bind_text(co, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(co, 3, first_day);
		char uuid[FU_UUID_LEN];
		fu_uuid_company(uuid, name);
		sqlite3_bind_text(co, 4, uuid, -1, SQLITE_TRANSIENT);
		step_reset(co);
	}
	sqlite3_finalize(co);

	sqlite3_stmt *ct = prep("INSERT INTO contacts (id, name, fold, "
		"company_id, title, email, phone, prefers, no_calls, "
		"created_at, uuid) VALUES (?1, ?2, fu_fold(?2), ?3, ?4, ?5, ?6, "
		"?7, ?8, ?9, ?10)");
	sqlite3_stmt *ap = prep("INSERT INTO applications (id, company_id, "
		"role, source, url, no_calls, no_follow_up, outcome, closed_at, "
		"created_at, uuid) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
	sqlite3_stmt *ac = prep("INSERT INTO application_contacts "
		"(application_id, contact_id, position) VALUES (?,?,?)");
	for (size_t i = 0; i < n; i++) {
		gapp *a = &apps[i];
		for (int k = 0; k < 2; k++) {
			char name[96], email[160];
			const char *fn = PICK(first_names), *ln = PICK(last_names);
			int64_t id = k ? a->c2 : a->c1;
			snprintf(name, sizeof name, "%s %s", fn, ln);
			snprintf(email, sizeof email, "%s.%s.%lld@example.com",
				 fn, ln, (long long)id);
			for (char *p = email; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
			sqlite3_bind_int64(ct, 1, id);
			sqlite3_bind_text(ct, 2, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(ct, 3, a->company);
			sqlite3_bind_text(ct, 4, k ? PICK(manager_titles)
					  : PICK(recruiter_titles), -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(ct, 5, email, -1, SQLITE_TRANSIENT);
			if (chance(40)) {
				char phone[32];
				snprintf(phone, sizeof phone, "+1 555 %04lld",
					 (long long)(id % 10000));
				sqlite3_bind_text(ct, 6, phone, -1,
						  SQLITE_TRANSIENT);
			}
			if (chance(10))
				sqlite3_bind_text(ct, 7, "phone", -1,
						  SQLITE_STATIC);
			sqlite3_bind_int(ct, 8, chance(15));
			sqlite3_bind_int64(ct, 9, a->applied - DAY);
			bind_uuid(ct, 10, 1, id);
			step_reset(ct);
		}
		char role[96], url[160];
		snprintf(role, sizeof role, "%s%s", PICK(levels), PICK(roles));
		snprintf(url, sizeof url, "https://jobs.example.com/%lld",
			 (long long)a->id);
		sqlite3_bind_int64(ap, 1, a->id);
		sqlite3_bind_int64(ap, 2, a->company);
		sqlite3_bind_text(ap, 3, role, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ap, 4, PICK(sources), -1, SQLITE_STATIC);
		if (chance(70))
			sqlite3_bind_text(ap, 5, url, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(ap, 6, chance(5));
		sqlite3_bind_int(ap, 7, chance(3));
		if (a->outcome) {
			sqlite3_bind_text(ap, 8, fu_outcome_name(a->outcome),
					  -1, SQLITE_STATIC);
			sqlite3_bind_int64(ap, 9, a->closed_at);
		}
		sqlite3_bind_int64(ap, 10, a->applied);
		bind_uuid(ap, 11, 2, a->id);
		step_reset(ap);
		for (int k = 0; k < 2; k++) {
			sqlite3_bind_int64(ac, 1, a->id);
			sqlite3_bind_int64(ac, 2, k ? a->c2 : a->c1);
			sqlite3_bind_int(ac, 3, k + 1);
			step_reset(ac);
		}
	}
	sqlite3_finalize(ct);
	sqlite3_finalize(ap);
	sqlite3_finalize(ac);

	sqlite3_stmt *ev = prep("INSERT INTO events (id, kind, at, "
		"application_id, channel, expect_at, until_at, outcome, "
		"created_at, uuid, ord) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
	sqlite3_stmt *ec = prep("INSERT INTO event_contacts (event_id, "
		"position, contact_id) VALUES (?,?,?)");
	sqlite3_stmt *et = prep("INSERT INTO event_topics (event_id, "
		"position, text) VALUES (?,?,?)");
	for (size_t i = 0; i < nevents; i++) {
		const gev *e = &events[i];
		sqlite3_bind_int64(ev, 1, e->id);
		sqlite3_bind_text(ev, 2, fu_event_kind_name(e->kind), -1,
				  SQLITE_STATIC);
		sqlite3_bind_int64(ev, 3, e->at);
		sqlite3_bind_int64(ev, 4, e->app);
		if (e->channel)
			sqlite3_bind_text(ev, 5, fu_channel_name(e->channel),
					  -1, SQLITE_STATIC);
		if (e->expect_at)
			sqlite3_bind_int64(ev, 6, e->expect_at);
		if (e->until_at)
			sqlite3_bind_int64(ev, 7, e->until_at);
		if (e->outcome)
			sqlite3_bind_text(ev, 8, fu_outcome_name(e->outcome),
					  -1, SQLITE_STATIC);
		sqlite3_bind_int64(ev, 9, e->at + between(0, 3 * HOUR));
		bind_uuid(ev, 10, 3, e->id);
		sqlite3_bind_int64(ev, 11, e->id << 20); /* in their order */
		step_reset(ev);
		for (int k = 0; k < e->nwith; k++) {
			sqlite3_bind_int64(ec, 1, e->id);
			sqlite3_bind_int(ec, 2, k + 1);
			sqlite3_bind_int64(ec, 3, e->with[k]);
			step_reset(ec);
		}
		for (int k = 0; k < e->ntopics; k++) {
			sqlite3_bind_int64(et, 1, e->id);
			sqlite3_bind_int(et, 2, k + 1);
			sqlite3_bind_text(et, 3, topics[e->topic[k]], -1,
					  SQLITE_STATIC);
			step_reset(et);
		}
	}
	sqlite3_finalize(ev);
	sqlite3_finalize(ec);
	sqlite3_finalize(et);

	/* the actions, as fu writes them */
	if (fu__refresh_all(db) || fu__commit(db))
		die_db("refresh");
	fu_db_close(db);
	free(events);
	free(apps);
	return 0;
}
