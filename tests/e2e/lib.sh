# SPDX-License-Identifier: MIT
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
unset XDG_DATA_HOME XDG_CONFIG_HOME FU_DB NO_COLOR VISUAL EDITOR FU_PAGER PAGER \
	LESS COLUMNS
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

# mode PATH: its permission bits, as "600" (nothing when it is missing).
mode() { stat -c %a "$1" 2>/dev/null; }

# Undo schema 11 (identifiers and sync) in a file, as the first step of
# making it look like an older fu's: SQL to run before the older steps.
UNDO_V11="DROP TRIGGER contacts_identity; DROP TRIGGER applications_identity;
	DROP TRIGGER events_identity; DROP INDEX companies_uuid; DROP INDEX contacts_uuid;
	DROP INDEX applications_uuid; DROP INDEX events_uuid; DROP INDEX events_ord;
	ALTER TABLE companies DROP COLUMN uuid; ALTER TABLE contacts DROP COLUMN uuid;
	ALTER TABLE applications DROP COLUMN uuid; ALTER TABLE events DROP COLUMN uuid;
	ALTER TABLE events DROP COLUMN ord; DROP TABLE sync_device; DROP TABLE sync_log;
	DROP TABLE sync_peers; DROP TABLE sync_stamps; DROP TABLE sync_graves;
	DROP TABLE sync_reports;"

# many_events: 3000 sent events on application 2, written straight into
# the database, so that it has pages enough for scribble to land on data.
many_events() {
	sqlite3 "$FU_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
    INSERT INTO events (kind, at, application_id, note, created_at)
    SELECT 'sent', 1794000000 + i, 2, printf('note %d %.100c', i, 'x'), 1794000000 FROM n"
}

