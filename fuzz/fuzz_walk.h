/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_walk.h - walk everything an extension block or a parsed list holds,
 * the way the plugin's tree code does, checking that every span stays inside
 * the buffer and that a validated list yields exactly the count the parser
 * reported. Shared by fuzz_extensions.c and fuzz_handshake.c.
 */
#ifndef TLSI_FUZZ_WALK_H
#define TLSI_FUZZ_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "extensions.h"
#include "fuzz_util.h"
#include "names.h"

typedef enum {
    FZ_L_U8,
    FZ_L_U16,
    FZ_L_OP8,
    FZ_L_OP16,
    FZ_L_OP24,
    FZ_L_SNI,
    FZ_L_KEY_SHARE,
    FZ_L_PSK_ID,
    FZ_L_OID_FILTER,
    FZ_L_SCT,       /* SerializedSCT items, each decoded */
    FZ_L_STATUS_V2, /* status_request_v2 items */
} fz_list_kind;

/* One SerializedSCT: a v1 SCT in a validated list must decode, and its spans
 * must lie inside it. */
static inline void fz_walk_sct(const uint8_t *base, size_t len, tlsi_span s, int validated)
{
    tlsi_sct sct;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_sct_parse(base, s, &sct, &err_off);

    if (validated)
        FZ_ASSERT(e == TLSI_OK || (e == TLSI_ERR_UNSUPPORTED && sct.version != 0));
    if (e != TLSI_OK)
        return;
    FZ_SPAN(sct.log_id, len);
    FZ_SPAN(sct.extensions, len);
    FZ_SPAN(sct.signature, len);
    FZ_ASSERT(sct.signature.off + sct.signature.len == s.off + s.len);
}

static inline void fz_walk_status_v2(size_t len, const tlsi_status_request_item *item)
{
    FZ_SPAN(item->request, len);
    FZ_SPAN(item->responder_ids.items, len);
    FZ_SPAN(item->request_extensions, len);
}

/* Iterate a list over base[0..len). validated: the parser accepted the
 * structure holding it, so the items must come out exactly, count of them. */
static inline uint32_t fz_walk_list(const uint8_t *base, size_t len, const tlsi_list *l,
                                    fz_list_kind kind, int validated)
{
    tlsi_list_iter it;
    uint32_t n = 0;
    uint8_t u8;
    uint16_t u16;
    tlsi_span sp;
    tlsi_server_name sn;
    tlsi_key_share_entry ks;
    tlsi_psk_identity pi;
    tlsi_oid_filter of;
    tlsi_status_request_item sr;
    volatile uint32_t sink = 0;

    FZ_SPAN(l->items, len);
    tlsi_list_iter_init(&it, base, l);
    for (;;) {
        int more = 0;
        switch (kind) {
        case FZ_L_U8:
            more = tlsi_list_u8_next(&it, &u8);
            if (more)
                sink += u8;
            break;
        case FZ_L_U16:
            more = tlsi_list_u16_next(&it, &u16);
            if (more)
                sink += u16;
            break;
        case FZ_L_OP8:
            more = tlsi_list_opaque8_next(&it, &sp);
            if (more)
                FZ_SPAN(sp, len);
            break;
        case FZ_L_OP16:
            more = tlsi_list_opaque16_next(&it, &sp);
            if (more)
                FZ_SPAN(sp, len);
            break;
        case FZ_L_OP24:
            more = tlsi_list_opaque24_next(&it, &sp);
            if (more)
                FZ_SPAN(sp, len);
            break;
        case FZ_L_SNI:
            more = tlsi_list_server_name_next(&it, &sn);
            if (more) {
                FZ_SPAN(sn.name, len);
                if (sn.name.len)
                    sink += base[sn.name.off + sn.name.len - 1];
            }
            break;
        case FZ_L_KEY_SHARE:
            more = tlsi_list_key_share_next(&it, &ks);
            if (more) {
                FZ_SPAN(ks.key_exchange, len);
                (void)tlsi_name_lookup(tlsi_group_names, ks.group);
            }
            break;
        case FZ_L_PSK_ID:
            more = tlsi_list_psk_identity_next(&it, &pi);
            if (more)
                FZ_SPAN(pi.identity, len);
            break;
        case FZ_L_OID_FILTER:
            more = tlsi_list_oid_filter_next(&it, &of);
            if (more) {
                FZ_SPAN(of.oid, len);
                FZ_SPAN(of.values, len);
            }
            break;
        case FZ_L_SCT:
            more = tlsi_list_opaque16_next(&it, &sp);
            if (more) {
                FZ_SPAN(sp, len);
                fz_walk_sct(base, len, sp, validated);
            }
            break;
        case FZ_L_STATUS_V2:
            more = tlsi_list_status_request_v2_next(&it, &sr);
            if (more)
                fz_walk_status_v2(len, &sr);
            break;
        }
        if (!more)
            break;
        n++;
        FZ_ASSERT(n <= l->items.len + 1u); /* an item takes at least one byte */
    }
    (void)sink;
    if (validated) {
        FZ_ASSERT(n == l->count);
        FZ_ASSERT(tlsi_rd_left(&it.rd) == 0);
    }
    return n;
}

