/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * heartbeat.c - RFC 6520 HeartbeatMessage (heartbeat.h).
 */
#include "heartbeat.h"

#include <string.h>

tlsi_err tlsi_heartbeat_parse(const uint8_t *buf, size_t len, tlsi_heartbeat *out)
{
    tlsi_rd r;
    size_t rest;

    memset(out, 0, sizeof(*out));
    tlsi_rd_init(&r, buf, len);
    if (tlsi_rd_u8(&r, &out->type) != TLSI_OK || tlsi_rd_u16(&r, &out->payload_length) != TLSI_OK)
        return TLSI_ERR_SHORT;
    rest = tlsi_rd_left(&r);
    out->payload.off = 3;
    if (out->payload_length > rest) {
        /* Heartbleed: the peer would echo memory past the record. */
        out->overrun = 1;
        out->payload.len = (uint32_t)rest;
        return TLSI_ERR_BAD_LENGTH;
    }
    out->payload.len = out->payload_length;
    out->padding.off = 3u + out->payload_length; /* within len: checked above */
    out->padding.len = (uint32_t)(rest - out->payload_length);
    out->short_padding = out->padding.len < TLSI_HEARTBEAT_MIN_PADDING;
    return TLSI_OK;
}
