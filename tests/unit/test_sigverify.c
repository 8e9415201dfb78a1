/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_sigverify.c - certificate summaries (certinfo.c) and chain links
 * (sigverify.c) on a real two-certificate chain: the P-384 server
 * certificate and the CA that signed it (test-captures/keys, DER copies in
 * data/ made by make-keys.sh). Expected values are what
 * `openssl x509 -noout -subject -issuer -dates -ext subjectAltName
 * -nameopt RFC2253` prints for these files. The signatures of whole
 * handshakes are tested on real captures by tests/integration/signatures.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certinfo.h"
#include "crypto_init.h"
#include "sigverify.h"
#include "tcheck.h"

static uint8_t leaf[4096], ca[4096];
static size_t leaf_len, ca_len;

static size_t load(const char *name, uint8_t *buf, size_t cap)
{
    char path[1200];
    const char *root = getenv("TLSI_SOURCE_DIR");
    FILE *f;
    size_t n;

    snprintf(path, sizeof path, "%s/tests/unit/data/%s", root ? root : ".", name);
    f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(1);
    }
    n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

static void put24(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 16);
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)v;
}

/* A TLS 1.2 Certificate message (RFC 5246 7.4.2) holding a then b. */
static size_t certificate_msg(uint8_t *out, const uint8_t *a, size_t alen, const uint8_t *b,
                              size_t blen)
{
    size_t list = 3 + alen + 3 + blen;

    out[0] = 11;
    put24(out + 1, 3 + list);
    put24(out + 4, list);
    put24(out + 7, alen);
    memcpy(out + 10, a, alen);
    put24(out + 10 + alen, blen);
    memcpy(out + 13 + alen, b, blen);
    return 4 + 3 + list;
}

static void test_certinfo(void)
{
    tlsi_certinfo ci;
    static const uint8_t garbage[] = {0x30, 0x03, 0x02, 0x01, 0x00};

    CHECK_EQ(tlsi_certinfo_parse(leaf, leaf_len, &ci), TLSI_OK);
    CHECK(strcmp(ci.subject, "CN=localhost,O=tlsi test") == 0);
    CHECK(strcmp(ci.issuer, "CN=tlsi test CA,O=tlsi test") == 0);
    CHECK_EQ(ci.not_before, 1796449344); /* 2026-12-05 05:42:24Z */
    CHECK_EQ(ci.not_after, 4950049344LL); /* 2126-11-11 05:42:24Z */
    CHECK(strcmp(ci.san, "DNS:localhost,IP:127.0.0.1") == 0);
    CHECK(strstr(ci.key, "384") != NULL);
    CHECK(strcmp(ci.sig_alg, "ECDSA-SHA384") == 0);
    CHECK_EQ(tlsi_certinfo_parse(garbage, sizeof garbage, &ci), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(ci.subject[0], 0);
}

static void chain(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen,
                  tlsi_sig_status want0)
{
    static uint8_t msg[10000];
    size_t n = certificate_msg(msg, a, alen, b, blen);
    tlsi_sigv *v = tlsi_sigv_new();
    tlsi_sigv_result r;

    tlsi_sigv_handshake(v, 1, msg, n, &r);
    CHECK_EQ(r.n_certs, 2);
    CHECK_EQ(r.chain[0], want0);
    CHECK_EQ(r.chain[1], TLSI_SIG_UNCHECKED); /* nothing in the message signs the last one */
    CHECK_EQ(r.sig, TLSI_SIG_NONE);
    CHECK_EQ(tlsi_sigv_get_summary(v)->chain_ok, want0 == TLSI_SIG_OK);
    CHECK_EQ(tlsi_sigv_get_summary(v)->chain_bad, want0 == TLSI_SIG_BAD);
    tlsi_sigv_free(v);
}

static void test_chain(void)
{
    uint8_t bad[4096];
    size_t i;

    chain(leaf, leaf_len, ca, ca_len, TLSI_SIG_OK);
    chain(ca, ca_len, leaf, leaf_len, TLSI_SIG_BAD); /* the CA is not signed by the leaf */
    memcpy(bad, leaf, leaf_len);
    bad[leaf_len - 1] ^= 1; /* last byte of the leaf's ECDSA signature */
    chain(bad, leaf_len, ca, ca_len, TLSI_SIG_BAD);
    /* Cut short at every length: never a crash, never OK. */
    for (i = 0; i + 1 < leaf_len; i += 37) {
        static uint8_t msg[10000];
        size_t n = certificate_msg(msg, leaf, leaf_len, ca, ca_len);
        tlsi_sigv *v = tlsi_sigv_new();
        tlsi_sigv_result r;
        tlsi_sigv_handshake(v, 1, msg, i, &r);
        CHECK(r.n_certs == 0 || r.chain[0] != TLSI_SIG_OK || i >= n);
        tlsi_sigv_free(v);
    }
}

int main(void)
{
    if (tlsi_crypto_init() != TLSI_OK)
        return 1;
    leaf_len = load("p384-server.der", leaf, sizeof leaf);
    ca_len = load("p384-ca.der", ca, sizeof ca);
    CHECK(leaf_len > 100 && ca_len > 100);
    test_certinfo();
    test_chain();
    return tc_done();
}
