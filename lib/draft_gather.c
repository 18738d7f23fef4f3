/* SPDX-License-Identifier: MIT */
/*
 * draft_gather.c - what a draft says, read from the database: the action
 * owed, its person, application and the events that raised it, and the
 * user's signature, into a plain fu_draft_input (draft.h); and the sent
 * event that answers a draft once it went out.
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

/* --- gathering from the database --------------------------------------- */

typedef struct owned {
	fu_application *app;
	fu_contact *to, *introducer, *introduced;
	fu_event *trigger, *scheduled;
	fu_event *events;
	size_t nevents;
	const char **topics;      /* in->topics: strings of the events */
	fu_contact *people;       /* in->people's strings */
	size_t npeople;
	fu_draft_person *persons;
	fu_action_row *rows;      /* the person's actions (riders) */
	size_t nrows;
	fu_application *apps;     /* the person's open applications */
	size_t napps;
	fu_draft_other *also, *others;
	char *applied_role;
	char *user_name, *user_email, *user_phone, *user_address;
	char *reason;
} owned;

void fu_draft_input_free(fu_draft_input *in)
{
	if (!in)
		return;
	owned *o = in->owned;
	if (o) {
		fu_application_free(o->app);
		fu_contact_free(o->to);
		fu_contact_free(o->introducer);
		fu_contact_free(o->introduced);
		fu_event_free(o->trigger);
		fu_event_free(o->scheduled);
		fu_event_list_free(o->events, o->nevents);
		free(o->topics);
		fu_contact_list_free(o->people, o->npeople);
		free(o->persons);
		fu_action_list_free(o->rows, o->nrows);
		fu_application_list_free(o->apps, o->napps);
		free(o->also);
		free(o->others);
		free(o->applied_role);
		free(o->user_name);
		free(o->user_email);
		free(o->user_phone);
		free(o->user_address);
		free(o->reason);
		free(o);
	}
	free(in);
}

static int matches(const fu_action_row *r, const char *action)
{
	return !action || strcmp(fu_action_kind_name(r->a.kind), action) == 0 ||
	       strcmp(r->a.key, action) == 0;
}

/* "thank-you to Dana Reyes, application-check-in to Sam Lee" */
static void owed_list(fu_buf *b, const fu_action_row *rows, size_t n)
{
	for (size_t i = 0; i < n && i < 6; i++) {
		fu_buf_printf(b, "%s%s", i ? ", " : "",
			      fu_action_kind_name(rows[i].a.kind));
		if (rows[i].contact_name)
			fu_buf_printf(b, " to %s", rows[i].contact_name);
	}
	if (n > 6)
		fu_buf_printf(b, " and %zu more", n - 6);
}

/* Nothing fits the request: say what is owed instead. */
static int not_owed(fu_db *db, const fu_draft_request *req,
		    const fu_application *app, const char *what,
		    const char *to_name, const fu_action_row *rows, size_t n)
{
	fu_buf b = FU_BUF_INIT;
	if (app && app->outcome != FU_OUT_NONE) {
		fu_buf_printf(&b, "%s is closed (%s): ", what,
			      fu_outcome_name(app->outcome));
		if (n) {
			fu_buf_puts(&b, "it owes only its ");
			owed_list(&b, rows, n);
		} else {
			fu_buf_puts(&b, "nothing more to send");
		}
	} else if (!n) {
		fu_buf_printf(&b, "nothing is owed %s %s (fu due --all shows "
			      "what is)", app ? "on" : "to", what);
	} else {
		if (req->action)
			fu_buf_printf(&b, "no %s is owed", req->action);
		else
			fu_buf_puts(&b, "nothing is owed");
		if (to_name)
			fu_buf_printf(&b, " to %s", to_name);
		if (app || !to_name)
			fu_buf_printf(&b, " %s %s", app ? "on" : "to", what);
		fu_buf_puts(&b, "; owed: ");
		owed_list(&b, rows, n);
	}
	int rc = b.failed ? fu__draft_oom(db) : fu__error(db, FU_ENOTFOUND, "%s", b.data);
	fu_buf_free(&b);
	return rc;
}

