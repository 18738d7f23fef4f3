/* SPDX-License-Identifier: MIT */
/* json.c - the JSON shapes of json.h: one per record, for every command
 * that prints it and for fu export. */
#include <stdio.h>
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

static void add_id_item(cJSON *a, int64_t id)
{
	cJSON_AddItemToArray(a, id ? cJSON_CreateNumber((double)id)
				   : cJSON_CreateNull());
}

static void add_time(cJSON *o, const char *k, int64_t t)
{
	cJSON_AddItemToObject(o, k, fu_json_time(t));
}

/* A time, or a whole day ("2026-11-17": given without a time). */
static void add_when(cJSON *o, const char *k, int64_t t, int day)
{
	char buf[FU_DAY_LEN];
	if (t && day)
		cJSON_AddStringToObject(o, k, fu_time_day(buf, t));
	else
		add_time(o, k, t);
}

/* A record's identifier (uuid.h), the same on every machine; left out
 * when it has none (a record not read from the database). */
static void add_uuid(cJSON *o, const char *uuid)
{
	if (uuid && *uuid)
		cJSON_AddStringToObject(o, "uuid", uuid);
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
	add_uuid(o, c->uuid);
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
	add_uuid(o, a->uuid);
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
	add_uuid(o, a->uuid);
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
	/* only where a topic is one person's, so that what an older fu
	 * wrote and reads stays the same */
	int personal = 0;
	for (size_t i = 0; e->topic_with && i < e->ntopics; i++)
		personal |= e->topic_with[i] != 0;
	cJSON *tw = personal ? cJSON_AddArrayToObject(o, "topic_with") : NULL;
	for (size_t i = 0; tw && i < e->ntopics; i++)
		add_id_item(tw, e->topic_with[i]);
	if (e->occasion)
		add_str(o, "occasion", e->occasion);
	if (e->because)
		add_str(o, "because", e->because);
	add_when(o, "expect", e->expect_at, e->expect_day);
	add_when(o, "until", e->until_at, e->until_day);
	add_str(o, "note", e->note);
	add_str(o, "action", e->action);
	add_str(o, "outcome", fu_outcome_name(e->outcome));
	cJSON_AddBoolToObject(o, "urgent", e->urgent);
	add_time(o, "recorded", e->created_at);
	add_uuid(o, e->uuid);
	cJSON *ad = cJSON_AddArrayToObject(o, "added");
	for (size_t i = e->nwith - (e->nadded <= e->nwith ? e->nadded : 0);
	     ad && i < e->nwith; i++)
		cJSON_AddItemToArray(ad, cJSON_CreateNumber((double)e->with[i]));
	add_str(o, "message_id", e->message_id);
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
	/* what RULES.md's constraints did to it (fu due --why) */
	cJSON *cs = cJSON_AddArrayToObject(o, "constraints");
	for (int n = 1; cs && n <= FU_CONSTRAINTS; n++)
		if (r->a.constraints & (1u << n))
			cJSON_AddItemToArray(cs, cJSON_CreateNumber(n));
	add_time(o, "expires", r->a.expires);
	/* rule 11: one message to a person serves several applications */
	add_str(o, "joined", r->joined);
	cJSON *also = cJSON_AddArrayToObject(o, "also");
	for (const char *p = r->also; also && p && *p;) {
		size_t len = strcspn(p, " ");
		char key[sizeof r->a.key];
		snprintf(key, sizeof key, "%.*s", (int)len, p);
		cJSON_AddItemToArray(also, cJSON_CreateString(key));
		p += len + (p[len] == ' ');
	}
	return o;
}

/* --- printing ----------------------------------------------------------- */

/*
 * cJSON_Print's layout, exactly (fu export streams its pieces and the
 * tests compare with it): objects one member a line, indented with tabs,
 * "key":<TAB>value; arrays on one line, ", " between elements. What
 * differs is the text: numbers are exact (cJSON compares a number with
 * its 15-digit form within an epsilon, so 9007199254740991 came out as
 * 9.00719925474099e+15, another number), and strings are valid UTF-8
 * and safe on a terminal.
 */
