#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Handshake messages and alerts of a capture, from tshark PDML, per TCP
stream and direction, for one dissector prefix ("tlsi" or "tls"), and a
comparison of two such extracts.

    handshakes.py extract PREFIX < pdml > out.json
    handshakes.py compare NAME tlsi.json tls.json

An extract is {"stream/srcport": {"msgs": [msg, ...], "alerts": [[level, desc], ...]}}
where each msg is {"type": n, <key>: [values...], ...} holding every value of
the fields below found inside that handshake message, in tree order.

The compare step checks, per stream direction, that both dissectors saw the
same handshake messages in the same order with the same values, and
recomputes JA4 (FoxIO technical_details/JA4.md, the BSD-licensed client part)
from the built-in dissector's ClientHello fields to check tlsi's JA4 against
an implementation that shares no code with tlsi's.
"""
import hashlib
import json
import sys
import xml.etree.ElementTree as ET

# key: (built-in names, tlsi names, kind). Kinds: int (value as hex bytes),
# hex (bytes), str (shown text).
FIELDS = {
    "version": (["tls.handshake.version"], ["tlsi.handshake.version"], "int"),
    "random": (["tls.handshake.random"], ["tlsi.handshake.random"], "hex"),
    "session_id": (["tls.handshake.session_id"], ["tlsi.handshake.session_id"], "hex"),
    # tlsi.handshake.ciphersuite matches offered and chosen suites, as the built-in's.
    "suites": (["tls.handshake.ciphersuite"], ["tlsi.handshake.ciphersuite"], "int"),
    "comp": (["tls.handshake.comp_method"], ["tlsi.handshake.comp_method"], "int"),
    "ext_types": (["tls.handshake.extension.type"], ["tlsi.handshake.extension.type"], "int"),
    "sni": (["tls.handshake.extensions_server_name"],
            ["tlsi.handshake.extensions_server_name"], "str"),
    "versions": (["tls.handshake.extensions.supported_version"],
                 ["tlsi.handshake.extensions.supported_version"], "int"),
    "alpn": (["tls.handshake.extensions_alpn_str"], ["tlsi.handshake.extensions_alpn_str"], "str"),
    "groups": (["tls.handshake.extensions_supported_group"],
               ["tlsi.handshake.extensions_supported_group"], "int"),
    "key_share_groups": (["tls.handshake.extensions_key_share_group"],
                         ["tlsi.handshake.extensions_key_share_group"], "int"),
    # tlsi.handshake.sig_hash_alg also names the algorithm of a signature, as the built-in's.
    "sig_algs": (["tls.handshake.sig_hash_alg"], ["tlsi.handshake.sig_hash_alg"], "int"),
    "sig_hash_hash": (["tls.handshake.sig_hash_hash"], ["tlsi.handshake.sig_hash_hash"], "int"),
    "sig_hash_sig": (["tls.handshake.sig_hash_sig"], ["tlsi.handshake.sig_hash_sig"], "int"),
    "status_request_lens": (["tls.handshake.extensions_status_request_responder_ids_len",
                             "tls.handshake.extensions_status_request_exts_len",
                             "tls.handshake.extensions_status_request_list_len",
                             "tls.handshake.extensions_status_request_len"],
                            ["tlsi.handshake.extensions_status_request_responder_ids_len",
                             "tlsi.handshake.extensions_status_request_exts_len",
                             "tlsi.handshake.extensions_status_request_list_len",
                             "tlsi.handshake.extensions_status_request_len"], "int"),
    "alps": (["tls.handshake.extensions_alps_len", "tls.handshake.extensions_alps_alpn_str"],
             ["tlsi.handshake.extensions_alps_len", "tlsi.handshake.extensions_alps_alpn_str"],
             "str"),
    "connection_id": (["tls.connection_id_length", "tls.connection_id"],
                      ["tlsi.connection_id_length", "tlsi.connection_id"], "str"),
    "cert_type_list": (["tls.handshake.cert_type.types_len", "tls.handshake.cert_type.type"],
                       ["tlsi.handshake.cert_type.types_len", "tlsi.handshake.cert_type.type"],
                       "int"),
    "srp_username": (["tls.handshake.extensions_srp_username"],
                     ["tlsi.handshake.extensions_srp_username"], "str"),
    # Signed Certificate Timestamps (RFC 6962), field by field.
    "sct_lens": (["tls.sct.scts_length", "tls.sct.sct_length"],
                 ["tlsi.sct.scts_length", "tlsi.sct.sct_length"], "int"),
    "sct_version": (["tls.sct.sct_version"], ["tlsi.sct.sct_version"], "int"),
    "sct_logid": (["tls.sct.sct_logid"], ["tlsi.sct.sct_logid"], "hex"),
    "sct_timestamp": (["tls.sct.sct_timestamp"], ["tlsi.sct.sct_timestamp"], "str"),
    "sct_extensions_length": (["tls.sct.sct_extensions_length"],
                              ["tlsi.sct.sct_extensions_length"], "int"),
    "sct_signature": (["tls.sct.sct_signature"], ["tlsi.sct.sct_signature"], "hex"),
    "named_curve": (["tls.handshake.server_named_curve"], ["tlsi.handshake.server_named_curve"],
                    "int"),
    "cert_len": (["tls.handshake.certificate_length"], ["tlsi.handshake.certificate_length"],
                 "int"),
    "ticket": (["tls.handshake.session_ticket"], ["tlsi.handshake.session_ticket"], "hex"),
    "psk_identity": (["tls.handshake.extensions.psk.identity.identity"],
                     ["tlsi.handshake.extensions.psk.identity.identity"], "hex"),
    "max_frag": (["tls.handshake.max_fragment_length"], ["tlsi.handshake.max_fragment_length"],
                 "int"),
    "ec_point_formats": (["tls.handshake.extensions_ec_point_format"],
                         ["tlsi.handshake.extensions_ec_point_format"], "int"),
    "ocsp_len": (["tls.handshake.ocsp_response_len"],
                 ["tlsi.handshake.ocsp_response_len",
                  "tlsi.handshake.extensions_status_request_ocsp_len"], "int"),
    "cert_types": (["tls.handshake.cert_type"], ["tlsi.handshake.cert_type"], "int"),
    "dname_len": (["tls.handshake.dname_len"], ["tlsi.handshake.dname_len"], "int"),
    "kex_len": (["tls.handshake.epms_len", "tls.handshake.yc_len", "tls.handshake.client_point_len",
                 "tls.handshake.server_point_len"],
                ["tlsi.handshake.epms_len", "tlsi.handshake.yc_len",
                 "tlsi.handshake.client_point_len", "tlsi.handshake.server_point_len"], "int"),
    "dh_lens": (["tls.handshake.p_len", "tls.handshake.g_len", "tls.handshake.ys_len"],
                ["tlsi.handshake.p_len", "tlsi.handshake.g_len", "tlsi.handshake.ys_len"], "int"),
    "sig_len": (["tls.handshake.sig_len", "tls.handshake.client_cert_vrfy.sig_len"],
                ["tlsi.handshake.signature_length"], "int"),
    "psk_hint": (["tls.handshake.hint"], ["tlsi.handshake.psk_identity_hint"], "hex"),
    "psk_kex_identity": (["tls.handshake.identity"], ["tlsi.handshake.psk_identity"], "hex"),
    "ticket_lifetime": (["tls.handshake.session_ticket_lifetime_hint"],
                        ["tlsi.handshake.session_ticket_lifetime_hint"], "int"),
    "key_update": (["tls.handshake.key_update.request_update"],
                   ["tlsi.handshake.key_update.request_update"], "int"),
    "ja3_full": (["tls.handshake.ja3_full"], ["tlsi.handshake.ja3_full"], "str"),
    "ja3": (["tls.handshake.ja3"], ["tlsi.handshake.ja3"], "str"),
    "ja3s_full": (["tls.handshake.ja3s_full"], ["tlsi.handshake.ja3s_full"], "str"),
    "ja3s": (["tls.handshake.ja3s"], ["tlsi.handshake.ja3s"], "str"),
    # tlsi only: checked against the JA4 recomputed from the built-in's fields.
    "ja4": ([], ["tlsi.handshake.ja4"], "str"),
    "ja4_r": ([], ["tlsi.handshake.ja4_r"], "str"),
}


def value_of(field, kind):
    show = field.get("show", "")
    value = field.get("value")
    if kind == "str":
        return show
    if kind == "hex":
        return value if value is not None else show.replace(":", "")
    if value:
        return int(value, 16)
    return int(show, 0)


def extract(prefix):
    index = {}
    for key, (tls_names, tlsi_names, kind) in FIELDS.items():
        for n in (tlsi_names if prefix == "tlsi" else tls_names):
            index[n] = (key, kind)
    hs_name = prefix + ".handshake"
    type_name = prefix + ".handshake.type"
    ext_type_name = prefix + ".handshake.extension.type"
    alert_level = prefix + (".alert.level" if prefix == "tlsi" else ".alert_message.level")
    alert_desc = prefix + (".alert.description" if prefix == "tlsi" else ".alert_message.desc")

    def walk(elem, msg, ext):
        for child in elem:
            name = child.get("name", "")
            sub_ext = ext
            for g in child:
                if g.get("name") == ext_type_name:
                    sub_ext = value_of(g, "int")
            if name == type_name:
                msg["type"] = value_of(child, "int")
            elif name in index:
                key, kind = index[name]
                msg.setdefault(key, []).append(value_of(child, kind))
                # JA4 needs signature_algorithms alone (not _cert).
                if key == "sig_algs" and ext == 13:
                    msg.setdefault("sig_algs_ext13", []).append(value_of(child, kind))
                if key == "alpn" and ext == 16:
                    msg.setdefault("alpn_ext16", []).append(value_of(child, kind))
            walk(child, msg, sub_ext)

    def find(elem, out, frame, verified):
        for child in elem:
            name = child.get("name", "")
            if name == hs_name:
                msg = {}
                walk(child, msg, None)
                out["msgs"].append(msg)
                continue
            if name == prefix + ".record":
                kids = {g.get("name") for g in child}
                # A protected record the dissector could not decrypt: the
                # built-in then shows the outer (opaque) type alone.
                if prefix + ".record.opaque_type" in kids and \
                        prefix + ".record.content_type" not in kids:
                    out["undecrypted"].append(frame)
                ok = True
                for g in child:
                    if g.get("name") == "tlsi.decryption.decrypted":
                        ok = g.get("show") in ("1", "True", "true")
                find(child, out, frame, ok)
                continue
            if name in index and out["msgs"]:
                # The built-in 4.0 hangs the KeyUpdate request beside its
                # handshake item, not under it: it belongs to that message.
                key, kind = index[name]
                out["msgs"][-1].setdefault(key, []).append(value_of(child, kind))
            elif name == alert_level:
                out["alerts"].append([value_of(child, "int"), None, frame, verified])
            elif name == alert_desc and out["alerts"] and out["alerts"][-1][1] is None:
                out["alerts"][-1][1] = value_of(child, "int")
            find(child, out, frame, verified)

    result = {}
    for _, packet in ET.iterparse(sys.stdin.buffer, events=("end",)):
        if packet.tag != "packet":
            continue
        stream = sport = frame = None
        out = {"msgs": [], "alerts": [], "undecrypted": []}
        for proto in packet.iter("proto"):
            pname = proto.get("name")
            if pname == "frame":
                for f in proto.iter("field"):
                    if f.get("name") == "frame.number":
                        frame = int(f.get("show"))
            elif pname == "tcp":
                for f in proto.iter("field"):
                    if f.get("name") == "tcp.stream":
                        stream = f.get("show")
                    elif f.get("name") == "tcp.srcport":
                        sport = f.get("show")
            elif pname == prefix:
                find(proto, out, frame, True)
        if out["msgs"] or out["alerts"] or out["undecrypted"]:
            d = result.setdefault("%s/%s" % (stream, sport),
                                  {"msgs": [], "alerts": [], "undecrypted": []})
            for k in d:
                d[k].extend(out[k])
        packet.clear()
    json.dump(result, sys.stdout, sort_keys=True)


GREASE = {0x0A0A + 0x1010 * i for i in range(16)}


def ja4_from(msg):
    """JA4 and JA4_r of a ClientHello, from the built-in dissector's fields
    (JA4.md: TLS over TCP, sorted ciphers and extensions, SNI and ALPN out of
    the extension hash, signature algorithms in wire order)."""
    suites = [s for s in msg.get("suites", []) if s not in GREASE]
    exts = [e for e in msg.get("ext_types", []) if e not in GREASE]
    versions = [v for v in msg.get("versions", []) if v not in GREASE]
    ver = max(versions) if versions else msg.get("version", [0])[0]
    vmap = {0x0304: "13", 0x0303: "12", 0x0302: "11", 0x0301: "10", 0x0300: "s3",
            0x0002: "s2"}
    vstr = vmap.get(ver, "00")
    sni = "d" if 0 in exts else "i"
    alpn = msg.get("alpn_ext16", [])
    if alpn and alpn[0]:
        a = alpn[0]
        first, last = a[0], a[-1]
        if first.isascii() and first.isalnum() and last.isascii() and last.isalnum():
            astr = first + last
        else:
            h = a.encode().hex()
            astr = h[0] + h[-1]
    else:
        astr = "00"
    head = "t%s%s%02d%02d%s" % (vstr, sni, min(len(suites), 99), min(len(exts), 99), astr)
    cs = ",".join("%04x" % s for s in sorted(suites))
    ex = ",".join("%04x" % e for e in sorted(e for e in exts if e not in (0, 16)))
    sig = ",".join("%04x" % s for s in msg.get("sig_algs_ext13", []))
    ext_part = ex + ("_" + sig if sig else "")

    def h12(s):
        return hashlib.sha256(s.encode()).hexdigest()[:12] if s else "000000000000"

    return "%s_%s_%s" % (head, h12(cs), h12(ext_part)), "%s_%s_%s" % (head, cs, ext_part)


def compare(name, a, b):
    if not b:
        print("%s: the built-in dissector saw no handshake messages" % name)
        return False
    ok = True
    checked = 0
    ja4_checked = 0
    extra_verified = 0
    keys = [k for k in FIELDS if FIELDS[k][0]]
    for sd in sorted(set(a) | set(b)):
        ma = a.get(sd, {}).get("msgs", [])
        mb = b.get(sd, {}).get("msgs", [])
        ta = [m.get("type") for m in ma]
        tb = [m.get("type") for m in mb]
        if ta != tb:
            # A message the built-in left encrypted (type None) that tlsi
            # decrypted is tlsi knowing more (Wireshark 4.4 does not decrypt
            # the client Finished of a session resumed from one opened by an
            # SSLv2-format hello): reported, not failed. Any other
            # difference fails.
            if len(ta) == len(tb) and all(y is None or x == y for x, y in zip(ta, tb)):
                print("%s %s: decrypted by tlsi only: messages %s (built-in %s)" % (name, sd, ta, tb))
            else:
                print("%s %s: handshake types differ: tlsi %s, built-in %s" % (name, sd, ta, tb))
                ok = False
                continue
        for i, (x, y) in enumerate(zip(ma, mb)):
            if y.get("type") is None and x.get("type") is not None:
                continue
            if y.get("type") in (12, 16) and set(y) == {"type"} and set(x) != {"type"}:
                # The built-in left a key exchange body undissected (its
                # suite table lacks the suite's key exchange, e.g. ECDHE_PSK
                # in 4.0): nothing to compare, tlsi's fields are reported.
                print("%s %s msg #%d (type %s): dissected by tlsi only: %s"
                      % (name, sd, i, y["type"], {k: v for k, v in x.items() if k != "type"}))
                continue
            for k in keys:
                yk = y.get(k, [])
                if k == "psk_hint":
                    # Wireshark 4.4 shows an empty hint as an empty field;
                    # 4.0 (PSK) and tlsi show none.
                    yk = [v for v in yk if v]
                if x.get(k, []) != yk:
                    print("%s %s msg #%d (type %s) %s: tlsi %s, built-in %s"
                          % (name, sd, i, x.get("type"), k, x.get(k), y.get(k)))
                    ok = False
                else:
                    checked += len(yk)
            if y.get("type") == 1:
                ja4, ja4_r = ja4_from(y)
                if x.get("ja4") != [ja4] or x.get("ja4_r") != [ja4_r]:
                    print("%s %s msg #%d: JA4 tlsi %s / %s, recomputed %s / %s"
                          % (name, sd, i, x.get("ja4"), x.get("ja4_r"), ja4, ja4_r))
                    ok = False
                ja4_checked += 1
        # An alert tlsi decrypted and verified (MAC or AEAD tag) in a record
        # the built-in dissector left encrypted is tlsi knowing more, not a
        # disagreement (the built-in 4.0 loses the client keys after TLS 1.3
        # post-handshake authentication); it is reported, not failed.
        opaque = set(b.get(sd, {}).get("undecrypted", []))
        aa = []
        for al in a.get(sd, {}).get("alerts", []):
            if al[2] in opaque and al[3]:
                print("%s %s: frame %d: alert %s/%s decrypted and verified by tlsi only"
                      % (name, sd, al[2], al[0], al[1]))
                extra_verified += 1
            else:
                aa.append(al[:3])
        ab = [al[:3] for al in b.get(sd, {}).get("alerts", [])]
        if aa != ab:
            print("%s %s: alerts differ: tlsi %s, built-in %s" % (name, sd, aa, ab))
            ok = False
        checked += len(ab)
    n = sum(len(v.get("msgs", [])) for v in b.values())
    print("%s: %d handshake messages, %d values, %d JA4 in %d stream directions %s"
          % (name, n, checked, ja4_checked, len(b), "agree" if ok else "DIFFER"))
    if n == 0:
        return False
    return ok


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "extract":
        extract(sys.argv[2])
        return 0
    if len(sys.argv) == 5 and sys.argv[1] == "compare":
        a = json.load(open(sys.argv[3]))
        b = json.load(open(sys.argv[4]))
        return 0 if compare(sys.argv[2], a, b) else 1
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
