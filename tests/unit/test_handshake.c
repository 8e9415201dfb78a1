/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_handshake.c - handshake framing and message parsers.
 *
 * TLS 1.3 messages are the RFC 8448 section 3 ("Simple 1-RTT Handshake")
 * ClientHello, ServerHello, EncryptedExtensions, Certificate,
 * CertificateVerify and Finished, with expected fields read off the RFC's
 * bytes. TLS 1.2 and older messages are built by hand from the RFC structs,
 * the expected value of each field written beside its bytes. Every message is
 * also cut at every length (each cut must fail, never crash) and given a
 * trailing byte.
 */
#include <string.h>

#include "extensions.h"
#include "handshake.h"
#include "sslv2.h"
#include "tcheck.h"

/* RFC 8448 section 3, {client} construct a ClientHello handshake message. */
static const char rfc8448_ch[] =
    "01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2"
    "ef 62 83 02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00 00 91 00 00 00 0b 00 09 00 00 06 73 65"
    "72 76 65 72 ff 01 00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03"
    "01 04 00 23 00 00 00 33 00 26 00 24 00 1d 00 20 99 38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba"
    "fe b3 c0 6e 51 c1 3c ae 4d 54 13 69 1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04"
    "03 05 03 06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01 04 02 05 02 06 02 02 02 00 2d"
    "00 02 01 01 00 1c 00 02 40 01";

/* RFC 8448 section 3, {server} construct a ServerHello handshake message. */
static const char rfc8448_sh[] =
    "02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14 34 da c1"
    "55 77 2e d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20 c9 82 88 76 11 20 95 fe 66 76"
    "2b db f7 c6 72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02 03 04";

/* RFC 8448 section 3, EncryptedExtensions. */
static const char rfc8448_ee[] =
    "08 00 00 24 00 22 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01 04 00"
    "1c 00 02 40 01 00 00 00 00";

/* RFC 8448 section 3, Certificate (one 432-byte RSA certificate, no extensions). */
static const char rfc8448_cert[] =
    "0b 00 01 b9 00 00 01 b5 00 01 b0 30 82 01 ac 30 82 01 15 a0 03 02 01 02 02 01 02 30 0d 06 09"
    "2a 86 48 86 f7 0d 01 01 0b 05 00 30 0e 31 0c 30 0a 06 03 55 04 03 13 03 72 73 61 30 1e 17 0d"
    "31 36 30 37 33 30 30 31 32 33 35 39 5a 17 0d 32 36 30 37 33 30 30 31 32 33 35 39 5a 30 0e 31"
    "0c 30 0a 06 03 55 04 03 13 03 72 73 61 30 81 9f 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00"
    "03 81 8d 00 30 81 89 02 81 81 00 b4 bb 49 8f 82 79 30 3d 98 08 36 39 9b 36 c6 98 8c 0c 68 de"
    "55 e1 bd b8 26 d3 90 1a 24 61 ea fd 2d e4 9a 91 d0 15 ab bc 9a 95 13 7a ce 6c 1a f1 9e aa 6a"
    "f9 8c 7c ed 43 12 09 98 e1 87 a8 0e e0 cc b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44 9a 6d 38 e2 2a"
    "5f da 43 08 46 74 80 30 53 0e f0 46 1c 8c a9 d9 ef bf ae 8e a6 d1 d0 3e 2b d1 93 ef f0 ab 9a"
    "80 02 c4 74 28 a6 d3 5a 8d 88 d7 9f 7f 1e 3f 02 03 01 00 01 a3 1a 30 18 30 09 06 03 55 1d 13"
    "04 02 30 00 30 0b 06 03 55 1d 0f 04 04 03 02 05 a0 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05"
    "00 03 81 81 00 85 aa d2 a0 e5 b9 27 6b 90 8c 65 f7 3a 72 67 17 06 18 a5 4c 5f 8a 7b 33 7d 2d"
    "f7 a5 94 36 54 17 f2 ea e8 f8 a5 8c 8f 81 72 f9 31 9c f3 6b 7f d6 c5 5b 80 f2 1a 03 01 51 56"
    "72 60 96 fd 33 5e 5e 67 f2 db f1 02 70 2e 60 8c ca e6 be c1 fc 63 a4 2a 99 be 5c 3e b7 10 7c"
    "3c 54 e9 b9 eb 2b d5 20 3b 1c 3b 84 e0 a8 b2 f7 59 40 9b a3 ea c9 d9 1d 40 2d cc 0c c8 f8 96"
    "12 29 ac 91 87 b4 2b 4d e1 00 00";

/* RFC 8448 section 3, CertificateVerify (rsa_pss_rsae_sha256, 128-byte signature). */
static const char rfc8448_cv[] =
    "0f 00 00 84 08 04 00 80 5a 74 7c 5d 88 fa 9b d2 e5 5a b0 85 a6 10 15 b7 21 1f 82 4c d4 84 14"
    "5a b3 ff 52 f1 fd a8 47 7b 0b 7a bc 90 db 78 e2 d3 3a 5c 14 1a 07 86 53 fa 6b ef 78 0c 5e a2"
    "48 ee aa a7 85 c4 f3 94 ca b6 d3 0b be 8d 48 59 ee 51 1f 60 29 57 b1 54 11 ac 02 76 71 45 9e"
    "46 44 5c 9e a5 8c 18 1e 81 8e 95 b8 c3 fb 0b f3 27 84 09 d3 be 15 2a 3d a5 04 3e 06 3d da 65"
    "cd f5 ae a2 0d 53 df ac d4 2f 74 f3";

/* RFC 8448 section 3, server Finished. */
static const char rfc8448_fin[] =
    "14 00 00 20 9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c 30 95 72 cb 7f ff ee 54"
    "54 b7 8f 07 18";

static unsigned char msg[2048];

/* Decode a full handshake message, check its header, return the body length;
 * the body starts at msg + 4. */
static size_t load_msg(const char *hex, uint8_t type)
{
    long n = tc_unhex(hex, msg, sizeof(msg));
    tlsi_hs_header h;
    CHECK(n >= 4);
    CHECK_EQ(tlsi_hs_header_parse(msg, (size_t)n, &h), TLSI_OK);
    CHECK_EQ(h.type, type);
    CHECK_EQ(h.length, n - 4);
    CHECK_EQ(h.body.off, 4);
    CHECK_EQ(h.body.len, n - 4);
    return (size_t)n - 4;
}

static unsigned char body[2048];

/* Decode a bare body. */
static size_t load_body(const char *hex)
{
    long n = tc_unhex(hex, body, sizeof(body));
    CHECK(n >= 0);
    return (size_t)n;
}

/* One adapter per parser so the cut test can run them all alike. */
typedef tlsi_err (*parse_fn)(const uint8_t *b, size_t n, const tlsi_hs_ctx *ctx, uint32_t *off);

