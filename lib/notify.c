/* SPDX-License-Identifier: MIT */
/*
 * notify.c - the morning digest of fu notify: what can be done now, the
 * text each method shows, the deliveries made ready and made, and the
 * notify_log table, which this file alone writes and reads.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/date.h"
#include "fu/json.h"
#include "fu/mailer.h"
#include "fu/notify.h"
#include "fu/spawn.h"
#include "internal.h"

/* --- the digest -------------------------------------------------------- */

typedef struct gather {
	fu_db *db;
	fu_notify_digest *d;
	size_t max;
} gather;

static int copy_row(fu_action_row *r, const fu_action_row *row)
{
	*r = *row;
	r->company = fu__strdup(row->company);
	r->role = fu__strdup(row->role);
	r->contact_name = fu__strdup(row->contact_name);
	r->subject_name = fu__strdup(row->subject_name);
	r->joined = fu__strdup(row->joined);
	r->also = fu__strdup(row->also);
	return (row->company && !r->company) || (row->role && !r->role) ||
	       (row->contact_name && !r->contact_name) ||
	       (row->subject_name && !r->subject_name) ||
	       (row->joined && !r->joined) || (row->also && !r->also);
}

static void clear_row(fu_action_row *r)
{
	free(r->company);
	free(r->role);
	free(r->contact_name);
	free(r->subject_name);
	free(r->joined);
	free(r->also);
}

static int gather_row(const fu_action_row *row, void *arg)
{
	gather *g = arg;
	fu_notify_digest *d = g->d;
	d->count++;
	if (fu_action_state(&row->a, d->now) == FU_STATE_OVERDUE)
		d->overdue++;
	if (d->nitems < g->max) {
		fu_action_row *r = &d->items[d->nitems];
		int bad = copy_row(r, row);
		d->nitems++; /* (cleared whatever was copied) */
		if (bad)
			return fu__error(g->db, FU_ERROR, "out of memory");
	}
	return FU_OK;
}

void fu_notify_digest_free(fu_notify_digest *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nitems; i++)
		clear_row(&d->items[i]);
	free(d->items);
	free(d);
}

/* The filter of fu due --count: what can be done now, most urgent
 * first. */
static fu_action_filter due_now(int64_t now)
{
	fu_action_filter f = { 0 };
	f.now = now;
	f.until = now;
	return f;
}

int fu_notify_digest_get(fu_notify_digest **out, fu_db *db, size_t max)
{
	*out = NULL;
	fu_notify_digest *d = calloc(1, sizeof *d);
	if (!d || !(d->items = calloc(max ? max : 1, sizeof *d->items))) {
		free(d);
		return fu__error(db, FU_ERROR, "out of memory");
	}
	d->now = fu_db_now(db);
	gather g = { db, d, max };
	fu_action_filter f = due_now(d->now);
	int rc = fu_action_each(db, &f, gather_row, &g);
	if (rc) {
		fu_notify_digest_free(d);
		return rc;
	}
	*out = d;
	return FU_OK;
}

/* --- text ------------------------------------------------------------------ */

/* A bidirectional control: U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069 (n bytes of UTF-8 at p). */
static int bidi(const unsigned char *p, size_t n)
{
	if (n == 2)
		return p[0] == 0xd8 && p[1] == 0x9c;
	if (n != 3 || p[0] != 0xe2)
		return 0;
	return (p[1] == 0x80 && (p[2] == 0x8e || p[2] == 0x8f ||
				 (p[2] >= 0xaa && p[2] <= 0xae))) ||
	       (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9);
}

/* The length of the escape sequence starting with ESC at p (at least
 * 1): CSI (ESC [ ... final), OSC and the other strings (ESC ] P X ^ _
 * ... BEL or ESC \), or ESC and one character. */
static size_t escape_len(const unsigned char *p)
{
	size_t i = 1;
	if (!p[1])
		return 1;
	if (p[1] == '[') {
		for (i = 2; p[i] >= 0x20 && p[i] <= 0x3f; i++)
			;
		for (; p[i] >= 0x20 && p[i] <= 0x2f; i++)
			;
		return p[i] >= 0x40 && p[i] <= 0x7e ? i + 1 : i;
	}
	if (strchr("]PX^_", p[1])) {
		for (i = 2; p[i]; i++) {
			if (p[i] == 0x07)
				return i + 1;
			if (p[i] == 0x1b && p[i + 1] == '\\')
				return i + 2;
		}
		return i;
	}
	return p[1] >= 0x20 ? 2 : 1;
}

