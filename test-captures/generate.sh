#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# generate.sh - (re)generate the real TLS test captures of tlsi.
#
# Every capture is produced by a real TLS stack (OpenSSL s_server/s_client,
# GnuTLS gnutls-serv/gnutls-cli) talking over the loopback interface, captured
# with dumpcap.  Each capture gets its own random free high TCP port; the port,
# the key log and the RSA key that decrypt it are recorded in manifest.tsv.
#
# Usage:  sudo ./generate.sh            (dumpcap on "lo" needs root/capabilities)
#         sudo ./generate.sh NAME...    regenerate only the named captures
#         ./generate.sh --list          print the names of all captures
#
# The script is idempotent: the key material under keys/ is created only if it
# is missing (and then kept, so that captures decryptable with the RSA key stay
# decryptable).  Without arguments every capture, key log and the manifest are
# regenerated.  With NAME arguments only those captures (NAME.pcapng, NAME.keylog,
# NAME.psk where there is one) are regenerated; their manifest rows are replaced
# in place (a new capture's row is appended) and every other row and file is
# left as it is.
#
# All keys in this directory are TEST-ONLY keys.  Never use them for anything.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$HERE" || exit 1
OUT=$HERE
KEYS=keys
PASS=tlsi-test
MANIFEST=$OUT/manifest.tsv
export LC_ALL=C

for tool in openssl gnutls-serv gnutls-cli dumpcap tshark ss timeout; do
    command -v "$tool" >/dev/null 2>&1 || { echo "missing tool: $tool" >&2; exit 1; }
done

TMP=$(mktemp -d /tmp/tlsi-captures.XXXXXX)
BG_PIDS=()
cleanup() {
    local p
    for p in "${BG_PIDS[@]}"; do kill "$p" 2>/dev/null; done
    [[ -n ${KEEP_TMP:-} ]] || rm -rf "$TMP"
}
trap cleanup EXIT

log() { printf '[generate] %s\n' "$*" >&2; }
SKIPPED=()

# Capture selection.  Every capture is guarded by "want NAME || skip".  MODE is
# "all" (default), "some" (the names in SELECTED) or "list" (only collect the
# names in KNOWN; nothing is generated).
MODE=all
SELECTED=" "
KNOWN=()
want() { # name
    case $MODE in
    all) return 0 ;;
    list) KNOWN+=("$1"); return 1 ;;
    *) [[ $SELECTED == *" $1 "* ]] ;;
    esac
}

