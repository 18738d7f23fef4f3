/* SPDX-License-Identifier: MIT */
/* test_spawn.c - running another program without a shell (lib/spawn.c):
 * command lines split as a shell splits them (and nothing more), the
 * program's input, exit status, first line of stderr, time limit, and
 * no SIGPIPE in fu when it stops reading. */
#include "fu_test.h"

#include <signal.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/spawn.h"
#include "internal.h"

/* The words of line, joined by '|'. */
static char *split(fu_db *db, const char *line)
{
	char **argv = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_spawn_split(&argv, &n, db, line));
	fu_buf b = FU_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		fu_buf_printf(&b, "%s%s", i ? "|" : "", argv[i]);
	assert_null(argv[n]);
	fu_spawn_free(argv);
	return fu_buf_detach(&b);
}

static void test_spawn_split(void **state)
{
	fu_db *db = *state;
	static const struct { const char *line, *words; } cases[] = {
		{ "sendmail", "sendmail" },
		{ "  msmtp  -a   default\t", "msmtp|-a|default" },
		{ "sh -c 'cat >\"/tmp/x y\"; exit 3'", "sh|-c|cat >\"/tmp/x y\"; exit 3" },
		{ "a\\ b \"c \\\"d\\\" \\\\ \\x\" e'f'g", "a b|c \"d\" \\ \\x|efg" },
		{ "echo $HOME ~ *.c | wc > out; x", "echo|$HOME|~|*.c|||wc|>|out;|x" },
		{ "'' \"\" x", "||x" },
		{ "x\\", "x\\" },
		{ "naïve 'ünïcode'", "naïve|ünïcode" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = split(db, cases[i].line);
		assert_string_equal(got, cases[i].words);
		free(got);
	}
	static const char *const bad[] = { "", "   ", "'open", "\"open",
					   "a 'b\"", "x\ny", "x\ry", "x\x1b" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char **argv = NULL;
		assert_int_equal(fu_spawn_split(&argv, NULL, db, bad[i]),
				 FU_EINVALID);
		assert_null(argv);
	}
	char **argv = NULL;
	fu_spawn_split(&argv, NULL, db, "a 'b");
	assert_string_equal(fu_errmsg(db), "the command line has an unclosed "
			    "single quote");
	fu_spawn_split(&argv, NULL, db, "  ");
	assert_string_equal(fu_errmsg(db), "the command line names no program");
}

static void test_spawn_env_with(void **state)
{
	(void)state;
	setenv("FU_TEST_SPAWN", "old", 1);
	char **env = fu_spawn_env_with("FU_TEST_SPAWN", "new=value");
	assert_non_null(env);
	int found = 0;
	for (char **e = env; *e; e++) {
		if (!strncmp(*e, "FU_TEST_SPAWN=", 14)) {
			found++;
			assert_string_equal(*e, "FU_TEST_SPAWN=new=value");
		}
	}
	assert_int_equal(found, 1);
	fu_spawn_free(env);
	unsetenv("FU_TEST_SPAWN");
}

static int run(fu_db *db, const char *line, const fu_spawn_opts *o)
{
	char **argv = NULL;
	assert_fu_ok_db(db, fu_spawn_split(&argv, NULL, db, line));
	int rc = fu_spawn_run(db, argv, o);
	fu_spawn_free(argv);
	return rc;
}

static void test_spawn_run(void **state)
{
	fu_db *db = *state;
	char path[512], line[1200];
	fu_test_temp_path(path, sizeof path, "spawn.out");
	/* its input, whole */
	fu_spawn_opts o = { .in = "one\ntwo\n", .inlen = 8 };
	snprintf(line, sizeof line, "sh -c 'cat >\"%s\"'", path);
	assert_fu_ok_db(db, run(db, line, &o));
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char buf[64] = "";
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_string_equal(buf, "one\ntwo\n");
	unlink(path);
	/* no input: /dev/null; nothing on its stdout reaches ours */
	assert_fu_ok_db(db, run(db, "sh -c 'test \"$(cat)\" = \"\" && echo "
				"loud'", NULL));
	/* a failure: status and first line that is not blank */
	assert_int_equal(run(db, "sh -c 'echo >&2; echo \"no route\" >&2; "
			     "echo second >&2; exit 75'", NULL), FU_ERROR);
	assert_string_equal(fu_errmsg(db), "'sh' exited with status 75: no route");
	assert_int_equal(run(db, "false", NULL), FU_ERROR);
	assert_string_equal(fu_errmsg(db), "'false' exited with status 1");
	/* its own name in messages; a helper of fu's says it all */
	o = (fu_spawn_opts){ .what = "the mailer" };
	assert_int_equal(run(db, "sh -c 'exit 2'", &o), FU_ERROR);
	assert_string_equal(fu_errmsg(db), "'the mailer' exited with status 2");
	o = (fu_spawn_opts){ .own = 1 };
	assert_int_equal(run(db, "sh -c 'echo \"cannot reach the bus\" >&2; "
			     "exit 1'", &o), FU_ERROR);
	assert_string_equal(fu_errmsg(db), "cannot reach the bus");
	/* killed */
	assert_int_equal(run(db, "sh -c 'kill -9 $$'", NULL), FU_ERROR);
	assert_string_equal(fu_errmsg(db), "'sh' was killed by signal 9");
	/* cannot be run */
	assert_int_equal(run(db, "/nonexistent/prog -x", NULL), FU_ERROR);
	assert_string_equal(fu_errmsg(db), "cannot run '/nonexistent/prog': No "
			    "such file or directory");
	assert_int_equal(run(db, "fu-no-such-program-anywhere", NULL), FU_ERROR);
	assert_has(fu_errmsg(db), "cannot run 'fu-no-such-program-anywhere'");
}

static void test_spawn_time_limit(void **state)
{
	fu_db *db = *state;
	fu_spawn_opts o = { .timeout_ms = 300 };
	time_t t0 = time(NULL);
	assert_int_equal(run(db, "sleep 30", &o), FU_ERROR);
	assert_true(time(NULL) - t0 < 10);
	assert_string_equal(fu_errmsg(db), "'sleep' did not finish within 1 "
			    "seconds (killed)");
	/* a child that keeps stderr open after the program exits does not
	 * hold fu */
	t0 = time(NULL);
	o.timeout_ms = 20000;
	assert_fu_ok_db(db, run(db, "sh -c '(sleep 5 >/dev/null) & exit 0'", &o));
	assert_true(time(NULL) - t0 < 4);
}

static int got_sigpipe;
static void on_sigpipe(int sig)
{
	(void)sig;
	got_sigpipe = 1;
}

/* A program that exits without reading a megabyte: its status decides,
 * and fu gets no SIGPIPE (a handler would see it; the default would
 * kill the test). */
static void test_spawn_no_sigpipe(void **state)
{
	fu_db *db = *state;
	size_t len = 1 << 20;
	char *big = malloc(len);
	assert_non_null(big);
	memset(big, 'x', len);
	fu_spawn_opts o = { .in = big, .inlen = len };
	assert_fu_ok_db(db, run(db, "true", &o));
	assert_int_equal(run(db, "sh -c 'head -c 10 >/dev/null; exit 4'", &o),
			 FU_ERROR);
	struct sigaction sa = { 0 }, old;
	sa.sa_handler = on_sigpipe;
	sigaction(SIGPIPE, &sa, &old);
	assert_fu_ok_db(db, run(db, "true", &o));
	assert_int_equal(got_sigpipe, 0);
	/* and the mask is as it was */
	sigset_t mask;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	assert_false(sigismember(&mask, SIGPIPE));
	sigaction(SIGPIPE, &old, NULL);
	free(big);
}

/* Input and output both larger than a pipe holds, to a program that
 * answers as it reads (cat; fu sync's fu-sync-open): the whole output,
 * and no deadlock (a blocking write of the whole input waited for the
 * program, which waited for its full output pipe to be read). */
static void test_spawn_both_ways(void **state)
{
	fu_db *db = *state;
	size_t len = 1 << 20;
	char *big = malloc(len);
	assert_non_null(big);
	for (size_t i = 0; i < len; i++)
		big[i] = (char)('a' + i % 26);
	const char *argv[] = { "cat", NULL };
	fu_buf out = FU_BUF_INIT, err = FU_BUF_INIT;
	int status = -1;
	alarm(60); /* a deadlock fails the test rather than hang it */
	assert_fu_ok_db(db, fu__spawn(db, argv, NULL, big, len, &out, &err,
				      &status));
	alarm(0);
	assert_int_equal(status, 0);
	assert_int_equal(out.len, len);
	assert_memory_equal(out.data, big, len);
	fu_buf_free(&out);
	fu_buf_free(&err);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_spawn_split),
		FU_TEST(test_spawn_env_with),
		FU_TEST(test_spawn_run),
		FU_TEST(test_spawn_time_limit),
		FU_TEST(test_spawn_no_sigpipe),
		FU_TEST(test_spawn_both_ways),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
