#!/bin/sh
# SPDX-License-Identifier: MIT
# t_tangled - a six-week job hunt, tangled as real ones are, followed
# day by day by a user who does everything fu due says (tangled.py says
# what is checked at every step).
. "$FU_TESTS/e2e/lib.sh"
if ! "$PY3" -c 'import zoneinfo; zoneinfo.ZoneInfo("America/New_York")' 2>/dev/null; then
	echo "t_tangled: needs python3 with zoneinfo and tzdata" >&2
	exit 1
fi
"$PY3" "$FU_TESTS/e2e/tangled.py"
