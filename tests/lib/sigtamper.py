#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Tamper with one signature byte of a real capture (classic pcap, Ethernet/
IPv4/TCP; convert pcapng first with `editcap -F pcap`).

  sigtamper.py flip IN OUT FRAME POS
      XOR byte POS of frame FRAME (1-based, as tshark numbers them) with 0x01:
      for plaintext handshake fields (TLS 1.2 ServerKeyExchange signature,
      certificate signatures), located with tshark -T pdml.

  sigtamper.py locate IN FIELD < PDML
      Print "FRAME POS" of the last byte of the first FIELD in the tshark -T
      pdml output on stdin whose bytes sit in the frame itself (checked
      against IN), e.g. the signature of a plaintext ServerKeyExchange or the
      first certificate (its last byte is its signature's).

  sigtamper.py tls13 IN OUT KEYLOG SERVER_PORT SIDE
      TLS 1.3 CertificateVerify is encrypted: decrypt SIDE's ("server" or
      "client") handshake records with its *_HANDSHAKE_TRAFFIC_SECRET from
      KEYLOG (RFC 8446 7.1-7.3; SIDE "client-app": CLIENT_TRAFFIC_SECRET_0,
      for post-handshake authentication), flip the last byte of the CertificateVerify
      signature, encrypt the record again with the same key and nonce and
      write it back in place (same length), so only the signature is wrong.
      Prints the frame that held the flipped byte. AES-GCM and ChaCha20 suites.
"""
import hashlib
import hmac
import struct
import sys

from mutcap import read_pcap, tcp_parts, write_pcap

SUITES = {  # id: (hash, key length, AEAD name)
    0x1301: (hashlib.sha256, 16, "gcm"),
    0x1302: (hashlib.sha384, 32, "gcm"),
    0x1303: (hashlib.sha256, 32, "chacha"),
}


def flip(src, dst, frame, pos):
    e, hdr, recs = read_pcap(src)
    recs[frame - 1][2][pos] ^= 0x01
    write_pcap(dst, e, hdr, recs)


def locate(src, field):
    import xml.etree.ElementTree as ET
    _, _, recs = read_pcap(src)
    for pkt in ET.parse(sys.stdin).getroot().iter("packet"):
        num = None
        for f in pkt.iter("field"):
            if f.get("name") == "frame.number":
                num = int(f.get("show"))
            if f.get("name") != field or num is None:
                continue
            pos, size = int(f.get("pos")), int(f.get("size"))
            want = bytes.fromhex(f.get("value", ""))
            if size and recs[num - 1][2][pos:pos + size] == want:
                print(num, pos + size - 1)
                return
    sys.exit("no %s in the frame bytes" % field)


def hkdf_expand_label(h, secret, label, length):
    info = struct.pack(">HB", length, 6 + len(label)) + b"tls13 " + label + b"\x00"
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(secret, t + info + bytes([i]), h).digest()
        out += t
        i += 1
    return out[:length]


def stream(recs, server_port, from_server):
    """The TCP payload one side sent, and for each byte its (record, offset)."""
    data, where = bytearray(), []
    for ri, r in enumerate(recs):
        p = tcp_parts(r[2])
        if not p or (p[4] == server_port) != from_server or server_port not in (p[4], p[5]):
            continue
        for off in range(p[2], p[3]):
            data.append(r[2][off])
            where.append((ri, off))
    return data, where


def records(data):
    off = 0
    while off + 5 <= len(data):
        n = struct.unpack(">H", data[off + 3:off + 5])[0]
        yield off, data[off], data[off + 5:off + 5 + n]
        off += 5 + n


def server_suite(recs, server_port):
    data, _ = stream(recs, server_port, True)
    for off, ctype, frag in records(data):
        if ctype == 22 and frag[0] == 2:
            sid_len = frag[4 + 2 + 32]
            return struct.unpack(">H", frag[4 + 2 + 33 + sid_len:4 + 2 + 35 + sid_len])[0]
    sys.exit("no ServerHello")


def aead(name, key):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
    return AESGCM(key) if name == "gcm" else ChaCha20Poly1305(key)


def tls13(src, dst, keylog, server_port, side):
    e, hdr, recs = read_pcap(src)
    label = {"server": "SERVER_HANDSHAKE_TRAFFIC_SECRET", "client": "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
             "client-app": "CLIENT_TRAFFIC_SECRET_0"}[side]
    secret = None
    for line in open(keylog):
        f = line.split()
        if len(f) == 3 and f[0] == label:
            secret = bytes.fromhex(f[2])
    h, klen, name = SUITES[server_suite(recs, server_port)]
    key = hkdf_expand_label(h, secret, b"key", klen)
    iv = hkdf_expand_label(h, secret, b"iv", 12)
    cipher = aead(name, key)
    data, where = stream(recs, server_port, side == "server")
    seq, started = 0, False
    for off, ctype, frag in records(data):
        if ctype != 23:
            continue
        nonce = bytes(a ^ b for a, b in zip(iv, (b"\0" * 4) + struct.pack(">Q", seq)))
        aad = bytes(data[off:off + 5])
        try:
            plain = bytearray(cipher.decrypt(nonce, bytes(frag), aad))
        except Exception:
            if started:
                break  # past the records under this secret
            continue  # before them (early data, handshake records)
        started = True
        seq += 1
        m = 0
        body_end = len(plain.rstrip(b"\0")) - 1  # drop padding and the inner type
        while m + 4 <= body_end:
            mlen = int.from_bytes(plain[m + 1:m + 4], "big")
            if plain[m] == 15:
                plain[m + 4 + mlen - 1] ^= 0x01  # last signature byte
                ct = cipher.encrypt(nonce, bytes(plain), aad)
                for i, b in enumerate(ct):
                    ri, fo = where[off + 5 + i]
                    recs[ri][2][fo] = b
                write_pcap(dst, e, hdr, recs)
                print(where[off + 5 + m + 4 + mlen - 1][0] + 1)
                return
            m += 4 + mlen
    sys.exit("no CertificateVerify from the %s" % side)


def main():
    a = sys.argv[1:]
    if len(a) == 5 and a[0] == "flip":
        flip(a[1], a[2], int(a[3]), int(a[4]))
    elif len(a) == 3 and a[0] == "locate":
        locate(a[1], a[2])
    elif len(a) == 6 and a[0] == "tls13":
        tls13(a[1], a[2], a[3], int(a[4]), a[5])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
