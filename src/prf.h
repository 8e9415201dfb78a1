/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prf.h - SSL 3.0 / TLS 1.0-1.2 key derivation: the PRF, the master secret
 * (with the extended master secret of RFC 7627), the key block and how it is
 * sliced into per-direction keys, and the Finished verify_data.
 *
 * Versions are wire values (TLSI_SSL3 .. TLSI_TLS12). DTLS 1.0 (0xFEFF) and
 * the pre-standard OpenSSL DTLS (0x0100) derive keys as TLS 1.1, DTLS 1.2
 * (0xFEFD) as TLS 1.2. TLS 1.3 uses tls13_keys.h instead.
 */
#ifndef TLSI_PRF_H
#define TLSI_PRF_H

#include <stddef.h>
#include <stdint.h>

#include "algorithms.h"
#include "cipher_suites.h"
#include "tlsi_err.h"

#define TLSI_MASTER_LEN 48
#define TLSI_RANDOM_LEN 32

/* The keys of one direction of a connection, taken from the key block. A
 * length of 0 means the suite has no such value (AEAD: no mac_key; stream
 * ciphers and TLS 1.1+ CBC: no iv). For AEAD suites iv is the implicit
 * part of the nonce (4 bytes GCM/CCM, 12 bytes ChaCha20-Poly1305). */
typedef struct tlsi_conn_keys {
    uint8_t mac_key[64];
    size_t mac_key_len;
    uint8_t key[32];
    size_t key_len;
    uint8_t iv[16];
    size_t iv_len;
} tlsi_conn_keys;

/*
 * The PRF of the given version:
 *   SSL 3.0 (RFC 6101 6.2.2): MD5(secret + SHA1("A" + secret + seed)) +
 *       MD5(secret + SHA1("BB" + secret + seed)) + ...; label is ignored
 *       (callers pass the seed in the order the SSL 3.0 computation wants).
 *   TLS 1.0/1.1 (RFC 2246 5): P_MD5(S1, label + seed) XOR P_SHA1(S2, label + seed).
 *   TLS 1.2 (RFC 5246 5): P_<prf_hash>(secret, label + seed); prf_hash is
 *       ignored before TLS 1.2.
 * Returns TLSI_ERR_UNSUPPORTED for other versions or hashes, TLSI_ERR_BAD_LENGTH
 * when out_len is over 26 * 16 bytes for SSL 3.0 (the "A".."Z" limit).
 */
tlsi_err tlsi_prf(uint16_t version, tlsi_hash prf_hash, const uint8_t *secret, size_t secret_len,
                  const char *label, const uint8_t *seed, size_t seed_len, uint8_t *out,
                  size_t out_len);

/*
 * master_secret = PRF(pre_master_secret, "master secret",
 *                     client_random + server_random)[0..47]
 * or, when session_hash is non-NULL (RFC 7627 4), with the label
 * "extended master secret" and session_hash as the whole seed. For SSL 3.0
 * the seed is client_random + server_random (RFC 6101 6.1), no EMS.
 */
tlsi_err tlsi_master_secret(uint16_t version, tlsi_hash prf_hash, const uint8_t *premaster,
                            size_t pm_len, const uint8_t client_random[TLSI_RANDOM_LEN],
                            const uint8_t server_random[TLSI_RANDOM_LEN],
                            const uint8_t *session_hash, size_t sh_len,
                            uint8_t master[TLSI_MASTER_LEN]);

/* key_block = PRF(master_secret, "key expansion", server_random + client_random)
 * (RFC 5246 6.3; RFC 6101 6.2.2 has the same seed order). */
tlsi_err tlsi_key_block(uint16_t version, tlsi_hash prf_hash, const uint8_t master[TLSI_MASTER_LEN],
                        const uint8_t client_random[TLSI_RANDOM_LEN],
                        const uint8_t server_random[TLSI_RANDOM_LEN], uint8_t *out, size_t len);

/* Bytes of key block the suite needs at this version: 2 x MAC key + 2 x key
 * + 2 x IV, where IVs are taken for CBC only in SSL 3.0 and TLS 1.0 (RFC 4346
 * 6.3 dropped them) and for AEAD the implicit nonce (RFC 5246 6.3). 0 for
 * suites tlsi derives no key block for: TLS 1.3 suites, SCSVs, and suites
 * whose cipher or MAC libgcrypt lacks (tlsi_suite_decryptable() says why).
 * Export ciphers take export_len key bytes and no IV from the key block;
 * tlsi_export_keys() (export_kdf.h) turns them into the final keys and IVs. */
size_t tlsi_key_block_len(const tlsi_suite *s, uint16_t version);

/* Slice a key block of kb_len >= tlsi_key_block_len() bytes into the
 * client_write_* and server_write_* values, in RFC 5246 6.3 order. */
tlsi_err tlsi_key_block_split(const tlsi_suite *s, uint16_t version, const uint8_t *kb,
                              size_t kb_len, tlsi_conn_keys *client, tlsi_conn_keys *server);

/*
 * TLS 1.0-1.2 Finished (RFC 5246 7.4.9): verify_data =
 *   PRF(master_secret, "client finished" | "server finished", handshake_hash)[0..11]
 * handshake_hash is MD5 + SHA-1 (36 bytes) of the handshake messages for TLS
 * 1.0/1.1 (tlsi_transcript_tls10_hash) and the prf_hash digest for TLS 1.2.
 * *out_len is set to 12; out must hold 12 bytes. SSL 3.0 needs the messages
 * themselves: use tlsi_ssl3_finished() (transcript.h); here it is
 * TLSI_ERR_UNSUPPORTED.
 */
tlsi_err tlsi_finished_verify_data(uint16_t version, tlsi_hash prf_hash,
                                   const uint8_t master[TLSI_MASTER_LEN], int from_server,
                                   const uint8_t *handshake_hash, size_t hh_len, uint8_t *out,
                                   size_t *out_len);

#endif
