/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_fingerprint.c - JA3, JA3S and JA4 against the values published with
 * the methods (salesforce/ja3 README; FoxIO-LLC/ja4 technical_details/JA4.md),
 * rebuilt as ClientHello/ServerHello bytes here, plus the RFC 8448 ClientHello
 * with its fingerprints worked out by hand (steps in the comments; hashes from
 * `printf '%s' STRING | md5sum` / `| sha256sum`).
 */
#include <string.h>

#include "fingerprint.h"
#include "tcheck.h"

/* ---- a tiny hello builder: the lengths are computed, the content is literal ---- */

static unsigned char hello[8192];
static size_t hello_len;
static unsigned char exts[4096];
static size_t exts_len;

static void put_hex(unsigned char *buf, size_t *len, const char *hex)
{
    long n = tc_unhex(hex, buf + *len, 4096);
    CHECK(n >= 0);
    *len += (size_t)n;
}

static void put16(unsigned char *buf, size_t *len, size_t v)
{
    buf[(*len)++] = (unsigned char)(v >> 8);
    buf[(*len)++] = (unsigned char)v;
}

static void ext(unsigned type, const char *data_hex)
{
    unsigned char data[1024];
    size_t n = 0;
    put_hex(data, &n, data_hex);
    put16(exts, &exts_len, type);
    put16(exts, &exts_len, n);
    memcpy(exts + exts_len, data, n);
    exts_len += n;
}

/* ClientHello body: version, 32-byte random, empty session id, the suites
 * (hex of u16 values), compression {null}, and the extensions added since
 * (none at all when with_exts is 0). */
static void client_hello(const char *version_hex, const char *suites_hex, int with_exts)
{
    unsigned char suites[2048];
    size_t n = 0;

    hello_len = 0;
    put_hex(hello, &hello_len, version_hex);
    memset(hello + hello_len, 0x5a, 32);
    hello_len += 32;
    hello[hello_len++] = 0;
    put_hex(suites, &n, suites_hex);
    put16(hello, &hello_len, n);
    memcpy(hello + hello_len, suites, n);
    hello_len += n;
    put_hex(hello, &hello_len, "01 00");
    if (with_exts) {
        put16(hello, &hello_len, exts_len);
        memcpy(hello + hello_len, exts, exts_len);
        hello_len += exts_len;
    }
    exts_len = 0;
}

static void test_ja3_readme(void)
{
    char str[256], md5[33];
    size_t len;

    /* salesforce/ja3 README:
     * "769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0"
     *   -> ada70206e40642a3e4461f35503241d5
     * TLS 1.0 (0x0301 = 769); suites 002f 0035 0005 000a c009 c00a c013 c014
     * 0032 0038 0013 0004; extensions server_name (0), supported_groups (10)
     * {23, 24, 25}, ec_point_formats (11) {0}. GREASE values are added to
     * every list (suite 0a0a, extension 1a1a, group 2a2a): JA3 ignores them. */
    ext(0x1a1a, "");
    ext(0, "0006 00 0003 612e62");
    ext(10, "0008 2a2a 0017 0018 0019");
    ext(11, "01 00");
    client_hello("0301", "0a0a 002f 0035 0005 000a c009 c00a c013 c014 0032 0038 0013 0004", 1);
    CHECK_EQ(tlsi_ja3(hello, hello_len, str, sizeof(str), &len, md5), TLSI_OK);
    CHECK(strcmp(str, "769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0") == 0);
    CHECK_EQ(len, strlen(str));
    CHECK(strcmp(md5, "ada70206e40642a3e4461f35503241d5") == 0);

    /* A buffer too small: the string is cut, the hash is still of all of it. */
    CHECK_EQ(tlsi_ja3(hello, hello_len, str, 10, &len, md5), TLSI_OK);
    CHECK(strcmp(str, "769,47-53") == 0);
    CHECK_EQ(len, 68); /* printf "%s" STRING | wc -c */
    CHECK(strcmp(md5, "ada70206e40642a3e4461f35503241d5") == 0);
    CHECK_EQ(tlsi_ja3(hello, hello_len, NULL, 0, NULL, md5), TLSI_OK);
    CHECK(strcmp(md5, "ada70206e40642a3e4461f35503241d5") == 0);

    /* README: no extensions -> "769,4-5-10-9-100-98-3-6-19-18-99,,,"
     *   -> de350869b8c85de67a350c8d186f11e6 */
    client_hello("0301", "0004 0005 000a 0009 0064 0062 0003 0006 0013 0012 0063", 0);
    CHECK_EQ(tlsi_ja3(hello, hello_len, str, sizeof(str), &len, md5), TLSI_OK);
    CHECK(strcmp(str, "769,4-5-10-9-100-98-3-6-19-18-99,,,") == 0);
    CHECK(strcmp(md5, "de350869b8c85de67a350c8d186f11e6") == 0);

    /* A malformed hello gives no fingerprint. */
    CHECK_EQ(tlsi_ja3(hello, hello_len - 1, str, sizeof(str), &len, md5), TLSI_ERR_SHORT);
}

