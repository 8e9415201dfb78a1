/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * handshake.c - handshake framing and the per-message parsers (see
 * handshake.h). Each parser reads like the RFC struct it names; where a
 * message's layout depends on a version the capture did not show (ctx->version
 * == 0), the layouts are tried in turn and the first that consumes the body
 * exactly is kept.
 */
#include "handshake.h"

#include <string.h>

#include "hs_internal.h"

/* SHA-256("HelloRetryRequest"), RFC 8446 4.1.3. */
const uint8_t tlsi_hrr_random[32] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

/* RFC 8446 4.1.3: the last 8 bytes of a TLS 1.3 server's random when it
 * negotiates TLS 1.2 ("DOWNGRD" 01) or TLS 1.1 and below ("DOWNGRD" 00). */
static const uint8_t downgrade_prefix[7] = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44};

tlsi_err tlsi_hs_header_parse(const uint8_t *buf, size_t len, tlsi_hs_header *out)
{
    tlsi_rd r;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, buf, len);
    if (tlsi_rd_u8(&r, &out->type) != TLSI_OK || tlsi_rd_u24(&r, &out->length) != TLSI_OK)
        return TLSI_ERR_SHORT;
    out->body.off = 4;
    out->body.len = out->length;
    return TLSI_OK;
}

/* Keep the first soft error (a duplicate extension) while parsing goes on. */
typedef struct {
    tlsi_err err;
    uint32_t off;
} soft_err;

static tlsi_err soft_keep(soft_err *s, tlsi_err e, uint32_t off)
{
    if (e == TLSI_ERR_DUPLICATE) {
        if (s->err == TLSI_OK) {
            s->err = e;
            s->off = off;
        }
        return TLSI_OK;
    }
    return e;
}

static tlsi_err soft_done(const soft_err *s, uint32_t *err_off)
{
    return s->err ? hs_fail(s->err, s->off, err_off) : TLSI_OK;
}

static tlsi_err read_random(tlsi_rd *r, tlsi_random *out, const uint8_t *base, uint32_t *err_off)
{
    TLSI_CHECK(hs_fixed(r, 32, &out->random, base, err_off));
    out->gmt_unix_time =
        ((uint32_t)base[out->random.off] << 24) | tlsi_load24(base + out->random.off + 1);
    out->random_bytes.off = out->random.off + 4;
    out->random_bytes.len = 28;
    return TLSI_OK;
}

/* An optional extensions block at the end of a hello: absent when nothing is
 * left (RFC 5246 7.4.1.2: "the presence of extensions can be detected by
 * determining whether there are bytes following the compression_methods"). */
static tlsi_err optional_extensions(tlsi_rd *r, tlsi_ext_ctx ctx, int *has, tlsi_span *block,
                                    uint32_t *count, soft_err *soft, const uint8_t *base,
                                    uint32_t *err_off)
{
    tlsi_err e;

    if (tlsi_rd_left(r) == 0)
        return TLSI_OK;
    *has = 1;
    e = hs_extensions(r, ctx, block, count, base, err_off);
    return soft_keep(soft, e, *err_off);
}

/* ---- ClientHello: RFC 8446 4.1.2, RFC 5246 7.4.1.2 ----
 * struct { ProtocolVersion legacy_version; Random random;
 *          opaque legacy_session_id<0..32>; CipherSuite cipher_suites<2..2^16-2>;
 *          opaque legacy_compression_methods<1..2^8-1>;
 *          Extension extensions<8..2^16-1>; } ClientHello; */
tlsi_err tlsi_client_hello_parse(const uint8_t *buf, size_t len, tlsi_client_hello *out,
                                 uint32_t *err_off)
{
    tlsi_rd r;
    soft_err soft = {TLSI_OK, 0};

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, buf, len);
    TLSI_CHECK(hs_u16(&r, &out->legacy_version, buf, err_off));
    TLSI_CHECK(read_random(&r, &out->random, buf, err_off));
    TLSI_CHECK(hs_opaque(&r, 1, 0, 32, &out->session_id, buf, err_off));
    TLSI_CHECK(hs_list_fixed(&r, 2, 2, 0xfffe, 2, &out->cipher_suites, buf, err_off));
    TLSI_CHECK(hs_list_fixed(&r, 1, 1, 0xff, 1, &out->compression_methods, buf, err_off));
    TLSI_CHECK(optional_extensions(&r, TLSI_EXT_CTX_CLIENT_HELLO, &out->has_extensions,
                                   &out->extensions, &out->n_extensions, &soft, buf, err_off));
    TLSI_CHECK(hs_close(&r, buf, err_off));
    return soft_done(&soft, err_off);
}

