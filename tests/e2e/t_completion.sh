#!/bin/sh
# SPDX-License-Identifier: MIT
# t_completion - tab completion in the real shells: bash (with
# bash-completion), zsh (compinit in an interactive zsh driven through
# zpty) and fish, for subcommands, options, option values and the user's
# own applications and contacts, with names that hold a space. Each
# shell's part is skipped, saying so, only when that shell is missing.
. "$FU_TESTS/e2e/lib.sh"

# fu on PATH, as the completions call it: the binary under test (through
# FU_WRAP when set; a valgrind error is written down in wrap-errors).
mkdir -p "$T/bin"
cat >"$T/bin/fu" <<EOF
#!/bin/sh
${FU_WRAP:-} "$FU" "\$@"
rc=\$?
if [ "\$rc" -eq 99 ]; then echo "fu \$*" >>"$T/wrap-errors"; fi
exit "\$rc"
EOF
chmod +x "$T/bin/fu"
PATH=$T/bin:$PATH
export PATH

# --- the candidates of the last completion, in $T/got ------------------

got_has() {
	for want in "$@"; do
		if grep -qxF -- "$want" "$T/got"; then pass; else
			fail "no candidate '$want'"
			sed 's/^/  got: /' "$T/got" | head -40
		fi
	done
}
got_lacks() {
	for bad in "$@"; do
		if grep -qxF -- "$bad" "$T/got"; then
			fail "candidate '$bad' should not be offered"
		else pass; fi
	done
}
# got_is LINE...: exactly these candidates, in any order
got_is() {
	printf '%s\n' "$@" | sort >"$T/want"
	sort "$T/got" | uniq >"$T/gotsorted"
	if cmp -s "$T/want" "$T/gotsorted"; then pass; else
		fail "candidates differ"; diff "$T/want" "$T/gotsorted" | head -20
	fi
}
# got_all WHAT...: every line of fu __complete WHAT... is a candidate
got_all() {
	"$FU" __complete "$@" >"$T/expect" 2>/dev/null
	if [ ! -s "$T/expect" ]; then
		fail "fu __complete $* gave nothing"
		return
	fi
	missing=$(grep -vxF -f "$T/got" "$T/expect")
	if [ -z "$missing" ]; then pass; else
		fail "not offered: $(echo "$missing" | tr '\n' ' ')"
	fi
}
# line_is TEXT: the line as the completion left it ($T/line)
line_is() {
	printf '%s\n' "$1" >"$T/want"
	if cmp -s "$T/want" "$T/line"; then pass; else
		fail "the line is '$(cat "$T/line")', wanted '$1'"
	fi
}

# --- drivers (bcomp, zcomp, zpick, fcomp and drive_pty are in lib.sh) ---

# pty_line N: the Nth line the pty run left, into $T/line
pty_line() { sed -n "${1}p" "$T/pty" >"$T/line"; }

# line_editor SHELL SETUP: SHELL's line editor, after SETUP, completes a
# name with a space (escaped, or within the quote the user opened) and
# an event kind, each followed by a space.
line_editor() {
	PTY_SHELL=$1 drive_pty "$T/pty" "$2" \
		"fu show Dan" 'fu show "Dan' "fu log acme sen"
	pty_line 1
	line_is 'fu show Dana\ Reyes '
	pty_line 2
	line_is 'fu show "Dana Reyes" '
	pty_line 3
	line_is 'fu log acme sent '
}

# names_line_editor SHELL SETUP: SHELL's line editor completes names as
# fu matches them (case and accents aside) into a valid line: an
# apostrophe inside the single quote the user opened, a $ never left to
# be expanded.
names_line_editor() {
	PTY_SHELL=$1 drive_pty "$T/pty" "$2" \
		"fu show ac" "fu show MU" "fu show 'se" "fu show cash" \
		"fu show sea"
	pty_line 1
	line_is 'fu show Acme '
	pty_line 2
	line_is 'fu show Müller\ GmbH '
	pty_line 3
	line_is "fu show 'Seán O'\\''Brien' "
	pty_line 4
	line_is 'fu show Cash\$Flow '
	pty_line 5
	line_is "fu show Seán\\ O\\'Brien "
}

