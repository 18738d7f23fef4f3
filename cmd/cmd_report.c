/* SPDX-License-Identifier: MIT */
/*
 * cmd_report.c - fu report: the record of the job search an
 * unemployment office asks for, as text, CSV, JSON or PDF. The PDF is
 * made by a helper, fu-report-pdf (cmd/report/), which links cairo and
 * pango so that fu does not: fu runs it and writes the report to it as
 * JSON, a line at a time.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "chart.h"
#include "cli.h"
#include "commands.h"
#include "fu/buf.h"
#include "fu/date.h"
#include "fu/json.h"
#include "fu/report.h"
#include "fu/stats.h"
#include "fu/text.h"
#include "opt.h"
#include "table.h"

#ifndef FU_LIBEXECDIR
#define FU_LIBEXECDIR "/usr/local/libexec/fu" /* as in helper.c */
#endif
#define PDF_HELPER "fu-report-pdf"

enum { O_SINCE = 1, O_UNTIL, O_WEEK, O_RULES, O_FORMAT, O_OUTPUT, O_STATS };

static const opt_spec report_options[] = {
	{ "since", 0, "DATE", O_SINCE,
	  "from the week (or month) that holds DATE" },
	{ "until", 0, "DATE", O_UNTIL,
	  "to the week (or month) that holds DATE (default: now)" },
	{ "week", 0, "DATE", O_WEEK,
	  "only the week (or month) that holds DATE" },
	{ "rules", 0, "NAME", O_RULES,
	  "the agency's rules: wa, ny, ne, nc, de or custom" },
	{ "format", 0, "FORMAT", O_FORMAT, "text (the default), csv or pdf" },
	{ "output", 'o', "FILE", O_OUTPUT,
	  "write to FILE (replaced only once it is complete)" },
	{ "stats", 0, NULL, O_STATS,
	  "add fu stats' numbers and charts (text, pdf, json)" },
	{ NULL, 0, NULL, 0, NULL }
};

enum { F_TEXT, F_CSV, F_PDF };

/* --- words and dates ------------------------------------------------ */

static const char *const wdays[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
				     "Fri", "Sat" };
static const char *const months[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

/* "Mon 2 Nov 2026" (year 0: without it) */
static char *day_label(char *buf, size_t len, int64_t t, int year)
{
	struct tm tm;
	time_t tt = (time_t)t;
	localtime_r(&tt, &tm);
	if (year)
		snprintf(buf, len, "%s %d %.3s %d", wdays[tm.tm_wday],
			 tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
	else
		snprintf(buf, len, "%s %d %.3s", wdays[tm.tm_wday], tm.tm_mday,
			 months[tm.tm_mon]);
	return buf;
}

/* "Sun 1 Nov - Sat 7 Nov 2026", or "November 2026" */
static char *period_label(char *buf, size_t len, const fu_report *r,
			  const fu_report_period *p)
{
	char a[40], b[40];
	struct tm tm;
	time_t tt = (time_t)p->start;
	localtime_r(&tt, &tm);
	if (r->rules.monthly) {
		snprintf(buf, len, "%s %d", months[tm.tm_mon],
			 tm.tm_year + 1900);
		return buf;
	}
	int64_t last = fu_time_add_days(p->end, -1);
	time_t lt = (time_t)last;
	struct tm lm;
	localtime_r(&lt, &lm);
	snprintf(buf, len, "%s - %s", day_label(a, sizeof a, p->start,
						lm.tm_year != tm.tm_year),
		 day_label(b, sizeof b, last, 1));
	return buf;
}

static const char *status_word(fu_report_status s)
{
	switch (s) {
	case FU_REPORT_MET: return "met";
	case FU_REPORT_SHORT: return "short";
	case FU_REPORT_UNDER_WAY: return "under-way";
	default: return "unjudged";
	}
}

static const char *period_word(const fu_report *r, size_t n)
{
	if (r->rules.monthly)
		return n == 1 ? "month" : "months";
	return n == 1 ? "week" : "weeks";
}

/* The fields of a mask as words, ", "-joined. */
static char *fields_words(char *buf, size_t len, unsigned mask)
{
	fu_report_fields_text(buf, len, mask);
	fu_buf b = FU_BUF_INIT;
	for (const char *p = buf; *p; p++)
		fu_buf_puts(&b, *p == ',' ? ", " : (char[2]){ *p, 0 });
	snprintf(buf, len, "%s", b.data);
	fu_buf_free(&b);
	return buf;
}

static char *activities_words(char *buf, size_t len, unsigned mask)
{
	fu_report_activities_text(buf, len, mask);
	fu_buf b = FU_BUF_INIT;
	for (const char *p = buf; *p; p++)
		fu_buf_puts(&b, *p == ',' ? ", " : (char[2]){ *p, 0 });
	snprintf(buf, len, "%s", b.data);
	fu_buf_free(&b);
	return buf;
}

/* --- JSON: the report's head and its rows ---------------------------- */

static cJSON *words_array(unsigned mask, const char *(*name)(unsigned bit),
			  int n)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; a && i < n; i++)
		if (mask & (1u << i))
			cJSON_AddItemToArray(a, cJSON_CreateString(
				name(1u << i)));
	return a;
}

