/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prf.c - SSL 3.0 and TLS 1.0-1.2 key derivation: the PRFs (RFC 6101 6.2.2,
 * RFC 2246 5, RFC 5246 5), master secret (with RFC 7627 EMS), key block and
 * its slicing (RFC 5246 6.3), and the TLS Finished verify_data (RFC 5246
 * 7.4.9). The SSL 3.0 Finished lives in transcript.c: it needs the messages.
 */
#include <string.h>

#include <gcrypt.h>

#include "hmac.h"
#include "prf.h"

#define SSL3_MAX_BLOCKS 26 /* "A" .. "ZZ...Z": 26 letters, 16 bytes each */

/* The TLS version whose key derivation a wire version uses, or 0. */
static uint16_t kdf_version(uint16_t version)
{
    switch (version) {
    case TLSI_SSL3:
    case TLSI_TLS10:
    case TLSI_TLS11:
    case TLSI_TLS12:
        return version;
    case 0xFEFF: /* DTLS 1.0 is TLS 1.1 on datagrams (RFC 4347 1) */
    case 0x0100: /* OpenSSL's pre-RFC DTLS */
        return TLSI_TLS11;
    case 0xFEFD: /* DTLS 1.2 (RFC 6347 1) */
        return TLSI_TLS12;
    default:
        return 0;
    }
}

/*
 * P_hash(secret, label + seed) (RFC 5246 5), XORed into out when do_xor:
 *   A(0) = label + seed, A(i) = HMAC(secret, A(i-1)),
 *   output = HMAC(secret, A(1) + label + seed) + HMAC(secret, A(2) + ...) + ...
 */
static tlsi_err p_hash(tlsi_hash h, const uint8_t *secret, size_t secret_len, const char *label,
                       const uint8_t *seed, size_t seed_len, uint8_t *out, size_t out_len,
                       int do_xor)
{
    const tlsi_hash_params *hp = tlsi_hash_params_get(h);
    size_t label_len = label ? strlen(label) : 0;
    uint8_t a[TLSI_MAX_HASH_LEN], block[TLSI_MAX_HASH_LEN];
    size_t done = 0, i;
    tlsi_err err;

    if (!hp || hp->len == 0 || hp->len > TLSI_MAX_HASH_LEN)
        return TLSI_ERR_UNSUPPORTED;
    /* A(1) = HMAC(secret, label + seed) */
    err = tlsi_hmac3(h, secret, secret_len, (const uint8_t *)label, label_len, seed, seed_len, NULL,
                     0, a);
    while (err == TLSI_OK && done < out_len) {
        size_t n = out_len - done < hp->len ? out_len - done : hp->len;

        err = tlsi_hmac3(h, secret, secret_len, a, hp->len, (const uint8_t *)label, label_len, seed,
                         seed_len, block);
        if (err != TLSI_OK)
            break;
        for (i = 0; i < n; i++)
            out[done + i] = do_xor ? (uint8_t)(out[done + i] ^ block[i]) : block[i];
        done += n;
        if (done < out_len)
            err = tlsi_hmac3(h, secret, secret_len, a, hp->len, NULL, 0, NULL, 0, a);
    }
    memset(a, 0, sizeof(a));
    memset(block, 0, sizeof(block));
    return err;
}

/*
 * RFC 6101 6.1 / 6.2.2: block i (from 1) is
 *   MD5(secret + SHA1(L_i + secret + seed)), L_i = the letter 'A'+i-1 repeated i times.
 */
static tlsi_err ssl3_prf(const uint8_t *secret, size_t secret_len, const uint8_t *seed,
                         size_t seed_len, uint8_t *out, size_t out_len)
{
    uint8_t letters[SSL3_MAX_BLOCKS], sha[20], md5[16];
    gcry_md_hd_t md;
    size_t done = 0, i;

    /* Check before the loop: 26 blocks of 16 bytes is all the letters give. */
    if (out_len > SSL3_MAX_BLOCKS * sizeof(md5))
        return TLSI_ERR_BAD_LENGTH;
    if (gcry_md_open(&md, GCRY_MD_SHA1, 0) != 0)
        return TLSI_ERR_CRYPTO;
    if (gcry_md_enable(md, GCRY_MD_MD5) != 0) {
        gcry_md_close(md);
        return TLSI_ERR_CRYPTO;
    }
    for (i = 1; done < out_len; i++) {
        size_t n = out_len - done < sizeof(md5) ? out_len - done : sizeof(md5);

        memset(letters, 'A' + (int)(i - 1), i);
        /* One handle with SHA-1 and MD5 enabled; only SHA-1 is read here. */
        gcry_md_reset(md);
        gcry_md_write(md, letters, i);
        gcry_md_write(md, secret, secret_len);
        gcry_md_write(md, seed, seed_len);
        memcpy(sha, gcry_md_read(md, GCRY_MD_SHA1), sizeof(sha));
        gcry_md_reset(md);
        gcry_md_write(md, secret, secret_len);
        gcry_md_write(md, sha, sizeof(sha));
        memcpy(md5, gcry_md_read(md, GCRY_MD_MD5), sizeof(md5));
        memcpy(out + done, md5, n);
        done += n;
    }
    gcry_md_close(md);
    memset(sha, 0, sizeof(sha));
    memset(md5, 0, sizeof(md5));
    return TLSI_OK;
}

