/* SPDX-License-Identifier: MIT */
/*
 * cmd_mail.c - fu mail: what fu learns from the user's own mail.
 *
 *   fu mail [list] [--all]          the proposals waiting
 *   fu mail scan [--apply] PATH...  read Maildirs, mboxes, message and
 *                                   .ics files, or - (one message on
 *                                   standard input)
 *   fu mail accept N...|--all [--on REF] [--as KIND]
 *   fu mail ignore N...
 *
 * Reading mail is fu-mail-read's (cmd/mail/: GMime, libical), which this
 * file runs as git runs git-foo, so that fu itself links none of it. A
 * scan is two passes of it: every new message's headers, then in full
 * (snippet, calendar) only those that may concern the hunt
 * (fu_mail_worth_reading). What was read is known by key (mail_seen):
 * a Maildir file by its unique name is not even opened again; an mbox
 * resumes after the last message read, when that message is still
 * where it was. The matching and the writes are the library's (mail.h,
 * proposals.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fu/buf.h"
#include "fu/date.h"
#include "fu/proposals.h"
#include "opt.h"
#include "table.h"

/* --- running fu-mail-read -------------------------------------------------- */

/* What each request of a pass was, so that its records can be placed. */
typedef enum { RQ_FILE, RQ_MBOX, RQ_MBOX_MSG, RQ_VERIFY, RQ_AUTO, RQ_FD } rq_kind;

typedef struct request {
	rq_kind kind;
	char *path;      /* as requested (absolute for mboxes) */
	int64_t file_key;/* a Maildir file: its key (file:unique name) */
	size_t source;   /* RQ_MBOX, RQ_VERIFY: index into scan.mboxes */
} request;

typedef struct mbox_src {
	char *path;         /* absolute */
	int has_old;        /* a scan read it before */
	fu_mail_source old; /* where that scan left off */
	int resume_ok;      /* the message there is still the same */
	int has_last;       /* this scan read a message of it */
	fu_mail_source last;
} mbox_src;

typedef struct pass {
	FILE *f;          /* the requests, NUL-ended (-z) */
	request *reqs;
	size_t n, cap;
} pass;

typedef struct scan {
	cli *c;
	fu_mail_ctx *x;
	int64_t *seen;      /* the keys of mail_seen, ascending */
	size_t nseen;
	int64_t *want;      /* the keys read in full by this scan */
	size_t nwant, capwant;
	fu_mail_batch *b;
	mbox_src *mboxes;
	size_t nmboxes;
	int stdin_fd;       /* a copy of standard input for `-`, or -1 */
	size_t messages;    /* new messages read */
	size_t known;       /* read before (or twice in this scan) */
	size_t skipped;     /* could not be read */
	size_t failed;      /* sources that could not be read */
	int rc;             /* an exit code once something failed */
} scan;

static int oom(void)
{
	return cli_fail(FU_EXIT_FAILURE, "out of memory");
}

static int pass_add(pass *p, rq_kind kind, const char *path, int64_t key,
		    size_t source, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* One request: its line (fmt) written to the pass's file, its place kept. */
static int pass_add(pass *p, rq_kind kind, const char *path, int64_t key,
		    size_t source, const char *fmt, ...)
{
	if (!p->f && !(p->f = tmpfile()))
		return cli_fail(FU_EXIT_FAILURE, "cannot create a temporary "
				"file: %s", strerror(errno));
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		request *r = realloc(p->reqs, cap * sizeof *r);
		if (!r)
			return oom();
		p->reqs = r;
		p->cap = cap;
	}
	request *r = &p->reqs[p->n];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->file_key = key;
	r->source = source;
	if (!(r->path = strdup(path)))
		return oom();
	p->n++;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(p->f, fmt, ap);
	va_end(ap);
	fputc('\0', p->f);
	if (ferror(p->f))
		return cli_fail(FU_EXIT_FAILURE, "cannot write a temporary "
				"file: %s", strerror(errno));
	return FU_EXIT_OK;
}

static void pass_free(pass *p)
{
	if (p->f)
		fclose(p->f);
	for (size_t i = 0; i < p->n; i++)
		free(p->reqs[i].path);
	free(p->reqs);
	memset(p, 0, sizeof *p);
}

typedef int (*record_fn)(scan *s, const request *r, const cJSON *rec);

/*
 * Run fu-mail-read over the requests of p (headers only, or in full),
 * each record given to fn with its request. Its warnings go to our
 * standard error as it writes them (it names the file). An exit code.
 */
