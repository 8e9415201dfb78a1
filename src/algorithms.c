/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * algorithms.c - the parameter tables behind algorithms.h: one row per bulk
 * cipher, one per hash, one name per key exchange, each indexed by its enum.
 *
 * A gcry_algo of 0 means "named but not decrypted": libgcrypt lacks the
 * cipher (ARIA before libgcrypt 1.11, GOST, AEGIS).
 *
 * Export ciphers (export_len != 0) take export_len bytes from the key block
 * and expand them to the key_len bytes the cipher runs with (export_kdf.h).
 * The expanded lengths are those of RFC 2246 appendix C and
 * draft-ietf-tls-56-bit-ciphersuites-01 section 4, which real stacks
 * followed: RC4 and RC2 run with a 16-byte key, DES with 8 bytes. RC2 runs
 * with as many effective key bits as the key has (128), which is what
 * libgcrypt's RFC2268_128 does with a 16-byte key (RFC 2268 section 5,
 * effective key bits = 8 x key length, checked against its test vectors).
 */
#include <gcrypt.h>

#include "algorithms.h"

/* ARIA arrived in libgcrypt 1.11.0; older versions have no enum value. */
#if GCRYPT_VERSION_NUMBER >= 0x010b00
#define TLSI_GCRY_ARIA128 GCRY_CIPHER_ARIA128
#define TLSI_GCRY_ARIA256 GCRY_CIPHER_ARIA256
#else
#define TLSI_GCRY_ARIA128 0
#define TLSI_GCRY_ARIA256 0
#endif

/*
 * CBC rows: fixed_iv_len is the block size, the IV SSL 3.0 and TLS 1.0 take
 * from the key block (TLS 1.1+ carry an explicit IV in each record instead).
 * GCM/CCM rows: 4-byte implicit salt plus 8-byte explicit nonce (RFC 5288
 * section 3, RFC 6655 section 3). ChaCha20-Poly1305: 12-byte implicit IV and
 * no explicit nonce (RFC 7905 section 2).
 */
/* Tables laid out by hand, one row per entry. */
/* clang-format off */
#define CBC(id_, nm, key, blk, algo)                                                           \
    [id_] = {.id = id_, .name = nm, .mode = TLSI_MODE_CBC, .key_len = key,                     \
             .fixed_iv_len = blk, .block_len = blk, .gcry_algo = algo,                         \
             .gcry_mode = GCRY_CIPHER_MODE_CBC}
/* An export CBC cipher: exp bytes of key material expanded to key bytes. */
#define CBC_EXPORT(id_, nm, exp, key, algo)                                                    \
    [id_] = {.id = id_, .name = nm, .mode = TLSI_MODE_CBC, .key_len = key, .export_len = exp,  \
             .fixed_iv_len = 8, .block_len = 8, .gcry_algo = algo,                             \
             .gcry_mode = GCRY_CIPHER_MODE_CBC}
#define RC4_EXPORT(id_, nm, exp)                                                               \
    [id_] = {.id = id_, .name = nm, .mode = TLSI_MODE_STREAM, .key_len = 16, .export_len = exp,\
             .gcry_algo = GCRY_CIPHER_ARCFOUR, .gcry_mode = GCRY_CIPHER_MODE_STREAM}
#define AEAD(id_, nm, md, key, tag, algo, gmode)                                               \
    [id_] = {.id = id_, .name = nm, .mode = md, .key_len = key, .fixed_iv_len = 4,             \
             .explicit_iv_len = 8, .tag_len = tag, .gcry_algo = algo, .gcry_mode = gmode}

