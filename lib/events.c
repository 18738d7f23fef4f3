/* SPDX-License-Identifier: MIT */
/*
 * events.c - the events table and what each event names (event_contacts:
 * the people met; event_topics: what was discussed): checking an event
 * as fu log and fu import take one, writing, reading, and removing it on
 * undo. Events are facts: appended, and removed only by undo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "internal.h"

/* Whether an action aim names an action: its id, or a key (with a
 * ':') as fu due --json shows it. */
static int known_action(const char *s)
{
	if (strchr(s, ':'))
		return 1;
	for (int k = 1; k < FU_ACT__COUNT; k++)
		if (strcmp(fu_action_kind_name((fu_action_kind)k), s) == 0)
			return 1;
	return 0;
}

/* A topic's person (--topic-for) is someone the event names: one of
 * its --with people (or, on add, one it creates: -(k + 1)), or the
 * contact it was logged on; and one person's topics are not given
 * twice. */
static int check_topic_people(fu_db *db, const fu_event *e, const char *base)
{
	for (size_t i = 0; e->topic_with && i < e->ntopics; i++) {
		int64_t who = e->topic_with[i];
		char key[48];
		snprintf(key, sizeof key, "topic_with[%zu]", i);
		int known = who == 0 || who == e->contact_id ||
			    (who < 0 && (size_t)(-(who + 1)) < e->nwith_new);
		for (size_t k = 0; !known && k < e->nwith; k++)
			known = e->with[k] == who;
		if (!known)
			return base ? fu__field_error(db, base, key, "contact "
						      "%lld is not among the "
						      "event's people (with)",
						      (long long)who)
				    : fu__error(db, FU_EINVALID, "a topic's person "
						"must be one of the people met "
						"(--with)");
	}
	for (size_t i = 0; i < e->ntopics; i++)
		for (size_t j = 0; j < i; j++) {
			int64_t a = e->topic_with ? e->topic_with[i] : 0;
			int64_t b = e->topic_with ? e->topic_with[j] : 0;
			if (a != b || !e->topics[i] || !e->topics[j] ||
			    fu__fold_equal(e->topics[i], e->topics[j]) != 1)
				continue;
			char key[32];
			snprintf(key, sizeof key, "topics[%zu]", i);
			return base ? fu__field_error(db, base, key, "'%s' is "
						      "given twice",
						      e->topics[i])
				    : fu__error(db, FU_EINVALID, "the topic '%s' "
						"is given twice", e->topics[i]);
		}
	return FU_OK;
}

/* What only some kinds carry: an outcome (a closed event, which only fu
 * close writes), urgent (help-promised) and an action aimed at (sent,
 * snooze, dismiss), which must name one. fu log checks the same on its
 * command line before it opens the database, in its own words. */
static int check_more(fu_db *db, const fu_event *e, const char *base)
{
	const char *kind = fu_event_kind_name(e->kind);
	if (e->kind == FU_EV_CLOSED && !e->outcome)
		return fu__field_error(db, base, "outcome", "a closed event "
				       "needs an outcome (%s)",
				       fu_outcome_names());
	if (e->kind != FU_EV_CLOSED && e->outcome)
		return fu__field_error(db, base, "outcome", "only a closed "
				       "event has an outcome, not %s", kind);
	if (e->urgent && e->kind != FU_EV_HELP_PROMISED)
		return base ? fu__field_error(db, base, "urgent", "only "
					      "help-promised can be urgent, "
					      "not %s", kind)
			    : fu__error(db, FU_EINVALID, "--urgent is for "
					"help-promised");
	if (e->occasion && e->kind != FU_EV_MET && e->kind != FU_EV_MEETING)
		return base ? fu__field_error(db, base, "occasion", "only met "
					      "and meeting have an occasion, "
					      "not %s", kind)
			    : fu__error(db, FU_EINVALID, "--occasion is for "
					"met and meeting (where you met, or "
					"what the meeting was)");
	if (e->because && e->kind != FU_EV_HELP_PROMISED)
		return base ? fu__field_error(db, base, "because", "only "
					      "help-promised says why it is "
					      "urgent, not %s", kind)
			    : fu__error(db, FU_EINVALID, "--because is for "
					"help-promised (why it is urgent)");
	if (e->because && !e->urgent)
		return fu__field_error(db, base, "because", "says why the help "
				       "is urgent, but urgent is false");
	if (e->action && e->kind != FU_EV_SENT && e->kind != FU_EV_SNOOZE &&
	    e->kind != FU_EV_DISMISS)
		return base ? fu__field_error(db, base, "action", "only sent, "
					      "snooze and dismiss aim at an "
					      "action, not %s", kind)
			    : fu__error(db, FU_EINVALID, "--action is for sent, "
					"snooze and dismiss");
	if (e->action && !known_action(e->action))
		return base ? fu__field_error(db, base, "action", "'%s' is not "
					      "an action (%s, or a key from fu "
					      "due --json)", e->action,
					      fu_action_kind_names())
			    : fu__error(db, FU_EINVALID, "--action takes an "
					"action id (%s) or a key from fu due "
					"--json, not '%s'",
					fu_action_kind_names(), e->action);
	return FU_OK;
}

