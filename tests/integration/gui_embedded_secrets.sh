#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# GUI test: keys embedded in a capture follow the file in Wireshark (Qt).
#
# Wireshark is started (as user nobody when run as root, on a private Xvfb
# display, with the fresh tlsi.so and --log-level info) on a capture made with
# `editcap --inject-secrets`; then File > Open (Ctrl+O, the file name typed
# into the dialog) opens the same capture without its secrets block, then the
# one with it again. tlsi's init routine logs, each time a file is opened,
# what it found in the capture files open in the process:
#
#  1. after the first open: one pcapng file, one TLS secrets block, entries;
#  2. after opening the file without secrets: one pcapng file (the old one is
#     closed), no secrets block, 0 entries: no keys of the old file are kept;
#  3. after opening the first file again: its entries are back.
#
# That the entries decrypt, with "embedded secrets (pcapng DSB)" as the key
# source, is checked in tshark by embedded_secrets.sh (same code path: the
# init routine runs once the file is open in both programs).
# Skipped (exit 77, ctest's skip code) when Wireshark, Xvfb, xauth, mcookie or
# xdotool is missing where it cannot be installed; where it could (root with
# apt-get: scripts/test installs them), not running is a failure.
source "$(dirname "$0")/../lib/env.sh"
source "$(dirname "$0")/../lib/xvfb.sh"

for t in wireshark Xvfb xauth mcookie xdotool xwininfo setpriv editcap; do
    command -v "$t" >/dev/null 2>&1 || skip "missing $t (see gui.sh for the packages)"
done

read -r _ FILE _ KEYLOG _ < <(manifest | awk '$1 == "tls12-ecdhe-rsa-aes128gcm"') || true
[ -n "${FILE:-}" ] || fail "tls12-ecdhe-rsa-aes128gcm not in test-captures/manifest.tsv"
A="$CAPS/with-secrets.pcapng" B="$CAPS/without-secrets.pcapng"
editcap --inject-secrets "tls,$CAPS/$KEYLOG" "$CAPS/$FILE" "$A"
cp "$CAPS/$FILE" "$B"
chmod a+r "$A" "$B"

WSHOME="$TLSI_TMP/wshome"
gui_profile 1000 700
gui_user

start_xvfb 1000 700 "$TLSI_TMP/xvfb.log"

LOG="$TLSI_TMP/wireshark.log"
"${AS_USER[@]}" env HOME="$WSHOME" XDG_RUNTIME_DIR="$TLSI_TMP/xdg" NO_AT_BRIDGE=1 \
    DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" WIRESHARK_PLUGIN_DIR="$TLSI_TMP/plugins" \
    wireshark --log-level info -r "$A" >"$LOG" 2>&1 &
WS_PID=$!

# wait_for N TITLE: until the log has N tlsi scan lines and a window is
# titled TITLE (90 s at most).
wait_for() {
    for _ in $(seq 360); do
        kill -0 "$WS_PID" 2>/dev/null || { tail -n 5 "$LOG" >&2; fail "Wireshark exited"; }
        if [ "$(grep -ac 'tlsi: capture file secrets' "$LOG")" -ge "$1" ] &&
            xdotool search --onlyvisible --name "^$2" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.25
    done
    tail -n 5 "$LOG" >&2
    fail "no window \"$2\" with $1 tlsi scan(s) logged within 90 s"
}
# open_file PATH: File > Open, type the path into the dialog, Enter.
open_file() {
    local win dlg geo
    win=$(xdotool search --onlyvisible --name "pcapng" | head -n 1)
    xdotool mousemove --window "$win" 300 300 click 1
    xdotool key ctrl+o
    for _ in $(seq 120); do
        dlg=$(xdotool search --onlyvisible --name "Open Capture File" 2>/dev/null | head -n 1 || true)
        [ -n "$dlg" ] && break
        sleep 0.25
    done
    [ -n "$dlg" ] || fail "the Open dialog did not appear"
    sleep 1
    # No window manager: focus the dialog by clicking its file name field
    # (the dialog's lower third, left of the buttons).
    geo=$(xwininfo -id "$dlg" | awk '/Width:/ { w = $2 } /Height:/ { h = $2 } END { print w, h }')
    read -r w h <<<"$geo"
    xdotool mousemove --window "$dlg" $((w / 2)) $((h * 268 / 440)) click 1
    xdotool key ctrl+a
    xdotool type --delay 20 "$1"
    xdotool key Return
}
scan() { grep -a 'tlsi: capture file secrets' "$LOG" | sed -n "${1}p" | sed 's/.*tlsi: //'; }

wait_for 1 with-secrets
echo "opened A: $(scan 1)"
case $(scan 1) in *"1 pcapng file(s) open, 1 TLS secrets block(s), 1 key log entries"*) ;;
*) fail "first file: its secrets block was not read" ;; esac

open_file "$B"
wait_for 2 without-secrets
echo "opened B: $(scan 2)"
case $(scan 2) in *"1 pcapng file(s) open, 0 TLS secrets block(s), 0 key log entries"*) ;;
*) fail "second file: keys of the first file kept, or the wrong file read" ;; esac

open_file "$A"
wait_for 3 with-secrets
echo "opened A again: $(scan 3)"
case $(scan 3) in *"1 TLS secrets block(s), 1 key log entries"*) ;;
*) fail "first file again: its secrets were not read again" ;; esac
echo "gui_embedded_secrets: the embedded keys follow the file opened in Wireshark"
