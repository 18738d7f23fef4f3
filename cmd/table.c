/* SPDX-License-Identifier: MIT */
/*
 * table.c - aligned tables for the human output: cells added row by row,
 * widths measured in display columns as they come, long tables spilled
 * to a temporary file so that any length prints in bounded memory, and
 * laid out at the end to fit the terminal (term.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fu/buf.h"
#include "fu/width.h"
#include "table.h"
#include "term.h"

/* A table holds its rows in memory until they pass TABLE_SPILL bytes;
 * then the rows done so far go to an anonymous temporary file (a spool),
 * so that a table of any length prints aligned in bounded memory. The
 * widths are kept up to date as cells arrive. */
#define TABLE_SPILL (32 * 1024)
#define TABLE_GAP 2 /* columns between two columns */
#define TABLE_MIN 4 /* the narrowest a column is cut to by default */

enum { PART_COLOR, PART_TEXT, PART_SHORT, PART_NOTES, PARTS };

typedef struct step {
	int col;
	int cut;    /* 0: the shorter forms; 1: cut */
	size_t min;
} step;

struct table {
	int ncols;
	char *(*cells)[PARTS]; /* colour, text, shorter form, notes
	                          (notes: the lines under the row ending
	                          at this cell) */
	size_t n, cap;
	const char *next_color;
	size_t *w;      /* the widest cell of each column so far */
	size_t *ws;     /* the same counting the shorter forms */
	step *steps;
	size_t nsteps;
	size_t bytes;   /* text held in memory */
	FILE *spool;    /* the rows before cells[0], each cell as its
	                   PARTS strings (each NUL-ended) */
	size_t spooled; /* cells in the spool */
	int no_spool;   /* the spool could not be written: keep all in memory */
};

