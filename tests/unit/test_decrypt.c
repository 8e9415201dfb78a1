/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of record decryption (decrypt.c and the rp_* schemes).
 *
 * Known answer: the server's encrypted handshake flight of RFC 8448 section 3.
 * Everything else is built by a separate, deliberately plain sender written
 * here: it encrypts with libgcrypt directly (one fresh handle per record),
 * computes the TLS MAC with gcry_md_hash_buffers(GCRY_MD_FLAG_HMAC) and the
 * SSL 3.0 MAC by hand, and knows its own cipher sizes, so no expected value
 * comes from the code under test. Each scheme decrypts three records in a
 * row (sequence numbers 0, 1, 2), then faces the negatives.
 */
#include <stdlib.h>

#include <gcrypt.h>
#include <zlib.h>

#include "decrypt.h"
#include "tcheck.h"
#include "rfc8448.h"

#define REC_MAX (16384 + 2048 + 64)

enum kind { K_NULL, K_RC4, K_CBC, K_AEAD_EXPLICIT, K_AEAD_XOR };
enum fault {
    F_NONE,
    F_MAC,     /* MtE: MAC byte flipped before encryption; ETM/AEAD: MAC/tag flipped after */
    F_PAD,     /* CBC: one padding byte differs from padding_length */
    F_PADLEN,  /* CBC: padding_length larger than the record */
    F_LONGPAD, /* CBC: padding one block longer (legal in TLS, >= block size in SSL 3.0) */
    F_ZEROS,   /* TLS 1.3: inner plaintext of zeros only */
};

typedef struct {
    const char *name;
    uint16_t version;
    tlsi_cipher cipher;
    tlsi_hash mac;
    int etm;
    int kind;
    int algo, mode;  /* libgcrypt cipher and mode, as this test knows them */
    size_t key_len;
    size_t iv_len;   /* what tlsi_decryptor_new is given */
    size_t block;    /* CBC block */
    size_t tag_len;  /* AEAD tag */
    int md;          /* libgcrypt hash of the record MAC, 0 for none */
    size_t mac_len;
} tcase;

typedef struct {
    uint8_t type;     /* header content type */
    uint16_t version; /* header version */
    size_t len;
    uint8_t b[REC_MAX];
} record;

/* The sending side of one direction. */
typedef struct {
    const tcase *tc;
    uint8_t key[32], iv[16], mac_key[64];
    uint64_t seq;
    gcry_cipher_hd_t rc4; /* RC4 keystream runs across records */
    uint8_t chain[16];    /* SSL 3.0 / TLS 1.0 CBC: IV of the next record */
    z_stream *zs;         /* DEFLATE, when compressing */
} sender;

/* TLS 1.3 and its drafts as they go on the wire: 0x7f00 | draft (14..28),
 * and Facebook's 0xfb17 (draft 23) and 0xfb1a (draft 26). */
static int is13(uint16_t v)
{
    return v == TLSI_TLS13 || (v >= 0x7f0e && v <= 0x7f1c) || v == 0xfb17 || v == 0xfb1a;
}

/* draft-ietf-tls-tls13-25 5.2 made the record header the AEAD's additional
 * data; the drafts before it had none. */
static int no_ad(uint16_t v)
{
    return (v >= 0x7f0e && v < 0x7f19) || v == 0xfb17;
}

static void be64(uint8_t *b, uint64_t v)
{
    for (int k = 7; k >= 0; k--, v >>= 8)
        b[k] = (uint8_t)v;
}

static void sender_init(sender *s, const tcase *tc, uint8_t salt)
{
    memset(s, 0, sizeof(*s));
    s->tc = tc;
    for (int k = 0; k < 32; k++)
        s->key[k] = (uint8_t)(salt + 0x11 * k + 3);
    for (int k = 0; k < 16; k++)
        s->iv[k] = (uint8_t)(0xa0 ^ (salt + 5 * k));
    for (int k = 0; k < 64; k++)
        s->mac_key[k] = (uint8_t)(0x5a ^ (salt + 7 * k));
    if (tc->kind == K_RC4) {
        gcry_cipher_open(&s->rc4, GCRY_CIPHER_ARCFOUR, GCRY_CIPHER_MODE_STREAM, 0);
        gcry_cipher_setkey(s->rc4, s->key, tc->key_len);
    }
    if (tc->kind == K_CBC && tc->iv_len)
        memcpy(s->chain, s->iv, tc->block);
}

static void sender_free(sender *s)
{
    if (s->rc4)
        gcry_cipher_close(s->rc4);
    s->rc4 = NULL;
}

/* TLS: HMAC(key, seq || type || version || length || data), RFC 5246 6.2.3.1. */
static void tls_mac(const sender *s, uint64_t seq, uint8_t type, uint16_t ver,
                    const uint8_t *data, size_t len, uint8_t *out)
{
    uint8_t hdr[13];
    gcry_buffer_t iov[3];

    be64(hdr, seq);
    hdr[8] = type;
    hdr[9] = (uint8_t)(ver >> 8);
    hdr[10] = (uint8_t)ver;
    hdr[11] = (uint8_t)(len >> 8);
    hdr[12] = (uint8_t)len;
    memset(iov, 0, sizeof(iov));
    iov[0].data = (void *)s->mac_key; /* with GCRY_MD_FLAG_HMAC the first buffer is the key */
    iov[0].len = s->tc->mac_len;
    iov[1].data = hdr;
    iov[1].len = 13;
    iov[2].data = (void *)data;
    iov[2].len = len;
    CHECK(gcry_md_hash_buffers(s->tc->md, GCRY_MD_FLAG_HMAC, out, iov, 3) == 0);
}

/* SSL 3.0, RFC 6101 5.2.3.1: hash(secret || pad_2 || hash(secret || pad_1 ||
 * seq_num || type || length || content)), pads of 48 (MD5) or 40 (SHA) bytes. */
static void ssl3_mac(const sender *s, uint64_t seq, uint8_t type, const uint8_t *data, size_t len,
                     uint8_t *out)
{
    size_t pl = s->tc->md == GCRY_MD_MD5 ? 48 : 40;
    uint8_t p1[48], p2[48], hdr[11], inner[64];
    gcry_buffer_t iov[4];

    memset(p1, 0x36, sizeof(p1));
    memset(p2, 0x5c, sizeof(p2));
    be64(hdr, seq);
    hdr[8] = type;
    hdr[9] = (uint8_t)(len >> 8);
    hdr[10] = (uint8_t)len;
    memset(iov, 0, sizeof(iov));
    iov[0].data = (void *)s->mac_key;
    iov[0].len = s->tc->mac_len;
    iov[1].data = p1;
    iov[1].len = pl;
    iov[2].data = hdr;
    iov[2].len = 11;
    iov[3].data = (void *)data;
    iov[3].len = len;
    CHECK(gcry_md_hash_buffers(s->tc->md, 0, inner, iov, 4) == 0);
    iov[1].data = p2;
    iov[2].data = inner;
    iov[2].len = s->tc->mac_len;
    CHECK(gcry_md_hash_buffers(s->tc->md, 0, out, iov, 3) == 0);
}

static void record_mac(const sender *s, uint64_t seq, uint8_t type, uint16_t ver,
                       const uint8_t *data, size_t len, uint8_t *out)
{
    if (s->tc->version == TLSI_SSL3)
        ssl3_mac(s, seq, type, data, len, out);
    else
        tls_mac(s, seq, type, ver, data, len, out);
}

static void seal_stream(sender *s, uint64_t seq, const uint8_t *pt, size_t pt_len, int fault,
                        record *r)
{
    static uint8_t buf[REC_MAX];
    size_t n = pt_len;

    memcpy(buf, pt, pt_len);
    if (s->tc->md) {
        record_mac(s, seq, r->type, r->version, pt, pt_len, buf + n);
        if (fault == F_MAC)
            buf[n + 3] ^= 0x01;
        n += s->tc->mac_len;
    }
    if (s->tc->kind == K_RC4)
        gcry_cipher_encrypt(s->rc4, r->b, n, buf, n);
    else
        memcpy(r->b, buf, n);
    r->len = n;
}

static void seal_cbc(sender *s, uint64_t seq, const uint8_t *pt, size_t pt_len, int fault,
                     record *r)
{
    static uint8_t buf[REC_MAX];
    const tcase *tc = s->tc;
    size_t bl = tc->block, ivl = tc->version >= TLSI_TLS11 ? bl : 0, n = pt_len, pad;
    int ssl3 = tc->version == TLSI_SSL3;
    uint8_t iv[16];
    gcry_cipher_hd_t h;

