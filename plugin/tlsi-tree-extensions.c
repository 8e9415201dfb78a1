/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-tree-extensions.c - the tree of an extension block (hellos,
 * EncryptedExtensions, NewSessionTicket, CertificateRequest, TLS 1.3
 * CertificateEntry): one subtree per extension with its type, length and the
 * fields src/extensions.c decoded for the message it appears in. As the core
 * has a table of parsers, this file has a table of draw functions, one per
 * extension type (drawers[] below); adding an extension means a parser there
 * and a draw function here.
 */
#include "tlsi-compat-fields.h"
#include "tlsi-tree.h"

#include "names.h"

static int hf_tlsi_handshake_extensions_length = -1;
static int hf_tlsi_handshake_extension = -1;
static int hf_tlsi_handshake_extension_type = -1;
static int hf_tlsi_handshake_extension_len = -1;
static int hf_tlsi_handshake_extension_data = -1;
static int hf_tlsi_handshake_extensions_server_name_list_len = -1;
static int hf_tlsi_handshake_extensions_server_name_type = -1;
static int hf_tlsi_handshake_extensions_server_name_len = -1;
static int hf_tlsi_handshake_extensions_server_name = -1;
static int hf_tlsi_handshake_max_fragment_length = -1;
static int hf_tlsi_handshake_extensions_status_request_type = -1;
static int hf_tlsi_handshake_extensions_status_request_responder_ids_len = -1;
static int hf_tlsi_handshake_extensions_status_request_responder_id_len = -1;
static int hf_tlsi_handshake_extensions_status_request_responder_id = -1;
static int hf_tlsi_handshake_extensions_status_request_exts_len = -1;
static int hf_tlsi_handshake_extensions_status_request_exts = -1;
static int hf_tlsi_handshake_extensions_status_request_ocsp_len = -1;
static int hf_tlsi_handshake_extensions_status_request_ocsp = -1;
static int hf_tlsi_handshake_extensions_supported_groups_length = -1;
static int hf_tlsi_handshake_extensions_supported_groups = -1;
static int hf_tlsi_handshake_extensions_supported_group = -1;
static int hf_tlsi_handshake_extensions_ec_point_formats_length = -1;
static int hf_tlsi_handshake_extensions_ec_point_format = -1;
static int hf_tlsi_handshake_extensions_use_srtp_profiles_length = -1;
static int hf_tlsi_handshake_extensions_use_srtp_profile = -1;
static int hf_tlsi_handshake_extensions_use_srtp_mki_length = -1;
static int hf_tlsi_handshake_extensions_use_srtp_mki = -1;
static int hf_tlsi_handshake_extension_heartbeat_mode = -1;
static int hf_tlsi_handshake_extensions_alpn_len = -1;
static int hf_tlsi_handshake_extensions_alpn_str_len = -1;
static int hf_tlsi_handshake_extensions_alpn_str = -1;
static int hf_tlsi_handshake_extensions_npn_str_len = -1;
static int hf_tlsi_handshake_extensions_npn = -1;
static int hf_tlsi_handshake_extensions_alps_alpn_str_len = -1;
static int hf_tlsi_handshake_extensions_alps_alpn_str = -1;
static int hf_tlsi_handshake_extensions_alps_settings = -1;
static int hf_tlsi_handshake_sct_scts_length = -1;
static int hf_tlsi_handshake_sct_sct_length = -1;
static int hf_tlsi_handshake_sct = -1;
static int hf_tlsi_handshake_extensions_padding_data = -1;
static int hf_tlsi_handshake_extensions_record_size_limit = -1;
static int hf_tlsi_handshake_extensions_compress_certificate_algorithms_length = -1;
static int hf_tlsi_handshake_extensions_compress_certificate_algorithm = -1;
static int hf_tlsi_handshake_extensions_session_ticket = -1;
static int hf_tlsi_handshake_extensions_psk_identities_length = -1;
static int hf_tlsi_handshake_extensions_psk_identity = -1;
static int hf_tlsi_handshake_extensions_psk_identity_identity_length = -1;
static int hf_tlsi_handshake_extensions_psk_identity_identity = -1;
static int hf_tlsi_handshake_extensions_psk_identity_obfuscated_ticket_age = -1;
static int hf_tlsi_handshake_extensions_psk_binders_len = -1;
static int hf_tlsi_handshake_extensions_psk_binder_binder_length = -1;
static int hf_tlsi_handshake_extensions_psk_binder = -1;
static int hf_tlsi_handshake_extensions_psk_selected_identity = -1;
static int hf_tlsi_handshake_extensions_max_early_data_size = -1;
static int hf_tlsi_handshake_extensions_supported_versions_len = -1;
static int hf_tlsi_handshake_extensions_supported_version = -1;
static int hf_tlsi_handshake_extensions_cookie_len = -1;
static int hf_tlsi_handshake_extensions_cookie = -1;
static int hf_tlsi_handshake_extensions_psk_ke_modes_length = -1;
static int hf_tlsi_handshake_extensions_psk_ke_mode = -1;
static int hf_tlsi_handshake_extensions_oid_filters_length = -1;
static int hf_tlsi_handshake_extensions_oid_filter = -1;
static int hf_tlsi_handshake_extensions_oid_filter_oid_length = -1;
static int hf_tlsi_handshake_extensions_oid_filter_oid = -1;
static int hf_tlsi_handshake_extensions_oid_filter_values_length = -1;
static int hf_tlsi_handshake_extensions_oid_filter_values = -1;
static int hf_tlsi_handshake_extensions_key_share_client_length = -1;
static int hf_tlsi_handshake_extensions_key_share_entry = -1;
static int hf_tlsi_handshake_extensions_key_share_group = -1;
static int hf_tlsi_handshake_extensions_key_share_key_exchange_length = -1;
static int hf_tlsi_handshake_extensions_key_share_key_exchange = -1;
static int hf_tlsi_handshake_extensions_key_share_selected_group = -1;
static int hf_tlsi_handshake_extensions_reneg_info_len = -1;
static int hf_tlsi_handshake_extensions_reneg_info = -1;
static int hf_tlsi_handshake_cert_type_types_len = -1;
static int hf_tlsi_handshake_cert_type_type = -1;
static int hf_tlsi_handshake_cert_type_selected = -1;
static int hf_tlsi_handshake_connection_id_length = -1;
static int hf_tlsi_handshake_connection_id = -1;
static int hf_tlsi_ech_client_hello_type = -1;
static int hf_tlsi_ech_hpke_keyconfig_cipher_suite_kdf_id = -1;
static int hf_tlsi_ech_hpke_keyconfig_cipher_suite_aead_id = -1;
static int hf_tlsi_ech_config_id = -1;
static int hf_tlsi_ech_enc_length = -1;
static int hf_tlsi_ech_enc = -1;
static int hf_tlsi_ech_payload_length = -1;
static int hf_tlsi_ech_payload = -1;
static int hf_tlsi_ech_data = -1;
static int hf_tlsi_handshake_extensions_srp_len = -1;
static int hf_tlsi_handshake_extensions_srp_username = -1;
static int hf_tlsi_handshake_extensions_status_request_list_len = -1;
static int hf_tlsi_handshake_extensions_status_request_len = -1;
static int hf_tlsi_sct_scts_length = -1;
static int hf_tlsi_sct_sct_length = -1;
static int hf_tlsi_sct_sct_version = -1;
static int hf_tlsi_sct_sct_logid = -1;
static int hf_tlsi_sct_sct_timestamp = -1;
static int hf_tlsi_sct_sct_extensions_length = -1;
static int hf_tlsi_sct_sct_extensions = -1;
static int hf_tlsi_sct_sct_signature_length = -1;
static int hf_tlsi_sct_sct_signature = -1;
static int hf_tlsi_handshake_sig_hash_alg_scheme = -1;
static int hf_tlsi_handshake_cred_valid_time = -1;
static int hf_tlsi_handshake_cred_pubkey_len = -1;
static int hf_tlsi_handshake_cred_pubkey = -1;
static int hf_tlsi_handshake_cred_signature_len = -1;
static int hf_tlsi_handshake_cred_signature = -1;
static int hf_tlsi_handshake_extensions_alps_len = -1;
static int hf_tlsi_handshake_extensions_alps_alpn_list = -1;
static int hf_tlsi_connection_id_length = -1;
static int hf_tlsi_connection_id = -1;

