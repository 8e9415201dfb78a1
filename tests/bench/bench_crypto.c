/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_crypto.c - how close the core's record decryption (decrypt.c and
 * the rp_*.c schemes, through tlsi_decryptor_open() exactly as the session
 * calls it) comes to raw libgcrypt doing the same cipher work on the same
 * 16 KiB records: one kept-open handle, setiv / authenticate / decrypt /
 * checktag per record (and a kept-open HMAC handle for CBC).
 *
 *   bench_crypto [SECONDS] [ITERATIONS]
 *
 * SECONDS (default 0.3) is the time given to each measurement; each cipher
 * is measured 5 times, raw and core interleaved, and the fastest counts
 * (other load on a shared machine only ever adds time). With ITERATIONS
 * the timing is off and each side opens that many rounds of records once,
 * for instruction counts under valgrind --tool=callgrind.
 * Prints MB/s for both and core/raw; the target is >= 0.70.
 * Exits non-zero only when a record fails to decrypt (a broken benchmark).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gcrypt.h>

#include "crypto_init.h"
#include "decrypt.h"
#include "record.h"

#define REC_PT 16384u /* plaintext bytes per record: a full TLS record */
#define NREC 16       /* records per round (256 KiB), opened in sequence order */
#define TAG 16
#define CBC_BL 16
#define SHA1_LEN 20

typedef struct {
    const char *name;
    uint16_t version;
    tlsi_cipher cipher;
    tlsi_hash mac;
    int algo, mode;
    size_t key_len, iv_len, mac_key_len;
} bench_case;

static const bench_case cases[] = {
    {"AES-128-GCM (TLS 1.2)", TLSI_TLS12, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE,
     GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_GCM, 16, 4, 0},
    {"AES-256-CBC HMAC-SHA1 (TLS 1.2)", TLSI_TLS12, TLSI_CIPHER_AES_256_CBC, TLSI_HASH_SHA1,
     GCRY_CIPHER_AES256, GCRY_CIPHER_MODE_CBC, 32, 0, SHA1_LEN},
    {"ChaCha20-Poly1305 (TLS 1.3)", TLSI_TLS13, TLSI_CIPHER_CHACHA20_POLY1305, TLSI_HASH_NONE,
     GCRY_CIPHER_CHACHA20, GCRY_CIPHER_MODE_POLY1305, 32, 12, 0},
};

/* One round of sealed records and the keys that open them. */
typedef struct {
    const bench_case *bc;
    uint8_t key[32], iv[12], mac_key[SHA1_LEN];
    uint8_t *rec[NREC]; /* the fragment after the 5-byte header */
    size_t len[NREC];
    uint8_t *out;
} bench_data;

static void die(const char *what)
{
    fprintf(stderr, "bench_crypto: %s\n", what);
    exit(1);
}

static void put_seq(uint8_t *b, uint64_t seq)
{
    int n;

    for (n = 7; n >= 0; n--, seq >>= 8)
        b[n] = (uint8_t)seq;
}

/* Additional data (or MAC header) of TLS 1.2: seq || type || version || len. */
static void tls12_hdr(uint8_t *ad, uint64_t seq, size_t len)
{
    put_seq(ad, seq);
    ad[8] = 23;
    ad[9] = 3;
    ad[10] = 3;
    ad[11] = (uint8_t)(len >> 8);
    ad[12] = (uint8_t)len;
}

static void tls13_hdr(uint8_t *ad, size_t len)
{
    ad[0] = 23;
    ad[1] = 3;
    ad[2] = 3;
    ad[3] = (uint8_t)(len >> 8);
    ad[4] = (uint8_t)len;
}

static void aead_nonce(const bench_data *b, uint64_t seq, const uint8_t *explicit_nonce,
                       uint8_t *nonce)
{
    int n;

    if (b->bc->version == TLSI_TLS12 && b->bc->mode == GCRY_CIPHER_MODE_GCM) {
        memcpy(nonce, b->iv, 4);
        memcpy(nonce + 4, explicit_nonce, 8);
        return;
    }
    memcpy(nonce, b->iv, 12);
    for (n = 0; n < 8; n++)
        nonce[11 - n] ^= (uint8_t)(seq >> (8 * n));
}

