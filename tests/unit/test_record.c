/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of record framing: header forms, anomaly flags, plausibility and
 * resync. Header bytes are written out by hand from RFC 8446 5.1 / RFC 6101 E.2. */
#include "record.h"
#include "tcheck.h"

static void test_tls_header(void)
{
    /* handshake, TLS 1.0 record version (as ClientHellos use), length 0x00c8 */
    const uint8_t b[] = {0x16, 0x03, 0x01, 0x00, 0xc8};
    tlsi_record_hdr h;

    CHECK_EQ(tlsi_record_header(b, sizeof b, &h), TLSI_OK);
    CHECK_EQ(h.kind, TLSI_REC_TLS);
    CHECK_EQ(h.content_type, 22);
    CHECK_EQ(h.version, 0x0301);
    CHECK_EQ(h.length, 200);
    CHECK_EQ(h.header_len, 5);
    CHECK_EQ(h.anomalies, 0);
    /* Every cut of the header is short, never a partial read. */
    for (size_t n = 0; n < sizeof b; n++)
        CHECK_EQ(tlsi_record_header(b, n, &h), TLSI_ERR_SHORT);
}

static void test_anomalies(void)
{
    tlsi_record_hdr h;
    const uint8_t unknown_type[] = {0x63, 0x03, 0x03, 0x00, 0x10};
    const uint8_t unknown_ver[] = {0x17, 0x04, 0x00, 0x00, 0x10};
    const uint8_t over_plain[] = {0x17, 0x03, 0x03, 0x40, 0x01};   /* 16385 */
    const uint8_t at_cipher_max[] = {0x17, 0x03, 0x03, 0x48, 0x00}; /* 18432 */
    const uint8_t over_cipher[] = {0x17, 0x03, 0x03, 0x48, 0x01};  /* 18433 */
    const uint8_t zero_hs[] = {0x16, 0x03, 0x03, 0x00, 0x00};
    const uint8_t zero_app[] = {0x17, 0x03, 0x01, 0x00, 0x00};

    tlsi_record_header(unknown_type, 5, &h);
    CHECK(h.anomalies & TLSI_REC_UNKNOWN_TYPE);
    tlsi_record_header(unknown_ver, 5, &h);
    CHECK(h.anomalies & TLSI_REC_UNKNOWN_VERSION);
    tlsi_record_header(over_plain, 5, &h);
    CHECK_EQ(h.anomalies, TLSI_REC_OVER_PLAINTEXT);
    tlsi_record_header(at_cipher_max, 5, &h);
    CHECK_EQ(h.anomalies, TLSI_REC_OVER_PLAINTEXT);
    tlsi_record_header(over_cipher, 5, &h);
    CHECK_EQ(h.anomalies, TLSI_REC_OVER_CIPHERTEXT);
    tlsi_record_header(zero_hs, 5, &h);
    CHECK_EQ(h.anomalies, TLSI_REC_ZERO_LENGTH);
    tlsi_record_header(zero_app, 5, &h);
    CHECK_EQ(h.anomalies, 0);
    CHECK(!tlsi_record_plausible(unknown_type, 5));
    CHECK(!tlsi_record_plausible(over_cipher, 5));
    CHECK(!tlsi_record_plausible(zero_hs, 5));
    CHECK(tlsi_record_plausible(zero_app, 5));
}

static void test_sslv2(void)
{
    /* SSLv2 ClientHello: len 0x8034 (52) = 9 + 3*9 cipher specs (27) + 0 sid + 16 challenge,
     * msg 1, version 3.1, spec len 27, sid len 0, challenge len 16. */
    uint8_t b[2 + 52];
    tlsi_record_hdr h;

    memset(b, 0x11, sizeof b);
    b[0] = 0x80;
    b[1] = 52;
    b[2] = 1;
    b[3] = 0x03;
    b[4] = 0x01;
    b[5] = 0;
    b[6] = 27;
    b[7] = 0;
    b[8] = 0;
    b[9] = 0;
    b[10] = 16;
    CHECK_EQ(tlsi_record_header(b, sizeof b, &h), TLSI_OK);
    CHECK_EQ(h.kind, TLSI_REC_SSLV2);
    CHECK_EQ(h.version, 0x0301);
    CHECK_EQ(h.header_len, 2);
    CHECK_EQ(h.length, 52);
    CHECK(tlsi_record_plausible(b, sizeof b));
    /* Lengths that do not add up: not SSLv2, and not a TLS header either. */
    b[1] = 53;
    CHECK(!tlsi_record_plausible(b, sizeof b));
    b[1] = 52;
    b[6] = 26; /* not a multiple of 3 */
    CHECK(!tlsi_record_plausible(b, sizeof b));
    b[6] = 27;
    b[10] = 15; /* challenge shorter than 16 */
    CHECK(!tlsi_record_plausible(b, sizeof b));
}

static void test_resync(void)
{
    /* 3 bytes of the tail of an earlier record, then two whole records. */
    const uint8_t b[] = {0xaa, 0x17, 0x03,                   /* junk that resembles a header */
                         0x17, 0x03, 0x03, 0x00, 0x02, 0x01, 0x02,
                         0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00};
    CHECK_EQ(tlsi_record_resync(b, sizeof b), 3);
    /* Nothing plausible: the whole buffer is skipped. */
    const uint8_t junk[] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07};
    CHECK_EQ(tlsi_record_resync(junk, sizeof junk), sizeof junk);
    /* A header whose record ends inside the buffer followed by junk is rejected. */
    const uint8_t fake[] = {0x00, 0x17, 0x03, 0x03, 0x00, 0x01, 0xff, 0x99, 0x98, 0x97, 0x96, 0x95};
    CHECK_EQ(tlsi_record_resync(fake, sizeof fake), sizeof fake);
    CHECK_EQ(tlsi_record_resync(b, 0), 0);
}

int main(void)
{
    test_tls_header();
    test_anomalies();
    test_sslv2();
    test_resync();
    return tc_done();
}
