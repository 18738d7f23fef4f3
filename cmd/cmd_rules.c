/* SPDX-License-Identifier: MIT */
/* cmd_rules.c - fu rules [RULE]: every rule, its numbers and its source */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/rules.h"
#include "fu/buf.h"
#include "opt.h"
#include "term.h"

/* The numbers of a rule: params whose key names it ("rules.<id>."). */
static void rule_params(cli *c, const fu_rule_info *r,
			const fu_rule_params *p, cJSON *arr)
{
	char prefix[64];
	/* intro-thanks and intro-reach-out share the numbers of "intro" */
	snprintf(prefix, sizeof prefix, "rules.%s.",
		 strncmp(r->id, "intro-", 6) == 0 ? "intro" : r->id);
	for (int i = 0; i < FU_P__COUNT; i++) {
		if (strncmp(fu_params[i].key, prefix, strlen(prefix)) != 0)
			continue;
		if (arr) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "key", fu_params[i].key);
			cJSON_AddNumberToObject(o, "value", p->v[i]);
			cJSON_AddNumberToObject(o, "default", fu_params[i].def);
			cJSON_AddStringToObject(o, "help", fu_params[i].help);
			cJSON_AddItemToArray(arr, o);
		} else {
			fu_buf b = FU_BUF_INIT;
			fu_buf_printf(&b, "    %s = %d%s  %s%s%s",
				      fu_params[i].key, p->v[i],
				      p->v[i] != fu_params[i].def ?
				      " (changed)" : "", cli_c(c, C_DIM),
				      fu_params[i].help, cli_c(c, C_RESET));
			term_wrap(c, stdout, b.data, 6);
			fu_buf_free(&b);
		}
	}
}

static cJSON *rule_json(cli *c, const fu_rule_info *r, const fu_rule_params *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", r->id);
	cJSON_AddStringToObject(o, "trigger", r->trigger);
	cJSON_AddStringToObject(o, "action", r->action);
	cJSON_AddStringToObject(o, "window", r->window);
	cJSON_AddStringToObject(o, "channel", r->channel);
	cJSON_AddStringToObject(o, "source", r->source);
	cJSON_AddStringToObject(o, "advice", r->advice);
	rule_params(c, r, p, cJSON_AddArrayToObject(o, "numbers"));
	return o;
}

/* "  label    text", wrapped under the text on a narrow terminal */
static void line(cli *c, const char *label, const char *text)
{
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "  %-8s %s", label, text);
	term_wrap(c, stdout, b.data, 11);
	fu_buf_free(&b);
}

static void rule_text(cli *c, const fu_rule_info *r, const fu_rule_params *p)
{
	printf("%s%s%s\n", cli_c(c, C_BOLD), r->id, cli_c(c, C_RESET));
	line(c, "when", r->trigger);
	line(c, "do", r->action);
	line(c, "window", r->window);
	line(c, "channel", r->channel);
	line(c, "why", r->advice);
	line(c, "source", r->source);
	rule_params(c, r, p, NULL);
}

static cJSON *constraint_json(const fu_constraint_info *k)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "number", k->number);
	cJSON_AddStringToObject(o, "name", k->name);
	cJSON_AddStringToObject(o, "text", k->text);
	cJSON_AddStringToObject(o, "source", k->source);
	return o;
}

static void constraint_text(cli *c, const fu_constraint_info *k)
{
	printf("%s%d. %s%s\n", cli_c(c, C_BOLD), k->number, k->name,
	       cli_c(c, C_RESET));
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "  %s", k->text);
	term_wrap(c, stdout, b.data, 2);
	fu_buf_free(&b);
	line(c, "source", k->source);
}

/* RULE as a constraint's number (1-19), or 0. */
static int constraint_number(const char *s)
{
	char *end = NULL;
	long v = strtol(s, &end, 10);
	return *s && !*end && v >= 1 && v <= FU_CONSTRAINTS ? (int)v : 0;
}

static int cmd_rules(cli *c, int argc, char **argv)
{
	const char *which = NULL, *arg;
	opt_state st;
	int id, rc;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, NULL, &arg)) != OPT_END) {
		if (id == OPT_ERROR)
			return FU_EXIT_USAGE;
		if (which)
			return cli_usage_fail(c, "unexpected '%s'", arg);
		which = arg;
	}
	if (c->help) {
		return cli_help(c);
	}
	size_t n = 0;
	const fu_rule_info *rules = fu_rules_table(&n);
	const fu_rule_info *one = NULL;
	const fu_constraint_info *k = which ? fu_constraint_find(
		constraint_number(which)) : NULL;
	if (which && !k && !(one = fu_rule_find(which)))
		return cli_fail(FU_EXIT_NOTFOUND, "no rule '%s' (fu rules lists "
				"them: an action's id, or a number 1-%d)", which,
				FU_CONSTRAINTS);
	if (k)
		return c->json ? cli_json(c, constraint_json(k))
			       : (constraint_text(c, k), FU_EXIT_OK);
	if ((rc = cli_open(c, CLI_READ)))
		return rc;
	fu_rule_params p;
	int lrc = fu_config_params(&p, c->db);
	if (lrc)
		return cli_lib_fail(c, lrc);
	if (c->json) {
		if (one)
			return cli_json(c, rule_json(c, one, &p));
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, rule_json(c, &rules[i], &p));
		cJSON *all = cJSON_CreateObject();
		cJSON_AddItemToObject(all, "rules", arr);
		cJSON *ks = cJSON_AddArrayToObject(all, "constraints");
		size_t nk = 0;
		const fu_constraint_info *ck = fu_constraints_table(&nk);
		for (size_t i = 0; i < nk; i++)
			cJSON_AddItemToArray(ks, constraint_json(&ck[i]));
		cJSON *g = cJSON_AddArrayToObject(all, "numbers");
		for (int i = 0; i < FU_P__COUNT; i++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "key", fu_params[i].key);
			cJSON_AddNumberToObject(o, "value", p.v[i]);
			cJSON_AddNumberToObject(o, "default", fu_params[i].def);
			cJSON_AddStringToObject(o, "help", fu_params[i].help);
			cJSON_AddItemToArray(g, o);
		}
		return cli_json(c, all);
	}
	if (one) {
		rule_text(c, one, &p);
		return FU_EXIT_OK;
	}
	term_pager(c);
	for (size_t i = 0; i < n; i++) {
		if (i)
			putchar('\n');
		rule_text(c, &rules[i], &p);
	}
	size_t nk = 0;
	const fu_constraint_info *ck = fu_constraints_table(&nk);
	printf("\n%sWhat every rule respects, and how they meet%s\n\n",
	       cli_c(c, C_BOLD), cli_c(c, C_RESET));
	for (size_t i = 0; i < nk; i++)
		constraint_text(c, &ck[i]);
	return FU_EXIT_OK;
}

const cmd cmd_rules_def = {
	.name = "rules",
	.fn = cmd_rules,
	.summary = "the follow-up rules, their numbers and sources",
	.usage = "fu rules [RULE]",
};
