/* SPDX-License-Identifier: MIT */
/*
 * cmd_complete.c - fu __complete WHAT [ARG]: the candidates the shell
 * completions offer, one a line and nothing else. It only reads the
 * database (a missing or unusable one gives no candidates, silently).
 *
 *   commands              the subcommands
 *   options [CMD [SUB]]   CMD's options ("options add contact"); for a
 *                         command with forms and no SUB, the forms (add:
 *                         contact, application); without CMD, those that
 *                         may come before a command
 *   arg-options CMD [SUB] those of CMD's options that take a value (long
 *                         and short forms), so that the shells can tell
 *                         an option's value from a word
 *   applications          companies and numbers of open applications
 *                         (and "Company Role" where a company has several)
 *   contacts              names and numbers of contacts
 *   refs                  both
 *   proposals             the numbers of fu mail's proposals waiting
 *   kinds | outcomes | channels | prefers | sources | actions | rules |
 *   config-keys | colors  the words those options take
 */
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/model.h"
#include "fu/proposals.h"
#include "fu/rules.h"
#include "opt.h"

static void options_of(const opt_spec *o)
{
	for (; o && o->name; o++)
		printf("--%s\n", o->name);
	for (const opt_spec *g = global_options; g->name; g++)
		printf("--%s\n", g->name);
}

static void arg_options_of(const opt_spec *o)
{
	for (int pass = 0; pass < 2; pass++)
		for (const opt_spec *k = pass ? global_options : o; k && k->name;
		     k++) {
			if (!k->value)
				continue;
			printf("--%s\n", k->name);
			if (k->shortc)
				printf("-%c\n", k->shortc);
		}
}

/* The options of the command called name, or of its form sub (fu add
 * contact); NULL for none, or no such command. */
static const opt_spec *options_for(const char *name, const char *sub)
{
	const cmd *k = cmd_find(fu_commands, name);
	if (k && k->subs)
		k = sub ? cmd_find(k->subs, sub) : NULL;
	return k ? k->options : NULL;
}

/* The numbers of the proposals waiting (none without a database). */
static void proposals(cli *c)
{
	if (cli_open(c, 1))
		return;
	fu_proposal *list = NULL;
	size_t n = 0;
	if (fu_proposal_list(&list, &n, c->db, FU_PROP_OPEN))
		return;
	for (size_t i = 0; i < n; i++)
		printf("%lld\n", (long long)list[i].id);
	fu_proposal_list_free(list, n);
}

static void names(const char *(*name)(int), int count)
{
	for (int i = 1; i < count; i++)
		if (name(i))
			printf("%s\n", name(i));
}

static const char *kind_name(int i)
{
	return i == FU_EV_CLOSED ? NULL : fu_event_kind_name((fu_event_kind)i);
}
static const char *channel_name(int i) { return fu_channel_name((fu_channel)i); }
static const char *prefers_name(int i)
{
	return i == FU_CH_IN_PERSON || i == FU_CH_VIDEO ? NULL
		: fu_channel_name((fu_channel)i);
}
static const char *source_name(int i) { return fu_source_name((fu_source)i); }
static const char *outcome_name(int i) { return fu_outcome_name((fu_outcome)i); }

static int has_company(const fu_application *list, size_t n, size_t skip,
		       const char *company)
{
	for (size_t j = 0; j < n; j++)
		if (j != skip && !strcmp(list[j].company, company))
			return 1;
	return 0;
}

/* The numbers and names of applications: a company once, and with its
 * role too when it has several. The closed ones (closed != NULL) come
 * after the open ones, a company that has an open one always with the
 * role (its name alone names the open one). */
static void app_names(const fu_application *list, size_t n,
		      const fu_application *open, size_t nopen)
{
	for (size_t i = 0; i < n; i++) {
		const char *co = list[i].company;
		int first = 1, several = has_company(list, n, i, co);
		for (size_t j = 0; j < i && first; j++)
			first = strcmp(list[j].company, co) != 0;
		if (open && has_company(open, nopen, nopen, co)) {
			first = 0;
			several = 1;
		}
		printf("%lld\n", (long long)list[i].id);
		if (first) {
			cli_put(stdout, co);
			putchar('\n');
		}
		if (several) {
			cli_put(stdout, co);
			putchar(' ');
			cli_put(stdout, list[i].role);
			putchar('\n');
		}
	}
}

/* Applications (apps: 1 the open ones, for fu close; 2 the closed ones
 * too, for the commands that may name one: show, edit, undo, and log and
 * draft for a closing courtesy) and people. */
