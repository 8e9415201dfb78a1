#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the seed corpora of the libFuzzer harnesses from the test captures.

    fuzz/make-corpus.py [--check]

Reads test-captures/manifest.tsv (real OpenSSL/GnuTLS sessions with their key
logs) and test-captures/malformed/ports.tsv (forged captures), and writes
fuzz/corpus/<harness>/ seed files in each harness's input format:

  fuzz_record      the first bytes of each direction of each TCP stream, and
                   a few starting mid-record (resync);
  fuzz_sslv2       the forged SSLv2 ClientHello, the SSL 2.0 streams of
                   test-captures/sslv2/, and each capture's TLS
                   ClientHello rewritten in the SSLv2 format;
  fuzz_handshake   every handshake message tshark saw (plaintext, and the
                   ones its built-in TLS decrypted with the key log), prefixed
                   with its type and the context byte (version, kex, sender)
                   of the session it came from;
  fuzz_extensions  every extension block of those messages, prefixed with the
                   message context, and of the handshake feature captures in
                   tests/data/ (OCSP, SCTs, SRP username);
  fuzz_decrypt     per configuration of the harness, records for it to seal
                   (plaintexts taken from the captures) and real protected
                   records of the same family;
  fuzz_session     each capture as the harness's event sequence: every record
                   of every connection, in capture order (connections of one
                   capture share the resumption cache), with and without the
                   key log for the RSA captures.

It also writes fuzz/fuzz_session_keys.h: the key logs of those captures and the
test RSA key, which fuzz_session.c loads as its in-memory key material.

Output is deterministic (sorted, content-addressed names). --check only
reports what would be written and the total size.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAPS = os.path.join(ROOT, "test-captures")
OUT = os.path.join(ROOT, "fuzz", "corpus")
MAX_SEED = 48 * 1024

# Harness context encodings (keep in step with fuzz_handshake.c / fuzz_extensions.c).
HS_VERSIONS = [0, 0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x7F17, 0x7F12]
KEX = {"NULL": 0, "RSA": 1, "DHE": 4, "ECDHE": 6, "PSK": 7, "TLS13": 15}
EXT_CTX = {"ch": 0, "sh": 1, "hrr": 2, "ee": 3, "nst": 4, "cr": 5, "cert": 6}
HRR_RANDOM = bytes.fromhex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c")

# Suites of the test captures -> key exchange.
SUITE_KEX = {
    0x1301: "TLS13", 0x1302: "TLS13", 0x1303: "TLS13", 0x1304: "TLS13", 0x1305: "TLS13",
    0x002F: "RSA", 0x0035: "RSA", 0x000A: "RSA", 0x009C: "RSA", 0x009D: "RSA", 0xC0A0: "RSA",
    0xC0A1: "RSA", 0xC09C: "RSA", 0x006B: "DHE", 0x0067: "DHE", 0x0039: "DHE", 0x009F: "DHE",
    0xC013: "ECDHE", 0xC014: "ECDHE", 0xC027: "ECDHE", 0xC028: "ECDHE", 0xC02F: "ECDHE",
    0xC030: "ECDHE", 0xCCA8: "ECDHE", 0xCCA9: "ECDHE", 0xC0AC: "ECDHE", 0xC0AD: "ECDHE",
    0xC02B: "ECDHE", 0xC02C: "ECDHE", 0xC009: "ECDHE", 0xC00A: "ECDHE",
}


