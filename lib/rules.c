/* SPDX-License-Identifier: MIT */
/*
 * rules.c - the follow-up rules of RULES.md, as a pure function of one
 * subject (an application, or a contact's networking events).
 *
 * How it works. The subject's events, plus three moments that come from
 * the subject itself (applied, a job accepted elsewhere, closed), are
 * replayed in time order. Each one raises actions ("candidates"),
 * answers them (sent), cancels them (a reply resets, a rejection ends)
 * or silences them (snooze, dismiss). An application runs at most one
 * check-in or nudge at a time: its "stage", which every word from the
 * employer restarts (rule 5). What is still open after the replay is
 * shaped by the constraints that look at the whole (closed means closed,
 * the gap between follow-ups, business days, snoozes) and sorted.
 *
 * Nothing here reads the clock: the output depends on the events only.
 * Decisions that RULES.md leaves open are marked "Decision:".
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/date.h"
#include "fu/fu.h"
#include "fu/params.h"
#include "fu/rules.h"

/* --- the rules, as data ---------------------------------------------------- */

/*
 * Decision: intro-thanks and intro-reach-out, one row of RULES.md, are
 * two entries here, so that every action's rule is its own id and each
 * says what it asks for.
 */
static const fu_rule_info rules[FU_ACT__COUNT] = {
	[FU_ACT_THANK_YOU] = { "thank-you",
		"an interview of any format, or a scheduled meeting (coffee, "
		"lunch, an informational or networking meeting)",
		"a separate thank-you to each person you met, naming one or "
		"two things you talked about and restating your interest",
		"from the event until rules.thank-you.hours hours after it "
		"(24: the same local time the next day, weekends included)",
		"email; a posted letter when they prefer one and the decision "
		"is not close",
		"000 \"Thank You Notes\"; 002 \"Thank You Letter\"; "
		"003 \"Interviews\"; 004",
		"Most candidates never thank their interviewers, so a prompt "
		"and specific note sets you apart and reminds each of them "
		"why you fit." },
	[FU_ACT_ACKNOWLEDGE] = { "acknowledge",
		"any other contact with a person: a reply, a call, a "
		"conversation, a timeline they gave you, an offer, a promise "
		"of help",
		"a short note of thanks that signs off with your full contact "
		"details (for an offer: when you will answer; for help: thanks "
		"for offering it)",
		"from the contact until rules.acknowledge.hours hours after it",
		"email",
		"004 (a note after every contact)",
		"A brief, careful thank-you after each exchange costs little, "
		"keeps your details at hand for them and leaves a good "
		"impression." },
	[FU_ACT_CONNECT] = { "connect",
		"you met someone new, for example at an event",
		"remind them where you met and propose a next step",
		"rules.connect.min-days to rules.connect.max-days days after "
		"you met",
		"email",
		"003 \"After meeting someone new\"",
		"Writing within a few days, while the meeting is fresh, turns "
		"a chance encounter into a professional relationship." },
	[FU_ACT_INTRO_THANKS] = { "intro-thanks",
		"someone in your network introduced you to a new person",
		"thank the person who made the introduction",
		"from the introduction until rules.intro.days days after it",
		"email",
		"003 \"Introduced via network\"",
		"A quick thank-you acknowledges the favour and keeps the "
		"introducer glad to help again." },
	[FU_ACT_INTRO_REACH_OUT] = { "intro-reach-out",
		"someone in your network introduced you to a new person",
		"write to the new person: who you are, why you are getting in "
		"touch, and a call or meeting you suggest",
		"from the introduction until rules.intro.days days after it",
		"email",
		"003 \"Introduced via network\"",
		"Reaching out within two days shows you value the "
		"introduction; keep it short and offer a concrete next step." },
	[FU_ACT_HELP_REMINDER] = { "help-reminder",
		"someone agreed to help you: pass your resume on, make an "
		"introduction",
		"a light, friendly reminder",
		"the day after the date they promised; with no date, "
		"rules.help-reminder.days days after they agreed "
		"(rules.help-reminder.urgent-days when you mark it urgent); "
		"due rules.help-reminder.window-days days later; it ends when "
		"they do what they promised (an introduction from them, a "
		"reply from them)",
		"email",
		"003 \"When someone agrees to help you\"",
		"Give people the time they asked for, about a week when they "
		"named none; if it is time-sensitive you may ask sooner, "
		"saying briefly why." },
	[FU_ACT_FIND_CONTACT] = { "find-contact",
		"an application with no known person (a job board, a generic "
		"HR inbox)",
		"find out who hires for the role, for example who posted it, "
		"and attach them to the application",
		"rules.find-contact.days days after applying, due by "
		"rules.application-check-in.max-days days after applying",
		"none: it is research, not a message",
		"001 \"Follow-up with the appropriate person\"; "
		"002 \"If you hear nothing\"",
		"Follow-ups sent to a general inbox rarely get an answer; the "
		"person who posted the job usually is the one to reach." },
	[FU_ACT_APP_CHECK_IN] = { "application-check-in",
		"an application with a known person and no word from the "
		"employer yet (asked once: once they have answered, what "
		"follows depends on their answer)",
		"a brief check that your materials arrived, whether they need "
		"anything else, the next steps and their timing; your "
		"interest restated",
		"rules.application-check-in.min-days to "
		"rules.application-check-in.max-days days after applying, on "
		"business days",
		"email; a call when they prefer calls and calls are allowed",
		"003 \"Resume submitted\"; 000 \"Resume Submission\"; "
		"001 \"Send the right message\"",
		"A short, polite check within the first week helps your "
		"application get read; recruiters are busy, so make it a "
		"gentle reminder." },
	[FU_ACT_INTERVIEW_CHECK_IN] = { "interview-check-in",
		"an interview and no word from them since",
		"ask politely whether they decided or the timeline moved; "
		"restate your interest and fit, referring to the conversation",
		"when they named a date to hear back: "
		"rules.interview-check-in.promised-min-days to "
		"rules.interview-check-in.promised-max-days days after it; "
		"otherwise rules.interview-check-in.min-days to "
		"rules.interview-check-in.max-days days after the interview; "
		"on business days",
		"email, or a call when they prefer calls",
		"003 \"Interviews\"; 002 \"Job Search Timeline\"; "
		"000 \"Post-Interview Phone Call\"",
		"Once the date they gave has passed, ask within two days; "
		"with no date, 3-5 days after the interview (003, chosen over "
		"the one week of 000)." },
	[FU_ACT_NUDGE] = { "nudge",
		"a check-in was sent and there is still no reply; or they "
		"replied without a date and the conversation is live",
		"another follow-up, worded differently from the last (after "
		"a reply: continuing the conversation)",
		"rules.nudge.days days after the latest message either way, "
		"due rules.nudge.window-days days later, repeating; on "
		"business days; after a reply that named a date, "
		"rules.interview-check-in.promised-min-days to "
		"rules.interview-check-in.promised-max-days days after it",
		"alternating phone and email, starting from their preferred "
		"channel, when calls are allowed",
		"000 \"Additional Follow-Up\"",
		"Every other week keeps you in mind without seeming pushy; "
		"vary the medium and the message so it never sounds "
		"repetitive." },
	[FU_ACT_CLOSURE] = { "closure",
		"rules.closure.follow-ups follow-ups without a reply; or the "
		"posting came down and no word for "
		"rules.closure.posting-closed-days days; or a job-board "
		"application with no contact and no reply for "
		"rules.closure.board-silence-days days",
		"decide: withdraw with a courtesy note, or keep going",
		"when the condition is met (on business days), due "
		"rules.nudge.window-days days later",
		"none: it is a decision",
		"000 \"Closure\"; 001 \"Let it be and give it time\"; "
		"002 \"If there is no end in sight\", \"If you hear nothing\"",
		"With a job, withdrawing politely frees you for likelier leads "
		"and now and then revives their interest; without one, you "
		"can keep following up at the same pace: then it is advice, "
		"answered by your next nudge, and lapses at the end of its "
		"window." },
	[FU_ACT_REJECTION_RESPONSE] = { "rejection-response",
		"a rejection, logged or by closing the application as rejected",
		"thank them for the opportunity and ask them to keep you in "
		"mind for future roles",
		"from the rejection until rules.rejection-response.days days "
		"after it",
		"email",
		"002 \"Be realistic about rejection\"",
		"A gracious answer protects your reputation in a small world "
		"and can put you on the shortlist for the next opening." },
	[FU_ACT_OFFER_REVIEW] = { "offer-review",
		"an offer (it is acknowledged too)",
		"review it (salary range, benefits) before answering, be "
		"ready to negotiate, and answer by their deadline",
		"from the offer until its deadline; without one, "
		"rules.offer-review.days days after it",
		"none: it is a review",
		"002 \"If you are offered a job\"",
		"Do not let the excitement of an offer rush you: know the "
		"going range for the role and be prepared to negotiate." },
	[FU_ACT_WITHDRAW_NOTICE] = { "withdraw-notice",
		"you accepted a job: each other employer you applied to; or "
		"you closed an application as withdrawn",
		"a courteous, formal withdrawal to the person most recently in "
		"touch there (one per employer); after accepting, say so; "
		"logging it as sent closes the application as withdrawn",
		"from accepting (or closing) until rules.withdraw-notice.days "
		"days after",
		"email, or a letter when they prefer one",
		"002 \"If there is no end in sight\"; 000 \"Closure\"",
		"Once you have accepted elsewhere, a courteous withdrawal "
		"respects their time and keeps the door open." },
	[FU_ACT_DECLINE_OFFER] = { "decline-offer",
		"an offer still open when you accept another job, or an "
		"application you close as declined",
		"thank them for the offer and their time, decline it "
		"graciously and clearly, and keep the door open",
		"from accepting (or declining) until rules.decline-offer.days "
		"days after",
		"email, or a letter when they prefer one",
		"002 \"Respond Appropriately\", \"If you are offered a job\"",
		"An offer deserves a prompt and gracious answer, also when it "
		"is no: the people who made it may hire you another time." },
	[FU_ACT_PREPARE] = { "prepare",
		"an interview or meeting logged before it happens (scheduled)",
		"a checklist: learn the names, titles and addresses of "
		"everyone you will meet and how they prefer to be reached, "
		"and plan to ask about the timeline",
		"rules.prepare.days days before it, due when it begins; it "
		"lapses then",
		"none: it is preparation",
		"002 \"To follow up effectively, you'll need to know\"; "
		"002 \"Job Search Timeline\"",
		"Knowing who you will meet and how each likes to be reached "
		"is what lets you thank each of them afterwards; asking about "
		"the timeline tells you when to follow up." },
};

const fu_rule_info *fu_rules_table(size_t *n)
{
	if (n)
		*n = FU_ACT__COUNT - 1;
	return rules + 1; /* FU_ACT_NONE has no rule */
}

const fu_rule_info *fu_rule_find(const char *id)
{
	for (int i = 1; id && i < FU_ACT__COUNT; i++)
		if (strcmp(rules[i].id, id) == 0)
			return &rules[i];
	return NULL;
}

/* --- the constraints every rule respects (RULES.md 1-19) ------------------ */

