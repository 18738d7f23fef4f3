/* SPDX-License-Identifier: MIT */
/* test_stats.c - fu stats (lib/stats.c): a hunt worked out by hand, with
 * and without --since; whether following up works, by hand; a thank-you
 * across the end of daylight saving time; an empty database. */
#include "fu_test.h"

#include "fu/date.h"
#include "fu/rules.h"
#include "fu/stats.h"

/*
 * The scenario, as of Mon 9 Nov 2026 09:00 (Europe/Berlin; every date is
 * after the change to winter time on 25 Oct):
 *
 *   A1 Acme      applied Mon 2 Nov 10:00, contact Dana; a sent to Dana
 *                Mon 2 Nov 15:00; Dana replied Wed 4 Nov; interview with
 *                Dana Thu 5 Nov 14:00; thank-you sent to Dana Thu 5 Nov
 *                20:00 (6 h later: on time). Open, interviewing.
 *   A2 Globex    applied Tue 3 Nov 09:00; meeting with Sam Fri 6 Nov
 *                11:00, no sent since (window over Sat 7 Nov 11:00).
 *                Open, applied (a meeting is no interview).
 *   A3 Initech   applied Mon 26 Oct 12:00; a sent Wed 28 Oct; closed as
 *                rejected Fri 30 Oct 10:00, no rejection event.
 *   A4 Hooli     applied Wed 4 Nov 12:00; nothing since. Open, applied.
 *   A5 Umbrella  never applied. Open, planned.
 *   A6 Stark     applied Sun 1 Nov 12:00; offer Sat 7 Nov 10:00; meeting
 *                with Pepper today 08:00 (window open, no sent: left
 *                out). Open, offer.
 *   Maria        networking meeting Thu 29 Oct 12:00; a sent on Maria
 *                Fri 30 Oct 10:00 (22 h later: on time).
 *
 * Everything:
 *   applications 6: open 5 (planned 1, applied 2, interviewing 1, offer
 *   1), closed 1 (rejected 1).
 *   applied to: A1 A2 A3 A4 A6 = 5; heard back: A1 (reply), A2 (meeting),
 *   A3 (closed rejected), A6 (offer) = 4; rate 4/5 = 0.8.
 *   days to the first word: A1 2 Nov -> 4 Nov = 2; A2 3 -> 6 Nov = 3;
 *   A3 26 -> 30 Oct = 4 (its closing); A6 1 -> 7 Nov = 6. Sorted 2 3 4 6:
 *   median (3 + 4) / 2 = 3.5 over 4.
 *   meetings: A1's interview (thanked), A2's meeting (not), Maria's
 *   (thanked); A6's left out: 2 of 3 = 0.6667.
 *   follow-ups: A1 2, A3 1 (Maria's is networking) = 3; 3 / 5 = 0.6.
 *
 * --since 2026-11-02 (midnight): A1 A2 A4 only (A6 applied 1 Nov, A3 in
 *   October, A5 never).
 *   applications 3, all open: applied 2 (A2, A4), interviewing 1 (A1).
 *   heard back: A1, A2 = 2 of 3 = 0.6667; days 2, 3: median 2.5.
 *   meetings: A1 (thanked), A2 (not); Maria's was before: 1 of 2 = 0.5.
 *   follow-ups: A1's 2; 2 / 3 = 0.6667.
 */
