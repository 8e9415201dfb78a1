/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sslv2_msgs.c - SSL 2.0 records and messages after the CLIENT-HELLO (see sslv2_msgs.h). */
#include "sslv2_msgs.h"

#include <string.h>

#include "hs_internal.h"

#define SSL2_VERSION 0x0002
#define SSL2_SH_FIXED 11 /* SERVER-HELLO: type, hit, cert type, version, 3 lengths */

tlsi_err tlsi_sslv2_record_read(const uint8_t *buf, size_t len, tlsi_sslv2_rec *out)
{
    memset(out, 0, sizeof(*out));
    if (len < 2)
        return TLSI_ERR_SHORT;
    if (buf[0] & 0x80) {
        out->header_len = 2;
        out->length = ((uint32_t)(buf[0] & 0x7f) << 8) | buf[1];
        return TLSI_OK;
    }
    if (len < 3)
        return TLSI_ERR_SHORT;
    out->header_len = 3;
    out->length = ((uint32_t)(buf[0] & 0x3f) << 8) | buf[1];
    out->is_escape = (buf[0] & 0x40) != 0;
    out->padding = buf[2];
    /* The padding is the tail of the record's data: never longer than it. */
    return out->padding > out->length ? TLSI_ERR_BAD_LENGTH : TLSI_OK;
}

/* The three 2-byte lengths of a SERVER-HELLO, checked against the draft's
 * rules before the variable fields are read. */
static tlsi_err sh_lengths(tlsi_rd *r, const uint8_t *msg, uint16_t *cert_len,
                           uint16_t *spec_len, uint16_t *cid_len, uint32_t *err_off)
{
    uint32_t at = hs_off(r, msg);

    TLSI_CHECK(hs_u16(r, cert_len, msg, err_off));
    at = hs_off(r, msg);
    TLSI_CHECK(hs_u16(r, spec_len, msg, err_off));
    if (*spec_len % 3)
        return hs_fail(TLSI_ERR_BAD_LENGTH, at, err_off);
    at = hs_off(r, msg);
    TLSI_CHECK(hs_u16(r, cid_len, msg, err_off));
    if (*cid_len < 16 || *cid_len > 32)
        return hs_fail(TLSI_ERR_BAD_LENGTH, at, err_off);
    return TLSI_OK;
}

tlsi_err tlsi_sslv2_server_hello_parse(const uint8_t *msg, size_t len,
                                       tlsi_sslv2_server_hello *out, uint32_t *err_off)
{
    tlsi_rd r;
    uint8_t type;
    uint16_t cert_len, spec_len, cid_len;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, msg, len);
    TLSI_CHECK(hs_u8(&r, &type, msg, err_off));
    if (type != TLSI_SSLV2_MT_SERVER_HELLO)
        return hs_fail(TLSI_ERR_BAD_VALUE, 0, err_off);
    TLSI_CHECK(hs_u8(&r, &out->session_id_hit, msg, err_off));
    if (out->session_id_hit > 1)
        return hs_fail(TLSI_ERR_BAD_VALUE, TLSI_SSLV2_SH_OFF_SID_HIT, err_off);
    TLSI_CHECK(hs_u8(&r, &out->cert_type, msg, err_off));
    TLSI_CHECK(hs_u16(&r, &out->version, msg, err_off));
    TLSI_CHECK(sh_lengths(&r, msg, &cert_len, &spec_len, &cid_len, err_off));
    TLSI_CHECK(hs_fixed(&r, cert_len, &out->certificate, msg, err_off));
    TLSI_CHECK(hs_fixed(&r, spec_len, &out->cipher_specs, msg, err_off));
    out->n_cipher_specs = spec_len / 3u;
    TLSI_CHECK(hs_fixed(&r, cid_len, &out->connection_id, msg, err_off));
    return hs_close(&r, msg, err_off);
}

