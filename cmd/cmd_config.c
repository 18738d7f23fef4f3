/* SPDX-License-Identifier: MIT */
/* cmd_config.c - fu config KEY [VALUE], --unset KEY, --list */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "opt.h"
#include "table.h"

enum { O_UNSET = 1, O_LIST };

static const opt_spec config_options[] = {
	{ "unset", 0, NULL, O_UNSET,
	  "remove the setting of KEY: its default applies again" },
	{ "list", 'l', NULL, O_LIST,
	  "every key, with its value or default, and what it is for" },
	{ NULL, 0, NULL, 0, NULL }
};

/* Every key with its value (set or default) and whether it is set. */
static int list_all(cli *c)
{
	fu_config_entry *set = NULL;
	size_t nset = 0, nkeys = 0;
	int lrc = fu_config_list(&set, &nset, c->db);
	if (lrc)
		return cli_lib_fail(c, lrc);
	const fu_config_key *keys = fu_config_keys(&nkeys);
	cJSON *arr = c->json ? cJSON_CreateArray() : NULL;
	table *t = c->json ? NULL : table_new(3);
	for (size_t i = 0; i < nkeys; i++) {
		const char *v = NULL;
		for (size_t j = 0; j < nset; j++)
			if (!strcmp(set[j].key, keys[i].key))
				v = set[j].value;
		if (arr) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "key", keys[i].key);
			if (v || keys[i].def)
				cJSON_AddStringToObject(o, "value",
							v ? v : keys[i].def);
			else
				cJSON_AddNullToObject(o, "value");
			cJSON_AddBoolToObject(o, "set", v != NULL);
			if (keys[i].def)
				cJSON_AddStringToObject(o, "default", keys[i].def);
			else
				cJSON_AddNullToObject(o, "default");
			cJSON_AddStringToObject(o, "help", keys[i].help);
			cJSON_AddItemToArray(arr, o);
		} else {
			table_cell(t, keys[i].key);
			table_color(t, v ? "" : cli_c(c, C_DIM));
			table_cell(t, v ? v : keys[i].def ? keys[i].def : "(unset)");
			table_color(t, cli_c(c, C_DIM));
			table_cell(t, keys[i].help);
		}
	}
	fu_config_list_free(set, nset);
	if (arr)
		return cli_json(c, arr);
	table_print(c, t, stdout, 0);
	table_free(t);
	return FU_EXIT_OK;
}

static int get_one(cli *c, const char *key)
{
	char *v = NULL;
	int lrc = fu_config_get(&v, c->db, key);
	const char *show = v;
	if (lrc == FU_ENOTFOUND) {
		size_t n;
		const fu_config_key *keys = fu_config_keys(&n);
		for (size_t i = 0; i < n; i++)
			if (!strcmp(keys[i].key, key))
				show = keys[i].def;
		if (!show) {
			/* like git config: unset prints nothing, exits 1 */
			if (c->json) {
				cJSON *o = cJSON_CreateObject();
				cJSON_AddStringToObject(o, "key", key);
				cJSON_AddNullToObject(o, "value");
				cJSON_AddBoolToObject(o, "set", 0);
				cli_json(c, o);
			}
			return FU_EXIT_NO;
		}
	} else if (lrc) {
		return cli_lib_fail(c, lrc);
	}
	int rc = FU_EXIT_OK;
	if (c->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", key);
		cJSON_AddStringToObject(o, "value", show);
		cJSON_AddBoolToObject(o, "set", v != NULL);
		rc = cli_json(c, o);
	} else {
		cli_put(stdout, show);
		putchar('\n');
	}
	free(v);
	return rc;
}

static int cmd_config(cli *c, int argc, char **argv)
{
	const char *words[3] = { NULL, NULL, NULL }, *arg;
	int nw = 0, unset = 0, list = 0, id, rc;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, config_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			if (nw == 2)
				return cli_usage_fail(c, "unexpected '%s': quote "
						      "a value with spaces", arg);
			words[nw++] = arg;
			break;
		case O_UNSET: unset = 1; break;
		case O_LIST: list = 1; break;
		}
	}
	if (c->help) {
		return cli_help(c);
	}
	if (list && (nw || unset))
		return cli_usage_fail(c, "--list takes no key");
	if (!list && nw == 0)
		return cli_usage_fail(c, "missing KEY (fu config --list shows "
				      "them all)");
	if (unset && nw != 1)
		return cli_usage_fail(c, "--unset takes one KEY");
	if ((rc = cli_open(c, list || (nw == 1 && !unset) ? CLI_READ
				   : CLI_WRITE)))
		return rc;
	if (list)
		return list_all(c);
	if (nw == 1 && !unset)
		return get_one(c, words[0]);
	int lrc = unset ? fu_config_unset(c->db, words[0])
			: fu_config_set(c->db, words[0], words[1]);
	if (lrc)
		return cli_lib_fail(c, lrc);
	if (c->json) {
		/* the new state; an unset key without a default is no error */
		int got = get_one(c, words[0]);
		return got == FU_EXIT_NO ? FU_EXIT_OK : got;
	}
	return FU_EXIT_OK;
}

const cmd cmd_config_def = {
	.name = "config",
	.fn = cmd_config,
	.summary = "get and set your name, numbers and rules",
	.usage = "fu config KEY [VALUE]\n"
		 "fu config --unset KEY\n"
		 "fu config --list",
	.options = config_options,
};
