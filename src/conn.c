/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conn.c - the connection engine's record path (conn.h): decrypt a
 * protected record, reassemble handshake messages across records per
 * direction, hand each complete message to the session, the signature
 * checks and the hello tracking (conn_track.c), and keep every result in
 * the capture's arena.
 */
#include "conn_internal.h"

#include <stdlib.h>
#include <string.h>

#include "algorithms.h"
#include "handshake.h"
#include "reader.h"
#include "record.h"

/* Decryption output: a record's plaintext is at most its ciphertext and at
 * most 2^14 (+ 1024 for SSL 3.0 / TLS 1.2 compression), the engine's
 * contract with tlsi_session_decrypt is max(in_len, 2^14). */
#define SCRATCH_MIN ((size_t)TLSI_MAX_PLAINTEXT + 2048u)

const tlsi_conn_rec_more tlsi_conn_rec_none;
/* When even the reason could not be stored (the arena is at its cap). */
static const tlsi_conn_rec_more rec_nomem = {.decrypt_why = "out of memory or over a size cap"};

tlsi_conn_cache *tlsi_conn_cache_new(void)
{
    tlsi_conn_cache *cc = calloc(1, sizeof *cc);

    if (!cc)
        return NULL;
    cc->arena = tlsi_arena_new();
    cc->resume = tlsi_session_cache_new();
    if (!cc->arena || !cc->resume) {
        tlsi_conn_cache_free(cc);
        return NULL;
    }
    return cc;
}

static void conn_free(tlsi_conn *c)
{
    int d;

    tlsi_session_free(c->session);
    tlsi_sigv_free(c->sigv);
    for (d = 0; d < 2; d++) {
        free(c->dir[d].buf);
        free(c->dir[d].pieces);
    }
    free(c);
}

void tlsi_conn_cache_free(tlsi_conn_cache *cc)
{
    if (!cc)
        return;
    while (cc->conns) {
        tlsi_conn *n = cc->conns->next;
        conn_free(cc->conns);
        cc->conns = n;
    }
    tlsi_session_cache_free(cc->resume);
    tlsi_arena_free(cc->arena);
    free(cc->scratch);
    free(cc);
}

void tlsi_conn_cache_foreach(const tlsi_conn_cache *cc, void (*fn)(const tlsi_conn *, void *),
                             void *user)
{
    const tlsi_conn *c;

    for (c = cc ? cc->conns : NULL; c; c = c->next)
        fn(c, user);
}

void tlsi_conn_cache_keep_unverified(tlsi_conn_cache *cc, int keep)
{
    if (cc)
        cc->keep_unverified = keep;
}

size_t tlsi_conn_cache_bytes(const tlsi_conn_cache *cc)
{
    return cc ? tlsi_arena_used(cc->arena) : 0;
}

tlsi_conn *tlsi_conn_new(tlsi_conn_cache *cc)
{
    tlsi_conn *c;

    if (!cc)
        return NULL;
    c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->session = tlsi_session_new();
    if (!c->session) {
        free(c);
        return NULL;
    }
    c->cc = cc;
    c->next = cc->conns;
    cc->conns = c;
    return c;
}

const tlsi_conn_params *tlsi_conn_get_params(const tlsi_conn *c)
{
    return &c->params;
}

const tlsi_session *tlsi_conn_session(const tlsi_conn *c)
{
    return c->session;
}

/* Feed the verifier the messages it has not seen, up to and including
 * upto (all when NULL). */
static void sig_feed(tlsi_conn *c, const tlsi_conn_msg *upto)
{
    tlsi_sigv_result res;

    while (c->sig_next) {
        tlsi_conn_msg *m = c->sig_next;
        if (!c->sigv && !(c->sigv = tlsi_sigv_new()))
            return;
        tlsi_sigv_handshake(c->sigv, m->dir, m->data, m->len, &res);
        if (res.sig != TLSI_SIG_NONE || res.n_certs)
            m->sig = tlsi_arena_dup(c->cc->arena, &res, sizeof res);
        m->flags |= TLSI_MSG_SIG_DONE;
        c->sig_next = m->conn_next;
        if (m == upto)
            return;
    }
}

