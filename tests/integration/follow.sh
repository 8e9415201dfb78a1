#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Follow TLSI Stream against Follow TLS Stream: for every capture with a key
# log and every TCP stream in it, "-z follow,tlsi,raw,N" (tlsi, built-in TLS
# disabled) must print the same decrypted application data, record by record
# and direction by direction, as "-z follow,tls,raw,N" from Wireshark's
# built-in dissector with the same key log. The header lines naming the
# protocol and the endpoints are left out of the comparison: the built-in one
# does not fill in the server node. The ASCII and hex views are compared on
# one capture too. The built-in runs with http.desegment_body:FALSE: Wireshark
# 4.4's follow,tls leaves out the plaintext an HTTP/1.0 response body (no
# Content-Length, "s_server -www") holds for reassembly up to the connection's
# end; 4.0 prints the same either way.
source "$(dirname "$0")/../lib/env.sh"

# Split tshark output holding several follow outputs into DIR/<stream>: the
# data lines of one stream, each prefixed "C " (from the client) or "S " (from
# the server). Follow prints the lines of the endpoint it calls Node 1
# indented by a tab; the built-in TLS follower makes Node 0 the sender of the
# first packet holding anything it decrypted (in TLS 1.3 the server, whose
# EncryptedExtensions come first), so the indentation alone does not say who
# sent a line: the server port (second argument) does. The Follow/Filter/Node
# lines go to DIR/<stream>.hdr.
cat >"$TLSI_TMP/split_follow.py" <<'PYEOF'
import re, sys
out, port = sys.argv[1], sys.argv[2]
cur, hdr, pending, bodies, node0 = None, {}, [], {}, {}
for line in sys.stdin:
    line = line.rstrip("\n")
    if re.fullmatch(r"=+", line):
        cur = None
        continue
    m = re.fullmatch(r"Filter: tcp\.stream eq (\d+)", line)
    if m:
        cur = m.group(1)
        bodies.setdefault(cur, [])
        hdr.setdefault(cur, []).extend(pending + [line])
        pending = []
        continue
    if re.match(r"(Follow|Node [01]):", line):
        (hdr[cur] if cur is not None else pending).append(line)
        if cur is not None and line.startswith("Node 0:"):
            node0[cur] = line.rsplit(":", 1)[1]
        continue
    if cur is not None:
        bodies[cur].append(line)
for s, lines in bodies.items():
    node0_is_server = node0.get(s) == port
    with open("%s/%s" % (out, s), "w") as f:
        for l in lines:
            indented = l.startswith("\t")
            from_server = indented != node0_is_server
            f.write("%s %s\n" % ("S" if from_server else "C", l.lstrip("\t")))
    with open("%s/%s.hdr" % (out, s), "w") as f:
        f.write("".join(l + "\n" for l in hdr.get(s, [])))
PYEOF
split_follow() {
    python3 "$TLSI_TMP/split_follow.py" "$1" "$2"
}

# Where the built-in dissector is known to lose data that tlsi decrypts, the
# lines it misses, as the capture generator (test-captures/generate.sh) sent
# them: "capture stream direction text". Wireshark 4.0 stops decrypting the
# client's records after a TLS 1.3 post-handshake authentication (it treats
# the client's second Finished as a key change).
builtin_gaps() {
    case "$1" in
    tls13-post-handshake-auth) echo "0 C client data after post-handshake auth" ;;
    esac
}

# The lines tlsi must print for one stream: the built-in's plus the known gaps
# (as "C|S hex" lines, like split_follow writes them).
with_gaps() { # name stream builtin-body -> lines tlsi must print
    local name=$1 stream=$2 body=$3
    builtin_gaps "$name" | python3 -c '
import sys
stream, body = sys.argv[1], open(sys.argv[2]).read().splitlines()
gaps = [l.split(" ", 2) for l in sys.stdin.read().splitlines()]
gaps = [("%s %s" % (d, (t + "\n").encode().hex())) for s, d, t in gaps if s == stream]
for l in body + gaps:
    print(l)
' "$stream" "$body"
}

