#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Known answers for the TLS 1.3 draft key derivation (test_tls13_keys.c,
test_tls13_drafts). HKDF (RFC 5869) and HkdfLabel written here with
hashlib/hmac from the texts: drafts before 20 prefix labels with
"TLS 1.3, " and update traffic secrets with "application traffic secret"
(draft-ietf-tls-tls13-19 7.1, 7.2); draft 20 on use "tls13 " and
"traffic upd" (RFC 8446 7.1, 7.2). Traffic keys use "key"/"iv" (7.3),
Finished "finished" (4.4.4). Secret 40..5f, transcript hash 00..1f, SHA-256.
"""
import hashlib
import hmac


def expand(secret, info, n):
    out, t, i = b"", b"", 1
    while len(out) < n:
        t = hmac.new(secret, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:n]


def hkdf_label(prefix, label, context, n):
    full = (prefix + label).encode()
    return n.to_bytes(2, "big") + bytes([len(full)]) + full + bytes([len(context)]) + context


SECRET = bytes(range(0x40, 0x60))
TRANSCRIPT = bytes(range(32))
for prefix, update in (("TLS 1.3, ", "application traffic secret"), ("tls13 ", "traffic upd")):
    print(repr(prefix))
    print(" key", expand(SECRET, hkdf_label(prefix, "key", b"", 16), 16).hex())
    print(" iv ", expand(SECRET, hkdf_label(prefix, "iv", b"", 12), 12).hex())
    print(" upd", expand(SECRET, hkdf_label(prefix, update, b"", 32), 32).hex())
    fk = expand(SECRET, hkdf_label(prefix, "finished", b"", 32), 32)
    print(" fin", hmac.new(fk, TRANSCRIPT, hashlib.sha256).hexdigest())
