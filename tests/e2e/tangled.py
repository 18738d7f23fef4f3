#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tangled.py - a six-week job hunt, tangled as real ones are, replayed
day by day through the built fu (issue 13; RULES.md 11-19).

A simulated user does, each morning, everything `fu due` says is due:
drafts each message (`fu draft REF KEY`) and records it sent (`--sent`),
prepares for interviews, gives what fu draft asks for (an interviewer's
e-mail address, their own postal address, what was discussed with each
person met), and otherwise lives the hunt below: a recruiter
shared by three applications, a reply that schedules an interview, a
reply with no date, a reply that names a new date, a three-person onsite,
a phone screen, a networking event with a promise of help and an
introduction, a posting that says no calls and one that says only
qualified applicants will be contacted, two offers with deadlines, a
rejection, a ghosting, accepting one offer, the end of daylight saving
time, and a move from Europe/Berlin to America/New_York in week five.

After every step (`fu due --all --json`, unfiltered) it asserts:
  - no person is owed two follow-ups within 7 days, nor one within 7
    days of the last follow-up the user sent them (rule 11);
  - no window has zero length (rule 13); every key is unique;
  - no application check-in, and no draft asking whether an application
    arrived, once the employer has answered (rule 12);
  - no time-critical message by letter, no call where calls are refused
    (rules 2, 14);
  - every time in a reason is one of the hunt's instants shown in the
    reader's zone (rule 19);
  - nothing the user has just done is due again (fu never asks twice);
  - a closure never stays overdue for a user without a job (rule 17).
And at the moments the rules name, what must be owed is.