/* ---- ServerHello: RFC 8446 4.1.3, RFC 5246 7.4.1.3 ----
 * struct { ProtocolVersion legacy_version; Random random;
 *          opaque legacy_session_id_echo<0..32>; CipherSuite cipher_suite;
 *          uint8 legacy_compression_method; Extension extensions<6..2^16-1>; }
 * TLS 1.3 drafts before 22 (versions 0x7f0e..0x7f15) sent
 * struct { ProtocolVersion version; Random random; CipherSuite cipher_suite;
 *          Extension extensions<0..2^16-1>; }. */
static int is_early_draft(uint16_t v)
{
    return v >= 0x7f0e && v <= 0x7f15;
}

/* supported_versions and key_share decide how the rest of the connection is
 * read, so the ServerHello parser extracts them. */
static tlsi_err server_hello_exts(const uint8_t *buf, tlsi_server_hello *out, tlsi_ext_ctx ctx,
                                  uint32_t *err_off)
{
    tlsi_ext ext;
    tlsi_ext_value v;

    if (tlsi_ext_find(buf, out->extensions, TLSI_EXT_SUPPORTED_VERSIONS, &ext)) {
        TLSI_CHECK(tlsi_ext_parse(buf, &ext, ctx, &v, err_off));
        out->selected_version = v.u.supported_versions.selected;
    }
    if (tlsi_ext_find(buf, out->extensions, TLSI_EXT_KEY_SHARE, &ext)) {
        TLSI_CHECK(tlsi_ext_parse(buf, &ext, ctx, &v, err_off));
        out->key_share_group = v.u.key_share.group;
    }
    return TLSI_OK;
}

tlsi_err tlsi_server_hello_parse(const uint8_t *buf, size_t len, tlsi_server_hello *out,
                                 uint32_t *err_off)
{
    tlsi_rd r;
    soft_err soft = {TLSI_OK, 0};
    tlsi_ext_ctx ctx;
    const uint8_t *tail;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, buf, len);
    TLSI_CHECK(hs_u16(&r, &out->legacy_version, buf, err_off));
    TLSI_CHECK(read_random(&r, &out->random, buf, err_off));
    out->is_hrr = memcmp(buf + out->random.random.off, tlsi_hrr_random, 32) == 0;
    tail = buf + out->random.random.off + 24;
    if (memcmp(tail, downgrade_prefix, 7) == 0 && (tail[7] == 0 || tail[7] == 1))
        out->downgrade = tail[7] == 1 ? TLSI_DOWNGRADE_TLS12 : TLSI_DOWNGRADE_TLS11;
    ctx = out->is_hrr ? TLSI_EXT_CTX_HELLO_RETRY_REQUEST : TLSI_EXT_CTX_SERVER_HELLO;

    out->draft_format = is_early_draft(out->legacy_version);
    if (!out->draft_format)
        TLSI_CHECK(hs_opaque(&r, 1, 0, 32, &out->session_id, buf, err_off));
    {
        /* The span is set only once the two bytes are known to be there. */
        uint32_t suite_off = hs_off(&r, buf);
        TLSI_CHECK(hs_u16(&r, &out->cipher_suite, buf, err_off));
        out->cipher_suite_span.off = suite_off;
        out->cipher_suite_span.len = 2;
    }
    if (!out->draft_format) {
        uint32_t comp_off = hs_off(&r, buf);
        TLSI_CHECK(hs_u8(&r, &out->compression_method, buf, err_off));
        out->compression_span.off = comp_off;
        out->compression_span.len = 1;
    }
    TLSI_CHECK(optional_extensions(&r, ctx, &out->has_extensions, &out->extensions,
                                   &out->n_extensions, &soft, buf, err_off));
    TLSI_CHECK(hs_close(&r, buf, err_off));
    if (out->has_extensions)
        TLSI_CHECK(server_hello_exts(buf, out, ctx, err_off));
    return soft_done(&soft, err_off);
}

uint16_t tlsi_negotiated_version(const tlsi_server_hello *sh)
{
    return sh->selected_version ? sh->selected_version : sh->legacy_version;
}

/* The layouts a version-dependent message can take. */
typedef enum {
    LAYOUT_UNKNOWN = 0, /* try them all */
    LAYOUT_SSL3,        /* SSL 3.0 */
    LAYOUT_TLS10,       /* TLS 1.0 - 1.1 */
    LAYOUT_TLS12,
    LAYOUT_TLS13,
} layout;

