/* SPDX-License-Identifier: MIT */
/*
 * fu-sync-open - open the sealed change files of an encrypted fu sync,
 * many in one run (ageopen.c, libsodium), so that fu sync does not start
 * age once a file. A helper that fu runs (as git runs git-foo), so that
 * libsodium is loaded by fu sync alone; not meant to be run by hand:
 *
 *   fu-sync-open KEYFILE MAXBYTES < PATHS
 *
 * PATHS: one file a line. For each, in order, on standard output:
 *   "ok LENGTH\n" then its LENGTH bytes of text, or
 *   "no WHY\n": it would not open (sealed with another key, damaged, cut
 *   short, longer than MAXBYTES, unreadable), in words for a person.
 * Exit status 0 when every path was answered; 1 with one line
 * "fu-sync-open: ..." on standard error when the key file cannot be used
 * or the output cannot be written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ageopen.h"

#define NAME "fu-sync-open"

static int die(const char *what, const char *why)
{
	fprintf(stderr, NAME ": %s%s%s\n", what, why ? ": " : "",
		why ? why : "");
	return 1;
}

/* The whole of path, at most max bytes (*big when it is longer). */
static unsigned char *slurp(const char *path, size_t max, size_t *len,
			    int *big, int *err)
{
	*len = 0;
	*big = 0;
	*err = 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err = errno;
		return NULL;
	}
	size_t cap = 4096;
	unsigned char *b = malloc(cap);
	while (b) {
		if (*len == cap) {
			if (cap > max) {
				*big = 1;
				break;
			}
			unsigned char *nb = realloc(b, cap * 2);
			if (!nb)
				break;
			b = nb;
			cap *= 2;
		}
		size_t got = fread(b + *len, 1, cap - *len, f);
		*len += got;
		if (got == 0)
			break;
	}
	if (*len > max)
		*big = 1;
	if (!b || ferror(f))
		*err = b ? EIO : ENOMEM;
	fclose(f);
	if (*err || *big) {
		free(b);
		return NULL;
	}
	return b;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return die("usage: fu-sync-open KEYFILE MAXBYTES < PATHS "
			   "(fu sync runs it)", NULL);
	char *end;
	errno = 0;
	unsigned long long max = strtoull(argv[2], &end, 10);
	if (errno || *end || end == argv[2])
		return die("not a number of bytes", argv[2]);
	size_t klen;
	int big, err;
	unsigned char *ktext = slurp(argv[1], 1 << 16, &klen, &big, &err);
	if (!ktext)
		return die("cannot read the key file", big ? "too long"
			   : strerror(err));
	age_key keys[AGE_KEY_MAX];
	size_t nkeys = 0;
	char why[256];
	int rc = age_keys_parse((const char *)ktext, klen, keys, &nkeys, why,
				sizeof why);
	sodium_memzero(ktext, klen);
	free(ktext);
	if (rc)
		return die(why, NULL);
	/* a sealed file is its text, a header and 16 bytes a 64 KiB chunk */
	size_t max_sealed = (size_t)max + 4096 + ((size_t)max / 65536 + 1) * 16;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int status = 0;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (!n)
			continue;
		size_t len;
		unsigned char *in = slurp(line, max_sealed, &len, &big, &err);
		unsigned char *text = NULL;
		size_t tlen = 0;
		if (!in && big)
			snprintf(why, sizeof why, "it is too long");
		else if (!in)
			snprintf(why, sizeof why, "cannot read it: %s",
				 strerror(err));
		rc = in ? age_open(keys, nkeys, in, len, (size_t)max, &text,
				   &tlen, why, sizeof why) : AGE_DAMAGED;
		free(in);
		if (rc == AGE_NO_MEMORY) {
			status = die("out of memory", NULL);
			break;
		}
		if (rc)
			printf("no %s\n", why);
		else if (printf("ok %zu\n", tlen) < 0 ||
			 fwrite(text, 1, tlen, stdout) != tlen)
			status = 1;
		if (text) {
			sodium_memzero(text, tlen);
			free(text);
		}
		if (status)
			break;
	}
	free(line);
	sodium_memzero(keys, sizeof keys);
	if (ferror(stdin))
		return die("cannot read the list of files", strerror(errno));
	if (fflush(stdout) || ferror(stdout))
		return die("cannot write", strerror(errno));
	return status;
}
