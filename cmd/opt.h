/* SPDX-License-Identifier: MIT */
/*
 * opt.h - command-line options (opt.c): the table of options a command
 * parses, with a line on each for its help, and the global options that
 * every command understands wherever they stand.
 */
#ifndef FU_OPT_H
#define FU_OPT_H

#include <stddef.h>

#include "cli.h"

typedef struct opt_spec {
	const char *name;  /* the long name, without "--" */
	char shortc;       /* 0, or a one-letter alias ('a' for -a) */
	const char *value; /* the name of its value in help ("DATE"), as
	                      the man page names it; NULL: it takes none */
	int id;            /* > 0, what opt_next returns for it */
	const char *help;  /* what it does, in one line for fu CMD -h */
} opt_spec;

/* An option whose value may be left out names it in brackets: "[WHEN]"
 * (--color[=WHEN]); the value is then given after "=", or is one of the
 * words it takes. */
#define opt_optional(o) ((o)->value && (o)->value[0] == '[')

enum {
	OPT_END = 0,
	OPT_POSITIONAL = -1,
	OPT_ERROR = -2
};

typedef struct opt_state {
	int argc;
	char **argv;
	int i;
	int dashdash;
} opt_state;

void opt_init(opt_state *st, int argc, char **argv);
/* Next option of specs (terminated by a zero entry; NULL: none) or a
 * global option (handled here into c); returns its id, OPT_POSITIONAL
 * with *arg the word, OPT_END, or OPT_ERROR after printing the error
 * (return FU_EXIT_USAGE then). A long option may be shortened to any
 * prefix that names one option only, as getopt_long allows; an unknown
 * one gets a "did you mean". */
int opt_next(cli *c, opt_state *st, const opt_spec *specs, const char **arg);

/* The option as help names it, into buf: "-d, --days N", "--json",
 * "--color[=WHEN]". */
char *opt_label(char *buf, size_t len, const opt_spec *o);

/* The names among names[0..n) that typed looks like a typo or the start
 * of, as "'due'" or "'--all' or '--always'", into buf (prefix before
 * each name: "--" for options, "" for commands); how many there are. */
size_t opt_suggest(char *buf, size_t len, const char *typed,
		   const char *const *names, size_t n, const char *prefix);

/* Whether word is a global option written apart from its value
 * ("--db PATH"), so that the next word is that value. */
int opt_global_takes_next(const char *word);

/* The options every command understands, wherever they stand: --db,
 * --now, --json, --color, --no-color, --no-pager, --help. */
extern const opt_spec global_options[];

/* Those that may only come before a command: --version. */
enum { OPT_VERSION = 1 };
extern const opt_spec top_options[];

#endif
