#!/bin/sh
# SPDX-License-Identifier: MIT
# t_sync_ssh - fu sync through a remote over ssh, as a user has one on a
# forge or a NAS ("git@forge:me/hunt.git"): an sshd of the test's own on
# 127.0.0.1 (a free port, its own host key, a key for the user in the
# test's HOME, nothing of the machine's), a bare repository behind it.
# The remote is not a local path, so the hunt is sealed by default; the
# laptop starts it, the desktop joins with the key, both work, and after
# fu sync on each both hold the same hunt; the repository holds none of
# the names. An unreachable host is exit 9 with one line.
#
# Exit 77 (skipped) when sshd, ssh, git or age cannot run here.
. "$FU_TESTS/e2e/lib.sh"

SSHD=/usr/sbin/sshd
for tool in "$SSHD" ssh ssh-keygen git age age-keygen; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: $tool is not installed (scripts/deps installs it)"
		exit 77
	fi
done

S="$T/sshd"
mkdir -p "$S" "$HOME/.ssh"
chmod 700 "$HOME/.ssh"
ssh-keygen -q -t ed25519 -N '' -f "$S/host_key" >/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$HOME/.ssh/id_ed25519" >/dev/null
cp "$HOME/.ssh/id_ed25519.pub" "$S/authorized_keys"
chmod 600 "$S/authorized_keys"
port=$("$PY3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$S/config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $S/host_key
PidFile $S/pid
AuthorizedKeysFile $S/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
UseDNS no
EOF
# sshd started by root wants its privilege-separation directory
[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd
"$SSHD" -f "$S/config" -D -e 2>"$S/log" &
sshd_pid=$!
trap 'ssh -F "$HOME/.ssh/config" -O exit forge 2>/dev/null; kill "$sshd_pid" 2>/dev/null; rm -rf "$T"' EXIT
printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$S/host_key.pub")" \
	>"$HOME/.ssh/known_hosts"
cat >"$HOME/.ssh/config" <<EOF
Host forge
	HostName 127.0.0.1
	Port $port
	User $(id -un)
	IdentityFile $HOME/.ssh/id_ed25519
	UserKnownHostsFile $HOME/.ssh/known_hosts
	StrictHostKeyChecking yes
	BatchMode yes
	GSSAPIAuthentication no
	# one connection for all of git's (as many users have it): each
	# new one costs about a second on a loaded test machine
	ControlMaster auto
	ControlPath $S/cm-%C
	ControlPersist 60
EOF
chmod 600 "$HOME/.ssh/config"
# ssh reads the home of the password database, not $HOME: the test's
# configuration is given to git as a user with one elsewhere gives it
export GIT_SSH_COMMAND="ssh -F $HOME/.ssh/config"
up=0
for _ in $(seq 50); do
	if $GIT_SSH_COMMAND forge true 2>/dev/null; then up=1; break; fi
	sleep 0.1
done
if [ "$up" -ne 1 ]; then
	echo "SKIP: the test's sshd did not answer: $(tail -3 "$S/log") $($GIT_SSH_COMMAND -v forge true 2>&1 | tail -3)"
	exit 77
fi

R="$T/srv/hunt.git"
mkdir -p "$T/srv" "$T/laptop" "$T/desktop"
git init -q --bare "$R"
L="$T/laptop/fu.db"
D="$T/desktop/fu.db"

t "fu sync init on a remote over ssh seals the hunt without being asked"
FU_DB=$L ok add contact "Xenia Quatermain" --company "Yellowhammer Labs"
FU_DB=$L ok add application "Yellowhammer Labs" "Platform Engineer" --contact xenia
FU_DB=$L ok sync init "forge:$R" --name laptop
FU_DB=$L ok sync status --offline --json
json 'd["encrypted"] is True and d["remote"] == "forge:'"$R"'"'
FU_DB=$L ok sync key
key=$(cat "$T/out")
case $key in AGE-SECRET-KEY-1*) pass ;; *) fail "not a key: $key" ;; esac

t "the desktop joins with the key and holds the hunt"
printf '%s\n' "$key" | FU_DB=$D "$FU" sync init --join "forge:$R" --key - \
	--name desktop >"$T/out" 2>"$T/err"
if [ $? -eq 0 ]; then pass; else fail "joining over ssh failed"; fi
FU_DB=$D ok list --json
json 'len(d) == 1 and d[0]["role"] == "Platform Engineer"'

t "both work, fu sync on each, the same hunt"
FU_NOW="2026-11-10 10:00" FU_DB=$D ok log yellowhammer reply --note "Zanzibar call"
FU_NOW="2026-11-10 11:00" FU_DB=$L ok add contact "Wilhelmina Vortigern" --company "Yellowhammer Labs"
FU_DB=$D ok sync
FU_DB=$L ok sync
FU_DB=$D ok sync
logical "$L" >"$T/x.laptop"
logical "$D" >"$T/x.desktop"
if cmp -s "$T/x.laptop" "$T/x.desktop"; then pass; else
	fail "the machines differ: $(diff "$T/x.laptop" "$T/x.desktop" | head -5)"; fi
grep -q "Zanzibar call" "$T/x.laptop" && pass || fail "the desktop's reply is not on the laptop"
grep -q "Wilhelmina" "$T/x.desktop" && pass || fail "the laptop's contact is not on the desktop"

t "the repository on the server holds none of the names"
if grep -rqa -e Xenia -e Yellowhammer -e Zanzibar -e Wilhelmina "$R"; then
	fail "a name is on the server"; else pass; fi
git clone -q "$R" "$T/peek" 2>/dev/null
ls "$T"/peek/devices/*/*.age >/dev/null 2>&1 && pass || fail "no sealed file"
if grep -rqa -e Xenia -e Yellowhammer -e Zanzibar -e Wilhelmina "$T/peek" --exclude-dir=.git
then fail "a name is in the files"; else pass; fi

t "the server gone: one line, exit 9, the records as they were"
kill "$sshd_pid"
wait "$sshd_pid" 2>/dev/null
$GIT_SSH_COMMAND -O exit forge 2>/dev/null
FU_DB=$L ok add contact "Valentin Underhill"
FU_DB=$L "$FU" export >"$T/before.json"
FU_DB=$L run sync
if [ "$code" -eq 9 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^fu: ' "$T/err"
then pass; else fail "exit $code: $(cat "$T/err")"; fi
FU_DB=$L "$FU" export >"$T/after.json"
if cmp -s "$T/before.json" "$T/after.json"; then pass; else fail "the records changed"; fi
FU_DB=$L ok sync status --offline --json
json 'd["changes_waiting"] + d["files_unpushed"] >= 1'

finish
