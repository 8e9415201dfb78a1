/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rsa_keys.c - owns RSA private keys: reading key files with GnuTLS, turning
 * them into libgcrypt keys, decrypting and checking RSA premasters, and
 * reading the RSA modulus of a server certificate.
 *
 * GnuTLS is used only to parse containers (PEM, DER, PKCS#8, PKCS#12); all
 * arithmetic is done by libgcrypt. PKCS#1 v1.5 padding is checked here on the
 * raw RSA result rather than by libgcrypt, because newer libgcrypt versions
 * answer a bad padding with a synthetic message (implicit rejection) instead
 * of an error, and the user needs to know the key is wrong. A dissector
 * decrypting a capture is no padding oracle, so the check is not made
 * constant-time.
 */
#define _POSIX_C_SOURCE 200809L

#include "rsa_keys.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gcrypt.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs12.h>
#include <gnutls/x509.h>

#include "crypto_init.h"

struct tlsi_rsa_key {
    gcry_sexp_t priv;
    gcry_mpi_t n;
    size_t n_len;
    uint8_t n_bytes[TLSI_RSA_MAX_MODULUS];
    uint8_t id[TLSI_RSA_KEY_ID_LEN];
    char id_hex[2 * TLSI_RSA_KEY_ID_LEN + 1];
};

/* Names for the refusal message of keys that are not RSA. */
static const struct {
    int pk;
    const char *name;
} pk_names[] = {
    {GNUTLS_PK_ECDSA, "EC"},
    {GNUTLS_PK_DSA, "DSA"},
    {GNUTLS_PK_DH, "DH"},
    {GNUTLS_PK_RSA_PSS, "RSA-PSS (usable for signatures only)"},
    {GNUTLS_PK_EDDSA_ED25519, "Ed25519"},
    {GNUTLS_PK_EDDSA_ED448, "Ed448"},
    {GNUTLS_PK_ECDH_X25519, "X25519"},
    {GNUTLS_PK_ECDH_X448, "X448"},
    {GNUTLS_PK_GOST_01, "GOST R 34.10-2001"},
    {GNUTLS_PK_GOST_12_256, "GOST R 34.10-2012"},
    {GNUTLS_PK_GOST_12_512, "GOST R 34.10-2012"},
};

static void wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;
    while (n--)
        *v++ = 0;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void say(char *msg, size_t len, const char *fmt, ...)
{
    va_list ap;
    if (!msg || len == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, len, fmt, ap);
    va_end(ap);
}

static void free_datum(gnutls_datum_t *d)
{
    if (d->data) {
        wipe(d->data, d->size);
        gnutls_free(d->data);
    }
    d->data = NULL;
    d->size = 0;
}

/* Skip the leading zero bytes of a big-endian integer. */
static const uint8_t *strip_zeros(const uint8_t *p, size_t *len)
{
    while (*len > 0 && p[0] == 0) {
        p++;
        (*len)--;
    }
    return p;
}

static int looks_like_pem(const uint8_t *data, size_t len)
{
    static const char tag[] = "-----BEGIN ";
    size_t t = sizeof tag - 1;
    for (size_t i = 0; i + t <= len; i++)
        if (data[i] == '-' && memcmp(data + i, tag, t) == 0)
            return 1;
    return 0;
}

/* Map a GnuTLS parse failure to an error and a message. */
static tlsi_err parse_failure(int rc, const char *password, char *msg, size_t msg_len)
{
    if (rc == GNUTLS_E_DECRYPTION_FAILED || rc == GNUTLS_E_MAC_VERIFY_FAILED) {
        if (!password || !*password)
            say(msg, msg_len, "key file is encrypted: a password is needed");
        else
            say(msg, msg_len, "wrong password or corrupt file");
        return TLSI_ERR_BAD_KEY;
    }
    if (rc == GNUTLS_E_MEMORY_ERROR) {
        say(msg, msg_len, "out of memory reading the key");
        return TLSI_ERR_NOMEM;
    }
    say(msg, msg_len, "not a readable private key (truncated or not a key file): %s",
        gnutls_strerror(rc));
    return TLSI_ERR_BAD_KEY;
}

/* If data is a PKCS#12 bundle, take its private key. Returns 0 and sets *out
 * (or leaves it NULL if data is not PKCS#12), or a GnuTLS error. */
static int try_pkcs12(const gnutls_datum_t *d, const char *password, gnutls_x509_privkey_t *out)
{
    gnutls_pkcs12_t p12;
    gnutls_x509_crt_t *chain = NULL, *extra = NULL;
    unsigned chain_len = 0, extra_len = 0;
    gnutls_x509_crl_t crl = NULL;
    int rc;

    *out = NULL;
    if (gnutls_pkcs12_init(&p12) < 0)
        return GNUTLS_E_MEMORY_ERROR;
    rc = gnutls_pkcs12_import(p12, d, GNUTLS_X509_FMT_DER, 0);
    if (rc < 0 && looks_like_pem(d->data, d->size))
        rc = gnutls_pkcs12_import(p12, d, GNUTLS_X509_FMT_PEM, 0);
    if (rc < 0) {
        gnutls_pkcs12_deinit(p12);
        return 0; /* not PKCS#12: let the other readers try */
    }
    /* The MAC is keyed by the password: a mismatch is the clearest sign of a
     * wrong one. A bundle without a MAC reports that, and parsing decides. */
    rc = gnutls_pkcs12_verify_mac(p12, password ? password : "");
    if (rc == GNUTLS_E_MAC_VERIFY_FAILED) {
        gnutls_pkcs12_deinit(p12);
        return rc;
    }
    rc = gnutls_pkcs12_simple_parse(p12, password ? password : "", out, &chain, &chain_len,
                                    &extra, &extra_len, &crl, 0);
    for (unsigned i = 0; i < chain_len; i++)
        gnutls_x509_crt_deinit(chain[i]);
    for (unsigned i = 0; i < extra_len; i++)
        gnutls_x509_crt_deinit(extra[i]);
    gnutls_free(chain);
    gnutls_free(extra);
    if (crl)
        gnutls_x509_crl_deinit(crl);
    gnutls_pkcs12_deinit(p12);
    if (rc >= 0 && !*out)
        rc = GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE; /* a bundle with no key */
    if (rc < 0 && *out) {
        gnutls_x509_privkey_deinit(*out);
        *out = NULL;
    }
    return rc < 0 ? rc : 0;
}

static gcry_mpi_t datum_mpi(const gnutls_datum_t *d)
{
    gcry_mpi_t m = NULL;
    if (gcry_mpi_scan(&m, GCRYMPI_FMT_USG, d->data, d->size, NULL) != 0)
        return NULL;
    return m;
}

/* Build the libgcrypt key and identity from the GnuTLS key. */
static tlsi_err convert(gnutls_x509_privkey_t gk, tlsi_rsa_key *key, char *msg, size_t msg_len)
{
    gnutls_datum_t m = {0}, e = {0}, d = {0}, p = {0}, q = {0}, u = {0}, e1 = {0}, e2 = {0};
    gcry_mpi_t mn = NULL, me = NULL, md = NULL, mp = NULL, mq = NULL, mu = NULL;
    tlsi_err err = TLSI_ERR_CRYPTO;
    int rc;

    rc = gnutls_x509_privkey_export_rsa_raw2(gk, &m, &e, &d, &p, &q, &u, &e1, &e2);
    if (rc < 0) {
        err = parse_failure(rc, NULL, msg, msg_len);
        goto out;
    }
    size_t n_len = m.size;
    const uint8_t *n = strip_zeros(m.data, &n_len);
    if (n_len == 0 || n_len > TLSI_RSA_MAX_MODULUS) {
        say(msg, msg_len, "RSA modulus of %zu bytes is not supported", n_len);
        err = n_len == 0 ? TLSI_ERR_BAD_KEY : TLSI_ERR_UNSUPPORTED;
        goto out;
    }
    memcpy(key->n_bytes, n, n_len);
    key->n_len = n_len;

    mn = datum_mpi(&m);
    me = datum_mpi(&e);
    md = datum_mpi(&d);
    mp = datum_mpi(&p);
    mq = datum_mpi(&q);
    mu = gcry_mpi_new(0);
    if (!mn || !me || !md || !mp || !mq || !mu) {
        say(msg, msg_len, "libgcrypt could not hold the key parameters");
        goto out;
    }
    /* libgcrypt wants p < q and u = p^-1 mod q; PKCS#1 stores q^-1 mod p
     * and usually p > q, so order the primes and compute u ourselves. */
    if (gcry_mpi_cmp(mp, mq) > 0)
        gcry_mpi_swap(mp, mq);
    if (!gcry_mpi_invm(mu, mp, mq)) {
        say(msg, msg_len, "RSA key is inconsistent: primes are not coprime");
        err = TLSI_ERR_BAD_KEY;
        goto out;
    }
    if (gcry_sexp_build(&key->priv, NULL, "(private-key(rsa(n%m)(e%m)(d%m)(p%m)(q%m)(u%m)))",
                        mn, me, md, mp, mq, mu) != 0) {
        say(msg, msg_len, "libgcrypt refused the key");
        goto out;
    }
    if (gcry_pk_testkey(key->priv) != 0) {
        say(msg, msg_len, "RSA key is inconsistent: its parameters do not fit together");
        err = TLSI_ERR_BAD_KEY;
        goto out;
    }
    key->n = mn;
    mn = NULL;
    gcry_md_hash_buffer(GCRY_MD_SHA1, key->id, key->n_bytes, key->n_len);
    for (size_t i = 0; i < TLSI_RSA_KEY_ID_LEN; i++)
        snprintf(key->id_hex + 2 * i, 3, "%02x", key->id[i]);
    err = TLSI_OK;
out:
    gcry_mpi_release(mn);
    gcry_mpi_release(me);
    gcry_mpi_release(md);
    gcry_mpi_release(mp);
    gcry_mpi_release(mq);
    gcry_mpi_release(mu);
    free_datum(&m);
    free_datum(&e);
    free_datum(&d);
    free_datum(&p);
    free_datum(&q);
    free_datum(&u);
    free_datum(&e1);
    free_datum(&e2);
    return err;
}

tlsi_rsa_key *tlsi_rsa_key_load_mem(const uint8_t *data, size_t len, const char *password,
                                    tlsi_err *err, char *msg, size_t msg_len)
{
    gnutls_x509_privkey_t gk = NULL;
    tlsi_rsa_key *key = NULL;
    int rc;

    say(msg, msg_len, "ok");
    *err = tlsi_crypto_init();
    if (*err != TLSI_OK) {
        say(msg, msg_len, "libgcrypt or GnuTLS failed to initialise");
        return NULL;
    }
    if (len == 0 || len > TLSI_RSA_MAX_FILE) {
        say(msg, msg_len, "key file is %s", len == 0 ? "empty" : "too large to be a key");
        *err = TLSI_ERR_BAD_LENGTH;
        return NULL;
    }
    /* GnuTLS takes a non-const datum but does not write to it. */
    gnutls_datum_t d = {(unsigned char *)(uintptr_t)data, (unsigned)len};
    if (password && !*password)
        password = NULL;

    rc = try_pkcs12(&d, password, &gk);
    if (rc == 0 && !gk) {
        if (gnutls_x509_privkey_init(&gk) < 0) {
            *err = parse_failure(GNUTLS_E_MEMORY_ERROR, password, msg, msg_len);
            return NULL;
        }
        rc = gnutls_x509_privkey_import2(
            gk, &d, looks_like_pem(data, len) ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER,
            password, 0);
    }
    if (rc < 0) {
        *err = parse_failure(rc, password, msg, msg_len);
        goto out;
    }

    int pk = gnutls_x509_privkey_get_pk_algorithm2(gk, NULL);
    if (pk != GNUTLS_PK_RSA) {
        const char *name = NULL;
        for (size_t i = 0; i < sizeof pk_names / sizeof pk_names[0]; i++)
            if (pk_names[i].pk == pk)
                name = pk_names[i].name;
        if (!name)
            name = pk >= 0 ? gnutls_pk_algorithm_get_name((gnutls_pk_algorithm_t)pk) : NULL;
        say(msg, msg_len, "key is %s, not RSA", name ? name : "of an unknown type");
        *err = TLSI_ERR_UNSUPPORTED;
        goto out;
    }

    key = calloc(1, sizeof *key);
    if (!key) {
        *err = parse_failure(GNUTLS_E_MEMORY_ERROR, password, msg, msg_len);
        goto out;
    }
    *err = convert(gk, key, msg, msg_len);
    if (*err != TLSI_OK) {
        tlsi_rsa_key_free(key);
        key = NULL;
    }
out:
    if (gk)
        gnutls_x509_privkey_deinit(gk);
    return key;
}

tlsi_rsa_key *tlsi_rsa_key_load(const char *path, const char *password, tlsi_err *err,
                                char *msg, size_t msg_len)
{
    struct stat sb;
    uint8_t *buf;
    size_t got = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0 || fstat(fd, &sb) != 0) {
        int e = errno;
        say(msg, msg_len, "cannot open %s: %s", path, strerror(e));
        if (fd >= 0)
            close(fd);
        *err = TLSI_ERR_IO;
        return NULL;
    }
    if (!S_ISREG(sb.st_mode) || sb.st_size <= 0 || sb.st_size > TLSI_RSA_MAX_FILE) {
        say(msg, msg_len, "%s: %s", path,
            !S_ISREG(sb.st_mode) ? "not a regular file"
            : sb.st_size <= 0    ? "key file is empty"
                                 : "too large to be a key file");
        close(fd);
        *err = S_ISREG(sb.st_mode) ? TLSI_ERR_BAD_LENGTH : TLSI_ERR_IO;
        return NULL;
    }
    size_t size = (size_t)sb.st_size;
    buf = malloc(size);
    if (!buf) {
        close(fd);
        say(msg, msg_len, "out of memory reading %s", path);
        *err = TLSI_ERR_NOMEM;
        return NULL;
    }
    while (got < size) {
        ssize_t r = read(fd, buf + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            say(msg, msg_len, "cannot read %s: %s", path, strerror(e));
            close(fd);
            wipe(buf, size);
            free(buf);
            *err = TLSI_ERR_IO;
            return NULL;
        }
        if (r == 0)
            break; /* shrank meanwhile: parse what is there */
        got += (size_t)r;
    }
    close(fd);
    tlsi_rsa_key *key = tlsi_rsa_key_load_mem(buf, got, password, err, msg, msg_len);
    wipe(buf, size);
    free(buf);
    return key;
}

