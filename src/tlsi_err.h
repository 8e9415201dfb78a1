/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi_err.h - the error values every core module returns.
 *
 * Errors are values, not exits: each parser and crypto function returns one of
 * these, and the plugin maps each class to one expert info entry.
 */
#ifndef TLSI_ERR_H
#define TLSI_ERR_H

typedef enum {
    TLSI_OK = 0,
    TLSI_ERR_SHORT,        /* the input ends before the structure does */
    TLSI_ERR_TRAILING,     /* bytes left over after a structure that must fill its block */
    TLSI_ERR_BAD_LENGTH,   /* a length field that is impossible or over a limit */
    TLSI_ERR_BAD_VALUE,    /* a field with a value the protocol forbids */
    TLSI_ERR_DUPLICATE,    /* a repeated extension or element */
    TLSI_ERR_UNSUPPORTED,  /* well-formed, but tlsi cannot handle it (cipher, version) */
    TLSI_ERR_NO_KEY,       /* no key material for this session */
    TLSI_ERR_BAD_MAC,      /* record MAC or AEAD tag did not verify */
    TLSI_ERR_BAD_PADDING,  /* CBC padding malformed */
    TLSI_ERR_BAD_KEY,      /* key material is malformed or does not match */
    TLSI_ERR_DECOMPRESS,   /* DEFLATE decompression failed */
    TLSI_ERR_CRYPTO,       /* the crypto library failed */
    TLSI_ERR_NOMEM,        /* an allocation failed or a cap was hit */
    TLSI_ERR_IO,           /* a file could not be read */
    TLSI_ERR_COUNT         /* number of values; keep last */
} tlsi_err;

/* A short, lower-case, human-readable phrase for an error value. */
const char *tlsi_err_str(tlsi_err err);

#endif
