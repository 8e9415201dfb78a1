/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-reassembly-fields.c - navigation between the records of a handshake
 * message or an application-layer PDU that spans records: the record that
 * completes it lists its pieces (tlsi.handshake.fragments, tlsi.segments),
 * every other record points forward to it (tlsi.handshake.reassembled_in,
 * tlsi.reassembled_in), with the meaning and on the frames of the built-in
 * TLS dissector's tls.* fields of the same names.
 *
 * Handshake messages come with their pieces from the connection engine
 * (src/conn.c). For application data the first pass reports pieces as the
 * hand-off (tlsi-app.c) collects them; what is learnt is kept per record
 * (file scope), so later passes draw it.
 */
#include "packet-tlsi.h"

#include "tlsi-reassembly-fields.h"

static int hf_tlsi_handshake_fragments = -1;
static int hf_tlsi_handshake_fragment_frame = -1;
static int hf_tlsi_handshake_fragment_count = -1;
static int hf_tlsi_handshake_reassembled_in = -1;
static int hf_tlsi_segments = -1;
static int hf_tlsi_segment = -1;
static int hf_tlsi_segment_count = -1;
static int hf_tlsi_segment_data = -1;
static int hf_tlsi_reassembled_in = -1;
static int hf_tlsi_reassembled_length = -1;
static int hf_tlsi_reassembled_data = -1;

static gint ett_tlsi_hs_fragments = -1;
static gint ett_tlsi_segments = -1;

/* One record's share of a message or PDU. */
typedef struct {
    const void *ri; /* the record (tlsi_record_info), identity only */
    guint32 frame;
    guint32 len;
} tlsi_piece;

/* What a message or PDU is made of (file scope). */
typedef struct {
    GArray *pieces; /* tlsi_piece, in stream order (freed with the file) */
    guint32 total;
} tlsi_pieces;

/* Keys: a direction's pending pieces (by its tlsi_dir_state), a completing
 * record (tlsi_record_info) -> tlsi_pieces; a record -> the frame that
 * completes what it began. Handshake messages carry their pieces and links
 * from the connection engine (src/conn.h). */
static wmem_map_t *pending_app, *done_app, *fwd_app;
/* A record -> its bytes in a PDU of several records (tlsi.segment.data, as
 * the built-in's): the first `len` bytes of the record that completes the
 * PDU (head), else the last `len` bytes, left for a later record. */
typedef struct {
    gboolean head;
    guint32 len;
} tlsi_seg_part;
static wmem_map_t *seg_app;

static void mark_part(const void *ri, gboolean head, guint32 len)
{
    tlsi_seg_part *s;

    if (!len || wmem_map_contains(seg_app, ri))
        return;
    s = wmem_new(wmem_file_scope(), tlsi_seg_part);
    s->head = head;
    s->len = len;
    wmem_map_insert(seg_app, ri, s);
}
static GPtrArray *all_arrays; /* every GArray made, freed at cleanup */

static tlsi_pieces *pieces_new(void)
{
    tlsi_pieces *p = wmem_new0(wmem_file_scope(), tlsi_pieces);

    p->pieces = g_array_new(FALSE, FALSE, sizeof(tlsi_piece));
    if (!all_arrays)
        all_arrays = g_ptr_array_new();
    g_ptr_array_add(all_arrays, p->pieces);
    return p;
}

static void pieces_add(tlsi_pieces *p, const void *ri, guint32 frame, guint32 n)
{
    tlsi_piece *last;

    if (n == 0)
        return;
    p->total += n;
    last = p->pieces->len ? &g_array_index(p->pieces, tlsi_piece, p->pieces->len - 1) : NULL;
    if (last && last->ri == ri) { /* one record adds in several steps: one piece */
        last->len += n;
        return;
    }
    {
        tlsi_piece pc = {ri, frame, n};
        g_array_append_val(p->pieces, pc);
    }
}

