/* SPDX-License-Identifier: MIT */
/*
 * cmdline.c - a command line the user configured (mail.sendmail,
 * notify.exec, notify.terminal) split into words as a shell splits a
 * simple command, without a shell and without expanding anything (the
 * rules are spawn.h's, fu_spawn_split). The one splitter: config.c
 * checks a value with it when it is set, spawn.c splits with it what
 * it runs.
 */
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"
#include "internal.h"

void fu__command_free(char **argv)
{
	for (char **p = argv; p && *p; p++)
		free(*p);
	free(argv);
}

/* Append the word in w to the list; -1 out of memory. */
static int push_word(char ***list, size_t *n, fu_buf *w)
{
	if (w->failed)
		return -1;
	char **p = realloc(*list, (*n + 2) * sizeof *p);
	if (!p)
		return -1;
	*list = p;
	if (!(p[*n] = strdup(w->data)))
		return -1;
	p[++*n] = NULL;
	fu_buf_clear(w);
	return 0;
}

int fu__command_split(char ***out, size_t *nout, fu_db *db, const char *key,
		      const char *line)
{
	char **list = NULL;
	size_t n = 0;
	fu_buf w = FU_BUF_INIT;
	int rc = FU_OK, in_word = 0;
	char quote = 0;
	*out = NULL;
	if (nout)
		*nout = 0;
	for (const char *p = line ? line : ""; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 && c != '\t') {
			rc = key ? fu__error(db, FU_EINVALID, "%s holds a "
					     "control character", key)
				 : fu__error(db, FU_EINVALID, "a command line "
					     "holds no line break or control "
					     "character");
			goto done;
		}
		if (quote == '\'') {
			if (c == '\'')
				quote = 0;
			else
				fu_buf_putc(&w, (char)c);
		} else if (quote == '"') {
			if (c == '"')
				quote = 0;
			else if (c == '\\' && p[1] && strchr("\"\\$`", p[1]))
				fu_buf_putc(&w, *++p);
			else
				fu_buf_putc(&w, (char)c);
		} else if (c == ' ' || c == '\t') {
			if (in_word && push_word(&list, &n, &w))
				goto oom;
			in_word = 0;
		} else {
			in_word = 1;
			if (c == '\'' || c == '"')
				quote = (char)c;
			else if (c == '\\' && p[1])
				fu_buf_putc(&w, *++p);
			else
				fu_buf_putc(&w, (char)c);
		}
	}
	if (quote) {
		rc = key ? fu__error(db, FU_EINVALID, "%s: a quote is not "
				     "closed: %s", key, line)
			 : fu__error(db, FU_EINVALID, "the command line has an "
				     "unclosed %s quote", quote == '"'
				     ? "double" : "single");
		goto done;
	}
	if (in_word && push_word(&list, &n, &w))
		goto oom;
	if (n == 0) {
		rc = key ? fu__error(db, FU_EINVALID, "%s holds no command", key)
			 : fu__error(db, FU_EINVALID, "the command line names "
				     "no program");
		goto done;
	}
	*out = list;
	if (nout)
		*nout = n;
	list = NULL;
	goto done;
oom:
	rc = fu__error(db, FU_ERROR, "out of memory");
done:
	fu_buf_free(&w);
	fu__command_free(list);
	return rc;
}
