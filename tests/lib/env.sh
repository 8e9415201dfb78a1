# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the integration tests: runs tshark the way the tests need it.
#
# Wireshark 4.0 run as root loads plugins only from the system folder, so the
# tests run tshark as an unprivileged user with WIRESHARK_PLUGIN_DIR pointing
# at a copy of the plugin that was just built. The copy and the captures sit
# in a world-readable temporary folder because the checkout itself may be in
# a folder that user cannot enter.
set -euo pipefail

: "${TLSI_SOURCE_DIR:?run through ctest (TLSI_SOURCE_DIR unset)}"
: "${TLSI_PLUGIN_DIR:?run through ctest (TLSI_PLUGIN_DIR unset)}"

TLSI_WS_MAJMIN=$(pkg-config --modversion wireshark | cut -d. -f1,2)
TLSI_TMP=$(mktemp -d /tmp/tlsi-test.XXXXXX)
trap 'rm -rf "$TLSI_TMP"' EXIT
mkdir -p "$TLSI_TMP/plugins/$TLSI_WS_MAJMIN/epan" "$TLSI_TMP/home"
cp "$TLSI_PLUGIN_DIR/$TLSI_WS_MAJMIN/epan/tlsi.so" "$TLSI_TMP/plugins/$TLSI_WS_MAJMIN/epan/"
cp -r "$TLSI_SOURCE_DIR/test-captures" "$TLSI_TMP/captures"
chmod -R a+rX "$TLSI_TMP"
chmod a+rwx "$TLSI_TMP/home"
CAPS="$TLSI_TMP/captures"

# The tests run python3 hundreds of times. Where python3 is a version
# manager's shim (pyenv: a chain of shell scripts, about 0.5 s of CPU per
# call, more than a tshark run), the interpreter it leads to is put first in
# PATH for this test, so every call runs it directly. Not for a virtual
# environment, whose interpreter must be called by its own path.
tlsi_py=$(python3 -c 'import sys; print(sys.executable if sys.prefix == sys.base_prefix else "")')
if [ -n "$tlsi_py" ] && [ "$(command -v python3)" != "$tlsi_py" ]; then
    mkdir -p "$TLSI_TMP/bin"
    ln -s "$tlsi_py" "$TLSI_TMP/bin/python3"
    PATH="$TLSI_TMP/bin:$PATH"
fi

# tshark as nobody with the fresh plugin (and any extra environment given
# first). While tlsi is enabled, a dissector bug that Wireshark would catch
# and show as a malformed packet aborts tshark instead, and so does a GLib
# critical, so that no test passes over one. Runs of the built-in oracle
# (--disable-protocol tlsi) are not held to that: the built-in trips its own
# DISSECTOR_ASSERTs on some captures (the layer limit in dense segments).
tshark_tlsi() {
    local a prev= TLSI_TSHARK_STRICT="WIRESHARK_ABORT_ON_DISSECTOR_BUG=1 G_DEBUG=fatal-criticals"
    for a in "$@"; do
        if [ "$prev $a" = "--disable-protocol tlsi" ] || [ "$a" = --disable-protocol=tlsi ]; then
            TLSI_TSHARK_STRICT=
        fi
        prev=$a
    done
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups \
            env HOME="$TLSI_TMP/home" WIRESHARK_PLUGIN_DIR="$TLSI_TMP/plugins" \
            $TLSI_TSHARK_STRICT ${TLSI_TSHARK_ENV:-} tshark "$@"
    else
        env HOME="$TLSI_TMP/home" WIRESHARK_PLUGIN_DIR="$TLSI_TMP/plugins" \
            $TLSI_TSHARK_STRICT ${TLSI_TSHARK_ENV:-} tshark "$@"
    fi
}

# Captures listed in the manifest: "name file port keylog rsa_key" per line.
manifest() {
    tail -n +2 "$CAPS/manifest.tsv" | awk -F'\t' 'NF >= 5 { print $1, $2, $3, $4, $5 }'
}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# merge_manifest DIR: every manifest capture in one file, DIR/all.pcapng, with
# all their key logs in DIR/all.keylog; sets tlsi_ports and tls_ports to the
# -d options that give each capture's port to tlsi or to the built-in.
merge_manifest() {
    local dir=$1 name file port keylog rsa files=()
    tlsi_ports=() tls_ports=()
    : >"$dir/all.keylog"
    while read -r name file port keylog rsa; do
        files+=("$CAPS/$file")
        tlsi_ports+=(-d "tcp.port==$port,tlsi")
        tls_ports+=(-d "tcp.port==$port,tls")
        [ "$keylog" = "-" ] || cat "$CAPS/$keylog" >>"$dir/all.keylog"
    done < <(manifest)
    mergecap -a -w "$dir/all.pcapng" "${files[@]}"
    chmod a+r "$dir/all.pcapng" "$dir/all.keylog"
}
