/* SPDX-License-Identifier: MIT */
/*
 * eml.c - an e-mail draft as an RFC 5322 message (fu draft --eml): the
 * headers with their encoded words, the body in 8bit or
 * quoted-printable, and the file written private.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/draft.h"
#include "draft_internal.h"
#include "internal.h"

/* --- e-mail files ------------------------------------------------------- */

static int ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* One header line's worth of user text: valid UTF-8 (anything else
 * becomes U+FFFD), no line breaks or other controls (C0, DEL, C1: a
 * space each). Stored text may come from another program. */
static char *header_text(const char *s)
{
	fu_buf b = FU_BUF_INIT;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p);
	while (*p) {
		size_t n = fu__utf8_len(p, left);
		if (n == 0)
			fu_buf_puts(&b, "\xef\xbf\xbd"), n = 1;
		else if ((n == 1 && (*p < 0x20 || *p == 0x7f)) ||
			 (n == 2 && p[0] == 0xc2 && p[1] < 0xa0))
			fu_buf_putc(&b, ' ');
		else
			fu_buf_add(&b, (const char *)p, n);
		p += n;
		left -= n;
	}
	return b.failed ? (fu_buf_free(&b), NULL) : fu_buf_detach(&b);
}

/* The body: valid UTF-8 as its Content-Type says (U+FFFD for anything
 * else); line breaks and tabs kept, as the renderer left them. */
static char *body_text(const char *s)
{
	fu_buf b = FU_BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	while (*p) {
		size_t n = fu__utf8_len(p, left);
		if (n == 0)
			fu_buf_puts(&b, "\xef\xbf\xbd"), n = 1;
		else
			fu_buf_add(&b, (const char *)p, n);
		p += n;
		left -= n;
	}
	return b.failed ? (fu_buf_free(&b), NULL) : fu_buf_detach(&b);
}

/* An address a message can carry: an RFC 5322 addr-spec in its plain
 * form, local@domain, each a dot-atom of ASCII atext, at most 64 and 254
 * octets. Anything else (a line break, a space, a comment, a second
 * '@', a non-ASCII letter) could add or change a header, or be read
 * differently by each mail program: refused, never rewritten. */
static int addr_spec_ok(const char *a)
{
	static const char special[] = "!#$%&'*+-/=?^_`{|}~";
	size_t n = strlen(a);
	const char *at = strchr(a, '@');
	if (!at || at == a || n > 254 || (size_t)(at - a) > 64 ||
	    strchr(at + 1, '@') || !at[1])
		return 0;
	for (const char *p = a; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '@')
			continue;
		if (c == '.') {
			/* no dot first, last, or twice, in either part */
			if (p == a || p[-1] == '.' || p[-1] == '@' ||
			    p[1] == '\0' || p[1] == '.' || p[1] == '@')
				return 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || (c && strchr(special, c))))
			return 0;
	}
	return 1;
}

static void base64(fu_buf *b, const unsigned char *s, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		fu_buf_putc(b, a[(v >> 18) & 63]);
		fu_buf_putc(b, a[(v >> 12) & 63]);
		fu_buf_putc(b, i + 1 < n ? a[(v >> 6) & 63] : '=');
		fu_buf_putc(b, i + 2 < n ? a[v & 63] : '=');
	}
}

/* RFC 2047 encoded-words of at most 75 characters, split between
 * characters, folded onto continuation lines. */
static void encoded_words(fu_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	int first = 1;
	while (n) {
		size_t k = n < 45 ? n : 45;
		while (k < n && k > 0 && (p[k] & 0xc0) == 0x80)
			k--;
		if (k == 0) /* not UTF-8: split anywhere, never loop */
			k = n < 45 ? n : 45;
		if (!first)
			fu_buf_puts(b, "\r\n ");
		fu_buf_puts(b, "=?UTF-8?B?");
		base64(b, p, k);
		fu_buf_puts(b, "?=");
		p += k;
		n -= k;
		first = 0;
	}
}

