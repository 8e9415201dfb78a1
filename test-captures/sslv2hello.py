#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""sslv2hello.py - a minimal TLS 1.0-1.2 client that opens with an SSLv2-format
ClientHello (RFC 5246 Appendix E.2), as old clients did, for test captures.

No TLS stack on Debian 12 still sends that hello, so this client does the
handshake itself, with the RSA key exchange only: it sends the SSLv2 hello,
reads the server's flight, encrypts a premaster secret to the certificate's
RSA key (python3-cryptography), derives the keys, checks the server's
Finished, sends one HTTP request and reads the response up to close_notify.
With --resume it then opens a second connection with an ordinary TLS
ClientHello carrying the first session's id and expects an abbreviated
handshake that resumes it.

Suites: TLS_RSA_WITH_AES_128_CBC_SHA (0x002f, TLS 1.0/1.1/1.2) and
TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009c, TLS 1.2). The server's key log
(openssl s_server -keylogfile) is the independent record of the secrets.

Usage: sslv2hello.py PORT --version 0x0301 --suite 0x002f --challenge-len 16 [--resume]
"""
import argparse
import hashlib
import hmac
import os
import socket
import struct
import sys

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

HTTP_GET = b"GET / HTTP/1.0\r\nHost: localhost\r\nUser-Agent: tlsi-sslv2hello\r\n\r\n"
CT_CCS, CT_ALERT, CT_HANDSHAKE, CT_APP = 20, 21, 22, 23
HS_CH, HS_SH, HS_CERT, HS_SHD, HS_CKE, HS_FIN = 1, 2, 11, 14, 16, 20


class TLSError(Exception):
    pass


# ------------------------------------------------------------------ PRF
def p_hash(hname, secret, seed, n):
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(secret, a, hname).digest()
        out += hmac.new(secret, a + seed, hname).digest()
    return out[:n]


def prf(version, secret, label, seed, n):
    if version >= 0x0303:
        return p_hash("sha256", secret, label + seed, n)
    # TLS 1.0/1.1 (RFC 2246 5): P_MD5 on the first half XOR P_SHA1 on the second.
    half = (len(secret) + 1) // 2
    md5 = p_hash("md5", secret[:half], label + seed, n)
    sha = p_hash("sha1", secret[len(secret) - half:], label + seed, n)
    return bytes(x ^ y for x, y in zip(md5, sha))


def transcript_hash(version, transcript):
    if version >= 0x0303:
        return hashlib.sha256(transcript).digest()
    return hashlib.md5(transcript).digest() + hashlib.sha1(transcript).digest()


# ------------------------------------------------------------------ records
class Direction:
    """One direction's cipher state (None until its ChangeCipherSpec)."""

    def __init__(self):
        self.seq = 0
        self.suite = None

    def install(self, suite, version, key, iv, mac_key):
        self.suite, self.version, self.key, self.iv, self.mac_key = suite, version, key, iv, mac_key
        self.seq = 0

    def _mac(self, ctype, data):
        hdr = struct.pack(">QBHH", self.seq, ctype, self.version, len(data))
        return hmac.new(self.mac_key, hdr + data, "sha1").digest()

    def seal(self, ctype, data):
        if self.suite is None:
            return data
        if self.suite == 0x009c:
            explicit = struct.pack(">Q", self.seq)
            aad = struct.pack(">QBHH", self.seq, ctype, self.version, len(data))
            out = explicit + AESGCM(self.key).encrypt(self.iv + explicit, data, aad)
        else:
            body = data + self._mac(ctype, data)
            pad = 15 - len(body) % 16
            body += bytes([pad]) * (pad + 1)
            if self.version >= 0x0302:
                iv = os.urandom(16)
                enc = Cipher(algorithms.AES(self.key), modes.CBC(iv)).encryptor()
                out = iv + enc.update(body) + enc.finalize()
            else:
                enc = Cipher(algorithms.AES(self.key), modes.CBC(self.iv)).encryptor()
                out = enc.update(body) + enc.finalize()
                self.iv = out[-16:]
        self.seq += 1
        return out

    def open(self, ctype, data):
        if self.suite is None:
            return data
        if self.suite == 0x009c:
            explicit, ct = data[:8], data[8:]
            aad = struct.pack(">QBHH", self.seq, ctype, self.version, len(ct) - 16)
            plain = AESGCM(self.key).decrypt(self.iv + explicit, ct, aad)
        else:
            iv = self.iv
            if self.version >= 0x0302:
                iv, data = data[:16], data[16:]
            dec = Cipher(algorithms.AES(self.key), modes.CBC(iv)).decryptor()
            body = dec.update(data) + dec.finalize()
            if self.version < 0x0302:
                self.iv = data[-16:]
            body = body[: len(body) - body[-1] - 1]
            plain, mac = body[:-20], body[-20:]
            if not hmac.compare_digest(mac, self._mac(ctype, plain)):
                raise TLSError("bad record MAC from the server")
        self.seq += 1
        return plain


