/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rp_cbc.c - the CBC scheme: GenericBlockCipher (RFC 6101 section 5.2.3.2,
 * RFC 2246/4346/5246 section 6.2.3.2) with MAC-then-encrypt, and the
 * encrypt-then-MAC variant of RFC 7366.
 *
 * SSL 3.0 and TLS 1.0 chain the IV across records: the first record uses
 * the IV from the key block and each later one the last ciphertext block of
 * the record before it. TLS 1.1 and later send an explicit IV as the first
 * block of every record (RFC 4346 section 6.2.3.2).
 */
#include <stdlib.h>
#include <string.h>

#include <gcrypt.h>

#include "mac.h"
#include "rp.h"

#define CBC_BLOCK_MAX 16
#define CBC_KEY_MAX 32

typedef struct {
    gcry_cipher_hd_t hd;
    int algo;
    size_t bl;          /* block length */
    int explicit_iv;    /* TLS 1.1+: each record starts with its IV */
    int ssl3;           /* SSL 3.0 padding rule */
    int etm;            /* RFC 7366 */
    tlsi_mac *mac;      /* NULL only for a MAC-less configuration */
    size_t mac_len;
    uint8_t iv[CBC_BLOCK_MAX]; /* SSL 3.0 / TLS 1.0: IV for the next record */
    uint8_t prev_iv[CBC_BLOCK_MAX]; /* ... and the one the last record was opened with */
    uint8_t key[CBC_KEY_MAX];  /* kept to rebuild the handle in a clone */
    size_t key_len;
} cbc_state;

static void cbc_destroy(void *state)
{
    cbc_state *s = state;

    if (!s)
        return;
    if (s->hd)
        gcry_cipher_close(s->hd);
    tlsi_mac_free(s->mac);
    memset(s, 0, sizeof(*s));
    free(s);
}

static tlsi_err open_handle(cbc_state *s)
{
    if (gcry_cipher_open(&s->hd, s->algo, GCRY_CIPHER_MODE_CBC, 0) != 0) {
        s->hd = NULL;
        return TLSI_ERR_CRYPTO;
    }
    if (gcry_cipher_setkey(s->hd, s->key, s->key_len) != 0) {
        /* DES and 3DES refuse weak keys; the key block gave us one. */
        gcry_cipher_close(s->hd);
        s->hd = NULL;
        return TLSI_ERR_BAD_KEY;
    }
    return TLSI_OK;
}

static tlsi_err cbc_create(const tlsi_rp_config *cfg, void **state)
{
    const tlsi_cipher_params *cp = cfg->cp;
    cbc_state *s;
    tlsi_err e = TLSI_OK;

    if (cp->block_len == 0 || cp->block_len > CBC_BLOCK_MAX || cp->key_len > CBC_KEY_MAX)
        return TLSI_ERR_UNSUPPORTED;
    /* Encrypt-then-MAC needs a MAC. RFC 7366 is written for TLS, but a
     * stack that echoes the extension in an SSL 3.0 ServerHello (OpenSSL
     * 1.1.0 does for CBC suites) runs it there too, with the SSL 3.0 MAC
     * over the ciphertext: decrypt what the two ends negotiated. */
    if (cfg->etm && cfg->hp->id == TLSI_HASH_NONE)
        return TLSI_ERR_BAD_VALUE;
    if (cfg->key_len != cp->key_len || !cfg->key)
        return TLSI_ERR_BAD_KEY;
    s = calloc(1, sizeof(*s));
    if (!s)
        return TLSI_ERR_NOMEM;
    s->algo = cp->gcry_algo;
    s->bl = cp->block_len;
    s->explicit_iv = cfg->version >= TLSI_TLS11;
    s->ssl3 = cfg->version == TLSI_SSL3;
    s->etm = cfg->etm;
    s->key_len = cfg->key_len;
    memcpy(s->key, cfg->key, cfg->key_len);
    if (!s->explicit_iv) {
        /* SSL 3.0 / TLS 1.0: the key block's IV starts the chain. TLS 1.1+
         * key blocks carry no CBC IV, so any given one is ignored. */
        if (cfg->iv_len != s->bl || !cfg->iv) {
            cbc_destroy(s);
            return TLSI_ERR_BAD_KEY;
        }
        memcpy(s->iv, cfg->iv, s->bl);
    }
    if (cfg->hp->id != TLSI_HASH_NONE) {
        if (cfg->mac_key_len != cfg->hp->len) {
            cbc_destroy(s);
            return TLSI_ERR_BAD_KEY;
        }
        s->mac = tlsi_mac_new(cfg->hp->id, s->ssl3, cfg->mac_key, cfg->mac_key_len, &e);
        if (!s->mac) {
            cbc_destroy(s);
            return e;
        }
        s->mac_len = tlsi_mac_len(s->mac);
    }
    e = open_handle(s);
    if (e != TLSI_OK) {
        cbc_destroy(s);
        return e;
    }
    *state = s;
    return TLSI_OK;
}

