/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for the session engine (session.h) and the handshake
 * order machine (hs_flow.h), driven the way the plugin drives them.
 *
 * Key material, built once: a key log holding the test captures' secrets
 * (fuzz_session_keys.h, written by make-corpus.py) plus synthetic entries
 * for the client randoms 01..01, 02..02 and 03..03; the test RSA key; a PSK.
 *
 * Input: byte 0 selects the key material (1 key log, 2 RSA key, 4 PSK,
 * 8 resumption cache); then events, each an op byte, a u16 length and that
 * many bytes. Bit 7 of the op is "sent by the server"; (op & 0x7f) % 6 is
 *   0 record: content type, u16 version, fragment. Protected records are
 *     decrypted; handshake bytes (plaintext or decrypted) are reassembled
 *     per direction and every complete message is fed to the session and
 *     the flow machine; a ChangeCipherSpec record is fed as one;
 *   1 one handshake message as is (header included);
 *   2 one handshake message: type, then the body (the harness writes the
 *     header);
 *   3 a ChangeCipherSpec;
 *   4 a new connection (the resumption cache is kept);
 *   5 read the summary and the key log export (data[0]: buffer size).
 *
 * Checks: no memory error or leak; plaintext never longer than 2^14 or the
 * output buffer; every explanation a terminated string; results in range;
 * the key log export snprintf-like; work bounded by the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cipher_suites.h"
#include "crypto_init.h"
#include "fuzz_session_keys.h"
#include "fuzz_util.h"
#include "handshake.h"
#include "hs_flow.h"
#include "keylog.h"
#include "record.h"
#include "rsa_keys.h"
#include "session.h"

#define FSES_HS_MAX (1u << 17) /* reassembly buffer per direction */

typedef struct {
    tlsi_session *s;
    tlsi_flow flow;
    uint8_t *hs[2];
    size_t hs_len[2];
    uint64_t work; /* handshake messages and records fed */
} fses_conn;

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

/* A complete handshake message, to the session and then to the flow machine
 * (with the hints the plugin gives it). */
static void fses_message(fses_conn *c, const tlsi_key_material *km, int from_server,
                         const uint8_t *msg, size_t len)
{
    tlsi_hs_effect eff;
    tlsi_flow_result res;
    int event = len ? msg[0] : 0;
    uint8_t *copy = fz_dup(msg, len);

    if (!copy)
        return;
    c->work++;
    tlsi_session_handshake(c->s, km, from_server, copy, len, &eff);
    FZ_ASSERT(eff.finished >= TLSI_FINISHED_UNCHECKED && eff.finished <= TLSI_FINISHED_MISMATCH);
    if (len >= 4 && msg[0] == TLSI_HS_SERVER_HELLO) {
        tlsi_server_hello sh;
        uint32_t err_off;
        (void)tlsi_server_hello_parse(copy + 4, len - 4, &sh, &err_off);
        if (sh.random.random.len == 32) {
            tlsi_flow_set_version(&c->flow, tlsi_negotiated_version(&sh));
            if (sh.is_hrr)
                event = TLSI_HS_HELLO_RETRY_REQUEST;
        }
        if (eff.resumed)
            tlsi_flow_set_resumed(&c->flow, 1);
    }
    tlsi_flow_event(&c->flow, from_server, event, &res);
    fses_check_str(res.expected, sizeof res.expected);
    (void)tlsi_flow_state_name(&c->flow);
    (void)tlsi_flow_established(&c->flow);
    free(copy);
}

static void fses_ccs(fses_conn *c, const tlsi_key_material *km, int from_server)
{
    tlsi_flow_result res;

    c->work++;
    tlsi_session_change_cipher_spec(c->s, km, from_server);
    tlsi_flow_event(&c->flow, from_server, TLSI_FLOW_CCS, &res);
}

/* Handshake bytes of one direction: reassemble, then feed whole messages. */
static void fses_hs_bytes(fses_conn *c, const tlsi_key_material *km, int dir, const uint8_t *p,
                          size_t n)
{
    size_t off = 0;

    if (c->hs_len[dir] + n > FSES_HS_MAX) {
        c->hs_len[dir] = 0; /* a message this long is not reassembled */
        return;
    }
    if (!c->hs[dir])
        c->hs[dir] = malloc(FSES_HS_MAX);
    if (!c->hs[dir])
        return;
    memcpy(c->hs[dir] + c->hs_len[dir], p, n);
    c->hs_len[dir] += n;
    while (c->hs_len[dir] - off >= 4) {
        size_t mlen = 4 + (size_t)tlsi_load24(c->hs[dir] + off + 1);
        if (mlen > FSES_HS_MAX) {
            off = c->hs_len[dir];
            break;
        }
        if (c->hs_len[dir] - off < mlen)
            break;
        fses_message(c, km, dir, c->hs[dir] + off, mlen);
        off += mlen;
    }
    memmove(c->hs[dir], c->hs[dir] + off, c->hs_len[dir] - off);
    c->hs_len[dir] -= off;
}

static void fses_plaintext(fses_conn *c, const tlsi_key_material *km, int dir, uint8_t type,
                           const uint8_t *p, size_t n)
{
    if (type == TLSI_CT_HANDSHAKE)
        fses_hs_bytes(c, km, dir, p, n);
    else if (type == TLSI_CT_CHANGE_CIPHER_SPEC && n == 1 && p[0] == 1)
        fses_ccs(c, km, dir);
}

