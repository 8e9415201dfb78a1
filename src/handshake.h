/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * handshake.h - handshake message framing and one parser per message.
 *
 * A handshake message is struct { HandshakeType msg_type; uint24 length;
 * body } (RFC 8446 4, RFC 5246 7.4). tlsi_hs_header_parse() reads the four
 * header bytes; the plugin reassembles the body and hands it to the parser of
 * msg_type. Every parser
 *   - takes the body alone (buf, len): spans in its result are offsets from
 *     buf, so the plugin adds the body's tvb offset to draw them;
 *   - zeroes its result first, then fills it as far as it gets;
 *   - must consume exactly the body: leftovers are TLSI_ERR_TRAILING;
 *   - on error returns the tlsi_err and, in *err_off, the offset of the field
 *     where it stopped (a length field that runs past its container, the first
 *     byte left over, the byte with a forbidden value);
 *   - returns TLSI_ERR_DUPLICATE as a "soft" error: the message parsed
 *     completely but an extension block repeats a type. Hard errors win.
 * Where the wire format depends on the negotiated version or the key exchange,
 * the parser takes a tlsi_hs_ctx.
 *
 * Vectors are given as the span of their content; the length field sits just
 * before it (1, 2 or 3 bytes as the RFC struct says), so the plugin can draw
 * it at span.off - n.
 */
#ifndef TLSI_HANDSHAKE_H
#define TLSI_HANDSHAKE_H

#include <stddef.h>
#include <stdint.h>

#include "algorithms.h"
#include "extensions.h"
#include "reader.h"
#include "tlsi_err.h"

/* HandshakeType (IANA "TLS HandshakeType"). */
enum {
    TLSI_HS_HELLO_REQUEST = 0,
    TLSI_HS_CLIENT_HELLO = 1,
    TLSI_HS_SERVER_HELLO = 2,
    TLSI_HS_HELLO_VERIFY_REQUEST = 3,
    TLSI_HS_NEW_SESSION_TICKET = 4,
    TLSI_HS_END_OF_EARLY_DATA = 5,
    TLSI_HS_HELLO_RETRY_REQUEST = 6, /* TLS 1.3 drafts; RFC 8446 sends a ServerHello */
    TLSI_HS_ENCRYPTED_EXTENSIONS = 8,
    TLSI_HS_CERTIFICATE = 11,
    TLSI_HS_SERVER_KEY_EXCHANGE = 12,
    TLSI_HS_CERTIFICATE_REQUEST = 13,
    TLSI_HS_SERVER_HELLO_DONE = 14,
    TLSI_HS_CERTIFICATE_VERIFY = 15,
    TLSI_HS_CLIENT_KEY_EXCHANGE = 16,
    TLSI_HS_FINISHED = 20,
    TLSI_HS_CERTIFICATE_URL = 21,
    TLSI_HS_CERTIFICATE_STATUS = 22,
    TLSI_HS_SUPPLEMENTAL_DATA = 23,
    TLSI_HS_KEY_UPDATE = 24,
    TLSI_HS_COMPRESSED_CERTIFICATE = 25,
    TLSI_HS_EKT_KEY = 26,
    TLSI_HS_NEXT_PROTOCOL = 67, /* NPN */
    TLSI_HS_MESSAGE_HASH = 254,
};

/* What the parsers need to know about the connection. */
typedef struct {
    uint16_t version; /* negotiated version (tlsi_negotiated_version), 0 if unknown */
    tlsi_kex kex;     /* key exchange of the negotiated suite, TLSI_KEX_NULL if unknown */
    int is_server;    /* the message was sent by the server */
} tlsi_hs_ctx;

/* ---- framing ---- */

typedef struct {
    uint8_t type;
    uint32_t length; /* body length from the header */
    tlsi_span body;  /* {4, length}: may reach past the buffer; reassemble until it does not */
} tlsi_hs_header;

/* TLSI_ERR_SHORT when fewer than 4 bytes are given. */
tlsi_err tlsi_hs_header_parse(const uint8_t *buf, size_t len, tlsi_hs_header *out);

/* ---- hello messages ---- */

/* struct { uint32 gmt_unix_time; opaque random_bytes[28]; } Random (RFC 5246 7.4.1.2);
 * TLS 1.3 treats all 32 bytes as random, but the first four are still shown. */
typedef struct {
    tlsi_span random;       /* 32 bytes */
    uint32_t gmt_unix_time; /* first 4 bytes of random */
    tlsi_span random_bytes; /* the 28 bytes after gmt_unix_time (SSL 3.0 - TLS 1.2) */
} tlsi_random;

