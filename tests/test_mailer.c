/* SPDX-License-Identifier: MIT */
/* test_mailer.c - a plain-text e-mail composed (lib/mailer.c): its
 * headers, RFC 2047 names and subjects, 7bit or quoted-printable bodies,
 * message ids, replies, and no header injection whatever the fields
 * hold; sendmail found and run. */
#include "fu_test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/mailer.h"
#include "fu/spawn.h"

static fu_mail base(void)
{
	fu_mail m = { 0 };
	m.from_name = "Alex Morgan";
	m.from_addr = "alex@example.org";
	m.to_name = "Dana Reyes";
	m.to_addr = "dana@acme.example";
	m.subject = "fu: 2 follow-ups due";
	m.body = "Two things.\nThat is all.\n";
	m.date = NOW;
	m.message_id = "<1.2.abc@example.org>";
	return m;
}

/* The headers of the message (up to the empty line), CRLF kept. */
static char *headers(const char *msg)
{
	const char *end = strstr(msg, "\r\n\r\n");
	assert_non_null(end);
	return strndup(msg, (size_t)(end - msg) + 2);
}

/* Every line ends in CRLF, none is longer than 78 characters (998 is
 * the limit; 78 what RFC 5322 asks), and none but the header lines and
 * their folds starts a header. */
static void check_lines(const char *msg)
{
	for (const char *p = msg; *p;) {
		const char *nl = strstr(p, "\r\n");
		assert_non_null(nl);
		assert_true(nl - p <= 78);
		for (const char *q = p; q < nl; q++)
			assert_true(*q != '\r' && *q != '\n');
		p = nl + 2;
	}
}

static void test_mailer_headers(void **state)
{
	fu_db *db = *state;
	fu_mail m = base();
	fu_buf b = FU_BUF_INIT;
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	assert_same_text(b.data,
		"From: Alex Morgan <alex@example.org>\r\n"
		"To: Dana Reyes <dana@acme.example>\r\n"
		"Subject: fu: 2 follow-ups due\r\n"
		"Date: Mon, 09 Nov 2026 09:00:00 +0100\r\n"
		"Message-ID: <1.2.abc@example.org>\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: text/plain; charset=UTF-8\r\n"
		"Content-Transfer-Encoding: 7bit\r\n"
		"\r\n"
		"Two things.\r\n"
		"That is all.\r\n");
	check_lines(b.data);
	fu_buf_free(&b);

	/* no names: bare addresses; summer time: +0200 */
	m.from_name = NULL;
	m.to_name = "";
	m.date = NOW - 120 * DAY;
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	assert_has(b.data, "From: alex@example.org\r\nTo: dana@acme.example\r\n");
	assert_has(b.data, "Date: Sun, 12 Jul 2026 10:00:00 +0200\r\n");
	fu_buf_free(&b);
}

static void test_mailer_encoded_words(void **state)
{
	fu_db *db = *state;
	fu_mail m = base();
	fu_buf b = FU_BUF_INIT;
	m.from_name = "Alex Mørgan";
	m.to_name = "Reyes, Dana \"D\"";
	m.subject = "Relance : entretien d'équipe";
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	char *h = headers(b.data);
	assert_has(h, "From: =?UTF-8?B?QWxleCBNw7hyZ2Fu?= <alex@example.org>\r\n");
	assert_has(h, "To: \"Reyes, Dana \\\"D\\\"\" <dana@acme.example>\r\n");
	assert_has(h, "Subject: =?UTF-8?B?UmVsYW5jZSA6IGVudHJldGllbiBkJ8OpcXVpcGU=?=\r\n");
	free(h);
	fu_buf_free(&b);

	/* ASCII that a reader would decode, or a long name: encoded too,
	 * each word within 75 characters, folded */
	m.from_name = "=?UTF-8?B?SGk=?= not a word";
	m.subject = "a subject long enough to be folded at the spaces between "
		    "its words, which it is, twice over, into three lines of "
		    "text in all";
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	h = headers(b.data);
	assert_has(h, "From: =?UTF-8?B?PT9VVEYtOD9CP1NHaz0/PSBub3QgYSB3b3Jk?=");
	assert_has(h, "Subject: a subject long enough to be folded at the spaces "
		      "between its words,\r\n which it is,");
	check_lines(b.data);
	free(h);
	fu_buf_free(&b);

	/* a name past 45 bytes: several encoded-words, one a line */
	m.from_name = "Ægidius Fürstenberg-Ødegård von Schönhausen-Lönnrot";
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	h = headers(b.data);
	assert_has(h, "?=\r\n =?UTF-8?B?");
	check_lines(b.data);
	free(h);
	fu_buf_free(&b);
}

