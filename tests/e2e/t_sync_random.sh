#!/bin/sh
# SPDX-License-Identifier: MIT
# t_sync_random - convergence, the contract of fu sync: three machines
# (three databases) and a bare repository on the local disk; a few
# hundred rounds of random adds, logs, edits, closes and undos on random
# machines, syncs in random order, some of any of them killed (SIGKILL)
# at a random moment; then a sync everywhere, and the three hold the
# same records and owe the same actions, nothing any machine recorded is
# lost, and nothing undone comes back.
#
# What a machine recorded: a write that exited 0, or one killed that the
# database shows landed (its COMMIT came before the kill); a write killed
# before its COMMIT left nothing, and must leave nothing.
#
# FU_SYNC_ROUNDS (default 300) and FU_SYNC_SEED (default 21, so that CI
# runs the same steps each time; "random": a new one, printed) choose
# the steps; a failure prints the seed to run the same steps again (where
# a kill lands is up to the scheduler).
. "$FU_TESTS/e2e/lib.sh"

if ! command -v git >/dev/null 2>&1; then
	echo "SKIP: git is not installed"
	exit 0
fi
ROUNDS=${FU_SYNC_ROUNDS:-300}
SEED=${FU_SYNC_SEED:-21}
[ "$SEED" = random ] && SEED=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
R="$T/remote.git"
git init -q --bare "$R"
for m in 1 2 3; do mkdir -p "$T/m$m"; done
db() { echo "$T/m$1/fu.db"; }
mkfifo "$T/fifo"
# q DB SQL: one value from a machine's database (as a killed write left
# it: sqlite3 rolls back what was not committed)
q() { sqlite3 "$1" "$2"; }

export FU_NOW="2026-11-02 09:00"
FU_DB=$(db 1) "$FU" sync init "$R" --name m1 >/dev/null 2>"$T/err" || fail "init m1"
for m in 2 3; do
	FU_DB=$(db "$m") "$FU" sync init --join "$R" --name "m$m" >/dev/null 2>"$T/err" ||
		fail "join m$m"
done

# The plan: one line a step, no name a part of another (with Co2 and
# Co20, a machine that has not seen Co2 yet takes Co2 for Co20, as
# fu(1)'s REFERENCES say), "MACHINE DAY TIME WHAT KILL ARGS...", from
# the seed (the same steps for a seed). KILL is "-"; or the seconds
# after which the step's fu is killed: within a write's run (a few
# milliseconds: before it opens the database, in its transaction, after
# its COMMIT) or a sync's (git's commit, pull and push included); or
# "out": a write killed once it prints, after its COMMIT.
"$PY3" - "$ROUNDS" "$SEED" >"$T/plan" <<'PY'
import datetime, random, sys
rounds, seed = int(sys.argv[1]), int(sys.argv[2])
r = random.Random(seed)
kinds = ["sent", "reply", "interview", "meeting", "snooze"]
start = datetime.datetime(2026, 11, 2, 8, 0)
apps = 0
people = 0
for i in range(rounds):
    m = r.randint(1, 3)
    when = (start + datetime.timedelta(minutes=10 * i + r.randint(0, 9))
            ).strftime("%Y-%m-%d %H:%M")
    x = r.random()
    if x < 0.12 or apps == 0:
        apps += 1
        step = ["app", "Co%03d" % apps]
    elif x < 0.22:
        people += 1
        step = ["contact", "Person%03d" % people]
    elif x < 0.50:
        step = ["log", "Co%03d" % r.randint(1, apps), r.choice(kinds), i]
    elif x < 0.62:
        step = ["edit", "Co%03d" % r.randint(1, apps), "Role%d" % i]
    elif x < 0.70:
        step = ["close", "Co%03d" % r.randint(1, apps)]
    elif x < 0.80:
        step = ["undo"]
    else:
        step = ["sync"]
    kill = "-"
    if step[0] == "sync" and r.random() < 0.25:
        kill = "%.3f" % (r.randint(5, 400) / 1000)
    elif step[0] != "sync" and r.random() < 0.2:
        kill = "%.4f" % (r.randint(0, 160) / 10000)
        if r.random() < 0.4:
            kill = "out"
    print(m, when, step[0], kill, *step[1:])
