/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for the connection engine (conn.h), the code the plugin
 * runs for every record: handshake reassembly across records, the session
 * (session.h), signature checks, the handshake order machine and the
 * capture's resumption cache.
 *
 * Key material, built once: a key log holding the test captures' secrets
 * (fuzz_session_keys.h, written by make-corpus.py) plus synthetic entries
 * for the client randoms 01..01, 02..02 and 03..03; the test RSA key; a PSK.
 *
 * Input: byte 0 selects the key material (1 key log, 2 RSA key, 4 PSK,
 * 8 keep unverified plaintext); then events, each an op byte, a u16 length
 * and that many bytes. Bit 7 of the op is "sent by the server";
 * (op & 0x7f) % 7 is
 *   0 record: content type, u16 version, fragment;
 *   1 a plaintext handshake record holding these bytes;
 *   2 a plaintext handshake record holding one message: type, then the body
 *     (the harness writes the header);
 *   3 a ChangeCipherSpec record;
 *   4 a new connection (the capture's resumption cache is kept);
 *   5 read the summary and the key log export (data[0]: buffer size);
 *   6 an SSLv2-format record (header included).
 *
 * Checks: no memory error or leak; plaintext never longer than 2^14 (plus
 * the compression allowance); every explanation a terminated string; every
 * message whole and its pieces adding up; results in range; the key log
 * export snprintf-like; work bounded by the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cipher_suites.h"
#include "conn.h"
#include "crypto_init.h"
#include "fuzz_session_keys.h"
#include "fuzz_util.h"
#include "handshake.h"
#include "hs_flow.h"
#include "keylog.h"
#include "record.h"
#include "rsa_keys.h"
#include "session.h"

static tlsi_keylog *fses_keylog;
static tlsi_rsa_key *fses_rsa;
static const uint8_t fses_psk[16] = {0x0b, 0xad, 0xc0, 0xde, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

static void fses_init(void)
{
    static int done;
    const char *p, *end;
    tlsi_err err;
    char msg[256];

    if (done)
        return;
    done = 1;
    tlsi_crypto_init();
    fses_keylog = tlsi_keylog_create();
    FZ_ASSERT(fses_keylog);
    for (p = fses_keylog_text, end = p + strlen(p); p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl + 1 : end) - p);
        tlsi_keylog_add_line(fses_keylog, p, n);
        p += n;
    }
    fses_rsa = tlsi_rsa_key_load_mem((const uint8_t *)fses_rsa_pem, strlen(fses_rsa_pem), NULL,
                                     &err, msg, sizeof msg);
    FZ_ASSERT(fses_rsa);
}

static void fses_check_str(const char *s, size_t cap)
{
    FZ_ASSERT(s);
    FZ_ASSERT(memchr(s, '\0', cap));
}

static void fses_info(const tlsi_session *s)
{
    const tlsi_session_info *i = tlsi_session_get_info(s);

    fses_check_str(i->suite_why, sizeof i->suite_why);
    fses_check_str(i->key_detail, sizeof i->key_detail);
    fses_check_str(i->first_why, sizeof i->first_why);
    FZ_ASSERT(i->first_err < TLSI_ERR_COUNT);
    FZ_ASSERT(i->first_err_dir == 0 || i->first_err_dir == 1);
    FZ_ASSERT(tlsi_key_source_name(i->key_source));
}

static void fses_export(const tlsi_session *s, size_t cap)
{
    char big[4096];
    char *small = malloc(cap ? cap : 1);
    size_t n = tlsi_session_keylog_lines(s, big, sizeof big);

    FZ_ASSERT(n < sizeof big);
    FZ_ASSERT(strlen(big) == n);
    if (small) {
        size_t m = tlsi_session_keylog_lines(s, small, cap);
        FZ_ASSERT(m == n);
        if (cap) {
            FZ_ASSERT(memchr(small, '\0', cap));
            FZ_ASSERT(strncmp(small, big, strlen(small)) == 0);
        }
        free(small);
    }
}

static void fses_check_msg(tlsi_conn *c, const tlsi_conn_msg *m, uint32_t frame)
{
    const tlsi_sigv_result *sig;
    uint32_t i, sum = 0;

    FZ_ASSERT(m->len >= 4 && m->len - 4 == tlsi_load24(m->data + 1));
    FZ_ASSERT(m->len <= TLSI_CONN_HS_CAP);
    FZ_ASSERT(m->finished <= TLSI_FINISHED_MISMATCH);
    FZ_ASSERT(m->first_frame <= frame);
    FZ_ASSERT(m->n_pieces != 1);
    for (i = 0; i < m->n_pieces; i++) {
        FZ_ASSERT(m->pieces[i].frame <= frame);
        sum += m->pieces[i].len;
    }
    FZ_ASSERT(m->n_pieces == 0 || sum == m->len);
    if (m->flags & TLSI_MSG_FLOW_UNEXPECTED)
        fses_check_str(m->flow_expected, 256);
    sig = tlsi_conn_msg_sig(c, m);
    if (sig)
        FZ_ASSERT(sig->n_certs <= TLSI_SIGV_MAX_CHAIN && memchr(sig->why, 0, 128));
}

