#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make-hs-features.sh - real OpenSSL captures of handshake features the main
# capture set (test-captures/) does not exercise, for the handshake tests:
# OCSP stapling (a CertificateStatus message in TLS 1.2, a status_request
# extension in the TLS 1.3 CertificateEntry), a CertificateRequest naming
# its certificate authorities (TLS 1.2 list, TLS 1.3 extension), ALPN with
# two offers, and max_fragment_length; and Signed Certificate Timestamps
# (RFC 6962) with the SRP username extension (RFC 5054) in the ClientHello.
#
# Usage: sudo ./make-hs-features.sh [NAME...]   (dumpcap on "lo" needs root)
#
# Writes hs-*.pcapng, hs-*.keylog and hs-manifest.tsv (same columns as
# test-captures/manifest.tsv) next to this script. With NAMEs, only those
# captures are made again; the others and their manifest rows stay. The keys are throw-away
# test keys made in a temporary folder; only captures and key logs are kept.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d /tmp/tlsi-hsfeat.XXXXXX)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$TMP"
}
trap cleanup EXIT
cd "$TMP"

# A CA, a server certificate it issued, a client certificate, and an OCSP
# response (signed by the CA) saying the server certificate is good.
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 36500 \
    -subj "/O=tlsi test/CN=tlsi test CA" 2>/dev/null
for who in server client; do
    openssl req -newkey rsa:2048 -nodes -keyout $who.key -out $who.csr \
        -subj "/O=tlsi test/CN=$who.localhost" 2>/dev/null
    openssl x509 -req -in $who.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 36500 \
        -out $who.crt 2>/dev/null
done
serial=$(openssl x509 -in server.crt -noout -serial | cut -d= -f2)
printf 'V\t21250101000000Z\t\t%s\tunknown\t/O=tlsi test/CN=server.localhost\n' "$serial" >index.txt
openssl ocsp -issuer ca.crt -cert server.crt -reqout req.der -no_nonce 2>/dev/null
openssl ocsp -index index.txt -CA ca.crt -rsigner ca.crt -rkey ca.key -reqin req.der \
    -respout ocsp.der -ndays 36500 2>/dev/null
[ -s ocsp.der ] || { echo "no OCSP response" >&2; exit 1; }

free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        ss -Htan "( sport = :$p or dport = :$p )" | grep -q . || { echo $p; return; }
    done
}

# Three SCTs a real server stapled: the serverinfo block (extension type 18,
# length, SerializedSCT list) that "openssl s_client -serverinfo 18 -connect
# ritter.vg:443" printed, as Go's crypto/tls handshake tests keep it
# (sctsBase64). s_server sends it in the TLS 1.2 ServerHello and the TLS 1.3
# CertificateEntry (SERVERINFOV2 context 0x1180: ClientHello, TLS 1.2
# ServerHello, TLS 1.3 Certificate) when the client asks for extension 18.
SCTS=ABIBaQFnAHUApLkJkLQYWBSHuxOizGdwCjw1mAT5G9+443fNDsgN3BAAAAFHl5nuFgAABAMARjBEAiAcS4JdlW5nW9sElUv2zvQyPoZ6ejKrGGB03gjaBZFMLwIgc1Qbbn+hsH0RvObzhS+XZhr3iuQQJY8S9G85D9KeGPAAdgBo9pj4H2SCvjqM7rkoHUz8cVFdZ5PURNEKZ6y7T0/7xAAAAUeX4bVwAAAEAwBHMEUCIDIhFDgG2HIuADBkGuLobU5a4dlCHoJLliWJ1SYT05z6AiEAjxIoZFFPRNWMGGIjskOTMwXzQ1Wh2e7NxXE1kd1J0QsAdgDuS723dc5guuFCaR+r4Z5mow9+X7By2IMAxHuJeqj9ywAAAUhcZIqHAAAEAwBHMEUCICmJ1rBT09LpkbzxtUC+Hi7nXLR0J+2PmwLp+sJMuqK+AiEAr0NkUnEVKVhAkccIFpYDqHOlZaBsuEhWWrYpg2RtKp0=
{
    echo "-----BEGIN SERVERINFOV2 FOR SCT-----"
    { printf '\x00\x00\x11\x80'; echo "$SCTS" | base64 -d; } | base64 -w 64
    echo "-----END SERVERINFOV2 FOR SCT-----"
} >scts.pem

