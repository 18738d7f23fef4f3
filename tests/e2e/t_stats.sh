#!/bin/sh
# SPDX-License-Identifier: MIT
# t_stats - fu stats: the numbers of a small job hunt, worked out by hand
# (the same scenario as test_stats_by_hand in tests/test_stats.c).
. "$FU_TESTS/e2e/lib.sh"

t "nothing yet"
ok stats
out_has "applications   0 (0 open, 0 closed)"
out_has "response rate  - (nothing applied to yet)"
out_has "thank-yous     - (no interview or meeting yet)"
ok stats --json
json "d['applications'] == 0 and d['response']['rate'] is None and d['thank_yous']['rate'] is None"
json "d['thank_yous']['typical_rate'] == 0.25 and d['since'] is None"

# Mon 9 Nov 2026 09:00, Europe/Berlin.
ok add contact "Dana Reyes" --company Acme
ok add contact "Sam Lee" --company Globex
ok add contact "Pepper Potts" --company Stark
ok add contact "Maria Lopez"
ok add application Acme "Backend Engineer" --contact dana --applied "2026-11-02 10:00"
ok add application Globex SRE --applied "2026-11-03 09:00"
ok add application Initech Platform --applied "2026-10-26 12:00"
ok add application Hooli Data --applied "2026-11-04 12:00"
ok add application Stark Engineer --applied "2026-11-01 12:00"
ok log acme sent --at "2026-11-02 15:00" --with dana
ok log acme reply --at "2026-11-04 09:30" --with dana
ok log acme interview --at "2026-11-05 14:00" --with dana
ok log acme sent --at "2026-11-05 20:00" --with dana
ok log globex meeting --at "2026-11-06 11:00" --with sam
ok log initech sent --at "2026-10-28 10:00"
ok close initech --outcome rejected --at "2026-10-30 10:00"
ok log stark offer --at "2026-11-07 10:00"
ok log stark meeting --at "2026-11-09 08:00" --with pepper
ok log maria meeting --at "2026-10-29 12:00"
ok log maria sent --at "2026-10-30 10:00"
# an application not applied to yet (fu add applies; a spreadsheet need not)
printf 'company,role\nUmbrella,QA\n' >"$T/planned.csv"
ok import --csv "$T/planned.csv"

# By hand (see tests/test_stats.c): 6 applications, 5 open (planned
# 1, applied 2: Globex and Hooli, interviewing 1: Acme, offer 1: Stark),
# 1 rejected. Heard back: Acme (reply), Globex (meeting), Initech
# (rejected), Stark (offer): 4 of the 5 applied to. Days to the first
# word: 2, 3, 4, 6: median 3.5. Interviews and meetings: Acme's
# (thanked after 6 h), Globex's (never), Maria's (after 22 h); Stark's
# this morning is still open: 2 of 3. Sent on applications: 3, over 5.
t "every application, in words"
ok stats
out_is "applications   6 (5 open, 1 closed)
  planned      1
  applied      2
  interviewing 1
  offer        1
  rejected     1
response rate  80% (4 of 5 applied to heard back)
first reply    3.5 days after applying (median of 4)
thank-yous     67% within 24 hours (2 of 3 interviews and meetings)
               about 25% of candidates send one at all, say recruiters
follow-ups     0.6 per application applied to (3 sent)

does following up work?
  with a check-in     ████████████████████ 100% (2 of 2 answered)
  without             █████████████▍        67% (2 of 3 answered)
  answered after
    no check-in       ████████              40% (2 of 5)
    the 1st           ████████████████████ 100% (2 of 2)
    the 2nd                                   -
    the 3rd or later                          -
  first reply by source (median days)
    unknown           ████████████████████  3.5 days (4)
  ghosted                                    0% (0 of 5: no word at all)
  thank-yous on time  █████████████▍        67% (2 of 3)"

