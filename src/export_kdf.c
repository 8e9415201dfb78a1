/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * export_kdf.c - owns the export key expansion of SSL 3.0 and TLS 1.0
 * (see export_kdf.h for the formulas and their sections).
 */
#include "export_kdf.h"

#include <string.h>

#include <gcrypt.h>

#define MD5_LEN 16

/* MD5(a + b + c) truncated to out_len (at most 16) bytes. */
static tlsi_err md5_3(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len,
                      const uint8_t *c, size_t c_len, uint8_t *out, size_t out_len)
{
    gcry_md_hd_t md;
    uint8_t d[MD5_LEN];

    if (out_len > MD5_LEN)
        return TLSI_ERR_BAD_LENGTH;
    if (gcry_md_open(&md, GCRY_MD_MD5, 0) != 0)
        return TLSI_ERR_CRYPTO;
    gcry_md_write(md, a, a_len);
    gcry_md_write(md, b, b_len);
    if (c_len)
        gcry_md_write(md, c, c_len);
    memcpy(d, gcry_md_read(md, GCRY_MD_MD5), MD5_LEN);
    gcry_md_close(md);
    memcpy(out, d, out_len);
    memset(d, 0, sizeof d);
    return TLSI_OK;
}

/* RFC 6101 6.2.2: the final keys hash the material with both randoms, each
 * side putting its own random first; the IVs hash the randoms alone. */
static tlsi_err ssl3_export(const tlsi_cipher_params *cp, const uint8_t *cr, const uint8_t *sr,
                            tlsi_conn_keys *client, tlsi_conn_keys *server)
{
    uint8_t ck[MD5_LEN], sk[MD5_LEN];
    size_t ivl = cp->mode == TLSI_MODE_CBC ? cp->block_len : 0;
    tlsi_err e;

    e = md5_3(client->key, client->key_len, cr, TLSI_RANDOM_LEN, sr, TLSI_RANDOM_LEN, ck,
              cp->key_len);
    if (e == TLSI_OK)
        e = md5_3(server->key, server->key_len, sr, TLSI_RANDOM_LEN, cr, TLSI_RANDOM_LEN, sk,
                  cp->key_len);
    if (e == TLSI_OK && ivl) {
        e = md5_3(cr, TLSI_RANDOM_LEN, sr, TLSI_RANDOM_LEN, NULL, 0, client->iv, ivl);
        if (e == TLSI_OK)
            e = md5_3(sr, TLSI_RANDOM_LEN, cr, TLSI_RANDOM_LEN, NULL, 0, server->iv, ivl);
    }
    if (e == TLSI_OK) {
        memcpy(client->key, ck, cp->key_len);
        memcpy(server->key, sk, cp->key_len);
    }
    memset(ck, 0, sizeof ck);
    memset(sk, 0, sizeof sk);
    return e;
}

/* RFC 2246 6.3: both final keys and the IV block take client_random +
 * server_random as the seed; only the labels differ. */
static tlsi_err tls_export(uint16_t version, tlsi_hash prf_hash, const tlsi_cipher_params *cp,
                           const uint8_t *cr, const uint8_t *sr, tlsi_conn_keys *client,
                           tlsi_conn_keys *server)
{
    uint8_t seed[2 * TLSI_RANDOM_LEN];
    uint8_t ck[sizeof client->key], sk[sizeof server->key], ivb[2 * sizeof client->iv];
    size_t ivl = cp->mode == TLSI_MODE_CBC ? cp->block_len : 0;
    static const uint8_t empty[1];
    tlsi_err e;

    memcpy(seed, cr, TLSI_RANDOM_LEN);
    memcpy(seed + TLSI_RANDOM_LEN, sr, TLSI_RANDOM_LEN);
    e = tlsi_prf(version, prf_hash, client->key, client->key_len, "client write key", seed,
                 sizeof seed, ck, cp->key_len);
    if (e == TLSI_OK)
        e = tlsi_prf(version, prf_hash, server->key, server->key_len, "server write key", seed,
                     sizeof seed, sk, cp->key_len);
    if (e == TLSI_OK && ivl)
        e = tlsi_prf(version, prf_hash, empty, 0, "IV block", seed, sizeof seed, ivb, 2 * ivl);
    if (e == TLSI_OK) {
        memcpy(client->key, ck, cp->key_len);
        memcpy(server->key, sk, cp->key_len);
        memcpy(client->iv, ivb, ivl);
        memcpy(server->iv, ivb + ivl, ivl);
    }
    memset(ck, 0, sizeof ck);
    memset(sk, 0, sizeof sk);
    return e;
}

tlsi_err tlsi_export_keys(uint16_t version, tlsi_hash prf_hash, tlsi_cipher c,
                          const uint8_t client_random[TLSI_RANDOM_LEN],
                          const uint8_t server_random[TLSI_RANDOM_LEN], tlsi_conn_keys *client,
                          tlsi_conn_keys *server)
{
    const tlsi_cipher_params *cp = tlsi_cipher_params_get(c);
    size_t ivl;
    tlsi_err e;

    if (!cp || cp->export_len == 0 || cp->key_len > sizeof client->key ||
        cp->block_len > sizeof client->iv)
        return TLSI_ERR_UNSUPPORTED;
    if (client->key_len != cp->export_len || server->key_len != cp->export_len)
        return TLSI_ERR_BAD_KEY;
    ivl = cp->mode == TLSI_MODE_CBC ? cp->block_len : 0;
    if (version == TLSI_SSL3)
        e = ssl3_export(cp, client_random, server_random, client, server);
    else
        e = tls_export(version, prf_hash, cp, client_random, server_random, client, server);
    if (e != TLSI_OK)
        return e;
    client->key_len = server->key_len = cp->key_len;
    client->iv_len = server->iv_len = ivl;
    return TLSI_OK;
}
