#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""mailcorpus.py - the mail the mail tests read, shaped like real mail.

    python3 mailcorpus.py DIR

writes into DIR:
  msg/NAME.eml       one file per message of CORPUS (good mail)
  Maildir/{cur,new,tmp}  some of them with flags in their names
  inbox.mbox         several messages (mboxrd), one with an escaped
                     ">From " body line and one with an unescaped
                     "From " body line, a Status: header as mutt adds
  invite.ics         an invitation on its own (a .ics file given to scan)
  hostile/NAME       HOSTILE: what a mailbox can hold that is not mail,
                     or is mail made to hurt

Each good message comes with what the reader must find in it (EXPECT),
so the tests of the reader and of the matching (fu mail) share one
corpus. The user is Alex Morgan <alex@example.org>; fu's own messages
have Message-IDs <fu.N.M@example.org>.

Standard library only (the system's /usr/bin/python3 or any python3).
"""

import base64
import os
import quopri
import sys
from datetime import datetime
from zoneinfo import ZoneInfo


def b64(text, charset="utf-8"):
    raw = base64.encodebytes(text.encode(charset)).decode()
    return raw


def qp(text, charset="utf-8"):
    return quopri.encodestring(text.encode(charset)).decode(charset if charset != "utf-8" else "ascii")


def epoch(y, mo, d, h, mi, zone, sec=0):
    return int(datetime(y, mo, d, h, mi, sec, tzinfo=ZoneInfo(zone)).timestamp())


def cut(text, limit=200):
    """A snippet of TEXT (white space already collapsed) as the reader
    cuts it: at most LIMIT characters; when longer, LIMIT - 1 of them,
    back to the last word end if it is within 60, and an ellipsis."""
    if len(text) <= limit:
        return text
    t = text[:limit - 1]
    sp = t.rfind(" ")
    if sp >= limit - 60:
        t = t[:sp]
    return t + "\u2026"


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


RECEIVED = (
    "Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41])\n"
    "\tby mx.example.org (Postfix) with ESMTPS id 4N2xQ81234\n"
    "\tfor <alex@example.org>; Tue,  3 Nov 2026 10:15:02 +0100 (CET)\n")

CORPUS = []  # (name, bytes, expect)


def add(name, text, expect, charset="utf-8"):
    data = text.encode(charset) if isinstance(text, str) else text
    CORPUS.append((name, data, expect))


# --- a Gmail reply with quoted history ---------------------------------------
GMAIL_TEXT = """Hi Alex,

Thanks for following up! We'd love to talk more. Are you free next
Tuesday afternoon for a call with the team?

Best,
Dana

On Mon, Nov 2, 2026 at 10:00 AM Alex Morgan <alex@example.org>
wrote:

> Dear Dana,
>
> I applied for the Backend Engineer role last week and wanted to
> confirm that my materials arrived.
>
> Best regards,
> Alex
"""
GMAIL_HTML = """<div dir="ltr">Hi Alex,<div><br></div><div>Thanks for following up! We&#39;d love to talk more. Are you free next Tuesday afternoon for a call with the team?</div><div><br></div><div>Best,</div><div>Dana</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Nov 2, 2026 at 10:00 AM Alex Morgan &lt;<a href="mailto:alex@example.org">alex@example.org</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">Dear Dana,<br>I applied for the Backend Engineer role.</blockquote></div>
"""
add("gmail-reply", RECEIVED + """DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
        d=acme.example; s=20230601; t=1793697302; x=1794302102;
        h=to:subject:message-id:date:from:in-reply-to:references
         :mime-version:from:to:cc:subject:date:message-id:reply-to;
        bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
        b=Qx1cX9mZ4kE0nH7kB3n2u6R0pM9oX8d0q7l5a1M3d8Q6sPpN2Q==
MIME-Version: 1.0
References: <fu.1.1793600000@example.org>
In-Reply-To: <fu.1.1793600000@example.org>
From: Dana Reyes <Dana.Reyes@Acme.Example>
Date: Tue, 3 Nov 2026 10:15:00 +0100
Message-ID: <CAJ+8kq3VbW2_xNq=Yt5uP0ZgA@mail.gmail.com>
Subject: =?UTF-8?B?UmU6IEJhY2tlbmQgRW5naW5lZXIg4oCTIGFwcGxpY2F0aW9u?=
To: Alex Morgan <alex@example.org>
Content-Type: multipart/alternative; boundary="000000000000d1e2f3a4b5c6d7e8"

--000000000000d1e2f3a4b5c6d7e8
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

""" + qp(GMAIL_TEXT) + """
--000000000000d1e2f3a4b5c6d7e8
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

""" + qp(GMAIL_HTML) + """
--000000000000d1e2f3a4b5c6d7e8--
""", {
    "message_id": "CAJ+8kq3VbW2_xNq=Yt5uP0ZgA@mail.gmail.com",
    "date": epoch(2026, 11, 3, 10, 15, "Europe/Berlin"), "date_offset": 60,
    "from": {"name": "Dana Reyes", "address": "dana.reyes@acme.example"},
    "to": [{"name": "Alex Morgan", "address": "alex@example.org"}], "cc": [],
    "subject": "Re: Backend Engineer \u2013 application",
    "in_reply_to": ["fu.1.1793600000@example.org"],
    "references": ["fu.1.1793600000@example.org"],
    "content_type": "multipart/alternative",
    "snippet": "Hi Alex, Thanks for following up! We'd love to talk more. Are you "
               "free next Tuesday afternoon for a call with the team? Best, Dana",
    "calendar": None,
})

# --- an Outlook reply in HTML only ------------------------------------------
OUTLOOK_HTML = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face {font-family:"Cambria Math";}
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0in; font-size:11.0pt; font-family:"Calibri",sans-serif;}
--></style>
</head>
<body lang="EN-US" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
<p class="MsoNormal">Hello Alex,<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Thank you for your interest in Globex. Your r\xe9sum\xe9 has been forwarded to the hiring manager &#8211; we will be in touch within two weeks.<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Kind regards,<o:p></o:p></p>
<p class="MsoNormal">Jonas Berg<o:p></o:p></p>
<p class="MsoNormal">Talent Acquisition | Globex<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<div>
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in">
<p class="MsoNormal"><b>From:</b> Alex Morgan &lt;alex@example.org&gt; <br>
<b>Sent:</b> Monday, November 2, 2026 9:12 AM<br>
<b>To:</b> Jonas Berg &lt;jonas.berg@globex.example&gt;<br>
<b>Subject:</b> Data Engineer application<o:p></o:p></p>
</div>
</div>
<p class="MsoNormal">Dear Jonas, I am writing to follow up on my application.<o:p></o:p></p>
</div>
</body>
</html>
"""
add("outlook-html", """Received: from EUR05-DB8-obe.outbound.protection.outlook.com (mail-db8eur05on2101.outbound.protection.outlook.com [40.107.20.101])
\tby mx.example.org (Postfix) with ESMTPS id 4N2xR2
\tfor <alex@example.org>; Wed,  4 Nov 2026 09:30:05 +0100 (CET)
From: Jonas Berg <Jonas.Berg@globex.example>
To: "alex@example.org" <alex@example.org>
Subject: RE: Data Engineer application
Thread-Topic: Data Engineer application
Thread-Index: AQHY8xq3k1bWJr2sTkO0VbW2xNqYtA==
Date: Wed, 4 Nov 2026 08:30:01 +0000
Message-ID: <AM0PR04MB6547D3A1B2C3D4E5F6A7B8C9D0@AM0PR04MB6547.eurprd04.prod.outlook.com>
References: <fu.2.1793610000@example.org>
In-Reply-To: <fu.2.1793610000@example.org>
Accept-Language: en-US
Content-Language: en-US
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
Content-Type: text/html; charset="windows-1252"
Content-Transfer-Encoding: quoted-printable
MIME-Version: 1.0

""" + quopri.encodestring(OUTLOOK_HTML.encode("cp1252")).decode("ascii"), {
    "message_id": "AM0PR04MB6547D3A1B2C3D4E5F6A7B8C9D0@AM0PR04MB6547.eurprd04.prod.outlook.com",
    "date": epoch(2026, 11, 4, 8, 30, "UTC", 1), "date_offset": 0,
    "from": {"name": "Jonas Berg", "address": "jonas.berg@globex.example"},
    "to": [{"name": "alex@example.org", "address": "alex@example.org"}],
    "subject": "RE: Data Engineer application",
    "in_reply_to": ["fu.2.1793610000@example.org"],
    "content_type": "text/html",
    "snippet": "Hello Alex, Thank you for your interest in Globex. Your r\u00e9sum\u00e9 "
               "has been forwarded to the hiring manager \u2013 we will be in touch "
               "within two weeks. Kind regards, Jonas Berg Talent Acquisition | Globex",
    "calendar": None,
})

# --- a Greenhouse rejection -------------------------------------------------
GH_TEXT = """Hi Alex,

Thank you for your interest in the Backend Engineer position at Initech
and for the time you invested in the process.

Unfortunately, we have decided not to move forward with your candidacy
at this time. We received applications from many strong candidates.

We wish you all the best in your search.

The Initech Recruiting Team
"""
add("greenhouse-rejection", """Received: from o1.email.greenhouse.io (o1.email.greenhouse.io [192.0.2.10])
\tby mx.example.org (Postfix) with ESMTPS id 4N2xS3
\tfor <alex@example.org>; Thu,  5 Nov 2026 18:02:11 +0100 (CET)
Date: Thu, 05 Nov 2026 17:02:09 +0000
From: Initech Recruiting <no-reply@greenhouse.io>
Reply-To: no-reply@greenhouse.io
To: alex@example.org
Message-ID: <6367f1a2b3c4d_1a2b3c4d5e6f7@greenhouse-app-5.mail>
Subject: Your application to Initech
Mime-Version: 1.0
Content-Type: multipart/alternative; boundary="--==_mimepart_6367f1a2"
Content-Transfer-Encoding: 7bit
X-SG-EID: abc
Feedback-ID: 1234:greenhouse

----==_mimepart_6367f1a2
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

""" + b64(GH_TEXT) + """
----==_mimepart_6367f1a2
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: 7bit

<p>Hi Alex,</p><p>Unfortunately, we have decided not to move forward.</p>

----==_mimepart_6367f1a2--
""", {
    "message_id": "6367f1a2b3c4d_1a2b3c4d5e6f7@greenhouse-app-5.mail",
    "from": {"name": "Initech Recruiting", "address": "no-reply@greenhouse.io"},
    "reply_to": [{"name": None, "address": "no-reply@greenhouse.io"}],
    "to": [{"name": None, "address": "alex@example.org"}],
    "subject": "Your application to Initech",
    "hints": {"feedback-id": "1234:greenhouse"},
    "snippet": cut(" ".join(GH_TEXT.split())),
})

# --- a Workday status update ------------------------------------------------
add("workday-status", """Return-Path: <bounce-hooli@myworkday.com>
Date: Fri, 6 Nov 2026 07:45:00 -0800 (PST)
From: Hooli <hooli@myworkday.com>
To: Alex Morgan <alex@example.org>
Message-ID: <1923847.12.1794066300000@wd5-prod.myworkday.com>
Subject: Application status update: Data Engineer (R-10234)
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="----=_Part_12_1923847"
Auto-Submitted: auto-generated

------=_Part_12_1923847
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 7bit

Dear Alex,

Thank you for applying to Data Engineer (R-10234) at Hooli. The status of
your application has changed to: Under Review.

You can view your application in the candidate home.
------=_Part_12_1923847
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: 7bit

<html><body><p>Dear Alex,</p><p>The status of your application has changed to: <b>Under Review</b>.</p></body></html>
------=_Part_12_1923847--
""", {
    "message_id": "1923847.12.1794066300000@wd5-prod.myworkday.com",
    "date": epoch(2026, 11, 6, 7, 45, "America/Los_Angeles"), "date_offset": -480,
    "from": {"name": "Hooli", "address": "hooli@myworkday.com"},
    "subject": "Application status update: Data Engineer (R-10234)",
    "hints": {"auto-submitted": "auto-generated", "return-path": "<bounce-hooli@myworkday.com>"},
    "snippet": "Dear Alex, Thank you for applying to Data Engineer (R-10234) at Hooli. "
               "The status of your application has changed to: Under Review. You can "
               "view your application in the candidate home.",
})

# --- a LinkedIn notification --------------------------------------------------
add("linkedin", """Date: Sat, 7 Nov 2026 12:00:03 +0000 (UTC)
From: LinkedIn <notifications-noreply@linkedin.com>
Reply-To: LinkedIn <notifications-noreply@linkedin.com>
To: Alex Morgan <alex@example.org>
Message-ID: <1234567890.98765.1794139203000@ltx1-app1234.prod.linkedin.com>
Subject: Alex, you appeared in 12 searches this week
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="----=_Part_98765_42"
X-LinkedIn-Class: EMAIL-DEFAULT
X-LinkedIn-Template: email_weekly_analytics_01
X-LinkedIn-fbl: s-abcdef
List-Unsubscribe: <https://www.linkedin.com/e/v2?e=abc&a=unsubscribe>, <mailto:unsubscribe@linkedin.com>
Feedback-ID: email_weekly_analytics_01:linkedin
Precedence: bulk

------=_Part_98765_42
Content-Type: text/plain;charset=UTF-8
Content-Transfer-Encoding: quoted-printable

You appeared in 12 searches this week.
See who's looking: https://www.linkedin.com/me/search-appearances
------=_Part_98765_42
Content-Type: text/html;charset=UTF-8
Content-Transfer-Encoding: quoted-printable

<html><body><p>You appeared in 12 searches</p></body></html>
------=_Part_98765_42--
""", {
    "from": {"name": "LinkedIn", "address": "notifications-noreply@linkedin.com"},
    "subject": "Alex, you appeared in 12 searches this week",
    "hints": {"precedence": "bulk", "x-linkedin-class": "EMAIL-DEFAULT",
              "x-linkedin-template": "email_weekly_analytics_01",
              "feedback-id": "email_weekly_analytics_01:linkedin",
              "list-unsubscribe": "<https://www.linkedin.com/e/v2?e=abc&a=unsubscribe>, <mailto:unsubscribe@linkedin.com>"},
    "snippet": "You appeared in 12 searches this week. See who's looking: "
               "https://www.linkedin.com/me/search-appearances",
})

# --- a Google Calendar invitation (VTIMEZONE, 3 attendees + organizer) -------
GOOGLE_ICS = crlf("""BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REQUEST
BEGIN:VTIMEZONE
TZID:Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=Europe/Berlin:20261110T140000
DTEND;TZID=Europe/Berlin:20261110T150000
DTSTAMP:20261103T091500Z
ORGANIZER;CN=Dana Reyes:mailto:dana.reyes@acme.example
UID:7kukuqrfedlm2f9t3vqmjk8q0s@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE
 ;CN=Dana Reyes;X-NUM-GUESTS=0:mailto:dana.reyes@acme.example
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=
 TRUE;CN=Sam Lee;X-NUM-GUESTS=0:mailto:sam.lee@acme.example
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=
 TRUE;CN=Priya Patel;X-NUM-GUESTS=0:mailto:Priya.Patel@acme.example
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=
 TRUE;CN=alex@example.org;X-NUM-GUESTS=0:mailto:alex@example.org
CREATED:20261103T091459Z
DESCRIPTION:Let's talk about the Backend Engineer role.\\n\\n-::~:~::~:~:~:~:~
 :~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-\\nJoin with Go
 ogle Meet: https://meet.google.com/abc-defg-hij\\n
LAST-MODIFIED:20261103T091459Z
LOCATION:Acme HQ\\, Room 4
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Interview: Backend Engineer (Alex Morgan)
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR
""")
GOOGLE_EVENT = {
    "uid": "7kukuqrfedlm2f9t3vqmjk8q0s@google.com", "sequence": 0,
    "status": "CONFIRMED", "summary": "Interview: Backend Engineer (Alex Morgan)",
    "location": "Acme HQ, Room 4",
    "start": {"utc": epoch(2026, 11, 10, 14, 0, "Europe/Berlin"),
              "local": "2026-11-10T14:00:00", "tzid": "Europe/Berlin",
              "zone": "Europe/Berlin", "all_day": False},
    "end": {"utc": epoch(2026, 11, 10, 15, 0, "Europe/Berlin"),
            "local": "2026-11-10T15:00:00", "tzid": "Europe/Berlin",
            "zone": "Europe/Berlin", "all_day": False},
    "recurrence_id": None, "recurring": False,
    "organizer": {"name": "Dana Reyes", "address": "dana.reyes@acme.example"},
    "attendees": [
        {"name": "Dana Reyes", "address": "dana.reyes@acme.example",
         "role": "REQ-PARTICIPANT", "partstat": "ACCEPTED", "cutype": "INDIVIDUAL", "rsvp": "TRUE"},
        {"name": "Sam Lee", "address": "sam.lee@acme.example",
         "role": "REQ-PARTICIPANT", "partstat": "NEEDS-ACTION", "cutype": "INDIVIDUAL", "rsvp": "TRUE"},
        {"name": "Priya Patel", "address": "priya.patel@acme.example",
         "role": "REQ-PARTICIPANT", "partstat": "NEEDS-ACTION", "cutype": "INDIVIDUAL", "rsvp": "TRUE"},
        {"name": "alex@example.org", "address": "alex@example.org",
         "role": "REQ-PARTICIPANT", "partstat": "NEEDS-ACTION", "cutype": "INDIVIDUAL", "rsvp": "TRUE"},
    ],
}
add("google-invite", """MIME-Version: 1.0
Date: Tue, 03 Nov 2026 09:15:00 +0000
Reply-To: Dana Reyes <dana.reyes@acme.example>
Sender: Google Calendar <calendar-notification@google.com>
Message-ID: <calendar-0d4e6a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b@google.com>
Subject: Invitation: Interview: Backend Engineer (Alex Morgan) @ Tue Nov 10,
 2026 2pm - 3pm (CET) (alex@example.org)
From: Dana Reyes <dana.reyes@acme.example>
To: alex@example.org
Content-Type: multipart/mixed; boundary="000000000000b1c2d3e4f5a6b7"

--000000000000b1c2d3e4f5a6b7
Content-Type: multipart/alternative; boundary="000000000000b1c2d3e4f5a6b5"

--000000000000b1c2d3e4f5a6b5
Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes
Content-Transfer-Encoding: base64

""" + b64("You have been invited to the following event.\n\nTitle: Interview: "
          "Backend Engineer (Alex Morgan)\nWhen: Tuesday Nov 10, 2026 2pm \u2013 3pm "
          "Central European Time - Berlin\n\nJoining info: Join with Google Meet\n") + """
--000000000000b1c2d3e4f5a6b5
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<span>You have been invited to the following event.</span>
--000000000000b1c2d3e4f5a6b5
Content-Type: text/calendar; charset="UTF-8"; method=REQUEST
Content-Transfer-Encoding: 7bit

""" + GOOGLE_ICS + """
--000000000000b1c2d3e4f5a6b5--

--000000000000b1c2d3e4f5a6b7
Content-Type: application/ics; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

""" + b64(GOOGLE_ICS) + """
--000000000000b1c2d3e4f5a6b7--
""", {
    "message_id": "calendar-0d4e6a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b@google.com",
    "from": {"name": "Dana Reyes", "address": "dana.reyes@acme.example"},
    "sender": {"name": "Google Calendar", "address": "calendar-notification@google.com"},
    "subject": "Invitation: Interview: Backend Engineer (Alex Morgan) @ Tue Nov 10, "
               "2026 2pm - 3pm (CET) (alex@example.org)",
    "content_type": "multipart/mixed",
    "snippet": "You have been invited to the following event. Title: Interview: "
               "Backend Engineer (Alex Morgan) When: Tuesday Nov 10, 2026 2pm \u2013 "
               "3pm Central European Time - Berlin Joining info: Join with Google Meet",
    "calendar": {"method": "REQUEST", "events": [GOOGLE_EVENT]},
})

# --- an Outlook invitation with a Windows zone name, and its CANCEL ---------
OUTLOOK_VTZ = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
"""


def outlook_ics(method, seq, status):
    return crlf("""BEGIN:VCALENDAR
METHOD:%s
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
%sBEGIN:VEVENT
ORGANIZER;CN=Jonas Berg:mailto:jonas.berg@globex.example
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Alex Morga
 n:mailto:alex@example.org
ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Mei Chen:m
 ailto:mei.chen@globex.example
DESCRIPTION;LANGUAGE=en-US:Technical interview for the Data Engineer role.\\n
UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D
 5E6F7
SUMMARY;LANGUAGE=en-US:Globex - technical interview
DTSTART;TZID=W. Europe Standard Time:20261112T100000
DTEND;TZID=W. Europe Standard Time:20261112T110000
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20261104T120000Z
TRANSP:OPAQUE
STATUS:%s
SEQUENCE:%d
LOCATION;LANGUAGE=en-US:Microsoft Teams Meeting
X-MICROSOFT-CDO-APPT-SEQUENCE:%d
X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE
END:VEVENT
END:VCALENDAR
""" % (method, OUTLOOK_VTZ, status, seq, seq))


def outlook_event(seq, status):
    return {
        "uid": "040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7",
        "sequence": seq, "status": status, "summary": "Globex - technical interview",
        "location": "Microsoft Teams Meeting",
        "start": {"utc": epoch(2026, 11, 12, 10, 0, "Europe/Berlin"),
                  "local": "2026-11-12T10:00:00", "tzid": "W. Europe Standard Time",
                  "zone": "Europe/Berlin", "all_day": False},
        "end": {"utc": epoch(2026, 11, 12, 11, 0, "Europe/Berlin"),
                "local": "2026-11-12T11:00:00", "tzid": "W. Europe Standard Time",
                "zone": "Europe/Berlin", "all_day": False},
        "organizer": {"name": "Jonas Berg", "address": "jonas.berg@globex.example"},
        "attendees": [
            {"name": "Alex Morgan", "address": "alex@example.org", "role": "REQ-PARTICIPANT",
             "partstat": "NEEDS-ACTION", "cutype": None, "rsvp": "TRUE"},
            {"name": "Mei Chen", "address": "mei.chen@globex.example", "role": "OPT-PARTICIPANT",
             "partstat": "NEEDS-ACTION", "cutype": None, "rsvp": "TRUE"},
        ],
    }


def outlook_mail(mid, date, subject, ics, method):
    return """From: Jonas Berg <jonas.berg@globex.example>
To: Alex Morgan <alex@example.org>
Subject: %s
Thread-Topic: Globex - technical interview
Date: %s
Message-ID: <%s>
Accept-Language: en-US
Content-Language: en-US
Content-Type: multipart/alternative;
\tboundary="_000_%s_"
MIME-Version: 1.0

--_000_%s_
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

%s
--_000_%s_
Content-Type: text/calendar; charset="utf-8"; method=%s
Content-Transfer-Encoding: base64

%s
--_000_%s_--
""" % (subject, date, mid, mid[:12], mid[:12],
       qp("Hallo Alex, a technical interview with the Globex data team. Gr\xfc\xdfe, Jonas\n",
          "iso-8859-1"),
       mid[:12], method, b64(ics), mid[:12])


add("outlook-invite", outlook_mail(
    "AM0PR04MB6547A1@AM0PR04MB6547.eurprd04.prod.outlook.com",
    "Wed, 4 Nov 2026 12:00:00 +0000", "Globex - technical interview",
    outlook_ics("REQUEST", 0, "CONFIRMED"), "REQUEST"), {
    "subject": "Globex - technical interview",
    "snippet": "Hallo Alex, a technical interview with the Globex data team. "
               "Gr\u00fc\u00dfe, Jonas",
    "calendar": {"method": "REQUEST", "events": [outlook_event(0, "CONFIRMED")]},
})
add("outlook-cancel", outlook_mail(
    "AM0PR04MB6547B2@AM0PR04MB6547.eurprd04.prod.outlook.com",
    "Thu, 5 Nov 2026 15:00:00 +0000", "Canceled: Globex - technical interview",
    outlook_ics("CANCEL", 1, "CANCELLED"), "CANCEL"), {
    "subject": "Canceled: Globex - technical interview",
    "calendar": {"method": "CANCEL", "events": [outlook_event(1, "CANCELLED")]},
})

# Windows zone names with no VTIMEZONE: the CLDR table decides


def bare_invite(name, tzid, local, zone, utc):
    ics = crlf("""BEGIN:VCALENDAR
METHOD:REQUEST
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VEVENT
UID:%s-uid
DTSTART;TZID="%s":%s
DURATION:PT45M
SUMMARY:Phone screen
ORGANIZER:mailto:recruiter@hooli.example
END:VEVENT
END:VCALENDAR
""" % (name, tzid, local))
    add(name, """From: recruiter@hooli.example
To: alex@example.org
Date: Fri, 6 Nov 2026 10:00:00 -0800
Message-ID: <%s@hooli.example>
Subject: Phone screen
MIME-Version: 1.0
Content-Type: text/calendar; method=REQUEST; charset=utf-8

%s""" % (name, ics), {
        "content_type": "text/calendar",
        "snippet": None,
        "calendar": {"method": "REQUEST", "events": [{
            "uid": name + "-uid", "sequence": 0,
            "start": {"utc": utc, "local": "%s-%s-%sT%s:%s:00" % (
                local[0:4], local[4:6], local[6:8], local[9:11], local[11:13]),
                "tzid": tzid, "zone": zone, "all_day": False},
            "end": {"utc": utc + 2700, "tzid": tzid, "zone": zone},
            "organizer": {"name": None, "address": "recruiter@hooli.example"},
            "attendees": []}]},
    })


bare_invite("invite-pacific", "Pacific Standard Time", "20261113T090000",
            "America/Los_Angeles", epoch(2026, 11, 13, 9, 0, "America/Los_Angeles"))
bare_invite("invite-display-name",
            "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
            "20260710T160000", "Europe/Berlin", epoch(2026, 7, 10, 16, 0, "Europe/Berlin"))
bare_invite("invite-mozilla", "/mozilla.org/20070129_1/America/New_York",
            "20261116T093000", "America/New_York", epoch(2026, 11, 16, 9, 30, "America/New_York"))
bare_invite("invite-iana", "Asia/Kolkata", "20261117T183000", "Asia/Kolkata",
            epoch(2026, 11, 17, 18, 30, "Asia/Kolkata"))

# --- encoded words in every charset, QP and base64 bodies --------------------
add("rfc2047", """From: =?ISO-8859-1?Q?Jos=E9_Mu=F1oz?= <jose@initech.example>
To: =?utf-8?q?Zo=C3=AB_Kim?= <zoe@example.org>, =?iso-8859-15?q?Ren=E9?= <rene@x.example>
Cc: =?UTF-8?B?5bGx55Sw5aSq6YOO?= <taro@example.jp>
Date: Sun, 8 Nov 2026 20:00:00 +0900
Message-ID: <rfc2047@initech.example>
Subject: =?ISO-8859-1?Q?Bewerbung_f=FCr_die_Stelle?= =?UTF-8?B?IOKAkyDDnGJlcnNpY2h0?=
 =?windows-1252?Q?_=93quoted=94?=
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: quoted-printable

""" + qp("Gr\xfc\xdf Gott, sch\xf6ne Gr\xfc\xdfe aus M\xfcnchen.\n", "iso-8859-1"), {
    "message_id": "rfc2047@initech.example",
    "date": epoch(2026, 11, 8, 20, 0, "Asia/Tokyo"), "date_offset": 540,
    "from": {"name": "Jos\u00e9 Mu\u00f1oz", "address": "jose@initech.example"},
    "to": [{"name": "Zo\u00eb Kim", "address": "zoe@example.org"},
           {"name": "Ren\u00e9", "address": "rene@x.example"}],
    "cc": [{"name": "\u5c71\u7530\u592a\u90ce", "address": "taro@example.jp"}],
    "subject": "Bewerbung f\u00fcr die Stelle \u2013 \u00dcbersicht \u201cquoted\u201d",
    "snippet": "Gr\u00fc\u00df Gott, sch\u00f6ne Gr\u00fc\u00dfe aus M\u00fcnchen.",
})
add("base64-body", """From: Mei Chen <mei.chen@globex.example>
To: alex@example.org
Date: Mon, 9 Nov 2026 08:00:00 +0100
Message-ID: <b64@globex.example>
Subject: =?utf-8?Q?N=C3=A4chste_Schritte?=
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

""" + b64("Hallo Alex,\n\nwir m\u00f6chten Sie gern kennenlernen.\n\n-- \nMei Chen\nGlobex\n"), {
    "subject": "N\u00e4chste Schritte",
    "snippet": "Hallo Alex, wir m\u00f6chten Sie gern kennenlernen.",
})
# a reply written below the quote, with a German attribution
add("bottom-posted", """From: Lucas Silva <lucas@wonka.example>
To: alex@example.org
Date: Mon, 9 Nov 2026 09:00:00 +0100
Message-ID: <bottom@wonka.example>
Subject: Re: Coffee?
Content-Type: text/plain; charset=utf-8

Am 08.11.2026 um 18:00 schrieb Alex Morgan <alex@example.org>:
> Would you have time for a coffee next week?
> Alex

Sure, Thursday works for me.
Lucas
""", {
    "snippet": "Sure, Thursday works for me. Lucas",
})

# Outlook's plain text reply, and an old-style "Original Message"
add("outlook-plain", """From: Mei Chen <mei.chen@globex.example>
To: Alex Morgan <alex@example.org>
Subject: RE: Thank you
Date: Tue, 10 Nov 2026 16:20:00 +0000
Message-ID: <outlook-plain@globex.example>
Content-Type: text/plain; charset="us-ascii"

Thanks Alex, it was great meeting you too.

________________________________
From: Alex Morgan <alex@example.org>
Sent: Tuesday, November 10, 2026 3:00 PM
To: Mei Chen <mei.chen@globex.example>
Subject: Thank you

Dear Mei, thank you for your time today.
""", {"snippet": "Thanks Alex, it was great meeting you too."})
add("original-message", """From: Sam Lee <sam.lee@acme.example>
To: alex@example.org
Subject: RE: Availability
Date: Tue, 10 Nov 2026 17:00:00 +0000
Message-ID: <orig@acme.example>

Monday at 10 is fine.
Sam

-----Original Message-----
From: Alex Morgan
Would Monday work?
""", {"snippet": "Monday at 10 is fine. Sam"})

# --- hostile mail that is still mail ------------------------------------------
ESC = "\x1b]0;owned\x07\x1b[31m"
add("escapes", ("From: \"%sEvil\u202eCorp\u2066\" <evil@x.example>\n"
                "To: alex@example.org\n"
                "Date: Mon, 9 Nov 2026 10:00:00 +0000\n"
                "Message-ID: <escapes@x.example>\n"
                "Subject: =?UTF-8?B?%s?= raw\x1b[2Jtail\u202dend\n"
                "Content-Type: text/plain; charset=utf-8\n\n"
                "Body \x1b[31mred\x1b[0m and \u2067isolate\u2069 and \xc2\x9b.\n")
    % (ESC, base64.b64encode(("Hi\x1b[1m\u202eA\u009b\u0007B").encode()).decode()), {
    "from": {"name": "]0;owned[31mEvilCorp", "address": "evil@x.example"},
    "snippet": "Body [31mred[0m and isolate and \u00c2.",
})

MAILDIR = [  # (name in corpus, subdirectory, file name)
    ("gmail-reply", "cur", "1793697302.M1P100.host:2,RS"),
    ("greenhouse-rejection", "cur", "1793901731.M2P100.host:2,"),
    ("linkedin", "cur", "1794139203.M3P100.host:2,FS"),
    ("google-invite", "new", "1793697400.M4P100.host"),
    ("workday-status", "cur", "1794066300.M5P100.host!2,S"),
]

MBOX_NAMES = ["outlook-html", "outlook-invite", "rfc2047", "outlook-cancel"]

# --- not mail, or mail made to hurt --------------------------------------------
HOSTILE = {}


def hostile(name, data):
    HOSTILE[name] = data if isinstance(data, bytes) else data.encode("utf-8", "surrogateescape")


hostile("empty", b"")
hostile("newline", b"\n")
hostile("binary", bytes(range(256)) * 64)
hostile("pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"\x00" * 4000)
hostile("header-10mb", b"From: a@b.example\nX-Big: " + b"A" * (10 * 1024 * 1024) + b"\n\nbody\n")
hostile("header-folded-10mb", b"From: a@b.example\nX-Big: x\n" + b" folded line\n" * 800000 + b"\nbody\n")
hostile("message-id-50k", b"From: a@b.example\nDate: Mon, 9 Nov 2026 10:00:00 +0000\n"
        b"Message-ID: <" + b"x" * 50000 + b"@b.example>\nSubject: long id\n\nbody\n")
hostile("reference-50k", b"From: a@b.example\nMessage-ID: <ok@b.example>\n"
        b"References: <first@b.example> <" + b"y" * 50000 + b"@b.example> <last@b.example>\n\nbody\n")
hostile("references-many", b"From: a@b.example\nMessage-ID: <many@b.example>\nReferences:" +
        b"".join(b" <r%d@b.example>\n" % i for i in range(5000)) + b"\nbody\n")
hostile("to-many", b"From: a@b.example\nMessage-ID: <to@b.example>\nTo: " +
        b",\n ".join(b"p%d <p%d@b.example>" % (i, i) for i in range(3000)) + b"\n\nbody\n")
hostile("invalid-utf8", b"From: \xff\xfe\xc3\x28 Bad \xed\xa0\x80 <bad@b.example>\n"
        b"Date: Mon, 9 Nov 2026 10:00:00 +0000\nMessage-ID: <inv@b.example>\n"
        b"Subject: caf\xe9 \xc3\xa9t\xc3\xa9 \xf0\x9f\x98\n"
        b"Content-Type: text/plain; charset=utf-8\n\ncaf\xe9 \xc0\xaf \xed\xa0\x80 ok\n")
hostile("unknown-charset", b"From: =?x-klingon?B?cUFwbGEn?= <k@b.example>\n"
        b"Message-ID: <kl@b.example>\nSubject: =?x-unknown?Q?caf=E9?=\n"
        b"Content-Type: text/plain; charset=x-klingon\n\ncaf\xe9 \xe2\x82\xac\n")
hostile("base64-bomb", b"From: a@b.example\nMessage-ID: <bomb@b.example>\nMIME-Version: 1.0\n"
        b"Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n" +
        base64.encodebytes(b"A" * (6 * 1024 * 1024)))
hostile("html-bomb", b"From: a@b.example\nMessage-ID: <hbomb@b.example>\nMIME-Version: 1.0\n"
        b"Content-Type: text/html\n\n" + b"<div>" * 300000 + b"&#" + b"9" * 100000 + b";")
hostile("parts-many", b"From: a@b.example\nMessage-ID: <parts@b.example>\nMIME-Version: 1.0\n"
        b"Content-Type: multipart/mixed; boundary=b\n\n" + b"--b\n\n" * 400000 + b"--b--\n")
hostile("nesting-deep", b"From: a@b.example\nMessage-ID: <deep@b.example>\nMIME-Version: 1.0\n" +
        b"".join(b"Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n" % (i, i) for i in range(20000)) +
        b"Content-Type: text/plain\n\ndeep\n")
hostile("rfc822-deep", b"From: a@b.example\nMessage-ID: <rdeep@b.example>\nMIME-Version: 1.0\n" +
        b"Content-Type: message/rfc822\n\nFrom: x@b.example\n" * 20000 + b"\nbody\n")
hostile("no-boundary", b"From: a@b.example\nMessage-ID: <nob@b.example>\nMIME-Version: 1.0\n"
        b"Content-Type: multipart/alternative\n\n--x\nContent-Type: text/plain\n\nhi\n--x--\n")
hostile("unclosed-boundary", b"From: a@b.example\nMessage-ID: <unc@b.example>\nMIME-Version: 1.0\n"
        b"Content-Type: multipart/mixed; boundary=\"q\"\n\n--q\nContent-Type: text/plain\n\n"
        b"unclosed part text\n")
hostile("garbage-ct", b"From: a@b.example\nMessage-ID: <gct@b.example>\nMIME-Version: 1.0\n"
        b"Content-Type: ;;;===\"\"\"; charset=\"\n\ntext\n")
hostile("calendar-secondly", crlf("""From: a@b.example
Message-ID: <sec@b.example>
Content-Type: text/calendar; method=REQUEST

BEGIN:VCALENDAR
METHOD:REQUEST
BEGIN:VTIMEZONE
TZID:Evil
BEGIN:STANDARD
DTSTART:00010101T000000
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
RRULE:FREQ=SECONDLY
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:sec
DTSTART;TZID=Evil:20261110T100000
END:VEVENT
END:VCALENDAR
"""))
hostile("calendar-attendees", crlf("From: a@b.example\nMessage-ID: <att@b.example>\n"
        "Content-Type: text/calendar\n\nBEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nUID:"
        + "u" * 50000 + "\nDTSTART;TZID=../../../../etc/passwd:20261110T100000\n" +
        "".join("ATTENDEE;CN=P%d:mailto:p%d@b.example\n" % (i, i) for i in range(500)) +
        "END:VEVENT\nEND:VCALENDAR\n"))
hostile("calendar-end-first", b"From: a@b.example\nMessage-ID: <calend@b.example>\n"
        b"Content-Type: text/calendar\n\nEND:VEVENT\nBEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\n"
        b"END:VEVENT\nEND:VCALENDAR\nEND:VCALENDAR\n")
hostile("calendar-garbage", b"From: a@b.example\nMessage-ID: <calg@b.example>\n"
        b"Content-Type: text/calendar\n\nBEGIN:VCALENDAR\n\x00\xff;;;:::\nBEGIN:VEVENT\nDTSTART:9999\n")
hostile("unescaped-from.mbox",
        b"From alex@example.org Mon Nov  9 10:00:00 2026\n"
        b"From: a@b.example\nMessage-ID: <m1@b.example>\nSubject: one\n\n"
        b"first body\n\nFrom the team: thanks!\n\n"
        b"From someone Mon Nov  9 10:00:00 2026\nnot a header line\n\n"
        b"From alex@example.org Mon Nov  9 11:00:00 2026\n"
        b"From: c@d.example\nMessage-ID: <m2@b.example>\nSubject: two\n\nsecond\n")
hostile("not-an.mbox", b"Hello\nFrom alex@example.org Mon Nov  9 10:00:00 2026\nFrom: a@b\n\nx\n")


def write(top):
    os.makedirs(os.path.join(top, "msg"), exist_ok=True)
    for name, data, _ in CORPUS:
        with open(os.path.join(top, "msg", name + ".eml"), "wb") as f:
            f.write(data)
    byname = {n: d for n, d, _ in CORPUS}
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(top, "Maildir", sub), exist_ok=True)
    for name, sub, fname in MAILDIR:
        with open(os.path.join(top, "Maildir", sub, fname), "wb") as f:
            f.write(byname[name])
    # the mbox: mutt's Status: header in one, CRLF in none (mbox is LF)
    with open(os.path.join(top, "inbox.mbox"), "wb") as f:
        for i, name in enumerate(MBOX_NAMES):
            data = byname[name]
            if i == 0:
                data = data.replace(b"\n\n", b"\nStatus: RO\nX-Status: A\n\n", 1)
            if i == 2:
                data += b"\n>From the archives: an escaped line.\nFrom the team, unescaped.\n"
            f.write(b"From jonas.berg@globex.example  Wed Nov  4 09:30:05 2026\n")
            f.write(data.rstrip(b"\n") + b"\n\n")
    with open(os.path.join(top, "invite.ics"), "wb") as f:
        f.write(GOOGLE_ICS.encode())
    # the same message with CRLF line ends
    with open(os.path.join(top, "gmail-reply-crlf.eml"), "wb") as f:
        f.write(byname["gmail-reply"].replace(b"\n", b"\r\n"))
    os.makedirs(os.path.join(top, "hostile"), exist_ok=True)
    for name, data in HOSTILE.items():
        with open(os.path.join(top, "hostile", name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: mailcorpus.py DIR")
    write(sys.argv[1])
