/* SPDX-License-Identifier: MIT */
/*
 * ref.c - what a person typed to name an application or a contact: a
 * number, or an unambiguous part of a company, a role or a name, with
 * case and accents ignored. Exact names are looked up through indexes
 * first; only when nothing matches exactly are all names scanned for
 * the part.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fu/buf.h"
#include "fu/store.h"
#include "internal.h"

#define MAX_CANDIDATES 64

typedef struct cand {
	int type;
	int64_t id;
	int open;
	int tier; /* TIER_* */
	char label[160];
} cand;

typedef struct cands {
	cand c[MAX_CANDIDATES];
	size_t n;
	int more; /* more matched than were kept */
} cands;

static int is_number(const char *s)
{
	if (*s == '#')
		s++;
	if (!*s || strlen(s) > 18)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* How well a name matches what was typed, best first. */
enum {
	TIER_EXACT,	 /* the name, but for case */
	TIER_UNACCENTED, /* the name, but for case and accents */
	TIER_WORD,	 /* a word of the name starts with it */
	TIER_INSIDE,	 /* it is inside a word */
	TIER_ELSEWHERE,	 /* only the query found it (role, then company) */
	TIER_NONE
};

/* Where `text` is in `name`, both folded: TIER_EXACT if they are the
 * same, TIER_WORD at the start of a word, TIER_INSIDE anywhere,
 * TIER_NONE not at all. */
static int tier_in(const char *name, const char *text)
{
	if (strcmp(name, text) == 0)
		return TIER_EXACT;
	size_t tl = strlen(text);
	int best = TIER_NONE;
	for (const char *p = name; *p; p++) {
		if (strncmp(p, text, tl) != 0)
			continue;
		/* a word starts after anything but a letter, digit or the
		 * inside of a multi-byte character */
		unsigned char b = p == name ? ' ' : (unsigned char)p[-1];
		if ((b & 0xc0) == 0x80 || b >= 0xc0)
			b = 'a';
		if (!isalnum(b))
			return TIER_WORD;
		best = TIER_INSIDE;
	}
	return best;
}

/* Accents are ignored, but a name typed exactly as it is written, accents
 * and all, beats one that is the same only without them: with a José and
 * a Jose, "josé" means José and "jose" means Jose, so that each can be
 * named. (A name typed with combining marks, e and U+0301, is not the
 * same as one written with é until the accents are folded away.) */
static int tier_of(const char *name, const char *text)
{
	char *fn = fu__fold(name, FU_FOLD_ACCENTS), *ft = fu__fold(text, FU_FOLD_ACCENTS);
	int t = fn && ft ? tier_in(fn, ft) : TIER_NONE;
	free(fn);
	free(ft);
	if (t != TIER_EXACT)
		return t;
	fn = fu__fold(name, FU_FOLD_CASE);
	ft = fu__fold(text, FU_FOLD_CASE);
	if (!fn || !ft || strcmp(fn, ft) != 0)
		t = TIER_UNACCENTED;
	free(fn);
	free(ft);
	return t;
}

static void add_cand(cands *cs, int type, int64_t id, int open, int tier,
		     const char *a, const char *b)
{
	for (size_t i = 0; i < cs->n; i++)
		if (cs->c[i].type == type && cs->c[i].id == id) {
			if (tier < cs->c[i].tier)
				cs->c[i].tier = tier;
			return;
		}
	if (cs->n == MAX_CANDIDATES) {
		cs->more = 1;
		return;
	}
	cand *c = &cs->c[cs->n++];
	c->type = type;
	c->id = id;
	c->open = open;
	c->tier = tier;
	if (type == FU_REF_APPLICATION)
		snprintf(c->label, sizeof c->label, "%lld %s, %s%s",
			 (long long)id, a, b, open ? "" : " (closed)");
	else
		snprintf(c->label, sizeof c->label, "%lld %s%s%s",
			 (long long)id, a, b ? ", " : "", b ? b : "");
}

/* Collect matches of a query whose rows are (id, company/name, role/
 * company, open); `exact` queries bind the text whole. */
static int collect(fu_db *db, cands *cs, int type, const char *sql,
		   const char *text)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	fu__bind_text(st, 1, text);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, 1);
		const char *b = (const char *)sqlite3_column_text(st, 2);
		int open = sqlite3_column_int(st, 3);
		int tier;
		if (type == FU_REF_APPLICATION) {
			char both[512];
			snprintf(both, sizeof both, "%s %s", a, b);
			int t1 = tier_of(a, text), t2 = tier_of(b, text);
			int t3 = tier_of(both, text);
			tier = TIER_ELSEWHERE;
			if (t1 < tier) tier = t1;
			if (t2 < tier) tier = t2;
			if (t3 < tier) tier = t3;
		} else {
			tier = tier_of(a, text);
			if (tier == TIER_NONE)
				tier = TIER_ELSEWHERE;
		}
		add_cand(cs, type, sqlite3_column_int64(st, 0), open, tier, a,
			 b);
	}
	if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