static int run_reader(scan *s, pass *p, int full, int quiet, record_fn fn)
{
	if (!p->n)
		return FU_EXIT_OK;
	char *exe = cli_helper_path("fu-mail-read");
	if (!exe)
		return cli_fail(FU_EXIT_FAILURE, "cannot find fu-mail-read, the "
				"mail reader fu runs (set FU_LIBEXECDIR to its "
				"directory)");
	if (fflush(p->f) || fseek(p->f, 0, SEEK_SET)) {
		free(exe);
		return cli_fail(FU_EXIT_FAILURE, "cannot read a temporary file: "
				"%s", strerror(errno));
	}
	int out[2];
	if (pipe(out) || fcntl(out[0], F_SETFD, FD_CLOEXEC) ||
	    fcntl(out[1], F_SETFD, FD_CLOEXEC)) {
		free(exe);
		return cli_fail(FU_EXIT_FAILURE, "cannot run fu-mail-read: %s",
				strerror(errno));
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		free(exe);
		close(out[0]);
		close(out[1]);
		return cli_fail(FU_EXIT_FAILURE, "cannot run fu-mail-read: %s",
				strerror(errno));
	}
	if (pid == 0) {
		if (s->stdin_fd >= 0 && dup2(s->stdin_fd, 3) < 0)
			_exit(127);
		if (dup2(fileno(p->f), 0) < 0 || dup2(out[1], 1) < 0)
			_exit(127);
		char *argv[6];
		int a = 0;
		argv[a++] = exe;
		if (!full)
			argv[a++] = "--headers-only";
		if (quiet)
			argv[a++] = "-q";
		argv[a++] = "-z";
		argv[a] = NULL;
		execv(exe, argv);
		_exit(127);
	}
	close(out[1]);
	FILE *f = fdopen(out[0], "r");
	int rc = FU_EXIT_OK;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while (f && (len = getline(&line, &cap, f)) > 0) {
		if (rc)
			continue; /* drain it, so that it ends */
		cJSON *rec = cJSON_ParseWithLength(line, (size_t)len);
		const cJSON *req = rec ? cJSON_GetObjectItemCaseSensitive(rec, "req")
				       : NULL;
		if (!cJSON_IsNumber(req) || req->valuedouble < 0 ||
		    req->valuedouble >= (double)p->n) {
			rc = cli_fail(FU_EXIT_FAILURE, "fu-mail-read wrote "
				      "something fu cannot read");
		} else {
			rc = fn(s, &p->reqs[(size_t)req->valuedouble], rec);
		}
		cJSON_Delete(rec);
	}
	free(line);
	if (f)
		fclose(f);
	else
		close(out[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* 1: no source could be read (the end records said why) */
	if (!rc && (!WIFEXITED(status) || (WEXITSTATUS(status) != 0 &&
					   WEXITSTATUS(status) != 1)))
		rc = cli_fail(FU_EXIT_FAILURE, "fu-mail-read (%s) failed%s",
			      exe, WIFEXITED(status) && WEXITSTATUS(status) == 127
			      ? ": it could not be run" : "");
	free(exe);
	return rc;
}

static const char *rec_str(const cJSON *rec, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int seen_now(scan *s, int64_t key)
{
	if (fu_mail_seen_has(s->seen, s->nseen, key))
		return 1;
	for (size_t i = 0; i < s->nwant; i++)
		if (s->want[i] == key)
			return 1;
	return 0;
}

static int want_add(scan *s, int64_t key)
{
	if (s->nwant == s->capwant) {
		size_t cap = s->capwant ? s->capwant * 2 : 64;
		int64_t *w = realloc(s->want, cap * sizeof *w);
		if (!w)
			return oom();
		s->want = w;
		s->capwant = cap;
	}
	s->want[s->nwant++] = key;
	return FU_EXIT_OK;
}

static int end_error(scan *s, const cJSON *rec)
{
	const char *err = rec_str(rec, "error");
	if (!err)
		return FU_EXIT_OK;
	/* the path is printable already (fu-mail-read's) */
	fflush(stdout);
	fputs("fu: ", stderr);
	cli_put(stderr, rec_str(rec, "path") ? rec_str(rec, "path") : "?");
	fputs(": ", stderr);
	cli_put(stderr, err);
	fputc('\n', stderr);
	s->failed++;
	return FU_EXIT_OK;
}

/* The pass before the first: is the last message an mbox's scan read
 * still where it was? */
static int on_verify(scan *s, const request *r, const cJSON *rec)
{
	const char *type = rec_str(rec, "type");
	mbox_src *src = &s->mboxes[r->source];
	if (type && !strcmp(type, "message")) {
		fu_mail_msg m;
		if (fu_mail_msg_from_json(&m, rec) == FU_OK) {
			src->resume_ok = fu_mail_msg_key(&m) == src->old.key;
			fu_mail_msg_clear(&m);
		}
	}
	return FU_EXIT_OK;
}

/* The first pass: every new message's headers. */
static int on_headers(scan *s, const request *r, const cJSON *rec,
		      pass *full)
{
	const char *type = rec_str(rec, "type");
	if (!type)
		return FU_EXIT_OK;
	if (!strcmp(type, "skip")) {
		/* not mail: a Maildir file is not read (nor warned of) again;
		 * one that could not be opened is tried at the next scan */
		s->skipped++;
		if (r->file_key && fu_mail_batch_seen(s->b, r->file_key))
			return oom();
		return FU_EXIT_OK;
	}
	if (!strcmp(type, "end")) {
		if (r->kind == RQ_FILE) {
			/* a Maildir's file: fu-mail-read warned, naming it */
			if (rec_str(rec, "error"))
				s->skipped++;
			return FU_EXIT_OK;
		}
		if (r->kind == RQ_MBOX && !rec_str(rec, "error") &&
		    s->mboxes[r->source].has_last &&
		    cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(rec, "next"))
		    && fu_mail_batch_source(s->b, s->mboxes[r->source].path,
					    &s->mboxes[r->source].last))
			return oom();
		return end_error(s, rec);
	}
	if (strcmp(type, "message"))
		return FU_EXIT_OK;
	fu_mail_msg m;
	if (fu_mail_msg_from_json(&m, rec) != FU_OK) {
		s->skipped++;
		return FU_EXIT_OK;
	}
	int rc = FU_EXIT_OK;
	int64_t key = fu_mail_msg_key(&m);
	if (r->file_key && fu_mail_batch_seen(s->b, r->file_key))
		rc = oom();
	if (r->kind == RQ_MBOX) {
		mbox_src *src = &s->mboxes[r->source];
		src->has_last = 1;
		src->last.offset = m.offset;
		src->last.length = m.length;
		src->last.key = key;
	}
	if (!rc && key && seen_now(s, key)) {
		s->known++;
	} else if (!rc) {
		s->messages++;
		if (key && fu_mail_batch_seen(s->b, key))
			rc = oom();
		if (!rc && fu_mail_worth_reading(s->x, &m)) {
			if (key)
				rc = want_add(s, key);
			if (!rc && r->kind == RQ_FILE)
				rc = pass_add(full, RQ_FILE, r->path, 0, 0,
					      "file %s", r->path);
			else if (!rc)
				rc = pass_add(full, RQ_MBOX_MSG, r->path, 0, 0,
					      "mbox-message %lld %lld %s",
					      (long long)m.offset,
					      (long long)m.length, r->path);
		}
	}
	fu_mail_msg_clear(&m);
	return rc;
}

static pass *headers_full; /* the full pass the first one fills */

static int on_headers_cb(scan *s, const request *r, const cJSON *rec)
{
	return on_headers(s, r, rec, headers_full);
}

/* An .ics file has no Message-ID: its first event's UID, SEQUENCE and
 * METHOD stand for it (another version of it is news). */
static int64_t calendar_key(const fu_mail_msg *m)
{
	if (!m->calendar || !m->calendar->nevents ||
	    !m->calendar->events[0].uid)
		return 0;
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "%s\n%d\n%s", m->calendar->events[0].uid,
		      m->calendar->events[0].sequence,
		      m->calendar->method ? m->calendar->method : "");
	int64_t key = b.failed ? 0 : fu_mail_key("ics:", b.data);
	fu_buf_free(&b);
	return key;
}

/* The second pass: the messages worth reading, in full; and the files
 * and standard input named alone, read in full at once. */
static int on_full(scan *s, const request *r, const cJSON *rec)
{
	const char *type = rec_str(rec, "type");
	if (!type)
		return FU_EXIT_OK;
	if (!strcmp(type, "skip")) {
		s->skipped++;
		return FU_EXIT_OK;
	}
	if (!strcmp(type, "end"))
		return r->kind == RQ_AUTO || r->kind == RQ_FD ? end_error(s, rec)
							      : FU_EXIT_OK;
	if (strcmp(type, "message") && strcmp(type, "calendar"))
		return FU_EXIT_OK;
	fu_mail_msg m;
	if (fu_mail_msg_from_json(&m, rec) != FU_OK) {
		s->skipped++;
		return FU_EXIT_OK;
	}
	int rc = FU_EXIT_OK;
	if (r->kind == RQ_AUTO || r->kind == RQ_FD) {
		/* read here first: is it news? */
		int64_t key = fu_mail_msg_key(&m);
		if (!key && m.is_calendar)
			key = calendar_key(&m);
		if (key && seen_now(s, key)) {
			s->known++;
			fu_mail_msg_clear(&m);
			return FU_EXIT_OK;
		}
		s->messages++;
		if (key && (fu_mail_batch_seen(s->b, key) || want_add(s, key)))
			rc = oom();
	}
	if (!rc && fu_mail_batch_message(s->b, &m))
		rc = oom();
	fu_mail_msg_clear(&m);
	return rc;
}

/* --- what the user named ----------------------------------------------------- */

static int is_maildir(const char *path)
{
	char buf[PATH_MAX];
	struct stat st;
	for (int i = 0; i < 2; i++) {
		if (snprintf(buf, sizeof buf, "%s/%s", path, i ? "new" : "cur")
		    >= (int)sizeof buf)
			return 0;
		if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
			return 1;
	}
	return 0;
}

/* The messages of one Maildir folder: cur/ and new/, the files whose
 * unique name was never read. */
static int add_maildir(scan *s, pass *p, const char *dir)
{
	for (int i = 0; i < 2; i++) {
		fu_buf sub = FU_BUF_INIT;
		fu_buf_printf(&sub, "%s/%s", dir, i ? "new" : "cur");
		if (sub.failed)
			return oom();
		DIR *d = opendir(sub.data);
		if (!d) {
			if (errno != ENOENT) {
				fflush(stdout);
				fputs("fu: warning: ", stderr);
				cli_put(stderr, sub.data);
				fprintf(stderr, ": %s\n", strerror(errno));
			}
			fu_buf_free(&sub);
			continue;
		}
		struct dirent *e;
		int rc = FU_EXIT_OK;
		while (!rc && (e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			if (e->d_type != DT_REG && e->d_type != DT_UNKNOWN &&
			    e->d_type != DT_LNK)
				continue;
			char uniq[NAME_MAX + 1];
			if (!fu_mail_unique_name(uniq, sizeof uniq, e->d_name))
				continue;
			int64_t key = fu_mail_key("file:", uniq);
			if (fu_mail_seen_has(s->seen, s->nseen, key))
				continue; /* read before: not opened again */
			fu_buf path = FU_BUF_INIT;
			fu_buf_printf(&path, "%s/%s", sub.data, e->d_name);
			rc = path.failed ? oom()
				: strchr(path.data, '\0') != path.data + path.len
				? FU_EXIT_OK
				: pass_add(p, RQ_FILE, path.data, key, 0,
					   "file %s", path.data);
			fu_buf_free(&path);
		}
		closedir(d);
		fu_buf_free(&sub);
		if (rc)
			return rc;
	}
	return FU_EXIT_OK;
}

/* A directory: a Maildir, or a tree of them (mbsync, offlineimap,
 * Maildir++ folders), walked without following symbolic links. */
static int add_tree(scan *s, pass *p, const char *dir, int depth, int *found)
{
	if (is_maildir(dir)) {
		(*found)++;
		return add_maildir(s, p, dir);
	}
	if (depth > 8)
		return FU_EXIT_OK;
	DIR *d = opendir(dir);
	if (!d)
		return FU_EXIT_OK;
	struct dirent *e;
	int rc = FU_EXIT_OK;
	while (!rc && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    !strcmp(e->d_name, "tmp"))
			continue;
		fu_buf sub = FU_BUF_INIT;
		fu_buf_printf(&sub, "%s/%s", dir, e->d_name);
		struct stat st;
		if (sub.failed)
			rc = oom();
		else if (lstat(sub.data, &st) == 0 && S_ISDIR(st.st_mode))
			rc = add_tree(s, p, sub.data, depth + 1, found);
		fu_buf_free(&sub);
	}
	closedir(d);
	return rc;
}

/* Whether the file begins as an mbox does ("From "). */
static int looks_mbox(const char *path)
{
	char head[5];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	return n == 5 && !memcmp(head, "From ", 5);
}

static int add_mbox(scan *s, pass *verify, const char *abs)
{
	mbox_src *m = realloc(s->mboxes, (s->nmboxes + 1) * sizeof *m);
	if (!m)
		return oom();
	s->mboxes = m;
	m = &s->mboxes[s->nmboxes];
	memset(m, 0, sizeof *m);
	if (!(m->path = strdup(abs)))
		return oom();
	s->nmboxes++;
	int lrc = fu_mail_source_get(&m->old, s->c->db, abs);
	if (lrc == FU_ENOTFOUND)
		return FU_EXIT_OK;
	if (lrc)
		return cli_lib_fail(s->c, lrc);
	m->has_old = 1;
	return pass_add(verify, RQ_VERIFY, abs, 0, s->nmboxes - 1,
			"mbox-message %lld %lld %s", (long long)m->old.offset,
			(long long)m->old.length, abs);
}

/* --- fu mail scan ------------------------------------------------------------- */

enum { O_APPLY = 1, O_ALL, O_ON, O_AS };

static const opt_spec scan_options[] = {
	{ "apply", 0, NULL, O_APPLY,
	  "log at once what matched exactly; the rest waits for review" },
	{ NULL, 0, NULL, 0, NULL }
};

static const char *what_name(fu_scan_what w)
{
	switch (w) {
	case FU_SCAN_PROPOSED: return "proposed";
	case FU_SCAN_UPDATED: return "updated";
	case FU_SCAN_DROPPED: return "withdrawn";
	case FU_SCAN_APPLIED: return "logged";
	default: return "passed";
	}
}

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *id_or_null(int64_t id)
{
	return id ? cJSON_CreateNumber((double)id) : cJSON_CreateNull();
}

static void print_proposal_line(cli *c, const fu_proposal *p);

static int scan_report(cli *c, scan *s, const fu_scan_result *res)
{
	if (c->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "read", (double)s->messages);
		cJSON_AddNumberToObject(o, "known", (double)s->known);
		cJSON_AddNumberToObject(o, "skipped", (double)s->skipped);
		cJSON_AddNumberToObject(o, "proposed", (double)res->proposed);
		cJSON_AddNumberToObject(o, "applied", (double)res->applied);
		cJSON *arr = cJSON_AddArrayToObject(o, "messages");
		for (size_t i = 0; i < res->n; i++) {
			const fu_scan_entry *e = &res->entries[i];
			cJSON *m = cJSON_CreateObject();
			cJSON_AddStringToObject(m, "what", what_name(e->what));
			cJSON_AddItemToObject(m, "proposal",
					      id_or_null(e->proposal_id));
			cJSON_AddItemToObject(m, "replaced",
					      id_or_null(e->replaced_id));
			cJSON_AddItemToObject(m, "event", id_or_null(e->event_id));
			cJSON_AddItemToObject(m, "why", str_or_null(e->why));
			cJSON_AddItemToObject(m, "path", str_or_null(e->msg->path));
			cJSON_AddItemToObject(m, "message_id",
					      str_or_null(e->msg->message_id));
			cJSON_AddItemToObject(m, "subject",
					      str_or_null(e->msg->subject));
			cJSON_AddItemToArray(arr, m);
		}
		return cli_json(c, o);
	}
	for (size_t i = 0; i < res->n; i++) {
		const fu_scan_entry *e = &res->entries[i];
		if (e->what == FU_SCAN_PASSED)
			continue;
		fu_proposal *p = NULL;
		if (fu_proposal_get(&p, c->db, e->proposal_id) != FU_OK)
			continue;
		printf("%s ", what_name(e->what));
		print_proposal_line(c, p);
		if (e->what == FU_SCAN_APPLIED)
			printf(" (event %lld)", (long long)e->event_id);
		putchar('\n');
		fu_proposal_free(p);
	}
	printf("%zu new message%s read: %zu proposed (%zu logged), %zu passed "
	       "over", s->messages, s->messages == 1 ? "" : "s", res->proposed,
	       res->applied, s->messages - res->proposed);
	if (s->known)
		printf("; %zu read before", s->known);
	if (s->skipped)
		printf("; %zu unreadable", s->skipped);
	putchar('\n');
	if (res->proposed > res->applied)
		printf("fu mail lists what waits; fu mail accept N logs it\n");
	return FU_EXIT_OK;
}

