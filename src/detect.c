/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * detect.c - recognises the first record of a TLS connection (detect.h).
 */
#include "detect.h"

#include "handshake.h"
#include "record.h"
#include "sslv2.h"

/* legacy_version (2) + random (32) + session id length (1): what a partial
 * hello must at least hold to be judged. */
#define HELLO_MIN_PREFIX 35u

static int version_is_3x(uint16_t v)
{
    return v >= 0x0300 && v <= 0x0304;
}

/* The hello body (after its 4-byte header), of which `have` bytes of
 * `body_len` are present. A complete body must parse; a partial one must
 * fail only for lack of bytes. */
static int hello_body_ok(uint8_t type, const uint8_t *body, size_t have, uint32_t body_len)
{
    uint32_t off = 0;
    tlsi_err e;
    int complete = have >= body_len;
    size_t n = complete ? body_len : have;

    if (n < HELLO_MIN_PREFIX)
        return 0;
    if (type == TLSI_HS_CLIENT_HELLO) {
        tlsi_client_hello ch;
        if (!version_is_3x(tlsi_load16(body)))
            return 0;
        e = tlsi_client_hello_parse(body, n, &ch, &off);
    } else {
        tlsi_server_hello sh;
        uint16_t v = tlsi_load16(body);
        /* TLS 1.3 drafts 0x7f0e..0x7f1c answered with their draft number. */
        if (!version_is_3x(v) && !(v >= 0x7f0e && v <= 0x7f1c))
            return 0;
        e = tlsi_server_hello_parse(body, n, &sh, &off);
    }
    if (!complete)
        return e == TLSI_ERR_SHORT || e == TLSI_OK;
    /* A duplicate extension is reported by tlsi, but the hello is framed. */
    return e == TLSI_OK || e == TLSI_ERR_DUPLICATE;
}

tlsi_detect tlsi_detect_hello(const uint8_t *buf, size_t len)
{
    tlsi_record_hdr hdr;
    uint32_t body_len;
    size_t have;
    uint8_t type;

    if (len >= 1 && (buf[0] & 0x80))
        return tlsi_sslv2_looks_like_client_hello(buf, len) ? TLSI_DETECT_SSLV2_HELLO
                                                             : TLSI_DETECT_NONE;
    if (len < TLSI_TLS_HEADER_LEN + 4 || tlsi_record_header(buf, len, &hdr) != TLSI_OK)
        return TLSI_DETECT_NONE;
    if (hdr.kind != TLSI_REC_TLS || hdr.content_type != TLSI_CT_HANDSHAKE ||
        !version_is_3x(hdr.version) || hdr.length < 4 || hdr.length > TLSI_MAX_PLAINTEXT)
        return TLSI_DETECT_NONE;
    type = buf[TLSI_TLS_HEADER_LEN];
    if (type != TLSI_HS_CLIENT_HELLO && type != TLSI_HS_SERVER_HELLO)
        return TLSI_DETECT_NONE;
    body_len = tlsi_load24(buf + TLSI_TLS_HEADER_LEN + 1);
    /* A hello larger than its record continues in the next record (RFC 8446
     * 5.1 allows it); otherwise it must fit in the record it starts. */
    have = len - TLSI_TLS_HEADER_LEN - 4; /* cannot underflow: checked above */
    if (have > hdr.length - 4)
        have = hdr.length - 4; /* bytes of this record only */
    if (!hello_body_ok(type, buf + TLSI_TLS_HEADER_LEN + 4, have, body_len))
        return TLSI_DETECT_NONE;
    return type == TLSI_HS_CLIENT_HELLO ? TLSI_DETECT_CLIENT_HELLO : TLSI_DETECT_SERVER_HELLO;
}
