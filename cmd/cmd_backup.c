/* SPDX-License-Identifier: MIT */
/* cmd_backup.c - fu backup FILE [--force]: copy the database safely;
 * fu backup --restore FILE [--force]: put a backup back */
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "fu/doctor.h"
#include "opt.h"

enum { O_FORCE = 1, O_RESTORE };

static const opt_spec backup_options[] = {
	{ "force", 'f', NULL, O_FORCE, "replace FILE if it exists" },
	{ "restore", 0, NULL, O_RESTORE,
	  "put FILE, a backup, in place of the database" },
	{ NULL, 0, NULL, 0, NULL }
};

static int cmd_backup(cli *c, int argc, char **argv)
{
	const char *file = NULL, *arg;
	int force = 0, restore = 0, id, rc;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, backup_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			if (file)
				return cli_usage_fail(c, "unexpected '%s'", arg);
			file = arg;
			break;
		case O_FORCE: force = 1; break;
		case O_RESTORE: restore = 1; break;
		}
	}
	if (c->help) {
		return cli_help(c);
	}
	if (!file)
		return cli_usage_fail(c, "missing the backup FILE");
	if (!*file)
		return cli_fail(FU_EXIT_INVALID, "the backup file name is empty");
	if (restore) {
		fu_restore_report rep;
		int lrc = fu_db_restore(&c->db, c->db_path, file, force, &rep);
		if (lrc)
			return cli_lib_fail(c, lrc);
		if (c->json) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "path", file);
			cJSON_AddStringToObject(o, "database", fu_db_path(c->db));
			cJSON_AddNumberToObject(o, "schema_version",
						rep.schema_version);
			cJSON_AddNumberToObject(o, "applications",
						(double)rep.applications);
			cJSON_AddNumberToObject(o, "contacts",
						(double)rep.contacts);
			cJSON_AddNumberToObject(o, "events", (double)rep.events);
			return cli_json(c, o);
		}
		printf("restored ");
		cli_put(stdout, fu_db_path(c->db));
		printf(" from ");
		cli_put(stdout, file);
		printf(": %lld applications, %lld contacts, %lld events\n",
		       (long long)rep.applications, (long long)rep.contacts,
		       (long long)rep.events);
		return FU_EXIT_OK;
	}
	/* never create a database just to copy it; but open it read-write,
	 * so that SQLite can first undo what an interrupted write left */
	char def[4096];
	const char *db = c->db_path && *c->db_path ? c->db_path : NULL;
	struct stat sb;
	if (!db && fu_db_default_path(def, sizeof def) == FU_OK)
		db = def;
	if (db && lstat(db, &sb) != 0)
		return cli_fail(FU_EXIT_NOTFOUND, "no database at '%s': nothing "
				"to back up", db);
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	int lrc = fu_db_backup(c->db, file, force);
	if (lrc)
		return cli_lib_fail(c, lrc);
	long long size = stat(file, &sb) == 0 ? (long long)sb.st_size : -1;
	if (c->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "path", file);
		cJSON_AddStringToObject(o, "database", fu_db_path(c->db));
		cJSON_AddNumberToObject(o, "size", (double)size);
		return cli_json(c, o);
	}
	printf("backed up ");
	cli_put(stdout, fu_db_path(c->db));
	printf(" to ");
	cli_put(stdout, file);
	printf(" (%lld bytes)\n", size);
	return FU_EXIT_OK;
}

const cmd cmd_backup_def = {
	.name = "backup",
	.fn = cmd_backup,
	.summary = "copy the database safely, or restore a copy",
	.usage = "fu backup FILE [--force]\n"
		 "fu backup --restore FILE [--force]",
	.options = backup_options,
};