def tshark(*args):
    r = subprocess.run(["tshark", *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       check=True)
    return r.stdout


class Corpus:
    def __init__(self, check):
        self.check = check
        self.files = {}  # harness -> {name: bytes}

    def add(self, harness, data, tag=""):
        if not data:
            return
        data = bytes(data[:MAX_SEED])
        h = hashlib.sha1(data).hexdigest()[:16]
        name = (tag + "-" if tag else "") + h
        bucket = self.files.setdefault(harness, {})
        if any(v == data for v in bucket.values()):
            return
        bucket[name] = data

    def write(self):
        total = 0
        for harness in sorted(self.files):
            d = os.path.join(OUT, harness)
            size = sum(len(v) for v in self.files[harness].values())
            total += size
            print("%-16s %4d seeds %8d bytes" % (harness, len(self.files[harness]), size))
            if self.check:
                continue
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            for name, data in sorted(self.files[harness].items()):
                with open(os.path.join(d, name), "wb") as f:
                    f.write(data)
        print("total %d bytes" % total)


def streams_of(path):
    """{stream: {"dirs": {(src,dst): bytes}, "segs": [(frame, key, end_offset)]}}, in order."""
    out = tshark("-r", path, "-T", "fields", "-E", "separator=\t", "-e", "frame.number",
                 "-e", "tcp.stream", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "tcp.seq_raw",
                 "-e", "tcp.flags.syn", "-e", "tcp.payload", "tcp")
    streams = {}
    for line in out.decode().splitlines():
        f = line.split("\t")
        if len(f) < 7 or not f[1]:
            continue
        frame, stream, sport, dport, seq = int(f[0]), int(f[1]), int(f[2]), int(f[3]), int(f[4])
        syn = f[5] in ("1", "True")
        payload = bytes.fromhex(f[6]) if f[6] else b""
        st = streams.setdefault(stream, {"dirs": {}, "next": {}, "segs": []})
        key = (sport, dport)
        if syn:
            st["next"][key] = (seq + 1) & 0xFFFFFFFF
            st["dirs"].setdefault(key, bytearray())
            continue
        if not payload:
            continue
        buf = st["dirs"].setdefault(key, bytearray())
        nxt = st["next"].get(key, seq)
        skip = (nxt - seq) & 0xFFFFFFFF
        if skip >= len(payload) and skip < 0x80000000:
            continue  # retransmission
        if skip >= 0x80000000:
            skip = 0  # a gap: take it as it comes
        buf += payload[skip:]
        st["next"][key] = (seq + len(payload)) & 0xFFFFFFFF
        st["segs"].append((frame, key, len(buf)))
    return streams


def split_records(buf):
    """[(offset, record bytes)] of the complete 5-byte-header records at the start of buf."""
    recs, off = [], 0
    while off + 5 <= len(buf):
        ln = int.from_bytes(buf[off + 3:off + 5], "big")
        if off + 5 + ln > len(buf):
            break
        recs.append((off, bytes(buf[off:off + 5 + ln])))
        off += 5 + ln
    return recs


def ordered_records(st, server_port):
    """The records of a stream in capture order: [(from_server, record)]."""
    events = []
    for key, buf in st["dirs"].items():
        ends = [(e, fr) for fr, k, e in st["segs"] if k == key]
        for off, rec in split_records(buf):
            end = off + len(rec)
            frame = next((fr for e, fr in ends if e >= end), 1 << 30)
            events.append((frame, off, key[0] == server_port, rec))
    events.sort(key=lambda e: (e[0], e[1]))
    return [(fs, rec) for _, _, fs, rec in events]


def handshake_messages(path, port, keylog):
    """[(stream, from_server, message bytes)] of every handshake message tshark
    shows, decrypted ones included (TLS 1.3 encrypted flight, TLS 1.2 Finished)."""
    args = ["-r", path, "-d", "tcp.port==%d,tls" % port, "-T", "json", "-x",
            "--no-duplicate-keys", "-Y", "tls.handshake"]
    if keylog:
        args[0:0] = ["-o", "tls.keylog_file:" + keylog]
    pkts = json.loads(tshark(*args) or b"[]")
    msgs = []

    def collect(o, acc):
        if isinstance(o, dict):
            for k, v in o.items():
                if k == "tls.handshake_raw":
                    items = v if isinstance(v[0], list) else [v]
                    for it in items:
                        acc.append(bytes.fromhex(it[0]))
                else:
                    collect(v, acc)
        elif isinstance(o, list):
            for x in o:
                collect(x, acc)

    for p in pkts:
        layers = p["_source"]["layers"]
        tcp = layers.get("tcp", {})
        try:
            stream = int(tcp.get("tcp.stream"))
            sport = int(tcp.get("tcp.srcport"))
        except (TypeError, ValueError):
            continue
        acc = []
        collect(layers.get("tls", {}), acc)
        for m in acc:
            # A raw item may hold several messages: split them by their headers.
            off = 0
            while off + 4 <= len(m):
                ln = int.from_bytes(m[off + 1:off + 4], "big")
                if off + 4 + ln > len(m):
                    break
                msgs.append((stream, sport == port, m[off:off + 4 + ln]))
                off += 4 + ln
    return msgs


def parse_server_hello(body):
    """(version, suite, is_hrr) of a ServerHello body, or None."""
    try:
        legacy = int.from_bytes(body[0:2], "big")
        rnd = body[2:34]
        sid_len = body[34]
        p = 35 + sid_len
        suite = int.from_bytes(body[p:p + 2], "big")
        p += 3
        version = legacy
        if p + 2 <= len(body):
            end = p + 2 + int.from_bytes(body[p:p + 2], "big")
            p += 2
            while p + 4 <= end:
                t = int.from_bytes(body[p:p + 2], "big")
                ln = int.from_bytes(body[p + 2:p + 4], "big")
                if t == 43 and ln == 2:
                    version = int.from_bytes(body[p + 4:p + 6], "big")
                p += 4 + ln
        return version, suite, rnd == HRR_RANDOM
    except IndexError:
        return None


def ext_blocks(mtype, body, tls13, from_server):
    """[(ctx name, block content)] of the extension blocks in a message body."""
    out = []

    def block_at(p, ctx):
        if p + 2 <= len(body):
            ln = int.from_bytes(body[p:p + 2], "big")
            if p + 2 + ln <= len(body):
                out.append((ctx, body[p + 2:p + 2 + ln]))

    try:
        if mtype == 1:
            p = 34
            p += 1 + body[p]
            p += 2 + int.from_bytes(body[p:p + 2], "big")
            p += 1 + body[p]
            block_at(p, "ch")
        elif mtype == 2:
            hrr = body[2:34] == HRR_RANDOM
            p = 35 + body[34] + 3
            block_at(p, "hrr" if hrr else "sh")
        elif mtype == 8:
            block_at(0, "ee")
        elif mtype == 4 and tls13:
            p = 8
            p += 1 + body[p]
            p += 2 + int.from_bytes(body[p:p + 2], "big")
            block_at(p, "nst")
        elif mtype == 13 and tls13:
            p = 1 + body[0]
            block_at(p, "cr")
        elif mtype == 11 and tls13:
            p = 1 + body[0]
            end = p + 3 + int.from_bytes(body[p:p + 3], "big")
            p += 3
            while p + 3 <= end:
                p += 3 + int.from_bytes(body[p:p + 3], "big")
                block_at(p, "cert")
                p += 2 + int.from_bytes(body[p:p + 2], "big")
    except IndexError:
        pass
    return out


def sslv2_from_client_hello(body):
    """The ClientHello's version and suites in an SSLv2 CLIENT-HELLO record."""
    try:
        version = min(int.from_bytes(body[0:2], "big"), 0x0303)
        p = 34
        p += 1 + body[p]
        n = int.from_bytes(body[p:p + 2], "big")
        suites = [body[p + 2 + i:p + 4 + i] for i in range(0, n, 2)]
    except IndexError:
        return None
    specs = b"".join(b"\x00" + s for s in suites[:40]) + bytes.fromhex("010080" "0700c0")
    challenge = body[2:34]
    rec = (b"\x01" + version.to_bytes(2, "big") + len(specs).to_bytes(2, "big") + b"\x00\x00" +
           len(challenge).to_bytes(2, "big") + specs + challenge)
    return (0x8000 | len(rec)).to_bytes(2, "big") + rec


def session_seed(conns, flags):
    """fuzz_session input: flags, then (op, u16 length, data) events."""
    out = bytearray([flags])
    for i, recs in enumerate(conns):
        if i:
            out += b"\x04\x00\x00"  # new connection, same cache
        for from_server, rec in recs:
            data = rec[0:1] + rec[1:3] + rec[5:]
            if len(out) + 3 + len(data) > MAX_SEED:
                break
            out.append(0x80 if from_server else 0x00)
            out += len(data).to_bytes(2, "big") + data
    out += b"\x05\x00\x01\xff"  # ask for the summary and key log lines at the end
    return bytes(out)


# fuzz_decrypt configurations by family (rows of fdec_configs in fuzz_decrypt.c).
DEC_STREAM = [0, 1, 2, 3, 25, 26]
DEC_CBC = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 27, 29]
DEC_AEAD12 = [14, 15, 16, 17, 18, 19, 28, 30]
DEC_AEAD13 = [20, 21, 22, 23, 24, 31]
DEC_BAD = list(range(32, 40))


