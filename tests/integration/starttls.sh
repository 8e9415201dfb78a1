#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# TLS that starts inside another protocol, with no preference set: STARTTLS
# of SMTP (25, 587), IMAP, POP3, FTP, LDAP, XMPP (5222, 5269), NNTP,
# PostgreSQL and MySQL, and TLS after an HTTP CONNECT or SOCKS 4/4a/5 proxy
# handshake (test-captures/starttls: real OpenSSL s_client and curl against
# the servers of its generate.py, with key logs).
#
# The captures are concatenated into one (one TCP connection each, in
# manifest order) so that a handful of tshark runs cover them all. tshark
# runs with tlsi loaded and nothing configured but the key log (for both
# dissectors); the built-in stays enabled. tests/lib/starttls_check.py
# checks, per connection, on two passes and on one:
#  * every frame with built-in TLS records has tlsi records, and no frame is
#    the built-in's: its STARTTLS hook does not win;
#  * the frames before the TLS part have the same frame.protocols as with
#    the built-in alone, and the manifest's plaintext protocol is among them;
#  * records (type, version, length) and decrypted bytes (tlsi.app_data
#    against -z follow,tls,raw) per direction are the built-in's, not empty.
# Then -o tlsi.starttls:FALSE leaves every STARTTLS connection to the
# built-in, and -o tlsi.heuristic:FALSE every proxied one.
source "$(dirname "$0")/../lib/env.sh"
CHECK="python3 $TLSI_SOURCE_DIR/tests/lib/starttls_check.py"
D="$CAPS/starttls"
W="$TLSI_TMP/starttls"
mkdir -p "$W"
chmod a+rwx "$W"

files=() n=0
while IFS=$'\t' read -r name file rest; do
    [ "$name" = name ] && continue
    files+=("$D/$file")
    cat "$D/$name.keylog" >>"$W/all.keylog"
    n=$((n + 1))
done <"$D/manifest.tsv"
[ "$n" -ge 16 ] || fail "expected 16 captures in test-captures/starttls/manifest.tsv, found $n"
mergecap -a -w "$W/all.pcapng" "${files[@]}"
chmod a+r "$W"/*
KL=(-o "tlsi.keylog_file:$W/all.keylog" -o "tls.keylog_file:$W/all.keylog")
M="$D/manifest.tsv"

run() { # OUT ARGS...
    local out=$1
    shift
    tshark_tlsi -r "$W/all.pcapng" "${KL[@]}" "$@" >"$out" 2>"$out.err" ||
        { cat "$out.err" >&2; fail "tshark $*"; }
}
follow=()
# Stream numbers may skip: follow more than there are connections.
for ((s = 0; s < 2 * n + 4; s++)); do follow+=(-z "follow,tls,raw,$s"); done

run "$W/b.pdml" -2 --disable-protocol tlsi -T pdml
run "$W/b.follow" -2 --disable-protocol tlsi -q "${follow[@]}"
run "$W/t2.pdml" -2 -T pdml
run "$W/t1.pdml" -T pdml

failures=0
$CHECK compare "$M" "$W/b.pdml" "$W/b.follow" "$W/t2.pdml" "two passes" || failures=$((failures + 1))
$CHECK compare "$M" "$W/b.pdml" "$W/b.follow" "$W/t1.pdml" "one pass" || failures=$((failures + 1))

run "$W/nost.pdml" -2 -o tlsi.starttls:FALSE -T pdml
$CHECK none "$M" "$W/nost.pdml" starttls- || { echo "FAIL: -o tlsi.starttls:FALSE" >&2; failures=$((failures + 1)); }
run "$W/noheur.pdml" -2 -o tlsi.heuristic:FALSE -T pdml
$CHECK none "$M" "$W/noheur.pdml" proxy- || { echo "FAIL: -o tlsi.heuristic:FALSE" >&2; failures=$((failures + 1)); }

[ "$failures" = 0 ] || fail "starttls: $failures checks failed"
echo "starttls: all $n captures checked"
