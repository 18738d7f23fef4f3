/* SPDX-License-Identifier: MIT */
/*
 * config.c - the config table: the user's identity (the signature on
 * drafts), whether they are employed, every number the rules use, and
 * what fu report holds a week against (report.*).
 * Values are validated on the way in, so what is stored always reads
 * back. (fu_config_set and fu_config_unset, which also bring the
 * actions owed up to date, are store.c's public writes.)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fu/report.h"
#include "internal.h"

/* K_ADDRESSES, K_DOMAINS: lists (fu_config_list_items); K_COMMAND: a
 * command line run without a shell (cmdline.c, spawn.h); K_RULES: the
 * id of report rules; K_COUNT: a whole number in 0..param that no
 * follow-up rule uses; K_CHOICE: one of the words of choices
 * ("week|month"); K_ACTIVITIES, K_FIELDS: fu report's words, a list;
 * K_VIA: the methods of notify.via; K_NUM: a whole number from min to
 * max that the rules do not use. */
enum { K_TEXT, K_EMAIL, K_BOOL, K_PARAM, K_ADDRESS, K_ADDRESSES, K_DOMAINS,
       K_COMMAND, K_RULES, K_COUNT, K_CHOICE, K_ACTIVITIES, K_FIELDS, K_VIA,
       K_NUM };

#define NUSER 6 /* user.* and core.pager */
#define NMAIL 3

typedef struct key_def {
	fu_config_key pub;
	int type;
	int param; /* K_PARAM: index into fu_params; K_COUNT: the most */
	int min, max; /* K_NUM */
} key_def;

/* fu report: the rules it applies when --rules is not given, and the
 * custom rules (report_rules.c gives their defaults); K_CHOICE's words
 * in choices below. */
static const key_def report_keys[] = {
	{ { "report.rules", NULL, "the rules fu report applies when "
	    "--rules is not given: wa, ny, ne, nc, de or custom",
	    "wa ny ne nc de custom" },
	  K_RULES, 0, 0, 0 },
	{ { "report.custom.name", "custom rules", "custom rules: who asks "
	    "(the agency's name, shown on the report)", NULL },
	  K_TEXT, 0, 0, 0 },
	{ { "report.custom.source", NULL, "custom rules: where they are "
	    "written (shown on the report)", NULL }, K_TEXT, 0, 0, 0 },
	{ { "report.custom.minimum", "3", "custom rules: activities a week "
	    "(or month)", NULL }, K_COUNT, 1000, 0, 0 },
	{ { "report.custom.per", "week", "custom rules: week or month",
	    "week month" },
	  K_CHOICE, 0, 0, 0 },
	{ { "report.custom.week-start", "sunday", "custom rules: the day "
	    "a week starts, sunday or monday",
	    "sunday monday" },
	  K_CHOICE, 0, 0, 0 },
	{ { "report.custom.applications", "0", "custom rules: of the "
	    "minimum, at least this many applications", NULL },
	  K_COUNT, 1000, 0, 0 },
	{ { "report.custom.distinct-employers", "0", "custom rules: "
	    "different employers a week (or month)", NULL },
	  K_COUNT, 1000, 0, 0 },
	{ { "report.custom.distinct-days", "0", "custom rules: activities "
	    "on this many different days of a week (or month)", NULL },
	  K_COUNT, 31, 0, 0 },
	{ { "report.custom.counts", "application,interview,follow-up,"
	    "meeting,networking", "custom rules: the activities that count", NULL },
	  K_ACTIVITIES, 0, 0, 0 },
	{ { "report.custom.fields", "date,employer,position,method",
	    "custom rules: what each row must show (date, employer, "
	    "position, person, method, address, phone, contact, result)", NULL },
	  K_FIELDS, 0, 0, 0 },
};
#define NREPORT (sizeof report_keys / sizeof report_keys[0])

static const struct {
	const char *key, *words;
} choices[] = {
	{ "report.custom.per", "week|month" },
	{ "report.custom.week-start", "sunday|monday" },
};

static const char *choices_of(const key_def *k)
{
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
		if (!strcmp(choices[i].key, k->pub.key))
			return choices[i].words;
	return "";
}


/* The command a click on fu notify's notification runs: fu due in a
 * terminal that stays open until Enter is pressed. */
