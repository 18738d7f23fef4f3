/* SPDX-License-Identifier: MIT */
/*
 * mailmsg.c - a message as fu-mail-read describes it (one JSON record,
 * the interface written at the top of cmd/mail/fu-mail-read.c) into the
 * plain fu_mail_msg of mail.h, and the keys of what was read. Strings
 * are taken as the reader wrote them (valid UTF-8, no controls, bounded);
 * a record of another shape is refused, not guessed at.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fu/mail.h"
#include "internal.h"

/* A string member: 0 when absent or null, -1 out of memory. */
static int take(char **out, const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = NULL;
	if (!cJSON_IsString(v) || !v->valuestring)
		return 0;
	return (*out = strdup(v->valuestring)) ? 0 : -1;
}

static int64_t num(const cJSON *o, const char *key, int64_t def, int *has)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (has)
		*has = cJSON_IsNumber(v);
	return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : def;
}

static int read_addr(fu_mail_addr *a, const cJSON *v)
{
	a->name = a->address = NULL;
	if (!cJSON_IsObject(v))
		return 0;
	if (take(&a->name, v, "name") || take(&a->address, v, "address"))
		return -1;
	return 0;
}

static void clear_addr(fu_mail_addr *a)
{
	free(a->name);
	free(a->address);
	a->name = a->address = NULL;
}

static int read_addrs(fu_mail_addr **out, size_t *n, const cJSON *o,
		      const char *key)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = NULL;
	*n = 0;
	size_t count = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
	if (!count)
		return 0;
	if (!(*out = calloc(count, sizeof **out)))
		return -1;
	for (const cJSON *v = arr->child; v; v = v->next) {
		fu_mail_addr a;
		if (read_addr(&a, v)) {
			clear_addr(&a);
			return -1;
		}
		if (!a.address) { /* an address is what it is for */
			clear_addr(&a);
			continue;
		}
		(*out)[(*n)++] = a;
	}
	return 0;
}

static int read_strs(char ***out, size_t *n, const cJSON *o, const char *key)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = NULL;
	*n = 0;
	size_t count = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
	if (!count)
		return 0;
	if (!(*out = calloc(count, sizeof **out)))
		return -1;
	for (const cJSON *v = arr->child; v; v = v->next)
		if (cJSON_IsString(v) && v->valuestring &&
		    !((*out)[(*n)++] = strdup(v->valuestring)))
			return -1;
	return 0;
}

static int read_time(fu_mail_time *t, const cJSON *v)
{
	memset(t, 0, sizeof *t);
	if (!cJSON_IsObject(v))
		return 0;
	t->known = 1;
	t->utc = num(v, "utc", 0, &t->has_utc);
	t->all_day = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "all_day"));
	return take(&t->local, v, "local");
}

static int read_person(fu_mail_person *p, const cJSON *v)
{
	memset(p, 0, sizeof *p);
	if (take(&p->name, v, "name") || take(&p->address, v, "address") ||
	    take(&p->role, v, "role") || take(&p->partstat, v, "partstat") ||
	    take(&p->cutype, v, "cutype"))
		return -1;
	return 0;
}

static void clear_person(fu_mail_person *p)
{
	free(p->name);
	free(p->address);
	free(p->role);
	free(p->partstat);
	free(p->cutype);
}

static void clear_calendar(fu_mail_calendar *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nevents; i++) {
		fu_mail_vevent *e = &c->events[i];
		free(e->uid);
		free(e->status);
		free(e->summary);
		free(e->location);
		free(e->start.local);
		free(e->end.local);
		clear_person(&e->organizer);
		for (size_t j = 0; j < e->nattendees; j++)
			clear_person(&e->attendees[j]);
		free(e->attendees);
	}
	free(c->events);
	free(c->method);
	free(c);
}

