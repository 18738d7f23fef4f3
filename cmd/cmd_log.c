/* SPDX-License-Identifier: MIT */
/* cmd_log.c - fu log REF KIND: record something that happened */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/buf.h"
#include "fu/date.h"
#include "fu/json.h"
#include "fu/rules.h"
#include "opt.h"

enum {
	O_AT = 1, O_WITH, O_TOPIC, O_EXPECT, O_CHANNEL, O_UNTIL, O_ACTION,
	O_URGENT, O_NOTE, O_NEW_CONTACT
};

static const opt_spec log_options[] = {
	{ "at", 0, "DATE", O_AT, "when it happened (default: now)" },
	{ "with", 0, "CONTACT", O_WITH,
	  "a person it happened with, known or new (repeatable)" },
	{ "topic", 0, "TEXT", O_TOPIC,
	  "something you talked about, for the thank-you (repeatable)" },
	{ "expect", 0, "DATE", O_EXPECT,
	  "the date they promised to get back to you by" },
	{ "channel", 0, "CHANNEL", O_CHANNEL,
	  "how it happened: email, phone, letter, social, in-person, "
	  "video" },
	{ "until", 0, "DATE", O_UNTIL,
	  "for snooze, until when; for offer, their deadline" },
	{ "action", 0, "ACTION", O_ACTION,
	  "for sent, snooze and dismiss: the action aimed at" },
	{ "urgent", 0, NULL, O_URGENT,
	  "for help-promised: time-sensitive, so the reminder comes sooner" },
	{ "note", 0, "TEXT", O_NOTE, "a note kept with the event" },
	{ "new-contact", 0, NULL, O_NEW_CONTACT,
	  "add the --with people as new even when one looks like someone "
	  "already on it" },
	{ NULL, 0, NULL, 0, NULL }
};

static int check_action(const char *a)
{
	if (strchr(a, ':'))
		return FU_EXIT_OK; /* a full key, as fu due --json shows */
	for (int k = 1; k < FU_ACT__COUNT; k++)
		if (strcmp(fu_action_kind_name((fu_action_kind)k), a) == 0)
			return FU_EXIT_OK;
	return cli_fail(FU_EXIT_INVALID, "--action takes an action id (%s) or "
			"a key from fu due --json, not '%s'",
			fu_action_kind_names(), a);
}

/* The open actions of a subject (app, or a contact: what is owed to
 * them), or NULL with the failure reported. */
static int owed(cli *c, fu_action_row **rows, size_t *n, int64_t app,
		int64_t contact)
{
	fu_action_filter f = { 0 };
	f.application_id = app;
	f.contact_id = contact;
	f.now = c->now;
	f.with_riders = 1;
	int lrc = fu_action_list(rows, n, c->db, &f);
	return lrc ? cli_lib_fail(c, lrc) : FU_EXIT_OK;
}

/* Whether a logged aim (--action: a kind or a key) names row r. */
static int aimed(const char *aim, const fu_action_row *r)
{
	return !aim || strcmp(aim, fu_action_kind_name(r->a.kind)) == 0 ||
	       strcmp(aim, r->a.key) == 0;
}

/* "thank-you to Sam Lee (Acme, Backend Engineer)" into b. */
static void describe(fu_buf *b, const fu_action_row *r)
{
	fu_buf_printf(b, "%s", fu_action_kind_name(r->a.kind));
	if (r->contact_name)
		fu_buf_printf(b, " to %s", r->contact_name);
	if (r->company)
		fu_buf_printf(b, " (%s, %s)", r->company, r->role ? r->role : "");
}

/*
 * Who a sent went to, when fu log is not told (rule 11, and "one message
 * is one person"). Logged on an application without --with: the one
 * person owed a message there (of --action's kind); when several are,
 * which one is asked. Logged on a person: the subject that owes them the
 * message, logged there with them; when several owe them separate
 * messages, which one is asked.
 */
