/* SPDX-License-Identifier: MIT */
/*
 * import.c - an export document read back into the database (fu import,
 * and --merge).
 *
 * The document is read as a stream, one record at a time, in bounded
 * memory whatever its size: a scanner walks the top-level object and
 * hands each value (each element of the record arrays) to cJSON alone.
 * The file is read several times: first its top-level members (the
 * format, the version, the settings), then every record, checked with
 * the checks fu add and fu log apply (the owners' fu__check_*) and its
 * number put in an index (a temporary table, on disk), then every
 * reference looked up in that index; all of that with no lock held.
 * Then, in one BEGIN IMMEDIATE transaction, the records are written
 * through the owners (companies, contacts, applications, events, in that
 * order) and the actions owed worked out; any failure rolls it all back.
 * Messages name the place in the document as a path: "events[4].
 * application: no application 17 in the file", or a line and column.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/json.h"
#include "fu/transfer.h"
#include "fu/uuid.h"
#include "internal.h"

int fu__import_finish(fu_db *db)
{
	/* the settings may have changed: read the rule numbers again */
	db->params_valid = 0;
	int rc = fu__application_sync_outcome(db, 0);
	return rc ? rc : fu__refresh_all(db);
}

/* --- import: reading the document ----------------------------------------- */

/* The sections of a document, in the order they are written. */
enum { S_COMPANIES, S_CONTACTS, S_APPLICATIONS, S_EVENTS, S__COUNT };
static const char *const section_keys[S__COUNT] = {
	"companies", "contacts", "applications", "events"
};

/* A number of the file: contacts and applications share them. */
enum { K_CONTACT, K_APPLICATION, K_EVENT, K_COMPANY };

typedef struct setting {
	const char *key;
	char *value; /* normalised, owned */
} setting;

typedef struct imp {
	fu_db *db;
	int flags;
	FILE *f;                 /* the document, read again for each pass */
	off_t start;             /* where it begins in f */
	uint64_t size;           /* its bytes, 0 when unknown */
	fu_progress_fn progress;
	void *arg;
	cJSON *config;           /* the settings as the file has them */
	setting *cf;
	size_t ncf;
	size_t count[S__COUNT];  /* records of each section */
	int order_ok;            /* the sections come in S_ order */
	int indexed;             /* the index table exists */
	size_t pending;          /* records indexed since the last commit */
	char *key;               /* an action key rewritten (--merge) */
} imp;

static void imp_free(imp *m)
{
	for (size_t i = 0; i < m->ncf; i++)
		free(m->cf[i].value);
	free(m->cf);
	cJSON_Delete(m->config);
	free(m->key);
}

static int bad(imp *m, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int bad(imp *m, const char *path, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return fu__error(m->db, FU_EINVALID, "%s: %s", path, msg);
}

static int oom(imp *m)
{
	return fu__error(m->db, FU_ERROR, "out of memory");
}

static const char *what_is(const cJSON *v)
{
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsTrue(v))
		return "true";
	if (cJSON_IsFalse(v))
		return "false";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsString(v))
		return v->valuestring[0] ? "a string" : "an empty string";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsObject(v))
		return "an object";
	return "something else";
}

static int expected(imp *m, const char *path, const cJSON *v,
		    const char *want)
{
	if (!v)
		return bad(m, path, "missing (expected %s)", want);
	return bad(m, path, "expected %s, not %s", want, what_is(v));
}

/* base.key into buf */
static const char *at(char *buf, size_t len, const char *base,
		      const char *key)
{
	snprintf(buf, len, "%s.%s", base, key);
	return buf;
}

/* Every member of obj is one of allowed (NULL-terminated), once. */
static int check_members(imp *m, const cJSON *obj, const char *base,
			 const char *const *allowed, const char *what)
{
	char path[256];
	for (const cJSON *c = obj->child; c; c = c->next) {
		int known = 0;
		for (size_t i = 0; allowed[i] && !known; i++)
			known = strcmp(allowed[i], c->string) == 0;
		at(path, sizeof path, base, c->string);
		if (!known) {
			fu_buf list = FU_BUF_INIT;
			for (size_t i = 0; allowed[i]; i++)
				fu_buf_printf(&list, "%s%s", i ? ", " : "",
					      allowed[i]);
			int rc = bad(m, path, "unknown field (%s has: %s)",
				     what, list.data);
			fu_buf_free(&list);
			return rc;
		}
		for (const cJSON *d = obj->child; d != c; d = d->next)
			if (strcmp(d->string, c->string) == 0)
				return bad(m, path, "given twice");
	}
	return FU_OK;
}

enum { F_REQUIRED = 1 };

/* A string member, or NULL for null; never "" (as fu add refuses --email
 * ""), nor blanks when required. Its text is checked with its record
 * (fu__check_contact and the like). */
static int get_str(imp *m, const cJSON *obj, const char *base,
		   const char *key, int flags, const char **out)
{
	char path[256];
	at(path, sizeof path, base, key);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = NULL;
	if (!v || cJSON_IsNull(v)) {
		if (flags & F_REQUIRED)
			return expected(m, path, v, "a non-empty string");
		return FU_OK;
	}
	if (!cJSON_IsString(v))
		return expected(m, path, v, flags & F_REQUIRED ?
				"a non-empty string" : "a string or null");
	const char *s = v->valuestring;
	if ((flags & F_REQUIRED) && strspn(s, " \t") == strlen(s))
		return bad(m, path, "expected a non-empty string, not %s",
			   *s ? "only blanks" : "an empty string");
	if (!*s)
		return bad(m, path, "expected a non-empty string or null, not "
			   "an empty string");
	*out = s;
	return FU_OK;
}

/* A string that this reader parses or compares (a kind, a source, a
 * company's name), and may quote in a message: its text is checked
 * first. */
static int get_word(imp *m, const cJSON *obj, const char *base,
		    const char *key, int flags, size_t max, const char **out)
{
	char path[256];
	int rc = get_str(m, obj, base, key, flags, out);
	if (rc || !*out)
		return rc;
	if ((rc = fu__check_text_at(m->db, at(path, sizeof path, base, key),
				      *out, max, 0)))
		*out = NULL;
	return rc;
}

static int get_bool(imp *m, const cJSON *obj, const char *base,
		    const char *key, int *out)
{
	char path[256];
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = 0;
	if (!v || cJSON_IsNull(v))
		return FU_OK;
	if (!cJSON_IsBool(v))
		return expected(m, at(path, sizeof path, base, key), v,
				"true or false");
	*out = cJSON_IsTrue(v);
	return FU_OK;
}

/* FU_ID_MAX, 2^53 - 1: every number up to it is exact in a double, and
 * a number written above it may have been rounded to it or below by
 * whoever read it last (2^53 + 1 reads as 2^53): refused, never
 * silently renumbered. */
#define MAX_ID ((double)FU_ID_MAX)

static int as_id(imp *m, const char *path, const cJSON *v, int64_t *out)
{
	if (cJSON_IsNumber(v) && v->valuedouble > MAX_ID)
		return expected(m, path, v, "a whole number from 1 to "
				"9007199254740991");
	if (!cJSON_IsNumber(v) || v->valuedouble < 1 ||
	    (double)(int64_t)v->valuedouble != v->valuedouble)
		return expected(m, path, v, "a whole number above 0");
	*out = (int64_t)v->valuedouble;
	return FU_OK;
}

static int get_id(imp *m, const cJSON *obj, const char *base,
		  const char *key, int required, int64_t *out)
{
	char path[256];
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	at(path, sizeof path, base, key);
	*out = 0;
	if (!v || cJSON_IsNull(v)) {
		if (required)
			return expected(m, path, v, "a whole number above 0");
		return FU_OK;
	}
	return as_id(m, path, v, out);
}

/* YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM) */
static int iso_form(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd";
	size_t i;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9')
				    : s[i] != shape[i])
			return 0;
	if (s[i] == ':') {
		if (!(s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' &&
		      s[i + 2] <= '9'))
			return 0;
		i += 3;
	}
	if (s[i] == 'Z')
		return s[i + 1] == '\0';
	if (s[i] != '+' && s[i] != '-')
		return 0;
	const char *o = s + i + 1;
	return o[0] >= '0' && o[0] <= '9' && o[1] >= '0' && o[1] <= '9' &&
	       o[2] == ':' && o[3] >= '0' && o[3] <= '9' && o[4] >= '0' &&
	       o[4] <= '9' && o[5] == '\0';
}

