/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-tree-kex.c - trees of the key exchange messages: ServerKeyExchange
 * and ClientKeyExchange, whose layout depends on the key exchange of the
 * negotiated cipher suite, and CertificateVerify, plus the signature
 * algorithm lists shared with extensions and CertificateRequest.
 */
#include "tlsi-tree.h"
#include "tlsi-compat-fields.h"

#include "algorithms.h"
#include "names.h"

static int hf_tlsi_handshake_sig_hash_alg_len = -1;
static int hf_tlsi_handshake_sig_hash_algs = -1;
static int hf_tlsi_handshake_sig_hash_alg_sig_alg = -1;
static int hf_tlsi_handshake_signature_algorithm = -1;
static int hf_tlsi_handshake_signature_length = -1;
static int hf_tlsi_handshake_signature = -1;
static int hf_tlsi_handshake_psk_identity_hint_len = -1;
static int hf_tlsi_handshake_psk_identity_hint = -1;
static int hf_tlsi_handshake_modulus_len = -1;
static int hf_tlsi_handshake_modulus = -1;
static int hf_tlsi_handshake_exponent_len = -1;
static int hf_tlsi_handshake_exponent = -1;
static int hf_tlsi_handshake_p_len = -1;
static int hf_tlsi_handshake_p = -1;
static int hf_tlsi_handshake_g_len = -1;
static int hf_tlsi_handshake_g = -1;
static int hf_tlsi_handshake_ys_len = -1;
static int hf_tlsi_handshake_ys = -1;
static int hf_tlsi_handshake_server_curve_type = -1;
static int hf_tlsi_handshake_server_named_curve = -1;
static int hf_tlsi_handshake_server_point_len = -1;
static int hf_tlsi_handshake_server_point = -1;
static int hf_tlsi_handshake_srp_n_len = -1;
static int hf_tlsi_handshake_srp_n = -1;
static int hf_tlsi_handshake_srp_g_len = -1;
static int hf_tlsi_handshake_srp_g = -1;
static int hf_tlsi_handshake_srp_s_len = -1;
static int hf_tlsi_handshake_srp_s = -1;
static int hf_tlsi_handshake_srp_b_len = -1;
static int hf_tlsi_handshake_srp_b = -1;
static int hf_tlsi_handshake_psk_identity_len = -1;
static int hf_tlsi_handshake_psk_identity = -1;
static int hf_tlsi_handshake_epms_len = -1;
static int hf_tlsi_handshake_epms = -1;
static int hf_tlsi_handshake_yc_len = -1;
static int hf_tlsi_handshake_yc = -1;
static int hf_tlsi_handshake_client_point_len = -1;
static int hf_tlsi_handshake_client_point = -1;
static int hf_tlsi_handshake_srp_a_len = -1;
static int hf_tlsi_handshake_srp_a = -1;
static int hf_tlsi_handshake_key_exchange_data = -1;
/* EC J-PAKE key and proof, with the built-in's names: x/v/r, then c (client) or
 * s (server), in wire order: len, value for X, V, r. */
static int hf_tlsi_ecjpake_client[6] = {-1, -1, -1, -1, -1, -1};
static int hf_tlsi_ecjpake_server[6] = {-1, -1, -1, -1, -1, -1};

static gint ett_sig_algs = -1;
static gint ett_params = -1;

static expert_field ei_kex_unknown = EI_INIT;

