/* SPDX-License-Identifier: MIT */
/* cli.c - printing, preparing and the helpers every command shares. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fu/buf.h"
#include "fu/date.h"
#include "fu/json.h"
#include "fu/text.h"
#include "fu/transfer.h"

int cli_fail(int code, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("fu: ", stderr);
	va_start(ap, fmt);
	fu_buf b = FU_BUF_INIT;
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	cli_put(stderr, b.data);
	fu_buf_free(&b);
	fputc('\n', stderr);
	return code;
}

int cli_exit_for(int rc)
{
	switch (rc) {
	case FU_OK: return FU_EXIT_OK;
	case FU_EINVALID: return FU_EXIT_INVALID;
	case FU_ENOTFOUND: case FU_EAMBIGUOUS: return FU_EXIT_NOTFOUND;
	case FU_EEXISTS: return FU_EXIT_INVALID;
	case FU_EBUSY: return FU_EXIT_BUSY;
	case FU_EDB: return FU_EXIT_DB;
	case FU_EREMOTE: return FU_EXIT_REMOTE;
	case FU_ECHANGES: return FU_EXIT_CHANGES;
	default: return FU_EXIT_FAILURE;
	}
}

int cli_lib_fail(cli *c, int rc)
{
	return cli_fail(cli_exit_for(rc), "%s", fu_errmsg(c->db));
}

int cli_usage_fail(cli *c, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("fu: ", stderr);
	va_start(ap, fmt);
	fu_buf b = FU_BUF_INIT;
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	cli_put(stderr, b.data); /* it may quote what was typed */
	fu_buf_free(&b);
	if (c->cmd)
		fprintf(stderr, " (see 'fu %s%s%s --help')", c->cmd->name,
			c->form ? " " : "", c->form ? c->form->name : "");
	fputc('\n', stderr);
	return FU_EXIT_USAGE;
}

void cli_colors(cli *c)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
	if (c->color_mode == 1)
		c->color = 1;
	else if (c->color_mode == 2 || c->json)
		c->color = 0;
	else
		c->color = isatty(STDOUT_FILENO) && !(no && *no) &&
			   !(term && !strcmp(term, "dumb"));
}

int cli_open(cli *c, int mode)
{
	cli_colors(c);
	/* a zone the C library does not know means UTC, silently: times
	 * typed as local would be stored shifted; say it, once */
	static int zone_told;
	const char *tz = getenv("TZ");
	if (!zone_told && !fu_time_zone_known(tz)) {
		zone_told = 1;
		fflush(stdout);
		fputs("fu: warning: TZ='", stderr);
		cli_put(stderr, tz);
		fputs("' is not a time zone this system knows, so times are "
		      "read and shown in UTC (see tzselect(1))\n", stderr);
	}
	const char *now = c->now_text ? c->now_text : getenv("FU_NOW");
	int64_t clock = (int64_t)time(NULL);
	c->now = clock;
	if (c->now_text || (now && *now)) { /* FU_NOW="" is unset */
		char err[512];
		if (fu_date_parse(&c->now, NULL, now, clock, FU_DATE_PAST, err,
				  sizeof err) != FU_OK)
			return cli_fail(FU_EXIT_INVALID, "%s %s",
					c->now_text ? "--now:" : "FU_NOW:", err);
	}
	int rc = fu_db_open(&c->db, c->db_path,
			    mode == CLI_READONLY ? FU_OPEN_READONLY :
			    mode == CLI_READ ? FU_OPEN_NOCREATE : 0);
	if (c->db)
		fu_db_set_now(c->db, c->now);
	if (rc)
		return cli_lib_fail(c, rc);
	return FU_EXIT_OK;
}

int cli_date(cli *c, int64_t *out, int *has_time, const char *opt,
	     const char *text, int flags)
{
	char err[512];
	if (fu_date_parse(out, has_time, text, c->now, flags, err,
			  sizeof err) != FU_OK)
		return cli_fail(FU_EXIT_INVALID, "%s: %s", opt, err);
	return FU_EXIT_OK;
}