static void stats_scenario(fu_db *db)
{
	int64_t dana = fu_test_contact(db, "Dana Reyes", "Acme");
	int64_t sam = fu_test_contact(db, "Sam Lee", "Globex");
	int64_t pepper = fu_test_contact(db, "Pepper Potts", "Stark");
	int64_t maria = fu_test_contact(db, "Maria Lopez", NULL);
	int64_t a1 = fu_test_app(db, "Acme", "Backend Engineer", dana,
				 fu_test_at("2026-11-02 10:00"));
	int64_t a2 = fu_test_app(db, "Globex", "SRE", 0,
				 fu_test_at("2026-11-03 09:00"));
	int64_t a3 = fu_test_app(db, "Initech", "Platform", 0,
				 fu_test_at("2026-10-26 12:00"));
	fu_test_app(db, "Hooli", "Data", 0, fu_test_at("2026-11-04 12:00"));
	fu_test_app(db, "Umbrella", "QA", 0, 0);
	int64_t a6 = fu_test_app(db, "Stark", "Engineer", 0,
				 fu_test_at("2026-11-01 12:00"));
	fu_test_log(db, FU_EV_SENT, a1, 0,
		    fu_test_at("2026-11-02 15:00"), dana, 0);
	fu_test_log(db, FU_EV_REPLY, a1, 0,
		    fu_test_at("2026-11-04 09:30"), dana, 0);
	fu_test_log(db, FU_EV_INTERVIEW, a1, 0,
		    fu_test_at("2026-11-05 14:00"), dana, 0);
	fu_test_log(db, FU_EV_SENT, a1, 0,
		    fu_test_at("2026-11-05 20:00"), dana, 0);
	fu_test_log(db, FU_EV_MEETING, a2, 0,
		    fu_test_at("2026-11-06 11:00"), sam, 0);
	fu_test_log(db, FU_EV_SENT, a3, 0,
		    fu_test_at("2026-10-28 10:00"), 0, 0);
	assert_fu_ok_db(db, fu_application_close(db, a3, FU_OUT_REJECTED,
						 fu_test_at("2026-10-30 10:00"),
						 NULL));
	fu_test_log(db, FU_EV_OFFER, a6, 0,
		    fu_test_at("2026-11-07 10:00"), 0, 0);
	fu_test_log(db, FU_EV_MEETING, a6, 0,
		    fu_test_at("2026-11-09 08:00"), pepper, 0);
	fu_test_log(db, FU_EV_MEETING, 0, maria,
		    fu_test_at("2026-10-29 12:00"), 0, 0);
	fu_test_log(db, FU_EV_SENT, 0, maria,
		    fu_test_at("2026-10-30 10:00"), 0, 0);
}

static void test_stats_by_hand(void **state)
{
	fu_db *db = *state;
	stats_scenario(db);
	fu_stats s;
	assert_fu_ok_db(db, fu_stats_compute(&s, db, 0));
	assert_int_equal(s.applications, 6);
	assert_int_equal(s.open, 5);
	assert_int_equal(s.closed, 1);
	assert_int_equal(s.stages[FU_STAGE_PLANNED], 1);
	assert_int_equal(s.stages[FU_STAGE_APPLIED], 2);
	assert_int_equal(s.stages[FU_STAGE_INTERVIEWING], 1);
	assert_int_equal(s.stages[FU_STAGE_OFFER], 1);
	assert_int_equal(s.outcomes[FU_OUT_REJECTED], 1);
	assert_int_equal(s.applied, 5);
	assert_int_equal(s.responded, 4);
	assert_true(s.response_rate == 0.8);
	assert_int_equal(s.reply_samples, 4);
	assert_true(s.median_reply_days == 3.5);
	assert_int_equal(s.thank_you_hours, 24);
	assert_int_equal(s.meetings, 3);
	assert_int_equal(s.thanked, 2);
	assert_true(s.thank_you_rate > 0.6666 && s.thank_you_rate < 0.6667);
	assert_int_equal(s.follow_ups, 3);
	assert_true(s.follow_ups_per_application == 0.6);
	/* check-ins before the first word: Acme 1 (2 Nov, before the reply
	 * of 4 Nov), Initech 1 (28 Oct, before the closing); Globex and
	 * Stark none, both answered; Hooli none, waiting (5 days: not
	 * ghosted). */
	assert_int_equal(s.waited[0], 5);
	assert_int_equal(s.waited[1], 2);
	assert_int_equal(s.waited[2], 0);
	assert_int_equal(s.replied[0], 2);
	assert_int_equal(s.replied[1], 2);
	assert_true(s.reply_rate[0] == 0.4);
	assert_true(s.reply_rate[1] == 1.0);
	assert_true(s.reply_rate[2] < 0 && s.reply_rate[3] < 0);
	assert_int_equal(s.checked_in, 2);
	assert_int_equal(s.checked_in_replied, 2);
	assert_int_equal(s.not_checked_in, 3);
	assert_int_equal(s.not_checked_in_replied, 2);
	assert_int_equal(s.ghosted, 0);
	assert_true(s.ghosted_rate == 0);
	assert_int_equal(s.source_samples[FU_SRC_NONE], 4);
	assert_true(s.source_median_days[FU_SRC_NONE] == 3.5);
	assert_true(s.source_median_days[FU_SRC_BOARD] < 0);

	assert_fu_ok_db(db, fu_stats_compute(&s, db, fu_test_at("2026-11-02")));
	assert_int_equal(s.applications, 3);
	assert_int_equal(s.open, 3);
	assert_int_equal(s.closed, 0);
	assert_int_equal(s.stages[FU_STAGE_APPLIED], 2);
	assert_int_equal(s.stages[FU_STAGE_INTERVIEWING], 1);
	assert_int_equal(s.applied, 3);
	assert_int_equal(s.responded, 2);
	assert_true(s.median_reply_days == 2.5);
	assert_int_equal(s.meetings, 2);
	assert_int_equal(s.thanked, 1);
	assert_true(s.thank_you_rate == 0.5);
	assert_int_equal(s.follow_ups, 2);

	/* a thank-you window of 4 hours: Dana's (6 h) is late, Maria's too */
	assert_fu_ok_db(db, fu_config_set(db, "rules.thank-you.hours", "4"));
	assert_fu_ok_db(db, fu_stats_compute(&s, db, 0));
	assert_int_equal(s.meetings, 3); /* Pepper's 08:00 + 4 h is still
					    ahead: left out as before */
	assert_int_equal(s.thanked, 0);
}