static void test_mailer_body(void **state)
{
	fu_db *db = *state;
	fu_mail m = base();
	fu_buf b = FU_BUF_INIT;
	/* non-ASCII: quoted-printable, = and trailing blanks encoded */
	m.body = "Café = coffee \nline two\t\n";
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	assert_has(b.data, "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
			   "Caf=C3=A9 =3D coffee=20\r\nline two=09\r\n");
	fu_buf_free(&b);
	/* a long line: quoted-printable, soft breaks within 76 */
	char longline[300];
	memset(longline, 'x', sizeof longline - 2);
	longline[sizeof longline - 2] = '\n';
	longline[sizeof longline - 1] = '\0';
	m.body = longline;
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	assert_has(b.data, "quoted-printable");
	assert_has(b.data, "=\r\nxxx");
	check_lines(b.data);
	fu_buf_free(&b);
	/* CRs dropped, CRLF made of LF; invalid UTF-8 becomes U+FFFD; a
	 * dot alone and a "From " line are encoded */
	m.body = "one\r\ntwo \xff\n.\nFrom here\n";
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	assert_has(b.data, "\r\n\r\none\r\ntwo =EF=BF=BD\r\n=2E\r\n=46rom here\r\n");
	fu_buf_free(&b);
	/* the signature separator keeps its space in 7bit */
	m.body = "text\n-- \nfu\n";
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	assert_has(b.data, "7bit\r\n\r\ntext\r\n-- \r\nfu\r\n");
	fu_buf_free(&b);
}

/* Nothing a field holds can add a header or a recipient. */
static void test_mailer_injection(void **state)
{
	fu_db *db = *state;
	fu_mail m = base();
	fu_buf b = FU_BUF_INIT;
	m.from_name = "Alex\r\nBcc: victim@example.net";
	m.to_name = "Dana\nX-Evil: 1";
	m.subject = "hi\r\nBcc: victim@example.net\r\n\r\nbody";
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	char *h = headers(b.data);
	assert_lacks(h, "\nBcc:");
	assert_lacks(h, "\nX-Evil");
	assert_has(h, "From: \"Alex  Bcc: victim@example.net\" <alex@example.org>\r\n");
	assert_has(h, "To: \"Dana X-Evil: 1\" <dana@acme.example>\r\n");
	assert_has(h, "Subject: hi  Bcc: victim@example.net    body\r\n");
	check_lines(b.data);
	free(h);
	fu_buf_free(&b);
	/* C1 controls and DEL, in a name that must be encoded anyway */
	m.to_name = "Dana\xc2\x85Reyes\x7f";
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	h = headers(b.data);
	assert_has(h, "To: Dana Reyes <dana@acme.example>\r\n");
	free(h);
	fu_buf_free(&b);

	/* addresses: refused, never rewritten */
	static const char *const bad[] = {
		"dana@acme.example\r\nBcc: victim@example.net",
		"dana@acme.example, victim@example.net",
		"Dana <dana@acme.example>",
		"dana@acme.example (comment)",
		"\"dana\"@acme.example",
		"dana@@acme.example",
		"dana",
		"@acme.example",
		"dana@",
		"da..na@acme.example",
		".dana@acme.example",
		"dana@acme..example",
		"dané@acme.example",
		"-oQ/tmp/x",
		"",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		m = base();
		m.to_addr = bad[i];
		fu_buf_clear(&b);
		assert_int_equal(fu_mail_compose(&b, db, &m), FU_EINVALID);
		m = base();
		m.from_addr = bad[i];
		assert_int_equal(fu_mail_compose(&b, db, &m), FU_EINVALID);
	}
	assert_has(fu_errmsg(db), "the message has no sender address");
	m = base();
	m.to_addr = NULL;
	assert_int_equal(fu_mail_compose(&b, db, &m), FU_EINVALID);
	/* message ids */
	m = base();
	m.message_id = "<a@b>\r\nBcc: x@y";
	assert_int_equal(fu_mail_compose(&b, db, &m), FU_EINVALID);
	m = base();
	m.in_reply_to = "not-an-id";
	assert_int_equal(fu_mail_compose(&b, db, &m), FU_EINVALID);
	m = base();
	m.in_reply_to = "<a@b>";
	m.references = "<c@d> <e@f>\r\nBcc: x@y";
	assert_int_equal(fu_mail_compose(&b, db, &m), FU_EINVALID);
	fu_buf_free(&b);
}

