/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * packet-tlsi.c - registration, preferences, TCP framing and the record
 * layer: each record is fed once to the connection engine (src/conn.c, via
 * tlsi-decrypt.c), which decrypts it and reassembles handshake messages; its
 * result is cached per record so every later dissection of the frame shows
 * the same thing, and each record becomes a subtree drawn from it.
 * Application data hand-off is in tlsi-app.c, handshake trees in
 * tlsi-tree-*.c, taps in tlsi-stats/follow/export/sessions*.c.
 */
#include "packet-tlsi.h"

#include <epan/conversation.h>
#include <epan/conversation_filter.h>
#include <epan/to_str.h>
#include <epan/proto_data.h>
#include <epan/tap.h>
#include <epan/dissectors/packet-tcp.h>

#include "algorithms.h"
#include "cipher_suites.h"
#include "handshake.h"
#include "heartbeat.h"
#include "names.h"
#include "reader.h"
#include "record.h"
#include "session.h"
#include "tlsi-reassembly-fields.h"
#include "tlsi-compat-alias.h"
#include "tlsi-compat-fields.h"

int proto_tlsi = -1;
int tlsi_tap = -1;

static int hf_tlsi_record = -1;
static int hf_tlsi_record_content_type = -1;
static int hf_tlsi_record_version = -1;
static int hf_tlsi_record_length = -1;
static int hf_tlsi_record_encrypted_data = -1;
static int hf_tlsi_record_ignored = -1;
static int hf_tlsi_alert_message = -1;
static int hf_tlsi_sslv2_cipher_specs = -1;
static int hf_tlsi_change_cipher_spec = -1;
static int hf_tlsi_alert_level = -1;
static int hf_tlsi_alert_description = -1;
static int hf_tlsi_alert_closure = -1;
static int hf_tlsi_heartbeat = -1;
static int hf_tlsi_heartbeat_type = -1;
static int hf_tlsi_heartbeat_payload_length = -1;
static int hf_tlsi_heartbeat_payload = -1;
static int hf_tlsi_heartbeat_padding = -1;
static int hf_tlsi_handshake_fragment = -1;
static int hf_tlsi_record_inner_type = -1;
static int hf_tlsi_app_data = -1;
static int hf_tlsi_sslv2_msg_type = -1;
static int hf_tlsi_sslv2_version = -1;
static int hf_tlsi_sslv2_cipher_spec_length = -1;
static int hf_tlsi_sslv2_session_id_length = -1;
static int hf_tlsi_sslv2_challenge_length = -1;
static int hf_tlsi_sslv2_cipher_spec = -1;
static int hf_tlsi_sslv2_session_id = -1;
static int hf_tlsi_sslv2_challenge = -1;

static gint ett_tlsi = -1;
static gint ett_tlsi_record = -1;
static gint ett_tlsi_alert = -1;
static gint ett_tlsi_sslv2_specs = -1;
static gint ett_tlsi_heartbeat = -1;

static expert_field ei_tlsi_unknown_type = EI_INIT;
static expert_field ei_tlsi_unknown_version = EI_INIT;
static expert_field ei_tlsi_over_plaintext = EI_INIT;
static expert_field ei_tlsi_over_ciphertext = EI_INIT;
static expert_field ei_tlsi_zero_length = EI_INIT;
static expert_field ei_tlsi_record_truncated = EI_INIT;
static expert_field ei_tlsi_resync = EI_INIT;
static expert_field ei_tlsi_alert_error = EI_INIT;
static expert_field ei_tlsi_alert_malformed = EI_INIT;
static expert_field ei_tlsi_ccs_malformed = EI_INIT;
static expert_field ei_tlsi_hs_over_cap = EI_INIT;
static expert_field ei_tlsi_sslv2_malformed = EI_INIT;
static expert_field ei_tlsi_not_decrypted = EI_INIT;
static expert_field ei_tlsi_unverified = EI_INIT;
static expert_field ei_tlsi_heartbeat_overrun = EI_INIT;
static expert_field ei_tlsi_heartbeat_padding = EI_INIT;
static expert_field ei_tlsi_heartbeat_short = EI_INIT;

static dissector_handle_t tlsi_handle;

/* Preferences. */
static tlsi_ws_bool tlsi_desegment = TRUE;

#define TLSI_DEFAULT_PORTS "443,465,563,636,853,989-995,4433,5061,8443"

/* Keys into the per-packet proto data. */
enum { TLSI_PD_PASS = 0, TLSI_PD_FRAME = 1 };

/* What one dissection of a frame counts as it goes (pinfo->pool). */
typedef struct {
    guint32 records;       /* records dissected so far in this pass */
    guint32 calls;         /* calls of the TCP dissector entry so far */
    tlsi_conv *conv;       /* the connection of the segment being split into records */
    gboolean info_started; /* the Info column was taken over from TCP */
} tlsi_pass_data;

/* What the first pass decided for a frame (file scope), indexed by the
 * ordinals above. One entry per frame: Wireshark's per-frame proto data is a
 * list searched linearly, so a key per record made frames of many records
 * quadratic (finding F5). */
typedef struct {
    GPtrArray *records; /* tlsi_record_info * by record ordinal */
    GArray *sync;       /* guint8 per call: 2 = in sync with the record stream, 1 = not */
} tlsi_frame_data;

static guint32 tlsi_conv_counter;

/* ---------------------------------------------------------------------- */
/* Conversation and per-record state                                       */

tlsi_conv *tlsi_get_conv(packet_info *pinfo)
{
    conversation_t *c = find_or_create_conversation(pinfo);
    tlsi_conv *conv = (tlsi_conv *)conversation_get_proto_data(c, proto_tlsi);

    if (!conv) {
        conv = wmem_new0(wmem_file_scope(), tlsi_conv);
        conv->conv_index = tlsi_conv_counter++;
        conv->engine = tlsi_conn_new(tlsi_conn_cache_get());
        conversation_add_proto_data(c, proto_tlsi, conv);
    }
    return conv;
}

static void tlsi_set_server(tlsi_conv *conv, const address *addr, guint32 port)
{
    copy_address_wmem(wmem_file_scope(), &conv->srv_addr, addr);
    conv->srv_port = port;
    conv->srv_known = TRUE;
}

/* The server is the receiver of a ClientHello and the sender of a
 * ServerHello (which overrides a guess made from the ClientHello). */
static void tlsi_learn_server(packet_info *pinfo, tlsi_conv *conv, const tlsi_record_info *ri)
{
    const tlsi_hs_msg *m;

    for (m = ri->rec.more->msgs; m; m = m->next) {
        if (m->data[0] == TLSI_HS_CLIENT_HELLO && !conv->srv_known)
            tlsi_set_server(conv, &pinfo->dst, pinfo->destport);
        else if (m->data[0] == TLSI_HS_SERVER_HELLO &&
                 (!conv->srv_known || ri->rec.dir != TLSI_DIR_SERVER))
            tlsi_set_server(conv, &pinfo->src, pinfo->srcport);
    }
}

/*
 * Which side sent this record. The server is the destination of the first
 * ClientHello or the source of the first ServerHello; before either, the
 * endpoint on the port that selected tlsi (or the lower port) is assumed.
 */
static int tlsi_direction(packet_info *pinfo, tlsi_conv *conv)
{
    if (!conv->srv_known) {
        guint32 guess = pinfo->match_uint;
        if (guess != pinfo->srcport && guess != pinfo->destport)
            guess = MIN(pinfo->srcport, pinfo->destport);
        if (guess == pinfo->srcport)
            return TLSI_DIR_SERVER;
        return TLSI_DIR_CLIENT;
    }
    if (pinfo->srcport == conv->srv_port && addresses_equal(&pinfo->src, &conv->srv_addr))
        return TLSI_DIR_SERVER;
    return TLSI_DIR_CLIENT;
}

/*
 * Records are numbered in the order they are dissected within a frame. That
 * order is the same on every pass (TCP hands over the same PDUs in the same
 * order), so (frame, ordinal) names a record for the per-frame cache.
 */
static tlsi_pass_data *tlsi_pass(packet_info *pinfo)
{
    tlsi_pass_data *pd = (tlsi_pass_data *)p_get_proto_data(pinfo->pool, pinfo, proto_tlsi,
                                                            TLSI_PD_PASS);
    if (!pd) {
        pd = wmem_new0(pinfo->pool, tlsi_pass_data);
        p_add_proto_data(pinfo->pool, pinfo, proto_tlsi, TLSI_PD_PASS, pd);
    }
    return pd;
}