    if (ivl) {
        for (size_t k = 0; k < bl; k++)
            iv[k] = (uint8_t)(0x30 + 13 * seq + k);
    } else {
        memcpy(iv, s->chain, bl);
    }
    memcpy(buf, pt, pt_len);
    if (!tc->etm && tc->md) {
        record_mac(s, seq, r->type, r->version, pt, pt_len, buf + n);
        if (fault == F_MAC)
            buf[n + 1] ^= 0x80;
        n += tc->mac_len;
    }
    pad = (bl - (n + 1) % bl) % bl;
    /* Odd records carry a block of extra padding (TLS allows up to 255). */
    if (!ssl3 && (seq % 2 == 1 || fault == F_PAD))
        pad += bl;
    if (fault == F_LONGPAD)
        pad += bl;
    for (size_t k = 0; k <= pad; k++)
        buf[n + k] = ssl3 ? (uint8_t)(0xa5 + 3 * k) : (uint8_t)pad; /* SSL 3.0: any bytes */
    buf[n + pad] = (uint8_t)pad;
    if (fault == F_PAD)
        buf[n] ^= 0x01;
    if (fault == F_PADLEN)
        buf[n + pad] = 0xff;
    n += pad + 1;

    CHECK(gcry_cipher_open(&h, tc->algo, GCRY_CIPHER_MODE_CBC, 0) == 0);
    CHECK(gcry_cipher_setkey(h, s->key, tc->key_len) == 0);
    CHECK(gcry_cipher_setiv(h, iv, bl) == 0);
    memcpy(r->b, iv, ivl);
    CHECK(gcry_cipher_encrypt(h, r->b + ivl, n, buf, n) == 0);
    gcry_cipher_close(h);
    if (!ivl)
        memcpy(s->chain, r->b + n - bl, bl);
    n += ivl;
    if (tc->etm) {
        /* RFC 7366 3: MAC over IV || ciphertext, length = their byte count;
         * over SSL 3.0 (OpenSSL 1.1.0 negotiates it there) the SSL 3.0 MAC. */
        record_mac(s, seq, r->type, r->version, r->b, n, r->b + n);
        if (fault == F_MAC)
            r->b[n + 2] ^= 0x01;
        n += tc->mac_len;
    }
    r->len = n;
}

/* Nonce and additional data of an AEAD record; *ex gets the explicit nonce length. */
static size_t aead_inputs(const sender *s, uint64_t seq, const record *r, size_t ct_len,
                          uint8_t nonce[12], uint8_t ad[13], size_t *ex)
{
    const tcase *tc = s->tc;

    if (tc->kind == K_AEAD_EXPLICIT) {
        /* RFC 5288 3: salt || explicit part; the test's explicit part is not
         * the sequence number, so a decryptor that guessed it would fail. */
        *ex = 8;
        memcpy(nonce, s->iv, 4);
        memcpy(nonce + 4, r->b, 8);
    } else {
        uint8_t sq[8];

        *ex = 0;
        be64(sq, seq);
        memcpy(nonce, s->iv, 12);
        for (int k = 0; k < 8; k++)
            nonce[4 + k] ^= sq[k];
    }
    if (no_ad(tc->version))
        return 0; /* TLS 1.3 drafts before 25: no additional data */
    if (is13(tc->version)) {
        size_t len = ct_len + tc->tag_len;

        ad[0] = 23;
        ad[1] = 3;
        ad[2] = 3;
        ad[3] = (uint8_t)(len >> 8);
        ad[4] = (uint8_t)len;
        return 5;
    }
    be64(ad, seq);
    ad[8] = r->type;
    ad[9] = (uint8_t)(r->version >> 8);
    ad[10] = (uint8_t)r->version;
    ad[11] = (uint8_t)(ct_len >> 8);
    ad[12] = (uint8_t)ct_len;
    return 13;
}

static gcry_cipher_hd_t aead_handle(const sender *s, const uint8_t nonce[12], const uint8_t *ad,
                                    size_t ad_len, size_t ct_len)
{
    gcry_cipher_hd_t h;

    CHECK(gcry_cipher_open(&h, s->tc->algo, s->tc->mode, 0) == 0);
    CHECK(gcry_cipher_setkey(h, s->key, s->tc->key_len) == 0);
    CHECK(gcry_cipher_setiv(h, nonce, 12) == 0);
    if (s->tc->mode == GCRY_CIPHER_MODE_CCM) {
        uint64_t l[3] = {ct_len, ad_len, s->tc->tag_len};

        CHECK(gcry_cipher_ctl(h, GCRYCTL_SET_CCM_LENGTHS, l, sizeof(l)) == 0);
    }
    if (ad_len)
        CHECK(gcry_cipher_authenticate(h, ad, ad_len) == 0);
    return h;
}

static void seal_aead(sender *s, uint64_t seq, uint8_t inner_type, const uint8_t *pt,
                      size_t pt_len, int fault, record *r)
{
    static uint8_t buf[REC_MAX];
    const tcase *tc = s->tc;
    uint8_t nonce[12], ad[13];
    size_t n = pt_len, ex, ad_len;
    gcry_cipher_hd_t h;

    memcpy(buf, pt, pt_len);
    if (is13(tc->version)) {
        /* RFC 8446 5.2: content || type || zeros; vary the zero padding. */
        size_t zeros = (size_t)(seq % 3) * 5;

        buf[n++] = inner_type;
        memset(buf + n, 0, zeros);
        n += zeros;
        if (fault == F_ZEROS)
            memset(buf, 0, n);
    }
    if (tc->kind == K_AEAD_EXPLICIT)
        be64(r->b, seq ^ 0x1122334455667788u);
    ad_len = aead_inputs(s, seq, r, n, nonce, ad, &ex);
    h = aead_handle(s, nonce, ad, ad_len, n);
    CHECK(gcry_cipher_encrypt(h, r->b + ex, n, buf, n) == 0);
    CHECK(gcry_cipher_gettag(h, r->b + ex + n, tc->tag_len) == 0);
    gcry_cipher_close(h);
    if (fault == F_MAC)
        r->b[ex + n + tc->tag_len - 1] ^= 0x01;
    r->len = ex + n + tc->tag_len;
}

/* Seal the next record of this direction (type is the real content type). */
static void seal(sender *s, uint8_t type, const uint8_t *pt, size_t pt_len, int fault, record *r)
{
    uint64_t seq = s->seq++;
    int tls13 = is13(s->tc->version);

    r->type = tls13 ? 23 : type;
    r->version = tls13 ? 0x0303 : s->tc->version;
    if (s->tc->kind == K_NULL || s->tc->kind == K_RC4)
        seal_stream(s, seq, pt, pt_len, fault, r);
    else if (s->tc->kind == K_CBC)
        seal_cbc(s, seq, pt, pt_len, fault, r);
    else
        seal_aead(s, seq, type, pt, pt_len, fault, r);
}

/*
 * The libgcrypt tests' way: decrypt the whole AEAD record in one go with a
 * fresh handle and let gcry_cipher_checktag judge the tag. Returns its error
 * code, so the test can confirm a vector is good, or truly broken.
 */
static gcry_err_code_t ref_aead_check(const sender *s, uint64_t seq, const record *r)
{
    static uint8_t buf[REC_MAX];
    uint8_t nonce[12], ad[13];
    size_t ex = s->tc->kind == K_AEAD_EXPLICIT ? 8 : 0;
    size_t ct_len = r->len - ex - s->tc->tag_len, ad_len;
    gcry_cipher_hd_t h;
    gcry_err_code_t rc;

    ad_len = aead_inputs(s, seq, r, ct_len, nonce, ad, &ex);
    h = aead_handle(s, nonce, ad, ad_len, ct_len);
    CHECK(gcry_cipher_decrypt(h, buf, ct_len, r->b + ex, ct_len) == 0);
    rc = gcry_err_code(gcry_cipher_checktag(h, r->b + ex + ct_len, s->tc->tag_len));
    gcry_cipher_close(h);
    return rc;
}

static tlsi_decryptor *new_dec(const tcase *tc, const sender *s, int comp)
{
    tlsi_err e = TLSI_ERR_COUNT;
    tlsi_decryptor *d = tlsi_decryptor_new(tc->version, tc->cipher, tc->mac, s->key, tc->key_len,
                                           s->iv, tc->iv_len, s->mac_key, tc->mac_len, tc->etm,
                                           comp, &e);

    CHECK(d != NULL);
    CHECK_EQ(e, TLSI_OK);
    if (!d)
        fprintf(stderr, "%s: tlsi_decryptor_new: %s\n", tc->name, tlsi_err_str(e));
    return d;
}

