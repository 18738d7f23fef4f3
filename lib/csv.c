/* SPDX-License-Identifier: MIT */
/*
 * csv.c - applications from a spreadsheet: an RFC 4180 reader, the
 * columns fu understands, and each row checked before anything is
 * written (by store.c, in one transaction).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/transfer.h"
#include "internal.h"

/* --- the reader --------------------------------------------------------- */

/* Every byte valid UTF-8 and none NUL; else the line of the first bad
 * (lines counted from `line`, the record's first). */
static int check_bytes(fu_db *db, const unsigned char *s, size_t len,
		       size_t line)
{
	for (size_t i = 0; i < len;) {
		if (s[i] == 0)
			return fu__error(db, FU_EINVALID, "line %zu: a NUL byte "
					 "(is this a text file?)", line);
		size_t k = fu__utf8_len(s + i, len - i);
		if (k == 0)
			return fu__error(db, FU_EINVALID, "line %zu: not valid "
					 "UTF-8 (save the spreadsheet as CSV "
					 "UTF-8)", line);
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len ||
						       s[i + 1] != '\n')))
			line++;
		i += k;
	}
	return FU_OK;
}

typedef struct reader {
	const char *s;
	size_t len, i;
	size_t line;
	char sep; /* ',', ';' or '\t' */
} reader;

/* At a line end (CRLF, LF or a lone CR): step over it. */
static int eol(reader *r)
{
	if (r->i >= r->len)
		return 0;
	if (r->s[r->i] == '\n') {
		r->i++;
		r->line++;
		return 1;
	}
	if (r->s[r->i] == '\r') {
		r->i += r->i + 1 < r->len && r->s[r->i + 1] == '\n' ? 2 : 1;
		r->line++;
		return 1;
	}
	return 0;
}

static int push_field(fu_csv_row *row, fu_buf *b)
{
	char **p = realloc(row->fields, (row->nfields + 1) * sizeof *p);
	if (!p)
		return FU_ERROR;
	row->fields = p;
	char *f = fu_buf_detach(b);
	if (!f)
		return FU_ERROR;
	p[row->nfields++] = f;
	return FU_OK;
}

static void row_clear(fu_csv_row *row)
{
	for (size_t i = 0; i < row->nfields; i++)
		free(row->fields[i]);
	free(row->fields);
	memset(row, 0, sizeof *row);
}

/* Read one field into b; *end set when the record ended after it. */
static int read_field(fu_db *db, reader *r, fu_buf *b, int *end)
{
	*end = 0;
	if (r->i < r->len && r->s[r->i] == '"') {
		size_t opened = r->line;
		r->i++;
		for (;;) {
			if (r->i >= r->len)
				return fu__error(db, FU_EINVALID, "line %zu: a "
					"quoted field is not closed (it opens on "
					"line %zu)", r->line, opened);
			char ch = r->s[r->i];
			if (ch == '"') {
				if (r->i + 1 < r->len && r->s[r->i + 1] == '"') {
					fu_buf_putc(b, '"');
					r->i += 2;
					continue;
				}
				r->i++;
				break;
			}
			if (ch == '\r' || ch == '\n') {
				eol(r); /* a line break inside: kept as \n */
				fu_buf_putc(b, '\n');
				continue;
			}
			fu_buf_putc(b, ch);
			r->i++;
		}
		if (r->i >= r->len || eol(r)) {
			*end = 1;
			return FU_OK;
		}
		if (r->s[r->i] == r->sep) {
			r->i++;
			return FU_OK;
		}
		return fu__error(db, FU_EINVALID, "line %zu: text after a "
				 "closing quote (inside a quoted field, write a "
				 "quote twice: \"\")", r->line);
	}
	while (r->i < r->len) {
		char ch = r->s[r->i];
		if (ch == r->sep) {
			r->i++;
			return FU_OK;
		}
		if (eol(r)) {
			*end = 1;
			return FU_OK;
		}
		fu_buf_putc(b, ch);
		r->i++;
	}
	*end = 1;
	return FU_OK;
}

/*
 * The records of a file, one at a time, in bounded memory: the bytes of
 * one record (up to its line end outside quotes) are gathered, checked
 * (UTF-8, no NUL) and split into fields. A record longer than
 * FU_CSV_RECORD_MAX is refused: the file is likely not what it seems
 * (a quote left open swallows the rest of it).
 */
