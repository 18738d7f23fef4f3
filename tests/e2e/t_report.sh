#!/bin/sh
# SPDX-License-Identifier: MIT
# t_report - fu report: a scripted hunt under Washington's rules, checked
# row by row as text, as CSV (parsed back with Python's csv module,
# formula cells inert), as JSON and as PDF (pdftotext finds every
# employer, date and weekly total, names in Latin with accents, Greek
# and Chinese; pdftoppm renders no blank page); a week short of each
# agency's rule; week boundaries across the end of daylight saving time;
# --output replaced only when complete; the PDF helper missing or
# failing; users' mistakes.
. "$FU_TESTS/e2e/lib.sh"

# out_row TEXT: in the last output, with runs of blanks as one (the
# columns of each week's table are as wide as that week's cells).
out_row() {
	if tr -s ' ' <"$T/out" | grep -qF -- "$1"; then pass; else
		fail "stdout lacks the row '$1'"; sed 's/^/  stdout: /' "$T/out" | head -40
	fi
}

# Mon 9 Nov 2026 09:00, Europe/Berlin. Washington's weeks run Sunday to
# Saturday: 25-31 Oct, 1-7 Nov, 8-14 Nov (under way).
ok config user.name "Zoë Ångström"
ok add contact "José Núñez" --company "Société Générale" \
	--address "29 Bd Haussmann, Paris" --phone "+33 1 42 14 20 00" \
	--email jose@sg.example
ok add contact "Αλέξης Παπαδόπουλος" --company "Ελληνική Εταιρεία" \
	--phone "210 000 0000"
ok add contact "王小明" --company "华为技术有限公司" --email wang@huawei.example
ok add contact "@Mallory" --company '=HYPERLINK("http://evil")' \
	--phone "+1 555 0100"
ok add contact "Maria Lopez" --company Initech
ok add application "Société Générale" "Développeur Backend" --contact josé \
	--applied "2026-10-26 10:00" --url https://sg.example/jobs/1
ok log société sent --at "2026-10-28 15:00" --with josé --channel email
ok add application "Ελληνική Εταιρεία" "Μηχανικός Λογισμικού" \
	--contact αλέξης --applied "2026-11-02 11:00"
ok add application "华为技术有限公司" "软件工程师" --contact 王小明 \
	--applied "2026-11-03 09:30" --source board
ok add application '=HYPERLINK("http://evil")' "+SUM(1,2)" --contact mallory \
	--applied "2026-11-04 10:00" --url https://evil.example/-1
ok log 华为 interview --at "2026-11-05 14:00" --with 王小明 --channel video
ok log maria meeting --at "2026-11-06 12:00"
ok log société interview --at "2026-11-12 10:00" # scheduled: not yet
ok log société reply --at "2026-11-06 09:00"     # theirs: no activity

t "text: the weeks, each with its rows and its verdict"
ok report --rules wa
out_has "job-search record of Zoë Ångström"
out_has "Sun 25 Oct 2026 to Sat 14 Nov 2026 (3 weeks), as of Mon 9 Nov 2026"
out_has "rules: wa, Washington State Employment Security Department"
out_has "source: https://esd.wa.gov/"
out_has "Sun 25 Oct - Sat 31 Oct 2026: 2 activities  SHORT: 2 of 3 activities"
out_has "Sun 1 Nov - Sat 7 Nov 2026: 4 activities  meets the rule"
out_has "Sun 8 Nov - Sat 14 Nov 2026: 0 activities  under way: 0 of 3 activities so far"
out_has "  (no activity)"
out_row "Mon 26 Oct application Société Générale Développeur Backend José Núñez online interviewing"
out_row "Wed 28 Oct follow-up Société Générale Développeur Backend José Núñez e-mail interviewing"
out_row "Mon 2 Nov application Ελληνική Εταιρεία Μηχανικός Λογισμικού Αλέξης Παπαδόπουλος - pending"
out_row "Tue 3 Nov application 华为技术有限公司 软件工程师 王小明 online interviewing"
out_row 'Wed 4 Nov application =HYPERLINK("http://evil") +SUM(1,2) @Mallory online pending'
out_row "Thu 5 Nov interview 华为技术有限公司 软件工程师 王小明 video interviewing"
out_has "reach: 29 Bd Haussmann, Paris; +33 1 42 14 20 00; jose@sg.example; https://sg.example/jobs/1"
out_has "missing how you made contact: fu edit 7 --url URL, if you applied online"
out_has "3 weeks, 6 activities: 1 met the rule, 1 short, 1 under way"
out_has "1 row lacks what the rules ask"
out_lacks "Initech"      # networking: no employer contact in Washington
out_lacks "Thu 12 Nov"   # scheduled

