/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the bounds-checked reader: every read past the end must fail
 * without moving the cursor, and inner readers must be consumed exactly. */
#include "reader.h"
#include "tcheck.h"

static void test_scalars(void)
{
    const uint8_t b[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a};
    tlsi_rd r;
    uint8_t v8;
    uint16_t v16;
    uint32_t v32;

    tlsi_rd_init(&r, b, sizeof b);
    CHECK_EQ(tlsi_rd_u8(&r, &v8), TLSI_OK);
    CHECK_EQ(v8, 0x01);
    CHECK_EQ(tlsi_rd_u16(&r, &v16), TLSI_OK);
    CHECK_EQ(v16, 0x0203);
    CHECK_EQ(tlsi_rd_u24(&r, &v32), TLSI_OK);
    CHECK_EQ(v32, 0x040506);
    CHECK_EQ(tlsi_rd_u32(&r, &v32), TLSI_OK);
    CHECK_EQ(v32, 0x0708090aU);
    CHECK_EQ(tlsi_rd_left(&r), 0);
    CHECK_EQ(tlsi_rd_u8(&r, &v8), TLSI_ERR_SHORT);
}

static void test_short_reads_do_not_move(void)
{
    const uint8_t b[] = {0xaa, 0xbb};
    tlsi_rd r;
    uint32_t v32;
    const uint8_t *p;

    tlsi_rd_init(&r, b, sizeof b);
    CHECK_EQ(tlsi_rd_u24(&r, &v32), TLSI_ERR_SHORT);
    CHECK_EQ(tlsi_rd_left(&r), 2);
    CHECK_EQ(tlsi_rd_bytes(&r, 3, &p), TLSI_ERR_SHORT);
    CHECK_EQ(tlsi_rd_left(&r), 2);
    CHECK_EQ(tlsi_rd_skip(&r, (size_t)-1), TLSI_ERR_SHORT);
    CHECK_EQ(tlsi_rd_left(&r), 2);
}

static void test_vectors(void)
{
    /* u16 length 3, then 3 bytes, then a u8 length that runs past the end. */
    const uint8_t b[] = {0x00, 0x03, 0x10, 0x20, 0x30, 0x05, 0x01};
    tlsi_rd r, in;
    uint8_t v8;

    tlsi_rd_init(&r, b, sizeof b);
    CHECK_EQ(tlsi_rd_vec(&r, 2, &in), TLSI_OK);
    CHECK_EQ(tlsi_rd_left(&in), 3);
    CHECK_EQ(tlsi_rd_close(&in), TLSI_ERR_TRAILING);
    CHECK_EQ(tlsi_rd_u8(&in, &v8), TLSI_OK);
    CHECK_EQ(v8, 0x10);
    CHECK_EQ(tlsi_rd_skip(&in, 2), TLSI_OK);
    CHECK_EQ(tlsi_rd_close(&in), TLSI_OK);
    /* The inner reader must not see the outer bytes. */
    CHECK_EQ(tlsi_rd_u8(&in, &v8), TLSI_ERR_SHORT);
    /* Length 5 with only 1 byte left: fails and leaves the cursor on the length. */
    CHECK_EQ(tlsi_rd_offset(&r, b), 5);
    CHECK_EQ(tlsi_rd_vec(&r, 1, &in), TLSI_ERR_SHORT);
    CHECK_EQ(tlsi_rd_offset(&r, b), 5);
    CHECK_EQ(tlsi_rd_vec(&r, 4, &in), TLSI_ERR_BAD_VALUE);
}

/* The vector contract: the content span of a vector read at offset 0 with a
 * 2-byte length gives back the prefix at 0 and the whole vector. */
static void test_prefix_spans(void)
{
    const uint8_t b[] = {0x00, 0x03, 0x10, 0x20, 0x30};
    tlsi_rd r, in;
    tlsi_span content, p, w;

    tlsi_rd_init(&r, b, sizeof b);
    CHECK_EQ(tlsi_rd_vec(&r, 2, &in), TLSI_OK);
    content.off = tlsi_rd_offset(&in, b);
    content.len = (uint32_t)tlsi_rd_left(&in);
    CHECK_EQ(content.off, 2);
    p = tlsi_span_prefix(content, 2);
    w = tlsi_span_whole(content, 2);
    CHECK_EQ(p.off, 0);
    CHECK_EQ(p.len, 2);
    CHECK_EQ(w.off, 0);
    CHECK_EQ(w.len, sizeof b);
    /* A span too close to the start to have the prefix: no prefix. */
    p = tlsi_span_prefix(content, 3);
    CHECK_EQ(p.len, 0);
}

static void test_u24_vector_max(void)
{
    const uint8_t b[] = {0xff, 0xff, 0xff, 0x00};
    tlsi_rd r, in;
    tlsi_rd_init(&r, b, sizeof b);
    CHECK_EQ(tlsi_rd_vec(&r, 3, &in), TLSI_ERR_SHORT);
    CHECK_EQ(tlsi_rd_left(&r), 4);
}

int main(void)
{
    test_scalars();
    test_short_reads_do_not_move();
    test_vectors();
    test_prefix_spans();
    test_u24_vector_max();
    CHECK(tlsi_err_str(TLSI_ERR_BAD_MAC)[0] != '\0');
    CHECK(tlsi_err_str((tlsi_err)999)[0] != '\0');
    return tc_done();
}
