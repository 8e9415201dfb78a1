#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The built-in's expert infos under tlsi's prefix (doc/compat.md): on the
# forged captures of test-captures/malformed that break one rule each, tlsi's
# tlsi.X is raised on exactly the frames where the built-in raises tls.X, and
# the frames are not empty (each case must raise its expert):
#   hello-vector-short   tls.malformed.buffer_too_small (a length past the end)
#   hello-ext-trailing   tls.malformed.trailing_data (a byte after a list)
#   hello-vector-range   tls.malformed.vector_length (a list under its minimum)
#   unknown-content-type tls.ignored_unknown_record
#   heartbeat-heartbleed tls.heartbeat_message.payload_length.invalid
# Every other expert of the set must be absent from both on those captures.
source "$(dirname "$0")/../lib/env.sh"
M="$CAPS/malformed"
EXPERTS=(malformed.buffer_too_small malformed.trailing_data malformed.vector_length
    ignored_unknown_record heartbeat_message.payload_length.invalid)
CASES=(hello-vector-short:malformed.buffer_too_small hello-ext-trailing:malformed.trailing_data
    hello-vector-range:malformed.vector_length unknown-content-type:ignored_unknown_record
    heartbeat-heartbleed:heartbeat_message.payload_length.invalid)

# table CASE PROTO: per frame where any of EXPERTS is raised, the frame
# number then 1 or nothing per expert (one tshark run per case and side).
table() {
    local port other=tlsi e f=()
    port=$(awk -F'\t' -v c="$1" '$1 == c { print $4 }' "$M/ports.tsv")
    [ -n "$port" ] || fail "$1 not in ports.tsv"
    [ "$2" = tlsi ] && other=tls
    for e in "${EXPERTS[@]}"; do f+=(-e "$2.$e"); done
    tshark_tlsi -r "$M/$1.pcap" -d "tcp.port==$port,$2" --disable-protocol $other \
        -Y "$2" -T fields -e frame.number "${f[@]}" >"$TLSI_TMP/$1.$2" 2>/dev/null ||
        fail "tshark ($2) on $1"
}
# frames CASE PROTO INDEX: the frames where expert INDEX (0-based) is raised.
frames() {
    awk -F'\t' -v col=$(($3 + 2)) '$col != "" { printf "%s ", $1 }' "$TLSI_TMP/$1.$2"
}

failures=0
for c in "${CASES[@]}"; do
    name=${c%%:*} want=${c#*:}
    table "$name" tls
    table "$name" tlsi
    for i in "${!EXPERTS[@]}"; do
        e=${EXPERTS[$i]}
        b=$(frames "$name" tls "$i")
        t=$(frames "$name" tlsi "$i")
        if [ "$e" = "$want" ] && [ -z "$b" ]; then
            echo "FAIL $name: the built-in raises no tls.$e (the capture no longer shows it)" >&2
            failures=$((failures + 1))
        elif [ "$b" != "$t" ]; then
            echo "FAIL $name: tls.$e on frames [$b], tlsi.$e on [$t]" >&2
            failures=$((failures + 1))
        elif [ "$e" = "$want" ]; then
            echo "$name: tls.$e and tlsi.$e on frames $b"
        fi
    done
done
[ "$failures" = 0 ] || fail "$failures expert(s) differ from the built-in's"
echo "compat_experts: ${#CASES[@]} experts raised on the built-in's frames"