WANT=("$@")
wanted() {
    [ ${#WANT[@]} -eq 0 ] && return 0
    local w
    for w in "${WANT[@]}"; do [ "$w" = "$1" ] && return 0; done
    return 1
}
mkdir -p "$TMP/rows"

# capture NAME VERSION DESCRIPTION SERVER_ARGS CLIENT_ARGS CHECK: one
# connection; CHECK is a pattern the client's output must hold.
capture() {
    local name=$1 ver=$2 desc=$3 sargs=$4 cargs=$5 check=$6 port
    wanted "$name" || return 0
    port=$(free_port)
    dumpcap -q -i lo -f "tcp port $port" -w "$TMP/$name.pcapng" 2>/dev/null &
    local cap=$!
    sleep 1
    openssl s_server -accept "$port" -naccept 1 -www -cert server.crt -key server.key \
        -CAfile ca.crt $sargs "$ver" \
        >"$TMP/$name.server.log" 2>&1 </dev/null &
    PIDS+=($!)
    local i
    for i in $(seq 50); do ss -Hltn "sport = :$port" | grep -q . && break; sleep 0.1; done
    printf 'GET / HTTP/1.1\r\nHost: server.localhost\r\n\r\n' |
        timeout 10 openssl s_client -connect "127.0.0.1:$port" -servername server.localhost \
            $cargs -CAfile ca.crt -keylogfile "$TMP/$name.keylog" -ign_eof "$ver" \
            >"$TMP/$name.client.log" 2>&1 || true
    sleep 1
    kill "$cap"
    wait "$cap" 2>/dev/null || true
    grep -q "$check" "$TMP/$name.client.log" ||
        { echo "$name: no \"$check\"" >&2; cat "$TMP/$name.client.log" >&2; exit 1; }
    cp "$TMP/$name.pcapng" "$TMP/$name.keylog" "$HERE/"
    chmod 644 "$HERE/$name.pcapng" "$HERE/$name.keylog"
    printf '%s\t%s.pcapng\t%s\t%s.keylog\t-\t%s\n' "$name" "$name" "$port" "$name" "$desc" \
        >"$TMP/rows/$name"
}

OCSP_S="-verify 1 -status_file ocsp.der -alpn h2,http/1.1"
OCSP_C="-status -alpn http/1.1,h2 -maxfraglen 4096 -cert client.crt -key client.key"
OCSP_OK="OCSP Response Status: successful"
NAMES=(hs-tls12-ocsp-ca-names hs-tls13-ocsp-ca-names hs-tls12-sct-srp hs-tls13-sct)
capture hs-tls12-ocsp-ca-names -tls1_2 "OpenSSL TLS 1.2, server cert issued by a test CA: stapled OCSP response (CertificateStatus), CertificateRequest with the CA name, client certificate, ALPN (http/1.1,h2 -> http/1.1), max_fragment_length 4096" "$OCSP_S" "$OCSP_C" "$OCSP_OK"
capture hs-tls13-ocsp-ca-names -tls1_3 "OpenSSL TLS 1.3, same: OCSP response in the server CertificateEntry's status_request, CertificateRequest with certificate_authorities, client certificate, ALPN, max_fragment_length" "$OCSP_S" "$OCSP_C" "$OCSP_OK"
capture hs-tls12-sct-srp -tls1_2 "OpenSSL TLS 1.2: three real SCTs (RFC 6962) in the ServerHello's signed_certificate_timestamp, asked for with s_client -serverinfo 18; the ClientHello also carries status_request and the srp username extension (s_client -srpuser alice; the server does not do SRP)" "-serverinfo scts.pem" "-serverinfo 18 -status -srpuser alice -srppass pass:x" "SERVERINFO FOR EXTENSION 18"
capture hs-tls13-sct -tls1_3 "OpenSSL TLS 1.3: the same three SCTs in the server CertificateEntry's signed_certificate_timestamp" "-serverinfo scts.pem" "-serverinfo 18" "New, TLSv1.3"

# The manifest: rows of the captures made now, the old rows of the others.
{
    printf 'name\tfile\tserver_port\tkeylog\trsa_key\tdescription\n'
    for n in "${NAMES[@]}"; do
        if [ -e "$TMP/rows/$n" ]; then
            cat "$TMP/rows/$n"
        elif [ -e "$HERE/hs-manifest.tsv" ]; then
            awk -F'\t' -v n="$n" '$1 == n' "$HERE/hs-manifest.tsv"
        fi
    done
} >"$HERE/hs-manifest.tsv.new"
mv "$HERE/hs-manifest.tsv.new" "$HERE/hs-manifest.tsv"
echo "wrote $(tail -n +2 "$HERE/hs-manifest.tsv" | wc -l) captures to $HERE"
