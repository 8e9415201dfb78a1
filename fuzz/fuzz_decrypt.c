/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for record decryption (decrypt.h) with fixed keys.
 *
 * Input:
 *   byte 0   the configuration: a row of fdec_configs (version, cipher, MAC,
 *            encrypt-then-MAC, compression), modulo the table size;
 *   byte 1   flags: 1 key/IV/MAC key one byte too long (creation must
 *            refuse), 2 replace the decryptor by a clone after every record,
 *            4 an output buffer one byte short (open must refuse), 8 start at
 *            sequence number 2^64 - 3;
 *   then records: content type (1), record flags (1), length (2), bytes.
 *   Record flags: 1 "seal": the bytes are plaintext, which the harness
 *   protects itself with the same keys (MAC, padding, IV, nonce, DEFLATE
 *   and TLS 1.3 inner type: the first byte) so the fuzzer reaches the code
 *   behind the MAC/tag check; 2 flip one bit of the sealed record; 4 no
 *   DEFLATE (the bytes already claim to be compressed); bits 3-7 extra
 *   padding (CBC blocks, TLS 1.3 zero bytes).
 *
 * Every record is opened from an exactly sized heap copy into an exactly
 * sized output buffer. Besides memory errors, the harness checks that no
 * garbage plaintext comes out: a sealed record that opens must give back
 * exactly what was sealed (with its inner type), even when a bit of it was
 * flipped; no plaintext over 2^14 is ever returned; failures leave no output
 * except the documented unverified plaintext of a MAC failure.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <gcrypt.h>
#include <zlib.h>

#include "algorithms.h"
#include "crypto_init.h"
#include "decrypt.h"
#include "fuzz_util.h"
#include "mac.h"
#include "rc4.h"
#include "record.h"

typedef struct {
    uint16_t version;
    tlsi_cipher cipher;
    tlsi_hash mac;
    uint8_t etm;
    uint8_t comp;
} fdec_config;

static const fdec_config fdec_configs[] = {
    {TLSI_TLS12, TLSI_CIPHER_NULL, TLSI_HASH_SHA1, 0, 0},
    {TLSI_SSL3, TLSI_CIPHER_RC4_128, TLSI_HASH_MD5, 0, 0},
    {TLSI_TLS10, TLSI_CIPHER_RC4_128, TLSI_HASH_SHA1, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_RC4_128, TLSI_HASH_SHA1, 0, 1},
    {TLSI_SSL3, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, 0, 0},
    {TLSI_TLS10, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, 0, 0},
    {TLSI_TLS11, TLSI_CIPHER_AES_256_CBC, TLSI_HASH_SHA1, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA256, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_AES_256_CBC, TLSI_HASH_SHA384, 1, 0},
    {TLSI_TLS11, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, 1, 0},
    {TLSI_TLS12, TLSI_CIPHER_3DES_EDE_CBC, TLSI_HASH_SHA1, 0, 0},
    {TLSI_TLS10, TLSI_CIPHER_3DES_EDE_CBC, TLSI_HASH_SHA1, 1, 0},
    {TLSI_TLS12, TLSI_CIPHER_CAMELLIA_128_CBC, TLSI_HASH_SHA256, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, 0, 1},
    {TLSI_TLS12, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_AES_256_GCM, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_AES_128_CCM, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_AES_128_CCM_8, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_CHACHA20_POLY1305, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE, 0, 1},
    {TLSI_TLS13, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS13, TLSI_CIPHER_AES_256_GCM, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS13, TLSI_CIPHER_CHACHA20_POLY1305, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS13, TLSI_CIPHER_AES_128_CCM, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS13, TLSI_CIPHER_AES_128_CCM_8, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_NULL, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS10, TLSI_CIPHER_NULL, TLSI_HASH_MD5, 0, 1},
    {TLSI_SSL3, TLSI_CIPHER_3DES_EDE_CBC, TLSI_HASH_MD5, 0, 1},
    {TLSI_TLS12, TLSI_CIPHER_CAMELLIA_256_GCM, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_SEED_CBC, TLSI_HASH_SHA1, 1, 0},
    {TLSI_TLS12, TLSI_CIPHER_ARIA_128_GCM, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS13, TLSI_CIPHER_SM4_GCM, TLSI_HASH_NONE, 0, 0},
    /* Combinations creation must refuse. */
    {TLSI_TLS10, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE, 0, 0},
    {TLSI_TLS13, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA256, 0, 0},
    {TLSI_SSL3, TLSI_CIPHER_AES_128_CBC, TLSI_HASH_SHA1, 1, 0},
    {TLSI_TLS13, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE, 0, 1},
    {TLSI_TLS12, TLSI_CIPHER_RC4_40, TLSI_HASH_MD5, 0, 0},
    {TLSI_TLS12, TLSI_CIPHER_AEGIS_128L, TLSI_HASH_NONE, 0, 0},
    {TLSI_SSL3, TLSI_CIPHER_RC4_128, TLSI_HASH_SHA256, 0, 0},
    {0x0305, TLSI_CIPHER_AES_128_GCM, TLSI_HASH_NONE, 0, 0},
};
#define FDEC_NCONFIG (sizeof fdec_configs / sizeof fdec_configs[0])