# --- the user's data -----------------------------------------------------

t "the data the completions offer"
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02
ok add application Globex "Platform Engineer" --source board
ok add application Initech "Data Engineer" --applied 2026-10-01
ok close initech --outcome rejected
ok add application "Müller GmbH" "Data Engineer"
ok add application 'Cash$Flow' "Analyst"
ok add contact "Seán O'Brien" --company Globex
ok add contact "王小明" --company "Müller GmbH"
# a proposal of fu mail waiting (number 1), for fu mail accept
if [ -n "${FU_MAIL_READ:-}" ]; then
	printf 'From: Dana Reyes <dana@acme.example>\nTo: me@example.org\nSubject: Re: hi\nDate: Mon, 9 Nov 2026 08:00:00 +0100\nMessage-ID: <c1@acme.example>\n\nThanks!\n' |
		FU_LIBEXECDIR=$(dirname "$FU_MAIL_READ") "$FU" mail scan - >/dev/null 2>&1 ||
		echo "FAIL: fu mail scan - for the completion tests"
fi
FU_DB=$T/other.db "$FU" add contact "Olive Other" >/dev/null 2>&1 ||
	fail "cannot set up the other database"

# --- bash ----------------------------------------------------------------

if ! command -v bash >/dev/null 2>&1; then
	echo "SKIP: bash is not installed: its completion is not tested"
elif [ -z "$BASH_COMPLETION" ]; then
	echo "SKIP: bash-completion is not installed: bash completion is not tested"
