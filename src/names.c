/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * names.c - the registry tables of names.h. Values come from the IANA "TLS
 * Parameters" registries and the RFCs that define them; each table is kept
 * sorted by id so tlsi_name_lookup() can bisect it (test_handshake checks).
 */
#include "names.h"

/* clang-format off */
#define END {0, NULL}
/* Entries before the terminator, known at compile time. */
#define COUNT(t) (sizeof(t) / sizeof((t)[0]) - 1)
#define TABLE(what, t) {(what), (t), COUNT(t)}

const tlsi_name tlsi_content_type_names[] = {
    {20, "Change Cipher Spec"},
    {21, "Alert"},
    {22, "Handshake"},
    {23, "Application Data"},
    {24, "Heartbeat"},
    {25, "Connection ID"}, /* tls12_cid, RFC 9146 */
    {26, "ACK"},           /* DTLS 1.3, RFC 9147 */
    END,
};

const tlsi_name tlsi_version_names[] = {
    {0x0002, "SSL 2.0"},
    {0x0300, "SSL 3.0"},
    {0x0301, "TLS 1.0"},
    {0x0302, "TLS 1.1"},
    {0x0303, "TLS 1.2"},
    {0x0304, "TLS 1.3"},
    /* TLS 1.3 drafts put 0x7f00 | draft number on the wire. */
    {0x7f0e, "TLS 1.3 (draft 14)"},
    {0x7f0f, "TLS 1.3 (draft 15)"},
    {0x7f10, "TLS 1.3 (draft 16)"},
    {0x7f11, "TLS 1.3 (draft 17)"},
    {0x7f12, "TLS 1.3 (draft 18)"},
    {0x7f13, "TLS 1.3 (draft 19)"},
    {0x7f14, "TLS 1.3 (draft 20)"},
    {0x7f15, "TLS 1.3 (draft 21)"},
    {0x7f16, "TLS 1.3 (draft 22)"},
    {0x7f17, "TLS 1.3 (draft 23)"},
    {0x7f18, "TLS 1.3 (draft 24)"},
    {0x7f19, "TLS 1.3 (draft 25)"},
    {0x7f1a, "TLS 1.3 (draft 26)"},
    {0x7f1b, "TLS 1.3 (draft 27)"},
    {0x7f1c, "TLS 1.3 (draft 28)"},
    /* Facebook's Fizz: its variants of drafts 23 and 26. */
    {0xfb17, "TLS 1.3 (Facebook draft 23)"},
    {0xfb1a, "TLS 1.3 (Facebook draft 26)"},
    /* DTLS versions are named only; tlsi does not dissect DTLS. */
    {0xfefc, "DTLS 1.3"},
    {0xfefd, "DTLS 1.2"},
    {0xfeff, "DTLS 1.0"},
    END,
};

const tlsi_name tlsi_hs_type_names[] = {
    {0, "Hello Request"},
    {1, "Client Hello"},
    {2, "Server Hello"},
    {3, "Hello Verify Request"},
    {4, "New Session Ticket"},
    {5, "End of Early Data"},
    {6, "Hello Retry Request"}, /* TLS 1.3 drafts only; RFC 8446 uses a ServerHello */
    {8, "Encrypted Extensions"},
    {11, "Certificate"},
    {12, "Server Key Exchange"},
    {13, "Certificate Request"},
    {14, "Server Hello Done"},
    {15, "Certificate Verify"},
    {16, "Client Key Exchange"},
    {20, "Finished"},
    {21, "Certificate URL"},
    {22, "Certificate Status"},
    {23, "Supplemental Data"},
    {24, "Key Update"},
    {25, "Compressed Certificate"},
    {26, "EKT Key"},
    {67, "Next Protocol"}, /* NPN, draft-agl-tls-nextprotoneg; never in IANA */
    {254, "Message Hash"},
    END,
};

const tlsi_name tlsi_alert_level_names[] = {
    {1, "Warning"},
    {2, "Fatal"},
    END,
};