static const char app_exact_sql[] =
	"SELECT a.id, co.name, a.role, a.outcome IS NULL FROM applications a "
	"JOIN companies co ON co.id = a.company_id WHERE co.name = ?1 "
	"COLLATE NOCASE OR a.role = ?1 COLLATE NOCASE";
static const char app_part_sql[] =
	"SELECT a.id, co.name, a.role, a.outcome IS NULL FROM applications a "
	"JOIN companies co ON co.id = a.company_id WHERE "
	"instr(fu_fold(co.name || ' ' || a.role), fu_fold(?1)) > 0 OR "
	"instr(fu_fold(a.role || ' ' || co.name), fu_fold(?1)) > 0";
static const char contact_exact_sql[] =
	"SELECT c.id, c.name, co.name, 1 FROM contacts c LEFT JOIN companies "
	"co ON co.id = c.company_id WHERE c.name = ?1 COLLATE NOCASE";
static const char contact_part_sql[] =
	"SELECT c.id, c.name, co.name, 1 FROM contacts c LEFT JOIN companies "
	"co ON co.id = c.company_id WHERE instr(fu_fold(c.name), fu_fold(?1)) > 0";

static const char *what(int types)
{
	return types == FU_REF_APPLICATION ? "application"
	     : types == FU_REF_CONTACT ? "contact" : "application or contact";
}

static int by_number(fu_ref *out, fu_db *db, const char *text, int types)
{
	int64_t id = strtoll(text[0] == '#' ? text + 1 : text, NULL, 10);
	fu_application *a = NULL;
	fu_contact *c = NULL;
	int rc = fu_application_get(&a, db, id);
	fu_application_free(a);
	if (rc == FU_OK) {
		if (!(types & FU_REF_APPLICATION))
			return fu__error(db, FU_ENOTFOUND, "%lld is an "
					 "application, not a contact",
					 (long long)id);
		out->type = FU_REF_APPLICATION;
		out->id = id;
		return FU_OK;
	}
	if (rc != FU_ENOTFOUND)
		return rc;
	rc = fu_contact_get(&c, db, id);
	fu_contact_free(c);
	if (rc == FU_OK) {
		if (!(types & FU_REF_CONTACT))
			return fu__error(db, FU_ENOTFOUND, "%lld is a contact, "
					 "not an application", (long long)id);
		out->type = FU_REF_CONTACT;
		out->id = id;
		return FU_OK;
	}
	if (rc != FU_ENOTFOUND)
		return rc;
	return fu__error(db, FU_ENOTFOUND, "no %s number %lld", what(types),
			 (long long)id);
}

