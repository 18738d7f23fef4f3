/* SPDX-License-Identifier: MIT */
/*
 * table.c - aligned tables for the human output: cells added row by row,
 * widths measured as they come, long tables spilled to a temporary file
 * so that any length prints in bounded memory.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fu/buf.h"
#include "table.h"

/* Display width of UTF-8 text (code points; wide glyphs count as one). */
static size_t display_width(const char *s)
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			w++;
	return w;
}

/* A table holds its rows in memory until they pass TABLE_SPILL bytes;
 * then the rows done so far go to an anonymous temporary file (a spool),
 * so that a table of any length prints aligned in bounded memory. The
 * widths are kept up to date as cells arrive. */
#define TABLE_SPILL (32 * 1024)

struct table {
	int ncols;
	char **cells;
	char **colors;
	char **notes; /* notes[i]: lines under the row ending at cell i */
	size_t n, cap;
	const char *next_color;
	size_t *w;      /* the widest cell of each column so far */
	size_t bytes;   /* text held in memory */
	FILE *spool;    /* the rows before cells[0], each cell as three
	                   strings: colour, text, notes (each NUL-ended) */
	size_t spooled; /* cells in the spool */
	int no_spool;   /* the spool could not be written: keep all in memory */
};

table *table_new(int ncols)
{
	table *t = calloc(1, sizeof *t);
	if (t) {
		t->ncols = ncols;
		t->w = calloc((size_t)ncols, sizeof *t->w);
		if (!t->w) {
			free(t);
			t = NULL;
		}
	}
	return t;
}

static void put0(FILE *f, const char *s)
{
	if (s)
		fputs(s, f);
	fputc('\0', f);
}

/* Move the rows held in memory to the spool. */
static void spill(table *t)
{
	if (!t->spool && !(t->spool = tmpfile())) {
		t->no_spool = 1;
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		put0(t->spool, t->colors[i]);
		put0(t->spool, t->cells[i]);
		put0(t->spool, t->notes[i]);
	}
	if (fflush(t->spool) != 0 || ferror(t->spool)) {
		/* what this batch wrote is not counted: keep it in memory */
		t->no_spool = 1;
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		free(t->cells[i]);
		free(t->colors[i]);
		free(t->notes[i]);
	}
	t->spooled += t->n;
	t->n = 0;
	t->bytes = 0;
}

static void push_cell(table *t, char *text)
{
	if (!t)
		return;
	if (t->n % (size_t)t->ncols == 0 && t->bytes > TABLE_SPILL &&
	    !t->no_spool)
		spill(t); /* the rows so far are complete, notes and all */
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		char **c = realloc(t->cells, cap * sizeof *c);
		if (c)
			t->cells = c;
		char **k = c ? realloc(t->colors, cap * sizeof *k) : NULL;
		if (k)
			t->colors = k;
		char **m = k ? realloc(t->notes, cap * sizeof *m) : NULL;
		if (m)
			t->notes = m;
		if (!c || !k || !m) {
			free(text);
			return;
		}
		t->cap = cap;
	}
	size_t col = (t->spooled + t->n) % (size_t)t->ncols;
	size_t cw = display_width(text);
	if (cw > t->w[col])
		t->w[col] = cw;
	t->bytes += strlen(text) + 1;
	t->notes[t->n] = NULL;
	t->colors[t->n] = t->next_color ? strdup(t->next_color) : NULL;
	t->cells[t->n++] = text;
	t->next_color = NULL;
}

void table_cell(table *t, const char *text)
{
	push_cell(t, cli_clean(text ? text : ""));
}

void table_cellf(table *t, const char *fmt, ...)
{
	va_list ap;
	fu_buf b = FU_BUF_INIT;
	va_start(ap, fmt);
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	table_cell(t, b.data);
	fu_buf_free(&b);
}

void table_note(table *t, const char *text, const char *color)
{
	if (!t || !t->n)
		return;
	fu_buf b = FU_BUF_INIT;
	char *clean = cli_clean(text);
	char **slot = &t->notes[t->n - 1];
	if (*slot)
		fu_buf_puts(&b, *slot);
	fu_buf_puts(&b, color ? color : "");
	fu_buf_puts(&b, clean ? clean : "");
	fu_buf_puts(&b, color && *color ? "\033[0m\n" : "\n");
	free(clean);
	t->bytes += b.len - (*slot ? strlen(*slot) : 0);
	free(*slot);
	*slot = fu_buf_detach(&b);
}

void table_color(table *t, const char *color)
{
	if (t)
		t->next_color = color && *color ? color : NULL;
}

/* Print cell number i (from the first, header included). */
static void print_cell(cli *c, const table *t, FILE *f, size_t i, int header,
		       const char *color, const char *text, const char *note)
{
	size_t col = i % (size_t)t->ncols;
	int last = col == (size_t)t->ncols - 1;
	int head = header && i < (size_t)t->ncols;
	static const char spaces[] = "                                ";
	const char *on = head ? cli_c(c, C_BOLD) : color ? color : "";
	const char *off = (head && c->color) || color ? cli_c(c, C_RESET) : "";
	fputs(on, f);
	fputs(text, f);
	fputs(off, f);
	if (last) {
		fputc('\n', f);
		if (note) {
			const char *p = note;
			while (*p) {
				const char *nl = strchr(p, '\n');
				fputs("    ", f);
				fwrite(p, 1, (size_t)(nl - p) + 1, f);
				p = nl + 1;
			}
		}
	} else {
		size_t cw = display_width(text), pad = t->w[col] + 2 - cw;
		for (; pad > sizeof spaces - 1; pad -= sizeof spaces - 1)
			fwrite(spaces, 1, sizeof spaces - 1, f);
		fwrite(spaces, 1, pad, f);
	}
}

void table_print(cli *c, table *t, FILE *f, int header)
{
	if (!t || !(t->spooled + t->n))
		return;
	size_t i = 0;
	if (t->spooled) {
		char *part[3] = { NULL, NULL, NULL };
		size_t len[3] = { 0, 0, 0 };
		rewind(t->spool);
		for (; i < t->spooled; i++) {
			int k;
			for (k = 0; k < 3; k++)
				if (getdelim(&part[k], &len[k], '\0', t->spool) < 0)
					break;
			if (k < 3)
				break; /* cannot happen: the spool was flushed */
			print_cell(c, t, f, i, header, *part[0] ? part[0] : NULL,
				   part[1], *part[2] ? part[2] : NULL);
		}
		for (int k = 0; k < 3; k++)
			free(part[k]);
		if (i < t->spooled)
			return;
	}
	for (size_t j = 0; j < t->n; j++, i++)
		print_cell(c, t, f, i, header, t->colors[j], t->cells[j],
			   t->notes[j]);
}

void table_free(table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->cells[i]);
		free(t->colors[i]);
		free(t->notes[i]);
	}
	if (t->spool)
		fclose(t->spool);
	free(t->cells);
	free(t->colors);
	free(t->notes);
	free(t->w);
	free(t);
}