/* The GPtrArray/GArray live as long as the file: freed by tlsi_frames_free. */
static GPtrArray *tlsi_frame_arrays;

static tlsi_frame_data *tlsi_frame(packet_info *pinfo)
{
    tlsi_frame_data *fd = (tlsi_frame_data *)p_get_proto_data(wmem_file_scope(), pinfo,
                                                              proto_tlsi, TLSI_PD_FRAME);
    if (!fd) {
        fd = wmem_new0(wmem_file_scope(), tlsi_frame_data);
        fd->records = g_ptr_array_new();
        fd->sync = g_array_new(FALSE, TRUE, sizeof(guint8));
        if (!tlsi_frame_arrays)
            tlsi_frame_arrays = g_ptr_array_new();
        g_ptr_array_add(tlsi_frame_arrays, fd);
        p_add_proto_data(wmem_file_scope(), pinfo, proto_tlsi, TLSI_PD_FRAME, fd);
    }
    return fd;
}

/* The first pass's result for record `ordinal` of the frame (records come in
 * order, so this nearly always appends). */
static void tlsi_frame_put(tlsi_frame_data *fd, guint32 ordinal, tlsi_record_info *ri)
{
    if (ordinal == fd->records->len) {
        g_ptr_array_add(fd->records, ri);
        return;
    }
    if (ordinal > fd->records->len)
        g_ptr_array_set_size(fd->records, ordinal + 1);
    g_ptr_array_index(fd->records, ordinal) = ri;
}

static void tlsi_frames_free(void)
{
    guint i;

    if (!tlsi_frame_arrays)
        return;
    for (i = 0; i < tlsi_frame_arrays->len; i++) {
        tlsi_frame_data *fd = (tlsi_frame_data *)g_ptr_array_index(tlsi_frame_arrays, i);
        g_ptr_array_free(fd->records, TRUE);
        g_array_free(fd->sync, TRUE);
    }
    g_ptr_array_free(tlsi_frame_arrays, TRUE);
    tlsi_frame_arrays = NULL;
}

static guint32 tlsi_next_record_ordinal(packet_info *pinfo)
{
    return tlsi_pass(pinfo)->records++;
}

/* ---------------------------------------------------------------------- */
/* Record dissection                                                       */

static void tlsi_append_info(packet_info *pinfo, const char *text)
{
    const char *info = pinfo->cinfo ? col_get_text(pinfo->cinfo, COL_INFO) : NULL;

    /* A segment holding hundreds of records fills the Info column after a
     * few hundred labels; appending to a full column changes nothing but
     * costs a byte-by-byte scan of its 4 KB (g_strlcat), which made the
     * cost per record grow with the records per segment. strlen is cheap. */
    if (info && strlen(info) >= COL_MAX_INFO_LEN - 1)
        return;
    col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", text);
}

/* The Protocol column for each version, whole: set once per record, so no
 * formatting. */
static const char *tlsi_protocol_column(guint16 version)
{
    switch (version) {
    case TLSI_SSL3:
        return "TLSI (SSLv3)";
    case TLSI_TLS10:
        return "TLSI (TLSv1)";
    case TLSI_TLS11:
        return "TLSI (TLSv1.1)";
    case TLSI_TLS12:
        return "TLSI (TLSv1.2)";
    case TLSI_TLS13:
        return "TLSI (TLSv1.3)";
    default:
        return "TLSI";
    }
}

static void tlsi_set_protocol_column(packet_info *pinfo, guint16 version)
{
    col_set_str(pinfo->cinfo, COL_PROTOCOL, tlsi_protocol_column(version));
}

/* Does anyone read expert infos without a tree (tshark -z expert)? */
gboolean tlsi_expert_tapped(void)
{
    static int expert_tap = -2;

    if (expert_tap == -2)
        expert_tap = find_tap_id("expert");
    return expert_tap >= 0 && have_tap_listener(expert_tap);
}

/* Length anomalies depend on whether the record is protected: 2^14 is the
 * plaintext limit, protection may add 2048 (TLS 1.3: 256). */
static void tlsi_length_expert(packet_info *pinfo, proto_item *ti, const tlsi_record_hdr *hdr,
                               gboolean is_protected, guint16 version)
{
    if (hdr->anomalies & TLSI_REC_OVER_CIPHERTEXT) {
        expert_add_info_format(pinfo, ti, &ei_tlsi_over_ciphertext,
                               "Record length %u exceeds 2^14 + 2048 = %u, the limit for any "
                               "record (some products exceed it)",
                               hdr->length, TLSI_MAX_CIPHERTEXT);
    } else if ((hdr->anomalies & TLSI_REC_OVER_PLAINTEXT) &&
               (!is_protected || (version == TLSI_TLS13 && hdr->length > TLSI_MAX_CIPHERTEXT13))) {
        expert_add_info_format(pinfo, ti, &ei_tlsi_over_plaintext,
                               "Record length %u exceeds %u (2^14 plaintext; +1024 compressed, "
                               "+2048 protected, +256 in TLS 1.3); some products exceed it",
                               hdr->length,
                               is_protected ? TLSI_MAX_CIPHERTEXT13 : TLSI_MAX_PLAINTEXT);
    }
    if (hdr->anomalies & TLSI_REC_ZERO_LENGTH)
        expert_add_info(pinfo, ti, &ei_tlsi_zero_length);
}

static void dissect_alert_body(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int offset,
                               int len)
{
    guint8 level, desc;
    const char *ln, *dn;
    proto_item *ti;
    proto_tree *at;

    if (len != 2) {
        proto_tree_add_expert_format(tree, pinfo, &ei_tlsi_alert_malformed, tvb, offset, len,
                                     "Alert body of %d bytes (must be 2)", len);
        tlsi_append_info(pinfo, "Alert (malformed)");
        return;
    }
    level = tvb_get_uint8(tvb, offset);
    desc = tvb_get_uint8(tvb, offset + 1);
    ln = val_to_str_const(level, TLSI_VALS(tlsi_alert_level_names), "Unknown");
    dn = val_to_str_const(desc, TLSI_VALS(tlsi_alert_desc_names), "Unknown");
    /* The subtree is tlsi.alert_message, as the built-in's tls.alert_message;
     * tlsi.record.ignored, its name before, stays on it hidden. */
    ti = proto_tree_add_none_format(tree, hf_tlsi_alert_message, tvb, offset, 2,
                                    "Alert Message: %s, %s", ln, dn);
    at = proto_item_add_subtree(ti, ett_tlsi_alert);
    proto_item_set_hidden(proto_tree_add_item(at, hf_tlsi_record_ignored, tvb, offset, 2, ENC_NA));
    tlsi_add_item(at, hf_tlsi_alert_level, tvb, offset, 1, ENC_BIG_ENDIAN);
    ti = tlsi_add_item(at, hf_tlsi_alert_description, tvb, offset + 1, 1, ENC_BIG_ENDIAN);
    proto_item_set_generated(
        proto_tree_add_boolean(at, hf_tlsi_alert_closure, tvb, offset + 1, 1,
                               tlsi_alert_is_closure(desc)));
    if (!tlsi_alert_is_closure(desc))
        expert_add_info_format(pinfo, ti, &ei_tlsi_alert_error, "Alert: %s, %s", ln, dn);
    col_append_sep_fstr(pinfo->cinfo, COL_INFO, ", ", "Alert (Level: %s, Description: %s)", ln,
                        dn);
}

/* The record's handshake messages, from the cache. */
static void dissect_handshake_msgs(tvbuff_t *frag_tvb, packet_info *pinfo, proto_tree *tree,
                                   tlsi_conv *conv, const tlsi_record_info *ri)
{
    const tlsi_hs_msg *m;

    for (m = ri->rec.more->msgs; m; m = m->next) {
        tvbuff_t *mtvb;
        if (m->start >= 0 && (guint32)m->start + m->len <= tvb_reported_length(frag_tvb)) {
            mtvb = tvb_new_subset_length(frag_tvb, m->start, m->len);
        } else {
            mtvb = tvb_new_child_real_data(frag_tvb, m->data, m->len, m->len);
            add_new_data_source(pinfo, mtvb, "Reassembled Handshake Message");
        }
        tlsi_rf_hs_draw_msg(frag_tvb, tree, m);
        tlsi_dissect_handshake_message(mtvb, pinfo, tree, conv, ri, m);
    }
    if (ri->rec.more->hs_partial) {
        guint32 len = tvb_reported_length(frag_tvb);
        guint32 n = MIN(ri->rec.more->hs_partial, len);
        proto_tree_add_bytes_format(tree, hf_tlsi_handshake_fragment, frag_tvb, len - n, n, NULL,
                                    "Handshake message fragment (%u bytes, continues in a later "
                                    "record)",
                                    ri->rec.more->hs_partial);
        tlsi_rf_hs_draw_partial(frag_tvb, tree, &ri->rec);
        if (!ri->rec.more->msgs)
            tlsi_append_info(pinfo, "Handshake Fragment");
    }
    if (ri->rec.more->hs_dropped)
        proto_tree_add_expert_format(tree, pinfo, &ei_tlsi_hs_over_cap, frag_tvb, 0, -1,
                                     "%u handshake bytes not reassembled: a message claims more "
                                     "than the %u-byte reassembly cap",
                                     ri->rec.more->hs_dropped, TLSI_CONN_HS_CAP);
}

