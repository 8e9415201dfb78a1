/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_extensions.c - the extension block iterator and per-extension parsers,
 * on extension bodies built by hand from the RFC structs (the expected values
 * are written next to each byte string), plus cuts at every length.
 */
#include <string.h>

#include "extensions.h"
#include "tcheck.h"

static unsigned char buf[4096];

/* Parse hex as the data of one extension of the given type. */
static tlsi_err parse_hex(uint16_t type, tlsi_ext_ctx ctx, const char *hex, tlsi_ext_value *v,
                          uint32_t *off, size_t *n_out)
{
    long n = tc_unhex(hex, buf, sizeof(buf));
    tlsi_ext ext = {type, {0, (uint32_t)n}, {0, (uint32_t)n}, TLSI_OK};
    if (n_out)
        *n_out = (size_t)n;
    *off = 0xdead;
    return tlsi_ext_parse(buf, &ext, ctx, v, off);
}

static void test_iterator(void)
{
    /* supported_groups {x25519}, ec_point_formats {uncompressed}, then
     * supported_groups again (empty data): the third entry is a duplicate. */
    long n = tc_unhex("000a 0004 0002 001d"
                      "000b 0002 0100"
                      "000a 0000",
                      buf, sizeof(buf));
    tlsi_span block = {0, (uint32_t)n};
    tlsi_ext_iter it;
    tlsi_ext e;
    uint32_t count, off;

    CHECK_EQ(n, 18);
    tlsi_ext_iter_init(&it, buf, block, TLSI_EXT_CTX_CLIENT_HELLO);
    CHECK(tlsi_ext_next(&it, &e));
    CHECK_EQ(e.type, 10);
    CHECK_EQ(e.span.off, 0);
    CHECK_EQ(e.span.len, 8);
    CHECK_EQ(e.data.off, 4);
    CHECK_EQ(e.data.len, 4);
    CHECK_EQ(e.err, TLSI_OK);
    CHECK(tlsi_ext_next(&it, &e));
    CHECK_EQ(e.type, 11);
    CHECK_EQ(e.data.off, 12);
    CHECK_EQ(e.data.len, 2);
    CHECK_EQ(e.err, TLSI_OK);
    CHECK(tlsi_ext_next(&it, &e));
    CHECK_EQ(e.type, 10);
    CHECK_EQ(e.span.off, 14);
    CHECK_EQ(e.data.len, 0);
    CHECK_EQ(e.err, TLSI_ERR_DUPLICATE);
    CHECK(!tlsi_ext_next(&it, &e));
    CHECK_EQ(it.err, TLSI_OK);
    CHECK_EQ(it.count, 3);

    CHECK_EQ(tlsi_ext_block_check(buf, block, TLSI_EXT_CTX_CLIENT_HELLO, &count, &off),
             TLSI_ERR_DUPLICATE);
    CHECK_EQ(count, 3);
    CHECK_EQ(off, 14);

    CHECK(tlsi_ext_find(buf, block, 11, &e));
    CHECK_EQ(e.data.off, 12);
    CHECK(!tlsi_ext_find(buf, block, 43, &e));

    /* Every cut of the first two entries' block: cuts on an entry boundary
     * are complete blocks, all others are SHORT at the entry that overruns. */
    for (uint32_t k = 0; k < 14; k++) {
        tlsi_span cut = {0, k};
        tlsi_err err = tlsi_ext_block_check(buf, cut, TLSI_EXT_CTX_CLIENT_HELLO, &count, &off);
        if (k == 0 || k == 8) {
            CHECK_EQ(err, TLSI_OK);
        } else {
            CHECK_EQ(err, TLSI_ERR_SHORT);
            /* the type or length field of the broken entry */
            CHECK(off == (k < 8 ? 0u : 8u) || off == (k < 8 ? 2u : 10u));
        }
    }

    /* An entry whose length runs past the block: SHORT at its length field. */
    n = tc_unhex("0017 0000  0000 0005 0000", buf, sizeof(buf));
    block.len = (uint32_t)n;
    CHECK_EQ(tlsi_ext_block_check(buf, block, TLSI_EXT_CTX_CLIENT_HELLO, &count, &off),
             TLSI_ERR_SHORT);
    CHECK_EQ(off, 6);
    CHECK_EQ(count, 1);

    /* RFC 8446 4.2.11: pre_shared_key (41 = 0x29) must come last in a ClientHello. */
    n = tc_unhex("0029 0000  0017 0000", buf, sizeof(buf));
    block.len = (uint32_t)n;
    tlsi_ext_iter_init(&it, buf, block, TLSI_EXT_CTX_CLIENT_HELLO);
    CHECK(tlsi_ext_next(&it, &e));
    CHECK_EQ(e.err, TLSI_ERR_BAD_VALUE);
    CHECK(tlsi_ext_next(&it, &e));
    CHECK_EQ(e.err, TLSI_OK);
    /* ...but only in a ClientHello. */
    CHECK_EQ(tlsi_ext_block_check(buf, block, TLSI_EXT_CTX_SERVER_HELLO, NULL, &off), TLSI_OK);
    n = tc_unhex("0017 0000  0029 0000", buf, sizeof(buf));
    block.len = (uint32_t)n;
    CHECK_EQ(tlsi_ext_block_check(buf, block, TLSI_EXT_CTX_CLIENT_HELLO, NULL, &off), TLSI_OK);
}

