/* SPDX-License-Identifier: MIT */
/* model.c - the names of fu's words, and freeing its records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fu/buf.h"
#include "fu/fu.h"
#include "fu/model.h"

static const char *const event_kinds[FU_EV__COUNT] = {
	[FU_EV_APPLIED] = "applied",
	[FU_EV_INTERVIEW] = "interview",
	[FU_EV_MEETING] = "meeting",
	[FU_EV_MET] = "met",
	[FU_EV_INTRO] = "intro",
	[FU_EV_HELP_PROMISED] = "help-promised",
	[FU_EV_SENT] = "sent",
	[FU_EV_REPLY] = "reply",
	[FU_EV_TIMELINE] = "timeline",
	[FU_EV_POSTING_CLOSED] = "posting-closed",
	[FU_EV_OFFER] = "offer",
	[FU_EV_REJECTION] = "rejection",
	[FU_EV_SNOOZE] = "snooze",
	[FU_EV_DISMISS] = "dismiss",
	[FU_EV_CLOSED] = "closed",
};

static const char *const channels[FU_CH__COUNT] = {
	[FU_CH_EMAIL] = "email",
	[FU_CH_PHONE] = "phone",
	[FU_CH_LETTER] = "letter",
	[FU_CH_SOCIAL] = "social",
	[FU_CH_IN_PERSON] = "in-person",
	[FU_CH_VIDEO] = "video",
};

static const char *const sources[FU_SRC__COUNT] = {
	[FU_SRC_BOARD] = "board",
	[FU_SRC_REFERRAL] = "referral",
	[FU_SRC_RECRUITER] = "recruiter",
	[FU_SRC_DIRECT] = "direct",
	[FU_SRC_OTHER] = "other",
};

static const char *const outcomes[FU_OUT__COUNT] = {
	[FU_OUT_ACCEPTED] = "accepted",
	[FU_OUT_DECLINED] = "declined",
	[FU_OUT_REJECTED] = "rejected",
	[FU_OUT_WITHDRAWN] = "withdrawn",
	[FU_OUT_NO_RESPONSE] = "no-response",
	[FU_OUT_FILLED] = "filled",
};

static const char *const action_kinds[FU_ACT__COUNT] = {
	[FU_ACT_THANK_YOU] = "thank-you",
	[FU_ACT_ACKNOWLEDGE] = "acknowledge",
	[FU_ACT_CONNECT] = "connect",
	[FU_ACT_INTRO_THANKS] = "intro-thanks",
	[FU_ACT_INTRO_REACH_OUT] = "intro-reach-out",
	[FU_ACT_HELP_REMINDER] = "help-reminder",
	[FU_ACT_FIND_CONTACT] = "find-contact",
	[FU_ACT_APP_CHECK_IN] = "application-check-in",
	[FU_ACT_INTERVIEW_CHECK_IN] = "interview-check-in",
	[FU_ACT_NUDGE] = "nudge",
	[FU_ACT_CLOSURE] = "closure",
	[FU_ACT_REJECTION_RESPONSE] = "rejection-response",
	[FU_ACT_OFFER_REVIEW] = "offer-review",
	[FU_ACT_WITHDRAW_NOTICE] = "withdraw-notice",
	[FU_ACT_DECLINE_OFFER] = "decline-offer",
	[FU_ACT_PREPARE] = "prepare",
};

static const char *const stages[FU_STAGE__OPEN] = {
	[FU_STAGE_PLANNED] = "planned",
	[FU_STAGE_APPLIED] = "applied",
	[FU_STAGE_INTERVIEWING] = "interviewing",
	[FU_STAGE_OFFER] = "offer",
};

static const char *name_of(const char *const *names, int count, int v)
{
	return v > 0 && v < count ? names[v] : NULL;
}

static int parse_name(int *out, const char *const *names, int count,
		      int last, const char *s)
{
	if (!s)
		return FU_EINVALID;
	for (int i = 1; i < count && i <= last; i++)
		if (names[i] && strcasecmp(names[i], s) == 0) {
			*out = i;
			return FU_OK;
		}
	return FU_EINVALID;
}

static const char *join_names(char *buf, size_t len, const char *const *names,
			      int count, int last)
{
	if (buf[0])
		return buf;
	size_t used = 0;
	for (int i = 1; i < count && i <= last; i++) {
		if (!names[i])
			continue;
		int w = snprintf(buf + used, len - used, "%s%s",
				 used ? ", " : "", names[i]);
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
	return buf;
}

const char *fu_event_kind_name(fu_event_kind k)
{
	return name_of(event_kinds, FU_EV__COUNT, (int)k);
}
const char *fu_channel_name(fu_channel c)
{
	return name_of(channels, FU_CH__COUNT, (int)c);
}
const char *fu_source_name(fu_source s)
{
	return name_of(sources, FU_SRC__COUNT, (int)s);
}
const char *fu_outcome_name(fu_outcome o)
{
	return name_of(outcomes, FU_OUT__COUNT, (int)o);
}
const char *fu_action_kind_name(fu_action_kind k)
{
	return name_of(action_kinds, FU_ACT__COUNT, (int)k);
}
const char *fu_stage_name(fu_stage s)
{
	return (int)s >= 0 && s < FU_STAGE__OPEN ? stages[s] : NULL;
}

int fu_event_kind_parse(fu_event_kind *out, const char *s)
{
	int v = 0, rc = parse_name(&v, event_kinds, FU_EV__COUNT,
				   FU_EV_DISMISS, s);
	if (rc == FU_OK)
		*out = (fu_event_kind)v;
	return rc;
}
int fu_event_kind_stored(fu_event_kind *out, const char *s)
{
	int v = 0, rc = parse_name(&v, event_kinds, FU_EV__COUNT,
				   FU_EV_CLOSED, s);
	if (rc == FU_OK)
		*out = (fu_event_kind)v;
	return rc;
}
int fu_action_kind_parse(fu_action_kind *out, const char *s)
{
	int v = 0, rc = parse_name(&v, action_kinds, FU_ACT__COUNT,
				   FU_ACT__COUNT - 1, s);
	if (rc == FU_OK)
		*out = (fu_action_kind)v;
	return rc;
}
int fu_channel_parse(fu_channel *out, const char *s)
{
	int v = 0, rc = parse_name(&v, channels, FU_CH__COUNT,
				   FU_CH__COUNT - 1, s);
	if (rc == FU_OK)
		*out = (fu_channel)v;
	return rc;
}
int fu_source_parse(fu_source *out, const char *s)
{
	int v = 0, rc = parse_name(&v, sources, FU_SRC__COUNT,
				   FU_SRC__COUNT - 1, s);
	if (rc == FU_OK)
		*out = (fu_source)v;
	return rc;
}
int fu_outcome_parse(fu_outcome *out, const char *s)
{
	int v = 0, rc = parse_name(&v, outcomes, FU_OUT__COUNT,
				   FU_OUT__COUNT - 1, s);
	if (rc == FU_OK)
		*out = (fu_outcome)v;
	return rc;
}

const char *fu_event_kind_names(void)
{
	static char buf[256];
	return join_names(buf, sizeof buf, event_kinds, FU_EV__COUNT,
			  FU_EV_DISMISS);
}
const char *fu_action_kind_names(void)
{
	static char buf[512];
	return join_names(buf, sizeof buf, action_kinds, FU_ACT__COUNT,
			  FU_ACT__COUNT - 1);
}
const char *fu_channel_names(void)
{
	static char buf[128];
	return join_names(buf, sizeof buf, channels, FU_CH__COUNT,
			  FU_CH__COUNT - 1);
}
const char *fu_source_names(void)
{
	static char buf[128];
	return join_names(buf, sizeof buf, sources, FU_SRC__COUNT,
			  FU_SRC__COUNT - 1);
}
const char *fu_outcome_names(void)
{
	static char buf[128];
	return join_names(buf, sizeof buf, outcomes, FU_OUT__COUNT,
			  FU_OUT__COUNT - 1);
}

void fu_contact_clear(fu_contact *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->company);
	free(c->title);
	free(c->email);
	free(c->phone);
	free(c->address);
	free(c->notes);
	memset(c, 0, sizeof *c);
}

void fu_application_clear(fu_application *a)
{
	if (!a)
		return;
	free(a->company);
	free(a->role);
	free(a->url);
	free(a->notes);
	free(a->contact_ids);
	for (size_t i = 0; i < a->nnew_contacts; i++)
		free(a->new_contacts[i]);
	free(a->new_contacts);
	memset(a, 0, sizeof *a);
}

void fu_event_clear(fu_event *e)
{
	if (!e)
		return;
	free(e->note);
	free(e->action);
	free(e->message_id);
	for (size_t i = 0; i < e->ntopics; i++)
		free(e->topics[i]);
	free(e->topics);
	free(e->topic_with);
	free(e->occasion);
	free(e->because);
	free(e->with);
	for (size_t i = 0; i < e->nwith_new; i++)
		free(e->with_new[i]);
	free(e->with_new);
	memset(e, 0, sizeof *e);
}

void fu_contact_free(fu_contact *c)
{
	fu_contact_clear(c);
	free(c);
}
void fu_application_free(fu_application *a)
{
	fu_application_clear(a);
	free(a);
}
void fu_event_free(fu_event *e)
{
	fu_event_clear(e);
	free(e);
}

/* --- fu notify's methods ------------------------------------------------ */

