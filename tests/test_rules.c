/* SPDX-License-Identifier: MIT */
/*
 * test_rules.c - the rule engine (lib/rules.c) against RULES.md: each
 * rule's trigger, window edges, what answers it, what cancels it, and
 * the constraints acting on it. Subjects are plain structs built here.
 * Dates are in November 2026 (Mon 2 Nov); Europe/Berlin unless a test
 * says America/New_York (DST ends there on Sun 1 Nov 2026).
 */
#include "fu_test.h"

#include "fu/date.h"
#include "fu/model.h"
#include "fu/rules.h"

enum { APP = 1, DANA = 10, SAM = 11, ALEX = 12, JO = 13 };

#define MAX_EV 48
#define MAX_WITH 4

typedef struct t {
	fu_rule_subject s;
	fu_rule_contact c[8];
	fu_event ev[MAX_EV];
	int64_t with[MAX_EV][MAX_WITH];
	fu_rule_params p;
	fu_action *out;
	size_t n;
	int64_t next_id;
} t;

/* --- fixtures and builders ------------------------------------------------ */

static int setup_tz(void **state, const char *tz)
{
	t *x = calloc(1, sizeof *x);
	if (!x)
		return -1;
	fu_test_tz(tz);
	fu_rule_params_default(&x->p);
	x->next_id = 100;
	*state = x;
	return 0;
}

static int setup(void **state)
{
	return setup_tz(state, "Europe/Berlin");
}

static int setup_ny(void **state)
{
	return setup_tz(state, "America/New_York");
}

static int teardown(void **state)
{
	t *x = *state;
	free(x->out);
	free(x);
	return 0;
}

/* Local time in 2026 (month 10 = October for the DST cases). */
static int64_t at(int mon, int day, int hour, int min)
{
	struct tm tm = { 0 };
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* December 2026, for nudges that run past November. */
static int64_t dec(int day, int hour, int min)
{
	return at(12, day, hour, min);
}

static int64_t nov(int day, int hour, int min)
{
	return at(11, day, hour, min);
}

#define assert_time(got, want)                                             \
	do {                                                               \
		int64_t g_ = (got), w_ = (want);                           \
		if (g_ != w_) {                                            \
			char a_[FU_ISO_LEN], b_[FU_ISO_LEN];               \
			print_error("%s: got %s, want %s\n", #got,         \
				    fu_time_iso(a_, g_), fu_time_iso(b_, w_)); \
		}                                                          \
		assert_int_equal(g_, w_);                                  \
	} while (0)

static fu_rule_contact *person(t *x, int64_t id, const char *name,
			       int attached)
{
	fu_rule_contact *c = &x->c[x->s.ncontacts++];
	memset(c, 0, sizeof *c);
	c->id = id;
	c->name = name;
	c->attached = attached;
	c->has_email = 1;
	c->has_phone = 1;
	return c;
}

/* An application (id 1) with Dana Reyes attached unless told not to. */
static void application(t *x, int with_dana)
{
	x->s.application_id = APP;
	if (with_dana)
		person(x, DANA, "Dana Reyes", 1);
	person(x, SAM, "Sam Lee", 0);
	person(x, JO, "Jo Park", 0);
}

/* A networking subject: Alex Kim's own events. */
static void networking(t *x)
{
	x->s.application_id = 0;
	x->s.contact_id = ALEX;
	person(x, ALEX, "Alex Kim", 1);
	person(x, JO, "Jo Park", 0);
}

/* Log an event; nwith contact ids follow (as int). */
static fu_event *log_ev(t *x, fu_event_kind kind, int64_t when, int nwith,
			...)
{
	size_t i = x->s.nevents++;
	assert_true(i < MAX_EV && nwith <= MAX_WITH);
	fu_event *e = &x->ev[i];
	memset(e, 0, sizeof *e);
	e->id = x->next_id++;
	e->kind = kind;
	e->at = when;
	e->application_id = x->s.application_id;
	e->contact_id = x->s.contact_id;
	va_list ap;
	va_start(ap, nwith);
	for (int k = 0; k < nwith; k++)
		x->with[i][k] = va_arg(ap, int);
	va_end(ap);
	e->with = nwith ? x->with[i] : NULL;
	e->nwith = (size_t)nwith;
	return e;
}

/* Applying, as the storage records it: an event and applied_at. */
static fu_event *apply(t *x, int64_t when)
{
	if (!x->s.applied_at)
		x->s.applied_at = when;
	return log_ev(x, FU_EV_APPLIED, when, 0);
}

static void eval(t *x)
{
	free(x->out);
	x->out = NULL;
	x->n = 0;
	x->s.contacts = x->c;
	x->s.events = x->ev;
	assert_fu_ok(fu_rules_eval(&x->out, &x->n, &x->s, &x->p));
	if (x->n == 0)
		assert_null(x->out);
}

static const fu_action *find(const t *x, const char *kind, int64_t contact)
{
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(fu_action_kind_name(x->out[i].kind), kind) == 0 &&
		    x->out[i].contact_id == contact)
			return &x->out[i];
	return NULL;
}

static const fu_action *find_key(const t *x, const char *key)
{
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->out[i].key, key) == 0)
			return &x->out[i];
	return NULL;
}

static size_t count(const t *x, const char *kind)
{
	size_t k = 0;
	for (size_t i = 0; i < x->n; i++)
		k += strcmp(fu_action_kind_name(x->out[i].kind), kind) == 0;
	return k;
}

static void assert_window(const fu_action *a, int64_t nb, int64_t due)
{
	assert_non_null(a);
	assert_time(a->not_before, nb);
	assert_time(a->due, due);
}

/* The state a minute before, at, and a minute after the window. */
static void assert_edges(const fu_action *a)
{
	assert_int_equal(fu_action_state(a, a->not_before - 60),
			 FU_STATE_UPCOMING);
	assert_int_equal(fu_action_state(a, a->not_before), FU_STATE_DUE);
	assert_int_equal(fu_action_state(a, a->due), FU_STATE_DUE);
	assert_int_equal(fu_action_state(a, a->due + 60), FU_STATE_OVERDUE);
}

static void assert_reason_has(const fu_action *a, const char *text)
{
	assert_non_null(a);
	if (!strstr(a->reason, text))
		print_error("reason '%s' lacks '%s'\n", a->reason, text);
	assert_non_null(strstr(a->reason, text));
}

static char *keyf(char *buf, const char *kind, int64_t trig, int64_t who)
{
	snprintf(buf, 96, "%s:%lld:%lld", kind, (long long)trig,
		 (long long)who);
	return buf;
}

/* An interview on Tue 10 Nov 14:00 with Dana and Sam. */
static fu_event *interview_dana_sam(t *x)
{
	application(x, 1);
	return log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 2, DANA, SAM);
}

/* Applied Mon 2 Nov 09:00 to Dana; the check-in sent Wed 4 Nov 10:00. */
static void check_in_sent(t *x)
{
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_SENT, nov(4, 10, 0), 1, DANA);
}

/* ... and two nudges answered: three unanswered follow-ups. */
static fu_event *three_follow_ups(t *x)
{
	check_in_sent(x);
	log_ev(x, FU_EV_SENT, nov(18, 10, 0), 1, DANA);
	return log_ev(x, FU_EV_SENT, dec(2, 10, 0), 1, DANA);
}

/* --- the tables ----------------------------------------------------------- */

static void test_rules_params_defaults_match_header(void **state)
{
	(void)state;
	static const int want[FU_P__COUNT] = { 24, 24, 1, 3, 2, 7, 3, 3, 2, 2,
		7, 3, 5, 1, 2, 14, 3, 3, 21, 28, 2, 3, 2, 7, 7, 2, 2, 7 };
	fu_rule_params p;
	memset(&p, 0x55, sizeof p);
	fu_rule_params_default(&p);
	assert_int_equal(p.employed, 0);
	for (int i = 0; i < FU_P__COUNT; i++) {
		assert_int_equal(fu_params[i].def, want[i]);
		assert_int_equal(p.v[i], want[i]);
	}
}

static void test_rules_params_keys_ranges_and_help(void **state)
{
	(void)state;
	for (int i = 0; i < FU_P__COUNT; i++) {
		const fu_param_info *q = &fu_params[i];
		assert_non_null(q->key);
		assert_true(strncmp(q->key, "rules.", 6) == 0 ||
			    strncmp(q->key, "due.", 4) == 0);
		assert_true(q->min <= q->def && q->def <= q->max);
		assert_non_null(q->help);
		assert_true(strlen(q->help) > 10);
		assert_null(strchr(q->help, '\n'));
		for (int j = 0; j < i; j++)
			assert_string_not_equal(q->key, fu_params[j].key);
	}
	assert_string_equal(fu_params[FU_P_THANK_YOU_HOURS].key,
			    "rules.thank-you.hours");
	assert_string_equal(fu_params[FU_P_APP_CHECKIN_MIN_DAYS].key,
			    "rules.application-check-in.min-days");
	assert_string_equal(fu_params[FU_P_NUDGE_DAYS].key, "rules.nudge.days");
	assert_string_equal(fu_params[FU_P_CLOSURE_FOLLOW_UPS].key,
			    "rules.closure.follow-ups");
	assert_string_equal(fu_params[FU_P_MIN_GAP_DAYS].key,
			    "rules.min-gap-days");
	assert_string_equal(fu_params[FU_P_HORIZON_DAYS].key,
			    "due.horizon-days");
	assert_int_equal(fu_params[FU_P_THANK_YOU_HOURS].min, 1);
	assert_int_equal(fu_params[FU_P_THANK_YOU_HOURS].max, 168);
	assert_int_equal(fu_params[FU_P_CLOSURE_FOLLOW_UPS].min, 1);
	assert_int_equal(fu_params[FU_P_CLOSURE_FOLLOW_UPS].max, 20);
}

static void test_rules_table_in_rules_md_order(void **state)
{
	(void)state;
	static const char *const order[] = { "thank-you", "acknowledge",
		"connect", "intro-thanks", "intro-reach-out", "help-reminder",
		"find-contact", "application-check-in", "interview-check-in",
		"nudge", "closure", "rejection-response", "offer-review",
		"withdraw-notice", "decline-offer", "prepare" };
	size_t n = 0;
	const fu_rule_info *r = fu_rules_table(&n);
	assert_int_equal(n, sizeof order / sizeof *order);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(r[i].id, order[i]);
		assert_string_equal(fu_action_kind_name((fu_action_kind)(i + 1)),
				    order[i]);
		assert_true(strlen(r[i].trigger) > 5);
		assert_true(strlen(r[i].action) > 5);
		assert_true(strlen(r[i].channel) > 3);
		assert_true(strlen(r[i].source) > 3);
		assert_true(strlen(r[i].advice) > 20);
		/* every window names its config keys */
		assert_non_null(strstr(r[i].window, "rules."));
		assert_true(fu_rule_find(order[i]) == &r[i]);
	}
	assert_null(fu_action_kind_name((fu_action_kind)(n + 1)));
	assert_null(fu_rule_find("no-such-rule"));
	assert_null(fu_rule_find(NULL));
}

static void test_rules_table_names_seed_sources(void **state)
{
	(void)state;
	assert_non_null(strstr(fu_rule_find("thank-you")->source, "000"));
	assert_non_null(strstr(fu_rule_find("acknowledge")->source, "004"));
	assert_non_null(strstr(fu_rule_find("nudge")->source,
			       "Additional Follow-Up"));
	/* interview-check-in: 003's 3-5 days over 000's one week */
	const fu_rule_info *iv = fu_rule_find("interview-check-in");
	assert_non_null(strstr(iv->source, "003"));
	assert_non_null(strstr(iv->advice, "3-5 days"));
	/* paraphrased, not copied from the seeds */
	size_t n = 0;
	const fu_rule_info *r = fu_rules_table(&n);
	for (size_t i = 0; i < n; i++) {
		assert_null(strstr(r[i].advice, "You should strive to send"));
		assert_null(strstr(r[i].advice, "every-other-week timing"));
		assert_null(strstr(r[i].advice, "Rejection is an inescapable"));
	}
}

static void test_rules_action_state_edges(void **state)
{
	(void)state;
	fu_action a = { .not_before = 1000, .due = 2000 };
	assert_int_equal(fu_action_state(&a, 999), FU_STATE_UPCOMING);
	assert_int_equal(fu_action_state(&a, 1000), FU_STATE_DUE);
	assert_int_equal(fu_action_state(&a, 2000), FU_STATE_DUE);
	assert_int_equal(fu_action_state(&a, 2001), FU_STATE_OVERDUE);
	assert_string_equal(fu_action_state_name(FU_STATE_UPCOMING), "upcoming");
	assert_string_equal(fu_action_state_name(FU_STATE_DUE), "due");
	assert_string_equal(fu_action_state_name(FU_STATE_OVERDUE), "overdue");
}

