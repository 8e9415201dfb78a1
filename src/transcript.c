/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * transcript.c - the running handshake hash: one libgcrypt context per
 * hash a suite may pick, copied (never finalised) to read a digest; plus the
 * SSL 3.0 Finished and the TLS 1.3 HelloRetryRequest rewrite that need the
 * running state itself rather than a digest.
 */
#include <stdlib.h>
#include <string.h>

#include <gcrypt.h>

#include "transcript.h"

/* The hashes a transcript keeps: every PRF/HKDF hash of a decryptable suite
 * plus MD5/SHA-1 for SSL 3.0 - TLS 1.1. */
static const tlsi_hash kept[] = {
    TLSI_HASH_MD5, TLSI_HASH_SHA1, TLSI_HASH_SHA256, TLSI_HASH_SHA384, TLSI_HASH_SM3,
};
#define KEPT_COUNT (sizeof(kept) / sizeof(kept[0]))

struct tlsi_transcript {
    gcry_md_hd_t md[KEPT_COUNT]; /* NULL where libgcrypt refused the hash */
    uint64_t length;
};

static int kept_index(tlsi_hash h)
{
    size_t i;

    for (i = 0; i < KEPT_COUNT; i++)
        if (kept[i] == h)
            return (int)i;
    return -1;
}

tlsi_transcript *tlsi_transcript_new(void)
{
    tlsi_transcript *t = calloc(1, sizeof(*t));
    size_t i;
    int any = 0;

    if (!t)
        return NULL;
    for (i = 0; i < KEPT_COUNT; i++) {
        int algo = tlsi_hash_params_get(kept[i])->gcry_md;

        /* A FIPS-mode libgcrypt has no MD5, an old one no SM3: keep going
         * without them; asking for them later says "unsupported". */
        if (gcry_md_test_algo(algo) != 0 || gcry_md_open(&t->md[i], algo, 0) != 0)
            t->md[i] = NULL;
        else
            any = 1;
    }
    if (!any) {
        free(t);
        return NULL;
    }
    return t;
}

void tlsi_transcript_free(tlsi_transcript *t)
{
    size_t i;

    if (!t)
        return;
    for (i = 0; i < KEPT_COUNT; i++)
        if (t->md[i])
            gcry_md_close(t->md[i]);
    free(t);
}

tlsi_transcript *tlsi_transcript_copy(const tlsi_transcript *t)
{
    tlsi_transcript *c = calloc(1, sizeof(*c));
    size_t i;

    if (!c)
        return NULL;
    c->length = t->length;
    for (i = 0; i < KEPT_COUNT; i++) {
        if (t->md[i] && gcry_md_copy(&c->md[i], t->md[i]) != 0) {
            c->md[i] = NULL;
            tlsi_transcript_free(c);
            return NULL;
        }
    }
    return c;
}

void tlsi_transcript_add(tlsi_transcript *t, const uint8_t *msg, size_t len)
{
    size_t i;

    if (len == 0)
        return;
    for (i = 0; i < KEPT_COUNT; i++)
        if (t->md[i])
            gcry_md_write(t->md[i], msg, len);
    t->length += len;
}

void tlsi_transcript_keep(tlsi_transcript *t, tlsi_hash a, tlsi_hash b)
{
    size_t i;

    if (!t)
        return;
    for (i = 0; i < KEPT_COUNT; i++) {
        if (t->md[i] && kept[i] != a && kept[i] != b) {
            gcry_md_close(t->md[i]);
            t->md[i] = NULL;
        }
    }
}

uint64_t tlsi_transcript_length(const tlsi_transcript *t)
{
    return t->length;
}

/* Digest of context i without disturbing it: read from a copy. */
static tlsi_err digest_of(const tlsi_transcript *t, size_t i, uint8_t *out)
{
    const tlsi_hash_params *hp = tlsi_hash_params_get(kept[i]);
    gcry_md_hd_t c;
    const unsigned char *d;

    if (!t->md[i])
        return TLSI_ERR_UNSUPPORTED;
    if (gcry_md_copy(&c, t->md[i]) != 0)
        return TLSI_ERR_CRYPTO;
    d = gcry_md_read(c, hp->gcry_md);
    if (!d) {
        gcry_md_close(c);
        return TLSI_ERR_CRYPTO;
    }
    memcpy(out, d, hp->len);
    gcry_md_close(c);
    return TLSI_OK;
}