/* First pass: what this record means for the connection (src/conn.c). */
static tlsi_record_info *tlsi_record_first_pass(tvbuff_t *tvb, packet_info *pinfo,
                                                tlsi_conv *conv, const tlsi_record_hdr *hdr,
                                                int dir)
{
    /* The header was captured (the record was found by it). */
    gint avail = tvb_captured_length_remaining(tvb, hdr->header_len);
    guint32 frag_len = avail > 0 ? MIN(hdr->length, (guint32)avail) : 0;
    tlsi_record_info *ri = tlsi_record_first_pass_tls(
        pinfo, conv, dir, hdr->content_type, hdr->version,
        tvb_get_ptr(tvb, hdr->header_len, frag_len), frag_len, frag_len == hdr->length);

    tlsi_learn_server(pinfo, conv, ri);
    return ri;
}

/* RFC 6520 4: a heartbeat record's content (plaintext or decrypted). A
 * record cut short by the capture cannot tell an overrun from missing
 * bytes, so the Heartbleed check needs the whole record. */
static void dissect_heartbeat(tvbuff_t *tvb, packet_info *pinfo, proto_tree *rt,
                              gboolean truncated)
{
    guint32 len = tvb_captured_length(tvb);
    tlsi_heartbeat hb;
    tlsi_err e;
    proto_item *ti;
    proto_tree *ht;

    e = tlsi_heartbeat_parse(tvb_get_ptr(tvb, 0, len), len, &hb);
    ti = proto_tree_add_item(rt, hf_tlsi_heartbeat, tvb, 0, -1, ENC_NA);
    ht = proto_item_add_subtree(ti, ett_tlsi_heartbeat);
    if (e == TLSI_ERR_SHORT) {
        tlsi_append_info(pinfo, "Heartbeat (malformed)");
        if (!truncated)
            expert_add_info(pinfo, ti, &ei_tlsi_heartbeat_short);
        return;
    }
    col_append_sep_str(pinfo->cinfo, COL_INFO, ", ",
                       hb.type == 1   ? "Heartbeat Request"
                       : hb.type == 2 ? "Heartbeat Response"
                                      : "Heartbeat");
    proto_tree_add_item(ht, hf_tlsi_heartbeat_type, tvb, 0, 1, ENC_BIG_ENDIAN);
    ti = proto_tree_add_item(ht, hf_tlsi_heartbeat_payload_length, tvb, 1, 2, ENC_BIG_ENDIAN);
    if (hb.payload.len)
        proto_tree_add_item(ht, hf_tlsi_heartbeat_payload, tvb, (gint)hb.payload.off,
                            (gint)hb.payload.len, ENC_NA);
    if (hb.overrun) {
        tlsi_compat_heartbeat(ht, tvb, &hb);
        if (!truncated) {
            expert_add_info_format(pinfo, ti, &ei_tlsi_heartbeat_overrun,
                                   "Heartbeat payload_length %u exceeds the %u bytes the record "
                                   "holds after it (Heartbleed pattern, CVE-2014-0160)",
                                   hb.payload_length, hb.payload.len);
            tlsi_compat_expert(ht, pinfo, TLSI_CEI_HB_PAYLOAD_LENGTH, tvb, 1, 2);
        }
        return;
    }
    tlsi_compat_heartbeat(ht, tvb, &hb);
    if (hb.padding.len)
        proto_tree_add_item(ht, hf_tlsi_heartbeat_padding, tvb, (gint)hb.padding.off,
                            (gint)hb.padding.len, ENC_NA);
    if (hb.short_padding && !truncated)
        expert_add_info_format(pinfo, ti, &ei_tlsi_heartbeat_padding,
                               "Heartbeat padding of %u bytes (RFC 6520 requires at least %u)",
                               hb.padding.len, TLSI_HEARTBEAT_MIN_PADDING);
}

static const char *tlsi_protected_info(guint8 content_type)
{
    switch (content_type) {
    case TLSI_CT_HANDSHAKE:
        return "Encrypted Handshake Message";
    case TLSI_CT_ALERT:
        return "Encrypted Alert";
    case TLSI_CT_APPLICATION_DATA:
        return "Application Data";
    case TLSI_CT_HEARTBEAT:
        return "Encrypted Heartbeat";
    default:
        return "Encrypted Record";
    }
}

/* The content of a record, plaintext or decrypted, by its (inner) type. */
static void dissect_record_content(tvbuff_t *ctvb, packet_info *pinfo, proto_tree *top,
                                   proto_tree *rt, tlsi_conv *conv, const tlsi_record_info *ri,
                                   guint8 type, gboolean truncated, gboolean decrypted)
{
    guint32 len = tvb_captured_length(ctvb);
    proto_item *ti;

    switch (type) {
    case TLSI_CT_HANDSHAKE:
        if (truncated)
            tlsi_append_info(pinfo, "Handshake (truncated)");
        else
            dissect_handshake_msgs(ctvb, pinfo, rt, conv, ri);
        break;
    case TLSI_CT_CHANGE_CIPHER_SPEC:
        tlsi_append_info(pinfo, "Change Cipher Spec");
        ti = proto_tree_add_item(rt, hf_tlsi_change_cipher_spec, ctvb, 0, len ? 1 : 0, ENC_BIG_ENDIAN);
        if (len != 1 || tvb_get_uint8(ctvb, 0) != 1)
            expert_add_info(pinfo, ti, &ei_tlsi_ccs_malformed);
        break;
    case TLSI_CT_ALERT:
        dissect_alert_body(ctvb, pinfo, rt, 0, (int)len);
        /* close_notify ends the stream: a sub-dissector still waiting for
         * more (an HTTP/1.0 body that runs to the end) gets what there is. */
        if (decrypted && len == 2 && tvb_get_uint8(ctvb, 1) == TLSI_ALERT_CLOSE_NOTIFY)
            tlsi_app_flush(ctvb, pinfo, top, conv, (tlsi_record_info *)ri);
        break;
    case TLSI_CT_HEARTBEAT:
        dissect_heartbeat(ctvb, pinfo, rt, truncated);
        break;
    case TLSI_CT_APPLICATION_DATA:
        tlsi_append_info(pinfo, "Application Data");
        if (!decrypted) {
            /* Application data before any cipher is in force: shown as it is. */
            proto_tree_add_item(rt, hf_tlsi_record_encrypted_data, ctvb, 0, -1, ENC_NA);
            break;
        }
        proto_tree_add_item(rt, hf_tlsi_app_data, ctvb, 0, -1, ENC_NA);
        if (!len || !(ri->rec.flags & TLSI_REC_DECRYPTED))
            break; /* unverified plaintext is shown, never interpreted */
        tlsi_app_data(ctvb, pinfo, top, conv, (tlsi_record_info *)ri);
        tlsi_app_draw(ctvb, pinfo, rt, conv, ri);
        break;
    default:
        tlsi_append_info(pinfo, val_to_str_const(type, TLSI_VALS(tlsi_content_type_names),
                                                 "Unknown Record"));
        proto_tree_add_item(rt, hf_tlsi_record_encrypted_data, ctvb, 0, -1, ENC_NA);
        break;
    }
}

