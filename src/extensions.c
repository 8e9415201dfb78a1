/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * extensions.c - the extension block iterator and the per-extension parsers
 * (see extensions.h). Each parser follows the RFC struct of its extension; the
 * comment above it names the section.
 */
#include "extensions.h"

#include <string.h>

#include "algorithms.h"
#include "hs_internal.h"

int tlsi_version_is_tls13(uint16_t v)
{
    return v == 0x0304 || tlsi_tls13_draft(v) != 0;
}

/* ---- the block iterator ---- */

void tlsi_ext_iter_init(tlsi_ext_iter *it, const uint8_t *base, tlsi_span block, tlsi_ext_ctx ctx)
{
    tlsi_rd_init(&it->rd, base + block.off, block.len);
    it->base = base;
    it->ctx = ctx;
    it->count = 0;
    it->err = TLSI_OK;
    it->err_off = 0;
    memset(it->seen, 0, sizeof(it->seen));
}

int tlsi_ext_next(tlsi_ext_iter *it, tlsi_ext *out)
{
    tlsi_rd data;
    uint32_t at = hs_off(&it->rd, it->base);

    if (it->err != TLSI_OK || tlsi_rd_left(&it->rd) == 0)
        return 0;
    if (hs_u16(&it->rd, &out->type, it->base, &it->err_off) != TLSI_OK) {
        it->err = TLSI_ERR_SHORT;
        return 0;
    }
    it->err = hs_vec(&it->rd, 2, 0, 0xffff, &data, it->base, &it->err_off);
    if (it->err != TLSI_OK)
        return 0;
    out->span.off = at;
    out->span.len = hs_off(&it->rd, it->base) - at;
    out->data = hs_rest(&data, it->base);
    out->err = TLSI_OK;

    /* RFC 8446 4.2: no type twice in one block. */
    if (it->seen[out->type >> 3] & (1u << (out->type & 7)))
        out->err = TLSI_ERR_DUPLICATE;
    it->seen[out->type >> 3] |= (uint8_t)(1u << (out->type & 7));

    /* RFC 8446 4.2.11: pre_shared_key MUST be the last ClientHello extension
     * (its binders are computed over everything before them). */
    if (out->err == TLSI_OK && it->ctx == TLSI_EXT_CTX_CLIENT_HELLO &&
        out->type == TLSI_EXT_PRE_SHARED_KEY && tlsi_rd_left(&it->rd) != 0)
        out->err = TLSI_ERR_BAD_VALUE;
    it->count++;
    return 1;
}

tlsi_err tlsi_ext_block_check(const uint8_t *base, tlsi_span block, tlsi_ext_ctx ctx,
                              uint32_t *count, uint32_t *err_off)
{
    tlsi_ext_iter it;
    tlsi_ext ext;
    tlsi_err soft = TLSI_OK;
    uint32_t soft_off = 0;

    tlsi_ext_iter_init(&it, base, block, ctx);
    while (tlsi_ext_next(&it, &ext)) {
        if (ext.err != TLSI_OK && soft == TLSI_OK) {
            soft = ext.err;
            soft_off = ext.span.off;
        }
    }
    if (count)
        *count = it.count;
    if (it.err != TLSI_OK)
        return hs_fail(it.err, it.err_off, err_off);
    if (soft != TLSI_OK)
        return hs_fail(soft, soft_off, err_off);
    return TLSI_OK;
}

int tlsi_ext_find(const uint8_t *base, tlsi_span block, uint16_t type, tlsi_ext *out)
{
    tlsi_ext_iter it;

    tlsi_ext_iter_init(&it, base, block, TLSI_EXT_CTX_SERVER_HELLO);
    while (tlsi_ext_next(&it, out))
        if (out->type == type)
            return 1;
    return 0;
}

/* ---- per-extension parsers ----
 * Each reads r, which covers exactly the extension_data; the caller checks
 * that nothing is left. */

typedef tlsi_err (*ext_parser)(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                               uint32_t *err_off);

/* Context helpers. */
static int is_client(tlsi_ext_ctx ctx)
{
    return ctx == TLSI_EXT_CTX_CLIENT_HELLO;
}

static int is_server_hello(tlsi_ext_ctx ctx)
{
    return ctx == TLSI_EXT_CTX_SERVER_HELLO || ctx == TLSI_EXT_CTX_HELLO_RETRY_REQUEST;
}

/* An extension whose data is empty in every context: encrypt_then_mac (RFC
 * 7366), extended_master_secret (RFC 7627), post_handshake_auth (RFC 8446
 * 4.2.6), truncated_hmac (RFC 6066 7). Leftover bytes are caught by the caller. */
static tlsi_err p_empty(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                        uint32_t *err_off)
{
    return TLSI_OK;
}

