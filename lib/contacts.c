/* SPDX-License-Identifier: MIT */
/*
 * contacts.c - the contacts table: the people the user deals with. It
 * checks a contact as fu add, fu edit and fu import take one, writes
 * and reads its rows, and finds people by number or by name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int fu__check_contact(fu_db *db, const fu_contact *c, const char *base)
{
	int rc;
	if ((rc = fu__check_required(db, base, "name", "the contact's name",
				 c->name, FU__NAME_MAX)) ||
	    (rc = fu__check_field(db, base, "company", "the company", c->company,
			      FU__NAME_MAX, 0)) ||
	    (rc = fu__check_field(db, base, "title", "the title", c->title,
			      FU__FIELD_MAX, 0)) ||
	    (rc = fu__check_email_field(db, base, c->email)) ||
	    (rc = fu__check_field(db, base, "phone", "the phone number",
			      c->phone, FU__FIELD_MAX, 0)) ||
	    (rc = fu__check_field(db, base, "address", "the address", c->address,
			      FU__FIELD_MAX, 1)) ||
	    (rc = fu__check_field(db, base, "notes", "the text of --notes",
			      c->notes, FU__NOTE_MAX, 1)))
		return rc;
	if (c->company && !*c->company)
		return fu__check_required(db, base, "company", "the company",
				      c->company, FU__NAME_MAX);
	if (c->prefers == FU_CH_IN_PERSON || c->prefers == FU_CH_VIDEO ||
	    c->prefers < 0 ||
	    c->prefers >= FU_CH__COUNT)
		return fu__field_error(db, base, "prefers", "a contact can "
				       "prefer email, phone, letter or social");
	/* fu add and fu edit refuse this on their command line first */
	if (c->prefers == FU_CH_PHONE && c->no_calls)
		return base ? fu__field_error(db, base, "prefers", "phone, but "
					      "no_calls is true: they want no "
					      "calls")
			    : fu__error(db, FU_EINVALID, "a contact who takes "
					"no calls cannot prefer the phone");
	return FU_OK;
}

int fu__next_thing_id(fu_db *db, int64_t *out)
{
	int rc = fu__query_int64(db, out,
		"SELECT max(coalesce((SELECT max(id) FROM applications), 0),"
		" coalesce((SELECT max(id) FROM contacts), 0), 0) + 1", 0);
	if (!rc && (*out < 1 || *out > FU_ID_MAX))
		rc = fu__error(db, FU_EDB, "'%s' has no numbers left for a new "
			       "record (the largest is %lld): fu doctor",
			       db->path, (long long)FU_ID_MAX);
	return rc;
}

int fu__contact_exists(fu_db *db, int64_t id)
{
	int64_t n = 0;
	int rc = fu__query_int64(db, &n, "SELECT count(*) FROM contacts "
				 "WHERE id = ?", id);
	if (!rc && !n)
		return fu__error(db, FU_ENOTFOUND, "no contact number %lld",
				 (long long)id);
	return rc;
}

int fu__insert_contact(fu_db *db, fu_contact *c, int64_t id, int64_t created)
{
	int64_t cid = 0;
	int rc;
	if ((!id && (rc = fu__next_thing_id(db, &id))) ||
	    (rc = fu__company_id(db, &cid, c->company, 0, 0)))
		return rc;
	if (!created)
		created = db->now;
	sqlite3_stmt *st = NULL;
	if ((rc = fu__prepare(db, &st,
		"INSERT INTO contacts (id, name, fold, company_id, title, "
		"email, phone, address, prefers, no_calls, social_ok, notes, "
		"created_at, uuid) VALUES (?1, ?2, fu_fold(?2), ?3, ?4, ?5, ?6, "
		"?7, ?8, ?9, ?10, ?11, ?12, ?13)")))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	fu__bind_text(st, 2, c->name);
	fu__bind_time(st, 3, cid);
	fu__bind_text(st, 4, c->title);
	fu__bind_text(st, 5, c->email);
	fu__bind_text(st, 6, c->phone);
	fu__bind_text(st, 7, c->address);
	fu__bind_text(st, 8, fu_channel_name(c->prefers));
	sqlite3_bind_int(st, 9, c->no_calls != 0);
	sqlite3_bind_int(st, 10, c->social_ok != 0);
	fu__bind_text(st, 11, c->notes);
	sqlite3_bind_int64(st, 12, created);
	/* NULL: the table's trigger gives it one (schema.c) */
	fu__bind_text(st, 13, c->uuid[0] ? c->uuid : NULL);
	if ((rc = fu__step_done(db, st)))
		return rc;
	c->id = id;
	c->company_id = cid;
	c->created_at = created;
	return FU_OK;
}

