#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Frames with several records must come out right in every tshark output
# format: the number of records per frame in -T json, -T ek and -T fields
# equals what the built-in TLS dissector reports for the same frames.
source "$(dirname "$0")/../lib/env.sh"

name=tls12-ecdhe-rsa-aes128gcm
read -r _ file port keylog _ < <(manifest | awk -v n="$name" '$1 == n')
tl=(-r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls -o "tlsi.keylog_file:$CAPS/$keylog")
bi=(-r "$CAPS/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi -o "tls.keylog_file:$CAPS/$keylog")

# Reference: records per frame from the built-in (content types, one per record).
tshark_tlsi "${bi[@]}" -Y tls -T fields -E occurrence=a -E aggregator=, -e frame.number \
    -e tls.record.content_type 2>/dev/null |
    awk -F'\t' '{ print $1, split($2, a, ",") }' >"$TLSI_TMP/ref"
grep -q ' [3-9]$' "$TLSI_TMP/ref" || fail "no frame with 3 or more records in $name"

tshark_tlsi "${tl[@]}" -Y tlsi -T fields -E occurrence=a -E aggregator=, -e frame.number \
    -e tlsi.record.content_type 2>/dev/null |
    awk -F'\t' '{ print $1, split($2, a, ",") }' >"$TLSI_TMP/fields"
diff "$TLSI_TMP/ref" "$TLSI_TMP/fields" || fail "-T fields: records per frame differ"

# --no-duplicate-keys: repeated fields become arrays (plain JSON readers keep
# only the last of duplicate keys).
tshark_tlsi "${tl[@]}" -Y tlsi -T json --no-duplicate-keys 2>/dev/null >"$TLSI_TMP/json"
tshark_tlsi "${tl[@]}" -Y tlsi -T ek 2>/dev/null >"$TLSI_TMP/ek"
python3 - "$TLSI_TMP/ref" "$TLSI_TMP/json" "$TLSI_TMP/ek" <<'PY' || fail "-T json / -T ek differ"
import json, sys
ref = dict(l.split() for l in open(sys.argv[1]))

def count(layer_tlsi, key):
    recs = layer_tlsi.get(key)
    if recs is None:
        return 0
    return len(recs) if isinstance(recs, list) else 1

ok = True
got = {}
for pkt in json.load(open(sys.argv[2])):
    layers = pkt["_source"]["layers"]
    t = layers["tlsi"]
    if isinstance(t, list):  # several tlsi layers in one frame (several PDUs)
        n = sum(count(x, "tlsi.record") for x in t)
    else:
        n = count(t, "tlsi.record")
    got[layers["frame"]["frame.number"]] = n
if {k: int(v) for k, v in ref.items()} != {k: v for k, v in got.items()}:
    print("json", got, "built-in", ref)
    ok = False
ek = {}
for line in open(sys.argv[3]):
    doc = json.loads(line)
    if "layers" not in doc:
        continue
    lay = doc["layers"]
    types = lay.get("tlsi", {})
    if isinstance(types, list):
        n = sum(len(x.get("tlsi_tlsi_record_content_type", [])) for x in types)
    else:
        v = types.get("tlsi_tlsi_record_content_type", [])
        n = len(v) if isinstance(v, list) else 1
    ek[lay["frame"]["frame_frame_number"]] = n
if {k: int(v) for k, v in ref.items()} != {k: v for k, v in ek.items()}:
    print("ek", ek, "built-in", ref)
    ok = False
print("json and ek: records per frame match the built-in on %d frames" % len(ref))
sys.exit(0 if ok else 1)
PY
echo "output_formats: -T fields, json and ek agree with the built-in"
