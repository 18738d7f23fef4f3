/* SPDX-License-Identifier: MIT */
/*
 * fuzz_import_json.c - libFuzzer harness for fu_import_json(), the
 * reader of fu export's document (fu import FILE).
 *
 * Input: byte 0 picks the flags (a fresh database, or --merge into one
 * that holds data); the rest is the file. An import is one transaction:
 * when it fails, the database must be exactly as it was; when it
 * succeeds, the result must export again.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "fu/fu.h"
#include "fu/store.h"
#include "fu/transfer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fu_db *empty_db, *full_db;
static char *empty_export, *full_export;

static void close_dbs(void)
{
	fu_db_close(empty_db);
	fu_db_close(full_db);
	free(empty_export);
	free(full_export);
	empty_db = full_db = NULL;
}

static char *export_text(fu_db *db)
{
	cJSON *doc = NULL;
	if (fu_export_json(&doc, db) != FU_OK)
		abort();
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
	if (!with_data)
		return db;
	fu_contact c = { 0 };
	c.name = "Dana Reyes";
	c.company = "Acme";
	c.email = "dana@acme.example";
	if (fu_contact_add(db, &c) != FU_OK)
		abort();
	fu_application a = { 0 };
	a.company = "Acme";
	a.role = "Backend Engineer";
	a.contact_ids = &c.id;
	a.ncontacts = 1;
	if (fu_application_add(db, &a, 1793610000) != FU_OK)
		abort();
	return db;
}

static void setup(void)
{
	empty_db = open_db(0);
	full_db = open_db(1);
	empty_export = export_text(empty_db);
	full_export = export_text(full_db);
	atexit(close_dbs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	if (!empty_db)
		setup();
	int merge = data[0] & 1;
	fu_db **db = merge ? &full_db : &empty_db;
	char **before = merge ? &full_export : &empty_export;
	fu_import_report rep;
	memset(&rep, 0, sizeof rep);
	int rc = fu_import_json(*db, (const char *)data + 1, size - 1,
				merge ? FU_IMPORT_MERGE : 0, &rep);
	if (rc == FU_OK) {
		/* whatever was imported exports again; start afresh */
		free(export_text(*db));
		fu_db_close(*db);
		*db = open_db(merge);
		return 0;
	}
	if (rc != FU_EINVALID && rc != FU_EEXISTS) {
		fprintf(stderr, "unexpected %d: %s\n", rc, fu_errmsg(*db));
		abort();
	}
	if (!fu_errmsg(*db)[0])
		abort();
	/* all or nothing: a failed import left no trace (the whole export
	 * is compared now and then; the counts always) */
	static unsigned failures;
	fu_application *apps = NULL;
	fu_contact *people = NULL;
	size_t napps = 0, npeople = 0;
	if (fu_application_list(&apps, &napps, *db, NULL) != FU_OK ||
	    fu_contact_list(&people, &npeople, *db, NULL) != FU_OK)
		abort();
	fu_application_list_free(apps, napps);
	fu_contact_list_free(people, npeople);
	if (napps != (size_t)merge || npeople != (size_t)merge) {
		fprintf(stderr, "a failed import added records\n");
		abort();
	}
	if (failures++ % 16 == 0) {
		char *after = export_text(*db);
		if (strcmp(after, *before) != 0) {
			fprintf(stderr, "a failed import changed the database\n");
			abort();
		}
		free(after);
	}
	return 0;
}
