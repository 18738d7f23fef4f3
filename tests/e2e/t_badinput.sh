#!/bin/sh
# SPDX-License-Identifier: MIT
# t_badinput - bad input never loses data and never crashes fu.
#
# The matrix: for every command (fu __complete commands), every option of
# it that takes a value (fu __complete arg-options) and every word it
# takes, each bad value below in that place. fu must either refuse it -
# an exit code from 2 to 7 (never a signal, never valgrind's 99), one
# 'fu: ' line on stderr, nothing on stdout, the database as it was - or,
# where the value is acceptable text (a note that looks like SQL), store
# it verbatim. Nothing fu prints, data or error, may hold a raw ESC or a
# C1 control byte (terminal escapes). Under valgrind (FU_WRAP) each place
# gets one of the values, in turn.
#
# Then unusable database files: damaged, truncated, a directory,
# read-only, under a missing directory, a dangling symbolic link,
# another program's database, a newer fu's: each a clear error (exit 6)
# or correct behaviour, never a crash.
#
# One argument cannot hold 1 MB on Linux (execve refuses more than
# 128 KiB per string: E2BIG), so the long values are 100 000 bytes.
. "$FU_TESTS/e2e/lib.sh"

ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02
ok add application Hooli "Data Engineer" --applied 2026-11-03 --source board
ok log acme interview --at "2026-11-05 14:00" --with dana --topic billing
ok log hooli sent
ok config user.name "Alex Morgan"
ok config user.email alex@example.org
ok config user.phone "+49 30 1234567"
cp "$FU_DB" "$T/base.db"

python3 - "$T" <<'PY'
import os, shlex, shutil, sqlite3, subprocess, sys, threading

T = sys.argv[1]
FU = os.environ["FU"]
WRAP = shlex.split(os.environ.get("FU_WRAP", ""))
DB = os.environ["FU_DB"]
BASE = os.path.join(T, "base.db")
CWD = T
passes = fails = 0

def fail(what):
    global fails
    fails += 1
    if fails <= 60:
        print("FAIL: " + what, flush=True)

VALUES = [
    ("empty", b""),
    ("blank", b"   "),
    ("huge", b"x" * 100000),
    ("huge-utf8", "\u00e9\u20ac".encode() * 20000),
    ("bad-utf8", b"caf\xc3"),
    ("surrogate", b"\xed\xa0\x80"),
    ("control", b"a\x01b"),
    ("newline", b"two\nlines"),
    ("tab", b"a\tb"),
    ("esc-csi", b"\x1b[31mred\x1b[0m"),
    ("esc-osc", b"\x1b]0;owned\x07"),
    ("c1-csi", b"\xc2\x9b31m"),
    ("sql", b"x'); DROP TABLE events; --"),
    ("format", b"%s%s%n%x%99999999d"),
    ("date-feb30", b"2026-02-30"),
    ("date-y99999", b"99999-01-01"),
    ("date-zero", b"0000-00-00"),
    ("rel-huge", b"+99999999999999999999d"),
    ("epoch-neg", b"@-99999999999999999"),
    ("epoch-huge", b"@99999999999999999999"),
    ("neg", b"-1"),
    ("zero", b"0"),
    ("huge-num", b"99999999999999999999"),
    ("int-min", b"-9223372036854775808"),
    ("float", b"1e309"),
    ("dash", b"-"),
    ("dashdash", b"--"),
]

def fu_plain(*args):
    return subprocess.run([FU] + list(args), capture_output=True,
                          stdin=subprocess.DEVNULL, cwd=CWD).stdout.decode()

# --- the places ---------------------------------------------------------

X = None  # where the value goes
TEXT = {"company", "title", "email", "phone", "address", "notes", "note",
        "url", "topic", "with", "contact", "name", "role", "action",
        "subject"}
DATES = {"at", "applied", "expect", "until", "now", "since"}
PATHS = {"db", "eml", "output", "out", "file"}

def kind_of(cmd, opt):
    if cmd == "list" and opt == "company":
        return "filter"
    if opt in TEXT:
        return "text"
    if opt in DATES:
        return "date"
    if opt in PATHS:
        return "path"
    return "strict"

