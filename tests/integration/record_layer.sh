#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Record-layer robustness over the forged captures of test-captures/malformed
# (made by make.sh there with tests/lib/forge.py; ports.tsv lists the ports):
#  - each anomaly raises its expert info on exactly the frame that holds it,
#    and dissection carries on with the next record: unknown content type,
#    unknown version, length over 2^14+2048, plaintext length over 2^14 (a
#    note that says what is allowed; a protected record of 17000 bytes gets
#    none), zero-length handshake record (zero-length application data gets
#    nothing), malformed alert bodies;
#  - a malformed record that follows a whole record (the stream is in sync)
#    is dissected as a record, not skipped as "continuation data" by the
#    mid-stream resync (no tlsi.record.resync anywhere in these captures);
#  - a record split over three segments is reassembled into one record, three
#    records in one segment are three records, a handshake message split over
#    two records is shown once, whole, in the second;
#  - the SSLv2-format ClientHello is recognised with all its fields;
#  - a record cut short by the end of the capture is marked truncated when
#    tlsi is not reassembling (with reassembly TCP keeps the incomplete
#    record, as for the built-in dissector; the run must still be clean);
#  - Decode As selects tlsi; the heuristic (on by default) claims a stream
#    that starts with a ClientHello on an unregistered port unless switched off,
#    and never plain text or a stream without a hello;
#  - tshark -G plugins / -G protocols list tlsi;
#  - every tshark run exits 0 with nothing alarming on stderr and no
#    malformed-packet exception.
source "$(dirname "$0")/../lib/env.sh"
M="$CAPS/malformed"
[ -f "$M/ports.tsv" ] || fail "test-captures/malformed/ports.tsv missing (run make.sh there)"

failures=0
check() { # check DESCRIPTION EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then
        echo "ok   $1"
    else
        echo "FAIL $1: expected [$2], got [$3]" >&2
        failures=$((failures + 1))
    fi
}
check_match() { # check_match DESCRIPTION REGEX ACTUAL
    if [[ "$3" =~ $2 ]]; then
        echo "ok   $1"
    else
        echo "FAIL $1: expected to match /$2/, got [$3]" >&2
        failures=$((failures + 1))
    fi
}

# Run tshark; the output is left in $TLSI_TMP/out. A non-zero exit or an
# alarming stderr is a failure, recorded in $TLSI_TMP/runfail (run is often
# called inside $(...), where fail would only end the subshell) and returned.
run() {
    local rc=0
    tshark_tlsi "$@" >"$TLSI_TMP/out" 2>"$TLSI_TMP/err" || rc=$?
    if [ "$rc" != 0 ] || grep -Eqi 'error|assert|crash|critical|segmentation|dissector bug|abort' "$TLSI_TMP/err"; then
        {
            echo "FAIL tshark $* exited $rc or complained on stderr:"
            cat "$TLSI_TMP/err"
        } | tee -a "$TLSI_TMP/runfail" >&2
        return 1
    fi
}

port_of() { awk -F'\t' -v c="$1" '$1 == c { print $4 }' "$M/ports.tsv"; }

# tlsi on a capture, Decode As on its port, built-in TLS out of the way.
tlsi_run() { # CASE tshark-args...
    local c=$1
    shift
    run -r "$M/$c.pcap" -d "tcp.port==$(port_of "$c"),tlsi" --disable-protocol tls "$@"
}

# Frames of CASE matching a display filter, space-separated.
frames() { # CASE FILTER [tshark-args...]
    local c=$1 f=$2
    shift 2
    tlsi_run "$c" -Y "$f" -T fields -e frame.number "$@" || { echo "<tshark failed>"; return 0; }
    tr '\n' ' ' <"$TLSI_TMP/out" | sed 's/ $//'
}