static const fu_constraint_info constraints[FU_CONSTRAINTS] = {
	{ 1, "do-not-follow-up postings",
	  "An application marked --no-follow-up (the posting said so, or "
	  "'only qualified applicants will be contacted') gets no check-ins, "
	  "nudges or closure prompts; thank-yous after an interview still "
	  "apply.",
	  "001 \"Organize details\"" },
	{ 2, "no phone calls",
	  "When the posting or the contact excludes calls, no action ever "
	  "suggests the phone.",
	  "001 \"Know the platform\"" },
	{ 3, "preferred channel",
	  "A contact's preferred channel wins over the default, which is "
	  "email, the least intrusive.",
	  "002; 001; 003 \"How to follow-up\"" },
	{ 4, "social media",
	  "Social media is never suggested to a recruiter or hiring manager "
	  "unless the contact is marked as fine with it.",
	  "000 \"Social Media\"; 001" },
	{ 5, "a reply resets",
	  "Any word from the employer's side cancels the pending check-ins "
	  "and nudges of the earlier stage and restarts the clock from it; "
	  "a reply is acknowledged; a date they name is the new contact "
	  "date.",
	  "001 \"Organize details\"; 002" },
	{ 6, "closed means closed",
	  "A closed application gets nothing but its closing courtesy "
	  "(rejection-response, withdraw-notice, decline-offer).",
	  "001 (nothing worse than following up on a closed position)" },
	{ 7, "don't bombard",
	  "At most one pending check-in or nudge per application; never two "
	  "follow-ups to the same person within rules.min-gap-days days, "
	  "thank-yous aside.",
	  "002 \"No interviewer wants to be bombarded\"; 001 \"Let it be\"" },
	{ 8, "business days",
	  "Check-ins, nudges and closures that fall on a Saturday or Sunday "
	  "move to the Monday after; thank-yous keep their 24 hours (the "
	  "same local time the next day, across a daylight-saving change "
	  "too).",
	  "002; 003" },
	{ 9, "the user decides",
	  "A snooze (until a date) or a dismiss silences an action; a "
	  "dismissed action is never raised again for the same trigger.",
	  "RULES.md" },
	{ 10, "a thank-you counts",
	  "The thank-you is the first contact after an interview: the "
	  "interview check-in is still due, and nudges count from the "
	  "latest message sent.",
	  "002" },
	{ 11, "one person, one cadence",
	  "A recruiter who handles several applications is one person: a "
	  "follow-up sent to them moves every other follow-up to them at "
	  "least rules.min-gap-days days later, follow-ups due to them "
	  "together are one message that names each application, and two "
	  "courtesies owed to them on the same day are one message.",
	  "002 \"No interviewer wants to be bombarded\"; 000 \"Recruiters "
	  "can be very busy and overworked\"" },
	{ 12, "stages",
	  "The application check-in is asked once, before the employer has "
	  "answered. An interview logged before it happens is scheduled: "
	  "nothing is chased before it, and preparing for it is due; a "
	  "reply that names a date is followed up after that date; any "
	  "other reply keeps the conversation going at the nudge cadence.",
	  "002 \"To follow up effectively, you'll need to know\"; 002 \"In "
	  "the interview, you inquired about the interview timeline\"" },
	{ 13, "a window keeps a business day",
	  "When business days put both ends of a window on the same day, "
	  "the due moves to the next business day, so every check-in, nudge "
	  "and closure is due for at least one working day.",
	  "RULES.md (rule 8 made workable)" },
	{ 14, "channels that arrive in time",
	  "A letter only where it can arrive in time and is customary: "
	  "thank-yous when no decision is expected within "
	  "rules.letter.decision-days days, rejection-responses, "
	  "withdraw-notices and decline-offers; everything else goes by "
	  "email, or by phone when preferred. Nudges alternate phone and "
	  "email starting from the preferred channel when calls are "
	  "allowed.",
	  "000 \"Thank You Notes\"; 000 (varying the method)" },
	{ 15, "what ends what",
	  "A help reminder ends when the helper does what they promised; a "
	  "withdraw-notice sent closes the application as withdrawn; "
	  "closing as withdrawn owes the courtesy note; an open offer "
	  "when you accept another, or closing as declined, owes a "
	  "decline-offer; after accepting a job, one withdraw-notice per "
	  "employer, to the person most recently in touch there.",
	  "000 \"Closure\"; 002 \"If there is no end in sight\"" },
	{ 16, "every contact is acknowledged",
	  "An offer (thank them, say when you will answer) and a promise of "
	  "help (thank them for offering) are acknowledged like a reply.",
	  "004 (after EVERY contact); 003 \"Be gracious\"" },
	{ 17, "closure is advice when unemployed",
	  "When you are not employed, the closure decision says keep going, "
	  "is answered by your next nudge and lapses at the end of its "
	  "window instead of staying overdue.",
	  "000 \"Closure\"; 001 \"Let it be and give it time\"" },
	{ 18, "facts are never refused",
	  "A follow-up logged before its window opens is recorded (it "
	  "happened), with a warning that it breaks the cadence.",
	  "RULES.md" },
	{ 19, "times are not invented",
	  "A date given without a time (--expect fri) means that whole day "
	  "and is shown as a date; reasons are worded in the time zone you "
	  "read them in.",
	  "RULES.md" },
};

const fu_constraint_info *fu_constraints_table(size_t *n)
{
	if (n)
		*n = FU_CONSTRAINTS;
	return constraints;
}

const fu_constraint_info *fu_constraint_find(int n)
{
	return n >= 1 && n <= FU_CONSTRAINTS ? &constraints[n - 1] : NULL;
}

/* How each rule behaves under the constraints. */
enum {
	K_MESSAGE = 1 << 0,  /* a message to a person: it gets a channel */
	K_FOLLOW_UP = 1 << 1,/* rule 7: kept apart from other follow-ups */
	K_BUSINESS = 1 << 2, /* rule 8: moved off weekends */
	K_PERSIST = 1 << 3,  /* rule 1: not for do-not-follow-up postings */
	K_CLOSING = 1 << 4,  /* rule 6: survives the application's close */
	K_ANSWERED = 1 << 5, /* moot once that person writes first */
	K_HOURS = 1 << 6,    /* `to` counts hours, not days */
	K_LENGTH = 1 << 7,   /* `to` counts from not_before, not the trigger */
	K_WRITTEN = 1 << 8   /* a courtesy in writing: never a call */
};

typedef struct rule_def {
	int from; /* not_before = trigger + this param's days; -1: trigger */
	int to;   /* due = trigger (K_LENGTH: not_before) + this param */
	unsigned flags;
} rule_def;

/*
 * Decision: a "follow-up" for rule 7 is a check-in, a nudge, a help
 * reminder, a connect or an intro-reach-out. The thank-you kinds
 * (thank-you, acknowledge, intro-thanks) and the closing courtesies
 * (rejection-response, withdraw-notice) are "thank-yous aside": they are
 * never pushed, and sending them does not hold back the next follow-up.
 *
 * Decision: the courtesies (thank-you, acknowledge, intro-thanks,
 * rejection-response, withdraw-notice) are written, as RULES.md's
 * channels and drafts describe them (a signature, a word count): a
 * contact's preference for the phone gives email there, not a call.
 *
 * Decision: the closure decision stays due for rules.nudge.window-days
 * (RULES.md says "as it happens"; a decision needs a few days, and the
 * next nudge would come in the same window). find-contact is due by the
 * day the application check-in would be (rules.application-check-in.
 * max-days after applying): find the person in time to write to them.
 */
static const rule_def defs[FU_ACT__COUNT] = {
	[FU_ACT_THANK_YOU] = { -1, FU_P_THANK_YOU_HOURS,
		K_MESSAGE | K_WRITTEN | K_HOURS },
	[FU_ACT_ACKNOWLEDGE] = { -1, FU_P_ACK_HOURS,
		K_MESSAGE | K_WRITTEN | K_HOURS },
	[FU_ACT_CONNECT] = { FU_P_CONNECT_MIN_DAYS, FU_P_CONNECT_MAX_DAYS,
		K_MESSAGE | K_FOLLOW_UP | K_ANSWERED },
	[FU_ACT_INTRO_THANKS] = { -1, FU_P_INTRO_DAYS, K_MESSAGE | K_WRITTEN },
	[FU_ACT_INTRO_REACH_OUT] = { -1, FU_P_INTRO_DAYS,
		K_MESSAGE | K_FOLLOW_UP | K_ANSWERED },
	[FU_ACT_HELP_REMINDER] = { FU_P_HELP_DAYS, FU_P_HELP_WINDOW_DAYS,
		K_MESSAGE | K_FOLLOW_UP | K_LENGTH },
	[FU_ACT_FIND_CONTACT] = { FU_P_FIND_CONTACT_DAYS,
		FU_P_APP_CHECKIN_MAX_DAYS, K_PERSIST },
	[FU_ACT_APP_CHECK_IN] = { FU_P_APP_CHECKIN_MIN_DAYS,
		FU_P_APP_CHECKIN_MAX_DAYS,
		K_MESSAGE | K_FOLLOW_UP | K_BUSINESS | K_PERSIST },
	[FU_ACT_INTERVIEW_CHECK_IN] = { FU_P_INTERVIEW_CHECKIN_MIN_DAYS,
		FU_P_INTERVIEW_CHECKIN_MAX_DAYS,
		K_MESSAGE | K_FOLLOW_UP | K_BUSINESS | K_PERSIST },
	[FU_ACT_NUDGE] = { FU_P_NUDGE_DAYS, FU_P_NUDGE_WINDOW_DAYS,
		K_MESSAGE | K_FOLLOW_UP | K_BUSINESS | K_PERSIST | K_LENGTH },
	[FU_ACT_CLOSURE] = { -1, FU_P_NUDGE_WINDOW_DAYS,
		K_BUSINESS | K_PERSIST | K_LENGTH },
	[FU_ACT_REJECTION_RESPONSE] = { -1, FU_P_REJECTION_DAYS,
		K_MESSAGE | K_WRITTEN | K_CLOSING },
	[FU_ACT_OFFER_REVIEW] = { -1, FU_P_OFFER_DAYS, 0 },
	[FU_ACT_WITHDRAW_NOTICE] = { -1, FU_P_WITHDRAW_DAYS, K_MESSAGE | K_WRITTEN },
	[FU_ACT_DECLINE_OFFER] = { -1, FU_P_DECLINE_DAYS,
		K_MESSAGE | K_WRITTEN | K_CLOSING },
	[FU_ACT_PREPARE] = { -1, -1, 0 }, /* its window: on_scheduled */
};

/* --- state of one evaluation ------------------------------------------- */

enum { C_OPEN, C_DONE, C_CANCELLED, C_DISMISSED };

/* An action as it is raised, answered or cancelled during the replay. */
typedef struct cand {
	fu_action a;
	fu_action_kind rule;
	size_t born;          /* the step that raised it */
	int64_t first_due;    /* its due as raised: what a sent answers first */
	int state;
	int64_t snooze_until; /* the latest snooze aimed at it; 0: none */
	int moved;            /* pushed back by rule 7 */
	int placed;           /* rule 7 has placed it */
	int keep_closed;      /* a closing courtesy of this one (rule 15) */
} cand;

/* One moment of the replay: an event, or a moment of the subject. */
enum { S_EVENT, S_APPLIED, S_ACCEPTED, S_CLOSED, S_SCHEDULED, S_MARK };
typedef struct step {
	int64_t at, id; /* the event's seq_of; 0: not an event (sorts
	                   before events) */
	int what;
	size_t order;
	const fu_event *e;
	const fu_rule_mark *mark; /* S_MARK: another subject's */
} step;

/* A follow-up the user sent to someone (rule 7), here or for another
 * subject (elsewhere: rule 11). */
typedef struct mark {
	int64_t contact, at;
	int elsewhere;
} mark;

