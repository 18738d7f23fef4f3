/* SPDX-License-Identifier: MIT */
/*
 * proposals.c - the proposals table and what each proposal names
 * (proposal_people: the people; proposal_candidates: the applications
 * to choose among): writing a scan's proposals, reading them, and their
 * state as the user decides. Owned here; mail.c writes through it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"
#include "fu/proposals.h"
#include "internal.h"

static const char *const state_names[] = {
	NULL, "open", "accepted", "ignored", "dropped"
};
static const char *const how_names[] = {
	NULL, "thread", "contact", "user", "invitation", "ats"
};
static const char *const change_names[] = {
	NULL, "reschedule", "cancel"
};

const char *fu_proposal_state_name(fu_proposal_state s)
{
	return (int)s > 0 && s <= FU_PROP_DROPPED ? state_names[s] : NULL;
}

const char *fu_mail_how_name(fu_mail_how h)
{
	return (int)h > 0 && h <= FU_MATCH_ATS ? how_names[h] : NULL;
}

const char *fu_mail_change_name(fu_mail_change c)
{
	return (int)c > 0 && c <= FU_CHANGE_CANCEL ? change_names[c] : NULL;
}

static int parse_name(const char *const *names, int count, const char *s)
{
	for (int i = 1; s && i < count; i++)
		if (!strcmp(names[i], s))
			return i;
	return 0;
}

/* --- writing ------------------------------------------------------------- */

/* "Name <address>, ..." of a list of addresses (NULL: none). */
static char *recipients_text(const fu_mail_addr *a, size_t n)
{
	if (!n)
		return NULL;
	fu_buf b = FU_BUF_INIT;
	for (size_t i = 0; i < n && i < 20; i++) {
		if (i)
			fu_buf_puts(&b, ", ");
		if (a[i].name)
			fu_buf_printf(&b, "%s <%s>", a[i].name, a[i].address);
		else
			fu_buf_puts(&b, a[i].address);
	}
	if (n > 20)
		fu_buf_printf(&b, ", and %zu more", n - 20);
	return fu_buf_detach(&b);
}

static int insert_people(fu_db *db, int64_t id, const fu_mail_match *mt)
{
	sqlite3_stmt *st = NULL;
	int rc = FU_OK;
	for (size_t i = 0; !rc && i < mt->npeople; i++) {
		if ((rc = fu__prepare(db, &st, "INSERT INTO proposal_people "
			"(proposal_id, position, contact_id, name, address) "
			"VALUES (?, ?, ?, ?, ?)")))
			return rc;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		fu__bind_time(st, 3, mt->people[i].contact_id);
		fu__bind_text(st, 4, mt->people[i].name);
		fu__bind_text(st, 5, mt->people[i].address);
		rc = fu__step_done(db, st);
	}
	for (size_t i = 0; !rc && i < mt->ncandidates; i++) {
		if ((rc = fu__prepare(db, &st, "INSERT OR IGNORE INTO "
			"proposal_candidates (proposal_id, application_id) "
			"VALUES (?, ?)")))
			return rc;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, mt->candidates[i]);
		rc = fu__step_done(db, st);
	}
	return rc;
}

