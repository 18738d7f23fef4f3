/* cli.c - printing, preparing and the helpers every command shares. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "fu/buf.h"
#include "fu/date.h"
#include "fu/json.h"
#include "fu/text.h"
#include "fu/transfer.h"

int cli_fail(int code, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("fu: ", stderr);
	va_start(ap, fmt);
	fu_buf b = FU_BUF_INIT;
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	cli_put(stderr, b.data);
	fu_buf_free(&b);
	fputc('\n', stderr);
	return code;
}

int cli_exit_for(int rc)
{
	switch (rc) {
	case FU_OK: return FU_EXIT_OK;
	case FU_EINVALID: return FU_EXIT_INVALID;
	case FU_ENOTFOUND: case FU_EAMBIGUOUS: return FU_EXIT_NOTFOUND;
	case FU_EEXISTS: return FU_EXIT_INVALID;
	case FU_EBUSY: return FU_EXIT_BUSY;
	case FU_EDB: return FU_EXIT_DB;
	default: return FU_EXIT_FAILURE;
	}
}

int cli_lib_fail(cli *c, int rc)
{
	return cli_fail(cli_exit_for(rc), "%s", fu_errmsg(c->db));
}

void cli_print_usage(const cmd *k, FILE *f)
{
	const char *u = k->usage;
	int first = 1;
	while (*u) {
		const char *nl = strchr(u, '\n');
		size_t len = nl ? (size_t)(nl - u) : strlen(u);
		/* a new form gets the indent of "usage: "; a continued
		 * line carries its own */
		fprintf(f, "%s%.*s\n", first ? "usage: " : u[0] == ' ' ? "" :
			"       ", (int)len, u);
		first = 0;
		u += len + (nl ? 1 : 0);
	}
}

int cli_usage_fail(cli *c, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("fu: ", stderr);
	va_start(ap, fmt);
	fu_buf b = FU_BUF_INIT;
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	cli_put(stderr, b.data); /* it may quote what was typed */
	fu_buf_free(&b);
	if (c->cmd)
		fprintf(stderr, " (see 'fu %s --help')", c->cmd->name);
	fputc('\n', stderr);
	return FU_EXIT_USAGE;
}

void cli_colors(cli *c)
{
	const char *no = getenv("NO_COLOR");
	if (c->color_mode == 1)
		c->color = 1;
	else if (c->color_mode == 2 || c->json)
		c->color = 0;
	else
		c->color = isatty(STDOUT_FILENO) && !(no && *no);
}

int cli_open(cli *c, int readonly)
{
	cli_colors(c);
	/* a zone the C library does not know means UTC, silently: times
	 * typed as local would be stored shifted; say it, once */
	static int zone_told;
	const char *tz = getenv("TZ");
	if (!zone_told && !fu_time_zone_known(tz)) {
		zone_told = 1;
		fflush(stdout);
		fputs("fu: warning: TZ='", stderr);
		cli_put(stderr, tz);
		fputs("' is not a time zone this system knows, so times are "
		      "read and shown in UTC (see tzselect(1))\n", stderr);
	}
	const char *now = c->now_text ? c->now_text : getenv("FU_NOW");
	int64_t clock = (int64_t)time(NULL);
	c->now = clock;
	if (c->now_text || (now && *now)) { /* FU_NOW="" is unset */
		char err[512];
		if (fu_date_parse(&c->now, NULL, now, clock, FU_DATE_PAST, err,
				  sizeof err) != FU_OK)
			return cli_fail(FU_EXIT_INVALID, "%s %s",
					c->now_text ? "--now:" : "FU_NOW:", err);
	}
	int rc = fu_db_open(&c->db, c->db_path, readonly ? FU_OPEN_READONLY : 0);
	if (c->db)
		fu_db_set_now(c->db, c->now);
	if (rc)
		return cli_lib_fail(c, rc);
	return FU_EXIT_OK;
}