static int who_was_sent(cli *c, fu_event *e)
{
	fu_action_row *rows = NULL;
	size_t n = 0;
	int rc = owed(c, &rows, &n, e->application_id, e->contact_id);
	if (rc)
		return rc;
	int64_t pick = 0, subject_app = 0, subject_contact = 0;
	size_t many = 0;
	fu_buf list = FU_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const fu_action_row *r = &rows[i];
		if (r->a.channel == FU_CH_NONE || !r->a.contact_id ||
		    !aimed(e->action, r))
			continue;
		if (e->contact_id && (r->a.contact_id != e->contact_id ||
				      r->joined))
			continue;
		int64_t key = e->contact_id ? (r->a.application_id ? r->a.application_id
					      : -r->subject_contact_id)
			    : r->a.contact_id;
		if (many && key == pick)
			continue;
		if (!many) {
			pick = key;
			subject_app = r->a.application_id;
			subject_contact = r->subject_contact_id;
		}
		fu_buf_puts(&list, many++ ? "; " : "");
		describe(&list, r);
	}
	if (many > 1) {
		rc = cli_usage_fail(c, e->contact_id
				    ? "this person is owed more than one "
				      "message (%s): say which with %s"
				    : "more than one person is owed a message "
				      "(%s): say which with %s", list.data,
				    e->contact_id ?
				    "fu log APPLICATION sent --with PERSON"
				    : "--with PERSON");
	} else if (many == 1 && !e->contact_id) {
		if (!(e->with = malloc(sizeof *e->with)))
			rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
		else
			e->with[e->nwith++] = pick;
	} else if (many == 1 && e->contact_id &&
		   (subject_app || subject_contact != e->contact_id)) {
		/* the subject that owes it (an application, or another
		 * person's networking), with the person */
		if (!(e->with = malloc(sizeof *e->with))) {
			rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
		} else {
			e->with[e->nwith++] = e->contact_id;
			e->application_id = subject_app;
			e->contact_id = subject_app ? 0 : subject_contact;
		}
	}
	fu_buf_free(&list);
	fu_action_list_free(rows, n);
	return rc;
}

/* Rule 18: a follow-up is recorded when it happened, but sent before
 * its window opens (or within a week of the last one to that person)
 * it breaks the cadence: say so. Before logging: the warnings, to
 * print once it is recorded. */
static void cadence_warnings(cli *c, const fu_event *e, fu_buf *warn)
{
	fu_action_row *rows = NULL;
	size_t n = 0;
	if (e->kind != FU_EV_SENT ||
	    owed(c, &rows, &n, e->application_id, e->contact_id))
		return;
	int gap = 7;
	fu_rule_params p;
	if (fu_config_params(&p, c->db) == FU_OK)
		gap = p.v[FU_P_MIN_GAP_DAYS];
	for (size_t k = 0; k < (e->nwith ? e->nwith : 1); k++) {
		int64_t who = e->nwith ? e->with[k] : 0;
		const fu_action_row *best = NULL;
		int courtesy = 0;
		for (size_t i = 0; i < n; i++) {
			const fu_action_row *r = &rows[i];
			if ((who && r->a.contact_id != who) ||
			    r->a.channel == FU_CH_NONE || !aimed(e->action, r))
				continue;
			if (fu_action_is_courtesy(r->a.kind) && !e->action)
				courtesy = 1;
			else if (!best || r->a.due < best->a.due)
				best = r;
		}
		if (courtesy)
			continue;
		char d[FU_HUMAN_LEN];
		if (best && fu_action_is_follow_up(best->a.kind) &&
		    best->a.not_before > e->at) {
			fu_buf_printf(warn, "fu: warning: the %s to %s opens on "
				      "%s: sent now, it breaks the cadence "
				      "(rule 18)\n",
				      fu_action_kind_name(best->a.kind),
				      best->contact_name ? best->contact_name
							 : "them",
				      cli_from(d, c, best->a.not_before));
			continue;
		}
		int64_t last = 0;
		if (who && !best && fu_action_last_follow_up(c->db, who,
							     &last) == FU_OK &&
		    last && last <= e->at &&
		    e->at < fu_time_add_days(last, gap)) {
			fu_contact *p2 = NULL;
			fu_contact_get(&p2, c->db, who);
			fu_buf_printf(warn, "fu: warning: you followed up with "
				      "%s on %s: two follow-ups within %d days "
				      "break the cadence (rule 18)\n",
				      p2 ? p2->name : "them",
				      fu_time_human(d, last, c->now, 1), gap);
			fu_contact_free(p2);
		}
	}
	fu_action_list_free(rows, n);
}

