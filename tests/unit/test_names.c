/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_names.c - the registry tables: sorted, unique, and the values the RFCs give. */
#include <string.h>

#include "names.h"
#include "tcheck.h"

static int streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

int main(void)
{
    size_t ntables = 0;

    /* Every table is strictly increasing (sorted and unique), so bisection works. */
    for (const tlsi_name_table *t = tlsi_name_tables; t->table; t++, ntables++) {
        size_t n = tlsi_name_count(t->table);
        CHECK(n > 0);
        CHECK_EQ(n, t->count);
        for (size_t i = 1; i < n; i++) {
            if (t->table[i - 1].id >= t->table[i].id) {
                fprintf(stderr, "table %s not sorted at %zu (0x%x)\n", t->what, i,
                        (unsigned)t->table[i].id);
                CHECK(0);
            }
        }
        /* Every entry is found by lookup, and ids between entries are not. */
        for (size_t i = 0; i < n; i++) {
            CHECK(tlsi_name_lookup(t->table, t->table[i].id) == t->table[i].name);
            if (i + 1 < n && t->table[i].id + 1 < t->table[i + 1].id)
                CHECK(tlsi_name_lookup(t->table, t->table[i].id + 1) == NULL);
        }
    }
    CHECK_EQ(ntables, 24);

    /* Spot values from the RFCs (written independently of names.c). */
    CHECK(streq(tlsi_name_lookup(tlsi_content_type_names, 22), "Handshake"));
    CHECK(streq(tlsi_name_lookup(tlsi_content_type_names, 20), "Change Cipher Spec"));
    CHECK(tlsi_name_lookup(tlsi_content_type_names, 19) == NULL);
    CHECK(tlsi_name_lookup(tlsi_content_type_names, 27) == NULL);
    CHECK(streq(tlsi_name_lookup(tlsi_version_names, 0x0303), "TLS 1.2"));
    CHECK(streq(tlsi_name_lookup(tlsi_version_names, 0x0300), "SSL 3.0"));
    CHECK(streq(tlsi_name_lookup(tlsi_version_names, 0x7f1c), "TLS 1.3 (draft 28)"));
    CHECK(streq(tlsi_name_lookup(tlsi_version_names, 0x7f12), "TLS 1.3 (draft 18)"));
    CHECK(tlsi_name_lookup(tlsi_version_names, 0x7f1d) == NULL);
    CHECK(streq(tlsi_name_lookup(tlsi_hs_type_names, 1), "Client Hello"));
    CHECK(streq(tlsi_name_lookup(tlsi_hs_type_names, 14), "Server Hello Done"));
    CHECK(streq(tlsi_name_lookup(tlsi_hs_type_names, 254), "Message Hash"));
    CHECK(tlsi_name_lookup(tlsi_hs_type_names, 7) == NULL);
    CHECK(streq(tlsi_name_lookup(tlsi_alert_desc_names, 0), "Close Notify"));
    CHECK(streq(tlsi_name_lookup(tlsi_alert_desc_names, 121), "ECH Required"));
    CHECK_EQ(tlsi_name_count(tlsi_alert_desc_names), 36);
    CHECK(streq(tlsi_name_lookup(tlsi_alert_level_names, 2), "Fatal"));
    CHECK(streq(tlsi_name_lookup(tlsi_ext_type_names, 0), "server_name"));
    CHECK(streq(tlsi_name_lookup(tlsi_ext_type_names, 0xff01), "renegotiation_info"));
    CHECK(streq(tlsi_name_lookup(tlsi_ext_type_names, 0xfe0d), "encrypted_client_hello"));
    CHECK(streq(tlsi_name_lookup(tlsi_ext_type_names, 51), "key_share"));
    CHECK(streq(tlsi_name_lookup(tlsi_ext_type_names, 17513), "application_settings (old)"));
    CHECK(streq(tlsi_name_lookup(tlsi_group_names, 29), "x25519"));
    CHECK(streq(tlsi_name_lookup(tlsi_group_names, 0x11ec), "X25519MLKEM768"));
    CHECK(streq(tlsi_name_lookup(tlsi_group_names, 0x6399), "X25519Kyber768Draft00"));
    CHECK(streq(tlsi_name_lookup(tlsi_group_names, 256), "ffdhe2048"));
    CHECK(streq(tlsi_name_lookup(tlsi_sig_scheme_names, 0x0804), "rsa_pss_rsae_sha256"));
    CHECK(streq(tlsi_name_lookup(tlsi_sig_scheme_names, 0x0201), "rsa_pkcs1_sha1"));
    CHECK(streq(tlsi_name_lookup(tlsi_compression_names, 64), "LZS"));
    CHECK(streq(tlsi_name_lookup(tlsi_cert_compression_names, 2), "brotli"));
    CHECK(streq(tlsi_name_lookup(tlsi_sslv2_cipher_names, 0x010080), "SSL_CK_RC4_128_WITH_MD5"));
    CHECK(streq(tlsi_name_lookup(tlsi_sslv2_cipher_names, 0x0700c0),
                "SSL_CK_DES_192_EDE3_CBC_WITH_MD5"));

    /* A caller-built table (not in tlsi_name_tables) is counted, then bisected. */
    static const tlsi_name mine[] = {{1, "one"}, {5, "five"}, {9, "nine"}, {0, NULL}};
    CHECK(streq(tlsi_name_lookup(mine, 9), "nine"));
    CHECK(tlsi_name_lookup(mine, 4) == NULL);

    /* RFC 8446 6.1: close_notify and user_canceled are the closure alerts. */
    CHECK(tlsi_alert_is_closure(0));
    CHECK(tlsi_alert_is_closure(90));
    CHECK(!tlsi_alert_is_closure(40));
    CHECK(!tlsi_alert_is_closure(10));
    return tc_done();
}