static const char iso_want[] = "an ISO 8601 time with its offset, like "
	"2026-11-10T14:00:00+01:00";
static const char day_want[] = "an ISO 8601 time with its offset, like "
	"2026-11-10T14:00:00+01:00, or a whole day, like 2026-11-10";

static int get_time(imp *m, const cJSON *obj, const char *base,
		    const char *key, int required, int64_t *out)
{
	char path[256];
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	at(path, sizeof path, base, key);
	*out = 0;
	if (!v || cJSON_IsNull(v)) {
		if (required)
			return expected(m, path, v, iso_want);
		return FU_OK;
	}
	if (!cJSON_IsString(v))
		return expected(m, path, v, iso_want);
	const char *s = v->valuestring;
	int rc = fu__check_text_at(m->db, path, s, 64, 0);
	if (rc)
		return rc;
	if (!iso_form(s))
		return bad(m, path, "expected %s, not '%s'", iso_want, s);
	char err[512];
	if (fu_date_parse(out, NULL, s, m->db->now, 0, err, sizeof err)) {
		char *use = strstr(err, "; use ");
		if (use)
			*use = '\0';
		return bad(m, path, "%s", err);
	}
	return FU_OK;
}

/* A date (a whole local day, *day = 1) or a time with its offset. */
static int get_day_or_time(imp *m, const cJSON *obj, const char *base,
			   const char *key, int64_t *out, int *day)
{
	char path[256];
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*day = 0;
	if (v && cJSON_IsString(v) && strlen(v->valuestring) == 10) {
		at(path, sizeof path, base, key);
		const char *s = v->valuestring;
		int has_time = 1;
		for (int i = 0; i < 10; i++)
			if (i == 4 || i == 7 ? s[i] != '-'
					     : !(s[i] >= '0' && s[i] <= '9'))
				return bad(m, path, "expected %s, not '%s'",
					   day_want, s);
		if (fu_date_parse(out, &has_time, s, m->db->now, 0, NULL, 0) ||
		    has_time)
			return bad(m, path, "expected %s, not '%s'", day_want,
				   s);
		*day = 1;
		return FU_OK;
	}
	return get_time(m, obj, base, key, 0, out);
}

/* An array member (or null/missing: n = 0). */
static int get_array(imp *m, const cJSON *obj, const char *base,
		     const char *key, const cJSON **out, size_t *n)
{
	char path[256];
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = NULL;
	*n = 0;
	if (!v || cJSON_IsNull(v))
		return FU_OK;
	if (!cJSON_IsArray(v))
		return expected(m, at(path, sizeof path, base, key), v,
				"an array");
	*out = v;
	*n = (size_t)cJSON_GetArraySize(v);
	return FU_OK;
}

/* An identifier (uuid.h), optional: an older fu's export has none, and
 * the records then get new ones. */
static int get_uuid(imp *m, const cJSON *obj, const char *base,
		    char out[FU_UUID_LEN])
{
	char path[256];
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "uuid");
	out[0] = '\0';
	if (!v || cJSON_IsNull(v))
		return FU_OK;
	at(path, sizeof path, base, "uuid");
	if (!cJSON_IsString(v))
		return expected(m, path, v, "an identifier (a UUID, as fu "
				"export writes them) or null");
	int rc = fu__check_text_at(m->db, path, v->valuestring, 64, 0);
	if (rc)
		return rc;
	if (!fu_uuid_valid(v->valuestring))
		return bad(m, path, "expected an identifier (a UUID in lower "
			   "case, as fu export writes them), not '%s'",
			   v->valuestring);
	memcpy(out, v->valuestring, FU_UUID_LEN);
	return FU_OK;
}

static const char *const company_fields[] = { "id", "name", "created", NULL };

typedef struct company_rec {
	int64_t id;
	const char *name;
	int64_t created;
} company_rec;

static int read_company(imp *m, const cJSON *o, const char *base,
			company_rec *c)
{
	int rc;
	if (!cJSON_IsObject(o))
		return expected(m, base, o, "an object");
	if ((rc = check_members(m, o, base, company_fields, "a company")) ||
	    (rc = get_id(m, o, base, "id", 1, &c->id)) ||
	    (rc = get_word(m, o, base, "name", F_REQUIRED, FU__NAME_MAX,
			   &c->name)) ||
	    (rc = get_time(m, o, base, "created", 0, &c->created)))
		return rc;
	return FU_OK;
}

static const char *const contact_fields[] = { "id", "name", "company",
	"title", "email", "phone", "address", "prefers", "no_calls",
	"social_ok", "notes", "created", "uuid", NULL };

static int read_contact(imp *m, const cJSON *o, const char *base,
			fu_contact *c)
{
	const char *company, *title, *email, *phone, *address, *prefers,
		   *notes, *name;
	char path[256];
	int rc;
	if (!cJSON_IsObject(o))
		return expected(m, base, o, "an object");
	if ((rc = check_members(m, o, base, contact_fields, "a contact")) ||
	    (rc = get_id(m, o, base, "id", 1, &c->id)) ||
	    (rc = get_str(m, o, base, "name", F_REQUIRED, &name)) ||
	    (rc = get_str(m, o, base, "company", 0, &company)) ||
	    (rc = get_str(m, o, base, "title", 0, &title)) ||
	    (rc = get_str(m, o, base, "email", 0, &email)) ||
	    (rc = get_str(m, o, base, "phone", 0, &phone)) ||
	    (rc = get_str(m, o, base, "address", 0, &address)) ||
	    (rc = get_word(m, o, base, "prefers", 0, FU__FIELD_MAX,
			   &prefers)) ||
	    (rc = get_bool(m, o, base, "no_calls", &c->no_calls)) ||
	    (rc = get_bool(m, o, base, "social_ok", &c->social_ok)) ||
	    (rc = get_str(m, o, base, "notes", 0, &notes)) ||
	    (rc = get_time(m, o, base, "created", 0, &c->created_at)) ||
	    (rc = get_uuid(m, o, base, c->uuid)))
		return rc;
	/* the words a contact's preference can be (in-person is a channel,
	 * but not one to prefer) */
	if (prefers && (fu_channel_parse(&c->prefers, prefers) ||
			c->prefers == FU_CH_IN_PERSON ||
			c->prefers == FU_CH_VIDEO))
		return bad(m, at(path, sizeof path, base, "prefers"), "'%s' is "
			   "not a channel a contact can prefer (email, phone, "
			   "letter, social)", prefers);
	c->name = (char *)name;
	c->company = (char *)company;
	c->title = (char *)title;
	c->email = (char *)email;
	c->phone = (char *)phone;
	c->address = (char *)address;
	c->notes = (char *)notes;
	return fu__check_contact(m->db, c, base);
}

static const char *const application_fields[] = { "id", "company", "role",
	"source", "url", "notes", "no_calls", "no_follow_up", "contacts",
	"created", "uuid", NULL };

static int read_ids(imp *m, const cJSON *arr, const char *base,
		    const char *key, int64_t **out, size_t *n)
{
	const cJSON *list = NULL;
	size_t count = 0;
	int rc = get_array(m, arr, base, key, &list, &count);
	if (rc || !count)
		return rc;
	if (!(*out = calloc(count, sizeof **out)))
		return oom(m);
	for (const cJSON *v = list->child; v; v = v->next) {
		char path[256];
		snprintf(path, sizeof path, "%s.%s[%zu]", base, key, *n);
		if ((rc = as_id(m, path, v, &(*out)[*n])))
			return rc;
		(*n)++;
	}
	return FU_OK;
}

