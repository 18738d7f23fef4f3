/* SPDX-License-Identifier: MIT */
/*
 * ageopen.h - opening files sealed by age to an X25519 key (the format
 * age-encryption.org/v1, c2sp.org/age), with libsodium's primitives:
 * what fu-sync-open does for fu sync, so that a thousand change files
 * are opened by one process rather than a thousand runs of age.
 *
 * Reading only: fu seals with the age command. Everything read is
 * hostile (a change file another machine pushed): every length is
 * checked, the header's MAC and each chunk's tag are verified before a
 * byte of the plaintext is given out.
 */
#ifndef FU_AGEOPEN_H
#define FU_AGEOPEN_H

#include <stddef.h>

#define AGE_KEY_MAX 8 /* identities read from one key file */

typedef struct age_key {
	unsigned char secret[32];
	unsigned char public[32];
} age_key;

enum {
	AGE_OK = 0,
	AGE_OTHER_KEY = 1, /* no stanza opens with these keys */
	AGE_DAMAGED = 2,   /* not a sealed file, or altered, or cut short */
	AGE_TOO_BIG = 3,   /* its text is longer than the limit */
	AGE_NO_MEMORY = 4,
};

/* The identities (AGE-SECRET-KEY-1... lines; # comments and blank lines
 * skipped) of a key file's text into keys[0..*n); AGE_DAMAGED with why
 * when a line is not one, or there is none. */
int age_keys_parse(const char *text, size_t len, age_key *keys, size_t *n,
		   char *why, size_t whylen);

/* Open the sealed in[0..len) with keys[0..n): *out (malloc'd, *outlen
 * bytes, followed by a NUL not counted) its text, at most max bytes.
 * Otherwise one of the codes above, with why (for a person). */
int age_open(const age_key *keys, size_t n, const unsigned char *in,
	     size_t len, size_t max, unsigned char **out, size_t *outlen,
	     char *why, size_t whylen);

#endif