static void test_rules_empty_subject_owes_nothing(void **state)
{
	t *x = *state;
	application(x, 1);
	eval(x);
	assert_int_equal(x->n, 0);
	assert_fu_ok(fu_rules_eval(&x->out, &x->n, NULL, &x->p));
	assert_int_equal(x->n, 0);
	assert_null(x->out);
}

/* --- thank-you -------------------------------------------------------------- */

static void test_rules_thank_you_within_24h_of_interview(void **state)
{
	t *x = *state;
	char key[96];
	fu_event *e = interview_dana_sam(x);
	eval(x);
	const fu_action *a = find(x, "thank-you", DANA);
	assert_window(a, nov(10, 14, 0), nov(11, 14, 0));
	assert_edges(a);
	assert_string_equal(a->rule, "thank-you");
	assert_int_equal(a->channel, FU_CH_EMAIL);
	assert_int_equal(a->application_id, APP);
	assert_int_equal(a->trigger_event_id, e->id);
	assert_int_equal(a->seq, 0);
	assert_string_equal(a->key, keyf(key, "thank-you", e->id, DANA));
	assert_reason_has(a, "Dana Reyes");
	assert_reason_has(a, "Tue 10 Nov 14:00");
	assert_reason_has(a, "24 hours");
}

static void test_rules_thank_you_one_per_interviewer(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	eval(x);
	assert_int_equal(count(x, "thank-you"), 2);
	assert_window(find(x, "thank-you", SAM), nov(10, 14, 0), nov(11, 14, 0));
	assert_reason_has(find(x, "thank-you", SAM), "Sam Lee");
}

static void test_rules_thank_you_after_scheduled_meeting(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_MEETING, nov(9, 12, 30), 1, SAM);
	eval(x);
	const fu_action *a = find(x, "thank-you", SAM);
	assert_window(a, nov(9, 12, 30), nov(10, 12, 30));
	assert_reason_has(a, "met Sam Lee");
}

static void test_rules_thank_you_networking_meeting_to_subject(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_MEETING, nov(4, 8, 0), 0);
	log_ev(x, FU_EV_MEETING, nov(6, 8, 0), 1, JO);
	eval(x);
	assert_int_equal(count(x, "thank-you"), 3);
	const fu_action *a = find(x, "thank-you", ALEX);
	assert_window(a, nov(4, 8, 0), nov(5, 8, 0));
	assert_int_equal(a->application_id, 0);
	assert_window(find(x, "thank-you", JO), nov(6, 8, 0), nov(7, 8, 0));
}

static void test_rules_thank_you_answered_by_sent_to_that_person(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	log_ev(x, FU_EV_SENT, nov(10, 18, 0), 1, DANA);
	eval(x);
	assert_null(find(x, "thank-you", DANA));
	assert_non_null(find(x, "thank-you", SAM));
}

static void test_rules_thank_you_not_answered_by_earlier_sent(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_SENT, nov(9, 10, 0), 1, DANA);
	log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 1, DANA);
	eval(x);
	assert_non_null(find(x, "thank-you", DANA));
}

static void test_rules_thank_you_not_answered_by_sent_for_other(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	fu_event *s = log_ev(x, FU_EV_SENT, nov(10, 18, 0), 1, DANA);
	s->action = "acknowledge";
	eval(x);
	assert_non_null(find(x, "thank-you", DANA));
	s->action = "thank-you";
	eval(x);
	assert_null(find(x, "thank-you", DANA));
}

static void test_rules_thank_you_keeps_24h_over_weekend(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_INTERVIEW, nov(13, 15, 0), 1, DANA);
	eval(x);
	/* rule 8: thank-yous are not moved to Monday */
	const fu_action *a = find(x, "thank-you", DANA);
	assert_window(a, nov(13, 15, 0), nov(14, 15, 0));
	assert_int_equal(fu_time_weekday(a->due), 6);
}

static void test_rules_thank_you_across_dst_keeps_local_time(void **state)
{
	t *x = *state; /* America/New_York: DST ends Sun 1 Nov 02:00 */
	application(x, 1);
	log_ev(x, FU_EV_INTERVIEW, at(10, 31, 14, 0), 1, DANA);
	eval(x);
	const fu_action *a = find(x, "thank-you", DANA);
	assert_window(a, at(10, 31, 14, 0), nov(1, 14, 0));
	assert_int_equal(a->due - a->not_before, 25 * 3600);
	time_t due = (time_t)a->due;
	struct tm tm;
	localtime_r(&due, &tm);
	assert_int_equal(tm.tm_hour, 14);
}

static void test_rules_thank_you_hours_beyond_a_day_across_dst(void **state)
{
	t *x = *state; /* America/New_York */
	x->p.v[FU_P_THANK_YOU_HOURS] = 36; /* one local day, then 12 h */
	application(x, 1);
	log_ev(x, FU_EV_INTERVIEW, at(10, 31, 14, 0), 1, DANA);
	eval(x);
	assert_window(find(x, "thank-you", DANA), at(10, 31, 14, 0),
		      nov(2, 2, 0));
}

static void test_rules_days_are_local_calendar_days_across_dst(
	void **state)
{
	t *x = *state; /* America/New_York */
	networking(x);
	log_ev(x, FU_EV_MET, at(10, 31, 19, 0), 0); /* Sat, still EDT */
	eval(x);
	/* rule 8: "+ N d" keeps 19:00 local across the change */
	assert_window(find(x, "connect", ALEX), nov(1, 19, 0), nov(3, 19, 0));
}

static void test_rules_check_in_across_dst_moves_to_monday(void **state)
{
	t *x = *state; /* America/New_York */
	application(x, 1);
	apply(x, at(10, 30, 9, 0)); /* Fri EDT: + 2 d is Sun 1 Nov, EST */
	eval(x);
	assert_window(find(x, "application-check-in", DANA), nov(2, 9, 0),
		      nov(6, 9, 0));
}

static void test_rules_thank_you_survives_no_follow_up(void **state)
{
	t *x = *state;
	application(x, 1);
	x->s.no_follow_up = 1;
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 1, DANA);
	eval(x);
	assert_non_null(find(x, "thank-you", DANA));
	assert_int_equal(x->n, 1);
}

static void test_rules_thank_you_letter_only_with_address(void **state)
{
	t *x = *state;
	application(x, 1);
	x->c[0].prefers = FU_CH_LETTER;
	log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 1, DANA);
	eval(x);
	assert_int_equal(find(x, "thank-you", DANA)->channel, FU_CH_EMAIL);
	x->c[0].has_address = 1;
	eval(x);
	assert_int_equal(find(x, "thank-you", DANA)->channel, FU_CH_LETTER);
}

static void test_rules_thank_you_nobody_named(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 0);
	eval(x);
	/* decision: the first attached contact */
	assert_non_null(find(x, "thank-you", DANA));
	x->c[0].attached = 0;
	eval(x);
	/* decision: nobody known at all: one with contact 0 */
	const fu_action *a = find(x, "thank-you", 0);
	assert_non_null(a);
	assert_int_equal(a->channel, FU_CH_EMAIL);
	assert_reason_has(a, "nobody named");
}

/* --- acknowledge ------------------------------------------------------------ */

static void test_rules_acknowledge_reply_within_24h(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *r = log_ev(x, FU_EV_REPLY, nov(5, 10, 0), 1, DANA);
	eval(x);
	char key[96];
	const fu_action *a = find(x, "acknowledge", DANA);
	assert_window(a, nov(5, 10, 0), nov(6, 10, 0));
	assert_edges(a);
	assert_string_equal(a->key, keyf(key, "acknowledge", r->id, DANA));
	assert_int_equal(a->channel, FU_CH_EMAIL);
	assert_reason_has(a, "Dana Reyes replied");
}

static void test_rules_acknowledge_unnamed_reply_to_first_attached(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_REPLY, nov(5, 10, 0), 0);
	eval(x);
	assert_non_null(find(x, "acknowledge", DANA));
}

static void test_rules_acknowledge_timeline_only_from_a_person(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_TIMELINE, nov(5, 10, 0), 0);
	eval(x);
	assert_int_equal(count(x, "acknowledge"), 0);
	log_ev(x, FU_EV_TIMELINE, nov(6, 10, 0), 1, SAM);
	eval(x);
	assert_window(find(x, "acknowledge", SAM), nov(6, 10, 0), nov(7, 10, 0));
}

static void test_rules_acknowledge_answered_by_sent(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_REPLY, nov(5, 10, 0), 1, DANA);
	log_ev(x, FU_EV_SENT, nov(5, 11, 0), 1, DANA);
	eval(x);
	assert_null(find(x, "acknowledge", DANA));
}

/* --- connect ------------------------------------------------------------------ */

static void test_rules_connect_one_to_three_days_after_met(void **state)
{
	t *x = *state;
	char key[96];
	networking(x);
	fu_event *m = log_ev(x, FU_EV_MET, nov(2, 19, 0), 0);
	eval(x);
	const fu_action *a = find(x, "connect", ALEX);
	assert_window(a, nov(3, 19, 0), nov(5, 19, 0));
	assert_edges(a);
	assert_int_equal(a->application_id, 0);
	assert_string_equal(a->key, keyf(key, "connect", m->id, ALEX));
	assert_reason_has(a, "Alex Kim");
}

static void test_rules_connect_to_everyone_met(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_MET, nov(2, 19, 0), 2, JO, ALEX);
	eval(x);
	assert_int_equal(count(x, "connect"), 2);
	assert_non_null(find(x, "connect", JO));
}

static void test_rules_connect_moot_when_they_write_first(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_MET, nov(2, 19, 0), 0);
	log_ev(x, FU_EV_REPLY, nov(3, 9, 0), 0);
	eval(x);
	assert_null(find(x, "connect", ALEX));
	assert_window(find(x, "acknowledge", ALEX), nov(3, 9, 0), nov(4, 9, 0));
}

static void test_rules_connect_answered_by_unaddressed_sent(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_MET, nov(2, 19, 0), 0);
	log_ev(x, FU_EV_SENT, nov(3, 20, 0), 0);
	eval(x);
	assert_int_equal(x->n, 0);
}

/* --- intro -------------------------------------------------------------------- */

static void test_rules_intro_thanks_and_reach_out(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_INTRO, nov(2, 10, 0), 1, JO);
	eval(x);
	const fu_action *th = find(x, "intro-thanks", ALEX);
	const fu_action *ro = find(x, "intro-reach-out", JO);
	assert_window(th, nov(2, 10, 0), nov(4, 10, 0));
	assert_window(ro, nov(2, 10, 0), nov(4, 10, 0));
	assert_edges(ro);
	assert_string_equal(th->rule, "intro-thanks");
	assert_string_equal(ro->rule, "intro-reach-out");
	assert_reason_has(th, "Alex Kim introduced you to Jo Park");
	assert_int_equal(x->n, 2);
}

static void test_rules_intro_each_answered_separately(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_INTRO, nov(2, 10, 0), 1, JO);
	log_ev(x, FU_EV_SENT, nov(3, 10, 0), 1, JO);
	eval(x);
	assert_null(find(x, "intro-reach-out", JO));
	assert_non_null(find(x, "intro-thanks", ALEX));
}

static void test_rules_intro_reach_out_moot_when_they_write(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_INTRO, nov(2, 10, 0), 1, JO);
	log_ev(x, FU_EV_REPLY, nov(3, 10, 0), 1, JO);
	eval(x);
	assert_null(find(x, "intro-reach-out", JO));
	assert_non_null(find(x, "acknowledge", JO));
	assert_non_null(find(x, "intro-thanks", ALEX));
}

/* --- help-reminder -------------------------------------------------------- */

static void test_rules_help_reminder_a_week_without_date(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_HELP_PROMISED, nov(2, 10, 0), 0);
	eval(x);
	const fu_action *a = find(x, "help-reminder", ALEX);
	assert_window(a, nov(9, 10, 0), nov(12, 10, 0));
	assert_edges(a);
	assert_reason_has(a, "no date given");
}

static void test_rules_help_reminder_after_promised_date(void **state)
{
	t *x = *state;
	networking(x);
	fu_event *e = log_ev(x, FU_EV_HELP_PROMISED, nov(2, 10, 0), 0);
	e->expect_at = nov(6, 0, 0);
	eval(x);
	const fu_action *a = find(x, "help-reminder", ALEX);
	/* the day after Fri 6 Nov; not a check-in, so Saturday stays */
	assert_window(a, nov(7, 0, 0), nov(10, 0, 0));
	assert_reason_has(a, "promised it by Fri 6 Nov");
	e->expect_at = 0;
	e->until_at = nov(6, 0, 0); /* --until works the same */
	eval(x);
	assert_window(find(x, "help-reminder", ALEX), nov(7, 0, 0),
		      nov(10, 0, 0));
}

