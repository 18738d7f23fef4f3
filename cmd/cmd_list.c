/* SPDX-License-Identifier: MIT */
/* cmd_list.c - fu list [applications|contacts] */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/date.h"
#include "fu/json.h"
#include "opt.h"
#include "table.h"
#include "term.h"

enum { O_OPEN = 1, O_CLOSED, O_ALL, O_OUTCOME, O_COMPANY };

static const opt_spec list_options[] = {
	{ "open", 0, NULL, O_OPEN, "only open applications (the default)" },
	{ "closed", 0, NULL, O_CLOSED, "only closed applications" },
	{ "all", 'a', NULL, O_ALL, "open and closed applications" },
	{ "outcome", 0, "O", O_OUTCOME,
	  "only applications closed with that outcome" },
	{ "company", 0, "C", O_COMPANY,
	  "only those at a company whose name contains C" },
	{ NULL, 0, NULL, 0, NULL }
};

/* The contacts stream past (fu_contact_each) into a table, which spills
 * to a temporary file when long, or a JSON array printed element by
 * element. */
typedef struct contact_walk {
	table *t;
	size_t n;
} contact_walk;

static int contact_json(const fu_contact *ct, void *arg)
{
	contact_walk *w = arg;
	return cli_json_element(fu_json_contact(ct), w->n++);
}

static int contact_row(const fu_contact *ct, void *arg)
{
	contact_walk *w = arg;
	w->n++;
	table_cellf(w->t, "%lld", (long long)ct->id);
	table_cell(w->t, ct->name);
	table_cell(w->t, ct->company ? ct->company : "-");
	table_cell(w->t, ct->title ? ct->title : "-");
	table_cell(w->t, ct->email ? ct->email : "-");
	table_cell(w->t, ct->phone ? ct->phone : "-");
	return 0;
}

static int list_contacts(cli *c, const char *company)
{
	fu_contact_filter f = { .company = company };
	contact_walk w = { NULL, 0 };
	int lrc, rc = FU_EXIT_OK;
	if (c->json) {
		lrc = fu_contact_each(c->db, &f, contact_json, &w);
		if (lrc)
			return lrc < 0 ? cli_lib_fail(c, lrc) : lrc;
		fputs(w.n ? "]\n" : "[]\n", stdout);
		return FU_EXIT_OK;
	}
	static const char *const head[] = { "ID", "NAME", "COMPANY", "TITLE",
					    "EMAIL", "PHONE" };
	w.t = table_new(6);
	for (int i = 0; i < 6; i++)
		table_cell(w.t, head[i]);
	/* on a narrow terminal: the title gives way first, then the
	 * company, the e-mail and the phone, the name last */
	table_cut(w.t, 3, 12);
	table_cut(w.t, 2, 12);
	table_cut(w.t, 4, 16);
	table_cut(w.t, 5, 10);
	table_cut(w.t, 1, 14);
	if ((lrc = fu_contact_each(c->db, &f, contact_row, &w)))
		rc = cli_lib_fail(c, lrc);
	else if (w.n == 0)
		printf("no contacts%s; add one with: fu add contact NAME\n",
		       company ? " at that company" : "");
	else
		term_pager(c), table_print(c, w.t, stdout, 1);
	table_free(w.t);
	return rc;
}

/* The most urgent action of each application, in the order of their
 * numbers, from one read of the actions: what the NEXT column shows. Kept
 * small (a list of any length streams past it). */
typedef struct next_action {
	int64_t app;
	int64_t due, not_before;
	unsigned char kind;  /* fu_action_kind */
	unsigned char state; /* fu_action_state_t */
} next_action;

typedef struct next_actions {
	next_action *v;
	size_t n, cap;
	int64_t now;
	fu_db *db;
} next_actions;

static int collect_next(const fu_action_row *r, void *arg)
{
	next_actions *x = arg;
	int64_t app = r->a.application_id;
	/* by application, most urgent first: the first of each is next */
	if (!app || (x->n && x->v[x->n - 1].app == app))
		return 0;
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 64;
		next_action *p = realloc(x->v, cap * sizeof *p);
		if (!p)
			return fu__error(x->db, FU_ERROR, "out of memory");
		x->v = p;
		x->cap = cap;
	}
	next_action *na = &x->v[x->n++];
	na->app = app;
	na->due = r->a.due;
	na->not_before = r->a.not_before;
	na->kind = (unsigned char)r->a.kind;
	na->state = (unsigned char)fu_action_state(&r->a, x->now);
	return 0;
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

/* The applications stream past (fu_application_each) into a table,
 * which spills to a temporary file when long, or a JSON array printed
 * element by element. */
typedef struct list_walk {
	cli *c;
	table *t;
	const next_actions *next;
	size_t i;   /* in next->v: the first not behind the application */
	size_t n;   /* applications so far */
} list_walk;

