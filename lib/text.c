/* SPDX-License-Identifier: MIT */
/*
 * text.c - what a user's text must be before it is stored: valid UTF-8,
 * no control characters that could drive a terminal, within a length;
 * and the words a failed check uses, for fu add and fu log (their own
 * words: "the company is empty") and for an import (the field's place in
 * its file: "contacts[3].company: is empty").
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fu/text.h"
#include "internal.h"

size_t fu__utf8_len(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	size_t k = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
	if (k == 0 || s[0] > 0xf4 || k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (k == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) ||
		       (s[0] == 0xed && s[1] >= 0xa0)))
		return 0; /* overlong, surrogate */
	if (k == 4 && ((s[0] == 0xf0 && s[1] < 0x90) ||
		       (s[0] == 0xf4 && s[1] >= 0x90)))
		return 0;
	return k;
}

int fu__check_text(fu_db *db, const char *what, const char *s, size_t max,
		   int multiline)
{
	if (!s)
		return FU_OK;
	size_t chars = 0, left = strlen(s);
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = fu__utf8_len(p, left);
		if (n == 0)
			return fu__error(db, FU_EINVALID,
					 "%s is not valid UTF-8", what);
		if (n == 1 && (*p < 0x20 || *p == 0x7f) &&
		    !(multiline && (*p == '\n' || *p == '\t')))
			return fu__error(db, FU_EINVALID,
					 "%s contains a control character",
					 what);
		/* C1 controls (U+0080..U+009F) can drive terminals too */
		if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)
			return fu__error(db, FU_EINVALID,
					 "%s contains a control character",
					 what);
		p += n;
		left -= n;
		if (++chars > max)
			return fu__error(db, FU_EINVALID,
					 "%s is too long (more than %zu "
					 "characters)", what, max);
	}
	return FU_OK;
}

/* The checks of records speak to two audiences: fu add and fu log (base
 * NULL), in their own words, and an import, which names each field by its
 * place in the file (base "contacts[3]", key "email").
 *
 * What a message calls a field: fu add's words ("the company"), or the
 * field's place and a colon ("contacts[3].company:"), so that "%s is too
 * long" reads right for both. */
static const char *field_name(char *buf, size_t len, const char *base,
			      const char *key, const char *words)
{
	if (!base)
		return words;
	snprintf(buf, len, "%s.%s:", base, key);
	return buf;
}

/* A complaint about a field: as it stands for fu add, after the field's
 * place for an import ("contacts[3].email: 'x' is not ..."). */
int fu__field_error(fu_db *db, const char *base, const char *key,
		       const char *fmt, ...)
{
	char msg[sizeof db->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!base)
		return fu__error(db, FU_EINVALID, "%s", msg);
	msg[599] = '\0'; /* where an import has always cut it */
	return fu__error(db, FU_EINVALID, "%s.%s: %s", base, key, msg);
}

int fu__check_field(fu_db *db, const char *base, const char *key,
		       const char *words, const char *s, size_t max,
		       int multiline)
{
	char buf[256];
	return fu__check_text(db, field_name(buf, sizeof buf, base, key, words),
			      s, max, multiline);
}

int fu__check_required(fu_db *db, const char *base, const char *key,
			  const char *words, const char *s, size_t max)
{
	char buf[256];
	const char *what = field_name(buf, sizeof buf, base, key, words);
	if (!s || !*s || strspn(s, " \t") == strlen(s))
		return fu__error(db, FU_EINVALID, "%s is empty", what);
	return fu__check_text(db, what, s, max, 0);
}

int fu__check_email_field(fu_db *db, const char *base, const char *s)
{
	int rc = fu__check_field(db, base, "email", "e-mail address", s,
			     FU__FIELD_MAX, 0);
	if (rc || !s)
		return rc;
	const char *at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@') ||
	    strpbrk(s, " \t<>,;\"") || !strchr(at + 1, '.'))
		return fu__field_error(db, base, "email",
				   "'%s' is not an e-mail address", s);
	return FU_OK;
}

int fu__check_email(fu_db *db, const char *s)
{
	return fu__check_email_field(db, NULL, s);
}

int fu__check_text_at(fu_db *db, const char *path, const char *s,
		      size_t max, int multiline)
{
	/* fu__check_text says "<what> is ...": "<path>: is ..." */
	char what[300];
	snprintf(what, sizeof what, "%s:", path);
	return fu__check_text(db, what, s, max, multiline);
}

int fu__check_message_id(fu_db *db, const char *base, const char *s)
{
	if (!s)
		return FU_OK;
	size_t n = strlen(s);
	if (n == 0 || n > FU__MESSAGE_ID_MAX)
		return fu__field_error(db, base, "message_id", "a Message-ID "
				       "has 1 to %d characters", FU__MESSAGE_ID_MAX);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == '<' || *p == '>')
			return fu__field_error(db, base, "message_id", "a "
					       "Message-ID is printable ASCII "
					       "without spaces or <>");
	return FU_OK;
}

/* --- showing text ------------------------------------------------------- */

/* The code point of the valid UTF-8 sequence p of n bytes. */
static unsigned decode(const unsigned char *p, size_t n)
{
	switch (n) {
	case 1: return p[0];
	case 2: return (unsigned)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	case 3: return (unsigned)(p[0] & 0x0f) << 12 |
		       (unsigned)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	default: return (unsigned)(p[0] & 0x07) << 18 |
			(unsigned)(p[1] & 0x3f) << 12 |
			(unsigned)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
	}
}

int fu_text_hidden_code_point(unsigned cp)
{
	return (cp >= 0x80 && cp < 0xa0) || cp == 0x61c || cp == 0x200e ||
	       cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

void fu_text_escape(fu_buf *b, const char *s, int flags)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p);
	while (*p) {
		/* a run of printable ASCII in one go */
		const unsigned char *q = p;
		while (*q >= 0x20 && *q < 0x7f)
			q++;
		if (q > p) {
			fu_buf_add(b, (const char *)p, (size_t)(q - p));
			left -= (size_t)(q - p);
			p = q;
			continue;
		}
		size_t n = fu__utf8_len(p, left);
		if (n == 0) {
			fu_buf_printf(b, "\\x%02x", *p);
			n = 1;
		} else if (n == 1) {
			if ((flags & FU_TEXT_LINES) && (*p == '\n' || *p == '\t'))
				fu_buf_putc(b, (char)*p);
			else if (*p == '\n')
				fu_buf_puts(b, "\\n");
			else if (*p == '\t')
				fu_buf_putc(b, ' ');
			else if (*p == 0x1b)
				fu_buf_puts(b, "\\e");
			else
				fu_buf_printf(b, "\\x%02x", *p);
		} else {
			unsigned cp = decode(p, n);
			if (fu_text_hidden_code_point(cp))
				fu_buf_printf(b, "\\u%04x", cp);
			else
				fu_buf_add(b, (const char *)p, n);
		}
		p += n;
		left -= n;
	}
}
