# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced (after env.sh) by the decryption tests: one tshark run of tlsi or of
# the built-in TLS dissector, reduced to the plaintext per TCP stream and
# direction (tests/lib/plaintext.py) and, for tlsi, the decryption fields
# (tests/lib/diag.py reads the same output).

PLAINTEXT="python3 $TLSI_SOURCE_DIR/tests/lib/plaintext.py"
DIAG="python3 $TLSI_SOURCE_DIR/tests/lib/diag.py"

# Columns of a tlsi run: plaintext.py reads the first six, diag.py all.
TLSI_FIELDS=(-e tcp.stream -e tcp.srcport -e http.request -e http.response -e tlsi.app_data
    -e tlsi.decryption.key_source -e frame.number -e tlsi.decryption.decrypted
    -e tlsi.decryption.failed -e tlsi.decryption.reason -e frame.protocols)

# tlsi_run FILE PORT OUT PREF...: tlsi over $CAPS/FILE (built-in TLS disabled)
# with the given -o options. Writes OUT.out (fields), OUT.json (plaintext and
# HTTP counts) and OUT.err (tshark's stderr).
tlsi_run() {
    local file=$1 port=$2 out=$3
    shift 3
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
        -o http.desegment_body:FALSE "$@" \
        -T fields -E occurrence=a -E aggregator=$'\x1f' "${TLSI_FIELDS[@]}" \
        2>"$out.err" >"$out.out" || { cat "$out.err" >&2; fail "tshark (tlsi) failed on $file"; }
    $PLAINTEXT tlsi "$port" <"$out.out" >"$out.json"
}

# builtin_run FILE PORT STREAMS.json OUT PREF...: the built-in dissector (tlsi
# disabled), -z follow,tls,raw on every stream listed in STREAMS.json (a
# tlsi_run result), plus HTTP counts. Writes OUT.json and OUT.err.
builtin_run() {
    local file=$1 port=$2 streams=$3 out=$4
    shift 4
    local -a follow=()
    local s
    for s in $(python3 -c 'import json,sys; print(*json.load(open(sys.argv[1]))["streams"])' \
        "$streams"); do
        follow+=(-z "follow,tls,raw,$s")
    done
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi \
        -o http.desegment_body:FALSE "$@" \
        -T fields -e tcp.stream -e http.request -e http.response "${follow[@]}" \
        2>"$out.err" >"$out.out" || { cat "$out.err" >&2; fail "tshark (built-in) failed on $file"; }
    $PLAINTEXT builtin "$port" <"$out.out" >"$out.json"
}

# no_trouble OUT WHAT: fail if tshark complained on stderr (OUT.err).
no_trouble() {
    if grep -qi "error\|critical\|segmentation\|warning\|not loaded" "$1.err"; then
        cat "$1.err" >&2
        fail "$2: tshark reported problems"
    fi
}

# Manifest line of one capture: "name file port keylog rsa_key".
manifest_entry() {
    manifest | awk -v n="$1" '$1 == n' | grep . || fail "capture $1 is not in the manifest"
}
