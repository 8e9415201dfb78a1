#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The session report (-z tlsi,sessions[,json|csv][,FILE]) field by field
# against what the built-in TLS dissector shows for the same connections,
# on every test capture (all merged into one file, one run each):
#   - one row per TCP stream that carries TLS, with the same tcp.stream;
#   - SNI of the ClientHello;
#   - negotiated version (supported_versions of the first ServerHello, else
#     its version) and cipher suite;
#   - subjects of the server's (and client's) certificates, in order, as
#     OpenSSL prints them (RFC 2253) from the DER the built-in shows.
# Also: the JSON is one valid object per line with every documented
# column, CSV has the same rows, and FILE output equals standard output.
source "$(dirname "$0")/../lib/env.sh"

W="$TLSI_TMP/sess"
mkdir -p "$W"
chmod a+rwx "$W"

merge_manifest "$W"

tshark_tlsi -r "$W/all.pcapng" "${tlsi_ports[@]}" --disable-protocol tls \
    -o "tlsi.keylog_file:$W/all.keylog" -q -z tlsi,sessions,json >"$W/report.json"
tshark_tlsi -r "$W/all.pcapng" "${tlsi_ports[@]}" --disable-protocol tls \
    -o "tlsi.keylog_file:$W/all.keylog" -q -z "tlsi,sessions,csv,$W/report.csv" >/dev/null
tshark_tlsi -r "$W/all.pcapng" "${tls_ports[@]}" --disable-protocol tlsi \
    -o "tls.keylog_file:$W/all.keylog" -T fields -E occurrence=a -E separator=/t \
    $(python3 "$TLSI_SOURCE_DIR/tests/lib/builtin_sessions.py") -Y tls >"$W/builtin.tsv"

PYTHONPATH="$TLSI_SOURCE_DIR/tests/lib" python3 - "$W" "$TLSI_SOURCE_DIR/README.md" <<'PYEOF'
import csv, json, re, sys

import builtin_sessions

w, readme = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(w + "/report.json") if l.strip()]
errors = []

# The built-in's view, per TCP stream.
seen = builtin_sessions.view(w + "/builtin.tsv")

if sorted(r["stream"] for r in rows) != sorted(seen):
    errors.append("streams: report %s, built-in %s" % (sorted(r["stream"] for r in rows),
                                                       sorted(seen)))
checked = 0
for r in rows:
    b = seen.get(r["stream"])
    if b is None:
        continue
    want = {"sni": b["sni"] or None, "version_id": b["version"], "cipher_suite_id": b["suite"],
            "server_cert_subject": b["certs"].get(str(r["server_port"]), []),
            "client_cert_subject": (b["certs"].get(str(r["client_port"])) or [None])[0]}
    for k, v in want.items():
        checked += 1
        if r[k] != v:
            errors.append("stream %d %s: report %r, built-in %r" % (r["stream"], k, r[k], v))

# Every column is documented in the README and present in every format.
doc = open(readme).read()
cols = list(rows[0].keys()) if rows else []
for c in cols:
    if not re.search(r"^\| [^|]*`%s`[^|]*\|" % re.escape(c), doc, re.M):
        errors.append("column %s is not documented in README.md" % c)
with open(w + "/report.csv") as f:
    crows = list(csv.DictReader(f))
if [c for c in (crows[0].keys() if crows else [])] != cols or len(crows) != len(rows):
    errors.append("CSV: columns or row count differ from JSON")
for cr, jr in zip(crows, rows):
    if cr["sni"] != (jr["sni"] or "") or cr["cipher_suite"] != (jr["cipher_suite"] or ""):
        errors.append("CSV row differs from JSON: %s" % cr["stream"])

if errors:
    print("\n".join(errors[:40]))
    sys.exit(1)
print("sessions: %d connections, %d fields equal to the built-in's" % (len(rows), checked))
PYEOF
