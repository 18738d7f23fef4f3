/*
 * import.c - an export document read back into the database (fu import,
 * and --merge).
 *
 * An import reads and checks the whole document first (every field with
 * the checks fu add and fu log apply: the owners' fu__check_*, every
 * reference, every number), then writes it through the owners in one
 * BEGIN IMMEDIATE transaction that also works out the actions owed; any
 * failure rolls it all back. Messages name the place in the document as
 * a path: "events[4].application: no application 17 in the file".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

typedef struct company_rec {
	int64_t id;
	const char *name;
	int64_t created;
} company_rec;

typedef struct setting {
	const char *key;
	char *value; /* normalised, owned */
} setting;

/* A number of the file: contacts and applications share them. */
enum { K_CONTACT, K_APPLICATION, K_EVENT, K_COMPANY };

typedef struct idref {
	int64_t id;
	int kind;
	size_t i; /* index in its array */
} idref;

typedef struct imp {
	fu_db *db;
	int flags;
	company_rec *co;
	size_t nco;
	fu_contact *ct;
	size_t nct;
	fu_application *ap;
	size_t nap;
	fu_event *ev;
	size_t nev;
	setting *cf;
	size_t ncf;
	idref *things; /* contacts and applications, by id */
	size_t nthings;
	idref *evs;    /* events, by id */
	/* --merge: the numbers each record gets */
	int64_t *ct_new, *ap_new, *ev_new;
	char **keys;   /* rewritten action keys, owned */
	size_t nkeys;
} imp;

