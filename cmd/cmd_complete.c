/* SPDX-License-Identifier: MIT */
/*
 * cmd_complete.c - fu __complete WHAT [ARG...]: the candidates the shell
 * completions offer, one a line and nothing else; with --describe, each
 * followed by a tab and what it is (zsh and fish show it beside the
 * candidate). It only reads the database (a missing or unusable one
 * gives no candidates, silently), and never pages.
 *
 *   commands              the subcommands
 *   options [CMD [SUB]]   CMD's options ("options add contact"); for a
 *                         command with forms and no SUB, the forms (add:
 *                         contact, application); without CMD, those that
 *                         may come before a command
 *   arg-options CMD [SUB] those of CMD's options that take a value (long
 *                         and short forms), so that the shells can tell
 *                         an option's value from a word
 *   applications [WORD]   open applications: the companies and numbers
 *                         that complete WORD (and "Company Role" where a
 *                         company has several), as references match:
 *                         case and accents aside, through an index, at
 *                         most FU_COMPLETE_MAX of them
 *   contacts [WORD]       names and numbers of contacts, the same way
 *   refs [WORD]           both, closed applications too
 *   companies [WORD]      company names (--company)
 *   proposals             the numbers of fu mail's proposals waiting
 *   kinds | outcomes | channels | prefers | sources | actions | rules |
 *   config-keys | colors | report-rules | formats | separators
 *                         the words those options take (report-rules:
 *                         fu report --rules; formats: its --format;
 *                         kinds: fu log's KIND, and topic)
 *   config-values KEY [CUR]  the words KEY takes (true false; desktop
 *                         mail exec), nothing for free text and numbers;
 *                         notify.via takes a list: after "desktop,", the
 *                         methods it lacks, each after that prefix
 */
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/model.h"
#include "fu/proposals.h"
#include "fu/report.h"
#include "fu/rules.h"
#include "opt.h"

/* The most candidates one completion of a name offers: enough for any
 * screen, and the time stays the same at any size. */
#define FU_COMPLETE_MAX 100

enum { O_DESCRIBE = 1 };

static const opt_spec complete_options[] = {
	{ "describe", 0, NULL, O_DESCRIBE,
	  "a tab and a description after each candidate" },
	{ NULL, 0, NULL, 0, NULL }
};

static int describe;

/* One candidate: word (made safe), and with --describe its description. */
static void put(const char *word, const char *descr)
{
	cli_put(stdout, word);
	if (describe && descr && *descr) {
		putchar('\t');
		cli_put(stdout, descr);
	}
	putchar('\n');
}

static void options_of(const opt_spec *o)
{
	for (int pass = 0; pass < 2; pass++)
		for (const opt_spec *k = pass ? global_options : o; k && k->name;
		     k++) {
			char name[64];
			snprintf(name, sizeof name, "--%s", k->name);
			put(name, k->help);
		}
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
	if (cli_open(c, CLI_READONLY))
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

static int candidate(const fu_ref_candidate *k, void *arg)
{
	(void)arg;
	put(k->word, k->description);
	return 0;
}

/* The user's things that complete word (fu_ref_complete: what). */
static void things(cli *c, int what, const char *word)
{
	if (cli_open(c, CLI_READONLY) != FU_EXIT_OK)
		return;
	fu_ref_complete(c->db, word, what, FU_COMPLETE_MAX, candidate, NULL);
}

/* Whether the comma-separated list list[0..n) names word[0..len). */
static int listed(const char *list, size_t n, const char *word, size_t len)
{
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && list[e] != ',')
			e++;
		if (e - i == len && !strncmp(list + i, word, len))
			return 1;
		i = e + 1;
	}
	return 0;
}

