#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Captures that start or end in the middle of a record, made from the real
# bulk captures (tls12-bulk-100k, tls13-bulk-100k: records spanning many TCP
# segments) with editcap:
#
#  1. Start mid-record: for several cut points K, the frames before the K-th
#     are dropped (editcap -r K-N), K chosen so the first kept segment of the
#     server begins inside a record (found from the record offsets the
#     built-in dissector reports for the full capture). tlsi must exit 0 with
#     no exception; raise tlsi.record.resync on exactly the segments of each
#     direction that precede the first record start (so on the first data
#     segment of the server); and from that record on, the (content type,
#     version, length) of every record, per direction, must equal the tail of
#     the full capture's records; application data records of a legal
#     protected length get no "over 2^14" note, since tlsi cannot know
#     mid-stream that they are protected.
#  2. Snaplen cut (editcap -s 100): every segment is cut after a few dozen
#     payload bytes, so TCP cannot reassemble. Each segment in which records
#     start must show those records (type, version, length as in the full
#     capture) and tlsi.record.truncated iff one of them is cut; segments that
#     do not begin with a record carry the resync note; no record is invented.
#  3. End mid-record (editcap -r 1-K, the K-th frame inside a record spanning
#     several segments): exit 0, no exception, and the records shown are
#     exactly the full capture's records that end before the cut.
source "$(dirname "$0")/../lib/env.sh"
PY="python3 $TLSI_SOURCE_DIR/tests/lib/records.py"
W="$TLSI_TMP/midstream"
mkdir -p "$W"
chmod a+rwx "$W"

failures=0
bad() {
    echo "FAIL $*" >&2
    failures=$((failures + 1))
}

# tshark with a clean exit and a quiet stderr, or a failure.
run() { # OUT tshark-args...
    local out=$1 rc=0
    shift
    tshark_tlsi "$@" >"$out" 2>"$W/err" || rc=$?
    if [ "$rc" != 0 ] || grep -Eqi 'error|assert|crash|critical|segmentation|dissector bug|abort' "$W/err"; then
        cat "$W/err" >&2
        bad "tshark $* exited $rc or complained on stderr"
        return 1
    fi
}

EXCEPTION="_ws.malformed.expert || _ws.malformed.dissector_bug || _ws.malformed.reassembly"
SEGFIELDS=(-T fields -E occurrence=a -E aggregator=, -e frame.number -e tcp.srcport -e tcp.seq_raw
           -e tcp.len -e tcp.flags.syn -e frame.len -e frame.cap_len
           -e tlsi.record.content_type -e tlsi.record.version -e tlsi.record.length)

# Analysis helper (see the modes below).
cat >"$W/ms.py" <<'PYEOF'
import json, sys

