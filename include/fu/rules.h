/* SPDX-License-Identifier: MIT */
/*
 * rules.h - the follow-up rule engine (RULES.md), as pure functions over
 * plain structs: no SQL, no JSON, no clock. Given one subject (an
 * application, or a contact's own networking events), its people, its
 * events and the user's numbers, it yields the actions owed.
 *
 * The output does not depend on "now": every action carries its window
 * (not_before .. due), and the state (upcoming, due, overdue) is read
 * off it at display time with fu_action_state(). This is what lets the
 * storage keep each open subject's actions up to date on write, so that
 * fu due reads what is open instead of replaying all history.
 *
 * Local calendar arithmetic (days, business days, +24 h as the same
 * local time the next day) uses date.h, i.e. the process's TZ.
 */
#ifndef FU_RULES_H
#define FU_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "fu/model.h"
#include "fu/params.h"

/* The version of the rules' behaviour: raised whenever what the engine
 * yields for the same events changes, so that a database derived by an
 * older fu is derived again (actions.c). */
#define FU_RULES_VERSION 2

/* One rule of RULES.md, as data: for fu rules, fu due --why, the man page. */
typedef struct fu_rule_info {
	const char *id;      /* "thank-you", "application-check-in", ... */
	const char *trigger; /* what raises it, in words */
	const char *action;  /* what the user should do */
	const char *window;  /* the window in words, with the param keys */
	const char *channel; /* how, in words */
	const char *source;  /* the seeds it comes from: "000 \"Thank You Notes\"; ..." */
	const char *advice;  /* the advice behind it, one or two sentences */
} fu_rule_info;

/* The rule table, in RULES.md order. *n gets its length. */
const fu_rule_info *fu_rules_table(size_t *n);
/* The rule of an action id, or NULL. */
const fu_rule_info *fu_rule_find(const char *id);

/* What every rule respects (RULES.md 1-10), and how they meet in a
 * tangled hunt (11-19): numbered as there. */
typedef struct fu_constraint_info {
	int number;          /* 1..19 */
	const char *name;    /* "don't bombard", "one person, one cadence" */
	const char *text;    /* what fu does, one or two sentences */
	const char *source;  /* the seeds it comes from */
} fu_constraint_info;

#define FU_CONSTRAINTS 19
/* The constraints, 1 to FU_CONSTRAINTS in order; *n gets their count. */
const fu_constraint_info *fu_constraints_table(size_t *n);
/* Constraint number n (1..FU_CONSTRAINTS), or NULL. */
const fu_constraint_info *fu_constraint_find(int n);

/* A person as the rules see them. */
typedef struct fu_rule_contact {
	int64_t id;
	const char *name;
	fu_channel prefers; /* FU_CH_NONE: no preference */
	int no_calls;
	int social_ok;
	int attached; /* attached to the application (its known contact) */
	int has_email, has_phone, has_address;
} fu_rule_contact;

/* One subject: an application with its events, or (application_id == 0)
 * a contact's networking events (met, intro, help-promised, meeting,
 * reply, sent, snooze, dismiss logged on the contact). */
typedef struct fu_rule_subject {
	int64_t application_id;
	int64_t contact_id; /* networking subject: the contact; else 0 */
	fu_source source;
	int no_calls;
	int no_follow_up;
	fu_outcome outcome; /* FU_OUT_NONE while open */
	int64_t closed_at;
	int64_t applied_at; /* 0: not applied (no check-ins) */
	/* every person the subject or its events name: the application's
	 * contacts (attached = 1), the --with people, the subject contact */
	const fu_rule_contact *contacts;
	size_t ncontacts;
	/* its events, sorted by (at, ord) (fu_event) */
	const fu_event *events;
	size_t nevents;
	/* another application was closed as accepted at this time (0: none) */
	int64_t accepted_at;
	/* rule 11: what other subjects recognised as sent to this subject's
	 * people (fu_rules_eval_marks' marks of those subjects), by time */
	const struct fu_rule_mark *marks;
	size_t nmarks;
} fu_rule_subject;

/* A message sent to a person, as the rules recognised it: a follow-up
 * (rule 7, 11: it keeps their next follow-up 7 days away and serves
 * their check-ins and nudges elsewhere) or a courtesy (a thank-you or
 * another note that is never held back). */
typedef struct fu_rule_mark {
	int64_t contact_id;
	int64_t at;
	int64_t event_id;
	int courtesy;
	int64_t ord;      /* the event's ord (fu_event), as read back from the
	                     marks stored; 0: order by event_id */
} fu_rule_mark;

/* An action owed. */
typedef struct fu_action {
	char key[96];           /* stable identity across recomputation:
	                           "<kind>:<trigger event id>:<contact id>[:<n>]";
	                           used by snooze/dismiss and calendar UIDs */
	fu_action_kind kind;    /* what (model.h) */
	const char *rule;       /* the rule id of fu_rules_table (static) */
	int64_t application_id; /* 0 for a networking subject */
	int64_t contact_id;     /* 0: nobody known (find-contact, closure) */
	fu_channel channel;     /* FU_CH_NONE: not a message (find-contact,
	                           closure, offer-review) */
	int64_t not_before;
	int64_t due;
	int64_t trigger_event_id; /* 0 when raised by the application itself */
	int seq;                /* nudges: 1, 2, ...; otherwise 0 */
	int snoozed;            /* not_before was moved by a snooze */
	unsigned constraints;   /* bit n set: RULES.md's constraint n (1-19)
	                           shaped it (fu due --why says how) */
	int64_t expires;        /* 0; else advice that lapses then instead of
	                           staying overdue (rule 17; a prepare note
	                           once the interview has begun) */
	char reason[256];       /* one line, e.g. "interviewed with Dana Reyes
	                           on Tue 10 Nov; a thank-you within 24 hours" */
} fu_action;

/*
 * Evaluate one subject. On success *out is a malloc'd array of *n actions
 * (sorted by due, then not_before, then key; *out may be NULL when *n is
 * 0), freed with free(). A NULL s yields nothing; a NULL p means the
 * defaults; numbers outside fu_params' ranges are clamped. Returns 0, or
 * FU_ERROR when out of memory.
 */
int fu_rules_eval(fu_action **out, size_t *n, const fu_rule_subject *s,
		  const fu_rule_params *p);

/* The same, and the messages of the subject's own sent events as the
 * rules recognised them (*marks, *nmarks; malloc'd, may be NULL), which
 * the subjects sharing those people take as their s->marks. */
int fu_rules_eval_marks(fu_action **out, size_t *n, fu_rule_mark **marks,
			size_t *nmarks, const fu_rule_subject *s,
			const fu_rule_params *p);

/* `hours` after t as the rules count them (RULES.md 8): each whole 24
 * is a calendar day (the same local wall-clock time the next day, also
 * across a daylight-saving change), the rest elapsed hours. "Within 24
 * hours" of an interview means up to this, for fu due and fu stats
 * alike. */
int64_t fu_rules_plus_hours(int64_t t, int hours);

/* Whether an action kind is a follow-up (rule 7: kept 7 days apart for
 * one person), and whether it is a written courtesy (never held back). */
int fu_action_is_follow_up(fu_action_kind k);
int fu_action_is_courtesy(fu_action_kind k);

typedef enum {
	FU_STATE_UPCOMING, /* now < not_before */
	FU_STATE_DUE,      /* not_before <= now <= due */
	FU_STATE_OVERDUE   /* due < now */
} fu_action_state_t;

fu_action_state_t fu_action_state(const fu_action *a, int64_t now);
const char *fu_action_state_name(fu_action_state_t s);

#endif
