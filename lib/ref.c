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

int fu_ref_among(size_t *index, fu_db *db, const char *text,
		 const char *const *names, const int64_t *ids, size_t n)
{
	*index = 0;
	if (!text || !text[strspn(text, " \t")])
		return fu__error(db, FU_EINVALID, "missing the person");
	int best = TIER_NONE, tie = 0;
	for (size_t i = 0; i < n; i++) {
		int tier = is_number(text)
			? (ids && ids[i] && ids[i] == strtoll(text + (*text == '#'),
							      NULL, 10)
			   ? TIER_EXACT : TIER_NONE)
			: names[i] ? tier_of(names[i], text) : TIER_NONE;
		if (tier > TIER_INSIDE || tier > best)
			continue;
		if (tier < best) {
			best = tier;
			tie = 0;
			*index = i;
		} else if (!(ids && ids[i] && ids[i] == ids[*index])) {
			tie = 1; /* as good, and someone else */
		}
	}
	if (best <= TIER_INSIDE && !tie)
		return FU_OK;
	fu_buf b = FU_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		fu_buf_printf(&b, "%s%s", i ? ", " : "", names[i] ? names[i] : "?");
	int rc = b.failed ? fu__error(db, FU_ERROR, "out of memory")
		: best == TIER_NONE ? fu__error(db, FU_ENOTFOUND, "'%s' is none "
						"of %s", text, n ? b.data
						: "the people named")
		: fu__error(db, FU_EAMBIGUOUS, "'%s' matches more than one of "
			    "%s: write more of the name", text, b.data);
	fu_buf_free(&b);
	return rc;
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

/* --- completion ---------------------------------------------------------- */

typedef struct complete {
	fu_db *db;
	int what;
	size_t max;   /* candidates at most */
	char **words; /* given so far (no word twice) */
	size_t n;
	int (*fn)(const fu_ref_candidate *c, void *arg);
	void *arg;
	int stop;     /* fn's non-zero, or an error (negative) */
	sqlite3_stmt *apps;   /* the applications of a company */
} complete;

static int full(const complete *k)
{
	return k->stop || k->n >= k->max;
}

/* Give word (with its description) to fn, once. */
static void emit(complete *k, const char *word, const char *descr)
{
	if (full(k) || !word || !*word)
		return;
	for (size_t i = 0; i < k->n; i++)
		if (!strcmp(k->words[i], word))
			return;
	char *copy = fu__strdup(word);
	if (!copy) {
		k->stop = fu__error(k->db, FU_ERROR, "out of memory");
		return;
	}
	k->words[k->n++] = copy;
	fu_ref_candidate c = { word, descr ? descr : "" };
	int rc = k->fn(&c, k->arg);
	if (rc)
		k->stop = rc;
}

static void step_error(complete *k, int src)
{
	if (!k->stop)
		k->stop = fu__sqlerr(k->db, src, "cannot read the database");
}

static sqlite3_stmt *prepare(complete *k, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (!k->stop) {
		int rc = fu__prepare(k->db, &st, sql);
		if (rc)
			k->stop = rc;
	}
	return st;
}

/* "Acme, Backend Engineer" (closed: " (closed)") */
static void app_descr(fu_buf *b, const char *company, const char *role,
		      int open)
{
	fu_buf_clear(b);
	fu_buf_printf(b, "%s, %s%s", company ? company : "?", role ? role : "?",
		      open ? "" : " (closed)");
}

/* The numbers in [lo, hi], applications then contacts, by number. */
static void numbers_in(complete *k, sqlite3_stmt *apps, sqlite3_stmt *people,
		       int64_t lo, int64_t hi)
{
	fu_buf b = FU_BUF_INIT;
	char num[24];
	for (int pass = 0; pass < 2 && !full(k); pass++) {
		sqlite3_stmt *st = pass ? people : apps;
		if (!st)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, lo);
		sqlite3_bind_int64(st, 2, hi);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)(k->max - k->n));
		int src = SQLITE_DONE;
		while (!full(k) && (src = sqlite3_step(st)) == SQLITE_ROW) {
			const char *a = (const char *)sqlite3_column_text(st, 1);
			const char *c = (const char *)sqlite3_column_text(st, 2);
			fu_buf_clear(&b);
			if (pass)
				fu_buf_printf(&b, "%s%s%s", a ? a : "?",
					      c ? ", " : "", c ? c : "");
			else
				app_descr(&b, a, c, sqlite3_column_int(st, 3));
			snprintf(num, sizeof num, "%lld",
				 (long long)sqlite3_column_int64(st, 0));
			emit(k, num, b.data);
		}
		if (!full(k) && src != SQLITE_DONE)
			step_error(k, src);
	}
	fu_buf_free(&b);
}

