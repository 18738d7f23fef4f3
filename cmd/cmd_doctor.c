/* SPDX-License-Identifier: MIT */
/* cmd_doctor.c - fu doctor: is the database whole, fu's, current, private? */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/doctor.h"
#include "opt.h"
#include "table.h"

static cJSON *mode_json(unsigned mode)
{
	char m[16];
	if (!mode)
		return cJSON_CreateNull();
	snprintf(m, sizeof m, "%04o", mode & 07777u);
	return cJSON_CreateString(m);
}

static cJSON *count_json(int64_t n)
{
	return n < 0 ? cJSON_CreateNull() : cJSON_CreateNumber((double)n);
}

static cJSON *report_json(const fu_doctor_report *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "path", r->path);
	cJSON_AddStringToObject(o, "status", fu_check_status_name(r->status));
	cJSON_AddBoolToObject(o, "ok", r->status != FU_CHECK_FAIL);
	cJSON_AddBoolToObject(o, "exists", r->exists);
	cJSON_AddBoolToObject(o, "busy", r->busy);
	cJSON_AddItemToObject(o, "size", count_json(r->size));
	cJSON_AddItemToObject(o, "file_mode", mode_json(r->file_mode));
	cJSON_AddItemToObject(o, "directory_mode", mode_json(r->dir_mode));
	cJSON_AddItemToObject(o, "schema_version",
			      count_json(r->schema_version));
	cJSON_AddNumberToObject(o, "schema_expected", FU_SCHEMA_VERSION);
	cJSON_AddItemToObject(o, "application_id",
			      count_json(r->application_id));
	if (r->applications >= 0) {
		cJSON *n = cJSON_CreateObject();
		cJSON_AddItemToObject(n, "applications",
				      count_json(r->applications));
		cJSON_AddItemToObject(n, "contacts", count_json(r->contacts));
		cJSON_AddItemToObject(n, "events", count_json(r->events));
		cJSON_AddItemToObject(n, "actions", count_json(r->actions));
		cJSON_AddItemToObject(o, "counts", n);
	} else {
		cJSON_AddNullToObject(o, "counts");
	}
	cJSON *checks = cJSON_AddArrayToObject(o, "checks");
	for (size_t i = 0; i < r->nchecks; i++) {
		cJSON *k = cJSON_CreateObject();
		cJSON_AddStringToObject(k, "check", r->checks[i].name);
		cJSON_AddStringToObject(k, "status",
			fu_check_status_name(r->checks[i].status));
		cJSON_AddStringToObject(k, "detail", r->checks[i].detail);
		cJSON_AddItemToArray(checks, k);
	}
	return o;
}

static void report_human(cli *c, const fu_doctor_report *r)
{
	static const char *const colors[] = { C_GREEN, C_YELLOW, C_RED };
	table *t = table_new(3);
	table_color(t, cli_c(c, C_BOLD));
	table_cell(t, "database");
	table_cell(t, "");
	table_cell(t, r->path);
	for (size_t i = 0; i < r->nchecks; i++) {
		const fu_check *k = &r->checks[i];
		table_color(t, cli_c(c, colors[k->status]));
		table_cell(t, fu_check_status_name(k->status));
		table_cell(t, k->name);
		table_cell(t, k->detail);
	}
	table_print(c, t, stdout, 0);
	table_free(t);
	size_t warn = 0;
	for (size_t i = 0; i < r->nchecks; i++)
		warn += r->checks[i].status == FU_CHECK_WARN;
	if (r->status == FU_CHECK_OK)
		printf("all is well\n");
	else if (r->status == FU_CHECK_WARN)
		printf("usable, with %zu warning%s\n", warn,
		       warn == 1 ? "" : "s");
}

static int cmd_doctor(cli *c, int argc, char **argv)
{
	const char *arg;
	opt_state st;
	int id;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, NULL, &arg)) != OPT_END) {
		if (id == OPT_ERROR)
			return FU_EXIT_USAGE;
		return cli_usage_fail(c, "unexpected '%s'", arg);
	}
	if (c->help) {
		return cli_help(c);
	}
	cli_colors(c);
	fu_doctor_report *r = NULL;
	if (fu_doctor_check(&r, c->db_path) != FU_OK)
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	int rc = FU_EXIT_OK;
	if (c->json)
		rc = cli_json(c, report_json(r));
	else
		report_human(c, r);
	if (!rc && r->status == FU_CHECK_FAIL) {
		/* the report is on stdout; one line on stderr says why */
		const fu_check *k = NULL;
		for (size_t i = 0; i < r->nchecks && !k; i++)
			if (r->checks[i].status == FU_CHECK_FAIL)
				k = &r->checks[i];
		rc = cli_fail(r->busy ? FU_EXIT_BUSY : FU_EXIT_DB,
			      "the database is %s: %s: %s",
			      r->busy ? "busy" : "unusable", k->name, k->detail);
	}
	fu_doctor_report_free(r);
	return rc;
}

const cmd cmd_doctor_def = {
	.name = "doctor",
	.fn = cmd_doctor,
	.summary = "check the database: integrity, version, permissions",
	.usage = "fu doctor",
};