#define NOTIFY_TERMINAL "x-terminal-emulator -e sh -c 'fu due; printf " \
	"\"\\nPress Enter to close. \"; read -r _'"

static const key_def other_keys[] = {
	{ { "notify.exec", NULL, "a command fu notify gives the digest to, as "
	    "JSON on its standard input", NULL }, K_COMMAND, 0, 0, 0 },
	{ { "notify.max", "5", "how many actions fu notify names (the count "
	    "covers them all)", NULL }, K_NUM, 0, 1, 100 },
	{ { "notify.terminal", NOTIFY_TERMINAL, "what a click on fu notify's "
	    "desktop notification runs", NULL }, K_COMMAND, 0, 0, 0 },
	{ { "notify.via", "desktop", "how fu notify delivers: desktop, mail, "
	    "exec, or several separated by commas", "desktop mail exec" },
	  K_VIA, 0, 0, 0 },
};
#define NOTHER (sizeof other_keys / sizeof other_keys[0])

static key_def keys[NUSER + NMAIL + FU_P__COUNT + NREPORT + NOTHER];
static size_t nkeys;
static char defaults[FU_P__COUNT][16];

static void init_keys(void)
{
	if (nkeys)
		return;
	static const key_def user[] = {
		{ { "user.name", NULL, "your full name, to sign drafts", NULL },
		  K_TEXT, 0, 0, 0 },
		{ { "user.email", NULL, "your e-mail address, to sign drafts",
		    NULL },
		  K_EMAIL, 0, 0, 0 },
		{ { "user.phone", NULL, "your phone number, to sign drafts",
		    NULL },
		  K_TEXT, 0, 0, 0 },
		{ { "user.address", NULL, "your postal address, at the head of "
		    "letters (several lines, or one with commas)", NULL },
		  K_ADDRESS, 0, 0, 0 },
		{ { "user.employed", "false", "true while you have a job: "
		    "closure then suggests withdrawing", "true false" },
		  K_BOOL, 0, 0, 0 },
		{ { "core.pager", NULL, "the pager for long output on a "
		    "terminal, a shell command (FU_PAGER wins; default: "
		    "$PAGER, else less); cat for none", NULL }, K_TEXT, 0, 0, 0 },
	};
	static const key_def mail[] = {
		{ { "mail.from", NULL, "your other e-mail addresses (fu mail: "
		    "mail from them is yours), separated by commas", NULL },
		  K_ADDRESSES, 0, 0, 0 },
		{ { "mail.ats", NULL, "more domains whose mail comes from "
		    "applicant tracking systems, separated by commas", NULL },
		  K_DOMAINS, 0, 0, 0 },
		{ { "mail.sendmail", "sendmail -t -oi", "the program fu draft "
		    "--send and fu notify hand a message to (a command line, "
		    "no shell)", NULL },
		  K_COMMAND, 0, 0, 0 },
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
		keys[n].pub.values = NULL;
		keys[n].type = K_PARAM;
		keys[n].param = p;
		n++;
	}
	for (size_t i = 0; i < NREPORT; i++)
		keys[n++] = report_keys[i];
	for (size_t i = 0; i < NOTHER; i++)
		keys[n++] = other_keys[i];
	nkeys = n;
}

