/* SPDX-License-Identifier: MIT */
/* cmd_show.c - fu show REF: an application or a contact, with its history */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/buf.h"
#include "fu/date.h"
#include "fu/json.h"
#include "opt.h"
#include "term.h"

/* User text into b, made safe for the terminal (cli_clean). */
static void put_clean(fu_buf *b, const char *s)
{
	char *t = cli_clean(s);
	fu_buf_puts(b, t ? t : "");
	free(t);
}

/* "  label      value", wrapped under the value on a narrow terminal */
static void field(cli *c, const char *label, const char *value)
{
	if (!value)
		return;
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "  %s%-10s%s ", cli_c(c, C_DIM), label,
		      cli_c(c, C_RESET));
	put_clean(&b, value);
	term_wrap(c, stdout, b.data, 13);
	fu_buf_free(&b);
}

/* The identifiers (uuid.h), the same on every machine: the record's,
 * and its company's */
static void identifiers(cli *c, const char *uuid, const char *company_uuid)
{
	field(c, "id", *uuid ? uuid : NULL);
	field(c, "company id", *company_uuid ? company_uuid : NULL);
}

/* ... and in --json beside the record's "uuid" */
static void json_company_uuid(cJSON *o, const char *company_uuid)
{
	if (o && *company_uuid)
		cJSON_AddStringToObject(o, "company_uuid", company_uuid);
}

static char *contact_name(cli *c, int64_t id)
{
	fu_contact *p = NULL;
	char *name = NULL;
	if (fu_contact_get(&p, c->db, id) == FU_OK) {
		name = p->name;
		p->name = NULL;
	}
	fu_contact_free(p);
	return name ? name : strdup("?");
}

/* One event of the history on a line (continued under the kind). */
static void print_event_line(cli *c, const fu_event *e, int64_t self)
{
	char h[FU_HUMAN_LEN];
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "  %s%-22s%s %-14s", cli_c(c, C_DIM),
		      fu_time_human(h, e->at, c->now, 1), cli_c(c, C_RESET),
		      fu_event_kind_name(e->kind));
	if (e->kind == FU_EV_CLOSED)
		fu_buf_printf(&b, " as %s", fu_outcome_name(e->outcome));
	if (e->application_id && self != e->application_id) {
		fu_application *a = NULL;
		if (fu_application_get(&a, c->db, e->application_id) == FU_OK) {
			fu_buf_printf(&b, " on %lld ", (long long)a->id);
			put_clean(&b, a->company);
		}
		fu_application_free(a);
	}
	for (size_t i = 0; i < e->nwith; i++) {
		char *n = contact_name(c, e->with[i]);
		fu_buf_puts(&b, i ? ", " : " with ");
		put_clean(&b, n);
		free(n);
	}
	if (e->channel == FU_CH_IN_PERSON)
		fu_buf_puts(&b, " in person");
	else if (e->channel)
		fu_buf_printf(&b, " by %s", fu_channel_name(e->channel));
	if (e->occasion) {
		fu_buf_puts(&b, " at ");
		put_clean(&b, e->occasion);
	}
	if (e->expect_at)
		fu_buf_printf(&b, "; they expect to answer by %s",
			      fu_time_human(h, e->expect_at, c->now, 0));
	if (e->until_at)
		fu_buf_printf(&b, "; until %s",
			      fu_time_human(h, e->until_at, c->now, 0));
	if (e->action) {
		fu_buf_puts(&b, " (");
		put_clean(&b, e->action);
		fu_buf_puts(&b, ")");
	}
	if (e->urgent && e->because) {
		fu_buf_puts(&b, " (urgent: ");
		put_clean(&b, e->because);
		fu_buf_puts(&b, ")");
	} else if (e->urgent) {
		fu_buf_puts(&b, " (urgent)");
	}
	for (size_t i = 0; i < e->ntopics; i++) {
		fu_buf_puts(&b, i ? "; " : " - ");
		if (e->topic_with && e->topic_with[i]) {
			char *n = contact_name(c, e->topic_with[i]);
			put_clean(&b, n);
			fu_buf_puts(&b, ": ");
			free(n);
		}
		put_clean(&b, e->topics[i]);
	}
	if (e->note) {
		fu_buf_puts(&b, " - ");
		put_clean(&b, e->note);
	}
	fu_buf_printf(&b, "  %s#%lld%s", cli_c(c, C_DIM), (long long)e->id,
		      cli_c(c, C_RESET));
	term_wrap(c, stdout, b.data, 25);
	fu_buf_free(&b);
}

