/* SPDX-License-Identifier: MIT */
/*
 * fu_test.h - what every cmocka test of fu includes first: cmocka, the
 * assertions fu adds to it, and the support tests/fu_test.c gives every
 * unit test (linked into each by fu_unit() in tests/CMakeLists.txt):
 *   - the common fixture: Europe/Berlin, an in-memory database whose
 *     clock stands at NOW (fu_test_setup, fu_test_teardown, FU_TEST);
 *   - records a test needs on the way to what it tests (a contact, an
 *     application, an event), a local time as people write it, one
 *     number from SQL, a temporary path;
 *   - a job hunt that uses every field and every event kind, and the
 *     database or its export as text, to compare;
 *   - a draft's input with everything known, rendered.
 */
#ifndef FU_TEST_H
#define FU_TEST_H

/* cmocka 1.1 needs these before <cmocka.h> */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fu/draft.h"
#include "fu/fu.h"
#include "fu/store.h"

/* Assert a libfu call returned FU_OK, printing the handle's message
 * when it did not. */
#define assert_fu_ok_db(db, expr)                                          \
	do {                                                               \
		int fu_rc_ = (expr);                                       \
		if (fu_rc_ != FU_OK)                                       \
			print_error("%s: %d: %s\n", #expr, fu_rc_,         \
				    fu_errmsg(db));                        \
		assert_int_equal(fu_rc_, FU_OK);                           \
	} while (0)

#define assert_fu_ok(expr) assert_int_equal((expr), FU_OK)

/* s (which may be NULL) contains part, or does not; the text is printed
 * when it fails. */
#define assert_has(s, part) fu_test_has_((s), (part), __FILE__, __LINE__)
#define assert_lacks(s, part) fu_test_lacks_((s), (part), __FILE__, __LINE__)

/* Equal texts; when they are not, the first line that differs. */
#define assert_same_text(a, b) fu_test_same_text_((a), (b), __FILE__, __LINE__)

void fu_test_has_(const char *s, const char *part, const char *file,
		  int line);
void fu_test_lacks_(const char *s, const char *part, const char *file,
		    int line);
void fu_test_same_text_(const char *a, const char *b, const char *file,
			int line);

/* Fix the process's time zone for local-calendar tests. */
static inline void fu_test_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* --- the common fixture ------------------------------------------------ */

/* 2026-11-09 09:00 Europe/Berlin, a Monday: the clock of every database
 * the fixture opens. */
#define NOW 1794211200
#define DAY 86400
/* when most tests' applications went out */
#define WEEK_AGO (NOW - 7 * DAY)

/* TZ Europe/Berlin, FU_DICTIONARY unset, and *state a fresh database
 * (fu_test_db); teardown closes it. */
int fu_test_setup(void **state);
int fu_test_teardown(void **state);

/* A test run with the common fixture. */
#define FU_TEST(f) cmocka_unit_test_setup_teardown(f, fu_test_setup,      \
						       fu_test_teardown)

/* A fresh in-memory database whose clock stands at NOW; close it with
 * fu_db_close(). */
fu_db *fu_test_db(void);

/* --- records ----------------------------------------------------------- */

/* A contact with only a name (and a company, unless NULL); its number. */
int64_t fu_test_contact(fu_db *db, const char *name, const char *company);

/* An application at company for role, applied at applied (0: planned),
 * with contact unless it is 0; its number. */
int64_t fu_test_app(fu_db *db, const char *company, const char *role,
		    int64_t contact, int64_t applied);

/* An event of kind on application (or on contact when application is
 * 0) at at, with up to two people (w1, w2; 0 for none); its number. */
int64_t fu_test_log(fu_db *db, fu_event_kind kind, int64_t application,
		    int64_t contact, int64_t at, int64_t w1, int64_t w2);

/* A local time as people write it ("2026-11-05 14:00"), read at NOW
 * (FU_DATE_PAST: a weekday's name is the latest on or before it). */
int64_t fu_test_at(const char *s);

/* The first column of the first row sql gives (there must be one). */
int64_t fu_test_int(fu_db *db, const char *sql);

/* A path in $TMPDIR (else /tmp) of this process's own, name at its end;
 * a file left there by an earlier run is removed. */
void fu_test_temp_path(char *buf, size_t len, const char *name);

/* --- a whole job hunt, and what it becomes ----------------------------- */

/* A job hunt that uses every field and every event kind: 3 contacts, 4
 * applications at 4 companies, 4 settings. */
void fu_test_rich_scenario(fu_db *db);

/* fu_export_json's document, printed (free with cJSON_free). */
char *fu_test_export_text(fu_db *db);

/* Everything in the database, a table at a time, as text (free it). */
char *fu_test_dump(fu_db *db);

/* The actions owed, a line each: key, not before, due (free it). */
char *fu_test_action_keys(fu_db *db);

/* --- drafts ------------------------------------------------------------ */

/* Everything a draft may use for action by ch, as a user who logged it
 * all would have: Dana Reyes at Acme, interviewed on Sun 8 Nov. */
fu_draft_input fu_test_draft_input(const char *action, fu_channel ch);

/* in rendered with the built-in template (tmpl NULL) or with tmpl, a
 * template named "test"; free with fu_draft_free(). */
fu_draft *fu_test_render(fu_db *db, const fu_draft_input *in,
			 const char *tmpl);

#endif
