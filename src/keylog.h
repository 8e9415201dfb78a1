/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * keylog.h - an in-memory store of NSS key log (SSLKEYLOGFILE) secrets.
 *
 * Each line of a key log is "LABEL <hex key> <hex secret>". For every label
 * but RSA the key is the 32-byte ClientHello random; for RSA it is the first
 * 8 bytes of the encrypted premaster and the secret is the 48-byte premaster.
 * Comments ('#') and blank lines are ignored, CRLF line ends are accepted,
 * and fields may be separated by runs of spaces or tabs. A malformed line is
 * skipped and counted; the first one is remembered with its reason.
 *
 * A store follows one file. It is read in a single linear pass with a line
 * buffer of TLSI_KEYLOG_MAX_LINE bytes (longer lines are skipped without
 * being buffered), and tlsi_keylog_refresh() later reads only what was
 * appended, so a key log written by a live browser can be followed cheaply.
 * A last line without '\n' is parsed once the file has stopped growing:
 * at load when the file was last modified TLSI_KEYLOG_SETTLE_SEC or more
 * ago, otherwise at the first refresh that finds the file unchanged since the
 * last look. If the line then goes on after all (a slow writer), it is read
 * again whole and its entry replaced. A UTF-8 byte order mark at the start is
 * skipped; hex digits may be upper or lower case. Lookups are O(1) on average. Memory grows with
 * the number of distinct (label, key) pairs; a later line for the same pair
 * replaces the earlier secret.
 *
 * A store is not thread-safe; the caller serialises access.
 */
#ifndef TLSI_KEYLOG_H
#define TLSI_KEYLOG_H

#include <stddef.h>
#include <stdint.h>

#include "tlsi_err.h"

/* Longest line kept, without its line end; longer lines are bad lines. */
#define TLSI_KEYLOG_MAX_LINE 4096
/* Seconds without modification after which a key log counts as finished. */
#define TLSI_KEYLOG_SETTLE_SEC 2
/* Largest secret accepted (a SHA-512 sized traffic secret). */
#define TLSI_KEYLOG_MAX_SECRET 64
#define TLSI_KEYLOG_RANDOM_LEN 32
#define TLSI_KEYLOG_RSA_PREFIX_LEN 8
#define TLSI_KEYLOG_PREMASTER_LEN 48

typedef enum {
    TLSI_KEYLOG_CLIENT_RANDOM = 0, /* TLS <= 1.2 master secret (48 bytes) */
    TLSI_KEYLOG_RSA,               /* RSA premaster by encrypted-premaster prefix */
    TLSI_KEYLOG_CLIENT_EARLY_TRAFFIC_SECRET,
    TLSI_KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
    TLSI_KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET,
    TLSI_KEYLOG_CLIENT_TRAFFIC_SECRET_0,
    TLSI_KEYLOG_SERVER_TRAFFIC_SECRET_0,
    TLSI_KEYLOG_EARLY_EXPORTER_SECRET,
    TLSI_KEYLOG_EXPORTER_SECRET,
    TLSI_KEYLOG_LABEL_COUNT
} tlsi_keylog_label;

/* The label as written in the file, or NULL for an out-of-range value. */
const char *tlsi_keylog_label_name(tlsi_keylog_label label);
/* Look up a label by its exact (case-sensitive) name of n bytes. */
tlsi_err tlsi_keylog_label_from_name(const char *name, size_t n, tlsi_keylog_label *out);

typedef struct tlsi_keylog tlsi_keylog;

/* Counters of what was read. Line numbers are 1-based and count every line
 * consumed since the store was created or last reloaded from scratch, those
 * given to tlsi_keylog_add_line() included. */
typedef struct {
    uint64_t lines;            /* complete lines consumed (comments and blanks too) */
    uint64_t entries;          /* distinct (label, key) pairs held */
    uint64_t replaced;         /* lines that replaced an earlier secret */
    uint64_t bad_lines;        /* malformed lines skipped */
    uint64_t ignored_lines;    /* well-formed lines with a label tlsi does not use */
    uint64_t first_bad_line;   /* line number of the first bad line, 0 if none */
    const char *first_bad_reason; /* static text, NULL if none */
    uint64_t offset;           /* bytes of the file consumed (complete lines) */
    uint64_t reloads;          /* times the file was (re)read from the start */
    uint64_t generation;       /* bumped whenever an entry is added or changed */
    int io_errno;              /* errno of the last failed open/stat/read, 0 if none */
    const char *io_what;       /* "open", "stat", "read" or NULL */
} tlsi_keylog_stats;

/* NULL when out of memory. */
tlsi_keylog *tlsi_keylog_create(void);
void tlsi_keylog_free(tlsi_keylog *kl);

/* Read the key log at path from the start, first dropping every entry. The
 * store then follows this file. TLSI_ERR_IO when it cannot be opened or read
 * (see io_errno); TLSI_ERR_NOMEM when an allocation failed. Bad lines do not
 * make it fail: they are counted in the stats. */
tlsi_err tlsi_keylog_load_file(tlsi_keylog *kl, const char *path);

/* Catch up with the followed file. One stat() when it is unchanged (and one
 * read of a partial last line, the first time it is found unchanged); reads only
 * the appended bytes when it grew; drops everything and rereads it when it was
 * truncated, replaced (other device/inode) or rewritten in place. If the file
 * has vanished the entries are kept and TLSI_ERR_IO is returned. TLSI_OK and
 * no work when no file was loaded. */
tlsi_err tlsi_keylog_refresh(tlsi_keylog *kl);

/* Parse one line (without or with its "\n"/"\r\n") into the store. TLSI_OK
 * for an entry, a comment or a blank line; TLSI_ERR_BAD_VALUE or
 * TLSI_ERR_BAD_LENGTH for a malformed line, which is also counted as bad;
 * TLSI_ERR_NOMEM when the entry could not be stored. */
tlsi_err tlsi_keylog_add_line(tlsi_keylog *kl, const char *line, size_t len);

/* Secret for a label keyed by client random (any label but RSA). On input
 * *out_len is the capacity of out, on success the secret length.
 * TLSI_ERR_NO_KEY if absent, TLSI_ERR_BAD_LENGTH if out is too small,
 * TLSI_ERR_BAD_VALUE for RSA or an invalid label. */
tlsi_err tlsi_keylog_find(const tlsi_keylog *kl, tlsi_keylog_label label,
                          const uint8_t client_random[TLSI_KEYLOG_RANDOM_LEN], uint8_t *out,
                          size_t *out_len);

/* RSA premaster by the first 8 bytes of the encrypted premaster. */
tlsi_err tlsi_keylog_find_rsa(const tlsi_keylog *kl,
                              const uint8_t enc_premaster_prefix[TLSI_KEYLOG_RSA_PREFIX_LEN],
                              uint8_t premaster_out[TLSI_KEYLOG_PREMASTER_LEN]);

/* The counters. The pointer stays valid for the life of kl; the values
 * change as kl is used. */
const tlsi_keylog_stats *tlsi_keylog_status(const tlsi_keylog *kl);

/* One-line summary for the user, e.g. "12 entries from 14 lines; 2 bad lines
 * (first: line 3, bad hex)". Always NUL-terminates a non-empty buf; returns
 * the length snprintf would have written. */
size_t tlsi_keylog_status_msg(const tlsi_keylog *kl, char *buf, size_t len);

#endif
