/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of SSL 2.0 after the CLIENT-HELLO (src/sslv2_msgs.c): record
 * headers of both forms, SERVER-HELLO, CLIENT-MASTER-KEY and ERROR, the
 * record layer recognising a SERVER-HELLO, and which records the flow calls
 * encrypted. The CLIENT-MASTER-KEY is a real one, from the first connection
 * of test-captures/sslv2/sslv2-rc4export-3des.pcapng (scapy, export RC4):
 * scapy's client logged the master key 5fbbd495b0a67c46f0f4a4afecdc3f55, whose
 * first 11 bytes it sent as clear key data. The other messages are written
 * out by hand from the draft's layout.
 */
#include <string.h>

#include "record.h"
#include "sslv2_msgs.h"
#include "tcheck.h"

static const char cmk_hex[] =
    "811502020080000b010000005fbbd495b0a67c46f0f4a43374f63408c8ad87e49d642ed7"
    "7d166ae69e7f682a762f08514b0b0e74688935ca84b93d711ab96f99f37956dc232dbf32"
    "f2b4f246837e0f338e354e0d9345a7b28a918501e0d2eb7ec077bd239773492ece7b5940"
    "2d6703933ff616b5097fd996e9fecd471eb229378e30b856fefaa3224be0de3d47646866"
    "05450e2ea00a8149325527a4c5f16b2d6db1c8cd40b347c1683f72ea58158a564915d040"
    "2dd1e197942831ddd2383d65fc8bd61ceebae286b5aa56e86a07ec2ffbd1f55a499a53ef"
    "0806e9c18563cdba27f89a7c2d4a83a677d5a135a3fc2e9fb29b0067bc7cd28f91ecf96a"
    "3f52965012b1798511ac92343644dbb235a6006d3b863f32121364";

static void test_record_headers(void)
{
    /* 2-byte header of that CLIENT-MASTER-KEY; 3-byte header of a 3DES
     * record of the second connection (40 bytes, 7 of them padding). */
    static const uint8_t two[] = {0x81, 0x15}, three[] = {0x00, 0x28, 0x07};
    static const uint8_t escape[] = {0x40, 0x10, 0x00}, overpad[] = {0x00, 0x04, 0x05};
    tlsi_sslv2_rec r;

    CHECK_EQ(tlsi_sslv2_record_read(two, 2, &r), TLSI_OK);
    CHECK_EQ(r.header_len, 2);
    CHECK_EQ(r.length, 277);
    CHECK_EQ(r.padding, 0);
    CHECK_EQ(tlsi_sslv2_record_read(three, 3, &r), TLSI_OK);
    CHECK_EQ(r.header_len, 3);
    CHECK_EQ(r.length, 40);
    CHECK_EQ(r.padding, 7);
    CHECK_EQ(r.is_escape, 0);
    CHECK_EQ(tlsi_sslv2_record_read(escape, 3, &r), TLSI_OK);
    CHECK_EQ(r.is_escape, 1);
    CHECK_EQ(r.length, 16);
    CHECK_EQ(tlsi_sslv2_record_read(three, 2, &r), TLSI_ERR_SHORT);
    CHECK_EQ(tlsi_sslv2_record_read(two, 1, &r), TLSI_ERR_SHORT);
    CHECK_EQ(tlsi_sslv2_record_read(overpad, 3, &r), TLSI_ERR_BAD_LENGTH);
}

