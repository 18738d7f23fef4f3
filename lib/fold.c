/* SPDX-License-Identifier: MIT */
/*
 * fold.c - Unicode case and accent folding, so that what a person types
 * finds a name however it is written ("jose" finds José), and the SQL
 * function fu_fold() that lets queries match the same way.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Lower case of one code point, for the scripts names are most often
 * written in: Latin (Latin-1, Latin Extended-A, the accented letters of
 * Extended-B and Latin Extended Additional), Greek and Cyrillic.
 * SQLite's lower() and strcasecmp fold ASCII only. */
static uint32_t fold_cp(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7))
		return c + 32;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e) ||
	    (c >= 0x1cd && c <= 0x1dc))
		return c & 1 ? c + 1 : c;
	if (c == 0x178)
		return 0xff;
	/* Extended-B: Ǟ..ǯ, Ǵ ǵ, Ǹ..ȟ (Romanian Ș, Ț), Ȣ..ȳ, Ɇ..ɏ in pairs */
	if ((c >= 0x1de && c <= 0x1ef) || (c >= 0x1f4 && c <= 0x1f5) ||
	    (c >= 0x1f8 && c <= 0x21f) || (c >= 0x222 && c <= 0x233) ||
	    (c >= 0x246 && c <= 0x24f))
		return c | 1;
	/* Latin Extended Additional (Vietnamese, among others): pairs */
	if ((c >= 0x1e00 && c <= 0x1e95) || (c >= 0x1ea0 && c <= 0x1eff))
		return c | 1;
	if (c == 0x1e9e)
		return 0xdf; /* ẞ */
	if (c >= 0x391 && c <= 0x3ab && c != 0x3a2)
		return c + 32;
	if (c == 0x3c2)
		return 0x3c3; /* final ς is σ, as Σ folds to it */
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

/*
 * The letters a Latin letter is written with when its accents are left
 * off, the way people type names on a keyboard without them: é, è, ë
 * are e; ñ is n; ç is c; å and ä are a; Ș is s; ư and ỹ (Vietnamese)
 * are u and y. Letters with a stroke or a hook count as accented (ø o,
 * ł l, đ and ð d, ħ h, ı i); ligatures are spelt out (æ ae, œ oe, ß ss,
 * ĳ ij, Ǆ dz) and þ is th. One character per code point, lower case:
 *   a letter	the base letter;
 *   1 to 9	two letters, from base_pairs;
 *   .		none: kept as it is (×, ĸ, ŋ, ə, ʒ, clicks, tone letters).
 * The rows cover U+00C0..U+024F (Latin-1 Supplement letters, Latin
 * Extended-A and -B) and U+1E00..U+1EFF (Latin Extended Additional);
 * combining marks U+0300..U+036F are dropped, so a name typed as e and
 * U+0301 matches é. Only accents are removed, nothing is transliterated:
 * ü is u, never ue, so "mueller" does not find Müller: Mueller is a
 * name of its own, and the ue of Manuel or Samuel is no umlaut. Greek
 * and Cyrillic fold case only. Generated from Unicode's canonical
 * decompositions (the base letter of each), plus the strokes, hooks and
 * ligatures, which have none.
 */
static const char base_pairs[][3] = {
	"ae", "oe", "ss", "th", "ij", "dz", "lj", "nj", "ll",
};

