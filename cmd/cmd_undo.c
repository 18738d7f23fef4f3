/* SPDX-License-Identifier: MIT */
/* cmd_undo.c - fu undo [REF]: remove the last logged event */
#include "cli.h"
#include "commands.h"
#include "fu/date.h"
#include "fu/json.h"
#include "opt.h"

static int cmd_undo(cli *c, int argc, char **argv)
{
	const char *ref = NULL, *arg;
	opt_state st;
	int id, rc;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, NULL, &arg)) != OPT_END) {
		if (id == OPT_ERROR)
			return FU_EXIT_USAGE;
		if (ref)
			return cli_usage_fail(c, "unexpected '%s'", arg);
		ref = arg;
	}
	if (c->help) {
		return cli_help(c);
	}
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	fu_ref r = { 0, 0 };
	if (ref && (rc = cli_ref(c, &r, ref, FU_REF_ANY)))
		return rc;
	fu_event *e = NULL;
	int lrc = fu_event_undo(&e, c->db,
				r.type == FU_REF_APPLICATION ? r.id : 0,
				r.type == FU_REF_CONTACT ? r.id : 0);
	if (lrc)
		return cli_lib_fail(c, lrc);
	if (c->json) {
		rc = cli_json(c, fu_json_event(e));
	} else {
		char h[FU_HUMAN_LEN];
		printf("removed event %lld from ", (long long)e->id);
		cli_put_subject(c, e->application_id, e->contact_id);
		printf(": %s", fu_event_kind_name(e->kind));
		if (e->kind == FU_EV_CLOSED)
			printf(" as %s (the application is open again)",
			       fu_outcome_name(e->outcome));
		printf(" at %s\n", fu_time_human(h, e->at, c->now, 1));
		cli_print_next(c, e->application_id, e->contact_id);
	}
	fu_event_free(e);
	return rc;
}

const cmd cmd_undo_def = {
	.name = "undo",
	.fn = cmd_undo,
	.summary = "remove the last logged event",
	.usage = "fu undo [REF]",
};
