/* SPDX-License-Identifier: MIT */
/*
 * commands.c - the table of fu's commands, sorted by name, and what reads
 * it: finding a command by its name, printing its usage.
 */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "fu/buf.h"
#include "fu/width.h"
#include "term.h"

const cmd *const fu_commands[] = {
	&cmd_complete_def, /* __complete */
	&cmd_add_def,
	&cmd_backup_def,
	&cmd_close_def,
	&cmd_config_def,
	&cmd_doctor_def,
	&cmd_draft_def,
	&cmd_due_def,
	&cmd_edit_def,
	&cmd_export_def,
	&cmd_help_def,
	&cmd_import_def,
	&cmd_list_def,
	&cmd_log_def,
	&cmd_mail_def,
	&cmd_notify_def,
	&cmd_report_def,
	&cmd_rules_def,
	&cmd_show_def,
	&cmd_stats_def,
	&cmd_sync_def,
	&cmd_undo_def,
	&cmd_version_def,
	NULL
};

const cmd *cmd_find(const cmd *const *list, const char *name)
{
	for (; list && *list; list++)
		if (!strcmp((*list)->name, name) ||
		    ((*list)->alias && !strcmp((*list)->alias, name)))
			return *list;
	return NULL;
}

/* The lines of k's usage (or its subs'), *first until one is printed. */
static void print_forms(const cmd *k, FILE *f, int *first)
{
	if (!k->usage) {
		for (const cmd *const *s = k->subs; s && *s; s++)
			print_forms(*s, f, first);
		return;
	}
	const char *u = k->usage;
	while (*u) {
		const char *nl = strchr(u, '\n');
		size_t len = nl ? (size_t)(nl - u) : strlen(u);
		/* a new form gets the indent of "usage: "; a continued
		 * line carries its own */
		fprintf(f, "%s%.*s\n", *first ? "usage: " : u[0] == ' ' ? "" :
			"       ", (int)len, u);
		*first = 0;
		u += len + (nl ? 1 : 0);
	}
}

void cli_print_usage(const cmd *k, FILE *f)
{
	int first = 1;
	print_forms(k, f, &first);
}

size_t cmd_names(const char **names, size_t n)
{
	size_t k = 0;
	for (const cmd *const *c = fu_commands; *c && k < n; c++)
		if (!(*c)->hidden)
			names[k++] = (*c)->name;
	return k;
}

/* The widest label of these options (for the column of their help). */
static size_t label_width(const opt_spec *o, size_t w)
{
	char label[96];
	for (; o && o->name; o++) {
		size_t lw = fu_width(opt_label(label, sizeof label, o));
		if (lw > w)
			w = lw;
	}
	return w;
}

/* Each option on a line: its label, then its help in a column (on the
 * next line when the label is too long), wrapped under that column. */
static void print_options(cli *c, const opt_spec *o, size_t col)
{
	char label[96];
	for (; o && o->name; o++) {
		fu_buf b = FU_BUF_INIT;
		const char *l = opt_label(label, sizeof label, o);
		size_t lw = fu_width(l);
		fu_buf_printf(&b, "    %s", l);
		if (lw > col) {
			term_wrap(c, stdout, b.data, 0);
			fu_buf_clear(&b);
			lw = 0;
			fu_buf_puts(&b, "    ");
		}
		for (size_t i = lw; i < col + 2; i++)
			fu_buf_putc(&b, ' ');
		fu_buf_puts(&b, o->help ? o->help : "");
		term_wrap(c, stdout, b.data, 4 + col + 2);
		fu_buf_free(&b);
	}
}

cJSON *cmd_options_json(const opt_spec *o)
{
	cJSON *arr = cJSON_CreateArray();
	for (; arr && o && o->name; o++) {
		cJSON *x = cJSON_CreateObject();
		char name[64], shortc[4];
		snprintf(name, sizeof name, "--%s", o->name);
		cJSON_AddStringToObject(x, "name", name);
		if (o->shortc) {
			snprintf(shortc, sizeof shortc, "-%c", o->shortc);
			cJSON_AddStringToObject(x, "short", shortc);
		} else {
			cJSON_AddNullToObject(x, "short");
		}
		if (opt_optional(o)) { /* "[WHEN]" */
			char v[64];
			snprintf(v, sizeof v, "%.*s", (int)strlen(o->value) - 2,
				 o->value + 1);
			cJSON_AddStringToObject(x, "value", v);
		} else if (o->value) {
			cJSON_AddStringToObject(x, "value", o->value);
		} else {
			cJSON_AddNullToObject(x, "value");
		}
		cJSON_AddBoolToObject(x, "value_optional", opt_optional(o));
		cJSON_AddStringToObject(x, "help", o->help ? o->help : "");
		cJSON_AddItemToArray(arr, x);
	}
	return arr;
}

/* The lines of k's usage (or its forms'), into arr. */
static void usage_json(const cmd *k, cJSON *arr)
{
	if (!k->usage) {
		for (const cmd *const *s = k->subs; s && *s; s++)
			usage_json(*s, arr);
		return;
	}
	for (const char *u = k->usage; *u;) {
		size_t len = strcspn(u, "\n");
		char *line = malloc(len + 1);
		if (line) {
			memcpy(line, u, len);
			line[len] = '\0';
			cJSON_AddItemToArray(arr, cJSON_CreateString(line));
			free(line);
		}
		u += len + (u[len] ? 1 : 0);
	}
}

cJSON *cmd_json(const cmd *k)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "name", k->name);
	cJSON_AddStringToObject(o, "summary", k->summary ? k->summary : "");
	usage_json(k, cJSON_AddArrayToObject(o, "usage"));
	cJSON_AddItemToObject(o, "options", cmd_options_json(k->options));
	if (k->subs) {
		cJSON *forms = cJSON_AddArrayToObject(o, "forms");
		for (const cmd *const *s = k->subs; *s; s++)
			cJSON_AddItemToArray(forms, cmd_json(*s));
	}
	return o;
}

int cli_help(cli *c)
{
	const cmd *k = c->form ? c->form : c->cmd;
	if (c->json) {
		cJSON *o = cmd_json(k);
		if (o && c->form)
			cJSON_AddStringToObject(o, "command", c->cmd->name);
		return cli_json(c, o);
	}
	cli_print_usage(k, stdout);
	printf("\n");
	fu_buf b = FU_BUF_INIT;
	if (c->form)
		fu_buf_printf(&b, "fu %s %s: %s", c->cmd->name, k->name,
			      k->summary ? k->summary : "");
	else
		fu_buf_printf(&b, "fu %s: %s", k->name, k->summary);
	term_wrap(c, stdout, b.data, 4);
	fu_buf_free(&b);
	/* one column for the help of all the options shown, at most 24
	 * columns from the margin */
	size_t col = label_width(k->options, 0);
	for (const cmd *const *s = k->subs; s && *s; s++)
		col = label_width((*s)->options, col);
	col = label_width(global_options, col);
	if (col > 24)
		col = 24;
	if (k->options) {
		printf("\noptions:\n");
		print_options(c, k->options, col);
	}
	for (const cmd *const *s = k->subs; s && *s; s++) {
		printf("\noptions of fu %s %s:\n", k->name, (*s)->name);
		print_options(c, (*s)->options, col);
	}
	printf("\nglobal options (anywhere on the line):\n");
	print_options(c, global_options, col);
	printf("\nsee 'man fu-%s' for more\n", c->cmd->name);
	return FU_EXIT_OK;
}
