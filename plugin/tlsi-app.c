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
#include <epan/exported_pdu.h>
#include <epan/tap.h>

#include "tlsi-compat-fields.h"
#include "tlsi-reassembly-fields.h"

static dissector_table_t tlsi_port_table;  /* "tlsi.port": plaintext by server port */
static dissector_table_t tlsi_alpn_table;  /* "tlsi.alpn": plaintext by ALPN protocol id */
static heur_dissector_list_t tlsi_heur_list;
/* Registrations other dissectors made for TLS plaintext (HTTP on 443, "h2",
 * ...): looked up as tables, the TLS dissector itself is never called. */
static dissector_table_t other_port_table;
static dissector_table_t other_alpn_table;
static heur_dissector_list_t other_heur_list;
static int proto_tls_id = -1;      /* the built-in's protocol, for pinfo->layers only */
static int exported_pdu_tap = -1;  /* "OSI layer 7" */
static int hf_tlsi_app_data_proto = -1;
static tlsi_ws_bool tlsi_desegment_app = TRUE;
/* Off while plaintext waiting at close_notify is handed over: the built-in
 * never completes such a PDU, and exported files stay the same as its. */
static gboolean tlsi_export_on = TRUE;

/* Plaintext a sub-dissector may ask to keep across records (one PDU). */
#define TLSI_APP_REASSEMBLY_CAP (8u * 1024u * 1024u)
#define TLSI_PDU_CONTINUES "[TLS segment of a reassembled PDU]"
/* Layers of a frame beyond which hand-offs stop adding theirs. */
#define TLSI_LAYERS_KEPT 64u

/* The application-data handle tlsi would use by ALPN or server port (the
 * built-in TLS dissector's "Application Data Protocol"), NULL if only
 * heuristics can tell. */
static dissector_handle_t tlsi_app_handle(const tlsi_conv *conv)
{
    dissector_handle_t h = NULL;

    if (tlsi_conv_params(conv)->alpn) {
        h = dissector_get_string_handle(tlsi_alpn_table, tlsi_conv_params(conv)->alpn);
        if (!h && other_alpn_table)
            h = dissector_get_string_handle(other_alpn_table, tlsi_conv_params(conv)->alpn);
        if (h)
            return h;
    }
    if (conv->starttls_app)
        return conv->starttls_app;
    if (!conv->srv_known)
        return NULL;
    h = dissector_get_uint_handle(tlsi_port_table, conv->srv_port);
    if (!h && other_port_table)
        h = dissector_get_uint_handle(other_port_table, conv->srv_port);
    return h;
}

/* File > Export PDUs / tshark -U "OSI layer 7": the plaintext PDU as it is
 * handed over, named by dissector (or heuristic) as the built-in does. */
static void tlsi_export_pdu(tvbuff_t *tvb, packet_info *pinfo, guint16 tag, const char *name)
{
    exp_pdu_data_t *e;

    if (!tlsi_export_on || exported_pdu_tap < 0 || !name ||
        !have_tap_listener(exported_pdu_tap))
        return;
    e = export_pdu_create_common_tags(pinfo, name, tag);
    e->tvb_captured_length = tvb_captured_length(tvb);
    e->tvb_reported_length = tvb_reported_length(tvb);
    e->pdu_tvb = tvb;
    tap_queue_packet(exported_pdu_tap, pinfo, e);
}

/* Hand over to h; FALSE if it did not take the data. */
static gboolean tlsi_try_handle(dissector_handle_t h, tvbuff_t *ptvb, packet_info *pinfo,
                                proto_tree *tree, const tlsi_conv *conv, gboolean sure)
{
    guint32 saved_match = pinfo->match_uint;
    gboolean taken = TRUE;

    if (!h)
        return FALSE;
    tlsi_export_pdu(ptvb, pinfo, EXP_PDU_TAG_DISSECTOR_NAME,
                    dissector_handle_get_dissector_name(h));
    if (conv->srv_known)
        pinfo->match_uint = conv->srv_port;
    if (sure)
        call_dissector(h, ptvb, pinfo, tree);
    else
        taken = call_dissector_only(h, ptvb, pinfo, tree, NULL) > 0;
    pinfo->match_uint = saved_match;
    return taken;
}

