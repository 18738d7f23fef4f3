/* SPDX-License-Identifier: MIT */
/* cmd_sync.c - fu sync [init REMOTE | status | key]: one hunt on several
 * machines through a git remote (fu-sync(1)) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "fu/date.h"
#include "fu/sync.h"
#include "opt.h"

enum { O_JOIN = 1, O_KEY, O_ENCRYPT, O_NO_ENCRYPT, O_NAME, O_OFFLINE };

static const opt_spec init_options[] = {
	{ "join", 'j', NULL, O_JOIN,
	  "take the hunt the remote holds (a second machine)" },
	{ "key", 'k', "KEY", O_KEY,
	  "joining an encrypted hunt: its key as fu sync key prints it "
	  "('-': read it from standard input)" },
	{ "encrypt", 0, NULL, O_ENCRYPT,
	  "seal the change files with age (the default for a remote that "
	  "is not a local path)" },
	{ "no-encrypt", 0, NULL, O_NO_ENCRYPT,
	  "leave the change files plain (the default for a local path)" },
	{ "name", 'n', "NAME", O_NAME,
	  "what the other machines call this one (default: the host name)" },
	{ NULL, 0, NULL, 0, NULL }
};

static const opt_spec status_options[] = {
	{ "offline", 0, NULL, O_OFFLINE,
	  "do not ask the remote: what waits to come is what the last fu "
	  "sync saw" },
	{ NULL, 0, NULL, 0, NULL }
};

/* What one fu sync did, as text or JSON; then the failure, if any. */
static int print_report(cli *c, const fu_sync_report *r, int lrc)
{
	if (c->json && r) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "sent", (double)r->sent);
		cJSON_AddNumberToObject(o, "files_sent", (double)r->files_sent);
		cJSON_AddNumberToObject(o, "received", (double)r->received);
		cJSON_AddNumberToObject(o, "files_received",
					(double)r->files_received);
		cJSON_AddNumberToObject(o, "tries", (double)r->tries);
		cJSON_AddBoolToObject(o, "pushed", r->pushed);
		cJSON *n = cJSON_AddArrayToObject(o, "notes");
		for (size_t i = 0; i < r->nnotes; i++)
			cJSON_AddItemToArray(n, cJSON_CreateString(r->notes[i]));
		if (r->problem)
			cJSON_AddStringToObject(o, "problem", r->problem);
		else
			cJSON_AddNullToObject(o, "problem");
		int rc = cli_json(c, o);
		return lrc ? cli_lib_fail(c, lrc) : rc;
	}
	if (r) {
		if (!r->sent && !r->received)
			printf(r->pushed ? "pushed the changes an earlier fu "
			       "sync could not\n" : "nothing to exchange\n");
		else
			printf("sent %zu change%s (%zu file%s), received %zu "
			       "change%s (%zu file%s)\n", r->sent,
			       r->sent == 1 ? "" : "s", r->files_sent,
			       r->files_sent == 1 ? "" : "s", r->received,
			       r->received == 1 ? "" : "s", r->files_received,
			       r->files_received == 1 ? "" : "s");
		for (size_t i = 0; i < r->nnotes; i++) {
			printf("  ");
			cli_put(stdout, r->notes[i]);
			putchar('\n');
		}
	}
	return lrc ? cli_lib_fail(c, lrc) : FU_EXIT_OK;
}

/* Open the database for fu sync, fu sync status and key: a machine
 * with no database is not set up (none is created for it). */
/* fu-sync-open, when it is installed: sealed change files opened in one
 * run rather than by age once a file */
static void use_opener(cli *c)
{
	char *path = cli_helper_path("fu-sync-open");
	fu_sync_set_opener(c->db, path);
	free(path);
}

static int open_existing(cli *c, int readonly)
{
	char def[4096];
	const char *db = c->db_path && *c->db_path ? c->db_path : NULL;
	struct stat sb;
	if (!db && fu_db_default_path(def, sizeof def) == FU_OK)
		db = def;
	if (db && stat(db, &sb) != 0)
		return cli_fail(FU_EXIT_NOTFOUND, "fu sync is not set up on this "
				"machine (no database at '%s'): fu sync init "
				"--join REMOTE takes a hunt", db);
	int rc = cli_open(c, readonly);
	if (!rc)
		use_opener(c);
	return rc;
}

/* Read the key from standard input (--key -): its first line. */
static char *key_from_stdin(void)
{
	char line[512];
	if (!fgets(line, sizeof line, stdin))
		return NULL;
	line[strcspn(line, "\r\n")] = '\0';
	return strdup(line);
}

