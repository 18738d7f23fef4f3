/* SPDX-License-Identifier: MIT */
/*
 * db.c - opening the user's database: where it lives, creating it
 * private (directory 0700, file 0600) before SQLite touches it, refusing
 * files that are not fu's or are newer than this fu (schema.c decides),
 * and how it waits for another program's lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fu/store.h"
#include "internal.h"

int fu_db_default_path(char *buf, size_t len)
{
	const char *env = getenv("FU_DB");
	int n;
	if (env && *env) {
		n = snprintf(buf, len, "%s", env);
	} else {
		const char *xdg = getenv("XDG_DATA_HOME");
		const char *home = getenv("HOME");
		if (!home || !*home) { /* the password database's, then */
			struct passwd *pw = getpwuid(getuid());
			home = pw && pw->pw_dir && pw->pw_dir[0] == '/'
				? pw->pw_dir : NULL;
		}
		if (xdg && xdg[0] == '/')
			n = snprintf(buf, len, "%s/fu/fu.db", xdg);
		else if (home && *home)
			n = snprintf(buf, len, "%s/.local/share/fu/fu.db", home);
		else
			return FU_ERROR;
	}
	return n > 0 && (size_t)n < len ? FU_OK : FU_ERROR;
}

/* mkdir -p for the directories above path, each new one 0700. */
static int make_parents(fu_db *db, const char *path)
{
	char dir[4096];
	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
		return fu__error(db, FU_EDB, "database path too long");
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return FU_OK;
	*slash = '\0';
	struct stat st;
	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? FU_OK
			: fu__error(db, FU_EDB, "'%s' is not a directory", dir);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return fu__error(db, FU_EDB, "cannot create '%s': %s",
					 dir, strerror(errno));
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return fu__error(db, FU_EDB, "cannot create '%s': %s", dir,
				 strerror(errno));
	return FU_OK;
}

/* Create the file 0600 if it is not there; refuse to follow a link that
 * points nowhere (someone may have planted it) or to open a directory.
 * An existing file is only looked at here (*st, *existed): its mode is
 * tightened once it is known to be fu's (fu__db_tighten), never
 * before. */
int fu__db_prepare(fu_db *db, const char *path, int readonly,
		   struct stat *st, int *existed)
{
	*existed = 0;
	if (lstat(path, st) == 0) {
		if (S_ISLNK(st->st_mode) && stat(path, st) != 0)
			return fu__error(db, FU_EDB,
				"refusing to create the database through the "
				"dangling symbolic link '%s'", path);
		if (S_ISDIR(st->st_mode))
			return fu__error(db, FU_EDB,
				"'%s' is a directory, not a database", path);
		if (!S_ISREG(st->st_mode))
			return fu__error(db, FU_EDB,
				"'%s' is not a regular file", path);
		if (access(path, R_OK) != 0)
			return fu__error(db, FU_EDB, "cannot read '%s': %s",
					 path, strerror(errno));
		*existed = 1;
		return FU_OK;
	}
	if (errno != ENOENT)
		return fu__error(db, FU_EDB, "cannot open '%s': %s", path,
				 strerror(errno));
	if (readonly)
		return fu__error(db, FU_ENOTFOUND, "no database at '%s'", path);
	int rc = make_parents(db, path);
	if (rc)
		return rc;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	if (fd < 0)
		return fu__error(db, FU_EDB, "cannot create '%s': %s", path,
				 strerror(errno));
	close(fd);
	return FU_OK;
}

/*
 * Personal data stays in a file of the user's own that nobody else can
 * change. A file that belongs to another user, or that others may write
 * to, is read but never written (fu__begin refuses, with this message):
 * its owner, or anyone, could read or edit the hunt, or have planted
 * what it says. Only a file this user can write is refused: one that
 * cannot be written gets SQLite's own "read-only".
 */
void fu__db_judge_owner(fu_db *db, const char *path, const struct stat *st)
{
	if (access(path, W_OK) != 0)
		return;
	if (st->st_uid != geteuid()) {
		struct passwd *pw = getpwuid(st->st_uid);
		snprintf(db->refuse_write, sizeof db->refuse_write,
			 "refusing to write to '%s': it belongs to %s%s%s"
			 "(uid %lu), not to you, who would share your job hunt "
			 "with its owner: use a database of your own (fu backup "
			 "copies this one), or run fu as its owner", path,
			 pw ? "user " : "", pw ? pw->pw_name : "",
			 pw ? " " : "", (unsigned long)st->st_uid);
	} else if (st->st_mode & 022) {
		snprintf(db->refuse_write, sizeof db->refuse_write,
			 "refusing to write to '%s': others can change it "
			 "(mode %04o); check what it holds (fu doctor, fu list), "
			 "then make it yours alone: chmod 600 '%s'", path,
			 (unsigned)st->st_mode & 07777, path);
	}
}