static int64_t app_from(fu_db *db, const char *company, fu_source src,
		       const char *applied)
{
	fu_application a = { 0 };
	a.company = (char *)company;
	a.role = "Engineer";
	a.source = src;
	assert_fu_ok_db(db, fu_application_add(db, &a, fu_test_at(applied)));
	return a.id;
}

static void sent(fu_db *db, int64_t app, const char *at)
{
	fu_test_log(db, FU_EV_SENT, app, 0, fu_test_at(at), 0, 0);
}

/*
 * Does following up work? Eight applications, as of Mon 9 Nov 2026
 * 09:00 (every time 10:00 unless said):
 *
 *   B1 board      applied 1 Sep; nothing since (69 days: ghosted)
 *   B2 board      applied 7 Sep; sent 10 Sep, 24 Sep, 8 Oct; reply
 *                 12 Oct (after the 3rd check-in; 35 days)
 *   B3 board      applied 14 Sep; sent 17 Sep; reply 20 Sep (after the
 *                 1st; 6 days)
 *   R1 referral   applied 1 Oct; reply 3 Oct (no check-in; 2 days)
 *   R2 referral   applied 5 Oct; sent 8 Oct, 22 Oct; rejection 26 Oct
 *                 (after the 2nd; 21 days)
 *   D1 direct     applied 12 Oct; sent 15 Oct; closed no-response 2 Nov
 *                 (ghosted)
 *   D2 direct     applied 2 Nov; nothing (7 days: still waiting)
 *   C1 recruiter  applied 20 Sep; sent 23 Sep; interview 30 Sep 14:00
 *                 (after the 1st; 10 days); thank-you sent 1 Oct 09:00
 *                 (after the word: no check-in)
 *
 * waited: [0] all 8; [1] B2 B3 R2 D1 C1 = 5; [2] B2 R2 = 2; [3] B2 = 1.
 * replied: [0] R1 = 1; [1] B3 C1 = 2; [2] R2 = 1; [3] B2 = 1.
 * reply_rate: 1/8 = 0.125, 2/5 = 0.4, 1/2 = 0.5, 1/1 = 1.
 * with a check-in: 5, answered 4 (0.8); without: 3 (B1 R1 D2),
 * answered 1 (0.3333).
 * days by source: board 35, 6: median 20.5; referral 2, 21: 11.5;
 * recruiter 10; direct none.
 * ghosted: B1, D1: 2 of 8 = 0.25. Answered 5 of 8 (0.625), median of
 * 2 6 10 21 35 = 10. Sent on applications: 3+1+2+1+2 = 9 (1.125 each).
 */
