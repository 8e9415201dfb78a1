#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# generate.sh - real SSL 2.0 connections (draft-hickman-netscape-ssl-00).
#
# No stack on Debian 12 speaks SSL 2.0 any more except scapy's TLS automata
# (python3-scapy): ../scapy_peer.py runs scapy's echo server, sslv2_client.py
# (beside this script) its client offering one SSL 2.0 cipher kind. Two
# connections on one port, captured with dumpcap on lo in a private network
# namespace:
#   1. SSL_CK_RC4_128_EXPORT40_WITH_MD5: 2-byte record headers; the
#      CLIENT-MASTER-KEY has 11 bytes of clear key data.
#   2. SSL_CK_DES_192_EDE3_CBC_WITH_MD5: the encrypted records have 3-byte
#      headers with padding; the CLIENT-MASTER-KEY has an 8-byte key argument.
# Each: CLIENT-HELLO, SERVER-HELLO (certificate keys/rsa-server.crt),
# CLIENT-MASTER-KEY in the clear, then encrypted CLIENT-FINISHED,
# SERVER-VERIFY, SERVER-FINISHED, two lines echoed back and scapy's
# 'goodbye'. There is no key log: SSL 2.0 has no NSS key log line, and
# neither tlsi nor the built-in dissector decrypts SSL 2.0.
#
# Usage (root): ./generate.sh     writes sslv2-rc4export-3des.pcapng and manifest.tsv
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
K=$HERE/../keys
PY=/usr/bin/python3
PORT=4433
NAME=sslv2-rc4export-3des

if [ "${1:-}" != __inner ]; then
    exec unshare --net "$0" __inner
fi
ip link set lo up
rm -f "$HERE/$NAME.pcapng"
dumpcap -q -i lo -f "tcp port $PORT" -w "$HERE/$NAME.pcapng" >/dev/null 2>&1 &
DC=$!
sleep 1
timeout 30 $PY "$HERE/../scapy_peer.py" server $PORT 0x0000 "$K/rsa-server.crt" \
    "$K/rsa-server.key" >/dev/null 2>&1 &
SV=$!
sleep 2
for kind in 0x020080 0x0700c0; do
    timeout 20 $PY "$HERE/sslv2_client.py" $PORT $kind "first line from the scapy SSLv2 client" \
        "second line" </dev/null
    sleep 0.5
done
sleep 0.5
kill $SV 2>/dev/null || true
kill -INT $DC
wait $DC || true
chmod a+r "$HERE/$NAME.pcapng"
printf 'name\tfile\tserver_port\tkeylog\trsa_key\tdescription\n%s\t%s.pcapng\t%s\t-\t-\t%s\n' \
    "$NAME" "$NAME" "$PORT" \
    "scapy SSL 2.0: RC4_128_EXPORT40_WITH_MD5 (clear key data) then DES_192_EDE3_CBC_WITH_MD5 (3-byte headers, key argument); two lines echoed; not decryptable" \
    >"$HERE/manifest.tsv"
echo "wrote $NAME.pcapng ($(stat -c %s "$HERE/$NAME.pcapng") bytes)"
