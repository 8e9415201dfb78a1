/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_cipher_suites.c - the IANA cipher suite table and the algorithm
 * parameter tables: order, uniqueness, spot checks against the values the
 * defining RFCs assign, structural rules (AEAD <=> no MAC, TLS 1.3 suites),
 * GREASE, and the decryptable verdict.
 */
#include <gcrypt.h>
#include <string.h>

#include "algorithms.h"
#include "cipher_suites.h"
#include "tcheck.h"

struct spot {
    uint16_t id;
    const char *name;
    tlsi_kex kex;
    tlsi_cipher cipher;
    tlsi_hash mac;
    tlsi_hash prf;
};

/* Values and names as the defining RFCs assign them (section in comment). */
static const struct spot spots[] = {
    /* RFC 5246 appendix A.5 */
    {0x0000, "TLS_NULL_WITH_NULL_NULL", TLSI_KEX_NULL, TLSI_CIPHER_NULL, TLSI_HASH_NONE,
     TLSI_HASH_SHA256},
    {0x0001, "TLS_RSA_WITH_NULL_MD5", TLSI_KEX_RSA, TLSI_CIPHER_NULL, TLSI_HASH_MD5,
     TLSI_HASH_SHA256},
    {0x0004, "TLS_RSA_WITH_RC4_128_MD5", TLSI_KEX_RSA, TLSI_CIPHER_RC4_128, TLSI_HASH_MD5,
     TLSI_HASH_SHA256},
    {0x0005, "TLS_RSA_WITH_RC4_128_SHA", TLSI_KEX_RSA, TLSI_CIPHER_RC4_128, TLSI_HASH_SHA1,
     TLSI_HASH_SHA256},
    {0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", TLSI_KEX_RSA, TLSI_CIPHER_3DES_EDE_CBC,
     TLSI_HASH_SHA1, TLSI_HASH_SHA256},
    {0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", TLSI_KEX_DHE, TLSI_CIPHER_3DES_EDE_CBC,
     TLSI_HASH_SHA1, TLSI_HASH_SHA256},
    {0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", TLSI_KEX_RSA, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1,
     TLSI_HASH_SHA256},
    {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", TLSI_KEX_RSA, TLSI_CIPHER_AES_256_CBC, TLSI_HASH_SHA1,
     TLSI_HASH_SHA256},
    {0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", TLSI_KEX_RSA, TLSI_CIPHER_AES_128_CBC,
     TLSI_HASH_SHA256, TLSI_HASH_SHA256},
    {0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", TLSI_KEX_DHE, TLSI_CIPHER_AES_256_CBC,
     TLSI_HASH_SHA256, TLSI_HASH_SHA256},
    /* RFC 4279 section 2 */
    {0x008C, "TLS_PSK_WITH_AES_128_CBC_SHA", TLSI_KEX_PSK, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1,
     TLSI_HASH_SHA256},
    {0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA", TLSI_KEX_RSA_PSK, TLSI_CIPHER_AES_256_CBC,
     TLSI_HASH_SHA1, TLSI_HASH_SHA256},
    /* RFC 5288 section 3 */
    {0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", TLSI_KEX_RSA, TLSI_CIPHER_AES_128_GCM,
     TLSI_HASH_NONE, TLSI_HASH_SHA256},
    {0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", TLSI_KEX_RSA, TLSI_CIPHER_AES_256_GCM,
     TLSI_HASH_NONE, TLSI_HASH_SHA384},
    {0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", TLSI_KEX_DHE, TLSI_CIPHER_AES_128_GCM,
     TLSI_HASH_NONE, TLSI_HASH_SHA256},
    /* RFC 5487 section 3.1 / 3.2 */
    {0x00A8, "TLS_PSK_WITH_AES_128_GCM_SHA256", TLSI_KEX_PSK, TLSI_CIPHER_AES_128_GCM,
     TLSI_HASH_NONE, TLSI_HASH_SHA256},
    {0x00AF, "TLS_PSK_WITH_AES_256_CBC_SHA384", TLSI_KEX_PSK, TLSI_CIPHER_AES_256_CBC,
     TLSI_HASH_SHA384, TLSI_HASH_SHA384},
    /* RFC 5489 section 6 */
    {0xC035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA", TLSI_KEX_ECDHE_PSK, TLSI_CIPHER_AES_128_CBC,
     TLSI_HASH_SHA1, TLSI_HASH_SHA256},
    /* RFC 8422 section 6 (was RFC 4492) */
    {0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", TLSI_KEX_ECDHE, TLSI_CIPHER_AES_128_CBC,
     TLSI_HASH_SHA1, TLSI_HASH_SHA256},
    /* RFC 5289 sections 3.1 / 3.2 */
    {0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", TLSI_KEX_ECDHE, TLSI_CIPHER_AES_128_CBC,
     TLSI_HASH_SHA256, TLSI_HASH_SHA256},
    {0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", TLSI_KEX_ECDHE, TLSI_CIPHER_AES_256_CBC,
     TLSI_HASH_SHA384, TLSI_HASH_SHA384},
    {0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", TLSI_KEX_ECDHE, TLSI_CIPHER_AES_128_GCM,
     TLSI_HASH_NONE, TLSI_HASH_SHA256},
    {0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", TLSI_KEX_ECDHE, TLSI_CIPHER_AES_128_GCM,
     TLSI_HASH_NONE, TLSI_HASH_SHA256},
    {0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", TLSI_KEX_ECDHE, TLSI_CIPHER_AES_256_GCM,
     TLSI_HASH_NONE, TLSI_HASH_SHA384},
    {0xC032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", TLSI_KEX_ECDH, TLSI_CIPHER_AES_256_GCM,
     TLSI_HASH_NONE, TLSI_HASH_SHA384},
    /* RFC 6209 section 2 */
    {0xC03C, "TLS_RSA_WITH_ARIA_128_CBC_SHA256", TLSI_KEX_RSA, TLSI_CIPHER_ARIA_128_CBC,
     TLSI_HASH_SHA256, TLSI_HASH_SHA256},
    {0xC050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256", TLSI_KEX_RSA, TLSI_CIPHER_ARIA_128_GCM,
     TLSI_HASH_NONE, TLSI_HASH_SHA256},
    /* RFC 6367 section 2 */
    {0xC072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", TLSI_KEX_ECDHE,
     TLSI_CIPHER_CAMELLIA_128_CBC, TLSI_HASH_SHA256, TLSI_HASH_SHA256},
    {0xC07A, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256", TLSI_KEX_RSA, TLSI_CIPHER_CAMELLIA_128_GCM,
     TLSI_HASH_NONE, TLSI_HASH_SHA256},
    /* RFC 6655 section 3 */
    {0xC09C, "TLS_RSA_WITH_AES_128_CCM", TLSI_KEX_RSA, TLSI_CIPHER_AES_128_CCM, TLSI_HASH_NONE,
     TLSI_HASH_SHA256},
    {0xC0A0, "TLS_RSA_WITH_AES_128_CCM_8", TLSI_KEX_RSA, TLSI_CIPHER_AES_128_CCM_8, TLSI_HASH_NONE,
     TLSI_HASH_SHA256},
    {0xC0A9, "TLS_PSK_WITH_AES_256_CCM_8", TLSI_KEX_PSK, TLSI_CIPHER_AES_256_CCM_8, TLSI_HASH_NONE,
     TLSI_HASH_SHA256},
    /* RFC 7905 section 2 */
    {0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", TLSI_KEX_ECDHE,
     TLSI_CIPHER_CHACHA20_POLY1305, TLSI_HASH_NONE, TLSI_HASH_SHA256},
    {0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", TLSI_KEX_ECDHE,
     TLSI_CIPHER_CHACHA20_POLY1305, TLSI_HASH_NONE, TLSI_HASH_SHA256},
    {0xCCAC, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", TLSI_KEX_ECDHE_PSK,
     TLSI_CIPHER_CHACHA20_POLY1305, TLSI_HASH_NONE, TLSI_HASH_SHA256},
    /* RFC 8442 section 3 */
    {0xD001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", TLSI_KEX_ECDHE_PSK, TLSI_CIPHER_AES_128_GCM,
     TLSI_HASH_NONE, TLSI_HASH_SHA256},
    /* RFC 8446 appendix B.4 */
    {0x1301, "TLS_AES_128_GCM_SHA256", TLSI_KEX_TLS13, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE,
     TLSI_HASH_SHA256},
    {0x1302, "TLS_AES_256_GCM_SHA384", TLSI_KEX_TLS13, TLSI_CIPHER_AES_256_GCM, TLSI_HASH_NONE,
     TLSI_HASH_SHA384},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256", TLSI_KEX_TLS13, TLSI_CIPHER_CHACHA20_POLY1305,
     TLSI_HASH_NONE, TLSI_HASH_SHA256},
    {0x1304, "TLS_AES_128_CCM_SHA256", TLSI_KEX_TLS13, TLSI_CIPHER_AES_128_CCM, TLSI_HASH_NONE,
     TLSI_HASH_SHA256},
    {0x1305, "TLS_AES_128_CCM_8_SHA256", TLSI_KEX_TLS13, TLSI_CIPHER_AES_128_CCM_8, TLSI_HASH_NONE,
     TLSI_HASH_SHA256},
    /* RFC 8998 section 2 */
    {0x00C6, "TLS_SM4_GCM_SM3", TLSI_KEX_TLS13, TLSI_CIPHER_SM4_GCM, TLSI_HASH_NONE, TLSI_HASH_SM3},
    {0x00C7, "TLS_SM4_CCM_SM3", TLSI_KEX_TLS13, TLSI_CIPHER_SM4_CCM, TLSI_HASH_NONE, TLSI_HASH_SM3},
};