static tlsi_pieces *pending(wmem_map_t *map, const void *dirkey)
{
    tlsi_pieces *p = (tlsi_pieces *)wmem_map_lookup(map, dirkey);

    if (!p) {
        p = pieces_new();
        wmem_map_insert(map, dirkey, p);
    }
    return p;
}

/* ---------------------------------------------------------------------- */
/* Application data (first pass)                                           */

void tlsi_rf_app_piece(const void *dirkey, const void *ri, guint32 frame, guint32 n)
{
    pieces_add(pending(pending_app, dirkey), ri, frame, n);
}

/* Record `done` as the PDU completed in record ri of frame. */
static void app_done(tlsi_pieces *done, const void *ri, guint32 frame)
{
    guint i;

    wmem_map_insert(done_app, ri, done);
    mark_part(ri, TRUE, g_array_index(done->pieces, tlsi_piece, done->pieces->len - 1).len);
    /* Records before the completing one point to it (the built-in leaves
     * out a pointer to the record's own frame). */
    for (i = 0; i + 1 < done->pieces->len; i++) {
        tlsi_piece *pc = &g_array_index(done->pieces, tlsi_piece, i);
        if (pc->frame != frame)
            wmem_map_insert(fwd_app, pc->ri, GUINT_TO_POINTER(frame));
    }
}

/* After a hand-off in record ri: the bytes of ri that wait in p (NULL:
 * none), when p ends with them. */
static void mark_waiting(const tlsi_pieces *p, const void *ri)
{
    const tlsi_piece *last;

    if (!p || !p->pieces->len)
        return;
    last = &g_array_index(p->pieces, tlsi_piece, p->pieces->len - 1);
    if (last->ri == ri)
        mark_part(ri, FALSE, last->len);
}

void tlsi_rf_app_consumed(const void *dirkey, const void *ri, guint32 frame, guint32 consumed)
{
    tlsi_pieces *p = pending(pending_app, dirkey);
    tlsi_pieces *done, *rest;
    guint32 left = consumed;
    guint i;

    mark_waiting(consumed == 0 ? p : NULL, ri);
    if (consumed == 0)
        return; /* everything waits */
    if (consumed >= p->total) {
        /* All taken: the common case, without copying pieces. */
        if (p->pieces->len < 2) {
            g_array_set_size(p->pieces, 0); /* one record's bytes only: not reassembled */
            p->total = 0;
        } else {
            wmem_map_insert(pending_app, dirkey, pieces_new());
            app_done(p, ri, frame);
        }
        return;
    }
    /* The first `consumed` bytes were dissected; the rest waits. */
    done = pieces_new();
    rest = pieces_new();
    for (i = 0; i < p->pieces->len; i++) {
        tlsi_piece pc = g_array_index(p->pieces, tlsi_piece, i);
        guint32 take = MIN(pc.len, left);
        pieces_add(done, pc.ri, pc.frame, take);
        left -= take;
        pieces_add(rest, pc.ri, pc.frame, pc.len - take);
    }
    wmem_map_insert(pending_app, dirkey, rest);
    mark_waiting(rest, ri);
    if (done->pieces->len >= 2)
        app_done(done, ri, frame);
}

void tlsi_rf_app_reset(const void *dirkey)
{
    wmem_map_remove(pending_app, dirkey);
}

/* ---------------------------------------------------------------------- */
/* Drawing                                                                 */

/* One piece of a list drawn by draw_pieces. */
typedef void (*piece_at)(const void *list, guint i, guint32 *frame, guint32 *len);

static void app_piece_at(const void *list, guint i, guint32 *frame, guint32 *len)
{
    const tlsi_piece *pc = &g_array_index(((const tlsi_pieces *)list)->pieces, tlsi_piece, i);

    *frame = pc->frame;
    *len = pc->len;
}

static void hs_piece_at(const void *list, guint i, guint32 *frame, guint32 *len)
{
    const tlsi_conn_piece *pc = &((const tlsi_conn_msg *)list)->pieces[i];

    *frame = pc->frame;
    *len = pc->len;
}