typedef struct csv_stream {
	FILE *f;
	fu_db *db;
	unsigned char buf[65536];
	size_t len, pos;
	int eof, started;
	size_t line;     /* the line the next record starts on */
	uint64_t offset; /* bytes consumed */
	fu_buf rec;      /* the raw bytes of the current record */
	fu_buf field;
	char sep;        /* ',', ';' or '\t'; 0 until the first line says */
} csv_stream;

static void stream_init(csv_stream *s, fu_db *db, FILE *f, char sep)
{
	memset(s, 0, sizeof *s);
	s->f = f;
	s->db = db;
	s->sep = sep;
	s->line = 1;
	fu_buf_init(&s->rec);
	fu_buf_init(&s->field);
}

static void stream_free(csv_stream *s)
{
	fu_buf_free(&s->rec);
	fu_buf_free(&s->field);
}

/* The next byte (-1 at the end), or -2 with the message set. */
static int peek(csv_stream *s)
{
	if (s->pos < s->len)
		return s->buf[s->pos];
	if (s->eof)
		return -1;
	s->len = fread(s->buf, 1, sizeof s->buf, s->f);
	s->pos = 0;
	if (s->len == 0) {
		s->eof = 1;
		if (ferror(s->f))
			return -2;
		return -1;
	}
	return s->buf[0];
}

static void take(csv_stream *s)
{
	s->pos++;
	s->offset++;
}

/* The raw bytes of the next record into s->rec (without its line end);
 * *got 0 at the end of the file. */
static int next_raw(csv_stream *s, int *got)
{
	fu_buf_clear(&s->rec);
	*got = 0;
	if (!s->started) {
		/* a UTF-8 byte order mark is skipped */
		static const unsigned char bom[3] = { 0xef, 0xbb, 0xbf };
		size_t k = 0;
		s->started = 1;
		while (k < 3 && peek(s) == bom[k]) {
			take(s);
			k++;
		}
		if (k < 3)
			fu_buf_add(&s->rec, (const char *)bom, k);
	}
	int c = peek(s);
	if (c == -1 && !s->rec.len)
		return FU_OK;
	int field_start = s->rec.len == 0, quoted = 0;
	for (;;) {
		c = peek(s);
		if (c == -2)
			return fu__error(s->db, FU_ERROR, "cannot read the "
					 "file: %s", strerror(errno));
		if (c == -1)
			break;
		if (!quoted && (c == '\n' || c == '\r')) {
			take(s);
			if (c == '\r' && peek(s) == '\n')
				take(s);
			break;
		}
		if (quoted && c == '"') {
			take(s);
			fu_buf_putc(&s->rec, '"');
			if (peek(s) == '"') {
				take(s);
				fu_buf_putc(&s->rec, '"');
			} else {
				quoted = 0;
			}
			continue;
		}
		if (!quoted) {
			if (c == '"' && field_start)
				quoted = 1;
			field_start = s->sep ? c == s->sep
				    : c == ',' || c == ';' || c == '\t';
		}
		take(s);
		fu_buf_putc(&s->rec, (char)c);
		if (s->rec.len > FU_CSV_RECORD_MAX)
			return fu__error(s->db, FU_EINVALID, "line %zu: a record "
					 "longer than %d MiB (is a quote left "
					 "open?)", s->line,
					 FU_CSV_RECORD_MAX >> 20);
	}
	if (s->rec.failed)
		return fu__error(s->db, FU_ERROR, "out of memory");
	*got = 1;
	return FU_OK;
}

/* The next record that is not a blank line, into row (*got 0 at the
 * end). */
