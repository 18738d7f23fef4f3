/*
 * fu.c - the dispatcher: global options, then a command of the sorted
 * table (commands.c), each in a file of its own. Commands parse their
 * own options (globals may stand anywhere), open the database when they
 * need it, and return an exit code; the dispatcher checks that the
 * output was written.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fu/date.h"
#include "opt.h"
#include "term.h"

static int finish(cli *c, int code)
{
	if (c->db)
		fu_db_close(c->db);
	c->db = NULL;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (code == FU_EXIT_OK || code == FU_EXIT_NO)
			code = cli_fail(FU_EXIT_FAILURE, "cannot write the "
					"output: %s", strerror(errno));
	}
	term_pager_wait();
	return code;
}

int main(int argc, char **argv)
{
	cli c = { 0 };
	opt_state st;
	const char *word = NULL;
	int id, version = 0;
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
