/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * names.h - number-to-name tables for the TLS registries the dissector shows.
 *
 * Every table is an array of {id, name} sorted by id, ids unique, ending with
 * an entry whose name is NULL ({0, NULL}). The plugin turns them into
 * Wireshark value_strings; the core looks names up with tlsi_name_lookup().
 * Handshake types, content types, alerts and versions use Wireshark-style
 * display names ("Client Hello", "Close Notify", "TLS 1.2") because the Info
 * column shows them; the IANA registries (extensions, groups, signature
 * schemes, ...) use the registry's own identifiers ("server_name", "x25519").
 */
#ifndef TLSI_NAMES_H
#define TLSI_NAMES_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t id;
    const char *name;
} tlsi_name;

extern const tlsi_name tlsi_content_type_names[];     /* ContentType (u8) */
extern const tlsi_name tlsi_version_names[];          /* ProtocolVersion (u16) */
extern const tlsi_name tlsi_hs_type_names[];          /* HandshakeType (u8) */
extern const tlsi_name tlsi_alert_level_names[];      /* AlertLevel (u8) */
extern const tlsi_name tlsi_alert_desc_names[];       /* AlertDescription (u8) */
extern const tlsi_name tlsi_ext_type_names[];         /* ExtensionType (u16) */
extern const tlsi_name tlsi_group_names[];            /* NamedGroup (u16) */
extern const tlsi_name tlsi_sig_scheme_names[];       /* SignatureScheme / hash+sig (u16) */
extern const tlsi_name tlsi_hash_alg_names[];         /* TLS 1.2 HashAlgorithm (u8) */
extern const tlsi_name tlsi_sig_alg_names[];          /* TLS 1.2 SignatureAlgorithm (u8) */
extern const tlsi_name tlsi_ec_point_format_names[];  /* ECPointFormat (u8) */
extern const tlsi_name tlsi_ec_curve_type_names[];    /* ECCurveType (u8) */
extern const tlsi_name tlsi_psk_ke_mode_names[];      /* PskKeyExchangeMode (u8) */
extern const tlsi_name tlsi_cert_status_type_names[]; /* CertificateStatusType (u8) */
extern const tlsi_name tlsi_compression_names[];      /* CompressionMethod (u8) */
extern const tlsi_name tlsi_cert_compression_names[]; /* CertificateCompressionAlgorithm (u16) */
extern const tlsi_name tlsi_client_cert_type_names[]; /* ClientCertificateType (u8) */
extern const tlsi_name tlsi_cert_type_names[];        /* CertificateType, RFC 7250 (u8) */
extern const tlsi_name tlsi_heartbeat_mode_names[];   /* HeartbeatMode (u8) */
extern const tlsi_name tlsi_heartbeat_type_names[];   /* HeartbeatMessageType (u8) */
extern const tlsi_name tlsi_sni_name_type_names[];    /* NameType (u8) */
extern const tlsi_name tlsi_max_frag_len_names[];     /* MaxFragmentLength (u8) */
extern const tlsi_name tlsi_key_update_names[];       /* KeyUpdateRequest (u8) */
extern const tlsi_name tlsi_sslv2_cipher_names[];     /* SSLv2 CIPHER-KIND (3 bytes) */

/* Every table above, with a short label, ending with {NULL, NULL, 0}; for tests
 * and for plugins that register all tables in one loop. */
typedef struct {
    const char *what;
    const tlsi_name *table;
    size_t count; /* entries before the terminator */
} tlsi_name_table;
extern const tlsi_name_table tlsi_name_tables[];

/* The name of id in table (binary search), or NULL if the table has none. */
const char *tlsi_name_lookup(const tlsi_name *table, uint32_t id);

/* Number of entries before the {0, NULL} terminator. */
size_t tlsi_name_count(const tlsi_name *table);

/* Alert level and description values used elsewhere in the core. */
enum {
    TLSI_ALERT_WARNING = 1,
    TLSI_ALERT_FATAL = 2,
    TLSI_ALERT_CLOSE_NOTIFY = 0,
    TLSI_ALERT_USER_CANCELED = 90,
};

/* close_notify and user_canceled are closure alerts (RFC 8446 6.1); every
 * other description is an error alert. */
int tlsi_alert_is_closure(uint8_t desc);

#endif
