/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the RFC 6520 HeartbeatMessage parser. Messages are written
 * out by hand from RFC 6520 section 4 (type, payload_length, payload,
 * padding of at least 16 bytes). */
#include "heartbeat.h"
#include "tcheck.h"

static void test_request(void)
{
    /* heartbeat_request, payload "abcd" (4), 16 bytes of padding. */
    uint8_t b[3 + 4 + 16] = {1, 0x00, 0x04, 'a', 'b', 'c', 'd'};
    tlsi_heartbeat hb;

    CHECK_EQ(tlsi_heartbeat_parse(b, sizeof b, &hb), TLSI_OK);
    CHECK_EQ(hb.type, 1);
    CHECK_EQ(hb.payload_length, 4);
    CHECK_EQ(hb.payload.off, 3);
    CHECK_EQ(hb.payload.len, 4);
    CHECK_EQ(hb.padding.off, 7);
    CHECK_EQ(hb.padding.len, 16);
    CHECK_EQ(hb.overrun, 0);
    CHECK_EQ(hb.short_padding, 0);
    /* One padding byte less than RFC 6520 requires. */
    CHECK_EQ(tlsi_heartbeat_parse(b, sizeof b - 1, &hb), TLSI_OK);
    CHECK_EQ(hb.padding.len, 15);
    CHECK_EQ(hb.short_padding, 1);
}

static void test_heartbleed(void)
{
    /* The CVE-2014-0160 probe: payload_length 0x4000 in a 3-byte message. */
    const uint8_t probe[] = {1, 0x40, 0x00};
    /* payload_length one more than the bytes after it. */
    const uint8_t one_over[] = {2, 0x00, 0x05, 'a', 'b', 'c', 'd'};
    tlsi_heartbeat hb;

    CHECK_EQ(tlsi_heartbeat_parse(probe, sizeof probe, &hb), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(hb.overrun, 1);
    CHECK_EQ(hb.payload_length, 0x4000);
    CHECK_EQ(hb.payload.len, 0);
    CHECK_EQ(hb.padding.len, 0);
    CHECK_EQ(tlsi_heartbeat_parse(one_over, sizeof one_over, &hb), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(hb.type, 2);
    CHECK_EQ(hb.overrun, 1);
    CHECK_EQ(hb.payload.len, 4);
    /* Exactly filled: no overrun, no padding (too short, but framed). */
    {
        const uint8_t exact[] = {1, 0x00, 0x02, 'h', 'i'};
        CHECK_EQ(tlsi_heartbeat_parse(exact, sizeof exact, &hb), TLSI_OK);
        CHECK_EQ(hb.overrun, 0);
        CHECK_EQ(hb.padding.len, 0);
        CHECK_EQ(hb.short_padding, 1);
    }
}

static void test_short(void)
{
    const uint8_t b[] = {1, 0x00};
    tlsi_heartbeat hb;

    for (size_t n = 0; n <= sizeof b; n++)
        CHECK_EQ(tlsi_heartbeat_parse(b, n, &hb), TLSI_ERR_SHORT);
}

int main(void)
{
    test_request();
    test_heartbleed();
    test_short();
    return tc_done();
}
