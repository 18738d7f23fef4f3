/* cmd_help.c - fu help [COMMAND], fu version */
#include <stdlib.h>
#include <string.h>
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
	/* like git help: the manual on a terminal, else the usage */
	if (isatty(STDOUT_FILENO)) {
		char page[64];
		snprintf(page, sizeof page, "fu-%s", k->name);
		fflush(stdout);
		execlp("man", "man", page, (char *)NULL);
		/* no man: fall back to the options below */
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