/* Create a contact from a bare name (fu log --with "Sam Lee"). */
int fu__contact_add_named(fu_db *db, int64_t *out, const char *name,
			   int64_t company)
{
	fu_contact c = { 0 };
	c.name = (char *)name;
	int rc = fu__check_required(db, NULL, "name", "the contact's name", name,
				FU__NAME_MAX);
	if (rc || (rc = fu__insert_contact(db, &c, 0, 0)))
		return rc;
	if (company) {
		sqlite3_stmt *st = NULL;
		if ((rc = fu__prepare(db, &st,
			"UPDATE contacts SET company_id = ? WHERE id = ?")))
			return rc;
		sqlite3_bind_int64(st, 1, company);
		sqlite3_bind_int64(st, 2, c.id);
		if ((rc = fu__step_done(db, st)))
			return rc;
	}
	*out = c.id;
	return FU_OK;
}

#define CONTACT_COLUMNS \
	"c.id, c.name, c.company_id, co.name, c.title, c.email, c.phone, " \
	"c.address, c.prefers, c.no_calls, c.social_ok, c.notes, c.created_at, " \
	"c.uuid, co.uuid"

static void read_contact(void *row, sqlite3_stmt *st)
{
	fu_contact *c = row;
	c->id = sqlite3_column_int64(st, 0);
	c->name = fu__col_text(st, 1);
	c->company_id = sqlite3_column_int64(st, 2);
	c->company = fu__col_text(st, 3);
	c->title = fu__col_text(st, 4);
	c->email = fu__col_text(st, 5);
	c->phone = fu__col_text(st, 6);
	c->address = fu__col_text(st, 7);
	fu_channel ch = FU_CH_NONE;
	const unsigned char *p = sqlite3_column_text(st, 8);
	if (p)
		fu_channel_parse(&ch, (const char *)p);
	c->prefers = ch;
	c->no_calls = sqlite3_column_int(st, 9);
	c->social_ok = sqlite3_column_int(st, 10);
	c->notes = fu__col_text(st, 11);
	c->created_at = fu__col_time(st, 12);
	const unsigned char *u = sqlite3_column_text(st, 13);
	snprintf(c->uuid, sizeof c->uuid, "%s", u ? (const char *)u : "");
	u = sqlite3_column_text(st, 14);
	snprintf(c->company_uuid, sizeof c->company_uuid, "%s",
		 u ? (const char *)u : "");
}

/* A contact read from the file, as fu would have written it. */
static int check_contact_row(fu_db *db, const fu_contact *c)
{
	int rc = fu__check_row_id(db, "a contact", c->id);
	if (!rc)
		rc = fu__check_row_time(db, "contact", c->id, "its record time",
					c->created_at, 1);
	return rc;
}

int fu_contact_get(fu_contact **out, fu_db *db, int64_t id)
{
	*out = NULL;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT " CONTACT_COLUMNS
		" FROM contacts c LEFT JOIN companies co ON co.id = "
		"c.company_id WHERE c.id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		fu_contact *c = calloc(1, sizeof *c);
		if (!c) {
			rc = fu__error(db, FU_ERROR, "out of memory");
		} else {
			read_contact(c, st);
			if ((rc = check_contact_row(db, c)))
				fu_contact_free(c);
			else
				*out = c;
		}
	} else if (src == SQLITE_DONE) {
		rc = fu__error(db, FU_ENOTFOUND, "no contact number %lld",
			       (long long)id);
	} else {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_finalize(st);
	return rc;
}

