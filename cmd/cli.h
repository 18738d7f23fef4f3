/* SPDX-License-Identifier: MIT */
/*
 * cli.h - what the commands of cmd/ share: exit codes, what the global
 * options set, printing (one "fu: ..." line for errors, colour only on a
 * terminal, user text never written raw). Options are read in opt.c.
 */
#ifndef FU_CLI_H
#define FU_CLI_H

#include <stdint.h>
#include <stdio.h>

#include <cJSON.h>

#include "fu/fu.h"
#include "fu/store.h"

/* Exit codes: keep in step with fu(1) EXIT STATUS and fu --help. */
enum {
	FU_EXIT_OK = 0,
	FU_EXIT_NO = 1,       /* fu due --check: nothing due */
	FU_EXIT_USAGE = 2,    /* bad command line */
	FU_EXIT_NOTFOUND = 3, /* no such thing, or an ambiguous reference */
	FU_EXIT_INVALID = 4,  /* a value that cannot be accepted */
	FU_EXIT_BUSY = 5,     /* the database stayed locked */
	FU_EXIT_DB = 6,       /* the database is unusable */
	FU_EXIT_FAILURE = 7,  /* anything else (I/O, memory, editor) */
	FU_EXIT_DELIVERY = 8, /* fu notify: a way of delivering failed */
	FU_EXIT_REMOTE = 9,   /* fu sync: the remote is unreachable or kept
	                         refusing the push */
	FU_EXIT_CHANGES = 10  /* fu sync: a change file cannot be read or
	                         applied (the others were) */
};

typedef struct cli {
	const char *db_path;  /* --db */
	const char *now_text; /* --now */
	int json;             /* --json */
	int color;            /* resolved: 1 colour escapes on stdout */
	int color_mode;       /* 0 auto, 1 always, 2 never */
	int help;             /* --help seen */
	int no_pager;         /* --no-pager */
	size_t width;         /* term.c: the columns to fit, 0 no limit */
	int width_known;      /* term.c: width worked out */
	fu_db *db;
	int64_t now;
	const struct cmd *cmd;
	const struct cmd *form; /* the form of cmd chosen (fu add contact) */
} cli;

/* --- errors ------------------------------------------------------------- */

/* Print "fu: <message>" on stderr and return the exit code. */
int cli_fail(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Report a library failure (its message) and map its code. */
int cli_lib_fail(cli *c, int rc);
int cli_exit_for(int rc);
/* A usage error: the message, then "usage: ..." of the command. */
int cli_usage_fail(cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* --- preparing ---------------------------------------------------------- */

/* Decide whether stdout gets colour: --color, NO_COLOR, a terminal
 * (not TERM=dumb). */
void cli_colors(cli *c);

/* Resolve "now" (--now, FU_NOW, the clock) and open the database:
 * CLI_WRITE creates it when it is not there; CLI_READ, for a command
 * that only reads, does not (with no file, it reads an empty database
 * in memory, so its answer is the empty one and nothing is created);
 * CLI_READONLY opens it read-only (completion). Returns an exit code
 * (0 on success). */
enum { CLI_WRITE = 0, CLI_READONLY = 1, CLI_READ = 2 };
int cli_open(cli *c, int mode);

/* Parse a date for an option, reporting errors; flags of date.h. */
int cli_date(cli *c, int64_t *out, int *has_time, const char *opt,
	     const char *text, int flags);
/* An event time: a day alone means midday, today means now; a bare
 * weekday is the latest one (FU_DATE_PAST). */
int cli_event_time(cli *c, int64_t *out, const char *opt, const char *text);
/* The same with the date flags given (FU_DATE_FUTURE for promises). */
int cli_day_time(cli *c, int64_t *out, const char *opt, const char *text,
		 int flags);

/* Resolve a reference, reporting errors. */
int cli_ref(cli *c, fu_ref *out, const char *text, int types);

/* A person named with --with or --contact: an existing contact is
 * appended to ids, a name nobody has yet to names (to be created). */
int cli_add_person(cli *c, int64_t **ids, size_t *nids, char ***names,
		   size_t *nnames, const char *ref);
/* The same, resolving among the people of an application (or of a
 * networking contact) first: "sam" is the Sam on that application. */
int cli_add_person_in(cli *c, int64_t **ids, size_t *nids, char ***names,
		      size_t *nnames, const char *ref, int64_t application_id,
		      int64_t contact_id);

/* A company typed as part of its name: the company it names (Wayne
 * Enterprises for "wayne"), or a new one as typed; new_company: as
 * typed whatever. *company is replaced. */
int cli_company(cli *c, char **company, int new_company);

/* --prefers: email, phone, letter or social. */
int cli_parse_prefers(cli *c, fu_channel *out, const char *v);

/* The people attached to an application, in its order (for names). */
int cli_people(cli *c, fu_contact **out, size_t *n, const fu_application *a);
void cli_people_free(fu_contact *people, size_t n);

/* The path of the helper program name (fu-mail-read, fu-report-pdf,
 * fu-notify-desktop), malloc'd: in $FU_LIBEXECDIR when it is set, else
 * beside the running fu, else in the libexec directory fu was built for;
 * NULL when it is not there (helper.c). */
char *cli_helper_path(const char *name);

/* --- output ------------------------------------------------------------- */

/* Print a JSON value (takes ownership) followed by a newline. */
int cli_json(cli *c, cJSON *v);
/* One element of a JSON array printed a piece at a time, exactly as
 * cli_json prints it inside the whole array: "[" before the first
 * (i == 0), ", " before the others; the caller ends with "]\n", or
 * prints "[]\n" when there was none. Takes v (NULL: out of memory).
 * FU_EXIT_OK, or the failure reported. */
int cli_json_element(cJSON *v, size_t i);
/* The open actions that match f (NULL: all) as an iCalendar file on
 * standard output (fu due --ics, fu export --ics). */
int cli_ics(cli *c, const fu_action_filter *f);

/* An application as JSON with its people's names; NULL after printing
 * the error. */
cJSON *cli_application_json(cli *c, const fu_application *a);

/* Write user text to f with control characters made visible (\e, \n)
 * so nothing stored can drive the terminal. */
void cli_put(FILE *f, const char *s);
/* Same, into a buffer (for tables). */
char *cli_clean(const char *s);

/* Colour: returns the escape (or "" when colour is off). */
const char *cli_c(cli *c, const char *which);
#define C_RESET "0"
#define C_BOLD "1"
#define C_DIM "2"
#define C_RED "31"
#define C_GREEN "32"
#define C_YELLOW "33"
#define C_CYAN "36"

/* "Thu 12 Nov 14:00, in 5 hours" */
char *cli_when(char *buf, size_t len, cli *c, int64_t t, int with_time);
/* When a window opens, as the reader reads it: a local midnight is the
 * start of a whole day and shown as the date alone (rule 19). */
const char *cli_from(char *buf, cli *c, int64_t t);

/* Append s to a NULL-terminated growable list; 0 or -1. */
int strlist_push(char ***list, size_t *n, const char *s);

/* Print "12 Acme, Backend Engineer" or "3 Dana Reyes" (human output). */
void cli_put_subject(cli *c, int64_t application_id, int64_t contact_id);

/* Print what is now owed on a subject after a write (human output). */
void cli_print_next(cli *c, int64_t application_id, int64_t contact_id);

#endif
