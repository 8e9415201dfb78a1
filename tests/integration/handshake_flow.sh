#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The checked parts of the handshake tree:
#  - Finished: with the capture's key log, every Finished message tlsi shows
#    has tlsi.handshake.finished.verified == True, and tlsi shows at least
#    the Finished messages the built-in dissector shows. With a key log whose
#    master secret has one byte flipped nothing is verified; with one byte
#    of the server's Certificate flipped in the capture (records still
#    decrypt: the key log gives the master secret) both Finished are
#    verified == False with the PI_DECRYPTION expert info.
#  - Resumption: in the resumption captures the second ServerHello has
#    tlsi.handshake.resumed and resumed_from == the frame of the first
#    connection's ServerHello as the built-in dissector numbers it, and the
#    built-in's fields show what links them (same session id, the ticket of
#    the first connection offered in the second ClientHello); full
#    handshakes carry no resumed field.
#  - Flow: no tlsi.handshake.unexpected on any real capture, with and
#    without keys; on a forged connection whose server sends Certificate
#    after ServerHelloDone it is there, and on the same messages in the legal
#    order it is not.
source "$(dirname "$0")/../lib/env.sh"
FORGE="python3 $TLSI_SOURCE_DIR/tests/lib/forge.py"

fields() { # capture port prefix-opts... -- fields...
    local file=$1 port=$2
    shift 2
    tshark_tlsi -r "$file" -d "tcp.port==$port,tlsi" --disable-protocol tls "$@" \
        -E occurrence=a -E aggregator=, 2>>"$TLSI_TMP/err"
}

# --- every capture, with keys: Finished verified, no flow anomaly ---------
finished_total=0
resumed_checked=0
while read -r name file port keylog rsa; do
    fields "$CAPS/$file" "$port" -o "tlsi.keylog_file:$CAPS/$keylog" -T fields \
        -e frame.number -e tcp.stream -e tlsi.handshake.type \
        -e tlsi.handshake.finished.verified -e _ws.expert.message \
        -e tlsi.handshake.resumed -e tlsi.handshake.resumed_from >"$TLSI_TMP/tlsi.tsv"
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi \
        -o "tls.keylog_file:$CAPS/$keylog" -T fields -E occurrence=a -E aggregator=, \
        -e frame.number -e tcp.stream -e tls.handshake.type -e tls.handshake.session_id \
        -e tls.handshake.session_ticket -e tls.handshake.extensions.psk.identity.identity \
        -e tls.handshake.extension.type -e tls.handshake.extension.data \
        >"$TLSI_TMP/tls.tsv" 2>>"$TLSI_TMP/err"
    out=$(python3 - "$name" "$TLSI_TMP/tlsi.tsv" "$TLSI_TMP/tls.tsv" <<'PYEOF'
import sys

name = sys.argv[1]

def rows(path):
    out = []
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        out.append([x.split(",") if x else [] for x in f])
    return out

a, b = rows(sys.argv[2]), rows(sys.argv[3])
errors = []
fin = sum(r[2].count("20") for r in a)
verified = [v for r in a for v in r[3]]
fin_builtin = sum(r[2].count("20") for r in b)
# Known gap, not a pass: src/session.c (on_finished) does not check the
# client Finished that ends TLS 1.3 post-handshake authentication (RFC 8446
# 4.6.2: HMAC under the client application traffic secret's finished key over
# the handshake context and the authentication messages), so tlsi omits the
# field there. Remove this entry once the session checks it.
unchecked = fin - len(verified)
if unchecked or any(v not in ("1", "True") for v in verified):
    errors.append("%d Finished, verified values %s" % (fin, verified))
if fin < fin_builtin:
    errors.append("tlsi shows %d Finished, the built-in %d" % (fin, fin_builtin))
unexpected = [r[0][0] for r in a if "Unexpected handshake message" in ",".join(r[4])]
if unexpected:
    ccs = any("ChangeCipherSpec" in ",".join(r[4]) for r in a)
    errors.append("unexpected-message expert info in frames %s%s" % (unexpected,
                  " (does packet-tlsi.c call tlsi_flow_ccs() for ChangeCipherSpec records?)"
                  if ccs else ""))

# Resumption: the ServerHello frames per stream, from the built-in.
sh = {}
for r in b:
    if "2" in r[2]:
        sh.setdefault(r[1][0], []).append(int(r[0][0]))
resumed = [(int(r[0][0]), r[1][0], r[6]) for r in a if r[5]]
# The sslv2hello captures' second connection resumes the first by session id.
if "resume" in name or "early-data" in name or name.startswith("sslv2hello-"):
    first_sh = sh["0"][0]
    second_sh = sh["1"][0]
    if [x[0] for x in resumed] != [second_sh]:
        errors.append("resumed on frames %s, expected the second ServerHello %d"
                      % ([x[0] for x in resumed], second_sh))
    elif resumed[0][2] != [str(first_sh)]:
        errors.append("resumed_from %s, expected %d" % (resumed[0][2], first_sh))
    # What links the two connections, seen by the built-in dissector.
    by = {(r[1][0], t): r for r in b for t in r[2]}
    ch1, sh0, sh1 = by[("1", "1")], by[("0", "2")], by[("1", "2")]
    tickets0 = [t for r in b if r[1][0] == "0" for t in r[4]]
    if name == "tls12-resume-session-id" or name.startswith("sslv2hello-"):
        link = sh0[3] == sh1[3] and sh0[3] != []
    elif name == "tls12-resume-ticket":
        # A ticket of the first connection in the second ClientHello's extension data.
        link = any(t.replace(":", "") in "".join(ch1[7]).replace(":", "") for t in tickets0)
    else:
        link = any(p in tickets0 for p in ch1[5])
    if not link:
        errors.append("the built-in shows no session id / ticket link between the connections")
    print("RESUMED")
elif resumed:
    errors.append("full handshakes marked resumed: %s" % resumed)
print("FIN %d" % len(verified))
for e in errors:
    print("ERR %s: %s" % (name, e))
PYEOF
)
    echo "$out" | grep '^ERR' && fail "$name: handshake checks failed"
    echo "$out" | grep '^NOTE' || true
    n=$(echo "$out" | sed -n 's/^FIN //p')
    finished_total=$((finished_total + n))
    if echo "$out" | grep -q '^RESUMED'; then resumed_checked=$((resumed_checked + 1)); fi
    echo "$name: $n Finished verified, flow clean"

    # Without keys: nothing to verify, and still no flow anomaly.
    nokeys=$(fields "$CAPS/$file" "$port" -T fields -e tlsi.handshake.finished.verified \
        -e _ws.expert.message | { grep -e "Unexpected handshake message" -e "[[:alnum:]]	" || true; } |
        head -3)
    [ -z "$nokeys" ] || fail "$name without keys: Finished verified or flow anomaly: $nokeys"
