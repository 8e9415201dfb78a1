/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-tree-sslv2.c - the clear messages of an SSL 2.0 connection after its
 * CLIENT-HELLO (SERVER-HELLO, CLIENT-MASTER-KEY, ERROR), parsed by the core
 * (src/sslv2_msgs.c) and drawn with the built-in dissector's field names
 * under tlsi. (packet-tlsi.c frames the records, draws the record layer and
 * the CLIENT-HELLO.)
 */
#include "packet-tlsi.h"

#include "names.h"
#include "sslv2_msgs.h"
#include "tlsi-tree.h"

static int hf_tlsi_handshake_type_sslv2 = -1;
static int hf_tlsi_handshake_session_id_hit = -1;
static int hf_tlsi_handshake_cert_type_sslv2 = -1;
static int hf_tlsi_handshake_version_sslv2 = -1;
static int hf_tlsi_handshake_certificate_length_sslv2 = -1;
static int hf_tlsi_handshake_cipher_spec_len = -1;
static int hf_tlsi_handshake_connection_id_length_sslv2 = -1;
static int hf_tlsi_handshake_certificate_sslv2 = -1;
static int hf_tlsi_handshake_ciphersuites_sslv2 = -1;
static int hf_tlsi_handshake_cipherspec = -1;
static int hf_tlsi_handshake_connection_id_sslv2 = -1;
static int hf_tlsi_handshake_clear_key_length = -1;
static int hf_tlsi_handshake_encrypted_key_length = -1;
static int hf_tlsi_handshake_key_arg_length = -1;
static int hf_tlsi_handshake_clear_key_data = -1;
static int hf_tlsi_handshake_encrypted_key = -1;
static int hf_tlsi_handshake_key_arg = -1;
static int hf_tlsi_sslv2_error_code = -1;
static gint ett_specs = -1;
static expert_field ei_malformed = EI_INIT;

/* The draft's message names (MSG-*), as the Info column and tree show them. */
static const value_string sslv2_msg_names[] = {
    {TLSI_SSLV2_MT_ERROR, "Error"},
    {TLSI_SSLV2_MT_CLIENT_HELLO, "Client Hello"},
    {TLSI_SSLV2_MT_CLIENT_MASTER_KEY, "Client Master Key"},
    {TLSI_SSLV2_MT_CLIENT_FINISHED, "Client Finished"},
    {TLSI_SSLV2_MT_SERVER_HELLO, "Server Hello"},
    {TLSI_SSLV2_MT_SERVER_VERIFY, "Server Verify"},
    {TLSI_SSLV2_MT_SERVER_FINISHED, "Server Finished"},
    {TLSI_SSLV2_MT_REQUEST_CERTIFICATE, "Request Certificate"},
    {TLSI_SSLV2_MT_CLIENT_CERTIFICATE, "Client Certificate"},
    {0, NULL},
};

static const value_string sslv2_cert_type_names[] = {
    {1, "X.509 Certificate"},
    {0, NULL},
};

/* The draft's ERROR codes. */
static const value_string sslv2_error_names[] = {
    {0x0001, "NO-CIPHER-ERROR"},
    {0x0002, "NO-CERTIFICATE-ERROR"},
    {0x0004, "BAD-CERTIFICATE-ERROR"},
    {0x0006, "UNSUPPORTED-CERTIFICATE-TYPE-ERROR"},
    {0, NULL},
};

static void add_u16(proto_tree *t, int hf, tvbuff_t *tvb, guint32 off, guint32 v)
{
    proto_tree_add_uint(t, hf, tvb, (gint)off, 2, v);
}

/* An opaque field, drawn only when present (the built-in draws none for an
 * empty one either). */
static void add_span(proto_tree *t, int hf, tvbuff_t *tvb, tlsi_span s)
{
    if (s.len)
        proto_tree_add_item(t, hf, tvb, (gint)s.off, (gint)s.len, ENC_NA);
}

