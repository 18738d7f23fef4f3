#!/bin/sh
# SPDX-License-Identifier: MIT
# t_sync_random - convergence, the contract of fu sync: three machines
# (three databases) and a bare repository on the local disk; rounds of
# random adds, logs, edits, closes and undos on random machines, syncs
# in random order, some of them killed (SIGKILL) at a random moment;
# then a sync everywhere, and the three hold the same records and owe
# the same actions, and nothing any machine recorded is lost.
# FU_SYNC_ROUNDS (default 150) and FU_SYNC_SEED (default 21) choose.
. "$FU_TESTS/e2e/lib.sh"

if ! command -v git >/dev/null 2>&1; then
	echo "SKIP: git is not installed"
	exit 0
fi
ROUNDS=${FU_SYNC_ROUNDS:-150}
SEED=${FU_SYNC_SEED:-21}
R="$T/remote.git"
git init -q --bare "$R"
for m in 1 2 3; do mkdir -p "$T/m$m"; done
db() { echo "$T/m$1/fu.db"; }

export FU_NOW="2026-11-02 09:00"
FU_DB=$(db 1) "$FU" sync init "$R" --name m1 >/dev/null 2>"$T/err" || fail "init m1"
for m in 2 3; do
	FU_DB=$(db "$m") "$FU" sync init --join "$R" --name "m$m" >/dev/null 2>"$T/err" ||
		fail "join m$m"
done

# The plan: one line a step, "MACHINE MINUTE WHAT ARGS...", from the
# seed (the same steps on every run).
"$PY3" - "$ROUNDS" "$SEED" >"$T/plan" <<'PY'
import random, sys
rounds, seed = int(sys.argv[1]), int(sys.argv[2])
r = random.Random(seed)
kinds = ["sent", "reply", "interview", "meeting", "snooze"]
apps = 0
people = 0
for i in range(rounds):
    m = r.randint(1, 3)
    minute = 10 * i + r.randint(0, 9)
    x = r.random()
    if x < 0.12 or apps == 0:
        apps += 1
        print(m, minute, "app", "Co%d" % apps)
    elif x < 0.22:
        people += 1
        print(m, minute, "contact", "Person%d" % people)
    elif x < 0.45:
        print(m, minute, "log", "Co%d" % r.randint(1, apps), r.choice(kinds), i)
    elif x < 0.55:
        print(m, minute, "edit", "Co%d" % r.randint(1, apps), "Role%d" % i)
    elif x < 0.60:
        print(m, minute, "close", "Co%d" % r.randint(1, apps))
    elif x < 0.66:
        print(m, minute, "undo")
    elif x < 0.74:
        print(m, minute, "kill", r.randint(5, 400))
    else:
        print(m, minute, "sync")
PY

# what each machine recorded (that must be somewhere at the end)
: >"$T/recorded"
at() { date -u -d "2026-11-02 08:00 UTC + $1 minutes" '+%Y-%m-%d %H:%M'; }
kills=0
syncs=0
while read -r m minute what a b c; do
	export FU_NOW="$(at "$minute")"
	export FU_DB="$(db "$m")"
	case $what in
	app)
		"$FU" add application "$a" "Engineer" --applied "$FU_NOW" \
			>/dev/null 2>&1 && echo "app $a" >>"$T/recorded" ;;
	contact)
		"$FU" add contact "$a" >/dev/null 2>&1 &&
			echo "contact $a" >>"$T/recorded" ;;
	log)
		"$FU" log "$a" "$b" --note "note $c" >/dev/null 2>&1 ;;
	edit)
		"$FU" edit "$a" --role "$b" >/dev/null 2>&1 ;;
	close)
		"$FU" close "$a" --outcome rejected >/dev/null 2>&1 ;;
	undo)
		"$FU" undo >/dev/null 2>&1 ;;
	kill)
		"$FU" sync >/dev/null 2>&1 &
		pid=$!
		sleep "$(awk "BEGIN { print $a / 1000 }")"
		kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
		wait "$pid" 2>/dev/null ;;
	sync)
		syncs=$((syncs + 1))
		"$FU" sync >/dev/null 2>"$T/err"
		rc=$?
		# a sync may only fail as documented: busy or remote (never
		# a change file of fu's own)
		case $rc in
		0 | 5 | 9) pass ;;
		*) fail "step '$m $minute $what': fu sync exited $rc"; cat "$T/err" ;;
		esac ;;
	esac
done <"$T/plan"
echo "($(wc -l <"$T/plan") steps, $syncs syncs, $kills killed)"

t "after a sync everywhere, twice round, every sync succeeds"
export FU_NOW="2026-12-01 09:00"
for round in 1 2; do
	for m in 1 2 3; do
		FU_DB=$(db "$m") run sync
		if [ "$code" -eq 0 ]; then pass; else
			fail "final sync on m$m exited $code"; cat "$T/err"; fi
	done
done

# The records without the per-machine numbers, as in t_sync.
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
d["companies"].sort(key=lambda x: x["name"])
for k in ("contacts", "applications", "events"):
    d[k].sort(key=lambda x: x["uuid"])
print(json.dumps(d, sort_keys=True, indent=1))
PY
}
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

t "nothing a machine recorded is lost"
FU_DB=$(db 1) "$FU" list --all --json >"$T/apps.json" 2>/dev/null ||
	FU_DB=$(db 1) "$FU" list --json >"$T/apps.json"
FU_DB=$(db 1) "$FU" list contacts --json >"$T/people.json"
while read -r kind name; do
	if [ "$kind" = app ]; then f=$T/apps.json; else f=$T/people.json; fi
	if grep -q "\"$name\"" "$f"; then pass; else fail "$kind $name is lost"; fi
done <"$T/recorded"

t "and nothing is duplicated"
"$PY3" - "$T/l1" <<'PY' && pass || fail "duplicates"
import json, sys
d = json.load(open(sys.argv[1]))
names = [a["company"] for a in d["applications"]]
assert len(names) == len(set(names)), names
people = [c["name"] for c in d["contacts"]]
assert len(people) == len(set(people)), people
PY

finish