static tlsi_err a_ch(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_client_hello x;
    return tlsi_client_hello_parse(b, n, &x, o);
}
static tlsi_err a_sh(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_server_hello x;
    return tlsi_server_hello_parse(b, n, &x, o);
}
static tlsi_err a_cert(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_certificate x;
    return tlsi_certificate_parse(b, n, c, &x, o);
}
static tlsi_err a_ske(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_server_key_exchange x;
    return tlsi_server_key_exchange_parse(b, n, c, &x, o);
}
static tlsi_err a_cke(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_client_key_exchange x;
    return tlsi_client_key_exchange_parse(b, n, c, &x, o);
}
static tlsi_err a_cr(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_certificate_request x;
    return tlsi_certificate_request_parse(b, n, c, &x, o);
}
static tlsi_err a_cv(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_signature x;
    return tlsi_certificate_verify_parse(b, n, c, &x, o);
}
static tlsi_err a_nst(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_new_session_ticket x;
    return tlsi_new_session_ticket_parse(b, n, c, &x, o);
}
static tlsi_err a_ee(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_encrypted_extensions x;
    return tlsi_encrypted_extensions_parse(b, n, &x, o);
}
static tlsi_err a_ku(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    uint8_t x;
    return tlsi_key_update_parse(b, n, &x, o);
}
static tlsi_err a_cs(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_certificate_status x;
    return tlsi_certificate_status_parse(b, n, &x, o);
}
static tlsi_err a_curl(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_certificate_url x;
    return tlsi_certificate_url_parse(b, n, &x, o);
}
static tlsi_err a_cc(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_compressed_certificate x;
    return tlsi_compressed_certificate_parse(b, n, &x, o);
}
static tlsi_err a_np(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_next_protocol x;
    return tlsi_next_protocol_parse(b, n, &x, o);
}
static tlsi_err a_v2(const uint8_t *b, size_t n, const tlsi_hs_ctx *c, uint32_t *o)
{
    tlsi_sslv2_client_hello x;
    return tlsi_sslv2_client_hello_parse(b, n, &x, o);
}

/* Cut b at every length below n: each must fail with SHORT (or BAD_LENGTH
 * where a cut makes an inner length impossible), except at ok_cut (a cut that
 * leaves a valid shorter message, e.g. a hello without its optional
 * extensions; (size_t)-1 for none). Then one trailing byte: TRAILING at n.
 * The cut copies go at the end of a heap-free static buffer so any over-read
 * would run into the sanitizer's redzone in ASan builds. */
/* What one byte too many gives: TRAILING, except after a hello without
 * extensions, where the byte starts a (short) extensions block. */
static tlsi_err trail_err = TLSI_ERR_TRAILING;

static void cuts(const char *what, parse_fn fn, const tlsi_hs_ctx *ctx, const uint8_t *b, size_t n,
                 size_t ok_cut)
{
    static uint8_t copy[2048 + 1];
    uint32_t off;
    tlsi_err e;

    CHECK_EQ(fn(b, n, ctx, &off), TLSI_OK);
    for (size_t k = 0; k < n; k++) {
        uint8_t *p = copy + sizeof(copy) - k;
        memcpy(p, b, k);
        off = 0xdead;
        e = fn(p, k, ctx, &off);
        if (k == ok_cut) {
            CHECK_EQ(e, TLSI_OK);
            continue;
        }
        if (e != TLSI_ERR_SHORT && e != TLSI_ERR_BAD_LENGTH) {
            fprintf(stderr, "%s cut at %zu of %zu: %s\n", what, k, n, tlsi_err_str(e));
            CHECK(0);
        }
        CHECK(off <= k);
    }
    /* One byte too many. */
    memcpy(copy, b, n);
    copy[n] = 0;
    off = 0xdead;
    e = fn(copy, n + 1, ctx, &off);
    if (e != trail_err)
        fprintf(stderr, "%s + 1 byte: %s\n", what, tlsi_err_str(e));
    CHECK_EQ(e, trail_err);
    CHECK_EQ(off, n);
}

static const tlsi_hs_ctx ctx13 = {0x0304, TLSI_KEX_TLS13, 0};

