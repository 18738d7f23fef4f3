/* SPDX-License-Identifier: MIT */
/*
 * mail.c - the writes of fu mail, each one BEGIN IMMEDIATE transaction
 * as store.c's are: a scan's findings (matched against what fu knows
 * inside the transaction, so that nothing written meanwhile is missed),
 * accepting proposals (each logged through the same function as fu log,
 * fu__event_add_in) and ignoring them. And what matching needs to know,
 * read from the database into the plain context of mail.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"
#include "fu/proposals.h"
#include "internal.h"

/* --- the context --------------------------------------------------------- */

static int ctx_oom(fu_db *db, int rc)
{
	return rc ? fu__error(db, FU_ERROR, "out of memory") : FU_OK;
}

static int add_contact(const fu_contact *c, void *arg)
{
	void **a = arg;
	return ctx_oom(a[0], fu_mail_ctx_contact(a[1], c->id, c->name, c->email,
						 c->company_id, c->company));
}

static int add_app(const fu_application *ap, void *arg)
{
	void **a = arg;
	return ctx_oom(a[0], fu_mail_ctx_app(a[1], ap->id, ap->company_id,
					     ap->company, ap->role,
					     ap->outcome == FU_OUT_NONE,
					     ap->contact_ids, ap->ncontacts));
}

static int add_event_mid(const fu__event_mid *m, void *arg)
{
	void **a = arg;
	fu_mail_known k = { 0 };
	k.message_id = m->message_id;
	k.event_id = m->id;
	k.kind = m->kind;
	k.application_id = m->application_id;
	k.contact_id = m->application_id ? 0 : m->contact_id;
	k.person = m->person;
	k.at = m->at;
	return ctx_oom(a[0], fu_mail_ctx_known(a[1], &k));
}

/* The items of a list setting into x (user addresses, ATS domains). */
static int add_setting(fu_db *db, fu_mail_ctx *x, const char *key,
		       int (*add)(fu_mail_ctx *, const char *))
{
	char *value = NULL, **items = NULL;
	size_t n = 0;
	int rc = fu_config_get(&value, db, key);
	if (rc == FU_ENOTFOUND)
		return FU_OK;
	if (rc)
		return rc;
	if (fu_config_list_items(&items, &n, value))
		rc = fu__error(db, FU_ERROR, "out of memory");
	for (size_t i = 0; !rc && i < n; i++)
		rc = ctx_oom(db, add(x, items[i]));
	fu_config_list_items_free(items, n);
	free(value);
	return rc;
}

int fu_mail_context(fu_mail_ctx **out, fu_db *db)
{
	fu_mail_ctx *x = fu_mail_ctx_new();
	*out = NULL;
	if (!x)
		return fu__error(db, FU_ERROR, "out of memory");
	void *arg[2] = { db, x };
	fu_application_filter f = { 0 };
	f.with_people = 1;
	int rc;
	if ((rc = add_setting(db, x, "user.email", fu_mail_ctx_user)) ||
	    (rc = add_setting(db, x, "mail.from", fu_mail_ctx_user)) ||
	    (rc = add_setting(db, x, "mail.ats", fu_mail_ctx_ats)) ||
	    (rc = fu_contact_each(db, NULL, add_contact, arg)) ||
	    (rc = fu_application_each(db, &f, add_app, arg)) ||
	    (rc = fu__event_message_ids(db, add_event_mid, arg)) ||
	    (rc = fu__proposal_context(db, x))) {
		fu_mail_ctx_free(x);
		return rc;
	}
	*out = x;
	return FU_OK;
}

/* --- a scan's batch ---------------------------------------------------------- */

typedef struct batch_source {
	char *path;
	fu_mail_source s;
} batch_source;

struct fu_mail_batch {
	int64_t *seen;
	size_t nseen, capseen;
	batch_source *sources;
	size_t nsources;
	fu_mail_msg *msgs;
	size_t nmsgs, capmsgs;
};

fu_mail_batch *fu_mail_batch_new(void)
{
	return calloc(1, sizeof(fu_mail_batch));
}

