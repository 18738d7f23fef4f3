/* SPDX-License-Identifier: MIT */
/*
 * applications.c - the applications table and the people attached to
 * each (application_contacts): checking an application as fu add, fu
 * edit and fu import take one, writing and reading its rows, its stage,
 * and keeping its outcome equal to its last closed event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int fu__check_application(fu_db *db, const fu_application *a,
			  const char *base)
{
	int rc;
	if ((rc = fu__check_required(db, base, "company", "the company",
				 a->company, FU__NAME_MAX)) ||
	    (rc = fu__check_required(db, base, "role", "the role", a->role,
				 FU__NAME_MAX)) ||
	    (rc = fu__check_field(db, base, "url", "the url", a->url, FU__URL_MAX,
			      0)) ||
	    (rc = fu__check_field(db, base, "notes", "the text of --notes",
			      a->notes, FU__NOTE_MAX, 1)))
		return rc;
	if (a->source < 0 || a->source >= FU_SRC__COUNT)
		return fu__field_error(db, base, "source", "unknown source");
	for (size_t i = 0; i < a->nnew_contacts; i++)
		if ((rc = fu__check_required(db, base, "contacts",
					 "the contact's name",
					 a->new_contacts[i], FU__NAME_MAX)))
			return rc;
	return FU_OK;
}

int fu__application_exists(fu_db *db, int64_t id)
{
	int64_t n = 0;
	int rc = fu__query_int64(db, &n, "SELECT count(*) FROM applications "
				 "WHERE id = ?", id);
	if (!rc && !n)
		return fu__error(db, FU_ENOTFOUND, "no application number %lld",
				 (long long)id);
	return rc;
}

int fu__application_company(fu_db *db, int64_t *out, int64_t id)
{
	return fu__query_int64(db, out, "SELECT company_id FROM applications "
			       "WHERE id = ?", id);
}

int fu__application_by_uuid(fu_db *db, int64_t *out, const char *uuid)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT id FROM applications WHERE "
			     "uuid = ?");
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

int fu__application_count(fu_db *db, int64_t *out)
{
	return fu__query_int64(db, out, "SELECT count(*) FROM applications", 0);
}

/* Attach contacts (existing ones, then new names) to an application,
 * after those it has. */
int fu__application_attach(fu_db *db, int64_t app, int64_t company,
			    const int64_t *ids, size_t n, char *const *names,
			    size_t nnames)
{
	int rc;
	for (size_t i = 0; i < n + nnames; i++) {
		int64_t cid = i < n ? ids[i] : 0;
		if (i < n)
			rc = fu__contact_exists(db, cid);
		else
			rc = fu__contact_add_named(db, &cid, names[i - n],
						   company);
		if (rc)
			return rc;
		sqlite3_stmt *st = NULL;
		if ((rc = fu__prepare(db, &st,
			"INSERT OR IGNORE INTO application_contacts "
			"(application_id, contact_id, position) VALUES (?1, ?2, "
			"(SELECT coalesce(max(position), 0) + 1 FROM "
			"application_contacts WHERE application_id = ?1))")))
			return rc;
		sqlite3_bind_int64(st, 1, app);
		sqlite3_bind_int64(st, 2, cid);
		if ((rc = fu__step_done(db, st)))
			return rc;
	}
	return FU_OK;
}

int fu__insert_application(fu_db *db, fu_application *a, int64_t id,
			   int64_t created)
{
	int64_t cid = 0;
	sqlite3_stmt *st = NULL;
	int rc;
	if ((!id && (rc = fu__next_thing_id(db, &id))) ||
	    (rc = fu__company_id(db, &cid, a->company, 0, 0)) ||
	    (rc = fu__prepare(db, &st,
		"INSERT INTO applications (id, company_id, role, source, url, "
		"notes, no_calls, no_follow_up, created_at, uuid) "
		"VALUES (?,?,?,?,?,?,?,?,?,?)")))
		return rc;
	if (!created)
		created = db->now;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, cid);
	fu__bind_text(st, 3, a->role);
	fu__bind_text(st, 4, fu_source_name(a->source));
	fu__bind_text(st, 5, a->url);
	fu__bind_text(st, 6, a->notes);
	sqlite3_bind_int(st, 7, a->no_calls != 0);
	sqlite3_bind_int(st, 8, a->no_follow_up != 0);
	sqlite3_bind_int64(st, 9, created);
	/* NULL: the table's trigger gives it one (schema.c) */
	fu__bind_text(st, 10, a->uuid[0] ? a->uuid : NULL);
	if ((rc = fu__step_done(db, st)) ||
	    (rc = fu__application_attach(db, id, cid, a->contact_ids, a->ncontacts,
				  a->new_contacts, a->nnew_contacts)))
		return rc;
	a->id = id;
	a->company_id = cid;
	a->created_at = created;
	return FU_OK;
}