static void test_rules_help_reminder_urgent_sooner_says_why(void **state)
{
	t *x = *state;
	networking(x);
	fu_event *e = log_ev(x, FU_EV_HELP_PROMISED, nov(2, 10, 0), 0);
	e->urgent = 1;
	eval(x);
	const fu_action *a = find(x, "help-reminder", ALEX);
	assert_window(a, nov(5, 10, 0), nov(8, 10, 0));
	assert_reason_has(a, "urgent");
	assert_reason_has(a, "time-sensitive");
}

static void test_rules_help_reminder_answered_by_sent(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_HELP_PROMISED, nov(2, 10, 0), 0);
	log_ev(x, FU_EV_SENT, nov(2, 18, 0), 1, ALEX); /* thanks (rule 16) */
	log_ev(x, FU_EV_SENT, nov(9, 11, 0), 1, ALEX);
	eval(x);
	assert_int_equal(x->n, 0);
}

static void test_rules_help_reminder_never_phone_when_no_calls(void **state)
{
	t *x = *state;
	networking(x);
	x->c[0].prefers = FU_CH_PHONE;
	log_ev(x, FU_EV_HELP_PROMISED, nov(2, 10, 0), 0);
	eval(x);
	assert_int_equal(find(x, "help-reminder", ALEX)->channel, FU_CH_PHONE);
	x->c[0].no_calls = 1;
	eval(x);
	assert_int_equal(find(x, "help-reminder", ALEX)->channel, FU_CH_EMAIL);
}

static void test_rules_help_reminders_to_one_person_kept_apart(void **state)
{
	t *x = *state;
	networking(x);
	fu_event *a = log_ev(x, FU_EV_HELP_PROMISED, nov(2, 10, 0), 0);
	fu_event *b = log_ev(x, FU_EV_HELP_PROMISED, nov(2, 11, 0), 0);
	char k1[96], k2[96];
	keyf(k1, "help-reminder", a->id, ALEX);
	keyf(k2, "help-reminder", b->id, ALEX);
	eval(x);
	assert_int_equal(count(x, "help-reminder"), 2);
	/* rule 7: the second waits 7 days after the first, due as much */
	assert_window(find_key(x, k1), nov(9, 10, 0), nov(12, 10, 0));
	assert_window(find_key(x, k2), nov(16, 10, 0), nov(19, 10, 0));
	assert_reason_has(find_key(x, k2), "moved");
	assert_true(find_key(x, k2)->constraints & (1u << 7));
	x->p.v[FU_P_MIN_GAP_DAYS] = 0;
	eval(x);
	assert_window(find_key(x, k2), nov(9, 11, 0), nov(12, 11, 0));
}

static void test_rules_one_sent_answers_one_follow_up(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_MET, nov(2, 19, 0), 0);
	log_ev(x, FU_EV_HELP_PROMISED, nov(2, 20, 0), 0);
	log_ev(x, FU_EV_SENT, nov(2, 21, 0), 1, ALEX); /* thanks (rule 16) */
	log_ev(x, FU_EV_SENT, nov(3, 20, 0), 1, ALEX);
	eval(x);
	/* the connect (due first) is answered; the reminder waits 7 days
	 * after that message (rule 7): Mon 9 20:00 -> Tue 10 20:00 */
	assert_null(find(x, "connect", ALEX));
	assert_window(find(x, "help-reminder", ALEX), nov(10, 20, 0),
		      nov(13, 20, 0));
}

/* --- find-contact ------------------------------------------------------------- */

static void test_rules_find_contact_board_application(void **state)
{
	t *x = *state;
	application(x, 0);
	x->s.source = FU_SRC_BOARD;
	apply(x, nov(2, 9, 0));
	eval(x);
	const fu_action *a = find(x, "find-contact", 0);
	/* decision: due when the application check-in would be (+7 d) */
	assert_window(a, nov(4, 9, 0), nov(9, 9, 0));
	assert_edges(a);
	assert_int_equal(a->channel, FU_CH_NONE);
	assert_int_equal(a->trigger_event_id, 0);
	assert_string_equal(a->key, "find-contact:a1:0");
	assert_int_equal(count(x, "application-check-in"), 0);
}

static void test_rules_find_contact_not_with_attached_contact(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	eval(x);
	assert_int_equal(count(x, "find-contact"), 0);
	assert_int_equal(count(x, "application-check-in"), 1);
}

static void test_rules_find_contact_not_for_no_follow_up(void **state)
{
	t *x = *state;
	application(x, 0);
	x->s.no_follow_up = 1;
	x->s.source = FU_SRC_BOARD;
	apply(x, nov(2, 9, 0));
	eval(x);
	assert_int_equal(x->n, 0);
}

static void test_rules_find_contact_needs_applied(void **state)
{
	t *x = *state;
	application(x, 0);
	eval(x);
	assert_int_equal(x->n, 0);
}

static void test_rules_find_contact_cancelled_by_word(void **state)
{
	t *x = *state;
	application(x, 0);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_REPLY, nov(3, 9, 0), 1, SAM);
	eval(x);
	assert_int_equal(count(x, "find-contact"), 0);
	assert_non_null(find(x, "acknowledge", SAM));
	/* rule 12: the person who wrote is now the one the conversation
	 * goes on with; no "did my application arrive" after their word */
	assert_non_null(find(x, "nudge", SAM));
	assert_int_equal(count(x, "application-check-in"), 0);
}

/* --- application-check-in ----------------------------------------------------- */

static void test_rules_application_check_in_two_to_seven_days(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	eval(x);
	const fu_action *a = find(x, "application-check-in", DANA);
	assert_window(a, nov(4, 9, 0), nov(9, 9, 0));
	assert_edges(a);
	assert_string_equal(a->key, "application-check-in:a1:10");
	assert_int_equal(a->trigger_event_id, 0);
	assert_int_equal(a->channel, FU_CH_EMAIL);
	assert_reason_has(a, "Mon 2 Nov");
	assert_reason_has(a, "2-7 days");
	assert_int_equal(x->n, 1);
}

static void test_rules_application_check_in_from_applied_at(void **state)
{
	t *x = *state;
	application(x, 1);
	x->s.applied_at = nov(2, 9, 0); /* no applied event */
	eval(x);
	const fu_action *a = find(x, "application-check-in", DANA);
	assert_window(a, nov(4, 9, 0), nov(9, 9, 0));
	assert_string_equal(a->key, "application-check-in:a1:10");
}

static void test_rules_application_check_in_saturday_to_monday(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(5, 9, 0)); /* Thu: + 2 d is Saturday */
	eval(x);
	const fu_action *a = find(x, "application-check-in", DANA);
	assert_window(a, nov(9, 9, 0), nov(12, 9, 0));
	assert_int_equal(fu_time_weekday(a->not_before), 1);
}

static void test_rules_application_check_in_sunday_due_to_monday(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(1, 9, 0)); /* Sun: + 7 d is Sunday */
	eval(x);
	assert_window(find(x, "application-check-in", DANA), nov(3, 9, 0),
		      nov(9, 9, 0));
}

static void test_rules_application_check_in_to_first_attached(void **state)
{
	t *x = *state;
	x->s.application_id = APP;
	person(x, SAM, "Sam Lee", 1);
	person(x, DANA, "Dana Reyes", 1);
	apply(x, nov(2, 9, 0));
	eval(x);
	/* rule 7: one check-in per application, to the first contact */
	assert_int_equal(count(x, "application-check-in"), 1);
	assert_non_null(find(x, "application-check-in", SAM));
}

static void test_rules_application_check_in_not_for_no_follow_up(void **state)
{
	t *x = *state;
	application(x, 1);
	x->s.no_follow_up = 1;
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_SENT, nov(4, 10, 0), 1, DANA);
	eval(x);
	assert_int_equal(x->n, 0);
}

static void test_rules_application_check_in_phone_when_preferred(void **state)
{
	t *x = *state;
	application(x, 1);
	x->c[0].prefers = FU_CH_PHONE;
	apply(x, nov(2, 9, 0));
	eval(x);
	assert_int_equal(find(x, "application-check-in", DANA)->channel,
			 FU_CH_PHONE);
}

static void test_rules_application_check_in_no_calls_beats_preference(
	void **state)
{
	t *x = *state;
	application(x, 1);
	x->c[0].prefers = FU_CH_PHONE;
	x->s.no_calls = 1; /* the posting says no calls */
	apply(x, nov(2, 9, 0));
	eval(x);
	assert_int_equal(find(x, "application-check-in", DANA)->channel,
			 FU_CH_EMAIL);
}

static void test_rules_application_check_in_social_only_when_ok(void **state)
{
	t *x = *state;
	application(x, 1);
	x->c[0].prefers = FU_CH_SOCIAL;
	apply(x, nov(2, 9, 0));
	eval(x);
	assert_int_equal(find(x, "application-check-in", DANA)->channel,
			 FU_CH_EMAIL);
	x->c[0].social_ok = 1;
	eval(x);
	assert_int_equal(find(x, "application-check-in", DANA)->channel,
			 FU_CH_SOCIAL);
}

static void test_rules_application_check_in_phone_when_only_phone_known(
	void **state)
{
	t *x = *state;
	application(x, 1);
	x->c[0].has_email = 0;
	x->c[0].has_phone = 1;
	apply(x, nov(2, 9, 0));
	eval(x);
	/* decision: email is the default, but nobody can write to no address */
	assert_int_equal(find(x, "application-check-in", DANA)->channel,
			 FU_CH_PHONE);
	x->c[0].no_calls = 1;
	eval(x);
	assert_int_equal(find(x, "application-check-in", DANA)->channel,
			 FU_CH_EMAIL);
}

/* Rule 12: after their reply, never "did my application arrive": the
 * conversation goes on at the nudge cadence, from the latest message. */
static void test_rules_reply_keeps_conversation_going_rule12(void **state)
{
	t *x = *state;
	char key[96];
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *r = log_ev(x, FU_EV_REPLY, nov(5, 11, 0), 1, DANA);
	eval(x);
	assert_null(find_key(x, "application-check-in:a1:10"));
	assert_int_equal(count(x, "application-check-in"), 0);
	const fu_action *a = find(x, "nudge", DANA);
	keyf(key, "nudge", r->id, DANA);
	strcat(key, ":1");
	assert_string_equal(a->key, key);
	/* 14 days after their reply (Thu 19), due Sun 22 -> Mon 23 */
	assert_window(a, nov(19, 11, 0), nov(23, 11, 0));
	assert_reason_has(a, "Dana Reyes replied");
	assert_reason_has(a, "conversation");
	assert_true(a->constraints & (1u << 12));
	assert_non_null(find(x, "acknowledge", DANA));
	/* the latest message either way: the acknowledgement moves it */
	log_ev(x, FU_EV_SENT, nov(6, 10, 0), 1, DANA);
	eval(x);
	assert_null(find(x, "acknowledge", DANA));
	assert_window(find(x, "nudge", DANA), nov(20, 10, 0), nov(23, 10, 0));
}

/* Rule 12 and 13: a reply that names a Friday: the follow-up falls after
 * it, and its window keeps a business day. */
static void test_rules_reply_with_date_follows_after_it_rule12(
	void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *r = log_ev(x, FU_EV_REPLY, nov(3, 9, 0), 1, DANA);
	r->expect_at = nov(13, 0, 0); /* a Friday */
	eval(x);
	assert_int_equal(count(x, "application-check-in"), 0);
	const fu_action *a = find(x, "nudge", DANA);
	/* + 1 d Sat and + 2 d Sun both move to Monday; rule 13: due Tue */
	assert_window(a, nov(16, 0, 0), nov(17, 0, 0));
	assert_true(a->constraints & (1u << 13));
	assert_reason_has(a, "they said they would get back to you by");
}

static void test_rules_application_check_in_not_answered_by_other(
	void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_SENT, nov(4, 10, 0), 1, SAM);
	eval(x);
	assert_non_null(find(x, "application-check-in", DANA));
	assert_int_equal(count(x, "nudge"), 0);
}

static void test_rules_application_check_in_key_stable(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	eval(x);
	fu_action before = *find(x, "application-check-in", DANA);
	log_ev(x, FU_EV_MET, nov(3, 18, 0), 1, JO); /* unrelated */
	log_ev(x, FU_EV_POSTING_CLOSED, nov(3, 19, 0), 0);
	eval(x);
	const fu_action *a = find(x, "application-check-in", DANA);
	assert_string_equal(a->key, before.key);
	assert_window(a, before.not_before, before.due);
}

/* --- interview-check-in ------------------------------------------------------- */

static void test_rules_interview_check_in_3_to_5_days_003_over_000(
	void **state)
{
	t *x = *state;
	char key[96];
	fu_event *e = interview_dana_sam(x);
	eval(x);
	const fu_action *a = find(x, "interview-check-in", DANA);
	/* 003: 3-5 days without a date (not 000's one week); the due
	 * Sun 15 moves to Mon 16 */
	assert_window(a, nov(13, 14, 0), nov(16, 14, 0));
	assert_true(a->not_before != nov(17, 14, 0));
	assert_edges(a);
	assert_string_equal(a->key, keyf(key, "interview-check-in", e->id,
					 DANA));
	assert_reason_has(a, "3-5 days");
	assert_int_equal(count(x, "interview-check-in"), 1);
}

