/* SPDX-License-Identifier: MIT */
/* cmd_stats.c - fu stats: how the job hunt is going, in numbers and bars */
#include <stdio.h>

#include "chart.h"
#include "cli.h"
#include "commands.h"
#include "fu/date.h"
#include "fu/json.h"
#include "fu/stats.h"
#include "opt.h"

enum { O_SINCE = 1 };

static const opt_spec stats_options[] = {
	{ "since", 0, "DATE", O_SINCE,
	  "count only the applications applied to since DATE" },
	{ NULL, 0, NULL, 0, NULL }
};

static void add_rate(cJSON *o, const char *k, double v)
{
	if (v < 0)
		cJSON_AddNullToObject(o, k);
	else /* four decimals: 0.4545, not 0.45454545454545453 */
		cJSON_AddNumberToObject(o, k, (double)(long long)(v * 10000 + 0.5)
					      / 10000);
}

/* {"applications": n, "answered": n, "rate": r} */
static void add_share(cJSON *o, const char *k, size_t whole, size_t part,
		      double rate)
{
	cJSON *x = cJSON_AddObjectToObject(o, k);
	if (!x)
		return;
	cJSON_AddNumberToObject(x, "applications", (double)whole);
	cJSON_AddNumberToObject(x, "answered", (double)part);
	add_rate(x, "rate", rate);
}

static const char *source_word(int src)
{
	return src ? fu_source_name((fu_source)src) : "unknown";
}

cJSON *stats_json(const fu_stats *s)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddItemToObject(o, "since", fu_json_time(s->since));
	cJSON_AddNumberToObject(o, "applications", (double)s->applications);
	cJSON_AddNumberToObject(o, "open", (double)s->open);
	cJSON_AddNumberToObject(o, "closed", (double)s->closed);
	cJSON *st = cJSON_AddObjectToObject(o, "stages");
	for (int i = 0; st && i < FU_STAGE__OPEN; i++)
		cJSON_AddNumberToObject(st, fu_stats_stage_name(i),
					(double)s->stages[i]);
	cJSON *out = cJSON_AddObjectToObject(o, "outcomes");
	for (int i = 1; out && i < FU_OUT__COUNT; i++)
		cJSON_AddNumberToObject(out, fu_outcome_name((fu_outcome)i),
					(double)s->outcomes[i]);
	cJSON *r = cJSON_AddObjectToObject(o, "response");
	if (r) {
		cJSON_AddNumberToObject(r, "applied", (double)s->applied);
		cJSON_AddNumberToObject(r, "responded", (double)s->responded);
		add_rate(r, "rate", s->response_rate);
		cJSON_AddNumberToObject(r, "timed", (double)s->reply_samples);
		add_rate(r, "median_days", s->median_reply_days);
	}
	cJSON *t = cJSON_AddObjectToObject(o, "thank_yous");
	if (t) {
		cJSON_AddNumberToObject(t, "meetings", (double)s->meetings);
		cJSON_AddNumberToObject(t, "on_time", (double)s->thanked);
		add_rate(t, "rate", s->thank_you_rate);
		cJSON_AddNumberToObject(t, "hours", s->thank_you_hours);
		add_rate(t, "typical_rate", FU_STATS_TYPICAL_THANK_YOU);
	}
	cJSON *f = cJSON_AddObjectToObject(o, "follow_ups");
	if (f) {
		cJSON_AddNumberToObject(f, "sent", (double)s->follow_ups);
		add_rate(f, "per_application", s->follow_ups_per_application);
	}
	cJSON *w = cJSON_AddObjectToObject(o, "following_up");
	if (w) {
		add_share(w, "with_check_in", s->checked_in,
			  s->checked_in_replied, s->checked_in_rate);
		add_share(w, "without_check_in", s->not_checked_in,
			  s->not_checked_in_replied, s->not_checked_in_rate);
		cJSON *after = cJSON_AddArrayToObject(w, "after");
		for (int n = 0; after && n < 4; n++) {
			cJSON *x = cJSON_CreateObject();
			if (!x)
				break;
			cJSON_AddItemToArray(after, x);
			cJSON_AddNumberToObject(x, "check_ins", n);
			cJSON_AddBoolToObject(x, "or_more", n == 3);
			cJSON_AddNumberToObject(x, "applications",
						(double)s->waited[n]);
			cJSON_AddNumberToObject(x, "answered",
						(double)s->replied[n]);
			add_rate(x, "rate", s->reply_rate[n]);
		}
	}
	cJSON *bs = cJSON_AddObjectToObject(o, "first_reply_by_source");
	for (int src = 1; bs && src <= FU_SRC__COUNT; src++) {
		int k = src % FU_SRC__COUNT; /* the unknown source last */
		cJSON *x = cJSON_AddObjectToObject(bs, source_word(k));
		if (!x)
			break;
		cJSON_AddNumberToObject(x, "timed", (double)s->source_samples[k]);
		add_rate(x, "median_days", s->source_median_days[k]);
	}
	cJSON *g = cJSON_AddObjectToObject(o, "ghosted");
	if (g) {
		cJSON_AddNumberToObject(g, "applications", (double)s->ghosted);
		add_rate(g, "rate", s->ghosted_rate);
		cJSON_AddNumberToObject(g, "days", s->ghost_days);
	}
	return o;
}

