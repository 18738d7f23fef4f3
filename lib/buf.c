/* SPDX-License-Identifier: MIT */
/* buf.c - the growable buffer of buf.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"

const char fu__buf_empty[1] = "";

void fu_buf_init(fu_buf *b)
{
	b->data = (char *)fu__buf_empty;
	b->len = b->cap = 0;
	b->failed = 0;
}

void fu_buf_free(fu_buf *b)
{
	if (b->cap)
		free(b->data);
	fu_buf_init(b);
}

void fu_buf_clear(fu_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

static int grow(fu_buf *b, size_t extra)
{
	if (b->failed)
		return -1;
	if (extra > (size_t)-1 / 2 - b->len) {
		b->failed = 1;
		return -1;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = b->cap ? realloc(b->data, cap) : malloc(cap);
	if (!p) {
		b->failed = 1;
		return -1;
	}
	if (!b->cap)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return 0;
}

void fu_buf_add(fu_buf *b, const char *data, size_t len)
{
	if (grow(b, len) < 0)
		return;
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void fu_buf_puts(fu_buf *b, const char *s)
{
	fu_buf_add(b, s, strlen(s));
}

void fu_buf_putc(fu_buf *b, char c)
{
	fu_buf_add(b, &c, 1);
}

void fu_buf_vprintf(fu_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (grow(b, (size_t)n) < 0)
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void fu_buf_printf(fu_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fu_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *fu_buf_detach(fu_buf *b)
{
	char *p;
	if (b->cap) {
		p = b->data;
	} else {
		p = malloc(1);
		if (p)
			p[0] = '\0';
	}
	fu_buf_init(b);
	return p;
}
