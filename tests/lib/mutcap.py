#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Deterministic capture mutations for the sanitizer pass (sanitize.sh).

Reads and writes classic pcap with Ethernet/IPv4/TCP frames (convert pcapng
first with `editcap -F pcap`).

  mutcap.py cuts IN OUT SERVER_PORT [FIRST_APP_FRAMES]
      One TCP connection cut at every byte of its handshake data: for each
      cut point c (1 .. all payload bytes sent before the client's
      FIRST_APP_FRAMES-th application data record, default 1, inclusive),
      a copy of the connection whose segments stop after the c-th payload
      byte (the segment holding it shortened, IP length fixed). The copies
      go into OUT one after the other, each with its own client port, so one
      tshark run sees them all as separate connections. Prints the number
      of copies.

  mutcap.py payload IN OUT RATE SEED
      Flip bytes of the TCP payloads only (headers stay valid, so TCP still
      reassembles and TLS still sees the damage): each payload byte is
      replaced by a random one with probability RATE (random.Random(SEED)).
      Prints the number of bytes changed.
"""
import random
import struct
import sys


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        e = "<"
    elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
        e = ">"
    else:
        sys.exit("%s: not a classic pcap file" % path)
    hdr = data[:24]
    linktype = struct.unpack(e + "I", data[20:24])[0]
    if linktype != 1:
        sys.exit("%s: link type %d, not Ethernet" % (path, linktype))
    recs, off = [], 24
    while off + 16 <= len(data):
        ts_s, ts_u, incl, orig = struct.unpack(e + "IIII", data[off:off + 16])
        recs.append([ts_s, ts_u, bytearray(data[off + 16:off + 16 + incl]), orig])
        off += 16 + incl
    return e, hdr, recs


def write_pcap(path, e, hdr, recs):
    with open(path, "wb") as f:
        f.write(hdr)
        for ts_s, ts_u, frame, orig in recs:
            f.write(struct.pack(e + "IIII", ts_s, ts_u, len(frame), orig))
            f.write(frame)


def tcp_parts(frame):
    """(ip_off, tcp_off, payload_off, sport, dport) or None for a non-TCP/IPv4 frame."""
    if len(frame) < 14 + 20 or frame[12:14] != b"\x08\x00":
        return None
    ip = 14
    ihl = (frame[ip] & 15) * 4
    if frame[ip + 9] != 6 or len(frame) < ip + ihl + 20:
        return None
    tcp = ip + ihl
    doff = (frame[tcp + 12] >> 4) * 4
    total = struct.unpack(">H", frame[ip + 2:ip + 4])[0]
    sport, dport = struct.unpack(">HH", frame[tcp:tcp + 4])
    return ip, tcp, tcp + doff, min(len(frame), ip + total), sport, dport


def cuts(src, dst, server_port, app_frames=1):
    e, hdr, recs = read_pcap(src)
    frames = []  # (record, parts)
    for r in recs:
        p = tcp_parts(r[2])
        if p and server_port in (p[4], p[5]):
            frames.append((r, p))
    # Handshake data: every payload byte up to and including the client's
    # app_frames-th segment that starts an application_data record.
    limit, seen = len(frames), 0
    for i, (r, p) in enumerate(frames):
        pl = r[2][p[2]:p[3]]
        if pl and p[5] == server_port and pl[0] == 23:
            seen += 1
            if seen == app_frames:
                limit = i + 1
                break
    frames = frames[:limit]
    total = sum(p[3] - p[2] for r, p in frames)
    out = []
    t0 = frames[0][0][0] if frames else 0
    for c in range(1, total + 1):
        cport = 10000 + c
        sent = 0
        for r, p in frames:
            ip, tcp, poff, pend, sport, dport = p
            plen = pend - poff
            frame = bytearray(r[2][:pend])
            if plen and sent + plen > c:
                keep = c - sent
                frame = frame[:poff + keep]
                struct.pack_into(">H", frame, ip + 2, len(frame) - ip)
            if sport == server_port:
                struct.pack_into(">H", frame, tcp + 2, cport)
            else:
                struct.pack_into(">H", frame, tcp, cport)
            out.append([t0 + c, r[1], frame, len(frame)])
            sent += plen
            if sent >= c:
                break
    write_pcap(dst, e, hdr, out)
    print(total)


def payload(src, dst, rate, seed):
    e, hdr, recs = read_pcap(src)
    rnd = random.Random(seed)
    changed = 0
    for r in recs:
        p = tcp_parts(r[2])
        if not p:
            continue
        for i in range(p[2], p[3]):
            if rnd.random() < rate:
                r[2][i] = rnd.randrange(256)
                changed += 1
    write_pcap(dst, e, hdr, recs)
    print(changed)


def main():
    a = sys.argv[1:]
    if len(a) >= 4 and a[0] == "cuts":
        cuts(a[1], a[2], int(a[3]), int(a[4]) if len(a) > 4 else 1)
    elif len(a) == 5 and a[0] == "payload":
        payload(a[1], a[2], float(a[3]), int(a[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
