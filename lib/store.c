/*
 * store.c - contacts, applications and events in SQLite, and keeping the
 * actions owed up to date on every write.
 *
 * Every public write is one BEGIN IMMEDIATE transaction: it validates,
 * writes, re-runs the rules for the subjects it touched, and commits; on
 * any failure it rolls back and the file is as it was.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/store.h"
#include "internal.h"

/* --- validation --------------------------------------------------------- */

size_t fu__utf8_len(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	size_t k = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
	if (k == 0 || s[0] > 0xf4 || k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (k == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) ||
		       (s[0] == 0xed && s[1] >= 0xa0)))
		return 0; /* overlong, surrogate */
	if (k == 4 && ((s[0] == 0xf0 && s[1] < 0x90) ||
		       (s[0] == 0xf4 && s[1] >= 0x90)))
		return 0;
	return k;
}

int fu__check_text(fu_db *db, const char *what, const char *s, size_t max,
		   int multiline)
{
	if (!s)
		return FU_OK;
	size_t chars = 0, left = strlen(s);
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = fu__utf8_len(p, left);
		if (n == 0)
			return fu__error(db, FU_EINVALID,
					 "%s is not valid UTF-8", what);
		if (n == 1 && (*p < 0x20 || *p == 0x7f) &&
		    !(multiline && (*p == '\n' || *p == '\t')))
			return fu__error(db, FU_EINVALID,
					 "%s contains a control character",
					 what);
		/* C1 controls (U+0080..U+009F) can drive terminals too */
		if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)
			return fu__error(db, FU_EINVALID,
					 "%s contains a control character",
					 what);
		p += n;
		left -= n;
		if (++chars > max)
			return fu__error(db, FU_EINVALID,
					 "%s is too long (more than %zu "
					 "characters)", what, max);
	}
	return FU_OK;
}

/* The checks of records speak to two audiences: fu add and fu log (base
 * NULL), in their own words, and an import, which names each field by its
 * place in the file (base "contacts[3]", key "email").
 *
 * What a message calls a field: fu add's words ("the company"), or the
 * field's place and a colon ("contacts[3].company:"), so that "%s is too
 * long" reads right for both. */
static const char *field_name(char *buf, size_t len, const char *base,
			      const char *key, const char *words)
{
	if (!base)
		return words;
	snprintf(buf, len, "%s.%s:", base, key);
	return buf;
}

static int field_error(fu_db *db, const char *base, const char *key,
		       const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* A complaint about a field: as it stands for fu add, after the field's
 * place for an import ("contacts[3].email: 'x' is not ..."). */
static int field_error(fu_db *db, const char *base, const char *key,
		       const char *fmt, ...)
{
	char msg[sizeof db->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!base)
		return fu__error(db, FU_EINVALID, "%s", msg);
	msg[599] = '\0'; /* where an import has always cut it */
	return fu__error(db, FU_EINVALID, "%s.%s: %s", base, key, msg);
}

static int check_field(fu_db *db, const char *base, const char *key,
		       const char *words, const char *s, size_t max,
		       int multiline)
{
	char buf[256];
	return fu__check_text(db, field_name(buf, sizeof buf, base, key, words),
			      s, max, multiline);
}

static int check_required(fu_db *db, const char *base, const char *key,
			  const char *words, const char *s, size_t max)
{
	char buf[256];
	const char *what = field_name(buf, sizeof buf, base, key, words);
	if (!s || !*s || strspn(s, " \t") == strlen(s))
		return fu__error(db, FU_EINVALID, "%s is empty", what);
	return fu__check_text(db, what, s, max, 0);
}

static int check_email(fu_db *db, const char *base, const char *s)
{
	int rc = check_field(db, base, "email", "e-mail address", s,
			     FU__FIELD_MAX, 0);
	if (rc || !s)
		return rc;
	const char *at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@') ||
	    strpbrk(s, " \t<>,;\"") || !strchr(at + 1, '.'))
		return field_error(db, base, "email",
				   "'%s' is not an e-mail address", s);
	return FU_OK;
}

int fu__check_email(fu_db *db, const char *s)
{
	return check_email(db, NULL, s);
}

int fu__check_contact(fu_db *db, const fu_contact *c, const char *base)
{
	int rc;
	if ((rc = check_required(db, base, "name", "the contact's name",
				 c->name, FU__NAME_MAX)) ||
	    (rc = check_field(db, base, "company", "the company", c->company,
			      FU__NAME_MAX, 0)) ||
	    (rc = check_field(db, base, "title", "the title", c->title,
			      FU__FIELD_MAX, 0)) ||
	    (rc = check_email(db, base, c->email)) ||
	    (rc = check_field(db, base, "phone", "the phone number",
			      c->phone, FU__FIELD_MAX, 0)) ||
	    (rc = check_field(db, base, "address", "the address", c->address,
			      FU__FIELD_MAX, 1)) ||
	    (rc = check_field(db, base, "notes", "the text of --notes",
			      c->notes, FU__NOTE_MAX, 1)))
		return rc;
	if (c->company && !*c->company)
		return check_required(db, base, "company", "the company",
				      c->company, FU__NAME_MAX);
	if (c->prefers == FU_CH_IN_PERSON || c->prefers < 0 ||
	    c->prefers >= FU_CH__COUNT)
		return field_error(db, base, "prefers", "a contact can prefer "
				   "email, phone, letter or social");
	return FU_OK;
}

/* --- small helpers ------------------------------------------------------ */

int fu__step_done(fu_db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return fu__sqlerr(db, rc, "cannot write the database");
	return FU_OK;
}

int fu__query_int64(fu_db *db, int64_t *out, const char *sql, int64_t arg)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	int src = sqlite3_step(st);
	*out = 0;
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

int fu__next_thing_id(fu_db *db, int64_t *out)
{
	return fu__query_int64(db, out,
		"SELECT max(coalesce((SELECT max(id) FROM applications), 0),"
		" coalesce((SELECT max(id) FROM contacts), 0), 0) + 1", 0);
}

int fu__company_id(fu_db *db, int64_t *out, const char *name, int64_t id,
		   int64_t created)
{
	*out = 0;
	if (!name)
		return FU_OK;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st,
		"INSERT INTO companies (id, name, created_at) VALUES (?, ?, ?) "
		"ON CONFLICT (name) DO UPDATE SET name = name RETURNING id");
	if (rc)
		return rc;
	fu__bind_time(st, 1, id);
	fu__bind_text(st, 2, name);
	sqlite3_bind_int64(st, 3, created ? created : db->now);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = fu__sqlerr(db, src, "cannot record the company");
	sqlite3_finalize(st);
	return rc;
}