static layout layout_of(uint16_t version)
{
    if (version == 0)
        return LAYOUT_UNKNOWN;
    if (tlsi_version_is_tls13(version))
        return LAYOUT_TLS13;
    if (version == TLSI_SSL3)
        return LAYOUT_SSL3;
    if (version == TLSI_TLS10 || version == TLSI_TLS11)
        return LAYOUT_TLS10;
    return LAYOUT_TLS12; /* TLS 1.2 and anything newer that is not 1.3-like */
}

/* ---- Certificate ---- */

static tlsi_err certificate_layout(const uint8_t *buf, size_t len, int tls13, tlsi_certificate *out,
                                   uint32_t *err_off)
{
    tlsi_rd r, list, cert;
    soft_err soft = {TLSI_OK, 0};

    memset(out, 0, sizeof(*out));
    out->tls13 = tls13;
    tlsi_rd_init(&r, buf, len);
    if (tls13)
        TLSI_CHECK(hs_opaque(&r, 1, 0, 0xff, &out->request_context, buf, err_off));
    TLSI_CHECK(hs_vec(&r, 3, 0, 0xffffff, &list, buf, err_off));
    out->list = hs_rest(&list, buf);
    while (tlsi_rd_left(&list)) {
        TLSI_CHECK(hs_vec(&list, 3, 1, 0xffffff, &cert, buf, err_off));
        if (tls13) {
            tlsi_span block;
            tlsi_err e = hs_extensions(&list, TLSI_EXT_CTX_CERTIFICATE, &block, NULL, buf, err_off);
            TLSI_CHECK(soft_keep(&soft, e, *err_off));
        }
        out->count++;
    }
    TLSI_CHECK(hs_close(&r, buf, err_off));
    return soft_done(&soft, err_off);
}

tlsi_err tlsi_certificate_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                tlsi_certificate *out, uint32_t *err_off)
{
    layout l = layout_of(ctx->version);
    tlsi_err e;
    uint32_t off;

    if (l != LAYOUT_UNKNOWN)
        return certificate_layout(buf, len, l == LAYOUT_TLS13, out, err_off);
    if (certificate_layout(buf, len, 0, out, &off) == TLSI_OK)
        return TLSI_OK;
    e = certificate_layout(buf, len, 1, out, err_off);
    if (e == TLSI_OK || e == TLSI_ERR_DUPLICATE)
        return e;
    return certificate_layout(buf, len, 0, out, err_off);
}

void tlsi_cert_iter_init(tlsi_cert_iter *it, const uint8_t *buf, const tlsi_certificate *c)
{
    tlsi_rd_init(&it->rd, buf + c->list.off, c->list.len);
    it->base = buf;
    it->tls13 = c->tls13;
}

int tlsi_cert_next(tlsi_cert_iter *it, tlsi_cert_entry *out)
{
    tlsi_rd save = it->rd, cert, exts;

    memset(out, 0, sizeof(*out));
    out->entry.off = tlsi_rd_offset(&it->rd, it->base);
    if (tlsi_rd_vec(&it->rd, 3, &cert) != TLSI_OK)
        goto bad;
    out->cert = hs_rest(&cert, it->base);
    if (it->tls13) {
        if (tlsi_rd_vec(&it->rd, 2, &exts) != TLSI_OK)
            goto bad;
        out->extensions = hs_rest(&exts, it->base);
    }
    out->entry.len = tlsi_rd_offset(&it->rd, it->base) - out->entry.off;
    return 1;
bad:
    it->rd = save;
    return 0;
}

/* ---- CertificateStatus ---- */

tlsi_err tlsi_certificate_status_parse(const uint8_t *buf, size_t len, tlsi_certificate_status *out,
                                       uint32_t *err_off)
{
    tlsi_rd r;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, buf, len);
    TLSI_CHECK(hs_u8(&r, &out->status_type, buf, err_off));
    if (out->status_type == 1)
        TLSI_CHECK(hs_opaque(&r, 3, 1, 0xffffff, &out->response, buf, err_off));
    else if (out->status_type == 2)
        TLSI_CHECK(
            hs_list_opaque(&r, 3, 1, 0xffffff, 3, 0, 0xffffff, &out->responses, buf, err_off));
    else
        return hs_fail(TLSI_ERR_BAD_VALUE, 0, err_off);
    return hs_close(&r, buf, err_off);
}

