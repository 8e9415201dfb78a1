#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Handshake signature checks (tlsi.handshake.signature.verified) and chain
# links (tlsi.handshake.certificate.chain_verified).
#
# 1. Every capture: the real stacks completed these handshakes, so every
#    signature tlsi checks must verify and no chain link may fail; the
#    captures that carry each algorithm must show it verified (RSA PKCS#1
#    with MD5+SHA-1 in TLS 1.0 and SHA-256 in TLS 1.2, RSA-PSS, ECDSA P-256
#    and P-384, Ed25519; ServerKeyExchange, TLS 1.2 client and TLS 1.3 server
#    and client CertificateVerify; a two-certificate chain).
# 2. The same captures with one signature byte flipped (plaintext fields in
#    place; TLS 1.3 CertificateVerify decrypted, flipped and encrypted again
#    with the key log's handshake secret): the signature (or chain link) must
#    fail, with expert info.
source "$(dirname "$0")/../lib/env.sh"

LIB="$TLSI_SOURCE_DIR/tests/lib"
W="$TLSI_TMP/sig"
mkdir -p "$W"
chmod a+rx "$W"

port_of() { manifest | awk -v n="$1" '$1 == n { print $3 }'; }

run() { # file port keylog fields...
    local file=$1 port=$2 keylog=$3
    shift 3
    tshark_tlsi -r "$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
        -o "tlsi.keylog_file:$keylog" "$@"
}

# ---- 1. real captures verify (all captures in one tshark run)
declare -A verified name_of
files=() dports=()
: >"$W/all.keylog"
while read -r name file port keylog rsa; do
    [ "$keylog" != "-" ] || continue
    files+=("$CAPS/$file")
    dports+=(-d "tcp.port==$port,tlsi")
    cat "$CAPS/$keylog" >>"$W/all.keylog"
    name_of[$port]=$name
done < <(manifest)
mergecap -a -w "$W/all.pcapng" "${files[@]}"
chmod a+r "$W/all.pcapng" "$W/all.keylog"
tshark_tlsi -r "$W/all.pcapng" "${dports[@]}" --disable-protocol tls \
    -o "tlsi.keylog_file:$W/all.keylog" -T fields -E occurrence=a \
    -e tcp.srcport -e tcp.dstport \
    -e tlsi.handshake.signature.verified -e tlsi.handshake.certificate.chain_verified \
    -Y "tlsi.handshake.signature.verified || tlsi.handshake.certificate.chain_verified" \
    >"$W/all.out"
while IFS=$'\t' read -r sp dp sig chain; do
    name=${name_of[$sp]:-${name_of[$dp]:-}}
    [ -n "$name" ] || fail "port $sp/$dp: not a manifest capture"
    if printf '%s,%s\n' "$sig" "$chain" | tr ',' '\n' | grep -qx 0; then
        fail "$name: a signature or chain link of a real handshake does not verify: $sig $chain"
    fi
    n=$(printf '%s\n' "$sig" | tr ',' '\n' | grep -cx 1 || true)
    verified[$name]=$((${verified[$name]:-0} + n))
done <"$W/all.out"

expect_verified() { # name count
    [ "${verified[$1]:-0}" -ge "$2" ] ||
        fail "$1: expected at least $2 verified signatures, got ${verified[$1]:-0}"
}
expect_verified tls10-ecdhe-rsa-aes128-sha 1        # RSA PKCS#1 MD5+SHA-1 (TLS 1.0)
expect_verified gnutls-tls12-ecdhe-rsa-aes128gcm 1  # rsa_pkcs1_sha256
expect_verified tls12-ecdhe-rsa-aes128gcm 1         # rsa_pss_rsae_sha256
expect_verified tls12-ecdhe-ecdsa-aes128ccm 1       # ECDSA P-256
expect_verified tls12-ecdsa-p384-chain 1            # ECDSA P-384
expect_verified tls12-ed25519 1
expect_verified tls13-aes128gcm 1                   # TLS 1.3 server CertificateVerify, PSS
expect_verified tls13-ecdsa-p384-chain 1
expect_verified tls13-ed25519 1
expect_verified tls12-client-auth 2                 # ServerKeyExchange + client CertificateVerify
expect_verified tls13-client-auth 2                 # server and client CertificateVerify
expect_verified tls13-post-handshake-auth 2         # server CV + post-handshake client CV
expect_verified tls13-hello-retry-request 1         # transcript after HelloRetryRequest
expect_verified gnutls-tls13-aes256gcm 1
for v in 12 13; do
    n=$(run "$CAPS/tls$v-ecdsa-p384-chain.pcapng" "$(port_of tls$v-ecdsa-p384-chain)" \
        "$CAPS/tls$v-ecdsa-p384-chain.keylog" -T fields -e tlsi.handshake.certificate.chain_verified \
        -Y tlsi.handshake.certificate.chain_verified)
    [ "$n" = 1 ] || fail "tls$v-ecdsa-p384-chain: chain link not verified ($n)"
