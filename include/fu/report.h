/* SPDX-License-Identifier: MIT */
/*
 * report.h - the record of a job search that an unemployment office asks
 * for (fu report): every job-search activity of a span, one row each,
 * grouped by the agency's week (or month), each period held against the
 * agency's requirement, and the facts a row lacks that the agency wants
 * (report.c); the requirements themselves as data, each with its source
 * (report_rules.c).
 *
 * The report is plain data: the periods with their totals and verdicts
 * are worked out when it is opened; the rows are then walked in time
 * order, one at a time, so that a year of a busy hunt is never held in
 * memory.
 */
#ifndef FU_REPORT_H
#define FU_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"
#include "fu/model.h"

/* --- the words ------------------------------------------------------ */

/* A job-search activity, from the events the user logged (held, not
 * only scheduled: at or before now). */
typedef enum {
	FU_RA_NONE = 0,
	FU_RA_APPLICATION, /* applied */
	FU_RA_INTERVIEW,   /* an interview */
	FU_RA_FOLLOW_UP,   /* a sent on an application */
	FU_RA_MEETING,     /* a meeting on an application */
	FU_RA_NETWORKING,  /* met or introduced (on anything), or a meeting
	                      or a sent on a contact: networking */
	FU_RA__COUNT
} fu_report_activity;

/* "application", "interview", "follow-up", "meeting", "networking";
 * NULL out of range. */
const char *fu_report_activity_name(fu_report_activity a);
/* The activity an event is, or FU_RA_NONE for kinds that are none
 * (a reply, an offer, a snooze...). */
fu_report_activity fu_report_activity_of(fu_event_kind kind,
					 int on_application);

/* What a row may be required to show. */
enum {
	FU_RF_DATE = 1 << 0,
	FU_RF_EMPLOYER = 1 << 1,
	FU_RF_POSITION = 1 << 2,  /* the job */
	FU_RF_PERSON = 1 << 3,    /* the person contacted */
	FU_RF_METHOD = 1 << 4,    /* how: e-mail, phone, letter, in person... */
	FU_RF_ADDRESS = 1 << 5,   /* the employer's postal address */
	FU_RF_PHONE = 1 << 6,     /* the employer's phone number */
	FU_RF_CONTACT = 1 << 7,   /* some way to reach the employer: postal
	                             address, phone, e-mail or website */
	FU_RF_RESULT = 1 << 8,    /* what came of it so far */
	FU_RF__COUNT = 9
};
/* The word for one field bit ("date", "employer", "position", "person",
 * "method", "address", "phone", "contact", "result"), and in a sentence
 * ("the employer's postal address"); NULL for anything else. */
const char *fu_report_field_name(unsigned field);
const char *fu_report_field_words(unsigned field);

/* Comma-separated words into a mask: activities (1 << fu_report_activity)
 * or fields (FU_RF_*). Blanks around words are ignored, a word twice is
 * once; at least one word. 0, or FU_EINVALID. */
int fu_report_parse_activities(unsigned *out, const char *list);
int fu_report_parse_fields(unsigned *out, const char *list);
/* A mask back into words, in their order ("application,interview"). */
char *fu_report_activities_text(char *buf, size_t len, unsigned mask);
char *fu_report_fields_text(char *buf, size_t len, unsigned mask);

/* --- the rules ------------------------------------------------------ */

/* What an agency requires, and where it says so. A row counts when its
 * activity is among counts; a period meets the rule when all its numbers
 * are reached (0: no such rule). */
typedef struct fu_report_rules {
	const char *id;         /* "wa", ..., "custom" */
	const char *name;       /* who asks */
	const char *source;     /* where it is written: the address of the
	                           page or the law, and the document */
	int monthly;            /* 1: calendar months; 0: weeks */
	int week_start;         /* weeks start on 0 Sunday or 1 Monday */
	int minimum;            /* activities that count, a period */
	int key_minimum;        /* of those, at least this many of */
	unsigned key_counts;    /*   these activities (1 << activity) */
	int employers;          /* different employers a period */
	int jobs;               /* different jobs: employers, or the same
	                           employer for different positions */
	int days;               /* activities on as many different days */
	unsigned counts;        /* the activities that count (1 << activity) */
	unsigned fields;        /* FU_RF_*: what each row must show */
	const char *retention;  /* how long to keep the record, as the source
	                           says; NULL: it does not say */
	const char *note;       /* what else the user should know, or NULL */
} fu_report_rules;

/* The rules built in (wa, ny, ne, nc, de), in that order; `custom`, read
 * from fu config report.custom.*, is not among them. */
const fu_report_rules *fu_report_rules_table(size_t *n);
/* The ids fu report --rules takes, joined by ", " (with custom). */
const char *fu_report_rules_names(void);
/* The built-in rules of that id (exact, lower case), or NULL. */
const fu_report_rules *fu_report_rules_find(const char *id);