t "text: no rules lists everything, Monday weeks, nothing judged"
ok report
out_has "rules: none"
out_has "Mon 26 Oct - Sun 1 Nov 2026: 2 activities"
out_row "Fri 6 Nov networking Initech - Maria Lopez - contact made"
out_lacks "SHORT"

t "CSV: RFC 4180 with a byte order mark, read back by Python's csv module"
ok report --rules wa --format csv
if "$PY3" - "$T/out" <<'PY'
import csv, io, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf'), 'no BOM'
assert b'\r\n' in raw and b'\n' not in raw.replace(b'\r\n', b''), 'not CRLF'
rows = list(csv.reader(io.StringIO(raw[3:].decode('utf-8'), newline='')))
head, rows = rows[0], rows[1:]
assert head[:5] == ['week', 'week total', 'week status', 'date', 'activity'], head
assert len(rows) == 6, rows
col = {h: i for i, h in enumerate(head)}
def c(r, h): return r[col[h]]
want = [('2026-10-26', 'application', 'Société Générale'),
        ('2026-10-28', 'follow-up', 'Société Générale'),
        ('2026-11-02', 'application', 'Ελληνική Εταιρεία'),
        ('2026-11-03', 'application', '华为技术有限公司'),
        ('2026-11-04', 'application', '\'=HYPERLINK("http://evil")'),
        ('2026-11-05', 'interview', '华为技术有限公司')]
got = [(c(r, 'date'), c(r, 'activity'), c(r, 'employer')) for r in rows]
assert got == want, got
assert [c(r, 'week') for r in rows] == ['2026-10-25'] * 2 + ['2026-11-01'] * 4
assert [c(r, 'week total') for r in rows] == ['2'] * 2 + ['4'] * 4
assert [c(r, 'week status') for r in rows] == ['short'] * 2 + ['met'] * 4
assert c(rows[0], 'employer address') == '29 Bd Haussmann, Paris'
assert c(rows[0], 'person contacted') == 'José Núñez'
assert c(rows[1], 'method') == 'e-mail'
assert c(rows[2], 'missing') == 'method', rows[2]
assert c(rows[3], 'method') == 'online'
assert c(rows[5], 'method') == 'video'
# formula cells are inert: an apostrophe before = + - @
assert c(rows[4], 'position') == "'+SUM(1,2)"
assert c(rows[4], 'person contacted') == "'@Mallory"
assert c(rows[4], 'employer phone') == "'+1 555 0100"
assert c(rows[0], 'employer phone') == "'+33 1 42 14 20 00"
for r in rows:
    for cell in r:
        assert not cell or cell[0] not in '=+-@\t\r', cell
PY
then pass; else fail "the CSV is not what it should be"; fi

