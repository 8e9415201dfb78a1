/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-compat-fields.c - fields with the built-in TLS dissector's names and
 * meaning where tlsi's own fields split or name things differently, so that
 * tls.* filters move over by replacing the prefix (doc/compat.md). tlsi's
 * own fields stay; these are added beside them, hidden where they would only
 * repeat an item already shown.
 */
#include "packet-tlsi.h"

#include "tlsi-compat-alias.h"
#include "tlsi-compat-fields.h"
#include "tlsi-tree.h"
#include "names.h"

static int hf_tlsi_handshake_ciphersuite = -1;   /* tlsi.handshake.ciphersuite, offered */
static int hf_tlsi_handshake_sig_hash_hash = -1;
static int hf_tlsi_handshake_sig_hash_sig = -1;
static int hf_tlsi_handshake_sig_hash_alg = -1; /* tlsi.handshake.sig_hash_alg, of a signature */

static int hf_tlsi_heartbeat_message_type = -1;
static int hf_tlsi_heartbeat_message_payload_length = -1;
static int hf_tlsi_heartbeat_message_payload = -1;
static int hf_tlsi_heartbeat_message_padding = -1;
static int hf_tlsi_record_is_escape = -1;
static int hf_tlsi_record_padding_length = -1;

static int hf_tlsi_handshake_md5_hash = -1;
static int hf_tlsi_handshake_sha_hash = -1;

static gint ett_sig_hash = -1;
static gint ett_ssl3_finished = -1;
static expert_field ei_resumed = EI_INIT;
static expert_field ei_decompression_error = EI_INIT;
static expert_field ei_compat[TLSI_CEI_N] = {EI_INIT, EI_INIT, EI_INIT, EI_INIT,
                                             EI_INIT, EI_INIT, EI_INIT};

void tlsi_compat_expert(proto_tree *tree, packet_info *pinfo, int which, tvbuff_t *tvb, int off,
                        int len)
{
    if (which < 0 || which >= TLSI_CEI_N)
        return;
    proto_item_set_hidden(proto_tree_add_expert(tree, pinfo, &ei_compat[which], tvb, off, len));
}

void tlsi_compat_malformed(proto_tree *tree, packet_info *pinfo, tlsi_err err, tvbuff_t *tvb,
                           int off, int len)
{
    /* The built-in's three kinds: a read past the end of the input, bytes
     * left after a structure, a length outside the range the RFC allows. */
    static const struct {
        tlsi_err err;
        int which;
    } kinds[] = {
        {TLSI_ERR_SHORT, TLSI_CEI_BUFFER_TOO_SMALL},
        {TLSI_ERR_TRAILING, TLSI_CEI_TRAILING_DATA},
        {TLSI_ERR_BAD_LENGTH, TLSI_CEI_VECTOR_LENGTH},
    };

    for (size_t i = 0; i < array_length(kinds); i++)
        if (kinds[i].err == err)
            tlsi_compat_expert(tree, pinfo, kinds[i].which, tvb, off, len);
}

void tlsi_compat_heartbeat(proto_tree *tree, tvbuff_t *tvb, const tlsi_heartbeat *hb)
{
    proto_item_set_hidden(proto_tree_add_item(tree, hf_tlsi_heartbeat_message_type, tvb, 0, 1,
                                              ENC_BIG_ENDIAN));
    proto_item_set_hidden(proto_tree_add_item(tree, hf_tlsi_heartbeat_message_payload_length,
                                              tvb, 1, 2, ENC_BIG_ENDIAN));
    if (hb->payload.len)
        proto_item_set_hidden(proto_tree_add_item(tree, hf_tlsi_heartbeat_message_payload, tvb,
                                                  (gint)hb->payload.off, (gint)hb->payload.len,
                                                  ENC_NA));
    if (!hb->overrun && hb->padding.len)
        proto_item_set_hidden(proto_tree_add_item(tree, hf_tlsi_heartbeat_message_padding, tvb,
                                                  (gint)hb->padding.off, (gint)hb->padding.len,
                                                  ENC_NA));
}

void tlsi_compat_sslv2_header(proto_tree *tree, tvbuff_t *tvb, guint32 header_len)
{
    /* RFC 6101 does not define it; the SSL 2.0 draft: a 3-byte header has
     * the is-escape bit (0x40 of the first byte) and a padding length. */
    if (header_len != 3)
        return;
    proto_tree_add_boolean(tree, hf_tlsi_record_is_escape, tvb, 0, 1,
                           (tvb_get_uint8(tvb, 0) & 0x40) != 0);
    proto_tree_add_item(tree, hf_tlsi_record_padding_length, tvb, 2, 1, ENC_BIG_ENDIAN);
}