static void test_stats_following_up(void **state)
{
	fu_db *db = *state;
	app_from(db, "B1", FU_SRC_BOARD, "2026-09-01 10:00");
	int64_t b2 = app_from(db, "B2", FU_SRC_BOARD, "2026-09-07 10:00");
	sent(db, b2, "2026-09-10 10:00");
	sent(db, b2, "2026-09-24 10:00");
	sent(db, b2, "2026-10-08 10:00");
	fu_test_log(db, FU_EV_REPLY, b2, 0, fu_test_at("2026-10-12 10:00"),
		    0, 0);
	int64_t b3 = app_from(db, "B3", FU_SRC_BOARD, "2026-09-14 10:00");
	sent(db, b3, "2026-09-17 10:00");
	fu_test_log(db, FU_EV_REPLY, b3, 0, fu_test_at("2026-09-20 10:00"),
		    0, 0);
	int64_t r1 = app_from(db, "R1", FU_SRC_REFERRAL, "2026-10-01 10:00");
	fu_test_log(db, FU_EV_REPLY, r1, 0, fu_test_at("2026-10-03 10:00"),
		    0, 0);
	int64_t r2 = app_from(db, "R2", FU_SRC_REFERRAL, "2026-10-05 10:00");
	sent(db, r2, "2026-10-08 10:00");
	sent(db, r2, "2026-10-22 10:00");
	fu_test_log(db, FU_EV_REJECTION, r2, 0,
		    fu_test_at("2026-10-26 10:00"), 0, 0);
	int64_t d1 = app_from(db, "D1", FU_SRC_DIRECT, "2026-10-12 10:00");
	sent(db, d1, "2026-10-15 10:00");
	assert_fu_ok_db(db, fu_application_close(db, d1, FU_OUT_NO_RESPONSE,
						 fu_test_at("2026-11-02 10:00"),
						 NULL));
	app_from(db, "D2", FU_SRC_DIRECT, "2026-11-02 10:00");
	int64_t c1 = app_from(db, "C1", FU_SRC_RECRUITER, "2026-09-20 10:00");
	sent(db, c1, "2026-09-23 10:00");
	fu_test_log(db, FU_EV_INTERVIEW, c1, 0,
		    fu_test_at("2026-09-30 14:00"), 0, 0);
	sent(db, c1, "2026-10-01 09:00");

	fu_stats s;
	assert_fu_ok_db(db, fu_stats_compute(&s, db, 0));
	assert_int_equal(s.applied, 8);
	assert_int_equal(s.responded, 5);
	assert_true(s.response_rate == 0.625);
	assert_true(s.median_reply_days == 10);
	size_t waited[4] = { 8, 5, 2, 1 }, replied[4] = { 1, 2, 1, 1 };
	double rate[4] = { 0.125, 0.4, 0.5, 1 };
	for (int n = 0; n < 4; n++) {
		assert_int_equal(s.waited[n], waited[n]);
		assert_int_equal(s.replied[n], replied[n]);
		assert_true(s.reply_rate[n] == rate[n]);
	}
	assert_int_equal(s.checked_in, 5);
	assert_int_equal(s.checked_in_replied, 4);
	assert_true(s.checked_in_rate == 0.8);
	assert_int_equal(s.not_checked_in, 3);
	assert_int_equal(s.not_checked_in_replied, 1);
	assert_true(s.not_checked_in_rate > 0.3333 &&
		    s.not_checked_in_rate < 0.3334);
	assert_int_equal(s.source_samples[FU_SRC_BOARD], 2);
	assert_true(s.source_median_days[FU_SRC_BOARD] == 20.5);
	assert_int_equal(s.source_samples[FU_SRC_REFERRAL], 2);
	assert_true(s.source_median_days[FU_SRC_REFERRAL] == 11.5);
	assert_int_equal(s.source_samples[FU_SRC_RECRUITER], 1);
	assert_true(s.source_median_days[FU_SRC_RECRUITER] == 10);
	assert_int_equal(s.source_samples[FU_SRC_DIRECT], 0);
	assert_true(s.source_median_days[FU_SRC_DIRECT] < 0);
	assert_int_equal(s.source_samples[FU_SRC_NONE], 0);
	assert_int_equal(s.ghost_days, 28);
	assert_int_equal(s.ghosted, 2);
	assert_true(s.ghosted_rate == 0.25);
	assert_int_equal(s.follow_ups, 9);
	assert_true(s.follow_ups_per_application == 1.125);
	assert_int_equal(s.meetings, 1);
	assert_int_equal(s.thanked, 1);

	/* a silence of 70 days before it counts: B1 (69) is waiting */
	assert_fu_ok_db(db, fu_config_set(db,
		"rules.closure.board-silence-days", "70"));
	assert_fu_ok_db(db, fu_stats_compute(&s, db, 0));
	assert_int_equal(s.ghosted, 1);
}

