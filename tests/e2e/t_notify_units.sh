#!/bin/sh
# SPDX-License-Identifier: MIT
# t_notify_units - fu-notify.service and fu-notify.timer as the build
# configured them: what they say (the installed fu's path, oneshot, nothing
# due no failure, the click's processes left alone; 08:30 daily,
# Persistent=true), systemd-analyze verify in user mode (with a runtime
# directory of the test's own, and the man page their Documentation=
# names), and cmake --install putting them, the helper and the page where
# they belong. Where systemd-analyze cannot verify in user mode it
# verifies in system mode, and says so; where it is missing, the files
# are read only, and it says so.
. "$FU_TESTS/e2e/lib.sh"

B=$(dirname "$FU")
SRC=$(cd "$FU_TESTS/.." && pwd)
SERVICE="$B/systemd/fu-notify.service"
TIMER="$B/systemd/fu-notify.timer"

t "the build configured both units"
[ -f "$SERVICE" ] && pass || fail "no $SERVICE"
[ -f "$TIMER" ] && pass || fail "no $TIMER"

# key FILE SECTION KEY: its values, a line each (the last wins in systemd)
key() {
	awk -v sec="[$2]" -v k="$3" '
		/^\[/ { in_sec = ($0 == sec); next }
		in_sec && index($0, k "=") == 1 { print substr($0, length(k) + 2) }
	' "$1"
}
is() {
	if [ "$(key "$1" "$2" "$3")" = "$4" ]; then pass; else
		fail "$(basename "$1") [$2] $3 is '$(key "$1" "$2" "$3")', wanted '$4'"
	fi
}

t "the service: fu notify by its installed path, once, nothing due no failure"
is "$SERVICE" Service Type oneshot
exec_start=$(key "$SERVICE" Service ExecStart)
case $exec_start in
/*/bin/fu\ notify) pass ;;
*) fail "ExecStart=$exec_start: not the installed fu's absolute path" ;;
esac
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$B/CMakeCache.txt")
[ "$exec_start" = "$prefix/bin/fu notify" ] && pass || fail "ExecStart=$exec_start, prefix $prefix"
is "$SERVICE" Service SuccessExitStatus 1
is "$SERVICE" Service KillMode process
is "$SERVICE" Unit Documentation "man:fu-notify(1)"

t "the timer: every morning, a missed one caught up"
is "$TIMER" Timer OnCalendar "*-*-* 08:30"
is "$TIMER" Timer Persistent true
is "$TIMER" Install WantedBy timers.target

# a copy whose ExecStart is the fu under test (the installed one need not
# exist yet), and the page its Documentation= names
mkdir -p "$T/units" "$T/man/man1" "$T/run"
chmod 700 "$T/run"
sed "s|^ExecStart=.*|ExecStart=$FU notify|" "$SERVICE" >"$T/units/fu-notify.service"
cp "$TIMER" "$T/units/fu-notify.timer"
cp "$B/man/fu-notify.1" "$T/man/man1/" 2>/dev/null || cp "$SRC/man/fu-notify.1" "$T/man/man1/"

t "systemd-analyze verify: both units, silent"
if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "SKIP: systemd-analyze is not installed (Debian package systemd): the units' syntax is read above only"
else
	cd "$T/units" || exit 1
	XDG_RUNTIME_DIR="$T/run" MANPATH="$T/man" systemd-analyze verify --user \
		./fu-notify.service ./fu-notify.timer >"$T/out" 2>"$T/err"
	vcode=$?
	if grep -q 'Failed to initialize manager\|RuntimeDirectory' "$T/err"; then
		echo "NOTE: systemd-analyze cannot verify in user mode here ($(head -1 "$T/err")): verifying in system mode"
		MANPATH="$T/man" systemd-analyze verify ./fu-notify.service \
			./fu-notify.timer >"$T/out" 2>"$T/err"
		vcode=$?
	fi
	[ "$vcode" -eq 0 ] && pass || fail "systemd-analyze verify exited $vcode"
	if [ -s "$T/out" ] || [ -s "$T/err" ]; then
		fail "systemd-analyze verify said: $(cat "$T/out" "$T/err")"
	else pass; fi
	t "systemd-analyze verify: it does catch a broken unit"
	sed 's/^OnCalendar=.*/OnCalendar=*-*-* 25:30/' fu-notify.timer >broken.timer
	XDG_RUNTIME_DIR="$T/run" MANPATH="$T/man" systemd-analyze verify --user \
		./broken.timer >"$T/out" 2>"$T/err"
	[ -s "$T/err" ] && pass || fail "a timer at 25:30 passed verify"
	sed 's/^KillMode=.*/KillMode=sometimes/' fu-notify.service >broken.service
	XDG_RUNTIME_DIR="$T/run" MANPATH="$T/man" systemd-analyze verify --user \
		./broken.service >"$T/out" 2>"$T/err"
	[ -s "$T/err" ] && pass || fail "KillMode=sometimes passed verify"
	cd "$T" || exit 1
	t "the timer's calendar: daily at 08:30"
	systemd-analyze calendar --iterations 2 '*-*-* 08:30' >"$T/out" 2>"$T/err" &&
		pass || fail "calendar: $(cat "$T/err")"
	out_has "Normalized form: *-*-* 08:30:00"
fi

t "cmake --install: fu, the helper in libexec/fu, the units in lib/systemd/user"
if cmake --install "$B" --prefix "$T/inst" >"$T/out" 2>"$T/err"; then
	pass
	for f in bin/fu libexec/fu/fu-notify-desktop lib/systemd/user/fu-notify.service \
		lib/systemd/user/fu-notify.timer share/man/man1/fu-notify.1; do
		[ -f "$T/inst/$f" ] && pass || fail "not installed: $f"
	done
	[ -x "$T/inst/libexec/fu/fu-notify-desktop" ] && pass || fail "the helper is not executable"
	cmp -s "$SERVICE" "$T/inst/lib/systemd/user/fu-notify.service" && pass ||
		fail "the installed service differs from the configured one"
	t "the installed fu finds the installed helper through FU_LIBEXECDIR"
	FU_LIBEXECDIR="$T/inst/libexec/fu" FU_DB="$T/inst.db" FU_NOW="2026-11-02 10:00" \
		"$T/inst/bin/fu" add application Acme Engineer --applied today >/dev/null
	FU_LIBEXECDIR="$T/inst/libexec/fu" FU_DB="$T/inst.db" FU_NOW="2026-11-06 10:00" \
		"$T/inst/bin/fu" notify --dry-run --via desktop >"$T/out" 2>"$T/err"
	out_has "desktop: would show, through $T/inst/libexec/fu/fu-notify-desktop:"
else
	fail "cmake --install failed: $(tail -3 "$T/err")"
fi

finish
