#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make-keys.sh - regenerate the key and certificate fixtures used by
# tests/unit/test_rsa_keys.c. Run once from this directory with the openssl CLI
# (OpenSSL 3); the outputs are committed so the tests need no tools. The
# tests compare against values recorded here by openssl (modulus.hex,
# premaster.bin/.enc), never against tlsi's own output.
set -eu
cd "$(dirname "$0")"
PASS=tlsi-test

# The RSA-2048 key in every container format tlsi must read.
openssl genrsa -traditional -out rsa-pkcs1.pem 2048
openssl rsa -in rsa-pkcs1.pem -traditional -outform DER -out rsa-pkcs1.der
openssl pkcs8 -topk8 -nocrypt -in rsa-pkcs1.pem -out rsa-pkcs8.pem
openssl pkcs8 -topk8 -nocrypt -in rsa-pkcs1.pem -outform DER -out rsa-pkcs8.der
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:$PASS -in rsa-pkcs1.pem -out rsa-pkcs8-enc.pem

# A self-signed certificate for the key, and PKCS#12 bundles of both: the
# OpenSSL 3 default (AES-256-CBC, PBKDF2, HMAC-SHA-256) and the older
# 3DES / SHA-1 one still produced by many tools.
openssl req -x509 -new -key rsa-pkcs1.pem -subj /CN=tlsi-test -days 36500 -sha256 \
    -out cert.pem
openssl x509 -in cert.pem -outform DER -out cert.der
openssl pkcs12 -export -inkey rsa-pkcs1.pem -in cert.pem -passout pass:$PASS -out rsa.p12
openssl pkcs12 -export -inkey rsa-pkcs1.pem -in cert.pem -passout pass:$PASS \
    -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -out rsa-3des.p12
rm cert.pem

# The modulus as openssl prints it (upper-case hex, no leading zeros).
openssl rsa -in rsa-pkcs1.pem -noout -modulus | sed 's/^Modulus=//' > modulus.hex

# A known premaster (client_version 3,3 then 46 fixed bytes) encrypted with
# PKCS#1 v1.5 under the public key, as a TLS client would.
printf '\003\003' > premaster.bin
printf 'tlsi premaster secret fixture 0123456789abcdef' >> premaster.bin
openssl rsa -in rsa-pkcs1.pem -pubout -out rsa-pub.pem
openssl pkeyutl -encrypt -pubin -inkey rsa-pub.pem -pkeyopt rsa_padding_mode:pkcs1 \
    -in premaster.bin -out premaster.enc
rm rsa-pub.pem

# Keys tlsi must refuse: not RSA, cut short, not a key at all.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.pem
openssl req -x509 -new -key ec.pem -subj /CN=tlsi-ec-test -days 36500 -outform DER \
    -out ec-cert.der
head -c 800 rsa-pkcs1.pem > rsa-truncated.pem
head -c 600 rsa-pkcs1.der > rsa-truncated.der
openssl rand -out garbage.bin 1024

# A two-certificate chain for test_sigverify (copies of the test-captures keys,
# so the unit test needs no PEM decoding).
openssl x509 -in ../../../test-captures/keys/p384-server.crt -outform DER -out p384-server.der
openssl x509 -in ../../../test-captures/keys/p384-ca.crt -outform DER -out p384-ca.der
