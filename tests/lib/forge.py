#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""forge.py - write a classic pcap file holding one forged TCP connection.

THIS IS ONLY FOR INPUT NO REAL STACK PRODUCES. Every capture a test can get
from a real TLS implementation is made by test-captures/generate.sh with
OpenSSL/GnuTLS over loopback. forge.py exists for what those stacks will not
send: malformed records (unknown content type or version, over-long or empty
records, garbage alert bodies), an SSLv2-format ClientHello, or a precise
placement of records in TCP segments (a record split over three segments,
three records in one segment, a handshake message split over two records).
test-captures/malformed/make.sh uses it; do not use it to stand in for a real
TLS conversation.

The file is a classic (not pcapng) pcap, linktype Ethernet, microsecond
timestamps. The connection runs between 127.0.0.1 ports CLIENT_PORT and
SERVER_PORT: SYN, SYN-ACK, ACK, then one TCP segment (PSH|ACK) per payload
given, in the order given, each with correct sequence and acknowledgement
numbers and correct IPv4 and TCP checksums. Nothing is closed (no FIN): the
capture just ends.

Usage:
    forge.py OUT.pcap CLIENT_PORT SERVER_PORT SEGMENT...

SEGMENT is "c:HEX" (client to server) or "s:HEX" (server to client). HEX may
contain spaces, "." and "_" as separators, which are ignored.
"""
import struct
import sys

LINKTYPE_ETHERNET = 1
BASE_TIME = 1700000000  # fixed, so regenerated files are byte-identical

TH_FIN, TH_SYN, TH_RST, TH_PSH, TH_ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ipv4_tcp_frame(sport, dport, seq, ack, flags, payload, ip_id):
    src = dst = bytes([127, 0, 0, 1])
    opts = b""
    if flags & TH_SYN:
        opts = struct.pack("!BBH", 2, 4, 65495)  # MSS, as loopback announces
    off = (20 + len(opts)) // 4
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                      off << 4, flags, 65535, 0, 0) + opts
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp) + len(payload))
    csum = checksum(pseudo + tcp + payload)
    tcp = tcp[:16] + struct.pack("!H", csum) + tcp[18:]
    total = 20 + len(tcp) + len(payload)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, ip_id, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    eth = b"\0" * 12 + b"\x08\x00"
    return eth + ip + tcp + payload


class PcapWriter:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, LINKTYPE_ETHERNET))
        self.n = 0

    def packet(self, data):
        usec = self.n * 1000
        self.f.write(struct.pack("<IIII", BASE_TIME + usec // 1000000, usec % 1000000,
                                 len(data), len(data)))
        self.f.write(data)
        self.n += 1

    def close(self):
        self.f.close()


def write_connection(path, cport, sport, segments):
    """segments: list of (direction 'c' or 's', payload bytes)."""
    w = PcapWriter(path)
    cseq, sseq = 1000, 500000
    ip_id = 1
    w.packet(ipv4_tcp_frame(cport, sport, cseq, 0, TH_SYN, b"", ip_id))
    w.packet(ipv4_tcp_frame(sport, cport, sseq, cseq + 1, TH_SYN | TH_ACK, b"", ip_id + 1))
    cseq += 1
    sseq += 1
    w.packet(ipv4_tcp_frame(cport, sport, cseq, sseq, TH_ACK, b"", ip_id + 2))
    ip_id += 3
    for direction, payload in segments:
        if direction == "c":
            w.packet(ipv4_tcp_frame(cport, sport, cseq, sseq, TH_PSH | TH_ACK, payload, ip_id))
            cseq += len(payload)
        else:
            w.packet(ipv4_tcp_frame(sport, cport, sseq, cseq, TH_PSH | TH_ACK, payload, ip_id))
            sseq += len(payload)
        ip_id += 1
    w.close()


def parse_segment(arg):
    direction, sep, hexpart = arg.partition(":")
    if not sep or direction not in ("c", "s"):
        raise ValueError("segment must be c:HEX or s:HEX, got %r" % arg)
    for ch in " ._":
        hexpart = hexpart.replace(ch, "")
    payload = bytes.fromhex(hexpart)
    if not payload:
        raise ValueError("empty segment %r" % arg)
    return direction, payload


def main(argv):
    if len(argv) < 5:
        sys.stderr.write(__doc__)
        return 2
    out, cport, sport = argv[1], int(argv[2]), int(argv[3])
    try:
        segments = [parse_segment(a) for a in argv[4:]]
    except ValueError as e:
        sys.stderr.write("forge.py: %s\n" % e)
        return 2
    write_connection(out, cport, sport, segments)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
