/* SPDX-License-Identifier: MIT */
/*
 * fold.c - Unicode case and accent folding, so that what a person types
 * finds a name however it is written ("jose" finds José), and the SQL
 * function fu_fold() that lets queries match the same way.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"

/*
 * Folding is utf8proc's (Debian libutf8proc): Unicode case folding,
 * compatibility decomposition (ﬁ is fi, ĳ is ij, a full-width Ａ is A),
 * the marks taken off (é, ñ, å, ș, ư, ά, ё lose their accents, and a
 * name typed as e and U+0301 meets é), default-ignorable characters
 * dropped (a soft hyphen, a zero-width joiner) and typographic
 * punctuation lumped with its ASCII look-alike (’ is '). Only accents
 * are removed, nothing is transliterated: ü is u, never ue, so
 * "mueller" does not find Müller: Mueller is a name of its own, and the
 * ue of Manuel or Samuel is no umlaut.
 *
 * What Unicode does not decompose, fu adds (extra[]): letters with a
 * stroke, a bar or a hook (ł, ø, đ, ð, ħ, ı, ƀ, ɓ, ...) are typed
 * without it, ligatures are spelt out (æ ae, œ oe) and þ is th, as
 * people type names on a keyboard that lacks them. Apostrophes of any
 * kind are dropped, so that "obrien" finds O'Brien and O’Brien, and the
 * middle dot of the Catalan l·l too.
 *
 * The folded form of every company's and contact's name is stored
 * beside it, for completion by index (schema.c): FU_FOLD_REVISION says
 * which folding wrote them, and changes with this file's rules or
 * with the version of Unicode utf8proc knows.
 */
#define FU_FOLD_REVISION "2"

/* Lower-case letters (after utf8proc's folding) and what they are typed
 * as; sorted by code point. */
static const struct {
	uint32_t cp;
	char base[3];
} extra[] = {
	{ 0x00b7, "" },   /* · the middle dot of l·l */
	{ 0x00e6, "ae" }, /* æ */
	{ 0x00f0, "d" },  /* ð */
	{ 0x00f8, "o" },  /* ø */
	{ 0x00fe, "th" }, /* þ */
	{ 0x0111, "d" },  /* đ */
	{ 0x0127, "h" },  /* ħ */
	{ 0x0131, "i" },  /* ı */
	{ 0x0142, "l" },  /* ł */
	{ 0x0153, "oe" }, /* œ */
	{ 0x0167, "t" },  /* ŧ */
	{ 0x0180, "b" },  /* ƀ */
	{ 0x0183, "b" },  /* ƃ */
	{ 0x0188, "c" },  /* ƈ */
	{ 0x018c, "d" },  /* ƌ */
	{ 0x0192, "f" },  /* ƒ */
	{ 0x0199, "k" },  /* ƙ */
	{ 0x019a, "l" },  /* ƚ */
	{ 0x019e, "n" },  /* ƞ */
	{ 0x01a5, "p" },  /* ƥ */
	{ 0x01ab, "t" },  /* ƫ */
	{ 0x01ad, "t" },  /* ƭ */
	{ 0x01b4, "y" },  /* ƴ */
	{ 0x01b6, "z" },  /* ƶ */
	{ 0x01e5, "g" },  /* ǥ */
	{ 0x0221, "d" },  /* ȡ */
	{ 0x0225, "z" },  /* ȥ */
	{ 0x0234, "l" },  /* ȴ */
	{ 0x0235, "n" },  /* ȵ */
	{ 0x0236, "t" },  /* ȶ */
	{ 0x0237, "j" },  /* ȷ */
	{ 0x023c, "c" },  /* ȼ */
	{ 0x023f, "s" },  /* ȿ */
	{ 0x0240, "z" },  /* ɀ */
	{ 0x0247, "e" },  /* ɇ */
	{ 0x0249, "j" },  /* ɉ */
	{ 0x024b, "q" },  /* ɋ */
	{ 0x024d, "r" },  /* ɍ */
	{ 0x024f, "y" },  /* ɏ */
	{ 0x0253, "b" },  /* ɓ */
	{ 0x0256, "d" },  /* ɖ */
	{ 0x0257, "d" },  /* ɗ */
	{ 0x0260, "g" },  /* ɠ */
	{ 0x0268, "i" },  /* ɨ */
	{ 0x0272, "n" },  /* ɲ */
	{ 0x0275, "o" },  /* ɵ */
	{ 0x0288, "t" },  /* ʈ */
	{ 0x0289, "u" },  /* ʉ */
	{ 0x028b, "v" },  /* ʋ */
	{ 0x02bb, "" },   /* ʻ the ʻokina, an apostrophe's look-alike */
	{ 0x02bc, "" },   /* ʼ the modifier letter apostrophe */
	{ 0x02be, "" },   /* ʾ (ẚ is a and this) */
	{ 0x1e9c, "s" },  /* ẜ */
	{ 0x1e9d, "s" },  /* ẝ */
	{ 0x1efb, "ll" }, /* ỻ */
	{ 0x1eff, "y" },  /* ỿ */
	{ 0x2c65, "a" },  /* ⱥ */
	{ 0x2c66, "t" },  /* ⱦ */
};