static void test_rfc8448(void)
{
    size_t n;
    uint32_t off;
    tlsi_client_hello ch;
    tlsi_server_hello sh;
    tlsi_encrypted_extensions ee;
    tlsi_certificate cert;
    tlsi_cert_iter ci;
    tlsi_cert_entry ce;
    tlsi_signature cv;
    tlsi_finished fin;
    tlsi_ext_iter it;
    tlsi_ext e;
    tlsi_ext_value v;
    static const uint16_t ch_exts[] = {0, 0xff01, 10, 35, 51, 43, 13, 45, 28};
    size_t i = 0;

    /* ClientHello: legacy_version 0x0303; random cb 34 ec b1 ...; empty
     * session id (length at 34); cipher suites 1301 1303 1302 (length at 35,
     * items at 37); compression {null} (length at 43); extensions length 0x91
     * (145) at 45, block at 47. */
    n = load_msg(rfc8448_ch, TLSI_HS_CLIENT_HELLO);
    CHECK_EQ(n, 192);
    CHECK_EQ(tlsi_client_hello_parse(msg + 4, n, &ch, &off), TLSI_OK);
    CHECK_EQ(ch.legacy_version, 0x0303);
    CHECK_EQ(ch.random.random.off, 2);
    CHECK_EQ(ch.random.random.len, 32);
    CHECK_EQ(ch.random.gmt_unix_time, 0xcb34ecb1);
    CHECK_EQ(ch.session_id.off, 35);
    CHECK_EQ(ch.session_id.len, 0);
    CHECK_EQ(ch.cipher_suites.items.off, 37);
    CHECK_EQ(ch.cipher_suites.count, 3);
    CHECK_EQ(tlsi_load16(msg + 4 + 37), 0x1301);
    CHECK_EQ(tlsi_load16(msg + 4 + 39), 0x1303);
    CHECK_EQ(ch.compression_methods.items.off, 44);
    CHECK_EQ(ch.compression_methods.count, 1);
    CHECK(ch.has_extensions);
    CHECK_EQ(ch.extensions.off, 47);
    CHECK_EQ(ch.extensions.len, 145);
    CHECK_EQ(ch.n_extensions, 9);
    /* The nine extensions in RFC 8448 order, each decodable in ClientHello context. */
    tlsi_ext_iter_init(&it, msg + 4, ch.extensions, TLSI_EXT_CTX_CLIENT_HELLO);
    while (tlsi_ext_next(&it, &e)) {
        CHECK(i < 9);
        if (i < 9)
            CHECK_EQ(e.type, ch_exts[i]);
        CHECK_EQ(e.err, TLSI_OK);
        CHECK_EQ(tlsi_ext_parse(msg + 4, &e, TLSI_EXT_CTX_CLIENT_HELLO, &v, &off), TLSI_OK);
        if (e.type == 0) {
            CHECK_EQ(v.u.server_name.host_name.len, 6);
            CHECK_MEM(msg + 4 + v.u.server_name.host_name.off, "server", 6);
        }
        if (e.type == 10)
            CHECK_EQ(v.u.u16_list.count, 9);
        if (e.type == 13)
            CHECK_EQ(v.u.u16_list.count, 15);
        if (e.type == 51) {
            tlsi_list_iter li;
            tlsi_key_share_entry ks;
            CHECK_EQ(v.u.key_share.shares.count, 1);
            tlsi_list_iter_init(&li, msg + 4, &v.u.key_share.shares);
            CHECK(tlsi_list_key_share_next(&li, &ks));
            CHECK_EQ(ks.group, 0x001d);
            CHECK_EQ(ks.key_exchange.len, 32);
            CHECK_EQ(msg[4 + ks.key_exchange.off], 0x99);
        }
        if (e.type == 43)
            CHECK_EQ(v.u.supported_versions.versions.count, 1);
        if (e.type == 28)
            CHECK_EQ(v.u.record_size_limit, 0x4001);
        i++;
    }
    CHECK_EQ(i, 9);
    CHECK_EQ(it.err, TLSI_OK);
    /* The only valid shorter message ends after compression_methods (45). */
    cuts("rfc8448 CH", a_ch, &ctx13, msg + 4, n, 45);

    /* ServerHello: 0x0303, random a6 af 06 a4..., empty session id, 1301,
     * null compression, key_share x25519 + supported_versions 0x0304. */
    n = load_msg(rfc8448_sh, TLSI_HS_SERVER_HELLO);
    CHECK_EQ(n, 86);
    CHECK_EQ(tlsi_server_hello_parse(msg + 4, n, &sh, &off), TLSI_OK);
    CHECK_EQ(sh.legacy_version, 0x0303);
    CHECK_EQ(sh.random.gmt_unix_time, 0xa6af06a4);
    CHECK_EQ(sh.session_id.len, 0);
    CHECK_EQ(sh.cipher_suite, 0x1301);
    CHECK_EQ(sh.cipher_suite_span.off, 35);
    CHECK_EQ(sh.compression_method, 0);
    CHECK_EQ(sh.compression_span.off, 37);
    CHECK_EQ(sh.compression_span.len, 1);
    CHECK_EQ(sh.random.random_bytes.off, 6);
    CHECK_EQ(sh.random.random_bytes.len, 28);
    CHECK(sh.has_extensions);
    CHECK_EQ(sh.extensions.off, 40);
    CHECK_EQ(sh.extensions.len, 46);
    CHECK_EQ(sh.n_extensions, 2);
    CHECK(!sh.is_hrr);
    CHECK_EQ(sh.downgrade, TLSI_DOWNGRADE_NONE);
    CHECK(!sh.draft_format);
    CHECK_EQ(sh.selected_version, 0x0304);
    CHECK_EQ(sh.key_share_group, 0x001d);
    CHECK_EQ(tlsi_negotiated_version(&sh), 0x0304);
    cuts("rfc8448 SH", a_sh, &ctx13, msg + 4, n, 38);

    /* EncryptedExtensions: supported_groups (9), record_size_limit, server_name (empty). */
    n = load_msg(rfc8448_ee, TLSI_HS_ENCRYPTED_EXTENSIONS);
    CHECK_EQ(tlsi_encrypted_extensions_parse(msg + 4, n, &ee, &off), TLSI_OK);
    CHECK_EQ(ee.extensions.off, 2);
    CHECK_EQ(ee.extensions.len, 34);
    CHECK_EQ(ee.n_extensions, 3);
    CHECK(tlsi_ext_find(msg + 4, ee.extensions, 0, &e));
    CHECK_EQ(tlsi_ext_parse(msg + 4, &e, TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS, &v, &off), TLSI_OK);
    CHECK_EQ(v.u.server_name.names.count, 0);
    cuts("rfc8448 EE", a_ee, &ctx13, msg + 4, n, (size_t)-1);

    /* Certificate: empty context, list of 0x1b5, one 0x1b0-byte cert at 7, no extensions. */
    n = load_msg(rfc8448_cert, TLSI_HS_CERTIFICATE);
    CHECK_EQ(tlsi_certificate_parse(msg + 4, n, &ctx13, &cert, &off), TLSI_OK);
    CHECK(cert.tls13);
    CHECK_EQ(cert.request_context.len, 0);
    CHECK_EQ(cert.list.off, 4);
    CHECK_EQ(cert.list.len, 0x1b5);
    CHECK_EQ(cert.count, 1);
    tlsi_cert_iter_init(&ci, msg + 4, &cert);
    CHECK(tlsi_cert_next(&ci, &ce));
    /* The one entry fills the list: 3-byte length, certificate, 2-byte extensions length. */
    CHECK_EQ(ce.entry.off, cert.list.off);
    CHECK_EQ(ce.entry.len, cert.list.len);
    CHECK_EQ(ce.cert.off, 7);
    CHECK_EQ(ce.cert.len, 0x1b0);
    CHECK_EQ(msg[4 + ce.cert.off], 0x30); /* DER SEQUENCE */
    CHECK_EQ(ce.extensions.off, 7 + 0x1b0 + 2);
    CHECK_EQ(ce.extensions.len, 0);
    CHECK(!tlsi_cert_next(&ci, &ce));
    cuts("rfc8448 Certificate", a_cert, &ctx13, msg + 4, n, (size_t)-1);
    /* With the version unknown, the TLS 1.3 layout is found by trying. */
    {
        tlsi_hs_ctx unknown = {0, TLSI_KEX_NULL, 1};
        CHECK_EQ(tlsi_certificate_parse(msg + 4, n, &unknown, &cert, &off), TLSI_OK);
        CHECK(cert.tls13);
        CHECK_EQ(cert.count, 1);
    }

    /* CertificateVerify: rsa_pss_rsae_sha256 (0x0804), 0x80-byte signature at 4. */
    n = load_msg(rfc8448_cv, TLSI_HS_CERTIFICATE_VERIFY);
    CHECK_EQ(tlsi_certificate_verify_parse(msg + 4, n, &ctx13, &cv, &off), TLSI_OK);
    CHECK(cv.present);
    CHECK(cv.has_scheme);
    CHECK_EQ(cv.scheme, 0x0804);
    CHECK_EQ(cv.signature.off, 4);
    CHECK_EQ(cv.signature.len, 128);
    cuts("rfc8448 CV", a_cv, &ctx13, msg + 4, n, (size_t)-1);

    /* Finished: 32 bytes of verify_data (SHA-256). */
    n = load_msg(rfc8448_fin, TLSI_HS_FINISHED);
    CHECK_EQ(tlsi_finished_parse(msg + 4, n, &fin, &off), TLSI_OK);
    CHECK_EQ(fin.verify_data.off, 0);
    CHECK_EQ(fin.verify_data.len, 32);
}