static int read_vevent(fu_mail_vevent *e, const cJSON *v)
{
	const cJSON *org = cJSON_GetObjectItemCaseSensitive(v, "organizer");
	const cJSON *att = cJSON_GetObjectItemCaseSensitive(v, "attendees");
	e->sequence = (int)num(v, "sequence", 0, NULL);
	e->recurring = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v,
								    "recurring"));
	e->has_recurrence_id = cJSON_IsObject(
		cJSON_GetObjectItemCaseSensitive(v, "recurrence_id"));
	if (take(&e->uid, v, "uid") || take(&e->status, v, "status") ||
	    take(&e->summary, v, "summary") ||
	    take(&e->location, v, "location") ||
	    read_time(&e->start, cJSON_GetObjectItemCaseSensitive(v, "start")) ||
	    read_time(&e->end, cJSON_GetObjectItemCaseSensitive(v, "end")))
		return -1;
	if (cJSON_IsObject(org)) {
		e->has_organizer = 1;
		if (read_person(&e->organizer, org))
			return -1;
	}
	size_t count = cJSON_IsArray(att) ? (size_t)cJSON_GetArraySize(att) : 0;
	if (count && !(e->attendees = calloc(count, sizeof *e->attendees)))
		return -1;
	for (const cJSON *a = count ? att->child : NULL; a; a = a->next) {
		if (!cJSON_IsObject(a))
			continue;
		if (read_person(&e->attendees[e->nattendees++], a))
			return -1;
	}
	return 0;
}

static int read_calendar(fu_mail_calendar **out, const cJSON *v)
{
	*out = NULL;
	if (!cJSON_IsObject(v))
		return 0;
	fu_mail_calendar *c = calloc(1, sizeof *c);
	if (!c)
		return -1;
	*out = c;
	const cJSON *evs = cJSON_GetObjectItemCaseSensitive(v, "events");
	size_t count = cJSON_IsArray(evs) ? (size_t)cJSON_GetArraySize(evs) : 0;
	if (take(&c->method, v, "method"))
		return -1;
	for (char *p = c->method; p && *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
	if (count && !(c->events = calloc(count, sizeof *c->events)))
		return -1;
	for (const cJSON *e = count ? evs->child : NULL; e; e = e->next)
		if (cJSON_IsObject(e) && read_vevent(&c->events[c->nevents++], e))
			return -1;
	return 0;
}

/* Whether the subject says it is an automatic reply. */
static int autoreply_subject(const char *s)
{
	static const char *const prefixes[] = {
		"automatic reply", "auto reply", "autoreply", "auto-reply",
		"out of office", "out of the office", "abwesenheitsnotiz",
		"automatische antwort", "abwesend", "réponse automatique",
		NULL
	};
	if (!s)
		return 0;
	for (int i = 0; prefixes[i]; i++)
		if (strncasecmp(s, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

static int read_hints(const cJSON *h, const char *subject)
{
	int out = 0;
	const char *v;
	if (autoreply_subject(subject))
		out |= FU_MAIL_AUTOREPLY;
	if (!cJSON_IsObject(h))
		return out;
	if (cJSON_GetObjectItemCaseSensitive(h, "list-id") ||
	    cJSON_GetObjectItemCaseSensitive(h, "list-unsubscribe") ||
	    cJSON_GetObjectItemCaseSensitive(h, "list-post"))
		out |= FU_MAIL_LIST;
	if ((v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
		     h, "precedence")))) {
		v += strspn(v, " \t");
		if (!strncasecmp(v, "bulk", 4) || !strncasecmp(v, "list", 4) ||
		    !strncasecmp(v, "junk", 4))
			out |= FU_MAIL_BULK;
		if (!strncasecmp(v, "auto_reply", 10))
			out |= FU_MAIL_AUTOREPLY;
	}
	if ((v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
		     h, "auto-submitted")))) {
		v += strspn(v, " \t");
		if (strncasecmp(v, "no", 2) != 0 || (v[2] && v[2] != ' ' &&
						     v[2] != ';'))
			out |= FU_MAIL_AUTOMATED;
		if (!strncasecmp(v, "auto-replied", 12))
			out |= FU_MAIL_AUTOREPLY;
	}
	if (cJSON_GetObjectItemCaseSensitive(h, "x-autoreply") ||
	    cJSON_GetObjectItemCaseSensitive(h, "x-autorespond"))
		out |= FU_MAIL_AUTOREPLY;
	return out;
}

