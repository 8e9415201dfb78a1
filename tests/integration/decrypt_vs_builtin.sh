#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Differential decryption test: for every capture in the manifest, the
# decrypted application data of every TCP stream and direction must be the
# same bytes in tlsi (tlsi.app_data, concatenated in frame and record order)
# and in Wireshark's built-in TLS dissector (-z follow,tls,raw,N), with the
# capture's key log. Captures with an RSA key are dissected a second time with
# only the RSA key (no key log) by both dissectors: that must give the same
# plaintext as the key-log run. The number of HTTP requests and responses seen
# on the decrypted data must be the same in both dissectors.
#
# Exceptions, each checked in its own way:
# * tls13-post-handshake-auth: Wireshark 4.0's TLS dissector cannot decrypt
#   the client's records after the client's post-handshake Finished (see
#   test-captures/README.md). There the built-in plaintext must be a prefix of
#   tlsi's in each direction, and tlsi's must be exactly the lines the
#   generator sent (test-captures/generate.sh, gen_pha).
# * tls12-alert-handshake-failure: nothing is encrypted, so both dissectors
#   must give no plaintext; every other capture must give some, so that an
#   unusable key log cannot make both sides agree on nothing.
# * HTTP counts are taken with http.desegment_body:FALSE for both dissectors.
#   With the default (TRUE) the built-in dissector never completes the
#   "HTTP/1.0 200 ok" response of s_server -www, whose body has no
#   Content-Length and ends with the connection (it cannot reassemble up to a
#   TCP FIN through TLS), so it counts no responses at all; the header-only
#   count is what both can be compared on.
source "$(dirname "$0")/../lib/env.sh"
source "$TLSI_SOURCE_DIR/tests/lib/decrypt.sh"
PHA=tls13-post-handshake-auth
NO_PLAINTEXT=" tls12-alert-handshake-failure "

# http_same NAME A.json B.json: same HTTP request and response counts.
http_same() {
    python3 - "$@" <<'PYEOF'
import json, sys
name, a, b = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
print("%s: HTTP requests/responses: tlsi %d/%d, built-in %d/%d"
      % (name, a["http"][0], a["http"][1], b["http"][0], b["http"][1]))
sys.exit(0 if a["http"] == b["http"] else 1)
PYEOF
}

# bytes_total A.json: all plaintext bytes, both directions.
bytes_total() {
    python3 -c 'import json,sys; print(sum(len(v)//2 for v in json.load(open(sys.argv[1]))["plain"].values()))' "$1"
}

# The exception for tls13-post-handshake-auth relies on the lines its generator
# sends; make sure they are still the ones below.
for line in "c:client data before post-handshake auth" "s:server data before post-handshake auth" \
    "c:client data after post-handshake auth" "s:server data after post-handshake auth"; do
    grep -qF "\"$line\"" "$TLSI_SOURCE_DIR/test-captures/generate.sh" ||
        fail "generate.sh no longer sends \"$line\" in $PHA: update this test"
done
hexof() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }
PHA_CLIENT=$(hexof $'client data before post-handshake auth\nclient data after post-handshake auth\n')
PHA_SERVER=$(hexof $'server data before post-handshake auth\nserver data after post-handshake auth\n')

checked=0 failed=0 rsa_checked=0
while read -r name file port keylog rsa; do
    tlsi_run "$file" "$port" "$TLSI_TMP/$name.tlsi" -o "tlsi.keylog_file:$CAPS/$keylog"
    builtin_run "$file" "$port" "$TLSI_TMP/$name.tlsi.json" "$TLSI_TMP/$name.tls" \
        -o "tls.keylog_file:$CAPS/$keylog"
    no_trouble "$TLSI_TMP/$name.tlsi" "$name (tlsi)"
    no_trouble "$TLSI_TMP/$name.tls" "$name (built-in)"

    n=$(bytes_total "$TLSI_TMP/$name.tls.json")
    case $NO_PLAINTEXT in
    *" $name "*) [ "$n" = 0 ] || { echo "$name: the built-in dissector decrypted $n bytes, none expected"; failed=$((failed + 1)); } ;;
    *) [ "$n" -gt 0 ] || { echo "$name: the built-in dissector decrypted nothing (bad key log or capture?)"; failed=$((failed + 1)); } ;;
    esac

    if [ "$name" = "$PHA" ]; then
        # Built-in (4.0) stops after the client's post-handshake Finished.
        $PLAINTEXT compare "$name" "$TLSI_TMP/$name.tlsi.json" "$TLSI_TMP/$name.tls.json" --a-may-extend ||
            failed=$((failed + 1))
        $PLAINTEXT expect "$name" "$TLSI_TMP/$name.tlsi.json" client "$PHA_CLIENT" || failed=$((failed + 1))
        $PLAINTEXT expect "$name" "$TLSI_TMP/$name.tlsi.json" server "$PHA_SERVER" || failed=$((failed + 1))
    else
        $PLAINTEXT compare "$name" "$TLSI_TMP/$name.tlsi.json" "$TLSI_TMP/$name.tls.json" ||
            failed=$((failed + 1))
    fi
    http_same "$name" "$TLSI_TMP/$name.tlsi.json" "$TLSI_TMP/$name.tls.json" ||
        { echo "$name: HTTP counts differ"; failed=$((failed + 1)); }

    if [ "$rsa" != "-" ]; then
        # RSA key only, no key log: must give what the key log gave.
        tlsi_run "$file" "$port" "$TLSI_TMP/$name.tlsi-rsa" \
            -o "uat:tlsi_rsa_keys:\"$CAPS/$rsa\",\"\""
        builtin_run "$file" "$port" "$TLSI_TMP/$name.tlsi.json" "$TLSI_TMP/$name.tls-rsa" \
            -o "uat:rsa_keys:\"$CAPS/$rsa\",\"\""
        no_trouble "$TLSI_TMP/$name.tlsi-rsa" "$name (tlsi, RSA key)"
        no_trouble "$TLSI_TMP/$name.tls-rsa" "$name (built-in, RSA key)"
        $PLAINTEXT compare "$name (built-in, RSA key vs key log)" "$TLSI_TMP/$name.tls-rsa.json" \
            "$TLSI_TMP/$name.tls.json" ||
            { echo "$name: the built-in dissector gives other plaintext with the RSA key (oracle broken?)"; failed=$((failed + 1)); }
        $PLAINTEXT compare "$name (RSA key only)" "$TLSI_TMP/$name.tlsi-rsa.json" \
            "$TLSI_TMP/$name.tls.json" || failed=$((failed + 1))
        http_same "$name (RSA key only)" "$TLSI_TMP/$name.tlsi-rsa.json" \
            "$TLSI_TMP/$name.tls-rsa.json" ||
            { echo "$name (RSA key only): HTTP counts differ"; failed=$((failed + 1)); }
        rsa_checked=$((rsa_checked + 1))
    fi
    checked=$((checked + 1))
done < <(manifest)
[ "$checked" -gt 0 ] || fail "no captures in the manifest"
[ "$rsa_checked" -gt 0 ] || fail "no capture with an RSA key in the manifest"
[ "$failed" = 0 ] || fail "decrypt_vs_builtin: $failed check(s) failed"
echo "decrypt_vs_builtin: $checked captures ($rsa_checked also with the RSA key alone) agree"
