/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-sigverify.c - the drawing of the signature checks the connection
 * engine made (src/sigverify.c via src/conn.c, kept per handshake message):
 * the generated items
 * tlsi.handshake.signature.verified (ServerKeyExchange, CertificateVerify)
 * and tlsi.handshake.certificate.chain_verified (each certificate against
 * the next one's key), with expert info when a check fails.
 */
#include "packet-tlsi.h"

#include "handshake.h"
#include "sigverify.h"

static int hf_tlsi_handshake_signature_verified = -1;
static int hf_tlsi_handshake_signature_unchecked = -1;
static int hf_tlsi_handshake_certificate_chain_verified = -1;

static expert_field ei_sig_bad = EI_INIT;
static expert_field ei_sig_unchecked = EI_INIT;
static expert_field ei_chain_bad = EI_INIT;

static void tree_signature(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                           const tlsi_sigv_result *r)
{
    proto_item *ti;

    if (r->sig == TLSI_SIG_UNCHECKED) {
        ti = proto_tree_add_string(tree, hf_tlsi_handshake_signature_unchecked, tvb, 0, 0, r->why);
        proto_item_set_generated(ti);
        expert_add_info_format(pinfo, ti, &ei_sig_unchecked, "Signature not checked: %s", r->why);
        return;
    }
    ti = proto_tree_add_boolean(tree, hf_tlsi_handshake_signature_verified, tvb, 0, 0, r->sig == TLSI_SIG_OK);
    proto_item_set_generated(ti);
    if (r->sig == TLSI_SIG_BAD)
        expert_add_info_format(pinfo, ti, &ei_sig_bad,
                               "Signature does not verify with the certificate's key%s%s",
                               r->why[0] ? ": " : "", r->why);
}

/* One item per certificate, over its bytes: is it signed by the next one? */
static void tree_chain(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                       const tlsi_hs_msg *m, const tlsi_sigv_result *r, guint16 version)
{
    tlsi_hs_ctx ctx = {version, TLSI_KEX_NULL, 0};
    tlsi_certificate c;
    tlsi_cert_iter it;
    tlsi_cert_entry e;
    guint32 i = 0, err_off;
    proto_item *ti;

    if (tlsi_certificate_parse(m->data + 4, m->len - 4, &ctx, &c, &err_off) != TLSI_OK)
        return;
    tlsi_cert_iter_init(&it, m->data + 4, &c);
    for (i = 0; i < r->n_certs && tlsi_cert_next(&it, &e); i++) {
        if (r->chain[i] == TLSI_SIG_UNCHECKED)
            continue;
        ti = proto_tree_add_boolean(tree, hf_tlsi_handshake_certificate_chain_verified, tvb, 4 + e.cert.off, e.cert.len,
                                    r->chain[i] == TLSI_SIG_OK);
        proto_item_set_generated(ti);
        proto_item_append_text(ti, " (certificate %u signed by certificate %u)", i + 1, i + 2);
        if (r->chain[i] == TLSI_SIG_BAD)
            expert_add_info_format(pinfo, ti, &ei_chain_bad,
                                   "Certificate %u is not signed by certificate %u's key", i + 1,
                                   i + 2);
    }
}

void tlsi_sigverify_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, tlsi_conn *c,
                         const tlsi_hs_msg *m)
{
    const tlsi_sigv_result *r;

    /* The checks cost more than the rest of the handshake: made only when
     * their items are shown, filtered on or listened to as expert info. */
    if (!proto_field_is_referenced(tree, hf_tlsi_handshake_signature_verified) &&
        !proto_field_is_referenced(tree, hf_tlsi_handshake_signature_unchecked) &&
        !proto_field_is_referenced(tree, hf_tlsi_handshake_certificate_chain_verified) &&
        !tlsi_expert_tapped())
        return;
    if (m->len < 4 || !(r = tlsi_conn_msg_sig(c, m)))
        return;
    if (r->sig != TLSI_SIG_NONE)
        tree_signature(tvb, pinfo, tree, r);
    if (r->n_certs)
        tree_chain(tvb, pinfo, tree, m, r, m->version);
}

void tlsi_sigverify_register(int proto)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_handshake_signature_verified,
         {"Signature Verified", "tlsi.handshake.signature.verified", FT_BOOLEAN, BASE_NONE, NULL,
          0x0, "The signature verified with the signer's certificate key", HFILL}},
        {&hf_tlsi_handshake_signature_unchecked,
         {"Signature Not Checked", "tlsi.handshake.signature.unchecked", FT_STRING, BASE_NONE,
          NULL, 0x0, "Why the signature could not be checked", HFILL}},
        {&hf_tlsi_handshake_certificate_chain_verified,
         {"Chain Link Verified", "tlsi.handshake.certificate.chain_verified", FT_BOOLEAN,
          BASE_NONE, NULL, 0x0,
          "This certificate is signed by the next certificate's key (says nothing about trust)",
          HFILL}},
    };
    static ei_register_info ei[] = {
        {&ei_sig_bad,
         {"tlsi.handshake.signature.bad", PI_SECURITY, PI_ERROR,
          "Handshake signature does not verify (tampering or a broken middlebox?)", EXPFILL}},
        {&ei_sig_unchecked,
         {"tlsi.handshake.signature.not_checked", PI_SECURITY, PI_NOTE,
          "Handshake signature could not be checked", EXPFILL}},
        {&ei_chain_bad,
         {"tlsi.handshake.certificate.chain_bad", PI_SECURITY, PI_WARN,
          "Certificate not signed by the next certificate in the chain", EXPFILL}},
    };
    expert_module_t *expert = expert_register_protocol(proto);

    proto_register_field_array(proto, hf, array_length(hf));
    expert_register_field_array(expert, ei, array_length(ei));
}