const tlsi_sigv_result *tlsi_conn_msg_sig(tlsi_conn *c, const tlsi_conn_msg *m)
{
    if (!(m->flags & TLSI_MSG_SIG_DONE))
        sig_feed(c, m);
    return m->sig;
}

const tlsi_sigv_summary *tlsi_conn_sig_summary(tlsi_conn *c)
{
    sig_feed(c, NULL);
    return c->sigv ? tlsi_sigv_get_summary(c->sigv) : NULL;
}

/* The key material with the capture's resumption cache. */
static tlsi_key_material with_cache(const tlsi_conn *c, const tlsi_key_material *km)
{
    tlsi_key_material k;

    if (km)
        k = *km;
    else
        memset(&k, 0, sizeof k);
    k.cache = c->cc->resume;
    return k;
}

/* A record's result before it is kept (rec_commit). */
static void rec_init(tlsi_conn *c, int dir, uint32_t frame, tlsi_conn_rec *r)
{
    const tlsi_session_info *in = tlsi_session_get_info(c->session);

    memset(r, 0, sizeof *r);
    if (!c->params.first_frame)
        c->params.first_frame = frame;
    r->dir = (uint8_t)dir;
    r->more = &tlsi_conn_rec_none;
    r->version = in->version;
    r->cipher_suite = in->cipher_suite;
}

/* A record's own `more`, made on first use: a shared or the all-zero one is
 * copied, never written. NULL when out of memory. */
static tlsi_conn_rec_more *rec_more(tlsi_conn *c, tlsi_conn_rec *r)
{
    tlsi_conn_rec_more *x;

    if (r->flags & TLSI_REC_OWN_MORE)
        return (tlsi_conn_rec_more *)r->more; /* allocated below, so writable */
    x = tlsi_arena_alloc(c->cc->arena, sizeof *x);
    if (!x)
        return NULL;
    *x = *r->more;
    r->more = x;
    r->flags |= TLSI_REC_OWN_MORE;
    return x;
}

/* ---------------------------------------------------------------------- */
/* Handshake messages                                                     */

/* A complete message: the session learns from it first (keys may change at
 * it), then the hello tracking; the signature checks come on demand. */
static void msg_complete(tlsi_conn *c, const tlsi_key_material *km, int dir, uint32_t frame,
                         tlsi_conn_msg *m)
{
    tlsi_hs_effect eff;

    tlsi_session_handshake(c->session, km, dir, m->data, m->len, &eff);
    m->finished = (uint8_t)eff.finished;
    m->dir = (uint8_t)dir;
    if (eff.resumed)
        m->flags |= TLSI_MSG_RESUMED;
    if (!c->msgs_tail)
        c->msgs_tail = &c->msgs_head;
    *c->msgs_tail = m;
    c->msgs_tail = &m->conn_next;
    if (!c->sig_next)
        c->sig_next = m;
    tlsi_conn_track_msg(c, dir, frame, m);
}

static int hs_append(hs_dir *h, tlsi_conn_rec_more *r, uint32_t frame, const uint8_t *p, uint32_t n)
{
    if (h->len + n > h->cap) {
        uint32_t cap = h->cap * 2 > h->len + n ? h->cap * 2 : h->len + n;
        uint8_t *nb = realloc(h->buf, cap < 1024 ? 1024 : cap);
        if (!nb)
            return 0;
        h->buf = nb;
        h->cap = cap < 1024 ? 1024 : cap;
    }
    memcpy(h->buf + h->len, p, n);
    h->len += n;
    r->hs_partial += n;
    /* One record may add in several steps: one piece. */
    if (h->n_pieces && h->pieces[h->n_pieces - 1].rec == r) {
        h->pieces[h->n_pieces - 1].len += n;
        return 1;
    }
    if (h->n_pieces == h->cap_pieces) {
        uint32_t cap = h->cap_pieces ? h->cap_pieces * 2 : 8;
        pending_piece *np = realloc(h->pieces, cap * sizeof *np);
        if (!np)
            return 0;
        h->pieces = np;
        h->cap_pieces = cap;
    }
    h->pieces[h->n_pieces++] = (pending_piece){r, frame, n};
    return 1;
}

