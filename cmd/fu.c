/*
 * fu.c - the dispatcher: global options, then a sorted table of commands,
 * each in a file of its own. Commands parse their own options (globals
 * may stand anywhere), open the database when they need it, and return
 * an exit code; the dispatcher checks that the output was written.
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
#include "fu/date.h"

/* Sorted by name. */
const cmd fu_commands[] = {
	{ "__complete", cmd_complete, "print completion candidates",
	  "fu __complete WHAT [WORD]", 1 },
	{ "add", cmd_add, "record a contact or an application",
	  "fu add contact NAME [--company C] [--title T] [--email E] [--phone P]\n"
	  "       [--address A] [--prefers email|phone|letter|social] [--no-calls]\n"
	  "       [--social-ok] [--notes TEXT]\n"
	  "fu add application COMPANY ROLE [--contact REF]... [--applied DATE]\n"
	  "       [--source board|referral|recruiter|direct|other] [--url U]\n"
	  "       [--no-calls] [--no-follow-up] [--notes TEXT]", 0 },
	{ "backup", cmd_backup, "copy the database safely, or restore a copy",
	  "fu backup FILE [--force]\n"
	  "fu backup --restore FILE [--force]", 0 },
	{ "close", cmd_close, "record how an application ended",
	  "fu close REF --outcome accepted|declined|rejected|withdrawn|no-response|filled\n"
	  "       [--at DATE] [--note TEXT]", 0 },
	{ "config", cmd_config, "get and set your name, numbers and rules",
	  "fu config KEY [VALUE]\n"
	  "fu config --unset KEY\n"
	  "fu config --list", 0 },
	{ "doctor", cmd_doctor, "check the database: integrity, version, permissions",
	  "fu doctor", 0 },
	{ "draft", cmd_draft, "write the follow-up message for an action",
	  "fu draft REF [ACTION] [--to CONTACT] [--channel email|phone|letter]\n"
	  "       [--eml FILE] [--edit] [--sent]", 0 },
	{ "due", cmd_due, "what to do, most urgent first",
	  "fu due [REF] [--all | --overdue | --days N] [--why] [--check | --count | --ics]", 0 },
	{ "edit", cmd_edit, "correct an application or a contact",
	  "fu edit APPLICATION [--company C] [--role R] [--applied DATE] [--source S]\n"
	  "       [--url U] [--notes TEXT] [--calls | --no-calls]\n"
	  "       [--follow-up | --no-follow-up] [--contact REF]... [--drop-contact REF]...\n"
	  "fu edit CONTACT [--name N] [--company C] [--title T] [--email E] [--phone P]\n"
	  "       [--address A] [--prefers CHANNEL|none] [--calls | --no-calls]\n"
	  "       [--social-ok | --no-social] [--notes TEXT]", 0 },
	{ "export", cmd_export, "write everything as JSON (or what is due as iCalendar)",
	  "fu export [--ics]", 0 },
	{ "help", cmd_help, "show help for fu or a command",
	  "fu help [COMMAND]", 0 },
	{ "import", cmd_import, "read an export, or a spreadsheet (CSV)",
	  "fu import FILE [--merge]\n"
	  "fu import --csv FILE [--skip-bad]", 0 },
	{ "list", cmd_list, "list applications or contacts",
	  "fu list [applications] [--open | --closed | --all | --outcome O] [--company C]\n"
	  "fu list contacts [--company C]", 0 },
	{ "log", cmd_log, "record something that happened",
	  "fu log REF KIND [--at DATE] [--with CONTACT]... [--topic TEXT]...\n"
	  "       [--expect DATE] [--channel email|phone|letter|social|in-person]\n"
	  "       [--until DATE] [--action ACTION] [--urgent] [--note TEXT]", 0 },
	{ "rules", cmd_rules, "the follow-up rules, their numbers and sources",
	  "fu rules [RULE]", 0 },
	{ "show", cmd_show, "an application or a contact, with its history",
	  "fu show REF", 0 },
	{ "stats", cmd_stats, "how your job hunt is going, in numbers",
	  "fu stats [--since DATE]", 0 },
	{ "undo", cmd_undo, "remove the last logged event",
	  "fu undo [REF]", 0 },
	{ "version", cmd_version, "print fu's version",
	  "fu version", 0 },
	{ NULL, NULL, NULL, NULL, 0 }
};

const cmd *cli_find_command(const char *name)
{
	for (const cmd *k = fu_commands; k->name; k++)
		if (strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

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
	static const opt_spec top[] = {
		{ "version", OPT_NONE, 1, 'V' },
		{ NULL, 0, 0, 0 }
	};
	const char *word = NULL;
	int id;
	std_fds();
	/* a write to a pipe nobody reads fails (EPIPE) instead of killing
	 * fu, which may have committed a change; finish() sorts it out */
	signal(SIGPIPE, SIG_IGN);
	opt_init(&st, argc - 1, argv + 1);
	/* global options before the command */
	while ((id = opt_next(&c, &st, top, &word)) > 0) {
		if (id == 1) {
			cli_colors(&c);
			return finish(&c, cmd_version(&c, 0, NULL));
		}
	}
	if (id == OPT_ERROR)
		return FU_EXIT_USAGE;
	if (id == OPT_END) {
		cli_colors(&c);
		return finish(&c, cmd_help(&c, 0, NULL));
	}
	const cmd *k = cli_find_command(word);
	if (!k)
		return cli_fail(FU_EXIT_USAGE, "'%s' is not a fu command; "
				"see 'fu help'", word);
	c.cmd = k;
	int rest = argc - 1 - st.i;
	char **rargv = argv + 1 + st.i;
	/* colour is resolved again by cli_open, after the command has
	 * read --color or --json */
	cli_colors(&c);
	int code = k->fn(&c, rest, rargv);
	return finish(&c, code);
}