t "every application, in JSON"
ok stats --json
json "d['since'] is None and d['applications'] == 6 and d['open'] == 5 and d['closed'] == 1"
json "d['stages'] == {'planned': 1, 'applied': 2, 'interviewing': 1, 'offer': 1}"
json "d['outcomes']['rejected'] == 1 and sum(d['outcomes'].values()) == 1"
json "d['response'] == {'applied': 5, 'responded': 4, 'rate': 0.8, 'timed': 4, 'median_days': 3.5}"
json "d['thank_yous'] == {'meetings': 3, 'on_time': 2, 'rate': 0.6667, 'hours': 24, 'typical_rate': 0.25}"
json "d['follow_ups'] == {'sent': 3, 'per_application': 0.6}"

# --since 2026-11-02: Acme, Globex, Hooli. Heard back 2 of 3 (2 and 3
# days: 2.5); meetings: Acme's (thanked), Globex's (not): 1 of 2; Maria's
# was before; sent: Acme's 2, over 3.
t "--since: applications applied on or after a day"
ok stats --since 2026-11-02
out_has "applications applied on or after Mon 2 Nov"
out_has "applications   3 (3 open, 0 closed)"
out_has "response rate  67% (2 of 3 applied to heard back)"
out_has "first reply    2.5 days after applying (median of 2)"
out_has "thank-yous     50% within 24 hours (1 of 2 interviews and meetings)"
out_has "follow-ups     0.7 per application applied to (2 sent)"
out_lacks "planned"
ok stats --since 2026-11-02 --json
json "d['since'] == '2026-11-02T00:00:00+01:00' and d['applications'] == 3"
json "d['response'] == {'applied': 3, 'responded': 2, 'rate': 0.6667, 'timed': 2, 'median_days': 2.5}"
json "d['thank_yous']['meetings'] == 2 and d['thank_yous']['on_time'] == 1"
json "d['follow_ups'] == {'sent': 2, 'per_application': 0.6667}"

t "every application, the follow-ups in JSON"
ok stats --json
json "d['following_up']['with_check_in'] == {'applications': 2, 'answered': 2, 'rate': 1}"
json "d['following_up']['without_check_in'] == {'applications': 3, 'answered': 2, 'rate': 0.6667}"
json "[(x['check_ins'], x['applications'], x['answered'], x['rate']) for x in d['following_up']['after']] == [(0, 5, 2, 0.4), (1, 2, 2, 1), (2, 0, 0, None), (3, 0, 0, None)]"
json "d['following_up']['after'][3]['or_more'] and not d['following_up']['after'][2]['or_more']"
json "d['first_reply_by_source']['unknown'] == {'timed': 4, 'median_days': 3.5}"
json "list(d['first_reply_by_source']) == ['board', 'referral', 'recruiter', 'direct', 'other', 'unknown']"
json "d['first_reply_by_source']['board'] == {'timed': 0, 'median_days': None}"
json "d['ghosted'] == {'applications': 0, 'rate': 0, 'days': 28}"

t "the thank-you window follows rules.thank-you.hours"
ok config rules.thank-you.hours 8
ok stats --json
json "d['thank_yous']['hours'] == 8 and d['thank_yous']['on_time'] == 1 and d['thank_yous']['meetings'] == 3"
ok config --unset rules.thank-you.hours

