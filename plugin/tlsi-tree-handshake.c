/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-tree-handshake.c - turns handshake messages into protocol trees from
 * what the connection engine (src/conn.c) kept per message: its bytes, the
 * version and suite it was sent under, its place in the flow, Finished and
 * resumption verdicts.
 *
 * The hellos, Finished, NewSessionTicket and the small messages are drawn
 * here; extensions, certificates and key exchanges have their own files
 * (tlsi-tree-extensions.c, tlsi-tree-certs.c, tlsi-tree-kex.c). Every field
 * position comes from a core parser (src/handshake.h, src/extensions.h):
 * this file never walks the wire format itself.
 */
#include "tlsi-tree.h"
#include "tlsi-compat-fields.h"

#include <stdlib.h>
#include <string.h>

#include <epan/unit_strings.h>

/* Name tables of tlsi-tree-common.c, filled at registration. */
static value_string_ext *suite_vals, *version_vals;

#include "algorithms.h"
#include "cipher_suites.h"
#include "fingerprint.h"
#include "hs_flow.h"
#include "names.h"
#include "reader.h"
#include "record.h"
#include "session.h"

static int hf_tlsi_handshake = -1;
static int hf_tlsi_handshake_type = -1;
static int hf_tlsi_handshake_length = -1;
static int hf_tlsi_handshake_body = -1;
static int hf_tlsi_handshake_first_fragment_in = -1;
static int hf_tlsi_handshake_version = -1;
static int hf_tlsi_handshake_random = -1;
static int hf_tlsi_handshake_random_time = -1;
static int hf_tlsi_handshake_random_bytes = -1;
static int hf_tlsi_handshake_session_id_length = -1;
static int hf_tlsi_handshake_session_id = -1;
static int hf_tlsi_handshake_cipher_suites_length = -1;
static int hf_tlsi_handshake_ciphersuites = -1;
static int hf_tlsi_handshake_ciphersuites_suite = -1;
static int hf_tlsi_handshake_ciphersuites_count = -1;
static int hf_tlsi_handshake_ciphersuite_hs_ciphersuite = -1;
static int hf_tlsi_handshake_comp_methods_length = -1;
static int hf_tlsi_handshake_comp_methods = -1;
static int hf_tlsi_handshake_comp_method = -1;
static int hf_tlsi_handshake_negotiated_version = -1;
static int hf_tlsi_handshake_hello_retry_request = -1;
static int hf_tlsi_handshake_resumed = -1;
static int hf_tlsi_handshake_resumed_from = -1;
static int hf_tlsi_handshake_ja3_full = -1;
static int hf_tlsi_handshake_ja3 = -1;
static int hf_tlsi_handshake_ja3s_full = -1;
static int hf_tlsi_handshake_ja3s = -1;
static int hf_tlsi_handshake_ja4 = -1;
static int hf_tlsi_handshake_ja4_r = -1;
static int hf_tlsi_handshake_verify_data = -1;
static int hf_tlsi_handshake_finished_verified = -1;
static int hf_tlsi_handshake_session_ticket_lifetime_hint = -1;
static int hf_tlsi_handshake_session_ticket_age_add = -1;
static int hf_tlsi_handshake_session_ticket_nonce_length = -1;
static int hf_tlsi_handshake_session_ticket_nonce = -1;
static int hf_tlsi_handshake_session_ticket_length = -1;
static int hf_tlsi_handshake_session_ticket = -1;
static int hf_tlsi_handshake_key_update_request_update = -1;
static int hf_tlsi_handshake_npn_selected_protocol_len = -1;
static int hf_tlsi_handshake_npn_selected_protocol = -1;
static int hf_tlsi_handshake_npn_padding_len = -1;
static int hf_tlsi_handshake_npn_padding = -1;
static int hf_tlsi_handshake_message_hash = -1;

static gint ett_tlsi_handshake = -1;
static gint ett_tlsi_hs_random = -1;
static gint ett_tlsi_hs_suites = -1;
static gint ett_tlsi_hs_comp_methods = -1;

static expert_field ei_tlsi_hs_unknown_type = EI_INIT;
static expert_field ei_tlsi_hs_downgrade = EI_INIT;
static expert_field ei_tlsi_hs_downgrade_note = EI_INIT;
static expert_field ei_tlsi_hs_finished_length = EI_INIT;
static expert_field ei_tlsi_hs_finished_mismatch = EI_INIT;
static expert_field ei_tlsi_hs_unexpected = EI_INIT;
static expert_field ei_tlsi_hs_no_null_compression = EI_INIT;

/* A hard error: the structure could not be read to its end. Duplicates are
 * soft (the parse completed) and reported where the repeat is drawn. */
static gboolean hard_error(tlsi_err e)
{
    return e != TLSI_OK && e != TLSI_ERR_DUPLICATE;
}

static void set_limit(tlsi_tb *b, tlsi_err e, guint32 err_off)
{
    b->lim = hard_error(e) ? MIN(err_off, b->len) : b->len;
}

/* An extension block the parser located: draw it even when the message
 * failed inside it, since the extension walk reports its own framing errors. */
static gboolean block_located(const tlsi_tb *b, tlsi_span s)
{
    return s.off >= 2 && s.off + s.len <= b->len;
}