static int read_application(imp *m, const cJSON *o, const char *base,
			    fu_application *a)
{
	const char *company, *role, *source, *url, *notes;
	char path[256];
	int rc;
	if (!cJSON_IsObject(o))
		return expected(m, base, o, "an object");
	if ((rc = check_members(m, o, base, application_fields,
				"an application")) ||
	    (rc = get_id(m, o, base, "id", 1, &a->id)) ||
	    (rc = get_str(m, o, base, "company", F_REQUIRED, &company)) ||
	    (rc = get_str(m, o, base, "role", F_REQUIRED, &role)) ||
	    (rc = get_word(m, o, base, "source", 0, FU__FIELD_MAX,
			   &source)) ||
	    (rc = get_str(m, o, base, "url", 0, &url)) ||
	    (rc = get_str(m, o, base, "notes", 0, &notes)) ||
	    (rc = get_bool(m, o, base, "no_calls", &a->no_calls)) ||
	    (rc = get_bool(m, o, base, "no_follow_up", &a->no_follow_up)) ||
	    (rc = read_ids(m, o, base, "contacts", &a->contact_ids,
			   &a->ncontacts)) ||
	    (rc = get_time(m, o, base, "created", 0, &a->created_at)) ||
	    (rc = get_uuid(m, o, base, a->uuid)))
		return rc;
	if (source && fu_source_parse(&a->source, source))
		return bad(m, at(path, sizeof path, base, "source"), "'%s' is "
			   "not a source (%s)", source, fu_source_names());
	for (size_t i = 0; i < a->ncontacts; i++)
		for (size_t j = 0; j < i; j++)
			if (a->contact_ids[i] == a->contact_ids[j]) {
				snprintf(path, sizeof path, "%s.contacts[%zu]",
					 base, i);
				return bad(m, path, "contact %lld is named "
					   "twice", (long long)a->contact_ids[i]);
			}
	a->company = (char *)company;
	a->role = (char *)role;
	a->url = (char *)url;
	a->notes = (char *)notes;
	return fu__check_application(m->db, a, base);
}

static const char *const event_fields[] = { "id", "kind", "at",
	"application", "contact", "with", "channel", "topics", "expect",
	"until", "note", "action", "outcome", "urgent", "recorded", "added",
	"message_id", "topic_with", "occasion", "because", "uuid", NULL };

/* The kinds of an export: what fu log takes, and closed. */
static int parse_kind(fu_event_kind *out, const char *s)
{
	if (strcmp(s, "closed") == 0) {
		*out = FU_EV_CLOSED;
		return FU_OK;
	}
	return fu_event_kind_parse(out, s);
}

/* "topic_with": beside each topic, the person it was discussed with
 * (a number) or null (everyone); absent when none is one person's. */
static int read_topic_with(imp *m, const cJSON *o, const char *base,
			   fu_event *e)
{
	const cJSON *list = NULL;
	size_t count = 0;
	char path[256];
	int rc = get_array(m, o, base, "topic_with", &list, &count);
	if (rc || !list)
		return rc;
	if (count != e->ntopics)
		return bad(m, at(path, sizeof path, base, "topic_with"), "has "
			   "%zu entries for %zu topics: one each, null for "
			   "everyone met", count, e->ntopics);
	if (count && !(e->topic_with = calloc(count, sizeof *e->topic_with)))
		return oom(m);
	size_t i = 0;
	for (const cJSON *v = list->child; v; v = v->next, i++) {
		snprintf(path, sizeof path, "%s.topic_with[%zu]", base, i);
		if (!cJSON_IsNull(v) && (rc = as_id(m, path, v,
						    &e->topic_with[i])))
			return rc;
	}
	return FU_OK;
}

static int read_event(imp *m, const cJSON *o, const char *base, fu_event *e)
{
	const char *kind, *channel, *note, *action, *outcome, *message_id,
		   *occasion, *because;
	char path[256];
	int rc;
	if (!cJSON_IsObject(o))
		return expected(m, base, o, "an object");
	if ((rc = check_members(m, o, base, event_fields, "an event")) ||
	    (rc = get_id(m, o, base, "id", 1, &e->id)) ||
	    (rc = get_word(m, o, base, "kind", F_REQUIRED, FU__FIELD_MAX,
			   &kind)))
		return rc;
	if (parse_kind(&e->kind, kind))
		return bad(m, at(path, sizeof path, base, "kind"), "'%s' is not "
			   "an event kind (%s, closed)", kind,
			   fu_event_kind_names());
	if ((rc = get_time(m, o, base, "at", 1, &e->at)) ||
	    (rc = get_id(m, o, base, "application", 0, &e->application_id)) ||
	    (rc = get_id(m, o, base, "contact", 0, &e->contact_id)) ||
	    (rc = read_ids(m, o, base, "with", &e->with, &e->nwith)) ||
	    (rc = get_word(m, o, base, "channel", 0, FU__FIELD_MAX,
			   &channel)))
		return rc;
	if (channel && fu_channel_parse(&e->channel, channel))
		return bad(m, at(path, sizeof path, base, "channel"), "'%s' is "
			   "not a channel (%s)", channel, fu_channel_names());
	const cJSON *topics = NULL;
	size_t ntopics = 0;
	if ((rc = get_array(m, o, base, "topics", &topics, &ntopics)))
		return rc;
	if (ntopics && !(e->topics = calloc(ntopics, sizeof *e->topics)))
		return oom(m);
	for (const cJSON *t = topics ? topics->child : NULL; t; t = t->next) {
		snprintf(path, sizeof path, "%s.topics[%zu]", base, e->ntopics);
		if (!cJSON_IsString(t))
			return expected(m, path, t, "a non-empty string");
		if (strspn(t->valuestring, " \t") == strlen(t->valuestring))
			return bad(m, path, "expected a non-empty string, not %s",
				   *t->valuestring ? "only blanks" :
				   "an empty string");
		e->topics[e->ntopics++] = t->valuestring;
	}
	if ((rc = read_topic_with(m, o, base, e)))
		return rc;
	int64_t *added = NULL;
	size_t nadded = 0;
	rc = read_ids(m, o, base, "added", &added, &nadded);
	free(added);
	if (rc)
		return rc;
	/* the people it added are the last of "with" */
	if (nadded > e->nwith)
		return bad(m, at(path, sizeof path, base, "added"), "names "
			   "more people than \"with\"");
	for (size_t i = 0; i < nadded; i++) {
		const cJSON *a = cJSON_GetArrayItem(
			cJSON_GetObjectItemCaseSensitive(o, "added"), (int)i);
		if ((int64_t)cJSON_GetNumberValue(a) !=
		    e->with[e->nwith - nadded + i])
			return bad(m, at(path, sizeof path, base, "added"),
				   "must be the last people of \"with\", in "
				   "its order");
	}
	e->nadded = nadded;
	if ((rc = get_day_or_time(m, o, base, "expect", &e->expect_at,
				  &e->expect_day)) ||
	    (rc = get_day_or_time(m, o, base, "until", &e->until_at,
				  &e->until_day)) ||
	    (rc = get_str(m, o, base, "note", 0, &note)) ||
	    (rc = get_word(m, o, base, "action", 0, FU__ACTION_MAX,
			   &action)) ||
	    (rc = get_word(m, o, base, "outcome", 0, FU__FIELD_MAX,
			   &outcome)) ||
	    (rc = get_bool(m, o, base, "urgent", &e->urgent)) ||
	    (rc = get_time(m, o, base, "recorded", 0, &e->created_at)) ||
	    (rc = get_word(m, o, base, "message_id", 0, FU__MESSAGE_ID_MAX,
			   &message_id)) ||
	    (rc = get_str(m, o, base, "occasion", 0, &occasion)) ||
	    (rc = get_str(m, o, base, "because", 0, &because)) ||
	    (rc = get_uuid(m, o, base, e->uuid)))
		return rc;
	e->occasion = (char *)occasion;
	e->because = (char *)because;
	if (outcome && fu_outcome_parse(&e->outcome, outcome))
		return bad(m, at(path, sizeof path, base, "outcome"), "'%s' is "
			   "not an outcome (%s)", outcome, fu_outcome_names());
	e->note = (char *)note;
	e->action = (char *)action;
	e->message_id = (char *)message_id;
	return fu__check_event(m->db, e, base);
}