static void tlsi_queue_tap(tvbuff_t *tvb, packet_info *pinfo, const tlsi_conv *conv,
                           const tlsi_record_info *ri, const tlsi_record_hdr *hdr)
{
    tlsi_tap_record *t;
    const guint8 *content = NULL;
    guint32 content_len = 0;

    if (!have_tap_listener(tlsi_tap))
        return;
    t = wmem_new0(pinfo->pool, tlsi_tap_record);
    t->conv = conv;
    t->ri = ri;
    t->dir = ri ? ri->rec.dir : TLSI_DIR_CLIENT;
    t->content_type = hdr->content_type;
    t->type = hdr->content_type;
    t->record_version = hdr->version;
    t->length = hdr->length;
    /* dissect_sslv2_conn_record marks its records with version 2. */
    t->is_sslv2_conn = ri && ri->rec.version == TLSI_SSLV2_RECORD_VERSION;
    t->is_sslv2 = hdr->kind == TLSI_REC_SSLV2 && !t->is_sslv2_conn;
    if (ri && (ri->rec.flags & TLSI_REC_PROTECTED)) {
        if (ri->rec.flags & TLSI_REC_DECRYPTED) {
            t->type = ri->rec.inner_type;
            content = tlsi_conn_rec_plain(&ri->rec);
            content_len = ri->rec.plain_len;
        }
    } else if (!t->is_sslv2 && tvb_captured_length(tvb) >= hdr->header_len + hdr->length) {
        content = tvb_get_ptr(tvb, hdr->header_len, hdr->length);
        content_len = hdr->length;
    }
    if (t->type == TLSI_CT_ALERT && content && content_len == 2) {
        t->has_alert = TRUE;
        t->alert_level = content[0];
        t->alert_desc = content[1];
    }
    if (t->type == TLSI_CT_APPLICATION_DATA && ri && (ri->rec.flags & TLSI_REC_DECRYPTED)) {
        t->plain = content;
        t->plain_len = content_len;
    }
    tap_queue_packet(tlsi_tap, pinfo, t);
}

static void dissect_tls_record_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                    tlsi_conv *conv, const tlsi_record_hdr *hdr,
                                    tlsi_record_info **ri_out);

static void dissect_tls_record(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                               tlsi_conv *conv, const tlsi_record_hdr *hdr)
{
    tlsi_record_info *ri = NULL;

    dissect_tls_record_tree(tvb, pinfo, tree, conv, hdr, &ri);
    tlsi_queue_tap(tvb, pinfo, conv, ri, hdr);
}

/* The first pass's result for this record, made now on the first pass. */
static tlsi_record_info *tlsi_record_cached(tvbuff_t *tvb, packet_info *pinfo, tlsi_conv *conv,
                                            const tlsi_record_hdr *hdr)
{
    guint32 ordinal = tlsi_next_record_ordinal(pinfo);
    tlsi_frame_data *fd = tlsi_frame(pinfo);
    tlsi_record_info *ri =
        ordinal < fd->records->len ? (tlsi_record_info *)g_ptr_array_index(fd->records, ordinal)
                                   : NULL;

    if (!ri) {
        ri = tlsi_record_first_pass(tvb, pinfo, conv, hdr, tlsi_direction(pinfo, conv));
        tlsi_frame_put(fd, ordinal, ri);
    }
    return ri;
}

/* The record item and its header fields; returns the record's subtree. */
static proto_tree *tree_record_header(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                      const tlsi_record_hdr *hdr, const tlsi_conn_rec *r,
                                      proto_item **rti_out)
{
    const char *ct_name = val_to_str_const(hdr->content_type, TLSI_VALS(tlsi_content_type_names),
                                           "Unknown");
    /* A TLS 1.3 record says 0x0303 on the wire (RFC 8446 5.1); named, like
     * the built-in does, by the version the connection runs. */
    const char *ver_name = val_to_str_const(r->version == TLSI_TLS13 ? TLSI_TLS13 : hdr->version,
                                            TLSI_VALS(tlsi_version_names), "Unknown");
    proto_item *rti, *ti;
    proto_tree *rt;

    rti = proto_tree_add_item(tree, hf_tlsi_record, tvb, 0, hdr->header_len + hdr->length,
                              ENC_NA);
    /* One label per record, the decrypted type included: no second format. */
    if ((r->flags & TLSI_REC_PROTECTED) && (r->flags & (TLSI_REC_DECRYPTED | TLSI_REC_UNVERIFIED)))
        proto_item_set_text(
            rti, "%s Record Layer: %s (decrypted: %s)", ver_name, ct_name,
            val_to_str_const(r->inner_type, TLSI_VALS(tlsi_content_type_names), "Unknown"));
    else
        proto_item_set_text(rti, "%s Record Layer: %s", ver_name, ct_name);
    rt = proto_item_add_subtree(rti, ett_tlsi_record);
    ti = proto_tree_add_item(rt, hf_tlsi_record_content_type, tvb, 0, 1, ENC_BIG_ENDIAN);
    if (hdr->anomalies & TLSI_REC_UNKNOWN_TYPE) {
        expert_add_info_format(pinfo, ti, &ei_tlsi_unknown_type, "Unknown record content type %u",
                               hdr->content_type);
        tlsi_compat_expert(rt, pinfo, TLSI_CEI_IGNORED_UNKNOWN_RECORD, tvb, 0, 1);
    }
    ti = proto_tree_add_item(rt, hf_tlsi_record_version, tvb, 1, 2, ENC_BIG_ENDIAN);
    if (hdr->anomalies & TLSI_REC_UNKNOWN_VERSION)
        expert_add_info_format(pinfo, ti, &ei_tlsi_unknown_version,
                               "Unknown record version 0x%04x", hdr->version);
    ti = proto_tree_add_item(rt, hf_tlsi_record_length, tvb, 3, 2, ENC_BIG_ENDIAN);
    tlsi_length_expert(pinfo, ti, hdr,
                       (r->flags & TLSI_REC_PROTECTED) != 0 ||
                           (hdr->content_type == TLSI_CT_APPLICATION_DATA && r->version == 0),
                       r->version);
    *rti_out = rti;
    return rt;
}

/* A protected record: the Decryption subtree, then the plaintext's content
 * or the reason there is none. */
static void dissect_protected(tvbuff_t *tvb, tvbuff_t *frag_tvb, packet_info *pinfo,
                              proto_tree *tree, proto_tree *rt, tlsi_conv *conv,
                              const tlsi_record_hdr *hdr, tlsi_record_info *ri)
{
    const tlsi_conn_rec *r = &ri->rec;
    const tlsi_decrypt_diag *d = tlsi_record_diag(conv, ri);
    tvbuff_t *ptvb;
    proto_item *ti;

    /* Without a tree its items go nowhere; only its expert infos would. */
    if (d && (rt || tlsi_expert_tapped()))
        tlsi_add_decryption_tree(frag_tvb, pinfo, rt, d, ri);
    if (!(r->flags & (TLSI_REC_DECRYPTED | TLSI_REC_UNVERIFIED))) {
        ti = proto_tree_add_item(rt, hf_tlsi_record_encrypted_data, frag_tvb, 0, -1, ENC_NA);
        /* Formatted only for a tree or the expert tap: a stream that
         * stopped decrypting would pay for a string per record. */
        if (r->more->decrypt_why && (tree || tlsi_expert_tapped()))
            expert_add_info_format(pinfo, ti, &ei_tlsi_not_decrypted, "Not decrypted: %s",
                                   tlsi_record_why(pinfo, ri));
        if (r->decrypt_err == TLSI_ERR_DECOMPRESS)
            tlsi_compat_decompression_error(pinfo, ti);
        tlsi_append_info(pinfo, tlsi_protected_info(hdr->content_type));
        return;
    }
    ptvb = tvb_new_child_real_data(tvb, tlsi_conn_rec_plain(r), r->plain_len, r->plain_len);
    add_new_data_source(pinfo, ptvb,
                        (r->flags & TLSI_REC_DECRYPTED) ? "Decrypted TLS"
                                                        : "Decrypted TLS (unverified)");
    if (r->flags & TLSI_REC_UNVERIFIED) {
        ti = proto_tree_add_item(rt, hf_tlsi_record_encrypted_data, frag_tvb, 0, -1, ENC_NA);
        expert_add_info_format(pinfo, ti, &ei_tlsi_unverified,
                               "MAC/tag did not verify (%s): plaintext shown unverified",
                               r->more->decrypt_why ? r->more->decrypt_why : "");
    }
    /* Version 0: early data, sent before the ServerHello names TLS 1.3. */
    if (r->version == TLSI_TLS13 || r->version == 0 || hdr->content_type != r->inner_type)
        proto_item_set_generated(
            proto_tree_add_uint(rt, hf_tlsi_record_inner_type, ptvb, 0, 0, r->inner_type));
    dissect_record_content(ptvb, pinfo, tree, rt, conv, ri, r->inner_type, FALSE, TRUE);
}

