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
	O_AT = 1, O_WITH, O_TOPIC, O_TOPIC_FOR, O_EXPECT, O_CHANNEL, O_UNTIL,
	O_ACTION, O_URGENT, O_BECAUSE, O_OCCASION, O_NOTE, O_NEW_CONTACT,
	O_EVENT
};

static const opt_spec log_options[] = {
	{ "at", 0, "DATE", O_AT, "when it happened (default: now)" },
	{ "with", 0, "CONTACT", O_WITH,
	  "a person it happened with, known or new (repeatable)" },
	{ "topic", 0, "TEXT", O_TOPIC,
	  "something you talked about, for the thank-you (repeatable)" },
	{ "topic-for", 0, "PERSON:TEXT", O_TOPIC_FOR,
	  "something you talked about with one of the people met, for "
	  "their thank-you (repeatable)" },
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
	{ "because", 0, "TEXT", O_BECAUSE,
	  "for help-promised: why it is urgent, said in the reminder "
	  "(implies --urgent)" },
	{ "occasion", 0, "TEXT", O_OCCASION,
	  "for met and meeting: where you met, or what the meeting was "
	  "(\"the PyData Berlin meetup\")" },
	{ "note", 0, "TEXT", O_NOTE, "a note kept with the event, for you only" },
	{ "new-contact", 0, NULL, O_NEW_CONTACT,
	  "add the --with people as new even when one looks like someone "
	  "already on it" },
	{ "event", 0, "N", O_EVENT,
	  "for topic: the event to add topics to (default: the latest "
	  "conversation on REF)" },
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

/* A topic as given: its text, and for --topic-for the person as typed
 * (NULL: everyone met). */
typedef struct topic_arg {
	char *person, *text;
} topic_arg;

static void topic_args_free(topic_arg *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].person);
		free(t[i].text);
	}
	free(t);
}

/* Add --topic TEXT (person NULL) or --topic-for 'PERSON: TEXT'. */
static int topic_arg_add(topic_arg **list, size_t *n, const char *arg,
			 int per_person)
{
	const char *text = arg, *colon = per_person ? strchr(arg, ':') : NULL;
	size_t plen = 0;
	if (per_person) {
		const char *p = arg + strspn(arg, " \t");
		plen = colon ? (size_t)(colon - p) : 0;
		while (plen && (p[plen - 1] == ' ' || p[plen - 1] == '\t'))
			plen--;
		text = colon ? colon + 1 : "";
		text += strspn(text, " \t");
		if (!plen || !*text)
			return cli_fail(FU_EXIT_INVALID, "--topic-for takes "
					"'PERSON: TEXT', as in --topic-for 'Sam "
					"Lee: the on-call rotation', not '%s'",
					arg);
		arg = p;
	} else if (!text[strspn(text, " \t")]) {
		return cli_fail(FU_EXIT_INVALID, "--topic is empty");
	}
	topic_arg *t = realloc(*list, (*n + 1) * sizeof *t);
	if (!t)
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	*list = t;
	t[*n].person = per_person ? strndup(arg, plen) : NULL;
	t[*n].text = strdup(text);
	if (!t[*n].text || (per_person && !t[*n].person)) {
		free(t[*n].person);
		free(t[*n].text);
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	}
	(*n)++;
	return FU_EXIT_OK;
}

/*
 * The topics as the event keeps them: texts[] and, when any is one
 * person's, with[] beside them. The people a --topic-for may name are
 * those of the event: ids[] (known, with their names) and then new[]
 * (named with --with, created with the event: -(k + 1)).
 */