/* RFC 6066 3: ServerName server_name_list<1..2^16-1>, each
 * struct { NameType name_type; select (name_type) { case host_name: HostName; } }
 * with HostName opaque<1..2^16-1>. Section 3 also says later name types will
 * carry a u16-prefixed body too, so every entry is read that way. The server's
 * acknowledgement is empty. */
static tlsi_err p_server_name(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                              uint32_t *err_off)
{
    tlsi_rd in;
    uint8_t seen_types[32] = {0};
    tlsi_err soft = TLSI_OK;
    uint32_t soft_off = 0;

    if (!is_client(ctx) && tlsi_rd_left(r) == 0)
        return TLSI_OK;
    TLSI_CHECK(hs_vec(r, 2, 1, 0xffff, &in, base, err_off));
    v->u.server_name.names.items = hs_rest(&in, base);
    while (tlsi_rd_left(&in)) {
        uint32_t at = hs_off(&in, base);
        uint8_t type;
        tlsi_span name;
        TLSI_CHECK(hs_u8(&in, &type, base, err_off));
        TLSI_CHECK(hs_opaque(&in, 2, 1, 0xffff, &name, base, err_off));
        /* "The ServerNameList MUST NOT contain more than one name of the same name_type." */
        if ((seen_types[type >> 3] & (1u << (type & 7))) && soft == TLSI_OK) {
            soft = TLSI_ERR_DUPLICATE;
            soft_off = at;
        }
        seen_types[type >> 3] |= (uint8_t)(1u << (type & 7));
        if (type == 0 && v->u.server_name.host_name.len == 0)
            v->u.server_name.host_name = name;
        v->u.server_name.names.count++;
    }
    return soft ? hs_fail(soft, soft_off, err_off) : TLSI_OK;
}

/* RFC 6066 4: enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) } MaxFragmentLength. */
static tlsi_err p_max_fragment_length(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v,
                                      const uint8_t *base, uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);
    TLSI_CHECK(hs_u8(r, &v->u.max_fragment_length, base, err_off));
    if (v->u.max_fragment_length < 1 || v->u.max_fragment_length > 4)
        return hs_fail(TLSI_ERR_BAD_VALUE, at, err_off);
    return TLSI_OK;
}

static tlsi_err p_u16_list16(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                             uint32_t *err_off);

/* RFC 6066 8: OCSPStatusRequest { ResponderID responder_id_list<0..2^16-1>;
 * Extensions request_extensions; } with ResponderID opaque<1..2^16-1> and
 * Extensions opaque<0..2^16-1>. Also the request of RFC 6961's items. */
static tlsi_err ocsp_status_request(tlsi_rd *r, tlsi_list *responder_ids, tlsi_span *exts,
                                    const uint8_t *base, uint32_t *err_off)
{
    TLSI_CHECK(hs_list_opaque(r, 2, 0, 0xffff, 2, 1, 0xffff, responder_ids, base, err_off));
    return hs_opaque(r, 2, 0, 0xffff, exts, base, err_off);
}

/* RFC 6066 8: struct { CertificateStatusType status_type; select (status_type) {
 * case ocsp: OCSPStatusRequest; } } with OCSPStatusRequest { ResponderID
 * responder_id_list<0..2^16-1>; Extensions request_extensions; } and
 * ResponderID opaque<1..2^16-1>. The TLS 1.2 server acknowledges with empty
 * data; in a TLS 1.3 CertificateEntry it carries a CertificateStatus (RFC 8446
 * 4.4.2.1): status_type + OCSPResponse opaque<1..2^24-1>. */
static tlsi_err p_status_request(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v,
                                 const uint8_t *base, uint32_t *err_off)
{
    if (tlsi_rd_left(r) == 0 && ctx == TLSI_EXT_CTX_SERVER_HELLO) {
        v->u.status_request.empty = 1;
        return TLSI_OK;
    }
    TLSI_CHECK(hs_u8(r, &v->u.status_request.status_type, base, err_off));
    if (ctx == TLSI_EXT_CTX_CERTIFICATE)
        return hs_opaque(r, 3, 1, 0xffffff, &v->u.status_request.response, base, err_off);
    if (v->u.status_request.status_type != 1) {
        /* Another status type: its request is opaque to us. */
        v->u.status_request.request_extensions = hs_rest(r, base);
        return tlsi_rd_skip(r, tlsi_rd_left(r));
    }
    return ocsp_status_request(r, &v->u.status_request.responder_ids,
                               &v->u.status_request.request_extensions, base, err_off);
}

/* RFC 6961 2.2: one CertificateStatusRequestItemV2 (see extensions.h). The
 * request of a status type other than ocsp (1) and ocsp_multi (2) is opaque. */
