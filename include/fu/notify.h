/* SPDX-License-Identifier: MIT */
/*
 * notify.h - the morning digest (fu notify): what can be done now
 * (overdue and due), most urgent first, delivered by the methods the
 * user chose (notify.via: desktop, mail, exec), and the log of every
 * delivery, kept in the notify_log table (notify.c owns it).
 *
 * No text of the user's reaches a method raw: names go through
 * fu_notify_clean (escape sequences, controls and bidirectional
 * controls taken out), the desktop's body through fu_notify_markup as
 * well (the Notifications body is a subset of HTML), and the JSON of
 * exec has those characters written as \u escapes.
 */
#ifndef FU_NOTIFY_H
#define FU_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "fu/actions.h"
#include "fu/buf.h"
#include "fu/fu.h"
#include "fu/model.h" /* fu_notify_method, notify.via */

/* How long fu-notify-desktop waits for a click on the notification
 * before it lets it be (seconds). */
#define FU_NOTIFY_WAIT_SECONDS 43200

/* --- the digest -------------------------------------------------------- */

typedef struct fu_notify_digest {
	int64_t now;          /* the time it was read at */
	size_t count;         /* actions that can be done now */
	size_t overdue;       /* of which overdue */
	fu_action_row *items; /* the first (most urgent) of them, at most
	                         the max asked for */
	size_t nitems;
} fu_notify_digest;

/* What can be done now (overdue and due, as fu due --count counts),
 * the first max of them (notify.max) kept. */
int fu_notify_digest_get(fu_notify_digest **out, fu_db *db, size_t max);
void fu_notify_digest_free(fu_notify_digest *d);

/* Text a notification or a mail may show: valid UTF-8 (U+FFFD for
 * anything else), terminal escape sequences removed whole, other
 * controls (line breaks and tabs too) a space each, and bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069)
 * removed. Appended to out. */
void fu_notify_clean(fu_buf *out, const char *s);
/* The same, with &, < and > written &amp; &lt; &gt;, for the body of a
 * desktop notification (which may be read as markup). */
void fu_notify_markup(fu_buf *out, const char *s);

/* The summary line: "fu: 3 follow-ups due, 1 overdue". */
void fu_notify_summary(fu_buf *out, const fu_notify_digest *d);
/* One line per item ("overdue: thank-you by email to Dana Reyes (Acme,
 * Backend Engineer), due Mon 9 Nov 14:00"), then "and 4 more: fu due"
 * when there are more; markup: for a desktop notification. */
void fu_notify_lines(fu_buf *out, const fu_notify_digest *d, int markup);
/* The text of the mail: the lines with each action's reason, and how to
 * see the rest. */
void fu_notify_mail_text(fu_buf *out, const fu_notify_digest *d);
/* Every action that can be done now as fu due --days 0 --json prints
 * them (a JSON array of its elements, the same value), with C1 and
 * bidirectional controls, U+2028, U+2029 and DEL written as \u escapes. */
int fu_notify_json(fu_buf *out, fu_db *db);

/* --- deliveries ---------------------------------------------------------- */

/* One method's delivery, made ready (fu_notify_prepare) so that it can
 * be shown (--dry-run) or made (fu_notify_deliver). */
typedef struct fu_notify_out {
	fu_notify_method method;
	char **argv;       /* desktop: the helper's command line; mail:
	                      mail.sendmail's, as it is run (the recipient
	                      is in the message); exec: notify.exec's */
	char **envp;       /* desktop: the environment (FU_DB set) */
	char *const *click;/* desktop: what a click runs (notify.terminal's
	                      words, the end of argv) */
	char *summary;     /* desktop: the summary; mail: the subject */
	char *body;        /* desktop: the body (markup); mail: the text */
	char *from_name, *from, *to; /* mail */
	char *input;       /* exec: the JSON on its standard input */
	size_t inlen;
	int64_t date;      /* mail: its Date (the digest's now) */
} fu_notify_out;

/*
 * Make the delivery of d by method m ready, from the configuration:
 *   desktop  helper (the path of fu-notify-desktop; NULL: not found)
 *            given the summary, the body and notify.terminal's words;
 *   mail     user.email (required), user.name, mail.sendmail;
 *   exec     notify.exec (required), the JSON of fu_notify_json.
 * FU_EINVALID or FU_ENOTFOUND with a message when it cannot be made
 * (that method then fails; fu notify logs it). Free with
 * fu_notify_out_clear.
 */
int fu_notify_prepare(fu_notify_out *out, fu_db *db,
		      const fu_notify_digest *d, fu_notify_method m,
		      const char *helper);
/* Send it. FU_OK, or FU_ERROR with the message of spawn.h's words. */
int fu_notify_deliver(fu_db *db, const fu_notify_out *o);
void fu_notify_out_clear(fu_notify_out *o);

/* --- the log --------------------------------------------------------------- */

typedef struct fu_notify_log {
	int64_t id;
	int64_t at;             /* when (fu's now) */
	fu_notify_method method;/* FU_NOTIFY_NONE: nothing was due */
	int64_t actions;        /* how many actions the digest counted */
	int ok;                 /* delivered */
	char *error;            /* why not, or NULL */
} fu_notify_log;

/* Write one delivery's outcome (error NULL: delivered), in a BEGIN
 * IMMEDIATE transaction of its own, at the handle's now; *id (may be
 * NULL) gets its number. It does not count as a change of the user's
 * (fu_db_changed). */
int fu_notify_log_add(fu_db *db, int64_t *id, fu_notify_method m,
		      size_t actions, const char *error);
/* Every delivery, in the order they were made. */
int fu_notify_log_list(fu_notify_log **out, size_t *n, fu_db *db);
void fu_notify_log_free(fu_notify_log *list, size_t n);

#endif