static int topics_resolve(cli *c, const topic_arg *t, size_t n,
			  const int64_t *ids, size_t nids, char *const *new,
			  size_t nnew, char ***texts, int64_t **with)
{
	size_t np = nids + nnew;
	const char **names = calloc(np + 1, sizeof *names);
	int64_t *pid = calloc(np + 1, sizeof *pid);
	fu_contact **people = calloc(nids + 1, sizeof *people);
	int rc = FU_EXIT_OK, any = 0;
	*texts = calloc(n + 1, sizeof **texts);
	*with = calloc(n + 1, sizeof **with);
	if (!names || !pid || !people || !*texts || !*with) {
		rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < nids; i++) {
		int lrc = fu_contact_get(&people[i], c->db, ids[i]);
		if (lrc) {
			rc = cli_lib_fail(c, lrc);
			goto done;
		}
		names[i] = people[i]->name;
		pid[i] = ids[i];
	}
	for (size_t k = 0; k < nnew; k++)
		names[nids + k] = new[k];
	for (size_t i = 0; i < n && !rc; i++) {
		if (!((*texts)[i] = strdup(t[i].text))) {
			rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
			break;
		}
		if (!t[i].person)
			continue;
		size_t at = 0;
		int lrc = np ? fu_ref_among(&at, c->db, t[i].person, names,
					    pid, np)
			     : FU_ENOTFOUND;
		if (lrc == FU_ENOTFOUND && !np)
			rc = cli_fail(FU_EXIT_INVALID, "--topic-for '%s: ...': "
				      "nobody was met to talk with (name them "
				      "with --with PERSON)", t[i].person);
		else if (lrc == FU_ENOTFOUND)
			rc = cli_fail(FU_EXIT_INVALID, "--topic-for: %s, the "
				      "people met", fu_errmsg(c->db));
		else if (lrc)
			rc = cli_lib_fail(c, lrc);
		if (rc)
			break;
		(*with)[i] = at < nids ? pid[at] : -(int64_t)(at - nids + 1);
		any = 1;
	}
done:
	for (size_t i = 0; people && i < nids; i++)
		fu_contact_free(people[i]);
	free(people);
	free(names);
	free(pid);
	if (!rc && !any) {
		free(*with);
		*with = NULL;
	}
	return rc;
}

static void free_texts(char **t, size_t n)
{
	for (size_t i = 0; t && i < n; i++)
		free(t[i]);
	free(t);
}

/* The kinds of event that are conversations, which fu log REF topic
 * adds to when not told which. */
static int conversation(fu_event_kind k)
{
	return k == FU_EV_INTERVIEW || k == FU_EV_MEETING || k == FU_EV_MET ||
	       k == FU_EV_INTRO || k == FU_EV_HELP_PROMISED;
}

static int push_id(int64_t **ids, size_t *n, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if ((*ids)[i] == id)
			return 0;
	int64_t *p = realloc(*ids, (*n + 1) * sizeof *p);
	if (!p)
		return -1;
	*ids = p;
	p[(*n)++] = id;
	return 0;
}

/* The people a topic of e may be for: its --with people, and the
 * contact it was logged on. */
static int event_people(const fu_event *e, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	for (size_t i = 0; i < e->nwith; i++)
		if (push_id(ids, n, e->with[i]))
			return -1;
	if (e->contact_id && push_id(ids, n, e->contact_id))
		return -1;
	return 0;
}

/* "11 Acme, Backend Engineer" or "3 Dana Reyes" into b. */
static void subject_words(cli *c, fu_buf *b, int64_t app, int64_t who)
{
	fu_application *a = NULL;
	fu_contact *p = NULL;
	if (app && fu_application_get(&a, c->db, app) == FU_OK)
		fu_buf_printf(b, "%lld %s, %s", (long long)app, a->company,
			      a->role);
	else if (!app && fu_contact_get(&p, c->db, who) == FU_OK)
		fu_buf_printf(b, "%lld %s", (long long)who, p->name);
	fu_application_free(a);
	fu_contact_free(p);
}

/*
 * fu log REF topic [--event N] [--topic TEXT]... [--topic-for P:TEXT]...:
 * what was discussed, added to an event already logged (by default the
 * latest conversation on REF that has happened), in one transaction.
 */
