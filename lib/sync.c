/* SPDX-License-Identifier: MIT */
/*
 * sync.c - fu sync (sync.h): the repository beside the database, git
 * and age run for it, and the order of things that keeps the database
 * whole whatever stops it.
 *
 * The data directory (the database's) holds:
 *   sync/          a clone of the user's remote, fu's alone: never the
 *                  database. Its files:
 *     fu-sync.json                   what the repository is (format,
 *                                    whether sealed, the public key)
 *     devices/DEVICE/NNNNNNNNNN.json each machine writes only under its
 *     devices/DEVICE/NNNNNNNNNN.age  own directory (.age: sealed), so
 *                                    git never meets a conflict
 *   sync-key       the age key of an encrypted hunt (0600)
 *   sync.lock      held while fu sync runs (one at a time)
 *   sync.running   there while fu sync runs: found at the start, the
 *                  last one stopped half-way and the clone is put back
 *                  in order (what it had not pushed is in the database)
 *
 * fu sync: put the clone in order; write this machine's changes not
 * yet written into its next change file (the file's number is given
 * them in the database first, so that a file written again after a
 * crash holds the same changes); commit; fetch; merge; apply the other
 * machines' files (merge.c, one transaction, a savepoint a file); push;
 * on a refused push, fetch, merge, apply and push again. Commits are by
 * "fu" (no name of the user's enters the repository), with the user's
 * git, ssh and credentials otherwise.
 *
 * Tables: sync_device is this machine's (written here and by
 * changes.c, its clock); sync_log's file numbers are given here.
 */
/* nftw */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/changes.h"
#include "fu/sync.h"
#include "fu/uuid.h"
#include "internal.h"

#define REPO_FORMAT "fu-sync-repository"
#define MARKER "fu-sync.json"
#define MAX_TRIES 8

/* --- this machine's state ------------------------------------------------ */

typedef struct state {
	char device[FU_UUID_LEN];
	char name[256];
	char remote[4096];
	char branch[256];
	char state[16];
	int encrypted;
	int64_t files, pushed, last_sync;
	int found;
} state;

static int read_state(fu_db *db, state *s)
{
	sqlite3_stmt *st = NULL;
	memset(s, 0, sizeof *s);
	int rc = fu__prepare(db, &st, "SELECT device, name, remote, branch, "
			     "state, encrypted, files, pushed, "
			     "coalesce(last_sync, 0) FROM sync_device WHERE "
			     "id = 1");
	if (rc)
		return rc;
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		s->found = 1;
		snprintf(s->device, sizeof s->device, "%s",
			 sqlite3_column_text(st, 0));
		snprintf(s->name, sizeof s->name, "%s", sqlite3_column_text(st, 1));
		snprintf(s->remote, sizeof s->remote, "%s",
			 sqlite3_column_text(st, 2));
		snprintf(s->branch, sizeof s->branch, "%s",
			 sqlite3_column_text(st, 3));
		snprintf(s->state, sizeof s->state, "%s",
			 sqlite3_column_text(st, 4));
		s->encrypted = sqlite3_column_int(st, 5);
		s->files = sqlite3_column_int64(st, 6);
		s->pushed = sqlite3_column_int64(st, 7);
		s->last_sync = sqlite3_column_int64(st, 8);
	} else if (src != SQLITE_DONE) {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_finalize(st);
	return rc;
}

static int need_on(fu_db *db, state *s)
{
	int rc = read_state(db, s);
	if (!rc && (!s->found || strcmp(s->state, "on")))
		rc = fu__error(db, FU_ENOTFOUND, "fu sync is not set up on this "
			       "machine%s: fu sync init REMOTE starts a hunt "
			       "there, fu sync init --join REMOTE takes one",
			       s->found ? " (fu sync init did not finish)" : "");
	return rc;
}

/* One statement of this file's own, in a transaction of the caller's. */
static int exec1(fu_db *db, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, sql);
	if (rc)
		return rc;
	int np = sqlite3_bind_parameter_count(st);
	if (np >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (np >= 2)
		sqlite3_bind_int64(st, 2, b);
	return fu__step_done(db, st);
}

/* --- paths ------------------------------------------------------------------ */

typedef struct paths {
	char data[4096];  /* the database's directory */
	char repo[4160];
	char key[4160];
	char lock[4160];
	char running[4160];
	char tmp[4160];   /* a clone on its way (fu sync init) */
} paths;

static int paths_of(fu_db *db, paths *p)
{
	const char *path = fu_db_path(db);
	if (!strcmp(path, ":memory:") || !*path)
		return fu__error(db, FU_EINVALID, "a database in memory cannot "
				 "sync");
	char *abs = realpath(path, NULL);
	if (!abs)
		return fu__error(db, FU_ERROR, "cannot find '%s': %s", path,
				 strerror(errno));
	char *slash = strrchr(abs, '/');
	snprintf(p->data, sizeof p->data, "%.*s",
		 slash && slash != abs ? (int)(slash - abs) : 1, abs);
	free(abs);
	snprintf(p->repo, sizeof p->repo, "%s/sync", p->data);
	snprintf(p->key, sizeof p->key, "%s/sync-key", p->data);
	snprintf(p->lock, sizeof p->lock, "%s/sync.lock", p->data);
	snprintf(p->running, sizeof p->running, "%s/sync.running", p->data);
	snprintf(p->tmp, sizeof p->tmp, "%s/sync.new", p->data);
	return FU_OK;
}

/* One fu sync at a time on this machine: *fd holds the lock. */
static int lock_sync(fu_db *db, const paths *p, int *fd)
{
	*fd = open(p->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0)
		return fu__error(db, FU_ERROR, "cannot create '%s': %s",
				 p->lock, strerror(errno));
	if (flock(*fd, LOCK_EX | LOCK_NB) == 0)
		return FU_OK;
	int e = errno;
	close(*fd);
	*fd = -1;
	if (e == EWOULDBLOCK)
		return fu__error(db, FU_EBUSY, "another fu sync is running on "
				 "this machine; try again when it is done");
	return fu__error(db, FU_ERROR, "cannot lock '%s': %s", p->lock,
			 strerror(e));
}

static void unlock_sync(int fd)
{
	if (fd >= 0)
		close(fd);
}

static int read_file(fu_db *db, const char *path, fu_buf *b, size_t max)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fu__error(db, errno == ENOENT ? FU_ENOTFOUND : FU_ERROR,
				 "cannot read '%s': %s", path, strerror(errno));
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0) {
		fu_buf_add(b, chunk, (size_t)n);
		if (b->len > max)
			break;
	}
	int e = errno;
	close(fd);
	if (n < 0)
		return fu__error(db, FU_ERROR, "cannot read '%s': %s", path,
				 strerror(e));
	if (b->failed)
		return fu__error(db, FU_ERROR, "out of memory");
	return FU_OK;
}

/* Write a file whole: into path.tmp, then moved to path. */
static int write_file(fu_db *db, const char *path, const char *data,
		      size_t len, mode_t mode)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		return fu__error(db, FU_ERROR, "cannot write '%s': %s", tmp,
				 strerror(errno));
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			close(fd);
			unlink(tmp);
			return fu__error(db, FU_ERROR, "cannot write '%s': %s",
					 tmp, strerror(e));
		}
		done += (size_t)w;
	}
	if (close(fd) || rename(tmp, path)) {
		int e = errno;
		unlink(tmp);
		return fu__error(db, FU_ERROR, "cannot write '%s': %s", path,
				 strerror(e));
	}
	return FU_OK;
}

