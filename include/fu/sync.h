/* SPDX-License-Identifier: MIT */
/*
 * sync.h - one job hunt on several machines (fu sync): any git remote
 * the user has carries it, git is the engine, fu writes nothing of its
 * own on the network and keeps no credential (sync.c runs the user's
 * git, and age for the sealing).
 *
 * Every write is recorded, in its transaction, as portable change
 * records (changes.c); fu sync writes this machine's into change files
 * under its own directory of a git repository beside the database
 * (DATADIR/sync: never the database itself), pulls, applies the other
 * machines' files it has not applied (merge.c: in an order each file's
 * dependencies allow, each file whole or not at all), derives the
 * actions they touched again, and pushes, again when another machine
 * pushed first. Encrypted repositories hold change files sealed with
 * age to a key kept in DATADIR/sync-key (0600).
 */
#ifndef FU_SYNC_H
#define FU_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "fu/fu.h"

/* How fu sync init sets this machine up. */
typedef struct fu_sync_options {
	const char *remote; /* a git remote, as git takes it */
	int join;           /* take the hunt the remote holds (fu sync init
	                       --join); else start one there */
	int encrypt;        /* -1: when the remote is not a local path; 0:
	                       never; 1: always (a new hunt only: one joined
	                       is as it was started) */
	const char *key;    /* joining an encrypted hunt: its key, as fu
	                       sync key prints it */
	const char *name;   /* what the other machines call this one; NULL:
	                       the host's name */
} fu_sync_options;

/* What one fu sync did. */
typedef struct fu_sync_report {
	size_t sent;         /* transactions of this machine sent */
	size_t files_sent;   /* change files written and pushed */
	size_t received;     /* change records applied */
	size_t files_received;
	size_t tries;        /* pushes: more than one when another machine
	                        pushed first */
	int pushed;          /* anything was pushed */
	char **notes;        /* what it has to tell, once: values that lost
	                        to another machine's edit, undos that met
	                        events logged after them, contacts kept */
	size_t nnotes;
	char *problem;       /* a change file that could not be applied (the
	                        others were), or NULL */
} fu_sync_report;

void fu_sync_report_free(fu_sync_report *r);

/*
 * Set this machine up (fu sync init): clone the remote into DATADIR/sync
 * (or create the hunt on an empty one), give the machine its own
 * identifier, record the records it holds as its first changes, and
 * sync once (*rep, may be NULL). FU_EEXISTS when it is set up already,
 * or (not joining) the remote holds a hunt; FU_EINVALID for a remote
 * that holds something else, or a key that does not open it; FU_EREMOTE
 * when it cannot be reached.
 */
int fu_sync_init(fu_db *db, const fu_sync_options *o, fu_sync_report **rep);

/*
 * Sync (fu sync). FU_ENOTFOUND when this machine is not set up;
 * FU_EBUSY when another fu sync runs on it; FU_EREMOTE when the remote
 * cannot be reached or keeps refusing the push; FU_ECHANGES when a
 * change file cannot be applied (*rep then says which; what could be
 * applied was). The database holds the changes of whole files only.
 */
int fu_sync_run(fu_db *db, fu_sync_report **rep);

/*
 * The program that opens sealed change files, many in one run
 * (fu-sync-open, which the front end finds as git finds git-foo): fu
 * sync uses it when set, else it runs age once a file (as it does when
 * the program cannot run). NULL or "" unsets it.
 */
void fu_sync_set_opener(fu_db *db, const char *path);

/* What is waiting each way (fu sync status). */
typedef struct fu_sync_peer {
	char device[37];
	char *name;
	int64_t applied;  /* its change files applied here */
	int64_t waiting;  /* its files in the repository not yet applied */
	char *problem;    /* why its next file cannot be applied, or NULL */
} fu_sync_peer;

typedef struct fu_sync_status {
	char device[37];
	char *name;
	char *remote;
	char *repository; /* DATADIR/sync */
	int encrypted;
	int reachable;    /* the remote answered (when asked) */
	int64_t changes_waiting; /* transactions of this machine not sent */
	int64_t files_unpushed;  /* its change files not known pushed */
	int64_t files_waiting;   /* other machines' files not applied */
	int64_t last_sync;       /* 0: never */
	fu_sync_peer *peers;
	size_t npeers;
} fu_sync_status;

/* offline: do not ask the remote (what is waiting to come is then what
 * the last fetch saw). FU_ENOTFOUND when this machine is not set up. */
int fu_sync_status_get(fu_sync_status **out, fu_db *db, int offline);
void fu_sync_status_free(fu_sync_status *s);

/* The key of an encrypted hunt (*out: one line, a secret: whoever has it
 * and the repository reads the hunt). FU_ENOTFOUND when the hunt is not
 * encrypted or this machine is not set up. */
int fu_sync_key(fu_db *db, char **out);

/* Whether remote is a local path (encryption is off by default there). */
int fu_sync_remote_is_local(const char *remote);

/* --- the engine without git (tests, the fuzz harness) ------------------ */

/* Record this database's writes from now on, as machine device (a
 * UUID) called name, as fu sync init does but with no repository; its
 * records as they are become its first changes. */
int fu_sync_enable(fu_db *db, const char *device, const char *name);
/* This machine's changes not yet written, as its next change file
 * (*text malloc'd, NULL when there is nothing to send); they count as
 * sent. */
int fu_sync_take(fu_db *db, char **text);
/* Apply other machines' change files (plain text), each whole or not at
 * all, in an order their dependencies allow, in one transaction, then
 * derive the actions they touched again (*rep, may be NULL).
 * FU_ECHANGES when one cannot be applied (the others were). */
int fu_sync_apply(fu_db *db, const char *const *texts, const size_t *lens,
		  size_t n, fu_sync_report **rep);

#endif
