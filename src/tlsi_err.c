/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tlsi_err.c - names of the core error values. */
#include "tlsi_err.h"

static const char *const err_names[TLSI_ERR_COUNT] = {
    [TLSI_OK] = "ok",
    [TLSI_ERR_SHORT] = "truncated: input ends before the structure",
    [TLSI_ERR_TRAILING] = "trailing bytes after the structure",
    [TLSI_ERR_BAD_LENGTH] = "impossible or oversized length",
    [TLSI_ERR_BAD_VALUE] = "forbidden value",
    [TLSI_ERR_DUPLICATE] = "duplicate element",
    [TLSI_ERR_UNSUPPORTED] = "not supported",
    [TLSI_ERR_NO_KEY] = "no key material",
    [TLSI_ERR_BAD_MAC] = "MAC or authentication tag mismatch",
    [TLSI_ERR_BAD_PADDING] = "bad CBC padding",
    [TLSI_ERR_BAD_KEY] = "bad or mismatched key",
    [TLSI_ERR_DECOMPRESS] = "decompression failed",
    [TLSI_ERR_CRYPTO] = "crypto library error",
    [TLSI_ERR_NOMEM] = "out of memory or over a size cap",
    [TLSI_ERR_IO] = "file could not be read",
};

const char *tlsi_err_str(tlsi_err err)
{
    if ((unsigned)err >= TLSI_ERR_COUNT || !err_names[err])
        return "unknown error";
    return err_names[err];
}
