/* SPDX-License-Identifier: MIT */
/*
 * opt.c - command-line options in the git style: --name VALUE or
 * --name=VALUE, options and words in any order, "--" ends options. The
 * global options are understood by every command, wherever they stand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fu/buf.h"

#include "cli.h"
#include "opt.h"

enum { G_DB = 1000, G_NOW, G_JSON, G_COLOR, G_NO_COLOR, G_NO_PAGER, G_HELP };

const opt_spec global_options[] = {
	{ "db", 0, "PATH", G_DB,
	  "the database (default: $FU_DB, else $XDG_DATA_HOME/fu/fu.db)" },
	{ "now", 0, "DATE", G_NOW,
	  "take DATE as the current time (also FU_NOW)" },
	{ "json", 0, NULL, G_JSON, "machine-readable output" },
	{ "color", 0, "[WHEN]", G_COLOR,
	  "auto, always or never; alone: always (NO_COLOR is honoured)" },
	{ "no-color", 0, NULL, G_NO_COLOR, "the same as --color=never" },
	{ "no-pager", 0, NULL, G_NO_PAGER,
	  "never send the output through a pager" },
	{ "help", 'h', NULL, G_HELP, "every option of the command, like this" },
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

/* The options of the lists (NULL-ended array of tables) whose names
 * start with name[0..len), into found (at most max); how many. */
static size_t find_prefixed(const opt_spec **found, size_t max,
			    const opt_spec *const *lists, const char *name,
			    size_t len)
{
	size_t n = 0;
	for (; *lists; lists++)
		for (const opt_spec *o = *lists; o->name; o++)
			if (strncmp(o->name, name, len) == 0) {
				int dup = 0; /* --no-calls of two tables */
				for (size_t i = 0; i < n && i < max; i++)
					dup |= !strcmp(found[i]->name, o->name);
				if (!dup && n++ < max)
					found[n - 1] = o;
			}
	return n;
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
	if (opt_optional(o)) /* "[WHEN]": "--color[=WHEN]" */
		snprintf(buf, len, "%s--%s[=%s", alias, o->name, o->value + 1);
	else
		snprintf(buf, len, "%s--%s%s%s", alias, o->name,
			 o->value ? " " : "", o->value ? o->value : "");
	return buf;
}

int opt_global_takes_next(const char *word)
{
	if (strncmp(word, "--", 2) != 0)
		return 0;
	const char *name = word + 2;
	if (strchr(name, '='))
		return 0;
	const opt_spec *o = find_long(global_options, name, strlen(name));
	if (!o) {
		const opt_spec *const lists[] = { global_options, NULL };
		const opt_spec *found[2];
		if (find_prefixed(found, 2, lists, name, strlen(name)) == 1)
			o = found[0];
	}
	return o && o->value && !opt_optional(o);
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
		if (!arg || strcmp(arg, "always") == 0)
			c->color_mode = 1;
		else if (strcmp(arg, "auto") == 0)
			c->color_mode = 0;
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
	case G_NO_PAGER:
		c->no_pager = 1;
		break;
	case G_HELP:
		c->help = 1;
		break;
	}
	return 0;
}

/* Damerau-Levenshtein distance of two short words, up to 9. */
static int distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 40 || m > 40)
		return 9;
	int d[41][41];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			int v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[n][m] < 9 ? d[n][m] : 9;
}

size_t opt_suggest(char *buf, size_t len, const char *typed,
		   const char *const *names, size_t n, const char *prefix)
{
	/* a typo: one edit in a short word, two in a longer one */
	int limit = strlen(typed) <= 3 ? 1 : 2, best = limit + 1;
	for (size_t i = 0; i < n; i++) {
		int d = distance(typed, names[i]);
		if (d < best)
			best = d;
	}
	size_t found = 0;
	fu_buf b = FU_BUF_INIT;
	for (size_t i = 0; i < n && found < 3; i++) {
		int d = distance(typed, names[i]);
		/* or what it starts (two letters at least) */
		int starts = best > limit && strlen(typed) >= 2 &&
			strncmp(names[i], typed, strlen(typed)) == 0;
		if (d != best && !starts)
			continue;
		int dup = 0;
		for (size_t j = 0; j < i; j++)
			dup |= !strcmp(names[j], names[i]);
		if (dup)
			continue;
		fu_buf_printf(&b, "%s'%s%s'", found ? " or " : "", prefix,
			      names[i]);
		found++;
	}
	snprintf(buf, len, "%s", b.data);
	fu_buf_free(&b);
	return found;
}

/* An option named by the start of its name, or a usage error that says
 * which it could be, or what was meant (NULL then). */
static const opt_spec *by_prefix(cli *c, const opt_spec *specs,
				 const char *name, size_t len,
				 const char *shown)
{
	const opt_spec *const lists[] = { specs ? specs : global_options,
					  global_options, NULL };
	const opt_spec *found[8];
	size_t n = len ? find_prefixed(found, 8, lists, name, len) : 0;
	if (n == 1)
		return found[0];
	char list[512];
	if (n > 1) {
		const char *names[8];
		for (size_t i = 0; i < n && i < 8; i++)
			names[i] = found[i]->name;
		fu_buf b = FU_BUF_INIT;
		for (size_t i = 0; i < n && i < 8; i++)
			fu_buf_printf(&b, "%s--%s", i ? ", " : "", names[i]);
		snprintf(list, sizeof list, "%s%s", b.data, n > 8 ? ", ..." : "");
		fu_buf_free(&b);
		cli_usage_fail(c, "ambiguous option '%s': it could be %s",
			       shown, list);
		return NULL;
	}
	/* a typo: the names of both tables */
	const char *names[128];
	size_t k = 0;
	for (const opt_spec *const *l = lists; *l; l++)
		for (const opt_spec *o = *l; o->name && k < 128; o++)
			names[k++] = o->name;
	char typed[64];
	snprintf(typed, sizeof typed, "%.*s", (int)(len < 63 ? len : 63), name);
	if (opt_suggest(list, sizeof list, typed, names, k, "--"))
		cli_usage_fail(c, "unknown option '%s'; did you mean %s?",
			       shown, list);
	else
		cli_usage_fail(c, "unknown option '%s'", shown);
	return NULL;
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
			snprintf(shown, sizeof shown, "--%.*s", (int)len, name);
			if (eq)
				value = eq + 1;
			o = find_long(specs, name, len);
			if (!o)
				o = find_long(global_options, name, len);
			if (!o && !(o = by_prefix(c, specs, name, len, shown)))
				return OPT_ERROR;
			snprintf(shown, sizeof shown, "--%s", o->name);
		} else {
			if (w[2]) {
				cli_usage_fail(c, "unknown option '%s'", w);
				return OPT_ERROR;
			}
			o = find_short(specs, w[1]);
			if (!o)
				o = find_short(global_options, w[1]);
			snprintf(shown, sizeof shown, "-%c", w[1]);
			if (!o) {
				cli_usage_fail(c, "unknown option '%s'", shown);
				return OPT_ERROR;
			}
		}
		if (!o->value && value) {
			cli_usage_fail(c, "%s takes no value", shown);
			return OPT_ERROR;
		}
		if (o->value && !value && opt_optional(o)) {
			/* only a word it takes: --color always, --color due */
			const char *next = st->i < st->argc ? st->argv[st->i] : "";
			if (!strcmp(next, "auto") || !strcmp(next, "always") ||
			    !strcmp(next, "never"))
				value = st->argv[st->i++];
		} else if (o->value && !value) {
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