static int thing_exists(fu_db *db, const char *table_sql, int64_t id)
{
	int64_t n = 0;
	int rc = fu__query_int64(db, &n, table_sql, id);
	return rc ? rc : n ? FU_OK : FU_ENOTFOUND;
}

static int contact_exists(fu_db *db, int64_t id)
{
	int rc = thing_exists(db, "SELECT count(*) FROM contacts WHERE id = ?",
			      id);
	if (rc == FU_ENOTFOUND)
		return fu__error(db, FU_ENOTFOUND, "no contact number %lld",
				 (long long)id);
	return rc;
}

static int application_exists(fu_db *db, int64_t id)
{
	int rc = thing_exists(db,
		"SELECT count(*) FROM applications WHERE id = ?", id);
	if (rc == FU_ENOTFOUND)
		return fu__error(db, FU_ENOTFOUND, "no application number %lld",
				 (long long)id);
	return rc;
}

/* What the list readers share: every row of st (finalized here), each
 * read by read_row (read_contact, ...) into a new zeroed element of size
 * bytes, at the end of *list, *n of them. On failure, the caller frees
 * what was read. */
static int read_rows(fu_db *db, sqlite3_stmt *st, void **list, size_t *n,
		     size_t size, void (*read_row)(void *row, sqlite3_stmt *st))
{
	unsigned char *rows = NULL;
	size_t cap = 0;
	int rc = FU_OK, src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			unsigned char *p = realloc(rows, cap * size);
			if (!p) {
				rc = fu__error(db, FU_ERROR, "out of memory");
				break;
			}
			rows = p;
		}
		void *row = rows + (*n)++ * size;
		memset(row, 0, size);
		read_row(row, st);
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	*list = rows;
	return rc;
}

static int push_id(int64_t **ids, size_t *n, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if ((*ids)[i] == id)
			return FU_OK;
	int64_t *p = realloc(*ids, (*n + 1) * sizeof *p);
	if (!p)
		return FU_ERROR;
	p[(*n)++] = id;
	*ids = p;
	return FU_OK;
}

/* --- contacts ----------------------------------------------------------- */

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
		"INSERT INTO contacts (id, name, company_id, title, email, "
		"phone, address, prefers, no_calls, social_ok, notes, "
		"created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")))
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
	if ((rc = fu__step_done(db, st)))
		return rc;
	c->id = id;
	c->company_id = cid;
	c->created_at = created;
	return FU_OK;
}

int fu_contact_add(fu_db *db, fu_contact *c)
{
	int rc = fu__check_contact(db, c, NULL);
	if (rc || (rc = fu__begin(db)))
		return rc;
	if ((rc = fu__insert_contact(db, c, 0, 0)) || (rc = fu__commit(db)))
		fu__rollback(db);
	return rc;
}

/* Create a contact from a bare name (fu log --with "Sam Lee"). */
static int add_named_contact(fu_db *db, int64_t *out, const char *name,
			     int64_t company)
{
	fu_contact c = { 0 };
	c.name = (char *)name;
	int rc = check_required(db, NULL, "name", "the contact's name", name,
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
	"c.address, c.prefers, c.no_calls, c.social_ok, c.notes, c.created_at"

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
	c->created_at = sqlite3_column_int64(st, 12);
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

int fu_contact_update(fu_db *db, const fu_contact *c)
{
	int rc = fu__check_contact(db, c, NULL);
	if (rc || (rc = fu__begin(db)))
		return rc;
	int64_t cid = 0;
	sqlite3_stmt *st = NULL;
	if ((rc = contact_exists(db, c->id)) ||
	    (rc = fu__company_id(db, &cid, c->company, 0, 0)) ||
	    (rc = fu__prepare(db, &st,
		"UPDATE contacts SET name = ?, company_id = ?, title = ?, "
		"email = ?, phone = ?, address = ?, prefers = ?, "
		"no_calls = ?, social_ok = ?, notes = ? WHERE id = ?")))
		goto fail;
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
	if ((rc = fu__step_done(db, st)) ||
	    (rc = fu__refresh_involving(db, c->id)) ||
	    (rc = fu__commit(db)))
		goto fail;
	return FU_OK;
fail:
	fu__rollback(db);
	return rc;
}

static int prepare_contact_list(fu_db *db, sqlite3_stmt **st,
				const fu_contact_filter *filter)
{
	int rc = fu__prepare(db, st, "SELECT " CONTACT_COLUMNS
		" FROM contacts c LEFT JOIN companies co ON co.id = "
		"c.company_id WHERE (?1 IS NULL OR instr(fu_fold(co.name), "
		"fu_fold(?1)) > 0) ORDER BY c.name COLLATE NOCASE, c.id");
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
	rc = read_rows(db, st, &rows, n, sizeof **out, read_contact);
	*out = rows;
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

/* --- applications ------------------------------------------------------- */

int fu__check_application(fu_db *db, const fu_application *a,
			  const char *base)
{
	int rc;
	if ((rc = check_required(db, base, "company", "the company",
				 a->company, FU__NAME_MAX)) ||
	    (rc = check_required(db, base, "role", "the role", a->role,
				 FU__NAME_MAX)) ||
	    (rc = check_field(db, base, "url", "the url", a->url, FU__URL_MAX,
			      0)) ||
	    (rc = check_field(db, base, "notes", "the text of --notes",
			      a->notes, FU__NOTE_MAX, 1)))
		return rc;
	if (a->source < 0 || a->source >= FU_SRC__COUNT)
		return field_error(db, base, "source", "unknown source");
	for (size_t i = 0; i < a->nnew_contacts; i++)
		if ((rc = check_required(db, base, "contacts",
					 "the contact's name",
					 a->new_contacts[i], FU__NAME_MAX)))
			return rc;
	return FU_OK;
}

/* Attach contacts (existing ones, then new names) to an application,
 * after those it has. */
static int attach_contacts(fu_db *db, int64_t app, int64_t company,
			   const int64_t *ids, size_t n, char *const *names,
			   size_t nnames)
{
	int rc;
	for (size_t i = 0; i < n + nnames; i++) {
		int64_t cid = i < n ? ids[i] : 0;
		if (i < n)
			rc = contact_exists(db, cid);
		else
			rc = add_named_contact(db, &cid, names[i - n], company);
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
		"notes, no_calls, no_follow_up, created_at) "
		"VALUES (?,?,?,?,?,?,?,?,?)")))
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
	if ((rc = fu__step_done(db, st)) ||
	    (rc = attach_contacts(db, id, cid, a->contact_ids, a->ncontacts,
				  a->new_contacts, a->nnew_contacts)))
		return rc;
	a->id = id;
	a->company_id = cid;
	a->created_at = created;
	return FU_OK;
}

int fu_application_add(fu_db *db, fu_application *a, int64_t applied_at)
{
	int rc = fu__check_application(db, a, NULL);
	if (rc || (rc = fu__begin(db)))
		return rc;
	/* the caller's record is filled in only once it is committed */
	fu_application w = *a;
	if ((rc = fu__insert_application(db, &w, 0, 0)))
		goto fail;
	if (applied_at) {
		fu_event e = { 0 };
		e.kind = FU_EV_APPLIED;
		e.at = applied_at;
		e.application_id = w.id;
		if ((rc = fu__insert_event(db, &e, 0, 0)))
			goto fail;
	}
	if ((rc = fu__refresh_application(db, w.id)) || (rc = fu__commit(db)))
		goto fail;
	a->id = w.id;
	a->company_id = w.company_id;
	a->created_at = w.created_at;
	a->applied_at = applied_at;
	return FU_OK;
fail:
	fu__rollback(db);
	return rc;
}

/* The stage, as SQL over one application row `a`. */
#define STAGE_SQL \
	"CASE WHEN a.outcome IS NOT NULL THEN a.outcome " \
	"WHEN EXISTS (SELECT 1 FROM events e WHERE e.application_id = a.id " \
	"AND e.kind = 'offer') THEN 'offer' " \
	"WHEN EXISTS (SELECT 1 FROM events e WHERE e.application_id = a.id " \
	"AND e.kind = 'interview') THEN 'interviewing' " \
	"WHEN EXISTS (SELECT 1 FROM events e WHERE e.application_id = a.id " \
	"AND e.kind = 'applied') THEN 'applied' ELSE 'planned' END"

#define APPLICATION_COLUMNS \
	"a.id, a.company_id, co.name, a.role, a.source, a.url, a.notes, " \
	"a.no_calls, a.no_follow_up, a.outcome, a.closed_at, a.created_at, " \
	"(SELECT min(e.at) FROM events e WHERE e.application_id = a.id AND " \
	"e.kind = 'applied'), " STAGE_SQL

static const char *const stages[] = {
	"planned", "applied", "interviewing", "offer", "accepted", "declined",
	"rejected", "withdrawn", "no-response", "filled", NULL
};

static const char *stage_of(const unsigned char *s)
{
	for (int i = 0; s && stages[i]; i++)
		if (strcmp(stages[i], (const char *)s) == 0)
			return stages[i];
	return "planned";
}

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
	a->closed_at = sqlite3_column_int64(st, 10);
	a->created_at = sqlite3_column_int64(st, 11);
	a->applied_at = sqlite3_column_int64(st, 12);
	a->stage = stage_of(sqlite3_column_text(st, 13));
}

