# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by scripts/demo and scripts/test: installs what is missing on a
# Debian 12 or 13 machine (the package names are the same) and builds tlsi
# into build/. Safe to run again. debootstrap and zstd are for scripts/trixie.
set -euo pipefail

TLSI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TLSI_BUILD=${TLSI_BUILD:-$TLSI_ROOT/build}

# Build and test dependencies, all from Debian's own packages.
TLSI_PACKAGES=(tshark libwireshark-dev libwiretap-dev libglib2.0-dev libgcrypt20-dev
    libgnutls28-dev zlib1g-dev cmake make gcc pkg-config python3 util-linux
    python3-cryptography openssl tcpflow dpkg-dev file debootstrap zstd parallel)

# What the test suite uses besides (scripts/test installs these before ctest
# starts, so no test installs packages while others run): packaging checks
# (file, dpkg-dev), diagnostics (openssl), the fuzzers (clang and its
# libFuzzer runtime) and the GUI test (Wireshark's Qt GUI under Xvfb, read
# back with OCR).
TLSI_TEST_PACKAGES=(file dpkg-dev openssl clang libclang-rt-14-dev
    wireshark-qt xvfb xauth imagemagick x11-utils xdotool tesseract-ocr tesseract-ocr-eng)

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "tlsi: need root (or sudo) to run: $*" >&2
        return 1
    fi
}

install_missing() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "tlsi: installing ${missing[*]}"
    # A fresh machine may have empty package lists and no terminal: tshark's
    # package asks whether non-root users may capture, so answer nothing.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
}

build_tlsi() {
    cmake -S "$TLSI_ROOT" -B "$TLSI_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$TLSI_BUILD" -j"$(nproc)"
}

# Where Wireshark looks for this user's plugins: as root only the system
# folder is read; otherwise the personal folder.
plugin_install_dir() {
    local majmin
    majmin=$(pkg-config --modversion wireshark | cut -d. -f1,2)
    if [ "$(id -u)" = 0 ]; then
        echo "$(pkg-config --variable=plugindir wireshark)/epan"
    else
        echo "$HOME/.local/lib/wireshark/plugins/$majmin/epan"
    fi
}

install_missing "${TLSI_PACKAGES[@]}"
