/* SPDX-License-Identifier: MIT */
/*
 * spawn.c - running another program without a shell (spawn.h): a
 * command line split into words (by cmdline.c), the program started
 * with posix_spawn,
 * fed its standard input and watched until it exits or its time is up;
 * and (fu__spawn) git and age for fu sync: through posix_spawnp, with
 * the user's own environment (their ssh agent, credential helpers,
 * configuration) and some variables added; what it is given on standard
 * input, and what it prints on standard output and error, are kept in
 * memory.
 */
#define _GNU_SOURCE /* posix_spawn_file_actions_addclosefrom_np */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/spawn.h"
#include "internal.h"

extern char **environ;

void fu_spawn_free(char **argv)
{
	fu__command_free(argv);
}

int fu_spawn_split(char ***out, size_t *nout, fu_db *db, const char *line)
{
	return fu__command_split(out, nout, db, NULL, line);
}

char **fu_spawn_env_with(const char *name, const char *value)
{
	size_t n = 0, len = strlen(name);
	for (char **e = environ; e && *e; e++)
		n++;
	char **env = calloc(n + 2, sizeof *env);
	if (!env)
		return NULL;
	size_t k = 0;
	for (char **e = environ; e && *e; e++) {
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			continue;
		if (!(env[k++] = strdup(*e)))
			goto oom;
	}
	if (!(env[k] = malloc(len + strlen(value) + 2)))
		goto oom;
	sprintf(env[k], "%s=%s", name, value);
	return env;
oom:
	fu_spawn_free(env);
	return NULL;
}

/* The program argv0 names: itself when it holds a slash, else the
 * first executable file of that name in PATH (as execvp looks), so that
 * "cannot run" is said the same way however posix_spawn is made (under
 * valgrind, a program that cannot be run would only exit 127). 0, or an
 * errno value. */
static int resolve(char **out, const char *argv0)
{
	*out = NULL;
	if (!*argv0)
		return ENOENT;
	if (strchr(argv0, '/')) {
		if (access(argv0, X_OK))
			return errno;
		return (*out = strdup(argv0)) ? 0 : ENOMEM;
	}
	const char *path = getenv("PATH");
	int err = ENOENT;
	for (const char *p = path ? path : "/usr/bin:/bin"; ; ) {
		size_t n = strcspn(p, ":");
		char *cand = malloc(n + strlen(argv0) + 3);
		if (!cand)
			return ENOMEM;
		/* an empty element is the current directory */
		sprintf(cand, "%.*s%s%s", (int)n, n ? p : ".", "/", argv0);
		struct stat st;
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(cand, X_OK) == 0) {
				*out = cand;
				return 0;
			}
			err = EACCES;
		}
		free(cand);
		if (!p[n])
			break;
		p += n + 1;
	}
	return err;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Keep the first line of what the program writes on stderr (at most
 * the size of line), whatever it writes after. */
static void keep_first_line(char *line, size_t size, size_t *len, int *full,
			    const char *data, size_t n)
{
	for (size_t i = 0; i < n && !*full; i++) {
		if (data[i] == '\n' && *len > 0) {
			*full = 1;
		} else if (data[i] == '\n' || data[i] == '\r') {
			continue; /* a blank first line is no message */
		} else if (*len + 1 < size) {
			line[(*len)++] = data[i];
			line[*len] = '\0';
		}
	}
}

/* Read what is there on stderr (non-blocking); close it at its end. */
static void read_err(int err[2], char *line, size_t size, size_t *len,
		     int *full)
{
	char buf[4096];
	for (;;) {
		ssize_t got = read(err[0], buf, sizeof buf);
		if (got > 0) {
			keep_first_line(line, size, len, full, buf,
					(size_t)got);
			continue;
		}
		if (got < 0 && errno == EINTR)
			continue;
		if (got == 0 || errno != EAGAIN) {
			close(err[0]);
			err[0] = -1;
		}
		return;
	}
}

