#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""bench/mailgen.py - a mailbox for fu-mail-read's benchmark, like a job
seeker's: N messages, about 1% of them about the job hunt.

    bench/mailgen.py --count 100000 --maildir DIR [--mbox FILE] [--seed 1]

Writes a Maildir (cur/ with flags in the names, a tenth in new/, tmp/
empty) and, with --mbox, the same messages as one mbox (mboxrd: body
lines starting "From " escaped). Deterministic for a seed. The messages
have the shapes and sizes of real mail: header blocks of 2 to 7 KiB
(Received chains, DKIM and ARC signatures, Authentication-Results),
newsletters in multipart/alternative with 10 to 60 KiB of HTML,
notifications, plain replies with quoted history, a few attachments of
50 to 300 KiB in base64. The job-hunt share: replies from recruiters at
the companies below, ATS mail (greenhouse.io, myworkday.com, lever.co)
and invitations with a text/calendar part. Their file names are listed
in DIR/job.txt (what fu's matching should pick).

Standard library only.
"""

import argparse
import base64
import os
import random
import sys
import time

COMPANIES = ["Acme", "Hooli", "Initech", "Globex", "Umbrella", "Soylent",
             "Vandelay", "Wonka", "Stark", "Wayne"]
FIRST = ["Dana", "Sam", "Priya", "Jonas", "Mei", "Lucas", "Amara", "Noah",
         "Elif", "Mateo", "Yuki", "Zoe", "Omar", "Ines", "Kai", "Lena"]
LAST = ["Reyes", "Lee", "Patel", "Berg", "Chen", "Silva", "Okafor", "Kim",
        "Yilmaz", "Garcia", "Sato", "Novak", "Haddad", "Costa", "Wolf"]
LISTS = ["linux-kernel", "debian-devel", "postgres-hackers", "rust-users",
         "python-dev", "golang-nuts", "hn-digest", "local-meetup"]
SENDERS = ["news@substack.example", "noreply@github.example",
           "notifications-noreply@linkedin.com", "deals@shop.example",
           "no-reply@bank.example", "newsletter@medium.example",
           "updates@calendar.example", "info@airline.example"]
WORDS = ("the of and to in is for on that with as at by this from we you "
         "release update meeting project team week report data review "
         "please thanks new plan design issue fix build test deploy").split()
USER = "alex@example.org"


def words(r, n):
    return " ".join(r.choice(WORDS) for _ in range(n))


def para(r, lines, width=72):
    out = []
    for _ in range(lines):
        out.append(words(r, width // 6))
    return "\n".join(out)


def received(r, i, when):
    return ("Received: from mail-%s.out.example.net (mail-%s.out.example.net "
            "[203.0.113.%d])\n\tby mx%d.example.org (Postfix) with ESMTPS id "
            "%08X\n\tfor <%s>; %s\n" % (
                r.randrange(10**6), r.randrange(10**6), r.randrange(255), i,
                r.randrange(16**8), USER, when))


def sig(r, n):
    s = base64.b64encode(r.randbytes(n)).decode()
    return "\n\t".join(s[i:i + 70] for i in range(0, len(s), 70))


def rfcdate(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))


def headers(r, n, t, frm, to, subject, extra=""):
    when = rfcdate(t)
    h = "Return-Path: <%s>\nDelivered-To: %s\n" % (frm.split("<")[-1].rstrip(">"), USER)
    for i in range(r.randint(3, 7)):
        h += received(r, i, when)
    if r.random() < 0.8:
        h += ("ARC-Seal: i=1; a=rsa-sha256; t=%d; cv=none;\n\td=example.net; s=arc-2026;\n\tb=%s\n"
              % (t, sig(r, 256)))
        h += ("ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net;\n"
              "\th=to:subject:message-id:date:from:mime-version;\n\tbh=%s;\n\tb=%s\n"
              % (sig(r, 32), sig(r, 256)))
        h += ("ARC-Authentication-Results: i=1; mx.example.net;\n\tdkim=pass header.i=@example.net;\n"
              "\tspf=pass (example.net: domain designates 203.0.113.5 as permitted sender);\n"
              "\tdmarc=pass (p=REJECT sp=REJECT dis=NONE)\n")
    h += ("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=s1;\n"
          "\th=from:to:subject:date:message-id:mime-version:content-type;\n\tbh=%s;\n\tb=%s\n"
          % (sig(r, 32), sig(r, 256)))
    h += "Authentication-Results: mx.example.org; dkim=pass; spf=pass; dmarc=pass\n"
    h += "X-Spam-Status: No, score=-2.%d\n" % r.randrange(10)
    h += "Message-ID: <%d.%d@%s>\n" % (t, n, frm.split("@")[-1].rstrip(">"))
    h += "Date: %s\nFrom: %s\nTo: %s\nSubject: %s\nMIME-Version: 1.0\n" % (
        when, frm, to, subject)
    return h + extra


def plain_body(r, quoted=False):
    b = "Hi,\n\n%s\n\nBest,\n%s\n" % (para(r, r.randint(3, 30)), r.choice(FIRST))
    if quoted:
        b += "\nOn Mon, Nov 2, 2026 at 10:00 AM Someone <x@example.net> wrote:\n\n"
        b += "\n".join("> " + l for l in para(r, r.randint(5, 40)).split("\n"))
        b += "\n"
    return b


def alternative(r, text_lines, html_kib):
    bnd = "b1_%016x" % r.randrange(16**16)
    html = "<html><head><style>%s</style></head><body>" % ("p{margin:0} " * 50)
    while len(html) < html_kib * 1024:
        html += "<p>%s</p>\n" % words(r, 12)
    html += "</body></html>\n"
    return (
        'Content-Type: multipart/alternative; boundary="%s"\n\n'
        "--%s\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\n%s\n"
        "--%s\nContent-Type: text/html; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\n%s\n--%s--\n"
        % (bnd, bnd, para(r, text_lines), bnd, html, bnd))


def attachment(r, kib):
    bnd = "b2_%016x" % r.randrange(16**16)
    data = base64.encodebytes(r.randbytes(kib * 1024)).decode()
    return (
        'Content-Type: multipart/mixed; boundary="%s"\n\n'
        "--%s\nContent-Type: text/plain; charset=utf-8\n\n%s\n"
        "--%s\nContent-Type: application/pdf; name=\"report.pdf\"\n"
        "Content-Disposition: attachment; filename=\"report.pdf\"\n"
        "Content-Transfer-Encoding: base64\n\n%s--%s--\n"
        % (bnd, bnd, para(r, 5), bnd, data, bnd))


def invitation(r, t, company, who):
    bnd = "b3_%016x" % r.randrange(16**16)
    start = time.strftime("%Y%m%dT%H0000", time.gmtime(t + 5 * 86400))
    ics = ("BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
           "VERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
           "DTSTART;TZID=Europe/Berlin:%s\r\nDTEND;TZID=Europe/Berlin:%s\r\n"
           "UID:%d@google.com\r\nORGANIZER;CN=%s:mailto:%s\r\n"
           "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=Alex:mailto:%s\r\n"
           "SUMMARY:Interview with %s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
           % (start, start, t, who[0], who[1], USER, company))
    return (
        'Content-Type: multipart/alternative; boundary="%s"\n\n'
        "--%s\nContent-Type: text/plain; charset=utf-8\n\nYou have been invited.\n"
        "--%s\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\n"
        "Content-Transfer-Encoding: 7bit\n\n%s\n--%s--\n"
        % (bnd, bnd, bnd, ics, bnd))


def message(r, n, t):
    """(text, job-related?)"""
    k = r.random()
    if k < 0.01:
        company = r.choice(COMPANIES)
        name = "%s %s" % (r.choice(FIRST), r.choice(LAST))
        addr = "%s@%s.example" % (name.split()[0].lower(), company.lower())
        kind = r.randrange(4)
        if kind == 0:
            h = headers(r, n, t, "%s <%s>" % (name, addr), USER,
                        "Re: Backend Engineer at %s" % company,
                        "In-Reply-To: <fu.%d@example.org>\n" % n)
            return h + "Content-Type: text/plain; charset=utf-8\n\n" + plain_body(r, True), True
        if kind == 1:
            h = headers(r, n, t, '"%s" <no-reply@greenhouse.io>' % company, USER,
                        "Your application to %s" % company)
            return h + alternative(r, 8, 12), True
        if kind == 2:
            h = headers(r, n, t, "Workday <%s@myworkday.com>" % company.lower(), USER,
                        "Application status update")
            return h + alternative(r, 6, 10), True
        h = headers(r, n, t, "%s <%s>" % (name, addr), USER,
                    "Invitation: Interview with %s" % company)
        return h + invitation(r, t, company, (name, addr)), True
    if k < 0.41:
        frm = r.choice(SENDERS)
        h = headers(r, n, t, "Newsletter <%s>" % frm, USER, words(r, 6),
                    "List-Unsubscribe: <mailto:unsub@%s>\nList-Id: <news.%s>\n"
                    % (frm.split("@")[1], frm.split("@")[1]))
        return h + alternative(r, 20, r.randint(10, 60)), False
    if k < 0.66:
        frm = r.choice(SENDERS)
        h = headers(r, n, t, "Notifications <%s>" % frm, USER, words(r, 7),
                    "Auto-Submitted: auto-generated\nPrecedence: bulk\n")
        return h + "Content-Type: text/plain; charset=utf-8\n\n" + para(r, r.randint(5, 40)) + "\n", False
    if k < 0.75:
        lst = r.choice(LISTS)
        h = headers(r, n, t, "%s %s <%s@lists.example>" % (r.choice(FIRST), r.choice(LAST), lst),
                    "%s@lists.example" % lst, "[%s] %s" % (lst, words(r, 6)),
                    "List-Id: <%s.lists.example>\nPrecedence: list\n" % lst)
        body = plain_body(r, r.random() < 0.6)
        if r.random() < 0.1:
            body += "\nFrom the archives, a line an mbox must escape.\n"
        return h + "Content-Type: text/plain; charset=utf-8\n\n" + body, False
    if k < 0.78:
        h = headers(r, n, t, "%s %s <%s@friends.example>" % (r.choice(FIRST), r.choice(LAST), r.choice(FIRST).lower()),
                    USER, "Photos and the report")
        return h + attachment(r, r.randint(50, 300)), False
    h = headers(r, n, t, "%s %s <%s@friends.example>" % (r.choice(FIRST), r.choice(LAST), r.choice(FIRST).lower()),
                USER, words(r, 5))
    return h + "Content-Type: text/plain; charset=utf-8\n\n" + plain_body(r, r.random() < 0.5), False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--mbox")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    r = random.Random(a.seed)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(a.maildir, sub), exist_ok=True)
    mbox = open(a.mbox, "w", encoding="utf-8") if a.mbox else None
    job = open(os.path.join(a.maildir, "job.txt"), "w")
    t0 = 1767225600  # 2026-01-01
    for n in range(a.count):
        t = t0 + n * 300 + r.randrange(300)
        text, is_job = message(r, n, t)
        if r.random() < 0.1:
            name = os.path.join("new", "%d.M%dP%d.bench" % (t, n, 4242))
        else:
            flags = "".join(f for f in "FRS" if r.random() < (0.1, 0.2, 0.9)["FRS".index(f)])
            name = os.path.join("cur", "%d.M%dP%d.bench:2,%s" % (t, n, 4242, flags))
        with open(os.path.join(a.maildir, name), "w", encoding="utf-8") as f:
            f.write(text)
        if is_job:
            job.write(name + "\n")
        if mbox:
            mbox.write("From %s %s\n" % (USER, time.strftime("%a %b %e %H:%M:%S %Y", time.gmtime(t))))
            for line in text.split("\n")[:-1]:
                stripped = line.lstrip(">")
                if stripped.startswith("From "):
                    line = ">" + line
                mbox.write(line + "\n")
            mbox.write("\n")
        if n and n % 10000 == 0:
            print("%d messages" % n, file=sys.stderr)
    job.close()
    if mbox:
        mbox.close()


if __name__ == "__main__":
    main()
