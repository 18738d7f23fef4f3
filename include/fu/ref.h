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
 * Which of n people text names (the people of one event): names[i]
 * and, where known (not 0), ids[i], matched as references match (a
 * number, or a part of the name, case and accents aside; the exact
 * name wins). *index gets the one; FU_ENOTFOUND or FU_EAMBIGUOUS with
 * a message that lists them otherwise.
 */
int fu_ref_among(size_t *index, fu_db *db, const char *text,
		 const char *const *names, const int64_t *ids, size_t n);

/*
 * A company typed as part of its name, as references are: the company
 * whose name it is (case and accents aside), else the one whose name
 * has a word starting with it ("wayne" is Wayne Enterprises). *name
 * (malloc'd) is that company's name as first written, or a copy of
 * text when none matches (a new company). FU_EAMBIGUOUS (the message
 * lists them) when it starts a word of several companies' names.
 */
int fu_company_resolve(char **name, fu_db *db, const char *text);

/* --- completion ---------------------------------------------------------- */

/* What to complete (fu __complete): any of these. */
enum {
	FU_COMPLETE_OPEN = 1 << 0,      /* open applications */
	FU_COMPLETE_CLOSED = 1 << 1,    /* closed applications too */
	FU_COMPLETE_CONTACTS = 1 << 2,  /* contacts */
	FU_COMPLETE_COMPANIES = 1 << 3  /* company names (--company) */
};

typedef struct fu_ref_candidate {
	const char *word;        /* what completes the word: "12", "Acme",
	                            "Acme Backend Engineer", "Dana Reyes" */
	const char *description; /* what it names: "Acme, Backend Engineer",
	                            "Acme" (a contact's company), "3
	                            applications"; "" for nothing to say */
} fu_ref_candidate;

/*
 * The words that complete word as a reference to what `what` asks for,
 * at most max of them, each given to fn (which returns non-zero to stop
 * the walk, returned then). Digits complete numbers (12 gives 12, 120,
 * 1201, ...); anything else the names that start with it as references
 * match, case and accents aside ("mu" gives Müller GmbH, "obr" gives
 * O'Brien), with a company's applications as "Company Role" when it has
 * several; an empty word gives the newest numbers and the first names.
 * Each is found through an index (the folded names of schema 10), so the
 * time does not grow with the database; a file of an older schema (read
 * only, not yet migrated) gives none. Names are the database's: clean
 * them before printing.
 */
int fu_ref_complete(fu_db *db, const char *word, int what, size_t max,
		    int (*fn)(const fu_ref_candidate *c, void *arg), void *arg);

#endif
