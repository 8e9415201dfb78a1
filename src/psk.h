/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psk.h - pre-shared keys for the PSK cipher suites: parsing the key the user
 * configures (a hex string) and building the premaster secret from it.
 *
 * RFC 4279 section 2 (plain PSK):
 *     uint16 N || N zero bytes || uint16 N || psk          (N = psk length)
 * RFC 4279 sections 3 and 4 (DHE_PSK, RSA_PSK) and RFC 5489 section 2
 * (ECDHE_PSK) put the other key exchange's secret in place of the zeros:
 *     uint16 len(other) || other_secret || uint16 N || psk
 * other_secret is the 48-byte RSA premaster for RSA_PSK, the DH value Z with
 * leading zero bytes stripped for DHE_PSK, and the ECDH x-coordinate (field
 * sized) for ECDHE_PSK; preparing it is the caller's job.
 */
#ifndef TLSI_PSK_H
#define TLSI_PSK_H

#include <stddef.h>
#include <stdint.h>

#include "tlsi_err.h"

/* Longest PSK accepted, in bytes. RFC 4279 requires support for 64. */
#define TLSI_PSK_MAX 256

/* Decode a hex PSK. Whitespace (space, tab, CR, LF) anywhere is ignored; case
 * does not matter. TLSI_ERR_NO_KEY with *len = 0 for an empty or all-blank
 * string (no PSK configured); TLSI_ERR_BAD_VALUE for a non-hex character or
 * an odd digit count; TLSI_ERR_BAD_LENGTH when the key is longer than cap or
 * TLSI_PSK_MAX. out is only meaningful on TLSI_OK. */
tlsi_err tlsi_psk_parse_hex(const char *hex, uint8_t *out, size_t cap, size_t *len);

/* Build the premaster secret into out[cap]; *out_len receives its length,
 * 4 + other_len + psk_len (4 + 2 * psk_len for plain PSK). other == NULL or
 * other_len == 0 selects plain PSK (psk_len zero bytes). TLSI_ERR_BAD_LENGTH
 * for an empty PSK, a length over 65535, or an out buffer too small. */
tlsi_err tlsi_psk_premaster(const uint8_t *psk, size_t psk_len, const uint8_t *other,
                            size_t other_len, uint8_t *out, size_t cap, size_t *out_len);

#endif