void tlsi_rsa_key_free(tlsi_rsa_key *key)
{
    if (!key)
        return;
    gcry_sexp_release(key->priv);
    gcry_mpi_release(key->n);
    wipe(key, sizeof *key);
    free(key);
}

void tlsi_rsa_key_id(const tlsi_rsa_key *key, uint8_t out[TLSI_RSA_KEY_ID_LEN])
{
    memcpy(out, key->id, TLSI_RSA_KEY_ID_LEN);
}

const char *tlsi_rsa_key_id_hex(const tlsi_rsa_key *key)
{
    return key->id_hex;
}

unsigned tlsi_rsa_key_bits(const tlsi_rsa_key *key)
{
    return gcry_mpi_get_nbits(key->n);
}

int tlsi_rsa_key_matches_modulus(const tlsi_rsa_key *key, const uint8_t *n, size_t n_len)
{
    n = strip_zeros(n, &n_len);
    return n_len == key->n_len && memcmp(n, key->n_bytes, n_len) == 0;
}

/* Raw RSA private operation: em[k] = enc^d mod n, left-padded with zeros. */
static tlsi_err rsa_raw_decrypt(const tlsi_rsa_key *key, const uint8_t *enc, size_t enc_len,
                                uint8_t *em, size_t k, char *why, size_t why_len)
{
    gcry_mpi_t c = NULL, mres = NULL;
    gcry_sexp_t in = NULL, res = NULL, val = NULL;
    tlsi_err err = TLSI_ERR_CRYPTO;
    size_t written = 0;

    if (gcry_mpi_scan(&c, GCRYMPI_FMT_USG, enc, enc_len, NULL) != 0) {
        say(why, why_len, "libgcrypt could not read the ciphertext");
        goto out;
    }
    if (gcry_mpi_cmp(c, key->n) >= 0) {
        say(why, why_len, "encrypted premaster is not below the key's modulus: wrong key");
        err = TLSI_ERR_BAD_KEY;
        goto out;
    }
    if (gcry_sexp_build(&in, NULL, "(enc-val(flags raw)(rsa(a%m)))", c) != 0 ||
        gcry_pk_decrypt(&res, in, key->priv) != 0) {
        say(why, why_len, "libgcrypt RSA decryption failed");
        goto out;
    }
    /* The result is "(value m)" when flags were given, a bare MPI otherwise. */
    val = gcry_sexp_find_token(res, "value", 0);
    mres = val ? gcry_sexp_nth_mpi(val, 1, GCRYMPI_FMT_USG) : gcry_sexp_nth_mpi(res, 0,
                                                                                 GCRYMPI_FMT_USG);
    if (!mres || (gcry_mpi_get_nbits(mres) + 7) / 8 > k ||
        gcry_mpi_print(GCRYMPI_FMT_USG, em, k, &written, mres) != 0 || written > k) {
        say(why, why_len, "libgcrypt RSA decryption gave an unusable result");
        goto out;
    }
    /* Right-align: leading zero bytes of the block are not printed. */
    memmove(em + (k - written), em, written);
    memset(em, 0, k - written);
    err = TLSI_OK;
out:
    gcry_mpi_release(c);
    gcry_mpi_release(mres);
    gcry_sexp_release(in);
    gcry_sexp_release(res);
    gcry_sexp_release(val);
    return err;
}

