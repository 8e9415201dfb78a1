/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-app.c - decrypted application data on its way to the protocol it
 * carries: choosing the sub-dissector (ALPN, the tlsi.port table, heuristics)
 * and reassembling PDUs that span records, decided once on the first pass
 * and replayed on later ones.
 */
#include "packet-tlsi.h"

#include <epan/decode_as.h>
#include <epan/exceptions.h>
#include <epan/show_exception.h>

static dissector_table_t tlsi_port_table;  /* "tlsi.port": plaintext by server port */
static dissector_table_t tlsi_alpn_table;  /* "tlsi.alpn": plaintext by ALPN protocol id */
static heur_dissector_list_t tlsi_heur_list;
/* Registrations other dissectors made for TLS plaintext (HTTP on 443, "h2",
 * ...): looked up as tables, the TLS dissector itself is never called. */
static dissector_table_t other_port_table;
static dissector_table_t other_alpn_table;
static heur_dissector_list_t other_heur_list;

/* Plaintext a sub-dissector may ask to keep across records (one PDU). */
#define TLSI_APP_REASSEMBLY_CAP (8u * 1024u * 1024u)
#define TLSI_PDU_CONTINUES "[TLS segment of a reassembled PDU]"
/* Layers of a frame beyond which hand-offs stop adding theirs. */
#define TLSI_LAYERS_KEPT 64u

/* Plaintext application data: to the protocol ALPN named, then the tlsi.port
 * table (Decode As), then heuristics, else shown as data. Returns how many
 * bytes the sub-dissector consumed when it may ask for more (can_desegment). */
static guint32 tlsi_call_app(tvbuff_t *ptvb, packet_info *pinfo, proto_tree *tree,
                             tlsi_conv *conv, gboolean may_desegment)
{
    dissector_handle_t volatile h = NULL;
    guint16 saved_desegment = pinfo->can_desegment;
    int saved_offset = pinfo->desegment_offset;
    guint32 saved_len = pinfo->desegment_len;
    guint32 consumed = tvb_reported_length(ptvb);
    guint saved_layers = wmem_list_count(pinfo->layers);
    guint8 saved_layer_num = pinfo->curr_layer_num;
    heur_dtbl_entry_t *hdtbl_entry;
    tlsi_tls_heur_info hinfo;
    void *hdata = tlsi_tls_heur_data(&hinfo, &conv->app_handle);

    if (conv->alpn) {
        h = dissector_get_string_handle(tlsi_alpn_table, conv->alpn);
        if (!h && other_alpn_table)
            h = dissector_get_string_handle(other_alpn_table, conv->alpn);
    }
    if (!h)
        h = conv->app_handle;
    /* As TCP does: 2 lets the sub-dissector ask for more bytes (HTTP
     * bodies spanning records); on later passes it gets whole PDUs. */
    pinfo->can_desegment = may_desegment ? 2 : 0;
    pinfo->desegment_offset = 0;
    pinfo->desegment_len = 0;
    TRY {
        if (h)
            call_dissector(h, ptvb, pinfo, tree);
        else if (!(conv->srv_known &&
                   (dissector_try_uint(tlsi_port_table, conv->srv_port, ptvb, pinfo, tree) ||
                    (other_port_table &&
                     dissector_try_uint(other_port_table, conv->srv_port, ptvb, pinfo, tree)))) &&
                 !dissector_try_heuristic(tlsi_heur_list, ptvb, pinfo, tree, &hdtbl_entry, hdata) &&
                 !(other_heur_list && dissector_try_heuristic(other_heur_list, ptvb, pinfo, tree,
                                                              &hdtbl_entry, hdata)))
            call_data_dissector(ptvb, pinfo, tree);
    }
    CATCH_NONFATAL_ERRORS
    {
        show_exception(ptvb, pinfo, tree, EXCEPT_CODE, GET_MESSAGE);
    }
    ENDTRY;
    if (may_desegment && pinfo->desegment_len && pinfo->desegment_offset >= 0 &&
        (guint32)pinfo->desegment_offset < consumed)
        consumed = (guint32)pinfo->desegment_offset;
    pinfo->can_desegment = saved_desegment;
    pinfo->desegment_offset = saved_offset;
    pinfo->desegment_len = saved_len;
    /* Every hand-off adds the sub-dissector's layers to the frame; hundreds
     * of records in one segment would pass Wireshark's limit
     * (gui.max_tree_depth) and abort the frame. Past a margin, the layers a
     * hand-off added are dropped again (frame.protocols keeps the first). */
    if (wmem_list_count(pinfo->layers) > TLSI_LAYERS_KEPT) {
        while (wmem_list_count(pinfo->layers) > saved_layers)
            wmem_list_remove_frame(pinfo->layers, wmem_list_tail(pinfo->layers));
        pinfo->curr_layer_num = saved_layer_num;
    }
    return consumed;
}

/* First pass: hand this record's plaintext, behind whatever an earlier call
 * kept, to the sub-dissector, and remember what it took. */
