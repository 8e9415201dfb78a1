/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of RSA key loading and premaster decryption (rsa_keys.c).
 *
 * Fixtures in tests/unit/data/ were made by make-keys.sh with the openssl CLI:
 * one RSA-2048 key in seven container formats, its certificate, an EC key and
 * certificate, broken files, modulus.hex (openssl rsa -noout -modulus) and a
 * premaster encrypted by openssl pkeyutl. The expected key id is the SHA-1 of
 * openssl's modulus, computed here with libgcrypt directly; other ciphertexts
 * are made here with libgcrypt's public-key encryption. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gcrypt.h>

#include "crypto_init.h"
#include "rsa_keys.h"
#include "tcheck.h"

#define PASS "tlsi-test"

static char data_dir[1024];

static void find_data_dir(void)
{
    const char *root = getenv("TLSI_SOURCE_DIR");
    if (root) {
        snprintf(data_dir, sizeof data_dir, "%s/tests/unit/data", root);
    } else {
        /* Run by hand: the fixtures sit next to this source file. */
        snprintf(data_dir, sizeof data_dir, "%s", __FILE__);
        char *slash = strrchr(data_dir, '/');
        if (slash)
            snprintf(slash, sizeof data_dir - (size_t)(slash - data_dir), "/data");
        else
            snprintf(data_dir, sizeof data_dir, "data");
    }
}

static const char *fixture(const char *name)
{
    static char path[1200];
    snprintf(path, sizeof path, "%s/%s", data_dir, name);
    return path;
}

/* Whole fixture file; *len its size. Aborts the test if missing. */
static uint8_t *slurp(const char *name, size_t *len)
{
    FILE *f = fopen(fixture(name), "rb");
    if (!f) {
        fprintf(stderr, "missing fixture %s\n", fixture(name));
        exit(1);
    }
    uint8_t *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static uint8_t modulus[512];
static size_t modulus_len;

static void load_modulus(void)
{
    size_t n;
    uint8_t *hex = slurp("modulus.hex", &n);
    char *s = malloc(n + 1);
    memcpy(s, hex, n);
    s[n] = '\0';
    long r = tc_unhex(s, modulus, sizeof modulus);
    CHECK_EQ(r, 256);
    modulus_len = r > 0 ? (size_t)r : 0;
    free(s);
    free(hex);
}

static tlsi_rsa_key *load_ok(const char *name, const char *password)
{
    tlsi_err err = TLSI_ERR_COUNT;
    char msg[256] = "";
    tlsi_rsa_key *key = tlsi_rsa_key_load(fixture(name), password, &err, msg, sizeof msg);
    if (!key)
        fprintf(stderr, "%s: %s (%s)\n", name, msg, tlsi_err_str(err));
    CHECK(key != NULL);
    CHECK_EQ(err, TLSI_OK);
    return key;
}

static void load_fails(const char *name, const char *password, tlsi_err want, const char *want_msg)
{
    tlsi_err err = TLSI_OK;
    char msg[256] = "";
    tlsi_rsa_key *key = tlsi_rsa_key_load(name[0] == '/' ? name : fixture(name), password, &err,
                                          msg, sizeof msg);
    CHECK(key == NULL);
    CHECK_EQ(err, want);
    if (want_msg && !strstr(msg, want_msg))
        fprintf(stderr, "%s: message '%s' lacks '%s'\n", name, msg, want_msg);
    CHECK(!want_msg || strstr(msg, want_msg) != NULL);
    tlsi_rsa_key_free(key);
}

static void test_formats(void)
{
    static const struct {
        const char *file;
        const char *password;
    } good[] = {
        {"rsa-pkcs1.pem", NULL},        {"rsa-pkcs1.der", NULL},
        {"rsa-pkcs8.pem", NULL},        {"rsa-pkcs8.der", ""},
        {"rsa-pkcs8-enc.pem", PASS},    {"rsa.p12", PASS},
        {"rsa-3des.p12", PASS},         {"rsa-pkcs1.pem", PASS}, /* unused password */
    };
    uint8_t want_id[20], id[20];
    char want_hex[41];

    gcry_md_hash_buffer(GCRY_MD_SHA1, want_id, modulus, modulus_len);
    for (int i = 0; i < 20; i++)
        snprintf(want_hex + 2 * i, 3, "%02x", want_id[i]);

    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        tlsi_rsa_key *key = load_ok(good[i].file, good[i].password);
        if (!key)
            continue;
        tlsi_rsa_key_id(key, id);
        CHECK_MEM(id, want_id, 20);
        CHECK(strcmp(tlsi_rsa_key_id_hex(key), want_hex) == 0);
        CHECK_EQ(tlsi_rsa_key_bits(key), 2048);
        CHECK(tlsi_rsa_key_matches_modulus(key, modulus, modulus_len));
        tlsi_rsa_key_free(key);
    }
}