/* ---------------------------------------------------------------------- */
/* Hellos                                                                  */

static void tree_random(const tlsi_tb *b, proto_tree *tree, const tlsi_random *r,
                        gboolean with_time)
{
    proto_item *ti;
    proto_tree *rt;
    int off = tlsi_tb_off(b, r->random.off);

    ti = proto_tree_add_item(tree, hf_tlsi_handshake_random, b->tvb, off, 32, ENC_NA);
    if (!with_time)
        return;
    /* SSL 3.0 - TLS 1.2: uint32 gmt_unix_time; opaque random_bytes[28]
     * (RFC 5246 7.4.1.2). TLS 1.3 has 32 random bytes. */
    rt = proto_item_add_subtree(ti, ett_tlsi_hs_random);
    proto_tree_add_item(rt, hf_tlsi_handshake_random_time, b->tvb, off, 4, ENC_TIME_SECS | ENC_BIG_ENDIAN);
    proto_tree_add_item(rt, hf_tlsi_handshake_random_bytes, b->tvb,
                        tlsi_tb_off(b, r->random_bytes.off), (gint)r->random_bytes.len, ENC_NA);
}

static void tree_session_id(const tlsi_tb *b, proto_tree *tree, tlsi_span sid)
{
    tlsi_tree_vec(b, tree, hf_tlsi_handshake_session_id_length, hf_tlsi_handshake_session_id, sid, 1, ENC_NA);
}

/* The JA3 (or JA3S) string and its MD5, as generated fields. */
static void tree_ja3(const tlsi_tb *b, proto_tree *tree, gboolean server)
{
    char md5[33];
    size_t n = 0, cap = 2048;
    char *s;
    tlsi_err e;

    /* Generated fields only: without a tree nobody reads them (filters and
     * custom columns make Wireshark build one). */
    if (!tree)
        return;
    s = (char *)wmem_alloc(b->pinfo->pool, cap);
    e = server ? tlsi_ja3s(b->body, b->len, s, cap, &n, md5)
               : tlsi_ja3(b->body, b->len, s, cap, &n, md5);
    if (e != TLSI_OK)
        return;
    if (n >= cap) { /* a very long hello: once more with room for all of it */
        cap = n + 1;
        s = (char *)wmem_alloc(b->pinfo->pool, cap);
        if ((server ? tlsi_ja3s(b->body, b->len, s, cap, &n, md5)
                    : tlsi_ja3(b->body, b->len, s, cap, &n, md5)) != TLSI_OK)
            return;
    }
    proto_item_set_generated(proto_tree_add_string(
        tree, server ? hf_tlsi_handshake_ja3s_full : hf_tlsi_handshake_ja3_full, b->tvb, 0, 0, s));
    proto_item_set_generated(
        proto_tree_add_string(tree, server ? hf_tlsi_handshake_ja3s : hf_tlsi_handshake_ja3, b->tvb, 0, 0, md5));
}

static void tree_ja4(const tlsi_tb *b, proto_tree *tree)
{
    char ja4[TLSI_JA4_LEN + 1];
    size_t n = 0, cap = 2048;
    char *raw;

    if (!tree) /* as for JA3 */
        return;
    raw = (char *)wmem_alloc(b->pinfo->pool, cap);
    if (tlsi_ja4(b->body, b->len, 0, 0, ja4, raw, cap, &n) != TLSI_OK)
        return;
    if (n >= cap) {
        cap = n + 1;
        raw = (char *)wmem_alloc(b->pinfo->pool, cap);
        if (tlsi_ja4(b->body, b->len, 0, 0, ja4, raw, cap, &n) != TLSI_OK)
            return;
    }
    proto_item_set_generated(proto_tree_add_string(tree, hf_tlsi_handshake_ja4, b->tvb, 0, 0, ja4));
    proto_item_set_generated(proto_tree_add_string(tree, hf_tlsi_handshake_ja4_r, b->tvb, 0, 0, raw));
}

