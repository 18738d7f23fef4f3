#!/bin/sh
# SPDX-License-Identifier: MIT
# t_sync - one hunt on several machines (fu sync): databases standing for
# a laptop, a desktop and a third machine exchange a hunt through a bare
# git repository on the local disk, both ways, twice over (nothing
# duplicated); two edits of one field keep the later, reported once; the
# other machines' change files are hostile input (cut short, not JSON,
# a value fu does not know, from a newer fu, sealed with another key),
# each refused with one line and the records left as they were; an
# encrypted repository holds none of the names written.
. "$FU_TESTS/e2e/lib.sh"

if ! command -v git >/dev/null 2>&1; then
	echo "SKIP: git is not installed"
	exit 0
fi

R="$T/remote.git"
git init -q --bare "$R"
mkdir -p "$T/A" "$T/B" "$T/C"
A="$T/A/fu.db"
B="$T/B/fu.db"
C="$T/C/fu.db"

# logical DB (lib.sh): the records as a machine-independent dump.

# same: the machines' records are the same.
same() {
	logical "$A" >"$T/la"
	for db in "$@"; do
		logical "$db" >"$T/lb"
		if cmp -s "$T/la" "$T/lb"; then pass; else
			fail "$db differs from $A"; diff "$T/la" "$T/lb" | head -20
		fi
	done
}

# on DB ARGS...: run fu on that machine's database.
on() {
	db=$1
	shift
	FU_DB=$db run "$@"
}
ok_on() {
	db=$1
	shift
	FU_DB=$db run "$@"
	if [ "$code" -eq 0 ]; then pass; else fail "fu $* exited $code"; fi
}

# --- before setting up --------------------------------------------------

t "fu sync on a machine not set up: not found"
FU_DB=$A fails_with 3 sync
err_has "fu sync init"
t "fu sync status on a machine not set up: not found"
FU_DB=$A fails_with 3 sync status

t "usage mistakes"
FU_DB=$A fails_with 2 sync init
FU_DB=$A fails_with 2 sync frobnicate
FU_DB=$A fails_with 2 sync init "$R" --encrypt --no-encrypt
FU_DB=$A fails_with 2 sync init "$R" --key abc
FU_DB=$A fails_with 2 sync init --join "$R" --no-encrypt

# --- two machines --------------------------------------------------------

export FU_NOW="2026-11-02 09:00"
ok_on "$A" config user.name "Alex Morgan"
ok_on "$A" add contact "Dana Reyes" --company Acme --email dana@acme.example
ok_on "$A" add application Acme "Backend Engineer" --contact dana --applied 2026-11-01
ok_on "$A" add application Globex SRE --applied 2026-10-28

t "an unreachable remote: exit 9, nothing set up"
FU_DB=$A fails_with 9 sync init "$T/nowhere.git"
err_has "cannot clone"
FU_DB=$A fails_with 3 sync

t "the laptop starts the hunt on the remote (a local path: not encrypted)"
ok_on "$A" sync init "$R" --name laptop
out_has "sent 1 change"
ok_on "$A" sync status --json
json 'd["name"] == "laptop" and d["encrypted"] is False and d["files_waiting"] == 0 and d["peers"] == []'

t "a second init is refused"
FU_DB=$A fails_with 4 sync init "$R"
err_has "already set up"

t "starting a second hunt on the same remote is refused"
export FU_NOW="2026-11-02 10:00"
ok_on "$B" add contact "Sam Lee" --company Initech
FU_DB=$B fails_with 4 sync init "$R"
err_has "--join"

t "the desktop joins: it has the hunt"
ok_on "$B" sync init --join "$R" --name desktop
out_has "received"
ok_on "$B" list --json
json 'sorted(a["company"] for a in d) == ["Acme", "Globex"]'

t "the laptop gets the desktop's contact"
ok_on "$A" sync
out_has "received 2 changes"
same "$B"
ok_on "$A" list contacts
out_has "Sam Lee"

t "fu doctor says where the hunt syncs"
ok_on "$A" doctor
out_has "sync            with $R (not encrypted), last synced"

t "a sync with nothing to exchange"
ok_on "$A" sync
out_is "nothing to exchange"
ok_on "$B" sync
out_is "nothing to exchange"

# --- work on both, exchange both ways -------------------------------------

export FU_NOW="2026-11-03 11:00"
ok_on "$A" log acme interview --at "2026-11-03 10:00" --with dana --expect 2026-11-10
ok_on "$B" log globex reply --note "thanks, reviewing"
ok_on "$B" add application Initech "Platform Engineer" --contact sam --applied 2026-11-02
ok_on "$A" edit dana --title "Engineering Manager"