static int next_record(csv_stream *s, fu_csv_row *row, int *got)
{
	for (;;) {
		int rc = next_raw(s, got);
		if (rc || !*got)
			return rc;
		size_t first = s->line;
		if ((rc = check_bytes(s->db, (const unsigned char *)s->rec.data,
				      s->rec.len, first)))
			return rc;
		if (!s->sep) /* the first line: the one it uses most */
			s->sep = fu_csv_separator(s->rec.data, s->rec.len);
		reader r = { s->rec.data, s->rec.len, 0, first, s->sep };
		memset(row, 0, sizeof *row);
		row->line = first;
		int end = 0;
		while (!end) {
			if ((rc = read_field(s->db, &r, &s->field, &end)))
				break;
			if (s->field.failed || push_field(row, &s->field)) {
				rc = fu__error(s->db, FU_ERROR, "out of memory");
				break;
			}
		}
		s->line = r.line + 1; /* the line end after the record */
		if (rc) {
			row_clear(row);
			return rc;
		}
		/* an empty line is no record */
		if (row->nfields == 1 && !row->fields[0][0] &&
		    (s->rec.len == 0 || s->rec.data[0] != '"')) {
			row_clear(row);
			continue;
		}
		return FU_OK;
	}
}

char fu_csv_separator(const char *text, size_t len)
{
	size_t n[3] = { 0, 0, 0 }, i = 0;
	static const char seps[3] = { ',', ';', '\t' };
	int quoted = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i < len; i++) {
		char ch = text[i];
		if (ch == '"')
			quoted = !quoted;
		else if (!quoted && (ch == '\n' || ch == '\r'))
			break;
		else if (!quoted)
			for (int k = 0; k < 3; k++)
				n[k] += ch == seps[k];
	}
	int best = 0;
	for (int k = 1; k < 3; k++)
		if (n[k] > n[best])
			best = k;
	return seps[best];
}

int fu_csv_parse(fu_csv **out, fu_db *db, const char *text, size_t len)
{
	return fu_csv_parse_sep(out, db, text, len, ',');
}

int fu_csv_parse_sep(fu_csv **out, fu_db *db, const char *text, size_t len,
		     char sep)
{
	*out = NULL;
	if (sep && sep != ',' && sep != ';' && sep != '\t')
		return fu__error(db, FU_EINVALID, "the separator is a comma, a "
				 "semicolon or a tab");
	FILE *f = len ? fmemopen((void *)text, len, "r") : fopen("/dev/null", "r");
	if (!f)
		return fu__error(db, FU_ERROR, "out of memory");
	fu_csv *csv = calloc(1, sizeof *csv);
	csv_stream *s = malloc(sizeof *s);
	int rc = FU_OK, got = 1;
	size_t cap = 0;
	if (!csv || !s) {
		rc = fu__error(db, FU_ERROR, "out of memory");
		goto done;
	}
	stream_init(s, db, f, sep);
	while (!rc) {
		fu_csv_row row;
		if ((rc = next_record(s, &row, &got)) || !got)
			break;
		if (csv->nrows == cap) {
			cap = cap ? cap * 2 : 32;
			fu_csv_row *p = realloc(csv->rows, cap * sizeof *p);
			if (!p) {
				row_clear(&row);
				rc = fu__error(db, FU_ERROR, "out of memory");
				break;
			}
			csv->rows = p;
		}
		csv->rows[csv->nrows++] = row;
	}
	stream_free(s);
done:
	free(s);
	fclose(f);
	if (rc) {
		fu_csv_free(csv);
		return rc;
	}
	*out = csv;
	return FU_OK;
}

void fu_csv_free(fu_csv *csv)
{
	if (!csv)
		return;
	for (size_t i = 0; i < csv->nrows; i++)
		row_clear(&csv->rows[i]);
	free(csv->rows);
	free(csv);
}

/* --- the columns -------------------------------------------------------- */

enum {
	COL_COMPANY, COL_ROLE, COL_APPLIED, COL_CONTACT, COL_EMAIL,
	COL_STATUS, COL_SOURCE, COL_URL, COL_NOTES, COL__COUNT
};

static const char *const col_names[COL__COUNT] = {
	"company", "role", "applied", "contact", "email", "status", "source",
	"url", "notes"
};

