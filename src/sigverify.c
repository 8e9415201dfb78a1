/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigverify.c - owns the signature checks of a handshake (see sigverify.h):
 * the handshake messages a CertificateVerify covers, the peers' public keys
 * from their Certificate messages, and the mapping from TLS
 * SignatureSchemes to GnuTLS signature algorithms.
 */
#include "sigverify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gcrypt.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "cipher_suites.h"
#include "extensions.h"
#include "handshake.h"
#include "reader.h"

/* Handshake bytes kept for CertificateVerify; a handshake larger than this
 * (huge certificate chains) leaves its CertificateVerify unchecked. */
#define SIGV_MAX_TRANSCRIPT (1u << 20)

/* The checks are about integrity, not policy: old hashes are still verified. */
#define SIGV_FLAGS (GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1 | GNUTLS_VERIFY_ALLOW_SIGN_RSA_MD5)

struct tlsi_sigv {
    uint16_t version;        /* negotiated (TLS 1.3 drafts folded into 0x0304), 0 before */
    const tlsi_suite *suite; /* negotiated, NULL when unknown */
    uint8_t client_random[32], server_random[32];
    int have_randoms;
    int hrr;                 /* a HelloRetryRequest: ClientHello2 continues the transcript */
    uint8_t *buf;            /* the handshake messages so far (RFC 8446 4.4.1 transcript) */
    size_t len, cap;
    int overflow;            /* buf hit SIGV_MAX_TRANSCRIPT */
    int finished;            /* Finished messages since the ClientHello */
    int pha_offered;         /* TLS 1.3 client offered post_handshake_auth (RFC 8446 4.2.6) */
    int base_set;            /* buf[0..base_len) is the handshake through client Finished */
    size_t base_len;
    gnutls_pubkey_t key[2];  /* end-entity key of client (0) and server (1) */
    tlsi_sigv_summary sum;
};

/* TLS SignatureScheme (RFC 8446 4.2.3; TLS 1.2 SignatureAndHashAlgorithm
 * shares the code points) and the GnuTLS algorithm that checks it. TLS 1.3
 * binds an ECDSA scheme to its curve; TLS 1.2 does not. */
static const struct {
    uint16_t scheme;
    gnutls_sign_algorithm_t tls12, tls13;
} schemes[] = {
    {0x0201, GNUTLS_SIGN_RSA_SHA1, GNUTLS_SIGN_UNKNOWN},
    {0x0202, GNUTLS_SIGN_DSA_SHA1, GNUTLS_SIGN_UNKNOWN},
    {0x0203, GNUTLS_SIGN_ECDSA_SHA1, GNUTLS_SIGN_UNKNOWN},
    {0x0301, GNUTLS_SIGN_RSA_SHA224, GNUTLS_SIGN_UNKNOWN},
    {0x0302, GNUTLS_SIGN_DSA_SHA224, GNUTLS_SIGN_UNKNOWN},
    {0x0303, GNUTLS_SIGN_ECDSA_SHA224, GNUTLS_SIGN_UNKNOWN},
    {0x0401, GNUTLS_SIGN_RSA_SHA256, GNUTLS_SIGN_UNKNOWN},
    {0x0402, GNUTLS_SIGN_DSA_SHA256, GNUTLS_SIGN_UNKNOWN},
    {0x0403, GNUTLS_SIGN_ECDSA_SHA256, GNUTLS_SIGN_ECDSA_SECP256R1_SHA256},
    {0x0501, GNUTLS_SIGN_RSA_SHA384, GNUTLS_SIGN_UNKNOWN},
    {0x0502, GNUTLS_SIGN_DSA_SHA384, GNUTLS_SIGN_UNKNOWN},
    {0x0503, GNUTLS_SIGN_ECDSA_SHA384, GNUTLS_SIGN_ECDSA_SECP384R1_SHA384},
    {0x0601, GNUTLS_SIGN_RSA_SHA512, GNUTLS_SIGN_UNKNOWN},
    {0x0602, GNUTLS_SIGN_DSA_SHA512, GNUTLS_SIGN_UNKNOWN},
    {0x0603, GNUTLS_SIGN_ECDSA_SHA512, GNUTLS_SIGN_ECDSA_SECP521R1_SHA512},
    {0x0804, GNUTLS_SIGN_RSA_PSS_RSAE_SHA256, GNUTLS_SIGN_RSA_PSS_RSAE_SHA256},
    {0x0805, GNUTLS_SIGN_RSA_PSS_RSAE_SHA384, GNUTLS_SIGN_RSA_PSS_RSAE_SHA384},
    {0x0806, GNUTLS_SIGN_RSA_PSS_RSAE_SHA512, GNUTLS_SIGN_RSA_PSS_RSAE_SHA512},
    {0x0807, GNUTLS_SIGN_EDDSA_ED25519, GNUTLS_SIGN_EDDSA_ED25519},
    {0x0808, GNUTLS_SIGN_EDDSA_ED448, GNUTLS_SIGN_EDDSA_ED448},
    {0x0809, GNUTLS_SIGN_RSA_PSS_SHA256, GNUTLS_SIGN_RSA_PSS_SHA256},
    {0x080a, GNUTLS_SIGN_RSA_PSS_SHA384, GNUTLS_SIGN_RSA_PSS_SHA384},
    {0x080b, GNUTLS_SIGN_RSA_PSS_SHA512, GNUTLS_SIGN_RSA_PSS_SHA512},
};

