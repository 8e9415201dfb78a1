#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make.sh - (re)generate the forged captures in this folder.
#
# These captures are NOT from a real TLS stack: each one is written byte by
# byte with tests/lib/forge.py because it holds something no real stack sends
# (malformed records, an SSLv2-format ClientHello) or records placed in TCP
# segments in one precise way. Real captures come from ../generate.sh.
# tests/integration/record_layer.sh checks tlsi against them.
#
# Each capture is one TCP connection 127.0.0.1:CLIENT_PORT -> 127.0.0.1:PORT
# (SYN, SYN-ACK, ACK, then the data segments listed). The server ports are
# outside tlsi's default port range (so the heuristic can be tested) and one
# per capture; they are listed in ports.tsv for the tests.
#
# Usage: ./make.sh   (needs python3 only; output is deterministic)
set -euo pipefail
export LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FORGE="python3 $HERE/../../tests/lib/forge.py"
cd "$HERE"

# ---- byte builders (everything is lowercase hex) ---------------------------
len2() { printf '%04x' $(( ${#1} / 2 )); }
len3() { printf '%06x' $(( ${#1} / 2 )); }
ascii() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'; }
# n bytes of value v (two hex digits)
fill() { local i out=""; for ((i = 0; i < $1; i++)); do out+=$2; done; printf '%s' "$out"; }
seq_bytes() { local i out=""; for ((i = $1; i < $1 + $2; i++)); do out+=$(printf '%02x' $((i & 255))); done; printf '%s' "$out"; }
# record TYPE VERSION BODY  (type and version in hex)
rec() { printf '%s%s%s%s' "$1" "$2" "$(len2 "$3")" "$3"; }
# handshake message TYPE BODY
hs() { printf '%s%s%s' "$1" "$(len3 "$2")" "$2"; }
# segments DIR HEX SIZE: split HEX into DIR:... arguments of SIZE bytes
SEGS=()
segments() {
    local dir=$1 hex=$2 size=$(( $3 * 2 )) i
    SEGS=()
    for ((i = 0; i < ${#hex}; i += size)); do SEGS+=("$dir:${hex:i:size}"); done
}

# A TLS 1.2 ClientHello: random 00..1f, no session id, two suites, null
# compression, server_name "forged.example" and (optionally) a padding
# extension of $1 bytes.
client_hello_body() {
    local pad=${1:-}
    local name sni exts
    name=$(ascii forged.example)
    sni="00$(len2 "$name")$name"          # host_name entry
    sni="$(len2 "$sni")$sni"              # server_name_list
    exts="0000$(len2 "$sni")$sni"
    if [ -n "$pad" ]; then
        local p; p=$(fill "$pad" 00)
        exts+="0015$(len2 "$p")$p"
    fi
    printf '0303%s00%s%s0100%s%s' "$(seq_bytes 0 32)" "0004" "c02f002f" "$(len2 "$exts")" "$exts"
}
CH_BODY=$(client_hello_body)
CH=$(hs 01 "$CH_BODY")
# ServerHello choosing TLS_RSA_WITH_AES_128_CBC_SHA: random 20..3f, no
# session id, null compression, no extensions.
SH=$(hs 02 "0303$(seq_bytes 32 32)00002f00")
SHD=$(hs 0e "")
CH_REC=$(rec 16 0301 "$CH")
SH_REC=$(rec 16 0303 "$SH")
APP8=$(rec 17 0303 "$(seq_bytes 64 8)")

# ---- the cases -------------------------------------------------------------
PORTS="case	file	client_port	server_port	description"
forge() { # name cport sport description segments...
    local name=$1 cport=$2 sport=$3 desc=$4
    shift 4
    $FORGE "$name.pcap" "$cport" "$sport" "$@"
    PORTS+=$'\n'"$name	$name.pcap	$cport	$sport	$desc"
}

forge unknown-content-type 51001 24001 \
    "client record of content type 0x63 (frame 6) between two valid client records" \
    "c:$CH_REC" "s:$SH_REC" "c:$(rec 63 0303 "$(seq_bytes 100 8)")" "c:$APP8"

forge unknown-version 51002 24002 \
    "client application_data record with version 0x0400 (frame 6)" \
    "c:$CH_REC" "s:$SH_REC" "c:$(rec 17 0400 "$(seq_bytes 100 8)")" "c:$APP8"

# 18433 = 2^14 + 2048 + 1 bytes: longer than any record may be.
segments s "$(rec 17 0303 "$(fill 18433 aa)")" 1448
forge length-over-max 51003 24003 \
    "server application_data record of length 18433 (> 2^14+2048) in 13 segments (frames 6-18)" \
    "c:$CH_REC" "s:$SH_REC" "${SEGS[@]}" "c:$APP8"

# A ClientHello padded to a 16381-byte body = a 16385-byte handshake record
# (plaintext over 2^14: a note). Then the server's ChangeCipherSpec and a
# protected record of 17000 bytes, which is allowed (2^14 + 2048).
BIG_BODY=$(client_hello_body 0)
BIG_BODY=$(client_hello_body $(( 16381 - ${#BIG_BODY} / 2 )))
BIG_CH_REC=$(rec 16 0303 "$(hs 01 "$BIG_BODY")")
segments c "$BIG_CH_REC" 1448
CH_SEGS=("${SEGS[@]}")
segments s "$(rec 17 0303 "$(fill 17000 bb)")" 1448
forge length-over-plaintext 51004 24004 \
    "16385-byte plaintext handshake record (ClientHello, frames 4-15); after the server's CCS a 17000-byte protected record (allowed)" \
    "${CH_SEGS[@]}" "s:$SH_REC" "s:$(rec 14 0303 01)" "${SEGS[@]}"

forge zero-length-handshake 51005 24005 \
    "empty handshake record from the client (frame 6), forbidden" \
    "c:$CH_REC" "s:$SH_REC" "c:$(rec 16 0303 "")" "c:$APP8"

forge zero-length-appdata 51006 24006 \
    "empty application_data record from the client (frame 6), allowed" \
    "c:$CH_REC" "s:$SH_REC" "c:$(rec 17 0303 "")" "c:$APP8"

# SSLv2-format ClientHello (RFC 6101 E.2): msg_type 1, version 3.1, cipher
# specs SSL_CK_RC4_128_WITH_MD5 (0x010080), TLS_RSA_WITH_AES_128_CBC_SHA
# (0x00002f), TLS_RSA_WITH_AES_256_CBC_SHA (0x000035), no session id,
# challenge 0xc0..0xcf.
SPECS=01008000002f000035
CHAL=$(seq_bytes 192 16)
V2=$(printf '01%s%s%s%s%s%s' 0301 "$(len2 "$SPECS")" 0000 "$(len2 "$CHAL")" "$SPECS" "$CHAL")
V2=$(printf '%04x' $(( 0x8000 | ${#V2} / 2 )))$V2
SH31=$(hs 02 "0301$(seq_bytes 32 32)00002f00")
forge sslv2-client-hello 51007 24007 \
    "SSLv2-format ClientHello (frame 4) answered by a TLS 1.0 ServerHello record (frame 5)" \
    "c:$V2" "s:$(rec 16 0301 "$SH31")"

# The ClientHello record split over three segments: 7, 20 and the rest.
forge split-3-segments 51008 24008 \
    "ClientHello record split over three segments (frames 4-6)" \
    "c:${CH_REC:0:14}" "c:${CH_REC:14:40}" "c:${CH_REC:54}" "s:$SH_REC"

forge three-records 51009 24009 \
    "ServerHello, ServerHelloDone and an application_data record in one segment (frame 5)" \
    "c:$CH_REC" "s:$SH_REC$(rec 16 0303 "$SHD")$APP8"

# The ClientHello message split after 30 bytes into two handshake records,
# each in its own segment.
forge hs-split-two-records 51010 24010 \
    "ClientHello message split over two handshake records in frames 4 and 5" \
    "c:$(rec 16 0301 "${CH:0:60}")" "c:$(rec 16 0301 "${CH:60}")" "s:$SH_REC"

forge alert-garbage 51011 24011 \
    "alert record of length 3 (frame 6) and a 2-byte alert of unknown level 0xee, description 0xdd (frame 7)" \
    "c:$CH_REC" "s:$SH_REC" "s:$(rec 15 0303 ffeedd)" "s:$(rec 15 0303 eedd)"

forge client-hello 51012 24012 \
    "plain ClientHello/ServerHello on a port outside the default range (heuristic, Decode As)" \
    "c:$CH_REC" "s:$SH_REC" "c:$APP8"

# Two streams the heuristic must leave alone: plain text, and TLS-looking
# records that are not a hello (a capture starting mid-session).
forge not-tls 51014 24014 \
    "HTTP/1.1 request and response in clear (the heuristic must not claim it)" \
    "c:$(ascii $'GET / HTTP/1.1\r\nHost: forged.example\r\n\r\n')" "s:$(ascii $'HTTP/1.1 204 No Content\r\n\r\n')"

forge no-hello 51015 24015 \
    "application_data records both ways and no hello (the heuristic must not claim it)" \
    "c:$APP8" "s:$APP8"

# The server's record announces 200 bytes but the capture ends 45 bytes into it.
forge truncated-end 51013 24013 \
    "ServerHello record of length 200 of which the segment (frame 5) holds the header and 45 bytes, then the capture ends" \
    "c:$CH_REC" "s:$(rec 16 0303 "$(hs 02 "0303$(seq_bytes 32 32)00002f00$(fill 158 00)")" | cut -c1-100)"

# Heartbeats in clear after the hellos (RFC 6520 4): a request with a 4-byte
# payload and 16 bytes of padding, its response, then the Heartbleed probe
# (CVE-2014-0160): payload_length 16384 in a 3-byte message.
forge heartbeat-heartbleed 51016 24016 \
    "plaintext heartbeat request (frame 6) and response (frame 7), then a Heartbleed probe: payload_length 16384 in a 3-byte record (frame 8)" \
    "c:$CH_REC" "s:$SH_REC" "c:$(rec 18 0303 "010004$(ascii ping)$(fill 16 ab)")" \
    "s:$(rec 18 0303 "020004$(ascii ping)$(fill 16 cd)")" "c:$(rec 18 0302 014000)"

# ClientHellos whose body breaks one rule each, for the built-in's three
# malformed.* experts (tests/integration/compat_experts.sh): a cipher_suites
# length past the end of the message, an ec_point_formats extension with a
# byte after its list, and a supported_versions list shorter than its
# minimum of 2 bytes (RFC 8446 4.2.1).
hello_with() { # body after the random and an empty session id
    printf '%s' "$(rec 16 0301 "$(hs 01 "0303$(seq_bytes 0 32)00$1")")"
}
ext_block() { printf '%s%s' "$(len2 "$1")" "$1"; }
forge hello-vector-short 51017 24017 \
    "ClientHello whose cipher_suites length (256) runs past the message (frame 4)" \
    "c:$(hello_with "0100c02f0100")"
forge hello-ext-trailing 51018 24018 \
    "ClientHello with an ec_point_formats extension holding a byte after its list (frame 4)" \
    "c:$(hello_with "0004c02f002f0100$(ext_block 000b00030100ff)")"
forge hello-vector-range 51019 24019 \
    "ClientHello with an empty supported_versions list (minimum 2 bytes; frame 4)" \
    "c:$(hello_with "0004c02f002f0100$(ext_block 002b000100)")"

printf '%s\n' "$PORTS" >ports.tsv
echo "wrote $(( $(wc -l <ports.tsv) - 1 )) captures"