/* The sub-dissector proper, in the built-in's order where it has one: the
 * protocol ALPN named; the protocol that started TLS (STARTTLS); the tlsi.port table (Decode As); heuristics; the
 * port registrations other dissectors made for TLS (HTTP on 443, ...);
 * else data. */
static void tlsi_dispatch(tvbuff_t *ptvb, packet_info *pinfo, proto_tree *tree,
                          tlsi_conv *conv)
{
    heur_dtbl_entry_t *hdtbl_entry = NULL;
    dissector_handle_t h = NULL;
    /* Newer "tls" heuristics read a struct tlsinfo and may name the handle
     * for the rest of the session (tlsi-compat.h; NULL on 4.0). */
    tlsi_tls_heur_info hinfo;
    void *hdata = tlsi_tls_heur_data(&hinfo, &conv->app_handle);

    if (tlsi_conv_params(conv)->alpn) {
        h = dissector_get_string_handle(tlsi_alpn_table, tlsi_conv_params(conv)->alpn);
        if (!h && other_alpn_table)
            h = dissector_get_string_handle(other_alpn_table, tlsi_conv_params(conv)->alpn);
        if (tlsi_try_handle(h, ptvb, pinfo, tree, conv, TRUE))
            return;
    }
    /* The protocol that switched to TLS (STARTTLS) gets its own data back. */
    if (tlsi_try_handle(conv->starttls_app, ptvb, pinfo, tree, conv, TRUE))
        return;
    if (tlsi_try_handle(conv->app_handle, ptvb, pinfo, tree, conv, TRUE))
        return;
    if (conv->srv_known &&
        tlsi_try_handle(dissector_get_uint_handle(tlsi_port_table, conv->srv_port), ptvb, pinfo,
                        tree, conv, FALSE))
        return;
    if (dissector_try_heuristic(tlsi_heur_list, ptvb, pinfo, tree, &hdtbl_entry, hdata) ||
        (other_heur_list &&
         dissector_try_heuristic(other_heur_list, ptvb, pinfo, tree, &hdtbl_entry, hdata))) {
        tlsi_export_pdu(ptvb, pinfo, EXP_PDU_TAG_HEUR_DISSECTOR_NAME, hdtbl_entry->short_name);
        return;
    }
    if (conv->srv_known && other_port_table &&
        tlsi_try_handle(dissector_get_uint_handle(other_port_table, conv->srv_port), ptvb, pinfo,
                        tree, conv, TRUE))
        return;
    call_data_dissector(ptvb, pinfo, tree);
}

/*
 * The built-in's "tls" as a layer of the frame, while the plaintext is
 * handed over: kept as Wireshark keeps its own layers (the list, the layer
 * number and the per-protocol count), so the sub-dissectors' own layer
 * bookkeeping stays consistent. Returns whether it was added.
 */
static gboolean tlsi_tls_layer_push(packet_info *pinfo)
{
    int *n;

    if (proto_tls_id <= 0 || !pinfo->proto_layers)
        return FALSE;
    n = (int *)wmem_map_lookup(pinfo->proto_layers, GINT_TO_POINTER(proto_tls_id));
    if (!n) {
        n = wmem_new0(pinfo->pool, int);
        wmem_map_insert(pinfo->proto_layers, GINT_TO_POINTER(proto_tls_id), n);
    }
    (*n)++;
    pinfo->curr_layer_num++;
    wmem_list_append(pinfo->layers, GINT_TO_POINTER(proto_tls_id));
    return TRUE;
}

