#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Key logs as users hand them over: for a TLS 1.2 and a TLS 1.3 capture, the
# capture's own key log rewritten with a UTF-8 byte order mark, CRLF line
# ends, upper-case hex, and a line the session needs moved to the end with no
# line end after it. tlsi with the rewritten key log must decrypt exactly the
# bytes the built-in TLS dissector decrypts with the original key log (and
# some bytes at all). The needed line being last without '\n' is what a
# tlsi that reads only complete lines gets wrong: the session it keys is then
# not decrypted and the comparison fails.
source "$(dirname "$0")/../lib/env.sh"
source "$TLSI_SOURCE_DIR/tests/lib/decrypt.sh"

# rewrite IN OUT LABEL: BOM, CRLF, upper case, first LABEL line last, no final newline.
rewrite() {
    python3 - "$@" <<'PYEOF'
import sys
src, dst, label = sys.argv[1:]
lines = [l.rstrip("\r\n") for l in open(src) if l.strip()]
last = next(i for i, l in enumerate(lines) if l.startswith(label + " "))
lines.append(lines.pop(last))
text = "\r\n".join(l.upper() for l in lines)
open(dst, "wb").write(b"\xef\xbb\xbf" + text.encode())
PYEOF
}

checked=0
for spec in tls12-ecdhe-rsa-aes128gcm:CLIENT_RANDOM tls13-aes128gcm:SERVER_TRAFFIC_SECRET_0 \
    tls12-resume-session-id:CLIENT_RANDOM; do
    name=${spec%%:*} label=${spec#*:}
    read -r _ file port keylog _ < <(manifest_entry "$name")
    rewrite "$CAPS/$keylog" "$CAPS/$name.windows.keylog" "$label"
    chmod a+r "$CAPS/$name.windows.keylog"
    tail -c 1 "$CAPS/$name.windows.keylog" | od -An -c | grep -q '\\n' &&
        fail "$name: the rewritten key log still ends in a newline"
    tlsi_run "$file" "$port" "$TLSI_TMP/$name.tlsi" -o "tlsi.keylog_file:$CAPS/$name.windows.keylog"
    builtin_run "$file" "$port" "$TLSI_TMP/$name.tlsi.json" "$TLSI_TMP/$name.tls" \
        -o "tls.keylog_file:$CAPS/$keylog"
    no_trouble "$TLSI_TMP/$name.tlsi" "$name (tlsi, rewritten key log)"
    n=$(python3 -c 'import json,sys; print(sum(len(v)//2 for v in json.load(open(sys.argv[1]))["plain"].values()))' "$TLSI_TMP/$name.tls.json")
    [ "$n" -gt 0 ] || fail "$name: the built-in dissector decrypted nothing (oracle broken?)"
    $PLAINTEXT compare "$name (BOM, CRLF, upper-case hex, no final newline)" \
        "$TLSI_TMP/$name.tlsi.json" "$TLSI_TMP/$name.tls.json" || fail "$name: plaintext differs"
    checked=$((checked + 1))
done
echo "keylog_formats: $checked captures decrypted with rewritten key logs as the built-in does"
