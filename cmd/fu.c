/* SPDX-License-Identifier: MIT */
/*
 * fu.c - the dispatcher: global options, then a command of the sorted
 * table (commands.c), each in a file of its own. Commands parse their
 * own options (globals may stand anywhere), open the database when they
 * need it, and return an exit code; the dispatcher checks that the
 * output was written.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fu/date.h"
#include "opt.h"
#include "term.h"

/*
 * The end of every command: close the database, then check that the
 * output was written. A change that was committed (or a backup written)
 * stays, whatever happens after it, so it is never reported as a failure
 * (fu(1): a non-zero exit leaves the database as it was): what failed
 * after it is a warning, and the exit 0. A command that changed nothing
 * and cannot write its output fails (7), silently, as by SIGPIPE, when
 * the reader of a pipe has gone.
 */
static int finish(cli *c, int code)
{
	int changed = fu_db_changed(c->db);
	if (c->db)
		fu_db_close(c->db);
	c->db = NULL;
	errno = 0;
	int bad = fflush(stdout) != 0 || ferror(stdout);
	int e = errno;
	if (changed && (bad || (code != FU_EXIT_OK && code != FU_EXIT_NO))) {
		if (bad)
			fprintf(stderr, "fu: warning: the change is saved, but "
				"its output could not be written: %s\n",
				e ? strerror(e) : "output error");
		else
			fputs("fu: warning: the change is saved, whatever "
			      "failed after it\n", stderr);
		return code == FU_EXIT_NO ? code : FU_EXIT_OK;
	}
	if (bad && (code == FU_EXIT_OK || code == FU_EXIT_NO)) {
		struct pollfd p = { STDOUT_FILENO, POLLOUT, 0 };
		if (e == EPIPE || (poll(&p, 1, 0) == 1 && (p.revents & POLLERR))) {
			signal(SIGPIPE, SIG_DFL);
			raise(SIGPIPE);
		}
		code = cli_fail(FU_EXIT_FAILURE, "cannot write the output: %s",
				e ? strerror(e) : "output error");
	}
	term_pager_wait();
	return code;
}

/* Standard input, output and error open, whatever the caller closed:
 * otherwise the next file opened would take the number, and what fu
 * prints would land in it. A closed output becomes one that cannot be
 * written (read-only /dev/null), so the failure is seen and reported. */
static void std_fds(void)
{
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF &&
		    open("/dev/null", O_RDONLY) != fd)
			_exit(FU_EXIT_FAILURE);
}

int main(int argc, char **argv)
{
	cli c = { 0 };
	opt_state st;
	const char *word = NULL;
	int id, version = 0;
	std_fds();
	/* a write to a pipe nobody reads fails (EPIPE) instead of killing
	 * fu, which may have committed a change; finish() sorts it out */
	signal(SIGPIPE, SIG_IGN);
	opt_init(&st, argc - 1, argv + 1);
	/* global options before the command */
	while ((id = opt_next(&c, &st, top_options, &word)) > 0)
		if (id == OPT_VERSION)
			version = 1;
	if (id == OPT_ERROR)
		return FU_EXIT_USAGE;
	if (version) { /* fu --version [--json], whatever follows */
		c.cmd = &cmd_version_def;
		cli_colors(&c);
		return finish(&c, cmd_version_def.fn(&c, 0, NULL));
	}
	if (id == OPT_END) {
		cli_colors(&c);
		return finish(&c, cmd_help_def.fn(&c, 0, NULL));
	}
	const cmd *k = cmd_find(fu_commands, word);
	if (!k) {
		const char *names[64];
		char maybe[256];
		size_t n = cmd_names(names, 64);
		if (opt_suggest(maybe, sizeof maybe, word, names, n, ""))
			return cli_fail(FU_EXIT_USAGE, "'%s' is not a fu command;"
					" did you mean %s? (see 'fu help')",
					word, maybe);
		return cli_fail(FU_EXIT_USAGE, "'%s' is not a fu command; "
				"see 'fu help'", word);
	}
	c.cmd = k;
	int rest = argc - 1 - st.i;
	char **rargv = argv + 1 + st.i;
	/* colour is resolved again by cli_open, after the command has
	 * read --color or --json */
	cli_colors(&c);
	int code = k->fn(&c, rest, rargv);
	return finish(&c, code);
}