Run by t_tangled.sh (FU, FU_DB, HOME set by lib.sh).
"""

import datetime as dt
import json
import os
import re
import subprocess
import sys
from zoneinfo import ZoneInfo

FU = os.environ["FU"]
WRAP = os.environ.get("FU_WRAP", "").split()
BERLIN, NEW_YORK = "Europe/Berlin", "America/New_York"
FOLLOW_UPS = {"connect", "intro-reach-out", "help-reminder",
              "application-check-in", "interview-check-in", "nudge"}
LETTER_OK = {"thank-you", "rejection-response", "withdraw-notice",
             "decline-offer"}
# what the user discussed with each person they met, added when fu
# draft says nothing was logged
TOPICS = {"Walter Hughes": "the release process",
          "Sam Lee": "the on-call rotation",
          "Dana Reyes": "the deployment pipeline",
          "Lee Chen": "how incidents are reviewed"}
NOT_MESSAGES = {"find-contact", "closure", "offer-review", "prepare"}
ASKS_ARRIVED = re.compile(r"reached you|application (has )?arrived|"
                          r"received my application", re.I)
STAMP = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) "
                   r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                   r"(?: (\d{4}))? (\d{2}):(\d{2})\b")

passes = 0
failures = []


def check(ok, what):
    global passes
    if ok:
        passes += 1
    else:
        failures.append("%s: %s" % (sim.label, what))
        print("FAIL: %s: %s" % (sim.label, what), flush=True)


class Sim:
    def __init__(self):
        self.tz = BERLIN
        self.now = None           # aware datetime
        self.label = "start"
        self.instants = set()     # every time the hunt named (UTC)
        self.sent = {}            # contact id -> last follow-up sent (UTC)
        self.answered = set()     # application ids the employer answered
        self.ids = {}             # name -> id (applications, contacts)
        self.done = []            # (key, when) the user did, newest last
        self.no_calls_apps = set()
        self.no_calls_people = set()
        self.employed = False
        self.address = False      # user.address given (for letters)

    # --- running fu ------------------------------------------------------
    def at(self, when, tz=None):
        """Set the clock: 'YYYY-MM-DD HH:MM' local to the user's zone."""
        if tz:
            self.tz = tz
        self.now = dt.datetime.strptime(when, "%Y-%m-%d %H:%M").replace(
            tzinfo=ZoneInfo(self.tz))
        self.label = "%s %s" % (when, self.tz)
        self.instants.add(self.now.astimezone(dt.timezone.utc))

    def run(self, *args, want=0):
        env = dict(os.environ, TZ=self.tz,
                   FU_NOW=self.now.strftime("%Y-%m-%d %H:%M"))
        r = subprocess.run(WRAP + [FU] + list(args), capture_output=True,
                           text=True, env=env)
        if want is not None:
            check(r.returncode == want, "fu %s exited %d, wanted %d: %s" %
                  (" ".join(args), r.returncode, want, r.stderr.strip()))
        return r

    def dump(self):
        return subprocess.run(["sqlite3", os.environ["FU_DB"], ".dump"],
                              capture_output=True, text=True).stdout

    def refused(self, *args, want):
        """A user's mistake: refused with one fu: line, nothing changed."""
        before = self.dump()
        r = self.run(*args, want=want)
        check(r.stderr.startswith("fu: ") and r.stderr.count("\n") == 1,
              "fu %s: not one 'fu:' line: %r" % (" ".join(args), r.stderr))
        check(self.dump() == before, "fu %s changed the database" %
              " ".join(args))
        return r

    def local(self, when):
        """An instant named in local time, remembered."""
        t = dt.datetime.strptime(when, "%Y-%m-%d %H:%M").replace(
            tzinfo=ZoneInfo(self.tz))
        self.instants.add(t.astimezone(dt.timezone.utc))
        return when

    def add_contact(self, name, *opts):
        r = self.run("add", "contact", name, *opts)
        m = re.search(r"contact (\d+)", r.stdout)
        check(m is not None, "no contact number in %r" % r.stdout)
        self.ids[name] = int(m.group(1)) if m else 0

    def add_app(self, name, company, role, applied, *opts):
        r = self.run("add", "application", company, role, "--applied",
                     self.local(applied), *opts)
        m = re.search(r"application (\d+)", r.stdout)
        check(m is not None, "no application number in %r" % r.stdout)
        self.ids[name] = int(m.group(1)) if m else 0
        if "--no-calls" in opts:
            self.no_calls_apps.add(self.ids[name])

    def log(self, ref, kind, when, *opts, employer=True, want=0):
        r = self.run("log", str(self.ids.get(ref, ref)), kind, "--at",
                     self.local(when), *opts, want=want)
        if want == 0 and employer and kind in ("reply", "interview",
                                               "meeting", "timeline",
                                               "offer", "rejection"):
            self.answered.add(self.ids[ref])
        return r

    # --- what fu says ------------------------------------------------------
    def due(self):
        r = self.run("due", "--all", "--json")
        try:
            d = json.loads(r.stdout)
        except ValueError:
            check(False, "fu due --all --json is not JSON: %r" % r.stdout[:200])
            return []
        self.invariants(d)
        return d

    def invariants(self, d):
        keys = [a["key"] for a in d]
        check(len(keys) == len(set(keys)), "keys repeat: %s" %
              sorted(k for k in keys if keys.count(k) > 1))
        per = {}
        for a in d:
            nb, due = iso(a["not_before"]), iso(a["due"])
            check(due > nb, "%s: zero-length window %s .. %s" %
                  (a["key"], a["not_before"], a["due"]))
            for f in ("not_before", "due", "expires"):
                if a.get(f):
                    self.instants.add(iso(a[f]).astimezone(dt.timezone.utc))
            app = (a.get("application") or {}).get("id")
            who = (a.get("contact") or {}).get("id")
            if a["action"] == "application-check-in":
                check(app not in self.answered, "%s: an application check-in "
                      "after the employer answered" % a["key"])
            if a["channel"] == "letter":
                check(a["action"] in LETTER_OK, "%s by letter" % a["key"])
            if a["channel"] == "phone":
                check(app not in self.no_calls_apps and
                      who not in self.no_calls_people,
                      "%s: a call where calls are refused" % a["key"])
            if a["action"] == "closure" and not self.employed:
                check(a["state"] != "overdue", "%s: a closure overdue for "
                      "a user without a job (rule 17)" % a["key"])
            if a["action"] in FOLLOW_UPS and who and not a.get("joined"):
                per.setdefault(who, []).append(a)
        week = dt.timedelta(days=7)
        for who, owed in per.items():
            owed.sort(key=lambda a: iso(a["not_before"]))
            for p, q in zip(owed, owed[1:]):
                check(iso(q["not_before"]) - iso(p["not_before"]) >= week,
                      "%s and %s owed to one person within 7 days" %
                      (p["key"], q["key"]))
            last = self.sent.get(who)
            if last:
                check(iso(owed[0]["not_before"]) >= last + week,
                      "%s opens within 7 days of the follow-up sent %s" %
                      (owed[0]["key"], last))
        self.check_reasons(d)
        for key, when in self.done[-12:]:
            for a in d:
                if a["key"] == key and a["state"] != "upcoming" and \
                   iso(a["not_before"]) <= when:
                    check(False, "%s is owed again after it was done" % key)

    def check_reasons(self, d):
        z = ZoneInfo(self.tz)
        here = {fmt(t.astimezone(z)) for t in self.instants}
        for a in d:
            for m in STAMP.finditer(a["reason"]):
                s = "%s %s %s %s:%s" % (m.group(1), m.group(2), m.group(3),
                                        m.group(5), m.group(6))
                check(s in here, "%s: reason time '%s' is no instant of the "
                      "hunt in %s: %s" % (a["key"], s, self.tz, a["reason"]))

    # --- the user's morning --------------------------------------------
    def morning(self, when):
        """At `when`, do everything due or overdue, as a user would."""
        self.at(when)
        for _ in range(40):
            todo = [a for a in self.due()
                    if a["state"] in ("due", "overdue") and not a.get("joined")
                    and a["action"] not in ("offer-review", "closure")]
            if not todo:
                return
            self.do(todo[0])
        check(False, "the morning never ends")

    def do(self, a):
        app = (a.get("application") or {}).get("id")
        who = (a.get("contact") or {}).get("id")
        ref = str(app or who)
        key = a["key"]
        if a["action"] == "prepare":
            self.run("log", ref, "dismiss", "--action", key)
        elif a["action"] == "find-contact":
            check(False, "find-contact for an application with a contact: %s"
                  % key)
            self.run("log", ref, "dismiss", "--action", key)
        elif not who:
            # nobody to write to: the user withdraws through the portal
            # (the draft says so) and records it
            r = self.run("draft", ref, key, want=4)
            check("portal" in r.stderr, "%s: no advice for nobody: %s" %
                  (key, r.stderr))
            self.run("log", ref, "sent", "--action", key)
        else:
            r = self.run("draft", ref, key, want=None)
            m = re.match(r"fu: (.*) has no e-mail address", r.stderr)
            if r.returncode == 4 and m:
                # a person met at an interview: the user looks the
                # address up, as fu tells them to
                addr = m.group(1).lower().replace(" ", ".") + "@example.com"
                self.run("edit", m.group(1), "--email", addr)
                r = self.run("draft", ref, key, want=None)
            m = re.match(r"fu: set your postal address first, .*: "
                         r"(fu config user\.address) '", r.stderr)
            if r.returncode == 4 and m and not self.address:
                # the first letter: the user gives their own address,
                # as fu tells them to, once
                self.address = True
                self.run("config", "user.address",
                         "Linienstrasse 12, 10119 Berlin")
                r = self.run("draft", ref, key, want=None)
            m = re.search(r"\(fu log (\d+) topic --event (\d+) "
                          r"--topic-for '([^':]+): WHAT YOU DISCUSSED'\)",
                          r.stderr)
            if r.returncode == 0 and m:
                # nothing logged as discussed with them: the user adds
                # what they talked about, with the command fu gives
                topic = TOPICS.get(m.group(3), "the team's plans")
                self.run("log", m.group(1), "topic", "--event", m.group(2),
                         "--topic-for", "%s: %s" % (m.group(3), topic))
                r = self.run("draft", ref, key, want=None)
                check(topic in r.stdout and "WHAT YOU" not in r.stderr,
                      "%s: the topic added as fu said is not in the "
                      "draft:\n%s%s" % (key, r.stdout, r.stderr))
            check(r.returncode == 0, "fu draft %s %s exited %d: %s" %
                  (ref, key, r.returncode, r.stderr.strip()))
            text = r.stdout
            check(len(text) > 40, "%s: an empty draft" % key)
            if app in self.answered:
                check(not ASKS_ARRIVED.search(text), "%s asks whether the "
                      "application arrived after the employer answered:\n%s"
                      % (key, text))
            check("{" not in text and "[" not in text,
                  "%s: a placeholder left in the draft" % key)
            self.drafts.append((key, a, text))
            if self.run("draft", ref, key, "--sent").returncode != 0:
                # the user writes their own and records it
                if self.run("log", ref, "sent", "--action", key,
                            "--with", str(who)).returncode != 0:
                    raise SystemExit("%s: the user cannot do what fu says"
                                     % key)
            if a["action"] in FOLLOW_UPS and who:
                self.sent[who] = self.now.astimezone(dt.timezone.utc)
            if a["action"] == "rejection-response":
                # done with it, as fu-log(1) advises
                self.run("close", ref, "--outcome", "rejected")
        self.done.append((key, self.now))
        self.did.append(a)


