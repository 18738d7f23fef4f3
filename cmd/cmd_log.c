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
	O_URGENT, O_NOTE
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
	  "how it happened: email, phone, letter, social, in-person" },
	{ "until", 0, "DATE", O_UNTIL,
	  "for snooze, until when; for offer, their deadline" },
	{ "action", 0, "ACTION", O_ACTION,
	  "for sent, snooze and dismiss: the action aimed at" },
	{ "urgent", 0, NULL, O_URGENT,
	  "for help-promised: time-sensitive, so the reminder comes sooner" },
	{ "note", 0, "TEXT", O_NOTE, "a note kept with the event" },
	{ NULL, 0, NULL, 0, NULL }
};

static int check_action(const char *a)
{
	if (strchr(a, ':'))
		return FU_EXIT_OK; /* a full key, as fu due --json shows */
	for (size_t i = 0; fu_action_kinds[i]; i++)
		if (strcmp(fu_action_kinds[i], a) == 0)
			return FU_EXIT_OK;
	fu_buf b = FU_BUF_INIT;
	for (size_t i = 0; fu_action_kinds[i]; i++)
		fu_buf_printf(&b, "%s%s", i ? ", " : "", fu_action_kinds[i]);
	int rc = cli_fail(FU_EXIT_INVALID, "--action takes an action id "
			  "(%s) or a key from fu due --json, not '%s'", b.data,
			  a);
	fu_buf_free(&b);
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
	if ((at && (rc = cli_event_time(c, &e.at, "--at", at))) ||
	    (expect && (rc = cli_day_time(c, &e.expect_at, "--expect", expect,
					  FU_DATE_FUTURE))) ||
	    (until && (rc = cli_date(c, &e.until_at, NULL, "--until", until,
				     FU_DATE_FUTURE))))
		goto done;
	for (size_t i = 0; i < nwith && !rc; i++)
		rc = cli_add_person(c, &e.with, &e.nwith, &e.with_new,
				    &e.nwith_new, with[i]);
	if (rc)
		goto done;
	int lrc = fu_event_add(c->db, &e);
	if (lrc) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
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
		 "       [--expect DATE] [--channel email|phone|letter|social|in-person]\n"
		 "       [--until DATE] [--action ACTION] [--urgent] [--note TEXT]",
	.options = log_options,
};
