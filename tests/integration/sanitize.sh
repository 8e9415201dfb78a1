#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The whole plugin under AddressSanitizer and UndefinedBehaviorSanitizer.
#
# A second copy of tlsi is built with -DTLSI_SANITIZE=ON (gcc) into
# $TLSI_BUILD_DIR/../build-asan (kept between runs; TLSI_ASAN_BUILD overrides)
# and loaded into an ordinary tshark with the sanitizer runtime preloaded.
# tshark then runs with every key (the captures' key logs and the test RSA
# key), full trees (-V), one pass and two passes (-2), over:
#   1. every capture of the manifest, each on its own, and the forged
#      captures of test-captures/malformed;
#   2. all of them merged, damaged by editcap -E (rates 0.001, 0.01, 0.05,
#      fixed seeds; bytes after the Ethernet/IP/TCP headers only) and by
#      tests/lib/mutcap.py flipping TCP payload bytes alone (so TCP still
#      reassembles the damage into TLS);
#   3. all of them cut by editcap -s at several snap lengths;
#   4. one short TLS 1.2 and one TLS 1.3 connection cut at every byte of
#      their handshake (mutcap.py cuts: one copy of the connection per cut
#      point, all in one file).
# It fails on any sanitizer report, abort, non-zero exit or "Dissector bug",
# and prints how many mutated captures and connection copies were tried.
source "$(dirname "$0")/../lib/env.sh"

ASAN_BUILD=${TLSI_ASAN_BUILD:-$(cd "$TLSI_BUILD_DIR/.." && pwd)/build-asan}
LIBASAN=$(gcc -print-file-name=libasan.so)
[ -e "$LIBASAN" ] || fail "no libasan.so for gcc (install gcc's libasan)"
W=$TLSI_TMP/sanitize
mkdir -p "$W" "$W/plugins/$TLSI_WS_MAJMIN/epan"
start=$(date +%s)

# 1. The sanitized plugin (a lock: parallel test runs share the build dir).
(
    flock 9
    if [ ! -f "$ASAN_BUILD/CMakeCache.txt" ]; then
        cmake -S "$TLSI_SOURCE_DIR" -B "$ASAN_BUILD" -DTLSI_SANITIZE=ON \
            -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    fi
    cmake --build "$ASAN_BUILD" -j"$(nproc)" --target tlsi >"$W/build.log" 2>&1 ||
        { cat "$W/build.log" >&2; exit 1; }
    cp "$ASAN_BUILD/plugins/$TLSI_WS_MAJMIN/epan/tlsi.so" "$W/plugins/$TLSI_WS_MAJMIN/epan/"
) 9>"$ASAN_BUILD.lock" || fail "could not build the sanitized plugin in $ASAN_BUILD"
[ "$(nm -D "$W/plugins/$TLSI_WS_MAJMIN/epan/tlsi.so" | grep -c __asan_)" -gt 0 ] ||
    fail "$ASAN_BUILD built tlsi.so without AddressSanitizer"
echo "sanitized plugin ready ($(($(date +%s) - start)) s)"

