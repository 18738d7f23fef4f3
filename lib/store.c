/* SPDX-License-Identifier: MIT */
/*
 * store.c - the public writes of store.h, each the promise that header
 * makes: one BEGIN IMMEDIATE transaction that checks, writes through the
 * owners of the tables (contacts.c, applications.c, events.c,
 * config.c), brings the actions of the subjects it touched up to date
 * (actions.c), and commits; on any failure it rolls back and the file
 * is as it was.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* BEGIN IMMEDIATE, and the actions made current if they were derived
 * with other rules or in another time zone (actions.c). */
static int begin(fu_db *db)
{
	int rc = fu__begin(db);
	if (!rc && (rc = fu__actions_for_write(db)))
		fu__rollback(db);
	return rc;
}

static int commit(fu_db *db, int rc)
{
	if (rc || (rc = fu__commit(db)))
		fu__rollback(db);
	return rc;
}

/* --- contacts ----------------------------------------------------------- */

int fu_contact_add(fu_db *db, fu_contact *c)
{
	int rc = fu__check_contact(db, c, NULL);
	if (rc || (rc = begin(db)))
		return rc;
	return commit(db, fu__insert_contact(db, c, 0, 0));
}

int fu_contact_update(fu_db *db, const fu_contact *c)
{
	int rc = fu__check_contact(db, c, NULL);
	if (rc || (rc = begin(db)))
		return rc;
	if (!(rc = fu__contact_write(db, c)))
		rc = fu__refresh_involving(db, c->id);
	return commit(db, rc);
}

/* --- applications ------------------------------------------------------- */

int fu_application_add(fu_db *db, fu_application *a, int64_t applied_at)
{
	int rc = fu__check_application(db, a, NULL);
	if (rc || (rc = begin(db)))
		return rc;
	/* the caller's record is filled in only once it is committed */
	fu_application w = *a;
	if ((rc = fu__insert_application(db, &w, 0, 0)))
		return commit(db, rc);
	if (applied_at) {
		fu_event e = { 0 };
		e.kind = FU_EV_APPLIED;
		e.at = applied_at;
		e.application_id = w.id;
		if ((rc = fu__insert_event(db, &e, 0, 0)))
			return commit(db, rc);
	}
	if ((rc = commit(db, fu__refresh_application(db, w.id))))
		return rc;
	a->id = w.id;
	a->company_id = w.company_id;
	a->created_at = w.created_at;
	a->applied_at = applied_at;
	return FU_OK;
}

int fu_application_update(fu_db *db, const fu_application *a)
{
	int rc = fu__check_application(db, a, NULL);
	if (rc || (rc = begin(db)))
		return rc;
	int64_t old_applied = 0;
	if (!(rc = fu__application_write(db, a)) &&
	    !(rc = fu__event_first_applied(db, &old_applied, a->id)) &&
	    a->applied_at && a->applied_at != old_applied)
		rc = fu__event_set_applied(db, a->id, a->applied_at);
	if (!rc)
		rc = fu__refresh_application(db, a->id);
	return commit(db, rc);
}

int fu_application_close(fu_db *db, int64_t id, fu_outcome outcome,
			 int64_t at, const char *note)
{
	if (!fu_outcome_name(outcome))
		return fu__error(db, FU_EINVALID, "unknown outcome: use %s",
				 fu_outcome_names());
	int rc = fu__check_text(db, "the note", note, FU__NOTE_MAX, 1);
	if (rc || (rc = begin(db)))
		return rc;
	fu_application *a = NULL;
	if ((rc = fu_application_get(&a, db, id)))
		goto done;
	if (a->outcome != FU_OUT_NONE) {
		rc = fu__error(db, FU_EINVALID, "application %lld (%s, %s) is "
			       "already closed as %s", (long long)id,
			       a->company, a->role,
			       fu_outcome_name(a->outcome));
		goto done;
	}
	fu_event e = { 0 };
	e.kind = FU_EV_CLOSED;
	e.at = at;
	e.application_id = id;
	e.outcome = outcome;
	e.note = (char *)note;
	if ((rc = fu__insert_event(db, &e, 0, 0)) ||
	    (rc = fu__application_sync_outcome(db, id)))
		goto done;
	/* accepting one job owes a withdrawal to every other application */
	rc = outcome == FU_OUT_ACCEPTED ? fu__refresh_all(db)
					: fu__refresh_application(db, id);
done:
	fu_application_free(a);
	return commit(db, rc);
}

