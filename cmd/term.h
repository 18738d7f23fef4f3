/* SPDX-License-Identifier: MIT */
/*
 * term.h - the terminal fu writes to (term.c): how wide a line may be,
 * text cut or wrapped to it, and the pager long output goes through.
 *
 * The width: the terminal's (TIOCGWINSZ on standard output), else
 * COLUMNS, else 80, when the output is for a person (a terminal, or the
 * pager on one); no limit when it goes to a pipe or a file, so that
 * scripts keep whole lines.
 */
#ifndef FU_TERM_H
#define FU_TERM_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"

/* The columns human output must fit, 0 for no limit (worked out once,
 * before the pager takes standard output). */
size_t term_width(cli *c);

/* "…", or "..." when the locale (LC_ALL, LC_CTYPE, LANG) is not UTF-8. */
const char *term_ellipsis(void);

/* s (clean text, or with colour sequences) cut to cols columns, ending
 * with the ellipsis when it was cut; a new string (NULL: no memory). */
char *term_cut(const char *s, size_t cols);

/* Print line (clean text, colour sequences allowed, no newline in it)
 * to f and a newline, wrapped at the width between words; the lines it
 * continues on start with hang spaces. No limit: as it is. */
void term_wrap(cli *c, FILE *f, const char *line, size_t hang);

/* Send the rest of standard output through the pager, as git does:
 * FU_PAGER, else core.pager (config, when the database is open), else
 * PAGER, else less, with LESS=FRX when LESS is unset (output that fits
 * the screen is shown and less quits). Only when standard output is a
 * terminal and --no-pager was not given; "" or "cat" is no pager. */
void term_pager(cli *c);
/* Whether term_pager started one (for the tests: fu's own words). */
int term_paging(void);
/* At the end: flush, close the pipe and wait for the pager. */
void term_pager_wait(void);

#endif