static void fses_record(fses_conn *c, const tlsi_key_material *km, int dir, const uint8_t *d,
                        size_t n)
{
    uint8_t type;
    uint16_t version;
    uint8_t *frag, *out;
    size_t flen, out_cap, out_len = 0;
    uint8_t inner = 0;
    const char *why = NULL;
    tlsi_err e;

    if (n < 3)
        return;
    type = d[0];
    version = (uint16_t)(d[1] << 8 | d[2]);
    flen = n - 3;
    c->work++;
    frag = fz_dup(d + 3, flen);
    if (!frag)
        return;
    if (!tlsi_session_protected(c->s, dir, type)) {
        fses_plaintext(c, km, dir, type, frag, flen);
        free(frag);
        return;
    }
    /* What session.h asks of the caller: max(in_len, 2^14). */
    out_cap = flen > TLSI_MAX_PLAINTEXT ? flen : TLSI_MAX_PLAINTEXT;
    out = malloc(out_cap);
    if (!out) {
        free(frag);
        return;
    }
    e = tlsi_session_decrypt(c->s, km, dir, type, version, frag, flen, out, out_cap, &out_len,
                             &inner, &why);
    FZ_ASSERT(e < TLSI_ERR_COUNT);
    FZ_ASSERT(why);
    FZ_ASSERT(strlen(why) < 1024);
    FZ_ASSERT(out_len <= out_cap);
    if (e == TLSI_OK) {
        FZ_ASSERT(out_len <= TLSI_MAX_PLAINTEXT);
        fses_plaintext(c, km, dir, inner, out, out_len);
    } else {
        if (e != TLSI_ERR_BAD_MAC)
            FZ_ASSERT(out_len == 0);
        if (type == TLSI_CT_HANDSHAKE) { /* what the plugin tells the flow machine */
            tlsi_flow_result res;
            tlsi_flow_event(&c->flow, dir, TLSI_FLOW_ENCRYPTED, &res);
        }
    }
    free(out);
    free(frag);
}

static void fses_conn_end(fses_conn *c)
{
    if (c->s) {
        fses_info(c->s);
        fses_export(c->s, 64);
        if (getenv("TLSI_FUZZ_VERBOSE")) { /* to see what a seed reaches */
            const tlsi_session_info *i = tlsi_session_get_info(c->s);
            fprintf(stderr, "session: version %04x suite %04x keys %s; decrypted %llu/%llu, "
                    "failed %llu/%llu; %s\n", i->version, i->cipher_suite,
                    tlsi_key_source_name(i->key_source), (unsigned long long)i->decrypted[0],
                    (unsigned long long)i->decrypted[1], (unsigned long long)i->failed[0],
                    (unsigned long long)i->failed[1], i->first_why);
        }
    }
    tlsi_session_free(c->s);
    free(c->hs[0]);
    free(c->hs[1]);
    memset(c, 0, sizeof *c);
}

static int fses_conn_start(fses_conn *c)
{
    memset(c, 0, sizeof *c);
    c->s = tlsi_session_new();
    tlsi_flow_init(&c->flow);
    return c->s != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    tlsi_key_material km;
    tlsi_rsa_key *keys[1];
    fses_conn c;
    uint8_t sel;
    uint64_t events = 0, work = 0;

    memset(&c, 0, sizeof c);
    fses_init();
    memset(&km, 0, sizeof km);
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
    if (sel & 8)
        km.cache = tlsi_session_cache_new();
    if (!fses_conn_start(&c)) {
        tlsi_session_cache_free(km.cache);
        return 0;
    }

    while (in.n >= 3) {
        uint8_t op = fz_u8(&in);
        int dir = op >> 7;
        size_t want = fz_u16(&in), n;
        const uint8_t *p = fz_bytes(&in, want, &n);

        events++;
        switch ((op & 0x7f) % 6) {
        case 0:
            fses_record(&c, &km, dir, p, n);
            break;
        case 1:
            fses_message(&c, &km, dir, p, n);
            break;
        case 2: {
            uint8_t *m = malloc(n + 3 > 4 ? n + 3 : 4);
            if (m && n >= 1) {
                m[0] = p[0];
                m[1] = (uint8_t)((n - 1) >> 16);
                m[2] = (uint8_t)((n - 1) >> 8);
                m[3] = (uint8_t)(n - 1);
                memcpy(m + 4, p + 1, n - 1);
                fses_message(&c, &km, dir, m, n + 3);
            }
            free(m);
            break;
        }
        case 3:
            fses_ccs(&c, &km, dir);
            break;
        case 4:
            work += c.work;
            fses_conn_end(&c);
            if (!fses_conn_start(&c))
                goto out;
            break;
        default:
            fses_info(c.s);
            fses_export(c.s, n ? p[0] : 0);
            break;
        }
    }
out:
    work += c.work;
    /* A record yields at most 2^14 bytes, so at most 4096 messages. */
    FZ_ASSERT(work <= events * 4097);
    fses_conn_end(&c);
    tlsi_session_cache_free(km.cache);
    return 0;
}