/* Take it out again: it is the entry at position `pos` of the list. */
static void tlsi_tls_layer_pop(packet_info *pinfo, guint pos)
{
    wmem_list_frame_t *f = wmem_list_head(pinfo->layers);
    int *n;
    guint i;

    for (i = 0; f && i < pos; i++)
        f = wmem_list_frame_next(f);
    if (!f || GPOINTER_TO_INT(wmem_list_frame_data(f)) != proto_tls_id)
        return;
    wmem_list_remove_frame(pinfo->layers, f);
    pinfo->curr_layer_num--;
    n = (int *)wmem_map_lookup(pinfo->proto_layers, GINT_TO_POINTER(proto_tls_id));
    if (n && --(*n) == 0)
        wmem_map_remove(pinfo->proto_layers, GINT_TO_POINTER(proto_tls_id));
}

/* What a hand-off reports back. */
typedef struct {
    guint32 consumed; /* bytes the sub-dissector took */
    guint32 more;     /* bytes it asked for beyond the end (0: none said) */
} tlsi_app_result;

/*
 * Plaintext application data: to the protocol ALPN named, then the port
 * tables (Decode As), then heuristics, else shown as data. Drawn at the top
 * level of the tree as the built-in does (layers.http, not layers.tlsi.http
 * in -T json), with the "tls" protocol in pinfo->layers meanwhile: HTTP asks
 * whether it runs over TLS that way (https:// URIs, no "Unencrypted HTTP
 * over encrypted port" warning). No tls tree item is added, so the display
 * filter "tls" does not match, and the layer is gone again afterwards.
 */
static tlsi_app_result tlsi_call_app(tvbuff_t *ptvb, packet_info *pinfo, proto_tree *tree,
                                     tlsi_conv *conv, gboolean may_desegment)
{
    guint16 saved_desegment = pinfo->can_desegment;
    int saved_offset = pinfo->desegment_offset;
    guint32 saved_len = pinfo->desegment_len;
    tlsi_app_result res = {tvb_reported_length(ptvb), 0};
    guint saved_layers = wmem_list_count(pinfo->layers);
    guint8 saved_layer_num = pinfo->curr_layer_num;
    proto_tree *volatile top = proto_tree_get_root(tree);
    gboolean tls_layer = tlsi_tls_layer_push(pinfo);

    /* As TCP does: 2 lets the sub-dissector ask for more bytes (HTTP
     * bodies spanning records); on later passes it gets whole PDUs. */
    pinfo->can_desegment = may_desegment ? 2 : 0;
    pinfo->desegment_offset = 0;
    pinfo->desegment_len = 0;
    TRY {
        tlsi_dispatch(ptvb, pinfo, top, conv);
    }
    CATCH_NONFATAL_ERRORS
    {
        show_exception(ptvb, pinfo, top, EXCEPT_CODE, GET_MESSAGE);
    }
    ENDTRY;
    if (may_desegment && pinfo->desegment_len && pinfo->desegment_offset >= 0 &&
        (guint32)pinfo->desegment_offset < res.consumed) {
        res.consumed = (guint32)pinfo->desegment_offset;
        res.more = pinfo->desegment_len;
    }
    pinfo->can_desegment = saved_desegment;
    pinfo->desegment_offset = saved_offset;
    pinfo->desegment_len = saved_len;
    if (tls_layer)
        tlsi_tls_layer_pop(pinfo, saved_layers);
    /* Every hand-off adds the sub-dissector's layers to the frame; hundreds
     * of records in one segment would pass Wireshark's limit
     * (gui.max_tree_depth) and abort the frame. Past a margin, the layers a
     * hand-off added are dropped again (frame.protocols keeps the first). */
    if (wmem_list_count(pinfo->layers) > TLSI_LAYERS_KEPT) {
        while (wmem_list_count(pinfo->layers) > saved_layers)
            wmem_list_remove_frame(pinfo->layers, wmem_list_tail(pinfo->layers));
        pinfo->curr_layer_num = saved_layer_num;
    }
    return res;
}

/* Columns of a record whose bytes wait for a later one, as later passes show it. */
static void tlsi_app_waiting_cols(packet_info *pinfo)
{
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "TLSI");
    col_clear(pinfo->cinfo, COL_INFO);
    col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", "Application Data");
    col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", TLSI_PDU_CONTINUES);
}