static const char *activity_bit(unsigned bit)
{
	for (int a = 1; a < FU_RA__COUNT; a++)
		if (bit == 1u << a)
			return fu_report_activity_name((fu_report_activity)a);
	return "?";
}

static void add_text(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

static cJSON *rules_json(const fu_report *r)
{
	const fu_report_rules *x = &r->rules;
	char sum[512];
	if (!r->has_rules)
		return cJSON_CreateNull();
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "id", x->id);
	add_text(o, "name", x->name);
	add_text(o, "source", x->source);
	cJSON_AddStringToObject(o, "summary", fu_report_rules_summary(
		sum, sizeof sum, x));
	cJSON_AddStringToObject(o, "per", x->monthly ? "month" : "week");
	cJSON_AddStringToObject(o, "week_start",
				x->week_start ? "monday" : "sunday");
	cJSON_AddNumberToObject(o, "minimum", x->minimum);
	cJSON_AddNumberToObject(o, "key_minimum", x->key_minimum);
	cJSON_AddItemToObject(o, "key_counts", words_array(x->key_counts,
		activity_bit, FU_RA__COUNT));
	cJSON_AddNumberToObject(o, "distinct_employers", x->employers);
	cJSON_AddNumberToObject(o, "distinct_jobs", x->jobs);
	cJSON_AddNumberToObject(o, "distinct_days", x->days);
	cJSON_AddItemToObject(o, "counts", words_array(x->counts,
		activity_bit, FU_RA__COUNT));
	cJSON_AddItemToObject(o, "fields", words_array(x->fields,
		fu_report_field_name, FU_RF__COUNT));
	add_text(o, "retention", x->retention);
	add_text(o, "note", x->note);
	return o;
}

static cJSON *period_json(const fu_report *r, const fu_report_period *p)
{
	char label[96], why[512];
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddItemToObject(o, "start", fu_json_time(p->start));
	cJSON_AddItemToObject(o, "end", fu_json_time(p->end));
	cJSON_AddStringToObject(o, "label", period_label(label, sizeof label,
							 r, p));
	cJSON_AddNumberToObject(o, "activities", (double)p->activities);
	cJSON_AddNumberToObject(o, "key", (double)p->key);
	cJSON_AddNumberToObject(o, "employers", (double)p->employers);
	cJSON_AddNumberToObject(o, "jobs", (double)p->jobs);
	cJSON_AddNumberToObject(o, "days", (double)p->days);
	cJSON_AddStringToObject(o, "status", status_word(p->status));
	fu_report_why(why, sizeof why, r, p);
	add_text(o, "short", *why ? why : NULL);
	return o;
}

/* Everything but the rows: who, when, the rules, the periods. */
static cJSON *head_json(const fu_report *r, const fu_stats *stats)
{
	char a[40], b[40], span[96];
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	add_text(o, "user", r->user_name);
	cJSON_AddItemToObject(o, "since", fu_json_time(r->since));
	cJSON_AddItemToObject(o, "until", fu_json_time(r->until));
	cJSON_AddItemToObject(o, "now", fu_json_time(r->now));
	snprintf(span, sizeof span, "%s to %s", day_label(a, sizeof a,
		 r->since, 1), day_label(b, sizeof b,
		 fu_time_add_days(r->until, -1), 1));
	cJSON_AddStringToObject(o, "span", span);
	cJSON_AddStringToObject(o, "as_of", day_label(a, sizeof a, r->now, 1));
	cJSON_AddStringToObject(o, "per", r->rules.monthly ? "month" : "week");
	cJSON_AddItemToObject(o, "rules", rules_json(r));
	cJSON *ps = cJSON_AddArrayToObject(o, "periods");
	for (size_t i = 0; ps && i < r->nperiods; i++)
		cJSON_AddItemToArray(ps, period_json(r, &r->periods[i]));
	cJSON_AddNumberToObject(o, "activities", (double)r->activities);
	cJSON_AddNumberToObject(o, "short_periods", (double)r->short_periods);
	if (stats)
		cJSON_AddItemToObject(o, "stats", stats_json(stats));
	return o;
}

