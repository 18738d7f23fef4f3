/* SPDX-License-Identifier: MIT */
/*
 * fuzz_age.c - libFuzzer harness for fu-sync-open's reader of sealed
 * change files (cmd/sync/ageopen.c): files other machines push, hostile
 * input.
 *
 * Input: byte 0 picks what the rest is (bit 0: a key file, given to
 * age_keys_parse; else a sealed file, opened with the harness's key and
 * with a limit of 64 KiB when bit 1 is set, else 1 MiB). The contract:
 * a key file gives 1 to AGE_KEY_MAX keys, or AGE_DAMAGED with a reason;
 * a sealed file opens to at most the limit, its text followed by a NUL,
 * or is refused with a reason and no text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ageopen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the seeds in fuzz/corpus/age/ are sealed to this key (age -r
 * age15ev3dhv03r98j9ar4l22yx6lszdnpuza9v4zpaj26rwl8qcs8snqdj4267) */
static const char key_file[] =
	"# the fuzzing key: never a user's\n"
	"AGE-SECRET-KEY-1NCCVPAGZ8GTFX629RD5S5A042NC7D3JCSFR94AYU6FD9FS4EVQES0KHXMD\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static age_key key[AGE_KEY_MAX];
	static size_t nkey;
	char why[256];
	if (!nkey && age_keys_parse(key_file, sizeof key_file - 1, key, &nkey,
				    why, sizeof why) != AGE_OK)
		abort();
	if (size < 1)
		return 0;
	uint8_t mode = data[0];
	data++;
	size--;
	why[0] = '\0';
	if (mode & 1) {
		age_key keys[AGE_KEY_MAX];
		size_t n = 99;
		int rc = age_keys_parse((const char *)data, size, keys, &n, why,
					sizeof why);
		if (rc == AGE_OK && (n < 1 || n > AGE_KEY_MAX))
			abort();
		if (rc != AGE_OK && (rc != AGE_DAMAGED || !why[0]))
			abort();
		return 0;
	}
	size_t max = mode & 2 ? 65536 : 1 << 20;
	unsigned char *out = (unsigned char *)"x";
	size_t len = 1;
	int rc = age_open(key, nkey, data, size, max, &out, &len, why,
			  sizeof why);
	if (rc == AGE_OK) {
		if (!out || len > max || out[len] != '\0' || len > size)
			abort();
		free(out);
	} else if (out || len || !why[0] || rc == AGE_NO_MEMORY) {
		abort();
	}
	return 0;
}
