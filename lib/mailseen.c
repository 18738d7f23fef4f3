/* SPDX-License-Identifier: MIT */
/*
 * mailseen.c - what fu mail scan has read (mail_seen: a hash of each
 * Maildir file's unique name and of each message's Message-ID, else its
 * header digest; never the text) and where the next scan of an mbox
 * starts (mail_sources). Owned here; mail.c writes through it.
 */
#include <stdlib.h>

#include "fu/proposals.h"
#include "internal.h"

int fu_mail_seen_load(int64_t **keys, size_t *n, fu_db *db)
{
	*keys = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL;
	/* the rowid order: ascending */
	int rc = fu__prepare(db, &st, "SELECT key FROM mail_seen ORDER BY key");
	if (rc)
		return rc;
	size_t cap = 0;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 1024;
			int64_t *p = realloc(*keys, ncap * sizeof *p);
			if (!p) {
				rc = fu__error(db, FU_ERROR, "out of memory");
				break;
			}
			*keys = p;
			cap = ncap;
		}
		(*keys)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	if (rc) {
		free(*keys);
		*keys = NULL;
		*n = 0;
	}
	return rc;
}

int fu_mail_seen_has(const int64_t *keys, size_t n, int64_t key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && keys[lo] == key;
}

int fu__mail_seen_add(fu_db *db, const int64_t *keys, size_t n)
{
	sqlite3_stmt *st = NULL;
	int rc = n ? fu__prepare(db, &st, "INSERT OR IGNORE INTO mail_seen "
				 "(key) VALUES (?)") : FU_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		sqlite3_bind_int64(st, 1, keys[i]);
		int src = sqlite3_step(st);
		if (src != SQLITE_DONE)
			rc = fu__sqlerr(db, src, "cannot write the database");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

int fu_mail_source_get(fu_mail_source *out, fu_db *db, const char *path)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT offset, length, key FROM "
			     "mail_sources WHERE path = ?");
	if (rc)
		return rc;
	fu__bind_text(st, 1, path);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		out->offset = sqlite3_column_int64(st, 0);
		out->length = sqlite3_column_int64(st, 1);
		out->key = sqlite3_column_int64(st, 2);
	} else if (src == SQLITE_DONE) {
		rc = fu__error(db, FU_ENOTFOUND, "'%s' was never scanned", path);
	} else {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_finalize(st);
	return rc;
}

int fu__mail_source_put(fu_db *db, const char *path, const fu_mail_source *s)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "INSERT INTO mail_sources (path, offset, "
		"length, key, scanned_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
		"(path) DO UPDATE SET offset = excluded.offset, length = "
		"excluded.length, key = excluded.key, scanned_at = "
		"excluded.scanned_at");
	if (rc)
		return rc;
	fu__bind_text(st, 1, path);
	sqlite3_bind_int64(st, 2, s->offset);
	sqlite3_bind_int64(st, 3, s->length);
	sqlite3_bind_int64(st, 4, s->key);
	sqlite3_bind_int64(st, 5, db->now);
	return fu__step_done(db, st);
}