/* The configuration: known keys, values as fu config takes them. */
static int read_config(imp *m, const cJSON *obj)
{
	size_t nkeys = 0;
	const fu_config_key *keys = fu_config_keys(&nkeys);
	size_t n = (size_t)cJSON_GetArraySize(obj);
	if (n && !(m->cf = calloc(n, sizeof *m->cf)))
		return oom(m);
	for (const cJSON *v = obj->child; v; v = v->next) {
		char path[256];
		snprintf(path, sizeof path, "config.%s", v->string);
		int known = 0;
		for (size_t i = 0; i < nkeys && !known; i++)
			known = strcmp(keys[i].key, v->string) == 0;
		if (!known)
			return bad(m, path, "unknown configuration key (fu "
				   "config --list shows them)");
		for (const cJSON *d = obj->child; d != v; d = d->next)
			if (strcmp(d->string, v->string) == 0)
				return bad(m, path, "given twice");
		if (!cJSON_IsString(v))
			return expected(m, path, v, "a string");
		char norm[128]; /* as config.c normalises it */
		const char *value = NULL;
		int rc = fu__config_check_at(m->db, path, v->string,
					     v->valuestring, &value, norm,
					     sizeof norm);
		if (rc)
			return rc;
		m->cf[m->ncf].key = v->string;
		if (!(m->cf[m->ncf].value = fu__strdup(value)))
			return oom(m);
		m->ncf++;
	}
	return FU_OK;
}

/* "the file." prefixes paths of top-level members: drop it. */
static void tidy_message(fu_db *db)
{
	static const char pre[] = "the file.";
	if (strncmp(db->msg, pre, sizeof pre - 1) == 0)
		memmove(db->msg, db->msg + sizeof pre - 1,
			strlen(db->msg) - (sizeof pre - 1) + 1);
}

/* --- the scanner: one value at a time ------------------------------------ */

typedef struct jscan {
	imp *m;
	unsigned char buf[65536];
	size_t len, pos;
	int eof;
	size_t line, col;  /* of the next byte */
	uint64_t offset;
	fu_buf val;        /* the text of the value read (when kept) */
	size_t vline, vcol;
} jscan;

static int js_start(jscan *j, imp *m)
{
	memset(j, 0, sizeof *j);
	j->m = m;
	j->line = j->col = 1;
	fu_buf_init(&j->val);
	if (fseeko(m->f, m->start, SEEK_SET) != 0)
		return fu__error(m->db, FU_ERROR, "cannot read the file again: "
				 "%s", strerror(errno));
	return FU_OK;
}

/* The next byte, -1 at the end, -2 when the file cannot be read. */
static int js_peek(jscan *j)
{
	if (j->pos < j->len)
		return j->buf[j->pos];
	if (j->eof)
		return -1;
	j->len = fread(j->buf, 1, sizeof j->buf, j->m->f);
	j->pos = 0;
	if (j->len == 0) {
		j->eof = 1;
		return ferror(j->m->f) ? -2 : -1;
	}
	return j->buf[0];
}

static void js_take(jscan *j)
{
	unsigned char c = j->buf[j->pos++];
	j->offset++;
	if (c == '\n') {
		j->line++;
		j->col = 1;
	} else if ((c & 0xc0) != 0x80) {
		j->col++;
	}
}

static void js_skip_ws(jscan *j)
{
	int c;
	while ((c = js_peek(j)) == ' ' || c == '\t' || c == '\r' || c == '\n')
		js_take(j);
}

/* A little of what stands at p (n bytes there): whole characters, no
 * controls, up to the line's end. */
static void near_text(char *out, const unsigned char *p, size_t n)
{
	size_t k = 0;
	for (; k < n && k < 24; k++) {
		if (p[k] == '\n' || p[k] == '\r')
			break;
		out[k] = p[k] < 0x20 || p[k] == 0x7f ? '?' : (char)p[k];
	}
	while (k > 0 && k < n && (p[k] & 0xc0) == 0x80)
		k--; /* do not cut a character */
	out[k] = '\0';
}

static int js_io(jscan *j)
{
	return fu__error(j->m->db, FU_ERROR, "cannot read the file: %s",
			 strerror(errno));
}

static int js_short(jscan *j)
{
	return fu__error(j->m->db, FU_EINVALID, "line %zu, column %zu: not "
			 "JSON (it ends too soon: is the file cut short?)",
			 j->line, j->col);
}

/* Not JSON here; skip > 0: cJSON's place for it is that many characters
 * on (where a member's name should begin, it points past it). */
static int js_syntax(jscan *j, int skip)
{
	size_t col = j->col;
	char near[32];
	if (skip && js_peek(j) >= 0 && j->buf[j->pos] != '\n') {
		size_t k = 1;
		while (j->pos + k < j->len && (j->buf[j->pos + k] & 0xc0) == 0x80)
			k++;
		near_text(near, j->buf + j->pos + k, j->len - j->pos - k);
		col++;
	} else {
		near_text(near, j->buf + j->pos, j->len - j->pos);
	}
	return fu__error(j->m->db, FU_EINVALID, "line %zu, column %zu: not "
			 "JSON (cJSON error near '%s')", j->line, col, near);
}

static int js_nul(jscan *j, size_t line, size_t col, int escaped)
{
	return fu__error(j->m->db, FU_EINVALID, "line %zu, column %zu: %s",
			 line, col, escaped ? "\\u0000 (a NUL character) in a "
			 "string" : "a NUL byte: not a JSON text");
}

static int is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/*
 * One whole value from here (after blanks): its text into j->val when
 * keep, at most FU_JSON_RECORD_MAX bytes. Only its extent is found here
 * (strings, and brackets to their match); cJSON reads it. A NUL byte,
 * and \u0000 (which cJSON would silently cut a string at), are refused
 * wherever they are.
 */
static int js_value(jscan *j, int keep)
{
	fu_buf_clear(&j->val);
	j->vline = j->line;
	j->vcol = j->col;
	int depth = 0, in_str = 0, any = 0, c;
	for (;;) {
		c = js_peek(j);
		if (c == -2)
			return js_io(j);
		if (c == -1) {
			if (in_str || depth > 0 || !any)
				return js_short(j);
			break;
		}
		if (c == 0)
			return js_nul(j, j->line, j->col, 0);
		if (in_str) {
			if (c == '\\') {
				size_t bl = j->line, bc = j->col;
				char hex[4];
				int k = 0;
				if (keep)
					fu_buf_putc(&j->val, '\\');
				js_take(j);
				if ((c = js_peek(j)) < 0)
					return c == -2 ? js_io(j) : js_short(j);
				if (c == 0)
					return js_nul(j, j->line, j->col, 0);
				if (keep)
					fu_buf_putc(&j->val, (char)c);
				js_take(j);
				if (c == 'u')
					while (k < 4 && is_hex(c = js_peek(j))) {
						hex[k++] = (char)c;
						if (keep)
							fu_buf_putc(&j->val, (char)c);
						js_take(j);
					}
				if (k == 4 && memcmp(hex, "0000", 4) == 0)
					return js_nul(j, bl, bc, 1);
				continue;
			}
			if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = any = 1;
		} else if (c == '{' || c == '[') {
			if (depth == 0 && any)
				break; /* "1[": the value was 1 */
			depth++;
			any = 1;
		} else if (c == '}' || c == ']') {
			if (depth == 0) {
				if (!any)
					return js_syntax(j, 0);
				break;
			}
			depth--;
		} else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' ||
					  c == '\r' || c == '\n')) {
			if (!any)
				return js_syntax(j, 0);
			break;
		} else {
			any = 1;
		}
		if (keep)
			fu_buf_putc(&j->val, (char)c);
		js_take(j);
		if (keep && j->val.len > FU_JSON_RECORD_MAX)
			return fu__error(j->m->db, FU_EINVALID, "line %zu, column "
					 "%zu: a value longer than %d MiB (fu "
					 "reads a record at a time)", j->vline,
					 j->vcol, FU_JSON_RECORD_MAX >> 20);
		if (depth == 0 && !in_str && (c == '"' || c == '}' || c == ']'))
			break; /* a string, an object or an array: whole */
	}
	if (j->val.failed)
		return oom(j->m);
	return FU_OK;
}

/* The kept value as cJSON (*out), or the message of where it is not
 * JSON, placed in the file. */
static int js_parse(jscan *j, cJSON **out)
{
	const char *end = NULL, *t = j->val.data;
	size_t len = j->val.len;
	*out = cJSON_ParseWithLengthOpts(t, len, &end, 0);
	size_t pos = end && end >= t && end <= t + len ? (size_t)(end - t) : 0;
	if (*out && pos == len)
		return FU_OK;
	if (*out) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	size_t line = j->vline, col = j->vcol;
	for (size_t i = 0; i < pos; i++) {
		if (t[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)t[i] & 0xc0) != 0x80) {
			col++;
		}
	}
	char near[32];
	near_text(near, (const unsigned char *)t + pos, len - pos);
	return fu__error(j->m->db, FU_EINVALID, "line %zu, column %zu: not JSON "
			 "(cJSON error near '%s')", line, col, near);
}

