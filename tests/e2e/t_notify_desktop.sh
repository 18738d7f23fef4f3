#!/bin/sh
# SPDX-License-Identifier: MIT
# t_notify_desktop - fu notify's desktop method on a real session bus: a
# private one (dbus-run-session) where a notification server of the
# test's own (notify_server.py: Debian's python3-dbus and python3-gi)
# owns org.freedesktop.Notifications and writes down every Notify call.
# Exactly one call with the right summary and body; none when nothing
# is due; a click runs notify.terminal on the same database; hostile
# names reach it cleaned and escaped; no bus, no server: one error line,
# exit 8, logged. Skipped (77) only when dbus-run-session or those
# Python modules are missing.
if [ -z "${FU_NOTIFY_IN_BUS:-}" ]; then
	if ! command -v dbus-run-session >/dev/null 2>&1; then
		echo "SKIP: dbus-run-session is not installed (Debian package dbus-daemon)"
		exit 77
	fi
	if ! /usr/bin/python3 -c 'import dbus, dbus.mainloop.glib; from gi.repository import GLib' \
		2>/dev/null; then
		echo "SKIP: /usr/bin/python3 cannot import dbus and gi (python3-dbus, python3-gi)"
		exit 77
	fi
	FU_NOTIFY_IN_BUS=1 exec dbus-run-session -- sh "$0" "$@"
fi
. "$FU_TESTS/e2e/lib.sh"

SERVER=""
stop_server() {
	if [ -n "$SERVER" ]; then
		kill "$SERVER" 2>/dev/null
		wait "$SERVER" 2>/dev/null
	fi
	SERVER=""
}
trap 'stop_server; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

# server [--caps ...] [--click] [--close]: a fresh server, its record in
# $T/rec (a JSON line per Notify)
server() {
	stop_server
	rm -f "$T/rec" "$T/rec.ready" "$T/rec.closed"
	/usr/bin/python3 "$FU_TESTS/e2e/notify_server.py" "$T/rec" "$@" \
		2>>"$T/server.err" &
	SERVER=$!
	i=0
	while [ ! -f "$T/rec.ready" ] && [ "$i" -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -f "$T/rec.ready" ] || fail "the notification server did not start: $(cat "$T/server.err")"
}

# rec EXPR: a Python expression over r, the list of recorded calls
rec() {
	if "$PY3" -c '
import json, os, sys
p = sys.argv[2]
r = [json.loads(l) for l in open(p, encoding="utf-8")] if os.path.exists(p) else []
sys.exit(0 if eval(sys.argv[1]) else 1)' "$1" "$T/rec"; then pass; else
		fail "recorded calls: $1"; cat "$T/rec" 2>/dev/null | head -c 2000
	fi
}