/* A file verified as fu's, that the user owns and others may read (but
 * not write): readable by its owner only, as fu creates it. The file
 * tightened is the one looked at before opening it (same device and
 * inode), also when path is a symbolic link to it. */
void fu__db_tighten(const char *path, const struct stat *st)
{
	if (!(st->st_mode & 077) || (st->st_mode & 022) ||
	    st->st_uid != geteuid())
		return;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	struct stat now;
	if (fd < 0)
		return;
	if (fstat(fd, &now) == 0 && now.st_dev == st->st_dev &&
	    now.st_ino == st->st_ino && S_ISREG(now.st_mode))
		(void)fchmod(fd, now.st_mode & 0700);
	close(fd);
}

/*
 * Waiting for another program's lock. SQLite's own busy timeout sleeps
 * longer the longer it has waited (up to 100 ms between tries), so when
 * several fu write at once, one that has waited long keeps losing the
 * lock to newer ones, until it gives up. Trying again every few
 * milliseconds, whoever has waited how long, is fair.
 */
static int busy_wait(void *arg, int count)
{
	fu_db *db = arg;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	int64_t ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (count == 0)
		db->busy_since = ms;
	if (ms - db->busy_since >= db->busy_timeout)
		return 0;
	sqlite3_sleep(2 + count % 4 * 2); /* 2, 4, 6, 8 ms */
	return 1;
}

/* The page cache of every connection: 1 MiB (SQLite's default is 2). fu
 * reads a few rows, or walks a list once, and SQLite's sorter takes as
 * much again, so this bounds what a command of any size holds. */
#define CACHE_KIB 1024
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)
#define CACHE_PRAGMA "PRAGMA cache_size = -" STRINGIFY(CACHE_KIB)
#define PAGE_SIZE_MAX 4096 /* fu's files (SQLite's default page size) */

/*
 * Give SQLite that page cache as one block, mapped and faulted in at once
 * (MAP_POPULATE), once per process before SQLite starts. Filled from
 * malloc, the cache took a page fault for every page it read: 150 more at
 * 100k applications than at 1k, which made fu due 30% slower on the
 * bigger file (bench/); with the block, 7% (and every command that opens
 * the database is quicker). It stays mapped for the process's life.
 * Pages beyond the block, or of a file with larger pages, come from
 * malloc as before; and when SQLite is already running (a program that
 * used it before opening fu's database), this does nothing.
 */
static void page_cache_once(void)
{
#ifdef MAP_POPULATE
	static int done;
	if (done)
		return;
	done = 1;
	int hdr = 0;
	if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK)
		return;
	size_t slot = ((size_t)PAGE_SIZE_MAX + (size_t)hdr + 7) & ~(size_t)7;
	size_t n = (size_t)CACHE_KIB * 1024 / PAGE_SIZE_MAX + 16;
	void *block = mmap(NULL, slot * n, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (block == MAP_FAILED)
		return;
	if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, block, (int)slot,
			   (int)n) != SQLITE_OK)
		munmap(block, slot * n);
#endif
}

int fu__cache_kib(fu_db *db, int kib)
{
	char sql[64];
	if (kib <= 0)
		kib = CACHE_KIB;
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", kib);
	return fu__exec(db, sql);
}

