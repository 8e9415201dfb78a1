/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-tree-certs.c - trees of the certificate messages: Certificate (both
 * forms), CertificateStatus, CertificateRequest (both forms), CertificateURL
 * and CompressedCertificate. DER structures go to Wireshark's own ASN.1
 * dissectors through the "ber.syntax" table, so certificates, OCSP responses
 * get X.509's full tree and fields (and OCSP responses OCSP's, through the
 * media type table: Wireshark registers no BER syntax for them).
 */
#include "tlsi-tree.h"

#include <epan/exceptions.h>
#include <epan/show_exception.h>

#include "names.h"

static int hf_tlsi_handshake_certificate_request_context_length = -1;
static int hf_tlsi_handshake_certificate_request_context = -1;
static int hf_tlsi_handshake_certificates_length = -1;
static int hf_tlsi_handshake_certificates = -1;
static int hf_tlsi_handshake_certificates_count = -1;
static int hf_tlsi_handshake_certificate_length = -1;
static int hf_tlsi_handshake_certificate = -1;
static int hf_tlsi_handshake_certificate_entry = -1;
static int hf_tlsi_handshake_cert_status_type = -1;
static int hf_tlsi_handshake_ocsp_response_len = -1;
static int hf_tlsi_handshake_ocsp_response = -1;
static int hf_tlsi_handshake_ocsp_response_list_len = -1;
static int hf_tlsi_handshake_cert_types_count = -1;
static int hf_tlsi_handshake_cert_types = -1;
static int hf_tlsi_handshake_cert_type = -1;
static int hf_tlsi_handshake_dnames_len = -1;
static int hf_tlsi_handshake_dnames = -1;
static int hf_tlsi_handshake_dname_len = -1;
static int hf_tlsi_handshake_dname = -1;
static int hf_tlsi_handshake_cert_url_type = -1;
static int hf_tlsi_handshake_cert_url_url_hash_len = -1;
static int hf_tlsi_handshake_cert_url_url_hash = -1;
static int hf_tlsi_handshake_cert_url_url_len = -1;
static int hf_tlsi_handshake_cert_url_url = -1;
static int hf_tlsi_handshake_cert_url_padding = -1;
static int hf_tlsi_handshake_cert_url_sha1 = -1;
static int hf_tlsi_handshake_compressed_certificate_algorithm = -1;
static int hf_tlsi_handshake_compressed_certificate_uncompressed_length = -1;
static int hf_tlsi_handshake_compressed_certificate_compressed_length = -1;
static int hf_tlsi_handshake_compressed_certificate_data = -1;

static gint ett_certs = -1;
static gint ett_cert = -1;
static gint ett_cert_entry = -1;
static gint ett_cert_types = -1;
static gint ett_dnames = -1;
static gint ett_url = -1;

/* ---------------------------------------------------------------------- */
/* DER through Wireshark's ASN.1 dissectors                                */

void tlsi_tree_handoff(const tlsi_tb *b, proto_tree *tree, const char *table, const char *key,
                       tlsi_span s, int hf)
{
    dissector_table_t t;
    proto_item *ti;
    proto_tree *sub;
    tvbuff_t *der;
    gboolean writable;

    if (!s.len)
        return;
    ti = proto_tree_add_item(tree, hf, b->tvb, tlsi_tb_off(b, s.off), (gint)s.len, ENC_NA);
    t = find_dissector_table(table);
    if (!t || !dissector_get_string_handle(t, key))
        return;
    sub = proto_item_add_subtree(ti, ett_cert);
    der = tvb_new_subset_length(b->tvb, tlsi_tb_off(b, s.off), (gint)s.len);
    /* The columns describe the TLS record, not the structure inside it. */
    writable = col_get_writable(b->pinfo->cinfo, -1);
    col_set_writable(b->pinfo->cinfo, -1, FALSE);
    /* Broken DER must not cut the rest of the handshake tree short. */
    TRY
    {
        tlsi_dissector_try_string(t, key, der, b->pinfo, sub, NULL);
    }
    CATCH_NONFATAL_ERRORS
    {
        show_exception(der, b->pinfo, sub, EXCEPT_CODE, GET_MESSAGE);
    }
    ENDTRY;
    col_set_writable(b->pinfo->cinfo, -1, writable);
}