tlsi_err tlsi_rsa_decrypt_premaster(const tlsi_rsa_key *key, const uint8_t *enc, size_t enc_len,
                                    uint16_t client_version,
                                    uint8_t premaster[TLSI_RSA_PREMASTER_LEN], char *why,
                                    size_t why_len)
{
    uint8_t em[TLSI_RSA_MAX_MODULUS];
    size_t k = key->n_len;
    tlsi_err err;

    say(why, why_len, "ok");
    if (enc_len == 0 || enc_len > k) {
        say(why, why_len, "encrypted premaster is %zu bytes but the key's modulus is %zu bytes",
            enc_len, k);
        return TLSI_ERR_BAD_LENGTH;
    }
    err = rsa_raw_decrypt(key, enc, enc_len, em, k, why, why_len);
    if (err != TLSI_OK)
        goto out;

    /* EM = 00 || 02 || PS (>= 8 non-zero bytes) || 00 || M  (RFC 8017 7.2.2) */
    size_t sep = 2;
    while (sep < k && em[sep] != 0)
        sep++;
    const char *bad = NULL;
    if (em[0] != 0x00 || em[1] != 0x02)
        bad = "block does not start with 00 02";
    else if (sep == k)
        bad = "no zero byte ends the padding";
    else if (sep - 2 < 8)
        bad = "padding shorter than 8 bytes";
    if (bad) {
        say(why, why_len,
            "RSA PKCS#1 v1.5 padding invalid (%s): wrong key or Bleichenbacher-style padding "
            "failure",
            bad);
        err = TLSI_ERR_BAD_KEY;
        goto out;
    }
    size_t m_len = k - sep - 1;
    if (m_len != TLSI_RSA_PREMASTER_LEN) {
        say(why, why_len, "decrypted premaster is %zu bytes, not 48: wrong key", m_len);
        err = TLSI_ERR_BAD_KEY;
        goto out;
    }
    memcpy(premaster, em + sep + 1, TLSI_RSA_PREMASTER_LEN);
    uint16_t v = (uint16_t)(premaster[0] << 8 | premaster[1]);
    if (v != client_version) {
        say(why, why_len,
            "premaster version 0x%04x differs from the ClientHello version 0x%04x "
            "(a client bug or a wrong key)",
            v, client_version);
        err = TLSI_ERR_BAD_VALUE;
        goto out;
    }
    err = TLSI_OK;
out:
    wipe(em, sizeof em);
    return err;
}