/* The application's running check-in or nudge (rule 7: one at a time). */
typedef struct stage {
	int on;
	int64_t trigger; /* the event that started it; 0: the application */
	int64_t person;
	int64_t since;   /* when it started */
	size_t cur;      /* the open check-in or nudge */
	int seq;         /* 0: the check-in; k: nudge k */
	int sent;        /* follow-ups sent in this stage */
	int talk;        /* rule 12: after a reply, the conversation's
	                    nudges (counted from the latest message) */
} stage;

typedef struct ctx {
	const fu_rule_subject *s;
	const fu_rule_params *p;
	cand *c;
	size_t n, cap;
	mark *m;
	size_t nm, capm;
	size_t now;                /* the step being replayed */
	int oom;
	int applied;
	int word;                  /* the employer has spoken */
	int terminal;              /* no more check-ins, nudges, closure */
	int rejected;              /* a rejection was logged */
	const fu_event *interview; /* the latest interview */
	const fu_event *closed;    /* the closed event that counts */
	const fu_event *offer;     /* an offer not yet answered or replaced */
	int64_t scheduled;         /* rule 12: a scheduled interview's time,
	                              while it lies ahead; 0 */
	int64_t contact_date;      /* the latest date they promised word by */
	int cdate_day;             /* ... given as a whole day (rule 19) */
	int64_t last_person;       /* rule 15: the person most recently in
	                              touch on the employer's side */
	fu_rule_mark *om;          /* rule 11: this subject's own messages */
	size_t nom, capom;
	stage st;
} ctx;

static int is_app(const ctx *x)
{
	return x->s->application_id != 0;
}

static int param(const ctx *x, int i)
{
	return x->p->v[i];
}

static unsigned flags_of(const cand *c)
{
	return defs[c->rule].flags;
}

/* --- time ------------------------------------------------------------------ */

static int64_t plus_days(int64_t t, int days)
{
	return fu_time_add_days(t, days);
}

/* Rule 8: "+24 h" is the same local time the next day; other counts
 * add whole days for each 24 and the rest as elapsed hours (exported,
 * so that fu stats measures "on time" as the rules do). */
int64_t fu_rules_plus_hours(int64_t t, int hours)
{
	return fu_time_add_days(t, hours / 24) + (int64_t)(hours % 24) * 3600;
}

static int64_t plus_hours(int64_t t, int hours)
{
	return fu_rules_plus_hours(t, hours);
}

/* Decision: dates in reasons show the time only when it is not
 * midnight (a date logged without a time), and the year only when it
 * differs from the year of the action's due. */
static const char *when(char *buf, int64_t t, int64_t ref)
{
	return fu_time_human(buf, t, ref, fu_time_start_of_day(t) != t);
}

/* --- text ------------------------------------------------------------------ */

/* Drop a UTF-8 sequence that truncation cut short at the end of s. */
static void utf8_cut(char *s)
{
	size_t n = strlen(s), i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (i - 1) < need)
		s[i - 1] = '\0';
}

/* Append to a fixed buffer, truncating at a character boundary. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 0)))
#endif
static void vappend(char *buf, size_t len, const char *fmt, va_list ap)
{
	size_t used = strlen(buf);
	if (used + 1 >= len)
		return;
	int w = vsnprintf(buf + used, len - used, fmt, ap);
	if (w < 0)
		buf[used] = '\0';
	else if ((size_t)w >= len - used)
		utf8_cut(buf);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void say(cand *c, const char *fmt, ...)
{
	va_list ap;
	c->a.reason[0] = '\0';
	va_start(ap, fmt);
	vappend(c->a.reason, sizeof c->a.reason, fmt, ap);
	va_end(ap);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void say_more(cand *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vappend(c->a.reason, sizeof c->a.reason, fmt, ap);
	va_end(ap);
}

/* --- people ---------------------------------------------------------------- */

#define NAME_LEN 80

static const fu_rule_contact *contact_of(const ctx *x, int64_t id)
{
	for (size_t i = 0; id && i < x->s->ncontacts; i++)
		if (x->s->contacts[i].id == id)
			return &x->s->contacts[i];
	return NULL;
}

/* A person's name for a reason, on one line; `none` for nobody. */
static const char *name_of(char *buf, const ctx *x, int64_t id,
			   const char *none)
{
	const fu_rule_contact *c = contact_of(x, id);
	if (!id)
		snprintf(buf, NAME_LEN, "%s", none);
	else if (!c || !c->name || !*c->name)
		snprintf(buf, NAME_LEN, "contact #%lld", (long long)id);
	else if ((size_t)snprintf(buf, NAME_LEN, "%s", c->name) >= NAME_LEN)
		utf8_cut(buf);
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return buf;
}

/* The application's first attached contact, or a networking subject's
 * own contact; 0 when there is none. */
static int64_t first_attached(const ctx *x)
{
	if (!is_app(x))
		return x->s->contact_id;
	for (size_t i = 0; i < x->s->ncontacts; i++)
		if (x->s->contacts[i].attached)
			return x->s->contacts[i].id;
	return 0;
}

static int has_attached(const ctx *x)
{
	return is_app(x) && first_attached(x) != 0;
}

static int in_with(const fu_event *e, int64_t id)
{
	for (size_t i = 0; i < e->nwith; i++)
		if (e->with[i] == id)
			return 1;
	return 0;
}

/* The i-th --with person unless named earlier or the subject itself. */
static int64_t with_new(const ctx *x, const fu_event *e, size_t i)
{
	if (e->with[i] == 0 || e->with[i] == x->s->contact_id)
		return 0;
	for (size_t j = 0; j < i; j++)
		if (e->with[j] == e->with[i])
			return 0;
	return e->with[i];
}

/* Who an employer-side event came from: --with, else the networking
 * contact, else the application's first attached contact. */
static int64_t from_whom(const ctx *x, const fu_event *e)
{
	if (e && e->nwith && e->with[0])
		return e->with[0];
	return first_attached(x);
}

/* Who a rejection is answered to: its --with, else the last
 * interviewer, else the first attached contact. */
static int64_t rejecter(const ctx *x, const fu_event *e)
{
	if (e && e->nwith && e->with[0])
		return e->with[0];
	if (x->interview && x->interview->nwith && x->interview->with[0])
		return x->interview->with[0];
	return first_attached(x);
}

/* --- channels (rules 2, 3, 4) ---------------------------------------------- */

static int calls_ok(const ctx *x, const fu_rule_contact *c)
{
	return !x->s->no_calls && !(c && c->no_calls);
}

/* Decision: when email is the choice but only a phone number is known
 * (and calls are allowed), call; when phone is the choice but only an
 * email address is known, write. */
static fu_channel reachable(const ctx *x, const fu_rule_contact *c,
			    fu_channel ch)
{
	if (!c)
		return ch;
	if (ch == FU_CH_EMAIL && !c->has_email && c->has_phone &&
	    calls_ok(x, c))
		return FU_CH_PHONE;
	if (ch == FU_CH_PHONE && !c->has_phone && c->has_email)
		return FU_CH_EMAIL;
	return ch;
}

/* The channel the contact asked for, when the constraints allow it;
 * FU_CH_NONE otherwise (also for in-person, which is not a way to send
 * a message). */
static fu_channel preferred(const ctx *x, const fu_rule_contact *c)
{
	if (!c)
		return FU_CH_NONE;
	switch (c->prefers) {
	case FU_CH_EMAIL:
		return FU_CH_EMAIL;
	case FU_CH_PHONE:
		return calls_ok(x, c) ? FU_CH_PHONE : FU_CH_NONE;
	case FU_CH_LETTER:
		return c->has_address ? FU_CH_LETTER : FU_CH_NONE;
	case FU_CH_SOCIAL:
		return c->social_ok ? FU_CH_SOCIAL : FU_CH_NONE;
	default:
		return FU_CH_NONE;
	}
}

/* Rule 14: a letter only where it arrives in time and is customary. */
static int letter_ok(fu_action_kind rule)
{
	return rule == FU_ACT_THANK_YOU || rule == FU_ACT_REJECTION_RESPONSE ||
	       rule == FU_ACT_WITHDRAW_NOTICE || rule == FU_ACT_DECLINE_OFFER;
}

static fu_channel pick_channel(const ctx *x, fu_action_kind rule, int64_t id)
{
	const fu_rule_contact *c = contact_of(x, id);
	fu_channel ch = preferred(x, c);
	if (ch == FU_CH_LETTER && !letter_ok(rule))
		ch = FU_CH_NONE;
	if (defs[rule].flags & K_WRITTEN)
		return ch == FU_CH_PHONE || ch == FU_CH_NONE ? FU_CH_EMAIL : ch;
	return ch != FU_CH_NONE ? ch : reachable(x, c, FU_CH_EMAIL);
}

/* Rule 14: nudges alternate phone and email relative to the previous
 * follow-up (the channel the user logged on the sent, else the one
 * suggested), starting from the preferred channel: so a check-in by
 * email is followed by a call, then email again, and a contact who
 * prefers the phone gets a call, then an e-mail. A letter is no way to
 * nudge (it is email then); "no calls" and a contact reachable one way
 * only keep to that way; social media, when preferred and fine, stays. */
static fu_channel nudge_channel(const ctx *x, int64_t id, fu_channel prev)
{
	const fu_rule_contact *c = contact_of(x, id);
	fu_channel base = preferred(x, c);
	if (base == FU_CH_SOCIAL)
		return base;
	if (base != FU_CH_PHONE)
		base = FU_CH_EMAIL;
	if (!calls_ok(x, c))
		return FU_CH_EMAIL;
	fu_channel other = base == FU_CH_PHONE ? FU_CH_EMAIL : FU_CH_PHONE;
	return reachable(x, c, prev == base ? other : base);
}

/* --- raising actions --------------------------------------------------------- */

/* Raise an action with an explicit window; its index, or -1 when it is
 * not raised (rule 1, or out of memory). */
static int raise_at(ctx *x, fu_action_kind rule, int64_t who, int64_t trigger, int seq,
		    int64_t nb, int64_t due)
{
	if (x->s->no_follow_up && (defs[rule].flags & K_PERSIST))
		return -1;
	if (x->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 16;
		cand *p = realloc(x->c, cap * sizeof *p);
		if (!p) {
			x->oom = 1;
			return -1;
		}
		x->c = p;
		x->cap = cap;
	}
	cand *c = &x->c[x->n];
	memset(c, 0, sizeof *c);
	c->rule = rule;
	c->born = x->now;
	c->state = C_OPEN;
	fu_action *a = &c->a;
	a->kind = rule;
	a->rule = rules[rule].id;
	a->application_id = x->s->application_id;
	a->contact_id = who;
	a->channel = defs[rule].flags & K_MESSAGE ? pick_channel(x, rule, who)
						   : FU_CH_NONE;
	a->not_before = nb;
	a->due = due < nb ? nb : due;
	a->trigger_event_id = trigger;
	a->seq = seq;
	/* Keys are unique across subjects: an event's number is; what the
	 * application itself raised (trigger 0) names the application
	 * ("a12"). */
	char trig[32];
	if (trigger || !is_app(x))
		snprintf(trig, sizeof trig, "%lld", (long long)trigger);
	else
		snprintf(trig, sizeof trig, "a%lld",
			 (long long)x->s->application_id);
	if (seq)
		snprintf(a->key, sizeof a->key, "%s:%s:%lld:%d",
			 fu_action_kind_name(a->kind), trig, (long long)who,
			 seq);
	else
		snprintf(a->key, sizeof a->key, "%s:%s:%lld",
			 fu_action_kind_name(a->kind), trig, (long long)who);
	c->first_due = a->due;
	return (int)x->n++;
}

