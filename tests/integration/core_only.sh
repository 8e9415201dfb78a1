#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The core stands alone: with -DTLSI_CORE_ONLY=ON and pkg-config unable to
# see Wireshark or GLib (only libgcrypt, GnuTLS and zlib with what they
# require), the core and its unit tests configure, build with -Werror and
# pass.
source "$(dirname "$0")/../lib/env.sh"

PC=$TLSI_TMP/pc
mkdir -p "$PC"
for m in libgcrypt gnutls zlib nettle hogweed libtasn1 libidn2 p11-kit-1 gpg-error; do
    d=$(pkg-config --variable=pcfiledir "$m" 2>/dev/null) || continue
    cp "$d/$m.pc" "$PC/"
done
PKG_CONFIG_LIBDIR=$PC pkg-config --exists wireshark && fail "the reduced pkg-config path still sees Wireshark"
B=$TLSI_TMP/core
PKG_CONFIG_LIBDIR=$PC cmake -S "$TLSI_SOURCE_DIR" -B "$B" -DTLSI_CORE_ONLY=ON -DTLSI_WERROR=ON \
    >"$TLSI_TMP/cmake.log" 2>&1 || { cat "$TLSI_TMP/cmake.log" >&2; fail "configure without Wireshark failed"; }
cmake --build "$B" -j"$(nproc)" >"$TLSI_TMP/build.log" 2>&1 ||
    { tail -30 "$TLSI_TMP/build.log" >&2; fail "core build without Wireshark failed"; }
[ ! -e "$B/plugins" ] || fail "the core-only build made a plugin"
ctest --test-dir "$B" -L unit --output-on-failure || fail "unit tests of the core-only build fail"
echo "core_only: the core and its unit tests build and pass without Wireshark"