static const char latin_base[] =
	"aaaaaa1ceeeeiiii" /* U+00C0 À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï */
	"dnooooo.ouuuuy43" /* U+00D0 Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß */
	"aaaaaa1ceeeeiiii" /* U+00E0 à á â ã ä å æ ç è é ê ë ì í î ï */
	"dnooooo.ouuuuy4y" /* U+00F0 ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ */
	"aaaaaaccccccccdd" /* U+0100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď */
	"ddeeeeeeeeeegggg" /* U+0110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ */
	"gggghhhhiiiiiiii" /* U+0120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į */
	"ii55jjkk.lllllll" /* U+0130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ */
	"lllnnnnnnn..oooo" /* U+0140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ */
	"oo22rrrrrrssssss" /* U+0150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş */
	"ssttttttuuuuuuuu" /* U+0160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů */
	"uuuuwwyyyzzzzzzs" /* U+0170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ */
	"bbbb...ccdddd..." /* U+0180 ƀ Ɓ Ƃ ƃ Ƅ ƅ Ɔ Ƈ ƈ Ɖ Ɗ Ƌ ƌ ƍ Ǝ Ə */
	".ffg...ikkl..nno" /* U+0190 Ɛ Ƒ ƒ Ɠ Ɣ ƕ Ɩ Ɨ Ƙ ƙ ƚ ƛ Ɯ Ɲ ƞ Ɵ */
	"oo..pp.....ttttu" /* U+01A0 Ơ ơ Ƣ ƣ Ƥ ƥ Ʀ Ƨ ƨ Ʃ ƪ ƫ Ƭ ƭ Ʈ Ư */
	"u.vyyzz........." /* U+01B0 ư Ʊ Ʋ Ƴ ƴ Ƶ ƶ Ʒ Ƹ ƹ ƺ ƻ Ƽ ƽ ƾ ƿ */
	"....666777888aai" /* U+01C0 ǀ ǁ ǂ ǃ Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ Ǎ ǎ Ǐ */
	"ioouuuuuuuuuu.aa" /* U+01D0 ǐ Ǒ ǒ Ǔ ǔ Ǖ ǖ Ǘ ǘ Ǚ ǚ Ǜ ǜ ǝ Ǟ ǟ */
	"aa11ggggkkoooo.." /* U+01E0 Ǡ ǡ Ǣ ǣ Ǥ ǥ Ǧ ǧ Ǩ ǩ Ǫ ǫ Ǭ ǭ Ǯ ǯ */
	"j666gg..nnaa11oo" /* U+01F0 ǰ Ǳ ǲ ǳ Ǵ ǵ Ƕ Ƿ Ǹ ǹ Ǻ ǻ Ǽ ǽ Ǿ ǿ */
	"aaaaeeeeiiiioooo" /* U+0200 Ȁ ȁ Ȃ ȃ Ȅ ȅ Ȇ ȇ Ȉ ȉ Ȋ ȋ Ȍ ȍ Ȏ ȏ */
	"rrrruuuusstt..hh" /* U+0210 Ȑ ȑ Ȓ ȓ Ȕ ȕ Ȗ ȗ Ș ș Ț ț Ȝ ȝ Ȟ ȟ */
	".d..zzaaeeoooooo" /* U+0220 Ƞ ȡ Ȣ ȣ Ȥ ȥ Ȧ ȧ Ȩ ȩ Ȫ ȫ Ȭ ȭ Ȯ ȯ */
	"ooyylntj..acclts" /* U+0230 Ȱ ȱ Ȳ ȳ ȴ ȵ ȶ ȷ ȸ ȹ Ⱥ Ȼ ȼ Ƚ Ⱦ ȿ */
	"z..bu.eejjqqrryy" /* U+0240 ɀ Ɂ ɂ Ƀ Ʉ Ʌ Ɇ ɇ Ɉ ɉ Ɋ ɋ Ɍ ɍ Ɏ ɏ */
	;
_Static_assert(sizeof latin_base == 0x250 - 0xc0 + 1,
	       "latin_base: one character for each of U+00C0..U+024F");

static const char latin_additional_base[] =
	"aabbbbbbccdddddd" /* U+1E00 Ḁ ḁ Ḃ ḃ Ḅ ḅ Ḇ ḇ Ḉ ḉ Ḋ ḋ Ḍ ḍ Ḏ ḏ */
	"ddddeeeeeeeeeeff" /* U+1E10 Ḑ ḑ Ḓ ḓ Ḕ ḕ Ḗ ḗ Ḙ ḙ Ḛ ḛ Ḝ ḝ Ḟ ḟ */
	"gghhhhhhhhhhiiii" /* U+1E20 Ḡ ḡ Ḣ ḣ Ḥ ḥ Ḧ ḧ Ḩ ḩ Ḫ ḫ Ḭ ḭ Ḯ ḯ */
	"kkkkkkllllllllmm" /* U+1E30 Ḱ ḱ Ḳ ḳ Ḵ ḵ Ḷ ḷ Ḹ ḹ Ḻ ḻ Ḽ ḽ Ḿ ḿ */
	"mmmmnnnnnnnnoooo" /* U+1E40 Ṁ ṁ Ṃ ṃ Ṅ ṅ Ṇ ṇ Ṉ ṉ Ṋ ṋ Ṍ ṍ Ṏ ṏ */
	"oooopppprrrrrrrr" /* U+1E50 Ṑ ṑ Ṓ ṓ Ṕ ṕ Ṗ ṗ Ṙ ṙ Ṛ ṛ Ṝ ṝ Ṟ ṟ */
	"sssssssssstttttt" /* U+1E60 Ṡ ṡ Ṣ ṣ Ṥ ṥ Ṧ ṧ Ṩ ṩ Ṫ ṫ Ṭ ṭ Ṯ ṯ */
	"ttuuuuuuuuuuvvvv" /* U+1E70 Ṱ ṱ Ṳ ṳ Ṵ ṵ Ṷ ṷ Ṹ ṹ Ṻ ṻ Ṽ ṽ Ṿ ṿ */
	"wwwwwwwwwwxxxxyy" /* U+1E80 Ẁ ẁ Ẃ ẃ Ẅ ẅ Ẇ ẇ Ẉ ẉ Ẋ ẋ Ẍ ẍ Ẏ ẏ */
	"zzzzzzhtwyasss3." /* U+1E90 Ẑ ẑ Ẓ ẓ Ẕ ẕ ẖ ẗ ẘ ẙ ẚ ẛ ẜ ẝ ẞ ẟ */
	"aaaaaaaaaaaaaaaa" /* U+1EA0 Ạ ạ Ả ả Ấ ấ Ầ ầ Ẩ ẩ Ẫ ẫ Ậ ậ Ắ ắ */
	"aaaaaaaaeeeeeeee" /* U+1EB0 Ằ ằ Ẳ ẳ Ẵ ẵ Ặ ặ Ẹ ẹ Ẻ ẻ Ẽ ẽ Ế ế */
	"eeeeeeeeiiiioooo" /* U+1EC0 Ề ề Ể ể Ễ ễ Ệ ệ Ỉ ỉ Ị ị Ọ ọ Ỏ ỏ */
	"oooooooooooooooo" /* U+1ED0 Ố ố Ồ ồ Ổ ổ Ỗ ỗ Ộ ộ Ớ ớ Ờ ờ Ở ở */
	"oooouuuuuuuuuuuu" /* U+1EE0 Ỡ ỡ Ợ ợ Ụ ụ Ủ ủ Ứ ứ Ừ ừ Ử ử Ữ ữ */
	"uuyyyyyyyy99..yy" /* U+1EF0 Ự ự Ỳ ỳ Ỵ ỵ Ỷ ỷ Ỹ ỹ Ỻ ỻ Ỽ ỽ Ỿ ỿ */
	;