int fu__proposal_insert(fu_db *db, int64_t *out, const fu_mail_msg *m,
			const fu_mail_match *mt)
{
	sqlite3_stmt *st = NULL;
	char *rcpt = recipients_text(m->to, m->nto);
	if (m->nto && !rcpt)
		return fu__error(db, FU_ERROR, "out of memory");
	int rc = fu__prepare(db, &st, "INSERT INTO proposals (state, kind, "
		"change, how, exact, application_id, contact_id, at, channel, "
		"reason, target_event_id, date, from_name, from_address, "
		"recipients, subject, message_id, in_reply_to, snippet, path, "
		"uid, sequence, created_at) VALUES ('open', ?, ?, ?, ?, ?, ?, "
		"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (rc) {
		free(rcpt);
		return rc;
	}
	fu__bind_text(st, 1, fu_event_kind_name(mt->kind));
	fu__bind_text(st, 2, fu_mail_change_name(mt->change));
	fu__bind_text(st, 3, fu_mail_how_name(mt->how));
	sqlite3_bind_int(st, 4, mt->exact != 0);
	fu__bind_time(st, 5, mt->application_id);
	fu__bind_time(st, 6, mt->contact_id);
	sqlite3_bind_int64(st, 7, mt->at ? mt->at : m->date);
	fu__bind_text(st, 8, fu_channel_name(mt->channel));
	fu__bind_text(st, 9, mt->reason ? mt->reason : "");
	fu__bind_time(st, 10, mt->event_id);
	if (m->has_date)
		sqlite3_bind_int64(st, 11, m->date);
	fu__bind_text(st, 12, m->from.name);
	fu__bind_text(st, 13, m->from.address);
	fu__bind_text(st, 14, rcpt);
	fu__bind_text(st, 15, m->subject);
	fu__bind_text(st, 16, m->message_id);
	fu__bind_text(st, 17, m->nin_reply_to ? m->in_reply_to[0] : NULL);
	fu__bind_text(st, 18, m->snippet);
	fu__bind_text(st, 19, m->path);
	fu__bind_text(st, 20, mt->uid);
	if (mt->uid)
		sqlite3_bind_int(st, 21, mt->sequence);
	sqlite3_bind_int64(st, 22, db->now);
	rc = fu__step_done(db, st);
	free(rcpt);
	if (rc)
		return rc;
	*out = sqlite3_last_insert_rowid(db->sql);
	return insert_people(db, *out, mt);
}

