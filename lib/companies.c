/* SPDX-License-Identifier: MIT */
/*
 * companies.c - the companies table: one row per employer name (unique
 * whatever its case), found or created when a contact or an application
 * names it. Its identifier is its name's (uuid.h), the same on every
 * machine.
 */
#include "fu/uuid.h"
#include "internal.h"

int fu__company_id(fu_db *db, int64_t *out, const char *name, int64_t id,
		   int64_t created)
{
	*out = 0;
	if (!name)
		return FU_OK;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st,
		"INSERT INTO companies (id, name, fold, created_at, uuid) "
		"VALUES (?1, ?2, fu_fold(?2), ?3, ?4) "
		"ON CONFLICT (name) DO UPDATE SET uuid = "
		"coalesce(uuid, excluded.uuid) RETURNING id");
	if (rc)
		return rc;
	char uuid[FU_UUID_LEN];
	fu_uuid_company(uuid, name);
	fu__bind_time(st, 1, id);
	fu__bind_text(st, 2, name);
	sqlite3_bind_int64(st, 3, created ? created : db->now);
	fu__bind_text(st, 4, uuid);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = fu__sqlerr(db, src, "cannot record the company");
	sqlite3_finalize(st);
	if (!rc && (*out < 1 || *out > FU_ID_MAX))
		rc = fu__bad_row(db, "a company", *out, "the number", *out);
	return rc;
}

int fu__company_count(fu_db *db, int64_t *out)
{
	return fu__query_int64(db, out, "SELECT count(*) FROM companies", 0);
}

int fu__company_each(fu_db *db, int (*fn)(const fu__company *co, void *arg),
		     void *arg)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT id, name, created_at FROM "
			     "companies ORDER BY id");
	if (rc)
		return rc;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		fu__company co = {
			sqlite3_column_int64(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			fu__col_time(st, 2),
		};
		if ((rc = fu__check_row_id(db, "a company", co.id)) ||
		    (rc = fu__check_row_time(db, "company", co.id,
					     "its record time", co.created_at,
					     1)) ||
		    (rc = fn(&co, arg)))
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}