/* Whether ASCII text must still be encoded: it holds what a mail
 * client would decode ("=?...?="), so that the client shows what was
 * written; or it is too long for one line (a quoted string or a run
 * without spaces cannot be folded, and a line may not pass 998 octets). */
static int must_encode(const char *s, size_t longest)
{
	if (strstr(s, "=?"))
		return 1;
	size_t run = 0;
	for (; *s; s++) {
		run = *s == ' ' ? 0 : run + 1;
		if (run > longest)
			return 1;
	}
	return 0;
}

/* A display name: as it is, quoted, or encoded. */
static void phrase(fu_buf *b, const char *name)
{
	if (!ascii(name) || strlen(name) > 70 || must_encode(name, 70)) {
		encoded_words(b, name);
		return;
	}
	if (strpbrk(name, "()<>[]:;@\\,.\"") == NULL) {
		fu_buf_puts(b, name);
		return;
	}
	fu_buf_putc(b, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"' || *p == '\\')
			fu_buf_putc(b, '\\');
		fu_buf_putc(b, *p);
	}
	fu_buf_putc(b, '"');
}

static void mailbox(fu_buf *b, const char *field, const char *name,
		    const char *addr)
{
	fu_buf_printf(b, "%s: ", field);
	char *n = fu__draft_has(name) ? header_text(name) : NULL;
	if (n) {
		size_t start = b->len;
		phrase(b, n);
		/* the address on a line of its own when the name was long */
		const char *last = b->data + start;
		for (const char *p = last; (p = strstr(p, "\r\n")); p += 2)
			last = p + 2;
		fu_buf_puts(b, strlen(last) + strlen(addr) > 74 ? "\r\n " : " ");
	}
	free(n);
	fu_buf_printf(b, "<%s>\r\n", addr);
}

/* Subject: folded at spaces (ASCII), or encoded. */
static void subject_line(fu_buf *b, const char *subject)
{
	fu_buf_puts(b, "Subject: ");
	if (!ascii(subject) || must_encode(subject, 900)) {
		encoded_words(b, subject);
		fu_buf_puts(b, "\r\n");
		return;
	}
	size_t col = 9;
	const char *p = subject;
	int first = 1;
	while (*p) {
		size_t sp = strspn(p, " ");
		size_t w = strcspn(p + sp, " ");
		if (!first && col + sp + w > 78) {
			fu_buf_puts(b, "\r\n ");
			col = 1;
			p += sp;
			sp = 0;
		}
		fu_buf_add(b, p, sp + w);
		col += sp + w;
		p += sp + w;
		first = 0;
	}
	fu_buf_puts(b, "\r\n");
}

/* RFC 5322: "Mon, 09 Nov 2026 09:00:00 +0100" */
static void date_line(fu_buf *b, int64_t t)
{
	static const char *const d[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
					  "Fri", "Sat" };
	static const char *const m[] = { "Jan", "Feb", "Mar", "Apr", "May",
					  "Jun", "Jul", "Aug", "Sep", "Oct",
					  "Nov", "Dec" };
	struct tm tm;
	time_t tt = (time_t)t;
	if (!localtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999 ||
	    tm.tm_year + 1900 < 1970) {
		/* not a time fu gives: say nothing rather than nonsense */
		return;
	}
	long off = tm.tm_gmtoff / 60;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	fu_buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld\r\n",
		      d[tm.tm_wday], tm.tm_mday, m[tm.tm_mon],
		      tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
		      sign, off / 60, off % 60);
}

static int long_lines(const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\n");
		if (n > 78)
			return 1;
		s += n + (s[n] == '\n');
	}
	return 0;
}

