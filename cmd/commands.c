/* SPDX-License-Identifier: MIT */
/*
 * commands.c - the table of fu's commands, sorted by name, and what reads
 * it: finding a command by its name, printing its usage.
 */
#include <string.h>

#include "commands.h"

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
