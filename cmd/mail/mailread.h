/* SPDX-License-Identifier: MIT */
/*
 * mailread.h - what the files of fu-mail-read share: the reading
 * context, the limits, and the entry points the request loop and the
 * fuzzer drive. fu-mail-read.c documents the interface.
 *
 * Everything here runs on hostile bytes: every string that leaves
 * through a record has been through mr_clean() (valid UTF-8, no control
 * or bidirectional characters, bounded), and every read is bounded.
 */
#ifndef FU_MAILREAD_H
#define FU_MAILREAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cJSON.h>

/* --- limits --------------------------------------------------------------- */

/* The header block of a message (up to its first empty line): larger
 * is refused. Real mail's headers are a few KiB; long Received and
 * ARC chains stay under 64 KiB. */
#define MR_MAX_HEADER (256 * 1024)
/* Full mode: at most this much of a message is handed to GMime
 * (--max-bytes); what lies beyond is not seen. */
#define MR_DEFAULT_MAX_BYTES (4 * 1024 * 1024)
/* Full mode: lines starting "--" (boundaries, and so MIME parts) that
 * GMime sees; a message is cut before the next one. Bounds the number
 * of parts, the one thing whose memory GMime does not bound itself. */
#define MR_MAX_DASH_LINES 1000
/* Decoded text read from the part a snippet is taken from. */
#define MR_MAX_TEXT (64 * 1024)
#define MR_MAX_HTML (512 * 1024)
/* A calendar part or .ics file: larger is refused. */
#define MR_MAX_ICS (256 * 1024)

/* Fields, in characters (code points) unless said otherwise. */
#define MR_MAX_ID_BYTES 998 /* Message-ID, a reference, a UID: refused beyond */
#define MR_MAX_ADDR_BYTES 320 /* an address: dropped beyond */
#define MR_MAX_NAME 256
#define MR_MAX_SUBJECT 998
#define MR_MAX_HINT 200
#define MR_MAX_SNIPPET 200
#define MR_MAX_ADDRS 100 /* per list (To, Cc, Reply-To, attendees) */
#define MR_MAX_REFS 100
#define MR_MAX_EVENTS 20
#define MR_MAX_CALTEXT 500 /* SUMMARY, LOCATION */

/* --- context -------------------------------------------------------------- */

typedef struct mr_ctx {
	int headers_only;  /* --headers-only */
	int quiet;         /* --quiet: problems only in the records */
	size_t max_bytes;  /* --max-bytes */
	FILE *out;         /* the records (stdout) */
	FILE *err;         /* the warnings (stderr), NULL when quiet */
	unsigned long req; /* number of the request being answered */
	int out_failed;    /* writing a record failed */
	int raw_stderr;    /* leave fd 2 open to libical (the fuzzer, whose
			    * crash reports must be seen): see invite.c */
	/* the message being read */
	char *where;       /* printable name for warnings: path[: at byte N] */
	char *path;        /* the last path made printable, and that form */
	char *path_printable;
	cJSON *warnings;   /* the current record's warnings, or NULL */
} mr_ctx;

/* Set up GMime and libical (once per process) and a context. */
void mr_init(mr_ctx *c, FILE *out, FILE *err);
void mr_ctx_done(mr_ctx *c);
void mr_shutdown(void);
/* the libraries, once per process (mr_init, mr_shutdown call them) */
void mr_mime_init(void);
void mr_mime_shutdown(void);
void mr_ical_init(void);
void mr_ical_shutdown(void);

/* --- requests (source.c) ---------------------------------------------------- */

/* Each answers one request with records and returns 0, or -1 when the
 * source as a whole could not be read (its end record says why). */
int mr_req_file(mr_ctx *c, const char *path);
int mr_req_mbox(mr_ctx *c, const char *path, uint64_t start);
int mr_req_mbox_message(mr_ctx *c, const char *path, uint64_t offset,
			uint64_t length);
