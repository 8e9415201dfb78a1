/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_tls13_draft_session.c - a session that negotiates a TLS 1.3 draft
 * (0x7f12, 0x7f14, 0x7f19, 0x7f1c) or one of Facebook's variants (0xfb17,
 * 0xfb1a) decrypts the server's protected flight and verifies its Finished,
 * given the SERVER_HANDSHAKE_TRAFFIC_SECRET in a key log. The ClientHello,
 * ServerHello and sealed records come from gen_tls13_draft_session.py, which
 * computes them with Python's hmac and python3-cryptography's AES-GCM from
 * the draft texts (labels "TLS 1.3, " before draft 20, no AEAD additional
 * data before draft 25), not with tlsi.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "crypto_init.h"
#include "handshake.h"
#include "keylog.h"
#include "record.h"
#include "session.h"
#include "tcheck.h"

#include "tls13_draft_session_vectors.h"

static void hex(const uint8_t *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
}

/* Open one record; it must give want (the handshake message) and type 22. */
static void open_one(tlsi_session *s, const tlsi_key_material *km, const char *rec,
                     size_t rec_len, const char *want, size_t want_len)
{
    static uint8_t out[16384 + 2048];
    const uint8_t *r = (const uint8_t *)rec;
    size_t n = 0;
    uint8_t inner = 0;
    const char *why = NULL;
    tlsi_err e;

    CHECK(rec_len > 5);
    e = tlsi_session_decrypt(s, km, 1, r[0], (uint16_t)(r[1] << 8 | r[2]), r + 5, rec_len - 5,
                             out, sizeof out, &n, &inner, &why);
    CHECK_EQ(e, TLSI_OK);
    if (e != TLSI_OK)
        fprintf(stderr, "  decrypt: %s\n", why ? why : "?");
    CHECK_EQ(inner, TLSI_CT_HANDSHAKE);
    CHECK_EQ(n, want_len);
    if (n == want_len)
        CHECK_MEM(out, want, want_len);
}

static void run(const struct draft_vector *v)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    tlsi_key_material km;
    tlsi_session *s = tlsi_session_new();
    tlsi_hs_effect eff;
    char line[256], cr[65], sec[65];
    int before = tc_fail;

    hex((const uint8_t *)DRAFT_CLIENT_RANDOM, 32, cr);
    hex((const uint8_t *)DRAFT_SECRET, 32, sec);
    snprintf(line, sizeof line, "SERVER_HANDSHAKE_TRAFFIC_SECRET %s %s", cr, sec);
    CHECK_EQ(tlsi_keylog_add_line(kl, line, strlen(line)), TLSI_OK);
    memset(&km, 0, sizeof km);
    km.keylog = kl;

    tlsi_session_handshake(s, &km, 0, (const uint8_t *)v->ch, v->ch_len, NULL);
    tlsi_session_handshake(s, &km, 1, (const uint8_t *)v->sh, v->sh_len, NULL);
    CHECK_EQ(tlsi_session_get_info(s)->version, 0x0304);
    CHECK(tlsi_session_protected(s, 1, TLSI_CT_APPLICATION_DATA));
    open_one(s, &km, v->rec1, v->rec1_len, v->ee, v->ee_len);
    tlsi_session_handshake(s, &km, 1, (const uint8_t *)v->ee, v->ee_len, NULL);
    open_one(s, &km, v->rec2, v->rec2_len, v->fin, v->fin_len);
    memset(&eff, 0, sizeof eff);
    tlsi_session_handshake(s, &km, 1, (const uint8_t *)v->fin, v->fin_len, &eff);
    CHECK_EQ(eff.finished, TLSI_FINISHED_OK);
    if (tc_fail != before)
        fprintf(stderr, "  ^ in version 0x%04x\n", v->version);
    tlsi_session_free(s);
    tlsi_keylog_free(kl);
}

int main(void)
{
    CHECK_EQ(tlsi_crypto_init(), TLSI_OK);
    for (size_t i = 0; i < sizeof draft_vectors / sizeof draft_vectors[0]; i++)
        run(&draft_vectors[i]);
    return tc_done();
}