static void print_string(fu_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p);
	fu_buf_putc(b, '"');
	while (*p) {
		size_t n = 1;
		switch (*p) {
		case '"': fu_buf_puts(b, "\\\""); break;
		case '\\': fu_buf_puts(b, "\\\\"); break;
		case '\b': fu_buf_puts(b, "\\b"); break;
		case '\f': fu_buf_puts(b, "\\f"); break;
		case '\n': fu_buf_puts(b, "\\n"); break;
		case '\r': fu_buf_puts(b, "\\r"); break;
		case '\t': fu_buf_puts(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				fu_buf_printf(b, "\\u%04x", *p);
			} else if (*p < 0x80) {
				fu_buf_putc(b, (char)*p);
			} else if ((n = fu__utf8_len(p, left)) == 0) {
				/* not UTF-8 (another program wrote it): JSON
				 * cannot carry the byte; U+FFFD stands for it */
				fu_buf_puts(b, "\\ufffd");
				n = 1;
			} else {
				unsigned cp = n == 2
					? (unsigned)(p[0] & 0x1f) << 6 | (p[1] & 0x3f)
					: n == 3 ? (unsigned)(p[0] & 0x0f) << 12 |
					  (unsigned)(p[1] & 0x3f) << 6 | (p[2] & 0x3f)
					: 0;
				if (fu_text_hidden_code_point(cp))
					fu_buf_printf(b, "\\u%04x", cp);
				else
					fu_buf_add(b, (const char *)p, n);
			}
		}
		p += n;
		left -= n;
	}
	fu_buf_putc(b, '"');
}

static void print_number(fu_buf *b, double d)
{
	char tmp[64];
	double a = d < 0 ? -d : d;
	if (d != d || a > 1.7976931348623157e308) {
		fu_buf_puts(b, "null"); /* as cJSON: NaN and infinity */
		return;
	}
	/* a whole number, whole (above 2^53 every double is whole) */
	if (a < 9.2e18 && d == (double)(long long)d) {
		fu_buf_printf(b, "%lld", (long long)d);
		return;
	}
	snprintf(tmp, sizeof tmp, "%1.15g", d);
	if (strtod(tmp, NULL) != d)
		snprintf(tmp, sizeof tmp, "%1.17g", d);
	fu_buf_puts(b, tmp);
}

static void tabs(fu_buf *b, int n)
{
	while (n-- > 0)
		fu_buf_putc(b, '\t');
}

static void print_value(fu_buf *b, const cJSON *v, int depth)
{
	if (cJSON_IsNull(v)) {
		fu_buf_puts(b, "null");
	} else if (cJSON_IsFalse(v)) {
		fu_buf_puts(b, "false");
	} else if (cJSON_IsTrue(v)) {
		fu_buf_puts(b, "true");
	} else if (cJSON_IsNumber(v)) {
		print_number(b, v->valuedouble);
	} else if (cJSON_IsRaw(v)) {
		fu_buf_puts(b, v->valuestring ? v->valuestring : "");
	} else if (cJSON_IsString(v)) {
		print_string(b, v->valuestring);
	} else if (cJSON_IsArray(v)) {
		fu_buf_putc(b, '[');
		for (const cJSON *e = v->child; e; e = e->next) {
			print_value(b, e, depth + 1);
			if (e->next)
				fu_buf_puts(b, ", ");
		}
		fu_buf_putc(b, ']');
	} else if (cJSON_IsObject(v)) {
		fu_buf_puts(b, "{\n");
		for (const cJSON *e = v->child; e; e = e->next) {
			tabs(b, depth + 1);
			print_string(b, e->string);
			fu_buf_puts(b, ":\t");
			print_value(b, e, depth + 1);
			fu_buf_puts(b, e->next ? ",\n" : "\n");
		}
		tabs(b, depth);
		fu_buf_putc(b, '}');
	}
}

char *fu_json_print(const cJSON *v)
{
	if (!v)
		return NULL;
	fu_buf b = FU_BUF_INIT;
	print_value(&b, v, 0);
	return b.failed ? (fu_buf_free(&b), NULL) : fu_buf_detach(&b);
}
