/* json.c - the JSON shapes of json.h: one per record, for every command
 * that prints it and for fu export. */
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/json.h"
#include "fu/rules.h"
#include "fu/text.h"
#include "internal.h"

cJSON *fu_json_time(int64_t t)
{
	char buf[FU_ISO_LEN];
	return t ? cJSON_CreateString(fu_time_iso(buf, t)) : cJSON_CreateNull();
}

static void add_str(cJSON *o, const char *k, const char *v)
{
	cJSON_AddItemToObject(o, k, v ? cJSON_CreateString(v)
				      : cJSON_CreateNull());
}

static void add_id(cJSON *o, const char *k, int64_t id)
{
	cJSON_AddItemToObject(o, k, id ? cJSON_CreateNumber((double)id)
				       : cJSON_CreateNull());
}

static void add_time(cJSON *o, const char *k, int64_t t)
{
	cJSON_AddItemToObject(o, k, fu_json_time(t));
}

cJSON *fu_json_contact(const fu_contact *c)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)c->id);
	add_str(o, "name", c->name);
	add_str(o, "company", c->company);
	add_str(o, "title", c->title);
	add_str(o, "email", c->email);
	add_str(o, "phone", c->phone);
	add_str(o, "address", c->address);
	add_str(o, "prefers", fu_channel_name(c->prefers));
	cJSON_AddBoolToObject(o, "no_calls", c->no_calls);
	cJSON_AddBoolToObject(o, "social_ok", c->social_ok);
	add_str(o, "notes", c->notes);
	add_time(o, "created", c->created_at);
	return o;
}

cJSON *fu_json_application(const fu_application *a,
			   const fu_contact *people, size_t npeople)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)a->id);
	add_str(o, "company", a->company);
	add_str(o, "role", a->role);
	add_str(o, "source", fu_source_name(a->source));
	add_str(o, "url", a->url);
	add_str(o, "notes", a->notes);
	cJSON_AddBoolToObject(o, "no_calls", a->no_calls);
	cJSON_AddBoolToObject(o, "no_follow_up", a->no_follow_up);
	add_time(o, "applied", a->applied_at);
	add_str(o, "stage", fu_application_stage_name(a));
	add_str(o, "status", a->outcome ? "closed" : "open");
	add_str(o, "outcome", fu_outcome_name(a->outcome));
	add_time(o, "closed", a->closed_at);
	add_time(o, "created", a->created_at);
	cJSON *cs = cJSON_AddArrayToObject(o, "contacts");
	for (size_t i = 0; cs && i < a->ncontacts; i++) {
		cJSON *c = cJSON_CreateObject();
		if (!c)
			break;
		cJSON_AddNumberToObject(c, "id", (double)a->contact_ids[i]);
		const char *name = NULL;
		for (size_t j = 0; people && j < npeople; j++)
			if (people[j].id == a->contact_ids[i])
				name = people[j].name;
		add_str(c, "name", name);
		cJSON_AddItemToArray(cs, c);
	}
	return o;
}

cJSON *fu_json_application_export(const fu_application *a)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)a->id);
	add_str(o, "company", a->company);
	add_str(o, "role", a->role);
	add_str(o, "source", fu_source_name(a->source));
	add_str(o, "url", a->url);
	add_str(o, "notes", a->notes);
	cJSON_AddBoolToObject(o, "no_calls", a->no_calls);
	cJSON_AddBoolToObject(o, "no_follow_up", a->no_follow_up);
	cJSON *cs = cJSON_AddArrayToObject(o, "contacts");
	for (size_t i = 0; cs && i < a->ncontacts; i++)
		cJSON_AddItemToArray(cs, cJSON_CreateNumber(
					     (double)a->contact_ids[i]));
	add_time(o, "created", a->created_at);
	return o;
}

cJSON *fu_json_event(const fu_event *e)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)e->id);
	add_str(o, "kind", fu_event_kind_name(e->kind));
	add_time(o, "at", e->at);
	add_id(o, "application", e->application_id);
	add_id(o, "contact", e->contact_id);
	cJSON *w = cJSON_AddArrayToObject(o, "with");
	for (size_t i = 0; w && i < e->nwith; i++)
		cJSON_AddItemToArray(w, cJSON_CreateNumber((double)e->with[i]));
	add_str(o, "channel", fu_channel_name(e->channel));
	cJSON *t = cJSON_AddArrayToObject(o, "topics");
	for (size_t i = 0; t && i < e->ntopics; i++)
		cJSON_AddItemToArray(t, cJSON_CreateString(e->topics[i]));
	add_time(o, "expect", e->expect_at);
	add_time(o, "until", e->until_at);
	add_str(o, "note", e->note);
	add_str(o, "action", e->action);
	add_str(o, "outcome", fu_outcome_name(e->outcome));
	cJSON_AddBoolToObject(o, "urgent", e->urgent);
	add_time(o, "recorded", e->created_at);
	return o;
}

