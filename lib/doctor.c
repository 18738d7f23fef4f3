/* SPDX-License-Identifier: MIT */
/*
 * doctor.c - looking after the database file (a storage file: its SQL
 * takes no values but a bound file name). fu doctor opens the file with
 * SQLite directly, never creating or migrating it, so that it can
 * describe a file fu_db_open() would refuse; fu backup copies an open
 * handle's database with the online backup API into a private new file
 * and moves it into place only when it is whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/doctor.h"
#include "fu/store.h"
#include "internal.h"

const char *fu_check_status_name(fu_check_status s)
{
	switch (s) {
	case FU_CHECK_OK: return "ok";
	case FU_CHECK_WARN: return "warning";
	default: return "error";
	}
}

/* --- fu doctor ---------------------------------------------------------- */

/* Add a finding; 0, or FU_ERROR when out of memory. */
static int add_check(fu_doctor_report *r, const char *name,
		     fu_check_status status, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static int add_check(fu_doctor_report *r, const char *name,
		     fu_check_status status, const char *fmt, ...)
{
	fu_check *p = realloc(r->checks, (r->nchecks + 1) * sizeof *p);
	if (!p)
		return FU_ERROR;
	r->checks = p;
	fu_buf b = FU_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.failed) {
		fu_buf_free(&b);
		return FU_ERROR;
	}
	p[r->nchecks].name = name;
	p[r->nchecks].status = status;
	p[r->nchecks].detail = fu_buf_detach(&b);
	if (!p[r->nchecks].detail)
		return FU_ERROR;
	r->nchecks++;
	if (status > r->status)
		r->status = status;
	return FU_OK;
}

/* The directory part of path ("." when there is none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return fu__strdup(".");
	if (slash == path)
		return fu__strdup("/");
	char *d = malloc((size_t)(slash - path) + 1);
	if (d) {
		memcpy(d, path, (size_t)(slash - path));
		d[slash - path] = '\0';
	}
	return d;
}

/* The file itself: there, a regular file, readable; its permissions
 * and its directory's. 1 when it can be opened, 0 when not, or
 * FU_ERROR. */