/* Numbers that start with digits ("" : the newest first), by ranges of
 * numbers: 12, 120-129, 1200-1299, ... each read by its primary key. */
static void complete_numbers(complete *k, const char *digits, size_t max)
{
	int apps = k->what & (FU_COMPLETE_OPEN | FU_COMPLETE_CLOSED);
	int people = k->what & FU_COMPLETE_CONTACTS;
	if (!apps && !people)
		return;
	size_t was = k->max;
	if (k->n + max < k->max)
		k->max = k->n + max;
#define APP_NUMBERS(OPEN, ORDER) \
	"SELECT a.id, co.name, a.role, a.outcome IS NULL FROM applications a " \
	"JOIN companies co ON co.id = a.company_id WHERE a.id BETWEEN ?1 " \
	"AND ?2" OPEN " ORDER BY a.id" ORDER " LIMIT ?3"
#define PEOPLE_NUMBERS(ORDER) \
	"SELECT c.id, c.name, co.name FROM contacts c LEFT JOIN companies " \
	"co ON co.id = c.company_id WHERE c.id BETWEEN ?1 AND ?2 ORDER BY " \
	"c.id" ORDER " LIMIT ?3"
	static const char *const app_sql[2][2] = {
		{ APP_NUMBERS(" AND a.outcome IS NULL", ""),
		  APP_NUMBERS(" AND a.outcome IS NULL", " DESC") },
		{ APP_NUMBERS("", ""), APP_NUMBERS("", " DESC") },
	};
	static const char *const people_sql[2] = {
		PEOPLE_NUMBERS(""), PEOPLE_NUMBERS(" DESC")
	};
	int newest = !*digits;
	sqlite3_stmt *a = NULL, *p = NULL;
	if (apps)
		a = prepare(k, app_sql[(k->what & FU_COMPLETE_CLOSED) != 0]
			    [newest]);
	if (people)
		p = prepare(k, people_sql[newest]);
	if (newest) {
		/* half of the room for each */
		size_t room = k->max - k->n, end = k->max;
		k->max = k->n + (a && p ? (room + 1) / 2 : room);
		numbers_in(k, a, NULL, 1, INT64_MAX);
		k->max = end;
		numbers_in(k, NULL, p, 1, INT64_MAX);
	} else if (*digits != '0' && strlen(digits) <= 18) {
		int64_t top = 0, d = strtoll(digits, NULL, 10), span = 1;
		int64_t t1 = 0, t2 = 0;
		if (!k->stop && ((k->stop = fu__query_int64(k->db, &t1,
				"SELECT coalesce(max(id), 0) FROM applications",
				0)) ||
		    (k->stop = fu__query_int64(k->db, &t2,
				"SELECT coalesce(max(id), 0) FROM contacts", 0))))
			goto done;
		top = t1 > t2 ? t1 : t2;
		for (int64_t lo = d; lo <= top && !full(k); ) {
			numbers_in(k, a, p, lo, lo + span - 1);
			if (lo > INT64_MAX / 10 || span > INT64_MAX / 10)
				break;
			lo *= 10;
			span *= 10;
		}
	}
done:
	sqlite3_finalize(a);
	sqlite3_finalize(p);
	k->max = was;
}

/* The applications of company id (open ones first), up to 9: their ids,
 * roles and whether open, into the arrays; how many. */
static size_t company_apps(complete *k, int64_t id, int64_t *ids,
			   char roles[9][256], int *open)
{
	sqlite3_stmt *st = k->apps;
	size_t n = 0;
	if (!st)
		return 0;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, (k->what & FU_COMPLETE_CLOSED) != 0);
	int src = SQLITE_DONE;
	while (n < 9 && (src = sqlite3_step(st)) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		snprintf(roles[n], sizeof roles[n], "%s",
			 (const char *)sqlite3_column_text(st, 1));
		open[n] = sqlite3_column_int(st, 2);
		n++;
	}
	if (n < 9 && src != SQLITE_DONE)
		step_error(k, src);
	return n;
}

/* A company found: its name (with what it has), and "Company Role" for
 * each of its applications when it has several (only those that start
 * with f, when f goes past the company's name). */
