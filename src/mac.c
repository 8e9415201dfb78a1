/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mac.c - owns the record MAC computation for the pre-AEAD schemes: the
 * SSL 3.0 MAC and the TLS HMAC, both through one kept-open libgcrypt handle.
 */
#include <stdlib.h>
#include <string.h>

#include <gcrypt.h>

#include "mac.h"

struct tlsi_mac {
    gcry_md_hd_t hd; /* HMAC handle (TLS) or plain hash handle (SSL 3.0) */
    int algo;
    int ssl3;
    size_t len;      /* digest bytes */
    size_t pad_len;  /* SSL 3.0 only: bytes of pad_1 / pad_2 */
    size_t key_len;
    uint8_t key[TLSI_MAC_MAX]; /* SSL 3.0 hashes the secret itself */
};

tlsi_mac *tlsi_mac_new(tlsi_hash h, int ssl3, const uint8_t *key, size_t key_len, tlsi_err *err)
{
    const tlsi_hash_params *hp = tlsi_hash_params_get(h);
    tlsi_mac *m;
    tlsi_err e = TLSI_OK;

    if (!hp || hp->gcry_md == 0 || hp->len > TLSI_MAC_MAX) {
        e = TLSI_ERR_UNSUPPORTED;
        goto fail;
    }
    if (key_len > TLSI_MAC_MAX || (key_len && !key)) {
        e = TLSI_ERR_BAD_KEY;
        goto fail;
    }
    m = calloc(1, sizeof(*m));
    if (!m) {
        e = TLSI_ERR_NOMEM;
        goto fail;
    }
    m->algo = hp->gcry_md;
    m->ssl3 = ssl3;
    m->len = hp->len;
    m->key_len = key_len;
    if (key_len)
        memcpy(m->key, key, key_len);
    if (ssl3) {
        /* RFC 6101 5.2.3.1: the pads are 48 bytes for MD5 and 40 for SHA,
         * i.e. the most whole digests that fit in 48 bytes. A suite with a
         * longer hash, negotiated over SSL 3.0 anyway, gets the same rule
         * (32 bytes for SHA-256, 48 for SHA-384), as stacks that allow it
         * compute it. */
        m->pad_len = (48 / hp->len) * hp->len;
        if (m->pad_len == 0 || hp->len > 48) {
            free(m);
            e = TLSI_ERR_UNSUPPORTED;
            goto fail;
        }
        if (gcry_md_open(&m->hd, m->algo, 0) != 0) {
            free(m);
            e = TLSI_ERR_CRYPTO;
            goto fail;
        }
    } else {
        if (gcry_md_open(&m->hd, m->algo, GCRY_MD_FLAG_HMAC) != 0) {
            free(m);
            e = TLSI_ERR_CRYPTO;
            goto fail;
        }
        if (gcry_md_setkey(m->hd, m->key, key_len) != 0) {
            gcry_md_close(m->hd);
            free(m);
            e = TLSI_ERR_CRYPTO;
            goto fail;
        }
    }
    if (err)
        *err = TLSI_OK;
    return m;
fail:
    if (err)
        *err = e;
    return NULL;
}

void tlsi_mac_free(tlsi_mac *m)
{
    if (!m)
        return;
    gcry_md_close(m->hd);
    memset(m->key, 0, sizeof(m->key));
    free(m);
}

tlsi_mac *tlsi_mac_clone(const tlsi_mac *m)
{
    tlsi_mac *c = malloc(sizeof(*c));

    if (!c)
        return NULL;
    *c = *m;
    /* gcry_md_copy carries the HMAC key along with the handle. */
    if (gcry_md_copy(&c->hd, m->hd) != 0) {
        free(c);
        return NULL;
    }
    return c;
}

size_t tlsi_mac_len(const tlsi_mac *m)
{
    return m->len;
}

static void put64(uint8_t *b, uint64_t v)
{
    int n;

    for (n = 7; n >= 0; n--) {
        b[n] = (uint8_t)v;
        v >>= 8;
    }
}

tlsi_err tlsi_mac_compute(tlsi_mac *m, uint64_t seq, uint8_t type, uint16_t version,
                          const uint8_t *frag, size_t frag_len, uint8_t *out)
{
    uint8_t hdr[13];
    const unsigned char *dig;

    /* The length field is 16 bits; records are far shorter, but do not wrap. */
    if (frag_len > 0xffff)
        return TLSI_ERR_BAD_LENGTH;
    put64(hdr, seq);
    hdr[8] = type;
    gcry_md_reset(m->hd);
    if (m->ssl3) {
        uint8_t pad[48];
        uint8_t inner[TLSI_MAC_MAX];

        /* SSL 3.0 has no version in the MAC: seq_num || type || length. */
        hdr[9] = (uint8_t)(frag_len >> 8);
        hdr[10] = (uint8_t)frag_len;
        memset(pad, 0x36, m->pad_len);
        gcry_md_write(m->hd, m->key, m->key_len);
        gcry_md_write(m->hd, pad, m->pad_len);
        gcry_md_write(m->hd, hdr, 11);
        gcry_md_write(m->hd, frag, frag_len);
        dig = gcry_md_read(m->hd, m->algo);
        if (!dig)
            return TLSI_ERR_CRYPTO;
        memcpy(inner, dig, m->len);
        gcry_md_reset(m->hd);
        memset(pad, 0x5c, m->pad_len);
        gcry_md_write(m->hd, m->key, m->key_len);
        gcry_md_write(m->hd, pad, m->pad_len);
        gcry_md_write(m->hd, inner, m->len);
    } else {
        hdr[9] = (uint8_t)(version >> 8);
        hdr[10] = (uint8_t)version;
        hdr[11] = (uint8_t)(frag_len >> 8);
        hdr[12] = (uint8_t)frag_len;
        gcry_md_write(m->hd, hdr, 13);
        gcry_md_write(m->hd, frag, frag_len);
    }
    dig = gcry_md_read(m->hd, m->algo);
    if (!dig)
        return TLSI_ERR_CRYPTO;
    memcpy(out, dig, m->len);
    return TLSI_OK;
}

tlsi_err tlsi_mac_verify(tlsi_mac *m, uint64_t seq, uint8_t type, uint16_t version,
                         const uint8_t *frag, size_t frag_len, const uint8_t *expected)
{
    uint8_t mac[TLSI_MAC_MAX];
    uint8_t diff = 0;
    size_t n;
    tlsi_err e = tlsi_mac_compute(m, seq, type, version, frag, frag_len, mac);

    if (e != TLSI_OK)
        return e;
    /* A passive observer is no oracle, but comparing every byte costs nothing. */
    for (n = 0; n < m->len; n++)
        diff |= (uint8_t)(mac[n] ^ expected[n]);
    return diff ? TLSI_ERR_BAD_MAC : TLSI_OK;
}
