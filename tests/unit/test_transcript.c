/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_transcript.c - the running handshake hash, against:
 *   - digests computed here with gcry_md_hash_buffer over the concatenation;
 *   - the RFC 8448 section 3 handshake messages, whose transcript hashes and
 *     Finished verify_data the RFC prints;
 *   - real TLS 1.0 / 1.2 sessions between `openssl s_server` and
 *     `openssl s_client` (OpenSSL 3.0) using a PSK, recorded with -msg and
 *     -keylogfile: the premaster secret follows from the PSK (RFC 4279 2), so
 *     transcript -> (extended) master secret -> Finished is checked end to
 *     end against the key log and the Finished messages OpenSSL sent;
 *   - the SSL 3.0 Finished formula of RFC 6101 5.6.9, evaluated here.
 */
#include <gcrypt.h>
#include <string.h>

#include "prf.h"
#include "tcheck.h"
#include "rfc8448.h"
#include "tls13_keys.h"
#include "transcript.h"

static uint8_t buf[2048];

/* Decode hex into a static buffer slot; returns the length. */
static size_t hexto(const char *hex, uint8_t *out, size_t cap)
{
    long n = tc_unhex(hex, out, cap);

    CHECK(n >= 0);
    return n < 0 ? 0 : (size_t)n;
}

static void add_hex(tlsi_transcript *t, const char *hex)
{
    size_t n = hexto(hex, buf, sizeof(buf));

    tlsi_transcript_add(t, buf, n);
}

static void test_against_hash_buffer(void)
{
    static const int algos[] = {GCRY_MD_MD5, GCRY_MD_SHA1, GCRY_MD_SHA256, GCRY_MD_SHA384,
                                GCRY_MD_SM3};
    static const tlsi_hash hashes[] = {TLSI_HASH_MD5, TLSI_HASH_SHA1, TLSI_HASH_SHA256,
                                       TLSI_HASH_SHA384, TLSI_HASH_SM3};
    uint8_t data[1000], got[64], want[64], want36[36];
    tlsi_transcript *t = tlsi_transcript_new(), *c;
    size_t i;

    CHECK(t != NULL);
    if (!t)
        return;
    for (i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 7 + 3);
    /* Empty transcript: Hash(""). */
    gcry_md_hash_buffer(GCRY_MD_SHA256, want, "", 0);
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA256, got), TLSI_OK);
    CHECK_MEM(got, want, 32);

    /* Uneven pieces; reading in between must not disturb the state. */
    tlsi_transcript_add(t, data, 1);
    tlsi_transcript_add(t, data + 1, 0);
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA1, got), TLSI_OK);
    tlsi_transcript_add(t, data + 1, 300);
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_MD5, got), TLSI_OK);
    tlsi_transcript_add(t, data + 301, 699);
    CHECK_EQ(tlsi_transcript_length(t), 1000);
    for (i = 0; i < sizeof(algos) / sizeof(algos[0]); i++) {
        if (gcry_md_test_algo(algos[i]) != 0)
            continue;
        gcry_md_hash_buffer(algos[i], want, data, sizeof(data));
        CHECK_EQ(tlsi_transcript_hash(t, hashes[i], got), TLSI_OK);
        CHECK_MEM(got, want, gcry_md_get_algo_dlen(algos[i]));
        /* Twice in a row: same answer. */
        CHECK_EQ(tlsi_transcript_hash(t, hashes[i], got), TLSI_OK);
        CHECK_MEM(got, want, gcry_md_get_algo_dlen(algos[i]));
    }
    /* TLS 1.0/1.1: MD5 + SHA-1. */
    gcry_md_hash_buffer(GCRY_MD_MD5, want36, data, sizeof(data));
    gcry_md_hash_buffer(GCRY_MD_SHA1, want36 + 16, data, sizeof(data));
    CHECK_EQ(tlsi_transcript_tls10_hash(t, got), TLSI_OK);
    CHECK_MEM(got, want36, 36);

    /* A copy runs on independently. */
    c = tlsi_transcript_copy(t);
    CHECK(c != NULL);
    if (c) {
        tlsi_transcript_add(c, data, 10);
        CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA384, got), TLSI_OK);
        gcry_md_hash_buffer(GCRY_MD_SHA384, want, data, sizeof(data));
        CHECK_MEM(got, want, 48);
        CHECK_EQ(tlsi_transcript_hash(c, TLSI_HASH_SHA384, got), TLSI_OK);
        CHECK(memcmp(got, want, 48) != 0);
        CHECK_EQ(tlsi_transcript_length(c), 1010);
        tlsi_transcript_free(c);
    }
    /* Hashes not kept. */
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA512, got), TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_NONE, got), TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(tlsi_transcript_hash(t, (tlsi_hash)99, got), TLSI_ERR_UNSUPPORTED);
    tlsi_transcript_free(t);
    tlsi_transcript_free(NULL);
}