static void test_hello_variants(void)
{
    size_t n;
    uint32_t off;
    tlsi_client_hello ch;
    tlsi_server_hello sh;
    char hex[1024];
    tlsi_hs_header h;

    /* Header: fewer than 4 bytes is SHORT; the body may reach past the buffer. */
    CHECK_EQ(tlsi_hs_header_parse((const uint8_t *)"\x01\x00\x00", 3, &h), TLSI_ERR_SHORT);
    CHECK_EQ(tlsi_hs_header_parse((const uint8_t *)"\x0e\x00\x01\x00", 4, &h), TLSI_OK);
    CHECK_EQ(h.type, 14);
    CHECK_EQ(h.length, 256);

    /* An SSL 3.0 ClientHello without extensions: 0300, random (32 x 11),
     * session id of 2 (aa bb), suites {000a}, compression {null}. */
    strcpy(hex, "0300");
    for (int i = 0; i < 32; i++)
        strcat(hex, "11");
    strcat(hex, "02 aabb  0002 000a  01 00");
    n = load_body(hex);
    CHECK_EQ(tlsi_client_hello_parse(body, n, &ch, &off), TLSI_OK);
    CHECK_EQ(ch.legacy_version, 0x0300);
    CHECK_EQ(ch.random.gmt_unix_time, 0x11111111);
    CHECK_EQ(ch.session_id.off, 35);
    CHECK_EQ(ch.session_id.len, 2);
    CHECK_EQ(ch.cipher_suites.count, 1);
    CHECK(!ch.has_extensions);
    trail_err = TLSI_ERR_SHORT;
    cuts("SSL3 CH", a_ch, &ctx13, body, n, (size_t)-1);
    trail_err = TLSI_ERR_TRAILING;

    /* Session id of 33 bytes: BAD_LENGTH at its length byte (34). */
    strcpy(hex, "0303");
    for (int i = 0; i < 32; i++)
        strcat(hex, "11");
    strcat(hex, "21");
    for (int i = 0; i < 33; i++)
        strcat(hex, "22");
    strcat(hex, "0002 000a 01 00");
    n = load_body(hex);
    CHECK_EQ(tlsi_client_hello_parse(body, n, &ch, &off), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 34);

    /* Odd cipher_suites length (3): BAD_LENGTH at the length field (35). */
    strcpy(hex, "0303");
    for (int i = 0; i < 32; i++)
        strcat(hex, "11");
    strcat(hex, "00 0003 000a00 01 00");
    n = load_body(hex);
    CHECK_EQ(tlsi_client_hello_parse(body, n, &ch, &off), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 35);
    /* No cipher suites at all (<2..2^16-2>). */
    strcpy(hex, "0303");
    for (int i = 0; i < 32; i++)
        strcat(hex, "11");
    strcat(hex, "00 0000 01 00");
    n = load_body(hex);
    CHECK_EQ(tlsi_client_hello_parse(body, n, &ch, &off), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 35);
    /* Oversized cipher_suites length (0x0100 with 2 bytes left): SHORT at 35. */
    strcpy(hex, "0303");
    for (int i = 0; i < 32; i++)
        strcat(hex, "11");
    strcat(hex, "00 0100 000a 01 00");
    n = load_body(hex);
    CHECK_EQ(tlsi_client_hello_parse(body, n, &ch, &off), TLSI_ERR_SHORT);
    CHECK_EQ(off, 35);

    /* A ClientHello with extended_master_secret twice: parsed, but DUPLICATE
     * at the second entry (block at 43: first entry 43..46, second at 47). */
    strcpy(hex, "0303");
    for (int i = 0; i < 32; i++)
        strcat(hex, "11");
    strcat(hex, "00 0002 c02f 01 00  0008 0017 0000 0017 0000");
    n = load_body(hex);
    CHECK_EQ(tlsi_client_hello_parse(body, n, &ch, &off), TLSI_ERR_DUPLICATE);
    CHECK_EQ(off, 47);
    CHECK(ch.has_extensions);
    CHECK_EQ(ch.n_extensions, 2);
    CHECK_EQ(ch.cipher_suites.count, 1);
    /* ...and a trailing byte after it is the harder error. */
    strcat(hex, "00");
    n = load_body(hex);
    CHECK_EQ(tlsi_client_hello_parse(body, n, &ch, &off), TLSI_ERR_TRAILING);
    CHECK_EQ(off, 51);

    /* HelloRetryRequest (RFC 8446 4.1.3): the SHA-256("HelloRetryRequest")
     * random; supported_versions 0304 and key_share selected_group secp256r1. */
    n = load_body("0303 cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"
                  "00 1301 00 000c 002b 0002 0304 0033 0002 0017");
    CHECK_EQ(tlsi_server_hello_parse(body, n, &sh, &off), TLSI_OK);
    CHECK(sh.is_hrr);
    CHECK_EQ(sh.selected_version, 0x0304);
    CHECK_EQ(sh.key_share_group, 0x0017);
    CHECK_EQ(tlsi_negotiated_version(&sh), 0x0304);
    cuts("HRR", a_sh, &ctx13, body, n, 38);

    /* RFC 8446 4.1.3 downgrade sentinels: TLS 1.2 ServerHello whose random
     * ends in 44 4F 57 4E 47 52 44 01 ("DOWNGRD\x01"), no extensions. */
    strcpy(hex, "0303");
    for (int i = 0; i < 24; i++)
        strcat(hex, "33");
    strcat(hex, "444f574e47524401  00 c02f 00");
    n = load_body(hex);
    CHECK_EQ(tlsi_server_hello_parse(body, n, &sh, &off), TLSI_OK);
    CHECK_EQ(sh.downgrade, TLSI_DOWNGRADE_TLS12);
    CHECK(!sh.has_extensions);
    CHECK_EQ(sh.cipher_suite, 0xc02f);
    CHECK_EQ(tlsi_negotiated_version(&sh), 0x0303);
    body[2 + 31] = 0x00; /* "DOWNGRD\x00": TLS 1.1 or below */
    CHECK_EQ(tlsi_server_hello_parse(body, n, &sh, &off), TLSI_OK);
    CHECK_EQ(sh.downgrade, TLSI_DOWNGRADE_TLS11);
    body[2 + 31] = 0x02; /* not a sentinel */
    CHECK_EQ(tlsi_server_hello_parse(body, n, &sh, &off), TLSI_OK);
    CHECK_EQ(sh.downgrade, TLSI_DOWNGRADE_NONE);

    /* TLS 1.3 draft 18 ServerHello (0x7f12): version, random, cipher suite,
     * extensions; no session id or compression method. */
    strcpy(hex, "7f12");
    for (int i = 0; i < 32; i++)
        strcat(hex, "44");
    strcat(hex, "1301 0006 0033 0002 001d");
    n = load_body(hex);
    CHECK_EQ(tlsi_server_hello_parse(body, n, &sh, &off), TLSI_ERR_SHORT);
    /* (a draft ServerHello key_share is a full entry: the 2-byte body is short) */
    strcpy(hex, "7f12");
    for (int i = 0; i < 32; i++)
        strcat(hex, "44");
    strcat(hex, "1301 0008 0033 0004 001d 0001 aa");
    n = load_body(hex);
    /* 0x33 body: group 001d, key length 1, key aa = 5 bytes, so its length is 0005 */
    body[2 + 32 + 2 + 2 + 2 + 1] = 0x05;
    body[2 + 32 + 2 + 1] = 0x09;
    CHECK_EQ(tlsi_server_hello_parse(body, n, &sh, &off), TLSI_OK);
    CHECK(sh.draft_format);
    CHECK_EQ(sh.cipher_suite, 0x1301);
    CHECK_EQ(sh.cipher_suite_span.off, 34);
    CHECK_EQ(sh.key_share_group, 0x001d);
    CHECK_EQ(tlsi_negotiated_version(&sh), 0x7f12);
}