static void tree_client_hello(tlsi_tb *b, proto_tree *tree)
{
    tlsi_client_hello ch;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_client_hello_parse(b->body, b->len, &ch, &err_off);
    proto_item *ti;
    proto_tree *st;
    tlsi_list_iter it;

    set_limit(b, e, err_off);
    if (tlsi_tb_fits(b, 0, 2))
        proto_tree_add_item(tree, hf_tlsi_handshake_version, b->tvb, b->base, 2, ENC_BIG_ENDIAN);
    if (tlsi_tb_fits(b, 2, 32))
        /* As the built-in: the gmt_unix_time split unless the connection
         * is known to be TLS 1.3 (32 random bytes); a ClientHello offering
         * TLS 1.3 may still lead to TLS 1.2. */
        tree_random(b, tree, &ch.random,
                    ch.legacy_version <= TLSI_TLS12 && !tlsi_version_is_tls13(b->conn_version));
    if (tlsi_tb_has(b, ch.session_id))
        tree_session_id(b, tree, ch.session_id);
    if (tlsi_tb_has(b, ch.cipher_suites.items)) {
        uint16_t id;
        tlsi_tree_vec(b, tree, hf_tlsi_handshake_cipher_suites_length, -1, ch.cipher_suites.items,
                      2, 0);
        st = tlsi_tree_vec_subtree(b, tree, hf_tlsi_handshake_ciphersuites, ett_tlsi_hs_suites,
                                   ch.cipher_suites.items, 0, &ti);
        proto_item_append_text(ti, " (%u suite%s)", ch.cipher_suites.count,
                               plurality(ch.cipher_suites.count, "", "s"));
        proto_item_set_generated(proto_tree_add_uint(st, hf_tlsi_handshake_ciphersuites_count, b->tvb,
                                                     tlsi_tb_off(b, ch.cipher_suites.items.off), 0,
                                                     ch.cipher_suites.count));
        tlsi_list_iter_init(&it, b->body, &ch.cipher_suites);
        for (guint32 off = ch.cipher_suites.items.off; tlsi_list_u16_next(&it, &id); off += 2) {
            proto_tree_add_item(st, hf_tlsi_handshake_ciphersuites_suite, b->tvb, tlsi_tb_off(b, off), 2,
                                ENC_BIG_ENDIAN);
            tlsi_compat_offered_suite(st, b->tvb, tlsi_tb_off(b, off));
        }
    }
    if (tlsi_tb_has(b, ch.compression_methods.items)) {
        uint8_t m;
        gboolean null_seen = FALSE;
        tlsi_tree_vec(b, tree, hf_tlsi_handshake_comp_methods_length, -1,
                      ch.compression_methods.items, 1, 0);
        st = tlsi_tree_vec_subtree(b, tree, hf_tlsi_handshake_comp_methods, ett_tlsi_hs_comp_methods,
                                   ch.compression_methods.items, 0, &ti);
        proto_item_append_text(ti, " (%u method%s)", ch.compression_methods.count,
                               plurality(ch.compression_methods.count, "", "s"));
        tlsi_list_iter_init(&it, b->body, &ch.compression_methods);
        for (guint32 off = ch.compression_methods.items.off; tlsi_list_u8_next(&it, &m); off++) {
            proto_tree_add_item(st, hf_tlsi_handshake_comp_method, b->tvb, tlsi_tb_off(b, off), 1,
                                ENC_BIG_ENDIAN);
            null_seen |= m == 0;
        }
        /* RFC 5246 7.4.1.2: "this vector MUST contain, and all implementations
         * MUST support, CompressionMethod.null". */
        if (!null_seen)
            expert_add_info(b->pinfo, ti, &ei_tlsi_hs_no_null_compression);
    }
    if (ch.has_extensions && block_located(b, ch.extensions))
        tlsi_tree_extensions(b, tree, ch.extensions, TLSI_EXT_CTX_CLIENT_HELLO, NULL);
    if (hard_error(e)) {
        tlsi_tree_malformed(b, tree, "Client Hello", e, err_off);
        return;
    }
    tree_ja3(b, tree, FALSE);
    tree_ja4(b, tree);
}

static void tree_server_hello(tlsi_tb *b, proto_tree *tree, const tlsi_hs_msg *msg,
                              proto_item *hs_item)
{
    tlsi_server_hello sh;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_server_hello_parse(b->body, b->len, &sh, &err_off);
    guint16 neg = tlsi_negotiated_version(&sh);
    gboolean tls13 = tlsi_version_is_tls13(neg);
    proto_item *ti;

    set_limit(b, e, err_off);
    if (tlsi_tb_fits(b, 0, 2))
        proto_tree_add_item(tree, hf_tlsi_handshake_version, b->tvb, b->base, 2, ENC_BIG_ENDIAN);
    if (tlsi_tb_fits(b, 2, 32)) {
        tree_random(b, tree, &sh.random, !sh.is_hrr && !tls13 && neg != 0);
        /* RFC 8446 4.1.3: a TLS 1.3 server that negotiates less says so in
         * the random; a client that offered more must then abort. Without a
         * higher offer it is just a server that could do better. */
        if (sh.downgrade != TLSI_DOWNGRADE_NONE && !sh.is_hrr) {
            gboolean attack = (msg->flags & TLSI_MSG_OFFERED_HIGHER) != 0;
            proto_tree_add_expert_format(
                tree, b->pinfo, attack ? &ei_tlsi_hs_downgrade : &ei_tlsi_hs_downgrade_note, b->tvb,
                tlsi_tb_off(b, 2 + 24), 8,
                "Downgrade sentinel \"DOWNGRD\\x0%d\": a TLS 1.3 capable server negotiated %s%s",
                sh.downgrade == TLSI_DOWNGRADE_TLS12 ? 1 : 0,
                sh.downgrade == TLSI_DOWNGRADE_TLS12 ? "TLS 1.2" : "TLS 1.1 or below",
                attack ? " although the client offered more: the client must abort the "
                         "handshake (RFC 8446 4.1.3), a downgrade attack is likely"
                       : " because the client offered no more");
        }
    }
    if (!sh.draft_format && tlsi_tb_has(b, sh.session_id))
        tree_session_id(b, tree, sh.session_id);
    if (sh.cipher_suite_span.off && tlsi_tb_fits(b, sh.cipher_suite_span.off, 2)) {
        proto_tree_add_item(tree, hf_tlsi_handshake_ciphersuite_hs_ciphersuite, b->tvb,
                            tlsi_tb_off(b, sh.cipher_suite_span.off), 2, ENC_BIG_ENDIAN);
        if (sh.compression_span.len && tlsi_tb_has(b, sh.compression_span))
            proto_tree_add_item(tree, hf_tlsi_handshake_comp_method, b->tvb,
                                tlsi_tb_off(b, sh.compression_span.off), 1, ENC_BIG_ENDIAN);
    }
    if (sh.has_extensions && block_located(b, sh.extensions))
        tlsi_tree_extensions(
            b, tree, sh.extensions,
            sh.is_hrr ? TLSI_EXT_CTX_HELLO_RETRY_REQUEST : TLSI_EXT_CTX_SERVER_HELLO, NULL);
    if (hard_error(e)) {
        tlsi_tree_malformed(b, tree, "Server Hello", e, err_off);
        return;
    }
    if (sh.is_hrr) {
        proto_item_set_generated(proto_tree_add_boolean(tree, hf_tlsi_handshake_hello_retry_request, b->tvb, 2, 32, TRUE));
    } else {
        /* Drafts put 0x7f00 | n on the wire; they are TLS 1.3 all the same. */
        ti = proto_tree_add_uint(tree, hf_tlsi_handshake_negotiated_version, b->tvb, 0, 0,
                                 tls13 ? TLSI_TLS13 : neg);
        proto_item_set_generated(ti);
        if (tls13 && neg != TLSI_TLS13)
            proto_item_append_text(ti, " (draft %u)", neg & 0xff);
        if (msg->flags & TLSI_MSG_RESUMED) {
            proto_item *ri = proto_tree_add_boolean(tree, hf_tlsi_handshake_resumed, b->tvb, 0, 0, TRUE);
            proto_item_set_generated(ri);
            if (!tls13)
                tlsi_compat_resumed(b->pinfo, ri);
            if (msg->resumed_from)
                proto_item_set_generated(proto_tree_add_uint(tree, hf_tlsi_handshake_resumed_from, b->tvb,
                                                             0, 0, msg->resumed_from));
        }
    }
    tree_ja3(b, tree, TRUE);
    (void)hs_item;
}