const tlsi_name tlsi_alert_desc_names[] = {
    {0, "Close Notify"},
    {10, "Unexpected Message"},
    {20, "Bad Record MAC"},
    {21, "Decryption Failed"},
    {22, "Record Overflow"},
    {30, "Decompression Failure"},
    {40, "Handshake Failure"},
    {41, "No Certificate"}, /* SSL 3.0 only */
    {42, "Bad Certificate"},
    {43, "Unsupported Certificate"},
    {44, "Certificate Revoked"},
    {45, "Certificate Expired"},
    {46, "Certificate Unknown"},
    {47, "Illegal Parameter"},
    {48, "Unknown CA"},
    {49, "Access Denied"},
    {50, "Decode Error"},
    {51, "Decrypt Error"},
    {52, "Too Many CIDs Requested"},
    {60, "Export Restriction"},
    {70, "Protocol Version"},
    {71, "Insufficient Security"},
    {80, "Internal Error"},
    {86, "Inappropriate Fallback"},
    {90, "User Canceled"},
    {100, "No Renegotiation"},
    {109, "Missing Extension"},
    {110, "Unsupported Extension"},
    {111, "Certificate Unobtainable"},
    {112, "Unrecognized Name"},
    {113, "Bad Certificate Status Response"},
    {114, "Bad Certificate Hash Value"},
    {115, "Unknown PSK Identity"},
    {116, "Certificate Required"},
    {120, "No Application Protocol"},
    {121, "ECH Required"},
    END,
};

const tlsi_name tlsi_ext_type_names[] = {
    {0, "server_name"},
    {1, "max_fragment_length"},
    {2, "client_certificate_url"},
    {3, "trusted_ca_keys"},
    {4, "truncated_hmac"},
    {5, "status_request"},
    {6, "user_mapping"},
    {7, "client_authz"},
    {8, "server_authz"},
    {9, "cert_type"},
    {10, "supported_groups"},
    {11, "ec_point_formats"},
    {12, "srp"},
    {13, "signature_algorithms"},
    {14, "use_srtp"},
    {15, "heartbeat"},
    {16, "application_layer_protocol_negotiation"},
    {17, "status_request_v2"},
    {18, "signed_certificate_timestamp"},
    {19, "client_certificate_type"},
    {20, "server_certificate_type"},
    {21, "padding"},
    {22, "encrypt_then_mac"},
    {23, "extended_master_secret"},
    {24, "token_binding"},
    {25, "cached_info"},
    {26, "tls_lts"},
    {27, "compress_certificate"},
    {28, "record_size_limit"},
    {29, "pwd_protect"},
    {30, "pwd_clear"},
    {31, "password_salt"},
    {32, "ticket_pinning"},
    {33, "tls_cert_with_extern_psk"},
    {34, "delegated_credential"},
    {35, "session_ticket"},
    {36, "TLMSP"},
    {37, "TLMSP_proxying"},
    {38, "TLMSP_delegate"},
    {39, "supported_ekt_ciphers"},
    {40, "Reserved (key_share, TLS 1.3 drafts)"},
    {41, "pre_shared_key"},
    {42, "early_data"},
    {43, "supported_versions"},
    {44, "cookie"},
    {45, "psk_key_exchange_modes"},
    {46, "Reserved (ticket_early_data_info, TLS 1.3 drafts)"},
    {47, "certificate_authorities"},
    {48, "oid_filters"},
    {49, "post_handshake_auth"},
    {50, "signature_algorithms_cert"},
    {51, "key_share"},
    {52, "transparency_info"},
    {53, "connection_id (deprecated)"},
    {54, "connection_id"},
    {55, "external_id_hash"},
    {56, "external_session_id"},
    {57, "quic_transport_parameters"},
    {58, "ticket_request"},
    {59, "dnssec_chain"},
    {60, "sequence_number_encryption_algorithms"},
    {61, "rrc"},
    {62, "tls_flags"},
    {2570, "Reserved (GREASE)"},
    {6682, "Reserved (GREASE)"},
    {10794, "Reserved (GREASE)"},
    {13172, "next_protocol_negotiation"}, /* NPN, never in IANA */
    {14906, "Reserved (GREASE)"},
    {17513, "application_settings (old)"}, /* ALPS, 0x4469 */
    {17613, "application_settings"},       /* ALPS, 0x44cd */
    {19018, "Reserved (GREASE)"},
    {23130, "Reserved (GREASE)"},
    {27242, "Reserved (GREASE)"},
    {31354, "Reserved (GREASE)"},
    {35466, "Reserved (GREASE)"},
    {39578, "Reserved (GREASE)"},
    {43690, "Reserved (GREASE)"},
    {47802, "Reserved (GREASE)"},
    {51914, "Reserved (GREASE)"},
    {56026, "Reserved (GREASE)"},
    {60138, "Reserved (GREASE)"},
    {64250, "Reserved (GREASE)"},
    {64768, "ech_outer_extensions"},   /* 0xfd00 */
    {65037, "encrypted_client_hello"}, /* 0xfe0d */
    {65281, "renegotiation_info"},     /* 0xff01 */
    {65486, "encrypted_server_name"},  /* 0xffce, ESNI drafts */
    END,
};