def iso(s):
    return dt.datetime.fromisoformat(s)


def fmt(t):
    return "%s %d %s %s" % (t.strftime("%a"), t.day, t.strftime("%b"),
                            t.strftime("%H:%M"))


sim = Sim()
sim.drafts = []
sim.did = []


def owed(d, kind, name=None, app=None):
    return [a for a in d if a["action"] == kind and
            (name is None or (a.get("contact") or {}).get("name") == name) and
            (app is None or (a.get("application") or {}).get("id") ==
             sim.ids[app])]


def did(kind, name=None, since=0):
    return [a for a in sim.did[since:] if a["action"] == kind and
            (name is None or (a.get("contact") or {}).get("name") == name)]


def days(first, last):
    d = dt.date.fromisoformat(first)
    while d <= dt.date.fromisoformat(last):
        yield d.isoformat()
        d += dt.timedelta(days=1)


def main():
    s = sim
    s.at("2026-10-05 08:00")
    s.run("config", "user.name", "Alex Morgan")
    s.run("config", "user.email", "alex@example.org")
    s.run("config", "user.phone", "+49 30 1234567")

    # Week 1: applications; Rita recruits for three of them
    s.add_contact("Rita Shaw", "--company", "TalentBridge", "--title",
                  "Recruiter", "--email", "rita@talentbridge.example",
                  "--phone", "+49 30 555 0101")
    s.add_app("acme", "Acme", "Backend Engineer", "2026-10-05 09:00",
              "--contact", "rita", "--source", "recruiter")
    s.add_contact("Sam Lee", "--company", "Hooli", "--title",
                  "Technical Recruiter", "--email", "sam@hooli.example",
                  "--phone", "+49 30 555 0199", "--prefers", "phone")
    s.add_app("hooli", "Hooli", "Platform Engineer", "2026-10-05 09:30",
              "--contact", "sam")
    s.add_contact("Walter Hughes", "--company", "Stark Industries",
                  "--title", "Head of People", "--prefers", "letter",
                  "--address", "Stark Industries, 1 Tower Way, 10115 Berlin",
                  "--email", "walter@stark.example")
    s.at("2026-10-06 10:00")
    s.add_app("globex", "Globex", "Site Reliability Engineer",
              "2026-10-06 10:00", "--contact", "rita", "--source", "recruiter")
    s.add_app("stark", "Stark Industries", "Software Engineer",
              "2026-10-06 10:30", "--contact", "walter")
    s.add_app("umbrella", "Umbrella", "Data Engineer", "2026-10-06 11:00",
              "--no-follow-up", "--notes",
              "only qualified applicants will be contacted")
    s.at("2026-10-07 10:00")
    s.add_app("initech", "Initech", "Backend Developer", "2026-10-07 10:00",
              "--contact", "rita", "--no-calls")
    s.add_contact("Lucius Fox", "--company", "Wayne Enterprises",
                  "--email", "lucius@wayne.example")
    s.add_app("wayne", "Wayne Enterprises", "Systems Engineer",
              "2026-10-07 10:30", "--contact", "lucius")
    s.add_contact("Miles Dyson", "--company", "Cyberdyne",
                  "--email", "miles@cyberdyne.example")
    s.add_app("cyberdyne", "Cyberdyne", "Embedded Engineer",
              "2026-10-07 11:00", "--contact", "miles")
    d = s.due()
    check(not owed(d, "application-check-in", app="umbrella"),
          "a check-in for a posting that said only qualified applicants "
          "are contacted")
    rita = owed(d, "application-check-in", "Rita Shaw")
    check(len(rita) == 1 and len(rita[0]["also"]) == 2,
          "one check-in to Rita serves her three applications (rule 11)")

    events = {
        # a networking evening: Priya, met at a meetup
        "2026-10-08": [("20:00", lambda: (
            s.add_contact("Priya Nair", "--company", "Initrode",
                          "--email", "priya@initrode.example"),
            s.log("Priya Nair", "met", s.now.strftime("%Y-%m-%d") +
                  " 19:00", "--note", "Berlin backend meetup",
                  employer=False)))],
        # the phone screen at Hooli
        "2026-10-09": [("12:00", lambda: s.log(
            "hooli", "interview", "2026-10-09 11:00", "--with", "sam",
            "--channel", "phone", "--topic", "on-call rotation"))],
        # Stark replies, and arranges a video interview for Friday
        "2026-10-12": [("10:00", lambda: (
            s.log("stark", "reply", "2026-10-12 09:40", "--with", "walter"),
            s.log("stark", "interview", "2026-10-16 15:00", "--with",
                  "walter", "--channel", "video")))],
        # Priya offers to introduce you to someone at Initrode
        "2026-10-13": [("18:00", lambda: s.log(
            "Priya Nair", "help-promised", "2026-10-13 17:30", "--note",
            "an introduction to the platform lead", employer=False))],
        # Hooli schedules the onsite: three people
        "2026-10-14": [("09:45", lambda: (
            s.log("hooli", "reply", "2026-10-14 09:30", "--with", "sam"),
            s.log("hooli", "interview", "2026-10-22 10:00", "--with", "sam",
                  "--with", "Dana Reyes", "--with", "Lee Chen",
                  "--channel", "in-person")))],
        # Priya makes the introduction she promised
        "2026-10-16": [("19:00", lambda: s.log(
            "Priya Nair", "intro", "2026-10-16 18:30", "--with",
            "Omar Haddad", employer=False))],
        # Rita answers for Acme, with no date
        "2026-10-19": [("11:00", lambda: s.log(
            "acme", "reply", "2026-10-19 10:45", "--with", "rita",
            "--note", "the team is reviewing"))],
        # Wayne turns you down
        "2026-10-20": [("16:00", lambda: s.log(
            "wayne", "rejection", "2026-10-20 15:30", "--with", "lucius"))],
        # the onsite: thank-yous to each of three, not one "sent" for all
        "2026-10-22": [("17:00", onsite_mistakes)],
        # Stark writes on Saturday: a decision by Friday the 30th
        "2026-10-24": [("14:00", lambda: s.log(
            "stark", "reply", "2026-10-24 13:50", "--with", "walter",
            "--expect", "2026-10-30"))],
        # Rita: Globex has put the role on hold (no date)
        "2026-10-26": [("12:00", lambda: s.log(
            "globex", "reply", "2026-10-26 11:30", "--with", "rita"))],
        # Hooli's offer, answer by Tuesday the 10th
        "2026-11-03": [("15:00", lambda: s.log(
            "hooli", "offer", "2026-11-03 14:30", "--with", "sam",
            "--until", "2026-11-10"))],
        # Stark's offer, answer by the 12th
        "2026-11-04": [("15:00", lambda: s.log(
            "stark", "offer", "2026-11-04 14:00", "--with", "walter",
            "--until", "2026-11-12"))],
        # accepting Hooli's
        "2026-11-09": [("11:00", accept_hooli)],
    }
    for day in days("2026-10-08", "2026-11-20"):
        if day == "2026-11-02":
            s.tz = NEW_YORK  # week five: the move to New York
        s.morning(day + " 09:00")
        checks_of_the_morning(day)
        for hhmm, ev in events.get(day, []):
            s.at(day + " " + hhmm)
            ev()
            s.due()
            checks_after_event(day)
    final_checks()