/* ---- CertificateURL ---- */

tlsi_err tlsi_certificate_url_parse(const uint8_t *buf, size_t len, tlsi_certificate_url *out,
                                    uint32_t *err_off)
{
    tlsi_rd r, list;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, buf, len);
    TLSI_CHECK(hs_u8(&r, &out->chain_type, buf, err_off));
    if (out->chain_type > 1)
        return hs_fail(TLSI_ERR_BAD_VALUE, 0, err_off);
    TLSI_CHECK(hs_vec(&r, 2, 1, 0xffff, &list, buf, err_off));
    out->urls.items = hs_rest(&list, buf);
    while (tlsi_rd_left(&list)) {
        tlsi_span url, hash;
        uint8_t padding;
        uint32_t at;
        TLSI_CHECK(hs_opaque(&list, 2, 1, 0xffff, &url, buf, err_off));
        at = hs_off(&list, buf);
        TLSI_CHECK(hs_u8(&list, &padding, buf, err_off));
        /* RFC 6066 5: "padding ... MUST be 0x01" (it once flagged an optional hash). */
        if (padding != 1)
            return hs_fail(TLSI_ERR_BAD_VALUE, at, err_off);
        TLSI_CHECK(hs_fixed(&list, 20, &hash, buf, err_off));
        out->urls.count++;
    }
    return hs_close(&r, buf, err_off);
}

int tlsi_url_and_hash_next(tlsi_list_iter *it, tlsi_url_and_hash *out)
{
    tlsi_rd save = it->rd;
    const uint8_t *hash;

    out->entry.off = tlsi_rd_offset(&it->rd, it->base);
    if (!tlsi_list_opaque16_next(it, &out->url) || tlsi_rd_u8(&it->rd, &out->padding) != TLSI_OK)
        goto bad;
    out->padding_span.off = out->url.off + out->url.len;
    out->padding_span.len = 1;
    out->sha1_hash.off = tlsi_rd_offset(&it->rd, it->base);
    out->sha1_hash.len = 20;
    if (tlsi_rd_bytes(&it->rd, 20, &hash) != TLSI_OK)
        goto bad;
    out->entry.len = tlsi_rd_offset(&it->rd, it->base) - out->entry.off;
    return 1;
bad:
    it->rd = save;
    return 0;
}

/* ---- CompressedCertificate ---- */

tlsi_err tlsi_compressed_certificate_parse(const uint8_t *buf, size_t len,
                                           tlsi_compressed_certificate *out, uint32_t *err_off)
{
    tlsi_rd r;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, buf, len);
    TLSI_CHECK(hs_u16(&r, &out->algorithm, buf, err_off));
    TLSI_CHECK(hs_u24(&r, &out->uncompressed_length, buf, err_off));
    TLSI_CHECK(hs_opaque(&r, 3, 1, 0xffffff, &out->compressed, buf, err_off));
    return hs_close(&r, buf, err_off);
}

/* ---- signatures ---- */

static tlsi_err read_signature(tlsi_rd *r, layout l, tlsi_signature *sig, const uint8_t *base,
                               uint32_t *err_off)
{
    memset(sig, 0, sizeof(*sig));
    if (l == LAYOUT_UNKNOWN) {
        /* Take the TLS 1.2 form when its length fits the rest exactly,
         * else the older one when that fits; else read as TLS 1.2 for the error. */
        size_t left = tlsi_rd_left(r);
        if (left >= 2 && tlsi_load16(r->p) == left - 2 &&
            !(left >= 4 && tlsi_load16(r->p + 2) == left - 4))
            l = LAYOUT_TLS10;
        else
            l = LAYOUT_TLS12;
    }
    sig->present = 1;
    if (l == LAYOUT_TLS12 || l == LAYOUT_TLS13) {
        sig->has_scheme = 1;
        sig->scheme_span = (tlsi_span){tlsi_rd_offset(r, base), 2};
        TLSI_CHECK(hs_u16(r, &sig->scheme, base, err_off));
    }
    return hs_opaque(r, 2, 0, 0xffff, &sig->signature, base, err_off);
}

/* ---- ServerKeyExchange ---- */

/* ServerDHParams (RFC 5246 7.4.3): opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>;
 * opaque dh_Ys<1..2^16-1>. */