/* Seal record seq of an AEAD case: [explicit nonce] || ciphertext || tag. */
static void seal_aead(bench_data *b, uint64_t seq, const uint8_t *pt)
{
    int tls13 = b->bc->version == TLSI_TLS13;
    size_t pt_len = REC_PT + (tls13 ? 1 : 0); /* TLS 1.3: the inner type byte */
    size_t ex = tls13 || b->bc->mode != GCRY_CIPHER_MODE_GCM ? 0 : 8;
    size_t len = ex + pt_len + TAG;
    uint8_t *r = malloc(len), nonce[12], ad[13], *in = malloc(pt_len);
    gcry_cipher_hd_t hd;

    if (!r || !in)
        die("out of memory");
    memcpy(in, pt, REC_PT);
    if (tls13)
        in[REC_PT] = 23;
    put_seq(r, seq ^ 0x5a5a); /* any explicit nonce will do */
    aead_nonce(b, seq, r, nonce);
    if (gcry_cipher_open(&hd, b->bc->algo, b->bc->mode, 0) ||
        gcry_cipher_setkey(hd, b->key, b->bc->key_len) || gcry_cipher_setiv(hd, nonce, 12))
        die("seal: cipher setup");
    if (tls13)
        tls13_hdr(ad, len);
    else
        tls12_hdr(ad, seq, pt_len);
    if (gcry_cipher_authenticate(hd, ad, tls13 ? 5 : 13) ||
        gcry_cipher_encrypt(hd, r + ex, pt_len, in, pt_len) ||
        gcry_cipher_gettag(hd, r + ex + pt_len, TAG))
        die("seal: encrypt");
    gcry_cipher_close(hd);
    free(in);
    b->rec[seq] = r;
    b->len[seq] = len;
}

/* Seal record seq of TLS 1.2 CBC, MAC-then-encrypt: IV || E(pt || mac || pad). */
static void seal_cbc(bench_data *b, uint64_t seq, const uint8_t *pt)
{
    size_t body = REC_PT + SHA1_LEN, pad = CBC_BL - (body % CBC_BL); /* pad bytes + length byte */
    size_t ct_len = body + pad, len = CBC_BL + ct_len;
    uint8_t *r = malloc(len), *buf = malloc(ct_len), hdr[13];
    gcry_cipher_hd_t hd;
    gcry_md_hd_t md;

    if (!r || !buf)
        die("out of memory");
    memcpy(buf, pt, REC_PT);
    tls12_hdr(hdr, seq, REC_PT);
    if (gcry_md_open(&md, GCRY_MD_SHA1, GCRY_MD_FLAG_HMAC) ||
        gcry_md_setkey(md, b->mac_key, SHA1_LEN))
        die("seal: hmac");
    gcry_md_write(md, hdr, 13);
    gcry_md_write(md, pt, REC_PT);
    memcpy(buf + REC_PT, gcry_md_read(md, GCRY_MD_SHA1), SHA1_LEN);
    gcry_md_close(md);
    memset(buf + body, (int)(pad - 1), pad);
    gcry_create_nonce(r, CBC_BL);
    if (gcry_cipher_open(&hd, b->bc->algo, b->bc->mode, 0) ||
        gcry_cipher_setkey(hd, b->key, b->bc->key_len) || gcry_cipher_setiv(hd, r, CBC_BL) ||
        gcry_cipher_encrypt(hd, r + CBC_BL, ct_len, buf, ct_len))
        die("seal: cbc");
    gcry_cipher_close(hd);
    free(buf);
    b->rec[seq] = r;
    b->len[seq] = len;
}

static void bench_setup(bench_data *b, const bench_case *bc)
{
    uint8_t *pt = malloc(REC_PT);
    uint64_t s;

    if (!pt)
        die("out of memory");
    memset(b, 0, sizeof(*b));
    b->bc = bc;
    gcry_randomize(b->key, sizeof(b->key), GCRY_WEAK_RANDOM);
    gcry_randomize(b->iv, sizeof(b->iv), GCRY_WEAK_RANDOM);
    gcry_randomize(b->mac_key, sizeof(b->mac_key), GCRY_WEAK_RANDOM);
    b->out = malloc(TLSI_MAX_CIPHERTEXT);
    if (!b->out)
        die("out of memory");
    for (s = 0; s < NREC; s++) {
        gcry_randomize(pt, REC_PT, GCRY_WEAK_RANDOM);
        if (bc->mode == GCRY_CIPHER_MODE_CBC)
            seal_cbc(b, s, pt);
        else
            seal_aead(b, s, pt);
    }
    free(pt);
}

static void bench_free(bench_data *b)
{
    size_t s;

    for (s = 0; s < NREC; s++)
        free(b->rec[s]);
    free(b->out);
}

/* The core: one decryptor, as the session keeps one per direction. */
typedef struct {
    tlsi_decryptor *d;
} core_ctx;

static void core_round(bench_data *b, core_ctx *c)
{
    size_t s, n;
    uint8_t t;

    tlsi_decryptor_set_seq(c->d, 0);
    for (s = 0; s < NREC; s++) {
        if (tlsi_decryptor_open(c->d, 23, 0x0303, b->rec[s], b->len[s], b->out,
                                TLSI_MAX_CIPHERTEXT, &n, &t) != TLSI_OK ||
            n != REC_PT)
            die("core: a record failed to open");
    }
}

/* Raw libgcrypt: the least any decryptor must do per record. */
typedef struct {
    gcry_cipher_hd_t hd;
    gcry_md_hd_t md;
} raw_ctx;