#define FDEC_MAX_REC (65535u + 1024u)

/* The sending side: the same keys, its own sequence number and cipher state. */
typedef struct {
    const fdec_config *cfg;
    const tlsi_cipher_params *cp;
    const uint8_t *key, *iv, *mac_key;
    size_t key_len, iv_len, mac_key_len;
    uint64_t seq;
    tlsi_rc4 rc4;
    uint8_t chain_iv[16]; /* SSL 3.0 / TLS 1.0 CBC */
    tlsi_mac *mac;
    z_stream z;
    int z_ok;
} fdec_sealer;

static uint8_t fdec_key[64], fdec_iv[16], fdec_mac_key[64];

static void fdec_init_keys(void)
{
    static int done;
    if (done)
        return;
    for (int i = 0; i < 64; i++) {
        fdec_key[i] = (uint8_t)(0x11 + 13 * i);
        fdec_mac_key[i] = (uint8_t)(0x5a ^ (7 * i));
    }
    for (int i = 0; i < 16; i++)
        fdec_iv[i] = (uint8_t)(0xa0 + i);
    tlsi_crypto_init();
    done = 1;
}

static int fdec_tls13(const fdec_sealer *s)
{
    return s->cfg->version == TLSI_TLS13;
}

static int fdec_aead(const fdec_sealer *s)
{
    return s->cp->mode == TLSI_MODE_GCM || s->cp->mode == TLSI_MODE_CCM ||
           s->cp->mode == TLSI_MODE_POLY1305;
}

/* Encrypt in place with libgcrypt in the cipher's mode. */
static int fdec_cbc_encrypt(const fdec_sealer *s, const uint8_t *iv, uint8_t *buf, size_t n)
{
    gcry_cipher_hd_t hd;
    int ok;

    if (gcry_cipher_open(&hd, s->cp->gcry_algo, GCRY_CIPHER_MODE_CBC, 0))
        return 0;
    ok = !gcry_cipher_setkey(hd, s->key, s->key_len) &&
         !gcry_cipher_setiv(hd, iv, s->cp->block_len) && !gcry_cipher_encrypt(hd, buf, n, NULL, 0);
    gcry_cipher_close(hd);
    return ok;
}

static int fdec_aead_seal(const fdec_sealer *s, const uint8_t nonce[12], const uint8_t *ad,
                          size_t ad_len, uint8_t *buf, size_t n, uint8_t *tag)
{
    gcry_cipher_hd_t hd;
    int ok;

    if (gcry_cipher_open(&hd, s->cp->gcry_algo, s->cp->gcry_mode, 0))
        return 0;
    ok = !gcry_cipher_setkey(hd, s->key, s->key_len) && !gcry_cipher_setiv(hd, nonce, 12);
    if (ok && s->cp->mode == TLSI_MODE_CCM) {
        uint64_t lens[3] = {n, ad_len, s->cp->tag_len};
        ok = !gcry_cipher_ctl(hd, GCRYCTL_SET_CCM_LENGTHS, lens, sizeof lens);
    }
    ok = ok && !gcry_cipher_authenticate(hd, ad, ad_len) &&
         !gcry_cipher_encrypt(hd, buf, n, NULL, 0) &&
         !gcry_cipher_gettag(hd, tag, s->cp->tag_len);
    gcry_cipher_close(hd);
    return ok;
}

/*
 * Protect plaintext p (n bytes) as record type ct/version ver into out
 * (FDEC_MAX_REC bytes). Returns the fragment length, or 0 if the harness
 * cannot seal it (too long, or an unsupported configuration).
 */