static void imp_free(imp *m)
{
	free(m->co);
	free(m->ct);
	for (size_t i = 0; i < m->nap; i++)
		free(m->ap[i].contact_ids);
	free(m->ap);
	for (size_t i = 0; i < m->nev; i++) {
		free(m->ev[i].with);
		free(m->ev[i].topics);
	}
	free(m->ev);
	for (size_t i = 0; i < m->ncf; i++)
		free(m->cf[i].value);
	free(m->cf);
	free(m->things);
	free(m->evs);
	free(m->ct_new);
	free(m->ap_new);
	free(m->ev_new);
	for (size_t i = 0; i < m->nkeys; i++)
		free(m->keys[i]);
	free(m->keys);
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

#define MAX_ID 9007199254740992.0 /* 2^53: exact in a double */

static int as_id(imp *m, const char *path, const cJSON *v, int64_t *out)
{
	if (!cJSON_IsNumber(v) || v->valuedouble < 1 ||
	    v->valuedouble > MAX_ID ||
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

static int read_companies(imp *m, const cJSON *arr)
{
	if (!arr->child)
		return FU_OK;
	size_t n = (size_t)cJSON_GetArraySize(arr);
	if (!(m->co = calloc(n, sizeof *m->co)))
		return oom(m);
	int rc = FU_OK;
	for (const cJSON *o = arr->child; o && !rc; o = o->next) {
		char base[64];
		company_rec *c = &m->co[m->nco];
		snprintf(base, sizeof base, "companies[%zu]", m->nco++);
		if (!cJSON_IsObject(o))
			return expected(m, base, o, "an object");
		if ((rc = check_members(m, o, base, company_fields,
					"a company")) ||
		    (rc = get_id(m, o, base, "id", 1, &c->id)) ||
		    (rc = get_word(m, o, base, "name", F_REQUIRED, FU__NAME_MAX,
				   &c->name)) ||
		    (rc = get_time(m, o, base, "created", 0, &c->created)))
			return rc;
		for (size_t j = 0; j + 1 < m->nco; j++) {
			char path[96];
			if (m->co[j].id == c->id)
				return bad(m, at(path, sizeof path, base, "id"),
					   "%lld is already the number of "
					   "companies[%zu]", (long long)c->id, j);
			if (strcasecmp(m->co[j].name, c->name) == 0)
				return bad(m, at(path, sizeof path, base,
						 "name"), "'%s' is already "
					   "companies[%zu]", c->name, j);
		}
	}
	return rc;
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
	"uuid", NULL };

/* The kinds of an export: what fu log takes, and closed. */
static int parse_kind(fu_event_kind *out, const char *s)
{
	if (strcmp(s, "closed") == 0) {
		*out = FU_EV_CLOSED;
		return FU_OK;
	}
	return fu_event_kind_parse(out, s);
}

static int read_event(imp *m, const cJSON *o, const char *base, fu_event *e)
{
	const char *kind, *channel, *note, *action, *outcome;
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
	    (rc = get_uuid(m, o, base, e->uuid)))
		return rc;
	if (outcome && fu_outcome_parse(&e->outcome, outcome))
		return bad(m, at(path, sizeof path, base, "outcome"), "'%s' is "
			   "not an outcome (%s)", outcome, fu_outcome_names());
	e->note = (char *)note;
	e->action = (char *)action;
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
		char norm[32];
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

static int cmp_idref(const void *a, const void *b)
{
	const idref *p = a, *q = b;
	if (p->id != q->id)
		return p->id < q->id ? -1 : 1;
	if (p->kind != q->kind)
		return p->kind < q->kind ? -1 : 1;
	return p->i < q->i ? -1 : p->i > q->i;
}

static const char *kind_array(int kind)
{
	return kind == K_CONTACT ? "contacts" : kind == K_APPLICATION ?
	       "applications" : "events";
}

/* Sort, and refuse a number given twice. */
static int index_ids(imp *m, idref *refs, size_t n)
{
	qsort(refs, n, sizeof *refs, cmp_idref);
	for (size_t i = 1; i < n; i++) {
		if (refs[i].id != refs[i - 1].id)
			continue;
		const idref *first = &refs[i - 1], *again = &refs[i];
		char path[96];
		snprintf(path, sizeof path, "%s[%zu].id", kind_array(again->kind),
			 again->i);
		return bad(m, path, "%lld is already the number of %s[%zu]%s",
			   (long long)again->id, kind_array(first->kind),
			   first->i, first->kind != again->kind ?
			   " (contacts and applications share numbers)" : "");
	}
	return FU_OK;
}

static const idref *find_id(const idref *refs, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (refs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && refs[lo].id == id ? &refs[lo] : NULL;
}

static int want_contact(imp *m, const char *path, int64_t id)
{
	const idref *r = find_id(m->things, m->nthings, id);
	if (!r || r->kind != K_CONTACT)
		return bad(m, path, "no contact %lld in the file%s",
			   (long long)id, r ? " (that is an application)" : "");
	return FU_OK;
}

/* An identifier given twice in one table of the file. */
typedef struct uuidref {
	const char *uuid;
	size_t i;
} uuidref;

static int cmp_uuidref(const void *a, const void *b)
{
	const uuidref *p = a, *q = b;
	int c = strcmp(p->uuid, q->uuid);
	return c ? c : p->i < q->i ? -1 : p->i > q->i;
}

static int unique_uuids(imp *m, const char *what, const void *recs,
			size_t n, size_t size, size_t offset)
{
	uuidref *v = calloc(n + 1, sizeof *v);
	size_t k = 0;
	int rc = FU_OK;
	if (!v)
		return oom(m);
	for (size_t i = 0; i < n; i++) {
		const char *u = (const char *)recs + i * size + offset;
		if (*u)
			v[k++] = (uuidref){ u, i };
	}
	qsort(v, k, sizeof *v, cmp_uuidref);
	for (size_t i = 1; i < k && !rc; i++)
		if (strcmp(v[i].uuid, v[i - 1].uuid) == 0) {
			char path[96];
			snprintf(path, sizeof path, "%s[%zu].uuid", what, v[i].i);
			rc = bad(m, path, "%s is already the identifier of "
				 "%s[%zu]", v[i].uuid, what, v[i - 1].i);
		}
	free(v);
	return rc;
}

/* Every number a record names is in the file; no identifier twice. */
static int check_references(imp *m)
{
	int rc;
	char path[128];
	if ((rc = unique_uuids(m, "contacts", m->ct, m->nct, sizeof *m->ct,
			       offsetof(fu_contact, uuid))) ||
	    (rc = unique_uuids(m, "applications", m->ap, m->nap,
			       sizeof *m->ap, offsetof(fu_application,
						      uuid))) ||
	    (rc = unique_uuids(m, "events", m->ev, m->nev, sizeof *m->ev,
			       offsetof(fu_event, uuid))))
		return rc;
	if (!(m->things = calloc(m->nct + m->nap + 1, sizeof *m->things)) ||
	    !(m->evs = calloc(m->nev + 1, sizeof *m->evs)))
		return oom(m);
	for (size_t i = 0; i < m->nct; i++)
		m->things[m->nthings++] = (idref){ m->ct[i].id, K_CONTACT, i };
	for (size_t i = 0; i < m->nap; i++)
		m->things[m->nthings++] = (idref){ m->ap[i].id, K_APPLICATION, i };
	for (size_t i = 0; i < m->nev; i++)
		m->evs[i] = (idref){ m->ev[i].id, K_EVENT, i };
	if ((rc = index_ids(m, m->things, m->nthings)) ||
	    (rc = index_ids(m, m->evs, m->nev)))
		return rc;
	for (size_t i = 0; i < m->nap; i++)
		for (size_t j = 0; j < m->ap[i].ncontacts; j++) {
			snprintf(path, sizeof path, "applications[%zu].contacts[%zu]",
				 i, j);
			if ((rc = want_contact(m, path, m->ap[i].contact_ids[j])))
				return rc;
		}
	for (size_t i = 0; i < m->nev; i++) {
		const fu_event *e = &m->ev[i];
		if (e->application_id) {
			const idref *r = find_id(m->things, m->nthings,
						 e->application_id);
			if (!r || r->kind != K_APPLICATION) {
				snprintf(path, sizeof path,
					 "events[%zu].application", i);
				return bad(m, path, "no application %lld in the "
					   "file%s", (long long)e->application_id,
					   r ? " (that is a contact)" : "");
			}
		}
		if (e->contact_id) {
			snprintf(path, sizeof path, "events[%zu].contact", i);
			if ((rc = want_contact(m, path, e->contact_id)))
				return rc;
		}
		for (size_t j = 0; j < e->nwith; j++) {
			snprintf(path, sizeof path, "events[%zu].with[%zu]", i, j);
			if ((rc = want_contact(m, path, e->with[j])))
				return rc;
		}
	}
	return FU_OK;
}

static const char *const top_fields[] = { "format", "version", "exported",
	"companies", "contacts", "applications", "events", "config", NULL };

static int read_doc(imp *m, const cJSON *root)
{
	const cJSON *v;
	const cJSON *arr;
	size_t n;
	int rc;
	int64_t t;
	if (!cJSON_IsObject(root))
		return bad(m, "the file", "expected a JSON object (as fu export "
			   "writes), not %s", what_is(root));
	v = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsString(v) || strcmp(v->valuestring, FU_EXPORT_FORMAT))
		return bad(m, "format", "expected \"%s\" (is this a file fu "
			   "export wrote?)%s%s%s", FU_EXPORT_FORMAT,
			   cJSON_IsString(v) ? ", not '" : "",
			   cJSON_IsString(v) ? v->valuestring : "",
			   cJSON_IsString(v) ? "'" : "");
	v = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsNumber(v))
		return expected(m, "version", v, "1");
	if (v->valuedouble != FU_EXPORT_VERSION)
		return bad(m, "version", "this file is version %g of the "
			   "fu-export format; this fu reads version %d%s",
			   v->valuedouble, FU_EXPORT_VERSION,
			   v->valuedouble > FU_EXPORT_VERSION ?
			   " (upgrade fu)" : "");
	if ((rc = check_members(m, root, "the file", top_fields,
				"an export")) ||
	    (rc = get_time(m, root, "the file", "exported", 0, &t)))
		return rc;
	if ((rc = get_array(m, root, "the file", "companies", &arr, &n)) ||
	    (n && (rc = read_companies(m, arr))))
		return rc;
	if ((rc = get_array(m, root, "the file", "contacts", &arr, &n)))
		return rc;
	if (n && !(m->ct = calloc(n, sizeof *m->ct)))
		return oom(m);
	for (v = arr ? arr->child : NULL; v; v = v->next) {
		char base[64];
		snprintf(base, sizeof base, "contacts[%zu]", m->nct);
		if ((rc = read_contact(m, v, base, &m->ct[m->nct++])))
			return rc;
	}
	if ((rc = get_array(m, root, "the file", "applications", &arr, &n)))
		return rc;
	if (n && !(m->ap = calloc(n, sizeof *m->ap)))
		return oom(m);
	for (v = arr ? arr->child : NULL; v; v = v->next) {
		char base[64];
		snprintf(base, sizeof base, "applications[%zu]", m->nap);
		if ((rc = read_application(m, v, base, &m->ap[m->nap++])))
			return rc;
	}
	if ((rc = get_array(m, root, "the file", "events", &arr, &n)))
		return rc;
	if (n && !(m->ev = calloc(n, sizeof *m->ev)))
		return oom(m);
	for (v = arr ? arr->child : NULL; v; v = v->next) {
		char base[64];
		snprintf(base, sizeof base, "events[%zu]", m->nev);
		if ((rc = read_event(m, v, base, &m->ev[m->nev++])))
			return rc;
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "config");
	if (v && !cJSON_IsNull(v)) {
		if (!cJSON_IsObject(v))
			return expected(m, "config", v, "an object");
		if ((rc = read_config(m, v)))
			return rc;
	}
	return check_references(m);
}

/* "the file." prefixes paths of top-level members: drop it. */
static void tidy_message(fu_db *db)
{
	static const char pre[] = "the file.";
	if (strncmp(db->msg, pre, sizeof pre - 1) == 0)
		memmove(db->msg, db->msg + sizeof pre - 1,
			strlen(db->msg) - (sizeof pre - 1) + 1);
}

/* --- import: the raw text ------------------------------------------------- */

static void line_col(const char *text, size_t pos, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < pos; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/* NUL bytes, and \u0000 (which cJSON would silently cut a string at). */
static int check_raw(fu_db *db, const char *text, size_t len)
{
	size_t line, col;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\0') {
			line_col(text, i, &line, &col);
			return fu__error(db, FU_EINVALID, "line %zu, column %zu: "
					 "a NUL byte: not a JSON text", line, col);
		}
		if (text[i] != '\\')
			continue;
		size_t run = 0;
		while (i + run < len && text[i + run] == '\\')
			run++;
		i += run - 1;
		if (run % 2 && i + 5 < len && text[i + 1] == 'u' &&
		    strncmp(text + i + 2, "0000", 4) == 0) {
			line_col(text, i, &line, &col);
			return fu__error(db, FU_EINVALID, "line %zu, column %zu: "
					 "\\u0000 (a NUL character) in a "
					 "string", line, col);
		}
	}
	return FU_OK;
}

/* Whether the text ends inside a string or an unclosed { or [ (with
 * every bracket before matched: otherwise the error is elsewhere). */
static int cut_short(const char *text, size_t len)
{
	char open[256];
	size_t depth = 0;
	int in_string = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = text[i];
		if (in_string) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_string = 0;
		} else if (ch == '"') {
			in_string = 1;
		} else if (ch == '{' || ch == '[') {
			if (depth == sizeof open)
				return 0;
			open[depth++] = ch == '{' ? '}' : ']';
		} else if (ch == '}' || ch == ']') {
			if (depth == 0 || open[--depth] != ch)
				return 0;
		}
	}
	return in_string || depth > 0;
}