static int rm_one(const char *path, const struct stat *sb, int flag,
		  struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove a clone of fu's own (it holds .git); anything else is in the
 * way. */
static int remove_clone(fu_db *db, const char *dir)
{
	struct stat sb;
	char git[4200];
	if (lstat(dir, &sb) != 0)
		return FU_OK;
	snprintf(git, sizeof git, "%s/.git", dir);
	if (!S_ISDIR(sb.st_mode) || lstat(git, &sb) != 0)
		return fu__error(db, FU_EINVALID, "'%s' is in the way: fu sync "
				 "keeps its repository there", dir);
	if (nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		return fu__error(db, FU_ERROR, "cannot remove '%s': %s", dir,
				 strerror(errno));
	return FU_OK;
}

/* --- git and age -------------------------------------------------------- */

/* Commits by "fu": no name of the user's enters the repository; their
 * hooks and signing stay out of fu's commits. */
static const char *const git_env[] = {
	"GIT_AUTHOR_NAME=fu", "GIT_AUTHOR_EMAIL=fu@fu.invalid",
	"GIT_COMMITTER_NAME=fu", "GIT_COMMITTER_EMAIL=fu@fu.invalid",
	"GIT_MERGE_AUTOEDIT=no", NULL
};

/* The last line git printed on standard error, for a message. */
static const char *last_line(fu_buf *err)
{
	while (err->len && (err->data[err->len - 1] == '\n' ||
			    err->data[err->len - 1] == '\r'))
		err->data[--err->len] = '\0';
	char *nl = strrchr(err->data, '\n');
	const char *s = nl ? nl + 1 : err->data;
	return *s ? s : "no message";
}

/* git -C repo ARGS...: *status its exit status; out and err (may be
 * NULL) what it printed. */
static int git(fu_db *db, const char *repo, int *status, fu_buf *out,
	       fu_buf *err, const char *const *args)
{
	const char *argv[32];
	size_t n = 0;
	argv[n++] = "git";
	if (repo) {
		argv[n++] = "-C";
		argv[n++] = repo;
	}
	argv[n++] = "-c";
	argv[n++] = "core.hooksPath=/dev/null";
	argv[n++] = "-c";
	argv[n++] = "commit.gpgsign=false";
	while (*args && n < 31)
		argv[n++] = *args++;
	argv[n] = NULL;
	fu_buf e = FU_BUF_INIT;
	int rc = fu__spawn(db, argv, git_env, NULL, 0, out, err ? err : &e,
			   status);
	fu_buf_free(&e);
	return rc;
}

/* git, which must succeed: else code with what, and git's words. */
static int git_ok(fu_db *db, const char *repo, int code, const char *what,
		  fu_buf *out, const char *const *args)
{
	fu_buf err = FU_BUF_INIT;
	int status = 0;
	int rc = git(db, repo, &status, out, &err, args);
	if (!rc && status)
		rc = fu__error(db, code, "%s: git says: %s", what,
			       last_line(&err));
	fu_buf_free(&err);
	return rc;
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void chomp(fu_buf *b)
{
	while (b->len && (b->data[b->len - 1] == '\n' ||
			  b->data[b->len - 1] == ' '))
		b->data[--b->len] = '\0';
}

/* Seal text to recipient into path (age -r). */
static int seal(fu_db *db, const char *recipient, const char *text,
		size_t len, const char *path)
{
	char tmp[4500];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	const char *argv[] = { "age", "-e", "-r", recipient, "-o", tmp, NULL };
	fu_buf err = FU_BUF_INIT;
	int status = 0;
	int rc = fu__spawn(db, argv, NULL, text, len, NULL, &err, &status);
	if (!rc && status)
		rc = fu__error(db, FU_ERROR, "cannot seal a change file: age "
			       "says: %s", last_line(&err));
	fu_buf_free(&err);
	if (!rc && rename(tmp, path))
		rc = fu__error(db, FU_ERROR, "cannot write '%s': %s", path,
			       strerror(errno));
	if (rc)
		unlink(tmp);
	return rc;
}

/* Open a sealed file with the key (age -d -i): *out its text; a file
 * that will not open is FU_ECHANGES, with age's reason in words. */
static int unseal(fu_db *db, const char *keyfile, const char *path,
		  fu_buf *out)
{
	const char *argv[] = { "age", "-d", "-i", keyfile, path, NULL };
	fu_buf err = FU_BUF_INIT;
	int status = 0;
	int rc = fu__spawn(db, argv, NULL, NULL, 0, out, &err, &status);
	if (!rc && status) {
		/* age says what is wrong on its "age: error:" line, then asks
		 * for reports on the last */
		const char *e = err.data ? strstr(err.data, "age: error: ") : NULL;
		const char *why = e ? e + 12 : last_line(&err);
		int len = (int)strcspn(why, "\n");
		if (err.data && strstr(err.data, "no identity matched")) {
			why = "it is sealed with another key";
			len = (int)strlen(why);
		}
		rc = fu__error(db, FU_ECHANGES, "%.*s", len, why);
	}
	fu_buf_free(&err);
	return rc;
}

/* The public key of a secret key (age-keygen -y). */
static int recipient_of(fu_db *db, const char *secret, char *out, size_t len)
{
	const char *argv[] = { "age-keygen", "-y", NULL };
	fu_buf o = FU_BUF_INIT, err = FU_BUF_INIT;
	int status = 0;
	char in[256];
	snprintf(in, sizeof in, "%s\n", secret);
	int rc = fu__spawn(db, argv, NULL, in, strlen(in), &o, &err, &status);
	chomp(&o);
	if (!rc && (status || strncmp(o.data, "age1", 4)))
		rc = fu__error(db, FU_EINVALID, "that is not a key of fu sync "
			       "(fu sync key prints it on a machine that "
			       "syncs)");
	if (!rc)
		snprintf(out, len, "%s", o.data);
	fu_buf_free(&o);
	fu_buf_free(&err);
	return rc;
}

/* The secret line of a key file ("AGE-SECRET-KEY-1..."). */
static int key_line(fu_db *db, const char *keyfile, char *out, size_t len)
{
	fu_buf b = FU_BUF_INIT;
	int rc = read_file(db, keyfile, &b, 65536);
	out[0] = '\0';
	for (char *line = b.data; !rc && line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (!strncmp(line, "AGE-SECRET-KEY-1", 16)) {
			snprintf(out, len, "%s", line);
			break;
		}
		line = nl ? nl + 1 : NULL;
	}
	if (!rc && !*out)
		rc = fu__error(db, FU_ERROR, "'%s' holds no key", keyfile);
	fu_buf_free(&b);
	return rc;
}

/* --- the repository ----------------------------------------------------------- */

typedef struct marker {
	int version;
	int encrypted;
	char recipient[256];
	char creator[FU_UUID_LEN];
	int found;
} marker;

static int read_marker(fu_db *db, const char *repo, marker *mk)
{
	char path[4200];
	fu_buf b = FU_BUF_INIT;
	memset(mk, 0, sizeof *mk);
	snprintf(path, sizeof path, "%s/" MARKER, repo);
	int rc = read_file(db, path, &b, 65536);
	if (rc == FU_ENOTFOUND) {
		fu_buf_free(&b);
		return FU_OK;
	}
	cJSON *o = rc ? NULL : cJSON_ParseWithLength(b.data, b.len);
	fu_buf_free(&b);
	if (rc)
		return rc;
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, "format");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "version");
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(o, "encrypted");
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "recipient");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(o, "creator");
	if (!cJSON_IsString(f) || strcmp(f->valuestring, REPO_FORMAT) ||
	    !cJSON_IsNumber(v) || !cJSON_IsBool(e) ||
	    (cJSON_IsTrue(e) && (!cJSON_IsString(r) ||
				 strncmp(r->valuestring, "age1", 4) ||
				 strlen(r->valuestring) >= sizeof mk->recipient))) {
		cJSON_Delete(o);
		return fu__error(db, FU_ECHANGES, "'%s' is not as fu sync writes "
				 "it", path);
	}
	mk->found = 1;
	mk->version = (int)v->valuedouble;
	mk->encrypted = cJSON_IsTrue(e);
	if (mk->encrypted)
		snprintf(mk->recipient, sizeof mk->recipient, "%s",
			 r->valuestring);
	if (cJSON_IsString(c) && fu_uuid_valid(c->valuestring))
		snprintf(mk->creator, sizeof mk->creator, "%s", c->valuestring);
	cJSON_Delete(o);
	if (mk->version > FU_SYNC_VERSION)
		return fu__error(db, FU_ECHANGES, "the repository was set up "
				 "by a newer fu (format %d; this fu reads %d): "
				 "upgrade fu", mk->version, FU_SYNC_VERSION);
	return FU_OK;
}