static const char *const method_names[FU_NOTIFY__COUNT] = {
	"none", "desktop", "mail", "exec"
};

const char *fu_notify_method_name(fu_notify_method m)
{
	return m < FU_NOTIFY__COUNT ? method_names[m] : NULL;
}

int fu_notify_method_parse(fu_notify_method *out, const char *s)
{
	for (int m = 1; m < FU_NOTIFY__COUNT; m++)
		if (s && !strcasecmp(s, method_names[m])) {
			*out = (fu_notify_method)m;
			return FU_OK;
		}
	return FU_EINVALID;
}

int fu_notify_via_parse(fu_notify_method out[FU_NOTIFY__COUNT], size_t *n,
			fu_db *db, const char *text, char *norm, size_t len)
{
	fu_buf b = FU_BUF_INIT;
	int rc = FU_OK;
	*n = 0;
	const char *p = text ? text : "";
	for (;;) {
		p += strspn(p, " \t");
		size_t w = strcspn(p, ",");
		size_t k = w;
		while (k && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		char word[32];
		fu_notify_method m;
		snprintf(word, sizeof word, "%.*s", (int)(k < 31 ? k : 31), p);
		if (k == 0 || k > 31 || fu_notify_method_parse(&m, word)) {
			rc = fu__error(db, FU_EINVALID, "notify.via takes desktop, "
				       "mail or exec, separated by commas, not "
				       "'%s'", text ? text : "");
			goto done;
		}
		for (size_t i = 0; i < *n; i++)
			if (out[i] == m) {
				rc = fu__error(db, FU_EINVALID, "notify.via names "
					       "'%s' twice", method_names[m]);
				goto done;
			}
		out[(*n)++] = m;
		fu_buf_printf(&b, "%s%s", *n > 1 ? "," : "", method_names[m]);
		p += w;
		if (!*p)
			break;
		p++; /* the comma */
	}
	if (norm && len)
		snprintf(norm, len, "%s", b.data);
done:
	if (rc)
		*n = 0;
	fu_buf_free(&b);
	return rc;
}