static int pct(double v)
{
	return (int)(v * 100 + 0.5);
}

#define BAR 20 /* cells */

/* "  label           ████▌     45% (5 of 11 answered)" */
static void rate_line(cli *c, FILE *f, int uni, const char *label, double rate,
		      size_t part, size_t whole, const char *what)
{
	char bar[4 * BAR + 1];
	fprintf(f, "  %-20s", label);
	if (rate < 0) {
		fprintf(f, "%-*s    -\n", BAR, "");
		return;
	}
	fprintf(f, "%s%s%s %3d%% (%zu of %zu%s)\n", cli_c(c, C_CYAN),
	       chart_bar(bar, sizeof bar, rate, 1, BAR, uni),
	       cli_c(c, C_RESET), pct(rate), part, whole, what);
}

/* Does following up work: the charts. */
static void print_charts(cli *c, FILE *f, const fu_stats *s)
{
	const char *b = cli_c(c, C_BOLD), *r = cli_c(c, C_RESET);
	int uni = chart_unicode(c);
	char bar[4 * BAR + 1];
	static const char *const after[4] = {
		"no check-in", "the 1st", "the 2nd", "the 3rd or later"
	};
	fprintf(f, "\n%sdoes following up work?%s\n", b, r);
	rate_line(c, f, uni, "with a check-in", s->checked_in_rate,
		  s->checked_in_replied, s->checked_in, " answered");
	rate_line(c, f, uni, "without", s->not_checked_in_rate,
		  s->not_checked_in_replied, s->not_checked_in, " answered");
	fprintf(f, "  %sanswered after%s\n", b, r);
	for (int n = 0; n < 4; n++) {
		char label[32];
		snprintf(label, sizeof label, "  %s", after[n]);
		rate_line(c, f, uni, label, s->reply_rate[n], s->replied[n],
			  s->waited[n], "");
	}
	fprintf(f, "  %sfirst reply by source%s (median days)\n", b, r);
	double most = 0;
	for (int k = 0; k < FU_SRC__COUNT; k++)
		if (s->source_median_days[k] > most)
			most = s->source_median_days[k];
	int any = 0;
	for (int src = 1; src <= FU_SRC__COUNT; src++) {
		int k = src % FU_SRC__COUNT;
		if (!s->source_samples[k])
			continue;
		any = 1;
		fprintf(f, "    %-18s%s%s%s %4.1f days (%zu)\n", source_word(k),
		       cli_c(c, C_CYAN), chart_bar(bar, sizeof bar,
						   s->source_median_days[k],
						   most, BAR, uni),
		       r, s->source_median_days[k], s->source_samples[k]);
	}
	if (!any)
		fprintf(f, "    - (no reply yet)\n");
	rate_line(c, f, uni, "ghosted", s->ghosted_rate, s->ghosted, s->applied,
		  ": no word at all");
	rate_line(c, f, uni, "thank-yous on time", s->thank_you_rate, s->thanked,
		  s->meetings, "");
}