static gint ett_ext = -1;
static gint ett_ext_list = -1;
static gint ett_ext_entry = -1;
static gint ett_ext_sct = -1;

static expert_field ei_ext_duplicate = EI_INIT;
static expert_field ei_ext_psk_not_last = EI_INIT;
static expert_field ei_ext_malformed = EI_INIT;

/* u8 or u16 items of a validated list, each drawn with hf. */
static void list_items(const tlsi_tb *b, proto_tree *tree, const tlsi_list *l, int size, int hf)
{
    tlsi_list_iter it;
    guint32 off = l->items.off;

    tlsi_list_iter_init(&it, b->body, l);
    for (;;) {
        uint8_t v8;
        uint16_t v16;
        if (size == 1 ? !tlsi_list_u8_next(&it, &v8) : !tlsi_list_u16_next(&it, &v16))
            break;
        tlsi_add_item(tree, hf, b->tvb, tlsi_tb_off(b, off), size, ENC_BIG_ENDIAN);
        off += (guint32)size;
    }
}

/* A list with its lb-byte length, then its items under a subtree when
 * hf_sub is given (else straight in tree). */
static void fixed_list(const tlsi_tb *b, proto_tree *tree, const tlsi_list *l, int lb, int hf_len,
                       int hf_sub, int size, int hf_item)
{
    proto_item *ti;
    proto_tree *lt = tree;

    tlsi_tree_vec(b, tree, hf_len, -1, l->items, lb, 0);
    if (hf_sub != -1) {
        lt = tlsi_tree_vec_subtree(b, tree, hf_sub, ett_ext_list, l->items, 0, &ti);
        proto_item_append_text(ti, " (%u)", l->count);
    }
    list_items(b, lt, l, size, hf_item);
}

/* Protocol names (opaque8 items): ALPN, the ALPS client list, NPN. */
static void protocol_list(const tlsi_tb *b, proto_tree *tree, proto_item *ext_item,
                          const tlsi_list *l, int hf_len_item, int hf_str)
{
    tlsi_list_iter it;
    tlsi_span s;
    gboolean first = TRUE;

    tlsi_list_iter_init(&it, b->body, l);
    while (tlsi_list_opaque8_next(&it, &s)) {
        proto_item *ti = tlsi_tree_vec(b, tree, hf_len_item, hf_str, s, 1, ENC_ASCII | ENC_NA);
        if (ti)
            proto_item_append_text(ext_item, "%s%s", first ? " " : ",",
                                   tlsi_format_text(b->pinfo->pool, b->body + s.off, s.len));
        first = FALSE;
    }
}

static void opaque16_list(const tlsi_tb *b, proto_tree *tree, const tlsi_list *l, int hf_len,
                          int hf_data)
{
    tlsi_list_iter it;
    tlsi_span s;

    tlsi_list_iter_init(&it, b->body, l);
    while (tlsi_list_opaque16_next(&it, &s))
        tlsi_tree_vec(b, tree, hf_len, hf_data, s, 2, ENC_NA);
}

/* An entry of a list (PSK identity, key share, OID filter) as a subtree. */
static proto_tree *entry(const tlsi_tb *b, proto_tree *tree, int hf, guint32 off, guint32 len,
                         proto_item **ti)
{
    *ti = proto_tree_add_item(tree, hf, b->tvb, tlsi_tb_off(b, off), (gint)len, ENC_NA);
    return proto_item_add_subtree(*ti, ett_ext_entry);
}

/* ---- one draw function per extension type ----
 * Each gets the extension's subtree (et), its item (ei, for a summary in its
 * text), the entry and the value src/extensions.c decoded for the context in
 * v->ctx. They run only when the parse succeeded, so every span is valid. */

typedef void (*ext_drawer)(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                           const tlsi_ext_value *v);

/* A u8 or u16 value at the start of the extension data. */
static void data_uint(const tlsi_tb *b, proto_tree *et, const tlsi_ext *e, int hf, int size)
{
    tlsi_add_item(et, hf, b->tvb, tlsi_tb_off(b, e->data.off), size, ENC_BIG_ENDIAN);
}

/* Bytes of a span when there are any. */
static void opt_bytes(const tlsi_tb *b, proto_tree *et, int hf, tlsi_span s)
{
    if (s.len)
        tlsi_add_item(et, hf, b->tvb, tlsi_tb_off(b, s.off), (gint)s.len, ENC_NA);
}

/* The u16 length just before a list's items. */
static void list_len16(const tlsi_tb *b, proto_tree *et, int hf, const tlsi_list *l)
{
    tlsi_tree_vec(b, et, hf, -1, l->items, 2, 0);
}

static void d_server_name(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                          const tlsi_ext_value *v)
{
    tlsi_list_iter it;
    tlsi_server_name sn;

    if (!v->u.server_name.names.items.off)
        return; /* the server's empty acknowledgement (RFC 6066 3) */
    list_len16(b, et, hf_tlsi_handshake_extensions_server_name_list_len, &v->u.server_name.names);
    tlsi_list_iter_init(&it, b->body, &v->u.server_name.names);
    while (tlsi_list_server_name_next(&it, &sn)) {
        proto_tree_add_item(et, hf_tlsi_handshake_extensions_server_name_type, b->tvb,
                            tlsi_tb_off(b, sn.type_span.off), 1, ENC_BIG_ENDIAN);
        tlsi_tree_vec(b, et, hf_tlsi_handshake_extensions_server_name_len, -1, sn.name, 2, 0);
        if (!sn.name.len)
            continue;
        proto_tree_add_item(et, hf_tlsi_handshake_extensions_server_name, b->tvb,
                            tlsi_tb_off(b, sn.name.off), (gint)sn.name.len, ENC_ASCII | ENC_NA);
        if (sn.name_type == 0)
            proto_item_append_text(
                ei, " name=%s",
                tlsi_format_text(b->pinfo->pool, b->body + sn.name.off, sn.name.len));
    }
}

static void d_max_fragment_length(const tlsi_tb *b, proto_tree *et, proto_item *ei,
                                  const tlsi_ext *e, const tlsi_ext_value *v)
{
    data_uint(b, et, e, hf_tlsi_handshake_max_fragment_length, 1);
}

/* RFC 6066 8 OCSPStatusRequest: responder IDs and request extensions. */
static void ocsp_request(const tlsi_tb *b, proto_tree *et, const tlsi_list *ids, tlsi_span exts)
{
    list_len16(b, et, hf_tlsi_handshake_extensions_status_request_responder_ids_len, ids);
    opaque16_list(b, et, ids, hf_tlsi_handshake_extensions_status_request_responder_id_len,
                  hf_tlsi_handshake_extensions_status_request_responder_id);
    tlsi_tree_vec(b, et, hf_tlsi_handshake_extensions_status_request_exts_len,
                  hf_tlsi_handshake_extensions_status_request_exts, exts, 2, ENC_NA);
}

/* RFC 6066 8 OCSPStatusRequest, or (RFC 8446 4.4.2.1) the OCSP response
 * itself in a TLS 1.3 CertificateEntry. */
static void d_status_request(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                             const tlsi_ext_value *v)
{
    const tlsi_span exts = v->u.status_request.request_extensions;

    if (v->u.status_request.empty)
        return;
    data_uint(b, et, e, hf_tlsi_handshake_extensions_status_request_type, 1);
    if (v->ctx == TLSI_EXT_CTX_CERTIFICATE) {
        tlsi_tree_vec(b, et, hf_tlsi_handshake_extensions_status_request_ocsp_len, -1,
                      v->u.status_request.response, 3, 0);
        tlsi_tree_handoff(b, et, TLSI_OCSP_TABLE, TLSI_OCSP_KEY, v->u.status_request.response,
                          hf_tlsi_handshake_extensions_status_request_ocsp);
        return;
    }
    if (v->u.status_request.status_type == 1)
        ocsp_request(b, et, &v->u.status_request.responder_ids, exts);
    else
        opt_bytes(b, et, hf_tlsi_handshake_extension_data, exts);
}

