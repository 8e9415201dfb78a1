#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Many records in one TCP segment (finding F3 of the hostile-input work).
#
# dense-records/dense-1200.pcapng (made by scripts/make-scale-captures
# records-1200-b600: OpenSSL s_server, a Python ssl client, dumpcap on lo)
# is ONE TLS 1.3 connection in which the client sends 1200 one-write
# application data records, about 600 per TCP segment. Wireshark refuses to
# call more than gui.max_tree_depth (500) dissectors for one frame; the
# hand-off of each decrypted record counts, so the segment's later records
# trip a DISSECTOR_ASSERT. tlsi must nevertheless decrypt all 1200 records:
# the records of a segment must all reach the decryptor in the first pass, or
# the direction's sequence number falls behind and every later record fails.
#
# F3 is fixed (tlsi-app.c drops the layers a hand-off added once a frame has
# many).
source "$(dirname "$0")/../lib/env.sh"

D=$TLSI_TMP/dense
mkdir -p "$D"
cp "$TLSI_SOURCE_DIR/tests/integration/dense-records/dense-1200.pcapng" \
    "$TLSI_SOURCE_DIR/tests/integration/dense-records/dense-1200.keylog" "$D/"
chmod -R a+rX "$D"
PORT=34670

SENT=1200 # application data records the client wrote (one write each)

# run DISSECTOR OTHER -> one line per decrypted record: "frame<TAB>hex"
run() {
    tshark_tlsi -r "$D/dense-1200.pcapng" -d "tcp.port==$PORT,$1" --disable-protocol "$2" \
        -o "$1.keylog_file:$D/dense-1200.keylog" -T fields -E occurrence=a -E aggregator=';' \
        -e frame.number -e "$1.app_data" 2>"$D/$1.err" |
        awk -F'\t' '$2 != "" { n = split($2, a, ";"); for (i = 1; i <= n; i++) print $1 "\t" a[i] }'
}

run tls tlsi >"$D/builtin.recs"
run tlsi tls >"$D/tlsi.recs"
nb=$(wc -l <"$D/builtin.recs")
nt=$(wc -l <"$D/tlsi.recs")
echo "built-in TLS decrypted $nb records, tlsi $nt (the client sent $SENT)"
# The built-in dissector decrypts most of the dense segments' records.
[ "$nb" -ge 1000 ] || fail "the built-in TLS dissector decrypted only $nb records: bad capture?"
# Exactly the records sent, no more (a record counted twice) and no fewer.
[ "$nt" -eq "$SENT" ] || fail "tlsi decrypted $nt records, the client sent $SENT (segments of ~600 records)"
# The bytes are the ones the client wrote (scripts/make-scale-captures: record
# i is "i\n", or "x" when i is a multiple of 7), in order. The built-in cannot
# be the oracle for the bytes here: its own layer-limit assertion leaves its
# follow output of this connection empty and its tls.app_data is ciphertext.
python3 - "$D/tlsi.recs" "$SENT" <<'PY' || fail "decrypted bytes differ from what the client wrote"
import sys
got = [bytes.fromhex(l.split("\t")[1].replace(":", "")) for l in open(sys.argv[1])]
sent = [b"%d\n" % i if i % 7 else b"x" for i in range(int(sys.argv[2]))]
bad = [i for i, (g, s) in enumerate(zip(got, sent)) if g != s]
if bad or len(got) != len(sent):
    print("records %d (sent %d); first differing record: %s" % (len(got), len(sent), bad[:1]))
    sys.exit(1)
PY
echo "dense_records: all $SENT records decrypted, exactly the bytes the client wrote"
