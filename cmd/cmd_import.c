/* SPDX-License-Identifier: MIT */
/* cmd_import.c - fu import: read an export, or a spreadsheet (CSV) */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fu/buf.h"
#include "fu/transfer.h"
#include "opt.h"

enum { O_MERGE = 1, O_CSV, O_SKIP_BAD, O_SEPARATOR };

static const opt_spec import_options[] = {
	{ "merge", 0, NULL, O_MERGE,
	  "add the export to the data already there" },
	{ "csv", 0, NULL, O_CSV, "FILE is a spreadsheet (CSV), not an export" },
	{ "skip-bad", 0, NULL, O_SKIP_BAD,
	  "with --csv: import the good rows and list the bad ones" },
	{ "separator", 0, "SEP", O_SEPARATOR,
	  "with --csv: the columns are separated by SEP: comma, semicolon "
	  "or tab (default: as the header line has them)" },
	{ NULL, 0, NULL, 0, NULL }
};

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* On a terminal, how far a long import has gone, on one line of
 * standard error that the next overwrites (and the end clears). */
static void progress(void *arg, const char *stage, uint64_t done,
		     uint64_t total)
{
	int *shown = arg;
	if (total)
		fprintf(stderr, "\rfu: %s: %3d%% (%llu of %llu MB)   ", stage,
			(int)(done * 100 / total),
			(unsigned long long)(done >> 20),
			(unsigned long long)(total >> 20));
	else if (done)
		fprintf(stderr, "\rfu: %s: %llu MB   ", stage,
			(unsigned long long)(done >> 20));
	else
		fprintf(stderr, "\rfu: %s ...%30s", stage, "");
	*shown = 1;
}

static void progress_end(int shown)
{
	if (shown)
		fprintf(stderr, "\r%70s\r", "");
}

static int import_json(cli *c, FILE *in, int merge)
{
	fu_import_report rep;
	int shown = 0;
	int lrc = fu_import_json_file(c->db, in, merge ? FU_IMPORT_MERGE : 0,
				      &rep, isatty(STDERR_FILENO) ? progress
				      : NULL, &shown);
	progress_end(shown);
	if (lrc)
		return cli_fail(cli_exit_for(lrc), "import: %s",
				fu_errmsg(c->db));
	if (c->json) {
		cJSON *o = cJSON_CreateObject();
		if (o) {
			cJSON_AddNumberToObject(o, "companies", (double)rep.companies);
			cJSON_AddNumberToObject(o, "contacts", (double)rep.contacts);
			cJSON_AddNumberToObject(o, "contacts_matched",
						(double)rep.contacts_matched);
			cJSON_AddNumberToObject(o, "applications",
						(double)rep.applications);
			cJSON_AddNumberToObject(o, "applications_matched",
						(double)rep.applications_matched);
			cJSON_AddNumberToObject(o, "events", (double)rep.events);
			cJSON_AddNumberToObject(o, "events_matched",
						(double)rep.events_matched);
			cJSON_AddNumberToObject(o, "config", (double)rep.config);
		}
		return cli_json(c, o);
	}
	printf("%s %zu %s, %zu %s and %zu %s", merge ? "added" : "imported",
	       rep.applications, plural(rep.applications, "application",
					"applications"),
	       rep.contacts, plural(rep.contacts, "contact", "contacts"),
	       rep.events, plural(rep.events, "event", "events"));
	/* "(3 applications, 3 contacts and 10 events were already there)" */
	size_t there[3] = { rep.applications_matched, rep.contacts_matched,
			    rep.events_matched };
	static const char *const one[3] = { "application", "contact", "event" };
	static const char *const many[3] = { "applications", "contacts",
					     "events" };
	size_t nthere = 0, said = 0;
	for (int i = 0; i < 3; i++)
		nthere += there[i] > 0;
	for (int i = 0; i < 3; i++) {
		if (!there[i])
			continue;
		printf("%s%zu %s", !said ? " (" : said + 1 == nthere ? " and "
		       : ", ", there[i], plural(there[i], one[i], many[i]));
		said++;
	}
	if (said)
		printf(" %s already there)", said == 1 && there[0] + there[1] +
		       there[2] == 1 ? "was" : "were");
	if (rep.config)
		printf("; %zu %s", rep.config, plural(rep.config, "setting",
						      "settings"));
	printf("\n");
	return FU_EXIT_OK;
}

/* --separator: the flag for SEP, or -1. */
static int separator_flag(const char *sep)
{
	if (!strcmp(sep, ",") || !strcmp(sep, "comma"))
		return FU_IMPORT_COMMA;
	if (!strcmp(sep, ";") || !strcmp(sep, "semicolon"))
		return FU_IMPORT_SEMICOLON;
	if (!strcmp(sep, "\t") || !strcmp(sep, "tab") || !strcmp(sep, "\\t"))
		return FU_IMPORT_TAB;
	return -1;
}

