/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_prf.c - SSL 3.0 / TLS 1.0-1.2 key derivation against independent
 * answers:
 *   - the TLS 1.2 PRF vectors posted to the IETF TLS list (SHA-256 and
 *     SHA-384), which `openssl kdf ... TLS1-PRF` reproduces (command given);
 *   - `openssl kdf` outputs for the TLS 1.0 PRF (digest MD5-SHA1), master
 *     secret, extended master secret, key block and Finished, with commands;
 *   - a separate P_hash written here over libgcrypt's gcry_mac API (the code
 *     under test uses gcry_md), and the SSL 3.0 formula of RFC 6101 6.1
 *     evaluated here with gcry_md_hash_buffer.
 * In the openssl commands, hexseed is hex(label) followed by the seed.
 */
#include <gcrypt.h>
#include <string.h>

#include "cipher_suites.h"
#include "prf.h"
#include "tcheck.h"

static uint8_t buf_a[512], buf_b[512];

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
    long n = tc_unhex(hex, out, cap);

    CHECK(n >= 0);
    return n < 0 ? 0 : (size_t)n;
}

/* Reference P_hash (RFC 5246 5) over gcry_mac, written from the RFC text. */
static void ref_p_hash(int mac_algo, const uint8_t *secret, size_t slen, const uint8_t *seed,
                       size_t seed_len, uint8_t *out, size_t out_len, int do_xor)
{
    uint8_t a[64], blk[64];
    size_t alen = gcry_mac_get_algo_maclen(mac_algo), done = 0, n, i, l;
    gcry_mac_hd_t h;

    gcry_mac_open(&h, mac_algo, 0, NULL);
    gcry_mac_setkey(h, secret, slen);
    gcry_mac_write(h, seed, seed_len); /* A(1) */
    l = alen;
    gcry_mac_read(h, a, &l);
    while (done < out_len) {
        gcry_mac_reset(h);
        gcry_mac_write(h, a, alen);
        gcry_mac_write(h, seed, seed_len);
        l = alen;
        gcry_mac_read(h, blk, &l);
        n = out_len - done < alen ? out_len - done : alen;
        for (i = 0; i < n; i++)
            out[done + i] = do_xor ? out[done + i] ^ blk[i] : blk[i];
        done += n;
        gcry_mac_reset(h);
        gcry_mac_write(h, a, alen);
        l = alen;
        gcry_mac_read(h, a, &l);
    }
    gcry_mac_close(h);
}

/* label + seed, as the PRF sees it. */
static size_t label_seed(const char *label, const uint8_t *seed, size_t seed_len, uint8_t *out)
{
    size_t ll = strlen(label);

    memcpy(out, label, ll);
    memcpy(out + ll, seed, seed_len);
    return ll + seed_len;
}