def segs(path):
    """frame -> dict from the SEGFIELDS table."""
    out = {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if len(f) < 10 or not f[0]:
            continue
        def ints(s, base=10):
            return [int(x, 0) for x in s.split(",")] if s else []
        out[int(f[0])] = dict(port=int(f[1]) if f[1] else None, seq=int(f[2]) if f[2] else None,
                              len=int(f[3] or 0), syn=f[4] in ("1", "True"),
                              flen=int(f[5]), caplen=int(f[6]),
                              recs=list(zip(ints(f[7]), ints(f[8]), ints(f[9]))))
    return out

def model(full_segs, full_recs):
    """Per direction (src port): ISN and records with their stream offsets."""
    isn, recs = {}, {}
    for n, s in sorted(full_segs.items()):
        if s["syn"] and s["port"] not in isn:
            isn[s["port"]] = s["seq"]
    keys = list(full_recs)
    streams = {k.split("/")[0] for k in keys}
    if len(streams) != 1:
        sys.exit("expected one TCP stream in the full capture, got %s" % sorted(streams))
    for k, lst in full_recs.items():
        port = int(k.split("/")[1])
        off, out = 0, []
        for t, v, l in lst:
            out.append((off, (t, v, l)))
            off += 5 + l
        recs[port] = out
    return isn, recs

def offset(isn, s):
    return (s["seq"] - isn[s["port"]] - 1) & 0xFFFFFFFF

def load(path):
    return json.load(open(path))

mode = sys.argv[1]

if mode == "plan":
    # plan FULL_SEGS FULL_RECS SERVER_PORT -> start cuts, end cuts
    fs, fr, server = segs(sys.argv[2]), load(sys.argv[3]), int(sys.argv[4])
    isn, recs = model(fs, fr)
    starts = {o for o, _ in recs[server]}
    mid = [n for n, s in sorted(fs.items())
           if s["port"] == server and s["len"] > 0 and offset(isn, s) not in starts
           and any(o > offset(isn, s) for o in starts)]
    # strictly inside a record: the record started before the segment and
    # ends after it
    inside = [n for n in mid
              if any(o < offset(isn, fs[n]) and o + 5 + r[2] > offset(isn, fs[n]) + fs[n]["len"]
                     for o, r in recs[server])]
    if not mid or not inside:
        sys.exit("no segment starts inside a record: capture not suitable")
    pick = sorted({mid[0], mid[len(mid) // 3], mid[(2 * len(mid)) // 3], mid[-1]})
    print("start", *pick)
    print("end", *sorted({inside[0], inside[len(inside) // 2], inside[-1]}))
    print("last", max(fs))

elif mode == "start":
    # start FULL_SEGS FULL_RECS K CUT_SEGS CUT_RECS RESYNC_FRAMES
    fs, fr, k = segs(sys.argv[2]), load(sys.argv[3]), int(sys.argv[4])
    cs, cr = segs(sys.argv[5]), load(sys.argv[6])
    resync = {int(x) for x in open(sys.argv[7]).read().split()}
    isn, recs = model(fs, fr)
    got = {int(key.split("/")[1]): [tuple(r) for r in v] for key, v in cr.items()}
    ok = True
    exp_resync = set()
    for port, rl in recs.items():
        kept = [(n, s) for n, s in sorted(fs.items()) if n >= k and s["port"] == port and s["len"] > 0]
        if not kept:
            exp = []
        else:
            first = offset(isn, kept[0][1])
            after = [(o, r) for o, r in rl if o >= first]
            exp = [r for o, r in after]
            nxt = after[0][0] if after else None
            for n, s in kept:
                if nxt is None or offset(isn, s) < nxt:
                    exp_resync.add(n - k + 1)
        g = got.get(port, [])
        if g != exp:
            ok = False
            i = next((i for i, (a, b) in enumerate(zip(g, exp)) if a != b), min(len(g), len(exp)))
            print("  port %d: tlsi shows %d records, expected %d (tail of the full capture); "
                  "first difference at #%d: tlsi %s, expected %s"
                  % (port, len(g), len(exp), i, g[i] if i < len(g) else None,
                     exp[i] if i < len(exp) else None))
        else:
            print("  port %d: %d records = tail of the full capture" % (port, len(g)))
    if resync != exp_resync:
        ok = False
        print("  resync note on cut frames %s, expected on %s" % (sorted(resync), sorted(exp_resync)))
    else:
        print("  resync note on cut frames %s as expected" % sorted(resync))
    sys.exit(0 if ok else 1)

elif mode == "snap":
    # snap FULL_SEGS FULL_RECS SNAP_SEGS TRUNC_FRAMES RESYNC_FRAMES
    fs, fr, ss = segs(sys.argv[2]), load(sys.argv[3]), segs(sys.argv[4])
    trunc = {int(x) for x in open(sys.argv[5]).read().split()}
    resync = {int(x) for x in open(sys.argv[6]).read().split()}
    isn, recs = model(fs, fr)
    ok, nrec, ntrunc = True, 0, 0
    for n, s in sorted(ss.items()):
        if s["len"] == 0 or s["port"] not in recs:
            continue
        start = offset(isn, s)
        cap = max(0, min(s["len"], s["caplen"] - (s["flen"] - s["len"])))
        here = [(o, r) for o, r in recs[s["port"]] if start <= o < start + cap]
        whole_hdr = [(o, r) for o, r in here if o + 5 <= start + cap]
        exp = [r for o, r in whole_hdr]
        exp_trunc = any(o + 5 + r[2] > start + cap for o, r in whole_hdr)
        exp_resync = not any(o == start for o, r in recs[s["port"]])
        got = s["recs"]
        # A record whose header is itself cut may or may not be shown.
        if got != exp and not (len(here) > len(whole_hdr) and got[:len(exp)] == exp
                               and len(got) == len(exp) + 1):
            ok = False
            print("  frame %d (offset %d, %d of %d bytes captured): records %s, expected %s"
                  % (n, start, cap, s["len"], got, exp))
        if (n in trunc) != exp_trunc:
            ok = False
            print("  frame %d: truncated expert %s, expected %s" % (n, n in trunc, exp_trunc))
        if (n in resync) != exp_resync:
            ok = False
            print("  frame %d: resync note %s, expected %s" % (n, n in resync, exp_resync))
        nrec += len(exp)
        ntrunc += exp_trunc
    print("  %d records in %d frames checked, %d cut short" % (nrec, len(ss), ntrunc))
    sys.exit(0 if ok else 1)

elif mode == "end":
    # end FULL_SEGS FULL_RECS K CUT_RECS
    fs, fr, k, cr = segs(sys.argv[2]), load(sys.argv[3]), int(sys.argv[4]), load(sys.argv[5])
    isn, recs = model(fs, fr)
    got = {int(key.split("/")[1]): [tuple(r) for r in v] for key, v in cr.items()}
    ok = True
    for port, rl in recs.items():
        kept = [s for n, s in fs.items() if n <= k and s["port"] == port and s["len"] > 0]
        end = max((offset(isn, s) + s["len"] for s in kept), default=0)
        exp = [r for o, r in rl if o + 5 + r[2] <= end]
        g = got.get(port, [])
        if g != exp:
            ok = False
            print("  port %d: tlsi shows %d records, expected the %d that end before the cut; "
                  "last shown %s, last expected %s"
                  % (port, len(g), len(exp), g[-1] if g else None, exp[-1] if exp else None))
        else:
            print("  port %d: %d complete records, as in the full capture" % (port, len(g)))
    sys.exit(0 if ok else 1)
PYEOF

checked=0
while read -r name file port keylog rsa; do
    case "$name" in tls12-bulk-100k | tls13-bulk-100k) ;; *) continue ;; esac
    full="$CAPS/$file"
    D=(-d "tcp.port==$port,tlsi" --disable-protocol tls)
    echo "== $name (server port $port)"

    # The full capture: segments, and the records of both dissectors.
    run "$W/full.segs" -r "$full" "${D[@]}" "${SEGFIELDS[@]}" || continue
    run "$W/full.pdml" -r "$full" -d "tcp.port==$port,tls" --disable-protocol tlsi -T pdml || continue
    $PY tls <"$W/full.pdml" >"$W/full.json"
    run "$W/full-tlsi.pdml" -r "$full" "${D[@]}" -T pdml || continue
    $PY tlsi <"$W/full-tlsi.pdml" >"$W/full-tlsi.json"
    cmp -s <(python3 -m json.tool --sort-keys "$W/full.json") \
        <(python3 -m json.tool --sort-keys "$W/full-tlsi.json") ||
        bad "$name: tlsi and the built-in dissector disagree on the full capture (see records_vs_builtin)"

    plan=$(python3 "$W/ms.py" plan "$W/full.segs" "$W/full.json" "$port") ||
        { bad "$name: $plan"; continue; }
    starts=$(sed -n 's/^start //p' <<<"$plan")
    ends=$(sed -n 's/^end //p' <<<"$plan")
    last=$(sed -n 's/^last //p' <<<"$plan")

    # 1. Start in the middle of a record.
    for k in $starts; do
        cut="$W/start-$k.pcapng"
        editcap -r "$full" "$cut" "$k-$last"
        chmod a+r "$cut"
        echo " start at frame $k:"
        run "$W/cut.exc" -r "$cut" "${D[@]}" -Y "$EXCEPTION" -T fields -e frame.number || continue
        [ -s "$W/cut.exc" ] && bad "$name from $k: exception in frames $(tr '\n' ' ' <"$W/cut.exc")"
        run "$W/cut.segs" -r "$cut" "${D[@]}" "${SEGFIELDS[@]}" || continue
        run "$W/cut.resync" -r "$cut" "${D[@]}" -Y tlsi.record.resync -T fields -e frame.number || continue
        run "$W/cut.pdml" -r "$cut" "${D[@]}" -T pdml || continue
        $PY tlsi <"$W/cut.pdml" >"$W/cut.json"
        python3 "$W/ms.py" start "$W/full.segs" "$W/full.json" "$k" "$W/cut.segs" "$W/cut.json" \
            "$W/cut.resync" || bad "$name from frame $k: records or resync notes wrong"
        # The first kept frame is a server data segment: the resync note is there.
        grep -qx 1 "$W/cut.resync" || bad "$name from frame $k: no resync note on the first segment"
        # Mid-stream tlsi cannot know whether a record is protected. The
        # application_data records here are (up to 2^14 + 256 bytes in TLS
        # 1.3, 2^14 + 2048 in TLS 1.2), so a "plaintext over 2^14" note on
        # them is a false alarm (the built-in dissector raises none).
        run "$W/cut.over" -r "$cut" "${D[@]}" -Y "tlsi.record.length.over_limit && tlsi.record.content_type == 23 && tlsi.record.length <= 18432" \
            -T fields -e frame.number || continue
        [ -s "$W/cut.over" ] &&
            bad "$name from frame $k: over_limit note on application data of unknown protection (frames $(tr '\n' ' ' <"$W/cut.over"))"
    done

    # 2. Snaplen cut.
    snap="$W/snap.pcapng"
    editcap -s 100 "$full" "$snap"
    chmod a+r "$snap"
    echo " snaplen 100:"
    if run "$W/snap.exc" -r "$snap" "${D[@]}" -Y "$EXCEPTION" -T fields -e frame.number &&
        run "$W/snap.segs" -r "$snap" "${D[@]}" "${SEGFIELDS[@]}" &&
        run "$W/snap.trunc" -r "$snap" "${D[@]}" -Y tlsi.record.truncated -T fields -e frame.number &&
        run "$W/snap.resync" -r "$snap" "${D[@]}" -Y tlsi.record.resync -T fields -e frame.number; then
        [ -s "$W/snap.exc" ] && bad "$name snaplen: exception in frames $(tr '\n' ' ' <"$W/snap.exc")"
        [ -s "$W/snap.trunc" ] || bad "$name snaplen: no tlsi.record.truncated at all"
        python3 "$W/ms.py" snap "$W/full.segs" "$W/full.json" "$W/snap.segs" "$W/snap.trunc" \
            "$W/snap.resync" || bad "$name snaplen: records or expert infos wrong"
    fi

    # 3. End in the middle of a record spanning several segments.
    for k in $ends; do
        cut="$W/end-$k.pcapng"
        editcap -r "$full" "$cut" "1-$k"
        chmod a+r "$cut"
        echo " end at frame $k:"
        run "$W/cut.exc" -r "$cut" "${D[@]}" -Y "$EXCEPTION" -T fields -e frame.number || continue
        [ -s "$W/cut.exc" ] && bad "$name up to $k: exception in frames $(tr '\n' ' ' <"$W/cut.exc")"
        run "$W/cut.pdml" -r "$cut" "${D[@]}" -T pdml || continue
        $PY tlsi <"$W/cut.pdml" >"$W/cut.json"
        python3 "$W/ms.py" end "$W/full.segs" "$W/full.json" "$k" "$W/cut.json" ||
            bad "$name up to frame $k: records wrong"
        # Two passes, expert summary: it is printed, and nothing in it is a
        # malformed packet (a cut capture ends records early; that is a
        # note or a warning, never an exception).
        if run "$W/cut.exp" -r "$cut" "${D[@]}" -2 -z expert -q; then
            grep -q '^Chats (' "$W/cut.exp" || bad "$name up to $k: no expert summary"
            grep -Ei 'malformed|dissector bug|exception' "$W/cut.exp" &&
                bad "$name up to $k: two-pass expert summary reports a malformed packet"
        fi
    done
    checked=$((checked + 1))
done < <(manifest)

[ "$checked" = 2 ] || fail "expected the two bulk captures in the manifest, found $checked"
[ "$failures" = 0 ] || fail "midstream: $failures checks failed"
echo "midstream: all checks passed"
