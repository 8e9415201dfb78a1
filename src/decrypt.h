/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * decrypt.h - record decryption for one direction of one session.
 *
 * A tlsi_decryptor turns TLSCiphertext fragments back into plaintext: it
 * picks the record-protection scheme (stream, CBC, AEAD; see rp.h) from the
 * cipher's mode, owns the 64-bit sequence number, enforces the record length
 * limits, undoes DEFLATE compression (RFC 3749) and, for TLS 1.3, recovers
 * the inner content type (RFC 8446 section 5.4).
 *
 * Records of a direction must be opened once each and in order: RC4, the
 * chained CBC IV of SSL 3.0/TLS 1.0 and the DEFLATE stream all run on from
 * one record to the next. A caller that needs to revisit (Wireshark's second
 * pass) snapshots with tlsi_decryptor_clone() and keeps the plaintext.
 *
 * libgcrypt must have been initialised (tlsi_crypto_init()) before use.
 */
#ifndef TLSI_DECRYPT_H
#define TLSI_DECRYPT_H

#include <stddef.h>
#include <stdint.h>

#include "algorithms.h"
#include "tlsi_err.h"

typedef struct tlsi_decryptor tlsi_decryptor;

/*
 * A decryptor for one direction.
 *   version      the session's negotiated version, TLSI_SSL3..TLSI_TLS13, or a
 *                TLS 1.3 draft's wire version (tlsi_tls13_draft()): TLS 1.3
 *                with that draft's additional data (none before draft 25).
 *   cipher, mac  the suite's bulk cipher and record MAC hash (TLSI_HASH_NONE
 *                for AEAD and TLS 1.3, where mac is ignored). TLSI_CIPHER_NULL
 *                with TLSI_HASH_NONE passes records through unchanged.
 *   key, iv      the write key and IV from the key block (TLS <= 1.2: the IV
 *                is the CBC IV for SSL 3.0/TLS 1.0, ignored for CBC in TLS
 *                1.1+, the 4-byte salt for GCM/CCM, 12 bytes for ChaCha20);
 *                for TLS 1.3 the traffic key and 12-byte iv (RFC 8446 7.3).
 *   mac_key      the MAC write secret (NULL/0 for AEAD and TLS 1.3).
 *   etm          encrypt-then-MAC was negotiated (RFC 7366); CBC only,
 *                ignored otherwise.
 *   compression_method  0 (null) or 1 (DEFLATE, RFC 3749; not in TLS 1.3).
 * Returns NULL and sets *err (err may be NULL): TLSI_ERR_UNSUPPORTED for a
 * version, cipher, hash or compression tlsi cannot decrypt (GOST, ciphers
 * libgcrypt lacks such as ARIA before 1.11, non-AEAD in TLS 1.3). Suites
 * used outside their version (AES or AEAD over SSL 3.0, encrypt-then-MAC
 * over SSL 3.0) are decrypted as negotiated. For export ciphers key is the
 * final (expanded) key (export_kdf.h). TLSI_ERR_BAD_KEY for key/IV/MAC key lengths
 * that do not fit the cipher; TLSI_ERR_BAD_VALUE for an impossible
 * combination; TLSI_ERR_NOMEM; TLSI_ERR_CRYPTO.
 */
tlsi_decryptor *tlsi_decryptor_new(uint16_t version, tlsi_cipher cipher, tlsi_hash mac,
                                   const uint8_t *key, size_t key_len, const uint8_t *iv,
                                   size_t iv_len, const uint8_t *mac_key, size_t mac_key_len,
                                   int etm, int compression_method, tlsi_err *err);
void tlsi_decryptor_free(tlsi_decryptor *d);

