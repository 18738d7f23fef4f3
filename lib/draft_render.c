/* SPDX-License-Identifier: MIT */
/*
 * draft_render.c - fu draft's renderer: a template (built-in or the
 * user's) filled from a fu_draft_input, a pure function tested without
 * a database; the user's templates; the checks (length, spelling) a
 * draft gets before it is shown.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/draft.h"
#include "draft_internal.h"
#include "internal.h"

/* --- small helpers ----------------------------------------------------- */

static const char *const wdays[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday"
};
static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* The local time of t, within the years fu accepts (a stored value
 * beyond is taken as the nearest end, never an unchecked failure). */
static void local(struct tm *tm, int64_t t)
{
	if (t < FU_TIME_MIN)
		t = FU_TIME_MIN;
	if (t > FU_TIME_MAX)
		t = FU_TIME_MAX;
	time_t tt = (time_t)t;
	if (!localtime_r(&tt, tm)) {
		memset(tm, 0, sizeof *tm);
		tm->tm_mday = 1;
		tm->tm_year = 70;
	}
}

/* "Tuesday, November 10", and ", 2025" when the year is not now's. */
static void day_words(fu_buf *b, int64_t t, int64_t now)
{
	struct tm tm, tn;
	local(&tm, t);
	local(&tn, now);
	fu_buf_printf(b, "%s, %s %d", wdays[tm.tm_wday], months[tm.tm_mon],
		      tm.tm_mday);
	if (tm.tm_year != tn.tm_year)
		fu_buf_printf(b, ", %d", tm.tm_year + 1900);
}

/* Whether t falls on now's local day. */
static int same_day(int64_t t, int64_t now)
{
	struct tm tm, tn;
	local(&tm, t);
	local(&tn, now);
	return tm.tm_year == tn.tm_year && tm.tm_yday == tn.tm_yday;
}

/* "on Tuesday, November 10", or "today" (never "on" the date a letter
 * is dated). */
static void on_day(fu_buf *b, int64_t t, int64_t now)
{
	if (same_day(t, now)) {
		fu_buf_puts(b, "today");
		return;
	}
	fu_buf_puts(b, "on ");
	day_words(b, t, now);
}

/* "2:00 p.m.", "10:30 a.m.", "noon", "midnight". */
static void time_words(fu_buf *b, int64_t t)
{
	struct tm tm;
	local(&tm, t);
	if (tm.tm_hour == 12 && tm.tm_min == 0) {
		fu_buf_puts(b, "noon");
		return;
	}
	if (tm.tm_hour == 0 && tm.tm_min == 0) {
		fu_buf_puts(b, "midnight");
		return;
	}
	int h = tm.tm_hour % 12 ? tm.tm_hour % 12 : 12;
	fu_buf_printf(b, "%d:%02d %s", h, tm.tm_min,
		      tm.tm_hour < 12 ? "a.m." : "p.m.");
}

/* "November 9, 2026", as a letter is dated. */
static void full_date(fu_buf *b, int64_t t)
{
	struct tm tm;
	local(&tm, t);
	fu_buf_printf(b, "%s %d, %d", months[tm.tm_mon], tm.tm_mday,
		      tm.tm_year + 1900);
}

/* The first or the last word of a name. */
static void name_word(fu_buf *b, const char *s, int last)
{
	s += strspn(s, " \t");
	size_t n = strcspn(s, " \t");
	if (last) {
		const char *p = s + strlen(s);
		while (p > s && (p[-1] == ' ' || p[-1] == '\t'))
			p--;
		const char *q = p;
		while (q > s && q[-1] != ' ' && q[-1] != '\t')
			q--;
		s = q;
		n = (size_t)(p - q);
	}
	fu_buf_add(b, s, n);
}

/* How to name a contact in a fu command: 'Dana Reyes', or its number
 * when the name holds a quote. */
static void contact_ref(fu_buf *b, const char *name, int64_t id)
{
	if (name && *name && !strchr(name, '\''))
		fu_buf_printf(b, "'%s'", name);
	else
		fu_buf_printf(b, "%lld", (long long)id);
}

/* The interaction an event was, as a noun for "the ... on <date>". */
static const char *event_noun(fu_event_kind k, fu_channel ch)
{
	int call = ch == FU_CH_PHONE, face = ch == FU_CH_IN_PERSON;
	switch (k) {
	case FU_EV_INTERVIEW: return call ? "phone interview"
				     : ch == FU_CH_VIDEO ? "video interview"
				     : "interview";
	case FU_EV_MEETING: return "meeting";
	case FU_EV_MET: return "conversation";
	case FU_EV_INTRO: return "introduction";
	case FU_EV_HELP_PROMISED: return "conversation";
	case FU_EV_REPLY:
	case FU_EV_REJECTION:
	case FU_EV_SENT:
		return call ? "call" : face ? "conversation" : "message";
	case FU_EV_TIMELINE:
		return call ? "call" : face ? "conversation" : "update";
	case FU_EV_APPLIED: return "application";
	case FU_EV_OFFER: return "offer";
	case FU_EV_CLOSED: return "decision";
	default: return NULL;
	}
}


int fu_draft_is_message(const char *action)
{
	if (!action)
		return -1;
	static const char *const lists[] = { "find-contact", "closure",
					     "offer-review", "prepare" };
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (strcmp(action, lists[i]) == 0)
			return 0;
	for (int k = 1; k < FU_ACT__COUNT; k++)
		if (strcmp(action, fu_action_kind_name((fu_action_kind)k)) == 0)
			return 1;
	return -1;
}

int fu_draft_by_letter(const char *action)
{
	static const char *const ok[] = { "thank-you", "rejection-response",
					  "withdraw-notice", "decline-offer" };
	for (size_t i = 0; action && i < sizeof ok / sizeof ok[0]; i++)
		if (!strcmp(action, ok[i]))
			return 1;
	return 0;
}

const char *fu_draft_no_letter(const char *action)
{
	static char msg[160];
	snprintf(msg, sizeof msg, "a%s %s does not go by letter: it would "
		 "not arrive in time (rule 14); use --channel email or phone",
		 action && strchr("aeiou", action[0]) ? "n" : "",
		 action ? action : "message");
	return msg;
}

int fu_draft_limit(const char *action)
{
	/* RULES.md's limits; connect, intro-thanks, intro-reach-out and
	 * help-reminder have none there: fu's own, as "concise" asks. */
	static const struct { const char *action; int words; } limits[] = {
		{ "thank-you", 200 }, { "acknowledge", 60 },
		{ "application-check-in", 120 }, { "interview-check-in", 120 },
		{ "nudge", 120 }, { "rejection-response", 100 },
		{ "withdraw-notice", 100 }, { "decline-offer", 100 },
		{ "connect", 120 },
		{ "intro-thanks", 100 }, { "intro-reach-out", 150 },
		{ "help-reminder", 100 },
	};
	for (size_t i = 0; action && i < sizeof limits / sizeof limits[0]; i++)
		if (strcmp(limits[i].action, action) == 0)
			return limits[i].words;
	return 0;
}