static int is_aead(tlsi_cipher c)
{
    tlsi_cipher_mode m = tlsi_cipher_params_get(c)->mode;

    return m == TLSI_MODE_GCM || m == TLSI_MODE_CCM || m == TLSI_MODE_POLY1305 ||
           m == TLSI_MODE_AEGIS;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void test_table_shape(void)
{
    size_t n = tlsi_suite_count();
    size_t i, j;
    int sorted = 1, names_unique = 1, prefix_ok = 1;

    /* The IANA registry assigns well over 330 values. */
    CHECK(n >= 330);
    CHECK(tlsi_suite_at(n) == NULL);
    for (i = 0; i < n; i++) {
        const tlsi_suite *s = tlsi_suite_at(i);

        if (i > 0 && !(tlsi_suite_at(i - 1)->id < s->id))
            sorted = 0;
        if (strncmp(s->name, "TLS_", 4) != 0)
            prefix_ok = 0;
        for (j = i + 1; j < n; j++)
            if (strcmp(s->name, tlsi_suite_at(j)->name) == 0)
                names_unique = 0;
        /* Every row is found again by the binary search. */
        if (tlsi_suite_find(s->id) != s)
            sorted = 0;
    }
    CHECK(sorted);
    CHECK(names_unique);
    CHECK(prefix_ok);
}

static void test_spot_checks(void)
{
    size_t i;

    for (i = 0; i < sizeof(spots) / sizeof(spots[0]); i++) {
        const tlsi_suite *s = tlsi_suite_find(spots[i].id);

        CHECK(s != NULL);
        if (!s)
            continue;
        if (strcmp(s->name, spots[i].name) != 0)
            fprintf(stderr, "0x%04X: %s != %s\n", spots[i].id, s->name, spots[i].name);
        CHECK(strcmp(s->name, spots[i].name) == 0);
        CHECK_EQ(s->kex, spots[i].kex);
        CHECK_EQ(s->cipher, spots[i].cipher);
        CHECK_EQ(s->mac, spots[i].mac);
        CHECK_EQ(s->prf, spots[i].prf);
        CHECK(strcmp(tlsi_suite_name(spots[i].id), spots[i].name) == 0);
    }
    /* Signalling values: RFC 5746 section 3.3, RFC 7507 section 6. */
    CHECK(strcmp(tlsi_suite_name(0x00FF), "TLS_EMPTY_RENEGOTIATION_INFO_SCSV") == 0);
    CHECK(tlsi_suite_find(0x00FF)->flags & TLSI_SUITE_SCSV);
    CHECK(strcmp(tlsi_suite_name(0x5600), "TLS_FALLBACK_SCSV") == 0);
    CHECK(tlsi_suite_find(0x5600)->flags & TLSI_SUITE_SCSV);
    /* RFC 4346 appendix A.5: export suites. */
    CHECK(strcmp(tlsi_suite_name(0x0003), "TLS_RSA_EXPORT_WITH_RC4_40_MD5") == 0);
    CHECK(tlsi_suite_find(0x0003)->flags & TLSI_SUITE_EXPORT);
    CHECK(tlsi_suite_find(0x0014)->flags & TLSI_SUITE_EXPORT);
    CHECK(!(tlsi_suite_find(0x0016)->flags & TLSI_SUITE_EXPORT));

    /* Unassigned values and GREASE are not rows. */
    CHECK(tlsi_suite_find(0x0047) == NULL); /* reserved range 0x0047-0x004F */
    CHECK(tlsi_suite_find(0x1300) == NULL);
    CHECK(tlsi_suite_find(0xD004) == NULL);
    CHECK(tlsi_suite_find(0xFFFF) == NULL);
    CHECK(tlsi_suite_find(0x0A0A) == NULL);
    CHECK(tlsi_suite_name(0x1A1A) == NULL);
    CHECK(tlsi_suite_find(0x0001) == tlsi_suite_at(1));
}

static void test_structure(void)
{
    size_t i, n = tlsi_suite_count();
    int aead_nomac = 1, tls13_ok = 1, prf_ok = 1, mac_ok = 1;

    for (i = 0; i < n; i++) {
        const tlsi_suite *s = tlsi_suite_at(i);
        int tls13_range = (s->id >> 8) == 0x13;

        if (tls13_range && (s->kex != TLSI_KEX_TLS13 || s->min_version != TLSI_TLS13))
            tls13_ok = 0;
        if (s->kex == TLSI_KEX_TLS13 && s->min_version != TLSI_TLS13)
            tls13_ok = 0;
        if (s->flags & TLSI_SUITE_SCSV || s->id == 0x0000)
            continue;
        if (is_aead(s->cipher) && s->mac != TLSI_HASH_NONE)
            aead_nomac = 0;
        /* A non-AEAD suite needs a MAC; the GOST MGM suites are AEAD in a
         * cipher row tlsi only names. */
        if (!is_aead(s->cipher) && s->mac == TLSI_HASH_NONE &&
            !(s->kex == TLSI_KEX_TLS13 && s->cipher == TLSI_CIPHER_GOST)) {
            fprintf(stderr, "no MAC: %s\n", s->name);
            mac_ok = 0;
        }
        /* The PRF hash follows the name (RFC 5288 3, RFC 5289 3). */
        if (ends_with(s->name, "SHA384") && s->prf != TLSI_HASH_SHA384)
            prf_ok = 0;
        if (ends_with(s->name, "_SHA") && s->mac != TLSI_HASH_SHA1)
            prf_ok = 0;
        if (ends_with(s->name, "_MD5") && s->mac != TLSI_HASH_MD5)
            prf_ok = 0;
        if (s->kex != TLSI_KEX_TLS13 && s->kex != TLSI_KEX_GOST && s->prf != TLSI_HASH_SHA256 &&
            s->prf != TLSI_HASH_SHA384)
            prf_ok = 0;
    }
    CHECK(aead_nomac);
    CHECK(mac_ok);
    CHECK(tls13_ok);
    CHECK(prf_ok);
}

static void test_grease(void)
{
    unsigned v;
    unsigned hits = 0;

    /* RFC 8701 section 2: the sixteen values 0x0A0A, 0x1A1A, ..., 0xFAFA. */
    for (v = 0; v <= 0xFFFF; v++)
        if (tlsi_is_grease((uint16_t)v))
            hits++;
    CHECK_EQ(hits, 16);
    CHECK(tlsi_is_grease(0x0A0A));
    CHECK(tlsi_is_grease(0x7A7A));
    CHECK(tlsi_is_grease(0xFAFA));
    CHECK(!tlsi_is_grease(0x0A1A));
    CHECK(!tlsi_is_grease(0x0B0B));
    CHECK(!tlsi_is_grease(0x1301));
}

static void test_decryptable(void)
{
    char why[128];
    char tiny[8];

    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0xC02F), why, sizeof(why)) == 1);
    CHECK_EQ(why[0], '\0');
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x1301), why, sizeof(why)) == 1);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x1303), why, sizeof(why)) == 1);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x002F), NULL, 0) == 1);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x0005), why, sizeof(why)) == 1);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0xC0A8), why, sizeof(why)) == 1);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x009D), why, sizeof(why)) == 1);

    /* Export suites (RFC 2246 6.3 key expansion) and the 56-bit drafts ones. */
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x0003), why, sizeof(why)) == 1);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x0006), why, sizeof(why)) == 1);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x0014), why, sizeof(why)) == 1);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x0062), why, sizeof(why)) == 1);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x0064), why, sizeof(why)) == 1);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x0007), why, sizeof(why)) == 1); /* IDEA */
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x0009), why, sizeof(why)) == 1); /* DES */
    /* Kerberos export suites still need a Kerberos key exchange. */
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x0027), why, sizeof(why)) == 0);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0xC01D), why, sizeof(why)) == 0);
    CHECK(strstr(why, "SRP") != NULL);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x001F), why, sizeof(why)) == 0);
    CHECK(strstr(why, "Kerberos") != NULL);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0xC100), why, sizeof(why)) == 0);
    CHECK(strstr(why, "GOST") != NULL);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0xC103), why, sizeof(why)) == 0);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x00FF), why, sizeof(why)) == 0);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x1306), why, sizeof(why)) == 0);
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0xC0B4), why, sizeof(why)) == 0);
    CHECK(tlsi_suite_decryptable(NULL, why, sizeof(why)) == 0);
    CHECK(strstr(why, "unknown") != NULL);
    /* ARIA: only with a libgcrypt that has it (1.11+). */
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0xC050), why, sizeof(why)) ==
          (GCRYPT_VERSION_NUMBER >= 0x010b00 && gcry_cipher_test_algo(GCRY_CIPHER_AES) == 0));
    /* A short buffer is truncated, still terminated. */
    memset(tiny, 'x', sizeof(tiny));
    CHECK(tlsi_suite_decryptable(tlsi_suite_find(0x0028), tiny, sizeof(tiny)) == 0);
    CHECK(memchr(tiny, '\0', sizeof(tiny)) != NULL);
}

