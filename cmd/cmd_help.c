/* SPDX-License-Identifier: MIT */
/* cmd_help.c - fu help [COMMAND], fu version */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fu/buf.h"
#include "opt.h"
#include "term.h"

static const char overview_usage[] =
	"fu [--db PATH] [--now DATE] [--json] [--color[=WHEN]] [--no-pager] "
	"COMMAND [ARGS]";

/* The exit codes (cli.h), as fu(1) gives them. */
static const struct {
	int code;
	const char *meaning;
} exits[] = {
	{ FU_EXIT_OK, "success" },
	{ FU_EXIT_NO, "fu due --check found nothing due, or fu config KEY "
		      "is unset" },
	{ FU_EXIT_USAGE, "usage error" },
	{ FU_EXIT_NOTFOUND, "not found or ambiguous" },
	{ FU_EXIT_INVALID, "invalid value" },
	{ FU_EXIT_BUSY, "database busy" },
	{ FU_EXIT_DB, "database unusable" },
	{ FU_EXIT_FAILURE, "other failure" },
	{ FU_EXIT_DELIVERY, "fu notify could not deliver" },
	{ FU_EXIT_REMOTE, "fu sync: remote unreachable or refusing" },
	{ FU_EXIT_CHANGES, "fu sync: a change file refused" },
};

static int overview_json(cli *c)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "usage", overview_usage);
	cJSON_AddStringToObject(o, "version", FU_VERSION);
	cJSON *cmds = cJSON_AddArrayToObject(o, "commands");
	for (const cmd *const *k = fu_commands; *k; k++)
		if (!(*k)->hidden)
			cJSON_AddItemToArray(cmds, cmd_json(*k));
	cJSON_AddItemToObject(o, "global_options",
			      cmd_options_json(global_options));
	cJSON_AddItemToObject(o, "top_options", cmd_options_json(top_options));
	cJSON *ex = cJSON_AddArrayToObject(o, "exit_status");
	for (size_t i = 0; i < sizeof exits / sizeof exits[0]; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "code", exits[i].code);
		cJSON_AddStringToObject(x, "meaning", exits[i].meaning);
		cJSON_AddItemToArray(ex, x);
	}
	return cli_json(c, o);
}

static void overview(cli *c)
{
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "usage: %s", overview_usage);
	term_wrap(c, stdout, b.data, 7);
	fu_buf_free(&b);
	printf("\nfu keeps a job seeker's follow-ups on time: record what "
	       "happened,\nsee each morning what is due, and close what "
	       "ended.\n\ncommands:\n");
	for (const cmd *const *k = fu_commands; *k; k++) {
		if ((*k)->hidden)
			continue;
		fu_buf_clear(&b);
		fu_buf_printf(&b, "   %-9s %s", (*k)->name, (*k)->summary);
		term_wrap(c, stdout, b.data, 13);
	}
	printf("\nglobal options:\n");
	for (const opt_spec *o = global_options; o->name; o++) {
		char name[64];
		fu_buf_clear(&b);
		fu_buf_printf(&b, "   %-16s %s", opt_label(name, sizeof name, o),
			      o->help);
		term_wrap(c, stdout, b.data, 20);
	}
	fu_buf_free(&b);
	printf("\nexit status:\n");
	fu_buf line = FU_BUF_INIT;
	fu_buf_puts(&line, "  ");
	for (size_t i = 0; i < sizeof exits / sizeof exits[0]; i++)
		fu_buf_printf(&line, " %d %s%s", exits[i].code, exits[i].meaning,
			      i + 1 < sizeof exits / sizeof exits[0] ? ";" : "");
	term_wrap(c, stdout, line.data, 3);
	fu_buf_free(&line);
	printf("\n'fu COMMAND -h' lists a command's options; 'fu help COMMAND' "
	       "or\n'man fu-COMMAND' tells more; 'man 7 fu-rules' gives the "
	       "follow-up\nrules and the advice behind them.\n");
}