static int load_application_contacts(fu_db *db, fu_application *a)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st,
		"SELECT contact_id FROM application_contacts WHERE "
		"application_id = ? ORDER BY position");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, a->id);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		if (push_id(&a->contact_ids, &a->ncontacts,
			    sqlite3_column_int64(st, 0))) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
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
		else
			read_application(a, st);
	} else if (src == SQLITE_DONE) {
		rc = fu__error(db, FU_ENOTFOUND, "no application number %lld",
			       (long long)id);
	} else {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_finalize(st);
	if (!rc && (rc = load_application_contacts(db, a)))
		fu_application_free(a);
	else
		*out = a;
	return rc;
}

const char *fu_application_stage(fu_db *db, const fu_application *a)
{
	(void)db;
	return a->stage ? a->stage : "planned";
}

/* Move the first applied event to `at`, or record one. */
static int set_applied(fu_db *db, int64_t app, int64_t at)
{
	int64_t ev = 0;
	int rc = fu__query_int64(db, &ev,
		"SELECT id FROM events WHERE application_id = ? AND kind = "
		"'applied' ORDER BY at, id LIMIT 1", app);
	if (rc)
		return rc;
	if (!ev) {
		fu_event e = { 0 };
		e.kind = FU_EV_APPLIED;
		e.at = at;
		e.application_id = app;
		return fu__insert_event(db, &e, 0, 0);
	}
	sqlite3_stmt *st = NULL;
	if ((rc = fu__prepare(db, &st, "UPDATE events SET at = ? WHERE id = ?")))
		return rc;
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int64(st, 2, ev);
	return fu__step_done(db, st);
}

int fu_application_update(fu_db *db, const fu_application *a)
{
	int rc = fu__check_application(db, a, NULL);
	if (rc || (rc = fu__begin(db)))
		return rc;
	int64_t cid = 0, old_applied = 0;
	sqlite3_stmt *st = NULL;
	if ((rc = application_exists(db, a->id)) ||
	    (rc = fu__company_id(db, &cid, a->company, 0, 0)) ||
	    (rc = fu__prepare(db, &st,
		"UPDATE applications SET company_id = ?, role = ?, source = ?, "
		"url = ?, notes = ?, no_calls = ?, no_follow_up = ? "
		"WHERE id = ?")))
		goto fail;
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
		goto fail;
	sqlite3_bind_int64(st, 1, a->id);
	if ((rc = fu__step_done(db, st)) ||
	    (rc = attach_contacts(db, a->id, cid, a->contact_ids, a->ncontacts,
				  a->new_contacts, a->nnew_contacts)) ||
	    (rc = fu__query_int64(db, &old_applied,
		"SELECT min(at) FROM events WHERE application_id = ? AND "
		"kind = 'applied'", a->id)))
		goto fail;
	if (a->applied_at && a->applied_at != old_applied &&
	    (rc = set_applied(db, a->id, a->applied_at)))
		goto fail;
	if ((rc = fu__refresh_application(db, a->id)) || (rc = fu__commit(db)))
		goto fail;
	return FU_OK;
fail:
	fu__rollback(db);
	return rc;
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
	sqlite3_stmt *st = NULL;
	int rc = prepare_application_list(db, &st, f ? f : &none);
	if (rc)
		return rc;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		fu_application a = { 0 };
		read_application(&a, st);
		rc = fn(&a, arg);
		fu_application_clear(&a);
		if (rc)
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
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
	rc = read_rows(db, st, &rows, n, sizeof **out, read_application);
	*out = rows;
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

/* Keep applications.outcome/closed_at equal to its last closed event. */
static int sync_outcome(fu_db *db, int64_t app)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st,
		"UPDATE applications SET (outcome, closed_at) = (SELECT "
		"e.outcome, e.at FROM events e WHERE e.application_id = ?1 AND "
		"e.kind = 'closed' ORDER BY e.id DESC LIMIT 1) WHERE id = ?1");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, app);
	return fu__step_done(db, st);
}