/* The pending message is whole: link its pieces both ways. */
static void hs_pieces_done(tlsi_conn *c, hs_dir *h, tlsi_conn_msg *m, uint32_t frame)
{
    uint32_t i;
    tlsi_conn_piece *out;

    if (h->n_pieces >= 2 &&
        (out = tlsi_arena_alloc(c->cc->arena, h->n_pieces * sizeof *out)) != NULL) {
        for (i = 0; i < h->n_pieces; i++) {
            out[i].frame = h->pieces[i].frame;
            out[i].len = h->pieces[i].len;
            if (i + 1 < h->n_pieces)
                h->pieces[i].rec->hs_completed_in = frame;
        }
        m->pieces = out;
        m->n_pieces = h->n_pieces;
    }
    h->n_pieces = 0;
}

static tlsi_conn_msg *msg_new(tlsi_conn *c, const uint8_t *data, uint32_t len, int32_t start,
                              uint32_t first_frame)
{
    tlsi_conn_msg *m = tlsi_arena_zalloc(c->cc->arena, sizeof *m);

    if (!m)
        return NULL;
    m->data = tlsi_arena_dup_bytes(c->cc->arena, data, len);
    if (!m->data)
        return NULL;
    m->len = len;
    m->start = start;
    m->first_frame = first_frame;
    return m;
}

/* Give up on this direction's handshake bytes (a length over the cap). */
static void hs_break(hs_dir *h, tlsi_conn_rec_more *r, uint32_t dropped)
{
    h->broken = 1;
    r->hs_dropped += dropped;
    h->len = 0;
    h->n_pieces = 0;
}

/* The length of the message whose header starts at p (4 bytes known). */
static uint32_t msg_length(const uint8_t *p)
{
    tlsi_hs_header hh;

    (void)tlsi_hs_header_parse(p, 4, &hh);
    return 4 + hh.length; /* cannot overflow: length < 2^24 */
}

/* Complete the message pending in h with bytes from data[*pos..len).
 * Returns the message when it is whole, else NULL (*pos advanced). */
static tlsi_conn_msg *hs_continue(tlsi_conn *c, hs_dir *h, tlsi_conn_rec_more *r, uint32_t frame,
                                  const uint8_t *data, uint32_t len, uint32_t *pos, int *stop)
{
    uint32_t take, msg_len;
    tlsi_conn_msg *m;

    if (h->len < 4) {
        take = 4 - h->len < len - *pos ? 4 - h->len : len - *pos;
        if (!hs_append(h, r, frame, data + *pos, take))
            return *stop = 1, NULL;
        *pos += take;
        if (h->len < 4)
            return *stop = 1, NULL;
    }
    msg_len = msg_length(h->buf);
    if (msg_len > TLSI_CONN_HS_CAP) {
        hs_break(h, r, len - *pos + h->len);
        return *stop = 1, NULL;
    }
    take = msg_len - h->len < len - *pos ? msg_len - h->len : len - *pos;
    if (!hs_append(h, r, frame, data + *pos, take))
        return *stop = 1, NULL;
    *pos += take;
    if (h->len < msg_len)
        return *stop = 1, NULL;
    r->hs_partial -= h->pieces[h->n_pieces - 1].len; /* the completing share is not partial */
    m = msg_new(c, h->buf, msg_len, -1, h->first_frame);
    if (m)
        hs_pieces_done(c, h, m, frame);
    h->len = 0;
    h->n_pieces = 0;
    return m;
}

/* Feed one record's handshake plaintext; every message it completes is
 * appended to r->msgs and fed on. */
