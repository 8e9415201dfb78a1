#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# doc/compat.md (every built-in tls.* field, its tlsi field, the difference)
# must be what scripts/gen-compat makes from the plugin just built, and every
# pair not marked as a difference (deliberate or known) must be present on
# exactly the same frames of the test captures as the built-in's field
# (gen-compat compares tshark -T fields of both dissectors per frame).
source "$(dirname "$0")/../lib/env.sh"
: "${TLSI_BUILD_DIR:?run through ctest (TLSI_BUILD_DIR unset)}"

"$TLSI_SOURCE_DIR/scripts/gen-compat" --build "$TLSI_BUILD_DIR" --out "$TLSI_TMP/compat.md" >/dev/null
if ! diff -u "$TLSI_SOURCE_DIR/doc/compat.md" "$TLSI_TMP/compat.md" >"$TLSI_TMP/compat.diff"; then
    head -40 "$TLSI_TMP/compat.diff" >&2
    fail "doc/compat.md is stale: run scripts/gen-compat and commit the result"
fi
# Rows: | `tls.x` | type | `tlsi.y` | kind | frames | difference |
bad=$(awk -F' \\| ' '$4 ~ /^(same|renamed)$/ && $6 !~ /^known difference/ && $5 != "not seen" && $5 !~ /^same frames/' \
    "$TLSI_TMP/compat.md")
[ -z "$bad" ] || { echo "$bad" >&2; fail "fields present on other frames than the built-in's"; }
same=$(grep -c '| same frames (' "$TLSI_TMP/compat.md")
[ "$same" -ge 80 ] || fail "only $same pairs seen on the same frames"
echo "compat_current: doc/compat.md current; $same pairs present on the same frames as the built-in"
