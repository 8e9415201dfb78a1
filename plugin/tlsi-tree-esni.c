/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-tree-esni.c - the encrypted_server_name extension (0xffce) of
 * draft-ietf-tls-esni-01..03, the ESNI that came before Encrypted Client
 * Hello: the ClientHello's ClientEncryptedSNI and the nonce the server
 * echoes in EncryptedExtensions (parsed by src/extensions.c), with the
 * built-in dissector's tls.esni.* names under tlsi.
 */
#include "packet-tlsi.h"

#include "tlsi-tree.h"

static int hf_tlsi_esni_suite = -1;
static int hf_tlsi_esni_record_digest_length = -1;
static int hf_tlsi_esni_record_digest = -1;
static int hf_tlsi_esni_encrypted_sni_length = -1;
static int hf_tlsi_esni_encrypted_sni = -1;
static int hf_tlsi_esni_nonce = -1;

void tlsi_tree_esni(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                    const tlsi_ext_value *v)
{
    tlsi_key_share_entry ks;

    if (v->u.esni.nonce.len) {
        proto_tree_add_item(et, hf_tlsi_esni_nonce, b->tvb, tlsi_tb_off(b, v->u.esni.nonce.off),
                            (gint)v->u.esni.nonce.len, ENC_NA);
        return;
    }
    if (v->ctx != TLSI_EXT_CTX_CLIENT_HELLO)
        return;
    /* suite (2 bytes), then the KeyShareEntry: group (2), key_exchange<1..2^16-1>. */
    proto_tree_add_item(et, hf_tlsi_esni_suite, b->tvb, tlsi_tb_off(b, e->data.off), 2,
                        ENC_BIG_ENDIAN);
    ks.group = v->u.esni.group;
    ks.key_exchange = v->u.esni.key_exchange;
    ks.entry.off = e->data.off + 2;
    ks.entry.len = 4 + v->u.esni.key_exchange.len;
    tlsi_tree_key_share_entry(b, et, &ks);
    tlsi_tree_vec(b, et, hf_tlsi_esni_record_digest_length, hf_tlsi_esni_record_digest,
                  v->u.esni.record_digest, 2, ENC_NA);
    tlsi_tree_vec(b, et, hf_tlsi_esni_encrypted_sni_length, hf_tlsi_esni_encrypted_sni,
                  v->u.esni.encrypted_sni, 2, ENC_NA);
}

void tlsi_esni_register(int proto)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_esni_suite,
         {"Cipher Suite", "tlsi.esni.suite", FT_UINT16, BASE_HEX, NULL, 0x0,
          "ESNI: the TLS 1.3 cipher suite that encrypts the server name", HFILL}},
        {&hf_tlsi_esni_record_digest_length,
         {"Record Digest Length", "tlsi.esni.record_digest_length", FT_UINT16, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_esni_record_digest,
         {"Record Digest", "tlsi.esni.record_digest", FT_BYTES, BASE_NONE, NULL, 0x0,
          "ESNI: digest of the ESNIKeys record the client used", HFILL}},
        {&hf_tlsi_esni_encrypted_sni_length,
         {"Encrypted SNI Length", "tlsi.esni.encrypted_sni_length", FT_UINT16, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_esni_encrypted_sni,
         {"Encrypted SNI", "tlsi.esni.encrypted_sni", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_esni_nonce,
         {"Nonce", "tlsi.esni.nonce", FT_BYTES, BASE_NONE, NULL, 0x0,
          "ESNI: the client's nonce, echoed by the server in EncryptedExtensions", HFILL}},
    };

    tlsi_tree_set_strings(hf, array_length(hf), &hf_tlsi_esni_suite, tlsi_tree_suite_vals(),
                          TRUE);
    proto_register_field_array(proto, hf, array_length(hf));
}
