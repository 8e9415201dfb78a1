/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * decrypt.c - the record-protection front: owns a direction's sequence
 * number, the length limits of RFC 5246 section 6.2 / RFC 8446 section 5,
 * DEFLATE decompression and the TLS 1.3 inner content type. The cipher work
 * is done by the scheme the cipher's mode selects (rp.h); nothing here looks
 * at which cipher it is.
 */
#include <stdlib.h>
#include <string.h>

#include "decompress.h"
#include "decrypt.h"
#include "record.h"
#include "rp.h"

/* What rebuilds the scheme state of a parked decryptor: the configuration
 * and a copy of the keys it points into. */
#define REBUILD_KEYS_MAX 128u
typedef struct {
    tlsi_rp_config cfg;
    uint8_t keys[REBUILD_KEYS_MAX];
} rebuild_info;

struct tlsi_decryptor {
    const tlsi_rp_scheme *scheme;
    void *state;           /* NULL while parked */
    rebuild_info *rebuild; /* set where the state carries nothing across records */
    uint16_t version;
    uint64_t seq;
    tlsi_inflater *inflater; /* compression method 1 only */
    uint8_t *scratch;        /* with compression: the decrypted, still compressed fragment */
    int inflate_broken;      /* a compressed record failed: the DEFLATE window lost bytes */
};

/* The one place that maps a cipher to a scheme: by its mode. */
static const tlsi_rp_scheme *scheme_for(tlsi_cipher_mode mode)
{
    switch (mode) {
    case TLSI_MODE_NONE:
    case TLSI_MODE_STREAM:
        return &tlsi_rp_stream;
    case TLSI_MODE_CBC:
        return &tlsi_rp_cbc;
    case TLSI_MODE_GCM:
    case TLSI_MODE_CCM:
    case TLSI_MODE_POLY1305:
        return &tlsi_rp_aead;
    default:
        return NULL; /* a mode no scheme implements (AEGIS): not decrypted */
    }
}

static int is_aead(const tlsi_rp_scheme *scheme)
{
    return scheme == &tlsi_rp_aead;
}

/* Whether the decryptor can exist: TLSI_OK with the scheme for the cipher's
 * mode, or why not. version is a release version (no draft). */
static tlsi_err check_params(uint16_t version, tlsi_cipher cipher, const tlsi_cipher_params *cp,
                             int compression_method, const tlsi_rp_scheme **scheme)
{
    if (version < TLSI_SSL3 || version > TLSI_TLS13 || !cp)
        return !cp ? TLSI_ERR_BAD_VALUE : TLSI_ERR_UNSUPPORTED;
    *scheme = scheme_for(cp->mode);
    if (!*scheme || !tlsi_cipher_available(cipher))
        return TLSI_ERR_UNSUPPORTED;
    /* TLS 1.3 protects records with AEAD only (RFC 8446 5.2) and has no
     * compression (RFC 8446 4.1.2); methods other than null and DEFLATE
     * (RFC 3749) were never deployed. */
    if ((version == TLSI_TLS13 && !is_aead(*scheme)) || compression_method < 0 ||
        compression_method > 1)
        return TLSI_ERR_UNSUPPORTED;
    if (version == TLSI_TLS13 && compression_method != 0)
        return TLSI_ERR_BAD_VALUE;
    return TLSI_OK;
}

/* The scheme's configuration apart from the key material. */
static tlsi_err config_init(tlsi_rp_config *cfg, uint16_t version, unsigned draft,
                            const tlsi_cipher_params *cp, const tlsi_rp_scheme *scheme,
                            tlsi_hash mac, int etm)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->version = version;
    cfg->cp = cp;
    cfg->hp = tlsi_hash_params_get(is_aead(scheme) ? TLSI_HASH_NONE : mac);
    if (!cfg->hp)
        return TLSI_ERR_BAD_VALUE;
    cfg->etm = scheme == &tlsi_rp_cbc ? etm : 0;
    /* Drafts before 25 authenticated no additional data: draft 25 made the
     * record header the additional data (draft-ietf-tls-tls13-25 5.2). */
    cfg->tls13_no_ad = draft != 0 && draft < 25;
    return TLSI_OK;
}