static void raw_aead(bench_data *b, raw_ctx *c, uint64_t seq)
{
    int tls13 = b->bc->version == TLSI_TLS13;
    size_t ex = tls13 || b->bc->mode != GCRY_CIPHER_MODE_GCM ? 0 : 8;
    size_t ct_len = b->len[seq] - ex - TAG;
    const uint8_t *r = b->rec[seq];
    uint8_t nonce[12], ad[13];

    aead_nonce(b, seq, r, nonce);
    if (tls13)
        tls13_hdr(ad, b->len[seq]);
    else
        tls12_hdr(ad, seq, ct_len);
    if (gcry_cipher_setiv(c->hd, nonce, 12) || gcry_cipher_authenticate(c->hd, ad, tls13 ? 5 : 13) ||
        gcry_cipher_decrypt(c->hd, b->out, ct_len, r + ex, ct_len) ||
        gcry_cipher_checktag(c->hd, r + ex + ct_len, TAG))
        die("raw: a record failed to open");
}

static void raw_cbc(bench_data *b, raw_ctx *c, uint64_t seq)
{
    size_t ct_len = b->len[seq] - CBC_BL, body;
    const uint8_t *r = b->rec[seq];
    uint8_t hdr[13];

    if (gcry_cipher_setiv(c->hd, r, CBC_BL) ||
        gcry_cipher_decrypt(c->hd, b->out, ct_len, r + CBC_BL, ct_len))
        die("raw: cbc");
    body = ct_len - b->out[ct_len - 1] - 1 - SHA1_LEN;
    tls12_hdr(hdr, seq, body);
    gcry_md_reset(c->md);
    gcry_md_write(c->md, hdr, 13);
    gcry_md_write(c->md, b->out, body);
    if (memcmp(gcry_md_read(c->md, GCRY_MD_SHA1), b->out + body, SHA1_LEN) != 0)
        die("raw: a record failed to verify");
}

static void raw_round(bench_data *b, raw_ctx *c)
{
    uint64_t s;

    for (s = 0; s < NREC; s++) {
        if (b->bc->mode == GCRY_CIPHER_MODE_CBC)
            raw_cbc(b, c, s);
        else
            raw_aead(b, c, s);
    }
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* MB/s of plaintext over about `secs` seconds of rounds. */
static double run_for(bench_data *b, int core, void *ctx, double secs)
{
    double t0 = now(), t;
    long rounds = 0;

    do {
        if (core)
            core_round(b, ctx);
        else
            raw_round(b, ctx);
        rounds++;
        t = now() - t0;
    } while (t < secs);
    return (double)rounds * NREC * REC_PT / t / 1e6;
}

static int bench_one(const bench_case *bc, double secs, long iterations)
{
    bench_data b;
    core_ctx core;
    raw_ctx raw = {0};
    double best_raw = 0, best_core = 0, v;
    long i;
    int k;

    bench_setup(&b, bc);
    core.d = tlsi_decryptor_new(bc->version, bc->cipher, bc->mac, b.key, bc->key_len, b.iv,
                                bc->iv_len, b.mac_key, bc->mac_key_len, 0, 0, NULL);
    if (!core.d)
        die("core: no decryptor");
    if (gcry_cipher_open(&raw.hd, bc->algo, bc->mode, 0) ||
        gcry_cipher_setkey(raw.hd, b.key, bc->key_len))
        die("raw: cipher setup");
    if (bc->mac_key_len && (gcry_md_open(&raw.md, GCRY_MD_SHA1, GCRY_MD_FLAG_HMAC) ||
                            gcry_md_setkey(raw.md, b.mac_key, bc->mac_key_len)))
        die("raw: hmac setup");
    if (iterations > 0) {
        /* Fixed work for instruction counts: see which function pays. */
        for (i = 0; i < iterations; i++)
            raw_round(&b, &raw);
        for (i = 0; i < iterations; i++)
            core_round(&b, &core);
        printf("%-34s %ld rounds of %d records each side\n", bc->name, iterations, NREC);
    } else {
        for (k = 0; k < 5; k++) {
            v = run_for(&b, 0, &raw, secs);
            best_raw = v > best_raw ? v : best_raw;
            v = run_for(&b, 1, &core, secs);
            best_core = v > best_core ? v : best_core;
        }
        printf("%-34s raw %8.0f MB/s  core %8.0f MB/s  core/raw %.2f%s\n", bc->name, best_raw,
               best_core, best_core / best_raw, best_core / best_raw >= 0.70 ? "" : "  (< 0.70)");
    }
    gcry_cipher_close(raw.hd);
    gcry_md_close(raw.md);
    tlsi_decryptor_free(core.d);
    bench_free(&b);
    return 0;
}

int main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 0.3;
    long iterations = argc > 2 ? atol(argv[2]) : 0;
    size_t i;

    if (tlsi_crypto_init() != TLSI_OK)
        die("libgcrypt did not initialise");
    printf("libgcrypt %s, %u-byte records\n", gcry_check_version(NULL), REC_PT);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        bench_one(&cases[i], secs > 0 ? secs : 0.3, iterations);
    return 0;
}