done < <(manifest)
[ "$finished_total" -gt 20 ] || fail "only $finished_total Finished messages verified"
[ "$resumed_checked" -ge 4 ] || fail "$resumed_checked resumption captures checked, expected at least 4"

# --- a tampered master secret: nothing decrypts, nothing is verified ------
cap=tls12-ecdhe-rsa-aes128gcm
read -r _ file port keylog _ < <(manifest | awk -v n=$cap '$1 == n')
# Flip the first hex digit of the master secret (third field) of each CLIENT_RANDOM line.
awk '$1 == "CLIENT_RANDOM" { c = substr($3, 1, 1); $3 = (c == "0" ? "1" : "0") substr($3, 2) } { print }' \
    "$CAPS/$keylog" >"$TLSI_TMP/bad.keylog"
cmp -s "$CAPS/$keylog" "$TLSI_TMP/bad.keylog" && fail "key log not tampered"
chmod a+r "$TLSI_TMP/bad.keylog"
v=$(fields "$CAPS/$file" "$port" -o "tlsi.keylog_file:$TLSI_TMP/bad.keylog" -T fields \
    -e tlsi.handshake.finished.verified | tr -d '\n')
[ -z "$v" ] || fail "tampered master secret: Finished verified values '$v'"
echo "$cap with a tampered master secret: no Finished verified"

# --- one byte of the server Certificate flipped: Finished mismatch --------
cert=$(fields "$CAPS/$file" "$port" -o "tlsi.keylog_file:$CAPS/$keylog" -T fields \
    -e tlsi.handshake.certificate -Y "tlsi.handshake.type == 11" | head -1 | cut -d, -f1)
[ -n "$cert" ] || fail "$cap: no certificate found"
python3 - "$CAPS/$file" "$TLSI_TMP/cert-flipped.pcapng" "$cert" <<'PYEOF'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
cert = bytes.fromhex(sys.argv[3].replace(":", ""))
at = data.find(cert)
if at < 0 or data.find(cert, at + 1) >= 0:
    sys.exit("certificate not found exactly once in the capture file")
# The last byte of the certificate's signature: the DER still parses, the
# handshake transcript (and so both Finished) no longer matches.
data[at + len(cert) - 1] ^= 0x01
open(sys.argv[2], "wb").write(data)
PYEOF
chmod a+r "$TLSI_TMP/cert-flipped.pcapng"
fields "$TLSI_TMP/cert-flipped.pcapng" "$port" -o "tlsi.keylog_file:$CAPS/$keylog" -T fields \
    -e tlsi.handshake.finished.verified -e _ws.expert.message \
    -Y "tlsi.handshake.type == 20" >"$TLSI_TMP/flipped.tsv"
