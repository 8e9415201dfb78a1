/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for the handshake message parsers (handshake.h).
 *
 * Input: byte 0 is the HandshakeType (a type without a parser is mapped onto
 * one that has one); byte 1 the parsing context: bits 0-2 the negotiated
 * version (unknown, SSL 3.0, TLS 1.0, 1.1, 1.2, 1.3, draft 23, draft 18),
 * bits 3-6 the key exchange, bit 7 "sent by the server". The rest is the
 * message body. The harness calls the message's parser, then walks every
 * list, certificate and extension block in the result as the plugin's tree
 * code would, checking that every span lies inside the body, that validated
 * lists yield exactly their count, and that error offsets are inside it.
 */
#include <stddef.h>
#include <stdint.h>

#include "cipher_suites.h"
#include "fuzz_util.h"
#include "fuzz_walk.h"
#include "handshake.h"
#include "names.h"
#include "rsa_keys.h"

static const uint16_t fhs_versions[8] = {0, 0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x7f17, 0x7f12};

static const uint8_t fhs_types[] = {
    TLSI_HS_HELLO_REQUEST,        TLSI_HS_CLIENT_HELLO,         TLSI_HS_SERVER_HELLO,
    TLSI_HS_NEW_SESSION_TICKET,   TLSI_HS_END_OF_EARLY_DATA,    TLSI_HS_ENCRYPTED_EXTENSIONS,
    TLSI_HS_CERTIFICATE,          TLSI_HS_SERVER_KEY_EXCHANGE,  TLSI_HS_CERTIFICATE_REQUEST,
    TLSI_HS_SERVER_HELLO_DONE,    TLSI_HS_CERTIFICATE_VERIFY,   TLSI_HS_CLIENT_KEY_EXCHANGE,
    TLSI_HS_FINISHED,             TLSI_HS_CERTIFICATE_URL,      TLSI_HS_CERTIFICATE_STATUS,
    TLSI_HS_KEY_UPDATE,           TLSI_HS_COMPRESSED_CERTIFICATE, TLSI_HS_NEXT_PROTOCOL,
};

static void fhs_signature(const tlsi_signature *s, size_t len)
{
    FZ_SPAN(s->signature, len);
    if (s->has_scheme)
        (void)tlsi_name_lookup(tlsi_sig_scheme_names, s->scheme);
}

