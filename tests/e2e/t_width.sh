#!/bin/sh
# SPDX-License-Identifier: MIT
# t_width - fu in a real terminal (a pseudo-terminal of 80, 60 and 200
# columns): no line of fu due, fu list, fu show, fu rules or fu due --why
# is wider than the terminal in display columns, whatever the names
# (ASCII, Chinese, decomposed accents, emoji); the columns of a table
# start at the same display column on every row; the pager is used on a
# terminal (FU_PAGER, core.pager, PAGER, less with LESS=FRX) and never
# through a pipe, with --json or --no-pager; less quits by itself when
# the output fits the screen. Display widths are counted here with
# Python's unicodedata (East Asian Width W and F: 2 columns; combining
# marks: 0), not with fu's own code.
. "$FU_TESTS/e2e/lib.sh"

# A pseudo-terminal of COLS columns and 50 lines runs ARGV; what it
# printed (CR LF made LF) goes to stdout; exit status 124 when it had
# not finished after 20 s (then it is killed).
cat >"$T/term.py" <<'EOF'
import fcntl, os, pty, select, signal, struct, sys, termios, time
cols = int(sys.argv[1])
argv = sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    # the size is set before fu starts (by the terminal's side)
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    os.execvp(argv[0], argv)
out = b""
end = time.time() + 20
late = False
while True:
    left = end - time.time()
    if left <= 0:
        late = True
        os.kill(pid, signal.SIGKILL)
        break
    r, _, _ = select.select([fd], [], [], left)
    if not r:
        continue
    try:
        d = os.read(fd, 65536)
    except OSError:
        break
    if not d:
        break
    out += d
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
sys.exit(124 if late else (os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1))
EOF

