/* SPDX-License-Identifier: MIT */
/*
 * mail.h - what fu learns from the user's mail (fu mail), as plain
 * values: a message as fu-mail-read describes it, what fu knows that a
 * message can be tied to (the context), and how a message is tied to it
 * (the matching). Nothing here reads the database or a file: mailmsg.c
 * reads fu-mail-read's JSON records, mailmatch.c matches, both tested
 * without a database. proposals.h keeps what they find.
 *
 * What a message becomes (fu-mail(1) says the same to the user):
 *   - in reply to a message fu knows (its Message-ID in In-Reply-To or
 *     References: an event's, or another proposal's): a reply (or, from
 *     the user, a sent) on that event's application or contact: the
 *     exact match;
 *   - from a known contact (From or Reply-To): a reply on their open
 *     application; when they have several and no thread decides, the
 *     user chooses;
 *   - from the user (user.email, mail.from) to known contacts: a sent;
 *   - an invitation (METHOD:REQUEST): an interview at its start with its
 *     attendees (the user aside) as the people met, on the application
 *     of the organizer's company (a meeting with a networking contact);
 *     a new SEQUENCE or a CANCEL changes it;
 *   - from an applicant tracking system (a sender's domain in the ATS
 *     table): a reply on the application whose company the sender's
 *     name, address or subject names;
 *   - wording that plainly declines (English, German) makes a reply or
 *     an ATS message a rejection, which is never logged without review;
 *   - automatic replies (out of office) and everything else: nothing.
 */
#ifndef FU_MAIL_H
#define FU_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "fu/fu.h"
#include "fu/model.h"

/* --- a message ------------------------------------------------------- */

typedef struct fu_mail_addr {
	char *name;    /* the display name, or NULL */
	char *address; /* lower case */
} fu_mail_addr;

/* A person of an invitation: the organizer or an attendee. */
typedef struct fu_mail_person {
	char *name, *address;  /* CN; the address without mailto:, or NULL */
	char *role, *partstat, *cutype; /* as written, or NULL */
} fu_mail_person;

typedef struct fu_mail_time {
	int known;      /* 0: the calendar gave none */
	int has_utc;    /* utc is the instant; else local is floating (or
	                   a date): read in the user's zone */
	int64_t utc;
	char *local;    /* "2026-11-10T14:00:00" or "2026-11-10" */
	int all_day;
} fu_mail_time;

typedef struct fu_mail_vevent {
	char *uid;
	int sequence;
	char *status, *summary, *location;
	fu_mail_time start, end;
	int recurring, has_recurrence_id;
	int has_organizer;
	fu_mail_person organizer;
	fu_mail_person *attendees;
	size_t nattendees;
} fu_mail_vevent;

typedef struct fu_mail_calendar {
	char *method; /* REQUEST, CANCEL, ... (upper case), or NULL */
	fu_mail_vevent *events;
	size_t nevents;
} fu_mail_calendar;

/* What tells a robot or a list from a person (the record's hints). */
enum {
	FU_MAIL_LIST = 1 << 0,      /* List-Id, List-Unsubscribe, List-Post */
	FU_MAIL_BULK = 1 << 1,      /* Precedence bulk, list or junk */
	FU_MAIL_AUTOREPLY = 1 << 2, /* Auto-Submitted: auto-replied, X-Autoreply,
	                               Precedence auto_reply, an out-of-office
	                               subject */
	FU_MAIL_AUTOMATED = 1 << 3  /* Auto-Submitted (not "no") */
};

typedef struct fu_mail_msg {
	int is_calendar;   /* a calendar record (an .ics file), not a message */
	char *path;        /* as fu-mail-read wrote it (printable) */
	int64_t offset, length; /* mbox: the message's bytes; else -1 */
	char *flags;       /* Maildir flags, or NULL */
	char *message_id;  /* without <>, or NULL */
	char *digest;      /* SHA-256 of its headers (hex), or NULL */
	int has_date;
	int64_t date;
	int date_offset;   /* minutes east of UTC */
	fu_mail_addr from, sender; /* address NULL: none */
	fu_mail_addr *reply_to, *to, *cc;
	size_t nreply_to, nto, ncc;
	char *subject;
	char **in_reply_to, **references;
	size_t nin_reply_to, nreferences;
	int hints;         /* FU_MAIL_* */
	char *content_type;
	int full;          /* read in full: snippet and calendar are known */
	char *snippet;
	fu_mail_calendar *calendar; /* NULL: none */
	int truncated;
} fu_mail_msg;

/* One record of fu-mail-read (a "message" or "calendar" object) into
 * *out (cleared first); FU_EINVALID when it is not one. Strings are
 * copied; free with fu_mail_msg_clear. */
int fu_mail_msg_from_json(fu_mail_msg *out, const cJSON *record);
void fu_mail_msg_clear(fu_mail_msg *m);

/* The key of what was read, as mail_seen keeps it: the first 8 bytes of
 * the SHA-256 of prefix and text ("file:" and a Maildir file's unique
 * name, "id:" and a Message-ID, "digest:" and a header digest). */
int64_t fu_mail_key(const char *prefix, const char *text);
/* The message's own key: by Message-ID, else by digest; 0: neither. */
int64_t fu_mail_msg_key(const fu_mail_msg *m);
/* A Maildir file name's unique part: up to ":2,", "!2," or ";2,"
 * (written into buf of len bytes; NULL when it does not fit). */
char *fu_mail_unique_name(char *buf, size_t len, const char *file_name);

/* --- what fu knows ----------------------------------------------------- */

/* The context a message is matched against: built with the functions
 * below (proposals.h's fu_mail_context loads it from the database),
 * freed with fu_mail_ctx_free. All strings are copied. */
