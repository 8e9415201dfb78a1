/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_conn.c - the connection engine (conn.h) fed RFC 8448 section 3 as a
 * capture would show it: the ClientHello split over two plaintext records,
 * the ServerHello, and the server's protected flight (EncryptedExtensions,
 * Certificate, CertificateVerify, Finished in one record). Known answers
 * are the RFC's: the messages' bytes, the plaintext, a Finished and a
 * CertificateVerify that verify. Plus the failure paths: no key, and a
 * handshake length over the reassembly cap.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "conn.h"
#include "crypto_init.h"
#include "handshake.h"
#include "keylog.h"
#include "record.h"
#include "tcheck.h"
#include "rfc8448.h"

static uint8_t ch[256], sh[128], srv_rec[700], plain[700];
static long ch_len, sh_len, srv_rec_len, plain_len;

static void load_vectors(void)
{
    const char *const parts[] = {RFC8448_EE, RFC8448_CERT, RFC8448_CV, RFC8448_SF};

    ch_len = tc_unhex(RFC8448_CH, ch, sizeof ch);
    sh_len = tc_unhex(RFC8448_SH, sh, sizeof sh);
    srv_rec_len = tc_unhex(RFC8448_SERVER_RECORD, srv_rec, sizeof srv_rec);
    for (size_t i = 0; i < 4; i++)
        plain_len += tc_unhex(parts[i], plain + plain_len, sizeof plain - (size_t)plain_len);
    CHECK(ch_len > 100 && sh_len > 50 && srv_rec_len > 600 && plain_len > 600);
}

static tlsi_keylog *rfc_keylog(void)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    char line[256];
    int n;

    n = snprintf(line, sizeof line, "SERVER_HANDSHAKE_TRAFFIC_SECRET %s %s\n",
                 RFC8448_CLIENT_RANDOM, RFC8448_SERVER_HS_SECRET);
    CHECK_EQ(tlsi_keylog_add_line(kl, line, (size_t)n), TLSI_OK);
    n = snprintf(line, sizeof line, "CLIENT_HANDSHAKE_TRAFFIC_SECRET %s %s\n",
                 RFC8448_CLIENT_RANDOM, RFC8448_CLIENT_HS_SECRET);
    CHECK_EQ(tlsi_keylog_add_line(kl, line, (size_t)n), TLSI_OK);
    return kl;
}

/* The ClientHello in two records (frames 1, 2) and the ServerHello (3). */
static void feed_hellos(tlsi_conn *c, const tlsi_key_material *km)
{
    const long cut = 70;
    const tlsi_conn_rec *r1, *r2, *r3;

    r1 = tlsi_conn_record(c, km, TLSI_CONN_CLIENT, 1, TLSI_CT_HANDSHAKE, 0x0301, ch, cut, 1);
    r2 = tlsi_conn_record(c, km, TLSI_CONN_CLIENT, 2, TLSI_CT_HANDSHAKE, 0x0301, ch + cut,
                          ch_len - cut, 1);
    CHECK(r1 && r2);
    CHECK(r1->more->msgs == NULL);
    CHECK_EQ(r1->more->hs_partial, (uint32_t)cut);
    CHECK_EQ(r2->more->hs_partial, 0u);
    CHECK(r2->more->msgs && !r2->more->msgs->next);
    if (r2->more->msgs) {
        const tlsi_conn_msg *m = r2->more->msgs;
        CHECK_EQ(m->len, (uint32_t)ch_len);
        CHECK_MEM(m->data, ch, (size_t)ch_len);
        CHECK_EQ(m->start, -1);
        CHECK_EQ(m->first_frame, 1u);
        CHECK_EQ(m->n_pieces, 2u);
        if (m->n_pieces == 2) {
            CHECK_EQ(m->pieces[0].frame, 1u);
            CHECK_EQ(m->pieces[0].len, (uint32_t)cut);
            CHECK_EQ(m->pieces[1].frame, 2u);
            CHECK_EQ(m->pieces[1].len, (uint32_t)(ch_len - cut));
        }
    }
    /* The first record points forward to the frame completing the message. */
    CHECK_EQ(r1->more->hs_completed_in, 2u);
    r3 = tlsi_conn_record(c, km, TLSI_CONN_SERVER, 3, TLSI_CT_HANDSHAKE, 0x0303, sh, sh_len, 1);
    CHECK(r3 && r3->more->msgs && r3->more->msgs->start == 0);
    CHECK_EQ(tlsi_conn_get_params(c)->version, 0x0304);
    CHECK_EQ(tlsi_conn_get_params(c)->suite, 0x1301);
}

