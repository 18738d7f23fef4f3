#!/bin/sh
# SPDX-License-Identifier: MIT
# t_import - imports of any size in bounded memory (issue 16, item 14):
# the peak memory of fu import --csv and of fu import (an export) does
# not grow with the file; a pipe is read like a file; a record too long
# to be one is refused with where it starts; bad rows beyond the first
# hundred are counted, not kept; on a terminal, the import says how far
# it has gone. (bench/import measures a million rows.)
. "$FU_TESTS/e2e/lib.sh"

GNU_TIME=$(command -v /usr/bin/time || true)

# csv N FILE: N rows, every third a new company and person
csv() {
	awk -v n="$1" 'BEGIN {
		print "company,role,applied,contact,email,status,source,url,notes"
		split("applied interviewing rejected open offer no-response", st, " ")
		for (i = 1; i <= n; i++) {
			c = int(i / 3)
			printf "Company %d,Role %d,2025-%02d-%02d,Person %d,p%d@c%d.example,%s,board,https://jobs.example/%d,\"note, with comma\"\n", c, i, i % 12 + 1, i % 28 + 1, c, c, c, st[i % 6 + 1], i
		}
	}' >"$2"
}

# peak ARGS...: fu's peak resident set size in KiB (into $rss), its
# exit code in $code
peak() {
	"$GNU_TIME" -f "%M" -o "$T/rss" "$FU" "$@" >"$T/out" 2>"$T/err" </dev/null
	code=$?
	rss=$(tail -1 "$T/rss")
}

small=1000
big=20000
# under valgrind or ASan (whose quarantine keeps freed memory, so the
# peak says nothing of fu's), fewer rows and no memory figures
sanitized=
ldd "$FU" 2>/dev/null | grep -q libasan && sanitized=1
[ -n "${FU_WRAP:-}$sanitized" ] && big=3000

t "fu import --csv: every row, in memory that does not grow with the file"
csv $small "$T/small.csv"
csv $big "$T/big.csv"
if [ -n "$GNU_TIME" ] && [ -z "${FU_WRAP:-}$sanitized" ]; then
	peak --db "$T/small.db" import --csv "$T/small.csv"
	[ "$code" -eq 0 ] && pass || fail "small import exited $code: $(cat "$T/err")"
	rss_small=$rss
	peak --db "$T/big.db" import --csv "$T/big.csv"
	[ "$code" -eq 0 ] && pass || fail "big import exited $code: $(cat "$T/err")"
	out_has "imported $big applications from $big rows"
	# before: about 1.3 KiB more for every row (26 MB here)
	[ $((rss - rss_small)) -lt 8192 ] && pass ||
		fail "peak memory grew from $rss_small to $rss KiB"
else
	ok --db "$T/small.db" import --csv "$T/small.csv"
	ok --db "$T/big.db" import --csv "$T/big.csv"
	out_has "imported $big applications from $big rows"
fi

t "fu import of an export: the same bytes back, in memory that does not grow"
ok --db "$T/big.db" export
cp "$T/out" "$T/big.json"
ok --db "$T/small.db" export
cp "$T/out" "$T/small.json"
if [ -n "$GNU_TIME" ] && [ -z "${FU_WRAP:-}$sanitized" ]; then
	peak --db "$T/small2.db" import "$T/small.json"
	rss_small=$rss
	peak --db "$T/big2.db" import "$T/big.json"
	[ "$code" -eq 0 ] && pass || fail "import exited $code: $(cat "$T/err")"
	[ $((rss - rss_small)) -lt 8192 ] && pass ||
		fail "peak memory grew from $rss_small to $rss KiB"
else
	ok --db "$T/big2.db" import "$T/big.json"
fi
ok --db "$T/big2.db" export
cmp -s "$T/out" "$T/big.json" && pass || fail "export, import, export differs"

