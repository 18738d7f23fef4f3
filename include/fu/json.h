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
 *  "recorded","added":[ids]}, and where they have a value,
 *  "topic_with":[id or null, beside each topic], "occasion", "because" */
cJSON *fu_json_event(const fu_event *e);

/* The element of fu due --json: {"application":{"id","company","role"}
 * or null, "contact":{"id","name"} or null, "action","channel",
 * "not_before","due","state","rule","reason","key","snoozed","seq"} */
cJSON *fu_json_action(const fu_action_row *r, int64_t now);

#endif
