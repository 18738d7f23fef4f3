/* SPDX-License-Identifier: MIT */
/* cmd_export.c - fu export: everything as JSON, or what is due as iCalendar */
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "fu/transfer.h"
#include "opt.h"

enum { O_ICS = 1 };

static const opt_spec export_options[] = {
	{ "ics", 0, NULL, O_ICS,
	  "the open actions as iCalendar to-dos instead of JSON" },
	{ NULL, 0, NULL, 0, NULL }
};

/* A piece of the document to standard output; a failure stops the
 * export (and is reported as every command's output is). */
static int write_out(const char *text, size_t len, void *arg)
{
	return fwrite(text, 1, len, arg) != len;
}

static int cmd_export(cli *c, int argc, char **argv)
{
	const char *arg;
	int ics = 0, id, rc, lrc;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, export_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			return cli_usage_fail(c, "unexpected '%s' (fu export "
					      "writes to standard output)", arg);
		case O_ICS: ics = 1; break;
		}
	}
	if (c->help) {
		return cli_help(c);
	}
	if (ics && c->json)
		return cli_usage_fail(c, "--ics and --json exclude each other");
	if ((rc = cli_open(c, CLI_READ)))
		return rc;
	if (!ics) {
		lrc = fu_export_write(c->db, write_out, stdout);
		/* stopped by standard output: the check every command ends
		 * with says so, with the system's reason */
		if (lrc && !ferror(stdout))
			return cli_lib_fail(c, lrc);
		putchar('\n');
		return FU_EXIT_OK;
	}
	return cli_ics(c, NULL); /* every open action, whatever its date */
}

const cmd cmd_export_def = {
	.name = "export",
	.fn = cmd_export,
	.summary = "write everything as JSON (or what is due as iCalendar)",
	.usage = "fu export [--ics]",
	.options = export_options,
};
