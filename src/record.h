/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * record.h - TLS record framing: reading a record header, judging whether
 * bytes look like the start of a record (for heuristics and for resyncing
 * when a capture starts mid-record), and the anomalies a header can carry.
 *
 * Two header forms exist: the 5-byte TLS/SSL 3.0 header (RFC 8446 5.1,
 * RFC 6101 5.2.1) and the 2-byte SSL 2.0 header that old clients still use to
 * send a ClientHello (RFC 5246 appendix E.2, RFC 6101 appendix E.1).
 */
#ifndef TLSI_RECORD_H
#define TLSI_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "tlsi_err.h"

/* RFC 8446 5.1/5.2 and RFC 5246 6.2: plaintext limit, and what compression
 * (+1024) and protection (+2048; TLS 1.3 allows +256) may add. */
#define TLSI_MAX_PLAINTEXT 16384u
#define TLSI_MAX_COMPRESSED (TLSI_MAX_PLAINTEXT + 1024u)
#define TLSI_MAX_CIPHERTEXT (TLSI_MAX_PLAINTEXT + 2048u)
#define TLSI_MAX_CIPHERTEXT13 (TLSI_MAX_PLAINTEXT + 256u)

#define TLSI_TLS_HEADER_LEN 5u

enum {
    TLSI_CT_CHANGE_CIPHER_SPEC = 20,
    TLSI_CT_ALERT = 21,
    TLSI_CT_HANDSHAKE = 22,
    TLSI_CT_APPLICATION_DATA = 23,
    TLSI_CT_HEARTBEAT = 24,
    TLSI_CT_TLS12_CID = 25,
    TLSI_CT_ACK = 26,
};

typedef enum {
    TLSI_REC_TLS = 0, /* 5-byte header */
    TLSI_REC_SSLV2,   /* SSL 2.0 header: 2 bytes, or 3 with padding */
} tlsi_record_kind;

/* Anomalies found in a header; several may be set. */
enum {
    TLSI_REC_UNKNOWN_TYPE = 1u << 0,    /* content type not in 20..26 */
    TLSI_REC_UNKNOWN_VERSION = 1u << 1, /* not SSL 3.0..TLS 1.3 */
    TLSI_REC_OVER_PLAINTEXT = 1u << 2,  /* longer than 2^14: fine only if protected/compressed */
    TLSI_REC_OVER_CIPHERTEXT = 1u << 3, /* longer than 2^14 + 2048: never legal */
    TLSI_REC_ZERO_LENGTH = 1u << 4,     /* empty handshake/alert/CCS fragment: forbidden */
};

typedef struct {
    tlsi_record_kind kind;
    uint8_t content_type;  /* TLS form; for SSLv2, the message type (1 = ClientHello) */
    uint16_t version;      /* TLS form: record version; SSLv2: the ClientHello's version */
    uint32_t header_len;   /* 5, or 2 (3 when the SSLv2 header carries a padding byte) */
    uint32_t length;       /* fragment length following the header */
    unsigned anomalies;    /* TLSI_REC_* bits */
} tlsi_record_hdr;

/*
 * Read the header at buf. Returns TLSI_OK with *hdr filled, or TLSI_ERR_SHORT
 * when fewer bytes than a header are present. An SSL 2.0 header is only
 * recognised when it carries a ClientHello or a SERVER-HELLO whose fields
 * add up, so a TLS header is never misread as one. (The records after an
 * SSL 2.0 SERVER-HELLO are read with tlsi_sslv2_record_read.)
 */
tlsi_err tlsi_record_header(const uint8_t *buf, size_t len, tlsi_record_hdr *hdr);
/* The most bytes tlsi_record_header looks at (an SSL 2.0 SERVER-HELLO's
 * header and fixed fields): give it this many when there are. */
#define TLSI_RECORD_PEEK 13u

/* Record version looks like one a real stack sends (SSL 3.0..TLS 1.3, also
 * the 0x0300-0x03ff range tolerated by stacks during negotiation). */
int tlsi_record_version_known(uint16_t version);

/*
 * Is there a plausible record header at buf? Stricter than tlsi_record_header:
 * known content type, known version and a legal length. Used by the heuristic
 * dissector and for resync. An SSLv2 ClientHello also qualifies.
 */
int tlsi_record_plausible(const uint8_t *buf, size_t len);

/*
 * Find the first offset >= 1 in buf where a plausible record header starts
 * and, when the whole record is inside buf, a second plausible header or the
 * end of buf follows it. Returns len when there is none. Used when a capture
 * starts in the middle of a record: the bytes before the offset are skipped.
 */
size_t tlsi_record_resync(const uint8_t *buf, size_t len);

#endif