/* RFC 6961 2.2: the ClientHello's CertificateStatusRequestItemV2 list. */
static void d_status_request_v2(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                                const tlsi_ext_value *v)
{
    tlsi_list_iter it;
    tlsi_status_request_item item;

    if (!v->u.status_request_v2.items.off)
        return; /* the server's empty acknowledgement */
    list_len16(b, et, hf_tlsi_handshake_extensions_status_request_list_len,
               &v->u.status_request_v2);
    tlsi_list_iter_init(&it, b->body, &v->u.status_request_v2);
    while (tlsi_list_status_request_v2_next(&it, &item)) {
        /* u8 status_type, u16 request_length, then the request */
        proto_tree_add_item(et, hf_tlsi_handshake_extensions_status_request_type, b->tvb,
                            tlsi_tb_off(b, item.type_span.off), 1, ENC_BIG_ENDIAN);
        tlsi_tree_vec(b, et, hf_tlsi_handshake_extensions_status_request_len, -1, item.request, 2,
                      0);
        if (item.status_type == 1 || item.status_type == 2)
            ocsp_request(b, et, &item.responder_ids, item.request_extensions);
        else
            opt_bytes(b, et, hf_tlsi_handshake_extension_data, item.request);
    }
}

static void d_supported_groups(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                               const tlsi_ext_value *v)
{
    fixed_list(b, et, &v->u.u16_list, 2, hf_tlsi_handshake_extensions_supported_groups_length,
               hf_tlsi_handshake_extensions_supported_groups, 2,
               hf_tlsi_handshake_extensions_supported_group);
}

static void d_ec_point_formats(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                               const tlsi_ext_value *v)
{
    fixed_list(b, et, &v->u.u8_list, 1, hf_tlsi_handshake_extensions_ec_point_formats_length,
               tlsi_compat_hf(TLSI_COMPAT_EC_POINT_FORMATS), 1,
               hf_tlsi_handshake_extensions_ec_point_format);
}

/* signature_algorithms, signature_algorithms_cert. */
static void d_sig_algs(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                       const tlsi_ext_value *v)
{
    tlsi_tree_sig_alg_list(b, et, &v->u.u16_list, 2);
}

static void d_use_srtp(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                       const tlsi_ext_value *v)
{
    fixed_list(b, et, &v->u.use_srtp.profiles, 2,
               hf_tlsi_handshake_extensions_use_srtp_profiles_length, -1, 2,
               hf_tlsi_handshake_extensions_use_srtp_profile);
    tlsi_tree_vec(b, et, hf_tlsi_handshake_extensions_use_srtp_mki_length,
                  hf_tlsi_handshake_extensions_use_srtp_mki, v->u.use_srtp.mki, 1, ENC_NA);
}

static void d_heartbeat(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                        const tlsi_ext_value *v)
{
    data_uint(b, et, e, hf_tlsi_handshake_extension_heartbeat_mode, 1);
}

static void d_alpn(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                   const tlsi_ext_value *v)
{
    proto_item *li;

    list_len16(b, et, hf_tlsi_handshake_extensions_alpn_len, &v->u.alpn.protocols);
    protocol_list(b, et, ei, &v->u.alpn.protocols, hf_tlsi_handshake_extensions_alpn_str_len,
                  hf_tlsi_handshake_extensions_alpn_str);
    /* the built-in's subtree name, over the same items */
    li = tlsi_tree_vec_subtree(b, et, tlsi_compat_hf(TLSI_COMPAT_ALPN_LIST), ett_ext_list,
                               v->u.alpn.protocols.items, 0, NULL);
    proto_item_set_hidden(li);
}

static void d_npn(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                  const tlsi_ext_value *v)
{
    if (v->u.alpn.protocols.items.off)
        protocol_list(b, et, ei, &v->u.alpn.protocols, hf_tlsi_handshake_extensions_npn_str_len,
                      hf_tlsi_handshake_extensions_npn);
}

/* application_settings: the ClientHello lists protocols, the server's
 * EncryptedExtensions carries opaque settings. */
static void d_alps(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                   const tlsi_ext_value *v)
{
    if (v->ctx != TLSI_EXT_CTX_CLIENT_HELLO) {
        opt_bytes(b, et, hf_tlsi_handshake_extensions_alps_settings, v->u.opaque);
        return;
    }
    list_len16(b, et, hf_tlsi_handshake_extensions_alps_len, &v->u.alpn.protocols);
    protocol_list(b, et, ei, &v->u.alpn.protocols, hf_tlsi_handshake_extensions_alps_alpn_str_len,
                  hf_tlsi_handshake_extensions_alps_alpn_str);
    /* the built-in's subtree name, over the same items */
    proto_item_set_hidden(tlsi_tree_vec_subtree(b, et, hf_tlsi_handshake_extensions_alps_alpn_list,
                                                ett_ext_list, v->u.alpn.protocols.items, 0, NULL));
}

/* A SignatureScheme / SignatureAndHashAlgorithm at body offset off, with its
 * hash and signature bytes (tlsi.handshake.sig_hash_hash, .._sig). */
static void sig_scheme(const tlsi_tb *b, proto_tree *tree, guint32 off)
{
    int at = tlsi_tb_off(b, off);

    tlsi_compat_sig_hash_split(proto_tree_add_item(tree, hf_tlsi_handshake_sig_hash_alg_scheme,
                                                   b->tvb, at, 2, ENC_BIG_ENDIAN),
                               b->tvb, at);
}

/* One SerializedSCT (RFC 6962 3.2) under its item: a v1 SCT field by field. */
static void sct_fields(const tlsi_tb *b, proto_item *item, tlsi_span s)
{
    tlsi_sct sct;
    uint32_t err_off;
    proto_tree *st;

    if (tlsi_sct_parse(b->body, s, &sct, &err_off) != TLSI_OK)
        return; /* another version: the bytes alone */
    st = proto_item_add_subtree(item, ett_ext_sct);
    proto_tree_add_item(st, hf_tlsi_sct_sct_version, b->tvb, tlsi_tb_off(b, s.off), 1,
                        ENC_BIG_ENDIAN);
    proto_tree_add_item(st, hf_tlsi_sct_sct_logid, b->tvb, tlsi_tb_off(b, sct.log_id.off), 32,
                        ENC_NA);
    /* uint64 timestamp in milliseconds */
    proto_tree_add_item(st, hf_tlsi_sct_sct_timestamp, b->tvb, tlsi_tb_off(b, sct.timestamp_span.off),
                        (gint)sct.timestamp_span.len, ENC_TIME_MSECS | ENC_BIG_ENDIAN);
    tlsi_tree_vec(b, st, hf_tlsi_sct_sct_extensions_length, -1, sct.extensions, 2, 0);
    if (sct.extensions.len)
        proto_tree_add_item(st, hf_tlsi_sct_sct_extensions, b->tvb,
                            tlsi_tb_off(b, sct.extensions.off), (gint)sct.extensions.len, ENC_NA);
    /* digitally-signed: algorithm, then the u16-prefixed signature */
    sig_scheme(b, st, sct.sig_alg_span.off);
    tlsi_tree_vec(b, st, hf_tlsi_sct_sct_signature_length, hf_tlsi_sct_sct_signature, sct.signature,
                  2, ENC_NA);
}

/* RFC 6962 3.3: the server's SerializedSCT list (the client's request is empty). */
static void d_sct(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                  const tlsi_ext_value *v)
{
    tlsi_list_iter it;
    tlsi_span s;

    if (!v->u.scts.items.off)
        return; /* the client's empty request */
    list_len16(b, et, hf_tlsi_handshake_sct_scts_length, &v->u.scts);
    /* the built-in's name for the same length */
    {
        tlsi_span len = tlsi_span_prefix(v->u.scts.items, 2);
        proto_item_set_hidden(proto_tree_add_item(et, hf_tlsi_sct_scts_length, b->tvb,
                                                  tlsi_tb_off(b, len.off), (gint)len.len,
                                                  ENC_BIG_ENDIAN));
    }
    tlsi_list_iter_init(&it, b->body, &v->u.scts);
    while (tlsi_list_opaque16_next(&it, &s)) {
        proto_item *item = tlsi_tree_vec(b, et, hf_tlsi_handshake_sct_sct_length,
                                         hf_tlsi_handshake_sct, s, 2, ENC_NA);
        proto_item_set_hidden(tlsi_tree_vec_len(b, et, hf_tlsi_sct_sct_length, s, 2));
        sct_fields(b, item, s);
    }
}