int fu_application_close(fu_db *db, int64_t id, fu_outcome outcome,
			 int64_t at, const char *note)
{
	if (!fu_outcome_name(outcome))
		return fu__error(db, FU_EINVALID, "unknown outcome: use %s",
				 fu_outcome_names());
	int rc = fu__check_text(db, "the note", note, FU__NOTE_MAX, 1);
	if (rc || (rc = fu__begin(db)))
		return rc;
	fu_application *a = NULL;
	if ((rc = fu_application_get(&a, db, id)))
		goto fail;
	if (a->outcome != FU_OUT_NONE) {
		rc = fu__error(db, FU_EINVALID, "application %lld (%s, %s) is "
			       "already closed as %s", (long long)id,
			       a->company, a->role,
			       fu_outcome_name(a->outcome));
		goto fail;
	}
	fu_event e = { 0 };
	e.kind = FU_EV_CLOSED;
	e.at = at;
	e.application_id = id;
	e.outcome = outcome;
	e.note = (char *)note;
	if ((rc = fu__insert_event(db, &e, 0, 0)) || (rc = sync_outcome(db, id)))
		goto fail;
	/* accepting one job owes a withdrawal to every other application */
	rc = outcome == FU_OUT_ACCEPTED ? fu__refresh_all(db)
					: fu__refresh_application(db, id);
	if (rc || (rc = fu__commit(db)))
		goto fail;
	fu_application_free(a);
	return FU_OK;
fail:
	fu_application_free(a);
	fu__rollback(db);
	return rc;
}

/* --- events ------------------------------------------------------------- */

/* fu log speaks of its options (--until), an import of the fields of its
 * file (until). */
int fu__check_event(fu_db *db, const fu_event *e, const char *base)
{
	int rc;
	const char *kind = fu_event_kind_name(e->kind);
	if (!kind)
		return field_error(db, base, "kind", "unknown event kind: use %s",
				   fu_event_kind_names());
	if (!e->application_id && !e->contact_id)
		return field_error(db, base, "application", "an event needs an "
				   "application or a contact%s",
				   base ? " (both are null)" : "");
	if (!e->application_id) {
		switch (e->kind) {
		case FU_EV_APPLIED: case FU_EV_POSTING_CLOSED:
		case FU_EV_OFFER: case FU_EV_REJECTION: case FU_EV_CLOSED:
		case FU_EV_INTERVIEW:
			return field_error(db, base, "kind", "'%s' is logged on an "
					   "application, not on a contact", kind);
		default:
			break;
		}
	}
	if (e->kind == FU_EV_SNOOZE && !e->until_at)
		return base ? field_error(db, base, "until", "a snooze needs "
					  "until")
			    : fu__error(db, FU_EINVALID,
					"snooze needs --until DATE");
	/* an import brings back history, and old snoozes with it */
	if (!base && e->kind == FU_EV_SNOOZE && e->until_at <= db->now)
		return fu__error(db, FU_EINVALID, "--until must be in the "
				 "future: a snooze that has ended silences "
				 "nothing");
	if (e->until_at && e->kind != FU_EV_SNOOZE && e->kind != FU_EV_OFFER)
		return base ? field_error(db, base, "until", "only a snooze or "
					  "an offer has until, not %s", kind)
			    : fu__error(db, FU_EINVALID, "--until is for snooze "
					"(until when) and offer (their "
					"deadline)");
	if (e->expect_at && e->kind != FU_EV_INTERVIEW &&
	    e->kind != FU_EV_REPLY && e->kind != FU_EV_TIMELINE &&
	    e->kind != FU_EV_HELP_PROMISED && e->kind != FU_EV_MEETING)
		return base ? field_error(db, base, "expect", "only interview, "
					  "meeting, reply, timeline and "
					  "help-promised have expect, not %s",
					  kind)
			    : fu__error(db, FU_EINVALID, "--expect is for "
					"interview, meeting, reply, timeline "
					"and help-promised");
	if (e->channel < 0 || e->channel >= FU_CH__COUNT)
		return field_error(db, base, "channel", "unknown channel");
	if ((rc = check_field(db, base, "note", "the note", e->note,
			      FU__NOTE_MAX, 1)) ||
	    (rc = check_field(db, base, "action", "the action", e->action,
			      FU__ACTION_MAX, 0)))
		return rc;
	for (size_t i = 0; i < e->ntopics; i++) {
		char key[32];
		snprintf(key, sizeof key, "topics[%zu]", i);
		if ((rc = check_required(db, base, key, "the topic",
					 e->topics[i], FU__FIELD_MAX)))
			return rc;
	}
	for (size_t i = 0; i < e->nwith_new; i++)
		if ((rc = check_required(db, base, "with", "the contact's name",
					 e->with_new[i], FU__NAME_MAX)))
			return rc;
	return FU_OK;
}

/* Record an event's --with people and topics (e->id set). */
static int insert_event_people(fu_db *db, const fu_event *e)
{
	sqlite3_stmt *st = NULL;
	int rc;
	for (size_t i = 0; i < e->nwith; i++) {
		if ((rc = fu__prepare(db, &st, "INSERT INTO event_contacts "
			"(event_id, position, contact_id) VALUES (?, ?, ?)")))
			return rc;
		sqlite3_bind_int64(st, 1, e->id);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		sqlite3_bind_int64(st, 3, e->with[i]);
		if ((rc = fu__step_done(db, st)))
			return rc;
	}
	for (size_t i = 0; i < e->ntopics; i++) {
		if ((rc = fu__prepare(db, &st, "INSERT INTO event_topics "
			"(event_id, position, text) VALUES (?, ?, ?)")))
			return rc;
		sqlite3_bind_int64(st, 1, e->id);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		fu__bind_text(st, 3, e->topics[i]);
		if ((rc = fu__step_done(db, st)))
			return rc;
	}
	return FU_OK;
}