const tlsi_name tlsi_group_names[] = {
    {1, "sect163k1"},
    {2, "sect163r1"},
    {3, "sect163r2"},
    {4, "sect193r1"},
    {5, "sect193r2"},
    {6, "sect233k1"},
    {7, "sect233r1"},
    {8, "sect239k1"},
    {9, "sect283k1"},
    {10, "sect283r1"},
    {11, "sect409k1"},
    {12, "sect409r1"},
    {13, "sect571k1"},
    {14, "sect571r1"},
    {15, "secp160k1"},
    {16, "secp160r1"},
    {17, "secp160r2"},
    {18, "secp192k1"},
    {19, "secp192r1"},
    {20, "secp224k1"},
    {21, "secp224r1"},
    {22, "secp256k1"},
    {23, "secp256r1"},
    {24, "secp384r1"},
    {25, "secp521r1"},
    {26, "brainpoolP256r1"},
    {27, "brainpoolP384r1"},
    {28, "brainpoolP512r1"},
    {29, "x25519"},
    {30, "x448"},
    {31, "brainpoolP256r1tls13"},
    {32, "brainpoolP384r1tls13"},
    {33, "brainpoolP512r1tls13"},
    {34, "GC256A"},
    {35, "GC256B"},
    {36, "GC256C"},
    {37, "GC256D"},
    {38, "GC512A"},
    {39, "GC512B"},
    {40, "GC512C"},
    {41, "curveSM2"},
    {256, "ffdhe2048"},
    {257, "ffdhe3072"},
    {258, "ffdhe4096"},
    {259, "ffdhe6144"},
    {260, "ffdhe8192"},
    {512, "MLKEM512"},
    {513, "MLKEM768"},
    {514, "MLKEM1024"},
    {2570, "Reserved (GREASE)"},
    {4587, "SecP256r1MLKEM768"},
    {4588, "X25519MLKEM768"},
    {4589, "SecP384r1MLKEM1024"},
    {6682, "Reserved (GREASE)"},
    {10794, "Reserved (GREASE)"},
    {14906, "Reserved (GREASE)"},
    {19018, "Reserved (GREASE)"},
    {23130, "Reserved (GREASE)"},
    {25497, "X25519Kyber768Draft00"},    /* 0x6399 */
    {25498, "SecP256r1Kyber768Draft00"}, /* 0x639a */
    {27242, "Reserved (GREASE)"},
    {31354, "Reserved (GREASE)"},
    {35466, "Reserved (GREASE)"},
    {39578, "Reserved (GREASE)"},
    {43690, "Reserved (GREASE)"},
    {47802, "Reserved (GREASE)"},
    {51914, "Reserved (GREASE)"},
    {56026, "Reserved (GREASE)"},
    {60138, "Reserved (GREASE)"},
    {64250, "Reserved (GREASE)"},
    {65281, "arbitrary_explicit_prime_curves"},
    {65282, "arbitrary_explicit_char2_curves"},
    END,
};

/* TLS 1.3 SignatureScheme values (RFC 8446 4.2.3) together with the TLS 1.2
 * SignatureAndHashAlgorithm pairs (RFC 5246 7.4.1.4.1) they extend, since both
 * share the same two bytes on the wire: hash << 8 | signature. */
