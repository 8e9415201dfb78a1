/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * crypto_init.c - owns the one-time initialisation of libgcrypt and GnuTLS.
 *
 * libgcrypt must be initialised exactly once by whoever uses it first. Inside
 * Wireshark that is Wireshark itself, so we only initialise when nobody has
 * finished initialisation yet (unit tests, fuzzers). Secure memory is turned
 * off: a dissector holds keys in ordinary memory anyway, and the secure pool
 * is small and warns when exhausted.
 */
#include "crypto_init.h"

#include <gcrypt.h>
#include <gnutls/gnutls.h>
#include <pthread.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static tlsi_err init_result = TLSI_ERR_CRYPTO;

static void do_init(void)
{
    if (!gcry_control(GCRYCTL_INITIALIZATION_FINISHED_P)) {
        if (!gcry_check_version(NULL))
            return;
        gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
        gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
    }
    /* Reference counted by GnuTLS; never undone, the core lives as long as
     * the process. */
    if (gnutls_global_init() != GNUTLS_E_SUCCESS)
        return;
    init_result = TLSI_OK;
}

tlsi_err tlsi_crypto_init(void)
{
    if (pthread_once(&once, do_init) != 0)
        return TLSI_ERR_CRYPTO;
    return init_result;
}