static void test_ja3s_readme(void)
{
    char str[128], md5[33];
    size_t len;

    /* salesforce/ja3 README (JA3S): "769,47,65281-0-11-35-5-16"
     *   -> 836ce314215654b5b1f85f97c73e506f
     * ServerHello TLS 1.0, TLS_RSA_WITH_AES_128_CBC_SHA (47), extensions
     * renegotiation_info {}, server_name (empty), ec_point_formats {0},
     * session_ticket (empty), status_request (empty), ALPN {"h2"}. */
    hello_len = 0;
    put_hex(hello, &hello_len, "0301");
    memset(hello + hello_len, 0x77, 32);
    hello_len += 32;
    put_hex(hello, &hello_len, "00 002f 00");
    exts_len = 0;
    ext(0xff01, "00");
    ext(0, "");
    ext(11, "01 00");
    ext(35, "");
    ext(5, "");
    ext(16, "0003 02 6832");
    put16(hello, &hello_len, exts_len);
    memcpy(hello + hello_len, exts, exts_len);
    hello_len += exts_len;
    exts_len = 0;
    CHECK_EQ(tlsi_ja3s(hello, hello_len, str, sizeof(str), &len, md5), TLSI_OK);
    CHECK(strcmp(str, "769,47,65281-0-11-35-5-16") == 0);
    CHECK(strcmp(md5, "836ce314215654b5b1f85f97c73e506f") == 0);
}

/* The JA4.md example ClientHello: 15 suites, 16 extensions, ALPN h2, TLS 1.3
 * offered in supported_versions, with GREASE in the suites, the extension
 * list, supported_versions, supported_groups and the signature algorithms. */
static void build_ja4_example(void)
{
    ext(0x0a0a, "");
    ext(0x001b, "02 0002");                          /* compress_certificate: brotli */
    ext(0x0000, "0006 00 0003 612e62");              /* server_name "a.b" */
    ext(0x0033, "0006 001d 0002 aabb");              /* key_share */
    ext(0x0010, "000c 02 6832 08 687474702f312e31"); /* ALPN h2, http/1.1 */
    ext(0x4469, "0003 02 6832");                     /* application_settings */
    ext(0x0017, "");                                 /* extended_master_secret */
    ext(0x002d, "01 01");                            /* psk_key_exchange_modes */
    ext(0x000d, "0012 0403 0804 0401 0503 0805 0501 0806 0601 5a5a"); /* + GREASE */
    ext(0x0005, "01 0000 0000");                                      /* status_request */
    ext(0x0023, "");                                                  /* session_ticket */
    ext(0x0012, "");                         /* signed_certificate_timestamp */
    ext(0x002b, "06 3a3a 0304 0303");        /* supported_versions */
    ext(0xff01, "00");                       /* renegotiation_info */
    ext(0x000b, "01 00");                    /* ec_point_formats */
    ext(0x000a, "0008 4a4a 001d 0017 0018"); /* supported_groups */
    ext(0x0015, "0000");                     /* padding */
    ext(0x1a1a, "00");
    client_hello("0303",
                 "2a2a 1301 1302 1303 c02b c02f c02c c030 cca9 cca8 c013 c014 009c 009d 002f 0035",
                 1);
}

static void test_ja4_spec(void)
{
    char ja4[TLSI_JA4_LEN + 1], raw[512];
    size_t raw_len;

    /* JA4.md: JA4 = t13d1516h2_8daaf6152771_e5627efa2ab1 */
    build_ja4_example();
    CHECK_EQ(tlsi_ja4(hello, hello_len, 't', 0, ja4, raw, sizeof(raw), &raw_len), TLSI_OK);
    CHECK(strcmp(ja4, "t13d1516h2_8daaf6152771_e5627efa2ab1") == 0);
    CHECK(strcmp(raw, "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,"
                      "c030,cca8,cca9_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,"
                      "4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601") == 0);
    CHECK_EQ(raw_len, strlen(raw));
    /* proto 0 picks 't' here (no quic_transport_parameters) */
    CHECK_EQ(tlsi_ja4(hello, hello_len, 0, 0, ja4, NULL, 0, NULL), TLSI_OK);
    CHECK(strcmp(ja4, "t13d1516h2_8daaf6152771_e5627efa2ab1") == 0);

    /* JA4.md: JA4_o = t13d1516h2_acb858a92679_18f69afefd3d, and JA4_ro. */
    CHECK_EQ(tlsi_ja4(hello, hello_len, 't', 1, ja4, raw, sizeof(raw), &raw_len), TLSI_OK);
    CHECK(strcmp(ja4, "t13d1516h2_acb858a92679_18f69afefd3d") == 0);
    CHECK(strcmp(raw, "t13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,"
                      "009d,002f,0035_001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,"
                      "ff01,000b,000a,0015_0403,0804,0401,0503,0805,0501,0806,0601") == 0);

    /* A raw buffer too small: cut, NUL-terminated, full length reported. */
    CHECK_EQ(tlsi_ja4(hello, hello_len, 't', 0, ja4, raw, 11, &raw_len), TLSI_OK);
    CHECK(strcmp(raw, "t13d1516h2") == 0);
    CHECK_EQ(raw_len, 195); /* the JA4_r above */
    CHECK(strcmp(ja4, "t13d1516h2_8daaf6152771_e5627efa2ab1") == 0);
}