static size_t fdec_seal(fdec_sealer *s, uint8_t ct, uint16_t ver, const uint8_t *p, size_t n,
                        int deflate_it, unsigned extra, uint8_t inner_type, uint8_t *out)
{
    static uint8_t zbuf[FDEC_MAX_REC];
    uint8_t macbuf[TLSI_MAC_MAX];
    size_t mac_len = s->mac ? tlsi_mac_len(s->mac) : 0, len = 0;

    if (n > 0x4400)
        return 0;
    if (deflate_it && s->z_ok) {
        s->z.next_in = (Bytef *)p;
        s->z.avail_in = (uInt)n;
        s->z.next_out = zbuf;
        s->z.avail_out = sizeof zbuf;
        if (deflate(&s->z, Z_SYNC_FLUSH) != Z_OK || s->z.avail_in != 0)
            return 0;
        p = zbuf;
        n = sizeof zbuf - s->z.avail_out;
        if (n > 0x4400)
            return 0;
    }
    if (fdec_aead(s)) {
        uint8_t nonce[12], ad[13];
        size_t ad_len, body, i;
        uint8_t *c = out;
        if (fdec_tls13(s)) {
            memcpy(nonce, s->iv, 12);
            for (i = 0; i < 8; i++)
                nonce[11 - i] ^= (uint8_t)(s->seq >> (8 * i));
            memcpy(c, p, n);
            c[n] = inner_type;
            body = n + 1 + 8 * (size_t)extra;
            memset(c + n + 1, 0, body - n - 1);
            len = body + s->cp->tag_len;
            ad[0] = ct;
            ad[1] = (uint8_t)(ver >> 8);
            ad[2] = (uint8_t)ver;
            ad[3] = (uint8_t)(len >> 8);
            ad[4] = (uint8_t)len;
            ad_len = 5;
        } else {
            if (s->cp->explicit_iv_len) {
                memcpy(nonce, s->iv, 4);
                for (i = 0; i < 8; i++)
                    nonce[4 + i] = c[i] = (uint8_t)(s->seq >> (56 - 8 * i));
                c += 8;
            } else {
                memcpy(nonce, s->iv, 12);
                for (i = 0; i < 8; i++)
                    nonce[11 - i] ^= (uint8_t)(s->seq >> (8 * i));
            }
            memcpy(c, p, n);
            body = n;
            for (i = 0; i < 8; i++)
                ad[i] = (uint8_t)(s->seq >> (56 - 8 * i));
            ad[8] = ct;
            ad[9] = (uint8_t)(ver >> 8);
            ad[10] = (uint8_t)ver;
            ad[11] = (uint8_t)(n >> 8);
            ad[12] = (uint8_t)n;
            ad_len = 13;
            len = (size_t)(c - out) + n + s->cp->tag_len;
        }
        if (!fdec_aead_seal(s, nonce, ad, ad_len, c, body, c + body))
            return 0;
        return len;
    }
    if (s->cp->mode == TLSI_MODE_CBC) {
        size_t bl = s->cp->block_len, ivl = s->cfg->version >= TLSI_TLS11 ? bl : 0;
        size_t plain, pad, i;
        uint8_t iv[16];
        if (ivl)
            for (i = 0; i < bl; i++)
                out[i] = iv[i] = (uint8_t)(s->seq * 31 + i);
        else
            memcpy(iv, s->chain_iv, bl);
        memcpy(out + ivl, p, n);
        plain = n;
        if (!s->cfg->etm) {
            if (tlsi_mac_compute(s->mac, s->seq, ct, ver, p, n, out + ivl + n) != TLSI_OK)
                return 0;
            plain += mac_len;
        }
        pad = (bl - (plain + 1) % bl) % bl;
        if (s->cfg->version != TLSI_SSL3)
            while (extra-- && pad + bl <= 255)
                pad += bl;
        for (i = 0; i <= pad; i++)
            out[ivl + plain + i] = (uint8_t)pad;
        plain += pad + 1;
        if (!fdec_cbc_encrypt(s, iv, out + ivl, plain))
            return 0;
        len = ivl + plain;
        if (s->cfg->etm) {
            if (tlsi_mac_compute(s->mac, s->seq, ct, ver, out, len, out + len) != TLSI_OK)
                return 0;
            len += mac_len;
        }
        return len;
    }
    /* Stream: content || MAC, then RC4 over both. */
    memcpy(out, p, n);
    len = n;
    if (s->mac) {
        if (tlsi_mac_compute(s->mac, s->seq, ct, ver, p, n, macbuf) != TLSI_OK)
            return 0;
        memcpy(out + n, macbuf, mac_len);
        len += mac_len;
    }
    if (s->cp->mode == TLSI_MODE_STREAM)
        tlsi_rc4_crypt(&s->rc4, out, out, len);
    return len;
}

/* Keep the sender in step with what the receiver did with a record that
 * went on the wire as frag (sealed by us or not). */
