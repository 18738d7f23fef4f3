/* SPDX-License-Identifier: MIT */
/*
 * source.c - where messages come from: a file (a Maildir entry or a
 * single message), an mbox from a byte offset, one message of an mbox,
 * an .ics file, a file descriptor; and the records and warnings that
 * answer each request.
 *
 * Reading is bounded everywhere: a header block of at most
 * MR_MAX_HEADER bytes, at most --max-bytes of a message in full mode,
 * lines of an mbox looked at in pieces of at most MR_LINE_PIECE bytes.
 * Files are opened without blocking (a FIFO never hangs the reader) and
 * refused unless regular; symbolic links to regular files are followed,
 * loops fail (ELOOP) like any unreadable file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "mailread.h"

#define MR_READ_CHUNK (64 * 1024)
#define MR_MBOX_BUFFER (1024 * 1024)
#define MR_LINE_PIECE (64 * 1024)
/* a From_ line is short; one longer than this is body text */
#define MR_FROM_LINE_MAX 1000

void mr_init(mr_ctx *c, FILE *out, FILE *err)
{
	memset(c, 0, sizeof *c);
	c->out = out;
	c->err = err;
	c->max_bytes = MR_DEFAULT_MAX_BYTES;
	mr_mime_init();
	mr_ical_init();
}

void mr_ctx_done(mr_ctx *c)
{
	g_free(c->where);
	c->where = NULL;
	g_free(c->path);
	g_free(c->path_printable);
	c->path = c->path_printable = NULL;
	cJSON_Delete(c->warnings);
	c->warnings = NULL;
}

void mr_shutdown(void)
{
	mr_ical_shutdown();
	mr_mime_shutdown();
}

/* --- records and warnings ----------------------------------------------- */

/* PATH made printable; the same path (every message of an mbox, the
 * record and the warning of a file) is done once. */
static const char *printable_path(mr_ctx *c, const char *path)
{
	if (!c->path || strcmp(c->path, path) != 0) {
		g_free(c->path);
		g_free(c->path_printable);
		c->path = g_strdup(path);
		c->path_printable = mr_printable(path);
	}
	return c->path_printable;
}

void mr_begin(mr_ctx *c, const char *path, int64_t offset)
{
	const char *p = printable_path(c, path);
	g_free(c->where);
	if (offset >= 0)
		c->where = g_strdup_printf("%s: message at byte %lld", p,
					   (long long)offset);
	else
		c->where = g_strdup(p);
	cJSON_Delete(c->warnings);
	c->warnings = NULL;
}

static void write_record(mr_ctx *c, cJSON *rec)
{
	char *s = cJSON_PrintUnformatted(rec);
	if (!s || fputs(s, c->out) == EOF || fputc('\n', c->out) == EOF)
		c->out_failed = 1;
	cJSON_free(s);
	cJSON_Delete(rec);
}

/* One line on stderr: "fu: warning: WHERE: WHY[; WHY...]". */
static void warn_line(mr_ctx *c, cJSON *list, const char *single)
{
	if (!c->err)
		return;
	fprintf(c->err, "fu: warning: %s: ", c->where ? c->where : "?");
	if (single) {
		fputs(single, c->err);
	} else {
		int i = 0;
		cJSON *w;
		cJSON_ArrayForEach(w, list) {
			fprintf(c->err, "%s%s", i++ ? "; " : "", w->valuestring);
		}
	}
	fputc('\n', c->err);
}

void mr_emit(mr_ctx *c, cJSON *rec)
{
	if (c->warnings) {
		warn_line(c, c->warnings, NULL);
		cJSON_AddItemToObject(rec, "warnings", c->warnings);
		c->warnings = NULL;
	}
	write_record(c, rec);
}

void mr_skip(mr_ctx *c, cJSON *rec, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	char *clean = mr_clean(m, strlen(m), 300, MR_LINE, NULL);
	g_free(m);
	warn_line(c, NULL, clean);
	cJSON_Delete(c->warnings);
	c->warnings = NULL;
	cJSON_ReplaceItemInObject(rec, "type", cJSON_CreateString("skip"));
	cJSON_AddStringToObject(rec, "error", clean);
	g_free(clean);
	write_record(c, rec);
}

