#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Decrypted application data per TCP stream and direction, from tshark output.

  plaintext.py builtin SERVER_PORT < out  -> JSON
      "out" is the output of the built-in TLS dissector run with
      -T fields -e tcp.stream -e http.request -e http.response
      -z follow,tls,raw,N (one or more streams). The field lines come first,
      then one follow block per stream.
  plaintext.py tlsi SERVER_PORT < out     -> JSON
      "out" is tlsi run with -T fields -E occurrence=a -E aggregator=$'\x1f'
      -e tcp.stream -e tcp.srcport -e http.request -e http.response
      -e tlsi.app_data -e tlsi.decryption.key_source (further columns are
      ignored; tests/lib/decrypt.sh runs it so)
  plaintext.py compare NAME A.json B.json [--a-may-extend]
      Compares the plaintext of A (tlsi) with B (built-in) and prints
      "NAME: N bytes client, M bytes server, identical", or every differing
      stream direction with the first differing offset (exit status 1).
      With --a-may-extend, B only needs to be a prefix of A per direction.
  plaintext.py expect NAME A.json DIR HEX
      Checks that the concatenated plaintext of direction DIR ("client" or
      "server") over all streams of A is exactly HEX.

JSON: {"plain": {"STREAM/client": hex, "STREAM/server": hex},
       "http": [requests, responses], "key_sources": [distinct values],
       "streams": [stream numbers]}
Requests/responses count frames with the field, as -Y http.request would.
"""
import json
import re
import sys


SEP = "\x1f"  # the -E aggregator between occurrences of a field


def direction(port, server_port):
    return "server" if port == server_port else "client"


def parse_builtin(lines, server_port):
    plain, streams = {}, set()
    http = [0, 0]
    i = 0
    # Field lines, up to the first follow block.
    while i < len(lines) and not lines[i].startswith("====="):
        cols = lines[i].rstrip("\n").split("\t")
        if cols[0] != "":
            streams.add(int(cols[0]))
        if len(cols) > 1 and cols[1] != "":
            http[0] += 1
        if len(cols) > 2 and cols[2] != "":
            http[1] += 1
        i += 1
    # Follow blocks: "Filter: tcp.stream eq N", "Node 0: ADDR:PORT"; data lines
    # of node 0 are not indented, those of the other node start with a tab.
    stream = node0 = None
    seen_filters = 0
    for line in lines[i:]:
        line = line.rstrip("\n")
        m = re.match(r"Filter: tcp\.stream eq (\d+)$", line)
        if m:
            stream, node0 = int(m.group(1)), None
            seen_filters += 1
            continue
        m = re.match(r"Node 0: (.*):(\d+)$", line)
        if m:
            node0 = int(m.group(2))
            continue
        if (line.startswith("=====") or line.startswith("Follow:") or line.startswith("Node 1:")
                or line == ""):
            continue
        data = line.lstrip("\t")
        if not re.fullmatch(r"[0-9a-fA-F]+", data) or stream is None or node0 is None:
            raise SystemExit("builtin: unexpected follow line %r" % line)
        d0 = direction(node0, server_port)
        d = d0 if not line.startswith("\t") else ("client" if d0 == "server" else "server")
        key = "%d/%s" % (stream, d)
        plain[key] = plain.get(key, "") + data.lower()
    return {"plain": plain, "http": http, "key_sources": [], "streams": sorted(streams),
            "follow_blocks": seen_filters}


def parse_tlsi(lines, server_port):
    plain, streams, sources = {}, set(), set()
    http = [0, 0]
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 6:
            raise SystemExit("tlsi: unexpected line %r" % line)
        stream, sport, req, resp, data, src = cols[:6]
        if stream == "":
            continue
        streams.add(int(stream))
        http[0] += req != ""
        http[1] += resp != ""
        # tshark prints an empty bytes field (an empty record) as <MISSING>.
        data = "".join(x for x in data.split(SEP) if x != "<MISSING>")
        for s in src.split(SEP):
            if s:
                sources.add(s)
        if data:
            key = "%s/%s" % (stream, direction(int(sport), server_port))
            # Records of one frame, in tree order.
            plain[key] = plain.get(key, "") + data.replace(":", "").lower()
    return {"plain": plain, "http": http, "key_sources": sorted(sources),
            "streams": sorted(streams)}


def total(plain, d):
    return sum(len(v) // 2 for k, v in plain.items() if k.endswith("/" + d))


def first_diff(a, b):
    n = min(len(a), len(b))
    for i in range(0, n, 2):
        if a[i:i + 2] != b[i:i + 2]:
            return i // 2
    return n // 2


def context(h, off):
    return h[max(0, off - 8) * 2:(off + 16) * 2] or "(end)"


def compare(name, a, b, may_extend):
    pa, pb = a["plain"], b["plain"]
    ok = True
    for key in sorted(set(pa) | set(pb)):
        xa, xb = pa.get(key, ""), pb.get(key, "")
        if xa == xb or (may_extend and xa.startswith(xb)):
            continue
        ok = False
        off = first_diff(xa, xb)
        print("%s: stream/direction %s: tlsi %d bytes, built-in %d bytes; first difference at "
              "offset %d: tlsi ...%s..., built-in ...%s..."
              % (name, key, len(xa) // 2, len(xb) // 2, off, context(xa, off), context(xb, off)))
    if ok:
        print("%s: %d bytes client, %d bytes server, identical%s"
              % (name, total(pa, "client"), total(pa, "server"),
                 " (built-in: %d client, %d server, a prefix)"
                 % (total(pb, "client"), total(pb, "server")) if may_extend and pa != pb else ""))
    return ok


def main():
    mode = sys.argv[1]
    if mode in ("builtin", "tlsi"):
        lines = sys.stdin.read().splitlines()
        port = int(sys.argv[2])
        res = (parse_builtin if mode == "builtin" else parse_tlsi)(lines, port)
        json.dump(res, sys.stdout, sort_keys=True)
    elif mode == "compare":
        name = sys.argv[2]
        a, b = json.load(open(sys.argv[3])), json.load(open(sys.argv[4]))
        sys.exit(0 if compare(name, a, b, "--a-may-extend" in sys.argv[5:]) else 1)
    elif mode == "expect":
        name, a, d, want = sys.argv[2], json.load(open(sys.argv[3])), sys.argv[4], sys.argv[5]
        got = "".join(v for k, v in sorted(a["plain"].items(),
                                          key=lambda kv: int(kv[0].split("/")[0]))
                      if k.endswith("/" + d))
        if got != want.lower():
            off = first_diff(got, want.lower())
            print("%s: %s plaintext is %d bytes, expected %d; first difference at offset %d: "
                  "got ...%s..., expected ...%s..."
                  % (name, d, len(got) // 2, len(want) // 2, off, context(got, off),
                     context(want.lower(), off)))
            sys.exit(1)
        print("%s: %s plaintext matches the %d bytes the generator sent" % (name, d, len(got) // 2))
    else:
        sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
