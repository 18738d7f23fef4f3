/* SPDX-License-Identifier: MIT */
/*
 * fuzz_template.c - libFuzzer harness for the draft template renderer,
 * fu_draft_render(), and what is done with its result: the text as
 * printed, an edited text put back (fu_draft_set_text), the word count
 * and, for an e-mail, the .eml message.
 *
 * Input: byte 0 picks the action, the channel and which values are
 * known (so that sections and missing values are both reached); the
 * rest is the template, as a user's template file would hold it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/buf.h"
#include "fu/draft.h"
#include "fu/fu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fu_db *db;

static void close_db(void)
{
	fu_db_close(db);
	db = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const actions[] = {
		"thank-you", "nudge", "application-check-in", "closure",
	};
	static const fu_channel channels[] = {
		FU_CH_EMAIL, FU_CH_LETTER, FU_CH_PHONE, FU_CH_SOCIAL,
	};
	static const char *const topics[] = {
		"moving billing to Go", "on-call \xe2\x80\x94 rotas",
	};
	if (size < 1 || size > 8192)
		return 0;
	if (!db) {
		if (fu_db_open(&db, NULL, FU_OPEN_MEMORY) != FU_OK)
			abort();
		atexit(close_db);
		fu_db_set_now(db, 1794214800);
	}
	unsigned sel = data[0];
	int known = (sel & 0x10) != 0;
	fu_draft_input in;
	memset(&in, 0, sizeof in);
	in.action = actions[sel & 3];
	in.seq = 1 + ((sel >> 5) & 1);
	in.channel = channels[(sel >> 2) & 3];
	in.contact_id = 1;
	in.contact_name = "Dana Reyes";
	in.contact_title = known ? "Engineering Manager" : NULL;
	in.contact_company = "Acme";
	in.contact_email = "dana@acme.example";
	in.contact_phone = known ? "+49 30 1234567" : NULL;
	in.contact_address = known ? "Hauptstr. 1\n10115 Berlin" : NULL;
	in.application_id = 2;
	in.company = "Acme";
	in.role = "Backend Engineer";
	in.url = known ? "https://acme.example/jobs/1" : NULL;
	in.applied_at = 1793610000;
	in.event_kind = FU_EV_INTERVIEW;
	in.event_channel = FU_CH_IN_PERSON;
	in.event_at = 1794150000;
	in.topics = known ? topics : NULL;
	in.ntopics = known ? 2 : 0;
	in.interview_at = 1794150000;
	in.expect_at = known ? 1794700000 : 0;
	in.reason = "they interviewed you yesterday";
	in.user_name = "Alex Morgan";
	in.user_email = known ? "alex@example.org" : NULL;
	in.user_phone = known ? "+49 170 000000" : NULL;
	in.now = 1794214800;

	char *tmpl = malloc(size);
	if (!tmpl)
		return 0;
	memcpy(tmpl, data + 1, size - 1);
	tmpl[size - 1] = '\0';

	fu_draft *d = NULL;
	int rc = fu_draft_render(&d, db, &in, tmpl, "fuzz");
	if (rc == FU_OK) {
		if (!d || !d->body)
			abort();
		char *text = fu_draft_text(d);
		(void)fu_draft_words(d->body);
		if (in.channel == FU_CH_EMAIL) {
			fu_buf eml = FU_BUF_INIT;
			(void)fu_draft_eml(&eml, db, d, &in);
			fu_buf_free(&eml);
		}
		/* the user edits the draft into the template's text */
		(void)fu_draft_set_text(d, db, &in, tmpl);
		free(text);
		fu_draft_free(d);
	} else {
		if (d || (rc != FU_EINVALID && rc != FU_ERROR) ||
		    !fu_errmsg(db)[0])
			abort();
	}
	free(tmpl);
	return 0;
}