static void test_rfc8448(void)
{
    /* RFC 8448 section 3 ClientHello body (after 01 00 00 c0). */
    static const char ch_hex[] =
        "03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2 ef 62 83"
        "02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00 00 91 00 00 00 0b 00 09 00 00 06 73 65 72 76"
        "65 72 ff 01 00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01"
        "04 00 23 00 00 00 33 00 26 00 24 00 1d 00 20 99 38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba"
        "fe b3 c0 6e 51 c1 3c ae 4d 54 13 69 1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e"
        "04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01 04 02 05 02 06 02 02 02"
        "00 2d 00 02 01 01 00 1c 00 02 40 01";
    char str[256], md5[33], ja4[TLSI_JA4_LEN + 1], raw[256];
    long n = tc_unhex(ch_hex, hello, sizeof(hello));

    CHECK_EQ(n, 192);
    /* JA3 by hand: legacy_version 0x0303 = 771; suites 1301 1303 1302 =
     * 4865-4867-4866; extensions in order 0 65281 10 35 51 43 13 45 28;
     * groups 001d 0017 0018 0019 0100..0104 = 29-23-24-25-256-257-258-259-260;
     * no ec_point_formats, so the last field is empty.
     * md5 = da4dea34fe6d4ce5f0725df3f2682fa0 */
    CHECK_EQ(tlsi_ja3(hello, (size_t)n, str, sizeof(str), NULL, md5), TLSI_OK);
    CHECK(strcmp(str, "771,4865-4867-4866,0-65281-10-35-51-43-13-45-28,"
                      "29-23-24-25-256-257-258-259-260,") == 0);
    CHECK(strcmp(md5, "da4dea34fe6d4ce5f0725df3f2682fa0") == 0);

    /* JA4 by hand: t; supported_versions {0304} -> "13"; server_name -> d;
     * 3 suites -> 03; 9 extensions -> 09; no ALPN -> 00: "t13d030900".
     * b: sha256("1301,1302,1303") = 55b375c5d22e...
     * c: extensions sorted without 0000: 000a,000d,001c,0023,002b,002d,0033,ff01,
     *    then "_" and the 15 signature algorithms in wire order:
     *    sha256("000a,000d,001c,0023,002b,002d,0033,ff01_0403,0503,0603,0203,0804,
     *    0805,0806,0401,0501,0601,0201,0402,0502,0602,0202") = 59cd3dafc54d... */
    CHECK_EQ(tlsi_ja4(hello, (size_t)n, 't', 0, ja4, raw, sizeof(raw), NULL), TLSI_OK);
    CHECK(strcmp(ja4, "t13d030900_55b375c5d22e_59cd3dafc54d") == 0);
    CHECK(strcmp(raw,
                 "t13d030900_1301,1302,1303_000a,000d,001c,0023,002b,002d,0033,ff01_0403,"
                 "0503,0603,0203,0804,0805,0806,0401,0501,0601,0201,0402,0502,0602,0202") == 0);
}

/* JA4 of a hello whose only extension is ALPN with one value (hex). */
static void alpn_case(const char *value_hex, size_t value_len, const char *want)
{
    char data[128], ja4[TLSI_JA4_LEN + 1];
    snprintf(data, sizeof(data), "%04zx %02zx %s", value_len + 1, value_len, value_hex);
    ext(16, data);
    client_hello("0303", "1301", 1);
    CHECK_EQ(tlsi_ja4(hello, hello_len, 't', 0, ja4, NULL, 0, NULL), TLSI_OK);
    if (strncmp(ja4 + 8, want, 2) != 0)
        fprintf(stderr, "ALPN %s: got %.2s, want %s\n", value_hex, ja4 + 8, want);
    CHECK(strncmp(ja4 + 8, want, 2) == 0);
}

