/* SPDX-License-Identifier: MIT */
/*
 * config.c - the config table: the user's identity (the signature on
 * drafts), whether they are employed, and every number the rules use.
 * Values are validated on the way in, so what is stored always reads
 * back. (fu_config_set and fu_config_unset, which also bring the
 * actions owed up to date, are store.c's public writes.)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

enum { K_TEXT, K_EMAIL, K_BOOL, K_PARAM, K_ADDRESSES, K_DOMAINS, K_COMMAND };

#define NUSER 4
#define NMAIL 3

typedef struct key_def {
	fu_config_key pub;
	int type;
	int param; /* K_PARAM: index into fu_params */
} key_def;

static key_def keys[NUSER + NMAIL + FU_P__COUNT];
static size_t nkeys;
static char defaults[FU_P__COUNT][16];

static void init_keys(void)
{
	if (nkeys)
		return;
	static const key_def user[] = {
		{ { "user.name", NULL, "your full name, to sign drafts" },
		  K_TEXT, 0 },
		{ { "user.email", NULL, "your e-mail address, to sign drafts" },
		  K_EMAIL, 0 },
		{ { "user.phone", NULL, "your phone number, to sign drafts" },
		  K_TEXT, 0 },
		{ { "user.employed", "false", "true while you have a job: "
		    "closure then suggests withdrawing" }, K_BOOL, 0 },
	};
	static const key_def mail[] = {
		{ { "mail.from", NULL, "your other e-mail addresses (fu mail: "
		    "mail from them is yours), separated by commas" },
		  K_ADDRESSES, 0 },
		{ { "mail.ats", NULL, "more domains whose mail comes from "
		    "applicant tracking systems, separated by commas" },
		  K_DOMAINS, 0 },
		{ { "mail.sendmail", "sendmail -t -oi", "the program fu draft "
		    "--send hands a message to (a command line, no shell)" },
		  K_COMMAND, 0 },
	};
	_Static_assert(sizeof user / sizeof user[0] == NUSER, "NUSER");
	_Static_assert(sizeof mail / sizeof mail[0] == NMAIL, "NMAIL");
	size_t n = 0;
	for (size_t i = 0; i < sizeof user / sizeof user[0]; i++)
		keys[n++] = user[i];
	for (size_t i = 0; i < sizeof mail / sizeof mail[0]; i++)
		keys[n++] = mail[i];
	for (int p = 0; p < FU_P__COUNT; p++) {
		snprintf(defaults[p], sizeof defaults[p], "%d", fu_params[p].def);
		keys[n].pub.key = fu_params[p].key;
		keys[n].pub.def = defaults[p];
		keys[n].pub.help = fu_params[p].help;
		keys[n].type = K_PARAM;
		keys[n].param = p;
		n++;
	}
	nkeys = n;
}

const fu_config_key *fu_config_keys(size_t *n)
{
	static fu_config_key pub[NUSER + NMAIL + FU_P__COUNT];
	init_keys();
	for (size_t i = 0; i < nkeys; i++)
		pub[i] = keys[i].pub;
	*n = nkeys;
	return pub;
}

static const key_def *find_key(fu_db *db, const char *key)
{
	init_keys();
	for (size_t i = 0; key && i < nkeys; i++)
		if (strcmp(keys[i].pub.key, key) == 0)
			return &keys[i];
	fu__error(db, FU_EINVALID, "unknown configuration key '%s' (fu config "
		  "--list shows them all)", key ? key : "");
	return NULL;
}

static int parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(s, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

static int parse_int(const char *s, long *out)
{
	char *end = NULL;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || *s == ' ' || *s == '+')
		return -1;
	*out = v;
	return 0;
}

int fu_config_get(char **out, fu_db *db, const char *key)
{
	*out = NULL;
	if (!find_key(db, key))
		return FU_EINVALID;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT value FROM config WHERE key = ?");
	if (rc)
		return rc;
	fu__bind_text(st, 1, key);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		if (!(*out = fu__col_text(st, 0)))
			rc = fu__error(db, FU_ERROR, "out of memory");
	} else if (src == SQLITE_DONE) {
		rc = fu__error(db, FU_ENOTFOUND, "'%s' is not set", key);
	} else {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Whether s (len bytes) is a domain name: labels of letters, digits
 * and hyphens, at least two. */
static int is_domain(const char *s, size_t len)
{
	size_t label = 0, labels = 1;
	if (len == 0 || len > 253)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == '.') {
			if (label == 0 || s[i - 1] == '-')
				return 0;
			label = 0;
			labels++;
		} else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			   (ch >= '0' && ch <= '9') || (ch == '-' && label)) {
			if (++label > 63)
				return 0;
		} else {
			return 0;
		}
	}
	return label > 0 && labels >= 2;
}

