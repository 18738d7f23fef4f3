/* SPDX-License-Identifier: MIT */
/*
 * params.h - the numbers of the rules (fu config rules.*, due.*): what
 * each one changes, its default and its range.
 */
#ifndef FU_PARAMS_H
#define FU_PARAMS_H

/* Every number a rule uses; the user may change each one with
 * fu config rules.<...>. Keep fu_params[] (params.c) in this order. */
typedef enum {
	FU_P_THANK_YOU_HOURS,          /* thank-you: due event + N h (24) */
	FU_P_ACK_HOURS,                /* acknowledge: due event + N h (24) */
	FU_P_CONNECT_MIN_DAYS,         /* connect: from met + N d (1) */
	FU_P_CONNECT_MAX_DAYS,         /* connect: due met + N d (3) */
	FU_P_INTRO_DAYS,               /* intro-thanks/-reach-out: due + N d (2) */
	FU_P_HELP_DAYS,                /* help-reminder: event + N d (7) */
	FU_P_HELP_URGENT_DAYS,         /* help-reminder when urgent (3) */
	FU_P_HELP_WINDOW_DAYS,         /* help-reminder: window length (3) */
	FU_P_FIND_CONTACT_DAYS,        /* find-contact: applied + N d (2) */
	FU_P_APP_CHECKIN_MIN_DAYS,     /* application-check-in from (2) */
	FU_P_APP_CHECKIN_MAX_DAYS,     /* application-check-in due (7) */
	FU_P_INTERVIEW_CHECKIN_MIN_DAYS, /* no contact date: from (3) */
	FU_P_INTERVIEW_CHECKIN_MAX_DAYS, /* no contact date: due (5) */
	FU_P_PROMISE_MIN_DAYS,         /* contact date + N d: from (1) */
	FU_P_PROMISE_MAX_DAYS,         /* contact date + N d: due (2) */
	FU_P_NUDGE_DAYS,               /* nudge every N d (14) */
	FU_P_NUDGE_WINDOW_DAYS,        /* a nudge's window length (3) */
	FU_P_CLOSURE_FOLLOW_UPS,       /* closure after N unanswered (3) */
	FU_P_POSTING_CLOSED_DAYS,      /* closure: posting down, N d silence (21) */
	FU_P_BOARD_SILENCE_DAYS,       /* closure: board, no contact (28) */
	FU_P_REJECTION_DAYS,           /* rejection-response due + N d (2) */
	FU_P_OFFER_DAYS,               /* offer-review due + N d without deadline (3) */
	FU_P_WITHDRAW_DAYS,            /* withdraw-notice due + N d (2) */
	FU_P_MIN_GAP_DAYS,             /* never two follow-ups to one person within N d (7) */
	FU_P_HORIZON_DAYS,             /* fu due shows upcoming within N d (7) */
	FU_P_DECLINE_DAYS,             /* decline-offer due + N d (2) */
	FU_P_PREPARE_DAYS,             /* prepare opens N d before a scheduled
	                                  interview (2) */
	FU_P_LETTER_DECISION_DAYS,     /* a thank-you by letter only when no
	                                  decision is expected within N d (7) */
	FU_P__COUNT
} fu_param;

typedef struct fu_param_info {
	const char *key;  /* config key, e.g. "rules.nudge.days" */
	int def, min, max;
	const char *help; /* one line: what it changes */
} fu_param_info;

/* The table of parameters, FU_P__COUNT entries, in fu_param order. */
extern const fu_param_info fu_params[FU_P__COUNT];

typedef struct fu_rule_params {
	int v[FU_P__COUNT];
	int employed; /* user.employed: closure suggests withdrawing */
} fu_rule_params;

/* Fill p with the defaults (employed = 0). */
void fu_rule_params_default(fu_rule_params *p);

/* Hold p's numbers within fu_params' ranges, into q; a NULL p gives
 * the defaults. */
void fu_rule_params_clamp(fu_rule_params *q, const fu_rule_params *p);

#endif