static uint8_t outbuf[REC_MAX], outbuf2[REC_MAX];

static tlsi_err open_rec(tlsi_decryptor *d, const record *r, size_t len, uint8_t *out,
                         size_t *out_len, uint8_t *itype)
{
    return tlsi_decryptor_open(d, r->type, r->version, r->b, len, out, REC_MAX, out_len, itype);
}

/* 1010: the high length byte differs with and without explicit nonce and tag. */
static const size_t pt_sizes[3] = {0, 37, 1010};
static const uint8_t pt_types[3] = {23, 22, 21};

static void make_pt(uint8_t *pt, size_t len, int i)
{
    for (size_t k = 0; k < len; k++)
        pt[k] = (uint8_t)(k * 31 + i * 7 + 1);
}

static int is_aead(const tcase *tc)
{
    return tc->kind == K_AEAD_EXPLICIT || tc->kind == K_AEAD_XOR;
}

/* Three records in a row, and a clone taken after the first follows along. */
static void positive(const tcase *tc)
{
    static record r[3];
    static uint8_t pt[3][1010];
    sender s;
    tlsi_decryptor *d, *d2 = NULL;

    sender_init(&s, tc, 1);
    for (int i = 0; i < 3; i++) {
        make_pt(pt[i], pt_sizes[i], i);
        seal(&s, pt_types[i], pt[i], pt_sizes[i], F_NONE, &r[i]);
        if (is_aead(tc))
            CHECK_EQ(ref_aead_check(&s, (uint64_t)i, &r[i]), GPG_ERR_NO_ERROR);
    }
    d = new_dec(tc, &s, 0);
    if (!d)
        goto out;
    CHECK_EQ(tlsi_decryptor_seq(d), 0);
    for (int i = 0; i < 3; i++) {
        size_t n = 9999, n2 = 9999;
        uint8_t t = 0, t2 = 0;

        if (i == 1) {
            d2 = tlsi_decryptor_clone(d);
            CHECK(d2 != NULL);
        }
        CHECK_EQ(open_rec(d, &r[i], r[i].len, outbuf, &n, &t), TLSI_OK);
        CHECK_EQ(n, pt_sizes[i]);
        CHECK_MEM(outbuf, pt[i], pt_sizes[i]);
        CHECK_EQ(t, pt_types[i]);
        CHECK_EQ(tlsi_decryptor_seq(d), i + 1);
        if (d2) {
            CHECK_EQ(open_rec(d2, &r[i], r[i].len, outbuf2, &n2, &t2), TLSI_OK);
            CHECK_EQ(n2, pt_sizes[i]);
            CHECK_MEM(outbuf2, pt[i], pt_sizes[i]);
            CHECK_EQ(t2, pt_types[i]);
        }
    }
    tlsi_decryptor_free(d2);
    tlsi_decryptor_free(d);
out:
    sender_free(&s);
}

/* A fresh sender and decryptor, and record 0 sealed with a fault. */
static tlsi_decryptor *fresh(const tcase *tc, sender *s, record *r, uint8_t *pt, int fault)
{
    sender_init(s, tc, 2);
    make_pt(pt, 37, 0);
    seal(s, 23, pt, 37, fault, r);
    return new_dec(tc, s, 0);
}

static void negative(const tcase *tc)
{
    static record r0, r1, big;
    uint8_t pt[37], pt1[37];
    sender s;
    tlsi_decryptor *d;
    size_t n;
    uint8_t t;
    int has_mac = tc->md != 0 || is_aead(tc);
    int tls13 = is13(tc->version);
    size_t max = tls13 ? 16384 + 256 : 16384 + 2048;

    if (has_mac) {
        /* Flipped MAC/tag: BAD_MAC, the unverified plaintext is handed back,
         * the sequence number still moves on, and the next record opens. */
        d = fresh(tc, &s, &r0, pt, F_MAC);
        make_pt(pt1, 37, 1);
        seal(&s, 23, pt1, 37, F_NONE, &r1);
        if (is_aead(tc))
            CHECK_EQ(ref_aead_check(&s, 0, &r0), GPG_ERR_CHECKSUM);
        if (d) {
            n = 0;
            CHECK_EQ(open_rec(d, &r0, r0.len, outbuf, &n, &t), TLSI_ERR_BAD_MAC);
            CHECK_EQ(n, tls13 ? 38 : 37); /* TLS 1.3: content || type, not yet stripped */
            CHECK_MEM(outbuf, pt, 37);
            CHECK_EQ(tlsi_decryptor_seq(d), 1);
            CHECK_EQ(open_rec(d, &r1, r1.len, outbuf, &n, &t), TLSI_OK);
            CHECK_EQ(n, 37);
            CHECK_MEM(outbuf, pt1, 37);
        }
        tlsi_decryptor_free(d);
        sender_free(&s);

        /* Wrong sequence number: the MAC/nonce no longer matches. */
        d = fresh(tc, &s, &r0, pt, F_NONE);
        if (d) {
            tlsi_decryptor_set_seq(d, 5);
            CHECK_EQ(tlsi_decryptor_seq(d), 5);
            CHECK_EQ(open_rec(d, &r0, r0.len, outbuf, &n, &t), TLSI_ERR_BAD_MAC);
            CHECK_EQ(tlsi_decryptor_seq(d), 6);
        }
        tlsi_decryptor_free(d);
        sender_free(&s);

        /* One byte short: CBC is no longer whole blocks, the others lose the
         * last MAC/tag byte. */
        d = fresh(tc, &s, &r0, pt, F_NONE);
        if (d)
            CHECK_EQ(open_rec(d, &r0, r0.len - 1, outbuf, &n, &t),
                     tc->kind == K_CBC ? TLSI_ERR_BAD_LENGTH : TLSI_ERR_BAD_MAC);
        tlsi_decryptor_free(d);
        sender_free(&s);
    }

    if (is_aead(tc)) {
        /* A flipped ciphertext byte, and for TLS 1.2 GCM/CCM a flipped
         * explicit nonce byte. */
        d = fresh(tc, &s, &r0, pt, F_NONE);
        r0.b[r0.len - tc->tag_len - 1] ^= 0x40;
        CHECK_EQ(ref_aead_check(&s, 0, &r0), GPG_ERR_CHECKSUM);
        if (d)
            CHECK_EQ(open_rec(d, &r0, r0.len, outbuf, &n, &t), TLSI_ERR_BAD_MAC);
        tlsi_decryptor_free(d);
        sender_free(&s);
        if (tc->kind == K_AEAD_EXPLICIT) {
            d = fresh(tc, &s, &r0, pt, F_NONE);
            r0.b[0] ^= 0x01;
            if (d)
                CHECK_EQ(open_rec(d, &r0, r0.len, outbuf, &n, &t), TLSI_ERR_BAD_MAC);
            tlsi_decryptor_free(d);
            sender_free(&s);
        }
    }

    if (tc->kind == K_CBC) {
        int ssl3 = tc->version == TLSI_SSL3;

        /* A padding byte that differs: TLS rejects it, SSL 3.0 ignores the
         * padding's contents (RFC 6101 5.2.3.2). */
        d = fresh(tc, &s, &r0, pt, F_PAD);
        if (d) {
            n = 0;
            CHECK_EQ(open_rec(d, &r0, r0.len, outbuf, &n, &t),
                     ssl3 ? TLSI_OK : TLSI_ERR_BAD_PADDING);
            CHECK_EQ(n, ssl3 ? 37 : 0);
        }
        tlsi_decryptor_free(d);
        sender_free(&s);
        /* padding_length beyond the record. */
        d = fresh(tc, &s, &r0, pt, F_PADLEN);
        if (d)
            CHECK_EQ(open_rec(d, &r0, r0.len, outbuf, &n, &t), TLSI_ERR_BAD_PADDING);
        tlsi_decryptor_free(d);
        sender_free(&s);
        /* A block of extra padding: fine in TLS, too long for SSL 3.0. */
        d = fresh(tc, &s, &r0, pt, F_LONGPAD);
        if (d) {
            CHECK_EQ(open_rec(d, &r0, r0.len, outbuf, &n, &t),
                     ssl3 ? TLSI_ERR_BAD_PADDING : TLSI_OK);
            if (!ssl3) {
                CHECK_EQ(n, 37);
                CHECK_MEM(outbuf, pt, 37);
            }
        }
        tlsi_decryptor_free(d);
        sender_free(&s);
    }

    /* Truncated far below any nonce/IV + MAC/tag. */
    d = fresh(tc, &s, &r0, pt, F_NONE);
    if (d && has_mac) {
        CHECK_EQ(open_rec(d, &r0, 1, outbuf, &n, &t), TLSI_ERR_SHORT);
        CHECK_EQ(n, 0);
        CHECK_EQ(tlsi_decryptor_seq(d), 1);
        CHECK_EQ(open_rec(d, &r0, 0, outbuf, &n, &t), TLSI_ERR_SHORT);
    }
    tlsi_decryptor_free(d);
    sender_free(&s);

    /* Over-long: one byte past the version's ciphertext limit is refused
     * before any crypto, and still counted. */
    d = fresh(tc, &s, &r0, pt, F_NONE);
    if (d) {
        big = r0;
        memset(big.b, 0x42, sizeof(big.b));
        CHECK_EQ(open_rec(d, &big, max + 1, outbuf, &n, &t), TLSI_ERR_BAD_LENGTH);
        CHECK_EQ(tlsi_decryptor_seq(d), 1);
        /* Exactly at the limit is not a length error (just garbage). */
        if (is_aead(tc))
            CHECK(open_rec(d, &big, max, outbuf, &n, &t) != TLSI_ERR_BAD_LENGTH);
    }
    tlsi_decryptor_free(d);
    sender_free(&s);

    /* A buffer smaller than the record is the caller's error: refused
     * without using up the sequence number. */
    d = fresh(tc, &s, &r0, pt, F_NONE);
    if (d) {
        CHECK_EQ(tlsi_decryptor_open(d, r0.type, r0.version, r0.b, r0.len, outbuf, r0.len - 1,
                                     &n, &t),
                 TLSI_ERR_NOMEM);
        CHECK_EQ(tlsi_decryptor_seq(d), 0);
        CHECK_EQ(tlsi_decryptor_open(d, r0.type, r0.version, r0.b, r0.len, outbuf, r0.len, &n,
                                     &t),
                 TLSI_OK);
        CHECK_EQ(n, 37);
        CHECK_MEM(outbuf, pt, 37);
    }
    tlsi_decryptor_free(d);
    sender_free(&s);
}