/* The decryptor without its scheme state; with DEFLATE, its inflater and
 * buffer. NULL and *e on failure. */
static tlsi_decryptor *decryptor_alloc(const tlsi_rp_scheme *scheme, uint16_t version,
                                       int compression_method, tlsi_err *e)
{
    tlsi_decryptor *d = calloc(1, sizeof(*d));

    *e = TLSI_ERR_NOMEM;
    if (!d)
        return NULL;
    d->scheme = scheme;
    d->version = version;
    if (compression_method == 1) {
        d->inflater = tlsi_inflater_new(e);
        d->scratch = malloc(TLSI_MAX_CIPHERTEXT);
        if (!d->inflater || !d->scratch) {
            *e = TLSI_ERR_NOMEM;
            tlsi_decryptor_free(d);
            return NULL;
        }
    }
    *e = TLSI_OK;
    return d;
}

/*
 * An AEAD state, or a CBC state with explicit IVs (TLS 1.1+), is a function
 * of the keys alone: no record leaves anything in it for the next (RC4's
 * keystream, TLS 1.0's chained IV and the DEFLATE window do). Only those
 * decryptors can be parked and rebuilt; for them the keys are kept.
 */
static rebuild_info *rebuild_new(const tlsi_rp_config *cfg, const tlsi_rp_scheme *scheme,
                                 int compression_method)
{
    rebuild_info *r;
    uint8_t *k;

    if (compression_method != 0 ||
        cfg->key_len + cfg->iv_len + cfg->mac_key_len > REBUILD_KEYS_MAX ||
        !(is_aead(scheme) || (scheme == &tlsi_rp_cbc && cfg->version >= TLSI_TLS11)))
        return NULL;
    r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    /* Keys in order key, iv, MAC key; the pointers are made when rebuilding
     * (rebuild_cfg), so a copy of the struct is a complete copy. */
    r->cfg = *cfg;
    r->cfg.key = r->cfg.iv = r->cfg.mac_key = NULL;
    k = r->keys;
    if (cfg->key_len)
        memcpy(k, cfg->key, cfg->key_len);
    k += cfg->key_len;
    if (cfg->iv_len)
        memcpy(k, cfg->iv, cfg->iv_len);
    k += cfg->iv_len;
    if (cfg->mac_key_len)
        memcpy(k, cfg->mac_key, cfg->mac_key_len);
    return r;
}

static tlsi_rp_config rebuild_cfg(const rebuild_info *r)
{
    tlsi_rp_config cfg = r->cfg;

    cfg.key = r->keys;
    cfg.iv = cfg.iv_len ? r->keys + cfg.key_len : NULL;
    cfg.mac_key = cfg.mac_key_len ? r->keys + cfg.key_len + cfg.iv_len : NULL;
    return cfg;
}

static void rebuild_free(rebuild_info *r)
{
    if (r) {
        memset(r->keys, 0, sizeof(r->keys));
        free(r);
    }
}

/* The scheme state, rebuilt if the decryptor was parked. */
static tlsi_err ensure_state(tlsi_decryptor *d)
{
    tlsi_rp_config cfg;
    tlsi_err e;

    if (d->state)
        return TLSI_OK;
    if (!d->rebuild)
        return TLSI_ERR_BAD_VALUE;
    cfg = rebuild_cfg(d->rebuild);
    e = d->scheme->create(&cfg, &d->state);
    if (e != TLSI_OK)
        d->state = NULL;
    return e;
}

int tlsi_decryptor_park(tlsi_decryptor *d)
{
    if (!d || !d->rebuild || !d->state)
        return 0;
    d->scheme->destroy(d->state);
    d->state = NULL;
    return 1;
}

int tlsi_decryptor_parked(const tlsi_decryptor *d)
{
    return d && !d->state && d->rebuild;
}