static tlsi_err status_request_item(tlsi_rd *r, tlsi_status_request_item *out, const uint8_t *base,
                                    uint32_t *err_off)
{
    tlsi_rd req;

    memset(out, 0, sizeof(*out));
    out->type_span = (tlsi_span){tlsi_rd_offset(r, base), 1};
    TLSI_CHECK(hs_u8(r, &out->status_type, base, err_off));
    TLSI_CHECK(hs_vec(r, 2, 0, 0xffff, &req, base, err_off));
    out->request = hs_rest(&req, base);
    if (out->status_type != 1 && out->status_type != 2)
        return TLSI_OK;
    TLSI_CHECK(
        ocsp_status_request(&req, &out->responder_ids, &out->request_extensions, base, err_off));
    return hs_close(&req, base, err_off);
}

/* RFC 6961 2.2: ClientHello: CertificateStatusRequestItemV2
 * certificate_status_req_list<1..2^16-1>; the server acknowledges with empty
 * data (the caller rejects anything else). */
static tlsi_err p_status_request_v2(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v,
                                    const uint8_t *base, uint32_t *err_off)
{
    tlsi_rd in;
    tlsi_status_request_item item;

    if (!is_client(ctx))
        return TLSI_OK;
    TLSI_CHECK(hs_vec(r, 2, 1, 0xffff, &in, base, err_off));
    v->u.status_request_v2.items = hs_rest(&in, base);
    while (tlsi_rd_left(&in)) {
        TLSI_CHECK(status_request_item(&in, &item, base, err_off));
        v->u.status_request_v2.count++;
    }
    return TLSI_OK;
}

/* RFC 5054 2.8.1: the client's username, opaque srp_I<1..2^8-1>. */
static tlsi_err p_srp(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                      uint32_t *err_off)
{
    if (!is_client(ctx))
        return TLSI_OK;
    return hs_opaque(r, 1, 1, 0xff, &v->u.srp_username, base, err_off);
}

/* RFC 9345 4: in a TLS 1.3 CertificateEntry, DelegatedCredential { Credential
 * { uint32 valid_time; SignatureScheme dc_cert_verify_algorithm; opaque
 * ASN1_subjectPublicKeyInfo<1..2^24-1>; } cred; SignatureScheme algorithm;
 * opaque signature<1..2^16-1>; }. In a ClientHello or CertificateRequest
 * (4.1.1) a SignatureSchemeList, read like signature_algorithms. */
static tlsi_err p_delegated_credential(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v,
                                       const uint8_t *base, uint32_t *err_off)
{
    if (ctx != TLSI_EXT_CTX_CERTIFICATE)
        return p_u16_list16(r, ctx, v, base, err_off);
    TLSI_CHECK(hs_u32(r, &v->u.delegated_credential.valid_time, base, err_off));
    v->u.delegated_credential.cert_verify_algorithm_span =
        (tlsi_span){tlsi_rd_offset(r, base), 2};
    TLSI_CHECK(hs_u16(r, &v->u.delegated_credential.cert_verify_algorithm, base, err_off));
    TLSI_CHECK(hs_opaque(r, 3, 1, 0xffffff, &v->u.delegated_credential.spki, base, err_off));
    v->u.delegated_credential.algorithm_span = (tlsi_span){tlsi_rd_offset(r, base), 2};
    TLSI_CHECK(hs_u16(r, &v->u.delegated_credential.algorithm, base, err_off));
    return hs_opaque(r, 2, 1, 0xffff, &v->u.delegated_credential.signature, base, err_off);
}

/* Lists of u16 with a u16 length and at least one item: supported_groups
 * (RFC 8422 5.1.1 / RFC 8446 4.2.7, NamedGroup named_group_list<2..2^16-1>),
 * signature_algorithms and signature_algorithms_cert (RFC 8446 4.2.3,
 * supported_signature_algorithms<2..2^16-2>), delegated_credential (RFC 9345 4.1.1). */
static tlsi_err p_u16_list16(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                             uint32_t *err_off)
{
    return hs_list_fixed(r, 2, 2, 0xfffe, 2, &v->u.u16_list, base, err_off);
}

/* RFC 8879 3: CertificateCompressionAlgorithm algorithms<2..2^8-2>. */
static tlsi_err p_compress_certificate(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v,
                                       const uint8_t *base, uint32_t *err_off)
{
    return hs_list_fixed(r, 1, 2, 0xfe, 2, &v->u.u16_list, base, err_off);
}

/* RFC 8422 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>;
 * RFC 8446 4.2.9: PskKeyExchangeMode ke_modes<1..255>. */
static tlsi_err p_u8_list8(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                           uint32_t *err_off)
{
    return hs_list_fixed(r, 1, 1, 0xff, 1, &v->u.u8_list, base, err_off);
}

/* RFC 5764 4.1.1: SRTPProtectionProfiles (u16 items)<2..2^16-1>; opaque srtp_mki<0..255>. */
static tlsi_err p_use_srtp(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                           uint32_t *err_off)
{
    TLSI_CHECK(hs_list_fixed(r, 2, 2, 0xfffe, 2, &v->u.use_srtp.profiles, base, err_off));
    return hs_opaque(r, 1, 0, 0xff, &v->u.use_srtp.mki, base, err_off);
}

