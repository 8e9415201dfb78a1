#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Decryption diagnostics: bad key material must give the
# tlsi.decryption.failed expert info with a reason that says what is wrong,
# and no plaintext at all (no tlsi.app_data, no HTTP); key files tlsi cannot
# load must be named on stderr; good key material next to bad must still
# work. Where something is decrypted, the plaintext must be the built-in
# dissector's (with the capture's key log), and tlsi.decryption.key_source
# must name the key material that was used.
source "$(dirname "$0")/../lib/env.sh"
source "$TLSI_SOURCE_DIR/tests/lib/decrypt.sh"

KL12=tls12-ecdhe-rsa-aes128gcm        # ECDHE, TLS 1.2, AES-GCM: needs the key log
KL13=tls13-aes128gcm                  # TLS 1.3, AES-GCM
ETM=tls12-ecdhe-rsa-aes256-sha384-etm # TLS 1.2 CBC, encrypt-then-MAC
RSA=tls12-rsa-aes128gcm               # RSA key exchange: the RSA key alone decrypts it
T=$TLSI_TMP
failed=0
check() { "$@" || failed=$((failed + 1)); }

# stderr_has OUT WHAT REGEX...: OUT.err matches every (extended, case-blind) REGEX.
stderr_has() {
    local out=$1 what=$2 re
    shift 2
    for re in "$@"; do
        if ! grep -qiE -- "$re" "$out.err"; then
            echo "$what: stderr does not match /$re/; it was:"
            sed 's/^/    /' "$out.err"
            return 1
        fi
    done
    echo "$what: stderr: $(head -c 300 "$out.err" | tr '\n' ' ')"
}

# same_as_builtin OUT NAME WHAT: tlsi's plaintext in OUT.json is the built-in's
# for capture NAME with its key log (computed once per capture).
same_as_builtin() {
    local out=$1 name=$2 what=$3 file port keylog rsa
    read -r _ file port keylog rsa < <(manifest_entry "$name")
    if [ ! -e "$T/builtin-$name.json" ]; then
        builtin_run "$file" "$port" "$out.json" "$T/builtin-$name" \
            -o "tls.keylog_file:$CAPS/$keylog"
        [ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["plain"]))' \
            "$T/builtin-$name.json")" -gt 0 ] || fail "$name: the built-in dissector decrypted nothing"
    fi
    $PLAINTEXT compare "$what" "$out.json" "$T/builtin-$name.json"
}

# run NAME OUT PREF...: tlsi over capture NAME with the given -o options.
run() {
    local name=$1 out=$2 file port keylog rsa
    shift 2
    read -r _ file port keylog rsa < <(manifest_entry "$name")
    tlsi_run "$file" "$port" "$out" "$@"
}

# First 16 hex digits of the client random of the first key log line with LABEL.
client_random() {
    awk -v l="$2" '$1 == l { print substr($2, 1, 16); exit }' "$(keylog_of "$1")"
}

keylog_of() {
    local file port keylog rsa
    read -r _ file port keylog rsa < <(manifest_entry "$1")
    echo "$CAPS/$keylog"
}

# quiet OUT WHAT: nothing on tshark's stderr.
quiet() {
    [ ! -s "$1.err" ] && return 0
    echo "$2: unexpected stderr:"
    sed 's/^/    /' "$1.err"
    return 1
}

rsa_pref() { echo "uat:tlsi_rsa_keys:\"$1\",\"$2\""; }

# --- (a) wrong key log: one hex digit of every secret flipped ---------------
for name in $KL12 $KL13 $ETM; do
    awk '/^#/ || NF != 3 { print; next }
         { c = substr($3, 1, 1); print $1, $2, (c == "0" ? "1" : "0") substr($3, 2) }' \
        "$(keylog_of $name)" >"$T/$name.wrong.keylog"
    cmp -s "$(keylog_of $name)" "$T/$name.wrong.keylog" && fail "$name: flipping the secrets changed nothing"
    chmod a+r "$T/$name.wrong.keylog"
    run "$name" "$T/a-$name" -o "tlsi.keylog_file:$T/$name.wrong.keylog"
    check $DIAG fail "(a) $name, wrong key log" 'MAC|tag' <"$T/a-$name.out"
done

# --- (b) empty key log for ECDHE sessions -----------------------------------
: >"$T/empty.keylog"
chmod a+r "$T/empty.keylog"
run $KL12 "$T/b12" -o "tlsi.keylog_file:$T/empty.keylog"
cr=$(client_random $KL12 CLIENT_RANDOM)
[ -n "$cr" ] || fail "$KL12: no CLIENT_RANDOM line in its key log"
check $DIAG fail "(b) $KL12, empty key log" "^(?=.*CLIENT_RANDOM)(?=.*key log)(?=.*$cr)" <"$T/b12.out"
run $KL13 "$T/b13" -o "tlsi.keylog_file:$T/empty.keylog"
cr=$(client_random $KL13 CLIENT_HANDSHAKE_TRAFFIC_SECRET)
[ -n "$cr" ] || fail "$KL13: no CLIENT_HANDSHAKE_TRAFFIC_SECRET line in its key log"
check $DIAG fail "(b) $KL13, empty key log" "^(?=.*SECRET)(?=.*key log)(?=.*$cr)" <"$T/b13.out"

