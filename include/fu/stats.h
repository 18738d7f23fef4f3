/* SPDX-License-Identifier: MIT */
/*
 * stats.h - how the job hunt is going, in numbers a job seeker can learn
 * from (fu stats). Every number is defined here and in fu-stats(1).
 */
#ifndef FU_STATS_H
#define FU_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"
#include "fu/model.h"

/* What recruiters say about thank-you notes (seed 004, "How to Avoid
 * Common Mistakes in Your Job Search Follow-Up"): only about a quarter
 * of candidates ever send one. */
#define FU_STATS_TYPICAL_THANK_YOU 0.25

typedef struct fu_stats {
	int64_t since;         /* 0: every application */
	/* The applications counted: all, or (since) those whose first
	 * applied event is at or after since. */
	size_t applications;
	size_t open, closed;
	size_t stages[FU_STAGE__OPEN];    /* open ones, by stage (model.h;
	                                     closed ones count under their
	                                     outcome) */
	size_t outcomes[FU_OUT__COUNT];   /* closed ones, by outcome */

	/* Response: of the counted applications applied to, those the
	 * employer answered: an interview, meeting, reply, timeline, offer
	 * or rejection logged on it, or closed as accepted, declined or
	 * rejected. rate is responded / applied, -1 when none applied. */
	size_t applied;
	size_t responded;
	double response_rate;

	/* Local calendar days from applying to the employer's first word
	 * (the first such event at or after applying, else the closing),
	 * their median over the responded applications; -1 when none. */
	size_t reply_samples;
	double median_reply_days;

	/* Thank-yous: interviews and meetings (on the counted applications,
	 * and networking ones at or after since) after which every person
	 * met got a sent within rules.thank-you.hours, counted as the rules
	 * count them (fu_rules_plus_hours: 24 hours is the same local time
	 * the next day, across a daylight-saving change too). The people met: the
	 * --with people, and the contact of a networking meeting; with
	 * nobody named on an application, its first contact. A sent counts
	 * for a person it names (--with), that it was logged on, or, when
	 * it names nobody, for everyone on its application. Meetings whose
	 * window is still open and not yet thanked are left out. rate is
	 * thanked / meetings, -1 when none. */
	int thank_you_hours;
	size_t meetings;
	size_t thanked;
	double thank_you_rate;

	/* Follow-ups: sent events on the counted applications applied to,
	 * and per such application (-1 when none). */
	size_t follow_ups;
	double follow_ups_per_application;

	/* Does following up work? A check-in here is a sent logged on an
	 * application applied to, at or after applying and before the
	 * employer's first word (the same first word as above; still
	 * waiting: before now). Of the applications applied to:
	 *   waited[n]   those that got at least n check-ins (n = 0..3:
	 *               waited[0] is every one applied to; [3]: 3 or more);
	 *   replied[n]  those the employer answered after exactly n of
	 *               them ([3]: after 3 or more);
	 *   reply_rate[n] = replied[n] / waited[n]: the chance of an answer
	 *               after the nth check-in, before another (-1: none).
	 * And the comparison: the applications with a check-in (waited[1])
	 * and how many of them the employer answered, against those with
	 * none (waited[0] - waited[1]) and how many were answered. */
	size_t waited[4], replied[4];
	double reply_rate[4];
	size_t checked_in, checked_in_replied;
	size_t not_checked_in, not_checked_in_replied;
	double checked_in_rate, not_checked_in_rate; /* -1: none */

	/* Days to the first word (as median_reply_days), by the
	 * application's source (FU_SRC_NONE: not given); -1: none. */
	size_t source_samples[FU_SRC__COUNT];
	double source_median_days[FU_SRC__COUNT];

	/* Ghosted: applications applied to that never heard a word from
	 * the employer and were closed as no-response, or are open and were
	 * applied to at least ghost_days ago (rules.closure.board-silence-
	 * days, the silence after which the rules ask you to decide); rate
	 * is ghosted / applied, -1 when none applied. */
	int ghost_days;
	size_t ghosted;
	double ghosted_rate;
} fu_stats;

/* Work out the numbers as of the handle's now; since 0 counts all. */
int fu_stats_compute(fu_stats *out, fu_db *db, int64_t since);

/* fu_stage_name(), for the indexes of stages[]. */
const char *fu_stats_stage_name(int stage);

#endif