#define MD_SHA1 GCRY_MD_SHA1
#define MD_SHA256 GCRY_MD_SHA256
#define MD_SHA384 GCRY_MD_SHA384
#define MD_MD5 GCRY_MD_MD5
#define GCM GCRY_CIPHER_MODE_GCM
#define CCM GCRY_CIPHER_MODE_CCM
#define POLY GCRY_CIPHER_MODE_POLY1305
#define CBCM GCRY_CIPHER_MODE_CBC

static const tcase cases[] = {
    {"NULL-SHA TLS1.0", TLSI_TLS10, TLSI_CIPHER_NULL, TLSI_HASH_SHA1, 0, K_NULL, 0, 0, 0, 0, 0, 0,
     MD_SHA1, 20},
    {"NULL-SHA256 TLS1.2", TLSI_TLS12, TLSI_CIPHER_NULL, TLSI_HASH_SHA256, 0, K_NULL, 0, 0, 0, 0,
     0, 0, MD_SHA256, 32},
    {"NULL-MD5 SSL3", TLSI_SSL3, TLSI_CIPHER_NULL, TLSI_HASH_MD5, 0, K_NULL, 0, 0, 0, 0, 0, 0,
     MD_MD5, 16},
    {"RC4-SHA TLS1.2", TLSI_TLS12, TLSI_CIPHER_RC4_128, TLSI_HASH_SHA1, 0, K_RC4,
     GCRY_CIPHER_ARCFOUR, 0, 16, 0, 0, 0, MD_SHA1, 20},
    {"RC4-MD5 SSL3", TLSI_SSL3, TLSI_CIPHER_RC4_128, TLSI_HASH_MD5, 0, K_RC4, GCRY_CIPHER_ARCFOUR,
     0, 16, 0, 0, 0, MD_MD5, 16},
    {"3DES-CBC-SHA SSL3", TLSI_SSL3, TLSI_CIPHER_3DES_EDE_CBC, TLSI_HASH_SHA1, 0, K_CBC,
     GCRY_CIPHER_3DES, CBCM, 24, 8, 8, 0, MD_SHA1, 20},
    {"3DES-CBC-SHA TLS1.0", TLSI_TLS10, TLSI_CIPHER_3DES_EDE_CBC, TLSI_HASH_SHA1, 0, K_CBC,
     GCRY_CIPHER_3DES, CBCM, 24, 8, 8, 0, MD_SHA1, 20},
    {"DES-CBC-SHA TLS1.1", TLSI_TLS11, TLSI_CIPHER_DES_CBC, TLSI_HASH_SHA1, 0, K_CBC,
     GCRY_CIPHER_DES, CBCM, 8, 0, 8, 0, MD_SHA1, 20},
    {"AES128-CBC-SHA TLS1.0 chained IV", TLSI_TLS10, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, 0,
     K_CBC, GCRY_CIPHER_AES128, CBCM, 16, 16, 16, 0, MD_SHA1, 20},
    {"AES128-CBC-SHA TLS1.1 explicit IV", TLSI_TLS11, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, 0,
     K_CBC, GCRY_CIPHER_AES128, CBCM, 16, 0, 16, 0, MD_SHA1, 20},
    {"AES256-CBC-SHA256 TLS1.2", TLSI_TLS12, TLSI_CIPHER_AES_256_CBC, TLSI_HASH_SHA256, 0, K_CBC,
     GCRY_CIPHER_AES256, CBCM, 32, 0, 16, 0, MD_SHA256, 32},
    {"AES256-CBC-SHA256 TLS1.2 ETM", TLSI_TLS12, TLSI_CIPHER_AES_256_CBC, TLSI_HASH_SHA256, 1,
     K_CBC, GCRY_CIPHER_AES256, CBCM, 32, 0, 16, 0, MD_SHA256, 32},
    {"AES128-CBC-SHA TLS1.0 ETM chained IV", TLSI_TLS10, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1,
     1, K_CBC, GCRY_CIPHER_AES128, CBCM, 16, 16, 16, 0, MD_SHA1, 20},
    {"AES256-CBC-SHA384 TLS1.2", TLSI_TLS12, TLSI_CIPHER_AES_256_CBC, TLSI_HASH_SHA384, 0, K_CBC,
     GCRY_CIPHER_AES256, CBCM, 32, 0, 16, 0, MD_SHA384, 48},
    {"CAMELLIA128-CBC-SHA TLS1.2", TLSI_TLS12, TLSI_CIPHER_CAMELLIA_128_CBC, TLSI_HASH_SHA1, 0,
     K_CBC, GCRY_CIPHER_CAMELLIA128, CBCM, 16, 0, 16, 0, MD_SHA1, 20},
    {"CAMELLIA256-CBC-SHA256 TLS1.0", TLSI_TLS10, TLSI_CIPHER_CAMELLIA_256_CBC, TLSI_HASH_SHA256,
     0, K_CBC, GCRY_CIPHER_CAMELLIA256, CBCM, 32, 16, 16, 0, MD_SHA256, 32},
    {"SEED-CBC-SHA TLS1.2", TLSI_TLS12, TLSI_CIPHER_SEED_CBC, TLSI_HASH_SHA1, 0, K_CBC,
     GCRY_CIPHER_SEED, CBCM, 16, 0, 16, 0, MD_SHA1, 20},
    {"AES128-GCM TLS1.2", TLSI_TLS12, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE, 0, K_AEAD_EXPLICIT,
     GCRY_CIPHER_AES128, GCM, 16, 4, 0, 16, 0, 0},
    {"AES256-GCM TLS1.2", TLSI_TLS12, TLSI_CIPHER_AES_256_GCM, TLSI_HASH_SHA384, 0,
     K_AEAD_EXPLICIT, GCRY_CIPHER_AES256, GCM, 32, 4, 0, 16, 0, 0},
    {"AES128-CCM TLS1.2", TLSI_TLS12, TLSI_CIPHER_AES_128_CCM, TLSI_HASH_NONE, 0, K_AEAD_EXPLICIT,
     GCRY_CIPHER_AES128, CCM, 16, 4, 0, 16, 0, 0},
    {"AES256-CCM TLS1.2", TLSI_TLS12, TLSI_CIPHER_AES_256_CCM, TLSI_HASH_NONE, 0, K_AEAD_EXPLICIT,
     GCRY_CIPHER_AES256, CCM, 32, 4, 0, 16, 0, 0},
    {"AES128-CCM8 TLS1.2", TLSI_TLS12, TLSI_CIPHER_AES_128_CCM_8, TLSI_HASH_NONE, 0,
     K_AEAD_EXPLICIT, GCRY_CIPHER_AES128, CCM, 16, 4, 0, 8, 0, 0},
    {"CHACHA20-POLY1305 TLS1.2", TLSI_TLS12, TLSI_CIPHER_CHACHA20_POLY1305, TLSI_HASH_NONE, 0,
     K_AEAD_XOR, GCRY_CIPHER_CHACHA20, POLY, 32, 12, 0, 16, 0, 0},
    {"CAMELLIA128-GCM TLS1.2", TLSI_TLS12, TLSI_CIPHER_CAMELLIA_128_GCM, TLSI_HASH_NONE, 0,
     K_AEAD_EXPLICIT, GCRY_CIPHER_CAMELLIA128, GCM, 16, 4, 0, 16, 0, 0},
    {"CAMELLIA256-GCM TLS1.2", TLSI_TLS12, TLSI_CIPHER_CAMELLIA_256_GCM, TLSI_HASH_NONE, 0,
     K_AEAD_EXPLICIT, GCRY_CIPHER_CAMELLIA256, GCM, 32, 4, 0, 16, 0, 0},
#if GCRYPT_VERSION_NUMBER >= 0x010b00
    {"ARIA128-CBC-SHA256 TLS1.2", TLSI_TLS12, TLSI_CIPHER_ARIA_128_CBC, TLSI_HASH_SHA256, 0, K_CBC,
     GCRY_CIPHER_ARIA128, CBCM, 16, 0, 16, 0, MD_SHA256, 32},
    {"ARIA256-GCM TLS1.2", TLSI_TLS12, TLSI_CIPHER_ARIA_256_GCM, TLSI_HASH_NONE, 0,
     K_AEAD_EXPLICIT, GCRY_CIPHER_ARIA256, GCM, 32, 4, 0, 16, 0, 0},
#endif
    /* Suites outside their version's list: decrypted as negotiated. */
    {"AES128-CBC-SHA SSL3", TLSI_SSL3, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, 0, K_CBC,
     GCRY_CIPHER_AES128, CBCM, 16, 16, 16, 0, MD_SHA1, 20},
    {"AES128-CBC-SHA SSL3 ETM", TLSI_SSL3, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, 1, K_CBC,
     GCRY_CIPHER_AES128, CBCM, 16, 16, 16, 0, MD_SHA1, 20},
    {"CAMELLIA256-CBC-SHA SSL3 ETM", TLSI_SSL3, TLSI_CIPHER_CAMELLIA_256_CBC, TLSI_HASH_SHA1, 1,
     K_CBC, GCRY_CIPHER_CAMELLIA256, CBCM, 32, 16, 16, 0, MD_SHA1, 20},
    {"3DES-CBC-SHA SSL3 ETM", TLSI_SSL3, TLSI_CIPHER_3DES_EDE_CBC, TLSI_HASH_SHA1, 1, K_CBC,
     GCRY_CIPHER_3DES, CBCM, 24, 8, 8, 0, MD_SHA1, 20},
    {"AES128-GCM TLS1.0", TLSI_TLS10, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE, 0, K_AEAD_EXPLICIT,
     GCRY_CIPHER_AES128, GCM, 16, 4, 0, 16, 0, 0},
    /* Export and old ciphers, given their final (expanded) keys. */
    {"EXP-RC4-MD5 SSL3", TLSI_SSL3, TLSI_CIPHER_RC4_40, TLSI_HASH_MD5, 0, K_RC4,
     GCRY_CIPHER_ARCFOUR, 0, 16, 0, 0, 0, MD_MD5, 16},
    {"EXP1024-RC4-SHA TLS1.0", TLSI_TLS10, TLSI_CIPHER_RC4_56, TLSI_HASH_SHA1, 0, K_RC4,
     GCRY_CIPHER_ARCFOUR, 0, 16, 0, 0, 0, MD_SHA1, 20},
    {"EXP-RC2-CBC-MD5 TLS1.0", TLSI_TLS10, TLSI_CIPHER_RC2_40_CBC, TLSI_HASH_MD5, 0, K_CBC,
     GCRY_CIPHER_RFC2268_128, CBCM, 16, 8, 8, 0, MD_MD5, 16},
    {"EXP-DES-CBC-SHA SSL3", TLSI_SSL3, TLSI_CIPHER_DES40_CBC, TLSI_HASH_SHA1, 0, K_CBC,
     GCRY_CIPHER_DES, CBCM, 8, 8, 8, 0, MD_SHA1, 20},
    {"EXP1024-DES-CBC-SHA TLS1.0", TLSI_TLS10, TLSI_CIPHER_DES_CBC_EXPORT, TLSI_HASH_SHA1, 0,
     K_CBC, GCRY_CIPHER_DES, CBCM, 8, 8, 8, 0, MD_SHA1, 20},
    {"IDEA-CBC-SHA SSL3", TLSI_SSL3, TLSI_CIPHER_IDEA_CBC, TLSI_HASH_SHA1, 0, K_CBC,
     GCRY_CIPHER_IDEA, CBCM, 16, 8, 8, 0, MD_SHA1, 20},
    {"IDEA-CBC-SHA TLS1.1", TLSI_TLS11, TLSI_CIPHER_IDEA_CBC, TLSI_HASH_SHA1, 0, K_CBC,
     GCRY_CIPHER_IDEA, CBCM, 16, 0, 8, 0, MD_SHA1, 20},
    /* TLS 1.3 drafts: no additional data before draft 25. */
    {"TLS_AES_128_GCM_SHA256 draft 20", 0x7f14, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_SHA256, 0,
     K_AEAD_XOR, GCRY_CIPHER_AES128, GCM, 16, 12, 0, 16, 0, 0},
    {"TLS_CHACHA20_POLY1305_SHA256 fb draft 23", 0xfb17, TLSI_CIPHER_CHACHA20_POLY1305,
     TLSI_HASH_SHA256, 0, K_AEAD_XOR, GCRY_CIPHER_CHACHA20, POLY, 32, 12, 0, 16, 0, 0},
    {"TLS_AES_128_CCM_SHA256 draft 18", 0x7f12, TLSI_CIPHER_AES_128_CCM, TLSI_HASH_SHA256, 0,
     K_AEAD_XOR, GCRY_CIPHER_AES128, CCM, 16, 12, 0, 16, 0, 0},
    {"TLS_AES_256_GCM_SHA384 draft 25", 0x7f19, TLSI_CIPHER_AES_256_GCM, TLSI_HASH_SHA384, 0,
     K_AEAD_XOR, GCRY_CIPHER_AES256, GCM, 32, 12, 0, 16, 0, 0},
    {"TLS_AES_128_GCM_SHA256 fb draft 26", 0xfb1a, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_SHA256, 0,
     K_AEAD_XOR, GCRY_CIPHER_AES128, GCM, 16, 12, 0, 16, 0, 0},
    {"TLS_AES_128_GCM_SHA256 TLS1.3", TLSI_TLS13, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_SHA256, 0,
     K_AEAD_XOR, GCRY_CIPHER_AES128, GCM, 16, 12, 0, 16, 0, 0},
    {"TLS_AES_256_GCM_SHA384 TLS1.3", TLSI_TLS13, TLSI_CIPHER_AES_256_GCM, TLSI_HASH_SHA384, 0,
     K_AEAD_XOR, GCRY_CIPHER_AES256, GCM, 32, 12, 0, 16, 0, 0},
    {"TLS_CHACHA20_POLY1305_SHA256 TLS1.3", TLSI_TLS13, TLSI_CIPHER_CHACHA20_POLY1305,
     TLSI_HASH_SHA256, 0, K_AEAD_XOR, GCRY_CIPHER_CHACHA20, POLY, 32, 12, 0, 16, 0, 0},
    {"TLS_AES_128_CCM_SHA256 TLS1.3", TLSI_TLS13, TLSI_CIPHER_AES_128_CCM, TLSI_HASH_SHA256, 0,
     K_AEAD_XOR, GCRY_CIPHER_AES128, CCM, 16, 12, 0, 16, 0, 0},
    {"TLS_AES_128_CCM_8_SHA256 TLS1.3", TLSI_TLS13, TLSI_CIPHER_AES_128_CCM_8, TLSI_HASH_SHA256, 0,
     K_AEAD_XOR, GCRY_CIPHER_AES128, CCM, 16, 12, 0, 8, 0, 0},
};

