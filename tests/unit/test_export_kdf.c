/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_export_kdf.c - the export key expansion of SSL 3.0 and TLS 1.0
 * (export_kdf.c, with the key block of prf.c) against known answers that
 * gen_export_kdf_vectors.py computes from RFC 6101 6.2.2 and RFC 2246 5
 * and 6.3 with Python's hashlib/hmac (its TLS 1.0 PRF agrees with
 * `openssl kdf -kdfopt digest:MD5-SHA1 TLS1-PRF`); and RC2 as configured
 * for RC2_CBC_40 against RFC 2268's own test vector.
 */
#include <gcrypt.h>
#include <stdint.h>
#include <string.h>

#include "cipher_suites.h"
#include "export_kdf.h"
#include "prf.h"
#include "tcheck.h"

#include "export_kdf_vectors.h"

static void test_vectors(void)
{
    const uint8_t *master = (const uint8_t *)EXPORT_MASTER;
    const uint8_t *cr = (const uint8_t *)EXPORT_CLIENT_RANDOM;
    const uint8_t *sr = (const uint8_t *)EXPORT_SERVER_RANDOM;

    for (size_t i = 0; i < sizeof export_vectors / sizeof export_vectors[0]; i++) {
        const struct export_vector *v = &export_vectors[i];
        const tlsi_suite *s = tlsi_suite_find(v->suite);
        uint8_t kb[256];
        size_t kb_len;
        tlsi_conn_keys c, sv;
        int before = tc_fail;

        CHECK(s != NULL);
        if (!s)
            continue;
        CHECK(tlsi_suite_decryptable(s, NULL, 0));
        kb_len = tlsi_key_block_len(s, v->version);
        CHECK(kb_len > 0 && kb_len <= sizeof kb);
        CHECK_EQ(tlsi_key_block(v->version, s->prf, master, cr, sr, kb, kb_len), TLSI_OK);
        CHECK_EQ(tlsi_key_block_split(s, v->version, kb, kb_len, &c, &sv), TLSI_OK);
        CHECK_EQ(tlsi_export_keys(v->version, s->prf, s->cipher, cr, sr, &c, &sv), TLSI_OK);
        CHECK_EQ(c.key_len, v->key_len);
        CHECK_EQ(sv.key_len, v->key_len);
        CHECK_MEM(c.key, v->ckey, v->key_len);
        CHECK_MEM(sv.key, v->skey, v->key_len);
        CHECK_EQ(c.iv_len, v->iv_len);
        CHECK_EQ(sv.iv_len, v->iv_len);
        CHECK_MEM(c.iv, v->civ, v->iv_len);
        CHECK_MEM(sv.iv, v->siv, v->iv_len);
        if (tc_fail != before)
            fprintf(stderr, "  ^ in %s version 0x%04x\n", s->name, v->version);
    }
}

static void test_refusals(void)
{
    uint8_t r[32] = {0};
    tlsi_conn_keys c, s;

    memset(&c, 0, sizeof c);
    memset(&s, 0, sizeof s);
    /* Not an export cipher. */
    c.key_len = s.key_len = 16;
    CHECK_EQ(tlsi_export_keys(TLSI_TLS10, TLSI_HASH_SHA256, TLSI_CIPHER_AES_128_CBC, r, r, &c, &s),
             TLSI_ERR_UNSUPPORTED);
    /* Key material of the wrong length. */
    c.key_len = s.key_len = 7;
    CHECK_EQ(tlsi_export_keys(TLSI_TLS10, TLSI_HASH_SHA256, TLSI_CIPHER_RC4_40, r, r, &c, &s),
             TLSI_ERR_BAD_KEY);
    /* TLS 1.1+ forbid export suites; negotiated anyway they still expand,
     * with that version's PRF. */
    c.key_len = s.key_len = 5;
    CHECK_EQ(tlsi_export_keys(TLSI_TLS12, TLSI_HASH_SHA256, TLSI_CIPHER_RC4_40, r, r, &c, &s),
             TLSI_OK);
    CHECK_EQ(c.key_len, 16);
}

/* RFC 2268 section 5: key 88bca90e90875a7f0f79c384627bafb2 with 128
 * effective key bits encrypts 0000000000000000 to 2269552ab0f85ca6. The
 * RC2 export ciphers run RC2 with their 16-byte expanded key and 128
 * effective bits, as OpenSSL's RC2 does by default for a 16-byte key. */
static void test_rc2(void)
{
    const tlsi_cipher_params *p = tlsi_cipher_params_get(TLSI_CIPHER_RC2_40_CBC);
    static const uint8_t key[16] = {0x88, 0xbc, 0xa9, 0x0e, 0x90, 0x87, 0x5a, 0x7f,
                                    0x0f, 0x79, 0xc3, 0x84, 0x62, 0x7b, 0xaf, 0xb2};
    static const uint8_t want[8] = {0x22, 0x69, 0x55, 0x2a, 0xb0, 0xf8, 0x5c, 0xa6};
    uint8_t pt[8] = {0}, ct[8];
    gcry_cipher_hd_t h;

    CHECK(p && p->key_len == 16);
    CHECK(gcry_cipher_open(&h, p->gcry_algo, GCRY_CIPHER_MODE_ECB, 0) == 0);
    CHECK(gcry_cipher_setkey(h, key, sizeof key) == 0);
    CHECK(gcry_cipher_encrypt(h, ct, sizeof ct, pt, sizeof pt) == 0);
    CHECK_MEM(ct, want, 8);
    gcry_cipher_close(h);
}

int main(void)
{
    gcry_check_version(NULL);
    test_vectors();
    test_refusals();
    test_rc2();
    return tc_done();
}