static const struct {
	const char *header; /* normalised: lower case, single spaces */
	int col;
} synonyms[] = {
	{ "company", COL_COMPANY }, { "company name", COL_COMPANY },
	{ "employer", COL_COMPANY }, { "organization", COL_COMPANY },
	{ "organisation", COL_COMPANY },
	{ "role", COL_ROLE }, { "position", COL_ROLE }, { "title", COL_ROLE },
	{ "job title", COL_ROLE }, { "job", COL_ROLE },
	{ "applied", COL_APPLIED }, { "applied date", COL_APPLIED },
	{ "date applied", COL_APPLIED }, { "applied on", COL_APPLIED },
	{ "date", COL_APPLIED },
	{ "contact", COL_CONTACT }, { "contact name", COL_CONTACT },
	{ "contact person", COL_CONTACT },
	{ "email", COL_EMAIL }, { "e mail", COL_EMAIL },
	{ "contact email", COL_EMAIL }, { "contact e mail", COL_EMAIL },
	{ "status", COL_STATUS }, { "stage", COL_STATUS },
	{ "source", COL_SOURCE },
	{ "url", COL_URL }, { "link", COL_URL }, { "posting", COL_URL },
	{ "job link", COL_URL }, { "job url", COL_URL },
	{ "posting url", COL_URL },
	{ "notes", COL_NOTES }, { "note", COL_NOTES },
	{ "comments", COL_NOTES },
};