static void dissect_tls_record_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                    tlsi_conv *conv, const tlsi_record_hdr *hdr,
                                    tlsi_record_info **ri_out)
{
    tlsi_record_info *ri = tlsi_record_cached(tvb, pinfo, conv, hdr);
    guint32 captured = tvb_captured_length(tvb);
    guint32 frag_len = hdr->length;
    gboolean truncated = captured < hdr->header_len + hdr->length;
    proto_item *rti;
    proto_tree *rt;
    tvbuff_t *frag_tvb;

    *ri_out = ri;
    tlsi_set_protocol_column(pinfo, ri->rec.version ? ri->rec.version : hdr->version);
    rt = tree_record_header(tvb, pinfo, tree, hdr, &ri->rec, &rti);
    if (truncated) {
        expert_add_info_format(pinfo, rti, &ei_tlsi_record_truncated,
                               "Record of %u bytes cut short: only %u captured",
                               hdr->length,
                               captured > hdr->header_len ? captured - hdr->header_len : 0);
        frag_len = captured > hdr->header_len ? captured - hdr->header_len : 0;
    }
    frag_tvb = tvb_new_subset_length(tvb, hdr->header_len, frag_len);
    if (ri->rec.flags & TLSI_REC_PROTECTED)
        dissect_protected(tvb, frag_tvb, pinfo, tree, rt, conv, hdr, ri);
    else
        dissect_record_content(frag_tvb, pinfo, tree, rt, conv, ri, hdr->content_type,
                               truncated, FALSE);
}

/* The fields of a parsed SSLv2-format ClientHello. */
static void tree_sslv2_hello(tvbuff_t *tvb, proto_tree *rt, const guint8 *rec,
                             const tlsi_sslv2_client_hello *v2)
{
    proto_tree *st;
    guint32 i;

    proto_item *ti;

    proto_tree_add_uint(rt, hf_tlsi_sslv2_msg_type, tvb, TLSI_SSLV2_OFF_MSG_TYPE, 1,
                        rec[TLSI_SSLV2_OFF_MSG_TYPE]);
    tlsi_alias_uint(rt, hf_tlsi_sslv2_msg_type, tvb, TLSI_SSLV2_OFF_MSG_TYPE, 1,
                    rec[TLSI_SSLV2_OFF_MSG_TYPE]);
    proto_tree_add_uint(rt, hf_tlsi_sslv2_version, tvb, TLSI_SSLV2_OFF_VERSION, 2, v2->version);
    tlsi_alias_uint(rt, hf_tlsi_sslv2_version, tvb, TLSI_SSLV2_OFF_VERSION, 2, v2->version);
    proto_tree_add_uint(rt, hf_tlsi_sslv2_cipher_spec_length, tvb, TLSI_SSLV2_OFF_SPECS_LEN, 2,
                        v2->cipher_specs.len);
    tlsi_alias_uint(rt, hf_tlsi_sslv2_cipher_spec_length, tvb, TLSI_SSLV2_OFF_SPECS_LEN, 2,
                    v2->cipher_specs.len);
    proto_tree_add_uint(rt, hf_tlsi_sslv2_session_id_length, tvb, TLSI_SSLV2_OFF_SID_LEN, 2,
                        v2->session_id.len);
    tlsi_alias_uint(rt, hf_tlsi_sslv2_session_id_length, tvb, TLSI_SSLV2_OFF_SID_LEN, 2,
                    v2->session_id.len);
    proto_tree_add_uint(rt, hf_tlsi_sslv2_challenge_length, tvb, TLSI_SSLV2_OFF_CHALLENGE_LEN, 2,
                        v2->challenge.len);
    tlsi_alias_uint(rt, hf_tlsi_sslv2_challenge_length, tvb, TLSI_SSLV2_OFF_CHALLENGE_LEN, 2,
                    v2->challenge.len);
    ti = proto_tree_add_none_format(rt, hf_tlsi_sslv2_cipher_specs, tvb, v2->cipher_specs.off,
                                    v2->cipher_specs.len, "Cipher Specs (%u specs)",
                                    v2->n_cipher_specs);
    st = proto_item_add_subtree(ti, ett_tlsi_sslv2_specs);
    tlsi_alias_item(st, hf_tlsi_sslv2_cipher_specs, tvb, v2->cipher_specs.off,
                    v2->cipher_specs.len, ENC_NA);
    for (i = 0; i < v2->n_cipher_specs; i++) {
        guint32 off = v2->cipher_specs.off + 3 * i;
        guint32 spec = tlsi_sslv2_cipher_at(rec + off);
        /* 0x00XXXX is a TLS cipher suite offered in SSLv2 form (RFC 5246 E.2). */
        const char *name = spec <= 0xffff ? tlsi_suite_name((guint16)spec)
                                          : tlsi_name_lookup(tlsi_sslv2_cipher_names, spec);
        proto_tree_add_uint_format_value(st, hf_tlsi_sslv2_cipher_spec, tvb, off, 3, spec,
                                         "%s (0x%06x)", name ? name : "Unknown", spec);
        tlsi_alias_uint(st, hf_tlsi_sslv2_cipher_spec, tvb, off, 3, spec);
    }
    if (v2->session_id.len)
        proto_tree_add_item(rt, hf_tlsi_sslv2_session_id, tvb, v2->session_id.off,
                            v2->session_id.len, ENC_NA);
    proto_tree_add_item(rt, hf_tlsi_sslv2_challenge, tvb, v2->challenge.off, v2->challenge.len,
                        ENC_NA);
}

/* First pass of an SSLv2-format ClientHello record: it opens the session. */
static tlsi_record_info *tlsi_sslv2_first_pass(packet_info *pinfo, tlsi_conv *conv,
                                               const guint8 *rec, guint32 len)
{
    static const tlsi_conn_rec_more nomem_more = {.sslv2_err = TLSI_ERR_NOMEM};
    const tlsi_conn_rec *r = tlsi_conn_sslv2(conv->engine, pinfo->num, rec, len);
    tlsi_record_info *ri;

    if (r) {
        ri = (tlsi_record_info *)r; /* the engine's result is all of it */
    } else {
        ri = wmem_new0(wmem_file_scope(), tlsi_record_info); /* the engine is at its cap */
        ri->rec.more = &nomem_more;
    }
    if (!conv->srv_known)
        tlsi_set_server(conv, &pinfo->dst, pinfo->destport);
    return ri;
}

/* SSLv2-format ClientHello (RFC 5246 E.2), as old clients send it, parsed
 * by the core (src/sslv2.c) and drawn from its spans. */
static void dissect_sslv2_record(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                 tlsi_conv *conv, const tlsi_record_hdr *hdr)
{
    guint32 ordinal = tlsi_next_record_ordinal(pinfo);
    tlsi_frame_data *fd = tlsi_frame(pinfo);
    tlsi_record_info *ri =
        ordinal < fd->records->len ? (tlsi_record_info *)g_ptr_array_index(fd->records, ordinal)
                                   : NULL;
    guint32 avail = tvb_captured_length(tvb);
    const guint8 *rec = tvb_get_ptr(tvb, 0, avail);
    tlsi_sslv2_client_hello v2;
    uint32_t err_off = 0;
    tlsi_err err = tlsi_sslv2_client_hello_parse(rec, avail, &v2, &err_off);
    proto_item *rti;
    proto_tree *rt;

    if (!ri) {
        ri = tlsi_sslv2_first_pass(pinfo, conv, rec, avail);
        tlsi_frame_put(fd, ordinal, ri);
    }
    tlsi_set_protocol_column(pinfo, 0);
    col_append_str(pinfo->cinfo, COL_PROTOCOL, " (SSLv2)");
    tlsi_queue_tap(tvb, pinfo, conv, ri, hdr);
    tlsi_append_info(pinfo, "Client Hello (SSLv2 format)");

    rti = proto_tree_add_item(tree, hf_tlsi_record, tvb, 0, hdr->header_len + hdr->length,
                              ENC_NA);
    proto_item_set_text(rti, "SSLv2 Record Layer: Client Hello");
    rt = proto_item_add_subtree(rti, ett_tlsi_record);
    /* The record is in SSL 2.0's format whatever version the hello offers. */
    proto_item_set_generated(
        proto_tree_add_uint(rt, hf_tlsi_record_version, tvb, 0, 0, TLSI_SSLV2_RECORD_VERSION));
    proto_tree_add_uint(rt, hf_tlsi_record_length, tvb, 0, 2, hdr->length);
    tlsi_compat_sslv2_header(rt, tvb, hdr->header_len);
    if (err != TLSI_OK) {
        expert_add_info_format(pinfo, rti, &ei_tlsi_sslv2_malformed,
                               "Malformed SSLv2 ClientHello: %s at offset %u", tlsi_err_str(err),
                               err_off);
        /* SSL 2.0 session IDs are 0 or 16 bytes: the built-in's expert. */
        if (err == TLSI_ERR_BAD_LENGTH && err_off == TLSI_SSLV2_OFF_SID_LEN)
            tlsi_compat_expert(rt, pinfo, TLSI_CEI_SESSION_ID_LENGTH, tvb, err_off, 2);
        return;
    }
    tree_sslv2_hello(tvb, rt, rec, &v2);
}

