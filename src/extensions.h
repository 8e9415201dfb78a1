/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * extensions.h - the TLS extension block: an iterator over its entries and
 * one parser per extension type.
 *
 * An extensions block is Extension extensions<0..2^16-1> with
 *     struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; }
 * (RFC 8446 4.2). The iterator walks the block, checks each entry's framing
 * and flags repeated types (RFC 8446 4.2: "There MUST NOT be more than one
 * extension of the same type in a given extension block"). tlsi_ext_parse()
 * then decodes one entry's data according to its type and to the message it
 * appears in, since the same type has different bodies in different messages
 * (key_share in a ClientHello is a list; in a ServerHello one entry; in a
 * HelloRetryRequest a bare group).
 *
 * Like every core parser: spans are offsets from `base`, the start of the
 * buffer the caller handed to the message parser, and nothing is allocated.
 * Lists inside an extension are returned as a span of the items (the length
 * prefix is just before it) plus an item count; the list was validated by the
 * parser, and the tlsi_list_* iterators below walk it item by item.
 */
#ifndef TLSI_EXTENSIONS_H
#define TLSI_EXTENSIONS_H

#include <stddef.h>
#include <stdint.h>

#include "reader.h"
#include "tlsi_err.h"

/* ExtensionType values tlsi decodes (IANA "TLS ExtensionType Values"). */
enum {
    TLSI_EXT_SERVER_NAME = 0,
    TLSI_EXT_MAX_FRAGMENT_LENGTH = 1,
    TLSI_EXT_TRUNCATED_HMAC = 4,
    TLSI_EXT_STATUS_REQUEST = 5,
    TLSI_EXT_SUPPORTED_GROUPS = 10,
    TLSI_EXT_SRP = 12,
    TLSI_EXT_EC_POINT_FORMATS = 11,
    TLSI_EXT_SIGNATURE_ALGORITHMS = 13,
    TLSI_EXT_USE_SRTP = 14,
    TLSI_EXT_HEARTBEAT = 15,
    TLSI_EXT_ALPN = 16,
    TLSI_EXT_STATUS_REQUEST_V2 = 17,
    TLSI_EXT_SIGNED_CERTIFICATE_TIMESTAMP = 18,
    TLSI_EXT_CLIENT_CERTIFICATE_TYPE = 19,
    TLSI_EXT_SERVER_CERTIFICATE_TYPE = 20,
    TLSI_EXT_PADDING = 21,
    TLSI_EXT_ENCRYPT_THEN_MAC = 22,
    TLSI_EXT_EXTENDED_MASTER_SECRET = 23,
    TLSI_EXT_COMPRESS_CERTIFICATE = 27,
    TLSI_EXT_RECORD_SIZE_LIMIT = 28,
    TLSI_EXT_DELEGATED_CREDENTIAL = 34,
    TLSI_EXT_SESSION_TICKET = 35,
    TLSI_EXT_PRE_SHARED_KEY = 41,
    TLSI_EXT_EARLY_DATA = 42,
    TLSI_EXT_SUPPORTED_VERSIONS = 43,
    TLSI_EXT_COOKIE = 44,
    TLSI_EXT_PSK_KEY_EXCHANGE_MODES = 45,
    TLSI_EXT_CERTIFICATE_AUTHORITIES = 47,
    TLSI_EXT_OID_FILTERS = 48,
    TLSI_EXT_POST_HANDSHAKE_AUTH = 49,
    TLSI_EXT_SIGNATURE_ALGORITHMS_CERT = 50,
    TLSI_EXT_KEY_SHARE = 51,
    TLSI_EXT_CONNECTION_ID = 54,
    TLSI_EXT_NPN = 13172,
    TLSI_EXT_ALPS_OLD = 17513,
    TLSI_EXT_ALPS = 17613,
    TLSI_EXT_ENCRYPTED_CLIENT_HELLO = 0xfe0d,
    TLSI_EXT_RENEGOTIATION_INFO = 0xff01,
    TLSI_EXT_ENCRYPTED_SERVER_NAME = 0xffce, /* draft-ietf-tls-esni-01..03 (ESNI) */
};

/* The message an extension block belongs to (RFC 8446 4.2 table). */
typedef enum {
    TLSI_EXT_CTX_CLIENT_HELLO = 0,
    TLSI_EXT_CTX_SERVER_HELLO,
    TLSI_EXT_CTX_HELLO_RETRY_REQUEST,
    TLSI_EXT_CTX_ENCRYPTED_EXTENSIONS,
    TLSI_EXT_CTX_NEW_SESSION_TICKET,
    TLSI_EXT_CTX_CERTIFICATE_REQUEST,
    TLSI_EXT_CTX_CERTIFICATE, /* a TLS 1.3 CertificateEntry */
} tlsi_ext_ctx;

/* One entry of an extensions block. */
typedef struct {
    uint16_t type;
    tlsi_span span; /* the whole entry: type, length, data */
    tlsi_span data; /* extension_data */
    /* TLSI_OK, or a problem with this entry that does not stop the walk:
     * TLSI_ERR_DUPLICATE (type seen before in this block) or
     * TLSI_ERR_BAD_VALUE (pre_shared_key not last in a ClientHello, RFC 8446 4.2.11). */
    tlsi_err err;
} tlsi_ext;

typedef struct {
    tlsi_rd rd;
    const uint8_t *base;
    tlsi_ext_ctx ctx;
    uint32_t count;     /* entries returned so far */
    tlsi_err err;       /* framing error that ended the walk, TLSI_OK otherwise */
    uint32_t err_off;   /* where it is, relative to base */
    uint8_t seen[8192]; /* one bit per ExtensionType */
} tlsi_ext_iter;

/* Walk the extension entries in block (the bytes after the u16 length). */
void tlsi_ext_iter_init(tlsi_ext_iter *it, const uint8_t *base, tlsi_span block, tlsi_ext_ctx ctx);

/* 1 and *out filled while entries remain; 0 at the end of the block or when
 * an entry's framing is broken (it->err and it->err_off then say so). */
int tlsi_ext_next(tlsi_ext_iter *it, tlsi_ext *out);

/* Walk a whole block: count entries and return the first framing error, or
 * else the first soft error (duplicate, misplaced pre_shared_key), with its
 * offset. *count may be NULL. */
tlsi_err tlsi_ext_block_check(const uint8_t *base, tlsi_span block, tlsi_ext_ctx ctx,
                              uint32_t *count, uint32_t *err_off);

/* Find the first entry of a type in a block (framing errors end the search).
 * Returns 1 and fills *out when found. */
int tlsi_ext_find(const uint8_t *base, tlsi_span block, uint16_t type, tlsi_ext *out);

/* A validated list inside an extension or message: the items, without the
 * length prefix (which sits just before `items`), and how many there are. */
typedef struct {
    tlsi_span items;
    uint32_t count;
} tlsi_list;

/* The decoded body of one extension. `parsed` is 0 for types tlsi does not
 * decode (or does not decode in this context): the data is then opaque. The
 * member of `u` that is filled is the one named after the type. */
typedef struct {
    uint16_t type;
    tlsi_ext_ctx ctx;
    int parsed;
    union {
        /* server_name (RFC 6066 3): ClientHello: list of (u8 name_type, u16 name);
         * ServerHello/EncryptedExtensions: empty (names.count == 0). */
        struct {
            tlsi_list names;     /* iterate with tlsi_list_server_name_next */
            tlsi_span host_name; /* the first host_name entry's name, len 0 if none */
        } server_name;
        uint8_t max_fragment_length; /* RFC 6066 4: 1..4 */
        tlsi_span srp_username;      /* srp (RFC 5054 2.8.1): opaque srp_I<1..2^8-1> */
        /* status_request (RFC 6066 8; RFC 8446 4.4.2.1 in a CertificateEntry). */
        struct {
            uint8_t status_type;     /* 1 = ocsp */
            tlsi_list responder_ids; /* opaque16 items */
            tlsi_span request_extensions;
            tlsi_span response; /* CertificateEntry: the OCSPResponse */
            int empty;          /* ServerHello (TLS <= 1.2): empty acknowledgement */
        } status_request;
        /* status_request_v2 (RFC 6961 2.2), ClientHello: CertificateStatusRequestItemV2
         * items, iterate with tlsi_list_status_request_v2_next; empty elsewhere. */
        tlsi_list status_request_v2;
        /* supported_groups, signature_algorithms, signature_algorithms_cert,
         * delegated_credential, compress_certificate: u16 items. */
        tlsi_list u16_list;
        /* ec_point_formats, psk_key_exchange_modes: u8 items. */
        tlsi_list u8_list;
        struct {
            tlsi_list profiles; /* u16 SRTPProtectionProfile items */
            tlsi_span mki;
        } use_srtp;             /* RFC 5764 4.1.1 */
        uint8_t heartbeat_mode; /* RFC 6520 2 */
        /* application_layer_protocol_negotiation (RFC 7301 3.1), the ALPS client
         * list, and the NPN server list: u8-prefixed names. */
        struct {
            tlsi_list protocols; /* iterate with tlsi_list_opaque8_next */
            tlsi_span first;     /* the first name */
        } alpn;
        /* signed_certificate_timestamp (RFC 6962 3.3): opaque16 SerializedSCT items,
         * each decoded with tlsi_sct_parse (every v1 SCT was checked). */
        tlsi_list scts;
        /* delegated_credential (RFC 9345 4) in a TLS 1.3 CertificateEntry; in a
         * ClientHello or CertificateRequest the scheme list is in u16_list. */
        struct {
            uint32_t valid_time;            /* seconds after the certificate's notBefore */
            uint16_t cert_verify_algorithm; /* dc_cert_verify_algorithm */
            tlsi_span cert_verify_algorithm_span;
            tlsi_span spki;                 /* ASN1_subjectPublicKeyInfo, after its u24 length */
            uint16_t algorithm;             /* the delegation signature's scheme */
            tlsi_span algorithm_span;
            tlsi_span signature;            /* after its u16 length */
        } delegated_credential;
        tlsi_span padding;          /* padding (RFC 7685): the bytes, all zero */
        uint16_t record_size_limit; /* RFC 8449 4 */
        tlsi_span opaque;           /* session_ticket, ALPS settings, other opaque bodies */
        /* pre_shared_key (RFC 8446 4.2.11). */
        struct {
            tlsi_list identities;  /* iterate with tlsi_list_psk_identity_next */
            tlsi_list binders;     /* opaque8 items */
            tlsi_span binders_vec; /* the binders vector with its u16 length (for binder hashing) */
            uint16_t selected_identity; /* ServerHello */
        } pre_shared_key;
        /* early_data (RFC 8446 4.2.10): empty, or max_early_data_size in a NST. */
        struct {
            int has_max;
            uint32_t max_early_data_size;
        } early_data;
        /* supported_versions (RFC 8446 4.2.1). */
        struct {
            tlsi_list versions; /* ClientHello: u16 items */
            uint16_t selected;  /* ServerHello / HelloRetryRequest */
        } supported_versions;
        tlsi_span cookie;                  /* RFC 8446 4.2.2 */
        tlsi_list certificate_authorities; /* RFC 8446 4.2.4: opaque16 DNs */
        tlsi_list oid_filters; /* RFC 8446 4.2.5: iterate with tlsi_list_oid_filter_next */
        /* key_share (RFC 8446 4.2.8). */
        struct {
            tlsi_list shares;       /* ClientHello: iterate with tlsi_list_key_share_next */
            uint16_t group;         /* ServerHello and HelloRetryRequest */
            tlsi_span key_exchange; /* ServerHello */
        } key_share;
        tlsi_span renegotiated_connection; /* renegotiation_info (RFC 5746 3.2) */
        /* client_/server_certificate_type (RFC 7250 3). */
        struct {
            tlsi_list types;  /* ClientHello: u8 items */
            uint8_t selected; /* ServerHello / EncryptedExtensions */
        } cert_type;
        tlsi_span connection_id; /* RFC 9146 3 */
        /* encrypted_client_hello (draft-ietf-tls-esni 5), ClientHello form. */
        struct {
            uint8_t ch_type; /* 0 outer, 1 inner */
            uint16_t kdf_id;
            uint16_t aead_id;
            uint8_t config_id;
            tlsi_span enc;
            tlsi_span payload;
            tlsi_span other; /* EncryptedExtensions retry_configs, HRR confirmation */
        } ech;
        /* encrypted_server_name (draft-ietf-tls-esni-01..03, 0xffce): the
         * ClientHello's ClientEncryptedSNI, or the 16-byte nonce the server
         * echoes in EncryptedExtensions. */
        struct {
            uint16_t suite;        /* TLS 1.3 cipher suite of the encryption */
            uint16_t group;        /* key_share: the client's KeyShareEntry */
            tlsi_span key_exchange;
            tlsi_span record_digest; /* opaque<0..2^16-1>: names the ESNIKeys record */
            tlsi_span encrypted_sni; /* opaque<0..2^16-1> */
            tlsi_span nonce;         /* EncryptedExtensions: uint8 nonce[16] */
        } esni;
    } u;
} tlsi_ext_value;

/* Decode one entry (from the iterator) found in a block of context ctx.
 * On error, *out holds what was decoded before the bad byte and *err_off is
 * the offset of that byte relative to base. */
tlsi_err tlsi_ext_parse(const uint8_t *base, const tlsi_ext *ext, tlsi_ext_ctx ctx,
                        tlsi_ext_value *out, uint32_t *err_off);

/* Item iterators over a validated tlsi_list. Each returns 1 with the item, or
 * 0 at the end (or, for a list that was never validated, at a bad item). */
typedef struct {
    tlsi_rd rd;
    const uint8_t *base;
} tlsi_list_iter;

void tlsi_list_iter_init(tlsi_list_iter *it, const uint8_t *base, const tlsi_list *list);
int tlsi_list_u8_next(tlsi_list_iter *it, uint8_t *v);
int tlsi_list_u16_next(tlsi_list_iter *it, uint16_t *v);
/* opaque<1..2^8-1> / opaque<1..2^16-1> items: *item is the content, without its length. */
int tlsi_list_opaque8_next(tlsi_list_iter *it, tlsi_span *item);
int tlsi_list_opaque16_next(tlsi_list_iter *it, tlsi_span *item);
int tlsi_list_opaque24_next(tlsi_list_iter *it, tlsi_span *item);

typedef struct {
    uint8_t name_type; /* 0 = host_name */
    tlsi_span type_span;
    tlsi_span name;
} tlsi_server_name;
int tlsi_list_server_name_next(tlsi_list_iter *it, tlsi_server_name *out);

typedef struct {
    uint16_t group;
    tlsi_span key_exchange;
    tlsi_span entry; /* the whole KeyShareEntry: group, length, key_exchange */
} tlsi_key_share_entry;
int tlsi_list_key_share_next(tlsi_list_iter *it, tlsi_key_share_entry *out);

typedef struct {
    tlsi_span identity;
    uint32_t obfuscated_ticket_age;
    tlsi_span age;   /* the 4 bytes of obfuscated_ticket_age */
    tlsi_span entry; /* the whole PskIdentity: length, identity, age */
} tlsi_psk_identity;
int tlsi_list_psk_identity_next(tlsi_list_iter *it, tlsi_psk_identity *out);

typedef struct {
    tlsi_span oid;
    tlsi_span values;
    tlsi_span entry; /* the whole OIDFilter: both lengths and contents */
} tlsi_oid_filter;
int tlsi_list_oid_filter_next(tlsi_list_iter *it, tlsi_oid_filter *out);

/* RFC 6961 2.2: struct { CertificateStatusType status_type; uint16 request_length;
 * select (status_type) { case ocsp: case ocsp_multi: OCSPStatusRequest; } request; }. */
typedef struct {
    uint8_t status_type; /* 1 = ocsp, 2 = ocsp_multi */
    tlsi_span type_span;
    tlsi_span request;   /* after request_length */
    /* The OCSPStatusRequest (RFC 6066 8) when status_type is 1 or 2. */
    tlsi_list responder_ids; /* opaque16 items */
    tlsi_span request_extensions;
} tlsi_status_request_item;
int tlsi_list_status_request_v2_next(tlsi_list_iter *it, tlsi_status_request_item *out);

/* RFC 6962 3.2 SignedCertificateTimestamp, version v1 (0):
 *     struct { Version sct_version; LogID id (opaque key_id[32]); uint64 timestamp;
 *              CtExtensions extensions (opaque<0..2^16-1>);
 *              digitally-signed struct { ... } (RFC 5246 4.7:
 *                  SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>); } */
typedef struct {
    uint8_t version;
    tlsi_span log_id;     /* 32 bytes; version before it, timestamp after it */
    uint64_t timestamp;   /* milliseconds since the epoch */
    tlsi_span timestamp_span;
    tlsi_span extensions; /* after its u16 length */
    uint16_t sig_alg;
    tlsi_span sig_alg_span;
    tlsi_span signature;  /* after its u16 length */
} tlsi_sct;

/* Decode one SerializedSCT's content (an item of tlsi_ext_value.u.scts). The
 * SCT must fill sct exactly. TLSI_ERR_UNSUPPORTED for a version other than v1
 * (only out->version is then set: RFC 6962 3.3 lets clients ignore those). */
tlsi_err tlsi_sct_parse(const uint8_t *base, tlsi_span sct, tlsi_sct *out, uint32_t *err_off);

/* TLS 1.3 or one of its drafts (0x7f0e..0x7f1c, RFC 8446 D / draft headers). */
int tlsi_version_is_tls13(uint16_t v);

#endif