int fu__contact_reader_open(fu_db *db, fu__contact_reader *r)
{
	r->db = db;
	r->one = r->reach = NULL;
	int rc = fu__prepare(db, &r->one, "SELECT " CONTACT_COLUMNS
		" FROM contacts c LEFT JOIN companies co ON co.id = "
		"c.company_id WHERE c.id = ?");
	if (!rc && (rc = fu__prepare(db, &r->reach, "SELECT " CONTACT_COLUMNS
		" FROM contacts c LEFT JOIN companies co ON co.id = "
		"c.company_id WHERE c.company_id = ? ORDER BY "
		"(c.address IS NOT NULL) + (c.phone IS NOT NULL) + "
		"(c.email IS NOT NULL) DESC, c.id LIMIT 1")))
		fu__contact_reader_close(r);
	return rc;
}

/* One row of st (bound, reset here) into *c; *found whether there was. */
static int read_one(fu_db *db, sqlite3_stmt *st, fu_contact *c, int *found)
{
	int src = sqlite3_step(st), rc = FU_OK;
	*found = src == SQLITE_ROW;
	if (src == SQLITE_ROW)
		read_contact(c, st);
	else if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_reset(st);
	return rc;
}

int fu__contact_reader_get(fu__contact_reader *r, int64_t id, fu_contact *c)
{
	int found = 0;
	sqlite3_bind_int64(r->one, 1, id);
	int rc = read_one(r->db, r->one, c, &found);
	if (!rc && !found)
		rc = fu__error(r->db, FU_ENOTFOUND, "no contact number %lld",
			       (long long)id);
	return rc;
}

int fu__contact_reader_reach(fu__contact_reader *r, int64_t company,
			     fu_contact *c, int *found)
{
	sqlite3_bind_int64(r->reach, 1, company);
	return read_one(r->db, r->reach, c, found);
}

void fu__contact_reader_close(fu__contact_reader *r)
{
	sqlite3_finalize(r->one);
	sqlite3_finalize(r->reach);
	r->one = r->reach = NULL;
}

int fu__contact_write(fu_db *db, const fu_contact *c)
{
	int64_t cid = 0;
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = fu__contact_exists(db, c->id)) ||
	    (rc = fu__company_id(db, &cid, c->company, 0, 0)) ||
	    (rc = fu__prepare(db, &st,
		"UPDATE contacts SET name = ?1, fold = fu_fold(?1), "
		"company_id = ?2, title = ?3, email = ?4, phone = ?5, "
		"address = ?6, prefers = ?7, no_calls = ?8, social_ok = ?9, "
		"notes = ?10 WHERE id = ?11")))
		return rc;
	fu__bind_text(st, 1, c->name);
	fu__bind_time(st, 2, cid);
	fu__bind_text(st, 3, c->title);
	fu__bind_text(st, 4, c->email);
	fu__bind_text(st, 5, c->phone);
	fu__bind_text(st, 6, c->address);
	fu__bind_text(st, 7, fu_channel_name(c->prefers));
	sqlite3_bind_int(st, 8, c->no_calls != 0);
	sqlite3_bind_int(st, 9, c->social_ok != 0);
	fu__bind_text(st, 10, c->notes);
	sqlite3_bind_int64(st, 11, c->id);
	return fu__step_done(db, st);
}

static int prepare_contact_list(fu_db *db, sqlite3_stmt **st,
				const fu_contact_filter *filter)
{
	int rc = fu__prepare(db, st, filter && filter->by_number
		? "SELECT " CONTACT_COLUMNS " FROM contacts c LEFT JOIN "
		  "companies co ON co.id = c.company_id WHERE (?1 IS NULL OR "
		  "instr(fu_fold(co.name), fu_fold(?1)) > 0) ORDER BY c.id"
		: "SELECT " CONTACT_COLUMNS " FROM contacts c LEFT JOIN "
		  "companies co ON co.id = c.company_id WHERE (?1 IS NULL OR "
		  "instr(fu_fold(co.name), fu_fold(?1)) > 0) ORDER BY c.name "
		  "COLLATE NOCASE, c.id");
	if (!rc)
		fu__bind_text(*st, 1, filter ? filter->company : NULL);
	return rc;
}