/* fu log speaks of its options (--until), an import of the fields of its
 * file (until). */
int fu__check_event(fu_db *db, const fu_event *e, const char *base)
{
	int rc;
	const char *kind = fu_event_kind_name(e->kind);
	if (!kind)
		return fu__field_error(db, base, "kind", "unknown event kind: use %s",
				   fu_event_kind_names());
	if (!e->application_id && !e->contact_id)
		return fu__field_error(db, base, "application", "an event needs an "
				   "application or a contact%s",
				   base ? " (both are null)" : "");
	if (!e->application_id) {
		switch (e->kind) {
		case FU_EV_APPLIED: case FU_EV_POSTING_CLOSED:
		case FU_EV_OFFER: case FU_EV_REJECTION: case FU_EV_CLOSED:
		case FU_EV_INTERVIEW:
			return fu__field_error(db, base, "kind", "'%s' is logged on an "
					   "application, not on a contact", kind);
		default:
			break;
		}
	}
	if (e->kind == FU_EV_SNOOZE && !e->until_at)
		return base ? fu__field_error(db, base, "until", "a snooze needs "
					  "until")
			    : fu__error(db, FU_EINVALID,
					"snooze needs --until DATE");
	/* an import brings back history, and old snoozes with it */
	if (!base && e->kind == FU_EV_SNOOZE && e->until_at <= db->now)
		return fu__error(db, FU_EINVALID, "--until must be in the "
				 "future: a snooze that has ended silences "
				 "nothing");
	if (e->until_at && e->kind != FU_EV_SNOOZE && e->kind != FU_EV_OFFER)
		return base ? fu__field_error(db, base, "until", "only a snooze or "
					  "an offer has until, not %s", kind)
			    : fu__error(db, FU_EINVALID, "--until is for snooze "
					"(until when) and offer (their "
					"deadline)");
	if (e->expect_at && e->kind != FU_EV_INTERVIEW &&
	    e->kind != FU_EV_REPLY && e->kind != FU_EV_TIMELINE &&
	    e->kind != FU_EV_HELP_PROMISED && e->kind != FU_EV_MEETING)
		return base ? fu__field_error(db, base, "expect", "only interview, "
					  "meeting, reply, timeline and "
					  "help-promised have expect, not %s",
					  kind)
			    : fu__error(db, FU_EINVALID, "--expect is for "
					"interview, meeting, reply, timeline "
					"and help-promised");
	if (e->channel < 0 || e->channel >= FU_CH__COUNT)
		return fu__field_error(db, base, "channel", "unknown channel");
	if ((rc = fu__check_message_id(db, base, e->message_id)))
		return rc;
	if ((rc = fu__check_field(db, base, "note", "the note", e->note,
			      FU__NOTE_MAX, 1)) ||
	    (rc = fu__check_field(db, base, "action", "the action", e->action,
			      FU__ACTION_MAX, 0)))
		return rc;
	for (size_t i = 0; i < e->ntopics; i++) {
		char key[32];
		snprintf(key, sizeof key, "topics[%zu]", i);
		if ((rc = fu__check_required(db, base, key, "the topic",
					 e->topics[i], FU__FIELD_MAX)))
			return rc;
	}
	if ((rc = check_topic_people(db, e, base)))
		return rc;
	if ((rc = fu__check_field(db, base, "occasion", "the occasion",
				  e->occasion, FU__FIELD_MAX, 0)) ||
	    (rc = fu__check_field(db, base, "because", "the reason it is "
				  "urgent", e->because, FU__FIELD_MAX, 0)))
		return rc;
	if (e->occasion && strspn(e->occasion, " \t") == strlen(e->occasion))
		return fu__field_error(db, base, "occasion", base ? "expected "
				       "a non-empty string" : "--occasion is "
				       "empty");
	if (e->because && strspn(e->because, " \t") == strlen(e->because))
		return fu__field_error(db, base, "because", base ? "expected "
				       "a non-empty string" : "--because is "
				       "empty");
	for (size_t i = 0; i < e->nwith_new; i++)
		if ((rc = fu__check_required(db, base, "with", "the contact's name",
					 e->with_new[i], FU__NAME_MAX)))
			return rc;
	return check_more(db, e, base);
}