static const tlsi_cipher_params cipher_tab[TLSI_CIPHER_COUNT] = {
    [TLSI_CIPHER_NULL] = {.id = TLSI_CIPHER_NULL, .name = "NULL", .mode = TLSI_MODE_NONE},
    RC4_EXPORT(TLSI_CIPHER_RC4_40, "RC4_40", 5),
    [TLSI_CIPHER_RC4_128] = {.id = TLSI_CIPHER_RC4_128, .name = "RC4_128",
                             .mode = TLSI_MODE_STREAM, .key_len = 16,
                             .gcry_algo = GCRY_CIPHER_ARCFOUR,
                             .gcry_mode = GCRY_CIPHER_MODE_STREAM},
    CBC_EXPORT(TLSI_CIPHER_RC2_40_CBC, "RC2_CBC_40", 5, 16, GCRY_CIPHER_RFC2268_128),
    CBC(TLSI_CIPHER_IDEA_CBC, "IDEA_CBC", 16, 8, GCRY_CIPHER_IDEA),
    CBC_EXPORT(TLSI_CIPHER_DES40_CBC, "DES40_CBC", 5, 8, GCRY_CIPHER_DES),
    CBC(TLSI_CIPHER_DES_CBC, "DES_CBC", 8, 8, GCRY_CIPHER_DES),
    CBC(TLSI_CIPHER_3DES_EDE_CBC, "3DES_EDE_CBC", 24, 8, GCRY_CIPHER_3DES),
    CBC(TLSI_CIPHER_AES_128_CBC, "AES_128_CBC", 16, 16, GCRY_CIPHER_AES),
    CBC(TLSI_CIPHER_AES_256_CBC, "AES_256_CBC", 32, 16, GCRY_CIPHER_AES256),
    AEAD(TLSI_CIPHER_AES_128_GCM, "AES_128_GCM", TLSI_MODE_GCM, 16, 16, GCRY_CIPHER_AES,
         GCRY_CIPHER_MODE_GCM),
    AEAD(TLSI_CIPHER_AES_256_GCM, "AES_256_GCM", TLSI_MODE_GCM, 32, 16, GCRY_CIPHER_AES256,
         GCRY_CIPHER_MODE_GCM),
    AEAD(TLSI_CIPHER_AES_128_CCM, "AES_128_CCM", TLSI_MODE_CCM, 16, 16, GCRY_CIPHER_AES,
         GCRY_CIPHER_MODE_CCM),
    AEAD(TLSI_CIPHER_AES_256_CCM, "AES_256_CCM", TLSI_MODE_CCM, 32, 16, GCRY_CIPHER_AES256,
         GCRY_CIPHER_MODE_CCM),
    /* RFC 6655 section 4: CCM_8 truncates the tag to 8 bytes. */
    AEAD(TLSI_CIPHER_AES_128_CCM_8, "AES_128_CCM_8", TLSI_MODE_CCM, 16, 8, GCRY_CIPHER_AES,
         GCRY_CIPHER_MODE_CCM),
    AEAD(TLSI_CIPHER_AES_256_CCM_8, "AES_256_CCM_8", TLSI_MODE_CCM, 32, 8, GCRY_CIPHER_AES256,
         GCRY_CIPHER_MODE_CCM),
    [TLSI_CIPHER_CHACHA20_POLY1305] = {.id = TLSI_CIPHER_CHACHA20_POLY1305,
                                       .name = "CHACHA20_POLY1305", .mode = TLSI_MODE_POLY1305,
                                       .key_len = 32, .fixed_iv_len = 12, .explicit_iv_len = 0,
                                       .tag_len = 16, .gcry_algo = GCRY_CIPHER_CHACHA20,
                                       .gcry_mode = GCRY_CIPHER_MODE_POLY1305},
    CBC(TLSI_CIPHER_CAMELLIA_128_CBC, "CAMELLIA_128_CBC", 16, 16, GCRY_CIPHER_CAMELLIA128),
    CBC(TLSI_CIPHER_CAMELLIA_256_CBC, "CAMELLIA_256_CBC", 32, 16, GCRY_CIPHER_CAMELLIA256),
    AEAD(TLSI_CIPHER_CAMELLIA_128_GCM, "CAMELLIA_128_GCM", TLSI_MODE_GCM, 16, 16,
         GCRY_CIPHER_CAMELLIA128, GCRY_CIPHER_MODE_GCM),
    AEAD(TLSI_CIPHER_CAMELLIA_256_GCM, "CAMELLIA_256_GCM", TLSI_MODE_GCM, 32, 16,
         GCRY_CIPHER_CAMELLIA256, GCRY_CIPHER_MODE_GCM),
    CBC(TLSI_CIPHER_ARIA_128_CBC, "ARIA_128_CBC", 16, 16, TLSI_GCRY_ARIA128),
    CBC(TLSI_CIPHER_ARIA_256_CBC, "ARIA_256_CBC", 32, 16, TLSI_GCRY_ARIA256),
    AEAD(TLSI_CIPHER_ARIA_128_GCM, "ARIA_128_GCM", TLSI_MODE_GCM, 16, 16, TLSI_GCRY_ARIA128,
         GCRY_CIPHER_MODE_GCM),
    AEAD(TLSI_CIPHER_ARIA_256_GCM, "ARIA_256_GCM", TLSI_MODE_GCM, 32, 16, TLSI_GCRY_ARIA256,
         GCRY_CIPHER_MODE_GCM),
    CBC(TLSI_CIPHER_SEED_CBC, "SEED_CBC", 16, 16, GCRY_CIPHER_SEED),
    /* RFC 8998: SM4 suites exist for TLS 1.3 only, where the IV is 12 bytes. */
    AEAD(TLSI_CIPHER_SM4_GCM, "SM4_GCM", TLSI_MODE_GCM, 16, 16, GCRY_CIPHER_SM4,
         GCRY_CIPHER_MODE_GCM),
    AEAD(TLSI_CIPHER_SM4_CCM, "SM4_CCM", TLSI_MODE_CCM, 16, 16, GCRY_CIPHER_SM4,
         GCRY_CIPHER_MODE_CCM),
    /* GOST 28147 CNT / Kuznyechik / Magma (RFC 9189, RFC 9367): named only. */
    [TLSI_CIPHER_GOST] = {.id = TLSI_CIPHER_GOST, .name = "GOST", .mode = TLSI_MODE_STREAM,
                          .key_len = 32},
    /* draft-irtf-cfrg-aegis-aead: TLS 1.3 only, 12-byte IV, 16-byte tag; no
     * libgcrypt support, so named only. */
    [TLSI_CIPHER_AEGIS_128L] = {.id = TLSI_CIPHER_AEGIS_128L, .name = "AEGIS_128L",
                                .mode = TLSI_MODE_AEGIS, .key_len = 16, .fixed_iv_len = 12,
                                .tag_len = 16},
    [TLSI_CIPHER_AEGIS_256] = {.id = TLSI_CIPHER_AEGIS_256, .name = "AEGIS_256",
                               .mode = TLSI_MODE_AEGIS, .key_len = 32, .fixed_iv_len = 12,
                               .tag_len = 16},
    RC4_EXPORT(TLSI_CIPHER_RC4_56, "RC4_56", 7),
    CBC_EXPORT(TLSI_CIPHER_RC2_56_CBC, "RC2_CBC_56", 7, 16, GCRY_CIPHER_RFC2268_128),
    CBC_EXPORT(TLSI_CIPHER_DES_CBC_EXPORT, "DES_CBC (export)", 8, 8, GCRY_CIPHER_DES),
};