t "JSON: the periods and the rows"
ok report --rules wa --json
json "d['user'] == 'Zoë Ångström' and d['rules']['id'] == 'wa' and d['per'] == 'week'"
json "[p['status'] for p in d['periods']] == ['short', 'met', 'under-way']"
json "[p['activities'] for p in d['periods']] == [2, 4, 0]"
json "d['periods'][0]['short'] == '2 of 3 activities' and d['periods'][1]['short'] is None"
json "d['activities'] == 6 and d['short_periods'] == 1 and d['missing_rows'] == 1"
json "len(d['rows']) == 6 and [r['period'] for r in d['rows']] == [0, 0, 1, 1, 1, 1]"
json "d['rows'][2]['missing'] == ['method'] and d['rows'][2]['fix']['method'].startswith('fu edit 7 ')"
json "d['rows'][5]['person'] == '王小明' and d['rows'][5]['email'] == 'wang@huawei.example'"
json "d['rules']['counts'] == ['application', 'interview', 'follow-up', 'meeting']"
ok report --rules wa --json --stats
json "d['stats']['applications'] == 4 and 'following_up' in d['stats']"

t "--week: one week; --since and --until: whole weeks"
ok report --rules wa --week 2026-11-03 --json
json "len(d['periods']) == 1 and d['periods'][0]['label'] == 'Sun 1 Nov - Sat 7 Nov 2026' and len(d['rows']) == 4"
ok report --rules wa --week monday --json
json "d['span'] == 'Sun 8 Nov 2026 to Sat 14 Nov 2026' and d['rows'] == []"
ok report --rules wa --since 2026-10-28 --until 2026-11-02 --json
json "d['span'] == 'Sun 25 Oct 2026 to Sat 7 Nov 2026' and len(d['rows']) == 6"

t "a week short of each agency's rule (the week of 25 Oct: 2 activities)"
for rules in wa ny ne nc de; do
	ok report --rules "$rules" --week 2026-10-27 --json
	json "d['periods'][0]['status'] == 'short' and d['short_periods'] == 1"
done
ok report --rules de --week 2026-10-27
out_has "October 2026: 1 activity  SHORT: 1 of 5 activities"
ok report --rules ne --week 2026-10-27
out_has "SHORT: 1 of 5 activities; 1 of 2 applications" # no follow-ups
ok report --rules ne --week 2026-11-03  # the networking meeting counts
out_has "Sun 1 Nov - Sat 7 Nov 2026: 5 activities  meets the rule"
ok report --rules ny --week 2026-10-27
out_has "SHORT: 2 of 3 activities; on 2 of 3 different days"

t "the custom rules, from fu config"
ok config report.custom.minimum 2
ok config report.custom.distinct-employers 2
ok report --rules custom --week 2026-10-27
out_has "SHORT: 1 of 2 different employers"
ok config report.rules custom
ok report --week 2026-11-03
out_has "rules: custom, custom rules"
out_has "meets the rule"
ok config --unset report.rules

t "PDF: every employer, date and weekly total, in every script"
# poppler-utils is in scripts/deps: without it the PDF is not checked,
# and that is a failure, not a skip
PDF_OK=1
for tool in pdftotext pdftoppm pdfinfo pdffonts fc-list; do
	if ! command -v $tool >/dev/null 2>&1; then
		fail "$tool (poppler-utils, scripts/deps) is not installed"
		PDF_OK=0
	fi