/* ---------------------------------------------------------------------- */
/* Finished, tickets and the small messages                                */

/* verify_data length the negotiated version prescribes, 0 when unknown:
 * SSL 3.0 MD5 + SHA-1 (36), TLS 1.0-1.2 12 (RFC 5246 7.4.9; no suite defines
 * another), TLS 1.3 the HKDF hash length (RFC 8446 4.4.4). */
static guint32 finished_length(guint16 version, gboolean suite_known, guint16 suite)
{
    if (version == TLSI_SSL3)
        return 36;
    if (tlsi_version_is_tls13(version)) {
        const tlsi_suite *s = suite_known ? tlsi_suite_find(suite) : NULL;
        const tlsi_hash_params *h = s ? tlsi_hash_params_get(s->prf) : NULL;
        return h ? h->len : 0;
    }
    if (version >= TLSI_TLS10 && version <= TLSI_TLS12)
        return 12;
    return 0;
}

static void tree_finished(tlsi_tb *b, proto_tree *tree, const tlsi_hs_msg *msg)
{
    guint32 want = finished_length(b->version, (msg->flags & TLSI_MSG_SUITE_KNOWN) != 0, msg->suite);
    proto_item *ti = NULL, *vi;

    if (b->len)
        ti = proto_tree_add_item(tree, hf_tlsi_handshake_verify_data, b->tvb, b->base, (gint)b->len,
                                 ENC_NA);
    if (b->version == TLSI_SSL3 && b->len == 36)
        tlsi_compat_ssl3_finished(ti, b->tvb, b->base);
    if (want && b->len != want)
        proto_tree_add_expert_format(
            tree, b->pinfo, &ei_tlsi_hs_finished_length, b->tvb, b->base, (gint)b->len,
            "Finished verify_data is %u bytes; %s needs %u", b->len,
            val_to_str_ext_const(b->version, version_vals, "this version"), want);
    if (msg->finished == TLSI_FINISHED_OK || msg->finished == TLSI_FINISHED_MISMATCH) {
        gboolean ok = msg->finished == TLSI_FINISHED_OK;
        vi = proto_tree_add_boolean(tree, hf_tlsi_handshake_finished_verified, b->tvb, b->base,
                                    (gint)b->len, ok);
        proto_item_set_generated(vi);
        if (!ok)
            expert_add_info(b->pinfo, vi, &ei_tlsi_hs_finished_mismatch);
    }
    (void)ti;
}