/* Put a clone a run left half-way back in order: what it had written
 * and not pushed is still in the database and is written again. */
static int tidy(fu_db *db, const paths *p, const state *s)
{
	static const char *const locks[] = { "index.lock", "HEAD.lock",
		"ORIG_HEAD.lock", "FETCH_HEAD.lock", "config.lock",
		"packed-refs.lock", "shallow.lock", NULL };
	char path[4400];
	struct stat sb;
	if (stat(p->running, &sb) != 0)
		return FU_OK;
	for (const char *const *l = locks; *l; l++) {
		snprintf(path, sizeof path, "%s/.git/%s", p->repo, *l);
		unlink(path);
	}
	if (snprintf(path, sizeof path, "%s/.git/refs/heads/%s.lock",
		     p->repo, s->branch) < (int)sizeof path)
		unlink(path);
	snprintf(path, sizeof path, "%s/.git/MERGE_HEAD", p->repo);
	int status = 0, rc;
	if (stat(path, &sb) == 0 &&
	    (rc = git(db, p->repo, &status, NULL, NULL,
		      ARGS("merge", "--abort"))))
		return rc;
	if ((rc = git_ok(db, p->repo, FU_ERROR, "cannot put the repository "
			 "back in order", NULL, ARGS("reset", "-q", "--hard"))))
		return rc;
	return git_ok(db, p->repo, FU_ERROR, "cannot put the repository back "
		      "in order", NULL, ARGS("clean", "-q", "-f", "-d"));
}

static int mark_running(fu_db *db, const paths *p)
{
	int fd = open(p->running, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return fu__error(db, FU_ERROR, "cannot create '%s': %s",
				 p->running, strerror(errno));
	close(fd);
	return FU_OK;
}

/* --- this machine's change files -------------------------------------------- */

/* What the other machines' transactions applied here are, for deps. */
static int load_deps(fu_db *db, const char *me, fu__dep **out, size_t *n)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	int rc = fu__prepare(db, &st, "SELECT device, seq FROM sync_peers "
			     "WHERE device <> ? AND seq > 0 ORDER BY device");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, me, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		fu__dep *d = realloc(*out, (*n + 1) * sizeof *d);
		if (!d) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		*out = d;
		snprintf(d[*n].device, sizeof d[*n].device, "%s",
			 sqlite3_column_text(st, 0));
		d[(*n)++].seq = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Commit fu sync's own bookkeeping (file numbers, what was pushed,
 * a problem noted): not a change of the user's records, so that a
 * failure after it keeps its exit code (fu_db_changed, cmd/fu.c). */
static int commit_bookkeeping(fu_db *db)
{
	int was = db->changed;
	int rc = fu__commit(db);
	db->changed = was;
	return rc;
}

/* The pending changes get the next file's number (its content is then
 * fixed): one transaction. *files: this machine's files now. */
static int assign_file(fu_db *db, int64_t *files, int *any)
{
	int64_t pending = 0, n = 0;
	*any = 0;
	int rc = fu__begin(db);
	if (rc)
		return rc;
	if ((rc = fu__query_int64(db, &pending, "SELECT count(*) FROM "
				  "sync_log WHERE file IS NULL", 0)) ||
	    (rc = fu__query_int64(db, &n, "SELECT files FROM sync_device "
				  "WHERE id = 1", 0)))
		goto done;
	if (pending) {
		n++;
		if ((rc = exec1(db, "UPDATE sync_log SET file = ? WHERE file "
				"IS NULL", n, 0)) ||
		    (rc = exec1(db, "UPDATE sync_device SET files = ? WHERE "
				"id = 1", n, 0)))
			goto done;
		*any = 1;
	}
	*files = n;
done:
	if (rc || (rc = commit_bookkeeping(db)))
		fu__rollback(db);
	return rc;
}

/* The text of this machine's change file n, from the log. */
static int file_text(fu_db *db, const state *s, int64_t n, fu_buf *b,
		     size_t *ntx)
{
	fu__dep *deps = NULL;
	size_t ndeps = 0;
	sqlite3_stmt *st = NULL;
	*ntx = 0;
	int rc = load_deps(db, s->device, &deps, &ndeps);
	if (!rc && fu__changes_head(b, s->device, s->name, n, deps, ndeps))
		rc = fu__error(db, FU_ERROR, "out of memory");
	free(deps);
	if (rc || (rc = fu__prepare(db, &st, "SELECT seq, t, c, changes FROM "
				    "sync_log WHERE file = ? ORDER BY seq")))
		return rc;
	sqlite3_bind_int64(st, 1, n);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		if (fu__changes_tx(b, !(*ntx)++, sqlite3_column_int64(st, 0),
				   sqlite3_column_int64(st, 1),
				   sqlite3_column_int64(st, 2),
				   (const char *)sqlite3_column_text(st, 3))) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	if (!rc && fu__changes_tail(b))
		rc = fu__error(db, FU_ERROR, "out of memory");
	return rc;
}

static void file_path(char *buf, size_t len, const char *repo,
		      const char *device, int64_t n, int sealed)
{
	snprintf(buf, len, "%s/devices/%s/%010lld.%s", repo, device,
		 (long long)n, sealed ? "age" : "json");
}

/* Write this machine's files not yet pushed that the clone lacks, and
 * commit them. *sent: the transactions in the files written. */
static int write_files(fu_db *db, const paths *p, const state *s,
		       const marker *mk, size_t *sent, size_t *nfiles)
{
	char dir[4300], path[4400];
	int64_t files = 0;
	int any = 0, wrote = 0;
	int rc = assign_file(db, &files, &any);
	*sent = *nfiles = 0;
	if (rc)
		return rc;
	snprintf(dir, sizeof dir, "%s/devices", p->repo);
	mkdir(dir, 0700);
	snprintf(dir, sizeof dir, "%s/devices/%s", p->repo, s->device);
	mkdir(dir, 0700);
	for (int64_t n = s->pushed + 1; n <= files && !rc; n++) {
		struct stat sb;
		file_path(path, sizeof path, p->repo, s->device, n, s->encrypted);
		if (stat(path, &sb) == 0)
			continue; /* written, committed or not */
		fu_buf b = FU_BUF_INIT;
		size_t ntx = 0;
		if ((rc = file_text(db, s, n, &b, &ntx))) {
			fu_buf_free(&b);
			break;
		}
		if (!ntx) { /* its changes were pushed and let go of */
			fu_buf_free(&b);
			continue;
		}
		rc = s->encrypted ? seal(db, mk->recipient, b.data, b.len, path)
				  : write_file(db, path, b.data, b.len, 0600);
		fu_buf_free(&b);
		*sent += ntx;
		(*nfiles)++;
		wrote = 1;
	}
	if (rc || !wrote)
		return rc;
	char rel[128];
	snprintf(rel, sizeof rel, "devices/%s", s->device);
	if ((rc = git_ok(db, p->repo, FU_ERROR, "cannot commit the change "
			 "files", NULL, ARGS("add", "--", rel))))
		return rc;
	return git_ok(db, p->repo, FU_ERROR, "cannot commit the change files",
		      NULL, ARGS("commit", "-q", "-m", "fu sync", "--", rel));
}

/* --- the other machines' files -------------------------------------------- */

typedef struct incoming {
	char device[FU_UUID_LEN];
	int64_t n;
	char path[4400];
	fu_changes *f;   /* NULL: problem says why */
	char *problem;
	int done;
} incoming;

static void incoming_free(incoming *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fu_changes_free(v[i].f);
		free(v[i].problem);
	}
	free(v);
}

static int cmp_incoming(const void *a, const void *b)
{
	const incoming *p = a, *q = b;
	int c = strcmp(p->device, q->device);
	return c ? c : (p->n > q->n) - (p->n < q->n);
}

/* How far each machine's files are applied here. */
typedef struct progress {
	char device[FU_UUID_LEN];
	int64_t applied, seq;
	int blocked;
} progress;