static void test_server_name(void)
{
    tlsi_ext_value v;
    uint32_t off;
    tlsi_list_iter it;
    tlsi_server_name sn;

    /* list length 14; host_name(0), length 11, "example.com" */
    CHECK_EQ(parse_hex(0, TLSI_EXT_CTX_CLIENT_HELLO, "000e 00 000b 6578616d706c652e636f6d", &v,
                       &off, NULL),
             TLSI_OK);
    CHECK(v.parsed);
    CHECK_EQ(v.u.server_name.names.count, 1);
    CHECK_EQ(v.u.server_name.names.items.off, 2);
    CHECK_EQ(v.u.server_name.names.items.len, 14);
    CHECK_EQ(v.u.server_name.host_name.off, 5);
    CHECK_EQ(v.u.server_name.host_name.len, 11);
    CHECK_MEM(buf + 5, "example.com", 11);
    tlsi_list_iter_init(&it, buf, &v.u.server_name.names);
    CHECK(tlsi_list_server_name_next(&it, &sn));
    CHECK_EQ(sn.name_type, 0);
    CHECK_EQ(sn.name.off, 5);
    CHECK_EQ(sn.type_span.off, 2); /* name_type, u16 length, name */
    CHECK_EQ(sn.type_span.len, 1);
    CHECK(!tlsi_list_server_name_next(&it, &sn));

    /* Two host_names: RFC 6066 3 forbids two names of one type. */
    CHECK_EQ(parse_hex(0, TLSI_EXT_CTX_CLIENT_HELLO, "0008 00 0001 61  00 0001 62", &v, &off, NULL),
             TLSI_ERR_DUPLICATE);
    CHECK_EQ(off, 6);
    CHECK_EQ(v.u.server_name.names.count, 2);
    CHECK_EQ(v.u.server_name.host_name.off, 5); /* the first one */

    /* HostName is opaque<1..2^16-1>. */
    CHECK_EQ(parse_hex(0, TLSI_EXT_CTX_CLIENT_HELLO, "0003 00 0000", &v, &off, NULL),
             TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 3);
    /* The list is <1..2^16-1>. */
    CHECK_EQ(parse_hex(0, TLSI_EXT_CTX_CLIENT_HELLO, "0000", &v, &off, NULL), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 0);
    /* The server's acknowledgement is empty. */
    CHECK_EQ(parse_hex(0, TLSI_EXT_CTX_SERVER_HELLO, "", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.server_name.names.count, 0);
    CHECK_EQ(parse_hex(0, TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS, "", &v, &off, NULL), TLSI_OK);
    /* Trailing byte after the list. */
    CHECK_EQ(parse_hex(0, TLSI_EXT_CTX_CLIENT_HELLO, "0004 00 0001 61 ff", &v, &off, NULL),
             TLSI_ERR_TRAILING);
    CHECK_EQ(off, 6);
}

static void test_alpn(void)
{
    tlsi_ext_value v;
    uint32_t off;
    tlsi_list_iter it;
    tlsi_span p;

    /* list length 12: "h2" (2), "http/1.1" (8) */
    CHECK_EQ(parse_hex(16, TLSI_EXT_CTX_CLIENT_HELLO, "000c 02 6832 08 687474702f312e31", &v, &off,
                       NULL),
             TLSI_OK);
    CHECK_EQ(v.u.alpn.protocols.count, 2);
    CHECK_EQ(v.u.alpn.first.off, 3);
    CHECK_EQ(v.u.alpn.first.len, 2);
    tlsi_list_iter_init(&it, buf, &v.u.alpn.protocols);
    CHECK(tlsi_list_opaque8_next(&it, &p));
    CHECK(tlsi_list_opaque8_next(&it, &p));
    CHECK_EQ(p.off, 6);
    CHECK_EQ(p.len, 8);
    CHECK_MEM(buf + p.off, "http/1.1", 8);
    CHECK(!tlsi_list_opaque8_next(&it, &p));

    /* RFC 7301 3.1: the server selects exactly one name. */
    CHECK_EQ(parse_hex(16, TLSI_EXT_CTX_SERVER_HELLO, "0003 02 6832", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(parse_hex(16, TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS, "000c 02 6832 08 687474702f312e31",
                       &v, &off, NULL),
             TLSI_ERR_BAD_VALUE);
    CHECK_EQ(off, 0);
    /* ProtocolName is opaque<1..2^8-1>. */
    CHECK_EQ(parse_hex(16, TLSI_EXT_CTX_CLIENT_HELLO, "0003 00 0161", &v, &off, NULL),
             TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 2);
    /* Item longer than the list. */
    CHECK_EQ(parse_hex(16, TLSI_EXT_CTX_CLIENT_HELLO, "0003 05 6161 61", &v, &off, NULL),
             TLSI_ERR_SHORT);
    CHECK_EQ(off, 2);

    /* ALPS in the ClientHello has the ALPN shape. */
    CHECK_EQ(parse_hex(17513, TLSI_EXT_CTX_CLIENT_HELLO, "0003 02 6832", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.alpn.protocols.count, 1);
    /* NPN: the server's list fills the data without an outer length. */
    CHECK_EQ(
        parse_hex(13172, TLSI_EXT_CTX_SERVER_HELLO, "02 6832 08 687474702f312e31", &v, &off, NULL),
        TLSI_OK);
    CHECK_EQ(v.u.alpn.protocols.count, 2);
    CHECK_EQ(v.u.alpn.first.off, 1);
}

static void test_lists(void)
{
    tlsi_ext_value v;
    uint32_t off;
    tlsi_list_iter it;
    uint16_t x;
    uint8_t b;

    /* supported_groups: x25519 (0x001d), secp256r1 (0x0017) */
    CHECK_EQ(parse_hex(10, TLSI_EXT_CTX_CLIENT_HELLO, "0004 001d 0017", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.u16_list.count, 2);
    tlsi_list_iter_init(&it, buf, &v.u.u16_list);
    CHECK(tlsi_list_u16_next(&it, &x));
    CHECK_EQ(x, 0x1d);
    CHECK(tlsi_list_u16_next(&it, &x));
    CHECK_EQ(x, 0x17);
    CHECK(!tlsi_list_u16_next(&it, &x));
    CHECK_EQ(parse_hex(10, TLSI_EXT_CTX_CLIENT_HELLO, "0003 001d 00", &v, &off, NULL),
             TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 0);
    CHECK_EQ(parse_hex(10, TLSI_EXT_CTX_CLIENT_HELLO, "0000", &v, &off, NULL), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(parse_hex(10, TLSI_EXT_CTX_CLIENT_HELLO, "0004 001d", &v, &off, NULL), TLSI_ERR_SHORT);
    CHECK_EQ(off, 0);

    /* signature_algorithms: ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256 */
    CHECK_EQ(parse_hex(13, TLSI_EXT_CTX_CERTIFICATE_REQUEST, "0004 0403 0804", &v, &off, NULL),
             TLSI_OK);
    CHECK_EQ(v.u.u16_list.count, 2);
    CHECK_EQ(v.u.u16_list.items.off, 2);
    CHECK_EQ(parse_hex(50, TLSI_EXT_CTX_CLIENT_HELLO, "0002 0807", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.u16_list.count, 1);

    /* ec_point_formats: uncompressed */
    CHECK_EQ(parse_hex(11, TLSI_EXT_CTX_CLIENT_HELLO, "01 00", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.u8_list.count, 1);
    tlsi_list_iter_init(&it, buf, &v.u.u8_list);
    CHECK(tlsi_list_u8_next(&it, &b));
    CHECK_EQ(b, 0);
    CHECK_EQ(parse_hex(11, TLSI_EXT_CTX_CLIENT_HELLO, "00", &v, &off, NULL), TLSI_ERR_BAD_LENGTH);

    /* psk_key_exchange_modes: psk_dhe_ke */
    CHECK_EQ(parse_hex(45, TLSI_EXT_CTX_CLIENT_HELLO, "01 01", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.u8_list.count, 1);

    /* compress_certificate: zlib, brotli (u8 length of u16 items) */
    CHECK_EQ(parse_hex(27, TLSI_EXT_CTX_CLIENT_HELLO, "04 0001 0002", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.u16_list.count, 2);
    CHECK_EQ(parse_hex(27, TLSI_EXT_CTX_CLIENT_HELLO, "03 0001 00", &v, &off, NULL),
             TLSI_ERR_BAD_LENGTH);

    /* use_srtp: one profile (SRTP_AES128_CM_HMAC_SHA1_80 = 0x0001), empty MKI */
    CHECK_EQ(parse_hex(14, TLSI_EXT_CTX_CLIENT_HELLO, "0002 0001 00", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.use_srtp.profiles.count, 1);
    CHECK_EQ(v.u.use_srtp.mki.off, 5);
    CHECK_EQ(v.u.use_srtp.mki.len, 0);

    /* certificate_authorities: one DN of 3 bytes */
    CHECK_EQ(parse_hex(47, TLSI_EXT_CTX_CLIENT_HELLO, "0005 0003 300100", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.certificate_authorities.count, 1);
    /* the list is <3..2^16-1> */
    CHECK_EQ(parse_hex(47, TLSI_EXT_CTX_CLIENT_HELLO, "0000", &v, &off, NULL), TLSI_ERR_BAD_LENGTH);

    /* oid_filters: OID 55 1d 25 (extKeyUsage) with empty values */
    CHECK_EQ(parse_hex(48, TLSI_EXT_CTX_CERTIFICATE_REQUEST, "0006 03 551d25 0000", &v, &off, NULL),
             TLSI_OK);
    CHECK_EQ(v.u.oid_filters.count, 1);
    {
        tlsi_oid_filter f;
        tlsi_list_iter_init(&it, buf, &v.u.oid_filters);
        CHECK(tlsi_list_oid_filter_next(&it, &f));
        CHECK_EQ(f.oid.off, 3);
        CHECK_EQ(f.oid.len, 3);
        CHECK_EQ(f.values.off, 8);
        CHECK_EQ(f.values.len, 0);
        CHECK_EQ(f.entry.off, 2); /* u8 length, OID, u16 length */
        CHECK_EQ(f.entry.len, 6);
    }

    /* signed_certificate_timestamp: empty request; server list of one 3-byte SCT */
    CHECK_EQ(parse_hex(18, TLSI_EXT_CTX_CLIENT_HELLO, "", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(parse_hex(18, TLSI_EXT_CTX_SERVER_HELLO, "0005 0003 010203", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.scts.count, 1);
    CHECK_EQ(parse_hex(18, TLSI_EXT_CTX_CLIENT_HELLO, "00", &v, &off, NULL), TLSI_ERR_TRAILING);
}

static void test_tls13(void)
{
    tlsi_ext_value v;
    uint32_t off;
    tlsi_list_iter it;
    tlsi_key_share_entry ks;

    /* key_share, ClientHello: list length 11; x25519 with a 2-byte key
     * (offsets 2..7), secp256r1 with a 1-byte key (offsets 8..12). */
    CHECK_EQ(parse_hex(51, TLSI_EXT_CTX_CLIENT_HELLO, "000b 001d 0002 aabb 0017 0001 cc", &v, &off,
                       NULL),
             TLSI_OK);
    CHECK_EQ(v.u.key_share.shares.count, 2);
    tlsi_list_iter_init(&it, buf, &v.u.key_share.shares);
    CHECK(tlsi_list_key_share_next(&it, &ks));
    CHECK_EQ(ks.group, 0x1d);
    CHECK_EQ(ks.key_exchange.off, 6);
    CHECK_EQ(ks.key_exchange.len, 2);
    CHECK_EQ(ks.entry.off, 2);
    CHECK_EQ(ks.entry.len, 6);
    CHECK(tlsi_list_key_share_next(&it, &ks));
    CHECK_EQ(ks.group, 0x17);
    CHECK_EQ(ks.key_exchange.off, 12);
    CHECK_EQ(ks.key_exchange.len, 1);
    CHECK_EQ(ks.entry.off, 8);
    CHECK_EQ(ks.entry.len, 5);
    CHECK(!tlsi_list_key_share_next(&it, &ks));
    /* empty client_shares is legal (the client waits for a HelloRetryRequest) */
    CHECK_EQ(parse_hex(51, TLSI_EXT_CTX_CLIENT_HELLO, "0000", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.key_share.shares.count, 0);
    /* key_exchange<1..2^16-1> */
    CHECK_EQ(parse_hex(51, TLSI_EXT_CTX_CLIENT_HELLO, "0004 001d 0000", &v, &off, NULL),
             TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 4);
    /* ServerHello: one entry */
    CHECK_EQ(parse_hex(51, TLSI_EXT_CTX_SERVER_HELLO, "001d 0002 aabb", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.key_share.group, 0x1d);
    CHECK_EQ(v.u.key_share.key_exchange.off, 4);
    CHECK_EQ(v.u.key_share.key_exchange.len, 2);
    /* HelloRetryRequest: the group alone */
    CHECK_EQ(parse_hex(51, TLSI_EXT_CTX_HELLO_RETRY_REQUEST, "0017", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.key_share.group, 0x17);
    CHECK_EQ(parse_hex(51, TLSI_EXT_CTX_HELLO_RETRY_REQUEST, "0017 00", &v, &off, NULL),
             TLSI_ERR_TRAILING);
    CHECK_EQ(off, 2);

    /* supported_versions: client list {TLS 1.3 draft 28, TLS 1.3}; server selection */
    CHECK_EQ(parse_hex(43, TLSI_EXT_CTX_CLIENT_HELLO, "04 7f1c 0304", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.supported_versions.versions.count, 2);
    CHECK_EQ(v.u.supported_versions.versions.items.off, 1);
    CHECK_EQ(parse_hex(43, TLSI_EXT_CTX_SERVER_HELLO, "0304", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.supported_versions.selected, 0x0304);
    CHECK_EQ(parse_hex(43, TLSI_EXT_CTX_HELLO_RETRY_REQUEST, "0304", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.supported_versions.selected, 0x0304);
    CHECK_EQ(parse_hex(43, TLSI_EXT_CTX_CLIENT_HELLO, "03 0304 03", &v, &off, NULL),
             TLSI_ERR_BAD_LENGTH);
}

static void test_pre_shared_key(void)
{
    tlsi_ext_value v;
    uint32_t off;
    tlsi_list_iter it;
    tlsi_psk_identity id;
    tlsi_span sp;
    char hex[512];

    /* pre_shared_key, ClientHello: identities length 11 = (2 + "abcde") + age 1;
     * binders length 33 = one 32-byte binder. */
    strcpy(hex, "000b 0005 6162636465 00000001  0021 20");
    for (int i = 0; i < 32; i++)
        strcat(hex, "ee");
    CHECK_EQ(parse_hex(41, TLSI_EXT_CTX_CLIENT_HELLO, hex, &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.pre_shared_key.identities.count, 1);
    CHECK_EQ(v.u.pre_shared_key.binders.count, 1);
    CHECK_EQ(v.u.pre_shared_key.binders_vec.off, 13);
    CHECK_EQ(v.u.pre_shared_key.binders_vec.len, 35);
    tlsi_list_iter_init(&it, buf, &v.u.pre_shared_key.identities);
    CHECK(tlsi_list_psk_identity_next(&it, &id));
    CHECK_EQ(id.identity.off, 4);
    CHECK_EQ(id.identity.len, 5);
    CHECK_EQ(id.obfuscated_ticket_age, 1);
    CHECK_EQ(id.age.off, 9);
    CHECK_EQ(id.age.len, 4);
    CHECK_EQ(id.entry.off, 2); /* u16 length, identity, u32 age */
    CHECK_EQ(id.entry.len, 11);
    tlsi_list_iter_init(&it, buf, &v.u.pre_shared_key.binders);
    CHECK(tlsi_list_opaque8_next(&it, &sp));
    CHECK_EQ(sp.off, 16);
    CHECK_EQ(sp.len, 32);
    /* two binders for one identity */
    strcpy(hex, "000b 0005 6162636465 00000001  0042 20");
    for (int i = 0; i < 32; i++)
        strcat(hex, "ee");
    strcat(hex, "20");
    for (int i = 0; i < 32; i++)
        strcat(hex, "dd");
    CHECK_EQ(parse_hex(41, TLSI_EXT_CTX_CLIENT_HELLO, hex, &v, &off, NULL), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(off, 13);
    /* a 31-byte binder (PskBinderEntry is opaque<32..255>) */
    strcpy(hex, "000b 0005 6162636465 00000001  0020 1f");
    for (int i = 0; i < 31; i++)
        strcat(hex, "ee");
    CHECK_EQ(parse_hex(41, TLSI_EXT_CTX_CLIENT_HELLO, hex, &v, &off, NULL), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 13); /* the binders vector is below its floor of 33 */
    /* ServerHello: selected_identity */
    CHECK_EQ(parse_hex(41, TLSI_EXT_CTX_SERVER_HELLO, "0000", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.pre_shared_key.selected_identity, 0);
}

static void test_tls13_misc(void)
{
    tlsi_ext_value v;
    uint32_t off;

    /* early_data: empty in ClientHello / EncryptedExtensions; u32 in NewSessionTicket */
    CHECK_EQ(parse_hex(42, TLSI_EXT_CTX_CLIENT_HELLO, "", &v, &off, NULL), TLSI_OK);
    CHECK(!v.u.early_data.has_max);
    CHECK_EQ(parse_hex(42, TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS, "00", &v, &off, NULL),
             TLSI_ERR_TRAILING);
    CHECK_EQ(parse_hex(42, TLSI_EXT_CTX_NEW_SESSION_TICKET, "00004000", &v, &off, NULL), TLSI_OK);
    CHECK(v.u.early_data.has_max);
    CHECK_EQ(v.u.early_data.max_early_data_size, 16384);
    CHECK_EQ(parse_hex(42, TLSI_EXT_CTX_NEW_SESSION_TICKET, "000040", &v, &off, NULL),
             TLSI_ERR_SHORT);

    /* cookie<1..2^16-1> */
    CHECK_EQ(parse_hex(44, TLSI_EXT_CTX_HELLO_RETRY_REQUEST, "0003 010203", &v, &off, NULL),
             TLSI_OK);
    CHECK_EQ(v.u.cookie.off, 2);
    CHECK_EQ(v.u.cookie.len, 3);
    CHECK_EQ(parse_hex(44, TLSI_EXT_CTX_CLIENT_HELLO, "0000", &v, &off, NULL), TLSI_ERR_BAD_LENGTH);

    /* post_handshake_auth is empty */
    CHECK_EQ(parse_hex(49, TLSI_EXT_CTX_CLIENT_HELLO, "", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(parse_hex(49, TLSI_EXT_CTX_CLIENT_HELLO, "01", &v, &off, NULL), TLSI_ERR_TRAILING);
    CHECK_EQ(off, 0);

    /* status_request: ClientHello ocsp with no responders or extensions;
     * TLS 1.2 ServerHello: empty; TLS 1.3 CertificateEntry: ocsp + 3-byte response */
    CHECK_EQ(parse_hex(5, TLSI_EXT_CTX_CLIENT_HELLO, "01 0000 0000", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.status_request.status_type, 1);
    CHECK_EQ(v.u.status_request.responder_ids.count, 0);
    CHECK_EQ(v.u.status_request.request_extensions.off, 5);
    CHECK_EQ(parse_hex(5, TLSI_EXT_CTX_SERVER_HELLO, "", &v, &off, NULL), TLSI_OK);
    CHECK(v.u.status_request.empty);
    CHECK_EQ(parse_hex(5, TLSI_EXT_CTX_CERTIFICATE, "01 000003 aabbcc", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.status_request.response.off, 4);
    CHECK_EQ(v.u.status_request.response.len, 3);
    /* a responder id list with one 2-byte id */
    CHECK_EQ(parse_hex(5, TLSI_EXT_CTX_CLIENT_HELLO, "01 0004 0002 abcd 0000", &v, &off, NULL),
             TLSI_OK);
    CHECK_EQ(v.u.status_request.responder_ids.count, 1);

    /* encrypted_client_hello, outer: kdf 1, aead 1, config 7, enc {aa bb}, payload {cc} */
    CHECK_EQ(parse_hex(0xfe0d, TLSI_EXT_CTX_CLIENT_HELLO, "00 0001 0001 07 0002 aabb 0001 cc", &v,
                       &off, NULL),
             TLSI_OK);
    CHECK_EQ(v.u.ech.ch_type, 0);
    CHECK_EQ(v.u.ech.kdf_id, 1);
    CHECK_EQ(v.u.ech.aead_id, 1);
    CHECK_EQ(v.u.ech.config_id, 7);
    CHECK_EQ(v.u.ech.enc.off, 8);
    CHECK_EQ(v.u.ech.payload.off, 12);
    CHECK_EQ(parse_hex(0xfe0d, TLSI_EXT_CTX_CLIENT_HELLO, "01", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.ech.ch_type, 1);
    CHECK_EQ(parse_hex(0xfe0d, TLSI_EXT_CTX_CLIENT_HELLO, "02", &v, &off, NULL),
             TLSI_ERR_BAD_VALUE);
}

static void test_misc(void)
{
    tlsi_ext_value v;
    uint32_t off;

    /* renegotiation_info: empty on the initial handshake; 12-byte verify_data later */
    CHECK_EQ(parse_hex(0xff01, TLSI_EXT_CTX_CLIENT_HELLO, "00", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.renegotiated_connection.len, 0);
    CHECK_EQ(
        parse_hex(0xff01, TLSI_EXT_CTX_CLIENT_HELLO, "0c 000102030405060708090a0b", &v, &off, NULL),
        TLSI_OK);
    CHECK_EQ(v.u.renegotiated_connection.off, 1);
    CHECK_EQ(v.u.renegotiated_connection.len, 12);
    CHECK_EQ(parse_hex(0xff01, TLSI_EXT_CTX_CLIENT_HELLO, "", &v, &off, NULL), TLSI_ERR_SHORT);

    /* record_size_limit: 0x4001; below 64 is forbidden (RFC 8449 4) */
    CHECK_EQ(parse_hex(28, TLSI_EXT_CTX_CLIENT_HELLO, "4001", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.record_size_limit, 0x4001);
    CHECK_EQ(parse_hex(28, TLSI_EXT_CTX_CLIENT_HELLO, "003f", &v, &off, NULL), TLSI_ERR_BAD_VALUE);

    /* padding: zeros only (RFC 7685 3) */
    CHECK_EQ(parse_hex(21, TLSI_EXT_CTX_CLIENT_HELLO, "000000", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.padding.len, 3);
    CHECK_EQ(parse_hex(21, TLSI_EXT_CTX_CLIENT_HELLO, "000100", &v, &off, NULL),
             TLSI_ERR_BAD_VALUE);
    CHECK_EQ(off, 1);

    /* empty-bodied: extended_master_secret, encrypt_then_mac */
    CHECK_EQ(parse_hex(23, TLSI_EXT_CTX_CLIENT_HELLO, "", &v, &off, NULL), TLSI_OK);
    CHECK(v.parsed);
    CHECK_EQ(parse_hex(22, TLSI_EXT_CTX_SERVER_HELLO, "00", &v, &off, NULL), TLSI_ERR_TRAILING);

    /* max_fragment_length 2^10 (2); 5 is not defined */
    CHECK_EQ(parse_hex(1, TLSI_EXT_CTX_CLIENT_HELLO, "02", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.max_fragment_length, 2);
    CHECK_EQ(parse_hex(1, TLSI_EXT_CTX_CLIENT_HELLO, "05", &v, &off, NULL), TLSI_ERR_BAD_VALUE);

    /* heartbeat: peer_allowed_to_send */
    CHECK_EQ(parse_hex(15, TLSI_EXT_CTX_CLIENT_HELLO, "01", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.heartbeat_mode, 1);
    CHECK_EQ(parse_hex(15, TLSI_EXT_CTX_CLIENT_HELLO, "03", &v, &off, NULL), TLSI_ERR_BAD_VALUE);

    /* server_certificate_type: client list {X509, RawPublicKey}; server picks one */
    CHECK_EQ(parse_hex(20, TLSI_EXT_CTX_CLIENT_HELLO, "02 00 02", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.cert_type.types.count, 2);
    CHECK_EQ(parse_hex(20, TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS, "02", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.cert_type.selected, 2);

    /* session_ticket: opaque, possibly empty */
    CHECK_EQ(parse_hex(35, TLSI_EXT_CTX_CLIENT_HELLO, "", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(parse_hex(35, TLSI_EXT_CTX_CLIENT_HELLO, "aabbcc", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.opaque.len, 3);

    /* unknown type: not parsed, no error */
    CHECK_EQ(parse_hex(0x1234, TLSI_EXT_CTX_CLIENT_HELLO, "010203", &v, &off, NULL), TLSI_OK);
    CHECK(!v.parsed);
    CHECK_EQ(v.type, 0x1234);

    CHECK(tlsi_version_is_tls13(0x0304));
    CHECK(tlsi_version_is_tls13(0x7f0e));
    CHECK(tlsi_version_is_tls13(0x7f1c));
    CHECK(!tlsi_version_is_tls13(0x7f0d));
    CHECK(!tlsi_version_is_tls13(0x7f1d));
    CHECK(!tlsi_version_is_tls13(0x0303));
}

/* Three SCTs a real server stapled (Go's crypto/tls handshake tests keep them
 * as sctsBase64: "openssl s_client -serverinfo 18 -connect ritter.vg:443"):
 * the extension data, from the list length on. The first SCT is from
 * Google's Pilot log, issued 2014-08-02 16:42:33.366 UTC. */
static const char SCTS_RITTER[] =
    "0167"
    "0075 00 a4b90990b418581487bb13a2cc67700a3c359804f91bdfb8e377cd0ec80ddc10"
    "000001479799ee16 0000 0403 0046"
    "304402201c4b825d956e675bdb04954bf6cef4323e867a7a32ab186074de08da05914c2f"
    "022073541b6e7fa1b07d11bce6f3852f97661af78ae410258f12f46f390fd29e18f0"
    "0076 00 68f698f81f6482be3a8ceeb9281d4cfc71515d6793d444d10a67acbb4f4ffbc4"
    "0000014797e1b570 0000 0403 0047"
    "304502203221143806d8722e0030641ae2e86d4e5ae1d9421e824b962589d52613d39cfa"
    "0221008f122864514f44d58c186223b243933305f34355a1d9eecdc5713591dd49d10b"
    "0076 00 ee4bbdb775ce60bae142691fabe19e66a30f7e5fb072d88300c47b897aa8fdcb"
    "000001485c648a87 0000 0403 0047"
    "304502202989d6b053d3d2e991bcf1b540be1e2ee75cb47427ed8f9b02e9fac24cbaa2be"
    "022100af436452711529584091c708169603a873a565a06cb848565ab62983646d2a9d";

static void test_sct(void)
{
    tlsi_ext_value v;
    tlsi_list_iter it;
    tlsi_span item;
    tlsi_sct sct;
    uint32_t off;
    int n = 0;

    CHECK_EQ(parse_hex(18, TLSI_EXT_CTX_SERVER_HELLO, SCTS_RITTER, &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.scts.count, 3);
    CHECK_EQ(v.u.scts.items.off, 2);
    CHECK_EQ(v.u.scts.items.len, 0x167);
    tlsi_list_iter_init(&it, buf, &v.u.scts);
    while (tlsi_list_opaque16_next(&it, &item)) {
        CHECK_EQ(tlsi_sct_parse(buf, item, &sct, &off), TLSI_OK);
        CHECK_EQ(sct.version, 0);
        CHECK_EQ(sct.log_id.off, item.off + 1);
        CHECK_EQ(sct.log_id.len, 32);
        CHECK_EQ(sct.extensions.len, 0);
        CHECK_EQ(sct.extensions.off, item.off + 1 + 32 + 8 + 2);
        CHECK_EQ(sct.sig_alg, 0x0403);                           /* ecdsa_secp256r1_sha256 */
        CHECK_EQ(sct.timestamp_span.off, item.off + 1 + 32);
        CHECK_EQ(sct.timestamp_span.len, 8);
        CHECK_EQ(sct.sig_alg_span.off, sct.signature.off - 4);
        CHECK_EQ(sct.sig_alg_span.len, 2);
        CHECK_EQ(sct.signature.off, sct.extensions.off + 2 + 2); /* algorithm, length */
        CHECK_EQ(sct.signature.off + sct.signature.len, item.off + item.len);
        if (n == 0) {
            CHECK_EQ(buf[sct.log_id.off], 0xa4);
            CHECK_EQ(sct.timestamp, 1406997753366ull);
            CHECK_EQ(sct.signature.len, 70);
        } else if (n == 2) {
            CHECK_EQ(sct.timestamp, 0x1485c648a87ull); /* 2014-09-09 21:49:26.023 UTC */
            CHECK_EQ(sct.signature.len, 71);
        }
        n++;
    }
    CHECK_EQ(n, 3);

    /* A version other than v1 is kept whole (RFC 6962 3.3), a v1 SCT with a
     * byte past its signature is not. */
    CHECK_EQ(parse_hex(18, TLSI_EXT_CTX_SERVER_HELLO, "0005 0003 010203", &v, &off, NULL), TLSI_OK);
    item.off = 4;
    item.len = 3;
    CHECK_EQ(tlsi_sct_parse(buf, item, &sct, &off), TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(sct.version, 1);
    CHECK_EQ(parse_hex(18, TLSI_EXT_CTX_CERTIFICATE,
                       "0032 0030 00 " /* 32-byte log id */
                       "0101010101010101010101010101010101010101010101010101010101010101"
                       "0000000000000001 0000 0804 0000 ff",
                       &v, &off, NULL),
             TLSI_ERR_TRAILING);
    CHECK_EQ(off, 4 + 1 + 32 + 8 + 2 + 2 + 2);
}

static void test_status_request_srp_dc(void)
{
    tlsi_ext_value v;
    tlsi_list_iter it;
    tlsi_status_request_item item;
    uint32_t off;

    /* srp: "alice", as OpenSSL 3.0's "s_client -srpuser alice" sends it. */
    CHECK_EQ(parse_hex(12, TLSI_EXT_CTX_CLIENT_HELLO, "05 616c696365", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.srp_username.off, 1);
    CHECK_EQ(v.u.srp_username.len, 5);
    CHECK_EQ(parse_hex(12, TLSI_EXT_CTX_CLIENT_HELLO, "00", &v, &off, NULL), TLSI_ERR_BAD_LENGTH);

    /* status_request (RFC 6066 8), ocsp with one 2-byte responder id and 3
     * bytes of request extensions, as the spans of the lengths need. */
    CHECK_EQ(
        parse_hex(5, TLSI_EXT_CTX_CLIENT_HELLO, "01 0004 0002 abcd 0003 aabbcc", &v, &off, NULL),
        TLSI_OK);
    CHECK_EQ(v.u.status_request.responder_ids.items.off, 3);
    CHECK_EQ(v.u.status_request.responder_ids.count, 1);
    CHECK_EQ(v.u.status_request.request_extensions.off, 9);
    CHECK_EQ(v.u.status_request.request_extensions.len, 3);

    /* status_request_v2 (RFC 6961 2.2): ocsp_multi with an empty
     * OCSPStatusRequest, then a type tlsi does not know (opaque request). */
    CHECK_EQ(parse_hex(17, TLSI_EXT_CTX_CLIENT_HELLO, "000c 02 0004 0000 0000 07 0002 aabb", &v,
                       &off, NULL),
             TLSI_OK);
    CHECK_EQ(v.u.status_request_v2.count, 2);
    CHECK_EQ(v.u.status_request_v2.items.off, 2);
    tlsi_list_iter_init(&it, buf, &v.u.status_request_v2);
    CHECK(tlsi_list_status_request_v2_next(&it, &item));
    CHECK_EQ(item.status_type, 2);
    CHECK_EQ(item.type_span.off, 2);
    CHECK_EQ(item.request.off, 5);
    CHECK_EQ(item.request.len, 4);
    CHECK_EQ(item.responder_ids.items.off, 7);
    CHECK_EQ(item.responder_ids.count, 0);
    CHECK_EQ(item.request_extensions.off, 9);
    CHECK(tlsi_list_status_request_v2_next(&it, &item));
    CHECK_EQ(item.status_type, 7);
    CHECK_EQ(item.type_span.off, 9);
    CHECK_EQ(item.request.off, 12);
    CHECK_EQ(item.request.len, 2);
    CHECK(!tlsi_list_status_request_v2_next(&it, &item));
    /* an ocsp request with a byte past its OCSPStatusRequest */
    CHECK_EQ(parse_hex(17, TLSI_EXT_CTX_CLIENT_HELLO, "0008 01 0005 0000 0000 ff", &v, &off, NULL),
             TLSI_ERR_TRAILING);
    CHECK_EQ(off, 9);
    /* the server's acknowledgement is empty */
    CHECK_EQ(parse_hex(17, TLSI_EXT_CTX_SERVER_HELLO, "", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(parse_hex(17, TLSI_EXT_CTX_SERVER_HELLO, "00", &v, &off, NULL), TLSI_ERR_TRAILING);

    /* delegated_credential (RFC 9345 4): a scheme list in the ClientHello;
     * in a CertificateEntry valid_time 604800 s, ecdsa_secp256r1_sha256, a
     * 3-byte SPKI, then rsa_pss_rsae_sha256 over a 2-byte signature. */
    CHECK_EQ(parse_hex(34, TLSI_EXT_CTX_CLIENT_HELLO, "0004 0403 0804", &v, &off, NULL), TLSI_OK);
    CHECK_EQ(v.u.u16_list.count, 2);
    CHECK_EQ(parse_hex(34, TLSI_EXT_CTX_CERTIFICATE, "00093a80 0403 000003 300100 0804 0002 aabb",
                       &v, &off, NULL),
             TLSI_OK);
    CHECK_EQ(v.u.delegated_credential.valid_time, 604800);
    CHECK_EQ(v.u.delegated_credential.cert_verify_algorithm, 0x0403);
    CHECK_EQ(v.u.delegated_credential.cert_verify_algorithm_span.off, 4);
    CHECK_EQ(v.u.delegated_credential.algorithm_span.off, 12);
    CHECK_EQ(v.u.delegated_credential.spki.off, 9);
    CHECK_EQ(v.u.delegated_credential.spki.len, 3);
    CHECK_EQ(v.u.delegated_credential.algorithm, 0x0804);
    CHECK_EQ(v.u.delegated_credential.signature.off, 16);
    CHECK_EQ(v.u.delegated_credential.signature.len, 2);
    CHECK_EQ(parse_hex(34, TLSI_EXT_CTX_CERTIFICATE, "00093a80 0403 000000 0804 0002 aabb", &v,
                       &off, NULL),
             TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 6);
}

/* Cutting a well-formed body short must fail at or before the cut, never crash. */
/* encrypted_server_name (0xffce), laid out as draft-ietf-tls-esni-01..03
 * 5.1 has it: ClientEncryptedSNI in the ClientHello (suite, KeyShareEntry,
 * record_digest<0..2^16-1>, encrypted_sni<0..2^16-1>), a 16-byte nonce in
 * EncryptedExtensions. */
static void test_esni(void)
{
    tlsi_ext_value v;
    uint32_t off;

    CHECK_EQ(parse_hex(0xffce, TLSI_EXT_CTX_CLIENT_HELLO,
                       "1301 001d 0004 a0a1a2a3 0003 b0b1b2 0005 c0c1c2c3c4", &v, &off, NULL),
             TLSI_OK);
    CHECK(v.parsed);
    CHECK_EQ(v.u.esni.suite, 0x1301);
    CHECK_EQ(v.u.esni.group, 0x001d);
    CHECK_EQ(v.u.esni.key_exchange.off, 6);
    CHECK_EQ(v.u.esni.key_exchange.len, 4);
    CHECK_EQ(v.u.esni.record_digest.off, 12);
    CHECK_EQ(v.u.esni.record_digest.len, 3);
    CHECK_EQ(v.u.esni.encrypted_sni.off, 17);
    CHECK_EQ(v.u.esni.encrypted_sni.len, 5);
    CHECK_EQ(v.u.esni.nonce.len, 0);
    /* An empty digest and SNI are allowed (<0..>), an empty key share is not (<1..>). */
    CHECK_EQ(parse_hex(0xffce, TLSI_EXT_CTX_CLIENT_HELLO, "1301 001d 0001 aa 0000 0000", &v, &off,
                       NULL),
             TLSI_OK);
    CHECK_EQ(parse_hex(0xffce, TLSI_EXT_CTX_CLIENT_HELLO, "1301 001d 0000 0000 0000", &v, &off,
                       NULL),
             TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 4);
    CHECK_EQ(parse_hex(0xffce, TLSI_EXT_CTX_CLIENT_HELLO, "1301 001d 0001 aa 0000 0000 ff", &v,
                       &off, NULL),
             TLSI_ERR_TRAILING);
    CHECK_EQ(off, 11);
    CHECK_EQ(parse_hex(0xffce, TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS,
                       "101112131415161718191a1b1c1d1e1f", &v, &off, NULL),
             TLSI_OK);
    CHECK_EQ(v.u.esni.nonce.off, 0);
    CHECK_EQ(v.u.esni.nonce.len, 16);
    CHECK_EQ(parse_hex(0xffce, TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS,
                       "101112131415161718191a1b1c1d1e1f20", &v, &off, NULL),
             TLSI_ERR_TRAILING);
    /* Defined for the ClientHello and EncryptedExtensions only. */
    CHECK_EQ(parse_hex(0xffce, TLSI_EXT_CTX_SERVER_HELLO, "1301", &v, &off, NULL),
             TLSI_ERR_BAD_VALUE);
}

static void test_cuts(void)
{
    static const struct {
        uint16_t type;
        tlsi_ext_ctx ctx;
        const char *hex;
    } cases[] = {
        {0, TLSI_EXT_CTX_CLIENT_HELLO, "000e 00 000b 6578616d706c652e636f6d"},
        {16, TLSI_EXT_CTX_CLIENT_HELLO, "000c 02 6832 08 687474702f312e31"},
        {10, TLSI_EXT_CTX_CLIENT_HELLO, "0004 001d 0017"},
        {11, TLSI_EXT_CTX_CLIENT_HELLO, "02 00 01"},
        {13, TLSI_EXT_CTX_CLIENT_HELLO, "0004 0403 0804"},
        {14, TLSI_EXT_CTX_CLIENT_HELLO, "0002 0001 01 aa"},
        {27, TLSI_EXT_CTX_CLIENT_HELLO, "04 0001 0002"},
        {51, TLSI_EXT_CTX_CLIENT_HELLO, "000b 001d 0002 aabb 0017 0001 cc"},
        {51, TLSI_EXT_CTX_SERVER_HELLO, "001d 0002 aabb"},
        {51, TLSI_EXT_CTX_HELLO_RETRY_REQUEST, "0017"},
        {43, TLSI_EXT_CTX_CLIENT_HELLO, "04 7f1c 0304"},
        {43, TLSI_EXT_CTX_SERVER_HELLO, "0304"},
        {41, TLSI_EXT_CTX_CLIENT_HELLO,
         "000b 0005 6162636465 00000001 0021 20"
         "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"},
        {41, TLSI_EXT_CTX_SERVER_HELLO, "0000"},
        {42, TLSI_EXT_CTX_NEW_SESSION_TICKET, "00004000"},
        {44, TLSI_EXT_CTX_CLIENT_HELLO, "0003 010203"},
        {45, TLSI_EXT_CTX_CLIENT_HELLO, "01 01"},
        {47, TLSI_EXT_CTX_CLIENT_HELLO, "0005 0003 300100"},
        {48, TLSI_EXT_CTX_CERTIFICATE_REQUEST, "0006 03 551d25 0000"},
        {5, TLSI_EXT_CTX_CLIENT_HELLO, "01 0004 0002 abcd 0000"},
        {5, TLSI_EXT_CTX_CERTIFICATE, "01 000003 aabbcc"},
        {18, TLSI_EXT_CTX_SERVER_HELLO, "0005 0003 010203"},
        {28, TLSI_EXT_CTX_CLIENT_HELLO, "4001"},
        {0xff01, TLSI_EXT_CTX_CLIENT_HELLO, "02 abcd"},
        {0xfe0d, TLSI_EXT_CTX_CLIENT_HELLO, "00 0001 0001 07 0002 aabb 0001 cc"},
        {19, TLSI_EXT_CTX_CLIENT_HELLO, "02 00 02"},
        {1, TLSI_EXT_CTX_CLIENT_HELLO, "01"},
        {12, TLSI_EXT_CTX_CLIENT_HELLO, "05 616c696365"},
        {17, TLSI_EXT_CTX_CLIENT_HELLO, "000c 02 0004 0000 0000 07 0002 aabb"},
        {18, TLSI_EXT_CTX_SERVER_HELLO, SCTS_RITTER},
        {18, TLSI_EXT_CTX_CERTIFICATE, SCTS_RITTER},
        {34, TLSI_EXT_CTX_CERTIFICATE, "00093a80 0403 000003 300100 0804 0002 aabb"},
        {34, TLSI_EXT_CTX_CERTIFICATE_REQUEST, "0004 0403 0804"},
        {0xffce, TLSI_EXT_CTX_CLIENT_HELLO, "1301 001d 0002 aabb 0001 dd 0003 eeeeee"},
        {0xffce, TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS, "000102030405060708090a0b0c0d0e0f"},
    };
    static unsigned char copy[1024];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        tlsi_ext_value v;
        uint32_t off;
        size_t n;
        CHECK_EQ(parse_hex(cases[i].type, cases[i].ctx, cases[i].hex, &v, &off, &n), TLSI_OK);
        memcpy(copy, buf, n);
        for (size_t k = 0; k < n; k++) {
            /* The cut body sits at the end of a buffer of exactly k bytes. */
            tlsi_ext ext = {cases[i].type, {0, (uint32_t)k}, {0, (uint32_t)k}, TLSI_OK};
            tlsi_err e;
            memcpy(buf, copy, k);
            off = 0xdead;
            e = tlsi_ext_parse(buf, &ext, cases[i].ctx, &v, &off);
            if (e != TLSI_ERR_SHORT && e != TLSI_ERR_BAD_LENGTH) {
                fprintf(stderr, "case %zu (type %u) cut at %zu: %s\n", i, cases[i].type, k,
                        tlsi_err_str(e));
                CHECK(0);
            }
            CHECK(off <= k);
        }
    }
}

int main(void)
{
    test_iterator();
    test_server_name();
    test_alpn();
    test_lists();
    test_tls13();
    test_pre_shared_key();
    test_tls13_misc();
    test_misc();
    test_sct();
    test_status_request_srp_dc();
    test_esni();
    test_cuts();
    return tc_done();
}
