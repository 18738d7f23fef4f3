/* SPDX-License-Identifier: MIT */
/*
 * model.h - the words of fu: event kinds, channels, sources, outcomes,
 * and the records stored for contacts, applications and events.
 *
 * The names are the contract of PRODUCT.md; each enum has a name table
 * and a parser, so the CLI, JSON and completion speak the same words.
 */
#ifndef FU_MODEL_H
#define FU_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "fu/uuid.h"
#include "fu/fu.h" /* fu_db, for the messages of fu_notify_via_parse */

typedef enum {
	FU_EV_NONE = 0,
	FU_EV_APPLIED,
	FU_EV_INTERVIEW,
	FU_EV_MEETING,
	FU_EV_MET,
	FU_EV_INTRO,
	FU_EV_HELP_PROMISED,
	FU_EV_SENT,
	FU_EV_REPLY,
	FU_EV_TIMELINE,
	FU_EV_POSTING_CLOSED,
	FU_EV_OFFER,
	FU_EV_REJECTION,
	FU_EV_SNOOZE,
	FU_EV_DISMISS,
	FU_EV_CLOSED, /* written by fu close, not by fu log */
	FU_EV__COUNT
} fu_event_kind;

/* What the rules ask of the user: the ids of RULES.md. Every action
 * kind is raised by the rule of the same id. */
typedef enum {
	FU_ACT_NONE = 0,
	FU_ACT_THANK_YOU,
	FU_ACT_ACKNOWLEDGE,
	FU_ACT_CONNECT,
	FU_ACT_INTRO_THANKS,
	FU_ACT_INTRO_REACH_OUT,
	FU_ACT_HELP_REMINDER,
	FU_ACT_FIND_CONTACT,
	FU_ACT_APP_CHECK_IN,
	FU_ACT_INTERVIEW_CHECK_IN,
	FU_ACT_NUDGE,
	FU_ACT_CLOSURE,
	FU_ACT_REJECTION_RESPONSE,
	FU_ACT_OFFER_REVIEW,
	FU_ACT_WITHDRAW_NOTICE,
	FU_ACT_DECLINE_OFFER,
	FU_ACT_PREPARE,
	FU_ACT__COUNT
} fu_action_kind;

/* How far an application has come: the stages while it is open, then
 * its outcome. Derived from its events (applications.c). */
typedef enum {
	FU_STAGE_PLANNED = 0, /* recorded, not applied */
	FU_STAGE_APPLIED,
	FU_STAGE_INTERVIEWING,
	FU_STAGE_OFFER,
	FU_STAGE__OPEN,       /* closed: the outcome's name */
} fu_stage;

typedef enum {
	FU_CH_NONE = 0,
	FU_CH_EMAIL,
	FU_CH_PHONE,
	FU_CH_LETTER,
	FU_CH_SOCIAL,
	FU_CH_IN_PERSON,
	FU_CH_VIDEO,     /* a video call: how an interview happened */
	FU_CH__COUNT
} fu_channel;

typedef enum {
	FU_SRC_NONE = 0,
	FU_SRC_BOARD,
	FU_SRC_REFERRAL,
	FU_SRC_RECRUITER,
	FU_SRC_DIRECT,
	FU_SRC_OTHER,
	FU_SRC__COUNT
} fu_source;

typedef enum {
	FU_OUT_NONE = 0, /* open */
	FU_OUT_ACCEPTED,
	FU_OUT_DECLINED,
	FU_OUT_REJECTED,
	FU_OUT_WITHDRAWN,
	FU_OUT_NO_RESPONSE,
	FU_OUT_FILLED,
	FU_OUT__COUNT
} fu_outcome;

/* Names as written on the command line and in JSON ("posting-closed",
 * "in-person", "no-response"); NULL for out-of-range values. The NONE
 * values have no name (NULL). */
const char *fu_event_kind_name(fu_event_kind k);
const char *fu_channel_name(fu_channel c);
const char *fu_source_name(fu_source s);
const char *fu_outcome_name(fu_outcome o);
const char *fu_action_kind_name(fu_action_kind k);
/* "planned", "applied", "interviewing", "offer"; NULL out of range. */
const char *fu_stage_name(fu_stage s);

/* Parse a name (exact, case-insensitive); 0 on success, FU_EINVALID
 * otherwise. fu_event_kind_parse accepts only what fu log takes (not
 * "closed"); fu_event_kind_stored also "closed", as the events table
 * holds it. */
int fu_event_kind_parse(fu_event_kind *out, const char *s);
int fu_event_kind_stored(fu_event_kind *out, const char *s);
int fu_action_kind_parse(fu_action_kind *out, const char *s);
int fu_channel_parse(fu_channel *out, const char *s);
int fu_source_parse(fu_source *out, const char *s);
int fu_outcome_parse(fu_outcome *out, const char *s);

/* The accepted names joined by ", " (for error messages and help). */
const char *fu_event_kind_names(void);
const char *fu_channel_names(void);
const char *fu_source_names(void);
const char *fu_outcome_names(void);
const char *fu_action_kind_names(void);

/* The ways fu notify delivers its digest (notify.h). */
typedef enum fu_notify_method {
	FU_NOTIFY_NONE = 0, /* logged when nothing was due */
	FU_NOTIFY_DESKTOP,  /* a desktop notification (fu-notify-desktop) */
	FU_NOTIFY_MAIL,     /* an e-mail to user.email (mail.sendmail) */
	FU_NOTIFY_EXEC,     /* the JSON on notify.exec's standard input */
	FU_NOTIFY__COUNT
} fu_notify_method;

