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

void tlsi_compat_register(int proto);

/* A cipher suite a ClientHello offers: also tlsi.handshake.ciphersuite,
 * which (as tls.handshake.ciphersuite) matches offered and chosen suites. */
void tlsi_compat_offered_suite(proto_tree *tree, tvbuff_t *tvb, int off);
/* A SignatureAndHashAlgorithm / SignatureScheme at off (2 bytes), drawn as
 * ti: its hash and signature bytes (tlsi.handshake.sig_hash_hash, .._sig). */
void tlsi_compat_sig_hash_split(proto_item *ti, tvbuff_t *tvb, int off);
/* The scheme of a signature (ServerKeyExchange, CertificateVerify): also
 * tlsi.handshake.sig_hash_alg as the built-in names it there. */
void tlsi_compat_signature_scheme(proto_tree *tree, tvbuff_t *tvb, int off);

#endif