/*
 * Records missing from the capture: records 0 and 1 arrive, 2..4 are lost,
 * then 5.. arrive. The cipher decides what can resume (decrypt.h): AEAD,
 * explicit-IV CBC and NULL at record 5, chained-IV CBC with MAC-then-encrypt
 * at record 6 (5's IV was the last block of lost record 4), RC4 and chained
 * IV with encrypt-then-MAC never. A search that fails
 * leaves the sequence number alone, and a gap wider than the window is not
 * bridged. skipped must be 3, the records the sender sealed and we dropped.
 */
static void gap(const tcase *tc)
{
    static record r[10];
    static uint8_t pt[10][37];
    int chained = tc->kind == K_CBC && tc->iv_len > 0;
    /* RC4 runs on; a chained IV under encrypt-then-MAC cannot be proved. */
    int cannot = tc->kind == K_RC4 || (chained && tc->etm);
    sender s;
    tlsi_decryptor *d;
    size_t n;
    uint64_t skipped = 99;
    tlsi_err e;
    int first;

    sender_init(&s, tc, 3);
    for (int i = 0; i < 10; i++) {
        make_pt(pt[i], 37, i);
        seal(&s, 23, pt[i], 37, F_NONE, &r[i]);
    }
    d = new_dec(tc, &s, 0);
    if (!d)
        goto out;
    for (int i = 0; i < 2; i++)
        CHECK_EQ(open_rec(d, &r[i], r[i].len, outbuf, &n, NULL), TLSI_OK);
    e = open_rec(d, &r[5], r[5].len, outbuf, &n, NULL);
    CHECK(e == TLSI_ERR_BAD_MAC || e == TLSI_ERR_BAD_PADDING);
    CHECK_EQ(tlsi_decryptor_can_resync(d), !cannot);
    e = tlsi_decryptor_resync(d, r[5].type, r[5].version, r[5].b, r[5].len, outbuf2, REC_MAX, &n,
                              NULL, 64, &skipped);
    if (cannot) {
        CHECK_EQ(e, TLSI_ERR_UNSUPPORTED);
        CHECK_EQ(n, 0);
        goto done;
    }
    first = 5;
    if (chained) {
        /* Not found (no number makes the lost IV right); nothing moved. */
        CHECK(e != TLSI_OK);
        CHECK_EQ(n, 0);
        CHECK_EQ(tlsi_decryptor_seq(d), 3);
        e = open_rec(d, &r[6], r[6].len, outbuf, &n, NULL);
        CHECK(e == TLSI_ERR_BAD_MAC || e == TLSI_ERR_BAD_PADDING);
        e = tlsi_decryptor_resync(d, r[6].type, r[6].version, r[6].b, r[6].len, outbuf2, REC_MAX,
                                  &n, NULL, 64, &skipped);
        first = 6;
    }
    CHECK_EQ(e, TLSI_OK);
    CHECK_EQ(skipped, 3);
    CHECK_EQ(n, 37);
    CHECK_MEM(outbuf2, pt[first], 37);
    CHECK_EQ(tlsi_decryptor_seq(d), first + 1);
    /* In step again: the next record opens as usual. */
    CHECK_EQ(open_rec(d, &r[first + 1], r[first + 1].len, outbuf, &n, NULL), TLSI_OK);
    CHECK_MEM(outbuf, pt[first + 1], 37);
    /* Records 1..3 lost (chained: 1, 2 lost and 3 undecryptable): a window
     * one short of record 4's number does not reach it. */
    tlsi_decryptor_free(d);
    d = new_dec(tc, &s, 0);
    if (!d)
        goto out;
    CHECK_EQ(open_rec(d, &r[0], r[0].len, outbuf, &n, NULL), TLSI_OK);
    if (chained)
        (void)open_rec(d, &r[3], r[3].len, outbuf, &n, NULL); /* 1, 2 lost; 3's IV lost too */
    e = open_rec(d, &r[4], r[4].len, outbuf, &n, NULL);
    CHECK(e != TLSI_OK);
    e = tlsi_decryptor_resync(d, r[4].type, r[4].version, r[4].b, r[4].len, outbuf2, REC_MAX, &n,
                              NULL, chained ? 1 : 2, &skipped);
    CHECK(e != TLSI_OK);
    CHECK_EQ(n, 0);
    CHECK_EQ(tlsi_decryptor_seq(d), chained ? 3 : 2);
done:
    tlsi_decryptor_free(d);
out:
    sender_free(&s);
}