void tlsi_tree_sig_alg_list(const tlsi_tb *b, proto_tree *tree, const tlsi_list *l, int lb)
{
    proto_item *ti;
    proto_tree *lt;
    tlsi_list_iter it;
    uint16_t v;
    guint32 off = l->items.off;

    tlsi_span len = tlsi_span_prefix(l->items, (uint32_t)lb);

    proto_tree_add_item(tree, hf_tlsi_handshake_sig_hash_alg_len, b->tvb, tlsi_tb_off(b, len.off),
                        (gint)len.len, ENC_BIG_ENDIAN);
    lt = tlsi_tree_vec_subtree(b, tree, hf_tlsi_handshake_sig_hash_algs, ett_sig_algs, l->items, 0, &ti);
    proto_item_append_text(ti, " (%u algorithm%s)", l->count, plurality(l->count, "", "s"));
    tlsi_list_iter_init(&it, b->body, l);
    for (; tlsi_list_u16_next(&it, &v); off += 2)
        tlsi_compat_sig_hash_split(
            proto_tree_add_item(lt, hf_tlsi_handshake_sig_hash_alg_sig_alg, b->tvb, tlsi_tb_off(b, off), 2, ENC_BIG_ENDIAN),
            b->tvb, tlsi_tb_off(b, off));
}

/* A digitally-signed element: the scheme (TLS 1.2 and 1.3) and the signature. */
static void tree_signature(const tlsi_tb *b, proto_tree *tree, const tlsi_signature *sig)
{
    if (!sig->present || !tlsi_tb_has(b, sig->signature))
        return;
    if (sig->has_scheme) {
        int off = tlsi_tb_off(b, sig->scheme_span.off);
        tlsi_compat_sig_hash_split(
            proto_tree_add_item(tree, hf_tlsi_handshake_signature_algorithm, b->tvb, off, 2, ENC_BIG_ENDIAN), b->tvb, off);
        tlsi_compat_signature_scheme(tree, b->tvb, off);
    }
    tlsi_tree_vec(b, tree, hf_tlsi_handshake_signature_length, hf_tlsi_handshake_signature, sig->signature, 2, ENC_NA);
}

/* The body of a key exchange message whose suite is not known. */
static void undecoded(const tlsi_tb *b, proto_tree *tree, const char *what)
{
    proto_item *ti;

    if (!b->len)
        return;
    ti = proto_tree_add_item(tree, hf_tlsi_handshake_key_exchange_data, b->tvb, b->base, (gint)b->len, ENC_NA);
    expert_add_info_format(b->pinfo, ti, &ei_kex_unknown,
                           "%s not dissected: its layout depends on the key exchange of a cipher "
                           "suite that is not known here",
                           what);
}

/* ECJPAKEKeyKP: X, V and r, each behind a one-byte length. */
static void tree_ecjpake(const tlsi_tb *b, proto_tree *tree, const tlsi_ecjpake_kp *kp,
                         const int hf[6])
{
    const tlsi_span *parts[3] = {&kp->x, &kp->v, &kp->r};
    size_t i;

    for (i = 0; i < 3; i++)
        if (tlsi_tb_has(b, *parts[i]))
            tlsi_tree_vec(b, tree, hf[2 * i], hf[2 * i + 1], *parts[i], 1, ENC_NA);
}

static gboolean hard(tlsi_err e)
{
    return e != TLSI_OK && e != TLSI_ERR_DUPLICATE;
}