# Values of a field in one frame (all occurrences, comma-separated). One
# tshark run per capture and option set dumps every field val may be asked
# for; later calls read that table.
VAL_FIELDS=(tlsi.record.content_type tlsi.record.version tlsi.record.length
    tlsi.handshake.type tlsi.handshake.length _ws.col.Info _ws.expert.message
    tcp.segment.count tlsi.alert.level tlsi.alert.description
    tlsi.sslv2.msg_type tlsi.sslv2.version tlsi.sslv2.cipher_spec_length
    tlsi.sslv2.session_id_length tlsi.sslv2.challenge_length tlsi.sslv2.cipher_spec
    tlsi.sslv2.challenge)
val() { # CASE FRAME FIELD [tshark-args...]
    local c=$1 n=$2 f=$3 i col=0 table args
    shift 3
    for i in "${!VAL_FIELDS[@]}"; do
        [ "${VAL_FIELDS[$i]}" = "$f" ] && col=$((i + 2))
    done
    [ "$col" != 0 ] || { echo "<val: $f not in VAL_FIELDS>"; return 0; }
    args="$c $*"
    table="$TLSI_TMP/val.${args//[^A-Za-z0-9.-]/_}"
    if [ ! -e "$table" ]; then
        local e=()
        for i in "${VAL_FIELDS[@]}"; do e+=(-e "$i"); done
        tlsi_run "$c" -T fields -E occurrence=a -E aggregator=, -e frame.number "${e[@]}" "$@" ||
            { echo "<tshark failed>"; return 0; }
        mv "$TLSI_TMP/out" "$table"
    fi
    awk -F'\t' -v n="$n" -v col="$col" '$1 == n { printf "%s", $col }' "$table"
}

RESYNC=tlsi.record.resync
# An exception caught by the framework (bounds, dissector bug, reassembly).
# Plain _ws.malformed would also match tlsi's own PI_MALFORMED expert infos.
EXCEPTION="_ws.malformed.expert || _ws.malformed.dissector_bug || _ws.malformed.reassembly"
ALL_EXPERTS="tlsi.record.content_type.unknown || tlsi.record.version.unknown || tlsi.record.length.over_max || tlsi.record.length.over_limit || tlsi.record.length.zero || tlsi.record.truncated || tlsi.record.resync || tlsi.alert.malformed || tlsi.alert.error || tlsi.sslv2.malformed"

# --- every capture: no crash, no exception, tlsi present --------------------
while IFS=$'\t' read -r c file cport sport desc; do
    [ "$c" = case ] && continue
    [ -f "$M/$file" ] || fail "$file listed in ports.tsv but missing"
    check "$c: no exception or dissector bug" "" "$(frames "$c" "$EXCEPTION")"
    tlsi_run "$c" -V || true         # full tree of every frame
    tlsi_run "$c" -2 -z expert -q || true   # two passes, expert tap
done <"$M/ports.tsv"

# --- unknown content type ---------------------------------------------------
c=unknown-content-type
check "$c: expert on frame 6 only" "6" "$(frames $c tlsi.record.content_type.unknown)"
check "$c: frame 6 record type/version/length" "99 0x0303 8" \
    "$(val $c 6 tlsi.record.content_type) $(val $c 6 tlsi.record.version) $(val $c 6 tlsi.record.length)"
check "$c: nothing skipped as resync" "" "$(frames $c $RESYNC)"
check "$c: next record (frame 7) dissected" "23" "$(val $c 7 tlsi.record.content_type)"

# --- unknown version --------------------------------------------------------
c=unknown-version
check "$c: expert on frame 6 only" "6" "$(frames $c tlsi.record.version.unknown)"
check "$c: frame 6 record type/version/length" "23 0x0400 8" \
    "$(val $c 6 tlsi.record.content_type) $(val $c 6 tlsi.record.version) $(val $c 6 tlsi.record.length)"
check "$c: nothing skipped as resync" "" "$(frames $c $RESYNC)"
check "$c: next record (frame 7) dissected" "23" "$(val $c 7 tlsi.record.content_type)"

