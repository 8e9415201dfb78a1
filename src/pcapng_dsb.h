/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pcapng_dsb.h - find the TLS key logs embedded in a pcapng file.
 *
 * pcapng (draft-ietf-opsawg-pcapng) is a sequence of blocks, each
 * "type(4) total_length(4) body total_length(4)" in the byte order its
 * section's Section Header Block declares. A Decryption Secrets Block (type
 * 0x0000000A) carries "secrets_type(4) secrets_length(4) data padding
 * options"; secrets type 0x544c534b ("TLSK") is an NSS key log, which is what
 * `editcap --inject-secrets tls,FILE` writes.
 *
 * The walker reads through a caller-supplied read function, one block header
 * at a time, and skips every other block by its length, so packet data is
 * never parsed and a large file costs one small read per block. Every length
 * is checked before it is used; a damaged file ends the walk with the secrets
 * found so far. No allocation except the secrets data handed to the callback.
 */
#ifndef TLSI_PCAPNG_DSB_H
#define TLSI_PCAPNG_DSB_H

#include <stddef.h>
#include <stdint.h>

#include "tlsi_err.h"

#define TLSI_PCAPNG_SHB 0x0A0D0D0Au
#define TLSI_PCAPNG_DSB 0x0000000Au
#define TLSI_PCAPNG_SECRETS_TLS 0x544c534bu
/* Largest secrets block accepted; far beyond any real key log of a capture. */
#define TLSI_PCAPNG_DSB_MAX (16u * 1024 * 1024)

/* Read up to n bytes at offset off into buf; returns the bytes read (fewer
 * than n only at the end of the file), or -1 on an error. */
typedef long (*tlsi_pcapng_read_fn)(void *ctx, uint64_t off, void *buf, size_t n);
/* One TLS key log secrets block: its data (not NUL-terminated). */
typedef void (*tlsi_pcapng_secrets_fn)(void *ctx, const uint8_t *data, size_t len);

typedef struct {
    uint64_t blocks;      /* blocks walked */
    uint64_t dsbs;        /* decryption secrets blocks of any type */
    uint64_t tls_dsbs;    /* of the TLS key log type, handed to the callback */
    uint64_t end;         /* offset where the walk stopped */
    const char *why_stop; /* NULL at a clean end of file, else what was wrong */
} tlsi_pcapng_walk_stats;

/* Does this start a pcapng file (a Section Header Block type)? */
int tlsi_pcapng_magic(const uint8_t *p, size_t len);

/* Walk the file. TLSI_ERR_BAD_VALUE when it does not start with a Section
 * Header Block (not pcapng); TLSI_ERR_IO when a read failed; TLSI_ERR_NOMEM
 * when a secrets block could not be buffered; otherwise TLSI_OK, also for a
 * file that is cut short or damaged after its start (st->why_stop says so). */
tlsi_err tlsi_pcapng_dsb_walk(tlsi_pcapng_read_fn rd, void *rctx, tlsi_pcapng_secrets_fn cb,
                              void *cctx, tlsi_pcapng_walk_stats *st);

#endif
