/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * algorithms.h - the names of the building blocks a cipher suite is made of:
 * key exchange, bulk cipher, MAC/PRF hash and protocol version constants.
 * cipher_suites.c maps each IANA suite to these; decrypt.c and prf.c look up
 * the per-cipher and per-hash parameters through tlsi_cipher_params() and
 * tlsi_hash_params().
 */
#ifndef TLSI_ALGORITHMS_H
#define TLSI_ALGORITHMS_H

#include <stddef.h>
#include <stdint.h>

/* Protocol versions as they appear on the wire. */
enum {
    TLSI_SSL2 = 0x0002,
    TLSI_SSL3 = 0x0300,
    TLSI_TLS10 = 0x0301,
    TLSI_TLS11 = 0x0302,
    TLSI_TLS12 = 0x0303,
    TLSI_TLS13 = 0x0304,
};

typedef enum {
    TLSI_KEX_NULL = 0,
    TLSI_KEX_RSA,
    TLSI_KEX_RSA_EXPORT,
    TLSI_KEX_DH,      /* static DH (DH_DSS, DH_RSA, DH_anon) */
    TLSI_KEX_DHE,     /* ephemeral DH, signed */
    TLSI_KEX_ECDH,    /* static ECDH */
    TLSI_KEX_ECDHE,
    TLSI_KEX_PSK,
    TLSI_KEX_DHE_PSK,
    TLSI_KEX_ECDHE_PSK,
    TLSI_KEX_RSA_PSK,
    TLSI_KEX_SRP,
    TLSI_KEX_KRB5,
    TLSI_KEX_ECCPWD,
    TLSI_KEX_GOST,
    TLSI_KEX_TLS13,   /* TLS 1.3 suites name no key exchange */
    /* After TLS13 so the numbers above (the fuzz corpus's context byte) stay. */
    TLSI_KEX_ECJPAKE, /* EC J-PAKE (draft-cragie-tls-ecjpake-01, Thread) */
    TLSI_KEX_COUNT
} tlsi_kex;

typedef enum {
    TLSI_CIPHER_NULL = 0,
    TLSI_CIPHER_RC4_40,
    TLSI_CIPHER_RC4_128,
    TLSI_CIPHER_RC2_40_CBC,
    TLSI_CIPHER_IDEA_CBC,
    TLSI_CIPHER_DES40_CBC,
    TLSI_CIPHER_DES_CBC,
    TLSI_CIPHER_3DES_EDE_CBC,
    TLSI_CIPHER_AES_128_CBC,
    TLSI_CIPHER_AES_256_CBC,
    TLSI_CIPHER_AES_128_GCM,
    TLSI_CIPHER_AES_256_GCM,
    TLSI_CIPHER_AES_128_CCM,
    TLSI_CIPHER_AES_256_CCM,
    TLSI_CIPHER_AES_128_CCM_8,
    TLSI_CIPHER_AES_256_CCM_8,
    TLSI_CIPHER_CHACHA20_POLY1305,
    TLSI_CIPHER_CAMELLIA_128_CBC,
    TLSI_CIPHER_CAMELLIA_256_CBC,
    TLSI_CIPHER_CAMELLIA_128_GCM,
    TLSI_CIPHER_CAMELLIA_256_GCM,
    TLSI_CIPHER_ARIA_128_CBC,
    TLSI_CIPHER_ARIA_256_CBC,
    TLSI_CIPHER_ARIA_128_GCM,
    TLSI_CIPHER_ARIA_256_GCM,
    TLSI_CIPHER_SEED_CBC,
    TLSI_CIPHER_SM4_GCM,
    TLSI_CIPHER_SM4_CCM,
    TLSI_CIPHER_GOST,  /* GOST 28147 / Kuznyechik / Magma: named, not decrypted */
    TLSI_CIPHER_AEGIS_128L, /* draft-irtf-cfrg-aegis-aead TLS 1.3 suites: named, not decrypted */
    TLSI_CIPHER_AEGIS_256,
    TLSI_CIPHER_RC4_56,       /* draft-ietf-tls-56-bit-ciphersuites: export, 7 bytes -> 16 */
    TLSI_CIPHER_RC2_56_CBC,   /* the same draft (-00): export, 7 bytes -> 16 */
    TLSI_CIPHER_DES_CBC_EXPORT, /* the same draft: export DES, 8 bytes -> 8 through the export PRF */
    TLSI_CIPHER_COUNT
} tlsi_cipher;

typedef enum {
    TLSI_HASH_NONE = 0, /* AEAD suites have no record MAC */
    TLSI_HASH_MD5,
    TLSI_HASH_SHA1,
    TLSI_HASH_SHA256,
    TLSI_HASH_SHA384,
    TLSI_HASH_SHA512,
    TLSI_HASH_SM3,
    TLSI_HASH_GOST,
    TLSI_HASH_COUNT
} tlsi_hash;

typedef enum {
    TLSI_MODE_NONE = 0, /* NULL cipher */
    TLSI_MODE_STREAM,
    TLSI_MODE_CBC,
    TLSI_MODE_GCM,
    TLSI_MODE_CCM,
    TLSI_MODE_POLY1305,
    TLSI_MODE_AEGIS, /* AEGIS AEAD: libgcrypt has none, so never decrypted */
} tlsi_cipher_mode;

/* Parameters of one bulk cipher. gcry_algo/gcry_mode are libgcrypt's
 * GCRY_CIPHER_* / GCRY_CIPHER_MODE_* values, 0 when libgcrypt lacks it. */
typedef struct {
    tlsi_cipher id;
    const char *name;
    tlsi_cipher_mode mode;
    uint8_t key_len;       /* bytes of key the cipher takes (for export ciphers: after expansion) */
    uint8_t export_len;    /* export ciphers: bytes of key material in the key block, expanded
                            * to key_len, with the IV derived from the randoms (RFC 2246 6.3,
                            * RFC 6101 6.2.2); 0 for every other cipher (key_len bytes, IV
                            * from the key block) */
    uint8_t fixed_iv_len;  /* CBC: block IV from the key block (SSL3/TLS1.0); AEAD: implicit nonce part */
    uint8_t block_len;     /* CBC block size, 0 otherwise */
    uint8_t explicit_iv_len; /* TLS 1.2 AEAD explicit nonce bytes per record (8 for GCM/CCM, 0 ChaCha) */
    uint8_t tag_len;       /* AEAD tag bytes */
    int gcry_algo;
    int gcry_mode;
} tlsi_cipher_params;

/* Parameters of one hash. gcry_md is libgcrypt's GCRY_MD_* value. */
typedef struct {
    tlsi_hash id;
    const char *name;
    uint8_t len;
    int gcry_md;
} tlsi_hash_params;

/* NULL for an out-of-range id; never NULL otherwise. */
const tlsi_cipher_params *tlsi_cipher_params_get(tlsi_cipher c);
const tlsi_hash_params *tlsi_hash_params_get(tlsi_hash h);
/* Does libgcrypt (as linked) implement this cipher? Checked at run time. */
int tlsi_cipher_available(tlsi_cipher c);
const char *tlsi_kex_name(tlsi_kex k);
/* The TLS 1.3 draft a wire version stands for: 14..28 for 0x7f0e..0x7f1c,
 * 23 for 0xfb17 and 26 for 0xfb1a (Facebook's Fizz variants of drafts 23
 * and 26); 0 for RFC 8446 (0x0304) and anything else. */
unsigned tlsi_tls13_draft(uint16_t wire_version);

#endif
