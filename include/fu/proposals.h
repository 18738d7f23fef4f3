/* SPDX-License-Identifier: MIT */
/*
 * proposals.h - what fu mail scan found in the user's mail and would
 * log, kept until the user accepts or ignores it (proposals.c); what it
 * has read, so that it reads it once (mailseen.c); and the writes of fu
 * mail, each one transaction (mail.c): a scan's proposals, accepting
 * and ignoring them.
 *
 * A proposal keeps the headers it needs (date, from, to, subject,
 * Message-ID, In-Reply-To), a snippet of at most 200 characters and the
 * file's path, never the body. Proposals are local: fu export leaves
 * them out.
 */
#ifndef FU_PROPOSALS_H
#define FU_PROPOSALS_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"
#include "fu/mail.h"
#include "fu/model.h"

typedef enum {
	FU_PROP_OPEN = 1, /* waiting for the user */
	FU_PROP_ACCEPTED, /* logged (event_id) */
	FU_PROP_IGNORED,  /* dropped for good by the user */
	FU_PROP_DROPPED   /* an invitation cancelled before it was accepted */
} fu_proposal_state;

typedef struct fu_proposal {
	int64_t id;
	fu_proposal_state state;
	fu_event_kind kind;
	fu_mail_change change;
	fu_mail_how how;
	int exact;
	int64_t application_id, contact_id; /* 0 and 0: choose (candidates) */
	int64_t *candidates;
	size_t ncandidates;
	fu_mail_who *people;
	size_t npeople;
	int64_t at;
	fu_channel channel;
	char *reason;
	int64_t target_event_id; /* change: the interview it changes */
	int64_t event_id;        /* accepted: the event it logged */
	/* the message (NULL: unknown, or an ignored proposal's, dropped) */
	int64_t date;            /* 0: unknown */
	char *from_name, *from_address, *recipients, *subject;
	char *message_id, *in_reply_to, *snippet, *path;
	char *uid;
	int sequence;
	int64_t created_at, decided_at;
} fu_proposal;

/* The words of states, matches and changes, as fu mail --json shows
 * them; NULL out of range. */
const char *fu_proposal_state_name(fu_proposal_state s);
const char *fu_mail_how_name(fu_mail_how h);
const char *fu_mail_change_name(fu_mail_change c);

/* The proposals waiting (state FU_PROP_OPEN; 0: every one), most recent
 * message first. */
int fu_proposal_list(fu_proposal **out, size_t *n, fu_db *db, int state);
/* One; FU_ENOTFOUND "no proposal N". */
int fu_proposal_get(fu_proposal **out, fu_db *db, int64_t id);
void fu_proposal_free(fu_proposal *p);
void fu_proposal_list_free(fu_proposal *list, size_t n);

/* What fu knows that mail can be tied to (mail.h): the user's addresses,
 * the ATS domains, contacts, applications, the Message-IDs of events and
 * proposals, the invitations seen. */
int fu_mail_context(fu_mail_ctx **out, fu_db *db);

/* --- what was read ----------------------------------------------------- */

/* The keys of mail_seen, ascending. */
int fu_mail_seen_load(int64_t **keys, size_t *n, fu_db *db);
/* Whether key is among keys (ascending). */
int fu_mail_seen_has(const int64_t *keys, size_t n, int64_t key);

/* Where the last scan of an mbox left off: its last message. */
typedef struct fu_mail_source {
	int64_t offset, length, key;
} fu_mail_source;
/* FU_ENOTFOUND when the mbox was never scanned. */
int fu_mail_source_get(fu_mail_source *out, fu_db *db, const char *path);

/* --- a scan's findings ------------------------------------------------- */

/* What one scan read, gathered before it is written: the keys of what
 * it read, where each mbox ends, and the messages that may concern the
 * hunt (read in full). */
typedef struct fu_mail_batch fu_mail_batch;
fu_mail_batch *fu_mail_batch_new(void);
void fu_mail_batch_free(fu_mail_batch *b);
/* 0, or FU_ERROR out of memory. */
int fu_mail_batch_seen(fu_mail_batch *b, int64_t key);
int fu_mail_batch_source(fu_mail_batch *b, const char *path,
			 const fu_mail_source *s);
/* The message is taken (moved from *m, which is left cleared). */
int fu_mail_batch_message(fu_mail_batch *b, fu_mail_msg *m);

typedef enum {
	FU_SCAN_PASSED = 0, /* nothing to do with the hunt */
	FU_SCAN_PROPOSED,   /* a new proposal */
	FU_SCAN_UPDATED,    /* replaced a proposal still waiting (an
	                       invitation's new version) */
	FU_SCAN_DROPPED,    /* withdrew a proposal (its invitation cancelled) */
	FU_SCAN_APPLIED     /* proposed and logged at once (--apply) */
} fu_scan_what;

typedef struct fu_scan_entry {
	fu_scan_what what;
	int64_t proposal_id;  /* the new one (the one withdrawn: DROPPED) */
	int64_t replaced_id;  /* UPDATED: the one it replaced */
	int64_t event_id;     /* APPLIED */
	const char *why;      /* PASSED: why (static) */
	const fu_mail_msg *msg; /* the message (valid while the batch is) */
} fu_scan_entry;

typedef struct fu_scan_result {
	fu_scan_entry *entries; /* one per message, in the order matched
	                           (by date) */
	size_t n;
	size_t proposed, applied, passed; /* counts of the entries */
} fu_scan_result;
void fu_scan_result_clear(fu_scan_result *r);

/*
 * Write a scan in one transaction: match its messages (by date, each
 * against what fu knows then, the proposals of the messages before it
 * included), store the proposals (or update or withdraw those of an
 * invitation), the keys of what was read and where each mbox ends, and
 * with apply, log at once the proposals matched exactly (as fu mail
 * accept does). *out is filled (clear it).
 */
int fu_mail_scan_commit(fu_db *db, fu_mail_batch *b, int apply,
			fu_scan_result *out);

/* --- the user's answer -------------------------------------------------- */

typedef struct fu_mail_accept_opts {
	int64_t application_id, contact_id; /* --on: log it there instead */
	fu_event_kind kind;                 /* --as: this kind instead */
} fu_mail_accept_opts;

typedef struct fu_accepted {
	int64_t proposal_id;
	int64_t event_id;   /* the event logged (or moved); 0: removed */
	fu_mail_change change;
	int skipped;        /* --all: left, it needs a choice (--on) */
} fu_accepted;

/*
 * Log proposals ids[0..n) (all: every open one, those that need a
 * choice left and marked skipped), in one transaction, each as fu log
 * would: the message's date as the event's time, its Message-ID kept,
 * new people added as contacts (with their addresses) at the
 * application's company; a change moves or removes its interview.
 * opts (may be NULL) applies to every one. FU_ENOTFOUND for a number
 * that is no proposal, FU_EINVALID for one already decided,
 * FU_EAMBIGUOUS for one that needs a choice and has none (the message
 * lists the candidates). *out (may be NULL) receives one entry per
 * proposal; free it.
 */
int fu_proposal_accept(fu_db *db, const int64_t *ids, size_t n, int all,
		       const fu_mail_accept_opts *opts, fu_accepted **out,
		       size_t *nout);

/* Drop proposals for good (their message's text is forgotten; an
 * invitation's later updates are passed over), in one transaction. */
int fu_proposal_ignore(fu_db *db, const int64_t *ids, size_t n);

#endif
