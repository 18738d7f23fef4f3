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
	fu_event *trigger;
	fu_event *events;
	size_t nevents;
	char *user_name, *user_email, *user_phone;
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
		fu_event_list_free(o->events, o->nevents);
		free(o->user_name);
		free(o->user_email);
		free(o->user_phone);
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

/* Fill in from what the events say: the trigger, the latest interview,
 * the date they promised word by, topics, the people of an intro. */
static int from_events(fu_draft_input *in, owned *o, fu_db *db,
		       const fu_action_row *r, int64_t who)
{
	int rc;
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
		in->event_kind = t->kind;
		in->event_channel = t->channel;
		in->event_at = t->at;
		in->topics = (const char *const *)t->topics;
		in->ntopics = t->ntopics;
		in->urgent = t->urgent;
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
						   "withdraw-notice"))) {
		in->topics = (const char *const *)iv->topics;
		in->ntopics = iv->ntopics;
	}
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
	return FU_OK;
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
		if ((rc = check_channel(db, in, in->application_id ? o->app
					: NULL, o->to)))
			goto done;
	}
	if ((rc = from_events(in, o, db, r, who)))
		goto done;
	if ((rc = config_value(&o->user_name, db, "user.name")) ||
	    (rc = config_value(&o->user_email, db, "user.email")) ||
	    (rc = config_value(&o->user_phone, db, "user.phone")))
		goto done;
	in->user_name = o->user_name;
	in->user_email = o->user_email;
	in->user_phone = o->user_phone;
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