int fu__insert_event(fu_db *db, fu_event *e, int64_t id, int64_t created)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "INSERT INTO events (id, kind, at, "
		"application_id, contact_id, channel, expect_at, until_at, "
		"note, action, outcome, urgent, created_at) "
		"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
	if (rc)
		return rc;
	if (!created)
		created = db->now;
	fu__bind_time(st, 1, id); /* NULL: the next number */
	fu__bind_text(st, 2, fu_event_kind_name(e->kind));
	sqlite3_bind_int64(st, 3, e->at);
	fu__bind_time(st, 4, e->application_id);
	fu__bind_time(st, 5, e->contact_id);
	fu__bind_text(st, 6, fu_channel_name(e->channel));
	fu__bind_time(st, 7, e->expect_at);
	fu__bind_time(st, 8, e->until_at);
	fu__bind_text(st, 9, e->note);
	fu__bind_text(st, 10, e->action);
	fu__bind_text(st, 11, fu_outcome_name(e->outcome));
	sqlite3_bind_int(st, 12, e->urgent != 0);
	sqlite3_bind_int64(st, 13, created);
	if ((rc = fu__step_done(db, st)))
		return rc;
	e->id = sqlite3_last_insert_rowid(db->sql);
	e->created_at = created;
	return insert_event_people(db, e);
}

/* Create the people named with --with, then check every one exists;
 * on an application, people met become its contacts. */
static int resolve_event_people(fu_db *db, fu_event *e)
{
	int64_t company = 0;
	int rc;
	if (e->application_id &&
	    (rc = fu__query_int64(db, &company, "SELECT company_id FROM "
			      "applications WHERE id = ?", e->application_id)))
		return rc;
	if (!e->application_id &&
	    (rc = fu__query_int64(db, &company, "SELECT company_id FROM contacts "
			      "WHERE id = ?", e->contact_id)))
		return rc;
	for (size_t i = 0; i < e->nwith_new; i++) {
		int64_t id = 0;
		if ((rc = add_named_contact(db, &id, e->with_new[i], company)) ||
		    push_id(&e->with, &e->nwith, id) != FU_OK)
			return rc ? rc : fu__error(db, FU_ERROR, "out of memory");
	}
	for (size_t i = 0; i < e->nwith; i++)
		if ((rc = contact_exists(db, e->with[i])))
			return rc;
	if (e->application_id && e->kind != FU_EV_SNOOZE &&
	    e->kind != FU_EV_DISMISS)
		return attach_contacts(db, e->application_id, company, e->with,
				       e->nwith, NULL, 0);
	return FU_OK;
}

int fu_event_add(fu_db *db, fu_event *e)
{
	if (e->kind == FU_EV_CLOSED)
		return fu__error(db, FU_EINVALID,
				 "an application is closed with fu close");
	int rc = fu__check_event(db, e, NULL);
	if (rc || (rc = fu__begin(db)))
		return rc;
	if (e->application_id && (rc = application_exists(db, e->application_id)))
		goto fail;
	if (e->contact_id && (rc = contact_exists(db, e->contact_id)))
		goto fail;
	if ((rc = resolve_event_people(db, e)) ||
	    (rc = fu__insert_event(db, e, 0, 0)))
		goto fail;
	rc = e->application_id ? fu__refresh_application(db, e->application_id)
			       : fu__refresh_contact(db, e->contact_id);
	if (rc || (rc = fu__commit(db)))
		goto fail;
	return FU_OK;
fail:
	fu__rollback(db);
	return rc;
}

#define EVENT_COLUMNS \
	"e.id, e.kind, e.at, e.application_id, e.contact_id, e.channel, " \
	"e.expect_at, e.until_at, e.note, e.action, e.outcome, e.urgent, " \
	"e.created_at"

static void read_event(void *row, sqlite3_stmt *st)
{
	fu_event *e = row;
	const char *s;
	e->id = sqlite3_column_int64(st, 0);
	s = (const char *)sqlite3_column_text(st, 1);
	fu_event_kind k = FU_EV_NONE;
	if (s && strcmp(s, "closed") == 0)
		k = FU_EV_CLOSED;
	else if (s)
		fu_event_kind_parse(&k, s);
	e->kind = k;
	e->at = sqlite3_column_int64(st, 2);
	e->application_id = sqlite3_column_int64(st, 3);
	e->contact_id = sqlite3_column_int64(st, 4);
	fu_channel ch = FU_CH_NONE;
	if ((s = (const char *)sqlite3_column_text(st, 5)))
		fu_channel_parse(&ch, s);
	e->channel = ch;
	e->expect_at = sqlite3_column_int64(st, 6);
	e->until_at = sqlite3_column_int64(st, 7);
	e->note = fu__col_text(st, 8);
	e->action = fu__col_text(st, 9);
	fu_outcome o = FU_OUT_NONE;
	if ((s = (const char *)sqlite3_column_text(st, 10)))
		fu_outcome_parse(&o, s);
	e->outcome = o;
	e->urgent = sqlite3_column_int(st, 11);
	e->created_at = sqlite3_column_int64(st, 12);
}

/* The statements that read an event's people and topics: prepared once
 * for a whole list of events, not once per event. */
typedef struct detail_stmts {
	sqlite3_stmt *with, *topics; /* topics NULL: not wanted */
} detail_stmts;

static int prepare_details(fu_db *db, detail_stmts *d, int want_topics)
{
	d->with = d->topics = NULL;
	int rc = fu__prepare(db, &d->with, "SELECT contact_id FROM "
			     "event_contacts WHERE event_id = ? ORDER BY "
			     "position");
	if (!rc && want_topics &&
	    (rc = fu__prepare(db, &d->topics, "SELECT text FROM event_topics "
			      "WHERE event_id = ? ORDER BY position"))) {
		sqlite3_finalize(d->with);
		d->with = NULL;
	}
	return rc;
}

static void finalize_details(detail_stmts *d)
{
	sqlite3_finalize(d->with);
	sqlite3_finalize(d->topics);
}