static proto_tree *draw_pieces(tvbuff_t *tvb, proto_tree *tree, const void *list, piece_at at,
                               guint n, guint32 total, int hf_tree, gint ett, int hf_frame,
                               int hf_count, const char *what)
{
    proto_item *ti;
    proto_tree *st;
    guint32 frame, len;
    guint i;

    ti = proto_tree_add_item(tree, hf_tree, tvb, 0, 0, ENC_NA);
    proto_item_set_text(ti, "[%u %s (%u bytes):", n, what, total);
    for (i = 0; i < n; i++) {
        at(list, i, &frame, &len);
        proto_item_append_text(ti, " #%u(%u)", frame, len);
    }
    proto_item_append_text(ti, "]");
    proto_item_set_generated(ti);
    st = proto_item_add_subtree(ti, ett);
    for (i = 0; i < n; i++) {
        at(list, i, &frame, &len);
        proto_item_set_generated(proto_tree_add_uint_format_value(
            st, hf_frame, tvb, 0, 0, frame, "%u (%u bytes)", frame, len));
    }
    proto_item_set_generated(proto_tree_add_uint(st, hf_count, tvb, 0, 0, n));
    return st;
}

void tlsi_rf_hs_draw_msg(tvbuff_t *tvb, proto_tree *tree, const tlsi_conn_msg *msg)
{
    if (msg->n_pieces >= 2)
        (void)draw_pieces(tvb, tree, msg, hs_piece_at, msg->n_pieces, msg->len,
                          hf_tlsi_handshake_fragments, ett_tlsi_hs_fragments,
                          hf_tlsi_handshake_fragment_frame, hf_tlsi_handshake_fragment_count,
                          "Reassembled Handshake Fragments");
}

void tlsi_rf_hs_draw_partial(tvbuff_t *tvb, proto_tree *tree, const tlsi_conn_rec *rec)
{
    if (rec->more->hs_completed_in)
        proto_item_set_generated(proto_tree_add_uint(tree, hf_tlsi_handshake_reassembled_in, tvb,
                                                     0, 0, rec->more->hs_completed_in));
}

void tlsi_rf_app_draw_fwd(tvbuff_t *tvb, proto_tree *tree, const void *ri)
{
    gpointer f = wmem_map_lookup(fwd_app, ri);
    const tlsi_seg_part *s = (const tlsi_seg_part *)wmem_map_lookup(seg_app, ri);
    guint32 len = tvb_reported_length(tvb);

    if (f)
        proto_item_set_generated(proto_tree_add_uint(tree, hf_tlsi_reassembled_in, tvb, 0, 0,
                                                     GPOINTER_TO_UINT(f)));
    if (s && s->len <= len)
        proto_tree_add_item(tree, hf_tlsi_segment_data, tvb, s->head ? 0 : (gint)(len - s->len),
                            (gint)s->len, ENC_NA);
}

static void draw_segments(tvbuff_t *tvb, proto_tree *top, const tlsi_pieces *p,
                          const guint8 *unit)
{
    proto_tree *st;

    if (!p)
        return;
    /* At the top level of the tree, before the protocol inside, as the
     * built-in draws tls.segments; length and data inside it. */
    st = draw_pieces(tvb, top, p, app_piece_at, p->pieces->len, p->total, hf_tlsi_segments,
                     ett_tlsi_segments, hf_tlsi_segment, hf_tlsi_segment_count,
                     "Reassembled TLS segments");
    proto_item_set_generated(
        proto_tree_add_uint(st, hf_tlsi_reassembled_length, tvb, 0, 0, p->total));
    if (unit) {
        tvbuff_t *rtvb = tvb_new_child_real_data(tvb, unit, p->total, p->total);
        proto_item_set_generated(
            proto_tree_add_item(st, hf_tlsi_reassembled_data, rtvb, 0, -1, ENC_NA));
    }
}