static void tlsi_app_buf_reserve(tlsi_dir_state *ds, guint32 need)
{
    if (need > ds->app_cap) {
        ds->app_cap = MAX(MAX(ds->app_cap * 2, need), 4096);
        ds->app_buf = (guint8 *)wmem_realloc(wmem_file_scope(), ds->app_buf, ds->app_cap);
    }
}

/* Keep bytes the sub-dissector did not take for its next call. */
static void tlsi_app_keep(tlsi_dir_state *ds, const guint8 *rest, guint32 rest_len,
                          guint32 more)
{
    tlsi_app_buf_reserve(ds, rest_len);
    memmove(ds->app_buf, rest, rest_len);
    ds->app_len = rest_len;
    /* DESEGMENT_ONE_MORE_SEGMENT: call again with the next record. */
    if (more && more != DESEGMENT_ONE_MORE_SEGMENT)
        ds->app_need = more >= TLSI_APP_REASSEMBLY_CAP ? G_MAXUINT32 : rest_len + more;
}

/* Hand `utvb` (whose bytes are `unit`) over and keep what is not taken;
 * returns how many bytes were taken. */
static guint32 tlsi_app_hand(tvbuff_t *utvb, const guint8 *unit, packet_info *pinfo,
                             proto_tree *tree, tlsi_conv *conv, tlsi_record_info *ri,
                             gboolean tail)
{
    tlsi_dir_state *ds = &conv->dir[ri->rec.dir];
    guint32 total = tvb_reported_length(utvb);
    tlsi_app_result res = tlsi_call_app(utvb, pinfo, tree, conv, tlsi_desegment_app);

    if (res.consumed == 0 && tail)
        col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", TLSI_PDU_CONTINUES);
    else if (res.consumed == 0)
        tlsi_app_waiting_cols(pinfo); /* the sub-dissector waits for more */
    tlsi_rf_app_consumed(ds, ri, pinfo->num, res.consumed);
    ds->app_len = 0;
    ds->app_need = 0;
    if (res.consumed < total)
        tlsi_app_keep(ds, unit + res.consumed, total - res.consumed, res.more);
    return res.consumed;
}

/* First pass: hand this record's plaintext, behind whatever an earlier call
 * kept, to the sub-dissector, and remember what it took. Like the built-in,
 * the sub-dissector is not called again before the bytes it asked for are
 * there (an HTTP body of known length, or until the end of the stream); a
 * PDU of known length is reassembled to exactly that length, and the bytes
 * of the record after it are handed over on their own. */