static void print_actions(cli *c, const fu_action_row *rows, size_t n)
{
	printf("%sowed%s\n", cli_c(c, C_BOLD), cli_c(c, C_RESET));
	if (!n)
		printf("  nothing\n");
	for (size_t i = 0; i < n; i++) {
		char w[96];
		fu_buf b = FU_BUF_INIT;
		fu_action_state_t s = fu_action_state(&rows[i].a, c->now);
		fu_buf_printf(&b, "  %s%-8s%s %s", s == FU_STATE_OVERDUE ?
			      cli_c(c, C_RED) : s == FU_STATE_DUE ?
			      cli_c(c, C_YELLOW) : "", fu_action_state_name(s),
			      cli_c(c, C_RESET),
			      fu_action_kind_name(rows[i].a.kind));
		if (rows[i].contact_name) {
			fu_buf_puts(&b, " to ");
			put_clean(&b, rows[i].contact_name);
		}
		if (rows[i].a.channel)
			fu_buf_printf(&b, " by %s",
				      fu_channel_name(rows[i].a.channel));
		fu_buf_printf(&b, ", due %s",
			      cli_when(w, sizeof w, c, rows[i].a.due, 1));
		term_wrap(c, stdout, b.data, 11);
		fu_buf_clear(&b);
		fu_buf_printf(&b, "           %s", cli_c(c, C_DIM));
		put_clean(&b, rows[i].a.reason);
		fu_buf_puts(&b, cli_c(c, C_RESET));
		term_wrap(c, stdout, b.data, 11);
		fu_buf_free(&b);
	}
}

static cJSON *json_history(const fu_event *ev, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr && i < n; i++)
		cJSON_AddItemToArray(arr, fu_json_event(&ev[i]));
	return arr;
}

static cJSON *json_actions(cli *c, const fu_action_row *rows, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr && i < n; i++)
		cJSON_AddItemToArray(arr, fu_json_action(&rows[i], c->now));
	return arr;
}

static int show_application(cli *c, int64_t id)
{
	fu_application *a = NULL;
	fu_event *ev = NULL;
	fu_action_row *acts = NULL;
	fu_contact *people = NULL;
	size_t nev = 0, nacts = 0, np = 0;
	fu_action_filter f = { 0 };
	f.application_id = id;
	int lrc, rc = FU_EXIT_OK;
	if ((lrc = fu_application_get(&a, c->db, id)) ||
	    (lrc = fu_event_list(&ev, &nev, c->db, id, 0)) ||
	    (lrc = fu_action_list(&acts, &nacts, c->db, &f))) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	if ((rc = cli_people(c, &people, &np, a)))
		goto done;
	if (c->json) {
		cJSON *o = fu_json_application(a, people, np);
		json_company_uuid(o, a->company_uuid);
		if (o) {
			cJSON_AddItemToObject(o, "events", json_history(ev, nev));
			cJSON_AddItemToObject(o, "actions",
					      json_actions(c, acts, nacts));
		}
		rc = cli_json(c, o);
		goto done;
	}
	char h[FU_HUMAN_LEN], rel[FU_REL_LEN], line[160];
	term_pager(c);
	fu_buf title = FU_BUF_INIT;
	fu_buf_printf(&title, "%s%lld ", cli_c(c, C_BOLD), (long long)a->id);
	put_clean(&title, a->company);
	fu_buf_puts(&title, ", ");
	put_clean(&title, a->role);
	fu_buf_printf(&title, "%s  [%s]", cli_c(c, C_RESET),
		      fu_application_stage_name(a));
	term_wrap(c, stdout, title.data, 4);
	fu_buf_free(&title);
	if (a->applied_at) {
		snprintf(line, sizeof line, "%s (%s)%s%s",
			 fu_time_human(h, a->applied_at, c->now, 0),
			 fu_time_relative(rel, a->applied_at, c->now),
			 a->source ? " via " : "",
			 a->source ? fu_source_name(a->source) : "");
		field(c, "applied", line);
	} else {
		field(c, "applied", "not yet");
	}
	if (a->outcome) {
		snprintf(line, sizeof line, "%s on %s",
			 fu_outcome_name(a->outcome),
			 fu_time_human(h, a->closed_at, c->now, 0));
		field(c, "closed", line);
	}
	field(c, "url", a->url);
	if (a->no_calls || a->no_follow_up) {
		snprintf(line, sizeof line, "%s%s%s",
			 a->no_calls ? "no calls" : "",
			 a->no_calls && a->no_follow_up ? ", " : "",
			 a->no_follow_up ? "do not follow up" : "");
		field(c, "posting", line);
	}
	field(c, "notes", a->notes);
	for (size_t i = 0; i < np; i++) {
		fu_buf b = FU_BUF_INIT;
		fu_buf_printf(&b, "%lld %s", (long long)people[i].id,
			      people[i].name);
		if (people[i].title)
			fu_buf_printf(&b, " (%s)", people[i].title);
		if (people[i].email)
			fu_buf_printf(&b, " <%s>", people[i].email);
		field(c, i ? "" : "contacts", b.data);
		fu_buf_free(&b);
	}
	identifiers(c, a->uuid, a->company_uuid);
	printf("%shistory%s\n", cli_c(c, C_BOLD), cli_c(c, C_RESET));
	for (size_t i = 0; i < nev; i++)
		print_event_line(c, &ev[i], id);
	print_actions(c, acts, nacts);
done:
	cli_people_free(people, np);
	fu_action_list_free(acts, nacts);
	fu_event_list_free(ev, nev);
	fu_application_free(a);
	return rc;
}