/* RFC 8446 4.1.2 / RFC 5246 7.4.1.2. */
typedef struct {
    uint16_t legacy_version;
    tlsi_random random;
    tlsi_span session_id;          /* 0..32 bytes */
    tlsi_list cipher_suites;       /* u16 items, even length >= 2 */
    tlsi_list compression_methods; /* u8 items, >= 1 */
    int has_extensions;            /* SSL 3.0 / early TLS clients may omit the block */
    tlsi_span extensions;          /* the block content; iterate with tlsi_ext_iter */
    uint32_t n_extensions;
} tlsi_client_hello;

tlsi_err tlsi_client_hello_parse(const uint8_t *buf, size_t len, tlsi_client_hello *out,
                                 uint32_t *err_off);

/* Values of tlsi_server_hello.downgrade (RFC 8446 4.1.3). */
enum {
    TLSI_DOWNGRADE_NONE = 0,
    TLSI_DOWNGRADE_TLS12 = 1, /* "DOWNGRD\x01": a TLS 1.3 server negotiated TLS 1.2 */
    TLSI_DOWNGRADE_TLS11 = 2, /* "DOWNGRD\x00": TLS 1.1 or below */
};

/* RFC 8446 4.1.3 / RFC 5246 7.4.1.3. A HelloRetryRequest is a ServerHello with
 * a fixed random; TLS 1.3 drafts 14..21 used a shorter ServerHello without
 * session id and compression method, which is parsed too. */
typedef struct {
    uint16_t legacy_version;
    tlsi_random random;
    tlsi_span session_id;
    uint16_t cipher_suite;
    tlsi_span cipher_suite_span;
    uint8_t compression_method;
    tlsi_span compression_span; /* len 0 in the draft layout or when cut short */
    int has_extensions;
    tlsi_span extensions;
    uint32_t n_extensions;
    int is_hrr;                /* random is SHA-256("HelloRetryRequest") */
    int downgrade;             /* TLSI_DOWNGRADE_* sentinel in the last 8 bytes of random */
    int draft_format;          /* TLS 1.3 draft <= 21 layout (no session id / compression) */
    uint16_t selected_version; /* from supported_versions, 0 when absent */
    uint16_t key_share_group;  /* from key_share (ServerHello or HRR), 0 when absent */
} tlsi_server_hello;

tlsi_err tlsi_server_hello_parse(const uint8_t *buf, size_t len, tlsi_server_hello *out,
                                 uint32_t *err_off);

/* The version the connection runs: supported_versions' selection if present,
 * else the ServerHello's legacy version (RFC 8446 4.2.1). */
uint16_t tlsi_negotiated_version(const tlsi_server_hello *sh);

/* The 32-byte HelloRetryRequest random (RFC 8446 4.1.3). */
extern const uint8_t tlsi_hrr_random[32];

/* ---- certificates ---- */

/* Certificate (RFC 5246 7.4.2: ASN.1Cert certificate_list<0..2^24-1>, each
 * opaque<1..2^24-1>; RFC 8446 4.4.2: opaque certificate_request_context<0..2^8-1>;
 * CertificateEntry certificate_list<0..2^24-1> with CertificateEntry
 * { opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1>; }). */
typedef struct {
    int tls13;
    tlsi_span request_context; /* TLS 1.3 */
    tlsi_span list;            /* certificate_list content */
    uint32_t count;
} tlsi_certificate;

typedef struct {
    tlsi_span entry;      /* the whole entry: length prefix, certificate, TLS 1.3 extensions */
    tlsi_span cert;       /* the DER certificate (or raw public key) */
    tlsi_span extensions; /* TLS 1.3: the entry's extension block content */
} tlsi_cert_entry;

/* ctx->version selects the layout (TLS 1.3 or earlier). */
tlsi_err tlsi_certificate_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                tlsi_certificate *out, uint32_t *err_off);

typedef struct {
    tlsi_rd rd;
    const uint8_t *base;
    int tls13;
} tlsi_cert_iter;

/* Walk a certificate list that tlsi_certificate_parse() accepted. */
void tlsi_cert_iter_init(tlsi_cert_iter *it, const uint8_t *buf, const tlsi_certificate *c);
int tlsi_cert_next(tlsi_cert_iter *it, tlsi_cert_entry *out);

/* CertificateStatus (RFC 6066 8: status_type 1 ocsp, opaque OCSPResponse<1..2^24-1>;
 * RFC 6961 2.2: status_type 2 ocsp_multi, OCSPResponse list<1..2^24-1> of
 * opaque<0..2^24-1>). */