# --- length over 2^14 + 2048 ------------------------------------------------
c=length-over-max
check "$c: records in frames" "4 5 18 19" "$(frames $c tlsi.record)"
check "$c: over_max expert on frame 18 only" "18" "$(frames $c tlsi.record.length.over_max)"
check "$c: frame 18 one record of length 18433" "18433" "$(val $c 18 tlsi.record.length)"
check_match "$c: the expert says what the limit is" "18433.*18432" "$(val $c 18 _ws.expert.message)"
check "$c: no over_limit note as well" "" "$(frames $c tlsi.record.length.over_limit)"
check "$c: nothing skipped as resync" "" "$(frames $c $RESYNC)"

# --- plaintext over 2^14; protected 17000 allowed ---------------------------
c=length-over-plaintext
check "$c: over_limit note on frame 15 only" "15" "$(frames $c tlsi.record.length.over_limit)"
check "$c: frame 15 ClientHello record of 16385" "16385 1" \
    "$(val $c 15 tlsi.record.length) $(val $c 15 tlsi.handshake.type)"
check_match "$c: the note says what is allowed" "16385.*16384.*2048 protected" "$(val $c 15 _ws.expert.message)"
check "$c: frame 29 protected record of 17000" "23 17000" \
    "$(val $c 29 tlsi.record.content_type) $(val $c 29 tlsi.record.length)"
check "$c: no over_max anywhere" "" "$(frames $c tlsi.record.length.over_max)"
check "$c: nothing skipped as resync" "" "$(frames $c $RESYNC)"

# --- zero-length records ----------------------------------------------------
c=zero-length-handshake
check "$c: zero-length expert on frame 6 only" "6" "$(frames $c tlsi.record.length.zero)"
check "$c: frame 6 handshake record of length 0" "22 0" \
    "$(val $c 6 tlsi.record.content_type) $(val $c 6 tlsi.record.length)"
check "$c: nothing skipped as resync" "" "$(frames $c $RESYNC)"
check "$c: next record (frame 7) dissected" "23" "$(val $c 7 tlsi.record.content_type)"
c=zero-length-appdata
check "$c: frame 6 application data record of length 0" "23 0" \
    "$(val $c 6 tlsi.record.content_type) $(val $c 6 tlsi.record.length)"
check "$c: no tlsi expert info at all" "" "$(frames $c "$ALL_EXPERTS")"
check "$c: frame 6 has no expert info" "" "$(frames $c 'frame.number == 6 && _ws.expert')"

# --- SSLv2-format ClientHello -----------------------------------------------
c=sslv2-client-hello
check "$c: Info" "Client Hello (SSLv2 format)" "$(val $c 4 _ws.col.Info)"
check "$c: record length" "34" "$(val $c 4 tlsi.record.length)"
check "$c: msg_type" "1" "$(val $c 4 tlsi.sslv2.msg_type)"
check "$c: version" "0x0301" "$(val $c 4 tlsi.sslv2.version)"
check "$c: cipher spec length" "9" "$(val $c 4 tlsi.sslv2.cipher_spec_length)"
check "$c: cipher specs" "0x010080,0x00002f,0x000035" "$(val $c 4 tlsi.sslv2.cipher_spec)"
check "$c: session id length" "0" "$(val $c 4 tlsi.sslv2.session_id_length)"
check "$c: no session id" "" "$(frames $c tlsi.sslv2.session_id)"
check "$c: challenge length" "16" "$(val $c 4 tlsi.sslv2.challenge_length)"
check "$c: challenge" "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf" "$(val $c 4 tlsi.sslv2.challenge)"
check "$c: not malformed" "" "$(frames $c tlsi.sslv2.malformed)"
check "$c: the server's TLS record (frame 5)" "22 0x0301 42 2" \
    "$(val $c 5 tlsi.record.content_type) $(val $c 5 tlsi.record.version) $(val $c 5 tlsi.record.length) $(val $c 5 tlsi.handshake.type)"
