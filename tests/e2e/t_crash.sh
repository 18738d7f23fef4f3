#!/bin/sh
# SPDX-License-Identifier: MIT
# t_crash - a writer killed (SIGKILL) at a random moment leaves a whole
# database that holds all or none of the command's changes.
#
# Each round starts from the same database, runs one writing command and
# kills it after a random delay (up to half as long again as the command
# takes, so some finish), then lets the next fu (fu doctor) recover and
# check the file. The database must then pass PRAGMA integrity_check and
# foreign_key_check, and its logical dump must equal either the dump
# before the command or the dump after an uninterrupted run of it: never
# a partial set of rows. The commands write many rows in one
# transaction:
#   log     fu log with three new people (--with) and two --topic
#   add     fu add application with 40 new contacts (--contact)
#   config  fu config (one row)
#   import  fu import --merge of a whole export (when this fu imports)
#   stale   fu config on a file of 300 applications whose actions an
#           older fu derived (its stamp says older rules): the write
#           derives every action again in its own transaction
# and a first run creating the database is killed too (the database is
# then missing, empty, set up, or set up with the contact).
#
# Under valgrind (FU_WRAP) 10 rounds run instead of 100.
. "$FU_TESTS/e2e/lib.sh"

rounds=100
[ -n "${FU_WRAP:-}" ] && rounds=10

# A base database: a few applications and contacts.
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02
ok add application Hooli "Data Engineer" --applied 2026-11-03 --source board
ok log acme interview --at "2026-11-05 14:00" --with dana --topic billing
cp "$FU_DB" "$T/base.db"

# Does this fu import? Then an export of another database is the input.
import=0
if "$FU" help import >/dev/null 2>&1; then
	import=1
	mkdir -p "$T/other"
	FU_DB="$T/other/fu.db" "$FU" add contact "Ines Ortega" --company Globex >/dev/null &&
	FU_DB="$T/other/fu.db" "$FU" add application Globex "SRE" --contact ines \
		--contact "Paul Kim" --contact "Lea Wu" --applied 2026-10-20 >/dev/null &&
	FU_DB="$T/other/fu.db" "$FU" log globex interview --at "2026-10-28 10:00" \
		--with paul --with lea --topic oncall --note "went well" >/dev/null &&
	FU_DB="$T/other/fu.db" "$FU" config user.name "Alex Morgan" >/dev/null &&
	FU_DB="$T/other/fu.db" "$FU" export >"$T/export.json" || import=0
fi

python3 - "$T" "$rounds" "$import" <<'PY'
import json, os, random, shlex, shutil, sqlite3, subprocess, sys, time

T, rounds, can_import = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
FU = os.environ["FU"]
WRAP = shlex.split(os.environ.get("FU_WRAP", ""))
DB = os.environ["FU_DB"]
passes = fails = 0

def fail(what):
    global fails
    fails += 1
    print("FAIL: %s" % what, flush=True)

def ok():
    global passes
    passes += 1

def dump(path):
    if not os.path.exists(path):
        return "(no database)"
    if os.path.getsize(path) == 0:
        return "(empty file)"
    # the identifiers and event order each write draws at random (schema
    # 6) differ between two runs of one command: left out
    src = sqlite3.connect(path)
    c = sqlite3.connect(":memory:")
    try:
        src.backup(c)
        for table, col in (("contacts", "uuid"), ("applications", "uuid"),
                           ("events", "uuid"), ("events", "ord")):
            try:
                c.execute("UPDATE %s SET %s = NULL" % (table, col))
            except sqlite3.OperationalError:
                pass
        return "\n".join(c.iterdump())
    finally:
        src.close()
        c.close()

def fu(*args, db=DB):
    env = dict(os.environ, FU_DB=db)
    return subprocess.run(WRAP + [FU] + list(args), env=env,
                          stdin=subprocess.DEVNULL, capture_output=True)

def reset(src):
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            os.unlink(DB + suffix)
        except FileNotFoundError:
            pass
    if src:
        shutil.copyfile(src, DB)
        os.chmod(DB, 0o600)

base = os.path.join(T, "base.db")
# A larger file whose actions an older fu's rules derived.
stale = os.path.join(T, "stale.db")
doc = {"format": "fu-export", "version": 1,
       "exported": "2026-11-09T09:00:00+01:00", "companies": [],
       "contacts": [], "applications": [], "events": [], "config": {}}
for i in range(300):
    c, a = 2 * i + 1, 2 * i + 2
    doc["contacts"].append({"id": c, "name": "Person %d" % i,
                            "company": "Company %d" % i,
                            "email": "p%d@example.org" % i})
    doc["applications"].append({"id": a, "company": "Company %d" % i,
                                "role": "Engineer", "contacts": [c]})
    doc["events"] += [
        {"id": 3 * i + 1, "kind": "applied", "application": a,
         "at": "2026-10-%02dT10:00:00+02:00" % (1 + i % 28)},
        {"id": 3 * i + 2, "kind": "interview", "application": a,
         "with": [c], "at": "2026-10-%02dT14:00:00+02:00" % (1 + i % 28)},
        {"id": 3 * i + 3, "kind": "sent", "application": a, "with": [c],
         "at": "2026-10-%02dT18:00:00+02:00" % (1 + i % 28)}]
with open(os.path.join(T, "stale.json"), "w") as f:
    json.dump(doc, f)
if os.path.exists(stale):
    os.unlink(stale)
r = fu("import", os.path.join(T, "stale.json"), db=stale)
if r.returncode != 0:
    fail("building the stale file: %s" % r.stderr.decode(errors="replace"))