/* RFC 6520 2: HeartbeatMode mode (1 or 2). */
static tlsi_err p_heartbeat(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                            uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);
    TLSI_CHECK(hs_u8(r, &v->u.heartbeat_mode, base, err_off));
    if (v->u.heartbeat_mode != 1 && v->u.heartbeat_mode != 2)
        return hs_fail(TLSI_ERR_BAD_VALUE, at, err_off);
    return TLSI_OK;
}

static void set_first_opaque8(tlsi_ext_value *v, const uint8_t *base)
{
    tlsi_list_iter it;
    tlsi_list_iter_init(&it, base, &v->u.alpn.protocols);
    tlsi_list_opaque8_next(&it, &v->u.alpn.first);
}

/* RFC 7301 3.1: ProtocolName protocol_name_list<2..2^16-1>, ProtocolName
 * opaque<1..2^8-1>. "the "extension_data" field of the (extension) ... in the
 * ServerHello ... MUST contain exactly one ProtocolName". The ALPS
 * (application_settings) ClientHello body has the same shape; in
 * EncryptedExtensions ALPS carries opaque settings. */
static tlsi_err p_alpn(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                       uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);

    if ((v->type == TLSI_EXT_ALPS || v->type == TLSI_EXT_ALPS_OLD) && !is_client(ctx)) {
        v->u.opaque = hs_rest(r, base);
        return tlsi_rd_skip(r, tlsi_rd_left(r));
    }
    TLSI_CHECK(hs_list_opaque(r, 2, 2, 0xffff, 1, 1, 0xff, &v->u.alpn.protocols, base, err_off));
    set_first_opaque8(v, base);
    if (v->type == TLSI_EXT_ALPN && !is_client(ctx) && v->u.alpn.protocols.count != 1)
        return hs_fail(TLSI_ERR_BAD_VALUE, at, err_off);
    return TLSI_OK;
}

/* draft-agl-tls-nextprotoneg 3: the client sends an empty body; the server a
 * list of u8-prefixed protocol names filling the whole extension_data. */
static tlsi_err p_npn(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                      uint32_t *err_off)
{
    tlsi_rd item;

    if (is_client(ctx))
        return TLSI_OK;
    v->u.alpn.protocols.items = hs_rest(r, base);
    while (tlsi_rd_left(r)) {
        TLSI_CHECK(hs_vec(r, 1, 0, 0xff, &item, base, err_off));
        v->u.alpn.protocols.count++;
    }
    set_first_opaque8(v, base);
    return TLSI_OK;
}

/* RFC 6962 3.3: the client's request is empty; otherwise
 * SerializedSCT sct_list<1..2^16-1>, SerializedSCT opaque<1..2^16-1>. Each v1
 * SCT must match its struct; SCTs of other versions are left whole. */
static tlsi_err p_sct(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                      uint32_t *err_off)
{
    tlsi_list_iter it;
    tlsi_span item;
    tlsi_sct sct;

    if (is_client(ctx) || ctx == TLSI_EXT_CTX_CERTIFICATE_REQUEST)
        return TLSI_OK;
    TLSI_CHECK(hs_list_opaque(r, 2, 1, 0xffff, 2, 1, 0xffff, &v->u.scts, base, err_off));
    tlsi_list_iter_init(&it, base, &v->u.scts);
    while (tlsi_list_opaque16_next(&it, &item)) {
        tlsi_err e = tlsi_sct_parse(base, item, &sct, err_off);
        if (e != TLSI_OK && e != TLSI_ERR_UNSUPPORTED)
            return e;
    }
    return TLSI_OK;
}

tlsi_err tlsi_sct_parse(const uint8_t *base, tlsi_span sct, tlsi_sct *out, uint32_t *err_off)
{
    tlsi_rd r;
    uint32_t hi, lo;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, base + sct.off, sct.len);
    TLSI_CHECK(hs_u8(&r, &out->version, base, err_off));
    if (out->version != 0)
        return hs_fail(TLSI_ERR_UNSUPPORTED, sct.off, err_off);
    TLSI_CHECK(hs_fixed(&r, 32, &out->log_id, base, err_off));
    out->timestamp_span.off = tlsi_rd_offset(&r, base);
    TLSI_CHECK(hs_u32(&r, &hi, base, err_off));
    TLSI_CHECK(hs_u32(&r, &lo, base, err_off));
    out->timestamp_span.len = 8;
    out->timestamp = (uint64_t)hi << 32 | lo;
    TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->extensions, base, err_off));
    out->sig_alg_span.off = tlsi_rd_offset(&r, base);
    TLSI_CHECK(hs_u16(&r, &out->sig_alg, base, err_off));
    out->sig_alg_span.len = 2;
    TLSI_CHECK(hs_opaque(&r, 2, 0, 0xffff, &out->signature, base, err_off));
    return hs_close(&r, base, err_off);
}

