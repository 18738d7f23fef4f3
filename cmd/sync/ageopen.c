/* SPDX-License-Identifier: MIT */
/*
 * ageopen.c - the reader of age-encryption.org/v1 files sealed to X25519
 * keys (ageopen.h), after the format's specification (c2sp.org/age):
 *
 *   age-encryption.org/v1
 *   -> X25519 <ephemeral share, base64>
 *   <the file key wrapped, base64, lines of 64, the last shorter>
 *   --- <HMAC-SHA-256 of the header up to "---", base64>
 *   <16-byte nonce><chunks of 64 KiB + 16, ChaCha20-Poly1305>
 *
 * The primitives are libsodium's (X25519, HMAC-SHA-256, ChaCha20-Poly1305
 * IETF); HKDF-SHA-256 (RFC 5869, one block of output) is two HMACs.
 * Base64 is the standard alphabet without padding, canonical only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ageopen.h"

#define VERSION_LINE "age-encryption.org/v1\n"
#define CHUNK 65536
#define TAG crypto_aead_chacha20poly1305_ietf_ABYTES
#define MAX_STANZAS 64
#define MAX_ARGS 8

static int fail(char *why, size_t whylen, int code, const char *text)
{
	if (why && whylen)
		snprintf(why, whylen, "%s", text);
	return code;
}

/* --- keys: Bech32 (BIP 173), HRP age-secret-key- -------------------------- */

static const char b32[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

static uint32_t polymod(const unsigned char *v, size_t n)
{
	static const uint32_t gen[5] = { 0x3b6a57b2, 0x26508e6d, 0x1ea119fa,
					 0x3d4233dd, 0x2a1462b3 };
	uint32_t chk = 1;
	for (size_t i = 0; i < n; i++) {
		uint32_t top = chk >> 25;
		chk = (chk & 0x1ffffff) << 5 ^ v[i];
		for (int k = 0; k < 5; k++)
			if (top >> k & 1)
				chk ^= gen[k];
	}
	return chk;
}

/* The 32 bytes of AGE-SECRET-KEY-1... (s[0..n)), or -1. */
static int bech32_secret(const char *s, size_t n, unsigned char out[32])
{
	static const char hrp[] = "age-secret-key-";
	const size_t hl = sizeof hrp - 1;
	/* hrp, '1', 52 data characters (32 bytes), 6 of checksum */
	if (n != hl + 1 + 52 + 6)
		return -1;
	int upper = 0, lower = 0;
	char low[128];
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		upper |= c >= 'A' && c <= 'Z';
		lower |= c >= 'a' && c <= 'z';
		low[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	if ((upper && lower) || memcmp(low, hrp, hl) || low[hl] != '1')
		return -1;
	/* the checksum covers the HRP expanded, then the data */
	unsigned char v[2 * sizeof hrp + 64];
	size_t k = 0;
	for (size_t i = 0; i < hl; i++)
		v[k++] = (unsigned char)hrp[i] >> 5;
	v[k++] = 0;
	for (size_t i = 0; i < hl; i++)
		v[k++] = (unsigned char)hrp[i] & 31;
	size_t data = k;
	for (size_t i = hl + 1; i < n; i++) {
		const char *p = memchr(b32, low[i], 32);
		if (!low[i] || !p)
			return -1;
		v[k++] = (unsigned char)(p - b32);
	}
	if (polymod(v, k) != 1)
		return -1;
	/* 52 groups of 5 bits: 260 bits, 256 of key and 4 zero */
	uint32_t acc = 0;
	int bits = 0;
	size_t o = 0;
	for (size_t i = data; i < k - 6; i++) {
		acc = acc << 5 | v[i];
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	return o == 32 && bits < 5 && acc == 0 ? 0 : -1;
}

int age_keys_parse(const char *text, size_t len, age_key *keys, size_t *n,
		   char *why, size_t whylen)
{
	if (sodium_init() < 0)
		return fail(why, whylen, AGE_NO_MEMORY, "cannot start libsodium");
	*n = 0;
	size_t at = 0, line = 0;
	while (at < len) {
		const char *s = text + at;
		const char *nl = memchr(s, '\n', len - at);
		size_t l = nl ? (size_t)(nl - s) : len - at;
		at += l + (nl != NULL);
		line++;
		if (l && s[l - 1] == '\r')
			l--;
		if (!l || s[0] == '#')
			continue;
		if (*n == AGE_KEY_MAX)
			return fail(why, whylen, AGE_DAMAGED,
				    "the key file holds too many keys");
		if (bech32_secret(s, l, keys[*n].secret)) {
			if (why && whylen)
				snprintf(why, whylen, "line %zu of the key file "
					 "is not an age key", line);
			sodium_memzero(keys[*n].secret, 32);
			return AGE_DAMAGED;
		}
		crypto_scalarmult_base(keys[*n].public, keys[*n].secret);
		(*n)++;
	}
	if (!*n)
		return fail(why, whylen, AGE_DAMAGED, "the key file holds no key");
	return AGE_OK;
}

/* --- HKDF-SHA-256, 32 bytes ---------------------------------------------- */

static void hkdf(unsigned char out[32], const unsigned char *ikm, size_t ikml,
		 const unsigned char *salt, size_t saltl, const char *info)
{
	unsigned char prk[32];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, salt, saltl);
	crypto_auth_hmacsha256_update(&st, ikm, ikml);
	crypto_auth_hmacsha256_final(&st, prk);
	const unsigned char one = 1;
	crypto_auth_hmacsha256_init(&st, prk, sizeof prk);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)info,
				      strlen(info));
	crypto_auth_hmacsha256_update(&st, &one, 1);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(prk, sizeof prk);
	sodium_memzero(&st, sizeof st);
}