/*
 * Decrypt and verify one record's fragment (the in_len bytes after the
 * 5-byte header whose type and version are content_type and record_version).
 *
 * out: out_cap bytes, not overlapping in. Without compression out_cap must be
 * at least in_len (the plaintext is never longer); with DEFLATE at least
 * TLSI_MAX_PLAINTEXT (2^14). A smaller out_cap fails with TLSI_ERR_NOMEM
 * before anything else happens (the sequence number is not used up). So
 * does, with TLSI_ERR_BAD_VALUE, a TLS 1.3 record whose outer type is not
 * application_data (23): RFC 8446 5.2 protects no other, so such a record
 * (change_cipher_spec in compatibility mode, a plaintext alert) is plaintext.
 *
 * Every other call uses the record's sequence number and then increments it,
 * on failure too: the sender sent the record, so a passive observer keeps
 * counting (and keeps RC4 / the chained CBC IV in step where it can).
 *
 * On TLSI_OK, *out_len is the plaintext length and *inner_type (may be NULL)
 * the content type: for TLS 1.3 the real type found after stripping the
 * zero padding of TLSInnerPlaintext, otherwise content_type itself.
 *
 * Errors: TLSI_ERR_SHORT (fragment shorter than nonce/IV + MAC/tag allow),
 * TLSI_ERR_BAD_LENGTH (fragment over 2^14+2048 bytes, 2^14+256 for TLS 1.3
 * (RFC 5246 6.2.3, RFC 8446 5.2), a CBC fragment not whole blocks, plaintext
 * over 2^14, or decompressing to over 2^14), TLSI_ERR_BAD_MAC (MAC or tag
 * mismatch), TLSI_ERR_BAD_PADDING, TLSI_ERR_BAD_VALUE (TLS 1.3 plaintext
 * of zeros only: no content type), TLSI_ERR_DECOMPRESS, TLSI_ERR_CRYPTO.
 *
 * On TLSI_ERR_BAD_MAC, when decryption itself worked, out holds the
 * unauthenticated plaintext and *out_len its length (before decompression
 * and, for TLS 1.3, with the inner type and padding still attached) so a
 * caller may show it marked as unverified; *out_len is 0 otherwise and after
 * every other error. Any failure on a compressed direction leaves the
 * DEFLATE window short of that record's bytes: every later record of the
 * direction then fails with TLSI_ERR_DECOMPRESS (its output could not be
 * trusted even when its MAC verifies).
 */
tlsi_err tlsi_decryptor_open(tlsi_decryptor *d, uint8_t content_type, uint16_t record_version,
                             const uint8_t *in, size_t in_len, uint8_t *out, size_t out_cap,
                             size_t *out_len, uint8_t *inner_type);

/*
 * Resynchronise after records missing from the capture. Call it right after
 * tlsi_decryptor_open() failed on this record with TLSI_ERR_BAD_MAC or
 * TLSI_ERR_BAD_PADDING: the record is opened again under each of the next
 * max_ahead sequence numbers (one past the number it failed with, ...). A
 * wrong number never verifies (the MAC or AEAD tag covers it), so a success
 * proves the record's place: *skipped is how many records are missing before
 * it, the direction continues after it, and out, out_len and inner_type are as
 * for tlsi_decryptor_open(). On failure out keeps what the failed open left.
 *
 * Which ciphers can: AEAD (TLS 1.2 and 1.3), CBC with an explicit IV (TLS
 * 1.1+), the NULL cipher; CBC with the chained IV of SSL 3.0 / TLS 1.0 and
 * MAC-then-encrypt from the second record after the gap (the first one's IV
 * was the last block of a missing record). Not RC4, whose keystream runs on
 * with every byte, nor the chained IV with encrypt-then-MAC (the MAC does not
 * prove the IV), nor a DEFLATE-compressed direction: TLSI_ERR_UNSUPPORTED
 * (tlsi_decryptor_can_resync).
 */
tlsi_err tlsi_decryptor_resync(tlsi_decryptor *d, uint8_t content_type, uint16_t record_version,
                               const uint8_t *in, size_t in_len, uint8_t *out, size_t out_cap,
                               size_t *out_len, uint8_t *inner_type, unsigned max_ahead,
                               uint64_t *skipped);
int tlsi_decryptor_can_resync(const tlsi_decryptor *d);

/* The sequence number the next record will be opened with. */
uint64_t tlsi_decryptor_seq(const tlsi_decryptor *d);
void tlsi_decryptor_set_seq(tlsi_decryptor *d, uint64_t seq);

/* A deep copy of the whole state (sequence number, RC4 state, chained IV,
 * DEFLATE window), independent of d from then on; NULL if out of memory. */
tlsi_decryptor *tlsi_decryptor_clone(const tlsi_decryptor *d);

/*
 * Release the cipher handles of a decryptor that is not expected to be used
 * again (its side sent close_notify), keeping the keys and sequence number:
 * a later open() rebuilds them, so a record after all still decrypts. Only
 * where the state carries nothing from record to record (AEAD, CBC from TLS
 * 1.1 on, no compression); returns 1 when parked, 0 when the decryptor keeps
 * its state (NULL, RC4, TLS 1.0 CBC, DEFLATE, already parked).
 */
int tlsi_decryptor_park(tlsi_decryptor *d);
/* Whether d is parked (no cipher handles until the next record). */
int tlsi_decryptor_parked(const tlsi_decryptor *d);

/* The scheme's name ("stream", "CBC", "AEAD") for diagnostics. */
const char *tlsi_decryptor_scheme(const tlsi_decryptor *d);

#endif