static void body_lines(fu_buf *b, const char *body, int qp)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *s = body;
	while (*s) {
		size_t n = strcspn(s, "\n");
		size_t col = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c == '\r')
				continue;
			if (!qp) {
				fu_buf_putc(b, (char)c);
				continue;
			}
			int enc = c == '=' || c > 126 || (c < 32 && c != '\t') ||
				  ((c == ' ' || c == '\t') && i + 1 == n);
			size_t w = enc ? 3 : 1;
			if (col + w > 75) {
				fu_buf_puts(b, "=\r\n");
				col = 0;
			}
			if (enc) {
				fu_buf_putc(b, '=');
				fu_buf_putc(b, hex[c >> 4]);
				fu_buf_putc(b, hex[c & 15]);
			} else {
				fu_buf_putc(b, (char)c);
			}
			col += w;
		}
		fu_buf_puts(b, "\r\n");
		s += n + (s[n] == '\n');
	}
}

static int eml(fu_buf *out, fu_db *db, const fu_draft *d,
	       const fu_draft_input *in, int sending)
{
	if (in->channel != FU_CH_EMAIL || !d->subject)
		return fu__error(db, FU_EINVALID, "only an e-mail draft can be "
				 "written as .eml; this one is %s",
				 in->channel == FU_CH_NONE ? "a checklist"
				 : in->channel == FU_CH_LETTER ? "a letter"
				 : in->channel == FU_CH_PHONE ? "a call"
				 : "a social message");
	if (!fu__draft_has(in->contact_email))
		return fu__error(db, FU_EINVALID, "%s has no e-mail address",
				 fu__draft_has(in->contact_name) ? in->contact_name
						       : "the contact");
	if (!fu__draft_has(in->user_email))
		return fu__error(db, FU_EINVALID, "set your e-mail address "
				 "first: fu config user.email you@example.org");
	/* stored addresses may come from another program, an old fu or a
	 * synced machine: each must be one plain address, nothing more */
	if (!addr_spec_ok(in->user_email))
		return fu__error(db, FU_EINVALID, "your e-mail address '%s' "
				 "cannot head a message (fu writes plain ASCII "
				 "addresses, name@example.org): fu config "
				 "user.email ADDRESS", in->user_email);
	if (!addr_spec_ok(in->contact_email))
		return fu__error(db, FU_EINVALID, "%s's e-mail address '%s' "
				 "cannot head a message (fu writes plain ASCII "
				 "addresses, name@example.org): fu edit %lld "
				 "--email ADDRESS", fu__draft_has(in->contact_name)
				 ? in->contact_name : "the contact",
				 in->contact_email, (long long)in->contact_id);
	char *subject = header_text(d->subject), *body = body_text(d->body);
	if (!subject || !body) {
		free(subject);
		free(body);
		return fu__draft_oom(db);
	}
	int qp = long_lines(body);
	mailbox(out, "From", in->user_name, in->user_email);
	mailbox(out, "To", in->contact_name, in->contact_email);
	subject_line(out, subject);
	date_line(out, in->now);
	fu_buf_puts(out, "MIME-Version: 1.0\r\n"
		    "Content-Type: text/plain; charset=UTF-8\r\n");
	fu_buf_printf(out, "Content-Transfer-Encoding: %s\r\n",
		      qp ? "quoted-printable" : "8bit");
	if (d->message_id)
		fu_buf_printf(out, "Message-ID: <%s>\r\n", d->message_id);
	if (!sending)
		fu_buf_puts(out, "X-Unsent: 1\r\n");
	fu_buf_puts(out, "\r\n");
	body_lines(out, body, qp);
	free(subject);
	free(body);
	return out->failed ? fu__draft_oom(db) : FU_OK;
}

int fu_draft_eml(fu_buf *out, fu_db *db, const fu_draft *d,
		 const fu_draft_input *in)
{
	return eml(out, db, d, in, 0);
}

int fu_draft_eml_sending(fu_buf *out, fu_db *db, const fu_draft *d,
			 const fu_draft_input *in)
{
	return eml(out, db, d, in, 1);
}