check "$c: no tlsi expert info" "" "$(frames $c "$ALL_EXPERTS")"

# --- reassembly: one record over three segments -----------------------------
c=split-3-segments
check "$c: records in frames" "6 7" "$(frames $c tlsi.record)"
check "$c: frame 6: one ClientHello record of 72" "22 72 1" \
    "$(val $c 6 tlsi.record.content_type) $(val $c 6 tlsi.record.length) $(val $c 6 tlsi.handshake.type)"
check "$c: frame 6 reassembles 3 segments" "3" "$(val $c 6 tcp.segment.count)"
check "$c: Info" "Client Hello" "$(val $c 6 _ws.col.Info)"
check "$c: no tlsi expert info" "" "$(frames $c "$ALL_EXPERTS")"

# --- three records in one segment -------------------------------------------
c=three-records
check "$c: frame 5 types" "22,22,23" "$(val $c 5 tlsi.record.content_type)"
check "$c: frame 5 lengths" "42,4,8" "$(val $c 5 tlsi.record.length)"
check "$c: frame 5 handshake types" "2,14" "$(val $c 5 tlsi.handshake.type)"
check "$c: Info" "Server Hello, Server Hello Done, Application Data" "$(val $c 5 _ws.col.Info)"
check "$c: no tlsi expert info" "" "$(frames $c "$ALL_EXPERTS")"

# --- one handshake message over two records ---------------------------------
c=hs-split-two-records
check "$c: records (frames 4, 5, 6)" "4 5 6" "$(frames $c tlsi.record)"
check "$c: frame 4 record length 30, a fragment, no message" "30 " \
    "$(val $c 4 tlsi.record.length) $(val $c 4 tlsi.handshake.type)"
check "$c: frame 4 shows the fragment" "4" "$(frames $c tlsi.handshake.fragment)"
check "$c: ClientHello shown once, in frame 5" "5" "$(frames $c 'tlsi.handshake.type == 1')"
check "$c: frame 5 record length 42" "42" "$(val $c 5 tlsi.record.length)"
check "$c: frame 5 whole message length 68" "68" "$(val $c 5 tlsi.handshake.length)"
check "$c: Info frame 5" "Client Hello" "$(val $c 5 _ws.col.Info)"
check "$c: no tlsi expert info" "" "$(frames $c "$ALL_EXPERTS")"

# --- alerts -----------------------------------------------------------------
c=alert-garbage
check "$c: malformed alert expert on frame 6 only" "6" "$(frames $c tlsi.alert.malformed)"
check "$c: frame 6 alert record of length 3" "21 3" \
    "$(val $c 6 tlsi.record.content_type) $(val $c 6 tlsi.record.length)"
check "$c: frame 7 level/description" "238 221" \
    "$(val $c 7 tlsi.alert.level) $(val $c 7 tlsi.alert.description)"
check "$c: error alert expert on frame 7 only" "7" "$(frames $c tlsi.alert.error)"

# --- a record cut short by the end of the capture ---------------------------
c=truncated-end
# With reassembly on, TCP keeps the incomplete record waiting for segments
# that never come (as for Wireshark's own TLS): frame 5 shows no record, but
# the run must be clean (checked above). Without reassembly tlsi gets the
# partial record and must mark it.
check "$c: frame 4 still dissected" "72" "$(val $c 4 tlsi.record.length)"
check "$c: truncated expert on frame 5 (no desegmentation)" "5" \
    "$(frames $c tlsi.record.truncated -o tlsi.desegment:FALSE)"
check "$c: frame 5 record length 200" "22 200" \
    "$(val $c 5 tlsi.record.content_type -o tlsi.desegment:FALSE) $(val $c 5 tlsi.record.length -o tlsi.desegment:FALSE)"
check_match "$c: the expert gives the captured amount" "200 bytes.*45" \
    "$(val $c 5 _ws.expert.message -o tlsi.desegment:FALSE)"

