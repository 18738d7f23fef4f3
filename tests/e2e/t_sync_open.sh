#!/bin/sh
# SPDX-License-Identifier: MIT
# t_sync_open - fu-sync-open, the reader of sealed change files, against
# the real age: files age sealed (every size around the 64 KiB chunks,
# several recipients) open to exactly their bytes; a file sealed to
# another key, with a passphrase, armored, altered in any one byte, cut
# at any length or given more bytes is refused with a reason, and the
# run goes on to the next file; a bad key file stops it with one line.
# Then fu sync itself: sealed files are applied with no age on PATH (the
# opener did it, in one run), and without the opener (age, once a file).
#
# FU_SYNC_OPEN: the helper (default: beside fu); FU_OPEN_WRAP: a
# wrapper for it (valgrind).
. "$FU_TESTS/e2e/lib.sh"

OPEN=${FU_SYNC_OPEN:-$(dirname "$FU")/fu-sync-open}
PY=/usr/bin/python3
for tool in age age-keygen git "$PY"; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: $tool is not installed"
		exit 0
	fi
done

# open KEYFILE MAXBYTES < LIST: the helper's answers in $T/answers
open_list() {
	# shellcheck disable=SC2086
	${FU_OPEN_WRAP:-} "$OPEN" "$@" >"$T/answers" 2>"$T/err"
	code=$?
}

# answers FILE...: check $T/answers against what each FILE should give:
# "=PLAIN" (its text is exactly the file PLAIN) or "!WORDS" (refused,
# the reason has WORDS)
answers() {
	"$PY" - "$T/answers" "$@" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
at, bad = 0, 0
for i, want in enumerate(sys.argv[2:]):
    nl = d.find(b"\n", at)
    if nl < 0:
        print("answer %d missing" % i); sys.exit(1)
    head = d[at:nl].decode(); at = nl + 1
    if head.startswith("ok "):
        n = int(head[3:]); text = d[at:at + n]; at += n
        if not want.startswith("=") or open(want[1:], "rb").read() != text:
            print("answer %d: opened (%d bytes), wanted %s" % (i, n, want)); bad += 1
    elif head.startswith("no "):
        if not want.startswith("!") or want[1:] not in head:
            print("answer %d: %s, wanted %s" % (i, head, want)); bad += 1
    else:
        print("answer %d: not an answer: %r" % (i, head)); sys.exit(1)
if at != len(d):
    print("%d bytes after the last answer" % (len(d) - at)); bad += 1
sys.exit(1 if bad else 0)
PY
}

mkdir -p "$T/f"
age-keygen -o "$T/key" 2>/dev/null
age-keygen -o "$T/other" 2>/dev/null
me=$(age-keygen -y "$T/key")
other=$(age-keygen -y "$T/other")

t "files age sealed open to exactly their bytes, every size around a chunk"
: >"$T/list"
set --
for n in 0 1 15 16 17 100 65519 65535 65536 65537 131071 131072 131073 200000; do
	head -c "$n" /dev/urandom >"$T/f/p$n"
	age -e -r "$me" -o "$T/f/s$n" "$T/f/p$n"
	echo "$T/f/s$n" >>"$T/list"
	set -- "$@" "=$T/f/p$n"
done
# to several recipients, ours second
echo "the text of a change file" >"$T/f/pm"
age -e -r "$other" -r "$me" -o "$T/f/sm" "$T/f/pm"
echo "$T/f/sm" >>"$T/list"
set -- "$@" "=$T/f/pm"
open_list "$T/key" 1000000 <"$T/list"
if [ "$code" -eq 0 ]; then pass; else fail "exited $code"; fi
if answers "$@"; then pass; else fail "a file did not open to its bytes"; fi