static void test_schemes(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int before = tc_fail;

        positive(&cases[i]);
        negative(&cases[i]);
        gap(&cases[i]);
        if (tc_fail != before)
            fprintf(stderr, "  ^ in case \"%s\"\n", cases[i].name);
    }
#if GCRYPT_VERSION_NUMBER < 0x010b00
    printf("ARIA: libgcrypt %s has no ARIA, cases skipped\n", GCRYPT_VERSION);
    CHECK(!tlsi_cipher_available(TLSI_CIPHER_ARIA_128_GCM));
#endif
}

/* TLS_NULL_WITH_NULL_NULL: no cipher, no MAC, records pass through. */
static void test_null_null(void)
{
    static const uint8_t frag[] = {1, 2, 3, 4, 5};
    tlsi_err e;
    tlsi_decryptor *d = tlsi_decryptor_new(TLSI_TLS12, TLSI_CIPHER_NULL, TLSI_HASH_NONE, NULL, 0,
                                           NULL, 0, NULL, 0, 0, 0, &e);
    size_t n;
    uint8_t t;

    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_EQ(tlsi_decryptor_open(d, 22, 0x0303, frag, 5, outbuf, 5, &n, &t), TLSI_OK);
    CHECK_EQ(n, 5);
    CHECK_MEM(outbuf, frag, 5);
    CHECK_EQ(t, 22);
    CHECK_EQ(tlsi_decryptor_seq(d), 1);
    tlsi_decryptor_free(d);
}

/* TLS 1.3 specifics: all-zero inner plaintext, content over 2^14, limit. */
static void test_tls13_inner(void)
{
    const tcase *tc = NULL;
    static record r;
    static uint8_t pt[16385];
    sender s;
    tlsi_decryptor *d;
    size_t n;
    uint8_t t;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (cases[i].version == TLSI_TLS13)
            tc = tc ? tc : &cases[i];
    sender_init(&s, tc, 3);
    memset(pt, 0, sizeof(pt));
    seal(&s, 23, pt, 10, F_ZEROS, &r);
    d = new_dec(tc, &s, 0);
    if (d) {
        /* RFC 8446 5.4: no non-zero byte, no content type. */
        CHECK_EQ(open_rec(d, &r, r.len, outbuf, &n, &t), TLSI_ERR_BAD_VALUE);
        CHECK_EQ(n, 0);
    }
    tlsi_decryptor_free(d);
    sender_free(&s);

    /* Content of 2^14 bytes is the most allowed; one more is too many. */
    sender_init(&s, tc, 3);
    make_pt(pt, sizeof(pt), 0);
    seal(&s, 23, pt, 16384, F_NONE, &r);
    d = new_dec(tc, &s, 0);
    if (d) {
        CHECK_EQ(open_rec(d, &r, r.len, outbuf, &n, &t), TLSI_OK);
        CHECK_EQ(n, 16384);
        CHECK_MEM(outbuf, pt, 16384);
        CHECK_EQ(t, 23);
        seal(&s, 23, pt, 16385, F_NONE, &r);
        CHECK_EQ(open_rec(d, &r, r.len, outbuf, &n, &t), TLSI_ERR_BAD_LENGTH);
    }
    tlsi_decryptor_free(d);
    sender_free(&s);
}

/* TLS 1.2 plaintext over 2^14 under a valid tag is still a length error. */
static void test_tls12_plaintext_limit(void)
{
    const tcase *tc = NULL;
    static record r;
    static uint8_t pt[16385];
    sender s;
    tlsi_decryptor *d;
    size_t n;
    uint8_t t;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (cases[i].kind == K_AEAD_EXPLICIT)
            tc = tc ? tc : &cases[i];
    sender_init(&s, tc, 4);
    make_pt(pt, sizeof(pt), 2);
    seal(&s, 23, pt, 16385, F_NONE, &r);
    d = new_dec(tc, &s, 0);
    if (d)
        CHECK_EQ(open_rec(d, &r, r.len, outbuf, &n, &t), TLSI_ERR_BAD_LENGTH);
    tlsi_decryptor_free(d);
    sender_free(&s);
}

/* The plaintext of RFC8448_SERVER_RECORD: the four handshake messages. */
static long rfc8448_plaintext(uint8_t *out, size_t cap)
{
    const char *const parts[] = {RFC8448_EE, RFC8448_CERT, RFC8448_CV, RFC8448_SF};
    long n = 0;

    for (size_t i = 0; i < 4; i++) {
        long k = tc_unhex(parts[i], out + n, cap - (size_t)n);
        if (k < 0)
            return -1;
        n += k;
    }
    return n;
}

