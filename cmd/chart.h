/* SPDX-License-Identifier: MIT */
/*
 * chart.h - small bar charts in the terminal (chart.c), and fu stats'
 * numbers drawn with them (cmd_stats.c), which fu report --stats prints
 * too.
 */
#ifndef FU_CHART_H
#define FU_CHART_H

#include <stddef.h>
#include <stdio.h>

#include <cJSON.h>

#include "cli.h"
#include "fu/stats.h"

/* Whether bars are drawn with Unicode block characters: the locale's
 * character set is UTF-8 (LC_ALL, else LC_CTYPE, else LANG), colour is
 * not turned off (--no-color, --color never) and TERM is not dumb.
 * Otherwise they are plain ASCII. */
int chart_unicode(const cli *c);

/* A bar `width` cells wide for value out of max (clamped to 0..max),
 * into buf (len bytes; 4 * width + 1 hold any): eighths of a cell with
 * Unicode blocks, whole cells of '#' then '.' in ASCII; always `width`
 * cells, so that what follows lines up. Returns buf. */
char *chart_bar(char *buf, size_t len, double value, double max, int width,
		int unicode);

/* fu stats' numbers, as fu stats prints them (to f) and as JSON (NULL:
 * out of memory). */
void stats_print(cli *c, FILE *f, const fu_stats *s);
cJSON *stats_json(const fu_stats *s);

#endif