# scribble FILE BYTES SEED: BYTES random bytes (the same ones for a SEED)
# over the middle of FILE, as a failing disk leaves it.
scribble() {
	python3 -c "
import random, sys
f = open(sys.argv[1], 'r+b'); n = int(sys.argv[2]); k = int(sys.argv[3])
f.seek(n // 2 - k // 2)
f.write(bytes(random.Random(int(sys.argv[4])).randrange(256) for _ in range(k)))
" "$1" "$(stat -c %s "$1")" "$2" "$3"
}

# --- fu sync (t_sync) ---------------------------------------------------

# logical DB: the records of a database as a machine-independent dump:
# fu export with the per-machine numbers replaced by the identifiers,
# sorted.
logical() {
	FU_DB=$1 "$FU" export >"$T/exp.json" 2>"$T/err" || {
		fail "fu export failed"; return; }
	"$PY3" - "$T/exp.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
apps = {a["id"]: a["uuid"] for a in d["applications"]}
people = {c["id"]: c["uuid"] for c in d["contacts"]}
for a in d["applications"]:
    a.pop("id"); a["contacts"] = sorted(people[i] for i in a["contacts"])
for c in d["contacts"]:
    c.pop("id")
for c in d["companies"]:
    c.pop("id")
for e in d["events"]:
    e.pop("id")
    e["application"] = apps.get(e["application"])
    e["contact"] = people.get(e["contact"])
    e["with"] = sorted(people[i] for i in e["with"])
    e["added"] = sorted(people[i] for i in e.get("added", []))
d.pop("exported")
for k in ("companies",):
    d[k].sort(key=lambda x: x["name"])
for k in ("contacts", "applications", "events"):
    d[k].sort(key=lambda x: x["uuid"])
print(json.dumps(d, sort_keys=True, indent=1))
PY
}

# --- drafts (t_draft, t_draft_person) ------------------------------------

# draft_golden DIR NAME ARGS...: fu draft ARGS prints exactly DIR/NAME,
# with nothing on stderr (no misspelling, within the length). With
# FU_GOLDEN_UPDATE set, DIR/NAME is first rewritten from the output.
# Returns 1 when fu draft failed (nothing more to check).
draft_golden() {
	dir=$1
	name=$2
	shift 2
	t "golden $name: fu draft $*"
	run draft "$@"
	if [ "$code" -ne 0 ]; then
		fail "fu draft $* exited $code"
		return 1
	fi
	if [ -n "${FU_GOLDEN_UPDATE:-}" ]; then
		mkdir -p "$dir"
		cp "$T/out" "$dir/$name"
	fi
	if cmp -s "$dir/$name" "$T/out"; then pass; else
		fail "differs from golden/${dir##*/}/$name"
		diff "$dir/$name" "$T/out" | head -20
	fi
	if [ -s "$T/err" ]; then fail "warned: $(head -3 "$T/err")"; else pass; fi
	return 0
}

# have_proselint: draft_check.py can run (python3-proselint); else the
# check fails, saying what to install.
have_proselint() {
	if "$PY3" -c "import proselint" 2>/dev/null; then return 0; fi
	fail "proselint is missing: apt-get install python3-proselint (scripts/deps)"
	return 1
}

# --- completion in the real shells (t_completion, t_docs) ---------------
# Each shell loads completions/ as a user's does and calls fu from PATH
# (where the test puts the binary under test); the candidates it offers
# go to $T/got, one a line.

COMP=$(cd "$FU_TESTS/.." && pwd)/completions
# bash-completion's functions, which fu.bash uses ("": not installed)
BASH_COMPLETION=""
for f in /usr/share/bash-completion/bash_completion /etc/bash_completion; do
	if [ -r "$f" ]; then BASH_COMPLETION=$f; break; fi
done

# bcomp WORD...: bash completes the line "fu WORD..." (the last word is
# the one completed; "" for a new one): bash-completion's functions, then
# fu.bash, COMP_WORDS set from the words and _fu called as bash would.
bcomp() {
	[ -f "$T/bcomp.bash" ] || cat >"$T/bcomp.bash" <<'EOF'
source "$1" || exit 2
source "$2" || exit 2
shift 2
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
_fu fu "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
EOF
	bash --norc --noprofile "$T/bcomp.bash" "$BASH_COMPLETION" \
		"$COMP/fu.bash" fu "$@" >"$T/got" 2>"$T/err"
	sed -i '/^$/d' "$T/got"
}

# zcomp LINE...: an interactive zsh -f in a zpty, with compinit and
# completions/ on fpath, completes each LINE in turn (TAB, then C-x d),
# all in one session. compadd is wrapped to write down the matches it
# adds (matched against the line by zsh itself), and C-x d writes "=== "
# and the line as completion left it, all into $T/zout; zpick N takes
# the Nth completion from there. What zsh shows beside the matches (the
# -d arrays: each candidate with its description) goes to $T/zout.d.
zcomp() { zcomp_in "$COMP" "$T/zout" "$@"; }
# zcomp_in DIR OUT LINE...: the same with DIR on fpath, into OUT; then
# "from: " and what zsh says of _fu (whence -v: the file it came from).
zcomp_in() {
	[ -f "$T/zcomp.zsh" ] || cat >"$T/zcomp.zsh" <<'EOF'
zmodload zsh/zpty || exit 2
compdir=$1 out=$2
shift 2
: >$out
zpty z zsh -f -i || exit 2
zpty -w z "PS1='' RPS1='' LISTMAX=100000; unsetopt beep auto_list auto_menu list_beep"
zpty -w z "fpath=(${(q)compdir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "__out=${(q)out}"
zpty -w z 'compadd() { if [[ ${(j: :)@} == *-[OAD]* ]]; then builtin compadd "$@"; return; fi; local -a __m; builtin compadd -O __m "$@"; (( $#__m )) && print -rl -- $__m >>$__out; integer __i; for (( __i = 1; __i < $#; __i++ )); do [[ ${@[__i]} == -d ]] && print -rl -- ${(P)${@[__i+1]}} >>$__out.d; done; builtin compadd "$@"; }'
zpty -w z '__dump() { print -r -- "=== $BUFFER" >>$__out; BUFFER=; }; zle -N __dump; bindkey "^Xd" __dump; bindkey "^I" complete-word'
integer n=0 tries
for line in "$@"; do
  zpty -w -n z "$line"$'\t\x18d'
  (( n++ ))
  for (( tries = 0; tries < 1200; tries++ )); do
    zpty -r -t z junk 2>/dev/null
    (( $(grep -c '^=== ' $out) >= n )) && break
    sleep 0.05
  done
done
zpty -w z 'print -r -- "from: $(whence -v _fu)" >>$__out'
for (( tries = 0; tries < 200; tries++ )); do
  zpty -r -t z junk 2>/dev/null
  grep -q '^from: ' $out && break
  sleep 0.05
done
zpty -d z
EOF
	zsh -f "$T/zcomp.zsh" "$@"
}
# zpick N: the Nth completion of zcomp: its matches into $T/got, its line
# into $T/line.
zpick() {
	awk -v n="$1" '/^=== /{b++; next} b == n - 1' "$T/zout" >"$T/got"
	awk -v n="$1" '/^=== /{b++; if (b == n) print substr($0, 5)}' \
		"$T/zout" >"$T/line"
}

# drive_pty OUT SETUP LINE...: a real line editor in a pseudo-terminal
# (python's pty): $PTY_SHELL reads SETUP, then, for each LINE, gets
# LINE, TAB, and C-x d, which SETUP binds to append the edited line to
# OUT and clear it.
drive_pty() {
	[ -f "$T/drive_pty.py" ] || cat >"$T/drive_pty.py" <<'EOF'
import os, pty, select, shlex, sys, time
out, setup, lines = sys.argv[1], sys.argv[2], sys.argv[3:]
open(out, 'w').close()
pid, fd = pty.fork()
if pid == 0:
    os.environ['TERM'] = 'dumb'
    argv = shlex.split(os.environ['PTY_SHELL'])
    os.execvp(argv[0], argv)
def drain(t):
    end = time.time() + t
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                os.read(fd, 65536)
            except OSError:
                return
drain(0.3)
os.write(fd, setup.encode() + b'\n')
drain(0.3)
for n, line in enumerate(lines, 1):
    os.write(fd, line.encode() + b'\t')
    drain(0.2)
    os.write(fd, b'\x18d')
    end = time.time() + 60
    while time.time() < end:
        drain(0.05)
        with open(out) as f:
            if len(f.read().splitlines()) >= n:
                break
os.write(fd, b'\x15exit\n')
drain(0.2)
try:
    os.kill(pid, 9)
except OSError:
    pass
os.waitpid(pid, 0)
EOF
	python3 "$T/drive_pty.py" "$@"
}

# fcomp LINE: what fish offers for LINE (complete -C), without the
# descriptions.
fcomp() {
	fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
		"$COMP/fu.fish" "$1" 2>"$T/err" | cut -f1 >"$T/got"
}

# The closing line the test runners read.
finish() {
	printf '%d passed, %d failed\n' "$passes" "$fails"
	[ "$fails" -eq 0 ]
}
