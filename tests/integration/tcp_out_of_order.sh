#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Streams captured out of order (tests/lib/reorder.py on real captures: two
# server segments swapped, or one dropped), with TCP's default settings:
#  1. swapped: the first record tlsi cannot decrypt names, in its Decryption
#     reason (or, where tlsi resumes decrypting after the records TCP did not
#     hand over, the first record decrypted after that resync names, in its
#     expert info), the frame TCP marks "out-of-order" (tcp.analysis.out_of_order)
#     (or a retransmission) and the frame it marks "previous segment not
#     captured" (tcp.analysis.lost_segment), both read from TCP's own fields,
#     and the preference tcp.reassemble_out_of_order:TRUE; no "wrong key"
#     guess: for the first failure after the out-of-order frame, in one pass
#     and with two-pass dissection (-2);
#  2. swapped, with -o tcp.reassemble_out_of_order:TRUE: tlsi decrypts every
#     record and gives exactly the built-in's plaintext (built-in with the
#     same preference);
#  3. dropped: the reason names the frame TCP marks "previous segment not
#     captured" and does not offer the preference (it cannot help).
source "$(dirname "$0")/../lib/env.sh"
source "$TLSI_SOURCE_DIR/tests/lib/decrypt.sh"
REORDER="python3 $TLSI_SOURCE_DIR/tests/lib/reorder.py"

# first_failure OUT [AFTER]: "frame<TAB>reason" of the first record not
# decrypted (in a frame after AFTER).
first_failure() {
    awk -F'\t' -v after="${2:-0}" '$1 > after && $2 ~ /(^|,)0/ { print $1 "\t" $3; exit }
        $1 > after && $4 ~ /Decrypted after a resync/ { print $1 "\t" $4; exit }' "$1"
}
# tcp_frame FILE PORT FIELD: first frame where TCP's analysis sets FIELD.
tcp_frame() {
    tshark_tlsi -r "$CAPS/$1" -d "tcp.port==$2,tlsi" --disable-protocol tls -Y "$3" \
        -T fields -e frame.number 2>/dev/null | head -1
}
fields() { # FILE PORT KEYLOG OUT EXTRA...
    local file=$1 port=$2 keylog=$3 out=$4
    shift 4
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
        -o "tlsi.keylog_file:$CAPS/$keylog" "$@" -T fields -E occurrence=a \
        -e frame.number -e tlsi.decryption.decrypted -e tlsi.decryption.reason -e _ws.expert.message \
        >"$out" 2>"$out.err" || { cat "$out.err" >&2; fail "tshark failed on $file"; }
}

checked=0
# Which server segment (K) to swap with the next one, or drop: segments that
# start records. (TCP reassembles a record spanning segments by sequence
# number even with the preference off, so a swap inside one is harmless.)
for spec in tls12-bulk-100k:6 tls13-bulk-100k:2; do
    name=${spec%%:*} k=${spec#*:}
    read -r _ file port keylog _ < <(manifest_entry "$name")
    editcap -F pcap "$CAPS/$file" "$CAPS/$name.pcap"
    $REORDER swap "$CAPS/$name.pcap" "$CAPS/$name.swap.pcap" "$port" "$k" >/dev/null
    $REORDER drop "$CAPS/$name.pcap" "$CAPS/$name.drop.pcap" "$port" "$k" >/dev/null
    chmod a+r "$CAPS"/*.pcap

    ooo=$(tcp_frame "$name.swap.pcap" "$port" "tcp.analysis.out_of_order or tcp.analysis.retransmission")
    lost=$(tcp_frame "$name.swap.pcap" "$port" tcp.analysis.lost_segment)
    [ -n "$ooo" ] && [ -n "$lost" ] || fail "$name: TCP marked no out-of-order segment (swap broken?)"
    for passes in 1 2; do
        extra=()
        [ "$passes" = 2 ] && extra=(-2)
        fields "$name.swap.pcap" "$port" "$keylog" "$TLSI_TMP/$name.swap.$passes" "${extra[@]}"
        # A record in the frame right after the gap fails before TCP shows
        # the late segment (tshark runs TCP's tap in one sequential pass, the
        # second with -2), so it can only say data is missing; the records
        # after the late segment name it. (In the GUI, which has read the
        # whole file before a frame is shown, all of them do.)
        # Where tlsi resumes after the records TCP held back, the record it
        # resumes at may come before the late segment: in one pass it can
        # name the gap (tls12-bulk-100k resumes after the late segment and must
        # name the late frame and the cure).
        after=$ooo
        grep -q "Decrypted after a resync" "$TLSI_TMP/$name.swap.$passes" && after=$((lost - 1))
        IFS=$'\t' read -r frame why < <(first_failure "$TLSI_TMP/$name.swap.$passes" "$after") ||
            fail "$name: no record failed or resynced after the swap (test broken?)"
        echo "$name ($passes pass): frame $frame: $why"
        case $passes:$frame:$why in
        *"frame $ooo "*"before frame $lost"[!0-9]*"tcp.reassemble_out_of_order:TRUE"*) ;;
        *:*"Decrypted after a resync"*"missing before frame $lost") [ "$frame" -lt "$ooo" ] || fail "$name: frame $frame after the late segment does not name it" ;;
        *) fail "$name: the reason does not name out-of-order frame $ooo, frame $lost and the preference" ;;
        esac
        case $why in *"wrong key"*) fail "$name: the reason still guesses a wrong key" ;; esac
    done

    tlsi_run "$name.swap.pcap" "$port" "$TLSI_TMP/$name.fixed" -o "tlsi.keylog_file:$CAPS/$keylog" \
        -o tcp.reassemble_out_of_order:TRUE
    builtin_run "$name.swap.pcap" "$port" "$TLSI_TMP/$name.fixed.json" "$TLSI_TMP/$name.fixed-tls" \
        -o "tls.keylog_file:$CAPS/$keylog" -o tcp.reassemble_out_of_order:TRUE
    $PLAINTEXT compare "$name (swapped, tcp.reassemble_out_of_order:TRUE)" \
        "$TLSI_TMP/$name.fixed.json" "$TLSI_TMP/$name.fixed-tls.json" || fail "$name: plaintext differs"
    grep -q $'\t0' "$TLSI_TMP/$name.fixed.out" && fail "$name: records not decrypted with the preference on"

    lost=$(tcp_frame "$name.drop.pcap" "$port" tcp.analysis.lost_segment)
    fields "$name.drop.pcap" "$port" "$keylog" "$TLSI_TMP/$name.drop"
    IFS=$'\t' read -r frame why < <(first_failure "$TLSI_TMP/$name.drop") ||
        fail "$name: no record failed after the drop (test broken?)"
    echo "$name (dropped): frame $frame: $why"
    case $why in
    *"missing before frame $lost"|*"missing before frame $lost"[!0-9]*) ;;
    *) fail "$name: the reason does not name the frame after the lost segment ($lost)" ;;
    esac
    case $why in *reassemble_out_of_order*) fail "$name: the preference cannot fix a lost segment" ;; esac
    checked=$((checked + 1))
done
echo "tcp_out_of_order: $checked captures"