/* Lower case, '_' and '-' as spaces, blanks squeezed and trimmed. */
static void normalise(char *dst, size_t len, const char *src)
{
	size_t n = 0;
	int space = 0;
	for (const char *p = src; *p && n + 1 < len; p++) {
		char ch = *p;
		if (ch == '_' || ch == '-' || ch == ' ' || ch == '\t') {
			space = n > 0;
			continue;
		}
		if (space && n + 2 < len)
			dst[n++] = ' ';
		space = 0;
		dst[n++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
	}
	dst[n] = '\0';
}

static int column_of(const char *header)
{
	char norm[64];
	if (strlen(header) >= sizeof norm)
		return -1;
	normalise(norm, sizeof norm, header);
	for (size_t i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++)
		if (strcmp(synonyms[i].header, norm) == 0)
			return synonyms[i].col;
	return -1;
}

/* --- the rows ----------------------------------------------------------- */

enum { ST_OPEN, ST_APPLIED, ST_INTERVIEWING, ST_OFFER, ST_CLOSED };

typedef struct app_row {
	size_t line;
	char *f[COL__COUNT]; /* trimmed copies, NULL when empty */
	fu_source source;
	int64_t applied_at;  /* 0: not given */
	int status;
	fu_outcome outcome;
} app_row;

static void app_row_clear(app_row *a)
{
	for (int i = 0; i < COL__COUNT; i++)
		free(a->f[i]);
	memset(a, 0, sizeof *a);
}

/* A field of one line (not the notes) with each line break, and the
 * blanks around it, read as one space: a company typed on two lines in
 * a spreadsheet's cell is the company. In place. */
static void one_line(char *s)
{
	char *o = s;
	for (char *p = s; *p;) {
		if (*p == '\n' || *p == '\r') {
			while (o > s && (o[-1] == ' ' || o[-1] == '\t'))
				o--;
			while (*p == '\n' || *p == '\r' || *p == ' ' ||
			       *p == '\t')
				p++;
			*o++ = ' ';
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
}

static char *trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
			 s[n - 1] == '\n'))
		n--;
	if (n == 0)
		return NULL;
	char *p = malloc(n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

typedef struct header {
	int index[COL__COUNT];   /* the file's column, or -1 */
	char *shown[COL__COUNT]; /* the header as the file writes it */
	size_t ncols;
} header;

static void header_clear(header *h)
{
	for (int i = 0; i < COL__COUNT; i++)
		free(h->shown[i]);
}

static const char *sep_name(char sep)
{
	return sep == ';' ? "semicolons" : sep == '\t' ? "tabs" : "commas";
}

static int read_header(fu_db *db, header *h, const fu_csv_row *row,
		       fu_csv_report *rep, char sep)
{
	for (int i = 0; i < COL__COUNT; i++) {
		h->index[i] = -1;
		h->shown[i] = NULL;
	}
	h->ncols = row->nfields;
	/* one column, and another separator in it: the wrong one given */
	const char *other = NULL;
	for (const char *s = ",;\t"; *s && !other; s++)
		if (*s != sep && row->nfields == 1 &&
		    strchr(row->fields[0], *s))
			other = s;
	if (other)
		return fu__error(db, FU_EINVALID, "line %zu: the columns are "
				 "separated by %s, not by %s (leave the "
				 "separator out, and fu reads it from this "
				 "line)", row->line, sep_name(*other),
				 sep_name(sep));
	for (size_t k = 0; k < row->nfields; k++) {
		const char *name = row->fields[k];
		int col = column_of(name);
		if (col < 0) {
			char *t = trimmed(name);
			if (!t)
				continue; /* an empty header: nothing there */
			char **p = realloc(rep->unknown_columns,
					   (rep->nunknown + 1) * sizeof *p);
			if (!p) {
				free(t);
				return fu__error(db, FU_ERROR, "out of memory");
			}
			rep->unknown_columns = p;
			p[rep->nunknown++] = t;
			continue;
		}
		if (h->index[col] >= 0)
			return fu__error(db, FU_EINVALID, "line %zu: columns "
				"'%s' and '%s' both give the %s", row->line,
				h->shown[col], name, col_names[col]);
		h->index[col] = (int)k;
		h->shown[col] = fu__strdup(name);
		if (!h->shown[col])
			return fu__error(db, FU_ERROR, "out of memory");
	}
	for (int col = COL_COMPANY; col <= COL_ROLE; col++)
		if (h->index[col] < 0)
			return fu__error(db, FU_EINVALID, "line %zu: no '%s' "
				"column (fu reads company, role, applied, "
				"contact, email, status, source, url, notes)",
				row->line, col_names[col]);
	return FU_OK;
}

static const char status_names[] =
	"open, applied, interviewing, offer, accepted, declined, rejected, "
	"withdrawn, no-response, filled";

static int parse_status(app_row *a, const char *s)
{
	static const struct { const char *name; int st; } words[] = {
		{ "open", ST_OPEN }, { "planned", ST_OPEN },
		{ "applied", ST_APPLIED },
		{ "interviewing", ST_INTERVIEWING },
		{ "interview", ST_INTERVIEWING }, { "offer", ST_OFFER },
	};
	if (!s) {
		a->status = ST_OPEN;
		return FU_OK;
	}
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(words[i].name, s) == 0) {
			a->status = words[i].st;
			return FU_OK;
		}
	if (fu_outcome_parse(&a->outcome, s) == FU_OK) {
		a->status = ST_CLOSED;
		return FU_OK;
	}
	return FU_EINVALID;
}

/* A message "line N, column C: ..." for a bad cell. */
static int bad_cell(fu_db *db, const header *h, size_t line, int col,
		    const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

static int bad_cell(fu_db *db, const header *h, size_t line, int col,
		    const char *fmt, ...)
{
	char what[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return fu__error(db, FU_EINVALID, "line %zu, column %s: %s", line,
			 h->shown[col] ? h->shown[col] : col_names[col], what);
}

/* The text checks of fu add, as "line N, column C: ...". */
static int check_cell(fu_db *db, const header *h, const app_row *a, int col,
		      size_t max, int multiline)
{
	int rc = fu__check_text(db, "@", a->f[col], max, multiline);
	if (rc) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", fu_errmsg(db) + 2);
		return bad_cell(db, h, a->line, col, "%s", msg);
	}
	return FU_OK;
}

static int read_row(fu_db *db, app_row *a, const header *h,
		    const fu_csv_row *row)
{
	int rc;
	a->line = row->line;
	if (row->nfields > h->ncols)
		for (size_t k = h->ncols; k < row->nfields; k++)
			if (row->fields[k][0])
				return fu__error(db, FU_EINVALID, "line %zu: "
					"%zu fields, but the header names %zu "
					"columns", row->line, row->nfields,
					h->ncols);
	for (int col = 0; col < COL__COUNT; col++) {
		int k = h->index[col];
		if (k < 0 || (size_t)k >= row->nfields)
			continue;
		const char *src = row->fields[k];
		if (strspn(src, " \t\n") == strlen(src))
			continue; /* empty, or only blanks */
		if (!(a->f[col] = trimmed(src)))
			return fu__error(db, FU_ERROR, "out of memory");
		if (col != COL_NOTES)
			one_line(a->f[col]);
	}
	if (!a->f[COL_COMPANY])
		return bad_cell(db, h, a->line, COL_COMPANY, "empty; every row "
				"needs the company");
	if (!a->f[COL_ROLE])
		return bad_cell(db, h, a->line, COL_ROLE, "empty; every row "
				"needs the role");
	if ((rc = check_cell(db, h, a, COL_COMPANY, FU__NAME_MAX, 0)) ||
	    (rc = check_cell(db, h, a, COL_ROLE, FU__NAME_MAX, 0)) ||
	    (rc = check_cell(db, h, a, COL_CONTACT, FU__NAME_MAX, 0)) ||
	    (rc = check_cell(db, h, a, COL_EMAIL, FU__FIELD_MAX, 0)) ||
	    (rc = check_cell(db, h, a, COL_STATUS, FU__FIELD_MAX, 0)) ||
	    (rc = check_cell(db, h, a, COL_SOURCE, FU__FIELD_MAX, 0)) ||
	    (rc = check_cell(db, h, a, COL_APPLIED, FU__FIELD_MAX, 0)) ||
	    (rc = check_cell(db, h, a, COL_URL, FU__URL_MAX, 0)) ||
	    (rc = check_cell(db, h, a, COL_NOTES, FU__NOTE_MAX, 1)))
		return rc;
	if (a->f[COL_EMAIL]) {
		if (fu__check_email(db, a->f[COL_EMAIL])) {
			char msg[600];
			snprintf(msg, sizeof msg, "%s", fu_errmsg(db));
			return bad_cell(db, h, a->line, COL_EMAIL, "%s", msg);
		}
		if (!a->f[COL_CONTACT])
			return bad_cell(db, h, a->line, COL_EMAIL, "'%s' has no "
					"contact name beside it (column "
					"contact)", a->f[COL_EMAIL]);
	}
	if (a->f[COL_APPLIED]) {
		char err[512];
		int64_t now = fu_db_now(db);
		int has_time = 0;
		if (fu_date_parse(&a->applied_at, &has_time, a->f[COL_APPLIED],
				  now, FU_DATE_PAST, err, sizeof err))
			return bad_cell(db, h, a->line, COL_APPLIED, "%s", err);
		if (!has_time)
			a->applied_at = fu_time_bare_day(a->applied_at, now);
	}
	if (parse_status(a, a->f[COL_STATUS]))
		return bad_cell(db, h, a->line, COL_STATUS, "'%s' is not a "
				"status (%s)", a->f[COL_STATUS], status_names);
	if (a->f[COL_SOURCE] && fu_source_parse(&a->source, a->f[COL_SOURCE]))
		return bad_cell(db, h, a->line, COL_SOURCE, "'%s' is not a "
				"source (%s)", a->f[COL_SOURCE],
				fu_source_names());
	return FU_OK;
}

static int all_empty(const fu_csv_row *row)
{
	for (size_t k = 0; k < row->nfields; k++)
		if (strspn(row->fields[k], " \t\n") != strlen(row->fields[k]))
			return 0;
	return 1;
}

/* --- writing a row (inside the transaction) ----------------------------- */

static int add_event(fu_db *db, int64_t app, fu_event_kind kind, int64_t at,
		     int64_t with, fu_outcome outcome, const char *note)
{
	fu_event e = { 0 };
	e.kind = kind;
	e.at = at;
	e.application_id = app;
	e.outcome = outcome;
	e.note = (char *)note;
	if (with) {
		e.with = &with;
		e.nwith = 1;
	}
	return fu__insert_event(db, &e, 0, 0);
}

static int write_row(fu_db *db, const app_row *r, fu_csv_report *rep)
{
	int rc;
	int64_t company = 0, contact = 0;
	if ((rc = fu__company_id(db, &company, r->f[COL_COMPANY], 0, 0)))
		return rc;
	if (r->f[COL_CONTACT]) {
		if ((rc = fu__contact_find(db, &contact, r->f[COL_CONTACT],
						r->f[COL_EMAIL], company)))
			return rc;
		if (contact) {
			rep->contacts_reused++;
		} else {
			fu_contact c = { 0 };
			c.name = r->f[COL_CONTACT];
			c.email = r->f[COL_EMAIL];
			c.company = r->f[COL_COMPANY];
			if ((rc = fu__insert_contact(db, &c, 0, 0)))
				return rc;
			contact = c.id;
			rep->contacts_created++;
		}
	}
	fu_application a = { 0 };
	a.company = r->f[COL_COMPANY];
	a.role = r->f[COL_ROLE];
	a.source = r->source;
	a.url = r->f[COL_URL];
	a.notes = r->f[COL_NOTES];
	if (contact) {
		a.contact_ids = &contact;
		a.ncontacts = 1;
	}
	if ((rc = fu__insert_application(db, &a, 0, 0)))
		return rc;
	rep->applications++;
	int64_t now = fu_db_now(db);
	int64_t at = r->applied_at ? r->applied_at : now;
	char note[64];
	if (r->status == ST_CLOSED)
		snprintf(note, sizeof note, "from a spreadsheet: status %s",
			 fu_outcome_name(r->outcome));
	else
		snprintf(note, sizeof note, "from a spreadsheet: status %s",
			 r->status == ST_OFFER ? "offer" : "interviewing");
	if ((r->applied_at || (r->status != ST_OPEN && r->status != ST_CLOSED)) &&
	    (rc = add_event(db, a.id, FU_EV_APPLIED, at, 0, FU_OUT_NONE, NULL)))
		return rc;
	if (r->status == ST_INTERVIEWING) {
		/* Decision: the interview's day is not known, so a thank-you
		 * "within 24 hours" of it would be made up: it is dismissed
		 * (a second later, so that it was open); the check-ins stay. */
		fu_event d = { 0 };
		d.kind = FU_EV_DISMISS;
		d.at = at + 1;
		d.application_id = a.id;
		d.action = "thank-you";
		d.note = "from a spreadsheet: the interview's date is not known";
		if (!(rc = add_event(db, a.id, FU_EV_INTERVIEW, at, contact,
				     FU_OUT_NONE, note)))
			rc = fu__insert_event(db, &d, 0, 0);
	}
	else if (r->status == ST_OFFER)
		rc = add_event(db, a.id, FU_EV_OFFER, at, 0, FU_OUT_NONE, note);
	else if (r->status == ST_CLOSED)
		rc = add_event(db, a.id, FU_EV_CLOSED, at, 0, r->outcome, note);
	return rc;
}

/* --- the import --------------------------------------------------------- */

static int add_problem(fu_db *db, fu_csv_report *rep, size_t line)
{
	rep->skipped++;
	if (rep->nbad >= FU_CSV_PROBLEMS_MAX)
		return FU_OK; /* counted, not kept: memory stays bounded */
	fu_csv_problem *p = realloc(rep->bad, (rep->nbad + 1) * sizeof *p);
	if (!p)
		return fu__error(db, FU_ERROR, "out of memory");
	rep->bad = p;
	p[rep->nbad].line = line;
	p[rep->nbad].message = fu__strdup(fu_errmsg(db));
	if (!p[rep->nbad].message)
		return fu__error(db, FU_ERROR, "out of memory");
	rep->nbad++;
	return FU_OK;
}

/* Progress every this many rows (and at the end of each pass). */
#define PROGRESS_ROWS 4096

typedef struct pass {
	fu_db *db;
	FILE *f;
	uint64_t size;          /* bytes to read, 0 when unknown */
	fu_progress_fn progress;
	void *arg;
	char sep;               /* 0: the one the header line uses */
} pass;

/*
 * One pass over the rows: check each (write 0), or check and write the
 * good ones (write 1, inside the transaction). The first pass counts and
 * lists the bad rows; the second meets the same rows, checked the same
 * way (the clock is the handle's), so it writes exactly the good ones.
 */
static int run_pass(pass *p, int write, fu_csv_report *rep, char *first,
		    size_t firstlen)
{
	fu_db *db = p->db;
	csv_stream *s = malloc(sizeof *s);
	if (!s)
		return fu__error(db, FU_ERROR, "out of memory");
	stream_init(s, db, p->f, p->sep);
	header h;
	for (int i = 0; i < COL__COUNT; i++)
		h.shown[i] = NULL;
	fu_csv_row row;
	int got = 0, rc = next_record(s, &row, &got);
	const char *stage = write ? "importing" : "checking";
	size_t n = 0;
	if (!rc && !got)
		rc = fu__error(db, FU_EINVALID, "line 1: the file is empty (it "
			       "needs a header line naming the columns)");
	if (!rc) {
		fu_csv_report scratch = { 0 };
		rc = read_header(db, &h, &row, write ? &scratch : rep, s->sep);
		fu_csv_report_clear(&scratch);
		row_clear(&row);
	}
	while (!rc) {
		if ((rc = next_record(s, &row, &got)) || !got)
			break;
		if (all_empty(&row)) {
			row_clear(&row);
			continue;
		}
		app_row a;
		memset(&a, 0, sizeof a);
		int r = read_row(db, &a, &h, &row);
		size_t line = row.line;
		row_clear(&row);
		if (!write) {
			rep->rows++;
			if (r == FU_ERROR)
				rc = r;
			else if (r) {
				if (!first[0])
					snprintf(first, firstlen, "%s",
						 fu_errmsg(db));
				rc = add_problem(db, rep, line);
			}
		} else if (!r) {
			rc = write_row(db, &a, rep);
		} else if (r == FU_ERROR) {
			rc = r;
		}
		app_row_clear(&a);
		if (++n % PROGRESS_ROWS == 0 && p->progress)
			p->progress(p->arg, stage, s->offset, p->size);
	}
	if (!rc && p->progress)
		p->progress(p->arg, stage, s->offset, p->size);
	header_clear(&h);
	stream_free(s);
	free(s);
	return rc;
}

int fu_import_csv_file(fu_db *db, FILE *f, int flags, fu_csv_report *rep,
		       fu_progress_fn progress, void *arg)
{
	memset(rep, 0, sizeof *rep);
	pass p = { db, NULL, 0, progress, arg,
		   flags & FU_IMPORT_SEMICOLON ? ';' : flags & FU_IMPORT_TAB
		   ? '\t' : flags & FU_IMPORT_COMMA ? ',' : 0 };
	off_t start;
	char first[1024] = "";
	int rc = fu__rereadable(db, f, &p.f, &p.size);
	if (rc)
		return rc;
	start = ftello(p.f);
	/* first, every row checked, with no lock held: a file with a bad
	 * row keeps nobody waiting */
	if ((rc = run_pass(&p, 0, rep, first, sizeof first)))
		goto done;
	if (rep->skipped && !(flags & FU_IMPORT_SKIP_BAD)) {
		if (rep->skipped > 1)
			rc = fu__error(db, FU_EINVALID, "%s (and %zu more bad "
				       "row%s; nothing imported: --skip-bad "
				       "imports the good ones)", first,
				       rep->skipped - 1,
				       rep->skipped > 2 ? "s" : "");
		else
			rc = fu__error(db, FU_EINVALID, "%s (nothing imported)",
				       first);
		goto done;
	}
	if (rep->rows == rep->skipped) {
		rc = rep->skipped ? fu__error(db, FU_EINVALID, "no row is good: "
					      "nothing imported (%s)", first)
				  : fu__error(db, FU_EINVALID, "no rows under "
					      "the header: nothing imported");
		goto done;
	}
	/* then the good ones written, in one transaction */
	if (fseeko(p.f, start, SEEK_SET) != 0) {
		rc = fu__error(db, FU_ERROR, "cannot read the input again: %s",
			       strerror(errno));
		goto done;
	}
	if ((rc = fu__begin(db)))
		goto done;
	if (!(rc = run_pass(&p, 1, rep, first, sizeof first))) {
		if (progress)
			progress(arg, "working out what is due", 0, 0);
		rc = fu__import_finish(db);
	}
	if (rc || (rc = fu__commit(db))) {
		fu__rollback(db);
		rep->applications = rep->contacts_created = 0;
		rep->contacts_reused = 0;
	}
done:
	if (p.f != f)
		fclose(p.f);
	return rc;
}

int fu_import_csv(fu_db *db, const char *text, size_t len, int flags,
		  fu_csv_report *rep)
{
	FILE *f = len ? fmemopen((void *)text, len, "r")
		      : fopen("/dev/null", "r");
	if (!f) {
		memset(rep, 0, sizeof *rep);
		return fu__error(db, FU_ERROR, "out of memory");
	}
	int rc = fu_import_csv_file(db, f, flags, rep, NULL, NULL);
	fclose(f);
	return rc;
}

void fu_csv_report_clear(fu_csv_report *rep)
{
	if (!rep)
		return;
	for (size_t i = 0; i < rep->nunknown; i++)
		free(rep->unknown_columns[i]);
	free(rep->unknown_columns);
	for (size_t i = 0; i < rep->nbad; i++)
		free(rep->bad[i].message);
	free(rep->bad);
	memset(rep, 0, sizeof *rep);
}
