/* SPDX-License-Identifier: MIT */
/*
 * mailer.c - a plain-text e-mail composed (RFC 5322, MIME: RFC 2045 and
 * 2047) and handed to a sendmail-compatible program (mailer.h): the one
 * writer of mail headers and the one hand-off to sendmail, for fu
 * notify's digests and fu draft's messages (eml.c, sendmail.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fu/mailer.h"
#include "fu/spawn.h"
#include "internal.h"

/* --- header text ---------------------------------------------------------- */

static int ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* Text for one header: valid UTF-8 (anything else becomes U+FFFD), every
 * line break and other control (C0, DEL, C1) a space, blanks at either
 * end dropped. NULL out of memory. */
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
	size_t start = strspn(b.data, " "), end = b.len;
	while (end > start && b.data[end - 1] == ' ')
		end--;
	char *t = b.failed ? NULL : strndup(b.data + start, end - start);
	fu_buf_free(&b);
	return t;
}

/* A dot-atom of ASCII atext (RFC 5322 3.2.3) of len bytes at s. */
static int dot_atom(const char *s, size_t len)
{
	static const char special[] = "!#$%&'*+-/=?^_`{|}~";
	if (len == 0 || s[0] == '.' || s[len - 1] == '.')
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.') {
			if (s[i + 1] == '.')
				return 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || (c && strchr(special, c))))
			return 0;
	}
	return 1;
}

/* An address a message can carry: local@domain, each part a dot-atom,
 * at most 64 and 254 octets. Anything else (a line break, a space, a
 * comment, a quoted local part, a second '@', a non-ASCII letter) could
 * add a header or a recipient, or be read differently by each mail
 * program: refused, never rewritten. */
int fu__mail_addr_ok(const char *a)
{
	const char *at = a ? strchr(a, '@') : NULL;
	if (!at || strchr(at + 1, '@') || strlen(a) > 254 || at - a > 64)
		return 0;
	return dot_atom(a, (size_t)(at - a)) && dot_atom(at + 1, strlen(at + 1));
}