static void test_rules_interview_check_in_after_contact_date_003(
	void **state)
{
	t *x = *state;
	fu_event *e = interview_dana_sam(x);
	e->expect_at = nov(17, 0, 0);
	eval(x);
	/* 003: within 48 hours once the promised date has passed */
	const fu_action *a = find(x, "interview-check-in", DANA);
	assert_window(a, nov(18, 0, 0), nov(19, 0, 0));
	assert_edges(a);
	assert_reason_has(a, "Tue 17 Nov");
}

static void test_rules_interview_check_in_contact_date_friday(void **state)
{
	t *x = *state;
	fu_event *e = interview_dana_sam(x);
	e->expect_at = nov(20, 0, 0);
	eval(x);
	/* rule 13: both ends on Monday: due the next business day */
	assert_window(find(x, "interview-check-in", DANA), nov(23, 0, 0),
		      nov(24, 0, 0));
}

static void test_rules_interview_cancels_application_check_in(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_INTERVIEW, nov(4, 10, 0), 1, DANA);
	eval(x);
	assert_int_equal(count(x, "application-check-in"), 0);
	/* Wed + 3 d and + 5 d both fall on Monday (rule 8): rule 13 keeps
	 * a business day, due Tuesday */
	const fu_action *a = find(x, "interview-check-in", DANA);
	assert_window(a, nov(9, 10, 0), nov(10, 10, 0));
	assert_true(a->constraints & (1u << 13));
}

static void test_rules_interview_check_in_due_after_thank_you_rule10(
	void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	log_ev(x, FU_EV_SENT, nov(10, 18, 0), 1, DANA);
	eval(x);
	assert_null(find(x, "thank-you", DANA));
	assert_window(find(x, "interview-check-in", DANA), nov(13, 14, 0),
		      nov(16, 14, 0));
	assert_int_equal(count(x, "nudge"), 0);
}

static void test_rules_interview_unaddressed_sent_thanks_everyone(
	void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	log_ev(x, FU_EV_SENT, nov(10, 18, 0), 0);
	eval(x);
	assert_int_equal(count(x, "thank-you"), 0);
	assert_non_null(find(x, "interview-check-in", DANA));
}

static void test_rules_one_note_covers_every_courtesy_owed(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	log_ev(x, FU_EV_REPLY, nov(10, 16, 0), 1, DANA);
	log_ev(x, FU_EV_SENT, nov(10, 18, 0), 1, DANA);
	eval(x);
	/* rule 11: the thank-you and the acknowledgement to Dana are one
	 * note; her reply without a date keeps the conversation going
	 * (rule 12): a nudge 14 days after the latest message */
	assert_null(find(x, "thank-you", DANA));
	assert_null(find(x, "acknowledge", DANA));
	assert_non_null(find(x, "thank-you", SAM));
	assert_int_equal(count(x, "interview-check-in"), 0);
	assert_window(find(x, "nudge", DANA), nov(24, 18, 0), nov(27, 18, 0));
}

static void test_rules_sent_to_two_people_advances_nudges_once(
	void **state)
{
	t *x = *state;
	x->s.application_id = APP; /* nobody known */
	person(x, SAM, "Sam Lee", 0);
	person(x, JO, "Jo Park", 0);
	log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 0);
	log_ev(x, FU_EV_SENT, nov(10, 18, 0), 1, SAM);
	eval(x);
	assert_null(find(x, "thank-you", 0));
	assert_non_null(find(x, "interview-check-in", 0));
	log_ev(x, FU_EV_SENT, nov(13, 15, 0), 2, SAM, JO);
	eval(x);
	const fu_action *a = find(x, "nudge", 0);
	assert_non_null(a);
	assert_int_equal(a->seq, 1);
	assert_window(a, nov(27, 15, 0), nov(30, 15, 0));
}

static void test_rules_interview_check_in_timeline_sets_date(void **state)
{
	t *x = *state;
	char key[96];
	interview_dana_sam(x);
	fu_event *tl = log_ev(x, FU_EV_TIMELINE, nov(12, 9, 0), 0);
	tl->expect_at = nov(25, 0, 0);
	eval(x);
	const fu_action *a = find(x, "interview-check-in", DANA);
	assert_window(a, nov(26, 0, 0), nov(27, 0, 0));
	assert_string_equal(a->key, keyf(key, "interview-check-in", tl->id,
					 DANA));
	assert_int_equal(count(x, "interview-check-in"), 1);
}

static void test_rules_interview_check_in_keeps_date_after_reply(
	void **state)
{
	t *x = *state;
	fu_event *e = interview_dana_sam(x);
	e->expect_at = nov(17, 0, 0);
	log_ev(x, FU_EV_REPLY, nov(12, 10, 0), 1, DANA);
	eval(x);
	assert_window(find(x, "interview-check-in", DANA), nov(18, 0, 0),
		      nov(19, 0, 0));
}

static void test_rules_interview_check_in_reply_after_date_restarts(
	void **state)
{
	t *x = *state;
	fu_event *e = interview_dana_sam(x);
	e->expect_at = nov(17, 0, 0);
	log_ev(x, FU_EV_REPLY, nov(20, 10, 0), 1, DANA);
	eval(x);
	/* rule 12: a reply with no new date: the conversation goes on */
	assert_int_equal(count(x, "interview-check-in"), 0);
	assert_window(find(x, "nudge", DANA), dec(4, 10, 0), dec(7, 10, 0));
}

static void test_rules_interview_check_in_to_first_interviewer(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 2, SAM, DANA);
	eval(x);
	assert_non_null(find(x, "interview-check-in", SAM));
	assert_null(find(x, "interview-check-in", DANA));
}

static void test_rules_interview_check_in_kept_apart_rule7(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_SENT, nov(6, 10, 0), 1, DANA); /* the check-in */
	log_ev(x, FU_EV_INTERVIEW, nov(9, 10, 0), 1, DANA);
	log_ev(x, FU_EV_SENT, nov(9, 18, 0), 1, DANA); /* the thank-you */
	eval(x);
	/* Thu 12 is within 7 days of Fri 6: Fri 13; the due moves a day
	 * too (Sat 14 -> Sun 15 -> Mon 16); the thank-you does not count */
	const fu_action *a = find(x, "interview-check-in", DANA);
	assert_window(a, nov(13, 10, 0), nov(16, 10, 0));
	assert_reason_has(a, "moved");
	assert_int_equal(x->n, 1);
}

static void test_rules_interview_check_in_phone_when_preferred(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	x->c[0].prefers = FU_CH_PHONE;
	eval(x);
	assert_int_equal(find(x, "interview-check-in", DANA)->channel,
			 FU_CH_PHONE);
	/* decision: thank-yous are written, whatever the preference */
	assert_int_equal(find(x, "thank-you", DANA)->channel, FU_CH_EMAIL);
}

/* --- nudge ---------------------------------------------------------------------- */

static void test_rules_nudge_14_days_after_check_in(void **state)
{
	t *x = *state;
	check_in_sent(x);
	eval(x);
	assert_int_equal(count(x, "application-check-in"), 0);
	const fu_action *a = find(x, "nudge", DANA);
	/* Wed 18 .. Sat 21 -> Mon 23 */
	assert_window(a, nov(18, 10, 0), nov(23, 10, 0));
	assert_edges(a);
	assert_int_equal(a->seq, 1);
	assert_string_equal(a->key, "nudge:a1:10:1");
	assert_string_equal(a->rule, "nudge");
	assert_reason_has(a, "Wed 4 Nov");
}

static void test_rules_nudge_alternates_and_repeats(void **state)
{
	t *x = *state;
	check_in_sent(x);
	eval(x);
	assert_int_equal(find(x, "nudge", DANA)->channel, FU_CH_PHONE);
	fu_event *s = log_ev(x, FU_EV_SENT, nov(18, 11, 0), 1, DANA);
	s->channel = FU_CH_PHONE;
	eval(x);
	const fu_action *a = find(x, "nudge", DANA);
	assert_int_equal(a->seq, 2);
	assert_string_equal(a->key, "nudge:a1:10:2");
	assert_int_equal(a->channel, FU_CH_EMAIL);
	assert_window(a, dec(2, 11, 0), dec(7, 11, 0));
	log_ev(x, FU_EV_SENT, dec(2, 12, 0), 1, DANA);
	eval(x);
	a = find(x, "nudge", DANA);
	assert_int_equal(a->seq, 3);
	assert_int_equal(a->channel, FU_CH_PHONE);
}

static void test_rules_nudge_follows_logged_channel(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *s = log_ev(x, FU_EV_SENT, nov(4, 10, 0), 1, DANA);
	s->channel = FU_CH_PHONE; /* the check-in was a call */
	eval(x);
	assert_int_equal(find(x, "nudge", DANA)->channel, FU_CH_EMAIL);
}

static void test_rules_nudge_no_calls_stays_email(void **state)
{
	t *x = *state;
	check_in_sent(x);
	x->s.no_calls = 1;
	eval(x);
	assert_int_equal(find(x, "nudge", DANA)->channel, FU_CH_EMAIL);
	x->s.no_calls = 0;
	x->c[0].no_calls = 1;
	eval(x);
	assert_int_equal(find(x, "nudge", DANA)->channel, FU_CH_EMAIL);
}

static void test_rules_nudge_not_by_phone_without_a_number(void **state)
{
	t *x = *state;
	check_in_sent(x);
	x->c[0].has_phone = 0;
	eval(x);
	/* decision: a contact reachable by email only is not called */
	assert_int_equal(find(x, "nudge", DANA)->channel, FU_CH_EMAIL);
}

/* Rule 14: nudges alternate phone and email, starting from the
 * preferred channel. */
static void test_rules_nudge_alternates_from_preference_rule14(
	void **state)
{
	t *x = *state;
	check_in_sent(x);
	x->c[0].prefers = FU_CH_EMAIL;
	eval(x);
	assert_int_equal(find(x, "nudge", DANA)->channel, FU_CH_PHONE);
	x->c[0].prefers = FU_CH_PHONE;
	eval(x);
	/* the check-in was to be a call: after it, an e-mail */
	assert_int_equal(find(x, "nudge", DANA)->channel, FU_CH_EMAIL);
	x->ev[1].channel = FU_CH_EMAIL; /* it was written instead */
	eval(x);
	assert_int_equal(find(x, "nudge", DANA)->channel, FU_CH_PHONE);
	x->c[0].prefers = FU_CH_LETTER; /* a letter is no way to nudge */
	x->c[0].has_address = 1;
	eval(x);
	assert_int_equal(find(x, "nudge", DANA)->channel, FU_CH_PHONE);
	x->ev[1].channel = FU_CH_NONE; /* the check-in: e-mail, not post */
	eval(x);
	assert_int_equal(find(x, "nudge", DANA)->channel, FU_CH_PHONE);
}

static void test_rules_nudge_only_one_pending_rule7(void **state)
{
	t *x = *state;
	check_in_sent(x);
	log_ev(x, FU_EV_SENT, nov(18, 10, 0), 1, DANA);
	eval(x);
	assert_int_equal(count(x, "nudge"), 1);
	assert_int_equal(count(x, "application-check-in"), 0);
	assert_int_equal(x->n, 1);
}

static void test_rules_nudge_counts_from_latest_sent_rule10(void **state)
{
	t *x = *state;
	check_in_sent(x);
	log_ev(x, FU_EV_SENT, nov(9, 10, 0), 0); /* another message, early */
	eval(x);
	const fu_action *a = find(x, "nudge", DANA);
	assert_int_equal(a->seq, 2);
	assert_window(a, nov(23, 10, 0), nov(26, 10, 0));
}

static void test_rules_nudge_cancelled_by_reply_rule5(void **state)
{
	t *x = *state;
	char key[96];
	check_in_sent(x);
	fu_event *r = log_ev(x, FU_EV_REPLY, nov(20, 10, 0), 1, DANA);
	eval(x);
	/* the nudge waiting for a reply is gone; the conversation's own
	 * (rule 12) counts from the reply */
	assert_int_equal(count(x, "nudge"), 1);
	assert_non_null(find(x, "acknowledge", DANA));
	assert_int_equal(count(x, "application-check-in"), 0);
	const fu_action *a = find(x, "nudge", DANA);
	keyf(key, "nudge", r->id, DANA);
	strcat(key, ":1");
	assert_string_equal(a->key, key);
}

static void test_rules_nudge_dismissed_never_recreated(void **state)
{
	t *x = *state;
	check_in_sent(x);
	fu_event *d = log_ev(x, FU_EV_DISMISS, nov(5, 10, 0), 0);
	d->action = "nudge";
	eval(x);
	assert_int_equal(count(x, "nudge"), 0);
	log_ev(x, FU_EV_MET, nov(6, 10, 0), 1, JO);
	log_ev(x, FU_EV_SENT, nov(16, 10, 0), 1, DANA);
	eval(x);
	/* decision: dismissing a nudge ends the cadence of that stage */
	assert_int_equal(count(x, "nudge"), 0);
}

