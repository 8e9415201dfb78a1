/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * certinfo.c - owns the certificate summary of certinfo.h: which GnuTLS
 * accessors feed each member and how names and keys are spelled.
 */
#include "certinfo.h"

#include <stdio.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

static void dn_string(gnutls_x509_crt_t crt, int issuer, char *out, size_t cap)
{
    gnutls_datum_t d = {NULL, 0};
    int rc = issuer ? gnutls_x509_crt_get_issuer_dn3(crt, &d, 0)
                    : gnutls_x509_crt_get_dn3(crt, &d, 0);

    if (rc >= 0 && d.data)
        snprintf(out, cap, "%.*s", (int)d.size, (const char *)d.data);
    gnutls_free(d.data);
}

static void append(char *out, size_t cap, const char *kind, const char *value)
{
    size_t n = strlen(out);

    /* A name that does not fit is cut short (the return value is checked
     * only to say so: truncation is intended). */
    if (n < cap && snprintf(out + n, cap - n, "%s%s:%s", n ? "," : "", kind, value) < 0)
        out[n] = '\0';
}

/* An iPAddress SAN is 4 or 16 raw bytes (RFC 5280 4.2.1.6). */
static void ip_string(const unsigned char *b, size_t n, char *out, size_t cap)
{
    size_t i, k = 0;

    out[0] = '\0';
    if (n == 4) {
        snprintf(out, cap, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
        return;
    }
    for (i = 0; n == 16 && i < 16 && k < cap; i += 2)
        k += (size_t)snprintf(out + k, cap - k, "%s%x", i ? ":" : "", (b[i] << 8) | b[i + 1]);
}

static void san_string(gnutls_x509_crt_t crt, char *out, size_t cap)
{
    unsigned char buf[512];
    char ip[64];
    unsigned seq;

    for (seq = 0; seq < 64; seq++) {
        size_t n = sizeof buf - 1;
        int type = gnutls_x509_crt_get_subject_alt_name(crt, seq, buf, &n, NULL);
        if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
            break;
        if (type < 0)
            continue; /* too long or malformed: skip this name */
        buf[n] = '\0';
        switch (type) {
        case GNUTLS_SAN_DNSNAME:
            append(out, cap, "DNS", (const char *)buf);
            break;
        case GNUTLS_SAN_RFC822NAME:
            append(out, cap, "email", (const char *)buf);
            break;
        case GNUTLS_SAN_URI:
            append(out, cap, "URI", (const char *)buf);
            break;
        case GNUTLS_SAN_IPADDRESS:
            ip_string(buf, n, ip, sizeof ip);
            append(out, cap, "IP", ip);
            break;
        default:
            break;
        }
    }
}

static void key_string(gnutls_x509_crt_t crt, char *out, size_t cap)
{
    unsigned bits = 0;
    int pk = gnutls_x509_crt_get_pk_algorithm(crt, &bits);
    const char *name = pk >= 0 ? gnutls_pk_get_name((gnutls_pk_algorithm_t)pk) : NULL;
    gnutls_ecc_curve_t curve;

    if (pk == GNUTLS_PK_ECDSA &&
        gnutls_x509_crt_get_pk_ecc_raw(crt, &curve, NULL, NULL) >= 0) {
        snprintf(out, cap, "%s %s %u", name, gnutls_ecc_curve_get_name(curve), bits);
        return;
    }
    snprintf(out, cap, "%s %u", name ? name : "unknown", bits);
}

tlsi_err tlsi_certinfo_parse(const uint8_t *der, size_t len, tlsi_certinfo *out)
{
    gnutls_x509_crt_t crt;
    gnutls_datum_t d = {(unsigned char *)der, (unsigned int)len};
    int sig;

    memset(out, 0, sizeof *out);
    if (len > 0xffffffffu || gnutls_x509_crt_init(&crt) < 0)
        return TLSI_ERR_BAD_VALUE;
    if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER) < 0) {
        gnutls_x509_crt_deinit(crt);
        return TLSI_ERR_BAD_VALUE;
    }
    dn_string(crt, 0, out->subject, sizeof out->subject);
    dn_string(crt, 1, out->issuer, sizeof out->issuer);
    out->not_before = gnutls_x509_crt_get_activation_time(crt);
    out->not_after = gnutls_x509_crt_get_expiration_time(crt);
    san_string(crt, out->san, sizeof out->san);
    key_string(crt, out->key, sizeof out->key);
    sig = gnutls_x509_crt_get_signature_algorithm(crt);
    snprintf(out->sig_alg, sizeof out->sig_alg, "%s",
             sig > 0 && gnutls_sign_get_name((gnutls_sign_algorithm_t)sig)
                 ? gnutls_sign_get_name((gnutls_sign_algorithm_t)sig)
                 : "unknown");
    gnutls_x509_crt_deinit(crt);
    return TLSI_OK;
}
