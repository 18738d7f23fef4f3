/* SPDX-License-Identifier: MIT */
/*
 * fu-mail-read - reads mail for fu, and nothing else: it parses the
 * messages it is given (GMime) and their invitations (libical) and
 * writes what fu needs to know of each as one JSON object per line. It
 * opens only the files named in its requests, reads no database, writes
 * nothing but its standard output and error. fu runs it (as git runs
 * git-foo) so that GLib, GMime and libical are loaded by `fu mail` alone.
 *
 * usage: fu-mail-read [--headers-only] [--max-bytes N] [-q] [-z]
 *
 *   --headers-only  read each message only up to the end of its header
 *                   block (no snippet, no calendar): the fast first pass
 *   --max-bytes N   in full mode, hand at most N bytes of a message to
 *                   the MIME parser (default 4 MiB); the rest is not seen
 *   -q, --quiet     no warnings on stderr; they stay in the records
 *   -z, --null      requests end with a NUL byte instead of a newline
 *                   (a path may then hold any byte but NUL)
 *
 * REQUESTS, one per line on standard input (empty lines are ignored);
 * numbers are decimal; PATH is the rest of the line, taken as is:
 *
 *   file PATH                 one message (a Maildir entry); its Maildir
 *                             flags are read from its name; a symbolic
 *                             link is refused
 *   mbox START PATH           every message of an mbox from byte START
 *                             (0, or a "next" this program gave before)
 *   mbox-message OFF LEN PATH the one message of an mbox at byte OFF, LEN
 *                             bytes long (an "offset" and "length" given
 *                             before), for the full reading of a message
 *                             the first pass picked
 *   ics PATH                  an iCalendar file
 *   auto PATH                 a file of any of those kinds, told by its
 *                             first bytes ("From " mbox, BEGIN:VCALENDAR,
 *                             else one message): a path the user named
 *   fd N                      one message read from file descriptor N
 *                             (inherited; for `fu mail scan -`)
 *
 * Paths are opened without blocking and read only when they are regular
 * files (a FIFO, device, socket or directory is refused); symbolic links
 * to regular files are followed except by `file`; a loop fails.
 * The requests are numbered from 0 in the order they come ("req").
 * A leading From_ line (mbox, procmail) before a single message is
 * skipped. Each request is answered by its message, calendar and skip
 * records, then exactly one end record, in the order of the requests;
 * stdout is flushed after each end record and whenever the program
 * waits for input.
 *
 * RECORDS, one JSON object per line on standard output. Every string is
 * valid UTF-8 (invalid bytes became U+FFFD) without C0 controls (tab
 * aside), DEL, C1 controls or bidirectional controls (U+061C, U+200E-F,
 * U+202A-E, U+2066-9), and bounded; paths have unprintable bytes
 * written \xNN. Every key below is present unless marked (opt).
 *
 * A header field given twice counts once, the first (address fields:
 * every one). Strings that would be empty are null.
 *
 *   {"type":"message", "req":N, "path":S,
 *    "offset":N, "length":N          (opt: mbox) the bytes of the message,
 *                                    From_ line to the next one's start
 *    "flags":S|null                  (opt: file) Maildir flags, "FRS"
 *    "message_id":S|null             without <>; null when absent, or
 *                                    refused (over 998 bytes, spaces,
 *                                    controls: with a warning)
 *    "digest":S                      SHA-256 (hex) of Message-ID, Date,
 *                                    From, Sender, To, Cc, Subject,
 *                                    In-Reply-To and References, raw,
 *                                    white space collapsed: the same for
 *                                    a message in a Maildir and in an
 *                                    mbox (Status: aside), LF or CRLF
 *    "date":N|null                   Date as UTC seconds (null: absent,
 *                                    unparsable, before 1970, after 9999)
 *    "date_offset":N|null            its zone, minutes east of UTC
 *    "from":A|null, "sender":A|null  the first mailbox
 *    "reply_to":[A], "to":[A], "cc":[A]    at most 100 each; groups
 *                                    flattened
 *    where A is {"name":S|null, "address":S}: the name decoded (RFC 2047,
 *    any charset), at most 256 characters; the address lower-cased
 *    "subject":S|null                decoded, one line, <= 998 characters
 *    "in_reply_to":[S], "references":[S]   message ids, without <>
 *    "hints":{...}                   of the headers that tell robots and
 *                                    lists from people, those present,
 *                                    keyed in lower case: list-id,
 *                                    list-unsubscribe, list-post,
 *                                    auto-submitted, precedence,
 *                                    x-auto-response-suppress,
 *                                    x-autoreply, x-autorespond, x-mailer,
 *                                    user-agent, feedback-id, return-path,
 *                                    x-linkedin-class, x-linkedin-template,
 *                                    x-ms-exchange-generated-message-source
 *                                    (values <= 200 characters)
 *    "content_type":S|null           of the message body, lower case,
 *                                    "multipart/mixed" ("text/plain" when
 *                                    the message names none)
 *    full mode only:
 *    "snippet":S|null                <= 200 characters of its own text:
 *                                    text/plain, else HTML made text;
 *                                    quoted lines, "On ... wrote:",
 *                                    Outlook's "From: ... Sent:" block,
 *                                    forwarded and original messages and
 *                                    the signature left out; white space
 *                                    collapsed; a longer text is cut at
 *                                    a word and ends with U+2026
 *    "calendar":C|null               its text/calendar part (else an .ics
 *                                    attachment)
 *    "truncated":B                   more than --max-bytes, or more than
 *                                    1000 lines starting "--": the rest
 *                                    was not read
 *    "warnings":[S]                  (opt) what was refused or not understood
 *   }
 *   {"type":"calendar", "req", "path", "calendar":C, "warnings"(opt)}
 *                                    an ics request
 *   {"type":"skip", "req", "path", "offset"/"length"/"flags" (as above),
 *    "error":S}                      a message that cannot be read (not
 *                                    mail, header block over 256 KiB,
 *                                    empty, unreadable)
 *   {"type":"end", "req", "path", "kind":"file"|"mbox"|"ics"|"fd"|"none",
 *    "messages":N, "skipped":N,
 *    "next":N                        (opt: mbox read to its end) where the
 *                                    next scan of it starts
 *    "error":S}                      (opt) the source could not be read
 *                                    (missing, unreadable, not a regular
 *                                    file, not an mbox, an offset that is
 *                                    no longer a message's start, a bad
 *                                    request): nothing was written for
 *                                    it, or, when an mbox failed part way,
 *                                    the messages before (and no "next")
 *
 *   C is {"method":S|null, "events":[E]} (at most 20 events), E is
 *   {"uid":S|null, "sequence":N, "status":S|null, "summary":S|null,
 *    "location":S|null, "start":T|null, "end":T|null (DTEND, or DTSTART
 *    + DURATION), "recurrence_id":T|null, "recurring":B,
 *    "organizer":P|null, "attendees":[P] (at most 100)},
 *   T is {"utc":N|null, "local":"2026-11-10T14:00:00" or "2026-11-10",
 *    "tzid":S|null (as written), "zone":S|null (its IANA name: the TZID
 *    itself, or the zone CLDR maps a Windows name to), "all_day":B};
 *    utc is null for floating times and dates (the reader's own clock)
 *    and unknown zones; a VTIMEZONE in the calendar takes precedence,
 *   P is {"name":S|null, "address":S|null (mailto: stripped, lower case)}
 *    and, for attendees, "role", "partstat", "cutype", "rsvp": S|null.
 *
 * WARNINGS go to stderr, at most one line per message or source:
 * "fu: warning: PATH[: message at byte N]: WHY[; WHY...]" (PATH printable).
 *
 * EXIT STATUS: 0 when every request was answered (some sources or
 * messages may have failed: see the records); 1 when there were requests
 * and not one source could be read; 2 a bad command line; 7 standard input
 * or output failed.
 *
 * Memory is bounded whatever the input (a header block is at most
 * 256 KiB, a message at most --max-bytes, a calendar part 256 KiB, a
 * snippet is taken from at most 64 KiB of text or 512 KiB of HTML).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "mailread.h"

#define MAX_REQUEST 16384

static const char usage[] =
	"usage: fu-mail-read [--headers-only] [--max-bytes N] [-q] [-z]\n"
	"requests on stdin, one per line: file PATH | mbox START PATH |\n"
	"  mbox-message OFFSET LENGTH PATH | ics PATH | auto PATH | fd N\n";

/* A decimal number, the whole of [s, s+n): 0 or -1. */
static int number(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	if (n == 0 || n > 19)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > (uint64_t)INT64_MAX)
		return -1;
	*out = v;
	return 0;
}