const fu_config_key *fu_config_keys(size_t *n)
{
	static fu_config_key pub[NUSER + NMAIL + FU_P__COUNT + NREPORT + NOTHER];
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

int fu_config_value(char **out, fu_db *db, const char *key)
{
	int rc = fu_config_get(out, db, key);
	if (rc != FU_ENOTFOUND)
		return rc;
	const key_def *k = find_key(db, key);
	if (!k->pub.def)
		return fu__error(db, FU_ENOTFOUND, "'%s' is not set", key);
	if (!(*out = fu__strdup(k->pub.def)))
		return fu__error(db, FU_ERROR, "out of memory");
	return FU_OK;
}

/* The message for a value a key does not take, in fu config's words or
 * an import's (see validate). */
static int bad_value(fu_db *db, const key_def *k, const char *path,
		     const char *takes, const char *value)
{
	if (path)
		return fu__error(db, FU_EINVALID, "%s: expected %s, not '%s'",
				 path, takes, value);
	return fu__error(db, FU_EINVALID, "%s takes %s, not '%s'", k->pub.key,
			 takes, value);
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
	if (path && (rc = fu__check_text_at(db, path, value, FU__FIELD_MAX,
						  k->type == K_ADDRESS)))
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
	case K_RULES:
		if (!strcmp(value, "custom") || fu_report_rules_find(value))
			return FU_OK;
		return bad_value(db, k, path, fu_report_rules_names(), value);
	case K_COUNT:
		if (parse_int(value, &v) || v < 0 || v > k->param) {
			char range[64];
			snprintf(range, sizeof range, "a whole number from 0 "
				 "to %d", k->param);
			return bad_value(db, k, path, range, value);
		}
		snprintf(buf, len, "%ld", v);
		*norm = buf;
		return FU_OK;
	case K_CHOICE: {
		const char *c = choices_of(k);
		for (;;) {
			size_t n = strcspn(c, "|");
			if (strlen(value) == n && !strncasecmp(c, value, n)) {
				snprintf(buf, len, "%.*s", (int)n, c);
				*norm = buf;
				return FU_OK;
			}
			if (!c[n])
				break;
			c += n + 1;
		}
		char words[64];
		snprintf(words, sizeof words, "%s", choices_of(k));
		for (char *q = words; (q = strchr(q, '|'));)
			*q = '/';
		return bad_value(db, k, path, words, value);
	}
	case K_ACTIVITIES:
	case K_FIELDS: {
		unsigned mask = 0;
		int bad = k->type == K_FIELDS
			? fu_report_parse_fields(&mask, value)
			: fu_report_parse_activities(&mask, value);
		if (bad)
			return bad_value(db, k, path, k->type == K_FIELDS
				? "a list of date, employer, position, person, "
				  "method, address, phone, contact, result"
				: "a list of application, interview, follow-up, "
				  "meeting, networking", value);
		if (k->type == K_FIELDS)
			fu_report_fields_text(buf, len, mask);
		else
			fu_report_activities_text(buf, len, mask);
		*norm = buf;
		return FU_OK;
	}
	case K_NUM:
	case K_PARAM: {
		const fu_param_info *p = k->type == K_PARAM ? &fu_params[k->param]
			: &(fu_param_info){ .min = k->min, .max = k->max };
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
	case K_ADDRESS: {
		size_t lines = 1;
		for (const char *p = value; *p; p++)
			lines += *p == '\n';
		if (strspn(value, " \t\r\n") == strlen(value))
			return path ? fu__error(db, FU_EINVALID, "%s: expected "
						"a postal address, not %s", path,
						*value ? "only blanks"
						: "an empty string")
				    : fu__error(db, FU_EINVALID, "%s is empty",
						k->pub.key);
		if ((rc = path ? fu__check_text_at(db, path, value,
						   FU__FIELD_MAX, 1)
			       : fu__check_text(db, k->pub.key, value,
						FU__FIELD_MAX, 1)))
			return rc;
		if (lines > 8)
			return path ? fu__error(db, FU_EINVALID, "%s: a postal "
						"address of at most 8 lines, "
						"not %zu", path, lines)
				    : fu__error(db, FU_EINVALID, "%s takes a "
						"postal address of at most 8 "
						"lines, not %zu", k->pub.key,
						lines);
		return FU_OK;
	}
	case K_ADDRESSES:
	case K_DOMAINS:
		return validate_list(db, k, value, path);
	case K_COMMAND: {
		/* split as fu draft --send and fu notify split it when they
		 * run it (cmdline.c) */
		int crc = fu__check_text(db, k->pub.key, value, 500, 0);
		char **argv = NULL;
		if (!crc)
			crc = fu__command_split(&argv, NULL, db, path ? path
						: k->pub.key, value);
		fu__command_free(argv);
		return crc;
	}
	case K_VIA: {
		char msg[600];
		fu_notify_method m[FU_NOTIFY__COUNT];
		size_t n = 0;
		if ((rc = fu__check_text(db, k->pub.key, value, FU__FIELD_MAX, 0)))
			return rc;
		rc = fu_notify_via_parse(m, &n, db, value, buf, len);
		*norm = buf;
		if (rc && path) {
			snprintf(msg, sizeof msg, "%s", fu_errmsg(db));
			return fu__error(db, rc, "%s: %s", path, msg);
		}
		return rc;
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