static int check_file(fu_doctor_report *r)
{
	struct stat st, lst;
	int rc;
	if (lstat(r->path, &lst) != 0) {
		if (errno == ENOENT)
			return add_check(r, "file", FU_CHECK_FAIL, "no database "
					 "at '%s' (fu creates it on first use)",
					 r->path) ? FU_ERROR : 0;
		return add_check(r, "file", FU_CHECK_FAIL, "cannot reach "
				 "'%s': %s", r->path, strerror(errno))
			? FU_ERROR : 0;
	}
	int link = S_ISLNK(lst.st_mode);
	if (stat(r->path, &st) != 0)
		return add_check(r, "file", FU_CHECK_FAIL, "'%s' is a symbolic "
				 "link to nothing", r->path) ? FU_ERROR : 0;
	r->exists = 1;
	if (S_ISDIR(st.st_mode))
		return add_check(r, "file", FU_CHECK_FAIL, "'%s' is a "
				 "directory, not a database", r->path)
			? FU_ERROR : 0;
	if (!S_ISREG(st.st_mode))
		return add_check(r, "file", FU_CHECK_FAIL, "'%s' is not a "
				 "regular file", r->path) ? FU_ERROR : 0;
	r->size = (int64_t)st.st_size;
	r->file_mode = (unsigned)st.st_mode & 07777;
	if (access(r->path, R_OK) != 0)
		return add_check(r, "file", FU_CHECK_FAIL, "cannot read '%s': "
				 "%s", r->path, strerror(errno)) ? FU_ERROR : 0;
	int writable = access(r->path, W_OK) == 0;
	char *fdir = dir_of(r->path);
	/* SQLite writes a journal beside the file: a directory fu cannot
	 * write makes the database read-only as surely as its mode */
	int dir_ok = !fdir || access(fdir, W_OK | X_OK) == 0;
	if (!writable)
		rc = add_check(r, "file", FU_CHECK_WARN, "%s%s, %lld bytes, "
			       "read-only: fu can show but not record anything",
			       link ? "a symbolic link to " : "",
			       "a regular file", (long long)st.st_size);
	else if (!dir_ok)
		rc = add_check(r, "file", FU_CHECK_WARN, "%s%s, %lld bytes, in "
			       "a directory fu cannot write ('%s'): fu can "
			       "show but not record anything, as it writes "
			       "its journal beside the database; chmod u+w "
			       "'%s'", link ? "a symbolic link to " : "",
			       "a regular file", (long long)st.st_size, fdir,
			       fdir);
	else
		rc = add_check(r, "file", FU_CHECK_OK, "%s%s, %lld bytes",
			       link ? "a symbolic link to " : "",
			       "a regular file", (long long)st.st_size);
	free(fdir);
	if (rc)
		return rc;

	/* Privacy: a job hunt is personal. */
	fu_buf why = FU_BUF_INIT;
	if (st.st_uid != geteuid())
		fu_buf_printf(&why, "%sthe file belongs to user %lu, not you "
			      "(fu reads it, but will not write to it)",
			      why.len ? "; " : "", (unsigned long)st.st_uid);
	if (st.st_mode & 077)
		fu_buf_printf(&why, "%sthe file is %s by others (mode %04o)%s: "
			      "chmod 600 it", why.len ? "; " : "",
			      st.st_mode & 022 ? "writable" : "readable",
			      r->file_mode, st.st_mode & 022 ? ", so fu will "
			      "not write to it" : "");
	char *dir = dir_of(r->path);
	struct stat dst;
	if (dir && stat(dir, &dst) == 0) {
		r->dir_mode = (unsigned)dst.st_mode & 07777;
		/* others may list it, or replace the file (unless sticky) */
		if ((dst.st_mode & 044) ||
		    ((dst.st_mode & 022) && !(dst.st_mode & S_ISVTX)))
			fu_buf_printf(&why, "%sits directory '%s' is open to "
				      "others (mode %04o): chmod 700 it",
				      why.len ? "; " : "", dir, r->dir_mode);
	}
	if (!dir || why.failed)
		rc = FU_ERROR;
	else if (why.len)
		rc = add_check(r, "permissions", FU_CHECK_WARN, "%s", why.data);
	else
		rc = add_check(r, "permissions", FU_CHECK_OK, "file %04o, "
			       "directory %04o: yours alone", r->file_mode,
			       r->dir_mode);
	fu_buf_free(&why);
	free(dir);
	return rc ? rc : 1;
}

/* A failure of SQLite while checking: busy, or the file is unusable. */
static int sql_failed(fu_doctor_report *r, sqlite3 *sql, const char *name,
		      int src)
{
	if ((src & 0xff) == SQLITE_BUSY || (src & 0xff) == SQLITE_LOCKED) {
		r->busy = 1;
		return add_check(r, name, FU_CHECK_FAIL, "the database is busy "
				 "(another program is using it); gave up "
				 "after %d.%d seconds", fu__busy_timeout_ms() /
				 1000, fu__busy_timeout_ms() % 1000 / 100);
	}
	return add_check(r, name, FU_CHECK_FAIL, "cannot read it: %s",
			 sql ? sqlite3_errmsg(sql) : sqlite3_errstr(src));
}

/* One integer from sql; 0, or the SQLite code. */
static int one_int(sqlite3 *sql, const char *q, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	int src = sqlite3_prepare_v2(sql, q, -1, &st, NULL);
	if (src != SQLITE_OK)
		return src;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		src = SQLITE_OK;
	} else if (src == SQLITE_DONE) {
		*out = 0;
		src = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return src;
}

/* application_id and user_version; 1 when the tables are fu's and
 * current enough to count, 0 otherwise, or FU_ERROR. */
