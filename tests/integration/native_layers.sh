#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tlsi as a native layer (issue 12): the rest of Wireshark sees tlsi's
# decrypted traffic as it sees the built-in TLS dissector's. On the same
# captures (HTTP/1.1 and HTTP/2 (ALPN h2) on port 443, handshake messages
# spanning records), against the built-in (tests/lib/native_cmp.py, per frame):
#  - the top-level layer keys of -T json (one pass and two passes), with
#    tls/tls.segments named tlsi/tlsi.segments;
#  - HTTP's expert info (no "Unencrypted HTTP protocol detected over
#    encrypted port", which HTTP raises on port 443 unless it sees TLS) and
#    its full request URIs (https://);
#  - the reassembly navigation fields and tls.app_data_proto;
#  - that tlsi frames show no tls layer (display filter, frame.protocols);
# and the PDUs exported with -U "OSI layer 7" (number, length, origin),
# and the preference not to reassemble application data across records.
source "$(dirname "$0")/../lib/env.sh"

cp "$TLSI_SOURCE_DIR"/tests/data/native/native-* "$CAPS/"
tail -n +2 "$TLSI_SOURCE_DIR/tests/data/native/manifest.tsv" |
    awk -F'\t' '{ print $1, $2, $3, $4 }' >"$TLSI_TMP/list"
chmod -R a+rX "$CAPS"
OUT="$TLSI_TMP/out"
mkdir -p "$OUT"
chmod a+rwx "$OUT"
CMP="$TLSI_SOURCE_DIR/tests/lib/native_cmp.py"

https=0
while read -r name file port keylog; do
    bi=(-r "$CAPS/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi -o "tls.keylog_file:$CAPS/$keylog")
    tl=(-r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls -o "tlsi.keylog_file:$CAPS/$keylog")
    passes=(-2)
    case $name in *http11 | *h2) passes+=("") ;; esac # one pass: the order of the layers
    for pass in "${passes[@]}"; do
        tshark_tlsi "${bi[@]}" $pass -T json --no-duplicate-keys 2>/dev/null >"$OUT/bi.json"
        tshark_tlsi "${tl[@]}" $pass -T json --no-duplicate-keys 2>/dev/null >"$OUT/tl.json"
        python3 "$CMP" "$OUT/bi.json" "$OUT/tl.json" || fail "$name ${pass:-(one pass)}: differs"
    done
    grep -q '"http.request.full_uri": "https://' "$OUT/bi.json" && https=$((https + 1))

    rm -f "$OUT/bi.pcapng" "$OUT/tl.pcapng"
    tshark_tlsi "${bi[@]}" -U "OSI layer 7" -w "$OUT/bi.pcapng" -q 2>/dev/null
    tshark_tlsi "${tl[@]}" -U "OSI layer 7" -w "$OUT/tl.pcapng" -q 2>/dev/null
    for w in bi tl; do
        tshark_tlsi -r "$OUT/$w.pcapng" -T fields -e frame.len -e exported_pdu.orig_fno \
            -e frame.protocols 2>/dev/null >"$OUT/$w.pdus"
    done
    [ -s "$OUT/bi.pdus" ] || fail "$name: the built-in exports no PDU"
    diff "$OUT/bi.pdus" "$OUT/tl.pdus" || fail "$name: exported PDUs differ"
    echo "$name: $(wc -l <"$OUT/bi.pdus") exported PDUs agree"
done <"$TLSI_TMP/list"
[ "$https" -ge 4 ] || fail "only $https captures with https:// URIs from the built-in"

# One PDU per record when asked (the body records become HTTP continuations).
read -r name file port keylog < <(grep '^native-tls12-http11 ' "$TLSI_TMP/list")
tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi \
    -o "tls.keylog_file:$CAPS/$keylog" -o tls.desegment_ssl_application_data:FALSE \
    -T fields -e frame.number -e frame.protocols -e _ws.col.Info -Y http 2>/dev/null |
    sed 's/:tls:/:X:/' >"$OUT/bi.nodeseg"
tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
    -o "tlsi.keylog_file:$CAPS/$keylog" -o tlsi.desegment_ssl_application_data:FALSE \
    -T fields -e frame.number -e frame.protocols -e _ws.col.Info -Y http 2>/dev/null |
    sed 's/:tlsi:/:X:/' >"$OUT/tl.nodeseg"
grep -q Continuation "$OUT/bi.nodeseg" || fail "built-in: no continuation without desegmentation"
diff "$OUT/bi.nodeseg" "$OUT/tl.nodeseg" || fail "desegment_ssl_application_data off differs"
echo "native_layers: all captures agree with the built-in"