static int mail_scan(cli *c, int argc, char **argv)
{
	const char *arg;
	char **paths = NULL;
	size_t npaths = 0;
	int apply = 0, id, rc = FU_EXIT_OK, dash = 0;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, scan_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR:
			free(paths);
			return FU_EXIT_USAGE;
		case OPT_POSITIONAL: {
			char **p = realloc(paths, (npaths + 1) * sizeof *p);
			if (!p) {
				free(paths);
				return oom();
			}
			paths = p;
			paths[npaths++] = (char *)arg;
			if (!strcmp(arg, "-") && dash++)
				rc = cli_usage_fail(c, "- (standard input) may "
						    "be named once");
			break;
		}
		case O_APPLY: apply = 1; break;
		}
	}
	if (c->help) {
		free(paths);
		cli_print_usage(c->cmd, stdout);
		return FU_EXIT_OK;
	}
	if (!rc && !npaths)
		rc = cli_usage_fail(c, "missing PATH (a Maildir, an mbox, a "
				    "message or .ics file, or - for one message "
				    "on standard input)");
	/* what the user named must exist and be readable: a typo or a
	 * source that cannot be read does nothing (a non-zero exit leaves
	 * the database as it was) */
	for (size_t i = 0; !rc && i < npaths; i++) {
		struct stat sb;
		const char *why = NULL;
		int fd = -1;
		if (!strcmp(paths[i], "-"))
			continue;
		if (stat(paths[i], &sb) != 0) {
			why = strerror(errno);
			rc = errno == ENOENT || errno == ENOTDIR
				? FU_EXIT_NOTFOUND : FU_EXIT_FAILURE;
		} else if (!S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode)) {
			why = "not a regular file (name a Maildir, an mbox, a "
			      "message or an .ics file)";
			rc = FU_EXIT_FAILURE;
		} else if ((fd = open(paths[i], O_RDONLY | O_NONBLOCK |
				      O_CLOEXEC | O_NOCTTY)) < 0) {
			why = strerror(errno);
			rc = FU_EXIT_FAILURE;
		}
		if (fd >= 0)
			close(fd);
		if (why) {
			fflush(stdout);
			fputs("fu: ", stderr);
			cli_put(stderr, paths[i]);
			fprintf(stderr, ": %s\n", why);
		}
	}
	if (rc || (rc = cli_open(c, 0))) {
		free(paths);
		return rc;
	}
	scan s = { 0 };
	pass verify = { 0 }, first = { 0 }, full = { 0 };
	fu_scan_result res = { 0 };
	s.c = c;
	s.stdin_fd = -1;
	int lrc;
	if (!(s.b = fu_mail_batch_new())) {
		rc = oom();
		goto done;
	}
	if ((lrc = fu_mail_context(&s.x, c->db)) ||
	    (lrc = fu_mail_seen_load(&s.seen, &s.nseen, c->db))) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	for (size_t i = 0; !rc && i < npaths; i++) {
		struct stat sb;
		if (!strcmp(paths[i], "-")) {
			s.stdin_fd = fcntl(0, F_DUPFD_CLOEXEC, 10);
			if (s.stdin_fd < 0)
				rc = cli_fail(FU_EXIT_FAILURE, "cannot read "
					      "standard input: %s",
					      strerror(errno));
			else
				rc = pass_add(&full, RQ_FD, "-", 0, 0, "fd 3");
			continue;
		}
		if (stat(paths[i], &sb) != 0)
			continue; /* gone since: fu-mail-read would say so */
		if (S_ISDIR(sb.st_mode)) {
			int found = 0;
			rc = add_tree(&s, &first, paths[i], 0, &found);
			if (!rc && !found) {
				fflush(stdout);
				fputs("fu: ", stderr);
				cli_put(stderr, paths[i]);
				fputs(": not a Maildir (no cur/ or new/ in it "
				      "or below)\n", stderr);
				rc = FU_EXIT_INVALID;
			}
			continue;
		}
		char abs[PATH_MAX];
		if (!realpath(paths[i], abs) || strlen(abs) >= sizeof abs - 1) {
			snprintf(abs, sizeof abs, "%s", paths[i]);
		}
		if (S_ISREG(sb.st_mode) && looks_mbox(abs))
			rc = add_mbox(&s, &verify, abs);
		else
			rc = pass_add(&full, RQ_AUTO, abs, 0, 0, "auto %s", abs);
	}
	if (rc)
		goto done;
	/* the mboxes read before: resume after their last message */
	if ((rc = run_reader(&s, &verify, 0, 1, on_verify)))
		goto done;
	for (size_t i = 0; !rc && i < s.nmboxes; i++) {
		mbox_src *m = &s.mboxes[i];
		int64_t start = m->has_old && m->resume_ok
			? m->old.offset + m->old.length : 0;
		rc = pass_add(&first, RQ_MBOX, m->path, 0, i, "mbox %lld %s",
			      (long long)start, m->path);
	}
	headers_full = &full;
	if (rc || (rc = run_reader(&s, &first, 0, 0, on_headers_cb)) ||
	    (rc = run_reader(&s, &full, 1, 0, on_full)))
		goto done;
	if (s.failed) {
		/* a source the user named became unreadable meanwhile:
		 * nothing recorded, so that the scan can simply be run again */
		rc = cli_fail(FU_EXIT_FAILURE, "nothing recorded: %zu source%s "
			      "could not be read", s.failed, s.failed == 1
			      ? "" : "s");
		goto done;
	}
	if ((lrc = fu_mail_scan_commit(c->db, s.b, apply, &res))) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	rc = scan_report(c, &s, &res);