/* RFC 8446 4.4.1: ClientHello1 becomes message_hash(254) 00 00 Hash.length Hash(CH1). */
static void test_hrr(void)
{
    uint8_t ch1[100], rest[80], syn[4 + 48 + 80], got[48], want[48];
    tlsi_transcript *t = tlsi_transcript_new();
    size_t i;

    for (i = 0; i < sizeof(ch1); i++)
        ch1[i] = (uint8_t)(0x40 + i);
    for (i = 0; i < sizeof(rest); i++)
        rest[i] = (uint8_t)(0x90 ^ i);
    CHECK_EQ(tlsi_transcript_hrr_rewrite(t), TLSI_ERR_BAD_VALUE); /* empty */
    tlsi_transcript_add(t, ch1, sizeof(ch1));
    CHECK_EQ(tlsi_transcript_hrr_rewrite(t), TLSI_OK);
    tlsi_transcript_add(t, rest, sizeof(rest)); /* HRR, ClientHello2, ... */

    syn[0] = 254;
    syn[1] = 0;
    syn[2] = 0;
    syn[3] = 32;
    gcry_md_hash_buffer(GCRY_MD_SHA256, syn + 4, ch1, sizeof(ch1));
    memcpy(syn + 4 + 32, rest, sizeof(rest));
    gcry_md_hash_buffer(GCRY_MD_SHA256, want, syn, 4 + 32 + sizeof(rest));
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA256, got), TLSI_OK);
    CHECK_MEM(got, want, 32);

    syn[3] = 48;
    gcry_md_hash_buffer(GCRY_MD_SHA384, syn + 4, ch1, sizeof(ch1));
    memcpy(syn + 4 + 48, rest, sizeof(rest));
    gcry_md_hash_buffer(GCRY_MD_SHA384, want, syn, 4 + 48 + sizeof(rest));
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA384, got), TLSI_OK);
    CHECK_MEM(got, want, 48);
    tlsi_transcript_free(t);
}