class Conn:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buf = b""
        self.read = Direction()
        self.write = Direction()
        self.version = 0x0301  # record version until the ServerHello
        self.transcript = b""
        self.hs_buf = b""

    def send_record(self, ctype, data):
        frag = self.write.seal(ctype, data)
        self.sock.sendall(struct.pack(">BHH", ctype, self.version, len(frag)) + frag)

    def recv_exact(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv_record(self):
        ctype, _ver, length = struct.unpack(">BHH", self.recv_exact(5))
        data = self.read.open(ctype, self.recv_exact(length))
        if ctype == CT_ALERT and data[1:2] != b"\x00":
            raise TLSError("alert from the server: %s" % data.hex())
        return ctype, data

    def send_handshake(self, mtype, body):
        msg = struct.pack(">I", (mtype << 24) | len(body)) + body
        self.transcript += msg
        self.send_record(CT_HANDSHAKE, msg)

    def recv_handshake(self):
        """The next whole handshake message (type, body, raw bytes)."""
        while len(self.hs_buf) < 4 or len(self.hs_buf) < 4 + int.from_bytes(self.hs_buf[1:4], "big"):
            ctype, data = self.recv_record()
            if ctype != CT_HANDSHAKE:
                raise TLSError("expected a handshake record, got type %d" % ctype)
            self.hs_buf += data
        n = 4 + int.from_bytes(self.hs_buf[1:4], "big")
        msg, self.hs_buf = self.hs_buf[:n], self.hs_buf[n:]
        return msg[0], msg[4:], msg


# ------------------------------------------------------------------ handshake
def sslv2_client_hello(version, suite, challenge):
    # RFC 5246 E.2: msg_type 1, version, cipher_spec_length, session_id_length,
    # challenge_length, then the specs (3 bytes each), no session id, the challenge.
    # An SSL 2.0 spec (RC4_128_WITH_MD5) first, as old clients offered it.
    specs = bytes.fromhex("010080") + struct.pack(">BH", 0, suite) + bytes.fromhex("0000ff")
    msg = struct.pack(">BHHHH", 1, version, len(specs), 0, len(challenge)) + specs + challenge
    return struct.pack(">H", 0x8000 | len(msg)), msg


def tls_client_hello(version, suite, client_random, session_id):
    body = struct.pack(">H", version) + client_random + bytes([len(session_id)]) + session_id
    body += struct.pack(">HHH", 4, suite, 0x00FF) + b"\x01\x00"
    return body


def parse_server_hello(body):
    version = struct.unpack(">H", body[:2])[0]
    server_random = body[2:34]
    sid_len = body[34]
    session_id = body[35 : 35 + sid_len]
    suite = struct.unpack(">H", body[35 + sid_len : 37 + sid_len])[0]
    return version, server_random, session_id, suite


def key_block(c, suite, master, client_random, server_random):
    kb = prf(c.version, master, b"key expansion", server_random + client_random, 104)
    if suite == 0x009c:  # no MAC keys; 16-byte keys, 4-byte implicit nonce parts
        return (b"", b"", kb[0:16], kb[16:32], kb[32:36], kb[36:40])
    return (kb[0:20], kb[20:40], kb[40:56], kb[56:72], kb[72:88], kb[88:104])


def finished(c, master, label):
    return prf(c.version, master, label, transcript_hash(c.version, c.transcript), 12)


def change_cipher_specs(c, suite, keys):
    cmac, smac, ckey, skey, civ, siv = keys

    def send():
        c.send_record(CT_CCS, b"\x01")
        c.write.install(suite, c.version, ckey, civ, cmac)

    def recv():
        ctype, data = c.recv_record()
        if ctype != CT_CCS:
            raise TLSError("expected ChangeCipherSpec, got type %d" % ctype)
        c.read.install(suite, c.version, skey, siv, smac)

    return send, recv


def exchange_data(c):
    """One HTTP request; the response is read up to the server's close_notify."""
    c.send_record(CT_APP, HTTP_GET)
    response = b""
    while True:
        try:
            ctype, data = c.recv_record()
        except EOFError:
            break
        if ctype == CT_APP:
            response += data
        elif ctype == CT_ALERT:
            break
    c.send_record(CT_ALERT, b"\x01\x00")
    c.sock.close()
    if not response.startswith(b"HTTP/1.0 200"):
        raise TLSError("unexpected response: %r" % response[:40])
    return len(response)


def full_handshake(port, version, suite, challenge_len):
    c = Conn(port)
    challenge = os.urandom(challenge_len)
    hdr, msg = sslv2_client_hello(version, suite, challenge)
    c.sock.sendall(hdr + msg)
    # The message bytes (not the 2-byte header) start the transcript, and the
    # challenge, right-aligned in 32 zero bytes, is the client random.
    c.transcript = msg
    client_random = bytes(32 - challenge_len) + challenge
    mtype, body, raw = c.recv_handshake()
    if mtype != HS_SH:
        raise TLSError("expected ServerHello, got %d" % mtype)
    c.transcript += raw
    c.version, server_random, session_id, got_suite = parse_server_hello(body)
    if got_suite != suite:
        raise TLSError("server chose suite 0x%04x" % got_suite)
    cert = None
    while True:
        mtype, body, raw = c.recv_handshake()
        c.transcript += raw
        if mtype == HS_CERT:
            cert = x509.load_der_x509_certificate(body[6 : 6 + int.from_bytes(body[3:6], "big")])
        elif mtype == HS_SHD:
            break
    premaster = struct.pack(">H", version) + os.urandom(46)
    epms = cert.public_key().encrypt(premaster, padding.PKCS1v15())
    c.send_handshake(HS_CKE, struct.pack(">H", len(epms)) + epms)
    master = prf(c.version, premaster, b"master secret", client_random + server_random, 48)
    keys = key_block(c, suite, master, client_random, server_random)
    send_ccs, recv_ccs = change_cipher_specs(c, suite, keys)
    send_ccs()
    c.send_handshake(HS_FIN, finished(c, master, b"client finished"))
    recv_ccs()
    expect = finished(c, master, b"server finished")
    mtype, body, raw = c.recv_handshake()
    if mtype != HS_FIN or body != expect:
        raise TLSError("server Finished does not verify")
    n = exchange_data(c)
    return session_id, master, client_random, n


def resumed_handshake(port, version, suite, session_id, master):
    c = Conn(port)
    client_random = os.urandom(32)
    c.send_handshake(HS_CH, tls_client_hello(version, suite, client_random, session_id))
    mtype, body, raw = c.recv_handshake()
    if mtype != HS_SH:
        raise TLSError("expected ServerHello, got %d" % mtype)
    c.transcript += raw
    c.version, server_random, sid, got_suite = parse_server_hello(body)
    if sid != session_id or got_suite != suite:
        raise TLSError("the server did not resume the session")
    keys = key_block(c, suite, master, client_random, server_random)
    send_ccs, recv_ccs = change_cipher_specs(c, suite, keys)
    recv_ccs()
    expect = finished(c, master, b"server finished")
    mtype, body, raw = c.recv_handshake()
    if mtype != HS_FIN or body != expect:
        raise TLSError("server Finished (resumption) does not verify")
    c.transcript += raw
    send_ccs()
    c.send_handshake(HS_FIN, finished(c, master, b"client finished"))
    return exchange_data(c)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("port", type=int)
    ap.add_argument("--version", type=lambda s: int(s, 0), default=0x0301)
    ap.add_argument("--suite", type=lambda s: int(s, 0), default=0x002F)
    ap.add_argument("--challenge-len", type=int, default=16)
    ap.add_argument("--resume", action="store_true")
    a = ap.parse_args()
    if not 16 <= a.challenge_len <= 32:
        ap.error("the challenge is 16 to 32 bytes")
    sid, master, cr, n = full_handshake(a.port, a.version, a.suite, a.challenge_len)
    print("full handshake: client random %s, %d response bytes" % (cr.hex(), n))
    if a.resume:
        n = resumed_handshake(a.port, a.version, a.suite, sid, master)
        print("resumed session %s: %d response bytes" % (sid.hex(), n))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (TLSError, EOFError, OSError) as e:
        print("sslv2hello: %s" % e, file=sys.stderr)
        sys.exit(1)
