/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mac.h - the record MAC of the stream and CBC schemes.
 *
 * Two constructions over the same fields:
 *   SSL 3.0 (RFC 6101 section 5.2.3.1):
 *     hash(secret || pad_2 || hash(secret || pad_1 || seq_num || type || length || content))
 *     with pad_1 = 0x36 and pad_2 = 0x5c repeated 48 times for MD5, 40 for SHA-1
 *     (and, for suites SSL 3.0 never defined, the most whole digests in 48
 *     bytes: 32 for SHA-256, 48 for SHA-384).
 *   TLS 1.0-1.2 (RFC 2246, 4346, 5246 section 6.2.3.1; RFC 7366 section 3 for
 *   encrypt-then-MAC, where "fragment" is IV || ciphertext):
 *     HMAC(secret, seq_num || type || version || length || fragment)
 * seq_num is 64-bit big-endian, length 16-bit big-endian and equal to the
 * number of fragment bytes MACed. One tlsi_mac belongs to one direction.
 */
#ifndef TLSI_MAC_H
#define TLSI_MAC_H

#include <stddef.h>
#include <stdint.h>

#include "algorithms.h"
#include "tlsi_err.h"

/* The longest MAC tlsi computes (SHA-512) and the longest MAC key it keeps. */
#define TLSI_MAC_MAX 64

typedef struct tlsi_mac tlsi_mac;

/*
 * A MAC for hash h keyed with the MAC write secret. ssl3 selects the SSL 3.0
 * construction (defined for MD5 and SHA-1, extended as above). Errors (in *err,
 * which may be NULL): TLSI_ERR_UNSUPPORTED for a hash libgcrypt or the
 * construction lacks, TLSI_ERR_BAD_KEY for a key longer than TLSI_MAC_MAX,
 * TLSI_ERR_NOMEM, TLSI_ERR_CRYPTO.
 */
tlsi_mac *tlsi_mac_new(tlsi_hash h, int ssl3, const uint8_t *key, size_t key_len, tlsi_err *err);
void tlsi_mac_free(tlsi_mac *m);
/* An independent copy, or NULL when out of memory. */
tlsi_mac *tlsi_mac_clone(const tlsi_mac *m);
/* Bytes of MAC this tlsi_mac produces. */
size_t tlsi_mac_len(const tlsi_mac *m);

/* Compute the MAC of one record into out (tlsi_mac_len() bytes). version is
 * ignored for SSL 3.0, whose MAC does not cover it. frag_len must be < 2^16. */
tlsi_err tlsi_mac_compute(tlsi_mac *m, uint64_t seq, uint8_t type, uint16_t version,
                          const uint8_t *frag, size_t frag_len, uint8_t *out);
/* Compute and compare (without early exit) against the tlsi_mac_len() bytes
 * at expected: TLSI_OK or TLSI_ERR_BAD_MAC. */
tlsi_err tlsi_mac_verify(tlsi_mac *m, uint64_t seq, uint8_t type, uint16_t version,
                         const uint8_t *frag, size_t frag_len, const uint8_t *expected);

#endif