/*
 * "Within 24 hours" as the rule engine counts it: the same local time
 * the next day. Daylight saving time ends in Berlin on Sun 25 Oct 2026
 * at 03:00 (back to 02:00), so from Sat 24 Oct 14:00 to Sun 25 Oct
 * 14:00 is 25 hours. A thank-you sent Sun 13:30 (24.5 hours later) is on
 * time for fu due, and so for fu stats; one sent Sun 14:30 is late for
 * both. (86,400 seconds, as stats counted before, made the first late.)
 */
static void test_stats_thank_you_across_dst(void **state)
{
	fu_db *db = *state;
	int64_t dana = fu_test_contact(db, "Dana Reyes", "Acme");
	int64_t sam = fu_test_contact(db, "Sam Lee", "Globex");
	int64_t acme = fu_test_app(db, "Acme", "Backend Engineer", dana,
				   fu_test_at("2026-10-19 10:00"));
	int64_t globex = fu_test_app(db, "Globex", "SRE", sam,
				     fu_test_at("2026-10-19 11:00"));
	fu_test_log(db, FU_EV_INTERVIEW, acme, 0,
		    fu_test_at("2026-10-24 14:00"), dana, 0);
	fu_test_log(db, FU_EV_INTERVIEW, globex, 0,
		    fu_test_at("2026-10-24 14:00"), sam, 0);
	assert_int_equal(fu_test_at("2026-10-25 14:00") -
			 fu_test_at("2026-10-24 14:00"), 25 * 3600);
	/* the engine: both thank-yous due Sun 25 Oct 14:00 */
	fu_action_row *rows = NULL;
	size_t n = 0, found = 0;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	for (size_t i = 0; i < n; i++)
		if (rows[i].a.kind == FU_ACT_THANK_YOU) {
			assert_int_equal(rows[i].a.due,
					 fu_test_at("2026-10-25 14:00"));
			found++;
		}
	fu_action_list_free(rows, n);
	assert_int_equal(found, 2);
	assert_int_equal(fu_rules_plus_hours(fu_test_at("2026-10-24 14:00"),
					    24),
			 fu_test_at("2026-10-25 14:00"));
	fu_test_log(db, FU_EV_SENT, acme, 0, fu_test_at("2026-10-25 13:30"),
		    dana, 0);
	fu_test_log(db, FU_EV_SENT, globex, 0,
		    fu_test_at("2026-10-25 14:30"), sam, 0);
	fu_stats s;
	assert_fu_ok_db(db, fu_stats_compute(&s, db, 0));
	assert_int_equal(s.meetings, 2);
	assert_int_equal(s.thanked, 1);
	assert_true(s.thank_you_rate == 0.5);
}

static void test_stats_empty(void **state)
{
	fu_db *db = *state;
	fu_stats s;
	assert_fu_ok_db(db, fu_stats_compute(&s, db, 0));
	assert_int_equal(s.applications, 0);
	assert_true(s.response_rate < 0);
	assert_true(s.median_reply_days < 0);
	assert_true(s.thank_you_rate < 0);
	assert_true(s.follow_ups_per_application < 0);
	assert_true(s.checked_in_rate < 0 && s.not_checked_in_rate < 0);
	assert_true(s.reply_rate[0] < 0 && s.ghosted_rate < 0);
	assert_true(s.source_median_days[FU_SRC_BOARD] < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_stats_by_hand),
		FU_TEST(test_stats_following_up),
		FU_TEST(test_stats_thank_you_across_dst),
		FU_TEST(test_stats_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