/* The next space-separated word of *s (advancing it). */
static int word(const char **s, const char **w, size_t *n)
{
	const char *p = *s;
	const char *sp = strchr(p, ' ');
	if (!sp)
		return -1;
	*w = p;
	*n = (size_t)(sp - p);
	*s = sp + 1;
	return 0;
}

/* Answer one request. Returns 0 when its source was read, -1 if not. */
static int request(mr_ctx *c, const char *line)
{
	const char *rest = line, *w;
	size_t n;
	uint64_t a, b;
	if (strncmp(line, "file ", 5) == 0 && line[5])
		return mr_req_file(c, line + 5);
	if (strncmp(line, "auto ", 5) == 0 && line[5])
		return mr_req_auto(c, line + 5);
	if (strncmp(line, "ics ", 4) == 0 && line[4])
		return mr_req_ics(c, line + 4);
	if (strncmp(line, "fd ", 3) == 0) {
		/* 0, 1 and 2 are this program's requests, records, warnings */
		if (number(line + 3, strlen(line + 3), &a) == 0 && a >= 3 &&
		    a <= INT32_MAX)
			return mr_req_fd(c, (int)a);
		mr_req_bad(c, "fd wants a file descriptor number from 3");
		return -1;
	}
	if (strncmp(line, "mbox ", 5) == 0) {
		rest = line + 5;
		if (word(&rest, &w, &n) == 0 && number(w, n, &a) == 0 && *rest)
			return mr_req_mbox(c, rest, a);
		mr_req_bad(c, "usage: mbox START PATH");
		return -1;
	}
	if (strncmp(line, "mbox-message ", 13) == 0) {
		rest = line + 13;
		if (word(&rest, &w, &n) == 0 && number(w, n, &a) == 0 &&
		    word(&rest, &w, &n) == 0 && number(w, n, &b) == 0 && *rest)
			return mr_req_mbox_message(c, rest, a, b);
		mr_req_bad(c, "usage: mbox-message OFFSET LENGTH PATH");
		return -1;
	}
	char *p = mr_printable(line);
	char *why = g_strdup_printf("unknown request '%.60s'", p);
	mr_req_bad(c, why);
	g_free(why);
	g_free(p);
	return -1;
}