static gnutls_sign_algorithm_t scheme_algo(uint16_t scheme, int tls13)
{
    size_t i;

    for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (schemes[i].scheme == scheme)
            return tls13 ? schemes[i].tls13 : schemes[i].tls12;
    return GNUTLS_SIGN_UNKNOWN;
}

tlsi_sigv *tlsi_sigv_new(void)
{
    return (tlsi_sigv *)calloc(1, sizeof(tlsi_sigv));
}

static void drop_transcript(tlsi_sigv *v)
{
    free(v->buf);
    v->buf = NULL;
    v->len = v->cap = 0;
}

void tlsi_sigv_free(tlsi_sigv *v)
{
    if (!v)
        return;
    drop_transcript(v);
    if (v->key[0])
        gnutls_pubkey_deinit(v->key[0]);
    if (v->key[1])
        gnutls_pubkey_deinit(v->key[1]);
    free(v);
}

const tlsi_sigv_summary *tlsi_sigv_get_summary(const tlsi_sigv *v)
{
    return &v->sum;
}

static void transcript_add(tlsi_sigv *v, const uint8_t *msg, size_t len)
{
    if (v->overflow)
        return;
    if (len > SIGV_MAX_TRANSCRIPT - v->len) {
        v->overflow = 1;
        drop_transcript(v);
        return;
    }
    if (v->len + len > v->cap) {
        size_t cap = v->cap ? v->cap : 4096;
        uint8_t *nb;
        while (cap < v->len + len)
            cap *= 2;
        nb = (uint8_t *)realloc(v->buf, cap);
        if (!nb) {
            v->overflow = 1;
            drop_transcript(v);
            return;
        }
        v->buf = nb;
        v->cap = cap;
    }
    memcpy(v->buf + v->len, msg, len);
    v->len += len;
}

static void set_result(tlsi_sigv *v, tlsi_sigv_result *res, tlsi_sig_status st, const char *why)
{
    res->sig = st;
    snprintf(res->why, sizeof res->why, "%s", why ? why : "");
    if (st == TLSI_SIG_OK)
        v->sum.sig_ok++;
    else if (st == TLSI_SIG_BAD)
        v->sum.sig_bad++;
    else if (st == TLSI_SIG_UNCHECKED)
        v->sum.sig_unchecked++;
}

/* GnuTLS's answer as a status: a signature that does not verify, or that
 * is not even well-formed for the key, is BAD; an algorithm GnuTLS lacks
 * leaves it UNCHECKED. */
static tlsi_sig_status gnutls_status(int rc, char *why, size_t why_len)
{
    if (rc >= 0)
        return TLSI_SIG_OK;
    snprintf(why, why_len, "%s", gnutls_strerror(rc));
    if (rc == GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM || rc == GNUTLS_E_UNKNOWN_PK_ALGORITHM ||
        rc == GNUTLS_E_UNKNOWN_ALGORITHM)
        return TLSI_SIG_UNCHECKED;
    return TLSI_SIG_BAD;
}

/*
 * Check sig over data with key. scheme_present: the TLS 1.2 / 1.3 form
 * names the scheme; otherwise (TLS 1.0/1.1, SSL 3.0 ServerKeyExchange)
 * RSA signs MD5(data) + SHA-1(data) without a DigestInfo and DSA / ECDSA
 * sign SHA-1(data) (RFC 4346 4.7, RFC 4492 5.4).
 */
