/* SPDX-License-Identifier: GPL-2.0-or-later */
/* record.c - TLS and SSLv2 record header framing (see record.h). */
#include "record.h"

#include "reader.h"
#include "sslv2.h"
#include "sslv2_msgs.h"

int tlsi_record_version_known(uint16_t version)
{
    /* 3.0 (SSL 3.0) to 3.4 (TLS 1.3); anything above is not a real stack. */
    return version >= 0x0300 && version <= 0x0304;
}

static unsigned header_anomalies(uint8_t type, uint16_t version, uint32_t length)
{
    unsigned a = 0;

    if (type < TLSI_CT_CHANGE_CIPHER_SPEC || type > TLSI_CT_ACK)
        a |= TLSI_REC_UNKNOWN_TYPE;
    if (!tlsi_record_version_known(version))
        a |= TLSI_REC_UNKNOWN_VERSION;
    if (length > TLSI_MAX_CIPHERTEXT)
        a |= TLSI_REC_OVER_CIPHERTEXT;
    else if (length > TLSI_MAX_PLAINTEXT)
        a |= TLSI_REC_OVER_PLAINTEXT;
    /* RFC 8446 5.1: zero-length handshake, alert or CCS fragments are not
     * allowed; zero-length application data is (a TLS 1.0 CBC countermeasure). */
    if (length == 0 && (type == TLSI_CT_HANDSHAKE || type == TLSI_CT_ALERT ||
                        type == TLSI_CT_CHANGE_CIPHER_SPEC))
        a |= TLSI_REC_ZERO_LENGTH;
    return a;
}

/* An SSLv2-format ClientHello (RFC 5246 E.2), recognised by sslv2.c, or
 * the SSL 2.0 SERVER-HELLO answering one (sslv2_msgs.c), always version 2. */
static int sslv2_hello(const uint8_t *buf, size_t len, tlsi_record_hdr *hdr)
{
    if (!tlsi_sslv2_looks_like_client_hello(buf, len) &&
        !tlsi_sslv2_looks_like_server_hello(buf, len))
        return 0;
    hdr->kind = TLSI_REC_SSLV2;
    hdr->content_type = buf[2];
    hdr->version = buf[2] == TLSI_SSLV2_MT_SERVER_HELLO ? TLSI_SSLV2_RECORD_VERSION
                                                        : tlsi_load16(buf + 3);
    hdr->header_len = 2;
    hdr->length = ((uint32_t)(buf[0] & 0x7f) << 8) | buf[1];
    hdr->anomalies = 0;
    return 1;
}

tlsi_err tlsi_record_header(const uint8_t *buf, size_t len, tlsi_record_hdr *hdr)
{
    if (len < 1)
        return TLSI_ERR_SHORT;
    /* A TLS content type is < 0x80, so a set top bit can only be SSLv2. */
    if ((buf[0] & 0x80) && sslv2_hello(buf, len, hdr))
        return TLSI_OK;
    if (len < TLSI_TLS_HEADER_LEN)
        return TLSI_ERR_SHORT;
    hdr->kind = TLSI_REC_TLS;
    hdr->content_type = buf[0];
    hdr->version = tlsi_load16(buf + 1);
    hdr->header_len = TLSI_TLS_HEADER_LEN;
    hdr->length = tlsi_load16(buf + 3);
    hdr->anomalies = header_anomalies(hdr->content_type, hdr->version, hdr->length);
    return TLSI_OK;
}

int tlsi_record_plausible(const uint8_t *buf, size_t len)
{
    tlsi_record_hdr hdr;

    if (tlsi_record_header(buf, len, &hdr) != TLSI_OK)
        return 0;
    if (hdr.kind == TLSI_REC_SSLV2)
        return 1;
    /* Heartbeat/CID/ACK exist but are too rare to trust for a guess. */
    if (hdr.content_type < TLSI_CT_CHANGE_CIPHER_SPEC ||
        hdr.content_type > TLSI_CT_HEARTBEAT)
        return 0;
    return !(hdr.anomalies & (TLSI_REC_UNKNOWN_VERSION | TLSI_REC_OVER_CIPHERTEXT |
                              TLSI_REC_ZERO_LENGTH));
}

size_t tlsi_record_resync(const uint8_t *buf, size_t len)
{
    size_t off;

    for (off = 1; off + TLSI_TLS_HEADER_LEN <= len; off++) {
        tlsi_record_hdr hdr;
        size_t next;

        if (!tlsi_record_plausible(buf + off, len - off))
            continue;
        tlsi_record_header(buf + off, len - off, &hdr);
        /* Cannot overflow: header_len <= 5 and length <= 2^14 + 2048. */
        next = off + hdr.header_len + hdr.length;
        /* A lone plausible header running past the buffer is accepted: the
         * record continues in later segments. One that ends inside must be
         * followed by another plausible header (or end exactly at the end),
         * which makes a false match inside ciphertext unlikely. */
        if (next >= len || tlsi_record_plausible(buf + next, len - next))
            return off;
    }
    return len;
}