done:
	headers_full = NULL;
	fu_scan_result_clear(&res);
	pass_free(&verify);
	pass_free(&first);
	pass_free(&full);
	for (size_t i = 0; i < s.nmboxes; i++)
		free(s.mboxes[i].path);
	free(s.mboxes);
	free(s.seen);
	free(s.want);
	fu_mail_ctx_free(s.x);
	fu_mail_batch_free(s.b);
	if (s.stdin_fd >= 0)
		close(s.stdin_fd);
	free(paths);
	return rc;
}

/* --- fu mail list ---------------------------------------------------------------- */

static const opt_spec list_options[] = {
	{ "all", 'a', NULL, O_ALL,
	  "every proposal, decided ones too (accepted, ignored, withdrawn)" },
	{ NULL, 0, NULL, 0, NULL }
};

/* "reply on 12 Acme, Backend Engineer with Dana Reyes, by thread" */
static void print_proposal_line(cli *c, const fu_proposal *p)
{
	printf("%lld: ", (long long)p->id);
	if (p->change == FU_CHANGE_CANCEL)
		printf("remove the interview (event %lld): cancelled",
		       (long long)p->target_event_id);
	else if (p->change == FU_CHANGE_RESCHEDULE)
		printf("move the interview (event %lld)",
		       (long long)p->target_event_id);
	else
		printf("%s", fu_event_kind_name(p->kind));
	if (p->kind == FU_EV_INTERVIEW || p->change == FU_CHANGE_RESCHEDULE) {
		char when[FU_HUMAN_LEN];
		printf(" %s %s", p->change ? "to" : "at",
		       fu_time_human(when, p->at, c->now, 1));
	}
	if (p->application_id || p->contact_id) {
		printf(" on ");
		cli_put_subject(c, p->application_id, p->contact_id);
	} else if (p->ncandidates) {
		printf(" on one of");
		for (size_t i = 0; i < p->ncandidates; i++) {
			putchar(' ');
			cli_put_subject(c, p->candidates[i], 0);
			if (i + 1 < p->ncandidates)
				putchar(',');
		}
	}
	for (size_t i = 0; i < p->npeople; i++) {
		printf(i ? ", " : " with ");
		cli_put(stdout, p->people[i].name ? p->people[i].name
			: p->people[i].address ? p->people[i].address : "?");
		if (!p->people[i].contact_id)
			printf(" (new)");
	}
}

