/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for the extension block iterator and the per-extension
 * parsers (extensions.h).
 *
 * Input: byte 0 picks the message context (ClientHello, ServerHello, HRR,
 * EncryptedExtensions, NewSessionTicket, CertificateRequest, Certificate);
 * the rest is the content of an extension block (after its u16 length). The
 * block is walked in that context with every entry decoded and every list in
 * it iterated (fuzz_walk.h); then every entry is decoded once more in each of
 * the other contexts, since the plugin may meet any type in any message.
 */
#include <stddef.h>
#include <stdint.h>

#include "extensions.h"
#include "fuzz_util.h"
#include "fuzz_walk.h"

#define FEXT_NCTX 7

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tlsi_ext_iter it;
    tlsi_ext_ctx ctx;
    tlsi_span block;
    tlsi_ext ext;
    uint8_t *buf;
    size_t len;

    if (size < 1)
        return 0;
    ctx = (tlsi_ext_ctx)(data[0] % FEXT_NCTX);
    len = size - 1;
    buf = fz_dup(data + 1, len);
    if (!buf)
        return 0;
    block.off = 0;
    block.len = (uint32_t)(len > 0xffff ? 0xffff : len);
    fz_walk_ext_block(buf, len, block, ctx);

    tlsi_ext_iter_init(&it, buf, block, ctx);
    while (tlsi_ext_next(&it, &ext)) {
        for (int c = 0; c < FEXT_NCTX; c++) {
            tlsi_ext_value v;
            uint32_t err_off = 0;
            tlsi_err e;
            if (c == (int)ctx)
                continue;
            e = tlsi_ext_parse(buf, &ext, (tlsi_ext_ctx)c, &v, &err_off);
            fz_walk_ext_value(buf, len, &v, e == TLSI_OK || e == TLSI_ERR_DUPLICATE);
        }
    }
    free(buf);
    return 0;
}
