/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests of rc4.c: the RFC 6229 known answers, in-place and split use,
 * and that copying the state copies the keystream position (what decryptor
 * snapshots rely on).
 */
#include "rc4.h"
#include "tcheck.h"

/* RFC 6229 section 2, "Key length: 40 bits", key 0x0102030405, offsets 0
 * and 16 of the keystream (DEC 0 and DEC 16). */
static const char ks_40[] = "b2 39 63 05 f0 3d c0 27 cc c3 52 4a 0a 11 18 a8"
                            "69 82 94 4f 18 fc 82 d5 89 c4 03 a4 7a 0d 09 19";

static void test_rfc6229(void)
{
    static const uint8_t key[5] = {1, 2, 3, 4, 5};
    uint8_t want[32], zero[32] = {0}, out[32], buf[32];
    tlsi_rc4 st, snap;

    CHECK_EQ(tc_unhex(ks_40, want, sizeof(want)), 32);
    tlsi_rc4_init(&st, key, sizeof(key));
    tlsi_rc4_crypt(&st, zero, out, 32);
    CHECK_MEM(out, want, 32);

    /* Split in odd pieces and in place: same keystream. */
    memset(buf, 0, sizeof(buf));
    tlsi_rc4_init(&st, key, sizeof(key));
    tlsi_rc4_crypt(&st, buf, buf, 3);
    tlsi_rc4_crypt(&st, buf + 3, buf + 3, 10);
    snap = st;
    tlsi_rc4_crypt(&st, buf + 13, buf + 13, 19);
    CHECK_MEM(buf, want, 32);

    /* The copy carries on from where it was taken. */
    memset(buf, 0, sizeof(buf));
    tlsi_rc4_crypt(&snap, buf, buf, 19);
    CHECK_MEM(buf, want + 13, 19);
}

int main(void)
{
    test_rfc6229();
    return tc_done();
}
