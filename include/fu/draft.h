/* SPDX-License-Identifier: MIT */
/*
 * draft.h - the follow-up message for an action (RULES.md, "Drafts: what
 * each message contains"), written from what the user logged.
 *
 * Three steps, each usable alone:
 *   1. fu_draft_gather() reads the database: the action owed, its
 *      contact, application, the event that raised it (and its topics),
 *      the user's signature, into a plain fu_draft_input;
 *   2. fu_draft_render() fills a template (a built-in one for each
 *      action and channel, or the user's file) from that input: a pure
 *      function, tested without a database;
 *   3. fu_draft_check() adds warnings (length, spelling), and
 *      fu_draft_eml() turns an e-mail draft into an RFC 5322 message.
 * The library never prints: warnings are strings in the fu_draft.
 *
 * Templates. Text with placeholders in braces:
 *   {name}            the value; an unknown name, or one with no value,
 *                     is an error (FU_EINVALID) that names it
 *   {#name}...{/name} the text between, only when name has a value
 *   {^name}...{/name} the text between, only when name has no value
 *   {{                a literal "{"
 * A section tag alone on its line takes the whole line with it. An
 * e-mail template starts with a "Subject: ..." line. See
 * fu_draft_placeholders() for the names, and fu-draft(1).
 */
#ifndef FU_DRAFT_H
#define FU_DRAFT_H

#include <stddef.h>
#include <stdint.h>

#include "fu/buf.h"
#include "fu/fu.h"
#include "fu/model.h"
#include "fu/spell.h"

/* Another application of the person written to (rule 11: a message to
 * someone who handles several names each, so that one serves all). */
typedef struct fu_draft_other {
	int64_t application_id;
	const char *company, *role;
	const char *action; /* the action of it this message also serves
	                       (a rider: its kind), or NULL */
} fu_draft_other;

/* Someone the user will meet (prepare) or has met. */
typedef struct fu_draft_person {
	int64_t id;
	const char *name, *title, *email, *phone, *address;
	fu_channel prefers;
} fu_draft_person;

/* Everything a draft may say, as plain values. Strings may be NULL
 * (unknown); times are 0 when unknown. */
typedef struct fu_draft_input {
	const char *action;      /* an action id: "thank-you", "nudge", ... */
	int seq;                 /* nudges: 1, 2, ... within their stage */
	int wording;             /* nudges: 1 + the follow-ups already sent
	                            to this person that may have been nudges
	                            (chooses the wording, so that none
	                            repeats an earlier one); 0: seq */
	const char *situation;   /* what the message answers, among the
	                            wordings of its action (fu-draft(1),
	                            SITUATIONS): "invitation", "offer",
	                            "conversation", "accepted", ...; NULL */
	fu_channel channel;      /* email, phone, letter or social;
	                            FU_CH_NONE: a checklist (find-contact,
	                            closure, offer-review) */
	/* the person written to */
	int64_t contact_id;
	const char *contact_name, *contact_title, *contact_company;
	const char *contact_email, *contact_phone, *contact_address;
	/* the application (0 and NULLs for networking) */
	int64_t application_id;
	const char *company, *role, *url;
	int64_t applied_at;
	/* the event that raised the action (FU_EV_NONE when none) */
	int64_t event_id;
	fu_event_kind event_kind;
	fu_channel event_channel;
	int64_t event_at;
	const char *const *topics; /* its topics: the person's own first,
	                              then everyone's (check-ins and nudges
	                              without their own: the interview's) */
	size_t ntopics;
	const char *occasion;    /* met, meeting: where you met (--occasion) */
	const char *because;     /* help-promised: why it is urgent */
	int64_t scheduled_at;    /* the interview or meeting arranged, that
	                            the message confirms or the checklist
	                            prepares; 0 */
	fu_event_kind scheduled_kind;
	fu_channel scheduled_channel;
	const fu_draft_person *people; /* whom it is with */
	size_t npeople;
	int64_t answer_at;       /* an offer: the day you will answer by
	                            (their deadline, else the review's end) */
	int64_t reply_at;        /* a nudge in a conversation: their reply
	                            it continues; 0 */
	int64_t accepted_at;     /* you accepted another job then; 0 */
	const char *applied_role; /* networking: a role you applied for at
	                             the contact's company (else NULL: no
	                             interest in it is claimed) */
	const fu_draft_other *also;   /* rule 11: the applications whose
	                                 actions this message also serves */
	size_t nalso;
	const fu_draft_other *others; /* the person's other open
	                                 applications */
	size_t nothers;
	int64_t interview_at;    /* the latest interview, or 0 */
	int64_t expect_at;       /* the date they promised word by, or 0 */
	int64_t deadline_at;     /* an offer's deadline, or 0 */
	const char *introducer_name; /* intro-thanks / intro-reach-out */
	const char *introduced_name;
	int urgent;              /* help-reminder: marked urgent */
	const char *reason;      /* the action's reason, as fu due shows it */
	int64_t not_before;      /* the action's window opens then */
	/* the user's signature, and the address at a letter's head */
	const char *user_name, *user_email, *user_phone, *user_address;
	int64_t now;
	/* filled by fu_draft_gather(): the action and what it read */
	char key[96];             /* the action's key (fu due --json) */
	int64_t subject_contact_id; /* networking subject, or 0 */
	void *owned;              /* private */
} fu_draft_input;

