/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * session.h - the decryption state of one TLS connection, driven by what a
 * passive observer sees: the handshake messages in the order they were sent
 * and the protected records of each direction.
 *
 * A session follows the handshake (randoms, negotiated version and suite,
 * extensions that change the record layer, the transcript hash), finds the
 * secrets in the key material (NSS key log, RSA private keys, PSK, or an
 * earlier session this one resumes), switches each direction's read state at
 * the right moment (ChangeCipherSpec; in TLS 1.3 after ServerHello, Finished,
 * EndOfEarlyData and KeyUpdate), decrypts records in order, and recomputes
 * Finished verify_data. When a record cannot be decrypted it says why.
 *
 * The caller (the plugin) feeds each record once, in capture order, and
 * keeps the results: records of a direction must be decrypted in order.
 */
#ifndef TLSI_SESSION_H
#define TLSI_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "keylog.h"
#include "resume_cache.h"
#include "rsa_keys.h"
#include "tlsi_err.h"

typedef struct tlsi_session tlsi_session;


/* What the user configured; any member may be NULL/0. */
typedef struct tlsi_key_material {
    tlsi_keylog *keylog;
    tlsi_keylog *embedded; /* secrets embedded in the capture file (pcapng DSB) */
    tlsi_rsa_key *const *rsa_keys;
    size_t n_rsa_keys;
    size_t n_rsa_unloadable; /* configured key files that failed to load */
    const uint8_t *psk;
    size_t psk_len;
    tlsi_session_cache *cache; /* earlier sessions of the capture (resume_cache.h) */
} tlsi_key_material;

/* Where the secrets of a session came from. */
typedef enum {
    TLSI_KEYSRC_NONE = 0,
    TLSI_KEYSRC_KEYLOG_MASTER,  /* CLIENT_RANDOM line */
    TLSI_KEYSRC_KEYLOG_RSA,     /* RSA line: premaster by encrypted-premaster prefix */
    TLSI_KEYSRC_RSA_KEY,        /* premaster decrypted with a configured RSA key */
    TLSI_KEYSRC_PSK,            /* premaster built from the tlsi.psk preference */
    TLSI_KEYSRC_RESUMED,        /* master secret of the session this one resumes */
    TLSI_KEYSRC_KEYLOG_TLS13,   /* TLS 1.3 traffic secrets from the key log */
    /* The same three kinds, found in the secrets embedded in the capture. */
    TLSI_KEYSRC_EMBEDDED_MASTER,
    TLSI_KEYSRC_EMBEDDED_RSA,
    TLSI_KEYSRC_EMBEDDED_TLS13,
} tlsi_key_source;

/* Result of a Finished message check. */
typedef enum {
    TLSI_FINISHED_UNCHECKED = 0, /* no secret to check it with */
    TLSI_FINISHED_OK,
    TLSI_FINISHED_MISMATCH,
} tlsi_finished_check;

/* What feeding one handshake message established. */
typedef struct {
    tlsi_finished_check finished; /* for a Finished message */
    int resumed;                  /* a ServerHello that resumes an earlier session */
} tlsi_hs_effect;

/* A summary for the "Decryption" subtree and statistics. */
typedef struct {
    uint16_t version;      /* negotiated, 0 before ServerHello */
    uint16_t cipher_suite; /* negotiated, valid when suite_known */
    int suite_known;
    int suite_decryptable;
    char suite_why[96];    /* why not, when it is not */
    char suite_note[192];  /* the suite is outside the negotiated version's list (decrypted
                            * anyway): tlsi_suite_version_note(); empty otherwise */
    int resumed;
    int ems, etm;          /* extended master secret, encrypt-then-MAC in force */
    uint8_t compression;
    tlsi_key_source key_source;
    char key_detail[96];   /* e.g. the RSA key id */
    int have_keys[2];      /* a read state exists for client (0) / server (1) */
    uint64_t decrypted[2]; /* records decrypted and verified per direction */
    uint64_t failed[2];    /* records that could not be decrypted */
    tlsi_err first_err;    /* first decryption failure, TLSI_OK if none */
    char first_why[160];   /* its explanation */
    uint64_t first_err_record; /* 1-based index of that record in its direction */
    int first_err_dir;
    uint8_t client_random[32];
    int have_client_random;
    /* Records missing from the capture (lost segments) were stepped over:
     * resynced[dir] once a record after such a gap decrypted, until the
     * direction's keys change; last_skipped is how many records were missing
     * just before the last record decrypted (0 when it followed its
     * predecessor). */
    int resynced[2];
    uint64_t last_skipped[2];
} tlsi_session_info;

tlsi_session *tlsi_session_new(void);
void tlsi_session_free(tlsi_session *s);

/*
 * One complete handshake message (4-byte header included), in the order
 * sent, whether it was plaintext or decrypted. from_server says who sent it.
 * Malformed messages are ignored (the tree reports them). eff may be NULL.
 */
void tlsi_session_handshake(tlsi_session *s, const tlsi_key_material *km, int from_server,
                            const uint8_t *msg, size_t len, tlsi_hs_effect *eff);

/*
 * An SSLv2-format ClientHello record (RFC 5246 E.2), 2-byte header included,
 * as the client's first flight: it opens the handshake like a ClientHello.
 * Returns the parse error, leaving the session untouched, when it is not one.
 */
tlsi_err tlsi_session_sslv2_client_hello(tlsi_session *s, const uint8_t *rec, size_t len);

/* A ChangeCipherSpec record from one side (TLS <= 1.2: its later records are
 * protected). Ignored in TLS 1.3, where it is only for compatibility. */
void tlsi_session_change_cipher_spec(tlsi_session *s, const tlsi_key_material *km,
                                     int from_server);

/* Is a record of this outer content type from this side protected now? */
int tlsi_session_protected(const tlsi_session *s, int from_server, uint8_t content_type);

/*
 * Decrypt one protected record (fragment after the 5-byte header). On
 * TLSI_OK out holds *out_len plaintext bytes and *inner_type the content type
 * (TLS 1.3: the inner type). out must hold at least max(in_len, 2^14) bytes.
 * On failure *why (never NULL) explains it for the user; TLSI_ERR_NO_KEY when
 * there is no read state (no key material, or a handshake not captured).
 * With TLSI_ERR_BAD_MAC, *out_len may be non-zero: unverified plaintext.
 */
tlsi_err tlsi_session_decrypt(tlsi_session *s, const tlsi_key_material *km, int from_server,
                              uint8_t content_type, uint16_t record_version, const uint8_t *in,
                              size_t in_len, uint8_t *out, size_t out_cap, size_t *out_len,
                              uint8_t *inner_type, const char **why);

const tlsi_session_info *tlsi_session_get_info(const tlsi_session *s);

/* Key log lines (NSS format) for every secret this session used (each master
 * secret of a renegotiated connection, TLS 1.3 early, handshake and first
 * application traffic secrets), so a session decrypted with an RSA key can be
 * shared as a key log. Returns the full length (snprintf-style: may exceed
 * len; the text is cut to len - 1 bytes and NUL-terminated). */
size_t tlsi_session_keylog_lines(const tlsi_session *s, char *buf, size_t len);

const char *tlsi_key_source_name(tlsi_key_source src);

#endif
