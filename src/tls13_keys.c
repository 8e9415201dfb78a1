/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tls13_keys.c - HKDF (RFC 5869) and the TLS 1.3 key schedule of RFC 8446
 * section 7: Expand-Label, Derive-Secret, traffic keys, KeyUpdate, Finished
 * and the early -> handshake -> master secret chain.
 */
#include <string.h>

#include <gcrypt.h>

#include "hmac.h"
#include "tls13_keys.h"

/* RFC 8446 7.1: label<7..255> is "tls13 " + the label. */
#define LABEL_PREFIX "tls13 "
/* Drafts before 20 prefixed "TLS 1.3, " (draft-ietf-tls-tls13-19 7.1);
 * draft 20 shortened the prefix and the labels. */
#define LABEL_PREFIX_OLD "TLS 1.3, "
#define MAX_CONTEXT 255

static const char *label_prefix(unsigned draft)
{
    return draft && draft < 20 ? LABEL_PREFIX_OLD : LABEL_PREFIX;
}

/* Digest length of a hash tlsi can compute, or 0. */
static size_t hash_len(tlsi_hash h)
{
    const tlsi_hash_params *p = tlsi_hash_params_get(h);

    if (!p || p->gcry_md == 0 || p->len == 0 || p->len > TLSI_MAX_HASH_LEN)
        return 0;
    return p->len;
}

tlsi_err tlsi_hkdf_extract(tlsi_hash h, const uint8_t *salt, size_t salt_len, const uint8_t *ikm,
                           size_t ikm_len, uint8_t *prk)
{
    static const uint8_t zeros[TLSI_MAX_HASH_LEN];
    size_t hl = hash_len(h);

    if (hl == 0)
        return TLSI_ERR_UNSUPPORTED;
    /* RFC 5869 2.2: "if not provided, [salt] is set to a string of HashLen
     * zeros" - which HMAC treats the same as an empty key anyway. */
    if (!salt || salt_len == 0) {
        salt = zeros;
        salt_len = hl;
    }
    return tlsi_hmac3(h, salt, salt_len, ikm, ikm_len, NULL, 0, NULL, 0, prk);
}

tlsi_err tlsi_hkdf_expand(tlsi_hash h, const uint8_t *prk, size_t prk_len, const uint8_t *info,
                          size_t info_len, uint8_t *out, size_t out_len)
{
    uint8_t t[TLSI_MAX_HASH_LEN];
    size_t hl = hash_len(h), done = 0, t_len = 0;
    uint8_t counter = 0;
    tlsi_err err = TLSI_OK;

    if (hl == 0)
        return TLSI_ERR_UNSUPPORTED;
    /* RFC 5869 2.3: L <= 255 * HashLen, so the one-byte counter never wraps. */
    if (out_len > 255 * hl)
        return TLSI_ERR_BAD_LENGTH;
    while (done < out_len) {
        size_t n = out_len - done < hl ? out_len - done : hl;

        /* T(i) = HMAC(PRK, T(i-1) | info | i), T(0) empty */
        counter++;
        err = tlsi_hmac3(h, prk, prk_len, t, t_len, info, info_len, &counter, 1, t);
        if (err != TLSI_OK)
            break;
        t_len = hl;
        memcpy(out + done, t, n);
        done += n;
    }
    memset(t, 0, sizeof(t));
    return err;
}

/* HKDF-Expand(secret, HkdfLabel, out_len) with the given label prefix. */
static tlsi_err expand_label(tlsi_hash h, const char *prefix, const uint8_t *secret,
                             const char *label, const uint8_t *context, size_t context_len,
                             uint8_t *out, size_t out_len)
{
    /* 2 (length) + 1 + 255 (label) + 1 + 255 (context) */
    uint8_t info[2 + 1 + 255 + 1 + MAX_CONTEXT];
    size_t hl = hash_len(h), label_len = label ? strlen(label) : 0, n = 0;
    size_t prefix_len = strlen(prefix);

    if (hl == 0)
        return TLSI_ERR_UNSUPPORTED;
    /* Check each field fits its length prefix before building the struct. */
    if (label_len > 255 - prefix_len || context_len > MAX_CONTEXT || out_len > 0xffff)
        return TLSI_ERR_BAD_LENGTH;
    info[n++] = (uint8_t)(out_len >> 8);
    info[n++] = (uint8_t)out_len;
    info[n++] = (uint8_t)(prefix_len + label_len);
    memcpy(info + n, prefix, prefix_len);
    n += prefix_len;
    memcpy(info + n, label, label_len);
    n += label_len;
    info[n++] = (uint8_t)context_len;
    if (context_len)
        memcpy(info + n, context, context_len);
    n += context_len;
    return tlsi_hkdf_expand(h, secret, hl, info, n, out, out_len);
}