/* A list of addresses or domains, separated by commas or blanks: each
 * item checked (fu_config_list_items splits it the same way). */
static int validate_list(fu_db *db, const key_def *k, const char *value,
			 const char *path)
{
	char where[320];
	if (path)
		snprintf(where, sizeof where, "%s: ", path);
	else
		snprintf(where, sizeof where, "%s: ", k->pub.key);
	int rc = fu__check_text(db, k->pub.key, value, 2000, 0), items = 0;
	if (rc)
		return rc;
	for (const char *p = value; *p;) {
		p += strspn(p, ", \t");
		size_t len = strcspn(p, ", \t");
		if (!len)
			break;
		char item[256];
		if (len >= sizeof item)
			return fu__error(db, FU_EINVALID, "%s'%.40s...' is too "
					 "long", where, p);
		memcpy(item, p, len);
		item[len] = '\0';
		items++;
		if (k->type == K_ADDRESSES && fu__check_email(db, item))
			return fu__error(db, FU_EINVALID, "%s'%s' is not an "
					 "e-mail address", where, item);
		if (k->type == K_DOMAINS &&
		    !is_domain(item[0] == '@' ? item + 1 : item,
			       strlen(item) - (item[0] == '@')))
			return fu__error(db, FU_EINVALID, "%s'%s' is not a "
					 "domain (like greenhouse.io)", where,
					 item);
		p += len;
	}
	if (!items)
		return fu__error(db, FU_EINVALID, "%s%s", where, k->type ==
				 K_ADDRESSES ? "no e-mail address in it"
				 : "no domain in it");
	return FU_OK;
}

/* Validate and normalise; *norm points into buf or at value. path
 * NULL: in fu config's words ("rules.nudge.days takes a whole number
 * ..."); else in an import's, after the value's place in its file
 * ("config.rules.nudge.days: expected a whole number ..."). */
static int validate(fu_db *db, const key_def *k, const char *value,
		    const char **norm, char *buf, size_t len, const char *path)
{
	int b, rc;
	long v;
	*norm = value;
	if (path && (rc = fu__check_text_at(db, path, value, FU__FIELD_MAX, 0)))
		return rc;
	switch (k->type) {
	case K_EMAIL: {
		char msg[600];
		if (!(rc = fu__check_email(db, value)) || !path)
			return rc;
		snprintf(msg, sizeof msg, "%s", fu_errmsg(db));
		return fu__error(db, FU_EINVALID, "%s: %s", path, msg);
	}
	case K_BOOL:
		if (!parse_bool(value, &b)) {
			*norm = b ? "true" : "false";
			return FU_OK;
		}
		if (path)
			return fu__error(db, FU_EINVALID, "%s: expected true or "
					 "false, not '%s'", path, value);
		return fu__error(db, FU_EINVALID, "%s takes true or false, "
				 "not '%s'", k->pub.key, value);
	case K_PARAM: {
		const fu_param_info *p = &fu_params[k->param];
		if (parse_int(value, &v) || v < p->min || v > p->max) {
			if (path)
				return fu__error(db, FU_EINVALID, "%s: expected "
						 "a whole number from %d to %d, "
						 "not '%s'", path, p->min,
						 p->max, value);
			return fu__error(db, FU_EINVALID, "%s takes a whole "
					 "number from %d to %d, not '%s'",
					 k->pub.key, p->min, p->max, value);
		}
		snprintf(buf, len, "%ld", v);
		*norm = buf;
		return FU_OK;
	}
	case K_ADDRESSES:
	case K_DOMAINS:
		return validate_list(db, k, value, path);
	case K_COMMAND: {
		int crc = fu__check_text(db, k->pub.key, value, 500, 0);
		char *w[FU__COMMAND_WORDS];
		size_t n = 0;
		if (!crc && !(crc = fu__command_split(db, w, &n, path ? path
						       : k->pub.key, value)))
			fu__command_free(w, n);
		return crc;
	}
	default:
		if (path && strspn(value, " \t") == strlen(value))
			return fu__error(db, FU_EINVALID, "%s: expected a "
					 "non-empty string, not %s", path,
					 *value ? "a string" : "an empty string");
		if (!*value)
			return fu__error(db, FU_EINVALID, "%s is empty",
					 k->pub.key);
		return fu__check_text(db, k->pub.key, value, 500, 0);
	}
}

