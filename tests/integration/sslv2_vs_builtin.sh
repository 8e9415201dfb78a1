#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SSL 2.0 past the CLIENT-HELLO against the built-in TLS dissector, on
# test-captures/sslv2/sslv2-rc4export-3des.pcapng: two real SSL 2.0
# connections made by scapy (RC4_128_EXPORT40 with clear key data and 2-byte
# record headers; DES_192_EDE3_CBC with a key argument and 3-byte headers
# with padding). Neither dissector decrypts SSL 2.0.
#  1. Framing: every record the built-in shows, tlsi shows at the same
#     offset with the same size, on the same frames, and with the same name
#     (Server Hello, Client Master Key, Encrypted Data; the Client Hello is
#     tested elsewhere).
#  2. Fields: on every record but the CLIENT-HELLO, each tls.handshake.*
#     item the built-in draws, tlsi draws as tlsi.handshake.* (same suffix)
#     at the same offset and size with the same bytes, and no more; also
#     tls.record.length and the padding length of a 3-byte header, where
#     the built-in draws them. "No more" holds against 4.0, the reference:
#     later built-ins draw less (4.4 draws no message type, certificate type
#     or cipher specs in SERVER-HELLO and CLIENT-MASTER-KEY), and tlsi keeps them.
source "$(dirname "$0")/../lib/env.sh"

D="$CAPS/sslv2"
read -r _ file port _ < <(tail -n +2 "$D/manifest.tsv")
tshark_tlsi -r "$D/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi -T pdml \
    >"$TLSI_TMP/bi.pdml" 2>/dev/null || fail "tshark (built-in)"
tshark_tlsi -r "$D/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls -T pdml \
    >"$TLSI_TMP/tl.pdml" 2>"$TLSI_TMP/tl.err" || { cat "$TLSI_TMP/tl.err" >&2; fail "tshark (tlsi)"; }

WSVER=$(pkg-config --modversion wireshark | cut -d. -f1,2)
python3 - "$TLSI_TMP/bi.pdml" "$TLSI_TMP/tl.pdml" "$WSVER" <<'PY'
import sys
import xml.etree.ElementTree as ET

# Record-level fields compared where the built-in draws them (it draws no
# length on an encrypted record; tlsi does).
RECORD = ("record.length", "record.padding_length", "record.is_escape")


def records(path, pre):
    """frame -> list of (pos, size, label, {(suffix, pos, size, value)})."""
    out = {}
    for pkt in ET.parse(path).getroot():
        frame = None
        recs = []
        for f in pkt.iter("field"):
            if f.get("name") == "frame.number":
                frame = int(f.get("show"))
            if f.get("name") != pre + ".record":
                continue
            label = f.get("showname", "").split(": ", 1)[-1]
            items = set()
            for g in f.iter("field"):
                name = g.get("name", "")
                if not name.startswith(pre + "."):
                    continue
                suffix = name[len(pre) + 1:]
                if suffix.startswith("handshake.") or suffix in RECORD:
                    items.add((suffix, g.get("pos"), g.get("size"), g.get("value", "")))
            recs.append((f.get("pos"), f.get("size"), label, items))
        if recs:
            out[frame] = recs
    return out


bi = records(sys.argv[1], "tls")
tl = records(sys.argv[2], "tlsi")
reference = sys.argv[3] == "4.0"
bad = []
n_more = 0
if sorted(bi) != sorted(tl):
    bad.append("frames with records: built-in %s, tlsi %s" % (sorted(bi), sorted(tl)))
n_fields = n_enc = n_msgs = 0
for frame in sorted(set(bi) & set(tl)):
    if len(bi[frame]) != len(tl[frame]):
        bad.append("frame %d: %d records, tlsi %d" % (frame, len(bi[frame]), len(tl[frame])))
        continue
    for (bp, bs, bl, bitems), (tp, ts, tlab, titems) in zip(bi[frame], tl[frame]):
        if (bp, bs) != (tp, ts):
            bad.append("frame %d: record at %s+%s, tlsi %s+%s" % (frame, bp, bs, tp, ts))
        if bl.startswith("Client Hello"):
            continue
        if bl != tlab:
            bad.append("frame %d: record %r, tlsi %r" % (frame, bl, tlab))
        n_enc += bl == "Encrypted Data"
        n_msgs += bl != "Encrypted Data"
        # The built-in's FT_NONE items have no value; tlsi's FT_BYTES items
        # over the same bytes do. Compare bytes where the built-in has them.
        bvals = {(s, p, z): v for s, p, z, v in bitems}
        tvals = {(s, p, z): v for s, p, z, v in titems
                 if s.startswith("handshake.") or (s, p, z) in bvals}
        if not reference and set(bvals) < set(tvals):
            n_more += len(set(tvals) - set(bvals))
        elif set(bvals) != set(tvals):
            bad.append("frame %d: only the built-in: %s; only tlsi: %s" % (
                frame, sorted(set(bvals) - set(tvals)), sorted(set(tvals) - set(bvals))))
        for k, v in bvals.items():
            if v and k in tvals and tvals[k] != v:
                bad.append("frame %d: %s = %s, tlsi %s" % (frame, k[0], v, tvals[k]))
        n_fields += len(bvals)
for b in bad:
    print("FAIL " + b, file=sys.stderr)
if not bad and (n_msgs < 4 or n_enc < 10 or n_fields < 30):
    print("FAIL too little compared: %d messages, %d encrypted records, %d fields"
          % (n_msgs, n_enc, n_fields), file=sys.stderr)
    sys.exit(1)
if bad:
    sys.exit(1)
print("sslv2: %d frames, %d clear messages (%d fields) and %d encrypted records as the built-in"
      " (%s; %d items only tlsi draws)" % (len(bi), n_msgs, n_fields, n_enc, sys.argv[3], n_more))
PY