int fu_mail_msg_from_json(fu_mail_msg *m, const cJSON *r)
{
	memset(m, 0, sizeof *m);
	m->offset = m->length = -1;
	const char *type = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(r, "type"));
	if (!cJSON_IsObject(r) || !type ||
	    (strcmp(type, "message") && strcmp(type, "calendar")))
		return FU_EINVALID;
	m->is_calendar = !strcmp(type, "calendar");
	int rc = FU_ERROR;
	if (take(&m->path, r, "path"))
		goto fail;
	m->offset = num(r, "offset", -1, NULL);
	m->length = num(r, "length", -1, NULL);
	if (m->is_calendar) {
		m->full = 1;
		if (read_calendar(&m->calendar,
				  cJSON_GetObjectItemCaseSensitive(r, "calendar")))
			goto fail;
		return FU_OK;
	}
	if (take(&m->flags, r, "flags") ||
	    take(&m->message_id, r, "message_id") ||
	    take(&m->digest, r, "digest") || take(&m->subject, r, "subject") ||
	    take(&m->content_type, r, "content_type") ||
	    read_addr(&m->from, cJSON_GetObjectItemCaseSensitive(r, "from")) ||
	    read_addr(&m->sender, cJSON_GetObjectItemCaseSensitive(r, "sender")) ||
	    read_addrs(&m->reply_to, &m->nreply_to, r, "reply_to") ||
	    read_addrs(&m->to, &m->nto, r, "to") ||
	    read_addrs(&m->cc, &m->ncc, r, "cc") ||
	    read_strs(&m->in_reply_to, &m->nin_reply_to, r, "in_reply_to") ||
	    read_strs(&m->references, &m->nreferences, r, "references"))
		goto fail;
	m->date = num(r, "date", 0, &m->has_date);
	m->date_offset = (int)num(r, "date_offset", 0, NULL);
	m->hints = read_hints(cJSON_GetObjectItemCaseSensitive(r, "hints"),
			      m->subject);
	/* full mode: "truncated" is always there */
	const cJSON *tr = cJSON_GetObjectItemCaseSensitive(r, "truncated");
	if (cJSON_IsBool(tr)) {
		m->full = 1;
		m->truncated = cJSON_IsTrue(tr);
		if (take(&m->snippet, r, "snippet") ||
		    read_calendar(&m->calendar,
				  cJSON_GetObjectItemCaseSensitive(r, "calendar")))
			goto fail;
	}
	return FU_OK;
fail:
	fu_mail_msg_clear(m);
	return rc;
}

static void free_addrs(fu_mail_addr *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		clear_addr(&a[i]);
	free(a);
}

static void free_strs(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

void fu_mail_msg_clear(fu_mail_msg *m)
{
	if (!m)
		return;
	free(m->path);
	free(m->flags);
	free(m->message_id);
	free(m->digest);
	clear_addr(&m->from);
	clear_addr(&m->sender);
	free_addrs(m->reply_to, m->nreply_to);
	free_addrs(m->to, m->nto);
	free_addrs(m->cc, m->ncc);
	free(m->subject);
	free_strs(m->in_reply_to, m->nin_reply_to);
	free_strs(m->references, m->nreferences);
	free(m->content_type);
	free(m->snippet);
	clear_calendar(m->calendar);
	memset(m, 0, sizeof *m);
	m->offset = m->length = -1;
}

int64_t fu_mail_key(const char *prefix, const char *text)
{
	size_t lp = strlen(prefix), lt = strlen(text);
	char small[512], *buf = lp + lt <= sizeof small ? small
						       : malloc(lp + lt);
	unsigned char h[32];
	if (!buf) { /* out of memory: hash the two apart, still stable */
		unsigned char a[32];
		fu__sha256(a, prefix, lp);
		fu__sha256(h, text, lt);
		for (int i = 0; i < 32; i++)
			h[i] ^= a[i];
	} else {
		memcpy(buf, prefix, lp);
		memcpy(buf + lp, text, lt);
		fu__sha256(h, buf, lp + lt);
		if (buf != small)
			free(buf);
	}
	uint64_t k = 0;
	for (int i = 0; i < 8; i++)
		k = k << 8 | h[i];
	/* 0 means "no key" to the callers */
	return k ? (int64_t)k : 1;
}

int64_t fu_mail_msg_key(const fu_mail_msg *m)
{
	if (m->message_id)
		return fu_mail_key("id:", m->message_id);
	if (m->digest)
		return fu_mail_key("digest:", m->digest);
	return 0;
}

char *fu_mail_unique_name(char *buf, size_t len, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i + 2 < n; i++)
		if ((name[i] == ':' || name[i] == '!' || name[i] == ';') &&
		    name[i + 1] == '2' && name[i + 2] == ',') {
			n = i;
			break;
		}
	if (n >= len)
		return NULL;
	memcpy(buf, name, n);
	buf[n] = '\0';
	return buf;
}