static void tlsi_app_first_pass(tvbuff_t *ptvb, packet_info *pinfo, proto_tree *tree,
                                tlsi_conv *conv, tlsi_record_info *ri, tlsi_record_app *a)
{
    tlsi_dir_state *ds = &conv->dir[ri->rec.dir];
    guint32 own = tvb_reported_length(ptvb);
    guint32 take = own; /* bytes of this record that join the unit */
    tvbuff_t *utvb = ptvb;
    const guint8 *unit = tlsi_conn_rec_plain(&ri->rec);

    if (ds->app_len && ds->app_len + own > TLSI_APP_REASSEMBLY_CAP) {
        ds->app_len = 0; /* give up on a PDU larger than the cap */
        ds->app_need = 0;
        tlsi_rf_app_reset(ds);
    }
    if (ds->app_len) {
        if (ds->app_need && ds->app_need != G_MAXUINT32 && ds->app_len + own > ds->app_need)
            take = ds->app_need - ds->app_len;
        tlsi_rf_app_piece(ds, ri, pinfo->num, take);
        tlsi_app_buf_reserve(ds, ds->app_len + take);
        memcpy(ds->app_buf + ds->app_len, tlsi_conn_rec_plain(&ri->rec), take);
        ds->app_len += take;
        if (ds->app_len < ds->app_need) {
            a->unit_len = 0; /* still short of what was asked for */
            tlsi_rf_app_consumed(ds, ri, pinfo->num, 0); /* all of it waits */
            tlsi_app_waiting_cols(pinfo);
            return;
        }
        unit = (const guint8 *)wmem_memdup(wmem_file_scope(), ds->app_buf, ds->app_len);
        utvb = tvb_new_child_real_data(ptvb, unit, ds->app_len, ds->app_len);
        add_new_data_source(pinfo, utvb, "Reassembled TLS plaintext");
        if (ds->app_need && ds->app_need != G_MAXUINT32)
            tlsi_rf_app_draw_expected(ptvb, proto_tree_get_root(tree), ds, unit);
    } else {
        tlsi_rf_app_piece(ds, ri, pinfo->num, own);
    }
    a->unit = unit;
    a->unit_len = tlsi_app_hand(utvb, unit, pinfo, tree, conv, ri, FALSE);
    if (take == own)
        return;
    /* The rest of the record after a completed PDU. */
    a->tail_off = take;
    if (ds->app_len) { /* the PDU was not taken whole after all: the rest waits too */
        tlsi_app_buf_reserve(ds, ds->app_len + own - take);
        memcpy(ds->app_buf + ds->app_len, tlsi_conn_rec_plain(&ri->rec) + take, own - take);
        tlsi_rf_app_piece(ds, ri, pinfo->num, own - take);
        ds->app_len += own - take;
        return;
    }
    tlsi_rf_app_piece(ds, ri, pinfo->num, own - take);
    col_set_fence(pinfo->cinfo, COL_INFO); /* the PDU's Info stays, as the built-in keeps it */
    a->tail_len = tlsi_app_hand(tvb_new_subset_length(ptvb, take, own - take),
                                tlsi_conn_rec_plain(&ri->rec) + take, pinfo, tree, conv, ri, TRUE);
}

/* At close_notify: hand over plaintext a sub-dissector kept waiting for. */
void tlsi_app_flush(tvbuff_t *ctvb, packet_info *pinfo, proto_tree *tree,
                           tlsi_conv *conv, tlsi_record_info *ri)
{
    tlsi_dir_state *ds = &conv->dir[ri->rec.dir];
    const tlsi_record_app *a;
    tvbuff_t *utvb;

    if (!PINFO_FD_VISITED(pinfo)) {
        tlsi_record_more *m;

        if (!ds->app_len)
            return;
        m = tlsi_record_more_get(ri);
        m->app.unit = (const guint8 *)wmem_memdup(wmem_file_scope(), ds->app_buf, ds->app_len);
        m->app.unit_len = ds->app_len;
        m->app_set = TRUE;
        ds->app_len = 0;
        ds->app_need = 0;
        tlsi_rf_app_reset(ds);
    }
    /* Not the record's own plaintext: only what was kept waiting. */
    {
        const tlsi_record_more *m = tlsi_record_more_find(ri);

        if (!m || !m->app_set || !m->app.unit_len)
            return;
        a = &m->app;
    }
    utvb = tvb_new_child_real_data(ctvb, a->unit, a->unit_len, a->unit_len);
    add_new_data_source(pinfo, utvb, "Reassembled TLS plaintext");
    col_append_str(pinfo->cinfo, COL_INFO, ", ");
    col_set_fence(pinfo->cinfo, COL_INFO); /* keep the alert's own Info text */
    tlsi_export_on = FALSE;
    (void)tlsi_call_app(utvb, pinfo, tree, conv, FALSE);
    tlsi_export_on = TRUE;
}

