# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced (after env.sh) by the GUI tests: the unprivileged user Wireshark runs
# as, the clean-up of what they start, and an Xvfb with a cookie. The caller
# defines WSHOME (Wireshark's home, with its recent_common written).

# skip REASON: ctest's skip code where the test cannot run; where it could
# (root, apt-get: scripts/test installs the GUI packages), a failure.
skip() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        fail "cannot run the GUI test on a machine that should: $*"
    fi
    echo "SKIP: $*"
    exit 77
}

# gui_need_ocr_tools: skip unless Wireshark, Xvfb, xdotool and tesseract
# (with its English data) are there, for the tests that read the screen.
gui_need_ocr_tools() {
    local t
    for t in wireshark Xvfb xauth mcookie import convert xwininfo xdotool tesseract setpriv; do
        command -v "$t" >/dev/null 2>&1 || skip "missing $t (see gui.sh for the packages)"
    done
    tesseract --list-langs 2>/dev/null | grep -qx eng || skip "missing tesseract-ocr-eng"
}

# gui_user: run Wireshark as nobody when root (AS_USER), owning WSHOME and
# $TLSI_TMP/xdg; kill Wireshark and Xvfb and remove $TLSI_TMP on exit.
gui_user() {
    if [ "$(id -u)" = 0 ]; then
        chown -R 65534:65534 "$WSHOME" "$TLSI_TMP/xdg"
        AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    else
        AS_USER=()
    fi
    chmod 700 "$TLSI_TMP/xdg"
    XVFB_PID="" WS_PID=""
    trap gui_cleanup EXIT
}

gui_cleanup() {
    local pid
    for pid in $WS_PID $XVFB_PID; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$TLSI_TMP"
}

# start_xvfb WIDTH HEIGHT LOG: Xvfb on a free display (-displayfd) with a
# cookie; exports DISPLAY and XAUTHORITY, sets XVFB_PID.
# gui_profile W H: a fresh Wireshark profile in $WSHOME (set by the caller)
# whose main window is W x H at the top left (Xvfb has no window manager to
# maximise it) and that asks nothing at start.
gui_profile() {
    mkdir -p "$WSHOME/.config/wireshark" "$TLSI_TMP/xdg"
    cat >"$WSHOME/.config/wireshark/recent_common" <<EOF
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: $1
gui.geometry_main_height: $2
gui.geometry_main_maximized: FALSE
privs.warn_if_elevated: FALSE
sys.warn_if_no_capture: FALSE
EOF
}

start_xvfb() {
    local log=$3 cookie
    export XAUTHORITY="$TLSI_TMP/xauthority"
    cookie=$(mcookie)
    : >"$XAUTHORITY"
    Xvfb -displayfd 3 -auth "$XAUTHORITY" -screen 0 "${1}x${2}x24" -nolisten tcp \
        3>"$TLSI_TMP/display" >"$log" 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 100); do
        [ -s "$TLSI_TMP/display" ] && break
        kill -0 "$XVFB_PID" 2>/dev/null || skip "Xvfb did not start ($(tail -n 1 "$log"))"
        sleep 0.1
    done
    [ -s "$TLSI_TMP/display" ] || skip "Xvfb did not report a display in 10 s"
    DISPLAY=":$(head -n 1 "$TLSI_TMP/display")"
    export DISPLAY
    xauth -q -f "$XAUTHORITY" add "$DISPLAY" MIT-MAGIC-COOKIE-1 "$cookie"
    chmod 644 "$XAUTHORITY"
    xwininfo -root >/dev/null 2>&1 || skip "cannot connect to Xvfb on $DISPLAY"
}

# Screenshots and OCR; SHOTS is the folder the screenshots and OCR output go to.
shot() { # shot NAME: screenshot of the whole screen
    import -window root "$SHOTS/$1.png"
}

# ocr NAME SHOT X Y W H: text of a region of a screenshot into NAME.txt and
# NAME.tsv (word boxes). The image is reduced to its brightest channel (so
# the light-blue expert-info rows become white with black text) and scaled 2x.
ocr() {
    local name=$1 src=$2 x=$3 y=$4 w=$5 h=$6
    convert "$SHOTS/$src.png" -crop "${w}x${h}+${x}+${y}" +repage \
        -separate -evaluate-sequence max -resize 200% "$TLSI_TMP/$name.png"
    OMP_THREAD_LIMIT=1 tesseract "$TLSI_TMP/$name.png" "$SHOTS/$name" --psm 6 txt tsv >/dev/null 2>&1 ||
        fail "tesseract failed on $name"
    echo "$x $y" >"$TLSI_TMP/$name.origin"
}

# find_word NAME REGEX: screen coordinates "X Y" of the centre of the first
# word of OCR result NAME matching REGEX (empty when none does).
find_word() {
    local origin
    origin=$(cat "$TLSI_TMP/$1.origin")
    awk -F'\t' -v re="$2" -v origin="$origin" '
        BEGIN { split(origin, o, " ") }
        $1 == 5 && $12 ~ re {
            printf "%d %d\n", o[1] + ($7 + $9 / 2) / 2, o[2] + ($8 + $10 / 2) / 2
            exit
        }' "$SHOTS/$1.tsv"
}