void tlsi_tree_server_key_exchange(const tlsi_tb *b0, proto_tree *tree, tlsi_kex kex)
{
    tlsi_tb b = *b0;
    tlsi_hs_ctx ctx = {b.version, kex, 1};
    tlsi_server_key_exchange ske;
    uint32_t err_off = 0;
    tlsi_err e;
    proto_tree *pt;
    proto_item *pi;

    if (kex == TLSI_KEX_NULL || kex == TLSI_KEX_RSA || kex == TLSI_KEX_TLS13) {
        undecoded(&b, tree, "Server Key Exchange");
        return;
    }
    e = tlsi_server_key_exchange_parse(b.body, b.len, &ctx, &ske, &err_off);
    b.lim = hard(e) ? MIN(err_off, b.len) : b.len;
    if (e == TLSI_ERR_UNSUPPORTED && err_off == 0) {
        undecoded(&b, tree, "Server Key Exchange");
        return;
    }
    pt = proto_tree_add_subtree_format(tree, b.tvb, b.base, (gint)MAX(ske.params.len, 1),
                                       ett_params, &pi, "%s Server Params", tlsi_kex_name(kex));
    switch (kex) {
    case TLSI_KEX_PSK:
    case TLSI_KEX_RSA_PSK:
    case TLSI_KEX_DHE_PSK:
    case TLSI_KEX_ECDHE_PSK:
        if (tlsi_tb_has(&b, ske.psk_identity_hint)) {
            tlsi_tree_vec(&b, pt, hf_tlsi_handshake_psk_identity_hint_len, hf_tlsi_handshake_psk_identity_hint, ske.psk_identity_hint, 2, ENC_NA);
        }
        break;
    default:
        break;
    }
    if (tlsi_tb_has(&b, ske.rsa_modulus))
        tlsi_tree_vec(&b, pt, hf_tlsi_handshake_modulus_len, hf_tlsi_handshake_modulus, ske.rsa_modulus, 2, ENC_NA);
    if (tlsi_tb_has(&b, ske.rsa_exponent))
        tlsi_tree_vec(&b, pt, hf_tlsi_handshake_exponent_len, hf_tlsi_handshake_exponent, ske.rsa_exponent, 2, ENC_NA);
    if (tlsi_tb_has(&b, ske.dh_p))
        tlsi_tree_vec(&b, pt, hf_tlsi_handshake_p_len, hf_tlsi_handshake_p, ske.dh_p, 2, ENC_NA);
    if (tlsi_tb_has(&b, ske.dh_g))
        tlsi_tree_vec(&b, pt, hf_tlsi_handshake_g_len, hf_tlsi_handshake_g, ske.dh_g, 2, ENC_NA);
    if (tlsi_tb_has(&b, ske.dh_ys))
        tlsi_tree_vec(&b, pt, hf_tlsi_handshake_ys_len, hf_tlsi_handshake_ys, ske.dh_ys, 2, ENC_NA);
    if (kex == TLSI_KEX_ECDH || kex == TLSI_KEX_ECDHE || kex == TLSI_KEX_ECDHE_PSK ||
        kex == TLSI_KEX_ECJPAKE) {
        /* ServerECDHParams (RFC 8422 5.4): curve_type, named_curve, point; EC J-PAKE
         * has the same ECParameters, then its key and proof. */
        if (ske.curve_type_span.len &&
            tlsi_tb_fits(&b, ske.curve_type_span.off, ske.curve_type_span.len))
            proto_tree_add_item(pt, hf_tlsi_handshake_server_curve_type, b.tvb,
                                tlsi_tb_off(&b, ske.curve_type_span.off), 1, ENC_BIG_ENDIAN);
        if (ske.named_curve_span.len &&
            tlsi_tb_fits(&b, ske.named_curve_span.off, ske.named_curve_span.len))
            proto_tree_add_item(pt, hf_tlsi_handshake_server_named_curve, b.tvb,
                                tlsi_tb_off(&b, ske.named_curve_span.off), 2, ENC_BIG_ENDIAN);
        if (tlsi_tb_has(&b, ske.ec_point))
            tlsi_tree_vec(&b, pt, hf_tlsi_handshake_server_point_len, hf_tlsi_handshake_server_point, ske.ec_point, 1, ENC_NA);
        tree_ecjpake(&b, pt, &ske.ecjpake, hf_tlsi_ecjpake_server);
    }
    if (tlsi_tb_has(&b, ske.srp_n))
        tlsi_tree_vec(&b, pt, hf_tlsi_handshake_srp_n_len, hf_tlsi_handshake_srp_n, ske.srp_n, 2, ENC_NA);
    if (tlsi_tb_has(&b, ske.srp_g))
        tlsi_tree_vec(&b, pt, hf_tlsi_handshake_srp_g_len, hf_tlsi_handshake_srp_g, ske.srp_g, 2, ENC_NA);
    if (tlsi_tb_has(&b, ske.srp_s))
        tlsi_tree_vec(&b, pt, hf_tlsi_handshake_srp_s_len, hf_tlsi_handshake_srp_s, ske.srp_s, 1, ENC_NA);
    if (tlsi_tb_has(&b, ske.srp_b))
        tlsi_tree_vec(&b, pt, hf_tlsi_handshake_srp_b_len, hf_tlsi_handshake_srp_b, ske.srp_b, 2, ENC_NA);
    tree_signature(&b, tree, &ske.sig);
    if (hard(e))
        tlsi_tree_malformed(&b, tree, "Server Key Exchange", e, err_off);
}