size_t fu_draft_words(const char *text)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	while (*p) {
		while (*p && (*p == ' ' || *p == '\t' || *p == '\n' ||
			      *p == '\r'))
			p++;
		int word = 0;
		while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' ||
			       *p == '\r')) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p >= 0x80)
				word = 1;
			p++;
		}
		n += (size_t)word;
	}
	return n;
}

/* --- placeholders ------------------------------------------------------ */

static const fu_draft_placeholder placeholders[] = {
	{ "contact.name", "the full name of the person written to" },
	{ "contact.first_name", "their first name (the first word of the name)" },
	{ "contact.last_name", "their last name (the last word of the name)" },
	{ "contact.title", "their title" },
	{ "contact.company", "their company" },
	{ "contact.email", "their e-mail address" },
	{ "contact.phone", "their phone number" },
	{ "contact.address", "their postal address" },
	{ "company", "the application's company (the employer)" },
	{ "role", "the application's role" },
	{ "url", "the application's posting (fu add application --url)" },
	{ "application.id", "the application's number" },
	{ "agency", "the contact's company when it is not the employer (a "
	  "recruiter at an agency), for {#agency}...{/agency}" },
	{ "applied_date", "the day you applied, as \"Monday, November 2\"" },
	{ "applied.on", "\"on Monday, November 2\", or \"today\"" },
	{ "event.kind", "what raised the action, as a noun: interview, phone "
	  "interview, video interview, meeting, conversation, message, call, "
	  "update, introduction, offer" },
	{ "event.date", "the day it happened" },
	{ "event.on", "\"on\" that day, or \"today\"" },
	{ "occasion", "where you met, or what the meeting was (fu log "
	  "--occasion)" },
	{ "topics", "what was discussed (fu log --topic, --topic-for): the "
	  "person's own topics first, then everyone's, as \"a, b and c\"; "
	  "for check-ins and nudges, the interview's" },
	{ "topic.N", "the N-th of those topics: topic.1, topic.2, ..." },
	{ "interview_date", "the day of the latest interview" },
	{ "interview.on", "\"on\" that day, or \"today\"" },
	{ "expect_date", "the day they said they would get back to you by "
	  "(fu log --expect); for a help-reminder, the day help was promised "
	  "by" },
	{ "deadline_date", "an offer's deadline (fu log REF offer --until)" },
	{ "answer_date", "an offer: the day you will answer by (their "
	  "deadline, else the end of the days to review it)" },
	{ "reply_date", "a nudge that continues a conversation: the day of "
	  "their reply" },
	{ "reply.on", "\"on\" that day, or \"today\"" },
	{ "scheduled.kind", "the interview or meeting arranged, as a noun "
	  "(acknowledging an invitation; prepare)" },
	{ "scheduled.date", "its day" },
	{ "scheduled.time", "its time, as \"2:00 p.m.\"" },
	{ "people", "whom it is with, as \"you and Sam Lee\"" },
	{ "people.list", "prepare: each of them on a line, with what is known "
	  "and what to find out" },
	{ "introducer.name", "who introduced you (intro-thanks: the person "
	  "written to)" },
	{ "introducer.first_name", "their first name" },
	{ "introduced.name", "whom you were introduced to (intro-reach-out: "
	  "the person written to)" },
	{ "introduced.first_name", "their first name" },
	{ "urgent", "\"urgent\" when the help was marked urgent, for "
	  "{#urgent}...{/urgent}" },
	{ "because", "why the help is urgent (fu log --because)" },
	{ "applied_role", "networking: a role you applied for at the "
	  "contact's company, still open" },
	{ "accepted_date", "the day you accepted another job "
	  "(withdraw-notice, decline-offer)" },
	{ "also", "rule 11: the other applications this message also serves, "
	  "as \"the Data Engineer position at Initech and ...\"" },
	{ "others", "the person's other open applications, the same way" },
	{ "situation", "what the message answers (fu-draft(1), SITUATIONS)" },
	{ "wording", "a nudge's wording, 1 to 8" },
	{ "reason", "why the action is owed, as fu due says it" },
	{ "user.name", "your name (fu config user.name)" },
	{ "user.first_name", "your first name" },
	{ "user.email", "your e-mail address (fu config user.email)" },
	{ "user.phone", "your phone number (fu config user.phone)" },
	{ "user.address", "your postal address (fu config user.address)" },
	{ "signature", "your name, e-mail address and phone number, one a "
	  "line (all three must be set)" },
	{ "today", "today's date, as \"November 9, 2026\"" },
};

const fu_draft_placeholder *fu_draft_placeholders(size_t *n)
{
	*n = sizeof placeholders / sizeof placeholders[0];
	return placeholders;
}

/* "topic.N" with N from 1: the index in *k. */
static int topic_index(const char *name, size_t *k)
{
	if (strncmp(name, "topic.", 6) != 0)
		return 0;
	const char *p = name + 6;
	if (*p < '1' || *p > '9' || strspn(p, "0123456789") != strlen(p) ||
	    strlen(p) > 3)
		return 0;
	*k = (size_t)atoi(p) - 1;
	return 1;
}

static char *tidy(const char *s);

#define SAY(s) return fu__draft_has(s) ? (fu_buf_puts(b, (s)), 1) : 0

int fu_draft_agency(const fu_draft_input *in)
{
	return in->application_id && fu__draft_has(in->contact_company) &&
	       fu__draft_has(in->company) &&
	       fu__fold_equal(in->contact_company, in->company) == 0;
}

/* "a", "a and b", "a, b and c" of n items put by item(b, i). */
static void join(fu_buf *b, size_t n, void (*item)(fu_buf *, const void *,
						   size_t), const void *arg)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fu_buf_puts(b, i + 1 == n ? " and " : ", ");
		item(b, arg, i);
	}
}

static void other_item(fu_buf *b, const void *arg, size_t i)
{
	const fu_draft_other *o = (const fu_draft_other *)arg + i;
	fu_buf_printf(b, "the %s position at %s", o->role ? o->role : "",
		      o->company ? o->company : "");
}

/* The people of it, the one written to as "you", first. */
typedef struct people_ctx {
	const fu_draft_input *in;
	const fu_draft_person *v[64];
	size_t n;
	int you;
} people_ctx;

static void person_item(fu_buf *b, const void *arg, size_t i)
{
	const people_ctx *p = arg;
	if (p->you && i == 0)
		fu_buf_puts(b, "you");
	else
		fu_buf_puts(b, p->v[i - (size_t)p->you]->name);
}

static size_t people_words(fu_buf *b, const fu_draft_input *in)
{
	people_ctx p = { in, { 0 }, 0, 0 };
	for (size_t i = 0; i < in->npeople && p.n < 64; i++) {
		if (in->contact_id && in->people[i].id == in->contact_id)
			p.you = 1;
		else if (fu__draft_has(in->people[i].name))
			p.v[p.n++] = &in->people[i];
	}
	join(b, p.n + (size_t)p.you, person_item, &p);
	return p.n + (size_t)p.you;
}

