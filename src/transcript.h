/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * transcript.h - the running hash of the handshake messages.
 *
 * Messages arrive before the ServerHello names the suite (and so the hash),
 * so a transcript runs MD5, SHA-1, SHA-256, SHA-384 and SM3 side by side and
 * answers for any of them. Reading a digest never disturbs the running
 * state, so the same transcript serves the EMS session hash, both Finished
 * messages and the TLS 1.3 Derive-Secret steps. Callers add each handshake
 * message whole, header included (RFC 5246 7.4.9, RFC 8446 4.4.1), and never
 * HelloRequest (RFC 5246 7.4.1.1) or the record headers.
 */
#ifndef TLSI_TRANSCRIPT_H
#define TLSI_TRANSCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include "algorithms.h"
#include "tlsi_err.h"

typedef struct tlsi_transcript tlsi_transcript;

/* A new, empty transcript; NULL when memory or libgcrypt fails. */
tlsi_transcript *tlsi_transcript_new(void);
/* Free t (NULL is fine). */
void tlsi_transcript_free(tlsi_transcript *t);
/* An independent copy of t's state (e.g. to keep the hash at a point of the
 * handshake); NULL on failure. */
tlsi_transcript *tlsi_transcript_copy(const tlsi_transcript *t);

/* Append bytes to every running hash. A message may be added in pieces. */
void tlsi_transcript_add(tlsi_transcript *t, const uint8_t *msg, size_t len);
/* Stop running every hash but a and b (TLSI_HASH_NONE for none): once the
 * ServerHello has named the version and suite, one hash (two before TLS 1.2)
 * is all the Finished and session hash need, and each context costs ~1 KB for
 * as long as the session lives. Hashing with a dropped one then says
 * TLSI_ERR_UNSUPPORTED. */
void tlsi_transcript_keep(tlsi_transcript *t, tlsi_hash a, tlsi_hash b);
/* Bytes passed to tlsi_transcript_add() so far (an HRR rewrite leaves it). */
uint64_t tlsi_transcript_length(const tlsi_transcript *t);

/* The digest of everything added so far, tlsi_hash_params_get(h)->len bytes;
 * the transcript keeps running. TLSI_ERR_UNSUPPORTED for a hash not kept
 * (NONE, SHA-512, GOST) or one this libgcrypt refused. */
tlsi_err tlsi_transcript_hash(const tlsi_transcript *t, tlsi_hash h, uint8_t *out);
/* TLS 1.0/1.1 handshake hash: MD5(messages) + SHA-1(messages), 36 bytes
 * (RFC 2246 7.4.9; also the RFC 7627 session hash before TLS 1.2). */
tlsi_err tlsi_transcript_tls10_hash(const tlsi_transcript *t, uint8_t out[36]);

/*
 * RFC 8446 4.4.1: after a HelloRetryRequest the first ClientHello is
 * replaced in the transcript by the synthetic message
 *   message_hash(254) 00 00 Hash.length Hash(ClientHello1).
 * Call this when the transcript holds exactly ClientHello1 - after adding it
 * and before adding the HelloRetryRequest. Each running hash is rewritten
 * with its own digest, so whichever the suite picks is right.
 * TLSI_ERR_BAD_VALUE when nothing has been added yet.
 */
tlsi_err tlsi_transcript_hrr_rewrite(tlsi_transcript *t);

/*
 * SSL 3.0 Finished (RFC 6101 5.6.9): with Sender = "CLNT" or "SRVR",
 *   MD5(master + pad2 + MD5(messages + Sender + master + pad1)) +
 *   SHA(master + pad2 + SHA(messages + Sender + master + pad1)),
 * pad1 = 0x36 and pad2 = 0x5c repeated 48 times for MD5, 40 for SHA-1.
 * The transcript must hold the messages before this Finished. 36 bytes.
 */
tlsi_err tlsi_ssl3_finished(const tlsi_transcript *t, const uint8_t master[48], int from_server,
                            uint8_t out[36]);

#endif
