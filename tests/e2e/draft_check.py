#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""draft_check.py - what every golden draft must be, read as someone who
hires would read it (tests/e2e/t_draft_person.sh, t_draft.sh).

    draft_check.py [--distinct] FILE...

Each FILE is a draft as fu draft prints it, named ACTION[.SITUATION][.N]
.CHANNEL (CHANNEL: email, letter, phone or checklist). Checked:
- no placeholder left (no brace);
- the word limits of RULES.md ("Drafts: what each message contains"),
  counted as fu counts them (fu_draft_words), without a letter's head
  and the signature; a call has none;
- prose: proselint (Debian's python3-proselint) finds nothing at all,
  but for the exceptions named below, each with its reason;
- with --distinct (the nudges to one person): no two bodies, and no two
  subjects, alike.
Prints one line per problem and exits 1 when there is any.

Run with /usr/bin/python3: Debian's modules are not on another Python's
path.
"""
import os
import re
import sys

# RULES.md's limits, and fu's own where RULES.md has none (fu_draft_limit)
LIMITS = {
    "thank-you": 200, "acknowledge": 60, "application-check-in": 120,
    "interview-check-in": 120, "nudge": 120, "rejection-response": 100,
    "withdraw-notice": 100, "decline-offer": 100, "connect": 120,
    "intro-thanks": 100, "intro-reach-out": 150, "help-reminder": 100,
}

# What proselint may say that is accepted, and why. Each is (check, text
# flagged or None for any, why).
EXCEPTIONS = [
    # The seeds' own word: fu's topics in the tests are what a user
    # typed ("passing my resume to the data team"), and "resume" without
    # its accents is the usual American spelling of a job seeker's CV.
    ("typography.diacritical_marks", "resume",
     "a user's topic, spelled as Americans spell it"),
]


def words(text):
    """fu_draft_words: runs of non-blanks holding a letter or a digit."""
    return sum(1 for w in text.split()
               if any(c.isalnum() or ord(c) >= 0x80 for c in w))


def parts(path):
    """(action, channel, subject, body, counted text) of a golden."""
    name = os.path.basename(path)
    bits = name.split(".")
    action, channel = bits[0], bits[-1]
    text = open(path, encoding="utf-8").read()
    subject = None
    body = text
    if channel == "email" and text.startswith("Subject: "):
        subject, _, body = text.partition("\n\n")
        subject = subject[len("Subject: "):]
    counted = body
    if channel in ("email", "letter"):
        # from the greeting to the closing, as fu counts it
        start = counted.find("Dear ")
        if start >= 0:
            counted = counted[start:]
        for close in ("\nBest regards,\n", "\nSincerely,\n"):
            end = counted.find(close)
            if end >= 0:
                counted = counted[:end + len(close)]
    return action, channel, subject, body, counted


def prose_problems(text):
    import proselint.tools
    found = []
    for hit in proselint.tools.lint(text):
        check, message, line, column = hit[0], hit[1], hit[2], hit[3]
        start, end = hit[4], hit[5]
        flagged = text[start:start + end] if end else ""
        accepted = any(check == c and (t is None or t in flagged.lower() or
                                       t in message.lower())
                       for c, t, _ in EXCEPTIONS)
        if not accepted:
            found.append("%d:%d: %s %s" % (line + 1, column + 1, check,
                                           message))
    return found


def main(argv):
    distinct = "--distinct" in argv
    files = [a for a in argv if a != "--distinct"]
    problems = []
    seen = {}
    for path in files:
        action, channel, subject, body, counted = parts(path)
        name = os.path.basename(path)
        text = open(path, encoding="utf-8").read()
        if re.search(r"[{}]", text):
            problems.append("%s: a placeholder is left" % name)
        limit = LIMITS.get(action)
        if limit and channel in ("email", "letter"):
            n = words(counted)
            if n > limit:
                problems.append("%s: %d words; RULES.md allows about %d"
                                % (name, n, limit))
        for p in prose_problems(text):
            problems.append("%s:%s" % (name, p))
        if distinct:
            for what, value in (("body", body), ("subject", subject)):
                if value is None:
                    continue
                other = seen.get((what, value))
                if other:
                    problems.append("%s: its %s is %s's" % (name, what, other))
                seen[(what, value)] = name
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
