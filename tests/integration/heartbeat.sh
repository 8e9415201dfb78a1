#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Heartbeat (RFC 6520) against the built-in TLS dissector:
#  1. test-captures/heartbeat/heartbeat-tls12.pcapng: a real GnuTLS TLS 1.2
#     connection (gnutls-cli/gnutls-serv --heartbeat) whose heartbeat
#     request and response are encrypted. With the key log, tlsi's type,
#     payload_length, payload and padding of every heartbeat equal the
#     built-in's, and neither flags an overrun.
#  2. test-captures/malformed/heartbeat-heartbleed.pcap (forged): plaintext
#     request and response, then a Heartbleed probe (payload_length 16384 in
#     a 3-byte message). Fields equal the built-in's; tlsi's overrun expert
#     info is on exactly the frame where the built-in reports an invalid
#     payload length (frame 8), and the probe shows no payload or padding.
# Both also through tlsi.heartbeat_message.*, the built-in's names.
source "$(dirname "$0")/../lib/env.sh"
failures=0
bad() {
    echo "FAIL $*" >&2
    failures=$((failures + 1))
}

# fields FILE PORT PREFIX OUT [args]: one line per heartbeat.
fields() {
    local file=$1 port=$2 pre=$3 out=$4
    shift 4
    local other=tls f=tlsi.heartbeat y=
    [ "$pre" = tls ] && { other=tlsi; f=tls.heartbeat_message; }
    # The built-in's field names under tlsi's prefix (doc/compat.md).
    [ "$pre" = tlsi-compat ] && { pre=tlsi; f=tlsi.heartbeat_message; y=$f.type; }
    tshark_tlsi -r "$file" -d "tcp.port==$port,$pre" --disable-protocol $other "$@" -Y "${y:-$f}" \
        -T fields -e frame.number -e $f.type -e $f.payload_length -e $f.payload -e $f.padding \
        >"$out" 2>"$out.err" || { cat "$out.err" >&2; fail "tshark ($pre) on $file"; }
    # tshark prints an absent bytes field of a present item as <MISSING>.
    sed -i 's/<MISSING>//g' "$out"
}

H="$CAPS/heartbeat/heartbeat-tls12"
fields "$H.pcapng" 4455 tlsi "$TLSI_TMP/t1" -o "tlsi.keylog_file:$H.keylog"
fields "$H.pcapng" 4455 tls "$TLSI_TMP/b1" -o "tls.keylog_file:$H.keylog"
fields "$H.pcapng" 4455 tlsi-compat "$TLSI_TMP/c1" -o "tlsi.keylog_file:$H.keylog"
cmp -s "$TLSI_TMP/c1" "$TLSI_TMP/b1" ||
    bad "heartbeat-tls12: tlsi.heartbeat_message.* $(cat "$TLSI_TMP/c1") built-in $(cat "$TLSI_TMP/b1")"
[ "$(wc -l <"$TLSI_TMP/b1")" = 2 ] || bad "the built-in sees $(wc -l <"$TLSI_TMP/b1") heartbeats in $H.pcapng, expected request and response"
if cmp -s "$TLSI_TMP/t1" "$TLSI_TMP/b1"; then
    echo "heartbeat-tls12: decrypted heartbeats identical: $(cut -f1-3 "$TLSI_TMP/t1" | tr '\t\n' ' ;')"
else
    bad "heartbeat-tls12: tlsi $(cat "$TLSI_TMP/t1") built-in $(cat "$TLSI_TMP/b1")"
fi
tshark_tlsi -r "$H.pcapng" -d tcp.port==4455,tlsi --disable-protocol tls -o "tlsi.keylog_file:$H.keylog" \
    -Y tlsi.heartbeat.payload_length.overrun -T fields -e frame.number >"$TLSI_TMP/o1" 2>/dev/null
[ -s "$TLSI_TMP/o1" ] && bad "heartbeat-tls12: overrun reported on frames $(cat "$TLSI_TMP/o1")"

M="$CAPS/malformed/heartbeat-heartbleed.pcap"
fields "$M" 24016 tlsi "$TLSI_TMP/t2"
fields "$M" 24016 tls "$TLSI_TMP/b2"
fields "$M" 24016 tlsi-compat "$TLSI_TMP/c2"
cmp -s "$TLSI_TMP/c2" "$TLSI_TMP/b2" ||
    bad "heartbeat-heartbleed: tlsi.heartbeat_message.* $(cat "$TLSI_TMP/c2") built-in $(cat "$TLSI_TMP/b2")"
if cmp -s "$TLSI_TMP/t2" "$TLSI_TMP/b2"; then
    echo "heartbeat-heartbleed: plaintext heartbeats identical ($(wc -l <"$TLSI_TMP/t2") messages)"
else
    bad "heartbeat-heartbleed: tlsi $(cat "$TLSI_TMP/t2") built-in $(cat "$TLSI_TMP/b2")"
fi
tshark_tlsi -r "$M" -d tcp.port==24016,tlsi --disable-protocol tls \
    -Y tlsi.heartbeat.payload_length.overrun -T fields -e frame.number >"$TLSI_TMP/o2" 2>/dev/null
tshark_tlsi -r "$M" -d tcp.port==24016,tls --disable-protocol tlsi \
    -Y 'tls.heartbeat_message.payload_length && _ws.expert.severity >= 6291456' -T fields -e frame.number >"$TLSI_TMP/ob2" 2>/dev/null
[ "$(cat "$TLSI_TMP/o2")" = 8 ] || bad "heartbeat-heartbleed: overrun expert on frames '$(cat "$TLSI_TMP/o2")', expected 8"
cmp -s "$TLSI_TMP/o2" "$TLSI_TMP/ob2" || bad "heartbeat-heartbleed: tlsi flags '$(cat "$TLSI_TMP/o2")', the built-in '$(cat "$TLSI_TMP/ob2")'"

[ "$failures" = 0 ] || fail "heartbeat: $failures checks failed"
echo "heartbeat: all checks passed"