/* The channels a contact can also be reached by, as "letter|phone". */
static void other_channels(fu_buf *b, const fu_contact *c, int calls_ok,
			   fu_channel not)
{
	const char *sep = "";
	if (not != FU_CH_EMAIL && fu__draft_has(c->email)) {
		fu_buf_printf(b, "%semail", sep);
		sep = "|";
	}
	if (not != FU_CH_LETTER && fu__draft_has(c->address)) {
		fu_buf_printf(b, "%sletter", sep);
		sep = "|";
	}
	if (not != FU_CH_PHONE && fu__draft_has(c->phone) && calls_ok)
		fu_buf_printf(b, "%sphone", sep);
}

/* Whether the message can go by in->channel to c. */
static int check_channel(fu_db *db, const fu_draft_input *in,
			 const fu_application *app, const fu_contact *c)
{
	int calls_ok = !(app && app->no_calls) && !c->no_calls;
	fu_buf b = FU_BUF_INIT, others = FU_BUF_INIT;
	other_channels(&others, c, calls_ok, in->channel);
	switch (in->channel) {
	case FU_CH_EMAIL:
		if (!fu__draft_has(c->email))
			fu__draft_no_means(&b, in, "e-mail address", "--email ADDRESS",
				 others.data);
		break;
	case FU_CH_LETTER:
		if (!fu__draft_has(c->address))
			fu__draft_no_means(&b, in, "postal address", "--address ADDRESS",
				 others.data);
		break;
	case FU_CH_PHONE:
		if (app && app->no_calls)
			fu_buf_printf(&b, "the %s application at %s excludes "
				      "calls: use --channel %s", app->role,
				      app->company, fu__draft_has(c->address)
				      ? "email or letter" : "email");
		else if (c->no_calls)
			fu_buf_printf(&b, "%s takes no calls: use --channel %s",
				      c->name, fu__draft_has(c->address)
				      ? "email or letter" : "email");
		else if (!fu__draft_has(c->phone))
			fu__draft_no_means(&b, in, "phone number", "--phone NUMBER",
				 others.data);
		break;
	default:
		break;
	}
	int rc = b.failed || others.failed ? fu__draft_oom(db)
		: b.len ? fu__error(db, FU_EINVALID, "%s", b.data) : FU_OK;
	fu_buf_free(&b);
	fu_buf_free(&others);
	return rc;
}

static int config_value(char **out, fu_db *db, const char *key)
{
	int rc = fu_config_get(out, db, key);
	return rc == FU_ENOTFOUND ? FU_OK : rc;
}

static int is_kind(const char *kind, const char *a, const char *b)
{
	return !strcmp(kind, a) || (b && !strcmp(kind, b));
}

/* The topics of e for the person who (0: anybody): theirs first, then
 * everyone's, each once (case aside), into o->topics. */
static int pick_topics(fu_draft_input *in, owned *o, fu_db *db,
		       const fu_event *e, int64_t who)
{
	free(o->topics);
	o->topics = NULL;
	in->topics = NULL;
	in->ntopics = 0;
	if (!e || !e->ntopics)
		return FU_OK;
	if (!(o->topics = calloc(e->ntopics, sizeof *o->topics)))
		return fu__draft_oom(db);
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < e->ntopics; i++) {
			int64_t w = e->topic_with ? e->topic_with[i] : 0;
			if (pass == 0 ? !who || w != who : w != 0)
				continue;
			int again = 0;
			for (size_t j = 0; j < n && !again; j++)
				again = fu__fold_equal(o->topics[j],
						       e->topics[i]) == 1;
			if (!again)
				o->topics[n++] = e->topics[i];
		}
	in->topics = o->topics;
	in->ntopics = n;
	return FU_OK;
}

/* Whether event e names person who (its --with, or logged on them). */
static int names_person(const fu_event *e, int64_t who)
{
	if (!e->nwith)
		return e->contact_id == who;
	for (size_t i = 0; i < e->nwith; i++)
		if (e->with[i] == who)
			return 1;
	return 0;
}

