#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The core's unit tests and the fuzz regression replay (test_fuzz_regress:
# every reproducer in tests/unit/regress and the seed corpora) under
# AddressSanitizer and UndefinedBehaviorSanitizer. They share the sanitized
# build folder of sanitize.sh (a lock keeps the two from building at once).
source "$(dirname "$0")/../lib/env.sh"

ASAN_BUILD=${TLSI_ASAN_BUILD:-$(cd "$TLSI_BUILD_DIR/.." && pwd)/build-asan}
(
    flock 9
    if [ ! -f "$ASAN_BUILD/CMakeCache.txt" ]; then
        cmake -S "$TLSI_SOURCE_DIR" -B "$ASAN_BUILD" -DTLSI_SANITIZE=ON \
            -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    fi
    cmake "$ASAN_BUILD" >/dev/null # pick up new test files
    cmake --build "$ASAN_BUILD" -j"$(nproc)" >"$TLSI_TMP/build.log" 2>&1 ||
        { cat "$TLSI_TMP/build.log" >&2; exit 1; }
) 9>"$ASAN_BUILD.lock" || fail "could not build the sanitized unit tests in $ASAN_BUILD"

n=0
for t in "$ASAN_BUILD"/test_*; do
    [ -x "$t" ] || continue
    [ "$(nm "$t" | grep -c __asan_init)" -gt 0 ] || fail "$t is not built with AddressSanitizer"
    n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n sanitized unit test programs in $ASAN_BUILD"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
ctest --test-dir "$ASAN_BUILD" -L unit --output-on-failure ||
    fail "unit tests fail under ASan+UBSan"
echo "sanitize_unit: $n unit test programs pass under ASan+UBSan"
