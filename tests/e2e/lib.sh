# lib.sh - sourced by every end-to-end test: runs the built fu on a
# temporary database with a fixed clock and zone, and checks output, exit
# codes, and that failed commands leave the database exactly as it was.
#
# Environment: FU (the binary), FU_TESTS (tests/), FU_WRAP (optional
# wrapper, e.g. valgrind with --error-exitcode).
set -u
: "${FU:?FU must name the fu binary}"
: "${FU_TESTS:?FU_TESTS must name the tests directory}"

T=$(mktemp -d "${TMPDIR:-/tmp}/fu-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home"
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_CONFIG_HOME FU_DB NO_COLOR VISUAL EDITOR
export FU_DB="$T/fu.db"
export FU_NOW="2026-11-09 09:00"
export TZ="Europe/Berlin"
export LC_ALL=C.UTF-8

passes=0
fails=0
code=0
current=""

# A named check; failures print it with what went wrong.
t() { current="$*"; }

pass() { passes=$((passes + 1)); }
fail() {
	fails=$((fails + 1))
	printf 'FAIL: %s: %s\n' "$current" "$*"
	if [ -s "$T/err" ]; then sed 's/^/  stderr: /' "$T/err" | head -5; fi
}

# run ARGS...: run fu, keep stdout in $T/out, stderr in $T/err, $code.
run() {
	# shellcheck disable=SC2086
	${FU_WRAP:-} "$FU" "$@" >"$T/out" 2>"$T/err" </dev/null
	code=$?
}

# ok ARGS...: fu must succeed.
ok() {
	run "$@"
	if [ "$code" -eq 0 ]; then pass; else fail "fu $* exited $code"; fi
}

dump() {
	if [ -e "$FU_DB" ]; then
		sqlite3 "$FU_DB" .dump 2>&1
	else
		echo "(no database)"
	fi
}

# fails_with CODE ARGS...: fu must exit CODE, print exactly one line on
# stderr starting "fu: ", print nothing on stdout, and leave the
# database as it was.
fails_with() {
	want=$1
	shift
	dump >"$T/before"
	run "$@"
	dump >"$T/after"
	if [ "$code" -ne "$want" ]; then
		fail "fu $* exited $code, wanted $want"
		return
	fi
	lines=$(wc -l <"$T/err")
	if [ "$lines" -ne 1 ] || ! grep -q '^fu: ' "$T/err"; then
		fail "fu $* did not print one 'fu: ...' line on stderr"
		return
	fi
	if [ -s "$T/out" ]; then
		fail "fu $* printed on stdout after failing"
		return
	fi
	if ! cmp -s "$T/before" "$T/after"; then
		fail "fu $* changed the database although it failed"
		diff "$T/before" "$T/after" | head -10
		return
	fi
	pass
}

# out_has TEXT / out_lacks TEXT / err_has TEXT: in the last run's output.
out_has() {
	if grep -qF -- "$1" "$T/out"; then pass; else
		fail "stdout lacks '$1'"; sed 's/^/  stdout: /' "$T/out" | head -20
	fi
}
out_lacks() {
	if grep -qF -- "$1" "$T/out"; then
		fail "stdout has '$1'"; sed 's/^/  stdout: /' "$T/out" | head -20
	else pass; fi
}
err_has() {
	if grep -qF -- "$1" "$T/err"; then pass; else fail "stderr lacks '$1'"; fi
}
out_is() {
	printf '%s\n' "$1" >"$T/want"
	if cmp -s "$T/want" "$T/out"; then pass; else
		fail "stdout differs"; diff "$T/want" "$T/out" | head -20
	fi
}

# json EXPR: a Python expression over `d`, the last run's stdout as JSON,
# must be true.
# The system's python3 when there is one: a version manager's shim in
# front of it can cost a third of a second a call.
PY3=$(command -v /usr/bin/python3 || command -v python3)

json() {
	if "$PY3" - "$1" "$T/out" <<'PY'
import json, sys
expr, path = sys.argv[1], sys.argv[2]
d = json.load(open(path))
ok = eval(expr)
sys.exit(0 if ok else 1)
PY
	then pass; else fail "JSON check failed: $1"; head -c 2000 "$T/out"; fi
}

# The closing line the test runners read.
finish() {
	printf '%d passed, %d failed\n' "$passes" "$fails"
	[ "$fails" -eq 0 ]
}
