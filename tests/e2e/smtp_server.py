#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""smtp_server.py - an SMTP server of the tests' own (t_notify_mail), on
127.0.0.1 at a port the system picks: each message it accepts is saved
as DIR/N.eml (the bytes as received), with DIR/N.env holding the
envelope (MAIL FROM, then each RCPT TO, a line each).

    smtp_server.py DIR [--reject]

--reject    refuse every recipient (550)

When it listens it writes its port to DIR/port. Debian's
python3-aiosmtpd: run it with /usr/bin/python3.
"""

import argparse
import asyncio
import os
import sys

from aiosmtpd.smtp import SMTP


class Saver:
    def __init__(self, directory, reject):
        self.dir = directory
        self.reject = reject
        self.n = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        base = os.path.join(self.dir, str(self.n))
        with open(base + ".env.tmp", "w") as f:
            f.write("\n".join([envelope.mail_from] + envelope.rcpt_tos) + "\n")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(base + ".env.tmp", base + ".env")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 Message accepted for delivery"


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--reject", action="store_true")
    args = p.parse_args()
    handler = Saver(args.dir, args.reject)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="fu-test", enable_SMTPUTF8=True),
        host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    with open(os.path.join(args.dir, "port.tmp"), "w") as f:
        f.write(f"{port}\n")
    os.rename(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