/* Run man with args (stdout and stderr to /dev/null when quiet): its
 * exit status, or -1 when it cannot run or was killed. */
static int run_man(const char *const *args, int quiet)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL); /* fu ignores it; man's pager not */
		if (quiet) {
			int fd = open("/dev/null", O_WRONLY);
			if (fd >= 0) {
				dup2(fd, STDOUT_FILENO);
				dup2(fd, STDERR_FILENO);
			}
		}
		execvp("man", (char *const *)args);
		_exit(127);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The manual page, when man has it (man -w finds it): FU_EXIT_OK, or
 * FU_EXIT_FAILURE when man fails to show it; -1 when there is no man
 * or no page, so that the caller shows the usage instead. */
static int show_manual(const char *page)
{
	const char *where[] = { "man", "-w", page, NULL };
	const char *show[] = { "man", page, NULL };
	if (run_man(where, 1) != 0)
		return -1;
	int rc = run_man(show, 0);
	return rc == 0 ? FU_EXIT_OK
		: cli_fail(FU_EXIT_FAILURE, "man %s failed (%d)", page, rc);
}

static int cmd_help(cli *c, int argc, char **argv)
{
	const char *which = NULL, *arg;
	opt_state st;
	int id;
	opt_init(&st, argc, argv);
	while (argv && (id = opt_next(c, &st, NULL, &arg)) != OPT_END) {
		if (id == OPT_ERROR)
			return FU_EXIT_USAGE;
		if (which)
			return cli_usage_fail(c, "unexpected '%s'", arg);
		which = arg;
	}
	if (argv && c->help && c->cmd)
		return cli_help(c); /* fu help -h */
	if (!which) {
		if (c->json)
			return overview_json(c);
		overview(c);
		return FU_EXIT_OK;
	}
	const cmd *k = cmd_find(fu_commands, which);
	if (!k || k->hidden) {
		const char *names[64];
		char maybe[256];
		size_t n = cmd_names(names, 64);
		if (opt_suggest(maybe, sizeof maybe, which, names, n, ""))
			return cli_fail(FU_EXIT_USAGE, "'%s' is not a fu command;"
					" did you mean %s? (see 'fu help')",
					which, maybe);
		return cli_fail(FU_EXIT_USAGE, "'%s' is not a fu command; see "
				"'fu help'", which);
	}
	if (c->json)
		return cli_json(c, cmd_json(k));
	/* like git help: the manual on a terminal, else the usage; and the
	 * usage too when man is missing or does not have the page */
	if (isatty(STDOUT_FILENO)) {
		char page[64];
		snprintf(page, sizeof page, "fu-%s", k->name);
		int rc = show_manual(page);
		if (rc >= 0)
			return rc;
		fprintf(stderr, "fu: warning: the manual page %s is not "
			"installed; here is the usage\n", page);
	}
	c->cmd = k;
	return cli_help(c);
}

static int cmd_version(cli *c, int argc, char **argv)
{
	const char *arg;
	opt_state st;
	int id;
	opt_init(&st, argc, argv);
	while (argv && (id = opt_next(c, &st, NULL, &arg)) != OPT_END) {
		if (id == OPT_ERROR)
			return FU_EXIT_USAGE;
		return cli_usage_fail(c, "unexpected '%s'", arg);
	}
	if (c->help)
		return cli_help(c);
	if (c->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "version", FU_VERSION);
		return cli_json(c, o);
	}
	printf("fu %s\n", FU_VERSION);
	return FU_EXIT_OK;
}

const cmd cmd_help_def = {
	.name = "help",
	.fn = cmd_help,
	.summary = "show help for fu or a command",
	.usage = "fu help [COMMAND]",
};

const cmd cmd_version_def = {
	.name = "version",
	.fn = cmd_version,
	.summary = "print fu's version",
	.usage = "fu version",
};