/* RFC 7685 3: "The client MUST fill the padding extension completely with zero bytes". */
static tlsi_err p_padding(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                          uint32_t *err_off)
{
    v->u.padding = hs_rest(r, base);
    for (uint32_t i = 0; i < v->u.padding.len; i++)
        if (r->p[i] != 0) {
            tlsi_rd_skip(r, tlsi_rd_left(r));
            return hs_fail(TLSI_ERR_BAD_VALUE, v->u.padding.off + i, err_off);
        }
    return tlsi_rd_skip(r, tlsi_rd_left(r));
}

/* RFC 8449 4: uint16 RecordSizeLimit, at least 64. */
static tlsi_err p_record_size_limit(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v,
                                    const uint8_t *base, uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);
    TLSI_CHECK(hs_u16(r, &v->u.record_size_limit, base, err_off));
    if (v->u.record_size_limit < 64)
        return hs_fail(TLSI_ERR_BAD_VALUE, at, err_off);
    return TLSI_OK;
}

/* Bodies kept whole: session_ticket (RFC 5077 3.2, the ticket or empty). */
static tlsi_err p_opaque_all(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                             uint32_t *err_off)
{
    v->u.opaque = hs_rest(r, base);
    return tlsi_rd_skip(r, tlsi_rd_left(r));
}

/* RFC 8446 4.2.11: ClientHello: OfferedPsks { PskIdentity identities<7..2^16-1>;
 * PskBinderEntry binders<33..2^16-1>; } with PskIdentity { opaque
 * identity<1..2^16-1>; uint32 obfuscated_ticket_age; } and PskBinderEntry
 * opaque<32..255>. ServerHello: uint16 selected_identity. */
static tlsi_err p_pre_shared_key(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v,
                                 const uint8_t *base, uint32_t *err_off)
{
    tlsi_rd in;
    uint32_t binders_at;

    if (ctx == TLSI_EXT_CTX_SERVER_HELLO)
        return hs_u16(r, &v->u.pre_shared_key.selected_identity, base, err_off);
    TLSI_CHECK(hs_vec(r, 2, 7, 0xffff, &in, base, err_off));
    v->u.pre_shared_key.identities.items = hs_rest(&in, base);
    while (tlsi_rd_left(&in)) {
        tlsi_rd id;
        uint32_t age;
        TLSI_CHECK(hs_vec(&in, 2, 1, 0xffff, &id, base, err_off));
        TLSI_CHECK(hs_u32(&in, &age, base, err_off));
        v->u.pre_shared_key.identities.count++;
    }
    binders_at = hs_off(r, base);
    TLSI_CHECK(
        hs_list_opaque(r, 2, 33, 0xffff, 1, 32, 0xff, &v->u.pre_shared_key.binders, base, err_off));
    v->u.pre_shared_key.binders_vec.off = binders_at;
    v->u.pre_shared_key.binders_vec.len = hs_off(r, base) - binders_at;
    /* One binder per offered identity, in the same order. */
    if (v->u.pre_shared_key.binders.count != v->u.pre_shared_key.identities.count)
        return hs_fail(TLSI_ERR_BAD_VALUE, binders_at, err_off);
    return TLSI_OK;
}

/* RFC 8446 4.2.10: empty in ClientHello and EncryptedExtensions;
 * uint32 max_early_data_size in NewSessionTicket. */
static tlsi_err p_early_data(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                             uint32_t *err_off)
{
    if (ctx != TLSI_EXT_CTX_NEW_SESSION_TICKET)
        return TLSI_OK;
    v->u.early_data.has_max = 1;
    return hs_u32(r, &v->u.early_data.max_early_data_size, base, err_off);
}

/* RFC 8446 4.2.1: ClientHello: ProtocolVersion versions<2..254>;
 * ServerHello and HelloRetryRequest: ProtocolVersion selected_version. */
static tlsi_err p_supported_versions(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v,
                                     const uint8_t *base, uint32_t *err_off)
{
    if (is_server_hello(ctx))
        return hs_u16(r, &v->u.supported_versions.selected, base, err_off);
    return hs_list_fixed(r, 1, 2, 254, 2, &v->u.supported_versions.versions, base, err_off);
}

/* RFC 8446 4.2.2: opaque cookie<1..2^16-1>. */
static tlsi_err p_cookie(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                         uint32_t *err_off)
{
    return hs_opaque(r, 2, 1, 0xffff, &v->u.cookie, base, err_off);
}