static void test_certificate12(void)
{
    tlsi_hs_ctx c12 = {0x0303, TLSI_KEX_ECDHE, 1};
    tlsi_hs_ctx unknown = {0, TLSI_KEX_NULL, 1};
    tlsi_certificate cert;
    tlsi_cert_iter ci;
    tlsi_cert_entry ce;
    uint32_t off;
    size_t n;

    /* list of 12: cert of 4 (30 02 05 00) at 6, cert of 2 (30 00) at 13 */
    n = load_body("00000c 000004 30020500 000002 3000");
    CHECK_EQ(tlsi_certificate_parse(body, n, &c12, &cert, &off), TLSI_OK);
    CHECK(!cert.tls13);
    CHECK_EQ(cert.count, 2);
    tlsi_cert_iter_init(&ci, body, &cert);
    CHECK(tlsi_cert_next(&ci, &ce));
    CHECK_EQ(ce.cert.off, 6);
    CHECK_EQ(ce.cert.len, 4);
    CHECK(tlsi_cert_next(&ci, &ce));
    CHECK_EQ(ce.cert.off, 13);
    CHECK_EQ(ce.cert.len, 2);
    CHECK(!tlsi_cert_next(&ci, &ce));
    cuts("Certificate 1.2", a_cert, &c12, body, n, (size_t)-1);
    CHECK_EQ(tlsi_certificate_parse(body, n, &unknown, &cert, &off), TLSI_OK);
    CHECK(!cert.tls13);

    /* An empty list (a client without a certificate). */
    n = load_body("000000");
    CHECK_EQ(tlsi_certificate_parse(body, n, &c12, &cert, &off), TLSI_OK);
    CHECK_EQ(cert.count, 0);
    /* ASN.1Cert is opaque<1..2^24-1>. */
    n = load_body("000003 000000");
    CHECK_EQ(tlsi_certificate_parse(body, n, &c12, &cert, &off), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 3);
    /* A certificate that runs past the list. */
    n = load_body("000005 000004 3002");
    CHECK_EQ(tlsi_certificate_parse(body, n, &c12, &cert, &off), TLSI_ERR_SHORT);
    CHECK_EQ(off, 3); /* the certificate's length field */

    /* TLS 1.3 entry with a duplicated extension in its block: DUPLICATE at the
     * second entry (context 0; list 15 at 1; cert 2 at 4..8; exts len 8 at 9;
     * status_request empty x2 at 11 and 15). */
    n = load_body("00 00000f 000002 3000 0008 0005 0000 0005 0000");
    CHECK_EQ(tlsi_certificate_parse(body, n, &ctx13, &cert, &off), TLSI_ERR_DUPLICATE);
    CHECK_EQ(off, 15);
    CHECK_EQ(cert.count, 1);
}