int cli_date(cli *c, int64_t *out, int *has_time, const char *opt,
	     const char *text, int flags)
{
	char err[512];
	if (fu_date_parse(out, has_time, text, c->now, flags, err,
			  sizeof err) != FU_OK)
		return cli_fail(FU_EXIT_INVALID, "%s: %s", opt, err);
	return FU_EXIT_OK;
}

int cli_event_time(cli *c, int64_t *out, const char *opt, const char *text)
{
	return cli_day_time(c, out, opt, text, FU_DATE_PAST);
}

int cli_day_time(cli *c, int64_t *out, const char *opt, const char *text,
		 int flags)
{
	int has_time = 0;
	int rc = cli_date(c, out, &has_time, opt, text, flags);
	if (rc || has_time)
		return rc;
	*out = fu_time_bare_day(*out, c->now);
	return FU_EXIT_OK;
}

int cli_ref(cli *c, fu_ref *out, const char *text, int types)
{
	int rc = fu_ref_resolve(out, c->db, text, types);
	return rc ? cli_lib_fail(c, rc) : FU_EXIT_OK;
}

int cli_json(cli *c, cJSON *v)
{
	(void)c;
	char *s = v ? fu_json_print(v) : NULL;
	cJSON_Delete(v);
	if (!s)
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	fputs(s, stdout);
	fputc('\n', stdout);
	free(s);
	return FU_EXIT_OK;
}

int cli_json_element(cJSON *v, size_t i)
{
	/* cJSON_Print of a one-element array, without its brackets */
	cJSON *one = v ? cJSON_CreateArray() : NULL;
	char *s = NULL;
	if (one) {
		cJSON_AddItemToArray(one, v);
		s = fu_json_print(one);
		cJSON_Delete(one);
	} else {
		cJSON_Delete(v);
	}
	if (!s)
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	fputs(i ? ", " : "[", stdout);
	fwrite(s + 1, 1, strlen(s) - 2, stdout);
	free(s);
	return FU_EXIT_OK;
}

int cli_ics(cli *c, const fu_action_filter *f)
{
	fu_action_row *rows = NULL;
	size_t n = 0;
	int lrc = fu_action_list(&rows, &n, c->db, f), rc = FU_EXIT_OK;
	if (lrc)
		return cli_lib_fail(c, lrc);
	fu_buf b = FU_BUF_INIT;
	if ((lrc = fu_ics_calendar(&b, c->db, rows, n)))
		rc = cli_lib_fail(c, lrc);
	else
		fwrite(b.data, 1, b.len, stdout);
	fu_buf_free(&b);
	fu_action_list_free(rows, n);
	return rc;
}

static void clean_into(fu_buf *b, const char *s)
{
	fu_text_escape(b, s, 0);
}

char *cli_clean(const char *s)
{
	fu_buf b = FU_BUF_INIT;
	clean_into(&b, s ? s : "");
	return fu_buf_detach(&b);
}

void cli_put(FILE *f, const char *s)
{
	char *t = cli_clean(s);
	if (t)
		fputs(t, f);
	free(t);
}

const char *cli_c(cli *c, const char *which)
{
	static char buf[8][12];
	static int k;
	if (!c->color)
		return "";
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof buf[k], "\033[%sm", which);
	return buf[k];
}

size_t cli_width(const char *s)
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			w++;
	return w;
}

/* --- tables ----------------------------------------------------------- */

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
	size_t cw = cli_width(text);
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
		size_t cw = cli_width(text), pad = t->w[col] + 2 - cw;
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

char *cli_when(char *buf, size_t len, cli *c, int64_t t, int with_time)
{
	char h[FU_HUMAN_LEN], r[FU_REL_LEN];
	snprintf(buf, len, "%s, %s", fu_time_human(h, t, c->now, with_time),
		 fu_time_relative(r, t, c->now));
	return buf;
}