static cJSON *row_json(const fu_report *r, const fu_report_row *w)
{
	char day[FU_DAY_LEN], label[40], fix[256];
	(void)r;
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddNumberToObject(o, "period", (double)w->period);
	cJSON_AddNumberToObject(o, "event", (double)w->event_id);
	cJSON_AddItemToObject(o, "at", fu_json_time(w->at));
	cJSON_AddStringToObject(o, "date", fu_time_day(day, w->at));
	cJSON_AddStringToObject(o, "day", day_label(label, sizeof label,
						    w->at, 1));
	cJSON_AddStringToObject(o, "activity",
				fu_report_activity_name(w->activity));
	if (w->application_id)
		cJSON_AddNumberToObject(o, "application",
					(double)w->application_id);
	else
		cJSON_AddNullToObject(o, "application");
	if (w->contact_id)
		cJSON_AddNumberToObject(o, "contact", (double)w->contact_id);
	else
		cJSON_AddNullToObject(o, "contact");
	add_text(o, "employer", w->employer);
	add_text(o, "position", w->position);
	add_text(o, "person", w->person);
	add_text(o, "method", w->method);
	add_text(o, "address", w->address);
	add_text(o, "phone", w->phone);
	add_text(o, "email", w->email);
	add_text(o, "website", w->website);
	add_text(o, "result", w->result);
	cJSON_AddItemToObject(o, "missing", words_array(w->missing,
		fu_report_field_name, FU_RF__COUNT));
	cJSON *fx = cJSON_AddObjectToObject(o, "fix");
	for (int i = 0; fx && i < FU_RF__COUNT; i++)
		if (w->missing & (1u << i))
			cJSON_AddStringToObject(fx, fu_report_field_name(1u << i),
				fu_report_fix(fix, sizeof fix, w, 1u << i));
	return o;
}

/* Print v on f without a newline, as cli_json does (fu_json_print:
 * valid UTF-8, nothing that drives a terminal, exact numbers), or on
 * one line: a string never holds a raw line break or tab (they are
 * escaped), so those are the layout's alone and go. */
static int put_json(FILE *f, cJSON *v, int pretty)
{
	char *s = v ? fu_json_print(v) : NULL;
	cJSON_Delete(v);
	if (!s)
		return -1;
	if (!pretty) {
		char *w = s;
		for (const char *r = s; *r; r++)
			if (*r != '\n' && *r != '\t')
				*w++ = *r;
		*w = '\0';
	}
	fputs(s, f);
	free(s);
	return 0;
}

/* --- the outputs: each walks the rows -------------------------------- */

typedef struct out {
	cli *c;
	fu_report *r;
	const fu_stats *stats;
	FILE *f;
	size_t n;        /* rows written */
	size_t period;   /* text: the next period to print */
	table *t;        /* text: the period's rows */
	int oom;
	int cut;         /* pdf: the helper stopped reading */
	int64_t day, day_end; /* row_day's */
	fu_buf clean;         /* csv: a cell made plain text */
	char day_text[FU_DAY_LEN];
} out;

/* --- JSON --- */

static int json_row(const fu_report_row *row, void *arg)
{
	out *o = arg;
	fputs(o->n++ ? ",\n" : "\n", o->f);
	if (put_json(o->f, row_json(o->r, row), 0))
		return o->oom = 1, FU_ERROR;
	return 0;
}

static int write_json(out *o)
{
	cJSON *head = head_json(o->r, o->stats);
	char *s = head ? fu_json_print(head) : NULL;
	cJSON_Delete(head);
	if (!s)
		return o->oom = 1, FU_ERROR;
	/* the head's closing brace comes after the rows */
	size_t len = strlen(s);
	while (len && s[len - 1] != '}')
		len--;
	if (len)
		len--;
	while (len && strchr(" \t\r\n", s[len - 1]))
		len--;
	fwrite(s, 1, len, o->f);
	free(s);
	fputs(",\n\t\"rows\":\t[", o->f);
	int rc = fu_report_each_row(o->r, json_row, o);
	if (rc)
		return rc;
	fprintf(o->f, "%s],\n\t\"missing_rows\":\t%zu\n}\n", o->n ? "\n\t" : "",
		o->r->missing_rows);
	return 0;
}