static int log_topics(cli *c, const fu_ref *r, int64_t event_id,
		      const topic_arg *t, size_t n)
{
	fu_event *list = NULL, *e = NULL;
	size_t nlist = 0, nids = 0;
	int64_t *ids = NULL, *with = NULL;
	char **texts = NULL;
	int64_t app = r->type == FU_REF_APPLICATION ? r->id : 0;
	int64_t who = app ? 0 : r->id;
	int lrc, rc = FU_EXIT_OK;
	if (!n) {
		rc = cli_usage_fail(c, "fu log REF topic needs --topic TEXT or "
				    "--topic-for 'PERSON: TEXT'");
		goto done;
	}
	if ((lrc = fu_event_list(&list, &nlist, c->db, app, who))) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	const fu_event *pick = NULL;
	for (size_t i = 0; i < nlist; i++) {
		const fu_event *x = &list[i];
		if (event_id ? x->id == event_id
			     : conversation(x->kind) && x->at <= c->now &&
			       (!pick || x->at >= pick->at))
			pick = x;
	}
	if (!pick) {
		fu_buf b = FU_BUF_INIT;
		subject_words(c, &b, app, who);
		if (event_id)
			rc = cli_fail(FU_EXIT_NOTFOUND, "event %lld is not one "
				      "of %s's (fu show lists them with their "
				      "numbers)", (long long)event_id, b.data);
		else
			rc = cli_fail(FU_EXIT_NOTFOUND, "no interview, meeting, "
				      "met, intro or help-promised has happened "
				      "on %s: name an event with --event N",
				      b.data);
		fu_buf_free(&b);
		goto done;
	}
	if ((lrc = fu_event_get(&e, c->db, pick->id))) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	if (event_people(e, &ids, &nids)) {
		rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
		goto done;
	}
	if ((rc = topics_resolve(c, t, n, ids, nids, NULL, 0, &texts, &with)))
		goto done;
	if ((lrc = fu_event_add_topics(c->db, e->id, texts, with, n))) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	fu_event_free(e);
	e = NULL;
	if ((lrc = fu_event_get(&e, c->db, pick->id))) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	if (c->json) {
		rc = cli_json(c, fu_json_event(e));
		goto done;
	}
	char h[FU_HUMAN_LEN];
	printf("added %zu topic%s to %s (event %lld, %s) on ", n,
	       n == 1 ? "" : "s", fu_event_kind_name(e->kind),
	       (long long)e->id, fu_time_human(h, e->at, c->now, 1));
	cli_put_subject(c, e->application_id, e->contact_id);
	printf("\n");
	for (size_t i = 0; i < n; i++) {
		fu_contact *p = NULL;
		printf("  ");
		if (with && with[i] && fu_contact_get(&p, c->db, with[i]) == FU_OK) {
			cli_put(stdout, p->name);
			printf(": ");
		}
		fu_contact_free(p);
		cli_put(stdout, texts[i]);
		printf("\n");
	}
done:
	free_texts(texts, n);
	free(with);
	free(ids);
	fu_event_free(e);
	fu_event_list_free(list, nlist);
	return rc;
}

