/* SPDX-License-Identifier: MIT */
/*
 * json.h - fu's records as JSON (cJSON), the shapes documented in the man
 * pages and kept stable (fields are only ever added). Times are ISO 8601
 * local times with their offset; unknown values are null.
 *
 * Each function returns a new object owned by the caller (cJSON_Delete),
 * or NULL when out of memory.
 */
#ifndef FU_JSON_H
#define FU_JSON_H

#include <cJSON.h>

#include "fu/model.h"
#include "fu/store.h"

/* An ISO 8601 string, or null for 0. */
cJSON *fu_json_time(int64_t t);

/* {"id","name","company","title","email","phone","address","prefers",
 *  "no_calls","social_ok","notes","created"} */
cJSON *fu_json_contact(const fu_contact *c);

/* {"id","company","role","source","url","notes","no_calls",
 *  "no_follow_up","applied","stage","status","outcome","closed",
 *  "created","contacts":[{"id","name"}...]}; people (may be NULL)
 * gives the attached contacts' names, in contact_ids order. */
cJSON *fu_json_application(const fu_application *a,
			   const fu_contact *people, size_t npeople);

/* An application as fu export stores it: {"id","company","role",
 * "source","url","notes","no_calls","no_follow_up","contacts":[ids],
 * "created"} (a's contact_ids read: fu_application_get, or a filter's
 * with_people). */
cJSON *fu_json_application_export(const fu_application *a);

/* {"id","kind","at","application","contact","with":[ids],"channel",
 *  "topics":[...],"expect","until","note","action","outcome","urgent",
 *  "recorded","added":[ids],"message_id"}, and where they have a value,
 *  "topic_with":[id or null, beside each topic], "occasion", "because" */
cJSON *fu_json_event(const fu_event *e);

/* The element of fu due --json: {"application":{"id","company","role"}
 * or null, "contact":{"id","name"} or null, "action","channel",
 * "not_before","due","state","rule","reason","key","snoozed","seq"} */
cJSON *fu_json_action(const fu_action_row *r, int64_t now);

/*
 * v as cJSON_Print() lays it out (the same tabs, newlines and ", "), but
 * always valid JSON that is safe on a terminal: a byte of a string that
 * is not part of valid UTF-8 (stored by another program) becomes
 * \ufffd; DEL, C1 controls, bidirectional controls and U+2028/U+2029
 * are written as \uNNNN escapes (the same text); numbers are exact (a
 * whole number whole: 9007199254740991, which cJSON prints as
 * 9.00719925474099e+15, another number). A malloc'd string (free()),
 * or NULL when out of memory.
 */
char *fu_json_print(const cJSON *v);

#endif