void fu_mail_batch_free(fu_mail_batch *b)
{
	if (!b)
		return;
	free(b->seen);
	for (size_t i = 0; i < b->nsources; i++)
		free(b->sources[i].path);
	free(b->sources);
	for (size_t i = 0; i < b->nmsgs; i++)
		fu_mail_msg_clear(&b->msgs[i]);
	free(b->msgs);
	free(b);
}

int fu_mail_batch_seen(fu_mail_batch *b, int64_t key)
{
	if (!key)
		return FU_OK;
	if (b->nseen == b->capseen) {
		size_t cap = b->capseen ? b->capseen * 2 : 1024;
		int64_t *p = realloc(b->seen, cap * sizeof *p);
		if (!p)
			return FU_ERROR;
		b->seen = p;
		b->capseen = cap;
	}
	b->seen[b->nseen++] = key;
	return FU_OK;
}

int fu_mail_batch_source(fu_mail_batch *b, const char *path,
			 const fu_mail_source *s)
{
	for (size_t i = 0; i < b->nsources; i++)
		if (!strcmp(b->sources[i].path, path)) {
			b->sources[i].s = *s;
			return FU_OK;
		}
	batch_source *p = realloc(b->sources, (b->nsources + 1) * sizeof *p);
	if (!p)
		return FU_ERROR;
	b->sources = p;
	if (!(p[b->nsources].path = strdup(path)))
		return FU_ERROR;
	p[b->nsources++].s = *s;
	return FU_OK;
}

int fu_mail_batch_message(fu_mail_batch *b, fu_mail_msg *m)
{
	if (b->nmsgs == b->capmsgs) {
		size_t cap = b->capmsgs ? b->capmsgs * 2 : 64;
		fu_mail_msg *p = realloc(b->msgs, cap * sizeof *p);
		if (!p)
			return FU_ERROR;
		b->msgs = p;
		b->capmsgs = cap;
	}
	b->msgs[b->nmsgs++] = *m;
	memset(m, 0, sizeof *m);
	m->offset = m->length = -1;
	return FU_OK;
}

void fu_scan_result_clear(fu_scan_result *r)
{
	if (!r)
		return;
	free(r->entries);
	memset(r, 0, sizeof *r);
}

/* --- accepting ------------------------------------------------------------------ */

static const char *app_text(fu_db *db, char *buf, size_t len, int64_t id)
{
	fu_application *a = NULL;
	if (fu_application_get(&a, db, id) == FU_OK)
		snprintf(buf, len, "%lld %s, %s", (long long)id, a->company,
			 a->role);
	else
		snprintf(buf, len, "%lld", (long long)id);
	fu_application_free(a);
	return buf;
}