static void test_client_master_key(void)
{
    static const uint8_t master[16] = {0x5f, 0xbb, 0xd4, 0x95, 0xb0, 0xa6, 0x7c, 0x46,
                                       0xf0, 0xf4, 0xa4, 0xaf, 0xec, 0xdc, 0x3f, 0x55};
    uint8_t rec[300];
    long n = tc_unhex(cmk_hex, rec, sizeof rec);
    tlsi_sslv2_client_master_key k;
    uint32_t err_off = 0;
    size_t cut;

    CHECK_EQ(n, 279);
    CHECK_EQ(tlsi_sslv2_client_master_key_parse(rec + 2, 277, &k, &err_off), TLSI_OK);
    CHECK_EQ(k.cipher_kind, 0x020080); /* SSL_CK_RC4_128_EXPORT40_WITH_MD5 */
    CHECK_EQ(k.clear_key.off, 10);
    CHECK_EQ(k.clear_key.len, 11);
    CHECK_MEM(rec + 2 + k.clear_key.off, master, 11);
    CHECK_EQ(k.encrypted_key.off, 21);
    CHECK_EQ(k.encrypted_key.len, 256); /* RSA-2048 */
    CHECK_EQ(k.key_arg.len, 0);
    /* Every shorter message fails, never reading past it. */
    for (cut = 0; cut < 277; cut++)
        CHECK(tlsi_sslv2_client_master_key_parse(rec + 2, cut, &k, &err_off) != TLSI_OK);
    CHECK_EQ(tlsi_sslv2_client_master_key_parse(rec + 2, 276, &k, &err_off), TLSI_ERR_SHORT);
    CHECK_EQ(err_off, 21); /* the encrypted key runs past the end */
    rec[2 + 277] = 0;
    CHECK_EQ(tlsi_sslv2_client_master_key_parse(rec + 2, 278, &k, &err_off), TLSI_ERR_TRAILING);
    rec[2] = TLSI_SSLV2_MT_SERVER_HELLO;
    CHECK_EQ(tlsi_sslv2_client_master_key_parse(rec + 2, 277, &k, &err_off), TLSI_ERR_BAD_VALUE);
}

/* A SERVER-HELLO record: 2-byte header, hit 0, X.509, version 2, a 4-byte
 * stand-in certificate, two cipher specs, a 16-byte connection id. */
static size_t server_hello(uint8_t *b, uint8_t hit, uint16_t cid_len)
{
    static const uint8_t fixed[] = {4, 0, 1, 0x00, 0x02, 0, 4, 0, 6, 0, 0};
    size_t n = 2, i;

    memcpy(b + n, fixed, sizeof fixed);
    b[2 + 1] = hit;
    b[2 + 10] = (uint8_t)cid_len;
    n += sizeof fixed;
    memcpy(b + n, "\x30\x02\x05\x00", 4);
    n += 4;
    memcpy(b + n, "\x01\x00\x80\x07\x00\xc0", 6);
    n += 6;
    for (i = 0; i < cid_len; i++)
        b[n++] = (uint8_t)(0xc0 + i);
    b[0] = (uint8_t)(0x80 | (n - 2) >> 8);
    b[1] = (uint8_t)(n - 2);
    return n;
}