/* prepare: each person you will meet on a line, with what is known
 * and how to record what is not. */
static void people_list(fu_buf *b, const fu_draft_input *in)
{
	for (size_t i = 0; i < in->npeople; i++) {
		const fu_draft_person *p = &in->people[i];
		if (!fu__draft_has(p->name))
			continue;
		if (b->len && b->data[b->len - 1] != '\n')
			fu_buf_putc(b, '\n');
		fu_buf_printf(b, "  - %s", p->name);
		if (fu__draft_has(p->title))
			fu_buf_printf(b, ", %s", p->title);
		const char *known[3] = { NULL, NULL, NULL };
		size_t nk = 0;
		if (fu__draft_has(p->email))
			known[nk++] = p->email;
		if (fu__draft_has(p->phone))
			known[nk++] = p->phone;
		if (fu__draft_has(p->address))
			known[nk++] = "postal address known";
		for (size_t k = 0; k < nk; k++)
			fu_buf_printf(b, "%s%s", k ? ", " : ": ", known[k]);
		if (p->prefers == FU_CH_EMAIL || p->prefers == FU_CH_PHONE ||
		    p->prefers == FU_CH_LETTER)
			fu_buf_printf(b, " (prefers %s)",
				      p->prefers == FU_CH_EMAIL ? "e-mail"
				      : p->prefers == FU_CH_PHONE ? "the phone"
				      : "letters");
		fu_buf_putc(b, '\n');
		const char *miss[3] = { NULL, NULL, NULL };
		const char *opts[3] = { NULL, NULL, NULL };
		size_t nm = 0;
		if (!fu__draft_has(p->title)) {
			miss[nm] = "title";
			opts[nm++] = "--title TITLE";
		}
		if (!fu__draft_has(p->email)) {
			miss[nm] = "e-mail address";
			opts[nm++] = "--email ADDRESS";
		}
		if (!fu__draft_has(p->address)) {
			miss[nm] = "postal address";
			opts[nm++] = "--address ADDRESS";
		}
		if (!nm)
			continue;
		fu_buf_puts(b, "    to find out: ");
		for (size_t k = 0; k < nm; k++)
			fu_buf_printf(b, "%s%s", k ? (k + 1 == nm ? " and " : ", ")
				      : "", miss[k]);
		fu_buf_puts(b, "\n      fu edit ");
		contact_ref(b, p->name, p->id);
		for (size_t k = 0; k < nm; k++)
			fu_buf_printf(b, " %s", opts[k]);
	}
	while (b->len && b->data[b->len - 1] == '\n')
		b->data[--b->len] = '\0';
}

/* Put the value of name into b: 1, 0 when it has none, -1 when no such
 * placeholder exists. */
static int value_of(fu_buf *b, const fu_draft_input *in, const char *name)
{
	size_t k;
	if (!strcmp(name, "contact.name"))
		SAY(in->contact_name);
	if (!strcmp(name, "contact.first_name") ||
	    !strcmp(name, "contact.last_name")) {
		if (!fu__draft_has(in->contact_name))
			return 0;
		name_word(b, in->contact_name, name[8] == 'l');
		return 1;
	}
	if (!strcmp(name, "contact.title"))
		SAY(in->contact_title);
	if (!strcmp(name, "contact.company"))
		SAY(in->contact_company);
	if (!strcmp(name, "contact.email"))
		SAY(in->contact_email);
	if (!strcmp(name, "contact.phone"))
		SAY(in->contact_phone);
	if (!strcmp(name, "contact.address"))
		SAY(in->contact_address);
	if (!strcmp(name, "company"))
		SAY(in->company);
	if (!strcmp(name, "agency")) {
		if (!fu_draft_agency(in))
			return 0;
		fu_buf_puts(b, in->contact_company);
		return 1;
	}
	if (!strcmp(name, "occasion"))
		SAY(in->occasion);
	if (!strcmp(name, "because"))
		SAY(in->because);
	if (!strcmp(name, "applied_role"))
		SAY(in->applied_role);
	if (!strcmp(name, "situation"))
		SAY(in->situation);
	if (!strcmp(name, "wording")) {
		if (strcmp(in->action ? in->action : "", "nudge"))
			return 0;
		fu_buf_printf(b, "%d", fu_draft_wording(in));
		return 1;
	}
	if (!strcmp(name, "user.address")) {
		if (!fu__draft_has(in->user_address))
			return 0;
		char *a = tidy(in->user_address);
		if (!a)
			return 0;
		a[strlen(a) - 1] = '\0'; /* tidy() ends it with a newline */
		fu_buf_puts(b, a);
		free(a);
		return 1;
	}
	if (!strcmp(name, "also") || !strcmp(name, "others")) {
		int also = name[0] == 'a';
		size_t n = also ? in->nalso : in->nothers;
		if (!n)
			return 0;
		join(b, n, other_item, also ? (const void *)in->also
					   : (const void *)in->others);
		return 1;
	}
	if (!strcmp(name, "people"))
		return in->npeople && people_words(b, in) ? 1 : 0;
	if (!strcmp(name, "people.list")) {
		fu_buf l = FU_BUF_INIT;
		people_list(&l, in);
		int got = l.len > 0;
		if (got)
			fu_buf_add(b, l.data, l.len);
		fu_buf_free(&l);
		return got;
	}
	if (!strcmp(name, "scheduled.kind")) {
		if (!in->scheduled_at)
			return 0;
		SAY(event_noun(in->scheduled_kind, in->scheduled_channel));
	}
	if (!strcmp(name, "scheduled.date") || !strcmp(name, "scheduled.time")) {
		if (!in->scheduled_at)
			return 0;
		if (name[10] == 'd')
			day_words(b, in->scheduled_at, in->now);
		else
			time_words(b, in->scheduled_at);
		return 1;
	}
	if (!strcmp(name, "event.on") || !strcmp(name, "interview.on") ||
	    !strcmp(name, "applied.on") || !strcmp(name, "reply.on")) {
		int64_t t = name[0] == 'e' ? in->event_at
			  : name[0] == 'i' ? in->interview_at
			  : name[0] == 'a' ? in->applied_at : in->reply_at;
		if (!t)
			return 0;
		on_day(b, t, in->now);
		return 1;
	}
	if (!strcmp(name, "answer_date") || !strcmp(name, "reply_date") ||
	    !strcmp(name, "accepted_date")) {
		int64_t t = name[1] == 'n' ? in->answer_at
			  : name[0] == 'r' ? in->reply_at : in->accepted_at;
		if (!t)
			return 0;
		day_words(b, t, in->now);
		return 1;
	}
	if (!strcmp(name, "role"))
		SAY(in->role);
	if (!strcmp(name, "url"))
		SAY(in->url);
	if (!strcmp(name, "application.id")) {
		if (!in->application_id)
			return 0;
		fu_buf_printf(b, "%lld", (long long)in->application_id);
		return 1;
	}
	if (!strcmp(name, "applied_date") || !strcmp(name, "event.date") ||
	    !strcmp(name, "interview_date") || !strcmp(name, "expect_date") ||
	    !strcmp(name, "deadline_date")) {
		int64_t t = name[0] == 'a' ? in->applied_at
			  : name[0] == 'e' && name[1] == 'v' ? in->event_at
			  : name[0] == 'i' ? in->interview_at
			  : name[0] == 'e' ? in->expect_at : in->deadline_at;
		if (!t)
			return 0;
		day_words(b, t, in->now);
		return 1;
	}
	if (!strcmp(name, "event.kind")) {
		const char *noun = event_noun(in->event_kind, in->event_channel);
		SAY(noun);
	}
	if (!strcmp(name, "topics")) {
		size_t shown = 0;
		for (size_t i = 0; i < in->ntopics; i++)
			if (fu__draft_has(in->topics[i]))
				shown++;
		if (!shown)
			return 0;
		size_t j = 0;
		for (size_t i = 0; i < in->ntopics; i++) {
			if (!fu__draft_has(in->topics[i]))
				continue;
			if (j)
				fu_buf_puts(b, j + 1 == shown ? " and " : ", ");
			fu_buf_puts(b, in->topics[i]);
			j++;
		}
		return 1;
	}
	if (topic_index(name, &k)) {
		const char *t = k < in->ntopics ? in->topics[k] : NULL;
		SAY(t);
	}
	if (!strcmp(name, "introducer.name"))
		SAY(in->introducer_name);
	if (!strcmp(name, "introduced.name"))
		SAY(in->introduced_name);
	if (!strcmp(name, "introducer.first_name") ||
	    !strcmp(name, "introduced.first_name")) {
		const char *s = name[9] == 'r' ? in->introducer_name
					       : in->introduced_name;
		if (!fu__draft_has(s))
			return 0;
		name_word(b, s, 0);
		return 1;
	}
	if (!strcmp(name, "urgent")) {
		if (!in->urgent)
			return 0;
		fu_buf_puts(b, "urgent");
		return 1;
	}
	if (!strcmp(name, "reason"))
		SAY(in->reason);
	if (!strcmp(name, "user.name"))
		SAY(in->user_name);
	if (!strcmp(name, "user.first_name")) {
		if (!fu__draft_has(in->user_name))
			return 0;
		name_word(b, in->user_name, 0);
		return 1;
	}
	if (!strcmp(name, "user.email"))
		SAY(in->user_email);
	if (!strcmp(name, "user.phone"))
		SAY(in->user_phone);
	if (!strcmp(name, "signature")) {
		if (!fu__draft_has(in->user_name) || !fu__draft_has(in->user_email) ||
		    !fu__draft_has(in->user_phone))
			return 0;
		fu_buf_printf(b, "%s\n%s\n%s", in->user_name, in->user_email,
			      in->user_phone);
		return 1;
	}
	if (!strcmp(name, "today")) {
		full_date(b, in->now);
		return 1;
	}
	return -1;
}