done
ok report --rules wa --format pdf --output "$T/report.pdf" --stats
if [ -s "$T/out" ]; then fail "--output wrote on stdout"; else pass; fi
if [ "$(head -c 5 "$T/report.pdf")" = "%PDF-" ]; then pass; else fail "not a PDF"; fi
if [ "$(mode "$T/report.pdf")" = 600 ]; then pass; else fail "mode $(mode "$T/report.pdf")"; fi
if [ "$PDF_OK" = 1 ]; then
	pdftotext -raw "$T/report.pdf" "$T/report.txt"
	# wrapped cells and lines: compare with every run of blanks one space
	tr -s ' \n' '  ' <"$T/report.txt" >"$T/flat.txt"
	for want in "Job-search record of Zoë Ångström" \
		"Washington State Employment Security Department" \
		"Société Générale" "Ελληνική Εταιρεία" "华为技术有限公司" \
		'=HYPERLINK(' "Αλέξης Παπαδόπουλος" "王小明" \
		"José Núñez" "Développeur Backend" "Μηχανικός Λογισμικού" \
		"软件工程师" \
		"Mon 26 Oct" "Wed 28 Oct" "Mon 2 Nov" "Tue 3 Nov" "Wed 4 Nov" \
		"Thu 5 Nov" \
		"Sun 25 Oct - Sat 31 Oct 2026" "Sun 1 Nov - Sat 7 Nov 2026" \
		"Sun 8 Nov - Sat 14 Nov 2026" \
		"SHORT of the rule: 2 of 3 activities" \
		"Total: 2 activities (minimum 3)" \
		"Total: 4 activities (minimum 3)" \
		"Total: 0 activities (minimum 3)" \
		"Activities per week against the minimum" \
		"Missing: method (fu edit 7 --url URL, if you applied online)" \
		"Does following up work?" "Source: https://esd.wa.gov/"; do
		if grep -qF -- "$want" "$T/flat.txt"; then pass; else
			fail "the PDF's text lacks '$want'"
		fi
	done
	if grep -qF "Initech" "$T/flat.txt"; then
		fail "networking in a Washington record"
	else pass; fi
	# the Chinese is set in a font that has it (not boxes): one of the
	# fonts fontconfig has for Chinese is embedded, and every font is
	fc-list :lang=zh family | sed 's/,.*//; s/ //g' >"$T/zh-fonts"
	pdffonts "$T/report.pdf" | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1 }' \
		>"$T/pdf-fonts"
	if [ ! -s "$T/zh-fonts" ]; then
		fail "no font with Chinese (fonts-wqy-microhei, scripts/deps)"
	elif grep -qxFf "$T/zh-fonts" "$T/pdf-fonts"; then pass; else
		fail "no Chinese font in the PDF: $(tr '\n' ' ' <"$T/pdf-fonts")"
	fi
	if pdffonts "$T/report.pdf" | awk 'NR > 2 && $(NF - 4) != "yes"' | grep -q .
	then fail "a font is not embedded"; else pass; fi
	pages=$(pdfinfo "$T/report.pdf" | awk '/^Pages:/ { print $2 }')
	if [ "${pages:-0}" -ge 2 ]; then pass; else fail "$pages pages"; fi
	# every page rendered has ink on it
	pdftoppm -r 30 -gray "$T/report.pdf" "$T/page"
	n=0
	for pgm in "$T"/page*.pgm; do
		n=$((n + 1))
		if "$PY3" - "$pgm" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
# P5 width height maxval, then the pixels
parts = data.split(maxsplit=4)
pixels = parts[4]
dark = sum(1 for b in pixels if b < 200)
sys.exit(0 if dark > 20 else 1)
PY
		then pass; else fail "page $n is blank"; fi
	done
	if [ "$n" = "$pages" ]; then pass; else fail "rendered $n of $pages pages"; fi
fi

t "PDF: this week under Washington's rules, as issue 20's user asks for it"
ok report --week monday --rules wa --format pdf -o "$T/week.pdf"
if [ "$PDF_OK" = 1 ]; then
	pdftotext -raw "$T/week.pdf" - | tr -s ' \n' '  ' >"$T/flat.txt"
	for want in "Job-search record of Zoë Ångström" \
		"Sun 8 Nov 2026 to Sat 14 Nov 2026" \
		"under way: 0 of 3 activities so far" "No activity." \
		"Total: 0 activities (minimum 3)"; do
		if grep -qF -- "$want" "$T/flat.txt"; then pass; else
			fail "the week's PDF lacks '$want'"
		fi
	done
	if grep -qF "Société Générale" "$T/flat.txt"; then
		fail "the week's PDF has another week's rows"
	else pass; fi
fi

t "PDF on standard output, and not to a terminal"
ok report --rules wa --format pdf
if [ "$(head -c 5 "$T/out")" = "%PDF-" ]; then pass; else fail "not a PDF on stdout"; fi

t "--output: replaced only once complete"
printf 'the old one\n' >"$T/keep.csv"
ok report --rules wa --format csv -o "$T/keep.csv"
if head -c 3 "$T/keep.csv" | od -An -tx1 | grep -q "ef bb bf"; then pass; else
	fail "--output did not write the CSV"