static tlsi_sig_status verify(gnutls_pubkey_t key, const tlsi_signature *s, const uint8_t *body,
                              int tls13, const uint8_t *data, size_t len, char *why,
                              size_t why_len)
{
    gnutls_datum_t d = {(unsigned char *)data, (unsigned int)len};
    gnutls_datum_t sig = {(unsigned char *)body + s->signature.off, s->signature.len};
    int pk = gnutls_pubkey_get_pk_algorithm(key, NULL);
    gnutls_sign_algorithm_t algo;

    if (s->has_scheme) {
        algo = scheme_algo(s->scheme, tls13);
        if (algo == GNUTLS_SIGN_UNKNOWN) {
            snprintf(why, why_len, "signature scheme 0x%04x is not checked%s", s->scheme,
                     tls13 ? " (not allowed in TLS 1.3)" : "");
            return tls13 && scheme_algo(s->scheme, 0) != GNUTLS_SIGN_UNKNOWN ? TLSI_SIG_BAD
                                                                             : TLSI_SIG_UNCHECKED;
        }
        return gnutls_status(gnutls_pubkey_verify_data2(key, algo, SIGV_FLAGS, &d, &sig), why,
                             why_len);
    }
    if (pk == GNUTLS_PK_RSA) {
        uint8_t h[36];
        gnutls_datum_t hd = {h, sizeof h};
        gcry_md_hash_buffer(GCRY_MD_MD5, h, data, len);
        gcry_md_hash_buffer(GCRY_MD_SHA1, h + 16, data, len);
        return gnutls_status(gnutls_pubkey_verify_hash2(key, GNUTLS_SIGN_UNKNOWN,
                                                        SIGV_FLAGS | GNUTLS_VERIFY_USE_TLS1_RSA,
                                                        &hd, &sig),
                             why, why_len);
    }
    algo = pk == GNUTLS_PK_DSA ? GNUTLS_SIGN_DSA_SHA1
                               : pk == GNUTLS_PK_ECDSA ? GNUTLS_SIGN_ECDSA_SHA1 : GNUTLS_SIGN_UNKNOWN;
    if (algo == GNUTLS_SIGN_UNKNOWN) {
        snprintf(why, why_len, "a %s key cannot sign without a signature scheme",
                 gnutls_pk_get_name((gnutls_pk_algorithm_t)pk));
        return TLSI_SIG_BAD;
    }
    return gnutls_status(gnutls_pubkey_verify_data2(key, algo, SIGV_FLAGS, &d, &sig), why,
                         why_len);
}

/* ---- certificates ---- */

/* One DER element at r: its whole encoding (tag and length included). */
static int der_element(tlsi_rd *r, const uint8_t **start, size_t *len, tlsi_rd *content)
{
    const uint8_t *s = r->p;
    uint8_t tag, l0, b;
    size_t n = 0;
    unsigned i;

    if (tlsi_rd_u8(r, &tag) || tlsi_rd_u8(r, &l0))
        return -1;
    if (l0 < 0x80) {
        n = l0;
    } else {
        /* Long form: at most 4 length bytes (a certificate is < 2^24 here). */
        if ((l0 & 0x7f) == 0 || (l0 & 0x7f) > 4)
            return -1;
        for (i = 0; i < (unsigned)(l0 & 0x7f); i++) {
            if (tlsi_rd_u8(r, &b))
                return -1;
            n = (n << 8) | b;
        }
    }
    if (tlsi_rd_sub(r, n, content))
        return -1;
    *start = s;
    *len = (size_t)(r->p - s);
    return 0;
}

/* Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }
 * (RFC 5280 4.1): the bytes the issuer signed are tbsCertificate whole. */
static int cert_tbs(const uint8_t *der, size_t len, gnutls_datum_t *tbs)
{
    tlsi_rd r, outer, inner;
    const uint8_t *s;
    size_t n;

    tlsi_rd_init(&r, der, len);
    if (der_element(&r, &s, &n, &outer) || der_element(&outer, &s, &n, &inner))
        return -1;
    tbs->data = (unsigned char *)s;
    tbs->size = (unsigned int)n;
    return 0;
}

static int crt_import(const uint8_t *der, size_t len, gnutls_x509_crt_t *crt)
{
    gnutls_datum_t d = {(unsigned char *)der, (unsigned int)len};

    if (gnutls_x509_crt_init(crt) < 0)
        return -1;
    if (gnutls_x509_crt_import(*crt, &d, GNUTLS_X509_FMT_DER) < 0) {
        gnutls_x509_crt_deinit(*crt);
        return -1;
    }
    return 0;
}