static void test_rfc8448(void)
{
    tlsi_transcript *t = tlsi_transcript_new();
    uint8_t th[32], want[32], shs[32], chs[32], vd[32];
    size_t n;

    hexto("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38", shs, 32);
    hexto("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21", chs, 32);
    /* ClientHello in two pieces, then ServerHello: "tls13 c hs traffic" hash. */
    n = hexto(RFC8448_CH, buf, sizeof(buf));
    CHECK_EQ(n, 196);
    tlsi_transcript_add(t, buf, 77);
    tlsi_transcript_add(t, buf + 77, n - 77);
    add_hex(t, RFC8448_SH);
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA256, th), TLSI_OK);
    hexto("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8", want, 32);
    CHECK_MEM(th, want, 32);
    /* Through CertificateVerify: the server's Finished verify_data. */
    add_hex(t, RFC8448_EE);
    add_hex(t, RFC8448_CERT);
    add_hex(t, RFC8448_CV);
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA256, th), TLSI_OK);
    CHECK_EQ(tlsi_tls13_finished_verify(TLSI_HASH_SHA256, shs, th, vd), TLSI_OK);
    n = hexto(RFC8448_SF, buf, sizeof(buf));
    CHECK_MEM(vd, buf + 4, 32);
    /* Through the server Finished: the client's verify_data. */
    tlsi_transcript_add(t, buf, n);
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA256, th), TLSI_OK);
    hexto("9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13", want, 32);
    CHECK_MEM(th, want, 32);
    CHECK_EQ(tlsi_tls13_finished_verify(TLSI_HASH_SHA256, chs, th, vd), TLSI_OK);
    n = hexto(RFC8448_CF, buf, sizeof(buf));
    CHECK_MEM(vd, buf + 4, 32);
    /* Through the client Finished: "tls13 res master" hash. */
    tlsi_transcript_add(t, buf, n);
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA256, th), TLSI_OK);
    hexto("209145a96ee8e2a122ff810047cc952684658d6049e86429426db87c54ad143d", want, 32);
    CHECK_MEM(th, want, 32);
    tlsi_transcript_free(t);
}

/*
 * Real sessions. Recorded on Debian 12 with OpenSSL 3.0:
 *   openssl s_server -accept P -nocert -psk 0102030405060708090a0b0c0d0e0f10
 *       <version/cipher> -naccept 1 -quiet
 *   openssl s_client -connect 127.0.0.1:P -psk 0102030405060708090a0b0c0d0e0f10
 *       <version/cipher> -no_ticket -msg -keylogfile kl.txt
 * Handshake messages are the -msg dumps (plaintext, so the Finished too);
 * the master secret is the CLIENT_RANDOM line of kl.txt.
 */
struct live {
    const char *what;
    uint16_t version;
    tlsi_hash prf;
    int ems;
    const char *msgs[4]; /* ClientHello, ServerHello, ServerHelloDone, ClientKeyExchange */
    const char *client_finished;
    const char *server_finished;
    const char *keylog_random;
    const char *keylog_master;
};

