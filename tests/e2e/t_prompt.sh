#!/bin/sh
# SPDX-License-Identifier: MIT
# t_prompt - the shell prompt snippets of fu-notify(1), taken from the
# page itself and run in the real bash, zsh and fish: "[fu N] " before
# the prompt while N follow-ups can be done, nothing when none can,
# nothing (and no noise) when fu fails. Each shell's part is skipped,
# saying so, when that shell is missing; the whole file (77) when all
# are.
. "$FU_TESTS/e2e/lib.sh"

PAGE=$(cd "$FU_TESTS/.." && pwd)/man/fu-notify.1

# fu on PATH, as a prompt calls it: the binary under test
mkdir -p "$T/bin"
cat >"$T/bin/fu" <<EOF
#!/bin/sh
exec ${FU_WRAP:-} "$FU" "\$@"
EOF
chmod +x "$T/bin/fu"
PATH=$T/bin:$PATH
export PATH

# snippet SHELL: the .EX block under ".SS SHELL" of SHELL PROMPT, roff
# escapes read back as the characters they print
snippet() {
	awk -v sh="$1" '
		/^\.SH / { in_prompt = ($0 == ".SH SHELL PROMPT") }
		in_prompt && /^\.SS / { mine = ($0 == ".SS " sh) }
		in_prompt && mine && /^\.EE/ { ex = 0 }
		in_prompt && mine && ex { print }
		in_prompt && mine && /^\.EX/ { ex = 1 }
	' "$PAGE" | sed 's/\\-/-/g; s/\\(aq/'"'"'/g; s/\\(dq/"/g; s/\\e/\\/g; s/\\&//g'
}

for sh in bash zsh fish; do
	t "the $sh snippet is in the page"
	snippet "$sh" >"$T/snip.$sh"
	if [ -s "$T/snip.$sh" ]; then pass; else fail "no .SS $sh snippet in fu-notify.1"; fi
done

# prompt SHELL: the prompt the snippet gives (after a prompt of "> ") in
# $T/prompt, what the shell said on stderr in $T/perr
prompt() {
	case $1 in
	bash)
		bash --norc --noprofile -c 'PS1="> "; . "$1"; printf "%s" "${PS1@P}"' \
			bash "$T/snip.bash" >"$T/prompt" 2>"$T/perr" ;;
	zsh)
		zsh -f -c 'PROMPT="> "; . "$1"; print -rnP -- "$PROMPT"' \
			zsh "$T/snip.zsh" >"$T/prompt" 2>"$T/perr" ;;
	fish)
		# fish's own prompt after ours: only the start is ours
		fish --no-config -c 'function fish_prompt; printf "> "; end
			source $argv[1]; fish_prompt' "$T/snip.fish" \
			>"$T/prompt" 2>"$T/perr" ;;
	esac
}

prompt_is() {
	printf '%s' "$2" >"$T/want"
	if cmp -s "$T/want" "$T/prompt"; then pass; else
		fail "$1: the prompt is '$(cat "$T/prompt")', wanted '$2'"
	fi
	if [ -s "$T/perr" ]; then fail "$1 said: $(cat "$T/perr")"; else pass; fi
}

export FU_NOW="2026-11-02 10:00"
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied today
ok add application Hooli "Data Engineer" --applied today --source board

shells=0
for sh in bash zsh fish; do
	if ! command -v "$sh" >/dev/null 2>&1; then
		echo "SKIP: $sh is not installed: its snippet is not run"
		continue
	fi
	shells=$((shells + 1))
	t "$sh: nothing due, nothing shown"
	FU_NOW="2026-11-02 10:00" prompt "$sh"
	prompt_is "$sh" "> "
	t "$sh: [fu 2] while two are due"
	FU_NOW="2026-11-05 09:00" prompt "$sh"
	prompt_is "$sh" "[fu 2] > "
	t "$sh: the count follows the database"
	FU_NOW="2026-11-05 09:00" ok log acme sent --with dana
	FU_NOW="2026-11-05 09:00" prompt "$sh"
	prompt_is "$sh" "[fu 1] > "
	FU_NOW="2026-11-05 09:00" ok undo acme
	t "$sh: fu failing shows nothing and says nothing"
	FU_NOW="2026-11-05 09:00" FU_DB="$T" prompt "$sh"
	prompt_is "$sh" "> "
done
if [ "$shells" -eq 0 ]; then
	echo "SKIP: none of bash, zsh and fish is installed"
	exit 77
fi

finish
