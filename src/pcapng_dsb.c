/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pcapng_dsb.c - owns the pcapng block walk that finds Decryption Secrets
 * Blocks; see pcapng_dsb.h for the format.
 */
#include "pcapng_dsb.h"

#include <stdlib.h>
#include <string.h>

#define BOM 0x1A2B3C4Du
/* type, total_length, and for a Section Header Block the byte-order magic. */
#define SHB_HEAD 12
/* Smallest block: type, total_length, total_length. */
#define MIN_BLOCK 12
/* DSB: block head (8), secrets type (4), secrets length (4), trailer (4). */
#define DSB_OVERHEAD 20

static uint32_t get32(const uint8_t *p, int big)
{
    return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
               : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

int tlsi_pcapng_magic(const uint8_t *p, size_t len)
{
    /* The SHB type reads the same in both byte orders. */
    return len >= 4 && get32(p, 1) == TLSI_PCAPNG_SHB;
}

static int read_full(tlsi_pcapng_read_fn rd, void *rctx, uint64_t off, void *buf, size_t n)
{
    long got = rd(rctx, off, buf, n);
    if (got < 0)
        return -1;
    return (size_t)got == n;
}

/* A Decryption Secrets Block of total length blen at off. */
static tlsi_err dsb(tlsi_pcapng_read_fn rd, void *rctx, tlsi_pcapng_secrets_fn cb, void *cctx,
                    uint64_t off, uint32_t blen, int big, tlsi_pcapng_walk_stats *st)
{
    uint8_t h[8];

    st->dsbs++;
    if (blen < DSB_OVERHEAD) {
        st->why_stop = "secrets block too short";
        return TLSI_ERR_SHORT;
    }
    int r = read_full(rd, rctx, off + 8, h, sizeof h);
    if (r <= 0) {
        st->why_stop = "file ends inside a secrets block";
        return r < 0 ? TLSI_ERR_IO : TLSI_ERR_SHORT;
    }
    uint32_t type = get32(h, big), slen = get32(h + 4, big);
    if (slen > blen - DSB_OVERHEAD) { /* blen >= DSB_OVERHEAD checked above */
        st->why_stop = "secrets length beyond its block";
        return TLSI_ERR_BAD_LENGTH;
    }
    if (type != TLSI_PCAPNG_SECRETS_TLS || slen == 0)
        return TLSI_OK;
    if (slen > TLSI_PCAPNG_DSB_MAX) {
        st->why_stop = "secrets block over 16 MiB";
        return TLSI_ERR_BAD_LENGTH;
    }
    uint8_t *data = malloc(slen);
    if (!data)
        return TLSI_ERR_NOMEM;
    r = read_full(rd, rctx, off + 16, data, slen);
    if (r > 0) {
        st->tls_dsbs++;
        cb(cctx, data, slen);
    } else {
        st->why_stop = "file ends inside a secrets block";
    }
    memset(data, 0, slen);
    free(data);
    return r > 0 ? TLSI_OK : r < 0 ? TLSI_ERR_IO : TLSI_ERR_SHORT;
}

tlsi_err tlsi_pcapng_dsb_walk(tlsi_pcapng_read_fn rd, void *rctx, tlsi_pcapng_secrets_fn cb,
                              void *cctx, tlsi_pcapng_walk_stats *st)
{
    uint64_t off = 0;
    int big = 0;

    memset(st, 0, sizeof *st);
    for (;;) {
        uint8_t h[SHB_HEAD];
        long got = rd(rctx, off, h, sizeof h);
        st->end = off;
        if (got < 0)
            return TLSI_ERR_IO;
        if (off == 0 && !tlsi_pcapng_magic(h, (size_t)got))
            return TLSI_ERR_BAD_VALUE;
        if (got < 8) {
            if (got != 0)
                st->why_stop = "file ends inside a block header";
            return TLSI_OK;
        }
        uint32_t type = get32(h, 1);
        if (type == TLSI_PCAPNG_SHB) {
            /* A new section: its byte-order magic sets how to read it. */
            if (got < SHB_HEAD) {
                st->why_stop = "file ends inside a section header";
                return TLSI_OK;
            }
            if (get32(h + 8, 1) == BOM)
                big = 1;
            else if (get32(h + 8, 0) == BOM)
                big = 0;
            else {
                st->why_stop = "section header with a bad byte-order magic";
                return off == 0 ? TLSI_ERR_BAD_VALUE : TLSI_OK;
            }
        } else {
            type = get32(h, big);
        }
        uint32_t blen = get32(h + 4, big);
        if (blen < MIN_BLOCK || blen % 4 != 0) {
            st->why_stop = "block with an impossible length";
            return TLSI_OK;
        }
        st->blocks++;
        if (type == TLSI_PCAPNG_DSB) {
            tlsi_err err = dsb(rd, rctx, cb, cctx, off, blen, big, st);
            if (err == TLSI_ERR_IO || err == TLSI_ERR_NOMEM)
                return err;
            if (err != TLSI_OK)
                return TLSI_OK;
        }
        off += blen; /* cannot wrap: blen < 2^32 and files are far below 2^63 */
    }
}