table *table_new(int ncols)
{
	table *t = calloc(1, sizeof *t);
	if (t) {
		t->ncols = ncols;
		t->w = calloc((size_t)ncols, sizeof *t->w);
		t->ws = calloc((size_t)ncols, sizeof *t->ws);
		if (!t->w || !t->ws) {
			free(t->w);
			free(t->ws);
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

static void free_cell(char **cell)
{
	for (int k = 0; k < PARTS; k++)
		free(cell[k]);
}

/* Move the rows held in memory to the spool. */
static void spill(table *t)
{
	if (!t->spool && !(t->spool = tmpfile())) {
		t->no_spool = 1;
		return;
	}
	for (size_t i = 0; i < t->n; i++)
		for (int k = 0; k < PARTS; k++)
			put0(t->spool, t->cells[i][k]);
	if (fflush(t->spool) != 0 || ferror(t->spool)) {
		/* what this batch wrote is not counted: keep it in memory */
		t->no_spool = 1;
		return;
	}
	for (size_t i = 0; i < t->n; i++)
		free_cell(t->cells[i]);
	t->spooled += t->n;
	t->n = 0;
	t->bytes = 0;
}

static void push_cell(table *t, char *text, char *shorter)
{
	if (!t) {
		free(text);
		free(shorter);
		return;
	}
	if (t->n % (size_t)t->ncols == 0 && t->bytes > TABLE_SPILL &&
	    !t->no_spool)
		spill(t); /* the rows so far are complete, notes and all */
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		char *(*c)[PARTS] = realloc(t->cells, cap * sizeof *c);
		if (!c) {
			free(text);
			free(shorter);
			return;
		}
		t->cells = c;
		t->cap = cap;
	}
	size_t col = (t->spooled + t->n) % (size_t)t->ncols;
	size_t cw = fu_width(text);
	size_t sw = shorter ? fu_width(shorter) : cw;
	if (cw > t->w[col])
		t->w[col] = cw;
	if (sw > t->ws[col])
		t->ws[col] = sw;
	t->bytes += strlen(text) + 1 + (shorter ? strlen(shorter) + 1 : 0);
	char **cell = t->cells[t->n++];
	cell[PART_COLOR] = t->next_color ? strdup(t->next_color) : NULL;
	cell[PART_TEXT] = text;
	cell[PART_SHORT] = shorter;
	cell[PART_NOTES] = NULL;
	t->next_color = NULL;
}

void table_cell(table *t, const char *text)
{
	push_cell(t, cli_clean(text ? text : ""), NULL);
}

void table_cell2(table *t, const char *text, const char *shorter)
{
	push_cell(t, cli_clean(text ? text : ""),
		  shorter ? cli_clean(shorter) : NULL);
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
	char **slot = &t->cells[t->n - 1][PART_NOTES];
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

static void add_step(table *t, int col, int cut, size_t min)
{
	if (!t || col < 0 || col >= t->ncols)
		return;
	step *s = realloc(t->steps, (t->nsteps + 1) * sizeof *s);
	if (!s)
		return;
	t->steps = s;
	t->steps[t->nsteps++] = (step){ col, cut, min };
}

void table_short(table *t, int col)
{
	add_step(t, col, 0, 0);
}

void table_cut(table *t, int col, size_t min)
{
	add_step(t, col, 1, min);
}

/* How the table is printed: each column's width and whether it shows
 * the shorter forms, the limit of a line (0: none). */
typedef struct layout {
	size_t *w;
	int *shorter;
	size_t width;
} layout;

static size_t line_width(const table *t, const layout *l)
{
	size_t sum = 0;
	for (int i = 0; i < t->ncols; i++)
		sum += l->w[i] + (i ? TABLE_GAP : 0);
	return sum;
}

/* Fit the columns to l->width: the steps in order, then the widest. */
static void lay_out(const table *t, layout *l)
{
	for (int i = 0; i < t->ncols; i++)
		l->w[i] = t->w[i];
	if (!l->width)
		return;
	size_t total = line_width(t, l);
	for (size_t k = 0; k < t->nsteps && total > l->width; k++) {
		const step *s = &t->steps[k];
		size_t *w = &l->w[s->col];
		if (!s->cut) {
			l->shorter[s->col] = 1;
			if (t->ws[s->col] < *w) {
				total -= *w - t->ws[s->col];
				*w = t->ws[s->col];
			}
		} else if (*w > s->min) {
			size_t by = total - l->width;
			if (by > *w - s->min)
				by = *w - s->min;
			*w -= by;
			total -= by;
		}
	}
	while (total > l->width) {
		int widest = -1;
		for (int i = 0; i < t->ncols; i++)
			if (l->w[i] > TABLE_MIN &&
			    (widest < 0 || l->w[i] > l->w[widest]))
				widest = i;
		if (widest < 0)
			break; /* each line is cut at the edge */
		l->w[widest]--;
		total--;
	}
}

static void pad(FILE *f, size_t n)
{
	static const char spaces[] = "                                ";
	for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
		fwrite(spaces, 1, sizeof spaces - 1, f);
	fwrite(spaces, 1, n, f);
}

/* Print cell number i (from the first, header included); *pos is the
 * column the line has reached (SIZE_MAX: it was cut at the edge). */
static void print_cell(cli *c, const table *t, const layout *l, FILE *f,
		       size_t i, int header, char **cell, size_t *pos)
{
	size_t col = i % (size_t)t->ncols;
	int last = col == (size_t)t->ncols - 1;
	int head = header && i < (size_t)t->ncols;
	const char *color = cell[PART_COLOR] && *cell[PART_COLOR]
		? cell[PART_COLOR] : NULL;
	const char *text = l->shorter[col] && cell[PART_SHORT] &&
		*cell[PART_SHORT] ? cell[PART_SHORT] : cell[PART_TEXT];
	if (col == 0)
		*pos = 0;
	if (*pos != SIZE_MAX) {
		size_t room = l->w[col];
		if (l->width && *pos + room > l->width)
			room = *pos < l->width ? l->width - *pos : 0;
		char *cut = NULL;
		size_t tw = fu_width(text);
		if (l->width && tw > room) {
			cut = term_cut(text, room);
			text = cut ? cut : "";
			tw = fu_width(text);
		}
		const char *on = head ? cli_c(c, C_BOLD) : color ? color : "";
		const char *off = (head && c->color) || color ? cli_c(c, C_RESET)
							   : "";
		fputs(on, f);
		fputs(text, f);
		fputs(off, f);
		free(cut);
		if (room < l->w[col]) {
			*pos = SIZE_MAX; /* nothing more fits on the line */
		} else if (!last) {
			size_t gap = l->w[col] + TABLE_GAP - tw;
			if (l->width && *pos + l->w[col] + TABLE_GAP > l->width)
				*pos = SIZE_MAX;
			else
				pad(f, gap), *pos += l->w[col] + TABLE_GAP;
		}
	}
	if (!last)
		return;
	fputc('\n', f);
	for (const char *p = cell[PART_NOTES]; p && *p;) {
		const char *nl = strchr(p, '\n');
		fu_buf b = FU_BUF_INIT;
		fu_buf_puts(&b, "    ");
		fu_buf_add(&b, p, (size_t)(nl - p));
		term_wrap(c, f, b.data, 6);
		fu_buf_free(&b);
		p = nl + 1;
	}
}

void table_print(cli *c, table *t, FILE *f, int header)
{
	if (!t || !(t->spooled + t->n))
		return;
	layout l = { calloc((size_t)t->ncols, sizeof *l.w),
		     calloc((size_t)t->ncols, sizeof *l.shorter),
		     term_width(c) };
	if (!l.w || !l.shorter)
		goto done;
	lay_out(t, &l);
	size_t i = 0, pos = 0;
	if (t->spooled) {
		char *part[PARTS] = { NULL };
		size_t len[PARTS] = { 0 };
		rewind(t->spool);
		for (; i < t->spooled; i++) {
			int k;
			for (k = 0; k < PARTS; k++)
				if (getdelim(&part[k], &len[k], '\0', t->spool) < 0)
					break;
			if (k < PARTS)
				break; /* cannot happen: the spool was flushed */
			print_cell(c, t, &l, f, i, header, part, &pos);
		}
		for (int k = 0; k < PARTS; k++)
			free(part[k]);
		if (i < t->spooled)
			goto done;
	}
	for (size_t j = 0; j < t->n; j++, i++)
		print_cell(c, t, &l, f, i, header, t->cells[j], &pos);
done:
	free(l.w);
	free(l.shorter);
}

void table_free(table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free_cell(t->cells[i]);
	if (t->spool)
		fclose(t->spool);
	free(t->cells);
	free(t->steps);
	free(t->w);
	free(t->ws);
	free(t);
}