tlsi_decryptor *tlsi_decryptor_new(uint16_t version, tlsi_cipher cipher, tlsi_hash mac,
                                   const uint8_t *key, size_t key_len, const uint8_t *iv,
                                   size_t iv_len, const uint8_t *mac_key, size_t mac_key_len,
                                   int etm, int compression_method, tlsi_err *err)
{
    const tlsi_cipher_params *cp = tlsi_cipher_params_get(cipher);
    const tlsi_rp_scheme *scheme = NULL;
    tlsi_rp_config cfg;
    tlsi_decryptor *d = NULL;
    unsigned draft = tlsi_tls13_draft(version);
    tlsi_err e;

    /* A TLS 1.3 draft is TLS 1.3 to everything but the AEAD's input. */
    if (draft)
        version = TLSI_TLS13;
    if ((e = check_params(version, cipher, cp, compression_method, &scheme)) != TLSI_OK ||
        (e = config_init(&cfg, version, draft, cp, scheme, mac, etm)) != TLSI_OK)
        goto fail;
    cfg.key = key;
    cfg.key_len = key_len;
    cfg.iv = iv;
    cfg.iv_len = iv_len;
    cfg.mac_key = mac_key;
    cfg.mac_key_len = mac_key_len;

    if (!(d = decryptor_alloc(scheme, version, compression_method, &e)))
        goto fail;
    e = scheme->create(&cfg, &d->state);
    if (e != TLSI_OK) {
        d->state = NULL;
        goto fail;
    }
    d->rebuild = rebuild_new(&cfg, scheme, compression_method);
    if (err)
        *err = TLSI_OK;
    return d;
fail:
    tlsi_decryptor_free(d);
    if (err)
        *err = e;
    return NULL;
}

void tlsi_decryptor_free(tlsi_decryptor *d)
{
    if (!d)
        return;
    if (d->state)
        d->scheme->destroy(d->state);
    rebuild_free(d->rebuild);
    tlsi_inflater_free(d->inflater);
    free(d->scratch);
    free(d);
}

tlsi_decryptor *tlsi_decryptor_clone(const tlsi_decryptor *d)
{
    tlsi_decryptor *c = calloc(1, sizeof(*c));

    if (!c)
        return NULL;
    c->scheme = d->scheme;
    c->version = d->version;
    c->seq = d->seq;
    c->inflate_broken = d->inflate_broken;
    if (d->rebuild) {
        c->rebuild = malloc(sizeof(*c->rebuild));
        if (!c->rebuild)
            goto fail;
        *c->rebuild = *d->rebuild;
    }
    /* A parked original gives a parked copy. */
    if (d->state && d->scheme->clone(d->state, &c->state) != TLSI_OK) {
        c->state = NULL;
        goto fail;
    }
    if (d->inflater) {
        c->inflater = tlsi_inflater_clone(d->inflater);
        c->scratch = malloc(TLSI_MAX_CIPHERTEXT);
        if (!c->inflater || !c->scratch)
            goto fail;
    }
    return c;
fail:
    tlsi_decryptor_free(c);
    return NULL;
}

uint64_t tlsi_decryptor_seq(const tlsi_decryptor *d)
{
    return d->seq;
}

void tlsi_decryptor_set_seq(tlsi_decryptor *d, uint64_t seq)
{
    d->seq = seq;
}

const char *tlsi_decryptor_scheme(const tlsi_decryptor *d)
{
    return d->scheme->name;
}

/*
 * RFC 8446 5.4: TLSInnerPlaintext = content || type || zeros. The type is
 * the last non-zero byte; a plaintext of zeros only has none.
 */
static tlsi_err strip_inner(const uint8_t *pt, size_t *len, uint8_t *type)
{
    size_t n = *len;

    while (n > 0 && pt[n - 1] == 0)
        n--;
    if (n == 0)
        return TLSI_ERR_BAD_VALUE;
    *type = pt[n - 1];
    *len = n - 1;
    return TLSI_OK;
}

