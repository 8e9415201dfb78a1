/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for the pcapng secrets block walker (pcapng_dsb.c): the
 * input is a pcapng file, read through a reader that checks every request
 * lies where the walker may look, and each TLS secrets block found is fed
 * to a key log store as the plugin does (dsb_files.c). Invariants: the
 * walker never asks for a negative or wrapping range, stops, and hands over
 * secrets that lie inside the file. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dsb_files.h"
#include "fuzz_util.h"
#include "keylog.h"
#include "pcapng_dsb.h"

typedef struct {
    const uint8_t *data;
    size_t size;
    uint64_t reads;
} fuzz_pcapng_file;

static long fuzz_pcapng_read(void *ctx, uint64_t off, void *buf, size_t n)
{
    fuzz_pcapng_file *f = (fuzz_pcapng_file *)ctx;

    FZ_ASSERT(n > 0 && n <= TLSI_PCAPNG_DSB_MAX);
    FZ_ASSERT(off + n >= off);
    /* Each read moves on: a walk over a file of size bytes makes at most a
     * couple of reads per 12 bytes. */
    FZ_ASSERT(++f->reads <= 3 * (f->size / 12 + 2));
    if (off >= f->size)
        return 0;
    size_t got = f->size - (size_t)off < n ? f->size - (size_t)off : n;
    memcpy(buf, f->data + off, got);
    return (long)got;
}

static void fuzz_pcapng_secrets(void *ctx, const uint8_t *data, size_t len)
{
    FZ_ASSERT(len > 0 && len <= TLSI_PCAPNG_DSB_MAX);
    tlsi_dsb_add_text((tlsi_keylog *)ctx, data, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_pcapng_file f = {data, size, 0};
    tlsi_pcapng_walk_stats st;
    tlsi_keylog *kl = tlsi_keylog_create();

    if (!kl)
        return 0;
    tlsi_err err = tlsi_pcapng_dsb_walk(fuzz_pcapng_read, &f, fuzz_pcapng_secrets, kl, &st);
    FZ_ASSERT(err == TLSI_OK || err == TLSI_ERR_BAD_VALUE || err == TLSI_ERR_NOMEM);
    FZ_ASSERT(st.tls_dsbs <= st.dsbs && st.dsbs <= st.blocks);
    /* The walk stops at most one block length past the end of the file (a
     * last block whose length runs past it is skipped, then nothing reads). */
    FZ_ASSERT(st.end <= (uint64_t)size + UINT32_MAX);
    tlsi_keylog_free(kl);
    return 0;
}