/* Everything one decoded extension value holds. */
static inline void fz_walk_ext_value(const uint8_t *base, size_t len, const tlsi_ext_value *v,
                                     int ok)
{
    if (!v->parsed)
        return;
    switch (v->type) {
    case TLSI_EXT_SERVER_NAME:
        FZ_SPAN(v->u.server_name.host_name, len);
        fz_walk_list(base, len, &v->u.server_name.names, FZ_L_SNI, ok);
        break;
    case TLSI_EXT_STATUS_REQUEST:
        fz_walk_list(base, len, &v->u.status_request.responder_ids, FZ_L_OP16, ok);
        FZ_SPAN(v->u.status_request.request_extensions, len);
        FZ_SPAN(v->u.status_request.response, len);
        break;
    case TLSI_EXT_STATUS_REQUEST_V2:
        fz_walk_list(base, len, &v->u.status_request_v2, FZ_L_STATUS_V2, ok);
        break;
    case TLSI_EXT_SRP:
        FZ_SPAN(v->u.srp_username, len);
        break;
    case TLSI_EXT_DELEGATED_CREDENTIAL:
        if (v->ctx == TLSI_EXT_CTX_CERTIFICATE) {
            FZ_SPAN(v->u.delegated_credential.spki, len);
            FZ_SPAN(v->u.delegated_credential.signature, len);
            break;
        }
        fz_walk_list(base, len, &v->u.u16_list, FZ_L_U16, ok);
        break;
    case TLSI_EXT_SUPPORTED_GROUPS:
    case TLSI_EXT_SIGNATURE_ALGORITHMS:
    case TLSI_EXT_SIGNATURE_ALGORITHMS_CERT:
    case TLSI_EXT_COMPRESS_CERTIFICATE:
        fz_walk_list(base, len, &v->u.u16_list, FZ_L_U16, ok);
        break;
    case TLSI_EXT_EC_POINT_FORMATS:
    case TLSI_EXT_PSK_KEY_EXCHANGE_MODES:
        fz_walk_list(base, len, &v->u.u8_list, FZ_L_U8, ok);
        break;
    case TLSI_EXT_USE_SRTP:
        fz_walk_list(base, len, &v->u.use_srtp.profiles, FZ_L_U16, ok);
        FZ_SPAN(v->u.use_srtp.mki, len);
        break;
    case TLSI_EXT_ALPN:
    case TLSI_EXT_NPN:
    case TLSI_EXT_ALPS:
    case TLSI_EXT_ALPS_OLD:
        if ((v->type == TLSI_EXT_ALPS || v->type == TLSI_EXT_ALPS_OLD) &&
            v->ctx != TLSI_EXT_CTX_CLIENT_HELLO) {
            FZ_SPAN(v->u.opaque, len);
            break;
        }
        FZ_SPAN(v->u.alpn.first, len);
        fz_walk_list(base, len, &v->u.alpn.protocols, FZ_L_OP8, ok);
        break;
    case TLSI_EXT_SIGNED_CERTIFICATE_TIMESTAMP:
        fz_walk_list(base, len, &v->u.scts, FZ_L_SCT, ok);
        break;
    case TLSI_EXT_PADDING:
        FZ_SPAN(v->u.padding, len);
        break;
    case TLSI_EXT_SESSION_TICKET:
        FZ_SPAN(v->u.opaque, len);
        break;
    case TLSI_EXT_PRE_SHARED_KEY:
        fz_walk_list(base, len, &v->u.pre_shared_key.identities, FZ_L_PSK_ID, ok);
        fz_walk_list(base, len, &v->u.pre_shared_key.binders, FZ_L_OP8, ok);
        FZ_SPAN(v->u.pre_shared_key.binders_vec, len);
        break;
    case TLSI_EXT_SUPPORTED_VERSIONS:
        fz_walk_list(base, len, &v->u.supported_versions.versions, FZ_L_U16, ok);
        break;
    case TLSI_EXT_COOKIE:
        FZ_SPAN(v->u.cookie, len);
        break;
    case TLSI_EXT_CERTIFICATE_AUTHORITIES:
        fz_walk_list(base, len, &v->u.certificate_authorities, FZ_L_OP16, ok);
        break;
    case TLSI_EXT_OID_FILTERS:
        fz_walk_list(base, len, &v->u.oid_filters, FZ_L_OID_FILTER, ok);
        break;
    case TLSI_EXT_KEY_SHARE:
        fz_walk_list(base, len, &v->u.key_share.shares, FZ_L_KEY_SHARE, ok);
        FZ_SPAN(v->u.key_share.key_exchange, len);
        break;
    case TLSI_EXT_RENEGOTIATION_INFO:
        FZ_SPAN(v->u.renegotiated_connection, len);
        break;
    case TLSI_EXT_CLIENT_CERTIFICATE_TYPE:
    case TLSI_EXT_SERVER_CERTIFICATE_TYPE:
        fz_walk_list(base, len, &v->u.cert_type.types, FZ_L_U8, ok);
        break;
    case TLSI_EXT_CONNECTION_ID:
        FZ_SPAN(v->u.connection_id, len);
        break;
    case TLSI_EXT_ENCRYPTED_CLIENT_HELLO:
        FZ_SPAN(v->u.ech.enc, len);
        FZ_SPAN(v->u.ech.payload, len);
        FZ_SPAN(v->u.ech.other, len);
        break;
    default:
        break;
    }
}