/* --- PDF: the same, a JSON value a line, to the helper --- */

static int line_row(const fu_report_row *row, void *arg)
{
	out *o = arg;
	if (put_json(o->f, row_json(o->r, row), 0))
		return o->oom = 1, FU_ERROR;
	fputc('\n', o->f);
	o->n++;
	if (ferror(o->f))
		return o->cut = 1, FU_ERROR;
	return 0;
}

/* --- CSV --- */

/* One cell, RFC 4180: quoted when it holds a comma, a quote or a line
 * break; a cell a spreadsheet would take for a formula (it starts with
 * =, +, -, @, a tab or a carriage return) gets an apostrophe before
 * it, as OWASP advises, so that it shows as text and runs nothing.
 * What another program stored is made plain text first, line breaks
 * kept (fu_text_escape): bytes that are not UTF-8, ESC and the other
 * controls, C1 and bidirectional controls are written visibly (\xNN,
 * \e, \uNNNN), never raw. */
static void csv_cell(FILE *f, fu_buf *clean, const char *s, int last)
{
	fu_buf_clear(clean);
	fu_text_escape(clean, s ? s : "", FU_TEXT_LINES);
	s = clean->failed || !clean->data ? "" : clean->data;
	int formula = *s && strchr("=+-@\t\r", *s);
	int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		fputs(s, f);
	} else {
		fputs(formula ? "\"'" : "\"", f);
		for (const char *p = s; *p;) {
			size_t n = strcspn(p, "\"");
			fwrite(p, 1, n, f);
			p += n;
			if (*p) { /* a quote, doubled */
				fputs("\"\"", f);
				p++;
			}
		}
		fputc('"', f);
	}
	fputs(last ? "\r\n" : ",", f);
}

/* The local day of t as "2026-11-02", worked out once a day (rows come
 * in time order). */
static const char *row_day(out *o, int64_t t)
{
	if (t < o->day || t >= o->day_end) {
		o->day = fu_time_start_of_day(t);
		o->day_end = fu_time_start_of_day(fu_time_add_days(o->day, 1));
		fu_time_day(o->day_text, o->day);
	}
	return o->day_text;
}

static int csv_row(const fu_report_row *row, void *arg)
{
	out *o = arg;
	const fu_report *r = o->r;
	const fu_report_period *p = &r->periods[row->period];
	char day[FU_DAY_LEN], num[32], missing[256] = "";
	csv_cell(o->f, &o->clean, fu_time_day(day, p->start), 0);
	snprintf(num, sizeof num, "%zu", p->activities);
	csv_cell(o->f, &o->clean, num, 0);
	csv_cell(o->f, &o->clean, status_word(p->status), 0);
	csv_cell(o->f, &o->clean, row_day(o, row->at), 0);
	csv_cell(o->f, &o->clean, fu_report_activity_name(row->activity), 0);
	csv_cell(o->f, &o->clean, row->employer, 0);
	csv_cell(o->f, &o->clean, row->position, 0);
	csv_cell(o->f, &o->clean, row->person, 0);
	csv_cell(o->f, &o->clean, row->method, 0);
	csv_cell(o->f, &o->clean, row->address, 0);
	csv_cell(o->f, &o->clean, row->phone, 0);
	csv_cell(o->f, &o->clean, row->email, 0);
	csv_cell(o->f, &o->clean, row->website, 0);
	csv_cell(o->f, &o->clean, row->result, 0);
	if (row->missing)
		fields_words(missing, sizeof missing, row->missing);
	csv_cell(o->f, &o->clean, missing, 1);
	o->n++;
	if (o->clean.failed)
		return o->oom = 1, FU_ERROR;
	return ferror(o->f) ? FU_ERROR : 0;
}

static int write_csv(out *o)
{
	const char *per = o->r->rules.monthly ? "month" : "week";
	fputs("\xef\xbb\xbf", o->f); /* the UTF-8 byte order mark */
	fprintf(o->f, "%s,%s total,%s status,", per, per, per);
	fputs("date,activity,employer,position,person contacted,method,"
	      "employer address,employer phone,employer e-mail,website,"
	      "result,missing\r\n", o->f);
	return fu_report_each_row(o->r, csv_row, o);
}

/* --- text --- */

