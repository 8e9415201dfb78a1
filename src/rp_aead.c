/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rp_aead.c - the AEAD scheme: GCM, CCM and CCM_8, ChaCha20-Poly1305.
 *
 * Nonce and additional data, by version:
 *   TLS 1.2 GCM/CCM (RFC 5288 section 3, RFC 6655 section 3): nonce = 4-byte
 *     implicit salt || 8-byte explicit nonce sent at the start of the record;
 *     additional data = seq_num || type || version || plaintext length.
 *   TLS 1.2 ChaCha20-Poly1305 (RFC 7905 section 2): nonce = 12-byte IV XOR
 *     the sequence number left-padded to 12 bytes, nothing explicit on the
 *     wire; additional data as above.
 *   TLS 1.3 (RFC 8446 sections 5.2, 5.3): nonce = 12-byte IV XOR padded
 *     sequence number; additional data = the 5-byte record header (empty
 *     in the drafts before 25).
 * No state runs across records; the sequence number alone ties them.
 */
#include <stdlib.h>
#include <string.h>

#include <gcrypt.h>

#include "rp.h"

#define AEAD_NONCE_LEN 12 /* every TLS AEAD nonce (RFC 5116 N_MIN, RFC 8446 5.3) */
#define AEAD_KEY_MAX 32
#define AEAD_TAG_MAX 16

typedef struct {
    gcry_cipher_hd_t hd;
    int algo, gmode;
    int ccm;             /* CCM needs its lengths before any data (libgcrypt) */
    int tls13;
    int no_ad;           /* TLS 1.3 drafts before 25 authenticate no additional data */
    size_t explicit_len; /* TLS 1.2 GCM/CCM: 8 explicit nonce bytes per record */
    size_t tag_len;
    size_t iv_len;       /* 4 (implicit salt) or 12 (XOR mask) */
    uint8_t iv[AEAD_NONCE_LEN];
    uint8_t key[AEAD_KEY_MAX];
    size_t key_len;
} aead_state;

static void aead_destroy(void *state)
{
    aead_state *s = state;

    if (!s)
        return;
    if (s->hd)
        gcry_cipher_close(s->hd);
    memset(s, 0, sizeof(*s));
    free(s);
}

static tlsi_err open_handle(aead_state *s)
{
    if (gcry_cipher_open(&s->hd, s->algo, s->gmode, 0) != 0) {
        s->hd = NULL;
        return TLSI_ERR_CRYPTO;
    }
    if (gcry_cipher_setkey(s->hd, s->key, s->key_len) != 0) {
        gcry_cipher_close(s->hd);
        s->hd = NULL;
        return TLSI_ERR_BAD_KEY;
    }
    return TLSI_OK;
}

static tlsi_err aead_create(const tlsi_rp_config *cfg, void **state)
{
    const tlsi_cipher_params *cp = cfg->cp;
    aead_state *s;
    size_t want_iv;
    tlsi_err e;

    if (cp->key_len > AEAD_KEY_MAX || cp->tag_len == 0 || cp->tag_len > AEAD_TAG_MAX ||
        cp->fixed_iv_len + cp->explicit_iv_len != AEAD_NONCE_LEN)
        return TLSI_ERR_UNSUPPORTED;
    /* AEAD suites are defined from TLS 1.2 on (RFC 5246 section 6.2.3.3).
     * Two stacks that negotiate one at an earlier version get the TLS 1.2
     * record format, the only one there is for it (the session notes that
     * the suite is outside the version). */
    /* TLS 1.3 derives a full 12-byte IV for every AEAD (RFC 8446 7.3). */
    want_iv = cfg->version == TLSI_TLS13 ? AEAD_NONCE_LEN : cp->fixed_iv_len;
    if (cfg->key_len != cp->key_len || !cfg->key || cfg->iv_len != want_iv || !cfg->iv)
        return TLSI_ERR_BAD_KEY;
    s = calloc(1, sizeof(*s));
    if (!s)
        return TLSI_ERR_NOMEM;
    s->algo = cp->gcry_algo;
    s->gmode = cp->gcry_mode;
    s->ccm = cp->mode == TLSI_MODE_CCM;
    s->tls13 = cfg->version == TLSI_TLS13;
    s->no_ad = s->tls13 && cfg->tls13_no_ad;
    s->explicit_len = s->tls13 ? 0 : cp->explicit_iv_len;
    s->tag_len = cp->tag_len;
    s->iv_len = want_iv;
    memcpy(s->iv, cfg->iv, want_iv);
    s->key_len = cfg->key_len;
    memcpy(s->key, cfg->key, cfg->key_len);
    e = open_handle(s);
    if (e != TLSI_OK) {
        aead_destroy(s);
        return e;
    }
    *state = s;
    return TLSI_OK;
}