/* What to draft: from fu draft REF [ACTION] [--to] [--channel]. */
typedef struct fu_draft_request {
	int64_t application_id; /* REF is an application, */
	int64_t contact_id;     /* or a contact (0 / 0: nothing) */
	const char *action;     /* an action id or key; NULL: the most urgent */
	int64_t to;             /* the person to write to, or 0 */
	fu_channel channel;     /* FU_CH_NONE: the action's own */
} fu_draft_request;

/*
 * Find the action owed and gather its input: the most urgent open action
 * on the application or contact (of that kind, to that person, when
 * asked), with the channel checked against the contact (an e-mail needs
 * an address, a letter a postal address, a call a number and no "no
 * calls"). Errors name what to do instead: FU_ENOTFOUND when nothing
 * (of that kind, to that person) is owed, or the application is closed;
 * FU_EINVALID for an unknown action, a channel that cannot be used, or
 * a message with nobody to send it to. Free with fu_draft_input_free().
 */
int fu_draft_gather(fu_draft_input **out, fu_db *db,
		    const fu_draft_request *req);
void fu_draft_input_free(fu_draft_input *in);

/* Whether an action id is a message (not find-contact, closure,
 * offer-review, prepare); -1 for an unknown id. */
int fu_draft_is_message(const char *action);

/* Rule 14: whether a message of this action may go by letter
 * (thank-you, rejection-response, withdraw-notice, decline-offer), and
 * the error when it may not (a static string). */
int fu_draft_by_letter(const char *action);
const char *fu_draft_no_letter(const char *action);

/* Whether the person written to works elsewhere than the employer (an
 * agency's recruiter): their company is known and is not the
 * application's. */
int fu_draft_agency(const fu_draft_input *in);

/* The wording a nudge takes, 1 to FU_DRAFT_WORDINGS: in->wording (else
 * in->seq) taken round. */
#define FU_DRAFT_WORDINGS 8
int fu_draft_wording(const fu_draft_input *in);

/* A draft. */
typedef struct fu_draft {
	char *subject;   /* e-mail: the Subject's text; otherwise NULL */
	char *body;      /* the message (a letter with its head), or the
	                    checklist; ends with one newline */
	char *source;    /* the template: its path, or "built-in" */
	size_t excluded; /* words of the letter head and the signature,
	                    not counted against the length */
	char **warnings; /* one line each, without "fu: warning: " */
	size_t nwarnings;
	char *message_id;/* e-mail: the Message-ID fu made for it (without
	                    <>; fu_draft_new_message_id), or NULL: none */
} fu_draft;

void fu_draft_free(fu_draft *d);

/* The built-in template for in's action, channel and seq (never NULL
 * for a known action; "" for an unknown one). */
const char *fu_draft_builtin(const fu_draft_input *in);

/*
 * The user's template for in, from dir (NULL: $XDG_CONFIG_HOME/fu/
 * templates, else ~/.config/fu/templates): "ACTION.CHANNEL" (CHANNEL one
 * of email, phone, letter, checklist; a social message uses the e-mail
 * one), and for nudges first "nudge.SEQ.CHANNEL". *text and *path are
 * malloc'd. FU_ENOTFOUND when there is none (the built-in applies);
 * FU_EINVALID when it cannot be read or is not UTF-8 text.
 */
int fu_draft_template_find(char **text, char **path, fu_db *db,
			   const fu_draft_input *in, const char *dir);

/*
 * Fill template (NULL: the built-in) from in. source names the template
 * in messages (NULL: "built-in"). A letter gets its head (the date, the
 * contact's name, title, company and postal address) above the text; a
 * social message drops the Subject line. FU_EINVALID names a placeholder
 * that is unknown or has no value (for the signature: the fu config
 * command that sets it), a missing Subject line, or a section left open.
 */
int fu_draft_render(fu_draft **out, fu_db *db, const fu_draft_input *in,
		    const char *template_text, const char *source);

/* Replace a draft's text by what the user edited: "Subject: ..." on the
 * first line for an e-mail (kept when removed), the rest the body.
 * FU_EINVALID when it is empty or not UTF-8 text. */
int fu_draft_set_text(fu_draft *d, fu_db *db, const fu_draft_input *in,
		      const char *text);

/* The draft as printed: "Subject: ...", a blank line, then the body (the
 * body alone when there is no subject). malloc'd; NULL when out of
 * memory. */
char *fu_draft_text(const fu_draft *d);

/* Words in text (runs of non-blanks holding a letter or a digit). */
size_t fu_draft_words(const char *text);

/* The length limit of RULES.md for an action (words), 0 for none. */
int fu_draft_limit(const char *action);