PY

# What each machine recorded, that must be somewhere at the end:
# "app NAME", "contact NAME", "note TEXT" (a logged event), "undone
# TEXT" (that event, removed by an undo), "role STEP APP ROLE" (the
# later edit's role is the one that stays).
: >"$T/recorded"
kills=0
landed=0
syncs=0
while read -r m day time what kill a b c; do
	export FU_NOW="$day $time"
	export FU_DB="$(db "$m")"
	step="$m $day $time $what $kill $a $b $c"
	case $what in
	app) set -- add application "$a" "Engineer" --applied "$FU_NOW" ;;
	contact) set -- add contact "$a" ;;
	log) set -- log "$a" "$b" --note "note $c" ;;
	edit) set -- edit "$a" --role "$b" ;;
	close) set -- close "$a" --outcome rejected ;;
	undo)
		# what it removes: this machine's last event
		last=$(q "$FU_DB" "SELECT uuid || ' ' || coalesce(note, '')
			FROM events ORDER BY id DESC LIMIT 1")
		set -- undo ;;
	sync) syncs=$((syncs + 1)); set -- sync ;;
	esac
	if [ "$kill" = - ]; then
		"$FU" "$@" >/dev/null 2>"$T/err"
		rc=$?
	elif [ "$kill" = out ]; then
		# as soon as it says what it did: after its COMMIT, before
		# its exit (or by SIGPIPE, its output's reader gone)
		"$FU" "$@" >"$T/fifo" 2>/dev/null &
		pid=$!
		head -c 1 "$T/fifo" >/dev/null
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		rc=$?
	else
		"$FU" "$@" >/dev/null 2>&1 &
		pid=$!
		sleep "$kill"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		rc=$?
	fi
	# killed (by SIGKILL, or SIGPIPE): did it land? Else what it said
	# stands.
	if [ "$rc" -gt 128 ]; then
		kills=$((kills + 1))
		case $what in
		app) n=$(q "$FU_DB" "SELECT count(*) FROM applications a JOIN
			companies c ON c.id = a.company_id WHERE c.name = '$a'") ;;
		contact) n=$(q "$FU_DB" "SELECT count(*) FROM contacts
			WHERE name = '$a'") ;;
		log) n=$(q "$FU_DB" "SELECT count(*) FROM events
			WHERE note = 'note $c'") ;;
		edit) n=$(q "$FU_DB" "SELECT count(*) FROM applications a
			JOIN companies c ON c.id = a.company_id
			WHERE c.name = '$a' AND a.role = '$b'") ;;
		undo) n=0
			[ -n "$last" ] && n=$(q "$FU_DB" "SELECT count(*) = 0
				FROM events WHERE uuid = '${last%% *}'") ;;
		*) n=0 ;; # a close or a sync: whichever, the end converges
		esac
		[ "$n" -gt 0 ] && landed=$((landed + 1)) && rc=0
	elif [ "$what" = sync ]; then
		# a sync may only fail as documented: busy or remote (never a
		# change file of fu's own)
		case $rc in
		0 | 5 | 9) pass ;;
		*) fail "step '$step': fu sync exited $rc" ;;
		esac
	else
		# a write that fails here names what this machine has not
		# seen yet, or asks what cannot be (an undo with nothing to
		# undo, a second close): nothing else
		case $rc in
		0 | 3 | 4) pass ;;
		*) fail "step '$step': fu $1 exited $rc" ;;
		esac
	fi
	[ "$rc" -eq 0 ] || continue
	case $what in
	app | contact) echo "$what $a" >>"$T/recorded" ;;
	log) echo "note note $c" >>"$T/recorded" ;;
	edit)
		# on the application named, nowhere else
		[ "$(q "$FU_DB" "SELECT a.role FROM applications a JOIN
			companies c ON c.id = a.company_id
			WHERE c.name = '$a'")" = "$b" ] ||
			fail "step '$step': fu edit succeeded, $a's role is not $b"
		echo "role $(printf %05d "${b#Role}") $a $b" >>"$T/recorded" ;;
	undo)
		if [ -z "$last" ] || [ "$(q "$FU_DB" "SELECT count(*) FROM events
			WHERE uuid = '${last%% *}'")" -ne 0 ]; then
			fail "step '$step': fu undo succeeded, the last event stays"
		elif [ -n "${last#* }" ]; then
			echo "undone ${last#* }" >>"$T/recorded"
		fi ;;
	esac