def decrypt_seeds(corpus, plaintexts, protected12, protected13):
    def rec(ct, rflags, data):
        return bytes([ct, rflags]) + len(data).to_bytes(2, "big") + data

    for cfg in DEC_STREAM + DEC_CBC + DEC_AEAD12 + DEC_AEAD13 + DEC_BAD:
        tls13 = cfg in DEC_AEAD13
        for variant, flags in enumerate((0x00, 0x02, 0x08)):
            body = bytearray()
            for i, (ct, pt) in enumerate(plaintexts):
                if tls13:
                    body += rec(23, 1 | (i % 4) << 3, bytes([ct]) + pt)
                else:
                    body += rec(ct, 1 | (i % 4) << 3, pt)
            # One record sealed then hit by a bit flip, one sealed as is
            # (with DEFLATE, the second must not inflate against a window
            # missing the first: finding F1).
            body += rec(23, 3, (b"\x17" if tls13 else b"") + b"flipped record")
            body += rec(23, 1, (b"\x17" if tls13 else b"") + b"after the flip")
            corpus.add("fuzz_decrypt", bytes([cfg, flags]) + body, "cfg%02d-%d" % (cfg, variant))
        # Real protected records (other keys: they fail the MAC, lengths are real).
        real = protected13 if tls13 else protected12
        if real:
            body = b"".join(rec(r[0], 0, r[5:]) for r in real[:6])
            corpus.add("fuzz_decrypt", bytes([cfg, 0]) + body, "cfg%02d-real" % cfg)