const tlsi_name tlsi_sig_scheme_names[] = {
    {0x0101, "rsa_pkcs1_md5"},
    {0x0102, "dsa_md5"},
    {0x0103, "ecdsa_md5"},
    {0x0201, "rsa_pkcs1_sha1"},
    {0x0202, "dsa_sha1"},
    {0x0203, "ecdsa_sha1"},
    {0x0301, "rsa_pkcs1_sha224"},
    {0x0302, "dsa_sha224"},
    {0x0303, "ecdsa_sha224"},
    {0x0401, "rsa_pkcs1_sha256"},
    {0x0402, "dsa_sha256"},
    {0x0403, "ecdsa_secp256r1_sha256"},
    {0x0420, "rsa_pkcs1_sha256_legacy"},
    {0x0501, "rsa_pkcs1_sha384"},
    {0x0502, "dsa_sha384"},
    {0x0503, "ecdsa_secp384r1_sha384"},
    {0x0520, "rsa_pkcs1_sha384_legacy"},
    {0x0601, "rsa_pkcs1_sha512"},
    {0x0602, "dsa_sha512"},
    {0x0603, "ecdsa_secp521r1_sha512"},
    {0x0620, "rsa_pkcs1_sha512_legacy"},
    {0x0704, "eccsi_sha256"},
    {0x0705, "iso_ibs1"},
    {0x0706, "iso_ibs2"},
    {0x0707, "iso_chinese_ibs"},
    {0x0708, "sm2sig_sm3"},
    {0x0709, "gostr34102012_256a"},
    {0x070a, "gostr34102012_256b"},
    {0x070b, "gostr34102012_256c"},
    {0x070c, "gostr34102012_256d"},
    {0x070d, "gostr34102012_512a"},
    {0x070e, "gostr34102012_512b"},
    {0x070f, "gostr34102012_512c"},
    {0x0804, "rsa_pss_rsae_sha256"},
    {0x0805, "rsa_pss_rsae_sha384"},
    {0x0806, "rsa_pss_rsae_sha512"},
    {0x0807, "ed25519"},
    {0x0808, "ed448"},
    {0x0809, "rsa_pss_pss_sha256"},
    {0x080a, "rsa_pss_pss_sha384"},
    {0x080b, "rsa_pss_pss_sha512"},
    {0x081a, "ecdsa_brainpoolP256r1tls13_sha256"},
    {0x081b, "ecdsa_brainpoolP384r1tls13_sha384"},
    {0x081c, "ecdsa_brainpoolP512r1tls13_sha512"},
    {0x0904, "mldsa44"},
    {0x0905, "mldsa65"},
    {0x0906, "mldsa87"},
    END,
};

const tlsi_name tlsi_hash_alg_names[] = {
    {0, "none"},
    {1, "md5"},
    {2, "sha1"},
    {3, "sha224"},
    {4, "sha256"},
    {5, "sha384"},
    {6, "sha512"},
    {8, "Intrinsic"},
    END,
};

const tlsi_name tlsi_sig_alg_names[] = {
    {0, "anonymous"},
    {1, "rsa"},
    {2, "dsa"},
    {3, "ecdsa"},
    {7, "ed25519"},
    {8, "ed448"},
    {64, "gostr34102012_256"},
    {65, "gostr34102012_512"},
    END,
};

const tlsi_name tlsi_ec_point_format_names[] = {
    {0, "uncompressed"},
    {1, "ansiX962_compressed_prime"},
    {2, "ansiX962_compressed_char2"},
    END,
};

const tlsi_name tlsi_ec_curve_type_names[] = {
    {1, "explicit_prime"},
    {2, "explicit_char2"},
    {3, "named_curve"},
    END,
};

const tlsi_name tlsi_psk_ke_mode_names[] = {
    {0, "psk_ke"},
    {1, "psk_dhe_ke"},
    END,
};

const tlsi_name tlsi_cert_status_type_names[] = {
    {1, "ocsp"},
    {2, "ocsp_multi"},
    END,
};

const tlsi_name tlsi_compression_names[] = {
    {0, "null"},
    {1, "DEFLATE"},
    {64, "LZS"},
    END,
};

const tlsi_name tlsi_cert_compression_names[] = {
    {1, "zlib"},
    {2, "brotli"},
    {3, "zstd"},
    END,
};

const tlsi_name tlsi_client_cert_type_names[] = {
    {1, "rsa_sign"},
    {2, "dss_sign"},
    {3, "rsa_fixed_dh"},
    {4, "dss_fixed_dh"},
    {5, "rsa_ephemeral_dh_RESERVED"},
    {6, "dss_ephemeral_dh_RESERVED"},
    {20, "fortezza_dms_RESERVED"},
    {64, "ecdsa_sign"},
    {65, "rsa_fixed_ecdh"},
    {66, "ecdsa_fixed_ecdh"},
    {67, "gost_sign256"},
    {68, "gost_sign512"},
    END,
};