/* Canonical unpadded base64 s[0..n) of exactly want bytes into out. */
static int b64(const char *s, size_t n, unsigned char *out, size_t want)
{
	size_t got = 0;
	const char *end = NULL;
	if (n != (want * 4 + 2) / 3)
		return -1;
	if (sodium_base642bin(out, want, s, n, NULL, &got, &end,
			      sodium_base64_VARIANT_ORIGINAL_NO_PADDING) ||
	    got != want || end != s + n)
		return -1;
	return 0;
}

/* --- the header ----------------------------------------------------------- */

typedef struct stanza {
	const char *arg[MAX_ARGS];
	size_t argl[MAX_ARGS];
	int nargs;
	const char *body;   /* base64, its lines run together below */
	size_t bodyl;
	char *joined;       /* the body's base64 without its newlines */
} stanza;

typedef struct header {
	stanza st[MAX_STANZAS];
	int n;
	size_t mac_end;     /* the MAC covers in[0..mac_end): up to "---" */
	const char *mac;    /* 43 characters */
	size_t end;         /* where the payload begins */
} header;

static void header_free(header *h)
{
	for (int i = 0; i < h->n; i++)
		free(h->st[i].joined);
}

/* The line at in[*at..): its length without the newline, *at past it;
 * -1 when there is no newline. */
static long next_line(const unsigned char *in, size_t len, size_t *at,
		      const char **line)
{
	if (*at >= len)
		return -1;
	const unsigned char *nl = memchr(in + *at, '\n', len - *at);
	if (!nl)
		return -1;
	*line = (const char *)in + *at;
	long l = (long)(nl - (in + *at));
	*at += (size_t)l + 1;
	return l;
}

static int is_b64(const char *s, long n)
{
	for (long i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')
		      || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
		      s[i] == '/'))
			return 0;
	return 1;
}