# Does following up work? The fixture of test_stats_following_up in
# tests/test_stats.c, with its figures worked out by hand there: eight
# applications by source, with 0 to 3 check-ins before the answer, two
# ghosted.
FU_DB="$T/follow.db"
export FU_DB
ok add application B1 Engineer --source board --applied "2026-09-01 10:00"
ok add application B2 Engineer --source board --applied "2026-09-07 10:00"
ok log b2 sent --at "2026-09-10 10:00"
ok log b2 sent --at "2026-09-24 10:00"
ok log b2 sent --at "2026-10-08 10:00"
ok log b2 reply --at "2026-10-12 10:00"
ok add application B3 Engineer --source board --applied "2026-09-14 10:00"
ok log b3 sent --at "2026-09-17 10:00"
ok log b3 reply --at "2026-09-20 10:00"
ok add application R1 Engineer --source referral --applied "2026-10-01 10:00"
ok log r1 reply --at "2026-10-03 10:00"
ok add application R2 Engineer --source referral --applied "2026-10-05 10:00"
ok log r2 sent --at "2026-10-08 10:00"
ok log r2 sent --at "2026-10-22 10:00"
ok log r2 rejection --at "2026-10-26 10:00"
ok add application D1 Engineer --source direct --applied "2026-10-12 10:00"
ok log d1 sent --at "2026-10-15 10:00"
ok close d1 --outcome no-response --at "2026-11-02 10:00"
ok add application D2 Engineer --source direct --applied "2026-11-02 10:00"
ok add application C1 Engineer --source recruiter --applied "2026-09-20 10:00"
ok log c1 sent --at "2026-09-23 10:00"
ok log c1 interview --at "2026-09-30 14:00"
ok log c1 sent --at "2026-10-01 09:00"

t "does following up work: the rates by hand"
ok stats --json
json "d['response'] == {'applied': 8, 'responded': 5, 'rate': 0.625, 'timed': 5, 'median_days': 10}"
json "d['following_up']['with_check_in'] == {'applications': 5, 'answered': 4, 'rate': 0.8}"
json "d['following_up']['without_check_in'] == {'applications': 3, 'answered': 1, 'rate': 0.3333}"
json "[(x['applications'], x['answered'], x['rate']) for x in d['following_up']['after']] == [(8, 1, 0.125), (5, 2, 0.4), (2, 1, 0.5), (1, 1, 1)]"
json "d['first_reply_by_source']['board'] == {'timed': 2, 'median_days': 20.5}"
json "d['first_reply_by_source']['referral'] == {'timed': 2, 'median_days': 11.5}"
json "d['first_reply_by_source']['recruiter'] == {'timed': 1, 'median_days': 10}"
json "d['first_reply_by_source']['direct'] == {'timed': 0, 'median_days': None}"
json "d['ghosted'] == {'applications': 2, 'rate': 0.25, 'days': 28}"
json "d['follow_ups'] == {'sent': 9, 'per_application': 1.125}"

t "does following up work: the bars"
ok stats
out_has "  with a check-in     ████████████████      80% (4 of 5 answered)"
out_has "  without             ██████▋               33% (1 of 3 answered)"
out_has "  answered after"
out_has "    no check-in       ██▌                   13% (1 of 8)"
out_has "    the 2nd           ██████████            50% (1 of 2)"
out_has "    the 3rd or later  ████████████████████ 100% (1 of 1)"
out_has "    board             ████████████████████ 20.5 days (2)"
out_has "    referral          ███████████▎         11.5 days (2)"
out_has "    recruiter         █████████▊           10.0 days (1)"
out_lacks "    direct"
out_has "  ghosted             █████                 25% (2 of 8: no word at all)"
out_has "  thank-yous on time  ████████████████████ 100% (1 of 1)"

t "plain ASCII bars outside a UTF-8 locale, with --no-color, on a dumb terminal"
LC_ALL=C run stats
out_has "  with a check-in     ################....  80% (4 of 5 answered)"
out_has "    no check-in       ###.................  13% (1 of 8)"
out_has "    referral          ###########......... 11.5 days (2)"
if grep -q "█" "$T/out"; then fail "Unicode blocks in the C locale"; else pass; fi
run stats --no-color
out_has "  ghosted             #####...............  25% (2 of 8: no word at all)"
TERM=dumb run stats
out_has "    board             #################### 20.5 days (2)"
LC_ALL= LC_CTYPE= LANG=de_DE.utf8 run stats
out_has "  ghosted             █████                 25%"
LC_ALL= LC_CTYPE= LANG=de_DE.ISO-8859-1 run stats
out_has "  ghosted             #####...............  25%"

FU_DB="$T/fu.db"
export FU_DB

t "mistakes"
fails_with 4 stats --since someday
err_has "--since: cannot read date 'someday'"
fails_with 2 stats acme
fails_with 2 stats --since

finish
