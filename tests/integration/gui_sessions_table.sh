#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# GUI test: the session report as a Statistics table in Wireshark (Qt).
#
# Wireshark is started (as user nobody when run as root, on a private Xvfb
# display, with the fresh tlsi.so) on tls12-resume-ticket (two connections)
# with its key log and "-z tlsi,sessions_table", then:
#
#  1. a window "TLSI Sessions" opens (the table's -z name works in the GUI);
#  2. its rows read (OCR) each connection's first_time and client_port as
#     tshark's "-z tlsi,sessions_table" prints them for the same capture
#     (tshark's table is checked against the report and the built-in TLS
#     dissector by sessions_table.sh);
#  3. the Statistics menu of the main window lists "TLSI Sessions", and
#     choosing it opens a second "TLSI Sessions" window.
#
# Screenshots and OCR output go to $TLSI_BUILD_DIR/gui-screenshots/sessions-table/
# (a folder of its own: gui.sh empties gui-screenshots/ when it starts, and
# ctest may run both at once).
# Where it cannot run (not root, or no apt-get to have installed the tools) it
# is skipped with ctest's skip code 77; where scripts/test could install
# them (see TLSI_TEST_PACKAGES in scripts/setup.sh), a missing tool fails.
source "$(dirname "$0")/../lib/env.sh"
source "$(dirname "$0")/../lib/xvfb.sh"

gui_need_ocr_tools

read -r _ FILE PORT KEYLOG _ < <(manifest | awk '$1 == "tls12-resume-ticket"') || true
[ -n "${FILE:-}" ] || fail "tls12-resume-ticket not in test-captures/manifest.tsv"
ARGS=(-r "$CAPS/$FILE" -d "tcp.port==$PORT,tlsi" --disable-protocol tls
    -o "tlsi.keylog_file:$CAPS/$KEYLOG")

# What the GUI must show: first_time and client_port of each row of tshark's table.
tshark_tlsi "${ARGS[@]}" -q -z tlsi,sessions_table >"$TLSI_TMP/table.txt"
mapfile -t WANT < <(awk -F' [|]' '
    /^Filter for statistics:/ { getline; for (i = 1; i < NF; i++) col[$i] = i; getline; rows = 1; next }
    rows && /^=====/ { exit }
    rows { print $col["first_time"] " " $col["client_port"] }' "$TLSI_TMP/table.txt")
[ "${#WANT[@]}" -eq 2 ] || fail "tshark's table has ${#WANT[@]} rows, not 2: $(cat "$TLSI_TMP/table.txt")"

SHOTS="$TLSI_BUILD_DIR/gui-screenshots/sessions-table"
rm -rf "$SHOTS"
mkdir -p "$SHOTS"
SCREEN_W=1400 SCREEN_H=900
WSHOME="$TLSI_TMP/wshome"
gui_profile "$SCREEN_W" "$SCREEN_H"
gui_user
start_xvfb "$SCREEN_W" "$SCREEN_H" "$TLSI_TMP/xvfb.log"
"${AS_USER[@]}" env HOME="$WSHOME" XDG_RUNTIME_DIR="$TLSI_TMP/xdg" NO_AT_BRIDGE=1 \
    DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" WIRESHARK_PLUGIN_DIR="$TLSI_TMP/plugins" \
    wireshark "${ARGS[@]}" -z tlsi,sessions_table >"$SHOTS/table-wireshark.log" 2>&1 &
WS_PID=$!

# table_windows: the visible windows titled "... TLSI Sessions ...".
table_windows() { xdotool search --onlyvisible --name "TLSI Sessions" 2>/dev/null || true; }

# 1. The table's window, opened by -z.
DLG=""
for _ in $(seq 120); do
    kill -0 "$WS_PID" 2>/dev/null || fail "Wireshark exited (log: $SHOTS/table-wireshark.log)"
    DLG=$(table_windows | head -n 1)
    [ -n "$DLG" ] && break
    sleep 0.25
done
[ -n "$DLG" ] || { shot table-0-timeout; fail "no \"TLSI Sessions\" window within 30 s"; }
echo "ok   -z tlsi,sessions_table opened \"$(xdotool getwindowname "$DLG")\""

# 2. Its rows, with the window made wide enough for the first columns. No
#    window manager: move and size the window directly.
xdotool windowmove "$DLG" 0 0 windowsize "$DLG" "$SCREEN_W" 300
failures=0
for _ in 1 2 3 4 5; do
    sleep 1
    shot table-1-dialog
    ocr table-1-rows table-1-dialog 0 0 "$SCREEN_W" 300
    missing=()
    for w in "${WANT[@]}"; do
        read -r t p <<<"$w"
        tr -d ' \t' <"$SHOTS/table-1-rows.txt" | grep -qF -- "$t" &&
            grep -qw -- "$p" "$SHOTS/table-1-rows.txt" || missing+=("$w")
    done
    [ "${#missing[@]}" -eq 0 ] && break
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "ok   the table's rows read: ${WANT[*]} (first_time client_port)"
else
    echo "FAIL rows not read in $SHOTS/table-1-dialog.png (table-1-rows.txt): ${missing[*]}" >&2
    failures=$((failures + 1))
fi

# 3. Statistics > TLSI Sessions in the main window (moved out of the way of
#    the menu first).
xdotool windowmove "$DLG" 0 $((SCREEN_H - 320))
sleep 0.5
shot table-2-main
ocr table-2-menubar table-2-main 0 0 800 30
pos=$(find_word table-2-menubar '^Statistics$')
[ -n "$pos" ] || fail "no \"Statistics\" menu read in $SHOTS/table-2-main.png"
# shellcheck disable=SC2086
xdotool mousemove $pos click 1
sleep 1
shot table-3-menu
ocr table-3-menu table-3-menu 0 0 "$SCREEN_W" "$((SCREEN_H - 320))"
pos=$(awk -F'\t' '$1 == 5 && prev ~ /^TLSI$/ && $12 ~ /^Sessions/ { print x, y; exit }
    $1 == 5 { prev = $12; x = $7; y = $8 + $10 / 2 }' "$SHOTS/table-3-menu.tsv")
if [ -z "$pos" ]; then
    echo "FAIL the Statistics menu does not read \"TLSI Sessions\" ($SHOTS/table-3-menu.png)" >&2
    failures=$((failures + 1))
else
    echo "ok   the Statistics menu lists \"TLSI Sessions\""
    read -r x y <<<"$pos"
    # shellcheck disable=SC2046
    xdotool mousemove $(cat "$TLSI_TMP/table-3-menu.origin" | awk -v x="$x" -v y="$y" '{ printf "%d %d", $1 + x / 2 + 10, $2 + y / 2 }') click 1
    n=0
    for _ in $(seq 40); do
        n=$(table_windows | wc -l)
        [ "$n" -ge 2 ] && break
        sleep 0.25
    done
    if [ "$n" -ge 2 ]; then
        echo "ok   Statistics > TLSI Sessions opened a second table window"
    else
        shot table-4-after-click
        echo "FAIL Statistics > TLSI Sessions opened no window ($SHOTS/table-4-after-click.png)" >&2
        failures=$((failures + 1))
    fi
fi
[ "$failures" -eq 0 ] || fail "$failures check(s) failed; screenshots in $SHOTS/"
echo "gui_sessions_table: the TLSI Sessions table opens from -z and from the Statistics menu"