/* Why name has no value, and how to give it one. */
static void why_missing(fu_buf *b, const fu_draft_input *in,
			const char *name)
{
	const char *action = in->action ? in->action : "draft";
	size_t k;
	if (!strncmp(name, "contact.", 8)) {
		if (!fu__draft_has(in->contact_name)) {
			fu_buf_puts(b, "nobody is known to write to (name them "
				    "with --to CONTACT)");
			return;
		}
		static const struct { const char *field, *what, *opt; } f[] = {
			{ "title", "title", "--title TITLE" },
			{ "company", "company", "--company COMPANY" },
			{ "email", "e-mail address", "--email ADDRESS" },
			{ "phone", "phone number", "--phone NUMBER" },
			{ "address", "postal address", "--address ADDRESS" },
		};
		for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
			if (!strcmp(name + 8, f[i].field)) {
				fu_buf_printf(b, "%s has no %s (fu edit ",
					      in->contact_name, f[i].what);
				contact_ref(b, in->contact_name, in->contact_id);
				fu_buf_printf(b, " %s)", f[i].opt);
				return;
			}
	}
	if (!strcmp(name, "company") || !strcmp(name, "role") ||
	    !strcmp(name, "application.id") ||
	    ((!strcmp(name, "url") || !strcmp(name, "applied_date") ||
	      !strcmp(name, "applied.on")) && !in->application_id)) {
		fu_buf_printf(b, "this %s is not about an application", action);
		return;
	}
	if (!strcmp(name, "url")) {
		fu_buf_printf(b, "the application has no posting address (fu "
			      "edit %lld --url URL)",
			      (long long)in->application_id);
		return;
	}
	if (!strcmp(name, "applied_date") || !strcmp(name, "applied.on")) {
		fu_buf_printf(b, "no application date was logged (fu edit %lld "
			      "--applied DATE)", (long long)in->application_id);
		return;
	}
	if (!strncmp(name, "event.", 6)) {
		fu_buf_printf(b, "no event raised this %s", action);
		return;
	}
	if (!strcmp(name, "topics") || topic_index(name, &k)) {
		const char *what = event_noun(in->event_kind, in->event_channel);
		if (!in->ntopics)
			fu_buf_printf(b, "no topics were logged with the %s "
				      "(fu log --topic TEXT)", what ? what : "event");
		else
			fu_buf_printf(b, "only %zu topic%s logged", in->ntopics,
				      in->ntopics == 1 ? " was" : "s were");
		fu_buf_printf(b, "; make it optional with {#%s}...{/%s}", name,
			      name);
		return;
	}
	if (!strcmp(name, "interview_date") || !strcmp(name, "interview.on")) {
		fu_buf_puts(b, "no interview was logged");
		return;
	}
	if (!strcmp(name, "expect_date")) {
		fu_buf_puts(b, "no date to hear back by was logged (fu log "
			    "--expect DATE); make it optional with "
			    "{#expect_date}...{/expect_date}");
		return;
	}
	if (!strcmp(name, "deadline_date")) {
		fu_buf_puts(b, "no deadline was logged with the offer (fu log "
			    "REF offer --until DATE)");
		return;
	}
	if (!strncmp(name, "introducer.", 11) ||
	    !strncmp(name, "introduced.", 11)) {
		fu_buf_printf(b, "this %s names no %s", action,
			      name[9] == 'r' ? "introducer"
					     : "person introduced");
		return;
	}
	if (!strcmp(name, "urgent")) {
		fu_buf_puts(b, "the help was not marked urgent; use "
			    "{#urgent}...{/urgent}");
		return;
	}
	static const struct { const char *name, *why; } opt[] = {
		{ "occasion", "no occasion was logged (fu log REF met "
		  "--occasion TEXT)" },
		{ "because", "no reason for the urgency was logged (fu log REF "
		  "help-promised --because TEXT)" },
		{ "agency", "the contact works for the employer, or their "
		  "company is not known" },
		{ "applied_role", "you have no open application at their "
		  "company" },
		{ "also", "this message serves no other application" },
		{ "others", "they handle no other open application of yours" },
		{ "people", "nobody was named with it (fu log --with)" },
		{ "people.list", "nobody was named with it (fu log --with)" },
		{ "reply_date", "this is no nudge after a reply" },
		{ "reply.on", "this is no nudge after a reply" },
		{ "accepted_date", "you have not accepted another job" },
		{ "answer_date", "this is no acknowledgement of an offer" },
	};
	for (size_t i = 0; i < sizeof opt / sizeof opt[0]; i++)
		if (!strcmp(name, opt[i].name)) {
			fu_buf_printf(b, "%s; make it optional with {#%s}..."
				      "{/%s}", opt[i].why, name, name);
			return;
		}
	if (!strncmp(name, "scheduled.", 10)) {
		fu_buf_printf(b, "no interview or meeting is arranged for this "
			      "%s", action);
		return;
	}
	fu_buf_printf(b, "fu knows no %s for this %s", name, action);
}

