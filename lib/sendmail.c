/* SPDX-License-Identifier: MIT */
/*
 * sendmail.c - fu draft --send: an e-mail draft handed to the user's own
 * mailer (config mail.sendmail, "sendmail -t -oi" unless set: msmtp,
 * postfix and exim provide it), run without a shell, the message on its
 * standard input; the sent is logged, with the message's Message-ID,
 * only when the mailer exits 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/config.h"
#include "draft_internal.h"
#include "internal.h"

#define DEFAULT_SENDMAIL "sendmail -t -oi"

/* Run argv with msg on its standard input; its first line on stderr
 * into err. The wait status, or -1 (errno) when it could not start. */
static int run(char **argv, const char *msg, size_t len, char *err,
	       size_t errlen, int *start_errno)
{
	int in[2], er[2], ex[2];
	*start_errno = 0;
	err[0] = '\0';
	if (pipe(in))
		return -1;
	if (pipe(er)) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	if (pipe(ex)) {
		close(in[0]);
		close(in[1]);
		close(er[0]);
		close(er[1]);
		return -1;
	}
	fcntl(in[1], F_SETFD, FD_CLOEXEC);
	fcntl(er[0], F_SETFD, FD_CLOEXEC);
	fcntl(ex[0], F_SETFD, FD_CLOEXEC);
	fcntl(ex[1], F_SETFD, FD_CLOEXEC);
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(in[0]);
		close(in[1]);
		close(er[0]);
		close(er[1]);
		close(ex[0]);
		close(ex[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (dup2(in[0], 0) < 0 || dup2(er[1], 2) < 0 ||
		    (null >= 0 && dup2(null, 1) < 0))
			_exit(127);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		int e = errno;
		ssize_t w = write(ex[1], &e, sizeof e);
		(void)w;
		_exit(127);
	}
	close(in[0]);
	close(er[1]);
	close(ex[1]);
	/* did it start? (the pipe closes on exec, or carries errno) */
	int e = 0;
	ssize_t got;
	while ((got = read(ex[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(ex[0]);
	if (got == (ssize_t)sizeof e) {
		*start_errno = e;
		close(in[1]);
		close(er[0]);
		int st;
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		errno = e;
		return -1;
	}
	/* write the message and read its errors together: neither side
	 * waits on the other; a mailer that stops reading is no SIGPIPE */
	struct sigaction ign = { 0 }, old;
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
	size_t off = 0, elen = 0;
	int in_open = 1, er_open = 1, line_done = 0;
	if (len == 0) {
		close(in[1]);
		in_open = 0;
	}
	while (in_open || er_open) {
		struct pollfd pf[2];
		int np = 0, ii = -1, ie = -1;
		if (in_open) {
			pf[np].fd = in[1];
			pf[np].events = POLLOUT;
			ii = np++;
		}
		if (er_open) {
			pf[np].fd = er[0];
			pf[np].events = POLLIN;
			ie = np++;
		}
		if (poll(pf, (nfds_t)np, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (ii >= 0 && pf[ii].revents) {
			ssize_t w = write(in[1], msg + off, len - off);
			if (w > 0)
				off += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) ||
			    off == len) {
				close(in[1]);
				in_open = 0;
			}
		}
		if (ie >= 0 && pf[ie].revents) {
			char buf[512];
			ssize_t r = read(er[0], buf, sizeof buf);
			if (r <= 0 && !(r < 0 && errno == EINTR)) {
				close(er[0]);
				er_open = 0;
			}
			for (ssize_t i = 0; i < r && !line_done; i++) {
				if (buf[i] == '\n') {
					line_done = elen > 0;
					continue;
				}
				if (elen + 1 < errlen)
					err[elen++] = buf[i];
			}
			err[elen] = '\0';
		}
	}
	if (in_open)
		close(in[1]);
	if (er_open)
		close(er[0]);
	sigaction(SIGPIPE, &old, NULL);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return st;
}

int fu_draft_send(fu_db *db, fu_draft *d, const fu_draft_input *in,
		  int64_t *event_id)
{
	if (event_id)
		*event_id = 0;
	char *line = NULL;
	int rc = fu_config_get(&line, db, "mail.sendmail");
	if (rc && rc != FU_ENOTFOUND)
		return rc;
	char **words = NULL;
	rc = fu__command_split(&words, NULL, db, "mail.sendmail",
			       line ? line : DEFAULT_SENDMAIL);
	free(line);
	if (rc)
		return rc;
	fu_buf msg = FU_BUF_INIT;
	if (!(rc = fu_draft_new_message_id(db, d, in)))
		rc = fu_draft_eml_sending(&msg, db, d, in);
	if (rc) {
		fu_buf_free(&msg);
		fu__command_free(words);
		return rc;
	}
	char err[400];
	int start_errno = 0;
	int st = run(words, msg.data, msg.len, err, sizeof err, &start_errno);
	fu_buf_free(&msg);
	/* the mailer's own line, made printable */
	for (char *p = err; *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = ' ';
	if (st < 0)
		rc = fu__error(db, FU_ERROR, "cannot run the mailer '%s' (config "
			       "mail.sendmail): %s; nothing was sent or logged",
			       words[0], strerror(start_errno ? start_errno
						  : errno));
	else if (WIFSIGNALED(st))
		rc = fu__error(db, FU_ERROR, "the mailer '%s' was killed by "
			       "signal %d%s%s; nothing logged", words[0],
			       WTERMSIG(st), err[0] ? ": " : "", err);
	else if (WEXITSTATUS(st) != 0)
		rc = fu__error(db, FU_ERROR, "the mailer '%s' exited with "
			       "status %d%s%s; nothing logged", words[0],
			       WEXITSTATUS(st), err[0] ? ": " : "", err);
	fu__command_free(words);
	if (rc)
		return rc;
	if ((rc = fu_draft_mark_sent_as(db, in, d->message_id, event_id))) {
		char why[sizeof db->msg];
		memcpy(why, db->msg, sizeof why);
		rc = fu__error(db, rc, "the message was sent (Message-ID <%s>) "
			       "but not logged: %s", d->message_id, why);
	}
	return rc;
}