/* Later passes: the same units as the first pass, now known to be whole. */
static void tlsi_app_again(tvbuff_t *ptvb, packet_info *pinfo, proto_tree *tree,
                           tlsi_conv *conv, const tlsi_record_info *ri)
{
    tlsi_record_app a = tlsi_record_app_get(ri);
    tvbuff_t *utvb;

    if (a.unit_len == 0 && a.tail_len == 0) {
        col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", TLSI_PDU_CONTINUES);
        return;
    }
    if (a.unit_len) {
        if (a.unit == tlsi_conn_rec_plain(&ri->rec)) {
            utvb = tvb_new_subset_length(ptvb, 0, a.unit_len);
        } else {
            utvb = tvb_new_child_real_data(ptvb, a.unit, a.unit_len, a.unit_len);
            add_new_data_source(pinfo, utvb, "Reassembled TLS plaintext");
        }
        (void)tlsi_call_app(utvb, pinfo, tree, conv, FALSE);
    }
    if (!a.tail_off)
        return;
    col_set_fence(pinfo->cinfo, COL_INFO);
    if (a.tail_len)
        (void)tlsi_call_app(tvb_new_subset_length(ptvb, a.tail_off, a.tail_len),
                            pinfo, tree, conv, FALSE);
    else
        col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", TLSI_PDU_CONTINUES);
}

void tlsi_app_data(tvbuff_t *ptvb, packet_info *pinfo, proto_tree *tree, tlsi_conv *conv,
                   tlsi_record_info *ri)
{
    /* tlsi.segments goes before the protocol inside (on the first pass, as
     * far as it can be known before the hand-off). */
    if (!PINFO_FD_VISITED(pinfo)) {
        tlsi_record_app a = {0};

        tlsi_app_first_pass(ptvb, pinfo, tree, conv, ri, &a);
        /* Most records are handed over whole: nothing to keep for them. */
        if (a.unit != tlsi_conn_rec_plain(&ri->rec) || a.unit_len != ri->rec.plain_len || a.tail_off ||
            a.tail_len || tlsi_record_more_find(ri)) {
            tlsi_record_more *m = tlsi_record_more_get(ri);

            m->app = a;
            m->app_set = TRUE;
        }
    } else {
        tlsi_rf_app_draw_segments(ptvb, proto_tree_get_root(tree), ri,
                                  tlsi_record_app_get(ri).unit);
        tlsi_app_again(ptvb, pinfo, tree, conv, ri);
    }
}

/* Into the record's tree: the protocol the plaintext goes to when ALPN or
 * the port names it (tlsi.app_data_proto), and the reassembly links. */
void tlsi_app_draw(tvbuff_t *ctvb, packet_info *pinfo, proto_tree *rt, const tlsi_conv *conv,
                   const tlsi_record_info *ri)
{
    dissector_handle_t h = tlsi_app_handle(conv);

    if (h)
        proto_item_set_generated(proto_tree_add_string(
            rt, hf_tlsi_app_data_proto, ctvb, 0, 0, dissector_handle_get_protocol_long_name(h)));
    tlsi_rf_app_draw_fwd(ctvb, rt, ri);
}

void tlsi_app_register(int proto)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_app_data_proto,
         {"Application Data Protocol", "tlsi.app_data_proto", FT_STRING, BASE_NONE, NULL, 0x0,
          "Protocol the decrypted application data is handed to (by ALPN or server port)",
          HFILL}},
    };
    module_t *module = prefs_find_module("tlsi");

    proto_register_field_array(proto, hf, array_length(hf));
    tlsi_rf_register(proto);
    tlsi_compat_register(proto);
    if (module)
        prefs_register_bool_preference(
            module, "desegment_ssl_application_data",
            "Reassemble application data spanning multiple TLS records",
            "Whether the protocol inside (HTTP, ...) may ask for more plaintext than one record "
            "holds, so that its PDUs spanning records are reassembled. Off: each record is "
            "handed over on its own (as tls.desegment_ssl_application_data).",
            &tlsi_desegment_app);
    tlsi_port_table = register_decode_as_next_proto(proto, "tlsi.port",
                                                    "TLSI plaintext by TCP port", NULL);
    tlsi_alpn_table = register_dissector_table("tlsi.alpn", "TLSI plaintext by ALPN protocol",
                                               proto, FT_STRING, FALSE);
    tlsi_heur_list = register_heur_dissector_list("tlsi", proto);
}

void tlsi_app_handoff(void)
{
    proto_tls_id = proto_get_id_by_filter_name("tls");
    exported_pdu_tap = find_tap_id(EXPORT_PDU_TAP_NAME_LAYER_7);
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
