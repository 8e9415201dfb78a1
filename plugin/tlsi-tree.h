/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-tree.h - what the handshake tree files (plugin/tlsi-tree-*.c) share:
 * where a message body sits in its tvb, the name tables built once at
 * registration, and the drawing helpers every message uses.
 *
 * The core parsers return spans relative to the body they were given; the
 * tvb a message is drawn from starts at the 4-byte handshake header, so a
 * span is drawn at tb->base + span.off.
 */
#ifndef TLSI_TREE_H
#define TLSI_TREE_H

#include "packet-tlsi.h"

#include <epan/strutil.h>
#include <wsutil/str_util.h>

#include "extensions.h"
#include "handshake.h"
#include "tlsi_err.h"
#include "tlsi-compat-alias.h"

/* A handshake body being drawn. */
typedef struct {
    tvbuff_t *tvb;
    packet_info *pinfo;
    const guint8 *body; /* the bytes the core parsers saw */
    guint32 len;
    int base; /* tvb offset of body[0] */
    /* Parsers fill their result "as far as they get": after a hard error
     * only what ends before the bad byte is trustworthy. lim is that offset
     * (len when the parse succeeded). */
    guint32 lim;
    guint16 version; /* negotiated version when the message was seen, 0 unknown */
    /* The connection's version as known now (its latest ServerHello): on
     * later passes also for messages before the ServerHello. */
    guint16 conn_version;
    gboolean from_server;
} tlsi_tb;

static inline int tlsi_tb_off(const tlsi_tb *b, guint32 off)
{
    return b->base + (int)off;
}

/* A vector the parser returned: its content lies before the limit. An unset
 * span is {0, 0}; a set one never starts at 0, since its length prefix comes
 * first. */
static inline gboolean tlsi_tb_has(const tlsi_tb *b, tlsi_span s)
{
    return s.off != 0 && s.off + s.len <= b->lim;
}

/* A fixed-size field at off is before the limit. */
static inline gboolean tlsi_tb_fits(const tlsi_tb *b, guint32 off, guint32 n)
{
    return off + n <= b->lim;
}

/* ---- tlsi-tree-common.c: shared tables and helpers ---- */

/* Build the name tables and register the shared expert info (once, before
 * the tables are used in field registrations). */
void tlsi_tree_common_register(int proto);

/* Name tables with GREASE values (RFC 8701) merged in, for BASE_EXT_STRING fields. */
value_string_ext *tlsi_tree_suite_vals(void);
value_string_ext *tlsi_tree_version_vals(void);
value_string_ext *tlsi_tree_group_vals(void);
value_string_ext *tlsi_tree_sig_scheme_vals(void);
value_string_ext *tlsi_tree_ext_type_vals(void);

/* Set .strings (and BASE_EXT_STRING when ext) of the field registered as *id
 * in an hf array before it is registered. */
void tlsi_tree_set_strings(hf_register_info *hf, size_t n, int *id, const void *strings,
                           gboolean ext);

/* Draw a vector: its length field (lb bytes just before s) then its content
 * with hf_data (enc as proto_tree_add_item takes it; -1 hf: no content item).
 * Returns the content item. */
proto_item *tlsi_tree_vec(const tlsi_tb *b, proto_tree *tree, int hf_len, int hf_data, tlsi_span s,
                          int lb, guint enc);

/* The length prefix (lb bytes) of the vector whose content is s; the item. */
proto_item *tlsi_tree_vec_len(const tlsi_tb *b, proto_tree *tree, int hf_len, tlsi_span s, int lb);

/* A subtree item over a vector including its length prefix. */
proto_tree *tlsi_tree_vec_subtree(const tlsi_tb *b, proto_tree *tree, int hf, gint ett, tlsi_span s,
                                  int lb, proto_item **item);

/* Report a parse error of the message or element `what` at body offset
 * err_off (expert info, PI_MALFORMED). */
void tlsi_tree_malformed(const tlsi_tb *b, proto_tree *tree, const char *what, tlsi_err err,
                         guint32 err_off);

/* ---- tlsi-tree-extensions.c ---- */

void tlsi_register_extension_tree(int proto, expert_module_t *expert);

/* What a hello's extensions say that the message tree shows at top level. */
typedef struct {
    gboolean offers_tls13; /* ClientHello supported_versions lists TLS 1.3 or a draft */
    gboolean has_psk;      /* pre_shared_key present */
} tlsi_ext_summary;

/* One KeyShareEntry (group, key_exchange) as key_share draws it. */
void tlsi_tree_key_share_entry(const tlsi_tb *b, proto_tree *tree, const tlsi_key_share_entry *ks);

/* ---- tlsi-tree-esni.c: encrypted_server_name (ESNI drafts 01..03) ---- */

void tlsi_tree_esni(const tlsi_tb *b, proto_tree *et, proto_item *ei, const tlsi_ext *e,
                    const tlsi_ext_value *v);

/* Draw an extension block with its u16 length (just before block). sum may be NULL. */
void tlsi_tree_extensions(const tlsi_tb *b, proto_tree *tree, tlsi_span block, tlsi_ext_ctx ctx,
                          tlsi_ext_summary *sum);

/* ---- tlsi-tree-certs.c ---- */

void tlsi_register_cert_tree(int proto, expert_module_t *expert);

/* Draw DER bytes with hf and, when Wireshark has a dissector for key in the
 * string table `table`, hand them to it beneath: certificates to the
 * "ber.syntax" "Certificate" (X.509), OCSP responses to TLSI_OCSP_*. */
void tlsi_tree_handoff(const tlsi_tb *b, proto_tree *tree, const char *table, const char *key,
                       tlsi_span s, int hf);
#define TLSI_OCSP_TABLE "media_type"
#define TLSI_OCSP_KEY "application/ocsp-response"

void tlsi_tree_certificate(const tlsi_tb *b, proto_tree *tree);
void tlsi_tree_certificate_status(const tlsi_tb *b, proto_tree *tree);
void tlsi_tree_certificate_request(const tlsi_tb *b, proto_tree *tree);
void tlsi_tree_certificate_url(const tlsi_tb *b, proto_tree *tree);
void tlsi_tree_compressed_certificate(const tlsi_tb *b, proto_tree *tree);

/* Distinguished names (opaque16 items): each handed to the X.509 "Name" syntax. */
void tlsi_tree_dn_list(const tlsi_tb *b, proto_tree *tree, const tlsi_list *cas);

/* ---- tlsi-tree-kex.c ---- */

void tlsi_register_kex_tree(int proto, expert_module_t *expert);

void tlsi_tree_server_key_exchange(const tlsi_tb *b, proto_tree *tree, tlsi_kex kex);
void tlsi_tree_client_key_exchange(const tlsi_tb *b, proto_tree *tree, tlsi_kex kex);
void tlsi_tree_certificate_verify(const tlsi_tb *b, proto_tree *tree);

/* Signature algorithm lists (u16 items) drawn with the shared field. */
void tlsi_tree_sig_alg_list(const tlsi_tb *b, proto_tree *tree, const tlsi_list *l, int lb);

#endif
