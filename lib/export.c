/* SPDX-License-Identifier: MIT */
/*
 * export.c - the whole database as one JSON document (fu export): each
 * record read through its table's owner and written in json.c's shape,
 * in one read transaction, so the document is a consistent picture.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/json.h"
#include "fu/transfer.h"
#include "internal.h"

/* Where the records go: into an array of the tree (arr), or written as
 * the elements of that array, a piece at a time (fn). */
typedef struct sink {
	fu_db *db;
	cJSON *arr;
	fu_export_fn fn;
	void *arg;
	size_t n; /* elements written of the current array */
} sink;

static int emit(sink *out, const char *text, size_t len)
{
	if (len && out->fn(text, len, out->arg))
		return fu__error(out->db, FU_ERROR, "cannot write the export");
	return FU_OK;
}

/* Write one element of a top-level array as cJSON_Print prints it
 * inside the whole document: printed in a one-element array under a
 * key of a top-level object, so at the same depth, without what
 * surrounds it. Elements are separated by ", " as cJSON does. */
static int emit_element(sink *out, cJSON *o)
{
	static const char head[] = "{\n\t\"k\":\t[", tail[] = "]\n}";
	cJSON *wrap = cJSON_CreateObject(), *arr = NULL;
	if (wrap && (arr = cJSON_AddArrayToObject(wrap, "k")))
		cJSON_AddItemToArray(arr, o);
	else
		cJSON_Delete(o);
	char *text = arr ? fu_json_print(wrap) : NULL;
	cJSON_Delete(wrap);
	size_t len = text ? strlen(text) : 0;
	int rc = FU_OK;
	if (!text)
		rc = fu__error(out->db, FU_ERROR, "out of memory");
	else if (len < sizeof head + sizeof tail - 2 ||
		 memcmp(text, head, sizeof head - 1) != 0 ||
		 memcmp(text + len - (sizeof tail - 1), tail,
			sizeof tail - 1) != 0)
		rc = fu__error(out->db, FU_ERROR, "cannot lay out the export: "
			       "cJSON printed an element unexpectedly");
	else if (!(rc = emit(out, ", ", out->n++ ? 2 : 0)))
		rc = emit(out, text + sizeof head - 1,
			  len - (sizeof head - 1) - (sizeof tail - 1));
	free(text);
	return rc;
}

/* One record's object (taken): into the tree, or written. */
static int put(sink *out, cJSON *o)
{
	if (!o)
		return fu__error(out->db, FU_ERROR, "out of memory");
	if (!out->fn) {
		cJSON_AddItemToArray(out->arr, o);
		return FU_OK;
	}
	return emit_element(out, o);
}

static int put_company(const fu__company *co, void *arg)
{
	sink *out = arg;
	cJSON *o = cJSON_CreateObject();
	if (o) {
		cJSON_AddNumberToObject(o, "id", (double)co->id);
		cJSON_AddItemToObject(o, "name", co->name
			? cJSON_CreateString(co->name) : cJSON_CreateNull());
		cJSON_AddItemToObject(o, "created", fu_json_time(co->created_at));
	}
	return put(out, o);
}

static int put_contact(const fu_contact *c, void *arg)
{
	return put(arg, fu_json_contact(c));
}

static int put_application(const fu_application *a, void *arg)
{
	return put(arg, fu_json_application_export(a));
}

static int put_event(const fu_event *e, void *arg)
{
	return put(arg, fu_json_event(e));
}

/* The tables of the document, in its order. */
enum { T_COMPANIES, T_CONTACTS, T_APPLICATIONS, T_EVENTS, T__COUNT };
static const char *const table_keys[T__COUNT] = {
	"companies", "contacts", "applications", "events"
};

static int export_table(fu_db *db, int t, sink *out)
{
	static const fu_contact_filter by_number = { .by_number = 1 };
	static const fu_application_filter with_people = { .with_people = 1 };
	switch (t) {
	case T_COMPANIES:
		return fu__company_each(db, put_company, out);
	case T_CONTACTS:
		return fu_contact_each(db, &by_number, put_contact, out);
	case T_APPLICATIONS:
		return fu_application_each(db, &with_people, put_application,
					   out);
	default:
		return fu__event_each(db, 1, put_event, out);
	}
}

/*
 * The document, in one read transaction (a consistent picture): into
 * *tree, or, with fn, written a piece at a time. Then the root holds
 * the tables empty; printed, it is cut where each one's "[]" stands and
 * the rows are written in between, so that memory stays that of one
 * record (fu export at 100k applications built a 2.9 GiB tree).
 */
static int export_doc(fu_db *db, cJSON **tree, fu_export_fn fn, void *arg)
{
	cJSON *root = cJSON_CreateObject();
	char *text = NULL;
	sink out = { db, NULL, fn, arg, 0 };
	if (!root)
		return fu__error(db, FU_ERROR, "out of memory");
	int rc = fu__exec(db, "BEGIN");
	if (rc) {
		cJSON_Delete(root);
		return rc;
	}
	cJSON_AddStringToObject(root, "format", FU_EXPORT_FORMAT);
	cJSON_AddNumberToObject(root, "version", FU_EXPORT_VERSION);
	cJSON_AddItemToObject(root, "exported", fu_json_time(db->now));
	for (int t = 0; t < T__COUNT && !rc; t++) {
		if (!(out.arr = cJSON_AddArrayToObject(root, table_keys[t])))
			rc = fu__error(db, FU_ERROR, "out of memory");
		else if (!fn)
			rc = export_table(db, t, &out);
	}
	if (rc)
		goto done;
	fu_config_entry *cfg = NULL;
	size_t ncfg = 0;
	cJSON *conf = cJSON_AddObjectToObject(root, "config");
	if (!conf) {
		rc = fu__error(db, FU_ERROR, "out of memory");
		goto done;
	}
	if ((rc = fu_config_list(&cfg, &ncfg, db)))
		goto done;
	for (size_t i = 0; i < ncfg; i++)
		cJSON_AddStringToObject(conf, cfg[i].key, cfg[i].value);
	fu_config_list_free(cfg, ncfg);
	if (!fn)
		goto done;
	if (!(text = fu_json_print(root))) {
		rc = fu__error(db, FU_ERROR, "out of memory");
		goto done;
	}
	/* each table's key, with its tab and quotes, is found where it
	 * stands: no string of the document can hold it (cJSON escapes
	 * tabs and quotes), and the tables come before the settings */
	const char *from = text;
	for (int t = 0; t < T__COUNT && !rc; t++) {
		char key[32];
		snprintf(key, sizeof key, "\t\"%s\":\t[]", table_keys[t]);
		const char *at = strstr(from, key);
		if (!at) {
			rc = fu__error(db, FU_ERROR, "cannot write the export");
			break;
		}
		const char *open = at + strlen(key) - 1; /* the "]" */
		out.n = 0;
		if (!(rc = emit(&out, from, (size_t)(open - from))))
			rc = export_table(db, t, &out);
		from = open;
	}
	if (!rc)
		rc = emit(&out, from, strlen(from));
done:
	free(text);
	fu__rollback(db); /* ends the read transaction */
	if (rc || !tree) {
		cJSON_Delete(root);
		return rc;
	}
	*tree = root;
	return FU_OK;
}

int fu_export_json(cJSON **out, fu_db *db)
{
	*out = NULL;
	return export_doc(db, out, NULL, NULL);
}

int fu_export_write(fu_db *db, fu_export_fn fn, void *arg)
{
	return export_doc(db, NULL, fn, arg);
}
