/* SPDX-License-Identifier: MIT */
/* cmd_due.c - fu due: what to do, most urgent first */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/buf.h"
#include "fu/date.h"
#include "fu/json.h"
#include "fu/rules.h"
#include "opt.h"
#include "table.h"
#include "term.h"

enum { O_ALL = 1, O_OVERDUE, O_DAYS, O_WHY, O_CHECK, O_COUNT, O_ICS };

static const opt_spec due_options[] = {
	{ "all", 'a', NULL, O_ALL, "every open action, whatever its date" },
	{ "overdue", 0, NULL, O_OVERDUE, "only what is overdue" },
	{ "days", 'd', "N", O_DAYS,
	  "what opens within N days (0 to 3650), not the usual horizon" },
	{ "why", 'w', NULL, O_WHY,
	  "under each action, its rule, window, advice and source" },
	{ "check", 'q', NULL, O_CHECK,
	  "print nothing; exit 0 if anything can be done now, else 1" },
	{ "count", 0, NULL, O_COUNT,
	  "print how many actions can be done now (due or overdue)" },
	{ "ics", 0, NULL, O_ICS,
	  "print the actions as iCalendar to-dos instead of a table" },
	{ NULL, 0, NULL, 0, NULL }
};

static const char *state_color(cli *c, fu_action_state_t s)
{
	return s == FU_STATE_OVERDUE ? cli_c(c, C_RED)
	     : s == FU_STATE_DUE ? cli_c(c, C_YELLOW) : cli_c(c, C_DIM);
}

/* FOR: "5 Acme, Backend Engineer", or "5 Acme" where room is short */
static void subject_cell(table *t, const fu_action_row *r)
{
	fu_buf b = FU_BUF_INIT, s = FU_BUF_INIT;
	if (r->a.application_id) {
		fu_buf_printf(&b, "%lld %s, %s", (long long)r->a.application_id,
			      r->company ? r->company : "?",
			      r->role ? r->role : "?");
		fu_buf_printf(&s, "%lld %s", (long long)r->a.application_id,
			      r->company ? r->company : "?");
	} else {
		fu_buf_printf(&b, "networking with %s",
			      r->subject_name ? r->subject_name : "?");
		fu_buf_puts(&s, "networking");
	}
	table_cell2(t, b.data, s.data);
	fu_buf_free(&b);
	fu_buf_free(&s);
}

static void add_row(cli *c, table *t, const fu_action_row *r, int why)
{
	fu_action_state_t s = fu_action_state(&r->a, c->now);
	char w[96], act[64];
	table_color(t, state_color(c, s));
	table_cell(t, fu_action_state_name(s));
	snprintf(act, sizeof act, "%s%s%s", fu_action_kind_name(r->a.kind),
		 r->a.channel ? " by " : "",
		 r->a.channel ? fu_channel_name(r->a.channel) : "");
	table_cell2(t, act, fu_action_kind_name(r->a.kind));
	table_cell(t, r->contact_name ? r->contact_name : "-");
	subject_cell(t, r);
	char rel[FU_REL_LEN], shorter[FU_REL_LEN + 8];
	if (s == FU_STATE_UPCOMING) {
		char h[FU_HUMAN_LEN];
		snprintf(w, sizeof w, "from %s (%s)",
			 cli_from(h, c, r->a.not_before),
			 fu_time_relative(rel, r->a.not_before, c->now));
		snprintf(shorter, sizeof shorter, "opens %s", rel);
	} else {
		cli_when(w, sizeof w, c, r->a.due, 1);
		snprintf(shorter, sizeof shorter, "%s",
			 fu_time_relative(rel, r->a.due, c->now));
	}
	table_cell2(t, w, shorter);
	table_note(t, r->a.reason, cli_c(c, C_DIM));
	if (why) {
		const fu_rule_info *ri = fu_rule_find(r->a.rule);
		char line[600];
		snprintf(line, sizeof line, "rule %s: %s", r->a.rule,
			 ri ? ri->window : "");
		table_note(t, line, NULL);
		if (ri) {
			snprintf(line, sizeof line, "why: %s", ri->advice);
			table_note(t, line, NULL);
			snprintf(line, sizeof line, "source: %s",
				 ri->source);
			table_note(t, line, NULL);
		}
		for (int n = 1; n <= FU_CONSTRAINTS; n++) {
			const fu_constraint_info *k = fu_constraint_find(n);
			if (!(r->a.constraints & (1u << n)) || !k)
				continue;
			snprintf(line, sizeof line, "rule %d (%s): %s [%s]", n,
				 k->name, k->text, k->source);
			table_note(t, line, NULL);
		}
		if (r->a.snoozed)
			table_note(t, "snoozed until the date shown", NULL);
	}
}

/* fu due reads the actions one at a time (fu_action_each): a table
 * (which spills to a temporary file when long), a JSON array printed
 * element by element, or a count, never every row in memory at once. */