void tlsi_rf_app_draw_segments(tvbuff_t *tvb, proto_tree *top, const void *ri,
                               const guint8 *unit)
{
    draw_segments(tvb, top, (const tlsi_pieces *)wmem_map_lookup(done_app, ri), unit);
}

void tlsi_rf_app_draw_expected(tvbuff_t *tvb, proto_tree *top, const void *dirkey,
                               const guint8 *unit)
{
    const tlsi_pieces *p = (const tlsi_pieces *)wmem_map_lookup(pending_app, dirkey);

    if (p && p->pieces->len >= 2)
        draw_segments(tvb, top, p, unit);
}

/* ---------------------------------------------------------------------- */
/* Registration                                                            */

static void tlsi_rf_cleanup(void)
{
    guint i;

    if (!all_arrays)
        return;
    for (i = 0; i < all_arrays->len; i++)
        g_array_free((GArray *)g_ptr_array_index(all_arrays, i), TRUE);
    g_ptr_array_free(all_arrays, TRUE);
    all_arrays = NULL;
}

void tlsi_rf_register(int proto)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_handshake_fragments,
         {"Reassembled Handshake Fragments", "tlsi.handshake.fragments", FT_NONE, BASE_NONE,
          NULL, 0x0, "The records a handshake message spanning records came in", HFILL}},
        {&hf_tlsi_handshake_fragment_frame,
         {"Handshake Fragment in frame", "tlsi.handshake.fragment.frame", FT_FRAMENUM,
          BASE_NONE, NULL, 0x0,
          "Frame of one record holding part of the message (tls.handshake.fragment)", HFILL}},
        {&hf_tlsi_handshake_fragment_count,
         {"Handshake Fragment count", "tlsi.handshake.fragment.count", FT_UINT32, BASE_DEC,
          NULL, 0x0, "Number of records the message spans", HFILL}},
        {&hf_tlsi_handshake_reassembled_in,
         {"Reassembled Handshake Message in frame", "tlsi.handshake.reassembled_in",
          FT_FRAMENUM, BASE_NONE, NULL, 0x0,
          "Frame of the record that completes the handshake message begun here", HFILL}},
        {&hf_tlsi_segments,
         {"Reassembled TLS segments", "tlsi.segments", FT_NONE, BASE_NONE, NULL, 0x0,
          "The records an application-layer PDU spanning records came in", HFILL}},
        {&hf_tlsi_segment,
         {"TLS segment", "tlsi.segment", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
          "Frame of one record holding part of the PDU", HFILL}},
        {&hf_tlsi_segment_data,
         {"TLS segment data", "tlsi.segment.data", FT_BYTES, BASE_NONE, NULL, 0x0,
          "A record's plaintext bytes in a PDU that spans records", HFILL}},
        {&hf_tlsi_segment_count,
         {"Segment count", "tlsi.segment.count", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Number of records the PDU spans", HFILL}},
        {&hf_tlsi_reassembled_in,
         {"Reassembled PDU in frame", "tlsi.reassembled_in", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
          "Frame of the record that completes the PDU this record's data begins or continues",
          HFILL}},
        {&hf_tlsi_reassembled_length,
         {"Reassembled PDU length", "tlsi.reassembled.length", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Bytes of the PDU reassembled across records", HFILL}},
        {&hf_tlsi_reassembled_data,
         {"Reassembled PDU data", "tlsi.reassembled.data", FT_BYTES, BASE_NONE, NULL, 0x0,
          "The PDU reassembled across records", HFILL}},
    };
    static gint *ett[] = {&ett_tlsi_hs_fragments, &ett_tlsi_segments};

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    pending_app = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash,
                                         g_direct_equal);
    done_app = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash,
                                      g_direct_equal);
    fwd_app = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash,
                                     g_direct_equal);
    seg_app = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash,
                                     g_direct_equal);
    register_cleanup_routine(tlsi_rf_cleanup);
}
