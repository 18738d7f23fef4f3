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

/* Limits, the same as fu add and fu log apply (store.c). */
#define FU__NAME_MAX 200
#define FU__FIELD_MAX 500
#define FU__URL_MAX 2000
#define FU__NOTE_MAX 10000
#define FU__ACTION_MAX 100

/* --- writing (transfer.c), inside the caller's transaction ---------- */

/* The company of that name (case-insensitively), created when missing
 * (with id, when not 0, and created, when not 0, else now). */
int fu__xfer_company(fu_db *db, int64_t *out, const char *name, int64_t id,
		     int64_t created);

/* Write a record as given: id (0: the next number of the shared
 * sequence, set in c->id / a->id / e->id), created_at (0: now). The
 * company is found or created by name. Applications' contact_ids are
 * attached in order; events' with[] and topics[] are written. */
int fu__xfer_contact(fu_db *db, fu_contact *c);
int fu__xfer_application(fu_db *db, fu_application *a);
int fu__xfer_event(fu_db *db, fu_event *e);

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