static void test_matches_modulus(void)
{
    tlsi_rsa_key *key = load_ok("rsa-pkcs1.pem", NULL);
    uint8_t n[260];
    if (!key)
        return;
    /* A DER INTEGER carries a leading zero when the top bit is set. */
    n[0] = 0;
    n[1] = 0;
    memcpy(n + 2, modulus, modulus_len);
    CHECK(tlsi_rsa_key_matches_modulus(key, n, modulus_len + 2));
    CHECK(!tlsi_rsa_key_matches_modulus(key, modulus, modulus_len - 1));
    CHECK(!tlsi_rsa_key_matches_modulus(key, modulus + 1, modulus_len - 1));
    n[2 + 100] ^= 1;
    CHECK(!tlsi_rsa_key_matches_modulus(key, n, modulus_len + 2));
    CHECK(!tlsi_rsa_key_matches_modulus(key, n, 0));
    tlsi_rsa_key_free(key);
}

static void test_refusals(void)
{
    load_fails("rsa-pkcs8-enc.pem", "wrong", TLSI_ERR_BAD_KEY, "wrong password or corrupt file");
    load_fails("rsa.p12", "wrong", TLSI_ERR_BAD_KEY, "wrong password or corrupt file");
    load_fails("rsa-3des.p12", "wrong", TLSI_ERR_BAD_KEY, "wrong password or corrupt file");
    load_fails("rsa-pkcs8-enc.pem", NULL, TLSI_ERR_BAD_KEY, "a password is needed");
    load_fails("rsa.p12", "", TLSI_ERR_BAD_KEY, "a password is needed");

    load_fails("ec.pem", NULL, TLSI_ERR_UNSUPPORTED, "key is EC, not RSA");

    load_fails("/nonexistent/tlsi/key.pem", NULL, TLSI_ERR_IO,
               "cannot open /nonexistent/tlsi/key.pem: No such file or directory");
    load_fails("/", NULL, TLSI_ERR_IO, "not a regular file");
    load_fails("rsa-truncated.pem", NULL, TLSI_ERR_BAD_KEY, "not a readable private key");
    load_fails("rsa-truncated.der", NULL, TLSI_ERR_BAD_KEY, "not a readable private key");
    load_fails("garbage.bin", NULL, TLSI_ERR_BAD_KEY, "not a readable private key");
    load_fails("garbage.bin", PASS, TLSI_ERR_BAD_KEY, "not a readable private key");
    load_fails("cert.der", NULL, TLSI_ERR_BAD_KEY, "not a readable private key");
    load_fails("modulus.hex", NULL, TLSI_ERR_BAD_KEY, "not a readable private key");

    char empty[] = "/tmp/tlsi-empty-key-XXXXXX";
    int fd = mkstemp(empty);
    CHECK(fd >= 0);
    if (fd >= 0) {
        close(fd);
        load_fails(empty, NULL, TLSI_ERR_BAD_LENGTH, "key file is empty");
        unlink(empty);
    }

    /* The msg buffer is optional. */
    tlsi_err err;
    CHECK(tlsi_rsa_key_load(fixture("ec.pem"), NULL, &err, NULL, 0) == NULL);
    CHECK_EQ(err, TLSI_ERR_UNSUPPORTED);
}

/* Every prefix and many single-byte corruptions of real key files: an error
 * or (for a harmless change) a key, never a crash or a leak under ASan. */
static void test_mangled(void)
{
    static const char *const files[] = {"rsa-pkcs1.der", "rsa-pkcs8-enc.pem", "rsa.p12"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        size_t len;
        uint8_t *b = slurp(files[f], &len);
        int crashed_not = 1;
        for (size_t cut = 0; cut < len; cut += 97) {
            tlsi_err err;
            tlsi_rsa_key *k = tlsi_rsa_key_load_mem(b, cut, PASS, &err, NULL, 0);
            crashed_not &= k == NULL && err != TLSI_OK;
            tlsi_rsa_key_free(k);
        }
        CHECK(crashed_not);
        for (size_t pos = 0; pos < len; pos += 13) {
            tlsi_err err;
            b[pos] ^= 0x5a;
            tlsi_rsa_key *k = tlsi_rsa_key_load_mem(b, len, PASS, &err, NULL, 0);
            CHECK((k != NULL) == (err == TLSI_OK));
            tlsi_rsa_key_free(k);
            b[pos] ^= 0x5a;
        }
        free(b);
    }
}

/* ---- premaster decryption ---- */

static gcry_sexp_t public_key(void)
{
    gcry_sexp_t pub = NULL;
    /* openssl genrsa uses e = 65537; the round trip below would fail otherwise. */
    gcry_error_t e = gcry_sexp_build(&pub, NULL, "(public-key(rsa(n%b)(e%b)))",
                                     (int)modulus_len, modulus, 3, "\x01\x00\x01");
    CHECK_EQ(e, 0);
    return pub;
}