static void tlsi_app_first_pass(tvbuff_t *ptvb, packet_info *pinfo, proto_tree *tree,
                                tlsi_conv *conv, tlsi_record_info *ri)
{
    tlsi_dir_state *ds = &conv->dir[ri->dir];
    guint32 own = tvb_reported_length(ptvb);
    guint32 total, consumed;
    tvbuff_t *utvb = ptvb;
    const guint8 *unit = ri->plain;

    if (ds->app_len) {
        if (ds->app_len + own > TLSI_APP_REASSEMBLY_CAP) {
            ds->app_len = 0; /* give up on a PDU larger than the cap */
        } else {
            if (ds->app_len + own > ds->app_cap) {
                ds->app_cap = MAX(ds->app_cap * 2, ds->app_len + own);
                ds->app_buf = (guint8 *)wmem_realloc(wmem_file_scope(), ds->app_buf, ds->app_cap);
            }
            memcpy(ds->app_buf + ds->app_len, ri->plain, own);
            unit = (const guint8 *)wmem_memdup(wmem_file_scope(), ds->app_buf,
                                               ds->app_len + own);
            utvb = tvb_new_child_real_data(ptvb, unit, ds->app_len + own, ds->app_len + own);
            add_new_data_source(pinfo, utvb, "Reassembled TLS plaintext");
        }
    }
    total = tvb_reported_length(utvb);
    consumed = tlsi_call_app(utvb, pinfo, tree, conv, TRUE);
    if (consumed == 0) {
        /* The sub-dissector waits for more: say so, as later passes will. */
        col_set_str(pinfo->cinfo, COL_PROTOCOL, "TLSI");
        col_clear(pinfo->cinfo, COL_INFO);
        col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", "Application Data");
        col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", TLSI_PDU_CONTINUES);
    }
    ri->app_unit = unit;
    ri->app_unit_len = consumed;
    ds->app_len = 0;
    if (consumed < total) {
        guint32 rest = total - consumed;
        ri->app_pending = TRUE;
        if (rest > ds->app_cap) {
            ds->app_cap = MAX(rest, 4096);
            ds->app_buf = (guint8 *)wmem_alloc(wmem_file_scope(), ds->app_cap);
        }
        memmove(ds->app_buf, unit + consumed, rest);
        ds->app_len = rest;
    }
}

/* At close_notify: hand over plaintext a sub-dissector kept waiting for. */
void tlsi_app_flush(tvbuff_t *ctvb, packet_info *pinfo, proto_tree *tree,
                           tlsi_conv *conv, tlsi_record_info *ri)
{
    tlsi_dir_state *ds = &conv->dir[ri->dir];
    tvbuff_t *utvb;

    if (!PINFO_FD_VISITED(pinfo)) {
        if (!ds->app_len)
            return;
        ri->app_unit = (const guint8 *)wmem_memdup(wmem_file_scope(), ds->app_buf, ds->app_len);
        ri->app_unit_len = ds->app_len;
        ds->app_len = 0;
    }
    if (!ri->app_unit_len)
        return;
    utvb = tvb_new_child_real_data(ctvb, ri->app_unit, ri->app_unit_len, ri->app_unit_len);
    add_new_data_source(pinfo, utvb, "Reassembled TLS plaintext");
    col_append_str(pinfo->cinfo, COL_INFO, ", ");
    col_set_fence(pinfo->cinfo, COL_INFO); /* keep the alert's own Info text */
    tlsi_call_app(utvb, pinfo, tree, conv, FALSE);
}

/* Later passes: the same units as the first pass, now known to be whole. */
static void tlsi_app_again(tvbuff_t *ptvb, packet_info *pinfo, proto_tree *tree,
                           tlsi_conv *conv, const tlsi_record_info *ri)
{
    tvbuff_t *utvb;

    if (ri->app_unit_len == 0) {
        col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", TLSI_PDU_CONTINUES);
        return;
    }
    if (ri->app_unit == ri->plain) {
        utvb = tvb_new_subset_length(ptvb, 0, ri->app_unit_len);
    } else {
        utvb = tvb_new_child_real_data(ptvb, ri->app_unit, ri->app_unit_len, ri->app_unit_len);
        add_new_data_source(pinfo, utvb, "Reassembled TLS plaintext");
    }
    tlsi_call_app(utvb, pinfo, tree, conv, FALSE);
}

void tlsi_app_data(tvbuff_t *ptvb, packet_info *pinfo, proto_tree *tree, tlsi_conv *conv,
                   tlsi_record_info *ri)
{
    if (!PINFO_FD_VISITED(pinfo))
        tlsi_app_first_pass(ptvb, pinfo, tree, conv, ri);
    else
        tlsi_app_again(ptvb, pinfo, tree, conv, ri);
}

void tlsi_app_register(int proto)
{
    tlsi_port_table = register_decode_as_next_proto(proto, "tlsi.port",
                                                    "TLSI plaintext by TCP port", NULL);
    tlsi_alpn_table = register_dissector_table("tlsi.alpn", "TLSI plaintext by ALPN protocol",
                                               proto, FT_STRING, FALSE);
    tlsi_heur_list = register_heur_dissector_list("tlsi", proto);
}

void tlsi_app_handoff(void)
{
    other_port_table = find_dissector_table("tls.port");
    other_alpn_table = find_dissector_table("tls.alpn");
    other_heur_list = find_heur_dissector_list("tls");
    {
        /* ALPN ids (RFC 7301 registry) of protocols Wireshark dissects. */
        static const struct {
            const char *alpn, *dissector;
        } alpn_map[] = {{"http/1.1", "http-over-tls"}, {"http/1.0", "http-over-tls"},
                        {"h2", "http2"}, {"imap", "imap"}, {"pop3", "pop"},
                        {"ftp", "ftp"}, {"xmpp-client", "xmpp"}, {"xmpp-server", "xmpp"},
                        {"dot", "dns"}, {"mqtt", "mqtt"}, {"coap", "coap"}};
        size_t i;
        for (i = 0; i < G_N_ELEMENTS(alpn_map); i++) {
            dissector_handle_t h = find_dissector(alpn_map[i].dissector);
            if (h)
                dissector_add_string("tlsi.alpn", alpn_map[i].alpn, h);
        }
    }
}