/* What a walk over the document does with each member and record. */
typedef struct walker {
	/* a top-level member that is not a record array, or one that is
	 * not an array at all (the value is next in the scanner) */
	int (*member)(struct walker *w, jscan *j, const char *key, int sec);
	/* each element of the record array sec (kept in j->val when
	 * keep[sec]) */
	int (*element)(struct walker *w, jscan *j, int sec, size_t i);
	int keep[S__COUNT];
	imp *m;
	const char *stage;
	size_t seen;
} walker;

static int section_of(const char *key)
{
	for (int s = 0; s < S__COUNT; s++)
		if (strcmp(key, section_keys[s]) == 0)
			return s;
	return -1;
}

static int walk_array(walker *w, jscan *j, int sec)
{
	js_take(j); /* [ */
	js_skip_ws(j);
	int c = js_peek(j);
	if (c == ']') {
		js_take(j);
		return FU_OK;
	}
	for (size_t i = 0;; i++) {
		int rc = js_value(j, w->keep[sec]);
		if (rc || (w->element && (rc = w->element(w, j, sec, i))))
			return rc;
		if (w->m->progress && ++w->seen % 4096 == 0)
			w->m->progress(w->m->arg, w->stage, j->offset, w->m->size);
		js_skip_ws(j);
		c = js_peek(j);
		if (c == ',') {
			js_take(j);
			js_skip_ws(j);
			continue;
		}
		if (c == ']') {
			js_take(j);
			return FU_OK;
		}
		return c == -2 ? js_io(j) : c == -1 ? js_short(j)
						      : js_syntax(j, 0);
	}
}

/* The whole document: its top-level object, member by member. */
static int walk(walker *w)
{
	imp *m = w->m;
	jscan *j = malloc(sizeof *j);
	if (!j)
		return oom(m);
	int rc = js_start(j, m), c;
	char *key = NULL;
	if (rc)
		goto done;
	js_skip_ws(j);
	c = js_peek(j);
	if (c == -1) {
		rc = fu__error(m->db, FU_EINVALID, "line 1: the file is empty, "
			       "not an export");
		goto done;
	}
	if (c != '{') {
		cJSON *v = NULL;
		if (!(rc = js_value(j, 1)) && !(rc = js_parse(j, &v)))
			rc = bad(m, "the file", "expected a JSON object (as fu "
				 "export writes), not %s", what_is(v));
		cJSON_Delete(v);
		goto done;
	}
	js_take(j);
	for (int first = 1;; first = 0) {
		js_skip_ws(j);
		c = js_peek(j);
		if (c == '}' && first) {
			js_take(j);
			break;
		}
		if (c != '"') {
			rc = c == -2 ? js_io(j) : c == -1 ? js_short(j)
							  : js_syntax(j, 1);
			goto done;
		}
		cJSON *k = NULL;
		if ((rc = js_value(j, 1)) || (rc = js_parse(j, &k)))
			goto done;
		free(key);
		key = fu__strdup(k->valuestring);
		cJSON_Delete(k);
		if (!key) {
			rc = oom(m);
			goto done;
		}
		js_skip_ws(j);
		if ((c = js_peek(j)) != ':') {
			rc = c == -2 ? js_io(j) : c == -1 ? js_short(j)
							  : js_syntax(j, 0);
			goto done;
		}
		js_take(j);
		js_skip_ws(j);
		int sec = section_of(key);
		if ((c = js_peek(j)) < 0) {
			rc = c == -2 ? js_io(j) : js_short(j);
			goto done;
		}
		if (sec >= 0 && c == '[') {
			if ((rc = w->member ? w->member(w, j, key, -2 - sec) : 0) ||
			    (rc = walk_array(w, j, sec)))
				goto done;
		} else if ((rc = w->member ? w->member(w, j, key, sec)
				       : js_value(j, 0))) {
			goto done;
		}
		js_skip_ws(j);
		c = js_peek(j);
		if (c == ',') {
			js_take(j);
			continue;
		}
		if (c == '}') {
			js_take(j);
			break;
		}
		rc = c == -2 ? js_io(j) : c == -1 ? js_short(j) : js_syntax(j, 0);
		goto done;
	}
	js_skip_ws(j);
	if ((c = js_peek(j)) != -1)
		rc = c == -2 ? js_io(j) : fu__error(m->db, FU_EINVALID, "line "
			"%zu, column %zu: not JSON (more after the end of the "
			"document)", j->line, j->col);
	else if (m->progress)
		m->progress(m->arg, w->stage, j->offset, m->size);
done:
	free(key);
	fu_buf_free(&j->val);
	free(j);
	return rc;
}

/* --- pass 0: the top-level members ----------------------------------------- */

static const char *const top_fields[] = { "format", "version", "exported",
	"companies", "contacts", "applications", "events", "config", NULL };

typedef struct top_walk {
	walker w;
	cJSON *root;   /* the members, the record arrays left empty */
	int last_sec;  /* the last record array met, for their order */
} top_walk;

static int top_member(walker *w, jscan *j, const char *key, int sec)
{
	top_walk *t = (top_walk *)w;
	imp *m = w->m;
	cJSON *v = NULL;
	int known = 0, rc;
	for (size_t i = 0; top_fields[i] && !known; i++)
		known = strcmp(top_fields[i], key) == 0;
	if (sec <= -2) {
		/* a record array: its elements are read by the next passes */
		sec = -2 - sec;
		if (sec < t->last_sec)
			m->order_ok = 0;
		t->last_sec = sec;
		v = cJSON_CreateArray();
	} else if (!known) {
		/* unknown: only its name is needed (the check says so) */
		if ((rc = js_value(j, 0)))
			return rc;
		v = cJSON_CreateNull();
	} else if ((rc = js_value(j, 1)) || (rc = js_parse(j, &v))) {
		return rc;
	}
	if (!v)
		return oom(m);
	cJSON_AddItemToObject(t->root, key, v);
	return FU_OK;
}

static int top_element(walker *w, jscan *j, int sec, size_t i)
{
	(void)j;
	(void)i;
	w->m->count[sec]++;
	return FU_OK;
}

/* The format, the version, the members, the settings: read and checked
 * before any record. */
static int read_top(imp *m)
{
	top_walk t;
	memset(&t, 0, sizeof t);
	t.w.member = top_member;
	t.w.element = top_element;
	t.w.m = m;
	t.w.stage = "reading";
	m->order_ok = 1;
	if (!(t.root = cJSON_CreateObject()))
		return oom(m);
	int rc = walk(&t.w);
	if (rc)
		goto done;
	const cJSON *root = t.root, *v, *arr;
	size_t n;
	int64_t at_;
	v = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsString(v) || strcmp(v->valuestring, FU_EXPORT_FORMAT)) {
		rc = bad(m, "format", "expected \"%s\" (is this a file fu "
			 "export wrote?)%s%s%s", FU_EXPORT_FORMAT,
			 cJSON_IsString(v) ? ", not '" : "",
			 cJSON_IsString(v) ? v->valuestring : "",
			 cJSON_IsString(v) ? "'" : "");
		goto done;
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsNumber(v)) {
		rc = expected(m, "version", v, "1");
		goto done;
	}
	if (v->valuedouble != FU_EXPORT_VERSION) {
		rc = bad(m, "version", "this file is version %g of the "
			 "fu-export format; this fu reads version %d%s",
			 v->valuedouble, FU_EXPORT_VERSION,
			 v->valuedouble > FU_EXPORT_VERSION ?
			 " (upgrade fu)" : "");
		goto done;
	}
	if ((rc = check_members(m, root, "the file", top_fields,
				"an export")) ||
	    (rc = get_time(m, root, "the file", "exported", 0, &at_)))
		goto done;
	for (int s = 0; s < S__COUNT && !rc; s++)
		rc = get_array(m, root, "the file", section_keys[s], &arr, &n);
	if (rc)
		goto done;
	v = cJSON_GetObjectItemCaseSensitive(root, "config");
	if (v && !cJSON_IsNull(v)) {
		if (!cJSON_IsObject(v))
			rc = expected(m, "config", v, "an object");
		else
			rc = read_config(m, v);
	}
