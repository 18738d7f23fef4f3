/* SPDX-License-Identifier: MIT */
/*
 * cmdline.c - a command line the user configured (mail.sendmail) split
 * into words as a shell splits a simple command, without a shell:
 * blanks separate words, '...' and "..." quote (in "..." a backslash
 * keeps the next character), nothing is expanded. config.c checks a
 * value with it when it is set; sendmail.c runs the words.
 */
#include <stdlib.h>

#include "fu/buf.h"
#include "internal.h"

void fu__command_free(char **w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i]);
}

int fu__command_split(fu_db *db, char **w, size_t *n, const char *key,
		      const char *line)
{
	*n = 0;
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (*n == FU__COMMAND_WORDS - 1) {
			fu__command_free(w, *n);
			return fu__error(db, FU_EINVALID, "%s has too many "
					 "words", key);
		}
		fu_buf b = FU_BUF_INIT;
		char q = 0;
		while (*p && (q || (*p != ' ' && *p != '\t'))) {
			if (q && *p == q) {
				q = 0;
			} else if (!q && (*p == '\'' || *p == '"')) {
				q = *p;
				fu_buf_puts(&b, ""); /* '' is a word */
			} else if (q == '"' && *p == '\\' && p[1]) {
				fu_buf_putc(&b, *++p);
			} else if ((unsigned char)*p < ' ') {
				fu_buf_free(&b);
				fu__command_free(w, *n);
				return fu__error(db, FU_EINVALID, "%s holds a "
						 "control character", key);
			} else {
				fu_buf_putc(&b, *p);
			}
			p++;
		}
		if (q) {
			fu_buf_free(&b);
			fu__command_free(w, *n);
			return fu__error(db, FU_EINVALID, "%s: a quote is "
					 "not closed: %s", key, line);
		}
		char *word = b.failed ? NULL : fu_buf_detach(&b);
		if (!word) {
			fu_buf_free(&b);
			fu__command_free(w, *n);
			return fu__error(db, FU_ERROR, "out of memory");
		}
		w[(*n)++] = word;
	}
	w[*n] = NULL;
	if (!*n)
		return fu__error(db, FU_EINVALID, "%s holds no command", key);
	return FU_OK;
}