const tlsi_name tlsi_cert_type_names[] = {
    {0, "X509"},
    {1, "OpenPGP"},
    {2, "RawPublicKey"},
    {3, "1609Dot2"},
    END,
};

const tlsi_name tlsi_heartbeat_mode_names[] = {
    {1, "peer_allowed_to_send"},
    {2, "peer_not_allowed_to_send"},
    END,
};

const tlsi_name tlsi_heartbeat_type_names[] = {
    {1, "heartbeat_request"},
    {2, "heartbeat_response"},
    END,
};

const tlsi_name tlsi_sni_name_type_names[] = {
    {0, "host_name"},
    END,
};

const tlsi_name tlsi_max_frag_len_names[] = {
    {1, "512"},
    {2, "1024"},
    {3, "2048"},
    {4, "4096"},
    END,
};

const tlsi_name tlsi_key_update_names[] = {
    {0, "update_not_requested"},
    {1, "update_requested"},
    END,
};

/* SSL 2.0 CIPHER-KIND values (draft-hickman-netscape-ssl-00, Appendix C). */
const tlsi_name tlsi_sslv2_cipher_names[] = {
    {0x010080, "SSL_CK_RC4_128_WITH_MD5"},
    {0x020080, "SSL_CK_RC4_128_EXPORT40_WITH_MD5"},
    {0x030080, "SSL_CK_RC2_128_CBC_WITH_MD5"},
    {0x040080, "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5"},
    {0x050080, "SSL_CK_IDEA_128_CBC_WITH_MD5"},
    {0x060040, "SSL_CK_DES_64_CBC_WITH_MD5"},
    {0x0700c0, "SSL_CK_DES_192_EDE3_CBC_WITH_MD5"},
    {0x080080, "SSL_CK_RC4_64_WITH_MD5"},
    END,
};

const tlsi_name_table tlsi_name_tables[] = {
    TABLE("content type", tlsi_content_type_names),
    TABLE("version", tlsi_version_names),
    TABLE("handshake type", tlsi_hs_type_names),
    TABLE("alert level", tlsi_alert_level_names),
    TABLE("alert description", tlsi_alert_desc_names),
    TABLE("extension type", tlsi_ext_type_names),
    TABLE("supported group", tlsi_group_names),
    TABLE("signature scheme", tlsi_sig_scheme_names),
    TABLE("hash algorithm", tlsi_hash_alg_names),
    TABLE("signature algorithm", tlsi_sig_alg_names),
    TABLE("EC point format", tlsi_ec_point_format_names),
    TABLE("EC curve type", tlsi_ec_curve_type_names),
    TABLE("PSK key exchange mode", tlsi_psk_ke_mode_names),
    TABLE("certificate status type", tlsi_cert_status_type_names),
    TABLE("compression method", tlsi_compression_names),
    TABLE("certificate compression algorithm", tlsi_cert_compression_names),
    TABLE("client certificate type", tlsi_client_cert_type_names),
    TABLE("certificate type", tlsi_cert_type_names),
    TABLE("heartbeat mode", tlsi_heartbeat_mode_names),
    TABLE("heartbeat message type", tlsi_heartbeat_type_names),
    TABLE("server name type", tlsi_sni_name_type_names),
    TABLE("max fragment length", tlsi_max_frag_len_names),
    TABLE("key update request", tlsi_key_update_names),
    TABLE("SSLv2 cipher kind", tlsi_sslv2_cipher_names),
    {NULL, NULL, 0},
};

/* clang-format on */

size_t tlsi_name_count(const tlsi_name *table)
{
    size_t n = 0;
    while (table[n].name)
        n++;
    return n;
}

/* The tables above carry their size in tlsi_name_tables; any other table
 * (one a caller built) is counted. */
static size_t table_len(const tlsi_name *table)
{
    for (const tlsi_name_table *t = tlsi_name_tables; t->table; t++)
        if (t->table == table)
            return t->count;
    return tlsi_name_count(table);
}

const char *tlsi_name_lookup(const tlsi_name *table, uint32_t id)
{
    size_t lo = 0, hi = table_len(table);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (table[mid].id == id)
            return table[mid].name;
        if (table[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int tlsi_alert_is_closure(uint8_t desc)
{
    return desc == TLSI_ALERT_CLOSE_NOTIFY || desc == TLSI_ALERT_USER_CANCELED;
}