t "both ways, in either order, the same records"
ok_on "$A" sync
ok_on "$B" sync
out_has "received"
ok_on "$A" sync
out_has "received"
same "$B"

# fu due --json without the per-machine numbers
due_of() {
	FU_DB=$1 "$FU" due --json | "$PY3" -c '
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
t "fu due is the same on both"
due_of "$A" >"$T/due-a"
due_of "$B" >"$T/due-b"
if grep -q action "$T/due-a" && cmp -s "$T/due-a" "$T/due-b"; then pass; else
	fail "fu due differs"; diff "$T/due-a" "$T/due-b" | head; fi

t "syncing again duplicates nothing"
ok_on "$A" sync
out_is "nothing to exchange"
ok_on "$B" sync
out_is "nothing to exchange"
ok_on "$A" list --json
json 'len(d) == 3'
ok_on "$A" show acme --json
json 'sum(1 for e in d["events"] if e["kind"] == "interview") == 1'
same "$B"

t "two fu sync at once on one machine: the second is busy (exit 5)"
if command -v flock >/dev/null 2>&1; then
	flock "$T/A/sync.lock" sleep 3 &
	holder=$!
	sleep 0.5
	FU_DB=$A fails_with 5 sync
	err_has "another fu sync"
	wait "$holder"
	ok_on "$A" sync
else
	echo "SKIP: flock is not installed"
fi

t "a remote that went away: exit 9, the records as they were; back, it completes"
mv "$R" "$T/away.git"
FU_NOW="2026-11-03 12:00" FU_DB=$A run log acme sent --note "sent while offline"
logical "$A" >"$T/before-off"
FU_DB=$A run sync
if [ "$code" -eq 9 ] && [ "$(wc -l <"$T/err")" -eq 1 ]; then pass; else
	fail "fu sync exited $code"; cat "$T/err"; fi
logical "$A" >"$T/after-off"
if cmp -s "$T/before-off" "$T/after-off"; then pass; else fail "the records changed"; fi
mv "$T/away.git" "$R"
ok_on "$A" sync
out_has "pushed the changes an earlier fu sync could not"
ok_on "$B" sync
out_has "received"
same "$B"

# --- conflicts ------------------------------------------------------------

t "two edits of one field: the later is kept on both, the loser reported once"
FU_NOW="2026-11-04 09:00" FU_DB=$A run edit acme --role "Backend Developer"
FU_NOW="2026-11-04 09:30" FU_DB=$B run edit acme --role "Senior Backend Engineer"
ok_on "$A" sync
ok_on "$B" sync
out_has "role was edited on two machines: kept 'Senior Backend Engineer' (this machine), not 'Backend Developer' (laptop)"
ok_on "$A" sync
ok_on "$B" sync
out_lacks "edited on two machines"
ok_on "$A" show acme --json
json 'd["role"] == "Senior Backend Engineer"'
same "$B"

t "edits of two different fields of one record both stay"
FU_NOW="2026-11-04 10:00" FU_DB=$A run edit dana --phone "+1 555 0100"
FU_NOW="2026-11-04 10:05" FU_DB=$B run edit dana --notes "prefers mornings"
ok_on "$A" sync
ok_on "$B" sync
ok_on "$A" sync
out_lacks "edited on two machines"
ok_on "$A" show dana --json
json 'd["phone"] == "+1 555 0100" and d["notes"] == "prefers mornings"'
same "$B"

t "events logged on both at once are a union"
FU_NOW="2026-11-05 09:00" FU_DB=$A run log globex sent --note "portfolio link"
FU_NOW="2026-11-05 09:00" FU_DB=$B run log globex sent --note "cover letter"
ok_on "$B" sync
ok_on "$A" sync
ok_on "$B" sync
ok_on "$A" show globex --json
json 'sorted(e["note"] for e in d["events"] if e["kind"] == "sent") == ["cover letter", "portfolio link"]'
same "$B"

t "an undo on one machine reaches the other"
FU_NOW="2026-11-05 12:00" FU_DB=$B run log initech sent --note "by mistake"
ok_on "$B" sync
ok_on "$A" sync
ok_on "$A" show initech --json
json 'any(e.get("note") == "by mistake" for e in d["events"])'
FU_NOW="2026-11-05 12:05" FU_DB=$B run undo
ok_on "$B" sync
ok_on "$A" sync
ok_on "$A" show initech --json
json 'not any(e.get("note") == "by mistake" for e in d["events"])'
same "$B"

t "an undo of an event the other machine built on: applied, and said on both"
FU_NOW="2026-11-05 14:00" FU_DB=$A run log globex interview --at "2026-11-05 13:00"
ok_on "$A" sync
ok_on "$B" sync
FU_NOW="2026-11-05 15:00" FU_DB=$B run log globex sent --note "thank you"
FU_NOW="2026-11-05 15:05" FU_DB=$A run undo
ok_on "$A" sync
ok_on "$B" sync
out_has "laptop undid"
out_has "this machine had logged the sent of Globex, SRE on Thu 5 Nov 15:00 after it, which stays"
ok_on "$A" sync
out_has "desktop logged"
out_has "after the interview that this machine undid; it stays"
ok_on "$A" show globex --json
json 'not any(e["kind"] == "interview" for e in d["events"]) and any(e.get("note") == "thank you" for e in d["events"])'
same "$B"
ok_on "$A" sync
out_is "nothing to exchange"

# --- hostile change files ---------------------------------------------------

# A third machine joins, then its files are replaced by broken ones,
# pushed from a clone of its own.
export FU_NOW="2026-11-06 09:00"
ok_on "$C" sync init --join "$R" --name third
same "$C"
ok_on "$A" sync
ok_on "$B" sync
DEV_C=$(FU_DB=$C "$FU" sync status --offline --json | "$PY3" -c 'import json,sys; print(json.load(sys.stdin)["device"])')
git clone -q "$R" "$T/evil"

# evil NAME CONTENT-FILE: push CONTENT as the third machine's next file.
n=1
for f in "$T"/evil/devices/"$DEV_C"/*.json; do n=$((n + 1)); done
evil() {
	file=$(printf '%s/evil/devices/%s/%010d.json' "$T" "$DEV_C" "$n")
	mkdir -p "$T/evil/devices/$DEV_C"
	cp "$2" "$file"
	(cd "$T/evil" && git add -A && git -c user.name=x -c user.email=x@x \
		commit -q -m "$1" && git push -q origin HEAD) >/dev/null 2>&1 ||
		fail "cannot push the $1 file"
}
# refused WHAT: the laptop refuses the file with exit 10, one fu: line
# naming the problem, its records as they were; then the file is taken
# back out of the way.
refused() {
	logical "$A" >"$T/before-l"
	FU_DB=$A run sync
	if [ "$code" -eq 10 ]; then pass; else fail "fu sync exited $code, wanted 10"; fi
	if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^fu: ' "$T/err"; then pass; else
		fail "not one fu: line"; cat "$T/err"; fi
	if grep -qF -- "$1" "$T/err"; then pass; else fail "stderr lacks '$1'"; cat "$T/err"; fi
	logical "$A" >"$T/after-l"
	if cmp -s "$T/before-l" "$T/after-l"; then pass; else
		fail "the records changed"; diff "$T/before-l" "$T/after-l" | head; fi
	FU_DB=$A run sync status --json
	json 'any(p["problem"] for p in d["peers"])'
	# the next run says it again, and changes nothing either
	FU_DB=$A run sync
	if [ "$code" -eq 10 ]; then pass; else fail "second fu sync exited $code"; fi
}

t "a change file cut short"
FU_DB=$C run add contact "Eve Hostile"
FU_DB=$C run sync
good=$(ls "$T"/C/sync/devices/"$DEV_C"/*.json | tail -1)
(cd "$T/evil" && git pull -q) >/dev/null 2>&1
n=$(ls "$T"/evil/devices/"$DEV_C"/*.json | wc -l)
git -C "$T/evil" rm -q "$(printf 'devices/%s/%010d.json' "$DEV_C" "$n")"
head -c 100 "$good" >"$T/cut.json"
evil cut "$T/cut.json"
refused "change file $n of"

t "a change file that is not JSON"
printf '\001\002garbage' >"$T/bad.json"
evil garbage "$T/bad.json"
refused "change file $n of"

t "a change file with a value fu does not know"
sed 's/"Eve Hostile"/"Eve\\u0000Hostile"/' "$good" >"$T/val.json"
grep -q 'u0000' "$T/val.json" || fail "the test's file was not changed"
evil value "$T/val.json"
refused "change file $n of"

t "fu doctor reports the file it cannot apply"
FU_DB=$A run doctor
out_has "sync            with $R (not encrypted)"
out_has "cannot apply: change file $n of"

t "a change file from a newer fu"
sed 's/"version":1/"version":99/; s/"version": 1/"version": 99/' "$good" >"$T/new.json"
grep -q '99' "$T/new.json" || fail "the test's file was not changed"
evil newer "$T/new.json"
refused "newer fu"

t "put right, the next fu sync completes the exchange"
evil good "$good"
ok_on "$A" sync
ok_on "$A" list contacts
out_has "Eve Hostile"
ok_on "$A" sync status --json
json 'not any(p["problem"] for p in d["peers"])'

# --- encrypted --------------------------------------------------------------

R2="$T/sealed.git"
git init -q --bare "$R2"
mkdir -p "$T/D" "$T/E"
D="$T/D/fu.db"
E="$T/E/fu.db"
# a database with no records (a read no longer makes one): this
# machine's own editor, a key that is never synced
FU_DB=$E "$FU" config editor vi >/dev/null
if command -v age >/dev/null 2>&1; then
	export FU_NOW="2026-11-07 09:00"
	ok_on "$D" add contact "Quentin Zebulon" --company "Wobblecorp"
	ok_on "$D" add application Wobblecorp "Chief Yak Shaver" --contact quentin
	t "an encrypted hunt: the key is kept 0600 and shown by fu sync key"
	ok_on "$D" sync init "$R2" --encrypt --name sealed-laptop
	if [ "$(mode "$T/D/sync-key")" = 600 ]; then pass; else
		fail "sync-key is $(mode "$T/D/sync-key")"; fi
	ok_on "$D" sync key
	key=$(cat "$T/out")
	ok_on "$D" doctor
	out_has "(encrypted)"
	out_lacks "sync-key"
	chmod 644 "$T/D/sync-key"
	ok_on "$D" doctor
	out_has "the key (sync-key) is readable by others (0644)"
	chmod 600 "$T/D/sync-key"
	case $key in AGE-SECRET-KEY-*) pass ;; *) fail "no age key: $key" ;; esac
	t "the repository's files hold none of the names"
	git clone -q "$R2" "$T/peek"
	if grep -rqa -e Quentin -e Wobblecorp -e Yak "$T/peek" --exclude-dir=.git; then
		fail "a name is in the repository"; else pass; fi
	ls "$T"/peek/devices/*/*.age >/dev/null 2>&1 && pass || fail "no sealed file"
	t "joining without the key, or with another one, is refused"
	FU_DB=$E fails_with 4 sync init --join "$R2"
	age-keygen 2>/dev/null | grep '^AGE-SECRET' >"$T/otherkey"
	FU_DB=$E fails_with 4 sync init --join "$R2" --key "$(cat "$T/otherkey")"
	t "joining with the key (from standard input): the hunt"
	printf '%s\n' "$key" | FU_DB=$E "$FU" sync init --join "$R2" --key - >"$T/out" 2>"$T/err"
	if [ $? -eq 0 ]; then pass; else fail "join with the key failed"; cat "$T/err"; fi
	ok_on "$E" list --json
	json 'd[0]["role"] == "Chief Yak Shaver"'
	ok_on "$E" log wobblecorp reply --note "Xylophone"
	ok_on "$E" sync
	ok_on "$D" sync
	ok_on "$D" show wobblecorp --json
	json 'any(e.get("note") == "Xylophone" for e in d["events"])'
	(cd "$T/peek" && git pull -q) >/dev/null 2>&1
	if grep -rqa -e Xylophone "$T/peek" --exclude-dir=.git; then
		fail "a note is in the repository"; else pass; fi
	t "a change file sealed with another key is refused, the records as they were"
	FU_NOW="2026-11-08 09:00" FU_DB=$E run add contact "Ursula Vantongeren"
	ok_on "$E" sync
	DEV_E=$(FU_DB=$E "$FU" sync status --offline --json | "$PY3" -c 'import json,sys; print(json.load(sys.stdin)["device"])')
	(cd "$T/peek" && git pull -q) >/dev/null 2>&1
	last=$(ls "$T/peek/devices/$DEV_E/"*.age | tail -1)
	age-keygen -o "$T/wrong.key" 2>/dev/null
	FU_DB=$E "$FU" export >"$T/plain.json"
	age -e -r "$(age-keygen -y "$T/wrong.key")" -o "$last" "$T/plain.json"
	(cd "$T/peek" && git add -A && git -c user.name=x -c user.email=x@x \
		commit -q -m wrong && git push -q origin HEAD) >/dev/null 2>&1 ||
		fail "cannot push the file sealed with another key"
	logical "$D" >"$T/before-k"
	FU_DB=$D run sync
	if [ "$code" -eq 10 ]; then pass; else fail "fu sync exited $code, wanted 10"; fi
	err_has "sealed with another key"
	logical "$D" >"$T/after-k"
	if cmp -s "$T/before-k" "$T/after-k"; then pass; else fail "the records changed"; fi

	t "a plain repository does hold the names (the check above can fail)"
	grep -rqa -e "Eve Hostile" "$T/evil" --exclude-dir=.git && pass || fail "no name in the plain files"
else
	echo "SKIP: age is not installed: the encrypted checks are not run"
fi

finish