t "refused, each with its reason, and the run goes on"
age -e -r "$other" -o "$T/f/wrongkey" "$T/f/pm"
age -e -a -r "$me" -o "$T/f/armored" "$T/f/pm"
# a header naming a passphrase (scrypt) in place of the key
"$PY" - "$T/f/sm" "$T/f/scrypt" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
lines = d.split(b"\n")
out = [lines[0], b"-> scrypt c2FsdHNhbHRzYWx0c2FsdA 18",
       b"8SHBz/ldWnjyGFQqfjat6uNBarWqqEMDS7W8X7+Xq5Q"]
i = lines.index(next(l for l in lines if l.startswith(b"---")))
open(sys.argv[2], "wb").write(b"\n".join(out + lines[i:]))
PY
printf 'not sealed at all\n' >"$T/f/plain"
: >"$T/f/empty"
head -c 2000 "$T/f/s200000" >"$T/f/cut"
# cut after the first chunk: what is left looks whole, but its last
# chunk was not sealed as the last
"$PY" - "$T/f/s131073" "$T/f/cutchunk" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
h = d.index(b"\n---") + 1
h = d.index(b"\n", h) + 1
open(sys.argv[2], "wb").write(d[:h + 16 + 65536 + 16])
PY
cat "$T/f/s100" "$T/f/s1" >"$T/f/more"
printf '%s\n' "$T/f/wrongkey" "$T/f/armored" "$T/f/scrypt" "$T/f/plain" \
	"$T/f/empty" "$T/f/cut" "$T/f/cutchunk" "$T/f/more" "$T/f/nosuch" \
	"$T/f/s100" "$T/f/s200000" >"$T/list"
open_list "$T/key" 100000 <"$T/list"
if [ "$code" -eq 0 ]; then pass; else fail "exited $code"; fi
if answers "!sealed with another key" "!not a file sealed by age" \
	"!sealed with a passphrase" "!not a file sealed by age" \
	"!not a file sealed by age" "!altered or cut short" \
	"!altered or cut short" "!altered or cut short" "!cannot read it" \
	"=$T/f/p100" "!too long"; then pass; else fail "a wrong answer"; fi

t "any one byte altered, anywhere, is refused"
: >"$T/list"
"$PY" - "$T/f/s100" "$T/f/flip" "$T/list" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
with open(sys.argv[3], "w") as lst:
    for i in range(len(d)):
        for bit in (0x01, 0x80):
            b = bytearray(d); b[i] ^= bit
            p = "%s-%d-%d" % (sys.argv[2], i, bit)
            open(p, "wb").write(b)
            lst.write(p + "\n")
PY
flips=$(wc -l <"$T/list")
open_list "$T/key" 100000 <"$T/list"
opened=$(grep -ac '^ok ' "$T/answers")
refused=$(grep -ac '^no ' "$T/answers")
if [ "$code" -eq 0 ] && [ "$opened" -eq 0 ] && [ "$refused" -eq "$flips" ]; then
	pass; else fail "of $flips altered files $opened opened, $refused refused"; fi

t "cut at any length, it is refused"
: >"$T/list"
"$PY" - "$T/f/s100" "$T/f/short" "$T/list" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
with open(sys.argv[3], "w") as lst:
    for n in range(len(d)):
        p = "%s-%d" % (sys.argv[2], n)
        open(p, "wb").write(d[:n])
        lst.write(p + "\n")
PY
cuts=$(wc -l <"$T/list")
open_list "$T/key" 100000 <"$T/list"
refused=$(grep -ac '^no ' "$T/answers")
if [ "$code" -eq 0 ] && [ "$refused" -eq "$cuts" ]; then pass; else
	fail "of $cuts cut files $refused refused"; fi

