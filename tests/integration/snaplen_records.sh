#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every record counted once when the capture's snap length cuts segments
# (editcap -s on real captures): per TCP stream and direction, on one pass
# and on two (-2),
#  * tlsi shows no more records than the whole capture holds, and they are a
#    subsequence of the whole capture's records (the built-in's on the uncut
#    capture): a record cut short is shown once, never again reassembled;
#  * every record the built-in shows on the cut capture, tlsi shows too (the
#    built-in's list is a subsequence of tlsi's);
#  * with a snap length above every frame nothing changes;
#  * each frame with a cut record carries tlsi.record.truncated once per cut
#    record, and the count of those expert infos is what the frames hold.
source "$(dirname "$0")/../lib/env.sh"
PY="python3 $TLSI_SOURCE_DIR/tests/lib/records.py"
W="$TLSI_TMP/snap"
mkdir -p "$W"
chmod a+rwx "$W"
failures=0

cmp_recs() { # NAME FULL.json BUILTIN_CUT.json TLSI_CUT.json EXACT
    python3 - "$@" <<'PYEOF'
import json, sys
name, full, bcut, tcut, exact = sys.argv[1], *[json.load(open(p)) for p in sys.argv[2:5]], sys.argv[5]
def subseq(small, big):
    it = iter(big)
    return all(any(x == y for y in it) for x in small)
ok = True
for key in sorted(set(full) | set(tcut)):
    f, b, t = full.get(key, []), bcut.get(key, []), tcut.get(key, [])
    if exact == "1" and t != f:
        ok = False
        print("%s %s: nothing cut, yet tlsi %d records, whole capture %d" % (name, key, len(t), len(f)))
    if len(t) > len(f) or not subseq(t, f):
        ok = False
        print("%s %s: tlsi shows %d records, not a subsequence of the whole capture's %d"
              % (name, key, len(t), len(f)))
    if not subseq(b, t):
        ok = False
        print("%s %s: the built-in shows %d records tlsi does not (tlsi %d)" % (name, key, len(b), len(t)))
print("%s: tlsi %d, built-in %d, whole capture %d records: %s"
      % (name, sum(map(len, tcut.values())), sum(map(len, bcut.values())),
         sum(map(len, full.values())), "ok" if ok else "WRONG"))
sys.exit(0 if ok else 1)
PYEOF
}

while read -r name file port keylog rsa; do
    case "$name" in tls12-bulk-100k | tls13-bulk-100k | tls12-ecdhe-rsa-aes128gcm) ;; *) continue ;; esac
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi -T pdml 2>/dev/null |
        $PY tls >"$W/full.json"
    for s in 150 700 65535; do
        cut="$W/cut.pcapng"
        editcap -s "$s" "$CAPS/$file" "$cut"
        chmod a+r "$cut"
        tshark_tlsi -r "$cut" -d "tcp.port==$port,tls" --disable-protocol tlsi -T pdml 2>/dev/null |
            $PY tls >"$W/b.json"
        exact=0
        [ "$s" = 65535 ] && exact=1
        for pass in 1 2; do
            p=()
            [ "$pass" = 2 ] && p=(-2)
            tshark_tlsi -r "$cut" "${p[@]}" -d "tcp.port==$port,tlsi" --disable-protocol tls -T pdml \
                2>"$W/err" >"$W/t.pdml" || { cat "$W/err" >&2; fail "tshark on $name -s $s"; }
            $PY tlsi <"$W/t.pdml" >"$W/t.json"
            cmp_recs "$name -s $s pass $pass" "$W/full.json" "$W/b.json" "$W/t.json" $exact ||
                failures=$((failures + 1))
            # One truncated expert per cut record: records whose length runs
            # past the captured bytes of their frame are counted from the PDML.
            python3 - "$name -s $s pass $pass" "$W/t.pdml" <<'PYEOF' || failures=$((failures + 1))
import sys, xml.etree.ElementTree as ET
name, bad, n = sys.argv[1], 0, 0
for _, pkt in ET.iterparse(sys.argv[2], events=("end",)):
    if pkt.tag != "packet":
        continue
    exp = sum(1 for f in pkt.iter("field") if f.get("name") == "tlsi.record.truncated")
    recs = [f for f in pkt.iter("field") if f.get("name") == "tlsi.record"]
    cut = sum(1 for r in recs if any(x.get("name") == "tlsi.record.truncated" for x in r.iter("field")))
    if exp > len(recs) or cut != exp:
        bad += 1
        print("%s: frame with %d records, %d truncated expert infos, %d inside records"
              % (name, len(recs), exp, cut))
    n += exp
    pkt.clear()
print("%s: %d cut records, each flagged once" % (name, n))
sys.exit(1 if bad else 0)
PYEOF
        done
    done
done < <(manifest)
[ "$failures" = 0 ] || fail "snaplen_records: $failures checks failed"
echo "snaplen_records: all checks passed"