/* The due that goes with not_before nb for a K_LENGTH rule. */
static int64_t due_after(const ctx *x, fu_action_kind rule, int64_t nb)
{
	return plus_days(nb, param(x, defs[rule].to));
}

/* Raise an action whose window the rule's table entry gives from t. */
static int raise_from(ctx *x, fu_action_kind rule, int64_t who, int64_t trigger,
		      int64_t t)
{
	const rule_def *d = &defs[rule];
	int64_t nb = d->from < 0 ? t : plus_days(t, param(x, d->from));
	int64_t base = d->flags & K_LENGTH ? nb : t;
	int64_t due = d->flags & K_HOURS ? plus_hours(base, param(x, d->to))
					 : plus_days(base, param(x, d->to));
	return raise_at(x, rule, who, trigger, 0, nb, due);
}

/* Cancel the open actions of a rule raised before this step (for one
 * person, or anyone when who is -1). */
static void cancel(ctx *x, fu_action_kind rule, int64_t who)
{
	for (size_t i = 0; i < x->n; i++) {
		cand *c = &x->c[i];
		if (c->state == C_OPEN && c->rule == rule && c->born < x->now &&
		    (who < 0 || c->a.contact_id == who))
			c->state = C_CANCELLED;
	}
}

static void add_mark(ctx *x, int64_t who, int64_t at, int elsewhere)
{
	if (!who)
		return;
	if (x->nm == x->capm) {
		size_t cap = x->capm ? 2 * x->capm : 16;
		mark *p = realloc(x->m, cap * sizeof *p);
		if (!p) {
			x->oom = 1;
			return;
		}
		x->m = p;
		x->capm = cap;
	}
	x->m[x->nm++] = (mark){ who, at, elsewhere };
}

/* --- the stage: one check-in or nudge at a time (rules 5, 7, 10) ----------- */

/* Note that constraint n of RULES.md shaped an action (fu due --why). */
static void shaped(cand *c, int n)
{
	c->a.constraints |= 1u << n;
}

/* Rule 11: a message this subject's replay recognised, for the other
 * subjects that share the person. */
static void own_mark(ctx *x, int64_t who, const fu_event *e, int courtesy)
{
	if (!who)
		return;
	for (size_t i = 0; i < x->nom; i++)
		if (x->om[i].contact_id == who && x->om[i].event_id == e->id) {
			x->om[i].courtesy &= courtesy;
			return;
		}
	if (x->nom == x->capom) {
		size_t cap = x->capom ? 2 * x->capom : 8;
		fu_rule_mark *p = realloc(x->om, cap * sizeof *p);
		if (!p) {
			x->oom = 1;
			return;
		}
		x->om = p;
		x->capom = cap;
	}
	x->om[x->nom++] = (fu_rule_mark){ who, e->at, e->id, courtesy, e->ord };
}

/* The person most recently in touch on the employer's side (rule 15):
 * whoever an event names, else the first attached contact. */
static int64_t last_person(const ctx *x)
{
	return x->last_person ? x->last_person : first_attached(x);
}

/* --- the stage: one check-in or nudge at a time (rules 5, 7, 10, 12) ----- */

static void stage_end(ctx *x)
{
	if (x->st.on && x->c[x->st.cur].state == C_OPEN)
		x->c[x->st.cur].state = C_CANCELLED;
	x->st.on = 0;
}

/* What happened at the start of a stage, for its reasons. */
static const char *told(char *buf, size_t len, const ctx *x,
			const fu_event *e)
{
	char who[NAME_LEN];
	if (!e) {
		snprintf(buf, len, "you applied");
		return buf;
	}
	name_of(who, x, from_whom(x, e), "they");
	switch (e->kind) {
	case FU_EV_INTERVIEW:
		if (e->nwith)
			snprintf(buf, len, "you interviewed with %s", who);
		else
			snprintf(buf, len, "you interviewed");
		break;
	case FU_EV_MEETING:
		snprintf(buf, len, "you met %s", who);
		break;
	case FU_EV_TIMELINE:
		snprintf(buf, len, "%s gave a timeline", who);
		break;
	default:
		snprintf(buf, len, "%s replied", who);
		break;
	}
	return buf;
}

static void stage_reason(ctx *x, cand *c, const fu_event *e, int64_t at,
			 int64_t cdate)
{
	char what[2 * NAME_LEN], who[NAME_LEN], d1[FU_HUMAN_LEN],
		d2[FU_HUMAN_LEN];
	int iv = c->rule == FU_ACT_INTERVIEW_CHECK_IN;
	told(what, sizeof what, x, e);
	name_of(who, x, c->a.contact_id, "them");
	when(d1, at, c->a.due);
	if (cdate) {
		say(c, "%s on %s; they said they would get back to you by "
		    "%s: check in with %s %d-%d days after that date", what,
		    d1, when(d2, cdate, c->a.due), who,
		    param(x, FU_P_PROMISE_MIN_DAYS),
		    param(x, FU_P_PROMISE_MAX_DAYS));
		return;
	}
	if (c->rule == FU_ACT_NUDGE) {
		say(c, "%s on %s and nothing since: keep the conversation "
		    "going with %s %d days after the latest message", what,
		    d1, who, param(x, FU_P_NUDGE_DAYS));
		return;
	}
	int lo = param(x, iv ? FU_P_INTERVIEW_CHECKIN_MIN_DAYS
			     : FU_P_APP_CHECKIN_MIN_DAYS);
	int hi = param(x, iv ? FU_P_INTERVIEW_CHECKIN_MAX_DAYS
			     : FU_P_APP_CHECKIN_MAX_DAYS);
	say(c, "%s on %s and %s; check in with %s %d-%d days %s", what,
	    d1, e ? "no word since" : "no reply yet", who, lo, hi,
	    !e ? "after applying" : iv && e->kind == FU_EV_INTERVIEW
	    ? "after the interview" : "later");
}

/* The window after a contact date (rule 5): a date given as a whole day
 * has passed when the next day begins (rule 19). */
static void after_promise(const ctx *x, int64_t cdate, int whole_day,
			  int64_t *nb, int64_t *due)
{
	*nb = plus_days(cdate, param(x, FU_P_PROMISE_MIN_DAYS));
	*due = plus_days(cdate, param(x, FU_P_PROMISE_MAX_DAYS) +
			 (whole_day ? 1 : 0));
}

/*
 * Start a stage at `at` (e: the event, NULL for applying).
 *
 * Rule 12: the application check-in is asked once, before the employer
 * has answered; after an interview, the interview check-in; after any
 * other word from them (talk), the conversation goes on at the nudge
 * cadence, counted from the latest message either way, or, when they
 * named a date, 1-2 days after it. Nothing is chased before a scheduled
 * interview (it starts its own stage when it happens).
 *
 * Decision: every word from the employer (reply, timeline, interview,
 * meeting) restarts the stage from that word (rule 5, "the clock
 * restarts"); the contact date they named (--expect on the interview,
 * meeting, reply or timeline) is kept while it lies ahead. The follow-up
 * goes to whoever spoke (--with), else the last interviewer, else the
 * first attached contact; an application-check-in and a conversation
 * need such a person (find-contact covers the rest), an
 * interview-check-in is raised even with nobody known (contact 0).
 */
static void stage_start(ctx *x, const fu_event *e, int64_t at, int talk)
{
	x->st.on = 0;
	if (!is_app(x) || x->terminal || x->scheduled > at)
		return;
	int iv = x->interview != NULL;
	if (!iv && !x->applied && !talk)
		return;
	int64_t who = e && e->nwith && e->with[0] ? e->with[0]
		: iv && x->interview->nwith ? x->interview->with[0]
		: first_attached(x);
	if (!who && (!iv || talk))
		return;
	int64_t trig = e ? e->id : 0;
	/* a whole day named is ahead until it ends (rule 19): "--expect
	 * fri" on a Friday afternoon is still today's promise */
	int64_t cdate = (x->cdate_day ? plus_days(x->contact_date, 1)
			 : x->contact_date) > at ? x->contact_date : 0;
	fu_action_kind rule = !talk ? (iv ? FU_ACT_INTERVIEW_CHECK_IN
					  : FU_ACT_APP_CHECK_IN)
			    : iv && cdate ? FU_ACT_INTERVIEW_CHECK_IN
			    : FU_ACT_NUDGE;
	int seq = rule == FU_ACT_NUDGE ? 1 : 0;
	int i;
	if (cdate) {
		int64_t nb, due;
		after_promise(x, cdate, x->cdate_day, &nb, &due);
		i = raise_at(x, rule, who, trig, seq, nb, due);
	} else if (rule == FU_ACT_NUDGE) {
		int64_t nb = plus_days(at, param(x, FU_P_NUDGE_DAYS));
		i = raise_at(x, rule, who, trig, seq, nb,
			     due_after(x, rule, nb));
	} else {
		i = raise_from(x, rule, who, trig, at);
	}
	if (i < 0)
		return;
	cand *c = &x->c[i];
	if (talk)
		shaped(c, 12);
	if (cdate)
		shaped(c, 5);
	if (rule == FU_ACT_NUDGE)
		c->a.channel = nudge_channel(x, who, FU_CH_NONE);
	stage_reason(x, c, e, at, cdate);
	x->st = (stage){ .on = 1, .trigger = trig, .person = who, .since = at,
			 .cur = (size_t)i, .seq = seq, .talk = talk && !cdate };
}

/* Rule 5: word from the employer's side cancels what waited for it. */
static void employer_spoke(ctx *x)
{
	x->word = 1;
	if (!is_app(x))
		return;
	stage_end(x);
	cancel(x, FU_ACT_FIND_CONTACT, -1);
	cancel(x, FU_ACT_CLOSURE, -1);
}

/* What the closure suggests (000 "Closure"): withdraw when employed,
 * else keep going, at the nudges' pace when they are running. */
static void closure_tail(ctx *x, cand *c, int nudging)
{
	if (x->p->employed)
		say_more(c, "; you are employed: consider withdrawing, with "
			 "a courtesy note");
	else if (nudging)
		say_more(c, "; you are not employed: keep your name in and "
			 "keep following up every %d days",
			 param(x, FU_P_NUDGE_DAYS));
	else
		say_more(c, "; you are not employed: you may keep your name "
			 "in while you pursue other leads");
}

static int raise_closure(ctx *x, int64_t trigger, int64_t nb)
{
	nb = fu_time_business_day(nb);
	return raise_at(x, FU_ACT_CLOSURE, 0, trigger, 0, nb,
			due_after(x, FU_ACT_CLOSURE, nb));
}

/* The N-th unanswered follow-up of the stage: time to decide. */
static void closure_by_count(ctx *x, int64_t at, int64_t trigger)
{
	char who[NAME_LEN], d[FU_HUMAN_LEN];
	int i = raise_closure(x, trigger,
			      plus_days(at, param(x, FU_P_NUDGE_DAYS)));
	if (i < 0)
		return;
	cand *c = &x->c[i];
	say(c, "%d follow-up%s to %s since %s without a reply", x->st.sent,
	    x->st.sent == 1 ? "" : "s", name_of(who, x, x->st.person, "them"),
	    when(d, x->st.since, c->a.due));
	closure_tail(x, c, 1);
}

/* The stage's check-in or nudge was answered at `at` (by a sent of this
 * subject, event ev, over channel ch; or by a message to the same
 * person logged elsewhere, rule 11): the next nudge. */