/* Fill with[] and, when d has its topics statement, topics[] of e. */
static int load_event_details(fu_db *db, detail_stmts *d, fu_event *e)
{
	sqlite3_stmt *st = d->with;
	int rc = FU_OK;
	sqlite3_bind_int64(st, 1, e->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t *p = realloc(e->with, (e->nwith + 1) * sizeof *p);
		if (!p) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		e->with = p;
		p[e->nwith++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc || !(st = d->topics))
		return rc;
	sqlite3_bind_int64(st, 1, e->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char **p = realloc(e->topics, (e->ntopics + 1) * sizeof *p);
		char *t = fu__col_text(st, 0);
		if (!p || !t) {
			if (p)
				e->topics = p;
			free(t);
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		e->topics = p;
		p[e->ntopics++] = t;
	}
	sqlite3_reset(st);
	return rc;
}

int fu_event_get(fu_event **out, fu_db *db, int64_t id)
{
	*out = NULL;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT " EVENT_COLUMNS
			     " FROM events e WHERE e.id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	fu_event *e = NULL;
	if (src == SQLITE_ROW) {
		if (!(e = calloc(1, sizeof *e)))
			rc = fu__error(db, FU_ERROR, "out of memory");
		else
			read_event(e, st);
	} else if (src == SQLITE_DONE) {
		rc = fu__error(db, FU_ENOTFOUND, "no event number %lld",
			       (long long)id);
	} else {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_finalize(st);
	detail_stmts d;
	if (!rc && !(rc = prepare_details(db, &d, 1))) {
		rc = load_event_details(db, &d, e);
		finalize_details(&d);
	}
	if (rc && e) {
		fu_event_free(e);
		e = NULL;
	}
	*out = e;
	return rc;
}

/* Events of a subject: sql binds ?1 (and ?2); rows in EVENT_COLUMNS. */
static int list_events(fu_event **out, size_t *n, fu_db *db, const char *sql,
		       int64_t a1, int want_topics)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, a1);
	void *rows = NULL;
	rc = read_rows(db, st, &rows, n, sizeof **out, read_event);
	*out = rows;
	detail_stmts d;
	if (!rc && *n && !(rc = prepare_details(db, &d, want_topics))) {
		for (size_t i = 0; !rc && i < *n; i++)
			rc = load_event_details(db, &d, &(*out)[i]);
		finalize_details(&d);
	}
	if (rc) {
		fu_event_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static const char app_events_sql[] = "SELECT " EVENT_COLUMNS
	" FROM events e WHERE e.application_id = ?1 ORDER BY e.at, e.id";
static const char contact_events_sql[] = "SELECT " EVENT_COLUMNS
	" FROM events e WHERE e.contact_id = ?1 OR e.id IN (SELECT event_id "
	"FROM event_contacts WHERE contact_id = ?1) ORDER BY e.at, e.id";
static const char networking_events_sql[] = "SELECT " EVENT_COLUMNS
	" FROM events e WHERE e.contact_id = ?1 AND e.application_id IS NULL"
	" ORDER BY e.at, e.id";

int fu_event_list(fu_event **out, size_t *n, fu_db *db,
		  int64_t application_id, int64_t contact_id)
{
	if (application_id)
		return list_events(out, n, db, app_events_sql, application_id,
				   1);
	return list_events(out, n, db, contact_events_sql, contact_id, 1);
}

void fu_event_list_free(fu_event *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fu_event_clear(&list[i]);
	free(list);
}

int fu_event_undo(fu_event **out, fu_db *db, int64_t application_id,
		  int64_t contact_id)
{
	if (out)
		*out = NULL;
	int rc = fu__begin(db);
	if (rc)
		return rc;
	int64_t id = 0;
	fu_event *e = NULL;
	sqlite3_stmt *st = NULL;
	if (application_id)
		rc = fu__query_int64(db, &id, "SELECT max(id) FROM events WHERE "
				 "application_id = ?", application_id);
	else if (contact_id)
		rc = fu__query_int64(db, &id, "SELECT max(id) FROM events WHERE "
				 "contact_id = ?1 OR id IN (SELECT event_id FROM "
				 "event_contacts WHERE contact_id = ?1)",
				 contact_id);
	else
		rc = fu__query_int64(db, &id, "SELECT max(id) FROM events WHERE "
				 "? = 0", 0);
	if (rc)
		goto fail;
	if (!id) {
		rc = fu__error(db, FU_ENOTFOUND, "there is no event to undo");
		goto fail;
	}
	if ((rc = fu_event_get(&e, db, id)) ||
	    (rc = fu__prepare(db, &st, "DELETE FROM events WHERE id = ?")))
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = fu__step_done(db, st)))
		goto fail;
	if (e->kind == FU_EV_CLOSED && (rc = sync_outcome(db, e->application_id)))
		goto fail;
	if (e->kind == FU_EV_CLOSED && e->outcome == FU_OUT_ACCEPTED)
		rc = fu__refresh_all(db);
	else if (e->application_id)
		rc = fu__refresh_application(db, e->application_id);
	else
		rc = fu__refresh_contact(db, e->contact_id);
	if (rc || (rc = fu__commit(db)))
		goto fail;
	if (out)
		*out = e;
	else
		fu_event_free(e);
	return FU_OK;
fail:
	fu_event_free(e);
	fu__rollback(db);
	return rc;
}

/* --- keeping actions up to date ----------------------------------------- */

/* The people a subject involves, as the rules see them; their names
 * point into `names`, which owns them. */
typedef struct people {
	fu_rule_contact *c;
	size_t n;
	char **names;
} people;

static void people_free(people *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->names[i]);
	free(p->names);
	free(p->c);
}

static int people_add(fu_db *db, people *p, int64_t id, int attached)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->c[i].id == id) {
			p->c[i].attached |= attached;
			return FU_OK;
		}
	fu_contact *c = NULL;
	int rc = fu_contact_get(&c, db, id);
	if (rc)
		return rc;
	fu_rule_contact *nc = realloc(p->c, (p->n + 1) * sizeof *nc);
	char **nn = nc ? realloc(p->names, (p->n + 1) * sizeof *nn) : NULL;
	if (nc)
		p->c = nc;
	if (nn)
		p->names = nn;
	if (!nc || !nn) {
		fu_contact_free(c);
		return fu__error(db, FU_ERROR, "out of memory");
	}
	fu_rule_contact *r = &p->c[p->n];
	memset(r, 0, sizeof *r);
	r->id = id;
	p->names[p->n] = c->name;
	c->name = NULL;
	r->name = p->names[p->n];
	r->prefers = c->prefers;
	r->no_calls = c->no_calls;
	r->social_ok = c->social_ok;
	r->attached = attached;
	r->has_email = c->email && *c->email;
	r->has_phone = c->phone && *c->phone;
	r->has_address = c->address && *c->address;
	p->n++;
	fu_contact_free(c);
	return FU_OK;
}