/* Pick one candidate of the best tier, or say which ones it could be. */
static int choose(fu_ref *out, fu_db *db, cands *cs, const char *text,
		  int types)
{
	int best = TIER_NONE;
	for (size_t i = 0; i < cs->n; i++)
		if (cs->c[i].tier < best)
			best = cs->c[i].tier;
	size_t nbest = 0, nopen = 0;
	cand *pick = NULL, *open = NULL;
	for (size_t i = 0; i < cs->n; i++) {
		if (cs->c[i].tier != best)
			continue;
		nbest++;
		pick = &cs->c[i];
		if (cs->c[i].type == FU_REF_APPLICATION && cs->c[i].open) {
			nopen++;
			open = &cs->c[i];
		}
	}
	if (nbest == 0)
		return fu__error(db, FU_ENOTFOUND, "no %s matches '%s'",
				 what(types), text);
	/* an open application wins over closed ones of the same name */
	int all_apps = 1;
	for (size_t i = 0; i < cs->n; i++)
		if (cs->c[i].tier == best && cs->c[i].type != FU_REF_APPLICATION)
			all_apps = 0;
	if (nbest > 1 && all_apps && nopen == 1)
		pick = open, nbest = 1;
	if (nbest == 1) {
		out->type = pick->type;
		out->id = pick->id;
		return FU_OK;
	}
	fu_buf b = FU_BUF_INIT;
	size_t shown = 0;
	for (size_t i = 0; i < cs->n && shown < 8; i++) {
		if (cs->c[i].tier != best)
			continue;
		fu_buf_printf(&b, "%s%s", shown ? "; " : "", cs->c[i].label);
		shown++;
	}
	if (nbest > shown || cs->more)
		fu_buf_puts(&b, "; ...");
	fu__error(db, FU_EAMBIGUOUS, "'%s' matches more than one %s: %s "
		  "(use the number)", text,
		  types == FU_REF_ANY ? "thing" : what(types), b.data);
	fu_buf_free(&b);
	return FU_EAMBIGUOUS;
}

int fu_ref_resolve(fu_ref *out, fu_db *db, const char *text, int types)
{
	memset(out, 0, sizeof *out);
	if (!text)
		return fu__error(db, FU_EINVALID, "missing reference");
	while (*text == ' ' || *text == '\t')
		text++;
	size_t len = strlen(text);
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (len == 0)
		return fu__error(db, FU_EINVALID, "empty reference: give a "
				 "number or part of a name");
	int rc = fu__check_text(db, "the reference", text, 200, 0);
	if (rc)
		return rc;
	char *t = malloc(len + 1);
	if (!t)
		return fu__error(db, FU_ERROR, "out of memory");
	memcpy(t, text, len);
	t[len] = '\0';
	if (is_number(t)) {
		rc = by_number(out, db, t, types);
		free(t);
		return rc;
	}
	cands *cs = calloc(1, sizeof *cs);
	if (!cs) {
		free(t);
		return fu__error(db, FU_ERROR, "out of memory");
	}
	if ((types & FU_REF_APPLICATION) &&
	    (rc = collect(db, cs, FU_REF_APPLICATION, app_exact_sql, t)))
		goto done;
	if ((types & FU_REF_CONTACT) &&
	    (rc = collect(db, cs, FU_REF_CONTACT, contact_exact_sql, t)))
		goto done;
	if (cs->n == 0 && !fu__only_marks(t)) {
		if ((types & FU_REF_APPLICATION) &&
		    (rc = collect(db, cs, FU_REF_APPLICATION, app_part_sql, t)))
			goto done;
		if ((types & FU_REF_CONTACT) &&
		    (rc = collect(db, cs, FU_REF_CONTACT, contact_part_sql, t)))
			goto done;
	}
	rc = choose(out, db, cs, t, types);
done:
	free(cs);
	free(t);
	return rc;
}