tlsi_err tlsi_hkdf_expand_label(tlsi_hash h, const uint8_t *secret, const char *label,
                                const uint8_t *context, size_t context_len, uint8_t *out,
                                size_t out_len)
{
    return expand_label(h, LABEL_PREFIX, secret, label, context, context_len, out, out_len);
}

tlsi_err tlsi_hkdf_expand_label_draft(unsigned draft, tlsi_hash h, const uint8_t *secret,
                                      const char *label, const uint8_t *context,
                                      size_t context_len, uint8_t *out, size_t out_len)
{
    return expand_label(h, label_prefix(draft), secret, label, context, context_len, out,
                        out_len);
}

tlsi_err tlsi_tls13_derive_secret(tlsi_hash h, const uint8_t *secret, const char *label,
                                  const uint8_t *transcript_hash, uint8_t *out)
{
    uint8_t empty_hash[TLSI_MAX_HASH_LEN];
    size_t hl = hash_len(h);

    if (hl == 0)
        return TLSI_ERR_UNSUPPORTED;
    if (!transcript_hash) {
        /* Transcript-Hash of no messages is Hash("") (RFC 8446 7.1). */
        gcry_md_hash_buffer(tlsi_hash_params_get(h)->gcry_md, empty_hash, "", 0);
        transcript_hash = empty_hash;
    }
    return tlsi_hkdf_expand_label(h, secret, label, transcript_hash, hl, out, hl);
}

static tlsi_err traffic_keys(unsigned draft, tlsi_hash h, tlsi_cipher c, const uint8_t *secret,
                             uint8_t *key, uint8_t iv[TLSI_TLS13_IV_LEN])
{
    const tlsi_cipher_params *cp = tlsi_cipher_params_get(c);
    const char *prefix = label_prefix(draft);
    tlsi_err err;

    if (!cp || cp->key_len == 0)
        return TLSI_ERR_UNSUPPORTED;
    /* "key" and "iv" (RFC 8446 7.3), also in the drafts (with their prefix). */
    err = expand_label(h, prefix, secret, "key", NULL, 0, key, cp->key_len);
    if (err == TLSI_OK)
        err = expand_label(h, prefix, secret, "iv", NULL, 0, iv, TLSI_TLS13_IV_LEN);
    return err;
}

tlsi_err tlsi_tls13_traffic_keys(tlsi_hash h, tlsi_cipher c, const uint8_t *secret, uint8_t *key,
                                 uint8_t iv[TLSI_TLS13_IV_LEN])
{
    return traffic_keys(0, h, c, secret, key, iv);
}

tlsi_err tlsi_tls13_conn_keys(tlsi_hash h, tlsi_cipher c, const uint8_t *secret,
                              tlsi_conn_keys *keys)
{
    return tlsi_tls13_conn_keys_draft(0, h, c, secret, keys);
}

tlsi_err tlsi_tls13_conn_keys_draft(unsigned draft, tlsi_hash h, tlsi_cipher c,
                                    const uint8_t *secret, tlsi_conn_keys *keys)
{
    const tlsi_cipher_params *cp = tlsi_cipher_params_get(c);
    tlsi_err err;

    memset(keys, 0, sizeof(*keys));
    /* The key must fit tlsi_conn_keys.key; every TLS 1.3 AEAD key does. */
    if (!cp || cp->key_len > sizeof(keys->key))
        return TLSI_ERR_UNSUPPORTED;
    err = traffic_keys(draft, h, c, secret, keys->key, keys->iv);
    if (err != TLSI_OK) {
        memset(keys, 0, sizeof(*keys));
        return err;
    }
    keys->key_len = cp->key_len;
    keys->iv_len = TLSI_TLS13_IV_LEN;
    return TLSI_OK;
}

tlsi_err tlsi_tls13_next_secret(tlsi_hash h, const uint8_t *secret, uint8_t *out)
{
    return tlsi_tls13_next_secret_draft(0, h, secret, out);
}