static void test_rules_nudge_not_for_no_follow_up(void **state)
{
	t *x = *state;
	check_in_sent(x);
	x->s.no_follow_up = 1;
	eval(x);
	assert_int_equal(x->n, 0);
}

/* --- closure -------------------------------------------------------------------- */

static void test_rules_closure_employed_suggests_withdrawing(void **state)
{
	t *x = *state;
	char key[96];
	fu_event *third = three_follow_ups(x);
	x->p.employed = 1;
	eval(x);
	const fu_action *a = find(x, "closure", 0);
	/* Wed 16 Dec .. Sat 19 -> Mon 21 */
	assert_window(a, dec(16, 10, 0), dec(21, 10, 0));
	assert_edges(a);
	assert_int_equal(a->channel, FU_CH_NONE);
	assert_string_equal(a->key, keyf(key, "closure", third->id, 0));
	assert_reason_has(a, "3 follow-ups");
	assert_reason_has(a, "you are employed");
	assert_reason_has(a, "withdraw");
	/* the decision replaces the next nudge */
	assert_int_equal(count(x, "nudge"), 0);
}

static void test_rules_closure_not_employed_keeps_cadence(void **state)
{
	t *x = *state;
	three_follow_ups(x);
	eval(x);
	const fu_action *a = find(x, "closure", 0);
	assert_non_null(a);
	assert_reason_has(a, "not employed");
	assert_reason_has(a, "keep");
	assert_null(strstr(a->reason, "withdraw"));
	const fu_action *n = find(x, "nudge", DANA);
	assert_window(n, dec(16, 10, 0), dec(21, 10, 0));
	assert_int_equal(n->seq, 3);
}

static void test_rules_closure_after_n_follow_ups_param(void **state)
{
	t *x = *state;
	check_in_sent(x);
	eval(x);
	assert_int_equal(count(x, "closure"), 0);
	x->p.v[FU_P_CLOSURE_FOLLOW_UPS] = 1;
	eval(x);
	const fu_action *a = find(x, "closure", 0);
	assert_window(a, nov(18, 10, 0), nov(23, 10, 0));
	assert_reason_has(a, "1 follow-up to Dana Reyes since Mon 2 Nov");
}

static void test_rules_closure_thank_yous_do_not_count(void **state)
{
	t *x = *state;
	x->p.v[FU_P_CLOSURE_FOLLOW_UPS] = 1;
	interview_dana_sam(x);
	log_ev(x, FU_EV_SENT, nov(10, 18, 0), 0); /* both thank-yous */
	eval(x);
	assert_int_equal(count(x, "closure"), 0);
}

static void test_rules_closure_reset_by_reply(void **state)
{
	t *x = *state;
	three_follow_ups(x);
	log_ev(x, FU_EV_REPLY, dec(3, 9, 0), 1, DANA);
	eval(x);
	assert_int_equal(count(x, "closure"), 0);
	/* the conversation's first nudge (rule 12), not the fourth */
	assert_int_equal(count(x, "nudge"), 1);
	assert_int_equal(find(x, "nudge", DANA)->seq, 1);
}

static void test_rules_closure_settled_by_next_follow_up(void **state)
{
	t *x = *state;
	three_follow_ups(x);
	log_ev(x, FU_EV_SENT, dec(17, 10, 0), 1, DANA);
	eval(x);
	assert_int_equal(count(x, "closure"), 0);
	assert_int_equal(find(x, "nudge", DANA)->seq, 4);
}

static void test_rules_closure_dismissed_lets_nudges_resume(void **state)
{
	t *x = *state;
	three_follow_ups(x);
	x->p.employed = 1;
	fu_event *d = log_ev(x, FU_EV_DISMISS, dec(3, 9, 0), 0);
	d->action = "closure";
	eval(x);
	assert_int_equal(count(x, "closure"), 0);
	assert_int_equal(find(x, "nudge", DANA)->seq, 3);
}

static void test_rules_closure_posting_closed_three_weeks(void **state)
{
	t *x = *state;
	char key[96];
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *pc = log_ev(x, FU_EV_POSTING_CLOSED, nov(3, 10, 0), 0);
	eval(x);
	const fu_action *a = find(x, "closure", 0);
	assert_window(a, nov(24, 10, 0), nov(27, 10, 0));
	assert_string_equal(a->key, keyf(key, "closure", pc->id, 0));
	assert_reason_has(a, "posting came down on Tue 3 Nov");
	/* the check-in still stands: a posting coming down is no word */
	assert_non_null(find(x, "application-check-in", DANA));
}

static void test_rules_closure_posting_closed_then_word(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_POSTING_CLOSED, nov(3, 10, 0), 0);
	log_ev(x, FU_EV_REPLY, nov(16, 10, 0), 1, DANA);
	eval(x);
	assert_int_equal(count(x, "closure"), 0);
}

static void test_rules_closure_weekend_moves_to_monday(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_POSTING_CLOSED, nov(7, 10, 0), 0); /* + 21 d: Sat */
	eval(x);
	assert_window(find(x, "closure", 0), nov(30, 10, 0), dec(3, 10, 0));
}

static void test_rules_closure_board_silence_four_weeks(void **state)
{
	t *x = *state;
	application(x, 0);
	x->s.source = FU_SRC_BOARD;
	apply(x, nov(2, 9, 0));
	eval(x);
	const fu_action *a = find(x, "closure", 0);
	assert_window(a, nov(30, 9, 0), dec(3, 9, 0));
	assert_string_equal(a->key, "closure:a1:0");
	assert_reason_has(a, "job board");
	assert_reason_has(a, "pursue other leads"); /* nobody to nudge */
	x->s.source = FU_SRC_DIRECT;
	eval(x);
	assert_int_equal(count(x, "closure"), 0);
}

static void test_rules_closure_board_with_contact_is_not_silence(
	void **state)
{
	t *x = *state;
	application(x, 1);
	x->s.source = FU_SRC_BOARD;
	apply(x, nov(2, 9, 0));
	eval(x);
	assert_int_equal(count(x, "closure"), 0);
}

static void test_rules_closure_not_for_no_follow_up(void **state)
{
	t *x = *state;
	application(x, 1);
	x->s.no_follow_up = 1;
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_POSTING_CLOSED, nov(3, 10, 0), 0);
	eval(x);
	assert_int_equal(x->n, 0);
}

/* --- rejection-response --------------------------------------------------------- */

static void test_rules_rejection_response_within_two_days(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	fu_event *r = log_ev(x, FU_EV_REJECTION, nov(12, 16, 0), 1, DANA);
	eval(x);
	char key[96];
	const fu_action *a = find(x, "rejection-response", DANA);
	/* Sat 14: not a check-in, no business-day move */
	assert_window(a, nov(12, 16, 0), nov(14, 16, 0));
	assert_edges(a);
	assert_string_equal(a->key, keyf(key, "rejection-response", r->id,
					 DANA));
	assert_int_equal(a->channel, FU_CH_EMAIL);
	/* decision: the response replaces the thank-yous; no check-in */
	assert_int_equal(x->n, 1);
}

static void test_rules_rejection_response_to_interviewer(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 1, SAM);
	log_ev(x, FU_EV_REJECTION, nov(12, 16, 0), 0);
	eval(x);
	assert_non_null(find(x, "rejection-response", SAM));
}

static void test_rules_rejection_response_when_closed_rejected(void **state)
{
	t *x = *state;
	char key[96];
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *c = log_ev(x, FU_EV_CLOSED, nov(9, 10, 0), 0);
	c->outcome = FU_OUT_REJECTED;
	x->s.outcome = FU_OUT_REJECTED;
	x->s.closed_at = nov(9, 10, 0);
	eval(x);
	const fu_action *a = find(x, "rejection-response", DANA);
	assert_window(a, nov(9, 10, 0), nov(11, 10, 0));
	assert_string_equal(a->key, keyf(key, "rejection-response", c->id,
					 DANA));
	assert_reason_has(a, "closed as rejected");
	assert_int_equal(x->n, 1);
}

static void test_rules_rejection_response_closed_at_without_event(
	void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	x->s.outcome = FU_OUT_REJECTED;
	x->s.closed_at = nov(9, 10, 0);
	eval(x);
	const fu_action *a = find(x, "rejection-response", DANA);
	assert_window(a, nov(9, 10, 0), nov(11, 10, 0));
	assert_string_equal(a->key, "rejection-response:a1:10");
	assert_int_equal(x->n, 1);
}

static void test_rules_rejection_response_not_doubled_by_close(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_REJECTION, nov(5, 9, 0), 1, DANA);
	fu_event *c = log_ev(x, FU_EV_CLOSED, nov(5, 10, 0), 0);
	c->outcome = FU_OUT_REJECTED;
	x->s.outcome = FU_OUT_REJECTED;
	x->s.closed_at = c->at;
	eval(x);
	assert_int_equal(count(x, "rejection-response"), 1);
	assert_int_equal(x->n, 1);
}

static void test_rules_rejection_response_answered_by_sent(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_REJECTION, nov(5, 9, 0), 1, DANA);
	log_ev(x, FU_EV_SENT, nov(6, 9, 0), 1, DANA);
	eval(x);
	assert_int_equal(x->n, 0);
}

static void test_rules_rejection_response_needs_a_person(void **state)
{
	t *x = *state;
	application(x, 0);
	x->s.source = FU_SRC_BOARD;
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_REJECTION, nov(5, 9, 0), 0);
	eval(x);
	/* decision: nobody to thank; and the rejection ends find-contact
	 * and the board closure */
	assert_int_equal(x->n, 0);
}

/* --- offer-review ---------------------------------------------------------------- */

static void test_rules_offer_review_until_deadline(void **state)
{
	t *x = *state;
	application(x, 1);
	fu_event *o = log_ev(x, FU_EV_OFFER, nov(16, 10, 0), 1, DANA);
	o->until_at = nov(20, 17, 0);
	eval(x);
	const fu_action *a = find(x, "offer-review", DANA);
	assert_window(a, nov(16, 10, 0), nov(20, 17, 0));
	assert_edges(a);
	assert_int_equal(a->channel, FU_CH_NONE);
	assert_reason_has(a, "Fri 20 Nov 17:00");
}

static void test_rules_offer_review_three_days_without_deadline(
	void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_OFFER, nov(16, 10, 0), 0);
	eval(x);
	const fu_action *a = find(x, "offer-review", 0);
	assert_window(a, nov(16, 10, 0), nov(19, 10, 0));
	assert_reason_has(a, "3 days");
}

static void test_rules_offer_review_ends_check_ins(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	log_ev(x, FU_EV_OFFER, nov(12, 10, 0), 1, DANA);
	eval(x);
	assert_int_equal(count(x, "interview-check-in"), 0);
	assert_int_equal(count(x, "offer-review"), 1);
	assert_int_equal(count(x, "thank-you"), 2);
}

static void test_rules_offer_ends_check_ins_for_good(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_OFFER, nov(16, 10, 0), 1, DANA);
	log_ev(x, FU_EV_REPLY, nov(17, 10, 0), 1, DANA); /* negotiating */
	eval(x);
	/* decision: after an offer the ball is yours: no check-ins */
	assert_int_equal(count(x, "application-check-in"), 0);
	assert_int_equal(count(x, "interview-check-in"), 0);
	assert_non_null(find(x, "acknowledge", DANA));
	assert_non_null(find(x, "offer-review", DANA));
}

static void test_rules_offer_review_gone_when_closed(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_OFFER, nov(16, 10, 0), 1, DANA);
	x->s.outcome = FU_OUT_ACCEPTED;
	x->s.closed_at = nov(17, 10, 0);
	eval(x);
	assert_int_equal(x->n, 0);
}

static void test_rules_offer_review_answered_only_when_named(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_OFFER, nov(16, 10, 0), 1, DANA);
	fu_event *s = log_ev(x, FU_EV_SENT, nov(17, 10, 0), 0);
	eval(x);
	assert_int_equal(count(x, "offer-review"), 1);
	s->action = "offer-review";
	eval(x);
	assert_int_equal(count(x, "offer-review"), 0);
}

static void test_rules_offer_review_newer_offer_replaces(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_OFFER, nov(16, 10, 0), 1, DANA);
	fu_event *o = log_ev(x, FU_EV_OFFER, nov(18, 10, 0), 1, DANA);
	eval(x);
	assert_int_equal(count(x, "offer-review"), 1);
	assert_int_equal(find(x, "offer-review", DANA)->trigger_event_id,
			 o->id);
}

/* --- withdraw-notice ------------------------------------------------------------- */