static int check_identity(fu_doctor_report *r, sqlite3 *sql)
{
	int64_t appid = 0, version = 0, ntables = 0;
	int src;
	if ((src = one_int(sql, "PRAGMA application_id", &appid)) ||
	    (src = one_int(sql, "PRAGMA user_version", &version)) ||
	    (src = one_int(sql, "SELECT count(*) FROM sqlite_master",
			   &ntables)))
		return sql_failed(r, sql, "application-id", src) ? FU_ERROR : 0;
	r->application_id = appid;
	r->schema_version = (int)version;
	if (appid == 0 && ntables == 0)
		return add_check(r, "application-id", FU_CHECK_WARN, "an empty "
				 "database: fu sets it up on first use")
			? FU_ERROR : 0;
	if (appid != FU_APPLICATION_ID)
		return add_check(r, "application-id", FU_CHECK_FAIL, "not a fu "
				 "database (application_id %lld, fu's is %d)",
				 (long long)appid, FU_APPLICATION_ID)
			? FU_ERROR : 0;
	if (add_check(r, "application-id", FU_CHECK_OK, "%d, fu's",
		      FU_APPLICATION_ID))
		return FU_ERROR;
	int rc;
	if (version > FU_SCHEMA_VERSION)
		rc = add_check(r, "schema", FU_CHECK_FAIL, "version %lld, written "
			       "by a newer fu (this one knows up to %d): "
			       "upgrade fu", (long long)version,
			       FU_SCHEMA_VERSION);
	else if (version < FU_SCHEMA_VERSION)
		rc = add_check(r, "schema", FU_CHECK_WARN, "version %lld: the "
			       "next fu command brings it to version %d",
			       (long long)version, FU_SCHEMA_VERSION);
	else
		rc = add_check(r, "schema", FU_CHECK_OK, "version %lld, "
			       "current", (long long)version);
	if (rc)
		return FU_ERROR;
	return version == FU_SCHEMA_VERSION;
}