int fu_spawn_run(fu_db *db, char *const argv[], const fu_spawn_opts *opts)
{
	static const fu_spawn_opts none = { 0 };
	if (!opts)
		opts = &none;
	char name[320];
	snprintf(name, sizeof name, "%s%s'%s'", opts->role ? opts->role : "",
		 opts->role ? " " : "", opts->what ? opts->what : argv[0]);
	int timeout = opts->timeout_ms > 0 ? opts->timeout_ms : 60000;
	int in[2] = { -1, -1 }, err[2] = { -1, -1 };
	int rc = FU_OK, status = 0, timed_out = 0;
	pid_t pid = -1;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t pipe_set, old_mask;
	char line[512] = "";
	size_t line_len = 0;
	int line_full = 0;

	/* SIGPIPE blocked while fu writes to the program, so that one that
	 * stops reading is an EPIPE here; the program gets the mask as it
	 * was and SIGPIPE at its default */
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	sigset_t pending;
	sigpending(&pending);
	int pipe_was_pending = sigismember(&pending, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old_mask);

	if ((opts->in && pipe2(in, O_CLOEXEC)) || pipe2(err, O_CLOEXEC)) {
		rc = fu__error(db, FU_ERROR, "cannot run %s: %s", name,
			       strerror(errno));
		goto restore;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&attr);
	if (opts->in)
		posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	else
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
#endif
	posix_spawnattr_setsigmask(&attr, &old_mask);
	posix_spawnattr_setsigdefault(&attr, &pipe_set);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
				 POSIX_SPAWN_SETSIGDEF);
	char *prog = NULL;
	int e = resolve(&prog, argv[0]);
	if (!e)
		e = posix_spawn(&pid, prog, &fa, &attr, argv,
				opts->envp ? opts->envp : environ);
	free(prog);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (e) {
		rc = fu__error(db, FU_ERROR, "cannot run %s: %s", name,
			       strerror(e));
		goto restore;
	}
	if (in[0] >= 0) {
		close(in[0]);
		in[0] = -1;
		fcntl(in[1], F_SETFL, O_NONBLOCK);
	}
	close(err[1]);
	err[1] = -1;

	/* feed stdin and read stderr until it exits or time is up; a
	 * program's own child may keep stderr open after it exits, so its
	 * exit, not the end of stderr, ends the watch */
	size_t off = 0;
	int64_t deadline = now_ms() + timeout;
	int exited = 0;
	if (in[1] >= 0 && opts->inlen == 0) {
		close(in[1]);
		in[1] = -1;
	}
	fcntl(err[0], F_SETFL, O_NONBLOCK);
	while (!exited && !rc) {
		struct pollfd pf[2];
		int np = 0, ie = -1, ii = -1;
		if (err[0] >= 0) {
			ie = np;
			pf[np++] = (struct pollfd){ err[0], POLLIN, 0 };
		}
		if (in[1] >= 0) {
			ii = np;
			pf[np++] = (struct pollfd){ in[1], POLLOUT, 0 };
		}
		int64_t left = deadline - now_ms();
		if (left <= 0) {
			timed_out = 1;
			break;
		}
		int r = poll(pf, (nfds_t)np, left < 20 ? (int)left : 20);
		if (r < 0 && errno != EINTR) {
			rc = fu__error(db, FU_ERROR, "cannot watch %s: %s",
				       name, strerror(errno));
			break;
		}
		if (r > 0 && ii >= 0 && pf[ii].revents) {
			ssize_t w = write(in[1], opts->in + off, opts->inlen - off);
			if (w > 0)
				off += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) ||
			    off == opts->inlen) {
				/* done, or it stopped reading (EPIPE): its
				 * exit status says whether that was wrong */
				close(in[1]);
				in[1] = -1;
			}
		}
		if (r > 0 && ie >= 0 && pf[ie].revents)
			read_err(err, line, sizeof line, &line_len, &line_full);
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			exited = 1;
		else if (w < 0 && errno != EINTR)
			rc = fu__error(db, FU_ERROR, "cannot wait for %s: %s",
				       name, strerror(errno));
	}
	if (exited && err[0] >= 0) /* what it wrote last */
		read_err(err, line, sizeof line, &line_len, &line_full);
	if (!exited) {
		kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (timed_out)
			rc = fu__error(db, FU_ERROR, "%s did not finish within "
				       "%d seconds (killed)", name,
				       (timeout + 999) / 1000);
	} else if (WIFEXITED(status) && WEXITSTATUS(status) != 0 &&
		   opts->own && line_len) {
		rc = fu__error(db, FU_ERROR, "%s", line);
	} else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		rc = fu__error(db, FU_ERROR, "%s exited with status %d%s%s",
			       name, WEXITSTATUS(status), line_len ? ": " : "",
			       line);
	} else if (WIFSIGNALED(status)) {
		rc = fu__error(db, FU_ERROR, "%s was killed by signal %d%s%s",
			       name, WTERMSIG(status), line_len ? ": " : "",
			       line);
	}
restore:
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (err[i] >= 0)
			close(err[i]);
	}
	/* a SIGPIPE that writing raised is taken before the mask returns */
	if (!pipe_was_pending) {
		sigpending(&pending);
		if (sigismember(&pending, SIGPIPE)) {
			struct timespec zero = { 0, 0 };
			sigtimedwait(&pipe_set, NULL, &zero);
		}
	}
	pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
	return rc;
}

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
	} else {
		/* a write takes what the pipe has room for: a program that
		 * answers as it reads (fu-sync-open) fills its output pipe
		 * while a blocking write of the whole input waits for it */
		fcntl(pin[1], F_SETFL, O_NONBLOCK);
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