static cJSON *proposal_json(const fu_proposal *p)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)p->id);
	cJSON_AddStringToObject(o, "state", fu_proposal_state_name(p->state));
	cJSON_AddItemToObject(o, "kind", p->change ? cJSON_CreateNull()
			      : str_or_null(fu_event_kind_name(p->kind)));
	cJSON_AddItemToObject(o, "change",
			      str_or_null(fu_mail_change_name(p->change)));
	cJSON_AddItemToObject(o, "match", str_or_null(fu_mail_how_name(p->how)));
	cJSON_AddBoolToObject(o, "exact", p->exact);
	cJSON_AddItemToObject(o, "application", id_or_null(p->application_id));
	cJSON_AddItemToObject(o, "contact", id_or_null(p->contact_id));
	cJSON *cand = cJSON_AddArrayToObject(o, "candidates");
	for (size_t i = 0; cand && i < p->ncandidates; i++)
		cJSON_AddItemToArray(cand,
				     cJSON_CreateNumber((double)p->candidates[i]));
	cJSON *people = cJSON_AddArrayToObject(o, "people");
	for (size_t i = 0; people && i < p->npeople; i++) {
		cJSON *w = cJSON_CreateObject();
		cJSON_AddItemToObject(w, "contact",
				      id_or_null(p->people[i].contact_id));
		cJSON_AddItemToObject(w, "name", str_or_null(p->people[i].name));
		cJSON_AddItemToObject(w, "email",
				      str_or_null(p->people[i].address));
		cJSON_AddItemToArray(people, w);
	}
	char iso[FU_ISO_LEN];
	cJSON_AddStringToObject(o, "at", fu_time_iso(iso, p->at));
	cJSON_AddItemToObject(o, "channel",
			      str_or_null(p->channel ? fu_channel_name(p->channel)
					  : NULL));
	cJSON_AddStringToObject(o, "reason", p->reason ? p->reason : "");
	cJSON_AddItemToObject(o, "target_event", id_or_null(p->target_event_id));
	cJSON_AddItemToObject(o, "event", id_or_null(p->event_id));
	cJSON *msg = cJSON_AddObjectToObject(o, "message");
	if (msg) {
		cJSON_AddItemToObject(msg, "date", p->date
				      ? cJSON_CreateString(fu_time_iso(iso, p->date))
				      : cJSON_CreateNull());
		cJSON *from = cJSON_AddObjectToObject(msg, "from");
		cJSON_AddItemToObject(from, "name", str_or_null(p->from_name));
		cJSON_AddItemToObject(from, "email",
				      str_or_null(p->from_address));
		cJSON_AddItemToObject(msg, "to", str_or_null(p->recipients));
		cJSON_AddItemToObject(msg, "subject", str_or_null(p->subject));
		cJSON_AddItemToObject(msg, "message_id",
				      str_or_null(p->message_id));
		cJSON_AddItemToObject(msg, "in_reply_to",
				      str_or_null(p->in_reply_to));
		cJSON_AddItemToObject(msg, "snippet", str_or_null(p->snippet));
		cJSON_AddItemToObject(msg, "path", str_or_null(p->path));
		cJSON_AddItemToObject(msg, "uid", str_or_null(p->uid));
	}
	return o;
}