/* The state column from state, decided now (open: undecided). */
int fu__proposal_set_state(fu_db *db, int64_t id, fu_proposal_state state,
			   int64_t event_id)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "UPDATE proposals SET state = ?, "
			     "event_id = ?, decided_at = ? WHERE id = ?");
	if (rc)
		return rc;
	fu__bind_text(st, 1, fu_proposal_state_name(state));
	fu__bind_time(st, 2, event_id);
	fu__bind_time(st, 3, state == FU_PROP_OPEN ? 0 : db->now);
	sqlite3_bind_int64(st, 4, id);
	if ((rc = fu__step_done(db, st)))
		return rc;
	if (state != FU_PROP_IGNORED)
		return FU_OK;
	/* ignored for good: the message's text is forgotten; its
	 * Message-ID and an invitation's UID stay, so that it is known */
	if ((rc = fu__prepare(db, &st, "UPDATE proposals SET from_name = NULL, "
			      "from_address = NULL, recipients = NULL, "
			      "subject = NULL, snippet = NULL, path = NULL, "
			      "reason = '' WHERE id = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = fu__step_done(db, st)))
		return rc;
	if ((rc = fu__prepare(db, &st, "DELETE FROM proposal_people WHERE "
			      "proposal_id = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return fu__step_done(db, st);
}

int fu__proposal_event_removed(fu_db *db, int64_t event_id)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "UPDATE proposals SET state = 'open', "
			     "event_id = NULL, decided_at = NULL WHERE "
			     "event_id = ? AND state = 'accepted' AND change "
			     "IS NULL");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, event_id);
	return fu__step_done(db, st);
}

/* --- reading ------------------------------------------------------------- */

#define PROPOSAL_COLUMNS \
	"id, state, kind, change, how, exact, application_id, contact_id, " \
	"at, channel, reason, target_event_id, event_id, date, from_name, " \
	"from_address, recipients, subject, message_id, in_reply_to, " \
	"snippet, path, uid, sequence, created_at, decided_at"

static void read_proposal(void *row, sqlite3_stmt *st)
{
	fu_proposal *p = row;
	const char *s;
	p->id = sqlite3_column_int64(st, 0);
	p->state = (fu_proposal_state)parse_name(state_names, 5,
		(const char *)sqlite3_column_text(st, 1));
	fu_event_kind k = FU_EV_NONE;
	if ((s = (const char *)sqlite3_column_text(st, 2)))
		fu_event_kind_stored(&k, s);
	p->kind = k;
	p->change = (fu_mail_change)parse_name(change_names, 3,
		(const char *)sqlite3_column_text(st, 3));
	p->how = (fu_mail_how)parse_name(how_names, 6,
		(const char *)sqlite3_column_text(st, 4));
	p->exact = sqlite3_column_int(st, 5);
	p->application_id = sqlite3_column_int64(st, 6);
	p->contact_id = sqlite3_column_int64(st, 7);
	p->at = sqlite3_column_int64(st, 8);
	fu_channel ch = FU_CH_NONE;
	if ((s = (const char *)sqlite3_column_text(st, 9)))
		fu_channel_parse(&ch, s);
	p->channel = ch;
	p->reason = fu__col_text(st, 10);
	p->target_event_id = sqlite3_column_int64(st, 11);
	p->event_id = sqlite3_column_int64(st, 12);
	p->date = sqlite3_column_int64(st, 13);
	p->from_name = fu__col_text(st, 14);
	p->from_address = fu__col_text(st, 15);
	p->recipients = fu__col_text(st, 16);
	p->subject = fu__col_text(st, 17);
	p->message_id = fu__col_text(st, 18);
	p->in_reply_to = fu__col_text(st, 19);
	p->snippet = fu__col_text(st, 20);
	p->path = fu__col_text(st, 21);
	p->uid = fu__col_text(st, 22);
	p->sequence = sqlite3_column_int(st, 23);
	p->created_at = sqlite3_column_int64(st, 24);
	p->decided_at = sqlite3_column_int64(st, 25);
}

static int load_details(fu_db *db, fu_proposal *p, sqlite3_stmt *people,
			sqlite3_stmt *cands)
{
	int rc = FU_OK, src;
	sqlite3_bind_int64(people, 1, p->id);
	while ((src = sqlite3_step(people)) == SQLITE_ROW) {
		fu_mail_who *w = realloc(p->people, (p->npeople + 1) * sizeof *w);
		if (!w) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		p->people = w;
		w += p->npeople++;
		w->contact_id = sqlite3_column_int64(people, 0);
		w->name = fu__col_text(people, 1);
		w->address = fu__col_text(people, 2);
	}
	sqlite3_reset(people);
	if (rc)
		return rc;
	sqlite3_bind_int64(cands, 1, p->id);
	while ((src = sqlite3_step(cands)) == SQLITE_ROW)
		if (fu__push_id(&p->candidates, &p->ncandidates,
				sqlite3_column_int64(cands, 0))) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
	sqlite3_reset(cands);
	return rc;
}

static int read_list(fu_proposal **out, size_t *n, fu_db *db,
		     const char *sql, const char *text, int64_t id)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL, *people = NULL, *cands = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	if (text)
		fu__bind_text(st, 1, text);
	else if (id)
		sqlite3_bind_int64(st, 1, id);
	void *rows = NULL;
	rc = fu__read_rows(db, st, &rows, n, sizeof **out, read_proposal);
	*out = rows;
	if (!rc && *n &&
	    !(rc = fu__prepare(db, &people, "SELECT contact_id, name, address "
			       "FROM proposal_people WHERE proposal_id = ? "
			       "ORDER BY position")) &&
	    !(rc = fu__prepare(db, &cands, "SELECT application_id FROM "
			       "proposal_candidates WHERE proposal_id = ? "
			       "ORDER BY application_id")))
		for (size_t i = 0; !rc && i < *n; i++)
			rc = load_details(db, &(*out)[i], people, cands);
	sqlite3_finalize(people);
	sqlite3_finalize(cands);
	if (rc) {
		fu_proposal_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int fu_proposal_list(fu_proposal **out, size_t *n, fu_db *db, int state)
{
	if (state)
		return read_list(out, n, db, "SELECT " PROPOSAL_COLUMNS " FROM "
				 "proposals WHERE state = ? ORDER BY "
				 "coalesce(date, at) DESC, id DESC",
				 fu_proposal_state_name(state), 0);
	return read_list(out, n, db, "SELECT " PROPOSAL_COLUMNS " FROM "
			 "proposals ORDER BY coalesce(date, at) DESC, id DESC",
			 NULL, 0);
}

int fu_proposal_get(fu_proposal **out, fu_db *db, int64_t id)
{
	fu_proposal *list = NULL;
	size_t n = 0;
	*out = NULL;
	int rc = read_list(&list, &n, db, "SELECT " PROPOSAL_COLUMNS " FROM "
			   "proposals WHERE id = ?", NULL, id);
	if (rc)
		return rc;
	if (!n)
		return fu__error(db, FU_ENOTFOUND, "no proposal %lld (fu mail "
				 "lists them)", (long long)id);
	*out = list;
	return FU_OK;
}

static void clear_proposal(fu_proposal *p)
{
	free(p->candidates);
	for (size_t i = 0; i < p->npeople; i++) {
		free(p->people[i].name);
		free(p->people[i].address);
	}
	free(p->people);
	free(p->reason);
	free(p->from_name);
	free(p->from_address);
	free(p->recipients);
	free(p->subject);
	free(p->message_id);
	free(p->in_reply_to);
	free(p->snippet);
	free(p->path);
	free(p->uid);
}

void fu_proposal_free(fu_proposal *p)
{
	if (!p)
		return;
	clear_proposal(p);
	free(p);
}

void fu_proposal_list_free(fu_proposal *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		clear_proposal(&list[i]);
	free(list);
}

/* What matching needs of the proposals: their Message-IDs (a reply to
 * one threads to its subject) and invitations. */
int fu__proposal_context(fu_db *db, fu_mail_ctx *x)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT id, state, kind, change, "
		"application_id, contact_id, at, message_id, uid, sequence, "
		"coalesce(event_id, target_event_id), (SELECT contact_id FROM "
		"proposal_people WHERE proposal_id = p.id ORDER BY position "
		"LIMIT 1) FROM proposals p WHERE message_id IS NOT NULL OR "
		"uid IS NOT NULL");
	if (rc)
		return rc;
	int src;
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(st, 1);
		const char *kind = (const char *)sqlite3_column_text(st, 2);
		int ps = parse_name(state_names, 5, state);
		int change = parse_name(change_names, 3,
			(const char *)sqlite3_column_text(st, 3));
		fu_mail_known k = { 0 };
		k.proposal_id = sqlite3_column_int64(st, 0);
		if (kind)
			fu_event_kind_stored(&k.kind, kind);
		k.application_id = sqlite3_column_int64(st, 4);
		k.contact_id = sqlite3_column_int64(st, 5);
		k.at = sqlite3_column_int64(st, 6);
		k.message_id = (const char *)sqlite3_column_text(st, 7);
		k.person = sqlite3_column_int64(st, 11);
		/* a message fu has proposed is known whatever became of it
		 * (its own Message-ID is then passed over); only an open or
		 * accepted one gives a thread its subject */
		if (ps != FU_PROP_OPEN && ps != FU_PROP_ACCEPTED)
			k.application_id = k.contact_id = 0;
		if (k.message_id)
			rc = fu_mail_ctx_known(x, &k);
		const char *uid = (const char *)sqlite3_column_text(st, 8);
		if (!rc && uid) {
			fu_mail_invite v = { 0 };
			v.uid = uid;
			v.sequence = sqlite3_column_int(st, 9);
			v.state = ps == FU_PROP_OPEN ? FU_INVITE_OPEN
				: ps == FU_PROP_ACCEPTED ? FU_INVITE_ACCEPTED
				: ps == FU_PROP_IGNORED ? FU_INVITE_IGNORED
				: FU_INVITE_DROPPED;
			v.proposal_id = k.proposal_id;
			v.event_id = sqlite3_column_int64(st, 10);
			v.start = k.at;
			v.change = change;
			rc = fu_mail_ctx_invite(x, &v);
		}
		if (rc)
			rc = fu__error(db, FU_ERROR, "out of memory");
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

/* Withdraw a proposal still waiting: its invitation was cancelled, or
 * a new version of it was proposed (under a new number, so that the
 * user sees what changed). */
int fu__proposal_drop(fu_db *db, int64_t id)
{
	return fu__proposal_set_state(db, id, FU_PROP_DROPPED, 0);
}
