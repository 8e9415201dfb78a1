#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Keys embedded in the capture (pcapng Decryption Secrets Blocks, TLS key log
# type), with no key log preference set:
#  1. captures made with `editcap --inject-secrets tls,KEYLOG`: tlsi must
#     decrypt exactly the bytes the built-in TLS dissector decrypts from the
#     same file (which uses such blocks by itself), and name
#     "embedded secrets (pcapng DSB)" as the key source of every session;
#  2. the same key log split over two secrets blocks placed after the last
#     packet (tests/lib/pcapng_dsb.py): tlsi reads every block when the file
#     is opened, so it must still give the built-in's bytes of (1), also with
#     two-pass dissection (-2, first capture), and from the (1) file
#     gzip-compressed (first capture);
#  3. the capture without secrets blocks decrypts nothing (the keys of (1)
#     came from the file; first capture).
# Following the file across files opened one after another in one process
# (tshark opens one file per process) is tested in Wireshark itself by
# gui_embedded_secrets.sh, and at the level of the file scan in
# tests/unit/test_pcapng_dsb.c.
source "$(dirname "$0")/../lib/env.sh"
source "$TLSI_SOURCE_DIR/tests/lib/decrypt.sh"
DSB="python3 $TLSI_SOURCE_DIR/tests/lib/pcapng_dsb.py"

sources_ok() { # JSON: every key source is the embedded one, and there is one
    python3 - "$1" <<'PYEOF'
import json, sys
ks = [k for k in json.load(open(sys.argv[1]))["key_sources"] if k]
ok = ks and all(k.startswith("embedded secrets (pcapng DSB)") for k in ks)
print("key sources:", ks)
sys.exit(0 if ok else 1)
PYEOF
}
bytes_total() {
    python3 -c 'import json,sys; print(sum(len(v)//2 for v in json.load(open(sys.argv[1]))["plain"].values()))' "$1"
}

checked=0
for name in tls12-ecdhe-rsa-aes128gcm tls13-aes128gcm tls12-resume-ticket; do
    read -r _ file port keylog _ < <(manifest_entry "$name")
    editcap --inject-secrets "tls,$CAPS/$keylog" "$CAPS/$file" "$CAPS/$name.dsb.pcapng" ||
        fail "$name: editcap --inject-secrets failed"
    $DSB "$CAPS/$file" "$CAPS/$keylog" "$CAPS/$name.dsb-late.pcapng" -1 2 >/dev/null
    chmod a+r "$CAPS"/*.pcapng

    tlsi_run "$name.dsb.pcapng" "$port" "$TLSI_TMP/$name.tlsi"
    builtin_run "$name.dsb.pcapng" "$port" "$TLSI_TMP/$name.tlsi.json" "$TLSI_TMP/$name.tls"
    no_trouble "$TLSI_TMP/$name.tlsi" "$name (tlsi, embedded secrets)"
    [ "$(bytes_total "$TLSI_TMP/$name.tls.json")" -gt 0 ] ||
        fail "$name: the built-in decrypted nothing from the secrets block (oracle broken?)"
    $PLAINTEXT compare "$name (editcap --inject-secrets, no key log preference)" \
        "$TLSI_TMP/$name.tlsi.json" "$TLSI_TMP/$name.tls.json" || fail "$name: plaintext differs"
    sources_ok "$TLSI_TMP/$name.tlsi.json" || fail "$name: key source is not the embedded secrets"

    tlsi_run "$name.dsb-late.pcapng" "$port" "$TLSI_TMP/$name.late"
    $PLAINTEXT compare "$name (two secrets blocks after the last packet)" \
        "$TLSI_TMP/$name.late.json" "$TLSI_TMP/$name.tls.json" || fail "$name: late blocks: plaintext differs"
    if [ "$checked" = 0 ]; then
        tlsi_run "$name.dsb-late.pcapng" "$port" "$TLSI_TMP/$name.late2" -2
        $PLAINTEXT compare "$name (the same, two passes)" \
            "$TLSI_TMP/$name.late2.json" "$TLSI_TMP/$name.tls.json" || fail "$name: -2: plaintext differs"
        gzip -c "$CAPS/$name.dsb.pcapng" >"$CAPS/$name.dsb.pcapng.gz"
        chmod a+r "$CAPS/$name.dsb.pcapng.gz"
        tlsi_run "$name.dsb.pcapng.gz" "$port" "$TLSI_TMP/$name.gz"
        $PLAINTEXT compare "$name (gzip-compressed)" \
            "$TLSI_TMP/$name.gz.json" "$TLSI_TMP/$name.tls.json" || fail "$name: gzip: plaintext differs"
    fi

    if [ "$checked" = 0 ]; then
        tlsi_run "$file" "$port" "$TLSI_TMP/$name.none"
        n=$(bytes_total "$TLSI_TMP/$name.none.json")
        [ "$n" = 0 ] || fail "$name: $n bytes decrypted from a capture without secrets blocks"
    fi
    checked=$((checked + 1))
done
echo "embedded_secrets: $checked captures decrypted from their secrets blocks as the built-in does"
