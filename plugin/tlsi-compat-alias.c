/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-compat-alias.c - the built-in's suffixes as second names of tlsi
 * fields (tlsi-compat-alias.h). Each alias is registered as a copy of its
 * tlsi field (name, type, display, value names) under the built-in's
 * suffix, so a filter moved from tls.* by replacing the prefix matches the
 * same items; scripts/compat-map.tsv lists the pairs as "same".
 */
#include "tlsi-compat-alias.h"

#include <epan/proto.h>
#include <wsutil/wslog.h>

/* tlsi's field, then the alias (the built-in's suffix under tlsi.). Two
 * tlsi fields may share an alias where the built-in uses one field for
 * both places; an alias may be a tlsi field of its own already, where the
 * built-in draws a second message with the same field (SSLv2 ClientHello). */
static const struct {
    const char *own, *alias;
} pairs[] = {
    {"tlsi.alert.level", "tlsi.alert_message.level"},
    {"tlsi.alert.description", "tlsi.alert_message.desc"},
    {"tlsi.handshake.compressed_certificate.algorithm", "tlsi.compress_certificate.algorithm"},
    {"tlsi.handshake.extensions.compress_certificate.algorithm",
     "tlsi.compress_certificate.algorithm"},
    {"tlsi.handshake.extensions.compress_certificate.algorithms_length",
     "tlsi.compress_certificate.algorithms_length"},
    {"tlsi.handshake.compressed_certificate.data",
     "tlsi.compress_certificate.compressed_certificate_message"},
    {"tlsi.handshake.compressed_certificate.compressed_length",
     "tlsi.compress_certificate.compressed_certificate_message.length"},
    {"tlsi.handshake.compressed_certificate.uncompressed_length",
     "tlsi.compress_certificate.uncompressed_length"},
    {"tlsi.handshake.extensions.max_early_data_size", "tlsi.early_data.max_early_data_size"},
    {"tlsi.handshake.extensions.oid_filter.oid", "tlsi.extension.oid_filters.oid"},
    {"tlsi.handshake.extensions.oid_filter.oid_length", "tlsi.extension.oid_filters.oid_length"},
    {"tlsi.handshake.extensions.oid_filter.values_length",
     "tlsi.extension.oid_filters.values_length"},
    {"tlsi.handshake.extensions.oid_filters_length", "tlsi.extension.oid_filters_length"},
    {"tlsi.handshake.extensions.psk_ke_mode", "tlsi.extension.psk_ke_mode"},
    {"tlsi.handshake.extensions.psk_ke_modes_length", "tlsi.extension.psk_ke_modes_length"},
    {"tlsi.handshake.extensions.psk.selected_identity",
     "tlsi.handshake.extensions.psk.identity.selected"},
    {"tlsi.handshake.extensions_alps_settings", "tlsi.handshake.extensions_alps.settings"},
    {"tlsi.handshake.psk_identity", "tlsi.handshake.identity"},
    {"tlsi.handshake.psk_identity_len", "tlsi.handshake.identity_len"},
    {"tlsi.handshake.psk_identity_hint", "tlsi.handshake.hint"},
    {"tlsi.handshake.psk_identity_hint_len", "tlsi.handshake.hint_len"},
    {"tlsi.handshake.extensions.record_size_limit", "tlsi.record_size_limit"},
    {"tlsi.sslv2.challenge_length", "tlsi.handshake.challenge_length"},
    {"tlsi.sslv2.cipher_spec_length", "tlsi.handshake.cipher_spec_len"},
    {"tlsi.sslv2.cipher_spec", "tlsi.handshake.cipherspec"},
    {"tlsi.sslv2.cipher_specs", "tlsi.handshake.ciphersuites"},
    {"tlsi.sslv2.msg_type", "tlsi.handshake.type"},
    {"tlsi.sslv2.version", "tlsi.handshake.version"},
    {"tlsi.sslv2.session_id_length", "tlsi.handshake.session_id_length"},
};
#define N_PAIRS array_length(pairs)

/* Per row: tlsi's field id and the alias's (-1 when unknown).
 * own_lo/own_hi bound the own ids so most fields are rejected at once. */
static int own_id[N_PAIRS], alias_id[N_PAIRS];
static int own_lo = -1, own_hi = -1;

static int alias_of(int hf)
{
    if (hf < own_lo || hf > own_hi)
        return -1;
    for (size_t i = 0; i < N_PAIRS; i++)
        if (own_id[i] == hf)
            return alias_id[i];
    return -1;
}

void tlsi_alias_item(proto_tree *tree, int hf, tvbuff_t *tvb, int off, int len, guint enc)
{
    int a;

    if (!tree || (a = alias_of(hf)) < 0)
        return;
    proto_item_set_hidden(proto_tree_add_item(tree, a, tvb, off, len, enc));
}

void tlsi_alias_uint(proto_tree *tree, int hf, tvbuff_t *tvb, int off, int len, guint32 value)
{
    int a;

    if (!tree || (a = alias_of(hf)) < 0)
        return;
    proto_item_set_hidden(proto_tree_add_uint(tree, a, tvb, off, len, value));
}

proto_item *tlsi_add_item(proto_tree *tree, int hf, tvbuff_t *tvb, int off, int len, guint enc)
{
    tlsi_alias_item(tree, hf, tvb, off, len, enc);
    return proto_tree_add_item(tree, hf, tvb, off, len, enc);
}

/* Register alias as a copy of own under the alias's name; its id. */
static int register_copy(int proto, const header_field_info *own, const char *alias)
{
    hf_register_info *hf = wmem_new0(wmem_epan_scope(), hf_register_info);
    int *id = wmem_new(wmem_epan_scope(), int);

    *id = -1;
    hf->p_id = id;
    /* What a dissector sets; the rest is the registrar's (HFILL). */
    hf->hfinfo.name = own->name;
    hf->hfinfo.abbrev = alias;
    hf->hfinfo.type = own->type;
    hf->hfinfo.display = own->display;
    hf->hfinfo.strings = own->strings;
    hf->hfinfo.bitmask = own->bitmask;
    hf->hfinfo.blurb = own->blurb;
    HFILL_INIT(*hf);
    proto_register_field_array(proto, hf, 1);
    return *id;
}

/* An alias that is already a tlsi field (another message drawn with the
 * same field in the built-in) is used as it is; else it is registered. */
void tlsi_compat_alias_register(int proto)
{
    for (size_t i = 0; i < N_PAIRS; i++) {
        header_field_info *own = proto_registrar_get_byname(pairs[i].own);
        header_field_info *have = proto_registrar_get_byname(pairs[i].alias);

        own_id[i] = alias_id[i] = -1;
        if (!own) { /* the table names a field that was renamed: fix the table */
            ws_warning("tlsi: alias table names unknown field %s", pairs[i].own);
            continue;
        }
        own_id[i] = own->id;
        alias_id[i] = have ? have->id : register_copy(proto, own, pairs[i].alias);
        if (own_lo < 0 || own->id < own_lo)
            own_lo = own->id;
        if (own->id > own_hi)
            own_hi = own->id;
    }
}
