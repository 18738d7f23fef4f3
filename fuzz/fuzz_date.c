/* SPDX-License-Identifier: MIT */
/*
 * fuzz_date.c - libFuzzer harness for fu_date_parse() and the functions
 * that format what it returns.
 *
 * Input: byte 0 picks the flags and the time zone, bytes 1..8 the clock
 * ("now", little-endian seconds, folded into years 1900..2200), the rest
 * is the text a person typed. Whatever the text, the parser must return
 * 0 or FU_EINVALID with a message, and a parsed instant must format.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fu/date.h"
#include "fu/fu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const zones[] = {
	"Europe/Berlin", "America/New_York", "UTC", "Australia/Lord_Howe",
	"Pacific/Kiritimati", "America/St_Johns", "Asia/Kathmandu",
	"America/Santiago",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int last_zone = -1;
	if (size < 9 || size > 4096)
		return 0;
	int zone = data[0] >> 5;
	if (zone != last_zone) {
		setenv("TZ", zones[zone], 1);
		tzset();
		last_zone = zone;
	}
	int flags = data[0] & 3;
	uint64_t raw = 0;
	for (int i = 0; i < 8; i++)
		raw |= (uint64_t)data[1 + i] << (8 * i);
	/* 1900-01-01 .. about 2200: where a person's clock can be */
	int64_t now = -2208988800LL + (int64_t)(raw % 9467280000ULL);

	char *text = malloc(size - 9 + 1);
	if (!text)
		return 0;
	memcpy(text, data + 9, size - 9);
	text[size - 9] = '\0';

	int64_t t = 0;
	int has_time = -1;
	char err[256];
	err[0] = '\0';
	int rc = fu_date_parse(&t, &has_time, text, now, flags, err,
			       sizeof err);
	if (rc == FU_OK) {
		if (has_time != 0 && has_time != 1)
			abort();
		char iso[FU_ISO_LEN], day[11], human[FU_HUMAN_LEN],
		     rel[FU_REL_LEN];
		fu_time_iso(iso, t);
		fu_time_day(day, t);
		fu_time_human(human, t, now, has_time);
		fu_time_relative(rel, t, now);
		(void)fu_time_weekday(t);
		(void)fu_time_days_between(now, t);
		int64_t s = fu_time_start_of_day(t);
		(void)fu_time_business_day(s);
		(void)fu_time_add_days(t, 14);
		if (strlen(iso) >= FU_ISO_LEN || strlen(human) >= FU_HUMAN_LEN ||
		    strlen(rel) >= FU_REL_LEN)
			abort();
	} else {
		/* a refusal says why (it may quote the input as typed: the
		 * CLI makes control characters visible when it prints) */
		if (rc != FU_EINVALID || !err[0] || strlen(err) >= sizeof err)
			abort();
	}
	/* no message buffer at all must be fine too */
	(void)fu_date_parse(&t, NULL, text, now, flags, NULL, 0);
	free(text);
	return 0;
}