# the command line each option is added to: valid without it
BASES = {
    ("add", "contact"): ["add", "contact", "Zed Zeta"],
    ("add", "application"): ["add", "application", "Initech", "Role R"],
    "log": ["log", "acme", "sent"],
    "close": ["close", "acme", "--outcome", "rejected"],
    "edit": ["edit", "acme"],
    "draft": ["draft", "acme"],
}
OPT_BASES = {
    ("log", "with"): ["log", "acme", "interview"],
    ("log", "topic"): ["log", "acme", "interview"],
    ("log", "expect"): ["log", "acme", "interview"],
    ("log", "until"): ["log", "acme", "snooze"],
    ("log", "action"): ["log", "acme", "dismiss"],
    ("close", "outcome"): ["close", "acme"],
}
EDIT_CONTACT = {"name", "title", "email", "phone", "address", "prefers",
                "social-ok", "no-social"}

keys = fu_plain("__complete", "config-keys").split()
numeric_key = next((k for k in keys if k.startswith("rules.")), None)

# the words each command takes (a new command gets [cmd, X], strict)
WORDS = {
    "add": [("add WHAT", ["add", X], "strict"),
            ("add contact NAME", ["add", "contact", X], "text"),
            ("add application COMPANY", ["add", "application", X, "Role R"], "text"),
            ("add application ROLE", ["add", "application", "Initech", X], "text")],
    "log": [("log REF", ["log", X, "sent"], "strict"),
            ("log KIND", ["log", "acme", X], "strict")],
    "close": [("close REF", ["close", X, "--outcome", "rejected"], "strict")],
    "config": [("config KEY", ["config", X], "strict"),
               ("config KEY VALUE", ["config", X, "1"], "strict"),
               ("config --unset KEY", ["config", "--unset", X], "strict"),
               ("config user.name VALUE", ["config", "user.name", X], "text"),
               ("config user.email VALUE", ["config", "user.email", X], "text"),
               ("config user.employed VALUE", ["config", "user.employed", X], "strict")]
              + ([("config %s VALUE" % numeric_key, ["config", numeric_key, X],
                   "number")] if numeric_key else []),
    "due": [("due REF", ["due", X], "strict")],
    "edit": [("edit REF", ["edit", X, "--notes", "n"], "strict")],
    "list": [("list WHAT", ["list", X], "strict")],
    "backup": [("backup FILE", ["backup", X], "path")],
    "draft": [("draft REF", ["draft", X], "strict"),
              ("draft ACTION", ["draft", "acme", X], "strict")],
    "import": [("import FILE", ["import", X], "strict")],
    "__top": [("fu COMMAND", [X], "strict"),
              ("fu --now", ["--now", X, "list"], "date"),
              ("fu --color", ["--color", X, "list"], "strict"),
              ("fu --db", ["--db", X, "list"], "path"),
              ("fu --now (a write)", ["--now", X, "log", "acme", "sent"], "date"),
              ("fu --db (a write)", ["--db", X, "log", "acme", "sent"], "path")],
}

places = list(WORDS["__top"])
commands = fu_plain("__complete", "commands").split()
for cmd in commands:
    places += WORDS.get(cmd, [("%s WORD" % cmd, [cmd, X], "strict")])
    subs = ["contact", "application"] if cmd == "add" else [None]
    for sub in subs:
        args = ["__complete", "arg-options", cmd] + ([sub] if sub else [])
        for o in fu_plain(*args).split():
            if not o.startswith("--"):
                continue  # short forms repeat long ones
            opt = o[2:]
            if opt in ("db", "now", "color"):
                continue  # the global ones: above
            if cmd == "edit" and opt in EDIT_CONTACT:
                base = ["edit", "dana"]
            else:
                base = OPT_BASES.get((cmd, opt)) or \
                    BASES.get((cmd, sub)) or BASES.get(cmd) or [cmd]
            label = "%s%s --%s" % (cmd, " " + sub if sub else "", opt)
            places.append((label, base + ["--" + opt, X], kind_of(cmd, opt)))
