/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * crypto_init.h - one-time set-up of libgcrypt and GnuTLS for the core.
 */
#ifndef TLSI_CRYPTO_INIT_H
#define TLSI_CRYPTO_INIT_H

#include "tlsi_err.h"

/* Initialise libgcrypt (unless the host application, e.g. Wireshark, already
 * did) and GnuTLS. Safe to call any number of times and from several threads;
 * the work is done once. TLSI_ERR_CRYPTO if a library refused to start. */
tlsi_err tlsi_crypto_init(void);

#endif