_Static_assert(sizeof latin_additional_base == 0x100 + 1,
	       "latin_additional_base: one for each of U+1E00..U+1EFF");

/* Write the letters c is typed as without its accents and return where
 * they end, or NULL when c is not an accented Latin letter. A combining
 * mark writes nothing. */
static unsigned char *put_base(unsigned char *o, uint32_t c)
{
	if (c >= 0x300 && c <= 0x36f)
		return o;
	char b = 0;
	if (c >= 0xc0 && c < 0x250)
		b = latin_base[c - 0xc0];
	else if (c >= 0x1e00 && c < 0x1f00)
		b = latin_additional_base[c - 0x1e00];
	if (b >= '1' && b <= '9') {
		*o++ = (unsigned char)base_pairs[b - '1'][0];
		*o++ = (unsigned char)base_pairs[b - '1'][1];
		return o;
	}
	if (b >= 'a' && b <= 'z') {
		*o++ = (unsigned char)b;
		return o;
	}
	return NULL;
}

/* The code point of the well-formed 2- or 3-byte sequence at p and its
 * length, or 0 for anything else (ASCII, a stray byte, a 4-byte form,
 * which fold() copies a byte at a time). Each continuation byte is
 * looked at only if the one before it was one, so the NUL that ends
 * the string is never read past. */
static size_t decode(const unsigned char *p, uint32_t *c)
{
	if (p[0] >= 0xc2 && p[0] < 0xe0 && (p[1] & 0xc0) == 0x80) {
		*c = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		return 2;
	}
	if (p[0] >= 0xe0 && p[0] < 0xf0 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		*c = (uint32_t)(p[0] & 0x0f) << 12 |
		     (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		return *c >= 0x800 ? 3 : 0; /* not overlong */
	}
	return 0;
}


/* Fold s into a new string: case, and with FU_FOLD_ACCENTS accents too
 * (see latin_base). Input is validated on the way into the database;
 * a stray byte is copied as it is. */
char *fu__fold(const char *s, int how)
{
	/* folding never lengthens: a 2-byte letter folds to 2 bytes, or to
	 * one or two ASCII letters; a 3-byte one to 3 bytes or fewer */
	char *out = malloc(strlen(s) + 1);
	if (!out)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	unsigned char *o = (unsigned char *)out;
	while (*p) {
		uint32_t c;
		size_t len = decode(p, &c);
		if (len == 0) {
			*o++ = *p < 0x80 ? (unsigned char)fold_cp(*p) : *p;
			p++;
			continue;
		}
		p += len;
		c = fold_cp(c);
		unsigned char *end = NULL;
		if (how == FU_FOLD_ACCENTS)
			end = put_base(o, c);
		if (end) {
			o = end;
		} else if (c < 0x80) {
			*o++ = (unsigned char)c;
		} else if (c < 0x800) {
			*o++ = (unsigned char)(0xc0 | c >> 6);
			*o++ = (unsigned char)(0x80 | (c & 0x3f));
		} else {
			*o++ = (unsigned char)(0xe0 | c >> 12);
			*o++ = (unsigned char)(0x80 | (c >> 6 & 0x3f));
			*o++ = (unsigned char)(0x80 | (c & 0x3f));
		}
	}
	*o = '\0';
	return out;
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
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c;
	for (size_t len; *p; p += len)
		if ((len = decode(p, &c)) == 0 || c < 0x300 || c > 0x36f)
			return 0;
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