# Every key: all key logs in one file (entries are found by client random)
# and the RSA key every RSA capture uses.
cat "$CAPS"/*.keylog >"$W/all.keylog"
PORTS=()
while read -r name file port keylog rsa; do
    PORTS+=(-d "tcp.port==$port,tlsi")
done < <(manifest)
chmod -R a+rX "$W"
chmod a+rwx "$W"

export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:symbolize=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
runs=0
failures=0

# san_run LABEL FILE ARGS...: tlsi under the sanitizers over FILE with every
# key and port; a failure is recorded with its evidence.
san_run() {
    local label=$1 file=$2 rc=0 bugs
    shift 2
    runs=$((runs + 1))
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups \
            env HOME="$TLSI_TMP/home" WIRESHARK_PLUGIN_DIR="$W/plugins" LD_PRELOAD="$LIBASAN" \
            tshark -r "$file" "${PORTS[@]}" --disable-protocol tls \
            -o "tlsi.keylog_file:$W/all.keylog" \
            -o "uat:tlsi_rsa_keys:\"$CAPS/keys/rsa-server.key\",\"\"" "$@" \
            >"$W/out" 2>"$W/err" || rc=$?
    else
        env HOME="$TLSI_TMP/home" WIRESHARK_PLUGIN_DIR="$W/plugins" LD_PRELOAD="$LIBASAN" \
            tshark -r "$file" "${PORTS[@]}" --disable-protocol tls \
            -o "tlsi.keylog_file:$W/all.keylog" \
            -o "uat:tlsi_rsa_keys:\"$CAPS/keys/rsa-server.key\",\"\"" "$@" \
            >"$W/out" 2>"$W/err" || rc=$?
    fi
    bugs=$(grep -c -i "dissector bug" "$W/out" || true)
    if [ "$rc" != 0 ] || [ "$bugs" != 0 ] ||
        grep -q -E "Sanitizer|runtime error:|Assertion|CRITICAL|Segmentation" "$W/err"; then
        failures=$((failures + 1))
        echo "FAIL: $label: tshark exit $rc, $bugs dissector bug(s)" >&2
        grep -E -A40 "ERROR: AddressSanitizer|runtime error:|Assertion|CRITICAL" "$W/err" |
            head -60 >&2 || head -20 "$W/err" >&2
        grep -i -m5 "dissector bug" "$W/out" >&2 || true
        mkdir -p "$TLSI_SOURCE_DIR/fuzz-out/sanitize" 2>/dev/null &&
            cp "$file" "$TLSI_SOURCE_DIR/fuzz-out/sanitize/" 2>/dev/null &&
            cp "$W/err" "$TLSI_SOURCE_DIR/fuzz-out/sanitize/$(basename "$file").stderr" 2>/dev/null &&
            echo "  capture kept in fuzz-out/sanitize/$(basename "$file")" >&2
    fi
}

# 1. Every capture as it is: one pass and two passes, full trees.
n_caps=0
while read -r name file port keylog rsa; do
    san_run "$name -V" "$CAPS/$file" -V
    san_run "$name -2 -V" "$CAPS/$file" -2 -V
    n_caps=$((n_caps + 1))
done < <(manifest)
# The forged captures (malformed records, SSLv2 hello, odd segmentation),
# all in one file: their server ports are added to the port list.
MAL=$CAPS/malformed
n_mal=0
while IFS=$'\t' read -r case file cport sport desc; do
    [ "$case" = case ] && continue
    PORTS+=(-d "tcp.port==$sport,tlsi")
    n_mal=$((n_mal + 1))
done <"$MAL/ports.tsv"
mergecap -F pcap -w "$W/malformed.pcap" "$MAL"/*.pcap
chmod a+r "$W/malformed.pcap"
san_run "malformed captures -V" "$W/malformed.pcap" -V
san_run "malformed captures -2 -V" "$W/malformed.pcap" -2 -V
echo "captures as recorded: $n_caps, and $n_mal forged ones; $runs runs ($(($(date +%s) - start)) s)"

# 2./3. All captures in one file, damaged.
mergecap -F pcap -w "$W/all.pcap" $(manifest | awk -v d="$CAPS" '{print d "/" $2}')
mutated=0
for rate in 0.001 0.01 0.05; do
    for seed in 1 2; do
        editcap -E "$rate" --seed "$seed" -o 54 "$W/all.pcap" "$W/e-$rate-$seed.pcap" 2>/dev/null
        mutated=$((mutated + n_caps))
    done
    python3 "$TLSI_SOURCE_DIR/tests/lib/mutcap.py" payload "$W/all.pcap" \
        "$W/p-$rate.pcap" "$rate" 7 >/dev/null
    mutated=$((mutated + n_caps))
done
for snap in 60 90 150 400 1000; do
    editcap -s "$snap" "$W/all.pcap" "$W/s-$snap.pcap"
    mutated=$((mutated + n_caps))
done
chmod a+r "$W"/*.pcap
for f in "$W"/e-*.pcap "$W"/p-*.pcap "$W"/s-*.pcap; do
    san_run "$(basename "$f" .pcap) -2 -V" "$f" -2 -V
done
for f in "$W"/e-0.01-1.pcap "$W"/p-0.01.pcap "$W"/s-150.pcap; do
    san_run "$(basename "$f" .pcap) -V" "$f" -V
done
echo "damaged captures: $mutated (editcap -E, payload flips, editcap -s), $runs runs" \
    "($(($(date +%s) - start)) s)"

# 4. A TLS 1.2 and a TLS 1.3 connection cut at every byte of the handshake.
copies=0
for name in tls12-ecdhe-rsa-aes128gcm tls13-aes128gcm; do
    read -r _ file port _ _ < <(manifest | awk -v n="$name" '$1 == n')
    [ -n "${port:-}" ] || fail "capture $name is not in the manifest"
    editcap -F pcap "$CAPS/$file" "$W/$name.pcap"
    n=$(python3 "$TLSI_SOURCE_DIR/tests/lib/mutcap.py" cuts "$W/$name.pcap" "$W/cut-$name.pcap" \
        "$port")
    [ "$n" -gt 1000 ] || fail "$name: only $n handshake bytes to cut at"
    copies=$((copies + n))
    chmod a+r "$W/cut-$name.pcap"
    san_run "$name cut at each of $n bytes, -2 -V" "$W/cut-$name.pcap" -2 -V
    san_run "$name cut at each of $n bytes, -V" "$W/cut-$name.pcap" -V
done
echo "handshakes cut at every byte: $copies connection copies"

echo "sanitize: $runs tshark runs over $n_caps captures, $mutated damaged captures and" \
    "$copies cut connections in $(($(date +%s) - start)) s; $failures failed"
[ "$failures" = 0 ] || fail "$failures sanitizer runs failed"