static int store_actions(fu_db *db, const fu_action *acts, size_t n,
			 int64_t subject_contact)
{
	int rc = FU_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		const fu_action *a = &acts[i];
		sqlite3_stmt *st = NULL;
		if ((rc = fu__prepare(db, &st, "INSERT INTO actions (key, kind, "
			"rule, application_id, subject_contact_id, contact_id, "
			"channel, not_before, due, trigger_event_id, seq, "
			"snoozed, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")))
			break;
		fu__bind_text(st, 1, a->key);
		fu__bind_text(st, 2, a->kind);
		fu__bind_text(st, 3, a->rule ? a->rule : a->kind);
		fu__bind_time(st, 4, a->application_id);
		fu__bind_time(st, 5, subject_contact);
		fu__bind_time(st, 6, a->contact_id);
		fu__bind_text(st, 7, fu_channel_name(a->channel));
		sqlite3_bind_int64(st, 8, a->not_before);
		sqlite3_bind_int64(st, 9, a->due);
		fu__bind_time(st, 10, a->trigger_event_id);
		sqlite3_bind_int(st, 11, a->seq);
		sqlite3_bind_int(st, 12, a->snoozed);
		fu__bind_text(st, 13, a->reason);
		rc = fu__step_done(db, st);
	}
	return rc;
}

static int delete_actions(fu_db *db, const char *sql, int64_t id)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return fu__step_done(db, st);
}

/* Evaluate a subject whose events are loaded, and store what it owes. */
static int evaluate(fu_db *db, fu_rule_subject *s, const fu_event *ev,
		    size_t nev, people *p)
{
	int rc = FU_OK;
	for (size_t i = 0; i < nev && !rc; i++)
		for (size_t j = 0; j < ev[i].nwith && !rc; j++)
			rc = people_add(db, p, ev[i].with[j], 0);
	if (rc)
		return rc;
	if (!db->params_valid) {
		if ((rc = fu_config_params(&db->params, db)))
			return rc;
		db->params_valid = 1;
	}
	s->contacts = p->c;
	s->ncontacts = p->n;
	s->events = ev;
	s->nevents = nev;
	fu_action *acts = NULL;
	size_t nacts = 0;
	if (fu_rules_eval(&acts, &nacts, s, &db->params) != FU_OK)
		return fu__error(db, FU_ERROR, "out of memory");
	rc = store_actions(db, acts, nacts, s->contact_id);
	free(acts);
	return rc;
}

/* The two earliest jobs accepted, read once for a refresh of every
 * application (instead of once per application: a scan each time). */
typedef struct accepted_jobs {
	int64_t id[2], at[2];
	int n;
} accepted_jobs;

static int load_accepted(fu_db *db, accepted_jobs *acc)
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
static int accepted_at(fu_db *db, const accepted_jobs *acc, int64_t self,
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

static int refresh_application(fu_db *db, int64_t id,
			       const accepted_jobs *acc)
{
	fu_application *a = NULL;
	fu_event *ev = NULL;
	size_t nev = 0;
	people p = { 0 };
	fu_rule_subject s = { 0 };
	int rc;
	if ((rc = delete_actions(db, "DELETE FROM actions WHERE "
				 "application_id = ?", id)) ||
	    (rc = fu_application_get(&a, db, id)) ||
	    (rc = list_events(&ev, &nev, db, app_events_sql, id, 0)))
		goto done;
	for (size_t i = 0; i < a->ncontacts && !rc; i++)
		rc = people_add(db, &p, a->contact_ids[i], 1);
	if (rc || (rc = accepted_at(db, acc, id, &s.accepted_at)))
		goto done;
	s.application_id = id;
	s.source = a->source;
	s.no_calls = a->no_calls;
	s.no_follow_up = a->no_follow_up;
	s.outcome = a->outcome;
	s.closed_at = a->closed_at;
	s.applied_at = a->applied_at;
	rc = evaluate(db, &s, ev, nev, &p);
done:
	people_free(&p);
	fu_event_list_free(ev, nev);
	fu_application_free(a);
	return rc;
}

int fu__refresh_application(fu_db *db, int64_t id)
{
	return refresh_application(db, id, NULL);
}

int fu__refresh_contact(fu_db *db, int64_t id)
{
	fu_event *ev = NULL;
	size_t nev = 0;
	people p = { 0 };
	fu_rule_subject s = { 0 };
	int rc;
	if ((rc = delete_actions(db, "DELETE FROM actions WHERE "
				 "subject_contact_id = ?", id)) ||
	    (rc = list_events(&ev, &nev, db, networking_events_sql, id, 0)))
		goto done;
	if (nev == 0)
		goto done;
	if ((rc = people_add(db, &p, id, 1)))
		goto done;
	s.contact_id = id;
	rc = evaluate(db, &s, ev, nev, &p);
done:
	people_free(&p);
	fu_event_list_free(ev, nev);
	return rc;
}

/* Run fn over every id a query yields (query binds ?1 = arg). */
static int for_each_id(fu_db *db, const char *sql, int64_t arg,
		       int (*fn)(fu_db *, int64_t))
{
	int64_t *ids = NULL;
	size_t n = 0;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, arg);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *p = realloc(ids, (n + 1) * sizeof *p);
		if (!p) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		ids = p;
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	for (size_t i = 0; i < n && !rc; i++)
		rc = fn(db, ids[i]);
	free(ids);
	return rc;
}

int fu__refresh_involving(fu_db *db, int64_t contact)
{
	int rc = for_each_id(db,
		"SELECT application_id FROM application_contacts WHERE "
		"contact_id = ?1 UNION SELECT e.application_id FROM events e "
		"JOIN event_contacts ec ON ec.event_id = e.id WHERE "
		"ec.contact_id = ?1 AND e.application_id IS NOT NULL",
		contact, fu__refresh_application);
	if (rc)
		return rc;
	return for_each_id(db,
		"SELECT ?1 UNION SELECT e.contact_id FROM events e JOIN "
		"event_contacts ec ON ec.event_id = e.id WHERE ec.contact_id = "
		"?1 AND e.application_id IS NULL", contact, fu__refresh_contact);
}

int fu__refresh_all(fu_db *db)
{
	accepted_jobs acc;
	sqlite3_stmt *st = NULL;
	int rc, src;
	if ((rc = fu__exec(db, "DELETE FROM actions")) ||
	    (rc = load_accepted(db, &acc)) ||
	    (rc = fu__prepare(db, &st, "SELECT id FROM applications")))
		return rc;
	/* refreshing writes only actions: the rows being read stay put */
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW)
		rc = refresh_application(db, sqlite3_column_int64(st, 0), &acc);
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	if (rc)
		return rc;
	return for_each_id(db, "SELECT DISTINCT contact_id FROM events WHERE "
			   "application_id IS NULL AND ?1 = 0", 0,
			   fu__refresh_contact);
}

