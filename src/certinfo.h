/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * certinfo.h - a one-line summary of an X.509 certificate for reports
 * (the session report of plugin/tlsi-sessions.c): subject, issuer,
 * validity, subject alternative names, public key and signature algorithm.
 * GnuTLS parses the DER; nothing here judges the certificate.
 */
#ifndef TLSI_CERTINFO_H
#define TLSI_CERTINFO_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "tlsi_err.h"

typedef struct {
    char subject[512];    /* RFC 4514 string, e.g. "CN=localhost,O=tlsi test" */
    char issuer[512];
    time_t not_before;    /* (time_t)-1 when absent */
    time_t not_after;
    char san[512];        /* "DNS:localhost,IP:127.0.0.1" (DNS, IP, email, URI), "" if none */
    char key[64];         /* "RSA 2048", "ECDSA secp384r1 384", "EdDSA (Ed25519) 256" */
    char sig_alg[64];     /* GnuTLS's name, e.g. "ECDSA-SHA384", "RSA-SHA256" */
} tlsi_certinfo;

/* TLSI_ERR_BAD_VALUE when der is not a certificate GnuTLS can read; out
 * is then zeroed. Strings longer than their buffer are cut short. */
tlsi_err tlsi_certinfo_parse(const uint8_t *der, size_t len, tlsi_certinfo *out);

#endif