/* A failure is reported here; the walk stops with a positive code. */
static int walk_json(const fu_application *a, void *arg)
{
	list_walk *w = arg;
	fu_application *full = NULL;
	int lrc = fu_application_get(&full, w->c->db, a->id);
	if (lrc) {
		cli_lib_fail(w->c, lrc);
		return FU_EXIT_FAILURE;
	}
	cJSON *o = cli_application_json(w->c, full);
	fu_application_free(full);
	if (!o)
		return FU_EXIT_FAILURE;
	return cli_json_element(o, w->n++);
}

static int walk_row(const fu_application *a, void *arg)
{
	list_walk *w = arg;
	cli *c = w->c;
	table *t = w->t;
	char h[FU_HUMAN_LEN], wb[96];
	w->n++;
	table_cellf(t, "%lld", (long long)a->id);
	table_color(t, stage_color(c, fu_application_stage_name(a)));
	table_cell(t, fu_application_stage_name(a));
	table_cell(t, a->company);
	table_cell(t, a->role);
	if (a->applied_at) {
		/* "Wed 28 Oct", or "28 Oct" where room is short */
		const char *day = fu_time_human(h, a->applied_at, c->now, 0);
		const char *sp = strchr(day, ' ');
		table_cell2(t, day, sp ? sp + 1 : day);
	} else {
		table_cell(t, "-");
	}
	const next_actions *nx = w->next;
	while (w->i < nx->n && nx->v[w->i].app < a->id)
		w->i++;
	if (w->i < nx->n && nx->v[w->i].app == a->id) {
		const next_action *x = &nx->v[w->i];
		fu_action_state_t s = (fu_action_state_t)x->state;
		table_color(t, s == FU_STATE_OVERDUE ? cli_c(c, C_RED)
			    : s == FU_STATE_DUE ? cli_c(c, C_YELLOW) : "");
		char rel[FU_REL_LEN];
		const char *kind = fu_action_kind_name((fu_action_kind)x->kind);
		/* not yet open: when it opens; else when it is due */
		snprintf(wb, sizeof wb, "%s %s %s", kind ? kind : "unknown",
			 s == FU_STATE_UPCOMING ? "opens" : "due",
			 fu_time_relative(rel, s == FU_STATE_UPCOMING
					  ? x->not_before : x->due, c->now));
		table_cell2(t, wb, kind ? kind : "unknown");
	} else {
		table_cell(t, "-");
	}
	return 0;
}

static int list_applications(cli *c, fu_application_filter *f)
{
	list_walk w = { c, NULL, NULL, 0, 0 };
	int lrc;
	if (c->json) {
		lrc = fu_application_each(c->db, f, walk_json, &w);
		if (lrc)
			return lrc < 0 ? cli_lib_fail(c, lrc) : lrc;
		fputs(w.n ? "]\n" : "[]\n", stdout);
		return FU_EXIT_OK;
	}
	next_actions next = { NULL, 0, 0, c->now, c->db };
	fu_action_filter af = { 0 };
	af.by_application = 1;
	int rc = FU_EXIT_OK;
	static const char *const head[] = { "ID", "STAGE", "COMPANY", "ROLE",
					    "APPLIED", "NEXT" };
	w.next = &next;
	w.t = table_new(6);
	for (int i = 0; i < 6; i++)
		table_cell(w.t, head[i]);
	/* on a narrow terminal: the role gives way first, then the
	 * company, then NEXT says only what is next */
	table_cut(w.t, 3, 16);
	table_cut(w.t, 2, 12);
	table_short(w.t, 5);
	table_short(w.t, 4);
	table_cut(w.t, 3, 8);
	table_cut(w.t, 2, 8);
	if ((lrc = fu_action_each(c->db, &af, collect_next, &next)) ||
	    (lrc = fu_application_each(c->db, f, walk_row, &w)))
		rc = cli_lib_fail(c, lrc);
	else if (w.n == 0)
		printf("no %sapplications%s\n",
		       f->status == FU_STATUS_OPEN ? "open " :
		       f->status == FU_STATUS_CLOSED ? "closed " : "",
		       f->status == FU_STATUS_OPEN ? " (fu list --all shows "
		       "closed ones too)" : "");
	else
		term_pager(c), table_print(c, w.t, stdout, 1);
	table_free(w.t);
	free(next.v);
	return rc;
}

static int cmd_list(cli *c, int argc, char **argv)
{
	fu_application_filter f = { .status = FU_STATUS_OPEN };
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
		return cli_help(c);
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
	if ((rc = cli_open(c, CLI_READ)))
		return rc;
	return contacts ? list_contacts(c, f.company)
			: list_applications(c, &f);
}

const cmd cmd_list_def = {
	.name = "list",
	.fn = cmd_list,
	.summary = "list applications or contacts",
	.usage = "fu list [applications] [--open | --closed | --all | --outcome O] [--company C]\n"
		 "fu list contacts [--company C]",
	.options = list_options,
};