void tlsi_compat_ssl3_finished(proto_item *ti, tvbuff_t *tvb, int off)
{
    proto_tree *st;

    if (!ti)
        return;
    st = proto_item_add_subtree(ti, ett_ssl3_finished);
    proto_tree_add_item(st, hf_tlsi_handshake_md5_hash, tvb, off, 16, ENC_NA);
    proto_tree_add_item(st, hf_tlsi_handshake_sha_hash, tvb, off + 16, 20, ENC_NA);
}

void tlsi_compat_decompression_error(packet_info *pinfo, proto_item *item)
{
    expert_add_info(pinfo, item, &ei_decompression_error);
}

void tlsi_compat_resumed(packet_info *pinfo, proto_item *item)
{
    expert_add_info(pinfo, item, &ei_resumed);
}
static int hf_subtrees[TLSI_COMPAT_N] = {-1, -1, -1};

int tlsi_compat_hf(int which)
{
    return which >= 0 && which < TLSI_COMPAT_N ? hf_subtrees[which] : -1;
}

/* TLS 1.2 HashAlgorithm and SignatureAlgorithm registries (RFC 5246 7.4.1.4.1,
 * RFC 8422, RFC 8446 B.3.1.3: the 0x08 "hash" of the RSASSA-PSS and EdDSA
 * schemes is not a hash). */
static const value_string hash_names[] = {
    {0, "none"}, {1, "md5"}, {2, "sha1"}, {3, "sha224"}, {4, "sha256"}, {5, "sha384"},
    {6, "sha512"}, {8, "Intrinsic"}, {0, NULL}};
static const value_string sig_names[] = {
    {0, "anonymous"}, {1, "rsa"}, {2, "dsa"}, {3, "ecdsa"}, {4, "rsa_pss_rsae / sha256"},
    {5, "rsa_pss_rsae / sha384"}, {6, "rsa_pss_rsae / sha512"}, {7, "ed25519"}, {8, "ed448"},
    {9, "rsa_pss_pss / sha256"}, {10, "rsa_pss_pss / sha384"}, {11, "rsa_pss_pss / sha512"},
    {0, NULL}};

void tlsi_compat_offered_suite(proto_tree *tree, tvbuff_t *tvb, int off)
{
    proto_item_set_hidden(proto_tree_add_item(tree, hf_tlsi_handshake_ciphersuite, tvb, off, 2,
                                              ENC_BIG_ENDIAN));
}

void tlsi_compat_sig_hash_split(proto_item *ti, tvbuff_t *tvb, int off)
{
    proto_tree *st = proto_item_add_subtree(ti, ett_sig_hash);

    proto_tree_add_item(st, hf_tlsi_handshake_sig_hash_hash, tvb, off, 1, ENC_BIG_ENDIAN);
    proto_tree_add_item(st, hf_tlsi_handshake_sig_hash_sig, tvb, off + 1, 1, ENC_BIG_ENDIAN);
}

void tlsi_compat_signature_scheme(proto_tree *tree, tvbuff_t *tvb, int off)
{
    proto_item *ti = proto_tree_add_item(tree, hf_tlsi_handshake_sig_hash_alg, tvb, off, 2,
                                         ENC_BIG_ENDIAN);
    proto_item_set_hidden(ti);
}