static void clean(fu_buf *out, const char *s, int markup)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p);
	while (*p) {
		size_t n = fu__utf8_len(p, left);
		if (n == 0) {
			fu_buf_puts(out, "\xef\xbf\xbd");
			n = 1;
		} else if (*p == 0x1b) {
			n = escape_len(p);
		} else if ((n == 1 && (*p < 0x20 || *p == 0x7f)) ||
			   (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)) {
			fu_buf_putc(out, ' ');
		} else if (bidi(p, n)) {
			/* dropped */
		} else if (markup && *p == '&') {
			fu_buf_puts(out, "&amp;");
		} else if (markup && *p == '<') {
			fu_buf_puts(out, "&lt;");
		} else if (markup && *p == '>') {
			fu_buf_puts(out, "&gt;");
		} else {
			fu_buf_add(out, (const char *)p, n);
		}
		p += n;
		left -= n;
	}
}

void fu_notify_clean(fu_buf *out, const char *s)
{
	clean(out, s, 0);
}

void fu_notify_markup(fu_buf *out, const char *s)
{
	clean(out, s, 1);
}

void fu_notify_summary(fu_buf *out, const fu_notify_digest *d)
{
	const char *s = d->count == 1 ? "" : "s";
	if (d->overdue == d->count)
		fu_buf_printf(out, "fu: %zu follow-up%s overdue", d->count, s);
	else if (d->overdue)
		fu_buf_printf(out, "fu: %zu follow-up%s due, %zu overdue",
			      d->count, s, d->overdue);
	else
		fu_buf_printf(out, "fu: %zu follow-up%s due", d->count, s);
}

/* "overdue: thank-you by email to Dana Reyes (Acme, Backend Engineer),
 * due Mon 9 Nov 14:00" */
static void item_line(fu_buf *out, const fu_notify_digest *d,
		      const fu_action_row *r, int markup)
{
	void (*text)(fu_buf *, const char *) = markup ? fu_notify_markup
						      : fu_notify_clean;
	char h[FU_HUMAN_LEN];
	fu_buf_printf(out, "%s: %s", fu_action_state_name(fu_action_state(
				&r->a, d->now)), fu_action_kind_name(r->a.kind));
	if (r->a.channel)
		fu_buf_printf(out, " by %s", fu_channel_name(r->a.channel));
	if (r->contact_name) {
		fu_buf_puts(out, " to ");
		text(out, r->contact_name);
	}
	fu_buf_puts(out, " (");
	if (r->a.application_id) {
		text(out, r->company ? r->company : "?");
		fu_buf_puts(out, ", ");
		text(out, r->role ? r->role : "?");
	} else {
		fu_buf_puts(out, "networking with ");
		text(out, r->subject_name ? r->subject_name : "?");
	}
	fu_buf_printf(out, "), due %s", fu_time_human(h, r->a.due, d->now, 1));
}

void fu_notify_lines(fu_buf *out, const fu_notify_digest *d, int markup)
{
	for (size_t i = 0; i < d->nitems; i++) {
		item_line(out, d, &d->items[i], markup);
		fu_buf_putc(out, '\n');
	}
	if (d->count > d->nitems)
		fu_buf_printf(out, "and %zu more: fu due\n",
			      d->count - d->nitems);
}

/* text (one line) broken at spaces into lines of at most width
 * characters where it can be, the first after first, the others after
 * indent, each ending in \n. */
static void wrap(fu_buf *out, const char *text, size_t width,
		 const char *first, const char *indent)
{
	const char *p = text;
	const char *lead = first;
	while (*p) {
		size_t avail = width - strlen(lead), chars = 0, cut = 0;
		size_t i = 0;
		for (; p[i]; i++) {
			if ((p[i] & 0xc0) == 0x80)
				continue;
			if (p[i] == ' ' && chars <= avail)
				cut = i;
			if (++chars > avail)
				break;
		}
		if (!p[i] || !cut)
			cut = p[i] ? i + strcspn(p + i, " ") : i;
		fu_buf_puts(out, lead);
		fu_buf_add(out, p, cut);
		fu_buf_putc(out, '\n');
		p += cut;
		p += strspn(p, " ");
		lead = indent;
	}
}