/* A message id: "<" dot-atom "@" dot-atom ">" (RFC 5322 3.6.4). */
static int msgid_ok(const char *id)
{
	size_t n = id ? strlen(id) : 0;
	if (n < 5 || n > 250 || id[0] != '<' || id[n - 1] != '>')
		return 0;
	const char *at = memchr(id, '@', n);
	if (!at || memchr(at + 1, '@', (size_t)(id + n - 1 - (at + 1))))
		return 0;
	return dot_atom(id + 1, (size_t)(at - id - 1)) &&
	       dot_atom(at + 1, (size_t)(id + n - 1 - (at + 1)));
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

/* RFC 2047 encoded-words of at most 75 characters (45 bytes of text
 * each, split between characters), one a line, the lines after the
 * first folded (CRLF and a space). */
static void encoded_words(fu_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	int first = 1;
	while (n) {
		size_t k = n < 45 ? n : 45;
		while (k < n && k > 0 && (p[k] & 0xc0) == 0x80)
			k--;
		if (k == 0)
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

/* Whether ASCII text must still be encoded: it holds what a mail client
 * would decode ("=?"), so that the client shows what was written; or a
 * run without a space too long to fold. */
static int must_encode(const char *s, size_t longest)
{
	if (!ascii(s) || strstr(s, "=?"))
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
	if (strlen(name) > 60 || must_encode(name, 60)) {
		encoded_words(b, name);
		return;
	}
	if (strpbrk(name, "()<>[]:;@\\,.\"'") == NULL) {
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

/* "From: Name <addr>": the address on a line of its own when the name
 * took a long line. */
static int mailbox(fu_buf *b, const char *field, const char *name,
		   const char *addr)
{
	char *n = header_text(name);
	if (!n)
		return -1;
	fu_buf_printf(b, "%s: ", field);
	if (*n) {
		size_t start = b->len;
		phrase(b, n);
		const char *last = b->data + start;
		for (const char *p = last; (p = strstr(p, "\r\n")); p += 2)
			last = p + 2;
		fu_buf_puts(b, strlen(last) + strlen(addr) + strlen(field) > 72
			    ? "\r\n " : " ");
		fu_buf_printf(b, "<%s>\r\n", addr);
	} else {
		fu_buf_printf(b, "%s\r\n", addr);
	}
	free(n);
	return 0;
}

/* "Subject: ...": folded at spaces, or encoded. */
static int subject_line(fu_buf *b, const char *subject)
{
	char *s = header_text(subject);
	if (!s)
		return -1;
	fu_buf_puts(b, "Subject: ");
	if (must_encode(s, 900)) {
		encoded_words(b, s);
		fu_buf_puts(b, "\r\n");
		free(s);
		return 0;
	}
	size_t col = 9;
	const char *p = s;
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
	free(s);
	return 0;
}

/* "Date: Mon, 09 Nov 2026 09:00:00 +0100" (RFC 5322 3.3), local time. */
static int date_line(fu_buf *b, int64_t t)
{
	static const char *const d[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
					  "Fri", "Sat" };
	static const char *const m[] = { "Jan", "Feb", "Mar", "Apr", "May",
					  "Jun", "Jul", "Aug", "Sep", "Oct",
					  "Nov", "Dec" };
	struct tm tm;
	time_t tt = (time_t)t;
	if (!localtime_r(&tt, &tm) || tm.tm_year + 1900 < 1970 ||
	    tm.tm_year + 1900 > 9999)
		return -1;
	long off = tm.tm_gmtoff / 60;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	fu_buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld\r\n",
		      d[tm.tm_wday], tm.tm_mday, m[tm.tm_mon],
		      tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
		      sign, off / 60, off % 60);
	return 0;
}

/* "<1794218400.4242.9f8e7d6c5b4a3921@example.org>": unique enough for
 * one sender (RFC 5322 3.6.4 asks no more). */
static void make_msgid(fu_buf *b, int64_t t, const char *from)
{
	unsigned char r[8] = { 0 };
	size_t got = 0;
	while (got < sizeof r) {
		ssize_t n = getrandom(r + got, sizeof r - got, GRND_NONBLOCK);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got < sizeof r) { /* no entropy yet: the clock's nanoseconds */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		for (size_t i = 0; i < sizeof r; i++)
			r[i] ^= (unsigned char)(ts.tv_nsec >> (i % 4 * 8));
	}
	fu_buf_printf(b, "<%lld.%ld.", (long long)t, (long)getpid());
	for (size_t i = 0; i < sizeof r; i++)
		fu_buf_printf(b, "%02x", r[i]);
	fu_buf_printf(b, "@%s>", strchr(from, '@') + 1);
}

/* The body's lines, in 7bit or quoted-printable, each ending in CRLF. */
static void body_lines(fu_buf *b, const char *body, int qp)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *s = body;
	while (*s) {
		size_t n = strcspn(s, "\n");
		size_t col = 0;
		/* (the CRs were dropped by body_text) */
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if (!qp) {
				fu_buf_putc(b, (char)c);
				continue;
			}
			int enc = c == '=' || c > 126 || (c < 32 && c != '\t') ||
				  ((c == ' ' || c == '\t') && i + 1 == n) ||
				  /* a dot alone or "From " first: safe from
				   * every transport's habits */
				  (i == 0 && c == '.') ||
				  (i == 0 && !strncmp(s, "From ", 5));
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

/* The body as UTF-8 (U+FFFD for anything else), without CRs; *qp
 * whether it needs quoted-printable whatever the transport carries (a
 * line over 78, a control other than a tab), *wide whether it is not
 * ASCII. */
static char *body_text(const char *s, int *qp, int *wide)
{
	fu_buf b = FU_BUF_INIT;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p), col = 0;
	*qp = *wide = 0;
	while (*p) {
		size_t n = fu__utf8_len(p, left);
		if (n == 0) {
			fu_buf_puts(&b, "\xef\xbf\xbd");
			n = 1;
			*wide = 1;
		} else if (*p == '\r') {
			/* dropped: lines end in \n here, CRLF on the wire */
		} else {
			fu_buf_add(&b, (const char *)p, n);
			if (n > 1)
				*wide = 1;
			else if ((*p < 0x20 && *p != '\t' && *p != '\n') ||
				 *p == 0x7f)
				*qp = 1;
		}
		col = *p == '\n' ? 0 : col + 1;
		if (col > 78)
			*qp = 1;
		p += n;
		left -= n;
	}
	if (b.failed) {
		fu_buf_free(&b);
		return NULL;
	}
	return fu_buf_detach(&b);
}

int fu_mail_compose(fu_buf *out, fu_db *db, const fu_mail *m)
{
	if (!m->from_addr || !*m->from_addr)
		return fu__error(db, FU_EINVALID, "the message has no sender "
				 "address (fu config user.email)");
	if (!fu__mail_addr_ok(m->from_addr))
		return fu__error(db, FU_EINVALID, "'%s' cannot be sent from: "
				 "not a plain address (name@example.org)",
				 m->from_addr);
	if (!m->to_addr || !*m->to_addr)
		return fu__error(db, FU_EINVALID, "the message has no "
				 "recipient address");
	if (!fu__mail_addr_ok(m->to_addr))
		return fu__error(db, FU_EINVALID, "'%s' cannot be sent to: "
				 "not a plain address (name@example.org)",
				 m->to_addr);
	if (m->message_id && !msgid_ok(m->message_id))
		return fu__error(db, FU_EINVALID, "'%s' is not a message id "
				 "(<left@right>)", m->message_id);
	if (m->in_reply_to && !msgid_ok(m->in_reply_to))
		return fu__error(db, FU_EINVALID, "'%s' is not a message id "
				 "(<left@right>)", m->in_reply_to);
	/* References: ids separated by blanks (a reply's own line, folded) */
	char *refs = m->references ? header_text(m->references) : NULL;
	if (m->references && !refs)
		return fu__error(db, FU_ERROR, "out of memory");
	for (char *r = refs; r && *r;) {
		size_t n = strcspn(r, " ");
		char save = r[n];
		r[n] = '\0';
		int ok = msgid_ok(r);
		r[n] = save;
		if (!ok) {
			int rc = fu__error(db, FU_EINVALID, "the references are "
					   "not message ids (<left@right> ...)");
			free(refs);
			return rc;
		}
		r += n + strspn(r + n, " ");
	}
	int64_t date = m->date ? m->date : (int64_t)time(NULL);
	int qp = 0, wide = 0;
	char *body = body_text(m->body, &qp, &wide);
	/* a draft's mail client says whether its server carries 8bit */
	const char *cte = qp || (wide && !m->draft) ? "quoted-printable"
			  : wide ? "8bit" : "7bit";
	int bad = !body || mailbox(out, "From", m->from_name, m->from_addr) ||
		  mailbox(out, "To", m->to_name, m->to_addr) ||
		  subject_line(out, m->subject);
	if (!bad && date_line(out, date)) {
		free(body);
		free(refs);
		return fu__error(db, FU_EINVALID, "the message's date is out of "
				 "range");
	}
	if (!bad) {
		if (m->message_id || !m->draft) {
			fu_buf_puts(out, "Message-ID: ");
			if (m->message_id)
				fu_buf_puts(out, m->message_id);
			else
				make_msgid(out, date, m->from_addr);
			fu_buf_puts(out, "\r\n");
		}
		if (m->in_reply_to) {
			fu_buf_printf(out, "In-Reply-To: %s\r\n", m->in_reply_to);
			fu_buf_puts(out, "References:");
			size_t col = 11;
			for (char *r = refs; r && *r;) {
				size_t n = strcspn(r, " ");
				if (col + 1 + n > 78) {
					fu_buf_puts(out, "\r\n");
					col = 0;
				}
				fu_buf_putc(out, ' ');
				fu_buf_add(out, r, n);
				col += 1 + n;
				r += n + strspn(r + n, " ");
			}
			if (col + 1 + strlen(m->in_reply_to) > 78)
				fu_buf_puts(out, "\r\n");
			fu_buf_printf(out, " %s\r\n", m->in_reply_to);
		}
		fu_buf_printf(out, "MIME-Version: 1.0\r\n"
			      "Content-Type: text/plain; charset=UTF-8\r\n"
			      "Content-Transfer-Encoding: %s\r\n%s\r\n",
			      cte, m->draft ? "X-Unsent: 1\r\n" : "");
		body_lines(out, body, !strcmp(cte, "quoted-printable"));
	}
	free(body);
	free(refs);
	if (bad || out->failed)
		return fu__error(db, FU_ERROR, "out of memory");
	return FU_OK;
}

/* dir/name when it is a regular file that can be run, else NULL */
static char *runnable(const char *dir, size_t dlen, const char *name, int *oom)
{
	size_t n = strlen(name);
	char *cand = malloc(dlen + n + 2);
	if (!cand) {
		*oom = 1;
		return NULL;
	}
	memcpy(cand, dir, dlen);
	cand[dlen] = '/';
	memcpy(cand + dlen + 1, name, n + 1);
	struct stat st;
	if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(cand, X_OK) == 0)
		return cand;
	free(cand);
	return NULL;
}

int fu_mail_sendmail(char ***out, fu_db *db, const char *configured)
{
	*out = NULL;
	char **argv = NULL;
	int rc = fu_spawn_split(&argv, NULL, db, configured && *configured
				? configured : FU_MAIL_SENDMAIL_DEFAULT);
	if (rc)
		return rc;
	if (strchr(argv[0], '/')) {
		*out = argv;
		return FU_OK;
	}
	/* in PATH: run by its name (as the user wrote it, so that messages
	 * name it so); else where sendmail lives when PATH (cron's) lacks
	 * it, by its path */
	char *found = NULL;
	int oom = 0;
	const char *path = getenv("PATH");
	for (const char *p = path ? path : ""; *p && !found && !oom;) {
		size_t n = strcspn(p, ":");
		if (n)
			found = runnable(p, n, argv[0], &oom);
		p += n + (p[n] == ':');
	}
	if (found) {
		free(found);
		*out = argv;
		return FU_OK;
	}
	static const char *const fixed[] = { "/usr/sbin", "/usr/lib" };
	for (size_t i = 0; i < 2 && !found && !oom; i++)
		found = runnable(fixed[i], strlen(fixed[i]), argv[0], &oom);
	if (!found) {
		rc = oom ? fu__error(db, FU_ERROR, "out of memory")
			 : fu__error(db, FU_ENOTFOUND, "no '%s' program in "
				     "PATH, /usr/sbin or /usr/lib: install a "
				     "sendmail (msmtp-mta, postfix, ...) or set "
				     "mail.sendmail", argv[0]);
		fu_spawn_free(argv);
		return rc;
	}
	free(argv[0]);
	argv[0] = found;
	*out = argv;
	return FU_OK;
}

int fu_mail_send(fu_db *db, const fu_mail *m, char *const *sendmail,
		 const char *role)
{
	fu_buf msg = FU_BUF_INIT;
	int rc = fu_mail_compose(&msg, db, m);
	if (rc) {
		fu_buf_free(&msg);
		return rc;
	}
	/* sendmail programs read lines ending in LF: the CRs go */
	size_t k = 0;
	for (size_t i = 0; i < msg.len; i++)
		if (!(msg.data[i] == '\r' && msg.data[i + 1] == '\n'))
			msg.data[k++] = msg.data[i];
	msg.len = k;
	/* the recipients are the message's To:, read by the program (-t):
	 * no address of the user's data ever becomes an argument */
	fu_spawn_opts o = { .in = msg.data, .inlen = msg.len,
			    .timeout_ms = 120000, .role = role };
	rc = fu_spawn_run(db, sendmail, &o);
	fu_buf_free(&msg);
	return rc;
}