static void hs_feed(tlsi_conn *c, const tlsi_key_material *km, int dir, uint32_t frame,
                    tlsi_conn_rec *rec, const uint8_t *data, uint32_t len)
{
    hs_dir *h = &c->dir[dir];
    tlsi_conn_rec_more *r = rec_more(c, rec);
    tlsi_conn_msg **tail;
    uint32_t pos = 0;
    int stop = 0;

    if (!r)
        return; /* out of memory: the record's messages are lost */
    tail = &r->msgs;
    while (*tail)
        tail = &(*tail)->next;
    if (h->broken) {
        r->hs_dropped += len;
        return;
    }
    while (pos < len && !stop) {
        tlsi_conn_msg *m;
        uint32_t avail = len - pos, msg_len;

        if (h->len) {
            m = hs_continue(c, h, r, frame, data, len, &pos, &stop);
        } else if (avail < 4 || (msg_len = msg_length(data + pos)) > avail) {
            if (avail >= 4 && msg_len > TLSI_CONN_HS_CAP) {
                hs_break(h, r, avail);
                return;
            }
            h->first_frame = frame;
            (void)hs_append(h, r, frame, data + pos, avail);
            return;
        } else {
            /* A whole message inside this record. */
            m = msg_new(c, data + pos, msg_len, (int32_t)pos, frame);
            pos += msg_len;
        }
        if (!m)
            continue;
        *tail = m;
        tail = &m->next;
        msg_complete(c, km, dir, frame, m);
    }
}

/* ---------------------------------------------------------------------- */
/* Records                                                                */

static uint8_t *scratch(tlsi_conn_cache *cc, size_t need)
{
    if (need < SCRATCH_MIN)
        need = SCRATCH_MIN;
    if (cc->scratch_cap < need) {
        uint8_t *p = realloc(cc->scratch, need);
        if (!p)
            return NULL;
        cc->scratch = p;
        cc->scratch_cap = need;
    }
    return cc->scratch;
}

/* Decrypt a protected record into r: 1 when decrypted. *plain is the
 * plaintext to keep (decrypted, or unverified and asked for; in the
 * scratch buffer, r->plain_len bytes), else NULL. */
static int rec_decrypt(tlsi_conn *c, const tlsi_key_material *km, tlsi_conn_rec *r,
                       uint8_t content_type, uint16_t record_version, const uint8_t *frag,
                       size_t len, const uint8_t **plain)
{
    size_t cap = len > TLSI_MAX_PLAINTEXT ? len + 2048 : SCRATCH_MIN;
    uint8_t *out = scratch(c->cc, cap);
    size_t out_len = 0;
    uint8_t inner = content_type;
    const char *why = NULL;
    const tlsi_session_info *in;

    *plain = NULL;
    if (!out) {
        r->decrypt_err = TLSI_ERR_NOMEM;
        r->more = &rec_nomem;
        return 0;
    }
    r->decrypt_err = tlsi_session_decrypt(c->session, km, r->dir, content_type, record_version,
                                          frag, len, out, c->cc->scratch_cap, &out_len, &inner,
                                          &why);
    if (r->decrypt_err != TLSI_OK) {
        const char *text = why && *why ? why : tlsi_err_str(r->decrypt_err);

        /* A stream that stops decrypting fails every record for the same
         * reason: one copy for the run, not one per record. */
        if (c->last_fail && strcmp(c->last_fail->decrypt_why, text) == 0) {
            r->more = c->last_fail;
        } else {
            tlsi_conn_rec_more *x = tlsi_arena_zalloc(c->cc->arena, sizeof *x);

            if (x && (x->decrypt_why = tlsi_arena_strdup(c->cc->arena, text)) != NULL)
                r->more = c->last_fail = x;
            else
                r->more = &rec_nomem;
        }
        if (r->decrypt_err == TLSI_ERR_BAD_MAC && out_len && c->cc->keep_unverified) {
            r->flags |= TLSI_REC_UNVERIFIED;
            r->inner_type = content_type;
            *plain = out;
            r->plain_len = (uint32_t)out_len;
        }
        return 0;
    }
    in = tlsi_session_get_info(c->session);
    r->flags |= TLSI_REC_DECRYPTED;
    if (in->resynced[r->dir]) {
        tlsi_conn_rec_more *x = rec_more(c, r);

        r->flags |= TLSI_REC_RESYNCED;
        if (x)
            x->resync_skipped = in->last_skipped[r->dir] > UINT32_MAX
                                    ? UINT32_MAX
                                    : (uint32_t)in->last_skipped[r->dir];
    }
    r->inner_type = inner;
    *plain = out;
    r->plain_len = (uint32_t)out_len;
    return 1;
}

