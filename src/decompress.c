/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * decompress.c - owns the per-direction zlib inflate stream of DEFLATE
 * record compression (RFC 3749) and the per-record output cap.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "decompress.h"

struct tlsi_inflater {
    z_stream zs;
    int broken; /* an earlier record failed: the stream has lost sync */
};

tlsi_inflater *tlsi_inflater_new(tlsi_err *err)
{
    tlsi_inflater *z = calloc(1, sizeof(*z));

    if (z && inflateInit(&z->zs) != Z_OK) {
        free(z);
        z = NULL;
    }
    if (err)
        *err = z ? TLSI_OK : TLSI_ERR_NOMEM;
    return z;
}

void tlsi_inflater_free(tlsi_inflater *z)
{
    if (!z)
        return;
    inflateEnd(&z->zs);
    free(z);
}

tlsi_inflater *tlsi_inflater_clone(const tlsi_inflater *z)
{
    tlsi_inflater *c = calloc(1, sizeof(*c));

    if (!c)
        return NULL;
    /* inflateCopy reads the source only; zlib's prototype just lacks const. */
    if (inflateCopy(&c->zs, (z_streamp)&z->zs) != Z_OK) {
        free(c);
        return NULL;
    }
    c->broken = z->broken;
    return c;
}

static tlsi_err map_zerr(int ret)
{
    return ret == Z_MEM_ERROR ? TLSI_ERR_NOMEM : TLSI_ERR_DECOMPRESS;
}

tlsi_err tlsi_inflater_run(tlsi_inflater *z, const uint8_t *in, size_t in_len, uint8_t *out,
                           size_t cap, size_t *out_len)
{
    z_stream *zs = &z->zs;
    int ret;

    *out_len = 0;
    if (z->broken)
        return TLSI_ERR_DECOMPRESS;
    /* zlib counts in uInt; a record is far below either limit. */
    if (in_len > UINT_MAX || cap > UINT_MAX)
        return TLSI_ERR_BAD_LENGTH;
    zs->next_in = (Bytef *)in;
    zs->avail_in = (uInt)in_len;
    zs->next_out = out;
    zs->avail_out = (uInt)cap;
    /* One call inflates as far as input and output room allow. Z_BUF_ERROR
     * only says no progress was possible (for instance an empty record). */
    ret = inflate(zs, Z_SYNC_FLUSH);
    if (ret != Z_OK && ret != Z_BUF_ERROR && ret != Z_STREAM_END) {
        z->broken = 1;
        return map_zerr(ret);
    }
    *out_len = cap - zs->avail_out;
    if (ret == Z_STREAM_END) {
        /* RFC 3749 never ends the stream; bytes after an end are not DEFLATE. */
        if (zs->avail_in != 0) {
            z->broken = 1;
            *out_len = 0;
            return TLSI_ERR_DECOMPRESS;
        }
        return TLSI_OK;
    }
    if (zs->avail_out == 0) {
        /* The cap is full: if one more byte comes out, the record is too big. */
        uint8_t probe;

        zs->next_out = &probe;
        zs->avail_out = 1;
        ret = inflate(zs, Z_SYNC_FLUSH);
        if (zs->avail_out == 0) {
            z->broken = 1;
            *out_len = 0;
            return TLSI_ERR_BAD_LENGTH;
        }
        if (ret != Z_OK && ret != Z_BUF_ERROR && ret != Z_STREAM_END) {
            z->broken = 1;
            *out_len = 0;
            return map_zerr(ret);
        }
    }
    /* With output room left inflate stops only once the input is used up;
     * input left over here means a stream that ended mid-record. */
    if (zs->avail_in != 0) {
        z->broken = 1;
        *out_len = 0;
        return TLSI_ERR_DECOMPRESS;
    }
    return TLSI_OK;
}