tlsi_err tlsi_sslv2_client_master_key_parse(const uint8_t *msg, size_t len,
                                            tlsi_sslv2_client_master_key *out, uint32_t *err_off)
{
    tlsi_rd r;
    uint8_t type;
    uint16_t clear_len, enc_len, arg_len;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, msg, len);
    TLSI_CHECK(hs_u8(&r, &type, msg, err_off));
    if (type != TLSI_SSLV2_MT_CLIENT_MASTER_KEY)
        return hs_fail(TLSI_ERR_BAD_VALUE, 0, err_off);
    TLSI_CHECK(hs_u24(&r, &out->cipher_kind, msg, err_off));
    TLSI_CHECK(hs_u16(&r, &clear_len, msg, err_off));
    TLSI_CHECK(hs_u16(&r, &enc_len, msg, err_off));
    TLSI_CHECK(hs_u16(&r, &arg_len, msg, err_off));
    TLSI_CHECK(hs_fixed(&r, clear_len, &out->clear_key, msg, err_off));
    TLSI_CHECK(hs_fixed(&r, enc_len, &out->encrypted_key, msg, err_off));
    TLSI_CHECK(hs_fixed(&r, arg_len, &out->key_arg, msg, err_off));
    return hs_close(&r, msg, err_off);
}

tlsi_err tlsi_sslv2_error_parse(const uint8_t *msg, size_t len, uint16_t *code, uint32_t *err_off)
{
    tlsi_rd r;
    uint8_t type;

    *code = 0;
    tlsi_rd_init(&r, msg, len);
    TLSI_CHECK(hs_u8(&r, &type, msg, err_off));
    if (type != TLSI_SSLV2_MT_ERROR)
        return hs_fail(TLSI_ERR_BAD_VALUE, 0, err_off);
    TLSI_CHECK(hs_u16(&r, code, msg, err_off));
    return hs_close(&r, msg, err_off);
}

int tlsi_sslv2_looks_like_server_hello(const uint8_t *buf, size_t len)
{
    const uint8_t *m = buf + 2;
    uint32_t rec_len;
    uint16_t cert_len, spec_len, cid_len;

    if (len < 2 + SSL2_SH_FIXED || !(buf[0] & 0x80) || m[0] != TLSI_SSLV2_MT_SERVER_HELLO)
        return 0;
    rec_len = ((uint32_t)(buf[0] & 0x7f) << 8) | buf[1];
    cert_len = tlsi_load16(m + TLSI_SSLV2_SH_OFF_CERT_LEN);
    spec_len = tlsi_load16(m + TLSI_SSLV2_SH_OFF_SPECS_LEN);
    cid_len = tlsi_load16(m + TLSI_SSLV2_SH_OFF_CID_LEN);
    if (m[TLSI_SSLV2_SH_OFF_SID_HIT] > 1 || tlsi_load16(m + TLSI_SSLV2_SH_OFF_VERSION) != SSL2_VERSION)
        return 0;
    if (spec_len % 3 || cid_len < 16 || cid_len > 32)
        return 0;
    /* Cannot overflow: three 16-bit values and a constant. */
    return rec_len == (uint32_t)SSL2_SH_FIXED + cert_len + spec_len + cid_len;
}

int tlsi_sslv2_flow_record(tlsi_sslv2_flow *f, int from_server, const uint8_t *msg, size_t len)
{
    unsigned dir = from_server ? 1u : 0u;

    if (f->encrypted[dir])
        return 1;
    if (len == 0)
        return 0;
    if (!from_server && msg[0] == TLSI_SSLV2_MT_CLIENT_MASTER_KEY) {
        f->encrypted[0] = 1;
    } else if (from_server && msg[0] == TLSI_SSLV2_MT_SERVER_HELLO) {
        f->server_hello = 1;
        f->encrypted[1] = 1;
        /* A session-id hit: the client goes straight to CLIENT-FINISHED. */
        if (len > TLSI_SSLV2_SH_OFF_SID_HIT && msg[TLSI_SSLV2_SH_OFF_SID_HIT] == 1)
            f->encrypted[0] = 1;
    }
    return 0;
}