static void tree_new_session_ticket(tlsi_tb *b, proto_tree *tree)
{
    tlsi_hs_ctx ctx = {b->version, TLSI_KEX_NULL, 1};
    tlsi_new_session_ticket nst;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_new_session_ticket_parse(b->body, b->len, &ctx, &nst, &err_off);

    set_limit(b, e, err_off);
    if (tlsi_tb_fits(b, 0, 4))
        proto_tree_add_item(tree, hf_tlsi_handshake_session_ticket_lifetime_hint, b->tvb, b->base, 4, ENC_BIG_ENDIAN);
    if (nst.tls13) {
        if (tlsi_tb_fits(b, 4, 4))
            proto_tree_add_item(tree, hf_tlsi_handshake_session_ticket_age_add, b->tvb, b->base + 4, 4,
                                ENC_BIG_ENDIAN);
        if (tlsi_tb_has(b, nst.nonce))
            tlsi_tree_vec(b, tree, hf_tlsi_handshake_session_ticket_nonce_length, hf_tlsi_handshake_session_ticket_nonce,
                          nst.nonce, 1, ENC_NA);
    }
    if (tlsi_tb_has(b, nst.ticket))
        tlsi_tree_vec(b, tree, hf_tlsi_handshake_session_ticket_length, hf_tlsi_handshake_session_ticket, nst.ticket, 2, ENC_NA);
    if (nst.tls13 && block_located(b, nst.extensions) && nst.extensions.off > nst.ticket.off)
        tlsi_tree_extensions(b, tree, nst.extensions, TLSI_EXT_CTX_NEW_SESSION_TICKET, NULL);
    if (hard_error(e))
        tlsi_tree_malformed(b, tree, "New Session Ticket", e, err_off);
}

static void tree_encrypted_extensions(tlsi_tb *b, proto_tree *tree)
{
    tlsi_encrypted_extensions ee;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_encrypted_extensions_parse(b->body, b->len, &ee, &err_off);

    set_limit(b, e, err_off);
    if (block_located(b, ee.extensions))
        tlsi_tree_extensions(b, tree, ee.extensions, TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS, NULL);
    if (hard_error(e))
        tlsi_tree_malformed(b, tree, "Encrypted Extensions", e, err_off);
}

static void tree_key_update(tlsi_tb *b, proto_tree *tree)
{
    uint8_t req;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_key_update_parse(b->body, b->len, &req, &err_off);

    if (b->len)
        proto_tree_add_item(tree, hf_tlsi_handshake_key_update_request_update, b->tvb, b->base, 1, ENC_BIG_ENDIAN);
    if (e != TLSI_OK)
        tlsi_tree_malformed(b, tree, "Key Update", e, err_off);
}

static void tree_next_protocol(tlsi_tb *b, proto_tree *tree)
{
    tlsi_next_protocol np;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_next_protocol_parse(b->body, b->len, &np, &err_off);

    set_limit(b, e, err_off);
    if (tlsi_tb_has(b, np.selected_protocol))
        tlsi_tree_vec(b, tree, hf_tlsi_handshake_npn_selected_protocol_len, hf_tlsi_handshake_npn_selected_protocol,
                      np.selected_protocol, 1, ENC_ASCII | ENC_NA);
    if (tlsi_tb_has(b, np.padding))
        tlsi_tree_vec(b, tree, hf_tlsi_handshake_npn_padding_len, hf_tlsi_handshake_npn_padding, np.padding, 1,
                      ENC_NA);
    if (e != TLSI_OK)
        tlsi_tree_malformed(b, tree, "Next Protocol", e, err_off);
}

static void tree_empty(tlsi_tb *b, proto_tree *tree, const char *what)
{
    uint32_t err_off = 0;
    tlsi_err e = tlsi_empty_parse(b->body, b->len, &err_off);

    if (e != TLSI_OK)
        tlsi_tree_malformed(b, tree, what, e, err_off);
}

/* The key exchange of the suite negotiated when the message was seen. */
static tlsi_kex msg_kex(const tlsi_hs_msg *msg)
{
    const tlsi_suite *s = (msg->flags & TLSI_MSG_SUITE_KNOWN) ? tlsi_suite_find(msg->suite) : NULL;
    return s ? s->kex : TLSI_KEX_NULL;
}

/* ---------------------------------------------------------------------- */
/* Dispatch                                                                */

/* ---------------------------------------------------------------------- */
/* Message bodies by type                                                  */

typedef void (*body_drawer)(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *msg,
                            proto_item *hs_item);

static void body_hello_request(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tree_empty(b, ht, "Hello Request");
}
static void body_client_hello(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tree_client_hello(b, ht);
}
static void body_server_hello(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tree_server_hello(b, ht, m, hi);
}
static void body_nst(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tree_new_session_ticket(b, ht);
}
static void body_end_of_early_data(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m,
                                   proto_item *hi)
{
    tree_empty(b, ht, "End of Early Data");
}
static void body_ee(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tree_encrypted_extensions(b, ht);
}
static void body_certificate(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tlsi_tree_certificate(b, ht);
}
static void body_ske(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tlsi_tree_server_key_exchange(b, ht, msg_kex(m));
}
static void body_cert_request(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tlsi_tree_certificate_request(b, ht);
}
static void body_shd(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tree_empty(b, ht, "Server Hello Done");
}
static void body_cert_verify(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tlsi_tree_certificate_verify(b, ht);
}
static void body_cke(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tlsi_tree_client_key_exchange(b, ht, msg_kex(m));
}
static void body_finished(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tree_finished(b, ht, m);
}
static void body_cert_url(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tlsi_tree_certificate_url(b, ht);
}
static void body_cert_status(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tlsi_tree_certificate_status(b, ht);
}
static void body_key_update(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tree_key_update(b, ht);
}
static void body_compressed_cert(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m,
                                 proto_item *hi)
{
    tlsi_tree_compressed_certificate(b, ht);
}
static void body_next_protocol(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    tree_next_protocol(b, ht);
}
/* RFC 8446 4.4.1: only ever built inside the transcript, never sent. */
static void body_message_hash(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *m, proto_item *hi)
{
    if (b->len)
        proto_tree_add_item(ht, hf_tlsi_handshake_message_hash, b->tvb, 4, (gint)b->len, ENC_NA);
}

