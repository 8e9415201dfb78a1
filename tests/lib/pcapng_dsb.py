#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Put a TLS key log into a pcapng file as Decryption Secrets Blocks where
`editcap --inject-secrets` cannot: split over several blocks, after packets.

  pcapng_dsb.py IN.pcapng KEYLOG OUT.pcapng AFTER SPLIT
      Copies IN (its own DSBs dropped) and inserts the key log's lines as
      SPLIT TLS key log DSBs (secrets type 0x544c534b), the lines dealt out
      in turn, right after the AFTER-th packet block (Enhanced, Simple or
      obsolete Packet Block; -1: at the end of the file, after every packet).
      Blocks are written in the byte order of IN's section header.

Block layouts from the pcapng specification (draft-ietf-opsawg-pcapng,
sections 4.1 and 4.7).
"""
import struct
import sys

SHB, DSB, TLSK = 0x0A0D0D0A, 0x0000000A, 0x544C534B
PACKETS = {0x00000002, 0x00000003, 0x00000006}


def blocks(data):
    off, e = 0, "<"
    while off + 12 <= len(data):
        btype = struct.unpack("<I", data[off:off + 4])[0]
        if btype == SHB:
            e = "<" if struct.unpack("<I", data[off + 8:off + 12])[0] == 0x1A2B3C4D else ">"
        btype, blen = struct.unpack(e + "II", data[off:off + 8])
        yield e, btype, data[off:off + blen]
        off += blen


def dsb(e, text):
    body = struct.pack(e + "II", TLSK, len(text)) + text + b"\0" * (-len(text) % 4)
    total = 12 + len(body)
    return struct.pack(e + "II", DSB, total) + body + struct.pack(e + "I", total)


def main(argv):
    src, keylog, dst, after, split = argv[1], argv[2], argv[3], int(argv[4]), int(argv[5])
    lines = [l for l in open(keylog, "rb").read().splitlines(True) if l.strip()]
    parts = [b"".join(lines[i::split]) for i in range(split)]
    out, seen, e, done = [], 0, "<", False
    for e, btype, raw in blocks(open(src, "rb").read()):
        if btype == DSB:
            continue
        out.append(raw)
        if btype in PACKETS:
            seen += 1
            if seen == after:
                out.extend(dsb(e, p) for p in parts if p)
                done = True
    if not done:
        out.extend(dsb(e, p) for p in parts if p)
    open(dst, "wb").write(b"".join(out))
    print("%d packets, %d secrets blocks after packet %d" % (seen, split, after if done else seen))


if __name__ == "__main__":
    main(sys.argv)