def feature_ext_seeds(corpus):
    """fuzz_extensions seeds from tests/data/hs-manifest.tsv: the handshake
    feature captures carry extensions the main set lacks (status_request in
    a CertificateEntry, signed_certificate_timestamp, srp)."""
    data = os.path.join(ROOT, "tests", "data")
    with open(os.path.join(data, "hs-manifest.tsv")) as f:
        rows = [line.split("\t") for line in f.read().splitlines()[1:]]
    for c in (r for r in rows if len(r) >= 5):
        name, path, port = c[0], os.path.join(data, c[1]), int(c[2])
        msgs = handshake_messages(path, port, os.path.join(data, c[3]))
        tls13 = any(m[0] == 8 for _, _, m in msgs)
        for _, from_server, m in msgs:
            for cname, block in ext_blocks(m[0], m[4:], tls13, from_server):
                corpus.add("fuzz_extensions", bytes([EXT_CTX[cname]]) + block,
                           "%s-%s" % (name, cname))
    # No stack here sends these two: blocks built from the RFC structs.
    def ext(etype, body):
        return etype.to_bytes(2, "big") + len(body).to_bytes(2, "big") + body
    items = bytes.fromhex("01 0004 0000 0000" "02 000b 0003 0001aa 0004 0000ffff".replace(" ", ""))
    v2 = ext(17, len(items).to_bytes(2, "big") + items)  # status_request_v2, RFC 6961 2.2
    corpus.add("fuzz_extensions", bytes([EXT_CTX["ch"]]) + v2, "rfc6961-ch")
    dc = bytes.fromhex("00093a80 0403 000003 300100 0804 0002 aabb".replace(" ", ""))
    corpus.add("fuzz_extensions", bytes([EXT_CTX["cert"]]) + ext(34, dc), "rfc9345-cert")


