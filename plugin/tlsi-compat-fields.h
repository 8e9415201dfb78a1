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
#include "tlsi_err.h"

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
/* An SSL 3.0 Finished (item: its verify_data, 36 bytes at off): its MD5
 * and SHA-1 hashes (RFC 6101 5.6.9), tlsi.handshake.md5_hash / sha_hash. */
void tlsi_compat_ssl3_finished(proto_item *ti, tvbuff_t *tvb, int off);
/* A record whose compressed plaintext does not inflate: tlsi.decompression_error. */
void tlsi_compat_decompression_error(packet_info *pinfo, proto_item *item);

/* Expert infos under the built-in's names, raised beside tlsi's own
 * (hidden in the tree; tlsi's entry says the same in its words). */
enum {
    TLSI_CEI_UNEXPECTED_MESSAGE,    /* tlsi.unexpected_message (tlsi.handshake.unexpected) */
    TLSI_CEI_IGNORED_UNKNOWN_RECORD, /* tlsi.ignored_unknown_record (.content_type.unknown) */
    TLSI_CEI_BUFFER_TOO_SMALL,      /* tlsi.malformed.buffer_too_small: input ends early */
    TLSI_CEI_TRAILING_DATA,         /* tlsi.malformed.trailing_data: bytes left over */
    TLSI_CEI_VECTOR_LENGTH,         /* tlsi.malformed.vector_length: a length out of range */
    TLSI_CEI_SESSION_ID_LENGTH,     /* tlsi.handshake.session_id_length.error (SSLv2) */
    TLSI_CEI_HB_PAYLOAD_LENGTH,     /* tlsi.heartbeat_message.payload_length.invalid */
    TLSI_CEI_N
};
void tlsi_compat_expert(proto_tree *tree, packet_info *pinfo, int which, tvbuff_t *tvb, int off,
                        int len);
/* The malformed.* expert for a core parser's error, if it has one. */
void tlsi_compat_malformed(proto_tree *tree, packet_info *pinfo, tlsi_err err, tvbuff_t *tvb,
                           int off, int len);

#endif