/* The message for a signature or user.* value that is not set. */
static const char *unset_user_key(const fu_draft_input *in, const char *name)
{
	static const char *const name_msg =
		"set your name first: fu config user.name 'Your Name'";
	static const char *const email_msg =
		"set your e-mail address first: fu config user.email "
		"you@example.org";
	static const char *const phone_msg =
		"set your phone number first: fu config user.phone 'NUMBER'";
	if (!strcmp(name, "user.name") || !strcmp(name, "user.first_name"))
		return name_msg;
	if (!strcmp(name, "user.email"))
		return email_msg;
	if (!strcmp(name, "user.phone"))
		return phone_msg;
	if (!strcmp(name, "user.address"))
		return "set your postal address first, for the head of a "
		       "letter: fu config user.address '12 Elm Street, "
		       "Springfield'";
	if (!strcmp(name, "signature"))
		return !fu__draft_has(in->user_name) ? name_msg
		     : !fu__draft_has(in->user_email) ? email_msg : phone_msg;
	return NULL;
}

/* --- rendering --------------------------------------------------------- */

typedef struct rctx {
	fu_db *db;
	const fu_draft_input *in;
	const char *source; /* the user's template path, or NULL: built-in */
	const char *t;
	size_t pos;
	fu_buf out;
	size_t sigwords;
} rctx;

static int line_of(const char *t, size_t pos)
{
	int line = 1;
	for (size_t i = 0; i < pos && t[i]; i++)
		line += t[i] == '\n';
	return line;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int tfail(rctx *r, size_t at, const char *fmt, ...)
{
	fu_buf b = FU_BUF_INIT;
	va_list ap;
	if (r->source)
		fu_buf_printf(&b, "template %s, line %d: ", r->source,
			      line_of(r->t, at));
	else
		fu_buf_printf(&b, "the built-in %s.%s template, line %d: ",
			      r->in->action, fu__draft_channel_file(r->in->channel),
			      line_of(r->t, at));
	va_start(ap, fmt);
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	int rc = b.failed ? fu__draft_oom(r->db) : fu__error(r->db, FU_EINVALID, "%s",
						    b.data);
	fu_buf_free(&b);
	return rc;
}

static int fail_missing(rctx *r, size_t at, const char *name)
{
	const char *user = unset_user_key(r->in, name);
	if (user)
		return fu__error(r->db, FU_EINVALID, "%s", user);
	fu_buf b = FU_BUF_INIT;
	why_missing(&b, r->in, name);
	int rc = r->source
		? tfail(r, at, "{%s} has no value: %s", name, b.data)
		: fu__error(r->db, FU_EINVALID, "{%s} has no value: %s", name,
			    b.data);
	fu_buf_free(&b);
	return rc;
}

/* Drop the blanks written since the last line end. */
static void trim_line(fu_buf *b)
{
	while (b->len && (b->data[b->len - 1] == ' ' ||
			  b->data[b->len - 1] == '\t'))
		b->len--;
	if (b->cap)
		b->data[b->len] = '\0';
}

/* At '{' (not "{{"): read the tag, its kind ('#', '^', '/' or 0) and
 * name; step past it, and past the rest of its line when a section tag
 * stands alone there. */
static int read_tag(rctx *r, char *kind, char *name, size_t len)
{
	const char *t = r->t;
	size_t start = r->pos;
	const char *p = t + start + 1;
	size_t n = strcspn(p, "}\n");
	if (p[n] != '}')
		return tfail(r, start, "'{' without '}' (write '{{' for a "
			     "literal brace)");
	*kind = (*p == '#' || *p == '^' || *p == '/') ? *p : 0;
	const char *nm = p + (*kind ? 1 : 0);
	size_t nl = n - (*kind ? 1 : 0);
	if (nl == 0 || nl >= len)
		return tfail(r, start, "'{%.*s}' is not a placeholder (write "
			     "'{{' for a literal brace)", (int)(n > 60 ? 60 : n),
			     p);
	memcpy(name, nm, nl);
	name[nl] = '\0';
	r->pos = start + 1 + n + 1;
	if (!*kind)
		return FU_OK;
	size_t b = start;
	while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\t'))
		b--;
	if (b > 0 && t[b - 1] != '\n')
		return FU_OK;
	size_t e = r->pos;
	while (t[e] == ' ' || t[e] == '\t')
		e++;
	if (t[e] != '\n' && t[e] != '\0')
		return FU_OK;
	trim_line(&r->out);
	r->pos = t[e] ? e + 1 : e;
	return FU_OK;
}

/* Render until {/close} (or the end when close is NULL); write only
 * when emit. Unknown names are errors even where nothing is written. */
static int block(rctx *r, const char *close, size_t open_at, int emit,
		 int depth)
{
	const char *t = r->t;
	while (t[r->pos]) {
		char ch = t[r->pos];
		if (ch == '{' && t[r->pos + 1] == '{') {
			if (emit)
				fu_buf_putc(&r->out, '{');
			r->pos += 2;
			continue;
		}
		if (ch != '{') {
			if (emit)
				fu_buf_putc(&r->out, ch);
			r->pos++;
			continue;
		}
		size_t at = r->pos;
		char kind = 0, name[64];
		int rc = read_tag(r, &kind, name, sizeof name);
		if (rc)
			return rc;
		if (kind == '/') {
			if (close && strcmp(close, name) == 0)
				return FU_OK;
			if (close)
				return tfail(r, at, "'{/%s}' where '{/%s}' "
					     "was expected", name, close);
			return tfail(r, at, "'{/%s}' closes no section", name);
		}
		fu_buf v = FU_BUF_INIT;
		int got = value_of(&v, r->in, name);
		if (got < 0) {
			fu_buf_free(&v);
			return tfail(r, at, "unknown placeholder '{%s}' (see "
				     "fu-draft(1) for the list)", name);
		}
		if (kind) {
			fu_buf_free(&v);
			if (depth >= 16)
				return tfail(r, at, "sections nested too deep");
			rc = block(r, name, at,
				   emit && (kind == '#' ? got : !got),
				   depth + 1);
			if (rc)
				return rc;
			continue;
		}
		if (emit && !got) {
			fu_buf_free(&v);
			return fail_missing(r, at, name);
		}
		if (emit) {
			fu_buf_add(&r->out, v.data, v.len);
			if (strcmp(name, "signature") == 0)
				r->sigwords += fu_draft_words(v.data);
		}
		fu_buf_free(&v);
	}
	if (close)
		return tfail(r, open_at, "'{%s}' is never closed (end it with "
			     "'{/%s}')", close, close);
	return FU_OK;
}

/* Lines without trailing blanks, no blank lines at the start, at most
 * one blank line in a row, one newline at the end. */
static char *tidy(const char *s)
{
	fu_buf b = FU_BUF_INIT;
	int blanks = 0, started = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");
		size_t m = n;
		while (m && (s[m - 1] == ' ' || s[m - 1] == '\t' ||
			     s[m - 1] == '\r'))
			m--;
		if (m == 0) {
			blanks++;
		} else {
			if (started && blanks)
				fu_buf_putc(&b, '\n');
			fu_buf_add(&b, s, m);
			fu_buf_putc(&b, '\n');
			started = 1;
			blanks = 0;
		}
		s += n + (s[n] == '\n');
	}
	if (b.failed) {
		fu_buf_free(&b);
		return NULL;
	}
	return fu_buf_detach(&b);
}