tlsi_err tlsi_prf(uint16_t version, tlsi_hash prf_hash, const uint8_t *secret, size_t secret_len,
                  const char *label, const uint8_t *seed, size_t seed_len, uint8_t *out,
                  size_t out_len)
{
    size_t half;
    tlsi_err err;

    switch (kdf_version(version)) {
    case TLSI_SSL3:
        return ssl3_prf(secret, secret_len, seed, seed_len, out, out_len);
    case TLSI_TLS10:
    case TLSI_TLS11:
        /* RFC 2246 5: S1 and S2 are the two halves of the secret, sharing
         * the middle byte when its length is odd. */
        half = secret_len / 2 + (secret_len & 1);
        err = p_hash(TLSI_HASH_MD5, secret, half, label, seed, seed_len, out, out_len, 0);
        if (err == TLSI_OK)
            err = p_hash(TLSI_HASH_SHA1, secret + (secret_len - half), half, label, seed, seed_len,
                         out, out_len, 1);
        return err;
    case TLSI_TLS12:
        /* RFC 5246 5: suites name their PRF hash; SHA-256 is the floor. */
        if (prf_hash != TLSI_HASH_SHA256 && prf_hash != TLSI_HASH_SHA384 &&
            prf_hash != TLSI_HASH_SHA512 && prf_hash != TLSI_HASH_SM3)
            return TLSI_ERR_UNSUPPORTED;
        return p_hash(prf_hash, secret, secret_len, label, seed, seed_len, out, out_len, 0);
    default:
        return TLSI_ERR_UNSUPPORTED;
    }
}

tlsi_err tlsi_master_secret(uint16_t version, tlsi_hash prf_hash, const uint8_t *premaster,
                            size_t pm_len, const uint8_t client_random[TLSI_RANDOM_LEN],
                            const uint8_t server_random[TLSI_RANDOM_LEN],
                            const uint8_t *session_hash, size_t sh_len,
                            uint8_t master[TLSI_MASTER_LEN])
{
    uint8_t seed[2 * TLSI_RANDOM_LEN];

    if (session_hash) {
        /* RFC 7627 4: the session hash replaces the randoms. It is defined
         * for TLS 1.0-1.2 only. */
        if (kdf_version(version) == TLSI_SSL3 || sh_len == 0)
            return TLSI_ERR_UNSUPPORTED;
        return tlsi_prf(version, prf_hash, premaster, pm_len, "extended master secret",
                        session_hash, sh_len, master, TLSI_MASTER_LEN);
    }
    memcpy(seed, client_random, TLSI_RANDOM_LEN);
    memcpy(seed + TLSI_RANDOM_LEN, server_random, TLSI_RANDOM_LEN);
    return tlsi_prf(version, prf_hash, premaster, pm_len, "master secret", seed, sizeof(seed),
                    master, TLSI_MASTER_LEN);
}

tlsi_err tlsi_key_block(uint16_t version, tlsi_hash prf_hash, const uint8_t master[TLSI_MASTER_LEN],
                        const uint8_t client_random[TLSI_RANDOM_LEN],
                        const uint8_t server_random[TLSI_RANDOM_LEN], uint8_t *out, size_t len)
{
    uint8_t seed[2 * TLSI_RANDOM_LEN];

    /* Server random first here, unlike the master secret (RFC 5246 6.3). */
    memcpy(seed, server_random, TLSI_RANDOM_LEN);
    memcpy(seed + TLSI_RANDOM_LEN, client_random, TLSI_RANDOM_LEN);
    return tlsi_prf(version, prf_hash, master, TLSI_MASTER_LEN, "key expansion", seed, sizeof(seed),
                    out, len);
}

/* Per-direction sizes of the key block parts. kb_sizes_get() returns 0 when
 * tlsi cannot derive keys for this suite at this version. */
struct kb_sizes {
    size_t mac, key, iv;
};