static void test_rfc8448(void)
{
    static uint8_t rec[700], pt[700], buf[700];
    uint8_t key[16], iv[12], nonce[12];
    long rec_len = tc_unhex(RFC8448_SERVER_RECORD, rec, sizeof(rec));
    long pt_len = rfc8448_plaintext(pt, sizeof(pt));
    tlsi_err e;
    tlsi_decryptor *d;
    size_t n = 0;
    uint8_t t = 0;
    gcry_cipher_hd_t h;

    CHECK_EQ(tc_unhex(RFC8448_SERVER_HS_KEY, key, sizeof(key)), 16);
    CHECK_EQ(tc_unhex(RFC8448_SERVER_HS_IV, iv, sizeof(iv)), 12);
    CHECK_EQ(rec_len, 679); /* "complete record (679 octets)" */
    CHECK_EQ(pt_len, 657);
    if (rec_len != 679 || pt_len != 657)
        return;

    /* First libgcrypt alone, as its own tests do: the whole record in one
     * decrypt, the tag judged by gcry_cipher_checktag. Sequence 0, so the
     * nonce is the iv itself (RFC 8446 5.3). */
    memcpy(nonce, iv, 12);
    CHECK(gcry_cipher_open(&h, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_GCM, 0) == 0);
    CHECK(gcry_cipher_setkey(h, key, 16) == 0);
    CHECK(gcry_cipher_setiv(h, nonce, 12) == 0);
    CHECK(gcry_cipher_authenticate(h, rec, 5) == 0);
    CHECK(gcry_cipher_decrypt(h, buf, 674 - 16, rec + 5, 674 - 16) == 0);
    CHECK(gcry_cipher_checktag(h, rec + 679 - 16, 16) == 0);
    CHECK_MEM(buf, pt, 657);
    CHECK_EQ(buf[657], 22); /* inner type handshake, no padding */
    rec[678] ^= 0x01;
    CHECK(gcry_cipher_reset(h) == 0);
    CHECK(gcry_cipher_setiv(h, nonce, 12) == 0);
    CHECK(gcry_cipher_authenticate(h, rec, 5) == 0);
    CHECK(gcry_cipher_decrypt(h, buf, 674 - 16, rec + 5, 674 - 16) == 0);
    CHECK_EQ(gcry_err_code(gcry_cipher_checktag(h, rec + 679 - 16, 16)), GPG_ERR_CHECKSUM);
    rec[678] ^= 0x01;
    gcry_cipher_close(h);

    d = tlsi_decryptor_new(TLSI_TLS13, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_SHA256, key, 16, iv, 12,
                           NULL, 0, 0, 0, &e);
    CHECK(d != NULL);
    if (!d)
        return;
    memset(outbuf, 0xee, sizeof(outbuf));
    CHECK_EQ(tlsi_decryptor_open(d, rec[0], 0x0303, rec + 5, 674, outbuf, sizeof(outbuf), &n, &t),
             TLSI_OK);
    CHECK_EQ(n, 657);
    CHECK_MEM(outbuf, pt, 657);
    CHECK_EQ(t, 22);
    CHECK_EQ(tlsi_decryptor_seq(d), 1);
    /* The same record again is at sequence 1 now: the nonce differs. */
    CHECK_EQ(tlsi_decryptor_open(d, rec[0], 0x0303, rec + 5, 674, outbuf, sizeof(outbuf), &n, &t),
             TLSI_ERR_BAD_MAC);
    /* A TLS 1.3 record not typed application_data was never protected:
     * refused without taking a sequence number (RFC 8446 5.2). */
    tlsi_decryptor_set_seq(d, 0);
    CHECK_EQ(tlsi_decryptor_open(d, 20, 0x0303, rec + 5, 674, outbuf, sizeof(outbuf), &n, &t),
             TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_decryptor_seq(d), 0);
    /* Back at 0, a flipped tag byte and a flipped header byte (additional data) fail. */
    tlsi_decryptor_set_seq(d, 0);
    rec[678] ^= 0x80;
    CHECK_EQ(tlsi_decryptor_open(d, rec[0], 0x0303, rec + 5, 674, outbuf, sizeof(outbuf), &n, &t),
             TLSI_ERR_BAD_MAC);
    rec[678] ^= 0x80;
    tlsi_decryptor_set_seq(d, 0);
    CHECK_EQ(tlsi_decryptor_open(d, rec[0], 0x0301, rec + 5, 674, outbuf, sizeof(outbuf), &n, &t),
             TLSI_ERR_BAD_MAC);
    tlsi_decryptor_set_seq(d, 0);
    CHECK_EQ(tlsi_decryptor_open(d, rec[0], 0x0303, rec + 5, 674, outbuf, sizeof(outbuf), &n, &t),
             TLSI_OK);

    /* Parked (handles released after close_notify), the decryptor keeps its
     * keys and sequence number: the RFC record still opens at 0, from the
     * parked decryptor and from a copy of it, and not at 1. */
    {
        tlsi_decryptor *c;

        tlsi_decryptor_set_seq(d, 0);
        CHECK_EQ(tlsi_decryptor_park(d), 1);
        CHECK(tlsi_decryptor_parked(d));
        CHECK_EQ(tlsi_decryptor_park(d), 0); /* already */
        c = tlsi_decryptor_clone(d);
        CHECK(c != NULL);
        CHECK(c && tlsi_decryptor_parked(c));
        memset(outbuf, 0xee, sizeof(outbuf));
        CHECK_EQ(tlsi_decryptor_open(d, rec[0], 0x0303, rec + 5, 674, outbuf, sizeof(outbuf), &n,
                                     &t),
                 TLSI_OK);
        CHECK_EQ(n, 657);
        CHECK_MEM(outbuf, pt, 657);
        CHECK(!tlsi_decryptor_parked(d));
        if (c) {
            memset(outbuf, 0xee, sizeof(outbuf));
            CHECK_EQ(tlsi_decryptor_open(c, rec[0], 0x0303, rec + 5, 674, outbuf, sizeof(outbuf),
                                         &n, &t),
                     TLSI_OK);
            CHECK_MEM(outbuf, pt, 657);
            CHECK_EQ(tlsi_decryptor_park(c), 1);
            CHECK_EQ(tlsi_decryptor_open(c, rec[0], 0x0303, rec + 5, 674, outbuf, sizeof(outbuf),
                                         &n, &t),
                     TLSI_ERR_BAD_MAC); /* sequence 1 now */
            CHECK_EQ(tlsi_decryptor_seq(c), 2);
            tlsi_decryptor_free(c);
        }
        /* Freed while parked: no handles to leak or double-free (ASan run). */
        CHECK_EQ(tlsi_decryptor_park(d), 1);
    }
    tlsi_decryptor_free(d);

    /* TLS 1.0 CBC chains its IV from record to record and RC4 runs on: they
     * cannot be rebuilt from the keys, so they keep their state. */
    {
        static const uint8_t k16[16] = {1}, iv16[16] = {2}, mk[20] = {3};

        d = tlsi_decryptor_new(TLSI_TLS10, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, k16, 16, iv16,
                               16, mk, 20, 0, 0, &e);
        CHECK(d != NULL);
        CHECK_EQ(tlsi_decryptor_park(d), 0);
        tlsi_decryptor_free(d);
        d = tlsi_decryptor_new(TLSI_TLS11, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, k16, 16, NULL,
                               0, mk, 20, 0, 0, &e);
        CHECK(d != NULL);
        CHECK_EQ(tlsi_decryptor_park(d), 1);
        tlsi_decryptor_free(d);
        d = tlsi_decryptor_new(TLSI_TLS12, TLSI_CIPHER_RC4_128, TLSI_HASH_SHA1, k16, 16, NULL, 0,
                               mk, 20, 0, 0, &e);
        CHECK(d != NULL);
        CHECK_EQ(tlsi_decryptor_park(d), 0);
        tlsi_decryptor_free(d);
    }
}

/* DEFLATE (RFC 3749): compressed with zlib here, one stream per direction,
 * a sync flush per record, then MAC'ed and encrypted like any record. */
static size_t deflate_record(z_stream *zs, const uint8_t *in, size_t len, uint8_t *out,
                             size_t cap)
{
    zs->next_in = (Bytef *)in;
    zs->avail_in = (uInt)len;
    zs->next_out = out;
    zs->avail_out = (uInt)cap;
    CHECK_EQ(deflate(zs, Z_SYNC_FLUSH), Z_OK);
    CHECK_EQ(zs->avail_in, 0);
    return cap - zs->avail_out;
}

