/* SPDX-License-Identifier: MIT */
/*
 * fu-report-pdf - fu report --format pdf: the record of a job search as
 * a printable document, typeset with pango (which shapes every script:
 * Latin with accents, Greek, Chinese...) on cairo's PDF surface.
 *
 * A helper that fu runs (as git runs git-foo), so that cairo and pango
 * are not linked into fu itself. It is not meant to be run by hand:
 *
 *   fu-report-pdf < REPORT > FILE.pdf
 *
 * REPORT is what fu writes to it, one JSON value a line:
 *   - the head: the object of fu report --json without "rows" and
 *     "missing_rows" (user, span, as_of, per, rules, periods, activities,
 *     short_periods, and stats with --stats);
 *   - each row, an element of fu report --json's "rows", in time order;
 *   - {"end": true, "rows": N, "missing_rows": N}.
 * Nothing is held but the head and the row being set, so a report of
 * any length is typeset in bounded memory. Exit status 0, or 1 with one
 * line "fu-report-pdf: ..." on standard error (which fu reports).
 *
 * The document: who, the span, the rules applied and where they come
 * from; a chart of the activities of each week (or month) against the
 * minimum, the short ones in red; with --stats, fu stats' charts; then a
 * table for each week with its rows and its total, what a row lacks
 * under it.
 */
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#define NAME "fu-report-pdf"

/* Letter for the American agencies' rules, A4 for the others; in
 * landscape, for the table's eight columns. */
#define LETTER_W 792.0
#define LETTER_H 612.0
#define A4_W 841.89
#define A4_H 595.28
#define MARGIN 40.0
#define FONT "Sans"
#define BODY 9.0       /* points: the table */
#define GAP 3.0        /* between a cell's text and its edges */
#define MAX_LINES 3    /* a cell's text, at most, then "..." */