static void d_padding(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                      const tlsi_ext_value *v)
{
    opt_bytes(b, et, hf_tlsi_handshake_extensions_padding_data, v->u.padding);
}

static void d_record_size_limit(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                                const tlsi_ext_value *v)
{
    data_uint(b, et, e, hf_tlsi_handshake_extensions_record_size_limit, 2);
}

static void d_compress_certificate(const tlsi_tb *b, proto_tree *et, proto_item *ei,
                                   const tlsi_ext *e, const tlsi_ext_value *v)
{
    fixed_list(b, et, &v->u.u16_list, 1,
               hf_tlsi_handshake_extensions_compress_certificate_algorithms_length, -1, 2,
               hf_tlsi_handshake_extensions_compress_certificate_algorithm);
}

static void d_session_ticket(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                             const tlsi_ext_value *v)
{
    opt_bytes(b, et, hf_tlsi_handshake_extensions_session_ticket, v->u.opaque);
}

/* RFC 8446 4.2.11: the ClientHello's identities and binders, or the
 * ServerHello's selected identity. */
static void d_pre_shared_key(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                             const tlsi_ext_value *v)
{
    tlsi_list_iter it;
    tlsi_psk_identity id;
    tlsi_span binder;
    proto_item *ti;
    proto_tree *st;

    if (v->ctx == TLSI_EXT_CTX_SERVER_HELLO) {
        data_uint(b, et, e, hf_tlsi_handshake_extensions_psk_selected_identity, 2);
        return;
    }
    list_len16(b, et, hf_tlsi_handshake_extensions_psk_identities_length,
               &v->u.pre_shared_key.identities);
    tlsi_list_iter_init(&it, b->body, &v->u.pre_shared_key.identities);
    while (tlsi_list_psk_identity_next(&it, &id)) {
        st = entry(b, et, hf_tlsi_handshake_extensions_psk_identity, id.entry.off, id.entry.len,
                   &ti);
        tlsi_tree_vec(b, st, hf_tlsi_handshake_extensions_psk_identity_identity_length,
                      hf_tlsi_handshake_extensions_psk_identity_identity, id.identity, 2, ENC_NA);
        proto_tree_add_item(st, hf_tlsi_handshake_extensions_psk_identity_obfuscated_ticket_age,
                            b->tvb, tlsi_tb_off(b, id.age.off), (gint)id.age.len,
                            ENC_BIG_ENDIAN);
    }
    tlsi_tree_vec(b, et, hf_tlsi_handshake_extensions_psk_binders_len, -1,
                  v->u.pre_shared_key.binders.items, 2, 0);
    tlsi_list_iter_init(&it, b->body, &v->u.pre_shared_key.binders);
    while (tlsi_list_opaque8_next(&it, &binder))
        tlsi_tree_vec(b, et, hf_tlsi_handshake_extensions_psk_binder_binder_length,
                      hf_tlsi_handshake_extensions_psk_binder, binder, 1, ENC_NA);
}

static void d_early_data(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                         const tlsi_ext_value *v)
{
    if (v->u.early_data.has_max)
        data_uint(b, et, e, hf_tlsi_handshake_extensions_max_early_data_size, 4);
}

static void d_supported_versions(const tlsi_tb *b, proto_tree *et, proto_item *ei,
                                 const tlsi_ext *e, const tlsi_ext_value *v)
{
    if (v->ctx != TLSI_EXT_CTX_SERVER_HELLO && v->ctx != TLSI_EXT_CTX_HELLO_RETRY_REQUEST) {
        fixed_list(b, et, &v->u.supported_versions.versions, 1,
                   hf_tlsi_handshake_extensions_supported_versions_len, -1, 2,
                   hf_tlsi_handshake_extensions_supported_version);
        return;
    }
    data_uint(b, et, e, hf_tlsi_handshake_extensions_supported_version, 2);
    proto_item_append_text(ei, " %s",
                           val_to_str_ext_const(v->u.supported_versions.selected,
                                                tlsi_tree_version_vals(), "unknown"));
}

static void d_cookie(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                     const tlsi_ext_value *v)
{
    tlsi_tree_vec(b, et, hf_tlsi_handshake_extensions_cookie_len,
                  hf_tlsi_handshake_extensions_cookie, v->u.cookie, 2, ENC_NA);
}

static void d_psk_key_exchange_modes(const tlsi_tb *b, proto_tree *et, proto_item *ei,
                                     const tlsi_ext *e, const tlsi_ext_value *v)
{
    fixed_list(b, et, &v->u.u8_list, 1, hf_tlsi_handshake_extensions_psk_ke_modes_length, -1, 1,
               hf_tlsi_handshake_extensions_psk_ke_mode);
}

static void d_certificate_authorities(const tlsi_tb *b, proto_tree *et, proto_item *ei,
                                      const tlsi_ext *e, const tlsi_ext_value *v)
{
    tlsi_tree_dn_list(b, et, &v->u.certificate_authorities);
}

static void d_oid_filters(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                          const tlsi_ext_value *v)
{
    tlsi_list_iter it;
    tlsi_oid_filter f;
    proto_item *ti;
    proto_tree *st;

    list_len16(b, et, hf_tlsi_handshake_extensions_oid_filters_length, &v->u.oid_filters);
    tlsi_list_iter_init(&it, b->body, &v->u.oid_filters);
    while (tlsi_list_oid_filter_next(&it, &f)) {
        st = entry(b, et, hf_tlsi_handshake_extensions_oid_filter, f.entry.off, f.entry.len, &ti);
        tlsi_tree_vec(b, st, hf_tlsi_handshake_extensions_oid_filter_oid_length,
                      hf_tlsi_handshake_extensions_oid_filter_oid, f.oid, 1, ENC_NA);
        tlsi_tree_vec(b, st, hf_tlsi_handshake_extensions_oid_filter_values_length,
                      hf_tlsi_handshake_extensions_oid_filter_values, f.values, 2, ENC_NA);
    }
}

/* One KeyShareEntry (group, then key_exchange) as a subtree. */
static void key_share_entry(const tlsi_tb *b, proto_tree *et, const tlsi_key_share_entry *ks)
{
    proto_item *ti;
    proto_tree *st = entry(b, et, hf_tlsi_handshake_extensions_key_share_entry, ks->entry.off,
                           ks->entry.len, &ti);

    proto_item_append_text(ti, ": Group: %s",
                           val_to_str_ext_const(ks->group, tlsi_tree_group_vals(), "Unknown"));
    proto_tree_add_item(st, hf_tlsi_handshake_extensions_key_share_group, b->tvb,
                        tlsi_tb_off(b, ks->entry.off), 2, ENC_BIG_ENDIAN);
    tlsi_tree_vec(b, st, hf_tlsi_handshake_extensions_key_share_key_exchange_length,
                  hf_tlsi_handshake_extensions_key_share_key_exchange, ks->key_exchange, 2, ENC_NA);
}

void tlsi_tree_key_share_entry(const tlsi_tb *b, proto_tree *tree, const tlsi_key_share_entry *ks)
{
    key_share_entry(b, tree, ks);
}

/* RFC 8446 4.2.8: the ClientHello's shares, the ServerHello's one share, the
 * HelloRetryRequest's selected group. */
