#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# PSK key exchanges (RFC 4279) decrypted without a key log, through the
# tlsi.psk preference (the PSK is in test-captures/NAME.psk, hex):
# * plain PSK (tls12-psk-aes128-cbc-sha256): tlsi with only tlsi.psk must
#   decrypt the same application data as tlsi with the key log and as the
#   built-in dissector with tls.psk; the key source is the PSK preference.
# * RSA_PSK (tls12-rsa-psk-aes256-gcm): tlsi with the server's RSA key and
#   tlsi.psk must decrypt the same as with the key log (and as the built-in
#   dissector with the key log: Wireshark 4.0 cannot decrypt RSA_PSK with the
#   RSA key); the key source is the RSA key. With the RSA key but no PSK,
#   nothing is decrypted and the reason names tlsi.psk.
# * a wrong PSK decrypts nothing (the Finished and every later record fail
#   their MAC/tag check), for both.
# ECDHE_PSK needs the key log; decrypt_vs_builtin.sh covers it.
source "$(dirname "$0")/../lib/env.sh"
source "$TLSI_SOURCE_DIR/tests/lib/decrypt.sh"

PLAIN_PSK=tls12-psk-aes128-cbc-sha256
RSA_PSK=tls12-rsa-psk-aes256-gcm
WRONG=0011223344556677
failed=0

check() { # WHAT CMD...: run a check, count its failure
    local what=$1
    shift
    "$@" || { echo "FAILED: $what"; failed=$((failed + 1)); }
}

# app_data_same NAME A B: the tlsi.app_data column (-T fields) of two tlsi
# runs is the same, frame by frame, and not empty.
app_data_same() {
    local name=$1 a=$2 b=$3
    cut -f5 "$a.out" >"$a.app"
    cut -f5 "$b.out" >"$b.app"
    grep -q '[0-9a-f]' "$a.app" || { echo "$name: no tlsi.app_data at all"; return 1; }
    cmp -s "$a.app" "$b.app" || {
        echo "$name: tlsi.app_data differs:"
        diff "$a.app" "$b.app" | head -6 | cut -c1-160
        return 1
    }
    echo "$name: tlsi.app_data identical ($(grep -c '[0-9a-f]' "$a.app") frames)"
}

psk_of() {
    local f="$CAPS/$1.psk"
    [ -s "$f" ] || fail "$1: no $f (see test-captures/generate.sh)"
    tr -d ' \n' <"$f"
}

rsa_pref() { echo "uat:tlsi_rsa_keys:\"$1\",\"\""; }

# --- plain PSK -------------------------------------------------------------
read -r name file port keylog rsa < <(manifest_entry $PLAIN_PSK)
psk=$(psk_of $name)
T=$TLSI_TMP/$name
tlsi_run "$file" "$port" "$T.kl" -o "tlsi.keylog_file:$CAPS/$keylog"
tlsi_run "$file" "$port" "$T.psk" -o "tlsi.psk:$psk"
builtin_run "$file" "$port" "$T.psk.json" "$T.tls" -o "tls.psk:$psk"
for r in "$T.kl" "$T.psk" "$T.tls"; do no_trouble "$r" "$name ($(basename "$r"))"; done
check "$name: built-in decrypts with tls.psk" \
    python3 -c 'import json,sys; sys.exit(0 if any(json.load(open(sys.argv[1]))["plain"].values()) else 1)' "$T.tls.json"
check "$name: tlsi.psk vs key log" app_data_same "$name (tlsi.psk vs key log)" "$T.psk" "$T.kl"
check "$name: tlsi.psk vs built-in tls.psk" $PLAINTEXT compare "$name (tlsi.psk vs built-in tls.psk)" "$T.psk.json" "$T.tls.json"
check "$name: key source with tlsi.psk" $DIAG ok "$name, tlsi.psk only" '^pre-shared key preference$' <"$T.psk.out"
check "$name: key source with the key log" $DIAG ok "$name, key log" '^key log' <"$T.kl.out"
# No key material at all: the reason points at tlsi.psk.
tlsi_run "$file" "$port" "$T.none"
check "$name: no PSK" $DIAG fail "$name, no key" 'tlsi\.psk' <"$T.none.out"
# Wrong PSK: the Finished and the data fail their MAC check, nothing shown.
tlsi_run "$file" "$port" "$T.wrong" -o "tlsi.psk:$WRONG"
check "$name: wrong PSK" $DIAG fail "$name, wrong PSK" 'mac|tag|authentic|padding|integrity' <"$T.wrong.out"

# --- RSA_PSK ---------------------------------------------------------------
read -r name file port keylog rsa < <(manifest_entry $RSA_PSK)
[ "$rsa" = "-" ] || fail "$name: the manifest gives an RSA key, but the RSA key alone cannot decrypt RSA_PSK"
rsa=$CAPS/keys/rsa-server.key
psk=$(psk_of $name)
T=$TLSI_TMP/$name
tlsi_run "$file" "$port" "$T.kl" -o "tlsi.keylog_file:$CAPS/$keylog"
tlsi_run "$file" "$port" "$T.rsapsk" -o "$(rsa_pref "$rsa")" -o "tlsi.psk:$psk"
builtin_run "$file" "$port" "$T.kl.json" "$T.tls" -o "tls.keylog_file:$CAPS/$keylog"
for r in "$T.kl" "$T.rsapsk" "$T.tls"; do no_trouble "$r" "$name ($(basename "$r"))"; done
check "$name: RSA key + tlsi.psk vs key log" app_data_same "$name (RSA key + tlsi.psk vs key log)" "$T.rsapsk" "$T.kl"
check "$name: RSA key + tlsi.psk vs built-in (key log)" $PLAINTEXT compare "$name (RSA key + tlsi.psk vs built-in, key log)" "$T.rsapsk.json" "$T.tls.json"
check "$name: key source with RSA key + tlsi.psk" $DIAG ok "$name, RSA key + tlsi.psk" '^RSA private key$' <"$T.rsapsk.out"
check "$name: key source with the key log" $DIAG ok "$name, key log" '^key log' <"$T.kl.out"
# RSA key without the PSK: nothing decrypted, the reason names tlsi.psk.
tlsi_run "$file" "$port" "$T.nopsk" -o "$(rsa_pref "$rsa")"
check "$name: RSA key, no PSK" $DIAG fail "$name, RSA key without PSK" 'tlsi\.psk' <"$T.nopsk.out"
# RSA key with a wrong PSK: MAC (GCM tag) failures, nothing shown.
tlsi_run "$file" "$port" "$T.wrong" -o "$(rsa_pref "$rsa")" -o "tlsi.psk:$WRONG"
check "$name: RSA key, wrong PSK" $DIAG fail "$name, RSA key + wrong PSK" 'mac|tag|authentic|integrity' <"$T.wrong.out"

[ "$failed" = 0 ] || fail "psk: $failed check(s) failed"
echo "psk: all checks passed"