done:
	if (rc)
		tidy_message(m->db);
	/* the settings' names and values point into the tree: kept */
	m->config = t.root;
	return rc;
}

/* --- the index: every number of the file, in a temporary table ------------ */

/* space 0: contacts and applications (they share numbers), 1: events,
 * 2: companies (also by name, whatever its case). newid: the number it
 * gets (--merge), negative for a contact already in the database. */
static const char index_sql[] =
	"DROP TABLE IF EXISTS temp.fu_import; "
	"CREATE TEMP TABLE fu_import (space INTEGER NOT NULL, id INTEGER NOT "
	"NULL, kind INTEGER NOT NULL, i INTEGER NOT NULL, name TEXT, email "
	"TEXT, newid INTEGER, uuid TEXT, PRIMARY KEY (space, id)); "
	"CREATE UNIQUE INDEX temp.fu_import_name ON fu_import (name COLLATE "
	"NOCASE) WHERE space = 2; "
	"CREATE INDEX temp.fu_import_uuid ON fu_import (uuid) WHERE uuid IS "
	"NOT NULL";

static int index_open(imp *m)
{
	/* on disk, not in memory: an index of any size stays out of RAM
	 * (SQLite keeps a page cache of it). Not when a stand-in for the
	 * actions lives in temp (a read on this handle derived them). */
	int rc;
	if (!m->db->actions_temp &&
	    (rc = fu__exec(m->db, "PRAGMA temp_store = FILE")))
		return rc;
	if ((rc = fu__exec(m->db, index_sql)))
		return rc;
	m->indexed = 1;
	return FU_OK;
}

static void index_close(imp *m)
{
	if (m->indexed)
		sqlite3_exec(m->db->sql, "DROP TABLE IF EXISTS temp.fu_import",
			     NULL, NULL, NULL);
	m->indexed = 0;
}

static const char *kind_array(int kind)
{
	return kind == K_CONTACT ? "contacts" : kind == K_APPLICATION ?
	       "applications" : kind == K_EVENT ? "events" : "companies";
}

static int space_of(int kind)
{
	return kind == K_EVENT ? 1 : kind == K_COMPANY ? 2 : 0;
}

/* The record of that number in the index: its kind and index; 0 when
 * found, FU_ENOTFOUND when not. */
