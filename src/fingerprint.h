/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fingerprint.h - TLS client and server fingerprints: JA3 and JA3S
 * (salesforce/ja3, BSD-3-Clause) and JA4 (FoxIO-LLC/ja4, technical_details/
 * JA4.md; the JA4 client method is BSD-3-Clause). JA4S and the rest of JA4+
 * are under the FoxIO License, which a GPL program cannot carry: they are
 * deliberately absent.
 *
 * Every function takes a handshake message body (without the 4-byte header)
 * and reparses it; GREASE values (RFC 8701) are left out everywhere.
 */
#ifndef TLSI_FINGERPRINT_H
#define TLSI_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "tlsi_err.h"

/* JA3: "SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats",
 * decimal values joined by "-", fields by ","; absent fields stay empty.
 * The string goes to str (cap bytes, always NUL-terminated, cut short if it
 * does not fit; str may be NULL with cap 0); *str_len (may be NULL) gets its
 * full length, and md5_hex the MD5 of the full string in lower-case hex. */
tlsi_err tlsi_ja3(const uint8_t *client_hello, size_t len, char *str, size_t cap, size_t *str_len,
                  char md5_hex[33]);

/* JA3S: "SSLVersion,Cipher,Extensions" of a ServerHello, same conventions. */
tlsi_err tlsi_ja3s(const uint8_t *server_hello, size_t len, char *str, size_t cap, size_t *str_len,
                   char md5_hex[33]);

#define TLSI_JA4_LEN 36 /* "t13d1516h2_8daaf6152771_e5627efa2ab1" */

/* Most cipher suites or extensions JA4 sorts; a ClientHello with more gives
 * TLSI_ERR_NOMEM (real clients send a few dozen). */
#define TLSI_JA4_MAX_ITEMS 1024

/* JA4 of a ClientHello. proto is 't' (TLS over TCP), 'q' (QUIC) or 'd'
 * (DTLS); 0 picks 'q' when the hello carries quic_transport_parameters, else
 * 't'. original = 0 gives JA4 (sorted lists, SNI and ALPN left out of the
 * extension hash); original = 1 gives JA4_o (wire order, SNI and ALPN kept).
 * raw (may be NULL) receives the unhashed JA4_r (or JA4_ro), truncated to
 * raw_cap like tlsi_ja3's str, its full length in *raw_len (may be NULL). */
tlsi_err tlsi_ja4(const uint8_t *client_hello, size_t len, char proto, int original,
                  char ja4[TLSI_JA4_LEN + 1], char *raw, size_t raw_cap, size_t *raw_len);

#endif