static void test_tls12_vectors(void)
{
    uint8_t secret[64], seed[64], want[256];
    size_t sl, dl, wl;

    /* IETF TLS list vector, P_SHA256, 100 bytes. Reproduced with:
     * openssl kdf -keylen 100 -kdfopt digest:SHA256
     *   -kdfopt hexsecret:9bbe436ba940f017b17652849a71db35
     *   -kdfopt hexseed:74657374206c6162656ca0ba9f936cda311827a6f796ffd5198c TLS1-PRF */
    sl = unhex("9bbe436ba940f017b17652849a71db35", secret, sizeof(secret));
    dl = unhex("a0ba9f936cda311827a6f796ffd5198c", seed, sizeof(seed));
    wl = unhex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
               "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
               "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
               "87347b66",
               want, sizeof(want));
    CHECK_EQ(wl, 100);
    memset(buf_a, 0, sizeof(buf_a));
    CHECK_EQ(tlsi_prf(TLSI_TLS12, TLSI_HASH_SHA256, secret, sl, "test label", seed, dl, buf_a, wl),
             TLSI_OK);
    CHECK_MEM(buf_a, want, wl);
    /* A shorter request is a prefix (not a block multiple). */
    memset(buf_a, 0, sizeof(buf_a));
    CHECK_EQ(tlsi_prf(TLSI_TLS12, TLSI_HASH_SHA256, secret, sl, "test label", seed, dl, buf_a, 33),
             TLSI_OK);
    CHECK_MEM(buf_a, want, 33);
    CHECK_EQ(buf_a[33], 0);
    /* DTLS 1.2 derives as TLS 1.2. */
    CHECK_EQ(tlsi_prf(0xFEFD, TLSI_HASH_SHA256, secret, sl, "test label", seed, dl, buf_a, wl),
             TLSI_OK);
    CHECK_MEM(buf_a, want, wl);

    /* IETF TLS list vector, P_SHA384, 148 bytes:
     * openssl kdf -keylen 148 -kdfopt digest:SHA384
     *   -kdfopt hexsecret:b80b733d6ceefcdc71566ea48e5567df
     *   -kdfopt hexseed:74657374206c6162656ccd665cf6a8447dd6ff8b27555edb7465 TLS1-PRF */
    sl = unhex("b80b733d6ceefcdc71566ea48e5567df", secret, sizeof(secret));
    dl = unhex("cd665cf6a8447dd6ff8b27555edb7465", seed, sizeof(seed));
    wl = unhex("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
               "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
               "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
               "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
               "91c8f3a26854308d5eaa3be85e0990703d73e56f",
               want, sizeof(want));
    CHECK_EQ(wl, 148);
    CHECK_EQ(tlsi_prf(TLSI_TLS12, TLSI_HASH_SHA384, secret, sl, "test label", seed, dl, buf_a, wl),
             TLSI_OK);
    CHECK_MEM(buf_a, want, wl);

    /* P_SHA512 against the reference P_hash above. */
    {
        uint8_t ls[128];
        size_t lsl = label_seed("test label", seed, dl, ls);

        ref_p_hash(GCRY_MAC_HMAC_SHA512, secret, sl, ls, lsl, buf_b, 200, 0);
        CHECK_EQ(
            tlsi_prf(TLSI_TLS12, TLSI_HASH_SHA512, secret, sl, "test label", seed, dl, buf_a, 200),
            TLSI_OK);
        CHECK_MEM(buf_a, buf_b, 200);
    }
}

static void test_tls10_vectors(void)
{
    uint8_t secret[64], seed[64], want[128], ls[128];
    size_t sl, dl, wl, lsl, half;

    /* Odd-length secret, so S1 and S2 share the middle byte (RFC 2246 5):
     * openssl kdf -keylen 104 -kdfopt digest:MD5-SHA1
     *   -kdfopt hexsecret:0102...2f (the 47 bytes 0x01..0x2f)
     *   -kdfopt hexseed:74657374206c6162656c a0a1...bf (the 32 bytes 0xa0..0xbf) TLS1-PRF */
    sl = unhex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
               "2122232425262728292a2b2c2d2e2f",
               secret, sizeof(secret));
    dl = unhex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf", seed,
               sizeof(seed));
    wl = unhex("3ed201e2241afe442873cd917e40ea1cbf1aacd43f80d4bcfdecf9879a3f0efd"
               "bd7a9fda27d1d2d1795dbfe82c7c518edbb0e4dd931db1b6c44712a7b73d8d4c"
               "47aaca67cd3ba4ee7e47bcf908607247200f986cd27ce94a049b1bbd8b3dee3a"
               "9bd8ec946bda76a5",
               want, sizeof(want));
    CHECK_EQ(sl, 47);
    CHECK_EQ(wl, 104);
    CHECK_EQ(tlsi_prf(TLSI_TLS10, TLSI_HASH_NONE, secret, sl, "test label", seed, dl, buf_a, wl),
             TLSI_OK);
    CHECK_MEM(buf_a, want, wl);
    /* TLS 1.1 and DTLS 1.0 use the same PRF; prf_hash is ignored. */
    CHECK_EQ(tlsi_prf(TLSI_TLS11, TLSI_HASH_SHA384, secret, sl, "test label", seed, dl, buf_a, wl),
             TLSI_OK);
    CHECK_MEM(buf_a, want, wl);
    CHECK_EQ(tlsi_prf(0xFEFF, TLSI_HASH_SHA256, secret, sl, "test label", seed, dl, buf_a, wl),
             TLSI_OK);
    CHECK_MEM(buf_a, want, wl);

    /* Even length: openssl kdf -keylen 40 -kdfopt digest:MD5-SHA1
     *   -kdfopt hexsecret:0102...30 (48 bytes 0x01..0x30) -kdfopt hexseed:(as above) TLS1-PRF */
    secret[47] = 0x30;
    wl = unhex("a783b33ec2b2464fef32ffaa10d91e7a0c3743925febb84aaaaf036842ffa290"
               "f50b1ac27708f59c",
               want, sizeof(want));
    CHECK_EQ(tlsi_prf(TLSI_TLS10, TLSI_HASH_NONE, secret, 48, "test label", seed, dl, buf_a, wl),
             TLSI_OK);
    CHECK_MEM(buf_a, want, wl);

    /* And the same from the reference P_hash: P_MD5(S1) xor P_SHA1(S2). */
    lsl = label_seed("test label", seed, dl, ls);
    half = 24;
    ref_p_hash(GCRY_MAC_HMAC_MD5, secret, half, ls, lsl, buf_b, wl, 0);
    ref_p_hash(GCRY_MAC_HMAC_SHA1, secret + 24, half, ls, lsl, buf_b, wl, 1);
    CHECK_MEM(buf_b, want, wl);
}