static void fdec_sent(fdec_sealer *s, const uint8_t *frag, size_t len, int sealed_stream)
{
    size_t max_ct = fdec_tls13(s) ? TLSI_MAX_CIPHERTEXT13 : TLSI_MAX_CIPHERTEXT;

    s->seq++;
    if (len > max_ct)
        return;
    if (s->cp->mode == TLSI_MODE_STREAM && !sealed_stream) {
        static uint8_t sink[FDEC_MAX_REC];
        tlsi_rc4_crypt(&s->rc4, frag, sink, len);
    }
    if (s->cp->mode == TLSI_MODE_CBC && s->cfg->version < TLSI_TLS11) {
        size_t bl = s->cp->block_len, mac_len = s->mac ? tlsi_mac_len(s->mac) : 0;
        size_t ct_len = s->cfg->etm ? len - (len >= mac_len ? mac_len : len) : len;
        int decrypted = s->cfg->etm ? len >= mac_len + bl && ct_len % bl == 0
                                    : len >= bl && len >= mac_len + 1 && len % bl == 0;
        if (decrypted)
            memcpy(s->chain_iv, frag + ct_len - bl, bl);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t plain[FDEC_MAX_REC];
    fz_in in = {data, size};
    fdec_sealer s;
    tlsi_decryptor *d;
    tlsi_err err = TLSI_OK;
    uint8_t flags;
    size_t bad;
    int tainted = 0;

    fdec_init_keys();
    memset(&s, 0, sizeof s);
    s.cfg = &fdec_configs[fz_u8(&in) % FDEC_NCONFIG];
    flags = fz_u8(&in);
    s.cp = tlsi_cipher_params_get(s.cfg->cipher);
    s.key = fdec_key;
    s.key_len = s.cp->key_len;
    s.iv = fdec_iv;
    s.iv_len = s.cfg->version == TLSI_TLS13 ? 12 : s.cp->fixed_iv_len;
    s.mac_key = s.cfg->mac != TLSI_HASH_NONE ? fdec_mac_key : NULL;
    s.mac_key_len = s.mac_key ? tlsi_hash_params_get(s.cfg->mac)->len : 0;
    bad = flags & 1;

    d = tlsi_decryptor_new(s.cfg->version, s.cfg->cipher, s.cfg->mac, s.key, s.key_len + bad,
                           s.iv, s.iv_len + bad, s.mac_key, s.mac_key_len ? s.mac_key_len + bad : 0,
                           s.cfg->etm, s.cfg->comp, &err);
    if (!d) {
        FZ_ASSERT(err != TLSI_OK);
        return 0;
    }
    FZ_ASSERT(err == TLSI_OK);
    (void)tlsi_decryptor_scheme(d);
    if (s.cp->mode == TLSI_MODE_STREAM)
        tlsi_rc4_init(&s.rc4, s.key, s.key_len);
    if (s.cp->mode == TLSI_MODE_CBC)
        memcpy(s.chain_iv, s.iv, s.cp->block_len);
    if (s.mac_key && !fdec_aead(&s))
        s.mac = tlsi_mac_new(s.cfg->mac, s.cfg->version == TLSI_SSL3, s.mac_key, s.mac_key_len,
                             NULL);
    if (s.cfg->comp) {
        memset(&s.z, 0, sizeof s.z);
        s.z_ok = deflateInit(&s.z, Z_DEFAULT_COMPRESSION) == Z_OK;
    }
    if (flags & 8) {
        s.seq = UINT64_MAX - 2;
        tlsi_decryptor_set_seq(d, s.seq);
    }

    while (in.n >= 4) {
        static uint8_t frag[FDEC_MAX_REC];
        uint8_t ct = fz_u8(&in), rflags = fz_u8(&in);
        uint16_t ver = s.cfg->version == TLSI_TLS13 ? 0x0303 : s.cfg->version;
        size_t want = fz_u16(&in), n, len, out_cap, out_len = 0, i;
        const uint8_t *p = fz_bytes(&in, want, &n);
        int sealed = 0, flipped = 0, exact, short_out;
        size_t max_ct = fdec_tls13(&s) ? TLSI_MAX_CIPHERTEXT13 : TLSI_MAX_CIPHERTEXT;
        uint8_t inner = 0, got_inner = 0, *wire, *out;
        uint64_t seq_before = tlsi_decryptor_seq(d);
        tlsi_err e;

        FZ_ASSERT(seq_before == s.seq);
        if (rflags & 1) {
            size_t plen = n;
            const uint8_t *pp = p;
            if (fdec_tls13(&s)) { /* the first byte is the inner type */
                inner = plen ? pp[0] : 0;
                pp += plen ? 1 : 0;
                plen -= plen ? 1 : 0;
            }
            memcpy(plain, pp, plen);
            len = fdec_seal(&s, ct, ver, plain, plen, s.cfg->comp && !(rflags & 4),
                            rflags >> 3, inner, frag);
            if (len) {
                sealed = 1;
                n = plen;
                if ((rflags & 2) && len) {
                    size_t at = (plen ? plain[0] : 0) % len;
                    frag[at] ^= (uint8_t)(1u << (ct & 7));
                    flipped = 1;
                }
            }
        }
        if (!sealed) {
            memcpy(frag, p, n);
            len = n;
        }
        wire = fz_dup(frag, len);
        out_cap = s.cfg->comp ? TLSI_MAX_PLAINTEXT : len;
        if (!s.cfg->comp && out_cap > max_ct)
            out_cap = max_ct; /* what open() documents as enough */
        short_out = (flags & 4) && out_cap > 0;
        if (short_out)
            out_cap--;
        out = malloc(out_cap ? out_cap : 1);
        if (!wire || !out) {
            free(wire);
            free(out);
            break;
        }
        e = tlsi_decryptor_open(d, ct, ver, wire, len, out, out_cap, &out_len, &got_inner);
        FZ_ASSERT(e < TLSI_ERR_COUNT);
        FZ_ASSERT(out_len <= out_cap);
        if (getenv("TLSI_FUZZ_VERBOSE"))
            fprintf(stderr, "record type %u flags %02x: %s %zu plaintext bytes as %zu; %s, %zu out\n",
                    ct, rflags, sealed ? "sealed" : "raw", n, len, tlsi_err_str(e), out_len);
        /* exact: if it opens, out must be what was sealed. */
        exact = sealed && (s.mac || fdec_aead(&s)) && !(fdec_tls13(&s) && inner == 0) &&
                !(s.cfg->comp && ((rflags & 4) || !s.z_ok || tainted)) && !bad;
        if (e == TLSI_OK) {
            FZ_ASSERT(out_len <= TLSI_MAX_PLAINTEXT);
            if (!fdec_tls13(&s))
                FZ_ASSERT(got_inner == ct);
            /* No garbage plaintext: what was sealed comes back, or nothing.
             * (A bit flipped in SSL 3.0 CBC padding goes unnoticed: the
             * padding is covered by nothing, RFC 6101 5.2.3.2.) */
            if (exact) {
                FZ_ASSERT(out_len == n);
                FZ_ASSERT(n == 0 || memcmp(out, plain, n) == 0);
                if (fdec_tls13(&s))
                    FZ_ASSERT(got_inner == inner);
            }
        } else if (e != TLSI_ERR_BAD_MAC) {
            FZ_ASSERT(out_len == 0);
        }
        /* A record protected correctly and in step with the receiver opens
         * (with DEFLATE, unless an earlier failure broke the stream). */
        if (exact && !flipped && !s.cfg->comp && n <= TLSI_MAX_PLAINTEXT && !short_out &&
            !(fdec_tls13(&s) && ct != TLSI_CT_APPLICATION_DATA) &&
            len <= max_ct)
            FZ_ASSERT(e == TLSI_OK);
        /* The receiver used a sequence number unless it refused up front. */
        if (short_out || (fdec_tls13(&s) && ct != TLSI_CT_APPLICATION_DATA)) {
            FZ_ASSERT(tlsi_decryptor_seq(d) == seq_before);
            FZ_ASSERT(e != TLSI_OK);
        } else {
            FZ_ASSERT(tlsi_decryptor_seq(d) == seq_before + 1);
            fdec_sent(&s, wire, len, sealed);
        }
        /* Bytes sealed without our DEFLATE stream are the sender's own
         * nonsense: what its later records inflate to is anyone's guess. */
        if (s.cfg->comp && sealed && (rflags & 4))
            tainted = 1;
        for (i = 0; i < out_len; i += 64) /* touch what was returned */
            (void)*(volatile uint8_t *)(out + i);
        free(wire);
        free(out);
        if (flags & 2) {
            tlsi_decryptor *c = tlsi_decryptor_clone(d);
            if (c) {
                tlsi_decryptor_free(d);
                d = c;
            }
        }
    }
    tlsi_decryptor_free(d);
    tlsi_mac_free(s.mac);
    if (s.cfg->comp && s.z_ok)
        deflateEnd(&s.z);
    return 0;
}