t "a key file it cannot use stops it with one line"
echo "$T/f/s1" >"$T/list"
printf 'AGE-SECRET-KEY-1QQQQ\n' >"$T/badkey"
open_list "$T/badkey" 100 <"$T/list"
if [ "$code" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
	grep -q '^fu-sync-open: line 1 of the key file is not an age key$' "$T/err" &&
	[ ! -s "$T/answers" ]; then pass; else fail "exit $code: $(cat "$T/err")"; fi
# the key with one character changed: its checksum fails
sed 's/^\(AGE-SECRET-KEY-1.\)./\1Q/' "$T/key" >"$T/badsum"
cmp -s "$T/key" "$T/badsum" && sed 's/^\(AGE-SECRET-KEY-1.\)./\1P/' "$T/key" >"$T/badsum"
open_list "$T/badsum" 100 <"$T/list"
if [ "$code" -eq 1 ] && grep -q 'is not an age key' "$T/err"; then pass; else
	fail "a key with a wrong checksum: exit $code"; fi
open_list "$T/nokey" 100 <"$T/list"
if [ "$code" -eq 1 ] && grep -q '^fu-sync-open: cannot read the key file' "$T/err"
then pass; else fail "no key file: exit $code"; fi
grep -v '^AGE' "$T/key" >"$T/commentsonly"
open_list "$T/commentsonly" 100 <"$T/list"
if [ "$code" -eq 1 ] && grep -q 'holds no key' "$T/err"; then pass; else
	fail "a key file of comments: exit $code"; fi

# --- fu sync with the opener, and without it --------------------------------

# (the valgrind twin wraps the helper alone: fu sync is checked above it)
if [ -n "${FU_OPEN_WRAP:-}" ]; then
	finish
	exit
fi

R="$T/remote.git"
git init -q --bare "$R"
mkdir -p "$T/A" "$T/B" "$T/C" "$T/bin" "$T/nohelpers"
A="$T/A/fu.db"
B="$T/B/fu.db"
C="$T/C/fu.db"
FU_DB=$A ok sync init "$R" --encrypt --name laptop
FU_DB=$A ok sync key
key=$(cat "$T/out")
printf '%s\n' "$key" | FU_DB=$B "$FU" sync init --join "$R" --key - >"$T/out" 2>"$T/err" ||
	fail "B cannot join"
printf '%s\n' "$key" | FU_DB=$C "$FU" sync init --join "$R" --key - >"$T/out" 2>"$T/err" ||
	fail "C cannot join"
for i in 1 2 3 4 5; do
	FU_DB=$A ok add contact "Person Number$i" --email "p$i@example.com"
	FU_DB=$A ok sync
done

t "fu sync opens sealed files without age (fu-sync-open, one run)"
# a PATH with git and nothing else: age cannot be run; B has nothing to
# send, so only opening needs a key
ln -s "$(command -v git)" "$T/bin/git"
PATH="$T/bin" FU_DB=$B run sync
if [ "$code" -eq 0 ]; then pass; else fail "fu sync exited $code"; fi
FU_DB=$B ok list contacts --json
json 'len(d) == 5 and sorted(c["name"] for c in d)[4] == "Person Number5"'

t "without the opener, age opens them one by one"
FU_LIBEXECDIR="$T/nohelpers" FU_DB=$C run sync
if [ "$code" -eq 0 ]; then pass; else fail "fu sync exited $code"; fi
FU_DB=$C ok list contacts --json
json 'len(d) == 5'

t "neither the opener nor age: the files wait, one line, exit 10"
FU_DB=$A ok add contact "Person Number6"
FU_DB=$A ok sync
cp "$B" "$T/B-before.db"
PATH="$T/bin" FU_LIBEXECDIR="$T/nohelpers" FU_DB=$B run sync
if [ "$code" -eq 10 ] && [ "$(wc -l <"$T/err")" -eq 1 ]; then pass; else
	fail "fu sync exited $code"; fi
FU_DB=$B ok list contacts --json
json 'len(d) == 5'
t "and the next fu sync, with the opener, takes them"
PATH="$T/bin" FU_DB=$B run sync
if [ "$code" -eq 0 ]; then pass; else fail "fu sync exited $code"; fi
FU_DB=$B ok list contacts --json
json 'len(d) == 6'

finish