int fu_contact_each(fu_db *db, const fu_contact_filter *filter,
		    int (*fn)(const fu_contact *c, void *arg), void *arg)
{
	sqlite3_stmt *st = NULL;
	int rc = prepare_contact_list(db, &st, filter);
	if (rc)
		return rc;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		fu_contact c = { 0 };
		read_contact(&c, st);
		if (!(rc = check_contact_row(db, &c)))
			rc = fn(&c, arg);
		fu_contact_clear(&c);
		if (rc)
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

int fu_contact_list(fu_contact **out, size_t *n, fu_db *db,
		    const fu_contact_filter *filter)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL;
	int rc = prepare_contact_list(db, &st, filter);
	if (rc)
		return rc;
	void *rows = NULL;
	rc = fu__read_rows(db, st, &rows, n, sizeof **out, read_contact);
	*out = rows;
	for (size_t i = 0; !rc && i < *n; i++)
		rc = check_contact_row(db, &(*out)[i]);
	if (rc) {
		fu_contact_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void fu_contact_list_free(fu_contact *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fu_contact_clear(&list[i]);
	free(list);
}

int fu__contact_company(fu_db *db, int64_t *out, int64_t id)
{
	return fu__query_int64(db, out, "SELECT company_id FROM contacts "
			       "WHERE id = ?", id);
}

int fu__contact_find(fu_db *db, int64_t *out, const char *name,
		     const char *email, int64_t company)
{
	*out = 0;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT id FROM contacts WHERE "
		"name = ?1 COLLATE NOCASE AND (?2 IS NULL OR email = ?2 "
		"COLLATE NOCASE) ORDER BY (company_id IS ?3) DESC, id LIMIT 1");
	if (rc)
		return rc;
	fu__bind_text(st, 1, name);
	fu__bind_text(st, 2, email);
	fu__bind_time(st, 3, company);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

int fu__contact_find_same(fu_db *db, int64_t *out, const char *name,
			  const char *email)
{
	*out = 0;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT id FROM contacts WHERE name = ? "
			     "AND email IS ? ORDER BY id LIMIT 1");
	if (rc)
		return rc;
	fu__bind_text(st, 1, name);
	fu__bind_text(st, 2, email);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

int fu__contact_by_uuid(fu_db *db, int64_t *out, const char *uuid)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT id FROM contacts WHERE uuid = ?");
	*out = 0;
	if (rc)
		return rc;
	fu__bind_text(st, 1, uuid);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

int fu__contact_count(fu_db *db, int64_t *out)
{
	return fu__query_int64(db, out, "SELECT count(*) FROM contacts", 0);
}

int fu__contact_first_created(fu_db *db, int64_t *out)
{
	return fu__query_int64(db, out, "SELECT coalesce(min(created_at), 0) "
			       "FROM contacts", 0);
}

int fu__contact_drop_unused(fu_db *db, int64_t id)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "DELETE FROM contacts WHERE id = ?1 AND "
		"NOT EXISTS (SELECT 1 FROM application_contacts WHERE "
		"contact_id = ?1) AND NOT EXISTS (SELECT 1 FROM events WHERE "
		"contact_id = ?1) AND NOT EXISTS (SELECT 1 FROM event_contacts "
		"WHERE contact_id = ?1) AND NOT EXISTS (SELECT 1 FROM "
		"event_topics WHERE contact_id = ?1) AND NOT EXISTS (SELECT 1 "
		"FROM actions "
		"WHERE contact_id = ?1 OR subject_contact_id = ?1) AND NOT "
		"EXISTS (SELECT 1 FROM marks WHERE contact_id = ?1)");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return fu__step_done(db, st);
}