static int print_list(cli *c, int all)
{
	fu_proposal *list = NULL;
	size_t n = 0;
	int lrc = fu_proposal_list(&list, &n, c->db, all ? 0 : FU_PROP_OPEN);
	if (lrc)
		return cli_lib_fail(c, lrc);
	int rc = FU_EXIT_OK;
	if (c->json) {
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; arr && i < n; i++)
			cJSON_AddItemToArray(arr, proposal_json(&list[i]));
		rc = cli_json(c, arr);
	} else if (!n) {
		printf("%s\n", all ? "no proposals" : "nothing waits: fu mail "
		       "scan PATH reads your mail");
	} else {
		for (size_t i = 0; i < n; i++) {
			const fu_proposal *p = &list[i];
			char when[FU_HUMAN_LEN];
			printf("%s", cli_c(c, C_BOLD));
			print_proposal_line(c, p);
			printf("%s", cli_c(c, C_RESET));
			if (all)
				printf(" [%s]", fu_proposal_state_name(p->state));
			putchar('\n');
			printf("    %s", p->date ? fu_time_human(when, p->date,
							    c->now, 1)
			       : "(no date)");
			printf("  from ");
			cli_put(stdout, p->from_name ? p->from_name
				: p->from_address ? p->from_address : "?");
			if (p->from_name && p->from_address) {
				printf(" <");
				cli_put(stdout, p->from_address);
				printf(">");
			}
			putchar('\n');
			if (p->subject) {
				printf("    ");
				cli_put(stdout, p->subject);
				putchar('\n');
			}
			printf("    %s%s", cli_c(c, C_DIM),
			       p->exact ? "exact: " : "");
			cli_put(stdout, p->reason ? p->reason : "");
			printf("%s\n", cli_c(c, C_RESET));
		}
	}
	fu_proposal_list_free(list, n);
	return rc;
}