static const char *extra_base(uint32_t cp)
{
	size_t lo = 0, hi = sizeof extra / sizeof extra[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (extra[mid].cp == cp)
			return extra[mid].base;
		if (extra[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *fu__fold_revision(void)
{
	static char rev[32];
	if (!rev[0])
		snprintf(rev, sizeof rev, "%s/%s", FU_FOLD_REVISION,
			 utf8proc_unicode_version());
	return rev;
}

/* ASCII alone folds without utf8proc, to the same answer: lower case,
 * apostrophes dropped (FU_FOLD_ACCENTS). */
static char *fold_ascii(const char *s, int how)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	if (!out)
		return NULL;
	for (const char *p = s; *p; p++) {
		if (*p == '\'' && how == FU_FOLD_ACCENTS)
			continue;
		*o++ = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	}
	*o = '\0';
	return out;
}

/* Fold s into a new string: case (canonically composed, so that é typed
 * as e and U+0301 is é), and with FU_FOLD_ACCENTS accents too (see
 * above). Input is validated on the way into the database; text that
 * is not UTF-8 folds its ASCII letters only. */
char *fu__fold(const char *s, int how)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p && *p < 0x80)
		p++;
	if (!*p)
		return fold_ascii(s, how);
	utf8proc_option_t opt = UTF8PROC_NULLTERM | UTF8PROC_STABLE |
		UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
	if (how == FU_FOLD_ACCENTS)
		opt |= UTF8PROC_COMPAT | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE |
		       UTF8PROC_LUMP;
	utf8proc_uint8_t *mapped = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped, opt) < 0) {
		free(mapped);
		return fold_ascii(s, how); /* not UTF-8 */
	}
	if (how != FU_FOLD_ACCENTS)
		return (char *)mapped;
	/* the extra letters, and the apostrophes: never longer (each extra
	 * letter takes two bytes or more, its base two at most) */
	unsigned char *o = mapped;
	for (const unsigned char *q = mapped; *q;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(q, -1, &cp);
		const char *base = cp >= 0x80 ? extra_base((uint32_t)cp) : NULL;
		if (len <= 0)
			len = 1, base = NULL;
		if (cp == '\'') {
			/* dropped */
		} else if (base) {
			for (const char *b = base; *b; b++)
				*o++ = (unsigned char)*b;
		} else {
			memmove(o, q, (size_t)len);
			o += len;
		}
		q += len;
	}
	*o = '\0';
	return (char *)mapped;
}

/* fu_fold(X): X with case and accents folded, so that every match made
 * in SQL agrees with the ranking below. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *s = sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	char *f = fu__fold((const char *)s, FU_FOLD_ACCENTS);
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

/* Whether s is nothing but combining marks: they fold to nothing, which
 * is part of every name, so a lone accent must not match them all. */
int fu__only_marks(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c;
	for (utf8proc_ssize_t len; *p; p += len) {
		if ((len = utf8proc_iterate(p, -1, &c)) <= 0)
			return 0;
		utf8proc_category_t k = utf8proc_category(c);
		if (k != UTF8PROC_CATEGORY_MN && k != UTF8PROC_CATEGORY_MC &&
		    k != UTF8PROC_CATEGORY_ME)
			return 0;
	}
	return 1;
}


/* Damerau-Levenshtein distance between two folded strings, counted in
 * bytes (names differ by a letter or two, whatever script), stopping
 * at limit + 1. */
static int distance(const char *a, const char *b, int limit)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 128 || m > 128)
		return limit + 1;
	if ((n > m ? n - m : m - n) > (size_t)limit)
		return limit + 1;
	int d[129][129];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		int best = limit + 1;
		for (size_t j = 1; j <= m; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return d[n][m];
}

int fu__fold_equal(const char *a, const char *b)
{
	char *fa = fu__fold(a, FU_FOLD_CASE), *fb = fu__fold(b, FU_FOLD_CASE);
	int same = fa && fb ? strcmp(fa, fb) == 0 : -1;
	free(fa);
	free(fb);
	return same;
}

int fu__names_alike(const char *a, const char *b)
{
	char *fa = fu__fold(a, FU_FOLD_ACCENTS), *fb = fu__fold(b, FU_FOLD_ACCENTS);
	int alike = 0;
	if (fa && fb && strcmp(fa, fb) != 0) {
		size_t len = strlen(fa) < strlen(fb) ? strlen(fa) : strlen(fb);
		/* a typo or two in a long name, one in a short one; very short
		 * names are too easily alike to tell */
		int limit = len >= 9 ? 2 : len >= 5 ? 1 : 0;
		alike = limit && distance(fa, fb, limit) <= limit;
	}
	free(fa);
	free(fb);
	return alike;
}
