/* SPDX-License-Identifier: MIT */
/*
 * events.h - what happened: events are appended (fu log, fu close), read, and
 * removed only by undo (events.c; store.c writes them).
 */
#ifndef FU_EVENTS_H
#define FU_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"
#include "fu/model.h"

/* Append e (kind, at, and application_id and/or contact_id set; with[]
 * and topics[] as given). Sets e->id and e->created_at. Checks that the
 * references exist and the kind fits the subject. */
int fu_event_add(fu_db *db, fu_event *e);
int fu_event_get(fu_event **out, fu_db *db, int64_t id);

/* The events of an application, or of a contact (logged on it, or with
 * it), oldest first. */
int fu_event_list(fu_event **out, size_t *n, fu_db *db,
		  int64_t application_id, int64_t contact_id);
void fu_event_list_free(fu_event *list, size_t n);

/* Add topics to event id afterwards (what was discussed, remembered
 * later): topics[i], each discussed with with[i] (a person the event
 * names, or 0 for everyone; with NULL: everyone), checked as fu log
 * checks them (a person's topic given twice is FU_EINVALID). One
 * transaction; the actions owed do not depend on topics. */
int fu_event_add_topics(fu_db *db, int64_t id, char *const *topics,
			const int64_t *with, size_t n);

/* Remove the most recently recorded event (by number), optionally only
 * among those of one application or contact (0: any), and bring the
 * actions up to date. *out (may be NULL) receives the removed event.
 * FU_ENOTFOUND when there is none. */
int fu_event_undo(fu_event **out, fu_db *db, int64_t application_id,
		  int64_t contact_id);

#endif
