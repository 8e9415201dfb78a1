#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Key export (-z tlsi,keys[,FILE]) and Export Objects.
#
# 1. RSA key exchange captures decrypted with the RSA private key alone: the
#    exported key log must hold the same CLIENT_RANDOM line OpenSSL/GnuTLS
#    wrote for that connection (the capture's real key log), and dissecting
#    again with only the exported key log (no RSA key) must give the same
#    decrypted application data, record by record.
# 2. Every capture with a key log: each exported line must be a line of the
#    real key log, and the exported key log alone must decrypt the same data.
# 3. Export Objects (HTTP) over tlsi gives the same files as over the
#    built-in TLS dissector.
source "$(dirname "$0")/../lib/env.sh"

OUT="$TLSI_TMP/home" # writable by the user tshark runs as

app_data() { # file port out [options...]: frame and decrypted data of every record
    local file=$1 port=$2 out=$3
    shift 3
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls "$@" \
        -Y tlsi.app_data -T fields -E occurrence=a -E aggregator=/ \
        -e frame.number -e tlsi.app_data >"$out" 2>>"$TLSI_TMP/err"
}

# Secret lines of a key log, in a canonical form (keyword, lower-case hex).
secret_lines() {
    awk '!/^#/ && NF == 3 { print $1, tolower($2), tolower($3) }' "$1" | sort -u
}

: >"$TLSI_TMP/err"
rsa_checked=0 all_checked=0
while read -r name file port keylog rsa; do
    [ "$keylog" != "-" ] || continue
    real="$CAPS/$keylog"

    if [ "$rsa" != "-" ]; then
        rm -f "$OUT/exported.keylog"
        tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
            -o "uat:tlsi_rsa_keys:\"$CAPS/$rsa\",\"\"" -q -z "tlsi,keys,$OUT/exported.keylog" \
            2>>"$TLSI_TMP/err" >"$TLSI_TMP/stdout"
        [ -s "$OUT/exported.keylog" ] || fail "$name: nothing exported with the RSA key"
        [ ! -s "$TLSI_TMP/stdout" ] || fail "$name: key log written to stdout although a file was given"
        secret_lines "$OUT/exported.keylog" >"$TLSI_TMP/exported"
        grep '^CLIENT_RANDOM ' "$TLSI_TMP/exported" >"$TLSI_TMP/exported.cr" \
            || fail "$name: no CLIENT_RANDOM line exported"
        secret_lines "$real" | grep '^CLIENT_RANDOM ' >"$TLSI_TMP/real.cr" || fail "$name: real key log has no CLIENT_RANDOM"
        cmp -s "$TLSI_TMP/exported.cr" "$TLSI_TMP/real.cr" || {
            diff "$TLSI_TMP/real.cr" "$TLSI_TMP/exported.cr" >&2
            fail "$name: exported CLIENT_RANDOM differs from the key log the TLS stack wrote"
        }
        app_data "$file" "$port" "$TLSI_TMP/rsa.data" -o "uat:tlsi_rsa_keys:\"$CAPS/$rsa\",\"\""
        app_data "$file" "$port" "$TLSI_TMP/exp.data" -o "tlsi.keylog_file:$OUT/exported.keylog"
        [ -s "$TLSI_TMP/rsa.data" ] || fail "$name: nothing decrypted with the RSA key"
        cmp -s "$TLSI_TMP/rsa.data" "$TLSI_TMP/exp.data" \
            || fail "$name: the exported key log does not decrypt what the RSA key did"
        rsa_checked=$((rsa_checked + 1))
    fi

    # With the real key log: export to stdout; lines must come from the real log.
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
        -o "tlsi.keylog_file:$real" -q -z tlsi,keys >"$OUT/stdout.keylog" 2>>"$TLSI_TMP/err"
    app_data "$file" "$port" "$TLSI_TMP/real.data" -o "tlsi.keylog_file:$real"
    if [ ! -s "$TLSI_TMP/real.data" ]; then
        # Nothing decrypted (e.g. a handshake that failed): nothing to export.
        [ ! -s "$OUT/stdout.keylog" ] || fail "$name: keys exported for a connection never decrypted"
        continue
    fi
    secret_lines "$OUT/stdout.keylog" >"$TLSI_TMP/exported"
    [ -s "$TLSI_TMP/exported" ] || fail "$name: nothing exported"
    secret_lines "$real" >"$TLSI_TMP/real"
    extra=$(comm -23 "$TLSI_TMP/exported" "$TLSI_TMP/real")
    [ -z "$extra" ] || fail "$name: exported lines not in the real key log: $extra"
    app_data "$file" "$port" "$TLSI_TMP/exp.data" -o "tlsi.keylog_file:$OUT/stdout.keylog"
    # 0-RTT data is decrypted only if the early traffic secret was exported.
    if grep -q '^CLIENT_EARLY_TRAFFIC_SECRET ' "$TLSI_TMP/real"; then
        grep -q '^CLIENT_EARLY_TRAFFIC_SECRET ' "$TLSI_TMP/exported" ||
            fail "$name: CLIENT_EARLY_TRAFFIC_SECRET not exported"
    fi
    cmp -s "$TLSI_TMP/real.data" "$TLSI_TMP/exp.data" || {
        diff "$TLSI_TMP/real.data" "$TLSI_TMP/exp.data" | cut -c1-100 | head >&2
        fail "$name: the exported key log does not decrypt what the real one did"
    }
    all_checked=$((all_checked + 1))
done < <(manifest)
[ "$rsa_checked" -gt 0 ] || fail "no RSA key exchange capture"
[ "$all_checked" -gt 20 ] || fail "only $all_checked captures exported keys"

# Export Objects (HTTP): HTTP's own export over tlsi's decrypted data. In
# these captures only the s_server responses on the early data capture are
# whole HTTP objects (the -WWW/-www replies end at connection close, which
# HTTP over TLS never sees); it has two, on two connections.
read -r name file port keylog rsa < <(manifest | awk '$1 == "tls13-early-data"')
mkdir -p "$OUT/obj-tlsi" "$OUT/obj-tls"
chmod a+rwx "$OUT/obj-tlsi" "$OUT/obj-tls"
tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
    -o "tlsi.keylog_file:$CAPS/$keylog" -q --export-objects "http,$OUT/obj-tlsi" 2>>"$TLSI_TMP/err"
tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi \
    -o "tls.keylog_file:$CAPS/$keylog" -q --export-objects "http,$OUT/obj-tls" 2>>"$TLSI_TMP/err"
objects=$(find "$OUT/obj-tls" -type f | wc -l)
[ "$objects" -ge 2 ] || fail "$name: the built-in exported $objects HTTP objects, expected 2"
diff -r "$OUT/obj-tls" "$OUT/obj-tlsi" >&2 || fail "$name: HTTP objects differ"

if grep -qi "critical\|segmentation\|invalid\|cannot" "$TLSI_TMP/err"; then
    cat "$TLSI_TMP/err" >&2
    fail "tshark reported errors"
fi
echo "export_keys: $rsa_checked RSA captures re-decrypted from exported CLIENT_RANDOM lines, $all_checked captures from exported key logs; $objects HTTP objects identical"