int fu_ref_person(fu_ref *out, fu_db *db, const char *text,
		  int64_t application_id, int64_t contact_id)
{
	memset(out, 0, sizeof *out);
	if (!text)
		return fu__error(db, FU_EINVALID, "missing reference");
	if (is_number(text) || (!application_id && !contact_id) ||
	    !text[strspn(text, " \t")])
		return fu_ref_resolve(out, db, text, FU_REF_CONTACT);
	int rc = fu__check_text(db, "the reference", text, 200, 0);
	if (rc)
		return rc;
	cands *cs = calloc(1, sizeof *cs);
	if (!cs)
		return fu__error(db, FU_ERROR, "out of memory");
	sqlite3_stmt *st = NULL;
	rc = fu__prepare(db, &st, "SELECT c.id, c.name, co.name FROM contacts "
		"c LEFT JOIN companies co ON co.id = c.company_id WHERE c.id IN "
		"(SELECT contact_id FROM application_contacts WHERE "
		"application_id = ?1 UNION SELECT ec.contact_id FROM "
		"event_contacts ec JOIN events e ON e.id = ec.event_id WHERE "
		"(?1 <> 0 AND e.application_id = ?1) OR (?1 = 0 AND "
		"e.contact_id = ?2 AND e.application_id IS NULL) UNION SELECT "
		"?2 WHERE ?2 <> 0)");
	if (rc) {
		free(cs);
		return rc;
	}
	sqlite3_bind_int64(st, 1, application_id);
	sqlite3_bind_int64(st, 2, contact_id);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		int tier = name ? tier_of(name, text) : TIER_NONE;
		if (tier <= TIER_INSIDE)
			add_cand(cs, FU_REF_CONTACT, sqlite3_column_int64(st, 0),
				 1, tier, name,
				 (const char *)sqlite3_column_text(st, 2));
	}
	if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	if (!rc && cs->n) {
		/* one of them: it; several: say which, as a reference does */
		rc = choose(out, db, cs, text, FU_REF_CONTACT);
		free(cs);
		return rc;
	}
	free(cs);
	return rc ? rc : fu_ref_resolve(out, db, text, FU_REF_CONTACT);
}

int fu_company_resolve(char **name, fu_db *db, const char *text)
{
	*name = NULL;
	if (!text)
		return fu__error(db, FU_EINVALID, "the company is empty");
	char *ft = fu__fold(text, FU_FOLD_ACCENTS);
	sqlite3_stmt *st = NULL;
	int rc = ft ? fu__prepare(db, &st, "SELECT name FROM companies WHERE "
				  "instr(fu_fold(name), ?) > 0 ORDER BY id")
		    : fu__error(db, FU_ERROR, "out of memory");
	if (rc) {
		free(ft);
		return rc;
	}
	fu__bind_text(st, 1, ft);
	char *exact = NULL;
	fu_buf words = FU_BUF_INIT;
	size_t nwords = 0;
	char *word = NULL;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 0);
		int t = n ? tier_of(n, text) : TIER_NONE;
		if ((t == TIER_EXACT || t == TIER_UNACCENTED) && !exact)
			exact = fu__strdup(n);
		else if (t == TIER_WORD) {
			if (!nwords++)
				word = fu__strdup(n);
			fu_buf_printf(&words, "%s'%s'", nwords > 1 ? ", " : "", n);
		}
	}
	if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	free(ft);
	if (!rc && exact) {
		*name = exact;
		exact = NULL;
	} else if (!rc && nwords == 1) {
		*name = word;
		word = NULL;
	} else if (!rc && nwords > 1) {
		rc = fu__error(db, FU_EAMBIGUOUS, "'%s' could be the company %s: "
			       "write its whole name (or --new-company for "
			       "another)", text, words.data);
	} else if (!rc && !(*name = fu__strdup(text))) {
		rc = fu__error(db, FU_ERROR, "out of memory");
	}
	free(exact);
	free(word);
	fu_buf_free(&words);
	return rc;
}

int fu__person_alike(fu_db *db, int64_t application_id, int64_t contact_id,
		     const char *name, int64_t *id, char **alike)
{
	*id = 0;
	*alike = NULL;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT id, name FROM contacts WHERE id "
		"IN (SELECT contact_id FROM application_contacts WHERE "
		"application_id = ?1 UNION SELECT ec.contact_id FROM "
		"event_contacts ec JOIN events e ON e.id = ec.event_id WHERE "
		"(?1 <> 0 AND e.application_id = ?1) OR (?1 = 0 AND "
		"e.contact_id = ?2 AND e.application_id IS NULL) UNION SELECT "
		"?2 WHERE ?2 <> 0) ORDER BY id");
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, application_id);
	sqlite3_bind_int64(st, 2, contact_id);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 1);
		if (n && fu__names_alike(n, name)) {
			*id = sqlite3_column_int64(st, 0);
			if (!(*alike = fu__strdup(n)))
				rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
	}
	if (!rc && src != SQLITE_DONE && src != SQLITE_ROW)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}
