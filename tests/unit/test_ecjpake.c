/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_ecjpake.c - the EC J-PAKE key exchange messages of
 * draft-cragie-tls-ecjpake-01 (TLS_ECJPAKE_WITH_AES_128_CCM_8, 0xC0FF, used
 * by Thread). No stack on this system speaks it, so the messages are built
 * here from the draft's structures:
 *   ClientKeyExchange = ECJPAKEKeyKP
 *   ServerKeyExchange = ECParameters (curve_type 3, NamedCurve) || ECJPAKEKeyKP
 *   ECJPAKEKeyKP      = ECPoint X || ECSchnorrZKP { ECPoint V; opaque r<1..255> }
 *   ECPoint           = opaque point<1..255>
 * Every field's span is checked, then every truncation, every over-long and
 * zero length prefix and a trailing byte. Each parse reads from a heap
 * buffer of exactly the given size, so an over-read shows under ASan or
 * valgrind.
 */
#include <gcrypt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cipher_suites.h"
#include "handshake.h"
#include "tcheck.h"

/* P-256 sizes, as Thread uses: uncompressed points (65 bytes) and a 32-byte r. */
enum { PT = 65, RLEN = 32, KP_LEN = 1 + PT + 1 + PT + 1 + RLEN };

static const tlsi_hs_ctx cctx = {0x0303, TLSI_KEX_ECJPAKE, 0};
static const tlsi_hs_ctx sctx = {0x0303, TLSI_KEX_ECJPAKE, 1};

/* Write ECJPAKEKeyKP at p with byte values tagged by field (X 0x10.., V 0x20..,
 * r 0x30..) so a wrong span shows as wrong content. Returns its length. */
static size_t put_kp(uint8_t *p)
{
    size_t o = 0;

    p[o++] = PT;
    p[o++] = 0x04; /* uncompressed point form (SEC 1 2.3.3) */
    for (size_t i = 1; i < PT; i++)
        p[o++] = (uint8_t)(0x10 + i);
    p[o++] = PT;
    p[o++] = 0x04;
    for (size_t i = 1; i < PT; i++)
        p[o++] = (uint8_t)(0x20 + i);
    p[o++] = RLEN;
    for (size_t i = 0; i < RLEN; i++)
        p[o++] = (uint8_t)(0x30 + i);
    return o;
}

static size_t build_cke(uint8_t *p)
{
    return put_kp(p);
}

static size_t build_ske(uint8_t *p)
{
    p[0] = 3;    /* named_curve */
    p[1] = 0x00; /* secp256r1 (23) */
    p[2] = 0x17;
    return 3 + put_kp(p + 3);
}

/* Parse a copy of b[0..n) held in a heap block of exactly n bytes. */
static tlsi_err parse(int server, const uint8_t *b, size_t n, tlsi_server_key_exchange *ske,
                      tlsi_client_key_exchange *cke, uint32_t *off)
{
    uint8_t *h = malloc(n ? n : 1);
    tlsi_err e;

    if (!h)
        abort();
    memcpy(h, b, n);
    *off = 0xdead;
    if (server)
        e = tlsi_server_key_exchange_parse(h, n, &sctx, ske, off);
    else
        e = tlsi_client_key_exchange_parse(h, n, &cctx, cke, off);
    free(h);
    return e;
}

static void check_kp(const tlsi_ecjpake_kp *kp, const uint8_t *msg, uint32_t at)
{
    CHECK_EQ(kp->x.off, at + 1);
    CHECK_EQ(kp->x.len, PT);
    CHECK_EQ(msg[kp->x.off], 0x04);
    CHECK_EQ(msg[kp->x.off + PT - 1], 0x10 + PT - 1);
    CHECK_EQ(kp->v.off, at + 1 + PT + 1);
    CHECK_EQ(kp->v.len, PT);
    CHECK_EQ(msg[kp->v.off + 1], 0x21);
    CHECK_EQ(kp->r.off, at + 1 + PT + 1 + PT + 1);
    CHECK_EQ(kp->r.len, RLEN);
    CHECK_EQ(msg[kp->r.off], 0x30);
    CHECK_EQ(msg[kp->r.off + RLEN - 1], 0x30 + RLEN - 1);
    /* The one-byte length sits just before each value: what the tree draws. */
    CHECK_EQ(msg[kp->x.off - 1], PT);
    CHECK_EQ(msg[kp->v.off - 1], PT);
    CHECK_EQ(msg[kp->r.off - 1], RLEN);
}

static void test_spans(void)
{
    uint8_t m[16 + 2 * KP_LEN];
    tlsi_server_key_exchange ske;
    tlsi_client_key_exchange cke;
    uint32_t off;
    size_t n;

    n = build_cke(m);
    CHECK_EQ(n, KP_LEN);
    CHECK_EQ(parse(0, m, n, &ske, &cke, &off), TLSI_OK);
    CHECK_EQ(cke.kex, TLSI_KEX_ECJPAKE);
    check_kp(&cke.ecjpake, m, 0);
    CHECK_EQ(cke.exchange.len, 0);
    CHECK_EQ(cke.psk_identity.len, 0);

    n = build_ske(m);
    CHECK_EQ(n, 3 + KP_LEN);
    CHECK_EQ(parse(1, m, n, &ske, &cke, &off), TLSI_OK);
    CHECK_EQ(ske.curve_type, 3);
    CHECK_EQ(ske.curve_type_span.off, 0);
    CHECK_EQ(ske.curve_type_span.len, 1);
    CHECK_EQ(ske.named_curve, 23);
    CHECK_EQ(ske.named_curve_span.off, 1);
    CHECK_EQ(ske.named_curve_span.len, 2);
    check_kp(&ske.ecjpake, m, 3);
    CHECK_EQ(ske.ec_point.len, 0); /* no ECDH point: X is not one */
    CHECK_EQ(ske.params.off, 0);
    CHECK_EQ(ske.params.len, n);
    CHECK_EQ(ske.sig.present, 0); /* the proofs authenticate; nothing is signed */
}