static void die(const char *fmt, ...)
{
	va_list ap;
	fputs(NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* --- the document ------------------------------------------------------ */

typedef struct doc {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *pc;
	double w, h;         /* the page */
	double y;            /* where the next thing goes */
	int page;            /* pages begun */
	const char *user;    /* for the footer */
	cJSON *head;
	struct batch *batch; /* table text not yet shown */
} doc;

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static cairo_status_t write_out(void *closure, const unsigned char *data,
				unsigned int len)
{
	(void)closure;
	return fwrite(data, 1, len, stdout) == len ? CAIRO_STATUS_SUCCESS
						   : CAIRO_STATUS_WRITE_ERROR;
}

/* A layout of text in font (size in points), width points wide (0: as
 * wide as the text), at most lines lines (0: any). */
static PangoLayout *layout(doc *d, const char *text, const char *font,
			   double size, double width, int lines)
{
	PangoLayout *l = pango_layout_new(d->pc);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	if (lines > 0) {
		pango_layout_set_height(l, -lines);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static double height_of(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double width_of(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

/* --- the table's text, shaped once and shown in long runs ---------------
 *
 * A year of a busy hunt is tens of thousands of rows: the same dates,
 * employers, positions, people and results come back row after row, and
 * most of the work was pango shaping them again and drawing each cell as
 * a call of its own. A cell's text is shaped once into its glyphs (each
 * with its position, and the clusters that tie glyphs to the characters,
 * so the PDF's text can be copied and searched as pango would have it),
 * kept in a cache, and the glyphs of consecutive cells in one font are
 * shown by one cairo_show_text_glyphs. Pango still draws everything it
 * must draw itself (a missing glyph's box). */

typedef struct grun {
	cairo_scaled_font_t *font; /* referenced */
	int glyphs, clusters, bytes;
	int backward;              /* right to left */
} grun;

typedef struct shaped {
	int refs;
	double w, h;
	int nruns;
	grun *runs;
	cairo_glyph_t *g;          /* every run's glyphs, from the origin */
	cairo_text_cluster_t *c;   /* every run's clusters */
	char *text;                /* every run's text */
	PangoLayout *pango;        /* non-NULL: pango draws this one */
} shaped;

typedef struct batch {
	cairo_scaled_font_t *font;
	int backward;
	cairo_glyph_t *g;
	cairo_text_cluster_t *c;
	char *text;
	int glyphs, clusters, bytes;
	int gcap, ccap, bcap;
} batch;

static void *grow(void *p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return p;
	int n = *cap ? *cap : 256;
	while (n < need)
		n *= 2;
	p = realloc(p, (size_t)n * size);
	if (!p)
		die("out of memory");
	*cap = n;
	return p;
}

/* Show what is batched. */
static void flush(doc *d)
{
	batch *b = d->batch;
	if (!b || !b->glyphs) {
		if (b)
			b->clusters = b->bytes = 0;
		return;
	}
	cairo_set_scaled_font(d->cr, b->font);
	cairo_show_text_glyphs(d->cr, b->text, b->bytes, b->g, b->glyphs,
			       b->c, b->clusters, b->backward
			       ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
	b->glyphs = b->clusters = b->bytes = 0;
}

static void draw(doc *d, PangoLayout *l, double x, double y)
{
	flush(d);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, l);
}

/* The glyphs of l, or NULL when pango must draw it (a glyph the fonts
 * do not have, which pango draws as a box). */
static shaped *shape(PangoLayout *l)
{
	int runs = 0, glyphs = 0, clusters = 0, bytes = 0;
	const char *text = pango_layout_get_text(l);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		if (!run)
			continue;
		runs++;
		bytes += run->item->length;
		for (int i = 0; i < run->glyphs->num_glyphs; i++) {
			PangoGlyph g = run->glyphs->glyphs[i].glyph;
			if (g & PANGO_GLYPH_UNKNOWN_FLAG && g != (0x20 |
				    PANGO_GLYPH_UNKNOWN_FLAG)) {
				pango_layout_iter_free(it);
				return NULL;
			}
			glyphs++;
		}
		clusters += run->glyphs->num_glyphs + 1;
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	shaped *s = calloc(1, sizeof *s);
	if (!s || !(s->runs = calloc((size_t)runs + 1, sizeof *s->runs)) ||
	    !(s->g = calloc((size_t)glyphs + 1, sizeof *s->g)) ||
	    !(s->c = calloc((size_t)clusters + 1, sizeof *s->c)) ||
	    !(s->text = malloc((size_t)bytes + 1)))
		die("out of memory");
	s->refs = 1;
	int w, h;
	pango_layout_get_size(l, &w, &h);
	s->w = (double)w / PANGO_SCALE;
	s->h = (double)h / PANGO_SCALE;
	cairo_glyph_t *gp = s->g;
	cairo_text_cluster_t *cp = s->c;
	char *tp = s->text;
	it = pango_layout_get_iter(l);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		if (!run)
			continue;
		grun *r = &s->runs[s->nruns++];
		PangoRectangle lr;
		pango_layout_iter_get_run_extents(it, NULL, &lr);
		int base = pango_layout_iter_get_baseline(it);
		r->font = cairo_scaled_font_reference(
			pango_cairo_font_get_scaled_font(
				PANGO_CAIRO_FONT(run->item->analysis.font)));
		r->backward = run->item->analysis.level % 2;
		/* the glyphs, where pango's renderer puts them */
		int x = lr.x, n = 0;
		int *index = malloc(sizeof *index *
				    (size_t)(run->glyphs->num_glyphs + 1));
		if (!index)
			die("out of memory");
		for (int i = 0; i < run->glyphs->num_glyphs; i++) {
			const PangoGlyphInfo *gi = &run->glyphs->glyphs[i];
			index[i] = -1;
			if (gi->glyph != PANGO_GLYPH_EMPTY &&
			    !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
				index[i] = n;
				gp[n].index = gi->glyph;
				gp[n].x = (double)(x + gi->geometry.x_offset) /
					  PANGO_SCALE;
				gp[n].y = (double)(base + gi->geometry.y_offset)
					  / PANGO_SCALE;
				n++;
			}
			x += gi->geometry.width;
		}
		/* the clusters, in the order cairo wants them (backward for
		 * right to left), counting the glyphs shown */
		PangoGlyphItemIter ci;
		int k = 0;
		for (gboolean more = pango_glyph_item_iter_init_start(&ci, run,
								     text);
		     more; more = pango_glyph_item_iter_next_cluster(&ci)) {
			int shown = 0;
			int from = ci.start_glyph < ci.end_glyph ? ci.start_glyph
				   : ci.end_glyph + 1;
			int to = ci.start_glyph < ci.end_glyph ? ci.end_glyph
				 : ci.start_glyph + 1;
			for (int i = from; i < to; i++)
				shown += index[i] >= 0;
			cp[k].num_bytes = ci.end_index - ci.start_index;
			cp[k].num_glyphs = shown;
			k++;
		}
		free(index);
		memcpy(tp, text + run->item->offset, (size_t)run->item->length);
		r->glyphs = n;
		r->clusters = k;
		r->bytes = run->item->length;
		gp += n;
		cp += k;
		tp += r->bytes;
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	return s;
}

static void release(shaped *s)
{
	if (!s || --s->refs > 0)
		return;
	for (int i = 0; i < s->nruns; i++)
		cairo_scaled_font_destroy(s->runs[i].font);
	if (s->pango)
		g_object_unref(s->pango);
	free(s->runs);
	free(s->g);
	free(s->c);
	free(s->text);
	free(s);
}

/* Show s with its origin at (x, y): its glyphs join the batch. */
static void put(doc *d, const shaped *s, double x, double y)
{
	if (s->pango) {
		draw(d, s->pango, x, y);
		return;
	}
	batch *b = d->batch;
	const cairo_glyph_t *g = s->g;
	const cairo_text_cluster_t *c = s->c;
	const char *t = s->text;
	for (int i = 0; i < s->nruns; i++) {
		const grun *r = &s->runs[i];
		/* right to left, cairo reads a call's clusters from its
		 * last glyph: such a run is shown by a call of its own */
		if (b->glyphs && (b->font != r->font || b->backward ||
				  r->backward))
			flush(d);
		b->font = r->font;
		b->backward = r->backward;
		b->g = grow(b->g, &b->gcap, b->glyphs + r->glyphs,
			    sizeof *b->g);
		b->c = grow(b->c, &b->ccap, b->clusters + r->clusters,
			    sizeof *b->c);
		b->text = grow(b->text, &b->bcap, b->bytes + r->bytes, 1);
		for (int k = 0; k < r->glyphs; k++) {
			cairo_glyph_t *o = &b->g[b->glyphs + k];
			o->index = g[k].index;
			o->x = x + g[k].x;
			o->y = y + g[k].y;
		}
		memcpy(b->c + b->clusters, c, sizeof *c * (size_t)r->clusters);
		memcpy(b->text + b->bytes, t, (size_t)r->bytes);
		b->glyphs += r->glyphs;
		b->clusters += r->clusters;
		b->bytes += r->bytes;
		g += r->glyphs;
		c += r->clusters;
		t += r->bytes;
	}
}

/* Text at (x, y); its height. */
static double text_at(doc *d, double x, double y, const char *text,
		      const char *font, double size, double width)
{
	PangoLayout *l = layout(d, text, font, size, width, 0);
	draw(d, l, x, y);
	double h = height_of(l);
	g_object_unref(l);
	return h;
}

static void color(doc *d, double r, double g, double b)
{
	flush(d);
	cairo_set_source_rgb(d->cr, r, g, b);
}

static void footer(doc *d)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s%s%s \u2014 page %d",
		 "job-search record", d->user ? " of " : "",
		 d->user ? d->user : "", d->page);
	color(d, 0.4, 0.4, 0.4);
	text_at(d, MARGIN, d->h - MARGIN + 10, buf, FONT, 7, 0);
	color(d, 0, 0, 0);
}

static void new_page(doc *d)
{
	flush(d);
	if (d->page)
		cairo_show_page(d->cr);
	d->page++;
	footer(d);
	d->y = MARGIN;
}

/* Room for h more points on this page, else a new one; 1 when a new
 * page was begun. */
static int room(doc *d, double h)
{
	if (d->y + h <= d->h - MARGIN)
		return 0;
	new_page(d);
	return 1;
}

/* A paragraph across the page. */
static void para(doc *d, const char *text, const char *font, double size)
{
	PangoLayout *l = layout(d, text, font, size, d->w - 2 * MARGIN, 0);
	double h = height_of(l);
	room(d, h);
	draw(d, l, MARGIN, d->y);
	d->y += h + 2;
	g_object_unref(l);
}

/* --- the first page: who, when, which rules ------------------------------ */

static void title(doc *d)
{
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(d->head, "rules");
	char buf[1024];
	new_page(d);
	snprintf(buf, sizeof buf, "Job-search record%s%s", d->user ? " of " : "",
		 d->user ? d->user : "");
	para(d, buf, FONT " Bold", 16);
	snprintf(buf, sizeof buf, "%s \u2013 as of %s",
		 str(d->head, "span") ? str(d->head, "span") : "",
		 str(d->head, "as_of") ? str(d->head, "as_of") : "");
	para(d, buf, FONT, 10);
	d->y += 6;
	if (!cJSON_IsObject(r)) {
		para(d, "Rules: none (every activity listed; nothing to meet).",
		     FONT, 9);
	} else {
		snprintf(buf, sizeof buf, "Rules applied: %s (%s)",
			 str(r, "name") ? str(r, "name") : "",
			 str(r, "id") ? str(r, "id") : "");
		para(d, buf, FONT " Bold", 10);
		snprintf(buf, sizeof buf, "Required: %s.",
			 str(r, "summary") ? str(r, "summary") : "");
		para(d, buf, FONT, 9);
		const char *lists[] = { "counts", "fields" };
		const char *labels[] = { "What counts", "Each row shows" };
		for (int i = 0; i < 2; i++) {
			const cJSON *a = cJSON_GetObjectItemCaseSensitive(r,
								lists[i]);
			size_t at = (size_t)snprintf(buf, sizeof buf, "%s: ",
						     labels[i]);
			const cJSON *w;
			int k = 0;
			cJSON_ArrayForEach(w, a)
				if (cJSON_IsString(w) && at < sizeof buf)
					at += (size_t)snprintf(buf + at,
						sizeof buf - at, "%s%s",
						k++ ? ", " : "", w->valuestring);
			para(d, buf, FONT, 9);
		}
		if (str(r, "retention")) {
			snprintf(buf, sizeof buf, "Keep this record: %s.",
				 str(r, "retention"));
			para(d, buf, FONT, 9);
		}
		if (str(r, "note")) {
			snprintf(buf, sizeof buf, "Note: %s.", str(r, "note"));
			para(d, buf, FONT, 9);
		}
		if (str(r, "source")) {
			snprintf(buf, sizeof buf, "Source: %s", str(r, "source"));
			para(d, buf, FONT, 9);
		}
	}
	const cJSON *ps = cJSON_GetObjectItemCaseSensitive(d->head, "periods");
	int n = cJSON_GetArraySize(ps), met = 0, shortn = 0, under = 0;
	const cJSON *p;
	cJSON_ArrayForEach(p, ps) {
		const char *s = str(p, "status");
		met += s && !strcmp(s, "met");
		shortn += s && !strcmp(s, "short");
		under += s && !strcmp(s, "under-way");
	}
	int monthly = str(d->head, "per") && !strcmp(str(d->head, "per"),
						     "month");
	d->y += 4;
	if (cJSON_IsObject(r))
		snprintf(buf, sizeof buf, "%d %s, %.0f activities: %d met the "
			 "rule, %d short, %d under way.", n,
			 monthly ? (n == 1 ? "month" : "months")
				 : (n == 1 ? "week" : "weeks"),
			 num(d->head, "activities"), met, shortn, under);
	else
		snprintf(buf, sizeof buf, "%d %s, %.0f activities.", n,
			 monthly ? (n == 1 ? "month" : "months")
				 : (n == 1 ? "week" : "weeks"),
			 num(d->head, "activities"));
	para(d, buf, FONT " Bold", 10);
}

/* --- charts ------------------------------------------------------------- */

/* Activities per period against the minimum: vertical bars, the short
 * ones red, those under way grey, a line at the minimum; as many rows
 * of charts as it takes, 26 periods a row. */
static void period_chart(doc *d)
{
	const cJSON *ps = cJSON_GetObjectItemCaseSensitive(d->head, "periods");
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(d->head, "rules");
	int n = cJSON_GetArraySize(ps);
	double minimum = cJSON_IsObject(r) ? num(r, "minimum") : 0;
	int monthly = str(d->head, "per") && !strcmp(str(d->head, "per"),
						     "month");
	double most = minimum;
	const cJSON *p;
	cJSON_ArrayForEach(p, ps)
		if (num(p, "activities") > most)
			most = num(p, "activities");
	if (most < 1)
		most = 1;
	const int per_row = 26;
	const double chart_h = 120, label_h = 28;
	double width = d->w - 2 * MARGIN - 30;
	char buf[128];
	d->y += 10;
	room(d, 20 + chart_h + label_h);
	snprintf(buf, sizeof buf, "Activities per %s%s", monthly ? "month"
		 : "week", minimum > 0 ? " against the minimum" : "");
	para(d, buf, FONT " Bold", 11);
	d->y += 10;
	for (int first = 0; first < n; first += per_row) {
		int count = n - first < per_row ? n - first : per_row;
		room(d, chart_h + label_h + 6);
		double x0 = MARGIN + 30, y0 = d->y + chart_h; /* baseline */
		double slot = width / per_row, bar = slot * 0.7;
		/* the scale */
		color(d, 0.5, 0.5, 0.5);
		cairo_set_line_width(d->cr, 0.5);
		cairo_move_to(d->cr, x0, y0);
		cairo_line_to(d->cr, x0 + slot * count, y0);
		cairo_stroke(d->cr);
		snprintf(buf, sizeof buf, "%.0f", most);
		text_at(d, MARGIN, d->y - 4, buf, FONT, 7, 0);
		text_at(d, MARGIN, y0 - 9, "0", FONT, 7, 0);
		for (int i = 0; i < count; i++) {
			const cJSON *q = cJSON_GetArrayItem(ps, first + i);
			double v = num(q, "activities");
			const char *s = str(q, "status");
			double bh = v / most * chart_h;
			if (s && !strcmp(s, "short"))
				color(d, 0.80, 0.15, 0.15);
			else if (s && !strcmp(s, "under-way"))
				color(d, 0.65, 0.65, 0.65);
			else
				color(d, 0.20, 0.45, 0.70);
			double x = x0 + slot * i + (slot - bar) / 2;
			cairo_rectangle(d->cr, x, y0 - bh, bar, bh);
			cairo_fill(d->cr);
			color(d, 0, 0, 0);
			snprintf(buf, sizeof buf, "%.0f", v);
			PangoLayout *l = layout(d, buf, FONT, 6.5, 0, 0);
			draw(d, l, x + (bar - width_of(l)) / 2,
			     y0 - bh - height_of(l) - 1);
			g_object_unref(l);
			/* the period's start, as "2 Nov" (the label's
			 * first day without its weekday) */
			const char *label = str(q, "label");
			char day[32] = "";
			if (label && monthly)
				snprintf(day, sizeof day, "%.3s", label);
			else if (label) {
				const char *sp = strchr(label, ' ');
				snprintf(day, sizeof day, "%s", sp ? sp + 1 : label);
				char *dash = strstr(day, " - ");
				if (dash)
					*dash = '\0';
			}
			l = layout(d, day, FONT, 6, slot * 1.8, 0);
			cairo_save(d->cr);
			cairo_move_to(d->cr, x, y0 + 3);
			cairo_rotate(d->cr, 0.6);
			pango_cairo_show_layout(d->cr, l);
			cairo_restore(d->cr);
			g_object_unref(l);
		}
		if (minimum > 0) {
			double my = y0 - minimum / most * chart_h;
			color(d, 0.80, 0.15, 0.15);
			cairo_set_line_width(d->cr, 0.8);
			const double dash[] = { 3, 2 };
			cairo_set_dash(d->cr, dash, 2, 0);
			cairo_move_to(d->cr, x0, my);
			cairo_line_to(d->cr, x0 + slot * count, my);
			cairo_stroke(d->cr);
			cairo_set_dash(d->cr, NULL, 0, 0);
			snprintf(buf, sizeof buf, "minimum %.0f", minimum);
			text_at(d, x0 + slot * count + 2, my - 5, buf, FONT, 6,
				0);
			color(d, 0, 0, 0);
		}
		d->y = y0 + label_h + 6;
	}
}

/* A horizontal bar: label, bar of value out of most, text after it. */
static void hbar(doc *d, const char *label, double value, double most,
		 const char *text)
{
	const double lw = 150, bw = 220, h = 11;
	room(d, h + 3);
	color(d, 0, 0, 0);
	text_at(d, MARGIN + 10, d->y, label, FONT, 8, lw);
	color(d, 0.92, 0.92, 0.92);
	cairo_rectangle(d->cr, MARGIN + 10 + lw, d->y + 1, bw, h - 2);
	cairo_fill(d->cr);
	if (value > 0 && most > 0) {
		color(d, 0.20, 0.45, 0.70);
		cairo_rectangle(d->cr, MARGIN + 10 + lw, d->y + 1,
				bw * (value > most ? 1 : value / most), h - 2);
		cairo_fill(d->cr);
	}
	color(d, 0, 0, 0);
	text_at(d, MARGIN + 16 + lw + bw, d->y, text, FONT, 8, 0);
	d->y += h + 3;
}

static void rate_bar(doc *d, const char *label, const cJSON *o,
		     const char *whole_key, const char *part_key)
{
	char buf[96];
	double rate = num(o, "rate");
	if (rate < 0) {
		hbar(d, label, 0, 1, "\u2013");
		return;
	}
	snprintf(buf, sizeof buf, "%.0f%% (%.0f of %.0f)", rate * 100,
		 num(o, part_key), num(o, whole_key));
	hbar(d, label, rate, 1, buf);
}

/* fu stats' numbers and charts (--stats). */
static void stats_charts(doc *d)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(d->head, "stats");
	char buf[160];
	if (!cJSON_IsObject(s))
		return;
	d->y += 12;
	room(d, 300); /* the charts together, on one page */
	para(d, "Does following up work?", FONT " Bold", 11);
	const cJSON *resp = cJSON_GetObjectItemCaseSensitive(s, "response");
	if (num(resp, "rate") >= 0) {
		snprintf(buf, sizeof buf, "Response rate %.0f%% (%.0f of %.0f "
			 "applied to heard back)", num(resp, "rate") * 100,
			 num(resp, "responded"), num(resp, "applied"));
		para(d, buf, FONT, 9);
	}
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(s, "following_up");
	rate_bar(d, "answered, with a check-in",
		 cJSON_GetObjectItemCaseSensitive(f, "with_check_in"),
		 "applications", "answered");
	rate_bar(d, "answered, without",
		 cJSON_GetObjectItemCaseSensitive(f, "without_check_in"),
		 "applications", "answered");
	static const char *const after[] = { "after no check-in",
		"after the 1st", "after the 2nd", "after the 3rd or later" };
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(f, "after");
	for (int i = 0; i < 4; i++)
		rate_bar(d, after[i], cJSON_GetArrayItem(a, i), "applications",
			 "answered");
	d->y += 6;
	para(d, "Days to the first reply, by source (median)", FONT " Bold",
	     10);
	const cJSON *bs = cJSON_GetObjectItemCaseSensitive(s,
						"first_reply_by_source");
	double most = 0;
	const cJSON *x;
	cJSON_ArrayForEach(x, bs)
		if (num(x, "median_days") > most)
			most = num(x, "median_days");
	int any = 0;
	cJSON_ArrayForEach(x, bs) {
		if (num(x, "timed") <= 0)
			continue;
		snprintf(buf, sizeof buf, "%.1f days (%.0f)",
			 num(x, "median_days"), num(x, "timed"));
		hbar(d, x->string, num(x, "median_days"), most, buf);
		any = 1;
	}
	if (!any)
		para(d, "no reply yet", FONT, 8);
	d->y += 6;
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(s, "ghosted");
	if (num(g, "rate") >= 0) {
		snprintf(buf, sizeof buf, "%.0f%% (%.0f of %.0f: no word at "
			 "all)", num(g, "rate") * 100, num(g, "applications"),
			 num(resp, "applied"));
		hbar(d, "ghosted", num(g, "rate"), 1, buf);
	}
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(s, "thank_yous");
	rate_bar(d, "thank-yous on time", t, "meetings", "on_time");
}

/* --- the tables ---------------------------------------------------------- */

enum { C_DATE, C_ACTIVITY, C_EMPLOYER, C_POSITION, C_PERSON, C_METHOD,
       C_CONTACT, C_RESULT, NCOLS };
static const char *const heads[NCOLS] = { "Date", "Activity", "Employer",
	"Position", "Person contacted", "Method", "Employer's contact",
	"Result" };
static const double share[NCOLS] = { .09, .09, .14, .16, .13, .08, .20,
				     .11 };

/* The cells' text, shaped: the same texts come back row after row
 * (dates, employers, positions, people, results). Direct-mapped by a
 * hash of the column and the text; 32768 slots hold a year of a busy
 * hunt's distinct cells with few collisions, in a few MiB. */
#define SLOTS 32768
typedef struct slot {
	int col;
	char *text;
	shaped *s;
} slot;

typedef struct table {
	double x[NCOLS + 1];
	slot *cache;
	long period;         /* the period whose table is open, or -1 */
	long next;           /* the next period to begin */
	int rows_in_period;
} table;

static unsigned hash(int col, const char *s)
{
	unsigned h = 2166136261u ^ (unsigned)col;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Column col's cell of text, shaped; the caller releases it. */
static shaped *cell(doc *d, table *t, int col, const char *text)
{
	if (!text)
		text = "\u2013";
	slot *s = &t->cache[hash(col, text) % SLOTS];
	if (!s->s || s->col != col || strcmp(s->text, text)) {
		release(s->s);
		free(s->text);
		s->col = col;
		s->text = strdup(text);
		if (!s->text)
			die("out of memory");
		PangoLayout *l = layout(d, text, FONT, BODY,
					t->x[col + 1] - t->x[col] - 2 * GAP,
					MAX_LINES);
		s->s = shape(l);
		if (s->s) {
			g_object_unref(l);
		} else {
			s->s = calloc(1, sizeof *s->s);
			if (!s->s)
				die("out of memory");
			s->s->refs = 1;
			s->s->pango = l;
			s->s->h = height_of(l);
			s->s->w = width_of(l);
		}
	}
	s->s->refs++;
	return s->s;
}

static void table_head(doc *d, table *t)
{
	double h = 0;
	PangoLayout *l[NCOLS];
	for (int i = 0; i < NCOLS; i++) {
		l[i] = layout(d, heads[i], FONT " Bold", BODY,
			      t->x[i + 1] - t->x[i] - 2 * GAP, 2);
		if (height_of(l[i]) > h)
			h = height_of(l[i]);
	}
	color(d, 0.88, 0.91, 0.95);
	cairo_rectangle(d->cr, t->x[0], d->y, t->x[NCOLS] - t->x[0],
			h + 2 * GAP);
	cairo_fill(d->cr);
	color(d, 0, 0, 0);
	for (int i = 0; i < NCOLS; i++) {
		draw(d, l[i], t->x[i] + GAP, d->y + GAP);
		g_object_unref(l[i]);
	}
	d->y += h + 2 * GAP;
}

static const cJSON *period_at(doc *d, long i)
{
	return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(d->head,
								   "periods"),
				  (int)i);
}

/* The heading of period i (continued: on a page after its first). */
static void period_heading(doc *d, long i, int continued)
{
	const cJSON *p = period_at(d, i);
	const char *s = str(p, "status"), *why = str(p, "short");
	char buf[512];
	double act = num(p, "activities");
	room(d, 40);
	d->y += continued ? 0 : 8;
	snprintf(buf, sizeof buf, "%s%s", str(p, "label") ? str(p, "label")
		 : "", continued ? " (continued)" : "");
	para(d, buf, FONT " Bold", 10);
	if (continued)
		return;
	if (s && !strcmp(s, "short")) {
		color(d, 0.75, 0.1, 0.1);
		snprintf(buf, sizeof buf, "SHORT of the rule: %s", why ? why
			 : "");
	} else if (s && !strcmp(s, "under-way")) {
		color(d, 0.45, 0.45, 0.45);
		snprintf(buf, sizeof buf, "under way: %s so far", why ? why
			 : "");
	} else if (s && !strcmp(s, "met")) {
		color(d, 0.1, 0.5, 0.2);
		snprintf(buf, sizeof buf, "meets the rule: %.0f %s", act,
			 act == 1 ? "activity" : "activities");
	} else {
		snprintf(buf, sizeof buf, "%.0f %s", act, act == 1 ? "activity"
			 : "activities");
	}
	para(d, buf, FONT " Bold", 8.5);
	color(d, 0, 0, 0);
}

/* The total under period i's table. */
static void period_total(doc *d, long i)
{
	const cJSON *p = period_at(d, i);
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(d->head, "rules");
	char buf[256];
	size_t at = (size_t)snprintf(buf, sizeof buf, "Total: %.0f %s",
		num(p, "activities"), num(p, "activities") == 1 ? "activity"
		: "activities");
	if (cJSON_IsObject(r) && num(r, "minimum") > 0)
		at += (size_t)snprintf(buf + at, sizeof buf - at,
				       " (minimum %.0f)", num(r, "minimum"));
	snprintf(buf + at, sizeof buf - at, ", %.0f %s, on %.0f %s",
		 num(p, "employers"), num(p, "employers") == 1 ? "employer"
		 : "different employers", num(p, "days"),
		 num(p, "days") == 1 ? "day" : "different days");
	room(d, 14);
	para(d, buf, FONT " Bold", BODY);
}

static void close_period(doc *d, table *t)
{
	if (t->period < 0)
		return;
	period_total(d, t->period);
	t->period = -1;
}

/* Begin period i's table, after those before it that had no rows. */
static void open_period(doc *d, table *t, long i)
{
	close_period(d, t);
	for (; t->next < i; t->next++) {
		period_heading(d, t->next, 0);
		para(d, "No activity.", FONT, BODY);
		period_total(d, t->next);
	}
	period_heading(d, i, 0);
	room(d, 30);
	table_head(d, t);
	t->period = i;
	t->next = i + 1;
	t->rows_in_period = 0;
}

static void row(doc *d, table *t, const cJSON *r)
{
	long period = (long)num(r, "period");
	if (period < 0 || period >= cJSON_GetArraySize(
		    cJSON_GetObjectItemCaseSensitive(d->head, "periods")))
		die("a row of period %ld, which the report does not have",
		    period);
	if (period != t->period)
		open_period(d, t, period);
	char contact[1024];
	size_t at = 0;
	contact[0] = '\0';
	const char *parts[] = { "address", "phone", "email", "website" };
	for (int i = 0; i < 4; i++)
		if (str(r, parts[i]) && at < sizeof contact)
			at += (size_t)snprintf(contact + at, sizeof contact - at,
					       "%s%s", at ? "; " : "",
					       str(r, parts[i]));
	const char *text[NCOLS] = {
		str(r, "day"), str(r, "activity"), str(r, "employer"),
		str(r, "position"), str(r, "person"), str(r, "method"),
		at ? contact : NULL, str(r, "result")
	};
	char day[32];
	if (text[C_DATE]) { /* "Mon 2 Nov 2026": the year is in the heading */
		snprintf(day, sizeof day, "%s", text[C_DATE]);
		char *sp = strrchr(day, ' ');
		if (sp)
			*sp = '\0';
		text[C_DATE] = day;
	}
	/* each cell's glyphs held for the row: the next cell's may take
	 * its place in the cache */
	shaped *l[NCOLS];
	double h = 0;
	for (int i = 0; i < NCOLS; i++) {
		l[i] = cell(d, t, i, text[i]);
		if (l[i]->h > h)
			h = l[i]->h;
	}
	/* what the rules ask that the row lacks, under it */
	char missing[1024];
	at = 0;
	missing[0] = '\0';
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(r, "missing");
	const cJSON *fix = cJSON_GetObjectItemCaseSensitive(r, "fix");
	const cJSON *w;
	cJSON_ArrayForEach(w, m)
		if (cJSON_IsString(w) && at < sizeof missing)
			at += (size_t)snprintf(missing + at, sizeof missing - at,
				"%s%s (%s)", at ? "; " : "Missing: ",
				w->valuestring, str(fix, w->valuestring)
				? str(fix, w->valuestring) : "");
	PangoLayout *ml = at ? layout(d, missing, FONT " Italic", 8,
				      t->x[NCOLS] - t->x[0] - 2 * GAP, 3)
			     : NULL;
	double mh = ml ? height_of(ml) + GAP : 0;
	if (room(d, h + 2 * GAP + mh)) {
		period_heading(d, t->period, 1);
		table_head(d, t);
	}
	if (t->rows_in_period++ % 2) {
		color(d, 0.96, 0.96, 0.96);
		cairo_rectangle(d->cr, t->x[0], d->y, t->x[NCOLS] - t->x[0],
				h + 2 * GAP + mh);
		cairo_fill(d->cr);
		color(d, 0, 0, 0);
	}
	for (int i = 0; i < NCOLS; i++) {
		put(d, l[i], t->x[i] + GAP, d->y + GAP);
		release(l[i]);
	}
	d->y += h + 2 * GAP;
	if (ml) {
		color(d, 0.6, 0.3, 0);
		draw(d, ml, t->x[0] + GAP, d->y - GAP / 2);
		color(d, 0, 0, 0);
		d->y += mh;
		g_object_unref(ml);
	}
}

/* --- reading ------------------------------------------------------------ */

static cJSON *parse_line(char *line, size_t n)
{
	cJSON *v = cJSON_Parse(line);
	if (!v)
		die("line %zu of the report is not JSON", n);
	return v;
}

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		die("takes no arguments: fu report --format pdf runs it");
	/* cairo compresses each page with a fresh zlib stream: its buffers
	 * are allocated and freed page after page, and with glibc's
	 * defaults every free gave the memory back to the system and every
	 * allocation faulted it in again (a fifth of the time) */
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	char *line = NULL;
	size_t cap = 0, lines = 0;
	ssize_t len;
	doc d = { 0 };
	table *t = calloc(1, sizeof *t);
	batch b = { 0 };
	d.batch = &b;
	if (!t || !(t->cache = calloc(SLOTS, sizeof *t->cache)))
		die("out of memory");
	if ((len = getline(&line, &cap, stdin)) < 0)
		die("no report on standard input");
	d.head = parse_line(line, ++lines);
	const cJSON *rules = cJSON_GetObjectItemCaseSensitive(d.head, "rules");
	const char *id = cJSON_IsObject(rules) ? str(rules, "id") : NULL;
	int letter = id && (!strcmp(id, "wa") || !strcmp(id, "ny") ||
			    !strcmp(id, "ne") || !strcmp(id, "nc"));
	d.w = letter ? LETTER_W : A4_W;
	d.h = letter ? LETTER_H : A4_H;
	d.user = str(d.head, "user");
	d.surface = cairo_pdf_surface_create_for_stream(write_out, NULL, d.w,
							d.h);
	d.cr = cairo_create(d.surface);
	if (cairo_status(d.cr) != CAIRO_STATUS_SUCCESS)
		die("cannot begin the PDF: %s",
		    cairo_status_to_string(cairo_status(d.cr)));
	cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_TITLE,
				       "Job-search record");
	if (d.user)
		cairo_pdf_surface_set_metadata(d.surface,
					       CAIRO_PDF_METADATA_AUTHOR, d.user);
	cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_CREATOR,
				       "fu report");
	d.pc = pango_cairo_create_context(d.cr);
	/* sizes in points, as the page is measured (not 96 dots an inch) */
	pango_cairo_context_set_resolution(d.pc, 72);
	/* glyphs where the font puts them: rounded to whole points (pango's
	 * default, for screens), every glyph of the PDF was moved a little
	 * and written with its own correction */
	pango_context_set_round_glyph_positions(d.pc, FALSE);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(d.pc, fo);
	cairo_font_options_destroy(fo);
	double content = d.w - 2 * MARGIN;
	t->x[0] = MARGIN;
	for (int i = 0; i < NCOLS; i++)
		t->x[i + 1] = t->x[i] + content * share[i];
	t->period = -1;
	title(&d);
	period_chart(&d);
	stats_charts(&d);
	int ended = 0;
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		cJSON *r = parse_line(line, ++lines);
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "end"))) {
			ended = 1;
			cJSON_Delete(r);
			break;
		}
		if (lines == 2)
			new_page(&d);
		row(&d, t, r);
		cJSON_Delete(r);
	}
	if (ferror(stdin))
		die("cannot read the report: %s", strerror(errno));
	if (!ended)
		die("the report ended early, after %zu lines", lines);
	if (lines == 2)
		new_page(&d);
	close_period(&d, t);
	long n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(d.head,
								    "periods"));
	for (; t->next < n; t->next++) {
		period_heading(&d, t->next, 0);
		para(&d, "No activity.", FONT, BODY);
		period_total(&d, t->next);
	}
	flush(&d);
	for (int i = 0; i < SLOTS; i++) {
		release(t->cache[i].s);
		free(t->cache[i].text);
	}
	free(t->cache);
	free(t);
	free(b.g);
	free(b.c);
	free(b.text);
	g_object_unref(d.pc);
	cairo_destroy(d.cr);
	cairo_surface_finish(d.surface);
	cairo_status_t st = cairo_surface_status(d.surface);
	cairo_surface_destroy(d.surface);
	cJSON_Delete(d.head);
	free(line);
	if (st != CAIRO_STATUS_SUCCESS)
		die("cannot write the PDF: %s", cairo_status_to_string(st));
	if (fflush(stdout) != 0 || ferror(stdout))
		die("cannot write the PDF: %s", strerror(errno));
	return 0;
}
