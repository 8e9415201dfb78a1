/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sslv2_msgs.h - an SSL 2.0 connection after its CLIENT-HELLO
 * (draft-hickman-netscape-ssl-00): the record header in both its forms,
 * the SERVER-HELLO, CLIENT-MASTER-KEY and ERROR messages that travel in
 * the clear, and which records of a connection are encrypted (all the
 * others: CLIENT-FINISHED, SERVER-VERIFY, data, ...). tlsi, like the
 * built-in dissector, does not decrypt SSL 2.0. sslv2.c owns the
 * CLIENT-HELLO.
 *
 * Record header: when the top bit of the first byte is set, 2 bytes and a
 * 15-bit length; otherwise 3 bytes, a 14-bit length, the is-escape bit
 * (0x40) and a padding length (the last bytes of the record are padding).
 * Message spans are offsets from the first byte after the record header.
 */
#ifndef TLSI_SSLV2_MSGS_H
#define TLSI_SSLV2_MSGS_H

#include <stddef.h>
#include <stdint.h>

#include "reader.h"
#include "tlsi_err.h"

/* SSL 2.0 message types (the draft's MSG-* values). */
enum {
    TLSI_SSLV2_MT_ERROR = 0,
    TLSI_SSLV2_MT_CLIENT_HELLO = 1,
    TLSI_SSLV2_MT_CLIENT_MASTER_KEY = 2,
    TLSI_SSLV2_MT_CLIENT_FINISHED = 3,
    TLSI_SSLV2_MT_SERVER_HELLO = 4,
    TLSI_SSLV2_MT_SERVER_VERIFY = 5,
    TLSI_SSLV2_MT_SERVER_FINISHED = 6,
    TLSI_SSLV2_MT_REQUEST_CERTIFICATE = 7,
    TLSI_SSLV2_MT_CLIENT_CERTIFICATE = 8,
};

typedef struct {
    uint32_t header_len; /* 2 or 3 */
    uint32_t length;     /* bytes after the header, padding included */
    uint8_t padding;     /* 3-byte header: how many of those bytes are padding */
    uint8_t is_escape;   /* 3-byte header: the is-escape bit */
} tlsi_sslv2_rec;

/* Read a record header at buf. TLSI_ERR_SHORT when the header is not all
 * there; TLSI_ERR_BAD_LENGTH when the padding is longer than the record. */
tlsi_err tlsi_sslv2_record_read(const uint8_t *buf, size_t len, tlsi_sslv2_rec *out);

/* SERVER-HELLO: msg_type (4), session_id_hit, certificate_type,
 * server_version, then three 2-byte lengths and the certificate, the cipher
 * specs (3 bytes each) and the connection id (16..32 bytes). */
typedef struct {
    uint8_t session_id_hit;
    uint8_t cert_type;
    uint16_t version;
    tlsi_span certificate;
    tlsi_span cipher_specs;
    uint32_t n_cipher_specs;
    tlsi_span connection_id;
} tlsi_sslv2_server_hello;

/* Offsets of the fixed SERVER-HELLO fields from the message start. */
enum {
    TLSI_SSLV2_SH_OFF_SID_HIT = 1,
    TLSI_SSLV2_SH_OFF_CERT_TYPE = 2,
    TLSI_SSLV2_SH_OFF_VERSION = 3,
    TLSI_SSLV2_SH_OFF_CERT_LEN = 5,
    TLSI_SSLV2_SH_OFF_SPECS_LEN = 7,
    TLSI_SSLV2_SH_OFF_CID_LEN = 9,
};

/* CLIENT-MASTER-KEY: msg_type (2), cipher_kind (3 bytes), three 2-byte
 * lengths, then the clear key, the encrypted key and the key argument. */
typedef struct {
    uint32_t cipher_kind;
    tlsi_span clear_key;
    tlsi_span encrypted_key;
    tlsi_span key_arg;
} tlsi_sslv2_client_master_key;

enum {
    TLSI_SSLV2_CMK_OFF_CIPHER = 1,
    TLSI_SSLV2_CMK_OFF_CLEAR_LEN = 4,
    TLSI_SSLV2_CMK_OFF_ENC_LEN = 6,
    TLSI_SSLV2_CMK_OFF_ARG_LEN = 8,
};

/* msg is the record's content without the header and without padding.
 * Errors as in handshake.h: *err_off is the offset (from msg) of the field
 * in error; the struct holds what was read before it. */
tlsi_err tlsi_sslv2_server_hello_parse(const uint8_t *msg, size_t len,
                                       tlsi_sslv2_server_hello *out, uint32_t *err_off);
tlsi_err tlsi_sslv2_client_master_key_parse(const uint8_t *msg, size_t len,
                                            tlsi_sslv2_client_master_key *out, uint32_t *err_off);
/* ERROR: msg_type (0) and a 2-byte error code. */
tlsi_err tlsi_sslv2_error_parse(const uint8_t *msg, size_t len, uint16_t *code, uint32_t *err_off);

/* 1 when buf starts with a self-consistent SSL 2.0 SERVER-HELLO record
 * (2-byte header; session_id_hit 0 or 1, version 0x0002, lengths that add
 * up to the record's). Like tlsi_sslv2_looks_like_client_hello, it lets the
 * record layer tell an SSL 2.0 server from a TLS one. */
int tlsi_sslv2_looks_like_server_hello(const uint8_t *buf, size_t len);

/* Which records of an SSL 2.0 connection travel in the clear. A direction
 * starts encrypting after it sent its key material: the client after its
 * CLIENT-MASTER-KEY, the server after its SERVER-HELLO; with a session-id
 * hit the client sends no CLIENT-MASTER-KEY and encrypts after the
 * SERVER-HELLO too. */
typedef struct {
    uint8_t server_hello;  /* a SERVER-HELLO was seen: the connection is SSL 2.0 */
    uint8_t encrypted[2];  /* by direction (0 client, 1 server): records are encrypted */
} tlsi_sslv2_flow;

/* Account for the next record of a direction, whose content (after the
 * header) starts with msg (len may be 0). Returns 1 when the record is
 * encrypted, 0 when it is a clear message. */
int tlsi_sslv2_flow_record(tlsi_sslv2_flow *f, int from_server, const uint8_t *msg, size_t len);

#endif