static void test_mailer_reply(void **state)
{
	fu_db *db = *state;
	fu_mail m = base();
	fu_buf b = FU_BUF_INIT;
	m.in_reply_to = "<reply.to@acme.example>";
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	assert_has(b.data, "Message-ID: <1.2.abc@example.org>\r\n"
			   "In-Reply-To: <reply.to@acme.example>\r\n"
			   "References: <reply.to@acme.example>\r\n"
			   "MIME-Version");
	fu_buf_free(&b);
	m.references = "<first.one@acme.example>   <second.one@acme.example> "
		       "<third.one.with.a.long.left.part@acme.example>";
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	assert_has(b.data, "References: <first.one@acme.example> "
			   "<second.one@acme.example>\r\n"
			   " <third.one.with.a.long.left.part@acme.example> "
			   "<reply.to@acme.example>\r\n");
	check_lines(b.data);
	fu_buf_free(&b);
}

/* Made up: <seconds.pid.16-hex@sender's domain>, different each time. */
static void test_mailer_message_id(void **state)
{
	fu_db *db = *state;
	fu_mail m = base();
	m.message_id = NULL;
	fu_buf a = FU_BUF_INIT, b = FU_BUF_INIT;
	assert_fu_ok_db(db, fu_mail_compose(&a, db, &m));
	assert_fu_ok_db(db, fu_mail_compose(&b, db, &m));
	const char *ida = strstr(a.data, "Message-ID: <");
	const char *idb = strstr(b.data, "Message-ID: <");
	assert_non_null(ida);
	assert_non_null(idb);
	char want[64];
	snprintf(want, sizeof want, "Message-ID: <%d.%ld.", NOW, (long)getpid());
	assert_true(!strncmp(ida, want, strlen(want)));
	const char *hex = ida + strlen(want);
	assert_int_equal(strspn(hex, "0123456789abcdef"), 16);
	assert_true(!strncmp(hex + 16, "@example.org>\r\n", 15));
	assert_true(strncmp(ida, idb, strcspn(ida, "\r")) != 0);
	fu_buf_free(&a);
	fu_buf_free(&b);
}

/* A sendmail of the test's own: it writes its arguments and its input
 * to files. */
static void fake_sendmail(char *path, size_t len, const char *dir)
{
	snprintf(path, len, "%s/sendmail", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\nprintf '%%s\\n' \"$@\" >\"%s/args\"\n"
		"cat >\"%s/msg\"\n", dir, dir);
	fclose(f);
	chmod(path, 0700);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fu_buf b = FU_BUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		fu_buf_add(&b, buf, n);
	fclose(f);
	return fu_buf_detach(&b);
}