/* Rule 9: a snooze or dismiss must aim at something owed. */
static int check_aim(cli *c, const fu_event *e)
{
	fu_action_row *rows = NULL;
	size_t n = 0;
	int rc = owed(c, &rows, &n, e->application_id, e->contact_id);
	if (rc)
		return rc;
	fu_buf list = FU_BUF_INIT;
	int found = 0;
	for (size_t i = 0; i < n && !found; i++) {
		const fu_action_row *r = &rows[i];
		int person = !e->nwith;
		for (size_t k = 0; k < e->nwith; k++)
			person |= r->a.contact_id == e->with[k];
		if (e->contact_id && r->subject_contact_id != e->contact_id &&
		    r->a.contact_id != e->contact_id)
			continue;
		found = aimed(e->action, r) && person;
		fu_buf_puts(&list, list.len ? "; " : "");
		describe(&list, r);
	}
	if (!found)
		rc = n ? cli_fail(FU_EXIT_NOTFOUND, "nothing owed there matches "
				  "'%s' (owed: %s)", e->action ? e->action
				  : "that person", list.data)
		       : cli_fail(FU_EXIT_NOTFOUND, "nothing is owed there to "
				  "%s", fu_event_kind_name(e->kind));
	fu_buf_free(&list);
	fu_action_list_free(rows, n);
	return rc;
}

static void print_event(cli *c, const fu_event *e)
{
	char h[FU_HUMAN_LEN];
	printf("logged %s (event %lld) on ", fu_event_kind_name(e->kind),
	       (long long)e->id);
	cli_put_subject(c, e->application_id, e->contact_id);
	printf(": %s", fu_time_human(h, e->at, c->now, 1));
	for (size_t i = 0; i < e->nwith; i++) {
		fu_contact *p = NULL;
		printf(i ? ", " : ", with ");
		if (fu_contact_get(&p, c->db, e->with[i]) == FU_OK)
			cli_put(stdout, p->name);
		fu_contact_free(p);
		/* the last nwith_new were created from names just now */
		if (i >= e->nwith - e->nwith_new)
			printf(" (new contact %lld)", (long long)e->with[i]);
	}
	printf("\n");
}