static int parse_header(const unsigned char *in, size_t len, header *h,
			char *why, size_t whylen)
{
	memset(h, 0, sizeof *h);
	const size_t vl = sizeof VERSION_LINE - 1;
	if (len < vl || memcmp(in, VERSION_LINE, vl))
		return fail(why, whylen, AGE_DAMAGED, "it is not a file sealed "
			    "by age (no age-encryption.org/v1 header)");
	size_t at = vl;
	const char *line;
	long l;
	for (;;) {
		size_t start = at;
		if ((l = next_line(in, len, &at, &line)) < 0)
			return fail(why, whylen, AGE_DAMAGED, "its header is "
				    "cut short");
		if (l >= 3 && !memcmp(line, "---", 3)) {
			if (l != 4 + 43 || line[3] != ' ' || !is_b64(line + 4, 43))
				return fail(why, whylen, AGE_DAMAGED, "its "
					    "header's MAC line is damaged");
			h->mac_end = start + 3;
			h->mac = line + 4;
			h->end = at;
			break;
		}
		if (l < 3 || memcmp(line, "-> ", 3))
			return fail(why, whylen, AGE_DAMAGED, "its header is "
				    "damaged");
		if (h->n == MAX_STANZAS)
			return fail(why, whylen, AGE_DAMAGED, "its header has "
				    "too many recipients");
		stanza *s = &h->st[h->n++];
		/* arguments: one or more, one space between, each visible
		 * ASCII */
		const char *p = line + 3, *e = line + l;
		while (p <= e) {
			const char *sp = memchr(p, ' ', (size_t)(e - p));
			const char *ae = sp ? sp : e;
			if (ae == p || s->nargs == MAX_ARGS)
				return fail(why, whylen, AGE_DAMAGED, "a "
					    "recipient line of its header is "
					    "damaged");
			for (const char *q = p; q < ae; q++)
				if (*q < 0x21 || *q > 0x7e)
					return fail(why, whylen, AGE_DAMAGED, "a "
						    "recipient line of its "
						    "header is damaged");
			s->arg[s->nargs] = p;
			s->argl[s->nargs++] = (size_t)(ae - p);
			if (!sp)
				break;
			p = sp + 1;
		}
		/* the body: full lines of 64, then one shorter */
		size_t total = 0, body_start = at;
		for (;;) {
			if ((l = next_line(in, len, &at, &line)) < 0)
				return fail(why, whylen, AGE_DAMAGED, "its "
					    "header is cut short");
			if (l > 64 || !is_b64(line, l))
				return fail(why, whylen, AGE_DAMAGED, "a "
					    "recipient's body in its header is "
					    "damaged");
			total += (size_t)l;
			if (l < 64)
				break;
		}
		s->joined = malloc(total + 1);
		if (!s->joined)
			return fail(why, whylen, AGE_NO_MEMORY, "out of memory");
		size_t o = 0;
		for (size_t i = body_start; i < at; i++)
			if (in[i] != '\n')
				s->joined[o++] = (char)in[i];
		s->joined[o] = '\0';
		s->body = s->joined;
		s->bodyl = o;
	}
	if (!h->n)
		return fail(why, whylen, AGE_DAMAGED, "its header names no "
			    "recipient");
	return AGE_OK;
}

static int arg_is(const stanza *s, int i, const char *text)
{
	return i < s->nargs && s->argl[i] == strlen(text) &&
	       !memcmp(s->arg[i], text, s->argl[i]);
}

/* The file key from the X25519 stanzas, with one of keys. */
static int unwrap(const header *h, const age_key *keys, size_t n,
		  unsigned char file_key[16], char *why, size_t whylen)
{
	for (int i = 0; i < h->n; i++) {
		const stanza *s = &h->st[i];
		if (arg_is(s, 0, "scrypt"))
			return fail(why, whylen, AGE_OTHER_KEY, "it is sealed "
				    "with a passphrase, not with the key of "
				    "fu sync");
		if (!arg_is(s, 0, "X25519"))
			continue;
		unsigned char share[32], body[32];
		if (s->nargs != 2 || b64(s->arg[1], s->argl[1], share, 32) ||
		    b64(s->body, s->bodyl, body, 32))
			return fail(why, whylen, AGE_DAMAGED, "an X25519 "
				    "recipient in its header is damaged");
		for (size_t k = 0; k < n; k++) {
			unsigned char shared[32], salt[64], wrap[32];
			if (crypto_scalarmult(shared, keys[k].secret, share))
				return fail(why, whylen, AGE_DAMAGED, "an "
					    "X25519 recipient in its header is "
					    "damaged (a low-order share)");
			memcpy(salt, share, 32);
			memcpy(salt + 32, keys[k].public, 32);
			hkdf(wrap, shared, 32, salt, 64,
			     "age-encryption.org/v1/X25519");
			static const unsigned char zero[12];
			unsigned long long got = 0;
			int rc = crypto_aead_chacha20poly1305_ietf_decrypt(
				file_key, &got, NULL, body, 32, NULL, 0, zero,
				wrap);
			sodium_memzero(shared, sizeof shared);
			sodium_memzero(wrap, sizeof wrap);
			if (!rc && got == 16)
				return AGE_OK;
		}
	}
	return fail(why, whylen, AGE_OTHER_KEY, "it is sealed with another "
		    "key");
}

