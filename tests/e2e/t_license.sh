#!/bin/sh
# SPDX-License-Identifier: MIT
# t_license - fu is free software under the MIT licence: LICENSE says so,
# the README says so, and every source file carries the licence's SPDX
# identifier in its header, in its own comment syntax, so that a file
# copied alone still says under what terms. Source files are the C
# files and headers, shell and Python scripts (any file starting with
# #!), CMake files, templates (*.in), completions and man pages, tracked
# by git or about to be (untracked but not ignored); data (golden
# outputs, fuzz corpora, test inputs) and prose (*.md) carry none.
. "$FU_TESTS/e2e/lib.sh"

REPO=$(cd "$FU_TESTS/.." && pwd)

# is_source PATH (relative to the repository): 0 when it is source
is_source() {
	case $1 in
	fuzz/corpus/* | tests/e2e/golden/* | tests/data/*) return 1 ;;
	*.md) return 1 ;;
	*.c | *.h | *.in | *.cmake | CMakeLists.txt | */CMakeLists.txt) return 0 ;;
	*.sh | *.py | *.bash | *.fish | completions/*) return 0 ;;
	man/*.[1-8]) return 0 ;;
	esac
	[ "$(head -c 2 "$REPO/$1")" = "#!" ]
}

# spdx_ok PATH: the identifier, in the file's comment syntax, on one of
# its first three lines (after a #! line, a #compdef line or an editor's
# mode line)
spdx_ok() {
	case $1 in
	*.c | *.h | *.c.in | *.h.in) re='^/\* SPDX-License-Identifier: MIT \*/$' ;;
	man/*) re='^\.\\" SPDX-License-Identifier: MIT$' ;;
	*) re='^# SPDX-License-Identifier: MIT$' ;;
	esac
	head -n 3 "$REPO/$1" | grep -q -e "$re"
}

t "the check itself finds a file without the line, or with it misplaced"
mkdir -p "$T/repo/lib" "$T/repo/man"
printf '/* x.c - no licence */\nint x;\n' >"$T/repo/lib/x.c"
printf '#!/bin/sh\n# y\n# z\n# w\n# SPDX-License-Identifier: MIT\n' >"$T/repo/y"
printf '# SPDX-License-Identifier: MIT\n.TH X 1\n' >"$T/repo/man/x.1"
printf '/* SPDX-License-Identifier: MIT */\nint ok;\n' >"$T/repo/lib/ok.c"
(
	REPO=$T/repo
	for f in lib/x.c y man/x.1; do
		if is_source "$f" && ! spdx_ok "$f"; then echo pass; else
			echo "fail $f passes"
		fi
	done
	if is_source lib/ok.c && spdx_ok lib/ok.c; then echo pass; else
		echo "fail lib/ok.c does not pass"
	fi
) >"$T/results"
while read -r verdict rest; do
	if [ "$verdict" = pass ]; then pass; else fail "$rest"; fi
done <"$T/results"

t "LICENSE is the MIT licence of the fu authors"
if grep -qx 'MIT License' "$REPO/LICENSE" &&
	grep -qx 'Copyright (c) 20[0-9][0-9] The fu authors' "$REPO/LICENSE" &&
	grep -q '^Permission is hereby granted, free of charge' "$REPO/LICENSE"; then
	pass
else
	fail "LICENSE is not the MIT licence of the fu authors"
fi

t "the README says under what licence"
if grep -q 'MIT' "$REPO/README.md" && grep -q 'LICENSE' "$REPO/README.md"; then
	pass
else
	fail "README.md names neither the MIT licence nor LICENSE"
fi

t "every source file carries SPDX-License-Identifier: MIT"
if git -C "$REPO" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git -C "$REPO" ls-files --cached --others --exclude-standard >"$T/files"
else
	# not a git checkout (an unpacked archive): every file but builds
	(cd "$REPO" && find . -path ./.git -prune -o -path './build*' -prune \
		-o -type f -print | sed 's|^\./||') >"$T/files"
fi
n=0
while IFS= read -r f; do
	[ -f "$REPO/$f" ] || continue # deleted, not yet committed
	is_source "$f" || continue
	n=$((n + 1))
	if spdx_ok "$f"; then pass; else
		fail "$f: no SPDX-License-Identifier: MIT line in its header"
	fi
done <"$T/files"
if [ "$n" -ge 100 ]; then pass; else fail "only $n source files found"; fi

finish
