/* SPDX-License-Identifier: MIT */
/* cmd_notify.c - fu notify: the morning digest, delivered; --log */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/buf.h"
#include "fu/date.h"
#include "fu/json.h"
#include "fu/mailer.h"
#include "fu/notify.h"
#include "opt.h"
#include "table.h"

enum { O_DRY_RUN = 1, O_LOG, O_VIA };

static const opt_spec notify_options[] = {
	{ "dry-run", 'n', NULL, O_DRY_RUN,
	  "print what each method would send; send and log nothing" },
	{ "via", 0, "METHODS", O_VIA,
	  "desktop, mail, exec or several (commas), not notify.via" },
	{ "log", 0, NULL, O_LOG,
	  "list every delivery: when, how, how many actions, the error" },
	{ NULL, 0, NULL, 0, NULL }
};

/* --- fu notify --log ------------------------------------------------------- */

static int show_log(cli *c)
{
	fu_notify_log *log = NULL;
	size_t n = 0;
	int lrc = fu_notify_log_list(&log, &n, c->db);
	if (lrc)
		return cli_lib_fail(c, lrc);
	int rc = FU_EXIT_OK;
	if (c->json) {
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; arr && i < n; i++) {
			cJSON *o = cJSON_CreateObject();
			if (!o)
				break;
			cJSON_AddNumberToObject(o, "id", (double)log[i].id);
			cJSON_AddItemToObject(o, "at", fu_json_time(log[i].at));
			cJSON_AddStringToObject(o, "method",
				fu_notify_method_name(log[i].method));
			cJSON_AddNumberToObject(o, "actions",
						(double)log[i].actions);
			cJSON_AddBoolToObject(o, "ok", log[i].ok);
			if (log[i].error)
				cJSON_AddStringToObject(o, "error", log[i].error);
			else
				cJSON_AddNullToObject(o, "error");
			cJSON_AddItemToArray(arr, o);
		}
		rc = cli_json(c, arr);
	} else if (n == 0) {
		printf("nothing delivered yet (fu notify sends the digest)\n");
	} else {
		static const char *const head[] = { "WHEN", "METHOD", "ACTIONS",
						    "RESULT" };
		table *t = table_new(4);
		for (int i = 0; i < 4; i++)
			table_cell(t, head[i]);
		for (size_t i = 0; i < n; i++) {
			char h[FU_HUMAN_LEN];
			table_cell(t, fu_time_human(h, log[i].at, c->now, 1));
			table_cell(t, log[i].method ? fu_notify_method_name(
					   log[i].method) : "-");
			table_cellf(t, "%lld", (long long)log[i].actions);
			if (log[i].method == FU_NOTIFY_NONE) {
				table_color(t, cli_c(c, C_DIM));
				table_cell(t, "nothing due, nothing sent");
			} else if (log[i].ok) {
				table_color(t, cli_c(c, C_GREEN));
				table_cell(t, "sent");
			} else {
				table_color(t, cli_c(c, C_RED));
				table_cellf(t, "failed: %s", log[i].error ?
					    log[i].error : "?");
			}
		}
		table_print(c, t, stdout, 1);
		table_free(t);
	}
	fu_notify_log_free(log, n);
	return rc;
}

/* --- printing what is sent ------------------------------------------------- */

/* A command's words as a shell would read them back: quoted when they
 * hold anything but letters, digits and -_./:=,@+%. */
static void put_words(fu_buf *b, char *const *argv)
{
	for (char *const *w = argv; w && *w; w++) {
		if (w != argv)
			fu_buf_putc(b, ' ');
		const char *s = *w;
		if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS"
				 "TUVWXYZ0123456789-_./:=,@+%") == strlen(s)) {
			fu_buf_puts(b, s);
			continue;
		}
		fu_buf_putc(b, '\'');
		for (; *s; s++)
			if (*s == '\'')
				fu_buf_puts(b, "'\\''");
			else
				fu_buf_putc(b, *s);
		fu_buf_putc(b, '\'');
	}
}

static cJSON *words_json(char *const *argv)
{
	cJSON *a = cJSON_CreateArray();
	for (char *const *w = argv; a && w && *w; w++)
		cJSON_AddItemToArray(a, cJSON_CreateString(*w));
	return a;
}

/* text, each line indented by two spaces, controls made visible */
static void put_indented(const char *text)
{
	const char *p = text;
	while (*p) {
		size_t n = strcspn(p, "\n");
		char *line = strndup(p, n);
		fputs("  ", stdout);
		cli_put(stdout, line ? line : "");
		putchar('\n');
		free(line);
		p += n + (p[n] == '\n');
	}
}