/* A name as a contact may have it: at most FU__NAME_MAX characters. */
static void cut_name(char *s)
{
	size_t chars = 0;
	for (unsigned char *p = (unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80 && ++chars > FU__NAME_MAX) {
			*p = '\0';
			break;
		}
}

/* A new person of a proposal as a contact: their name and, when it is
 * one, their address; at the company of the application. */
static int new_person(fu_db *db, int64_t *out, const fu_mail_who *w,
		      int64_t application_id)
{
	fu_contact c = { 0 };
	fu_application *a = NULL;
	int rc = FU_OK;
	char *name = strdup(w->name && *w->name ? w->name
			    : w->address ? w->address : "someone");
	if (!name)
		return fu__error(db, FU_ERROR, "out of memory");
	cut_name(name);
	c.name = name;
	if (w->address && fu__check_email(db, w->address) == FU_OK)
		c.email = w->address;
	if (application_id && (rc = fu_application_get(&a, db, application_id)))
		goto done;
	c.company = a ? a->company : NULL;
	if ((rc = fu__check_contact(db, &c, NULL)) ||
	    (rc = fu__insert_contact(db, &c, 0, 0)))
		goto done;
	*out = c.id;
done:
	fu_application_free(a);
	free(name);
	return rc;
}

/* Accept one proposal p (open) inside the caller's transaction. */
static int accept_one(fu_db *db, const fu_proposal *p,
		      const fu_mail_accept_opts *o, fu_accepted *res)
{
	memset(res, 0, sizeof *res);
	res->proposal_id = p->id;
	res->change = p->change;
	if (p->state != FU_PROP_OPEN) {
		if (p->state == FU_PROP_ACCEPTED && p->event_id)
			return fu__error(db, FU_EINVALID, "proposal %lld was "
					 "accepted already (event %lld)",
					 (long long)p->id,
					 (long long)p->event_id);
		return fu__error(db, FU_EINVALID, "proposal %lld was %s",
				 (long long)p->id,
				 p->state == FU_PROP_IGNORED ? "ignored"
				 : p->state == FU_PROP_DROPPED
				 ? "withdrawn (its invitation was cancelled "
				   "or changed)" : "accepted already");
	}
	int on = o && (o->application_id || o->contact_id);
	int rc;
	if (p->change) {
		if (on || (o && o->kind))
			return fu__error(db, FU_EINVALID, "proposal %lld %s an "
					 "interview already logged: --on and "
					 "--as do not apply", (long long)p->id,
					 p->change == FU_CHANGE_CANCEL
					 ? "cancels" : "moves");
		fu_event *e = NULL;
		rc = fu_event_get(&e, db, p->target_event_id);
		if (rc == FU_ENOTFOUND || (!rc && !p->target_event_id)) {
			/* gone already: nothing left to change */
			fu_event_free(e);
			return fu__proposal_set_state(db, p->id,
						      FU_PROP_ACCEPTED, 0);
		}
		if (!rc && p->change == FU_CHANGE_CANCEL)
			rc = fu__event_delete(db, e->id);
		else if (!rc)
			rc = fu__event_set_at(db, e->id, p->at);
		if (!rc)
			rc = e->application_id
				? fu__refresh_application(db, e->application_id)
				: fu__refresh_contact(db, e->contact_id);
		if (!rc)
			res->event_id = p->change == FU_CHANGE_CANCEL ? 0 : e->id;
		fu_event_free(e);
		return rc ? rc : fu__proposal_set_state(db, p->id,
							FU_PROP_ACCEPTED,
							res->event_id);
	}
	fu_event e = { 0 };
	e.kind = o && o->kind ? o->kind : p->kind;
	e.at = p->at;
	e.application_id = on ? o->application_id : p->application_id;
	e.contact_id = on ? (o->application_id ? 0 : o->contact_id)
			  : p->contact_id;
	if (!e.application_id && !e.contact_id) {
		fu_buf b = FU_BUF_INIT;
		for (size_t i = 0; i < p->ncandidates; i++) {
			char t[300];
			fu_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 ==
				      p->ncandidates ? " or " : ", ",
				      app_text(db, t, sizeof t,
					       p->candidates[i]));
		}
		rc = fu__error(db, FU_EAMBIGUOUS, "proposal %lld could be on %s: "
			       "say which with --on", (long long)p->id,
			       b.data);
		fu_buf_free(&b);
		return rc;
	}
	e.channel = p->channel;
	e.message_id = p->message_id;
	size_t nnew = 0;
	rc = FU_OK;
	for (size_t i = 0; !rc && i < p->npeople; i++) {
		const fu_mail_who *w = &p->people[i];
		int64_t id = w->contact_id;
		if (id && fu__contact_exists(db, id) != FU_OK)
			id = 0; /* removed since: named anew */
		if (id)
			rc = fu__push_id(&e.with, &e.nwith, id)
				? fu__error(db, FU_ERROR, "out of memory") : FU_OK;
	}
	/* the new people last: they are the event's own (undo removes them) */
	for (size_t i = 0; !rc && i < p->npeople; i++) {
		const fu_mail_who *w = &p->people[i];
		if (w->contact_id && fu__contact_exists(db, w->contact_id) == FU_OK)
			continue;
		int64_t id = 0;
		if (!(rc = new_person(db, &id, w, e.application_id))) {
			if (fu__push_id(&e.with, &e.nwith, id))
				rc = fu__error(db, FU_ERROR, "out of memory");
			nnew++;
		}
	}
	e.nadded = nnew;
	if (!rc)
		rc = fu__event_add_in(db, &e);
	free(e.with);
	if (rc)
		return rc;
	res->event_id = e.id;
	return fu__proposal_set_state(db, p->id, FU_PROP_ACCEPTED, e.id);
}