/* Whether a sent's aim (--action) may have been a nudge: none said, or
 * a nudge's kind or key. */
static int maybe_nudge(const char *aim)
{
	return !aim || strncmp(aim, "nudge", 5) == 0;
}

/* The nudge's wording: one more than the follow-ups already sent to
 * the person that may have been nudges (across every subject: one
 * person, one cadence), so that no nudge to them repeats an earlier
 * one. */
static int nudge_wording(fu_draft_input *in, fu_db *db, int64_t who)
{
	fu_event *ev = NULL;
	size_t n = 0;
	int rc = fu_event_list(&ev, &n, db, 0, who);
	if (rc)
		return rc;
	int count = 0;
	for (size_t i = 0; i < n; i++)
		count += ev[i].kind == FU_EV_SENT && ev[i].at <= in->now &&
			 names_person(&ev[i], who) && maybe_nudge(ev[i].action);
	fu_event_list_free(ev, n);
	in->wording = count + 1;
	return FU_OK;
}

/* The people event e is with, as fu_draft_person (o owns them). */
static int people_of(fu_draft_input *in, owned *o, fu_db *db,
		     const fu_event *e)
{
	if (!e || !e->nwith)
		return FU_OK;
	o->people = calloc(e->nwith, sizeof *o->people);
	o->persons = calloc(e->nwith, sizeof *o->persons);
	if (!o->people || !o->persons)
		return fu__draft_oom(db);
	for (size_t i = 0; i < e->nwith; i++) {
		fu_contact *c = NULL;
		int rc = fu_contact_get(&c, db, e->with[i]);
		if (rc == FU_ENOTFOUND)
			continue;
		if (rc)
			return rc;
		o->people[o->npeople] = *c; /* the strings move over */
		free(c);
		const fu_contact *p = &o->people[o->npeople];
		o->persons[o->npeople++] = (fu_draft_person){
			p->id, p->name, p->title, p->email, p->phone,
			p->address, p->prefers
		};
	}
	in->people = o->persons;
	in->npeople = o->npeople;
	return FU_OK;
}

/* An interview or meeting arranged after the reply t and still ahead:
 * the invitation the acknowledgement confirms. */
static const fu_event *invited_to(const owned *o, const fu_event *t,
				  int64_t now)
{
	const fu_event *best = NULL;
	for (size_t i = 0; i < o->nevents; i++) {
		const fu_event *e = &o->events[i];
		if ((e->kind == FU_EV_INTERVIEW || e->kind == FU_EV_MEETING) &&
		    e->at > t->at && e->at > now && e->created_at >= t->at &&
		    (!best || e->at < best->at))
			best = e;
	}
	return best;
}

/* Fill in from what the events say: the trigger, the latest interview,
 * the date they promised word by, topics (the person's own first), the
 * people of an intro, what an acknowledgement answers, the meeting a
 * checklist prepares for. */
