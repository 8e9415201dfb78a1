# SPDX-License-Identifier: GPL-2.0-or-later
"""What Wireshark's built-in TLS dissector shows per TCP stream, as the oracle
for the session report (tests/integration/sessions.sh) and its Statistics
table (tests/integration/sessions_table.sh).

The input is the built-in's "-T fields -E occurrence=a -E separator=/t"
output of the fields in FIELDS, in that order (shell: see TSHARK_ARGS).
Per stream: the SNI of the first ClientHello, the version (supported_versions
of the first ServerHello, else its version) and cipher suite of the first
ServerHello, and the subjects of each side's first Certificate (by the
sender's TCP port), as OpenSSL prints them (RFC 2253) from the DER the
built-in shows.
"""
import subprocess

FIELDS = ["tcp.stream", "tcp.srcport", "tls.handshake.type",
          "tls.handshake.extensions_server_name",
          "tls.handshake.extensions.supported_version", "tls.handshake.version",
          "tls.handshake.ciphersuite", "tls.handshake.certificate"]


def subject(der_hex):
    out = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout", "-subject",
                          "-nameopt", "RFC2253"], input=bytes.fromhex(der_hex),
                         capture_output=True, check=True).stdout.decode().strip()
    return out.split("=", 1)[1] if out.startswith("subject=") else out


def view(tsv_path):
    """{stream: {"sni", "version", "suite", "certs": {port: [subject, ...]}}}"""
    seen = {}
    for line in open(tsv_path):
        f = line.rstrip("\n").split("\t")
        f += [""] * (len(FIELDS) - len(f))
        stream, sport, types, sni, sv, ver, suites, certs = f[:len(FIELDS)]
        s = seen.setdefault(int(stream), {"sni": None, "version": None, "suite": None,
                                          "certs": {}})
        types = types.split(",") if types else []
        if "1" in types and s["sni"] is None:
            s["sni"] = sni or ""
        if "2" in types and "1" not in types and s["version"] is None:
            s["version"] = (sv or ver).split(",")[0]
            s["suite"] = suites.split(",")[0]
        if "11" in types and certs and sport not in s["certs"]:
            s["certs"][sport] = [subject(c) for c in certs.split(",")]
    return seen


if __name__ == "__main__":
    # "builtin_sessions.py fields": the -e arguments, one per line.
    print("\n".join("-e\n" + f for f in FIELDS))
