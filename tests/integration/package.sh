#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian package: cpack (with the build's CPackConfig.cmake) makes a .deb
# that installs tlsi.so in Wireshark's system plugin folder and depends on
# the packages that own the libraries it links. Extracted into a temporary
# root, tshark (as an unprivileged user, with WIRESHARK_PLUGIN_DIR pointing
# into that root) must load the plugin from there and decrypt with it.
source "$(dirname "$0")/../lib/env.sh"
: "${TLSI_BUILD_DIR:?run through ctest (TLSI_BUILD_DIR unset)}"

command -v cpack >/dev/null || fail "cpack not found"
command -v dpkg-deb >/dev/null || fail "dpkg-deb not found"

cpack --config "$TLSI_BUILD_DIR/CPackConfig.cmake" -G DEB -B "$TLSI_TMP/pkg" >"$TLSI_TMP/cpack.log" 2>&1 \
    || { cat "$TLSI_TMP/cpack.log" >&2; fail "cpack failed"; }
debs=("$TLSI_TMP"/pkg/*.deb)
[ "${#debs[@]}" -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one .deb, got: ${debs[*]}"
deb=${debs[0]}

# The files: only the plugin, in the system plugin folder.
plugindir=$(pkg-config --variable=plugindir wireshark)
[ -n "$plugindir" ] || fail "pkg-config does not name Wireshark's plugin folder"
files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $NF }')
[ "$files" = "./${plugindir#/}/epan/tlsi.so" ] || fail "unexpected package contents: $files"

# Depends: the package owning each library tlsi.so links to (except libc's).
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libwireshark libgcrypt libgnutls libglib-2.0; do
    path=$(ldd "$TLSI_BUILD_DIR/plugins/$TLSI_WS_MAJMIN/epan/tlsi.so" | awk -v l="$lib.so" 'index($1, l) == 1 { print $3 }')
    [ -n "$path" ] || fail "tlsi.so does not link $lib"
    owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1)
    [ -n "$owner" ] || owner=$(dpkg -S "$path" | head -1 | cut -d: -f1)
    echo "$depends" | grep -Eq "(^|, )$owner( |,|$)" || fail "Depends lacks $owner (for $lib): $depends"
done
# A plugin loads only into the Wireshark release series it was built for.
wspkg=$(dpkg -S "$(readlink -f "$(ldd "$TLSI_BUILD_DIR/plugins/$TLSI_WS_MAJMIN/epan/tlsi.so" | awk 'index($1, "libwireshark.so") == 1 { print $3 }')")" | head -1 | cut -d: -f1)
echo "$depends" | grep -q "$wspkg (<< " || fail "Depends does not bound $wspkg from above: $depends"

# Extract and load it from there.
root="$TLSI_TMP/root"
dpkg-deb -x "$deb" "$root"
chmod -R a+rX "$root"
so="$root$plugindir/epan/tlsi.so"
[ -f "$so" ] || fail "tlsi.so not at $so"
export TLSI_TSHARK_ENV="WIRESHARK_PLUGIN_DIR=$(dirname "$root$plugindir")"
tshark_tlsi -G plugins >"$TLSI_TMP/plugins.txt" 2>"$TLSI_TMP/err"
grep -q "^tlsi\.so[[:space:]].*[[:space:]]$so\$" "$TLSI_TMP/plugins.txt" || {
    grep -i tlsi "$TLSI_TMP/plugins.txt" >&2
    cat "$TLSI_TMP/err" >&2
    fail "tshark did not load tlsi.so from the extracted package"
}
read -r name file port keylog rsa < <(manifest | awk '$1 == "tls13-aes128gcm"')
n=$(tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
    -o "tlsi.keylog_file:$CAPS/$keylog" -Y tlsi.app_data 2>>"$TLSI_TMP/err" | wc -l)
[ "$n" -ge 2 ] || { cat "$TLSI_TMP/err" >&2; fail "the packaged plugin decrypted $n frames of $name"; }
echo "package: $(basename "$deb") installs $plugindir/epan/tlsi.so; Depends: $depends; loads and decrypts"
