/*
 * ref.c - what a person typed to name an application or a contact: a
 * number, or an unambiguous, case-insensitive part of a company, a role
 * or a name. Exact names are looked up through indexes first; only when
 * nothing matches exactly are all names scanned for the part.
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

/* Lower case of one code point, for the scripts names are most often
 * written in: Latin (with Latin-1 and Latin Extended-A), Greek and
 * Cyrillic. SQLite's lower() and strcasecmp fold ASCII only. */
static uint32_t fold_cp(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7))
		return c + 32;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return c & 1 ? c + 1 : c;
	if (c == 0x178)
		return 0xff;
	if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2)
		return c + 32;
	if (c == 0x386)
		return 0x3ac;
	if (c >= 0x388 && c <= 0x38a)
		return c + 37;
	if (c == 0x38c)
		return 0x3cc;
	if (c == 0x38e || c == 0x38f)
		return c + 63;
	if (c >= 0x410 && c <= 0x42f)
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	return c;
}

/* Fold valid UTF-8 s into a new string (input is validated on the way
 * into the database; a stray byte is copied as it is). */
static char *fold(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1); /* folding never lengthens these ranges */
	if (!out)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	unsigned char *o = (unsigned char *)out;
	while (*p) {
		uint32_t c = *p;
		size_t len = 1;
		if (c >= 0xc0 && c < 0xe0 && (p[1] & 0xc0) == 0x80) {
			c = ((c & 0x1f) << 6) | (p[1] & 0x3f);
			len = 2;
		}
		if (len == 1) {
			*o++ = (unsigned char)fold_cp(c);
			p++;
			continue;
		}
		c = fold_cp(c); /* every folded 2-byte form stays 2 bytes */
		*o++ = (unsigned char)(0xc0 | (c >> 6));
		*o++ = (unsigned char)(0x80 | (c & 0x3f));
		p += len;
	}
	*o = '\0';
	return out;
}

static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *s = sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	char *f = fold((const char *)s);
	if (!f)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, f, -1, free);
}

int fu__register_functions(fu_db *db)
{
	int rc = sqlite3_create_function(db->sql, "fu_fold", 1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
		sql_fold, NULL, NULL);
	return rc == SQLITE_OK ? FU_OK
			       : fu__sqlerr(db, rc, "cannot open the database");
}

typedef struct cand {
	int type;
	int64_t id;
	int open;
	int tier; /* 0 exact, 1 a word starts with it, 2 inside a word */
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

/* How well `text` matches `name`, both folded: 0 exact, 1 at the start
 * of a word, 2 anywhere, -1 not at all. */
static int tier_in(const char *name, const char *text)
{
	if (strcmp(name, text) == 0)
		return 0;
	size_t tl = strlen(text);
	int best = -1;
	for (const char *p = name; *p; p++) {
		if (strncmp(p, text, tl) != 0)
			continue;
		/* a word starts after anything but a letter, digit or the
		 * inside of a multi-byte character */
		unsigned char b = p == name ? ' ' : (unsigned char)p[-1];
		if ((b & 0xc0) == 0x80 || b >= 0xc0)
			b = 'a';
		if (!isalnum(b))
			return 1;
		best = 2;
	}
	return best;
}

static int tier_of(const char *name, const char *text)
{
	char *fn = fold(name), *ft = fold(text);
	int t = fn && ft ? tier_in(fn, ft) : -1;
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
			tier = 3;
			if (t1 >= 0 && t1 < tier) tier = t1;
			if (t2 >= 0 && t2 < tier) tier = t2;
			if (t3 >= 0 && t3 < tier) tier = t3;
		} else {
			tier = tier_of(a, text);
			if (tier < 0)
				tier = 3;
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
	int best = 4;
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
	if (cs->n == 0) {
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
