/* SPDX-License-Identifier: MIT */
/*
 * fu-notify-desktop - the desktop notification of fu notify, through the
 * freedesktop Notifications interface on the user's session bus (sd-bus
 * of libsystemd, linked here and never into fu).
 *
 *   fu-notify-desktop [--wait SECONDS] [--] SUMMARY BODY [COMMAND [ARG]...]
 *
 * fu gives it the summary (plain text) and the body (cleaned of
 * controls and escape sequences, &, < and > written as entities: the
 * body may be read as markup); a server that does not say body-markup
 * gets the body back as plain text. When the server says "actions" and
 * COMMAND is given, the notification has a default action, and a click
 * on it runs COMMAND (no shell) in a session of its own.
 *
 * It returns as soon as the notification is shown: exit 0, its id on
 * standard output; or exit 1, one line on standard error saying why,
 * which fu shows as it is. A click comes later (or never): a child of
 * its own, in a new session, with its standard streams on /dev/null,
 * waits for ActionInvoked or NotificationClosed on that notification,
 * at most SECONDS (default 43200, twelve hours; 0: it does not wait),
 * and ends with the bus connection. Run from fu-notify.service, that
 * child stays in the service's control group after fu notify ends:
 * the unit says KillMode=process, so that stopping the service does
 * not kill it, nor the terminal a click opens.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-bus.h>

#define DEST "org.freedesktop.Notifications"
#define PATH "/org/freedesktop/Notifications"
#define IFACE "org.freedesktop.Notifications"

extern char **environ;

static void usage(void)
{
	fputs("usage: fu-notify-desktop [--wait SECONDS] [--] SUMMARY BODY "
	      "[COMMAND [ARG]...]\n", stderr);
	exit(2);
}

/* --- the notification --------------------------------------------------- */

typedef struct shown {
	uint32_t id;
	int actions;  /* the default action was offered */
	int done;     /* clicked, closed, or the bus went away */
	int clicked;
} shown;

/* body with &amp; &lt; &gt; written back as & < > (for a server that
 * shows the body as plain text); malloc'd */
static char *unescape(const char *body)
{
	char *out = malloc(strlen(body) + 1), *o = out;
	if (!out)
		return NULL;
	for (const char *p = body; *p;) {
		if (!strncmp(p, "&amp;", 5))
			*o++ = '&', p += 5;
		else if (!strncmp(p, "&lt;", 4))
			*o++ = '<', p += 4;
		else if (!strncmp(p, "&gt;", 4))
			*o++ = '>', p += 4;
		else
			*o++ = *p++;
	}
	*o = '\0';
	return out;
}

static int has(char **caps, const char *what)
{
	for (char **c = caps; c && *c; c++)
		if (!strcmp(*c, what))
			return 1;
	return 0;
}

static int on_signal(sd_bus_message *m, void *userdata, sd_bus_error *err)
{
	shown *s = userdata;
	uint32_t id = 0;
	(void)err;
	if (sd_bus_message_is_signal(m, IFACE, "ActionInvoked")) {
		const char *key = NULL;
		if (sd_bus_message_read(m, "us", &id, &key) >= 0 &&
		    id == s->id && s->id && key && !strcmp(key, "default"))
			s->clicked = s->done = 1;
	} else if (sd_bus_message_is_signal(m, IFACE, "NotificationClosed")) {
		uint32_t reason = 0;
		if (sd_bus_message_read(m, "uu", &id, &reason) >= 0 &&
		    id == s->id && s->id)
			s->done = 1;
	}
	return 0;
}

/* Show it; *why gets a message on failure (a static or bus string). */
static int show(sd_bus *bus, shown *s, const char *summary, const char *body,
		int want_action, char *why, size_t whylen)
{
	sd_bus_error err = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	char **caps = NULL, *plain = NULL;
	int r = sd_bus_call_method(bus, DEST, PATH, IFACE, "GetCapabilities",
				   &err, &reply, "");
	if (r < 0) {
		snprintf(why, whylen, "no notification server answers on the "
			 "session bus: %s", err.message ? err.message
			 : strerror(-r));
		goto done;
	}
	if ((r = sd_bus_message_read_strv(reply, &caps)) < 0) {
		snprintf(why, whylen, "the notification server's "
			 "capabilities cannot be read: %s", strerror(-r));
		goto done;
	}
	reply = sd_bus_message_unref(reply);
	if (!has(caps, "body-markup") && !(body = plain = unescape(body))) {
		r = -ENOMEM;
		snprintf(why, whylen, "out of memory");
		goto done;
	}
	s->actions = want_action && has(caps, "actions");
	sd_bus_message *call = NULL;
	r = sd_bus_message_new_method_call(bus, &call, DEST, PATH, IFACE,
					   "Notify");
	if (r >= 0)
		r = sd_bus_message_append(call, "susss", "fu", (uint32_t)0, "",
					  summary, body);
	if (r >= 0 && s->actions)
		r = sd_bus_message_append(call, "as", 2, "default",
					  "Show what is due");
	else if (r >= 0)
		r = sd_bus_message_append(call, "as", 0);
	if (r >= 0)
		r = sd_bus_message_append(call, "a{sv}i", 1, "urgency", "y",
					  (uint8_t)1, (int32_t)-1);
	if (r >= 0)
		r = sd_bus_call(bus, call, 0, &err, &reply);
	sd_bus_message_unref(call);
	if (r < 0) {
		snprintf(why, whylen, "the notification server refused the "
			 "notification: %s", err.message ? err.message
			 : strerror(-r));
		goto done;
	}
	if ((r = sd_bus_message_read(reply, "u", &s->id)) < 0)
		snprintf(why, whylen, "the notification server's answer "
			 "cannot be read: %s", strerror(-r));
done:
	for (char **c = caps; c && *c; c++)
		free(*c);
	free(caps);
	free(plain);
	sd_bus_message_unref(reply);
	sd_bus_error_free(&err);
	return r < 0 ? r : 0;
}