checked=0
nonempty=0
while read -r name file port keylog rsa; do
    [ "$keylog" != "-" ] || continue
    streams=$(tshark_tlsi -r "$CAPS/$file" -T fields -e tcp.stream 2>/dev/null | sort -un)
    [ -n "$streams" ] || fail "$name: no TCP streams"
    za=() zb=()
    for s in $streams; do
        za+=(-z "follow,tlsi,raw,$s")
        zb+=(-z "follow,tls,raw,$s")
    done
    rm -rf "$TLSI_TMP/a" "$TLSI_TMP/b"
    mkdir -p "$TLSI_TMP/a" "$TLSI_TMP/b"
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
        -o "tlsi.keylog_file:$CAPS/$keylog" -q "${za[@]}" 2>"$TLSI_TMP/err" | split_follow "$TLSI_TMP/a" "$port" \
        || { cat "$TLSI_TMP/err" >&2; fail "$name: tshark (tlsi) failed"; }
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi \
        -o "tls.keylog_file:$CAPS/$keylog" -o http.desegment_body:FALSE -q "${zb[@]}" 2>>"$TLSI_TMP/err" | split_follow "$TLSI_TMP/b" "$port" \
        || { cat "$TLSI_TMP/err" >&2; fail "$name: tshark (tls) failed"; }
    if grep -qi "critical\|segmentation\|invalid" "$TLSI_TMP/err"; then
        cat "$TLSI_TMP/err" >&2
        fail "$name: tshark reported errors"
    fi
    for s in $streams; do
        [ -f "$TLSI_TMP/b/$s" ] || fail "$name stream $s: built-in printed no follow output"
        [ -f "$TLSI_TMP/a/$s" ] || fail "$name stream $s: no Follow TLSI output"
        if [ -n "$(builtin_gaps "$name")" ]; then
            # Same lines as the built-in plus the ones it is known to miss
            # (compared as sets of lines: where they fall is checked by the
            # sequence of the remaining lines).
            with_gaps "$name" "$s" "$TLSI_TMP/b/$s" | sort >"$TLSI_TMP/want"
            sort "$TLSI_TMP/a/$s" >"$TLSI_TMP/got"
            cmp -s "$TLSI_TMP/want" "$TLSI_TMP/got" || { diff "$TLSI_TMP/want" "$TLSI_TMP/got" | cut -c1-120 >&2; fail "$name stream $s: follow,tlsi,raw lacks what the built-in shows or what the generator sent"; }
            grep -vxF -f <(with_gaps "$name" "$s" /dev/null) "$TLSI_TMP/a/$s" >"$TLSI_TMP/got" || true
            cmp -s "$TLSI_TMP/got" "$TLSI_TMP/b/$s" || fail "$name stream $s: order differs from the built-in"
        elif ! cmp -s "$TLSI_TMP/a/$s" "$TLSI_TMP/b/$s"; then
            diff "$TLSI_TMP/b/$s" "$TLSI_TMP/a/$s" | cut -c1-120 | head -20 >&2
            fail "$name stream $s: follow,tlsi,raw differs from follow,tls,raw"
        fi
        if [ -s "$TLSI_TMP/b/$s" ]; then
            nonempty=$((nonempty + 1))
            # tlsi names the server node (the built-in leaves it empty).
            grep -q "^Node 1: .*:$port\$" "$TLSI_TMP/a/$s.hdr" \
                || { cat "$TLSI_TMP/a/$s.hdr" >&2; fail "$name stream $s: server node is not port $port"; }
        fi
        checked=$((checked + 1))
    done
done < <(manifest)
[ "$checked" -gt 0 ] || fail "no streams checked"
[ "$nonempty" -gt 20 ] || fail "only $nonempty streams carried decrypted data: keys not applied?"

# The other views show the same records: check ascii and hex on one capture.
read -r name file port keylog rsa < <(manifest | awk '$1 == "tls12-renegotiation"')
for view in ascii hex; do
    rm -rf "$TLSI_TMP/a" "$TLSI_TMP/b"
    mkdir -p "$TLSI_TMP/a" "$TLSI_TMP/b"
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
        -o "tlsi.keylog_file:$CAPS/$keylog" -q -z "follow,tlsi,$view,0" | split_follow "$TLSI_TMP/a" "$port"
    tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tls" --disable-protocol tlsi \
        -o "tls.keylog_file:$CAPS/$keylog" -o http.desegment_body:FALSE -q -z "follow,tls,$view,0" | split_follow "$TLSI_TMP/b" "$port"
    [ -s "$TLSI_TMP/b/0" ] || fail "$view: built-in printed nothing"
    cmp -s "$TLSI_TMP/a/0" "$TLSI_TMP/b/0" || fail "$name: follow,tlsi,$view differs"
    grep -q "^Follow: tlsi,$view\$" "$TLSI_TMP/a/0.hdr" || fail "$name: no Follow: tlsi,$view header"
done
# Without keys there is nothing to follow.
rm -rf "$TLSI_TMP/a"
mkdir -p "$TLSI_TMP/a"
tshark_tlsi -r "$CAPS/$file" -d "tcp.port==$port,tlsi" --disable-protocol tls \
    -q -z "follow,tlsi,raw,0" | split_follow "$TLSI_TMP/a" "$port"
[ -f "$TLSI_TMP/a/0" ] || fail "$name: no follow output without keys"
[ ! -s "$TLSI_TMP/a/0" ] || fail "$name: data followed without a key log"
echo "follow: $checked streams ($nonempty with decrypted data) agree with the built-in"
