/* SPDX-License-Identifier: MIT */
/* cmd_stats.c - fu stats: how the job hunt is going, in numbers */
#include <stdio.h>

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

static cJSON *stats_json(const fu_stats *s)
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
	return o;
}

static int pct(double v)
{
	return (int)(v * 100 + 0.5);
}

static void print_stats(cli *c, const fu_stats *s)
{
	char h[FU_HUMAN_LEN];
	const char *b = cli_c(c, C_BOLD), *r = cli_c(c, C_RESET);
	const char *dim = cli_c(c, C_DIM);
	if (s->since)
		printf("applications applied on or after %s\n\n",
		       fu_time_human(h, s->since, c->now, 0));
	printf("%sapplications%s   %zu (%zu open, %zu closed)\n", b, r,
	       s->applications, s->open, s->closed);
	for (int i = 0; i < FU_STAGE__OPEN; i++)
		if (s->stages[i])
			printf("  %-13s%zu\n", fu_stats_stage_name(i),
			       s->stages[i]);
	for (int i = 1; i < FU_OUT__COUNT; i++)
		if (s->outcomes[i])
			printf("  %-13s%zu\n", fu_outcome_name((fu_outcome)i),
			       s->outcomes[i]);
	printf("%sresponse rate%s  ", b, r);
	if (s->response_rate < 0)
		printf("- (nothing applied to yet)\n");
	else
		printf("%d%% (%zu of %zu applied to heard back)\n",
		       pct(s->response_rate), s->responded, s->applied);
	printf("%sfirst reply%s    ", b, r);
	if (s->median_reply_days < 0)
		printf("- (no reply yet)\n");
	else
		printf("%.1f days after applying (median of %zu)\n",
		       s->median_reply_days, s->reply_samples);
	printf("%sthank-yous%s     ", b, r);
	if (s->thank_you_rate < 0)
		printf("- (no interview or meeting yet)\n");
	else
		printf("%d%% within %d hours (%zu of %zu interviews and "
		       "meetings)\n", pct(s->thank_you_rate),
		       s->thank_you_hours, s->thanked, s->meetings);
	printf("               %sabout %d%% of candidates send one at all, "
	       "say recruiters%s\n", dim, pct(FU_STATS_TYPICAL_THANK_YOU), r);
	printf("%sfollow-ups%s     ", b, r);
	if (s->follow_ups_per_application < 0)
		printf("-\n");
	else
		printf("%.1f per application applied to (%zu sent)\n",
		       s->follow_ups_per_application, s->follow_ups);
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
		cli_print_usage(c->cmd, stdout);
		return FU_EXIT_OK;
	}
	if ((rc = cli_open(c, 0)))
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
	print_stats(c, &s);
	return FU_EXIT_OK;
}

const cmd cmd_stats_def = {
	.name = "stats",
	.fn = cmd_stats,
	.summary = "how your job hunt is going, in numbers",
	.usage = "fu stats [--since DATE]",
	.options = stats_options,
};
