/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psk.c - owns the PSK preference parsing and the RFC 4279 / RFC 5489
 * premaster construction.
 */
#include "psk.h"

#include <string.h>

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

tlsi_err tlsi_psk_parse_hex(const char *hex, uint8_t *out, size_t cap, size_t *len)
{
    size_t n = 0;
    int hi = -1;

    *len = 0;
    if (cap > TLSI_PSK_MAX)
        cap = TLSI_PSK_MAX;
    for (; *hex; hex++) {
        char c = *hex;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        int v = hex_digit(c);
        if (v < 0)
            return TLSI_ERR_BAD_VALUE;
        if (hi < 0) {
            hi = v;
            continue;
        }
        if (n >= cap)
            return TLSI_ERR_BAD_LENGTH;
        out[n++] = (uint8_t)(hi << 4 | v);
        hi = -1;
    }
    if (hi >= 0)
        return TLSI_ERR_BAD_VALUE; /* odd number of digits */
    if (n == 0)
        return TLSI_ERR_NO_KEY;
    *len = n;
    return TLSI_OK;
}

static void put16(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

tlsi_err tlsi_psk_premaster(const uint8_t *psk, size_t psk_len, const uint8_t *other,
                            size_t other_len, uint8_t *out, size_t cap, size_t *out_len)
{
    int plain = other == NULL || other_len == 0;
    size_t olen = plain ? psk_len : other_len;

    *out_len = 0;
    /* Both lengths travel in uint16 fields. */
    if (psk_len == 0 || psk_len > 0xffff || olen > 0xffff)
        return TLSI_ERR_BAD_LENGTH;
    if (cap < 4 || cap - 4 < olen || cap - 4 - olen < psk_len)
        return TLSI_ERR_BAD_LENGTH;

    put16(out, olen);
    if (plain)
        memset(out + 2, 0, olen);
    else
        memcpy(out + 2, other, olen);
    put16(out + 2 + olen, psk_len);
    memcpy(out + 4 + olen, psk, psk_len);
    *out_len = 4 + olen + psk_len;
    return TLSI_OK;
}
