/* SPDX-License-Identifier: MIT */
/* test_fold.c - case and accent folding (lib/fold.c), checked against
 * utf8proc's own answers: what it decomposes loses its marks, upper and
 * lower case meet, and the letters it leaves whole are typed as fu's
 * table says. */
#include "fu_test.h"

#include <utf8proc.h>

#include "internal.h"

static char *fold(const char *s)
{
	char *f = fu__fold(s, FU_FOLD_ACCENTS);
	assert_non_null(f);
	return f;
}

static void assert_folds(const char *s, const char *want)
{
	char *f = fold(s);
	if (strcmp(f, want) != 0)
		print_error("'%s' folds to '%s', not '%s'\n", s, f, want);
	assert_string_equal(f, want);
	free(f);
}

/* The character of code point cp, as UTF-8. */
static const char *utf8(utf8proc_int32_t cp)
{
	static char buf[8];
	memset(buf, 0, sizeof buf);
	utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf);
	return buf;
}

static int is_mark(utf8proc_int32_t cp)
{
	utf8proc_category_t k = utf8proc_category(cp);
	return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC ||
	       k == UTF8PROC_CATEGORY_ME;
}

/* The blocks names are written in: Latin, Greek, Cyrillic, Latin
 * Extended Additional, Greek Extended. */
static const utf8proc_int32_t blocks[][2] = {
	{ 0x0041, 0x024f }, { 0x0370, 0x04ff }, { 0x1e00, 0x1fff },
};

/* Every letter utf8proc decomposes canonically folds as its first
 * character does (its marks come off): é as e, ά as α, ё as е. */
static void test_fold_decomposed_letters_lose_their_marks(void **state)
{
	(void)state;
	int checked = 0;
	for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++)
		for (utf8proc_int32_t cp = blocks[b][0]; cp <= blocks[b][1];
		     cp++) {
			utf8proc_int32_t d[8];
			int last = 0;
			utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8,
				UTF8PROC_DECOMPOSE, &last);
			if (n < 2 || is_mark(d[0]) || !is_mark(d[n - 1]) ||
			    d[n - 1] == 0x345)
				continue; /* (the Greek iota subscript folds
				             to an iota: ᾳ is αι) */
			char base[8];
			snprintf(base, sizeof base, "%s", utf8(d[0]));
			char *want = fold(base), *got = fold(utf8(cp));
			if (strcmp(got, want) != 0)
				print_error("U+%04X folds to '%s', its base "
					    "letter to '%s'\n", (unsigned)cp,
					    got, want);
			assert_string_equal(got, want);
			free(want);
			free(got);
			checked++;
		}
	assert_true(checked > 600);
}

/* Upper and lower case of every cased letter fold the same, and
 * nothing a letter folds to keeps a combining mark. */
static void test_fold_cases_meet(void **state)
{
	(void)state;
	for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++)
		for (utf8proc_int32_t cp = blocks[b][0]; cp <= blocks[b][1];
		     cp++) {
			if (!utf8proc_codepoint_valid(cp) ||
			    utf8proc_category(cp) == UTF8PROC_CATEGORY_CN)
				continue;
			char *f = fold(utf8(cp));
			utf8proc_int32_t lower = utf8proc_tolower(cp);
			if (lower != cp && utf8proc_toupper(lower) == cp) {
				char *g = fold(utf8(lower));
				if (strcmp(f, g) != 0)
					print_error("U+%04X folds to '%s', its "
						    "lower case to '%s'\n",
						    (unsigned)cp, f, g);
				assert_string_equal(f, g);
				free(g);
			}
			const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)f;
			utf8proc_int32_t c;
			for (utf8proc_ssize_t n; *p; p += n) {
				n = utf8proc_iterate(p, -1, &c);
				assert_true(n > 0);
				if (is_mark(c))
					print_error("U+%04X keeps a mark\n",
						    (unsigned)cp);
				assert_false(is_mark(c));
			}
			free(f);
		}
}