static tlsi_err read_dh_params(tlsi_rd *r, tlsi_server_key_exchange *out, const uint8_t *base,
                               uint32_t *err_off)
{
    TLSI_CHECK(hs_opaque(r, 2, 1, 0xffff, &out->dh_p, base, err_off));
    TLSI_CHECK(hs_opaque(r, 2, 1, 0xffff, &out->dh_g, base, err_off));
    return hs_opaque(r, 2, 1, 0xffff, &out->dh_ys, base, err_off);
}

/* ECParameters (RFC 8422 5.4): curve_type, then for named_curve (3) the
 * NamedCurve. Only named_curve is still allowed; the explicit curve forms were
 * deprecated and tlsi does not decode them. */
static tlsi_err read_ec_parameters(tlsi_rd *r, tlsi_server_key_exchange *out,
                                   const uint8_t *base, uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);
    TLSI_CHECK(hs_u8(r, &out->curve_type, base, err_off));
    out->curve_type_span = (tlsi_span){at, 1};
    if (out->curve_type != 3)
        return hs_fail(out->curve_type == 1 || out->curve_type == 2 ? TLSI_ERR_UNSUPPORTED
                                                                    : TLSI_ERR_BAD_VALUE,
                       at, err_off);
    TLSI_CHECK(hs_u16(r, &out->named_curve, base, err_off));
    out->named_curve_span = (tlsi_span){at + 1, 2};
    return TLSI_OK;
}

/* ServerECDHParams (RFC 8422 5.4): ECParameters curve_params; ECPoint public
 * (opaque point<1..2^8-1>). */
static tlsi_err read_ecdh_params(tlsi_rd *r, tlsi_server_key_exchange *out, const uint8_t *base,
                                 uint32_t *err_off)
{
    TLSI_CHECK(read_ec_parameters(r, out, base, err_off));
    return hs_opaque(r, 1, 1, 0xff, &out->ec_point, base, err_off);
}

/* ECJPAKEKeyKP (draft-cragie-tls-ecjpake-01): ECPoint X; ECSchnorrZKP { ECPoint V;
 * opaque r<1..2^8-1>; }. ECPoint is opaque point<1..2^8-1> as in RFC 8422. */
static tlsi_err read_ecjpake_kp(tlsi_rd *r, tlsi_ecjpake_kp *kp, const uint8_t *base,
                                uint32_t *err_off)
{
    TLSI_CHECK(hs_opaque(r, 1, 1, 0xff, &kp->x, base, err_off));
    TLSI_CHECK(hs_opaque(r, 1, 1, 0xff, &kp->v, base, err_off));
    return hs_opaque(r, 1, 1, 0xff, &kp->r, base, err_off);
}

/* ServerSRPParams (RFC 5054 2.8.2): opaque srp_N<1..2^16-1>; opaque srp_g<1..2^16-1>;
 * opaque srp_s<1..2^8-1>; opaque srp_B<1..2^16-1>. */
static tlsi_err read_srp_params(tlsi_rd *r, tlsi_server_key_exchange *out, const uint8_t *base,
                                uint32_t *err_off)
{
    TLSI_CHECK(hs_opaque(r, 2, 1, 0xffff, &out->srp_n, base, err_off));
    TLSI_CHECK(hs_opaque(r, 2, 1, 0xffff, &out->srp_g, base, err_off));
    TLSI_CHECK(hs_opaque(r, 1, 1, 0xff, &out->srp_s, base, err_off));
    return hs_opaque(r, 2, 1, 0xffff, &out->srp_b, base, err_off);
}

