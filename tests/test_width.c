/* SPDX-License-Identifier: MIT */
/* test_width.c - the columns text takes on a terminal (lib/width.c),
 * checked against utf8proc's own widths: wide CJK and emoji, zero-width
 * marks, grapheme clusters kept whole when text is cut. */
#include "fu_test.h"

#include <utf8proc.h>

#include "fu/width.h"

static const char *utf8(utf8proc_int32_t cp)
{
	static char buf[8];
	memset(buf, 0, sizeof buf);
	utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf);
	return buf;
}

/* Each printable character alone is as wide as utf8proc says, over the
 * planes names and emoji come from. */
static void test_width_of_each_character(void **state)
{
	(void)state;
	static const utf8proc_int32_t ranges[][2] = {
		{ 0x20, 0x7e }, { 0xa0, 0x2fff }, { 0x3000, 0x9fff },
		{ 0xac00, 0xd7a3 }, { 0xf900, 0xffef }, { 0x1f000, 0x1faff },
		{ 0x20000, 0x2a6df },
	};
	size_t wide = 0;
	for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
		for (utf8proc_int32_t cp = ranges[r][0]; cp <= ranges[r][1];
		     cp++) {
			if (!utf8proc_codepoint_valid(cp))
				continue;
			int want = utf8proc_charwidth(cp);
			size_t got = fu_width(utf8(cp));
			if (got != (size_t)want)
				print_error("U+%04X: %zu columns, utf8proc "
					    "says %d\n", (unsigned)cp, got, want);
			assert_int_equal(got, (size_t)want);
			wide += want == 2;
		}
	assert_true(wide > 10000);
}

static void test_width_of_names(void **state)
{
	(void)state;
	assert_int_equal(fu_width("Dana Reyes"), 10);
	assert_int_equal(fu_width("王小明"), 6);
	assert_int_equal(fu_width("Rene\xcc\x81" "e"), 5);     /* NFD */
	assert_int_equal(fu_width("Ren\xc3\xa9" "e"), 5);      /* NFC */
	assert_int_equal(fu_width("😀 Joy"), 6);
	assert_int_equal(fu_width("김민준"), 6);
	assert_int_equal(fu_width("ＡＣＭＥ"), 8);
	assert_int_equal(fu_width(""), 0);
	/* colour takes no room; a stray byte takes one */
	assert_int_equal(fu_width("\033[1;31mred\033[0m"), 3);
	assert_int_equal(fu_width("a\xff" "b"), 3);
	assert_int_equal(fu_width_n("王小明", 3), 2);
}

/* Cutting to a width never splits a character, a letter from its
 * accents, or an emoji sequence. */
static void test_width_fit(void **state)
{
	(void)state;
	size_t w = 0;
	assert_int_equal(fu_width_fit("王小明", 5, &w), 6);
	assert_int_equal(w, 4);
	assert_int_equal(fu_width_fit("王小明", 6, &w), 9);
	assert_int_equal(w, 6);
	assert_int_equal(fu_width_fit("王小明", 1, &w), 0);
	assert_int_equal(w, 0);
	/* e and U+0301 stay together */
	assert_int_equal(fu_width_fit("Rene\xcc\x81" "e", 4, &w), 6);
	assert_int_equal(w, 4);
	assert_int_equal(fu_width_fit("Rene\xcc\x81" "e", 3, &w), 3);
	/* a family (man ZWJ woman ZWJ girl) is one cluster */
	static const char family[] = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f"
		"\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7";
	char text[64];
	snprintf(text, sizeof text, "ab%scd", family);
	size_t fw = fu_width(family);
	assert_int_equal(fu_width_fit(text, 2 + fw - 1, &w), 2);
	assert_int_equal(fu_width_fit(text, 2 + fw, &w), 2 + strlen(family));
	/* a flag: two regional indicators, one cluster of two columns */
	assert_int_equal(fu_width_fit("\xf0\x9f\x87\xab\xf0\x9f\x87\xb7x", 1,
				      &w), 0);
	/* everything fits */
	assert_int_equal(fu_width_fit("abc", 10, &w), 3);
	assert_int_equal(w, 3);
	/* colour goes with the text before it */
	assert_int_equal(fu_width_fit("ab\033[0mcd", 2, &w), 6);
	assert_int_equal(fu_width_fit("a\xff" "bc", 2, &w), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_of_each_character),
		cmocka_unit_test(test_width_of_names),
		cmocka_unit_test(test_width_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