void tlsi_tree_dn_list(const tlsi_tb *b, proto_tree *tree, const tlsi_list *cas)
{
    proto_item *ti;
    proto_tree *lt;
    tlsi_list_iter it;
    tlsi_span dn;

    tlsi_tree_vec(b, tree, hf_tlsi_handshake_dnames_len, -1, cas->items, 2, 0);
    if (!cas->count)
        return;
    lt = tlsi_tree_vec_subtree(b, tree, hf_tlsi_handshake_dnames, ett_dnames, cas->items, 0, &ti);
    proto_item_append_text(ti, " (%u distinguished name%s)", cas->count,
                           plurality(cas->count, "", "s"));
    tlsi_list_iter_init(&it, b->body, cas);
    while (tlsi_list_opaque16_next(&it, &dn)) {
        tlsi_tree_vec(b, lt, hf_tlsi_handshake_dname_len, -1, dn, 2, 0);
        /* A DER X.501 Name (RFC 5246 7.4.4); Wireshark 4.0 registers no
         * dissector for a bare Name that a plugin could call, so it stays bytes. */
        proto_tree_add_item(lt, hf_tlsi_handshake_dname, b->tvb, tlsi_tb_off(b, dn.off), (gint)dn.len, ENC_NA);
    }
}

/* ---------------------------------------------------------------------- */
/* Messages                                                                */

static gboolean hard(tlsi_err e)
{
    return e != TLSI_OK && e != TLSI_ERR_DUPLICATE;
}

void tlsi_tree_certificate(const tlsi_tb *b0, proto_tree *tree)
{
    tlsi_tb b = *b0;
    tlsi_hs_ctx ctx = {b.version, TLSI_KEX_NULL, b.from_server};
    tlsi_certificate c;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_certificate_parse(b.body, b.len, &ctx, &c, &err_off);
    tlsi_cert_iter it;
    tlsi_cert_entry ce;
    proto_item *ti;
    proto_tree *lt;

    b.lim = hard(e) ? MIN(err_off, b.len) : b.len;
    if (c.tls13 && tlsi_tb_has(&b, c.request_context))
        tlsi_tree_vec(&b, tree, hf_tlsi_handshake_certificate_request_context_length, hf_tlsi_handshake_certificate_request_context, c.request_context, 1, ENC_NA);
    if (c.list.off && c.list.off + c.list.len <= b.len) {
        tlsi_tree_vec(&b, tree, hf_tlsi_handshake_certificates_length, -1, c.list, 3, 0);
        lt = tlsi_tree_vec_subtree(&b, tree, hf_tlsi_handshake_certificates, ett_certs, c.list, 0, &ti);
        /* The iterator stops at the first entry whose framing is broken. */
        tlsi_cert_iter_init(&it, b.body, &c);
        guint32 n = 0;
        while (tlsi_cert_next(&it, &ce)) {
            n++;
            if (!c.tls13) {
                proto_tree_add_item(lt, hf_tlsi_handshake_certificate_length, b.tvb,
                                    tlsi_tb_off(&b, ce.entry.off), 3, ENC_BIG_ENDIAN);
                tlsi_tree_handoff(&b, lt, "ber.syntax", "Certificate", ce.cert, hf_tlsi_handshake_certificate);
                continue;
            }
            {
                /* RFC 8446 4.4.2: CertificateEntry { cert_data; extensions; }. */
                proto_tree *et;
                proto_item *ei = proto_tree_add_item(lt, hf_tlsi_handshake_certificate_entry, b.tvb,
                                                     tlsi_tb_off(&b, ce.entry.off),
                                                     (gint)ce.entry.len, ENC_NA);
                et = proto_item_add_subtree(ei, ett_cert_entry);
                proto_tree_add_item(et, hf_tlsi_handshake_certificate_length, b.tvb,
                                    tlsi_tb_off(&b, ce.entry.off), 3, ENC_BIG_ENDIAN);
                tlsi_tree_handoff(&b, et, "ber.syntax", "Certificate", ce.cert, hf_tlsi_handshake_certificate);
                tlsi_tree_extensions(&b, et, ce.extensions, TLSI_EXT_CTX_CERTIFICATE, NULL);
            }
        }
        proto_item_append_text(ti, " (%u certificate%s)", n, plurality(n, "", "s"));
        proto_item_set_generated(
            proto_tree_add_uint(lt, hf_tlsi_handshake_certificates_count, b.tvb, tlsi_tb_off(&b, c.list.off), 0, n));
    }
    if (hard(e))
        tlsi_tree_malformed(&b, tree, "Certificate", e, err_off);
}