void fu_draft_free(fu_draft *d)
{
	if (!d)
		return;
	free(d->subject);
	free(d->body);
	free(d->source);
	for (size_t i = 0; i < d->nwarnings; i++)
		free(d->warnings[i]);
	free(d->warnings);
	free(d->message_id);
	free(d);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int warn(fu_draft *d, const char *fmt, ...)
{
	fu_buf b = FU_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char **w = realloc(d->warnings, (d->nwarnings + 1) * sizeof *w);
	char *s = fu_buf_detach(&b);
	if (!w || !s || b.failed) {
		if (w)
			d->warnings = w;
		free(s);
		return FU_ERROR;
	}
	d->warnings = w;
	w[d->nwarnings++] = s;
	return FU_OK;
}

/* What a contact lacks for a channel, with the way out. */
void fu__draft_no_means(fu_buf *b, const fu_draft_input *in,
			const char *what, const char *opt, const char *others)
{
	fu_buf_printf(b, "%s has no %s: fu edit ", in->contact_name, what);
	contact_ref(b, in->contact_name, in->contact_id);
	fu_buf_printf(b, " %s", opt);
	if (others && *others)
		fu_buf_printf(b, ", or --channel %s", others);
}

/* The letter's head: your postal address, the date, then the contact's
 * name, title, company and postal address. */
static int letter_head(fu_buf *b, fu_db *db, const fu_draft_input *in)
{
	if (!fu__draft_has(in->user_address))
		return fu__error(db, FU_EINVALID, "%s",
				 unset_user_key(in, "user.address"));
	if (!fu__draft_has(in->contact_name))
		return fu__error(db, FU_EINVALID, "a letter needs someone to "
				 "write to: name them with --to CONTACT");
	if (!fu__draft_has(in->contact_address)) {
		fu_buf m = FU_BUF_INIT;
		fu__draft_no_means(&m, in, "postal address", "--address ADDRESS", NULL);
		int rc = fu__error(db, FU_EINVALID, "%s", m.data);
		fu_buf_free(&m);
		return rc;
	}
	char *from = tidy(in->user_address);
	if (!from)
		return fu__draft_oom(db);
	fu_buf_printf(b, "%s\n", from); /* tidy() ends it with a newline */
	free(from);
	full_date(b, in->now);
	fu_buf_printf(b, "\n\n%s\n", in->contact_name);
	if (fu__draft_has(in->contact_title))
		fu_buf_printf(b, "%s\n", in->contact_title);
	const char *org = fu__draft_has(in->contact_company) ? in->contact_company
						   : in->company;
	char *addr = tidy(in->contact_address);
	if (!addr)
		return fu__draft_oom(db);
	/* not twice when the address begins with it ("Stark Industries,
	 * 1 Tower Way") */
	size_t n = fu__draft_has(org) ? strlen(org) : 0;
	if (n && !(strncasecmp(addr, org, n) == 0 &&
		   (addr[n] == ',' || addr[n] == '\n')))
		fu_buf_printf(b, "%s\n", org);
	fu_buf_puts(b, addr); /* tidy() ends it with a newline */
	free(addr);
	return FU_OK;
}

int fu_draft_render(fu_draft **out, fu_db *db, const fu_draft_input *in,
		    const char *template_text, const char *source)
{
	*out = NULL;
	int msg = fu_draft_is_message(in->action);
	if (msg < 0)
		return fu__error(db, FU_EINVALID, "unknown action '%s'",
				 in->action ? in->action : "");
	if (msg && in->channel != FU_CH_EMAIL && in->channel != FU_CH_PHONE &&
	    in->channel != FU_CH_LETTER && in->channel != FU_CH_SOCIAL)
		return fu__error(db, FU_EINVALID, "a %s is written by email, "
				 "phone or letter", in->action);
	if (!msg && in->channel != FU_CH_NONE)
		return fu__error(db, FU_EINVALID, "%s is a checklist, not a "
				 "message: it has no channel", in->action);
	if (in->channel == FU_CH_LETTER && !fu_draft_by_letter(in->action))
		return fu__error(db, FU_EINVALID, "%s", fu_draft_no_letter(
					 in->action));
	rctx r = { db, in, source, template_text ? template_text
				   : fu_draft_builtin(in), 0, FU_BUF_INIT, 0 };
	int rc = block(&r, NULL, 0, 1, 0);
	if (!rc && r.out.failed)
		rc = fu__draft_oom(db);
	char *text = rc ? NULL : tidy(r.out.data);
	fu_buf_free(&r.out);
	if (rc)
		return rc;
	const char *name = source ? source : "the built-in template";
	fu_draft *d = calloc(1, sizeof *d);
	fu_buf head = FU_BUF_INIT;
	if (!text || !d) {
		rc = fu__draft_oom(db);
		goto done;
	}
	const char *body = text;
	if (in->channel == FU_CH_EMAIL || in->channel == FU_CH_SOCIAL) {
		if (strncasecmp(text, "Subject:", 8) != 0) {
			rc = fu__error(db, FU_EINVALID, "%s: an e-mail template "
				       "starts with a 'Subject: ...' line", name);
			goto done;
		}
		const char *s = text + 8;
		s += strspn(s, " \t");
		size_t n = strcspn(s, "\n");
		if (n == 0) {
			rc = fu__error(db, FU_EINVALID, "%s: the Subject line "
				       "is empty", name);
			goto done;
		}
		if (in->channel == FU_CH_EMAIL &&
		    !(d->subject = strndup(s, n))) {
			rc = fu__draft_oom(db);
			goto done;
		}
		body = s + n;
		body += strspn(body, "\n");
	}
	if (!*body) {
		rc = fu__error(db, FU_EINVALID, "%s: the message is empty", name);
		goto done;
	}
	if (in->channel == FU_CH_LETTER) {
		if ((rc = letter_head(&head, db, in)))
			goto done;
		d->excluded += fu_draft_words(head.data);
		fu_buf_putc(&head, '\n');
	}
	fu_buf_puts(&head, body);
	d->excluded += r.sigwords;
	d->source = strdup(source ? source : "built-in");
	if (head.failed || !d->source || !(d->body = fu_buf_detach(&head))) {
		rc = fu__draft_oom(db);
		goto done;
	}
done:
	fu_buf_free(&head);
	free(text);
	if (rc)
		fu_draft_free(d);
	else
		*out = d;
	return rc;
}

/* Valid UTF-8 with no control characters but newlines and tabs (and
 * carriage returns, dropped later). */
static int is_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2
			 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
		if (!n || (n == 2 && *p < 0xc2))
			return 0;
		for (size_t i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return 0;
		if (n == 1 && (*p < 0x20 || *p == 0x7f) && *p != '\n' &&
		    *p != '\t' && *p != '\r')
			return 0;
		if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)
			return 0;
		p += n;
	}
	return 1;
}