static void d_key_share(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                        const tlsi_ext_value *v)
{
    tlsi_list_iter it;
    tlsi_key_share_entry ks;

    if (v->ctx == TLSI_EXT_CTX_HELLO_RETRY_REQUEST) {
        data_uint(b, et, e, hf_tlsi_handshake_extensions_key_share_selected_group, 2);
        return;
    }
    if (v->ctx == TLSI_EXT_CTX_SERVER_HELLO) {
        /* The extension data is the one KeyShareEntry. */
        ks.group = v->u.key_share.group;
        ks.key_exchange = v->u.key_share.key_exchange;
        ks.entry = e->data;
        key_share_entry(b, et, &ks);
        return;
    }
    list_len16(b, et, hf_tlsi_handshake_extensions_key_share_client_length, &v->u.key_share.shares);
    tlsi_list_iter_init(&it, b->body, &v->u.key_share.shares);
    while (tlsi_list_key_share_next(&it, &ks))
        key_share_entry(b, et, &ks);
}

static void d_renegotiation_info(const tlsi_tb *b, proto_tree *et, proto_item *ei,
                                 const tlsi_ext *e, const tlsi_ext_value *v)
{
    tlsi_tree_vec(b, et, hf_tlsi_handshake_extensions_reneg_info_len,
                  hf_tlsi_handshake_extensions_reneg_info, v->u.renegotiated_connection, 1, ENC_NA);
}

/* client_/server_certificate_type: the client's list or the server's choice. */
static void d_cert_type(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                        const tlsi_ext_value *v)
{
    if (v->u.cert_type.types.items.off)
        fixed_list(b, et, &v->u.cert_type.types, 1, hf_tlsi_handshake_cert_type_types_len,
                   tlsi_compat_hf(TLSI_COMPAT_CERT_TYPES), 1, hf_tlsi_handshake_cert_type_type);
    else
        data_uint(b, et, e, hf_tlsi_handshake_cert_type_selected, 1);
}

/* RFC 9146 3. Also under the built-in's names (tlsi.connection_id, hidden). */
static void d_connection_id(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                            const tlsi_ext_value *v)
{
    tlsi_tree_vec(b, et, hf_tlsi_handshake_connection_id_length, hf_tlsi_handshake_connection_id,
                  v->u.connection_id, 1, ENC_NA);
    proto_item_set_hidden(proto_tree_add_item(et, hf_tlsi_connection_id_length, b->tvb,
                                              tlsi_tb_off(b, e->data.off), 1, ENC_BIG_ENDIAN));
    if (v->u.connection_id.len)
        proto_item_set_hidden(proto_tree_add_item(et, hf_tlsi_connection_id, b->tvb,
                                                  tlsi_tb_off(b, v->u.connection_id.off),
                                                  (gint)v->u.connection_id.len, ENC_NA));
}

/* RFC 5054 2.8.1: the client's SRP username. */
static void d_srp(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                  const tlsi_ext_value *v)
{
    if (v->u.srp_username.off)
        tlsi_tree_vec(b, et, hf_tlsi_handshake_extensions_srp_len,
                      hf_tlsi_handshake_extensions_srp_username, v->u.srp_username, 1,
                      ENC_ASCII | ENC_NA);
}

/* RFC 9345 4: the DelegatedCredential of a TLS 1.3 CertificateEntry; in a
 * ClientHello or CertificateRequest the accepted signature schemes. */
static void d_delegated_credential(const tlsi_tb *b, proto_tree *et, proto_item *ei,
                                   const tlsi_ext *e, const tlsi_ext_value *v)
{
    const tlsi_span spki = v->u.delegated_credential.spki;
    const tlsi_span sig = v->u.delegated_credential.signature;

    if (v->ctx != TLSI_EXT_CTX_CERTIFICATE) {
        tlsi_tree_sig_alg_list(b, et, &v->u.u16_list, 2);
        return;
    }
    /* uint32 valid_time, SignatureScheme dc_cert_verify_algorithm, u24 SPKI length */
    data_uint(b, et, e, hf_tlsi_handshake_cred_valid_time, 4);
    sig_scheme(b, et, v->u.delegated_credential.cert_verify_algorithm_span.off);
    tlsi_tree_vec(b, et, hf_tlsi_handshake_cred_pubkey_len, hf_tlsi_handshake_cred_pubkey, spki, 3,
                  ENC_NA);
    /* SignatureScheme algorithm, u16 signature length, signature */
    sig_scheme(b, et, v->u.delegated_credential.algorithm_span.off);
    tlsi_tree_vec(b, et, hf_tlsi_handshake_cred_signature_len, hf_tlsi_handshake_cred_signature,
                  sig, 2, ENC_NA);
}

/* draft-ietf-tls-esni 5: the outer ClientHello's cipher suite, config id,
 * enc and payload; elsewhere opaque. */
static void d_ech(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                  const tlsi_ext_value *v)
{
    int at = tlsi_tb_off(b, e->data.off);

    if (v->ctx != TLSI_EXT_CTX_CLIENT_HELLO) {
        opt_bytes(b, et, hf_tlsi_ech_data, v->u.ech.other);
        return;
    }
    proto_tree_add_item(et, hf_tlsi_ech_client_hello_type, b->tvb, at, 1, ENC_BIG_ENDIAN);
    if (v->u.ech.ch_type != 0)
        return;
    /* outer: u8 type, u16 kdf_id, u16 aead_id, u8 config_id, then the vectors */
    proto_tree_add_item(et, hf_tlsi_ech_hpke_keyconfig_cipher_suite_kdf_id, b->tvb, at + 1, 2,
                        ENC_BIG_ENDIAN);
    proto_tree_add_item(et, hf_tlsi_ech_hpke_keyconfig_cipher_suite_aead_id, b->tvb, at + 3, 2,
                        ENC_BIG_ENDIAN);
    proto_tree_add_item(et, hf_tlsi_ech_config_id, b->tvb, at + 5, 1, ENC_BIG_ENDIAN);
    tlsi_tree_vec(b, et, hf_tlsi_ech_enc_length, hf_tlsi_ech_enc, v->u.ech.enc, 2, ENC_NA);
    tlsi_tree_vec(b, et, hf_tlsi_ech_payload_length, hf_tlsi_ech_payload, v->u.ech.payload, 2,
                  ENC_NA);
}

/* Which function draws a type, in the order of the parser table in
 * src/extensions.c. Types absent here have no fields: the empty bodies
 * (truncated_hmac, encrypt_then_mac, extended_master_secret,
 * post_handshake_auth); types the core does not decode show their bytes. */
static const struct {
    uint16_t type;
    ext_drawer draw;
} drawers[] = {
    {TLSI_EXT_SERVER_NAME, d_server_name},
    {TLSI_EXT_MAX_FRAGMENT_LENGTH, d_max_fragment_length},
    {TLSI_EXT_STATUS_REQUEST, d_status_request},
    {TLSI_EXT_SUPPORTED_GROUPS, d_supported_groups},
    {TLSI_EXT_SRP, d_srp},
    {TLSI_EXT_EC_POINT_FORMATS, d_ec_point_formats},
    {TLSI_EXT_SIGNATURE_ALGORITHMS, d_sig_algs},
    {TLSI_EXT_USE_SRTP, d_use_srtp},
    {TLSI_EXT_HEARTBEAT, d_heartbeat},
    {TLSI_EXT_ALPN, d_alpn},
    {TLSI_EXT_STATUS_REQUEST_V2, d_status_request_v2},
    {TLSI_EXT_SIGNED_CERTIFICATE_TIMESTAMP, d_sct},
    {TLSI_EXT_CLIENT_CERTIFICATE_TYPE, d_cert_type},
    {TLSI_EXT_SERVER_CERTIFICATE_TYPE, d_cert_type},
    {TLSI_EXT_PADDING, d_padding},
    {TLSI_EXT_COMPRESS_CERTIFICATE, d_compress_certificate},
    {TLSI_EXT_RECORD_SIZE_LIMIT, d_record_size_limit},
    {TLSI_EXT_DELEGATED_CREDENTIAL, d_delegated_credential},
    {TLSI_EXT_SESSION_TICKET, d_session_ticket},
    {TLSI_EXT_PRE_SHARED_KEY, d_pre_shared_key},
    {TLSI_EXT_EARLY_DATA, d_early_data},
    {TLSI_EXT_SUPPORTED_VERSIONS, d_supported_versions},
    {TLSI_EXT_COOKIE, d_cookie},
    {TLSI_EXT_PSK_KEY_EXCHANGE_MODES, d_psk_key_exchange_modes},
    {TLSI_EXT_CERTIFICATE_AUTHORITIES, d_certificate_authorities},
    {TLSI_EXT_OID_FILTERS, d_oid_filters},
    {TLSI_EXT_SIGNATURE_ALGORITHMS_CERT, d_sig_algs},
    {TLSI_EXT_KEY_SHARE, d_key_share},
    {TLSI_EXT_CONNECTION_ID, d_connection_id},
    {TLSI_EXT_NPN, d_npn},
    {TLSI_EXT_ALPS_OLD, d_alps},
    {TLSI_EXT_ALPS, d_alps},
    {TLSI_EXT_ENCRYPTED_CLIENT_HELLO, d_ech},
    {TLSI_EXT_RENEGOTIATION_INFO, d_renegotiation_info},
    {TLSI_EXT_ENCRYPTED_SERVER_NAME, tlsi_tree_esni}, /* plugin/tlsi-tree-esni.c */
};

