/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conn.h - the connection engine: one TLS connection over TCP as a passive
 * observer sees it, fed one record at a time in capture order.
 *
 * A connection owns, per direction, the reassembly of handshake messages
 * across records; the session (session.h: keys, decryption, Finished), the
 * signature checks (sigverify.h), the order of the handshake (hs_flow.h)
 * and what was negotiated. Connections of one capture share a cache
 * (tlsi_conn_cache) that owns them, the sessions they resume
 * (resume_cache.h) and every result handed out, until the capture closes.
 *
 * For each record the engine returns a tlsi_conn_rec: the plaintext or why
 * there is none, every handshake message the record completes (parsed
 * later by the tree from its bytes; here with its Finished and signature
 * verdicts, its place in the flow and the session it resumes). The caller
 * keeps the pointer and draws from it on every pass; it never feeds a
 * record twice.
 */
#ifndef TLSI_CONN_H
#define TLSI_CONN_H

#include <stddef.h>
#include <stdint.h>

#include "session.h"
#include "sigverify.h"
#include "sslv2.h"
#include "tlsi_err.h"

/* Handshake messages longer than this are not reassembled (a real one is
 * far smaller; the cap bounds memory on hostile input). */
#define TLSI_CONN_HS_CAP (4u * 1024u * 1024u)

enum { TLSI_CONN_CLIENT = 0, TLSI_CONN_SERVER = 1 };

/* tlsi_conn_rec.flags */
enum {
    TLSI_REC_PROTECTED = 1u << 0,  /* sent under a cipher */
    TLSI_REC_DECRYPTED = 1u << 1,  /* plain holds the verified plaintext */
    TLSI_REC_UNVERIFIED = 1u << 2, /* plain holds plaintext whose MAC/tag did not verify */
    TLSI_REC_RESYNCED = 1u << 3,   /* decrypted after records missing from the capture */
    TLSI_REC_OWN_MORE = 1u << 4,   /* the engine's: `more` is this record's alone */
};

/* tlsi_conn_msg.flags */
enum {
    TLSI_MSG_RESUMED = 1u << 0,         /* a ServerHello resuming an earlier session */
    TLSI_MSG_FLOW_UNEXPECTED = 1u << 1, /* out of the handshake's order */
    TLSI_MSG_SUITE_KNOWN = 1u << 2,     /* suite holds the negotiated suite */
    TLSI_MSG_OFFERED_HIGHER = 1u << 3,  /* ServerHello: the client offered a version above the
                                         * one negotiated (the downgrade sentinel matters) */
    TLSI_MSG_HRR = 1u << 4,             /* a ServerHello that is a HelloRetryRequest */
    TLSI_MSG_SIG_DONE = 1u << 5,        /* the signature checks have seen it (sig is final) */
};

/* One record's share of a handshake message that spans records. */
typedef struct {
    uint32_t frame;
    uint32_t len;
} tlsi_conn_piece;

/* One complete handshake message. */
typedef struct tlsi_conn_msg {
    struct tlsi_conn_msg *next;
    const uint8_t *data;   /* the whole message, 4-byte header included */
    uint32_t len;
    int32_t start;         /* offset in the record's plaintext, -1: began in an earlier record */
    uint32_t first_frame;  /* frame of the record holding its first byte */
    const tlsi_conn_piece *pieces; /* the records it spans, when more than one */
    uint32_t n_pieces;
    uint8_t flags;         /* TLSI_MSG_* */
    uint8_t dir;           /* TLSI_CONN_CLIENT / TLSI_CONN_SERVER: who sent it */
    uint8_t finished;      /* tlsi_finished_check of a Finished message */
    uint16_t version;      /* version negotiated when it was seen, 0 unknown */
    uint16_t suite;        /* suite negotiated then, when TLSI_MSG_SUITE_KNOWN */
    uint32_t resumed_from; /* ServerHello: frame of the full handshake resumed, 0 unknown */
    const char *flow_expected;      /* what the flow allowed instead, when unexpected */
    /* Signature / chain checks: made on demand (tlsi_conn_msg_sig), since
     * they cost more than the rest of a handshake and most runs never look. */
    const tlsi_sigv_result *sig;
    struct tlsi_conn_msg *conn_next; /* the connection's messages in order (engine's) */
} tlsi_conn_msg;

/* The parts of a record's result that most records leave empty: a record
 * of a handshake, of a resync or of a failure has its own (failures in a
 * row with the same reason share one); every other record points to
 * tlsi_conn_rec_none, all zero. */