static void company_found(complete *k, int64_t id, const char *name,
			  const char *f)
{
	fu_buf b = FU_BUF_INIT, w = FU_BUF_INIT;
	int64_t ids[9];
	char roles[9][256];
	int open[9];
	if (!(k->what & (FU_COMPLETE_OPEN | FU_COMPLETE_CLOSED))) {
		/* --company: the name, and how many applications */
		k->what |= FU_COMPLETE_CLOSED;
		size_t n = company_apps(k, id, ids, roles, open);
		k->what &= ~FU_COMPLETE_CLOSED;
		if (n == 1)
			fu_buf_printf(&b, "%lld %s", (long long)ids[0], roles[0]);
		else if (n > 1)
			fu_buf_printf(&b, "%s%zu applications", n == 9 ? "9 or "
				      "more " : "", n);
		emit(k, name, b.data);
		fu_buf_free(&b);
		return;
	}
	size_t n = company_apps(k, id, ids, roles, open);
	char *fname = fu__fold(name, FU_FOLD_ACCENTS);
	int whole = fname && strncmp(fname, f, strlen(f)) == 0;
	if (n && whole) {
		if (n == 1)
			fu_buf_printf(&b, "%lld %s%s", (long long)ids[0], roles[0],
				      open[0] ? "" : " (closed)");
		else
			fu_buf_printf(&b, "%s%zu applications", n == 9 ?
				      "9 or more " : "", n);
		emit(k, name, b.data);
	}
	for (size_t i = 0; n > 1 && i < n && !full(k); i++) {
		fu_buf_clear(&w);
		fu_buf_printf(&w, "%s %s", name, roles[i]);
		char *fw = fu__fold(w.data, FU_FOLD_ACCENTS);
		if (fw && strncmp(fw, f, strlen(f)) == 0) {
			fu_buf_clear(&b);
			fu_buf_printf(&b, "%lld%s", (long long)ids[i],
				      open[i] ? "" : " (closed)");
			emit(k, w.data, b.data);
		}
		free(fw);
	}
	free(fname);
	fu_buf_free(&b);
	fu_buf_free(&w);
}

/* f with its last byte one higher: the end of the range of the folded
 * names that start with f (no end: "\xff"). */
static void range_end(char *hi, size_t len, const char *f)
{
	size_t n = strlen(f);
	if (n >= len)
		n = len - 1;
	memcpy(hi, f, n);
	while (n > 0 && (unsigned char)hi[n - 1] == 0xff)
		n--;
	if (n == 0) {
		snprintf(hi, len, "\xff");
		return;
	}
	hi[n - 1] = (char)((unsigned char)hi[n - 1] + 1);
	hi[n] = '\0';
}

/* Companies whose folded name starts with f, by index; and those whose
 * name is the start of f up to a space ("acme b": Acme's roles). */
static void complete_companies(complete *k, const char *f, const char *hi,
			       size_t max)
{
	size_t was = k->max;
	if (k->n + max < k->max)
		k->max = k->n + max;
	sqlite3_stmt *st = prepare(k, "SELECT id, name FROM companies WHERE "
		"fold >= ?1 AND fold < ?2 ORDER BY fold, id LIMIT ?3");
	if (st) {
		fu__bind_text(st, 1, f);
		fu__bind_text(st, 2, hi);
		/* companies without an application that counts are passed
		 * over: a few times the room, at most */
		sqlite3_bind_int64(st, 3, (sqlite3_int64)(4 * k->max + 16));
		int src = SQLITE_DONE;
		while (!full(k) && (src = sqlite3_step(st)) == SQLITE_ROW)
			company_found(k, sqlite3_column_int64(st, 0),
				      (const char *)sqlite3_column_text(st, 1), f);
		if (!full(k) && src != SQLITE_DONE)
			step_error(k, src);
		sqlite3_finalize(st);
	}
	if (k->what & (FU_COMPLETE_OPEN | FU_COMPLETE_CLOSED) && strchr(f, ' ')) {
		st = prepare(k, "SELECT id, name FROM companies WHERE fold = ?1");
		char part[512];
		for (size_t i = strlen(f); st && i-- > 0 && !full(k);) {
			if (f[i] != ' ' || i == 0 || i >= sizeof part)
				continue;
			memcpy(part, f, i);
			part[i] = '\0';
			sqlite3_reset(st);
			fu__bind_text(st, 1, part);
			int src = SQLITE_DONE;
			while (!full(k) && (src = sqlite3_step(st)) == SQLITE_ROW)
				company_found(k, sqlite3_column_int64(st, 0),
					(const char *)sqlite3_column_text(st, 1),
					f);
			if (!full(k) && src != SQLITE_DONE)
				step_error(k, src);
		}
		sqlite3_finalize(st);
	}
	k->max = was;
}