/* Rule numbers and employment change what is owed everywhere. */
static int affects_rules(const key_def *k)
{
	return k->type == K_PARAM || k->type == K_BOOL;
}

int fu__config_check(fu_db *db, const char *key, const char *value,
		     const char **norm, char *buf, size_t len, int *affects)
{
	const key_def *k = find_key(db, key);
	if (!k)
		return FU_EINVALID;
	if (!value)
		return fu__error(db, FU_EINVALID, "missing value for %s", key);
	if (affects)
		*affects = affects_rules(k);
	return validate(db, k, value, norm, buf, len, NULL);
}

int fu__config_check_at(fu_db *db, const char *path, const char *key,
			const char *value, const char **norm, char *buf,
			size_t len)
{
	const key_def *k = find_key(db, key);
	if (!k)
		return FU_EINVALID;
	return validate(db, k, value, norm, buf, len, path);
}

int fu__config_known(fu_db *db, const char *key, int *affects)
{
	const key_def *k = find_key(db, key);
	if (!k)
		return FU_EINVALID;
	if (affects)
		*affects = affects_rules(k);
	return FU_OK;
}

int fu__config_put(fu_db *db, const char *key, const char *value,
		   int replace, int *changed)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, replace ?
		"INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT "
		"(key) DO UPDATE SET value = excluded.value" :
		"INSERT OR IGNORE INTO config (key, value) VALUES (?, ?)");
	if (rc)
		return rc;
	fu__bind_text(st, 1, key);
	fu__bind_text(st, 2, value);
	if ((rc = fu__step_done(db, st)))
		return rc;
	db->params_valid = 0;
	if (changed)
		*changed = sqlite3_changes(db->sql) > 0;
	return FU_OK;
}

int fu__config_delete(fu_db *db, const char *key)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "DELETE FROM config WHERE key = ?");
	if (rc)
		return rc;
	fu__bind_text(st, 1, key);
	if ((rc = fu__step_done(db, st)))
		return rc;
	if (sqlite3_changes(db->sql) == 0)
		return fu__error(db, FU_ENOTFOUND, "'%s' is not set", key);
	db->params_valid = 0;
	return FU_OK;
}

int fu_config_list(fu_config_entry **out, size_t *n, fu_db *db)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT key, value FROM config "
			     "ORDER BY key");
	if (rc)
		return rc;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		fu_config_entry *p = realloc(*out, (*n + 1) * sizeof *p);
		if (!p) {
			rc = fu__error(db, FU_ERROR, "out of memory");
			break;
		}
		*out = p;
		p[*n].key = fu__col_text(st, 0);
		p[*n].value = fu__col_text(st, 1);
		(*n)++;
	}
	if (!rc && src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	if (rc) {
		fu_config_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void fu_config_list_free(fu_config_entry *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].key);
		free(list[i].value);
	}
	free(list);
}

int fu_config_params(fu_rule_params *out, fu_db *db)
{
	fu_rule_params_default(out);
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT key, value FROM config WHERE "
		"key LIKE 'rules.%' OR key LIKE 'due.%' OR key = "
		"'user.employed'");
	if (rc)
		return rc;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);
		if (!k || !v)
			continue;
		if (strcmp(k, "user.employed") == 0) {
			parse_bool(v, &out->employed);
			continue;
		}
		for (int p = 0; p < FU_P__COUNT; p++)
			if (strcmp(fu_params[p].key, k) == 0)
				out->v[p] = atoi(v);
	}
	if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot read the database");
	sqlite3_finalize(st);
	return rc;
}

int fu_config_list_items(char ***out, size_t *n, const char *value)
{
	*out = NULL;
	*n = 0;
	for (const char *p = value ? value : ""; *p;) {
		p += strspn(p, ", \t");
		size_t len = strcspn(p, ", \t");
		if (!len)
			break;
		char **list = realloc(*out, (*n + 1) * sizeof *list);
		char *item = list ? malloc(len + 1) : NULL;
		if (!item) {
			if (list)
				*out = list;
			fu_config_list_items_free(*out, *n);
			*out = NULL;
			*n = 0;
			return FU_ERROR;
		}
		*out = list;
		size_t skip = *p == '@'; /* "@greenhouse.io": the domain */
		for (size_t i = skip; i < len; i++)
			item[i - skip] = (char)((p[i] >= 'A' && p[i] <= 'Z')
						? p[i] + 32 : p[i]);
		item[len - skip] = '\0';
		list[(*n)++] = item;
		p += len;
	}
	return FU_OK;
}

void fu_config_list_items_free(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}