/* RFC 6101 6.1: block i = MD5(secret + SHA1(L_i + secret + seed)). */
static void ref_ssl3(const uint8_t *secret, size_t sl, const uint8_t *seed, size_t dl, uint8_t *out,
                     size_t blocks)
{
    uint8_t in[600], sha[20];
    size_t i, n;

    for (i = 0; i < blocks; i++) {
        memset(in, 'A' + (int)i, i + 1);
        n = i + 1;
        memcpy(in + n, secret, sl);
        n += sl;
        memcpy(in + n, seed, dl);
        n += dl;
        gcry_md_hash_buffer(GCRY_MD_SHA1, sha, in, n);
        memcpy(in, secret, sl);
        memcpy(in + sl, sha, 20);
        gcry_md_hash_buffer(GCRY_MD_MD5, out + 16 * i, in, sl + 20);
    }
}

static void test_ssl3(void)
{
    uint8_t pm[48], cr[32], sr[32], seed[64], master[48], want[26 * 16];
    size_t i;

    for (i = 0; i < 48; i++)
        pm[i] = (uint8_t)(0x10 + i);
    pm[0] = 3;
    pm[1] = 0;
    for (i = 0; i < 32; i++) {
        cr[i] = (uint8_t)(0xc0 + i);
        sr[i] = (uint8_t)(0xe0 + i);
    }
    /* master_secret: 3 blocks over client_random + server_random. */
    memcpy(seed, cr, 32);
    memcpy(seed + 32, sr, 32);
    ref_ssl3(pm, 48, seed, 64, want, 3);
    CHECK_EQ(tlsi_master_secret(TLSI_SSL3, TLSI_HASH_NONE, pm, 48, cr, sr, NULL, 0, master),
             TLSI_OK);
    CHECK_MEM(master, want, 48);
    /* key_block: the seed is server_random + client_random (RFC 6101 6.2.2). */
    memcpy(seed, sr, 32);
    memcpy(seed + 32, cr, 32);
    ref_ssl3(master, 48, seed, 64, want, 26);
    CHECK_EQ(tlsi_key_block(TLSI_SSL3, TLSI_HASH_NONE, master, cr, sr, buf_a, 100), TLSI_OK);
    CHECK_MEM(buf_a, want, 100);
    /* The whole alphabet: 26 blocks, 416 bytes; one more byte is refused. */
    CHECK_EQ(tlsi_prf(TLSI_SSL3, TLSI_HASH_NONE, master, 48, "ignored", seed, 64, buf_a, 416),
             TLSI_OK);
    CHECK_MEM(buf_a, want, 416);
    CHECK_EQ(tlsi_prf(TLSI_SSL3, TLSI_HASH_NONE, master, 48, NULL, seed, 64, buf_a, 417),
             TLSI_ERR_BAD_LENGTH);
    /* No EMS for SSL 3.0. */
    CHECK_EQ(tlsi_master_secret(TLSI_SSL3, TLSI_HASH_NONE, pm, 48, cr, sr, seed, 36, master),
             TLSI_ERR_UNSUPPORTED);
}

