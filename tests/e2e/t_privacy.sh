#!/bin/sh
# SPDX-License-Identifier: MIT
# t_privacy - every file fu writes is readable by its owner only (0600),
# every directory it creates is 0700, whatever the umask: the database,
# its journal, backups, and drafts written as .eml files.
. "$FU_TESTS/e2e/lib.sh"

umask 022

# is_mode WANT PATH
is_mode() {
	if [ ! -e "$2" ]; then
		fail "$2 was not created"
	elif [ "$(mode "$2")" = "$1" ]; then
		pass
	else
		fail "$2 is $(mode "$2"), wanted $1"
	fi
}

t "a new database under missing directories: file 0600, directories 0700"
export FU_DB="$T/data/deep/fu.db"
ok add contact "Dana Reyes" --company Acme
is_mode 600 "$FU_DB"
is_mode 700 "$T/data/deep"
is_mode 700 "$T/data"

t "the default place: ~/.local/share/fu/fu.db, each new directory 0700"
unset FU_DB
ok add contact "Dana Reyes"
is_mode 600 "$HOME/.local/share/fu/fu.db"
is_mode 700 "$HOME/.local/share/fu"
is_mode 700 "$HOME/.local/share"
is_mode 700 "$HOME/.local"

t "under XDG_DATA_HOME"
export XDG_DATA_HOME="$T/xdg"
ok add contact "Dana Reyes"
is_mode 600 "$T/xdg/fu/fu.db"
is_mode 700 "$T/xdg/fu"
unset XDG_DATA_HOME

export FU_DB="$T/fu.db"
ok add contact "Dana Reyes" --company Acme --email dana@acme.example
ok add application Acme "Backend Engineer" --contact dana --applied 2026-11-02

t "an existing database others can read is made private when fu opens it"
chmod 644 "$FU_DB"
ok list
is_mode 600 "$FU_DB"

t "the rollback journal of an interrupted write is 0600 too"
# kill a long write until it leaves its journal behind
people=""
i=0
while [ "$i" -lt 60 ]; do
	people="$people --contact Person$i"
	i=$((i + 1))
done
tries=0
while [ ! -e "$FU_DB-journal" ] && [ "$tries" -lt 100 ]; do
	tries=$((tries + 1))
	ms=$(( $(od -An -N1 -tu1 /dev/urandom) % 60 + 1 ))
	# shellcheck disable=SC2086
	timeout -s KILL "0.0$(printf %02d "$ms")" "$FU" add application Initech \
		"Platform Engineer" $people >/dev/null 2>&1 </dev/null
done
if [ -e "$FU_DB-journal" ]; then
	is_mode 600 "$FU_DB-journal"
	ok list # recovers
else
	echo "  (no kill in $tries left a journal: journal mode not checked)"
fi
for f in "$FU_DB"-*; do
	[ -e "$f" ] && is_mode 600 "$f"
done
# fu keeps the rollback journal, so -wal and -shm never appear; were
# WAL ever used, they would copy the database file's mode (checked above)
[ "$(sqlite3 "$FU_DB" 'PRAGMA journal_mode')" = delete ] && pass ||
	fail "journal mode is $(sqlite3 "$FU_DB" 'PRAGMA journal_mode')"

t "fu backup FILE: 0600, no temporary file left"
ok backup "$T/backup.db"
is_mode 600 "$T/backup.db"
ls "$T" | grep -q 'backup.db.tmp' && fail "a temporary file was left" || pass

t "fu backup --force over a file others could read: 0600"
echo old >"$T/shared.db"
chmod 644 "$T/shared.db"
ok backup "$T/shared.db" --force
is_mode 600 "$T/shared.db"

t "fu draft --eml FILE: 0600 (when this fu drafts)"
if "$FU" help draft >/dev/null 2>&1; then
	ok config user.name "Alex Morgan"
	ok config user.email alex@example.org
	ok config user.phone "+49 30 1234567"
	run draft acme --eml "$T/draft.eml"
	if [ "$code" -eq 0 ]; then
		pass
		is_mode 600 "$T/draft.eml"
	else
		fail "fu draft acme --eml exited $code"
	fi
else
	echo "  (this fu has no draft command: .eml files not checked)"
fi

t "nothing fu made is readable by others"
find "$T" -newer "$T/home" \( -type f -o -type d \) -perm /077 \
	! -name 'out' ! -name 'err' ! -name 'before' ! -name 'after' \
	! -name 'want' ! -name 'open' ! -path "$T" ! -path "$T/home" \
	>"$T/open" 2>/dev/null
if [ -s "$T/open" ]; then
	fail "readable by others: $(head -3 "$T/open")"
else
	pass
fi

finish
