/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * detect.h - does a byte stream start a TLS connection here? Used where tlsi
 * has to decide without a port: the heuristic on any TCP port, and the point
 * where a plaintext protocol (STARTTLS, a proxy handshake) switches to TLS.
 * Plaintext that merely looks like a record header must not pass, so the
 * whole hello message is parsed, as far as the bytes given reach.
 */
#ifndef TLSI_DETECT_H
#define TLSI_DETECT_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    TLSI_DETECT_NONE = 0,     /* not the start of a TLS connection */
    TLSI_DETECT_CLIENT_HELLO, /* a handshake record that starts with a ClientHello */
    TLSI_DETECT_SERVER_HELLO, /* ... with a ServerHello (the ClientHello was not captured) */
    TLSI_DETECT_SSLV2_HELLO,  /* an SSL 2.0-format ClientHello */
} tlsi_detect;

/*
 * Classify the first bytes of a TCP segment. buf may end before the record
 * does (the record continues in later segments): the hello is then checked
 * as far as it goes, and at least the version, random and session id must
 * be there. Every length seen must be consistent with its enclosing one.
 */
tlsi_detect tlsi_detect_hello(const uint8_t *buf, size_t len);

#endif
