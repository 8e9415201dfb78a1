#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make-native.sh - real captures for the "native layer" tests (issue 12):
# decrypted PDUs that span records, handshake messages that span records,
# and HTTP on port 443 (where Wireshark's HTTP checks that it runs over TLS).
#
#   native-tls12-http11 / native-tls13-http11: Python's ssl + http.server on
#     port 443, HTTP/1.1 keep-alive, GET / (short) then GET /big (40000 bytes
#     with Content-Length: the body spans three records after the header record).
#   native-tls12-frag / native-tls13-frag: openssl s_server -max_send_frag 512,
#     so the certificate and other handshake messages span several records.
#   native-tls12-h2 / native-tls13-h2: nghttpd (nghttp2-server) on port 443 and
#     curl --http2 (ALPN h2), two GETs on one connection, one with a 40000-byte
#     body: HTTP/2 frames that span records and records that carry several frames.
#
# Usage: sudo ./make-native.sh [NAME...]   (dumpcap on "lo" and port 443 need root)
# Writes native-*.pcapng, native-*.keylog and manifest.tsv next to this script;
# with NAMEs, makes only those captures and keeps the other rows of the manifest.
# Needs python3, openssl, dumpcap, nghttp2-server and curl.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d /tmp/tlsi-native.XXXXXX)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$TMP"
}
trap cleanup EXIT
cd "$TMP"

openssl req -x509 -newkey rsa:2048 -nodes -keyout server.key -out server.crt -days 36500 \
    -subj "/O=tlsi test/CN=localhost" 2>/dev/null

free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        ss -Htan "( sport = :$p or dport = :$p )" | grep -q . || { echo $p; return; }
    done
}

wait_listen() {
    local i
    for i in $(seq 50); do ss -Hltn "sport = :$1" | grep -q . && return; sleep 0.1; done
}

start_capture() { # port file
    dumpcap -q -i lo -f "tcp port $1" -w "$2" 2>/dev/null &
    CAP=$!
    sleep 1
}

stop_capture() {
    sleep 1
    kill "$CAP"
    wait "$CAP" 2>/dev/null || true
}

ONLY=("$@")
wanted() { [ ${#ONLY[@]} -eq 0 ] || [[ " ${ONLY[*]} " == *" $1 "* ]]; }

printf 'name\tfile\tserver_port\tkeylog\trsa_key\tdescription\n' >"$HERE/manifest.tsv.new"
keep() { # name port description
    cp "$TMP/$1.pcapng" "$TMP/$1.keylog" "$HERE/"
    chmod 644 "$HERE/$1.pcapng" "$HERE/$1.keylog"
    printf '%s\t%s.pcapng\t%s\t%s.keylog\t-\t%s\n' "$1" "$1" "$2" "$1" "$3" \
        >>"$HERE/manifest.tsv.new"
}

cat >server.py <<'PY'
import http.server, ssl, sys
ver = {"1.2": ssl.TLSVersion.TLSv1_2, "1.3": ssl.TLSVersion.TLSv1_3}[sys.argv[2]]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = (b"tlsi native layer test\n" * 2000)[:40000] if self.path == "/big" else b"hello\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.minimum_version = ctx.maximum_version = ver
ctx.load_cert_chain("server.crt", "server.key")
srv = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
srv.handle_request()
PY
cat >client.py <<'PY'
import http.client, ssl, sys
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
ctx.keylog_filename = sys.argv[2]
c = http.client.HTTPSConnection("127.0.0.1", int(sys.argv[1]), context=ctx)
for path in ("/", "/big"):
    c.request("GET", path)
    r = c.getresponse()
    assert r.status == 200 and len(r.read()) in (6, 40000)
c.close()
PY

http11() { # name version
    wanted "$1" || return 0
    ss -Hltn "sport = :443" | grep -q . && { echo "port 443 busy" >&2; exit 1; }
    start_capture 443 "$TMP/$1.pcapng"
    python3 server.py 443 "$2" &
    PIDS+=($!)
    wait_listen 443
    python3 client.py 443 "$TMP/$1.keylog"
    stop_capture
    keep "$1" 443 "Python ssl TLS $2 on port 443: HTTP/1.1 keep-alive, GET / then GET /big (40000-byte body with Content-Length, spanning records)"
}

frag() { # name version-option
    wanted "$1" || return 0
    local port
    port=$(free_port)
    start_capture "$port" "$TMP/$1.pcapng"
    openssl s_server -accept "$port" -naccept 1 -www -cert server.crt -key server.key \
        -max_send_frag 512 "$2" >/dev/null 2>&1 </dev/null &
    PIDS+=($!)
    wait_listen "$port"
    printf 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n' |
        timeout 10 openssl s_client -connect "127.0.0.1:$port" -keylogfile "$TMP/$1.keylog" \
            -ign_eof "$2" >/dev/null 2>&1 || true
    stop_capture
    keep "$1" "$port" "OpenSSL $2 with s_server -max_send_frag 512: handshake messages (Certificate, ...) span records, HTTP GET + -www response"
}

h2() { # name version
    wanted "$1" || return 0
    ss -Hltn "sport = :443" | grep -q . && { echo "port 443 busy" >&2; exit 1; }
    mkdir -p "$TMP/htdocs"
    printf 'hello\n' >"$TMP/htdocs/index.html"
    python3 -c 'import sys; sys.stdout.write(("tlsi native layer test\n" * 2000)[:40000])' \
        >"$TMP/htdocs/big"
    start_capture 443 "$TMP/$1.pcapng"
    nghttpd -d "$TMP/htdocs" 443 server.key server.crt >/dev/null 2>&1 &
    PIDS+=($!)
    wait_listen 443
    SSLKEYLOGFILE="$TMP/$1.keylog" curl -sk --http2 "--tlsv$2" --tls-max "$2" \
        -o /dev/null "https://127.0.0.1/" -o /dev/null "https://127.0.0.1/big"
    stop_capture
    kill "${PIDS[-1]}" 2>/dev/null || true
    keep "$1" 443 "curl --http2 against nghttpd, TLS $2 on port 443 (ALPN h2): GET / then GET /big (40000 bytes) on one connection"
}

http11 native-tls12-http11 1.2
http11 native-tls13-http11 1.3
frag native-tls12-frag -tls1_2
frag native-tls13-frag -tls1_3
h2 native-tls12-h2 1.2
h2 native-tls13-h2 1.3
if [ ${#ONLY[@]} -gt 0 ]; then # keep the rows of the captures not made this time
    {
        head -n 1 "$HERE/manifest.tsv.new"
        tail -n +2 "$HERE/manifest.tsv" | while IFS=$'\t' read -r name rest; do
            wanted "$name" || printf '%s\t%s\n' "$name" "$rest"
        done
        tail -n +2 "$HERE/manifest.tsv.new"
    } >"$TMP/manifest.tsv"
    mv "$TMP/manifest.tsv" "$HERE/manifest.tsv.new"
fi
mv "$HERE/manifest.tsv.new" "$HERE/manifest.tsv"
echo "wrote $(tail -n +2 "$HERE/manifest.tsv" | wc -l) captures to $HERE"