/* Bytes of IV the key block holds per direction. */
static size_t kb_iv_len(const tlsi_cipher_params *cp, uint16_t v)
{
    /* RFC 2246 6.3 / RFC 6101 6.2.2: export ciphers derive their IVs from
     * the randoms (export_kdf.h), not from the key block. */
    if (cp->export_len)
        return 0;
    switch (cp->mode) {
    case TLSI_MODE_CBC:
        /* SSL 3.0 and TLS 1.0 take the first CBC IV from the key block;
         * TLS 1.1 (RFC 4346 6.3) and later send it in each record. */
        return v <= TLSI_TLS10 ? cp->block_len : 0;
    case TLSI_MODE_GCM:
    case TLSI_MODE_CCM:
    case TLSI_MODE_POLY1305:
        /* The implicit nonce part (RFC 5246 6.3 fixed_iv_length). */
        return cp->fixed_iv_len;
    default:
        return 0;
    }
}

static int kb_sizes_get(const tlsi_suite *s, uint16_t version, struct kb_sizes *z)
{
    const tlsi_cipher_params *cp;
    const tlsi_hash_params *hp;
    uint16_t v = kdf_version(version);

    if (!s || v == 0 || s->kex == TLSI_KEX_TLS13 || (s->flags & TLSI_SUITE_SCSV))
        return 0;
    cp = tlsi_cipher_params_get(s->cipher);
    hp = tlsi_hash_params_get(s->mac);
    if (!cp || !hp || (s->mac != TLSI_HASH_NONE && hp->gcry_md == 0))
        return 0;
    if (cp->mode != TLSI_MODE_NONE && cp->gcry_algo == 0)
        return 0;
    z->mac = hp->len;
    /* Export ciphers take only their key material from the key block. */
    z->key = cp->export_len ? cp->export_len : cp->key_len;
    z->iv = kb_iv_len(cp, v);
    return z->mac <= sizeof(((tlsi_conn_keys *)0)->mac_key) &&
           z->key <= sizeof(((tlsi_conn_keys *)0)->key) &&
           z->iv <= sizeof(((tlsi_conn_keys *)0)->iv);
}

size_t tlsi_key_block_len(const tlsi_suite *s, uint16_t version)
{
    struct kb_sizes z;

    if (!kb_sizes_get(s, version, &z))
        return 0;
    return 2 * (z.mac + z.key + z.iv);
}

tlsi_err tlsi_key_block_split(const tlsi_suite *s, uint16_t version, const uint8_t *kb,
                              size_t kb_len, tlsi_conn_keys *client, tlsi_conn_keys *server)
{
    struct kb_sizes z;
    const uint8_t *p = kb;

    memset(client, 0, sizeof(*client));
    memset(server, 0, sizeof(*server));
    if (!kb_sizes_get(s, version, &z))
        return TLSI_ERR_UNSUPPORTED;
    /* Sizes are each under 64, so the sum cannot overflow. */
    if (kb_len < 2 * (z.mac + z.key + z.iv))
        return TLSI_ERR_SHORT;
    /* RFC 5246 6.3 order: client MAC, server MAC, client key, server key,
     * client IV, server IV. */
    memcpy(client->mac_key, p, z.mac);
    p += z.mac;
    memcpy(server->mac_key, p, z.mac);
    p += z.mac;
    memcpy(client->key, p, z.key);
    p += z.key;
    memcpy(server->key, p, z.key);
    p += z.key;
    memcpy(client->iv, p, z.iv);
    p += z.iv;
    memcpy(server->iv, p, z.iv);
    client->mac_key_len = server->mac_key_len = z.mac;
    client->key_len = server->key_len = z.key;
    client->iv_len = server->iv_len = z.iv;
    return TLSI_OK;
}

tlsi_err tlsi_finished_verify_data(uint16_t version, tlsi_hash prf_hash,
                                   const uint8_t master[TLSI_MASTER_LEN], int from_server,
                                   const uint8_t *handshake_hash, size_t hh_len, uint8_t *out,
                                   size_t *out_len)
{
    const char *label = from_server ? "server finished" : "client finished";
    const tlsi_hash_params *hp;
    uint16_t v = kdf_version(version);

    *out_len = 0;
    switch (v) {
    case TLSI_TLS10:
    case TLSI_TLS11:
        /* RFC 2246 7.4.9: MD5(handshake_messages) + SHA-1(handshake_messages) */
        if (hh_len != 16 + 20)
            return TLSI_ERR_BAD_LENGTH;
        break;
    case TLSI_TLS12:
        hp = tlsi_hash_params_get(prf_hash);
        if (!hp || hh_len != hp->len)
            return TLSI_ERR_BAD_LENGTH;
        break;
    default:
        return TLSI_ERR_UNSUPPORTED; /* SSL 3.0: tlsi_ssl3_finished() */
    }
    /* verify_data_length is 12 for every TLS 1.0-1.2 suite tlsi knows
     * (RFC 5246 7.4.9). */
    if (tlsi_prf(version, prf_hash, master, TLSI_MASTER_LEN, label, handshake_hash, hh_len, out,
                 12) != TLSI_OK)
        return TLSI_ERR_CRYPTO;
    *out_len = 12;
    return TLSI_OK;
}
