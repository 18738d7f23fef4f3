/* SPDX-License-Identifier: MIT */
/* test_eml.c - a draft as an e-mail message (lib/eml.c): RFC 5322 headers,
 * CRLF, RFC 2047 names, quoted-printable or 8bit bodies. */
#include "fu_test.h"

#include "fu/buf.h"

/* An .eml: RFC 5322 headers, CRLF, RFC 2047 for a non-ASCII name. */
static void test_eml_message(void **state)
{
	fu_db *db = *state;
	fu_draft_input in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	in.contact_name = "José Núñez";
	in.role = "Ingénieur DevOps";
	fu_draft *d = fu_test_render(db, &in, NULL);
	fu_buf b = FU_BUF_INIT;
	assert_fu_ok_db(db, fu_draft_eml(&b, db, d, &in));
	const char *m = b.data;
	assert_has(m, "From: Alex Morgan <alex.morgan@example.org>\r\n");
	assert_has(m, "To: =?UTF-8?B?Sm9zw6kgTsO6w7Fleg==?= <dana@acme.example>\r\n");
	assert_has(m, "Subject: =?UTF-8?B?");
	assert_has(m, "\r\nDate: Mon, 09 Nov 2026 09:00:00 +0100\r\n");
	assert_has(m, "\r\nMIME-Version: 1.0\r\n");
	assert_has(m, "\r\nContent-Type: text/plain; charset=UTF-8\r\n");
	assert_has(m, "\r\nContent-Transfer-Encoding: quoted-printable\r\n");
	assert_has(m, "\r\nX-Unsent: 1\r\n\r\nDear Jos=C3=A9,\r\n");
	for (const char *p = m; (p = strchr(p, '\n')); p++)
		assert_int_equal(p[-1], '\r');
	/* quoted-printable lines stay within 76 characters */
	for (const char *p = strstr(m, "\r\n\r\n") + 4; *p;) {
		size_t len = strcspn(p, "\r");
		assert_true(len <= 76);
		p += len + 2;
	}
	fu_buf_free(&b);

	/* short lines: 8bit; a display name with specials is quoted */
	in.contact_name = "Reyes, Dana \"D\"";
	fu_draft *s = fu_test_render(db, &in,
				     "Subject: Hi\n\nShort, ünïcode.\n");
	b = (fu_buf)FU_BUF_INIT;
	assert_fu_ok_db(db, fu_draft_eml(&b, db, s, &in));
	assert_has(b.data, "To: \"Reyes, Dana \\\"D\\\"\" <dana@acme.example>\r\n");
	assert_has(b.data, "Content-Transfer-Encoding: 8bit\r\n");
	assert_has(b.data, "\r\n\r\nShort, ünïcode.\r\n");
	fu_buf_free(&b);
	fu_draft_free(s);

	/* only an e-mail, with an address */
	fu_draft_input l = fu_test_draft_input("thank-you", FU_CH_LETTER);
	fu_draft *ld = fu_test_render(db, &l, NULL);
	b = (fu_buf)FU_BUF_INIT;
	assert_int_equal(fu_draft_eml(&b, db, ld, &l), FU_EINVALID);
	fu_draft_free(ld);
	in = fu_test_draft_input("thank-you", FU_CH_EMAIL);
	in.contact_email = NULL;
	assert_int_equal(fu_draft_eml(&b, db, d, &in), FU_EINVALID);
	fu_buf_free(&b);
	fu_draft_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_eml_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
