/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rsa_keys.h - RSA private keys for decrypting the premaster of RSA key
 * exchange sessions (TLS <= 1.2, RSA and RSA_PSK suites).
 *
 * A key is read with GnuTLS from PEM or DER: PKCS#1, PKCS#8, encrypted PKCS#8
 * and PKCS#12 (with a password). Its parameters become a libgcrypt private
 * key. A key is identified by the SHA-1 of its modulus (big-endian, no
 * leading zero bytes), which is stable across container formats and lets the
 * plugin match a key to the server certificate of a session.
 *
 * Call tlsi_crypto_init() (crypto_init.h) before anything here; the loaders
 * call it themselves.
 */
#ifndef TLSI_RSA_KEYS_H
#define TLSI_RSA_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "tlsi_err.h"

#define TLSI_RSA_KEY_ID_LEN 20
/* Largest modulus handled: 16384 bits. */
#define TLSI_RSA_MAX_MODULUS 2048
/* Key files above this size are refused without being parsed. */
#define TLSI_RSA_MAX_FILE (1024 * 1024)
#define TLSI_RSA_PREMASTER_LEN 48

typedef struct tlsi_rsa_key tlsi_rsa_key;

/* Load the key in the file at path. password may be NULL or "" for an
 * unencrypted key. On failure returns NULL, sets *err and writes a message
 * for the user into msg[msg_len] (msg may be NULL):
 *   TLSI_ERR_IO           the file cannot be opened or read (with strerror)
 *   TLSI_ERR_BAD_LENGTH   the file is empty or larger than TLSI_RSA_MAX_FILE
 *   TLSI_ERR_UNSUPPORTED  the key is not RSA ("key is EC, not RSA"), or its
 *                         modulus is over TLSI_RSA_MAX_MODULUS
 *   TLSI_ERR_BAD_KEY      wrong or missing password, or the file is not a
 *                         readable key (truncated, garbage, inconsistent)
 *   TLSI_ERR_CRYPTO / TLSI_ERR_NOMEM  library or allocation failure */
tlsi_rsa_key *tlsi_rsa_key_load(const char *path, const char *password, tlsi_err *err,
                                char *msg, size_t msg_len);
/* The same from the file's bytes in memory. */
tlsi_rsa_key *tlsi_rsa_key_load_mem(const uint8_t *data, size_t len, const char *password,
                                    tlsi_err *err, char *msg, size_t msg_len);
void tlsi_rsa_key_free(tlsi_rsa_key *key);

/* SHA-1 of the modulus. */
void tlsi_rsa_key_id(const tlsi_rsa_key *key, uint8_t out[TLSI_RSA_KEY_ID_LEN]);
/* The same as 40 lower-case hex digits; lives as long as the key. */
const char *tlsi_rsa_key_id_hex(const tlsi_rsa_key *key);
/* Modulus size in bits. */
unsigned tlsi_rsa_key_bits(const tlsi_rsa_key *key);

/* 1 if n (big-endian; leading zero bytes are ignored) is this key's modulus. */
int tlsi_rsa_key_matches_modulus(const tlsi_rsa_key *key, const uint8_t *n, size_t n_len);

/* Decrypt an RSA-encrypted premaster (PKCS#1 v1.5, RFC 5246 7.4.7.1) and
 * check it. enc is the EncryptedPreMasterSecret without its length prefix.
 * client_version is the version offered in the ClientHello. Results:
 *   TLSI_OK             premaster filled, 48 bytes, version bytes match
 *   TLSI_ERR_BAD_VALUE  premaster filled, but its first two bytes are not
 *                       client_version (some old stacks put the negotiated
 *                       version there); the caller may still try it
 *   TLSI_ERR_BAD_KEY    padding invalid, plaintext not 48 bytes, or the
 *                       ciphertext not below the modulus: almost always the
 *                       wrong key; premaster untouched
 *   TLSI_ERR_BAD_LENGTH enc is empty or longer than the modulus
 *   TLSI_ERR_CRYPTO     libgcrypt failed
 * why[why_len] (may be NULL) receives a sentence saying which check failed. */
tlsi_err tlsi_rsa_decrypt_premaster(const tlsi_rsa_key *key, const uint8_t *enc, size_t enc_len,
                                    uint16_t client_version,
                                    uint8_t premaster[TLSI_RSA_PREMASTER_LEN], char *why,
                                    size_t why_len);

/* The RSA modulus (big-endian, no leading zeros) of a DER X.509 certificate.
 * On input *n_len is the capacity of n_out, on success the modulus length.
 * TLSI_ERR_UNSUPPORTED for a certificate whose key is not RSA,
 * TLSI_ERR_BAD_VALUE for bytes that are not a certificate,
 * TLSI_ERR_BAD_LENGTH when n_out is too small. */
tlsi_err tlsi_cert_rsa_modulus(const uint8_t *der, size_t len, uint8_t *n_out, size_t *n_len);

#endif
