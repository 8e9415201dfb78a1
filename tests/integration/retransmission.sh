#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A retransmitted segment must not disturb the cipher state: every data frame
# of a decrypted TLS 1.2 and TLS 1.3 session is duplicated in turn (mergecap
# puts the copy right after the original, as a retransmission) and tlsi must
# decrypt exactly the same application data as from the original capture.
source "$(dirname "$0")/../lib/env.sh"

checked=0
for name in tls12-ecdhe-rsa-aes128gcm tls13-aes128gcm tls12-ecdhe-rsa-aes128-sha256-mte; do
    read -r _ file port keylog _ < <(manifest | awk -v n="$name" '$1 == n')
    [ -n "${file:-}" ] || fail "$name not in the manifest"
    args=(-d "tcp.port==$port,tlsi" --disable-protocol tls -o "tlsi.keylog_file:$CAPS/$keylog")
    tshark_tlsi -r "$CAPS/$file" "${args[@]}" -T fields -e tlsi.app_data -Y tlsi.app_data \
        >"$TLSI_TMP/orig" 2>/dev/null
    [ -s "$TLSI_TMP/orig" ] || fail "$name: nothing decrypted from the original capture"
    frames=$(tshark_tlsi -r "$CAPS/$file" -Y 'tcp.len > 0' -T fields -e frame.number 2>/dev/null)
    for f in $frames; do
        editcap -r "$CAPS/$file" "$TLSI_TMP/one.pcapng" "$f"
        mergecap -w "$TLSI_TMP/dup.pcapng" "$CAPS/$file" "$TLSI_TMP/one.pcapng"
        chmod a+r "$TLSI_TMP/dup.pcapng"
        tshark_tlsi -r "$TLSI_TMP/dup.pcapng" "${args[@]}" -T fields -e tlsi.app_data \
            -Y tlsi.app_data >"$TLSI_TMP/dup" 2>"$TLSI_TMP/err"
        cmp -s "$TLSI_TMP/orig" "$TLSI_TMP/dup" ||
            fail "$name: frame $f retransmitted changes the decrypted data"
        ! grep -qi "error\|assert\|exception" "$TLSI_TMP/err" || fail "$name: $(cat "$TLSI_TMP/err")"
        checked=$((checked + 1))
    done
done
[ "$checked" -gt 10 ] || fail "only $checked retransmissions tried"
echo "retransmission: $checked retransmitted segments, decrypted data unchanged"