else
	t "bash: the subcommands"
	bcomp ""
	got_all commands
	got_lacks __complete
	bcomp l
	got_is list log

	t "bash: each command's options"
	bcomp due --
	got_has --all --overdue --days --why --check --count --json --db
	bcomp add contact --
	got_has --company --title --email --prefers --no-calls --social-ok
	got_lacks --applied --source
	bcomp add application --
	got_has --contact --applied --source --no-follow-up --url
	bcomp add ""
	got_is contact application
	bcomp sync ""
	got_is init status key
	bcomp sync init --
	got_has --join --key --encrypt --no-encrypt --name
	got_lacks --offline
	bcomp sync status --
	got_has --offline
	bcomp --
	got_has --db --now --json --color --no-color --help --version

	t "bash: option values"
	bcomp log acme ""
	got_all kinds
	got_lacks closed
	bcomp log acme in
	got_is interview intro
	bcomp log acme to
	got_is topic
	bcomp close acme --outcome ""
	got_is accepted declined rejected withdrawn no-response filled
	bcomp close acme --outcome=re
	got_is rejected
	bcomp log acme sent --channel ""
	got_is email phone letter social in-person video
	bcomp add contact X --prefers ""
	got_is email phone letter social
	bcomp add application A R --source ""
	got_is board referral recruiter direct other
	bcomp log acme sent --action thank
	got_is thank-you
	bcomp draft acme ""
	got_all actions
	bcomp config rules.nudge.
	got_is rules.nudge.days rules.nudge.window-days
	bcomp config notify.via ""
	got_is desktop mail exec
	bcomp config user.employed ""
	got_is true false
	bcomp config user.name ""
	[ -s "$T/got" ] && fail "values offered for user.name: $(cat "$T/got")" || pass
	bcomp notify --via ""
	got_is desktop mail exec
	bcomp notify --via desktop,
	got_is desktop,mail desktop,exec
	bcomp config notify.via mail,exec,
	got_is mail,exec,desktop
	bcomp notify --
	got_has --dry-run --via --log --json
	bcomp rules ""
	got_all rules
	bcomp --color ""
	got_is auto always never
	bcomp report --
	got_has --since --until --week --rules --format --output --stats
	bcomp report --rules ""
	got_is wa ny ne nc de custom
	bcomp report --format ""
	got_is text csv pdf
	bcomp config report.rules ""
	got_is wa ny ne nc de custom
	bcomp help ""
	got_all commands

	t "bash: the user's applications and contacts, names quoted"
	bcomp show Da
	got_is 'Dana\ Reyes'
	bcomp show '"Da'
	got_is "Dana Reyes"
	bcomp show 'Dana\ R'
	got_is 'Dana\ Reyes'
	bcomp log acme sent --with ""
	got_has 'Dana\ Reyes' 1
	got_lacks Acme
	bcomp close ""
	got_has Acme Globex
	got_lacks 'Dana\ Reyes' Initech
	bcomp show ""
	got_has Acme Globex Initech 'Dana\ Reyes'
	bcomp log ""
	got_has Acme Globex 'Dana\ Reyes'
	bcomp edit acme --drop-contact D
	got_is 'Dana\ Reyes'
	bcomp draft acme --to D
	got_is 'Dana\ Reyes'
	bcomp draft acme --channel ""
	got_is email phone letter

	t "bash: names match as references do, quoted for the line"
	bcomp show ac
	got_is Acme
	bcomp show MÜ
	got_is 'Müller\ GmbH'
	bcomp show sean
	got_is "Seán\\ O\\'Brien"
	bcomp show "'se"
	got_is "Seán O'\\''Brien"
	bcomp show '"cash'
	got_is 'Cash\$Flow'
	bcomp show cash
	got_is 'Cash\$Flow'
	bcomp show 王
	got_is 王小明
	bcomp add contact X --company ac
	got_is Acme
	bcomp add contact X --company=m
	got_is 'Müller\ GmbH'
	bcomp close g
	got_is Globex
	bcomp import --separator ""
	got_is comma semicolon tab

	t "bash: fu mail's forms, options, values and proposal numbers"
	bcomp mail ""
	got_is list scan accept ignore
	bcomp mail scan --
	got_has --apply --json
	bcomp mail accept --
	got_has --all --on --as
	bcomp mail accept --as rej
	got_is rejection
	bcomp mail accept --on Da
	got_is 'Dana\ Reyes'
	bcomp mail accept ""
	got_is 1

	t "bash: --db on the line chooses the database read"
	bcomp --db "$T/other.db" show ""
	got_has 'Olive\ Other'
	got_lacks 'Dana\ Reyes'
	bcomp show --db="$T/other.db" O
	got_is 'Olive\ Other'

	t "bash: what readline makes of it"
	line_editor "bash --norc --noprofile -i" \
		". $BASH_COMPLETION; . $COMP/fu.bash; __d() { printf '%s\\n' \"\$READLINE_LINE\" >>$T/pty; READLINE_LINE=; }; bind -x '\"\\C-xd\": __d'"
	names_line_editor "bash --norc --noprofile -i" \
		". $BASH_COMPLETION; . $COMP/fu.bash; __d() { printf '%s\\n' \"\$READLINE_LINE\" >>$T/pty; READLINE_LINE=; }; bind -x '\"\\C-xd\": __d'"
fi

# --- zsh -----------------------------------------------------------------

if ! command -v zsh >/dev/null 2>&1; then
	echo "SKIP: zsh is not installed: its completion is not tested"
