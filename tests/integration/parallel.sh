#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# scripts/tlsi-parallel with 2 jobs over some test captures gives, file by
# file, exactly what tshark gives run on each file alone, and the same
# summary as with 1 job. Keys come three ways: a key log next to the capture
# (NAME.keylog), one shared key log (-k), and keys embedded in the capture
# (a copy with a Decryption Secrets Block from editcap --inject-secrets and
# no key log beside it). Every capture must have records decrypted, none
# failed, and the JSON output must match tshark's too.
source "$(dirname "$0")/../lib/env.sh"
command -v parallel >/dev/null || fail "GNU parallel missing (scripts/setup.sh installs it)"
PAR=$TLSI_SOURCE_DIR/scripts/tlsi-parallel

# tlsi-parallel runs this instead of tshark: tshark as in the other tests.
cat >"$TLSI_TMP/tshark" <<EOF
#!/usr/bin/env bash
if [ "\$(id -u)" = 0 ]; then
    exec setpriv --reuid=65534 --regid=65534 --clear-groups \\
        env HOME="$TLSI_TMP/home" WIRESHARK_PLUGIN_DIR="$TLSI_TMP/plugins" tshark "\$@"
fi
exec env HOME="$TLSI_TMP/home" WIRESHARK_PLUGIN_DIR="$TLSI_TMP/plugins" tshark "\$@"
EOF
chmod a+rx "$TLSI_TMP/tshark"
export TLSI_TSHARK=$TLSI_TMP/tshark

NAMES=(tls12-ecdhe-rsa-aes128gcm tls13-aes256gcm tls12-ecdhe-rsa-chacha20 tls11-rsa-aes256-sha
    tls13-key-update)
mkdir -p "$TLSI_TMP/set" "$TLSI_TMP/emb"
for n in "${NAMES[@]}"; do
    cp "$CAPS/$n.pcapng" "$CAPS/$n.keylog" "$TLSI_TMP/set/"
done
# Keys embedded: no key log beside this one.
editcap --inject-secrets "tls,$CAPS/tls13-chacha20.keylog" "$CAPS/tls13-chacha20.pcapng" \
    "$TLSI_TMP/set/tls13-chacha20-dsb.pcapng" || fail "editcap --inject-secrets failed"
chmod -R a+rX "$TLSI_TMP/set"
FILES=("$TLSI_TMP"/set/*.pcapng)
FIELDS=(-e frame.number -e tcp.stream -e tlsi.record.content_type -e tlsi.record.inner_type
    -e tlsi.decryption.decrypted -e tlsi.app_data)

"$PAR" -j 2 -H -o "$TLSI_TMP/j2" "${FIELDS[@]}" "${FILES[@]}" -- --disable-protocol tls \
    >/dev/null || fail "tlsi-parallel -j 2 failed: $(cat "$TLSI_TMP"/j2/*.err)"
"$PAR" -j 1 -H -o "$TLSI_TMP/j1" "${FIELDS[@]}" "${FILES[@]}" -- --disable-protocol tls \
    >/dev/null || fail "tlsi-parallel -j 1 failed"
cmp -s "$TLSI_TMP/j1/summary.tsv" "$TLSI_TMP/j2/summary.tsv" ||
    fail "summary differs between -j 1 and -j 2: $(diff "$TLSI_TMP/j1/summary.tsv" "$TLSI_TMP/j2/summary.tsv")"

# One by one, tshark alone: the same bytes per file.
for f in "${FILES[@]}"; do
    n=$(basename "$f" .pcapng)
    kl=$TLSI_TMP/set/$n.keylog
    [ -f "$kl" ] || kl=$CAPS/tls13-chacha20.keylog
    "$TLSI_TSHARK" -r "$f" -o "tlsi.keylog_file:$kl" -o tlsi.heuristic:TRUE -T fields \
        -E header=y "${FIELDS[@]}" --disable-protocol tls >"$TLSI_TMP/alone.tsv" 2>/dev/null
    cmp -s "$TLSI_TMP/alone.tsv" "$TLSI_TMP/j2/$n.tsv" ||
        fail "$n: tlsi-parallel output differs from tshark on the file alone"
done

# Summary: every capture decrypted something, nothing failed, keys as expected.
python3 - "$TLSI_TMP/j2/summary.tsv" "${#FILES[@]}" <<'PYEOF' || fail "summary check"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
assert len(rows) == int(sys.argv[2]), rows
for r in rows:
    want = "embedded" if r["name"].endswith("-dsb") else "file"
    assert r["tshark_status"] == "0" and r["keys"] == want, r
    assert int(r["decrypted"]) > 0 and r["not_decrypted"] == "0", r
PYEOF

# A shared key log (-k): the embedded copy's key log serves that file.
"$PAR" -j 2 -H -k "$CAPS/tls13-chacha20.keylog" -o "$TLSI_TMP/k" "${FIELDS[@]}" \
    "$TLSI_TMP/set/tls13-chacha20-dsb.pcapng" -- --disable-protocol tls >/dev/null ||
    fail "tlsi-parallel -k failed"
cmp -s "$TLSI_TMP/k/tls13-chacha20-dsb.tsv" "$TLSI_TMP/j2/tls13-chacha20-dsb.tsv" ||
    fail "shared key log output differs from embedded keys"

# JSON: per file as tshark gives it.
"$PAR" -j 2 -H -T json -o "$TLSI_TMP/json" "${FILES[@]:0:2}" -- --disable-protocol tls \
    >/dev/null || fail "tlsi-parallel -T json failed"
for f in "${FILES[@]:0:2}"; do
    n=$(basename "$f" .pcapng)
    "$TLSI_TSHARK" -r "$f" -o "tlsi.keylog_file:$TLSI_TMP/set/$n.keylog" \
        -o tlsi.heuristic:TRUE -T json --disable-protocol tls >"$TLSI_TMP/alone.json" 2>/dev/null
    cmp -s "$TLSI_TMP/alone.json" "$TLSI_TMP/json/$n.json" || fail "$n: JSON differs"
done
echo "OK: ${#FILES[@]} captures, 2 jobs = one by one (fields, JSON), keys from file/shared/embedded"