# --- Decode As and the heuristic --------------------------------------------
hframes() { # CASE FILTER tshark-args... : frames without Decode As
    local c=$1 f=$2
    shift 2
    run -r "$M/$c.pcap" --disable-protocol tls -Y "$f" -T fields -e frame.number "$@" ||
        { echo "<tshark failed>"; return 0; }
    tr '\n' ' ' <"$TLSI_TMP/out" | sed 's/ $//'
}
c=client-hello
check "$c: Decode As: tlsi on frames 4-6" "4 5 6" "$(frames $c tlsi)"
check "$c: no Decode As, heuristic on by default: tlsi" "4 5 6" "$(hframes $c tlsi)"
check "$c: heuristic pref off: no tlsi" "" "$(hframes $c tlsi -o tlsi.heuristic:FALSE)"
check "$c: --disable-heuristic tlsi_tcp: no tlsi" "" "$(hframes $c tlsi --disable-heuristic tlsi_tcp)"
check "$c: -o tlsi.heuristic:TRUE finds it" "4 5 6" "$(hframes $c tlsi -o tlsi.heuristic:TRUE)"
check "$c: --enable-heuristic tlsi_tcp finds it" "4 5 6" "$(hframes $c tlsi --enable-heuristic tlsi_tcp)"
check "$c: heuristic: ClientHello in frame 4" "4" \
    "$(hframes $c 'tlsi.handshake.type == 1' --enable-heuristic tlsi_tcp)"
# With the built-in enabled too (its heuristic is on by default), tlsi's is
# tried first; --disable-protocol tlsi gives the stream back to the built-in.
run -r "$M/$c.pcap" -Y tlsi -T fields -e frame.number || true
check "$c: built-in enabled: tlsi's heuristic wins" "4 5 6" "$(tr '\n' ' ' <"$TLSI_TMP/out" | sed 's/ $//')"
run -r "$M/$c.pcap" -Y tls -T fields -e frame.number || true
check "$c: built-in enabled: no frame is the built-in's" "" "$(tr '\n' ' ' <"$TLSI_TMP/out" | sed 's/ $//')"
run -r "$M/$c.pcap" --disable-protocol tlsi -Y tls -T fields -e frame.number || true
check "$c: --disable-protocol tlsi: the built-in's" "4 5 6" "$(tr '\n' ' ' <"$TLSI_TMP/out" | sed 's/ $//')"
check "sslv2-client-hello: heuristic finds the SSLv2 ClientHello" "4 5" \
    "$(hframes sslv2-client-hello tlsi --enable-heuristic tlsi_tcp)"
check "sslv2-client-hello: heuristic off: no tlsi" "" "$(hframes sslv2-client-hello tlsi -o tlsi.heuristic:FALSE)"
check "not-tls: heuristic leaves plain text alone" "" "$(hframes not-tls tlsi --enable-heuristic tlsi_tcp)"
check "no-hello: heuristic leaves a stream without hello alone" "" \
    "$(hframes no-hello tlsi --enable-heuristic tlsi_tcp)"

# --- registration -----------------------------------------------------------
run -G plugins || true
check "-G plugins lists tlsi.so" "1" "$(grep -c '^tlsi\.so[[:space:]]' "$TLSI_TMP/out")"
run -G protocols || true
check "-G protocols lists tlsi" "TLS inspector (tlsi)	TLSI	tlsi" "$(grep -P '\ttlsi$' "$TLSI_TMP/out")"
run -G heuristic-decodes || true
check "-G heuristic-decodes: tlsi_tcp registered, on by default" "tcp	tlsi	T" \
    "$(grep -P '^tcp\ttlsi\t' "$TLSI_TMP/out")"

[ -e "$TLSI_TMP/runfail" ] && fail "record_layer: tshark failed (see above)"
[ "$failures" = 0 ] || fail "record_layer: $failures checks failed"
echo "record_layer: all checks passed"