void fu_notify_mail_text(fu_buf *out, const fu_notify_digest *d)
{
	char h[FU_HUMAN_LEN];
	fu_buf t = FU_BUF_INIT;
	fu_notify_summary(&t, d);
	fu_buf_printf(out, "%s on %s:\n\n", t.data + strlen("fu: "),
		      fu_time_human(h, d->now, d->now, 1));
	for (size_t i = 0; i < d->nitems; i++) {
		fu_buf_clear(&t);
		item_line(&t, d, &d->items[i], 0);
		wrap(out, t.data, 72, "", "  ");
		fu_buf_clear(&t);
		fu_notify_clean(&t, d->items[i].a.reason);
		wrap(out, t.data, 72, "    ", "    ");
		fu_buf_putc(out, '\n');
	}
	fu_buf_free(&t);
	if (d->count > d->nitems)
		fu_buf_printf(out, "And %zu more.\n\n", d->count - d->nitems);
	fu_buf_puts(out, "fu due lists them all, fu due --why says why, and "
		    "fu draft REF writes\neach message.\n\n-- \n"
		    "Sent by fu notify; fu notify --log lists every "
		    "delivery.\n");
}

/* Write the UTF-8 character at p (n bytes) as a JSON \u escape. */
static void json_escape(fu_buf *out, const unsigned char *p, size_t n)
{
	unsigned cp = n == 1 ? p[0] : n == 2 ? ((p[0] & 0x1fu) << 6) |
		(p[1] & 0x3fu) : ((p[0] & 0x0fu) << 12) |
		((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
	fu_buf_printf(out, "\\u%04x", cp);
}

typedef struct json_walk {
	fu_db *db;
	cJSON *arr;
} json_walk;

static int json_add(const fu_action_row *r, void *arg)
{
	json_walk *w = arg;
	cJSON *o = fu_json_action(r, w->db->now);
	if (!o)
		return fu__error(w->db, FU_ERROR, "out of memory");
	cJSON_AddItemToArray(w->arr, o);
	return FU_OK;
}

int fu_notify_json(fu_buf *out, fu_db *db)
{
	json_walk w = { db, cJSON_CreateArray() };
	if (!w.arr)
		return fu__error(db, FU_ERROR, "out of memory");
	fu_action_filter f = due_now(db->now);
	int rc = fu_action_each(db, &f, json_add, &w);
	char *s = rc ? NULL : cJSON_Print(w.arr);
	cJSON_Delete(w.arr);
	if (rc)
		return rc;
	if (!s)
		return fu__error(db, FU_ERROR, "out of memory");
	/* cJSON writes every character but C0 controls, " and \ as it is:
	 * those that could reorder or hide what a reader of the JSON sees
	 * are escaped (the same JSON value) */
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	while (*p) {
		size_t n = fu__utf8_len(p, left);
		if (n == 0)
			n = 1; /* (cJSON wrote what it was given) */
		if ((n == 1 && *p == 0x7f) || (n == 2 && p[0] == 0xc2 &&
					       p[1] < 0xa0) || bidi(p, n) ||
		    (n == 3 && p[0] == 0xe2 && p[1] == 0x80 &&
		     (p[2] == 0xa8 || p[2] == 0xa9)))
			json_escape(out, p, n);
		else
			fu_buf_add(out, (const char *)p, n);
		p += n;
		left -= n;
	}
	fu_buf_putc(out, '\n');
	cJSON_free(s);
	return out->failed ? fu__error(db, FU_ERROR, "out of memory") : FU_OK;
}

/* --- deliveries ------------------------------------------------------------- */

void fu_notify_out_clear(fu_notify_out *o)
{
	fu_spawn_free(o->argv);
	fu_spawn_free(o->envp);
	free(o->summary);
	free(o->body);
	free(o->from_name);
	free(o->from);
	free(o->to);
	free(o->input);
	memset(o, 0, sizeof *o);
}

/* The value of key or its default; NULL (no error) when it has neither. */
static int config_value(char **out, fu_db *db, const char *key)
{
	int rc = fu_config_value(out, db, key);
	return rc == FU_ENOTFOUND ? FU_OK : rc;
}

static int prepare_desktop(fu_notify_out *o, fu_db *db,
			   const fu_notify_digest *d, const char *helper)
{
	char *term = NULL, **words = NULL, wait[24];
	size_t nwords = 0;
	int rc;
	if (!helper)
		return fu__error(db, FU_ENOTFOUND, "fu-notify-desktop is not "
				 "installed (fu looks beside itself, in "
				 "FU_LIBEXECDIR and in its libexec directory)");
	if ((rc = config_value(&term, db, "notify.terminal")))
		return rc;
	if (term && (rc = fu_spawn_split(&words, &nwords, db, term))) {
		char msg[sizeof db->msg];
		snprintf(msg, sizeof msg, "%s", fu_errmsg(db));
		free(term);
		return fu__error(db, FU_EINVALID, "notify.terminal: %s", msg);
	}
	free(term);
	fu_buf s = FU_BUF_INIT, b = FU_BUF_INIT;
	fu_notify_summary(&s, d);
	fu_notify_lines(&b, d, 1);
	if (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	o->summary = fu_buf_detach(&s);
	o->body = fu_buf_detach(&b);
	o->argv = calloc(nwords + 8, sizeof *o->argv);
	snprintf(wait, sizeof wait, "%d", FU_NOTIFY_WAIT_SECONDS);
	const char *head[] = { helper, "--wait", wait, "--", o->summary,
			       o->body };
	int bad = !o->summary || !o->body || !o->argv;
	for (size_t i = 0; !bad && i < 6; i++)
		bad = !(o->argv[i] = strdup(head[i]));
	for (size_t i = 0; !bad && i < nwords; i++) {
		o->argv[6 + i] = words[i];
		words[i] = NULL;
	}
	if (!bad)
		o->click = o->argv + 6;
	fu_spawn_free(words);
	/* a click runs fu due in a terminal: on this database */
	char *path = realpath(fu_db_path(db), NULL);
	if (!bad && !(o->envp = fu_spawn_env_with("FU_DB", path ? path
						   : fu_db_path(db))))
		bad = 1;
	free(path);
	return bad ? fu__error(db, FU_ERROR, "out of memory") : FU_OK;
}

static int prepare_mail(fu_notify_out *o, fu_db *db, const fu_notify_digest *d)
{
	char *sendmail = NULL;
	int rc = config_value(&o->from, db, "user.email");
	if (!rc && !o->from)
		rc = fu__error(db, FU_ENOTFOUND, "set your e-mail address "
			       "first: fu config user.email you@example.org");
	if (rc || (rc = config_value(&o->from_name, db, "user.name")) ||
	    (rc = config_value(&sendmail, db, "mail.sendmail")))
		return rc;
	rc = fu_mail_sendmail(&o->argv, db, sendmail);
	free(sendmail);
	if (rc)
		return rc;
	if (!(o->to = strdup(o->from)))
		return fu__error(db, FU_ERROR, "out of memory");
	fu_buf s = FU_BUF_INIT, b = FU_BUF_INIT;
	fu_notify_summary(&s, d);
	fu_notify_mail_text(&b, d);
	o->summary = fu_buf_detach(&s);
	o->body = fu_buf_detach(&b);
	o->date = d->now;
	if (!o->summary || !o->body)
		return fu__error(db, FU_ERROR, "out of memory");
	return FU_OK;
}

static int prepare_exec(fu_notify_out *o, fu_db *db)
{
	char *cmd = NULL;
	int rc = config_value(&cmd, db, "notify.exec");
	if (!rc && !cmd)
		rc = fu__error(db, FU_ENOTFOUND, "notify.exec is not set: fu "
			       "config notify.exec 'COMMAND [ARG]...'");
	if (rc)
		return rc;
	rc = fu_spawn_split(&o->argv, NULL, db, cmd);
	free(cmd);
	if (rc)
		return rc;
	fu_buf b = FU_BUF_INIT;
	if ((rc = fu_notify_json(&b, db))) {
		fu_buf_free(&b);
		return rc;
	}
	o->inlen = b.len;
	if (!(o->input = fu_buf_detach(&b)))
		return fu__error(db, FU_ERROR, "out of memory");
	return FU_OK;
}

int fu_notify_prepare(fu_notify_out *out, fu_db *db,
		      const fu_notify_digest *d, fu_notify_method m,
		      const char *helper)
{
	memset(out, 0, sizeof *out);
	out->method = m;
	int rc;
	switch (m) {
	case FU_NOTIFY_DESKTOP: rc = prepare_desktop(out, db, d, helper); break;
	case FU_NOTIFY_MAIL: rc = prepare_mail(out, db, d); break;
	case FU_NOTIFY_EXEC: rc = prepare_exec(out, db); break;
	default:
		rc = fu__error(db, FU_EINVALID, "no such way to notify");
	}
	if (rc) {
		fu_notify_out_clear(out);
		out->method = m;
	}
	return rc;
}

int fu_notify_deliver(fu_db *db, const fu_notify_out *o)
{
	switch (o->method) {
	case FU_NOTIFY_DESKTOP: {
		/* it returns once the notification is shown (a child of its
		 * own waits for the click) */
		fu_spawn_opts so = { .envp = o->envp, .timeout_ms = 60000,
				     .what = "fu-notify-desktop", .own = 1 };
		return fu_spawn_run(db, o->argv, &so);
	}
	case FU_NOTIFY_MAIL: {
		fu_mail m = { 0 };
		m.from_name = m.to_name = o->from_name;
		m.from_addr = o->from;
		m.to_addr = o->to;
		m.subject = o->summary;
		m.body = o->body;
		m.date = o->date;
		return fu_mail_send(db, &m, o->argv, NULL);
	}
	case FU_NOTIFY_EXEC: {
		fu_spawn_opts so = { .in = o->input, .inlen = o->inlen,
				     .timeout_ms = 120000 };
		return fu_spawn_run(db, o->argv, &so);
	}
	default:
		return fu__error(db, FU_EINVALID, "no such way to notify");
	}
}

/* --- the log ------------------------------------------------------------------ */

int fu_notify_log_add(fu_db *db, int64_t *id, fu_notify_method m,
		      size_t actions, const char *error)
{
	const char *name = fu_notify_method_name(m);
	if (!name)
		return fu__error(db, FU_EINVALID, "no such way to notify");
	/* the log records a delivery, failed ones first of all: it is no
	 * change of the user's (fu_db_changed), so that fu notify can still
	 * exit non-zero when a delivery failed (fu(1), exit status 8) */
	int was_changed = db->changed;
	int rc = fu__begin(db);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	if ((rc = fu__prepare(db, &st, "INSERT INTO notify_log (at, method, "
			      "actions, ok, error) VALUES (?, ?, ?, ?, ?)")))
		goto fail;
	sqlite3_bind_int64(st, 1, db->now);
	fu__bind_text(st, 2, name);
	sqlite3_bind_int64(st, 3, actions > INT64_MAX ? INT64_MAX
			   : (int64_t)actions);
	sqlite3_bind_int(st, 4, error == NULL);
	fu__bind_text(st, 5, error);
	if ((rc = fu__step_done(db, st)))
		goto fail;
	if (id)
		*id = sqlite3_last_insert_rowid(db->sql);
	if ((rc = fu__commit(db)))
		goto fail;
	db->changed = was_changed;
	return FU_OK;
fail:
	fu__rollback(db);
	return rc;
}

static void read_log_row(void *row, sqlite3_stmt *st)
{
	fu_notify_log *l = row;
	l->id = sqlite3_column_int64(st, 0);
	l->at = sqlite3_column_int64(st, 1);
	const char *m = (const char *)sqlite3_column_text(st, 2);
	fu_notify_method k = FU_NOTIFY_NONE;
	if (m)
		fu_notify_method_parse(&k, m);
	l->method = k;
	l->actions = sqlite3_column_int64(st, 3);
	l->ok = sqlite3_column_int(st, 4) != 0;
	l->error = fu__col_text(st, 5);
}

int fu_notify_log_list(fu_notify_log **out, size_t *n, fu_db *db)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, "SELECT id, at, method, actions, ok, "
			     "error FROM notify_log ORDER BY id");
	if (rc)
		return rc;
	void *list = NULL;
	size_t k = 0;
	rc = fu__read_rows(db, st, &list, &k, sizeof **out, read_log_row);
	if (rc) {
		fu_notify_log_free(list, k);
		return rc;
	}
	*out = list;
	*n = k;
	return FU_OK;
}

void fu_notify_log_free(fu_notify_log *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++)
		free(list[i].error);
	free(list);
}
