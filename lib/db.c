/*
 * db.c - opening the user's database: where it lives, creating it
 * private (directory 0700, file 0600) before SQLite touches it, refusing
 * files that are not fu's or are newer than this fu (schema.c decides),
 * and how it waits for another program's lock.
 */
#include <errno.h>
#include <fcntl.h>
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
 * points nowhere (someone may have planted it) or to open a directory. */
static int prepare_file(fu_db *db, const char *path, int readonly)
{
	struct stat st;
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode) && stat(path, &st) != 0)
			return fu__error(db, FU_EDB,
				"refusing to create the database through the "
				"dangling symbolic link '%s'", path);
		if (S_ISDIR(st.st_mode))
			return fu__error(db, FU_EDB,
				"'%s' is a directory, not a database", path);
		if (!S_ISREG(st.st_mode))
			return fu__error(db, FU_EDB,
				"'%s' is not a regular file", path);
		if (access(path, R_OK) != 0)
			return fu__error(db, FU_EDB, "cannot read '%s': %s",
					 path, strerror(errno));
		/* personal data: tighten a file we own that others can read */
		if ((st.st_mode & 077) && st.st_uid == geteuid() && !readonly)
			chmod(path, st.st_mode & 0700);
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
					 "database lives: set FU_DB or HOME");
		path = def;
	}
	db->path = fu__strdup(path);
	if (!db->path)
		return fu__error(db, FU_ERROR, "out of memory");

	int readonly = (flags & FU_OPEN_READONLY) != 0;
	int rc;
	if (!(flags & FU_OPEN_MEMORY)) {
		rc = prepare_file(db, path, readonly);
		if (rc)
			return rc;
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
	return FU_OK;
}

void fu_db_close(fu_db *db)
{
	if (!db)
		return;
	fu__changes_free(db);
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

int fu_db_schema_version(const fu_db *db)
{
	return db->schema_version;
}