/* --- after it is shown: the click ----------------------------------------- */

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void run_click(char **cmd)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	pid_t pid;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&attr);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	/* (the helper's own streams are /dev/null by now) */
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
	posix_spawnp(&pid, cmd[0], &fa, &attr, cmd, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
}

static void wait_for_click(sd_bus *bus, shown *s, long seconds, char **cmd)
{
	int64_t deadline = now_us() + (int64_t)seconds * 1000000;
	while (!s->done) {
		int r = sd_bus_process(bus, NULL);
		if (r < 0)
			return; /* the bus went away: so did the desktop */
		if (r > 0)
			continue;
		int64_t left = deadline - now_us();
		if (left <= 0)
			return;
		if (sd_bus_wait(bus, (uint64_t)left) < 0)
			return;
	}
	if (s->clicked) {
		run_click(cmd);
		sd_bus_call_method(bus, DEST, PATH, IFACE, "CloseNotification",
				   NULL, NULL, "u", s->id);
	}
}

/* --- main ------------------------------------------------------------------ */

int main(int argc, char **argv)
{
	long wait = 43200;
	int i = 1;
	while (i < argc && argv[i][0] == '-' && argv[i][1]) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(argv[i], "--wait") && i + 1 < argc) {
			char *end = NULL;
			wait = strtol(argv[i + 1], &end, 10);
			if (!*argv[i + 1] || *end || wait < 0 || wait > 604800)
				usage();
			i += 2;
			continue;
		}
		usage();
	}
	if (argc - i < 2)
		usage();
	const char *summary = argv[i], *body = argv[i + 1];
	char **cmd = argc - i > 2 ? argv + i + 2 : NULL;
	int waits = cmd && wait > 0;

	/* A child shows the notification (and waits for the click, in a
	 * session of its own); this process says how that went. */
	int ready[2] = { -1, -1 };
	if (waits) {
		if (pipe2(ready, O_CLOEXEC)) {
			fprintf(stderr, "cannot make a pipe: %s\n",
				strerror(errno));
			return 1;
		}
		pid_t pid = fork();
		if (pid < 0) {
			fprintf(stderr, "cannot fork: %s\n", strerror(errno));
			return 1;
		}
		if (pid > 0) {
			char msg[1024];
			size_t n = 0;
			ssize_t got;
			close(ready[1]);
			while (n < sizeof msg - 1 &&
			       ((got = read(ready[0], msg + n,
					    sizeof msg - 1 - n)) > 0 ||
				(got < 0 && errno == EINTR)))
				if (got > 0)
					n += (size_t)got;
			msg[n] = '\0';
			if (n > 1 && msg[0] == '0') {
				printf("%s\n", msg + 1);
				return 0;
			}
			/* (a child that failed has exited: no zombie left) */
			waitpid(pid, NULL, WNOHANG);
			fprintf(stderr, "%s\n", n > 1 ? msg + 1 : "the notifier "
				"stopped before the notification was shown");
			return 1;
		}
		close(ready[0]);
		setsid();
		signal(SIGHUP, SIG_IGN);
	}

	char why[800] = "";
	shown s = { 0 };
	sd_bus *bus = NULL;
	int r = sd_bus_open_user(&bus);
	if (r < 0)
		snprintf(why, sizeof why, "cannot reach the session bus: %s",
			 strerror(-r));
	if (r >= 0 && waits) {
		/* listen before showing: a quick click is not lost */
		r = sd_bus_match_signal(bus, NULL, NULL, PATH, IFACE,
					"ActionInvoked", on_signal, &s);
		if (r >= 0)
			r = sd_bus_match_signal(bus, NULL, NULL, PATH, IFACE,
						"NotificationClosed",
						on_signal, &s);
		if (r < 0)
			snprintf(why, sizeof why, "cannot listen on the "
				 "session bus: %s", strerror(-r));
	}
	if (r >= 0)
		r = show(bus, &s, summary, body, cmd != NULL, why, sizeof why);

	if (!waits) {
		sd_bus_flush_close_unref(bus);
		if (r < 0) {
			fprintf(stderr, "%s\n", why);
			return 1;
		}
		printf("%u\n", s.id);
		return 0;
	}
	/* tell the parent, then leave its streams alone */
	char msg[1024];
	int len = r < 0 ? snprintf(msg, sizeof msg, "1%s", why)
			: snprintf(msg, sizeof msg, "0%u", s.id);
	int devnull = open("/dev/null", O_RDWR);
	if (devnull >= 0) {
		dup2(devnull, 0);
		dup2(devnull, 1);
		dup2(devnull, 2);
		if (devnull > 2)
			close(devnull);
	}
	if (write(ready[1], msg, (size_t)len) < 0) {
		/* the parent is gone: nobody to tell */
	}
	close(ready[1]);
	if (r >= 0 && s.actions)
		wait_for_click(bus, &s, wait, cmd);
	sd_bus_flush_close_unref(bus);
	return r < 0;
}
