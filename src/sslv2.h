/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sslv2.h - the SSL 2.0 CLIENT-HELLO, which old clients still send as their
 * first flight to offer SSL 3.0 / TLS (RFC 5246 Appendix E.2,
 * draft-hickman-netscape-ssl-00).
 *
 * The message arrives in an SSL 2.0 record with a two-byte header whose high
 * bit is set: length = ((b0 & 0x7f) << 8) | b1. Then
 *     uint8  msg_type (1);  uint16 version;
 *     uint16 cipher_spec_length (a multiple of 3);
 *     uint16 session_id_length (0 or 16);  uint16 challenge_length (16..32);
 *     V2CipherSpec cipher_specs[cipher_spec_length / 3];  (3 bytes each)
 *     opaque session_id[session_id_length];  opaque challenge[challenge_length];
 * Spans are offsets from the start of the record header.
 */
#ifndef TLSI_SSLV2_H
#define TLSI_SSLV2_H

#include <stddef.h>
#include <stdint.h>

#include "reader.h"
#include "tlsi_err.h"

/* The version of the record format itself (SSL 2.0). */
#define TLSI_SSLV2_RECORD_VERSION 0x0002

/* Offsets of the fixed fields from the start of the record header. */
enum {
    TLSI_SSLV2_OFF_MSG_TYPE = 2,
    TLSI_SSLV2_OFF_VERSION = 3,
    TLSI_SSLV2_OFF_SPECS_LEN = 5,
    TLSI_SSLV2_OFF_SID_LEN = 7,
    TLSI_SSLV2_OFF_CHALLENGE_LEN = 9,
};

typedef struct {
    uint32_t record_len; /* from the record header: bytes after it */
    uint16_t version;    /* highest version the client supports */
    tlsi_span
        cipher_specs; /* 3-byte items: 0x00XXYY is TLS suite XXYY, else tlsi_sslv2_cipher_names */
    uint32_t n_cipher_specs;
    tlsi_span session_id;
    tlsi_span challenge;
} tlsi_sslv2_client_hello;

/* buf starts at the record header. Errors as in handshake.h: *err_off is the
 * offset (from buf) of the field in error. Bytes after the record are not read. */
tlsi_err tlsi_sslv2_client_hello_parse(const uint8_t *buf, size_t len, tlsi_sslv2_client_hello *out,
                                       uint32_t *err_off);

/* The one SSLv2 detection (the record layer uses it too): 1 when the first
 * 11 bytes are a self-consistent SSL 2.0 CLIENT-HELLO header (needs
 * len >= 11): msg_type 1, version 0x0002 or a known record version
 * (tlsi_record_version_known), and lengths that add up to the record's. */
int tlsi_sslv2_looks_like_client_hello(const uint8_t *buf, size_t len);

/* The cipher kind of the 3-byte spec at p. */
static inline uint32_t tlsi_sslv2_cipher_at(const uint8_t *p)
{
    return tlsi_load24(p);
}

#endif