typedef struct tlsi_conn_rec_more {
    const char *decrypt_why; /* why a protected record was not decrypted */
    tlsi_conn_msg *msgs;     /* handshake messages completed in this record */
    uint32_t resync_skipped; /* records missing just before this one */
    uint32_t hs_partial;     /* bytes waiting for the rest of their message */
    uint32_t hs_dropped;     /* bytes dropped (over the cap or after a broken length) */
    uint32_t hs_completed_in; /* frame completing the message hs_partial began, 0 not yet */
    /* SSLv2-format ClientHello: the parse result and where it failed. */
    uint32_t sslv2_err_off;
    uint8_t sslv2_err;       /* tlsi_err */
} tlsi_conn_rec_more;

extern const tlsi_conn_rec_more tlsi_conn_rec_none;

/* What one record means: 24 bytes and its plaintext on LP64, one per record
 * of the capture, so what few records need lives behind `more`. */
typedef struct tlsi_conn_rec {
    uint8_t dir;
    uint8_t flags;         /* TLSI_REC_* */
    uint8_t inner_type;    /* content type after decryption (TLS 1.3: the inner type) */
    uint8_t decrypt_err;   /* tlsi_err: TLSI_OK when not protected or decrypted */
    uint16_t version;      /* negotiated version known at this record, 0 unknown */
    uint16_t cipher_suite;
    uint32_t plain_len;    /* bytes of tlsi_conn_rec_plain */
    uint32_t user;         /* the caller's; the engine leaves it 0 */
    const tlsi_conn_rec_more *more; /* never NULL */
    /* The plaintext follows, in the same allocation. */
} tlsi_conn_rec;

/* The plaintext of a decrypted record (or an unverified one kept for
 * display), else NULL. */
static inline const uint8_t *tlsi_conn_rec_plain(const tlsi_conn_rec *r)
{
    return (r->flags & (TLSI_REC_DECRYPTED | TLSI_REC_UNVERIFIED)) ? (const uint8_t *)(r + 1)
                                                                    : NULL;
}

/* What the connection has negotiated so far. */
typedef struct {
    uint16_t version;      /* of the latest ServerHello or HelloRetryRequest, 0 none */
    uint16_t suite;
    int suite_known;
    const char *alpn;      /* the protocol the server chose, NULL if none */
    uint32_t first_frame;  /* frame of the first record */
} tlsi_conn_params;

typedef struct tlsi_conn_cache tlsi_conn_cache;
typedef struct tlsi_conn tlsi_conn;

tlsi_conn_cache *tlsi_conn_cache_new(void);
/* Frees every connection and result of the capture. */
void tlsi_conn_cache_free(tlsi_conn_cache *cc);
/* Keep the plaintext of records whose MAC or tag fails (for display only). */
void tlsi_conn_cache_keep_unverified(tlsi_conn_cache *cc, int keep);
/* Bytes of results handed out, and connections made. */
size_t tlsi_conn_cache_bytes(const tlsi_conn_cache *cc);
/* Calls fn for every connection of the capture, the newest first. */
void tlsi_conn_cache_foreach(const tlsi_conn_cache *cc, void (*fn)(const tlsi_conn *, void *),
                             void *user);

/* A new connection, owned by the cache; NULL when memory runs out. */
tlsi_conn *tlsi_conn_new(tlsi_conn_cache *cc);

/*
 * One TLS record of direction dir (TLSI_CONN_CLIENT/SERVER) seen in frame:
 * the fragment after the 5-byte header. complete is 0 when the capture cut
 * the record short (it is then neither decrypted nor reassembled). km is the
 * configured key material (its cache member is ignored: the capture's is
 * used). Never NULL unless memory runs out.
 */
const tlsi_conn_rec *tlsi_conn_record(tlsi_conn *c, const tlsi_key_material *km, int dir,
                                      uint32_t frame, uint8_t content_type,
                                      uint16_t record_version, const uint8_t *frag, size_t len,
                                      int complete);

/* An SSLv2-format record from the client (2- or 3-byte header included).
 * When it is a valid CLIENT-HELLO it opens the handshake. */
const tlsi_conn_rec *tlsi_conn_sslv2(tlsi_conn *c, uint32_t frame, const uint8_t *rec,
                                     size_t len);

const tlsi_conn_params *tlsi_conn_get_params(const tlsi_conn *c);
const tlsi_session *tlsi_conn_session(const tlsi_conn *c);
/*
 * The signature and chain checks of message m of c (NULL when it carries
 * nothing to check), made now if they were not: the connection's messages up
 * to m are fed to the verifier in order. Any pass, any time after m was
 * returned; the answer does not depend on when it is asked.
 */
const tlsi_sigv_result *tlsi_conn_msg_sig(tlsi_conn *c, const tlsi_conn_msg *m);
/* Totals of the checks over every message so far, NULL when none was made. */
const tlsi_sigv_summary *tlsi_conn_sig_summary(tlsi_conn *c);

#endif