typedef struct {
    uint8_t status_type;
    tlsi_span response;  /* ocsp */
    tlsi_list responses; /* ocsp_multi: opaque24 items */
} tlsi_certificate_status;

tlsi_err tlsi_certificate_status_parse(const uint8_t *buf, size_t len, tlsi_certificate_status *out,
                                       uint32_t *err_off);

/* CertificateURL (RFC 6066 5): CertChainType type; URLAndHash
 * url_and_hash_list<1..2^16-1> with { opaque url<1..2^16-1>; uint8 padding (1);
 * opaque SHA1Hash[20]; }. */
typedef struct {
    uint8_t chain_type; /* 0 individual_certs, 1 pkipath */
    tlsi_list urls;     /* iterate with tlsi_url_and_hash_next */
} tlsi_certificate_url;

typedef struct {
    tlsi_span entry; /* the whole URLAndHash */
    tlsi_span url;
    uint8_t padding;
    tlsi_span padding_span;
    tlsi_span sha1_hash;
} tlsi_url_and_hash;

tlsi_err tlsi_certificate_url_parse(const uint8_t *buf, size_t len, tlsi_certificate_url *out,
                                    uint32_t *err_off);
int tlsi_url_and_hash_next(tlsi_list_iter *it, tlsi_url_and_hash *out);

/* CompressedCertificate (RFC 8879 4): CertificateCompressionAlgorithm algorithm;
 * uint24 uncompressed_length; opaque compressed_certificate_message<1..2^24-1>. */
typedef struct {
    uint16_t algorithm;
    uint32_t uncompressed_length;
    tlsi_span compressed;
} tlsi_compressed_certificate;

tlsi_err tlsi_compressed_certificate_parse(const uint8_t *buf, size_t len,
                                           tlsi_compressed_certificate *out, uint32_t *err_off);

/* ---- key exchange ---- */

/* A digitally-signed element: TLS 1.2 (RFC 5246 4.7) prefixes the signature
 * with the SignatureAndHashAlgorithm; SSL 3.0 - TLS 1.1 (RFC 4346 4.7) have the
 * opaque<0..2^16-1> alone. */
typedef struct {
    int present;
    int has_scheme;
    uint16_t scheme;
    tlsi_span scheme_span;
    tlsi_span signature;
} tlsi_signature;

/* EC J-PAKE (draft-cragie-tls-ecjpake-01): ECJPAKEKeyKP { ECPoint X; ECSchnorrZKP
 * { ECPoint V; opaque r<1..2^8-1>; } }, each ECPoint an opaque point<1..2^8-1>.
 * The spans are the contents; each has a one-byte length just before it. */
typedef struct {
    tlsi_span x; /* the public key */
    tlsi_span v; /* the Schnorr proof's ephemeral public key */
    tlsi_span r; /* the Schnorr proof's response */
} tlsi_ecjpake_kp;

/* ServerKeyExchange (RFC 5246 7.4.3, RFC 4492/8422 5.4, RFC 4279 2-4, RFC 5054
 * 2.8.2, draft-cragie-tls-ecjpake-01). Which members are filled depends on kex. */
typedef struct {
    tlsi_kex kex;
    tlsi_span psk_identity_hint; /* PSK, DHE_PSK, ECDHE_PSK, RSA_PSK */
    tlsi_span rsa_modulus;       /* RSA_EXPORT (ServerRSAParams) */
    tlsi_span rsa_exponent;
    tlsi_span dh_p, dh_g, dh_ys; /* DH(E)(_PSK) (ServerDHParams) */
    uint8_t curve_type;          /* ECDH(E)(_PSK), ECJPAKE (ECParameters): 3 named_curve */
    uint16_t named_curve;
    tlsi_span curve_type_span, named_curve_span; /* len 0 when not read */
    tlsi_span ec_point;
    tlsi_span srp_n, srp_g, srp_s, srp_b; /* SRP */
    tlsi_ecjpake_kp ecjpake;    /* ECJPAKE, after curve_type and named_curve */
    tlsi_span params;   /* the bytes the signature covers (after client/server random) */
    tlsi_signature sig; /* when the server signed the params */
} tlsi_server_key_exchange;

/* ctx->kex must be known (else TLSI_ERR_UNSUPPORTED); ctx->version picks the
 * signature form (0: the form that fits is taken). */
tlsi_err tlsi_server_key_exchange_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                        tlsi_server_key_exchange *out, uint32_t *err_off);

/* ClientKeyExchange (RFC 5246 7.4.7, RFC 8422 5.7, RFC 4279, RFC 5054 2.8.3,
 * draft-cragie-tls-ecjpake-01). */