else
	t "zsh: completing in an interactive zsh"
	zcomp "fu " "fu l" "fu due --" "fu add contact --" "fu add " \
		"fu log acme " "fu close acme --outcome " \
		"fu close acme --outcome=re" "fu show Dan" 'fu show "Dan' \
		"fu log acme sent --with " "fu close " \
		"fu --db $T/other.db show " "FU_DB=$T/other.db fu show " \
		"fu log acme sent --channel " "fu config rules.nudge." \
		"fu rules " "fu --color " "fu edit dana --prefers " \
		"fu draft acme --to Dan" "fu draft acme --channel " "fu show " \
		"fu report --rules " "fu report --format " \
		"fu config report.rules " \
		"fu notify --via " "fu config notify.via " "fu config user.employed " \
		"fu notify --via desktop," \
		"fu show ac" "fu show MU" "fu show 'se" "fu show cash" \
		"fu show sea" "fu add contact X --company ac" "fu show 王" \
		"fu import --separator " "fu sync " "fu sync init --"
	if [ "$(grep -c '^=== ' "$T/zout")" -ne 39 ]; then
		fail "zsh did not complete every line"
		sed 's/^/  zsh: /' "$T/zout" | tail -20
	fi

	t "zsh: the subcommands"
	zpick 1
	got_all commands
	got_lacks __complete
	zpick 2
	got_is list log
	line_is "fu l"

	t "zsh: each command's options"
	zpick 3
	got_has --all --overdue --days --why --check --count --json --db
	zpick 4
	got_has --company --title --email --prefers --no-calls --social-ok
	got_lacks --applied --source
	zpick 5
	got_is contact application

	t "zsh: option values"
	zpick 6
	got_all kinds
	got_lacks closed
	zpick 7
	got_is accepted declined rejected withdrawn no-response filled
	zpick 8
	got_is rejected
	line_is "fu close acme --outcome=rejected "
	zpick 15
	got_is email phone letter social in-person video
	zpick 16
	got_is rules.nudge.days rules.nudge.window-days
	zpick 17
	got_all rules
	zpick 18
	got_is auto always never
	zpick 19
	got_is email phone letter social none
	zpick 23
	got_is wa ny ne nc de custom
	zpick 24
	got_is text csv pdf
	zpick 25
	got_is wa ny ne nc de custom
	zpick 26
	got_is desktop mail exec
	zpick 27
	got_is desktop mail exec
	zpick 28
	got_is true false
	zpick 29
	got_is desktop,mail desktop,exec

	t "zsh: the user's applications and contacts, names quoted"
	zpick 9
	got_is "Dana Reyes"
	line_is 'fu show Dana\ Reyes '
	zpick 10
	line_is 'fu show "Dana Reyes" '
	zpick 11
	got_has "Dana Reyes" 1
	got_lacks Acme
	zpick 12
	got_has Acme Globex
	got_lacks "Dana Reyes" Initech
	zpick 22
	got_has Acme Globex Initech "Dana Reyes"
	zpick 20
	line_is 'fu draft acme --to Dana\ Reyes '
	zpick 21
	got_is email phone letter

	t "zsh: names match as references do, quoted for the line"
	zpick 30
	got_is Acme
	line_is 'fu show Acme '
	zpick 31
	got_is "Müller GmbH"
	line_is 'fu show Müller\ GmbH '
	zpick 32
	got_is "Seán O'Brien"
	line_is "fu show 'Seán O'\\''Brien' "
	zpick 33
	got_is 'Cash$Flow'
	line_is 'fu show Cash\$Flow '
	zpick 34
	line_is "fu show Seán\\ O\\'Brien "
	zpick 35
	got_is Acme
	line_is 'fu add contact X --company Acme '
	zpick 36
	line_is 'fu show 王小明 '
	zpick 37
	got_is comma semicolon tab

	t "zsh: a description beside each candidate"
	for want in "1  -- Dana Reyes, Acme" "2  -- Acme, Backend Engineer" \
		"Dana Reyes  -- Acme" "Acme  -- 2 Backend Engineer" \
		"Seán O'Brien  -- Globex" "王小明  -- Müller GmbH" \
		"due  -- what to do, most urgent first"; do
		if grep -qxF -- "$want" "$T/zout.d"; then pass; else
			fail "zsh shows no '$want'"
		fi
	done

	t "zsh: fu sync's forms and options"
	zpick 38
	got_is init status key
	zpick 39
	got_has --join --key --encrypt --no-encrypt --name

	t "zsh: --db or FU_DB on the line chooses the database read"
	zpick 13
	got_has "Olive Other"
	got_lacks "Dana Reyes"
	zpick 14
	got_has "Olive Other"
	got_lacks "Dana Reyes"

	t "zsh: fu mail's forms, options, values and proposal numbers"
	zcomp "fu mail " "fu mail accept --" "fu mail accept --as rej" \
		"fu mail ignore "
	zpick 1
	got_is list scan accept ignore
	zpick 2
	got_has --all --on --as
	zpick 3
	got_is rejection
	zpick 4
	got_is 1