static int sync_init(cli *c, int argc, char **argv)
{
	fu_sync_options o = { NULL, 0, -1, NULL, NULL };
	const char *arg;
	char *key = NULL;
	int id, rc;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, init_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: free(key); return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			if (o.remote) {
				free(key);
				return cli_usage_fail(c, "unexpected '%s'", arg);
			}
			o.remote = arg;
			break;
		case O_JOIN: o.join = 1; break;
		case O_KEY:
			free(key);
			key = strcmp(arg, "-") ? strdup(arg) : key_from_stdin();
			if (!key)
				return cli_fail(FU_EXIT_INVALID, "no key on "
						"standard input");
			break;
		case O_ENCRYPT:
		case O_NO_ENCRYPT:
			if (o.encrypt >= 0 && o.encrypt != (id == O_ENCRYPT)) {
				free(key);
				return cli_usage_fail(c, "--encrypt and "
						      "--no-encrypt exclude each "
						      "other");
			}
			o.encrypt = id == O_ENCRYPT;
			break;
		case O_NAME: o.name = arg; break;
		}
	}
	o.key = key;
	if (c->help) {
		free(key);
		cli_print_usage(c->cmd, stdout);
		return FU_EXIT_OK;
	}
	if (!o.remote) {
		free(key);
		return cli_usage_fail(c, "missing the REMOTE (a git remote: a "
				      "URL, user@host:path, or a local path)");
	}
	if (key && !o.join) {
		free(key);
		return cli_usage_fail(c, "--key goes with --join");
	}
	if (o.join && o.encrypt >= 0) {
		free(key);
		return cli_usage_fail(c, "a hunt joined is sealed as it was "
				      "started: --join takes no --encrypt or "
				      "--no-encrypt");
	}
	if ((rc = cli_open(c, 0))) {
		free(key);
		return rc;
	}
	use_opener(c);
	fu_sync_report *r = NULL;
	int lrc = fu_sync_init(c->db, &o, &r);
	free(key);
	if (lrc && !r)
		return cli_lib_fail(c, lrc);
	if (!c->json)
		printf("fu sync is set up with ");
	if (!c->json) {
		cli_put(stdout, o.remote);
		putchar('\n');
	}
	rc = print_report(c, r, lrc);
	fu_sync_report_free(r);
	return rc;
}

static const cmd sync_init_def = {
	.name = "init",
	.fn = sync_init,
	.summary = "set this machine up to sync through a git remote",
	.usage = "fu sync init REMOTE [--name NAME] [--encrypt | --no-encrypt]\n"
		 "fu sync init --join REMOTE [--key KEY|-] [--name NAME]",
	.options = init_options,
};

static int sync_status(cli *c, int argc, char **argv)
{
	const char *arg;
	int id, rc, offline = 0;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, status_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			return cli_usage_fail(c, "unexpected '%s'", arg);
		case O_OFFLINE: offline = 1; break;
		}
	}
	if (c->help) {
		cli_print_usage(c->cmd, stdout);
		return FU_EXIT_OK;
	}
	if ((rc = open_existing(c, 0)))
		return rc;
	fu_sync_status *s = NULL;
	int lrc = fu_sync_status_get(&s, c->db, offline);
	if (lrc)
		return cli_lib_fail(c, lrc);
	char when[64];
	if (c->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "device", s->device);
		cJSON_AddStringToObject(o, "name", s->name ? s->name : "");
		cJSON_AddStringToObject(o, "remote", s->remote ? s->remote : "");
		cJSON_AddStringToObject(o, "repository",
					s->repository ? s->repository : "");
		cJSON_AddBoolToObject(o, "encrypted", s->encrypted);
		if (offline)
			cJSON_AddNullToObject(o, "reachable");
		else
			cJSON_AddBoolToObject(o, "reachable", s->reachable);
		cJSON_AddNumberToObject(o, "changes_waiting",
					(double)s->changes_waiting);
		cJSON_AddNumberToObject(o, "files_unpushed",
					(double)s->files_unpushed);
		cJSON_AddNumberToObject(o, "files_waiting",
					(double)s->files_waiting);
		if (s->last_sync)
			cJSON_AddStringToObject(o, "last_sync",
						fu_time_iso(when, s->last_sync));
		else
			cJSON_AddNullToObject(o, "last_sync");
		cJSON *arr = cJSON_AddArrayToObject(o, "peers");
		for (size_t i = 0; i < s->npeers; i++) {
			const fu_sync_peer *p = &s->peers[i];
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "device", p->device);
			cJSON_AddStringToObject(e, "name", p->name ? p->name : "");
			cJSON_AddNumberToObject(e, "applied", (double)p->applied);
			cJSON_AddNumberToObject(e, "waiting", (double)p->waiting);
			if (p->problem)
				cJSON_AddStringToObject(e, "problem", p->problem);
			else
				cJSON_AddNullToObject(e, "problem");
			cJSON_AddItemToArray(arr, e);
		}
		fu_sync_status_free(s);
		return cli_json(c, o);
	}
	printf("this machine: ");
	cli_put(stdout, s->name ? s->name : "");
	printf(" (%s)\nremote: ", s->device);
	cli_put(stdout, s->remote ? s->remote : "");
	printf(" (%s%s)\n", s->encrypted ? "encrypted" : "not encrypted",
	       offline ? "" : s->reachable ? ", reachable" : ", unreachable");
	printf("to send: %lld change%s not yet in a file, %lld file%s not "
	       "pushed\n", (long long)s->changes_waiting,
	       s->changes_waiting == 1 ? "" : "s", (long long)s->files_unpushed,
	       s->files_unpushed == 1 ? "" : "s");
	printf("to apply: %lld file%s from other machines\n",
	       (long long)s->files_waiting, s->files_waiting == 1 ? "" : "s");
	printf("last sync: %s\n", s->last_sync ?
	       fu_time_human(when, s->last_sync, fu_db_now(c->db), 1) : "never");
	for (size_t i = 0; i < s->npeers; i++) {
		const fu_sync_peer *p = &s->peers[i];
		printf("machine ");
		cli_put(stdout, p->name ? p->name : "");
		printf(" (%s): %lld file%s applied, %lld waiting", p->device,
		       (long long)p->applied, p->applied == 1 ? "" : "s",
		       (long long)p->waiting);
		if (p->problem) {
			printf("; cannot apply: ");
			cli_put(stdout, p->problem);
		}
		putchar('\n');
	}
	fu_sync_status_free(s);
	return FU_EXIT_OK;
}