static int mail_list(cli *c, int argc, char **argv)
{
	const char *arg;
	int all = 0, id, rc;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, list_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: return FU_EXIT_USAGE;
		case OPT_POSITIONAL:
			return cli_usage_fail(c, "unexpected '%s'", arg);
		case O_ALL: all = 1; break;
		}
	}
	if (c->help) {
		cli_print_usage(c->cmd, stdout);
		return FU_EXIT_OK;
	}
	if ((rc = cli_open(c, 1)))
		return rc;
	return print_list(c, all);
}

/* --- fu mail accept, ignore ------------------------------------------------------- */

static const opt_spec accept_options[] = {
	{ "all", 'a', NULL, O_ALL,
	  "every proposal waiting (those that need --on are left)" },
	{ "on", 0, "REF", O_ON,
	  "log it on this application or contact instead" },
	{ "as", 0, "KIND", O_AS,
	  "log it as this kind instead (reply, sent, interview, rejection...)" },
	{ NULL, 0, NULL, 0, NULL }
};

/* N... into ids; a usage error for anything else. */
static int parse_ids(cli *c, int64_t **ids, size_t *n, const char *arg)
{
	char *end;
	errno = 0;
	long long v = strtoll(arg, &end, 10);
	if (errno || *end || v <= 0 || end == arg)
		return cli_usage_fail(c, "'%s' is not a proposal number (fu "
				      "mail lists them)", arg);
	int64_t *p = realloc(*ids, (*n + 1) * sizeof *p);
	if (!p)
		return oom();
	*ids = p;
	p[(*n)++] = v;
	return FU_EXIT_OK;
}