int fu_draft_set_text(fu_draft *d, fu_db *db, const fu_draft_input *in,
		      const char *text)
{
	if (!is_text(text))
		return fu__error(db, FU_EINVALID, "the edited draft is not "
				 "UTF-8 text");
	char *t = tidy(text);
	if (!t)
		return fu__draft_oom(db);
	const char *body = t;
	char *subject = NULL;
	if (in->channel == FU_CH_EMAIL && strncasecmp(t, "Subject:", 8) == 0) {
		const char *s = t + 8;
		s += strspn(s, " \t");
		size_t n = strcspn(s, "\n");
		if (n && !(subject = strndup(s, n))) {
			free(t);
			return fu__draft_oom(db);
		}
		body = s + n;
		body += strspn(body, "\n");
	}
	if (!*body) {
		free(t);
		free(subject);
		return fu__error(db, FU_EINVALID, "the draft is empty after "
				 "editing: nothing done");
	}
	char *b = strdup(body);
	free(t);
	if (!b) {
		free(subject);
		return fu__draft_oom(db);
	}
	free(d->body);
	d->body = b;
	if (subject) {
		free(d->subject);
		d->subject = subject;
	}
	return FU_OK;
}

char *fu_draft_text(const fu_draft *d)
{
	fu_buf b = FU_BUF_INIT;
	if (d->subject)
		fu_buf_printf(&b, "Subject: %s\n\n", d->subject);
	fu_buf_puts(&b, d->body ? d->body : "");
	if (b.failed) {
		fu_buf_free(&b);
		return NULL;
	}
	return fu_buf_detach(&b);
}

/* --- the user's templates ----------------------------------------------- */

/* $XDG_CONFIG_HOME/fu/<name>, else ~/.config/fu/<name>; 0 or -1. */
static int config_path(fu_buf *b, const char *name)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (x && x[0] == '/')
		fu_buf_printf(b, "%s/fu/%s", x, name);
	else if (home && *home)
		fu_buf_printf(b, "%s/.config/fu/%s", home, name);
	else
		return -1;
	return b->failed ? -1 : 0;
}

/* Read a template file: FU_ENOTFOUND when it does not exist. */
static int read_template(char **out, fu_db *db, const char *path)
{
	*out = NULL;
	/* O_NONBLOCK: a FIFO (or a device) opens at once, and is refused,
	 * rather than waited on for ever */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return FU_ENOTFOUND;
		return fu__error(db, FU_EINVALID, "cannot read template %s: %s",
				 path, strerror(errno));
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fu__error(db, FU_EINVALID, "template %s is not a regular "
				 "file", path);
	}
	int fl = fcntl(fd, F_GETFL);
	FILE *f = fl >= 0 && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0
		? fdopen(fd, "rb") : NULL;
	if (!f) {
		int e = errno;
		close(fd);
		return fu__error(db, FU_EINVALID, "cannot read template %s: %s",
				 path, strerror(e));
	}
	fu_buf b = FU_BUF_INIT;
	char chunk[4096];
	size_t n;
	int rc = FU_OK;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (memchr(chunk, '\0', n)) {
			rc = fu__error(db, FU_EINVALID, "template %s is not "
				       "text", path);
			break;
		}
		fu_buf_add(&b, chunk, n);
		if (b.len > 65536) {
			rc = fu__error(db, FU_EINVALID, "template %s is too "
				       "long (more than 64 KiB)", path);
			break;
		}
	}
	if (!rc && ferror(f))
		rc = fu__error(db, FU_EINVALID, "cannot read template %s: %s",
			       path, strerror(errno));
	fclose(f);
	if (!rc && b.failed)
		rc = fu__draft_oom(db);
	if (!rc && !is_text(b.data))
		rc = fu__error(db, FU_EINVALID, "template %s is not UTF-8 "
			       "text", path);
	if (rc) {
		fu_buf_free(&b);
		return rc;
	}
	*out = fu_buf_detach(&b);
	return *out ? FU_OK : fu__draft_oom(db);
}

int fu_draft_template_find(char **text, char **path, fu_db *db,
			   const fu_draft_input *in, const char *dir)
{
	*text = NULL;
	*path = NULL;
	const char *ch = fu__draft_channel_file(in->channel);
	if (!in->action || !ch)
		return FU_ENOTFOUND;
	fu_buf base = FU_BUF_INIT;
	if (dir)
		fu_buf_puts(&base, dir);
	else if (config_path(&base, "templates")) {
		fu_buf_free(&base);
		return FU_ENOTFOUND;
	}
	int rc = FU_ENOTFOUND;
	/* a nudge's wording, then the situation's, then the action's */
	for (int pass = 0; pass < 3 && rc == FU_ENOTFOUND; pass++) {
		fu_buf p = FU_BUF_INIT;
		if ((pass == 0 && strcmp(in->action, "nudge") != 0) ||
		    (pass == 1 && !fu__draft_has(in->situation)))
			continue;
		if (pass == 0)
			fu_buf_printf(&p, "%s/%s.%d.%s", base.data, in->action,
				      fu_draft_wording(in), ch);
		else if (pass == 1)
			fu_buf_printf(&p, "%s/%s.%s.%s", base.data, in->action,
				      in->situation, ch);
		else
			fu_buf_printf(&p, "%s/%s.%s", base.data, in->action, ch);
		if (p.failed) {
			fu_buf_free(&p);
			rc = fu__draft_oom(db);
			break;
		}
		rc = read_template(text, db, p.data);
		if (rc == FU_OK)
			*path = fu_buf_detach(&p);
		fu_buf_free(&p);
		if (rc == FU_OK && !*path) {
			free(*text);
			*text = NULL;
			rc = fu__draft_oom(db);
		}
	}
	fu_buf_free(&base);
	return rc;
}

