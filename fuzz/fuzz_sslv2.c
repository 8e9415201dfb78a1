/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for the SSL 2.0 CLIENT-HELLO (sslv2.h).
 *
 * The input is an SSLv2 record (header first). The harness parses it, walks
 * the cipher specs and looks their names up, and checks: spans inside the
 * buffer, the spec count matching the span, and that a buffer the stream
 * heuristic takes for a ClientHello really parses as one when the whole
 * record is present.
 */
#include <stddef.h>
#include <stdint.h>

#include "cipher_suites.h"
#include "fuzz_util.h"
#include "names.h"
#include "sslv2.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = fz_dup(data, size);
    tlsi_sslv2_client_hello ch;
    uint32_t err_off = 0, i;
    tlsi_err e;
    int looks;

    if (!buf)
        return 0;
    e = tlsi_sslv2_client_hello_parse(buf, size, &ch, &err_off);
    looks = tlsi_sslv2_looks_like_client_hello(buf, size);
    FZ_SPAN(ch.cipher_specs, size);
    FZ_SPAN(ch.session_id, size);
    FZ_SPAN(ch.challenge, size);
    if (e == TLSI_OK) {
        FZ_ASSERT(ch.cipher_specs.len == 3 * ch.n_cipher_specs);
        FZ_ASSERT(ch.n_cipher_specs > 0);
        FZ_ASSERT(ch.session_id.len == 0 || ch.session_id.len == 16);
        FZ_ASSERT(ch.challenge.len >= 16 && ch.challenge.len <= 32);
        FZ_ASSERT((uint64_t)ch.record_len + 2 <= size);
        for (i = 0; i < ch.n_cipher_specs; i++) {
            uint32_t kind = tlsi_sslv2_cipher_at(buf + ch.cipher_specs.off + 3 * i);
            if (kind >> 16 == 0)
                (void)tlsi_suite_name((uint16_t)kind);
            else
                (void)tlsi_name_lookup(tlsi_sslv2_cipher_names, kind);
        }
    } else {
        FZ_ASSERT(err_off <= size);
    }
    /* The heuristic looks at the first 11 bytes only; with the whole record
     * present the parser must agree. */
    if (looks && size >= 2) {
        uint32_t rec_len = ((uint32_t)(buf[0] & 0x7f) << 8) | buf[1];
        if (rec_len + 2 <= size) {
            e = tlsi_sslv2_client_hello_parse(buf, rec_len + 2, &ch, &err_off);
            FZ_ASSERT(e == TLSI_OK);
        }
    }
    free(buf);
    return 0;
}
