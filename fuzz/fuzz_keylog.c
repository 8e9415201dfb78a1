/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for the key log parser: the input is a key log, fed line
 * by line, then every entry it could have created is looked up. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "keylog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    const char *p = (const char *)data, *end = p + size;
    uint8_t cr[TLSI_KEYLOG_RANDOM_LEN] = {0}, out[TLSI_KEYLOG_MAX_SECRET];

    if (!kl)
        return 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl + 1 : end) - p);
        tlsi_keylog_add_line(kl, p, n);
        p += n;
    }
    if (size >= TLSI_KEYLOG_RANDOM_LEN)
        memcpy(cr, data, TLSI_KEYLOG_RANDOM_LEN);
    for (int l = 0; l < TLSI_KEYLOG_LABEL_COUNT; l++) {
        size_t len = sizeof out;
        tlsi_keylog_find(kl, (tlsi_keylog_label)l, cr, out, &len);
    }
    tlsi_keylog_find_rsa(kl, cr, out);
    char msg[128];
    tlsi_keylog_status_msg(kl, msg, sizeof msg);
    tlsi_keylog_free(kl);
    return 0;
}