int main(int argc, char **argv)
{
	int headers_only = 0, quiet = 0;
	char term = '\n';
	uint64_t max_bytes = MR_DEFAULT_MAX_BYTES;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "--headers-only")) {
			headers_only = 1;
		} else if (!strcmp(o, "-q") || !strcmp(o, "--quiet")) {
			quiet = 1;
		} else if (!strcmp(o, "-z") || !strcmp(o, "--null")) {
			term = '\0';
		} else if (!strcmp(o, "--max-bytes") || !strncmp(o, "--max-bytes=", 12)) {
			const char *v = o[11] == '=' ? o + 12 : (i + 1 < argc ? argv[++i] : "");
			if (number(v, strlen(v), &max_bytes) != 0 ||
			    max_bytes < 1024 || max_bytes > (uint64_t)1 << 30) {
				fprintf(stderr, "fu-mail-read: --max-bytes wants a "
					"number of bytes from 1024 to 1073741824\n");
				return 2;
			}
		} else if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else {
			fprintf(stderr, "fu-mail-read: unknown option '%.40s'\n%s",
				o, usage);
			return 2;
		}
	}

	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	mr_ctx c;
	mr_init(&c, stdout, quiet ? NULL : stderr);
	c.headers_only = headers_only;
	c.quiet = quiet;
	c.max_bytes = (size_t)max_bytes;

	char *buf = malloc(MAX_REQUEST + 1);
	char *line = malloc(MAX_REQUEST + 1);
	size_t have = 0, pos = 0, len = 0;
	int too_long = 0, io_error = 0;
	unsigned long requests = 0, served = 0;
	if (!buf || !line) {
		fputs("fu-mail-read: out of memory\n", stderr);
		return 7;
	}
	for (;;) {
		if (pos == have) {
			/* about to wait: what is answered goes out first */
			if (fflush(stdout) != 0)
				c.out_failed = 1;
			ssize_t r;
			do
				r = read(0, buf, MAX_REQUEST);
			while (r < 0 && errno == EINTR);
			if (r < 0) {
				fprintf(stderr, "fu-mail-read: reading requests: %s\n",
					strerror(errno));
				io_error = 1;
				break;
			}
			if (r == 0) {
				if (len == 0 && !too_long)
					break;
				buf[0] = term; /* a last line without its end */
				r = 1;
			}
			have = (size_t)r;
			pos = 0;
		}
		char ch = buf[pos++];
		if (ch != term) {
			if (len < MAX_REQUEST && (term == '\0' || ch != '\0'))
				line[len++] = ch;
			else
				too_long = 1;
			continue;
		}
		if (len == 0 && !too_long)
			continue;
		line[len] = '\0';
		c.req = requests++;
		if (too_long)
			mr_req_bad(&c, "request longer than 16384 bytes, or a NUL byte in it");
		else if (request(&c, line) == 0)
			served++;
		len = 0;
		too_long = 0;
		if (c.out_failed)
			break;
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		c.out_failed = 1;
	free(buf);
	free(line);
	mr_ctx_done(&c);
	mr_shutdown();
	if (c.out_failed) {
		fputs("fu-mail-read: writing the records failed\n", stderr);
		return 7;
	}
	if (io_error)
		return 7;
	return requests > 0 && served == 0 ? 1 : 0;
}