/* Shared inputs of the master secret / key block / Finished checks:
 * PM = 0303 101112...3d, CR = c0..df, SR = e0..ff, SH = 50..6f, MS = 70..9f. */
static uint8_t PM[48], CR[32], SR[32], SH[36], MS[48], HH[48];

static void fill_inputs(void)
{
    size_t i;

    PM[0] = 3;
    PM[1] = 3;
    for (i = 2; i < 48; i++)
        PM[i] = (uint8_t)(0x10 + i - 2);
    for (i = 0; i < 32; i++) {
        CR[i] = (uint8_t)(0xc0 + i);
        SR[i] = (uint8_t)(0xe0 + i);
        SH[i] = (uint8_t)(0x50 + i);
    }
    for (i = 0; i < 48; i++) {
        MS[i] = (uint8_t)(0x70 + i);
        HH[i] = (uint8_t)i;
    }
}

static void test_master_and_key_block(void)
{
    uint8_t master[48], want[128], hh36[36];
    size_t wl;

    fill_inputs();
    /* openssl kdf -keylen 48 -kdfopt digest:SHA256 -kdfopt hexsecret:<PM>
     *   -kdfopt hexseed:<hex "master secret"><CR><SR> TLS1-PRF */
    unhex("c46d9d89c328406ee2325f39f8e7d5534cf3b780bc18cbcebfdcd12e3e877c28"
          "3d1b7f9be4fffa7ea800db749065c589",
          want, sizeof(want));
    CHECK_EQ(tlsi_master_secret(TLSI_TLS12, TLSI_HASH_SHA256, PM, 48, CR, SR, NULL, 0, master),
             TLSI_OK);
    CHECK_MEM(master, want, 48);
    /* same with digest:SHA384 */
    unhex("f6450876ea5d337a17479318789bf9bbe3c98105fe33e7e2258de9beca759a2c"
          "a11de6f92facad0ef12fad69cb037c01",
          want, sizeof(want));
    CHECK_EQ(tlsi_master_secret(TLSI_TLS12, TLSI_HASH_SHA384, PM, 48, CR, SR, NULL, 0, master),
             TLSI_OK);
    CHECK_MEM(master, want, 48);
    /* same with digest:MD5-SHA1 (TLS 1.0) */
    unhex("aedc5c067849d416da6bec62d3e217741427488c0409b66494331de2a0d1acc0"
          "41786ae02dc2915632e3b3ce04b8ed49",
          want, sizeof(want));
    CHECK_EQ(tlsi_master_secret(TLSI_TLS10, TLSI_HASH_SHA256, PM, 48, CR, SR, NULL, 0, master),
             TLSI_OK);
    CHECK_MEM(master, want, 48);

    /* RFC 7627 4: openssl kdf -keylen 48 -kdfopt digest:SHA256 -kdfopt hexsecret:<PM>
     *   -kdfopt hexseed:<hex "extended master secret"><SH> TLS1-PRF */
    unhex("b59a997fd140a13dc3078cadb653895585816b58941b93237e7689e149af3480"
          "472896f8404c84449e960c343b910b1f",
          want, sizeof(want));
    CHECK_EQ(tlsi_master_secret(TLSI_TLS12, TLSI_HASH_SHA256, PM, 48, CR, SR, SH, 32, master),
             TLSI_OK);
    CHECK_MEM(master, want, 48);
    /* TLS 1.0 EMS over a 36-byte MD5+SHA1 session hash (bytes 00..23):
     * digest:MD5-SHA1, hexseed:<hex "extended master secret">000102..23 */
    memcpy(hh36, HH, 36);
    unhex("7ecbea2fa1f9c2223635f4a6b03010d99387304f5832feef6f4e029bbdad66e6"
          "8026b8b912849d772ffd4f1da0cf53ff",
          want, sizeof(want));
    CHECK_EQ(tlsi_master_secret(TLSI_TLS10, TLSI_HASH_NONE, PM, 48, CR, SR, hh36, 36, master),
             TLSI_OK);
    CHECK_MEM(master, want, 48);

    /* key_block: openssl kdf -keylen 104 -kdfopt digest:SHA256 -kdfopt hexsecret:<MS>
     *   -kdfopt hexseed:<hex "key expansion"><SR><CR> TLS1-PRF */
    wl = unhex("0fbddde273e2253cf635e12f3fcc5181c1238ae50248e792d1f4e37391bc53c0"
               "88fdc5488eb081d005fcd76450a866461579517d8c28f00e92d879ec77c998ee"
               "c789143099a50e9c7ebdca4c835605118a7ecd05c7c99926f463e89a49e4ae28"
               "07cc930fcf9860b8",
               want, sizeof(want));
    CHECK_EQ(tlsi_key_block(TLSI_TLS12, TLSI_HASH_SHA256, MS, CR, SR, buf_a, wl), TLSI_OK);
    CHECK_MEM(buf_a, want, wl);
    /* same with digest:MD5-SHA1 */
    wl = unhex("39abb394d10649eb99453142495fb406ee614f94f835fc847614b851d55a1796"
               "0a8e3ea9f2c79ed4c254470f8998466920ae36208e6a3f77ca11326d3307c92a"
               "6a3134a75135239806aedd76d4a3db688d9cd8fdc8992630e7f41383e43b5a4a"
               "dfd0c88ae8e47ee9",
               want, sizeof(want));
    CHECK_EQ(tlsi_key_block(TLSI_TLS10, TLSI_HASH_NONE, MS, CR, SR, buf_a, wl), TLSI_OK);
    CHECK_MEM(buf_a, want, wl);
}

