#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The session report as a Statistics table (Statistics > TLSI Sessions in the
# GUI; "-z tlsi,sessions_table[,FILTER]" in tshark), on every test capture
# merged into one file:
#   - tshark prints the table with every column of the report, in the
#     report's order, and one row per connection;
#   - each row holds, cell by cell, what the CSV report of the same run holds
#     (lists joined with "; " instead of " | ");
#   - SNI, negotiated version, cipher suite and the server's certificate
#     subjects equal what the built-in TLS dissector shows for the same TCP
#     stream (tests/lib/builtin_sessions.py), so the table is not only
#     consistent with the report but right;
#   - a display filter after the name ("-z tlsi,sessions_table,tcp.stream==N")
#     keeps only that connection's row.
source "$(dirname "$0")/../lib/env.sh"

W="$TLSI_TMP/table"
mkdir -p "$W"
chmod a+rwx "$W"

merge_manifest "$W"

tshark_tlsi -r "$W/all.pcapng" "${tlsi_ports[@]}" --disable-protocol tls \
    -o "tlsi.keylog_file:$W/all.keylog" -q -z "tlsi,sessions,csv,$W/report.csv" \
    -z tlsi,sessions_table >"$W/table.txt"
# The filter picks the second connection of a capture with two (stream
# numbers in the merged file: the CSV above says which one).
stream=$(awk -F, 'NR == 3 { print $1 }' "$W/report.csv")
[ -n "$stream" ] || fail "the CSV report has fewer than two connections"
tshark_tlsi -r "$W/all.pcapng" "${tlsi_ports[@]}" --disable-protocol tls \
    -o "tlsi.keylog_file:$W/all.keylog" -q -z "tlsi,sessions_table,tcp.stream==$stream" \
    >"$W/filtered.txt"
tshark_tlsi -r "$W/all.pcapng" "${tls_ports[@]}" --disable-protocol tlsi \
    -o "tls.keylog_file:$W/all.keylog" -T fields -E occurrence=a -E separator=/t \
    $(python3 "$TLSI_SOURCE_DIR/tests/lib/builtin_sessions.py") -Y tls >"$W/builtin.tsv"

PYTHONPATH="$TLSI_SOURCE_DIR/tests/lib" python3 - "$W" "$stream" <<'PYEOF'
import csv, sys

import builtin_sessions

w, stream = sys.argv[1], sys.argv[2]
errors = []


def table(path):
    """tshark's stat table: a "col |col |" header after "Filter for
    statistics:", the table's title, then one "value |value |" line per row
    up to the closing "=====" line."""
    lines = open(path).read().split("\n")
    try:
        i = next(n for n, l in enumerate(lines) if l.startswith("Filter for statistics:"))
    except StopIteration:
        sys.exit("no stat table in %s:\n%s" % (path, "\n".join(lines[:20])))
    cols = lines[i + 1].split(" |")[:-1]
    if lines[i + 2] != "TLSI Sessions":
        errors.append("%s: table title %r" % (path, lines[i + 2]))
    rows = []
    for l in lines[i + 3:]:
        if l.startswith("====="):
            break
        cells = l.split(" |")
        if len(cells) != len(cols) + 1 or cells[-1] != "":
            errors.append("%s: %d cells for %d columns: %r" % (path, len(cells) - 1, len(cols), l))
            continue
        rows.append(dict(zip(cols, cells)))
    return cols, rows


cols, rows = table(w + "/table.txt")
with open(w + "/report.csv") as f:
    reader = csv.DictReader(f)
    report = list(reader)
    report_cols = reader.fieldnames
if cols != report_cols:
    errors.append("columns: table %s, report %s" % (cols, report_cols))
if len(rows) != len(report):
    errors.append("rows: table %d, report %d" % (len(rows), len(report)))
cells = 0
for t, r in zip(rows, report):
    for c in report_cols:
        want = r[c].replace(" | ", "; ")
        cells += 1
        if t.get(c) != want:
            errors.append("stream %s %s: table %r, report %r" % (r["stream"], c, t.get(c), want))

seen = builtin_sessions.view(w + "/builtin.tsv")
if sorted(int(t["stream"]) for t in rows) != sorted(seen):
    errors.append("streams: table %s, built-in %s" % (sorted(int(t["stream"]) for t in rows),
                                                      sorted(seen)))
checked = 0
for t in rows:
    b = seen.get(int(t["stream"]))
    if b is None:
        continue
    want = {"sni": b["sni"] or "", "version_id": b["version"] or "",
            "cipher_suite_id": b["suite"] or "",
            "server_cert_subject": "; ".join(b["certs"].get(t["server_port"], []))}
    for k, v in want.items():
        checked += 1
        if t[k] != v:
            errors.append("stream %s %s: table %r, built-in %r" % (t["stream"], k, t[k], v))

_, frows = table(w + "/filtered.txt")
if [f["stream"] for f in frows] != [stream]:
    errors.append("filter tcp.stream==%s: rows for streams %s" % (stream,
                                                                 [f["stream"] for f in frows]))
elif frows[0] != next(t for t in rows if t["stream"] == stream):
    errors.append("filter tcp.stream==%s: the row differs from the unfiltered one" % stream)

if errors:
    print("\n".join(errors[:40]))
    sys.exit(1)
print("sessions_table: %d rows x %d columns equal to the report's, %d fields equal to the "
      "built-in's, filter keeps stream %s" % (len(rows), len(cols), checked, stream))
PYEOF