static int load_progress(fu_db *db, progress **out, size_t *n)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	int rc = fu__prepare(db, &st, "SELECT device, applied, seq FROM "
			     "sync_peers");
	if (rc)
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		progress *p = realloc(*out, (*n + 1) * sizeof *p);
		if (!p) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		*out = p;
		memset(&p[*n], 0, sizeof p[*n]);
		snprintf(p[*n].device, sizeof p[*n].device, "%s",
			 sqlite3_column_text(st, 0));
		p[*n].applied = sqlite3_column_int64(st, 1);
		p[(*n)++].seq = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	return rc;
}

static progress *progress_of(progress **v, size_t *n, const char *device)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].device, device))
			return &(*v)[i];
	progress *p = realloc(*v, (*n + 1) * sizeof *p);
	if (!p)
		return NULL;
	*v = p;
	memset(&p[*n], 0, sizeof p[*n]);
	snprintf(p[*n].device, sizeof p[*n].device, "%s", device);
	return &p[(*n)++];
}

/* The other machines' files in the clone not yet applied here. */
static int scan(fu_db *db, const paths *p, const state *s, incoming **out,
		size_t *nout)
{
	char dir[4300];
	progress *pr = NULL;
	size_t npr = 0;
	*out = NULL;
	*nout = 0;
	int rc = load_progress(db, &pr, &npr);
	if (rc)
		return rc;
	snprintf(dir, sizeof dir, "%s/devices", p->repo);
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && !rc && (de = readdir(d))) {
		if (!fu_uuid_valid(de->d_name) || !strcmp(de->d_name, s->device))
			continue;
		progress *g = progress_of(&pr, &npr, de->d_name);
		char sub[4400];
		DIR *dd = NULL;
		if (g && snprintf(sub, sizeof sub, "%s/%s", dir, de->d_name) <
		    (int)sizeof sub)
			dd = opendir(sub);
		struct dirent *fe;
		if (!g)
			rc = fu__error(db, FU_ERROR, "out of memory");
		while (dd && !rc && (fe = readdir(dd))) {
			const char *name = fe->d_name;
			size_t len = strlen(name);
			int sealed = len == 14 && !strcmp(name + 10, ".age");
			if (!(sealed || (len == 15 && !strcmp(name + 10, ".json")))
			    || strspn(name, "0123456789") != 10)
				continue;
			int64_t n = strtoll(name, NULL, 10);
			if (n <= g->applied || sealed != s->encrypted)
				continue;
			incoming *v = realloc(*out, (*nout + 1) * sizeof *v);
			if (!v) {
				rc = fu__error(db, FU_ERROR, "out of memory");
				break;
			}
			*out = v;
			memset(&v[*nout], 0, sizeof v[*nout]);
			v[*nout].n = n;
			if (snprintf(v[*nout].device, sizeof v[*nout].device,
				     "%s", de->d_name) >=
			    (int)sizeof v[*nout].device ||
			    snprintf(v[*nout].path, sizeof v[*nout].path,
				     "%s/%s", sub, name) >=
			    (int)sizeof v[*nout].path)
				continue;
			(*nout)++;
		}
		if (dd)
			closedir(dd);
	}
	if (d)
		closedir(d);
	free(pr);
	if (*nout > 1)
		qsort(*out, *nout, sizeof **out, cmp_incoming);
	return rc;
}

void fu_sync_set_opener(fu_db *db, const char *path)
{
	if (!db)
		return;
	if (!path || strlen(path) >= sizeof db->sync_opener)
		path = "";
	snprintf(db->sync_opener, sizeof db->sync_opener, "%s", path);
}

/*
 * Open the sealed files of v with one run of the opener (fu-sync-open
 * KEYFILE MAXBYTES, the paths on its input): texts[i] the text of v[i],
 * or whys[i] why it would not open. 1 when the opener answered for
 * every file; 0 when there is none, or it failed or answered something
 * else (age then opens them one by one); an error for out of memory.
 */
static int open_all(fu_db *db, const paths *p, const incoming *v, size_t n,
		    fu_buf *texts, char **whys)
{
	if (!*db->sync_opener || !n)
		return 0;
	fu_buf list = FU_BUF_INIT, out = FU_BUF_INIT, err = FU_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		fu_buf_printf(&list, "%s\n", v[i].path);
	char max[32];
	snprintf(max, sizeof max, "%lu", (unsigned long)FU_SYNC_FILE_MAX);
	const char *argv[] = { db->sync_opener, p->key, max, NULL };
	int status = 0, ok = 0;
	if (list.data && fu__spawn(db, argv, NULL, list.data, list.len, &out,
				   &err, &status) == FU_OK && status == 0) {
		/* "ok LENGTH\n" and its bytes, or "no WHY\n", a file each */
		size_t at = 0, i = 0;
		ok = 1;
		for (; i < n && ok; i++) {
			const char *s = out.data ? out.data + at : "";
			const char *nl = out.data ? memchr(s, '\n', out.len - at)
					   : NULL;
			if (!nl) {
				ok = 0;
				break;
			}
			size_t l = (size_t)(nl - s);
			at += l + 1;
			if (l > 3 && !strncmp(s, "no ", 3)) {
				if ((whys[i] = malloc(l - 2))) {
					memcpy(whys[i], s + 3, l - 3);
					whys[i][l - 3] = '\0';
				}
				ok = whys[i] != NULL;
				continue;
			}
			char *end;
			unsigned long long len = strtoull(s + 3, &end, 10);
			if (l < 4 || strncmp(s, "ok ", 3) || end != nl ||
			    len > out.len - at || len > FU_SYNC_FILE_MAX) {
				ok = 0;
				break;
			}
			fu_buf_add(&texts[i], out.data + at, (size_t)len);
			ok = len == 0 || texts[i].data != NULL;
			at += (size_t)len;
		}
		ok = ok && i == n && at == out.len;
	}
	fu_buf_free(&list);
	fu_buf_free(&out);
	fu_buf_free(&err);
	if (!ok)
		for (size_t i = 0; i < n; i++) {
			fu_buf_free(&texts[i]);
			free(whys[i]);
			whys[i] = NULL;
		}
	return ok;
}

/* Read (and open) each file; one that cannot be read has its problem. */
static int read_incoming(fu_db *db, const paths *p, const state *s,
			 incoming *v, size_t n)
{
	fu_buf *texts = n ? calloc(n, sizeof *texts) : NULL;
	char **whys = n ? calloc(n, sizeof *whys) : NULL;
	if (n && (!texts || !whys)) {
		free(texts);
		free(whys);
		return fu__error(db, FU_ERROR, "out of memory");
	}
	int opened = s->encrypted && open_all(db, p, v, n, texts, whys);
	int rc = FU_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		fu_buf b = FU_BUF_INIT;
		char err[512] = "";
		int frc;
		if (opened && whys[i]) {
			snprintf(err, sizeof err, "%s", whys[i]);
			frc = FU_ECHANGES;
		} else if (opened) {
			b = texts[i];
			texts[i] = (fu_buf)FU_BUF_INIT;
			frc = FU_OK;
		} else {
			frc = s->encrypted ? unseal(db, p->key, v[i].path, &b)
					   : read_file(db, v[i].path, &b,
						       FU_SYNC_FILE_MAX);
			if (frc)
				snprintf(err, sizeof err, "%s", fu_errmsg(db));
		}
		if (frc == FU_OK)
			frc = fu_changes_parse(&v[i].f, b.data ? b.data : "",
					       b.len, err, sizeof err);
		fu_buf_free(&b);
		if (frc == FU_OK && (strcmp(v[i].f->device, v[i].device) ||
				     v[i].f->file != v[i].n)) {
			snprintf(err, sizeof err, "it says it is file %lld of "
				 "%s", (long long)v[i].f->file, v[i].f->device);
			fu_changes_free(v[i].f);
			v[i].f = NULL;
			frc = FU_ECHANGES;
		}
		if (frc == FU_ERROR && !strncmp(err, "out of memory", 13))
			rc = fu__error(db, FU_ERROR, "out of memory");
		else if (frc && !(v[i].problem = fu__strdup(err)))
			rc = fu__error(db, FU_ERROR, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		fu_buf_free(&texts[i]);
		free(whys[i]);
	}
	free(texts);
	free(whys);
	return rc;
}

