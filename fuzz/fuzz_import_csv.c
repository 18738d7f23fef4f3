/* SPDX-License-Identifier: MIT */
/*
 * fuzz_import_csv.c - libFuzzer harness for the spreadsheet reader:
 * fu_csv_parse() and fu_import_csv() (fu import --csv FILE).
 *
 * Input: byte 0 picks --skip-bad (bit 0) and the separator (bits 1-2:
 * as the header line has it, comma, semicolon, tab); the rest is the
 * file. The parser must give rows whose fields are NUL-terminated, or
 * FU_EINVALID; the import must add everything or, failing, nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/fu.h"
#include "fu/store.h"
#include "fu/transfer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fu_db *db;

static void close_db(void)
{
	fu_db_close(db);
	db = NULL;
}

static void open_db(void)
{
	if (fu_db_open(&db, NULL, FU_OPEN_MEMORY) != FU_OK)
		abort();
	fu_db_set_now(db, 1794214800);
	fu_contact c = { 0 };
	c.name = "Dana Reyes";
	c.company = "Acme";
	c.email = "dana@acme.example";
	if (fu_contact_add(db, &c) != FU_OK)
		abort();
}

static size_t count_apps(void)
{
	fu_application *list = NULL;
	size_t n = 0;
	if (fu_application_list(&list, &n, db, NULL) != FU_OK)
		abort();
	fu_application_list_free(list, n);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	if (!db) {
		open_db();
		atexit(close_db);
	}
	const char *text = (const char *)data + 1;
	size_t len = size - 1;

	static const int seps[] = { 0, FU_IMPORT_COMMA, FU_IMPORT_SEMICOLON,
				    FU_IMPORT_TAB };
	static const char sepc[] = { 0, ',', ';', '\t' };
	int sep = data[0] >> 1 & 3;
	fu_csv *csv = NULL;
	int rc = fu_csv_parse_sep(&csv, db, text, len, sepc[sep]);
	if (rc == FU_OK) {
		for (size_t i = 0; i < csv->nrows; i++)
			for (size_t j = 0; j < csv->rows[i].nfields; j++)
				(void)strlen(csv->rows[i].fields[j]);
		fu_csv_free(csv);
	} else if (rc != FU_EINVALID || csv) {
		abort();
	}

	int flags = (data[0] & 1 ? FU_IMPORT_SKIP_BAD : 0) | seps[sep];
	fu_csv_report rep;
	memset(&rep, 0, sizeof rep);
	rc = fu_import_csv(db, text, len, flags, &rep);
	size_t added = rep.applications;
	fu_csv_report_clear(&rep);
	if (rc == FU_OK) {
		if (count_apps() != added)
			abort();
		fu_db_close(db);
		open_db();
		return 0;
	}
	if (rc != FU_EINVALID) {
		fprintf(stderr, "unexpected %d: %s\n", rc, fu_errmsg(db));
		abort();
	}
	if (count_apps() != 0) {
		fprintf(stderr, "a failed import added applications\n");
		abort();
	}
	return 0;
}
