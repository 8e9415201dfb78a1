/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hmac.h - one-shot HMAC (RFC 2104) over up to three concatenated inputs,
 * the primitive under the TLS PRF (prf.c) and HKDF (tls13_keys.c).
 */
#ifndef TLSI_HMAC_H
#define TLSI_HMAC_H

#include <stddef.h>
#include <stdint.h>

#include "algorithms.h"
#include "tlsi_err.h"

/* Largest digest tlsi computes (SHA-512). */
#define TLSI_MAX_HASH_LEN 64

/*
 * out = HMAC-<h>(key, a || b || c). Any part may be NULL with length 0, and
 * the key may be empty. out receives tlsi_hash_params_get(h)->len bytes.
 * TLSI_ERR_UNSUPPORTED for TLSI_HASH_NONE or a hash libgcrypt lacks.
 */
tlsi_err tlsi_hmac3(tlsi_hash h, const uint8_t *key, size_t key_len, const uint8_t *a, size_t a_len,
                    const uint8_t *b, size_t b_len, const uint8_t *c, size_t c_len, uint8_t *out);

#endif