fi

# --- fish ----------------------------------------------------------------

if ! command -v fish >/dev/null 2>&1; then
	echo "SKIP: fish is not installed: its completion is not tested"
else
	t "fish: the subcommands"
	fcomp "fu "
	got_all commands
	got_lacks __complete
	fcomp "fu l"
	got_is list log

	t "fish: each command's options"
	fcomp "fu due --"
	got_has --all --overdue --days --why --check --count --json --db
	fcomp "fu add contact --"
	got_has --company --title --email --prefers --no-calls --social-ok
	got_lacks --applied --source
	fcomp "fu add application --"
	got_has --contact --applied --source --no-follow-up --url
	fcomp "fu add "
	got_is contact application
	fcomp "fu sync "
	got_is init status key
	fcomp "fu sync init --"
	got_has --join --key --encrypt --no-encrypt --name

	t "fish: option values"
	fcomp "fu log acme "
	got_all kinds
	got_lacks closed
	fcomp "fu close acme --outcome "
	got_is accepted declined rejected withdrawn no-response filled
	fcomp "fu close acme --outcome=re"
	got_is --outcome=rejected
	fcomp "fu log acme sent --channel "
	got_is email phone letter social in-person video
	fcomp "fu log acme sent --action thank"
	got_is thank-you
	fcomp "fu config rules.nudge."
	got_is rules.nudge.days rules.nudge.window-days
	fcomp "fu config notify.via "
	got_is desktop mail exec
	fcomp "fu config user.employed "
	got_is true false
	fcomp "fu notify --via "
	got_is desktop mail exec
	fcomp "fu notify --via desktop,"
	got_is desktop,mail desktop,exec
	fcomp "fu config notify.via mail,exec,"
	got_is mail,exec,desktop
	fcomp "fu rules "
	got_all rules
	fcomp "fu --color "
	got_is auto always never
	fcomp "fu report --rules "
	got_is wa ny ne nc de custom
	fcomp "fu report --format "
	got_is text csv pdf
	fcomp "fu config report.rules "
	got_is wa ny ne nc de custom

	t "fish: the user's applications and contacts"
	fcomp "fu show Da"
	got_is "Dana Reyes"
	fcomp "fu log acme sent --with "
	got_has "Dana Reyes" 1
	got_lacks Acme
	fcomp "fu close "
	got_has Acme Globex
	got_lacks "Dana Reyes" Initech
	fcomp "fu show "
	got_has Acme Globex Initech "Dana Reyes"
	fcomp "fu draft acme --to D"
	got_is "Dana Reyes"
	fcomp "fu draft acme --channel "
	got_is email phone letter

	t "fish: names match as references do (case aside), described"
	fcomp "fu show ac"
	got_is Acme
	fcomp "fu add contact X --company ac"
	got_is Acme
	fcomp "fu show cash"
	got_is 'Cash$Flow'
	fcomp "fu import --separator "
	got_is comma semicolon tab
	fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
		"$COMP/fu.fish" "fu show " >"$T/got" 2>"$T/err"
	got_has "$(printf '1\tDana Reyes, Acme')" \
		"$(printf 'Dana Reyes\tAcme')" \
		"$(printf 'Acme\t2 Backend Engineer')" \
		"$(printf '王小明\tMüller GmbH')"

	t "fish: fu mail's forms, options, values and proposal numbers"
	fcomp "fu mail "
	got_is list scan accept ignore
	fcomp "fu mail scan --"
	got_has --apply --json
	fcomp "fu mail accept --"
	got_has --all --on --as
	fcomp "fu mail accept --as rej"
	got_is rejection
	fcomp "fu mail ignore "
	got_is 1

	t "fish: --db or FU_DB on the line chooses the database read"
	fcomp "fu --db $T/other.db show "
	got_has "Olive Other"
	got_lacks "Dana Reyes"
	fcomp "FU_DB=$T/other.db fu show "
	got_has "Olive Other"
	got_lacks "Dana Reyes"

	t "fish: what its line editor makes of it"
	line_editor "fish --no-config -i" \
		"source $COMP/fu.fish; function __d; commandline >>$T/pty; commandline ''; end; bind \\cxd __d"