int cli_event_time(cli *c, int64_t *out, const char *opt, const char *text)
{
	return cli_day_time(c, out, opt, text, FU_DATE_PAST);
}

int cli_day_time(cli *c, int64_t *out, const char *opt, const char *text,
		 int flags)
{
	int has_time = 0;
	int rc = cli_date(c, out, &has_time, opt, text, flags);
	if (rc || has_time)
		return rc;
	*out = fu_time_bare_day(*out, c->now);
	return FU_EXIT_OK;
}

int cli_ref(cli *c, fu_ref *out, const char *text, int types)
{
	int rc = fu_ref_resolve(out, c->db, text, types);
	return rc ? cli_lib_fail(c, rc) : FU_EXIT_OK;
}

int cli_json(cli *c, cJSON *v)
{
	(void)c;
	char *s = v ? fu_json_print(v) : NULL;
	cJSON_Delete(v);
	if (!s)
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	fputs(s, stdout);
	fputc('\n', stdout);
	free(s);
	return FU_EXIT_OK;
}

int cli_json_element(cJSON *v, size_t i)
{
	/* cJSON_Print of a one-element array, without its brackets */
	cJSON *one = v ? cJSON_CreateArray() : NULL;
	char *s = NULL;
	if (one) {
		cJSON_AddItemToArray(one, v);
		s = fu_json_print(one);
		cJSON_Delete(one);
	} else {
		cJSON_Delete(v);
	}
	if (!s)
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	fputs(i ? ", " : "[", stdout);
	fwrite(s + 1, 1, strlen(s) - 2, stdout);
	free(s);
	return FU_EXIT_OK;
}

int cli_ics(cli *c, const fu_action_filter *f)
{
	fu_action_row *rows = NULL;
	size_t n = 0;
	int lrc = fu_action_list(&rows, &n, c->db, f), rc = FU_EXIT_OK;
	if (lrc)
		return cli_lib_fail(c, lrc);
	fu_buf b = FU_BUF_INIT;
	if ((lrc = fu_ics_calendar(&b, c->db, rows, n)))
		rc = cli_lib_fail(c, lrc);
	else
		fwrite(b.data, 1, b.len, stdout);
	fu_buf_free(&b);
	fu_action_list_free(rows, n);
	return rc;
}

static void clean_into(fu_buf *b, const char *s)
{
	fu_text_escape(b, s, 0);
}

char *cli_clean(const char *s)
{
	fu_buf b = FU_BUF_INIT;
	clean_into(&b, s ? s : "");
	return fu_buf_detach(&b);
}

void cli_put(FILE *f, const char *s)
{
	char *t = cli_clean(s);
	if (t)
		fputs(t, f);
	free(t);
}

const char *cli_c(cli *c, const char *which)
{
	static char buf[8][12];
	static int k;
	if (!c->color)
		return "";
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof buf[k], "\033[%sm", which);
	return buf[k];
}

char *cli_when(char *buf, size_t len, cli *c, int64_t t, int with_time)
{
	char h[FU_HUMAN_LEN], r[FU_REL_LEN];
	/* due at a local midnight: by the end of the day before, a whole
	 * day the user named (rule 19), shown as that date */
	if (with_time && t > 1 && fu_time_start_of_day(t) == t)
		fu_time_human(h, t - 1, c->now, 0);
	else
		fu_time_human(h, t, c->now, with_time);
	snprintf(buf, len, "%s, %s", h, fu_time_relative(r, t, c->now));
	return buf;
}

const char *cli_from(char *buf, cli *c, int64_t t)
{
	return fu_time_human(buf, t, c->now, fu_time_start_of_day(t) != t);
}

int strlist_push(char ***list, size_t *n, const char *s)
{
	char **p = realloc(*list, (*n + 2) * sizeof *p);
	if (!p)
		return -1;
	*list = p;
	p[*n] = strdup(s);
	if (!p[*n])
		return -1;
	p[++*n] = NULL;
	return 0;
}

/* (cli.h) the company a name typed on the command line names */
int cli_company(cli *c, char **company, int new_company)
{
	char *name = NULL;
	if (new_company || !*company)
		return FU_EXIT_OK;
	int lrc = fu_company_resolve(&name, c->db, *company);
	if (lrc)
		return cli_lib_fail(c, lrc);
	free(*company);
	*company = name;
	return FU_EXIT_OK;
}