typedef struct {
    tlsi_kex kex;
    tlsi_span psk_identity; /* PSK variants */
    tlsi_span exchange;     /* encrypted premaster, Yc, EC point or SRP A */
    tlsi_ecjpake_kp ecjpake; /* ECJPAKE: the client's key and proof (exchange unused) */
    int implicit;           /* DH/ECDH with the client key in its certificate: no exchange */
    int ssl3_rsa;           /* SSL 3.0 RSA: the premaster has no length prefix */
} tlsi_client_key_exchange;

tlsi_err tlsi_client_key_exchange_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                        tlsi_client_key_exchange *out, uint32_t *err_off);

/* CertificateRequest. TLS <= 1.2 (RFC 5246 7.4.4): ClientCertificateType
 * certificate_types<1..2^8-1>; TLS 1.2 only: SignatureAndHashAlgorithm
 * supported_signature_algorithms<2..2^16-2>; DistinguishedName
 * certificate_authorities<0..2^16-1> (each opaque<1..2^16-1>).
 * TLS 1.3 (RFC 8446 4.3.2): opaque certificate_request_context<0..2^8-1>;
 * Extension extensions<2..2^16-1>. */
typedef struct {
    int tls13;
    tlsi_list cert_types; /* u8 items */
    int has_sig_algs;
    tlsi_list sig_algs;   /* u16 items */
    tlsi_list cas;        /* opaque16 items */
    tlsi_span context;    /* TLS 1.3 */
    tlsi_span extensions; /* TLS 1.3 */
    uint32_t n_extensions;
} tlsi_certificate_request;

tlsi_err tlsi_certificate_request_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                        tlsi_certificate_request *out, uint32_t *err_off);

/* CertificateVerify (RFC 8446 4.4.3, RFC 5246 7.4.8, RFC 4346 7.4.8). */
tlsi_err tlsi_certificate_verify_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                       tlsi_signature *out, uint32_t *err_off);

/* ---- the rest ---- */

/* Finished: verify_data is the whole body. Its expected length (12 in TLS,
 * 36 in SSL 3.0, the hash length in TLS 1.3) is checked by the caller. */
typedef struct {
    tlsi_span verify_data;
} tlsi_finished;

tlsi_err tlsi_finished_parse(const uint8_t *buf, size_t len, tlsi_finished *out, uint32_t *err_off);

/* NewSessionTicket. RFC 5077 3.3: uint32 ticket_lifetime_hint; opaque
 * ticket<0..2^16-1>. RFC 8446 4.6.1: uint32 ticket_lifetime; uint32
 * ticket_age_add; opaque ticket_nonce<0..255>; opaque ticket<1..2^16-1>;
 * Extension extensions<0..2^16-2>. */
typedef struct {
    int tls13;
    uint32_t lifetime;
    uint32_t age_add;
    tlsi_span nonce;
    tlsi_span ticket;
    tlsi_span extensions;
    uint32_t n_extensions;
} tlsi_new_session_ticket;

tlsi_err tlsi_new_session_ticket_parse(const uint8_t *buf, size_t len, const tlsi_hs_ctx *ctx,
                                       tlsi_new_session_ticket *out, uint32_t *err_off);

/* KeyUpdate (RFC 8446 4.6.3): KeyUpdateRequest request_update, 0 or 1. */
tlsi_err tlsi_key_update_parse(const uint8_t *buf, size_t len, uint8_t *request_update,
                               uint32_t *err_off);

/* EncryptedExtensions (RFC 8446 4.3.1): Extension extensions<0..2^16-1>. */
typedef struct {
    tlsi_span extensions;
    uint32_t n_extensions;
} tlsi_encrypted_extensions;

tlsi_err tlsi_encrypted_extensions_parse(const uint8_t *buf, size_t len,
                                         tlsi_encrypted_extensions *out, uint32_t *err_off);

/* HelloRequest, ServerHelloDone, EndOfEarlyData: struct {} (any byte is TRAILING). */
tlsi_err tlsi_empty_parse(const uint8_t *buf, size_t len, uint32_t *err_off);

/* NextProtocol (draft-agl-tls-nextprotoneg 3): opaque selected_protocol<0..255>;
 * opaque padding<0..255>. */
typedef struct {
    tlsi_span selected_protocol;
    tlsi_span padding;
} tlsi_next_protocol;

tlsi_err tlsi_next_protocol_parse(const uint8_t *buf, size_t len, tlsi_next_protocol *out,
                                  uint32_t *err_off);

#endif