places.append(("FU_NOW", "FU_NOW", "date"))
places.append(("FU_DB", "FU_DB", "path"))

# values that are right in their place: "0" is false; in fu edit, ""
# clears an optional field
LEGIT = {("config user.employed VALUE", "zero")}

# --- running ------------------------------------------------------------

def read(path):
    with open(path, "rb") as f:
        return f.read()

def logical(path):
    c = sqlite3.connect(path)
    try:
        return "\n".join(c.iterdump())
    finally:
        c.close()

base_bytes = read(BASE)
base_dump = logical(BASE)

class Worker:
    """Two run side by side, each on its own copy of the database."""
    def __init__(self, n):
        self.dir = os.path.join(T, "w%d" % n)
        self.cwd = os.path.join(self.dir, "cwd")
        os.makedirs(self.cwd)
        self.db = os.path.join(self.dir, "fu.db")
        self.restore()

    def restore(self):
        shutil.copyfile(BASE, self.db)
        os.chmod(self.db, 0o600)
        for s in ("-journal", "-wal", "-shm"):
            if os.path.exists(self.db + s):
                os.unlink(self.db + s)

    def unchanged(self):
        if read(self.db) == base_bytes:
            return True
        return logical(self.db) == base_dump

    def stored(self, value):
        """Is value somewhere in the database, verbatim?"""
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError:
            return False
        c = sqlite3.connect(self.db)
        try:
            for (table,) in c.execute("SELECT name FROM sqlite_master "
                                      "WHERE type = 'table'"):
                cols = [r[1] for r in c.execute("PRAGMA table_info(%s)" % table)]
                for col in cols:
                    q = 'SELECT 1 FROM "%s" WHERE "%s" = ? LIMIT 1' % (table, col)
                    if c.execute(q, (text,)).fetchone():
                        return True
        finally:
            c.close()
        return False

    def clean_cwd(self):
        for name in os.listdir(self.cwd):
            p = os.path.join(self.cwd, name)
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p)
            else:
                os.unlink(p)

    def run(self, label, template, kind, vname, value):
        """Returns None when the case does not apply, else a list of
        failures (empty: it passed)."""
        env = dict(os.environ, FU_DB=self.db)
        if isinstance(template, str):
            if not value and template == "FU_DB":
                return None  # FU_DB="" is unset
            env[template] = os.fsdecode(value)
            argv = ["list"] if template == "FU_NOW" else ["log", "acme", "sent"]
        else:
            i = template.index(None)
            word = i == 0 or not template[i - 1].startswith("--")
            if word and value == b"--":
                return None  # there "--" ends the options: not a value
            if value == b"--" and template[i - 1] == "--color":
                return None  # --color alone is --color=always
            argv = [value if a is None else a.encode() for a in template]
        what = "%s = %s" % (label, vname)
        legit = (label, vname) in LEGIT or \
            (label.startswith("edit ") and value == b"")
        r = subprocess.run(WRAP + [FU] + argv, env=env, cwd=self.cwd,
                           stdin=subprocess.DEVNULL, capture_output=True)
        code, out, err = r.returncode, r.stdout, r.stderr
        bad = []
        if code < 0 or code > 7:
            bad.append("%s: exited %d (a crash?)\n  %s" % (what, code,
                       err.decode(errors="replace")[-300:]))
        for stream, data in (("stdout", out), ("stderr", err)):
            c1 = any(data[i] == 0xc2 and 0x80 <= data[i + 1] <= 0x9f
                     for i in range(len(data) - 1))
            if b"\x1b" in data or c1:
                bad.append("%s: a raw terminal escape on %s" % (what, stream))
        if code != 0 and not bad:
            if not (err.startswith(b"fu: ") and err.endswith(b"\n")
                    and err.count(b"\n") == 1):
                bad.append("%s: exited %d without one 'fu: ' line: %r" %
                           (what, code, err[:200]))
            elif out:
                bad.append("%s: printed on stdout after failing" % what)
            elif not self.unchanged():
                bad.append("%s: changed the database although it failed" % what)
        elif code == 0 and not bad:
            same = self.unchanged()
            if kind == "text":
                if not same and not legit and not self.stored(value):
                    bad.append("%s: accepted, but not stored verbatim" % what)
            elif kind in ("filter", "path"):
                if not same:
                    bad.append("%s: a read changed the database" % what)
            elif not same and not legit:
                bad.append("%s: accepted (%s) and written: %r" %
                           (what, kind, out[:200]))
        self.restore()
        if kind == "path":
            self.clean_cwd()
        return bad