static const struct live lives[] = {
    {
        /* -tls1_2 -cipher PSK-AES128-GCM-SHA256; EMS negotiated */
        .what = "TLS 1.2 PSK-AES128-GCM-SHA256 EMS",
        .version = TLSI_TLS12,
        .prf = TLSI_HASH_SHA256,
        .ems = 1,
        .msgs = {"0100006303038e93170b137e0a8d765343b420b1df423f89196ce82951904912d14df86f36d20000"
                 "0400a800ff010000360016000000170000000d002a0028040305030603080708080809080a080b"
                 "080408050806040105010601030303010302040205020602",
                 "020000510303596280c0e093f0b2eeaf440da2c3caf2785a55b34899d62d3766276621dcd87120"
                 "26e7206f636b0678e345ead2469395968af26bfc031d7fd4737c5182f270d46400a8000009ff01"
                 "00010000170000",
                 "0e000000", "10000011000f436c69656e745f6964656e74697479"},
        .client_finished = "1400000c1eff516ca82e242683594240",
        .server_finished = "1400000c44f4ba8c1db516c179e7739a",
        .keylog_random = "8e93170b137e0a8d765343b420b1df423f89196ce82951904912d14df86f36d2",
        .keylog_master = "73a150454c6cabbe752af37e766ad12c4c46554e01f6b1f2fbf210b2ec85d22f"
                         "daaf41afdd902c416d1421fdce21b0e3",
    },
    {
        /* -tls1 -cipher PSK-AES128-CBC-SHA:@SECLEVEL=0; EMS negotiated */
        .what = "TLS 1.0 PSK-AES128-CBC-SHA EMS",
        .version = TLSI_TLS10,
        .prf = TLSI_HASH_NONE,
        .ems = 1,
        .msgs = {"010000350301778f66525683f6c2925201f79fd00099c4f393a74c31c7e10b278a7db1e7900e00"
                 "0004008c00ff010000080016000000170000",
                 "0200005503013fd965c9e948ad766c841ea87f37bd7340dc7e2dafac37a7be44e763a3a6840920"
                 "d41c29f274c5a94d8880e16976edb56f0bdef9babbaa5af51f394714e3a103d9008c00000dff01"
                 "0001000016000000170000",
                 "0e000000", "10000011000f436c69656e745f6964656e74697479"},
        .client_finished = "1400000ca56bea2e881e709e5ba24d3c",
        .server_finished = "1400000cd81bb70376928a22f78baf6f",
        .keylog_random = "778f66525683f6c2925201f79fd00099c4f393a74c31c7e10b278a7db1e7900e",
        .keylog_master = "edcc77c9c5144411c99009f9d8c2132773266ce008cbf0f92e7d47a5196e8722"
                         "4c1e205e91ec966646d0d4f04e10173a",
    },
    {
        /* -tls1_2 -cipher PSK-AES256-CBC-SHA384, both sides run with an
         * OPENSSL_CONF whose system_default has "Options = -ExtendedMasterSecret" */
        .what = "TLS 1.2 PSK-AES256-CBC-SHA384 no EMS",
        .version = TLSI_TLS12,
        .prf = TLSI_HASH_SHA384,
        .ems = 0,
        .msgs = {"0100005f03034350fb12bbd52ed661b63fdf63bbb4dc3c18c701b7f93574931ead8cbe70320600"
                 "000400af00ff0100003200160000000d002a0028040305030603080708080809080a080b080408"
                 "050806040105010601030303010302040205020602",
                 "0200005103035488e36f83a51dda5c614e622499498869d5dd1599ef752c5463ff30717e1c3c20"
                 "409b8730da1c83234610c20e69d94457d47c5bb63c09ca98e557a6891e8a0b7c00af000009ff01"
                 "00010000160000",
                 "0e000000", "10000011000f436c69656e745f6964656e74697479"},
        .client_finished = "1400000c9a5dd844980fc0d3842b3ce0",
        .server_finished = "1400000c6c9bfcaed83fff9d965eee0a",
        .keylog_random = "4350fb12bbd52ed661b63fdf63bbb4dc3c18c701b7f93574931ead8cbe703206",
        .keylog_master = "aa866e5ffedc9641c13253bf9f1ad25ef4612e3c9addc466488d3365e6186f91"
                         "99f298e8b09abca803a7dcdfd1e6f53e",
    },
};