static void stage_advance(ctx *x, int64_t at, fu_channel ch, int64_t ev)
{
	char who[NAME_LEN], d[FU_HUMAN_LEN];
	fu_channel prev = ch == FU_CH_EMAIL || ch == FU_CH_PHONE
		? ch : x->c[x->st.cur].a.channel;
	x->st.sent++;
	/* Decision: your next follow-up after a closure point settles the
	 * closure (you chose to keep going). */
	for (size_t i = 0; i < x->n; i++) {
		cand *c = &x->c[i];
		if (c->rule == FU_ACT_CLOSURE && c->state == C_OPEN &&
		    c->born < x->now && c->a.not_before <= at)
			c->state = C_DONE;
	}
	if (x->st.sent == param(x, FU_P_CLOSURE_FOLLOW_UPS))
		closure_by_count(x, at, ev);
	int64_t nb = plus_days(at, param(x, FU_P_NUDGE_DAYS));
	int i = raise_at(x, FU_ACT_NUDGE, x->st.person, x->st.trigger,
			 x->st.seq + 1, nb, due_after(x, FU_ACT_NUDGE, nb));
	if (i < 0) {
		x->st.on = 0;
		return;
	}
	cand *c = &x->c[i];
	c->a.channel = nudge_channel(x, x->st.person, prev);
	shaped(c, 14);
	say(c, "no reply to your follow-up to %s on %s; nudge #%d, %d days "
	    "on, by %s, worded differently from the last",
	    name_of(who, x, x->st.person, "them"), when(d, at, c->a.due),
	    x->st.seq + 1, param(x, FU_P_NUDGE_DAYS),
	    fu_channel_name(c->a.channel));
	x->st.cur = (size_t)i;
	x->st.seq++;
}

/* --- events ---------------------------------------------------------------- */

static void acknowledge(ctx *x, const fu_event *e, int64_t who,
			const char *what)
{
	char name[NAME_LEN], d[FU_HUMAN_LEN];
	int i = raise_from(x, FU_ACT_ACKNOWLEDGE, who, e->id, e->at);
	if (i < 0)
		return;
	say(&x->c[i], "%s %s on %s; a brief acknowledgement with your "
	    "contact details within %d hours", name_of(name, x, who, "they"),
	    what, when(d, e->at, x->c[i].a.due), param(x, FU_P_ACK_HOURS));
	if (e->kind == FU_EV_OFFER || e->kind == FU_EV_HELP_PROMISED)
		shaped(&x->c[i], 16);
}

static void thank_one(ctx *x, const fu_event *e, int64_t who)
{
	char name[NAME_LEN], d[FU_HUMAN_LEN];
	int i = raise_from(x, FU_ACT_THANK_YOU, who, e->id, e->at);
	if (i < 0)
		return;
	cand *c = &x->c[i];
	name_of(name, x, who, "");
	when(d, e->at, c->a.due);
	if (!who)
		say(c, "you %s on %s, with nobody named; a separate "
		    "thank-you to each person within %d hours",
		    e->kind == FU_EV_INTERVIEW ? "interviewed" : "had a meeting",
		    d, param(x, FU_P_THANK_YOU_HOURS));
	else
		say(c, "you %s %s on %s; a thank-you within %d hours",
		    e->kind == FU_EV_INTERVIEW ? "interviewed with" : "met",
		    name, d, param(x, FU_P_THANK_YOU_HOURS));
	/* Rule 14: a letter only when no decision is expected before it
	 * could arrive. */
	int64_t decision = e->expect_at ? e->expect_at : x->contact_date;
	if (c->a.channel == FU_CH_LETTER && decision > e->at &&
	    decision <= plus_days(e->at,
				  param(x, FU_P_LETTER_DECISION_DAYS))) {
		c->a.channel = FU_CH_EMAIL;
		shaped(c, 14);
		say_more(c, "; by e-mail, as they decide within %d days",
			 param(x, FU_P_LETTER_DECISION_DAYS));
	}
}

/* A thank-you to each person met: the --with people and, for a
 * networking subject, its contact. Decision: with nobody named on an
 * application, the first attached contact, else one to contact 0. */
static void thank_all(ctx *x, const fu_event *e)
{
	int any = 0;
	if (!is_app(x) && x->s->contact_id) {
		thank_one(x, e, x->s->contact_id);
		any = 1;
	}
	for (size_t i = 0; i < e->nwith; i++) {
		int64_t who = with_new(x, e, i);
		if (who) {
			thank_one(x, e, who);
			any = 1;
		}
	}
	if (!any)
		thank_one(x, e, first_attached(x));
}

static void on_applied(ctx *x, int64_t at)
{
	char d[FU_HUMAN_LEN];
	if (x->applied)
		return; /* only the first application counts */
	x->applied = 1;
	if (!is_app(x) || x->terminal)
		return;
	if (!has_attached(x)) {
		int i = raise_from(x, FU_ACT_FIND_CONTACT, 0, 0, at);
		if (i >= 0)
			say(&x->c[i], "applied on %s with no known contact; "
			    "find who hires for the role (e.g. who posted it)",
			    when(d, at, x->c[i].a.due));
	}
	if (!has_attached(x) && x->s->source == FU_SRC_BOARD) {
		int i = raise_closure(x, 0, plus_days(at,
					param(x, FU_P_BOARD_SILENCE_DAYS)));
		if (i >= 0) {
			say(&x->c[i], "applied via a job board on %s, no "
			    "contact and no reply in %d days", when(d, at,
			    x->c[i].a.due), param(x, FU_P_BOARD_SILENCE_DAYS));
			closure_tail(x, &x->c[i], 0);
		}
	}
	if (!x->st.on && !x->word)
		stage_start(x, NULL, at, 0);
}

/* Whether an interview or meeting was logged before it happened: then
 * it was scheduled at the time it was logged (rule 12). */
static int scheduled(const ctx *x, const fu_event *e)
{
	return is_app(x) && e->created_at && e->at > e->created_at &&
	       (e->kind == FU_EV_INTERVIEW || e->kind == FU_EV_MEETING);
}

/*
 * Rule 12: an interview or meeting logged before it happens is word from
 * the employer (it was arranged) when it was logged: nothing is chased
 * until it happens, and preparing for it is due before it (002: know the
 * names, titles and addresses of everyone you will meet, how they like to
 * be reached, and ask about the timeline). The note lapses when the
 * interview begins.
 */
static void on_scheduled(ctx *x, const fu_event *e)
{
	char name[NAME_LEN], d[FU_HUMAN_LEN];
	employer_spoke(x);
	if (e->at > x->scheduled)
		x->scheduled = e->at;
	int64_t nb = plus_days(fu_time_start_of_day(e->at),
			       -param(x, FU_P_PREPARE_DAYS));
	if (nb < e->created_at)
		nb = e->created_at;
	int i = raise_at(x, FU_ACT_PREPARE, 0, e->id, 0, nb, e->at);
	if (i < 0)
		return;
	cand *c = &x->c[i];
	c->a.expires = e->at;
	shaped(c, 12);
	name_of(name, x, from_whom(x, e), "them");
	say(c, "your %s%s%s on %s is arranged; before it, learn who you will "
	    "meet (names, titles, how each likes to be reached) and plan to "
	    "ask about the timeline",
	    e->kind == FU_EV_INTERVIEW ? "interview" : "meeting",
	    e->nwith ? " with " : "", e->nwith ? name : "",
	    when(d, e->at, c->a.due));
	if (e->nwith > 1)
		say_more(c, " (%zu people)", e->nwith);
}

/* The interview or meeting happens: nothing waits for it any more. (Its
 * preparation stays until then, and lapses as it begins: expires.) */
static void happened(ctx *x, const fu_event *e)
{
	if (x->scheduled && x->scheduled <= e->at)
		x->scheduled = 0;
}

static void on_interview(ctx *x, const fu_event *e)
{
	happened(x, e);
	employer_spoke(x);
	if (is_app(x)) {
		x->interview = e;
		x->contact_date = e->expect_at;
		x->cdate_day = e->expect_day;
	}
	thank_all(x, e);
	stage_start(x, e, e->at, 0);
}

/* Decision: a meeting logged on an application (coffee with the hiring
 * manager) is word from the employer's side like an interview (rule 5):
 * it restarts the check-in, and its --expect sets the contact date. */
static void on_meeting(ctx *x, const fu_event *e)
{
	happened(x, e);
	employer_spoke(x);
	if (e->expect_at) {
		x->contact_date = e->expect_at;
		x->cdate_day = e->expect_day;
	}
	thank_all(x, e);
	stage_start(x, e, e->at, 0);
}

/* Rule 15: a help reminder ends when the helper does what they promised
 * (an introduction from them, a reply from them). */
static void helper_delivered(ctx *x, int64_t who)
{
	if (!who)
		return;
	for (size_t i = 0; i < x->n; i++) {
		cand *c = &x->c[i];
		if (c->state == C_OPEN && c->rule == FU_ACT_HELP_REMINDER &&
		    c->a.contact_id == who && c->born < x->now)
			c->state = C_DONE;
	}
}

/* Decision: a reply acknowledges always; a timeline only when it came
 * from a person (--with, or on a networking contact). A reply or
 * timeline from a person also makes a pending connect or
 * intro-reach-out to them moot (they wrote first), and ends a help
 * reminder to them (rule 15). */
static void on_reply(ctx *x, const fu_event *e)
{
	int64_t from = from_whom(x, e);
	if (from) {
		for (size_t i = 0; i < x->n; i++) {
			cand *c = &x->c[i];
			if (c->state == C_OPEN && c->a.contact_id == from &&
			    (flags_of(c) & K_ANSWERED))
				c->state = C_CANCELLED;
		}
		helper_delivered(x, from);
	}
	if (e->kind == FU_EV_REPLY || e->nwith || !is_app(x))
		acknowledge(x, e, from, e->kind == FU_EV_REPLY ? "replied"
							       : "gave a timeline");
	if (!is_app(x))
		return;
	employer_spoke(x);
	if (e->expect_at) {
		x->contact_date = e->expect_at;
		x->cdate_day = e->expect_day;
	}
	stage_start(x, e, e->at, 1);
}

static void on_met(ctx *x, const fu_event *e)
{
	char who[NAME_LEN], d[FU_HUMAN_LEN];
	for (size_t k = 0; k <= e->nwith; k++) {
		int64_t id = k == 0 ? (is_app(x) ? 0 : x->s->contact_id)
				    : with_new(x, e, k - 1);
		if (!id)
			continue;
		int i = raise_from(x, FU_ACT_CONNECT, id, e->id, e->at);
		if (i >= 0)
			say(&x->c[i], "you met %s on %s; remind them of it and "
			    "suggest a next step within %d-%d days",
			    name_of(who, x, id, ""),
			    when(d, e->at, x->c[i].a.due),
			    param(x, FU_P_CONNECT_MIN_DAYS),
			    param(x, FU_P_CONNECT_MAX_DAYS));
	}
}

/* Decision: on an application the introducer is unknown, so only the
 * reach-out is raised; an intro that names nobody new raises one
 * reach-out to contact 0. An intro logged on the person who promised
 * to make it is their help delivered (rule 15). */