/* The record's result as kept: r, then its plaintext (tlsi_conn_rec_plain). */
static tlsi_conn_rec *rec_commit(tlsi_conn *c, const tlsi_conn_rec *r, const uint8_t *plain)
{
    size_t n = plain ? r->plain_len : 0;
    tlsi_conn_rec *k = tlsi_arena_alloc(c->cc->arena, sizeof *k + n);

    if (!k)
        return NULL;
    *k = *r;
    if (n)
        memcpy(k + 1, plain, n);
    return k;
}

const tlsi_conn_rec *tlsi_conn_record(tlsi_conn *c, const tlsi_key_material *km_in, int dir,
                                      uint32_t frame, uint8_t content_type,
                                      uint16_t record_version, const uint8_t *frag, size_t len,
                                      int complete)
{
    tlsi_key_material km = with_cache(c, km_in);
    tlsi_conn_rec tmp, *r;
    uint8_t type = content_type;
    const uint8_t *plain;

    dir = dir ? TLSI_CONN_SERVER : TLSI_CONN_CLIENT;
    rec_init(c, dir, frame, &tmp);
    if (!complete)
        return rec_commit(c, &tmp, NULL); /* cut short: neither decrypted nor reassembled */
    if (tlsi_session_protected(c->session, dir, content_type)) {
        int ok;

        tmp.flags |= TLSI_REC_PROTECTED;
        ok = rec_decrypt(c, &km, &tmp, content_type, record_version, frag, len, &plain);
        r = rec_commit(c, &tmp, plain);
        if (!r)
            return NULL;
        if (!ok) {
            /* The flow cannot see inside: a TLS <= 1.2 handshake record, or
             * any TLS 1.3 record, may hold handshake messages. */
            if (content_type == TLSI_CT_HANDSHAKE || r->version == TLSI_TLS13)
                tlsi_conn_track_event(c, dir, TLSI_FLOW_ENCRYPTED, NULL);
            return r;
        }
        type = r->inner_type;
        frag = tlsi_conn_rec_plain(r);
        len = r->plain_len;
    } else if ((r = rec_commit(c, &tmp, NULL)) == NULL) {
        return NULL;
    }
    if (type == TLSI_CT_HANDSHAKE) {
        hs_feed(c, &km, dir, frame, r, frag, (uint32_t)len);
    } else if (type == TLSI_CT_CHANGE_CIPHER_SPEC) {
        /* Plaintext, or (renegotiation) protected under the old keys. */
        tlsi_session_change_cipher_spec(c->session, &km, dir);
        tlsi_conn_track_event(c, dir, TLSI_FLOW_CCS, NULL);
    }
    {
        const tlsi_session_info *in = tlsi_session_get_info(c->session);
        if (in->version)
            r->version = in->version;
    }
    return r;
}

const tlsi_conn_rec *tlsi_conn_sslv2(tlsi_conn *c, uint32_t frame, const uint8_t *rec,
                                     size_t len)
{
    tlsi_conn_rec tmp, *r;
    tlsi_sslv2_client_hello v2;
    uint32_t err_off = 0;
    tlsi_err e;

    rec_init(c, TLSI_CONN_CLIENT, frame, &tmp);
    if ((r = rec_commit(c, &tmp, NULL)) == NULL)
        return NULL;
    e = tlsi_sslv2_client_hello_parse(rec, len, &v2, &err_off);
    if (e != TLSI_OK) {
        tlsi_conn_rec_more *x = rec_more(c, r);

        if (!x)
            return NULL;
        x->sslv2_err = (uint8_t)e;
        x->sslv2_err_off = err_off;
        return r;
    }
    (void)tlsi_session_sslv2_client_hello(c->session, rec, 2 + v2.record_len);
    tlsi_conn_track_sslv2(c, rec, &v2);
    return r;
}