/* The stage (model.h's fu_stage), as SQL over one application row `a`. */
_Static_assert(FU_STAGE_PLANNED == 0 && FU_STAGE_APPLIED == 1 &&
	       FU_STAGE_INTERVIEWING == 2 && FU_STAGE_OFFER == 3 &&
	       FU_STAGE__OPEN == 4, "STAGE_SQL's numbers");
#define STAGE_SQL \
	"CASE WHEN a.outcome IS NOT NULL THEN 4 " \
	"WHEN EXISTS (SELECT 1 FROM events e WHERE e.application_id = a.id " \
	"AND e.kind = 'offer') THEN 3 " \
	"WHEN EXISTS (SELECT 1 FROM events e WHERE e.application_id = a.id " \
	"AND e.kind = 'interview') THEN 2 " \
	"WHEN EXISTS (SELECT 1 FROM events e WHERE e.application_id = a.id " \
	"AND e.kind = 'applied') THEN 1 ELSE 0 END"

#define APPLICATION_COLUMNS \
	"a.id, a.company_id, co.name, a.role, a.source, a.url, a.notes, " \
	"a.no_calls, a.no_follow_up, a.outcome, a.closed_at, a.created_at, " \
	"(SELECT min(e.at) FROM events e WHERE e.application_id = a.id AND " \
	"e.kind = 'applied'), " STAGE_SQL ", (SELECT ac.contact_id FROM " \
	"application_contacts ac JOIN contacts pc ON pc.id = ac.contact_id " \
	"WHERE ac.application_id = a.id ORDER BY ac.position, pc.uuid " \
	"LIMIT 1), a.uuid, co.uuid"

static void read_application(void *row, sqlite3_stmt *st)
{
	fu_application *a = row;
	a->id = sqlite3_column_int64(st, 0);
	a->company_id = sqlite3_column_int64(st, 1);
	a->company = fu__col_text(st, 2);
	a->role = fu__col_text(st, 3);
	fu_source src = FU_SRC_NONE;
	const unsigned char *p = sqlite3_column_text(st, 4);
	if (p)
		fu_source_parse(&src, (const char *)p);
	a->source = src;
	a->url = fu__col_text(st, 5);
	a->notes = fu__col_text(st, 6);
	a->no_calls = sqlite3_column_int(st, 7);
	a->no_follow_up = sqlite3_column_int(st, 8);
	fu_outcome o = FU_OUT_NONE;
	p = sqlite3_column_text(st, 9);
	if (p)
		fu_outcome_parse(&o, (const char *)p);
	a->outcome = o;
	a->closed_at = fu__col_time(st, 10);
	a->created_at = fu__col_time(st, 11);
	a->applied_at = fu__col_time(st, 12);
	int stage = sqlite3_column_int(st, 13);
	a->stage = stage >= 0 && stage <= FU_STAGE__OPEN ? (fu_stage)stage
							 : FU_STAGE_PLANNED;
	a->main_contact = sqlite3_column_int64(st, 14);
	const unsigned char *u = sqlite3_column_text(st, 15);
	snprintf(a->uuid, sizeof a->uuid, "%s", u ? (const char *)u : "");
	u = sqlite3_column_text(st, 16);
	snprintf(a->company_uuid, sizeof a->company_uuid, "%s",
		 u ? (const char *)u : "");
}

/* An application read from the file, as fu would have written it. */
static int check_application_row(fu_db *db, const fu_application *a)
{
	int rc;
	if ((rc = fu__check_row_id(db, "an application", a->id)) ||
	    (rc = fu__check_row_time(db, "application", a->id,
				     "its closing time", a->closed_at, 1)) ||
	    (rc = fu__check_row_time(db, "application", a->id,
				     "its record time", a->created_at, 1)) ||
	    (rc = fu__check_row_time(db, "application", a->id,
				     "its first applied time", a->applied_at, 1)))
		return rc;
	return FU_OK;
}

/* The people attached to an application, in order: st is people_sql,
 * prepared once for a whole list, and left reset. */
/* Two machines may each attach someone at the same position: the
 * people's identifiers order them the same way on both. */
static const char people_sql[] = "SELECT ac.contact_id FROM "
	"application_contacts ac JOIN contacts pc ON pc.id = ac.contact_id "
	"WHERE ac.application_id = ? ORDER BY ac.position, pc.uuid";