static const struct {
    guint8 type;
    body_drawer draw;
} body_drawers[] = {
    {TLSI_HS_HELLO_REQUEST, body_hello_request},
    {TLSI_HS_CLIENT_HELLO, body_client_hello},
    {TLSI_HS_SERVER_HELLO, body_server_hello},
    {TLSI_HS_NEW_SESSION_TICKET, body_nst},
    {TLSI_HS_END_OF_EARLY_DATA, body_end_of_early_data},
    {TLSI_HS_ENCRYPTED_EXTENSIONS, body_ee},
    {TLSI_HS_CERTIFICATE, body_certificate},
    {TLSI_HS_SERVER_KEY_EXCHANGE, body_ske},
    {TLSI_HS_CERTIFICATE_REQUEST, body_cert_request},
    {TLSI_HS_SERVER_HELLO_DONE, body_shd},
    {TLSI_HS_CERTIFICATE_VERIFY, body_cert_verify},
    {TLSI_HS_CLIENT_KEY_EXCHANGE, body_cke},
    {TLSI_HS_FINISHED, body_finished},
    {TLSI_HS_CERTIFICATE_URL, body_cert_url},
    {TLSI_HS_CERTIFICATE_STATUS, body_cert_status},
    {TLSI_HS_KEY_UPDATE, body_key_update},
    {TLSI_HS_COMPRESSED_CERTIFICATE, body_compressed_cert},
    {TLSI_HS_NEXT_PROTOCOL, body_next_protocol},
    {TLSI_HS_MESSAGE_HASH, body_message_hash},
};

static void draw_body(tlsi_tb *b, proto_tree *ht, const tlsi_hs_msg *msg, proto_item *hs_item,
                      guint8 type)
{
    for (size_t i = 0; i < G_N_ELEMENTS(body_drawers); i++) {
        if (body_drawers[i].type == type) {
            body_drawers[i].draw(b, ht, msg, hs_item);
            return;
        }
    }
    /* HelloVerifyRequest (DTLS), draft HelloRetryRequest, SupplementalData,
     * EKT key and unknown types: the body as it is. */
    if (b->len)
        proto_tree_add_item(ht, hf_tlsi_handshake_body, b->tvb, 4, (gint)b->len, ENC_NA);
}

void tlsi_dissect_handshake_message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                    tlsi_conv *conv, const tlsi_record_info *ri,
                                    const tlsi_hs_msg *msg)
{
    guint8 type = tvb_get_uint8(tvb, 0);
    const char *name = tlsi_name_lookup(tlsi_hs_type_names, type);
    proto_item *ti, *hs_item;
    proto_tree *ht;
    tlsi_tb b;

    memset(&b, 0, sizeof(b));
    b.tvb = tvb;
    b.pinfo = pinfo;
    b.body = msg->data + 4;
    b.len = msg->len - 4;
    b.lim = b.len;
    b.base = 4;
    b.version = msg->version;
    b.conn_version = tlsi_conv_params(conv)->version;
    b.from_server = ri->rec.dir == TLSI_DIR_SERVER;

    if (msg->flags & TLSI_MSG_HRR)
        name = "Hello Retry Request";

    hs_item = proto_tree_add_item(tree, hf_tlsi_handshake, tvb, 0, -1, ENC_NA);
    proto_item_set_text(hs_item, "Handshake Protocol: %s", name ? name : "Unknown");
    ht = proto_item_add_subtree(hs_item, ett_tlsi_handshake);
    ti = proto_tree_add_item(ht, hf_tlsi_handshake_type, tvb, 0, 1, ENC_BIG_ENDIAN);
    if (!name)
        expert_add_info_format(pinfo, ti, &ei_tlsi_hs_unknown_type,
                               "Unknown handshake message type %u", type);
    if (msg->flags & TLSI_MSG_FLOW_UNEXPECTED)
        expert_add_info_format(
            pinfo, ti, &ei_tlsi_hs_unexpected, "Unexpected handshake message: expected %s",
            msg->flow_expected && *msg->flow_expected ? msg->flow_expected : "something else");
    if (msg->flags & TLSI_MSG_FLOW_UNEXPECTED)
        tlsi_compat_expert(ht, pinfo, TLSI_CEI_UNEXPECTED_MESSAGE, tvb, 0, 1);
    proto_tree_add_item(ht, hf_tlsi_handshake_length, tvb, 1, 3, ENC_BIG_ENDIAN);
    if (msg->start < 0 && msg->first_frame != pinfo->num)
        proto_item_set_generated(
            proto_tree_add_uint(ht, hf_tlsi_handshake_first_fragment_in, tvb, 0, 0, msg->first_frame));
    col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", name ? name : "Unknown Handshake Message");

    draw_body(&b, ht, msg, hs_item, type);
    tlsi_sigverify_tree(tvb, pinfo, ht, conv->engine, msg);
}

/* ---------------------------------------------------------------------- */
/* Registration                                                            */

