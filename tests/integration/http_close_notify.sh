#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The README's claim that an HTTP/1.0 response which ends at close_notify
# reaches HTTP, with HTTP's default settings (http.desegment_body on, as a
# user has it). s_server -www answers "HTTP/1.0 200 ok" with no
# Content-Length: the body ends when the server closes the TLS connection, so
# HTTP can only complete the response when tlsi flushes the plaintext it held
# back at the close_notify alert. Every request of these captures must get
# its response, with a body.
source "$(dirname "$0")/../lib/env.sh"

checked=0
for name in tls12-ecdhe-rsa-aes128gcm tls13-aes128gcm tls12-rsa-aes128gcm; do
    read -r _ file port keylog _ < <(manifest | awk -v n="$name" '$1 == n') ||
        fail "$name not in the manifest"
    out=$(tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
        -o "tlsi.keylog_file:$CAPS/$keylog" -Y http -T fields -E occurrence=f \
        -e frame.number -e http.request -e http.response.code -e http.file_data 2>"$TLSI_TMP/err") ||
        { cat "$TLSI_TMP/err" >&2; fail "$name: tshark failed"; }
    req=$(awk -F'\t' '$2 != ""' <<<"$out" | wc -l)
    rsp=$(awk -F'\t' '$3 == "200" && $4 != ""' <<<"$out" | wc -l)
    echo "$name: $req requests, $rsp responses with code 200 and a body"
    [ "$req" -ge 1 ] || fail "$name: no HTTP request seen"
    [ "$rsp" = "$req" ] || fail "$name: $req requests but $rsp complete responses (default HTTP settings)"
    checked=$((checked + 1))
done
[ "$checked" = 3 ] || fail "checked $checked captures"
echo "http_close_notify: every request answered at close_notify"
