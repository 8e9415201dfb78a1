#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# generate.sh - a real TLS 1.2 connection with heartbeats (RFC 6520).
#
# OpenSSL 3 has no heartbeat support any more; GnuTLS has: gnutls-serv and
# gnutls-cli with --heartbeat negotiate the extension, and the client's
# interactive command **HEARTBEAT** sends a heartbeat_request that the server
# answers. Both run in a private network namespace, captured with dumpcap on
# its lo; the client writes the key log (SSLKEYLOGFILE). TLS 1.2 because TLS
# 1.3 has no heartbeat.
#
# Usage (root): ./generate.sh     writes heartbeat-tls12.pcapng and .keylog
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
K=$HERE/../keys
PORT=4455
NAME=heartbeat-tls12

if [ "${1:-}" != __inner ]; then
    exec unshare --net "$0" __inner
fi
ip link set lo up
rm -f "$HERE/$NAME.pcapng" "$HERE/$NAME.keylog"
dumpcap -q -i lo -f "tcp port $PORT" -w "$HERE/$NAME.pcapng" >/dev/null 2>&1 &
DC=$!
sleep 1
gnutls-serv --heartbeat --echo -p $PORT --x509certfile "$K/rsa-server.crt" \
    --x509keyfile "$K/rsa-server.key" --priority NORMAL:-VERS-TLS1.3 >/dev/null 2>&1 &
SV=$!
sleep 1
(sleep 0.5; printf 'hello\n'; sleep 0.3; printf '**HEARTBEAT**\n'; sleep 0.5; printf 'bye\n'; sleep 0.5) |
    SSLKEYLOGFILE="$HERE/$NAME.keylog" timeout 10 gnutls-cli --heartbeat --insecure -p $PORT \
        127.0.0.1 --priority NORMAL:-VERS-TLS1.3 >/dev/null 2>&1 || true
sleep 0.5
kill $SV
kill -INT $DC
wait $DC || true
chmod a+r "$HERE/$NAME.pcapng" "$HERE/$NAME.keylog"
echo "wrote $NAME.pcapng ($(stat -c %s "$HERE/$NAME.pcapng") bytes) and $NAME.keylog"
