/* SPDX-License-Identifier: MIT */
/* test_ics.c - iCalendar (lib/ics.c): line folding, escaping, the calendar
 * of actions, UIDs that stay the same. */
#include "fu_test.h"

#include "fu/buf.h"
#include "fu/ics.h"

/* Undo RFC 5545 folding; check every line on the way. */
static char *unfold(const char *s)
{
	fu_buf b = FU_BUF_INIT;
	while (*s) {
		const char *crlf = strstr(s, "\r\n");
		assert_non_null(crlf);
		size_t len = (size_t)(crlf - s);
		assert_true(len <= 75);
		assert_null(memchr(s, '\n', len));
		if (*s == ' ') {
			/* a continuation never starts inside a character */
			assert_true(len > 1);
			assert_false(((unsigned char)s[1] & 0xc0) == 0x80);
			fu_buf_add(&b, s + 1, len - 1);
		} else {
			if (b.len)
				fu_buf_putc(&b, '\n');
			fu_buf_add(&b, s, len);
		}
		s = crlf + 2;
	}
	return fu_buf_detach(&b);
}

static void test_ics_folding(void **state)
{
	(void)state;
	/* ASCII, then 2-, 3- and 4-byte characters at every offset */
	static const char *const pieces[] = { "a", "\xc3\xa9", "\xe2\x82\xac",
					      "\xf0\x9f\x98\x80" };
	for (size_t p = 0; p < 4; p++)
		for (size_t pre = 0; pre < 8; pre++) {
			fu_buf line = FU_BUF_INIT, out = FU_BUF_INIT;
			fu_buf_puts(&line, "SUMMARY:");
			for (size_t i = 0; i < pre; i++)
				fu_buf_putc(&line, 'x');
			for (size_t i = 0; i < 90; i++)
				fu_buf_puts(&line, pieces[p]);
			fu_ics_line(&out, line.data);
			char *back = unfold(out.data);
			assert_string_equal(back, line.data);
			free(back);
			fu_buf_free(&line);
			fu_buf_free(&out);
		}
	/* exactly 75 octets stays one line; 76 folds */
	fu_buf line = FU_BUF_INIT, out = FU_BUF_INIT;
	for (int i = 0; i < 75; i++)
		fu_buf_putc(&line, 'x');
	fu_ics_line(&out, line.data);
	assert_int_equal(out.len, 77);
	fu_buf_clear(&out);
	fu_buf_putc(&line, 'y');
	fu_ics_line(&out, line.data);
	assert_int_equal(out.len, 75 + 2 + 2 + 2);
	assert_memory_equal(out.data + 75, "\r\n y\r\n", 6);
	fu_buf_free(&line);
	fu_buf_free(&out);
}

static void test_ics_escaping(void **state)
{
	(void)state;
	fu_buf b = FU_BUF_INIT;
	fu_ics_escape(&b, "a\\b;c,d\ne\x01\tf");
	assert_string_equal(b.data, "a\\\\b\\;c\\,d\\ne f");
	fu_buf_free(&b);
}

static void test_ics_calendar(void **state)
{
	(void)state;
	fu_action_row rows[2];
	memset(rows, 0, sizeof rows);
	snprintf(rows[0].a.key, sizeof rows[0].a.key, "thank-you:12:3");
	rows[0].a.kind = FU_ACT_THANK_YOU;
	rows[0].a.rule = "thank-you";
	rows[0].a.application_id = 2;
	rows[0].a.contact_id = 3;
	rows[0].a.channel = FU_CH_EMAIL;
	rows[0].a.not_before = NOW;
	rows[0].a.due = NOW + 86400;
	snprintf(rows[0].a.reason, sizeof rows[0].a.reason, "you interviewed "
		 "with Dana Reyes on Mon 9 Nov; a thank-you within 24 hours");
	rows[0].company = "Acme, Inc.";
	rows[0].role = "Backend Engineer";
	rows[0].contact_name = "Dana Reyes";
	snprintf(rows[1].a.key, sizeof rows[1].a.key, "closure:0:0");
	rows[1].a.kind = FU_ACT_CLOSURE;
	rows[1].a.rule = "closure";
	rows[1].a.application_id = 5;
	rows[1].a.not_before = rows[1].a.due = NOW;
	snprintf(rows[1].a.reason, sizeof rows[1].a.reason, "no word");
	rows[1].company = "Globex";
	rows[1].role = "SRE";
	fu_buf b = FU_BUF_INIT;
	fu_ics_write(&b, rows, 2, NOW, 0x1234);
	char *u = unfold(b.data);
	static const char want[] =
		"BEGIN:VCALENDAR\n"
		"VERSION:2.0\n"
		"PRODID:-//fu//fu " FU_VERSION "//EN\n"
		"CALSCALE:GREGORIAN\n"
		"X-WR-CALNAME:fu\n"
		"BEGIN:VTODO\n"
		"UID:a2.thank-you-12-3.1234@fu\n"
		"DTSTAMP:20261109T080000Z\n"
		"DTSTART:20261109T080000Z\n"
		"DUE:20261110T080000Z\n"
		"SUMMARY:thank-you to Dana Reyes (Acme\\, Inc.\\, Backend Engineer)\n"
		"DESCRIPTION:you interviewed with Dana Reyes on Mon 9 Nov\\; a "
		"thank-you within 24 hours\\n\\nrule: thank-you\\nby: email\n"
		"CATEGORIES:thank-you\n"
		"STATUS:NEEDS-ACTION\n"
		"END:VTODO\n"
		"BEGIN:VTODO\n"
		"UID:a5.closure-0-0.1234@fu\n"
		"DTSTAMP:20261109T080000Z\n"
		"DUE:20261109T080000Z\n" /* no DTSTART: DUE must come after it */
		"SUMMARY:closure (Globex\\, SRE)\n"
		"DESCRIPTION:no word\\n\\nrule: closure\n"
		"CATEGORIES:closure\n"
		"STATUS:NEEDS-ACTION\n"
		"END:VTODO\n"
		"END:VCALENDAR";
	assert_string_equal(u, want);
	free(u);
	fu_buf_free(&b);
}

static void test_ics_uid_stable(void **state)
{
	fu_db *db = *state;
	int64_t d = fu_test_contact(db, "Dana Reyes", "Acme");
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", d,
				fu_test_at("2026-11-02 10:00"));
	fu_action_row *rows = NULL;
	size_t n = 0;
	fu_buf one = FU_BUF_INIT, two = FU_BUF_INIT;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	assert_fu_ok_db(db, fu_ics_calendar(&one, db, rows, n));
	fu_action_list_free(rows, n);
	/* something unrelated happens, later */
	fu_db_set_now(db, NOW + 3600);
	int64_t other = fu_test_app(db, "Globex", "SRE", 0, NOW + 3600);
	(void)other;
	(void)a;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	assert_fu_ok_db(db, fu_ics_calendar(&two, db, rows, n));
	fu_action_list_free(rows, n);
	const char *uid = strstr(one.data, "UID:a2.application-check-in");
	assert_non_null(uid);
	char line[128];
	size_t len = strcspn(uid, "\r");
	assert_true(len < sizeof line);
	memcpy(line, uid, len);
	line[len] = '\0';
	assert_non_null(strstr(two.data, line));
	fu_buf_free(&one);
	fu_buf_free(&two);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ics_folding),
		cmocka_unit_test(test_ics_escaping),
		FU_TEST(test_ics_calendar),
		FU_TEST(test_ics_uid_stable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