def onsite_mistakes():
    s = sim
    # "fu log hooli sent" after a three-person onsite: which one?
    s.refused("log", str(s.ids["hooli"]), "sent", want=2)
    # a typo of an interviewer's name is no new person
    s.refused("log", str(s.ids["hooli"]), "sent", "--with", "Dana Reys",
              want=4)


def accept_hooli():
    s = sim
    s.accept_from = len(s.did)
    s.run("close", str(s.ids["hooli"]), "--outcome", "accepted", "--at",
          s.local("2026-11-09 11:00"))
    s.employed = True


def checks_of_the_morning(day):
    s = sim
    d = s.due()
    if day == "2026-10-10":
        check(len(did("thank-you", "Sam Lee")) == 1,
              "the phone screen was thanked the next morning")
    if day in ("2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16"):
        chased = [a for a in owed(d, "nudge", app="stark") +
                  owed(d, "interview-check-in", app="stark") +
                  owed(d, "application-check-in", app="stark")
                  if iso(a["not_before"]) < dt.datetime(
                      2026, 10, 16, 15, tzinfo=ZoneInfo(BERLIN))]
        check(not chased, "a follow-up at Stark before its interview: %s" %
              [a["key"] for a in chased])
    if day == "2026-10-15":
        p = [a for a in did("prepare")
             if a["application"]["id"] == sim.ids["stark"]]
        check(len(p) == 1 and p[0]["due"] == "2026-10-16T15:00:00+02:00",
              "the user prepared for Stark's interview, due when it begins")
    if day == "2026-10-17":
        check(did("thank-you", "Walter Hughes"), "Walter was thanked")
        check(did("intro-thanks", "Priya Nair"),
              "Priya was thanked for the introduction")
        check(not owed(d, "help-reminder", "Priya Nair"),
              "no help reminder after Priya introduced you (rule 15)")
    if day == "2026-10-23":
        thanked = {a["contact"]["name"] for a in did("thank-you")}
        check({"Sam Lee", "Dana Reyes", "Lee Chen"} <= thanked,
              "each of three interviewers thanked: %s" % sorted(thanked))
        # the name in the greeting aside
        onsite = [re.sub(r"^Dear .*\n", "", text, flags=re.M)
                  for key, a, text in sim.drafts
                  if a["action"] == "thank-you" and
                  a["not_before"].startswith("2026-10-22")]
        check(len(onsite) == 3 and len(set(onsite)) == 3,
              "three interviewers, three different notes (issue 14)")
    if day == "2026-10-25":
        # the acknowledgement of Saturday's 13:50 reply: within 24 hours,
        # across the end of summer time (a day of 25 hours)
        a = [x for x in sim.did if x["action"] == "acknowledge" and
             x["contact"]["name"] == "Walter Hughes" and
             x["due"].startswith("2026-10-25")]
        check(a and a[-1]["due"] == "2026-10-25T13:50:00+01:00",
              "the acknowledgement's 24 hours end the next day at 13:50")
    if day == "2026-11-04":
        check(did("acknowledge", "Sam Lee"), "Hooli's offer acknowledged")
    if day == "2026-11-10":
        ends = [a for a in sim.did[sim.accept_from:]
                if a["action"] in ("withdraw-notice", "decline-offer")]
        per = {}
        for a in ends:
            per.setdefault(a["application"]["company"], []).append(a)
        check(all(len(v) == 1 for v in per.values()),
              "one closing note per employer: %s" %
              {k: len(v) for k, v in per.items()})
        check([a["action"] for a in per.get("Stark Industries", [])] ==
              ["decline-offer"], "Stark's open offer declined, not withdrawn")
        check(not any(a["action"] == "withdraw-notice" and
                      (a["contact"] or {}).get("name") in ("Dana Reyes",
                                                           "Lee Chen")
                      for a in ends), "no withdraw-notice to Hooli's people")


