/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dsb_files.h - the TLS key logs embedded in the capture files this process
 * has open.
 *
 * Wireshark 4.0 hands pcapng Decryption Secrets Blocks only to dissectors
 * that call secrets_register_type(), which plugins cannot link against. The
 * capture file being dissected is, however, open in the process (wiretap
 * keeps it open from before the dissectors' init routines run until the file
 * is closed), so the plugin finds it among the process's open file
 * descriptors and reads its secrets blocks itself. A descriptor qualifies
 * when it refers to a regular file that starts with a pcapng Section Header
 * Block, also once gunzipped (wiretap reads gzip-compressed files); each file
 * is read once however many descriptors refer to it, through a new open file
 * description (the reader's file offset is never touched).
 */
#ifndef TLSI_DSB_FILES_H
#define TLSI_DSB_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "keylog.h"
#include "tlsi_err.h"

typedef struct {
    unsigned pcapng_files;    /* distinct open pcapng files walked */
    unsigned files_with_keys; /* of those, with at least one TLS secrets block */
    uint64_t tls_dsbs;        /* TLS key log secrets blocks read */
    char damaged[160];        /* "FILE: why" for the first file whose walk stopped early */
} tlsi_dsb_scan_stats;

/* Add the lines of every TLS key log secrets block in the pcapng file at
 * path to kl. TLSI_ERR_BAD_VALUE if it is not pcapng, TLSI_ERR_IO if it
 * cannot be read. st may be NULL. */
tlsi_err tlsi_dsb_load_file(const char *path, tlsi_keylog *kl, tlsi_dsb_scan_stats *st);

/* The same for every regular pcapng file open in this process; fd_dir is
 * the directory of its descriptors ("/proc/self/fd" on Linux). Returns the
 * number of files that had TLS secrets. */
unsigned tlsi_dsb_load_open_files(const char *fd_dir, tlsi_keylog *kl, tlsi_dsb_scan_stats *st);

/* Feed the text of one secrets block to kl, line by line (a last line
 * without a line end included). */
void tlsi_dsb_add_text(tlsi_keylog *kl, const uint8_t *data, size_t len);

#endif