done <"$T/plan"
echo "(seed $SEED: $(wc -l <"$T/plan") steps, $syncs syncs, $kills killed," \
	"$landed of them after their COMMIT)"

t "after a sync everywhere, twice round, every sync succeeds"
export FU_NOW="2026-12-01 09:00"
for round in 1 2; do
	for m in 1 2 3; do
		FU_DB=$(db "$m") run sync
		if [ "$code" -eq 0 ]; then pass; else
			fail "final sync on m$m exited $code"; cat "$T/err"; fi
	done
done

# (logical: lib.sh's, as t_sync's)
due_of() {
	FU_DB=$1 "$FU" due --all --json | "$PY3" -c '
import json, re, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k != "id"}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
d = [strip(a) for a in json.load(sys.stdin)]
for a in d:
    a["key"] = re.sub(r"[0-9]+", "N", a["key"])
print(json.dumps(sorted(d, key=lambda a: json.dumps(a, sort_keys=True)), sort_keys=True, indent=1))'
}

t "the three machines hold the same records"
for m in 1 2 3; do logical "$(db "$m")" >"$T/l$m"; done
for m in 2 3; do
	if cmp -s "$T/l1" "$T/l$m"; then pass; else
		fail "m$m differs from m1"; diff "$T/l1" "$T/l$m" | head -20; fi
done
if grep -q '"uuid"' "$T/l1"; then pass; else fail "no records at all"; fi

t "they owe the same actions"
for m in 1 2 3; do due_of "$(db "$m")" >"$T/d$m"; done
for m in 2 3; do
	if cmp -s "$T/d1" "$T/d$m"; then pass; else
		fail "fu due on m$m differs"; diff "$T/d1" "$T/d$m" | head -20; fi
done

t "nothing a machine recorded is lost, nothing undone comes back"
"$PY3" - "$T/l1" "$T/recorded" >"$T/lost" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
apps = {a["company"]: a for a in d["applications"]}
people = {c["name"] for c in d["contacts"]}
notes = {e["note"] for e in d["events"]}
undone = set()
role = {}
for line in open(sys.argv[2]):
    kind, rest = line.rstrip("\n").split(" ", 1)
    if kind == "undone":
        undone.add(rest)
for line in open(sys.argv[2]):
    kind, rest = line.rstrip("\n").split(" ", 1)
    if kind == "app":
        if rest not in apps:
            print("application %s is lost" % rest)
        role.setdefault(rest, (-1, "Engineer"))
    elif kind == "contact" and rest not in people:
        print("contact %s is lost" % rest)
    elif kind == "note" and rest not in undone and rest not in notes:
        print("the event noted '%s' is lost" % rest)
    elif kind == "undone" and rest in notes:
        print("the event noted '%s', undone, is back" % rest)
    elif kind == "role":
        step, app, value = rest.split(" ")
        if int(step) > role.get(app, (-1, ""))[0]:
            role[app] = (int(step), value)
for app, (step, value) in sorted(role.items()):
    if app in apps and apps[app]["role"] != value:
        print("%s's role is %s, not %s (the last edit)"
              % (app, apps[app]["role"], value))
PY
if [ -s "$T/lost" ]; then fail "$(head -5 "$T/lost")"; else pass; fi
if grep -q '^note ' "$T/recorded" && grep -q '^app ' "$T/recorded"; then
	pass; else fail "the steps recorded no application or no event"; fi

t "and nothing is duplicated"
"$PY3" - "$T/l1" <<'PY' && pass || fail "duplicates"
import json, sys
d = json.load(open(sys.argv[1]))
names = [a["company"] for a in d["applications"]]
assert len(names) == len(set(names)), names
people = [c["name"] for c in d["contacts"]]
assert len(people) == len(set(people)), people
PY

[ "$fails" -eq 0 ] || echo "the same steps again: FU_SYNC_SEED=$SEED FU_SYNC_ROUNDS=$ROUNDS"
finish