static int cmd_complete(cli *c, int argc, char **argv)
{
	const char *words[3] = { NULL, NULL, NULL }, *arg;
	int nw = 0, id;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, complete_options, &arg)) != OPT_END) {
		if (id == OPT_ERROR)
			return FU_EXIT_USAGE;
		if (id == O_DESCRIBE)
			describe = 1;
		else if (nw < 3)
			words[nw++] = arg;
	}
	const char *w = words[0] ? words[0] : "";
	const char *word = words[1] ? words[1] : "";
	c->color_mode = 2;
	cli_colors(c);
	if (!strcmp(w, "commands")) {
		for (const cmd *const *k = fu_commands; *k; k++)
			if (!(*k)->hidden)
				put((*k)->name, (*k)->summary);
	} else if (!strcmp(w, "options")) {
		const cmd *k = words[1] ? cmd_find(fu_commands, words[1]) : NULL;
		if (k && k->subs && !words[2])
			for (const cmd *const *s = k->subs; *s; s++)
				put((*s)->name, (*s)->summary);
		else
			options_of(options_for(words[1] ? words[1] : "",
					       words[2]));
		if (!words[1] || !*words[1]) /* before a command */
			for (const opt_spec *o = top_options; o->name; o++) {
				char name[64];
				snprintf(name, sizeof name, "--%s", o->name);
				put(name, o->help);
			}
	} else if (!strcmp(w, "arg-options")) {
		arg_options_of(options_for(words[1] ? words[1] : "", words[2]));
	} else if (!strcmp(w, "applications")) {
		things(c, FU_COMPLETE_OPEN, word);
	} else if (!strcmp(w, "contacts")) {
		things(c, FU_COMPLETE_CONTACTS, word);
	} else if (!strcmp(w, "refs")) {
		things(c, FU_COMPLETE_OPEN | FU_COMPLETE_CLOSED |
		       FU_COMPLETE_CONTACTS, word);
	} else if (!strcmp(w, "companies")) {
		things(c, FU_COMPLETE_COMPANIES, word);
	} else if (!strcmp(w, "proposals")) {
		proposals(c);
	} else if (!strcmp(w, "kinds")) {
		names(kind_name, FU_EV__COUNT);
		printf("topic\n"); /* fu log REF topic: topics added later */
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
			put(r[i].id, r[i].action);
	} else if (!strcmp(w, "config-keys")) {
		size_t n = 0;
		const fu_config_key *k = fu_config_keys(&n);
		for (size_t i = 0; i < n; i++)
			put(k[i].key, k[i].help);
	} else if (!strcmp(w, "config-values")) {
		size_t n = 0;
		const fu_config_key *k = fu_config_keys(&n);
		/* a list (notify.via): what the word has up to its last comma
		 * is kept, and what it names is not offered again */
		const char *cur = words[2] ? words[2] : "", *comma = NULL;
		if (words[1] && !strcmp(words[1], "notify.via"))
			comma = strrchr(cur, ',');
		size_t keep = comma ? (size_t)(comma - cur) + 1 : 0;
		for (size_t i = 0; words[1] && i < n; i++) {
			if (strcmp(k[i].key, words[1]) || !k[i].values)
				continue;
			for (const char *p = k[i].values; *p;) {
				size_t len = strcspn(p, " ");
				if (!listed(cur, keep, p, len))
					printf("%.*s%.*s\n", (int)keep, cur,
					       (int)len, p);
				p += len + (p[len] == ' ');
			}
		}
	} else if (!strcmp(w, "colors")) {
		printf("auto\nalways\nnever\n");
	} else if (!strcmp(w, "report-rules")) {
		size_t n = 0;
		const fu_report_rules *r = fu_report_rules_table(&n);
		for (size_t i = 0; i < n; i++)
			printf("%s\n", r[i].id);
		printf("custom\n");
	} else if (!strcmp(w, "formats")) {
		printf("text\ncsv\npdf\n");
	} else if (!strcmp(w, "separators")) {
		printf("comma\nsemicolon\ntab\n");
	} else {
		return cli_usage_fail(c, "unknown completion '%s'", w);
	}
	return FU_EXIT_OK;
}

const cmd cmd_complete_def = {
	.name = "__complete",
	.fn = cmd_complete,
	.summary = "print completion candidates",
	.usage = "fu __complete [--describe] WHAT [WORD]",
	.options = complete_options,
	.hidden = 1,
};