# ---------------------------------------------------------------- key material
make_keys() {
    mkdir -p "$KEYS"
    local days=36500
    if [[ ! -s $KEYS/rsa-server.key || ! -s $KEYS/rsa-server.crt ]]; then
        log "generating RSA-2048 server key + self-signed cert"
        openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
            -out "$TMP/rsa.p8" 2>/dev/null || return 1
        openssl rsa -in "$TMP/rsa.p8" -traditional -out "$KEYS/rsa-server.key" 2>/dev/null || return 1
        openssl req -x509 -new -key "$KEYS/rsa-server.key" -sha256 -days $days \
            -subj "/O=tlsi test/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            -out "$KEYS/rsa-server.crt" 2>/dev/null || return 1
        rm -f "$KEYS"/rsa-server.pkcs8.key "$KEYS"/rsa-server.pkcs8-enc.key "$KEYS"/rsa-server.p12
    fi
    # Derived encodings of the same RSA key (re-derived only when missing).
    [[ -s $KEYS/rsa-server.pkcs8.key ]] ||
        openssl pkcs8 -topk8 -nocrypt -in "$KEYS/rsa-server.key" -out "$KEYS/rsa-server.pkcs8.key" || return 1
    [[ -s $KEYS/rsa-server.pkcs8-enc.key ]] ||
        openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256 -passout "pass:$PASS" \
            -in "$KEYS/rsa-server.key" -out "$KEYS/rsa-server.pkcs8-enc.key" || return 1
    [[ -s $KEYS/rsa-server.p12 ]] ||
        openssl pkcs12 -export -name "tlsi test RSA server" -passout "pass:$PASS" \
            -inkey "$KEYS/rsa-server.key" -in "$KEYS/rsa-server.crt" -out "$KEYS/rsa-server.p12" || return 1

    if [[ ! -s $KEYS/ec-server.key || ! -s $KEYS/ec-server.crt ]]; then
        log "generating EC P-256 server key + self-signed cert"
        openssl ecparam -name prime256v1 -genkey -noout -out "$KEYS/ec-server.key" || return 1
        openssl req -x509 -new -key "$KEYS/ec-server.key" -sha256 -days $days \
            -subj "/O=tlsi test/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            -out "$KEYS/ec-server.crt" 2>/dev/null || return 1
        rm -f "$KEYS/ec-server.pkcs8.key"
    fi
    [[ -s $KEYS/ec-server.pkcs8.key ]] ||
        openssl pkcs8 -topk8 -nocrypt -in "$KEYS/ec-server.key" -out "$KEYS/ec-server.pkcs8.key" || return 1

    if [[ ! -s $KEYS/client.key || ! -s $KEYS/client.crt ]]; then
        log "generating RSA-2048 client key + self-signed client cert"
        openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
            -out "$KEYS/client.key" 2>/dev/null || return 1
        openssl req -x509 -new -key "$KEYS/client.key" -sha256 -days $days \
            -subj "/O=tlsi test/CN=tlsi test client" -addext "extendedKeyUsage=clientAuth" \
            -out "$KEYS/client.crt" 2>/dev/null || return 1
    fi
    make_sigalg_keys || return 1
    chmod a+r "$KEYS"/*
}

# Keys for the signature-check captures: an EC P-384 CA and a P-384 server
# certificate it signs (a two-certificate chain), and an Ed25519 server.
make_sigalg_keys() {
    local days=36500
    if [[ ! -s $KEYS/p384-ca.crt || ! -s $KEYS/p384-server.crt || ! -s $KEYS/p384-server.key ]]; then
        log "generating EC P-384 CA + P-384 server cert signed by it"
        openssl ecparam -name secp384r1 -genkey -noout -out "$KEYS/p384-ca.key" || return 1
        openssl req -x509 -new -key "$KEYS/p384-ca.key" -sha384 -days $days \
            -subj "/O=tlsi test/CN=tlsi test CA" -addext "basicConstraints=critical,CA:TRUE" \
            -out "$KEYS/p384-ca.crt" 2>/dev/null || return 1
        openssl ecparam -name secp384r1 -genkey -noout -out "$KEYS/p384-server.key" || return 1
        openssl req -new -key "$KEYS/p384-server.key" -subj "/O=tlsi test/CN=localhost" \
            -out "$TMP/p384.csr" 2>/dev/null || return 1
        printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$TMP/p384.ext"
        openssl x509 -req -in "$TMP/p384.csr" -CA "$KEYS/p384-ca.crt" -CAkey "$KEYS/p384-ca.key" \
            -CAcreateserial -sha384 -days $days -extfile "$TMP/p384.ext" \
            -out "$KEYS/p384-server.crt" 2>/dev/null || return 1
        rm -f "$KEYS/p384-ca.srl"
    fi
    if [[ ! -s $KEYS/ed25519-server.key || ! -s $KEYS/ed25519-server.crt ]]; then
        log "generating Ed25519 server key + self-signed cert"
        openssl genpkey -algorithm ED25519 -out "$KEYS/ed25519-server.key" || return 1
        openssl req -x509 -new -key "$KEYS/ed25519-server.key" -days $days \
            -subj "/O=tlsi test/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            -out "$KEYS/ed25519-server.crt" 2>/dev/null || return 1
    fi
}

# ---------------------------------------------------------------- helpers
free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        if ! ss -Htan "( sport = :$p or dport = :$p )" | grep -q .; then
            echo "$p"; return 0
        fi
    done
}

wait_listen() { # port
    local i
    for ((i = 0; i < 200; i++)); do
        ss -Hltn "sport = :$1" | grep -q . && return 0
        sleep 0.05
    done
    log "server on port $1 did not start listening"
    return 1
}

CAP_NAME= CAP_PORT= CAP_FILE= DUMPCAP_PID=
cap_begin() { # name port
    CAP_NAME=$1 CAP_PORT=$2 CAP_FILE=$OUT/$1.pcapng
    rm -f "$CAP_FILE" "$OUT/$1.keylog" "$OUT/$1.psk"
    log "capture $CAP_NAME (port $CAP_PORT)"
    dumpcap -q -i lo -f "tcp port $CAP_PORT" -w "$CAP_FILE" >"$TMP/$CAP_NAME.dumpcap.log" 2>&1 &
    DUMPCAP_PID=$!
    BG_PIDS+=("$DUMPCAP_PID")
    local i
    for ((i = 0; i < 100; i++)); do
        [[ -s $CAP_FILE ]] && break
        sleep 0.05
    done
    sleep 1   # let the capture filter settle
}

cap_end() {
    sleep 0.5
    kill -INT "$DUMPCAP_PID" 2>/dev/null
    wait "$DUMPCAP_PID" 2>/dev/null
    chmod a+r "$CAP_FILE" 2>/dev/null
    [[ -f $OUT/$CAP_NAME.keylog ]] && chmod a+r "$OUT/$CAP_NAME.keylog"
    [[ -f $OUT/$CAP_NAME.keylog ]] || log "WARNING: $CAP_NAME produced no key log"
}

SRV_PID=
srv_start() { # port logname cmd...   (stdin: /dev/null unless SRV_STDIN is set)
    local port=$1 name=$2; shift 2
    "$@" >"$TMP/$name.server.log" 2>&1 <"${SRV_STDIN:-/dev/null}" &
    SRV_PID=$!
    BG_PIDS+=("$SRV_PID")
    wait_listen "$port"
}

srv_stop() { # wait (up to ~5 s) for the server to exit by itself, then stop it
    local i
    for ((i = 0; i < 100; i++)); do
        kill -0 "$SRV_PID" 2>/dev/null || break
        sleep 0.05
    done
    kill "$SRV_PID" 2>/dev/null
    wait "$SRV_PID" 2>/dev/null
    return 0
}

# Manifest rows of the captures made in this run, in generation order; main
# turns them into manifest.tsv (all captures) or merges them into it (NAME...).
ROWS=$TMP/rows.tsv
: >"$ROWS"
manifest_add() { # name keylog rsakey description
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$1.pcapng" "$CAP_PORT" "$2" "$3" "$4" >>"$ROWS"
}

HTTP_GET=$'GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: tlsi-test\r\n\r\n'

RSA_CERT=(-cert "$KEYS/rsa-server.crt" -key "$KEYS/rsa-server.key")
EC_CERT=(-cert "$KEYS/ec-server.crt" -key "$KEYS/ec-server.key")

# ossl_www NAME "DESCRIPTION" RSAKEY|- "SERVER_OPTS" "CLIENT_OPTS"
#   One connection: s_client sends an HTTP/1.1 GET, s_server -www answers with
#   its status page and closes (close_notify from both ends).
#   With -nocert in SERVER_OPTS the server gets no certificate (PSK suites).
ossl_www() {
    local name=$1 desc=$2 rsakey=$3
    want "$name" || return 0
    local -a sopts=($4) copts=($5) cert=("${RSA_CERT[@]}")
    [[ " ${sopts[*]} " == *" -nocert "* ]] && cert=()
    local port; port=$(free_port)
    cap_begin "$name" "$port"
    srv_start "$port" "$name" timeout 30 openssl s_server -accept "$port" -naccept 1 -www \
        "${cert[@]}" "${sopts[@]}"
    printf '%s' "$HTTP_GET" | timeout 20 openssl s_client -connect "127.0.0.1:$port" \
        -servername localhost -ign_eof -keylogfile "$OUT/$name.keylog" "${copts[@]}" \
        >"$TMP/$name.client.log" 2>&1
    echo "client exit status $?" >>"$TMP/$name.client.log"
    srv_stop
    cap_end
    manifest_add "$name" "$name.keylog" "$rsakey" "$desc"
}

# ---------------------------------------------------------------- captures
gen_openssl_basic() {
    # 1. TLS 1.0, ECDHE-RSA, AES-128-CBC + HMAC-SHA1, MAC-then-encrypt
    ossl_www tls10-ecdhe-rsa-aes128-sha \
        "OpenSSL TLS 1.0 ECDHE-RSA-AES128-SHA (CBC, MAC-then-encrypt: -no_etm), HTTP GET + -www response, close_notify" - \
        "-tls1 -cipher ECDHE-RSA-AES128-SHA:@SECLEVEL=0" \
        "-tls1 -cipher ECDHE-RSA-AES128-SHA:@SECLEVEL=0 -no_etm"

    # 2. TLS 1.1, RSA key exchange, AES-256-CBC + HMAC-SHA1, MAC-then-encrypt
    ossl_www tls11-rsa-aes256-sha \
        "OpenSSL TLS 1.1 AES256-SHA (RSA key exchange, CBC, MAC-then-encrypt: -no_etm), HTTP; decryptable with the RSA key alone" \
        "$KEYS/rsa-server.key" \
        "-tls1_1 -cipher AES256-SHA:@SECLEVEL=0" \
        "-tls1_1 -cipher AES256-SHA:@SECLEVEL=0 -no_etm"

    # 2b. TLS 1.1 RSA CBC with encrypt-then-MAC (OpenSSL default)
    ossl_www tls11-rsa-aes128-sha-etm \
        "OpenSSL TLS 1.1 AES128-SHA (RSA key exchange, CBC, encrypt-then-MAC negotiated), HTTP; decryptable with the RSA key alone" \
        "$KEYS/rsa-server.key" \
        "-tls1_1 -cipher AES128-SHA:@SECLEVEL=0" \
        "-tls1_1 -cipher AES128-SHA:@SECLEVEL=0"

    # 3. TLS 1.2, RSA key exchange, AES-128-GCM
    ossl_www tls12-rsa-aes128gcm \
        "OpenSSL TLS 1.2 AES128-GCM-SHA256 (TLS_RSA_WITH_AES_128_GCM_SHA256, RSA key exchange, extended master secret), HTTP; decryptable with the RSA key alone" \
        "$KEYS/rsa-server.key" \
        "-tls1_2" \
        "-tls1_2 -cipher AES128-GCM-SHA256"

    # 4. TLS 1.2 ECDHE-RSA AES-128-GCM
    ossl_www tls12-ecdhe-rsa-aes128gcm \
        "OpenSSL TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256 (X25519), HTTP GET + -www response, close_notify" - \
        "-tls1_2" \
        "-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256"

    # 5. TLS 1.2 DHE-RSA AES-256-CBC SHA-256 (encrypt-then-MAC, OpenSSL default)
    ossl_www tls12-dhe-rsa-aes256-sha256 \
        "OpenSSL TLS 1.2 DHE-RSA-AES256-SHA256 (finite-field DHE, CBC, encrypt-then-MAC negotiated), HTTP" - \
        "-tls1_2" \
        "-tls1_2 -cipher DHE-RSA-AES256-SHA256"

    # 8. TLS 1.2 CBC without encrypt-then-MAC (MAC-then-encrypt)
    ossl_www tls12-ecdhe-rsa-aes128-sha256-mte \
        "OpenSSL TLS 1.2 ECDHE-RSA-AES128-SHA256 with -no_etm (CBC, MAC-then-encrypt), HTTP" - \
        "-tls1_2" \
        "-tls1_2 -cipher ECDHE-RSA-AES128-SHA256 -no_etm"

    # 8b. TLS 1.2 CBC with encrypt-then-MAC, ECDHE, SHA-384 PRF
    ossl_www tls12-ecdhe-rsa-aes256-sha384-etm \
        "OpenSSL TLS 1.2 ECDHE-RSA-AES256-SHA384 (CBC, encrypt-then-MAC negotiated, SHA-384 PRF), HTTP" - \
        "-tls1_2" \
        "-tls1_2 -cipher ECDHE-RSA-AES256-SHA384"

    # 4b. TLS 1.2 AES-256-GCM (SHA-384 PRF)
    ossl_www tls12-ecdhe-rsa-aes256gcm \
        "OpenSSL TLS 1.2 ECDHE-RSA-AES256-GCM-SHA384 (SHA-384 PRF), HTTP" - \
        "-tls1_2" \
        "-tls1_2 -cipher ECDHE-RSA-AES256-GCM-SHA384"

    # 6. TLS 1.2 ChaCha20-Poly1305
    ossl_www tls12-ecdhe-rsa-chacha20 \
        "OpenSSL TLS 1.2 ECDHE-RSA-CHACHA20-POLY1305, HTTP" - \
        "-tls1_2" \
        "-tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305"

    # 7. TLS 1.2 AES-CCM (ECDSA, EC key) and AES-CCM-8 (RSA key exchange)
    local port name=tls12-ecdhe-ecdsa-aes128ccm
    if want "$name"; then
        port=$(free_port)
        cap_begin "$name" "$port"
        srv_start "$port" "$name" timeout 30 openssl s_server -accept "$port" -naccept 1 -www \
            "${EC_CERT[@]}" -tls1_2 -cipher 'ECDHE-ECDSA-AES128-CCM'
        printf '%s' "$HTTP_GET" | timeout 20 openssl s_client -connect "127.0.0.1:$port" \
            -servername localhost -ign_eof -keylogfile "$OUT/$name.keylog" \
            -tls1_2 -cipher ECDHE-ECDSA-AES128-CCM >"$TMP/$name.client.log" 2>&1
        srv_stop
        cap_end
        manifest_add "$name" "$name.keylog" - \
            "OpenSSL TLS 1.2 ECDHE-ECDSA-AES128-CCM (16-byte tag; server uses the EC P-256 cert keys/ec-server.crt), HTTP"
    fi

    ossl_www tls12-rsa-aes128ccm8 \
        "OpenSSL TLS 1.2 AES128-CCM8 (TLS_RSA_WITH_AES_128_CCM_8, RSA key exchange, 8-byte tag), HTTP; decryptable with the RSA key alone" \
        "$KEYS/rsa-server.key" \
        "-tls1_2 -cipher AES128-CCM8:@SECLEVEL=0" \
        "-tls1_2 -cipher AES128-CCM8:@SECLEVEL=0"

    # 9. TLS 1.3 cipher suites
    local cs
    for cs in TLS_AES_128_GCM_SHA256:tls13-aes128gcm TLS_AES_256_GCM_SHA384:tls13-aes256gcm \
        TLS_CHACHA20_POLY1305_SHA256:tls13-chacha20 TLS_AES_128_CCM_SHA256:tls13-aes128ccm \
        TLS_AES_128_CCM_8_SHA256:tls13-aes128ccm8; do
        ossl_www "${cs#*:}" \
            "OpenSSL TLS 1.3 ${cs%%:*} (X25519), HTTP GET + -www response, NewSessionTickets, close_notify" - \
            "-tls1_3 -ciphersuites ${cs%%:*}" \
            "-tls1_3 -ciphersuites ${cs%%:*}"
    done
}

# 10. bulk transfer: a 100000-byte HTTP response in records spanning TCP
# segments.  The loopback interface has a 64 KB MTU, so every record written
# by s_server would travel in a TCP segment of its own.  To get realistic
# segmentation this exchange runs in a private network namespace (unshare -n)
# whose own "lo" is set to MTU 1500 (MSS 1448 with timestamps); the host's
# loopback is not touched.  "$0 __bulk NAME VERSION PORT" is the inner part.
bulk_inner() {
    local name=$1 v=$2 port=$3 dir
    ip link set lo mtu 1500 up || return 1
    # no GSO super-segments in the capture: one frame per real TCP segment
    ip link set dev lo gso_max_segs 1 gso_max_size 1500 || return 1
    dir=$TMP/www
    mkdir -p "$dir"
    seq -f 'tlsi bulk transfer test line %05g ......................................' 1 2000 \
        | head -c 100000 >"$dir/bulk.txt"
    local req=$'GET /bulk.txt HTTP/1.1\r\nHost: localhost\r\nUser-Agent: tlsi-test\r\n\r\n'
    local -a vopt=(-tls1_3) copt=() sopt=()
    # TLS 1.2: 4 KB records (not aligned to segments); TLS 1.3: 16 KB records
    [[ $v == 12 ]] && vopt=(-tls1_2) copt=(-cipher ECDHE-RSA-AES256-GCM-SHA384) sopt=(-max_send_frag 4096)
    cap_begin "$name" "$port"
    ( cd "$dir" && exec timeout 30 openssl s_server -accept "$port" -naccept 1 -WWW \
        -cert "$HERE/$KEYS/rsa-server.crt" -key "$HERE/$KEYS/rsa-server.key" \
        "${vopt[@]}" "${sopt[@]}" ) >"$TMP/$name.server.log" 2>&1 </dev/null &
    SRV_PID=$!; BG_PIDS+=("$SRV_PID")
    wait_listen "$port" || return 1
    printf '%s' "$req" | timeout 20 openssl s_client -connect "127.0.0.1:$port" \
        -servername localhost -ign_eof -quiet -keylogfile "$OUT/$name.keylog" \
        "${vopt[@]}" "${copt[@]}" >"$TMP/$name.client.out" 2>"$TMP/$name.client.log"
    srv_stop
    cap_end
    local got; got=$(sed '1,/^\r$/d' "$TMP/$name.client.out" | wc -c)
    [[ $got == 100000 ]] || { log "ERROR: $name: client received $got body bytes"; return 1; }
}

gen_bulk() {
    local name port
    name=tls13-bulk-100k
    if want "$name"; then
        port=$(free_port)
        unshare --net "$HERE/generate.sh" __bulk "$name" 13 "$port" || log "ERROR: $name failed"
        CAP_PORT=$port
        manifest_add "$name" "$name.keylog" - \
            "OpenSSL TLS 1.3 TLS_AES_256_GCM_SHA384, GET /bulk.txt from s_server -WWW: 100000-byte response in 16 KB records, each spanning many 1448-byte TCP segments (private netns, lo MTU 1500)"
    fi
    name=tls12-bulk-100k
    if want "$name"; then
        port=$(free_port)
        unshare --net "$HERE/generate.sh" __bulk "$name" 12 "$port" || log "ERROR: $name failed"
        CAP_PORT=$port
        manifest_add "$name" "$name.keylog" - \
            "OpenSSL TLS 1.2 ECDHE-RSA-AES256-GCM-SHA384, GET /bulk.txt from s_server -WWW: 100000-byte response in 4 KB records spanning 1448-byte TCP segments (private netns, lo MTU 1500); the server's handshake flight spans segments too"
    fi
}

# 11. handshake_failure alert
gen_alert() {
    local name=tls12-alert-handshake-failure port
    want "$name" || return 0
    port=$(free_port)
    cap_begin "$name" "$port"
    srv_start "$port" "$name" timeout 30 openssl s_server -accept "$port" -naccept 1 -www \
        "${RSA_CERT[@]}" -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
    printf '%s' "$HTTP_GET" | timeout 20 openssl s_client -connect "127.0.0.1:$port" \
        -servername localhost -ign_eof -keylogfile "$OUT/$name.keylog" \
        -tls1_2 -cipher AES256-SHA >"$TMP/$name.client.log" 2>&1
    srv_stop
    cap_end
    # nothing is ever encrypted: OpenSSL writes only its comment header line
    # (an empty file is created if it wrote nothing at all)
    : >>"$OUT/$name.keylog"; chmod a+r "$OUT/$name.keylog"
    manifest_add "$name" "$name.keylog" - \
        "OpenSSL TLS 1.2: client offers only AES256-SHA, server only ECDHE-RSA-AES128-GCM-SHA256 -> server sends fatal handshake_failure alert (plaintext); key log holds no secrets (comment line only)"
}

# 12. client certificate authentication
gen_client_auth() {
    local v name port
    for v in 12 13; do
        name=tls${v}-client-auth
        want "$name" || continue
        port=$(free_port)
        cap_begin "$name" "$port"
        srv_start "$port" "$name" timeout 30 openssl s_server -accept "$port" -naccept 1 -www \
            "${RSA_CERT[@]}" -tls1_${v: -1} -Verify 1 -CAfile "$KEYS/client.crt"
        local -a copt=(-tls1_${v: -1})
        [[ $v == 12 ]] && copt+=(-cipher ECDHE-RSA-AES128-GCM-SHA256)
        printf '%s' "$HTTP_GET" | timeout 20 openssl s_client -connect "127.0.0.1:$port" \
            -servername localhost -ign_eof -keylogfile "$OUT/$name.keylog" \
            -cert "$KEYS/client.crt" -key "$KEYS/client.key" "${copt[@]}" \
            >"$TMP/$name.client.log" 2>&1
        srv_stop
        cap_end
        if [[ $v == 12 ]]; then
            manifest_add "$name" "$name.keylog" - \
                "OpenSSL TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256 with client certificate authentication (CertificateRequest, client Certificate + CertificateVerify), HTTP"
        else
            manifest_add "$name" "$name.keylog" - \
                "OpenSSL TLS 1.3 TLS_AES_256_GCM_SHA384 with client certificate authentication (encrypted CertificateRequest, client Certificate + CertificateVerify), HTTP"
        fi
    done
}

# Signature algorithms for the signature checks: ECDSA P-384 with a
# two-certificate chain (TLS 1.3 CertificateVerify, TLS 1.2 ServerKeyExchange)
# and Ed25519 (TLS 1.2 ServerKeyExchange, TLS 1.3 CertificateVerify).
gen_sigalgs() {
    local -a p384=(-cert "$KEYS/p384-server.crt" -key "$KEYS/p384-server.key"
        -cert_chain "$KEYS/p384-ca.crt")
    local -a ed=(-cert "$KEYS/ed25519-server.crt" -key "$KEYS/ed25519-server.key")
    local v name desc
    for v in 12 13; do
        name=tls${v}-ecdsa-p384-chain
        desc="OpenSSL TLS 1.${v: -1} with an EC P-384 server certificate signed by a P-384 CA (keys/p384-*.crt; the server sends both: signature ecdsa_secp384r1_sha384), HTTP"
        ossl_sig "$name" "$desc" "-tls1_${v: -1} ${p384[*]}" "-tls1_${v: -1} -sigalgs ECDSA+SHA384"
        name=tls${v}-ed25519
        desc="OpenSSL TLS 1.${v: -1} with an Ed25519 server certificate (keys/ed25519-server.crt; signature ed25519), HTTP"
        ossl_sig "$name" "$desc" "-tls1_${v: -1} ${ed[*]}" "-tls1_${v: -1}"
    done
}

# IPv6: one TLS 1.3 connection over ::1 (the plaintext export keeps IPv6 addresses).
gen_ipv6() {
    local name=tls13-ipv6
    want "$name" || return 0
    local port; port=$(free_port)
    cap_begin "$name" "$port"
    srv_start "$port" "$name" timeout 30 openssl s_server -accept "[::1]:$port" -naccept 1 -www \
        "${RSA_CERT[@]}" -tls1_3
    printf '%s' "$HTTP_GET" | timeout 20 openssl s_client -connect "[::1]:$port" \
        -servername localhost -ign_eof -keylogfile "$OUT/$name.keylog" -tls1_3 \
        >"$TMP/$name.client.log" 2>&1
    srv_stop
    cap_end
    manifest_add "$name" "$name.keylog" - \
        "OpenSSL TLS 1.3 over IPv6 (::1), TLS_AES_256_GCM_SHA384, HTTP GET + -www response"
}

# ossl_sig NAME DESC "SERVER_OPTS (with -cert)" "CLIENT_OPTS": like ossl_www
# with the server's own certificate options.
ossl_sig() {
    local name=$1 desc=$2
    want "$name" || return 0
    local -a sopts=($3) copts=($4)
    local port; port=$(free_port)
    cap_begin "$name" "$port"
    srv_start "$port" "$name" timeout 30 openssl s_server -accept "$port" -naccept 1 -www \
        "${sopts[@]}"
    printf '%s' "$HTTP_GET" | timeout 20 openssl s_client -connect "127.0.0.1:$port" \
        -servername localhost -ign_eof -keylogfile "$OUT/$name.keylog" "${copts[@]}" \
        >"$TMP/$name.client.log" 2>&1
    srv_stop
    cap_end
    manifest_add "$name" "$name.keylog" - "$desc"
}

# 13. resumption: two connections in one capture
# resume NAME DESC "SERVER_OPTS" "CLIENT_OPTS"
ossl_resume() {
    local name=$1 desc=$2
    want "$name" || return 0
    local -a sopts=($3) copts=($4)
    local port; port=$(free_port)
    rm -f "$TMP/$name.sess"
    cap_begin "$name" "$port"
    srv_start "$port" "$name" timeout 30 openssl s_server -accept "$port" -naccept 2 -www \
        "${RSA_CERT[@]}" "${sopts[@]}"
    printf '%s' "$HTTP_GET" | timeout 20 openssl s_client -connect "127.0.0.1:$port" \
        -servername localhost -ign_eof -keylogfile "$OUT/$name.keylog" \
        -sess_out "$TMP/$name.sess" "${copts[@]}" >"$TMP/$name.client1.log" 2>&1
    sleep 0.3
    printf '%s' "$HTTP_GET" | timeout 20 openssl s_client -connect "127.0.0.1:$port" \
        -servername localhost -ign_eof -keylogfile "$OUT/$name.keylog" \
        -sess_in "$TMP/$name.sess" "${copts[@]}" >"$TMP/$name.client2.log" 2>&1
    srv_stop
    cap_end
    if grep -q '^Reused' "$TMP/$name.client2.log"; then
        manifest_add "$name" "$name.keylog" - "$desc"
    else
        log "ERROR: $name: second connection was not resumed"
        manifest_add "$name" "$name.keylog" - "$desc (WARNING: resumption did not happen)"
    fi
}

gen_resumption() {
    ossl_resume tls12-resume-session-id \
        "OpenSSL TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256, two connections: full handshake, then abbreviated handshake resuming by session ID (-no_ticket), HTTP on both" \
        "-tls1_2 -no_ticket" "-tls1_2 -no_ticket -cipher ECDHE-RSA-AES128-GCM-SHA256"
    ossl_resume tls12-resume-ticket \
        "OpenSSL TLS 1.2 ECDHE-RSA-AES256-GCM-SHA384, two connections: full handshake with NewSessionTicket, then abbreviated handshake resuming with the session ticket, HTTP on both" \
        "-tls1_2" "-tls1_2 -cipher ECDHE-RSA-AES256-GCM-SHA384"
    ossl_resume tls13-resume-psk \
        "OpenSSL TLS 1.3 TLS_AES_128_GCM_SHA256, two connections: full handshake (NewSessionTickets), then PSK resumption (psk_dhe_ke) with the ticket, HTTP on both" \
        "-tls1_3" "-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256"
}

# 14. HelloRetryRequest
gen_hrr() {
    ossl_www tls13-hello-retry-request \
        "OpenSSL TLS 1.3 TLS_AES_128_GCM_SHA256: client key share X25519, server only accepts P-256 -> HelloRetryRequest, second ClientHello with P-256 share, HTTP" - \
        "-tls1_3 -groups P-256" \
        "-tls1_3 -groups X25519:P-256 -ciphersuites TLS_AES_128_GCM_SHA256"
}

# Interactive OpenSSL session driven through FIFOs (for renegotiation and
# KeyUpdate, which are s_client/s_server command letters).
# ossl_interactive NAME PORT "SERVER_OPTS" "CLIENT_OPTS" STEP...
#   STEP is  c:TEXT  (line to the client's stdin),  s:TEXT  (line to the
#   server's stdin) or  w:SECONDS  (sleep).  The client is finally sent "Q".
ossl_interactive() {
    local name=$1 port=$2
    local -a sopts=($3) copts=($4)
    shift 4
    local sfifo=$TMP/$name.sfifo cfifo=$TMP/$name.cfifo
    rm -f "$sfifo" "$cfifo"
    mkfifo "$sfifo" "$cfifo"
    local sfd cfd
    exec {sfd}<>"$sfifo" {cfd}<>"$cfifo"
    cap_begin "$name" "$port"
    SRV_STDIN=$sfifo srv_start "$port" "$name" timeout 30 openssl s_server -accept "$port" \
        -naccept 1 "${RSA_CERT[@]}" "${sopts[@]}"
    timeout 25 openssl s_client -connect "127.0.0.1:$port" -servername localhost \
        -keylogfile "$OUT/$name.keylog" "${copts[@]}" <"$cfifo" >"$TMP/$name.client.log" 2>&1 &
    local cpid=$!
    BG_PIDS+=("$cpid")
    sleep 1
    local step
    for step in "$@"; do
        case $step in
        c:*) printf '%s\n' "${step#c:}" >&"$cfd"; sleep 0.4 ;;
        s:*) printf '%s\n' "${step#s:}" >&"$sfd"; sleep 0.4 ;;
        w:*) sleep "${step#w:}" ;;
        esac
    done
    printf 'Q\n' >&"$cfd"
    wait "$cpid" 2>/dev/null
    srv_stop
    exec {sfd}>&- {cfd}>&-
    cap_end
}

# 15. renegotiation, 16. KeyUpdate
gen_interactive() {
    local port
    if want tls12-renegotiation; then
        port=$(free_port)
        CAP_PORT=$port
        ossl_interactive tls12-renegotiation "$port" \
            "-tls1_2 -client_renegotiation" "-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256" \
            "c:client data before renegotiation" "s:server data before renegotiation" \
            "c:R" "w:0.6" \
            "c:client data after renegotiation" "s:server data after renegotiation"
        manifest_add tls12-renegotiation tls12-renegotiation.keylog - \
            "OpenSSL TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256: application data, client-initiated secure renegotiation (encrypted second handshake, renegotiation_info), application data both ways, close_notify. Key log has two CLIENT_RANDOM lines"
    fi

    if want tls13-key-update; then
        port=$(free_port)
        CAP_PORT=$port
        ossl_interactive tls13-key-update "$port" \
            "-tls1_3" "-tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256" \
            "c:client data before key update" "s:server data before key update" \
            "c:K" "w:0.3" \
            "c:client data after key update" "s:server data after key update" \
            "s:k" "w:0.3" \
            "c:client data after second key update" "s:server data after second key update"
        manifest_add tls13-key-update tls13-key-update.keylog - \
            "OpenSSL TLS 1.3 TLS_CHACHA20_POLY1305_SHA256: data, client KeyUpdate(update_requested) + server KeyUpdate in reply, data, server KeyUpdate(update_not_requested), data; client traffic secret generation 1, server generation 2"
    fi
}

# TLS 1.3 post-handshake client authentication (s_server command letter "c")
gen_pha() {
    local name=tls13-post-handshake-auth port
    want "$name" || return 0
    port=$(free_port)
    ossl_interactive "$name" "$port" \
        "-tls1_3 -CAfile $KEYS/client.crt" \
        "-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 -enable_pha -cert $KEYS/client.crt -key $KEYS/client.key" \
        "c:client data before post-handshake auth" "s:server data before post-handshake auth" \
        "s:c" "w:0.6" \
        "c:client data after post-handshake auth" "s:server data after post-handshake auth"
    manifest_add "$name" "$name.keylog" - \
        "OpenSSL TLS 1.3 TLS_AES_128_GCM_SHA256, client offers post_handshake_auth: data, then an encrypted post-handshake CertificateRequest from the server answered by client Certificate + CertificateVerify + Finished, new tickets, data, close_notify"
}

# 0-RTT early data (TLS 1.3): first connection gets a ticket allowing early
# data, second connection resumes and sends the request as early data.
gen_early_data() {
    local name=tls13-early-data port
    want "$name" || return 0
    port=$(free_port)
    CAP_PORT=$port
    local sfifo=$TMP/$name.sfifo sfd
    rm -f "$sfifo" "$TMP/$name.sess"; mkfifo "$sfifo"
    exec {sfd}<>"$sfifo"
    printf 'GET /early HTTP/1.1\r\nHost: localhost\r\n\r\n' >"$TMP/$name.early"
    cap_begin "$name" "$port"
    SRV_STDIN=$sfifo srv_start "$port" "$name" timeout 30 openssl s_server -accept "$port" \
        -naccept 2 "${RSA_CERT[@]}" -tls1_3 -early_data
    ( sleep 1; printf 'first connection data\n'; sleep 1 ) | timeout 20 openssl s_client \
        -connect "127.0.0.1:$port" -servername localhost -tls1_3 \
        -ciphersuites TLS_AES_128_GCM_SHA256 -keylogfile "$OUT/$name.keylog" \
        -sess_out "$TMP/$name.sess" >"$TMP/$name.client1.log" 2>&1 &
    local cpid=$!
    sleep 0.8
    printf 'server data on first connection\n' >&"$sfd"
    wait "$cpid"
    sleep 0.3
    ( sleep 1; printf 'client data after 0-RTT\n'; sleep 1 ) | timeout 20 openssl s_client \
        -connect "127.0.0.1:$port" -servername localhost -tls1_3 \
        -ciphersuites TLS_AES_128_GCM_SHA256 -keylogfile "$OUT/$name.keylog" \
        -sess_in "$TMP/$name.sess" -early_data "$TMP/$name.early" >"$TMP/$name.client2.log" 2>&1 &
    cpid=$!
    sleep 0.8
    printf 'server data on second connection\n' >&"$sfd"
    wait "$cpid"
    srv_stop
    exec {sfd}>&-
    cap_end
    local d="OpenSSL TLS 1.3 TLS_AES_128_GCM_SHA256, two connections: full handshake (ticket allowing early data), then PSK resumption with 0-RTT early data (an HTTP GET, CLIENT_EARLY_TRAFFIC_SECRET in key log), EndOfEarlyData, data both ways"
    if grep -q 'Early data was accepted' "$TMP/$name.client2.log"; then
        manifest_add "$name" "$name.keylog" - "$d"
    else
        log "ERROR: $name: early data was not accepted"
        manifest_add "$name" "$name.keylog" - "$d (WARNING: early data not accepted)"
    fi
}

# 17. GnuTLS
# gnutls_http NAME DESC RSAKEY|- "SERVER_PRIORITY" "CLIENT_PRIORITY" [CERT KEY]
gnutls_http() {
    local name=$1 desc=$2 rsakey=$3 sprio=$4 cprio=$5
    want "$name" || return 0
    local cert=${6:-$KEYS/rsa-server.crt} key=${7:-$KEYS/rsa-server.key}
    local port; port=$(free_port)
    local cfifo=$TMP/$name.cfifo cfd
    rm -f "$cfifo"; mkfifo "$cfifo"
    exec {cfd}<>"$cfifo"
    cap_begin "$name" "$port"
    srv_start "$port" "$name" timeout 30 gnutls-serv --http -a -p "$port" \
        --x509certfile "$cert" --x509keyfile "$key" --priority "$sprio"
    SSLKEYLOGFILE=$OUT/$name.keylog timeout 20 gnutls-cli -p "$port" --no-ca-verification \
        --priority "$cprio" localhost <"$cfifo" >"$TMP/$name.client.log" 2>&1 &
    local cpid=$!
    sleep 1
    printf '%s' "$HTTP_GET" >&"$cfd"
    sleep 1
    exec {cfd}>&-          # EOF on stdin: gnutls-cli sends close_notify and exits
    wait "$cpid"
    kill "$SRV_PID" 2>/dev/null
    srv_stop
    cap_end
    manifest_add "$name" "$name.keylog" "$rsakey" "$desc"
}

gen_gnutls() {
    gnutls_http gnutls-tls12-ecdhe-rsa-aes128gcm \
        "GnuTLS gnutls-cli/gnutls-serv --http TLS 1.2 ECDHE-RSA-AES-128-GCM (SSLKEYLOGFILE), HTTP" - \
        "NORMAL" "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+AES-128-GCM"
    gnutls_http gnutls-tls13-aes256gcm \
        "GnuTLS gnutls-cli/gnutls-serv --http TLS 1.3 TLS_AES_256_GCM_SHA384 (SSLKEYLOGFILE), HTTP" - \
        "NORMAL" "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-256-GCM"
    # 7b. 3DES: OpenSSL on this system is built without 3DES TLS cipher suites
    gnutls_http gnutls-tls12-rsa-3des-ede-cbc-sha \
        "GnuTLS TLS 1.2 TLS_RSA_WITH_3DES_EDE_CBC_SHA (RSA key exchange, 3DES-CBC, MAC-then-encrypt: %NO_ETM), HTTP; decryptable with the RSA key alone" \
        "$KEYS/rsa-server.key" \
        "NORMAL:+3DES-CBC:+RSA" \
        "NONE:+VERS-TLS1.2:+RSA:+3DES-CBC:+SHA1:+COMP-NULL:+SIGN-ALL:+GROUP-ALL:%NO_ETM"
    gnutls_http gnutls-tls12-rsa-aes128-cbc-sha-noems \
        "GnuTLS TLS 1.2 TLS_RSA_WITH_AES_128_CBC_SHA (RSA key exchange, CBC, encrypt-then-MAC, NO extended master secret: %NO_SESSION_HASH), HTTP; decryptable with the RSA key alone" \
        "$KEYS/rsa-server.key" \
        "NORMAL:+RSA" \
        "NONE:+VERS-TLS1.2:+RSA:+AES-128-CBC:+SHA1:+COMP-NULL:+SIGN-ALL:+GROUP-ALL:%NO_SESSION_HASH"
}

# 18. SSL 3.0: attempt it with GnuTLS (Debian's OpenSSL is built with no-ssl3,
# s_client/s_server have no -ssl3 option).  The capture is kept only if an
# SSL 3.0 ServerHello really was exchanged.
gen_ssl3() {
    local name=gnutls-ssl30-rsa-aes128-cbc-sha
    want "$name" || return 0
    gnutls_http "$name" \
        "GnuTLS SSL 3.0 RSA key exchange AES-128-CBC SHA1, HTTP; decryptable with the RSA key alone" \
        "$KEYS/rsa-server.key" \
        "NORMAL:+VERS-SSL3.0:+RSA" \
        "NONE:+VERS-SSL3.0:+RSA:+AES-128-CBC:+SHA1:+COMP-NULL:+SIGN-ALL:+GROUP-ALL"
    if tshark -r "$OUT/$name.pcapng" -d "tcp.port==$CAP_PORT,tls" \
        -Y 'tls.handshake.type == 2 && tls.handshake.version == 0x0300' 2>/dev/null | grep -q .; then
        return 0
    fi
    log "no SSL 3.0 session could be established; dropping $name"
    rm -f "$OUT/$name.pcapng" "$OUT/$name.keylog"
    sed -i '$d' "$ROWS"
    SKIPPED+=("SSL 3.0: Debian's OpenSSL has no SSLv3 (no -ssl3 option) and GnuTLS 3.7 rejects VERS-SSL3.0 (not compiled in: '$(head -c 200 "$TMP/$name.client.log" | tr '\n' ' ')')")
}

# 19. PSK key exchanges (RFC 4279, RFC 5489), Camellia, NULL encryption.
# The PSK is fixed, so that the PSK captures stay decryptable with it; it is
# written (hex) to NAME.psk next to the capture.
PSK=1a2b3c4d5e6f7081

# ossl_psk NAME DESC RSAKEY|- "SERVER_OPTS" "CLIENT_OPTS": ossl_www with -psk
# on both ends (s_client's default identity "Client_identity"), then NAME.psk.
ossl_psk() {
    local name=$1
    want "$name" || return 0
    ossl_www "$1" "$2" "$3" "-psk $PSK $4" "-psk $PSK $5"
    printf '%s\n' "$PSK" >"$OUT/$name.psk"
    chmod a+r "$OUT/$name.psk"
}

gen_psk_camellia_null() {
    ossl_psk tls12-psk-aes128-cbc-sha256 \
        "OpenSSL TLS 1.2 PSK-AES128-CBC-SHA256 (TLS_PSK_WITH_AES_128_CBC_SHA256, plain PSK key exchange, no server certificate, CBC, encrypt-then-MAC), identity Client_identity, PSK $PSK (hex, in tls12-psk-aes128-cbc-sha256.psk), HTTP; decryptable with the PSK alone (no key log)" - \
        "-tls1_2 -nocert" \
        "-tls1_2 -cipher PSK-AES128-CBC-SHA256"
    # RSA_PSK: the RSA key alone is not enough (the premaster also holds the
    # PSK), so the rsa_key column stays "-"; tests/integration/psk.sh covers it.
    ossl_psk tls12-rsa-psk-aes256-gcm \
        "OpenSSL TLS 1.2 RSA-PSK-AES256-GCM-SHA384 (TLS_RSA_PSK_WITH_AES_256_GCM_SHA384, RSA_PSK key exchange with the RSA server cert), identity Client_identity, PSK $PSK (hex, in tls12-rsa-psk-aes256-gcm.psk), HTTP; decryptable with keys/rsa-server.key together with the PSK, or with the key log" - \
        "-tls1_2" \
        "-tls1_2 -cipher RSA-PSK-AES256-GCM-SHA384"
    ossl_psk tls12-ecdhe-psk-chacha20 \
        "OpenSSL TLS 1.2 ECDHE-PSK-CHACHA20-POLY1305 (TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256, X25519, no server certificate), identity Client_identity, PSK $PSK (hex, in tls12-ecdhe-psk-chacha20.psk), HTTP; needs the key log (ephemeral ECDHE)" - \
        "-tls1_2 -nocert" \
        "-tls1_2 -cipher ECDHE-PSK-CHACHA20-POLY1305"
    # Camellia is not in the server's default cipher list: name it on both ends.
    ossl_www tls12-rsa-camellia128-sha \
        "OpenSSL TLS 1.2 CAMELLIA128-SHA (TLS_RSA_WITH_CAMELLIA_128_CBC_SHA, RSA key exchange, Camellia-128-CBC, encrypt-then-MAC), HTTP; decryptable with the RSA key alone" \
        "$KEYS/rsa-server.key" \
        "-tls1_2 -cipher CAMELLIA128-SHA" \
        "-tls1_2 -cipher CAMELLIA128-SHA"
    ossl_www tls12-ecdhe-rsa-camellia256-sha384 \
        "OpenSSL TLS 1.2 ECDHE-RSA-CAMELLIA256-SHA384 (TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384, Camellia-256-CBC, HMAC-SHA384, encrypt-then-MAC, SHA-384 PRF), HTTP" - \
        "-tls1_2 -cipher ECDHE-RSA-CAMELLIA256-SHA384" \
        "-tls1_2 -cipher ECDHE-RSA-CAMELLIA256-SHA384"
    ossl_www tls12-rsa-null-sha256 \
        "OpenSSL TLS 1.2 NULL-SHA256 (TLS_RSA_WITH_NULL_SHA256, RSA key exchange, NO encryption: plaintext records with HMAC-SHA256, SECLEVEL=0), HTTP; decryptable with the RSA key alone" \
        "$KEYS/rsa-server.key" \
        "-tls1_2 -cipher NULL-SHA256:@SECLEVEL=0" \
        "-tls1_2 -cipher NULL-SHA256:@SECLEVEL=0"
}

# 20. SSLv2-format ClientHello (RFC 5246 E.2).  No stack on Debian 12 sends
# one any more, so sslv2hello.py (beside this script: a minimal RSA key
# exchange client on python3-cryptography) opens the session with it against
# s_server, completes the handshake and fetches the -www page; a second
# connection resumes that session by its id with an ordinary ClientHello.
# The key log is the server's (s_server -keylogfile), written by OpenSSL.
# @SECLEVEL=0: an SSLv2 hello cannot carry signature_algorithms, so OpenSSL
# falls back to SHA-1 signatures, which level 2 forbids even for RSA kex.
sslv2_hello() { # NAME DESC "SERVER_OPTS" "CLIENT_OPTS"
    local name=$1 desc=$2
    want "$name" || return 0
    local -a sopts=($3) copts=($4)
    local port; port=$(free_port)
    cap_begin "$name" "$port"
    srv_start "$port" "$name" timeout 30 openssl s_server -accept "$port" -naccept 2 -www \
        "${RSA_CERT[@]}" -keylogfile "$OUT/$name.keylog" "${sopts[@]}"
    timeout 20 /usr/bin/python3 "$HERE/sslv2hello.py" "$port" --resume "${copts[@]}" \
        >"$TMP/$name.client.log" 2>&1 || log "ERROR: $name: $(cat "$TMP/$name.client.log")"
    srv_stop
    cap_end
    manifest_add "$name" "$name.keylog" "$KEYS/rsa-server.key" "$desc"
}

gen_sslv2_hello() {
    sslv2_hello sslv2hello-tls10-rsa-aes128-sha \
        "SSLv2-format ClientHello (version 0x0301, 16-byte challenge, so the client random is zero-padded on the left) from sslv2hello.py, then TLS 1.0 AES128-SHA (RSA key exchange, CBC, MAC-then-encrypt) with OpenSSL s_server; a second connection resumes the session by id with a TLS ClientHello; HTTP on both; decryptable with the RSA key alone" \
        "-tls1 -cipher AES128-SHA:@SECLEVEL=0" "--version 0x0301 --suite 0x002f --challenge-len 16"
    sslv2_hello sslv2hello-tls12-rsa-aes128gcm \
        "SSLv2-format ClientHello (version 0x0303, 32-byte challenge) from sslv2hello.py, then TLS 1.2 AES128-GCM-SHA256 (RSA key exchange) with OpenSSL s_server; a second connection resumes the session by id with a TLS ClientHello; HTTP on both; decryptable with the RSA key alone" \
        "-tls1_2 -cipher AES128-GCM-SHA256:@SECLEVEL=0" "--version 0x0303 --suite 0x009c --challenge-len 32"
}

# 21. Many records each way, each in its own TCP segment: ten text lines from
# each side, alternating (s_client and s_server driven through FIFOs).  The
# tests cut segments out of these (editcap) to check that decryption resumes
# after records missing from a capture: AEAD with the nonce from the sequence
# number (TLS 1.3, ChaCha20 in TLS 1.2), CBC with explicit IVs (TLS 1.2) and
# with the chained IV (TLS 1.0).
gap_lines() { # NAME DESC "SERVER_OPTS" "CLIENT_OPTS"
    local name=$1 desc=$2 sopts=$3 copts=$4 port i
    want "$name" || return 0
    local -a steps=()
    for i in 01 02 03 04 05 06 07 08 09 10; do
        steps+=("c:client line $i of ten" "s:server line $i of ten")
    done
    port=$(free_port)
    CAP_PORT=$port
    ossl_interactive "$name" "$port" "$sopts" "$copts" "${steps[@]}"
    manifest_add "$name" "$name.keylog" - "$desc"
}

gen_gap_lines() {
    gap_lines lines-tls13-aes128gcm \
        "OpenSSL TLS 1.3 TLS_AES_128_GCM_SHA256: ten text lines each way, alternating, one record per line, each in its own TCP segment (for cutting segments out)" \
        "-tls1_3" "-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256"
    gap_lines lines-tls12-ecdhe-rsa-chacha20 \
        "OpenSSL TLS 1.2 ECDHE-RSA-CHACHA20-POLY1305: ten text lines each way, alternating, one record per line, each in its own TCP segment" \
        "-tls1_2" "-tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305"
    gap_lines lines-tls12-ecdhe-rsa-aes128-sha256-mte \
        "OpenSSL TLS 1.2 ECDHE-RSA-AES128-SHA256 (CBC with explicit IVs, MAC-then-encrypt: -no_etm): ten text lines each way, alternating, one record per line, each in its own TCP segment" \
        "-tls1_2" "-tls1_2 -cipher ECDHE-RSA-AES128-SHA256 -no_etm"
    gap_lines lines-tls10-ecdhe-rsa-aes128-sha \
        "OpenSSL TLS 1.0 ECDHE-RSA-AES128-SHA (CBC with the chained IV, MAC-then-encrypt: -no_etm): ten text lines each way, alternating, one record per line, each in its own TCP segment" \
        "-tls1 -cipher ECDHE-RSA-AES128-SHA:@SECLEVEL=0" "-tls1 -cipher ECDHE-RSA-AES128-SHA:@SECLEVEL=0 -no_etm"
}

# ---------------------------------------------------------------- sanity check
# check_capture NAME PORT KEYLOG RSAKEY
summary_line() {
    local name=$1 port=$2 keylog=$3 rsakey=$4
    local file=$OUT/$name.pcapng
    local frames records dec_kl=- dec_rsa=- streams
    frames=$(tshark -r "$file" 2>/dev/null | wc -l)
    records=$(tshark -r "$file" -d "tcp.port==$port,tls" -Y tls -T fields \
        -e tls.record.length 2>/dev/null | tr ',' '\n' | grep -c .)
    streams=$(tshark -r "$file" -T fields -e tcp.stream 2>/dev/null | sort -u | grep -c .)
    follow_bytes() { # extra tshark opts...
        local s total=0 n
        for ((s = 0; s < streams; s++)); do
            n=$(tshark -r "$file" -q -d "tcp.port==$port,tls" "$@" -z "follow,tls,raw,$s" 2>/dev/null |
                sed -n '/^Node 1:/,/^=====/p' | sed '1d;$d' | tr -d '\t\n' | wc -c)
            total=$((total + n / 2))
        done
        echo "$total"
    }
    if [[ $keylog != - && -s $OUT/$keylog ]]; then
        dec_kl=$(follow_bytes -o "tls.keylog_file:$OUT/$keylog")
    fi
    if [[ $rsakey != - ]]; then
        dec_rsa=$(follow_bytes -o "uat:rsa_keys:\"$OUT/$rsakey\",\"\"")
    fi
    printf '%-40s %6s %6s %8s %12s %12s\n' "$name" "$port" "$frames" "$records" "$dec_kl" "$dec_rsa"
}

# ---------------------------------------------------------------- main
# 20. Suites and versions Debian's OpenSSL and GnuTLS no longer speak (SSL 3.0,
# export suites, DES), from scapy's TLS client and server automata
# (python3-scapy, Debian's own /usr/bin/python3; scapy_peer.py beside this
# script). The client writes the key log line from its session. With the RSA
# key too when the key exchange is RSA with the certificate's key (the export
# suites get a temporary RSA key from the server instead).
SCAPY_PY=/usr/bin/python3
scapy_ok() {
    "$SCAPY_PY" -c 'import scapy.layers.tls.automaton_cli' >/dev/null 2>&1
}

# scapy_cap NAME SUITE VERSION RSAKEY|- "DESCRIPTION"
scapy_cap() {
    local name=$1 suite=$2 version=$3 rsakey=$4 desc=$5
    want "$name" || return 0
    if ! scapy_ok; then
        SKIPPED+=("$name: needs python3-scapy (apt install python3-scapy)")
        return 0
    fi
    local port; port=$(free_port)
    cap_begin "$name" "$port"
    srv_start "$port" "$name" timeout 30 "$SCAPY_PY" "$HERE/scapy_peer.py" server "$port" \
        "$suite" "$KEYS/rsa-server.crt" "$KEYS/rsa-server.key"
    timeout 20 "$SCAPY_PY" "$HERE/scapy_peer.py" client "$port" "$suite" "$version" \
        "$OUT/$name.keylog" "first line from the scapy client ($name)" \
        "second line from the client" \
        >"$TMP/$name.client.log" 2>&1
    echo "client exit status $?" >>"$TMP/$name.client.log"
    srv_stop
    cap_end
    manifest_add "$name" "$name.keylog" "$rsakey" "$desc"
}

gen_scapy() {
    local echo="scapy client and echo server, two request lines echoed back, close_notify from the client"
    scapy_cap ssl3-rsa-export-rc4-40-md5 0x0003 0x0300 - \
        "scapy SSL 3.0 TLS_RSA_EXPORT_WITH_RC4_40_MD5 (export key expansion of RFC 6101 6.2.2; temporary 512-bit RSA key in ServerKeyExchange, so key log only); $echo"
    scapy_cap tls10-rsa-export-rc2-cbc-40-md5 0x0006 0x0301 - \
        "scapy TLS 1.0 TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5 (RFC 2246 6.3 export key and IV expansion, RC2 with a 16-byte key); $echo"
    scapy_cap ssl3-rsa-export-des40-cbc-sha 0x0008 0x0300 - \
        "scapy SSL 3.0 TLS_RSA_EXPORT_WITH_DES40_CBC_SHA (export key and IVs from MD5 of the randoms); $echo"
    scapy_cap tls10-rsa-export-des40-cbc-sha 0x0008 0x0301 - \
        "scapy TLS 1.0 TLS_RSA_EXPORT_WITH_DES40_CBC_SHA (RFC 2246 6.3 \"IV block\"); $echo"
    scapy_cap tls10-rsa-des-cbc-sha 0x0009 0x0301 keys/rsa-server.key \
        "scapy TLS 1.0 TLS_RSA_WITH_DES_CBC_SHA (single DES, RSA key exchange); $echo; decryptable with the RSA key alone"
    scapy_cap ssl3-rsa-aes128-cbc-sha 0x002f 0x0300 keys/rsa-server.key \
        "scapy SSL 3.0 TLS_RSA_WITH_AES_128_CBC_SHA (a TLS 1.0 suite over SSL 3.0: SSL 3.0 MAC and padding); $echo; decryptable with the RSA key alone"
    scapy_cap ssl3-rsa-camellia128-cbc-sha 0x0041 0x0300 keys/rsa-server.key \
        "scapy SSL 3.0 TLS_RSA_WITH_CAMELLIA_128_CBC_SHA (a TLS 1.0 suite over SSL 3.0); $echo; decryptable with the RSA key alone"
    scapy_cap ssl3-rsa-3des-ede-cbc-sha 0x000a 0x0300 keys/rsa-server.key \
        "scapy SSL 3.0 TLS_RSA_WITH_3DES_EDE_CBC_SHA; $echo; decryptable with the RSA key alone"
}

gen_all() {
    gen_openssl_basic
    gen_bulk
    gen_alert
    gen_client_auth
    gen_resumption
    gen_hrr
    gen_interactive
    gen_pha
    gen_early_data
    gen_gnutls
    gen_ssl3
    gen_psk_camellia_null
    gen_sigalgs
    gen_ipv6
    gen_scapy
    gen_sslv2_hello
    gen_gap_lines
}

# merge_rows: replace the manifest rows of the captures in $ROWS (in place),
# append the rows of captures the manifest did not have yet.
merge_rows() {
    local new=$TMP/manifest.new
    [[ -s $ROWS ]] || return 0   # nothing made (e.g. the SSL 3.0 capture was dropped)
    awk -F'\t' -v OFS='\t' '
        NR == FNR { row[$1] = $0; order[++n] = $1; next }
        FNR == 1 { print; next }
        ($1 in row) { print row[$1]; done[$1] = 1; next }
        { print }
        END { for (i = 1; i <= n; i++) if (!(order[i] in done)) print row[order[i]] }
    ' "$ROWS" "$MANIFEST" >"$new" || return 1
    cat "$new" >"$MANIFEST"
}

main() {
    local name
    if [[ ${1:-} == --list ]]; then
        MODE=list
        gen_all
        printf '%s\n' "${KNOWN[@]}"
        return 0
    fi
    if (($#)); then
        MODE=list
        gen_all
        for name in "$@"; do
            [[ " ${KNOWN[*]} " == *" $name "* ]] || { log "unknown capture: $name (see --list)"; exit 2; }
            SELECTED+="$name "
        done
        [[ -s $MANIFEST ]] || { log "no $MANIFEST to update: run without arguments first"; exit 1; }
        MODE=some
    fi
    make_keys || { log "key generation failed"; exit 1; }
    if [[ $MODE == all ]]; then
        # start from a clean slate: no stale captures/key logs from older runs
        rm -f "$OUT"/*.pcapng "$OUT"/*.keylog "$OUT"/*.psk
    fi
    gen_all
    if [[ $MODE == all ]]; then
        { printf 'name\tfile\tserver_port\tkeylog\trsa_key\tdescription\n'; cat "$ROWS"; } >"$MANIFEST"
    else
        merge_rows || { log "could not update $MANIFEST"; exit 1; }
    fi
    chmod a+r "$MANIFEST"

    echo
    echo "Summary (records = TLS records seen by the built-in dissector;"
    echo "decrypted = bytes of decrypted application data, all TCP streams):"
    printf '%-40s %6s %6s %8s %12s %12s\n' capture port frames records 'dec(keylog)' 'dec(rsakey)'
    local file port keylog rsakey desc
    while IFS=$'\t' read -r name file port keylog rsakey desc; do
        [[ $name == name ]] && continue
        summary_line "$name" "$port" "$keylog" "$rsakey"
    done <"$ROWS"
    echo
    local total; total=$(du -cb "$OUT"/*.pcapng | tail -1 | cut -f1)
    echo "total capture size: $total bytes"
    local s
    for s in "${SKIPPED[@]}"; do echo "skipped: $s"; done
}

if [[ ${1:-} == __bulk ]]; then
    shift
    bulk_inner "$@"
    exit $?
fi
main "$@"