static void cipher_spec(proto_tree *t, tvbuff_t *tvb, const guint8 *msg, guint32 off)
{
    guint32 spec = tlsi_load24(msg + off);
    const char *name = tlsi_name_lookup(tlsi_sslv2_cipher_names, spec);

    proto_tree_add_uint_format_value(t, hf_tlsi_handshake_cipherspec, tvb, (gint)off, 3, spec, "%s (0x%06x)",
                                     name ? name : "Unknown", spec);
}

static void malformed(packet_info *pinfo, proto_tree *t, tvbuff_t *tvb, const char *what,
                      tlsi_err err, guint32 err_off)
{
    proto_tree_add_expert_format(t, pinfo, &ei_malformed, tvb, 0, 0,
                                 "Malformed SSLv2 %s: %s at offset %u", what, tlsi_err_str(err),
                                 err_off);
}

static void tree_server_hello(tvbuff_t *tvb, packet_info *pinfo, proto_tree *t, const guint8 *msg,
                              guint32 len)
{
    tlsi_sslv2_server_hello sh;
    uint32_t err_off = 0, i;
    tlsi_err e = tlsi_sslv2_server_hello_parse(msg, len, &sh, &err_off);
    tlsi_tb b = {tvb, pinfo, msg, len, 0, len, 0x0002, 0x0002, TRUE};
    proto_tree *st;

    /* After an error only the fixed fields before it are trustworthy. */
    if (e != TLSI_OK && err_off < TLSI_SSLV2_SH_OFF_CID_LEN + 2) {
        malformed(pinfo, t, tvb, "Server Hello", e, err_off);
        return;
    }
    proto_tree_add_boolean(t, hf_tlsi_handshake_session_id_hit, tvb, TLSI_SSLV2_SH_OFF_SID_HIT, 1,
                           msg[TLSI_SSLV2_SH_OFF_SID_HIT]);
    proto_tree_add_item(t, hf_tlsi_handshake_cert_type_sslv2, tvb, TLSI_SSLV2_SH_OFF_CERT_TYPE, 1, ENC_BIG_ENDIAN);
    proto_tree_add_item(t, hf_tlsi_handshake_version_sslv2, tvb, TLSI_SSLV2_SH_OFF_VERSION, 2, ENC_BIG_ENDIAN);
    proto_tree_add_item(t, hf_tlsi_handshake_certificate_length_sslv2, tvb, TLSI_SSLV2_SH_OFF_CERT_LEN, 2,
                        ENC_BIG_ENDIAN);
    proto_tree_add_item(t, hf_tlsi_handshake_cipher_spec_len, tvb, TLSI_SSLV2_SH_OFF_SPECS_LEN, 2,
                        ENC_BIG_ENDIAN);
    proto_tree_add_item(t, hf_tlsi_handshake_connection_id_length_sslv2, tvb, TLSI_SSLV2_SH_OFF_CID_LEN, 2,
                        ENC_BIG_ENDIAN);
    if (e != TLSI_OK) {
        malformed(pinfo, t, tvb, "Server Hello", e, err_off);
        return;
    }
    tlsi_tree_handoff(&b, t, "ber.syntax", "Certificate", sh.certificate, hf_tlsi_handshake_certificate_sslv2);
    if (sh.n_cipher_specs) {
        st = proto_item_add_subtree(proto_tree_add_item(t, hf_tlsi_handshake_ciphersuites_sslv2, tvb,
                                                        (gint)sh.cipher_specs.off,
                                                        (gint)sh.cipher_specs.len, ENC_NA),
                                    ett_specs);
        proto_item_append_text(proto_tree_get_parent(st), " (%u specs)", sh.n_cipher_specs);
        for (i = 0; i < sh.n_cipher_specs; i++)
            cipher_spec(st, tvb, msg, sh.cipher_specs.off + 3 * i);
    }
    add_span(t, hf_tlsi_handshake_connection_id_sslv2, tvb, sh.connection_id);
}

