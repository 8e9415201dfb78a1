#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Re-dissection gives the same answer: for every capture, with its key log,
# the decrypted fields (tlsi.app_data, tlsi.record.inner_type,
# tlsi.handshake.type per frame) are the same in a one-pass run and in a
# two-pass (-2) run, whose second pass re-dissects every frame from tlsi's
# per-frame cache. And a two-pass run that displays only the late frames
# (-Y 'frame.number > N', N = 20, or half the frames for captures that have
# fewer than 40) gives those frames the same values.
source "$(dirname "$0")/../lib/env.sh"

FIELDS=(-T fields -E occurrence=a -E aggregator=$'\x1f' -e frame.number -e tlsi.app_data
    -e tlsi.record.inner_type -e tlsi.handshake.type)
NO_PLAINTEXT=" tls12-alert-handshake-failure "

# dissect OUT FILE PORT KEYLOG TSHARK-OPTION...
dissect() {
    local out=$1 file=$2 port=$3 keylog=$4
    shift 4
    tshark_tlsi "$@" -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
        -o "tlsi.keylog_file:$CAPS/$keylog" "${FIELDS[@]}" >"$out" 2>"$out.err" ||
        { cat "$out.err" >&2; fail "$file: tshark failed ($*)"; }
    # (Notes such as the key log's unknown labels in tls13-key-update are fine.)
    if grep -qi "error\|critical\|segmentation\|warning\|not loaded" "$out.err"; then
        cat "$out.err" >&2
        fail "$file: tshark reported problems ($*)"
    fi
}

# first_difference A B: the first line that differs, for the failure message.
first_difference() {
    diff "$1" "$2" | grep '^[<>]' | head -n 2 | cut -c1-200
}

checked=0 failed=0
while read -r name file port keylog rsa; do
    one=$TLSI_TMP/$name.one two=$TLSI_TMP/$name.two late=$TLSI_TMP/$name.late
    dissect "$one" "$file" "$port" "$keylog"
    dissect "$two" "$file" "$port" "$keylog" -2
    frames=$(wc -l <"$one")
    n=$((frames / 2 < 20 ? frames / 2 : 20))
    dissect "$late" "$file" "$port" "$keylog" -2 -Y "frame.number > $n"

    # The fields must carry something, or equal outputs prove nothing.
    records=$(awk -F'\t' '{ if ($4 != "") r++ } END { print r + 0 }' "$one")
    plain=$(awk -F'\t' '{ if ($2 != "" && $2 != "<MISSING>") p++ } END { print p + 0 }' "$one")
    [ "$records" -gt 0 ] || { echo "$name: no handshake message in the output"; failed=$((failed + 1)); }
    case $NO_PLAINTEXT in
    *" $name "*) ;;
    *) [ "$plain" -gt 0 ] || { echo "$name: nothing decrypted with the key log"; failed=$((failed + 1)); } ;;
    esac

    if ! cmp -s "$one" "$two"; then
        echo "$name: two-pass output differs from one-pass output (< one-pass, > two-pass):"
        first_difference "$one" "$two"
        failed=$((failed + 1))
        continue
    fi
    awk -F'\t' -v n="$n" '$1 > n' "$two" >"$two.late"
    if ! [ -s "$late" ]; then
        echo "$name: -Y 'frame.number > $n' selected no frame"
        failed=$((failed + 1))
    elif ! cmp -s "$two.late" "$late"; then
        echo "$name: frames > $n differ when only they are displayed (< all frames, > filtered):"
        first_difference "$two.late" "$late"
        failed=$((failed + 1))
    else
        echo "$name: $frames frames, $plain with plaintext: one-pass = two-pass; frames > $n ($(wc -l <"$late")) the same when filtered"
    fi
    checked=$((checked + 1))
done < <(manifest)
[ "$failed" = 0 ] || fail "decrypt_consistency: $failed check(s) failed"
[ "$checked" -gt 0 ] || fail "no captures in the manifest"
echo "decrypt_consistency: $checked captures consistent"