/* Contacts whose folded name starts with f: each name once (with the
 * company, or how many share it), from one folded name to the next by
 * index, however many people share one. */
static void complete_contacts(complete *k, const char *f, const char *hi)
{
	sqlite3_stmt *first = prepare(k, "SELECT fold FROM contacts WHERE "
		"fold >= ?1 AND fold < ?2 ORDER BY fold LIMIT 1");
	sqlite3_stmt *next = prepare(k, "SELECT fold FROM contacts WHERE "
		"fold > ?1 AND fold < ?2 ORDER BY fold LIMIT 1");
	sqlite3_stmt *names = prepare(k, "SELECT c.name, co.name FROM contacts "
		"c LEFT JOIN companies co ON co.id = c.company_id WHERE "
		"c.fold = ?1 ORDER BY c.id LIMIT 8");
	sqlite3_stmt *count = prepare(k, "SELECT count(*) FROM contacts WHERE "
		"fold = ?1");
	char *at = fu__strdup(f);
	fu_buf b = FU_BUF_INIT;
	for (sqlite3_stmt *st = first; at && st && names && count && !full(k);
	     st = next) {
		sqlite3_reset(st);
		fu__bind_text(st, 1, at);
		fu__bind_text(st, 2, hi);
		int src = sqlite3_step(st);
		if (src != SQLITE_ROW) {
			if (src != SQLITE_DONE)
				step_error(k, src);
			break;
		}
		free(at);
		at = fu__strdup((const char *)sqlite3_column_text(st, 0));
		if (!at)
			break;
		int64_t many = 0;
		sqlite3_reset(count);
		fu__bind_text(count, 1, at);
		if ((src = sqlite3_step(count)) == SQLITE_ROW)
			many = sqlite3_column_int64(count, 0);
		sqlite3_reset(names);
		fu__bind_text(names, 1, at);
		while (!full(k) && (src = sqlite3_step(names)) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(names, 0);
			const char *co = (const char *)sqlite3_column_text(names, 1);
			fu_buf_clear(&b);
			if (many > 1)
				fu_buf_printf(&b, "%lld contacts", (long long)many);
			else if (co)
				fu_buf_puts(&b, co);
			emit(k, name, b.data);
		}
		if (!full(k) && src != SQLITE_DONE)
			step_error(k, src);
	}
	if (!at && !k->stop)
		k->stop = fu__error(k->db, FU_ERROR, "out of memory");
	free(at);
	fu_buf_free(&b);
	sqlite3_finalize(first);
	sqlite3_finalize(next);
	sqlite3_finalize(names);
	sqlite3_finalize(count);
}

int fu_ref_complete(fu_db *db, const char *word, int what, size_t max,
		    int (*fn)(const fu_ref_candidate *c, void *arg), void *arg)
{
	if (!word)
		word = "";
	if (db->schema_version < 10 || !max)
		return FU_OK; /* no folded names yet: nothing */
	complete k = { db, what, max, NULL, 0, fn, arg, 0, NULL };
	if (!(k.words = calloc(max, sizeof *k.words)))
		return fu__error(db, FU_ERROR, "out of memory");
	char *f = NULL;
	const char *digits = word[0] == '#' ? word + 1 : word;
	int number = *digits && strspn(digits, "0123456789") == strlen(digits);
	if (!*word || number)
		complete_numbers(&k, digits, *word ? max : max / 2);
	if (!number && !k.stop && !(f = fu__fold(word, FU_FOLD_ACCENTS)))
		k.stop = fu__error(db, FU_ERROR, "out of memory");
	if (!number && f && (!*word || !fu__only_marks(word))) {
		char hi[600];
		range_end(hi, sizeof hi, f);
		if (what & (FU_COMPLETE_OPEN | FU_COMPLETE_CLOSED |
			    FU_COMPLETE_COMPANIES)) {
			k.apps = prepare(&k, "SELECT id, role, outcome IS NULL "
				"FROM applications WHERE company_id = ?1 AND "
				"(?2 OR outcome IS NULL) ORDER BY outcome IS NOT "
				"NULL, id LIMIT 9");
			size_t room = k.max - k.n;
			complete_companies(&k, f, hi, what & FU_COMPLETE_CONTACTS
					   ? (room + 1) / 2 : room);
		}
		if (what & FU_COMPLETE_CONTACTS)
			complete_contacts(&k, f, hi);
	}
	sqlite3_finalize(k.apps);
	free(f);
	for (size_t i = 0; i < k.n; i++)
		free(k.words[i]);
	free(k.words);
	return k.stop;
}
