/* SPDX-License-Identifier: MIT */
/* test_stats.c - fu stats (lib/stats.c): a hunt worked out by hand, with
 * and without --since, and an empty database. */
#include "fu_test.h"

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
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_stats_by_hand),
		FU_TEST(test_stats_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
