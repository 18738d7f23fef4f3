/*
 * store.h - contacts, applications, events and the actions owed, kept in
 * the user's SQLite file. Every write is one BEGIN IMMEDIATE transaction
 * that also brings the affected subjects' actions up to date, so reading
 * what is due never replays history.
 *
 * Numbers: applications and contacts share one sequence of numbers, so
 * "fu show 12" can only mean one thing. Events have numbers of their own.
 */
#ifndef FU_STORE_H
#define FU_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"
#include "fu/model.h"
#include "fu/rules.h"

/* --- contacts --------------------------------------------------------- */

/* Add c (c->name required; c->company, if set, is found or created by
 * name, case-insensitively). Sets c->id and c->created_at. */
int fu_contact_add(fu_db *db, fu_contact *c);
/* Read one; FU_ENOTFOUND when there is no such contact. */
int fu_contact_get(fu_contact **out, fu_db *db, int64_t id);
/* Write every field of c (by c->id) and refresh the actions it touches. */
int fu_contact_update(fu_db *db, const fu_contact *c);

typedef struct fu_contact_filter {
	const char *company; /* part of the company's name, or NULL */
} fu_contact_filter;
/* All contacts (matching filter, which may be NULL) by name. */
int fu_contact_list(fu_contact **out, size_t *n, fu_db *db,
		    const fu_contact_filter *filter);
void fu_contact_list_free(fu_contact *list, size_t n);
/* The same, one at a time, without holding them all: fn gets each (valid
 * during the call only); a non-zero return from fn stops the walk and is
 * returned. */
int fu_contact_each(fu_db *db, const fu_contact_filter *filter,
		    int (*fn)(const fu_contact *c, void *arg), void *arg);

/* --- applications ----------------------------------------------------- */

/* Add a (company and role required; a->contact_ids attached in order).
 * When applied_at is not 0, an applied event at that time is recorded in
 * the same transaction. Sets a->id and a->created_at. */
int fu_application_add(fu_db *db, fu_application *a, int64_t applied_at);
int fu_application_get(fu_application **out, fu_db *db, int64_t id);
/* Write every field of a (by a->id): company, role, source, url, notes,
 * flags, contacts; applied_at moves the first applied event (or records
 * one). Refreshes its actions. */
int fu_application_update(fu_db *db, const fu_application *a);

typedef enum {
	FU_STATUS_ANY = 0,
	FU_STATUS_OPEN,   /* not closed */
	FU_STATUS_CLOSED, /* closed with any outcome */
} fu_status_filter;

typedef struct fu_application_filter {
	fu_status_filter status;
	fu_outcome outcome;  /* with FU_STATUS_CLOSED: only this outcome */
	const char *company; /* part of the company's name, or NULL */
	int64_t contact_id;  /* attached to this contact, or 0 */
} fu_application_filter;
int fu_application_list(fu_application **out, size_t *n, fu_db *db,
			const fu_application_filter *filter);
void fu_application_list_free(fu_application *list, size_t n);
/* The same, one at a time, without holding them all: fn gets each (valid
 * during the call only); a non-zero return from fn stops the walk and is
 * returned. */
int fu_application_each(fu_db *db, const fu_application_filter *filter,
			int (*fn)(const fu_application *a, void *arg),
			void *arg);

/* The stage an application has reached, derived from its events:
 * "planned" (not applied), "applied", "interviewing", "offer", or the
 * outcome's name once closed. Static string. */
const char *fu_application_stage(fu_db *db, const fu_application *a);

/* Close: record a closed event with the outcome at time `at`. Closing a
 * closed application is FU_EINVALID. */
int fu_application_close(fu_db *db, int64_t id, fu_outcome outcome,
			 int64_t at, const char *note);

/* --- events ----------------------------------------------------------- */

/* Append e (kind, at, and application_id and/or contact_id set; with[]
 * and topics[] as given). Sets e->id and e->created_at. Checks that the
 * references exist and the kind fits the subject. */
int fu_event_add(fu_db *db, fu_event *e);
int fu_event_get(fu_event **out, fu_db *db, int64_t id);

/* The events of an application, or of a contact (logged on it, or with
 * it), oldest first. */
int fu_event_list(fu_event **out, size_t *n, fu_db *db,
		  int64_t application_id, int64_t contact_id);
