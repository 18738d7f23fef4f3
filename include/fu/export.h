/* SPDX-License-Identifier: MIT */
/*
 * export.h - the whole database as one JSON document (fu export).
 *
 * The export document, version 1 (fu-export(1) documents every field):
 *
 *   {"format": "fu-export", "version": 1, "exported": ISO,
 *    "companies": [{"id", "name", "created"}...],
 *    "contacts": [{"id", "name", "company", "title", "email", "phone",
 *                  "address", "prefers", "no_calls", "social_ok",
 *                  "notes", "created"}...],
 *    "applications": [{"id", "company", "role", "source", "url",
 *                      "notes", "no_calls", "no_follow_up",
 *                      "contacts": [ids], "created"}...],
 *    "events": [{"id", "kind", "at", "application", "contact",
 *                "with": [ids], "channel", "topics": [...], "expect",
 *                "until", "note", "action", "outcome", "urgent",
 *                "recorded", "added": [ids], and where set
 *                "topic_with": [id or null...], "occasion",
 *                "because"}...],
 *    "config": {"key": "value"...}}
 *
 * Companies are named by name (they are unique, case-insensitively),
 * everything else by number. Times are ISO 8601 with their offset. The
 * actions owed are not written: they are worked out again on import.
 */
#ifndef FU_EXPORT_H
#define FU_EXPORT_H

#include <stddef.h>

#include <cJSON.h>

#include "fu/fu.h"

#define FU_EXPORT_FORMAT "fu-export"
#define FU_EXPORT_VERSION 1

/* The whole database as the document above; *out belongs to the caller
 * (cJSON_Delete). "exported" is the handle's now, so that the same data
 * at the same --now gives the same bytes. */
int fu_export_json(cJSON **out, fu_db *db);

/* The same document written a piece at a time: fn gets its text in
 * order (the pieces together are cJSON_Print of fu_export_json's tree,
 * byte for byte, without a final newline), holding one record in memory
 * whatever the size. fn returns nonzero to stop: then FU_ERROR. */
typedef int (*fu_export_fn)(const char *text, size_t len, void *arg);
int fu_export_write(fu_db *db, fu_export_fn fn, void *arg);

#endif