/* Is the certificate (der) signed by the key of issuer? */
static tlsi_sig_status chain_link(const uint8_t *der, size_t len, gnutls_x509_crt_t crt,
                                  gnutls_x509_crt_t issuer)
{
    gnutls_datum_t tbs, sig;
    uint8_t sigbuf[1024];
    size_t sig_len = sizeof sigbuf;
    int algo = gnutls_x509_crt_get_signature_algorithm(crt);
    gnutls_pubkey_t key;
    int rc;

    if (algo <= 0 || cert_tbs(der, len, &tbs) ||
        gnutls_x509_crt_get_signature(crt, (char *)sigbuf, &sig_len) < 0)
        return TLSI_SIG_UNCHECKED;
    if (gnutls_pubkey_init(&key) < 0)
        return TLSI_SIG_UNCHECKED;
    if (gnutls_pubkey_import_x509(key, issuer, 0) < 0) {
        gnutls_pubkey_deinit(key);
        return TLSI_SIG_UNCHECKED;
    }
    sig.data = sigbuf;
    sig.size = (unsigned int)sig_len;
    rc = gnutls_pubkey_verify_data2(key, (gnutls_sign_algorithm_t)algo, SIGV_FLAGS, &tbs, &sig);
    gnutls_pubkey_deinit(key);
    if (rc == GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM || rc == GNUTLS_E_UNKNOWN_PK_ALGORITHM)
        return TLSI_SIG_UNCHECKED;
    return rc >= 0 ? TLSI_SIG_OK : TLSI_SIG_BAD;
}

/* The sender's end-entity key: from its certificate, already imported (crt,
 * NULL when it did not import), else the DER as a raw public key (RFC 7250).
 * Taking it from crt rather than from the DER again halves the X.509 parsing,
 * most of a handshake's cost under a tree. */
static void take_key(tlsi_sigv *v, int side, gnutls_x509_crt_t crt, const uint8_t *der,
                     size_t len)
{
    gnutls_datum_t d = {(unsigned char *)der, (unsigned int)len};

    if (v->key[side])
        gnutls_pubkey_deinit(v->key[side]);
    v->key[side] = NULL;
    if (gnutls_pubkey_init(&v->key[side]) < 0)
        return;
    if ((!crt || gnutls_pubkey_import_x509(v->key[side], crt, 0) < 0) &&
        gnutls_pubkey_import(v->key[side], &d, GNUTLS_X509_FMT_DER) < 0) {
        gnutls_pubkey_deinit(v->key[side]);
        v->key[side] = NULL;
    }
}

static void on_certificate(tlsi_sigv *v, int from_server, const uint8_t *body, size_t len,
                           tlsi_sigv_result *res)
{
    tlsi_hs_ctx ctx = {v->version, TLSI_KEX_NULL, from_server};
    tlsi_certificate c;
    tlsi_cert_iter it;
    tlsi_cert_entry e[TLSI_SIGV_MAX_CHAIN + 1];
    gnutls_x509_crt_t crt[TLSI_SIGV_MAX_CHAIN + 1];
    int ok[TLSI_SIGV_MAX_CHAIN + 1];
    uint32_t n = 0, i, err_off;

    if (v->key[from_server])
        gnutls_pubkey_deinit(v->key[from_server]);
    v->key[from_server] = NULL;
    if (tlsi_certificate_parse(body, len, &ctx, &c, &err_off) != TLSI_OK)
        return;
    tlsi_cert_iter_init(&it, body, &c);
    while (n < TLSI_SIGV_MAX_CHAIN + 1 && tlsi_cert_next(&it, &e[n]))
        n++;
    if (n == 0)
        return;
    for (i = 0; i < n; i++)
        ok[i] = crt_import(body + e[i].cert.off, e[i].cert.len, &crt[i]) == 0;
    take_key(v, from_server, ok[0] ? crt[0] : NULL, body + e[0].cert.off, e[0].cert.len);
    res->n_certs = n < TLSI_SIGV_MAX_CHAIN ? n : TLSI_SIGV_MAX_CHAIN;
    for (i = 0; i < res->n_certs; i++) {
        res->chain[i] = TLSI_SIG_UNCHECKED;
        if (i + 1 < n && ok[i] && ok[i + 1])
            res->chain[i] = chain_link(body + e[i].cert.off, e[i].cert.len, crt[i], crt[i + 1]);
        v->sum.chain_ok += res->chain[i] == TLSI_SIG_OK;
        v->sum.chain_bad += res->chain[i] == TLSI_SIG_BAD;
    }
    for (i = 0; i < n; i++)
        if (ok[i])
            gnutls_x509_crt_deinit(crt[i]);
}

