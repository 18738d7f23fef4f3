/* SPDX-License-Identifier: MIT */
/*
 * spawn.h - running another program without a shell (spawn.c): a
 * command line the user configured (mail.sendmail, notify.exec,
 * notify.terminal) split into words, and the program run with
 * posix_spawn, given bytes on its standard input, its exit status and
 * the first line it wrote on its standard error turned into a message.
 */
#ifndef FU_SPAWN_H
#define FU_SPAWN_H

#include <stddef.h>

#include "fu/fu.h"

/*
 * Split a command line into words as a shell splits a simple command,
 * without expanding anything: blanks (space, tab) separate words; inside
 * '...' every character is itself; inside "..." a backslash keeps only
 * \" and \\ (and \$, \`) special; elsewhere a backslash makes the next
 * character itself. $, *, ~, |, ;, < and > are ordinary characters:
 * there are no variables, globs, pipes or redirections. *out is a
 * NULL-ended array of *n words (n may be NULL), freed by fu_spawn_free.
 * FU_EINVALID with a message for an unclosed quote, a line break or
 * control character, or a line without a word.
 */
int fu_spawn_split(char ***out, size_t *n, fu_db *db, const char *line);
void fu_spawn_free(char **argv);

/* A NULL-ended copy of environ with NAME=VALUE set (replacing NAME's
 * value if it had one); freed by fu_spawn_free. NULL when out of memory. */
char **fu_spawn_env_with(const char *name, const char *value);

typedef struct fu_spawn_opts {
	const char *in;     /* written to its standard input (NULL: none,
	                       it reads /dev/null) */
	size_t inlen;
	char *const *envp;  /* its environment (NULL: fu's own) */
	int timeout_ms;     /* killed after this long (0: 60 seconds) */
	const char *what;   /* how messages name it (NULL: argv[0]) */
	const char *role;   /* said before that name (NULL: nothing):
	                       "the mailer" gives "the mailer 'sh' exited
	                       with status 1" */
	int own;            /* a helper of fu's: when it fails, the first
	                       line it wrote on stderr is the message, as it
	                       is */
} fu_spawn_opts;

/*
 * Run argv[0] (looked up in PATH, as execvp does, when it holds no
 * slash) with argv, its
 * standard output thrown away, its standard error read (the first line
 * kept for the message). Returns FU_OK when it exits with status 0;
 * otherwise FU_ERROR with a message in the handle, in these words:
 *   cannot run 'sendmail': No such file or directory
 *   'sendmail' exited with status 75: <its first line on stderr>
 *   'sendmail' was killed by signal 9
 *   'sendmail' did not finish within 60 seconds (killed)
 * Writing to a program that stops reading raises no SIGPIPE in fu. The
 * program gets fu's signal mask and dispositions as they were, and none
 * of fu's other open files (they are opened close-on-exec).
 */
int fu_spawn_run(fu_db *db, char *const argv[], const fu_spawn_opts *opts);

#endif
