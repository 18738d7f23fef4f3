/* fu_test.h - what every cmocka test of fu includes first. */
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

#include "fu/fu.h"

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

/* Fix the process's time zone for local-calendar tests. */
static inline void fu_test_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

#endif
