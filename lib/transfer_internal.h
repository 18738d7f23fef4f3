/*
 * transfer_internal.h - what the files of data in and out share:
 * transfer.c writes (SQL), csv.c reads spreadsheets, ics.c writes
 * calendars. Nobody else includes it.
 */
#ifndef FU_TRANSFER_INTERNAL_H
#define FU_TRANSFER_INTERNAL_H

#include <stdint.h>

#include "fu/model.h"
#include "fu/transfer.h"
#include "internal.h"

/* --- writing (transfer.c), inside the caller's transaction ---------- */

/* (The records themselves are checked and written by store.c, as for fu
 * add and fu log: fu__check_contact, fu__insert_contact, ... in
 * internal.h.) */

/* The contact with this name (case-insensitively) and, when email is
 * not NULL, this e-mail address; preferring one at company (may be 0).
 * *out is 0 when there is none. */
int fu__xfer_find_contact(fu_db *db, int64_t *out, const char *name,
			  const char *email, int64_t company);

/* Bring outcome/closed_at of every application in line with its closed
 * events, then re-run the rules for everything. */
int fu__xfer_finish(fu_db *db);

/* A helper for messages: "path: what fu__check_text said". */
int fu__xfer_check_text(fu_db *db, const char *path, const char *s,
			size_t max, int multiline);

/* An event time a person wrote: a day alone means its local midday,
 * today means now (as fu log --at). 0 or FU_EINVALID with the date
 * parser's message in err. */
int fu__xfer_event_time(int64_t *out, const char *s, int64_t now, char *err,
			size_t errlen);

#endif