void tlsi_tree_certificate_status(const tlsi_tb *b0, proto_tree *tree)
{
    tlsi_tb b = *b0;
    tlsi_certificate_status cs;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_certificate_status_parse(b.body, b.len, &cs, &err_off);

    b.lim = hard(e) ? MIN(err_off, b.len) : b.len;
    if (tlsi_tb_fits(&b, 0, 1))
        proto_tree_add_item(tree, hf_tlsi_handshake_cert_status_type, b.tvb, b.base, 1, ENC_BIG_ENDIAN);
    if (tlsi_tb_has(&b, cs.response)) {
        tlsi_tree_vec(&b, tree, hf_tlsi_handshake_ocsp_response_len, -1, cs.response, 3, 0);
        tlsi_tree_handoff(&b, tree, TLSI_OCSP_TABLE, TLSI_OCSP_KEY, cs.response, hf_tlsi_handshake_ocsp_response);
    }
    if (tlsi_tb_has(&b, cs.responses.items)) {
        tlsi_list_iter it;
        tlsi_span r;
        tlsi_tree_vec(&b, tree, hf_tlsi_handshake_ocsp_response_list_len, -1, cs.responses.items,
                      3, 0);
        tlsi_list_iter_init(&it, b.body, &cs.responses);
        while (tlsi_list_opaque24_next(&it, &r)) {
            tlsi_tree_vec(&b, tree, hf_tlsi_handshake_ocsp_response_len, -1, r, 3, 0);
            tlsi_tree_handoff(&b, tree, TLSI_OCSP_TABLE, TLSI_OCSP_KEY, r, hf_tlsi_handshake_ocsp_response);
        }
    }
    if (e != TLSI_OK)
        tlsi_tree_malformed(&b, tree, "Certificate Status", e, err_off);
}

void tlsi_tree_certificate_request(const tlsi_tb *b0, proto_tree *tree)
{
    tlsi_tb b = *b0;
    tlsi_hs_ctx ctx = {b.version, TLSI_KEX_NULL, 1};
    tlsi_certificate_request cr;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_certificate_request_parse(b.body, b.len, &ctx, &cr, &err_off);

    b.lim = hard(e) ? MIN(err_off, b.len) : b.len;
    if (cr.tls13) {
        if (tlsi_tb_has(&b, cr.context))
            tlsi_tree_vec(&b, tree, hf_tlsi_handshake_certificate_request_context_length, hf_tlsi_handshake_certificate_request_context, cr.context, 1, ENC_NA);
        if (cr.extensions.off >= 2 && cr.extensions.off + cr.extensions.len <= b.len)
            tlsi_tree_extensions(&b, tree, cr.extensions, TLSI_EXT_CTX_CERTIFICATE_REQUEST, NULL);
    } else {
        if (tlsi_tb_has(&b, cr.cert_types.items)) {
            proto_item *ti;
            proto_tree *lt;
            tlsi_list_iter it;
            uint8_t t;
            guint32 off = cr.cert_types.items.off;
            tlsi_tree_vec(&b, tree, hf_tlsi_handshake_cert_types_count, -1, cr.cert_types.items, 1, 0);
            lt = tlsi_tree_vec_subtree(&b, tree, hf_tlsi_handshake_cert_types, ett_cert_types, cr.cert_types.items,
                                       0, &ti);
            tlsi_list_iter_init(&it, b.body, &cr.cert_types);
            for (; tlsi_list_u8_next(&it, &t); off++)
                proto_tree_add_item(lt, hf_tlsi_handshake_cert_type, b.tvb, tlsi_tb_off(&b, off), 1,
                                    ENC_BIG_ENDIAN);
        }
        if (cr.has_sig_algs && tlsi_tb_has(&b, cr.sig_algs.items))
            tlsi_tree_sig_alg_list(&b, tree, &cr.sig_algs, 2);
        if (tlsi_tb_has(&b, cr.cas.items))
            tlsi_tree_dn_list(&b, tree, &cr.cas);
    }
    if (hard(e))
        tlsi_tree_malformed(&b, tree, "Certificate Request", e, err_off);
}

