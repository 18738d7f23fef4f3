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
#include "opt.h"

static void overview(void)
{
	printf("usage: fu [--db PATH] [--now DATE] [--json] [--color WHEN] "
	       "COMMAND [ARGS]\n\n"
	       "fu keeps a job seeker's follow-ups on time: record what "
	       "happened,\nsee each morning what is due, and close what "
	       "ended.\n\ncommands:\n");
	for (const cmd *const *k = fu_commands; *k; k++)
		if (!(*k)->hidden)
			printf("   %-9s %s\n", (*k)->name, (*k)->summary);
	printf("\nglobal options:\n");
	for (const opt_spec *o = global_options; o->name; o++) {
		char name[64];
		printf("   %-14s %s\n", opt_label(name, sizeof name, o), o->help);
	}
	printf("\nexit status:\n"
	       "   0 success; 1 fu due --check found nothing due, or fu config "
	       "KEY is unset;\n   2 usage error; 3 not found or ambiguous; 4 invalid value; 5 "
	       "database busy;\n   6 database unusable; 7 other failure; 8 fu sync: "
	       "remote\n   unreachable or refusing; 9 fu sync: a change file "
	       "refused\n"
	       "\n'fu help COMMAND' or 'man fu-COMMAND' for more; 'man 7 "
	       "fu-rules'\nfor the follow-up rules and the advice behind "
	       "them.\n");
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
	if (!which) {
		overview();
		return FU_EXIT_OK;
	}
	const cmd *k = cmd_find(fu_commands, which);
	if (!k || k->hidden)
		return cli_fail(FU_EXIT_USAGE, "'%s' is not a fu command; see "
				"'fu help'", which);
	/* like git help: the manual on a terminal, else the usage; and the
	 * usage too when man is missing or does not have the page */
	if (isatty(STDOUT_FILENO) && !c->json) {
		char page[64];
		snprintf(page, sizeof page, "fu-%s", k->name);
		int rc = show_manual(page);
		if (rc >= 0)
			return rc;
		fprintf(stderr, "fu: warning: the manual page %s is not "
			"installed; here is the usage\n", page);
	}
	printf("fu %s - %s\n\n", k->name, k->summary);
	cli_print_usage(k, stdout);
	printf("\nsee 'man fu-%s' for the options, examples and JSON shape\n",
	       k->name);
	return FU_EXIT_OK;
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
	if (c->help) {
		cli_print_usage(c->cmd, stdout);
		return FU_EXIT_OK;
	}
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