static tlsi_err cbc_clone(const void *state, void **copy)
{
    const cbc_state *s = state;
    cbc_state *c = malloc(sizeof(*c));

    if (!c)
        return TLSI_ERR_NOMEM;
    *c = *s;
    c->hd = NULL;
    c->mac = NULL;
    if (s->mac) {
        c->mac = tlsi_mac_clone(s->mac);
        if (!c->mac) {
            cbc_destroy(c);
            return TLSI_ERR_NOMEM;
        }
    }
    /* The handle holds only the key: every record sets its own IV. */
    if (open_handle(c) != TLSI_OK) {
        cbc_destroy(c);
        return TLSI_ERR_NOMEM;
    }
    *copy = c;
    return TLSI_OK;
}

/*
 * Decrypt whole blocks ct[0..ct_len) into out. iv is the explicit IV (TLS
 * 1.1+) or NULL for the chained one, which then moves on to the last
 * ciphertext block: the sender's next record chains from it.
 */
static tlsi_err cbc_decrypt(cbc_state *s, const uint8_t *iv, const uint8_t *ct, size_t ct_len,
                            uint8_t *out)
{
    gcry_error_t ge;

    if (!iv)
        memcpy(s->prev_iv, s->iv, s->bl);
    ge = gcry_cipher_setiv(s->hd, iv ? iv : s->iv, s->bl);
    if (ge == 0)
        ge = gcry_cipher_decrypt(s->hd, out, ct_len, ct, ct_len);
    if (!iv)
        memcpy(s->iv, ct + ct_len - s->bl, s->bl); /* ct_len >= bl: callers check */
    return ge == 0 ? TLSI_OK : TLSI_ERR_CRYPTO;
}

/*
 * Strip padding || padding_length from the n decrypted bytes at out, leaving
 * room for need bytes before it (the MAC in MAC-then-encrypt). TLS: every
 * padding byte equals padding_length (RFC 5246 6.2.3.2). SSL 3.0: padding
 * bytes are arbitrary but padding_length < block length (RFC 6101 5.2.3.2).
 */
static tlsi_err strip_padding(const cbc_state *s, const uint8_t *out, size_t n, size_t need,
                              size_t *rest)
{
    size_t pad, k;
    uint8_t bad = 0;

    if (n == 0)
        return TLSI_ERR_SHORT;
    pad = out[n - 1];
    /* padding_length + its own byte + what must precede it fit in n. */
    if (pad + 1 > n || n - (pad + 1) < need)
        return TLSI_ERR_BAD_PADDING;
    if (s->ssl3) {
        if (pad >= s->bl)
            return TLSI_ERR_BAD_PADDING;
    } else {
        for (k = n - 1 - pad; k < n - 1; k++)
            bad |= (uint8_t)(out[k] ^ pad);
        if (bad)
            return TLSI_ERR_BAD_PADDING;
    }
    *rest = n - (pad + 1);
    return TLSI_OK;
}

