/* SPDX-License-Identifier: MIT */
/*
 * contacts.h - the people the user deals with: adding, reading, correcting and
 * listing them (contacts.c; store.c writes them).
 */
#ifndef FU_CONTACTS_H
#define FU_CONTACTS_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"
#include "fu/model.h"

/* Add c (c->name required; c->company, if set, is found or created by
 * name, case-insensitively). Sets c->id and c->created_at. */
int fu_contact_add(fu_db *db, fu_contact *c);
/* Read one; FU_ENOTFOUND when there is no such contact. */
int fu_contact_get(fu_contact **out, fu_db *db, int64_t id);
/* Write every field of c (by c->id) and refresh the actions it touches. */
int fu_contact_update(fu_db *db, const fu_contact *c);

typedef struct fu_contact_filter {
	const char *company; /* part of the company's name, or NULL */
	int by_number;       /* in the order of their numbers, not names */
} fu_contact_filter;
/* All contacts (matching filter, which may be NULL) by name. */
int fu_contact_list(fu_contact **out, size_t *n, fu_db *db,
		    const fu_contact_filter *filter);
void fu_contact_list_free(fu_contact *list, size_t n);
/* The same, one at a time, without holding them all: fn gets each (valid
 * during the call only); a non-zero return from fn stops the walk and is
 * returned. */
int fu_contact_each(fu_db *db, const fu_contact_filter *filter,
		    int (*fn)(const fu_contact *c, void *arg), void *arg);

#endif