static void test_rules_withdraw_notice_when_accepted_elsewhere(void **state)
{
	t *x = *state;
	application(x, 1);
	x->c[1].attached = 1; /* Sam too */
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_SENT, nov(4, 10, 0), 1, DANA);
	x->s.accepted_at = nov(17, 12, 0);
	eval(x);
	/* rule 15: one notice per employer, to the person most recently in
	 * touch (Dana, written to on the 4th), not to every person */
	assert_int_equal(count(x, "withdraw-notice"), 1);
	const fu_action *a = find(x, "withdraw-notice", DANA);
	assert_window(a, nov(17, 12, 0), nov(19, 12, 0));
	assert_edges(a);
	assert_string_equal(a->key, "withdraw-notice:a1:10");
	assert_int_equal(a->channel, FU_CH_EMAIL);
	assert_null(find(x, "withdraw-notice", SAM));
	/* nothing else: no nudge for a job you will not take */
	assert_int_equal(x->n, 1);
}

static void test_rules_withdraw_notice_replaces_offer_review(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_OFFER, nov(16, 10, 0), 1, DANA);
	x->s.accepted_at = nov(17, 12, 0);
	eval(x);
	/* rule 15: an offer still open is declined, not withdrawn from */
	assert_int_equal(count(x, "offer-review"), 0);
	assert_int_equal(count(x, "withdraw-notice"), 0);
	const fu_action *a = find(x, "decline-offer", DANA);
	assert_window(a, nov(17, 12, 0), nov(19, 12, 0));
	assert_true(a->constraints & (1u << 15));
}

static void test_rules_withdraw_notice_not_when_closed(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	x->s.accepted_at = nov(17, 12, 0);
	x->s.outcome = FU_OUT_WITHDRAWN;
	x->s.closed_at = nov(18, 12, 0);
	eval(x);
	/* rule 15: closing as withdrawn still owes the courtesy note */
	assert_int_equal(x->n, 1);
	assert_non_null(find(x, "withdraw-notice", DANA));
	x->s.outcome = FU_OUT_FILLED;
	eval(x);
	assert_int_equal(x->n, 0);
}

/* Rule 15: an employer that turned you down owes no withdrawal when
 * you accept another job, even while the application is still open. */
static void test_rules_withdraw_notice_not_after_rejection(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_REJECTION, nov(10, 10, 0), 1, DANA);
	log_ev(x, FU_EV_SENT, nov(10, 18, 0), 1, DANA);
	x->s.accepted_at = nov(17, 12, 0);
	eval(x);
	assert_int_equal(count(x, "withdraw-notice"), 0);
	assert_int_equal(count(x, "decline-offer"), 0);
	assert_int_equal(x->n, 0);
}

static void test_rules_withdraw_notice_without_contact(void **state)
{
	t *x = *state;
	application(x, 0);
	apply(x, nov(2, 9, 0));
	x->s.accepted_at = nov(17, 12, 0);
	eval(x);
	/* decision: one notice with no contact and no channel */
	const fu_action *a = find(x, "withdraw-notice", 0);
	assert_non_null(a);
	assert_int_equal(a->channel, FU_CH_NONE);
	assert_reason_has(a, "portal");
	assert_int_equal(x->n, 1);
}

/* Rule 15: after accepting a job, one notice per employer, to whoever
 * was in touch last (Sam interviewed the user after Dana wrote). */
static void test_rules_withdraw_notice_one_per_employer_rule15(
	void **state)
{
	t *x = *state;
	application(x, 1);
	x->c[1].attached = 1;
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_SENT, nov(4, 10, 0), 1, DANA);
	log_ev(x, FU_EV_INTERVIEW, nov(10, 10, 0), 1, SAM);
	log_ev(x, FU_EV_SENT, nov(10, 18, 0), 1, SAM);
	x->s.accepted_at = nov(17, 12, 0);
	eval(x);
	assert_int_equal(count(x, "withdraw-notice"), 1);
	assert_non_null(find(x, "withdraw-notice", SAM));
	log_ev(x, FU_EV_SENT, nov(17, 15, 0), 1, SAM);
	eval(x);
	assert_int_equal(count(x, "withdraw-notice"), 0);
}

static void test_rules_withdraw_notice_needs_an_application(void **state)
{
	t *x = *state;
	application(x, 1); /* never applied, never heard from */
	x->s.accepted_at = nov(17, 12, 0);
	eval(x);
	assert_int_equal(x->n, 0);
}

/* --- closed means closed ------------------------------------------------------- */

static void test_rules_closed_means_closed_rule6(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 1, DANA);
	eval(x);
	assert_true(x->n >= 2);
	fu_event *c = log_ev(x, FU_EV_CLOSED, nov(10, 16, 0), 0);
	c->outcome = FU_OUT_FILLED;
	x->s.outcome = FU_OUT_FILLED;
	x->s.closed_at = c->at;
	eval(x);
	assert_int_equal(x->n, 0);
	/* withdrawn: only the courtesy note to Dana (rule 15) */
	c->outcome = FU_OUT_WITHDRAWN;
	x->s.outcome = FU_OUT_WITHDRAWN;
	eval(x);
	assert_int_equal(x->n, 1);
	assert_non_null(find(x, "withdraw-notice", DANA));
}

static void test_rules_reopened_application_follows_up_again(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *c = log_ev(x, FU_EV_CLOSED, nov(3, 9, 0), 0);
	c->outcome = FU_OUT_REJECTED;
	x->s.outcome = FU_OUT_NONE; /* reopened since */
	eval(x);
	assert_int_equal(count(x, "rejection-response"), 0);
	assert_non_null(find(x, "application-check-in", DANA));
}

/* --- snooze and dismiss -------------------------------------------------------- */

static void test_rules_snooze_moves_window(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *z = log_ev(x, FU_EV_SNOOZE, nov(3, 9, 0), 0);
	z->action = "application-check-in";
	z->until_at = nov(13, 0, 0);
	eval(x);
	const fu_action *a = find(x, "application-check-in", DANA);
	/* the window keeps its length: 5 days */
	assert_window(a, nov(13, 0, 0), nov(18, 0, 0));
	assert_int_equal(a->snoozed, 1);
	assert_reason_has(a, "snoozed until Fri 13 Nov");
	assert_string_equal(a->key, "application-check-in:a1:10");
}

static void test_rules_snooze_by_key_only_that_action(void **state)
{
	t *x = *state;
	char key[96];
	fu_event *e = interview_dana_sam(x);
	fu_event *z = log_ev(x, FU_EV_SNOOZE, nov(10, 15, 0), 0);
	z->action = keyf(key, "thank-you", e->id, SAM);
	z->until_at = nov(11, 9, 0);
	eval(x);
	const fu_action *s = find(x, "thank-you", SAM);
	assert_window(s, nov(11, 9, 0), nov(12, 9, 0));
	assert_int_equal(s->snoozed, 1);
	assert_int_equal(find(x, "thank-you", DANA)->snoozed, 0);
}

static void test_rules_snooze_with_restricts_to_person(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	fu_event *z = log_ev(x, FU_EV_SNOOZE, nov(10, 15, 0), 1, DANA);
	z->until_at = nov(11, 9, 0);
	eval(x);
	assert_int_equal(find(x, "thank-you", DANA)->snoozed, 1);
	assert_int_equal(find(x, "thank-you", SAM)->snoozed, 0);
	/* the check-in to Dana opens after Thu 12 09:00: untouched */
	const fu_action *a = find(x, "interview-check-in", DANA);
	assert_int_equal(a->snoozed, 0);
	assert_window(a, nov(13, 14, 0), nov(16, 14, 0));
}

static void test_rules_snooze_without_target_silences_all_open(
	void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	fu_event *z = log_ev(x, FU_EV_SNOOZE, nov(10, 15, 0), 0);
	z->until_at = nov(20, 9, 0);
	eval(x);
	for (size_t i = 0; i < x->n; i++) {
		assert_int_equal(x->out[i].snoozed, 1);
		assert_time(x->out[i].not_before, nov(20, 9, 0));
	}
	assert_int_equal(x->n, 3);
}

static void test_rules_snooze_does_not_reach_later_actions(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	fu_event *z = log_ev(x, FU_EV_SNOOZE, nov(10, 15, 0), 0);
	z->until_at = nov(14, 9, 0);
	log_ev(x, FU_EV_INTERVIEW, nov(11, 10, 0), 1, JO);
	eval(x);
	assert_int_equal(find(x, "thank-you", DANA)->snoozed, 1);
	const fu_action *a = find(x, "thank-you", JO);
	assert_int_equal(a->snoozed, 0);
	assert_window(a, nov(11, 10, 0), nov(12, 10, 0));
}

static void test_rules_later_snooze_replaces_earlier(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *z = log_ev(x, FU_EV_SNOOZE, nov(3, 9, 0), 0);
	z->until_at = nov(20, 9, 0);
	z = log_ev(x, FU_EV_SNOOZE, nov(3, 10, 0), 0);
	z->until_at = nov(12, 9, 0);
	eval(x);
	const fu_action *a = find(x, "application-check-in", DANA);
	assert_window(a, nov(12, 9, 0), nov(17, 9, 0));
}

static void test_rules_dismiss_never_recreated_for_same_trigger(
	void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *d = log_ev(x, FU_EV_DISMISS, nov(3, 9, 0), 0);
	d->action = "application-check-in:0:10";
	eval(x);
	assert_int_equal(x->n, 0);
	log_ev(x, FU_EV_MET, nov(4, 9, 0), 1, JO);
	log_ev(x, FU_EV_POSTING_CLOSED, nov(4, 10, 0), 0);
	eval(x);
	assert_int_equal(count(x, "application-check-in"), 0);
	/* a new trigger (their reply) raises a new follow-up: the
	 * conversation's nudge (rule 12) */
	log_ev(x, FU_EV_REPLY, nov(5, 9, 0), 1, DANA);
	eval(x);
	assert_int_equal(count(x, "application-check-in"), 0);
	assert_int_equal(count(x, "nudge"), 1);
}

static void test_rules_dismiss_by_kind_and_person(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	fu_event *d = log_ev(x, FU_EV_DISMISS, nov(10, 15, 0), 1, SAM);
	d->action = "thank-you";
	eval(x);
	assert_null(find(x, "thank-you", SAM));
	assert_non_null(find(x, "thank-you", DANA));
	assert_non_null(find(x, "interview-check-in", DANA));
}

/* --- the output ------------------------------------------------------------------ */

static void test_rules_output_sorted_by_due(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	log_ev(x, FU_EV_OFFER, nov(10, 16, 0), 0);
	eval(x);
	assert_int_equal(x->n, 3);
	for (size_t i = 1; i < x->n; i++) {
		const fu_action *a = &x->out[i - 1], *b = &x->out[i];
		assert_true(a->due < b->due ||
			    (a->due == b->due &&
			     (a->not_before < b->not_before ||
			      (a->not_before == b->not_before &&
			       strcmp(a->key, b->key) < 0))));
	}
	assert_string_equal(fu_action_kind_name(x->out[2].kind), "offer-review");
}

static void test_rules_output_is_deterministic(void **state)
{
	t *x = *state;
	three_follow_ups(x);
	log_ev(x, FU_EV_INTERVIEW, dec(3, 14, 0), 2, DANA, SAM);
	eval(x);
	size_t n = x->n;
	fu_action *first = malloc(n * sizeof *first);
	assert_non_null(first);
	memcpy(first, x->out, n * sizeof *first);
	eval(x);
	assert_int_equal(x->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(first[i].key, x->out[i].key);
		assert_string_equal(first[i].reason, x->out[i].reason);
		assert_int_equal(first[i].due, x->out[i].due);
	}
	free(first);
}