# waiting FILE-OR-NOTHING: wait up to 5 s for a file to appear
wait_for() {
	i=0
	while [ ! -e "$1" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

# waiters: how many fu-notify-desktop processes of this test still wait
waiters() {
	if command -v pgrep >/dev/null 2>&1; then
		pgrep -c -f "fu-notify-desktop.*$T"
		return
	fi
	n=0
	for p in /proc/[0-9]*; do
		{ tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null |
			grep -q "fu-notify-desktop.*$T" && n=$((n + 1))
	done
	echo "$n"
}
no_waiter_left() {
	i=0
	while [ "$(waiters)" != 0 ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(waiters)" = 0 ] && pass || fail "$1: a fu-notify-desktop still waits"
}

# fu finds its helper beside itself (the build tree)
unset FU_LIBEXECDIR
ok config notify.via desktop
ok config notify.terminal "sh -c 'echo \"\$FU_DB\" >\"$T/clicked\"'"

t "nothing due: no notification, exit 1"
server --close
run notify
[ "$code" -eq 1 ] && pass || fail "exited $code, wanted 1"
rec "r == []"

export FU_NOW="2026-11-02 10:00"
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied today
ok add application Hooli "Data Engineer" --applied today --source board
export FU_NOW="2026-11-05 09:00"

t "one notification, its summary and body, the default action offered"
server --close
ok notify
out_is "fu: 2 follow-ups due
desktop: sent"
[ -s "$T/err" ] && fail "stderr: $(cat "$T/err")" || pass
rec "len(r) == 1"
rec "r[0]['summary'] == 'fu: 2 follow-ups due'"
rec "r[0]['body'] == 'due: application-check-in by email to Dana Reyes (Acme, Backend Engineer), due Mon 9 Nov 10:00\ndue: find-contact (Hooli, Data Engineer), due Mon 9 Nov 10:00'"
rec "r[0]['app'] == 'fu' and r[0]['replaces'] == 0 and r[0]['timeout'] == -1"
rec "r[0]['actions'] == ['default', 'Show what is due'] and r[0]['hints'] == {'urgency': 1}"
ok notify --log --json
json "d[-1]['method'] == 'desktop' and d[-1]['ok'] and d[-1]['actions'] == 2"
t "closed without a click: nothing run, nothing left waiting"
no_waiter_left "after NotificationClosed"
[ -e "$T/clicked" ] && fail "the click's command ran" || pass

t "overdue, and more than notify.max"
ok config notify.max 1
server --close
FU_NOW="2026-11-10 09:00" ok notify
rec "len(r) == 1 and r[0]['summary'] == 'fu: 2 follow-ups overdue'"
rec "r[0]['body'].splitlines() == ['overdue: application-check-in by email to Dana Reyes (Acme, Backend Engineer), due Mon 9 Nov 10:00', 'and 1 more: fu due']"
ok config --unset notify.max
no_waiter_left "after NotificationClosed"

t "a click runs notify.terminal, given FU_DB; the notification is closed"
server --click
ok notify
wait_for "$T/clicked"
[ -s "$T/clicked" ] && pass || fail "the click ran nothing"
[ "$(cat "$T/clicked" 2>/dev/null)" = "$(realpath "$FU_DB")" ] && pass ||
	fail "FU_DB in the click's command: '$(cat "$T/clicked" 2>/dev/null)'"
wait_for "$T/rec.closed"
[ "$(cat "$T/rec.closed" 2>/dev/null)" = 1 ] && pass || fail "CloseNotification not called"
no_waiter_left "after the click"
rm -f "$T/clicked"

t "a server without actions: no action, nobody waits"
server --caps body,body-markup
ok notify
rec "len(r) == 1 and r[0]['actions'] == []"
no_waiter_left "without actions"

t "the helper waits for a click at most --wait seconds"
server
"$(dirname "$FU")/fu-notify-desktop" --wait 1 -- "s" "b" sh -c "echo >'$T/clicked'" >"$T/out" 2>"$T/err"
[ $? -eq 0 ] && pass || fail "fu-notify-desktop exited $?: $(cat "$T/err")"
out_is 1
[ "$(waiters)" = 1 ] && pass || fail "nobody waits for the click"
sleep 2
[ "$(waiters)" = 0 ] && pass || fail "still waiting after --wait"
[ -e "$T/clicked" ] && fail "ran without a click" || pass
"$(dirname "$FU")/fu-notify-desktop" --wait x s b >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q '^usage: fu-notify-desktop' "$T/err" && pass || fail "--wait x"
"$(dirname "$FU")/fu-notify-desktop" s >/dev/null 2>"$T/err"
[ $? -eq 2 ] && pass || fail "one argument"

t "hostile names reach the server escaped, without escapes or bidi controls"
ok add contact "$(printf 'Eve <b>&amp;</b> \342\200\256evil')" --company "<i>Initech</i> & Co" --email eve@initech.example
ok add application "<i>Initech</i> & Co" "Role <script>" --contact eve --applied "2026-11-02 10:00"
sqlite3 "$FU_DB" "UPDATE contacts SET name = name || char(27) || '[31mred' || char(27) || ']0;title' || char(7) WHERE email = 'eve@initech.example'"
server --close
ok notify
rec "len(r) == 1"
rec "'to Eve &lt;b&gt;&amp;amp;&lt;/b&gt; evilred (&lt;i&gt;Initech&lt;/i&gt; &amp; Co, Role &lt;script&gt;)' in r[0]['body']"
rec "not any(c in r[0]['body'] + r[0]['summary'] for c in ('<', '>', '\x1b', '\x07', '\u202e'))"
rec "r[0]['body'].replace('&amp;', '').replace('&lt;', '').replace('&gt;', '').count('&') == 0"
t "a server that shows plain text gets plain text, still cleaned"
server --caps actions,body --close
ok notify
rec "'to Eve <b>&amp;</b> evilred (<i>Initech</i> & Co, Role <script>)' in r[0]['body']"
rec "not any(c in r[0]['body'] for c in ('\x1b', '\x07', '\u202e'))"
sqlite3 "$FU_DB" "DELETE FROM applications WHERE id = (SELECT max(id) FROM applications)"
ok log dana sent

t "no notification server on the bus: one error line, exit 8, logged"
stop_server
run notify
[ "$code" -eq 8 ] && pass || fail "exited $code, wanted 8"
[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "not one line on stderr"
err_has "fu: notify: desktop: no notification server answers on the session bus"
ok notify --log --json
json "d[-1]['method'] == 'desktop' and not d[-1]['ok'] and d[-1]['error'].startswith('no notification server answers')"

t "no session bus: one error line, exit 8, logged"
server --close
DBUS_SESSION_BUS_ADDRESS="unix:path=$T/no-bus" run notify
[ "$code" -eq 8 ] && pass || fail "exited $code, wanted 8"
[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "not one line on stderr"
err_has "fu: notify: desktop: cannot reach the session bus: "
rec "r == []"
ok notify --log --json
json "d[-1]['method'] == 'desktop' and not d[-1]['ok'] and d[-1]['error'].startswith('cannot reach the session bus')"
DBUS_SESSION_BUS_ADDRESS="unix:path=$T/no-bus" run notify --via desktop,exec
[ "$code" -eq 8 ] && pass || fail "exited $code, wanted 8"
[ "$(wc -l <"$T/err")" -eq 2 ] && pass || fail "not one line per failed method"

t "the helper missing: one error line, exit 8"
FU_LIBEXECDIR="$T/none" run notify
[ "$code" -eq 8 ] && pass || fail "exited $code, wanted 8"
err_has "fu: notify: desktop: fu-notify-desktop is not installed"
rec "r == []"

finish
