/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cipher_suites.h - the IANA "TLS Cipher Suites" registry as one table.
 *
 * Each assigned cipher suite value maps to the building blocks of
 * algorithms.h. The table is sorted by id, so lookups are a binary search.
 * GREASE values (RFC 8701) are not rows: tlsi_is_grease() recognises them.
 */
#ifndef TLSI_CIPHER_SUITES_H
#define TLSI_CIPHER_SUITES_H

#include <stddef.h>
#include <stdint.h>

#include "algorithms.h"

/* How the server is authenticated; informational (the name says it too). */
typedef enum {
    TLSI_AUTH_NONE = 0, /* not applicable: SCSV, TLS 1.3 (certificate decides) */
    TLSI_AUTH_RSA,
    TLSI_AUTH_DSS,
    TLSI_AUTH_ECDSA,
    TLSI_AUTH_ANON,
    TLSI_AUTH_PSK,
    TLSI_AUTH_SRP,
    TLSI_AUTH_KRB5,
    TLSI_AUTH_ECCPWD,
    TLSI_AUTH_ECJPAKE, /* the password, through the Schnorr proofs */
    TLSI_AUTH_GOST,
    TLSI_AUTH_SM2,
} tlsi_auth;

/* tlsi_suite.flags */
enum {
    TLSI_SUITE_SCSV = 1u << 0,   /* signalling value, not a real suite (RFC 5746, RFC 7507) */
    TLSI_SUITE_EXPORT = 1u << 1, /* export-grade: 40/56-bit keys, export key expansion */
};

typedef struct {
    uint16_t id;          /* the two bytes on the wire */
    uint16_t min_version; /* TLSI_SSL3 .. TLSI_TLS13: first version the suite is defined for */
    const char *name;     /* the IANA description, e.g. "TLS_RSA_WITH_AES_128_GCM_SHA256" */
    tlsi_kex kex;
    tlsi_auth auth;
    tlsi_cipher cipher;
    tlsi_hash mac;  /* record MAC hash (HMAC, or the SSL 3.0 MAC); NONE for AEAD */
    tlsi_hash prf;  /* TLS 1.2 PRF / handshake hash, or the TLS 1.3 HKDF hash */
    uint32_t flags; /* TLSI_SUITE_* */
} tlsi_suite;

/* The row for id, or NULL when IANA assigns nothing there (or it is GREASE). */
const tlsi_suite *tlsi_suite_find(uint16_t id);
/* The IANA name for id, or NULL when unknown. */
const char *tlsi_suite_name(uint16_t id);
/* Number of rows, and row i in ascending id order (NULL past the end), so a
 * caller can build its own value/name table. */
size_t tlsi_suite_count(void);
const tlsi_suite *tlsi_suite_at(size_t i);
/* RFC 8701: 0x0A0A, 0x1A1A, ..., 0xFAFA. */
int tlsi_is_grease(uint16_t id);
/* 1 when tlsi can decrypt records of this suite given key material (key log
 * or RSA private key): the key exchange is one tlsi handles and libgcrypt
 * has the cipher. Otherwise 0, with a reason written to why (when non-NULL,
 * NUL-terminated, truncated to why_len). */
int tlsi_suite_decryptable(const tlsi_suite *s, char *why, size_t why_len);

/* When the suite is outside the list of the version that negotiated it (a
 * suite defined from a later version, such as AES over SSL 3.0; an export
 * suite in TLS 1.1+; a TLS 1.3 suite before 1.3 or the reverse), write a
 * note saying so into buf (NUL-terminated, truncated to len) and return 1;
 * otherwise 0. tlsi decrypts what the two ends negotiated either way: the
 * note is for the tree, never a reason to refuse. */
int tlsi_suite_version_note(const tlsi_suite *s, uint16_t version, char *buf, size_t len);

#endif