/* Walk an extension block (its content, after the u16 length) of base[0..len)
 * in context ctx: every entry, decoded; the block summary and the finder must
 * agree with the walk. Returns the number of entries. */
static inline uint32_t fz_walk_ext_block(const uint8_t *base, size_t len, tlsi_span block,
                                         tlsi_ext_ctx ctx)
{
    static tlsi_ext_iter it; /* 8 KB of bitmap: keep it off the stack */
    tlsi_ext ext, found;
    tlsi_ext_value v;
    uint32_t n = 0, check_count = 0, err_off = 0, first_soft_off = 0;
    tlsi_err check_err, first_soft = TLSI_OK;
    uint16_t first_type = 0;
    int have_first = 0;

    FZ_SPAN(block, len);
    tlsi_ext_iter_init(&it, base, block, ctx);
    while (tlsi_ext_next(&it, &ext)) {
        tlsi_err e;
        n++;
        FZ_ASSERT(n <= block.len / 4u);
        FZ_SPAN(ext.span, len);
        FZ_SPAN(ext.data, len);
        FZ_ASSERT(ext.span.off >= block.off && ext.span.off + ext.span.len <= block.off + block.len);
        FZ_ASSERT(ext.data.off == ext.span.off + 4 && ext.data.len + 4 == ext.span.len);
        FZ_ASSERT(ext.err == TLSI_OK || ext.err == TLSI_ERR_DUPLICATE ||
                  ext.err == TLSI_ERR_BAD_VALUE);
        if (ext.err != TLSI_OK && first_soft == TLSI_OK) {
            first_soft = ext.err;
            first_soft_off = ext.span.off;
        }
        if (!have_first) {
            have_first = 1;
            first_type = ext.type;
        }
        (void)tlsi_name_lookup(tlsi_ext_type_names, ext.type);
        err_off = 0;
        e = tlsi_ext_parse(base, &ext, ctx, &v, &err_off);
        FZ_ASSERT(e < TLSI_ERR_COUNT);
        if (e != TLSI_OK)
            FZ_ASSERT(err_off <= len);
        FZ_ASSERT(v.type == ext.type);
        fz_walk_ext_value(base, len, &v, e == TLSI_OK || e == TLSI_ERR_DUPLICATE);
    }
    FZ_ASSERT(it.count == n);
    if (it.err != TLSI_OK)
        FZ_ASSERT(it.err_off <= len);
    check_err = tlsi_ext_block_check(base, block, ctx, &check_count, &err_off);
    FZ_ASSERT(check_count == n);
    FZ_ASSERT(check_err == (it.err != TLSI_OK ? it.err : first_soft));
    if (check_err != TLSI_OK && it.err == TLSI_OK)
        FZ_ASSERT(err_off == first_soft_off);
    if (have_first) {
        FZ_ASSERT(tlsi_ext_find(base, block, first_type, &found));
        FZ_ASSERT(found.type == first_type);
    }
    return n;
}

#endif
