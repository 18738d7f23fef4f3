/* SPDX-License-Identifier: MIT */
/*
 * draft_internal.h - what the files of fu draft share (draft_templates.c,
 * draft_render.c, draft_gather.c, eml.c, sendmail.c). Nobody else
 * includes it.
 */
#ifndef FU_DRAFT_INTERNAL_H
#define FU_DRAFT_INTERNAL_H

#include <string.h>

#include "fu/draft.h"

/* A value worth saying: not NULL, not blank. */
static inline int fu__draft_has(const char *s)
{
	return s && s[strspn(s, " \t\r\n")] != '\0';
}

static inline int fu__draft_oom(fu_db *db)
{
	return fu__error(db, FU_ERROR, "out of memory");
}

/* The word of a channel in template file names: "email" (also for a
 * social message), "phone", "letter", "checklist" (no channel); NULL
 * for another. */
const char *fu__draft_channel_file(fu_channel ch);

/* "Dana Reyes has no e-mail address: fu edit 'Dana Reyes' --email
 * ADDRESS[, or --channel OTHERS]" into b. */
void fu__draft_no_means(fu_buf *b, const fu_draft_input *in,
			const char *what, const char *opt, const char *others);

struct fu_mail;
/* The draft d as a message for mailer.c (eml.c): its addresses checked
 * (FU_EINVALID saying which to fix), *id its Message-ID in brackets
 * (malloc'd, NULL when d has none; the caller frees it after m's use). */
int fu__draft_mail(struct fu_mail *m, char **id, fu_db *db, const fu_draft *d,
		   const fu_draft_input *in);

#endif