static int cmd_log(cli *c, int argc, char **argv)
{
	fu_event e = { 0 };
	const char *ref = NULL, *kind = NULL, *at = NULL, *expect = NULL,
		   *until = NULL, *event = NULL, *arg;
	char **with = NULL;
	size_t nwith = 0, ntopic_args = 0;
	topic_arg *topic_args = NULL;
	opt_state st;
	int id, rc = FU_EXIT_OK, other = 0;
	opt_init(&st, argc, argv);
	while (rc == FU_EXIT_OK &&
	       (id = opt_next(c, &st, log_options, &arg)) != OPT_END) {
		other |= id > 0 && id != O_TOPIC && id != O_TOPIC_FOR &&
			 id != O_EVENT;
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
		case O_EVENT: event = arg; break;
		case O_WITH:
			if (strlist_push(&with, &nwith, arg))
				rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
			break;
		case O_TOPIC:
		case O_TOPIC_FOR:
			rc = topic_arg_add(&topic_args, &ntopic_args, arg,
					   id == O_TOPIC_FOR);
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
		case O_BECAUSE:
		case O_OCCASION: {
			char **field = id == O_NOTE ? &e.note
				     : id == O_BECAUSE ? &e.because : &e.occasion;
			if (!arg[strspn(arg, " \t")]) {
				rc = cli_fail(FU_EXIT_INVALID, "--%s is empty",
					      id == O_NOTE ? "note" : id == O_BECAUSE
					      ? "because" : "occasion");
				break;
			}
			free(*field);
			*field = strdup(arg);
			if (id == O_BECAUSE)
				e.urgent = 1;
			break;
		}
		}
	}
	if (rc == FU_EXIT_OK && c->help) {
		rc = cli_help(c);
		goto done;
	}
	if (rc == FU_EXIT_OK && !kind)
		rc = cli_usage_fail(c, "missing the %s", ref ? "KIND (one of "
			"applied, interview, meeting, met, intro, help-promised, "
			"sent, reply, timeline, posting-closed, offer, rejection, "
			"snooze, dismiss, or topic)" : "REF and KIND");
	int topic = rc == FU_EXIT_OK && strcmp(kind, "topic") == 0;
	if (topic && other)
		rc = cli_usage_fail(c, "fu log REF topic takes --event, --topic "
				    "and --topic-for only");
	if (rc == FU_EXIT_OK && !topic && event)
		rc = cli_usage_fail(c, "--event is for fu log REF topic");
	int64_t event_id = 0;
	if (rc == FU_EXIT_OK && event) {
		char *end = NULL;
		long long v = strtoll(event + (*event == '#'), &end, 10);
		if (!*event || *end || v < 1)
			rc = cli_fail(FU_EXIT_INVALID, "--event takes an event's "
				      "number (fu show lists them), not '%s'",
				      event);
		event_id = v;
	}
	if (rc == FU_EXIT_OK && !topic &&
	    fu_event_kind_parse(&e.kind, kind) != FU_OK)
		rc = cli_fail(FU_EXIT_INVALID, "unknown event kind '%s': use %s, "
			      "or topic", kind, fu_event_kind_names());
	if (rc == FU_EXIT_OK && e.urgent && e.kind != FU_EV_HELP_PROMISED)
		rc = cli_fail(FU_EXIT_INVALID, e.because ? "--because is for "
			      "help-promised (why it is urgent)"
			      : "--urgent is for help-promised");
	if (rc == FU_EXIT_OK && e.occasion && e.kind != FU_EV_MET &&
	    e.kind != FU_EV_MEETING)
		rc = cli_fail(FU_EXIT_INVALID, "--occasion is for met and "
			      "meeting (where you met, or what the meeting "
			      "was)");
	if (rc == FU_EXIT_OK && e.action && e.kind != FU_EV_SNOOZE &&
	    e.kind != FU_EV_DISMISS && e.kind != FU_EV_SENT)
		rc = cli_fail(FU_EXIT_INVALID, "--action is for sent, snooze "
			      "and dismiss");
	if (rc || (rc = cli_open(c, CLI_WRITE)))
		goto done;
	fu_ref r;
	if ((rc = cli_ref(c, &r, ref, FU_REF_ANY)))
		goto done;
	if (topic) {
		rc = log_topics(c, &r, event_id, topic_args, ntopic_args);
		goto done;
	}
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
	if (ntopic_args) {
		int64_t *ids = NULL;
		size_t nids = 0;
		if (event_people(&e, &ids, &nids)) {
			rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
			goto done;
		}
		rc = topics_resolve(c, topic_args, ntopic_args, ids, nids,
				    e.with_new, e.nwith_new, &e.topics,
				    &e.topic_with);
		free(ids);
		e.ntopics = ntopic_args;
		if (rc)
			goto done;
	}
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
	topic_args_free(topic_args, ntopic_args);
	fu_event_clear(&e);
	return rc;
}

const cmd cmd_log_def = {
	.name = "log",
	.fn = cmd_log,
	.summary = "record something that happened",
	.usage = "fu log REF KIND [--at DATE] [--with CONTACT]... [--topic TEXT]...\n"
		 "       [--topic-for PERSON:TEXT]... [--expect DATE]\n"
		 "       [--channel email|phone|letter|social|in-person|video]\n"
		 "       [--until DATE] [--action ACTION] [--urgent] [--because TEXT]\n"
		 "       [--occasion TEXT] [--note TEXT] [--new-contact]\n"
		 "fu log REF topic [--event N] [--topic TEXT]... [--topic-for PERSON:TEXT]...",
	.options = log_options,
};
