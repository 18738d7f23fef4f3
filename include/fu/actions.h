/* SPDX-License-Identifier: MIT */
/*
 * actions.h - the actions owed (fu due): derived from the records by
 * the rules and kept up to date on every write (actions.c).
 */
#ifndef FU_ACTIONS_H
#define FU_ACTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"
#include "fu/rules.h"

typedef struct fu_action_row {
	fu_action a;          /* as the engine produced it */
	int64_t id;           /* row number */
	char *company, *role; /* of a->application_id, or NULL */
	char *contact_name;   /* of a->contact_id, or NULL */
	int64_t subject_contact_id; /* networking subject, or 0 */
	char *subject_name;   /* that contact's name, or NULL */
	char *joined;         /* rule 11: the key of the action whose message
	                         also serves this one, or NULL */
	char *also;           /* the keys that this one's message also serves,
	                         space-separated, or NULL */
} fu_action_row;

typedef struct fu_action_filter {
	int64_t until;          /* only not_before <= until (0: no limit) */
	int overdue_only;       /* only due < now */
	int64_t now;            /* for overdue_only; when set, also: overdue
	                           first, then due, then upcoming, and advice
	                           that lapsed before now left out */
	int with_riders;        /* also the actions another's message serves
	                           (always with an application or contact) */
	int64_t application_id; /* only this application (0: all) */
	int64_t contact_id;     /* only to or about this contact (0: all) */
	int by_application;     /* by application number first (networking
	                           actions, numbered 0, before the rest) */
} fu_action_filter;

/* Open actions, most urgent first (state when now is set, then due,
 * then not_before). */
int fu_action_list(fu_action_row **out, size_t *n, fu_db *db,
		   const fu_action_filter *filter);
void fu_action_list_free(fu_action_row *list, size_t n);

/* The same rows, one at a time, without holding them all: fn gets each
 * (its strings valid during the call only); a non-zero return from fn
 * stops the walk and is returned. */
int fu_action_each(fu_db *db, const fu_action_filter *filter,
		   int (*fn)(const fu_action_row *row, void *arg), void *arg);

/* How many rows fu_action_each would walk (fu due --count, --check,
 * the shell prompt): one count, no names read, no sort. */
int fu_action_count(fu_db *db, const fu_action_filter *filter, size_t *out);

/* When the last follow-up to a person was sent, as the rules recognised
 * it (rule 7: a thank-you is no follow-up); 0 when none was. */
int fu_action_last_follow_up(fu_db *db, int64_t contact_id, int64_t *at);

/* Re-run the rules for every subject (after a change of the numbers, or
 * of the time zone). */
int fu_actions_recompute_all(fu_db *db);

#endif
