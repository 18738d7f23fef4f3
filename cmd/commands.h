/* SPDX-License-Identifier: MIT */
/*
 * commands.h - fu's commands: each is defined in its own file,
 * cmd/cmd_NAME.c, with its options, usage and summary, and listed in the
 * sorted table of commands.c, which the dispatcher, fu help and fu
 * __complete read. Adding an option to a command touches its file only.
 */
#ifndef FU_COMMANDS_H
#define FU_COMMANDS_H

#include <stdio.h>

#include "cli.h"
#include "opt.h"

typedef struct cmd {
	const char *name;
	const char *alias;       /* another name it answers to, or NULL */
	int (*fn)(cli *c, int argc, char **argv);
	const char *summary;     /* one line for fu help */
	const char *usage;       /* reads like the man page's SYNOPSIS: a
	                            line a form, a continued line indented;
	                            NULL: the usages of its subs */
	const opt_spec *options; /* what fn parses besides the global
	                            options; NULL: nothing */
	const struct cmd *const *subs; /* the words after it that choose a
	                            form with options of its own (fu add
	                            contact), NULL-ended; NULL: none */
	int hidden;              /* left out of fu help and completion */
} cmd;

/* Every command, sorted by name, NULL-ended. */
extern const cmd *const fu_commands[];

/* The one of list (fu_commands, or a command's subs) called name, or
 * answering to it; NULL when none is. */
const cmd *cmd_find(const cmd *const *list, const char *name);

/* "usage: " and k's usage on f, a line a form. */
void cli_print_usage(const cmd *k, FILE *f);

/* fu CMD -h (or --help): the usage of the command (or of the form
 * chosen, c->form), its summary, each of its options with its line of
 * help from its option table, and the global options, as git CMD -h;
 * under --json, the same as one JSON object (cmd_json). Exit code. */
int cli_help(cli *c);

/* A command as JSON: name, summary, usage (its lines), options (each
 * with name, short, value, help) and, for a command with forms, forms
 * (each the same). */
cJSON *cmd_json(const cmd *k);
/* The options of a table as a JSON array (the same shape). */
cJSON *cmd_options_json(const opt_spec *o);

/* The names of the commands fu help lists, into names (room for n);
 * how many. For "did you mean". */
size_t cmd_names(const char **names, size_t n);

/* The commands, in cmd_NAME.c. */
extern const cmd cmd_add_def;
extern const cmd cmd_backup_def;
extern const cmd cmd_close_def;
extern const cmd cmd_complete_def;
extern const cmd cmd_config_def;
extern const cmd cmd_doctor_def;
extern const cmd cmd_draft_def;
extern const cmd cmd_due_def;
extern const cmd cmd_edit_def;
extern const cmd cmd_export_def;
extern const cmd cmd_help_def;
extern const cmd cmd_import_def;
extern const cmd cmd_list_def;
extern const cmd cmd_log_def;
extern const cmd cmd_mail_def;
extern const cmd cmd_notify_def;
extern const cmd cmd_report_def;
extern const cmd cmd_rules_def;
extern const cmd cmd_show_def;
extern const cmd cmd_stats_def;
extern const cmd cmd_sync_def;
extern const cmd cmd_undo_def;
extern const cmd cmd_version_def; /* in cmd_help.c */

#endif