/* A record of an SSL 2.0 connection other than its CLIENT-HELLO: a clear
 * SERVER-HELLO, CLIENT-MASTER-KEY or ERROR (drawn by tlsi-tree-sslv2.c), or an
 * encrypted record (the rest: like the built-in dissector, tlsi does not
 * decrypt SSL 2.0). Returns FALSE, consuming nothing, for a CLIENT-HELLO,
 * which dissect_sslv2_record draws. */
static gboolean dissect_sslv2_conn_record(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                          tlsi_conv *conv, const tlsi_record_hdr *hdr)
{
    guint32 ordinal = tlsi_pass(pinfo)->records;
    tlsi_frame_data *fd = tlsi_frame(pinfo);
    tlsi_record_info *ri =
        ordinal < fd->records->len ? (tlsi_record_info *)g_ptr_array_index(fd->records, ordinal)
                                   : NULL;
    int dir = tlsi_direction(pinfo, conv);
    guint32 avail = tvb_captured_length(tvb), hl = hdr->header_len;
    /* The message: the record's data without its padding, as far as captured. */
    guint32 pad = hl == 3 ? tvb_get_uint8(tvb, 2) : 0;
    guint32 msg_len = MIN(avail - hl, pad <= hdr->length ? hdr->length - pad : 0);
    const guint8 *msg = tvb_get_ptr(tvb, hl, msg_len);
    gboolean enc = ri ? (ri->rec.flags & TLSI_REC_PROTECTED) != 0 : conv->sslv2.encrypted[dir];
    proto_item *rti;
    proto_tree *rt;
    const char *what = "Encrypted Data";

    if (!enc && msg_len && msg[0] == TLSI_SSLV2_MT_CLIENT_HELLO &&
        tlsi_sslv2_looks_like_client_hello(tvb_get_ptr(tvb, 0, avail), avail))
        return FALSE;
    (void)tlsi_next_record_ordinal(pinfo);
    if (!ri) {
        ri = wmem_new0(wmem_file_scope(), tlsi_record_info);
        ri->rec.dir = (guint8)dir;
        ri->rec.more = &tlsi_conn_rec_none;
        ri->rec.version = TLSI_SSLV2_RECORD_VERSION;
        ri->rec.flags =
            tlsi_sslv2_flow_record(&conv->sslv2, dir == TLSI_DIR_SERVER, msg, msg_len)
                ? TLSI_REC_PROTECTED
                : 0;
        tlsi_frame_put(fd, ordinal, ri);
    }
    tlsi_set_protocol_column(pinfo, 0);
    col_append_str(pinfo->cinfo, COL_PROTOCOL, " (SSLv2)");
    rti = proto_tree_add_item(tree, hf_tlsi_record, tvb, 0, hl + hdr->length, ENC_NA);
    rt = proto_item_add_subtree(rti, ett_tlsi_record);
    proto_item_set_generated(
        proto_tree_add_uint(rt, hf_tlsi_record_version, tvb, 0, 0, TLSI_SSLV2_RECORD_VERSION));
    proto_tree_add_uint(rt, hf_tlsi_record_length, tvb, 0, 2, hdr->length);
    tlsi_compat_sslv2_header(rt, tvb, hl);
    if (pad > hdr->length)
        expert_add_info_format(pinfo, rti, &ei_tlsi_sslv2_malformed,
                               "SSLv2 padding length %u is longer than the record (%u bytes)",
                               pad, hdr->length);
    if (enc)
        proto_tree_add_item(rt, hf_tlsi_record_encrypted_data, tvb, hl, -1, ENC_NA);
    else
        what = tlsi_sslv2_msg_tree(tvb_new_subset_length(tvb, hl, msg_len), pinfo, rt);
    proto_item_set_text(rti, "SSLv2 Record Layer: %s", what);
    tlsi_append_info(pinfo, what);
    tlsi_queue_tap(tvb, pinfo, conv, ri, hdr);
    return TRUE;
}

/* The record header at p (len bytes): in SSL 2.0's form throughout once the
 * server answered in SSL 2.0, else as tlsi_record_header reads it. */
static tlsi_err tlsi_conv_record_header(const tlsi_conv *conv, const guint8 *p, guint32 len,
                                        tlsi_record_hdr *hdr)
{
    tlsi_sslv2_rec v2;

    if (!conv || !conv->sslv2.server_hello)
        return tlsi_record_header(p, len, hdr);
    if (tlsi_sslv2_record_read(p, len, &v2) == TLSI_ERR_SHORT)
        return TLSI_ERR_SHORT;
    memset(hdr, 0, sizeof(*hdr));
    hdr->kind = TLSI_REC_SSLV2;
    hdr->version = TLSI_SSLV2_RECORD_VERSION;
    hdr->header_len = v2.header_len;
    hdr->length = v2.length;
    hdr->content_type = len > v2.header_len ? p[v2.header_len] : 0;
    return TLSI_OK;
}

/* One whole record, handed over by tcp_dissect_pdus. */
static int dissect_tlsi_pdu(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    /* dissect_tlsi_tcp found the connection: no lookup per record. */
    tlsi_conv *conv = tlsi_pass(pinfo)->conv ? tlsi_pass(pinfo)->conv : tlsi_get_conv(pinfo);
    tlsi_record_hdr hdr;
    guint32 avail = tvb_captured_length(tvb);
    const guint8 *p = tvb_get_ptr(tvb, 0, MIN(avail, TLSI_RECORD_PEEK));

    if (tlsi_conv_record_header(conv, p, MIN(avail, TLSI_RECORD_PEEK), &hdr) != TLSI_OK)
        return 0;
    if (hdr.kind == TLSI_REC_SSLV2 && dissect_sslv2_conn_record(tvb, pinfo, tree, conv, &hdr))
        ; /* an SSL 2.0 connection's record after the CLIENT-HELLO */
    else if (hdr.kind == TLSI_REC_SSLV2)
        dissect_sslv2_record(tvb, pinfo, tree, conv, &hdr);
    else
        dissect_tls_record(tvb, pinfo, tree, conv, &hdr);
    return (int)tvb_captured_length(tvb);
}

static guint get_tlsi_pdu_len(packet_info *pinfo, tvbuff_t *tvb, int offset, void *data)
{
    tlsi_record_hdr hdr;
    guint32 avail = tvb_captured_length_remaining(tvb, offset);
    const guint8 *p = tvb_get_ptr(tvb, offset, MIN(avail, TLSI_RECORD_PEEK));

    if (tlsi_conv_record_header(tlsi_pass(pinfo)->conv, p, MIN(avail, TLSI_RECORD_PEEK), &hdr) != TLSI_OK)
        return 5; /* not enough for a header: ask for the fixed part */
    return hdr.header_len + hdr.length;
}

/* Is this data known to start a record (it starts where the previous
 * record of this direction ended)? Decided on the first pass, kept per call
 * for later passes. */
static gboolean tlsi_in_sync(packet_info *pinfo, tlsi_dir_state *ds, const struct tcpinfo *tcpi)
{
    guint32 call = tlsi_pass(pinfo)->calls++;
    tlsi_frame_data *fd = tlsi_frame(pinfo);
    gboolean in_sync;

    if (PINFO_FD_VISITED(pinfo))
        return call < fd->sync->len && g_array_index(fd->sync, guint8, call) == 2;
    if (tcpi)
        tlsi_tcpgap_seen(pinfo, ds, tcpi->seq);
    in_sync = tcpi && ds->seq_known && tcpi->seq == ds->next_seq;
    if (call >= fd->sync->len)
        g_array_set_size(fd->sync, call + 1);
    g_array_index(fd->sync, guint8, call) = in_sync ? 2 : 1;
    return in_sync;
}