void fu_event_list_free(fu_event *list, size_t n);

/* Remove the most recently recorded event (by number), optionally only
 * among those of one application or contact (0: any), and bring the
 * actions up to date. *out (may be NULL) receives the removed event.
 * FU_ENOTFOUND when there is none. */
int fu_event_undo(fu_event **out, fu_db *db, int64_t application_id,
		  int64_t contact_id);

/* --- references ------------------------------------------------------- */

enum {
	FU_REF_APPLICATION = 1 << 0,
	FU_REF_CONTACT = 1 << 1,
	FU_REF_ANY = FU_REF_APPLICATION | FU_REF_CONTACT
};

typedef struct fu_ref {
	int type;   /* FU_REF_APPLICATION or FU_REF_CONTACT */
	int64_t id;
} fu_ref;

/*
 * Resolve what a person typed: a number, or a case-insensitive part of a
 * company, role ("acme backend" also works) or person's name. An exact
 * match wins over partial ones; among applications, a single open one
 * wins over closed ones. FU_ENOTFOUND or FU_EAMBIGUOUS (the message lists
 * the candidates with their numbers) otherwise.
 */
int fu_ref_resolve(fu_ref *out, fu_db *db, const char *text, int types);

/* --- actions (what fu due shows) -------------------------------------- */

typedef struct fu_action_row {
	fu_action a;          /* as the engine produced it */
	int64_t id;           /* row number */
	char *company, *role; /* of a->application_id, or NULL */
	char *contact_name;   /* of a->contact_id, or NULL */
	int64_t subject_contact_id; /* networking subject, or 0 */
	char *subject_name;   /* that contact's name, or NULL */
} fu_action_row;

typedef struct fu_action_filter {
	int64_t until;          /* only not_before <= until (0: no limit) */
	int overdue_only;       /* only due < now */
	int64_t now;            /* for overdue_only */
	int64_t application_id; /* only this application (0: all) */
	int64_t contact_id;     /* only to or about this contact (0: all) */
	int by_application;     /* by application number first (networking
	                           actions, numbered 0, before the rest) */
} fu_action_filter;

/* Open actions, most urgent first (due, then not_before). */
int fu_action_list(fu_action_row **out, size_t *n, fu_db *db,
		   const fu_action_filter *filter);
void fu_action_list_free(fu_action_row *list, size_t n);

/* The same rows, one at a time, without holding them all: fn gets each
 * (its strings valid during the call only); a non-zero return from fn
 * stops the walk and is returned. */
int fu_action_each(fu_db *db, const fu_action_filter *filter,
		   int (*fn)(const fu_action_row *row, void *arg), void *arg);

/* Re-run the rules for every subject (after a change of the numbers, or
 * of the time zone). */
int fu_actions_recompute_all(fu_db *db);

/* --- configuration ---------------------------------------------------- */

/* Known keys: user.name, user.email, user.phone, user.employed, and the
 * rule numbers of fu_params[] (rules.h). */
typedef struct fu_config_key {
	const char *key;
	const char *def;  /* default shown by fu config --list, or NULL */
	const char *help;
} fu_config_key;
/* All known keys; *n gets the count. */
const fu_config_key *fu_config_keys(size_t *n);

/* *out is a malloc'd copy of the value; FU_ENOTFOUND when unset (the
 * caller may then show the default). Unknown keys are FU_EINVALID. */
int fu_config_get(char **out, fu_db *db, const char *key);
/* Validates value for the key (booleans, whole numbers in range,
 * e-mail addresses); FU_EINVALID with a message otherwise. */
int fu_config_set(fu_db *db, const char *key, const char *value);
int fu_config_unset(fu_db *db, const char *key);

typedef struct fu_config_entry {
	char *key, *value;
} fu_config_entry;
/* Every key that is set, by key. */
int fu_config_list(fu_config_entry **out, size_t *n, fu_db *db);
void fu_config_list_free(fu_config_entry *list, size_t n);

/* The rule numbers in force (defaults overlaid with the user's). */
int fu_config_params(fu_rule_params *out, fu_db *db);

/* --- database upkeep -------------------------------------------------- */

/* The schema version this fu writes, and the one in the file. */
int fu_db_schema_version(const fu_db *db);
#define FU_SCHEMA_VERSION 3

#endif
