/* SPDX-License-Identifier: MIT */
/*
 * changefile.c - the change files of fu sync (changes.h): reading one
 * another machine wrote, checking every part of it against the
 * declaration of the synced tables (synced.c) before anything is
 * applied, and writing this machine's from its outgoing log. No
 * database here: text in, text out.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"
#include "fu/changes.h"
#include "fu/uuid.h"
#include "internal.h"

void fu_changes_free(fu_changes *c)
{
	if (!c)
		return;
	cJSON_Delete(c->root);
	free(c->deps);
	free(c->tx);
	free(c);
}

const char *fu_changes_device(const fu_changes *c)
{
	return c->device;
}

const char *fu_changes_name(const fu_changes *c)
{
	return c->name;
}

int64_t fu_changes_file(const fu_changes *c)
{
	return c->file;
}

size_t fu_changes_transactions(const fu_changes *c)
{
	return c->ntx;
}

size_t fu_changes_records(const fu_changes *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->ntx; i++)
		n += (size_t)cJSON_GetArraySize(c->tx[i].changes);
	return n;
}

/* --- reading ---------------------------------------------------------------- */

typedef struct reader {
	char *err;
	size_t errlen;
} reader;

static int bad(reader *r, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static int bad(reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err, r->errlen, fmt, ap);
	va_end(ap);
	return FU_ECHANGES;
}

/* A whole number from lo to 2^53 - 1 (exact in JSON's doubles). */
static int whole(const cJSON *v, double lo, int64_t *out)
{
	if (!cJSON_IsNumber(v) || v->valuedouble < lo ||
	    v->valuedouble > 9007199254740991.0 ||
	    (double)(int64_t)v->valuedouble != v->valuedouble)
		return 0;
	*out = (int64_t)v->valuedouble;
	return 1;
}

/* A name a machine gives itself: text of a line, 1 to 200 characters. */
static int good_name(const char *s)
{
	static const fu__sync_col name = { "name", FU__SC_VALUE, FU__SV_NAME,
					   FU__SF_REQUIRED, NULL };
	cJSON v = { 0 };
	v.type = cJSON_String;
	v.valuestring = (char *)s;
	return fu__sync_bad_value(&name, &v) == NULL;
}

/* A record's key: an identifier, or its key columns' values joined by
 * '/', each as its column takes it. */
static const char *bad_key(const fu__sync_table *t, const char *key)
{
	if (fu__sync_has_uuid(t))
		return fu_uuid_valid(key) ? NULL : "is not an identifier";
	const char *p = key;
	for (size_t i = 0; i < t->ncols; i++) {
		const fu__sync_col *c = &t->cols[i];
		if (!(c->flags & FU__SF_KEY))
			continue;
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		char part[512];
		if (n >= sizeof part)
			return "is too long";
		memcpy(part, p, n);
		part[n] = '\0';
		cJSON v = { 0 };
		if (c->check == FU__SV_POSITION) {
			if (!n || n > 7 || strspn(part, "0123456789") != n)
				return "is not a key of its table";
			v.type = cJSON_Number;
			v.valuedouble = (double)strtol(part, NULL, 10);
		} else {
			v.type = cJSON_String;
			v.valuestring = part;
		}
		if (fu__sync_bad_value(c, &v))
			return "is not a key of its table";
		if (!slash) {
			p = NULL;
			for (size_t j = i + 1; j < t->ncols; j++)
				if (t->cols[j].flags & FU__SF_KEY)
					return "is not a key of its table";
			break;
		}
		p = slash + 1;
	}
	return p ? "is not a key of its table" : NULL;
}

