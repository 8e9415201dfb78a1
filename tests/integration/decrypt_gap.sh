#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Decryption resumes after records missing from a capture (lost segments):
# TCP segments are cut out of real captures with editcap, and the records
# after the gap must decrypt to exactly the plaintext the same records have
# in the full capture, marked tlsi.record.resynced, the first one saying how
# many records are missing (tlsi.record.resync_skipped, which must add up
# to the records the built-in TLS dissector counts in the cut part). The
# built-in itself stops for good at such a gap. tests/lib/gap.py does the
# bookkeeping; its header says what is checked.
#
# Cases: AEAD with the nonce from the sequence number (TLS 1.3, ChaCha20 in
# TLS 1.2), TLS 1.2 GCM with records reassembled from several segments (a
# segment cut from the middle of a record, and the one holding a record
# header), CBC with explicit IVs (TLS 1.2), and CBC with the chained IV of
# TLS 1.0, where the first record after the gap cannot be opened (its IV was
# in the lost data) but the rest can.
source "$(dirname "$0")/../lib/env.sh"
GAP="python3 $TLSI_SOURCE_DIR/tests/lib/gap.py"

# name  what to cut (gap.py plan SPEC)  chained-IV CBC
CASES="
lines-tls13-aes128gcm client:3-4,server:5 0
lines-tls12-ecdhe-rsa-chacha20 client:2,server:2-4 0
lines-tls12-ecdhe-rsa-aes128-sha256-mte client:3,server:6-7 0
lines-tls10-ecdhe-rsa-aes128-sha client:4-5,server:3 1
tls12-bulk-100k server-seg:20 0
tls13-bulk-100k server-seg:25 0
tls13-bulk-100k server-seg:12 0
"

# fields NAME.tsv CAPTURE ARGS...: tlsi's per-frame fields gap.py reads.
fields() {
    local out=$1 cap=$2
    shift 2
    tshark_tlsi -r "$cap" "$@" -T fields -E occurrence=a -E aggregator=$'\x1f' \
        -e frame.number -e tcp.srcport -e tcp.seq -e tlsi.app_data \
        -e tlsi.record.resync_skipped -e tlsi.record.resynced -e _ws.expert.message \
        >"$out" 2>"$out.err" || { cat "$out.err" >&2; fail "tshark failed on $cap"; }
    ! grep -qi "error\|assert\|exception\|critical" "$out.err" || fail "$cap: $(cat "$out.err")"
}

checked=0 failed=0 n=0
while read -r name spec chained; do
    [ -n "$name" ] || continue
    n=$((n + 1))
    read -r _ file port keylog _ < <(manifest | awk -v n="$name" '$1 == n')
    [ -n "${file:-}" ] || fail "$name not in the manifest"
    # Two passes: tcp.reassembled_in is known on the second only.
    tshark_tlsi -2 -r "$CAPS/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi \
        -o "tls.keylog_file:$CAPS/$keylog" -T fields -E occurrence=a -E aggregator=';' \
        -e frame.number -e tcp.srcport -e tcp.len -e tls.record.content_type \
        -e tcp.reassembled_in >"$TLSI_TMP/builtin.tsv" 2>/dev/null
    $GAP plan "$port" "$spec" <"$TLSI_TMP/builtin.tsv" >"$TLSI_TMP/plan.json"
    drop=$(python3 -c 'import json,sys; print(*json.load(open(sys.argv[1]))["drop"])' "$TLSI_TMP/plan.json")
    [ -n "$drop" ] || fail "$name: nothing to cut for $spec"
    # shellcheck disable=SC2086
    editcap "$CAPS/$file" "$TLSI_TMP/cut.pcapng" $drop
    chmod a+r "$TLSI_TMP/cut.pcapng"
    args=(-d "tcp.port==$port,tlsi" --disable-protocol tls -o "tlsi.keylog_file:$CAPS/$keylog")
    fields "$TLSI_TMP/full.tsv" "$CAPS/$file" "${args[@]}"
    fields "$TLSI_TMP/cut.tsv" "$TLSI_TMP/cut.pcapng" "${args[@]}"
    echo "== $name: cut frames $drop ($spec)"
    $GAP check "$TLSI_TMP/plan.json" "$chained" "$TLSI_TMP/full.tsv" "$TLSI_TMP/cut.tsv" "$port" ||
        failed=$((failed + 1))
    checked=$((checked + 1))
done <<<"$CASES"
[ "$checked" = "$n" ] || fail "only $checked of $n cases ran"
[ "$failed" = 0 ] || fail "decrypt_gap: $failed case(s) failed"
echo "decrypt_gap: $checked cuts, decryption resumed after each"