static void on_intro(ctx *x, const fu_event *e)
{
	char by[NAME_LEN], to[NAME_LEN], d[FU_HUMAN_LEN];
	int64_t intro = is_app(x) ? 0 : x->s->contact_id;
	int64_t first = 0;
	for (size_t k = 0; k < e->nwith && !first; k++)
		first = with_new(x, e, k);
	helper_delivered(x, intro);
	name_of(by, x, intro, "someone");
	name_of(to, x, first, "a new contact");
	if (intro) {
		int i = raise_from(x, FU_ACT_INTRO_THANKS, intro, e->id, e->at);
		if (i >= 0)
			say(&x->c[i], "%s introduced you to %s on %s; thank "
			    "%s within %d days", by, to,
			    when(d, e->at, x->c[i].a.due), by,
			    param(x, FU_P_INTRO_DAYS));
	}
	if (!first) {
		int i = raise_from(x, FU_ACT_INTRO_REACH_OUT, 0, e->id, e->at);
		if (i >= 0)
			say(&x->c[i], "%s introduced you to someone on %s; "
			    "write who you are and why, and suggest a call, "
			    "within %d days", by, when(d, e->at, x->c[i].a.due),
			    param(x, FU_P_INTRO_DAYS));
		return;
	}
	for (size_t k = 0; k < e->nwith; k++) {
		int64_t id = with_new(x, e, k);
		if (!id)
			continue;
		int i = raise_from(x, FU_ACT_INTRO_REACH_OUT, id, e->id, e->at);
		if (i >= 0)
			say(&x->c[i], "%s introduced you to %s on %s; write "
			    "who you are and why, and suggest a call, within "
			    "%d days", by, name_of(to, x, id, ""),
			    when(d, e->at, x->c[i].a.due),
			    param(x, FU_P_INTRO_DAYS));
	}
}

/*
 * Decision: the promised date is --expect (what fu log stores), else
 * --until; the reminder opens the day after it. Urgent: the sooner of
 * that and rules.help-reminder.urgent-days after they agreed.
 */
static void help_one(ctx *x, const fu_event *e, int64_t who)
{
	char name[NAME_LEN], d1[FU_HUMAN_LEN], d2[FU_HUMAN_LEN];
	int64_t promised = e->expect_at ? e->expect_at : e->until_at;
	int64_t after = promised ? plus_days(promised, 1) : 0;
	int64_t nb = e->urgent ? plus_days(e->at, param(x, FU_P_HELP_URGENT_DAYS))
		: after ? after : plus_days(e->at, param(x, FU_P_HELP_DAYS));
	if (e->urgent && after && after < nb)
		nb = after;
	if (nb < e->at)
		nb = e->at;
	acknowledge(x, e, who, "agreed to help");
	int i = raise_at(x, FU_ACT_HELP_REMINDER, who, e->id, 0, nb,
			 due_after(x, FU_ACT_HELP_REMINDER, nb));
	if (i < 0)
		return;
	cand *c = &x->c[i];
	say(c, "%s agreed to help on %s", name_of(name, x, who, "someone"),
	    when(d1, e->at, c->a.due));
	if (promised)
		say_more(c, " and promised it by %s",
			 when(d2, promised, c->a.due));
	if (e->urgent)
		say_more(c, "; you marked it urgent: a reminder after %d days "
			 "that says briefly why it is time-sensitive",
			 param(x, FU_P_HELP_URGENT_DAYS));
	else if (promised)
		say_more(c, "; a gentle reminder once that date has passed");
	else
		say_more(c, ", no date given; a gentle reminder after %d days",
			 param(x, FU_P_HELP_DAYS));
}

static void on_help(ctx *x, const fu_event *e)
{
	if (!is_app(x)) {
		help_one(x, e, x->s->contact_id);
		return;
	}
	int any = 0;
	for (size_t k = 0; k < e->nwith; k++) {
		int64_t who = with_new(x, e, k);
		if (who) {
			help_one(x, e, who);
			any = 1;
		}
	}
	if (!any)
		help_one(x, e, first_attached(x));
}

/* Rule 16: an offer is acknowledged (thanks, and when you will answer)
 * and reviewed before it is answered. */
static void on_offer(ctx *x, const fu_event *e)
{
	char d1[FU_HUMAN_LEN], d2[FU_HUMAN_LEN];
	employer_spoke(x);
	x->terminal = 1; /* Decision: an offer ends the check-ins */
	cancel(x, FU_ACT_OFFER_REVIEW, -1); /* a newer offer replaces the older */
	x->offer = e;
	int64_t who = e->nwith ? e->with[0] : 0;
	int64_t deadline = e->until_at && e->until_day
		? plus_days(e->until_at, 1) : e->until_at;
	if (who || last_person(x))
		acknowledge(x, e, who ? who : last_person(x), "made you an offer");
	int i = deadline > e->at
		? raise_at(x, FU_ACT_OFFER_REVIEW, who, e->id, 0, e->at, deadline)
		: raise_from(x, FU_ACT_OFFER_REVIEW, who, e->id, e->at);
	if (i < 0)
		return;
	cand *c = &x->c[i];
	if (deadline > e->at)
		say(c, "an offer on %s; review salary range and benefits and "
		    "answer by their deadline, %s", when(d1, e->at, c->a.due),
		    when(d2, e->until_at, c->a.due));
	else
		say(c, "an offer on %s with no deadline named; take %d days "
		    "to review salary range and benefits before answering",
		    when(d1, e->at, c->a.due), param(x, FU_P_OFFER_DAYS));
}

static void rejection_response(ctx *x, const fu_event *e, int64_t at,
			       int64_t who, const char *how)
{
	char name[NAME_LEN], d[FU_HUMAN_LEN];
	int i = raise_from(x, FU_ACT_REJECTION_RESPONSE, who, e ? e->id : 0,
			   at);
	if (i >= 0)
		say(&x->c[i], "%s on %s; thank %s for the opportunity and ask "
		    "to be kept in mind, within %d days", how,
		    when(d, at, x->c[i].a.due), name_of(name, x, who, ""),
		    param(x, FU_P_REJECTION_DAYS));
}

/* Decision: a rejection also replaces pending thank-yous and
 * acknowledgements (the rejection-response thanks them); with nobody
 * known to answer, no rejection-response is raised. */
static void on_rejection(ctx *x, const fu_event *e)
{
	employer_spoke(x);
	x->terminal = 1;
	x->rejected = 1;
	x->offer = NULL;
	cancel(x, FU_ACT_OFFER_REVIEW, -1);
	cancel(x, FU_ACT_THANK_YOU, -1);
	cancel(x, FU_ACT_ACKNOWLEDGE, -1);
	cancel(x, FU_ACT_PREPARE, -1);
	int64_t who = rejecter(x, e);
	if (who)
		rejection_response(x, e, e->at, who, "turned down");
}

/* An open (or done) courtesy of this kind, or -1. */
static int courtesy_of(const ctx *x, fu_action_kind rule, int done)
{
	for (size_t i = 0; i < x->n; i++)
		if (x->c[i].rule == rule &&
		    (x->c[i].state == C_OPEN ||
		     (done && x->c[i].state == C_DONE)))
			return (int)i;
	return -1;
}

/* Rule 15: the courtesy a closing owes (declining an offer, withdrawing),
 * unless it was sent or is already owed (then it survives the close). */
static void closing_courtesy(ctx *x, const fu_event *e, int64_t at,
			     fu_action_kind rule)
{
	char name[NAME_LEN], d[FU_HUMAN_LEN];
	int i = courtesy_of(x, rule, 1);
	if (i >= 0) {
		x->c[i].keep_closed = 1;
		return;
	}
	int64_t who = rule == FU_ACT_DECLINE_OFFER && x->offer &&
		x->offer->nwith ? x->offer->with[0] : last_person(x);
	if (!who)
		return;
	if ((i = raise_from(x, rule, who, e ? e->id : 0, at)) < 0)
		return;
	cand *c = &x->c[i];
	c->keep_closed = 1;
	shaped(c, 15);
	if (rule == FU_ACT_DECLINE_OFFER)
		say(c, "you declined their offer on %s; thank %s for it and "
		    "decline graciously, keeping the door open, within %d days",
		    when(d, at, c->a.due), name_of(name, x, who, ""),
		    param(x, FU_P_DECLINE_DAYS));
	else
		say(c, "you withdrew on %s; a courteous note to %s within %d "
		    "days", when(d, at, c->a.due), name_of(name, x, who, ""),
		    param(x, FU_P_WITHDRAW_DAYS));
}

/* Decision: only the latest closed event counts (an application may
 * have been reopened); closing as rejected answers like a logged
 * rejection unless one was logged already; closing as withdrawn or
 * declined owes its courtesy (rule 15). */
static void on_closed(ctx *x, const fu_event *e, int64_t at)
{
	x->terminal = 1;
	stage_end(x);
	switch (x->s->outcome) {
	case FU_OUT_REJECTED:
		if (!x->rejected) {
			int64_t who = rejecter(x, e);
			if (who)
				rejection_response(x, e, at, who,
						   "closed as rejected");
		}
		break;
	case FU_OUT_WITHDRAWN:
		closing_courtesy(x, e, at, FU_ACT_WITHDRAW_NOTICE);
		break;
	case FU_OUT_DECLINED:
		closing_courtesy(x, e, at, FU_ACT_DECLINE_OFFER);
		break;
	default:
		break;
	}
}

/* Decision: the posting's closure counts only for an application that
 * was applied to or heard from. */
static void on_posting_closed(ctx *x, const fu_event *e)
{
	char d[FU_HUMAN_LEN];
	if (!is_app(x) || x->terminal || !(x->applied || x->word))
		return;
	int i = raise_closure(x, e->id, plus_days(e->at,
				param(x, FU_P_POSTING_CLOSED_DAYS)));
	if (i < 0)
		return;
	say(&x->c[i], "the posting came down on %s and no word in %d days",
	    when(d, e->at, x->c[i].a.due),
	    param(x, FU_P_POSTING_CLOSED_DAYS));
	closure_tail(x, &x->c[i], x->st.on);
}

/*
 * A job accepted elsewhere (rule 15): an offer still open here is
 * declined; otherwise one withdrawal, to the person most recently in
 * touch. Decision: only an application applied to or heard from owes
 * it; with nobody known, one with no contact and no channel (withdraw
 * through the posting or the portal). It ends the check-ins and the
 * offer's review (the answer is now no).
 */
static void on_accepted(ctx *x, int64_t at)
{
	char name[NAME_LEN], d[FU_HUMAN_LEN];
	if (!is_app(x) || !(x->applied || x->word))
		return;
	stage_end(x);
	cancel(x, FU_ACT_FIND_CONTACT, -1);
	cancel(x, FU_ACT_CLOSURE, -1);
	cancel(x, FU_ACT_OFFER_REVIEW, -1);
	cancel(x, FU_ACT_PREPARE, -1);
	x->terminal = 1;
	if (x->rejected)
		return; /* they closed the door: nothing to withdraw */
	if (x->offer) {
		int64_t who = x->offer->nwith ? x->offer->with[0]
					      : last_person(x);
		cancel(x, FU_ACT_ACKNOWLEDGE, who); /* the decline thanks them */
		int i = raise_from(x, FU_ACT_DECLINE_OFFER, who, 0, at);
		if (i < 0)
			return;
		shaped(&x->c[i], 15);
		if (!who)
			x->c[i].a.channel = FU_CH_NONE;
		say(&x->c[i], "you accepted another job on %s; their offer is "
		    "still open: thank %s and decline it graciously within %d "
		    "days", when(d, at, x->c[i].a.due),
		    name_of(name, x, who, "them"), param(x, FU_P_DECLINE_DAYS));
		return;
	}
	int64_t who = last_person(x);
	cancel(x, FU_ACT_ACKNOWLEDGE, who); /* the notice thanks them */
	int i = raise_from(x, FU_ACT_WITHDRAW_NOTICE, who, 0, at);
	if (i < 0)
		return;
	shaped(&x->c[i], 15);
	if (who) {
		say(&x->c[i], "you accepted another job on %s; tell %s and "
		    "withdraw formally, within %d days",
		    when(d, at, x->c[i].a.due), name_of(name, x, who, ""),
		    param(x, FU_P_WITHDRAW_DAYS));
		return;
	}
	x->c[i].a.channel = FU_CH_NONE;
	say(&x->c[i], "you accepted another job on %s; withdraw this "
	    "application formally (no contact known: through the posting or "
	    "portal), within %d days", when(d, at, x->c[i].a.due),
	    param(x, FU_P_WITHDRAW_DAYS));
}