static void tree_client_master_key(tvbuff_t *tvb, packet_info *pinfo, proto_tree *t,
                                   const guint8 *msg, guint32 len)
{
    tlsi_sslv2_client_master_key k;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_sslv2_client_master_key_parse(msg, len, &k, &err_off);

    if (e != TLSI_OK && err_off < TLSI_SSLV2_CMK_OFF_ARG_LEN + 2) {
        malformed(pinfo, t, tvb, "Client Master Key", e, err_off);
        return;
    }
    cipher_spec(t, tvb, msg, TLSI_SSLV2_CMK_OFF_CIPHER);
    add_u16(t, hf_tlsi_handshake_clear_key_length, tvb, TLSI_SSLV2_CMK_OFF_CLEAR_LEN,
            tlsi_load16(msg + TLSI_SSLV2_CMK_OFF_CLEAR_LEN));
    add_u16(t, hf_tlsi_handshake_encrypted_key_length, tvb, TLSI_SSLV2_CMK_OFF_ENC_LEN,
            tlsi_load16(msg + TLSI_SSLV2_CMK_OFF_ENC_LEN));
    add_u16(t, hf_tlsi_handshake_key_arg_length, tvb, TLSI_SSLV2_CMK_OFF_ARG_LEN,
            tlsi_load16(msg + TLSI_SSLV2_CMK_OFF_ARG_LEN));
    if (e != TLSI_OK) {
        malformed(pinfo, t, tvb, "Client Master Key", e, err_off);
        return;
    }
    add_span(t, hf_tlsi_handshake_clear_key_data, tvb, k.clear_key);
    add_span(t, hf_tlsi_handshake_encrypted_key, tvb, k.encrypted_key);
    add_span(t, hf_tlsi_handshake_key_arg, tvb, k.key_arg);
}

static void tree_error(tvbuff_t *tvb, packet_info *pinfo, proto_tree *t, const guint8 *msg,
                       guint32 len)
{
    uint16_t code;
    uint32_t err_off = 0;
    tlsi_err e = tlsi_sslv2_error_parse(msg, len, &code, &err_off);

    if (e == TLSI_OK || err_off > 1)
        add_u16(t, hf_tlsi_sslv2_error_code, tvb, 1, code);
    if (e != TLSI_OK)
        malformed(pinfo, t, tvb, "Error", e, err_off);
}

const char *tlsi_sslv2_msg_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *t)
{
    guint32 len = tvb_captured_length(tvb);
    const guint8 *msg;
    guint8 type;

    if (!len)
        return "Empty SSLv2 record";
    msg = tvb_get_ptr(tvb, 0, len);
    type = msg[0];
    proto_tree_add_item(t, hf_tlsi_handshake_type_sslv2, tvb, 0, 1, ENC_BIG_ENDIAN);
    switch (type) {
    case TLSI_SSLV2_MT_SERVER_HELLO:
        tree_server_hello(tvb, pinfo, t, msg, len);
        break;
    case TLSI_SSLV2_MT_CLIENT_MASTER_KEY:
        tree_client_master_key(tvb, pinfo, t, msg, len);
        break;
    case TLSI_SSLV2_MT_ERROR:
        tree_error(tvb, pinfo, t, msg, len);
        break;
    default:
        /* Any other message is never sent in the clear. */
        malformed(pinfo, t, tvb, "message", TLSI_ERR_BAD_VALUE, 0);
        break;
    }
    return val_to_str_const(type, sslv2_msg_names, "Unknown SSLv2 Message");
}

