/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tcheck.h - the few macros the core unit tests share. Each test program
 * counts its checks and exits non-zero when any failed, which ctest reads.
 */
#ifndef TLSI_TCHECK_H
#define TLSI_TCHECK_H

#include <stdio.h>
#include <string.h>

static int tc_pass, tc_fail;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            tc_pass++;                                                                \
        } else {                                                                      \
            tc_fail++;                                                                \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);  \
        }                                                                             \
    } while (0)

#define CHECK_EQ(a, b)                                                                \
    do {                                                                              \
        long long va_ = (long long)(a), vb_ = (long long)(b);                         \
        if (va_ == vb_) {                                                             \
            tc_pass++;                                                                \
        } else {                                                                      \
            tc_fail++;                                                                \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s = %lld, %s = %lld\n",         \
                    __FILE__, __LINE__, #a, va_, #b, vb_);                            \
        }                                                                             \
    } while (0)

#define CHECK_MEM(a, b, n)                                                            \
    do {                                                                              \
        if (memcmp((a), (b), (n)) == 0) {                                             \
            tc_pass++;                                                                \
        } else {                                                                      \
            tc_fail++;                                                                \
            fprintf(stderr, "%s:%d: CHECK_MEM failed: %s vs %s\n", __FILE__, __LINE__, \
                    #a, #b);                                                          \
        }                                                                             \
    } while (0)

/* Print the closing line and return the exit status for main(). */
static inline int tc_done(void)
{
    printf("%d passed, %d failed\n", tc_pass, tc_fail);
    return tc_fail ? 1 : (tc_pass ? 0 : 1); /* a test that checked nothing fails */
}

/* Decode a hex string (whitespace ignored) into out; returns the byte count or -1. */
static inline long tc_unhex(const char *hex, unsigned char *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (; *hex; hex++) {
        int v;
        char c = *hex;
        if (c == ' ' || c == '\n' || c == '\t' || c == ':')
            continue;
        if (c >= '0' && c <= '9')
            v = c - '0';
        else if (c >= 'a' && c <= 'f')
            v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v = c - 'A' + 10;
        else
            return -1;
        if (hi < 0) {
            hi = v;
        } else {
            if (n >= cap)
                return -1;
            out[n++] = (unsigned char)(hi << 4 | v);
            hi = -1;
        }
    }
    return hi < 0 ? (long)n : -1;
}

#endif
