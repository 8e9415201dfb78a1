#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Plaintext export (-z tlsi,export,FILE.pcapng[,portmap=A:B]) on every test
# capture (merged into one file):
#   - tshark with TLS off (--disable-protocol tls --disable-protocol tlsi)
#     reads the export and sees the same HTTP requests and responses, per
#     connection, as tlsi decrypted from the original; the HTTP objects
#     (Export Objects) have the same bytes;
#   - tcpflow rebuilds each connection of the export, both directions, byte
#     for byte equal to -z follow,tlsi,raw of that TCP stream;
#   - IP and TCP checksums are right and no TLS is left;
#   - connections with nothing decrypted are left out and listed on stderr;
#   - portmap moves the server port (443 -> 80 style) so HTTP is found
#     without Decode As.
source "$(dirname "$0")/../lib/env.sh"
command -v tcpflow >/dev/null || fail "tcpflow is not installed (scripts/setup.sh installs it)"

W="$TLSI_TMP/home/exp" # writable by the user tshark runs as
mkdir -p "$W"
chmod a+rwx "$W"

merge_manifest "$W"

orig() { tshark_tlsi -r "$W/all.pcapng" "${tlsi_ports[@]}" --disable-protocol tls \
    -o "tlsi.keylog_file:$W/all.keylog" "$@"; }
plain() { tshark_tlsi -r "$W/export.pcapng" --disable-protocol tls --disable-protocol tlsi "$@"; }

orig -q -z "tlsi,export,$W/export.pcapng" -z "tlsi,sessions,json,$W/sess.json" 2>"$W/export.err"
[ -s "$W/export.pcapng" ] || fail "no export written: $(cat "$W/export.err")"

# HTTP is found in the export the way tlsi found it in the plaintext: by
# HTTP's heuristic (the server ports are not HTTP's).
http_ports=(--enable-heuristic http_tcp)

# HTTP messages per connection: client port, server port, request or status.
http_fields=(-T fields -E occurrence=f -e tcp.srcport -e tcp.dstport -e http.request.method
    -e http.request.uri -e http.response.code -Y http)
orig "${http_fields[@]}" | sort >"$W/http.orig"
plain "${http_ports[@]}" "${http_fields[@]}" | sort >"$W/http.export"
[ -s "$W/http.orig" ] || fail "no HTTP decrypted from the captures"
diff -u "$W/http.orig" "$W/http.export" >&2 || fail "HTTP messages differ between tlsi and the export"
mkdir -p "$W/obj.orig" "$W/obj.export"
chmod a+rwx "$W/obj.orig" "$W/obj.export"
orig -q --export-objects "http,$W/obj.orig" >/dev/null
plain "${http_ports[@]}" -q --export-objects "http,$W/obj.export" >/dev/null
# Same objects (content and name); Wireshark numbers objects of the same name
# ("%2f(12)") in the order it meets them, which differs between the two files
# when connections interleave differently, so the number is left out.
objects() { (cd "$1" && md5sum * | sed -E 's/\([0-9]+\)$//' | sort); }
objects "$W/obj.orig" >"$W/obj.orig.md5"
objects "$W/obj.export" >"$W/obj.export.md5"
diff -u "$W/obj.orig.md5" "$W/obj.export.md5" >&2 || fail "HTTP objects differ"

# Checksums right, nothing of TLS left (the TLS heuristics are on).
bad=$(plain -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE \
    -Y "ip.checksum.status == 0 || tcp.checksum.status == 0" | wc -l)
[ "$bad" = 0 ] || fail "$bad packets with bad checksums in the export"
tls=$(tshark_tlsi -r "$W/export.pcapng" -o tlsi.heuristic:TRUE -Y "tls || tlsi" |
    wc -l)
[ "$tls" = 0 ] || fail "$tls packets of the export still look like TLS"
big=$(plain -Y "tcp.len > 1460" | wc -l)
[ "$big" = 0 ] || fail "$big segments over 1460 bytes"