/* e->action aims at c: no aim, its kind, its full key, or its key as fu
 * wrote it before keys named the application ("<kind>:0:<contact>"). */
static int aims_at(const ctx *x, const char *aim, const cand *c)
{
	if (!aim || strcmp(aim, fu_action_kind_name(c->a.kind)) == 0 ||
	    strcmp(aim, c->a.key) == 0)
		return 1;
	if (c->a.trigger_event_id || !is_app(x))
		return 0;
	char legacy[sizeof c->a.key];
	if (c->a.seq)
		snprintf(legacy, sizeof legacy, "%s:0:%lld:%d",
			 fu_action_kind_name(c->a.kind),
			 (long long)c->a.contact_id, c->a.seq);
	else
		snprintf(legacy, sizeof legacy, "%s:0:%lld",
			 fu_action_kind_name(c->a.kind),
			 (long long)c->a.contact_id);
	return strcmp(aim, legacy) == 0;
}

/* Whether what a sent names (a kind, or a key "<kind>:...") is a
 * follow-up for rule 7; a word fu does not know counts as one. */
static int is_follow_up_kind(const char *aim)
{
	size_t len = strcspn(aim, ":");
	for (int r = 1; r < FU_ACT__COUNT; r++)
		if (strlen(fu_action_kind_name(r)) == len &&
		    strncmp(aim, fu_action_kind_name(r), len) == 0)
			return (defs[r].flags & K_FOLLOW_UP) != 0;
	return 1;
}

/* Whether a sent can answer c for person who (named: the sent names
 * people, and then also answers actions for nobody known). */
static int fits(const ctx *x, const cand *c, const fu_event *e, int64_t who,
		int named)
{
	if (c->state != C_OPEN || c->born >= x->now ||
	    !aims_at(x, e->action, c))
		return 0;
	if (!(flags_of(c) & K_MESSAGE) && !e->action)
		return 0; /* research, reviews, decisions: only when named */
	return c->a.contact_id == who || (named && !c->a.contact_id);
}

/*
 * What a sent answers for one person. Decision: one note covers every
 * courtesy owed to them (thank-yous, acknowledgements); when none is
 * owed, it answers the open action due first (the check-in or nudge,
 * even early). So the thank-you after an interview does not count as
 * the check-in (rule 10), and the nudges count from the latest message.
 * Rule 11: what it was is kept (own_mark) for the subjects that share
 * the person.
 */
static void answer(ctx *x, const fu_event *e, int64_t who, int named)
{
	int best = -1, courtesy = 0;
	for (size_t i = 0; i < x->n; i++) {
		const cand *c = &x->c[i];
		if (!fits(x, c, e, who, named))
			continue;
		if (flags_of(c) & K_WRITTEN) {
			x->c[i].state = C_DONE;
			courtesy = 1;
		} else if (best < 0 || c->first_due < x->c[best].first_due) {
			best = (int)i;
		}
	}
	if (courtesy) {
		own_mark(x, who, e, 1);
		return;
	}
	if (best < 0) {
		/* a message no rule asked for still counts for rule 7 */
		if (named && (!e->action || is_follow_up_kind(e->action))) {
			add_mark(x, who, e->at, 0);
			own_mark(x, who, e, 0);
		}
		return;
	}
	cand *c = &x->c[best];
	c->state = C_DONE;
	if (flags_of(c) & K_FOLLOW_UP) {
		int64_t to = c->a.contact_id ? c->a.contact_id : who;
		add_mark(x, to, e->at, 0);
		own_mark(x, to, e, 0);
	}
	if (x->st.on && (size_t)best == x->st.cur)
		stage_advance(x, e->at, e->channel, e->id);
}

/* Rule 12: while the conversation goes on, any message to the person
 * moves the next nudge to the cadence after it (the latest message
 * either way). */
static void talk_moves(ctx *x, const fu_event *e, int64_t who)
{
	if (!x->st.on || !x->st.talk || (who && who != x->st.person))
		return;
	cand *c = &x->c[x->st.cur];
	if (c->state != C_OPEN || c->rule != FU_ACT_NUDGE)
		return;
	int64_t nb = plus_days(e->at, param(x, FU_P_NUDGE_DAYS));
	if (nb <= c->a.not_before)
		return;
	c->a.not_before = nb;
	c->a.due = due_after(x, FU_ACT_NUDGE, nb);
	c->first_due = c->a.due;
}

/* Decision: a sent that names nobody answers, for each person with an
 * open action (and for nobody-known actions), the one due first. */
static void on_sent(ctx *x, const fu_event *e)
{
	if (e->nwith) {
		for (size_t k = 0; k < e->nwith; k++) {
			int dup = 0;
			for (size_t j = 0; j < k; j++)
				dup |= e->with[j] == e->with[k];
			if (dup)
				continue;
			answer(x, e, e->with[k], 1);
			talk_moves(x, e, e->with[k]);
			x->last_person = e->with[k];
		}
		return;
	}
	size_t n = x->n; /* what answering raises is born now: not aimed */
	for (size_t i = 0; i < n; i++) {
		int64_t who = x->c[i].a.contact_id;
		int first = x->c[i].born < x->now;
		for (size_t j = 0; j < i && first; j++)
			first = x->c[j].a.contact_id != who ||
				x->c[j].born >= x->now;
		if (first)
			answer(x, e, who, 0);
	}
	talk_moves(x, e, 0);
}

/*
 * Rule 11: a message to one of this subject's people, logged elsewhere
 * (another application they handle, or the person themselves). A
 * follow-up keeps the next one to them 7 days away and serves the
 * stage's check-in or nudge to them here (the draft named every open
 * application they handle, so one message served all); a courtesy
 * answers a courtesy owed to them the same day (one message).
 */
static void on_mark(ctx *x, const fu_rule_mark *m)
{
	if (m->courtesy) {
		for (size_t i = 0; i < x->n; i++) {
			cand *c = &x->c[i];
			if (c->state == C_OPEN && (flags_of(c) & K_WRITTEN) &&
			    c->a.contact_id == m->contact_id &&
			    c->born < x->now && c->a.not_before <= m->at &&
			    m->at <= c->a.due)
				c->state = C_DONE;
		}
		return;
	}
	add_mark(x, m->contact_id, m->at, 1);
	if (!x->st.on || x->st.person != m->contact_id)
		return;
	cand *c = &x->c[x->st.cur];
	if (c->state != C_OPEN || c->born >= x->now)
		return;
	c->state = C_DONE;
	stage_advance(x, m->at, FU_CH_NONE, m->event_id);
}

/* Rule 9: snooze and dismiss what is open at that moment, aimed at by
 * kind or key, and restricted to the --with people when given.
 * Decision: a later snooze replaces an earlier one. */
static void on_user(ctx *x, const fu_event *e)
{
	for (size_t i = 0; i < x->n; i++) {
		cand *c = &x->c[i];
		if (c->state != C_OPEN || c->born >= x->now ||
		    !aims_at(x, e->action, c) ||
		    (e->nwith && !in_with(e, c->a.contact_id)))
			continue;
		if (e->kind == FU_EV_DISMISS)
			c->state = C_DISMISSED;
		else if (e->until_at)
			c->snooze_until = e->until_at;
	}
}

/* Rule 15: who on the employer's side was in touch last. */
static void touched(ctx *x, const fu_event *e)
{
	if (!is_app(x) || e->kind == FU_EV_SNOOZE || e->kind == FU_EV_DISMISS)
		return;
	if (e->nwith && e->with[0])
		x->last_person = e->with[0];
}

static void on_event(ctx *x, const fu_event *e)
{
	touched(x, e);
	switch (e->kind) {
	case FU_EV_APPLIED:
		on_applied(x, e->at);
		break;
	case FU_EV_INTERVIEW:
		on_interview(x, e);
		break;
	case FU_EV_MEETING:
		on_meeting(x, e);
		break;
	case FU_EV_MET:
		on_met(x, e);
		break;
	case FU_EV_INTRO:
		on_intro(x, e);
		break;
	case FU_EV_HELP_PROMISED:
		on_help(x, e);
		break;
	case FU_EV_SENT:
		on_sent(x, e);
		break;
	case FU_EV_REPLY:
	case FU_EV_TIMELINE:
		on_reply(x, e);
		break;
	case FU_EV_POSTING_CLOSED:
		on_posting_closed(x, e);
		break;
	case FU_EV_OFFER:
		on_offer(x, e);
		break;
	case FU_EV_REJECTION:
		on_rejection(x, e);
		break;
	case FU_EV_SNOOZE:
	case FU_EV_DISMISS:
		on_user(x, e);
		break;
	case FU_EV_CLOSED:
		if (e == x->closed)
			on_closed(x, e, e->at);
		break;
	default:
		break;
	}
}

/* --- the replay ------------------------------------------------------------ */

/* An event's place among those of one moment: its ord, the same on
 * every machine (its number for events that have none, as a test's). */
static int64_t seq_of(const fu_event *e)
{
	return e->ord ? e->ord : e->id;
}

static int64_t mark_seq(const fu_rule_mark *m)
{
	return m->ord ? m->ord : m->event_id;
}

static int step_cmp(const void *a, const void *b)
{
	const step *p = a, *q = b;
	if (p->at != q->at)
		return p->at < q->at ? -1 : 1;
	if (p->id != q->id)
		return p->id < q->id ? -1 : 1;
	return p->order < q->order ? -1 : p->order > q->order;
}

/* Whether event a comes after event b in (at, ord) order. */
static int later(const fu_event *a, const fu_event *b)
{
	return a->at != b->at ? a->at > b->at : seq_of(a) > seq_of(b);
}

/*
 * The moments to replay: every event, plus applying when no applied
 * event says it (s->applied_at), a job accepted elsewhere, closing when
 * no closed event says it, the moment a scheduled interview was
 * arranged (rule 12), and the messages to this subject's people logged
 * elsewhere (rule 11). Decision: a subject moment sorts before an event
 * at the same second; a message logged elsewhere sorts by its event's
 * number among this subject's events.
 */
static step *steps_of(ctx *x, size_t *n)
{
	const fu_rule_subject *s = x->s;
	size_t max = 2 * s->nevents + s->nmarks + 3;
	step *v = malloc(max * sizeof *v);
	size_t k = 0;
	int applied = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < s->nevents; i++) {
		const fu_event *e = &s->events[i];
		v[k] = (step){ e->at, seq_of(e), S_EVENT, k, e, NULL };
		k++;
		if (scheduled(x, e)) {
			v[k] = (step){ e->created_at, seq_of(e), S_SCHEDULED, k,
				       e, NULL };
			k++;
		}
		applied |= e->kind == FU_EV_APPLIED;
		if (e->kind == FU_EV_CLOSED && s->outcome != FU_OUT_NONE &&
		    (!x->closed || later(e, x->closed)))
			x->closed = e;
	}
	for (size_t i = 0; i < s->nmarks; i++) {
		const fu_rule_mark *m = &s->marks[i];
		v[k] = (step){ m->at, mark_seq(m), S_MARK, k, NULL, m };
		k++;
	}
	if (!applied && s->applied_at) {
		v[k] = (step){ s->applied_at, 0, S_APPLIED, k, NULL, NULL };
		k++;
	}
	if (s->accepted_at && is_app(x)) {
		v[k] = (step){ s->accepted_at, 0, S_ACCEPTED, k, NULL, NULL };
		k++;
	}
	if (is_app(x) && s->outcome != FU_OUT_NONE && !x->closed) {
		/* Decision: no closing time known: after the last event */
		int64_t at = s->closed_at ? s->closed_at
			: s->nevents ? s->events[s->nevents - 1].at : 0;
		v[k] = (step){ at, s->closed_at ? 0 : INT64_MAX, S_CLOSED, k,
			       NULL, NULL };
		k++;
	}
	qsort(v, k, sizeof *v, step_cmp);
	*n = k;
	return v;
}