static int read_change(reader *r, const cJSON *ch, size_t ti, size_t ci)
{
	char at[64];
	snprintf(at, sizeof at, "transactions[%zu].changes[%zu]", ti, ci);
	if (!cJSON_IsArray(ch) || cJSON_GetArraySize(ch) != 4)
		return bad(r, "%s: not a change record", at);
	const cJSON *op = cJSON_GetArrayItem(ch, 0);
	const cJSON *tab = cJSON_GetArrayItem(ch, 1);
	const cJSON *key = cJSON_GetArrayItem(ch, 2);
	const cJSON *values = cJSON_GetArrayItem(ch, 3);
	if (!cJSON_IsString(op) || (strcmp(op->valuestring, "insert") &&
				    strcmp(op->valuestring, "update") &&
				    strcmp(op->valuestring, "delete")))
		return bad(r, "%s: not insert, update or delete", at);
	const fu__sync_table *t = cJSON_IsString(tab)
		? fu__sync_table_named(tab->valuestring) : NULL;
	if (!t)
		return bad(r, "%s: not a table fu syncs", at);
	const char *why = cJSON_IsString(key) ? bad_key(t, key->valuestring)
					      : "is not text";
	if (why)
		return bad(r, "%s: the key %s", at, why);
	if (!strcmp(t->name, "config") && fu__sync_key_local(key->valuestring))
		return bad(r, "%s: '%s' is a setting of one machine", at,
			   key->valuestring);
	if (!cJSON_IsObject(values))
		return bad(r, "%s: no values", at);
	int insert = !strcmp(op->valuestring, "insert");
	int update = !strcmp(op->valuestring, "update");
	if (update && !values->child)
		return bad(r, "%s: an update that changes nothing", at);
	for (const cJSON *v = values->child; v; v = v->next) {
		int k = fu__sync_col_index(t, v->string);
		if (k < 0 || t->cols[k].how == FU__SC_LOCAL ||
		    t->cols[k].how == FU__SC_UUID)
			return bad(r, "%s: %s is not a column fu syncs", at,
				   v->string ? v->string : "?");
		for (const cJSON *w = values->child; w != v; w = w->next)
			if (!strcmp(w->string, v->string))
				return bad(r, "%s: %s given twice", at,
					   v->string);
		if (update && (t->cols[k].flags & FU__SF_KEY))
			return bad(r, "%s: an update of the key", at);
		if ((why = fu__sync_bad_value(&t->cols[k], v)))
			return bad(r, "%s: %s %s", at, v->string, why);
	}
	if (insert)
		for (size_t i = 0; i < t->ncols; i++) {
			const fu__sync_col *c = &t->cols[i];
			if (c->how == FU__SC_LOCAL || c->how == FU__SC_UUID ||
			    !(c->flags & FU__SF_REQUIRED))
				continue;
			if (!cJSON_GetObjectItemCaseSensitive(values, c->name))
				return bad(r, "%s: %s is missing", at, c->name);
		}
	return FU_OK;
}

