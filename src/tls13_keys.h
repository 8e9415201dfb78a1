/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tls13_keys.h - the TLS 1.3 key schedule (RFC 8446 section 7): HKDF
 * (RFC 5869), HKDF-Expand-Label and Derive-Secret, record keys from a
 * traffic secret, KeyUpdate, Finished, and the early/handshake/master
 * secret chain for callers that hold the (EC)DHE shared secret.
 *
 * With a key log (SSLKEYLOGFILE) a dissector gets the traffic secrets
 * directly and needs only tlsi_tls13_traffic_keys(), tlsi_tls13_next_secret()
 * and tlsi_tls13_finished_verify(). Secrets are always Hash.length bytes of
 * the suite's hash (tlsi_suite.prf), 32 for SHA-256 and SM3, 48 for SHA-384.
 */
#ifndef TLSI_TLS13_KEYS_H
#define TLSI_TLS13_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "algorithms.h"
#include "prf.h"
#include "tlsi_err.h"

/* RFC 8446 5.3: the per-record nonce is iv_length = 12 bytes for every
 * TLS 1.3 AEAD (max(8, N_MIN) with N_MIN = 12). */
#define TLSI_TLS13_IV_LEN 12

/* RFC 5869 2.2: prk = HMAC-Hash(salt, ikm). An empty or NULL salt means
 * Hash.length zero bytes. prk receives Hash.length bytes. */
tlsi_err tlsi_hkdf_extract(tlsi_hash h, const uint8_t *salt, size_t salt_len, const uint8_t *ikm,
                           size_t ikm_len, uint8_t *prk);

/* RFC 5869 2.3: out = the first out_len bytes of T(1) | T(2) | ...;
 * TLSI_ERR_BAD_LENGTH when out_len > 255 * Hash.length. */
tlsi_err tlsi_hkdf_expand(tlsi_hash h, const uint8_t *prk, size_t prk_len, const uint8_t *info,
                          size_t info_len, uint8_t *out, size_t out_len);

/* RFC 8446 7.1: HKDF-Expand(secret, HkdfLabel, out_len), where HkdfLabel is
 * { uint16 out_len; opaque "tls13 " + label <7..255>; opaque context<0..255> }.
 * label is given without the "tls13 " prefix; secret is Hash.length bytes.
 * TLSI_ERR_BAD_LENGTH when the label, context or out_len do not fit. */
tlsi_err tlsi_hkdf_expand_label(tlsi_hash h, const uint8_t *secret, const char *label,
                                const uint8_t *context, size_t context_len, uint8_t *out,
                                size_t out_len);

/* RFC 8446 7.1: Derive-Secret(secret, label, Messages) =
 * HKDF-Expand-Label(secret, label, Transcript-Hash(Messages), Hash.length).
 * The caller passes the transcript hash (Hash.length bytes) it already has;
 * NULL means Hash("") (the "derived" steps). */
tlsi_err tlsi_tls13_derive_secret(tlsi_hash h, const uint8_t *secret, const char *label,
                                  const uint8_t *transcript_hash, uint8_t *out);

/* RFC 8446 7.3: key = HKDF-Expand-Label(secret, "key", "", key_length) and
 * iv = HKDF-Expand-Label(secret, "iv", "", 12). key receives the cipher's
 * key_len bytes. TLSI_ERR_UNSUPPORTED for a cipher with no key (NULL). */
tlsi_err tlsi_tls13_traffic_keys(tlsi_hash h, tlsi_cipher c, const uint8_t *secret, uint8_t *key,
                                 uint8_t iv[TLSI_TLS13_IV_LEN]);

/* The same into a tlsi_conn_keys (mac_key_len 0, iv_len 12), the form the
 * record layer takes for TLS 1.2 too. */
tlsi_err tlsi_tls13_conn_keys(tlsi_hash h, tlsi_cipher c, const uint8_t *secret,
                              tlsi_conn_keys *keys);

/* RFC 8446 7.2: application_traffic_secret_N+1 =
 * HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length).
 * out may equal secret. */
tlsi_err tlsi_tls13_next_secret(tlsi_hash h, const uint8_t *secret, uint8_t *out);

/* RFC 8446 4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length). */
tlsi_err tlsi_tls13_finished_key(tlsi_hash h, const uint8_t *base_secret, uint8_t *out);

/* RFC 8446 4.4.4: verify_data = HMAC(finished_key, Transcript-Hash(Handshake
 * Context, Certificate*, CertificateVerify*)); Hash.length bytes. base_secret
 * is the sender's handshake traffic secret. */
tlsi_err tlsi_tls13_finished_verify(tlsi_hash h, const uint8_t *base_secret,
                                    const uint8_t *transcript_hash, uint8_t *out);

/* RFC 8446 7.1 key schedule. early_secret = HKDF-Extract(0, PSK), with
 * Hash.length zeros when psk is NULL (no PSK). */
tlsi_err tlsi_tls13_early_secret(tlsi_hash h, const uint8_t *psk, size_t psk_len, uint8_t *out);
/* handshake_secret = HKDF-Extract(Derive-Secret(early_secret, "derived", ""), (EC)DHE). */
tlsi_err tlsi_tls13_handshake_secret(tlsi_hash h, const uint8_t *early_secret,
                                     const uint8_t *shared, size_t shared_len, uint8_t *out);
/* master_secret = HKDF-Extract(Derive-Secret(handshake_secret, "derived", ""), 0). */
tlsi_err tlsi_tls13_master_secret(tlsi_hash h, const uint8_t *handshake_secret, uint8_t *out);

/*
 * TLS 1.3 drafts (draft = tlsi_tls13_draft(wire version), 14..28; 0 means
 * RFC 8446, where these equal the functions above). The drafts tlsi
 * decrypts derive record keys from the key log's traffic secrets as RFC
 * 8446 does, except that before draft 20 HkdfLabel.label was "TLS 1.3, " +
 * label (draft 20 changed the prefix to "tls13 " and shortened the labels)
 * and KeyUpdate used the label "application traffic secret" instead of
 * "traffic upd". "key", "iv" and "finished" are the same in every draft.
 */
tlsi_err tlsi_hkdf_expand_label_draft(unsigned draft, tlsi_hash h, const uint8_t *secret,
                                      const char *label, const uint8_t *context,
                                      size_t context_len, uint8_t *out, size_t out_len);
tlsi_err tlsi_tls13_conn_keys_draft(unsigned draft, tlsi_hash h, tlsi_cipher c,
                                    const uint8_t *secret, tlsi_conn_keys *keys);
tlsi_err tlsi_tls13_next_secret_draft(unsigned draft, tlsi_hash h, const uint8_t *secret,
                                      uint8_t *out);
tlsi_err tlsi_tls13_finished_verify_draft(unsigned draft, tlsi_hash h, const uint8_t *base_secret,
                                          const uint8_t *transcript_hash, uint8_t *out);

#endif
