/* SPDX-License-Identifier: MIT */
/*
 * config.h - the user's settings (fu config): their signature, whether they are
 * employed, and every number the rules use (config.c; store.c writes
 * them).
 */
#ifndef FU_CONFIG_H
#define FU_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"
#include "fu/params.h"

/* Known keys: user.name, user.email, user.phone, user.employed,
 * mail.from, mail.ats, mail.sendmail, the rule numbers of fu_params[]
 * (rules.h), and fu notify's notify.via, notify.max, notify.exec and
 * notify.terminal. */
typedef struct fu_config_key {
	const char *key;
	const char *def;  /* default shown by fu config --list, or NULL */
	const char *help;
	const char *values; /* the words it takes, space-separated ("true
	                       false"; for a list, each of its words), or
	                       NULL when it takes any text or a number */
} fu_config_key;
/* All known keys; *n gets the count. */
const fu_config_key *fu_config_keys(size_t *n);

/* *out is a malloc'd copy of the value; FU_ENOTFOUND when unset (the
 * caller may then show the default). Unknown keys are FU_EINVALID. */
int fu_config_get(char **out, fu_db *db, const char *key);
/* The same, or the key's default when it is not set (FU_ENOTFOUND only
 * when it has none). */
int fu_config_value(char **out, fu_db *db, const char *key);
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

/* The items of a list value (mail.from, mail.ats): separated by commas
 * or blanks, lower-cased, a domain's leading '@' dropped. FU_ERROR out
 * of memory. */
int fu_config_list_items(char ***out, size_t *n, const char *value);
void fu_config_list_items_free(char **items, size_t n);

/* The rule numbers in force (defaults overlaid with the user's). */
int fu_config_params(fu_rule_params *out, fu_db *db);

#endif
