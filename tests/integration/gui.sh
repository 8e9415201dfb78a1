#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# GUI test: the real Wireshark (Qt) with the plugin just built, under Xvfb.
#
# Wireshark is started as user nobody (when run as root; Wireshark 4.0 run as
# root loads plugins only from the system folder) on a private Xvfb display,
# with WIRESHARK_PLUGIN_DIR pointing at the fresh tlsi.so, on the bundled
# capture tls12-ecdhe-rsa-aes128gcm with its key log, Decode As
# tcp.port==25110 -> tlsi, the built-in TLS dissector disabled, and -g on the
# frame that carries the decrypted HTTP GET. Then, driving it with xdotool and
# reading the screen with tesseract (OCR; text read from crops of the
# packet-details and packet-bytes panes, scaled 2x):
#
#  1. the main window appears with the capture's name in its title, and
#     Wireshark is still running (it exits at once when "tlsi" is unknown to
#     Decode As, i.e. the plugin did not load);
#  2. the packet details show a top-level "TLS inspector (tlsi)" item; the
#     test clicks it (at the place OCR found it) and expands its subtrees
#     (View > Expand Subtrees, Shift+Right);
#  3. the expanded tree reads "TLS 1.2 Record Layer: Application Data
#     (decrypted: Application Data)", "decrypted and verified", "key log",
#     "Hypertext Transfer Protocol" (a top-level item after the tlsi item, as
#     the built-in lays it: below it at the same indent, from the OCR word
#     boxes) and, once expanded, "GET / HTTP/1.1";
#  4. clicking "Request Method: GET" switches the bytes pane to the "Decrypted
#     TLS" data source: the pane shows a "Decrypted TLS" tab and its ASCII
#     column reads "/ HTTP/1.1", "Host: localhost" and "User-Agent: tls"
#     (white space ignored; "GET" is highlighted as the selection). The
#     frame's own bytes are ciphertext, so this text can only come from a
#     decrypted data source.
#
# Screenshots of each step and the OCR text go to $TLSI_BUILD_DIR/gui-screenshots/
# (1-opened, 2-expanded, 3-decrypted .png, *.txt/*.tsv OCR output, the
# Wireshark log; on success also doc-window.png and doc-panes.png, the
# reduced copies kept in doc/screenshots/).
#
# Packages it needs, installed by scripts/test before ctest starts (see
# TLSI_TEST_PACKAGES in scripts/setup.sh). Where it cannot run (not root, or
# no apt-get to have installed them) it is skipped with ctest's skip code 77;
# on a machine where scripts/test could install them, a missing tool is a
# failure, not a skip:
GUI_PACKAGES=(wireshark-qt xvfb xauth imagemagick x11-utils xdotool tesseract-ocr tesseract-ocr-eng)
#
# For checking the checks by hand (negative controls; the test must FAIL):
#   TLSI_GUI_PLUGIN_DIR=DIR   load plugins from DIR instead of the fresh build
#                             (an empty DIR: Wireshark rejects "-d ...,tlsi"
#                             and exits, so check 1 fails);
#   TLSI_GUI_MODE=builtin-tls same capture and key log, but decoded by
#                             Wireshark's own TLS dissector (-o tls.keylog_file,
#                             -d ...,tls): HTTP is decrypted there too, and
#                             only the window, "Hypertext Transfer Protocol"
#                             and "Decrypted TLS" checks pass; every
#                             tlsi-specific one fails.
source "$(dirname "$0")/../lib/env.sh"
source "$(dirname "$0")/../lib/xvfb.sh"


# --- tools ---------------------------------------------------------------
gui_tools_missing() {
    local t absent=()
    for t in wireshark Xvfb xauth mcookie import convert xwininfo xdotool tesseract setpriv; do
        command -v "$t" >/dev/null 2>&1 || absent+=("$t")
    done
    if command -v tesseract >/dev/null 2>&1 && ! tesseract --list-langs 2>/dev/null | grep -qx eng; then
        absent+=("tesseract:eng")
    fi
    echo "${absent[*]:-}"
}

missing=$(gui_tools_missing)
if [ -n "$missing" ]; then
    skip "missing $missing; scripts/test as root installs: ${GUI_PACKAGES[*]}"
fi