/* --- events ------------------------------------------------------------- */

/* Create the people named with --with, then check every one exists;
 * on an application, people met become its contacts. */
static int resolve_event_people(fu_db *db, fu_event *e)
{
	int64_t company = 0;
	int rc = e->application_id
		? fu__application_company(db, &company, e->application_id)
		: fu__contact_company(db, &company, e->contact_id);
	if (rc)
		return rc;
	for (size_t i = 0; i < e->nwith_new; i++) {
		int64_t id = 0;
		char *alike = NULL;
		/* a name mistyped is no new person: say whom it looks like */
		if (!e->new_people &&
		    (rc = fu__person_alike(db, e->application_id, e->contact_id,
					   e->with_new[i], &id, &alike)))
			return rc;
		if (alike) {
			rc = fu__error(db, FU_EINVALID, "'%s' is nobody yet; did "
				       "you mean %s (%lld)? Name them so, or add "
				       "'%s' as a new person with --new-contact",
				       e->with_new[i], alike, (long long)id,
				       e->with_new[i]);
			free(alike);
			return rc;
		}
		if ((rc = fu__contact_add_named(db, &id, e->with_new[i],
						company)))
			return rc;
		if (fu__push_id(&e->with, &e->nwith, id) != FU_OK)
			return fu__error(db, FU_ERROR, "out of memory");
	}
	/* people the caller created (fu mail) stand just before these */
	e->nadded = (e->nadded <= e->nwith - e->nwith_new ? e->nadded : 0) +
		    e->nwith_new;
	/* a topic for a person created just now: their number */
	for (size_t i = 0; e->topic_with && i < e->ntopics; i++)
		if (e->topic_with[i] < 0)
			e->topic_with[i] = e->with[e->nwith - e->nwith_new +
						   (size_t)(-(e->topic_with[i] + 1))];
	for (size_t i = 0; i < e->nwith; i++)
		if ((rc = fu__contact_exists(db, e->with[i])))
			return rc;
	if (e->application_id && e->kind != FU_EV_SNOOZE &&
	    e->kind != FU_EV_DISMISS)
		return fu__application_attach(db, e->application_id, company,
					      e->with, e->nwith, NULL, 0);
	return FU_OK;
}

/* Rule 15: a closing note logged as sent closes its application: a
 * withdraw-notice as withdrawn, a decline-offer as declined. One noted
 * for each application whose note was open before the sent. */
typedef struct closing {
	int64_t application_id;
	fu_outcome outcome;
} closing;

static fu_outcome closes_as(fu_action_kind k)
{
	return k == FU_ACT_WITHDRAW_NOTICE ? FU_OUT_WITHDRAWN
		: k == FU_ACT_DECLINE_OFFER ? FU_OUT_DECLINED : FU_OUT_NONE;
}

static int push_closing(closing **list, size_t *n, const fu_action_row *r)
{
	for (size_t i = 0; i < *n; i++)
		if ((*list)[i].application_id == r->a.application_id)
			return FU_OK;
	closing *p = realloc(*list, (*n + 1) * sizeof *p);
	if (!p)
		return FU_ERROR;
	p[*n] = (closing){ r->a.application_id, closes_as(r->a.kind) };
	*list = p;
	++*n;
	return FU_OK;
}

/* The open closing notes a sent may answer: those to its people on any
 * application (one message to a person serves all they handle, rule
 * 11), or, when it names nobody, those of its own application. */