tlsi_err tlsi_cert_rsa_modulus(const uint8_t *der, size_t len, uint8_t *n_out, size_t *n_len)
{
    gnutls_x509_crt_t crt;
    gnutls_datum_t m = {0}, e = {0};
    tlsi_err err;

    if (tlsi_crypto_init() != TLSI_OK)
        return TLSI_ERR_CRYPTO;
    if (len == 0 || len > UINT_MAX)
        return TLSI_ERR_BAD_LENGTH;
    if (gnutls_x509_crt_init(&crt) < 0)
        return TLSI_ERR_NOMEM;
    gnutls_datum_t d = {(unsigned char *)(uintptr_t)der, (unsigned)len};
    if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER) < 0) {
        err = TLSI_ERR_BAD_VALUE;
        goto out;
    }
    if (gnutls_x509_crt_get_pk_algorithm(crt, NULL) != GNUTLS_PK_RSA) {
        err = TLSI_ERR_UNSUPPORTED;
        goto out;
    }
    if (gnutls_x509_crt_get_pk_rsa_raw(crt, &m, &e) < 0) {
        err = TLSI_ERR_BAD_VALUE;
        goto out;
    }
    size_t mlen = m.size;
    const uint8_t *n = strip_zeros(m.data, &mlen);
    if (mlen == 0) {
        err = TLSI_ERR_BAD_VALUE;
    } else if (mlen > *n_len) {
        err = TLSI_ERR_BAD_LENGTH;
    } else {
        memcpy(n_out, n, mlen);
        *n_len = mlen;
        err = TLSI_OK;
    }
out:
    gnutls_free(m.data);
    gnutls_free(e.data);
    gnutls_x509_crt_deinit(crt);
    return err;
}
