#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# GUI test: Tools > TLSI > Export Session Keys in Wireshark (Qt).
#
# Wireshark is started (as user nobody when run as root, on a private Xvfb
# display, with the fresh tlsi.so) on tls12-resume-ticket (two connections,
# the second resumed) with its key log; then, driving it with xdotool and
# reading the screen with tesseract:
#
#  1. the Tools menu lists "TLSI", whose submenu lists "Export Session Keys";
#  2. choosing it writes CAPTURE.tlsi-keys (here in Wireshark's home folder:
#     nobody cannot write next to the capture) holding the same key log lines
#     as tshark's "-z tlsi,keys" on the same capture (which export_keys.sh
#     checks against the captures' own key logs), and a message box says so.
#
# Screenshots and OCR output go to $TLSI_BUILD_DIR/gui-screenshots/menu/.
# Skipped (77) where it cannot run, as the other GUI tests.
source "$(dirname "$0")/../lib/env.sh"
source "$(dirname "$0")/../lib/xvfb.sh"

gui_need_ocr_tools

read -r _ FILE PORT KEYLOG _ < <(manifest | awk '$1 == "tls12-resume-ticket"') || true
[ -n "${FILE:-}" ] || fail "tls12-resume-ticket not in test-captures/manifest.tsv"
ARGS=(-r "$CAPS/$FILE" -d "tcp.port==$PORT,tlsi" --disable-protocol tls
    -o "tlsi.keylog_file:$CAPS/$KEYLOG")

tshark_tlsi "${ARGS[@]}" -q -z tlsi,keys | sort >"$TLSI_TMP/want.keys"
[ "$(wc -l <"$TLSI_TMP/want.keys")" -ge 2 ] || fail "tshark -z tlsi,keys gave no keys"

SHOTS="$TLSI_BUILD_DIR/gui-screenshots/menu"
rm -rf "$SHOTS"
mkdir -p "$SHOTS"
SCREEN_W=1400 SCREEN_H=900
WSHOME="$TLSI_TMP/wshome"
gui_profile "$SCREEN_W" "$SCREEN_H"
gui_user
start_xvfb "$SCREEN_W" "$SCREEN_H" "$TLSI_TMP/xvfb.log"
"${AS_USER[@]}" env HOME="$WSHOME" XDG_RUNTIME_DIR="$TLSI_TMP/xdg" NO_AT_BRIDGE=1 \
    DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" WIRESHARK_PLUGIN_DIR="$TLSI_TMP/plugins" \
    wireshark "${ARGS[@]}" >"$SHOTS/wireshark.log" 2>&1 &
WS_PID=$!

WIN=""
for _ in $(seq 120); do
    kill -0 "$WS_PID" 2>/dev/null || fail "Wireshark exited (log: $SHOTS/wireshark.log)"
    WIN=$(xdotool search --onlyvisible --name "$FILE" 2>/dev/null | head -n 1 || true)
    [ -n "$WIN" ] && break
    sleep 0.25
done
[ -n "$WIN" ] || { shot menu-0-timeout; fail "no Wireshark window within 30 s"; }
sleep 2 # the packet list is filled after the window appears

# click_item SHOT REGEX X Y W H [read]: OCR a region of the screen and click
# the first word matching REGEX (with "read": only check it is there).
click_item() {
    local name=$1 re=$2 pos
    shot "$name"
    ocr "$name" "$name" "$3" "$4" "$5" "$6"
    pos=$(find_word "$name" "$re")
    [ -n "$pos" ] || fail "no \"$re\" read in $SHOTS/$name.png"
    # shellcheck disable=SC2086
    [ "${7:-}" = read ] || xdotool mousemove $pos click 1
    sleep 1
}

click_item menu-1-main '^Tools$' 0 0 900 30
click_item menu-2-tools '^TLSI$' 0 20 900 500 read
echo "ok   Tools lists TLSI"
# Pointing does not open a submenu without a window manager's pointer
# events; TLSI is the last entry of Tools: Up selects it, Right opens it.
xdotool key Up Right
sleep 1
# The submenu opens with its entry highlighted (white on blue), which ocr's
# brightest-channel reduction blanks: read the darkest channel, inverted.
shot menu-3-tlsi
convert "$SHOTS/menu-3-tlsi.png" -crop 1400x300+0+20 +repage -separate \
    -evaluate-sequence min -negate -resize 200% "$TLSI_TMP/menu-3-sub.png"
OMP_THREAD_LIMIT=1 tesseract "$TLSI_TMP/menu-3-sub.png" "$SHOTS/menu-3-sub" --psm 6 \
    >/dev/null 2>&1 || fail "tesseract failed on menu-3-sub"
grep -q "Export Session Keys" "$SHOTS/menu-3-sub.txt" ||
    fail "Tools > TLSI does not read \"Export Session Keys\" ($SHOTS/menu-3-tlsi.png)"
echo "ok   Tools > TLSI lists Export Session Keys"
xdotool key Return

OUTFILE="$WSHOME/$FILE.tlsi-keys"
for _ in $(seq 40); do
    [ -s "$OUTFILE" ] && break
    sleep 0.25
done
[ -s "$OUTFILE" ] || shot menu-4-after
[ -s "$OUTFILE" ] || fail "no $OUTFILE after Export Session Keys ($SHOTS/menu-4-after.png)"
sort "$OUTFILE" >"$TLSI_TMP/got.keys"
diff "$TLSI_TMP/want.keys" "$TLSI_TMP/got.keys" ||
    fail "the GUI's key export differs from tshark -z tlsi,keys"
echo "ok   $(wc -l <"$TLSI_TMP/got.keys") key log lines, as tshark -z tlsi,keys gives them"
# The message box comes just after the file is written: look a few times.
said=""
for _ in 1 2 3 4 5 6 7 8; do
    sleep 1
    shot menu-4-after
    ocr menu-4-message menu-4-after 0 0 "$SCREEN_W" "$SCREEN_H"
    grep -qi "key log lines" "$SHOTS/menu-4-message.txt" && { said=1; break; }
done
[ -n "$said" ] || fail "no message box saying where the keys went ($SHOTS/menu-4-after.png)"
echo "ok   a message box names the file"
echo "gui_menu: Tools > TLSI > Export Session Keys writes the capture's key log"