static const cmd sync_status_def = {
	.name = "status",
	.fn = sync_status,
	.summary = "what is waiting to be sent and applied",
	.usage = "fu sync status [--offline]",
	.options = status_options,
};

/* A form that takes no arguments (fu sync, fu sync key): -1 to go on,
 * or the exit status (a usage mistake, or --help printed). */
static int no_arguments(cli *c, int argc, char **argv)
{
	opt_state st;
	const char *arg;
	int id;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, NULL, &arg)) != OPT_END) {
		if (id == OPT_ERROR)
			return FU_EXIT_USAGE;
		return cli_usage_fail(c, "unexpected '%s'", arg);
	}
	if (c->help) {
		cli_print_usage(c->cmd, stdout);
		return FU_EXIT_OK;
	}
	return -1;
}

static int sync_key(cli *c, int argc, char **argv)
{
	int rc = no_arguments(c, argc, argv);
	if (rc >= 0 || (rc = open_existing(c, 1)))
		return rc;
	char *key = NULL;
	int lrc = fu_sync_key(c->db, &key);
	if (lrc)
		return cli_lib_fail(c, lrc);
	if (c->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", key);
		free(key);
		return cli_json(c, o);
	}
	printf("%s\n", key);
	free(key);
	return FU_EXIT_OK;
}

static const cmd sync_key_def = {
	.name = "key",
	.fn = sync_key,
	.summary = "print the key of an encrypted hunt (a secret)",
	.usage = "fu sync key",
};

static const cmd *const sync_forms[] = {
	&sync_init_def, &sync_status_def, &sync_key_def, NULL
};

static int cmd_sync(cli *c, int argc, char **argv)
{
	/* a first word chooses a form; none: sync now */
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (argv[i][0] == '-') {
			if (opt_global_takes_next(argv[i]))
				i++;
			continue;
		}
		const cmd *form = cmd_find(sync_forms, argv[i]);
		if (!form)
			return cli_usage_fail(c, "fu sync takes 'init', 'status' "
					      "or 'key', not '%s'", argv[i]);
		for (int j = i; j < argc - 1; j++)
			argv[j] = argv[j + 1];
		return form->fn(c, argc - 1, argv);
	}
	int rc = no_arguments(c, argc, argv);
	if (rc >= 0 || (rc = open_existing(c, 0)))
		return rc;
	fu_sync_report *r = NULL;
	int lrc = fu_sync_run(c->db, &r);
	rc = print_report(c, r, lrc);
	fu_sync_report_free(r);
	return rc;
}

const cmd cmd_sync_def = {
	.name = "sync",
	.fn = cmd_sync,
	.summary = "exchange the hunt with your other machines through git",
	.usage = "fu sync\n"
		 "fu sync init REMOTE [--name NAME] [--encrypt | --no-encrypt]\n"
		 "fu sync init --join REMOTE [--key KEY|-] [--name NAME]\n"
		 "fu sync status [--offline]\n"
		 "fu sync key",
	.subs = sync_forms,
};
