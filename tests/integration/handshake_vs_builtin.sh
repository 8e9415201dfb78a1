#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Differential test of the handshake trees: over every capture in the
# manifest, with its key log so encrypted handshakes are
# decrypted, tlsi (built-in TLS disabled) and Wireshark's built-in TLS
# dissector (tlsi disabled) must show, per TCP stream and direction, the same
# handshake messages in the same order, with the same version, random,
# session id, cipher suites, compression methods, extension types, server
# name, supported versions, ALPN, groups, key shares, signature algorithms,
# the hash/signature split of signature algorithms, named curve, certificate
# lengths, tickets, PSK identities, status_request lengths, Signed Certificate
# Timestamps field by field, ALPS, connection_id, certificate types, the SRP
# username, JA3/JA3S, and the same alerts. tlsi's JA4 is checked against a JA4 recomputed in Python from
# the built-in dissector's ClientHello fields (tests/lib/handshakes.py).
source "$(dirname "$0")/../lib/env.sh"
PY="python3 $TLSI_SOURCE_DIR/tests/lib/handshakes.py"

# The handshake feature captures of tests/data (OCSP stapling, CA names,
# ALPN, max_fragment_length, SCTs, SRP username; made by
# tests/data/make-hs-features.sh) too.
HSDATA="$TLSI_TMP/hsdata"
mkdir -p "$HSDATA"
cp "$TLSI_SOURCE_DIR"/tests/data/hs-* "$HSDATA/"
# And a forged ClientHello full of GREASE values (RFC 8701: a suite, an
# extension, a group, a version), as Chrome sends them and no stack here
# does: JA3 must skip them like the built-in, JA4 like the JA4 spec.
R32=$(printf '22%.0s' $(seq 32))
python3 "$TLSI_SOURCE_DIR/tests/lib/forge.py" "$HSDATA/grease.pcap" 40003 4433 \
    "c:16 0301 0075 01 000071 0303 $R32 00 0006 0a0a c02f 1301 01 00 0042
       2a2a 0000  000a 0008 0006 3a3a 001d 0017  002b 0005 04 4a4a 0304
       000d 0004 0002 0403  0010 000b 0009 08 687474702f312e31
       0000 000e 000c 00 0009 6c6f63616c686f7374"
printf 'grease-client-hello\tgrease.pcap\t4433\tnone.keylog\t-\n' >>"$HSDATA/hs-manifest.tsv"
: >"$HSDATA/none.keylog"
chmod -R a+rX "$HSDATA"

checked=0
while read -r dir name file port keylog rsa; do
    tlsi_opts=(-o "tlsi.keylog_file:$dir/$keylog")
    # Application data is not compared; left whole, 4.4's built-in loses the
    # close_notify after an HTTP/1.0 response (see records_vs_builtin.sh).
    tls_opts=(-o "tls.keylog_file:$dir/$keylog" -o tls.desegment_ssl_application_data:FALSE)
    tshark_tlsi -r "$dir/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
        "${tlsi_opts[@]}" -T pdml 2>"$TLSI_TMP/err" | $PY extract tlsi >"$TLSI_TMP/tlsi.json"
    tshark_tlsi -r "$dir/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi \
        "${tls_opts[@]}" -T pdml 2>>"$TLSI_TMP/err" | $PY extract tls >"$TLSI_TMP/tls.json"
    $PY compare "$name" "$TLSI_TMP/tlsi.json" "$TLSI_TMP/tls.json" ||
        fail "$name: handshakes differ"
    if grep -qi "critical\|segmentation\|dissector bug" "$TLSI_TMP/err"; then
        cat "$TLSI_TMP/err" >&2
        fail "$name: tshark reported errors"
    fi
    checked=$((checked + 1))
done < <(manifest | sed "s#^#$CAPS #"
          tail -n +2 "$HSDATA/hs-manifest.tsv" |
              awk -F'\t' -v d="$HSDATA" 'NF >= 5 { print d, $1, $2, $3, $4, $5 }')
[ "$checked" -gt 2 ] || fail "only $checked captures checked"

# Negative check: the comparer must notice a difference. Drop one cipher
# suite from tlsi's extract of the last capture and expect a failure.
python3 - "$TLSI_TMP/tlsi.json" "$TLSI_TMP/tampered.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
for sd in d.values():
    for m in sd["msgs"]:
        if m.get("suites"):
            m["suites"] = m["suites"][1:]
            json.dump(d, open(sys.argv[2], "w"))
            sys.exit(0)
sys.exit("no cipher suites to tamper with")
PYEOF
if $PY compare tampered "$TLSI_TMP/tampered.json" "$TLSI_TMP/tls.json" >/dev/null; then
    fail "the comparer accepted a tampered extract"
fi
echo "handshake_vs_builtin: $checked captures agree"
