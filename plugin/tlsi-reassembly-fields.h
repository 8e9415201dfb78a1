/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-reassembly-fields.h - forward and backward links between the records
 * of a handshake message or application-layer PDU spanning records
 * (tlsi.handshake.fragments, .reassembled_in; tlsi.segments, tlsi.reassembled_in).
 * dirkey names one direction of one connection (its tlsi_dir_state);
 * ri a record (tlsi_record_info).
 */
#ifndef TLSI_REASSEMBLY_FIELDS_H
#define TLSI_REASSEMBLY_FIELDS_H

#include <epan/packet.h>

#include "conn.h"

void tlsi_rf_register(int proto);

/* First pass, application data: n bytes of record ri joined the plaintext
 * waiting for the sub-dissector; it then took the first `consumed` bytes of
 * what waited, in record ri of frame; what waited was dropped. */
void tlsi_rf_app_piece(const void *dirkey, const void *ri, guint32 frame, guint32 n);
void tlsi_rf_app_consumed(const void *dirkey, const void *ri, guint32 frame, guint32 consumed);
void tlsi_rf_app_reset(const void *dirkey);

/* Drawing (any pass), into a record's tree. unit: the bytes handed to the
 * sub-dissector in record ri (for tlsi.reassembled.data), or NULL. */
void tlsi_rf_hs_draw_msg(tvbuff_t *tvb, proto_tree *tree, const tlsi_conn_msg *msg);
void tlsi_rf_hs_draw_partial(tvbuff_t *tvb, proto_tree *tree, const tlsi_conn_rec *rec);
void tlsi_rf_app_draw_fwd(tvbuff_t *tvb, proto_tree *tree, const void *ri);
/* tlsi.segments at the top level (top: the root of the tree). */
void tlsi_rf_app_draw_segments(tvbuff_t *tvb, proto_tree *top, const void *ri,
                               const guint8 *unit);
/* First pass, before the hand-off that is expected to complete a PDU (the
 * sub-dissector asked for exactly the bytes now there): the pending pieces
 * as tlsi.segments, so the tree has it before the protocol inside. */
void tlsi_rf_app_draw_expected(tvbuff_t *tvb, proto_tree *top, const void *dirkey,
                               const guint8 *unit);

#endif