static tlsi_err aead_clone(const void *state, void **copy)
{
    const aead_state *s = state;
    aead_state *c = malloc(sizeof(*c));

    if (!c)
        return TLSI_ERR_NOMEM;
    *c = *s;
    c->hd = NULL;
    if (open_handle(c) != TLSI_OK) {
        aead_destroy(c);
        return TLSI_ERR_NOMEM;
    }
    *copy = c;
    return TLSI_OK;
}

static tlsi_err aead_open(void *state, const tlsi_rp_record *rec, uint8_t *out, size_t *out_len)
{
    aead_state *s = state;
    uint8_t nonce[AEAD_NONCE_LEN];
    uint8_t ad[13];
    size_t ad_len, ct_len, n;
    const uint8_t *ct, *tag;
    gcry_error_t ge;

    *out_len = 0;
    /* TLS 1.2: explicit nonce || ciphertext || tag. TLS 1.3: ciphertext ||
     * tag, the ciphertext holding at least the inner content type byte. */
    if (rec->len < s->explicit_len + s->tag_len + (s->tls13 ? 1 : 0))
        return TLSI_ERR_SHORT;
    ct = rec->in + s->explicit_len;
    ct_len = rec->len - s->explicit_len - s->tag_len;
    tag = ct + ct_len;

    if (s->explicit_len) {
        /* salt || explicit nonce: create() checked the two add up to 12. */
        memcpy(nonce, s->iv, s->iv_len);
        memcpy(nonce + s->iv_len, rec->in, s->explicit_len);
    } else {
        memcpy(nonce, s->iv, AEAD_NONCE_LEN);
        for (n = 0; n < 8; n++)
            nonce[AEAD_NONCE_LEN - 1 - n] ^= (uint8_t)(rec->seq >> (8 * n));
    }

    if (s->no_ad) {
        ad_len = 0; /* TLS 1.3 drafts before 25 */
    } else if (s->tls13) {
        /* The record header exactly as sent; length is the ciphertext's. */
        ad[0] = rec->type;
        ad[1] = (uint8_t)(rec->version >> 8);
        ad[2] = (uint8_t)rec->version;
        ad[3] = (uint8_t)(rec->len >> 8);
        ad[4] = (uint8_t)rec->len;
        ad_len = 5;
    } else {
        for (n = 0; n < 8; n++)
            ad[n] = (uint8_t)(rec->seq >> (56 - 8 * n));
        ad[8] = rec->type;
        ad[9] = (uint8_t)(rec->version >> 8);
        ad[10] = (uint8_t)rec->version;
        ad[11] = (uint8_t)(ct_len >> 8);
        ad[12] = (uint8_t)ct_len;
        ad_len = 13;
    }

    /* libgcrypt's order: setiv, (CCM lengths), authenticate, decrypt, checktag. */
    gcry_cipher_reset(s->hd);
    ge = gcry_cipher_setiv(s->hd, nonce, sizeof(nonce));
    if (ge == 0 && s->ccm) {
        uint64_t lens[3] = {ct_len, ad_len, s->tag_len};

        ge = gcry_cipher_ctl(s->hd, GCRYCTL_SET_CCM_LENGTHS, lens, sizeof(lens));
    }
    if (ge == 0 && ad_len)
        ge = gcry_cipher_authenticate(s->hd, ad, ad_len);
    if (ge == 0)
        ge = gcry_cipher_decrypt(s->hd, out, ct_len, ct, ct_len);
    if (ge != 0)
        return TLSI_ERR_CRYPTO;
    *out_len = ct_len;
    ge = gcry_cipher_checktag(s->hd, tag, s->tag_len);
    if (gcry_err_code(ge) == GPG_ERR_CHECKSUM)
        return TLSI_ERR_BAD_MAC; /* out keeps the unverified plaintext */
    if (ge != 0) {
        *out_len = 0;
        return TLSI_ERR_CRYPTO;
    }
    return TLSI_OK;
}

const tlsi_rp_scheme tlsi_rp_aead = {
    .name = "AEAD",
    .create = aead_create,
    .destroy = aead_destroy,
    .clone = aead_clone,
    .open = aead_open,
    .reopen = aead_open, /* nothing runs across records */
};
