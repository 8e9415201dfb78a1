#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Differential test of the record layer: over every capture, tlsi (built-in
# TLS disabled) and Wireshark's built-in TLS dissector (tlsi disabled) must
# see the same records, per TCP stream and direction, in the same order, with
# the same content type, version and length. It fails if tlsi drops, merges,
# splits or misreads a record.
#
# The built-in runs with tls.desegment_ssl_application_data:FALSE: Wireshark
# 4.4's TLS dissector shows no TLS at all in a segment whose record follows
# an HTTP/1.0 response held for reassembly up to the end of the connection
# (the server's close_notify after "s_server -www"); records are records
# whatever happens to the plaintext, so this loses nothing here.
source "$(dirname "$0")/../lib/env.sh"
PY="python3 $TLSI_SOURCE_DIR/tests/lib/records.py"

checked=0
while read -r name file port keylog rsa; do
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls -T pdml \
        2>"$TLSI_TMP/err" | $PY tlsi >"$TLSI_TMP/tlsi.json"
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi -T pdml \
        -o tls.desegment_ssl_application_data:FALSE \
        2>>"$TLSI_TMP/err" | $PY tls >"$TLSI_TMP/tls.json"
    python3 - "$name" "$TLSI_TMP/tlsi.json" "$TLSI_TMP/tls.json" <<'PYEOF' || fail "$name: records differ"
import json, sys
name, a, b = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
if not b:
    sys.exit("%s: the built-in dissector saw no records (bad capture?)" % name)
ok = True
for key in sorted(set(a) | set(b)):
    ra, rb = a.get(key, []), b.get(key, [])
    if ra != rb:
        ok = False
        n = next((i for i, (x, y) in enumerate(zip(ra, rb)) if x != y), min(len(ra), len(rb)))
        print("%s %s: tlsi %d records, built-in %d; first difference at #%d: tlsi %s, built-in %s"
              % (name, key, len(ra), len(rb), n, ra[n] if n < len(ra) else None,
                 rb[n] if n < len(rb) else None))
total = sum(len(v) for v in b.values())
print("%s: %d records in %d stream directions %s" % (name, total, len(b), "agree" if ok else "DIFFER"))
sys.exit(0 if ok else 1)
PYEOF
    if grep -qi "error\|critical\|segmentation" "$TLSI_TMP/err"; then
        cat "$TLSI_TMP/err" >&2
        fail "$name: tshark reported errors"
    fi
    checked=$((checked + 1))
done < <(manifest)
[ "$checked" -gt 0 ] || fail "no captures in the manifest"
echo "records_vs_builtin: $checked captures agree"
