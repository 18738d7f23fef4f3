/* SPDX-License-Identifier: MIT */
/* error.c - the handle's message. */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

int fu__error(fu_db *db, int code, const char *fmt, ...)
{
	if (!db)
		return code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(db->msg, sizeof db->msg, fmt, ap);
	va_end(ap);
	return code;
}

const char *fu_errmsg(const fu_db *db)
{
	if (!db)
		return "out of memory";
	return db->msg[0] ? db->msg : "no error";
}