/* The mail as it is handed to sendmail (LF line ends). */
static int mail_text(fu_buf *out, cli *c, const fu_notify_out *o)
{
	fu_mail m = { 0 };
	m.from_name = m.to_name = o->from_name;
	m.from_addr = o->from;
	m.to_addr = o->to;
	m.subject = o->summary;
	m.body = o->body;
	m.date = o->date;
	fu_buf b = FU_BUF_INIT;
	int lrc = fu_mail_compose(&b, c->db, &m);
	for (size_t i = 0; !lrc && i < b.len; i++)
		if (!(b.data[i] == '\r' && b.data[i + 1] == '\n'))
			fu_buf_putc(out, b.data[i]);
	fu_buf_free(&b);
	return lrc;
}

/* --dry-run: what o would send, printed (human) or added to its JSON
 * object. A failure is printed and returned (FU_EXIT_DELIVERY). */
static int show_dry(cli *c, const fu_notify_out *o, cJSON *obj)
{
	const char *name = fu_notify_method_name(o->method);
	fu_buf b = FU_BUF_INIT;
	int rc = FU_EXIT_OK;
	switch (o->method) {
	case FU_NOTIFY_DESKTOP:
		if (obj) {
			cJSON_AddItemToObject(obj, "command", words_json(o->argv));
			cJSON_AddStringToObject(obj, "summary", o->summary);
			cJSON_AddStringToObject(obj, "body", o->body);
			cJSON_AddItemToObject(obj, "click", words_json(o->click));
			break;
		}
		printf("desktop: would show, through %s:\n", o->argv[0]);
		put_indented(o->summary);
		put_indented(o->body);
		put_words(&b, o->click);
		printf("  a click runs: ");
		cli_put(stdout, b.data);
		putchar('\n');
		break;
	case FU_NOTIFY_MAIL: {
		int lrc = mail_text(&b, c, o);
		if (lrc) {
			fu_buf_free(&b);
			return cli_fail(FU_EXIT_DELIVERY, "notify: mail: %s",
					fu_errmsg(c->db));
		}
		if (obj) {
			cJSON_AddItemToObject(obj, "command",
					      words_json(o->argv));
			cJSON_AddStringToObject(obj, "to", o->to);
			cJSON_AddStringToObject(obj, "message", b.data);
		} else {
			fu_buf w = FU_BUF_INIT;
			put_words(&w, o->argv);
			printf("mail: would send to ");
			cli_put(stdout, o->to);
			printf(", through ");
			cli_put(stdout, w.data);
			printf(":\n");
			fu_buf_free(&w);
			put_indented(b.data);
		}
		break;
	}
	case FU_NOTIFY_EXEC:
		if (obj) {
			cJSON_AddItemToObject(obj, "command", words_json(o->argv));
			cJSON *in = cJSON_Parse(o->input);
			cJSON_AddItemToObject(obj, "input", in ? in
					      : cJSON_CreateNull());
			break;
		}
		put_words(&b, o->argv);
		printf("exec: would run ");
		cli_put(stdout, b.data);
		printf(", giving it on standard input:\n");
		put_indented(o->input);
		break;
	default:
		rc = cli_fail(FU_EXIT_DELIVERY, "notify: %s: cannot be shown",
			      name);
	}
	fu_buf_free(&b);
	return rc;
}

/* --- fu notify ------------------------------------------------------------------ */

