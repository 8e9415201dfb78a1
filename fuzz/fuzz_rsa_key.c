/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for RSA key loading: the input is a key file (any
 * container), tried with the test password; a key that loads is used once
 * to decrypt the input's tail as a premaster. */
#include <stddef.h>
#include <stdint.h>

#include "rsa_keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tlsi_err err;
    char msg[256];
    tlsi_rsa_key *key = tlsi_rsa_key_load_mem(data, size, "tlsi-test", &err, msg, sizeof msg);

    if (key) {
        uint8_t pms[TLSI_RSA_PREMASTER_LEN];
        size_t n = size < 256 ? size : 256;
        tlsi_rsa_decrypt_premaster(key, data + size - n, n, 0x0303, pms, msg, sizeof msg);
        tlsi_rsa_key_free(key);
    }
    return 0;
}
