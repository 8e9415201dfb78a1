/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * reader.h - the one bounds-checked cursor every core parser reads through.
 *
 * A reader is a pair of pointers [p, end). Every read checks what remains;
 * a length-prefixed vector opens an inner reader over exactly its bytes, and
 * tlsi_rd_close() fails if the inner reader was not consumed. Readers never
 * allocate and never copy. Offsets for tree items are computed with
 * tlsi_rd_offset() against the start of the enclosing buffer.
 */
#ifndef TLSI_READER_H
#define TLSI_READER_H

#include <stddef.h>
#include <stdint.h>

#include "tlsi_err.h"

typedef struct {
    const uint8_t *p;
    const uint8_t *end;
} tlsi_rd;

/* A byte range inside the buffer a parser was given: where a field sits. */
typedef struct {
    uint32_t off;
    uint32_t len;
} tlsi_span;

/*
 * The parsers' contract for variable-length vectors (RFC 8446 3.4): a span
 * the core returns for a vector's content (tlsi_rd_vec, a list's items) is
 * immediately preceded by its lb-byte length prefix. These give the prefix
 * and the whole vector, so callers never do that arithmetic themselves.
 */
static inline tlsi_span tlsi_span_prefix(tlsi_span content, uint32_t lb)
{
    tlsi_span s = {content.off >= lb ? content.off - lb : 0, content.off >= lb ? lb : 0};
    return s;
}

static inline tlsi_span tlsi_span_whole(tlsi_span content, uint32_t lb)
{
    tlsi_span s = {content.off >= lb ? content.off - lb : 0,
                   content.off >= lb ? content.len + lb : content.len};
    return s;
}

static inline void tlsi_rd_init(tlsi_rd *r, const uint8_t *buf, size_t len)
{
    r->p = buf;
    r->end = buf + len;
}

static inline size_t tlsi_rd_left(const tlsi_rd *r)
{
    return (size_t)(r->end - r->p);
}

/* Offset of the cursor from base, the start of the buffer the spans refer to. */
static inline uint32_t tlsi_rd_offset(const tlsi_rd *r, const uint8_t *base)
{
    return (uint32_t)(r->p - base);
}

tlsi_err tlsi_rd_u8(tlsi_rd *r, uint8_t *v);
tlsi_err tlsi_rd_u16(tlsi_rd *r, uint16_t *v);
tlsi_err tlsi_rd_u24(tlsi_rd *r, uint32_t *v);
tlsi_err tlsi_rd_u32(tlsi_rd *r, uint32_t *v);
/* Point *out at the next n bytes and advance past them. */
tlsi_err tlsi_rd_bytes(tlsi_rd *r, size_t n, const uint8_t **out);
tlsi_err tlsi_rd_skip(tlsi_rd *r, size_t n);
/* Read a len_bytes (1, 2 or 3) big-endian length, then open an inner reader
 * over that many bytes and advance the outer reader past them. */
tlsi_err tlsi_rd_vec(tlsi_rd *r, unsigned len_bytes, tlsi_rd *inner);
/* Open an inner reader over the next n bytes (no length prefix). */
tlsi_err tlsi_rd_sub(tlsi_rd *r, size_t n, tlsi_rd *inner);
/* TLSI_ERR_TRAILING if the inner reader has bytes left. */
tlsi_err tlsi_rd_close(const tlsi_rd *inner);

/* Big-endian loads for callers that already checked the length. */
static inline uint16_t tlsi_load16(const uint8_t *b)
{
    return (uint16_t)((b[0] << 8) | b[1]);
}
static inline uint32_t tlsi_load24(const uint8_t *b)
{
    return ((uint32_t)b[0] << 16) | ((uint32_t)b[1] << 8) | b[2];
}

#endif