static void text_rules(out *o)
{
	const fu_report *r = o->r;
	const fu_report_rules *x = &r->rules;
	FILE *f = o->f;
	char buf[512];
	if (!r->has_rules) {
		fprintf(f, "rules: none (weeks from Monday; --rules or fu "
			"config report.rules holds them against an agency's)\n");
		return;
	}
	fprintf(f, "rules: %s, ", x->id);
	cli_put(f, x->name);
	fprintf(f, "\n  %s\n", fu_report_rules_summary(buf, sizeof buf, x));
	fprintf(f, "  what counts: %s\n", activities_words(buf, sizeof buf,
							   x->counts));
	fprintf(f, "  each row shows: %s\n", fields_words(buf, sizeof buf,
							  x->fields));
	if (x->retention)
		fprintf(f, "  keep this record: %s\n", x->retention);
	if (x->note)
		fprintf(f, "  note: %s\n", x->note);
	if (x->source) {
		fputs("  source: ", f);
		cli_put(f, x->source);
		fputc('\n', f);
	}
}

static void text_head(out *o)
{
	const fu_report *r = o->r;
	char a[40], b[40], n[40];
	fprintf(o->f, "%sjob-search record", cli_c(o->c, C_BOLD));
	if (r->user_name) {
		fputs(" of ", o->f);
		cli_put(o->f, r->user_name);
	}
	fprintf(o->f, "%s\n%s to %s (%zu %s), as of %s\n", cli_c(o->c, C_RESET),
		day_label(a, sizeof a, r->since, 1),
		day_label(b, sizeof b, fu_time_add_days(r->until, -1), 1),
		r->nperiods, period_word(r, r->nperiods),
		day_label(n, sizeof n, r->now, 1));
	text_rules(o);
}

static table *text_table(void)
{
	static const char *const head[] = { "DATE", "ACTIVITY", "EMPLOYER",
		"POSITION", "PERSON", "METHOD", "RESULT" };
	table *t = table_new(7);
	for (int i = 0; i < 7; i++)
		table_cell(t, head[i]);
	return t;
}

/* The line above a period's rows. */
static void text_period(out *o, const fu_report_period *p)
{
	const fu_report *r = o->r;
	cli *c = o->c;
	char label[96], why[512];
	fprintf(o->f, "\n%s%s%s: %zu %s", cli_c(c, C_BOLD),
		period_label(label, sizeof label, r, p), cli_c(c, C_RESET),
		p->activities, p->activities == 1 ? "activity" : "activities");
	if (r->has_rules && r->rules.employers)
		fprintf(o->f, ", %zu %s", p->employers,
			p->employers == 1 ? "employer" : "employers");
	fu_report_why(why, sizeof why, r, p);
	switch (p->status) {
	case FU_REPORT_MET:
		fprintf(o->f, "  %smeets the rule%s\n", cli_c(c, C_GREEN),
			cli_c(c, C_RESET));
		break;
	case FU_REPORT_SHORT:
		fprintf(o->f, "  %sSHORT: %s%s\n", cli_c(c, C_RED), why,
			cli_c(c, C_RESET));
		break;
	case FU_REPORT_UNDER_WAY:
		fprintf(o->f, "  %sunder way: %s so far%s\n",
			cli_c(c, C_YELLOW), why, cli_c(c, C_RESET));
		break;
	default:
		fputc('\n', o->f);
	}
}

/* Print the periods before `upto` whose rows are all in (the last one
 * in o->t). */
static void text_flush(out *o, size_t upto)
{
	for (; o->period < upto; o->period++) {
		const fu_report_period *p = &o->r->periods[o->period];
		text_period(o, p);
		if (o->t) {
			table_print(o->c, o->t, o->f, 1);
			table_free(o->t);
			o->t = NULL;
		} else {
			fputs("  (no activity)\n", o->f);
		}
	}
}

static int text_row(const fu_report_row *row, void *arg)
{
	out *o = arg;
	cli *c = o->c;
	char day[40], note[600], fix[256];
	if (row->period != o->period || !o->t) {
		text_flush(o, row->period);
		if (!o->t && !(o->t = text_table()))
			return o->oom = 1, FU_ERROR;
	}
	table *t = o->t;
	table_cell(t, day_label(day, sizeof day, row->at, 0));
	table_cell(t, fu_report_activity_name(row->activity));
	table_cell(t, row->employer ? row->employer : "-");
	table_cell(t, row->position ? row->position : "-");
	table_cell(t, row->person ? row->person : "-");
	table_cell(t, row->method ? row->method : "-");
	table_cell(t, row->result ? row->result : "-");
	if (row->address || row->phone || row->email || row->website) {
		fu_buf b = FU_BUF_INIT;
		const char *parts[] = { row->address, row->phone, row->email,
					row->website };
		for (int i = 0; i < 4; i++)
			if (parts[i])
				fu_buf_printf(&b, "%s%s", b.len ? "; " : "reach: ",
					      parts[i]);
		table_note(t, b.data, cli_c(c, C_DIM));
		fu_buf_free(&b);
	}
	for (int i = 0; i < FU_RF__COUNT; i++) {
		unsigned bit = 1u << i;
		if (!(row->missing & bit))
			continue;
		snprintf(note, sizeof note, "missing %s: %s",
			 fu_report_field_words(bit),
			 fu_report_fix(fix, sizeof fix, row, bit));
		table_note(t, note, cli_c(c, C_YELLOW));
	}
	o->n++;
	return 0;
}