static uint64_t fses_check_rec(tlsi_conn *c, const tlsi_conn_rec *r, uint32_t frame,
                               size_t in_len)
{
    const tlsi_conn_msg *m;
    uint64_t n = 0;

    if (!r)
        return 0;
    FZ_ASSERT(r->decrypt_err < TLSI_ERR_COUNT);
    if (r->decrypt_err != TLSI_OK)
        FZ_ASSERT(r->more->decrypt_why && strlen(r->more->decrypt_why) < 1024);
    if (r->flags & TLSI_REC_DECRYPTED)
        FZ_ASSERT(r->plain_len <= TLSI_MAX_PLAINTEXT && r->plain_len <= in_len);
    if (!(r->flags & (TLSI_REC_DECRYPTED | TLSI_REC_UNVERIFIED)))
        FZ_ASSERT(tlsi_conn_rec_plain(r) == NULL);
    FZ_ASSERT(r->more->hs_completed_in == 0 || r->more->hs_completed_in <= frame);
    for (m = r->more->msgs; m; m = m->next, n++)
        fses_check_msg(c, m, frame);
    return n;
}

typedef struct {
    tlsi_conn_cache *cc;
    tlsi_conn *c;
    uint32_t frame;
    uint64_t work; /* handshake messages and records */
} fses_state;

static void fses_record(fses_state *st, const tlsi_key_material *km, int dir, uint8_t type,
                        uint16_t version, const uint8_t *p, size_t n)
{
    static const uint8_t empty[1];
    uint8_t *frag = n ? fz_dup(p, n) : NULL; /* exact size, so ASan sees overreads */

    if (!frag && n)
        return;
    st->frame++;
    st->work += 1 + fses_check_rec(st->c, tlsi_conn_record(st->c, km, dir, st->frame, type, version,
                                                    frag ? frag : empty, n, 1),
                                   st->frame, n);
    free(frag);
}

static void fses_sslv2(fses_state *st, const uint8_t *p, size_t n)
{
    static const uint8_t empty[1];
    uint8_t *rec = n ? fz_dup(p, n) : NULL;
    const tlsi_conn_rec *r;

    if (!rec && n)
        return;
    st->frame++;
    r = tlsi_conn_sslv2(st->c, st->frame, rec ? rec : empty, n);
    FZ_ASSERT(!r || r->more->sslv2_err < TLSI_ERR_COUNT);
    st->work++;
    free(rec);
}

static void fses_conn_end(fses_state *st)
{
    const tlsi_session *s = tlsi_conn_session(st->c);

    fses_info(s);
    fses_export(s, 64);
    (void)tlsi_conn_sig_summary(st->c);
    if (getenv("TLSI_FUZZ_VERBOSE")) { /* to see what a seed reaches */
        const tlsi_session_info *i = tlsi_session_get_info(s);
        fprintf(stderr, "session: version %04x suite %04x keys %s; decrypted %llu/%llu, "
                "failed %llu/%llu; %s\n", i->version, i->cipher_suite,
                tlsi_key_source_name(i->key_source), (unsigned long long)i->decrypted[0],
                (unsigned long long)i->decrypted[1], (unsigned long long)i->failed[0],
                (unsigned long long)i->failed[1], i->first_why);
    }
}

/* One event of the input. */
static void fses_event(fses_state *st, const tlsi_key_material *km, uint8_t op,
                       const uint8_t *p, size_t n)
{
    int dir = op >> 7;
    static const uint8_t ccs = 1;

    switch ((op & 0x7f) % 7) {
    case 0:
        if (n >= 3)
            fses_record(st, km, dir, p[0], (uint16_t)(p[1] << 8 | p[2]), p + 3, n - 3);
        break;
    case 1:
        fses_record(st, km, dir, TLSI_CT_HANDSHAKE, 0x0303, p, n);
        break;
    case 2: {
        uint8_t *m = n >= 1 ? malloc(n + 3) : NULL;
        if (m) {
            m[0] = p[0];
            m[1] = (uint8_t)((n - 1) >> 16);
            m[2] = (uint8_t)((n - 1) >> 8);
            m[3] = (uint8_t)(n - 1);
            memcpy(m + 4, p + 1, n - 1);
            fses_record(st, km, dir, TLSI_CT_HANDSHAKE, 0x0303, m, n + 3);
        }
        free(m);
        break;
    }
    case 3:
        fses_record(st, km, dir, TLSI_CT_CHANGE_CIPHER_SPEC, 0x0303, &ccs, 1);
        break;
    case 4:
        fses_conn_end(st);
        st->c = tlsi_conn_new(st->cc);
        break;
    case 5:
        fses_info(tlsi_conn_session(st->c));
        fses_export(tlsi_conn_session(st->c), n ? p[0] : 0);
        break;
    default:
        fses_sslv2(st, p, n);
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    tlsi_key_material km;
    tlsi_rsa_key *keys[1];
    fses_state st;
    uint8_t sel;
    uint64_t events = 0;

    fses_init();
    memset(&km, 0, sizeof km);
    memset(&st, 0, sizeof st);
    sel = fz_u8(&in);
    if (sel & 1)
        km.keylog = fses_keylog;
    if (sel & 2) {
        keys[0] = fses_rsa;
        km.rsa_keys = keys;
        km.n_rsa_keys = 1;
    }
    if (sel & 4) {
        km.psk = fses_psk;
        km.psk_len = sizeof fses_psk;
    }
    st.cc = tlsi_conn_cache_new();
    if (!st.cc)
        return 0;
    tlsi_conn_cache_keep_unverified(st.cc, (sel & 8) != 0);
    st.c = tlsi_conn_new(st.cc);
    while (st.c && in.n >= 3) {
        uint8_t op = fz_u8(&in);
        size_t want = fz_u16(&in), n;
        const uint8_t *p = fz_bytes(&in, want, &n);

        events++;
        fses_event(&st, &km, op, p, n);
    }
    /* A record yields at most 2^14 + 1024 bytes, so at most 4352 messages. */
    FZ_ASSERT(st.work <= events * 4353);
    if (st.c)
        fses_conn_end(&st);
    tlsi_conn_cache_free(st.cc);
    return 0;
}