python3 - "$TLSI_TMP/flipped.tsv" <<'PYEOF' || fail "$cap with a flipped certificate byte: $(cat "$TLSI_TMP/flipped.tsv")"
import sys
lines = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
v = [x for f in lines for x in f[0].split(",") if x]
m = sum(f[1].count("Finished verify_data does not match") for f in lines)
sys.exit(0 if v in (["0", "0"], ["False", "False"]) and m == 2 else 1)
PYEOF
grep -c . "$TLSI_TMP/flipped.tsv" | grep -qx 2 || fail "expected two Finished frames"
echo "$cap with a flipped certificate byte: both Finished verified == False"

# --- forged flows ----------------------------------------------------------
# TLS 1.2 messages, each a record: ClientHello (no extensions, suite 0xc02f),
# ServerHello, an empty Certificate, ServerHelloDone.
R32=$(printf '11%.0s' $(seq 32))
CH="16 0301 002d 01 000029 0303 $R32 00 0002 c02f 01 00"
SH="16 0303 002a 02 000026 0303 $R32 00 c02f 00"
CERT="16 0303 0007 0b 000003 000000"
SHD="16 0303 0004 0e 000000"
$FORGE "$TLSI_TMP/flow-bad.pcap" 40001 4433 "c:$CH" "s:$SH $SHD" "s:$CERT"
$FORGE "$TLSI_TMP/flow-good.pcap" 40001 4433 "c:$CH" "s:$SH $CERT $SHD"
chmod a+r "$TLSI_TMP"/flow-*.pcap
bad=$(fields "$TLSI_TMP/flow-bad.pcap" 4433 -T fields -e frame.number -e tlsi.handshake.type \
    -e _ws.expert.message -Y tlsi.handshake.unexpected)
echo "$bad" | grep -q "^6	11	.*Unexpected handshake message: expected" ||
    fail "Certificate after ServerHelloDone not flagged: '$bad'"
good=$(fields "$TLSI_TMP/flow-good.pcap" 4433 -T fields -e frame.number -Y "tlsi.handshake")
[ "$(echo "$good" | wc -l)" -eq 2 ] || fail "forged legal flow not dissected: '$good'"
good=$(fields "$TLSI_TMP/flow-good.pcap" 4433 -T fields -e frame.number -Y tlsi.handshake.unexpected)
[ -z "$good" ] || fail "legal order flagged in frames $good"
echo "forged flows: out-of-order Certificate flagged, legal order clean"

# --- forged anomalies inside messages --------------------------------------
# A ClientHello with extended_master_secret twice, a ServerHello whose
# extension block claims 5 bytes that are not there, a message of type 99.
CHDUP="16 0301 0037 01 000033 0303 $R32 00 0002 c02f 01 00 0008 0017 0000 0017 0000"
SHBAD="16 0303 002c 02 000028 0303 $R32 00 c02f 00 0005"
UNKNOWN="16 0303 0008 63 000004 deadbeef"
$FORGE "$TLSI_TMP/anomalies.pcap" 40002 4433 "c:$CHDUP" "s:$SHBAD" "s:$UNKNOWN"
$FORGE "$TLSI_TMP/clean.pcap" 40002 4433 "c:$CH" "s:$SH $CERT $SHD"
chmod a+r "$TLSI_TMP/anomalies.pcap" "$TLSI_TMP/clean.pcap"
ex=$(fields "$TLSI_TMP/anomalies.pcap" 4433 -T fields -e frame.number -e _ws.expert.message \
    -E aggregator='|')
echo "$ex" | grep -q "^4	.*extended_master_secret (23) appears more than once" ||
    fail "duplicate extension not flagged: '$ex'"
echo "$ex" | grep -q "^5	.*Malformed Server Hello" || fail "malformed ServerHello not flagged: '$ex'"
echo "$ex" | grep -q "^6	.*Unknown handshake message type 99" ||
    fail "unknown handshake type not flagged: '$ex'"
clean=$(fields "$TLSI_TMP/clean.pcap" 4433 -T fields -e _ws.expert.message -Y tlsi | tr -d '\n')
[ -z "$clean" ] || fail "expert info on a clean forged handshake: '$clean'"
echo "forged anomalies: duplicate extension, malformed ServerHello, unknown type flagged"

if grep -qi "critical\|segmentation\|dissector bug" "$TLSI_TMP/err"; then
    cat "$TLSI_TMP/err" >&2
    fail "tshark reported errors"
fi
echo "handshake_flow: $finished_total Finished verified, $resumed_checked resumptions linked"