# --- setup ---------------------------------------------------------------
SHOTS="$TLSI_BUILD_DIR/gui-screenshots"
mkdir -p "$SHOTS"
rm -f "$SHOTS"/*.png "$SHOTS"/*.txt "$SHOTS"/*.log
echo "screenshots: $SHOTS/"

read -r NAME FILE PORT KEYLOG _ < <(manifest | awk '$1 == "tls12-ecdhe-rsa-aes128gcm"') || true
[ -n "${FILE:-}" ] || fail "tls12-ecdhe-rsa-aes128gcm not in test-captures/manifest.tsv"
FRAME=10   # GET / HTTP/1.1 (client's first application data record)
PCAP="$CAPS/$FILE"
MODE=${TLSI_GUI_MODE:-tlsi}
case "$MODE" in
    tlsi) DISSECT_ARGS=(-o "tlsi.keylog_file:$CAPS/$KEYLOG" -d "tcp.port==$PORT,tlsi" --disable-protocol tls) ;;
    builtin-tls) DISSECT_ARGS=(-o "tls.keylog_file:$CAPS/$KEYLOG" -d "tcp.port==$PORT,tls") ;;
    *) fail "unknown TLSI_GUI_MODE=$MODE" ;;
esac
PLUGINS=${TLSI_GUI_PLUGIN_DIR:-$TLSI_TMP/plugins}
[ "$MODE" = tlsi ] && [ -z "${TLSI_GUI_PLUGIN_DIR:-}" ] || echo "NOTE: negative-control settings: mode=$MODE plugins=$PLUGINS"

# Screen and window geometry are fixed so the panes land where the crops
# below look: 1400x1000 screen, main window at 0,0 filling it, layout 2
# (packet list on top, details left, bytes right), list 260 px high, details
# 760 px wide. The geometry comes from Wireshark's "recent" files in a fresh
# profile (Xvfb has no window manager to maximise the window).
SCREEN_W=1400 SCREEN_H=1000
WSHOME="$TLSI_TMP/wshome"
gui_profile "$SCREEN_W" "$SCREEN_H"
cat >"$WSHOME/.config/wireshark/recent" <<EOF
gui.geometry_main_upper_pane: 260
gui.geometry_main_lower_pane: 760
gui.zoom_level: 0
gui.packet_list_show: TRUE
gui.tree_view_show: TRUE
gui.byte_view_show: TRUE
gui.statusbar_show: TRUE
EOF
gui_user

# --- X server: Xvfb on a free display (-displayfd), with a cookie ----------
start_xvfb "$SCREEN_W" "$SCREEN_H" "$SHOTS/xvfb.log"
echo "Xvfb on $DISPLAY"

# --- Wireshark -------------------------------------------------------------
t0=$(date +%s)
"${AS_USER[@]}" env HOME="$WSHOME" XDG_RUNTIME_DIR="$TLSI_TMP/xdg" NO_AT_BRIDGE=1 \
    DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" WIRESHARK_PLUGIN_DIR="$PLUGINS" \
    wireshark -r "$PCAP" "${DISSECT_ARGS[@]}" -g "$FRAME" \
    -o gui.layout_type:2 -o gui.layout_content_1:PLIST \
    -o gui.layout_content_2:PDETAILS -o gui.layout_content_3:PBYTES \
    >"$SHOTS/wireshark.log" 2>&1 &
WS_PID=$!

# Regions (screen coordinates) for the layout fixed above.
DETAILS=(0 330 760 650)     # packet details pane
BYTES=(760 330 640 660)     # packet bytes pane with its data-source tabs

# 1. The main window, titled with the capture's name.
WIN=""
for _ in $(seq 180); do
    if ! kill -0 "$WS_PID" 2>/dev/null; then
        wait "$WS_PID" && rc=0 || rc=$?
        head -n 3 "$SHOTS/wireshark.log" >&2
        fail "Wireshark exited (status $rc) before its window appeared (log: $SHOTS/wireshark.log)"
    fi
    WIN=$(xdotool search --onlyvisible --name "$FILE" 2>/dev/null | head -n 1 || true)
    [ -n "$WIN" ] && break
    sleep 0.25
done
[ -n "$WIN" ] || { shot 0-timeout; fail "no Wireshark window titled $FILE within 45 s"; }
echo "ok   window up after $(($(date +%s) - t0)) s: \"$(xdotool getwindowname "$WIN")\""

failures=0
check_text() { # check_text DESCRIPTION OCR-NAME REGEX
    if grep -Eq -- "$3" "$SHOTS/$2.txt"; then
        echo "ok   $1"
    else
        echo "FAIL $1: /$3/ not read in $SHOTS/$2.png ($2.txt)" >&2
        failures=$((failures + 1))
    fi
}

check_text_nows() { # check_text_nows DESCRIPTION OCR-NAME REGEX (white space removed)
    if tr -d ' \t' <"$SHOTS/$2.txt" | grep -Eq -- "$3"; then
        echo "ok   $1"
    else
        echo "FAIL $1: /$3/ not read in $SHOTS/$2.png ($2.txt, white space removed)" >&2
        failures=$((failures + 1))
    fi
}

# 2. Find the "TLS inspector (tlsi)" item once the frame is shown (the file
#    loads and -g selects the frame just after the window appears), click it
#    and expand its subtrees.
pos=""
for _ in 1 2 3 4 5; do
    sleep 1
    shot 1-opened
    ocr 1-details 1-opened "${DETAILS[@]}"
    pos=$(find_word 1-details '^inspector$')
    [ -n "$pos" ] && break
done
check_text "packet details show the \"TLS inspector (tlsi)\" item" 1-details 'TLS inspector \(tlsi\)'
if [ -n "$pos" ]; then
    # shellcheck disable=SC2086
    xdotool mousemove $pos click 1
    sleep 0.3
    xdotool key shift+Right
    sleep 0.5
else
    echo "FAIL no \"inspector\" word to click in the packet details; tree left collapsed" >&2
    failures=$((failures + 1))
fi
xdotool mousemove $((SCREEN_W - 1)) $((SCREEN_H - 1))
sleep 0.3
shot 2-expanded
ocr 2-details 2-expanded "${DETAILS[@]}"

# 3. The expanded tlsi subtree: decrypted record, key source; HTTP after it.
check_text "tlsi record subtree: decrypted application data" 2-details \
    'TLS 1\.2 Record Layer: Application Data \(decrypted: Application Data\)'
check_text "tlsi decryption status: decrypted and verified" 2-details 'decrypted and verified'
check_text "tlsi key source: key log" 2-details '[Kk]ey [Ss]ource: key log'
check_text "HTTP dissected" 2-details 'Hypertext Transfer Protocol'
# HTTP is a top-level item, as the built-in lays it: expand it too.
pos=$(find_word 2-details '^Hypertext$')
if [ -n "$pos" ]; then
    # shellcheck disable=SC2086
    xdotool mousemove $pos click 1
    sleep 0.3
    xdotool key shift+Right
    sleep 0.5
fi
xdotool mousemove $((SCREEN_W - 1)) $((SCREEN_H - 1))
sleep 0.3
shot 2-http
ocr 2-http-details 2-http "${DETAILS[@]}"
check_text "HTTP request line" 2-http-details 'GET / HTTP/1\.1'

# 4. Select "Request Method: GET": its bytes are in the "Decrypted TLS" source.
pos=$(find_word 2-http-details '^Method:?$')
if [ -n "$pos" ]; then
    # shellcheck disable=SC2086
    xdotool mousemove $pos click 1
else
    echo "FAIL no \"Request Method\" field to click in the packet details" >&2
    failures=$((failures + 1))
fi
xdotool mousemove $((SCREEN_W - 1)) $((SCREEN_H - 1))
sleep 0.7
shot 3-decrypted
ocr 3-details 3-decrypted "${DETAILS[@]}"
ocr 3-bytes 3-decrypted "${BYTES[@]}"
check_text "packet details still show TLS inspector (tlsi)" 3-details 'TLS inspector \(tlsi\)'
# HTTP sits at the top level after the tlsi item, as the built-in TLS
# dissector lays it: below it and indented the same (within a few pixels).
if awk -F'\t' '$1 == 5 {
        if ($12 == "inspector") { ix = prev; iy = $8 }
        if ($12 == "Hypertext" && hx == "") { hx = $7; hy = $8 }
        prev = $7
    }
    END { d = hx - ix; exit !(ix != "" && hx != "" && hy > iy && d < 12 && d > -12) }' "$SHOTS/3-details.tsv"; then
    echo "ok   \"Hypertext Transfer Protocol\" is a top-level item after \"TLS inspector (tlsi)\""
else
    echo "FAIL \"Hypertext Transfer Protocol\" not found at the top level after \"TLS inspector (tlsi)\" ($SHOTS/3-details.tsv)" >&2
    failures=$((failures + 1))
fi
check_text "bytes pane has the \"Decrypted TLS\" data source tab" 3-bytes 'Decrypted TLS'
# The ASCII column has a gap after 8 bytes and "GET" is highlighted (the
# selected field), so these are matched with white space removed.
check_text_nows "decrypted bytes (ASCII column): / HTTP/1.1" 3-bytes '/HTTP/1\.1'
check_text_nows "decrypted bytes (ASCII column): Host: localhost" 3-bytes 'Host:localhost'
check_text_nows "decrypted bytes (ASCII column): User-Agent: tlsi-test" 3-bytes 'User-Agent:tls'

kill -0 "$WS_PID" 2>/dev/null || fail "Wireshark died during the test (log: $SHOTS/wireshark.log)"
echo "screenshots and OCR text: $SHOTS/ (1-opened, 2-expanded, 3-decrypted)"
echo "elapsed: $(($(date +%s) - t0)) s"
if [ "$failures" -gt 0 ]; then
    fail "$failures GUI check(s) failed (mode=$MODE, plugins=$PLUGINS)"
fi
# Smaller copies for the documentation (doc/screenshots/): the whole window,
# and the details and bytes panes with the data-source tabs.
convert "$SHOTS/3-decrypted.png" -strip -colors 128 "PNG8:$SHOTS/doc-window.png"
convert "$SHOTS/3-decrypted.png" -crop 1400x630+0+352 +repage -strip -colors 128 "PNG8:$SHOTS/doc-panes.png"
echo "PASS: Wireshark GUI shows tlsi decrypting $NAME (frame $FRAME)"
