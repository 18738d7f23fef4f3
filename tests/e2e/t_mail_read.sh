#!/bin/sh
# SPDX-License-Identifier: MIT
# t_mail_read - fu-mail-read, the mail reader fu mail runs, on the corpus
# mailcorpus.py writes: every field of every message as it must come out
# (Gmail and Outlook replies, ATS mail, invitations in three time zone
# spellings, RFC 2047 in several charsets, QP and base64), the same
# fields from a Maildir, an mbox (offsets that tile it, mboxrd escapes,
# a From_ line that is not one), CRLF files, a file descriptor and an .ics
# file; headers-only mode reading no further than the header block; then
# hostile input: each message or source passed over with one warning
# line, nothing raw on stdout or stderr, exit 0, peak RSS under 32 MiB.
#
# Environment: FU_MAIL_READ (the helper), FU (fu: it must not link
# GLib, GMime, libical or ICU), FU_MAIL_WRAP (optional wrapper for the
# helper, e.g. valgrind with --error-exitcode).
. "$FU_TESTS/e2e/lib.sh"
: "${FU_MAIL_READ:?FU_MAIL_READ must name the fu-mail-read binary}"

t "fu does not link the mail libraries"
if ldd "$FU" | grep -Eq 'gmime|glib|gobject|libical|libicu'; then
	fail "fu links: $(ldd "$FU" | grep -E 'gmime|glib|gobject|libical|libicu' | tr '\n' ' ')"
else pass; fi
t "fu-mail-read links GMime and libical"
if ldd "$FU_MAIL_READ" | grep -q gmime && ldd "$FU_MAIL_READ" | grep -q libical; then
	pass; else fail "no gmime or libical in ldd $FU_MAIL_READ"; fi

"$PY3" - "$T" <<'PY'
import json, os, re, shlex, socket, stat, subprocess, sys, time, zoneinfo

T = sys.argv[1]
HELPER = os.environ["FU_MAIL_READ"]
WRAP = shlex.split(os.environ.get("FU_MAIL_WRAP", ""))
TESTS = os.environ["FU_TESTS"]
sys.path.insert(0, os.path.join(TESTS, "e2e"))
import mailcorpus  # noqa: E402

M = os.path.join(T, "mail")
mailcorpus.write(M)
passes = fails = 0
SLOW = 20 if WRAP else 1


def fail(what):
    global fails
    fails += 1
    if fails <= 80:
        print("FAIL: " + what, flush=True)


def check(ok, what):
    global passes
    if ok:
        passes += 1
    else:
        fail(what)


# Nothing that reaches a terminal may hold these.
BAD_CHARS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_strings(v, where):
    if isinstance(v, str):
        check(not BAD_CHARS.search(v), "control or bidi character in %s: %r" % (where, v[:80]))
    elif isinstance(v, dict):
        for k, x in v.items():
            clean_strings(x, where + "." + k)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            clean_strings(x, "%s[%d]" % (where, i))


def run(requests, *opts, env=None, pass_fds=(), timeout=120, term=b"\n"):
    """Run the helper on REQUESTS (str or bytes): (exit code, records, stderr)."""
    data = b"".join((r.encode() if isinstance(r, str) else r) + term for r in requests)
    p = subprocess.run(WRAP + [HELPER, *opts], input=data, capture_output=True,
                       env=env, pass_fds=pass_fds, timeout=timeout * SLOW)
    try:
        out = p.stdout.decode("utf-8")  # strict: records are UTF-8
        err = p.stderr.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("output is not UTF-8: %s" % e)
        return p.returncode, [], ""
    recs = []
    for line in out.splitlines():
        try:
            recs.append(json.loads(line))
        except ValueError:
            fail("not a JSON line: %r" % line[:200])
    for r in recs:
        clean_strings(r, "record")
    check(not BAD_CHARS.sub("", err.replace("\n", "")) != err.replace("\n", ""),
          "raw control characters on stderr: %r" % err[:300])
    for line in err.splitlines():
        if WRAP and line.startswith("=="):
            continue  # valgrind's own lines (it fails the run by its exit code)
        check(line.startswith("fu: warning: "), "stderr line not a warning: %r" % line[:200])
    return p.returncode, recs, err