if WRAP:
    # under valgrind: each place with one value, in turn (every value
    # is still tried somewhere)
    cases = [(label, template, kind) + VALUES[i % len(VALUES)]
             for i, (label, template, kind) in enumerate(places)]
else:
    # the values that only dates can mistake for theirs go to dates and
    # other words fu reads, not to free text
    DATEISH = {"date-feb30", "date-y99999", "date-zero", "rel-huge",
               "epoch-neg", "epoch-huge"}
    cases = [(label, template, kind, vname, value)
             for label, template, kind in places for vname, value in VALUES
             if kind not in ("text", "filter") or vname not in DATEISH]
workers = [Worker(0), Worker(1)]
results = [[], []]

def work(n):
    for case in cases[n::2]:
        results[n].append(workers[n].run(*case))

threads = [threading.Thread(target=work, args=(n,)) for n in (0, 1)]
for th in threads:
    th.start()
for th in threads:
    th.join()
runs = 0
for res in results:
    for bad in res:
        if bad is None:
            continue
        runs += 1
        if bad:
            for b in bad:
                fail(b)
        else:
            passes += 1
print("  %d places, %d values: %d runs" % (len(places), len(VALUES), runs))
with open(os.path.join(T, "py.counts"), "w") as f:
    f.write("%d %d\n" % (passes, fails))
PY
read -r p f <"$T/py.counts" || { p=0; f=1; }
passes=$((passes + p))
fails=$((fails + f))

# --- escapes already in the database ----------------------------------

t "terminal escapes stored by another program are never printed raw"
# fu refuses them on the way in; a file written by something else may
# hold them all the same
cp "$T/base.db" "$FU_DB"
sqlite3 "$FU_DB" "UPDATE contacts SET name = 'Dana ' || char(27) || '[31mRed' || char(27) || ']0;owned' || char(7) WHERE id = 1;
	UPDATE applications SET role = 'Backend ' || char(155) || '2J Engineer', notes = 'a' || char(27) || '[2Jb' WHERE id = 2;
	UPDATE events SET note = char(27) || 'c reset' WHERE id = (SELECT max(id) FROM events);
	UPDATE event_topics SET text = 'billing' || char(27) || '[5m';
	UPDATE companies SET name = 'Acme' || char(27) || '[1m' WHERE id = 1"
# (the export formats, JSON and iCalendar, are for programs: U+009B is
# valid text there, and only ESC, which they escape, is checked)
for args in "list" "list contacts" "show 2" "show 1" "due --all" "due --all --why" \
	"draft 2" "stats" "undo 3" "doctor" "log 2 sent --with 1" "export" \
	"export --ics"; do
	# shellcheck disable=SC2086
	run $args
	if python3 -c "
import sys
c1 = sys.argv[1] != 'export'
for path in sys.argv[2:]:
    d = open(path, 'rb').read()
    if b'\\x1b' in d or (c1 and b'\\xc2\\x9b' in d):
        sys.exit(1)
" "${args%% *}" "$T/out" "$T/err"; then
		pass
	else
		fail "fu $args printed a raw terminal escape"
	fi
	[ "$code" -le 7 ] && pass || fail "fu $args exited $code"
done

# --- unusable database files --------------------------------------------

# survives ARGS...: fu must exit 0 or 6 (never a crash); when it fails,
# one 'fu: ' line on stderr
survives() {
	run "$@"
	case $code in
	0) pass ;;
	6)
		if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^fu: ' "$T/err"; then
			pass
		else
			fail "fu $* exited 6 without one 'fu: ' line"
		fi
		;;
	*) fail "fu $* exited $code, wanted 0 or 6" ;;
	esac
}

