/* SPDX-License-Identifier: MIT */
/*
 * width.h - how many columns of a terminal text takes (width.c), so that
 * tables align and lines fit whatever script a name is written in:
 * 王小明 takes six columns, not three; René written with a combining
 * accent takes four, not five; 😀 takes two.
 */
#ifndef FU_WIDTH_H
#define FU_WIDTH_H

#include <stddef.h>

/* The display width of UTF-8 text, from utf8proc's width of each
 * character: 2 for wide ones (CJK, emoji), 0 for combining marks and
 * other characters that take no room (controls included), 1 for the
 * rest, and 1 for a byte that is not UTF-8 (shown as one replacement
 * character). A terminal's colour sequence (ESC [ ... m) takes none. */
size_t fu_width(const char *s);
/* The same for the first len bytes of s. */
size_t fu_width_n(const char *s, size_t len);

/* How many bytes of s fit in cols columns, cut only between characters
 * as a reader sees them (a letter keeps its accents, an emoji sequence
 * stays whole; Unicode's grapheme clusters); *width (when not NULL)
 * gets their width. A colour sequence stays with the text before it. */
size_t fu_width_fit(const char *s, size_t cols, size_t *width);

#endif