static int show_contact(cli *c, int64_t id)
{
	fu_contact *p = NULL;
	fu_event *ev = NULL;
	fu_action_row *acts = NULL;
	fu_application *apps = NULL;
	size_t nev = 0, nacts = 0, napps = 0;
	fu_action_filter f = { 0 };
	fu_application_filter af = { .contact_id = id };
	f.contact_id = id;
	int lrc, rc = FU_EXIT_OK;
	if ((lrc = fu_contact_get(&p, c->db, id)) ||
	    (lrc = fu_event_list(&ev, &nev, c->db, 0, id)) ||
	    (lrc = fu_action_list(&acts, &nacts, c->db, &f)) ||
	    (lrc = fu_application_list(&apps, &napps, c->db, &af))) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	if (c->json) {
		cJSON *o = fu_json_contact(p);
		json_company_uuid(o, p->company_uuid);
		if (o) {
			cJSON *arr = cJSON_AddArrayToObject(o, "applications");
			for (size_t i = 0; arr && i < napps; i++) {
				cJSON *x = cJSON_CreateObject();
				cJSON_AddNumberToObject(x, "id", (double)apps[i].id);
				cJSON_AddStringToObject(x, "company", apps[i].company);
				cJSON_AddStringToObject(x, "role", apps[i].role);
				cJSON_AddStringToObject(x, "stage",
						fu_application_stage_name(&apps[i]));
				cJSON_AddItemToArray(arr, x);
			}
			cJSON_AddItemToObject(o, "events", json_history(ev, nev));
			cJSON_AddItemToObject(o, "actions",
					      json_actions(c, acts, nacts));
		}
		rc = cli_json(c, o);
		goto done;
	}
	term_pager(c);
	fu_buf title = FU_BUF_INIT;
	fu_buf_printf(&title, "%s%lld ", cli_c(c, C_BOLD), (long long)p->id);
	put_clean(&title, p->name);
	fu_buf_puts(&title, cli_c(c, C_RESET));
	term_wrap(c, stdout, title.data, 4);
	fu_buf_free(&title);
	field(c, "company", p->company);
	field(c, "title", p->title);
	field(c, "email", p->email);
	field(c, "phone", p->phone);
	field(c, "address", p->address);
	field(c, "prefers", fu_channel_name(p->prefers));
	if (p->no_calls || p->social_ok) {
		char line[64];
		snprintf(line, sizeof line, "%s%s%s", p->no_calls ? "no calls" : "",
			 p->no_calls && p->social_ok ? ", " : "",
			 p->social_ok ? "fine with social media" : "");
		field(c, "contact", line);
	}
	field(c, "notes", p->notes);
	for (size_t i = 0; i < napps; i++) {
		char line[512];
		snprintf(line, sizeof line, "%lld %s, %s [%s]",
			 (long long)apps[i].id, apps[i].company, apps[i].role,
			 fu_application_stage_name(&apps[i]));
		field(c, i ? "" : "for", line);
	}
	identifiers(c, p->uuid, p->company_uuid);
	printf("%shistory%s\n", cli_c(c, C_BOLD), cli_c(c, C_RESET));
	for (size_t i = 0; i < nev; i++)
		print_event_line(c, &ev[i], 0);
	print_actions(c, acts, nacts);
done:
	fu_application_list_free(apps, napps);
	fu_action_list_free(acts, nacts);
	fu_event_list_free(ev, nev);
	fu_contact_free(p);
	return rc;
}

static int cmd_show(cli *c, int argc, char **argv)
{
	const char *ref = NULL, *arg;
	opt_state st;
	int id, rc;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, NULL, &arg)) != OPT_END) {
		if (id == OPT_ERROR)
			return FU_EXIT_USAGE;
		if (ref)
			return cli_usage_fail(c, "one thing at a time; unexpected "
					      "'%s'", arg);
		ref = arg;
	}
	if (c->help) {
		return cli_help(c);
	}
	if (!ref)
		return cli_usage_fail(c, "missing what to show (REF)");
	fu_ref r;
	if ((rc = cli_open(c, CLI_READ)) || (rc = cli_ref(c, &r, ref, FU_REF_ANY)))
		return rc;
	return r.type == FU_REF_APPLICATION ? show_application(c, r.id)
					    : show_contact(c, r.id);
}

const cmd cmd_show_def = {
	.name = "show",
	.fn = cmd_show,
	.summary = "an application or a contact, with its history",
	.usage = "fu show REF",
};
