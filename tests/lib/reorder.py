#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Reorder or drop TCP segments of a real capture (classic pcap, Ethernet/IPv4;
convert pcapng first with `editcap -F pcap`), as loopback and SPAN-port
captures do by themselves.

  reorder.py swap IN OUT SRC_PORT K
      Swap the K-th and (K+1)-th segments with payload sent from SRC_PORT
      (1-based); timestamps stay in place, so the capture order changes.
  reorder.py drop IN OUT SRC_PORT K
      Remove the K-th segment with payload sent from SRC_PORT.
Prints the frame numbers (1-based, in OUT) of the segments moved or of the
segment after the one dropped.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mutcap  # noqa: E402


def data_frames(recs, port):
    out = []
    for i, r in enumerate(recs):
        parts = mutcap.tcp_parts(r[2])
        if parts and parts[4] == port and parts[3] > parts[2]:
            out.append(i)
    return out


def main(argv):
    op, src, dst, port, k = argv[1], argv[2], argv[3], int(argv[4]), int(argv[5])
    e, hdr, recs = mutcap.read_pcap(src)
    idx = data_frames(recs, port)
    if len(idx) < k + 1:
        sys.exit("only %d data segments from port %d" % (len(idx), port))
    a, b = idx[k - 1], idx[k]
    if op == "swap":
        recs[a][2:], recs[b][2:] = recs[b][2:], recs[a][2:]
        print(a + 1, b + 1)
    elif op == "drop":
        del recs[a]
        print(b)  # the next segment moved up by one
    else:
        sys.exit("unknown operation " + op)
    mutcap.write_pcap(dst, e, hdr, recs)


if __name__ == "__main__":
    main(sys.argv)