tlsi_err tlsi_server_key_exchange_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                        tlsi_server_key_exchange *out, uint32_t *err_off)
{
    tlsi_rd r;
    int may_sign = 0;

    memset(out, 0, sizeof(*out));
    out->kex = ctx->kex;
    tlsi_rd_init(&r, buf, len);
    switch (ctx->kex) {
    case TLSI_KEX_RSA_EXPORT:
        /* ServerRSAParams (RFC 4346 7.4.3): opaque rsa_modulus<1..2^16-1>;
         * opaque rsa_exponent<1..2^16-1>. */
        TLSI_CHECK(hs_opaque(&r, 2, 1, 0xffff, &out->rsa_modulus, buf, err_off));
        TLSI_CHECK(hs_opaque(&r, 2, 1, 0xffff, &out->rsa_exponent, buf, err_off));
        may_sign = 1;
        break;
    case TLSI_KEX_DH:
    case TLSI_KEX_DHE:
        TLSI_CHECK(read_dh_params(&r, out, buf, err_off));
        may_sign = 1;
        break;
    case TLSI_KEX_ECDH:
    case TLSI_KEX_ECDHE:
        TLSI_CHECK(read_ecdh_params(&r, out, buf, err_off));
        may_sign = 1;
        break;
    case TLSI_KEX_SRP:
        TLSI_CHECK(read_srp_params(&r, out, buf, err_off));
        may_sign = 1;
        break;
    /* RFC 4279 2-4 and RFC 5489 2: the PSK hint (opaque psk_identity_hint<0..2^16-1>),
     * then the (EC)DH parameters for the ephemeral variants; never signed. */
    case TLSI_KEX_PSK:
    case TLSI_KEX_RSA_PSK:
        TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->psk_identity_hint, buf, err_off));
        break;
    case TLSI_KEX_DHE_PSK:
        TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->psk_identity_hint, buf, err_off));
        TLSI_CHECK(read_dh_params(&r, out, buf, err_off));
        break;
    case TLSI_KEX_ECDHE_PSK:
        TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->psk_identity_hint, buf, err_off));
        TLSI_CHECK(read_ecdh_params(&r, out, buf, err_off));
        break;
    case TLSI_KEX_ECJPAKE:
        /* The draft's ServerKeyExchange: ECParameters curve_params; ECJPAKEKeyKP
         * ecjpake_key_kp. The Schnorr proof authenticates it: never signed. */
        TLSI_CHECK(read_ec_parameters(&r, out, buf, err_off));
        TLSI_CHECK(read_ecjpake_kp(&r, &out->ecjpake, buf, err_off));
        break;
    default:
        return hs_fail(TLSI_ERR_UNSUPPORTED, 0, err_off);
    }
    out->params.off = 0;
    out->params.len = hs_off(&r, buf);
    /* Anonymous (EC)DH and SRP_SHA send no signature: "if (anonymous) struct {}"
     * (RFC 5246 7.4.3), so a signature is read only if bytes follow. */
    if (may_sign && tlsi_rd_left(&r))
        TLSI_CHECK(read_signature(&r, layout_of(ctx->version), &out->sig, buf, err_off));
    return hs_close(&r, buf, err_off);
}

/* ---- ClientKeyExchange ---- */

tlsi_err tlsi_client_key_exchange_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                        tlsi_client_key_exchange *out, uint32_t *err_off)
{
    tlsi_rd r;
    layout l = layout_of(ctx->version);

    memset(out, 0, sizeof(*out));
    out->kex = ctx->kex;
    tlsi_rd_init(&r, buf, len);
    switch (ctx->kex) {
    case TLSI_KEX_RSA:
    case TLSI_KEX_RSA_EXPORT:
        /* RFC 5246 7.4.7.1: public-key-encrypted PreMasterSecret, an opaque<0..2^16-1>
         * in TLS; SSL 3.0 sends the bare ciphertext (RFC 6101 5.6.7.1). Unknown
         * version: the TLS form if its length prefix matches. */
        if (l == LAYOUT_SSL3 ||
            (l == LAYOUT_UNKNOWN && !(len >= 2 && tlsi_load16(buf) == len - 2))) {
            out->ssl3_rsa = 1;
            out->exchange = hs_rest(&r, buf);
            TLSI_CHECK(tlsi_rd_skip(&r, len));
        } else {
            TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->exchange, buf, err_off));
        }
        break;
    case TLSI_KEX_DH:
    case TLSI_KEX_DHE:
        /* RFC 5246 7.4.7.2: ClientDiffieHellmanPublic: implicit (empty) or
         * opaque dh_Yc<1..2^16-1>. */
        if (len == 0)
            out->implicit = 1;
        else
            TLSI_CHECK(hs_opaque(&r, 2, 1, 0xffff, &out->exchange, buf, err_off));
        break;
    case TLSI_KEX_ECDH:
    case TLSI_KEX_ECDHE:
        /* RFC 8422 5.7: ClientECDiffieHellmanPublic: implicit or ECPoint ecdh_Yc. */
        if (len == 0)
            out->implicit = 1;
        else
            TLSI_CHECK(hs_opaque(&r, 1, 1, 0xff, &out->exchange, buf, err_off));
        break;
    case TLSI_KEX_PSK:
        /* RFC 4279 2: opaque psk_identity<0..2^16-1>. */
        TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->psk_identity, buf, err_off));
        break;
    case TLSI_KEX_DHE_PSK:
        /* RFC 4279 3: identity, then ClientDiffieHellmanPublic. */
        TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->psk_identity, buf, err_off));
        TLSI_CHECK(hs_opaque(&r, 2, 1, 0xffff, &out->exchange, buf, err_off));
        break;
    case TLSI_KEX_ECDHE_PSK:
        /* RFC 5489 2: identity, then ClientECDiffieHellmanPublic. */
        TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->psk_identity, buf, err_off));
        TLSI_CHECK(hs_opaque(&r, 1, 1, 0xff, &out->exchange, buf, err_off));
        break;
    case TLSI_KEX_RSA_PSK:
        /* RFC 4279 4: identity, then EncryptedPreMasterSecret (opaque<0..2^16-1>). */
        TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->psk_identity, buf, err_off));
        TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->exchange, buf, err_off));
        break;
    case TLSI_KEX_SRP:
        /* RFC 5054 2.8.3: opaque srp_A<1..2^16-1>. */
        TLSI_CHECK(hs_opaque(&r, 2, 1, 0xffff, &out->exchange, buf, err_off));
        break;
    case TLSI_KEX_ECJPAKE:
        /* draft-cragie-tls-ecjpake-01: ECJPAKEKeyKP ecjpake_key_kp. */
        TLSI_CHECK(read_ecjpake_kp(&r, &out->ecjpake, buf, err_off));
        break;
    default:
        return hs_fail(TLSI_ERR_UNSUPPORTED, 0, err_off);
    }
    return hs_close(&r, buf, err_off);
}