cJSON *fu_json_action(const fu_action_row *r, int64_t now)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	if (r->a.application_id) {
		cJSON *a = cJSON_AddObjectToObject(o, "application");
		if (a) {
			cJSON_AddNumberToObject(a, "id",
						(double)r->a.application_id);
			add_str(a, "company", r->company);
			add_str(a, "role", r->role);
		}
	} else {
		cJSON_AddNullToObject(o, "application");
	}
	if (r->a.contact_id) {
		cJSON *c = cJSON_AddObjectToObject(o, "contact");
		if (c) {
			cJSON_AddNumberToObject(c, "id",
						(double)r->a.contact_id);
			add_str(c, "name", r->contact_name);
		}
	} else {
		cJSON_AddNullToObject(o, "contact");
	}
	add_str(o, "action", fu_action_kind_name(r->a.kind));
	add_str(o, "channel", fu_channel_name(r->a.channel));
	add_time(o, "not_before", r->a.not_before);
	add_time(o, "due", r->a.due);
	add_str(o, "state", fu_action_state_name(fu_action_state(&r->a, now)));
	add_str(o, "rule", r->a.rule);
	add_str(o, "reason", r->a.reason);
	add_str(o, "key", r->a.key);
	cJSON_AddBoolToObject(o, "snoozed", r->a.snoozed);
	cJSON_AddNumberToObject(o, "seq", r->a.seq);
	return o;
}

/* --- printing ----------------------------------------------------------- */

/* A number token cJSON printed, from p: its length. */
static size_t number_len(const char *p)
{
	return strspn(p, "-+0123456789.eE");
}

char *fu_json_print(const cJSON *v)
{
	char *raw = v ? cJSON_Print(v) : NULL;
	if (!raw)
		return NULL;
	fu_buf b = FU_BUF_INIT;
	const unsigned char *p = (const unsigned char *)raw;
	size_t left = strlen(raw);
	int in_string = 0;
	while (*p) {
		size_t n = 1;
		if (!in_string) {
			if (*p == '"') {
				in_string = 1;
				fu_buf_putc(&b, '"');
			} else if (*p == '-' || (*p >= '0' && *p <= '9')) {
				/* cJSON prints 4500000000000000 as 4.5e+15:
				 * a whole number is written whole */
				n = number_len((const char *)p);
				char tok[64];
				double d = 0;
				if (n < sizeof tok && strcspn((const char *)p, ".eE")
				    < n) {
					memcpy(tok, p, n);
					tok[n] = '\0';
					d = strtod(tok, NULL);
				}
				double a = d < 0 ? -d : d;
				/* above 2^53 every double is whole */
				if (d != 0 && a < 1e21 && (a >= 9007199254740992.0 ||
				    d == (double)(long long)d))
					fu_buf_printf(&b, "%.0f", d);
				else
					fu_buf_add(&b, (const char *)p, n);
			} else {
				fu_buf_putc(&b, (char)*p);
			}
		} else if (*p == '\\') {
			n = p[1] ? 2 : 1; /* an escape cJSON wrote, as it is */
			fu_buf_add(&b, (const char *)p, n);
		} else if (*p == '"') {
			in_string = 0;
			fu_buf_putc(&b, '"');
		} else if (*p < 0x80) {
			if (*p == 0x7f)
				fu_buf_puts(&b, "\\u007f");
			else
				fu_buf_putc(&b, (char)*p);
		} else if ((n = fu__utf8_len(p, left)) == 0) {
			/* not UTF-8 (another program wrote it): JSON
			 * cannot carry the byte; U+FFFD stands for it */
			fu_buf_puts(&b, "\\ufffd");
			n = 1;
		} else {
			unsigned cp = n == 2 ? (unsigned)(p[0] & 0x1f) << 6 |
				(p[1] & 0x3f) : n == 3 ?
				(unsigned)(p[0] & 0x0f) << 12 |
				(unsigned)(p[1] & 0x3f) << 6 | (p[2] & 0x3f) : 0;
			if (fu_text_hidden_code_point(cp))
				fu_buf_printf(&b, "\\u%04x", cp);
			else
				fu_buf_add(&b, (const char *)p, n);
		}
		p += n;
		left -= n;
	}
	cJSON_free(raw);
	return b.failed ? (fu_buf_free(&b), NULL) : fu_buf_detach(&b);
}
