#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Wireshark's own JA4 as a second oracle for tlsi.handshake.ja4 (the first is
# the test's own computation in handshake_vs_builtin.sh): for every
# ClientHello of every capture, tlsi (built-in TLS disabled) and the built-in
# TLS dissector (tlsi disabled) must give the same JA4, frame by frame.
# Wireshark computes JA4 (tls.handshake.ja4) from 4.2 on; with an older one
# the test is skipped (exit 77, ctest's skip code); it runs in the 4.4 chroot.
source "$(dirname "$0")/../lib/env.sh"

if ! tshark_tlsi -G fields 2>/dev/null | awk -F'\t' '$3 == "tls.handshake.ja4" { f = 1 } END { exit !f }'; then
    echo "SKIP: Wireshark $TLSI_WS_MAJMIN's TLS dissector has no tls.handshake.ja4"
    exit 77
fi

# ja4s PROTO FILE PORT: "frame ja4" per ClientHello as PROTO dissects it.
ja4s() {
    local other=tls
    [ "$1" = tls ] && other=tlsi
    tshark_tlsi -r "$2" -d "tcp.port==$3,$1" --disable-protocol "$other" \
        -Y "$1.handshake.ja4" -T fields -e frame.number -e "$1.handshake.ja4" -E occurrence=a \
        2>>"$TLSI_TMP/err"
}

checked=0 hellos=0
while read -r name file port keylog rsa; do
    ja4s tlsi "$CAPS/$file" "$port" >"$TLSI_TMP/tlsi.txt"
    ja4s tls "$CAPS/$file" "$port" >"$TLSI_TMP/tls.txt"
    [ -s "$TLSI_TMP/tls.txt" ] || fail "$name: Wireshark gave no JA4"
    if ! diff "$TLSI_TMP/tlsi.txt" "$TLSI_TMP/tls.txt" >"$TLSI_TMP/diff"; then
        echo "$name: JA4 per frame differ (< tlsi, > Wireshark):"
        cat "$TLSI_TMP/diff"
        fail "$name: JA4 differs"
    fi
    n=$(wc -l <"$TLSI_TMP/tls.txt")
    echo "$name: $n ClientHello JA4 agree ($(cut -f2 "$TLSI_TMP/tls.txt" | head -1))"
    checked=$((checked + 1)) hellos=$((hellos + n))
done < <(manifest)
if grep -qi "critical\|segmentation\|dissector bug" "$TLSI_TMP/err"; then
    cat "$TLSI_TMP/err" >&2
    fail "tshark reported errors"
fi
[ "$checked" -gt 10 ] || fail "only $checked captures checked"
echo "PASS: $hellos ClientHello JA4 in $checked captures agree with Wireshark $TLSI_WS_MAJMIN"