tlsi_err tlsi_tls13_next_secret_draft(unsigned draft, tlsi_hash h, const uint8_t *secret,
                                      uint8_t *out)
{
    /* draft 20 renamed the KeyUpdate label "application traffic secret"
     * (draft-ietf-tls-tls13-19 7.2) to "traffic upd". */
    const char *label = draft && draft < 20 ? "application traffic secret" : "traffic upd";
    uint8_t next[TLSI_MAX_HASH_LEN];
    size_t hl = hash_len(h);
    tlsi_err err;

    if (hl == 0)
        return TLSI_ERR_UNSUPPORTED;
    /* Through a local buffer, so out may alias secret. */
    err = expand_label(h, label_prefix(draft), secret, label, NULL, 0, next, hl);
    if (err == TLSI_OK)
        memcpy(out, next, hl);
    memset(next, 0, sizeof(next));
    return err;
}

tlsi_err tlsi_tls13_finished_key(tlsi_hash h, const uint8_t *base_secret, uint8_t *out)
{
    size_t hl = hash_len(h);

    if (hl == 0)
        return TLSI_ERR_UNSUPPORTED;
    return tlsi_hkdf_expand_label(h, base_secret, "finished", NULL, 0, out, hl);
}

tlsi_err tlsi_tls13_finished_verify(tlsi_hash h, const uint8_t *base_secret,
                                    const uint8_t *transcript_hash, uint8_t *out)
{
    return tlsi_tls13_finished_verify_draft(0, h, base_secret, transcript_hash, out);
}

tlsi_err tlsi_tls13_finished_verify_draft(unsigned draft, tlsi_hash h, const uint8_t *base_secret,
                                          const uint8_t *transcript_hash, uint8_t *out)
{
    uint8_t fk[TLSI_MAX_HASH_LEN];
    size_t hl = hash_len(h);
    tlsi_err err;

    if (hl == 0)
        return TLSI_ERR_UNSUPPORTED;
    /* The label is "finished" in every draft; only the prefix changed. */
    err = expand_label(h, label_prefix(draft), base_secret, "finished", NULL, 0, fk, hl);
    if (err == TLSI_OK)
        err = tlsi_hmac3(h, fk, hl, transcript_hash, hl, NULL, 0, NULL, 0, out);
    memset(fk, 0, sizeof(fk));
    return err;
}

tlsi_err tlsi_tls13_early_secret(tlsi_hash h, const uint8_t *psk, size_t psk_len, uint8_t *out)
{
    static const uint8_t zeros[TLSI_MAX_HASH_LEN];
    size_t hl = hash_len(h);

    if (hl == 0)
        return TLSI_ERR_UNSUPPORTED;
    /* RFC 8446 7.1: without a PSK the IKM is Hash.length zeros. */
    if (!psk) {
        psk = zeros;
        psk_len = hl;
    }
    return tlsi_hkdf_extract(h, NULL, 0, psk, psk_len, out);
}

/* HKDF-Extract(Derive-Secret(prev, "derived", ""), ikm) */
static tlsi_err extract_after(tlsi_hash h, const uint8_t *prev, const uint8_t *ikm, size_t ikm_len,
                              uint8_t *out)
{
    uint8_t salt[TLSI_MAX_HASH_LEN];
    size_t hl = hash_len(h);
    tlsi_err err;

    if (hl == 0)
        return TLSI_ERR_UNSUPPORTED;
    err = tlsi_tls13_derive_secret(h, prev, "derived", NULL, salt);
    if (err == TLSI_OK)
        err = tlsi_hkdf_extract(h, salt, hl, ikm, ikm_len, out);
    memset(salt, 0, sizeof(salt));
    return err;
}

tlsi_err tlsi_tls13_handshake_secret(tlsi_hash h, const uint8_t *early_secret,
                                     const uint8_t *shared, size_t shared_len, uint8_t *out)
{
    return extract_after(h, early_secret, shared, shared_len, out);
}

tlsi_err tlsi_tls13_master_secret(tlsi_hash h, const uint8_t *handshake_secret, uint8_t *out)
{
    static const uint8_t zeros[TLSI_MAX_HASH_LEN];
    size_t hl = hash_len(h);

    if (hl == 0)
        return TLSI_ERR_UNSUPPORTED;
    return extract_after(h, handshake_secret, zeros, hl, out);
}