static int from_events(fu_draft_input *in, owned *o, fu_db *db,
		       const fu_action_row *r, int64_t who)
{
	int rc = FU_OK;
	const char *kind = in->action;
	if (r->a.trigger_event_id &&
	    (rc = fu_event_get(&o->trigger, db, r->a.trigger_event_id)) &&
	    rc != FU_ENOTFOUND)
		return rc;
	if (in->application_id || in->subject_contact_id) {
		rc = fu_event_list(&o->events, &o->nevents, db,
				   in->application_id,
				   in->application_id ? 0 : in->subject_contact_id);
		if (rc)
			return rc;
	}
	const fu_event *iv = NULL, *said = NULL;
	for (size_t i = 0; i < o->nevents; i++) {
		const fu_event *e = &o->events[i];
		if (e->at > in->now)
			continue;
		if (e->kind == FU_EV_INTERVIEW)
			iv = e;
		if (e->expect_at && (e->kind == FU_EV_INTERVIEW ||
				     e->kind == FU_EV_MEETING ||
				     e->kind == FU_EV_REPLY ||
				     e->kind == FU_EV_TIMELINE))
			said = e;
	}
	const fu_event *t = o->trigger;
	if (iv)
		in->interview_at = iv->at;
	if (t) {
		in->event_id = t->id;
		in->event_kind = t->kind;
		in->event_channel = t->channel;
		in->event_at = t->at;
		in->urgent = t->urgent;
		in->occasion = t->occasion;
		in->because = t->because;
		if ((rc = pick_topics(in, o, db, t, who)))
			return rc;
		if (t->kind == FU_EV_OFFER)
			in->deadline_at = t->until_at;
		if (t->kind == FU_EV_HELP_PROMISED)
			in->expect_at = t->expect_at ? t->expect_at : t->until_at;
		else if (t->expect_at)
			in->expect_at = t->expect_at;
	}
	int stage = is_kind(kind, "interview-check-in", "nudge") ||
		    is_kind(kind, "application-check-in", NULL);
	if (stage && !in->expect_at && said)
		in->expect_at = said->expect_at;
	/* a check-in or nudge after an interview recalls what was said in
	 * it when its own trigger has no topics */
	if (!in->ntopics && iv && (stage || is_kind(kind, "rejection-response",
						   "withdraw-notice") ||
				   is_kind(kind, "decline-offer", NULL)) &&
	    (rc = pick_topics(in, o, db, iv, who)))
		return rc;
	if (t && t->kind == FU_EV_INTRO) {
		int64_t by = 0, to = 0;
		if (is_kind(kind, "intro-thanks", NULL)) {
			by = who;
			for (size_t i = 0; i < t->nwith && !to; i++)
				if (t->with[i] != who)
					to = t->with[i];
		} else if (is_kind(kind, "intro-reach-out", NULL)) {
			by = t->contact_id != who ? t->contact_id : 0;
			to = who;
		}
		if (by && (rc = fu_contact_get(&o->introducer, db, by)) &&
		    rc != FU_ENOTFOUND)
			return rc;
		if (to && (rc = fu_contact_get(&o->introduced, db, to)) &&
		    rc != FU_ENOTFOUND)
			return rc;
		in->introducer_name = o->introducer ? o->introducer->name : NULL;
		in->introduced_name = o->introduced ? o->introduced->name : NULL;
	}
	/* what the message answers */
	const fu_event *sched = NULL;
	if (is_kind(kind, "thank-you", NULL) && t)
		in->situation = !in->application_id ? "networking"
			: t->kind == FU_EV_MEETING ? "meeting" : "interview";
	else if (is_kind(kind, "acknowledge", NULL) && t) {
		if (t->kind == FU_EV_OFFER) {
			fu_rule_params p;
			in->situation = "offer";
			in->answer_at = t->until_at;
			if (!in->answer_at &&
			    !(rc = fu_config_params(&p, db)))
				in->answer_at = fu_time_add_days(
					t->at, p.v[FU_P_OFFER_DAYS]);
			if (rc)
				return rc;
		} else if (t->kind == FU_EV_HELP_PROMISED) {
			in->situation = "help";
		} else if (!in->application_id) {
			in->situation = "networking";
		} else if (t->kind == FU_EV_REPLY &&
			   (sched = invited_to(o, t, in->now))) {
			in->situation = "invitation";
		} else {
			in->situation = "reply";
		}
	} else if (is_kind(kind, "nudge", NULL)) {
		in->situation = t && (t->kind == FU_EV_REPLY ||
				      t->kind == FU_EV_TIMELINE) ? "conversation"
			: in->interview_at ? "interview" : "application";
		if (t && (t->kind == FU_EV_REPLY || t->kind == FU_EV_TIMELINE))
			in->reply_at = t->at;
		if (who && (rc = nudge_wording(in, db, who)))
			return rc;
	} else if (is_kind(kind, "prepare", NULL) && t) {
		sched = t;
	}
	if (is_kind(kind, "withdraw-notice", "decline-offer") &&
	    in->application_id) {
		if ((rc = fu__accepted_at(db, NULL, in->application_id,
					  &in->accepted_at)))
			return rc;
		if (in->accepted_at > in->now)
			in->accepted_at = 0;
		in->situation = in->accepted_at ? "accepted"
			: is_kind(kind, "decline-offer", NULL) ? "declined"
			: "withdrawn";
	}
	if (sched) {
		if ((rc = fu_event_get(&o->scheduled, db, sched->id)))
			return rc;
		in->scheduled_at = o->scheduled->at;
		in->scheduled_kind = o->scheduled->kind;
		in->scheduled_channel = o->scheduled->channel;
		if ((rc = people_of(in, o, db, o->scheduled)))
			return rc;
	}
	return FU_OK;
}

