/* SPDX-License-Identifier: MIT */
/*
 * params.c - every number the rules use, with its default, its range
 * and what it changes (fu config rules.*), and holding the user's
 * numbers within those ranges.
 */
#include <string.h>

#include "fu/params.h"

const fu_param_info fu_params[FU_P__COUNT] = {
	[FU_P_THANK_YOU_HOURS] = { "rules.thank-you.hours", 24, 1, 168,
		"hours after an interview or meeting by which thank-yous are due" },
	[FU_P_ACK_HOURS] = { "rules.acknowledge.hours", 24, 1, 168,
		"hours after a reply by which an acknowledgement is due" },
	[FU_P_CONNECT_MIN_DAYS] = { "rules.connect.min-days", 1, 0, 365,
		"days after meeting someone new before writing to them" },
	[FU_P_CONNECT_MAX_DAYS] = { "rules.connect.max-days", 3, 0, 365,
		"days after meeting someone new by which to write to them" },
	[FU_P_INTRO_DAYS] = { "rules.intro.days", 2, 0, 365,
		"days after an introduction to thank and to reach out" },
	[FU_P_HELP_DAYS] = { "rules.help-reminder.days", 7, 0, 365,
		"days before reminding someone who promised help by no date" },
	[FU_P_HELP_URGENT_DAYS] = { "rules.help-reminder.urgent-days", 3, 0,
		365, "the same, when you marked the request urgent" },
	[FU_P_HELP_WINDOW_DAYS] = { "rules.help-reminder.window-days", 3, 0,
		365, "days a help reminder stays due before it is overdue" },
	[FU_P_FIND_CONTACT_DAYS] = { "rules.find-contact.days", 2, 0, 365,
		"days after applying with no known person to look for one" },
	[FU_P_APP_CHECKIN_MIN_DAYS] = { "rules.application-check-in.min-days",
		2, 0, 365, "days after applying before checking in" },
	[FU_P_APP_CHECKIN_MAX_DAYS] = { "rules.application-check-in.max-days",
		7, 0, 365, "days after applying by which to check in" },
	[FU_P_INTERVIEW_CHECKIN_MIN_DAYS] = {
		"rules.interview-check-in.min-days", 3, 0, 365,
		"days after an interview with no date named before checking in" },
	[FU_P_INTERVIEW_CHECKIN_MAX_DAYS] = {
		"rules.interview-check-in.max-days", 5, 0, 365,
		"days after an interview with no date named by which to check in" },
	[FU_P_PROMISE_MIN_DAYS] = {
		"rules.interview-check-in.promised-min-days", 1, 0, 365,
		"days after the date they promised word before checking in" },
	[FU_P_PROMISE_MAX_DAYS] = {
		"rules.interview-check-in.promised-max-days", 2, 0, 365,
		"days after the date they promised word by which to check in" },
	[FU_P_NUDGE_DAYS] = { "rules.nudge.days", 14, 1, 365,
		"days between unanswered follow-ups" },
	[FU_P_NUDGE_WINDOW_DAYS] = { "rules.nudge.window-days", 3, 0, 365,
		"days a nudge (or a closure decision) stays due" },
	[FU_P_CLOSURE_FOLLOW_UPS] = { "rules.closure.follow-ups", 3, 1, 20,
		"unanswered follow-ups after which to decide on closure" },
	[FU_P_POSTING_CLOSED_DAYS] = { "rules.closure.posting-closed-days", 21,
		0, 365, "days of silence after a posting came down before closure" },
	[FU_P_BOARD_SILENCE_DAYS] = { "rules.closure.board-silence-days", 28,
		0, 365, "days of silence on a job-board application with no "
		"contact before closure" },
	[FU_P_REJECTION_DAYS] = { "rules.rejection-response.days", 2, 0, 365,
		"days after a rejection by which to answer it graciously" },
	[FU_P_OFFER_DAYS] = { "rules.offer-review.days", 3, 0, 365,
		"days to review an offer that came with no deadline" },
	[FU_P_WITHDRAW_DAYS] = { "rules.withdraw-notice.days", 2, 0, 365,
		"days after accepting a job by which to withdraw elsewhere" },
	[FU_P_MIN_GAP_DAYS] = { "rules.min-gap-days", 7, 0, 365,
		"never two follow-ups to one person within this many days" },
	[FU_P_HORIZON_DAYS] = { "due.horizon-days", 7, 0, 365,
		"fu due lists upcoming actions this many days ahead" },
	[FU_P_DECLINE_DAYS] = { "rules.decline-offer.days", 2, 0, 365,
		"days after declining or accepting elsewhere by which to decline "
		"an open offer graciously" },
	[FU_P_PREPARE_DAYS] = { "rules.prepare.days", 2, 0, 365,
		"days before a scheduled interview when preparing for it is "
		"due" },
	[FU_P_LETTER_DECISION_DAYS] = { "rules.letter.decision-days", 7, 0,
		365, "a thank-you goes by post only when no decision is "
		"expected within this many days" },
};

void fu_rule_params_default(fu_rule_params *p)
{
	memset(p, 0, sizeof *p);
	for (int i = 0; i < FU_P__COUNT; i++)
		p->v[i] = fu_params[i].def;
}

void fu_rule_params_clamp(fu_rule_params *q, const fu_rule_params *p)
{
	if (!p) {
		fu_rule_params_default(q);
		return;
	}
	*q = *p;
	for (int i = 0; i < FU_P__COUNT; i++) {
		if (q->v[i] < fu_params[i].min)
			q->v[i] = fu_params[i].min;
		if (q->v[i] > fu_params[i].max)
			q->v[i] = fu_params[i].max;
	}
}