static int write_text(out *o)
{
	const fu_report *r = o->r;
	size_t met = 0, under = 0;
	text_head(o);
	int rc = fu_report_each_row(o->r, text_row, o);
	if (rc) {
		table_free(o->t);
		o->t = NULL;
		return rc;
	}
	text_flush(o, r->nperiods);
	for (size_t i = 0; i < r->nperiods; i++) {
		met += r->periods[i].status == FU_REPORT_MET;
		under += r->periods[i].status == FU_REPORT_UNDER_WAY;
	}
	fprintf(o->f, "\n%zu %s, %zu %s", r->nperiods,
		period_word(r, r->nperiods), r->activities,
		r->activities == 1 ? "activity" : "activities");
	if (r->has_rules)
		fprintf(o->f, ": %zu met the rule, %s%zu short%s, %zu under way",
			met, r->short_periods ? cli_c(o->c, C_RED) : "",
			r->short_periods, r->short_periods ?
			cli_c(o->c, C_RESET) : "", under);
	fputc('\n', o->f);
	if (r->missing_rows)
		fprintf(o->f, "%s%zu %s what the rules ask (see \"missing\")%s\n",
			cli_c(o->c, C_YELLOW), r->missing_rows,
			r->missing_rows == 1 ? "row lacks" : "rows lack",
			cli_c(o->c, C_RESET));
	if (o->stats) {
		fputc('\n', o->f);
		stats_print(o->c, o->f, o->stats);
	}
	return 0;
}

/* --- the PDF helper -------------------------------------------------- */

/* The first line the helper wrote on its standard error, without its
 * name. */
static void helper_message(FILE *err, char *buf, size_t len)
{
	buf[0] = '\0';
	rewind(err);
	if (!fgets(buf, (int)len, err))
		return;
	buf[strcspn(buf, "\n")] = '\0';
	size_t skip = strlen(PDF_HELPER ": ");
	if (!strncmp(buf, PDF_HELPER ": ", skip))
		memmove(buf, buf + skip, strlen(buf + skip) + 1);
}

static int write_pdf(out *o, int fd)
{
	char msg[512];
	char *path = cli_helper_path(PDF_HELPER);
	if (!path) {
		const char *env = getenv("FU_LIBEXECDIR");
		if (env && *env)
			return cli_fail(FU_EXIT_FAILURE, "cannot make a PDF: "
					"%s is not in %s (FU_LIBEXECDIR)",
					PDF_HELPER, env);
		return cli_fail(FU_EXIT_FAILURE, "cannot make a PDF: %s is "
				"not installed (neither beside fu nor in %s); "
				"set FU_LIBEXECDIR to the directory that "
				"holds it", PDF_HELPER, FU_LIBEXECDIR);
	}
	int pipefd[2];
	FILE *err = tmpfile();
	if (!err || pipe(pipefd)) {
		int e = errno;
		if (err)
			fclose(err);
		free(path);
		return cli_fail(FU_EXIT_FAILURE, "cannot run %s: %s",
				PDF_HELPER, strerror(e));
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(pipefd[0]);
		close(pipefd[1]);
		fclose(err);
		free(path);
		return cli_fail(FU_EXIT_FAILURE, "cannot run %s: %s",
				PDF_HELPER, strerror(e));
	}
	if (pid == 0) {
		dup2(pipefd[0], 0);
		dup2(fd, 1);
		dup2(fileno(err), 2);
		close(pipefd[0]);
		close(pipefd[1]);
		execl(path, PDF_HELPER, (char *)NULL);
		fprintf(stderr, "%s: cannot run %s: %s\n", PDF_HELPER, path,
			strerror(errno));
		_exit(127);
	}
	free(path);
	close(pipefd[0]);
	/* the helper may stop reading (and say why): fu then learns it
	 * from a write that fails, not from SIGPIPE */
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	FILE *to = fdopen(pipefd[1], "w");
	int rc = FU_OK;
	if (!to) {
		close(pipefd[1]);
		rc = FU_ERROR;
	} else {
		o->f = to;
		if (put_json(to, head_json(o->r, o->stats), 0)) {
			o->oom = 1;
			rc = FU_ERROR;
		} else {
			fputc('\n', to);
			rc = fu_report_each_row(o->r, line_row, o);
		}
		if (!rc && ferror(to)) {
			o->cut = 1;
			rc = FU_ERROR;
		}
		if (!rc)
			fprintf(to, "{\"end\":true,\"rows\":%zu,"
				"\"missing_rows\":%zu}\n", o->n,
				o->r->missing_rows);
		if (fclose(to) != 0 && !rc) {
			o->cut = 1;
			rc = FU_ERROR;
		}
		o->f = NULL;
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGPIPE, &old, NULL);
	helper_message(err, msg, sizeof msg);
	fclose(err);
	int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (o->oom)
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	if (rc && !o->cut)
		return cli_lib_fail(o->c, rc); /* the rows could not be read */
	if (!ok) {
		if (!*msg)
			snprintf(msg, sizeof msg, WIFSIGNALED(status) ?
				 "killed by signal %d" : "exit status %d",
				 WIFSIGNALED(status) ? WTERMSIG(status)
						     : WEXITSTATUS(status));
		return cli_fail(FU_EXIT_FAILURE, "cannot make the PDF: %s",
				msg);
	}
	if (rc)
		return cli_fail(FU_EXIT_FAILURE, "cannot make the PDF: %s "
				"stopped reading", PDF_HELPER);
	return FU_EXIT_OK;
}