static int note_problem(fu_db *db, const char *device, const char *text)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "INSERT INTO sync_peers (device, "
			     "problem) VALUES (?, ?) ON CONFLICT (device) DO "
			     "UPDATE SET problem = excluded.problem");
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, device, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	return fu__step_done(db, st);
}

/* What fu sync has to tell, once: into the report, marked shown. */
static int take_notes(fu_db *db, fu_sync_report *rep)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT text FROM sync_reports WHERE "
			     "shown = 0 ORDER BY id");
	if (rc)
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		char **p = realloc(rep->notes, (rep->nnotes + 1) * sizeof *p);
		if (!p || !(p[rep->nnotes] = fu__col_text(st, 0))) {
			if (p)
				rep->notes = p;
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		rep->notes = p;
		rep->nnotes++;
	}
	sqlite3_finalize(st);
	if (!rc && rep->nnotes)
		rc = fu__exec(db, "UPDATE sync_reports SET shown = 1 WHERE "
			      "shown = 0");
	return rc;
}

/*
 * Apply the files of v (read, sorted by machine and number), each when
 * its machine's earlier files and the transactions it depends on are
 * applied: one transaction, a savepoint a file. A file that cannot be
 * applied stops its machine's (its problem is kept, the others go on).
 */
static int apply_files(fu_db *db, const char *me, incoming *v, size_t nv,
		       fu_sync_report *rep)
{
	progress *pr = NULL;
	size_t npr = 0;
	fu__merge *m = NULL;
	size_t received_before = rep->files_received;
	int rc;
	fu__changes_quiet(db, 1);
	if ((rc = fu__begin(db)))
		goto out;
	if ((rc = fu__actions_for_write(db)) ||
	    (rc = load_progress(db, &pr, &npr)) || (rc = fu__merge_new(&m, db)))
		goto fail;
	for (int moved = 1; moved;) {
		moved = 0;
		for (size_t i = 0; i < nv && !rc; i++) {
			incoming *x = &v[i];
			progress *g = progress_of(&pr, &npr, x->device);
			if (!g) {
				rc = fu__error(db, FU_ERROR, "out of memory");
				break;
			}
			if (x->done || g->blocked || x->n != g->applied + 1)
				continue;
			char what[600];
			snprintf(what, sizeof what, "change file %lld of %s",
				 (long long)x->n, x->f ? fu_changes_name(x->f)
				 : x->device);
			if (!x->f) {
				g->blocked = 1;
				fu_buf pb = FU_BUF_INIT;
				fu_buf_printf(&pb, "%s: %s", what, x->problem);
				if (!pb.data) {
					rc = fu__error(db, FU_ERROR, "out of "
						       "memory");
					break;
				}
				rc = note_problem(db, x->device, pb.data);
				free(x->problem);
				x->problem = fu_buf_detach(&pb);
				continue;
			}
			int ready = 1;
			for (size_t k = 0; k < x->f->ndeps && ready; k++) {
				const fu__dep *d = &x->f->deps[k];
				if (!strcmp(d->device, me))
					continue;
				progress *h = progress_of(&pr, &npr, d->device);
				ready = h && h->seq >= d->seq;
			}
			if (!ready)
				continue;
			if ((rc = fu__exec(db, "SAVEPOINT fu_file")))
				break;
			int frc = fu__merge_file(m, x->f);
			if (frc == FU_ECHANGES) {
				char msg[900];
				snprintf(msg, sizeof msg, "%s: %s", what,
					 fu_errmsg(db));
				fu__exec(db, "ROLLBACK TO fu_file");
				fu__exec(db, "RELEASE fu_file");
				g->blocked = 1;
				free(x->problem);
				x->problem = fu__strdup(msg);
				rc = note_problem(db, x->device, msg);
				continue;
			}
			if (frc) {
				rc = frc;
				break;
			}
			if ((rc = fu__exec(db, "RELEASE fu_file")))
				break;
			x->done = 1;
			g->applied = x->n;
			if (x->f->ntx)
				g->seq = x->f->tx[x->f->ntx - 1].seq;
			rep->files_received++;
			rep->received += fu_changes_records(x->f);
			moved = 1;
		}
		if (rc)
			goto fail;
	}
	/* what waits for a file that is not here */
	for (size_t i = 0; i < nv && !rc; i++) {
		progress *g = progress_of(&pr, &npr, v[i].device);
		/* (a file given twice was applied once) */
		if (v[i].done || !g || g->blocked || v[i].problem ||
		    v[i].n <= g->applied)
			continue;
		char msg[600];
		snprintf(msg, sizeof msg, "change file %lld of %s waits for "
			 "changes that are not in the repository",
			 (long long)v[i].n, v[i].f ? fu_changes_name(v[i].f) :
			 v[i].device);
		if (!(v[i].problem = fu__strdup(msg)))
			rc = fu__error(db, FU_ERROR, "out of memory");
		else
			rc = note_problem(db, v[i].device, msg);
		g->blocked = 1;
	}
	if (rc || (rc = fu__merge_finish(m)) || (rc = take_notes(db, rep)))
		goto fail;
	for (size_t i = 0; i < nv && !rep->problem; i++)
		if (v[i].problem && !(rep->problem = fu__strdup(v[i].problem))) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			goto fail;
		}
	/* the records changed only when a file was applied */
	rc = rep->files_received > received_before ? fu__commit(db)
						    : commit_bookkeeping(db);
	goto out;
fail:
	fu__rollback(db);
out:
	fu__changes_quiet(db, 0);
	db->params_valid = 0;
	fu__merge_free(m);
	free(pr);
	return rc;
}

/* --- fu sync ------------------------------------------------------------ */

void fu_sync_report_free(fu_sync_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	free(r->problem);
	free(r);
}

/* The commit git names rev, into out (41 bytes); "" when there is
 * none. */
static int rev(fu_db *db, const char *repo, const char *what, char *out)
{
	fu_buf o = FU_BUF_INIT;
	int status = 0;
	int rc = git(db, repo, &status, &o, NULL,
		     ARGS("rev-parse", "-q", "--verify", what));
	chomp(&o);
	out[0] = '\0';
	if (!rc && !status)
		snprintf(out, 41, "%s", o.data);
	fu_buf_free(&o);
	return rc;
}

/* Fetch the branch: *empty when the remote has none yet. */
static int fetch(fu_db *db, const paths *p, const state *s, int *empty)
{
	fu_buf err = FU_BUF_INIT;
	int status = 0;
	*empty = 0;
	int rc = git(db, p->repo, &status, NULL, &err,
		     ARGS("fetch", "-q", "origin", s->branch));
	if (!rc && status) {
		if (strstr(err.data, "couldn't find remote ref"))
			*empty = 1;
		else
			rc = fu__error(db, FU_EREMOTE, "cannot reach '%s': git "
				       "says: %s", s->remote, last_line(&err));
	}
	fu_buf_free(&err);
	return rc;
}

/* Bring FETCH_HEAD into HEAD: *ahead when HEAD has commits the remote
 * lacks (a push is due). */
static int merge_fetched(fu_db *db, const paths *p, int empty, int *ahead)
{
	char head[41], theirs[41];
	int status = 0, rc;
	*ahead = 0;
	if ((rc = rev(db, p->repo, "HEAD", head)))
		return rc;
	if (empty) {
		*ahead = *head != '\0';
		return FU_OK;
	}
	if ((rc = rev(db, p->repo, "FETCH_HEAD", theirs)) ||
	    !strcmp(head, theirs))
		return rc;
	if (!*head)
		return git_ok(db, p->repo, FU_ERROR, "cannot take the "
			      "repository's history", NULL,
			      ARGS("reset", "-q", "--hard", "FETCH_HEAD"));
	if ((rc = git(db, p->repo, &status, NULL, NULL,
		      ARGS("merge-base", "--is-ancestor", "FETCH_HEAD",
			   "HEAD"))))
		return rc;
	if (status == 0) { /* the remote is behind: only ours to push */
		*ahead = 1;
		return FU_OK;
	}
	if ((rc = git(db, p->repo, &status, NULL, NULL,
		      ARGS("merge-base", "--is-ancestor", "HEAD",
			   "FETCH_HEAD"))))
		return rc;
	if (status == 0)
		return git_ok(db, p->repo, FU_ERROR, "cannot take the "
			      "repository's history", NULL,
			      ARGS("merge", "-q", "--ff-only", "FETCH_HEAD"));
	*ahead = 1;
	return git_ok(db, p->repo, FU_ERROR, "cannot merge the repository's "
		      "history", NULL, ARGS("merge", "-q", "--no-edit",
					    "FETCH_HEAD"));
}

