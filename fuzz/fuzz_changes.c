/* SPDX-License-Identifier: MIT */
/*
 * fuzz_changes.c - libFuzzer harness for the reader of fu sync's change
 * files (fu_changes_parse) and for applying one (fu_sync_apply), the
 * files other machines push: hostile input.
 *
 * Input: byte 0 picks the database the file is applied to (bit 0: one
 * that holds a contact and an application, else an empty one); the
 * rest is the change file. The reader answers 0, or FU_ECHANGES with a
 * message; applying answers 0, or FU_ECHANGES with the records exactly
 * as they were (a file is applied whole or not at all).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "fu/changes.h"
#include "fu/fu.h"
#include "fu/store.h"
#include "fu/sync.h"
#include "fu/transfer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fu_db *dbs[2];
static char *exports[2];

static void close_dbs(void)
{
	for (int i = 0; i < 2; i++) {
		fu_db_close(dbs[i]);
		free(exports[i]);
		dbs[i] = NULL;
	}
}

static char *export_text(fu_db *db)
{
	cJSON *doc = NULL;
	if (fu_export_json(&doc, db) != FU_OK)
		abort();
	/* the time of the export is not the records' */
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "exported");
	char *s = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	if (!s)
		abort();
	char *copy = strdup(s);
	cJSON_free(s);
	return copy;
}

static fu_db *open_db(int with_data)
{
	fu_db *db = NULL;
	if (fu_db_open(&db, NULL, FU_OPEN_MEMORY) != FU_OK)
		abort();
	fu_db_set_now(db, 1794214800);
	if (with_data) {
		fu_contact c = { 0 };
		c.name = "Dana Reyes";
		c.company = "Acme";
		if (fu_contact_add(db, &c) != FU_OK)
			abort();
		fu_application a = { 0 };
		a.company = "Acme";
		a.role = "Backend Engineer";
		a.contact_ids = &c.id;
		a.ncontacts = 1;
		if (fu_application_add(db, &a, 1793610000) != FU_OK)
			abort();
	}
	if (fu_sync_enable(db, "00000000-0000-4000-8000-000000000001",
			   "fuzz") != FU_OK)
		abort();
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	if (!dbs[0]) {
		for (int i = 0; i < 2; i++) {
			dbs[i] = open_db(i);
			exports[i] = export_text(dbs[i]);
		}
		atexit(close_dbs);
	}
	int k = data[0] & 1;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;

	char err[512];
	fu_changes *c = NULL;
	int rc = fu_changes_parse(&c, text, len, err, sizeof err);
	if (rc == FU_OK) {
		if (!c || !fu_changes_device(c) || !fu_changes_name(c) ||
		    fu_changes_file(c) < 1)
			abort();
		(void)fu_changes_transactions(c);
		(void)fu_changes_records(c);
	} else if (rc != FU_ECHANGES || c || !err[0]) {
		fprintf(stderr, "parse: unexpected %d\n", rc);
		abort();
	}
	fu_changes_free(c);

	fu_sync_report *rep = NULL;
	rc = fu_sync_apply(dbs[k], &text, &len, 1, &rep);
	fu_sync_report_free(rep);
	if (rc == FU_OK) {
		/* what was applied exports again; start afresh */
		free(export_text(dbs[k]));
		fu_db_close(dbs[k]);
		dbs[k] = open_db(k);
		free(exports[k]);
		exports[k] = export_text(dbs[k]); /* new identifiers */
		return 0;
	}
	if (rc != FU_ECHANGES || !fu_errmsg(dbs[k])[0]) {
		fprintf(stderr, "apply: unexpected %d: %s\n", rc,
			fu_errmsg(dbs[k]));
		abort();
	}
	char *after = export_text(dbs[k]);
	if (strcmp(after, exports[k]) != 0) {
		fprintf(stderr, "a file refused changed the records\n");
		abort();
	}
	free(after);
	return 0;
}
