/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * export_kdf.h - the final write keys and IVs of the export ciphers
 * (RC4_40, RC2_CBC_40, DES40_CBC and the 56-bit export ciphers).
 *
 * An export cipher takes only export_len bytes of key material per
 * direction from the key block and stretches them, with the randoms, to
 * the key_len bytes the cipher runs with; its CBC IVs come from the
 * randoms alone (the key block holds none):
 *   SSL 3.0 (RFC 6101 section 6.2.2):
 *     final_client_write_key = MD5(client_write_key + client_random + server_random)
 *     final_server_write_key = MD5(server_write_key + server_random + client_random)
 *     client_write_IV = MD5(client_random + server_random)
 *     server_write_IV = MD5(server_random + client_random)
 *   TLS 1.0 (RFC 2246 section 6.3):
 *     final_client_write_key = PRF(client_write_key, "client write key",
 *                                  client_random + server_random)
 *     final_server_write_key = PRF(server_write_key, "server write key",
 *                                  client_random + server_random)
 *     iv_block = PRF("", "IV block", client_random + server_random)
 *     client_write_IV = iv_block[0..IV size), server_write_IV = the next IV size bytes
 * each truncated to the length needed. TLS 1.1 forbids export suites (RFC
 * 4346 appendix A.5); a pair of stacks that negotiates one anyway is
 * decrypted with the TLS 1.0 construction over that version's PRF (the IVs
 * then go unused: every record carries its own).
 */
#ifndef TLSI_EXPORT_KDF_H
#define TLSI_EXPORT_KDF_H

#include <stdint.h>

#include "algorithms.h"
#include "prf.h"
#include "tlsi_err.h"

/*
 * client and server hold what tlsi_key_block_split() gave for an export
 * cipher c (key = export_len bytes of key material, no IV); on return key
 * is the cipher's key_len-byte final write key and, for a CBC cipher, iv
 * its block_len-byte IV. MAC keys are left alone. TLSI_ERR_UNSUPPORTED for
 * a cipher that is not an export cipher or a version tlsi_prf() lacks,
 * TLSI_ERR_BAD_KEY when the key material is not export_len bytes.
 */
tlsi_err tlsi_export_keys(uint16_t version, tlsi_hash prf_hash, tlsi_cipher c,
                          const uint8_t client_random[TLSI_RANDOM_LEN],
                          const uint8_t server_random[TLSI_RANDOM_LEN], tlsi_conn_keys *client,
                          tlsi_conn_keys *server);

#endif