/* Push HEAD: *refused when another machine pushed first. */
static int push(fu_db *db, const paths *p, const state *s, int *refused)
{
	fu_buf out = FU_BUF_INIT, err = FU_BUF_INIT;
	char ref[320];
	int status = 0;
	*refused = 0;
	snprintf(ref, sizeof ref, "HEAD:refs/heads/%s", s->branch);
	int rc = git(db, p->repo, &status, &out, &err,
		     ARGS("push", "--porcelain", "-q", "origin", ref));
	if (!rc && status) {
		if (strstr(out.data, "\n!\t") || !strncmp(out.data, "!\t", 2) ||
		    strstr(out.data, "[rejected]"))
			*refused = 1;
		else
			rc = fu__error(db, FU_EREMOTE, "cannot push to '%s': git "
				       "says: %s", s->remote, err.len ?
				       last_line(&err) : last_line(&out));
	}
	fu_buf_free(&out);
	fu_buf_free(&err);
	return rc;
}

/* The files this machine wrote are on the remote: the log lets go of
 * them. */
static int pushed_all(fu_db *db, int64_t files)
{
	int rc = fu__begin(db);
	if (rc)
		return rc;
	if ((rc = exec1(db, "UPDATE sync_device SET pushed = ?, last_sync = ? "
			"WHERE id = 1", files, db->now)) ||
	    (rc = exec1(db, "DELETE FROM sync_log WHERE file <= ?", files, 0)))
		fu__rollback(db);
	else
		rc = commit_bookkeeping(db);
	return rc;
}

static int sync_once(fu_db *db, const paths *p, fu_sync_report *rep)
{
	state s;
	marker mk;
	int rc;
	if ((rc = need_on(db, &s)) || (rc = tidy(db, p, &s)) ||
	    (rc = mark_running(db, p)) || (rc = read_marker(db, p->repo, &mk)))
		return rc;
	if (!mk.found)
		return fu__error(db, FU_ECHANGES, "'%s' holds no hunt of fu "
				 "sync (no " MARKER ")", p->repo);
	if (mk.encrypted != s.encrypted)
		return fu__error(db, FU_ECHANGES, "the repository is %s, but "
				 "this machine took it %s", mk.encrypted ?
				 "encrypted" : "not encrypted",
				 s.encrypted ? "encrypted" : "not encrypted");
	size_t sent = 0, nfiles = 0;
	if ((rc = write_files(db, p, &s, &mk, &sent, &nfiles)))
		return rc;
	rep->sent += sent;
	rep->files_sent += nfiles;
	for (int tries = 0;; tries++) {
		int empty = 0, ahead = 0, refused = 0;
		incoming *v = NULL;
		size_t nv = 0;
		if ((rc = fetch(db, p, &s, &empty)) ||
		    (rc = merge_fetched(db, p, empty, &ahead)) ||
		    (rc = scan(db, p, &s, &v, &nv)) ||
		    (rc = read_incoming(db, p, &s, v, nv)) ||
		    (rc = apply_files(db, s.device, v, nv, rep))) {
			incoming_free(v, nv);
			return rc;
		}
		incoming_free(v, nv);
		int64_t files = 0;
		if ((rc = fu__query_int64(db, &files, "SELECT files FROM "
					  "sync_device WHERE id = 1", 0)))
			return rc;
		if (!ahead)
			return pushed_all(db, files);
		rep->tries++;
		if ((rc = push(db, p, &s, &refused)))
			return rc;
		if (!refused) {
			rep->pushed = 1;
			return pushed_all(db, files);
		}
		if (tries + 1 >= MAX_TRIES)
			return fu__error(db, FU_EREMOTE, "'%s' refused the push "
					 "%d times (other machines kept pushing "
					 "first): run fu sync again", s.remote,
					 MAX_TRIES);
		/* another machine pushed first: a moment, then again */
		struct timespec ts = { 0, 50000000L * (tries + 1) };
		nanosleep(&ts, NULL);
	}
}

int fu_sync_run(fu_db *db, fu_sync_report **out)
{
	paths p;
	state s;
	int fd = -1;
	fu_sync_report *rep = calloc(1, sizeof *rep);
	if (out)
		*out = NULL;
	if (!rep)
		return fu__error(db, FU_ERROR, "out of memory");
	int rc = need_on(db, &s);
	if (!rc && !(rc = paths_of(db, &p)) && !(rc = lock_sync(db, &p, &fd))) {
		rc = sync_once(db, &p, rep);
		if (!rc)
			unlink(p.running);
		unlock_sync(fd);
	}
	if (!rc && rep->problem)
		rc = fu__error(db, FU_ECHANGES, "%s (the other changes were "
			       "applied)", rep->problem);
	if (out && (!rc || rc == FU_ECHANGES))
		*out = rep;
	else
		fu_sync_report_free(rep);
	return rc;
}

/* --- fu sync init ---------------------------------------------------------- */

int fu_sync_remote_is_local(const char *remote)
{
	if (!strncmp(remote, "file://", 7))
		return 1;
	if (remote[0] == '/' || remote[0] == '.' || remote[0] == '~')
		return 1;
	/* git's scp-like syntax: host:path, a ':' before any '/' */
	const char *colon = strchr(remote, ':');
	const char *slash = strchr(remote, '/');
	if (strstr(remote, "://"))
		return 0;
	return !colon || (slash && slash < colon);
}

