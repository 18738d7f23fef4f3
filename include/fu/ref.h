/* SPDX-License-Identifier: MIT */
/*
 * ref.h - what a person typed to name an application or a contact (ref.c).
 */
#ifndef FU_REF_H
#define FU_REF_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"

enum {
	FU_REF_APPLICATION = 1 << 0,
	FU_REF_CONTACT = 1 << 1,
	FU_REF_ANY = FU_REF_APPLICATION | FU_REF_CONTACT
};

typedef struct fu_ref {
	int type;   /* FU_REF_APPLICATION or FU_REF_CONTACT */
	int64_t id;
} fu_ref;

/*
 * Resolve what a person typed: a number, or a case-insensitive part of a
 * company, role ("acme backend" also works) or person's name. An exact
 * match wins over partial ones; among applications, a single open one
 * wins over closed ones. FU_ENOTFOUND or FU_EAMBIGUOUS (the message lists
 * the candidates with their numbers) otherwise.
 */
int fu_ref_resolve(fu_ref *out, fu_db *db, const char *text, int types);

/*
 * A person named in the context of an application (application_id) or
 * a networking contact (contact_id): among the people on it first (its
 * contacts, the people its events name, the contact itself), so that
 * "sam" is Sam Lee of Acme on Acme's events even when another Sam
 * works elsewhere; else as fu_ref_resolve names a contact.
 */
int fu_ref_person(fu_ref *out, fu_db *db, const char *text,
		  int64_t application_id, int64_t contact_id);

/*
 * A company typed as part of its name, as references are: the company
 * whose name it is (case and accents aside), else the one whose name
 * has a word starting with it ("wayne" is Wayne Enterprises). *name
 * (malloc'd) is that company's name as first written, or a copy of
 * text when none matches (a new company). FU_EAMBIGUOUS (the message
 * lists them) when it starts a word of several companies' names.
 */
int fu_company_resolve(char **name, fu_db *db, const char *text);

#endif
