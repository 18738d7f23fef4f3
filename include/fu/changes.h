/* SPDX-License-Identifier: MIT */
/*
 * changes.h - the change files fu sync exchanges (changefile.c): what
 * one machine changed, as portable change records, for the others to
 * apply (sync.h).
 *
 * A change file, version 1 (fu-sync(1) documents it), is one JSON
 * object, sealed with age when the repository is encrypted:
 *
 *   {"format": "fu-sync", "version": 1,
 *    "device": UUID, "name": TEXT,    the machine that wrote it
 *    "file": N,                       its Nth change file (1, 2, ...)
 *    "deps": {UUID: SEQ, ...},        per other machine, the last of its
 *                                     transactions applied there first
 *    "transactions": [{"seq": SEQ, "t": TIME, "c": COUNT,
 *                      "changes": [CHANGE, ...]}, ...]}
 *
 * where a CHANGE is [OP, TABLE, KEY, {COLUMN: VALUE, ...}] (changes.c
 * in lib/ says what each part holds). Files from other machines are
 * hostile input: the reader checks every part, every value against the
 * declaration of the synced tables, and refuses what it does not know.
 */
#ifndef FU_CHANGES_H
#define FU_CHANGES_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"

#define FU_SYNC_FORMAT "fu-sync"
#define FU_SYNC_VERSION 1
/* The largest change file read (a snapshot of a large hunt is big). */
#define FU_SYNC_FILE_MAX (256u << 20)

typedef struct fu_changes fu_changes;

/*
 * Read a change file's text (len bytes): 0, or FU_ECHANGES with what is
 * wrong in err (a newer fu's file says so: "written by a newer fu").
 * *out is NULL on failure; free it with fu_changes_free.
 */
int fu_changes_parse(fu_changes **out, const char *text, size_t len,
		     char *err, size_t errlen);
void fu_changes_free(fu_changes *c);

/* What it says of itself. */
const char *fu_changes_device(const fu_changes *c);
const char *fu_changes_name(const fu_changes *c);
int64_t fu_changes_file(const fu_changes *c);
/* The number of transactions, and of change records in all. */
size_t fu_changes_transactions(const fu_changes *c);
size_t fu_changes_records(const fu_changes *c);

#endif