typedef struct fu_mail_ctx fu_mail_ctx;

fu_mail_ctx *fu_mail_ctx_new(void);
void fu_mail_ctx_free(fu_mail_ctx *x);

/* Every function below returns 0, or FU_ERROR when out of memory. */

/* One of the user's own addresses (user.email, mail.from). */
int fu_mail_ctx_user(fu_mail_ctx *x, const char *address);
/* A domain whose mail comes from an applicant tracking system (its
 * subdomains too). The built-in ones: fu_mail_ats_domains. */
int fu_mail_ctx_ats(fu_mail_ctx *x, const char *domain);
/* A contact: their number, name, address (may be NULL), company. */
int fu_mail_ctx_contact(fu_mail_ctx *x, int64_t id, const char *name,
			const char *email, int64_t company_id,
			const char *company);
/* An application, open or not, and its people (in order). */
int fu_mail_ctx_app(fu_mail_ctx *x, int64_t id, int64_t company_id,
		    const char *company, const char *role, int open,
		    const int64_t *contacts, size_t ncontacts);
/* A Message-ID fu knows: an event's (event_id), or a proposal's
 * (proposal_id): the subject it belongs to (an application, or a
 * networking contact), the person it was with, and when. */
typedef struct fu_mail_known {
	const char *message_id;
	int64_t event_id, proposal_id;
	fu_event_kind kind;
	int64_t application_id, contact_id, person;
	int64_t at;
} fu_mail_known;
int fu_mail_ctx_known(fu_mail_ctx *x, const fu_mail_known *k);
/* An invitation fu has seen (a proposal with a UID): its state. */
typedef enum {
	FU_INVITE_OPEN = 1,  /* proposed, waiting */
	FU_INVITE_ACCEPTED,  /* logged: event_id (0 once it was removed) */
	FU_INVITE_IGNORED,   /* the user said no: its updates are passed over */
	FU_INVITE_DROPPED    /* cancelled before it was accepted */
} fu_mail_invite_state;
typedef struct fu_mail_invite {
	const char *uid;
	int sequence;
	fu_mail_invite_state state;
	int64_t proposal_id, event_id;
	int64_t start;
	int change; /* the proposal changes an accepted one (fu_mail_change) */
} fu_mail_invite;
int fu_mail_ctx_invite(fu_mail_ctx *x, const fu_mail_invite *inv);
/* The invitation proposal_id proposed is now in state (a scan withdrew
 * or replaced it). */
int fu_mail_ctx_invite_state(fu_mail_ctx *x, int64_t proposal_id,
			     fu_mail_invite_state state);

/* The ATS domains fu knows without being told, NULL-ended. */
extern const char *const fu_mail_ats_domains[];

/* --- the matching -------------------------------------------------------- */

typedef enum {
	FU_MATCH_NONE = 0,
	FU_MATCH_THREAD,     /* In-Reply-To / References: a Message-ID fu knows */
	FU_MATCH_CONTACT,    /* from a known contact */
	FU_MATCH_USER,       /* from the user to a known contact */
	FU_MATCH_INVITATION, /* an invitation */
	FU_MATCH_ATS         /* an applicant tracking system naming a company */
} fu_mail_how;

typedef enum {
	FU_CHANGE_NONE = 0,
	FU_CHANGE_RESCHEDULE, /* move the accepted interview (event_id) */
	FU_CHANGE_CANCEL      /* remove it: the invitation was cancelled */
} fu_mail_change;

/* A person a proposal names: a known contact, or a new one. */
typedef struct fu_mail_who {
	int64_t contact_id; /* 0: a new person (name and address) */
	char *name, *address;
} fu_mail_who;

typedef struct fu_mail_match {
	fu_event_kind kind;  /* FU_EV_NONE: passed over (why says why) */
	fu_mail_how how;
	int exact;           /* --apply may log it: by thread, one subject,
	                        every person known, not a rejection */
	/* the subject: an application, or a networking contact; both 0
	   and candidates set: the user chooses among them */
	int64_t application_id, contact_id;
	int64_t *candidates;
	size_t ncandidates;
	fu_mail_who *people;
	size_t npeople;
	int64_t at;          /* the event's time */
	fu_channel channel;
	char *reason;        /* how it matched, in one line */
	const char *why;     /* passed over: why (static) */
	/* invitations */
	char *uid;
	int sequence;
	fu_mail_change change;
	int64_t event_id;    /* change: the interview it changes */
	int64_t update_proposal; /* an open proposal this one replaces
	                            (a new SEQUENCE before it was accepted) */
	int64_t drop_proposal;   /* an open proposal a CANCEL withdraws (kind
	                            stays FU_EV_NONE) */
} fu_mail_match;

void fu_mail_match_clear(fu_mail_match *mt);

/* Whether a message read headers-only is worth reading in full: it may
 * match (thread, contact, user, ATS), or may carry an invitation from
 * someone near the hunt (a contact's domain, a company or role of an
 * application named in its subject). */
int fu_mail_worth_reading(const fu_mail_ctx *x, const fu_mail_msg *m);

/* Match m against x into *out (cleared first). now: for "upcoming".
 * 0 (passed over or matched: out->kind says), or FU_ERROR out of memory. */
int fu_mail_match_msg(fu_mail_match *out, const fu_mail_ctx *x,
		      const fu_mail_msg *m);

/* Whether text plainly declines ("unfortunately", "other candidates",
 * "not to move forward", "leider", "anderen Bewerber", ...): the
 * phrase found (static), or NULL. */
const char *fu_mail_declines(const char *text);

/* Whether text names name as whole words (case and accents aside):
 * "Your application to Initech" names "initech". */
int fu_mail_names(const char *text, const char *name);

#endif