/*
 * Append warnings to a message (a checklist gets none): a thank-you
 * with nothing logged as discussed, an intro-reach-out with no reason
 * logged (each with the fu log command that adds one); a body longer
 * than the action's limit (not counting a letter's head and the
 * signature; a call has no limit), and each word the spelling dictionary
 * does not know (with suggestions), except the names of people,
 * companies and roles, the capitalised words of topics and occasions,
 * addresses, e-mail addresses, URLs, words with digits, all-capital
 * words and capitalised words inside a sentence (proper nouns), and the
 * words of the personal dictionary. dictionary is the hunspell base
 * path (NULL: $FU_DICTIONARY, else /usr/share/hunspell/en_US); words a
 * personal dictionary in hunspell's format (see spell.h; NULL: the
 * user's, fu_draft_dictionary_path(), and the older
 * $XDG_CONFIG_HOME/fu/words, where they exist). A missing dictionary is
 * one warning. Returns 0, or FU_ERROR when out of memory.
 */
int fu_draft_check(fu_draft *d, fu_db *db, const fu_draft_input *in,
		   const char *dictionary, const char *words);

/* The user's personal dictionary: $XDG_CONFIG_HOME/fu/dictionary (else
 * ~/.config/fu/dictionary); malloc'd, NULL when neither variable is set
 * (or out of memory). */
char *fu_draft_dictionary_path(void);

/* --- e-mail files --------------------------------------------------- */

/*
 * An RFC 5322 message of an e-mail draft, into out, written by
 * fu_mail_compose (mailer.h) as every message fu sends: From (user.name,
 * user.email), To (the contact's name and address), Subject, Date (in's
 * now, local time with its numeric zone), Message-ID when d->message_id
 * is set, MIME-Version, Content-Type text/plain UTF-8,
 * Content-Transfer-Encoding 7bit, 8bit when not ASCII (quoted-printable
 * when a line is longer than 78 octets or holds a control), X-Unsent: 1
 * (mail clients open it as a draft); CRLF line ends; non-ASCII in
 * headers as RFC 2047 encoded-words. FU_EINVALID when the draft is not
 * an e-mail or an address is missing or not a plain address.
 */
int fu_draft_eml(fu_buf *out, fu_db *db, const fu_draft *d,
		 const fu_draft_input *in);
/* The same, written to path: a new file 0600 beside it, synced, then
 * renamed over it, so path holds the whole draft or what it held
 * before (a full disk included). FU_EINVALID, with nothing written, when
 * path is the database or a file SQLite keeps beside it, a symbolic
 * link, a directory, a device, a FIFO or anything but a regular file, or
 * a file of another user's; no file but the new one is ever written or
 * re-permissioned. (Standard output is the caller's: fu draft --eml -.) */
int fu_draft_write_eml(fu_db *db, const fu_draft *d,
		       const fu_draft_input *in, const char *path);

/* A new Message-ID for d (set in d->message_id, replacing any):
 * "fu.SECONDS.RANDOM@DOMAIN" with DOMAIN that of user.email (else
 * "localhost"), so that a reply to the message, sent from any client,
 * names it in In-Reply-To and fu mail scan ties it back. */
int fu_draft_new_message_id(fu_db *db, fu_draft *d, const fu_draft_input *in);

/* --- sending -------------------------------------------------------- */

/* Log the sent event that answers the draft's action: now, --with its
 * contact, its channel, and --action its kind. *event_id (may be NULL)
 * gets the new event's number. */
int fu_draft_mark_sent(fu_db *db, const fu_draft_input *in,
		       int64_t *event_id);
/* The same, the event keeping the message's Message-ID (may be NULL). */
int fu_draft_mark_sent_as(fu_db *db, const fu_draft_input *in,
			  const char *message_id, int64_t *event_id);

/*
 * Send an e-mail draft through the user's mailer as fu notify sends
 * mail (mailer.h: config mail.sendmail, default "sendmail -t -oi", split
 * as fu_spawn_split splits, found by fu_mail_sendmail, run by
 * fu_mail_send without a shell within 120 seconds), and log the sent
 * only when it exits 0. The message is fu_draft_eml's without X-Unsent,
 * its body 7bit or quoted-printable, with a new Message-ID
 * (d->message_id), kept on the sent event, and LF line ends as sendmail
 * reads. The mailer's standard output is thrown away; when it fails,
 * its first line on standard error is in the message: FU_ERROR "the
 * mailer 'msmtp' exited with status 69: msmtp: cannot connect ...;
 * nothing logged", and nothing is logged. FU_ENOTFOUND when the
 * program named without a slash is in neither PATH, /usr/sbin nor
 * /usr/lib.
 */
int fu_draft_send(fu_db *db, fu_draft *d, const fu_draft_input *in,
		  int64_t *event_id);

/* --- placeholders --------------------------------------------------- */

typedef struct fu_draft_placeholder {
	const char *name; /* "contact.name", "topic.N", ... */
	const char *help; /* what it holds */
} fu_draft_placeholder;

/* The placeholders templates may use; *n gets the count. */
const fu_draft_placeholder *fu_draft_placeholders(size_t *n);

#endif
