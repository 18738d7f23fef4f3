/* SPDX-License-Identifier: MIT */
/* cmd_close.c - fu close REF --outcome O: record how an application ended */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/json.h"
#include "opt.h"

enum { O_OUTCOME = 1, O_AT, O_NOTE };

static const opt_spec close_options[] = {
	{ "outcome", 0, "OUTCOME", O_OUTCOME, "how it ended (required)" },
	{ "at", 0, "DATE", O_AT, "when it ended (default: now)" },
	{ "note", 0, "TEXT", O_NOTE, "a note kept with the closing event" },
	{ NULL, 0, NULL, 0, NULL }
};

static int cmd_close(cli *c, int argc, char **argv)
{
	const char *ref = NULL, *outcome = NULL, *at = NULL, *note = NULL,
		   *arg;
	opt_state st;
	int id, rc = FU_EXIT_OK;
	opt_init(&st, argc, argv);
	while (rc == FU_EXIT_OK &&
	       (id = opt_next(c, &st, close_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			if (ref)
				return cli_usage_fail(c, "unexpected '%s'", arg);
			ref = arg;
			break;
		case O_OUTCOME: outcome = arg; break;
		case O_AT: at = arg; break;
		case O_NOTE: note = arg; break;
		}
	}
	if (c->help) {
		return cli_help(c);
	}
	if (!ref)
		return cli_usage_fail(c, "missing the application (REF)");
	fu_outcome o;
	if (!outcome)
		return cli_usage_fail(c, "missing --outcome (%s)",
				      fu_outcome_names());
	if (fu_outcome_parse(&o, outcome) != FU_OK)
		return cli_fail(FU_EXIT_INVALID, "unknown outcome '%s': use %s",
				outcome, fu_outcome_names());
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	fu_ref r;
	if ((rc = cli_ref(c, &r, ref, FU_REF_APPLICATION)))
		return rc;
	int64_t when = c->now;
	if (at && (rc = cli_event_time(c, &when, "--at", at)))
		return rc;
	int lrc = fu_application_close(c->db, r.id, o, when, note);
	if (lrc)
		return cli_lib_fail(c, lrc);
	fu_application *a = NULL;
	if ((lrc = fu_application_get(&a, c->db, r.id)))
		return cli_lib_fail(c, lrc);
	if (c->json) {
		rc = cli_json(c, cli_application_json(c, a));
	} else {
		printf("closed %lld ", (long long)a->id);
		cli_put(stdout, a->company);
		printf(", ");
		cli_put(stdout, a->role);
		printf(" as %s\n", fu_outcome_name(o));
		cli_print_next(c, a->id, 0);
		if (o == FU_OUT_ACCEPTED)
			printf("  congratulations! fu due lists the withdrawals "
			       "you owe the others\n");
	}
	fu_application_free(a);
	return rc;
}

const cmd cmd_close_def = {
	.name = "close",
	.fn = cmd_close,
	.summary = "record how an application ended",
	.usage = "fu close REF --outcome accepted|declined|rejected|withdrawn|no-response|filled\n"
		 "       [--at DATE] [--note TEXT]",
	.options = close_options,
};