static int open_closings(fu_db *db, const fu_event *e, closing **out,
			 size_t *n)
{
	*out = NULL;
	*n = 0;
	if (e->kind != FU_EV_SENT || !e->application_id)
		return FU_OK;
	int rc = FU_OK;
	for (size_t k = 0; !rc && k < (e->nwith ? e->nwith : 1); k++) {
		fu_action_filter f = { .with_riders = 1 };
		if (e->nwith)
			f.contact_id = e->with[k];
		else
			f.application_id = e->application_id;
		fu_action_row *rows = NULL;
		size_t nrows = 0;
		rc = fu_action_list(&rows, &nrows, db, &f);
		for (size_t i = 0; !rc && i < nrows; i++)
			if (rows[i].a.application_id &&
			    closes_as(rows[i].a.kind) != FU_OUT_NONE &&
			    push_closing(out, n, &rows[i]))
				rc = fu__error(db, FU_ERROR, "out of memory");
		fu_action_list_free(rows, nrows);
	}
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* Close, as its note says, each application whose closing note the sent
 * answered (open before, gone after) and that is still open. */
static int close_answered(fu_db *db, const fu_event *e,
			  const closing *before, size_t nbefore)
{
	closing *after = NULL;
	size_t nafter = 0;
	int rc = open_closings(db, e, &after, &nafter);
	for (size_t i = 0; !rc && i < nbefore; i++) {
		int still = 0;
		for (size_t j = 0; j < nafter; j++)
			still |= after[j].application_id ==
				 before[i].application_id;
		if (still)
			continue;
		fu_application *a = NULL;
		if ((rc = fu_application_get(&a, db, before[i].application_id)))
			break;
		int open = a->outcome == FU_OUT_NONE;
		fu_application_free(a);
		if (!open)
			continue;
		fu_event c = { 0 };
		c.kind = FU_EV_CLOSED;
		c.at = e->at;
		c.application_id = before[i].application_id;
		c.outcome = before[i].outcome;
		c.note = before[i].outcome == FU_OUT_DECLINED
			? "the decline was sent" : "the withdrawal was sent";
		if ((rc = fu__insert_event(db, &c, 0, 0)) ||
		    (rc = fu__application_sync_outcome(db, c.application_id)))
			break;
		rc = fu__refresh_application(db, c.application_id);
	}
	free(after);
	return rc;
}

int fu__event_add_in(fu_db *db, fu_event *e)
{
	if (e->kind == FU_EV_CLOSED)
		return fu__error(db, FU_EINVALID,
				 "an application is closed with fu close");
	int rc = fu__check_event(db, e, NULL);
	closing *closings = NULL;
	size_t nclosings = 0;
	if (rc)
		return rc;
	if ((e->application_id &&
	     (rc = fu__application_exists(db, e->application_id))) ||
	    (e->contact_id && (rc = fu__contact_exists(db, e->contact_id))) ||
	    (rc = resolve_event_people(db, e)) ||
	    (rc = open_closings(db, e, &closings, &nclosings)) ||
	    (rc = fu__insert_event(db, e, 0, 0)))
		goto done;
	rc = e->application_id ? fu__refresh_application(db, e->application_id)
			       : fu__refresh_contact(db, e->contact_id);
	if (!rc && nclosings)
		rc = close_answered(db, e, closings, nclosings);
done:
	free(closings);
	return rc;
}

int fu_event_add(fu_db *db, fu_event *e)
{
	if (e->kind == FU_EV_CLOSED)
		return fu__error(db, FU_EINVALID,
				 "an application is closed with fu close");
	int rc = fu__check_event(db, e, NULL);
	if (rc || (rc = begin(db)))
		return rc;
	return commit(db, fu__event_add_in(db, e));
}

int fu__store_begin(fu_db *db)
{
	return begin(db);
}

int fu__store_commit(fu_db *db, int rc)
{
	return commit(db, rc);
}

int fu_event_add_topics(fu_db *db, int64_t id, char *const *topics,
			const int64_t *with, size_t n)
{
	fu_event *e = NULL;
	int64_t position = 0;
	if (!n)
		return fu__error(db, FU_EINVALID, "no topic to add");
	int rc = begin(db);
	if (rc)
		return rc;
	if ((rc = fu_event_get(&e, db, id)))
		goto done;
	/* checked as the event with them, old and new together */
	size_t old = e->ntopics, total = old + n;
	char **t = realloc(e->topics, total * sizeof *t);
	if (t)
		e->topics = t;
	int64_t *w = t ? realloc(e->topic_with, total * sizeof *w) : NULL;
	if (!t || !w) {
		rc = fu__error(db, FU_ERROR, "out of memory");
		goto done;
	}
	if (!e->topic_with)
		memset(w, 0, old * sizeof *w);
	e->topic_with = w;
	for (size_t i = 0; i < n; i++) {
		t[old + i] = topics[i];
		w[old + i] = with ? with[i] : 0;
	}
	e->ntopics = total;
	rc = fu__check_event(db, e, NULL);
	e->ntopics = old; /* the new texts are the caller's */
	if (rc || (rc = fu__event_topic_next(db, id, &position)) ||
	    (rc = fu__event_insert_topics(db, id, position, topics, with, n)))
		goto done;
done:
	fu_event_free(e);
	return commit(db, rc);
}

int fu_event_undo(fu_event **out, fu_db *db, int64_t application_id,
		  int64_t contact_id)
{
	if (out)
		*out = NULL;
	int rc = begin(db);
	if (rc)
		return rc;
	int64_t id = 0, *created = NULL;
	size_t ncreated = 0;
	fu_event *e = NULL;
	if ((rc = fu__event_last(db, &id, application_id, contact_id)))
		goto done;
	if (!id) {
		rc = fu__error(db, FU_ENOTFOUND, "there is no event to undo");
		goto done;
	}
	if ((rc = fu_event_get(&e, db, id)) ||
	    (rc = fu__event_created_people(db, id, &created, &ncreated)) ||
	    (rc = fu__proposal_event_removed(db, id)) ||
	    (rc = fu__event_delete(db, id)))
		goto done;
	if (e->kind == FU_EV_CLOSED &&
	    (rc = fu__application_sync_outcome(db, e->application_id)))
		goto done;
	/* the people the event created (a name mistyped with --with) go
	 * with it, unless something else refers to them */
	for (size_t i = 0; i < ncreated && e->application_id && !rc; i++)
		rc = fu__application_detach(db, e->application_id, created[i]);
	if (rc)
		goto done;
	if (e->kind == FU_EV_CLOSED && e->outcome == FU_OUT_ACCEPTED)
		rc = fu__refresh_all(db);
	else if (e->application_id)
		rc = fu__refresh_application(db, e->application_id);
	else
		rc = fu__refresh_contact(db, e->contact_id);
	for (size_t i = 0; i < ncreated && !rc; i++)
		rc = fu__contact_drop_unused(db, created[i]);
done:
	free(created);
	if ((rc = commit(db, rc)) || !out)
		fu_event_free(e);
	else
		*out = e;
	return rc;
}

/* --- everything --------------------------------------------------------- */

int fu_actions_recompute_all(fu_db *db)
{
	int rc = fu__begin(db);
	if (rc)
		return rc;
	return commit(db, fu__refresh_all(db));
}

int fu_config_set(fu_db *db, const char *key, const char *value)
{
	const char *norm = NULL;
	char buf[128]; /* a number, a word, or a list of words */
	int affects = 0;
	int rc = fu__config_check(db, key, value, &norm, buf, sizeof buf,
				  &affects);
	if (rc || (rc = begin(db)))
		return rc;
	if (!(rc = fu__config_put(db, key, norm, 1, NULL)) && affects)
		rc = fu__refresh_all(db);
	if ((rc = commit(db, rc)))
		db->params_valid = 0; /* read, perhaps, from what was undone */
	return rc;
}

int fu_config_unset(fu_db *db, const char *key)
{
	int affects = 0;
	int rc = fu__config_known(db, key, &affects);
	if (rc || (rc = begin(db)))
		return rc;
	if (!(rc = fu__config_delete(db, key)) && affects)
		rc = fu__refresh_all(db);
	if ((rc = commit(db, rc)))
		db->params_valid = 0;
	return rc;
}
