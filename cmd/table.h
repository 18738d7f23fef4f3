/* SPDX-License-Identifier: MIT */
/* table.h - the aligned tables of the human output (table.c). */
#ifndef FU_TABLE_H
#define FU_TABLE_H

#include <stdio.h>

#include "cli.h"

/* An aligned table: add cells row by row, then print. Cells are copied
 * and cleaned. Colour prefixes per cell are not counted in widths. */
typedef struct table table;
table *table_new(int ncols);
void table_cell(table *t, const char *text);
void table_cellf(table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* colour for the next cell (a cli_c() string) */
void table_color(table *t, const char *color);
/* an indented line printed under the current row, outside the columns */
void table_note(table *t, const char *text, const char *color);
void table_print(cli *c, table *t, FILE *f, int header);
void table_free(table *t);

#endif