/* --- the output file -------------------------------------------------- */

/* --output FILE: written to a temporary file beside it, readable by the
 * user only (it names employers and people), which replaces FILE once
 * it is complete; a failure leaves FILE as it was. A FILE that is not a
 * regular file (a device, a FIFO) is written to directly. */
typedef struct target {
	const char *path;
	char *tmp;
	int fd;
	FILE *f;
	int direct; /* FILE is no regular file: written as it is */
} target;

static int target_open(target *t, const char *path)
{
	t->path = path;
	t->fd = STDOUT_FILENO;
	t->f = stdout;
	t->tmp = NULL;
	t->direct = 0;
	if (!path)
		return FU_EXIT_OK;
	/* a device or a pipe (/dev/stdout, a FIFO) is written to, never
	 * replaced by a regular file */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			return cli_fail(FU_EXIT_FAILURE, "cannot write '%s': %s",
					path, strerror(EISDIR));
		if ((t->fd = open(path, O_WRONLY | O_CLOEXEC)) < 0 ||
		    !(t->f = fdopen(t->fd, "w"))) {
			int e = errno;
			if (t->fd >= 0)
				close(t->fd);
			return cli_fail(FU_EXIT_FAILURE, "cannot write '%s': %s",
					path, strerror(e));
		}
		t->direct = 1;
		return FU_EXIT_OK;
	}
	char *copy = strdup(path), *base = copy ? strdup(path) : NULL;
	fu_buf b = FU_BUF_INIT;
	if (copy && base)
		fu_buf_printf(&b, "%s/.%s.XXXXXX", dirname(copy),
			      basename(base));
	free(copy);
	free(base);
	if (b.failed || !b.len) {
		fu_buf_free(&b);
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	}
	t->tmp = fu_buf_detach(&b);
	if ((t->fd = mkstemp(t->tmp)) < 0 ||
	    !(t->f = fdopen(t->fd, "w"))) {
		int e = errno;
		if (t->fd >= 0) {
			close(t->fd);
			unlink(t->tmp);
		}
		free(t->tmp);
		t->tmp = NULL;
		return cli_fail(FU_EXIT_FAILURE, "cannot write '%s': %s", path,
				strerror(e));
	}
	return FU_EXIT_OK;
}

/* Keep what was written (code 0) or throw it away. */
static int target_close(target *t, int code)
{
	int e = 0;
	if (t->direct) {
		if (fclose(t->f) != 0)
			e = errno;
		t->direct = 0;
		if (e && !code)
			code = cli_fail(FU_EXIT_FAILURE, "cannot write '%s': %s",
					t->path, strerror(e));
		return code;
	}
	if (!t->tmp)
		return code;
	if (fflush(t->f) != 0 || ferror(t->f) || fsync(t->fd) != 0)
		e = errno ? errno : EIO;
	if (fclose(t->f) != 0 && !e)
		e = errno;
	if (!code && !e && rename(t->tmp, t->path) != 0)
		e = errno;
	if (code || e)
		unlink(t->tmp);
	free(t->tmp);
	t->tmp = NULL;
	if (e && !code)
		code = cli_fail(FU_EXIT_FAILURE, "cannot write '%s': %s",
				t->path, strerror(e));
	return code;
}