/* Rule 11: the other applications of the person written to. The
 * actions this message also serves (its riders, or, when it is itself
 * one, the message that carries it and that one's other riders) are
 * in->also; their other open applications are in->others. */
static int other_applications(fu_draft_input *in, owned *o, fu_db *db,
			      const fu_action_row *r, int64_t who)
{
	fu_action_filter f = { 0 };
	f.contact_id = who;
	f.with_riders = 1;
	f.now = in->now;
	int rc = fu_action_list(&o->rows, &o->nrows, db, &f);
	if (rc)
		return rc;
	fu_application_filter af = { 0 };
	af.status = FU_STATUS_OPEN;
	af.contact_id = who;
	if ((rc = fu_application_list(&o->apps, &o->napps, db, &af)))
		return rc;
	o->also = calloc(o->nrows + 1, sizeof *o->also);
	o->others = calloc(o->napps + 1, sizeof *o->others);
	if (!o->also || !o->others)
		return fu__draft_oom(db);
	/* the message: this action's, or the one that carries it */
	const char *carrier = r->joined ? r->joined : r->a.key;
	const char *also = r->also;
	for (size_t i = 0; r->joined && i < o->nrows; i++)
		if (!strcmp(o->rows[i].a.key, r->joined))
			also = o->rows[i].also;
	for (size_t i = 0; i < o->nrows; i++) {
		const fu_action_row *x = &o->rows[i];
		if (!x->a.application_id || x->a.application_id == in->application_id)
			continue;
		int rider = !strcmp(x->a.key, carrier) ||
			    (x->joined && !strcmp(x->joined, carrier));
		if (!rider && also) {
			size_t kl = strlen(x->a.key);
			for (const char *p = also; *p && !rider; p += strcspn(p, " "),
			     p += strspn(p, " "))
				rider = strncmp(p, x->a.key, kl) == 0 &&
					(p[kl] == ' ' || !p[kl]);
		}
		int dup = 0;
		for (size_t j = 0; j < in->nalso && !dup; j++)
			dup = o->also[j].application_id == x->a.application_id;
		if (rider && !dup)
			o->also[in->nalso++] = (fu_draft_other){
				x->a.application_id, x->company, x->role,
				fu_action_kind_name(x->a.kind)
			};
	}
	for (size_t i = 0; i < o->napps; i++) {
		const fu_application *a = &o->apps[i];
		int dup = a->id == in->application_id;
		for (size_t j = 0; j < in->nalso && !dup; j++)
			dup = o->also[j].application_id == a->id;
		if (!dup)
			o->others[in->nothers++] = (fu_draft_other){
				a->id, a->company, a->role, NULL
			};
	}
	in->also = o->also;
	in->others = o->others;
	return FU_OK;
}

/* Networking: a role applied for at the contact's company, still open
 * (a thank-you claims interest in their employer only then). */
static int applied_there(fu_draft_input *in, owned *o, fu_db *db)
{
	if (in->application_id || !o->to || !o->to->company_id)
		return FU_OK;
	fu_application *list = NULL;
	size_t n = 0;
	fu_application_filter af = { 0 };
	af.status = FU_STATUS_OPEN;
	af.company = o->to->company;
	int rc = fu_application_list(&list, &n, db, &af);
	for (size_t i = 0; !rc && i < n && !o->applied_role; i++)
		if (list[i].company_id == o->to->company_id && list[i].applied_at &&
		    !(o->applied_role = strdup(list[i].role)))
			rc = fu__draft_oom(db);
	fu_application_list_free(list, n);
	in->applied_role = o->applied_role;
	return rc;
}

