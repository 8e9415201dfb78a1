/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for SSL 2.0 (sslv2.h, sslv2_msgs.h).
 *
 * The input is an SSLv2 record (header first). The harness parses it, walks
 * the cipher specs and looks their names up, and checks: spans inside the
 * buffer, the spec count matching the span, and that a buffer the stream
 * heuristic takes for a ClientHello really parses as one when the whole
 * record is present. Then it reads the input as one direction of an SSL 2.0
 * connection (the server's when it starts with a SERVER-HELLO): record
 * headers of both forms, the clear messages through their parsers, the
 * others through the flow; spans and error offsets stay in their message.
 */
#include <stddef.h>
#include <stdint.h>

#include "cipher_suites.h"
#include "fuzz_util.h"
#include "names.h"
#include "sslv2.h"
#include "sslv2_msgs.h"

/* One clear message (msg, len): every parser that could apply. */
static void sslv2_msg(const uint8_t *msg, size_t len)
{
    tlsi_sslv2_server_hello sh;
    tlsi_sslv2_client_master_key k;
    uint32_t err_off = 0;
    uint16_t code;
    tlsi_err e;

    e = tlsi_sslv2_server_hello_parse(msg, len, &sh, &err_off);
    FZ_SPAN(sh.certificate, len);
    FZ_SPAN(sh.cipher_specs, len);
    FZ_SPAN(sh.connection_id, len);
    if (e == TLSI_OK) {
        FZ_ASSERT(sh.cipher_specs.len == 3 * sh.n_cipher_specs);
        FZ_ASSERT(sh.connection_id.len >= 16 && sh.connection_id.len <= 32);
        FZ_ASSERT(sh.connection_id.off + sh.connection_id.len == len);
    } else {
        FZ_ASSERT(err_off <= len);
    }
    e = tlsi_sslv2_client_master_key_parse(msg, len, &k, &err_off);
    FZ_SPAN(k.clear_key, len);
    FZ_SPAN(k.encrypted_key, len);
    FZ_SPAN(k.key_arg, len);
    if (e == TLSI_OK)
        FZ_ASSERT(k.key_arg.off + k.key_arg.len == len);
    else
        FZ_ASSERT(err_off <= len);
    e = tlsi_sslv2_error_parse(msg, len, &code, &err_off);
    FZ_ASSERT(e != TLSI_OK ? err_off <= len : len == 3);
}

/* The input as one direction of an SSL 2.0 connection, record by record. */
static void sslv2_stream(const uint8_t *buf, size_t size)
{
    tlsi_sslv2_flow flow = {0};
    tlsi_sslv2_rec r;
    int from_server = size > 2 && buf[2] == TLSI_SSLV2_MT_SERVER_HELLO;
    size_t pos = 0;

    while (pos < size && tlsi_sslv2_record_read(buf + pos, size - pos, &r) == TLSI_OK) {
        size_t left = size - pos - r.header_len;
        size_t msg_len = r.length - r.padding; /* padding <= length: checked by the reader */
        const uint8_t *msg = buf + pos + r.header_len;

        FZ_ASSERT(r.header_len == 2 || r.header_len == 3);
        if (msg_len > left)
            msg_len = left;
        if (!tlsi_sslv2_flow_record(&flow, from_server, msg, msg_len))
            sslv2_msg(msg, msg_len);
        if (r.length > left)
            break;
        pos += r.header_len + r.length;
    }
}

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
    sslv2_stream(buf, size);
    free(buf);
    return 0;
}