/* PRAGMA integrity_check and foreign_key_check. */
static int check_integrity(fu_doctor_report *r, sqlite3 *sql)
{
	sqlite3_stmt *st = NULL;
	int src = sqlite3_prepare_v2(sql, "PRAGMA integrity_check(20)", -1,
				     &st, NULL);
	fu_buf msg = FU_BUF_INIT;
	int n = 0, rc;
	while (st && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line && strcmp(line, "ok") == 0)
			continue;
		if (n++ == 0)
			fu_buf_puts(&msg, line ? line : "?");
	}
	sqlite3_finalize(st);
	if ((src & 0xff) == SQLITE_CORRUPT || (src & 0xff) == SQLITE_NOTADB)
		rc = add_check(r, "integrity", FU_CHECK_FAIL, "damaged: %s "
			       "(restore a backup; sqlite3's .recover may "
			       "save the rest)", sqlite3_errmsg(sql));
	else if (src != SQLITE_DONE)
		rc = sql_failed(r, sql, "integrity", src);
	else if (n)
		rc = add_check(r, "integrity", FU_CHECK_FAIL, "damaged: %s%s "
			       "(restore a backup; sqlite3's .recover may "
			       "save the rest)", msg.data, n > 1 ? "; ..." : "");
	else
		rc = add_check(r, "integrity", FU_CHECK_OK, "ok");
	fu_buf_free(&msg);
	if (rc || src != SQLITE_DONE || n)
		return rc ? FU_ERROR : 0;

	st = NULL;
	src = sqlite3_prepare_v2(sql, "PRAGMA foreign_key_check", -1, &st,
				 NULL);
	n = 0;
	char first[160] = "";
	while (st && (src = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0)
			snprintf(first, sizeof first, "a row of %s refers to a "
				 "missing row of %s",
				 (const char *)sqlite3_column_text(st, 0),
				 (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (src != SQLITE_DONE)
		rc = sql_failed(r, sql, "foreign-keys", src);
	else if (n)
		rc = add_check(r, "foreign-keys", FU_CHECK_FAIL, "%d broken "
			       "reference%s: %s", n, n == 1 ? "" : "s", first);
	else
		rc = add_check(r, "foreign-keys", FU_CHECK_OK, "ok");
	return rc ? FU_ERROR : 1;
}

static int count_things(fu_doctor_report *r, sqlite3 *sql)
{
	static const char *const q[4] = {
		"SELECT count(*) FROM applications",
		"SELECT count(*) FROM contacts",
		"SELECT count(*) FROM events",
		"SELECT count(*) FROM actions",
	};
	int64_t *out[4] = { &r->applications, &r->contacts, &r->events,
			    &r->actions };
	for (int i = 0; i < 4; i++) {
		int src = one_int(sql, q[i], out[i]);
		if (src)
			return sql_failed(r, sql, "contents", src);
	}
#define N_S(n) (long long)(n), (n) == 1 ? "" : "s"
	return add_check(r, "contents", FU_CHECK_OK, "%lld application%s, "
			 "%lld contact%s, %lld event%s, %lld action%s owed",
			 N_S(r->applications), N_S(r->contacts),
			 N_S(r->events), N_S(r->actions));
#undef N_S
}

/* fu sync's state, when this machine syncs (schema 11 on): where to,
 * what waits to be sent, which machine's file could not be applied, and
 * whether the key and the clone are where they belong. */
static int check_sync(fu_doctor_report *r, sqlite3 *sql)
{
	if (r->schema_version < 11)
		return 1;
	sqlite3_stmt *st = NULL;
	int src = sqlite3_prepare_v2(sql, "SELECT remote, encrypted, files - "
				     "pushed, last_sync, (SELECT count(*) FROM "
				     "sync_log WHERE file IS NULL), (SELECT "
				     "count(*) FROM sync_peers WHERE problem IS "
				     "NOT NULL), (SELECT problem FROM sync_peers "
				     "WHERE problem IS NOT NULL LIMIT 1) FROM "
				     "sync_device WHERE id = 1 AND state = 'on'",
				     -1, &st, NULL);
	if (src != SQLITE_OK || (src = sqlite3_step(st)) == SQLITE_DONE) {
		sqlite3_finalize(st);
		return src == SQLITE_DONE ? 1 : sql_failed(r, sql, "sync", src);
	}
	if (src != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sql_failed(r, sql, "sync", src);
	}
	fu_buf b = FU_BUF_INIT;
	fu_check_status status = FU_CHECK_OK;
	int encrypted = sqlite3_column_int(st, 1);
	int64_t unpushed = sqlite3_column_int64(st, 2);
	int64_t waiting = sqlite3_column_int64(st, 4);
	int64_t problems = sqlite3_column_int64(st, 5);
	fu_buf_printf(&b, "with %s (%s)", (const char *)sqlite3_column_text(st, 0),
		      encrypted ? "encrypted" : "not encrypted");
	if (sqlite3_column_type(st, 3) == SQLITE_NULL)
		fu_buf_puts(&b, ", never synced");
	else {
		char when[64];
		fu_buf_printf(&b, ", last synced %s",
			      fu_time_iso(when, sqlite3_column_int64(st, 3)));
	}
	fu_buf_printf(&b, "; %lld change%s to send, %lld file%s not pushed",
		      (long long)waiting, waiting == 1 ? "" : "s",
		      (long long)unpushed, unpushed == 1 ? "" : "s");
	if (problems) {
		status = FU_CHECK_WARN;
		fu_buf_printf(&b, "; cannot apply: %s",
			      (const char *)sqlite3_column_text(st, 6));
	}
	sqlite3_finalize(st);
	/* beside the database: the clone, and the key of an encrypted hunt */
	char dir[4096], path[4200];
	const char *slash = strrchr(r->path, '/');
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - r->path) : 1,
		 slash ? r->path : ".");
	struct stat sb;
	if (snprintf(path, sizeof path, "%s/sync/.git", dir) <
	    (int)sizeof path && stat(path, &sb) != 0) {
		status = FU_CHECK_WARN;
		fu_buf_printf(&b, "; the repository '%s/sync' is missing: fu "
			      "sync init --join again", dir);
	}
	if (encrypted && snprintf(path, sizeof path, "%s/sync-key", dir) <
	    (int)sizeof path) {
		if (stat(path, &sb) != 0) {
			status = FU_CHECK_WARN;
			fu_buf_puts(&b, "; the key (sync-key) is missing");
		} else if (sb.st_mode & 077) {
			status = FU_CHECK_WARN;
			fu_buf_printf(&b, "; the key (sync-key) is readable by "
				      "others (%04o): chmod 600 it",
				      (unsigned)(sb.st_mode & 07777));
		}
	}
	int rc = b.failed ? FU_ERROR : add_check(r, "sync", status, "%s",
						   b.data);
	fu_buf_free(&b);
	return rc ? FU_ERROR : 1;
}

