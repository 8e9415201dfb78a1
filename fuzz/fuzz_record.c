/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for record framing and resync (record.h).
 *
 * The input is one direction of a TCP stream. The harness frames it the way
 * the plugin does: at each position it reads a record header; a record that
 * fits is stepped over, one that does not is where the stream was cut; where
 * no plausible header is found (a capture that starts mid-record) it resyncs.
 * It also asks the heuristic questions at every offset of the first bytes.
 *
 * Invariants checked: a header never claims more header bytes than it was
 * given; resync returns an offset in 1..len, and one below len holds a
 * plausible header; "plausible" implies a readable header; an SSLv2 header
 * whose record is complete parses as an SSLv2 ClientHello; the walk always
 * advances, so it ends.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "record.h"
#include "sslv2.h"

static void frec_check_header(const uint8_t *buf, size_t len)
{
    tlsi_record_hdr hdr;
    tlsi_err e = tlsi_record_header(buf, len, &hdr);
    int plausible = tlsi_record_plausible(buf, len);

    if (e != TLSI_OK) {
        FZ_ASSERT(e == TLSI_ERR_SHORT);
        FZ_ASSERT(!plausible);
        return;
    }
    FZ_ASSERT(hdr.header_len <= len);
    if (hdr.kind == TLSI_REC_TLS) {
        FZ_ASSERT(hdr.header_len == TLSI_TLS_HEADER_LEN);
        FZ_ASSERT(hdr.length <= 0xffff);
        FZ_ASSERT(hdr.content_type == buf[0]);
        if (hdr.content_type < TLSI_CT_CHANGE_CIPHER_SPEC || hdr.content_type > TLSI_CT_ACK)
            FZ_ASSERT(hdr.anomalies & TLSI_REC_UNKNOWN_TYPE);
        if (hdr.length == 0 && (buf[0] == TLSI_CT_HANDSHAKE || buf[0] == TLSI_CT_ALERT))
            FZ_ASSERT(hdr.anomalies & TLSI_REC_ZERO_LENGTH);
        if (hdr.length > TLSI_MAX_CIPHERTEXT)
            FZ_ASSERT(!plausible);
    } else {
        FZ_ASSERT(hdr.kind == TLSI_REC_SSLV2);
        FZ_ASSERT(hdr.header_len == 2 || hdr.header_len == 3);
        FZ_ASSERT(hdr.length <= 0x7fff);
        /* The record framing and the message parser agree on what an SSLv2
         * ClientHello is. */
        if ((uint64_t)hdr.header_len + hdr.length <= len) {
            tlsi_sslv2_client_hello ch;
            uint32_t err_off = 0;
            tlsi_err pe = tlsi_sslv2_client_hello_parse(buf, hdr.header_len + hdr.length, &ch,
                                                        &err_off);
            FZ_ASSERT(pe == TLSI_OK);
            FZ_SPAN(ch.cipher_specs, hdr.header_len + hdr.length);
            FZ_SPAN(ch.session_id, hdr.header_len + hdr.length);
            FZ_SPAN(ch.challenge, hdr.header_len + hdr.length);
            FZ_ASSERT(ch.cipher_specs.len == 3 * ch.n_cipher_specs);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = fz_dup(data, size);
    size_t pos = 0, steps = 0, i;

    if (!buf)
        return 0;
    /* The heuristic and header questions at each of the first offsets. */
    for (i = 0; i < size && i < 64; i++) {
        frec_check_header(buf + i, size - i);
        (void)tlsi_sslv2_looks_like_client_hello(buf + i, size - i);
    }
    /* Frame the stream. */
    while (pos < size) {
        tlsi_record_hdr hdr;
        size_t left = size - pos, r;

        FZ_ASSERT(++steps <= size); /* every step advances */
        if (tlsi_record_header(buf + pos, left, &hdr) == TLSI_OK &&
            (pos == 0 || tlsi_record_plausible(buf + pos, left))) {
            size_t whole = (size_t)hdr.header_len + hdr.length;
            if (whole > left)
                break; /* the stream was cut inside this record */
            if (hdr.kind == TLSI_REC_SSLV2)
                frec_check_header(buf + pos, whole);
            pos += whole;
            continue;
        }
        r = tlsi_record_resync(buf + pos, left);
        FZ_ASSERT(r >= 1 && r <= left);
        if (r < left) {
            FZ_ASSERT(tlsi_record_plausible(buf + pos + r, left - r));
            FZ_ASSERT(r + TLSI_TLS_HEADER_LEN <= left);
        }
        pos += r;
    }
    free(buf);
    return 0;
}