/* "none", "desktop", "mail", "exec"; NULL out of range. */
const char *fu_notify_method_name(fu_notify_method m);
/* FU_EINVALID for another word (and "none", which no user chooses). */
int fu_notify_method_parse(fu_notify_method *out, const char *s);

/* notify.via: methods separated by commas (blanks around them are
 * allowed), each once, at least one. out gets them in the order given,
 * *n of them; norm (may be NULL, len bytes) the value written plainly:
 * "desktop,mail". FU_EINVALID with a message otherwise. */
int fu_notify_via_parse(fu_notify_method out[FU_NOTIFY__COUNT], size_t *n,
			fu_db *db, const char *text, char *norm, size_t len);

/* A contact: a person the user deals with. Strings are owned (malloc'd)
 * and may be NULL when unknown. */
typedef struct fu_contact {
	int64_t id;
	char *name;
	int64_t company_id; /* 0 when none */
	char *company;      /* the company's name, filled on read */
	char *title;
	char *email;
	char *phone;
	char *address;
	fu_channel prefers; /* FU_CH_NONE: no preference (email is used) */
	int no_calls;
	int social_ok;
	char *notes;
	int64_t created_at;
	char uuid[FU_UUID_LEN]; /* the same on every machine (uuid.h); "" on
	                           add: one is given */
	char company_uuid[FU_UUID_LEN]; /* filled on read: the company's
	                                   identifier; "" without one */
} fu_contact;

/* An application: one role at one company. */
typedef struct fu_application {
	int64_t id;
	int64_t company_id;
	char *company;
	char *role;
	fu_source source;
	char *url;
	char *notes;
	int no_calls;
	int no_follow_up;
	int64_t applied_at; /* derived: time of its first applied event; 0 none */
	int64_t main_contact; /* derived: the first attached contact; 0 none */
	fu_outcome outcome; /* FU_OUT_NONE while open */
	int64_t closed_at;  /* 0 while open */
	int64_t created_at;
	int64_t *contact_ids; /* the people attached to it, in order added */
	size_t ncontacts;
	/* on add/update: people named who are not contacts yet; each is
	 * created (at the application's company) in the same transaction
	 * and attached after contact_ids */
	char **new_contacts;
	size_t nnew_contacts;
	fu_stage stage;     /* filled on read: open stage (FU_STAGE__OPEN
	                       once closed: the outcome says how) */
	char uuid[FU_UUID_LEN]; /* as fu_contact's */
	char company_uuid[FU_UUID_LEN]; /* as fu_contact's */
} fu_application;

/* An event: something that happened. Events are appended, and removed
 * only by undo. */
typedef struct fu_event {
	int64_t id;
	fu_event_kind kind;
	int64_t at;
	int64_t application_id; /* 0 when the event is about a contact only */
	int64_t contact_id;     /* the contact the event was logged on (REF),
	                           0 when it was logged on an application */
	fu_channel channel;     /* FU_CH_NONE when not said */
	int64_t expect_at;      /* --expect: they promised word (or, on
	                           help-promised, their help) by then; 0 */
	int64_t until_at;       /* --until (snooze; offer deadline); 0 */
	int expect_day;         /* rule 19: expect_at is a whole local day
	                           (its start): given without a time */
	int until_day;          /* the same for until_at */
	char *note;
	char *action;           /* snooze/dismiss: the action id aimed at, or NULL */
	fu_outcome outcome;     /* FU_EV_CLOSED: how it ended */
	int urgent;             /* help-promised: the user marked it urgent */
	char **topics;          /* --topic, in order */
	size_t ntopics;
	int64_t *topic_with;    /* NULL, or beside each topic the person it
	                           was discussed with (--topic-for): a person
	                           of with[] or the subject contact; 0 for
	                           everyone met. On add, -(k + 1) names
	                           with_new[k], created with the event */
	char *occasion;         /* met, meeting: where you met, or what the
	                           meeting was (--occasion), written to
	                           follow "at": "the PyData Berlin meetup" */
	char *because;          /* help-promised: why it is urgent
	                           (--because; urgent is set with it) */
	int64_t *with;          /* --with contacts, in order */
	size_t nwith;
	/* on add: people named with --with who are not contacts yet; each
	 * is created in the same transaction and appended to with[] */
	char **with_new;
	size_t nwith_new;
	/* the last nadded of with[] are people this event added (created
	 * for it: undo removes them when nothing else refers to them) */
	size_t nadded;
	/* on add: create the with_new people even when one is a typo or two
	 * from a person already on the application (fu log --new-contact) */
	int new_people;
	/* the e-mail it was read from (fu mail) or sent as (fu draft
	 * --send): its Message-ID without <>, or NULL; a reply whose
	 * In-Reply-To or References names it threads back to this event */
	char *message_id;
	int64_t created_at;
	char uuid[FU_UUID_LEN]; /* as fu_contact's */
	int64_t ord;            /* filled on read: its place among the events
	                           of one moment, the same on every machine
	                           (the rules replay events by at, then ord;
	                           0: by id) */
} fu_event;

void fu_contact_free(fu_contact *c);
void fu_application_free(fu_application *a);
void fu_event_free(fu_event *e);

/* Release the contents but not the struct itself (for arrays). */
void fu_contact_clear(fu_contact *c);
void fu_application_clear(fu_application *a);
void fu_event_clear(fu_event *e);

#endif