/* ---- signed messages ---- */

static void on_server_key_exchange(tlsi_sigv *v, const uint8_t *body, size_t len,
                                   tlsi_sigv_result *res)
{
    tlsi_hs_ctx ctx = {v->version, v->suite ? v->suite->kex : TLSI_KEX_NULL, 1};
    tlsi_server_key_exchange ske;
    uint32_t err_off;
    uint8_t *data;
    char why[128] = "";
    tlsi_sig_status st;

    if (!v->suite || tlsi_server_key_exchange_parse(body, len, &ctx, &ske, &err_off) != TLSI_OK)
        return;
    if (!ske.sig.present)
        return; /* anonymous or PSK key exchange: nothing signed */
    if (!v->have_randoms || !v->key[1]) {
        set_result(v, res, TLSI_SIG_UNCHECKED,
                   v->key[1] ? "hello randoms not captured" : "no server certificate key");
        return;
    }
    data = (uint8_t *)malloc(64 + (size_t)ske.params.len);
    if (!data)
        return;
    memcpy(data, v->client_random, 32);
    memcpy(data + 32, v->server_random, 32);
    memcpy(data + 64, body + ske.params.off, ske.params.len);
    st = verify(v->key[1], &ske.sig, body, 0, data, 64 + (size_t)ske.params.len, why, sizeof why);
    free(data);
    set_result(v, res, st, why);
}

/* RFC 8446 4.4.3: the content a TLS 1.3 CertificateVerify signs. */
static size_t tls13_cv_content(const tlsi_sigv *v, int from_server, uint8_t *out, char *why,
                               size_t why_len)
{
    const char *ctx = from_server ? "TLS 1.3, server CertificateVerify"
                                  : "TLS 1.3, client CertificateVerify";
    const tlsi_hash_params *hp = tlsi_hash_params_get(v->suite->prf);
    size_t n = 64 + strlen(ctx) + 1;

    if (!hp || !hp->gcry_md || !hp->len) {
        snprintf(why, why_len, "transcript hash of the suite not available");
        return 0;
    }
    memset(out, 0x20, 64);
    memcpy(out + 64, ctx, strlen(ctx) + 1);
    gcry_md_hash_buffer(hp->gcry_md, out + n, v->buf, v->len);
    return n + hp->len;
}

static void on_certificate_verify(tlsi_sigv *v, int from_server, const uint8_t *body, size_t len,
                                  tlsi_sigv_result *res)
{
    tlsi_hs_ctx ctx = {v->version, TLSI_KEX_NULL, from_server};
    tlsi_signature sig;
    uint32_t err_off;
    uint8_t content[64 + 40 + 64];
    char why[128] = "";
    tlsi_sig_status st;
    size_t n;
    int tls13 = v->version == TLSI_TLS13;

    if (tlsi_certificate_verify_parse(body, len, &ctx, &sig, &err_off) != TLSI_OK)
        return;
    if (!v->key[from_server] || v->overflow || !v->buf || (tls13 && !v->suite) ||
        v->version == TLSI_SSL3 || (tls13 && v->finished >= 2 && !v->base_set)) {
        set_result(v, res, TLSI_SIG_UNCHECKED,
                   !v->key[from_server] ? "no certificate key of the signer"
                   : v->version == TLSI_SSL3 ? "SSL 3.0 CertificateVerify is not checked"
                   : (tls13 && v->finished >= 2 && !v->base_set)
                       ? "post-handshake authentication not offered in the ClientHello seen"
                                                 : "handshake messages not all captured");
        return;
    }
    if (!tls13) {
        st = verify(v->key[from_server], &sig, body, 0, v->buf, v->len, why, sizeof why);
    } else if ((n = tls13_cv_content(v, from_server, content, why, sizeof why)) == 0) {
        st = TLSI_SIG_UNCHECKED;
    } else {
        st = verify(v->key[from_server], &sig, body, 1, content, n, why, sizeof why);
    }
    set_result(v, res, st, why);
}

/* ---- hellos ---- */