static int parse_json(cJSON **out, fu_db *db, const char *text, size_t len)
{
	*out = NULL;
	size_t i = 0;
	while (i < len && strchr(" \t\r\n", text[i]))
		i++;
	if (i == len)
		return fu__error(db, FU_EINVALID, "line 1: the file is empty, "
				 "not an export");
	int rc = check_raw(db, text, len);
	if (rc)
		return rc;
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	size_t pos = end && end >= text && end <= text + len ?
		     (size_t)(end - text) : 0;
	size_t line, col;
	if (root) {
		while (pos < len && strchr(" \t\r\n", text[pos]))
			pos++;
		if (pos == len) {
			*out = root;
			return FU_OK;
		}
		cJSON_Delete(root);
		line_col(text, pos, &line, &col);
		return fu__error(db, FU_EINVALID, "line %zu, column %zu: not "
				 "JSON (more after the end of the document)",
				 line, col);
	}
	line_col(text, pos, &line, &col);
	if (cut_short(text, len)) {
		line_col(text, len, &line, &col);
		return fu__error(db, FU_EINVALID, "line %zu, column %zu: not "
				 "JSON (it ends too soon: is the file cut "
				 "short?)", line, col);
	}
	/* quote a little of what is there, whole characters, no controls */
	char near[64];
	size_t n = 0;
	for (size_t k = pos; k < len && n < 24; k++) {
		unsigned char ch = (unsigned char)text[k];
		if (ch == '\n' || ch == '\r')
			break;
		near[n++] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
	}
	while (n > 0 && pos + n < len &&
	       ((unsigned char)text[pos + n] & 0xc0) == 0x80)
		n--; /* do not cut a character */
	near[n] = '\0';
	return fu__error(db, FU_EINVALID, "line %zu, column %zu: not JSON "
			 "(cJSON error near '%s')", line, col, near);
}

