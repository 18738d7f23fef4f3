/* SPDX-License-Identifier: MIT */
/* chart.c - bar charts in the terminal, in Unicode blocks or ASCII */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chart.h"

int chart_unicode(const cli *c)
{
	const char *term = getenv("TERM"), *loc = NULL;
	if (c->color_mode == 2 || (term && !strcmp(term, "dumb")))
		return 0;
	/* the locale's character set as setlocale(LC_CTYPE, "") would
	 * find it, without changing the locale fu runs in */
	const char *vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	for (size_t i = 0; i < 3 && !loc; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			loc = v;
	}
	if (!loc)
		return 0;
	const char *dot = strchr(loc, '.');
	if (!dot)
		return 0;
	dot++;
	size_t n = strcspn(dot, "@");
	return (n == 5 && !strncasecmp(dot, "utf-8", 5)) ||
	       (n == 4 && !strncasecmp(dot, "utf8", 4));
}

char *chart_bar(char *buf, size_t len, double value, double max, int width,
		int unicode)
{
	/* U+2588 full block, then U+2589 .. U+258F: 7/8 .. 1/8 */
	static const char *const part[8] = {
		"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a",
		"\u2589"
	};
	size_t at = 0;
	if (!len)
		return buf;
	if (!(max > 0) || !(value > 0))
		value = 0;
	else if (value > max)
		value = max;
	int eighths = max > 0 ? (int)(value / max * width * 8 + 0.5) : 0;
	int cells = 0;
	buf[0] = '\0';
#define PUT(s)                                                             \
	do {                                                               \
		size_t l_ = strlen(s);                                     \
		if (at + l_ >= len)                                        \
			return buf;                                        \
		memcpy(buf + at, s, l_ + 1);                               \
		at += l_;                                                  \
	} while (0)
	if (unicode) {
		for (; eighths >= 8; eighths -= 8, cells++)
			PUT("\u2588");
		if (eighths) {
			PUT(part[eighths]);
			cells++;
		}
		for (; cells < width; cells++)
			PUT(" ");
	} else {
		int whole = (eighths + 4) / 8;
		for (; cells < whole; cells++)
			PUT("#");
		for (; cells < width; cells++)
			PUT(".");
	}
#undef PUT
	return buf;
}
