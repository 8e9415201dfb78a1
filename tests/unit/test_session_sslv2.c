/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of a session opened by an SSLv2-format ClientHello (RFC 5246
 * E.2): the challenge is the client random, right-aligned in 32 bytes and
 * zero-padded on the left; a record that is not such a hello leaves the
 * session untouched. The bytes are written out by hand from the RFC layout.
 */
#include <stdlib.h>

#include "record.h"
#include "session.h"
#include "sslv2.h"
#include "tcheck.h"

/* Record header 80 LL, CLIENT-HELLO (1), version, one TLS suite spec
 * (00 00 2f), no session id, a challenge of chal_len bytes 0xa0, 0xa1, ... */
static size_t v2_hello(uint8_t *b, uint16_t version, unsigned chal_len)
{
    size_t n = 0;
    unsigned i;

    b[n++] = 0x80;
    b[n++] = (uint8_t)(9 + 3 + chal_len);
    b[n++] = 1;
    b[n++] = (uint8_t)(version >> 8);
    b[n++] = (uint8_t)version;
    b[n++] = 0;
    b[n++] = 3;
    b[n++] = 0;
    b[n++] = 0;
    b[n++] = 0;
    b[n++] = (uint8_t)chal_len;
    b[n++] = 0x00;
    b[n++] = 0x00;
    b[n++] = 0x2f;
    for (i = 0; i < chal_len; i++)
        b[n++] = (uint8_t)(0xa0 + i);
    return n;
}

static void test_client_random(unsigned chal_len)
{
    uint8_t rec[64], want[32] = {0};
    size_t n = v2_hello(rec, 0x0301, chal_len);
    tlsi_session *s = tlsi_session_new();
    const tlsi_session_info *in = tlsi_session_get_info(s);
    tlsi_record_hdr h;
    unsigned i;

    /* The record layer and the parser agree that this is one. */
    CHECK_EQ(tlsi_record_header(rec, n, &h), TLSI_OK);
    CHECK_EQ(h.kind, TLSI_REC_SSLV2);
    CHECK_EQ(h.header_len + h.length, n);
    CHECK_EQ(tlsi_session_sslv2_client_hello(s, rec, n), TLSI_OK);
    CHECK(in->have_client_random);
    for (i = 0; i < chal_len; i++)
        want[32 - chal_len + i] = (uint8_t)(0xa0 + i);
    CHECK_MEM(in->client_random, want, 32);
    tlsi_session_free(s);
}

static void test_not_a_hello(void)
{
    uint8_t rec[64];
    size_t n = v2_hello(rec, 0x0303, 16);
    tlsi_session *s = tlsi_session_new();

    /* Cut short, and a challenge of 15 bytes: refused, nothing learned. */
    CHECK_EQ(tlsi_session_sslv2_client_hello(s, rec, n - 1), TLSI_ERR_SHORT);
    rec[10] = 15;
    rec[1]--;
    CHECK(tlsi_session_sslv2_client_hello(s, rec, n - 1) != TLSI_OK);
    CHECK(!tlsi_session_get_info(s)->have_client_random);
    tlsi_session_free(s);
}

/* The one detection: the record layer sees an SSLv2 hello exactly when the
 * sslv2 module does, for every version field. */
static void test_one_detection(void)
{
    uint8_t rec[64];
    size_t n = v2_hello(rec, 0, 16);
    unsigned v;

    for (v = 0; v <= 0x0400; v++) {
        tlsi_record_hdr h;
        int is_v2;
        rec[3] = (uint8_t)(v >> 8);
        rec[4] = (uint8_t)v;
        is_v2 = tlsi_record_header(rec, n, &h) == TLSI_OK && h.kind == TLSI_REC_SSLV2;
        CHECK_EQ(is_v2, tlsi_sslv2_looks_like_client_hello(rec, n));
        CHECK_EQ(is_v2, v == 0x0002 || (v >= 0x0300 && v <= 0x0304));
    }
}

int main(void)
{
    test_client_random(16);
    test_client_random(20);
    test_client_random(32);
    test_not_a_hello();
    test_one_detection();
    return tc_done();
}
