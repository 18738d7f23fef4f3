/* SPDX-License-Identifier: MIT */
/*
 * applications.h - applications: one role at one company, with the people attached to
 * it, its stage, and closing it (applications.c; store.c writes them).
 *
 * Numbers: applications and contacts share one sequence of numbers, so
 * "fu show 12" can only mean one thing.
 */
#ifndef FU_APPLICATIONS_H
#define FU_APPLICATIONS_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"
#include "fu/model.h"

/* Add a (company and role required; a->contact_ids attached in order).
 * When applied_at is not 0, an applied event at that time is recorded in
 * the same transaction. Sets a->id and a->created_at. */
int fu_application_add(fu_db *db, fu_application *a, int64_t applied_at);
int fu_application_get(fu_application **out, fu_db *db, int64_t id);
/* Write every field of a (by a->id): company, role, source, url, notes,
 * flags, contacts; applied_at moves the first applied event (or records
 * one). Refreshes its actions. */
int fu_application_update(fu_db *db, const fu_application *a);

typedef enum {
	FU_STATUS_ANY = 0,
	FU_STATUS_OPEN,   /* not closed */
	FU_STATUS_CLOSED, /* closed with any outcome */
} fu_status_filter;

typedef struct fu_application_filter {
	fu_status_filter status;
	fu_outcome outcome;  /* with FU_STATUS_CLOSED: only this outcome */
	const char *company; /* part of the company's name, or NULL */
	int64_t contact_id;  /* attached to this contact, or 0 */
	int with_people;     /* also read contact_ids (as _get does) */
} fu_application_filter;
int fu_application_list(fu_application **out, size_t *n, fu_db *db,
			const fu_application_filter *filter);
void fu_application_list_free(fu_application *list, size_t n);
/* The same, one at a time, without holding them all: fn gets each (valid
 * during the call only); a non-zero return from fn stops the walk and is
 * returned. */
int fu_application_each(fu_db *db, const fu_application_filter *filter,
			int (*fn)(const fu_application *a, void *arg),
			void *arg);

/* The stage an application has reached, derived from its events, in
 * words: "planned" (not applied), "applied", "interviewing", "offer", or
 * the outcome's name once closed. Static string. */
const char *fu_application_stage_name(const fu_application *a);

/* Close: record a closed event with the outcome at time `at`. Closing a
 * closed application is FU_EINVALID. */
int fu_application_close(fu_db *db, int64_t id, fu_outcome outcome,
			 int64_t at, const char *note);

#endif