/* This machine's default name: the host's. */
static void host_name(char *buf, size_t len)
{
	if (gethostname(buf, len) != 0 || !*buf)
		snprintf(buf, len, "a machine");
	buf[len - 1] = '\0';
	for (char *q = buf; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			*q = '-';
}

/* The row that says this machine is being set up (state 'joining'),
 * kept with its identifier if an earlier fu sync init stopped. */
static int begin_setup(fu_db *db, const fu_sync_options *o, const char *name,
		       int encrypt, state *s)
{
	int rc;
	char device[FU_UUID_LEN];
	snprintf(device, sizeof device, "%s", s->device);
	if ((rc = fu__begin(db)))
		return rc;
	sqlite3_stmt *st = NULL;
	s->found = 1;
	if (!(rc = fu__prepare(db, &st, "INSERT OR REPLACE INTO sync_device "
			       "(id, device, name, remote, branch, encrypted, "
			       "state, created_at) VALUES (1, ?, ?, ?, '', ?, "
			       "'joining', ?)"))) {
		sqlite3_bind_text(st, 1, device, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, o->remote, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 4, encrypt);
		sqlite3_bind_int64(st, 5, db->now);
		rc = fu__step_done(db, st);
	}
	if (rc || (rc = fu__commit(db)))
		fu__rollback(db);
	return rc;
}

/* Start a hunt in the clone at dir: its marker (and key), pushed. */
static int start_hunt(fu_db *db, const paths *p, const char *dir,
		      const state *s, int encrypt, const char *branch)
{
	char recipient[256] = "", path[4300];
	int rc = FU_OK;
	if (encrypt) {
		const char *argv[] = { "age-keygen", NULL };
		fu_buf key = FU_BUF_INIT, err = FU_BUF_INIT;
		int status = 0;
		rc = fu__spawn(db, argv, NULL, NULL, 0, &key, &err, &status);
		if (!rc && status)
			rc = fu__error(db, FU_ERROR, "cannot make a key: "
				       "age-keygen says: %s", last_line(&err));
		if (!rc)
			rc = write_file(db, p->key, key.data, key.len, 0600);
		fu_buf_free(&key);
		fu_buf_free(&err);
		char secret[256];
		if (rc || (rc = key_line(db, p->key, secret, sizeof secret)) ||
		    (rc = recipient_of(db, secret, recipient, sizeof recipient)))
			return rc;
	}
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return fu__error(db, FU_ERROR, "out of memory");
	cJSON_AddStringToObject(o, "format", REPO_FORMAT);
	cJSON_AddNumberToObject(o, "version", FU_SYNC_VERSION);
	cJSON_AddBoolToObject(o, "encrypted", encrypt);
	if (encrypt)
		cJSON_AddStringToObject(o, "recipient", recipient);
	cJSON_AddStringToObject(o, "creator", s->device);
	char *text = cJSON_Print(o);
	cJSON_Delete(o);
	if (!text)
		return fu__error(db, FU_ERROR, "out of memory");
	snprintf(path, sizeof path, "%s/" MARKER, dir);
	rc = write_file(db, path, text, strlen(text), 0644);
	cJSON_free(text);
	char ref[320];
	snprintf(ref, sizeof ref, "HEAD:refs/heads/%s", branch);
	if (rc || (rc = git_ok(db, dir, FU_ERROR, "cannot start the hunt", NULL,
			       ARGS("add", "--", MARKER))) ||
	    (rc = git_ok(db, dir, FU_ERROR, "cannot start the hunt", NULL,
			 ARGS("commit", "-q", "-m", "fu sync: a hunt",
			      "--", MARKER))))
		return rc;
	return git_ok(db, dir, FU_EREMOTE, "cannot push to the remote", NULL,
		      ARGS("push", "-q", "origin", ref));
}

/* Whether a clone holds anything but git's own. */
static int clone_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int empty = 1;
	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, ".git"))
			empty = 0;
	if (d)
		closedir(d);
	return empty;
}

/* The key given to --join, checked against the hunt's: into the key
 * file. */
static int take_key(fu_db *db, const paths *p, const fu_sync_options *o,
		    const marker *mk)
{
	char secret[256], recipient[256];
	const char *k = o->key ? o->key : "";
	while (*k == ' ' || *k == '\t' || *k == '\n' || *k == '\r')
		k++;
	size_t n = strcspn(k, " \t\r\n");
	if (!n)
		return fu__error(db, FU_EINVALID, "the hunt at '%s' is "
				 "encrypted: give its key (fu sync key prints "
				 "it on a machine that syncs) on standard input "
				 "or with --key-file FILE", o->remote);
	if (n >= sizeof secret || strncmp(k, "AGE-SECRET-KEY-1", 16))
		return fu__error(db, FU_EINVALID, "that is not a key of fu sync "
				 "(fu sync key prints it on a machine that "
				 "syncs)");
	snprintf(secret, sizeof secret, "%.*s", (int)n, k);
	int rc = recipient_of(db, secret, recipient, sizeof recipient);
	if (rc)
		return rc;
	if (strcmp(recipient, mk->recipient))
		return fu__error(db, FU_EINVALID, "that key does not open the "
				 "hunt at '%s' (it is another hunt's)",
				 o->remote);
	char line[300];
	snprintf(line, sizeof line, "%s\n", secret);
	return write_file(db, p->key, line, strlen(line), 0600);
}

int fu_sync_init(fu_db *db, const fu_sync_options *o, fu_sync_report **out)
{
	paths p;
	state s;
	marker mk;
	int fd = -1, rc;
	char name[256];
	if (out)
		*out = NULL;
	if (!o->remote || !*o->remote)
		return fu__error(db, FU_EINVALID, "no remote given");
	if (o->name)
		snprintf(name, sizeof name, "%s", o->name);
	else
		host_name(name, sizeof name);
	if ((rc = fu__check_text(db, "the name", name, FU__NAME_MAX, 0)))
		return rc;
	int encrypt = o->encrypt < 0 ? !fu_sync_remote_is_local(o->remote)
				     : o->encrypt != 0;
	if ((rc = read_state(db, &s)))
		return rc;
	if (s.found && !strcmp(s.state, "on"))
		return fu__error(db, FU_EEXISTS, "fu sync is already set up on "
				 "this machine (with '%s'): fu sync", s.remote);
	if ((rc = paths_of(db, &p)) || (rc = lock_sync(db, &p, &fd)))
		return rc;
	/* this machine's identifier: the one an earlier fu sync init that
	 * stopped half-way gave it (its hunt may already name it), or new */
	if (!s.found && fu_uuid_random(s.device)) {
		rc = fu__error(db, FU_ERROR, "the system gives no random "
			       "numbers");
		goto done;
	}
	if ((rc = remove_clone(db, p.tmp)) || (rc = remove_clone(db, p.repo)))
		goto done;
	if ((rc = git_ok(db, NULL, FU_EREMOTE, "cannot clone the remote", NULL,
			 ARGS("clone", "-q", "--", o->remote, p.tmp))) ||
	    (rc = read_marker(db, p.tmp, &mk)))
		goto done;
	fu_buf br = FU_BUF_INIT;
	int status = 0;
	if ((rc = git(db, p.tmp, &status, &br, NULL,
		      ARGS("symbolic-ref", "--short", "HEAD"))))
		goto done;
	chomp(&br);
	char branch[256];
	snprintf(branch, sizeof branch, "%s", status || !br.len ? "main"
		 : br.data);
	fu_buf_free(&br);
	int creator = mk.found && !strcmp(mk.creator, s.device);
	if (!o->join && mk.found && !creator) {
		rc = fu__error(db, FU_EEXISTS, "'%s' already holds a hunt: take "
			       "it with fu sync init --join %s", o->remote,
			       o->remote);
		goto done;
	}
	if (o->join && !mk.found) {
		rc = fu__error(db, FU_EINVALID, "'%s' holds no hunt of fu: start "
			       "one with fu sync init %s", o->remote, o->remote);
		goto done;
	}
	if (!mk.found && !clone_empty(p.tmp)) {
		rc = fu__error(db, FU_EINVALID, "'%s' holds something else than "
			       "a hunt of fu: give fu sync a repository of its "
			       "own", o->remote);
		goto done;
	}
	/* the remote learns this machine's identifier: the database says
	 * so first */
	if (!mk.found && !(rc = begin_setup(db, o, name, encrypt, &s)))
		rc = start_hunt(db, &p, p.tmp, &s, encrypt, branch);
	else if (mk.encrypted && !creator)
		rc = take_key(db, &p, o, &mk);
	encrypt = mk.found ? mk.encrypted : encrypt;
	if (rc)
		goto done;
	if (rename(p.tmp, p.repo)) {
		rc = fu__error(db, FU_ERROR, "cannot move the clone to '%s': %s",
			       p.repo, strerror(errno));
		goto done;
	}
	/* on: this machine's records as they are become its first changes,
	 * and every write from now on is recorded */
	if ((rc = fu__begin(db)))
		goto done;
	sqlite3_stmt *st = NULL;
	if (!(rc = fu__prepare(db, &st, "INSERT OR REPLACE INTO sync_device "
			       "(id, device, name, remote, branch, encrypted, "
			       "state, created_at) VALUES (1, ?, ?, ?, ?, ?, "
			       "'on', ?)"))) {
		sqlite3_bind_text(st, 1, s.device, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, o->remote, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, branch, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 5, encrypt);
		sqlite3_bind_int64(st, 6, db->now);
		rc = fu__step_done(db, st);
	}
	if (rc || (rc = fu__exec(db, "DELETE FROM sync_log; DELETE FROM "
				 "sync_stamps; DELETE FROM sync_graves; DELETE "
				 "FROM sync_peers")) ||
	    (rc = fu__changes_snapshot(db)) || (rc = fu__commit(db))) {
		fu__rollback(db);
		goto done;
	}
	fu__changes_reset(db);
	unlock_sync(fd);
	fd = -1;
	rc = fu_sync_run(db, out);
done:
	if (fd >= 0) {
		remove_clone(db, p.tmp);
		unlock_sync(fd);
	}
	return rc;
}

