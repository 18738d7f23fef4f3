/* SPDX-License-Identifier: MIT */
/*
 * width.c - the columns text takes on a terminal (width.h), from
 * utf8proc's character widths and grapheme clusters. A cluster takes the
 * sum of its characters' widths, as terminals that count with wcwidth
 * (xterm, tmux, the Linux console) show it.
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "fu/width.h"

/* The length of a colour sequence (ESC [ parameters final byte) at p,
 * or 0 when p does not start one. */
static size_t csi_len(const unsigned char *p, const unsigned char *end)
{
	if (end - p < 2 || p[0] != 0x1b || p[1] != '[')
		return 0;
	const unsigned char *q = p + 2;
	while (q < end && *q >= 0x20 && *q < 0x40)
		q++;
	if (q < end && *q >= 0x40 && *q < 0x7f)
		return (size_t)(q - p) + 1;
	return 0;
}

/* The next character at p (before end): its length in bytes, its code
 * point in *cp (-1 for a byte that is not UTF-8) and its width. */
static size_t next_char(const unsigned char *p, const unsigned char *end,
			utf8proc_int32_t *cp, int *w)
{
	utf8proc_ssize_t n = utf8proc_iterate(p, end - p, cp);
	if (n <= 0) {
		*cp = -1;
		*w = 1;
		return 1;
	}
	*w = *cp < 0x80 ? (*cp >= 0x20 && *cp != 0x7f)
			: utf8proc_charwidth(*cp);
	if (*w < 0)
		*w = 0;
	return (size_t)n;
}

/* Walk s[0..len) a cluster at a time; stop before the cluster that
 * would pass cols columns (cols SIZE_MAX: never). Returns the bytes
 * walked; *width their width. */
static size_t walk(const char *s, size_t len, size_t cols, size_t *width)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *cut = p; /* the end of the last whole cluster */
	size_t w = 0, cw = 0;        /* width so far; of the cluster open */
	utf8proc_int32_t prev = -1, state = 0;
	while (p < end) {
		size_t k = csi_len(p, end);
		if (k) { /* colour: part of the cluster before it */
			p += k;
			if (prev < 0)
				cut = p;
			continue;
		}
		utf8proc_int32_t cp;
		int cwid;
		size_t n = next_char(p, end, &cp, &cwid);
		int brk = prev < 0 || cp < 0 ||
			utf8proc_grapheme_break_stateful(prev, cp, &state);
		if (brk && p > cut) {
			/* the cluster before p is whole: count it */
			if (w + cw > cols)
				break;
			w += cw;
			cw = 0;
			cut = p;
		}
		cw += (size_t)cwid;
		prev = cp < 0 ? -2 : cp; /* -2: a stray byte ends a cluster */
		if (cp < 0)
			state = 0;
		p += n;
	}
	if (p >= end && p > cut && w + cw <= cols) {
		w += cw;
		cut = end;
	}
	if (width)
		*width = w;
	return (size_t)(cut - (const unsigned char *)s);
}

size_t fu_width_n(const char *s, size_t len)
{
	size_t w = 0;
	walk(s, len, SIZE_MAX, &w);
	return w;
}

size_t fu_width(const char *s)
{
	return fu_width_n(s, strlen(s));
}

size_t fu_width_fit(const char *s, size_t cols, size_t *width)
{
	return walk(s, strlen(s), cols, width);
}