/* --- import: writing ------------------------------------------------------ */

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
	int rc;
	if ((rc = fu__next_thing_id(db, &thing)) ||
	    (rc = fu__event_next_id(db, &event)))
		return rc;
	if (!(m->ct_new = calloc(m->nct + 1, sizeof *m->ct_new)) ||
	    !(m->ap_new = calloc(m->nap + 1, sizeof *m->ap_new)) ||
	    !(m->ev_new = calloc(m->nev + 1, sizeof *m->ev_new)))
		return oom(m);
	/* match first, against what was there before this import: the
	 * same identifier (the same hunt, merged again), else a contact
	 * of the same name and address */
	for (size_t i = 0; i < m->nct; i++) {
		int64_t same = 0;
		if ((m->ct[i].uuid[0] &&
		     (rc = fu__contact_by_uuid(db, &same, m->ct[i].uuid))) ||
		    (!same && (rc = fu__contact_find_same(db, &same,
							  m->ct[i].name,
							  m->ct[i].email))))
			return rc;
		m->ct_new[i] = -same;
	}
	for (size_t i = 0; i < m->nap; i++) {
		int64_t same = 0;
		if (m->ap[i].uuid[0] &&
		    (rc = fu__application_by_uuid(db, &same, m->ap[i].uuid)))
			return rc;
		m->ap_new[i] = -same;
	}
	for (size_t i = 0; i < m->nev; i++) {
		int64_t same = 0;
		if (m->ev[i].uuid[0] &&
		    (rc = fu__event_by_uuid(db, &same, m->ev[i].uuid)))
			return rc;
		m->ev_new[i] = -same;
	}
	for (size_t k = 0; k < m->nthings; k++) {
		const idref *r = &m->things[k];
		if (r->kind == K_APPLICATION) {
			if (m->ap_new[r->i] == 0)
				m->ap_new[r->i] = thing++;
		} else if (m->ct_new[r->i] == 0) {
			m->ct_new[r->i] = thing++;
		}
	}
	for (size_t k = 0; k < m->nev; k++)
		if (m->ev_new[m->evs[k].i] == 0)
			m->ev_new[m->evs[k].i] = event++;
	return FU_OK;
}