/* ---- CertificateRequest ---- */

static tlsi_err certificate_request_layout(const uint8_t *buf, size_t len, layout l,
                                           tlsi_certificate_request *out, uint32_t *err_off)
{
    tlsi_rd r, exts;
    soft_err soft = {TLSI_OK, 0};

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, buf, len);
    if (l == LAYOUT_TLS13) {
        tlsi_err e;
        out->tls13 = 1;
        TLSI_CHECK(hs_opaque(&r, 1, 0, 0xff, &out->context, buf, err_off));
        /* signature_algorithms is mandatory, so the block is never empty. */
        TLSI_CHECK(hs_vec(&r, 2, 2, 0xffff, &exts, buf, err_off));
        out->extensions = hs_rest(&exts, buf);
        e = tlsi_ext_block_check(buf, out->extensions, TLSI_EXT_CTX_CERTIFICATE_REQUEST,
                                 &out->n_extensions, err_off);
        TLSI_CHECK(soft_keep(&soft, e, *err_off));
    } else {
        TLSI_CHECK(hs_list_fixed(&r, 1, 1, 0xff, 1, &out->cert_types, buf, err_off));
        if (l == LAYOUT_TLS12) {
            out->has_sig_algs = 1;
            TLSI_CHECK(hs_list_fixed(&r, 2, 2, 0xfffe, 2, &out->sig_algs, buf, err_off));
        }
        TLSI_CHECK(hs_list_opaque(&r, 2, 0, 0xffff, 2, 1, 0xffff, &out->cas, buf, err_off));
    }
    TLSI_CHECK(hs_close(&r, buf, err_off));
    return soft_done(&soft, err_off);
}

tlsi_err tlsi_certificate_request_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                        tlsi_certificate_request *out, uint32_t *err_off)
{
    layout l = layout_of(ctx->version);
    tlsi_err e;
    uint32_t off;

    if (l == LAYOUT_SSL3)
        l = LAYOUT_TLS10;
    if (l != LAYOUT_UNKNOWN)
        return certificate_request_layout(buf, len, l, out, err_off);
    e = certificate_request_layout(buf, len, LAYOUT_TLS12, out, &off);
    if (e == TLSI_OK)
        return e;
    if (certificate_request_layout(buf, len, LAYOUT_TLS10, out, &off) == TLSI_OK)
        return TLSI_OK;
    if (certificate_request_layout(buf, len, LAYOUT_TLS13, out, &off) == TLSI_OK)
        return TLSI_OK;
    return certificate_request_layout(buf, len, LAYOUT_TLS12, out, err_off);
}

/* ---- CertificateVerify ----
 * RFC 8446 4.4.3: SignatureScheme algorithm; opaque signature<0..2^16-1>.
 * RFC 5246 7.4.8: digitally-signed struct (TLS 1.2 form).
 * RFC 4346 7.4.8 / RFC 6101: the signature alone. */
tlsi_err tlsi_certificate_verify_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                       tlsi_signature *out, uint32_t *err_off)
{
    tlsi_rd r;

    tlsi_rd_init(&r, buf, len);
    TLSI_CHECK(read_signature(&r, layout_of(ctx->version), out, buf, err_off));
    return hs_close(&r, buf, err_off);
}