int fu_changes_parse(fu_changes **out, const char *text, size_t len,
		     char *err, size_t errlen)
{
	reader r = { err, errlen };
	fu_changes *c = NULL;
	int rc = FU_OK;
	int64_t n;
	*out = NULL;
	if (errlen)
		err[0] = '\0';
	if (len > FU_SYNC_FILE_MAX)
		return bad(&r, "larger than fu reads (%u MiB)",
			   FU_SYNC_FILE_MAX >> 20);
	/* cJSON would cut a string at a NUL (raw, or written \u0000) and
	 * read what is left as if it were all */
	if (memchr(text, '\0', len))
		return bad(&r, "a NUL byte: not a change file");
	for (size_t i = 0; i + 1 < len; i++)
		if (text[i] == '\\') {
			if (text[i + 1] == 'u' && len - i >= 6 &&
			    !memcmp(text + i + 2, "0000", 4))
				return bad(&r, "a NUL character (\\u0000) "
					   "in a value");
			i++; /* the escaped character */
		}
	if (!(c = calloc(1, sizeof *c)))
		return bad(&r, "out of memory");
	cJSON *root = c->root = cJSON_ParseWithLength(text, len);
	if (!root) {
		rc = bad(&r, "not JSON (cut short, or not a change file)");
		goto done;
	}
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsObject(root) || !cJSON_IsString(v) ||
	    strcmp(v->valuestring, FU_SYNC_FORMAT)) {
		rc = bad(&r, "not a change file of fu sync");
		goto done;
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!whole(v, 1, &n)) {
		rc = bad(&r, "no version");
		goto done;
	}
	if (n > FU_SYNC_VERSION) {
		rc = bad(&r, "written by a newer fu (format %lld; this fu "
			 "reads %d): upgrade fu", (long long)n,
			 FU_SYNC_VERSION);
		goto done;
	}
	c->version = (int)n;
	v = cJSON_GetObjectItemCaseSensitive(root, "device");
	if (!cJSON_IsString(v) || !fu_uuid_valid(v->valuestring)) {
		rc = bad(&r, "no device");
		goto done;
	}
	memcpy(c->device, v->valuestring, FU_UUID_LEN);
	v = cJSON_GetObjectItemCaseSensitive(root, "name");
	if (!cJSON_IsString(v) || !good_name(v->valuestring)) {
		rc = bad(&r, "no name of its machine");
		goto done;
	}
	c->name = v->valuestring;
	if (!whole(cJSON_GetObjectItemCaseSensitive(root, "file"), 1,
		   &c->file)) {
		rc = bad(&r, "no file number");
		goto done;
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "deps");
	if (!cJSON_IsObject(v)) {
		rc = bad(&r, "no deps");
		goto done;
	}
	size_t nd = (size_t)cJSON_GetArraySize(v);
	if (nd && !(c->deps = calloc(nd, sizeof *c->deps))) {
		rc = bad(&r, "out of memory");
		goto done;
	}
	for (const cJSON *d = v->child; d; d = d->next) {
		if (!fu_uuid_valid(d->string) ||
		    !whole(d, 0, &c->deps[c->ndeps].seq)) {
			rc = bad(&r, "deps: not a device and a number");
			goto done;
		}
		for (size_t k = 0; k < c->ndeps; k++)
			if (!strcmp(c->deps[k].device, d->string)) {
				rc = bad(&r, "deps: a device twice");
				goto done;
			}
		memcpy(c->deps[c->ndeps++].device, d->string, FU_UUID_LEN);
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "transactions");
	if (!cJSON_IsArray(v)) {
		rc = bad(&r, "no transactions");
		goto done;
	}
	size_t nt = (size_t)cJSON_GetArraySize(v);
	if (nt && !(c->tx = calloc(nt, sizeof *c->tx))) {
		rc = bad(&r, "out of memory");
		goto done;
	}
	for (const cJSON *t = v->child; t; t = t->next) {
		fu__tx *x = &c->tx[c->ntx];
		size_t ti = c->ntx;
		if (!cJSON_IsObject(t) ||
		    !whole(cJSON_GetObjectItemCaseSensitive(t, "seq"), 1,
			   &x->seq) ||
		    !whole(cJSON_GetObjectItemCaseSensitive(t, "t"), 0, &x->t) ||
		    !whole(cJSON_GetObjectItemCaseSensitive(t, "c"), 0, &x->c)) {
			rc = bad(&r, "transactions[%zu]: no seq, t and c", ti);
			goto done;
		}
		if (ti && x->seq <= c->tx[ti - 1].seq) {
			rc = bad(&r, "transactions[%zu]: out of order", ti);
			goto done;
		}
		x->changes = cJSON_GetObjectItemCaseSensitive(t, "changes");
		if (!cJSON_IsArray(x->changes)) {
			rc = bad(&r, "transactions[%zu]: no changes", ti);
			goto done;
		}
		size_t ci = 0;
		for (const cJSON *ch = x->changes->child; ch; ch = ch->next)
			if ((rc = read_change(&r, ch, ti, ci++)))
				goto done;
		c->ntx++;
	}
done:
	if (rc) {
		fu_changes_free(c);
		return rc;
	}
	*out = c;
	return FU_OK;
}

/* --- writing ------------------------------------------------------------- */

int fu__changes_head(fu_buf *b, const char *device, const char *name,
		     int64_t file, const fu__dep *deps, size_t ndeps)
{
	cJSON *n = cJSON_CreateString(name);
	char *quoted = n ? cJSON_PrintUnformatted(n) : NULL;
	cJSON_Delete(n);
	if (!quoted)
		return FU_ERROR;
	fu_buf_printf(b, "{\"format\":\"%s\",\"version\":%d,\"device\":\"%s\","
		      "\"name\":%s,\"file\":%lld,\"deps\":{", FU_SYNC_FORMAT,
		      FU_SYNC_VERSION, device, quoted, (long long)file);
	cJSON_free(quoted);
	for (size_t i = 0; i < ndeps; i++)
		fu_buf_printf(b, "%s\"%s\":%lld", i ? "," : "", deps[i].device,
			      (long long)deps[i].seq);
	fu_buf_puts(b, "},\"transactions\":[");
	return b->failed ? FU_ERROR : FU_OK;
}

int fu__changes_tx(fu_buf *b, int first, int64_t seq, int64_t t, int64_t c,
		   const char *changes)
{
	fu_buf_printf(b, "%s\n{\"seq\":%lld,\"t\":%lld,\"c\":%lld,\"changes\":",
		      first ? "" : ",", (long long)seq, (long long)t,
		      (long long)c);
	fu_buf_puts(b, changes);
	fu_buf_putc(b, '}');
	return b->failed ? FU_ERROR : FU_OK;
}

int fu__changes_tail(fu_buf *b)
{
	fu_buf_puts(b, "]}\n");
	return b->failed ? FU_ERROR : FU_OK;
}