static int cmd_notify(cli *c, int argc, char **argv)
{
	const char *via_text = NULL, *arg;
	int dry = 0, log = 0, id, rc;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, notify_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			return cli_usage_fail(c, "unexpected '%s'", arg);
		case O_DRY_RUN: dry = 1; break;
		case O_LOG: log = 1; break;
		case O_VIA: via_text = arg; break;
		}
	}
	if (c->help) {
		cli_print_usage(c->cmd, stdout);
		return FU_EXIT_OK;
	}
	if (log && (dry || via_text))
		return cli_usage_fail(c, "--log takes neither --dry-run nor "
				      "--via");
	if ((rc = cli_open(c, 0)))
		return rc;
	if (log)
		return show_log(c);

	/* the methods, and how many actions the digest names */
	fu_notify_method via[FU_NOTIFY__COUNT];
	size_t nvia = 0;
	char *conf = NULL;
	int lrc = via_text ? FU_OK : fu_config_value(&conf, c->db, "notify.via");
	if (!lrc)
		lrc = fu_notify_via_parse(via, &nvia, c->db,
					  via_text ? via_text : conf, NULL, 0);
	free(conf);
	if (lrc)
		return via_text ? cli_fail(FU_EXIT_INVALID, "--via: %s",
					   fu_errmsg(c->db))
				: cli_lib_fail(c, lrc);
	size_t max = 5;
	if (!(lrc = fu_config_value(&conf, c->db, "notify.max")))
		max = (size_t)strtoul(conf, NULL, 10);
	free(conf);
	if (lrc)
		return cli_lib_fail(c, lrc);

	fu_notify_digest *d = NULL;
	if ((lrc = fu_notify_digest_get(&d, c->db, max)))
		return cli_lib_fail(c, lrc);
	fu_buf summary = FU_BUF_INIT;
	fu_notify_summary(&summary, d);
	cJSON *doc = c->json ? cJSON_CreateObject() : NULL, *list = NULL;
	if (doc) {
		cJSON_AddNumberToObject(doc, "count", (double)d->count);
		cJSON_AddNumberToObject(doc, "overdue", (double)d->overdue);
		cJSON_AddStringToObject(doc, "summary", d->count ?
					summary.data : "");
		cJSON_AddBoolToObject(doc, "dry_run", dry);
		list = cJSON_AddArrayToObject(doc, "deliveries");
	}

	/* nothing due: nothing sent; the morning is logged all the same,
	 * so that fu notify --log shows the timer ran */
	if (d->count == 0) {
		rc = FU_EXIT_NO;
		if (!dry && (lrc = fu_notify_log_add(c->db, NULL, FU_NOTIFY_NONE,
						     0, NULL))) {
			rc = cli_lib_fail(c, lrc);
		} else if (doc) {
			if (cli_json(c, doc))
				rc = FU_EXIT_FAILURE;
			doc = NULL;
		} else {
			printf("nothing due: nothing %s\n", dry ? "would be sent"
			       : "sent");
		}
		goto done;
	}

	if (!doc) {
		cli_put(stdout, summary.data);
		putchar('\n');
	}
	char *helper = NULL;
	for (size_t i = 0; i < nvia; i++)
		if (via[i] == FU_NOTIFY_DESKTOP)
			helper = cli_helper_path("fu-notify-desktop");
	int failed = 0, log_rc = FU_EXIT_OK;
	for (size_t i = 0; i < nvia; i++) {
		const char *name = fu_notify_method_name(via[i]);
		fu_notify_out o;
		cJSON *obj = doc ? cJSON_CreateObject() : NULL;
		if (obj) {
			cJSON_AddStringToObject(obj, "method", name);
			cJSON_AddItemToArray(list, obj);
		}
		lrc = fu_notify_prepare(&o, c->db, d, via[i], helper);
		if (!lrc && !dry)
			lrc = fu_notify_deliver(c->db, &o);
		char *error = lrc ? strdup(fu_errmsg(c->db)) : NULL;
		if (lrc) {
			failed = 1;
			cli_fail(FU_EXIT_DELIVERY, "notify: %s: %s", name,
				 error ? error : "out of memory");
		} else if (dry) {
			if (show_dry(c, &o, obj))
				failed = 1;
		}
		if (obj) {
			cJSON_AddBoolToObject(obj, "ok", !lrc);
			if (error)
				cJSON_AddStringToObject(obj, "error", error);
			else
				cJSON_AddNullToObject(obj, "error");
		}
		if (!dry) {
			int64_t log_id = 0;
			int wrc = fu_notify_log_add(c->db, &log_id, via[i],
						    d->count, lrc ? (error ? error
						    : "out of memory") : NULL);
			if (wrc)
				log_rc = cli_lib_fail(c, wrc);
			else if (obj)
				cJSON_AddNumberToObject(obj, "log",
							(double)log_id);
			if (!lrc && !doc) {
				printf("%s: sent", name);
				if (via[i] == FU_NOTIFY_MAIL) {
					printf(" to ");
					cli_put(stdout, o.to);
				}
				putchar('\n');
			}
		}
		free(error);
		fu_notify_out_clear(&o);
	}
	free(helper);
	rc = failed ? FU_EXIT_DELIVERY : log_rc;
	if (doc) {
		int jrc = cli_json(c, doc);
		doc = NULL;
		if (jrc && !rc)
			rc = jrc;
	}
done:
	cJSON_Delete(doc);
	fu_buf_free(&summary);
	fu_notify_digest_free(d);
	return rc;
}

const cmd cmd_notify_def = {
	.name = "notify",
	.fn = cmd_notify,
	.summary = "send the digest of what is due: desktop, mail, a command",
	.usage = "fu notify [--dry-run] [--via METHODS]\n"
		 "fu notify --log",
	.options = notify_options,
};