/* RFC 8446 4.2.4: DistinguishedName authorities<3..2^16-1>, DN opaque<1..2^16-1>. */
static tlsi_err p_certificate_authorities(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v,
                                          const uint8_t *base, uint32_t *err_off)
{
    return hs_list_opaque(r, 2, 3, 0xffff, 2, 1, 0xffff, &v->u.certificate_authorities, base,
                          err_off);
}

/* RFC 8446 4.2.5: OIDFilter filters<0..2^16-1> with
 * struct { opaque certificate_extension_oid<1..2^8-1>; opaque
 * certificate_extension_values<0..2^16-1>; }. */
static tlsi_err p_oid_filters(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                              uint32_t *err_off)
{
    tlsi_rd in, f;

    TLSI_CHECK(hs_vec(r, 2, 0, 0xffff, &in, base, err_off));
    v->u.oid_filters.items = hs_rest(&in, base);
    while (tlsi_rd_left(&in)) {
        TLSI_CHECK(hs_vec(&in, 1, 1, 0xff, &f, base, err_off));
        TLSI_CHECK(hs_vec(&in, 2, 0, 0xffff, &f, base, err_off));
        v->u.oid_filters.count++;
    }
    return TLSI_OK;
}

/* RFC 8446 4.2.8: KeyShareEntry { NamedGroup group; opaque key_exchange<1..2^16-1>; }.
 * ClientHello: KeyShareEntry client_shares<0..2^16-1>; ServerHello: one entry;
 * HelloRetryRequest: NamedGroup selected_group. */
static tlsi_err p_key_share(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                            uint32_t *err_off)
{
    tlsi_rd in, key;

    if (ctx == TLSI_EXT_CTX_HELLO_RETRY_REQUEST)
        return hs_u16(r, &v->u.key_share.group, base, err_off);
    if (ctx == TLSI_EXT_CTX_SERVER_HELLO) {
        TLSI_CHECK(hs_u16(r, &v->u.key_share.group, base, err_off));
        return hs_opaque(r, 2, 1, 0xffff, &v->u.key_share.key_exchange, base, err_off);
    }
    TLSI_CHECK(hs_vec(r, 2, 0, 0xffff, &in, base, err_off));
    v->u.key_share.shares.items = hs_rest(&in, base);
    while (tlsi_rd_left(&in)) {
        uint16_t group;
        TLSI_CHECK(hs_u16(&in, &group, base, err_off));
        TLSI_CHECK(hs_vec(&in, 2, 1, 0xffff, &key, base, err_off));
        v->u.key_share.shares.count++;
    }
    return TLSI_OK;
}

/* RFC 5746 3.2: opaque renegotiated_connection<0..255>. */
static tlsi_err p_renegotiation_info(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v,
                                     const uint8_t *base, uint32_t *err_off)
{
    return hs_opaque(r, 1, 0, 0xff, &v->u.renegotiated_connection, base, err_off);
}

/* RFC 7250 3: client: CertificateType types<1..2^8-1>; server: one CertificateType. */
static tlsi_err p_cert_type(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                            uint32_t *err_off)
{
    if (is_client(ctx))
        return hs_list_fixed(r, 1, 1, 0xff, 1, &v->u.cert_type.types, base, err_off);
    return hs_u8(r, &v->u.cert_type.selected, base, err_off);
}

/* RFC 9146 3: opaque cid<0..2^8-1>. */
static tlsi_err p_connection_id(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v,
                                const uint8_t *base, uint32_t *err_off)
{
    return hs_opaque(r, 1, 0, 0xff, &v->u.connection_id, base, err_off);
}

/* draft-ietf-tls-esni 5: ClientHello: ECHClientHello { ECHClientHelloType type;
 * select (type) { case outer: HpkeSymmetricCipherSuite cipher_suite (u16 kdf,
 * u16 aead); uint8 config_id; opaque enc<0..2^16-1>; opaque payload<1..2^16-1>;
 * case inner: Empty; } }. Elsewhere (retry_configs, HRR confirmation) opaque. */
static tlsi_err p_ech(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                      uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);

    if (!is_client(ctx)) {
        v->u.ech.other = hs_rest(r, base);
        return tlsi_rd_skip(r, tlsi_rd_left(r));
    }
    TLSI_CHECK(hs_u8(r, &v->u.ech.ch_type, base, err_off));
    if (v->u.ech.ch_type == 1)
        return TLSI_OK;
    if (v->u.ech.ch_type != 0)
        return hs_fail(TLSI_ERR_BAD_VALUE, at, err_off);
    TLSI_CHECK(hs_u16(r, &v->u.ech.kdf_id, base, err_off));
    TLSI_CHECK(hs_u16(r, &v->u.ech.aead_id, base, err_off));
    TLSI_CHECK(hs_u8(r, &v->u.ech.config_id, base, err_off));
    TLSI_CHECK(hs_opaque(r, 2, 0, 0xffff, &v->u.ech.enc, base, err_off));
    return hs_opaque(r, 2, 1, 0xffff, &v->u.ech.payload, base, err_off);
}

