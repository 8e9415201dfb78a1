/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * decompress.h - record decompression for compression method 1, DEFLATE
 * (RFC 3749).
 *
 * RFC 3749 section 2: the compressor runs over the whole connection in one
 * direction, each record ending at a sync flush, so the inflater keeps one
 * zlib stream per direction across records and must see every record of that
 * direction, in order. The data are in the zlib format (RFC 1950), as
 * OpenSSL and GnuTLS send them.
 */
#ifndef TLSI_DECOMPRESS_H
#define TLSI_DECOMPRESS_H

#include <stddef.h>
#include <stdint.h>

#include "tlsi_err.h"

typedef struct tlsi_inflater tlsi_inflater;

/* A fresh stream; NULL with *err = TLSI_ERR_NOMEM on failure (err may be NULL). */
tlsi_inflater *tlsi_inflater_new(tlsi_err *err);
void tlsi_inflater_free(tlsi_inflater *z);
/* A copy of the stream state (window included), or NULL when out of memory. */
tlsi_inflater *tlsi_inflater_clone(const tlsi_inflater *z);

/*
 * Inflate one record's TLSCompressed fragment into out. cap is the most
 * output one record may produce (2^14 for TLS, RFC 5246 section 6.2.2; the
 * caller's buffer must hold cap bytes). Errors: TLSI_ERR_BAD_LENGTH if the
 * record would inflate to more than cap bytes, TLSI_ERR_DECOMPRESS for
 * corrupt data or data after the end of the stream, TLSI_ERR_NOMEM. After
 * an error the stream is unusable for later records.
 */
tlsi_err tlsi_inflater_run(tlsi_inflater *z, const uint8_t *in, size_t in_len, uint8_t *out,
                           size_t cap, size_t *out_len);

#endif