/* --- checks ------------------------------------------------------------- */

char *fu_draft_dictionary_path(void)
{
	fu_buf b = FU_BUF_INIT;
	if (config_path(&b, "dictionary")) {
		fu_buf_free(&b);
		return NULL;
	}
	return fu_buf_detach(&b);
}

/* Seed 000, 002: a thank-you recalls one or two points of the
 * conversation, and an introduction says why you write; when nothing
 * was logged, the draft goes out all the same, with the way to add it. */
static int topic_warning(fu_draft *d, fu_db *db, const fu_draft_input *in)
{
	int thanks = !strcmp(in->action, "thank-you");
	if ((!thanks && strcmp(in->action, "intro-reach-out")) ||
	    in->ntopics || !in->event_id)
		return FU_OK;
	fu_buf b = FU_BUF_INIT;
	int64_t ref = in->application_id ? in->application_id
					 : in->subject_contact_id;
	const char *what = event_noun(in->event_kind, in->event_channel);
	if (thanks)
		fu_buf_printf(&b, "nothing was logged as discussed with %s: a "
			      "thank-you is stronger with one or two points "
			      "from the %s (fu log %lld topic --event %lld "
			      "--topic-for '", in->contact_name ? in->contact_name
			      : "them", what ? what : "meeting", (long long)ref,
			      (long long)in->event_id);
	else
		fu_buf_printf(&b, "no reason for getting in touch was logged "
			      "with the introduction: say why you write (fu "
			      "log %lld topic --event %lld --topic '",
			      (long long)ref, (long long)in->event_id);
	if (thanks && in->contact_name && !strchr(in->contact_name, '\''))
		fu_buf_printf(&b, "%s: ", in->contact_name);
	else if (thanks)
		fu_buf_printf(&b, "%lld: ", (long long)in->contact_id);
	fu_buf_puts(&b, "WHAT YOU DISCUSSED')");
	int rc = b.failed || warn(d, "%s", b.data) ? fu__draft_oom(db) : FU_OK;
	fu_buf_free(&b);
	return rc;
}

/* The capitalised words of a user's text (a topic's proper nouns: "Go",
 * "PyData"), for the spelling check to leave alone. */
static void proper_nouns(fu_buf *b, const char *s)
{
	while (s && *s) {
		size_t n = strcspn(s, " \t\n,;:()\"");
		if (n && ((*s >= 'A' && *s <= 'Z') || (unsigned char)*s >= 0xc0))
			fu_buf_printf(b, "%.*s ", (int)n, s);
		s += n;
		s += strspn(s, " \t\n,;:()\"");
	}
}

int fu_draft_check(fu_draft *d, fu_db *db, const fu_draft_input *in,
		   const char *dictionary, const char *words)
{
	if (in->channel == FU_CH_NONE)
		return FU_OK; /* a checklist is fu's own text, not a message */
	int rc = topic_warning(d, db, in);
	if (rc)
		return rc;
	int limit = fu_draft_limit(in->action);
	if (limit && in->channel != FU_CH_PHONE && in->channel != FU_CH_NONE) {
		size_t n = fu_draft_words(d->body);
		n = n > d->excluded ? n - d->excluded : 0;
		if (n > (size_t)limit &&
		    warn(d, "the %s is %zu words long; keep it under about %d",
			 in->action, n, limit))
			return fu__draft_oom(db);
	}
	fu_buf proper = FU_BUF_INIT;
	for (size_t i = 0; i < in->ntopics; i++)
		proper_nouns(&proper, in->topics[i]);
	proper_nouns(&proper, in->occasion);
	proper_nouns(&proper, in->because);
	proper_nouns(&proper, in->applied_role);
	for (size_t i = 0; i < in->nalso; i++) {
		proper_nouns(&proper, in->also[i].company);
		proper_nouns(&proper, in->also[i].role);
	}
	for (size_t i = 0; i < in->nothers; i++) {
		proper_nouns(&proper, in->others[i].company);
		proper_nouns(&proper, in->others[i].role);
	}
	for (size_t i = 0; i < in->npeople; i++)
		proper_nouns(&proper, in->people[i].name);
	const char *ignore[] = {
		in->contact_name, in->contact_title, in->contact_company,
		in->contact_email, in->contact_address, in->company, in->role,
		in->url, in->introducer_name, in->introduced_name,
		in->user_name, in->user_email, in->user_address, proper.data,
	};
	const char *keep[sizeof ignore / sizeof ignore[0]];
	size_t nkeep = 0;
	for (size_t i = 0; i < sizeof ignore / sizeof ignore[0]; i++)
		if (ignore[i])
			keep[nkeep++] = ignore[i];
	fu_buf text = FU_BUF_INIT, legacy = FU_BUF_INIT;
	if (d->subject)
		fu_buf_printf(&text, "%s\n", d->subject);
	fu_buf_puts(&text, d->body ? d->body : "");
	char *personal = words ? NULL : fu_draft_dictionary_path();
	const char *dicts[2];
	size_t ndicts = 0;
	if (words)
		dicts[ndicts++] = words;
	if (personal)
		dicts[ndicts++] = personal;
	if (!words && config_path(&legacy, "words") == 0)
		dicts[ndicts++] = legacy.data;
	fu_spell_word *list = NULL;
	size_t n = 0;
	rc = text.failed || proper.failed ? fu__draft_oom(db)
		: fu_spell_check(&list, &n, db, text.data, keep, nkeep,
				 dictionary, dicts, ndicts);
	if (rc == FU_ENOTFOUND) {
		rc = warn(d, "%s", fu_errmsg(db)) ? fu__draft_oom(db) : FU_OK;
	} else if (rc == FU_OK) {
		for (size_t i = 0; i < n && !rc; i++) {
			fu_buf s = FU_BUF_INIT;
			for (size_t j = 0; j < list[i].nsuggestions; j++)
				fu_buf_printf(&s, "%s%s", j ? ", " : " (",
					      list[i].suggestions[j]);
			if (list[i].nsuggestions)
				fu_buf_putc(&s, ')');
			if (s.failed || warn(d, "'%s' may be misspelled%s; if it "
					     "is right: fu draft --add-word %s",
					     list[i].word, s.data, list[i].word))
				rc = fu__draft_oom(db);
			fu_buf_free(&s);
		}
	}
	fu_spell_free(list, n);
	fu_buf_free(&text);
	fu_buf_free(&legacy);
	fu_buf_free(&proper);
	free(personal);
	return rc;
}
