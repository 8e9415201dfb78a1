#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Counts for the statistics test, in one JSON shape from two sources.

  stats_counts.py pdml < pdml-of-the-built-in-tls-dissector
  stats_counts.py tree < output-of-tshark-q-z-tlsi,tree

Shape: {"outer": {type: n}, "effective": {type: n}, "handshake": {type: n},
        "alerts": {desc: n}, "suites": {hex: n}, "versions": {hex: n},
        "appdata_streams": n, "tls_streams": n, "tree": {...}}
Keys are the numeric values as strings (suites and versions: 4 hex digits). From PDML, per record of the built-in
dissector: the outer type is "opaque_type" when present (TLS 1.3 protected
records), else "content_type"; the effective type is "content_type" when
present (the inner type once decrypted), else the outer type. Handshake
message types and alert descriptions are every such field under a record.
"appdata_streams" counts TCP streams holding a record whose outer type is
application data (a connection that reached encrypted records),
"tls_streams" those holding any record. Suites and versions are those of the
first ServerHello of each stream (supported_versions when present).

From the stats tree, the nodes are read by indentation, and the number in
"Name (N)" is the key; "tree" keeps every node as "parent/child" -> count.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET


def field_value(field):
    # "show", not "value": the built-in's generated inner content type of a
    # TLS 1.3 record has show="22" over the outer byte, value="17".
    try:
        return int(field.get("show"), 0)
    except (TypeError, ValueError):
        return int(field.get("value"), 16)


def bump(d, key, n=1):
    d[str(key)] = d.get(str(key), 0) + n


def from_pdml():
    out = {"outer": {}, "effective": {}, "handshake": {}, "alerts": {}, "suites": {},
           "versions": {}}
    streams, tls_streams, hello_streams = set(), set(), set()
    for _, packet in ET.iterparse(sys.stdin.buffer, events=("end",)):
        if packet.tag != "packet":
            continue
        stream = None
        for proto in packet.iter("proto"):
            if proto.get("name") == "tcp":
                for f in proto.iter("field"):
                    if f.get("name") == "tcp.stream":
                        stream = f.get("show")
            if proto.get("name") != "tls":
                continue
            for rec in proto.iter("field"):
                if rec.get("name") != "tls.record":
                    continue
                ct = ot = None
                for f in rec:
                    if f.get("name") == "tls.record.content_type":
                        ct = field_value(f)
                    elif f.get("name") == "tls.record.opaque_type":
                        ot = field_value(f)
                outer = ot if ot is not None else ct
                if outer is None and any(f.get("name") == "tls.record.version"
                                         and field_value(f) == 2 for f in rec):
                    # The built-in's SSLv2 record (version SSL 2.0, no content
                    # type): tlsi's statistics name it as below.
                    tls_streams.add(stream)
                    bump(out["outer"], "SSLv2 Client Hello")
                    bump(out["effective"], "SSLv2 Client Hello")
                    bump(out["handshake"], "Client Hello (SSLv2)")
                    continue
                if outer is None:
                    continue
                tls_streams.add(stream)
                bump(out["outer"], outer)
                bump(out["effective"], ct if ct is not None else outer)
                if outer == 23:
                    streams.add(stream)
                for f in rec.iter("field"):
                    if f.get("name") == "tls.handshake.type":
                        bump(out["handshake"], field_value(f))
                    elif f.get("name") == "tls.alert_message.desc":
                        bump(out["alerts"], field_value(f))
                for hs in rec.iter("field"):
                    if hs.get("name") != "tls.handshake" or stream in hello_streams:
                        continue
                    vals = {f.get("name"): f for f in hs.iter("field")}
                    t = vals.get("tls.handshake.type")
                    if t is None or field_value(t) != 2:
                        continue
                    # The first ServerHello of a connection (a HelloRetryRequest
                    # names the same suite and version as the ServerHello after it).
                    hello_streams.add(stream)
                    bump(out["suites"], "%04x" % field_value(vals["tls.handshake.ciphersuite"]))
                    sv = vals.get("tls.handshake.extensions.supported_version")
                    ver = sv if sv is not None else vals["tls.handshake.version"]
                    bump(out["versions"], "%04x" % field_value(ver))
        packet.clear()
    out["appdata_streams"] = len(streams)
    out["tls_streams"] = len(tls_streams)
    return out


SECTIONS = {
    "Records by content type (header)": "outer",
    "Records by effective type (inner type when decrypted)": "effective",
    "Handshake messages": "handshake",
    "Alerts": "alerts",
}


def from_tree():
    out = {"outer": {}, "effective": {}, "handshake": {}, "alerts": {}, "suites": {},
           "versions": {}, "tree": {}}
    state = "before"  # before the header, "header" until its rule, "body" until the next
    path = []
    for line in sys.stdin:
        line = line.rstrip("\n")
        rule = re.fullmatch(r"-+", line) is not None
        if state == "before":
            if line.startswith("Topic / Item"):
                state = "header"
            continue
        if state == "header":
            if rule:
                state = "body"
            continue
        if rule:
            break
        m = re.match(r"^( *)(\S.*?)\s{2,}(\d+)(\s|$)", line)
        if not m:
            continue
        depth, name, count = len(m.group(1)), m.group(2), int(m.group(3))
        path = path[:depth] + [name]
        out["tree"]["/".join(path)] = count
        if depth == 1 and path[0] in SECTIONS and count:
            num = re.search(r"\((\d+)\)$", name)
            out[SECTIONS[path[0]]][num.group(1) if num else name] = count
        if depth == 2 and path[:2] in (["Connections", "Cipher suites chosen"],
                                       ["Connections", "Negotiated versions"]) and count:
            num = re.search(r"\(0x([0-9a-f]{4})\)$", name)
            key = "suites" if path[1].startswith("Cipher") else "versions"
            out[key][num.group(1) if num else name] = count
    return out


def main():
    mode = sys.argv[1]
    out = from_pdml() if mode == "pdml" else from_tree()
    json.dump(out, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
