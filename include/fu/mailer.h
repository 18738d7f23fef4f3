/* SPDX-License-Identifier: MIT */
/*
 * mailer.h - sending a plain-text e-mail (mailer.c): the message
 * composed as RFC 5322 and RFC 2045-2047 want it, then handed on its
 * standard input to a sendmail-compatible program (mail.sendmail,
 * default `sendmail -t -oi`: the recipients read from the message's
 * headers), the way mail(1), git send-email and mutt send. fu notify
 * sends its digest with it, fu draft --send its drafts; fu draft --eml
 * writes its files with fu_mail_compose (draft set).
 *
 * No text from the message's fields can add or change a header: line
 * breaks and other controls in a name or subject become spaces, an
 * address must be a plain addr-spec (local@domain, ASCII, no spaces or
 * comments) or it is refused, and non-ASCII header text is sent as
 * RFC 2047 encoded-words.
 */
#ifndef FU_MAILER_H
#define FU_MAILER_H

#include <stdint.h>

#include "fu/buf.h"
#include "fu/fu.h"

typedef struct fu_mail {
	const char *from_name;   /* the sender's name (NULL: none) */
	const char *from_addr;   /* the sender's address: required */
	const char *to_name;     /* the recipient's name (NULL: none) */
	const char *to_addr;     /* the recipient's address: required */
	const char *subject;     /* one line (NULL: none) */
	const char *body;        /* UTF-8 text, lines ending in \n */
	int64_t date;            /* the Date: header (seconds since the epoch,
	                            shown in the local zone); 0: now */
	const char *message_id;  /* "<id@domain>" (NULL: one is made up
	                            from the time, the process, random bits
	                            and the sender's domain) */
	const char *in_reply_to; /* "<id@domain>" of the message answered
	                            (NULL: none); also gives References: */
	const char *references;  /* the answered message's own References:,
	                            to which in_reply_to is appended (NULL:
	                            none) */
	int draft;               /* 1: an unsent draft for the user's mail
	                            client to open (fu draft --eml):
	                            X-Unsent: 1, a Message-ID only when
	                            message_id is given, and a body of short
	                            lines in 8bit (the client knows whether
	                            its server carries 8bit) */
} fu_mail;

/*
 * The message as it travels: header lines (From, To, Subject, Date,
 * Message-ID, [In-Reply-To, References,] MIME-Version, Content-Type:
 * text/plain; charset=UTF-8, Content-Transfer-Encoding: 7bit or
 * quoted-printable), an empty line and the body, every line ending in
 * CRLF, appended to out. The body goes in 7bit when it is ASCII in lines
 * of at most 78 characters, else in quoted-printable, which every mail
 * server carries unchanged (8bit needs one that says 8BITMIME); a draft
 * (m->draft) of short lines that is not ASCII goes in 8bit, and ends its
 * headers with X-Unsent: 1. Invalid UTF-8 becomes U+FFFD, a CR alone is
 * dropped. FU_EINVALID with a message for a missing or unusable address
 * or message id.
 */
int fu_mail_compose(fu_buf *out, fu_db *db, const fu_mail *m);

/* mail.sendmail's default: sendmail reading the recipients from the
 * message's To: (-t), a line holding only a dot not ending it (-oi).
 * msmtp (msmtp-mta), postfix, exim4 and nullmailer all provide it. */
#define FU_MAIL_SENDMAIL_DEFAULT "sendmail -t -oi"

/*
 * The command mail goes through: the words of configured (the value of
 * mail.sendmail; NULL or empty: FU_MAIL_SENDMAIL_DEFAULT), split as
 * fu_spawn_split splits. A first word without a slash must name a
 * program in PATH, else in /usr/sbin or /usr/lib (where sendmail lives,
 * which cron's PATH leaves out): it is then replaced by that file. *out is
 * NULL-ended (fu_spawn_free). FU_ENOTFOUND with a message when there is
 * no such program; FU_EINVALID for a command line that does not split.
 */
int fu_mail_sendmail(char ***out, fu_db *db, const char *configured);

/*
 * Compose m and send it: the command (sendmail: from fu_mail_sendmail)
 * run without a shell exactly as configured, nothing added, the message
 * on its standard input with LF line ends (as sendmail programs read
 * it). The program takes the recipients from the message's To: header,
 * as sendmail -t does. FU_OK when it exits 0; else FU_ERROR with the
 * words of fu_spawn_run (its status and the first line it wrote on
 * standard error), the program named after role when given ("the
 * mailer 'sh' exited with status 69: ...").
 */
int fu_mail_send(fu_db *db, const fu_mail *m, char *const *sendmail,
		 const char *role);

#endif