fi

# --- installed: each shell finds its file for the prefix -----------------

BUILD=$(dirname "$FU")
if ! command -v cmake >/dev/null 2>&1 || [ ! -f "$BUILD/cmake_install.cmake" ]; then
	echo "SKIP: $FU is not in a CMake build tree: the install is not tested"
else
	t "cmake --install into a prefix: the completions where the shells look"
	P=$T/prefix
	if cmake --install "$BUILD" --prefix "$P" >"$T/install.log" 2>&1; then
		pass
	else
		fail "cmake --install exited $?"; tail -5 "$T/install.log"
	fi
	for f in share/bash-completion/completions/fu \
		share/zsh/site-functions/_fu share/fish/vendor_completions.d/fu.fish
	do
		if [ -f "$P/$f" ]; then pass; else fail "no $f in the prefix"; fi
	done
	# for the README's own command (prefix /usr/local): zsh and fish
	# read those places with no setting at all
	rm -rf "$T/dest"
	DESTDIR=$T/dest cmake --install "$BUILD" --prefix /usr/local \
		>"$T/install.log" 2>&1 || fail "cmake --install with DESTDIR failed"
	for f in usr/local/share/bash-completion/completions/fu \
		usr/local/share/zsh/site-functions/_fu etc/fish/completions/fu.fish
	do
		if [ -f "$T/dest/$f" ]; then pass; else fail "no /$f for /usr/local"; fi
	done
	if command -v zsh >/dev/null 2>&1; then
		zsh -f -c 'print -l $fpath' >"$T/got"
		got_has /usr/local/share/zsh/site-functions
	fi
	if command -v fish >/dev/null 2>&1; then
		env -u XDG_DATA_DIRS fish -c \
			'printf "%s\n" $fish_complete_path' >"$T/got" 2>/dev/null
		got_has /etc/fish/completions
	fi

	t "installed: bash-completion finds it where XDG_DATA_DIRS names PREFIX/share"
	if [ -n "$BASH_COMPLETION" ]; then
		PATH=$P/bin:$PATH XDG_DATA_DIRS=$P/share PTY_SHELL="bash --norc --noprofile -i" \
			drive_pty "$T/pty" \
			". $BASH_COMPLETION; __d() { printf '%s\\n' \"\$READLINE_LINE\" >>$T/pty; READLINE_LINE=; }; bind -x '\"\\C-xd\": __d'" \
			"fu show da" "fu show 'se"
		pty_line 1
		line_is 'fu show Dana\ Reyes '
		pty_line 2
		line_is "fu show 'Seán O'\\''Brien' "
	fi

	t "installed: zsh finds _fu in PREFIX/share/zsh/site-functions"
	if command -v zsh >/dev/null 2>&1; then
		COMP=$P/share/zsh/site-functions PATH=$P/bin:$PATH zcomp \
			"fu show da" "fu show mü"
		zpick 1
		line_is 'fu show Dana\ Reyes '
		zpick 2
		line_is 'fu show Müller\ GmbH '
	fi

	t "installed: fish finds fu.fish where XDG_DATA_DIRS names PREFIX/share"
	if command -v fish >/dev/null 2>&1; then
		PATH=$P/bin:$PATH XDG_DATA_DIRS=$P/share fish -c \
			'complete -C "fu show da"' 2>"$T/err" | cut -f1 >"$T/got"
		got_is "Dana Reyes"
	fi
fi

t "fu ran cleanly under every completion"
if [ -s "$T/wrap-errors" ]; then
	fail "$(head -5 "$T/wrap-errors")"
else pass; fi

finish