/* What utf8proc leaves whole, fu's table types without its stroke or
 * hook, in both cases; ligatures are spelt out. */
static void test_fold_letters_unicode_does_not_decompose(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{ "Łódź", "lodz" }, { "Øresund", "oresund" },
		{ "Đorđe", "dorde" }, { "Ærø", "aero" }, { "Œuvre", "oeuvre" },
		{ "Þórður", "thordur" }, { "Ħamrun", "hamrun" },
		{ "Iğdır", "igdir" }, { "Ðuro", "duro" }, { "Ƀ", "b" },
		{ "Ɗ", "d" }, { "Ƒ", "f" }, { "Ȿ", "s" }, { "Ⱥ", "a" },
		{ "Paral·lel", "parallel" }, { "ĳsselmeer", "ijsselmeer" },
		{ "ﬁnn", "finn" }, { "ＡＢＣ", "abc" }, { "Straße", "strasse" },
		{ "STRASSE", "strasse" }, { "ẞ", "ss" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		assert_folds(pairs[i][0], pairs[i][1]);
}

/* Greek accents fold (ελενη is Ελένη), final sigma is sigma, and
 * Cyrillic loses its diacritics as utf8proc decomposes them. */
static void test_fold_greek_and_cyrillic(void **state)
{
	(void)state;
	assert_folds("Ελένη", "ελενη");
	assert_folds("ΕΛΈΝΗ", "ελενη");
	assert_folds("Γιώργος", "γιωργοσ");
	assert_folds("Παπαδόπουλος", "παπαδοπουλοσ");
	assert_folds("Ϊ", "ι");
	assert_folds("ᾼ", "αι");
	assert_folds("Ёлка", "елка");
	assert_folds("Дмитрий", "дмитрии");
}

/* Apostrophes of every kind are dropped, so obrien finds O'Brien. */
static void test_fold_apostrophes(void **state)
{
	(void)state;
	assert_folds("O'Brien", "obrien");
	assert_folds("O\xe2\x80\x99" "Brien", "obrien");  /* ’ */
	assert_folds("O\xe2\x80\x98" "Brien", "obrien");  /* ‘ */
	assert_folds("O\xca\xbc" "Brien", "obrien");      /* ʼ */
	assert_folds("Hawai\xca\xbbi", "hawaii");         /* ʻ */
	assert_folds("D'Ávila", "davila");
	/* folding case alone keeps them, and composes: e and U+0301 is é */
	char *f = fu__fold("O'Bri\x65\xcc\x81n", FU_FOLD_CASE);
	assert_string_equal(f, "o'bri\xc3\xa9n");
	free(f);
}

/* Text in other scripts folds case and keeps its letters; invisible
 * characters and stray bytes are handled. */
static void test_fold_other_text(void **state)
{
	(void)state;
	assert_folds("王小明", "王小明");
	assert_folds("Acme 😀", "acme 😀");
	assert_folds("soft\xc2\xad" "hyphen", "softhyphen"); /* U+00AD */
	assert_folds("", "");
	/* not UTF-8: the ASCII letters fold, the rest stays */
	assert_folds("AB\xff" "C", "ab\xff" "c");
	assert_true(fu__only_marks("\xcc\x81\xcc\x88"));
	assert_false(fu__only_marks("e\xcc\x81"));
	assert_false(fu__only_marks("\xff"));
	/* the revision names the Unicode version utf8proc folds by */
	assert_has(fu__fold_revision(), utf8proc_unicode_version());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_decomposed_letters_lose_their_marks),
		cmocka_unit_test(test_fold_cases_meet),
		cmocka_unit_test(test_fold_letters_unicode_does_not_decompose),
		cmocka_unit_test(test_fold_greek_and_cyrillic),
		cmocka_unit_test(test_fold_apostrophes),
		cmocka_unit_test(test_fold_other_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