static void fhs_certificate(const uint8_t *b, size_t len, const tlsi_hs_ctx *ctx)
{
    tlsi_certificate c;
    tlsi_cert_iter it;
    tlsi_cert_entry ent;
    uint32_t err_off = 0, n = 0;
    tlsi_err e = tlsi_certificate_parse(b, len, ctx, &c, &err_off);

    FZ_SPAN(c.request_context, len);
    FZ_SPAN(c.list, len);
    if (e != TLSI_OK && e != TLSI_ERR_DUPLICATE) {
        FZ_ASSERT(err_off <= len);
        return;
    }
    tlsi_cert_iter_init(&it, b, &c);
    while (tlsi_cert_next(&it, &ent)) {
        uint8_t mod[2048];
        size_t mod_len = sizeof mod;
        FZ_SPAN(ent.cert, len);
        FZ_SPAN(ent.extensions, len);
        FZ_ASSERT(++n <= c.count);
        if (c.tls13)
            fz_walk_ext_block(b, len, ent.extensions, TLSI_EXT_CTX_CERTIFICATE);
        /* What the session does with the server's first certificate. */
        if (n == 1 && tlsi_cert_rsa_modulus(b + ent.cert.off, ent.cert.len, mod, &mod_len) ==
                          TLSI_OK)
            FZ_ASSERT(mod_len <= sizeof mod);
    }
    FZ_ASSERT(n == c.count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tlsi_hs_ctx ctx;
    uint8_t type;
    uint8_t *b;
    size_t len;
    uint32_t err_off = 0;
    tlsi_err e = TLSI_OK;
    size_t i;
    int known = 0;

    if (size < 2)
        return 0;
    type = data[0];
    for (i = 0; i < sizeof fhs_types; i++)
        known |= fhs_types[i] == type;
    if (!known)
        type = fhs_types[type % sizeof fhs_types];
    ctx.version = fhs_versions[data[1] & 7];
    /* Four bits of the context byte name kex 0..15; the type byte's top bit
     * (never set in a known type, see above) adds 16 for the kinds after. */
    ctx.kex = (tlsi_kex)((((data[1] >> 3) & 15) | ((data[0] & 0x80) >> 3)) % TLSI_KEX_COUNT);
    ctx.is_server = data[1] >> 7;
    len = size - 2;
    b = fz_dup(data + 2, len);
    if (!b)
        return 0;

    switch (type) {
    case TLSI_HS_CLIENT_HELLO: {
        tlsi_client_hello ch;
        int ok;
        e = tlsi_client_hello_parse(b, len, &ch, &err_off);
        ok = e == TLSI_OK || e == TLSI_ERR_DUPLICATE;
        FZ_SPAN(ch.random.random, len);
        FZ_SPAN(ch.session_id, len);
        FZ_SPAN(ch.extensions, len);
        FZ_ASSERT(ch.session_id.len <= 32);
        /* The session engine iterates the suites whatever the verdict. */
        fz_walk_list(b, len, &ch.cipher_suites, FZ_L_U16, ok);
        fz_walk_list(b, len, &ch.compression_methods, FZ_L_U8, ok);
        if (ok) {
            tlsi_list_iter it;
            uint16_t cs;
            FZ_ASSERT(ch.random.random.len == 32);
            tlsi_list_iter_init(&it, b, &ch.cipher_suites);
            while (tlsi_list_u16_next(&it, &cs))
                (void)tlsi_suite_find(cs);
        }
        if (ch.has_extensions && ok)
            FZ_ASSERT(fz_walk_ext_block(b, len, ch.extensions, TLSI_EXT_CTX_CLIENT_HELLO) ==
                      ch.n_extensions);
        else if (ch.has_extensions)
            fz_walk_ext_block(b, len, ch.extensions, TLSI_EXT_CTX_CLIENT_HELLO);
        break;
    }
    case TLSI_HS_SERVER_HELLO: {
        tlsi_server_hello sh;
        e = tlsi_server_hello_parse(b, len, &sh, &err_off);
        FZ_SPAN(sh.random.random, len);
        FZ_SPAN(sh.session_id, len);
        FZ_SPAN(sh.cipher_suite_span, len); /* finding F2, fixed */
        FZ_SPAN(sh.extensions, len);
        FZ_ASSERT(sh.session_id.len <= 32);
        (void)tlsi_negotiated_version(&sh);
        (void)tlsi_suite_find(sh.cipher_suite);
        if (sh.has_extensions) {
            uint32_t n = fz_walk_ext_block(b, len, sh.extensions,
                                           sh.is_hrr ? TLSI_EXT_CTX_HELLO_RETRY_REQUEST
                                                     : TLSI_EXT_CTX_SERVER_HELLO);
            if (e == TLSI_OK || e == TLSI_ERR_DUPLICATE)
                FZ_ASSERT(n == sh.n_extensions);
        }
        break;
    }
    case TLSI_HS_CERTIFICATE:
        fhs_certificate(b, len, &ctx);
        break;
    case TLSI_HS_CERTIFICATE_STATUS: {
        tlsi_certificate_status cs;
        e = tlsi_certificate_status_parse(b, len, &cs, &err_off);
        FZ_SPAN(cs.response, len);
        fz_walk_list(b, len, &cs.responses, FZ_L_OP24, e == TLSI_OK);
        break;
    }
    case TLSI_HS_CERTIFICATE_URL: {
        tlsi_certificate_url cu;
        tlsi_list_iter it;
        tlsi_url_and_hash uh;
        uint32_t n = 0;
        e = tlsi_certificate_url_parse(b, len, &cu, &err_off);
        FZ_SPAN(cu.urls.items, len);
        tlsi_list_iter_init(&it, b, &cu.urls);
        while (tlsi_url_and_hash_next(&it, &uh)) {
            FZ_SPAN(uh.url, len);
            FZ_SPAN(uh.sha1_hash, len);
            FZ_ASSERT(++n <= cu.urls.items.len);
        }
        if (e == TLSI_OK)
            FZ_ASSERT(n == cu.urls.count);
        break;
    }
    case TLSI_HS_COMPRESSED_CERTIFICATE: {
        tlsi_compressed_certificate cc;
        e = tlsi_compressed_certificate_parse(b, len, &cc, &err_off);
        FZ_SPAN(cc.compressed, len);
        break;
    }
    case TLSI_HS_SERVER_KEY_EXCHANGE: {
        tlsi_server_key_exchange ske;
        e = tlsi_server_key_exchange_parse(b, len, &ctx, &ske, &err_off);
        FZ_SPAN(ske.psk_identity_hint, len);
        FZ_SPAN(ske.rsa_modulus, len);
        FZ_SPAN(ske.rsa_exponent, len);
        FZ_SPAN(ske.dh_p, len);
        FZ_SPAN(ske.dh_g, len);
        FZ_SPAN(ske.dh_ys, len);
        FZ_SPAN(ske.ec_point, len);
        FZ_SPAN(ske.ecjpake.x, len);
        FZ_SPAN(ske.ecjpake.v, len);
        FZ_SPAN(ske.ecjpake.r, len);
        FZ_SPAN(ske.srp_n, len);
        FZ_SPAN(ske.srp_g, len);
        FZ_SPAN(ske.srp_s, len);
        FZ_SPAN(ske.srp_b, len);
        FZ_SPAN(ske.params, len);
        fhs_signature(&ske.sig, len);
        if (e == TLSI_OK)
            (void)tlsi_name_lookup(tlsi_group_names, ske.named_curve);
        break;
    }
    case TLSI_HS_CLIENT_KEY_EXCHANGE: {
        tlsi_client_key_exchange cke;
        e = tlsi_client_key_exchange_parse(b, len, &ctx, &cke, &err_off);
        FZ_SPAN(cke.psk_identity, len);
        FZ_SPAN(cke.exchange, len);
        FZ_SPAN(cke.ecjpake.x, len);
        FZ_SPAN(cke.ecjpake.v, len);
        FZ_SPAN(cke.ecjpake.r, len);
        break;
    }
    case TLSI_HS_CERTIFICATE_REQUEST: {
        tlsi_certificate_request cr;
        int ok;
        e = tlsi_certificate_request_parse(b, len, &ctx, &cr, &err_off);
        ok = e == TLSI_OK;
        fz_walk_list(b, len, &cr.cert_types, FZ_L_U8, ok);
        fz_walk_list(b, len, &cr.sig_algs, FZ_L_U16, ok);
        fz_walk_list(b, len, &cr.cas, FZ_L_OP16, ok);
        FZ_SPAN(cr.context, len);
        FZ_SPAN(cr.extensions, len);
        if (cr.tls13 && (ok || e == TLSI_ERR_DUPLICATE)) {
            uint32_t n =
                fz_walk_ext_block(b, len, cr.extensions, TLSI_EXT_CTX_CERTIFICATE_REQUEST);
            FZ_ASSERT(n == cr.n_extensions);
        }
        break;
    }
    case TLSI_HS_CERTIFICATE_VERIFY: {
        tlsi_signature sig;
        e = tlsi_certificate_verify_parse(b, len, &ctx, &sig, &err_off);
        fhs_signature(&sig, len);
        break;
    }
    case TLSI_HS_FINISHED: {
        tlsi_finished f;
        e = tlsi_finished_parse(b, len, &f, &err_off);
        FZ_SPAN(f.verify_data, len);
        break;
    }
    case TLSI_HS_NEW_SESSION_TICKET: {
        tlsi_new_session_ticket t;
        e = tlsi_new_session_ticket_parse(b, len, &ctx, &t, &err_off);
        FZ_SPAN(t.nonce, len);
        FZ_SPAN(t.ticket, len);
        FZ_SPAN(t.extensions, len);
        if (t.tls13 && (e == TLSI_OK || e == TLSI_ERR_DUPLICATE))
            FZ_ASSERT(fz_walk_ext_block(b, len, t.extensions,
                                        TLSI_EXT_CTX_NEW_SESSION_TICKET) == t.n_extensions);
        break;
    }
    case TLSI_HS_KEY_UPDATE: {
        uint8_t req = 0xff;
        e = tlsi_key_update_parse(b, len, &req, &err_off);
        if (e == TLSI_OK)
            FZ_ASSERT(req <= 1);
        break;
    }
    case TLSI_HS_ENCRYPTED_EXTENSIONS: {
        tlsi_encrypted_extensions ee;
        e = tlsi_encrypted_extensions_parse(b, len, &ee, &err_off);
        FZ_SPAN(ee.extensions, len);
        if (e == TLSI_OK || e == TLSI_ERR_DUPLICATE)
            FZ_ASSERT(fz_walk_ext_block(b, len, ee.extensions,
                                        TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS) == ee.n_extensions);
        break;
    }
    case TLSI_HS_NEXT_PROTOCOL: {
        tlsi_next_protocol np;
        e = tlsi_next_protocol_parse(b, len, &np, &err_off);
        FZ_SPAN(np.selected_protocol, len);
        FZ_SPAN(np.padding, len);
        break;
    }
    default: /* HelloRequest, ServerHelloDone, EndOfEarlyData */
        e = tlsi_empty_parse(b, len, &err_off);
        if (e == TLSI_OK)
            FZ_ASSERT(len == 0);
        break;
    }
    FZ_ASSERT(e < TLSI_ERR_COUNT);
    if (e != TLSI_OK)
        FZ_ASSERT(err_off <= len);

    /* The framing of the same bytes read as a whole message. */
    {
        tlsi_hs_header h;
        if (tlsi_hs_header_parse(b, len, &h) == TLSI_OK)
            FZ_ASSERT(h.body.off == 4 && h.body.len == h.length && h.length <= 0xffffff);
        else
            FZ_ASSERT(len < 4);
    }
    free(b);
    return 0;
}
