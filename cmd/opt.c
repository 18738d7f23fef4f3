/* SPDX-License-Identifier: MIT */
/*
 * opt.c - command-line options in the git style: --name VALUE or
 * --name=VALUE, options and words in any order, "--" ends options. The
 * global options are understood by every command, wherever they stand.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "opt.h"

enum { G_DB = 1000, G_NOW, G_JSON, G_COLOR, G_NO_COLOR, G_HELP };

const opt_spec global_options[] = {
	{ "db", 0, "PATH", G_DB,
	  "the database (default: $FU_DB, else $XDG_DATA_HOME/fu/fu.db)" },
	{ "now", 0, "DATE", G_NOW,
	  "take DATE as the current time (also FU_NOW)" },
	{ "json", 0, NULL, G_JSON, "machine-readable output" },
	{ "color", 0, "WHEN", G_COLOR,
	  "auto, always or never (NO_COLOR is honoured)" },
	{ "no-color", 0, NULL, G_NO_COLOR, "the same as --color never" },
	{ "help", 'h', NULL, G_HELP, "help for a command" },
	{ NULL, 0, NULL, 0, NULL }
};

const opt_spec top_options[] = {
	{ "version", 'V', NULL, OPT_VERSION, "print the version and exit" },
	{ NULL, 0, NULL, 0, NULL }
};

void opt_init(opt_state *st, int argc, char **argv)
{
	st->argc = argc;
	st->argv = argv;
	st->i = 0;
	st->dashdash = 0;
}

static const opt_spec *find_long(const opt_spec *specs, const char *name,
				 size_t len)
{
	for (; specs && specs->name; specs++)
		if (strlen(specs->name) == len &&
		    strncmp(specs->name, name, len) == 0)
			return specs;
	return NULL;
}

static const opt_spec *find_short(const opt_spec *specs, char ch)
{
	for (; specs && specs->name; specs++)
		if (specs->shortc && specs->shortc == ch)
			return specs;
	return NULL;
}

char *opt_label(char *buf, size_t len, const opt_spec *o)
{
	char alias[8] = "";
	if (o->shortc)
		snprintf(alias, sizeof alias, "-%c, ", o->shortc);
	snprintf(buf, len, "%s--%s%s%s", alias, o->name, o->value ? " " : "",
		 o->value ? o->value : "");
	return buf;
}

int opt_global_takes_next(const char *word)
{
	if (strncmp(word, "--", 2) != 0)
		return 0;
	const opt_spec *o = find_long(global_options, word + 2,
				      strlen(word + 2));
	return o && o->value;
}

/* Apply a global option to c; 0 or OPT_ERROR. */
static int apply_global(cli *c, int id, const char *arg)
{
	switch (id) {
	case G_DB:
		if (!*arg) {
			/* not the default database: that was not asked for */
			cli_usage_fail(c, "--db is empty");
			return OPT_ERROR;
		}
		c->db_path = arg;
		break;
	case G_NOW:
		c->now_text = arg;
		break;
	case G_JSON:
		c->json = 1;
		break;
	case G_COLOR:
		if (strcmp(arg, "auto") == 0)
			c->color_mode = 0;
		else if (strcmp(arg, "always") == 0)
			c->color_mode = 1;
		else if (strcmp(arg, "never") == 0)
			c->color_mode = 2;
		else {
			cli_usage_fail(c, "--color takes auto, always or "
				       "never, not '%s'", arg);
			return OPT_ERROR;
		}
		break;
	case G_NO_COLOR:
		c->color_mode = 2;
		break;
	case G_HELP:
		c->help = 1;
		break;
	}
	return 0;
}

int opt_next(cli *c, opt_state *st, const opt_spec *specs, const char **arg)
{
	*arg = NULL;
	for (;;) {
		if (st->i >= st->argc)
			return OPT_END;
		const char *w = st->argv[st->i++];
		if (st->dashdash || w[0] != '-' || w[1] == '\0' ||
		    (w[1] >= '0' && w[1] <= '9')) {
			*arg = w; /* "-2d" is a date, "-" a word */
			return OPT_POSITIONAL;
		}
		if (strcmp(w, "--") == 0) {
			st->dashdash = 1;
			continue;
		}
		const opt_spec *o;
		const char *value = NULL;
		char shown[64];
		if (w[1] == '-') {
			const char *name = w + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			o = find_long(specs, name, len);
			if (!o)
				o = find_long(global_options, name, len);
			snprintf(shown, sizeof shown, "--%.*s", (int)len, name);
			if (eq)
				value = eq + 1;
		} else {
			if (w[2]) {
				cli_usage_fail(c, "unknown option '%s'", w);
				return OPT_ERROR;
			}
			o = find_short(specs, w[1]);
			if (!o)
				o = find_short(global_options, w[1]);
			snprintf(shown, sizeof shown, "-%c", w[1]);
		}
		if (!o) {
			cli_usage_fail(c, "unknown option '%s'", shown);
			return OPT_ERROR;
		}
		if (!o->value && value) {
			cli_usage_fail(c, "%s takes no value", shown);
			return OPT_ERROR;
		}
		if (o->value && !value) {
			if (st->i >= st->argc) {
				cli_usage_fail(c, "%s needs a value", shown);
				return OPT_ERROR;
			}
			value = st->argv[st->i++];
		}
		if (o->id >= G_DB && o->id <= G_HELP) {
			if (apply_global(c, o->id, value))
				return OPT_ERROR;
			continue;
		}
		*arg = value;
		return o->id;
	}
}