static void test_key_exchange(void)
{
    tlsi_hs_ctx c;
    tlsi_server_key_exchange ske;
    tlsi_client_key_exchange cke;
    uint32_t off;
    size_t n;

    /* ECDHE, TLS 1.2: named_curve (3) secp256r1 (0x0017), point of 4 at 4;
     * ecdsa_secp256r1_sha256 (0x0403), 2-byte signature at 12. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_ECDHE, 1};
    n = load_body("03 0017 04 aabbccdd  0403 0002 1122");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_OK);
    CHECK_EQ(ske.curve_type, 3);
    CHECK_EQ(ske.named_curve, 0x17);
    CHECK_EQ(ske.curve_type_span.off, 0);
    CHECK_EQ(ske.curve_type_span.len, 1);
    CHECK_EQ(ske.named_curve_span.off, 1);
    CHECK_EQ(ske.named_curve_span.len, 2);
    CHECK_EQ(ske.ec_point.off, 4);
    CHECK_EQ(ske.ec_point.len, 4);
    CHECK_EQ(ske.params.off, 0);
    CHECK_EQ(ske.params.len, 8);
    CHECK(ske.sig.present);
    CHECK(ske.sig.has_scheme);
    CHECK_EQ(ske.sig.scheme, 0x0403);
    CHECK_EQ(ske.sig.signature.off, 12);
    CHECK_EQ(ske.sig.signature.len, 2);
    cuts("SKE ECDHE 1.2", a_ske, &c, body, n, 8);
    /* Same with the version unknown: the TLS 1.2 signature form fits. */
    c.version = 0;
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_OK);
    CHECK(ske.sig.has_scheme);
    CHECK_EQ(ske.sig.scheme, 0x0403);

    /* ECDHE, TLS 1.0: the signature has no algorithm prefix (RFC 4346). */
    c = (tlsi_hs_ctx){0x0301, TLSI_KEX_ECDHE, 1};
    n = load_body("03 0017 04 aabbccdd  0002 1122");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_OK);
    CHECK(ske.sig.present);
    CHECK(!ske.sig.has_scheme);
    CHECK_EQ(ske.sig.signature.off, 10);
    CHECK_EQ(ske.sig.signature.len, 2);
    cuts("SKE ECDHE 1.0", a_ske, &c, body, n, 8);
    c.version = 0;
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_OK);
    CHECK(!ske.sig.has_scheme);
    CHECK_EQ(ske.sig.signature.off, 10);

    /* Explicit curves are not decoded: UNSUPPORTED at the curve type. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_ECDHE, 1};
    n = load_body("01 0017 04 aabbccdd");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(off, 0);

    /* DHE, TLS 1.2: p (1 byte ff at 2), g (02 at 5), Ys (ab cd at 8), rsa_pkcs1_sha256. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_DHE, 1};
    n = load_body("0001 ff  0001 02  0002 abcd  0401 0001 ee");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_OK);
    CHECK_EQ(ske.dh_p.off, 2);
    CHECK_EQ(ske.dh_g.off, 5);
    CHECK_EQ(ske.dh_ys.off, 8);
    CHECK_EQ(ske.dh_ys.len, 2);
    CHECK_EQ(ske.params.len, 10);
    CHECK_EQ(ske.sig.scheme, 0x0401);
    cuts("SKE DHE", a_ske, &c, body, n, 10);
    /* dh_p is opaque<1..2^16-1> */
    n = load_body("0000  0001 02  0002 abcd  0401 0001 ee");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 0);

    /* RSA_EXPORT, SSL 3.0: modulus (2 bytes), exponent (03), old signature form. */
    c = (tlsi_hs_ctx){0x0300, TLSI_KEX_RSA_EXPORT, 1};
    n = load_body("0002 c001  0001 03  0003 aabbcc");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_OK);
    CHECK_EQ(ske.rsa_modulus.off, 2);
    CHECK_EQ(ske.rsa_modulus.len, 2);
    CHECK_EQ(ske.rsa_exponent.off, 6);
    CHECK(!ske.sig.has_scheme);
    CHECK_EQ(ske.sig.signature.off, 9);
    cuts("SKE RSA_EXPORT", a_ske, &c, body, n, 7);

    /* PSK: identity hint "abc", nothing else. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_PSK, 1};
    n = load_body("0003 616263");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_OK);
    CHECK_EQ(ske.psk_identity_hint.off, 2);
    CHECK_EQ(ske.psk_identity_hint.len, 3);
    CHECK(!ske.sig.present);
    cuts("SKE PSK", a_ske, &c, body, n, (size_t)-1);

    /* ECDHE_PSK: empty hint, x25519 point of 1 byte; never signed. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_ECDHE_PSK, 1};
    n = load_body("0000 03 001d 01 aa");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_OK);
    CHECK_EQ(ske.named_curve, 0x1d);
    CHECK_EQ(ske.curve_type_span.off, 2); /* after the empty hint */
    CHECK_EQ(ske.named_curve_span.off, 3);
    CHECK_EQ(ske.ec_point.off, 6);
    cuts("SKE ECDHE_PSK", a_ske, &c, body, n, (size_t)-1);
    n = load_body("0000 03 001d 01 aa 0000");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_ERR_TRAILING);
    CHECK_EQ(off, 7);

    /* DHE_PSK: hint "a", then DH params. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_DHE_PSK, 1};
    n = load_body("0001 61  0001 ff  0001 02  0001 05");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_OK);
    CHECK_EQ(ske.dh_ys.off, 11);
    cuts("SKE DHE_PSK", a_ske, &c, body, n, (size_t)-1);

    /* Anonymous DH (DH_anon): parameters and no signature. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_DH, 1};
    n = load_body("0001 ff  0001 02  0001 05");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_OK);
    CHECK(!ske.sig.present);

    /* SRP: N, g, s, B, then the TLS 1.2 signature. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_SRP, 1};
    n = load_body("0001 ff 0001 02 01 aa 0001 bb  0401 0001 cc");
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_OK);
    CHECK_EQ(ske.srp_s.off, 7);
    CHECK_EQ(ske.srp_b.off, 10);
    CHECK_EQ(ske.sig.scheme, 0x0401);

    /* Unknown key exchange. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_NULL, 1};
    CHECK_EQ(tlsi_server_key_exchange_parse(body, n, &c, &ske, &off), TLSI_ERR_UNSUPPORTED);

    /* ClientKeyExchange, RSA, TLS: opaque<0..2^16-1> encrypted premaster. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_RSA, 0};
    n = load_body("0004 aabbccdd");
    CHECK_EQ(tlsi_client_key_exchange_parse(body, n, &c, &cke, &off), TLSI_OK);
    CHECK(!cke.ssl3_rsa);
    CHECK_EQ(cke.exchange.off, 2);
    CHECK_EQ(cke.exchange.len, 4);
    cuts("CKE RSA", a_cke, &c, body, n, (size_t)-1);
    c.version = 0; /* the length prefix matches: TLS form */
    CHECK_EQ(tlsi_client_key_exchange_parse(body, n, &c, &cke, &off), TLSI_OK);
    CHECK(!cke.ssl3_rsa);
    /* SSL 3.0: no length prefix, the whole body is the ciphertext. */
    c = (tlsi_hs_ctx){0x0300, TLSI_KEX_RSA, 0};
    n = load_body("aabbccdd");
    CHECK_EQ(tlsi_client_key_exchange_parse(body, n, &c, &cke, &off), TLSI_OK);
    CHECK(cke.ssl3_rsa);
    CHECK_EQ(cke.exchange.off, 0);
    CHECK_EQ(cke.exchange.len, 4);
    c.version = 0; /* aabb does not match the length: SSL 3.0 form */
    CHECK_EQ(tlsi_client_key_exchange_parse(body, n, &c, &cke, &off), TLSI_OK);
    CHECK(cke.ssl3_rsa);

    /* ECDHE: ECPoint opaque<1..2^8-1>. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_ECDHE, 0};
    n = load_body("02 aabb");
    CHECK_EQ(tlsi_client_key_exchange_parse(body, n, &c, &cke, &off), TLSI_OK);
    CHECK_EQ(cke.exchange.off, 1);
    CHECK_EQ(cke.exchange.len, 2);
    cuts("CKE ECDHE", a_cke, &c, body, n, 0);
    /* Implicit (fixed ECDH client certificate): empty body. */
    CHECK_EQ(tlsi_client_key_exchange_parse(body, 0, &c, &cke, &off), TLSI_OK);
    CHECK(cke.implicit);

    /* DHE: opaque dh_Yc<1..2^16-1>. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_DHE, 0};
    n = load_body("0002 aabb");
    CHECK_EQ(tlsi_client_key_exchange_parse(body, n, &c, &cke, &off), TLSI_OK);
    CHECK_EQ(cke.exchange.off, 2);
    cuts("CKE DHE", a_cke, &c, body, n, 0);

    /* PSK: identity "abc". */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_PSK, 0};
    n = load_body("0003 616263");
    CHECK_EQ(tlsi_client_key_exchange_parse(body, n, &c, &cke, &off), TLSI_OK);
    CHECK_EQ(cke.psk_identity.off, 2);
    CHECK_EQ(cke.psk_identity.len, 3);
    cuts("CKE PSK", a_cke, &c, body, n, (size_t)-1);

    /* DHE_PSK: identity "a", Yc {05}. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_DHE_PSK, 0};
    n = load_body("0001 61 0001 05");
    CHECK_EQ(tlsi_client_key_exchange_parse(body, n, &c, &cke, &off), TLSI_OK);
    CHECK_EQ(cke.psk_identity.off, 2);
    CHECK_EQ(cke.exchange.off, 5);
    cuts("CKE DHE_PSK", a_cke, &c, body, n, (size_t)-1);

    /* ECDHE_PSK: identity "a", point {aa bb}. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_ECDHE_PSK, 0};
    n = load_body("0001 61 02 aabb");
    CHECK_EQ(tlsi_client_key_exchange_parse(body, n, &c, &cke, &off), TLSI_OK);
    CHECK_EQ(cke.exchange.off, 4);
    CHECK_EQ(cke.exchange.len, 2);
    cuts("CKE ECDHE_PSK", a_cke, &c, body, n, (size_t)-1);

    /* RSA_PSK: identity "a", encrypted premaster of 3. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_RSA_PSK, 0};
    n = load_body("0001 61 0003 aabbcc");
    CHECK_EQ(tlsi_client_key_exchange_parse(body, n, &c, &cke, &off), TLSI_OK);
    CHECK_EQ(cke.exchange.off, 5);
    CHECK_EQ(cke.exchange.len, 3);
    cuts("CKE RSA_PSK", a_cke, &c, body, n, (size_t)-1);
}

static void test_request_verify_ticket(void)
{
    tlsi_hs_ctx c;
    tlsi_certificate_request cr;
    tlsi_signature sig;
    tlsi_new_session_ticket nst;
    tlsi_list_iter it;
    uint16_t x;
    uint32_t off;
    size_t n;
    uint8_t ku;

    /* CertificateRequest TLS 1.2: types {rsa_sign, ecdsa_sign}; sig algs
     * {0401, 0403}; CAs: one 3-byte DN. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_ECDHE, 1};
    n = load_body("02 01 40  0004 0401 0403  0005 0003 300100");
    CHECK_EQ(tlsi_certificate_request_parse(body, n, &c, &cr, &off), TLSI_OK);
    CHECK(!cr.tls13);
    CHECK_EQ(cr.cert_types.count, 2);
    CHECK_EQ(cr.cert_types.items.off, 1);
    CHECK(cr.has_sig_algs);
    CHECK_EQ(cr.sig_algs.count, 2);
    tlsi_list_iter_init(&it, body, &cr.sig_algs);
    CHECK(tlsi_list_u16_next(&it, &x));
    CHECK_EQ(x, 0x0401);
    CHECK_EQ(cr.cas.count, 1);
    CHECK_EQ(cr.cas.items.off, 11);
    cuts("CR 1.2", a_cr, &c, body, n, (size_t)-1);
    /* The same bytes with the version unknown. */
    c.version = 0;
    CHECK_EQ(tlsi_certificate_request_parse(body, n, &c, &cr, &off), TLSI_OK);
    CHECK(cr.has_sig_algs);
    CHECK_EQ(cr.cas.count, 1);

    /* TLS 1.0: no signature algorithms. */
    c = (tlsi_hs_ctx){0x0301, TLSI_KEX_RSA, 1};
    n = load_body("01 01  0000");
    CHECK_EQ(tlsi_certificate_request_parse(body, n, &c, &cr, &off), TLSI_OK);
    CHECK(!cr.has_sig_algs);
    CHECK_EQ(cr.cas.count, 0);
    cuts("CR 1.0", a_cr, &c, body, n, (size_t)-1);
    c.version = 0;
    CHECK_EQ(tlsi_certificate_request_parse(body, n, &c, &cr, &off), TLSI_OK);
    CHECK(!cr.has_sig_algs);

    /* TLS 1.3: empty context; extensions {signature_algorithms {0403}}. */
    n = load_body("00  0008 000d 0004 0002 0403");
    CHECK_EQ(tlsi_certificate_request_parse(body, n, &ctx13, &cr, &off), TLSI_OK);
    CHECK(cr.tls13);
    CHECK_EQ(cr.context.len, 0);
    CHECK_EQ(cr.extensions.off, 3);
    CHECK_EQ(cr.extensions.len, 8);
    CHECK_EQ(cr.n_extensions, 1);
    cuts("CR 1.3", a_cr, &ctx13, body, n, (size_t)-1);

    /* CertificateVerify TLS 1.2 and TLS 1.0. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_RSA, 0};
    n = load_body("0401 0003 aabbcc");
    CHECK_EQ(tlsi_certificate_verify_parse(body, n, &c, &sig, &off), TLSI_OK);
    CHECK_EQ(sig.scheme, 0x0401);
    CHECK_EQ(sig.signature.off, 4);
    c.version = 0x0302;
    n = load_body("0003 aabbcc");
    CHECK_EQ(tlsi_certificate_verify_parse(body, n, &c, &sig, &off), TLSI_OK);
    CHECK(!sig.has_scheme);
    CHECK_EQ(sig.signature.off, 2);
    cuts("CV 1.1", a_cv, &c, body, n, (size_t)-1);

    /* NewSessionTicket TLS 1.2: lifetime hint 7200, ticket of 3. */
    c = (tlsi_hs_ctx){0x0303, TLSI_KEX_ECDHE, 1};
    n = load_body("00001c20 0003 aabbcc");
    CHECK_EQ(tlsi_new_session_ticket_parse(body, n, &c, &nst, &off), TLSI_OK);
    CHECK(!nst.tls13);
    CHECK_EQ(nst.lifetime, 7200);
    CHECK_EQ(nst.ticket.off, 6);
    CHECK_EQ(nst.ticket.len, 3);
    cuts("NST 1.2", a_nst, &c, body, n, (size_t)-1);

    /* TLS 1.3: lifetime 7200, age_add 0x01020304, nonce {00}, ticket of 3,
     * extensions {early_data max 16384}. */
    n = load_body("00001c20 01020304 01 00 0003 aabbcc 0008 002a 0004 00004000");
    CHECK_EQ(tlsi_new_session_ticket_parse(body, n, &ctx13, &nst, &off), TLSI_OK);
    CHECK(nst.tls13);
    CHECK_EQ(nst.age_add, 0x01020304);
    CHECK_EQ(nst.nonce.off, 9);
    CHECK_EQ(nst.nonce.len, 1);
    CHECK_EQ(nst.ticket.off, 12);
    CHECK_EQ(nst.extensions.off, 17);
    CHECK_EQ(nst.n_extensions, 1);
    cuts("NST 1.3", a_nst, &ctx13, body, n, (size_t)-1);
    c.version = 0; /* not the 1.2 layout: found as 1.3 */
    CHECK_EQ(tlsi_new_session_ticket_parse(body, n, &c, &nst, &off), TLSI_OK);
    CHECK(nst.tls13);
    /* ticket<1..2^16-1> in TLS 1.3 */
    n = load_body("00001c20 01020304 00 0000 0000");
    CHECK_EQ(tlsi_new_session_ticket_parse(body, n, &ctx13, &nst, &off), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 9);

    /* KeyUpdate. */
    CHECK_EQ(tlsi_key_update_parse((const uint8_t *)"\x01", 1, &ku, &off), TLSI_OK);
    CHECK_EQ(ku, 1);
    CHECK_EQ(tlsi_key_update_parse((const uint8_t *)"\x02", 1, &ku, &off), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(off, 0);
    CHECK_EQ(tlsi_key_update_parse((const uint8_t *)"", 0, &ku, &off), TLSI_ERR_SHORT);
    CHECK_EQ(tlsi_key_update_parse((const uint8_t *)"\x00\x00", 2, &ku, &off), TLSI_ERR_TRAILING);
    CHECK_EQ(off, 1);
    cuts("KeyUpdate", a_ku, &ctx13, (const uint8_t *)"\x00", 1, (size_t)-1);

    /* Empty messages. */
    CHECK_EQ(tlsi_empty_parse((const uint8_t *)"", 0, &off), TLSI_OK);
    CHECK_EQ(tlsi_empty_parse((const uint8_t *)"\x00", 1, &off), TLSI_ERR_TRAILING);
    CHECK_EQ(off, 0);
}