static void things(cli *c, int apps, int people)
{
	if (cli_open(c, 1) != FU_EXIT_OK)
		return;
	if (apps) {
		fu_application_filter f = { .status = FU_STATUS_OPEN };
		fu_application *open = NULL, *closed = NULL;
		size_t nopen = 0, nclosed = 0;
		if (fu_application_list(&open, &nopen, c->db, &f) == FU_OK)
			app_names(open, nopen, NULL, 0);
		f.status = FU_STATUS_CLOSED;
		if (apps > 1 && fu_application_list(&closed, &nclosed, c->db,
						    &f) == FU_OK)
			app_names(closed, nclosed, open, nopen);
		fu_application_list_free(open, nopen);
		fu_application_list_free(closed, nclosed);
	}
	if (people) {
		fu_contact *list = NULL;
		size_t n = 0;
		if (fu_contact_list(&list, &n, c->db, NULL) == FU_OK)
			for (size_t i = 0; i < n; i++) {
				printf("%lld\n", (long long)list[i].id);
				cli_put(stdout, list[i].name);
				putchar('\n');
			}
		fu_contact_list_free(list, n);
	}
}

static int cmd_complete(cli *c, int argc, char **argv)
{
	const char *words[3] = { NULL, NULL, NULL }, *arg;
	int nw = 0, id;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, NULL, &arg)) != OPT_END) {
		if (id == OPT_ERROR)
			return FU_EXIT_USAGE;
		if (nw < 3)
			words[nw++] = arg;
	}
	const char *w = words[0] ? words[0] : "";
	c->color_mode = 2;
	cli_colors(c);
	if (!strcmp(w, "commands")) {
		for (const cmd *const *k = fu_commands; *k; k++)
			if (!(*k)->hidden)
				printf("%s\n", (*k)->name);
	} else if (!strcmp(w, "options")) {
		const cmd *k = words[1] ? cmd_find(fu_commands, words[1]) : NULL;
		if (k && k->subs && !words[2])
			for (const cmd *const *s = k->subs; *s; s++)
				printf("%s\n", (*s)->name);
		else
			options_of(options_for(words[1] ? words[1] : "",
					       words[2]));
		if (!words[1] || !*words[1]) /* before a command */
			for (const opt_spec *o = top_options; o->name; o++)
				printf("--%s\n", o->name);
	} else if (!strcmp(w, "arg-options")) {
		arg_options_of(options_for(words[1] ? words[1] : "", words[2]));
	} else if (!strcmp(w, "applications")) {
		things(c, 1, 0);
	} else if (!strcmp(w, "contacts")) {
		things(c, 0, 1);
	} else if (!strcmp(w, "refs")) {
		things(c, 2, 1);
	} else if (!strcmp(w, "proposals")) {
		proposals(c);
	} else if (!strcmp(w, "kinds")) {
		names(kind_name, FU_EV__COUNT);
	} else if (!strcmp(w, "outcomes")) {
		names(outcome_name, FU_OUT__COUNT);
	} else if (!strcmp(w, "channels")) {
		names(channel_name, FU_CH__COUNT);
	} else if (!strcmp(w, "prefers")) {
		names(prefers_name, FU_CH__COUNT);
	} else if (!strcmp(w, "sources")) {
		names(source_name, FU_SRC__COUNT);
	} else if (!strcmp(w, "actions")) {
		for (int k = 1; k < FU_ACT__COUNT; k++)
			printf("%s\n", fu_action_kind_name((fu_action_kind)k));
	} else if (!strcmp(w, "rules")) {
		size_t n = 0;
		const fu_rule_info *r = fu_rules_table(&n);
		for (size_t i = 0; i < n; i++)
			printf("%s\n", r[i].id);
	} else if (!strcmp(w, "config-keys")) {
		size_t n = 0;
		const fu_config_key *k = fu_config_keys(&n);
		for (size_t i = 0; i < n; i++)
			printf("%s\n", k[i].key);
	} else if (!strcmp(w, "colors")) {
		printf("auto\nalways\nnever\n");
	} else {
		return cli_usage_fail(c, "unknown completion '%s'", w);
	}
	return FU_EXIT_OK;
}

const cmd cmd_complete_def = {
	.name = "__complete",
	.fn = cmd_complete,
	.summary = "print completion candidates",
	.usage = "fu __complete WHAT [WORD]",
	.hidden = 1,
};