int fu_proposal_accept(fu_db *db, const int64_t *ids, size_t n, int all,
		       const fu_mail_accept_opts *opts, fu_accepted **out,
		       size_t *nout)
{
	if (out) {
		*out = NULL;
		*nout = 0;
	}
	if (opts && opts->kind && !fu_event_kind_name(opts->kind))
		return fu__error(db, FU_EINVALID, "unknown event kind");
	int rc = fu__store_begin(db);
	if (rc)
		return rc;
	fu_proposal *list = NULL;
	size_t count = 0;
	fu_accepted *res = NULL;
	size_t nres = 0;
	if (all) {
		rc = fu_proposal_list(&list, &count, db, FU_PROP_OPEN);
		/* in the order they happened */
		for (size_t i = 0; !rc && i < count / 2; i++) {
			fu_proposal t = list[i];
			list[i] = list[count - 1 - i];
			list[count - 1 - i] = t;
		}
	} else {
		if (n && !(list = calloc(n, sizeof *list)))
			rc = fu__error(db, FU_ERROR, "out of memory");
		for (size_t i = 0; !rc && i < n; i++) {
			fu_proposal *p = NULL;
			for (size_t j = 0; j < i; j++)
				if (ids[j] == ids[i])
					rc = fu__error(db, FU_EINVALID, "proposal "
						       "%lld is named twice",
						       (long long)ids[i]);
			if (!rc && !(rc = fu_proposal_get(&p, db, ids[i]))) {
				list[count++] = *p;
				free(p);
			}
		}
	}
	if (!rc && count && !(res = calloc(count, sizeof *res)))
		rc = fu__error(db, FU_ERROR, "out of memory");
	for (size_t i = 0; !rc && i < count; i++) {
		const fu_proposal *p = &list[i];
		if (all && !p->change && !p->application_id && !p->contact_id &&
		    !(opts && (opts->application_id || opts->contact_id))) {
			res[nres].proposal_id = p->id;
			res[nres++].skipped = 1;
			continue;
		}
		rc = accept_one(db, p, opts, &res[nres++]);
	}
	fu_proposal_list_free(list, count);
	if ((rc = fu__store_commit(db, rc)) || !out) {
		free(res);
		return rc;
	}
	*out = res;
	*nout = nres;
	return FU_OK;
}

int fu_proposal_ignore(fu_db *db, const int64_t *ids, size_t n)
{
	int rc = fu__store_begin(db);
	for (size_t i = 0; !rc && i < n; i++) {
		fu_proposal *p = NULL;
		if ((rc = fu_proposal_get(&p, db, ids[i])))
			break;
		if (p->state != FU_PROP_OPEN)
			rc = fu__error(db, FU_EINVALID, "proposal %lld was %s",
				       (long long)p->id,
				       p->state == FU_PROP_IGNORED ? "ignored already"
				       : p->state == FU_PROP_ACCEPTED
				       ? "accepted (fu undo takes its event back)"
				       : "withdrawn");
		else
			rc = fu__proposal_set_state(db, p->id, FU_PROP_IGNORED, 0);
		fu_proposal_free(p);
	}
	return fu__store_commit(db, rc);
}

/* --- a scan ------------------------------------------------------------------------ */

static int by_date(const void *a, const void *b)
{
	const fu_mail_msg *x = a, *y = b;
	/* undated last, in the order read */
	if (x->has_date != y->has_date)
		return x->has_date ? -1 : 1;
	if (x->has_date && x->date != y->date)
		return (x->date > y->date) - (x->date < y->date);
	return 0;
}

