/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conn_track.c - what the connection engine learns from the hellos beyond
 * the keys: the order of the handshake (hs_flow.h), what was negotiated and
 * when (each message keeps the version and suite it was sent under), the
 * downgrade case, the chosen ALPN protocol, and which earlier full
 * handshake a resumed session comes from (resume_cache.h, shared by the
 * capture's connections).
 */
#include "conn_internal.h"

#include <string.h>

#include "algorithms.h"
#include "handshake.h"

/* A hard error: the structure could not be read to its end. A duplicate
 * extension is soft (the parse completed). */
static int hard_error(tlsi_err e)
{
    return e != TLSI_OK && e != TLSI_ERR_DUPLICATE;
}

/* Versions in the order of their age: TLS 1.3 drafts count as TLS 1.3,
 * values that are no SSL/TLS version (GREASE, DTLS) as 0. */
static uint16_t version_rank(uint16_t v)
{
    if (tlsi_version_is_tls13(v))
        return TLSI_TLS13;
    return v >= TLSI_SSL3 && v <= TLSI_TLS13 ? v : 0;
}

/* ---------------------------------------------------------------------- */
/* Resumption                                                             */

/* Which earlier full handshake the current (resumed) one continues: the PSK
 * identity the TLS 1.3 server selected, else the ticket the client offered,
 * else the session id it offered (RFC 5077 3.4, RFC 5246 7.4.1.2). */
static uint32_t resume_origin(const tlsi_conn *c, int tls13, uint16_t selected_identity)
{
    const hello_offer *o = &c->offer;
    const tlsi_session_cache *rc = c->cc->resume;
    uint32_t f = 0;

    if (!o->body)
        return 0;
    if (tls13) {
        tlsi_list_iter it;
        tlsi_psk_identity id;
        uint16_t i = 0;
        if (!o->has_psk)
            return 0;
        tlsi_list_iter_init(&it, o->body, &o->psk_identities);
        while (tlsi_list_psk_identity_next(&it, &id)) {
            if (i++ == selected_identity)
                return tlsi_resume_get_origin(rc, TLSI_RESUME_TICKET, o->body + id.identity.off,
                                              id.identity.len);
        }
        return 0;
    }
    if (o->ticket.len)
        f = tlsi_resume_get_origin(rc, TLSI_RESUME_TICKET, o->body + o->ticket.off,
                                   o->ticket.len);
    if (!f)
        f = tlsi_resume_get_origin(rc, TLSI_RESUME_SESSION_ID, o->body + o->session_id.off,
                                   o->session_id.len);
    return f;
}

static void mark_resumed(tlsi_conn *c, tlsi_conn_msg *sh, int tls13, uint16_t sel)
{
    sh->flags |= TLSI_MSG_RESUMED;
    if (!sh->resumed_from)
        sh->resumed_from = resume_origin(c, tls13, sel);
    c->origin_frame = sh->resumed_from ? sh->resumed_from : c->sh_frame;
}

/* ---------------------------------------------------------------------- */
/* Flow                                                                   */

void tlsi_conn_track_event(tlsi_conn *c, int dir, int event, tlsi_conn_msg *m)
{
    tlsi_flow_result res;
    tlsi_flow before;

    if (!c->flow_started) {
        /* A capture that starts mid-connection is judged from its next ClientHello. */
        if (event == TLSI_HS_CLIENT_HELLO && dir == TLSI_CONN_CLIENT)
            tlsi_flow_init(&c->flow);
        else
            tlsi_flow_init_midstream(&c->flow);
        c->flow_started = 1;
    }
    /* A stream that cannot be decrypted sends one event per record; in the
     * opaque states they change nothing, so after one that changed nothing
     * the rest are not run through the machine (its table scan and the
     * "expected" text cost ~1 K instructions a record). */
    if (event == TLSI_FLOW_ENCRYPTED && !m && c->enc_idle[dir ? 1 : 0])
        return;
    before = c->flow;
    c->enc_idle[0] = c->enc_idle[1] = 0;
    memset(&res, 0, sizeof res);
    if (tlsi_flow_event(&c->flow, dir, event, &res) == TLSI_FLOW_UNEXPECTED && m) {
        m->flags |= TLSI_MSG_FLOW_UNEXPECTED;
        m->flow_expected = tlsi_arena_strdup(c->cc->arena, res.expected);
    }
    /* The machine infers an abbreviated handshake from the server's next
     * message when the ServerHello did not show it. */
    if (res.resumed && c->sh_msg && !(c->sh_msg->flags & TLSI_MSG_RESUMED))
        mark_resumed(c, c->sh_msg, 0, 0);
    if (event == TLSI_FLOW_ENCRYPTED && !m && !res.resumed && !res.renegotiation &&
        !res.handshake_complete && memcmp(&before, &c->flow, sizeof before) == 0)
        c->enc_idle[dir ? 1 : 0] = 1;
}

/* ---------------------------------------------------------------------- */
/* Hellos                                                                 */

/* The first protocol of an ALPN extension (RFC 7301 3.1) in a block. */
static void note_alpn(tlsi_conn *c, const uint8_t *body, tlsi_span block)
{
    tlsi_ext e;
    tlsi_ext_value v;
    uint32_t err_off;

    if (!tlsi_ext_find(body, block, TLSI_EXT_ALPN, &e) ||
        tlsi_ext_parse(body, &e, TLSI_EXT_CTX_SERVER_HELLO, &v, &err_off) != TLSI_OK ||
        !v.parsed || !v.u.alpn.first.len)
        return;
    c->params.alpn = tlsi_arena_strndup(c->cc->arena, (const char *)body + v.u.alpn.first.off,
                                        v.u.alpn.first.len);
}

static void offer_extensions(hello_offer *o, const uint8_t *body, tlsi_span block)
{
    tlsi_ext e;
    tlsi_ext_value v;
    uint32_t err_off;

    /* RFC 8446 4.2.1: supported_versions replaces legacy_version. */
    if (tlsi_ext_find(body, block, TLSI_EXT_SUPPORTED_VERSIONS, &e) &&
        !hard_error(tlsi_ext_parse(body, &e, TLSI_EXT_CTX_CLIENT_HELLO, &v, &err_off))) {
        tlsi_list_iter it;
        uint16_t ver, rank;
        o->max_version = 0;
        tlsi_list_iter_init(&it, body, &v.u.supported_versions.versions);
        while (tlsi_list_u16_next(&it, &ver))
            if ((rank = version_rank(ver)) > o->max_version)
                o->max_version = rank;
    }
    if (tlsi_ext_find(body, block, TLSI_EXT_SESSION_TICKET, &e))
        o->ticket = e.data;
    if (tlsi_ext_find(body, block, TLSI_EXT_PRE_SHARED_KEY, &e) &&
        !hard_error(tlsi_ext_parse(body, &e, TLSI_EXT_CTX_CLIENT_HELLO, &v, &err_off))) {
        o->has_psk = 1;
        o->psk_identities = v.u.pre_shared_key.identities;
    }
}

/* body is the message's arena copy, kept as long as the capture. */
static void seen_client_hello(tlsi_conn *c, const uint8_t *body, uint32_t blen)
{
    hello_offer *o = &c->offer;
    tlsi_client_hello ch;
    uint32_t err_off;

    memset(o, 0, sizeof *o);
    if (hard_error(tlsi_client_hello_parse(body, blen, &ch, &err_off)))
        return;
    o->body = body;
    o->session_id = ch.session_id;
    o->max_version = version_rank(ch.legacy_version);
    if (ch.has_extensions)
        offer_extensions(o, body, ch.extensions);
}

/* Did the server accept resumption? Sets *sel to the TLS 1.3 PSK chosen. */
static int server_resumes(tlsi_conn *c, const uint8_t *body, const tlsi_server_hello *sh,
                          int tls13, uint16_t *sel)
{
    const hello_offer *o = &c->offer;
    tlsi_ext e;
    tlsi_ext_value v;
    uint32_t err_off;

    if (tls13) {
        /* RFC 8446 4.2.11: the server selects one of the offered PSKs. */
        if (!sh->has_extensions ||
            !tlsi_ext_find(body, sh->extensions, TLSI_EXT_PRE_SHARED_KEY, &e) ||
            tlsi_ext_parse(body, &e, TLSI_EXT_CTX_SERVER_HELLO, &v, &err_off) != TLSI_OK)
            return 0;
        *sel = v.u.pre_shared_key.selected_identity;
        tlsi_flow_set_psk(&c->flow, 1);
        return 1;
    }
    /* RFC 5246 7.4.1.3: echoing the client's session id accepts resumption. */
    return o->body && sh->session_id.len && sh->session_id.len == o->session_id.len &&
           memcmp(body + sh->session_id.off, o->body + o->session_id.off, sh->session_id.len) == 0;
}

static void seen_server_hello(tlsi_conn *c, uint32_t frame, tlsi_conn_msg *m, int *event)
{
    const uint8_t *body = m->data + 4;
    tlsi_server_hello sh;
    uint32_t err_off;
    uint16_t neg, sel = 0;
    int tls13, resumed;

    if (hard_error(tlsi_server_hello_parse(body, m->len - 4, &sh, &err_off)))
        return;
    neg = tlsi_negotiated_version(&sh);
    tls13 = tlsi_version_is_tls13(neg);
    c->params.version = neg;
    if (sh.is_hrr) {
        m->flags |= TLSI_MSG_HRR;
        *event = TLSI_HS_HELLO_RETRY_REQUEST;
        return;
    }
    c->params.suite = sh.cipher_suite;
    c->params.suite_known = 1;
    if (c->offer.max_version > version_rank(neg))
        m->flags |= TLSI_MSG_OFFERED_HIGHER;
    c->sh_msg = m;
    c->sh_frame = c->origin_frame = frame;
    resumed = (m->flags & TLSI_MSG_RESUMED) || server_resumes(c, body, &sh, tls13, &sel);
    if (resumed)
        mark_resumed(c, m, tls13, sel);
    else if (!tls13) /* a full handshake: a later ClientHello may resume it by this id */
        tlsi_resume_put_origin(c->cc->resume, TLSI_RESUME_SESSION_ID, body + sh.session_id.off,
                               sh.session_id.len, frame);
    tlsi_flow_set_version(&c->flow, neg);
    c->enc_idle[0] = c->enc_idle[1] = 0;
    if (resumed && !tls13)
        tlsi_flow_set_resumed(&c->flow, 1);
    if (sh.has_extensions)
        note_alpn(c, body, sh.extensions);
}

static void seen_new_session_ticket(tlsi_conn *c, const uint8_t *body, uint32_t blen)
{
    tlsi_hs_ctx ctx = {c->params.version, TLSI_KEX_NULL, 1};
    tlsi_new_session_ticket nst;
    uint32_t err_off;

    if (hard_error(tlsi_new_session_ticket_parse(body, blen, &ctx, &nst, &err_off)))
        return;
    /* The ticket belongs to the session of this connection, which comes from
     * origin_frame's full handshake (RFC 5077 3.3, RFC 8446 4.6.1). */
    tlsi_resume_put_origin(c->cc->resume, TLSI_RESUME_TICKET, body + nst.ticket.off,
                           nst.ticket.len, c->origin_frame);
}

void tlsi_conn_track_msg(tlsi_conn *c, int dir, uint32_t frame, tlsi_conn_msg *m)
{
    const uint8_t *body = m->data + 4;
    uint32_t blen = m->len - 4, err_off;
    int event = m->data[0];
    tlsi_encrypted_extensions ee;

    switch (m->data[0]) {
    case TLSI_HS_CLIENT_HELLO:
        if (dir == TLSI_CONN_CLIENT)
            seen_client_hello(c, body, blen);
        break;
    case TLSI_HS_SERVER_HELLO:
        seen_server_hello(c, frame, m, &event);
        break;
    case TLSI_HS_NEW_SESSION_TICKET:
        seen_new_session_ticket(c, body, blen);
        break;
    case TLSI_HS_ENCRYPTED_EXTENSIONS:
        if (!hard_error(tlsi_encrypted_extensions_parse(body, blen, &ee, &err_off)))
            note_alpn(c, body, ee.extensions);
        break;
    default:
        break;
    }
    m->version = c->params.version;
    m->suite = c->params.suite;
    if (c->params.suite_known)
        m->flags |= TLSI_MSG_SUITE_KNOWN;
    tlsi_conn_track_event(c, dir, event, m);
}

void tlsi_conn_track_sslv2(tlsi_conn *c, const uint8_t *rec, const tlsi_sslv2_client_hello *v2)
{
    hello_offer *o = &c->offer;

    /* Like a ClientHello without extensions; its spans are from the record start. */
    memset(o, 0, sizeof *o);
    o->body = tlsi_arena_dup_bytes(c->cc->arena, rec, 2 + v2->record_len);
    o->session_id = v2->session_id;
    o->max_version = version_rank(v2->version);
    tlsi_conn_track_event(c, TLSI_CONN_CLIENT, TLSI_HS_CLIENT_HELLO, NULL);
}
