/* cmd_list.c - fu list [applications|contacts] */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fu/date.h"
#include "fu/json.h"

enum { O_OPEN = 1, O_CLOSED, O_ALL, O_OUTCOME, O_COMPANY };

const opt_spec list_options[] = {
	{ "open", OPT_NONE, O_OPEN, 0 },
	{ "closed", OPT_NONE, O_CLOSED, 0 },
	{ "all", OPT_NONE, O_ALL, 'a' },
	{ "outcome", OPT_ARG, O_OUTCOME, 0 },
	{ "company", OPT_ARG, O_COMPANY, 0 },
	{ NULL, 0, 0, 0 }
};

static int list_contacts(cli *c, const char *company)
{
	fu_contact_filter f = { company };
	fu_contact *list = NULL;
	size_t n = 0;
	int lrc = fu_contact_list(&list, &n, c->db, &f);
	if (lrc)
		return cli_lib_fail(c, lrc);
	int rc = FU_EXIT_OK;
	if (c->json) {
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; arr && i < n; i++)
			cJSON_AddItemToArray(arr, fu_json_contact(&list[i]));
		rc = cli_json(c, arr);
	} else if (n == 0) {
		printf("no contacts%s; add one with: fu add contact NAME\n",
		       company ? " at that company" : "");
	} else {
		table *t = table_new(6);
		const char *head[] = { "ID", "NAME", "COMPANY", "TITLE",
				       "EMAIL", "PHONE" };
		for (int i = 0; i < 6; i++)
			table_cell(t, head[i]);
		for (size_t i = 0; i < n; i++) {
			table_cellf(t, "%lld", (long long)list[i].id);
			table_cell(t, list[i].name);
			table_cell(t, list[i].company ? list[i].company : "-");
			table_cell(t, list[i].title ? list[i].title : "-");
			table_cell(t, list[i].email ? list[i].email : "-");
			table_cell(t, list[i].phone ? list[i].phone : "-");
		}
		table_print(c, t, stdout, 1);
		table_free(t);
	}
	fu_contact_list_free(list, n);
	return rc;
}

/* The next action of each application, from one read of the actions. */
static const fu_action_row *next_of(const fu_action_row *rows, size_t n,
				    int64_t app)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].a.application_id == app)
			return &rows[i]; /* rows are most urgent first */
	return NULL;
}

static const char *stage_color(cli *c, const char *stage)
{
	if (!strcmp(stage, "offer") || !strcmp(stage, "accepted"))
		return cli_c(c, C_GREEN);
	if (!strcmp(stage, "interviewing"))
		return cli_c(c, C_CYAN);
	if (!strcmp(stage, "rejected") || !strcmp(stage, "withdrawn") ||
	    !strcmp(stage, "no-response") || !strcmp(stage, "filled") ||
	    !strcmp(stage, "declined"))
		return cli_c(c, C_DIM);
	return "";
}

static int list_json(cli *c, fu_application *list, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr && i < n; i++) {
		fu_application *full = NULL;
		int lrc = fu_application_get(&full, c->db, list[i].id);
		cJSON *o = lrc ? NULL : cli_application_json(c, full);
		fu_application_free(full);
		if (!o) {
			cJSON_Delete(arr);
			return lrc ? cli_lib_fail(c, lrc) : FU_EXIT_FAILURE;
		}
		cJSON_AddItemToArray(arr, o);
	}
	return cli_json(c, arr);
}

static int list_applications(cli *c, fu_application_filter *f)
{
	fu_application *list = NULL;
	fu_action_row *acts = NULL;
	size_t n = 0, nacts = 0;
	int lrc = fu_application_list(&list, &n, c->db, f);
	if (lrc)
		return cli_lib_fail(c, lrc);
	int rc = FU_EXIT_OK;
	if (c->json) {
		rc = list_json(c, list, n);
		goto done;
	}
	if (n == 0) {
		printf("no %sapplications%s\n",
		       f->status == FU_STATUS_OPEN ? "open " :
		       f->status == FU_STATUS_CLOSED ? "closed " : "",
		       f->status == FU_STATUS_OPEN ? " (fu list --all shows "
		       "closed ones too)" : "");
		goto done;
	}
	if ((lrc = fu_action_list(&acts, &nacts, c->db, NULL))) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	table *t = table_new(6);
	const char *head[] = { "ID", "STAGE", "COMPANY", "ROLE", "APPLIED",
			       "NEXT" };
	for (int i = 0; i < 6; i++)
		table_cell(t, head[i]);
	for (size_t i = 0; i < n; i++) {
		const fu_application *a = &list[i];
		char h[FU_HUMAN_LEN], w[96];
		table_cellf(t, "%lld", (long long)a->id);
		table_color(t, stage_color(c, a->stage));
		table_cell(t, a->stage);
		table_cell(t, a->company);
		table_cell(t, a->role);
		table_cell(t, a->applied_at ? fu_time_human(h, a->applied_at,
							    c->now, 0) : "-");
		const fu_action_row *x = next_of(acts, nacts, a->id);
		if (x) {
			fu_action_state_t s = fu_action_state(&x->a, c->now);
			table_color(t, s == FU_STATE_OVERDUE ? cli_c(c, C_RED)
				    : s == FU_STATE_DUE ? cli_c(c, C_YELLOW) : "");
			char rel[FU_REL_LEN];
			snprintf(w, sizeof w, "%s %s", x->a.kind,
				 fu_time_relative(rel, x->a.due, c->now));
			table_cell(t, w);
		} else {
			table_cell(t, "-");
		}
	}
	table_print(c, t, stdout, 1);
	table_free(t);
done:
	fu_action_list_free(acts, nacts);
	fu_application_list_free(list, n);
	return rc;
}

int cmd_list(cli *c, int argc, char **argv)
{
	fu_application_filter f = { FU_STATUS_OPEN, FU_OUT_NONE, NULL, 0 };
	const char *what = NULL, *arg;
	opt_state st;
	int id, rc, open = 0, closed = 0, all = 0;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, list_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			if (what)
				return cli_usage_fail(c, "unexpected '%s'", arg);
			what = arg;
			break;
		case O_OPEN: f.status = FU_STATUS_OPEN; open++; break;
		case O_CLOSED: f.status = FU_STATUS_CLOSED; closed++; break;
		case O_ALL: f.status = FU_STATUS_ANY; all++; break;
		case O_OUTCOME:
			closed++;
			if (fu_outcome_parse(&f.outcome, arg) != FU_OK)
				return cli_fail(FU_EXIT_INVALID, "unknown "
					"outcome '%s': use %s", arg,
					fu_outcome_names());
			f.status = FU_STATUS_CLOSED;
			break;
		case O_COMPANY: f.company = arg; break;
		}
	}
	if (c->help) {
		cli_print_usage(c->cmd, stdout);
		return FU_EXIT_OK;
	}
	/* --closed and --outcome agree; any other two contradict */
	if ((open != 0) + (closed != 0) + (all != 0) > 1)
		return cli_usage_fail(c, "--open, --closed (or --outcome) and "
				      "--all exclude each other");
	int contacts = 0;
	if (what) {
		if (!strcmp(what, "contacts") || !strcmp(what, "contact") ||
		    !strcmp(what, "people"))
			contacts = 1;
		else if (strcmp(what, "applications") &&
			 strcmp(what, "application") && strcmp(what, "apps"))
			return cli_usage_fail(c, "fu list takes 'applications' "
					      "or 'contacts', not '%s'", what);
	}
	if ((rc = cli_open(c, 0)))
		return rc;
	return contacts ? list_contacts(c, f.company)
			: list_applications(c, &f);
}