/* --- the whole file ------------------------------------------------------- */

int age_open(const age_key *keys, size_t n, const unsigned char *in,
	     size_t len, size_t max, unsigned char **out, size_t *outlen,
	     char *why, size_t whylen)
{
	*out = NULL;
	*outlen = 0;
	if (sodium_init() < 0)
		return fail(why, whylen, AGE_NO_MEMORY, "cannot start libsodium");
	header h;
	int rc = parse_header(in, len, &h, why, whylen);
	unsigned char file_key[16], key[32], mac[32], want[32];
	if (!rc)
		rc = unwrap(&h, keys, n, file_key, why, whylen);
	if (!rc) {
		/* the header, as it was written */
		static const unsigned char empty[1];
		hkdf(key, file_key, 16, empty, 0, "header");
		crypto_auth_hmacsha256(mac, in, h.mac_end, key);
		if (b64(h.mac, 43, want, 32) || sodium_memcmp(mac, want, 32))
			rc = fail(why, whylen, AGE_DAMAGED, "its header was "
				  "altered (its MAC does not match)");
	}
	size_t at = h.end;
	header_free(&h);
	if (!rc && len - at < 16)
		rc = fail(why, whylen, AGE_DAMAGED, "it is cut short (no "
			  "payload)");
	if (rc) {
		sodium_memzero(file_key, sizeof file_key);
		return rc;
	}
	hkdf(key, file_key, 16, in + at, 16, "payload");
	sodium_memzero(file_key, sizeof file_key);
	at += 16;
	/* the chunks: each but the last full; the last flagged in its
	 * nonce, empty only when the whole text is */
	size_t cap = len - at, o = 0;
	unsigned char *text = malloc(cap + 1);
	if (!text) {
		sodium_memzero(key, sizeof key);
		return fail(why, whylen, AGE_NO_MEMORY, "out of memory");
	}
	unsigned char nonce[12] = { 0 };
	for (uint64_t counter = 0;; counter++) {
		size_t left = len - at;
		int last = left <= CHUNK + TAG;
		size_t chunk = last ? left : CHUNK + TAG;
		for (int i = 0; i < 8; i++)
			nonce[10 - i] = (unsigned char)(counter >> (8 * i));
		nonce[11] = (unsigned char)last;
		unsigned long long got = 0;
		if (chunk < TAG ||
		    crypto_aead_chacha20poly1305_ietf_decrypt(text + o, &got,
			    NULL, in + at, chunk, NULL, 0, nonce, key)) {
			rc = fail(why, whylen, AGE_DAMAGED, "it was altered or "
				  "cut short (a chunk does not authenticate)");
			break;
		}
		if (last && !got && counter) {
			rc = fail(why, whylen, AGE_DAMAGED, "it is damaged (an "
				  "empty last chunk)");
			break;
		}
		o += (size_t)got;
		at += chunk;
		if (o > max) {
			rc = fail(why, whylen, AGE_TOO_BIG, "its text is too "
				  "long");
			break;
		}
		if (last)
			break;
	}
	sodium_memzero(key, sizeof key);
	if (rc) {
		sodium_memzero(text, cap);
		free(text);
		return rc;
	}
	text[o] = '\0';
	*out = text;
	*outlen = o;
	return AGE_OK;
}