static int import_csv(cli *c, FILE *in, int flags)
{
	fu_csv_report rep;
	int shown = 0;
	int lrc = fu_import_csv_file(c->db, in, flags, &rep,
				     isatty(STDERR_FILENO) ? progress : NULL,
				     &shown);
	progress_end(shown);
	int rc = FU_EXIT_OK;
	if (lrc) {
		rc = cli_fail(cli_exit_for(lrc), "import: %s", fu_errmsg(c->db));
		fu_csv_report_clear(&rep);
		return rc;
	}
	if (rep.nunknown) {
		fu_buf cols = FU_BUF_INIT;
		for (size_t i = 0; i < rep.nunknown; i++)
			fu_buf_printf(&cols, "%s'%s'", i ? ", " : "",
				      rep.unknown_columns[i]);
		cli_fail(0, "warning: ignored %s %s (fu reads company, role, "
			 "applied, contact, email, status, source, url, notes)",
			 plural(rep.nunknown, "column", "columns"), cols.data);
		fu_buf_free(&cols);
	}
	for (size_t i = 0; i < rep.nbad; i++)
		cli_fail(0, "skipped %s", rep.bad[i].message);
	if (rep.skipped > rep.nbad)
		cli_fail(0, "skipped %zu more bad rows", rep.skipped - rep.nbad);
	if (c->json) {
		cJSON *o = cJSON_CreateObject();
		if (o) {
			cJSON_AddNumberToObject(o, "rows", (double)rep.rows);
			cJSON_AddNumberToObject(o, "applications",
						(double)rep.applications);
			cJSON_AddNumberToObject(o, "contacts_created",
						(double)rep.contacts_created);
			cJSON_AddNumberToObject(o, "contacts_reused",
						(double)rep.contacts_reused);
			cJSON *u = cJSON_AddArrayToObject(o, "ignored_columns");
			for (size_t i = 0; u && i < rep.nunknown; i++)
				cJSON_AddItemToArray(u, cJSON_CreateString(
					rep.unknown_columns[i]));
			cJSON_AddNumberToObject(o, "skipped_rows",
						(double)rep.skipped);
			cJSON *s = cJSON_AddArrayToObject(o, "skipped");
			for (size_t i = 0; s && i < rep.nbad; i++) {
				cJSON *r = cJSON_CreateObject();
				if (!r)
					break;
				cJSON_AddNumberToObject(r, "line",
							(double)rep.bad[i].line);
				cJSON_AddStringToObject(r, "error",
							rep.bad[i].message);
				cJSON_AddItemToArray(s, r);
			}
		}
		rc = cli_json(c, o);
	} else {
		printf("imported %zu %s from %zu %s", rep.applications,
		       plural(rep.applications, "application", "applications"),
		       rep.rows, plural(rep.rows, "row", "rows"));
		if (rep.contacts_created || rep.contacts_reused)
			printf(" (%zu new %s, %zu already known)",
			       rep.contacts_created,
			       plural(rep.contacts_created, "contact", "contacts"),
			       rep.contacts_reused);
		if (rep.skipped)
			printf("; skipped %zu bad %s", rep.skipped,
			       plural(rep.skipped, "row", "rows"));
		printf("\n");
	}
	fu_csv_report_clear(&rep);
	return rc;
}

static int cmd_import(cli *c, int argc, char **argv)
{
	const char *file = NULL, *arg, *sep = NULL;
	int merge = 0, csv = 0, skip_bad = 0, id, rc;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, import_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			if (file)
				return cli_usage_fail(c, "unexpected '%s' (one "
						      "file at a time)", arg);
			file = arg;
			break;
		case O_MERGE: merge = 1; break;
		case O_CSV: csv = 1; break;
		case O_SKIP_BAD: skip_bad = 1; break;
		case O_SEPARATOR: sep = arg; break;
		}
	}
	if (c->help) {
		return cli_help(c);
	}
	if (!file)
		return cli_usage_fail(c, "missing the FILE to import ('-' "
				      "reads standard input)");
	if (merge && csv)
		return cli_usage_fail(c, "--merge is for exports; a CSV import "
				      "always adds to what is there");
	if (skip_bad && !csv)
		return cli_usage_fail(c, "--skip-bad is for --csv");
	if (sep && !csv)
		return cli_usage_fail(c, "--separator is for --csv");
	int flags = skip_bad ? FU_IMPORT_SKIP_BAD : 0;
	if (sep) {
		int f = separator_flag(sep);
		if (f < 0)
			return cli_fail(FU_EXIT_INVALID, "--separator takes "
					"comma, semicolon or tab, not '%s'", sep);
		flags |= f;
	}
	/* streamed: read a record at a time, whatever the size */
	FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (!in)
		return cli_fail(FU_EXIT_FAILURE, "cannot read '%s': %s", file,
				strerror(errno));
	if ((rc = cli_open(c, CLI_WRITE)) == FU_EXIT_OK)
		rc = csv ? import_csv(c, in, flags) : import_json(c, in, merge);
	if (in != stdin)
		fclose(in);
	return rc;
}

const cmd cmd_import_def = {
	.name = "import",
	.fn = cmd_import,
	.summary = "read an export, or a spreadsheet (CSV)",
	.usage = "fu import FILE [--merge]\n"
		 "fu import --csv FILE [--skip-bad] [--separator SEP]",
	.options = import_options,
};