# --- (c) an RSA key that is not the server's ---------------------------------
openssl genrsa -out "$T/other-rsa.key" 2048 2>/dev/null || fail "openssl genrsa failed"
chmod a+r "$T/other-rsa.key"
run $RSA "$T/c" -o "$(rsa_pref "$T/other-rsa.key" "")"
check $DIAG fail "(c) $RSA, another RSA key" 'no configured .*key.* match.* server certificate' <"$T/c.out"
if grep -qi "not loaded" "$T/c.err"; then
    echo "(c) $RSA: a valid RSA key was reported as not loaded:"; cat "$T/c.err"; failed=$((failed + 1))
fi

# --- (d) truncated RSA key file ----------------------------------------------
src=$CAPS/keys/rsa-server.key
head -c $(($(wc -c <"$src") / 2)) "$src" >"$T/truncated.key"
chmod a+r "$T/truncated.key"
run $RSA "$T/d" -o "$(rsa_pref "$T/truncated.key" "")"
check stderr_has "$T/d" "(d) $RSA, truncated RSA key" "not loaded" "$T/truncated.key"
check $DIAG fail "(d) $RSA, truncated RSA key" 'RSA' <"$T/d.out"
# ... given together with a key log, the key log still works: for an ECDHE
# session, and for the RSA key-exchange session itself.
for name in $KL12 $RSA; do
    run $name "$T/d-$name" -o "$(rsa_pref "$T/truncated.key" "")" \
        -o "tlsi.keylog_file:$(keylog_of $name)"
    check stderr_has "$T/d-$name" "(d) $name, truncated RSA key + key log" "not loaded" "$T/truncated.key"
    check $DIAG ok "(d) $name, truncated RSA key + key log" 'key log' <"$T/d-$name.out"
    check same_as_builtin "$T/d-$name" $name "(d) $name, truncated RSA key + key log"
done

# --- (e) key logs with junk around one good line -----------------------------
python3 - "$(keylog_of $KL12)" "$T/binary.keylog" "$T/longline.keylog" <<'PYEOF'
import sys
good = [l for l in open(sys.argv[1], "rb").read().splitlines(True) if l.startswith(b"CLIENT_RANDOM ")]
assert len(good) == 1, "expected one CLIENT_RANDOM line"
# A binary file (every byte value, NULs included) with the good line after it.
open(sys.argv[2], "wb").write(bytes(range(256)) * 1024 + b"\n" + good[0])
# A 1 MB line that starts like an entry, then the good line.
open(sys.argv[3], "wb").write(b"CLIENT_RANDOM " + b"a" * (1 << 20) + b"\n" + good[0])
PYEOF
chmod a+r "$T/binary.keylog" "$T/longline.keylog"
for kind in binary longline; do
    run $KL12 "$T/e-$kind" -o "tlsi.keylog_file:$T/$kind.keylog"
    [ -s "$T/e-$kind.err" ] && echo "(e) $kind key log: stderr: $(head -c 300 "$T/e-$kind.err")"
    check $DIAG ok "(e) $KL12, $kind key log" 'key log' <"$T/e-$kind.out"
    check same_as_builtin "$T/e-$kind" $KL12 "(e) $KL12, $kind key log"
done

# --- (f) password-protected RSA keys -----------------------------------------
enc=$(ls "$CAPS"/keys/*enc* | head -n 1)
p12=$CAPS/keys/rsa-server.p12
[ -f "$enc" ] && [ -f "$p12" ] || fail "no encrypted key files in test-captures/keys"
run $RSA "$T/f-wrong" -o "$(rsa_pref "$enc" "not-the-password")"
check stderr_has "$T/f-wrong" "(f) encrypted PKCS#8, wrong password" "not loaded" "$enc" "password"
check $DIAG fail "(f) $RSA, encrypted PKCS#8, wrong password" 'RSA' <"$T/f-wrong.out"
run $RSA "$T/f-p12-wrong" -o "$(rsa_pref "$p12" "not-the-password")"
check stderr_has "$T/f-p12-wrong" "(f) PKCS#12, wrong password" "not loaded" "$p12" "password"
check $DIAG fail "(f) $RSA, PKCS#12, wrong password" 'RSA' <"$T/f-p12-wrong.out"
for key in "$enc" "$p12"; do
    what="(f) $RSA, $(basename "$key") with its password"
    run $RSA "$T/f-ok" -o "$(rsa_pref "$key" "tlsi-test")"
    check quiet "$T/f-ok" "$what"
    check $DIAG ok "$what" '^RSA private key$' <"$T/f-ok.out"
    check same_as_builtin "$T/f-ok" $RSA "$what"
done

# --- key source: RSA key alone, and key log ---------------------------------
while read -r name file port keylog rsa; do
    [ "$rsa" = "-" ] && continue
    tlsi_run "$file" "$port" "$T/ks-rsa" -o "$(rsa_pref "$CAPS/$rsa" "")"
    # The sslv2hello captures' second connection resumes the first one's session.
    src='^RSA private key$'
    case $name in sslv2hello-*) src='^(RSA private key|resumed session)$' ;; esac
    check $DIAG ok "key source, $name, RSA key only" "$src" <"$T/ks-rsa.out"
done < <(manifest)
# Key logs: one RSA key-exchange session (the key log, not the RSA key, is
# the source when no RSA key is given) and the sessions with special flows.
for name in $RSA $KL12 $KL13 tls12-resume-session-id tls12-resume-ticket tls12-renegotiation \
    tls13-resume-psk tls13-key-update tls13-hello-retry-request tls13-early-data; do
    run $name "$T/ks-kl" -o "tlsi.keylog_file:$(keylog_of $name)"
    check $DIAG ok "key source, $name, key log" '^key log' <"$T/ks-kl.out"
done

[ "$failed" = 0 ] || fail "decrypt_diagnostics: $failed check(s) failed"
echo "decrypt_diagnostics: all checks passed"
