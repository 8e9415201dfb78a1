/* SPDX-License-Identifier: GPL-2.0-or-later */
/* hmac.c - one-shot HMAC over libgcrypt's gcry_md with GCRY_MD_FLAG_HMAC. */
#include <string.h>

#include <gcrypt.h>

#include "hmac.h"

tlsi_err tlsi_hmac3(tlsi_hash h, const uint8_t *key, size_t key_len, const uint8_t *a, size_t a_len,
                    const uint8_t *b, size_t b_len, const uint8_t *c, size_t c_len, uint8_t *out)
{
    const tlsi_hash_params *hp = tlsi_hash_params_get(h);
    static const uint8_t empty[1];
    gcry_md_hd_t md;
    const unsigned char *digest;

    if (!hp || hp->gcry_md == 0 || hp->len == 0)
        return TLSI_ERR_UNSUPPORTED;
    if (gcry_md_open(&md, hp->gcry_md, GCRY_MD_FLAG_HMAC) != 0)
        return TLSI_ERR_CRYPTO;
    /* An empty key is legal HMAC (it is zero-padded, RFC 2104 2); hand
     * libgcrypt a valid pointer for it. */
    if (gcry_md_setkey(md, key_len ? key : empty, key_len) != 0) {
        gcry_md_close(md);
        return TLSI_ERR_CRYPTO;
    }
    if (a_len)
        gcry_md_write(md, a, a_len);
    if (b_len)
        gcry_md_write(md, b, b_len);
    if (c_len)
        gcry_md_write(md, c, c_len);
    digest = gcry_md_read(md, hp->gcry_md);
    if (!digest) {
        gcry_md_close(md);
        return TLSI_ERR_CRYPTO;
    }
    memcpy(out, digest, hp->len);
    gcry_md_close(md);
    return TLSI_OK;
}