/* Encrypt with libgcrypt: PKCS#1 v1.5 of msg when pkcs1, else raw RSA of the
 * 256-byte block msg. out receives 256 bytes. */
static void encrypt(gcry_sexp_t pub, int pkcs1, const uint8_t *msg, size_t len, uint8_t out[256])
{
    gcry_sexp_t data = NULL, enc = NULL, a = NULL;
    gcry_mpi_t m = NULL, c = NULL;
    size_t w = 0;

    if (pkcs1) {
        CHECK_EQ(gcry_sexp_build(&data, NULL, "(data(flags pkcs1)(value %b))", (int)len, msg), 0);
    } else {
        CHECK_EQ(gcry_mpi_scan(&m, GCRYMPI_FMT_USG, msg, len, NULL), 0);
        CHECK_EQ(gcry_sexp_build(&data, NULL, "(data(flags raw)(value %m))", m), 0);
    }
    CHECK_EQ(gcry_pk_encrypt(&enc, data, pub), 0);
    a = gcry_sexp_find_token(enc, "a", 0);
    CHECK(a != NULL);
    c = gcry_sexp_nth_mpi(a, 1, GCRYMPI_FMT_USG);
    memset(out, 0, 256);
    CHECK_EQ(gcry_mpi_print(GCRYMPI_FMT_USG, out, 256, &w, c), 0);
    memmove(out + (256 - w), out, w);
    memset(out, 0, 256 - w);
    gcry_mpi_release(m);
    gcry_mpi_release(c);
    gcry_sexp_release(a);
    gcry_sexp_release(enc);
    gcry_sexp_release(data);
}

static void test_premaster_openssl(tlsi_rsa_key *key)
{
    size_t pl, el;
    uint8_t *pms = slurp("premaster.bin", &pl);
    uint8_t *enc = slurp("premaster.enc", &el);
    uint8_t out[48];
    char why[256];

    CHECK_EQ(pl, 48);
    CHECK_EQ(el, 256);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, el, 0x0303, out, why, sizeof why), TLSI_OK);
    CHECK_MEM(out, pms, 48);

    /* The ClientHello said TLS 1.0: premaster still returned, distinct error. */
    memset(out, 0, sizeof out);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, el, 0x0301, out, why, sizeof why),
             TLSI_ERR_BAD_VALUE);
    CHECK_MEM(out, pms, 48);
    CHECK(strstr(why, "premaster version 0x0303 differs from the ClientHello version 0x0301"));

    /* One flipped ciphertext byte: the padding no longer parses. */
    enc[100] ^= 0x01;
    memset(out, 0x77, sizeof out);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, el, 0x0303, out, why, sizeof why),
             TLSI_ERR_BAD_KEY);
    CHECK(strstr(why, "wrong key or Bleichenbacher-style padding failure") != NULL);
    CHECK_EQ(out[0], 0x77); /* untouched */
    enc[100] ^= 0x01;

    /* Lengths: empty, longer than the modulus; not below the modulus. */
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, 0, 0x0303, out, why, sizeof why),
             TLSI_ERR_BAD_LENGTH);
    uint8_t big[257];
    memset(big, 0, sizeof big);
    memcpy(big + 1, enc, 256);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, big, 257, 0x0303, out, why, sizeof why),
             TLSI_ERR_BAD_LENGTH);
    CHECK(strstr(why, "257 bytes but the key's modulus is 256 bytes") != NULL);
    memset(big, 0xff, 256);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, big, 256, 0x0303, out, why, sizeof why),
             TLSI_ERR_BAD_KEY);
    CHECK(strstr(why, "not below the key's modulus") != NULL);
    /* why is optional. */
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, el, 0x0303, out, NULL, 0), TLSI_OK);
    free(pms);
    free(enc);
}