static int run_checks(fu_doctor_report *r)
{
	int rc = check_file(r);
	if (rc <= 0)
		return rc;
	sqlite3 *sql = NULL;
	/* read-write so that SQLite may roll back an interrupted write (it
	 * falls back to read-only by itself); never created */
	int src = sqlite3_open_v2(r->path, &sql, SQLITE_OPEN_READWRITE, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_busy_timeout(sql, fu__busy_timeout_ms());
	if (src != SQLITE_OK) {
		rc = sql_failed(r, sql, "file", src);
		goto done;
	}
	if ((rc = check_identity(r, sql)) <= 0 ||
	    (rc = check_integrity(r, sql)) <= 0)
		goto done;
	if ((rc = count_things(r, sql)) == FU_OK)
		rc = check_sync(r, sql);
	if (rc > 0)
		rc = FU_OK;
done:
	sqlite3_close(sql);
	return rc < 0 ? rc : FU_OK;
}

int fu_doctor_check(fu_doctor_report **out, const char *path)
{
	char def[4096];
	*out = NULL;
	fu_doctor_report *r = calloc(1, sizeof *r);
	if (!r)
		return FU_ERROR;
	r->size = -1;
	r->schema_version = -1;
	r->application_id = -1;
	r->applications = r->contacts = r->events = r->actions = -1;
	int rc = FU_OK;
	if (!path || !*path) {
		if (fu_db_default_path(def, sizeof def) != FU_OK) {
			r->path = fu__strdup("");
			rc = r->path ? add_check(r, "file", FU_CHECK_FAIL, "cannot "
				"tell where the database lives: set FU_DB or "
				"HOME") : FU_ERROR;
			goto done;
		}
		path = def;
	}
	r->path = fu__strdup(path);
	rc = r->path ? run_checks(r) : FU_ERROR;
done:
	if (rc) {
		fu_doctor_report_free(r);
		return FU_ERROR;
	}
	*out = r;
	return FU_OK;
}

void fu_doctor_report_free(fu_doctor_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nchecks; i++)
		free(r->checks[i].detail);
	free(r->checks);
	free(r->path);
	free(r);
}

/* --- fu backup ---------------------------------------------------------- */

/* fsync a file or directory by name; 0 or -1 with errno. */
static int sync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) |
		      O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