static const tlsi_hash_params hash_tab[TLSI_HASH_COUNT] = {
    [TLSI_HASH_NONE] = {.id = TLSI_HASH_NONE, .name = "NULL", .len = 0, .gcry_md = 0},
    [TLSI_HASH_MD5] = {.id = TLSI_HASH_MD5, .name = "MD5", .len = 16, .gcry_md = GCRY_MD_MD5},
    [TLSI_HASH_SHA1] = {.id = TLSI_HASH_SHA1, .name = "SHA1", .len = 20, .gcry_md = GCRY_MD_SHA1},
    [TLSI_HASH_SHA256] = {.id = TLSI_HASH_SHA256, .name = "SHA256", .len = 32,
                          .gcry_md = GCRY_MD_SHA256},
    [TLSI_HASH_SHA384] = {.id = TLSI_HASH_SHA384, .name = "SHA384", .len = 48,
                          .gcry_md = GCRY_MD_SHA384},
    [TLSI_HASH_SHA512] = {.id = TLSI_HASH_SHA512, .name = "SHA512", .len = 64,
                          .gcry_md = GCRY_MD_SHA512},
    [TLSI_HASH_SM3] = {.id = TLSI_HASH_SM3, .name = "SM3", .len = 32, .gcry_md = GCRY_MD_SM3},
    /* Streebog/GOST R 34.11 MACs of the GOST suites: named, not computed. */
    [TLSI_HASH_GOST] = {.id = TLSI_HASH_GOST, .name = "GOST", .len = 32, .gcry_md = 0},
};

