#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Extract the TLS records of a capture from tshark PDML, per TCP stream and
direction, for one dissector prefix ("tlsi" or "tls").

Usage: records.py PREFIX < pdml   -> JSON {"stream/srcport": [[type, version, length], ...]}

The built-in dissector calls the outer type of a TLS 1.3 protected record
"opaque_type"; tlsi calls it content_type: both are read as the record type.
"""
import json
import sys
import xml.etree.ElementTree as ET


def field_value(field):
    show = field.get("show")
    value = field.get("value")
    if value is not None and value != "":
        return int(value, 16)
    return int(show, 0)


def main():
    prefix = sys.argv[1]
    out = {}
    for _, packet in ET.iterparse(sys.stdin.buffer, events=("end",)):
        if packet.tag != "packet":
            continue
        stream = sport = None
        recs = []
        for proto in packet.iter("proto"):
            name = proto.get("name")
            if name == "tcp":
                for f in proto.iter("field"):
                    if f.get("name") == "tcp.stream":
                        stream = f.get("show")
                    elif f.get("name") == "tcp.srcport":
                        sport = f.get("show")
            elif name == prefix:
                for rec in proto.iter("field"):
                    if rec.get("name") != prefix + ".record":
                        continue
                    vals = {}
                    for f in rec:
                        n = f.get("name", "")
                        if n in (prefix + ".record.content_type", prefix + ".record.opaque_type"):
                            vals.setdefault("type", field_value(f))
                        elif n == prefix + ".record.version":
                            vals["version"] = field_value(f)
                        elif n == prefix + ".record.length":
                            vals["length"] = field_value(f)
                    recs.append([vals.get("type"), vals.get("version"), vals.get("length")])
        if recs:
            out.setdefault("%s/%s" % (stream, sport), []).extend(recs)
        packet.clear()
    json.dump(out, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