static void test_deflate(void)
{
    const tcase *tc = NULL;
    static record r[3];
    static uint8_t pt[3][16385], comp[REC_MAX];
    static const size_t sizes[3] = {300, 5000, 16384};
    sender s;
    z_stream zs;
    tlsi_decryptor *d, *d2;
    tlsi_err e;
    size_t n, clen;
    uint8_t t;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (cases[i].kind == K_CBC && cases[i].version == TLSI_TLS12)
            tc = tc ? tc : &cases[i];
    sender_init(&s, tc, 5);
    memset(&zs, 0, sizeof(zs));
    CHECK_EQ(deflateInit(&zs, Z_DEFAULT_COMPRESSION), Z_OK);
    /* Text that repeats across records, so later records lean on the window. */
    for (int i = 0; i < 3; i++) {
        for (size_t k = 0; k < sizes[i]; k++)
            pt[i][k] = (uint8_t)"the quick brown fox jumps over the lazy dog "[(k * 3 + i) % 44];
        clen = deflate_record(&zs, pt[i], sizes[i], comp, sizeof(comp));
        seal(&s, 23, comp, clen, F_NONE, &r[i]);
    }
    d = new_dec(tc, &s, 1);
    if (d) {
        CHECK_EQ(open_rec(d, &r[0], r[0].len, outbuf, &n, &t), TLSI_OK);
        CHECK_EQ(n, sizes[0]);
        CHECK_MEM(outbuf, pt[0], sizes[0]);
        d2 = tlsi_decryptor_clone(d);
        CHECK(d2 != NULL);
        for (int i = 1; i < 3; i++) {
            CHECK_EQ(open_rec(d, &r[i], r[i].len, outbuf, &n, &t), TLSI_OK);
            CHECK_EQ(n, sizes[i]);
            CHECK_MEM(outbuf, pt[i], sizes[i]);
            if (d2) {
                CHECK_EQ(open_rec(d2, &r[i], r[i].len, outbuf2, &n, &t), TLSI_OK);
                CHECK_EQ(n, sizes[i]);
                CHECK_MEM(outbuf2, pt[i], sizes[i]);
            }
        }
        /* The output buffer must hold 2^14 bytes whatever the record. */
        CHECK_EQ(tlsi_decryptor_open(d, 23, tc->version, r[0].b, r[0].len, outbuf, 16383, &n, &t),
                 TLSI_ERR_NOMEM);
        tlsi_decryptor_free(d2);
    }
    tlsi_decryptor_free(d);
    deflateEnd(&zs);
    sender_free(&s);

    /* 2^14 + 1 bytes inflated from one record: over the cap. */
    sender_init(&s, tc, 6);
    memset(&zs, 0, sizeof(zs));
    CHECK_EQ(deflateInit(&zs, Z_DEFAULT_COMPRESSION), Z_OK);
    memset(pt[0], 'a', 16385);
    clen = deflate_record(&zs, pt[0], 16385, comp, sizeof(comp));
    seal(&s, 23, comp, clen, F_NONE, &r[0]);
    d = new_dec(tc, &s, 1);
    if (d)
        CHECK_EQ(open_rec(d, &r[0], r[0].len, outbuf, &n, &t), TLSI_ERR_BAD_LENGTH);
    tlsi_decryptor_free(d);
    deflateEnd(&zs);
    sender_free(&s);

    /* A correctly MAC'ed record that is not DEFLATE data. */
    sender_init(&s, tc, 7);
    memset(comp, 0xff, 64);
    seal(&s, 23, comp, 64, F_NONE, &r[0]);
    d = new_dec(tc, &s, 1);
    if (d)
        CHECK_EQ(open_rec(d, &r[0], r[0].len, outbuf, &n, &t), TLSI_ERR_DECOMPRESS);
    tlsi_decryptor_free(d);
    sender_free(&s);

    /* A finished zlib stream with bytes after its end: RFC 3749 never ends
     * the stream, so this is not DEFLATE record data. */
    sender_init(&s, tc, 8);
    memset(&zs, 0, sizeof(zs));
    CHECK_EQ(deflateInit(&zs, Z_DEFAULT_COMPRESSION), Z_OK);
    zs.next_in = (Bytef *)"hello";
    zs.avail_in = 5;
    zs.next_out = comp;
    zs.avail_out = sizeof(comp);
    CHECK_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
    clen = sizeof(comp) - zs.avail_out;
    memset(comp + clen, 0x03, 4);
    seal(&s, 23, comp, clen + 4, F_NONE, &r[0]);
    d = new_dec(tc, &s, 1);
    if (d)
        CHECK_EQ(open_rec(d, &r[0], r[0].len, outbuf, &n, &t), TLSI_ERR_DECOMPRESS);
    tlsi_decryptor_free(d);
    deflateEnd(&zs);
    sender_free(&s);

    /* TLS 1.3 has no compression. */
    d = tlsi_decryptor_new(TLSI_TLS13, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_SHA256, s.key, 16, s.iv,
                           12, NULL, 0, 0, 1, &e);
    CHECK(d == NULL);
    CHECK_EQ(e, TLSI_ERR_BAD_VALUE);
}

static void test_new_refusals(void)
{
    uint8_t k[64] = {1, 2, 3}, iv[16] = {4};
    tlsi_err e;

#define REFUSE(expect, ...)                                                                     \
    do {                                                                                        \
        e = TLSI_OK;                                                                            \
        tlsi_decryptor *d_ = tlsi_decryptor_new(__VA_ARGS__, &e);                               \
        CHECK(d_ == NULL);                                                                      \
        CHECK_EQ(e, expect);                                                                    \
        tlsi_decryptor_free(d_);                                                                \
    } while (0)

    /* Key, IV and MAC key lengths must fit the cipher. */
    REFUSE(TLSI_ERR_BAD_KEY, TLSI_TLS12, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE, k, 15, iv, 4,
           NULL, 0, 0, 0);
    REFUSE(TLSI_ERR_BAD_KEY, TLSI_TLS12, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE, k, 16, iv, 12,
           NULL, 0, 0, 0);
    REFUSE(TLSI_ERR_BAD_KEY, TLSI_TLS13, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE, k, 16, iv, 4,
           NULL, 0, 0, 0);
    REFUSE(TLSI_ERR_BAD_KEY, TLSI_TLS10, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, k, 16, iv, 8, k,
           20, 0, 0);
    REFUSE(TLSI_ERR_BAD_KEY, TLSI_TLS12, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, k, 16, NULL, 0,
           k, 32, 0, 0);
    REFUSE(TLSI_ERR_BAD_KEY, TLSI_TLS12, TLSI_CIPHER_RC4_128, TLSI_HASH_SHA1, k, 16, NULL, 0, k,
           19, 0, 0);
    /* Combinations that do not exist, and things tlsi does not decrypt. */
    REFUSE(TLSI_ERR_UNSUPPORTED, TLSI_TLS13, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA256, k, 16, iv,
           12, NULL, 0, 0, 0);
    /* An export cipher takes its expanded key (16 bytes for RC4_40). */
    REFUSE(TLSI_ERR_BAD_KEY, TLSI_TLS10, TLSI_CIPHER_RC4_40, TLSI_HASH_MD5, k, 5, NULL, 0, k,
           16, 0, 0);
    /* SSL 3.0's MAC pads hold whole digests within 48 bytes: none of SHA-512. */
    REFUSE(TLSI_ERR_UNSUPPORTED, TLSI_SSL3, TLSI_CIPHER_NULL, TLSI_HASH_SHA512, NULL, 0, NULL, 0,
           k, 64, 0, 0);
    REFUSE(TLSI_ERR_UNSUPPORTED, 0x0200, TLSI_CIPHER_NULL, TLSI_HASH_SHA1, NULL, 0, NULL, 0, k, 20,
           0, 0);
    REFUSE(TLSI_ERR_UNSUPPORTED, TLSI_TLS12, TLSI_CIPHER_NULL, TLSI_HASH_SHA1, NULL, 0, NULL, 0, k,
           20, 0, 2);
    REFUSE(TLSI_ERR_BAD_VALUE, TLSI_TLS12, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_NONE, k, 16, iv, 16,
           NULL, 0, 1, 0);
    REFUSE(TLSI_ERR_BAD_VALUE, TLSI_TLS12, (tlsi_cipher)9999, TLSI_HASH_SHA1, k, 16, iv, 16, k, 20,
           0, 0);
#undef REFUSE
}

int main(void)
{
    if (!gcry_check_version(NULL))
        return 1;
    gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
    gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);

    test_rfc8448();
    test_schemes();
    test_null_null();
    test_tls13_inner();
    test_tls12_plaintext_limit();
    test_deflate();
    test_new_refusals();
    return tc_done();
}