static const char *const kex_names[TLSI_KEX_COUNT] = {
    [TLSI_KEX_NULL] = "NULL",
    [TLSI_KEX_RSA] = "RSA",
    [TLSI_KEX_RSA_EXPORT] = "RSA_EXPORT",
    [TLSI_KEX_DH] = "DH",
    [TLSI_KEX_DHE] = "DHE",
    [TLSI_KEX_ECDH] = "ECDH",
    [TLSI_KEX_ECDHE] = "ECDHE",
    [TLSI_KEX_PSK] = "PSK",
    [TLSI_KEX_DHE_PSK] = "DHE_PSK",
    [TLSI_KEX_ECDHE_PSK] = "ECDHE_PSK",
    [TLSI_KEX_RSA_PSK] = "RSA_PSK",
    [TLSI_KEX_SRP] = "SRP",
    [TLSI_KEX_KRB5] = "KRB5",
    [TLSI_KEX_ECCPWD] = "ECCPWD",
    [TLSI_KEX_GOST] = "GOST",
    [TLSI_KEX_TLS13] = "TLS13",
    [TLSI_KEX_ECJPAKE] = "ECJPAKE",
};

/* clang-format on */

const tlsi_cipher_params *tlsi_cipher_params_get(tlsi_cipher c)
{
    /* Cast to unsigned so a negative value is out of range too. */
    if ((unsigned)c >= TLSI_CIPHER_COUNT)
        return NULL;
    return &cipher_tab[c];
}

const tlsi_hash_params *tlsi_hash_params_get(tlsi_hash h)
{
    if ((unsigned)h >= TLSI_HASH_COUNT)
        return NULL;
    return &hash_tab[h];
}

int tlsi_cipher_available(tlsi_cipher c)
{
    const tlsi_cipher_params *p = tlsi_cipher_params_get(c);

    if (!p)
        return 0;
    if (p->mode == TLSI_MODE_NONE)
        return 1; /* the NULL cipher needs no library */
    if (p->gcry_algo == 0)
        return 0;
    /* A libgcrypt built without a cipher, or in FIPS mode, refuses it here. */
    return gcry_cipher_test_algo(p->gcry_algo) == 0;
}

const char *tlsi_kex_name(tlsi_kex k)
{
    if ((unsigned)k >= TLSI_KEX_COUNT)
        return "unknown";
    return kex_names[k];
}

unsigned tlsi_tls13_draft(uint16_t wire_version)
{
    /* Drafts put 0x7f00 | draft number on the wire; tlsi knows 14..28. */
    if (wire_version >= 0x7f0e && wire_version <= 0x7f1c)
        return wire_version & 0xff;
    /* Fizz's own code points: draft 23 and draft 26 with Facebook's
     * record-layer tweaks, keyed as those drafts. */
    if (wire_version == 0xfb17)
        return 23;
    if (wire_version == 0xfb1a)
        return 26;
    return 0;
}
