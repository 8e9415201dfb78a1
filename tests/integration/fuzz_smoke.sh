#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every libFuzzer harness for a small fixed budget (scripts/fuzz), from its
# committed seed corpus: a crash, sanitizer report, leak, hang or broken
# harness invariant is a failure. Also checks that each harness has seeds,
# so none runs blind.
source "$(dirname "$0")/../lib/env.sh"

for f in "$TLSI_SOURCE_DIR"/fuzz/fuzz_*.c; do
    h=$(basename "$f" .c)
    [ -n "$(ls -A "$TLSI_SOURCE_DIR/fuzz/corpus/$h" 2>/dev/null)" ] || fail "$h has no seed corpus"
done
TLSI_FUZZ_BUILD="$TLSI_BUILD_DIR/../build-fuzz" FUZZ_JOBS=1 \
    "$TLSI_SOURCE_DIR/scripts/fuzz" "${TLSI_FUZZ_SECONDS:-8}" || fail "scripts/fuzz reported a finding"
