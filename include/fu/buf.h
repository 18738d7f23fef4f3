/* SPDX-License-Identifier: MIT */
/*
 * buf.h - a small growable string buffer (after git's strbuf).
 *
 * b->data is never NULL: an empty buffer points at a static "", so it can
 * always be printed. On allocation failure the buffer keeps what it had
 * and records the failure in b->failed; check it once at the end.
 */
#ifndef FU_BUF_H
#define FU_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct fu_buf {
	char *data;
	size_t len;
	size_t cap;
	int failed;
} fu_buf;

#define FU_BUF_INIT { (char *)fu__buf_empty, 0, 0, 0 }
extern const char fu__buf_empty[1];

void fu_buf_init(fu_buf *b);
void fu_buf_free(fu_buf *b);
void fu_buf_clear(fu_buf *b);
void fu_buf_add(fu_buf *b, const char *data, size_t len);
void fu_buf_puts(fu_buf *b, const char *s);
void fu_buf_putc(fu_buf *b, char c);
void fu_buf_printf(fu_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void fu_buf_vprintf(fu_buf *b, const char *fmt, va_list ap);
/* Hand the data over (malloc'd, NUL-terminated, never NULL unless out of
 * memory) and reset the buffer. */
char *fu_buf_detach(fu_buf *b);

#endif