/* Hand-made encryption blocks, each failing exactly one check. */
static void test_premaster_blocks(tlsi_rsa_key *key)
{
    gcry_sexp_t pub = public_key();
    uint8_t em[256], enc[256], out[48], pms[48];
    char why[256];
    static const uint8_t version[2] = {0x03, 0x01};

    for (int i = 0; i < 48; i++)
        pms[i] = (uint8_t)(0xc0 + i);
    memcpy(pms, version, 2);

    /* libgcrypt's own PKCS#1 v1.5 encryption round-trips. */
    encrypt(pub, 1, pms, 48, enc);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, 256, 0x0301, out, why, sizeof why), TLSI_OK);
    CHECK_MEM(out, pms, 48);

    /* A valid block built by hand: 00 02 PS(205 non-zero) 00 M(48). */
    memset(em, 0x5c, sizeof em);
    em[0] = 0x00;
    em[1] = 0x02;
    em[256 - 49] = 0x00;
    memcpy(em + 256 - 48, pms, 48);
    encrypt(pub, 0, em, 256, enc);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, 256, 0x0301, out, why, sizeof why), TLSI_OK);
    CHECK_MEM(out, pms, 48);

    /* Block type 1 (signature padding). */
    em[1] = 0x01;
    encrypt(pub, 0, em, 256, enc);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, 256, 0x0301, out, why, sizeof why),
             TLSI_ERR_BAD_KEY);
    CHECK(strstr(why, "(block does not start with 00 02): wrong key or Bleichenbacher") != NULL);
    em[1] = 0x02;

    /* No separator at all. */
    memset(em + 2, 0x5c, 254);
    encrypt(pub, 0, em, 256, enc);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, 256, 0x0301, out, why, sizeof why),
             TLSI_ERR_BAD_KEY);
    CHECK(strstr(why, "no zero byte ends the padding") != NULL);

    /* Seven padding bytes, then the separator. */
    em[2 + 7] = 0x00;
    encrypt(pub, 0, em, 256, enc);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, 256, 0x0301, out, why, sizeof why),
             TLSI_ERR_BAD_KEY);
    CHECK(strstr(why, "padding shorter than 8 bytes") != NULL);

    /* Eight padding bytes is valid padding, but leaves 245 bytes of message. */
    em[2 + 7] = 0x5c;
    em[2 + 8] = 0x00;
    encrypt(pub, 0, em, 256, enc);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, 256, 0x0301, out, why, sizeof why),
             TLSI_ERR_BAD_KEY);
    CHECK(strstr(why, "decrypted premaster is 245 bytes, not 48: wrong key") != NULL);

    /* A 47-byte message from libgcrypt's encoder. */
    encrypt(pub, 1, pms, 47, enc);
    CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc, 256, 0x0301, out, why, sizeof why),
             TLSI_ERR_BAD_KEY);
    CHECK(strstr(why, "47 bytes, not 48") != NULL);

    /* A ciphertext with leading zero bytes sent without them still works. */
    int found = 0;
    for (int t = 0; t < 2000 && !found; t++) {
        pms[47] = (uint8_t)t;
        pms[46] = (uint8_t)(t >> 8);
        encrypt(pub, 1, pms, 48, enc);
        if (enc[0] == 0) {
            found = 1;
            CHECK_EQ(tlsi_rsa_decrypt_premaster(key, enc + 1, 255, 0x0301, out, why, sizeof why),
                     TLSI_OK);
            CHECK_MEM(out, pms, 48);
        }
    }
    CHECK(found);
    gcry_sexp_release(pub);
}

static void test_premaster(void)
{
    tlsi_rsa_key *key = load_ok("rsa.p12", PASS);
    if (!key)
        return;
    test_premaster_openssl(key);
    test_premaster_blocks(key);
    tlsi_rsa_key_free(key);
}

/* ---- certificates ---- */

static void test_cert_modulus(void)
{
    size_t len, el, n_len;
    uint8_t *der = slurp("cert.der", &len);
    uint8_t *ec = slurp("ec-cert.der", &el);
    uint8_t n[TLSI_RSA_MAX_MODULUS];

    n_len = sizeof n;
    CHECK_EQ(tlsi_cert_rsa_modulus(der, len, n, &n_len), TLSI_OK);
    CHECK_EQ(n_len, modulus_len);
    CHECK_MEM(n, modulus, modulus_len);

    tlsi_rsa_key *key = load_ok("rsa-pkcs8.pem", NULL);
    if (key)
        CHECK(tlsi_rsa_key_matches_modulus(key, n, n_len));
    tlsi_rsa_key_free(key);

    n_len = 255;
    CHECK_EQ(tlsi_cert_rsa_modulus(der, len, n, &n_len), TLSI_ERR_BAD_LENGTH);
    n_len = sizeof n;
    CHECK_EQ(tlsi_cert_rsa_modulus(ec, el, n, &n_len), TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(tlsi_cert_rsa_modulus(der, len / 2, n, &n_len), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_cert_rsa_modulus(der, 0, n, &n_len), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(tlsi_cert_rsa_modulus(modulus, modulus_len, n, &n_len), TLSI_ERR_BAD_VALUE);
    free(der);
    free(ec);
}

int main(void)
{
    CHECK_EQ(tlsi_crypto_init(), TLSI_OK);
    CHECK_EQ(tlsi_crypto_init(), TLSI_OK); /* idempotent */
    find_data_dir();
    load_modulus();
    test_formats();
    test_matches_modulus();
    test_refusals();
    test_mangled();
    test_premaster();
    test_cert_modulus();
    return tc_done();
}
