#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The committed reference documentation (doc/preferences.md, doc/fields.md)
# must be what scripts/gen-docs makes from the plugin just built: a field or
# preference added, renamed or re-described without rerunning scripts/gen-docs
# fails here. The generated files must also list what the plugin is known to
# have (checked against tshark directly, not against the generator's parsing).
source "$(dirname "$0")/../lib/env.sh"
: "${TLSI_BUILD_DIR:?run through ctest (TLSI_BUILD_DIR unset)}"

"$TLSI_SOURCE_DIR/scripts/gen-docs" --build "$TLSI_BUILD_DIR" --out "$TLSI_TMP/doc" >/dev/null
for f in preferences.md fields.md; do
    [ -s "$TLSI_TMP/doc/$f" ] || fail "gen-docs wrote no $f"
    if ! diff -u "$TLSI_SOURCE_DIR/doc/$f" "$TLSI_TMP/doc/$f" >"$TLSI_TMP/$f.diff"; then
        head -40 "$TLSI_TMP/$f.diff" >&2
        fail "doc/$f is stale: run scripts/gen-docs and commit the result"
    fi
done

# Independent of the generator: every tlsi field tshark reports is in
# fields.md, and every preference line of -G defaultprefs in preferences.md.
tshark_tlsi -G fields | awk -F'\t' '$1 == "F" && $3 ~ /^tlsi\./ { print $3 }' | sort -u >"$TLSI_TMP/fields"
[ "$(wc -l <"$TLSI_TMP/fields")" -gt 50 ] || fail "tshark lists too few tlsi fields"
grep -o '^| `tlsi\.[^`]*`' "$TLSI_TMP/doc/fields.md" | sed 's/^| `//; s/`$//' | sort -u >"$TLSI_TMP/documented"
cmp -s "$TLSI_TMP/fields" "$TLSI_TMP/documented" || {
    diff "$TLSI_TMP/fields" "$TLSI_TMP/documented" >&2
    fail "fields.md does not list exactly the tlsi fields tshark reports"
}
tshark_tlsi -G defaultprefs | sed -n 's/^#\(tlsi\.[a-z_.]*\):.*/\1/p' | sort -u >"$TLSI_TMP/prefs"
[ -s "$TLSI_TMP/prefs" ] || fail "tshark lists no tlsi preference"
while read -r p; do
    grep -q "^| \`$p\` |" "$TLSI_TMP/doc/preferences.md" || fail "preferences.md lacks $p"
done <"$TLSI_TMP/prefs"
grep -q 'tlsi.tcp.port' "$TLSI_TMP/doc/preferences.md" || fail "preferences.md lacks the port range"
grep -q '`443' "$TLSI_TMP/doc/preferences.md" || fail "preferences.md lacks the default ports"
echo "docs_current: doc/preferences.md and doc/fields.md ($(wc -l <"$TLSI_TMP/fields") fields, $(wc -l <"$TLSI_TMP/prefs") preferences) are current"
