/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * heartbeat.h - the HeartbeatMessage of RFC 6520 section 4, the content of
 * a record of type heartbeat (24):
 *     struct { HeartbeatMessageType type; uint16 payload_length;
 *              opaque payload[HeartbeatMessage.payload_length];
 *              opaque padding[padding_length]; } HeartbeatMessage;
 * padding_length is what is left of the record and must be at least 16.
 * A payload_length larger than the record holds is the Heartbleed pattern
 * (CVE-2014-0160): RFC 6520 says such a message is discarded silently.
 */
#ifndef TLSI_HEARTBEAT_H
#define TLSI_HEARTBEAT_H

#include <stddef.h>
#include <stdint.h>

#include "reader.h"
#include "tlsi_err.h"

#define TLSI_HEARTBEAT_MIN_PADDING 16u

typedef struct {
    uint8_t type;            /* 1 request, 2 response (tlsi_heartbeat_type_names) */
    uint16_t payload_length; /* as sent */
    tlsi_span payload;       /* the payload bytes present (all of them when !overrun) */
    tlsi_span padding;       /* what follows the payload; empty when overrun */
    int overrun;             /* payload_length reaches past the end of the record */
    int short_padding;       /* fewer than 16 padding bytes (RFC 6520 4) */
} tlsi_heartbeat;

/*
 * Parse a heartbeat record's content (len = the record's plaintext length).
 * TLSI_ERR_SHORT when not even type and payload_length are there. An
 * overrun is not an error of the parse: it is reported in out->overrun with
 * payload holding the bytes that are there, and TLSI_ERR_BAD_LENGTH returned
 * so callers cannot miss it.
 */
tlsi_err tlsi_heartbeat_parse(const uint8_t *buf, size_t len, tlsi_heartbeat *out);

#endif