static void test_rfc8448_flight(void)
{
    tlsi_conn_cache *cc = tlsi_conn_cache_new();
    tlsi_conn *c = tlsi_conn_new(cc);
    tlsi_keylog *kl = rfc_keylog();
    tlsi_key_material km;
    const tlsi_conn_rec *r;
    const tlsi_conn_msg *m;
    static const uint8_t types[4] = {TLSI_HS_ENCRYPTED_EXTENSIONS, TLSI_HS_CERTIFICATE,
                                     TLSI_HS_CERTIFICATE_VERIFY, TLSI_HS_FINISHED};
    int i = 0;

    memset(&km, 0, sizeof km);
    km.keylog = kl;
    CHECK(cc && c);
    feed_hellos(c, &km);
    r = tlsi_conn_record(c, &km, TLSI_CONN_SERVER, 4, srv_rec[0], 0x0303, srv_rec + 5,
                         (size_t)srv_rec_len - 5, 1);
    CHECK(r != NULL);
    CHECK(r->flags & TLSI_REC_PROTECTED);
    CHECK(r->flags & TLSI_REC_DECRYPTED);
    CHECK_EQ(r->inner_type, TLSI_CT_HANDSHAKE);
    CHECK_EQ(r->plain_len, (uint32_t)plain_len);
    if (r->plain_len == (uint32_t)plain_len)
        CHECK_MEM(tlsi_conn_rec_plain(r), plain, (size_t)plain_len);
    for (m = r->more->msgs; m; m = m->next, i++) {
        CHECK(i < 4 && m->data[0] == types[i]);
        CHECK(!(m->flags & TLSI_MSG_FLOW_UNEXPECTED));
        CHECK_EQ(m->version, 0x0304);
    }
    CHECK_EQ(i, 4);
    /* RFC 8448's server Finished and RSA-PSS CertificateVerify are valid.
     * The signature is checked when asked for, not before. */
    m = r->more->msgs ? r->more->msgs->next : NULL;
    m = m ? m->next : NULL;
    CHECK(m && m->sig == NULL);
    CHECK(m && tlsi_conn_msg_sig(c, m) && tlsi_conn_msg_sig(c, m)->sig == TLSI_SIG_OK);
    CHECK(m && m->next && m->next->finished == TLSI_FINISHED_OK);
    CHECK(tlsi_conn_sig_summary(c) && tlsi_conn_sig_summary(c)->sig_ok == 1 &&
          tlsi_conn_sig_summary(c)->sig_bad == 0);
    tlsi_conn_cache_free(cc);
    tlsi_keylog_free(kl);
}

static void test_no_key(void)
{
    tlsi_conn_cache *cc = tlsi_conn_cache_new();
    tlsi_conn *c = tlsi_conn_new(cc);
    const tlsi_conn_rec *r;

    feed_hellos(c, NULL);
    r = tlsi_conn_record(c, NULL, TLSI_CONN_SERVER, 4, srv_rec[0], 0x0303, srv_rec + 5,
                         (size_t)srv_rec_len - 5, 1);
    CHECK(r && (r->flags & TLSI_REC_PROTECTED) && !(r->flags & TLSI_REC_DECRYPTED));
    CHECK(r && r->decrypt_err != TLSI_OK && r->more->decrypt_why && r->more->decrypt_why[0]);
    CHECK(r && tlsi_conn_rec_plain(r) == NULL && r->more->msgs == NULL);
    tlsi_conn_cache_free(cc);
}

/* Records that fail for the same reason share one `more`; a record with
 * nothing rare points to the all-zero one and has no plaintext. */
static void test_rec_compact(void)
{
    tlsi_conn_cache *cc = tlsi_conn_cache_new();
    tlsi_conn *c = tlsi_conn_new(cc);
    const tlsi_conn_rec *r1, *r2, *r3;

    feed_hellos(c, NULL);
    r1 = tlsi_conn_record(c, NULL, TLSI_CONN_SERVER, 4, srv_rec[0], 0x0303, srv_rec + 5,
                          (size_t)srv_rec_len - 5, 1);
    /* The same ciphertext again fails the same way. */
    r2 = tlsi_conn_record(c, NULL, TLSI_CONN_SERVER, 5, srv_rec[0], 0x0303, srv_rec + 5,
                          (size_t)srv_rec_len - 5, 1);
    CHECK(r1 && r2 && r1 != r2);
    CHECK(r1 && r2 && r1->more == r2->more && r1->more != &tlsi_conn_rec_none);
    CHECK(r2 && r2->more->decrypt_why && r2->more->decrypt_why[0]);
    CHECK(r2 && tlsi_conn_rec_plain(r2) == NULL && r2->plain_len == 0);
    /* A ChangeCipherSpec from the client, before its keys: nothing rare. */
    r3 = tlsi_conn_record(c, NULL, TLSI_CONN_CLIENT, 6, TLSI_CT_CHANGE_CIPHER_SPEC, 0x0303,
                          (const uint8_t *)"\x01", 1, 1);
    CHECK(r3 && r3->more == &tlsi_conn_rec_none && r3->user == 0);
    CHECK(r3 && tlsi_conn_rec_plain(r3) == NULL && r3->dir == TLSI_CONN_CLIENT);
    tlsi_conn_cache_free(cc);
}

/* A message claiming more than the cap: its bytes and every later handshake
 * byte of the direction are dropped, none is taken for a message. */
static void test_over_cap(void)
{
    tlsi_conn_cache *cc = tlsi_conn_cache_new();
    tlsi_conn *c = tlsi_conn_new(cc);
    static const uint8_t huge[8] = {TLSI_HS_CERTIFICATE, 0xff, 0xff, 0xff, 1, 2, 3, 4};
    const tlsi_conn_rec *r;

    r = tlsi_conn_record(c, NULL, TLSI_CONN_SERVER, 1, TLSI_CT_HANDSHAKE, 0x0303, huge,
                         sizeof huge, 1);
    CHECK(r && r->more->msgs == NULL && r->more->hs_dropped == sizeof huge);
    r = tlsi_conn_record(c, NULL, TLSI_CONN_SERVER, 2, TLSI_CT_HANDSHAKE, 0x0303, sh,
                         (size_t)sh_len, 1);
    CHECK(r && r->more->msgs == NULL && r->more->hs_dropped == (uint32_t)sh_len);
    /* The other direction is not affected. */
    r = tlsi_conn_record(c, NULL, TLSI_CONN_CLIENT, 3, TLSI_CT_HANDSHAKE, 0x0301, ch,
                         (size_t)ch_len, 1);
    CHECK(r && r->more->msgs && r->more->msgs->len == (uint32_t)ch_len);
    tlsi_conn_cache_free(cc);
}

int main(void)
{
    tlsi_crypto_init();
    load_vectors();
    test_rfc8448_flight();
    test_no_key();
    test_rec_compact();
    test_over_cap();
    return tc_done();
}