static int valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 0 : *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2
			: *p >= 0xC0 ? 1 : -1;
		if (n < 0)
			return 0;
		p++;
		for (int i = 0; i < n; i++, p++)
			if ((*p & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

static void test_rules_reason_one_line_and_fits(void **state)
{
	t *x = *state;
	char name[600] = "Zo\xc3\xab\nLine";
	while (strlen(name) < 500)
		strcat(name, " \xc3\xa9\xc3\xa9");
	application(x, 0);
	person(x, DANA, name, 1);
	apply(x, nov(2, 9, 0));
	fu_event *z = log_ev(x, FU_EV_SNOOZE, nov(3, 9, 0), 0);
	z->until_at = nov(20, 9, 0);
	log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 1, DANA);
	eval(x);
	assert_true(x->n >= 2);
	for (size_t i = 0; i < x->n; i++) {
		const char *r = x->out[i].reason;
		assert_true(strlen(r) > 20 && strlen(r) < sizeof x->out[i].reason);
		for (const char *p = r; *p; p++)
			assert_true((unsigned char)*p >= 0x20);
		assert_true(valid_utf8(r));
	}
	assert_reason_has(find(x, "thank-you", DANA), "Zo\xc3\xab Line");
}

/* Names and reasons cut to fit never split a character, whatever the
 * alignment of the cut. */
static void test_rules_reason_cut_on_character_boundary(void **state)
{
	t *x = *state;
	application(x, 0);
	fu_rule_contact *d = person(x, DANA, "", 1);
	apply(x, nov(2, 9, 0));
	fu_event *r = log_ev(x, FU_EV_REPLY, nov(3, 9, 0), 1, DANA);
	r->expect_at = nov(20, 0, 0);
	log_ev(x, FU_EV_SENT, nov(18, 9, 0), 1, JO);
	fu_event *z = log_ev(x, FU_EV_SNOOZE, nov(19, 9, 0), 0);
	z->until_at = nov(30, 9, 0);
	for (int shift = 0; shift < 4; shift++) {
		char name[400] = "";
		memset(name, 'a', (size_t)shift);
		while (strlen(name) < 300)
			strcat(name, "\xe2\x82\xac\xf0\x9f\x98\x80\xc3\xa9");
		d->name = name;
		eval(x);
		const fu_action *a = find(x, "nudge", DANA);
		assert_non_null(a);
		assert_int_equal(a->snoozed, 1);
		assert_true(strlen(a->reason) >= sizeof a->reason - 4);
		assert_true(valid_utf8(a->reason));
		for (size_t i = 0; i < x->n; i++)
			assert_true(valid_utf8(x->out[i].reason));
	}
}

static void test_rules_unknown_person_still_named(void **state)
{
	t *x = *state;
	application(x, 1);
	log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 1, 99);
	eval(x);
	const fu_action *a = find(x, "thank-you", 99);
	assert_reason_has(a, "contact #99");
	assert_int_equal(a->channel, FU_CH_EMAIL);
}

static void test_rules_params_out_of_range_are_clamped(void **state)
{
	t *x = *state;
	x->p.v[FU_P_THANK_YOU_HOURS] = -5; /* below the minimum of 1 */
	application(x, 1);
	log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 1, DANA);
	eval(x);
	assert_window(find(x, "thank-you", DANA), nov(10, 14, 0),
		      nov(10, 15, 0));
}

static void test_rules_networking_subject_has_no_cadence(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_MEETING, nov(2, 10, 0), 0);
	log_ev(x, FU_EV_SENT, nov(2, 18, 0), 0);
	log_ev(x, FU_EV_SENT, nov(5, 18, 0), 0);
	eval(x);
	assert_int_equal(x->n, 0);
}

/* --- a real job hunt is tangled (RULES.md 11-19) ------------------------ */

/* Case 1, rule 11: a message to the recruiter logged for another
 * application serves this one's check-in (it named every application
 * they handle), and the next follow-up to them waits a week. */
static void test_rules_rule11_message_elsewhere_serves_check_in(
	void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_rule_mark m = { DANA, nov(5, 10, 0), 900, 0, 0 };
	x->s.marks = &m;
	x->s.nmarks = 1;
	eval(x);
	assert_int_equal(count(x, "application-check-in"), 0);
	const fu_action *a = find(x, "nudge", DANA);
	assert_window(a, nov(19, 10, 0), nov(23, 10, 0));
	/* a mark from before the check-in existed serves nothing, but the
	 * check-in waits a week after it */
	m.at = nov(2, 8, 0);
	eval(x);
	a = find(x, "application-check-in", DANA);
	assert_window(a, nov(9, 8, 0), nov(14, 8, 0) + 2 * 86400);
	assert_true(a->constraints & (1u << 11));
}

/* Rule 11: a thank-you sent elsewhere is no follow-up; a courtesy mark
 * answers a courtesy owed the same day. */
static void test_rules_rule11_courtesy_elsewhere(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_REPLY, nov(4, 9, 0), 1, DANA);
	fu_rule_mark m = { DANA, nov(4, 12, 0), 900, 1, 0 };
	x->s.marks = &m;
	x->s.nmarks = 1;
	eval(x);
	assert_null(find(x, "acknowledge", DANA));
	/* the conversation's nudge is not served by a courtesy */
	assert_non_null(find(x, "nudge", DANA));
}

/* Rule 11: what this subject recognised as sent, for the others. */
static void test_rules_rule11_marks_out(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	fu_event *ty = log_ev(x, FU_EV_SENT, nov(10, 18, 0), 1, DANA);
	fu_event *ci = log_ev(x, FU_EV_SENT, nov(14, 9, 0), 1, DANA);
	x->s.contacts = x->c;
	x->s.events = x->ev;
	fu_action *out = NULL;
	fu_rule_mark *m = NULL;
	size_t n = 0, nm = 0;
	assert_fu_ok(fu_rules_eval_marks(&out, &n, &m, &nm, &x->s, &x->p));
	assert_int_equal(nm, 2);
	assert_int_equal(m[0].event_id, ty->id);
	assert_int_equal(m[0].courtesy, 1);
	assert_int_equal(m[1].event_id, ci->id);
	assert_int_equal(m[1].courtesy, 0);
	assert_int_equal(m[1].contact_id, DANA);
	free(out);
	free(m);
}

/* Case 15, rule 11: a reply on the day of the interview: the thank-you
 * and the acknowledgement to the same person are one message. */
static void test_rules_rule11_one_message_a_day(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	log_ev(x, FU_EV_REPLY, nov(10, 17, 0), 1, SAM);
	eval(x);
	assert_non_null(find(x, "thank-you", SAM));
	assert_null(find(x, "acknowledge", SAM));
	assert_reason_has(find(x, "thank-you", SAM), "one message");
	assert_true(find(x, "thank-you", SAM)->constraints & (1u << 11));
}

/* Case 2, rule 12: an interview logged before it happens: nothing is
 * chased until it happens, and preparing for it is due before it. */
static void test_rules_rule12_scheduled_interview(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *r = log_ev(x, FU_EV_REPLY, nov(4, 9, 0), 1, DANA);
	(void)r;
	fu_event *iv = log_ev(x, FU_EV_INTERVIEW, nov(12, 14, 0), 2, DANA,
			      SAM);
	iv->created_at = nov(4, 10, 0);
	eval(x);
	const fu_action *p = find(x, "prepare", 0);
	assert_window(p, nov(10, 0, 0), nov(12, 14, 0));
	assert_time(p->expires, nov(12, 14, 0));
	assert_true(p->constraints & (1u << 12));
	assert_int_equal(p->channel, FU_CH_NONE);
	/* no check-in or nudge opens before the interview */
	for (size_t i = 0; i < x->n; i++)
		if (fu_action_is_follow_up(x->out[i].kind))
			assert_true(x->out[i].not_before >= nov(12, 14, 0));
	assert_non_null(find(x, "interview-check-in", DANA));
	/* logged after it happened, it is no arrangement */
	iv->created_at = nov(12, 18, 0);
	eval(x);
	assert_null(find(x, "prepare", 0));
}

/* Case 2, rule 12: a reply between the arrangement and the interview
 * does not start a conversation that would chase before it. */
static void test_rules_rule12_nothing_chased_before_it(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	fu_event *iv = log_ev(x, FU_EV_INTERVIEW, nov(30, 14, 0), 1, DANA);
	iv->created_at = nov(3, 9, 0);
	log_ev(x, FU_EV_REPLY, nov(5, 9, 0), 1, DANA);
	eval(x);
	assert_non_null(find(x, "acknowledge", DANA));
	for (size_t i = 0; i < x->n; i++)
		if (fu_action_is_follow_up(x->out[i].kind))
			assert_true(x->out[i].not_before >= nov(30, 14, 0));
}

/* Case 3, rule 13: a promised date on a Friday: the check-in window
 * keeps a business day. */
static void test_rules_rule13_friday_promise(void **state)
{
	t *x = *state;
	fu_event *e = interview_dana_sam(x);
	e->expect_at = nov(20, 0, 0);
	e->expect_day = 1;
	eval(x);
	const fu_action *a = find(x, "interview-check-in", DANA);
	assert_true(fu_time_start_of_day(a->due) >
		    fu_time_start_of_day(a->not_before));
	assert_int_equal(fu_time_weekday(a->not_before), 1);
}

/* Case 10, rule 14: a letter only where it arrives in time. */
static void test_rules_rule14_letters(void **state)
{
	t *x = *state;
	application(x, 1);
	x->c[0].prefers = FU_CH_LETTER;
	x->c[0].has_address = 1;
	apply(x, nov(2, 9, 0));
	eval(x);
	/* a check-in by post would come too late: e-mail */
	assert_int_equal(find(x, "application-check-in", DANA)->channel,
			 FU_CH_EMAIL);
	log_ev(x, FU_EV_REPLY, nov(4, 9, 0), 1, DANA);
	eval(x);
	assert_int_equal(find(x, "acknowledge", DANA)->channel, FU_CH_EMAIL);
	/* a thank-you by post, unless they decide within a week */
	fu_event *iv = log_ev(x, FU_EV_INTERVIEW, nov(10, 14, 0), 1, DANA);
	eval(x);
	assert_int_equal(find(x, "thank-you", DANA)->channel, FU_CH_LETTER);
	iv->expect_at = nov(13, 0, 0);
	eval(x);
	const fu_action *ty = find(x, "thank-you", DANA);
	assert_int_equal(ty->channel, FU_CH_EMAIL);
	assert_true(ty->constraints & (1u << 14));
	/* a rejection-response may go by post */
	log_ev(x, FU_EV_REJECTION, nov(14, 9, 0), 1, DANA);
	eval(x);
	assert_int_equal(find(x, "rejection-response", DANA)->channel,
			 FU_CH_LETTER);
}

/* Case 8, rule 15: the help reminder ends when the helper introduces. */
static void test_rules_rule15_help_delivered(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_HELP_PROMISED, nov(2, 10, 0), 0);
	eval(x);
	assert_non_null(find(x, "help-reminder", ALEX));
	log_ev(x, FU_EV_INTRO, nov(5, 10, 0), 1, JO);
	eval(x);
	assert_null(find(x, "help-reminder", ALEX));
	assert_non_null(find(x, "intro-reach-out", JO));
}

/* Case 8, rule 15: ... or when they reply. */
static void test_rules_rule15_help_answered_by_reply(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_HELP_PROMISED, nov(2, 10, 0), 0);
	log_ev(x, FU_EV_REPLY, nov(6, 10, 0), 0);
	eval(x);
	assert_null(find(x, "help-reminder", ALEX));
	assert_non_null(find(x, "acknowledge", ALEX));
}

/* Case 9, rule 15: closing as declined owes a decline-offer; as
 * withdrawn, the courtesy note, unless it was sent. */
static void test_rules_rule15_closing_courtesies(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_OFFER, nov(16, 10, 0), 1, DANA);
	fu_event *c = log_ev(x, FU_EV_CLOSED, nov(18, 10, 0), 0);
	c->outcome = FU_OUT_DECLINED;
	x->s.outcome = FU_OUT_DECLINED;
	x->s.closed_at = c->at;
	eval(x);
	const fu_action *d = find(x, "decline-offer", DANA);
	assert_window(d, nov(18, 10, 0), nov(20, 10, 0));
	assert_int_equal(count(x, "offer-review"), 0);
	c->outcome = FU_OUT_WITHDRAWN;
	x->s.outcome = FU_OUT_WITHDRAWN;
	eval(x);
	assert_non_null(find(x, "withdraw-notice", DANA));
	/* a sent after the close answers it */
	log_ev(x, FU_EV_SENT, nov(18, 15, 0), 1, DANA);
	eval(x);
	assert_null(find(x, "withdraw-notice", DANA));
}

/* Case 16, rule 16: an offer and a promise of help are acknowledged. */
static void test_rules_rule16_offer_and_help_acknowledged(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_OFFER, nov(16, 10, 0), 1, DANA);
	eval(x);
	const fu_action *a = find(x, "acknowledge", DANA);
	assert_window(a, nov(16, 10, 0), nov(17, 10, 0));
	assert_true(a->constraints & (1u << 16));
	assert_non_null(find(x, "offer-review", DANA));
}

/* Decision: an offer ends the check-ins: their reply while you weigh
 * it (a question, a call about terms) starts no nudge or check-in. */
static void test_rules_rule16_offer_ends_check_ins(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	log_ev(x, FU_EV_OFFER, nov(16, 10, 0), 1, DANA);
	log_ev(x, FU_EV_REPLY, nov(18, 10, 0), 1, DANA);
	eval(x);
	for (size_t i = 0; i < x->n; i++)
		assert_false(fu_action_is_follow_up(x->out[i].kind));
	assert_non_null(find(x, "offer-review", DANA));
}

/* Rule 11: Alex agrees to help and introduces you the same day: one
 * message, the introduction thanks, says both. */
static void test_rules_rule11_help_and_intro_one_message(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_HELP_PROMISED, nov(2, 9, 0), 0);
	log_ev(x, FU_EV_INTRO, nov(2, 10, 0), 1, JO);
	eval(x);
	const fu_action *th = find(x, "intro-thanks", ALEX);
	assert_non_null(th);
	assert_null(find(x, "acknowledge", ALEX));
	assert_true(th->constraints & (1u << 11));
	assert_reason_has(th, "one message");
	assert_non_null(find(x, "intro-reach-out", JO));
}