void tlsi_sslv2_register(int proto)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_handshake_type_sslv2,
         {"Handshake Message Type", "tlsi.handshake.type", FT_UINT8, BASE_DEC,
          VALS(sslv2_msg_names), 0x0, "SSL 2.0 message type", HFILL}},
        {&hf_tlsi_handshake_session_id_hit,
         {"Session ID Hit", "tlsi.handshake.session_id_hit", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
          "SSL 2.0 SERVER-HELLO: the server knows the session the client offered", HFILL}},
        {&hf_tlsi_handshake_cert_type_sslv2,
         {"Certificate Type", "tlsi.handshake.cert_type", FT_UINT8, BASE_DEC,
          VALS(sslv2_cert_type_names), 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_version_sslv2,
         {"Version", "tlsi.handshake.version", FT_UINT16, BASE_HEX,
          TLSI_VALS(tlsi_version_names), 0x0, "SSL 2.0 SERVER-HELLO: server version", HFILL}},
        {&hf_tlsi_handshake_certificate_length_sslv2,
         {"Certificate Length", "tlsi.handshake.certificate_length", FT_UINT24, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_cipher_spec_len,
         {"Cipher Spec Length", "tlsi.handshake.cipher_spec_len", FT_UINT16, BASE_DEC, NULL, 0x0,
          "Length of the SSL 2.0 cipher specs", HFILL}},
        {&hf_tlsi_handshake_connection_id_length_sslv2,
         {"Connection ID Length", "tlsi.handshake.connection_id_length", FT_UINT16, BASE_DEC,
          NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_certificate_sslv2,
         {"Certificate", "tlsi.handshake.certificate", FT_BYTES, BASE_NONE, NULL, 0x0,
          "DER certificate", HFILL}},
        {&hf_tlsi_handshake_ciphersuites_sslv2,
         {"Cipher Specs", "tlsi.handshake.ciphersuites", FT_NONE, BASE_NONE, NULL, 0x0,
          "SSL 2.0 SERVER-HELLO: the cipher specs the server supports", HFILL}},
        {&hf_tlsi_handshake_cipherspec,
         {"Cipher Spec", "tlsi.handshake.cipherspec", FT_UINT24, BASE_HEX, NULL, 0x0,
          "SSL 2.0 CIPHER-KIND", HFILL}},
        {&hf_tlsi_handshake_connection_id_sslv2,
         {"Connection ID", "tlsi.handshake.connection_id", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_tlsi_handshake_clear_key_length,
         {"Clear Key Data Length", "tlsi.handshake.clear_key_length", FT_UINT16, BASE_DEC, NULL,
          0x0, "SSL 2.0 CLIENT-MASTER-KEY: length of the master key bytes sent in the clear",
          HFILL}},
        {&hf_tlsi_handshake_encrypted_key_length,
         {"Encrypted Key Data Length", "tlsi.handshake.encrypted_key_length", FT_UINT16,
          BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_key_arg_length,
         {"Key Argument Length", "tlsi.handshake.key_arg_length", FT_UINT16, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_tlsi_handshake_clear_key_data,
         {"Clear Key Data", "tlsi.handshake.clear_key_data", FT_BYTES, BASE_NONE, NULL, 0x0,
          "SSL 2.0 CLIENT-MASTER-KEY: master key bytes sent in the clear (export ciphers)",
          HFILL}},
        {&hf_tlsi_handshake_encrypted_key,
         {"Encrypted Key", "tlsi.handshake.encrypted_key", FT_BYTES, BASE_NONE, NULL, 0x0,
          "SSL 2.0 CLIENT-MASTER-KEY: the secret master key bytes, RSA-encrypted", HFILL}},
        {&hf_tlsi_handshake_key_arg,
         {"Key Argument", "tlsi.handshake.key_arg", FT_BYTES, BASE_NONE, NULL, 0x0,
          "SSL 2.0 CLIENT-MASTER-KEY: the block cipher's IV", HFILL}},
        {&hf_tlsi_sslv2_error_code,
         {"Error Code", "tlsi.sslv2.error_code", FT_UINT16, BASE_HEX,
          VALS(sslv2_error_names), 0x0, "SSL 2.0 ERROR message", HFILL}},
    };
    static gint *ett[] = {&ett_specs};
    static ei_register_info ei[] = {
        {&ei_malformed,
         {"tlsi.sslv2.malformed_message", PI_MALFORMED, PI_ERROR,
          "Malformed SSL 2.0 message", EXPFILL}},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
