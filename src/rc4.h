/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rc4.h - the RC4 keystream generator of the RC4_128 suites.
 *
 * tlsi keeps its own RC4 rather than libgcrypt's because a passive decryptor
 * must be able to snapshot the cipher state between records (RC4 state runs
 * on across records, RFC 5246 section 6.2.3.1), and libgcrypt offers no way
 * to copy a cipher handle. The state is a plain struct: copying it copies the
 * keystream position.
 */
#ifndef TLSI_RC4_H
#define TLSI_RC4_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t s[256];
    uint8_t i, j;
} tlsi_rc4;

/* Key schedule. key_len must be 1..256; other lengths leave an all-identity state. */
void tlsi_rc4_init(tlsi_rc4 *st, const uint8_t *key, size_t key_len);
/* XOR len keystream bytes into in, writing out (in == out is allowed). */
void tlsi_rc4_crypt(tlsi_rc4 *st, const uint8_t *in, uint8_t *out, size_t len);

#endif