done

# ---- 2. tampered copies fail
# expect_bad NAME TAMPERED FILTER FIELD: FIELD of the messages FILTER selects
# must hold a 0 (failed) and the expert info must say so.
expect_bad() {
    local name=$1 t=$2 filter=$3 field=$4 out
    chmod a+r "$t"
    out=$(run "$t" "$(port_of "$name")" "$CAPS/$name.keylog" -T fields -E occurrence=a \
        -e "$field" -e _ws.expert.message -Y "$filter")
    printf '%s\n' "$out" | cut -f1 | tr ',' '\n' | grep -qx 0 ||
        fail "$name ($t): tampered, but $field is not false: $out"
    printf '%s\n' "$out" | grep -q "not signed by\|does not verify" ||
        fail "$name ($t): no expert info for the failed check: $out"
    echo "ok: $name $(basename "$t") fails as it must"
}

pcap_of() { editcap -F pcap "$CAPS/$1.pcapng" "$W/$1.pcap" && echo "$W/$1.pcap"; }

# Plaintext: the signature of the message FILTER selects, in place.
tamper_plain() { # name filter field-to-flip out
    local name=$1 filter=$2 fld=$3 out=$4 src at
    src=$(pcap_of "$name")
    at=$(run "$src" "$(port_of "$name")" "$CAPS/$name.keylog" -T pdml -Y "$filter" |
        python3 "$LIB/sigtamper.py" locate "$src" "$fld") || fail "$name: cannot locate $fld"
    python3 "$LIB/sigtamper.py" flip "$src" "$out" $at
}

for name in tls10-ecdhe-rsa-aes128-sha gnutls-tls12-ecdhe-rsa-aes128gcm \
    tls12-ecdhe-rsa-aes128gcm tls12-ecdhe-ecdsa-aes128ccm tls12-ecdsa-p384-chain tls12-ed25519; do
    tamper_plain "$name" "tlsi.handshake.type == 12" tlsi.handshake.signature "$W/ske-$name.pcap"
    expect_bad "$name" "$W/ske-$name.pcap" "tlsi.handshake.type == 12" \
        tlsi.handshake.signature.verified
done
tamper_plain tls12-client-auth "tlsi.handshake.type == 15" tlsi.handshake.signature \
    "$W/cv-tls12-client-auth.pcap"
expect_bad tls12-client-auth "$W/cv-tls12-client-auth.pcap" "tlsi.handshake.type == 15" \
    tlsi.handshake.signature.verified
tamper_plain tls12-ecdsa-p384-chain "tlsi.handshake.type == 11" tlsi.handshake.certificate \
    "$W/chain-tls12-ecdsa-p384-chain.pcap"
expect_bad tls12-ecdsa-p384-chain "$W/chain-tls12-ecdsa-p384-chain.pcap" \
    "tlsi.handshake.type == 11" tlsi.handshake.certificate.chain_verified

# TLS 1.3: CertificateVerify re-encrypted with the flipped byte.
tamper13() { # name side
    local name=$1 side=$2 src
    src=$(pcap_of "$name")
    python3 "$LIB/sigtamper.py" tls13 "$src" "$W/cv-$side-$name.pcap" "$CAPS/$name.keylog" \
        "$(port_of "$name")" "$side" >/dev/null || fail "$name: cannot tamper the $side CertificateVerify"
    expect_bad "$name" "$W/cv-$side-$name.pcap" "tlsi.handshake.type == 15" \
        tlsi.handshake.signature.verified
}
tamper13 tls13-aes128gcm server
tamper13 tls13-ecdsa-p384-chain server
tamper13 tls13-ed25519 server
tamper13 tls13-client-auth client
tamper13 tls13-post-handshake-auth client-app

echo "signatures: ok"