def ecjpake_seeds(corpus):
    """No stack here speaks EC J-PAKE (draft-cragie-tls-ecjpake-01): its two
    key exchange messages built from the draft's structs, P-256 sized. The
    type bytes 0x85 and 0x89 are unknown types the harness maps to
    ServerKeyExchange and ClientKeyExchange; their top bit adds 16 to the
    context byte's kex, which makes 16, TLSI_KEX_ECJPAKE."""
    def point(tag):
        return bytes([65, 4]) + bytes((tag + i) & 0xFF for i in range(1, 65))
    kp = point(0x10) + point(0x20) + bytes([32]) + bytes(range(0x30, 0x50))
    tls12 = HS_VERSIONS.index(0x0303)
    corpus.add("fuzz_handshake", bytes([0x85, 0x80 | tls12, 3, 0, 23]) + kp, "draft-ecjpake-ske")
    corpus.add("fuzz_handshake", bytes([0x89, tls12]) + kp, "draft-ecjpake-cke")


def main():
    check = "--check" in sys.argv[1:]
    corpus = Corpus(check)
    keylogs = []
    plaintexts = [(23, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"), (21, b"\x01\x00")]
    protected12, protected13 = [], []
    rows = []
    with open(os.path.join(CAPS, "manifest.tsv")) as f:
        for line in f.read().splitlines()[1:]:
            c = line.split("\t")
            if len(c) >= 5:
                rows.append(c)
    for name, file, port, keylog, rsa in (r[:5] for r in rows):
        port = int(port)
        path = os.path.join(CAPS, file)
        kl = os.path.join(CAPS, keylog) if keylog != "-" else None
        if kl:
            with open(kl) as f:
                keylogs.append((name, f.read()))
        streams = streams_of(path)
        conns = []
        for sid in sorted(streams):
            st = streams[sid]
            recs = ordered_records(st, port)
            conns.append(recs)
            for key, buf in sorted(st["dirs"].items()):
                side = "srv" if key[0] == port else "cli"
                corpus.add("fuzz_record", buf[:3000], "%s-%s" % (name, side))
                if sid == 0 and len(buf) > 200:
                    corpus.add("fuzz_record", buf[7:1500], "%s-%s-mid" % (name, side))
            for from_server, r in recs:
                if r[0] == 23:
                    (protected13 if b"tls13" in name.encode() else protected12).append(r)
        flags = 0x0F
        corpus.add("fuzz_session", session_seed(conns, flags), name)
        if rsa != "-":
            corpus.add("fuzz_session", session_seed(conns, flags & ~1), name + "-rsa-only")

        # Handshake messages and extension blocks, with the session's context.
        msgs = handshake_messages(path, port, kl)
        ctx = {}
        for stream, from_server, m in msgs:
            if m[0] == 2:
                sh = parse_server_hello(m[4:])
                if sh and not sh[2]:
                    ctx[stream] = sh
        for stream, from_server, m in msgs:
            version, suite, _ = ctx.get(stream, (0, 0, False))
            vi = HS_VERSIONS.index(version) if version in HS_VERSIONS else 0
            kex = KEX[SUITE_KEX.get(suite, "NULL")]
            cbyte = vi | kex << 3 | (0x80 if from_server else 0)
            body = m[4:]
            corpus.add("fuzz_handshake", bytes([m[0], cbyte]) + body, "%s-t%d" % (name, m[0]))
            if m[0] == 1:
                plaintexts.append((22, m[:400]))
                v2 = sslv2_from_client_hello(body)
                if v2:
                    corpus.add("fuzz_sslv2", v2, name)
            for cname, block in ext_blocks(m[0], body, version == 0x0304, from_server):
                corpus.add("fuzz_extensions", bytes([EXT_CTX[cname]]) + block,
                           "%s-%s" % (name, cname))

    # The forged captures: record framing and the real SSLv2 ClientHello.
    mdir = os.path.join(CAPS, "malformed")
    with open(os.path.join(mdir, "ports.tsv")) as f:
        for line in f.read().splitlines()[1:]:
            c = line.split("\t")
            if len(c) < 4:
                continue
            streams = streams_of(os.path.join(mdir, c[1]))
            for sid in sorted(streams):
                for key, buf in sorted(streams[sid]["dirs"].items()):
                    corpus.add("fuzz_record", buf[:3000], c[0])
                    if buf[:1] and buf[0] & 0x80:
                        corpus.add("fuzz_sslv2", buf[:2 + ((buf[0] & 0x7F) << 8 | buf[1])], c[0])

    # The SSL 2.0 connections (scapy): each direction's stream, clear
    # messages then encrypted records with both header forms.
    v2cap = os.path.join(CAPS, "sslv2", "sslv2-rc4export-3des.pcapng")
    streams = streams_of(v2cap)
    for sid in sorted(streams):
        for key, buf in sorted(streams[sid]["dirs"].items()):
            corpus.add("fuzz_sslv2", buf[:3000], "sslv2-stream")

    feature_ext_seeds(corpus)
    ecjpake_seeds(corpus)
    decrypt_seeds(corpus, plaintexts[:6], protected12, protected13)
    corpus.write()
    if not check:
        write_keys_header(keylogs)


def c_string(text):
    lines = []
    for line in text.splitlines():
        lines.append('    "%s\\n"' % line.replace("\\", "\\\\").replace('"', '\\"'))
    return "\n".join(lines) if lines else '    ""'


def write_keys_header(keylogs):
    with open(os.path.join(CAPS, "keys", "rsa-server.key")) as f:
        pem = f.read()
    # Synthetic entries for hand-made or mutated ClientHellos: the random
    # 01..01 has a CLIENT_RANDOM master secret, 02..02 SHA-256 sized TLS 1.3
    # secrets, 03..03 SHA-384 sized ones.
    synth = ["CLIENT_RANDOM %s %s" % ("01" * 32, "a5" * 48)]
    for rnd, n in (("02", 32), ("03", 48)):
        for label in ("CLIENT_EARLY_TRAFFIC_SECRET", "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
                      "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0",
                      "SERVER_TRAFFIC_SECRET_0"):
            synth.append("%s %s %s" % (label, rnd * 32, "5a" * n))
    text = "".join("# %s\n%s" % (name, kl if kl.endswith("\n") else kl + "\n")
                   for name, kl in keylogs) + "# synthetic\n" + "\n".join(synth) + "\n"
    path = os.path.join(ROOT, "fuzz", "fuzz_session_keys.h")
    with open(path, "w") as f:
        f.write("/* SPDX-License-Identifier: GPL-2.0-or-later */\n")
        f.write("/* Generated by fuzz/make-corpus.py from test-captures/: the key logs of the\n"
                " * test captures (test secrets only) and the test RSA key. Do not edit. */\n")
        f.write("#ifndef TLSI_FUZZ_SESSION_KEYS_H\n#define TLSI_FUZZ_SESSION_KEYS_H\n\n")
        f.write("static const char fses_keylog_text[] =\n%s;\n\n" % c_string(text))
        f.write("static const char fses_rsa_pem[] =\n%s;\n\n" % c_string(pem))
        f.write("#endif\n")
    print("wrote %s (%d key log lines)" % (os.path.relpath(path, ROOT), text.count("\n")))


if __name__ == "__main__":
    main()