void tlsi_tree_client_key_exchange(const tlsi_tb *b0, proto_tree *tree, tlsi_kex kex)
{
    tlsi_tb b = *b0;
    tlsi_hs_ctx ctx = {b.version, kex, 0};
    tlsi_client_key_exchange cke;
    uint32_t err_off = 0;
    tlsi_err e;
    int hf_len = hf_tlsi_handshake_epms_len, hf_data = hf_tlsi_handshake_epms, lb = 2;

    if (kex == TLSI_KEX_NULL || kex == TLSI_KEX_TLS13) {
        undecoded(&b, tree, "Client Key Exchange");
        return;
    }
    e = tlsi_client_key_exchange_parse(b.body, b.len, &ctx, &cke, &err_off);
    b.lim = hard(e) ? MIN(err_off, b.len) : b.len;
    if (e == TLSI_ERR_UNSUPPORTED && err_off == 0) {
        undecoded(&b, tree, "Client Key Exchange");
        return;
    }
    if (tlsi_tb_has(&b, cke.psk_identity))
        tlsi_tree_vec(&b, tree, hf_tlsi_handshake_psk_identity_len, hf_tlsi_handshake_psk_identity, cke.psk_identity, 2, ENC_NA);
    switch (kex) {
    case TLSI_KEX_DH:
    case TLSI_KEX_DHE:
    case TLSI_KEX_DHE_PSK:
        hf_len = hf_tlsi_handshake_yc_len;
        hf_data = hf_tlsi_handshake_yc;
        break;
    case TLSI_KEX_ECDH:
    case TLSI_KEX_ECDHE:
    case TLSI_KEX_ECDHE_PSK:
        hf_len = hf_tlsi_handshake_client_point_len;
        hf_data = hf_tlsi_handshake_client_point;
        lb = 1;
        break;
    case TLSI_KEX_SRP:
        hf_len = hf_tlsi_handshake_srp_a_len;
        hf_data = hf_tlsi_handshake_srp_a;
        break;
    default: /* RSA, RSA_EXPORT, RSA_PSK: the encrypted premaster */
        break;
    }
    if (kex == TLSI_KEX_ECJPAKE) {
        tree_ecjpake(&b, tree, &cke.ecjpake, hf_tlsi_ecjpake_client);
    } else if (cke.ssl3_rsa) {
        /* SSL 3.0 (RFC 6101 5.6.7.1): no length prefix before the ciphertext. */
        if (cke.exchange.len)
            proto_tree_add_item(tree, hf_tlsi_handshake_epms, b.tvb, b.base, (gint)cke.exchange.len, ENC_NA);
    } else if (tlsi_tb_has(&b, cke.exchange)) {
        tlsi_tree_vec(&b, tree, hf_len, hf_data, cke.exchange, lb, ENC_NA);
    }
    if (hard(e))
        tlsi_tree_malformed(&b, tree, "Client Key Exchange", e, err_off);
}

void tlsi_tree_certificate_verify(const tlsi_tb *b0, proto_tree *tree)
{
    tlsi_tb b = *b0;
    tlsi_hs_ctx ctx = {b.version, TLSI_KEX_NULL, b.from_server};
    tlsi_signature sig;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_certificate_verify_parse(b.body, b.len, &ctx, &sig, &err_off);

    b.lim = hard(e) ? MIN(err_off, b.len) : b.len;
    tree_signature(&b, tree, &sig);
    if (hard(e))
        tlsi_tree_malformed(&b, tree, "Certificate Verify", e, err_off);
}