static int load_people(fu_db *db, sqlite3_stmt *st, fu_application *a)
{
	int rc = FU_OK, src;
	sqlite3_bind_int64(st, 1, a->id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		if (fu__push_id(&a->contact_ids, &a->ncontacts,
				sqlite3_column_int64(st, 0))) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_reset(st);
	return rc;
}

static int load_application_contacts(fu_db *db, fu_application *a)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, people_sql);
	if (!rc)
		rc = load_people(db, st, a);
	sqlite3_finalize(st);
	return rc;
}

int fu_application_get(fu_application **out, fu_db *db, int64_t id)
{
	*out = NULL;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT " APPLICATION_COLUMNS
		" FROM applications a JOIN companies co ON co.id = "
		"a.company_id WHERE a.id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	fu_application *a = NULL;
	if (src == SQLITE_ROW) {
		a = calloc(1, sizeof *a);
		if (!a)
			rc = fu__error(db, FU_ERROR, "out of memory");
		else if ((rc = check_application_row(db, (read_application(a, st),
								  a)))) {
			fu_application_free(a);
			a = NULL;
		}
	} else if (src == SQLITE_DONE) {
		rc = fu__error(db, FU_ENOTFOUND, "no application number %lld",
			       (long long)id);
	} else {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_finalize(st);
	if (!rc && (rc = load_application_contacts(db, a)))
		fu_application_free(a);
	else if (!rc)
		*out = a;
	return rc;
}

int fu__app_reader_open(fu_db *db, fu__app_reader *r)
{
	r->db = db;
	r->one = r->people = NULL;
	int rc = fu__prepare(db, &r->one, "SELECT " APPLICATION_COLUMNS
		" FROM applications a JOIN companies co ON co.id = "
		"a.company_id WHERE a.id = ?");
	if (!rc && (rc = fu__prepare(db, &r->people, people_sql)))
		fu__app_reader_close(r);
	return rc;
}

int fu__app_reader_get(fu__app_reader *r, int64_t id, fu_application *a)
{
	sqlite3_bind_int64(r->one, 1, id);
	int src = sqlite3_step(r->one), rc = FU_OK;
	if (src == SQLITE_ROW)
		read_application(a, r->one);
	else if (src == SQLITE_DONE)
		rc = fu__error(r->db, FU_ENOTFOUND, "no application number "
			       "%lld", (long long)id);
	else
		rc = fu__sqlerr(r->db, src, "cannot read the database");
	sqlite3_reset(r->one);
	return rc ? rc : load_people(r->db, r->people, a);
}

void fu__app_reader_close(fu__app_reader *r)
{
	sqlite3_finalize(r->one);
	sqlite3_finalize(r->people);
	r->one = r->people = NULL;
}

const char *fu_application_stage_name(const fu_application *a)
{
	return a->outcome ? fu_outcome_name(a->outcome) : fu_stage_name(a->stage);
}

int fu__application_write(fu_db *db, const fu_application *a)
{
	int64_t cid = 0;
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = fu__application_exists(db, a->id)) ||
	    (rc = fu__company_id(db, &cid, a->company, 0, 0)) ||
	    (rc = fu__prepare(db, &st,
		"UPDATE applications SET company_id = ?, role = ?, source = ?, "
		"url = ?, notes = ?, no_calls = ?, no_follow_up = ? "
		"WHERE id = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, cid);
	fu__bind_text(st, 2, a->role);
	fu__bind_text(st, 3, fu_source_name(a->source));
	fu__bind_text(st, 4, a->url);
	fu__bind_text(st, 5, a->notes);
	sqlite3_bind_int(st, 6, a->no_calls != 0);
	sqlite3_bind_int(st, 7, a->no_follow_up != 0);
	sqlite3_bind_int64(st, 8, a->id);
	if ((rc = fu__step_done(db, st)) ||
	    (rc = fu__prepare(db, &st, "DELETE FROM application_contacts "
			      "WHERE application_id = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, a->id);
	if ((rc = fu__step_done(db, st)))
		return rc;
	return fu__application_attach(db, a->id, cid, a->contact_ids,
				      a->ncontacts, a->new_contacts,
				      a->nnew_contacts);
}

static const char application_list_sql[] = "SELECT " APPLICATION_COLUMNS
	" FROM applications a JOIN companies co ON co.id = a.company_id"
	" WHERE (?1 = 0 OR (?1 = 1 AND a.outcome IS NULL) OR"
	" (?1 = 2 AND a.outcome IS NOT NULL AND"
	"  (?2 IS NULL OR a.outcome = ?2)))"
	" AND (?3 IS NULL OR instr(fu_fold(co.name), fu_fold(?3)) > 0)"
	" AND (?4 = 0 OR EXISTS (SELECT 1 FROM application_contacts ac"
	"  WHERE ac.application_id = a.id AND ac.contact_id = ?4))"
	" ORDER BY a.id";

static int prepare_application_list(fu_db *db, sqlite3_stmt **st,
				    const fu_application_filter *f)
{
	int rc = fu__prepare(db, st, application_list_sql);
	if (rc)
		return rc;
	sqlite3_bind_int(*st, 1, (int)f->status);
	fu__bind_text(*st, 2, fu_outcome_name(f->outcome));
	fu__bind_text(*st, 3, f->company);
	sqlite3_bind_int64(*st, 4, f->contact_id);
	return FU_OK;
}

int fu_application_each(fu_db *db, const fu_application_filter *f,
			int (*fn)(const fu_application *a, void *arg),
			void *arg)
{
	static const fu_application_filter none = { 0 };
	sqlite3_stmt *st = NULL, *people = NULL;
	if (!f)
		f = &none;
	int rc = prepare_application_list(db, &st, f);
	if (rc || (f->with_people && (rc = fu__prepare(db, &people,
						       people_sql)))) {
		sqlite3_finalize(st);
		return rc;
	}
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		fu_application a = { 0 };
		read_application(&a, st);
		if (!(rc = check_application_row(db, &a)) &&
		    (!people || !(rc = load_people(db, people, &a))))
			rc = fn(&a, arg);
		fu_application_clear(&a);
		if (rc)
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(people);
	sqlite3_finalize(st);
	return rc;
}

int fu_application_list(fu_application **out, size_t *n, fu_db *db,
			const fu_application_filter *f)
{
	static const fu_application_filter none = { 0 };
	if (!f)
		f = &none;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL;
	int rc = prepare_application_list(db, &st, f);
	if (rc)
		return rc;
	void *rows = NULL;
	rc = fu__read_rows(db, st, &rows, n, sizeof **out,
			    read_application);
	*out = rows;
	for (size_t i = 0; !rc && i < *n; i++)
		rc = check_application_row(db, &(*out)[i]);
	if (rc) {
		fu_application_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void fu_application_list_free(fu_application *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fu_application_clear(&list[i]);
	free(list);
}

/* Keep applications.outcome/closed_at equal to its last closed event
 * (every application's when app is 0). */
int fu__application_sync_outcome(fu_db *db, int64_t app)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st,
		"UPDATE applications SET (outcome, closed_at) = (SELECT "
		"e.outcome, e.at FROM events e WHERE e.application_id = "
		"applications.id AND e.kind = 'closed' ORDER BY e.ord DESC, "
		"e.uuid DESC LIMIT 1) WHERE ?1 = 0 OR id = ?1");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, app);
	return fu__step_done(db, st);
}

int fu__accepted_load(fu_db *db, fu__accepted *acc)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st,
		"SELECT id, closed_at FROM applications WHERE outcome = "
		"'accepted' AND closed_at IS NOT NULL ORDER BY closed_at, id "
		"LIMIT 2");
	if (rc)
		return rc;
	int src;
	acc->n = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		acc->id[acc->n] = sqlite3_column_int64(st, 0);
		acc->at[acc->n++] = sqlite3_column_int64(st, 1);
	}
	if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

/* When a job other than application `self` was accepted (0: none), as
 * SELECT min(closed_at) ... WHERE outcome = 'accepted' AND id <> self. */
int fu__accepted_at(fu_db *db, const fu__accepted *acc, int64_t self,
		    int64_t *out)
{
	if (!acc)
		return fu__query_int64(db, out, "SELECT min(closed_at) FROM "
				   "applications WHERE outcome = 'accepted' "
				   "AND id <> ?", self);
	*out = 0;
	for (int i = 0; i < acc->n && !*out; i++)
		if (acc->id[i] != self)
			*out = acc->at[i];
	return FU_OK;
}


int fu__application_first_created(fu_db *db, int64_t *out)
{
	return fu__query_int64(db, out, "SELECT coalesce(min(created_at), 0) "
			       "FROM applications", 0);
}

int fu__application_detach(fu_db *db, int64_t app, int64_t contact)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "DELETE FROM application_contacts WHERE "
			     "application_id = ? AND contact_id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, app);
	sqlite3_bind_int64(st, 2, contact);
	return fu__step_done(db, st);
}