void tlsi_tree_certificate_url(const tlsi_tb *b0, proto_tree *tree)
{
    tlsi_tb b = *b0;
    tlsi_certificate_url cu;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_certificate_url_parse(b.body, b.len, &cu, &err_off);

    b.lim = hard(e) ? MIN(err_off, b.len) : b.len;
    if (tlsi_tb_fits(&b, 0, 1))
        proto_tree_add_item(tree, hf_tlsi_handshake_cert_url_type, b.tvb, b.base, 1, ENC_BIG_ENDIAN);
    if (tlsi_tb_has(&b, cu.urls.items)) {
        tlsi_list_iter it;
        tlsi_url_and_hash u;
        tlsi_tree_vec(&b, tree, hf_tlsi_handshake_cert_url_url_hash_len, -1, cu.urls.items, 2, 0);
        tlsi_list_iter_init(&it, b.body, &cu.urls);
        while (tlsi_url_and_hash_next(&it, &u)) {
            proto_item *ti =
                proto_tree_add_item(tree, hf_tlsi_handshake_cert_url_url_hash, b.tvb,
                                    tlsi_tb_off(&b, u.entry.off), (gint)u.entry.len, ENC_NA);
            proto_tree *ut = proto_item_add_subtree(ti, ett_url);
            tlsi_tree_vec(&b, ut, hf_tlsi_handshake_cert_url_url_len, hf_tlsi_handshake_cert_url_url, u.url, 2, ENC_ASCII | ENC_NA);
            proto_tree_add_item(ut, hf_tlsi_handshake_cert_url_padding, b.tvb,
                                tlsi_tb_off(&b, u.padding_span.off), (gint)u.padding_span.len,
                                ENC_BIG_ENDIAN);
            proto_tree_add_item(ut, hf_tlsi_handshake_cert_url_sha1, b.tvb, tlsi_tb_off(&b, u.sha1_hash.off), 20,
                                ENC_NA);
        }
    }
    if (hard(e))
        tlsi_tree_malformed(&b, tree, "Certificate URL", e, err_off);
}

void tlsi_tree_compressed_certificate(const tlsi_tb *b0, proto_tree *tree)
{
    tlsi_tb b = *b0;
    tlsi_compressed_certificate cc;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_compressed_certificate_parse(b.body, b.len, &cc, &err_off);

    b.lim = hard(e) ? MIN(err_off, b.len) : b.len;
    if (tlsi_tb_fits(&b, 0, 2))
        tlsi_add_item(tree, hf_tlsi_handshake_compressed_certificate_algorithm, b.tvb, b.base, 2, ENC_BIG_ENDIAN);
    if (tlsi_tb_fits(&b, 2, 3))
        tlsi_add_item(tree, hf_tlsi_handshake_compressed_certificate_uncompressed_length, b.tvb, b.base + 2, 3, ENC_BIG_ENDIAN);
    if (tlsi_tb_has(&b, cc.compressed))
        tlsi_tree_vec(&b, tree, hf_tlsi_handshake_compressed_certificate_compressed_length, hf_tlsi_handshake_compressed_certificate_data, cc.compressed, 3, ENC_NA);
    if (hard(e))
        tlsi_tree_malformed(&b, tree, "Compressed Certificate", e, err_off);
}