void stats_print(cli *c, FILE *f, const fu_stats *s)
{
	char h[FU_HUMAN_LEN];
	const char *b = cli_c(c, C_BOLD), *r = cli_c(c, C_RESET);
	const char *dim = cli_c(c, C_DIM);
	if (s->since)
		fprintf(f, "applications applied on or after %s\n\n",
		       fu_time_human(h, s->since, c->now, 0));
	fprintf(f, "%sapplications%s   %zu (%zu open, %zu closed)\n", b, r,
	       s->applications, s->open, s->closed);
	for (int i = 0; i < FU_STAGE__OPEN; i++)
		if (s->stages[i])
			fprintf(f, "  %-13s%zu\n", fu_stats_stage_name(i),
			       s->stages[i]);
	for (int i = 1; i < FU_OUT__COUNT; i++)
		if (s->outcomes[i])
			fprintf(f, "  %-13s%zu\n", fu_outcome_name((fu_outcome)i),
			       s->outcomes[i]);
	fprintf(f, "%sresponse rate%s  ", b, r);
	if (s->response_rate < 0)
		fprintf(f, "- (nothing applied to yet)\n");
	else
		fprintf(f, "%d%% (%zu of %zu applied to heard back)\n",
		       pct(s->response_rate), s->responded, s->applied);
	fprintf(f, "%sfirst reply%s    ", b, r);
	if (s->median_reply_days < 0)
		fprintf(f, "- (no reply yet)\n");
	else
		fprintf(f, "%.1f days after applying (median of %zu)\n",
		       s->median_reply_days, s->reply_samples);
	fprintf(f, "%sthank-yous%s     ", b, r);
	if (s->thank_you_rate < 0)
		fprintf(f, "- (no interview or meeting yet)\n");
	else
		fprintf(f, "%d%% within %d hours (%zu of %zu interviews and "
		       "meetings)\n", pct(s->thank_you_rate),
		       s->thank_you_hours, s->thanked, s->meetings);
	fprintf(f, "               %sabout %d%% of candidates send one at all, "
	       "say recruiters%s\n", dim, pct(FU_STATS_TYPICAL_THANK_YOU), r);
	fprintf(f, "%sfollow-ups%s     ", b, r);
	if (s->follow_ups_per_application < 0)
		fprintf(f, "-\n");
	else
		fprintf(f, "%.1f per application applied to (%zu sent)\n",
		       s->follow_ups_per_application, s->follow_ups);
	print_charts(c, f, s);
}

static int cmd_stats(cli *c, int argc, char **argv)
{
	const char *since_text = NULL, *arg;
	int id, rc;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, stats_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			return cli_usage_fail(c, "unexpected '%s'", arg);
		case O_SINCE: since_text = arg; break;
		}
	}
	if (c->help) {
		return cli_help(c);
	}
	if ((rc = cli_open(c, CLI_READ)))
		return rc;
	int64_t since = 0;
	if (since_text && (rc = cli_date(c, &since, NULL, "--since",
					 since_text, FU_DATE_PAST)))
		return rc;
	fu_stats s;
	int lrc = fu_stats_compute(&s, c->db, since);
	if (lrc)
		return cli_lib_fail(c, lrc);
	if (c->json)
		return cli_json(c, stats_json(&s));
	stats_print(c, stdout, &s);
	return FU_EXIT_OK;
}

const cmd cmd_stats_def = {
	.name = "stats",
	.fn = cmd_stats,
	.summary = "how your job hunt is going, in numbers",
	.usage = "fu stats [--since DATE]",
	.options = stats_options,
};