static void test_live(const struct live *l)
{
    tlsi_transcript *t = tlsi_transcript_new();
    uint8_t cr[32], sr[32], pm[36], master[48], want[48], hh[48], vd[16], fin[16];
    size_t i, n, hh_len, vd_len = 0;

    fprintf(stderr, "live: %s\n", l->what);
    /* RFC 4279 2: premaster = uint16 N, N zero bytes, uint16 N, psk (N = 16). */
    memset(pm, 0, sizeof(pm));
    pm[1] = 16;
    pm[19] = 16;
    hexto("0102030405060708090a0b0c0d0e0f10", pm + 20, 16);
    for (i = 0; i < 4; i++) {
        n = hexto(l->msgs[i], buf, sizeof(buf));
        if (i == 0)
            memcpy(cr, buf + 6, 32); /* type, length(3), version(2), random */
        if (i == 1)
            memcpy(sr, buf + 6, 32);
        tlsi_transcript_add(t, buf, n);
    }
    hexto(l->keylog_random, want, 32);
    CHECK_MEM(cr, want, 32);

    /* RFC 7627 3: session_hash is the hash up to ClientKeyExchange. */
    if (l->version == TLSI_TLS12) {
        hh_len = tlsi_hash_params_get(l->prf)->len;
        CHECK_EQ(tlsi_transcript_hash(t, l->prf, hh), TLSI_OK);
    } else {
        hh_len = 36;
        CHECK_EQ(tlsi_transcript_tls10_hash(t, hh), TLSI_OK);
    }
    CHECK_EQ(tlsi_master_secret(l->version, l->prf, pm, sizeof(pm), cr, sr, l->ems ? hh : NULL,
                                l->ems ? hh_len : 0, master),
             TLSI_OK);
    hexto(l->keylog_master, want, 48);
    CHECK_MEM(master, want, 48);

    /* Client Finished covers everything before it (CCS is no handshake message). */
    CHECK_EQ(tlsi_finished_verify_data(l->version, l->prf, master, 0, hh, hh_len, vd, &vd_len),
             TLSI_OK);
    CHECK_EQ(vd_len, 12);
    n = hexto(l->client_finished, fin, sizeof(fin));
    CHECK_MEM(vd, fin + 4, 12);
    tlsi_transcript_add(t, fin, n);
    /* Server Finished covers the client's Finished too. */
    if (l->version == TLSI_TLS12)
        CHECK_EQ(tlsi_transcript_hash(t, l->prf, hh), TLSI_OK);
    else
        CHECK_EQ(tlsi_transcript_tls10_hash(t, hh), TLSI_OK);
    CHECK_EQ(tlsi_finished_verify_data(l->version, l->prf, master, 1, hh, hh_len, vd, &vd_len),
             TLSI_OK);
    hexto(l->server_finished, fin, sizeof(fin));
    CHECK_MEM(vd, fin + 4, 12);
    /* And the wrong direction's label does not match. */
    CHECK_EQ(tlsi_finished_verify_data(l->version, l->prf, master, 0, hh, hh_len, vd, &vd_len),
             TLSI_OK);
    CHECK(memcmp(vd, fin + 4, 12) != 0);
    tlsi_transcript_free(t);
}

/* RFC 6101 5.6.9, computed with gcry_md_hash_buffer over explicit buffers. */
static void ref_ssl3_finished(const uint8_t *msgs, size_t len, const uint8_t master[48],
                              const char *sender, uint8_t out[36])
{
    static uint8_t in[2048];
    uint8_t inner[20];
    size_t n;

    /* MD5: pads of 48 bytes */
    memcpy(in, msgs, len);
    memcpy(in + len, sender, 4);
    memcpy(in + len + 4, master, 48);
    memset(in + len + 52, 0x36, 48);
    gcry_md_hash_buffer(GCRY_MD_MD5, inner, in, len + 100);
    memcpy(in, master, 48);
    memset(in + 48, 0x5c, 48);
    memcpy(in + 96, inner, 16);
    gcry_md_hash_buffer(GCRY_MD_MD5, out, in, 112);
    /* SHA-1: pads of 40 bytes */
    memcpy(in, msgs, len);
    memcpy(in + len, sender, 4);
    memcpy(in + len + 4, master, 48);
    memset(in + len + 52, 0x36, 40);
    gcry_md_hash_buffer(GCRY_MD_SHA1, inner, in, len + 92);
    n = 0;
    memcpy(in, master, 48);
    n += 48;
    memset(in + n, 0x5c, 40);
    n += 40;
    memcpy(in + n, inner, 20);
    n += 20;
    gcry_md_hash_buffer(GCRY_MD_SHA1, out + 16, in, n);
}

