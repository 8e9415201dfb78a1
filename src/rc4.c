/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rc4.c - RC4 key schedule and keystream (the algorithm as published in
 * RFC 6229's references), kept copyable for decryptor snapshots.
 */
#include "rc4.h"

void tlsi_rc4_init(tlsi_rc4 *st, const uint8_t *key, size_t key_len)
{
    unsigned n;
    uint8_t j = 0;

    for (n = 0; n < 256; n++)
        st->s[n] = (uint8_t)n;
    st->i = 0;
    st->j = 0;
    if (key_len == 0 || key_len > 256)
        return;
    for (n = 0; n < 256; n++) {
        uint8_t t = st->s[n];
        j = (uint8_t)(j + t + key[n % key_len]);
        st->s[n] = st->s[j];
        st->s[j] = t;
    }
}

void tlsi_rc4_crypt(tlsi_rc4 *st, const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t i = st->i, j = st->j;
    size_t n;

    for (n = 0; n < len; n++) {
        uint8_t ti, tj;
        i = (uint8_t)(i + 1);
        ti = st->s[i];
        j = (uint8_t)(j + ti);
        tj = st->s[j];
        st->s[i] = tj;
        st->s[j] = ti;
        out[n] = in[n] ^ st->s[(uint8_t)(ti + tj)];
    }
    st->i = i;
    st->j = j;
}