void tlsi_register_kex_tree(int proto, expert_module_t *expert)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_handshake_sig_hash_alg_len,
         {"Signature Hash Algorithms Length", "tlsi.handshake.sig_hash_alg_len", FT_UINT16,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_sig_hash_algs,
         {"Signature Hash Algorithms", "tlsi.handshake.sig_hash_algs", FT_NONE, BASE_NONE, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_sig_hash_alg_sig_alg,
         {"Signature Algorithm", "tlsi.handshake.sig_hash_alg", FT_UINT16, BASE_HEX, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_signature_algorithm,
         {"Signature Algorithm", "tlsi.handshake.signature_algorithm", FT_UINT16, BASE_HEX, NULL,
          0x0, "SignatureScheme of a signature", HFILL}},
        {&hf_tlsi_handshake_signature_length,
         {"Signature Length", "tlsi.handshake.signature_length", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_signature,
         {"Signature", "tlsi.handshake.signature", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_psk_identity_hint_len,
         {"PSK Identity Hint Length", "tlsi.handshake.psk_identity_hint_len", FT_UINT16, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_psk_identity_hint,
         {"PSK Identity Hint", "tlsi.handshake.psk_identity_hint", FT_BYTES, BASE_NONE, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_modulus_len,
         {"Modulus Length", "tlsi.handshake.modulus_len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_modulus,
         {"Modulus", "tlsi.handshake.modulus", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_exponent_len,
         {"Exponent Length", "tlsi.handshake.exponent_len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_exponent,
         {"Exponent", "tlsi.handshake.exponent", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_p_len,
         {"p Length", "tlsi.handshake.p_len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_p, {"p", "tlsi.handshake.p", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_g_len,
         {"g Length", "tlsi.handshake.g_len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_g, {"g", "tlsi.handshake.g", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_ys_len,
         {"Pubkey Length", "tlsi.handshake.ys_len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_ys, {"Pubkey", "tlsi.handshake.ys", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_server_curve_type,
         {"Curve Type", "tlsi.handshake.server_curve_type", FT_UINT8, BASE_HEX, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_server_named_curve,
         {"Named Curve", "tlsi.handshake.server_named_curve", FT_UINT16, BASE_HEX, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_server_point_len,
         {"Pubkey Length", "tlsi.handshake.server_point_len", FT_UINT8, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_server_point,
         {"Pubkey", "tlsi.handshake.server_point", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_srp_n_len,
         {"SRP N Length", "tlsi.handshake.srp_n_len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_srp_n, {"SRP N", "tlsi.handshake.srp_n", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_srp_g_len,
         {"SRP g Length", "tlsi.handshake.srp_g_len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_srp_g, {"SRP g", "tlsi.handshake.srp_g", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_srp_s_len,
         {"SRP s Length", "tlsi.handshake.srp_s_len", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_srp_s, {"SRP s", "tlsi.handshake.srp_s", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_srp_b_len,
         {"SRP B Length", "tlsi.handshake.srp_b_len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_srp_b, {"SRP B", "tlsi.handshake.srp_b", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_psk_identity_len,
         {"PSK Identity Length", "tlsi.handshake.psk_identity_len", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_psk_identity,
         {"PSK Identity", "tlsi.handshake.psk_identity", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_epms_len,
         {"Encrypted PreMaster Length", "tlsi.handshake.epms_len", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_epms,
         {"Encrypted PreMaster", "tlsi.handshake.epms", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_yc_len,
         {"Pubkey Length", "tlsi.handshake.yc_len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_yc, {"Pubkey", "tlsi.handshake.yc", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_client_point_len,
         {"Pubkey Length", "tlsi.handshake.client_point_len", FT_UINT8, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_client_point,
         {"Pubkey", "tlsi.handshake.client_point", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_srp_a_len,
         {"SRP A Length", "tlsi.handshake.srp_a_len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_srp_a, {"SRP A", "tlsi.handshake.srp_a", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_key_exchange_data,
         {"Key Exchange Data", "tlsi.handshake.key_exchange_data", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Key exchange message of an unknown key exchange", HFILL}},
        /* EC J-PAKE (draft-cragie-tls-ecjpake-01). */
        {&hf_tlsi_ecjpake_client[0],
         {"Pubkey Length", "tlsi.handshake.xc_len", FT_UINT8, BASE_DEC, NULL, 0x0,
          "Length of the EC J-PAKE client public key X", HFILL}},
        {&hf_tlsi_ecjpake_client[1],
         {"Pubkey", "tlsi.handshake.xc", FT_BYTES, BASE_NONE, NULL, 0x0,
          "EC J-PAKE client public key X", HFILL}},
        {&hf_tlsi_ecjpake_client[2],
         {"Ephemeral Pubkey Length", "tlsi.handshake.vc_len", FT_UINT8, BASE_DEC, NULL, 0x0,
          "Length of the client's Schnorr proof public key V", HFILL}},
        {&hf_tlsi_ecjpake_client[3],
         {"Ephemeral Pubkey", "tlsi.handshake.vc", FT_BYTES, BASE_NONE, NULL, 0x0,
          "EC J-PAKE client Schnorr proof public key V", HFILL}},
        {&hf_tlsi_ecjpake_client[4],
         {"Schnorr signature Length", "tlsi.handshake.rc_len", FT_UINT8, BASE_DEC, NULL, 0x0,
          "Length of the client's Schnorr proof response r", HFILL}},
        {&hf_tlsi_ecjpake_client[5],
         {"Schnorr signature", "tlsi.handshake.rc", FT_BYTES, BASE_NONE, NULL, 0x0,
          "EC J-PAKE client Schnorr proof response r", HFILL}},
        {&hf_tlsi_ecjpake_server[0],
         {"Pubkey Length", "tlsi.handshake.xs_len", FT_UINT8, BASE_DEC, NULL, 0x0,
          "Length of the EC J-PAKE server public key X", HFILL}},
        {&hf_tlsi_ecjpake_server[1],
         {"Pubkey", "tlsi.handshake.xs", FT_BYTES, BASE_NONE, NULL, 0x0,
          "EC J-PAKE server public key X", HFILL}},
        {&hf_tlsi_ecjpake_server[2],
         {"Ephemeral Pubkey Length", "tlsi.handshake.vs_len", FT_UINT8, BASE_DEC, NULL, 0x0,
          "Length of the server's Schnorr proof public key V", HFILL}},
        {&hf_tlsi_ecjpake_server[3],
         {"Ephemeral Pubkey", "tlsi.handshake.vs", FT_BYTES, BASE_NONE, NULL, 0x0,
          "EC J-PAKE server Schnorr proof public key V", HFILL}},
        {&hf_tlsi_ecjpake_server[4],
         {"Schnorr signature Length", "tlsi.handshake.rs_len", FT_UINT8, BASE_DEC, NULL, 0x0,
          "Length of the server's Schnorr proof response r", HFILL}},
        {&hf_tlsi_ecjpake_server[5],
         {"Schnorr signature", "tlsi.handshake.rs", FT_BYTES, BASE_NONE, NULL, 0x0,
          "EC J-PAKE server Schnorr proof response r", HFILL}},
    };
    static gint *ett[] = {&ett_sig_algs, &ett_params};
    static ei_register_info ei[] = {
        {&ei_kex_unknown,
         {"tlsi.handshake.key_exchange.unknown", PI_UNDECODED, PI_NOTE,
          "Key exchange message not dissected: cipher suite unknown", EXPFILL}},
    };
    size_t n = array_length(hf);

    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_sig_hash_alg_sig_alg, tlsi_tree_sig_scheme_vals(), TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_signature_algorithm, tlsi_tree_sig_scheme_vals(), TRUE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_server_curve_type, TLSI_VALS(tlsi_ec_curve_type_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_server_named_curve, tlsi_tree_group_vals(), TRUE);
    proto_register_field_array(proto, hf, (int)n);
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert, ei, array_length(ei));
}
