/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the start-of-TLS detector (src/detect.c): a hand-written
 * ClientHello (RFC 5246 7.4.1.2 layout) in a record, cut and corrupted, and
 * plaintext that imitates a record header. */
#include "detect.h"
#include "tcheck.h"

/* record(22, 3.1, 47) handshake(1, 43) version 3.3, random, sid<0>,
 * suites<2> {0x1301}, compression<1> {0}, extensions<2> {} */
static uint8_t hello[] = {
    0x16, 0x03, 0x01, 0x00, 0x2f,
    0x01, 0x00, 0x00, 0x2b,
    0x03, 0x03,
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
    0x00,
    0x00, 0x02, 0x13, 0x01,
    0x01, 0x00,
    0x00, 0x00,
};

static void test_client_hello(void)
{
    CHECK_EQ(tlsi_detect_hello(hello, sizeof hello), TLSI_DETECT_CLIENT_HELLO);
    /* Cut anywhere after the session id length: judged on what is there. */
    for (size_t n = 5 + 4 + 35; n < sizeof hello; n++)
        CHECK_EQ(tlsi_detect_hello(hello, n), TLSI_DETECT_CLIENT_HELLO);
    /* Before it: too little to judge. */
    for (size_t n = 0; n < 5 + 4 + 35; n++)
        CHECK_EQ(tlsi_detect_hello(hello, n), TLSI_DETECT_NONE);
}

static void test_corrupt(void)
{
    uint8_t b[sizeof hello];

    /* Odd cipher suite vector length. */
    memcpy(b, hello, sizeof b);
    b[5 + 4 + 35 + 1] = 0x03;
    CHECK_EQ(tlsi_detect_hello(b, sizeof b), TLSI_DETECT_NONE);
    /* legacy_version not 3.x. */
    memcpy(b, hello, sizeof b);
    b[9] = 0x20;
    CHECK_EQ(tlsi_detect_hello(b, sizeof b), TLSI_DETECT_NONE);
    /* Handshake length one more than the fields: the hello runs into the
     * next record, which is not there: still framed so far. One less: the
     * extensions block overruns the message. */
    memcpy(b, hello, sizeof b);
    b[8] = 0x2a;
    CHECK_EQ(tlsi_detect_hello(b, sizeof b), TLSI_DETECT_NONE);
    /* Not a hello: a Certificate message type. */
    memcpy(b, hello, sizeof b);
    b[5] = 11;
    CHECK_EQ(tlsi_detect_hello(b, sizeof b), TLSI_DETECT_NONE);
    /* Record version not 3.x. */
    memcpy(b, hello, sizeof b);
    b[1] = 0x20;
    CHECK_EQ(tlsi_detect_hello(b, sizeof b), TLSI_DETECT_NONE);
}

static void test_plaintext(void)
{
    /* Text that starts like a handshake record: 0x16 0x03 0x01, then ASCII. */
    static const uint8_t fake[] = "\x16\x03\x01\x00\x30\x01\x00\x00\x2cHELO mail.example.com "
                                  "and some more plaintext here";
    static const uint8_t smtp[] = "220 mail.example.test ESMTP ready\r\n";

    CHECK_EQ(tlsi_detect_hello(fake, sizeof fake - 1), TLSI_DETECT_NONE);
    CHECK_EQ(tlsi_detect_hello(smtp, sizeof smtp - 1), TLSI_DETECT_NONE);
}

int main(void)
{
    test_client_hello();
    test_corrupt();
    test_plaintext();
    return tc_done();
}
