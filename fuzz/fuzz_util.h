/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_util.h - what the libFuzzer harnesses share: an input cursor, an
 * assertion that aborts (so libFuzzer and the regression test both see a
 * finding), and checks that every span a parser returns lies inside the
 * buffer it was given.
 *
 * The harnesses are also compiled into tests/unit/test_fuzz_regress.c, which
 * includes every fuzz/fuzz_*.c with LLVMFuzzerTestOneInput renamed; so every
 * static name in a harness carries the harness's own prefix, and this header
 * holds only static inline helpers under an include guard.
 */
#ifndef TLSI_FUZZ_UTIL_H
#define TLSI_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"

/* An invariant of the code under test: a violation is a finding. */
#define FZ_ASSERT(cond)                                                                    \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: fuzz invariant violated: %s\n", __FILE__, __LINE__,    \
                    #cond);                                                                \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* A span returned for a buffer of len bytes must lie inside it. */
#define FZ_SPAN(sp_, cap_)                                                                 \
    FZ_ASSERT((uint64_t)(sp_).off + (uint64_t)(sp_).len <= (uint64_t)(cap_))

/*
 * Findings already reported whose check a harness can skip, so a fuzzing
 * run goes on to find new things instead of the same one again. Skipped
 * unless TLSI_FUZZ_STRICT=1 (tests/unit/test_fuzz_regress.c sets it, so the
 * reproducers under tests/unit/regress/ still check them).
 */
static inline int fz_tolerate_known(void)
{
    static int v = -1;
    if (v < 0) {
        const char *e = getenv("TLSI_FUZZ_STRICT");
        v = !(e && e[0] == '1');
    }
    return v;
}

/* The fuzz input, consumed from the front. Reads past the end give zeros. */
typedef struct {
    const uint8_t *p;
    size_t n;
} fz_in;

static inline uint8_t fz_u8(fz_in *in)
{
    uint8_t v = 0;
    if (in->n) {
        v = in->p[0];
        in->p++;
        in->n--;
    }
    return v;
}

static inline uint16_t fz_u16(fz_in *in)
{
    uint16_t hi = fz_u8(in);
    return (uint16_t)(hi << 8 | fz_u8(in));
}

/* Up to want bytes (fewer when the input ends). */
static inline const uint8_t *fz_bytes(fz_in *in, size_t want, size_t *got)
{
    const uint8_t *p = in->p;
    *got = want < in->n ? want : in->n;
    in->p += *got;
    in->n -= *got;
    return p;
}

/* A heap copy of exactly n bytes, so AddressSanitizer sees any read past the
 * end of a record or message (the fuzzer's own buffer is larger). malloc(0)
 * is avoided: a one-byte block is returned but n stays 0 for the callee. */
static inline uint8_t *fz_dup(const uint8_t *p, size_t n)
{
    uint8_t *c = n ? malloc(n) : calloc(1, 1);
    if (c && n)
        memcpy(c, p, n);
    return c;
}

#endif