# tcpflow against follow,tlsi,raw for every connection with decrypted data.
follow=()
while read -r stream; do follow+=(-z "follow,tlsi,raw,$stream"); done < <(
    python3 -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["app_bytes_c2s"] + r["app_bytes_s2c"]: print(r["stream"])' "$W/sess.json")
orig -q "${follow[@]}" >"$W/follow.txt"
mkdir -p "$W/flow"
(cd "$W/flow" && tcpflow -r "$W/export.pcapng" -o . >/dev/null 2>&1) || fail "tcpflow failed"

python3 - "$W" <<'PYEOF' || exit 1
import json, os, re, sys

w = sys.argv[1]
rows = {r["stream"]: r for r in map(json.loads, open(w + "/sess.json")) if r}
# Follow output: blocks "Filter: tcp.stream eq N", hex lines, server lines start with a tab.
data, cur = {}, None
for line in open(w + "/follow.txt"):
    m = re.match(r"Filter: tcp.stream eq (\d+)", line)
    if m:
        cur = int(m.group(1))
        data[cur] = [bytearray(), bytearray()]
    elif cur is not None and re.fullmatch(r"\t?[0-9a-f]+\n", line):
        data[cur][line.startswith("\t")] += bytes.fromhex(line.strip())

def ip(a):  # tcpflow's file names: IPv4 zero-padded, IPv6 as inet_ntop writes it
    if ":" in a:
        return a
    return ".".join("%03d" % int(x) for x in a.split("."))

errors, checked = [], 0
for s, (c2s, s2c) in data.items():
    r = rows[s]
    c = "%s.%05d" % (ip(r["client_addr"]), r["client_port"])
    v = "%s.%05d" % (ip(r["server_addr"]), r["server_port"])
    for name, want in (("%s-%s" % (c, v), c2s), ("%s-%s" % (v, c), s2c)):
        path = os.path.join(w, "flow", name)
        got = open(path, "rb").read() if os.path.exists(path) else b""
        checked += len(want)
        if got != bytes(want):
            errors.append("stream %d %s: tcpflow %d bytes, follow %d bytes" % (s, name, len(got), len(want)))
    if len(c2s) != r["app_bytes_c2s"] or len(s2c) != r["app_bytes_s2c"]:
        errors.append("stream %d: follow and the session report disagree on bytes" % s)
# Left out: exactly the connections with nothing decrypted, listed on stderr.
err = open(w + "/export.err").read()
skipped = [r for r in rows.values() if not (r["app_bytes_c2s"] + r["app_bytes_s2c"])]
listed = err.count("left out (nothing decrypted)")
if listed != len(skipped):
    errors.append("%d connections listed as left out, %d have nothing decrypted" % (listed, len(skipped)))
if errors:
    print("\n".join(errors[:30]))
    sys.exit(1)
print("export: %d connections rebuilt by tcpflow, %d bytes equal to follow; %d left out" %
      (len(data), checked, len(skipped)))
PYEOF

# portmap: the server port becomes 80 and tshark finds HTTP by itself.
n=tls12-ecdhe-rsa-aes128gcm
p=$(manifest | awk -v n=$n '$1 == n { print $3 }')
tshark_tlsi -r "$CAPS/$n.pcapng" -d "tcp.port==$p,tlsi" --disable-protocol tls \
    -o "tlsi.keylog_file:$CAPS/$n.keylog" -q -z "tlsi,export,$W/mapped.pcapng,portmap=$p:80" \
    2>/dev/null
got=$(tshark_tlsi -r "$W/mapped.pcapng" --disable-protocol tls --disable-protocol tlsi \
    -Y "http && tcp.port == 80" -T fields -e http.request.method -e http.response.code | tr -s '\t\n' '  ')
[ "$got" = "GET 200 " ] || fail "portmap: HTTP on port 80 not found ($got)"
echo "pcap_export: ok"