/* draft-ietf-tls-esni-01..03 5.1: ClientHello: ClientEncryptedSNI {
 * CipherSuite suite; KeyShareEntry key_share; opaque record_digest<0..2^16-1>;
 * opaque encrypted_sni<0..2^16-1>; }; EncryptedExtensions: uint8 nonce[16]. */
static tlsi_err p_esni(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_ext_value *v, const uint8_t *base,
                       uint32_t *err_off)
{
    if (ctx == TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS)
        return hs_fixed(r, 16, &v->u.esni.nonce, base, err_off);
    if (ctx != TLSI_EXT_CTX_CLIENT_HELLO)
        return hs_fail(TLSI_ERR_BAD_VALUE, hs_off(r, base), err_off);
    TLSI_CHECK(hs_u16(r, &v->u.esni.suite, base, err_off));
    TLSI_CHECK(hs_u16(r, &v->u.esni.group, base, err_off));
    TLSI_CHECK(hs_opaque(r, 2, 1, 0xffff, &v->u.esni.key_exchange, base, err_off));
    TLSI_CHECK(hs_opaque(r, 2, 0, 0xffff, &v->u.esni.record_digest, base, err_off));
    return hs_opaque(r, 2, 0, 0xffff, &v->u.esni.encrypted_sni, base, err_off);
}

/* Which parser handles a type. Types absent here stay opaque. */
static const struct {
    uint16_t type;
    ext_parser parse;
} parsers[] = {
    {TLSI_EXT_SERVER_NAME, p_server_name},
    {TLSI_EXT_MAX_FRAGMENT_LENGTH, p_max_fragment_length},
    {TLSI_EXT_TRUNCATED_HMAC, p_empty},
    {TLSI_EXT_STATUS_REQUEST, p_status_request},
    {TLSI_EXT_SUPPORTED_GROUPS, p_u16_list16},
    {TLSI_EXT_SRP, p_srp},
    {TLSI_EXT_EC_POINT_FORMATS, p_u8_list8},
    {TLSI_EXT_SIGNATURE_ALGORITHMS, p_u16_list16},
    {TLSI_EXT_USE_SRTP, p_use_srtp},
    {TLSI_EXT_HEARTBEAT, p_heartbeat},
    {TLSI_EXT_ALPN, p_alpn},
    {TLSI_EXT_STATUS_REQUEST_V2, p_status_request_v2},
    {TLSI_EXT_SIGNED_CERTIFICATE_TIMESTAMP, p_sct},
    {TLSI_EXT_CLIENT_CERTIFICATE_TYPE, p_cert_type},
    {TLSI_EXT_SERVER_CERTIFICATE_TYPE, p_cert_type},
    {TLSI_EXT_PADDING, p_padding},
    {TLSI_EXT_ENCRYPT_THEN_MAC, p_empty},
    {TLSI_EXT_EXTENDED_MASTER_SECRET, p_empty},
    {TLSI_EXT_COMPRESS_CERTIFICATE, p_compress_certificate},
    {TLSI_EXT_RECORD_SIZE_LIMIT, p_record_size_limit},
    {TLSI_EXT_DELEGATED_CREDENTIAL, p_delegated_credential},
    {TLSI_EXT_SESSION_TICKET, p_opaque_all},
    {TLSI_EXT_PRE_SHARED_KEY, p_pre_shared_key},
    {TLSI_EXT_EARLY_DATA, p_early_data},
    {TLSI_EXT_SUPPORTED_VERSIONS, p_supported_versions},
    {TLSI_EXT_COOKIE, p_cookie},
    {TLSI_EXT_PSK_KEY_EXCHANGE_MODES, p_u8_list8},
    {TLSI_EXT_CERTIFICATE_AUTHORITIES, p_certificate_authorities},
    {TLSI_EXT_OID_FILTERS, p_oid_filters},
    {TLSI_EXT_POST_HANDSHAKE_AUTH, p_empty},
    {TLSI_EXT_SIGNATURE_ALGORITHMS_CERT, p_u16_list16},
    {TLSI_EXT_KEY_SHARE, p_key_share},
    {TLSI_EXT_CONNECTION_ID, p_connection_id},
    {TLSI_EXT_NPN, p_npn},
    {TLSI_EXT_ALPS_OLD, p_alpn},
    {TLSI_EXT_ALPS, p_alpn},
    {TLSI_EXT_ENCRYPTED_CLIENT_HELLO, p_ech},
    {TLSI_EXT_RENEGOTIATION_INFO, p_renegotiation_info},
    {TLSI_EXT_ENCRYPTED_SERVER_NAME, p_esni},
};

