/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sslv2.c - the SSL 2.0 CLIENT-HELLO (see sslv2.h). */
#include "sslv2.h"

#include <string.h>

#include "hs_internal.h"
#include "record.h"

#define SSL2_MT_CLIENT_HELLO 1
#define SSL2_HEADER_AND_FIXED 11 /* 2-byte record header + 9 bytes of fixed fields */

tlsi_err tlsi_sslv2_client_hello_parse(const uint8_t *buf, size_t len, tlsi_sslv2_client_hello *out,
                                       uint32_t *err_off)
{
    tlsi_rd r, rec;
    uint8_t b0, b1, type;
    uint16_t spec_len, sid_len, chal_len;
    uint32_t at;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, buf, len);
    TLSI_CHECK(hs_u8(&r, &b0, buf, err_off));
    TLSI_CHECK(hs_u8(&r, &b1, buf, err_off));
    /* Only the two-byte header (no padding) is used for CLIENT-HELLO. */
    if (!(b0 & 0x80))
        return hs_fail(TLSI_ERR_BAD_VALUE, 0, err_off);
    out->record_len = ((uint32_t)(b0 & 0x7f) << 8) | b1;
    if (tlsi_rd_sub(&r, out->record_len, &rec) != TLSI_OK)
        return hs_fail(TLSI_ERR_SHORT, 0, err_off);

    TLSI_CHECK(hs_u8(&rec, &type, buf, err_off));
    if (type != SSL2_MT_CLIENT_HELLO)
        return hs_fail(TLSI_ERR_BAD_VALUE, 2, err_off);
    TLSI_CHECK(hs_u16(&rec, &out->version, buf, err_off));
    at = hs_off(&rec, buf);
    TLSI_CHECK(hs_u16(&rec, &spec_len, buf, err_off));
    if (spec_len == 0 || spec_len % 3)
        return hs_fail(TLSI_ERR_BAD_LENGTH, at, err_off);
    at = hs_off(&rec, buf);
    TLSI_CHECK(hs_u16(&rec, &sid_len, buf, err_off));
    if (sid_len != 0 && sid_len != 16)
        return hs_fail(TLSI_ERR_BAD_LENGTH, at, err_off);
    at = hs_off(&rec, buf);
    TLSI_CHECK(hs_u16(&rec, &chal_len, buf, err_off));
    if (chal_len < 16 || chal_len > 32)
        return hs_fail(TLSI_ERR_BAD_LENGTH, at, err_off);

    TLSI_CHECK(hs_fixed(&rec, spec_len, &out->cipher_specs, buf, err_off));
    out->n_cipher_specs = spec_len / 3u;
    TLSI_CHECK(hs_fixed(&rec, sid_len, &out->session_id, buf, err_off));
    TLSI_CHECK(hs_fixed(&rec, chal_len, &out->challenge, buf, err_off));
    return hs_close(&rec, buf, err_off);
}

int tlsi_sslv2_looks_like_client_hello(const uint8_t *buf, size_t len)
{
    uint32_t rec_len;
    uint16_t version, spec_len, sid_len, chal_len;

    if (len < SSL2_HEADER_AND_FIXED || !(buf[0] & 0x80) ||
        buf[TLSI_SSLV2_OFF_MSG_TYPE] != SSL2_MT_CLIENT_HELLO)
        return 0;
    rec_len = ((uint32_t)(buf[0] & 0x7f) << 8) | buf[1];
    version = tlsi_load16(buf + TLSI_SSLV2_OFF_VERSION);
    spec_len = tlsi_load16(buf + TLSI_SSLV2_OFF_SPECS_LEN);
    sid_len = tlsi_load16(buf + TLSI_SSLV2_OFF_SID_LEN);
    chal_len = tlsi_load16(buf + TLSI_SSLV2_OFF_CHALLENGE_LEN);
    /* SSL 2.0 itself, or SSL 3.0 and later offered through a v2 hello. TLS
     * 1.3 forbids sending one (RFC 8446 D.5) but a broken client's 0x0304
     * is still this kind of record, so every record version tlsi knows counts. */
    if (version != 0x0002 && !tlsi_record_version_known(version))
        return 0;
    if (spec_len == 0 || spec_len % 3 || (sid_len != 0 && sid_len != 16) || chal_len < 16 ||
        chal_len > 32)
        return 0;
    return rec_len == 9u + spec_len + sid_len + chal_len;
}
