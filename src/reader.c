/* SPDX-License-Identifier: GPL-2.0-or-later */
/* reader.c - the bounds-checked cursor (see reader.h). */
#include "reader.h"

tlsi_err tlsi_rd_u8(tlsi_rd *r, uint8_t *v)
{
    if (tlsi_rd_left(r) < 1)
        return TLSI_ERR_SHORT;
    *v = r->p[0];
    r->p += 1;
    return TLSI_OK;
}

tlsi_err tlsi_rd_u16(tlsi_rd *r, uint16_t *v)
{
    if (tlsi_rd_left(r) < 2)
        return TLSI_ERR_SHORT;
    *v = tlsi_load16(r->p);
    r->p += 2;
    return TLSI_OK;
}

tlsi_err tlsi_rd_u24(tlsi_rd *r, uint32_t *v)
{
    if (tlsi_rd_left(r) < 3)
        return TLSI_ERR_SHORT;
    *v = tlsi_load24(r->p);
    r->p += 3;
    return TLSI_OK;
}

tlsi_err tlsi_rd_u32(tlsi_rd *r, uint32_t *v)
{
    if (tlsi_rd_left(r) < 4)
        return TLSI_ERR_SHORT;
    *v = ((uint32_t)r->p[0] << 24) | tlsi_load24(r->p + 1);
    r->p += 4;
    return TLSI_OK;
}

tlsi_err tlsi_rd_bytes(tlsi_rd *r, size_t n, const uint8_t **out)
{
    if (tlsi_rd_left(r) < n)
        return TLSI_ERR_SHORT;
    *out = r->p;
    r->p += n;
    return TLSI_OK;
}

tlsi_err tlsi_rd_skip(tlsi_rd *r, size_t n)
{
    const uint8_t *unused;
    return tlsi_rd_bytes(r, n, &unused);
}

tlsi_err tlsi_rd_sub(tlsi_rd *r, size_t n, tlsi_rd *inner)
{
    if (tlsi_rd_left(r) < n)
        return TLSI_ERR_SHORT;
    inner->p = r->p;
    inner->end = r->p + n;
    r->p += n;
    return TLSI_OK;
}

tlsi_err tlsi_rd_vec(tlsi_rd *r, unsigned len_bytes, tlsi_rd *inner)
{
    tlsi_rd save = *r;
    uint32_t n = 0;
    uint8_t b8;
    uint16_t b16;
    tlsi_err e;

    switch (len_bytes) {
    case 1:
        e = tlsi_rd_u8(r, &b8);
        n = b8;
        break;
    case 2:
        e = tlsi_rd_u16(r, &b16);
        n = b16;
        break;
    case 3:
        e = tlsi_rd_u24(r, &n);
        break;
    default:
        return TLSI_ERR_BAD_VALUE;
    }
    if (e != TLSI_OK)
        return e;
    e = tlsi_rd_sub(r, n, inner);
    if (e != TLSI_OK)
        *r = save; /* leave the cursor at the length field so errors point at it */
    return e;
}

tlsi_err tlsi_rd_close(const tlsi_rd *inner)
{
    return tlsi_rd_left(inner) ? TLSI_ERR_TRAILING : TLSI_OK;
}