/* The number a record of the file gets in the database. */
static int64_t new_thing(const imp *m, int64_t id)
{
	if (!(m->flags & FU_IMPORT_MERGE) || !id)
		return id;
	const idref *r = find_id(m->things, m->nthings, id);
	if (!r)
		return id;
	int64_t v = r->kind == K_CONTACT ? m->ct_new[r->i] : m->ap_new[r->i];
	return v < 0 ? -v : v;
}

static int64_t new_event(const imp *m, int64_t id)
{
	if (!(m->flags & FU_IMPORT_MERGE) || !id)
		return id;
	const idref *r = find_id(m->evs, m->nev, id);
	int64_t v = r ? m->ev_new[r->i] : id;
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
	char **p = realloc(m->keys, (m->nkeys + 1) * sizeof *p);
	if (!p)
		return oom(m);
	m->keys = p;
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "%.*s:%lld:%lld%s", (int)(c1 - k), k,
		      (long long)new_event(m, ev), (long long)new_thing(m, who),
		      end);
	if (b.failed) {
		fu_buf_free(&b);
		return oom(m);
	}
	m->keys[m->nkeys++] = e->action = fu_buf_detach(&b);
	return FU_OK;
}

static int write_doc(imp *m, fu_import_report *rep)
{
	fu_db *db = m->db;
	int merge = (m->flags & FU_IMPORT_MERGE) != 0;
	int rc;
	int64_t before = 0, after = 0;
	if ((rc = fu__company_count(db, &before)))
		return rc;
	for (size_t i = 0; i < m->nco; i++) {
		int64_t id;
		if ((rc = fu__company_id(db, &id, m->co[i].name,
					 merge ? 0 : m->co[i].id,
					 m->co[i].created)))
			return rc;
	}
	for (size_t i = 0; i < m->nct; i++) {
		fu_contact c = m->ct[i];
		if (merge && m->ct_new[i] < 0) {
			rep->contacts_matched++;
			continue;
		}
		c.id = new_thing(m, c.id);
		if ((rc = fu__insert_contact(db, &c, c.id, c.created_at)))
			return rc;
		rep->contacts++;
	}
	for (size_t i = 0; i < m->nap; i++) {
		fu_application a = m->ap[i];
		if (merge && m->ap_new[i] < 0) {
			rep->applications_matched++;
			continue;
		}
		a.id = new_thing(m, a.id);
		for (size_t j = 0; j < a.ncontacts; j++)
			a.contact_ids[j] = new_thing(m, a.contact_ids[j]);
		if ((rc = fu__insert_application(db, &a, a.id, a.created_at)))
			return rc;
		rep->applications++;
	}
	/* events in the order of their numbers, so (at, id) ties replay as
	 * they did */
	for (size_t k = 0; k < m->nev; k++) {
		fu_event e = m->ev[m->evs[k].i];
		if (merge && m->ev_new[m->evs[k].i] < 0) {
			rep->events_matched++;
			continue;
		}
		e.id = new_event(m, e.id);
		e.application_id = new_thing(m, e.application_id);
		e.contact_id = new_thing(m, e.contact_id);
		for (size_t j = 0; j < e.nwith; j++)
			e.with[j] = new_thing(m, e.with[j]);
		if ((merge && (rc = rewrite_key(m, &e))) ||
		    (rc = fu__insert_event(db, &e, e.id, e.created_at)))
			return rc;
		rep->events++;
	}
	for (size_t i = 0; i < m->ncf; i++) {
		int changed = 0;
		if ((rc = fu__config_put(db, m->cf[i].key, m->cf[i].value,
					 !merge, &changed)))
			return rc;
		rep->config += (size_t)changed;
	}
	if ((rc = fu__company_count(db, &after)))
		return rc;
	rep->companies = (size_t)(after - before);
	return fu__import_finish(db);
}

int fu_import_json(fu_db *db, const char *text, size_t len, int flags,
		   fu_import_report *rep)
{
	fu_import_report dummy;
	imp m;
	cJSON *root = NULL;
	if (!rep)
		rep = &dummy;
	memset(rep, 0, sizeof *rep);
	memset(&m, 0, sizeof m);
	m.db = db;
	m.flags = flags;
	int rc = parse_json(&root, db, text, len);
	if (rc)
		return rc;
	if ((rc = read_doc(&m, root))) {
		tidy_message(db);
		goto done;
	}
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
	imp_free(&m);
	cJSON_Delete(root);
	return rc;
}

