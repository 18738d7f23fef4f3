#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""notify_server.py - a freedesktop notification server of the tests' own
(t_notify_desktop): it owns org.freedesktop.Notifications on the session
bus, writes each Notify call to RECORD as one JSON line, and does what it
is told with it.

    notify_server.py RECORD [--caps CAP,CAP...] [--click] [--close]

--caps      the capabilities GetCapabilities answers (default:
            actions,body,body-markup)
--click     a moment after each Notify that offered the default action,
            emit ActionInvoked(id, "default")
--close     a moment after each Notify, emit NotificationClosed(id, 2)

Once it owns the name it writes "ready" to RECORD.ready. Debian's
python3-dbus and python3-gi: run it with /usr/bin/python3.
"""

import argparse
import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

IFACE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Server(dbus.service.Object):
    def __init__(self, bus, args):
        super().__init__(bus, PATH)
        self.args = args
        self.next_id = 1

    @dbus.service.method(IFACE, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return [c for c in self.args.caps.split(",") if c]

    @dbus.service.method(IFACE, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("fu-test", "fu", "1", "1.2")

    @dbus.service.method(IFACE, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
        nid = self.next_id
        self.next_id += 1
        rec = {
            "id": nid, "app": str(app), "replaces": int(replaces),
            "icon": str(icon), "summary": str(summary), "body": str(body),
            "actions": [str(a) for a in actions],
            "hints": {str(k): int(v) if isinstance(v, (dbus.Byte, int)) else str(v)
                      for k, v in hints.items()},
            "timeout": int(timeout),
        }
        with open(self.args.record, "a", encoding="utf-8") as f:
            f.write(json.dumps(rec) + "\n")
        if self.args.click and "default" in rec["actions"][::2]:
            GLib.timeout_add(200, self.click, nid)
        if self.args.close:
            GLib.timeout_add(200, self.close, nid)
        return nid

    @dbus.service.method(IFACE, in_signature="u", out_signature="")
    def CloseNotification(self, nid):
        with open(self.args.record + ".closed", "a") as f:
            f.write(f"{int(nid)}\n")

    @dbus.service.signal(IFACE, signature="us")
    def ActionInvoked(self, nid, key):
        pass

    @dbus.service.signal(IFACE, signature="uu")
    def NotificationClosed(self, nid, reason):
        pass

    def click(self, nid):
        self.ActionInvoked(nid, "default")
        return False

    def close(self, nid):
        self.NotificationClosed(nid, 2)
        return False


def main():
    p = argparse.ArgumentParser()
    p.add_argument("record")
    p.add_argument("--caps", default="actions,body,body-markup")
    p.add_argument("--click", action="store_true")
    p.add_argument("--close", action="store_true")
    args = p.parse_args()
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(IFACE, bus, do_not_queue=True)
    server = Server(bus, args)
    with open(args.record + ".ready", "w") as f:
        f.write("ready\n")
    loop = GLib.MainLoop()
    # the bus going away ends the test's session: so does the server
    bus.call_on_disconnection(lambda _: loop.quit())
    loop.run()
    del name, server
    return 0


if __name__ == "__main__":
    sys.exit(main())