def checks_after_event(day):
    s = sim
    d = s.due()
    if day == "2026-10-12":
        p = owed(d, "prepare", app="stark")
        check(len(p) == 1, "a prepare note for the scheduled interview")
    if day == "2026-10-16":
        ro = owed(d, "intro-reach-out", "Omar Haddad")
        check(len(ro) == 1, "reach out to Omar, introduced by Priya")
        check(not owed(d, "help-reminder", "Priya Nair"),
              "the introduction ends the help reminder (rule 15)")
    if day == "2026-10-24":
        ack = owed(d, "acknowledge", "Walter Hughes")
        check(len(ack) == 1, "Walter's reply is acknowledged")
        ic = owed(d, "interview-check-in", app="stark")
        check(all(iso(a["not_before"]).date() >= dt.date(2026, 10, 31)
                  for a in ic), "the check-in comes after the 30th")
        check(all(a["channel"] != "letter" for a in d if
                  (a.get("contact") or {}).get("name") == "Walter Hughes"
                  and a["action"] not in LETTER_OK),
              "nothing time-critical to Walter by letter")
    if day == "2026-11-03":
        rv = owed(d, "offer-review", app="hooli")
        check(len(rv) == 1 and rv[0]["due"] == "2026-11-11T00:00:00-05:00",
              "Hooli's offer is reviewed by the end of its deadline's day: %s"
              % [a["due"] for a in rv])
    if day == "2026-11-09":
        check(not owed(d, "withdraw-notice", app="stark"),
              "no withdraw-notice for an open offer (rule 15)")
        check(len(owed(d, "decline-offer", app="stark")) == 1,
              "Stark's open offer is declined")
        notes = owed(d, "withdraw-notice")
        per = {}
        for a in notes:
            per.setdefault(a["application"]["id"], []).append(a)
        check(all(len(v) == 1 for v in per.values()),
              "one withdraw-notice per employer")
        check(not owed(d, "offer-review"), "no offer left to review")