static void test_ja4_details(void)
{
    char ja4[TLSI_JA4_LEN + 1], raw[256];
    char suites[99 * 5 + 200];

    /* JA4.md "ALPN Extension Value" examples. */
    alpn_case("6832", 2, "h2");
    alpn_case("687474702f312e31", 8, "h1"); /* http/1.1 */
    alpn_case("61", 1, "aa");               /* a single character is both */
    alpn_case("ab", 1, "ab");               /* 0xAB */
    alpn_case("abcd", 2, "ad");             /* 0xAB 0xCD */
    alpn_case("30ab", 2, "3b");             /* 0x30 0xAB */
    alpn_case("3031abcd", 4, "3d");         /* 0x30 0x31 0xAB 0xCD */
    alpn_case("30abcd31", 4, "01");         /* 0x30 0xAB 0xCD 0x31 */
    /* Punctuation is not alphanumeric either (JA4.md: only 0x30-0x39,
     * 0x41-0x5A, 0x61-0x7A pass), at either end, and non-ASCII UTF-8. */
    alpn_case("2d6832", 3, "22");           /* "-h2": first byte '-' */
    alpn_case("68322e", 3, "6e");           /* "h2.": last byte '.' */
    alpn_case("682f", 2, "6f");             /* "h/" */
    alpn_case("c3a9", 2, "c9");             /* U+00E9 in UTF-8 */
    alpn_case("78c3a978", 4, "xx");         /* non-ASCII inside only: characters */

    /* Only ALPN and no signature algorithms: TLS 1.2 from legacy_version, IP
     * (no SNI), one suite, one extension; part c has no extensions left
     * (ALPN is excluded), so it is twelve zeros. b = sha256("1301") = 0f2cb44170f4... */
    ext(16, "0003 02 6832");
    client_hello("0303", "1301", 1);
    CHECK_EQ(tlsi_ja4(hello, hello_len, 't', 0, ja4, raw, sizeof(raw), NULL), TLSI_OK);
    CHECK(strcmp(ja4, "t12i0101h2_0f2cb44170f4_000000000000") == 0);
    CHECK(strcmp(raw, "t12i0101h2_1301_") == 0);
    /* JA4_o keeps ALPN: c = sha256("0010") = 0b08e3dcc50f..., no trailing "_". */
    CHECK_EQ(tlsi_ja4(hello, hello_len, 't', 1, ja4, raw, sizeof(raw), NULL), TLSI_OK);
    CHECK(strcmp(ja4, "t12i0101h2_0f2cb44170f4_0b08e3dcc50f") == 0);
    CHECK(strcmp(raw, "t12i0101h2_1301_0010") == 0);

    /* No extensions block at all, SSL 3.0; only GREASE suites: both hashes zero. */
    client_hello("0300", "0a0a 1a1a", 0);
    CHECK_EQ(tlsi_ja4(hello, hello_len, 't', 0, ja4, NULL, 0, NULL), TLSI_OK);
    CHECK(strcmp(ja4, "ts3i000000_000000000000_000000000000") == 0);

    /* Unknown version; QUIC picked from quic_transport_parameters (57). */
    ext(57, "0102");
    client_hello("0305", "1301", 1);
    CHECK_EQ(tlsi_ja4(hello, hello_len, 0, 0, ja4, NULL, 0, NULL), TLSI_OK);
    CHECK(strncmp(ja4, "q00i010100_", 11) == 0);
    /* DTLS as told by the caller. */
    CHECK_EQ(tlsi_ja4(hello, hello_len, 'd', 0, ja4, NULL, 0, NULL), TLSI_OK);
    CHECK(ja4[0] == 'd');

    /* Counts stop at 99: 120 suites (0x0100..0x0177). */
    suites[0] = 0;
    for (int i = 0; i < 120; i++) {
        char item[8];
        snprintf(item, sizeof(item), "%04x ", 0x100 + i);
        strcat(suites, item);
    }
    client_hello("0303", suites, 0);
    CHECK_EQ(tlsi_ja4(hello, hello_len, 't', 0, ja4, NULL, 0, NULL), TLSI_OK);
    CHECK(strncmp(ja4, "t12i990000_", 11) == 0);

    /* A truncated hello is not fingerprinted. */
    CHECK_EQ(tlsi_ja4(hello, 40, 't', 0, ja4, NULL, 0, NULL), TLSI_ERR_SHORT);
}

int main(void)
{
    test_ja3_readme();
    test_ja3s_readme();
    test_ja4_spec();
    test_rfc8448();
    test_ja4_details();
    return tc_done();
}