/* Every cut must fail (SHORT or BAD_LENGTH) at or before the cut; one byte
 * too many must be TRAILING at the end. */
static void test_cuts(int server)
{
    uint8_t m[16 + 2 * KP_LEN + 1];
    tlsi_server_key_exchange ske;
    tlsi_client_key_exchange cke;
    uint32_t off;
    size_t n = server ? build_ske(m) : build_cke(m);
    tlsi_err e;

    for (size_t k = 0; k < n; k++) {
        e = parse(server, m, k, &ske, &cke, &off);
        if (e != TLSI_ERR_SHORT && e != TLSI_ERR_BAD_LENGTH) {
            fprintf(stderr, "%s cut at %zu: %s\n", server ? "SKE" : "CKE", k, tlsi_err_str(e));
            CHECK(0);
        }
        CHECK(off <= k);
    }
    m[n] = 0;
    CHECK_EQ(parse(server, m, n + 1, &ske, &cke, &off), TLSI_ERR_TRAILING);
    CHECK_EQ(off, n);
}

/* Each of the three length bytes: longer than what remains, the maximum
 * (255), and zero (below the minimum of 1) are errors at that byte. */
static void test_lengths(int server)
{
    uint8_t m[16 + 2 * KP_LEN];
    tlsi_server_key_exchange ske;
    tlsi_client_key_exchange cke;
    uint32_t off;
    size_t base = server ? 3 : 0;
    size_t n = server ? build_ske(m) : build_cke(m);
    const size_t at[3] = {base, base + 1 + PT, base + 1 + PT + 1 + PT};
    tlsi_err e;

    for (size_t i = 0; i < 3; i++) {
        uint8_t keep = m[at[i]];
        size_t remain = n - at[i] - 1; /* the bytes after this length byte */
        uint8_t bad[3];

        CHECK(remain < 255); /* so remain + 1 and 255 are both over-long */
        bad[0] = (uint8_t)(remain + 1);
        bad[1] = 255;
        bad[2] = 0;
        for (size_t j = 0; j < 3; j++) {
            m[at[i]] = bad[j];
            e = parse(server, m, n, &ske, &cke, &off);
            CHECK_EQ(e, bad[j] == 0 ? TLSI_ERR_BAD_LENGTH : TLSI_ERR_SHORT);
            CHECK_EQ(off, at[i]);
        }
        m[at[i]] = keep;
    }
    /* A shorter X that leaves V's bytes to be read as X's tail: the parse
     * goes on from a wrong place but stays inside the message. */
    m[base] = 1;
    e = parse(server, m, n, &ske, &cke, &off);
    CHECK(e != TLSI_OK);
    CHECK(off <= n);
}

static void test_curve_params(void)
{
    uint8_t m[16 + 2 * KP_LEN];
    tlsi_server_key_exchange ske;
    tlsi_client_key_exchange cke;
    uint32_t off;
    size_t n = build_ske(m);

    /* explicit_prime (1) and explicit_char2 (2): deprecated, not decoded. */
    m[0] = 1;
    CHECK_EQ(parse(1, m, n, &ske, &cke, &off), TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(off, 0);
    m[0] = 2;
    CHECK_EQ(parse(1, m, n, &ske, &cke, &off), TLSI_ERR_UNSUPPORTED);
    m[0] = 0;
    CHECK_EQ(parse(1, m, n, &ske, &cke, &off), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(off, 0);
    m[0] = 4;
    CHECK_EQ(parse(1, m, n, &ske, &cke, &off), TLSI_ERR_BAD_VALUE);
    /* An empty message: nothing at all to read. */
    CHECK_EQ(parse(1, m, 0, &ske, &cke, &off), TLSI_ERR_SHORT);
    CHECK_EQ(parse(0, m, 0, &ske, &cke, &off), TLSI_ERR_SHORT);
}

static void test_suite(void)
{
    const tlsi_suite *s = tlsi_suite_find(0xC0FF);
    char why[128];

    CHECK(s != NULL);
    if (!s)
        return;
    CHECK(strcmp(s->name, "TLS_ECJPAKE_WITH_AES_128_CCM_8") == 0);
    CHECK_EQ(s->kex, TLSI_KEX_ECJPAKE);
    CHECK_EQ(s->cipher, TLSI_CIPHER_AES_128_CCM_8);
    CHECK_EQ(s->prf, TLSI_HASH_SHA256);
    CHECK(strcmp(tlsi_kex_name(TLSI_KEX_ECJPAKE), "ECJPAKE") == 0);
    /* The master secret is the ordinary TLS 1.2 one: a key log decrypts it. */
    CHECK_EQ(tlsi_suite_decryptable(s, why, sizeof why), 1);
}

int main(void)
{
    gcry_check_version(NULL);
    test_spans();
    test_cuts(0);
    test_cuts(1);
    test_lengths(0);
    test_lengths(1);
    test_curve_params();
    test_suite();
    return tc_done();
}