t "from a pipe, as from a file"
cat "$T/small.csv" | ${FU_WRAP:-} "$FU" --db "$T/pipe.db" import --csv - >"$T/out" 2>"$T/err"
[ $? -eq 0 ] && pass || fail "csv from a pipe: $(cat "$T/err")"
out_has "imported $small applications"
cat "$T/small.json" | ${FU_WRAP:-} "$FU" --db "$T/pipe2.db" import - >"$T/out" 2>"$T/err"
[ $? -eq 0 ] && pass || fail "json from a pipe: $(cat "$T/err")"
ok --db "$T/pipe2.db" export
cmp -s "$T/out" "$T/small.json" && pass || fail "piped import differs"

t "a record too long to be one: refused, saying where it starts"
{
	echo "company,role,notes"
	echo "Acme,Engineer,fine"
	printf 'Initech,Manager,"a quote left open\n'
	head -c 1200000 /dev/zero | tr '\0' 'x'
	echo
} >"$T/open.csv"
ok config user.name "Alex Morgan" # the database, before what fails (fu list, which only reads, creates none)
fails_with 4 import --csv "$T/open.csv"
err_has "line 3: a record longer than 1 MiB (is a quote left open?)"
"$PY3" - "$T/small.json" "$T/long.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["contacts"][0]["notes"] = "x" * 1100000
json.dump(d, open(sys.argv[2], "w"), indent=1)
PY
# the database, empty, before what fails (fu undo creates it and finds
# nothing to undo; fu list, which only reads, creates none)
FU_DB="$T/long.db" "$FU" undo >/dev/null 2>&1
[ -s "$T/long.db" ] && pass || fail "fu undo created no database"
FU_DB="$T/long.db" fails_with 4 import "$T/long.json"
err_has "a value longer than 1 MiB"
err_has "line "

t "bad rows beyond the first hundred are counted, not kept"
{
	echo "company,role,applied"
	i=0
	while [ $i -lt 150 ]; do
		echo "Co$i,Role,31/02/2026"
		echo "Good$i,Role,2026-01-0$((i % 9 + 1))"
		i=$((i + 1))
	done
} >"$T/bad.csv"
ok import --csv "$T/bad.csv" --skip-bad --json
json "d['skipped_rows'] == 150 and len(d['skipped']) == 100 and d['applications'] == 150"
ok import --csv "$T/bad.csv" --skip-bad
[ "$(grep -c '^fu: skipped line' "$T/err")" -eq 100 ] && pass || fail "not 100 listed"
err_has "fu: skipped 50 more bad rows"
out_has "skipped 150 bad rows"
fails_with 4 import --csv "$T/bad.csv"
err_has "(and 149 more bad rows; nothing imported"

t "on a terminal, the import says how far it has gone, then clears the line"
"$PY3" - "$T" "$FU" "$T/big.csv" <<'PY'
import os, pty, select, subprocess, sys
T, FU, CSV = sys.argv[1:4]
master, slave = pty.openpty()
p = subprocess.Popen([FU, "--db", os.path.join(T, "tty.db"), "import",
                      "--csv", CSV], stdin=subprocess.DEVNULL,
                     stdout=subprocess.PIPE, stderr=slave)
os.close(slave)
err = b""
while True:
    try:
        r, _, _ = select.select([master], [], [], 120)
        chunk = os.read(master, 65536) if r else b""
    except OSError:
        chunk = b""
    if not chunk:
        break
    err += chunk
out = p.stdout.read()
p.wait()
open(os.path.join(T, "tty.err"), "wb").write(err)
ok = (p.returncode == 0 and b"fu: checking:" in err and b"fu: importing:"
      in err and b"working out what is due" in err and err.endswith(b"\r")
      and b"imported" in out)
sys.exit(0 if ok else 1)
PY
[ $? -eq 0 ] && pass || fail "no progress on the terminal: $(od -c "$T/tty.err" | head -5)"
ok --db "$T/quiet.db" import --csv "$T/small.csv"
[ ! -s "$T/err" ] && pass || fail "progress when stderr is not a terminal"

finish