static void replay(ctx *x, const step *st)
{
	switch (st->what) {
	case S_APPLIED:
		on_applied(x, st->at);
		break;
	case S_ACCEPTED:
		on_accepted(x, st->at);
		break;
	case S_CLOSED:
		on_closed(x, NULL, st->at);
		break;
	case S_SCHEDULED:
		on_scheduled(x, st->e);
		break;
	case S_MARK:
		on_mark(x, st->mark);
		break;
	default:
		on_event(x, st->e);
		break;
	}
}

/* --- the constraints on what is left open ---------------------------------- */

/* Which of two courtesies owed to one person on one day is the message
 * (rule 11): the one that says most. */
static int courtesy_rank(fu_action_kind k)
{
	switch (k) {
	case FU_ACT_THANK_YOU: return 0;
	case FU_ACT_DECLINE_OFFER: return 1;
	case FU_ACT_WITHDRAW_NOTICE: return 2;
	case FU_ACT_REJECTION_RESPONSE: return 3;
	case FU_ACT_INTRO_THANKS: return 4;
	default: return 5;
	}
}

/* Rule 11: two courtesies owed to the same person on the same day are
 * one message: the other is answered with it. */
static void one_message_a_day(ctx *x)
{
	for (size_t i = 0; i < x->n; i++) {
		cand *a = &x->c[i];
		if (a->state != C_OPEN || !(flags_of(a) & K_WRITTEN) ||
		    !a->a.contact_id)
			continue;
		int64_t day = fu_time_start_of_day(a->a.not_before);
		for (size_t j = 0; j < x->n; j++) {
			cand *b = &x->c[j];
			if (j == i || b->state != C_OPEN ||
			    !(flags_of(b) & K_WRITTEN) ||
			    b->a.contact_id != a->a.contact_id ||
			    fu_time_start_of_day(b->a.not_before) != day)
				continue;
			int ra = courtesy_rank(a->rule), rb = courtesy_rank(b->rule);
			if (rb < ra || (rb == ra && j < i))
				continue; /* b is the message; a goes with it */
			b->state = C_CANCELLED;
			shaped(a, 11);
			say_more(a, "; one message, with the %s owed the same day",
				 fu_action_kind_name(b->rule));
		}
	}
}

/*
 * Rule 6 (a closed application keeps only its closing courtesy), and one
 * closure at a time: the earliest. Decision: when the user is employed,
 * the closure replaces the nudges from its date on (it suggests
 * withdrawing); when not, nudges continue alongside it, and the closure
 * is advice that lapses at the end of its window (rule 17).
 */
static void keep_what_counts(ctx *x)
{
	int closed = is_app(x) && x->s->outcome != FU_OUT_NONE;
	int closure = -1;
	for (size_t i = 0; i < x->n; i++) {
		cand *c = &x->c[i];
		if (c->state != C_OPEN)
			continue;
		if (closed && !(flags_of(c) & K_CLOSING) && !c->keep_closed)
			c->state = C_CANCELLED;
		else if (c->rule == FU_ACT_CLOSURE && (closure < 0 ||
			 c->a.not_before < x->c[closure].a.not_before))
			closure = (int)i;
	}
	for (size_t i = 0; closure >= 0 && i < x->n; i++) {
		cand *c = &x->c[i];
		if (c->state != C_OPEN || (int)i == closure)
			continue;
		if (c->rule == FU_ACT_CLOSURE)
			c->state = C_CANCELLED;
		else if (c->rule == FU_ACT_NUDGE && x->p->employed &&
			 fu_time_business_day(c->a.not_before) >=
			 x->c[closure].a.not_before)
			c->state = C_CANCELLED;
	}
	one_message_a_day(x);
}

static int64_t last_mark(const ctx *x, int64_t who, int *elsewhere)
{
	int64_t last = 0;
	for (size_t i = 0; i < x->nm; i++)
		if (x->m[i].contact == who && x->m[i].at > last) {
			last = x->m[i].at;
			*elsewhere = x->m[i].elsewhere;
		}
	return last;
}

static void push_to(cand *c, int64_t nb)
{
	if (c->a.not_before >= nb)
		return;
	c->a.due += nb - c->a.not_before;
	c->a.not_before = nb;
	c->moved = 1;
}

/*
 * Rules 7 and 11: a follow-up to a person waits rules.min-gap-days after
 * the last follow-up sent to them (here, or for another application
 * they handle), and after the open one before it. not_before and due
 * move by the same amount, then business days apply. (Follow-ups owed
 * to one person by several subjects are kept apart, or made one
 * message, where they are stored: actions.c.)
 */
static void keep_apart(ctx *x)
{
	int gap = param(x, FU_P_MIN_GAP_DAYS);
	if (gap <= 0)
		return;
	for (;;) {
		int next = -1; /* the earliest open follow-up not yet placed */
		for (size_t i = 0; i < x->n; i++) {
			const cand *c = &x->c[i];
			if (c->state != C_OPEN || !c->a.contact_id ||
			    !(flags_of(c) & K_FOLLOW_UP) || c->placed)
				continue;
			if (next < 0 || c->a.not_before <
			    x->c[next].a.not_before)
				next = (int)i;
		}
		if (next < 0 || x->oom)
			return;
		cand *c = &x->c[next];
		int elsewhere = 0;
		int64_t last = last_mark(x, c->a.contact_id, &elsewhere);
		if (last && c->a.not_before < plus_days(last, gap)) {
			push_to(c, plus_days(last, gap));
			shaped(c, elsewhere ? 11 : 7);
		}
		c->placed = 1;
		add_mark(x, c->a.contact_id, c->a.not_before, 0);
	}
}

/* Rules 8 and 13: check-ins, nudges and closures move off the weekend,
 * and keep at least one business day between opening and due. */
static void business_days(ctx *x)
{
	for (size_t i = 0; i < x->n; i++) {
		cand *c = &x->c[i];
		if (c->state != C_OPEN || !(flags_of(c) & K_BUSINESS))
			continue;
		int64_t nb = fu_time_business_day(c->a.not_before);
		int64_t due = fu_time_business_day(c->a.due);
		if (nb != c->a.not_before || due != c->a.due)
			shaped(c, 8);
		if (fu_time_start_of_day(due) <= fu_time_start_of_day(nb)) {
			due = fu_time_business_day(plus_days(nb, 1));
			shaped(c, 13);
		}
		c->a.not_before = nb;
		c->a.due = due;
	}
}

/* Rule 9: a snooze moves not_before to its date, and due by as much.
 * Decision: the user's date is kept as given (no business-day move);
 * a snooze to a date before the window opens changes nothing. Rule 17:
 * the closure is advice that lapses when not employed. */
static void snoozes_and_notes(ctx *x)
{
	char d[FU_HUMAN_LEN];
	for (size_t i = 0; i < x->n; i++) {
		cand *c = &x->c[i];
		if (c->state != C_OPEN)
			continue;
		if (c->moved)
			say_more(c, "; moved to leave %d days after your last "
				 "follow-up to them",
				 param(x, FU_P_MIN_GAP_DAYS));
		if (c->snooze_until > c->a.not_before) {
			c->a.due += c->snooze_until - c->a.not_before;
			c->a.not_before = c->snooze_until;
			c->a.snoozed = 1;
			shaped(c, 9);
			say_more(c, " (snoozed until %s)",
				 when(d, c->snooze_until, c->a.due));
		}
		if (c->rule == FU_ACT_CLOSURE && !x->p->employed) {
			c->a.expires = c->a.due;
			shaped(c, 17);
		}
	}
}

static int action_cmp(const void *a, const void *b)
{
	const fu_action *p = a, *q = b;
	if (p->due != q->due)
		return p->due < q->due ? -1 : 1;
	if (p->not_before != q->not_before)
		return p->not_before < q->not_before ? -1 : 1;
	return strcmp(p->key, q->key);
}

static int collect(const ctx *x, fu_action **out, size_t *n)
{
	size_t k = 0;
	for (size_t i = 0; i < x->n; i++)
		k += x->c[i].state == C_OPEN;
	if (!k)
		return FU_OK;
	fu_action *v = malloc(k * sizeof *v);
	if (!v)
		return FU_ERROR;
	k = 0;
	for (size_t i = 0; i < x->n; i++)
		if (x->c[i].state == C_OPEN)
			v[k++] = x->c[i].a;
	qsort(v, k, sizeof *v, action_cmp);
	*out = v;
	*n = k;
	return FU_OK;
}

int fu_rules_eval_marks(fu_action **out, size_t *n, fu_rule_mark **marks,
			size_t *nmarks, const fu_rule_subject *s,
			const fu_rule_params *p)
{
	fu_rule_params q;
	size_t nst = 0;
	int rc = FU_OK;

	*out = NULL;
	*n = 0;
	if (marks) {
		*marks = NULL;
		*nmarks = 0;
	}
	if (!s)
		return FU_OK;
	fu_rule_params_clamp(&q, p);
	ctx x = { .s = s, .p = &q };
	step *st = steps_of(&x, &nst);
	if (!st)
		return FU_ERROR;
	for (size_t i = 0; i < nst && !x.oom; i++) {
		x.now = i;
		replay(&x, &st[i]);
	}
	free(st);
	if (!x.oom) {
		keep_what_counts(&x);
		keep_apart(&x);
		business_days(&x);
		snoozes_and_notes(&x);
	}
	if (x.oom)
		rc = FU_ERROR;
	else
		rc = collect(&x, out, n);
	free(x.c);
	free(x.m);
	if (!rc && marks) {
		*marks = x.om;
		*nmarks = x.nom;
	} else {
		free(x.om);
	}
	return rc;
}

int fu_rules_eval(fu_action **out, size_t *n, const fu_rule_subject *s,
		  const fu_rule_params *p)
{
	return fu_rules_eval_marks(out, n, NULL, NULL, s, p);
}

int fu_action_is_follow_up(fu_action_kind k)
{
	return k > FU_ACT_NONE && k < FU_ACT__COUNT &&
	       (defs[k].flags & K_FOLLOW_UP) != 0;
}

int fu_action_is_courtesy(fu_action_kind k)
{
	return k > FU_ACT_NONE && k < FU_ACT__COUNT &&
	       (defs[k].flags & K_WRITTEN) != 0;
}

fu_action_state_t fu_action_state(const fu_action *a, int64_t now)
{
	if (now < a->not_before)
		return FU_STATE_UPCOMING;
	if (now <= a->due)
		return FU_STATE_DUE;
	return FU_STATE_OVERDUE;
}

const char *fu_action_state_name(fu_action_state_t s)
{
	switch (s) {
	case FU_STATE_UPCOMING:
		return "upcoming";
	case FU_STATE_DUE:
		return "due";
	case FU_STATE_OVERDUE:
		return "overdue";
	}
	return NULL;
}