int fu_actions_recompute_all(fu_db *db)
{
	int rc = fu__begin(db);
	if (rc)
		return rc;
	if ((rc = fu__refresh_all(db)) || (rc = fu__commit(db)))
		fu__rollback(db);
	return rc;
}

/* --- reading actions ----------------------------------------------------- */

#define ACTION_SELECT \
	"SELECT x.id, x.key, x.kind, x.rule, x.application_id, " \
	"x.subject_contact_id, x.contact_id, x.channel, x.not_before, " \
	"x.due, x.trigger_event_id, x.seq, x.snoozed, x.reason, " \
	"co.name, a.role, c.name, sc.name FROM actions x " \
	"LEFT JOIN applications a ON a.id = x.application_id " \
	"LEFT JOIN companies co ON co.id = a.company_id " \
	"LEFT JOIN contacts c ON c.id = x.contact_id " \
	"LEFT JOIN contacts sc ON sc.id = x.subject_contact_id"

/* Column i, cut to fit buf (as snprintf "%s" would, "" for NULL). */
static void column_into(char *buf, size_t len, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
	if (n >= len)
		n = len - 1;
	if (n)
		memcpy(buf, t, n);
	buf[n] = '\0';
}

/* A row of ACTION_SELECT; its strings point into the statement. */
static void read_action_row(fu_action_row *r, sqlite3_stmt *st)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	column_into(r->a.key, sizeof r->a.key, st, 1);
	const char *kind = (const char *)sqlite3_column_text(st, 2);
	const fu_rule_info *ri = NULL;
	for (size_t k = 0; kind && fu_action_kinds[k]; k++)
		if (strcmp(fu_action_kinds[k], kind) == 0) {
			r->a.kind = fu_action_kinds[k];
			break;
		}
	ri = fu_rule_find((const char *)sqlite3_column_text(st, 3));
	r->a.rule = ri ? ri->id : r->a.kind;
	if (!r->a.kind)
		r->a.kind = "unknown";
	r->a.application_id = sqlite3_column_int64(st, 4);
	r->subject_contact_id = sqlite3_column_int64(st, 5);
	r->a.contact_id = sqlite3_column_int64(st, 6);
	fu_channel ch = FU_CH_NONE;
	const char *chs = (const char *)sqlite3_column_text(st, 7);
	if (chs)
		fu_channel_parse(&ch, chs);
	r->a.channel = ch;
	r->a.not_before = sqlite3_column_int64(st, 8);
	r->a.due = sqlite3_column_int64(st, 9);
	r->a.trigger_event_id = sqlite3_column_int64(st, 10);
	r->a.seq = sqlite3_column_int(st, 11);
	r->a.snoozed = sqlite3_column_int(st, 12);
	column_into(r->a.reason, sizeof r->a.reason, st, 13);
	r->company = (char *)sqlite3_column_text(st, 14);
	r->role = (char *)sqlite3_column_text(st, 15);
	r->contact_name = (char *)sqlite3_column_text(st, 16);
	r->subject_name = (char *)sqlite3_column_text(st, 17);
}

int fu_action_each(fu_db *db, const fu_action_filter *f,
		   int (*fn)(const fu_action_row *row, void *arg), void *arg)
{
	static const fu_action_filter none = { 0 };
	if (!f)
		f = &none;
	/* Only the conditions the filter sets, so that one application's
	 * actions are found through actions_application. "+x.due": read
	 * the table in its order and sort, rather than visit its rows in
	 * the order of actions_due (a random read for every row). */
	char sql[sizeof ACTION_SELECT + 256];
	snprintf(sql, sizeof sql, "%s WHERE 1%s%s%s%s ORDER BY %s+x.due, "
		 "x.not_before, x.key, x.id", ACTION_SELECT,
		 f->until ? " AND x.not_before <= ?1" : "",
		 f->overdue_only ? " AND x.due < ?2" : "",
		 f->application_id ? " AND x.application_id = ?3" : "",
		 f->contact_id ? " AND (x.contact_id = ?4 OR "
		 "x.subject_contact_id = ?4)" : "",
		 f->by_application ? "x.application_id, " : "");
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	if (f->until)
		sqlite3_bind_int64(st, 1, f->until);
	if (f->overdue_only)
		sqlite3_bind_int64(st, 2, f->now);
	if (f->application_id)
		sqlite3_bind_int64(st, 3, f->application_id);
	if (f->contact_id)
		sqlite3_bind_int64(st, 4, f->contact_id);
	int src;
	fu_action_row r;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		read_action_row(&r, st);
		if ((rc = fn(&r, arg)))
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

typedef struct action_array {
	fu_db *db;
	fu_action_row *rows;
	size_t n, cap;
} action_array;

static int collect_action(const fu_action_row *row, void *arg)
{
	action_array *x = arg;
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 16;
		fu_action_row *p = realloc(x->rows, cap * sizeof *p);
		if (!p)
			return fu__error(x->db, FU_ERROR, "out of memory");
		x->rows = p;
		x->cap = cap;
	}
	fu_action_row *r = &x->rows[x->n++];
	*r = *row;
	r->company = fu__strdup(row->company);
	r->role = fu__strdup(row->role);
	r->contact_name = fu__strdup(row->contact_name);
	r->subject_name = fu__strdup(row->subject_name);
	if ((row->company && !r->company) || (row->role && !r->role) ||
	    (row->contact_name && !r->contact_name) ||
	    (row->subject_name && !r->subject_name))
		return fu__error(x->db, FU_ERROR, "out of memory");
	return FU_OK;
}

int fu_action_list(fu_action_row **out, size_t *n, fu_db *db,
		   const fu_action_filter *f)
{
	action_array x = { db, NULL, 0, 0 };
	int rc = fu_action_each(db, f, collect_action, &x);
	if (rc) {
		fu_action_list_free(x.rows, x.n);
		x.rows = NULL;
		x.n = 0;
	}
	*out = x.rows;
	*n = x.n;
	return rc;
}

void fu_action_list_free(fu_action_row *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].company);
		free(list[i].role);
		free(list[i].contact_name);
		free(list[i].subject_name);
	}
	free(list);
}