static void test_server_hello(void)
{
    uint8_t rec[80];
    size_t n = server_hello(rec, 0, 16);
    tlsi_sslv2_server_hello sh;
    tlsi_record_hdr h;
    uint32_t err_off = 0;

    CHECK_EQ(tlsi_sslv2_server_hello_parse(rec + 2, n - 2, &sh, &err_off), TLSI_OK);
    CHECK_EQ(sh.session_id_hit, 0);
    CHECK_EQ(sh.cert_type, 1);
    CHECK_EQ(sh.version, 0x0002);
    CHECK_EQ(sh.certificate.off, 11);
    CHECK_EQ(sh.certificate.len, 4);
    CHECK_EQ(sh.n_cipher_specs, 2);
    CHECK_EQ(sh.cipher_specs.off, 15);
    CHECK_EQ(sh.connection_id.off, 21);
    CHECK_EQ(sh.connection_id.len, 16);
    /* The record layer knows it as SSL 2.0, and only when it adds up. */
    CHECK(tlsi_sslv2_looks_like_server_hello(rec, n));
    CHECK_EQ(tlsi_record_header(rec, TLSI_RECORD_PEEK, &h), TLSI_OK);
    CHECK_EQ(h.kind, TLSI_REC_SSLV2);
    CHECK_EQ(h.content_type, TLSI_SSLV2_MT_SERVER_HELLO);
    CHECK_EQ(h.version, 0x0002);
    CHECK_EQ(h.header_len + h.length, n);
    CHECK(!tlsi_sslv2_looks_like_server_hello(rec, TLSI_RECORD_PEEK - 1));
    rec[1]++;
    CHECK(!tlsi_sslv2_looks_like_server_hello(rec, n));
    rec[1]--;
    /* A connection id outside 16..32, a spec list not of 3-byte items, a
     * hit flag other than 0/1: rejected at the field. */
    n = server_hello(rec, 0, 15);
    CHECK_EQ(tlsi_sslv2_server_hello_parse(rec + 2, n - 2, &sh, &err_off), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(err_off, TLSI_SSLV2_SH_OFF_CID_LEN);
    CHECK(!tlsi_sslv2_looks_like_server_hello(rec, n));
    n = server_hello(rec, 2, 16);
    CHECK_EQ(tlsi_sslv2_server_hello_parse(rec + 2, n - 2, &sh, &err_off), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(err_off, TLSI_SSLV2_SH_OFF_SID_HIT);
    n = server_hello(rec, 0, 16);
    rec[2 + 8] = 5;
    CHECK_EQ(tlsi_sslv2_server_hello_parse(rec + 2, n - 2, &sh, &err_off), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(err_off, TLSI_SSLV2_SH_OFF_SPECS_LEN);
}

static void test_error(void)
{
    static const uint8_t no_cipher[] = {0, 0x00, 0x01}, longer[] = {0, 0, 1, 0};
    uint16_t code = 0;
    uint32_t err_off = 0;

    CHECK_EQ(tlsi_sslv2_error_parse(no_cipher, 3, &code, &err_off), TLSI_OK);
    CHECK_EQ(code, 1);
    CHECK_EQ(tlsi_sslv2_error_parse(no_cipher, 2, &code, &err_off), TLSI_ERR_SHORT);
    CHECK_EQ(tlsi_sslv2_error_parse(longer, 4, &code, &err_off), TLSI_ERR_TRAILING);
}

static void test_flow(void)
{
    static const uint8_t ch[] = {1}, cmk[] = {2}, sh[] = {4, 0}, sh_hit[] = {4, 1}, enc[] = {9};
    tlsi_sslv2_flow f;

    /* Full handshake: clear until each side sent its keying message. */
    memset(&f, 0, sizeof f);
    CHECK_EQ(tlsi_sslv2_flow_record(&f, 0, ch, 1), 0);
    CHECK_EQ(f.server_hello, 0);
    CHECK_EQ(tlsi_sslv2_flow_record(&f, 1, sh, 2), 0);
    CHECK_EQ(f.server_hello, 1);
    CHECK_EQ(tlsi_sslv2_flow_record(&f, 0, cmk, 1), 0);
    CHECK_EQ(tlsi_sslv2_flow_record(&f, 0, ch, 1), 1); /* CLIENT-FINISHED, whatever its first byte */
    CHECK_EQ(tlsi_sslv2_flow_record(&f, 1, sh, 2), 1); /* SERVER-VERIFY */
    CHECK_EQ(tlsi_sslv2_flow_record(&f, 1, enc, 1), 1);
    /* Session-id hit: no CLIENT-MASTER-KEY, both encrypt after the SERVER-HELLO. */
    memset(&f, 0, sizeof f);
    CHECK_EQ(tlsi_sslv2_flow_record(&f, 0, ch, 1), 0);
    CHECK_EQ(tlsi_sslv2_flow_record(&f, 1, sh_hit, 2), 0);
    CHECK_EQ(tlsi_sslv2_flow_record(&f, 0, cmk, 1), 1);
    /* An empty record changes nothing. */
    memset(&f, 0, sizeof f);
    CHECK_EQ(tlsi_sslv2_flow_record(&f, 1, NULL, 0), 0);
    CHECK_EQ(f.encrypted[1], 0);
}

int main(void)
{
    test_record_headers();
    test_client_master_key();
    test_server_hello();
    test_error();
    test_flow();
    return tc_done();
}