/* --- the command ----------------------------------------------------- */

static int cmd_report(cli *c, int argc, char **argv)
{
	const char *since_text = NULL, *until_text = NULL, *week_text = NULL,
		   *rules = NULL, *format = NULL, *output = NULL, *arg;
	int with_stats = 0, id, rc, fmt = F_TEXT;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, report_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			return cli_usage_fail(c, "unexpected '%s'", arg);
		case O_SINCE: since_text = arg; break;
		case O_UNTIL: until_text = arg; break;
		case O_WEEK: week_text = arg; break;
		case O_RULES: rules = arg; break;
		case O_FORMAT: format = arg; break;
		case O_OUTPUT: output = arg; break;
		case O_STATS: with_stats = 1; break;
		}
	}
	if (c->help) {
		cli_print_usage(c->cmd, stdout);
		return FU_EXIT_OK;
	}
	if (week_text && (since_text || until_text))
		return cli_usage_fail(c, "--week is one week: it excludes "
				      "--since and --until");
	if (format) {
		if (!strcmp(format, "text"))
			fmt = F_TEXT;
		else if (!strcmp(format, "csv"))
			fmt = F_CSV;
		else if (!strcmp(format, "pdf"))
			fmt = F_PDF;
		else
			return cli_fail(FU_EXIT_INVALID, "--format takes text, "
					"csv or pdf, not '%s'", format);
	}
	if (c->json && fmt != F_TEXT)
		return cli_usage_fail(c, "--json and --format %s exclude each "
				      "other", format);
	if (with_stats && fmt == F_CSV)
		return cli_usage_fail(c, "--stats is for text, pdf and --json, "
				      "not csv");
	if (output && !*output)
		return cli_usage_fail(c, "--output is empty");
	if (rules && strcmp(rules, "custom") && !fu_report_rules_find(rules))
		return cli_fail(FU_EXIT_INVALID, "unknown rules '%s': use %s",
				rules, fu_report_rules_names());
	if (fmt == F_PDF && !output && isatty(STDOUT_FILENO))
		return cli_usage_fail(c, "a PDF is not for the terminal: give "
				      "--output FILE, or redirect it");
	if ((rc = cli_open(c, 0)))
		return rc;
	fu_report_options ro = { .rules = rules };
	if ((since_text && (rc = cli_date(c, &ro.since, NULL, "--since",
					  since_text, FU_DATE_PAST))) ||
	    (until_text && (rc = cli_date(c, &ro.until, NULL, "--until",
					  until_text, FU_DATE_PAST))) ||
	    (week_text && (rc = cli_date(c, &ro.since, NULL, "--week",
					 week_text, FU_DATE_PAST))))
		return rc;
	if (week_text)
		ro.until = ro.since;
	fu_report *r = NULL;
	int lrc = fu_report_open(&r, c->db, &ro);
	if (lrc)
		return cli_lib_fail(c, lrc);
	fu_stats stats;
	if (with_stats && (lrc = fu_stats_compute(&stats, c->db, r->since))) {
		fu_report_free(r);
		return cli_lib_fail(c, lrc);
	}
	target t;
	if ((rc = target_open(&t, output))) {
		fu_report_free(r);
		return rc;
	}
	if (output)
		c->color = 0;
	out o = { .c = c, .r = r, .stats = with_stats ? &stats : NULL,
		  .f = t.f, .clean = FU_BUF_INIT };
	if (fmt == F_PDF) {
		rc = write_pdf(&o, t.fd);
	} else {
		lrc = c->json ? write_json(&o) : fmt == F_CSV ? write_csv(&o)
			: write_text(&o);
		if (o.oom)
			rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
		else if (lrc)
			rc = cli_lib_fail(c, lrc);
	}
	fu_buf_free(&o.clean);
	fu_report_free(r);
	return target_close(&t, rc);
}

const cmd cmd_report_def = {
	.name = "report",
	.fn = cmd_report,
	.summary = "the record of your job search, for the unemployment office",
	.usage = "fu report [--since DATE] [--until DATE] [--week DATE] "
		 "[--rules NAME]\n"
		 "          [--format text|csv|pdf] [--output FILE] [--stats]",
	.options = report_options,
};