static tlsi_err open_record(tlsi_decryptor *d, uint8_t content_type, uint16_t record_version,
                            const uint8_t *in, size_t in_len, uint8_t *out, size_t out_cap,
                            size_t *out_len, uint8_t *inner_type);
static tlsi_err finish_plaintext(tlsi_decryptor *d, uint8_t *pt, size_t n, uint8_t *out,
                                 size_t *out_len, uint8_t *inner_type, uint8_t type);

tlsi_err tlsi_decryptor_open(tlsi_decryptor *d, uint8_t content_type, uint16_t record_version,
                             const uint8_t *in, size_t in_len, uint8_t *out, size_t out_cap,
                             size_t *out_len, uint8_t *inner_type)
{
    uint64_t seq = d->seq;
    tlsi_err e;

    /* Each compressed record inflates against the window of all the records
     * before it (RFC 3749 2): after one is lost, later output would be wrong
     * although its MAC verifies, so nothing after it is given out. */
    if (d->inflater && d->inflate_broken) {
        *out_len = 0;
        if (inner_type)
            *inner_type = content_type;
        d->seq++;
        return TLSI_ERR_DECOMPRESS;
    }
    e = open_record(d, content_type, record_version, in, in_len, out, out_cap, out_len,
                    inner_type);
    if (e != TLSI_OK && d->inflater && d->seq != seq)
        d->inflate_broken = 1;
    return e;
}

static tlsi_err open_record(tlsi_decryptor *d, uint8_t content_type, uint16_t record_version,
                            const uint8_t *in, size_t in_len, uint8_t *out, size_t out_cap,
                            size_t *out_len, uint8_t *inner_type)
{
    int tls13 = d->version == TLSI_TLS13;
    size_t max_ct = tls13 ? TLSI_MAX_CIPHERTEXT13 : TLSI_MAX_CIPHERTEXT;
    size_t need, n = 0;
    tlsi_rp_record rec;
    uint8_t *pt;
    uint8_t type = content_type;
    tlsi_err e;

    *out_len = 0;
    if (inner_type)
        *inner_type = content_type;
    /* A buffer too small is the caller's mistake, not the record's: refuse
     * before the record uses up its sequence number or any cipher state. */
    need = d->inflater ? TLSI_MAX_PLAINTEXT : (in_len < max_ct ? in_len : max_ct);
    if (out_cap < need)
        return TLSI_ERR_NOMEM;
    /* RFC 8446 5.2: every protected TLS 1.3 record says application_data
     * outside. Anything else (the compatibility-mode change_cipher_spec, a
     * plaintext alert) was never encrypted and takes no sequence number. */
    if (tls13 && content_type != TLSI_CT_APPLICATION_DATA)
        return TLSI_ERR_BAD_VALUE;

    rec.seq = d->seq++; /* the record was sent: count it whatever happens */
    rec.type = content_type;
    rec.version = record_version;
    rec.in = in;
    rec.len = in_len;
    /* RFC 5246 6.2.3 / RFC 6101 5.2.3: TLSCiphertext.length <= 2^14 + 2048;
     * RFC 8446 5.2: TLS 1.3 allows 2^14 + 256. */
    if (in_len > max_ct)
        return TLSI_ERR_BAD_LENGTH;

    if ((e = ensure_state(d)) != TLSI_OK)
        return e;
    pt = d->inflater ? d->scratch : out;
    e = d->scheme->open(d->state, &rec, pt, &n);
    if (e == TLSI_ERR_BAD_MAC) {
        /* Hand back the unverified plaintext where it can be. */
        if (pt != out) {
            if (n <= out_cap)
                memcpy(out, pt, n);
            else
                n = 0;
        }
        *out_len = n;
        return e;
    }
    if (e != TLSI_OK)
        return e;
    return finish_plaintext(d, pt, n, out, out_len, inner_type, type);
}

/* A verified plaintext of n bytes at pt: the TLS 1.3 inner type, the length
 * limits and decompression. */