void tlsi_register_cert_tree(int proto, expert_module_t *expert)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_handshake_certificate_request_context_length,
         {"Certificate Request Context Length", "tlsi.handshake.certificate_request_context_length",
          FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_certificate_request_context,
         {"Certificate Request Context", "tlsi.handshake.certificate_request_context", FT_BYTES,
          BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_certificates_length,
         {"Certificates Length", "tlsi.handshake.certificates_length", FT_UINT24, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_certificates,
         {"Certificates", "tlsi.handshake.certificates", FT_NONE, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_certificates_count,
         {"Number of Certificates", "tlsi.handshake.certificates.count", FT_UINT32, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_certificate_length,
         {"Certificate Length", "tlsi.handshake.certificate_length", FT_UINT24, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_certificate,
         {"Certificate", "tlsi.handshake.certificate", FT_BYTES, BASE_NONE, NULL, 0x0,
          "DER certificate (or raw public key)", HFILL}},
        {&hf_tlsi_handshake_certificate_entry,
         {"Certificate Entry", "tlsi.handshake.certificate_entry", FT_NONE, BASE_NONE, NULL, 0x0,
          "TLS 1.3 CertificateEntry: certificate and its extensions", HFILL}},
        {&hf_tlsi_handshake_cert_status_type,
         {"Certificate Status Type", "tlsi.handshake.cert_status_type", FT_UINT8, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_ocsp_response_len,
         {"OCSP Response Length", "tlsi.handshake.ocsp_response_len", FT_UINT24, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_ocsp_response,
         {"OCSP Response", "tlsi.handshake.ocsp_response", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_ocsp_response_list_len,
         {"OCSP Response List Length", "tlsi.handshake.ocsp_response_list_len", FT_UINT24, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_cert_types_count,
         {"Certificate Types Count", "tlsi.handshake.cert_types_count", FT_UINT8, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_cert_types,
         {"Certificate Types", "tlsi.handshake.cert_types", FT_NONE, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_cert_type,
         {"Certificate Type", "tlsi.handshake.cert_type", FT_UINT8, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_dnames_len,
         {"Distinguished Names Length", "tlsi.handshake.dnames_len", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_dnames,
         {"Distinguished Names", "tlsi.handshake.dnames", FT_NONE, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_dname_len,
         {"Distinguished Name Length", "tlsi.handshake.dname_len", FT_UINT16, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_dname,
         {"Distinguished Name", "tlsi.handshake.dname", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_cert_url_type,
         {"Certificate Chain Type", "tlsi.handshake.cert_url_type", FT_UINT8, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_tlsi_handshake_cert_url_url_hash_len,
         {"URL and Hash List Length", "tlsi.handshake.cert_url.url_hash_len", FT_UINT16, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_cert_url_url_hash,
         {"URL and Hash", "tlsi.handshake.cert_url.url_hash", FT_NONE, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_cert_url_url_len,
         {"URL Length", "tlsi.handshake.cert_url.url_len", FT_UINT16, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_cert_url_url,
         {"URL", "tlsi.handshake.cert_url.url", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_cert_url_padding,
         {"Padding", "tlsi.handshake.cert_url.padding", FT_UINT8, BASE_HEX, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_cert_url_sha1,
         {"SHA1 Hash", "tlsi.handshake.cert_url.sha1", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_compressed_certificate_algorithm,
         {"Algorithm", "tlsi.handshake.compressed_certificate.algorithm", FT_UINT16, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_compressed_certificate_uncompressed_length,
         {"Uncompressed Length", "tlsi.handshake.compressed_certificate.uncompressed_length",
          FT_UINT24, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_compressed_certificate_compressed_length,
         {"Compressed Length", "tlsi.handshake.compressed_certificate.compressed_length", FT_UINT24,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_compressed_certificate_data,
         {"Compressed Certificate Message", "tlsi.handshake.compressed_certificate.data", FT_BYTES,
          BASE_NONE, NULL, 0x0, NULL, HFILL}},
    };
    static gint *ett[] = {&ett_certs,      &ett_cert,   &ett_cert_entry,
                          &ett_cert_types, &ett_dnames, &ett_url};
    size_t n = array_length(hf);

    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_cert_status_type, TLSI_VALS(tlsi_cert_status_type_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_cert_type, TLSI_VALS(tlsi_client_cert_type_names), FALSE);
    tlsi_tree_set_strings(hf, n, &hf_tlsi_handshake_compressed_certificate_algorithm, TLSI_VALS(tlsi_cert_compression_names), FALSE);
    proto_register_field_array(proto, hf, (int)n);
    proto_register_subtree_array(ett, array_length(ett));
    (void)expert;
}