/* Copy db into the new, empty file tmp and check the copy. */
static int copy_into(fu_db *db, const char *tmp)
{
	sqlite3 *dst = NULL;
	int rc = FU_OK;
	int src = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (src != SQLITE_OK) {
		rc = fu__error(db, FU_ERROR, "cannot write the backup: %s",
			       dst ? sqlite3_errmsg(dst) : sqlite3_errstr(src));
		goto done;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->sql, "main");
	if (!b) {
		rc = fu__error(db, FU_ERROR, "cannot write the backup: %s",
			       sqlite3_errmsg(dst));
		goto done;
	}
	/* all pages at once: one read transaction, one snapshot; the
	 * source's busy timeout waits for a writer to finish */
	src = sqlite3_backup_step(b, -1);
	int fin = sqlite3_backup_finish(b);
	if (src == SQLITE_DONE)
		src = fin;
	if (src != SQLITE_OK && src != SQLITE_DONE) {
		switch (src & 0xff) {
		case SQLITE_BUSY: case SQLITE_LOCKED:
		case SQLITE_CORRUPT: case SQLITE_NOTADB:
			rc = fu__sqlerr(db, src, "cannot read the database");
			break;
		default:
			rc = fu__error(db, FU_ERROR, "cannot write the backup: "
				       "%s", sqlite3_errmsg(dst));
		}
		goto done;
	}
	sqlite3_stmt *st = NULL;
	src = sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &st, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	const char *ok = src == SQLITE_ROW
		? (const char *)sqlite3_column_text(st, 0) : NULL;
	if (!ok || strcmp(ok, "ok") != 0)
		rc = fu__error(db, FU_EDB, "the copy of '%s' is damaged (%s): "
			       "run fu doctor", db->path, ok ? ok :
			       sqlite3_errmsg(dst));
	sqlite3_finalize(st);
done:
	if (sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = fu__error(db, FU_ERROR, "cannot write the backup");
	if (!rc && sync_path(tmp, 0) != 0)
		rc = fu__error(db, FU_ERROR, "cannot write the backup: %s",
			       strerror(errno));
	return rc;
}

int fu_db_backup(fu_db *db, const char *path, int overwrite)
{
	struct stat st;
	if (!path || !*path)
		return fu__error(db, FU_EINVALID, "the backup file name is "
				 "empty");
	const char *kind = fu__db_file_kind(db, path);
	if (kind)
		return fu__error(db, FU_EINVALID, "'%s' is %s: name another "
				 "file for the backup", path, kind);
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return fu__error(db, FU_EINVALID, "refusing to write "
					 "the backup through the symbolic link "
					 "'%s'", path);
		if (S_ISDIR(st.st_mode))
			return fu__error(db, FU_EINVALID, "'%s' is a directory: "
					 "name the backup file", path);
		if (!S_ISREG(st.st_mode))
			return fu__error(db, FU_EINVALID, "'%s' is not a "
					 "regular file", path);
		if (!overwrite)
			return fu__error(db, FU_EEXISTS, "'%s' exists: use "
					 "--force to replace it", path);
	} else if (errno != ENOENT) {
		return fu__error(db, FU_ERROR, "cannot write '%s': %s", path,
				 strerror(errno));
	}

	size_t n = strlen(path);
	char *tmp = malloc(n + sizeof ".tmp-XXXXXX");
	if (!tmp)
		return fu__error(db, FU_ERROR, "out of memory");
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
	int fd = mkstemp(tmp); /* 0600, whatever the umask */
	if (fd < 0) {
		int rc = fu__error(db, FU_ERROR, "cannot create '%s': %s", path,
				   strerror(errno));
		free(tmp);
		return rc;
	}
	fchmod(fd, 0600);
	close(fd);

	int rc = copy_into(db, tmp);
	if (rc)
		goto fail;
	if (overwrite) {
		if (rename(tmp, path) != 0) {
			rc = fu__error(db, FU_ERROR, "cannot write '%s': %s",
				       path, strerror(errno));
			goto fail;
		}
	} else {
		/* link() never replaces: a file that appeared meanwhile stays */
		if (link(tmp, path) != 0) {
			rc = errno == EEXIST
				? fu__error(db, FU_EEXISTS, "'%s' exists: use "
					    "--force to replace it", path)
				: fu__error(db, FU_ERROR, "cannot write '%s': %s",
					    path, strerror(errno));
			goto fail;
		}
		unlink(tmp);
	}
	char *dir = dir_of(path);
	if (dir)
		sync_path(dir, 1);
	free(dir);
	free(tmp);
	db->changed = 1;
	return FU_OK;
fail:
	unlink(tmp);
	free(tmp);
	return rc;
}

/* --- fu backup --restore -------------------------------------------------- */

/* One integer from a query on sql; -1 when it cannot be read. */
static int64_t count_of(sqlite3 *sql, const char *q)
{
	int64_t n = -1;
	return one_int(sql, q, &n) == SQLITE_OK ? n : -1;
}

/* The backup to restore: a whole fu database of a version this fu
 * reads, with no unfinished write beside it. Opened read-only, so that
 * nothing in it is changed. */