# every command, reading and writing, on the database as it is now
all_commands() {
	for args in "list" "due --all" "show acme" "log acme sent" \
		"add contact Zed" "close hooli --outcome rejected" "undo" \
		"config user.name Alex" "edit acme --notes n" "rules" \
		"backup $T/bk.db --force"; do
		# shellcheck disable=SC2086
		survives $args
	done
}

t "a damaged database (random bytes over its middle): 0 or 6, never a crash"
cp "$T/base.db" "$FU_DB"
many_events
scribble "$FU_DB" 16384 3
run doctor
[ "$code" -eq 6 ] && pass || fail "fu doctor exited $code on a damaged database"
all_commands

t "a truncated database (its first 1000 bytes): exit 6"
head -c 1000 "$T/base.db" >"$FU_DB"
fails_with 6 list
fails_with 6 log acme sent
fails_with 6 add contact Zed
all_commands

t "a directory where the database should be: exit 6"
rm -f "$FU_DB"
mkdir "$FU_DB"
fails_with 6 list
fails_with 6 add contact Zed
rmdir "$FU_DB"

t "/dev/null as the database: exit 6"
fails_with 6 --db /dev/null list

t "another program's SQLite file: exit 6, untouched"
sqlite3 "$FU_DB" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
fails_with 6 list
fails_with 6 add contact Zed
rm -f "$FU_DB"

t "a newer fu's database: exit 6, untouched"
cp "$T/base.db" "$FU_DB"
sqlite3 "$FU_DB" "PRAGMA user_version = 99"
fails_with 6 list
fails_with 6 log acme sent
err_has "newer fu"

t "under a missing directory: created"
ok --db "$T/new/a/b/fu.db" add contact Zed
[ -f "$T/new/a/b/fu.db" ] && pass || fail "no database created"

t "a dangling symbolic link where the database would be: refused, nothing created"
rm -f "$FU_DB"
ln -s "$T/planted.db" "$FU_DB"
fails_with 6 list
fails_with 6 add contact Zed
err_has "symbolic link"
[ -e "$T/planted.db" ] && fail "created the link's target" || pass
rm -f "$FU_DB"

t "a symbolic link to a real database is followed"
cp "$T/base.db" "$T/real.db"
ln -s "$T/real.db" "$FU_DB"
ok list
out_has "Acme"
rm -f "$FU_DB"

t "a read-only database: reads work, writes exit 6 and change nothing"
cp "$T/base.db" "$FU_DB"
if [ "$(id -u)" -ne 0 ]; then
	chmod 400 "$FU_DB"
	ok list
	fails_with 6 log acme sent
	err_has "read-only"
	chmod 600 "$FU_DB"
elif command -v setpriv >/dev/null 2>&1; then
	# root can write anything: be nobody, in a directory of nobody's
	mkdir "$T/ro"
	cp "$T/base.db" "$T/ro/fu.db"
	chmod 400 "$T/ro/fu.db"
	chown -R nobody "$T/ro"
	chmod 711 "$T"
	cat >"$T/ro/run" <<EOF
#!/bin/sh
cd "$T/ro" && HOME="$T/ro" FU_DB="$T/ro/fu.db" exec setpriv --reuid=nobody --regid=nogroup --clear-groups ${FU_WRAP:-} "$FU" "\$@"
EOF
	chmod 755 "$T/ro/run"
	sha=$(sha256sum <"$T/ro/fu.db")
	"$T/ro/run" list >"$T/out" 2>"$T/err"
	[ $? -eq 0 ] && pass || fail "fu list on a read-only database: $(cat "$T/err")"
	"$T/ro/run" log acme sent >"$T/out" 2>"$T/err"
	code=$?
	[ "$code" -eq 6 ] && pass || fail "fu log on a read-only database exited $code"
	[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^fu: .*read-only' "$T/err" && pass ||
		fail "not one 'fu: ... read-only' line: $(cat "$T/err")"
	[ "$(sha256sum <"$T/ro/fu.db")" = "$sha" ] && pass || fail "the file changed"
	chmod 700 "$T"
else
	echo "  (root without setpriv: read-only files not checked)"
fi

finish
