/* SPDX-License-Identifier: MIT */
/*
 * fuzz_mail.c - libFuzzer harness for fu-mail-read's readers: a message
 * as a file or descriptor gives it (mr_message_bytes), an mbox
 * (mr_mbox_bytes) and an iCalendar text (mr_calendar), in headers-only
 * and full mode.
 *
 * Input: byte 0 picks what the rest is: bits 0-1 0 a message, 1 an mbox,
 * 2 an iCalendar text, 3 a message as fu's second pass reads it (full);
 * bit 2 headers-only; bit 3 --max-bytes 2048 instead of the default (cut
 * messages). Whatever the bytes, the reader must write only records that
 * parse as JSON objects with a type, whose strings are UTF-8 without
 * control or bidirectional characters and within their bounds, and a
 * message must give exactly one record (message or skip); warnings must
 * be printable lines.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "mailread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Is S valid UTF-8 with none of the characters that must never leave? */
static int printable_utf8(const char *s, size_t *chars)
{
	const unsigned char *p = (const unsigned char *)s;
	*chars = 0;
	while (*p) {
		uint32_t cp;
		int n;
		if (p[0] < 0x80) {
			cp = p[0];
			n = 1;
		} else if ((p[0] & 0xe0) == 0xc0) {
			cp = p[0] & 0x1f;
			n = 2;
		} else if ((p[0] & 0xf0) == 0xe0) {
			cp = p[0] & 0x0f;
			n = 3;
		} else if ((p[0] & 0xf8) == 0xf0) {
			cp = p[0] & 0x07;
			n = 4;
		} else {
			return 0;
		}
		for (int i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
		    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		if ((cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp <= 0x9f) ||
		    cp == 0x061c || cp == 0x200e || cp == 0x200f ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return 0;
		p += n;
		(*chars)++;
	}
	return 1;
}

static void check_strings(const cJSON *v, const char *key)
{
	if (cJSON_IsString(v)) {
		size_t chars;
		if (!printable_utf8(v->valuestring, &chars))
			abort();
		if (key && !strcmp(key, "snippet") && chars > MR_MAX_SNIPPET)
			abort();
		if (key && !strcmp(key, "subject") && chars > MR_MAX_SUBJECT)
			abort();
		if (key && (!strcmp(key, "message_id") || !strcmp(key, "uid")) &&
		    strlen(v->valuestring) > MR_MAX_ID_BYTES)
			abort();
		return;
	}
	const cJSON *c;
	cJSON_ArrayForEach(c, v) {
		check_strings(c, c->string);
	}
}

static void shutdown_libraries(void)
{
	mr_shutdown();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (size < 1 || size > 256 * 1024)
		return 0;
	if (!ready) {
		atexit(shutdown_libraries);
		ready = 1;
	}
	int what = data[0] & 3;
	char *out = NULL, *err = NULL;
	size_t out_len = 0, err_len = 0;
	FILE *o = open_memstream(&out, &out_len);
	FILE *e = open_memstream(&err, &err_len);
	if (!o || !e)
		abort();
	mr_ctx c;
	mr_init(&c, o, e);
	c.raw_stderr = 1; /* a crash report inside libical must be seen */
	c.headers_only = what != 3 && (data[0] & 4);
	if (data[0] & 8)
		c.max_bytes = 2048;
	char *buf = malloc(size);
	if (!buf)
		abort();
	memcpy(buf, data + 1, size - 1);
	size_t len = size - 1;
	cJSON *rec = NULL;
	switch (what) {
	case 0:
	case 3:
		mr_begin(&c, "fuzz", -1);
		rec = cJSON_CreateObject();
		cJSON_AddStringToObject(rec, "type", "message");
		mr_message_bytes(&c, rec, buf, len, 1, what == 3);
		break;
	case 1:
		mr_mbox_bytes(&c, buf, len);
		break;
	case 2:
		mr_begin(&c, "fuzz.ics", -1);
		rec = cJSON_CreateObject();
		cJSON_AddStringToObject(rec, "type", "calendar");
		cJSON *cal = mr_calendar(&c, buf, len);
		if (cal) {
			cJSON_AddItemToObject(rec, "calendar", cal);
			mr_emit(&c, rec);
		} else {
			mr_skip(&c, rec, "not an iCalendar file");
		}
		break;
	}
	mr_ctx_done(&c);
	fclose(o);
	fclose(e);
	free(buf);

	/* every line a JSON object with a type, its strings printable */
	int records = 0;
	for (char *line = out, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			abort(); /* a record without its newline */
		*nl = '\0';
		cJSON *r = cJSON_Parse(line);
		if (!r || !cJSON_IsObject(r) ||
		    !cJSON_IsString(cJSON_GetObjectItem(r, "type")))
			abort();
		check_strings(r, NULL);
		cJSON_Delete(r);
		records++;
	}
	if ((what == 0 || what == 2 || what == 3) && records != 1)
		abort();
	/* warnings: printable lines, each "fu: warning: ..." */
	for (char *line = err, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl || strncmp(line, "fu: warning: ", 13) != 0)
			abort();
		*nl = '\0';
		size_t chars;
		if (!printable_utf8(line, &chars))
			abort();
	}
	free(out);
	free(err);
	return 0;
}