/* Record an event's --with people and topics (e->id set). */
static int insert_event_people(fu_db *db, const fu_event *e)
{
	sqlite3_stmt *st = NULL;
	int rc;
	for (size_t i = 0; i < e->nwith; i++) {
		if ((rc = fu__prepare(db, &st, "INSERT INTO event_contacts "
			"(event_id, position, contact_id, created) VALUES "
			"(?, ?, ?, ?)")))
			return rc;
		sqlite3_bind_int64(st, 1, e->id);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		sqlite3_bind_int64(st, 3, e->with[i]);
		/* the people named who were not contacts yet: created for
		 * this event, removed with it on undo */
		sqlite3_bind_int(st, 4, e->nadded <= e->nwith &&
				 i >= e->nwith - e->nadded);
		if ((rc = fu__step_done(db, st)))
			return rc;
	}
	return fu__event_insert_topics(db, e->id, 1, e->topics, e->topic_with,
				       e->ntopics);
}

int fu__event_insert_topics(fu_db *db, int64_t id, int64_t position,
			    char *const *topics, const int64_t *with, size_t n)
{
	sqlite3_stmt *st = NULL;
	int rc;
	for (size_t i = 0; i < n; i++) {
		if ((rc = fu__prepare(db, &st, "INSERT INTO event_topics "
			"(event_id, position, text, contact_id) VALUES "
			"(?, ?, ?, ?)")))
			return rc;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, position + (int64_t)i);
		fu__bind_text(st, 3, topics[i]);
		fu__bind_time(st, 4, with ? with[i] : 0); /* 0: NULL */
		if ((rc = fu__step_done(db, st)))
			return rc;
	}
	return FU_OK;
}