tlsi_err tlsi_ext_parse(const uint8_t *base, const tlsi_ext *ext, tlsi_ext_ctx ctx,
                        tlsi_ext_value *out, uint32_t *err_off)
{
    tlsi_rd r;
    tlsi_err e, soft = TLSI_OK;
    uint32_t soft_off = 0;

    memset(out, 0, sizeof(*out));
    out->type = ext->type;
    out->ctx = ctx;
    for (size_t i = 0; i < sizeof(parsers) / sizeof(parsers[0]); i++) {
        if (parsers[i].type != ext->type)
            continue;
        tlsi_rd_init(&r, base + ext->data.off, ext->data.len);
        out->parsed = 1;
        e = parsers[i].parse(&r, ctx, out, base, err_off);
        if (e == TLSI_ERR_DUPLICATE) { /* soft: the value is complete */
            soft = e;
            soft_off = *err_off;
        } else if (e != TLSI_OK) {
            return e;
        }
        TLSI_CHECK(hs_close(&r, base, err_off));
        return soft ? hs_fail(soft, soft_off, err_off) : TLSI_OK;
    }
    return TLSI_OK;
}

/* ---- list item iterators ---- */

void tlsi_list_iter_init(tlsi_list_iter *it, const uint8_t *base, const tlsi_list *list)
{
    tlsi_rd_init(&it->rd, base + list->items.off, list->items.len);
    it->base = base;
}

int tlsi_list_u8_next(tlsi_list_iter *it, uint8_t *v)
{
    return tlsi_rd_u8(&it->rd, v) == TLSI_OK;
}

int tlsi_list_u16_next(tlsi_list_iter *it, uint16_t *v)
{
    return tlsi_rd_u16(&it->rd, v) == TLSI_OK;
}

static int opaque_next(tlsi_list_iter *it, unsigned lb, tlsi_span *item)
{
    tlsi_rd in;
    if (tlsi_rd_vec(&it->rd, lb, &in) != TLSI_OK)
        return 0;
    *item = hs_rest(&in, it->base);
    return 1;
}

int tlsi_list_opaque8_next(tlsi_list_iter *it, tlsi_span *item)
{
    return opaque_next(it, 1, item);
}

int tlsi_list_opaque16_next(tlsi_list_iter *it, tlsi_span *item)
{
    return opaque_next(it, 2, item);
}

int tlsi_list_opaque24_next(tlsi_list_iter *it, tlsi_span *item)
{
    return opaque_next(it, 3, item);
}

int tlsi_list_server_name_next(tlsi_list_iter *it, tlsi_server_name *out)
{
    tlsi_rd save = it->rd;

    out->type_span = (tlsi_span){tlsi_rd_offset(&it->rd, it->base), 1};
    if (tlsi_rd_u8(&it->rd, &out->name_type) != TLSI_OK || !opaque_next(it, 2, &out->name)) {
        it->rd = save;
        return 0;
    }
    return 1;
}

/* The span from start to where the iterator now stands: a whole entry. */
static tlsi_span entry_span(const tlsi_list_iter *it, uint32_t start)
{
    tlsi_span s = {start, tlsi_rd_offset(&it->rd, it->base) - start};
    return s;
}

int tlsi_list_key_share_next(tlsi_list_iter *it, tlsi_key_share_entry *out)
{
    tlsi_rd save = it->rd;
    uint32_t start = tlsi_rd_offset(&it->rd, it->base);

    if (tlsi_rd_u16(&it->rd, &out->group) != TLSI_OK || !opaque_next(it, 2, &out->key_exchange)) {
        it->rd = save;
        return 0;
    }
    out->entry = entry_span(it, start);
    return 1;
}

int tlsi_list_psk_identity_next(tlsi_list_iter *it, tlsi_psk_identity *out)
{
    tlsi_rd save = it->rd;
    uint32_t start = tlsi_rd_offset(&it->rd, it->base);

    if (!opaque_next(it, 2, &out->identity) ||
        tlsi_rd_u32(&it->rd, &out->obfuscated_ticket_age) != TLSI_OK) {
        it->rd = save;
        return 0;
    }
    out->entry = entry_span(it, start);
    out->age.off = out->identity.off + out->identity.len;
    out->age.len = 4;
    return 1;
}

int tlsi_list_status_request_v2_next(tlsi_list_iter *it, tlsi_status_request_item *out)
{
    tlsi_rd save = it->rd;
    uint32_t off;

    if (status_request_item(&it->rd, out, it->base, &off) != TLSI_OK) {
        it->rd = save;
        return 0;
    }
    return 1;
}

int tlsi_list_oid_filter_next(tlsi_list_iter *it, tlsi_oid_filter *out)
{
    tlsi_rd save = it->rd;
    uint32_t start = tlsi_rd_offset(&it->rd, it->base);

    if (!opaque_next(it, 1, &out->oid) || !opaque_next(it, 2, &out->values)) {
        it->rd = save;
        return 0;
    }
    out->entry = entry_span(it, start);
    return 1;
}