/* The fields of one decoded extension. */
static void ext_body(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                     const tlsi_ext_value *v)
{
    for (size_t i = 0; i < array_length(drawers); i++)
        if (drawers[i].type == e->type) {
            drawers[i].draw(b, et, ei, e, v);
            return;
        }
}

void tlsi_tree_extensions(const tlsi_tb *b, proto_tree *tree, tlsi_span block, tlsi_ext_ctx ctx,
                          tlsi_ext_summary *sum)
{
    tlsi_ext_iter it;
    tlsi_ext e;
    proto_item *ti;

    if (sum)
        memset(sum, 0, sizeof(*sum));
    tlsi_tree_vec(b, tree, hf_tlsi_handshake_extensions_length, -1, block, 2, 0);
    tlsi_ext_iter_init(&it, b->body, block, ctx);
    while (tlsi_ext_next(&it, &e)) {
        tlsi_ext_value v;
        uint32_t err_off = 0;
        tlsi_err err = tlsi_ext_parse(b->body, &e, ctx, &v, &err_off);
        proto_tree *et;
        proto_item *ei;
        const char *tname = val_to_str_ext_const(e.type, tlsi_tree_ext_type_vals(), "Unknown");

        ei = proto_tree_add_item(tree, hf_tlsi_handshake_extension, b->tvb,
                                 tlsi_tb_off(b, e.span.off), (gint)e.span.len, ENC_NA);
        proto_item_set_text(ei, "Extension: %s (len=%u)", tname, e.data.len);
        et = proto_item_add_subtree(ei, ett_ext);
        ti = proto_tree_add_item(et, hf_tlsi_handshake_extension_type, b->tvb,
                                 tlsi_tb_off(b, e.span.off), 2, ENC_BIG_ENDIAN);
        if (e.err == TLSI_ERR_DUPLICATE)
            expert_add_info_format(b->pinfo, ti, &ei_ext_duplicate,
                                   "Extension %s (%u) appears more than once in this block "
                                   "(RFC 8446 4.2)",
                                   tname, e.type);
        else if (e.err == TLSI_ERR_BAD_VALUE && e.type == TLSI_EXT_PRE_SHARED_KEY)
            expert_add_info(b->pinfo, ti, &ei_ext_psk_not_last);
        tlsi_tree_vec(b, et, hf_tlsi_handshake_extension_len, -1, e.data, 2, 0);
        if (sum && e.type == TLSI_EXT_PRE_SHARED_KEY)
            sum->has_psk = TRUE;
        if (err != TLSI_OK && err != TLSI_ERR_DUPLICATE) {
            /* Not decodable here: show the bytes and where they went wrong. */
            if (e.data.len)
                proto_tree_add_item(et, hf_tlsi_handshake_extension_data, b->tvb,
                                    tlsi_tb_off(b, e.data.off), (gint)e.data.len, ENC_NA);
            proto_tree_add_expert_format(
                et, b->pinfo, &ei_ext_malformed, b->tvb,
                tlsi_tb_off(b, MIN(err_off, e.data.off + e.data.len)),
                (gint)(e.data.off + e.data.len - MIN(err_off, e.data.off + e.data.len)),
                "Malformed %s extension: %s", tname, tlsi_err_str(err));
            tlsi_compat_malformed(et, b->pinfo, err, b->tvb,
                                  tlsi_tb_off(b, MIN(err_off, e.data.off + e.data.len)), 0);
            continue;
        }
        if (!v.parsed) {
            if (e.data.len)
                proto_tree_add_item(et, hf_tlsi_handshake_extension_data, b->tvb,
                                    tlsi_tb_off(b, e.data.off), (gint)e.data.len, ENC_NA);
            continue;
        }
        if (sum && e.type == TLSI_EXT_SUPPORTED_VERSIONS && ctx == TLSI_EXT_CTX_CLIENT_HELLO) {
            tlsi_list_iter li;
            uint16_t ver;
            tlsi_list_iter_init(&li, b->body, &v.u.supported_versions.versions);
            while (tlsi_list_u16_next(&li, &ver))
                sum->offers_tls13 |= tlsi_version_is_tls13(ver);
        }
        ext_body(b, et, ei, &e, &v);
    }
    if (it.err != TLSI_OK)
        proto_tree_add_expert_format(
            tree, b->pinfo, &ei_ext_malformed, b->tvb, tlsi_tb_off(b, it.err_off),
            (gint)(block.off + block.len - MIN(it.err_off, block.off + block.len)),
            "Malformed extension block: %s", tlsi_err_str(it.err));
    if (it.err != TLSI_OK)
        tlsi_compat_malformed(tree, b->pinfo, it.err, b->tvb, tlsi_tb_off(b, it.err_off), 0);
}