int fu_draft_gather(fu_draft_input **out, fu_db *db,
		    const fu_draft_request *req)
{
	*out = NULL;
	fu_action_row *rows = NULL;
	size_t n = 0;
	fu_contact *ref_contact = NULL, *to_contact = NULL;
	fu_buf what = FU_BUF_INIT;
	int rc = FU_OK;
	if (req->action && !strchr(req->action, ':') &&
	    fu_draft_is_message(req->action) < 0)
		return fu__error(db, FU_EINVALID, "unknown action '%s': use %s",
				 req->action, fu_action_kind_names());
	if (req->channel != FU_CH_NONE && req->channel != FU_CH_EMAIL &&
	    req->channel != FU_CH_PHONE && req->channel != FU_CH_LETTER)
		return fu__error(db, FU_EINVALID, "fu draft writes for email, "
				 "phone or letter, not %s",
				 fu_channel_name(req->channel));
	fu_draft_input *in = calloc(1, sizeof *in);
	owned *o = calloc(1, sizeof *o);
	if (!in || !o) {
		free(in);
		free(o);
		return fu__draft_oom(db);
	}
	in->owned = o;
	in->now = fu_db_now(db);

	/* what REF is, in words, for the messages */
	if (req->application_id) {
		if ((rc = fu_application_get(&o->app, db, req->application_id)))
			goto done;
		fu_buf_printf(&what, "%s, %s", o->app->company, o->app->role);
	} else if (req->contact_id) {
		if ((rc = fu_contact_get(&ref_contact, db, req->contact_id)))
			goto done;
		fu_buf_puts(&what, ref_contact->name);
	} else {
		rc = fu__error(db, FU_EINVALID, "no application or contact "
			       "to draft for");
		goto done;
	}
	if (req->to && (rc = fu_contact_get(&to_contact, db, req->to)))
		goto done;

	fu_action_filter f = { 0 };
	f.application_id = req->application_id;
	f.contact_id = req->application_id ? 0 : req->contact_id;
	f.now = fu_db_now(db); /* as fu due: lapsed advice left out */
	if ((rc = fu_action_list(&rows, &n, db, &f)))
		goto done;
	long best = -1, nobody = -1;
	for (size_t i = 0; i < n && best < 0; i++) {
		const fu_action_row *r = &rows[i];
		if (!matches(r, req->action))
			continue;
		if (!req->to)
			best = (long)i;
		else if (r->a.contact_id == req->to)
			best = (long)i;
		else if (!r->a.contact_id && nobody < 0 &&
			 fu_draft_is_message(fu_action_kind_name(r->a.kind)) == 1)
			nobody = (long)i;
	}
	if (best < 0)
		best = nobody;
	if (best < 0) {
		rc = not_owed(db, req, o->app, what.data,
			      to_contact ? to_contact->name : NULL, rows, n);
		goto done;
	}
	const fu_action_row *r = &rows[best];
	int msg = fu_draft_is_message(fu_action_kind_name(r->a.kind)) == 1;
	in->not_before = r->a.not_before;
	in->action = fu_action_kind_name(r->a.kind); /* static */
	in->seq = r->a.seq;
	snprintf(in->key, sizeof in->key, "%s", r->a.key);
	in->application_id = r->a.application_id;
	in->subject_contact_id = r->subject_contact_id;
	if (!(o->reason = strdup(r->a.reason))) {
		rc = fu__draft_oom(db);
		goto done;
	}
	in->reason = o->reason;
	int64_t who = r->a.contact_id ? r->a.contact_id : msg ? req->to : 0;
	if (!msg && req->channel) {
		rc = fu__error(db, FU_EINVALID, "%s is not a message but a "
			       "checklist: --channel does not apply",
			       in->action);
		goto done;
	}
	if (msg && !who) {
		rc = fu__error(db, FU_EINVALID, "nobody is known to send the "
			       "%s to: name them with --to CONTACT%s",
			       in->action, strcmp(in->action, "withdraw-notice")
			       ? "" : ", or withdraw through the posting or "
			       "portal");
		goto done;
	}
	if (in->application_id && (!o->app || o->app->id != in->application_id)) {
		fu_application_free(o->app);
		o->app = NULL;
		if ((rc = fu_application_get(&o->app, db, in->application_id)))
			goto done;
	}
	if (in->application_id) {
		in->company = o->app->company;
		in->role = o->app->role;
		in->url = o->app->url;
		in->applied_at = o->app->applied_at;
	}
	if (who) {
		if ((rc = fu_contact_get(&o->to, db, who)))
			goto done;
		in->contact_id = who;
		in->contact_name = o->to->name;
		in->contact_title = o->to->title;
		in->contact_company = o->to->company;
		in->contact_email = o->to->email;
		in->contact_phone = o->to->phone;
		in->contact_address = o->to->address;
	}
	if (msg) {
		fu_channel ch = req->channel ? req->channel : r->a.channel;
		if (ch == FU_CH_NONE || ch == FU_CH_IN_PERSON ||
		    ch == FU_CH_VIDEO) {
			ch = o->to->prefers;
			if (ch != FU_CH_PHONE && ch != FU_CH_LETTER)
				ch = FU_CH_EMAIL;
		}
		in->channel = ch;
		if (ch == FU_CH_LETTER && !fu_draft_by_letter(in->action)) {
			rc = fu__error(db, FU_EINVALID, "%s",
				       fu_draft_no_letter(in->action));
			goto done;
		}
		if ((rc = check_channel(db, in, in->application_id ? o->app
					: NULL, o->to)))
			goto done;
	}
	if ((rc = from_events(in, o, db, r, who)) ||
	    (who && (rc = other_applications(in, o, db, r, who))) ||
	    (rc = applied_there(in, o, db)))
		goto done;
	if ((rc = config_value(&o->user_name, db, "user.name")) ||
	    (rc = config_value(&o->user_email, db, "user.email")) ||
	    (rc = config_value(&o->user_phone, db, "user.phone")) ||
	    (rc = config_value(&o->user_address, db, "user.address")))
		goto done;
	in->user_name = o->user_name;
	in->user_email = o->user_email;
	in->user_phone = o->user_phone;
	in->user_address = o->user_address;
done:
	fu_action_list_free(rows, n);
	fu_contact_free(ref_contact);
	fu_contact_free(to_contact);
	if (!rc && what.failed)
		rc = fu__draft_oom(db);
	fu_buf_free(&what);
	if (rc)
		fu_draft_input_free(in);
	else
		*out = in;
	return rc;
}

int fu_draft_mark_sent(fu_db *db, const fu_draft_input *in,
		       int64_t *event_id)
{
	return fu_draft_mark_sent_as(db, in, NULL, event_id);
}

int fu_draft_mark_sent_as(fu_db *db, const fu_draft_input *in,
			  const char *message_id, int64_t *event_id)
{
	if (fu_draft_is_message(in->action) != 1 || !in->contact_id)
		return fu__error(db, FU_EINVALID, "%s is not a message: "
				 "nothing to mark as sent",
				 in->action ? in->action : "this");
	fu_event e = { 0 };
	int64_t with = in->contact_id;
	e.kind = FU_EV_SENT;
	e.at = in->now;
	e.application_id = in->application_id;
	e.contact_id = in->application_id ? 0 : in->subject_contact_id;
	e.channel = in->channel;
	e.action = (char *)in->action;
	e.with = &with;
	e.nwith = 1;
	e.message_id = (char *)message_id;
	int rc = fu_event_add(db, &e);
	if (!rc && event_id)
		*event_id = e.id;
	return rc;
}

