/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-tree-handshake.c - turns handshake messages into protocol trees, and
 * on the first pass tells the connection state what each message settles
 * (server endpoint, negotiated version, cipher suite).
 */
#include "packet-tlsi.h"

#include "algorithms.h"
#include "extensions.h"
#include "handshake.h"
#include "names.h"
#include "reader.h"
#include "record.h"

static int hf_tlsi_handshake = -1;
static int hf_tlsi_handshake_type = -1;
static int hf_tlsi_handshake_length = -1;
static int hf_tlsi_handshake_body = -1;
static int hf_tlsi_handshake_reassembled_in = -1;

static gint ett_tlsi_handshake = -1;

static expert_field ei_tlsi_hs_unknown_type = EI_INIT;
static expert_field ei_tlsi_hs_length = EI_INIT;

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
        {&hf_tlsi_handshake_reassembled_in,
         {"First Fragment In", "tlsi.handshake.first_fragment_in", FT_FRAMENUM, BASE_NONE, NULL,
          0x0, "Frame holding the first bytes of a message reassembled across records", HFILL}},
    };
    static gint *ett[] = {&ett_tlsi_handshake};
    static ei_register_info ei[] = {
        {&ei_tlsi_hs_unknown_type,
         {"tlsi.handshake.type.unknown", PI_PROTOCOL, PI_WARN, "Unknown handshake message type",
          EXPFILL}},
        {&ei_tlsi_hs_length,
         {"tlsi.handshake.length.bad", PI_MALFORMED, PI_ERROR,
          "Handshake message body does not match its fields", EXPFILL}},
    };
    expert_module_t *expert = expert_register_protocol(proto);

    hf[1].hfinfo.strings = TLSI_VALS(tlsi_hs_type_names);
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert, ei, array_length(ei));
}

void tlsi_dissect_handshake_message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                    tlsi_conv *conv, const tlsi_record_info *ri,
                                    const tlsi_hs_msg *msg)
{
    guint8 type = tvb_get_guint8(tvb, 0);
    const char *name = tlsi_name_lookup(tlsi_hs_type_names, type);
    proto_item *ti;
    proto_tree *ht;

    ti = proto_tree_add_item(tree, hf_tlsi_handshake, tvb, 0, -1, ENC_NA);
    proto_item_set_text(ti, "Handshake Protocol: %s", name ? name : "Unknown");
    ht = proto_item_add_subtree(ti, ett_tlsi_handshake);
    ti = proto_tree_add_item(ht, hf_tlsi_handshake_type, tvb, 0, 1, ENC_BIG_ENDIAN);
    if (!name)
        expert_add_info_format(pinfo, ti, &ei_tlsi_hs_unknown_type,
                               "Unknown handshake message type %u", type);
    proto_tree_add_item(ht, hf_tlsi_handshake_length, tvb, 1, 3, ENC_BIG_ENDIAN);
    if (msg->start < 0 && msg->first_frame != pinfo->num)
        proto_item_set_generated(proto_tree_add_uint(ht, hf_tlsi_handshake_reassembled_in, tvb,
                                                     0, 0, msg->first_frame));
    if (msg->len > 4)
        proto_tree_add_item(ht, hf_tlsi_handshake_body, tvb, 4, -1, ENC_NA);
    col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", name ? name : "Unknown Handshake Message");
}

/* The first protocol of an ALPN extension (RFC 7301 3.1) in an extension
 * block, as a file-scope string, or NULL. */
static const char *alpn_of(const guint8 *body, tlsi_span block)
{
    tlsi_ext e;
    tlsi_ext_value v;
    uint32_t err_off;

    if (!tlsi_ext_find(body, block, TLSI_EXT_ALPN, &e))
        return NULL;
    if (tlsi_ext_parse(body, &e, TLSI_EXT_CTX_SERVER_HELLO, &v, &err_off) != TLSI_OK || !v.parsed ||
        !v.u.alpn.first.len)
        return NULL;
    return wmem_strndup(wmem_file_scope(), (const char *)body + v.u.alpn.first.off,
                        v.u.alpn.first.len);
}

void tlsi_handshake_seen(packet_info *pinfo, tlsi_conv *conv, int dir, tlsi_hs_msg *msg)
{
    const guint8 *body = msg->data + 4;
    guint32 blen = msg->len - 4;
    uint32_t err_off;

    switch (msg->data[0]) {
    case TLSI_HS_CLIENT_HELLO: /* the receiver is the server */
        if (!conv->srv_known) {
            copy_address_wmem(wmem_file_scope(), &conv->srv_addr, &pinfo->dst);
            conv->srv_port = pinfo->destport;
            conv->srv_known = TRUE;
        }
        break;
    case TLSI_HS_SERVER_HELLO: {
        tlsi_server_hello sh;
        if (!conv->srv_known || dir != TLSI_DIR_SERVER) {
            copy_address_wmem(wmem_file_scope(), &conv->srv_addr, &pinfo->src);
            conv->srv_port = pinfo->srcport;
            conv->srv_known = TRUE;
        }
        (void)tlsi_server_hello_parse(body, blen, &sh, &err_off);
        if (sh.has_extensions && !sh.is_hrr) {
            const char *alpn = alpn_of(body, sh.extensions);
            if (alpn)
                conv->alpn = alpn;
        }
        break;
    }
    case TLSI_HS_ENCRYPTED_EXTENSIONS: {
        tlsi_encrypted_extensions ee;
        if (tlsi_encrypted_extensions_parse(body, blen, &ee, &err_off) == TLSI_OK) {
            const char *alpn = alpn_of(body, ee.extensions);
            if (alpn)
                conv->alpn = alpn;
        }
        break;
    }
    default:
        break;
    }
}