static int mail_decide(cli *c, int argc, char **argv, int accept)
{
	const char *arg, *on = NULL, *as = NULL;
	int64_t *ids = NULL;
	size_t n = 0;
	int all = 0, id, rc = FU_EXIT_OK;
	opt_state st;
	opt_init(&st, argc, argv);
	while ((id = opt_next(c, &st, accept ? accept_options : NULL, &arg))
	       != OPT_END) {
		switch (id) {
		case OPT_ERROR: rc = FU_EXIT_USAGE; break;
		case OPT_POSITIONAL:
			if (!rc)
				rc = parse_ids(c, &ids, &n, arg);
			break;
		case O_ALL: all = 1; break;
		case O_ON: on = arg; break;
		case O_AS: as = arg; break;
		}
	}
	if (c->help) {
		free(ids);
		cli_print_usage(c->cmd, stdout);
		return FU_EXIT_OK;
	}
	if (!rc && !n && !all)
		rc = cli_usage_fail(c, "which proposal? give its number (fu "
				    "mail lists them)%s", accept ? " or --all"
				    : "");
	if (!rc && n && all)
		rc = cli_usage_fail(c, "--all takes no numbers");
	fu_mail_accept_opts o = { 0 };
	if (!rc && as && (fu_event_kind_parse(&o.kind, as) != FU_OK ||
			  o.kind == FU_EV_CLOSED))
		rc = cli_fail(FU_EXIT_INVALID, "--as takes an event kind (%s), "
			      "not '%s'", fu_event_kind_names(), as);
	if (rc || (rc = cli_open(c, 0))) {
		free(ids);
		return rc;
	}
	if (on) {
		fu_ref r;
		if ((rc = cli_ref(c, &r, on, FU_REF_ANY))) {
			free(ids);
			return rc;
		}
		if (r.type == FU_REF_APPLICATION)
			o.application_id = r.id;
		else
			o.contact_id = r.id;
	}
	int lrc;
	if (!accept) {
		if ((lrc = fu_proposal_ignore(c->db, ids, n))) {
			free(ids);
			return cli_lib_fail(c, lrc);
		}
		if (c->json) {
			cJSON *arr = cJSON_CreateArray();
			for (size_t i = 0; arr && i < n; i++)
				cJSON_AddItemToArray(arr, cJSON_CreateNumber(
							     (double)ids[i]));
			rc = cli_json(c, arr);
		} else {
			for (size_t i = 0; i < n; i++)
				printf("ignored proposal %lld\n",
				       (long long)ids[i]);
		}
		free(ids);
		return rc;
	}
	fu_accepted *res = NULL;
	size_t nres = 0;
	lrc = fu_proposal_accept(c->db, ids, n, all, &o, &res, &nres);
	free(ids);
	if (lrc)
		return cli_lib_fail(c, lrc);
	if (c->json) {
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; arr && i < nres; i++) {
			cJSON *e = cJSON_CreateObject();
			cJSON_AddNumberToObject(e, "proposal",
						(double)res[i].proposal_id);
			cJSON_AddItemToObject(e, "event",
					      id_or_null(res[i].event_id));
			cJSON_AddItemToObject(e, "change", str_or_null(
				fu_mail_change_name(res[i].change)));
			cJSON_AddBoolToObject(e, "skipped", res[i].skipped);
			cJSON_AddItemToArray(arr, e);
		}
		rc = cli_json(c, arr);
	} else {
		size_t done = 0;
		for (size_t i = 0; i < nres; i++) {
			if (res[i].skipped) {
				printf("left proposal %lld: it could be on "
				       "several; say which with --on\n",
				       (long long)res[i].proposal_id);
				continue;
			}
			done++;
			if (res[i].change == FU_CHANGE_CANCEL)
				printf("proposal %lld: removed the cancelled "
				       "interview\n",
				       (long long)res[i].proposal_id);
			else if (res[i].change)
				printf("proposal %lld: moved the interview "
				       "(event %lld)\n",
				       (long long)res[i].proposal_id,
				       (long long)res[i].event_id);
			else
				printf("proposal %lld: logged event %lld\n",
				       (long long)res[i].proposal_id,
				       (long long)res[i].event_id);
		}
		if (all && !nres)
			printf("nothing waits\n");
		else if (done)
			printf("fu undo removes the last one; fu due shows "
			       "what is owed now\n");
	}
	free(res);
	return rc;
}

static int mail_accept(cli *c, int argc, char **argv)
{
	return mail_decide(c, argc, argv, 1);
}

static int mail_ignore(cli *c, int argc, char **argv)
{
	return mail_decide(c, argc, argv, 0);
}

/* --- the forms ------------------------------------------------------------------- */

static const cmd mail_list_def = {
	.name = "list",
	.fn = mail_list,
	.summary = "the proposals waiting, most recent first",
	.usage = "fu mail [list] [--all]",
	.options = list_options,
};

static const cmd mail_scan_def = {
	.name = "scan",
	.fn = mail_scan,
	.summary = "read mail and propose what to log",
	.usage = "fu mail scan [--apply] PATH...",
	.options = scan_options,
};

static const cmd mail_accept_def = {
	.name = "accept",
	.fn = mail_accept,
	.summary = "log proposals",
	.usage = "fu mail accept N...|--all [--on REF] [--as KIND]",
	.options = accept_options,
};

static const cmd mail_ignore_def = {
	.name = "ignore",
	.fn = mail_ignore,
	.summary = "drop proposals for good",
	.usage = "fu mail ignore N...",
};

static const cmd *const mail_forms[] = {
	&mail_list_def, &mail_scan_def, &mail_accept_def, &mail_ignore_def,
	NULL
};

static int cmd_mail(cli *c, int argc, char **argv)
{
	/* the first word says which; none: the list */
	for (int i = 0; i < argc; i++) {
		if (argv[i][0] == '-') {
			if (opt_global_takes_next(argv[i]))
				i++;
			continue;
		}
		const char *what = argv[i];
		for (int j = i; j < argc - 1; j++)
			argv[j] = argv[j + 1];
		const cmd *form = cmd_find(mail_forms, what);
		if (!form)
			return cli_usage_fail(c, "fu mail takes list, scan, "
					      "accept or ignore, not '%s'", what);
		c->cmd = form;
		return form->fn(c, argc - 1, argv);
	}
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_print_usage(c->cmd, stdout);
			return FU_EXIT_OK;
		}
	c->cmd = &mail_list_def;
	return mail_list(c, argc, argv);
}

const cmd cmd_mail_def = {
	.name = "mail",
	.fn = cmd_mail,
	.summary = "learn what happened from your mail: scan, list, accept",
	.subs = mail_forms,
};