int fu__insert_event(fu_db *db, fu_event *e, int64_t id, int64_t created)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "INSERT INTO events (id, kind, at, "
		"application_id, contact_id, channel, expect_at, until_at, "
		"note, action, outcome, urgent, created_at, expect_date, "
		"until_date, message_id, occasion, because, uuid) VALUES "
		"(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	if (rc)
		return rc;
	if (!created)
		created = db->now;
	fu__bind_time(st, 1, id); /* NULL: the next number */
	fu__bind_text(st, 2, fu_event_kind_name(e->kind));
	sqlite3_bind_int64(st, 3, e->at);
	fu__bind_time(st, 4, e->application_id);
	fu__bind_time(st, 5, e->contact_id);
	fu__bind_text(st, 6, fu_channel_name(e->channel));
	fu__bind_time(st, 7, e->expect_at);
	fu__bind_time(st, 8, e->until_at);
	char day1[FU_DAY_LEN], day2[FU_DAY_LEN];
	fu__bind_text(st, 14, e->expect_day && e->expect_at
			       ? fu_time_day(day1, e->expect_at) : NULL);
	fu__bind_text(st, 15, e->until_day && e->until_at
			       ? fu_time_day(day2, e->until_at) : NULL);
	fu__bind_text(st, 9, e->note);
	fu__bind_text(st, 10, e->action);
	fu__bind_text(st, 11, fu_outcome_name(e->outcome));
	sqlite3_bind_int(st, 12, e->urgent != 0);
	sqlite3_bind_int64(st, 13, created);
	fu__bind_text(st, 16, e->message_id);
	fu__bind_text(st, 17, e->occasion);
	fu__bind_text(st, 18, e->because);
	/* NULL: the table's trigger gives it one, and its ord (schema.c) */
	fu__bind_text(st, 19, e->uuid[0] ? e->uuid : NULL);
	if ((rc = fu__step_done(db, st)))
		return rc;
	e->id = sqlite3_last_insert_rowid(db->sql);
	e->created_at = created;
	if (e->id < 1 || e->id > FU_ID_MAX)
		return fu__error(db, FU_EDB, "'%s' has no numbers left for a "
				 "new event (the largest is %lld): fu doctor",
				 db->path, (long long)FU_ID_MAX);
	return insert_event_people(db, e);
}

#define EVENT_COLUMNS \
	"e.id, e.kind, e.at, e.application_id, e.contact_id, e.channel, " \
	"e.expect_at, e.until_at, e.note, e.action, e.outcome, e.urgent, " \
	"e.created_at, e.expect_date, e.until_date, e.message_id, " \
	"e.occasion, e.because, e.uuid, e.ord"

static void read_event(void *row, sqlite3_stmt *st)
{
	fu_event *e = row;
	const char *s;
	e->id = sqlite3_column_int64(st, 0);
	s = (const char *)sqlite3_column_text(st, 1);
	fu_event_kind k = FU_EV_NONE;
	if (s)
		fu_event_kind_stored(&k, s);
	e->kind = k;
	e->at = fu__col_time(st, 2);
	e->application_id = sqlite3_column_int64(st, 3);
	e->contact_id = sqlite3_column_int64(st, 4);
	fu_channel ch = FU_CH_NONE;
	if ((s = (const char *)sqlite3_column_text(st, 5)))
		fu_channel_parse(&ch, s);
	e->channel = ch;
	e->expect_at = fu__col_time(st, 6);
	e->until_at = fu__col_time(st, 7);
	/* rule 19: a date given without a time is that whole day, in the
	 * zone it is read in; a stored time out of range stays as it is, for
	 * check_event_row to refuse */
	if (fu_time_valid(e->expect_at) &&
	    (s = (const char *)sqlite3_column_text(st, 13)) &&
	    fu_date_parse(&e->expect_at, NULL, s, 0, 0, NULL, 0) == FU_OK)
		e->expect_day = 1;
	if (fu_time_valid(e->until_at) &&
	    (s = (const char *)sqlite3_column_text(st, 14)) &&
	    fu_date_parse(&e->until_at, NULL, s, 0, 0, NULL, 0) == FU_OK)
		e->until_day = 1;
	e->note = fu__col_text(st, 8);
	e->action = fu__col_text(st, 9);
	fu_outcome o = FU_OUT_NONE;
	if ((s = (const char *)sqlite3_column_text(st, 10)))
		fu_outcome_parse(&o, s);
	e->outcome = o;
	e->urgent = sqlite3_column_int(st, 11);
	e->created_at = fu__col_time(st, 12);
	e->message_id = fu__col_text(st, 15);
	e->occasion = fu__col_text(st, 16);
	e->because = fu__col_text(st, 17);
	if ((s = (const char *)sqlite3_column_text(st, 18)))
		snprintf(e->uuid, sizeof e->uuid, "%s", s);
	e->ord = sqlite3_column_int64(st, 19);
}