static int index_find(imp *m, int space, int64_t id, int *kind, size_t *i,
		      int64_t *newid)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(m->db, &st, "SELECT kind, i, newid FROM "
			     "temp.fu_import WHERE space = ? AND id = ?");
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, space);
	sqlite3_bind_int64(st, 2, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		if (kind)
			*kind = sqlite3_column_int(st, 0);
		if (i)
			*i = (size_t)sqlite3_column_int64(st, 1);
		if (newid)
			*newid = sqlite3_column_int64(st, 2);
	} else if (src == SQLITE_DONE) {
		rc = FU_ENOTFOUND;
	} else {
		rc = fu__sqlerr(m->db, src, "cannot read the import's index");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Put a record's number (and a company's or a contact's name) in the
 * index; a number given twice, or a company named twice, is refused. */
static int index_add(imp *m, int kind, int64_t id, size_t i,
		     const char *name, const char *email, const char *uuid)
{
	char path[96];
	int k = 0;
	size_t j = 0;
	int rc = index_find(m, space_of(kind), id, &k, &j, NULL);
	if (rc == FU_OK) {
		snprintf(path, sizeof path, "%s[%zu].id", kind_array(kind), i);
		return bad(m, path, "%lld is already the number of %s[%zu]%s",
			   (long long)id, kind_array(k), j, k != kind ?
			   " (contacts and applications share numbers)" : "");
	}
	if (rc != FU_ENOTFOUND)
		return rc;
	sqlite3_stmt *st = NULL;
	if (kind == K_COMPANY) {
		if ((rc = fu__prepare(m->db, &st, "SELECT i FROM temp.fu_import "
				      "WHERE space = 2 AND name = ? COLLATE "
				      "NOCASE")))
			return rc;
		fu__bind_text(st, 1, name);
		int src = sqlite3_step(st);
		if (src == SQLITE_ROW)
			j = (size_t)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (src == SQLITE_ROW) {
			snprintf(path, sizeof path, "companies[%zu].name", i);
			return bad(m, path, "'%s' is already companies[%zu]",
				   name, j);
		}
	}
	if (uuid && *uuid) { /* an identifier names one record */
		if ((rc = fu__prepare(m->db, &st, "SELECT kind, i FROM "
				      "temp.fu_import WHERE uuid = ?")))
			return rc;
		fu__bind_text(st, 1, uuid);
		int src = sqlite3_step(st);
		if (src == SQLITE_ROW) {
			k = sqlite3_column_int(st, 0);
			j = (size_t)sqlite3_column_int64(st, 1);
		}
		sqlite3_finalize(st);
		st = NULL;
		if (src == SQLITE_ROW) {
			snprintf(path, sizeof path, "%s[%zu].uuid",
				 kind_array(kind), i);
			return bad(m, path, "'%s' is already the identifier of "
				   "%s[%zu]", uuid, kind_array(k), j);
		}
	}
	if ((rc = fu__prepare(m->db, &st, "INSERT INTO temp.fu_import (space, "
			      "id, kind, i, name, email, uuid) VALUES (?, ?, ?, "
			      "?, ?, ?, ?)")))
		return rc;
	fu__bind_text(st, 7, uuid && *uuid ? uuid : NULL);
	sqlite3_bind_int(st, 1, space_of(kind));
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int(st, 3, kind);
	sqlite3_bind_int64(st, 4, (int64_t)i);
	fu__bind_text(st, 5, name);
	fu__bind_text(st, 6, email);
	return fu__step_done(m->db, st);
}

static int want_contact(imp *m, const char *path, int64_t id)
{
	int kind = 0;
	int rc = index_find(m, 0, id, &kind, NULL, NULL);
	if (rc && rc != FU_ENOTFOUND)
		return rc;
	if (rc || kind != K_CONTACT)
		return bad(m, path, "no contact %lld in the file%s",
			   (long long)id, rc ? "" : " (that is an application)");
	return FU_OK;
}

/* Every number an application names is a contact of the file. */
static int check_app_refs(imp *m, const fu_application *a, size_t i)
{
	char path[128];
	for (size_t k = 0; k < a->ncontacts; k++) {
		snprintf(path, sizeof path, "applications[%zu].contacts[%zu]",
			 i, k);
		int rc = want_contact(m, path, a->contact_ids[k]);
		if (rc)
			return rc;
	}
	return FU_OK;
}

/* ... and every number an event names is in the file. */
static int check_event_refs(imp *m, const fu_event *e, size_t i)
{
	char path[128];
	int rc;
	if (e->application_id) {
		int kind = 0;
		rc = index_find(m, 0, e->application_id, &kind, NULL, NULL);
		if (rc && rc != FU_ENOTFOUND)
			return rc;
		if (rc || kind != K_APPLICATION) {
			snprintf(path, sizeof path, "events[%zu].application", i);
			return bad(m, path, "no application %lld in the file%s",
				   (long long)e->application_id,
				   rc ? "" : " (that is a contact)");
		}
	}
	if (e->contact_id) {
		snprintf(path, sizeof path, "events[%zu].contact", i);
		if ((rc = want_contact(m, path, e->contact_id)))
			return rc;
	}
	for (size_t k = 0; k < e->nwith; k++) {
		snprintf(path, sizeof path, "events[%zu].with[%zu]", i, k);
		if ((rc = want_contact(m, path, e->with[k])))
			return rc;
	}
	return FU_OK;
}

/* --- one record: read, then checked, indexed or written ------------------ */

typedef struct record {
	cJSON *tree;
	company_rec co;
	fu_contact ct;
	fu_application ap;
	fu_event ev;
} record;

static void record_clear(record *r)
{
	free(r->ap.contact_ids);
	free(r->ev.with);
	free(r->ev.topics);
	free(r->ev.topic_with);
	cJSON_Delete(r->tree);
	memset(r, 0, sizeof *r);
}

/* The element of section sec, number i, kept in j->val, read into r. */
static int read_record(imp *m, jscan *j, int sec, size_t i, record *r)
{
	char base[64];
	int rc;
	memset(r, 0, sizeof *r);
	snprintf(base, sizeof base, "%s[%zu]", section_keys[sec], i);
	if ((rc = js_parse(j, &r->tree)))
		return rc;
	switch (sec) {
	case S_COMPANIES: return read_company(m, r->tree, base, &r->co);
	case S_CONTACTS: return read_contact(m, r->tree, base, &r->ct);
	case S_APPLICATIONS: return read_application(m, r->tree, base, &r->ap);
	default: return read_event(m, r->tree, base, &r->ev);
	}
}

/* Pass 1: each record checked and its number indexed; its references
 * too when what it names came before it (the sections in order). */
static int check_element(walker *w, jscan *j, int sec, size_t i)
{
	imp *m = w->m;
	record r;
	int rc = read_record(m, j, sec, i, &r);
	if (!rc) {
		switch (sec) {
		case S_COMPANIES:
			rc = index_add(m, K_COMPANY, r.co.id, i, r.co.name, NULL,
				       NULL);
			break;
		case S_CONTACTS:
			rc = index_add(m, K_CONTACT, r.ct.id, i, r.ct.name,
				       r.ct.email, r.ct.uuid);
			break;
		case S_APPLICATIONS:
			rc = index_add(m, K_APPLICATION, r.ap.id, i, NULL, NULL,
				       r.ap.uuid);
			break;
		default:
			rc = index_add(m, K_EVENT, r.ev.id, i, NULL, NULL,
				       r.ev.uuid);
		}
	}
	/* what it names came before it: its references now */
	if (!rc && m->order_ok && sec == S_APPLICATIONS)
		rc = check_app_refs(m, &r.ap, i);
	else if (!rc && m->order_ok && sec == S_EVENTS)
		rc = check_event_refs(m, &r.ev, i);
	record_clear(&r);
	/* the index grows in transactions of a few thousand records */
	if (!rc && ++m->pending % 4096 == 0)
		rc = fu__exec(m->db, "COMMIT; BEGIN");
	return rc;
}

/* Pass 2 (when the sections are not in order): every reference. */
static int check_refs_element(walker *w, jscan *j, int sec, size_t i)
{
	imp *m = w->m;
	record r;
	if (sec != S_APPLICATIONS && sec != S_EVENTS)
		return FU_OK;
	int rc = read_record(m, j, sec, i, &r);
	if (!rc && sec == S_APPLICATIONS)
		rc = check_app_refs(m, &r.ap, i);
	else if (!rc && sec == S_EVENTS)
		rc = check_event_refs(m, &r.ev, i);
	record_clear(&r);
	return rc;
}

/* --- writing ----------------------------------------------------------------- */

static int db_counts(fu_db *db, int64_t *apps, int64_t *people,
		     int64_t *other)
{
	int rc;
	int64_t companies = 0, events = 0;
	if ((rc = fu__application_count(db, apps)) ||
	    (rc = fu__contact_count(db, people)) ||
	    (rc = fu__company_count(db, &companies)) ||
	    (rc = fu__event_count(db, &events)))
		return rc;
	*other = companies + events;
	return FU_OK;
}

/* --merge: number each new record after what the database holds, in
 * the file's order of numbers; contacts already there keep theirs. */
static int merge_numbers(imp *m)
{
	fu_db *db = m->db;
	int64_t thing = 0, event = 0;
	sqlite3_stmt *st = NULL, *set = NULL;
	int rc, src;
	if ((rc = fu__next_thing_id(db, &thing)) ||
	    (rc = fu__event_next_id(db, &event)))
		return rc;
	/* match first, against what was there before this import: the same
	 * identifier (the same hunt, merged again), else a contact of the
	 * same name and address */
	if ((rc = fu__prepare(db, &st, "SELECT space, id, kind, uuid FROM "
			      "temp.fu_import WHERE uuid IS NOT NULL")) ||
	    (rc = fu__prepare(db, &set, "UPDATE temp.fu_import SET newid = ? "
			      "WHERE space = ? AND id = ?"))) {
		sqlite3_finalize(st);
		return rc;
	}
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t same = 0;
		int kind = sqlite3_column_int(st, 2);
		const char *u = (const char *)sqlite3_column_text(st, 3);
		if ((rc = kind == K_CONTACT ? fu__contact_by_uuid(db, &same, u)
			: kind == K_APPLICATION ? fu__application_by_uuid(db,
								&same, u)
			: fu__event_by_uuid(db, &same, u)) || !same)
			continue;
		sqlite3_bind_int64(set, 1, -same);
		sqlite3_bind_int(set, 2, sqlite3_column_int(st, 0));
		sqlite3_bind_int64(set, 3, sqlite3_column_int64(st, 1));
		if ((src = sqlite3_step(set)) != SQLITE_DONE)
			rc = fu__sqlerr(db, src, "cannot write the import's index");
		sqlite3_reset(set);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(set);
	st = set = NULL;
	if (rc)
		return rc;
	if ((rc = fu__prepare(db, &st, "SELECT id, name, email FROM "
			      "temp.fu_import WHERE kind = 0 AND newid IS NULL "
			      "ORDER BY id")) ||
	    (rc = fu__prepare(db, &set, "UPDATE temp.fu_import SET newid = ? "
			      "WHERE space = ? AND id = ?"))) {
		sqlite3_finalize(st);
		return rc;
	}
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t same = 0;
		if ((rc = fu__contact_find_same(db, &same,
				(const char *)sqlite3_column_text(st, 1),
				(const char *)sqlite3_column_text(st, 2))) ||
		    !same)
			continue;
		sqlite3_bind_int64(set, 1, -same);
		sqlite3_bind_int(set, 2, 0);
		sqlite3_bind_int64(set, 3, sqlite3_column_int64(st, 0));
		if ((src = sqlite3_step(set)) != SQLITE_DONE)
			rc = fu__sqlerr(db, src, "cannot write the import's index");
		sqlite3_reset(set);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!rc && !(rc = fu__prepare(db, &st, "SELECT space, id FROM "
				      "temp.fu_import WHERE space < 2 AND "
				      "newid IS NULL ORDER BY space, id"))) {
		while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
			int space = sqlite3_column_int(st, 0);
			sqlite3_bind_int64(set, 1, space ? event++ : thing++);
			sqlite3_bind_int(set, 2, space);
			sqlite3_bind_int64(set, 3, sqlite3_column_int64(st, 1));
			if ((src = sqlite3_step(set)) != SQLITE_DONE)
				rc = fu__sqlerr(db, src, "cannot write the "
						"import's index");
			sqlite3_reset(set);
		}
		sqlite3_finalize(st);
	}
	sqlite3_finalize(set);
	if (!rc && (thing - 1 > FU_ID_MAX || event - 1 > FU_ID_MAX))
		rc = fu__error(db, FU_EDB, "'%s' has no numbers left for what "
			       "the file holds", db->path);
	return rc;
}

/* The number a record of the file gets in the database. */
static int64_t new_number(imp *m, int space, int64_t id)
{
	int64_t v = 0;
	if (!(m->flags & FU_IMPORT_MERGE) || !id ||
	    index_find(m, space, id, NULL, NULL, &v) != FU_OK || !v)
		return id;
	return v < 0 ? -v : v;
}

/* --merge: an action key "<kind>:<event>:<contact>[:<n>]" follows the
 * numbers; anything else is kept as it is. */
static int rewrite_key(imp *m, fu_event *e)
{
	const char *k = e->action;
	const char *c1 = k ? strchr(k, ':') : NULL;
	if (!c1)
		return FU_OK;
	char *end = NULL;
	long long ev = strtoll(c1 + 1, &end, 10);
	if (end == c1 + 1 || *end != ':')
		return FU_OK;
	const char *c2 = end;
	long long who = strtoll(c2 + 1, &end, 10);
	if (end == c2 + 1 || (*end && *end != ':'))
		return FU_OK;
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "%.*s:%lld:%lld%s", (int)(c1 - k), k,
		      (long long)new_number(m, 1, ev),
		      (long long)new_number(m, 0, who), end);
	if (b.failed) {
		fu_buf_free(&b);
		return oom(m);
	}
	free(m->key);
	m->key = e->action = fu_buf_detach(&b);
	return FU_OK;
}

typedef struct write_walk {
	walker w;
	fu_import_report *rep;
	int only; /* the section this walk writes, or -1: every one */
} write_walk;