void tlsi_compat_register(int proto)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_handshake_ciphersuite,
         {"Cipher Suite", "tlsi.handshake.ciphersuite", FT_UINT16, BASE_HEX, NULL, 0x0,
          "A cipher suite offered (ClientHello) or chosen (ServerHello)", HFILL}},
        {&hf_tlsi_handshake_sig_hash_hash,
         {"Signature Hash Algorithm Hash", "tlsi.handshake.sig_hash_hash", FT_UINT8, BASE_DEC,
          VALS(hash_names), 0x0, "First byte of a SignatureAndHashAlgorithm / SignatureScheme",
          HFILL}},
        {&hf_tlsi_handshake_sig_hash_sig,
         {"Signature Hash Algorithm Signature", "tlsi.handshake.sig_hash_sig", FT_UINT8,
          BASE_DEC, VALS(sig_names), 0x0,
          "Second byte of a SignatureAndHashAlgorithm / SignatureScheme", HFILL}},
        {&hf_tlsi_handshake_sig_hash_alg,
         {"Signature Algorithm", "tlsi.handshake.sig_hash_alg", FT_UINT16, BASE_HEX,
          NULL, 0x0, "A signature algorithm offered, or the one of a signature", HFILL}},
        {&hf_subtrees[TLSI_COMPAT_EC_POINT_FORMATS],
         {"EC point formats", "tlsi.handshake.extensions_ec_point_formats", FT_NONE, BASE_NONE,
          NULL, 0x0, "The list of the ec_point_formats extension", HFILL}},
        {&hf_subtrees[TLSI_COMPAT_ALPN_LIST],
         {"ALPN Protocol", "tlsi.handshake.extensions_alpn_list", FT_NONE, BASE_NONE, NULL, 0x0,
          "The protocol name list of the ALPN extension", HFILL}},
        {&hf_subtrees[TLSI_COMPAT_CERT_TYPES],
         {"Certificate Type List", "tlsi.handshake.cert_type.types", FT_NONE, BASE_NONE, NULL,
          0x0, "The list of a client/server_certificate_type extension", HFILL}},
        {&hf_tlsi_heartbeat_message_type,
         {"Type", "tlsi.heartbeat_message.type", FT_UINT8, BASE_DEC,
          TLSI_VALS(tlsi_heartbeat_type_names), 0x0, "HeartbeatMessageType (as tlsi.heartbeat.type)",
          HFILL}},
        {&hf_tlsi_heartbeat_message_payload_length,
         {"Payload Length", "tlsi.heartbeat_message.payload_length", FT_UINT16, BASE_DEC, NULL,
          0x0, "payload_length as sent (as tlsi.heartbeat.payload_length)", HFILL}},
        {&hf_tlsi_heartbeat_message_payload,
         {"Payload", "tlsi.heartbeat_message.payload", FT_BYTES, BASE_NONE, NULL, 0x0,
          "The payload bytes the record holds", HFILL}},
        {&hf_tlsi_heartbeat_message_padding,
         {"Padding", "tlsi.heartbeat_message.padding", FT_BYTES, BASE_NONE, NULL, 0x0,
          "The padding after the payload", HFILL}},
        /* FT_NONE as the built-in's: the bytes are those of verify_data. */
        {&hf_tlsi_handshake_md5_hash,
         {"MD5 Hash", "tlsi.handshake.md5_hash", FT_NONE, BASE_NONE, NULL, 0x0,
          "SSL 3.0 Finished: the MD5 hash of the handshake messages and master secret", HFILL}},
        {&hf_tlsi_handshake_sha_hash,
         {"SHA-1 Hash", "tlsi.handshake.sha_hash", FT_NONE, BASE_NONE, NULL, 0x0,
          "SSL 3.0 Finished: the SHA-1 hash of the handshake messages and master secret", HFILL}},
        {&hf_tlsi_record_is_escape,
         {"Is Escape", "tlsi.record.is_escape", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
          "SSLv2 3-byte record header: the is-escape bit", HFILL}},
        {&hf_tlsi_record_padding_length,
         {"Padding Length", "tlsi.record.padding_length", FT_UINT8, BASE_DEC, NULL, 0x0,
          "SSLv2 3-byte record header: bytes of padding", HFILL}},
    };
    static gint *ett[] = {&ett_sig_hash, &ett_ssl3_finished};

    static ei_register_info ei[] = {
        {&ei_resumed,
         {"tlsi.resumed", PI_SEQUENCE, PI_NOTE,
          "This session reuses previously negotiated keys (Session resumption)", EXPFILL}},
        {&ei_compat[TLSI_CEI_UNEXPECTED_MESSAGE],
         {"tlsi.unexpected_message", PI_SEQUENCE, PI_WARN,
          "Unexpected message (as tlsi.handshake.unexpected)", EXPFILL}},
        {&ei_compat[TLSI_CEI_IGNORED_UNKNOWN_RECORD],
         {"tlsi.ignored_unknown_record", PI_PROTOCOL, PI_WARN,
          "Ignored Unknown Record (as tlsi.record.content_type.unknown)", EXPFILL}},
        {&ei_compat[TLSI_CEI_BUFFER_TOO_SMALL],
         {"tlsi.malformed.buffer_too_small", PI_MALFORMED, PI_ERROR,
          "Malformed message, not enough data is available", EXPFILL}},
        {&ei_compat[TLSI_CEI_TRAILING_DATA],
         {"tlsi.malformed.trailing_data", PI_MALFORMED, PI_ERROR,
          "Undecoded trailing data is present", EXPFILL}},
        {&ei_compat[TLSI_CEI_VECTOR_LENGTH],
         {"tlsi.malformed.vector_length", PI_PROTOCOL, PI_WARN,
          "Variable vector length is outside the permitted range", EXPFILL}},
        {&ei_compat[TLSI_CEI_SESSION_ID_LENGTH],
         {"tlsi.handshake.session_id_length.error", PI_MALFORMED, PI_ERROR,
          "Session ID length error (an SSLv2 ClientHello's must be 0 or 16)", EXPFILL}},
        {&ei_compat[TLSI_CEI_HB_PAYLOAD_LENGTH],
         {"tlsi.heartbeat_message.payload_length.invalid", PI_MALFORMED, PI_ERROR,
          "Invalid heartbeat payload length", EXPFILL}},
        {&ei_decompression_error,
         {"tlsi.decompression_error", PI_MALFORMED, PI_ERROR,
          "Decompression error: the record's DEFLATE data does not inflate", EXPFILL}},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
    tlsi_compat_alias_register(proto);
}