tlsi_err tlsi_transcript_hash(const tlsi_transcript *t, tlsi_hash h, uint8_t *out)
{
    int i = kept_index(h);

    if (i < 0)
        return TLSI_ERR_UNSUPPORTED;
    return digest_of(t, (size_t)i, out);
}

tlsi_err tlsi_transcript_tls10_hash(const tlsi_transcript *t, uint8_t out[36])
{
    tlsi_err err = tlsi_transcript_hash(t, TLSI_HASH_MD5, out);

    if (err == TLSI_OK)
        err = tlsi_transcript_hash(t, TLSI_HASH_SHA1, out + 16);
    return err;
}

tlsi_err tlsi_transcript_hrr_rewrite(tlsi_transcript *t)
{
    uint8_t d[64], hdr[4];
    size_t i;

    if (t->length == 0)
        return TLSI_ERR_BAD_VALUE;
    for (i = 0; i < KEPT_COUNT; i++) {
        const tlsi_hash_params *hp = tlsi_hash_params_get(kept[i]);

        if (!t->md[i])
            continue;
        if (digest_of(t, i, d) != TLSI_OK)
            return TLSI_ERR_CRYPTO;
        /* RFC 8446 4.4.1: a handshake header of type message_hash (254)
         * with a 24-bit length of Hash.length, then Hash(ClientHello1). */
        hdr[0] = 254;
        hdr[1] = 0;
        hdr[2] = 0;
        hdr[3] = hp->len;
        gcry_md_reset(t->md[i]);
        gcry_md_write(t->md[i], hdr, sizeof(hdr));
        gcry_md_write(t->md[i], d, hp->len);
    }
    memset(d, 0, sizeof(d));
    return TLSI_OK;
}

/* inner = H(messages + sender + master + pad1 x n); out = H(master + pad2 x n + inner) */
static tlsi_err ssl3_half(const tlsi_transcript *t, tlsi_hash h, size_t pad_len,
                          const uint8_t *sender, const uint8_t master[48], uint8_t *out)
{
    const tlsi_hash_params *hp = tlsi_hash_params_get(h);
    int i = kept_index(h);
    uint8_t pad[48], inner[20];
    gcry_md_hd_t c;

    if (i < 0 || !t->md[i])
        return TLSI_ERR_UNSUPPORTED;
    if (gcry_md_copy(&c, t->md[i]) != 0)
        return TLSI_ERR_CRYPTO;
    memset(pad, 0x36, pad_len);
    gcry_md_write(c, sender, 4);
    gcry_md_write(c, master, 48);
    gcry_md_write(c, pad, pad_len);
    memcpy(inner, gcry_md_read(c, hp->gcry_md), hp->len);
    gcry_md_reset(c);
    memset(pad, 0x5c, pad_len);
    gcry_md_write(c, master, 48);
    gcry_md_write(c, pad, pad_len);
    gcry_md_write(c, inner, hp->len);
    memcpy(out, gcry_md_read(c, hp->gcry_md), hp->len);
    gcry_md_close(c);
    memset(inner, 0, sizeof(inner));
    return TLSI_OK;
}

tlsi_err tlsi_ssl3_finished(const tlsi_transcript *t, const uint8_t master[48], int from_server,
                            uint8_t out[36])
{
    /* RFC 6101 5.6.9: Sender is 0x434C4E54 ("CLNT") or 0x53525652 ("SRVR"). */
    const uint8_t *sender = (const uint8_t *)(from_server ? "SRVR" : "CLNT");
    tlsi_err err;

    err = ssl3_half(t, TLSI_HASH_MD5, 48, sender, master, out);
    if (err == TLSI_OK)
        err = ssl3_half(t, TLSI_HASH_SHA1, 40, sender, master, out + 16);
    return err;
}