static void test_cert_misc(void)
{
    tlsi_certificate_status cs;
    tlsi_certificate_url cu;
    tlsi_url_and_hash uh;
    tlsi_compressed_certificate cc;
    tlsi_next_protocol np;
    tlsi_list_iter it;
    uint32_t off;
    size_t n;
    char hex[256];

    /* CertificateStatus: ocsp, 3-byte response at 4. */
    n = load_body("01 000003 aabbcc");
    CHECK_EQ(tlsi_certificate_status_parse(body, n, &cs, &off), TLSI_OK);
    CHECK_EQ(cs.status_type, 1);
    CHECK_EQ(cs.response.off, 4);
    CHECK_EQ(cs.response.len, 3);
    cuts("CertificateStatus", a_cs, &ctx13, body, n, (size_t)-1);
    n = load_body("03 000003 aabbcc");
    CHECK_EQ(tlsi_certificate_status_parse(body, n, &cs, &off), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(off, 0);
    /* ocsp_multi: two responses, one empty. */
    n = load_body("02 000008 000002 aabb 000000");
    CHECK_EQ(tlsi_certificate_status_parse(body, n, &cs, &off), TLSI_OK);
    CHECK_EQ(cs.responses.count, 2);

    /* CertificateURL: individual_certs; one URL "abc", padding 01, 20-byte hash. */
    strcpy(hex, "00 001a 0003 616263 01");
    for (int i = 0; i < 20; i++)
        strcat(hex, "5a");
    n = load_body(hex);
    CHECK_EQ(tlsi_certificate_url_parse(body, n, &cu, &off), TLSI_OK);
    CHECK_EQ(cu.chain_type, 0);
    CHECK_EQ(cu.urls.count, 1);
    tlsi_list_iter_init(&it, body, &cu.urls);
    CHECK(tlsi_url_and_hash_next(&it, &uh));
    CHECK_EQ(uh.url.off, 5);
    CHECK_EQ(uh.url.len, 3);
    CHECK_EQ(uh.padding, 1);
    CHECK_EQ(uh.padding_span.off, 8);
    CHECK_EQ(uh.padding_span.len, 1);
    CHECK_EQ(uh.entry.off, 3);
    CHECK_EQ(uh.entry.len, 26);
    CHECK_EQ(uh.sha1_hash.off, 9);
    CHECK(!tlsi_url_and_hash_next(&it, &uh));
    cuts("CertificateURL", a_curl, &ctx13, body, n, (size_t)-1);
    body[8] = 0; /* padding must be 1 */
    CHECK_EQ(tlsi_certificate_url_parse(body, n, &cu, &off), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(off, 8);

    /* CompressedCertificate: brotli (2), uncompressed 256, 3 compressed bytes. */
    n = load_body("0002 000100 000003 aabbcc");
    CHECK_EQ(tlsi_compressed_certificate_parse(body, n, &cc, &off), TLSI_OK);
    CHECK_EQ(cc.algorithm, 2);
    CHECK_EQ(cc.uncompressed_length, 256);
    CHECK_EQ(cc.compressed.off, 8);
    CHECK_EQ(cc.compressed.len, 3);
    cuts("CompressedCertificate", a_cc, &ctx13, body, n, (size_t)-1);

    /* NextProtocol: "h2", two bytes of padding. */
    n = load_body("02 6832 02 0000");
    CHECK_EQ(tlsi_next_protocol_parse(body, n, &np, &off), TLSI_OK);
    CHECK_EQ(np.selected_protocol.off, 1);
    CHECK_EQ(np.padding.off, 4);
    cuts("NextProtocol", a_np, &ctx13, body, n, (size_t)-1);
}

static void test_sslv2(void)
{
    tlsi_sslv2_client_hello v2;
    uint32_t off;
    size_t n;
    char hex[256];

    /* Record header 80 22 (34 bytes follow): CLIENT-HELLO (1), version TLS 1.0,
     * 9 bytes of cipher specs (3 specs), no session id, 16-byte challenge;
     * specs SSL_CK_RC4_128_WITH_MD5, SSL_CK_DES_192_EDE3_CBC_WITH_MD5 and
     * TLS_RSA_WITH_AES_128_CBC_SHA (00 00 2f). */
    strcpy(hex, "8022 01 0301 0009 0000 0010 010080 0700c0 00002f");
    for (int i = 0; i < 16; i++)
        strcat(hex, "c1");
    n = load_body(hex);
    CHECK_EQ(n, 36);
    CHECK(tlsi_sslv2_looks_like_client_hello(body, n));
    CHECK_EQ(tlsi_sslv2_client_hello_parse(body, n, &v2, &off), TLSI_OK);
    CHECK_EQ(v2.record_len, 34);
    CHECK_EQ(v2.version, 0x0301);
    CHECK_EQ(v2.n_cipher_specs, 3);
    CHECK_EQ(v2.cipher_specs.off, 11);
    CHECK_EQ(v2.cipher_specs.len, 9);
    CHECK_EQ(tlsi_sslv2_cipher_at(body + 11), 0x010080);
    CHECK_EQ(tlsi_sslv2_cipher_at(body + 14), 0x0700c0);
    CHECK_EQ(tlsi_sslv2_cipher_at(body + 17), 0x00002f);
    CHECK_EQ(v2.session_id.off, 20);
    CHECK_EQ(v2.session_id.len, 0);
    CHECK_EQ(v2.challenge.off, 20);
    CHECK_EQ(v2.challenge.len, 16);
    /* Cuts: the record header's length runs past every shorter buffer. */
    for (size_t k = 0; k < n; k++) {
        CHECK(tlsi_sslv2_client_hello_parse(body, k, &v2, &off) == TLSI_ERR_SHORT);
        CHECK(!tlsi_sslv2_looks_like_client_hello(body, k) || k >= 11);
    }
    /* A record length one short of the fields: the challenge overruns it. */
    body[1] = 0x21;
    CHECK_EQ(tlsi_sslv2_client_hello_parse(body, n, &v2, &off), TLSI_ERR_SHORT);
    CHECK(!tlsi_sslv2_looks_like_client_hello(body, n));
    /* A record one longer than the fields: TRAILING inside the record. */
    body[1] = 0x23;
    CHECK_EQ(tlsi_sslv2_client_hello_parse(body, n + 1, &v2, &off), TLSI_ERR_TRAILING);
    CHECK_EQ(off, 36);
    body[1] = 0x22;
    /* cipher_spec_length not a multiple of 3 */
    body[6] = 0x08;
    CHECK_EQ(tlsi_sslv2_client_hello_parse(body, n, &v2, &off), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 5);
    CHECK(!tlsi_sslv2_looks_like_client_hello(body, n));
    body[6] = 0x09;
    /* session id length 8 (must be 0 or 16) */
    body[8] = 0x08;
    CHECK_EQ(tlsi_sslv2_client_hello_parse(body, n, &v2, &off), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 7);
    body[8] = 0x00;
    /* challenge of 15 */
    body[10] = 0x0f;
    CHECK_EQ(tlsi_sslv2_client_hello_parse(body, n, &v2, &off), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(off, 9);
    body[10] = 0x10;
    /* not a CLIENT-HELLO (msg_type 4 is SERVER-HELLO) */
    body[2] = 4;
    CHECK_EQ(tlsi_sslv2_client_hello_parse(body, n, &v2, &off), TLSI_ERR_BAD_VALUE);
    CHECK(!tlsi_sslv2_looks_like_client_hello(body, n));
    body[2] = 1;
    /* A TLS record (16 03 01 ...) is not an SSLv2 hello. */
    CHECK(!tlsi_sslv2_looks_like_client_hello((const uint8_t *)"\x16\x03\x01\x00\x2f\x01\x00"
                                                               "\x00\x2b\x03\x01",
                                              11));
    CHECK_EQ(a_v2(body, n, NULL, &off), TLSI_OK);
}

int main(void)
{
    test_rfc8448();
    test_hello_variants();
    test_certificate12();
    test_key_exchange();
    test_request_verify_ticket();
    test_cert_misc();
    test_sslv2();
    return tc_done();
}
