/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conn_internal.h - the connection engine's state, shared by conn.c (records,
 * reassembly, decryption) and conn_track.c (hellos, flow, resumption).
 */
#ifndef TLSI_CONN_INTERNAL_H
#define TLSI_CONN_INTERNAL_H

#include "arena.h"
#include "conn.h"
#include "extensions.h"
#include "hs_flow.h"

/* A record's share of the message being reassembled. */
typedef struct {
    tlsi_conn_rec_more *rec; /* of the record that gave it */
    uint32_t frame, len;
} pending_piece;

/* Handshake reassembly of one direction. */
typedef struct {
    uint8_t *buf; /* bytes of the message being completed (malloc) */
    uint32_t len, cap;
    uint32_t first_frame;
    int broken;   /* a message over the cap: drop handshake bytes from now on */
    pending_piece *pieces;
    uint32_t n_pieces, cap_pieces;
} hs_dir;

/* What the latest ClientHello offered, for resumption and downgrade. */
typedef struct {
    const uint8_t *body; /* arena copy; NULL when there is none or it was malformed */
    tlsi_span session_id;
    tlsi_span ticket;    /* session_ticket extension data, len 0 if none */
    int has_psk;
    tlsi_list psk_identities;
    uint16_t max_version; /* highest offered (TLS 1.3 drafts count as 1.3) */
} hello_offer;

struct tlsi_conn {
    tlsi_conn_cache *cc;
    struct tlsi_conn *next;
    tlsi_session *session;
    tlsi_sigv *sigv;
    hs_dir dir[2];
    tlsi_conn_params params;
    tlsi_flow flow;
    int flow_started;
    /* Per side: an encrypted-record event last left the flow exactly as it
     * was, and nothing has changed it since; the next one would too. */
    uint8_t enc_idle[2];
    /* The last failed record's `more` (only decrypt_why set), for the next
     * failure with the same reason to share. */
    const tlsi_conn_rec_more *last_fail;
    hello_offer offer;
    tlsi_conn_msg *sh_msg; /* ServerHello of the current handshake */
    uint32_t sh_frame;
    uint32_t origin_frame; /* ServerHello frame of the full handshake its session comes from */
    tlsi_conn_msg *msgs_head, **msgs_tail; /* every complete message, in order */
    tlsi_conn_msg *sig_next;               /* the first one the verifier has not seen */
};

struct tlsi_conn_cache {
    tlsi_arena *arena;
    tlsi_session_cache *resume;
    tlsi_conn *conns;
    int keep_unverified;
    uint8_t *scratch; /* decryption output, reused for every record */
    size_t scratch_cap;
};

/* conn_track.c: a complete message (after the session saw it), an SSLv2
 * ClientHello, and the records the flow sees without their messages. */
void tlsi_conn_track_msg(tlsi_conn *c, int dir, uint32_t frame, tlsi_conn_msg *m);
void tlsi_conn_track_sslv2(tlsi_conn *c, const uint8_t *rec, const tlsi_sslv2_client_hello *v2);
void tlsi_conn_track_event(tlsi_conn *c, int dir, int event, tlsi_conn_msg *m);

#endif