fi
printf 'the old one\n' >"$T/keep.pdf"
mkdir -p "$T/bin"
cat >"$T/bin/fu-report-pdf" <<'EOF'
#!/bin/sh
cat >/dev/null
printf 'partial' 
echo "fu-report-pdf: cannot find a font" >&2
exit 1
EOF
chmod +x "$T/bin/fu-report-pdf"
FU_LIBEXECDIR=$T/bin fails_with 7 report --rules wa --format pdf -o "$T/keep.pdf"
err_has "fu: cannot make the PDF: cannot find a font"
if [ "$(cat "$T/keep.pdf")" = "the old one" ]; then pass; else
	fail "a failed PDF replaced the file"
fi
if ls -a "$T" | grep -q '^\.keep'; then fail "a temporary file was left"; else pass; fi
FU_LIBEXECDIR=$T/nothing-here fails_with 7 report --format pdf -o "$T/keep.pdf"
err_has "fu: cannot make a PDF: fu-report-pdf is not in $T/nothing-here (FU_LIBEXECDIR)"
if [ "$(cat "$T/keep.pdf")" = "the old one" ]; then pass; else
	fail "a PDF that could not be made replaced the file"
fi
# a FIFO (or a device such as /dev/null) is written to, not replaced
# by a regular file
mkfifo "$T/fifo"
cat "$T/fifo" >"$T/from-fifo" &
reader=$!
ok report --rules wa --format csv -o "$T/fifo"
wait $reader
if [ -p "$T/fifo" ]; then pass; else fail "--output replaced a FIFO"; fi
if head -c 3 "$T/from-fifo" | od -An -tx1 | grep -q "ef bb bf" &&
	grep -q "Société Générale" "$T/from-fifo"; then pass; else
	fail "the CSV did not go through the FIFO"
fi
fails_with 7 report --format csv -o "$T"
err_has "cannot write '$T': Is a directory"
fails_with 7 report --format csv -o "$T/no/such/dir/x.csv"
err_has "cannot write '$T/no/such/dir/x.csv'"

t "--stats in text"
ok report --rules wa --stats
out_has "does following up work?"
out_has "response rate"

t "week boundaries across the end of daylight saving time (Los Angeles)"
FU_DB=$T/la.db TZ=America/Los_Angeles FU_NOW="2026-11-12 09:00" \
	run add application E1 R --applied "2026-10-31 23:30"
FU_DB=$T/la.db TZ=America/Los_Angeles FU_NOW="2026-11-12 09:00" \
	run add application E2 R --applied "2026-11-01 01:30"
FU_DB=$T/la.db TZ=America/Los_Angeles FU_NOW="2026-11-12 09:00" \
	run add application E3 R --applied "2026-11-07 23:59"
FU_DB=$T/la.db TZ=America/Los_Angeles FU_NOW="2026-11-12 09:00" \
	run report --rules wa --json
json "[(p['start'], p['activities']) for p in d['periods']] == [('2026-10-25T00:00:00-07:00', 1), ('2026-11-01T00:00:00-07:00', 2), ('2026-11-08T00:00:00-08:00', 0)]"

t "mistakes"
fails_with 2 report --week monday --since 2026-11-01
fails_with 2 report --format csv --stats
fails_with 2 report --format csv --json
fails_with 2 report somewhere
fails_with 2 report --output ""
fails_with 4 report --format docx
err_has "--format takes text, csv or pdf, not 'docx'"
fails_with 4 report --rules xx
err_has "unknown rules 'xx': use wa, ny, ne, nc, de, custom"
fails_with 4 report --since someday
fails_with 4 report --since 2026-11-05 --until 2026-11-01
err_has "--since is after --until"
fails_with 4 config report.rules xx
fails_with 4 config report.custom.per fortnight
fails_with 4 config report.custom.counts "application,coffee"
ok report --help
out_has "usage: fu report"

finish
