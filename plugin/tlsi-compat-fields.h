/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-compat-fields.h - fields that let display filters, columns and
 * "tshark -e" lists written for the built-in TLS dissector (tls.*) work
 * with tlsi by replacing the prefix (doc/compat.md): the same suffix, type
 * and meaning, added beside tlsi's own fields by the tree code.
 */
#ifndef TLSI_COMPAT_FIELDS_H
#define TLSI_COMPAT_FIELDS_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "heartbeat.h"

void tlsi_compat_register(int proto);

/* Subtrees under the built-in's names, for the tree code to draw. */
enum {
    TLSI_COMPAT_EC_POINT_FORMATS, /* tlsi.handshake.extensions_ec_point_formats */
    TLSI_COMPAT_ALPN_LIST,        /* tlsi.handshake.extensions_alpn_list */
    TLSI_COMPAT_CERT_TYPES,       /* tlsi.handshake.cert_type.types */
    TLSI_COMPAT_N
};
int tlsi_compat_hf(int which);

/* A cipher suite a ClientHello offers: also tlsi.handshake.ciphersuite,
 * which (as tls.handshake.ciphersuite) matches offered and chosen suites. */
void tlsi_compat_offered_suite(proto_tree *tree, tvbuff_t *tvb, int off);
/* A SignatureAndHashAlgorithm / SignatureScheme at off (2 bytes), drawn as
 * ti: its hash and signature bytes (tlsi.handshake.sig_hash_hash, .._sig). */
void tlsi_compat_sig_hash_split(proto_item *ti, tvbuff_t *tvb, int off);
/* The scheme of a signature (ServerKeyExchange, CertificateVerify): also
 * tlsi.handshake.sig_hash_alg as the built-in names it there. */
void tlsi_compat_signature_scheme(proto_tree *tree, tvbuff_t *tvb, int off);

/* A TLS <= 1.2 ServerHello that resumes a session (item: its
 * tlsi.handshake.resumed): the built-in's expert note, as tlsi.resumed. */
void tlsi_compat_resumed(packet_info *pinfo, proto_item *item);

/* A heartbeat message's fields under the built-in's names (hidden). */
void tlsi_compat_heartbeat(proto_tree *tree, tvbuff_t *tvb, const tlsi_heartbeat *hb);
/* An SSLv2 record header's is-escape bit and padding length (3-byte header). */
void tlsi_compat_sslv2_header(proto_tree *tree, tvbuff_t *tvb, guint32 header_len);
/* A record whose compressed plaintext does not inflate: tlsi.decompression_error. */
void tlsi_compat_decompression_error(packet_info *pinfo, proto_item *item);

#endif
