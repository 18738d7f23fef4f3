/* SPDX-License-Identifier: MIT */
/*
 * spawn.c - running another program (git, age) for fu sync: through
 * posix_spawnp, never a shell, with the user's own environment (their
 * ssh agent, credential helpers, configuration) and some variables
 * added; what it is given on standard input, and what it prints on
 * standard output and error, are kept in memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fu/buf.h"
#include "internal.h"

extern char **environ;

/* environ with env (NAME=VALUE, NULL-ended) put in front (they win). */
static char **environment(const char *const *env)
{
	size_t n = 0, k = 0;
	while (environ && environ[n])
		n++;
	size_t m = 0;
	while (env && env[m])
		m++;
	char **e = calloc(n + m + 1, sizeof *e);
	if (!e)
		return NULL;
	for (size_t i = 0; i < m; i++)
		e[k++] = (char *)env[i];
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(environ[i], '=');
		size_t len = eq ? (size_t)(eq - environ[i]) : strlen(environ[i]);
		int shadowed = 0;
		for (size_t j = 0; j < m && !shadowed; j++)
			shadowed = !strncmp(env[j], environ[i], len) &&
				   env[j][len] == '=';
		if (!shadowed)
			e[k++] = environ[i];
	}
	e[k] = NULL;
	return e;
}

static int cloexec_pipe(int p[2])
{
	if (pipe(p))
		return -1;
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static void close_pipe(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	p[0] = p[1] = -1;
}

int fu__spawn(fu_db *db, const char *const argv[], const char *const *env,
	      const char *in, size_t inlen, fu_buf *out, fu_buf *err,
	      int *status)
{
	int pin[2] = { -1, -1 }, pout[2] = { -1, -1 }, perr[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	char **envp = environment(env);
	pid_t pid = 0;
	int rc = FU_OK;
	*status = -1;
	if (!envp)
		return fu__error(db, FU_ERROR, "out of memory");
	if (cloexec_pipe(pin) || cloexec_pipe(pout) || cloexec_pipe(perr)) {
		rc = fu__error(db, FU_ERROR, "cannot run %s: %s", argv[0],
			       strerror(errno));
		goto done;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
	posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
	posix_spawn_file_actions_adddup2(&fa, perr[1], 2);
	int e = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
			     envp);
	posix_spawn_file_actions_destroy(&fa);
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	pin[0] = pout[1] = perr[1] = -1;
	if (e) {
		rc = fu__error(db, FU_ERROR, e == ENOENT ? "%s is not installed "
			       "(fu sync runs it; on Debian: apt install %s)"
			       : "cannot run %s: %s", argv[0],
			       e == ENOENT ? argv[0] : strerror(e));
		goto done;
	}
	/* a reader that quits early must not kill fu with SIGPIPE */
	struct sigaction ign = { 0 }, old;
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	size_t sent = 0;
	if (!inlen) {
		close(pin[1]);
		pin[1] = -1;
	}
	while (pout[0] >= 0 || perr[0] >= 0) {
		struct pollfd p[3];
		int np = 0, iw = -1, io = -1, ie = -1;
		if (pin[1] >= 0)
			iw = np, p[np++] = (struct pollfd){ pin[1], POLLOUT, 0 };
		if (pout[0] >= 0)
			io = np, p[np++] = (struct pollfd){ pout[0], POLLIN, 0 };
		if (perr[0] >= 0)
			ie = np, p[np++] = (struct pollfd){ perr[0], POLLIN, 0 };
		if (poll(p, (nfds_t)np, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (iw >= 0 && p[iw].revents) {
			ssize_t w = write(pin[1], in + sent, inlen - sent);
			if (w > 0)
				sent += (size_t)w;
			if (w < 0 && errno != EINTR && errno != EAGAIN)
				sent = inlen; /* it stopped reading */
			if (sent == inlen) {
				close(pin[1]);
				pin[1] = -1;
			}
		}
		for (int k = 0; k < 2; k++) {
			int idx = k ? ie : io;
			int *fd = k ? &perr[0] : &pout[0];
			fu_buf *b = k ? err : out;
			if (idx < 0 || !p[idx].revents)
				continue;
			char chunk[65536];
			ssize_t r = read(*fd, chunk, sizeof chunk);
			if (r > 0 && b)
				fu_buf_add(b, chunk, (size_t)r);
			if (r == 0 || (r < 0 && errno != EINTR &&
				       errno != EAGAIN)) {
				close(*fd);
				*fd = -1;
			}
		}
	}
	sigaction(SIGPIPE, &old, NULL);
	int ws = 0;
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	if ((out && out->failed) || (err && err->failed))
		rc = fu__error(db, FU_ERROR, "out of memory");
done:
	close_pipe(pin);
	close_pipe(pout);
	close_pipe(perr);
	free(envp);
	return rc;
}
