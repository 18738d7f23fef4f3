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

#endif