/* An event read from the file, as fu would have written it. */
static int check_event_row(fu_db *db, const fu_event *e)
{
	int rc;
	if ((rc = fu__check_row_id(db, "an event", e->id)) ||
	    (rc = fu__check_row_time(db, "event", e->id, "its time", e->at, 0)) ||
	    (rc = fu__check_row_time(db, "event", e->id, "its --expect date",
				     e->expect_at, 1)) ||
	    (rc = fu__check_row_time(db, "event", e->id, "its --until date",
				     e->until_at, 1)) ||
	    (rc = fu__check_row_time(db, "event", e->id, "its record time",
				     e->created_at, 1)))
		return rc;
	if (e->application_id < 0 || e->application_id > FU_ID_MAX)
		return fu__bad_row(db, "event", e->id, "its application",
				   e->application_id);
	if (e->contact_id < 0 || e->contact_id > FU_ID_MAX)
		return fu__bad_row(db, "event", e->id, "its contact",
				   e->contact_id);
	return FU_OK;
}

/* The statements that read an event's people and topics: prepared once
 * for a whole list of events, not once per event. */
typedef struct detail_stmts {
	sqlite3_stmt *with, *topics; /* topics NULL: not wanted */
} detail_stmts;

static int prepare_details(fu_db *db, detail_stmts *d, int want_topics)
{
	d->with = d->topics = NULL;
	int rc = fu__prepare(db, &d->with, "SELECT contact_id, created FROM "
			     "event_contacts WHERE event_id = ? ORDER BY "
			     "position");
	if (!rc && want_topics &&
	    (rc = fu__prepare(db, &d->topics, "SELECT text, contact_id FROM "
			      "event_topics WHERE event_id = ? ORDER BY "
			      "position"))) {
		sqlite3_finalize(d->with);
		d->with = NULL;
	}
	return rc;
}

static void finalize_details(detail_stmts *d)
{
	sqlite3_finalize(d->with);
	sqlite3_finalize(d->topics);
}