static int configure(fu_db *db)
{
	db->busy_timeout = fu__busy_timeout_ms();
	int rc = sqlite3_busy_handler(db->sql, busy_wait, db);
	if (rc != SQLITE_OK)
		return fu__sqlerr(db, rc, "cannot open the database");
	rc = sqlite3_exec(db->sql, "PRAGMA foreign_keys = ON; " CACHE_PRAGMA,
			  NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return fu__sqlerr(db, rc, "cannot open the database");
	return FU_OK;
}

int fu_db_open(fu_db **out, const char *path, int flags)
{
	char def[4096];
	fu_db *db = calloc(1, sizeof *db);
	*out = db;
	if (!db)
		return FU_ERROR;
	db->flags = flags;
	db->now = (int64_t)time(NULL);
	if (flags & FU_OPEN_MEMORY) {
		path = ":memory:";
	} else if (!path || !*path) {
		if (fu_db_default_path(def, sizeof def) != FU_OK)
			return fu__error(db, FU_EDB, "cannot tell where the "
					 "database lives: set FU_DB, "
					 "XDG_DATA_HOME or HOME");
		path = def;
	}
	db->path = fu__strdup(path);
	if (!db->path)
		return fu__error(db, FU_ERROR, "out of memory");

	int readonly = (flags & FU_OPEN_READONLY) != 0;
	int rc, existed = 0;
	struct stat st;
	if ((flags & FU_OPEN_NOCREATE) && !(flags & FU_OPEN_MEMORY) &&
	    lstat(path, &st) != 0 && errno == ENOENT) {
		/* nothing to read: the empty answer, from an empty database
		 * that is not kept (db->path still names the file) */
		flags |= FU_OPEN_MEMORY;
		db->flags = flags;
		path = ":memory:";
	}
	if (!(flags & FU_OPEN_MEMORY)) {
		rc = fu__db_prepare(db, path, readonly, &st, &existed);
		if (rc)
			return rc;
		if (existed && !readonly)
			fu__db_judge_owner(db, path, &st);
	}
	int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (flags & FU_OPEN_MEMORY)
		oflags |= SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY;
	page_cache_once();
	rc = sqlite3_open_v2(path, &db->sql, oflags, NULL);
	if (rc != SQLITE_OK)
		return fu__sqlerr(db, rc, "cannot open the database");
	rc = configure(db);
	if (rc || (rc = fu__register_functions(db)) ||
	    (rc = fu__schema_migrate(db)))
		return rc;
	/* from now on every write is recorded for fu sync, when it is set
	 * up (changes.c) */
	if (db->schema_version == FU_SCHEMA_VERSION)
		fu__changes_install(db);
	if (existed && !readonly && !db->refuse_write[0])
		fu__db_tighten(path, &st);
	return FU_OK;
}

void fu_db_close(fu_db *db)
{
	if (!db)
		return;
	fu__changes_free(db);
	fu__stmt_cache_clear(db);
	sqlite3_close(db->sql);
	free(db->path);
	free(db);
}

const char *fu_db_path(const fu_db *db)
{
	return db && db->path ? db->path : "";
}

void fu_db_set_now(fu_db *db, int64_t now)
{
	db->now = now;
}

int64_t fu_db_now(const fu_db *db)
{
	return db->now;
}

/* base name of p */
static const char *base_of(const char *p)
{
	const char *slash = strrchr(p, '/');
	return slash ? slash + 1 : p;
}

/* The directory of p (its own copy), "." when none. */
static char *dir_part(const char *p)
{
	const char *slash = strrchr(p, '/');
	if (!slash)
		return fu__strdup(".");
	size_t n = slash == p ? 1 : (size_t)(slash - p);
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, p, n);
		d[n] = '\0';
	}
	return d;
}

/* Whether path, which need not exist, is the file dbpath + suffix:
 * the same file, or the same name in the same directory. */
static int same_place(const char *path, const struct stat *pst,
		      const char *dbpath, const char *suffix)
{
	char name[4096];
	struct stat st, a, b;
	if (snprintf(name, sizeof name, "%s%s", dbpath, suffix) >=
	    (int)sizeof name)
		return 0;
	if (pst)
		return stat(name, &st) == 0 && st.st_dev == pst->st_dev &&
		       st.st_ino == pst->st_ino;
	if (strcmp(base_of(path), base_of(name)) != 0)
		return 0;
	char *d1 = dir_part(path), *d2 = dir_part(name);
	int same = d1 && d2 && stat(d1, &a) == 0 && stat(d2, &b) == 0 &&
		   a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	free(d1);
	free(d2);
	return same;
}

const char *fu__db_file_kind(const fu_db *db, const char *path)
{
	static const char *const suffix[] = { "", "-journal", "-wal", "-shm" };
	static const char *const kind[] = { "the database itself",
		"the database's journal", "the database's write-ahead log",
		"the database's shared-memory file" };
	if (!db || !db->path || (db->flags & FU_OPEN_MEMORY) || !path)
		return NULL;
	struct stat pst;
	int exists = stat(path, &pst) == 0;
	char *real = realpath(db->path, NULL);
	const char *res = NULL;
	for (size_t i = 0; i < 4 && !res; i++)
		if (same_place(path, exists ? &pst : NULL, db->path, suffix[i]) ||
		    (real && same_place(path, exists ? &pst : NULL, real,
					suffix[i])))
			res = kind[i];
	free(real);
	return res;
}

int fu_db_changed(const fu_db *db)
{
	return db && db->changed;
}

int fu_db_schema_version(const fu_db *db)
{
	return db->schema_version;
}