else:
    c = sqlite3.connect(stale)
    c.execute("UPDATE actions_stamp SET rules = 0")
    c.execute("UPDATE actions SET reason = 'an older fu'")
    c.commit()
    c.close()

people = []
for i in range(40):
    people += ["--contact", "Person %d" % i]
ops = {
    "log": ["log", "acme", "interview", "--at", "2026-11-08 10:00",
            "--with", "Sam Lee", "--with", "Kim Park", "--with", "Ana Li",
            "--topic", "moving billing to Go", "--topic", "on-call",
            "--expect", "2026-11-16", "--note", "second round"],
    "add": ["add", "application", "Initech", "Platform Engineer",
            "--applied", "2026-11-06"] + people,
    "config": ["config", "rules.nudge.days", "9"],
}
if can_import:
    ops["import"] = ["import", "--merge", os.path.join(T, "export.json")]
if os.path.exists(stale):
    ops["stale"] = ["config", "user.name", "Alex Morgan"]
# the file each op starts from
start_of = {name: stale if name == "stale" else base for name in ops}

# What an uninterrupted run leaves, and how long it takes.
befores = {base: dump(base), stale: dump(stale)}
after, took = {}, {}
for name, args in ops.items():
    before = befores[start_of[name]]
    reset(start_of[name])
    start = time.monotonic()
    r = fu(*args)
    took[name] = time.monotonic() - start
    if r.returncode != 0:
        fail("uninterrupted fu %s exited %d: %s" % (name, r.returncode,
             r.stderr.decode(errors="replace").strip()))
        continue
    after[name] = dump(DB)
    if after[name] == before:
        fail("fu %s changed nothing" % name)
    else:
        ok()

def check_whole(label):
    """Let fu recover the file; then it must be whole."""
    r = fu("doctor", "--json")
    if r.returncode not in (0,):
        fail("%s: fu doctor exited %d: %s" % (label, r.returncode,
             r.stderr.decode(errors="replace").strip()))
        return False
    c = sqlite3.connect(DB)
    try:
        ic = [row[0] for row in c.execute("PRAGMA integrity_check")]
        fk = list(c.execute("PRAGMA foreign_key_check"))
    finally:
        c.close()
    if ic != ["ok"] or fk:
        fail("%s: integrity_check %s, foreign_key_check %s" % (label, ic, fk))
        return False
    return True

rng = random.Random(int.from_bytes(os.urandom(4), "little"))
seen = {}
names = [n for n in ops if n in after]
for i in range(rounds):
    name = names[i % len(names)]
    before = befores[start_of[name]]
    reset(start_of[name])
    delay = rng.uniform(0, took[name] * 1.5)
    env = dict(os.environ)
    p = subprocess.Popen(WRAP + [FU] + ops[name], env=env,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    time.sleep(delay)
    p.kill()
    p.wait()
    journal = os.path.exists(DB + "-journal") or os.path.exists(DB + "-wal")
    label = "round %d: fu %s killed after %.1f ms" % (i, name, delay * 1000)
    if not check_whole(label):
        continue
    d = dump(DB)
    if d == before:
        outcome = "none"
    elif d == after[name]:
        outcome = "all"
    else:
        fail("%s: the database holds part of the command's changes" % label)
        continue
    ok()
    key = (name, outcome, journal and outcome == "none")
    seen[key] = seen.get(key, 0) + 1

# Killed while creating the database: missing, empty, set up, or whole.
# (fu undo creates the database, then finds nothing to undo: fu list
# reads an empty database without creating one)
reset(None)
r = fu("undo")
schema = dump(DB) if r.returncode == 3 else None
reset(None)
start = time.monotonic()
r = fu("add", "contact", "Jo Doe")
full = dump(DB) if r.returncode == 0 else None
t_create = time.monotonic() - start
if schema is None or full is None:
    fail("creating a database failed")
else:
    for i in range(max(rounds // 5, 2)):
        reset(None)
        delay = rng.uniform(0, t_create * 1.5)
        p = subprocess.Popen(WRAP + [FU, "add", "contact", "Jo Doe"],
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.kill()
        p.wait()
        label = "creating, killed after %.1f ms" % (delay * 1000)
        # the next command must work, whatever was left
        r = fu("list")
        if r.returncode != 0:
            fail("%s: then fu list exited %d: %s" % (label, r.returncode,
                 r.stderr.decode(errors="replace").strip()))
            continue
        if not os.path.exists(DB):
            # killed before the file was made: fu list read an empty
            # database and created none
            ok()
            seen[("create", "missing", False)] = \
                seen.get(("create", "missing", False), 0) + 1
            continue
        # an empty file or a half-made one: a command that writes
        # makes it whole
        if dump(DB) not in (schema, full):
            r = fu("undo")
            if r.returncode != 3:
                fail("%s: then fu undo exited %d: %s" % (label,
                     r.returncode, r.stderr.decode(errors="replace").strip()))
                continue
        if not check_whole(label):
            continue
        d = dump(DB)
        if d in (schema, full):
            ok()
            k = ("create", "all" if d == full else "none", False)
            seen[k] = seen.get(k, 0) + 1
        else:
            fail("%s: a partial database" % label)

for (name, outcome, rolled), n in sorted(seen.items()):
    print("  fu %-6s killed: %3d times %s%s" % (name, n,
          "all changes kept" if outcome == "all" else "no change kept",
          " (killed mid-write: it left a journal)" if rolled else ""))
if not can_import:
    print("  (this fu has no import command: fu import was not tested)")
with open(os.path.join(T, "py.counts"), "w") as f:
    f.write("%d %d\n" % (passes, fails))
PY
read -r p f <"$T/py.counts" || { p=0; f=1; }
passes=$((passes + p))
fails=$((fails + f))
finish
