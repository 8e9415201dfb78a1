/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rp_stream.c - the stream scheme: GenericStreamCipher (RFC 5246 section
 * 6.2.3.1, RFC 6101 section 5.2.3.1), content || MAC under RC4 or under the
 * NULL cipher. The RC4 state runs on from record to record, which is why a
 * passive decryptor has to see each record of a direction exactly once and
 * in order.
 */
#include <stdlib.h>
#include <string.h>

#include "mac.h"
#include "rc4.h"
#include "rp.h"

#include <gcrypt.h>

typedef struct {
    int has_rc4;    /* 0: the NULL cipher, the fragment is the plaintext */
    tlsi_rc4 rc4;
    tlsi_mac *mac;  /* NULL for TLS_NULL_WITH_NULL_NULL */
    size_t mac_len;
} stream_state;

static void stream_destroy(void *state)
{
    stream_state *s = state;

    if (!s)
        return;
    tlsi_mac_free(s->mac);
    memset(&s->rc4, 0, sizeof(s->rc4));
    free(s);
}

static tlsi_err stream_create(const tlsi_rp_config *cfg, void **state)
{
    stream_state *s;
    tlsi_err e = TLSI_OK;

    /* tlsi's own RC4 stands in for libgcrypt's ARCFOUR (see rc4.h); any other
     * stream cipher (GOST, export RC4) is named but not decrypted. */
    if (cfg->cp->mode == TLSI_MODE_STREAM && cfg->cp->gcry_algo != GCRY_CIPHER_ARCFOUR)
        return TLSI_ERR_UNSUPPORTED;
    if (cfg->key_len != cfg->cp->key_len || (cfg->key_len && !cfg->key))
        return TLSI_ERR_BAD_KEY;
    s = calloc(1, sizeof(*s));
    if (!s)
        return TLSI_ERR_NOMEM;
    if (cfg->cp->mode == TLSI_MODE_STREAM) {
        s->has_rc4 = 1;
        tlsi_rc4_init(&s->rc4, cfg->key, cfg->key_len);
    }
    if (cfg->hp->id != TLSI_HASH_NONE) {
        if (cfg->mac_key_len != cfg->hp->len) {
            stream_destroy(s);
            return TLSI_ERR_BAD_KEY;
        }
        s->mac = tlsi_mac_new(cfg->hp->id, cfg->version == TLSI_SSL3, cfg->mac_key,
                              cfg->mac_key_len, &e);
        if (!s->mac) {
            stream_destroy(s);
            return e;
        }
        s->mac_len = tlsi_mac_len(s->mac);
    }
    *state = s;
    return TLSI_OK;
}

static tlsi_err stream_clone(const void *state, void **copy)
{
    const stream_state *s = state;
    stream_state *c = malloc(sizeof(*c));

    if (!c)
        return TLSI_ERR_NOMEM;
    *c = *s;
    if (s->mac) {
        c->mac = tlsi_mac_clone(s->mac);
        if (!c->mac) {
            free(c);
            return TLSI_ERR_NOMEM;
        }
    }
    *copy = c;
    return TLSI_OK;
}

static tlsi_err stream_open(void *state, const tlsi_rp_record *rec, uint8_t *out, size_t *out_len)
{
    stream_state *s = state;
    size_t content_len;
    tlsi_err e;

    *out_len = 0;
    /* The sender ran its keystream over every byte it sent, so decrypt first,
     * before any length verdict, to stay in step for the next record. */
    if (s->has_rc4)
        tlsi_rc4_crypt(&s->rc4, rec->in, out, rec->len);
    else if (rec->len)
        memcpy(out, rec->in, rec->len);
    /* GenericStreamCipher: content || MAC, the MAC exactly mac_len bytes. */
    if (rec->len < s->mac_len)
        return TLSI_ERR_SHORT;
    content_len = rec->len - s->mac_len;
    *out_len = content_len;
    if (!s->mac)
        return TLSI_OK;
    e = tlsi_mac_verify(s->mac, rec->seq, rec->type, rec->version, out, content_len,
                        out + content_len);
    if (e != TLSI_OK && e != TLSI_ERR_BAD_MAC)
        *out_len = 0;
    return e;
}

/* The NULL cipher keeps no state; RC4's keystream position after missing
 * records is unknown, so nothing after them can be decrypted. */
static tlsi_err stream_reopen(void *state, const tlsi_rp_record *rec, uint8_t *out,
                              size_t *out_len)
{
    stream_state *s = state;

    *out_len = 0;
    if (s->has_rc4)
        return TLSI_ERR_UNSUPPORTED;
    return stream_open(state, rec, out, out_len);
}

const tlsi_rp_scheme tlsi_rp_stream = {
    .name = "stream",
    .create = stream_create,
    .destroy = stream_destroy,
    .clone = stream_clone,
    .open = stream_open,
    .reopen = stream_reopen,
};