static void test_finished(void)
{
    uint8_t out[16], want[12];
    size_t n = 99;

    fill_inputs();
    /* openssl kdf -keylen 12 -kdfopt digest:SHA256 -kdfopt hexsecret:<MS>
     *   -kdfopt hexseed:<hex "client finished">000102..1f TLS1-PRF */
    unhex("50413349e6f4a0a1049ee34a", want, sizeof(want));
    CHECK_EQ(tlsi_finished_verify_data(TLSI_TLS12, TLSI_HASH_SHA256, MS, 0, HH, 32, out, &n),
             TLSI_OK);
    CHECK_EQ(n, 12);
    CHECK_MEM(out, want, 12);
    /* ... "server finished" */
    unhex("cba5dd20a65c57a7d17a490f", want, sizeof(want));
    CHECK_EQ(tlsi_finished_verify_data(TLSI_TLS12, TLSI_HASH_SHA256, MS, 1, HH, 32, out, &n),
             TLSI_OK);
    CHECK_MEM(out, want, 12);
    /* digest:SHA384, "server finished", hash 000102..2f */
    unhex("023d28e243f54a6d7f2ab235", want, sizeof(want));
    CHECK_EQ(tlsi_finished_verify_data(TLSI_TLS12, TLSI_HASH_SHA384, MS, 1, HH, 48, out, &n),
             TLSI_OK);
    CHECK_MEM(out, want, 12);
    /* digest:MD5-SHA1, "client finished", hash 000102..23 */
    unhex("3e42199ca0e8090d0759acce", want, sizeof(want));
    CHECK_EQ(tlsi_finished_verify_data(TLSI_TLS10, TLSI_HASH_NONE, MS, 0, HH, 36, out, &n),
             TLSI_OK);
    CHECK_MEM(out, want, 12);

    /* Wrong hash lengths and SSL 3.0 are refused. */
    n = 99;
    CHECK_EQ(tlsi_finished_verify_data(TLSI_TLS12, TLSI_HASH_SHA256, MS, 0, HH, 48, out, &n),
             TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(n, 0);
    CHECK_EQ(tlsi_finished_verify_data(TLSI_TLS11, TLSI_HASH_NONE, MS, 0, HH, 32, out, &n),
             TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(tlsi_finished_verify_data(TLSI_SSL3, TLSI_HASH_NONE, MS, 0, HH, 36, out, &n),
             TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(tlsi_finished_verify_data(TLSI_TLS13, TLSI_HASH_SHA256, MS, 0, HH, 32, out, &n),
             TLSI_ERR_UNSUPPORTED);
}

static void test_bad_args(void)
{
    uint8_t s[16] = {0};

    CHECK_EQ(tlsi_prf(TLSI_TLS13, TLSI_HASH_SHA256, s, 16, "x", s, 16, buf_a, 16),
             TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(tlsi_prf(0x0200, TLSI_HASH_SHA256, s, 16, "x", s, 16, buf_a, 16),
             TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(tlsi_prf(TLSI_TLS12, TLSI_HASH_MD5, s, 16, "x", s, 16, buf_a, 16),
             TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(tlsi_prf(TLSI_TLS12, TLSI_HASH_NONE, s, 16, "x", s, 16, buf_a, 16),
             TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(tlsi_prf(TLSI_TLS12, (tlsi_hash)99, s, 16, "x", s, 16, buf_a, 16),
             TLSI_ERR_UNSUPPORTED);
    /* Zero output is fine and writes nothing. */
    buf_a[0] = 0x5a;
    CHECK_EQ(tlsi_prf(TLSI_TLS12, TLSI_HASH_SHA256, s, 16, "x", s, 16, buf_a, 0), TLSI_OK);
    CHECK_EQ(buf_a[0], 0x5a);
    /* An empty secret is legal (RFC 2246 6.3 export IVs use one). */
    {
        uint8_t ls[8];
        size_t lsl = label_seed("x", s, 4, ls);

        ref_p_hash(GCRY_MAC_HMAC_SHA256, s, 0, ls, lsl, buf_b, 40, 0);
        CHECK_EQ(tlsi_prf(TLSI_TLS12, TLSI_HASH_SHA256, NULL, 0, "x", s, 4, buf_a, 40), TLSI_OK);
        CHECK_MEM(buf_a, buf_b, 40);
    }
}

/* Key block sizes from RFC 5246 6.3 and appendix C (and RFC 2246 for IVs). */
static void test_key_block_layout(void)
{
    tlsi_conn_keys c, s;
    uint8_t kb[256];
    size_t i;

    for (i = 0; i < sizeof(kb); i++)
        kb[i] = (uint8_t)i;
    /* RFC 5246 6.3: AES_256_CBC_SHA256 needs 2 x 32 key + 2 x 32 MAC = 128. */
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x003D), TLSI_TLS12), 128);
    /* TLS_RSA_WITH_AES_128_CBC_SHA: TLS 1.0 adds two 16-byte IVs, 1.1 not. */
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x002F), TLSI_TLS10), 2 * (20 + 16 + 16));
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x002F), TLSI_SSL3), 2 * (20 + 16 + 16));
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x002F), TLSI_TLS11), 2 * (20 + 16));
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x002F), TLSI_TLS12), 2 * (20 + 16));
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x002F), 0xFEFF), 2 * (20 + 16));
    /* 3DES: 24-byte key, 8-byte IV. */
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x000A), TLSI_SSL3), 2 * (20 + 24 + 8));
    /* RC4_128_MD5: stream, no IV. */
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x0004), TLSI_TLS10), 2 * (16 + 16));
    /* NULL_SHA: MAC keys only. */
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x0002), TLSI_TLS12), 2 * 20);
    /* RFC 5288 3: GCM takes a 4-byte salt per side. */
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x009C), TLSI_TLS12), 2 * (16 + 4));
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0xC030), TLSI_TLS12), 2 * (32 + 4));
    /* RFC 7905 2: ChaCha20-Poly1305 takes a 12-byte IV per side. */
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0xCCA8), TLSI_TLS12), 2 * (32 + 12));
    /* SHA-384 MAC. */
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0xC028), TLSI_TLS12), 2 * (48 + 32));
    /* RFC 2246 6.3: export suites take only their 5 bytes of key material
     * per side, no IV: RC4_40_MD5 2 x (16 + 5), DES40_CBC_SHA 2 x (20 + 5). */
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x0003), TLSI_TLS10), 2 * (16 + 5));
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x0008), TLSI_SSL3), 2 * (20 + 5));
    /* draft-ietf-tls-56-bit-ciphersuites-01 4: DES_CBC 8 bytes, RC4_56 7. */
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x0062), TLSI_TLS10), 2 * (20 + 8));
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x0064), TLSI_TLS10), 2 * (20 + 7));
    /* No key block: TLS 1.3 suites, SCSV, unknown, TLS 1.3 version. */
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x1301), TLSI_TLS12), 0);
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x00FF), TLSI_TLS12), 0);
    CHECK_EQ(tlsi_key_block_len(NULL, TLSI_TLS12), 0);
    CHECK_EQ(tlsi_key_block_len(tlsi_suite_find(0x002F), TLSI_TLS13), 0);

    /* Slicing order (RFC 5246 6.3), TLS 1.0 AES_128_CBC_SHA: */
    CHECK_EQ(tlsi_key_block_split(tlsi_suite_find(0x002F), TLSI_TLS10, kb, 104, &c, &s), TLSI_OK);
    CHECK_EQ(c.mac_key_len, 20);
    CHECK_EQ(c.key_len, 16);
    CHECK_EQ(c.iv_len, 16);
    CHECK_MEM(c.mac_key, kb + 0, 20);
    CHECK_MEM(s.mac_key, kb + 20, 20);
    CHECK_MEM(c.key, kb + 40, 16);
    CHECK_MEM(s.key, kb + 56, 16);
    CHECK_MEM(c.iv, kb + 72, 16);
    CHECK_MEM(s.iv, kb + 88, 16);
    /* GCM: no MAC, 4-byte implicit nonce after the keys. */
    CHECK_EQ(tlsi_key_block_split(tlsi_suite_find(0x009D), TLSI_TLS12, kb, 72, &c, &s), TLSI_OK);
    CHECK_EQ(c.mac_key_len, 0);
    CHECK_EQ(c.key_len, 32);
    CHECK_EQ(s.iv_len, 4);
    CHECK_MEM(c.key, kb + 0, 32);
    CHECK_MEM(s.key, kb + 32, 32);
    CHECK_MEM(c.iv, kb + 64, 4);
    CHECK_MEM(s.iv, kb + 68, 4);
    /* A short key block, and suites without one, are refused. */
    CHECK_EQ(tlsi_key_block_split(tlsi_suite_find(0x009D), TLSI_TLS12, kb, 71, &c, &s),
             TLSI_ERR_SHORT);
    CHECK_EQ(tlsi_key_block_split(tlsi_suite_find(0x1302), TLSI_TLS13, kb, 200, &c, &s),
             TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(c.key_len, 0);
    CHECK_EQ(tlsi_key_block_split(tlsi_suite_find(0x0003), TLSI_TLS10, kb, 200, &c, &s),
             TLSI_OK);
    CHECK_EQ(c.key_len, 5);
    CHECK_EQ(c.iv_len, 0);
    CHECK(memcmp(c.key, kb + 32, 5) == 0 && memcmp(s.key, kb + 37, 5) == 0);
}

int main(void)
{
    gcry_check_version(NULL);
    test_tls12_vectors();
    test_tls10_vectors();
    test_ssl3();
    test_master_and_key_block();
    test_finished();
    test_bad_args();
    test_key_block_layout();
    return tc_done();
}