static void test_ssl3_finished(void)
{
    tlsi_transcript *t = tlsi_transcript_new();
    uint8_t msgs[700], master[48], got[36], want[36], again[36];
    size_t i;

    for (i = 0; i < sizeof(msgs); i++)
        msgs[i] = (uint8_t)(i * 13 + 1);
    for (i = 0; i < 48; i++)
        master[i] = (uint8_t)(0xa0 + i);
    tlsi_transcript_add(t, msgs, 250);
    tlsi_transcript_add(t, msgs + 250, sizeof(msgs) - 250);

    ref_ssl3_finished(msgs, sizeof(msgs), master, "CLNT", want);
    CHECK_EQ(tlsi_ssl3_finished(t, master, 0, got), TLSI_OK);
    CHECK_MEM(got, want, 36);
    ref_ssl3_finished(msgs, sizeof(msgs), master, "SRVR", want);
    CHECK_EQ(tlsi_ssl3_finished(t, master, 1, got), TLSI_OK);
    CHECK_MEM(got, want, 36);
    /* The transcript is untouched: same answer again, and it runs on. */
    CHECK_EQ(tlsi_ssl3_finished(t, master, 1, again), TLSI_OK);
    CHECK_MEM(again, want, 36);
    gcry_md_hash_buffer(GCRY_MD_SHA1, want, msgs, sizeof(msgs));
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA1, got), TLSI_OK);
    CHECK_MEM(got, want, 20);
    tlsi_transcript_free(t);
}

/* tlsi_transcript_keep: the kept hashes go on giving the digest of
 * everything added, before and after the others are dropped; the dropped
 * ones (and anything built on them, a copy included) say unsupported. */
static void test_keep(void)
{
    uint8_t data[300], got[64], want[64], want36[36];
    tlsi_transcript *t = tlsi_transcript_new(), *c;
    size_t i;

    CHECK(t != NULL);
    if (!t)
        return;
    for (i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 13 + 1);
    tlsi_transcript_add(t, data, 100);
    tlsi_transcript_keep(t, TLSI_HASH_SHA256, TLSI_HASH_NONE);
    tlsi_transcript_add(t, data + 100, 200);
    gcry_md_hash_buffer(GCRY_MD_SHA256, want, data, sizeof(data));
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA256, got), TLSI_OK);
    CHECK_MEM(got, want, 32);
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA384, got), TLSI_ERR_UNSUPPORTED);
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_MD5, got), TLSI_ERR_UNSUPPORTED);
    CHECK(tlsi_transcript_tls10_hash(t, got) != TLSI_OK);
    c = tlsi_transcript_copy(t);
    CHECK(c != NULL);
    if (c) {
        CHECK_EQ(tlsi_transcript_hash(c, TLSI_HASH_SHA256, got), TLSI_OK);
        CHECK_MEM(got, want, 32);
        CHECK_EQ(tlsi_transcript_hash(c, TLSI_HASH_SHA1, got), TLSI_ERR_UNSUPPORTED);
        tlsi_transcript_free(c);
    }
    tlsi_transcript_free(t);

    /* Before TLS 1.2: MD5 and SHA-1 side by side. */
    t = tlsi_transcript_new();
    CHECK(t != NULL);
    if (!t)
        return;
    tlsi_transcript_add(t, data, 50);
    tlsi_transcript_keep(t, TLSI_HASH_MD5, TLSI_HASH_SHA1);
    tlsi_transcript_add(t, data + 50, 250);
    gcry_md_hash_buffer(GCRY_MD_MD5, want36, data, sizeof(data));
    gcry_md_hash_buffer(GCRY_MD_SHA1, want36 + 16, data, sizeof(data));
    CHECK_EQ(tlsi_transcript_tls10_hash(t, got), TLSI_OK);
    CHECK_MEM(got, want36, 36);
    CHECK_EQ(tlsi_transcript_hash(t, TLSI_HASH_SHA256, got), TLSI_ERR_UNSUPPORTED);
    tlsi_transcript_keep(NULL, TLSI_HASH_MD5, TLSI_HASH_NONE); /* no-op */
    tlsi_transcript_free(t);
}

int main(void)
{
    size_t i;

    gcry_check_version(NULL);
    test_against_hash_buffer();
    test_hrr();
    test_keep();
    test_rfc8448();
    for (i = 0; i < sizeof(lives) / sizeof(lives[0]); i++)
        test_live(&lives[i]);
    test_ssl3_finished();
    return tc_done();
}