static cJSON *new_record(mr_ctx *c, const char *type, const char *path)
{
	cJSON *rec = cJSON_CreateObject();
	cJSON_AddStringToObject(rec, "type", type);
	cJSON_AddNumberToObject(rec, "req", (double)c->req);
	cJSON_AddStringToObject(rec, "path", printable_path(c, path));
	return rec;
}

typedef struct {
	const char *kind;
	unsigned long messages, skipped;
	int64_t next; /* mbox: where to read from next time; -1 none */
} tally;

static void end_record(mr_ctx *c, const char *path, const tally *t,
		       const char *error)
{
	cJSON *rec = new_record(c, "end", path);
	cJSON_AddStringToObject(rec, "kind", t->kind);
	cJSON_AddNumberToObject(rec, "messages", (double)t->messages);
	cJSON_AddNumberToObject(rec, "skipped", (double)t->skipped);
	if (t->next >= 0)
		cJSON_AddNumberToObject(rec, "next", (double)t->next);
	if (error)
		cJSON_AddStringToObject(rec, "error", error);
	write_record(c, rec);
	if (c->out)
		fflush(c->out);
}

/* A source that cannot be read at all: one warning, an end record
 * saying why. */
static int source_fail(mr_ctx *c, const char *path, tally *t,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int source_fail(mr_ctx *c, const char *path, tally *t,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	char *clean = mr_clean(m, strlen(m), 300, MR_LINE, NULL);
	g_free(m);
	mr_begin(c, path, -1);
	warn_line(c, NULL, clean);
	end_record(c, path, t, clean);
	g_free(clean);
	return -1;
}

void mr_req_bad(mr_ctx *c, const char *why)
{
	char *where = g_strdup_printf("request %lu", c->req + 1);
	tally t = { "none", 0, 0, -1 };
	source_fail(c, where, &t, "%s", why);
	g_free(where);
}

/* --- files -------------------------------------------------------------- */

/* Open a regular file for reading: never blocks on a FIFO or device,
 * never opens anything but a regular file. NOFOLLOW: a symbolic link
 * is refused (a Maildir entry is never one). */
static int open_regular(const char *path, struct stat *st, const char **why,
			int nofollow)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
			    (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0) {
		int e = errno;
		struct stat lst;
		*why = nofollow && e == ELOOP && lstat(path, &lst) == 0 &&
		       S_ISLNK(lst.st_mode)
			? "a symbolic link (not followed for a file request)"
			: strerror(e);
		return -1;
	}
	if (fstat(fd, st) != 0) {
		*why = strerror(errno);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		*why = S_ISDIR(st->st_mode) ? "a directory, not a file"
					    : "not a regular file";
		close(fd);
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

static ssize_t read_some(int fd, void *buf, size_t n)
{
	for (;;) {
		ssize_t r = read(fd, buf, n);
		if (r >= 0 || errno != EINTR)
			return r;
	}
}

/* A leading From_ line (mbox style, procmail): its length, or 0. */
static size_t from_prefix(const char *buf, size_t len)
{
	if (len < 5 || memcmp(buf, "From ", 5) != 0)
		return 0;
	const char *nl = memchr(buf, '\n', len);
	return nl ? (size_t)(nl - buf) + 1 : len;
}

/* Read a message from FD into A: in headers-only mode until its header
 * block ends, else up to max_bytes. *complete: the whole message was
 * read (end of file), so a header block without an empty line ends
 * there. Returns 0, or -1 with *why. */
static int read_message(mr_ctx *c, int fd, GByteArray *a, int *complete,
			const char **why)
{
	size_t limit = c->headers_only ? MR_MAX_HEADER + MR_FROM_LINE_MAX + 1
				       : c->max_bytes;
	*complete = 0;
	while (a->len < limit) {
		size_t want = limit - a->len;
		if (want > MR_READ_CHUNK)
			want = MR_READ_CHUNK;
		size_t old = a->len;
		g_byte_array_set_size(a, (guint)(old + want));
		ssize_t r = read_some(fd, a->data + old, want);
		if (r < 0) {
			g_byte_array_set_size(a, (guint)old);
			*why = strerror(errno);
			return -1;
		}
		g_byte_array_set_size(a, (guint)(old + (size_t)r));
		if (r == 0) {
			*complete = 1;
			return 0;
		}
		if (c->headers_only) {
			size_t skip = from_prefix((const char *)a->data, a->len);
			if (skip < a->len &&
			    mr_header_end((const char *)a->data + skip,
					  a->len - skip, 0))
				return 0;
		}
	}
	/* exactly at the limit: is there more? */
	char one;
	ssize_t r = read_some(fd, &one, 1);
	if (r == 0)
		*complete = 1;
	return 0;
}

/* mboxrd: a body line ">From ", ">>From "... lost one '>' when it was
 * written; give it back. In place; returns the new length. */
static size_t unescape_from(char *b, size_t len)
{
	size_t r = 0, w = 0;
	int bol = 1;
	while (r < len) {
		if (bol && b[r] == '>') {
			size_t k = r;
			while (k < len && b[k] == '>')
				k++;
			if (len - k >= 5 && memcmp(b + k, "From ", 5) == 0)
				r++; /* drop one '>' */
		}
		char ch = b[r++];
		b[w++] = ch;
		bol = ch == '\n';
	}
	return w;
}

/* Cut a message before its (MR_MAX_DASH_LINES + 1)th line starting
 * "--": GMime keeps every part in memory. Returns the length kept. */
static size_t cap_parts(const char *b, size_t len, size_t from)
{
	size_t dashes = 0, i = from;
	while (i < len) {
		if (len - i >= 2 && b[i] == '-' && b[i + 1] == '-' &&
		    ++dashes > MR_MAX_DASH_LINES)
			return i;
		const char *nl = memchr(b + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - b) + 1;
	}
	return len;
}

int mr_message_bytes(mr_ctx *c, cJSON *rec, char *buf, size_t len,
		     int complete, int is_mbox)
{
	size_t skip = from_prefix(buf, len);
	buf += skip;
	len -= skip;
	size_t hend = mr_header_end(buf, len, complete);
	if (len == 0) {
		mr_skip(c, rec, "empty message");
		return -1;
	}
	if (hend == 0 || hend > MR_MAX_HEADER) {
		mr_skip(c, rec, "header block larger than %d KiB",
			MR_MAX_HEADER / 1024);
		return -1;
	}
	int truncated = !complete;
	if (c->headers_only) {
		len = hend;
	} else {
		if (is_mbox)
			len = hend + unescape_from(buf + hend, len - hend);
		size_t kept = cap_parts(buf, len, hend);
		if (kept < len) {
			len = kept;
			truncated = 1;
		}
	}
	const char *why = NULL;
	if (mr_parse_message(c, rec, buf, len, c->headers_only, &why) < 0) {
		mr_skip(c, rec, "%s", why);
		return -1;
	}
	if (!c->headers_only)
		cJSON_AddBoolToObject(rec, "truncated", truncated);
	mr_emit(c, rec);
	return 0;
}

/* The flags of a Maildir file name ("1700000000.M1P2.host:2,FRS"),
 * or NULL when it has none. */
static char *maildir_flags(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *info = NULL;
	for (const char *p = base; *p; p++)
		if ((*p == ':' || *p == '!' || *p == ';') && p[1] == '2' &&
		    p[2] == ',')
			info = p + 3;
	if (!info)
		return NULL;
	GString *f = g_string_new(NULL);
	for (const char *p = info; *p && f->len < 52; p++)
		if (g_ascii_isalpha(*p))
			g_string_append_c(f, *p);
	return g_string_free(f, FALSE);
}

/* One message from an open descriptor. Returns 0 when it was read
 * (emitted or skipped), -1 when reading failed. */
static int one_message(mr_ctx *c, int fd, const char *path, int maildir,
		       tally *t)
{
	GByteArray *a = g_byte_array_new();
	int complete;
	const char *why = NULL;
	mr_begin(c, path, -1);
	cJSON *rec = new_record(c, "message", path);
	if (maildir) {
		char *flags = maildir_flags(path);
		if (flags)
			cJSON_AddStringToObject(rec, "flags", flags);
		else
			cJSON_AddNullToObject(rec, "flags");
		g_free(flags);
	}
	int rc = read_message(c, fd, a, &complete, &why);
	if (rc < 0) {
		mr_skip(c, rec, "%s", why);
		t->skipped++;
	} else if (mr_message_bytes(c, rec, (char *)a->data, a->len,
				    complete, 0) == 0) {
		t->messages++;
	} else {
		t->skipped++;
	}
	g_byte_array_free(a, TRUE);
	return rc;
}

/* What reads an open source of one kind (st: its stat; start: where an
 * mbox is read from). */
typedef int reader_fn(mr_ctx *c, const char *path, int fd,
		      const struct stat *st, uint64_t start);

/* Open path (open_regular, nofollow as it says), read it with fn, close
 * it; a source that cannot be opened is a failed one of kind. */
static int read_source(mr_ctx *c, const char *path, const char *kind,
		       int nofollow, reader_fn *fn, uint64_t start)
{
	struct stat st;
	const char *why;
	int fd = open_regular(path, &st, &why, nofollow);
	if (fd < 0) {
		tally t = { kind, 0, 0, -1 };
		return source_fail(c, path, &t, "%s", why);
	}
	int rc = fn(c, path, fd, &st, start);
	close(fd);
	return rc;
}

static int do_file(mr_ctx *c, const char *path, int fd,
		   const struct stat *st, uint64_t start)
{
	(void)st;
	(void)start;
	tally t = { "file", 0, 0, -1 };
	one_message(c, fd, path, 1, &t);
	end_record(c, path, &t, NULL);
	return 0;
}

int mr_req_file(mr_ctx *c, const char *path)
{
	return read_source(c, path, "file", 1, do_file, 0);
}

int mr_req_fd(mr_ctx *c, int fd)
{
	struct stat st;
	tally t = { "fd", 0, 0, -1 };
	if (fstat(fd, &st) != 0)
		return source_fail(c, "-", &t, "file descriptor %d: %s", fd,
				   strerror(errno));
	if (S_ISDIR(st.st_mode) || S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		return source_fail(c, "-", &t, "file descriptor %d is not a "
				   "file, pipe or socket", fd);
	one_message(c, fd, "-", 0, &t);
	end_record(c, "-", &t, NULL);
	return 0;
}

/* --- iCalendar files ------------------------------------------------------ */

static int do_ics(mr_ctx *c, const char *path, int fd,
		  const struct stat *st, uint64_t start)
{
	(void)st;
	(void)start;
	tally t = { "ics", 0, 0, -1 };
	GByteArray *a = g_byte_array_new();
	const char *why = NULL;
	int rc = 0;
	while (a->len <= MR_MAX_ICS) {
		size_t old = a->len;
		g_byte_array_set_size(a, (guint)(old + MR_READ_CHUNK));
		ssize_t r = read_some(fd, a->data + old, MR_READ_CHUNK);
		g_byte_array_set_size(a, (guint)(old + (r > 0 ? (size_t)r : 0)));
		if (r < 0)
			why = strerror(errno);
		if (r <= 0)
			break;
	}
	if (why) {
		rc = source_fail(c, path, &t, "%s", why);
	} else if (a->len > MR_MAX_ICS) {
		rc = source_fail(c, path, &t, "larger than %d KiB",
				 MR_MAX_ICS / 1024);
	} else {
		mr_begin(c, path, -1);
		cJSON *rec = new_record(c, "calendar", path);
		cJSON *cal = mr_calendar(c, (const char *)a->data, a->len);
		if (cal) {
			cJSON_AddItemToObject(rec, "calendar", cal);
			mr_emit(c, rec);
			t.messages = 1;
		} else {
			mr_skip(c, rec, "not an iCalendar file");
			t.skipped = 1;
		}
		end_record(c, path, &t, NULL);
	}
	g_byte_array_free(a, TRUE);
	return rc;
}

int mr_req_ics(mr_ctx *c, const char *path)
{
	return read_source(c, path, "ics", 0, do_ics, 0);
}

/* --- mbox ----------------------------------------------------------------- */

/* A buffered reader that hands out lines, or pieces of at most
 * MR_LINE_PIECE bytes of longer lines. fd -1: all the data is in buf. */
typedef struct {
	int fd;
	char *buf;
	size_t cap, pos, end; /* unread: buf[pos..end) */
	uint64_t off;         /* offset of buf[pos] in the source */
	int eof;
	int err; /* errno of a failed read */
} reader;

/* Make WANT bytes readable at buf[pos] unless the end comes first. */
static int rd_fill(reader *r, size_t want)
{
	if (r->fd < 0) {
		r->eof = 1;
		return 0;
	}
	if (want > r->cap)
		want = r->cap;
	while (!r->eof && r->end - r->pos < want) {
		if (r->pos > 0) {
			memmove(r->buf, r->buf + r->pos, r->end - r->pos);
			r->end -= r->pos;
			r->pos = 0;
		}
		ssize_t n = read_some(r->fd, r->buf + r->end, r->cap - r->end);
		if (n < 0) {
			r->err = errno;
			return -1;
		}
		if (n == 0)
			r->eof = 1;
		r->end += (size_t)n;
	}
	return 0;
}

/* The next line or piece: 1, 0 at the end, -1 on a read error. */
static int rd_line(reader *r, const char **p, size_t *n, int *eol)
{
	for (;;) {
		size_t have = r->end - r->pos;
		const char *nl = memchr(r->buf + r->pos, '\n', have);
		if (nl) {
			*n = (size_t)(nl - (r->buf + r->pos)) + 1;
			*eol = 1;
			break;
		}
		if (have >= MR_LINE_PIECE || r->eof) {
			*n = have < MR_LINE_PIECE ? have : MR_LINE_PIECE;
			*eol = 0;
			break;
		}
		if (rd_fill(r, have + 1) < 0)
			return -1;
	}
	if (*n == 0)
		return 0;
	*p = r->buf + r->pos;
	r->pos += *n;
	r->off += *n;
	return 1;
}

/* "From sender Mon Nov  2 10:00:00 2026": "From ", a time and a year. */
static int is_from_line(const char *p, size_t n, int eol)
{
	if (!eol || n < 10 || n > MR_FROM_LINE_MAX || memcmp(p, "From ", 5) != 0)
		return 0;
	int time = 0, year = 0;
	for (size_t i = 5; i + 4 < n; i++) {
		const unsigned char *u = (const unsigned char *)p + i;
		if (g_ascii_isdigit(u[0]) && u[1] == ':' &&
		    g_ascii_isdigit(u[2]) && g_ascii_isdigit(u[3]))
			time = 1;
		if ((i == 0 || p[i - 1] == ' ') && g_ascii_isdigit(u[0]) &&
		    g_ascii_isdigit(u[1]) && g_ascii_isdigit(u[2]) &&
		    g_ascii_isdigit(u[3]) &&
		    (i + 4 == n || u[4] == ' ' || u[4] == '\n' || u[4] == '\r') &&
		    (u[0] == '1' || u[0] == '2'))
			year = 1;
	}
	return time && year;
}

/* Does the line at buf[pos] look like a header field ("Name: ...")? */
static int next_is_header(reader *r)
{
	if (rd_fill(r, 1024) < 0)
		return 0;
	size_t i = r->pos, k = 0;
	while (i < r->end && k < 200) {
		unsigned char ch = (unsigned char)r->buf[i];
		if (ch == ':')
			return k > 0;
		if (ch <= ' ' || ch > '~')
			return 0;
		i++;
		k++;
	}
	return 0;
}

static int blank_line(const char *p, size_t n, int eol)
{
	return eol && (n == 1 || (n == 2 && p[0] == '\r'));
}

typedef struct {
	GByteArray *bytes;
	uint64_t off;
	int in_headers;
	int cut; /* more bytes than kept */
	int open;
} mbox_msg;

static void finish(mr_ctx *c, const char *path, mbox_msg *m, uint64_t end,
		   tally *t)
{
	if (!m->open)
		return;
	mr_begin(c, path, (int64_t)m->off);
	cJSON *rec = new_record(c, "message", path);
	cJSON_AddNumberToObject(rec, "offset", (double)m->off);
	cJSON_AddNumberToObject(rec, "length", (double)(end - m->off));
	if (mr_message_bytes(c, rec, (char *)m->bytes->data, m->bytes->len,
			     !m->cut, 1) == 0)
		t->messages++;
	else
		t->skipped++;
	m->open = 0;
	g_byte_array_set_size(m->bytes, 0);
}

/* Split what R reads into messages at From_ lines: a line "From ..."
 * with a time and a year, after an empty line (or at the start), and
 * followed by a header line. A body line that merely starts with
 * "From " (an mbox writer that did not escape it) splits nothing. */
static int mbox_scan(mr_ctx *c, reader *r, const char *path, tally *t)
{
	mbox_msg m = { g_byte_array_new(), 0, 0, 0, 0 };
	size_t head_limit = MR_MAX_HEADER + MR_FROM_LINE_MAX + 1;
	int prev_blank = 1, bol = 1, first = 1, rc = 0;
	for (;;) {
		const char *p;
		size_t n;
		int eol;
		uint64_t line_off = r->off;
		int got = rd_line(r, &p, &n, &eol);
		if (got < 0) {
			finish(c, path, &m, line_off, t);
			rc = source_fail(c, path, t, "%s", strerror(r->err));
			break;
		}
		if (got == 0) {
			finish(c, path, &m, line_off, t);
			t->next = (int64_t)r->off;
			end_record(c, path, t, NULL);
			break;
		}
		char *copy = NULL;
		if (bol && prev_blank && is_from_line(p, n, eol)) {
			/* looking ahead may move the buffer: keep the line */
			copy = g_strndup(p, n);
			p = copy;
			if (next_is_header(r)) {
				finish(c, path, &m, line_off, t);
				m.open = 1;
				m.off = line_off;
				m.in_headers = 1;
				m.cut = 0;
				g_byte_array_append(m.bytes, (const guint8 *)p, (guint)n);
				g_free(copy);
				prev_blank = 0;
				bol = 1;
				first = 0;
				continue;
			}
		}
		if (first) {
			g_free(copy);
			if (line_off == 0)
				rc = source_fail(c, path, t, "not an mbox (it does "
						 "not start with a From line)");
			else
				rc = source_fail(c, path, t, "byte %llu is not the "
						 "start of a message (the mbox "
						 "changed)",
						 (unsigned long long)line_off);
			break;
		}
		int blank = bol && blank_line(p, n, eol);
		if (m.in_headers) {
			if (m.bytes->len + n <= head_limit)
				g_byte_array_append(m.bytes, (const guint8 *)p, (guint)n);
			else
				m.cut = 1;
			if (blank)
				m.in_headers = 0;
		} else if (!c->headers_only) {
			if (m.bytes->len + n <= c->max_bytes)
				g_byte_array_append(m.bytes, (const guint8 *)p, (guint)n);
			else
				m.cut = 1;
		}
		g_free(copy);
		prev_blank = blank;
		bol = eol;
	}
	g_byte_array_free(m.bytes, TRUE);
	return rc;
}

static int do_mbox(mr_ctx *c, const char *path, int fd,
		   const struct stat *st, uint64_t start)
{
	tally t = { "mbox", 0, 0, -1 };
	if (start > (uint64_t)st->st_size)
		return source_fail(c, path, &t, "byte %llu is past its end "
				   "(the mbox changed)",
				   (unsigned long long)start);
	if (start && lseek(fd, (off_t)start, SEEK_SET) < 0)
		return source_fail(c, path, &t, "%s", strerror(errno));
	reader r = { fd, g_malloc(MR_MBOX_BUFFER), MR_MBOX_BUFFER, 0, 0,
		     start, 0, 0 };
	int rc = mbox_scan(c, &r, path, &t);
	g_free(r.buf);
	return rc;
}

int mr_req_mbox(mr_ctx *c, const char *path, uint64_t start)
{
	return read_source(c, path, "mbox", 0, do_mbox, start);
}

void mr_mbox_bytes(mr_ctx *c, const char *buf, size_t len)
{
	tally t = { "mbox", 0, 0, -1 };
	/* fd -1: the reader never writes to its buffer */
	reader r = { -1, (char *)buf, len, 0, len, 0, 1, 0 };
	mbox_scan(c, &r, "-", &t);
}

int mr_req_mbox_message(mr_ctx *c, const char *path, uint64_t offset,
			uint64_t length)
{
	struct stat st;
	const char *why;
	tally t = { "mbox", 0, 0, -1 };
	int fd = open_regular(path, &st, &why, 0);
	if (fd < 0)
		return source_fail(c, path, &t, "%s", why);
	int rc = 0;
	uint64_t size = (uint64_t)st.st_size;
	if (offset > size || length > size - offset || length < 5) {
		rc = source_fail(c, path, &t, "no message of %llu bytes at byte "
				 "%llu (the mbox changed)",
				 (unsigned long long)length,
				 (unsigned long long)offset);
		close(fd);
		return rc;
	}
	size_t limit = c->headers_only ? MR_MAX_HEADER + MR_FROM_LINE_MAX + 1
				       : c->max_bytes;
	size_t want = length < limit ? (size_t)length : limit;
	char *buf = g_malloc(want);
	size_t got = 0;
	while (got < want) {
		ssize_t r = pread(fd, buf + got, want - got,
				  (off_t)(offset + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			why = r < 0 ? strerror(errno) : "the mbox is shorter than it was";
			break;
		}
		got += (size_t)r;
	}
	close(fd);
	if (got < want) {
		rc = source_fail(c, path, &t, "%s", why);
	} else if (memcmp(buf, "From ", 5) != 0) {
		rc = source_fail(c, path, &t, "no message at byte %llu (the "
				 "mbox changed)", (unsigned long long)offset);
	} else {
		mr_begin(c, path, (int64_t)offset);
		cJSON *rec = new_record(c, "message", path);
		cJSON_AddNumberToObject(rec, "offset", (double)offset);
		cJSON_AddNumberToObject(rec, "length", (double)length);
		if (mr_message_bytes(c, rec, buf, got, got == length, 1) == 0)
			t.messages = 1;
		else
			t.skipped = 1;
		end_record(c, path, &t, NULL);
	}
	g_free(buf);
	return rc;
}

/* --- a file of any kind ------------------------------------------------------ */

/* Which kind it is, by its first bytes: iCalendar, mbox, else one
 * message. */
static int do_auto(mr_ctx *c, const char *path, int fd,
		   const struct stat *st, uint64_t start)
{
	tally t = { "file", 0, 0, -1 };
	char head[64];
	ssize_t n;
	do
		n = pread(fd, head, sizeof head - 1, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return source_fail(c, path, &t, "%s", strerror(errno));
	head[n] = '\0';
	const char *h = head;
	if ((unsigned char)h[0] == 0xef && (unsigned char)h[1] == 0xbb &&
	    (unsigned char)h[2] == 0xbf)
		h += 3;
	while (*h == ' ' || *h == '\t' || *h == '\r' || *h == '\n')
		h++;
	if (g_ascii_strncasecmp(h, "BEGIN:VCALENDAR", 15) == 0)
		return do_ics(c, path, fd, st, start);
	if (n >= 5 && memcmp(head, "From ", 5) == 0)
		return do_mbox(c, path, fd, st, start);
	return do_file(c, path, fd, st, start);
}

int mr_req_auto(mr_ctx *c, const char *path)
{
	return read_source(c, path, "file", 0, do_auto, 0);
}