static void test_mailer_send(void **state)
{
	fu_db *db = *state;
	char dir[512], prog[600], file[600];
	fu_test_temp_path(dir, sizeof dir, "mailer");
	mkdir(dir, 0700);
	fake_sendmail(prog, sizeof prog, dir);
	char **argv = NULL, line[700];
	snprintf(line, sizeof line, "%s -t -oi", prog);
	assert_fu_ok_db(db, fu_mail_sendmail(&argv, db, line));
	fu_mail m = base();
	assert_fu_ok_db(db, fu_mail_send(db, &m, argv, NULL));
	snprintf(file, sizeof file, "%s/args", dir);
	char *args = slurp(file);
	/* run as configured, nothing added: the recipient is in To: */
	assert_string_equal(args, "-t\n-oi\n");
	free(args);
	snprintf(file, sizeof file, "%s/msg", dir);
	char *msg = slurp(file);
	/* LF line ends, as sendmail reads */
	assert_lacks(msg, "\r");
	assert_has(msg, "From: Alex Morgan <alex@example.org>\nTo: Dana Reyes "
			"<dana@acme.example>\n");
	assert_has(msg, "\n\nTwo things.\nThat is all.\n");
	free(msg);
	fu_spawn_free(argv);

	/* the default, sendmail -t -oi, as fu config gives it too;
	 * sendmail found in PATH */
	char *def = NULL;
	assert_fu_ok_db(db, fu_config_value(&def, db, "mail.sendmail"));
	assert_string_equal(def, FU_MAIL_SENDMAIL_DEFAULT);
	assert_string_equal(def, "sendmail -t -oi");
	free(def);
	const char *path = getenv("PATH");
	char *saved = strdup(path ? path : "");
	snprintf(line, sizeof line, "/nonexistent:%s:/usr/bin:/bin", dir);
	setenv("PATH", line, 1);
	for (int i = 0; i < 2; i++) {
		assert_fu_ok_db(db, fu_mail_sendmail(&argv, db, i ? "" : NULL));
		assert_string_equal(argv[0], "sendmail");
		assert_string_equal(argv[1], "-t");
		assert_string_equal(argv[2], "-oi");
		assert_null(argv[3]);
		fu_spawn_free(argv);
	}
	/* not in PATH (cron's has no sbin): /usr/sbin and /usr/lib */
	setenv("PATH", "/nonexistent", 1);
	if (access("/usr/sbin/ldconfig", X_OK) == 0) {
		assert_fu_ok_db(db, fu_mail_sendmail(&argv, db, "ldconfig -p"));
		assert_string_equal(argv[0], "/usr/sbin/ldconfig");
		assert_string_equal(argv[1], "-p");
		fu_spawn_free(argv);
	}
	assert_int_equal(fu_mail_sendmail(&argv, db, "fu-no-such-mailer -t"),
			 FU_ENOTFOUND);
	assert_null(argv);
	assert_string_equal(fu_errmsg(db), "no 'fu-no-such-mailer' program in "
			    "PATH, /usr/sbin or /usr/lib: install a sendmail "
			    "(msmtp-mta, postfix, ...) or set mail.sendmail");
	/* where sendmail -t -oi runs: the one in PATH */
	snprintf(line, sizeof line, "%s/args", dir);
	unlink(line);
	snprintf(line, sizeof line, "/nonexistent:%s:/usr/bin:/bin", dir);
	setenv("PATH", line, 1);
	assert_fu_ok_db(db, fu_mail_sendmail(&argv, db, NULL));
	assert_fu_ok_db(db, fu_mail_send(db, &m, argv, NULL));
	fu_spawn_free(argv);
	snprintf(line, sizeof line, "%s/args", dir);
	args = slurp(line);
	assert_string_equal(args, "-t\n-oi\n");
	free(args);
	setenv("PATH", "/nonexistent", 1);
	assert_int_equal(fu_mail_sendmail(&argv, db, "msmtp 'x"), FU_EINVALID);
	assert_null(argv);
	setenv("PATH", saved, 1);
	free(saved);
	/* a path is taken as it is */
	assert_fu_ok_db(db, fu_mail_sendmail(&argv, db, "./sendmail -t"));
	assert_string_equal(argv[0], "./sendmail");
	fu_spawn_free(argv);

	/* one that fails: its status and first line */
	assert_fu_ok_db(db, fu_mail_sendmail(&argv, db, "sh -c 'cat >/dev/null; "
					     "echo; echo \"relay refused\" >&2; "
					     "echo more >&2; exit 69'"));
	assert_int_equal(fu_mail_send(db, &m, argv, NULL), FU_ERROR);
	assert_string_equal(fu_errmsg(db), "'sh' exited with status 69: relay "
			    "refused");
	fu_spawn_free(argv);
	/* an address refused sends nothing */
	assert_fu_ok_db(db, fu_mail_sendmail(&argv, db, prog));
	m.to_addr = "-oi";
	unlink(file);
	assert_int_equal(fu_mail_send(db, &m, argv, NULL), FU_EINVALID);
	assert_int_equal(access(file, F_OK), -1);
	fu_spawn_free(argv);
	unlink(prog);
	snprintf(file, sizeof file, "%s/args", dir);
	unlink(file);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_mailer_headers),
		FU_TEST(test_mailer_encoded_words),
		FU_TEST(test_mailer_body),
		FU_TEST(test_mailer_injection),
		FU_TEST(test_mailer_reply),
		FU_TEST(test_mailer_message_id),
		FU_TEST(test_mailer_send),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