def final_checks():
    s = sim
    s.at("2026-11-20 18:00")
    r = s.run("list", "--all", "--json")
    apps = {a["company"]: a for a in json.loads(r.stdout or "[]")}
    for company, want in (("Hooli", "accepted"), ("Wayne Enterprises",
                                                  "rejected"),
                          ("Stark Industries", "declined")):
        check(apps.get(company, {}).get("outcome") == want,
              "%s closed %s: %s" % (company, want,
                                    apps.get(company, {}).get("outcome")))
    for company in ("Acme", "Globex", "Initech", "Cyberdyne"):
        check(apps.get(company, {}).get("outcome") == "withdrawn",
              "%s closed withdrawn after its notice was sent: %s" %
              (company, apps.get(company, {}).get("outcome")))
    d = s.due()
    check(not [a for a in d if a["state"] == "overdue"],
          "nothing overdue at the end: %s" %
          [a["key"] for a in d if a["state"] == "overdue"])
    # Rita: one cadence across three applications, one message for all
    to_rita = [a for a in s.did if a["action"] in FOLLOW_UPS and
               a["contact"]["name"] == "Rita Shaw"]
    check(len(to_rita) >= 2, "Rita was followed up with: %d" % len(to_rita))
    # the draft of a message that serves several applications names each
    rita_roles = [apps[c]["role"] for c in ("Acme", "Globex", "Initech")]
    riders = 0
    for key, a, text in s.drafts:
        if not a.get("also"):
            continue
        riders += 1
        named = [r for r in rita_roles if r in text]
        check(len(named) >= 1 + len(a["also"]), "%s serves %d applications "
              "but names %s (rule 11):\n%s" %
              (key, 1 + len(a["also"]), named, text))
    check(riders > 0, "no message served two applications at once")

if __name__ == "__main__":
    main()
    print("%d passed, %d failed" % (passes, len(failures)))
    sys.exit(1 if failures else 0)
