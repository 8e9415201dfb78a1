/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-tcpgap.c - noticing that TCP handed a direction's data over out of
 * order or with bytes missing, so a decryption failure after it can name the
 * cause instead of "wrong key, or records missing".
 *
 * With tcp.reassemble_out_of_order off (Wireshark's default), TCP passes
 * segments on in capture order. When two segments were captured swapped,
 * tlsi first gets data beyond where the previous record ended (TCP marks that
 * frame "previous segment not captured"), then the earlier bytes (marked
 * "out-of-order", or a retransmission when it came soon). Records are then cut apart and a
 * direction's record sequence numbers no longer match, so every later record fails its MAC. The
 * per-direction sequence tracking of the record layer (next_seq) sees the
 * jump forward. TCP does not hand the late segment to tlsi at all, so a
 * listener on TCP's tap notices a segment that falls into the gap.
 */
#include "packet-tlsi.h"

#include <epan/conversation.h>
#include <epan/dissectors/packet-tcp.h>
#include <epan/prefs-int.h>
#include <epan/tap.h>

#include "tlsi_err.h"

/* Is seq in [start, end) in sequence-number space? */
static gboolean seq_within(guint32 seq, guint32 start, guint32 end)
{
    return (guint32)(seq - start) < (guint32)(end - start);
}

void tlsi_tcpgap_seen(packet_info *pinfo, tlsi_dir_state *ds, guint32 seq)
{
    gint32 d;

    if (!ds->seq_known || seq == ds->next_seq)
        return;
    d = (gint32)(seq - ds->next_seq);
    if (d > 0 && !ds->gap_frame) {
        ds->gap_frame = pinfo->num;
        ds->gap_start = ds->next_seq;
        ds->gap_end = seq;
    } else if (d < 0 && ds->gap_frame && !ds->ooo_frame &&
               seq_within(seq, ds->gap_start, ds->gap_end)) {
        ds->ooo_frame = pinfo->num;
    }
}

/* Every TCP segment, after its frame is dissected: one that fills (part of)
 * a gap tlsi saw in a tlsi stream's direction came out of order. */
static tap_packet_status tcp_tap_cb(void *tapdata _U_, packet_info *pinfo, epan_dissect_t *edt _U_,
                                    const void *data, tap_flags_t flags _U_)
{
    const tcp_info_t *th = (const tcp_info_t *)data;
    conversation_t *c;
    tlsi_conv *conv;
    tlsi_dir_state *ds;

    if (!th || !th->th_have_seglen || th->th_seglen == 0)
        return TAP_PACKET_DONT_REDRAW;
    c = find_conversation_pinfo(pinfo, 0);
    conv = c ? (tlsi_conv *)conversation_get_proto_data(c, proto_tlsi) : NULL;
    if (!conv || !conv->srv_known)
        return TAP_PACKET_DONT_REDRAW;
    ds =
        &conv->dir[pinfo->srcport == conv->srv_port && addresses_equal(&pinfo->src, &conv->srv_addr)
                       ? TLSI_DIR_SERVER
                       : TLSI_DIR_CLIENT];
    if (ds->gap_frame && !ds->ooo_frame && pinfo->num > ds->gap_frame &&
        seq_within(th->th_seq, ds->gap_start, ds->gap_end))
        ds->ooo_frame = pinfo->num;
    return TAP_PACKET_DONT_REDRAW;
}

void tlsi_tcpgap_register(void)
{
    static int tap_id; /* identifies this listener */
    GString *err = register_tap_listener("tcp", &tap_id, NULL, TL_REQUIRES_NOTHING, NULL,
                                         tcp_tap_cb, NULL, NULL);
    if (err) {
        ws_warning("tlsi: no TCP tap: %s", err->str);
        g_string_free(err, TRUE);
    }
}

/* TCP's own preference, when it can be read: TRUE if segments are reordered. */
static gboolean tcp_reorders(void)
{
    module_t *tcp = prefs_find_module("tcp");
    pref_t *p = tcp ? prefs_find_preference(tcp, "reassemble_out_of_order") : NULL;

    return p && prefs_get_bool_value(p, pref_current);
}

const char *tlsi_tcpgap_why(wmem_allocator_t *pool, const tlsi_dir_state *ds, guint32 num, int err)
{
    /* Only failures that misplaced records cause; no key is no key. */
    if (!ds->gap_frame || num < ds->gap_frame || err == TLSI_ERR_NO_KEY ||
        err == TLSI_ERR_UNSUPPORTED)
        return NULL;
    if (ds->ooo_frame && !tcp_reorders())
        return wmem_strdup_printf(
            pool,
            "TCP segments out of order: frame %u carries data that belongs before frame %u "
            "(TCP marks it out-of-order or a retransmission), and TCP passed them on in capture "
            "order, so the records after it were cut apart; set "
            "tcp.reassemble_out_of_order:TRUE (Protocols > TCP > Reassemble out-of-order "
            "segments) to decrypt them",
            ds->ooo_frame, ds->gap_frame);
    return wmem_strdup_printf(pool,
                              "TCP data missing before frame %u (TCP: \"previous segment not "
                              "captured\"): the records after the gap cannot be decrypted in "
                              "order",
                              ds->gap_frame);
}

const char *tlsi_record_why(packet_info *pinfo, const tlsi_record_info *ri)
{
    const char *why = ri->rec.more->decrypt_why;
    const struct tlsi_dir_state_s *gap = tlsi_record_tcp_gap(ri);
    const char *tcp_why, *guess;

    if (!gap)
        return why;
    tcp_why = tlsi_tcpgap_why(pinfo->pool, gap, pinfo->num, ri->rec.decrypt_err);
    if (!tcp_why || !why)
        return tcp_why ? tcp_why : why;
    /* The session's guess at the cause gives way to the cause found. */
    guess = strstr(why, " (wrong key");
    return wmem_strdup_printf(pinfo->pool, "%s. %.*s", tcp_why,
                              guess ? (int)(guess - why) : (int)strlen(why), why);
}