int mr_req_ics(mr_ctx *c, const char *path);
int mr_req_fd(mr_ctx *c, int fd);
/* A file whose kind is told by its first bytes: an mbox ("From "), an
 * iCalendar file ("BEGIN:VCALENDAR"), else one message. */
int mr_req_auto(mr_ctx *c, const char *path);
/* A request line that could not be understood. */
void mr_req_bad(mr_ctx *c, const char *why);

/* The bytes of a message already in memory, as a request would read
 * them (the fuzzer's entry point): a From_ line before it is skipped,
 * and is_mbox unescapes >From lines (BUF is modified). COMPLETE: BUF
 * holds the whole message. Writes REC (taken) as a message record, or
 * a skip record: returns 0 or -1. */
int mr_message_bytes(mr_ctx *c, cJSON *rec, char *buf, size_t len,
		     int complete, int is_mbox);
/* Split an mbox held in memory and answer for each message, as
 * mr_req_mbox does for a file (the fuzzer's entry point). */
void mr_mbox_bytes(mr_ctx *c, const char *buf, size_t len);

/* --- records (source.c; mr_warn in text.c) ----------------------------------------------------- */

/* Start the current message: its printable name for warnings. */
void mr_begin(mr_ctx *c, const char *path, int64_t offset);
/* A warning about the current message or source. Joined into one line
 * on stderr by mr_emit / mr_skip, and kept in the record. */
void mr_warn(mr_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Write a record (takes it) and the warnings gathered for it. */
void mr_emit(mr_ctx *c, cJSON *rec);
/* A message that cannot be read: one warning line, and REC (taken)
 * written as a skip record saying why. */
void mr_skip(mr_ctx *c, cJSON *rec, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* --- messages (mime.c) ------------------------------------------------------ */

/* Parse a message (its header block alone in headers-only mode) and add
 * its fields to REC. Returns 0, or -1 with *why set (static text) when
 * it is not a mail message. */
int mr_parse_message(mr_ctx *c, cJSON *rec, const char *buf, size_t len,
		     int headers_only, const char **why);
/* Where the header block of BUF ends (after its empty line, or LEN):
 * 0 when not found within LEN and COMPLETE is false. */
size_t mr_header_end(const char *buf, size_t len, int complete);

/* --- calendars (invite.c) --------------------------------------------------- */

/* Parse an iCalendar text: the calendar object, or NULL (and a warning). */
cJSON *mr_calendar(mr_ctx *c, const char *text, size_t len);
/* The IANA zone Windows calls NAME (CLDR windowsZones), or NULL. */
const char *mr_windows_zone(const char *name);

/* --- text (text.c) ----------------------------------------------------------- */

enum {
	MR_LINE = 1,  /* one line: white space runs become one space, trimmed */
	MR_LINES = 2, /* keep newlines (for the snippet's line rules) */
};
/* A copy of LEN bytes of S fit to print and to put in JSON: valid UTF-8
 * (an invalid byte becomes U+FFFD), without C0 controls (tab and, with
 * MR_LINES, newline aside), DEL, C1 controls or bidirectional controls
 * (U+200E-200F, U+202A-202E, U+2066-2069, U+061C); at most MAX code points
 * (0: any), *cut set when shortened. g_free() it. */
char *mr_clean(const char *s, size_t len, size_t max, unsigned flags,
	       int *cut);
/* A path or name for a warning: bytes that are not printable UTF-8
 * written as \xNN. g_free() it. */
char *mr_printable(const char *s);
/* Text from HTML: tags and comments dropped, entities decoded, blocks
 * on lines of their own, quoted history (blockquote, gmail_quote,
 * Outlook's divRplyFwdMsg) left out. g_free() it. */
char *mr_html_text(const char *html, size_t len);
/* The snippet of a message's text: quoted history and signature
 * removed, white space collapsed, at most MR_MAX_SNIPPET code points;
 * NULL when nothing is left. g_free() it. */
char *mr_snippet(const char *text, size_t len);

#endif
