/* SPDX-License-Identifier: MIT */
/*
 * eml.c - an e-mail draft as an RFC 5322 message (fu draft --eml):
 * the draft's fields checked and handed to mailer.c, which writes the
 * message (as it writes every message fu sends), and the file written
 * private.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/draft.h"
#include "fu/mailer.h"
#include "draft_internal.h"
#include "internal.h"

/* --- e-mail files ------------------------------------------------------- */

int fu__draft_mail(fu_mail *m, char **id, fu_db *db, const fu_draft *d,
		   const fu_draft_input *in)
{
	memset(m, 0, sizeof *m);
	*id = NULL;
	if (in->channel != FU_CH_EMAIL || !d->subject)
		return fu__error(db, FU_EINVALID, "only an e-mail draft can be "
				 "written as .eml; this one is %s",
				 in->channel == FU_CH_NONE ? "a checklist"
				 : in->channel == FU_CH_LETTER ? "a letter"
				 : in->channel == FU_CH_PHONE ? "a call"
				 : "a social message");
	if (!fu__draft_has(in->contact_email))
		return fu__error(db, FU_EINVALID, "%s has no e-mail address",
				 fu__draft_has(in->contact_name) ? in->contact_name
						       : "the contact");
	if (!fu__draft_has(in->user_email))
		return fu__error(db, FU_EINVALID, "set your e-mail address "
				 "first: fu config user.email you@example.org");
	/* stored addresses may come from another program, an old fu or a
	 * synced machine: each must be one plain address, nothing more
	 * (said here, to name what to fix; mailer.c checks them again) */
	if (!fu__mail_addr_ok(in->user_email))
		return fu__error(db, FU_EINVALID, "your e-mail address '%s' "
				 "cannot head a message (fu writes plain ASCII "
				 "addresses, name@example.org): fu config "
				 "user.email ADDRESS", in->user_email);
	if (!fu__mail_addr_ok(in->contact_email))
		return fu__error(db, FU_EINVALID, "%s's e-mail address '%s' "
				 "cannot head a message (fu writes plain ASCII "
				 "addresses, name@example.org): fu edit %lld "
				 "--email ADDRESS", fu__draft_has(in->contact_name)
				 ? in->contact_name : "the contact",
				 in->contact_email, (long long)in->contact_id);
	if (d->message_id) {
		fu_buf b = FU_BUF_INIT;
		fu_buf_printf(&b, "<%s>", d->message_id);
		if (b.failed) {
			fu_buf_free(&b);
			return fu__draft_oom(db);
		}
		*id = fu_buf_detach(&b);
	}
	m->from_name = fu__draft_has(in->user_name) ? in->user_name : NULL;
	m->from_addr = in->user_email;
	m->to_name = fu__draft_has(in->contact_name) ? in->contact_name : NULL;
	m->to_addr = in->contact_email;
	m->subject = d->subject;
	m->body = d->body;
	m->date = in->now;
	m->message_id = *id;
	return FU_OK;
}

int fu_draft_eml(fu_buf *out, fu_db *db, const fu_draft *d,
		 const fu_draft_input *in)
{
	fu_mail m;
	char *id = NULL;
	int rc = fu__draft_mail(&m, &id, db, d, in);
	if (!rc) {
		m.draft = 1;
		rc = fu_mail_compose(out, db, &m);
	}
	free(id);
	return rc;
}

int fu_draft_new_message_id(fu_db *db, fu_draft *d, const fu_draft_input *in)
{
	unsigned char r[8] = { 0 };
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t got = fd >= 0 ? read(fd, r, sizeof r) : -1;
	if (fd >= 0)
		close(fd);
	if (got != (ssize_t)sizeof r) {
		/* no urandom: the clock and the process will do */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		uint64_t v = (uint64_t)ts.tv_nsec * 2654435761u ^
			     (uint64_t)getpid() << 32 ^ (uint64_t)ts.tv_sec;
		memcpy(r, &v, sizeof r);
	}
	const char *at = in->user_email ? strrchr(in->user_email, '@') : NULL;
	const char *domain = at && at[1] ? at + 1 : "localhost";
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "fu.%lld.", (long long)in->now);
	for (size_t i = 0; i < sizeof r; i++)
		fu_buf_printf(&b, "%02x", r[i]);
	fu_buf_putc(&b, '@');
	/* the domain as printable ASCII without specials */
	for (const char *p = domain; *p; p++)
		fu_buf_putc(&b, (*p > ' ' && *p < 127 && !strchr("<>()[]\\,;:\"@", *p))
			    ? *p : '-');
	if (b.failed) {
		fu_buf_free(&b);
		return fu__draft_oom(db);
	}
	free(d->message_id);
	d->message_id = fu_buf_detach(&b);
	return FU_OK;
}


/* Where the draft may go: a new file, or a regular file of the user's
 * own that is not the database; never through a symbolic link, never a
 * device, a FIFO or a directory. */
static int check_target(fu_db *db, const char *path)
{
	struct stat st;
	const char *kind = fu__db_file_kind(db, path);
	if (kind)
		return fu__error(db, FU_EINVALID, "refusing to write the draft "
				 "over '%s': it is %s", path, kind);
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return FU_OK;
		return fu__error(db, FU_ERROR, "cannot write '%s': %s", path,
				 strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return fu__error(db, FU_EINVALID, "refusing to write the draft "
				 "through the symbolic link '%s'", path);
	if (S_ISDIR(st.st_mode))
		return fu__error(db, FU_EINVALID, "'%s' is a directory: name "
				 "the draft's file", path);
	if (!S_ISREG(st.st_mode))
		return fu__error(db, FU_EINVALID, "refusing to write the draft "
				 "to '%s': it is not a regular file (use '-' "
				 "for standard output)", path);
	if (st.st_uid != geteuid())
		return fu__error(db, FU_EINVALID, "refusing to replace '%s': "
				 "it belongs to another user (uid %lu)", path,
				 (unsigned long)st.st_uid);
	/* replacing it needs only its directory: a file made read-only
	 * says it is not to be replaced */
	if (access(path, W_OK) != 0)
		return fu__error(db, FU_EINVALID, "refusing to replace '%s': "
				 "it is read-only", path);
	return FU_OK;
}

/* Write all of data to fd; 0 or an errno. */
static int write_all(int fd, const char *data, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		done += (size_t)w;
	}
	return 0;
}

int fu_draft_write_eml(fu_db *db, const fu_draft *d,
		       const fu_draft_input *in, const char *path)
{
	fu_buf b = FU_BUF_INIT;
	char *tmp = NULL;
	int fd = -1, err = 0;
	int rc = fu_draft_eml(&b, db, d, in);
	if (rc || (rc = check_target(db, path)))
		goto done;
	/* a new file beside path, 0600 (mkstemp), moved into place whole:
	 * path holds the new draft or what it held before, never a part,
	 * and no file but fu's own is ever written or re-permissioned */
	size_t n = strlen(path);
	tmp = malloc(n + sizeof ".tmp-XXXXXX");
	if (!tmp) {
		rc = fu__draft_oom(db);
		goto done;
	}
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = fu__error(db, FU_ERROR, "cannot write '%s': %s", path,
			       strerror(errno));
		goto done;
	}
	err = write_all(fd, b.data, b.len);
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	fd = -1;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err) {
		unlink(tmp);
		rc = fu__error(db, FU_ERROR, "cannot write '%s': %s%s", path,
			       strerror(err), err == ENOSPC ? " (the disk is "
			       "full; nothing was changed)" : "");
	}
done:
	free(tmp);
	fu_buf_free(&b);
	return rc;
}
