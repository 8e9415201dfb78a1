/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-tree-handshake.c - turns handshake messages into protocol trees, and
 * on the first pass tells the connection state what each message settles
 * (server endpoint, negotiated version, cipher suite).
 */
#include "packet-tlsi.h"

#include "algorithms.h"
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

/* ServerHello (RFC 8446 4.1.3 / RFC 5246 7.4.1.3): just the fields the
 * record layer needs to follow the connection. */
static void server_hello_seen(tlsi_conv *conv, const guint8 *body, guint32 len)
{
    static const guint8 hrr_random[32] = {
        0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
        0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};
    tlsi_rd r, sid, exts;
    uint16_t version, suite;
    const uint8_t *random;
    uint8_t compression;

    tlsi_rd_init(&r, body, len);
    if (tlsi_rd_u16(&r, &version) || tlsi_rd_bytes(&r, 32, &random) || tlsi_rd_vec(&r, 1, &sid) ||
        tlsi_rd_u16(&r, &suite) || tlsi_rd_u8(&r, &compression))
        return;
    if (tlsi_rd_left(&r) >= 2 && tlsi_rd_vec(&r, 2, &exts) == TLSI_OK) {
        while (tlsi_rd_left(&exts) >= 4) {
            uint16_t type;
            tlsi_rd data;
            if (tlsi_rd_u16(&exts, &type) || tlsi_rd_vec(&exts, 2, &data))
                break;
            if (type == 43 && tlsi_rd_left(&data) == 2) /* supported_versions */
                tlsi_rd_u16(&data, &version);
        }
    }
    if ((version >= 0x7f0e && version <= 0x7f1c) || version == TLSI_TLS13)
        version = TLSI_TLS13;
    conv->version = version;
    conv->cipher_suite = suite;
    conv->suite_known = TRUE;
    /* After a real ServerHello (not a HelloRetryRequest) every later TLS 1.3
     * handshake message is protected, in both directions (RFC 8446 2). */
    if (version == TLSI_TLS13 && memcmp(random, hrr_random, 32) != 0) {
        conv->dir[TLSI_DIR_CLIENT].tls13_protected = TRUE;
        conv->dir[TLSI_DIR_SERVER].tls13_protected = TRUE;
    }
}

void tlsi_handshake_seen(packet_info *pinfo, tlsi_conv *conv, int dir, const guint8 *msg,
                         guint32 len)
{
    guint8 type;

    if (len < 4)
        return;
    type = msg[0];
    switch (type) {
    case 1: /* client_hello: the receiver is the server */
        if (!conv->srv_known) {
            copy_address_wmem(wmem_file_scope(), &conv->srv_addr, &pinfo->dst);
            conv->srv_port = pinfo->destport;
            conv->srv_known = TRUE;
        }
        break;
    case 2: /* server_hello */
        if (!conv->srv_known || dir != TLSI_DIR_SERVER) {
            copy_address_wmem(wmem_file_scope(), &conv->srv_addr, &pinfo->src);
            conv->srv_port = pinfo->srcport;
            conv->srv_known = TRUE;
        }
        server_hello_seen(conv, msg + 4, len - 4);
        break;
    default:
        break;
    }
}