void tlsi_register_extension_tree(int proto, expert_module_t *expert)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_handshake_extensions_length,
         {"Extensions Length", "tlsi.handshake.extensions_length", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_extension,
         {"Extension", "tlsi.handshake.extension", FT_NONE, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extension_type,
         {"Type", "tlsi.handshake.extension.type", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extension_len,
         {"Length", "tlsi.handshake.extension.len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extension_data,
         {"Data", "tlsi.handshake.extension.data", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Extension data tlsi does not decode", HFILL}},
        {&hf_tlsi_handshake_extensions_server_name_list_len,
         {"Server Name List Length", "tlsi.handshake.extensions_server_name_list_len", FT_UINT16,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_server_name_type,
         {"Server Name Type", "tlsi.handshake.extensions_server_name_type", FT_UINT8, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_server_name_len,
         {"Server Name Length", "tlsi.handshake.extensions_server_name_len", FT_UINT16, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_server_name,
         {"Server Name", "tlsi.handshake.extensions_server_name", FT_STRING, BASE_NONE, NULL, 0x0,
          "Server Name Indication (RFC 6066 3)", HFILL}},
        {&hf_tlsi_handshake_max_fragment_length,
         {"Maximum Fragment Length", "tlsi.handshake.max_fragment_length", FT_UINT8, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_status_request_type,
         {"Certificate Status Type", "tlsi.handshake.extensions_status_request_type", FT_UINT8,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_status_request_responder_ids_len,
         {"Responder ID List Length", "tlsi.handshake.extensions_status_request_responder_ids_len",
          FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_status_request_responder_id_len,
         {"Responder ID Length", "tlsi.handshake.extensions_status_request_responder_id_len",
          FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_status_request_responder_id,
         {"Responder ID", "tlsi.handshake.extensions_status_request_responder_id", FT_BYTES,
          BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_status_request_exts_len,
         {"Request Extensions Length", "tlsi.handshake.extensions_status_request_exts_len",
          FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_status_request_exts,
         {"Request Extensions", "tlsi.handshake.extensions_status_request_exts", FT_BYTES,
          BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_status_request_ocsp_len,
         {"OCSP Response Length", "tlsi.handshake.extensions_status_request_ocsp_len", FT_UINT24,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_status_request_ocsp,
         {"OCSP Response", "tlsi.handshake.extensions_status_request_ocsp", FT_BYTES, BASE_NONE,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_supported_groups_length,
         {"Supported Groups List Length", "tlsi.handshake.extensions_supported_groups_length",
          FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_supported_groups,
         {"Supported Groups", "tlsi.handshake.extensions_supported_groups", FT_NONE, BASE_NONE,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_supported_group,
         {"Supported Group", "tlsi.handshake.extensions_supported_group", FT_UINT16, BASE_HEX, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_ec_point_formats_length,
         {"EC Point Formats Length", "tlsi.handshake.extensions_ec_point_formats_length", FT_UINT8,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_ec_point_format,
         {"EC Point Format", "tlsi.handshake.extensions_ec_point_format", FT_UINT8, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_use_srtp_profiles_length,
         {"SRTP Protection Profiles Length", "tlsi.handshake.extensions.use_srtp.profiles_length",
          FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_use_srtp_profile,
         {"SRTP Protection Profile", "tlsi.handshake.extensions.use_srtp.profile", FT_UINT16,
          BASE_HEX, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_use_srtp_mki_length,
         {"MKI Length", "tlsi.handshake.extensions.use_srtp.mki_length", FT_UINT8, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_use_srtp_mki,
         {"MKI", "tlsi.handshake.extensions.use_srtp.mki", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_extension_heartbeat_mode,
         {"Heartbeat Mode", "tlsi.handshake.extension.heartbeat.mode", FT_UINT8, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_alpn_len,
         {"ALPN Extension Length", "tlsi.handshake.extensions_alpn_len", FT_UINT16, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_alpn_str_len,
         {"ALPN String Length", "tlsi.handshake.extensions_alpn_str_len", FT_UINT8, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_alpn_str,
         {"ALPN Next Protocol", "tlsi.handshake.extensions_alpn_str", FT_STRING, BASE_NONE, NULL,
          0x0, "A protocol of application_layer_protocol_negotiation (RFC 7301)", HFILL}},
        {&hf_tlsi_handshake_extensions_npn_str_len,
         {"NPN String Length", "tlsi.handshake.extensions_npn_str_len", FT_UINT8, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_npn,
         {"NPN Protocol", "tlsi.handshake.extensions_npn", FT_STRING, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_extensions_alps_alpn_str_len,
         {"Supported ALPN Length", "tlsi.handshake.extensions_alps_alpn_str_len", FT_UINT8,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_alps_alpn_str,
         {"Supported ALPN", "tlsi.handshake.extensions_alps_alpn_str", FT_STRING, BASE_NONE, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_alps_settings,
         {"ALPS Settings", "tlsi.handshake.extensions_alps_settings", FT_BYTES, BASE_NONE, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_sct_scts_length,
         {"Serialized SCT List Length", "tlsi.handshake.sct.scts_length", FT_UINT16, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_sct_sct_length,
         {"Serialized SCT Length", "tlsi.handshake.sct.sct_length", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_sct,
         {"Serialized SCT", "tlsi.handshake.sct", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_padding_data,
         {"Padding Data", "tlsi.handshake.extensions_padding_data", FT_BYTES, BASE_NONE, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_record_size_limit,
         {"Record Size Limit", "tlsi.handshake.extensions.record_size_limit", FT_UINT16, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_compress_certificate_algorithms_length,
         {"Algorithms Length", "tlsi.handshake.extensions.compress_certificate.algorithms_length",
          FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_compress_certificate_algorithm,
         {"Algorithm", "tlsi.handshake.extensions.compress_certificate.algorithm", FT_UINT16,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_session_ticket,
         {"Session Ticket", "tlsi.handshake.extensions.session_ticket", FT_BYTES, BASE_NONE, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_psk_identities_length,
         {"Identities Length", "tlsi.handshake.extensions.psk.identities.length", FT_UINT16,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_psk_identity,
         {"PSK Identity", "tlsi.handshake.extensions.psk.identity", FT_NONE, BASE_NONE, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_psk_identity_identity_length,
         {"Identity Length", "tlsi.handshake.extensions.psk.identity.identity_length", FT_UINT16,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_psk_identity_identity,
         {"Identity", "tlsi.handshake.extensions.psk.identity.identity", FT_BYTES, BASE_NONE, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_psk_identity_obfuscated_ticket_age,
         {"Obfuscated Ticket Age", "tlsi.handshake.extensions.psk.identity.obfuscated_ticket_age",
          FT_UINT32, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_psk_binders_len,
         {"PSK Binders Length", "tlsi.handshake.extensions.psk.binders_len", FT_UINT16, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_psk_binder_binder_length,
         {"Binder Length", "tlsi.handshake.extensions.psk.binder.binder_length", FT_UINT8, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_psk_binder,
         {"PSK Binder", "tlsi.handshake.extensions.psk.binder", FT_BYTES, BASE_NONE, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_psk_selected_identity,
         {"Selected Identity", "tlsi.handshake.extensions.psk.selected_identity", FT_UINT16,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_max_early_data_size,
         {"Maximum Early Data Size", "tlsi.handshake.extensions.max_early_data_size", FT_UINT32,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_supported_versions_len,
         {"Supported Versions Length", "tlsi.handshake.extensions.supported_versions_len", FT_UINT8,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_supported_version,
         {"Supported Version", "tlsi.handshake.extensions.supported_version", FT_UINT16, BASE_HEX,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_cookie_len,
         {"Cookie Length", "tlsi.handshake.extensions.cookie_len", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_cookie,
         {"Cookie", "tlsi.handshake.extensions.cookie", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_extensions_psk_ke_modes_length,
         {"PSK Key Exchange Modes Length", "tlsi.handshake.extensions.psk_ke_modes_length",
          FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_psk_ke_mode,
         {"PSK Key Exchange Mode", "tlsi.handshake.extensions.psk_ke_mode", FT_UINT8, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_oid_filters_length,
         {"OID Filters Length", "tlsi.handshake.extensions.oid_filters_length", FT_UINT16, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_oid_filter,
         {"OID Filter", "tlsi.handshake.extensions.oid_filter", FT_NONE, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_extensions_oid_filter_oid_length,
         {"Certificate Extension OID Length", "tlsi.handshake.extensions.oid_filter.oid_length",
          FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_oid_filter_oid,
         {"Certificate Extension OID", "tlsi.handshake.extensions.oid_filter.oid", FT_OID,
          BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_oid_filter_values_length,
         {"Certificate Extension Values Length",
          "tlsi.handshake.extensions.oid_filter.values_length", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_oid_filter_values,
         {"Certificate Extension Values", "tlsi.handshake.extensions.oid_filter.values", FT_BYTES,
          BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_key_share_client_length,
         {"Client Key Share Length", "tlsi.handshake.extensions_key_share_client_length", FT_UINT16,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_key_share_entry,
         {"Key Share Entry", "tlsi.handshake.extensions_key_share_entry", FT_NONE, BASE_NONE, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_key_share_group,
         {"Group", "tlsi.handshake.extensions_key_share_group", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_key_share_key_exchange_length,
         {"Key Exchange Length", "tlsi.handshake.extensions_key_share_key_exchange_length",
          FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_key_share_key_exchange,
         {"Key Exchange", "tlsi.handshake.extensions_key_share_key_exchange", FT_BYTES, BASE_NONE,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_key_share_selected_group,
         {"Selected Group", "tlsi.handshake.extensions_key_share_selected_group", FT_UINT16,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_reneg_info_len,
         {"Renegotiation Info Extension Length", "tlsi.handshake.extensions_reneg_info_len",
          FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_reneg_info,
         {"Renegotiated Connection", "tlsi.handshake.extensions_reneg_info", FT_BYTES, BASE_NONE,
          NULL, 0x0, "verify_data of the previous handshake (RFC 5746 3.2)", HFILL}},
        {&hf_tlsi_handshake_cert_type_types_len,
         {"Certificate Type List Length", "tlsi.handshake.cert_type.types_len", FT_UINT8, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_cert_type_type,
         {"Certificate Type", "tlsi.handshake.cert_type.type", FT_UINT8, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_cert_type_selected,
         {"Selected Certificate Type", "tlsi.handshake.cert_type.selected", FT_UINT8, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_connection_id_length,
         {"Connection ID Length", "tlsi.handshake.connection_id_length", FT_UINT8, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_connection_id,
         {"Connection ID", "tlsi.handshake.connection_id", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_ech_client_hello_type,
         {"Client Hello Type", "tlsi.ech.client_hello_type", FT_UINT8, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_ech_hpke_keyconfig_cipher_suite_kdf_id,
         {"KDF Id", "tlsi.ech.hpke.keyconfig.cipher_suite.kdf_id", FT_UINT16, BASE_HEX, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_ech_hpke_keyconfig_cipher_suite_aead_id,
         {"AEAD Id", "tlsi.ech.hpke.keyconfig.cipher_suite.aead_id", FT_UINT16, BASE_HEX, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_ech_config_id,
         {"Config Id", "tlsi.ech.config_id", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_ech_enc_length,
         {"Enc Length", "tlsi.ech.enc_length", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_ech_enc, {"Enc", "tlsi.ech.enc", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_ech_payload_length,
         {"Payload Length", "tlsi.ech.payload_length", FT_UINT16, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_ech_payload,
         {"Payload", "tlsi.ech.payload", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_srp_len,
         {"SRP username length", "tlsi.handshake.extensions_srp_len", FT_UINT8, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_srp_username,
         {"SRP username", "tlsi.handshake.extensions_srp_username", FT_STRING, BASE_NONE, NULL, 0x0,
          "Secure Remote Password username (RFC 5054 2.8.1)", HFILL}},
        {&hf_tlsi_handshake_extensions_status_request_list_len,
         {"Certificate Status List Length", "tlsi.handshake.extensions_status_request_list_len",
          FT_UINT16, BASE_DEC, NULL, 0x0,
          "Length of the status_request_v2 CertificateStatusRequestItemV2 list (RFC 6961 2.2)",
          HFILL}},
        {&hf_tlsi_handshake_extensions_status_request_len,
         {"Certificate Status Length", "tlsi.handshake.extensions_status_request_len", FT_UINT16,
          BASE_DEC, NULL, 0x0, "request_length of a status_request_v2 item (RFC 6961 2.2)", HFILL}},
        {&hf_tlsi_sct_scts_length,
         {"Serialized SCT List Length", "tlsi.sct.scts_length", FT_UINT16, BASE_DEC, NULL, 0x0,
          "As tlsi.handshake.sct.scts_length, under the built-in's name", HFILL}},
        {&hf_tlsi_sct_sct_length,
         {"Serialized SCT Length", "tlsi.sct.sct_length", FT_UINT16, BASE_DEC, NULL, 0x0,
          "As tlsi.handshake.sct.sct_length, under the built-in's name", HFILL}},
        {&hf_tlsi_sct_sct_version,
         {"SCT Version", "tlsi.sct.sct_version", FT_UINT8, BASE_DEC, NULL, 0x0,
          "v1 (0) is RFC 6962's", HFILL}},
        {&hf_tlsi_sct_sct_logid,
         {"Log ID", "tlsi.sct.sct_logid", FT_BYTES, BASE_NONE, NULL, 0x0,
          "SHA-256 hash of the log's public key", HFILL}},
        {&hf_tlsi_sct_sct_timestamp,
         {"Timestamp", "tlsi.sct.sct_timestamp", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_UTC, NULL, 0x0,
          "When the log issued the SCT", HFILL}},
        {&hf_tlsi_sct_sct_extensions_length,
         {"Extensions length", "tlsi.sct.sct_extensions_length", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_sct_sct_extensions,
         {"Extensions", "tlsi.sct.sct_extensions", FT_NONE, BASE_NONE, NULL, 0x0,
          "CtExtensions (none defined by RFC 6962)", HFILL}},
        {&hf_tlsi_sct_sct_signature_length,
         {"Signature Length", "tlsi.sct.sct_signature_length", FT_UINT16, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_sct_sct_signature,
         {"Signature", "tlsi.sct.sct_signature", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_sig_hash_alg_scheme,
         {"Signature Algorithm", "tlsi.handshake.sig_hash_alg", FT_UINT16, BASE_HEX, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_cred_valid_time,
         {"Valid Time", "tlsi.handshake.cred.valid_time", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Delegated credential lifetime after the certificate's notBefore, in seconds "
          "(RFC 9345 4)",
          HFILL}},
        {&hf_tlsi_handshake_cred_pubkey_len,
         {"Subject Public Key Info Length", "tlsi.handshake.cred.pubkey_len", FT_UINT24, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_cred_pubkey,
         {"Subject Public Key Info", "tlsi.handshake.cred.pubkey", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Delegated credential public key", HFILL}},
        {&hf_tlsi_handshake_cred_signature_len,
         {"Signature Length", "tlsi.handshake.cred.signature_len", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_cred_signature,
         {"Signature", "tlsi.handshake.cred.signature", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Delegated credential signature", HFILL}},
        {&hf_tlsi_handshake_extensions_alps_len,
         {"ALPS Extension Length", "tlsi.handshake.extensions_alps_len", FT_UINT16, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_extensions_alps_alpn_list,
         {"Supported ALPN List", "tlsi.handshake.extensions_alps_alpn_list", FT_NONE, BASE_NONE,
          NULL, 0x0, "The protocol list of the application_settings extension", HFILL}},
        {&hf_tlsi_connection_id_length,
         {"Connection ID length", "tlsi.connection_id_length", FT_UINT8, BASE_DEC, NULL, 0x0,
          "As tlsi.handshake.connection_id_length, under the built-in's name", HFILL}},
        {&hf_tlsi_connection_id,
         {"Connection ID", "tlsi.connection_id", FT_BYTES, BASE_NONE, NULL, 0x0,
          "As tlsi.handshake.connection_id, under the built-in's name", HFILL}},
        {&hf_tlsi_ech_data,
         {"ECH Data", "tlsi.ech.data", FT_BYTES, BASE_NONE, NULL, 0x0,
          "retry_configs or HelloRetryRequest confirmation", HFILL}},
    };
    static gint *ett[] = {&ett_ext, &ett_ext_list, &ett_ext_entry, &ett_ext_sct};
    static ei_register_info ei[] = {
        {&ei_ext_duplicate,
         {"tlsi.handshake.extension.duplicate", PI_PROTOCOL, PI_WARN,
          "Extension type repeated in one block", EXPFILL}},
        {&ei_ext_psk_not_last,
         {"tlsi.handshake.extension.psk_not_last", PI_PROTOCOL, PI_ERROR,
          "pre_shared_key is not the last extension of the ClientHello (RFC 8446 4.2.11)",
          EXPFILL}},
        {&ei_ext_malformed,
         {"tlsi.handshake.extension.malformed", PI_MALFORMED, PI_ERROR,
          "Extension data does not match its type", EXPFILL}},
    };
    size_t n = array_length(hf);

    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_extension_type, tlsi_tree_ext_type_vals(),
                          TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_extensions_server_name_type,
                          TLSI_VALS(tlsi_sni_name_type_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_max_fragment_length,
                          TLSI_VALS(tlsi_max_frag_len_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_extensions_status_request_type,
                          TLSI_VALS(tlsi_cert_status_type_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_extensions_supported_group,
                          tlsi_tree_group_vals(), TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_extensions_ec_point_format,
                          TLSI_VALS(tlsi_ec_point_format_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_extension_heartbeat_mode,
                          TLSI_VALS(tlsi_heartbeat_mode_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_extensions_compress_certificate_algorithm,
                          TLSI_VALS(tlsi_cert_compression_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_extensions_supported_version,
                          tlsi_tree_version_vals(), TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_extensions_psk_ke_mode,
                          TLSI_VALS(tlsi_psk_ke_mode_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_extensions_key_share_group,
                          tlsi_tree_group_vals(), TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_extensions_key_share_selected_group,
                          tlsi_tree_group_vals(), TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_cert_type_type, TLSI_VALS(tlsi_cert_type_names),
                          FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_sig_hash_alg_scheme,
                          tlsi_tree_sig_scheme_vals(), TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_cert_type_selected,
                          TLSI_VALS(tlsi_cert_type_names), FALSE);
    proto_register_field_array(proto, hf, (int)n);
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert, ei, array_length(ei));
}