# The widths of what a terminal of COLS columns showed ($T/out): every
# line within COLS display columns; with "table", the columns of the
# header line start at the same display column on every row under it.
cat >"$T/check.py" <<'EOF'
import re, sys, unicodedata
cols, what, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w
def cells(line):
    """each character with the display column it starts at"""
    col, out = 0, []
    for ch in line:
        out.append((col, ch))
        if not (unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf")):
            col += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return out
bad = 0
lines = text.split("\n")
for line in lines:
    if width(line) > cols:
        print("wider than %d (%d): %s" % (cols, width(line), line))
        bad += 1
if what == "table":
    header = lines[0]
    starts = [m.start() for m in re.finditer(r"(?<=  )\S", header)]
    rows = [l for l in lines[1:] if l and not l.startswith(" ")]
    if not rows:
        print("no rows")
        bad += 1
    for row in rows:
        at = {c: ch for c, ch in cells(row)}
        for s in starts:
            if at.get(s - 1, " ") != " " or at.get(s, " ") == " ":
                print("column at %d misplaced in: %s" % (s, row))
                bad += 1
                break
sys.exit(1 if bad else 0)
EOF

# term COLS ARGS...: fu ARGS in a terminal of COLS columns, into $T/out
term() {
	cols=$1
	shift
	python3 "$T/term.py" "$cols" ${FU_WRAP:-} "$FU" "$@" >"$T/out" 2>&1
	code=$?
}
# fits COLS [table]: the last output fits COLS columns (and aligns)
fits() {
	if python3 "$T/check.py" "$1" "${2:-}" "$T/out" >"$T/why"; then pass; else
		fail "$(head -3 "$T/why")"
	fi
}

t "names in every script, long ones"
ok add contact "Dana Reyes" --company "Acme Corporation" --email dana@acme.example
ok add application "Acme Corporation" "Senior Backend Engineer, Payments Platform" \
	--contact dana --applied 2026-11-02
ok add contact "王小明" --company "北京字节跳动科技有限公司" --email wang@example.cn
ok add application "北京字节跳动科技有限公司" "高级后端工程师" --contact 王小明 \
	--applied 2026-11-03
# decomposed: e and a combining acute, as macOS writes file names
ZOE=$(printf 'Zoe\314\210 Lefe\314\200vre')
SG=$(printf 'Socie\314\201te\314\201 Ge\314\201ne\314\201rale')
ok add contact "$ZOE" --company "$SG" --email zoe@example.fr
ok add application "$SG" "Data Engineer" --contact zoe --applied 2026-11-04
ok add contact "Sam 🚀 Lee" --company "🚀 Rocket Labs" --email sam@example.com
ok add application "🚀 Rocket Labs" "Platform Engineer" --contact sam --applied 2026-11-05
ok add application "Initech" "Staff Site Reliability Engineer (Infrastructure)" \
	--applied 2026-11-05 --source board
ok log acme interview --at "2026-11-06 14:00" --with dana
ok log 王小明 reply --at "2026-11-06 10:00"

# FU_PAGER=cat: the terminal gets fu's own lines
FU_PAGER=cat
export FU_PAGER
for cols in 80 60 200; do
	t "fu due in $cols columns"
	term "$cols" due
	[ "$code" = 0 ] && pass || fail "fu due exited $code"
	fits "$cols" table
	t "fu due --why in $cols columns"
	term "$cols" due --why
	fits "$cols" table
	t "fu list in $cols columns"
	term "$cols" list
	fits "$cols" table
	term "$cols" list contacts
	fits "$cols" table
	t "fu show in $cols columns"
	for ref in acme 北京 "$SG" rocket 王小明 "$ZOE"; do
		term "$cols" show "$ref"
		[ "$code" = 0 ] && pass || fail "fu show $ref exited $code"
		fits "$cols"
	done
	t "fu rules in $cols columns"
	term "$cols" rules
	fits "$cols"
done

t "at 80 columns each fu due row is one line, its reason wraps, nothing lost"
term 80 due
sed 's/\x1b\[[0-9;]*m//g' "$T/out" >"$T/plain" && mv "$T/plain" "$T/out"
# one line a row: the state, the action, the person and the date
grep -q '^overdue  *thank-you  *Dana Reyes  *2 Acme Corporation  *2 days ago$' "$T/out" \
	&& pass || fail "the thank-you row: $(grep thank-you "$T/out" | head -1)"
# the reasons wrap (with a hanging indent) instead of being cut
tr '\n' ' ' <"$T/out" | sed 's/   */ /g' >"$T/flat"
grep -q 'check in with Zoë Lefèvre 2-7 days after applying' "$T/flat" \
	|| grep -q "$(printf 'check in with Zoe\314\210 Lefe\314\200vre 2-7 days after applying')" "$T/flat" \
	&& pass || fail "a reason line was cut: $(cat "$T/flat")"
grep -q '…' "$T/out" && pass || fail "nothing cut with an ellipsis at 80 columns"
term 200 due
grep -q '…' "$T/out" && fail "cut at 200 columns: $(grep '…' "$T/out" | head -1)" || pass

t "through a pipe: no width limit (scripts keep whole lines)"
ok due --why
awk 'length > 200 { n++ } END { exit !n }' "$T/out" && pass ||
	fail "no line longer than 200 bytes through a pipe"
out_lacks '…'
COLUMNS=40 ok list
out_has "Senior Backend Engineer, Payments Platform"

# --- the pager --------------------------------------------------------------

mkdir -p "$T/bin"
for p in pager-a pager-b pager-c; do
	cat >"$T/bin/$p" <<EOF
#!/bin/sh
echo "[$p LESS=\${LESS-unset}]"
cat
EOF
	chmod +x "$T/bin/$p"
done
PATH=$T/bin:$PATH
export PATH
unset FU_PAGER

t "the pager on a terminal: FU_PAGER, else core.pager, else PAGER, else less"
PAGER=pager-c term 80 list
out_has "[pager-c LESS=FRX]"
out_has "Acme Corpor"
PAGER=pager-c LESS=X term 80 list
out_has "[pager-c LESS=X]"
FU_PAGER=pager-a PAGER=pager-c term 80 list
out_has "[pager-a LESS=FRX]"
out_lacks "[pager-c"
ok config core.pager pager-b
PAGER=pager-c term 80 due
out_has "[pager-b LESS=FRX]"
FU_PAGER=pager-a term 80 show acme
out_has "[pager-a LESS=FRX]"
PAGER=pager-c term 80 rules
out_has "[pager-b"
ok config core.pager cat
PAGER=pager-c term 80 list
out_lacks "[pager-"
out_has "Acme Corpor"

t "no pager through a pipe, with --json or --no-pager"
ok config core.pager pager-b
PAGER=pager-c ok list
out_lacks "[pager-"
FU_PAGER=pager-a term 80 list --json
out_lacks "[pager-"
json "len(d) >= 5"
FU_PAGER=pager-a term 80 --no-pager list
out_lacks "[pager-"
out_has "Acme Corpor"
FU_PAGER=pager-a term 80 due --no-pager
out_lacks "[pager-"

t "the width in the pager is the terminal's"
FU_PAGER=pager-a term 60 due --why
out_has "[pager-a"
sed 1d "$T/out" >"$T/out2" && mv "$T/out2" "$T/out"
fits 60 table

t "less: output that fits the screen is printed and less quits (LESS=FRX)"
if command -v less >/dev/null 2>&1; then
	ok config core.pager less
	TERM=xterm term 80 due
	[ "$code" = 0 ] && pass || fail "fu due through less did not end by itself ($code)"
	out_has "thank-you"
	out_has "Dana Reyes"
else
	echo "SKIP: less is not installed"
fi

finish