/* Parameters the RFCs fix, checked against algorithms.c. */
static void test_params(void)
{
    const tlsi_cipher_params *p;
    const tlsi_hash_params *h;

    /* RFC 5288 3: 4-byte salt, 8-byte explicit nonce, 16-byte tag. */
    p = tlsi_cipher_params_get(TLSI_CIPHER_AES_128_GCM);
    CHECK(p && p->key_len == 16 && p->fixed_iv_len == 4 && p->explicit_iv_len == 8 &&
          p->tag_len == 16 && p->mode == TLSI_MODE_GCM && p->gcry_algo == GCRY_CIPHER_AES &&
          p->gcry_mode == GCRY_CIPHER_MODE_GCM);
    p = tlsi_cipher_params_get(TLSI_CIPHER_AES_256_GCM);
    CHECK(p && p->key_len == 32 && p->gcry_algo == GCRY_CIPHER_AES256);
    /* RFC 6655 3/4: CCM as GCM, CCM_8 has an 8-byte tag. */
    p = tlsi_cipher_params_get(TLSI_CIPHER_AES_128_CCM_8);
    CHECK(p && p->tag_len == 8 && p->fixed_iv_len == 4 && p->explicit_iv_len == 8 &&
          p->gcry_mode == GCRY_CIPHER_MODE_CCM);
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_AES_256_CCM)->tag_len, 16);
    /* RFC 7905 2: 32-byte key, 12-byte IV, no explicit nonce. */
    p = tlsi_cipher_params_get(TLSI_CIPHER_CHACHA20_POLY1305);
    CHECK(p && p->key_len == 32 && p->fixed_iv_len == 12 && p->explicit_iv_len == 0 &&
          p->tag_len == 16 && p->gcry_algo == GCRY_CIPHER_CHACHA20 &&
          p->gcry_mode == GCRY_CIPHER_MODE_POLY1305);
    /* RFC 5246 appendix C: key material and IV sizes. */
    p = tlsi_cipher_params_get(TLSI_CIPHER_3DES_EDE_CBC);
    CHECK(p && p->key_len == 24 && p->block_len == 8 && p->fixed_iv_len == 8 &&
          p->mode == TLSI_MODE_CBC);
    p = tlsi_cipher_params_get(TLSI_CIPHER_AES_256_CBC);
    CHECK(p && p->key_len == 32 && p->block_len == 16 && p->fixed_iv_len == 16);
    p = tlsi_cipher_params_get(TLSI_CIPHER_RC4_128);
    CHECK(p && p->key_len == 16 && p->mode == TLSI_MODE_STREAM && p->fixed_iv_len == 0);
    /* RFC 2246 appendix C: export ciphers take 5 bytes of key material and
     * expand it to 16 (RC4, RC2) or 8 (DES) bytes; draft-ietf-tls-56-bit-
     * ciphersuites-01 4: RC4_56 7 -> 16, DES_CBC 8 -> 8. */
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_RC4_40)->export_len, 5);
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_RC4_40)->key_len, 16);
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_RC2_40_CBC)->export_len, 5);
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_RC2_40_CBC)->key_len, 16);
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_DES40_CBC)->export_len, 5);
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_DES40_CBC)->key_len, 8);
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_RC4_56)->export_len, 7);
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_RC4_56)->key_len, 16);
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_DES_CBC_EXPORT)->export_len, 8);
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_DES_CBC_EXPORT)->key_len, 8);
    CHECK_EQ(tlsi_cipher_params_get(TLSI_CIPHER_DES_CBC)->export_len, 0);
    CHECK(tlsi_cipher_available(TLSI_CIPHER_RC4_40));
    CHECK(tlsi_cipher_available(TLSI_CIPHER_RC2_40_CBC));
    CHECK(tlsi_cipher_available(TLSI_CIPHER_IDEA_CBC));
    CHECK(tlsi_cipher_available(TLSI_CIPHER_NULL));
    CHECK(tlsi_cipher_available(TLSI_CIPHER_AES_128_GCM));
    CHECK(!tlsi_cipher_available(TLSI_CIPHER_GOST));
    CHECK(!tlsi_cipher_available((tlsi_cipher)TLSI_CIPHER_COUNT));
    CHECK(tlsi_cipher_params_get((tlsi_cipher)TLSI_CIPHER_COUNT) == NULL);
    CHECK(tlsi_cipher_params_get((tlsi_cipher)-1) == NULL);

    h = tlsi_hash_params_get(TLSI_HASH_SHA384);
    CHECK(h && h->len == 48 && h->gcry_md == GCRY_MD_SHA384);
    CHECK_EQ(tlsi_hash_params_get(TLSI_HASH_MD5)->len, 16);
    CHECK_EQ(tlsi_hash_params_get(TLSI_HASH_SHA1)->len, 20);
    CHECK_EQ(tlsi_hash_params_get(TLSI_HASH_SHA256)->len, 32);
    CHECK_EQ(tlsi_hash_params_get(TLSI_HASH_SHA512)->len, 64);
    CHECK_EQ(tlsi_hash_params_get(TLSI_HASH_SM3)->gcry_md, GCRY_MD_SM3);
    CHECK(tlsi_hash_params_get((tlsi_hash)TLSI_HASH_COUNT) == NULL);
    /* Each row's id matches its index: the designated initializers line up. */
    {
        int i, ok = 1;

        for (i = 0; i < TLSI_CIPHER_COUNT; i++)
            if (tlsi_cipher_params_get((tlsi_cipher)i)->id != (tlsi_cipher)i ||
                !tlsi_cipher_params_get((tlsi_cipher)i)->name)
                ok = 0;
        for (i = 0; i < TLSI_HASH_COUNT; i++)
            if (tlsi_hash_params_get((tlsi_hash)i)->id != (tlsi_hash)i)
                ok = 0;
        CHECK(ok);
    }
    CHECK(strcmp(tlsi_kex_name(TLSI_KEX_ECDHE), "ECDHE") == 0);
    CHECK(strcmp(tlsi_kex_name(TLSI_KEX_TLS13), "TLS13") == 0);
    CHECK(strcmp(tlsi_kex_name((tlsi_kex)TLSI_KEX_COUNT), "unknown") == 0);
}

int main(void)
{
    gcry_check_version(NULL);
    test_table_shape();
    test_spot_checks();
    test_structure();
    test_grease();
    test_decryptable();
    test_params();
    return tc_done();
}