static int cmd_log(cli *c, int argc, char **argv)
{
	fu_event e = { 0 };
	const char *ref = NULL, *kind = NULL, *at = NULL, *expect = NULL,
		   *until = NULL, *arg;
	char **with = NULL;
	size_t nwith = 0;
	opt_state st;
	int id, rc = FU_EXIT_OK;
	opt_init(&st, argc, argv);
	while (rc == FU_EXIT_OK &&
	       (id = opt_next(c, &st, log_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: rc = FU_EXIT_USAGE; break;
		case OPT_POSITIONAL:
			if (!ref)
				ref = arg;
			else if (!kind)
				kind = arg;
			else
				rc = cli_usage_fail(c, "unexpected '%s'", arg);
			break;
		case O_AT: at = arg; break;
		case O_EXPECT: expect = arg; break;
		case O_UNTIL: until = arg; break;
		case O_WITH:
			if (strlist_push(&with, &nwith, arg))
				rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
			break;
		case O_TOPIC:
			if (!*arg)
				rc = cli_fail(FU_EXIT_INVALID, "--topic is empty");
			else if (strlist_push(&e.topics, &e.ntopics, arg))
				rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
			break;
		case O_CHANNEL:
			if (fu_channel_parse(&e.channel, arg) != FU_OK)
				rc = cli_fail(FU_EXIT_INVALID, "--channel takes "
					"%s, not '%s'", fu_channel_names(), arg);
			break;
		case O_ACTION:
			if (!(rc = check_action(arg))) {
				free(e.action);
				e.action = strdup(arg);
			}
			break;
		case O_URGENT: e.urgent = 1; break;
		case O_NEW_CONTACT: e.new_people = 1; break;
		case O_NOTE:
			if (!*arg) {
				rc = cli_fail(FU_EXIT_INVALID, "--note is empty");
				break;
			}
			free(e.note);
			e.note = strdup(arg);
			break;
		}
	}
	if (rc == FU_EXIT_OK && c->help) {
		cli_print_usage(c->cmd, stdout);
		goto done;
	}
	if (rc == FU_EXIT_OK && !kind)
		rc = cli_usage_fail(c, "missing the %s", ref ? "KIND (one of "
			"applied, interview, meeting, met, intro, help-promised, "
			"sent, reply, timeline, posting-closed, offer, rejection, "
			"snooze, dismiss)" : "REF and KIND");
	if (rc == FU_EXIT_OK && fu_event_kind_parse(&e.kind, kind) != FU_OK)
		rc = cli_fail(FU_EXIT_INVALID, "unknown event kind '%s': use %s",
			      kind, fu_event_kind_names());
	if (rc == FU_EXIT_OK && e.urgent && e.kind != FU_EV_HELP_PROMISED)
		rc = cli_fail(FU_EXIT_INVALID, "--urgent is for help-promised");
	if (rc == FU_EXIT_OK && e.action && e.kind != FU_EV_SNOOZE &&
	    e.kind != FU_EV_DISMISS && e.kind != FU_EV_SENT)
		rc = cli_fail(FU_EXIT_INVALID, "--action is for sent, snooze "
			      "and dismiss");
	if (rc || (rc = cli_open(c, 0)))
		goto done;
	fu_ref r;
	if ((rc = cli_ref(c, &r, ref, FU_REF_ANY)))
		goto done;
	if (r.type == FU_REF_APPLICATION)
		e.application_id = r.id;
	else
		e.contact_id = r.id;
	e.at = c->now;
	/* rule 19: a date without a time is that whole day */
	int has_time = 0;
	if ((at && (rc = cli_event_time(c, &e.at, "--at", at))) ||
	    (expect && (rc = cli_date(c, &e.expect_at, &has_time, "--expect",
				      expect, FU_DATE_FUTURE))))
		goto done;
	e.expect_day = expect && !has_time;
	if (until && (rc = cli_date(c, &e.until_at, &has_time, "--until", until,
				    FU_DATE_FUTURE)))
		goto done;
	e.until_day = until && !has_time;
	for (size_t i = 0; i < nwith && !rc; i++)
		rc = cli_add_person_in(c, &e.with, &e.nwith, &e.with_new,
				       &e.nwith_new, with[i], e.application_id,
				       e.contact_id);
	if (rc)
		goto done;
	if (e.kind == FU_EV_SENT && !e.nwith && !e.nwith_new &&
	    (rc = who_was_sent(c, &e)))
		goto done;
	if ((e.kind == FU_EV_SNOOZE || e.kind == FU_EV_DISMISS) &&
	    (rc = check_aim(c, &e)))
		goto done;
	fu_buf warn = FU_BUF_INIT;
	cadence_warnings(c, &e, &warn);
	int lrc = fu_event_add(c->db, &e);
	if (lrc) {
		fu_buf_free(&warn);
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	if (warn.len)
		fputs(warn.data, stderr);
	fu_buf_free(&warn);
	if (c->json) {
		rc = cli_json(c, fu_json_event(&e));
	} else {
		print_event(c, &e);
		cli_print_next(c, e.application_id, e.contact_id);
	}
done:
	for (size_t i = 0; i < nwith; i++)
		free(with[i]);
	free(with);
	fu_event_clear(&e);
	return rc;
}

const cmd cmd_log_def = {
	.name = "log",
	.fn = cmd_log,
	.summary = "record something that happened",
	.usage = "fu log REF KIND [--at DATE] [--with CONTACT]... [--topic TEXT]...\n"
		 "       [--expect DATE]\n"
		 "       [--channel email|phone|letter|social|in-person|video]\n"
		 "       [--until DATE] [--action ACTION] [--urgent] [--note TEXT]\n"
		 "       [--new-contact]",
	.options = log_options,
};