static void test_rules_rule16_help_acknowledged(void **state)
{
	t *x = *state;
	networking(x);
	log_ev(x, FU_EV_HELP_PROMISED, nov(2, 10, 0), 0);
	eval(x);
	assert_window(find(x, "acknowledge", ALEX), nov(2, 10, 0),
		      nov(3, 10, 0));
}

/* Case 16, rule 17: when not employed, the closure is advice that
 * lapses at the end of its window; when employed, it stays. */
static void test_rules_rule17_closure_lapses(void **state)
{
	t *x = *state;
	three_follow_ups(x);
	eval(x);
	const fu_action *c = find(x, "closure", 0);
	assert_time(c->expires, c->due);
	assert_true(c->constraints & (1u << 17));
	x->p.employed = 1;
	eval(x);
	assert_int_equal(find(x, "closure", 0)->expires, 0);
}

/* Case 12: keys are unique across applications: what an application
 * raised itself names the application. */
static void test_rules_keys_unique_across_applications(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, nov(2, 9, 0));
	eval(x);
	char k1[96];
	snprintf(k1, sizeof k1, "%s", find(x, "application-check-in", DANA)->key);
	x->s.application_id = 2;
	eval(x);
	assert_string_not_equal(find(x, "application-check-in", DANA)->key, k1);
	assert_string_equal(k1, "application-check-in:a1:10");
}

/* Case 13, rule 19: a date promised without a time is that whole day:
 * the check-in opens when it has passed, and reads as a date. */
static void test_rules_rule19_whole_day(void **state)
{
	t *x = *state;
	fu_event *e = interview_dana_sam(x);
	e->expect_at = nov(17, 0, 0);
	e->expect_day = 1;
	eval(x);
	const fu_action *a = find(x, "interview-check-in", DANA);
	assert_window(a, nov(18, 0, 0), nov(20, 0, 0));
	assert_reason_has(a, "by Tue 17 Nov:");
	assert_reason_has(a, "they said they would get back to you by");
}

/* Case 13, rule 19: "--expect fri" given on that Friday afternoon is
 * today's whole day, still ahead: the check-in follows it. */
static void test_rules_rule19_whole_day_today(void **state)
{
	t *x = *state;
	interview_dana_sam(x);
	fu_event *e = log_ev(x, FU_EV_TIMELINE, nov(13, 15, 0), 1, DANA);
	e->expect_at = nov(13, 0, 0);
	e->expect_day = 1;
	eval(x);
	const fu_action *a = find(x, "interview-check-in", DANA);
	assert_non_null(a);
	assert_time(a->not_before, nov(16, 0, 0)); /* Sat 14th: Monday */
	assert_reason_has(a, "by Fri 13 Nov:");
	assert_null(find(x, "nudge", DANA));
}

/* Case 14, rule 19: reasons are worded in the zone they are read in. */
static void test_rules_rule19_reason_in_readers_zone(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, at(11, 2, 9, 0)); /* 09:00 in New York */
	eval(x);
	assert_reason_has(find(x, "application-check-in", DANA),
			  "Mon 2 Nov 09:00");
}

static void test_rules_year_shown_only_across_years(void **state)
{
	t *x = *state;
	application(x, 1);
	apply(x, dec(30, 9, 0));
	eval(x);
	const fu_action *a = find(x, "application-check-in", DANA);
	/* Wed 30 Dec 2026 + 7 d: due in 2027 */
	assert_reason_has(a, "Wed 30 Dec 2026");
	x->s.nevents = 0;
	x->s.applied_at = 0;
	apply(x, nov(2, 9, 0));
	eval(x);
	assert_null(strstr(find(x, "application-check-in", DANA)->reason,
			   "2026"));
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define T_NY(name) cmocka_unit_test_setup_teardown(name, setup_ny, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_rules_params_defaults_match_header),
		T(test_rules_params_keys_ranges_and_help),
		T(test_rules_table_in_rules_md_order),
		T(test_rules_table_names_seed_sources),
		T(test_rules_action_state_edges),
		T(test_rules_empty_subject_owes_nothing),
		T(test_rules_thank_you_within_24h_of_interview),
		T(test_rules_thank_you_one_per_interviewer),
		T(test_rules_thank_you_after_scheduled_meeting),
		T(test_rules_thank_you_networking_meeting_to_subject),
		T(test_rules_thank_you_answered_by_sent_to_that_person),
		T(test_rules_thank_you_not_answered_by_earlier_sent),
		T(test_rules_thank_you_not_answered_by_sent_for_other),
		T(test_rules_thank_you_keeps_24h_over_weekend),
		T_NY(test_rules_thank_you_across_dst_keeps_local_time),
		T_NY(test_rules_thank_you_hours_beyond_a_day_across_dst),
		T_NY(test_rules_days_are_local_calendar_days_across_dst),
		T_NY(test_rules_check_in_across_dst_moves_to_monday),
		T(test_rules_thank_you_survives_no_follow_up),
		T(test_rules_thank_you_letter_only_with_address),
		T(test_rules_thank_you_nobody_named),
		T(test_rules_acknowledge_reply_within_24h),
		T(test_rules_acknowledge_unnamed_reply_to_first_attached),
		T(test_rules_acknowledge_timeline_only_from_a_person),
		T(test_rules_acknowledge_answered_by_sent),
		T(test_rules_connect_one_to_three_days_after_met),
		T(test_rules_connect_to_everyone_met),
		T(test_rules_connect_moot_when_they_write_first),
		T(test_rules_connect_answered_by_unaddressed_sent),
		T(test_rules_intro_thanks_and_reach_out),
		T(test_rules_intro_each_answered_separately),
		T(test_rules_intro_reach_out_moot_when_they_write),
		T(test_rules_help_reminder_a_week_without_date),
		T(test_rules_help_reminder_after_promised_date),
		T(test_rules_help_reminder_urgent_sooner_says_why),
		T(test_rules_help_reminder_answered_by_sent),
		T(test_rules_help_reminder_never_phone_when_no_calls),
		T(test_rules_help_reminders_to_one_person_kept_apart),
		T(test_rules_one_sent_answers_one_follow_up),
		T(test_rules_find_contact_board_application),
		T(test_rules_find_contact_not_with_attached_contact),
		T(test_rules_find_contact_not_for_no_follow_up),
		T(test_rules_find_contact_needs_applied),
		T(test_rules_find_contact_cancelled_by_word),
		T(test_rules_application_check_in_two_to_seven_days),
		T(test_rules_application_check_in_from_applied_at),
		T(test_rules_application_check_in_saturday_to_monday),
		T(test_rules_application_check_in_sunday_due_to_monday),
		T(test_rules_application_check_in_to_first_attached),
		T(test_rules_application_check_in_not_for_no_follow_up),
		T(test_rules_application_check_in_phone_when_preferred),
		T(test_rules_application_check_in_no_calls_beats_preference),
		T(test_rules_application_check_in_social_only_when_ok),
		T(test_rules_application_check_in_phone_when_only_phone_known),
		T(test_rules_reply_keeps_conversation_going_rule12),
		T(test_rules_reply_with_date_follows_after_it_rule12),
		T(test_rules_application_check_in_not_answered_by_other),
		T(test_rules_application_check_in_key_stable),
		T(test_rules_interview_check_in_3_to_5_days_003_over_000),
		T(test_rules_interview_check_in_after_contact_date_003),
		T(test_rules_interview_check_in_contact_date_friday),
		T(test_rules_interview_cancels_application_check_in),
		T(test_rules_interview_check_in_due_after_thank_you_rule10),
		T(test_rules_interview_unaddressed_sent_thanks_everyone),
		T(test_rules_one_note_covers_every_courtesy_owed),
		T(test_rules_sent_to_two_people_advances_nudges_once),
		T(test_rules_interview_check_in_timeline_sets_date),
		T(test_rules_interview_check_in_keeps_date_after_reply),
		T(test_rules_interview_check_in_reply_after_date_restarts),
		T(test_rules_interview_check_in_to_first_interviewer),
		T(test_rules_interview_check_in_kept_apart_rule7),
		T(test_rules_interview_check_in_phone_when_preferred),
		T(test_rules_nudge_14_days_after_check_in),
		T(test_rules_nudge_alternates_and_repeats),
		T(test_rules_nudge_follows_logged_channel),
		T(test_rules_nudge_no_calls_stays_email),
		T(test_rules_nudge_not_by_phone_without_a_number),
		T(test_rules_nudge_alternates_from_preference_rule14),
		T(test_rules_nudge_only_one_pending_rule7),
		T(test_rules_nudge_counts_from_latest_sent_rule10),
		T(test_rules_nudge_cancelled_by_reply_rule5),
		T(test_rules_nudge_dismissed_never_recreated),
		T(test_rules_nudge_not_for_no_follow_up),
		T(test_rules_closure_employed_suggests_withdrawing),
		T(test_rules_closure_not_employed_keeps_cadence),
		T(test_rules_closure_after_n_follow_ups_param),
		T(test_rules_closure_thank_yous_do_not_count),
		T(test_rules_closure_reset_by_reply),
		T(test_rules_closure_settled_by_next_follow_up),
		T(test_rules_closure_dismissed_lets_nudges_resume),
		T(test_rules_closure_posting_closed_three_weeks),
		T(test_rules_closure_posting_closed_then_word),
		T(test_rules_closure_weekend_moves_to_monday),
		T(test_rules_closure_board_silence_four_weeks),
		T(test_rules_closure_board_with_contact_is_not_silence),
		T(test_rules_closure_not_for_no_follow_up),
		T(test_rules_rejection_response_within_two_days),
		T(test_rules_rejection_response_to_interviewer),
		T(test_rules_rejection_response_when_closed_rejected),
		T(test_rules_rejection_response_closed_at_without_event),
		T(test_rules_rejection_response_not_doubled_by_close),
		T(test_rules_rejection_response_answered_by_sent),
		T(test_rules_rejection_response_needs_a_person),
		T(test_rules_offer_review_until_deadline),
		T(test_rules_offer_review_three_days_without_deadline),
		T(test_rules_offer_review_ends_check_ins),
		T(test_rules_offer_ends_check_ins_for_good),
		T(test_rules_offer_review_gone_when_closed),
		T(test_rules_offer_review_answered_only_when_named),
		T(test_rules_offer_review_newer_offer_replaces),
		T(test_rules_withdraw_notice_when_accepted_elsewhere),
		T(test_rules_withdraw_notice_replaces_offer_review),
		T(test_rules_withdraw_notice_not_when_closed),
		T(test_rules_withdraw_notice_not_after_rejection),
		T(test_rules_withdraw_notice_without_contact),
		T(test_rules_withdraw_notice_one_per_employer_rule15),
		T(test_rules_withdraw_notice_needs_an_application),
		T(test_rules_closed_means_closed_rule6),
		T(test_rules_reopened_application_follows_up_again),
		T(test_rules_snooze_moves_window),
		T(test_rules_snooze_by_key_only_that_action),
		T(test_rules_snooze_with_restricts_to_person),
		T(test_rules_snooze_without_target_silences_all_open),
		T(test_rules_snooze_does_not_reach_later_actions),
		T(test_rules_later_snooze_replaces_earlier),
		T(test_rules_dismiss_never_recreated_for_same_trigger),
		T(test_rules_dismiss_by_kind_and_person),
		T(test_rules_output_sorted_by_due),
		T(test_rules_output_is_deterministic),
		T(test_rules_reason_one_line_and_fits),
		T(test_rules_reason_cut_on_character_boundary),
		T(test_rules_unknown_person_still_named),
		T(test_rules_params_out_of_range_are_clamped),
		T(test_rules_networking_subject_has_no_cadence),
		T(test_rules_year_shown_only_across_years),
		T(test_rules_rule11_message_elsewhere_serves_check_in),
		T(test_rules_rule11_courtesy_elsewhere),
		T(test_rules_rule11_marks_out),
		T(test_rules_rule11_one_message_a_day),
		T(test_rules_rule12_scheduled_interview),
		T(test_rules_rule12_nothing_chased_before_it),
		T(test_rules_rule13_friday_promise),
		T(test_rules_rule14_letters),
		T(test_rules_rule15_help_delivered),
		T(test_rules_rule15_help_answered_by_reply),
		T(test_rules_rule15_closing_courtesies),
		T(test_rules_rule16_offer_and_help_acknowledged),
		T(test_rules_rule16_offer_ends_check_ins),
		T(test_rules_rule11_help_and_intro_one_message),
		T(test_rules_rule16_help_acknowledged),
		T(test_rules_rule17_closure_lapses),
		T(test_rules_keys_unique_across_applications),
		T(test_rules_rule19_whole_day),
		T(test_rules_rule19_whole_day_today),
		T_NY(test_rules_rule19_reason_in_readers_zone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