/* What the scan proposed becomes known to the messages after it. */
static int learn(fu_db *db, fu_mail_ctx *x, int64_t id, const fu_mail_msg *m,
		 const fu_mail_match *mt)
{
	fu_mail_known k = { 0 };
	k.message_id = m->message_id;
	k.proposal_id = id;
	k.kind = mt->kind;
	k.application_id = mt->application_id;
	k.contact_id = mt->contact_id;
	k.person = mt->npeople ? mt->people[0].contact_id : 0;
	k.at = mt->at;
	int rc = k.message_id ? fu_mail_ctx_known(x, &k) : FU_OK;
	if (!rc && mt->uid) {
		fu_mail_invite v = { 0 };
		v.uid = mt->uid;
		v.sequence = mt->sequence;
		v.state = FU_INVITE_OPEN;
		v.proposal_id = id;
		v.event_id = mt->event_id;
		v.start = mt->at;
		v.change = mt->change;
		rc = fu_mail_ctx_invite(x, &v);
	}
	return ctx_oom(db, rc);
}

/* A message that is passed over is still known (its own Message-ID:
 * another copy of it is no news). */
static int learn_passed(fu_db *db, fu_mail_ctx *x, const fu_mail_msg *m)
{
	fu_mail_known k = { 0 };
	k.message_id = m->message_id;
	return k.message_id ? ctx_oom(db, fu_mail_ctx_known(x, &k)) : FU_OK;
}

int fu_mail_scan_commit(fu_db *db, fu_mail_batch *b, int apply,
			fu_scan_result *out)
{
	memset(out, 0, sizeof *out);
	if (b->nmsgs > 1) /* qsort wants a non-null base, even for none */
		qsort(b->msgs, b->nmsgs, sizeof *b->msgs, by_date);
	if (b->nmsgs && !(out->entries = calloc(b->nmsgs, sizeof *out->entries)))
		return fu__error(db, FU_ERROR, "out of memory");
	int rc = fu__store_begin(db);
	if (rc)
		return rc;
	fu_mail_ctx *x = NULL;
	if (b->nmsgs)
		rc = fu_mail_context(&x, db);
	for (size_t i = 0; !rc && i < b->nmsgs; i++) {
		const fu_mail_msg *m = &b->msgs[i];
		fu_scan_entry *en = &out->entries[out->n++];
		fu_mail_match mt;
		en->msg = m;
		if (fu_mail_match_msg(&mt, x, m)) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		if (mt.drop_proposal) {
			en->what = FU_SCAN_DROPPED;
			en->proposal_id = mt.drop_proposal;
			if (!(rc = fu__proposal_drop(db, mt.drop_proposal)))
				rc = ctx_oom(db, fu_mail_ctx_invite_state(
					x, mt.drop_proposal, FU_INVITE_DROPPED));
			if (!rc)
				rc = learn_passed(db, x, m);
		} else if (mt.kind == FU_EV_NONE) {
			en->what = FU_SCAN_PASSED;
			en->why = mt.why;
			out->passed++;
			rc = learn_passed(db, x, m);
		} else {
			int64_t id = 0;
			if (mt.update_proposal &&
			    !(rc = fu__proposal_drop(db, mt.update_proposal)))
				rc = ctx_oom(db, fu_mail_ctx_invite_state(
					x, mt.update_proposal, FU_INVITE_DROPPED));
			if (!rc)
				rc = fu__proposal_insert(db, &id, m, &mt);
			if (!rc)
				rc = learn(db, x, id, m, &mt);
			en->what = mt.update_proposal ? FU_SCAN_UPDATED
						      : FU_SCAN_PROPOSED;
			en->proposal_id = id;
			en->replaced_id = mt.update_proposal;
			out->proposed++;
			if (!rc && apply && mt.exact && !mt.change) {
				fu_proposal *p = NULL;
				fu_accepted a;
				if (!(rc = fu_proposal_get(&p, db, id)) &&
				    !(rc = accept_one(db, p, NULL, &a))) {
					en->what = FU_SCAN_APPLIED;
					en->event_id = a.event_id;
					out->applied++;
				}
				fu_proposal_free(p);
			}
		}
		fu_mail_match_clear(&mt);
	}
	fu_mail_ctx_free(x);
	if (!rc)
		rc = fu__mail_seen_add(db, b->seen, b->nseen);
	for (size_t i = 0; !rc && i < b->nsources; i++)
		rc = fu__mail_source_put(db, b->sources[i].path,
					 &b->sources[i].s);
	if ((rc = fu__store_commit(db, rc)))
		fu_scan_result_clear(out);
	return rc;
}