/* First pass: where the next record of this direction starts: at the record
 * TCP now reassembles (it hands it over with tcpinfo->seq = its start), or
 * after the last record begun in tvb (which starts skip bytes into the
 * segment). */
static void tlsi_note_next_seq(packet_info *pinfo, const tlsi_conv *conv, tlsi_dir_state *ds,
                               tvbuff_t *tvb, const struct tcpinfo *tcpi, guint32 skip)
{
    guint32 pos = 0, rep = tvb_reported_length(tvb), cap = tvb_captured_length(tvb);

    ds->seq_known = TRUE;
    if (pinfo->desegment_len) {
        ds->next_seq = tcpi->seq + skip + pinfo->desegment_offset;
        return;
    }
    while (pos < rep) {
        tlsi_record_hdr h;
        if (pos >= cap || tlsi_conv_record_header(conv, tvb_get_ptr(tvb, pos, MIN(cap - pos, TLSI_RECORD_PEEK)),
                                                  MIN(cap - pos, TLSI_RECORD_PEEK), &h) != TLSI_OK) {
            ds->seq_known = FALSE;
            break;
        }
        pos += h.header_len + h.length;
    }
    ds->next_seq = tcpi->seq + skip + pos;
}

int tlsi_dissect_tcp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    guint32 len = tvb_captured_length(tvb);
    guint32 skip = 0;
    struct tcpinfo *tcpi = (struct tcpinfo *)data;
    tlsi_pass_data *pd = tlsi_pass(pinfo);
    tlsi_conv *conv = tlsi_get_conv(pinfo), *outer;
    tlsi_dir_state *ds = &conv->dir[tlsi_direction(pinfo, conv)];
    proto_tree *t;

    col_set_str(pinfo->cinfo, COL_PROTOCOL, "TLSI");
    /* TCP wrote its own Info text; the first tlsi PDU of the frame replaces it. */
    if (!pd->info_started) {
        col_clear(pinfo->cinfo, COL_INFO);
        pd->info_started = TRUE;
    }
    t = proto_item_add_subtree(proto_tree_add_item(tree, proto_tlsi, tvb, 0, -1, ENC_NA),
                               ett_tlsi);
    /* A segment that does not start with a record header: the capture began
     * (or lost data) mid-record. Skip to the next plausible header. */
    if (!tlsi_in_sync(pinfo, ds, tcpi) &&
        (len >= 5 || (len > 0 && (tvb_get_uint8(tvb, 0) & 0x80)))) {
        const guint8 *p = tvb_get_ptr(tvb, 0, len);
        if (!tlsi_record_plausible(p, len))
            skip = (guint32)tlsi_record_resync(p, len);
    }
    if (skip) {
        proto_tree_add_expert_format(t, pinfo, &ei_tlsi_resync, tvb, 0, skip,
                                     "%u bytes that do not start a record were skipped "
                                     "(continuation of a record not in the capture?)",
                                     skip);
        if (skip >= len) {
            tlsi_append_info(pinfo, "Continuation Data");
            if (!PINFO_FD_VISITED(pinfo))
                ds->seq_known = FALSE;
            return (int)len;
        }
        tvb = tvb_new_subset_remaining(tvb, skip);
    }
    outer = pd->conv;
    pd->conv = conv;
    tcp_dissect_pdus(tvb, pinfo, t, tlsi_desegment, 5, get_tlsi_pdu_len, dissect_tlsi_pdu, data);
    pd->conv = outer;
    if (!PINFO_FD_VISITED(pinfo) && tcpi)
        tlsi_note_next_seq(pinfo, conv, ds, tvb, tcpi, skip);
    return (int)(len);
}

/* ---------------------------------------------------------------------- */
/* Registration                                                            */

static void tlsi_prefs_applied(void)
{
    tlsi_starttls_prefs_applied();
    tlsi_keys_prefs_applied();
}

/* Conversation Filter > TLSI (and conversation colouring): the TCP connection
 * of a tlsi frame. */
static tlsi_ws_bool tlsi_conv_filter_valid(TLSI_CONV_FILTER_PARAMS)
{
    return proto_is_frame_protocol(pinfo->layers, "tlsi") &&
           (pinfo->net_src.type == AT_IPv4 || pinfo->net_src.type == AT_IPv6);
}

static gchar *tlsi_conv_filter_build(TLSI_CONV_FILTER_PARAMS)
{
    const char *ip = pinfo->net_src.type == AT_IPv6 ? "ipv6" : "ip";
    char *src = address_to_str(NULL, &pinfo->net_src);
    char *dst = address_to_str(NULL, &pinfo->net_dst);
    gchar *f;

    f = g_strdup_printf("(%s.addr eq %s and %s.addr eq %s) and (tcp.port eq %u and tcp.port eq "
                        "%u) and tlsi",
                        ip, src, ip, dst, pinfo->srcport, pinfo->destport);
    wmem_free(NULL, src);
    wmem_free(NULL, dst);
    return f;
}

static void tlsi_init(void)
{
    tlsi_conv_counter = 0;
}

static void tlsi_cleanup(void)
{
    tlsi_frames_free();
}