static void on_client_hello(tlsi_sigv *v, const uint8_t *body, size_t len)
{
    tlsi_client_hello ch;
    tlsi_ext e;
    uint32_t err_off;

    /* A new handshake (or renegotiation) starts a new transcript, except
     * ClientHello2 after a HelloRetryRequest (RFC 8446 4.4.1). */
    if (!v->hrr) {
        drop_transcript(v);
        v->overflow = 0;
        v->finished = 0;
        v->have_randoms = 0;
        v->base_set = 0;
    }
    v->hrr = 0;
    (void)tlsi_client_hello_parse(body, len, &ch, &err_off);
    if (ch.random.random.len == 32)
        memcpy(v->client_random, body + ch.random.random.off, 32);
    v->pha_offered = ch.has_extensions &&
                     tlsi_ext_find(body, ch.extensions, TLSI_EXT_POST_HANDSHAKE_AUTH, &e);
}

/* RFC 8446 4.4.1: ClientHello1 is replaced by message_hash(Hash(CH1)). */
static void hrr_rewrite(tlsi_sigv *v)
{
    const tlsi_hash_params *hp = v->suite ? tlsi_hash_params_get(v->suite->prf) : NULL;
    uint8_t m[4 + 64];

    if (!hp || !hp->gcry_md || hp->len > 64 || !v->buf) {
        v->overflow = 1; /* the transcript cannot be rebuilt: later checks say so */
        drop_transcript(v);
        return;
    }
    m[0] = 254;
    m[1] = 0;
    m[2] = 0;
    m[3] = hp->len;
    gcry_md_hash_buffer(hp->gcry_md, m + 4, v->buf, v->len);
    v->len = 0;
    transcript_add(v, m, 4 + (size_t)hp->len);
}

static void on_server_hello(tlsi_sigv *v, const uint8_t *body, size_t len)
{
    tlsi_server_hello sh;
    uint32_t err_off;

    (void)tlsi_server_hello_parse(body, len, &sh, &err_off);
    if (sh.random.random.len != 32)
        return;
    v->suite = tlsi_suite_find(sh.cipher_suite);
    v->version = tlsi_negotiated_version(&sh);
    if (tlsi_version_is_tls13(v->version))
        v->version = TLSI_TLS13;
    if (sh.is_hrr) {
        v->hrr = 1;
        hrr_rewrite(v);
        return;
    }
    memcpy(v->server_random, body + sh.random.random.off, 32);
    v->have_randoms = 1;
}

void tlsi_sigv_handshake(tlsi_sigv *v, int from_server, const uint8_t *msg, size_t len,
                         tlsi_sigv_result *res)
{
    const uint8_t *body = msg + 4;
    size_t blen;

    memset(res, 0, sizeof *res);
    if (!v || len < 4)
        return;
    blen = len - 4; /* cannot underflow: checked above */
    if (blen != tlsi_load24(msg + 1))
        return;
    switch (msg[0]) {
    case TLSI_HS_HELLO_REQUEST:
        return; /* never part of the transcript (RFC 5246 7.4.1.1) */
    case TLSI_HS_CLIENT_HELLO:
        on_client_hello(v, body, blen);
        break;
    case TLSI_HS_SERVER_HELLO:
        on_server_hello(v, body, blen);
        break;
    case TLSI_HS_CERTIFICATE:
        on_certificate(v, from_server, body, blen, res);
        break;
    case TLSI_HS_SERVER_KEY_EXCHANGE:
        on_server_key_exchange(v, body, blen, res);
        break;
    case TLSI_HS_CERTIFICATE_VERIFY:
        on_certificate_verify(v, from_server, body, blen, res);
        break;
    case TLSI_HS_FINISHED:
        v->finished++;
        break;
    default:
        break;
    }
    if (v->finished < 2) {
        transcript_add(v, msg, len);
        return;
    }
    /* After both Finished messages only TLS 1.3 post-handshake
     * authentication signs over the transcript, and only when the client
     * offered it: keep the handshake through the client Finished as the base
     * every CertificateRequest starts again from (RFC 8446 4.4). */
    if (v->version != TLSI_TLS13 || !v->pha_offered || v->overflow || !v->buf) {
        drop_transcript(v);
        return;
    }
    if (!v->base_set) {
        transcript_add(v, msg, len); /* the client Finished that ends the handshake */
        v->base_len = v->len;
        v->base_set = 1;
        return;
    }
    if (msg[0] == TLSI_HS_CERTIFICATE_REQUEST && from_server)
        v->len = v->base_len;
    if (msg[0] == TLSI_HS_CERTIFICATE_REQUEST || msg[0] == TLSI_HS_CERTIFICATE ||
        msg[0] == TLSI_HS_CERTIFICATE_VERIFY)
        transcript_add(v, msg, len);
}