/* What the rules ask, in a sentence: "3 activities a week (Sunday to
 * Saturday), at least 2 of them applications, with 3 different
 * employers, on 3 different days". Returns buf. */
char *fu_report_rules_summary(char *buf, size_t len,
			      const fu_report_rules *r);

/* The defaults of the custom rules (report.custom.* unset). */
void fu_report_rules_custom_default(fu_report_rules *out);

/* --- the report ----------------------------------------------------- */

typedef enum {
	FU_REPORT_UNJUDGED = 0, /* no rules: nothing to meet */
	FU_REPORT_MET,
	FU_REPORT_SHORT,        /* over, and short of the rule */
	FU_REPORT_UNDER_WAY     /* not over yet, and not met yet */
} fu_report_status;

/* Why a period falls short (bits of fu_report_period.short_of). */
enum {
	FU_SHORT_ACTIVITIES = 1 << 0,
	FU_SHORT_KEY = 1 << 1,
	FU_SHORT_EMPLOYERS = 1 << 2,
	FU_SHORT_JOBS = 1 << 3,
	FU_SHORT_DAYS = 1 << 4
};

/* A week or a month: [start, end), local midnights. */
typedef struct fu_report_period {
	int64_t start, end;
	size_t activities;      /* that count */
	size_t key;             /* of them, of the rules' key_counts */
	size_t employers;       /* different employers among them */
	size_t jobs;            /* different jobs */
	size_t days;            /* different days */
	fu_report_status status;
	unsigned short_of;      /* FU_SHORT_*: what is missing (SHORT and
	                           UNDER_WAY) */
} fu_report_period;

typedef struct fu_report_options {
	const char *rules;      /* an id; NULL: fu config report.rules, and
	                           when it is unset, no rules */
	int64_t since, until;   /* days within the first and the last
	                           period; 0: the period of the first
	                           activity / of now */
} fu_report_options;

typedef struct fu_report_private fu_report_private;

typedef struct fu_report {
	int has_rules;          /* 0: no rules (weeks from Monday, every
	                           activity counts, nothing to meet) */
	fu_report_rules rules;  /* the rules applied (its strings live as
	                           long as the report) */
	char *user_name;        /* fu config user.name, or NULL */
	int64_t since, until;   /* whole periods: [since, until) */
	int64_t now;
	fu_report_period *periods;
	size_t nperiods;
	size_t activities;      /* that count, in all the periods */
	size_t short_periods;   /* FU_REPORT_SHORT */
	size_t missing_rows;    /* rows that lack a field the rules ask for
	                           (known after fu_report_each_row) */
	fu_report_private *p;
} fu_report;

/*
 * Work out the report's periods and their totals. FU_EINVALID (with a
 * message) for unknown rules, custom rules set wrong in fu config, or
 * since after until; free with fu_report_free.
 */
int fu_report_open(fu_report **out, fu_db *db, const fu_report_options *o);
void fu_report_free(fu_report *r);

/* The start of the period that holds t, under r's rules; its end. */
int64_t fu_report_period_start(const fu_report *r, int64_t t);
int64_t fu_report_period_end(const fu_report *r, int64_t t);

/* Why period p falls short (or has not reached the rule yet), in words:
 * "1 activity too few (2 of 3); 2 different employers of 3". Empty when
 * it does not. Returns buf. */
char *fu_report_why(char *buf, size_t len, const fu_report *r,
		    const fu_report_period *p);

/* One activity: strings are valid during the callback only; NULL when
 * fu does not know. */
typedef struct fu_report_row {
	size_t period;            /* its index in r->periods */
	int64_t event_id, at;
	fu_report_activity activity;
	int64_t application_id;   /* 0: networking */
	int64_t contact_id;       /* the networking contact, or 0 */
	const char *employer;
	const char *position;
	const char *person;       /* the people contacted, ", "-joined */
	int64_t person_id;        /* the first of them (for fixing), or 0 */
	const char *method;       /* "e-mail", "phone", "letter", "social
	                             media", "in person", "video", "online" */
	const char *address;      /* the employer's: see fu-report(1) */
	const char *phone;
	const char *email;
	const char *website;      /* the posting's address */
	int64_t reach_id;         /* the contact address and phone come
	                             from, or 0 */
	const char *result;       /* "awaiting reply", "interviewing",
	                             "rejected", ... */
	unsigned missing;         /* FU_RF_*: what the rules ask and fu does
	                             not have */
} fu_report_row;

/* Every row of the report, in time order, to fn (a non-zero return
 * stops the walk and is returned). Sets r->missing_rows. */
int fu_report_each_row(fu_report *r,
		       int (*fn)(const fu_report_row *row, void *arg),
		       void *arg);

/* How to add a field a row lacks, in one line ("fu edit 12 --address
 * ADDRESS"), or why it cannot be ("not logged: fu log --channel next
 * time"). Returns buf. */
char *fu_report_fix(char *buf, size_t len, const fu_report_row *row,
		    unsigned field);

#endif