void proto_register_tlsi(void)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_record,
         {"Record Layer", "tlsi.record", FT_NONE, BASE_NONE, NULL, 0x0, "A TLS record", HFILL}},
        {&hf_tlsi_record_content_type,
         {"Content Type", "tlsi.record.content_type", FT_UINT8, BASE_DEC, TLSI_VALS(tlsi_content_type_names), 0x0,
          "Record content type (outer type for TLS 1.3 protected records)", HFILL}},
        {&hf_tlsi_record_version,
         {"Version", "tlsi.record.version", FT_UINT16, BASE_HEX, TLSI_VALS(tlsi_version_names), 0x0,
          "Record layer protocol version", HFILL}},
        {&hf_tlsi_record_length,
         {"Length", "tlsi.record.length", FT_UINT16, BASE_DEC, NULL, 0x0,
          "Length of the record fragment", HFILL}},
        {&hf_tlsi_record_encrypted_data,
         {"Encrypted Data", "tlsi.record.encrypted_data", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Protected record fragment as sent", HFILL}},
        {&hf_tlsi_record_ignored,
         {"Ignored", "tlsi.record.ignored", FT_NONE, BASE_NONE, NULL, 0x0,
          "Bytes that are not part of a dissected record", HFILL}},
        {&hf_tlsi_sslv2_cipher_specs,
         {"Cipher Specs", "tlsi.sslv2.cipher_specs", FT_NONE, BASE_NONE, NULL, 0x0,
          "The cipher specs an SSLv2-format ClientHello offers", HFILL}},
        {&hf_tlsi_alert_message,
         {"Alert Message", "tlsi.alert_message", FT_NONE, BASE_NONE, NULL, 0x0,
          "An alert's level and description", HFILL}},
        {&hf_tlsi_change_cipher_spec,
         {"Change Cipher Spec Message", "tlsi.change_cipher_spec", FT_UINT8, BASE_DEC, NULL,
          0x0, "ChangeCipherSpec value (must be 1)", HFILL}},
        {&hf_tlsi_alert_level,
         {"Level", "tlsi.alert.level", FT_UINT8, BASE_DEC, TLSI_VALS(tlsi_alert_level_names), 0x0, "Alert level", HFILL}},
        {&hf_tlsi_alert_description,
         {"Description", "tlsi.alert.description", FT_UINT8, BASE_DEC, TLSI_VALS(tlsi_alert_desc_names), 0x0,
          "Alert description", HFILL}},
        {&hf_tlsi_alert_closure,
         {"Closure Alert", "tlsi.alert.closure", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
          "True for close_notify and user_canceled, false for error alerts", HFILL}},
        {&hf_tlsi_heartbeat,
         {"Heartbeat Message", "tlsi.heartbeat", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Heartbeat record body (RFC 6520)", HFILL}},
        {&hf_tlsi_heartbeat_type,
         {"Type", "tlsi.heartbeat.type", FT_UINT8, BASE_DEC,
          TLSI_VALS(tlsi_heartbeat_type_names), 0x0, "HeartbeatMessageType", HFILL}},
        {&hf_tlsi_heartbeat_payload_length,
         {"Payload Length", "tlsi.heartbeat.payload_length", FT_UINT16, BASE_DEC, NULL, 0x0,
          "payload_length as sent (may claim more than the record holds)", HFILL}},
        {&hf_tlsi_heartbeat_payload,
         {"Payload", "tlsi.heartbeat.payload", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Heartbeat payload (the bytes present)", HFILL}},
        {&hf_tlsi_heartbeat_padding,
         {"Padding", "tlsi.heartbeat.padding", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Random padding after the payload (at least 16 bytes)", HFILL}},
        {&hf_tlsi_handshake_fragment,
         {"Handshake Fragment", "tlsi.handshake.fragment", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Part of a handshake message that continues in a later record", HFILL}},
        {&hf_tlsi_record_inner_type,
         {"Inner Content Type", "tlsi.record.inner_type", FT_UINT8, BASE_DEC,
          TLSI_VALS(tlsi_content_type_names), 0x0,
          "Real content type of a decrypted record (TLS 1.3 TLSInnerPlaintext)", HFILL}},
        {&hf_tlsi_app_data,
         {"Application Data", "tlsi.app_data", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Decrypted application data of one record", HFILL}},
        {&hf_tlsi_sslv2_msg_type,
         {"Message Type", "tlsi.sslv2.msg_type", FT_UINT8, BASE_DEC, NULL, 0x0,
          "SSLv2 message type (1 = ClientHello)", HFILL}},
        {&hf_tlsi_sslv2_version,
         {"Version", "tlsi.sslv2.version", FT_UINT16, BASE_HEX, TLSI_VALS(tlsi_version_names), 0x0,
          "Highest version the client supports", HFILL}},
        {&hf_tlsi_sslv2_cipher_spec_length,
         {"Cipher Spec Length", "tlsi.sslv2.cipher_spec_length", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_sslv2_session_id_length,
         {"Session ID Length", "tlsi.sslv2.session_id_length", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_sslv2_challenge_length,
         {"Challenge Length", "tlsi.sslv2.challenge_length", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_sslv2_cipher_spec,
         {"Cipher Spec", "tlsi.sslv2.cipher_spec", FT_UINT24, BASE_HEX, TLSI_VALS(tlsi_sslv2_cipher_names), 0x0,
          "SSLv2 cipher kind, or a TLS cipher suite as 0x00XXXX", HFILL}},
        {&hf_tlsi_sslv2_session_id,
         {"Session ID", "tlsi.sslv2.session_id", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_sslv2_challenge,
         {"Challenge", "tlsi.sslv2.challenge", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
    };
    static gint *ett[] = {&ett_tlsi, &ett_tlsi_record, &ett_tlsi_alert, &ett_tlsi_sslv2_specs,
                             &ett_tlsi_heartbeat};
    static ei_register_info ei[] = {
        {&ei_tlsi_unknown_type,
         {"tlsi.record.content_type.unknown", PI_PROTOCOL, PI_WARN, "Unknown record content type",
          EXPFILL}},
        {&ei_tlsi_unknown_version,
         {"tlsi.record.version.unknown", PI_PROTOCOL, PI_WARN, "Unknown record version",
          EXPFILL}},
        {&ei_tlsi_over_plaintext,
         {"tlsi.record.length.over_limit", PI_PROTOCOL, PI_NOTE,
          "Record length exceeds the limit for its kind (some products exceed it)", EXPFILL}},
        {&ei_tlsi_over_ciphertext,
         {"tlsi.record.length.over_max", PI_MALFORMED, PI_WARN,
          "Record length exceeds 2^14 + 2048 (some products exceed it)", EXPFILL}},
        {&ei_tlsi_zero_length,
         {"tlsi.record.length.zero", PI_PROTOCOL, PI_WARN,
          "Zero-length handshake, alert or change_cipher_spec fragment (forbidden)", EXPFILL}},
        {&ei_tlsi_record_truncated,
         {"tlsi.record.truncated", PI_MALFORMED, PI_WARN,
          "Record cut short by the end of the captured data", EXPFILL}},
        {&ei_tlsi_resync,
         {"tlsi.record.resync", PI_SEQUENCE, PI_NOTE,
          "Bytes before the first record header skipped", EXPFILL}},
        {&ei_tlsi_alert_error,
         {"tlsi.alert.error", PI_RESPONSE_CODE, PI_WARN, "Error alert", EXPFILL}},
        {&ei_tlsi_alert_malformed,
         {"tlsi.alert.malformed", PI_MALFORMED, PI_ERROR, "Malformed alert", EXPFILL}},
        {&ei_tlsi_ccs_malformed,
         {"tlsi.change_cipher_spec.malformed", PI_MALFORMED, PI_WARN,
          "ChangeCipherSpec must be one byte of value 1", EXPFILL}},
        {&ei_tlsi_hs_over_cap,
         {"tlsi.handshake.reassembly_cap", PI_MALFORMED, PI_WARN,
          "Handshake message larger than the reassembly cap", EXPFILL}},
        {&ei_tlsi_unverified,
         {"tlsi.decryption.unverified", PI_DECRYPTION, PI_ERROR,
          "Plaintext shown although its MAC/tag did not verify", EXPFILL}},
        {&ei_tlsi_not_decrypted,
         {"tlsi.decryption.failed", PI_DECRYPTION, PI_WARN, "Record not decrypted", EXPFILL}},
        {&ei_tlsi_heartbeat_overrun,
         {"tlsi.heartbeat.payload_length.overrun", PI_MALFORMED, PI_ERROR,
          "Heartbeat payload_length exceeds the record (Heartbleed pattern)", EXPFILL}},
        {&ei_tlsi_heartbeat_padding,
         {"tlsi.heartbeat.padding.short", PI_PROTOCOL, PI_WARN,
          "Heartbeat padding shorter than 16 bytes", EXPFILL}},
        {&ei_tlsi_heartbeat_short,
         {"tlsi.heartbeat.malformed", PI_MALFORMED, PI_ERROR,
          "Heartbeat message shorter than its 3-byte header", EXPFILL}},
        {&ei_tlsi_sslv2_malformed,
         {"tlsi.sslv2.malformed", PI_MALFORMED, PI_ERROR, "Malformed SSLv2 ClientHello",
          EXPFILL}},
    };
    module_t *module;
    expert_module_t *expert;


    proto_tlsi = proto_register_protocol("TLS inspector (tlsi)", "TLSI", "tlsi");
    proto_register_field_array(proto_tlsi, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(proto_tlsi);
    expert_register_field_array(expert, ei, array_length(ei));

    tlsi_register_handshake_fields(proto_tlsi);

    tlsi_handle = register_dissector("tlsi", tlsi_dissect_tcp, proto_tlsi);
    tlsi_tap = register_tap("tlsi");
    module = prefs_register_protocol(proto_tlsi, tlsi_prefs_applied);
    prefs_register_bool_preference(module, "desegment",
                                   "Reassemble TLS records spanning multiple TCP segments",
                                   "Whether tlsi asks TCP to reassemble records that span "
                                   "segments. TCP's own \"Allow subdissectors to reassemble TCP "
                                   "streams\" must be on too.",
                                   &tlsi_desegment);
    tlsi_starttls_register(proto_tlsi, module);
    tlsi_keys_register(module);
    register_init_routine(tlsi_init);
    register_cleanup_routine(tlsi_cleanup);
    tlsi_decrypt_register(proto_tlsi, module);
    tlsi_sigverify_register(proto_tlsi);
    tlsi_app_register(proto_tlsi);
    /* Registration hooks of other plugin files (one line each). */
    tlsi_stats_register();
    tlsi_follow_register(proto_tlsi);
    tlsi_export_register();
    tlsi_sessions_register();
    tlsi_pcap_export_register();
    tlsi_menu_register(proto_tlsi);
    tlsi_sslv2_register(proto_tlsi);
    tlsi_esni_register(proto_tlsi);
}

void proto_reg_handoff_tlsi(void)
{
    G_STATIC_ASSERT(sizeof(tlsi_name) == sizeof(value_string));
    G_STATIC_ASSERT(G_STRUCT_OFFSET(tlsi_name, name) == G_STRUCT_OFFSET(value_string, strptr));

    tlsi_app_handoff();
    /* Registers the "tlsi.tcp.port" range preference and Decode As entry. */
    dissector_add_uint_range_with_preference("tcp.port", TLSI_DEFAULT_PORTS, tlsi_handle);
    tlsi_register_conversation_filter("tlsi", "TLSI", tlsi_conv_filter_valid,
                                      tlsi_conv_filter_build);
    /* Hand-off hooks of other plugin files (one line each). */
    tlsi_tcpgap_register();
    tlsi_starttls_handoff(tlsi_handle);
}
