#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks of tests/integration/starttls.sh on one capture holding many TCP
connections, connection i being row i of test-captures/starttls/manifest.tsv.

  starttls_check.py compare MANIFEST BUILTIN.pdml FOLLOW.txt TLSI.pdml WHAT
      For every connection: frames with built-in TLS records carry tlsi
      records and no frame is the built-in's ("tls" in frame.protocols);
      frames before the first TLS record have the same frame.protocols as
      with the built-in alone, and the manifest's plaintext protocol is among
      them; records (type, version, length) per direction are the built-in's;
      the decrypted bytes per direction (tlsi.app_data in frame order against
      -z follow,tls,raw) are the built-in's and not empty.
  starttls_check.py none MANIFEST TLSI.pdml PREFIX
      No frame of a connection whose name starts with PREFIX (and whose
      plaintext protocol is not "data") is tlsi's.
"""
import re
import sys
import xml.etree.ElementTree as ET


def manifest(path):
    rows = [l.rstrip("\n").split("\t") for l in open(path)][1:]
    return [dict(name=r[0], port=int(r[2]), plain=r[3]) for r in rows if len(r) >= 5]


def num(field):
    v = field.get("value")
    return int(v, 16) if v else int(field.get("show"), 0)


def frames(path):
    """frame number -> dict(stream, sport, protos, recs{prefix: [...]}, app)."""
    out = {}
    for _, pkt in ET.iterparse(path, events=("end",)):
        if pkt.tag != "packet":
            continue
        f = dict(stream=None, sport=None, protos=[], recs={"tls": [], "tlsi": []}, app="")
        n = None
        for proto in pkt.findall("proto"):
            name = proto.get("name")
            if name == "frame":
                for x in proto.iter("field"):
                    if x.get("name") == "frame.number":
                        n = int(x.get("show"))
                    elif x.get("name") == "frame.protocols":
                        f["protos"] = x.get("show").split(":")
            elif name == "tcp":
                for x in proto.iter("field"):
                    if x.get("name") == "tcp.stream":
                        f["stream"] = int(x.get("show"))
                    elif x.get("name") == "tcp.srcport":
                        f["sport"] = int(x.get("show"))
        for proto in pkt.iter("proto"):
            pre = proto.get("name")
            if pre not in ("tls", "tlsi"):
                continue
            for rec in proto.iter("field"):
                if rec.get("name") != pre + ".record":
                    continue
                v = {}
                for x in rec:
                    k = x.get("name", "")
                    if k in (pre + ".record.content_type", pre + ".record.opaque_type"):
                        v.setdefault("t", num(x))
                    elif k == pre + ".record.version":
                        v["v"] = num(x)
                    elif k == pre + ".record.length":
                        v["l"] = num(x)
                f["recs"][pre].append((v.get("t"), v.get("v"), v.get("l")))
            for x in proto.iter("field"):
                if x.get("name") == "tlsi.app_data":
                    f["app"] += x.get("value", "")
        out[n] = f
        pkt.clear()
    # Connection i is the i-th TCP stream to appear (stream numbers may skip).
    order = {}
    for n in sorted(out):
        st = out[n]["stream"]
        if st is not None and st not in order:
            order[st] = len(order)
    for f in out.values():
        f["id"], f["conn"] = f["stream"], order.get(f["stream"])
    return out


def follow(path):
    """(stream, port of node 0 or None for the other node) -> hex of
    -z follow,tls,raw output (Wireshark 4.0 may print node 1 as ":0")."""
    plain, stream, node0 = {}, None, None
    for line in open(path):
        line = line.rstrip("\n")
        m = re.match(r"Filter: tcp\.stream eq (\d+)$", line)
        if m:
            stream, node0 = int(m.group(1)), None
            continue
        m = re.match(r"Node 0: .*:(\d+)$", line)
        if m:
            node0 = int(m.group(1))
            continue
        data = line.lstrip("\t")
        if stream is None or not re.fullmatch(r"[0-9a-fA-F]+", data):
            continue
        key = (stream, None if line.startswith("\t") else node0)
        plain[key] = plain.get(key, "") + data.lower()
    return plain


def followed(fol, stream, port):
    if (stream, port) in fol:
        return fol[(stream, port)]
    if any(k[0] == stream and k[1] is not None for k in fol):
        return fol.get((stream, None), "")
    return ""


def compare(rows, b, fol, t, what):
    ok = True
    for i, row in enumerate(rows):
        name, bad = row["name"], []
        nums = sorted(n for n, f in b.items() if f["conn"] == i)
        sid = b[nums[0]]["id"] if nums else None
        tls = [n for n in nums if b[n]["recs"]["tls"]]
        if not tls:
            print("%s: the built-in shows no TLS record" % name)
            ok = False
            continue
        first = tls[0]
        for n in nums:
            if n not in t:
                bad.append("frame %d missing" % n)
                continue
            if "tls" in t[n]["protos"]:
                bad.append("frame %d is the built-in's (%s)" % (n, ":".join(t[n]["protos"])))
            if n in tls and not t[n]["recs"]["tlsi"]:
                bad.append("frame %d has TLS records but none of tlsi" % n)
            want = b[n]["protos"]
            if "tls" in want:
                # Plaintext the built-in claims with no record: its heuristic
                # set the conversation from frame 0 on its second pass (SOCKS
                # on 7777). The plaintext protocol is what belongs there.
                want = want[:want.index("tls")] + [row["plain"]]
            if n < first and t[n]["protos"] != want:
                bad.append("plaintext frame %d: %s, built-in alone %s"
                           % (n, ":".join(t[n]["protos"]), ":".join(b[n]["protos"])))
        nplain = sum(1 for n in nums if n < first and row["plain"] in t.get(n, b[n])["protos"])
        if not nplain:
            bad.append("no frame before the TLS part is dissected as %s" % row["plain"])
        ports = sorted({b[n]["sport"] for n in nums})
        nrec = 0
        for p in ports:
            rb = [r for n in nums if b[n]["sport"] == p for r in b[n]["recs"]["tls"]]
            rt = [r for n in nums if n in t and t[n]["sport"] == p for r in t[n]["recs"]["tlsi"]]
            nrec += len(rt)
            if rb != rt:
                bad.append("records from port %d: tlsi %s, built-in %s" % (p, rt, rb))
            pt = "".join(t[n]["app"] for n in nums if n in t and t[n]["sport"] == p)
            pb = followed(fol, sid, p)
            if pt != pb:
                bad.append("decrypted bytes from port %d: tlsi %d bytes, built-in %d"
                           % (p, len(pt) // 2, len(pb) // 2))
            if not pt:
                bad.append("nothing decrypted from port %d" % p)
        for m in bad:
            print("%s (%s): %s" % (name, what, m))
        ok = ok and not bad
        print("%s (%s): %d plaintext frames as %s, TLS from frame %d, %d records, decrypted "
              "bytes equal: %s" % (name, what, nplain, row["plain"], first, nrec,
                                   "ok" if not bad else "WRONG"))
    return ok


def none(rows, t, prefix):
    ok = True
    for i, row in enumerate(rows):
        if not row["name"].startswith(prefix) or row["plain"] == "data":
            continue
        mine = [n for n, f in t.items() if f["conn"] == i and "tlsi" in f["protos"]]
        if mine:
            print("%s: frames %s are still tlsi's" % (row["name"], mine))
            ok = False
    return ok


def main():
    mode, rows = sys.argv[1], manifest(sys.argv[2])
    if mode == "compare":
        ok = compare(rows, frames(sys.argv[3]), follow(sys.argv[4]), frames(sys.argv[5]),
                     sys.argv[6])
    else:
        ok = none(rows, frames(sys.argv[3]), sys.argv[4])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
