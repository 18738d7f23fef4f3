/* SPDX-License-Identifier: MIT */
/* table.h - the aligned tables of the human output (table.c). */
#ifndef FU_TABLE_H
#define FU_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"

/* An aligned table: add cells row by row, then print. Cells are copied
 * and cleaned; widths are display columns (fu/width.h), so names in any
 * script align. Colour prefixes per cell are not counted in widths. */
typedef struct table table;
table *table_new(int ncols);
void table_cell(table *t, const char *text);
void table_cellf(table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A cell with a shorter form, shown when its column must give way
 * (table_short): "5 Acme" for "5 Acme, Backend Engineer". */
void table_cell2(table *t, const char *text, const char *shorter);
/* colour for the next cell (a cli_c() string) */
void table_color(table *t, const char *color);
/* an indented line printed under the current row, outside the columns;
 * on a terminal too narrow for it, it wraps with a hanging indent */
void table_note(table *t, const char *text, const char *color);

/* How the table gives way on a terminal narrower than it (term.h), one
 * step after another in the order given, the least important first,
 * each only as far as needed: col shows its cells' shorter forms; col
 * is cut, with an ellipsis, down to min columns at the least. After
 * them, the widest columns are cut, and a line that still does not fit
 * is cut at the edge. */
void table_short(table *t, int col);
void table_cut(table *t, int col, size_t min);

void table_print(cli *c, table *t, FILE *f, int header);
void table_free(table *t);

#endif