def subset(want, got, where):
    """Every key of WANT is in GOT with that value (dicts compared the same
    way, lists element by element and of the same length)."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            fail("%s: want an object, got %r" % (where, got))
            return
        for k, v in want.items():
            if k not in got:
                fail("%s: no key %r in %r" % (where, k, sorted(got)))
            else:
                subset(v, got[k], where + "." + k)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            fail("%s: want %d items, got %r" % (where, len(want), got))
            return
        for i, (w, g) in enumerate(zip(want, got)):
            subset(w, g, "%s[%d]" % (where, i))
    else:
        check(want == got, "%s: want %r, got %r" % (where, want, got))


def messages(recs, kind="message"):
    return [r for r in recs if r["type"] == kind]


def ends(recs):
    return [r for r in recs if r["type"] == "end"]


HEADER_KEYS = ["message_id", "digest", "date", "date_offset", "from", "sender",
               "reply_to", "to", "cc", "subject", "in_reply_to", "references",
               "hints", "content_type"]
FULL_KEYS = ["snippet", "calendar", "truncated"]
EXPECT = {n: e for n, _, e in mailcorpus.CORPUS}
PATH = {n: os.path.join(M, "msg", n + ".eml") for n in EXPECT}

# --- every message of the corpus, full and headers-only ----------------------
names = sorted(EXPECT)
rc, full, err = run(["file " + PATH[n] for n in names])
check(rc == 0, "corpus: exit %d" % rc)
check(err == "", "corpus: warnings on good mail: %r" % err[:500])
rc, head, err = run(["file " + PATH[n] for n in names], "--headers-only")
check(rc == 0, "corpus headers-only: exit %d" % rc)
fm, hm = messages(full), messages(head)
check(len(fm) == len(names) and len(hm) == len(names),
      "corpus: %d and %d messages for %d files" % (len(fm), len(hm), len(names)))
check(len(ends(full)) == len(names), "corpus: one end record per request")
byname = {}
for i, n in enumerate(names):
    f = [r for r in fm if r["req"] == i]
    h = [r for r in hm if r["req"] == i]
    if len(f) != 1 or len(h) != 1:
        fail("%s: no message record" % n)
        continue
    f, h = f[0], h[0]
    byname[n] = f
    subset(EXPECT[n], f, n)
    for k in HEADER_KEYS + FULL_KEYS + ["flags"]:
        check(k in f, "%s: full record lacks %s" % (n, k))
    for k in HEADER_KEYS:
        check(h.get(k) == f.get(k), "%s: headers-only %s differs: %r vs %r" % (n, k, h.get(k), f.get(k)))
    for k in FULL_KEYS:
        check(k not in h, "%s: headers-only record has %s" % (n, k))
    check(f["truncated"] is False, "%s: truncated" % n)
    check(re.fullmatch("[0-9a-f]{64}", f["digest"] or "") is not None, "%s: digest %r" % (n, f["digest"]))
    check(f["path"] == PATH[n], "%s: path %r" % (n, f["path"]))
check(len({r["digest"] for r in fm}) == len(fm), "digests are not all different")

# the escapes: exact text once cleaned
esc = byname.get("escapes", {})
check(esc.get("subject") == "Hi[1mAB raw[2Jtailend", "escapes: subject %r" % esc.get("subject"))

# --- CRLF, the same message --------------------------------------------------
rc, recs, err = run(["file " + os.path.join(M, "gmail-reply-crlf.eml")])
crlf = messages(recs)
if crlf:
    for k in HEADER_KEYS + ["snippet"]:
        check(crlf[0].get(k) == byname["gmail-reply"].get(k),
              "CRLF: %s differs: %r" % (k, crlf[0].get(k)))
else:
    fail("CRLF: no message")

# --- Maildir: flags from the names -----------------------------------------
md = [os.path.join(M, "Maildir", sub, f) for _, sub, f in mailcorpus.MAILDIR]
rc, recs, err = run(["file " + p for p in md], "--headers-only")
want_flags = ["RS", "", "FS", None, "S"]
got = messages(recs)
check(len(got) == len(md), "Maildir: %d messages" % len(got))
for r, (name, _, _), fl in zip(got, mailcorpus.MAILDIR, want_flags):
    check(r["flags"] == fl, "Maildir %s: flags %r, want %r" % (name, r["flags"], fl))
    check(r["message_id"] == byname[name]["message_id"], "Maildir %s: message_id" % name)

# --- mbox -------------------------------------------------------------------
MBOX = os.path.join(M, "inbox.mbox")
size = os.path.getsize(MBOX)
for mode in ((), ("--headers-only",)):
    rc, recs, err = run(["mbox 0 " + MBOX], *mode)
    ms = messages(recs)
    check(rc == 0 and err == "", "mbox %s: exit %d, %r" % (mode, rc, err))
    check(len(ms) == len(mailcorpus.MBOX_NAMES), "mbox %s: %d messages" % (mode, len(ms)))
    e = ends(recs)
    check(len(e) == 1 and e[0].get("next") == size and e[0]["kind"] == "mbox"
          and e[0]["messages"] == len(ms), "mbox %s: end %r (size %d)" % (mode, e, size))
    off = 0
    for r, name in zip(ms, mailcorpus.MBOX_NAMES):
        check(r["offset"] == off, "mbox %s: offset %r, want %d" % (name, r["offset"], off))
        off = r["offset"] + r["length"]
        for k in HEADER_KEYS:
            check(r[k] == byname[name][k], "mbox %s %s: %s differs: %r" % (mode, name, k, r[k]))
        if not mode and name != "rfc2047":
            check(r["snippet"] == byname[name]["snippet"], "mbox %s: snippet %r" % (name, r["snippet"]))
            check(r["calendar"] == byname[name]["calendar"], "mbox %s: calendar" % name)
    check(off == size, "mbox: messages cover %d of %d bytes" % (off, size))
    if not mode:
        rf = [r for r in ms if r["message_id"] == "rfc2047@initech.example"]
        check(bool(rf) and rf[0]["snippet"] ==
              "Gr\u00fc\u00df Gott, sch\u00f6ne Gr\u00fc\u00dfe aus M\u00fcnchen. "
              "From the archives: an escaped line. From the team, unescaped.",
              "mbox: >From unescaped in the snippet: %r" % (rf and rf[0]["snippet"]))
        # one message by offset, as fu's second pass asks
        for r in ms:
            rc2, one, err2 = run(["mbox-message %d %d %s" % (r["offset"], r["length"], MBOX)])
            om = messages(one)
            check(len(om) == 1 and {k: v for k, v in om[0].items() if k != "req"} ==
                  {k: v for k, v in r.items() if k != "req"},
                  "mbox-message %d: %r" % (r["offset"], om[:1]))
        # resuming: from the end, nothing; from inside a message, an error
        rc2, again, err2 = run(["mbox %d %s" % (size, MBOX)])
        check(messages(again) == [] and ends(again)[0].get("next") == size and err2 == "",
              "mbox from its end: %r" % again)
        rc2, bad, err2 = run(["mbox %d %s" % (ms[1]["offset"] + 3, MBOX)])
        check(messages(bad) == [] and "not the start of a message" in ends(bad)[0].get("error", ""),
              "mbox from inside a message: %r" % bad)
        check(rc2 == 1 and err2.count("\n") == 1, "mbox from inside: exit %d, %r" % (rc2, err2))
        rc2, bad, err2 = run(["mbox-message %d %d %s" % (ms[1]["offset"] + 1, 50, MBOX)])
        check(messages(bad) == [] and "changed" in ends(bad)[0].get("error", ""),
              "mbox-message at a wrong offset: %r" % bad)
        rc2, bad, err2 = run(["mbox %d %s" % (size + 10, MBOX)])
        check("past its end" in ends(bad)[0].get("error", ""), "mbox past its end: %r" % bad)

# an mbox that did not escape its From lines
UNESC = os.path.join(M, "hostile", "unescaped-from.mbox")
rc, recs, err = run(["mbox 0 " + UNESC])
ms = messages(recs)
check(len(ms) == 2 and [m["message_id"] for m in ms] == ["m1@b.example", "m2@b.example"],
      "unescaped mbox: %r" % [m.get("message_id") for m in ms])
if len(ms) == 2:
    check(ms[0]["snippet"] == "first body From the team: thanks! From someone Mon Nov 9 "
          "10:00:00 2026 not a header line", "unescaped mbox: snippet %r" % ms[0]["snippet"])
rc, recs, err = run(["mbox 0 " + os.path.join(M, "hostile", "not-an.mbox")])
check(rc == 1 and "not an mbox" in ends(recs)[0].get("error", "") and err.count("\n") == 1,
      "not an mbox: %d %r %r" % (rc, recs, err))

# --- .ics, auto, fd -------------------------------------------------------------
ICS = os.path.join(M, "invite.ics")
rc, recs, err = run(["ics " + ICS, "auto " + ICS, "auto " + MBOX, "auto " + PATH["linkedin"]])
cals = messages(recs, "calendar")
check(len(cals) == 2 and all(c["calendar"] == byname["google-invite"]["calendar"] for c in cals),
      "ics: %r" % cals)
check([e["kind"] for e in ends(recs)] == ["ics", "ics", "mbox", "file"],
      "auto kinds: %r" % [e["kind"] for e in ends(recs)])
check(len(messages(recs)) == len(mailcorpus.MBOX_NAMES) + 1, "auto: messages")
rc, recs, err = run(["ics " + PATH["linkedin"]])
check(messages(recs, "skip") and "not an iCalendar" in messages(recs, "skip")[0]["error"],
      "ics of a mail: %r" % recs)

fd = os.open(PATH["gmail-reply"], os.O_RDONLY)
rc, recs, err = run(["fd %d" % fd], pass_fds=(fd,))
os.close(fd)
ms = messages(recs)
check(len(ms) == 1 and ms[0]["path"] == "-" and ms[0]["snippet"] == byname["gmail-reply"]["snippet"]
      and ends(recs)[0]["kind"] == "fd", "fd: %r" % recs)
# a pipe, with a procmail From_ line before the message
r_fd, w_fd = os.pipe()
os.write(w_fd, b"From dana@acme.example Tue Nov  3 10:15:00 2026\n" +
         open(PATH["rfc2047"], "rb").read())
os.close(w_fd)
rc, recs, err = run(["fd %d" % r_fd], pass_fds=(r_fd,))
os.close(r_fd)
ms = messages(recs)
check(len(ms) == 1 and ms[0]["subject"] == byname["rfc2047"]["subject"], "fd pipe: %r" % recs)

# headers-only reads no further than the header block: a pipe that never
# ends after it must still be answered
r_fd, w_fd = os.pipe()
os.write(w_fd, open(PATH["linkedin"], "rb").read().split(b"\n\n")[0] + b"\n\nbody that goes on")
p = subprocess.Popen(WRAP + [HELPER, "--headers-only"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, pass_fds=(r_fd,))
p.stdin.write(b"fd %d\n" % r_fd)
p.stdin.flush()
os.close(r_fd)
import select
ready, _, _ = select.select([p.stdout], [], [], 10 * SLOW)
line = p.stdout.readline() if ready else b""
check(line.startswith(b'{"type":"message"'), "headers-only waited for the body: %r" % line[:80])
os.close(w_fd)
p.stdin.close()
p.stdout.read()
p.wait(timeout=60 * SLOW)

# -z: paths with a newline, and bytes that are not UTF-8
odd = os.path.join(M, "odd\nname\xe9.eml").encode("utf-8", "surrogateescape")
odd = os.path.join(M, "odd\nname").encode() + b"\xe9.eml"
with open(odd, "wb") as f:
    f.write(open(PATH["linkedin"], "rb").read())
rc, recs, err = run([b"file " + odd], "-z", term=b"\0")
ms = messages(recs)
check(len(ms) == 1 and ms[0]["path"].endswith("odd\\x0aname\\xe9.eml"), "-z odd path: %r" % recs)

# --- time zones: the table, and no dependence on TZ -------------------------
src = open(os.path.join(TESTS, "..", "cmd", "mail", "winzones.c")).read()
zones = re.findall(r'\{ "[^"]+", "([^"]+)",', src)
check(len(zones) > 130, "winzones: %d zones" % len(zones))
for z in zones:
    try:
        zoneinfo.ZoneInfo(z)
        passes += 1
    except Exception:
        fail("winzones: %s is not a zone this system knows" % z)
env = dict(os.environ, TZ="Pacific/Auckland", LC_ALL="C")
rc, other, err = run(["file " + PATH[n] for n in names], env=env)
check(other == full, "the records change with TZ or the locale")

# --- hostile input -------------------------------------------------------------
H = os.path.join(M, "hostile")
HOST = sorted(n for n in os.listdir(H) if not n.endswith(".mbox"))
rc, recs, err = run(["file " + os.path.join(H, n) for n in HOST], timeout=300)
check(rc == 0, "hostile: exit %d" % rc)
res = {}
for r in recs:
    if r["type"] in ("message", "skip"):
        res[HOST[r["req"]]] = r
check(len(ends(recs)) == len(HOST) and len(res) == len(HOST),
      "hostile: %d records for %d files" % (len(res), len(HOST)))
lines = err.splitlines()
for n in HOST:
    r = res.get(n)
    if not r:
        continue
    nl = [l for l in lines if l.startswith("fu: warning: " + os.path.join(H, n) + ":")]
    check(len(nl) == (1 if r["type"] == "skip" or r.get("warnings") else 0),
          "hostile %s: %d warning lines: %r" % (n, len(nl), nl))

SKIPS = {"empty": "empty message", "newline": "not a mail message",
         "binary": "not a mail message", "pdf": "not a mail message",
         "header-10mb": "header block larger than 256 KiB",
         "header-folded-10mb": "header block larger than 256 KiB"}
for n, why in SKIPS.items():
    r = res.get(n, {})
    check(r.get("type") == "skip" and why in r.get("error", ""), "hostile %s: %r" % (n, str(r)[:300]))
for i, n in enumerate(HOST):
    want = (0, 1) if n in SKIPS else (1, 0)
    got = [(x["messages"], x["skipped"]) for x in ends(recs) if x["req"] == i]
    check(got == [want], "hostile %s: end counts %r, want %r" % (n, got, want))
for n in HOST:
    if n not in SKIPS:
        check(res.get(n, {}).get("type") == "message", "hostile %s: not read: %r" % (n, str(res.get(n))[:300]))


def h(n, key, default=None):
    return res.get(n, {}).get(key, default)


check(h("message-id-50k", "message_id", 1) is None and "Message-ID" in " ".join(h("message-id-50k", "warnings", [])),
      "50 KB Message-ID: %r %r" % (h("message-id-50k", "message_id", 1), h("message-id-50k", "warnings")))
check(h("reference-50k", "references") == ["first@b.example", "last@b.example"]
      and h("reference-50k", "warnings"), "50 KB reference: %r" % h("reference-50k", "references"))
refs = h("references-many", "references", [])
check(len(refs) == 100 and refs[0] == "r0@b.example" and refs[-1] == "r4999@b.example",
      "5000 references: %d, %r..%r" % (len(refs), refs[:1], refs[-1:]))
check(len(h("to-many", "to", [])) == 100, "3000 recipients: %d" % len(h("to-many", "to", [])))
check("caf" in (h("invalid-utf8", "subject") or "") and
      h("invalid-utf8", "snippet") == "caf\ufffd \ufffd\ufffd \ufffd\ufffd\ufffd ok",
      "invalid UTF-8: %r %r" % (h("invalid-utf8", "subject"), h("invalid-utf8", "snippet")))
check((h("unknown-charset", "snippet") or "").startswith("caf"), "unknown charset: %r" % h("unknown-charset", "snippet"))
check(h("base64-bomb", "snippet") == "A" * 199 + "\u2026" and h("base64-bomb", "truncated") is True,
      "base64 bomb: %r %r" % ((h("base64-bomb", "snippet") or "")[:20], h("base64-bomb", "truncated")))
check(h("parts-many", "truncated") is True, "400000 parts: not cut")
check(h("unclosed-boundary", "snippet") == "unclosed part text", "unclosed boundary: %r" % h("unclosed-boundary", "snippet"))
check(h("no-boundary", "content_type") == "multipart/alternative", "no boundary: %r" % h("no-boundary", "content_type"))
sec = (h("calendar-secondly", "calendar") or {}).get("events", [{}])[0]
check(sec.get("start", {}).get("utc", 1) is None and sec.get("uid") == "sec",
      "a VTIMEZONE that would expand forever: %r" % sec)
att = (h("calendar-attendees", "calendar") or {}).get("events", [{}])[0]
check(att.get("uid", 1) is None and len(att.get("attendees", [])) == 100
      and att.get("start", {}).get("zone", 1) is None and att.get("start", {}).get("utc", 1) is None,
      "50 KB UID, 500 attendees, a TZID path: %r" % str(att)[:300])
# Peak RSS, from GNU time: a child of this process would count the
# memory it holds between fork and exec (Linux keeps the old high-water
# mark across exec), and the corpus is in this process's memory.
asan = b"libasan" in subprocess.run(["ldd", HELPER], capture_output=True).stdout
if not WRAP and not asan and os.path.exists("/usr/bin/time"):
    for mode in ((), ("--headers-only",)):
        p = subprocess.run(["/usr/bin/time", "-f", "%M", HELPER, "-q", *mode],
                           input="".join("file %s\n" % os.path.join(H, n) for n in HOST).encode()
                           + ("mbox 0 %s\n" % UNESC).encode(),
                           capture_output=True, timeout=300)
        kib = int(p.stderr.split()[-1])
        check(kib < 32 * 1024, "hostile %s: peak RSS %d KiB (at most 32 MiB)" % (mode, kib))
        print("  hostile input%s: peak RSS %d KiB" % (" " + mode[0] if mode else "", kib))

# headers-only over the same
rc, recs, err = run(["file " + os.path.join(H, n) for n in HOST], "--headers-only", timeout=300)
check(rc == 0 and len(ends(recs)) == len(HOST), "hostile headers-only: exit %d" % rc)

# --- sources that cannot be read ------------------------------------------------
os.mkdir(os.path.join(T, "dir"))
os.mkfifo(os.path.join(T, "fifo"))
os.symlink(os.path.join(T, "nowhere"), os.path.join(T, "dangling"))
os.symlink(os.path.join(T, "loop2"), os.path.join(T, "loop1"))
os.symlink(os.path.join(T, "loop1"), os.path.join(T, "loop2"))
os.symlink("/dev/zero", os.path.join(T, "zero"))
os.symlink(PATH["linkedin"], os.path.join(T, "link"))
sock = socket.socket(socket.AF_UNIX)
sock.bind(os.path.join(T, "sock"))
unreadable = os.path.join(T, "unreadable")
with open(unreadable, "wb") as f:
    f.write(open(PATH["linkedin"], "rb").read())
os.chmod(unreadable, 0)
root = os.geteuid() == 0
# what each says, for `file` (which follows no symbolic link) and the rest
LINK = "a symbolic link (not followed"
SRC = [("dir", "a directory"), ("fifo", "not a regular file"),
       ("dangling", (LINK, "No such file")), ("loop1", (LINK, "Too many levels of symbolic links")),
       ("zero", (LINK, "not a regular file")), ("sock", "No such device"),
       ("link", (LINK, None)), ("unreadable", None if root else "Permission denied")]
reqs = []
for n, _ in SRC:
    for verb in ("file", "mbox 0", "ics", "auto"):
        reqs.append("%s %s" % (verb, os.path.join(T, n)))
rc, recs, err = run(reqs, timeout=60)
check(rc == 0, "unreadable sources: exit %d" % rc)
e = ends(recs)
check(len(e) == len(reqs), "unreadable sources: %d end records for %d" % (len(e), len(reqs)))
for i, (n, whys) in enumerate(SRC):
    for k in range(4):
        r = e[i * 4 + k] if i * 4 + k < len(e) else {}
        why = whys if not isinstance(whys, tuple) else whys[0] if k == 0 else whys[1]
        if why is None:
            continue
        check(why in r.get("error", "") or (n == "sock" and "error" in r),
              "%s (%s): %r" % (n, reqs[i * 4 + k].split()[0], r))
        check(err.count("fu: warning: %s: " % os.path.join(T, n)) >= 1, "%s: no warning" % n)
li = [n for n, _ in SRC].index("link") * 4
check(e[li + 3]["kind"] == "file" and e[li + 3]["messages"] == 1 and "error" not in e[li + 3],
      "auto on a symbolic link: %r" % e[li + 3])
check(messages(recs)[0]["message_id"] == byname["linkedin"]["message_id"], "a symbolic link to a file is read")
os.chmod(unreadable, 0o600)

# bad requests, bad options
rc, recs, err = run(["bogus x", "mbox x y", "mbox 5", "mbox-message 1 x p", "fd abc", "fd 0",
                     "file ", ""])
e = ends(recs)
check(rc == 1 and len(e) == 7 and all(x["kind"] == "none" and x.get("error") for x in e)
      and [x["req"] for x in e] == list(range(7)), "bad requests: %d %r" % (rc, e))
check(err.count("\n") == 7, "bad requests: %r" % err)
rc, recs, err = run([])
check(rc == 0 and recs == [] and err == "", "no requests: %d %r %r" % (rc, recs, err))
for opts in (["--max-bytes", "5"], ["--bogus"], ["--max-bytes"]):
    p = subprocess.run(WRAP + [HELPER, *opts], input=b"", capture_output=True, timeout=60 * SLOW)
    check(p.returncode == 2 and p.stdout == b"" and b"fu-mail-read: " in p.stderr,
          "%s: exit %d, %r" % (opts, p.returncode, p.stderr))
# --max-bytes cuts a message that is larger
rc, recs, err = run(["file " + PATH["google-invite"]], "--max-bytes", "2048")
ms = messages(recs)
check(len(ms) == 1 and ms[0]["truncated"] is True and ms[0]["message_id"] == byname["google-invite"]["message_id"],
      "--max-bytes 2048: %r" % str(recs)[:300])

with open(os.path.join(T, "py.counts"), "w") as f:
    f.write("%d %d\n" % (passes, fails))
PY
read -r p f <"$T/py.counts" || { p=0; f=1; }
passes=$((passes + p))
fails=$((fails + f))
finish