int cli_add_person(cli *c, int64_t **ids, size_t *nids, char ***names,
		   size_t *nnames, const char *ref)
{
	return cli_add_person_in(c, ids, nids, names, nnames, ref, 0, 0);
}

int cli_add_person_in(cli *c, int64_t **ids, size_t *nids, char ***names,
		      size_t *nnames, const char *ref, int64_t application_id,
		      int64_t contact_id)
{
	fu_ref r;
	int lrc = fu_ref_person(&r, c->db, ref, application_id, contact_id);
	if (lrc == FU_OK) {
		int64_t *p = realloc(*ids, (*nids + 1) * sizeof *p);
		if (!p)
			return cli_fail(FU_EXIT_FAILURE, "out of memory");
		*ids = p;
		p[(*nids)++] = r.id;
		return FU_EXIT_OK;
	}
	if (lrc == FU_ENOTFOUND && strspn(ref, "#0123456789") != strlen(ref)) {
		if (strlist_push(names, nnames, ref))
			return cli_fail(FU_EXIT_FAILURE, "out of memory");
		return FU_EXIT_OK;
	}
	return cli_lib_fail(c, lrc);
}


void cli_put_subject(cli *c, int64_t application_id, int64_t contact_id)
{
	if (application_id) {
		fu_application *a = NULL;
		if (fu_application_get(&a, c->db, application_id) == FU_OK) {
			printf("%lld ", (long long)a->id);
			cli_put(stdout, a->company);
			printf(", ");
			cli_put(stdout, a->role);
		}
		fu_application_free(a);
	} else {
		fu_contact *p = NULL;
		if (fu_contact_get(&p, c->db, contact_id) == FU_OK) {
			printf("%lld ", (long long)p->id);
			cli_put(stdout, p->name);
		}
		fu_contact_free(p);
	}
}

void cli_print_next(cli *c, int64_t application_id, int64_t contact_id)
{
	fu_action_filter f = { 0 };
	fu_action_row *rows = NULL;
	size_t n = 0;
	f.application_id = application_id;
	f.contact_id = application_id ? 0 : contact_id;
	f.now = c->now; /* most urgent first; advice that lapsed left out */
	if (fu_action_list(&rows, &n, c->db, &f) != FU_OK)
		return;
	for (size_t i = 0; i < n && i < 5; i++) {
		const fu_action *a = &rows[i].a;
		char w[96];
		printf("  next: %s%s", cli_c(c, C_BOLD),
		       fu_action_kind_name(a->kind));
		if (rows[i].contact_name) {
			printf(" to ");
			cli_put(stdout, rows[i].contact_name);
		}
		printf("%s, due %s\n", cli_c(c, C_RESET),
		       cli_when(w, sizeof w, c, a->due, 1));
	}
	if (n > 5)
		printf("  ... and %zu more (fu due)\n", n - 5);
	fu_action_list_free(rows, n);
}

int cli_people(cli *c, fu_contact **out, size_t *n, const fu_application *a)
{
	*n = 0;
	*out = calloc(a->ncontacts + 1, sizeof **out);
	if (!*out)
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	for (size_t i = 0; i < a->ncontacts; i++) {
		fu_contact *p = NULL;
		int lrc = fu_contact_get(&p, c->db, a->contact_ids[i]);
		if (lrc) {
			cli_people_free(*out, *n);
			*out = NULL;
			*n = 0;
			return cli_lib_fail(c, lrc);
		}
		(*out)[(*n)++] = *p;
		free(p);
	}
	return FU_EXIT_OK;
}

void cli_people_free(fu_contact *people, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fu_contact_clear(&people[i]);
	free(people);
}

cJSON *cli_application_json(cli *c, const fu_application *a)
{
	fu_contact *people = NULL;
	size_t n = 0;
	if (cli_people(c, &people, &n, a))
		return NULL;
	cJSON *o = fu_json_application(a, people, n);
	cli_people_free(people, n);
	return o;
}