int fu_draft_new_message_id(fu_db *db, fu_draft *d, const fu_draft_input *in)
{
	unsigned char r[8] = { 0 };
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t got = fd >= 0 ? read(fd, r, sizeof r) : -1;
	if (fd >= 0)
		close(fd);
	if (got != (ssize_t)sizeof r) {
		/* no urandom: the clock and the process will do */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		uint64_t v = (uint64_t)ts.tv_nsec * 2654435761u ^
			     (uint64_t)getpid() << 32 ^ (uint64_t)ts.tv_sec;
		memcpy(r, &v, sizeof r);
	}
	const char *at = in->user_email ? strrchr(in->user_email, '@') : NULL;
	const char *domain = at && at[1] ? at + 1 : "localhost";
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "fu.%lld.", (long long)in->now);
	for (size_t i = 0; i < sizeof r; i++)
		fu_buf_printf(&b, "%02x", r[i]);
	fu_buf_putc(&b, '@');
	/* the domain as printable ASCII without specials */
	for (const char *p = domain; *p; p++)
		fu_buf_putc(&b, (*p > ' ' && *p < 127 && !strchr("<>()[]\\,;:\"@", *p))
			    ? *p : '-');
	if (b.failed) {
		fu_buf_free(&b);
		return fu__draft_oom(db);
	}
	free(d->message_id);
	d->message_id = fu_buf_detach(&b);
	return FU_OK;
}


/* Where the draft may go: a new file, or a regular file of the user's
 * own that is not the database; never through a symbolic link, never a
 * device, a FIFO or a directory. */
static int check_target(fu_db *db, const char *path)
{
	struct stat st;
	const char *kind = fu__db_file_kind(db, path);
	if (kind)
		return fu__error(db, FU_EINVALID, "refusing to write the draft "
				 "over '%s': it is %s", path, kind);
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return FU_OK;
		return fu__error(db, FU_ERROR, "cannot write '%s': %s", path,
				 strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return fu__error(db, FU_EINVALID, "refusing to write the draft "
				 "through the symbolic link '%s'", path);
	if (S_ISDIR(st.st_mode))
		return fu__error(db, FU_EINVALID, "'%s' is a directory: name "
				 "the draft's file", path);
	if (!S_ISREG(st.st_mode))
		return fu__error(db, FU_EINVALID, "refusing to write the draft "
				 "to '%s': it is not a regular file (use '-' "
				 "for standard output)", path);
	if (st.st_uid != geteuid())
		return fu__error(db, FU_EINVALID, "refusing to replace '%s': "
				 "it belongs to another user (uid %lu)", path,
				 (unsigned long)st.st_uid);
	/* replacing it needs only its directory: a file made read-only
	 * says it is not to be replaced */
	if (access(path, W_OK) != 0)
		return fu__error(db, FU_EINVALID, "refusing to replace '%s': "
				 "it is read-only", path);
	return FU_OK;
}

/* Write all of data to fd; 0 or an errno. */
static int write_all(int fd, const char *data, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		done += (size_t)w;
	}
	return 0;
}

int fu_draft_write_eml(fu_db *db, const fu_draft *d,
		       const fu_draft_input *in, const char *path)
{
	fu_buf b = FU_BUF_INIT;
	char *tmp = NULL;
	int fd = -1, err = 0;
	int rc = fu_draft_eml(&b, db, d, in);
	if (rc || (rc = check_target(db, path)))
		goto done;
	/* a new file beside path, 0600 (mkstemp), moved into place whole:
	 * path holds the new draft or what it held before, never a part,
	 * and no file but fu's own is ever written or re-permissioned */
	size_t n = strlen(path);
	tmp = malloc(n + sizeof ".tmp-XXXXXX");
	if (!tmp) {
		rc = fu__draft_oom(db);
		goto done;
	}
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = fu__error(db, FU_ERROR, "cannot write '%s': %s", path,
			       strerror(errno));
		goto done;
	}
	err = write_all(fd, b.data, b.len);
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	fd = -1;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err) {
		unlink(tmp);
		rc = fu__error(db, FU_ERROR, "cannot write '%s': %s%s", path,
			       strerror(err), err == ENOSPC ? " (the disk is "
			       "full; nothing was changed)" : "");
	}
done:
	free(tmp);
	fu_buf_free(&b);
	return rc;
}
