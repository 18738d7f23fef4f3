/* SPDX-License-Identifier: MIT */
/*
 * uuid.h - the identifiers that travel with a record between machines
 * (uuid.c): contacts, applications and events get a random one (RFC
 * 9562 version 4) when they are created; a company's is its name's
 * (version 5, SHA-1, of the name with ASCII letters in lower case, as
 * the companies table's NOCASE compares them), so that two machines
 * that both write "Acme" name the same company. The short numbers
 * users type stay per machine.
 */
#ifndef FU_UUID_H
#define FU_UUID_H

#include <stddef.h>

/* "xxxxxxxx-xxxx-Mxxx-Nxxx-xxxxxxxxxxxx" and its NUL */
#define FU_UUID_LEN 37

/* A random identifier, in lower case; 0, or FU_ERROR when the system
 * gives no randomness. */
int fu_uuid_random(char out[FU_UUID_LEN]);

/* The identifier of the company called name. */
void fu_uuid_company(char out[FU_UUID_LEN], const char *name);

/* Whether s is an identifier as fu writes them (36 characters, lower
 * case hexadecimal digits and dashes in their places). */
int fu_uuid_valid(const char *s);

#endif
