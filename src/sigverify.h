/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigverify.h - checking the signatures of a handshake against the
 * certificates it carries (GnuTLS does the public-key arithmetic):
 *   - ServerKeyExchange (TLS 1.0-1.2, SSL 3.0): signed over
 *     client_random + server_random + params (RFC 5246 7.4.3, RFC 4492 5.4);
 *   - CertificateVerify, TLS 1.3 of either side: 64 spaces, the context
 *     string, a zero byte and the transcript hash (RFC 8446 4.4.3);
 *   - CertificateVerify, TLS 1.0-1.2 client: over the handshake messages
 *     so far (RFC 5246 7.4.8, RFC 4346 7.4.8);
 *   - each certificate of a Certificate message against the public key of
 *     the one after it. That says whether the chain holds together, nothing
 *     about trust in its root, its dates or its names.
 *
 * A verifier is fed every handshake message of a connection whole (header
 * included), in the order sent, like the session engine, and keeps the
 * handshake messages it needs until both Finished messages have gone by
 * (in TLS 1.3, when the client offered post-handshake authentication, the
 * handshake is kept for the CertificateVerify of each later client
 * authentication). SSL 3.0 CertificateVerify (which mixes in the master
 * secret) is not checked.
 */
#ifndef TLSI_SIGVERIFY_H
#define TLSI_SIGVERIFY_H

#include <stddef.h>
#include <stdint.h>

typedef struct tlsi_sigv tlsi_sigv;

typedef enum {
    TLSI_SIG_NONE = 0,  /* the message carries nothing to check */
    TLSI_SIG_OK,        /* the signature verified */
    TLSI_SIG_BAD,       /* it did not: tampering, a broken middlebox or a broken peer */
    TLSI_SIG_UNCHECKED, /* it could not be checked; why says why */
} tlsi_sig_status;

/* Certificates of one Certificate message whose chain link is reported. */
#define TLSI_SIGV_MAX_CHAIN 16

/* What one handshake message established. */
typedef struct {
    tlsi_sig_status sig;    /* ServerKeyExchange / CertificateVerify signature */
    char why[128];          /* for BAD and UNCHECKED */
    uint32_t n_certs;       /* Certificate: entries, up to TLSI_SIGV_MAX_CHAIN */
    /* chain[i]: certificate i against certificate i+1's key; the last one
     * (and any beyond it) is UNCHECKED: nothing in the message signs it. */
    tlsi_sig_status chain[TLSI_SIGV_MAX_CHAIN];
} tlsi_sigv_result;

/* Totals over the connection so far (signatures, then chain links). */
typedef struct tlsi_sigv_summary {
    uint32_t sig_ok, sig_bad, sig_unchecked;
    uint32_t chain_ok, chain_bad;
} tlsi_sigv_summary;

tlsi_sigv *tlsi_sigv_new(void);
void tlsi_sigv_free(tlsi_sigv *v);

/* One handshake message; res (never NULL) says what it established. */
void tlsi_sigv_handshake(tlsi_sigv *v, int from_server, const uint8_t *msg, size_t len,
                         tlsi_sigv_result *res);

const tlsi_sigv_summary *tlsi_sigv_get_summary(const tlsi_sigv *v);

#endif