/* ---- Finished ---- */

tlsi_err tlsi_finished_parse(const uint8_t *buf, size_t len, tlsi_finished *out, uint32_t *err_off)
{
    out->verify_data.off = 0;
    out->verify_data.len = (uint32_t)len;
    return TLSI_OK;
}

/* ---- NewSessionTicket ---- */

static tlsi_err new_session_ticket_layout(const uint8_t *buf, size_t len, int tls13,
                                          tlsi_new_session_ticket *out, uint32_t *err_off)
{
    tlsi_rd r, exts;
    soft_err soft = {TLSI_OK, 0};

    memset(out, 0, sizeof(*out));
    out->tls13 = tls13;
    tlsi_rd_init(&r, buf, len);
    TLSI_CHECK(hs_u32(&r, &out->lifetime, buf, err_off));
    if (!tls13) {
        TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->ticket, buf, err_off));
    } else {
        tlsi_err e;
        TLSI_CHECK(hs_u32(&r, &out->age_add, buf, err_off));
        TLSI_CHECK(hs_opaque(&r, 1, 0, 0xff, &out->nonce, buf, err_off));
        TLSI_CHECK(hs_opaque(&r, 2, 1, 0xffff, &out->ticket, buf, err_off));
        TLSI_CHECK(hs_vec(&r, 2, 0, 0xfffe, &exts, buf, err_off));
        out->extensions = hs_rest(&exts, buf);
        e = tlsi_ext_block_check(buf, out->extensions, TLSI_EXT_CTX_NEW_SESSION_TICKET,
                                 &out->n_extensions, err_off);
        TLSI_CHECK(soft_keep(&soft, e, *err_off));
    }
    TLSI_CHECK(hs_close(&r, buf, err_off));
    return soft_done(&soft, err_off);
}

tlsi_err tlsi_new_session_ticket_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                       tlsi_new_session_ticket *out, uint32_t *err_off)
{
    layout l = layout_of(ctx->version);
    uint32_t off;

    if (l != LAYOUT_UNKNOWN)
        return new_session_ticket_layout(buf, len, l == LAYOUT_TLS13, out, err_off);
    if (new_session_ticket_layout(buf, len, 0, out, &off) == TLSI_OK)
        return TLSI_OK;
    if (new_session_ticket_layout(buf, len, 1, out, &off) == TLSI_OK)
        return TLSI_OK;
    return new_session_ticket_layout(buf, len, 0, out, err_off);
}

/* ---- small messages ---- */

tlsi_err tlsi_key_update_parse(const uint8_t *buf, size_t len, uint8_t *request_update,
                               uint32_t *err_off)
{
    tlsi_rd r;

    *request_update = 0;
    tlsi_rd_init(&r, buf, len);
    TLSI_CHECK(hs_u8(&r, request_update, buf, err_off));
    /* enum { update_not_requested(0), update_requested(1), (255) } */
    if (*request_update > 1)
        return hs_fail(TLSI_ERR_BAD_VALUE, 0, err_off);
    return hs_close(&r, buf, err_off);
}

tlsi_err tlsi_encrypted_extensions_parse(const uint8_t *buf, size_t len,
                                         tlsi_encrypted_extensions *out, uint32_t *err_off)
{
    tlsi_rd r;
    soft_err soft = {TLSI_OK, 0};
    tlsi_err e;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, buf, len);
    e = hs_extensions(&r, TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS, &out->extensions, &out->n_extensions,
                      buf, err_off);
    TLSI_CHECK(soft_keep(&soft, e, *err_off));
    TLSI_CHECK(hs_close(&r, buf, err_off));
    return soft_done(&soft, err_off);
}

tlsi_err tlsi_empty_parse(const uint8_t *buf, size_t len, uint32_t *err_off)
{
    return len ? hs_fail(TLSI_ERR_TRAILING, 0, err_off) : TLSI_OK;
}

tlsi_err tlsi_next_protocol_parse(const uint8_t *buf, size_t len, tlsi_next_protocol *out,
                                  uint32_t *err_off)
{
    tlsi_rd r;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, buf, len);
    TLSI_CHECK(hs_opaque(&r, 1, 0, 0xff, &out->selected_protocol, buf, err_off));
    TLSI_CHECK(hs_opaque(&r, 1, 0, 0xff, &out->padding, buf, err_off));
    return hs_close(&r, buf, err_off);
}