static int write_element(walker *w, jscan *j, int sec, size_t i)
{
	write_walk *ww = (write_walk *)w;
	imp *m = w->m;
	fu_db *db = m->db;
	int merge = (m->flags & FU_IMPORT_MERGE) != 0;
	if (ww->only >= 0 && sec != ww->only)
		return FU_OK;
	record r;
	int64_t id;
	int rc = read_record(m, j, sec, i, &r);
	if (rc)
		goto done;
	switch (sec) {
	case S_COMPANIES:
		rc = fu__company_id(db, &id, r.co.name, merge ? 0 : r.co.id,
				    r.co.created);
		break;
	case S_CONTACTS:
		if (merge && index_find(m, 0, r.ct.id, NULL, NULL, &id) == FU_OK
		    && id < 0) {
			ww->rep->contacts_matched++; /* already there */
			break;
		}
		id = new_number(m, 0, r.ct.id);
		if (!(rc = fu__insert_contact(db, &r.ct, id, r.ct.created_at)))
			ww->rep->contacts++;
		break;
	case S_APPLICATIONS:
		if (merge && index_find(m, 0, r.ap.id, NULL, NULL, &id) == FU_OK
		    && id < 0) {
			ww->rep->applications_matched++; /* the same one */
			break;
		}
		id = new_number(m, 0, r.ap.id);
		for (size_t k = 0; k < r.ap.ncontacts; k++)
			r.ap.contact_ids[k] = new_number(m, 0,
							 r.ap.contact_ids[k]);
		if (!(rc = fu__insert_application(db, &r.ap, id,
						  r.ap.created_at)))
			ww->rep->applications++;
		break;
	default:
		if (merge && index_find(m, 1, r.ev.id, NULL, NULL, &id) == FU_OK
		    && id < 0) {
			ww->rep->events_matched++; /* already there */
			break;
		}
		id = new_number(m, 1, r.ev.id);
		r.ev.application_id = new_number(m, 0, r.ev.application_id);
		r.ev.contact_id = new_number(m, 0, r.ev.contact_id);
		for (size_t k = 0; k < r.ev.nwith; k++)
			r.ev.with[k] = new_number(m, 0, r.ev.with[k]);
		for (size_t k = 0; r.ev.topic_with && k < r.ev.ntopics; k++)
			r.ev.topic_with[k] = new_number(m, 0,
							r.ev.topic_with[k]);
		if ((merge && (rc = rewrite_key(m, &r.ev))) ||
		    (rc = fu__insert_event(db, &r.ev, id, r.ev.created_at)))
			break;
		ww->rep->events++;
	}
done:
	record_clear(&r);
	return rc;
}

static int write_doc(imp *m, fu_import_report *rep)
{
	fu_db *db = m->db;
	int merge = (m->flags & FU_IMPORT_MERGE) != 0;
	int64_t before = 0, after = 0;
	int rc;
	if ((rc = fu__company_count(db, &before)))
		return rc;
	write_walk ww;
	memset(&ww, 0, sizeof ww);
	ww.w.element = write_element;
	ww.w.m = m;
	ww.w.stage = "importing";
	ww.rep = rep;
	for (int s = 0; s < S__COUNT; s++)
		ww.w.keep[s] = 1;
	/* in the order the records must be written: one walk when the file
	 * has them so, else one for each section */
	ww.only = m->order_ok ? -1 : 0;
	do {
		rc = walk(&ww.w);
	} while (!rc && !m->order_ok && ++ww.only < S__COUNT);
	for (size_t i = 0; !rc && i < m->ncf; i++) {
		int changed = 0;
		if ((rc = fu__config_put(db, m->cf[i].key, m->cf[i].value,
					 !merge, &changed)))
			return rc;
		rep->config += (size_t)changed;
	}
	if (rc || (rc = fu__company_count(db, &after)))
		return rc;
	rep->companies = (size_t)(after - before);
	if (m->progress)
		m->progress(m->arg, "working out what is due", 0, 0);
	return fu__import_finish(db);
}

/* --- the import ------------------------------------------------------------- */

int fu__rereadable(fu_db *db, FILE *f, FILE **out, uint64_t *size)
{
	struct stat st;
	off_t here = ftello(f);
	*out = f;
	*size = 0;
	if (here >= 0 && fseeko(f, here, SEEK_SET) == 0) {
		if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_size > here)
			*size = (uint64_t)(st.st_size - here);
		return FU_OK;
	}
	FILE *t = tmpfile();
	if (!t)
		return fu__error(db, FU_ERROR, "cannot keep a copy of the "
				 "input: %s", strerror(errno));
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (fwrite(chunk, 1, n, t) != n) {
			int e = errno;
			fclose(t);
			return fu__error(db, FU_ERROR, "cannot keep a copy of "
					 "the input: %s", strerror(e));
		}
		*size += n;
	}
	if (ferror(f) || fflush(t) != 0 || fseeko(t, 0, SEEK_SET) != 0) {
		int e = errno;
		fclose(t);
		return fu__error(db, FU_ERROR, "cannot read the input: %s",
				 strerror(e));
	}
	*out = t;
	return FU_OK;
}

int fu_import_json_file(fu_db *db, FILE *f, int flags,
			fu_import_report *rep, fu_progress_fn progress,
			void *arg)
{
	fu_import_report dummy;
	imp m;
	if (!rep)
		rep = &dummy;
	memset(rep, 0, sizeof *rep);
	memset(&m, 0, sizeof m);
	m.db = db;
	m.flags = flags;
	m.progress = progress;
	m.arg = arg;
	int rc = fu__rereadable(db, f, &m.f, &m.size), in_txn = 0;
	if (rc)
		return rc;
	m.start = ftello(m.f);
	/* the top, then every record checked and indexed, with no lock on
	 * the database (the index is a temporary table of this handle) */
	if ((rc = read_top(&m)) || (rc = index_open(&m)))
		goto done;
	walker w;
	memset(&w, 0, sizeof w);
	w.m = &m;
	w.stage = "checking";
	for (int s = 0; s < S__COUNT; s++)
		w.keep[s] = 1;
	w.element = check_element;
	if ((rc = fu__exec(db, "BEGIN")))
		goto done;
	in_txn = 1;
	rc = walk(&w);
	in_txn = 0;
	if (rc) {
		fu__rollback(db);
		goto done;
	}
	if ((rc = fu__exec(db, "COMMIT")))
		goto done;
	/* the references, once every number is known (when the sections
	 * were in order, each record's were checked as it came) */
	w.element = check_refs_element;
	w.keep[S_COMPANIES] = w.keep[S_CONTACTS] = 0;
	if (!m.order_ok && (rc = walk(&w)))
		goto done;
	if ((rc = fu__begin(db)))
		goto done;
	int64_t apps = 0, people = 0, other = 0;
	if ((rc = db_counts(db, &apps, &people, &other)))
		goto fail;
	if (!(flags & FU_IMPORT_MERGE) && apps + people + other > 0) {
		rc = fu__error(db, FU_EEXISTS, "the database already holds data "
			"(%lld application%s, %lld contact%s): import into an "
			"empty one (fu --db NEW.db import FILE), or add to it "
			"with fu import --merge FILE", (long long)apps,
			apps == 1 ? "" : "s", (long long)people,
			people == 1 ? "" : "s");
		goto fail;
	}
	if ((flags & FU_IMPORT_MERGE) && (rc = merge_numbers(&m)))
		goto fail;
	if ((rc = write_doc(&m, rep)) || (rc = fu__commit(db)))
		goto fail;
	goto done;
fail:
	fu__rollback(db);
	db->params_valid = 0; /* they may have been read from what was undone */
	memset(rep, 0, sizeof *rep);
done:
	if (in_txn)
		fu__rollback(db);
	index_close(&m);
	if (m.f != f)
		fclose(m.f);
	imp_free(&m);
	return rc;
}

int fu_import_json(fu_db *db, const char *text, size_t len, int flags,
		   fu_import_report *rep)
{
	FILE *f = len ? fmemopen((void *)text, len, "r")
		      : fopen("/dev/null", "r");
	if (!f) {
		if (rep)
			memset(rep, 0, sizeof *rep);
		return fu__error(db, FU_ERROR, "out of memory");
	}
	int rc = fu_import_json_file(db, f, flags, rep, NULL, NULL);
	fclose(f);
	return rc;
}