static tlsi_err finish_plaintext(tlsi_decryptor *d, uint8_t *pt, size_t n, uint8_t *out,
                                 size_t *out_len, uint8_t *inner_type, uint8_t type)
{
    tlsi_err e;

    if (d->version == TLSI_TLS13) {
        e = strip_inner(pt, &n, &type);
        if (e != TLSI_OK)
            return e;
    }
    /* RFC 5246 6.2.2 / 6.2.1: at most 2^14 + 1024 compressed bytes, else at
     * most 2^14 plaintext bytes (RFC 8446 5.4 likewise for the content). */
    if (n > (d->inflater ? TLSI_MAX_COMPRESSED : TLSI_MAX_PLAINTEXT))
        return TLSI_ERR_BAD_LENGTH;
    if (d->inflater) {
        e = tlsi_inflater_run(d->inflater, pt, n, out, TLSI_MAX_PLAINTEXT, &n);
        if (e != TLSI_OK)
            return e;
    }
    *out_len = n;
    if (inner_type)
        *inner_type = type;
    return TLSI_OK;
}

int tlsi_decryptor_can_resync(const tlsi_decryptor *d)
{
    tlsi_rp_record rec;
    uint8_t out[1];
    size_t n;

    if (d->inflater)
        return 0;
    if (!d->state)
        return d->rebuild != NULL; /* parked: AEAD or explicit-IV CBC, which can */
    /* An empty record is enough to ask the scheme; it fails before any
     * state is touched unless the scheme cannot reopen at all. */
    memset(&rec, 0, sizeof(rec));
    return d->scheme->reopen(d->state, &rec, out, &n) != TLSI_ERR_UNSUPPORTED;
}

tlsi_err tlsi_decryptor_resync(tlsi_decryptor *d, uint8_t content_type, uint16_t record_version,
                               const uint8_t *in, size_t in_len, uint8_t *out, size_t out_cap,
                               size_t *out_len, uint8_t *inner_type, unsigned max_ahead,
                               uint64_t *skipped)
{
    size_t max_ct = d->version == TLSI_TLS13 ? TLSI_MAX_CIPHERTEXT13 : TLSI_MAX_CIPHERTEXT;
    tlsi_rp_record rec;
    uint8_t *trial;
    tlsi_err e = TLSI_ERR_BAD_MAC;
    unsigned k;

    *out_len = 0;
    *skipped = 0;
    if (inner_type)
        *inner_type = content_type;
    if (!tlsi_decryptor_can_resync(d))
        return TLSI_ERR_UNSUPPORTED;
    if ((e = ensure_state(d)) != TLSI_OK)
        return e;
    if (out_cap < in_len || in_len > max_ct ||
        (d->version == TLSI_TLS13 && content_type != TLSI_CT_APPLICATION_DATA))
        return TLSI_ERR_BAD_VALUE;
    /* Trials go to a scratch buffer: out keeps what the failed open left
     * (unverified plaintext the caller may show) unless one verifies. */
    trial = malloc(in_len ? in_len : 1);
    if (!trial)
        return TLSI_ERR_NOMEM;
    rec.type = content_type;
    rec.version = record_version;
    rec.in = in;
    rec.len = in_len;
    for (k = 0; k < max_ahead; k++) {
        size_t n = 0;

        /* d->seq is one past the number the record failed with. */
        rec.seq = d->seq + k;
        e = d->scheme->reopen(d->state, &rec, trial, &n);
        if (e == TLSI_OK) {
            memcpy(out, trial, n);
            e = finish_plaintext(d, out, n, out, out_len, inner_type, content_type);
            if (e != TLSI_OK)
                *out_len = 0;
            break;
        }
        if (e != TLSI_ERR_BAD_MAC && e != TLSI_ERR_BAD_PADDING)
            break; /* fails whatever the number: not a matter of order */
    }
    if (e == TLSI_OK) {
        *skipped = (uint64_t)k + 1;
        d->seq += (uint64_t)k + 1;
    }
    free(trial);
    return e;
}
