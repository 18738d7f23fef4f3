#!/bin/sh
# SPDX-License-Identifier: MIT
# t_terminal - what a person at a terminal meets (issue 16, items 12 and
# 15): fu help COMMAND without the manual page installed shows the usage
# (exit 0) instead of man's error; a time zone the system does not know
# is said once; bidirectional controls in names are shown escaped, on a
# terminal and captured; a wall time in the spring-forward gap moves
# forward, one in the autumn's repeated hour is the first.
#
# Each test sets TZ itself.
. "$FU_TESTS/e2e/lib.sh"

# on_tty ARGS...: fu with standard output on a pseudo-terminal; stdout
# in $T/out (the terminal's \r\n made \n), stderr in $T/err, $code
on_tty() {
	"$PY3" - "$@" <<'PY'
import os, pty, select, shlex, subprocess, sys
T = os.environ["T"]
cmd = shlex.split(os.environ.get("FU_WRAP", "")) + [os.environ["FU"]] + sys.argv[1:]
master, slave = pty.openpty()
with open(os.path.join(T, "err"), "wb") as err:
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=slave, stderr=err)
    os.close(slave)
    out = b""
    while True:
        try:
            r, _, _ = select.select([master], [], [], 60)
            chunk = os.read(master, 65536) if r else b""
        except OSError:
            chunk = b""
        if not chunk:
            break
        out += chunk
    p.wait()
with open(os.path.join(T, "out"), "wb") as f:
    f.write(out.replace(b"\r\n", b"\n"))
sys.exit(p.returncode if p.returncode >= 0 else 128 - p.returncode)
PY
	code=$?
}
export T

ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02

# ----------------------------------------------------------------------
# 12. fu help COMMAND on a terminal

t "fu help COMMAND on a terminal, no manual page installed: the usage, exit 0"
mkdir -p "$T/noman"
MANPATH="$T/noman" on_tty help due
[ "$code" -eq 0 ] && pass || fail "fu help due exited $code: $(cat "$T/err")"
out_has "usage: fu due"
err_has "fu: warning: the manual page fu-due is not installed"
[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "stderr: $(cat "$T/err")"
PATH="$T/noman" on_tty help log
[ "$code" -eq 0 ] && pass || fail "fu help log without man exited $code"
out_has "usage: fu log"

t "fu help COMMAND on a terminal, the page installed: the manual"
if command -v man >/dev/null 2>&1; then
	mkdir -p "$T/man/man1"
	cp "$FU_TESTS/../man/fu-due.1" "$T/man/man1/"
	MANPATH="$T/man" MANPAGER=cat PAGER=cat MANWIDTH=80 on_tty help due
	[ "$code" -eq 0 ] && pass || fail "fu help due with its page exited $code: $(cat "$T/err")"
	grep -q "^FU-DUE(1) " "$T/out" && pass ||
		fail "not the manual page: $(head -3 "$T/out")"
	out_lacks "usage: fu due"
else
	echo "  (no man: the installed page is not shown)"
fi

t "fu help COMMAND not on a terminal: the usage, whatever is installed"
ok help due
out_has "usage: fu due"

# ----------------------------------------------------------------------
# 15. time zones

t "a time zone the system does not know: one warning, and it is UTC"
TZ=Europe/Berln ok log acme interview --at "2026-11-05 14:00" --with dana
[ "$(grep -c 'warning: TZ=' "$T/err")" -eq 1 ] && pass ||
	fail "not one warning: $(cat "$T/err")"
err_has "TZ='Europe/Berln' is not a time zone this system knows"
err_has "UTC"
TZ=Europe/Berln ok due --all
[ "$(grep -c 'warning: TZ=' "$T/err")" -eq 1 ] && pass ||
	fail "not one warning: $(cat "$T/err")"
TZ=Europe/Berln ok show acme --json
[ "$(grep -c '^fu: ' "$T/err")" -eq 1 ] && pass || fail "stderr: $(cat "$T/err")"
json "d['events'][-1]['at'] == '2026-11-05T14:00:00+00:00'"
for z in Europe/Berlin UTC UTC0 "CET-1CEST,M3.5.0,M10.5.0/3" ":Europe/Paris" \
	"<+0530>-5:30" EST5EDT ""; do
	TZ=$z ok due --all
	[ ! -s "$T/err" ] && pass || fail "TZ='$z': $(cat "$T/err")"
done
TZ="../../../etc/passwd" ok list
err_has "is not a time zone"
# the warning itself never drives the terminal
TZ="$(printf 'Bad\033[31mZone')" ok list
err_has "Bad\\e[31mZone"

t "a wall time in the spring-forward gap moves forward; a repeated one is the first"
export TZ=Europe/Berlin
ok log acme sent --at "2026-03-29 02:30" --json
json "d['at'] == '2026-03-29T03:30:00+02:00'"
ok log acme sent --at "2026-10-25 02:30" --json
json "d['at'] == '2026-10-25T02:30:00+02:00'"
TZ=America/New_York ok log acme sent --at "2026-03-08 02:15" --json
json "d['at'] == '2026-03-08T03:15:00-04:00'"
TZ=America/New_York ok log acme sent --at "2026-11-01 01:30" --json
json "d['at'] == '2026-11-01T01:30:00-04:00'"

# ----------------------------------------------------------------------
# 15. bidirectional controls in names

t "bidirectional controls in stored names: escaped on a terminal and captured"
export TZ=Europe/Berlin
# U+202E turns the rest of a line right to left; U+2066..U+2069 isolate
sqlite3 "$FU_DB" "UPDATE contacts SET name = 'Dana ' || char(8238) || 'sinned' WHERE id = 1;
	UPDATE applications SET role = 'Eng ' || char(8294) || 'x' || char(8297) || char(8207) WHERE id = 2"
for args in "list" "list contacts" "show 1" "show 2" "due --all"; do
	# shellcheck disable=SC2086
	NO_COLOR=1 on_tty $args
	[ "$code" -eq 0 ] && pass || fail "fu $args exited $code"
	if "$PY3" -c "
import re, sys
d = open(sys.argv[1], 'rb').read().decode('utf-8')
sys.exit(1 if re.search('[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]', d) else 0)
" "$T/out"; then pass; else fail "fu $args printed a bidirectional control raw"; fi
done
NO_COLOR=1 on_tty show 1
out_has 'Dana \u202esinned'
run list contacts
out_has 'Dana \u202esinned'
ok show 1 --json
json "d['name'] == 'Dana \u202esinned'"
grep -q '\\u202e' "$T/out" && pass || fail "--json: not escaped"

finish