void tlsi_register_handshake_fields(int proto)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_handshake,
         {"Handshake Protocol", "tlsi.handshake", FT_NONE, BASE_NONE, NULL, 0x0,
          "One handshake message", HFILL}},
        {&hf_tlsi_handshake_type,
         {"Handshake Type", "tlsi.handshake.type", FT_UINT8, BASE_DEC, NULL, 0x0,
          "HandshakeType of the message", HFILL}},
        {&hf_tlsi_handshake_length,
         {"Length", "tlsi.handshake.length", FT_UINT24, BASE_DEC, NULL, 0x0,
          "Length of the handshake message body", HFILL}},
        {&hf_tlsi_handshake_body,
         {"Body", "tlsi.handshake.body", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Handshake message body not dissected further", HFILL}},
        {&hf_tlsi_handshake_first_fragment_in,
         {"First Fragment In", "tlsi.handshake.first_fragment_in", FT_FRAMENUM, BASE_NONE, NULL,
          0x0, "Frame holding the first bytes of a message reassembled across records", HFILL}},
        {&hf_tlsi_handshake_version,
         {"Version", "tlsi.handshake.version", FT_UINT16, BASE_HEX, NULL, 0x0,
          "legacy_version of a hello (the real version is in supported_versions in TLS 1.3)",
          HFILL}},
        {&hf_tlsi_handshake_random,
         {"Random", "tlsi.handshake.random", FT_BYTES, BASE_NONE, NULL, 0x0,
          "The 32-byte hello random", HFILL}},
        {&hf_tlsi_handshake_random_time,
         {"GMT Unix Time", "tlsi.handshake.random_time", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_LOCAL,
          NULL, 0x0, "First 4 bytes of the random (SSL 3.0 - TLS 1.2)", HFILL}},
        {&hf_tlsi_handshake_random_bytes,
         {"Random Bytes", "tlsi.handshake.random_bytes", FT_BYTES, BASE_NONE, NULL, 0x0,
          "The 28 random bytes after gmt_unix_time", HFILL}},
        {&hf_tlsi_handshake_session_id_length,
         {"Session ID Length", "tlsi.handshake.session_id_length", FT_UINT8, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_session_id,
         {"Session ID", "tlsi.handshake.session_id", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_cipher_suites_length,
         {"Cipher Suites Length", "tlsi.handshake.cipher_suites_length", FT_UINT16, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_ciphersuites,
         {"Cipher Suites", "tlsi.handshake.ciphersuites", FT_NONE, BASE_NONE, NULL, 0x0,
          "Cipher suites the client offers, in its order of preference", HFILL}},
        {&hf_tlsi_handshake_ciphersuites_suite,
         {"Cipher Suite", "tlsi.handshake.ciphersuites.suite", FT_UINT16, BASE_HEX, NULL, 0x0,
          "A cipher suite the client offers", HFILL}},
        {&hf_tlsi_handshake_ciphersuites_count,
         {"Number of Cipher Suites", "tlsi.handshake.ciphersuites.count", FT_UINT32, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_ciphersuite_hs_ciphersuite,
         {"Cipher Suite", "tlsi.handshake.ciphersuite", FT_UINT16, BASE_HEX, NULL, 0x0,
          "The cipher suite the server selected", HFILL}},
        {&hf_tlsi_handshake_comp_methods_length,
         {"Compression Methods Length", "tlsi.handshake.comp_methods_length", FT_UINT8, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_comp_methods,
         {"Compression Methods", "tlsi.handshake.comp_methods", FT_NONE, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_comp_method,
         {"Compression Method", "tlsi.handshake.comp_method", FT_UINT8, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_negotiated_version,
         {"Negotiated Version", "tlsi.handshake.negotiated_version", FT_UINT16, BASE_HEX, NULL, 0x0,
          "The version the connection runs: supported_versions if present, else the "
          "ServerHello version (TLS 1.3 drafts shown as TLS 1.3)",
          HFILL}},
        {&hf_tlsi_handshake_hello_retry_request,
         {"Hello Retry Request", "tlsi.handshake.hello_retry_request", FT_BOOLEAN, BASE_NONE, NULL,
          0x0, "This ServerHello is a HelloRetryRequest (RFC 8446 4.1.4)", HFILL}},
        {&hf_tlsi_handshake_resumed,
         {"Session Resumed", "tlsi.handshake.resumed", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
          "The server accepted resumption (session id, ticket or TLS 1.3 PSK)", HFILL}},
        {&hf_tlsi_handshake_resumed_from,
         {"Resumed From", "tlsi.handshake.resumed_from", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
          "ServerHello of the full handshake whose session is resumed", HFILL}},
        {&hf_tlsi_handshake_ja3_full,
         {"JA3 Fullstring", "tlsi.handshake.ja3_full", FT_STRING, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_ja3,
         {"JA3", "tlsi.handshake.ja3", FT_STRING, BASE_NONE, NULL, 0x0, "MD5 of the JA3 string",
          HFILL}},
        {&hf_tlsi_handshake_ja3s_full,
         {"JA3S Fullstring", "tlsi.handshake.ja3s_full", FT_STRING, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_ja3s,
         {"JA3S", "tlsi.handshake.ja3s", FT_STRING, BASE_NONE, NULL, 0x0, "MD5 of the JA3S string",
          HFILL}},
        {&hf_tlsi_handshake_ja4,
         {"JA4", "tlsi.handshake.ja4", FT_STRING, BASE_NONE, NULL, 0x0,
          "JA4 TLS client fingerprint", HFILL}},
        {&hf_tlsi_handshake_ja4_r,
         {"JA4_r", "tlsi.handshake.ja4_r", FT_STRING, BASE_NONE, NULL, 0x0,
          "JA4 before hashing (sorted lists)", HFILL}},
        {&hf_tlsi_handshake_verify_data,
         {"Verify Data", "tlsi.handshake.verify_data", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_finished_verified,
         {"Verify Data Checked", "tlsi.handshake.finished.verified", FT_BOOLEAN, BASE_NONE, NULL,
          0x0, "verify_data matches the value computed from the session's secrets", HFILL}},
        {&hf_tlsi_handshake_session_ticket_lifetime_hint,
         {"Session Ticket Lifetime", "tlsi.handshake.session_ticket_lifetime_hint", FT_UINT32,
          BASE_DEC | BASE_UNIT_STRING, &units_second_seconds, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_session_ticket_age_add,
         {"Session Ticket Age Add", "tlsi.handshake.session_ticket_age_add", FT_UINT32, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_session_ticket_nonce_length,
         {"Session Ticket Nonce Length", "tlsi.handshake.session_ticket_nonce_length", FT_UINT8,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_session_ticket_nonce,
         {"Session Ticket Nonce", "tlsi.handshake.session_ticket_nonce", FT_BYTES, BASE_NONE, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_session_ticket_length,
         {"Session Ticket Length", "tlsi.handshake.session_ticket_length", FT_UINT16, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_session_ticket,
         {"Session Ticket", "tlsi.handshake.session_ticket", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_key_update_request_update,
         {"Key Update Request", "tlsi.handshake.key_update.request_update", FT_UINT8, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_npn_selected_protocol_len,
         {"Selected Protocol Length", "tlsi.handshake.npn_selected_protocol_len", FT_UINT8,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_npn_selected_protocol,
         {"Selected Protocol", "tlsi.handshake.npn_selected_protocol", FT_STRING, BASE_NONE, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_npn_padding_len,
         {"Padding Length", "tlsi.handshake.npn_padding_len", FT_UINT8, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_npn_padding,
         {"Padding", "tlsi.handshake.npn_padding", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_message_hash,
         {"Message Hash", "tlsi.handshake.message_hash", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Hash of the first ClientHello (transcript after a HelloRetryRequest)", HFILL}},
    };
    static gint *ett[] = {&ett_tlsi_handshake, &ett_tlsi_hs_random, &ett_tlsi_hs_suites,
                          &ett_tlsi_hs_comp_methods};
    static ei_register_info ei[] = {
        {&ei_tlsi_hs_unknown_type,
         {"tlsi.handshake.type.unknown", PI_PROTOCOL, PI_WARN, "Unknown handshake message type",
          EXPFILL}},
        {&ei_tlsi_hs_downgrade,
         {"tlsi.handshake.downgrade_sentinel", PI_SECURITY, PI_WARN,
          "Downgrade sentinel although the client offered a higher version", EXPFILL}},
        {&ei_tlsi_hs_downgrade_note,
         {"tlsi.handshake.downgrade_sentinel.expected", PI_SECURITY, PI_NOTE,
          "Downgrade sentinel: the server supports a higher version than the client offered",
          EXPFILL}},
        {&ei_tlsi_hs_finished_length,
         {"tlsi.handshake.finished.length", PI_PROTOCOL, PI_WARN,
          "Finished verify_data has the wrong length", EXPFILL}},
        {&ei_tlsi_hs_finished_mismatch,
         {"tlsi.handshake.finished.mismatch", PI_DECRYPTION, PI_ERROR,
          "Finished verify_data does not match", EXPFILL}},
        {&ei_tlsi_hs_unexpected,
         {"tlsi.handshake.unexpected", PI_SEQUENCE, PI_WARN, "Unexpected handshake message",
          EXPFILL}},
        {&ei_tlsi_hs_no_null_compression,
         {"tlsi.handshake.comp_methods.no_null", PI_PROTOCOL, PI_WARN,
          "Compression methods lack null (RFC 5246 7.4.1.2)", EXPFILL}},
    };
    expert_module_t *expert = expert_register_protocol(proto);
    size_t n = array_length(hf);

    tlsi_tree_common_register(proto);
    suite_vals = tlsi_tree_suite_vals();
    version_vals = tlsi_tree_version_vals();

    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_type, TLSI_VALS(tlsi_hs_type_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_version, version_vals, TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_negotiated_version, version_vals, TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_ciphersuites_suite, suite_vals, TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_ciphersuite_hs_ciphersuite, suite_vals, TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_comp_method, TLSI_VALS(tlsi_compression_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_key_update_request_update, TLSI_VALS(tlsi_key_update_names), FALSE);
    proto_register_field_array(proto, hf, (int)n);
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert, ei, array_length(ei));

    tlsi_register_extension_tree(proto, expert);
    tlsi_register_cert_tree(proto, expert);
    tlsi_register_kex_tree(proto, expert);
}
