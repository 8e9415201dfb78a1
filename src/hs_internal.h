/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hs_internal.h - small reading helpers shared by handshake.c, extensions.c
 * and sslv2.c (not a public API).
 *
 * Each helper reads through tlsi_rd and, on failure, stores in *err_off the
 * offset (from base) of the field that is wrong: the length field for a vector
 * whose length is impossible or runs past its container, the first unread byte
 * for leftovers. Vector floors and ceilings are the <floor..ceiling> of the
 * RFC's presentation language.
 */
#ifndef TLSI_HS_INTERNAL_H
#define TLSI_HS_INTERNAL_H

#include "extensions.h"
#include "reader.h"
#include "tlsi_err.h"

/* Return the error of x, if any. Not "TRY": that is Wireshark's exception
 * macro, and the two would clash in any file that includes both. */
#define TLSI_CHECK(x)                                                                              \
    do {                                                                                           \
        tlsi_err e_ = (x);                                                                         \
        if (e_ != TLSI_OK)                                                                         \
            return e_;                                                                             \
    } while (0)

static inline tlsi_err hs_fail(tlsi_err e, uint32_t at, uint32_t *err_off)
{
    *err_off = at;
    return e;
}

static inline uint32_t hs_off(const tlsi_rd *r, const uint8_t *base)
{
    return tlsi_rd_offset(r, base);
}

/* The span of what is left in r. */
static inline tlsi_span hs_rest(const tlsi_rd *r, const uint8_t *base)
{
    tlsi_span s = {tlsi_rd_offset(r, base), (uint32_t)tlsi_rd_left(r)};
    return s;
}

static inline tlsi_err hs_u8(tlsi_rd *r, uint8_t *v, const uint8_t *base, uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);
    tlsi_err e = tlsi_rd_u8(r, v);
    return e ? hs_fail(e, at, err_off) : TLSI_OK;
}

static inline tlsi_err hs_u16(tlsi_rd *r, uint16_t *v, const uint8_t *base, uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);
    tlsi_err e = tlsi_rd_u16(r, v);
    return e ? hs_fail(e, at, err_off) : TLSI_OK;
}

static inline tlsi_err hs_u24(tlsi_rd *r, uint32_t *v, const uint8_t *base, uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);
    tlsi_err e = tlsi_rd_u24(r, v);
    return e ? hs_fail(e, at, err_off) : TLSI_OK;
}

static inline tlsi_err hs_u32(tlsi_rd *r, uint32_t *v, const uint8_t *base, uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);
    tlsi_err e = tlsi_rd_u32(r, v);
    return e ? hs_fail(e, at, err_off) : TLSI_OK;
}

/* n fixed bytes (no length prefix), as a span. */
static inline tlsi_err hs_fixed(tlsi_rd *r, size_t n, tlsi_span *out, const uint8_t *base,
                                uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);
    tlsi_err e = tlsi_rd_skip(r, n);
    if (e)
        return hs_fail(e, at, err_off);
    out->off = at;
    out->len = (uint32_t)n;
    return TLSI_OK;
}

/* A vector with an lb-byte length in [min, max]; *inner covers its content. */
static inline tlsi_err hs_vec(tlsi_rd *r, unsigned lb, uint32_t min, uint32_t max, tlsi_rd *inner,
                              const uint8_t *base, uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);
    tlsi_err e = tlsi_rd_vec(r, lb, inner);
    size_t n;

    if (e)
        return hs_fail(e, at, err_off);
    n = tlsi_rd_left(inner);
    if (n < min || n > max)
        return hs_fail(TLSI_ERR_BAD_LENGTH, at, err_off);
    return TLSI_OK;
}

/* Like hs_vec, giving the content as a span. */
static inline tlsi_err hs_opaque(tlsi_rd *r, unsigned lb, uint32_t min, uint32_t max,
                                 tlsi_span *out, const uint8_t *base, uint32_t *err_off)
{
    tlsi_rd in;
    TLSI_CHECK(hs_vec(r, lb, min, max, &in, base, err_off));
    *out = hs_rest(&in, base);
    return TLSI_OK;
}

/* The inner reader must be used up. */
static inline tlsi_err hs_close(const tlsi_rd *inner, const uint8_t *base, uint32_t *err_off)
{
    tlsi_err e = tlsi_rd_close(inner);
    return e ? hs_fail(e, hs_off(inner, base), err_off) : TLSI_OK;
}

/* A vector of fixed-size items (item bytes each). */
static inline tlsi_err hs_list_fixed(tlsi_rd *r, unsigned lb, uint32_t min, uint32_t max,
                                     unsigned item, tlsi_list *out, const uint8_t *base,
                                     uint32_t *err_off)
{
    uint32_t at = hs_off(r, base);
    tlsi_rd in;
    TLSI_CHECK(hs_vec(r, lb, min, max, &in, base, err_off));
    if (tlsi_rd_left(&in) % item)
        return hs_fail(TLSI_ERR_BAD_LENGTH, at, err_off);
    out->items = hs_rest(&in, base);
    out->count = (uint32_t)(tlsi_rd_left(&in) / item);
    return TLSI_OK;
}

/* A vector of opaque<imin..imax> items with ilb-byte lengths, each checked. */
static inline tlsi_err hs_list_opaque(tlsi_rd *r, unsigned lb, uint32_t min, uint32_t max,
                                      unsigned ilb, uint32_t imin, uint32_t imax, tlsi_list *out,
                                      const uint8_t *base, uint32_t *err_off)
{
    tlsi_rd in, item;
    TLSI_CHECK(hs_vec(r, lb, min, max, &in, base, err_off));
    out->items = hs_rest(&in, base);
    out->count = 0;
    while (tlsi_rd_left(&in)) {
        TLSI_CHECK(hs_vec(&in, ilb, imin, imax, &item, base, err_off));
        out->count++;
    }
    return TLSI_OK;
}

/* A block of extensions (u16 length) whose framing is checked; soft errors
 * (duplicates) are returned only when nothing worse happened. */
static inline tlsi_err hs_extensions(tlsi_rd *r, tlsi_ext_ctx ctx, tlsi_span *block,
                                     uint32_t *count, const uint8_t *base, uint32_t *err_off)
{
    tlsi_rd in;
    TLSI_CHECK(hs_vec(r, 2, 0, 0xffff, &in, base, err_off));
    *block = hs_rest(&in, base);
    return tlsi_ext_block_check(base, *block, ctx, count, err_off);
}

#endif
