/* SPDX-License-Identifier: MIT */
/*
 * term.c - the terminal fu writes to: the width human output fits,
 * cutting and wrapping text to it (in display columns, fu/width.h), and
 * the pager, started as git starts its own.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "fu/buf.h"
#include "fu/config.h"
#include "fu/width.h"
#include "term.h"

/* COLUMNS as a number of columns, or 0. */
static size_t env_columns(void)
{
	const char *s = getenv("COLUMNS");
	char *end = NULL;
	long v = s && *s ? strtol(s, &end, 10) : 0;
	return v > 0 && v < 100000 && end && !*end ? (size_t)v : 0;
}

size_t term_width(cli *c)
{
	if (c->width_known)
		return c->width;
	c->width_known = 1;
	c->width = 0;
	if (!isatty(STDOUT_FILENO))
		return 0; /* a pipe or a file: whole lines */
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		c->width = ws.ws_col;
	else if (!(c->width = env_columns()))
		c->width = 80;
	return c->width;
}

const char *term_ellipsis(void)
{
	static const char *e;
	if (e)
		return e;
	const char *names[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *loc = NULL;
	for (size_t i = 0; i < 3 && !loc; i++) {
		const char *v = getenv(names[i]);
		if (v && *v)
			loc = v;
	}
	e = "...";
	for (const char *p = loc; p && *p; p++)
		if (strncasecmp(p, "utf-8", 5) == 0 ||
		    strncasecmp(p, "utf8", 4) == 0)
			e = "\xe2\x80\xa6"; /* … */
	return e;
}

char *term_cut(const char *s, size_t cols)
{
	if (fu_width(s) <= cols)
		return strdup(s);
	const char *e = term_ellipsis();
	size_t ew = fu_width(e);
	if (cols < ew + 1) { /* no room for an ellipsis and a letter */
		size_t n = fu_width_fit(s, cols, NULL);
		char *t = malloc(n + 1);
		if (t) {
			memcpy(t, s, n);
			t[n] = '\0';
		}
		return t;
	}
	size_t n = fu_width_fit(s, cols - ew, NULL);
	/* "5 Acme, Back…" rather than "5 Acme, …" */
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ','))
		n--;
	fu_buf b = FU_BUF_INIT;
	fu_buf_add(&b, s, n);
	fu_buf_puts(&b, e);
	if (strchr(s, '\033'))
		fu_buf_puts(&b, "\033[0m"); /* a colour cut off ends here */
	return fu_buf_detach(&b);
}

static void spaces(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

void term_wrap(cli *c, FILE *f, const char *line, size_t hang)
{
	size_t width = term_width(c);
	if (!width || fu_width(line) <= width) {
		fputs(line, f);
		fputc('\n', f);
		return;
	}
	/* a hanging indent leaves room for some twenty columns of text */
	if (hang + 20 > width)
		hang = width > 24 ? 4 : 0;
	const char *p = line;
	size_t lead = strspn(p, " "); /* the first line's own indent */
	int first = 1;
	while (*p) {
		size_t avail = first ? width : width - hang;
		if (!first)
			spaces(f, hang);
		if (fu_width(p) <= avail) {
			fputs(p, f);
			break;
		}
		size_t n = fu_width_fit(p, avail, NULL);
		/* the last space that fits (not the first line's indent) */
		size_t k = n;
		while (k > (first ? lead : 0) && p[k] != ' ')
			k--;
		if (k == (first ? lead : 0)) {
			k = n; /* one word longer than a line: break it */
			/* not even one character fits: take one anyway */
			for (size_t w = avail + 1; !k; w++)
				k = fu_width_fit(p, w, NULL);
		}
		fwrite(p, 1, k, f);
		fputc('\n', f);
		p += k;
		while (*p == ' ')
			p++;
		first = 0;
	}
	fputc('\n', f);
}

/* --- the pager ----------------------------------------------------------- */

static pid_t pager_pid;

int term_paging(void)
{
	return pager_pid > 0;
}

void term_pager_wait(void)
{
	if (pager_pid <= 0)
		return;
	fflush(stdout);
	fclose(stdout);
	close(STDOUT_FILENO);
	int status;
	while (waitpid(pager_pid, &status, 0) < 0 && errno == EINTR)
		;
	pager_pid = 0;
}

/* A signal while paging: let the pager finish with the terminal first
 * (so that the shell does not take it back from under less), then die
 * of the signal. Only async-signal-safe calls. */
static void pager_signal(int sig)
{
	close(STDOUT_FILENO);
	if (pager_pid > 0)
		while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
			;
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Whether the first word of cmd is a program sh would find: a pager
 * that is not there is no pager (rather than output lost to a pipe
 * nobody reads). Words with shell syntax are left to the shell. */
static int pager_exists(const char *cmd)
{
	size_t n = strcspn(cmd, " \t");
	if (n == 0 || n >= 1024 || strpbrk(cmd, "|&;<>()$`\\\"'*?[#~=%"))
		return 1;
	char word[1024];
	memcpy(word, cmd, n);
	word[n] = '\0';
	if (strchr(word, '/'))
		return access(word, X_OK) == 0;
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/bin:/bin";
	for (const char *p = path;; p++) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char full[4096];
		if (snprintf(full, sizeof full, "%.*s/%s", (int)len,
			     len ? p : ".", word) < (int)sizeof full) {
			struct stat st;
			if (stat(full, &st) == 0 && S_ISREG(st.st_mode) &&
			    access(full, X_OK) == 0)
				return 1;
		}
		if (!end)
			return 0;
		p = end;
	}
}

void term_pager(cli *c)
{
	if (c->no_pager || pager_pid || !isatty(STDOUT_FILENO))
		return;
	term_width(c); /* while standard output is still the terminal */
	const char *cmd = getenv("FU_PAGER");
	char *config = NULL;
	if (!cmd && c->db && fu_config_get(&config, c->db, "core.pager") == FU_OK)
		cmd = config;
	if (!cmd)
		cmd = getenv("PAGER");
	if (!cmd)
		cmd = "less";
	cmd += strspn(cmd, " \t");
	if (!*cmd || !strcmp(cmd, "cat") || !pager_exists(cmd)) {
		free(config);
		return;
	}
	int fd[2];
	fflush(stdout);
	if (pipe(fd) != 0) {
		free(config);
		return;
	}
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		free(config);
		return;
	}
	if (pid == 0) {
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		if (!getenv("LESS"))
			setenv("LESS", "FRX", 1);
		if (!getenv("LV"))
			setenv("LV", "-c", 1);
		if (cmd[strcspn(cmd, " \t|&;<>()$`\\\"'*?[#~=%")])
			execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		else /* a plain name: no shell needed */
			execlp(cmd, cmd, (char *)NULL);
		_exit(127);
	}
	free(config);
	close(fd[0]);
	dup2(fd[1], STDOUT_FILENO);
	close(fd[1]);
	pager_pid = pid;
	static const int sigs[] = { SIGINT, SIGHUP, SIGTERM, SIGQUIT, SIGPIPE };
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], pager_signal);
}