static int check_backup(fu_db *db, const char *from, sqlite3 **out,
			fu_restore_report *rep)
{
	struct stat st;
	const char *kind = fu__db_file_kind(db, from);
	if (kind)
		return fu__error(db, FU_EINVALID, "'%s' is %s, not a backup",
				 from, kind);
	if (stat(from, &st) != 0)
		return fu__error(db, errno == ENOENT ? FU_ENOTFOUND : FU_ERROR,
				 "cannot read the backup '%s': %s", from,
				 strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fu__error(db, FU_EINVALID, "the backup '%s' is not a "
				 "regular file", from);
	static const char *const side[] = { "-journal", "-wal" };
	for (int i = 0; i < 2; i++) {
		fu_buf b = FU_BUF_INIT;
		fu_buf_printf(&b, "%s%s", from, side[i]);
		int there = !b.failed && lstat(b.data, &st) == 0 && st.st_size > 0;
		fu_buf_free(&b);
		if (there)
			return fu__error(db, FU_EDB, "'%s%s' lies beside the "
					 "backup: a write to it was interrupted; "
					 "let SQLite finish it first (fu --db "
					 "'%s' doctor), then restore", from,
					 side[i], from);
	}
	int src = sqlite3_open_v2(from, out, SQLITE_OPEN_READONLY, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_busy_timeout(*out, fu__busy_timeout_ms());
	int64_t appid = 0, version = 0;
	if (src == SQLITE_OK &&
	    (src = one_int(*out, "PRAGMA application_id", &appid)) == SQLITE_OK)
		src = one_int(*out, "PRAGMA user_version", &version);
	if (src != SQLITE_OK)
		return fu__error(db, FU_EDB, "the backup '%s' cannot be read: %s",
				 from, *out ? sqlite3_errmsg(*out)
				 : sqlite3_errstr(src));
	if (appid != FU_APPLICATION_ID || version < 1)
		return fu__error(db, FU_EDB, "'%s' is not a fu database", from);
	if (version > FU_SCHEMA_VERSION)
		return fu__error(db, FU_EDB, "the backup '%s' was written by a "
				 "newer fu (schema version %lld; this fu knows "
				 "up to %d): upgrade fu", from,
				 (long long)version, FU_SCHEMA_VERSION);
	sqlite3_stmt *q = NULL;
	src = sqlite3_prepare_v2(*out, "PRAGMA quick_check", -1, &q, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(q);
	const char *ok = src == SQLITE_ROW
		? (const char *)sqlite3_column_text(q, 0) : NULL;
	int whole = ok && strcmp(ok, "ok") == 0;
	if (!whole)
		fu__error(db, FU_EDB, "the backup '%s' is damaged (%s): nothing "
			  "restored", from, ok ? ok : sqlite3_errmsg(*out));
	sqlite3_finalize(q);
	if (!whole)
		return FU_EDB;
	rep->schema_version = (int)version;
	rep->applications = count_of(*out, "SELECT count(*) FROM applications");
	rep->contacts = count_of(*out, "SELECT count(*) FROM contacts");
	rep->events = count_of(*out, "SELECT count(*) FROM events");
	return FU_OK;
}

/* What the database to be replaced holds: FU_OK when it may go (empty,
 * or force), FU_EEXISTS when it holds a hunt, FU_EDB when it is not a
 * fu database or cannot be read (then it is left alone). */
static int check_replaced(fu_db *db, sqlite3 *dst, int force)
{
	int64_t appid = 0, ntables = 0, n = 0;
	int src = one_int(dst, "PRAGMA application_id", &appid);
	if (src == SQLITE_OK)
		src = one_int(dst, "SELECT count(*) FROM sqlite_master",
			      &ntables);
	if ((src & 0xff) == SQLITE_BUSY || (src & 0xff) == SQLITE_LOCKED)
		return fu__sqlerr(db, src, "cannot restore");
	if (src != SQLITE_OK)
		return fu__error(db, FU_EDB, "'%s' cannot be read (%s): restore "
				 "will not replace it; move it aside (mv '%s' "
				 "'%s.damaged') and restore again", db->path,
				 sqlite3_errmsg(dst), db->path, db->path);
	if (ntables == 0)
		return FU_OK;
	if (appid != FU_APPLICATION_ID)
		return fu__error(db, FU_EDB, "'%s' is not a fu database: "
				 "restore will not replace it", db->path);
	if (one_int(dst, "SELECT (SELECT count(*) FROM applications) + "
		    "(SELECT count(*) FROM contacts) + (SELECT count(*) "
		    "FROM events) + (SELECT count(*) FROM config)", &n) !=
	    SQLITE_OK)
		n = 1;
	if (n > 0 && !force)
		return fu__error(db, FU_EEXISTS, "'%s' holds a job hunt: use "
				 "--force to replace it with the backup (fu "
				 "backup FILE keeps a copy of it first)",
				 db->path);
	return FU_OK;
}

int fu_db_restore(fu_db **out, const char *path, const char *from, int force,
		  fu_restore_report *rep)
{
	char def[4096];
	memset(rep, 0, sizeof *rep);
	fu_db *db = calloc(1, sizeof *db);
	*out = db;
	if (!db)
		return FU_ERROR;
	if (!path || !*path) {
		if (fu_db_default_path(def, sizeof def) != FU_OK)
			return fu__error(db, FU_EDB, "cannot tell where the "
					 "database lives: set FU_DB or HOME");
		path = def;
	}
	if (!(db->path = fu__strdup(path)))
		return fu__error(db, FU_ERROR, "out of memory");
	if (!from || !*from)
		return fu__error(db, FU_EINVALID, "the backup file name is empty");
	sqlite3 *src = NULL, *dst = NULL;
	struct stat st;
	int existed = 0, rc, e;
	if ((rc = check_backup(db, from, &src, rep)) ||
	    (rc = fu__db_prepare(db, path, 0, &st, &existed)))
		goto done;
	if (existed) {
		fu__db_judge_owner(db, path, &st);
		if (db->refuse_write[0]) {
			rc = fu__error(db, FU_EDB, "%s", db->refuse_write);
			goto done;
		}
	}
	/*
	 * Into the database through SQLite, never by copying bytes under
	 * it: opening it first finishes what an interrupted write left (a
	 * hot journal is rolled back into the old file, a stale one beside
	 * an empty file deleted, a write-ahead log recovered), and the
	 * backup API then replaces every page in one transaction of its
	 * own, journalled, so that a crash leaves the old database or the
	 * restored one, whole.
	 */
	e = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (e == SQLITE_OK)
		e = sqlite3_busy_timeout(dst, fu__busy_timeout_ms());
	if (e != SQLITE_OK) {
		rc = fu__error(db, FU_EDB, "cannot open '%s': %s", path,
			       dst ? sqlite3_errmsg(dst) : sqlite3_errstr(e));
		goto done;
	}
	if ((rc = check_replaced(db, dst, force)))
		goto done;
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		rc = fu__error(db, FU_ERROR, "cannot restore: %s",
			       sqlite3_errmsg(dst));
		goto done;
	}
	e = sqlite3_backup_step(b, -1);
	int fin = sqlite3_backup_finish(b);
	if (e == SQLITE_DONE)
		e = fin;
	if (e != SQLITE_OK && e != SQLITE_DONE) {
		db->sql = dst;
		rc = fu__sqlerr(db, e, "cannot restore");
		db->sql = NULL;
		goto done;
	}
	sqlite3_stmt *q = NULL;
	e = sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &q, NULL);
	if (e == SQLITE_OK)
		e = sqlite3_step(q);
	const char *ok = e == SQLITE_ROW
		? (const char *)sqlite3_column_text(q, 0) : NULL;
	if (!ok || strcmp(ok, "ok") != 0)
		rc = fu__error(db, FU_EDB, "the restored '%s' is damaged (%s): "
			       "run fu doctor", path, ok ? ok
			       : sqlite3_errmsg(dst));
	sqlite3_finalize(q);
	db->changed = 1;
	if (!rc && existed)
		fu__db_tighten(path, &st);
done:
	sqlite3_close(src);
	if (dst && sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = fu__error(db, FU_ERROR, "cannot restore: closing '%s' "
			       "failed", path);
	/* a file made for the restore goes when the restore failed */
	if (rc && !existed && !db->changed && stat(path, &st) == 0 &&
	    st.st_size == 0)
		unlink(path);
	return rc;
}