typedef struct due_walk {
	cli *c;
	table *t;
	int why;
	size_t n;
} due_walk;

static int walk_table(const fu_action_row *r, void *arg)
{
	due_walk *w = arg;
	if (!w->n++) {
		static const char *const head[] = { "STATE", "ACTION", "TO",
						    "FOR", "DUE" };
		w->t = table_new(5);
		for (int i = 0; i < 5; i++)
			table_cell(w->t, head[i]);
		/* on a narrow terminal: the company without the role, the
		 * due date as "in 2 days", names cut, the action without
		 * its channel, then whatever must give */
		table_short(w->t, 3);
		table_short(w->t, 4);
		table_cut(w->t, 2, 10);
		table_short(w->t, 1);
		table_cut(w->t, 3, 8);
		table_cut(w->t, 2, 6);
	}
	add_row(w->c, w->t, r, w->why);
	return 0;
}

static int walk_json(const fu_action_row *r, void *arg)
{
	due_walk *w = arg;
	/* (the failure is reported: a positive return stops the walk) */
	return cli_json_element(fu_json_action(r, w->c->now), w->n++);
}

static int cmd_due(cli *c, int argc, char **argv)
{
	const char *ref = NULL, *days_text = NULL, *arg;
	int all = 0, overdue = 0, why = 0, check = 0, count = 0, ics = 0;
	opt_state st;
	int id, rc;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, due_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			if (ref)
				return cli_usage_fail(c, "unexpected '%s'", arg);
			ref = arg;
			break;
		case O_ALL: all = 1; break;
		case O_OVERDUE: overdue = 1; break;
		case O_DAYS: days_text = arg; break;
		case O_WHY: why = 1; break;
		case O_CHECK: check = 1; break;
		case O_COUNT: count = 1; break;
		case O_ICS: ics = 1; break;
		}
	}
	if (c->help) {
		return cli_help(c);
	}
	if (all + overdue + (days_text != NULL) > 1)
		return cli_usage_fail(c, "--all, --overdue and --days exclude "
				      "each other");
	if (check + count + ics > 1)
		return cli_usage_fail(c, "--check, --count and --ics exclude "
				      "each other");
	if (ics && c->json)
		return cli_usage_fail(c, "--ics and --json exclude each other");
	long days = -1;
	if (days_text) {
		char *end = NULL;
		days = strtol(days_text, &end, 10);
		if (!*days_text || *end || days < 0 || days > 3650)
			return cli_fail(FU_EXIT_INVALID, "--days takes a whole "
					"number from 0 to 3650, not '%s'",
					days_text);
	}
	if ((rc = cli_open(c, CLI_READ)))
		return rc;
	fu_rule_params params;
	int lrc = fu_config_params(&params, c->db);
	if (lrc)
		return cli_lib_fail(c, lrc);
	if (days < 0)
		days = params.v[FU_P_HORIZON_DAYS];
	fu_action_filter f = { 0 };
	if (ref) {
		fu_ref r;
		if ((rc = cli_ref(c, &r, ref, FU_REF_ANY)))
			return rc;
		if (r.type == FU_REF_APPLICATION)
			f.application_id = r.id;
		else
			f.contact_id = r.id;
	}
	f.now = c->now;
	f.overdue_only = overdue;
	if (!all && !overdue)
		f.until = fu_time_add_days(c->now, (int)days);
	if (check || count)
		f.until = c->now; /* only what can be done now */
	if (ics)
		return cli_ics(c, &f);
	due_walk w = { c, NULL, why, 0 };
	if (check || count) /* one count: quick enough for a shell prompt */
		lrc = fu_action_count(c->db, &f, &w.n);
	else
		lrc = fu_action_each(c->db, &f, c->json ? walk_json
				     : walk_table, &w);
	if (lrc) {
		table_free(w.t);
		/* positive: an element could not be printed, and that was
		 * said */
		return lrc < 0 ? cli_lib_fail(c, lrc) : lrc;
	}
	if (check) {
		rc = w.n ? FU_EXIT_OK : FU_EXIT_NO;
	} else if (count) {
		printf("%zu\n", w.n);
	} else if (c->json) {
		fputs(w.n ? "]\n" : "[]\n", stdout);
	} else if (w.n == 0) {
		if (overdue)
			printf("nothing overdue\n");
		else if (all)
			printf("nothing to do: every follow-up is done\n");
		else
			printf("nothing due in the next %ld day%s\n", days,
			       days == 1 ? "" : "s");
	} else {
		term_pager(c);
		table_print(c, w.t, stdout, 1);
		table_free(w.t);
	}
	return rc;
}

const cmd cmd_due_def = {
	.name = "due",
	.fn = cmd_due,
	.summary = "what to do, most urgent first",
	.usage = "fu due [REF] [--all | --overdue | --days N] [--why] [--check | --count | --ics]",
	.options = due_options,
};