/* --- fu sync status, fu sync key -------------------------------------------- */

void fu_sync_status_free(fu_sync_status *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->npeers; i++) {
		free(s->peers[i].name);
		free(s->peers[i].problem);
	}
	free(s->peers);
	free(s->name);
	free(s->remote);
	free(s->repository);
	free(s);
}

int fu_sync_status_get(fu_sync_status **out, fu_db *db, int offline)
{
	paths p;
	state s;
	*out = NULL;
	int rc = need_on(db, &s);
	if (rc || (rc = paths_of(db, &p)))
		return rc;
	fu_sync_status *r = calloc(1, sizeof *r);
	if (!r)
		return fu__error(db, FU_ERROR, "out of memory");
	snprintf(r->device, sizeof r->device, "%s", s.device);
	r->name = fu__strdup(s.name);
	r->remote = fu__strdup(s.remote);
	r->repository = fu__strdup(p.repo);
	r->encrypted = s.encrypted;
	r->last_sync = s.last_sync;
	r->files_unpushed = s.files - s.pushed;
	if (!r->name || !r->remote || !r->repository)
		rc = fu__error(db, FU_ERROR, "out of memory");
	if (!rc)
		rc = fu__query_int64(db, &r->changes_waiting, "SELECT count(*) "
				     "FROM sync_log WHERE file IS NULL AND ? = 0",
				     0);
	/* what the remote holds: its branch, fetched (unless offline), else
	 * what the clone has */
	const char *tree = "HEAD";
	if (!rc && !offline) {
		int empty = 0;
		r->reachable = fetch(db, &p, &s, &empty) == FU_OK;
		if (r->reachable && !empty)
			tree = "FETCH_HEAD";
	}
	fu_buf files = FU_BUF_INIT;
	int status = 0;
	if (!rc)
		rc = git(db, p.repo, &status, &files, NULL,
			 ARGS("ls-tree", "-r", "--name-only", tree, "--",
			      "devices"));
	progress *pr = NULL;
	size_t npr = 0;
	if (!rc)
		rc = load_progress(db, &pr, &npr);
	/* every other machine the repository or the database knows */
	for (char *line = files.data; !rc && line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char dev[FU_UUID_LEN];
		if (strlen(line) >= 8 + 36 + 1 + 10 &&
		    !strncmp(line, "devices/", 8)) {
			snprintf(dev, sizeof dev, "%.36s", line + 8);
			int64_t n = strtoll(line + 8 + 37, NULL, 10);
			if (fu_uuid_valid(dev) && strcmp(dev, s.device)) {
				progress *g = progress_of(&pr, &npr, dev);
				if (!g)
					rc = fu__error(db, FU_ERROR,
						       "out of memory");
				else if (n > g->applied)
					g->blocked++; /* counts waiting */
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	fu_buf_free(&files);
	for (size_t i = 0; !rc && i < npr; i++) {
		if (!strcmp(pr[i].device, s.device))
			continue;
		fu_sync_peer *q = realloc(r->peers, (r->npeers + 1) * sizeof *q);
		if (!q) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		r->peers = q;
		q = &q[r->npeers++];
		memset(q, 0, sizeof *q);
		snprintf(q->device, sizeof q->device, "%s", pr[i].device);
		q->applied = pr[i].applied;
		q->waiting = pr[i].blocked;
		r->files_waiting += q->waiting;
		sqlite3_stmt *st = NULL;
		if ((rc = fu__prepare(db, &st, "SELECT name, problem FROM "
				      "sync_peers WHERE device = ?")))
			break;
		sqlite3_bind_text(st, 1, q->device, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW) {
			q->name = fu__col_text(st, 0);
			q->problem = fu__col_text(st, 1);
		}
		sqlite3_finalize(st);
	}
	free(pr);
	if (rc) {
		fu_sync_status_free(r);
		return rc;
	}
	*out = r;
	return FU_OK;
}

int fu_sync_key(fu_db *db, char **out)
{
	paths p;
	state s;
	char secret[256];
	*out = NULL;
	int rc = need_on(db, &s);
	if (rc || (rc = paths_of(db, &p)))
		return rc;
	if (!s.encrypted)
		return fu__error(db, FU_ENOTFOUND, "this hunt is not encrypted "
				 "(its remote is a local path): it has no key");
	if ((rc = key_line(db, p.key, secret, sizeof secret)))
		return rc;
	*out = fu__strdup(secret);
	return *out ? FU_OK : fu__error(db, FU_ERROR, "out of memory");
}

/* --- without git ----------------------------------------------------------- */

int fu_sync_enable(fu_db *db, const char *device, const char *name)
{
	if (!fu_uuid_valid(device))
		return fu__error(db, FU_EINVALID, "'%s' is not an identifier",
				 device);
	int rc = fu__begin(db);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if (!(rc = fu__prepare(db, &st, "INSERT OR REPLACE INTO sync_device "
			       "(id, device, name, remote, branch, encrypted, "
			       "state, created_at) VALUES (1, ?, ?, '', '', 0, "
			       "'on', ?)"))) {
		sqlite3_bind_text(st, 1, device, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, db->now);
		rc = fu__step_done(db, st);
	}
	if (rc || (rc = fu__changes_snapshot(db)) || (rc = fu__commit(db))) {
		fu__rollback(db);
		return rc;
	}
	fu__changes_reset(db);
	return FU_OK;
}

int fu_sync_take(fu_db *db, char **text)
{
	state s;
	int64_t files = 0;
	int any = 0;
	*text = NULL;
	int rc = need_on(db, &s);
	if (rc || (rc = assign_file(db, &files, &any)) || !any)
		return rc;
	fu_buf b = FU_BUF_INIT;
	size_t ntx = 0;
	if ((rc = read_state(db, &s)) || (rc = file_text(db, &s, files, &b,
							 &ntx))) {
		fu_buf_free(&b);
		return rc;
	}
	if ((rc = pushed_all(db, files))) {
		fu_buf_free(&b);
		return rc;
	}
	*text = fu_buf_detach(&b);
	return *text ? FU_OK : fu__error(db, FU_ERROR, "out of memory");
}

int fu_sync_apply(fu_db *db, const char *const *texts, const size_t *lens,
		  size_t n, fu_sync_report **out)
{
	state s;
	fu_sync_report *rep = calloc(1, sizeof *rep);
	incoming *v = calloc(n + 1, sizeof *v);
	if (out)
		*out = NULL;
	int rc = !rep || !v ? fu__error(db, FU_ERROR, "out of memory")
			    : need_on(db, &s);
	for (size_t i = 0; i < n && !rc; i++) {
		char err[512] = "";
		if (fu_changes_parse(&v[i].f, texts[i], lens[i], err,
				     sizeof err)) {
			/* read by nobody: its problem is told */
			if (!rep->problem && !(rep->problem = fu__strdup(err)))
				rc = fu__error(db, FU_ERROR, "out of memory");
			v[i].done = 1;
			continue;
		}
		snprintf(v[i].device, sizeof v[i].device, "%s", v[i].f->device);
		v[i].n = v[i].f->file;
	}
	if (!rc) {
		qsort(v, n, sizeof *v, cmp_incoming);
		/* files of a machine already applied are left out */
		progress *pr = NULL;
		size_t npr = 0;
		rc = load_progress(db, &pr, &npr);
		for (size_t i = 0; i < n && !rc; i++) {
			progress *g = progress_of(&pr, &npr, v[i].device);
			if (g && v[i].f && v[i].n <= g->applied)
				v[i].done = 1;
		}
		free(pr);
	}
	if (!rc)
		rc = apply_files(db, s.device, v, n, rep);
	incoming_free(v, n);
	if (!rc && rep->problem)
		rc = fu__error(db, FU_ECHANGES, "%s", rep->problem);
	if (out && rep && (!rc || rc == FU_ECHANGES))
		*out = rep;
	else
		fu_sync_report_free(rep);
	return rc;
}