static tlsi_err open_mte(cbc_state *s, const tlsi_rp_record *rec, uint8_t *out, size_t *out_len)
{
    size_t ivl = s->explicit_iv ? s->bl : 0;
    size_t ct_len, body;
    tlsi_err e;

    /* [IV] || ciphertext, the ciphertext whole blocks holding content || MAC
     * || padding || padding_length: at least one block, and at least the MAC
     * and the length byte. */
    if (rec->len < ivl + s->bl || rec->len - ivl < s->mac_len + 1)
        return TLSI_ERR_SHORT;
    ct_len = rec->len - ivl;
    if (ct_len % s->bl != 0)
        return TLSI_ERR_BAD_LENGTH;
    e = cbc_decrypt(s, ivl ? rec->in : NULL, rec->in + ivl, ct_len, out);
    if (e != TLSI_OK)
        return e;
    e = strip_padding(s, out, ct_len, s->mac_len, &body);
    if (e != TLSI_OK)
        return e;
    /* strip_padding left body >= mac_len. */
    *out_len = body - s->mac_len;
    if (!s->mac)
        return TLSI_OK;
    e = tlsi_mac_verify(s->mac, rec->seq, rec->type, rec->version, out, *out_len,
                        out + *out_len);
    if (e != TLSI_OK && e != TLSI_ERR_BAD_MAC)
        *out_len = 0;
    return e;
}

static tlsi_err open_etm(cbc_state *s, const tlsi_rp_record *rec, uint8_t *out, size_t *out_len)
{
    size_t ivl = s->explicit_iv ? s->bl : 0;
    size_t enc_len, ct_len, content;
    tlsi_err mac_err, e;

    /* RFC 7366 section 3: [IV] || ciphertext || MAC, the ciphertext at least
     * one block (padding_length needs a byte). */
    if (rec->len < s->mac_len + ivl + s->bl)
        return TLSI_ERR_SHORT;
    enc_len = rec->len - s->mac_len;
    ct_len = enc_len - ivl;
    if (ct_len % s->bl != 0)
        return TLSI_ERR_BAD_LENGTH;
    /* The MAC covers IV || ciphertext with length = their byte count. */
    mac_err = tlsi_mac_verify(s->mac, rec->seq, rec->type, rec->version, rec->in, enc_len,
                              rec->in + enc_len);
    if (mac_err != TLSI_OK && mac_err != TLSI_ERR_BAD_MAC)
        return mac_err;
    /* Decrypt even after a MAC failure: the chained IV must move on, and the
     * caller may want to see the unauthenticated plaintext. */
    e = cbc_decrypt(s, ivl ? rec->in : NULL, rec->in + ivl, ct_len, out);
    if (e != TLSI_OK)
        return e;
    e = strip_padding(s, out, ct_len, 0, &content);
    if (mac_err != TLSI_OK) {
        *out_len = e == TLSI_OK ? content : 0;
        return mac_err;
    }
    if (e != TLSI_OK)
        return e;
    *out_len = content;
    return TLSI_OK;
}

static tlsi_err cbc_open(void *state, const tlsi_rp_record *rec, uint8_t *out, size_t *out_len)
{
    cbc_state *s = state;

    *out_len = 0;
    return s->etm ? open_etm(s, rec, out, out_len) : open_mte(s, rec, out, out_len);
}

/* An explicit IV ties nothing across records. The chained IV of SSL 3.0 /
 * TLS 1.0 is the last block of the record before: after missing records the
 * first one found cannot be opened (its IV was in the lost data), but the
 * next can, from the IV the failed one left. That needs MAC-then-encrypt,
 * whose MAC covers the first plaintext block and so proves the IV; the
 * encrypt-then-MAC MAC covers only the ciphertext and would pass a record
 * opened with a wrong IV, so that combination does not resynchronise. */
static tlsi_err cbc_reopen(void *state, const tlsi_rp_record *rec, uint8_t *out, size_t *out_len)
{
    cbc_state *s = state;
    uint8_t after[CBC_BLOCK_MAX];
    tlsi_err e;

    if (s->explicit_iv)
        return cbc_open(state, rec, out, out_len);
    if (s->etm) {
        *out_len = 0;
        return TLSI_ERR_UNSUPPORTED;
    }
    memcpy(after, s->iv, s->bl);
    memcpy(s->iv, s->prev_iv, s->bl);
    e = cbc_open(state, rec, out, out_len);
    /* cbc_decrypt set prev_iv to the same IV again. */
    memcpy(s->iv, after, s->bl);
    return e;
}

const tlsi_rp_scheme tlsi_rp_cbc = {
    .name = "CBC",
    .create = cbc_create,
    .destroy = cbc_destroy,
    .clone = cbc_clone,
    .open = cbc_open,
    .reopen = cbc_reopen,
};