int strlist_push(char ***list, size_t *n, const char *s)
{
	char **p = realloc(*list, (*n + 2) * sizeof *p);
	if (!p)
		return -1;
	*list = p;
	p[*n] = strdup(s);
	if (!p[*n])
		return -1;
	p[++*n] = NULL;
	return 0;
}

/* A person named on the command line: an existing contact, or a new
 * one by name (a number must exist). */
int cli_add_person(cli *c, int64_t **ids, size_t *nids, char ***names,
		   size_t *nnames, const char *ref)
{
	fu_ref r;
	int lrc = fu_ref_resolve(&r, c->db, ref, FU_REF_CONTACT);
	if (lrc == FU_OK) {
		int64_t *p = realloc(*ids, (*nids + 1) * sizeof *p);
		if (!p)
			return cli_fail(FU_EXIT_FAILURE, "out of memory");
		*ids = p;
		p[(*nids)++] = r.id;
		return FU_EXIT_OK;
	}
	if (lrc == FU_ENOTFOUND && strspn(ref, "#0123456789") != strlen(ref)) {
		if (strlist_push(names, nnames, ref))
			return cli_fail(FU_EXIT_FAILURE, "out of memory");
		return FU_EXIT_OK;
	}
	return cli_lib_fail(c, lrc);
}


void cli_put_subject(cli *c, int64_t application_id, int64_t contact_id)
{
	if (application_id) {
		fu_application *a = NULL;
		if (fu_application_get(&a, c->db, application_id) == FU_OK) {
			printf("%lld ", (long long)a->id);
			cli_put(stdout, a->company);
			printf(", ");
			cli_put(stdout, a->role);
		}
		fu_application_free(a);
	} else {
		fu_contact *p = NULL;
		if (fu_contact_get(&p, c->db, contact_id) == FU_OK) {
			printf("%lld ", (long long)p->id);
			cli_put(stdout, p->name);
		}
		fu_contact_free(p);
	}
}

void cli_print_next(cli *c, int64_t application_id, int64_t contact_id)
{
	fu_action_filter f = { 0 };
	fu_action_row *rows = NULL;
	size_t n = 0;
	f.application_id = application_id;
	f.contact_id = application_id ? 0 : contact_id;
	if (fu_action_list(&rows, &n, c->db, &f) != FU_OK)
		return;
	for (size_t i = 0; i < n && i < 5; i++) {
		const fu_action *a = &rows[i].a;
		char w[96];
		printf("  next: %s%s", cli_c(c, C_BOLD),
		       fu_action_kind_name(a->kind));
		if (rows[i].contact_name) {
			printf(" to ");
			cli_put(stdout, rows[i].contact_name);
		}
		printf("%s, due %s\n", cli_c(c, C_RESET),
		       cli_when(w, sizeof w, c, a->due, 1));
	}
	if (n > 5)
		printf("  ... and %zu more (fu due)\n", n - 5);
	fu_action_list_free(rows, n);
}

int cli_people(cli *c, fu_contact **out, size_t *n, const fu_application *a)
{
	*n = 0;
	*out = calloc(a->ncontacts + 1, sizeof **out);
	if (!*out)
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	for (size_t i = 0; i < a->ncontacts; i++) {
		fu_contact *p = NULL;
		int lrc = fu_contact_get(&p, c->db, a->contact_ids[i]);
		if (lrc) {
			cli_people_free(*out, *n);
			*out = NULL;
			*n = 0;
			return cli_lib_fail(c, lrc);
		}
		(*out)[(*n)++] = *p;
		free(p);
	}
	return FU_EXIT_OK;
}

void cli_people_free(fu_contact *people, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fu_contact_clear(&people[i]);
	free(people);
}

cJSON *cli_application_json(cli *c, const fu_application *a)
{
	fu_contact *people = NULL;
	size_t n = 0;
	if (cli_people(c, &people, &n, a))
		return NULL;
	cJSON *o = fu_json_application(a, people, n);
	cli_people_free(people, n);
	return o;
}