/* Fill with[] and, when d has its topics statement, topics[] of e. */
static int load_event_details(fu_db *db, detail_stmts *d, fu_event *e)
{
	sqlite3_stmt *st = d->with;
	int rc = FU_OK;
	sqlite3_bind_int64(st, 1, e->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t *p = realloc(e->with, (e->nwith + 1) * sizeof *p);
		if (!p) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		e->with = p;
		p[e->nwith++] = sqlite3_column_int64(st, 0);
		e->nadded = sqlite3_column_int(st, 1) ? e->nadded + 1 : 0;
	}
	sqlite3_reset(st);
	if (rc || !(st = d->topics))
		return rc;
	sqlite3_bind_int64(st, 1, e->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char **p = realloc(e->topics, (e->ntopics + 1) * sizeof *p);
		if (p)
			e->topics = p;
		int64_t who = sqlite3_column_int64(st, 1);
		int64_t *w = who || e->topic_with
			? realloc(e->topic_with, (e->ntopics + 1) * sizeof *w)
			: NULL;
		if (w && !e->topic_with) /* the topics before had nobody */
			memset(w, 0, e->ntopics * sizeof *w);
		if (w)
			e->topic_with = w;
		char *t = fu__col_text(st, 0);
		if (!p || !t || ((who || e->topic_with) && !w)) {
			free(t);
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		if (w)
			w[e->ntopics] = who;
		p[e->ntopics++] = t;
	}
	sqlite3_reset(st);
	return rc;
}

int fu_event_get(fu_event **out, fu_db *db, int64_t id)
{
	*out = NULL;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT " EVENT_COLUMNS
			     " FROM events e WHERE e.id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	fu_event *e = NULL;
	if (src == SQLITE_ROW) {
		if (!(e = calloc(1, sizeof *e)))
			rc = fu__error(db, FU_ERROR, "out of memory");
		else {
			read_event(e, st);
			rc = check_event_row(db, e);
		}
	} else if (src == SQLITE_DONE) {
		rc = fu__error(db, FU_ENOTFOUND, "no event number %lld",
			       (long long)id);
	} else {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_finalize(st);
	detail_stmts d;
	if (!rc && !(rc = prepare_details(db, &d, 1))) {
		rc = load_event_details(db, &d, e);
		finalize_details(&d);
	}
	if (rc && e) {
		fu_event_free(e);
		e = NULL;
	}
	*out = e;
	return rc;
}

/* Events of a subject: sql binds ?1 (and ?2); rows in EVENT_COLUMNS. */
static int list_events(fu_event **out, size_t *n, fu_db *db, const char *sql,
		       int64_t a1, int want_topics)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, a1);
	void *rows = NULL;
	rc = fu__read_rows(db, st, &rows, n, sizeof **out, read_event);
	*out = rows;
	for (size_t i = 0; !rc && i < *n; i++)
		rc = check_event_row(db, &(*out)[i]);
	detail_stmts d;
	if (!rc && *n && !(rc = prepare_details(db, &d, want_topics))) {
		for (size_t i = 0; !rc && i < *n; i++)
			rc = load_event_details(db, &d, &(*out)[i]);
		finalize_details(&d);
	}
	if (rc) {
		fu_event_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static const char app_events_sql[] = "SELECT " EVENT_COLUMNS
	" FROM events e WHERE e.application_id = ?1"
	" ORDER BY e.at, e.ord, e.uuid";
static const char contact_events_sql[] = "SELECT " EVENT_COLUMNS
	" FROM events e WHERE e.contact_id = ?1 OR e.id IN (SELECT event_id "
	"FROM event_contacts WHERE contact_id = ?1)"
	" ORDER BY e.at, e.ord, e.uuid";
static const char networking_events_sql[] = "SELECT " EVENT_COLUMNS
	" FROM events e WHERE e.contact_id = ?1 AND e.application_id IS NULL"
	" ORDER BY e.at, e.ord, e.uuid";

int fu_event_list(fu_event **out, size_t *n, fu_db *db,
		  int64_t application_id, int64_t contact_id)
{
	if (application_id)
		return list_events(out, n, db, app_events_sql, application_id,
				   1);
	return list_events(out, n, db, contact_events_sql, contact_id, 1);
}

void fu_event_list_free(fu_event *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fu_event_clear(&list[i]);
	free(list);
}

int fu__event_list_subject(fu_event **out, size_t *n, fu_db *db,
			   int64_t application_id, int64_t contact_id)
{
	if (application_id)
		return list_events(out, n, db, app_events_sql, application_id,
				   0);
	return list_events(out, n, db, networking_events_sql, contact_id, 0);
}

int fu__event_last(fu_db *db, int64_t *out, int64_t application_id,
		   int64_t contact_id)
{
	if (application_id)
		return fu__query_int64(db, out, "SELECT max(id) FROM events "
				       "WHERE application_id = ?",
				       application_id);
	if (contact_id)
		return fu__query_int64(db, out, "SELECT max(id) FROM events "
				       "WHERE contact_id = ?1 OR id IN (SELECT "
				       "event_id FROM event_contacts WHERE "
				       "contact_id = ?1)", contact_id);
	return fu__query_int64(db, out, "SELECT max(id) FROM events WHERE "
			       "? = 0", 0);
}

int fu__event_delete(fu_db *db, int64_t id)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "DELETE FROM events WHERE id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return fu__step_done(db, st);
}

int fu__event_first_applied(fu_db *db, int64_t *at, int64_t application_id)
{
	return fu__query_int64(db, at, "SELECT min(at) FROM events WHERE "
			       "application_id = ? AND kind = 'applied'",
			       application_id);
}

int fu__event_set_applied(fu_db *db, int64_t app, int64_t at)
{
	int64_t ev = 0;
	int rc = fu__query_int64(db, &ev,
		"SELECT id FROM events WHERE application_id = ? AND kind = "
		"'applied' ORDER BY at, id LIMIT 1", app);
	if (rc)
		return rc;
	if (!ev) {
		fu_event e = { 0 };
		e.kind = FU_EV_APPLIED;
		e.at = at;
		e.application_id = app;
		return fu__insert_event(db, &e, 0, 0);
	}
	sqlite3_stmt *st = NULL;
	if ((rc = fu__prepare(db, &st, "UPDATE events SET at = ? WHERE id = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int64(st, 2, ev);
	return fu__step_done(db, st);
}

int fu__event_each(fu_db *db, int want_topics,
		   int (*fn)(const fu_event *e, void *arg), void *arg)
{
	sqlite3_stmt *st = NULL;
	detail_stmts d;
	int rc = fu__prepare(db, &st, "SELECT " EVENT_COLUMNS " FROM events e "
			     "ORDER BY e.id");
	if (rc)
		return rc;
	if ((rc = prepare_details(db, &d, want_topics))) {
		sqlite3_finalize(st);
		return rc;
	}
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		fu_event e = { 0 };
		read_event(&e, st);
		if (!(rc = check_event_row(db, &e)) &&
		    !(rc = load_event_details(db, &d, &e)))
			rc = fn(&e, arg);
		fu_event_clear(&e);
		if (rc)
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	finalize_details(&d);
	sqlite3_finalize(st);
	return rc;
}

int fu__event_by_uuid(fu_db *db, int64_t *out, const char *uuid)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT id FROM events WHERE uuid = ?");
	*out = 0;
	if (rc)
		return rc;
	fu__bind_text(st, 1, uuid);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

/* " AND e.kind IN (?n, ...)" for the kinds of a mask, their names bound
 * from ?first on; *n gets how many. */
static void kinds_in(fu_buf *sql, unsigned kinds, int first, int *n)
{
	*n = 0;
	fu_buf_puts(sql, " AND e.kind IN (");
	for (int k = 1; k < FU_EV__COUNT; k++)
		if (kinds & (1u << k)) {
			fu_buf_printf(sql, "%s?%d", *n ? ", " : "", first + *n);
			(*n)++;
		}
	fu_buf_puts(sql, *n ? ")" : "NULL)");
}

static void bind_kinds(sqlite3_stmt *st, unsigned kinds, int first)
{
	int i = first;
	for (int k = 1; k < FU_EV__COUNT; k++)
		if (kinds & (1u << k))
			fu__bind_text(st, i++,
				      fu_event_kind_name((fu_event_kind)k));
}

/* A statement over the events of a span and of some kinds: head, then
 * the span (?1 <= at < ?2, at <= ?3) and the kinds, then tail. */
static int prepare_span(fu_db *db, sqlite3_stmt **st, const char *head,
			const char *tail, int64_t from, int64_t to,
			int64_t until, unsigned kinds)
{
	fu_buf sql = FU_BUF_INIT;
	int n = 0;
	fu_buf_puts(&sql, head);
	fu_buf_puts(&sql, " WHERE e.at >= ?1 AND e.at < ?2 AND e.at <= ?3");
	kinds_in(&sql, kinds, 4, &n);
	fu_buf_puts(&sql, tail);
	int rc = sql.failed ? fu__error(db, FU_ERROR, "out of memory")
			    : fu__prepare(db, st, sql.data);
	fu_buf_free(&sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(*st, 1, from);
	sqlite3_bind_int64(*st, 2, to);
	sqlite3_bind_int64(*st, 3, until);
	bind_kinds(*st, kinds, 4);
	return FU_OK;
}

int fu__event_each_between(fu_db *db, int64_t from, int64_t to,
			   int64_t until, unsigned kinds,
			   int (*fn)(const fu_event *e, void *arg), void *arg)
{
	sqlite3_stmt *st = NULL;
	detail_stmts d;
	int rc = prepare_span(db, &st, "SELECT " EVENT_COLUMNS " FROM events e",
			      " ORDER BY e.at, e.id", from, to, until, kinds);
	if (rc)
		return rc;
	if ((rc = prepare_details(db, &d, 0))) {
		sqlite3_finalize(st);
		return rc;
	}
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		fu_event e = { 0 };
		read_event(&e, st);
		if (!(rc = load_event_details(db, &d, &e)))
			rc = fn(&e, arg);
		fu_event_clear(&e);
		if (rc)
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	finalize_details(&d);
	sqlite3_finalize(st);
	return rc;
}

int fu__event_each_brief(fu_db *db, int64_t from, int64_t to, int64_t until,
			 unsigned kinds,
			 int (*fn)(const fu__event_brief *e, void *arg),
			 void *arg)
{
	sqlite3_stmt *st = NULL;
	int rc = prepare_span(db, &st, "SELECT e.id, e.kind, e.at, "
		"e.application_id, e.contact_id, CASE WHEN e.application_id "
		"IS NOT NULL THEN a.company_id ELSE c.company_id END FROM "
		"events e LEFT JOIN applications a ON a.id = e.application_id "
		"LEFT JOIN contacts c ON c.id = e.contact_id",
		" ORDER BY e.at, e.id", from, to, until, kinds);
	if (rc)
		return rc;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		fu__event_brief b = { 0 };
		const char *k = (const char *)sqlite3_column_text(st, 1);
		b.id = sqlite3_column_int64(st, 0);
		if (k)
			fu_event_kind_stored(&b.kind, k);
		b.at = sqlite3_column_int64(st, 2);
		b.application_id = sqlite3_column_int64(st, 3);
		b.contact_id = sqlite3_column_int64(st, 4);
		b.company_id = sqlite3_column_int64(st, 5);
		if ((rc = fn(&b, arg)))
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

int fu__event_first_of(fu_db *db, int64_t *out, unsigned kinds, int64_t until)
{
	sqlite3_stmt *st = NULL;
	*out = 0;
	int rc = prepare_span(db, &st, "SELECT min(e.at) FROM events e", "",
			      INT64_MIN, INT64_MAX, until, kinds);
	if (rc)
		return rc;
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

int fu__event_count(fu_db *db, int64_t *out)
{
	return fu__query_int64(db, out, "SELECT count(*) FROM events", 0);
}

int fu__event_topic_next(fu_db *db, int64_t id, int64_t *out)
{
	return fu__query_int64(db, out, "SELECT coalesce(max(position), 0) + "
			       "1 FROM event_topics WHERE event_id = ?", id);
}

int fu__event_next_id(fu_db *db, int64_t *out)
{
	return fu__query_int64(db, out, "SELECT coalesce(max(id), 0) + 1 FROM "
			       "events", 0);
}

int fu__event_created_people(fu_db *db, int64_t id, int64_t **out, size_t *n)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	int rc = fu__prepare(db, &st, "SELECT contact_id FROM event_contacts "
			     "WHERE event_id = ? AND created ORDER BY position");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		if (fu__push_id(out, n, sqlite3_column_int64(st, 0))) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

int fu__event_set_at(fu_db *db, int64_t id, int64_t at)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "UPDATE events SET at = ? WHERE id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = fu__step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->sql) == 0)
		return fu__error(db, FU_ENOTFOUND, "no event number %lld",
				 (long long)id);
	return FU_OK;
}

int fu__event_message_ids(fu_db *db, int (*fn)(const fu__event_mid *m,
					       void *arg), void *arg)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT e.id, e.kind, e.application_id, "
		"e.contact_id, e.at, e.message_id, (SELECT contact_id FROM "
		"event_contacts c WHERE c.event_id = e.id ORDER BY position "
		"LIMIT 1) FROM events e WHERE e.message_id IS NOT NULL");
	if (rc)
		return rc;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		fu__event_mid m = { 0 };
		const char *k = (const char *)sqlite3_column_text(st, 1);
		m.id = sqlite3_column_int64(st, 0);
		if (k)
			fu_event_kind_stored(&m.kind, k);
		m.application_id = sqlite3_column_int64(st, 2);
		m.contact_id = sqlite3_column_int64(st, 3);
		m.at = sqlite3_column_int64(st, 4);
		m.message_id = (const char *)sqlite3_column_text(st, 5);
		m.person = sqlite3_column_int64(st, 6);
		if (m.message_id && (rc = fn(&m, arg)))
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}
