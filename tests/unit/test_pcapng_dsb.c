/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the pcapng secrets block walker (pcapng_dsb.c) and of
 * finding the open capture files' secrets (dsb_files.c). The files are laid
 * out here by hand from the pcapng specification (draft-ietf-opsawg-pcapng:
 * section 4.1 Section Header Block, 4.7 Decryption Secrets Block); the key
 * log lines are the test's own. */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "dsb_files.h"
#include "keylog.h"
#include "pcapng_dsb.h"
#include "tcheck.h"

#define CR_A "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define CR_B "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define MS                                                                                         \
    "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacb"     \
    "cccdcecf"
#define LINE_A "CLIENT_RANDOM " CR_A " " MS "\n"
#define LINE_B "CLIENT_RANDOM " CR_B " " MS /* no final newline */

typedef struct {
    uint8_t b[8192];
    size_t n;
    int big;
} img;

static void u32(img *m, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        m->b[m->n++] = (uint8_t)(m->big ? v >> (24 - 8 * i) : v >> (8 * i));
}

static void raw(img *m, const void *p, size_t n)
{
    memcpy(m->b + m->n, p, n);
    m->n += n;
}

/* A block of type with a body of body_len bytes (padded to 4). */
static void block(img *m, uint32_t type, const void *body, size_t body_len)
{
    size_t pad = (4 - body_len % 4) % 4;
    uint32_t total = (uint32_t)(12 + body_len + pad);
    static const uint8_t zeros[4];
    u32(m, type);
    u32(m, total);
    raw(m, body, body_len);
    raw(m, zeros, pad);
    u32(m, total);
}

static void shb(img *m, int big)
{
    uint8_t body[16];
    img t = {.big = big};
    m->big = big;
    u32(&t, 0x1A2B3C4D);
    t.b[t.n++] = big ? 0 : 1; /* version 1.0 */
    t.b[t.n++] = big ? 1 : 0;
    t.b[t.n++] = 0;
    t.b[t.n++] = 0;
    memset(t.b + t.n, 0xff, 8); /* section length unknown */
    t.n += 8;
    memcpy(body, t.b, 16);
    block(m, TLSI_PCAPNG_SHB, body, 16);
}

static void epb(img *m, size_t caplen)
{
    img t = {.big = m->big};
    u32(&t, 0); /* interface */
    u32(&t, 0); /* timestamp */
    u32(&t, 0);
    u32(&t, (uint32_t)caplen);
    u32(&t, (uint32_t)caplen);
    memset(t.b + t.n, 0x16, caplen); /* looks like TLS records: must not be parsed */
    t.n += caplen;
    block(m, 6, t.b, t.n);
}

static void dsb(img *m, uint32_t type, const char *text)
{
    img t = {.big = m->big};
    u32(&t, type);
    u32(&t, (uint32_t)strlen(text));
    raw(&t, text, strlen(text));
    while (t.n % 4)
        t.b[t.n++] = 0;
    block(m, TLSI_PCAPNG_DSB, t.b, t.n);
}

static long mem_read(void *ctx, uint64_t off, void *buf, size_t n)
{
    const img *m = (const img *)ctx;
    if (off >= m->n)
        return 0;
    size_t got = m->n - (size_t)off < n ? m->n - (size_t)off : n;
    memcpy(buf, m->b + off, got);
    return (long)got;
}

static void to_keylog(void *ctx, const uint8_t *data, size_t len)
{
    tlsi_dsb_add_text((tlsi_keylog *)ctx, data, len);
}

static int has(const tlsi_keylog *kl, const char *cr_hex)
{
    uint8_t cr[32], out[64], ms[48];
    size_t len = sizeof out;
    CHECK_EQ(tc_unhex(cr_hex, cr, 32), 32);
    CHECK_EQ(tc_unhex(MS, ms, 48), 48);
    return tlsi_keylog_find(kl, TLSI_KEYLOG_CLIENT_RANDOM, cr, out, &len) == TLSI_OK && len == 48 &&
           memcmp(out, ms, 48) == 0;
}

static tlsi_err walk(const img *m, tlsi_keylog *kl, tlsi_pcapng_walk_stats *st)
{
    return tlsi_pcapng_dsb_walk(mem_read, (void *)m, to_keylog, kl, st);
}

/* Both byte orders; a DSB before the packets, one after them, one of another
 * secrets type (skipped), and a second section of the other byte order. */
static void test_walk(void)
{
    static img m;
    tlsi_pcapng_walk_stats st;

    for (int big = 0; big < 2; big++) {
        tlsi_keylog *kl = tlsi_keylog_create();
        m.n = 0;
        shb(&m, big);
        dsb(&m, TLSI_PCAPNG_SECRETS_TLS, LINE_A);
        epb(&m, 1500);
        dsb(&m, 0x57474b4c, "WireGuard key, not TLS"); /* WireGuard key log type */
        epb(&m, 61);
        shb(&m, !big);
        epb(&m, 3);
        dsb(&m, TLSI_PCAPNG_SECRETS_TLS, LINE_B);
        CHECK_EQ(walk(&m, kl, &st), TLSI_OK);
        CHECK_EQ(st.blocks, 8);
        CHECK_EQ(st.dsbs, 3);
        CHECK_EQ(st.tls_dsbs, 2);
        CHECK(st.why_stop == NULL);
        CHECK_EQ(st.end, m.n);
        CHECK(has(kl, CR_A));
        CHECK(has(kl, CR_B)); /* last line of a block, no newline: used */
        CHECK_EQ(tlsi_keylog_status(kl)->entries, 2);
        CHECK_EQ(tlsi_keylog_status(kl)->bad_lines, 0);
        tlsi_keylog_free(kl);
    }
}

/* Damaged files: what was found before the damage is kept. */
static void test_damaged(void)
{
    static img m;
    tlsi_pcapng_walk_stats st;
    tlsi_keylog *kl = tlsi_keylog_create();

    /* Not pcapng (a classic pcap magic). */
    m.n = 0;
    m.big = 0;
    u32(&m, 0xa1b2c3d4);
    u32(&m, 0);
    u32(&m, 0);
    CHECK_EQ(walk(&m, kl, &st), TLSI_ERR_BAD_VALUE);
    m.n = 0;
    CHECK_EQ(walk(&m, kl, &st), TLSI_ERR_BAD_VALUE); /* empty */

    /* A bad byte-order magic in the first section. */
    m.n = 0;
    shb(&m, 0);
    m.b[8] ^= 1;
    CHECK_EQ(walk(&m, kl, &st), TLSI_ERR_BAD_VALUE);

    /* A block length that is not a multiple of 4, after a good DSB. */
    m.n = 0;
    shb(&m, 0);
    dsb(&m, TLSI_PCAPNG_SECRETS_TLS, LINE_A);
    size_t bad_at = m.n;
    epb(&m, 4);
    m.b[bad_at + 4] = 13;
    CHECK_EQ(walk(&m, kl, &st), TLSI_OK);
    CHECK(st.why_stop && strstr(st.why_stop, "impossible length"));
    CHECK_EQ(st.end, bad_at);
    CHECK(has(kl, CR_A));

    /* A secrets length beyond its block. */
    m.n = 0;
    shb(&m, 0);
    size_t d = m.n;
    dsb(&m, TLSI_PCAPNG_SECRETS_TLS, LINE_B);
    m.b[d + 12] = 0xff;
    m.b[d + 13] = 0xff;
    CHECK_EQ(walk(&m, kl, &st), TLSI_OK);
    CHECK(st.why_stop && strstr(st.why_stop, "beyond its block"));
    CHECK_EQ(st.tls_dsbs, 0);
    CHECK(!has(kl, CR_B));

    /* Cut inside a DSB's data: the block is not used. */
    m.n = 0;
    shb(&m, 0);
    dsb(&m, TLSI_PCAPNG_SECRETS_TLS, LINE_B);
    m.n -= 40;
    CHECK_EQ(walk(&m, kl, &st), TLSI_OK);
    CHECK(st.why_stop != NULL);
    CHECK(!has(kl, CR_B));

    /* A DSB too short for its own fields. */
    m.n = 0;
    shb(&m, 0);
    block(&m, TLSI_PCAPNG_DSB, "\x4b\x53\x4c\x54", 4);
    CHECK_EQ(walk(&m, kl, &st), TLSI_OK);
    CHECK(st.why_stop && strstr(st.why_stop, "too short"));
    tlsi_keylog_free(kl);
}

/* A large block is skipped by its length: the walker reads only headers. */
static uint64_t bytes_read;
static long counting_read(void *ctx, uint64_t off, void *buf, size_t n)
{
    long r = mem_read(ctx, off, buf, n);
    if (r > 0)
        bytes_read += (uint64_t)r;
    return r;
}

static void test_skips_packets(void)
{
    static img m;
    tlsi_pcapng_walk_stats st;
    tlsi_keylog *kl = tlsi_keylog_create();

    m.n = 0;
    shb(&m, 0);
    for (int i = 0; i < 4; i++)
        epb(&m, 1500);
    dsb(&m, TLSI_PCAPNG_SECRETS_TLS, LINE_A);
    bytes_read = 0;
    CHECK_EQ(tlsi_pcapng_dsb_walk(counting_read, &m, to_keylog, kl, &st), TLSI_OK);
    CHECK(has(kl, CR_A));
    CHECK(bytes_read < 200 + strlen(LINE_A)); /* 6 block headers + secrets, no packets */
    tlsi_keylog_free(kl);
}

static char path_a[64], path_b[64];

static void write_img(char *path, const img *m)
{
    strcpy(path, "/tmp/tlsi-dsb-XXXXXX");
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, m->b, m->n), (ssize_t)m->n);
    close(fd);
}

/* Following the file being dissected: the secrets come from the capture files
 * open in the process when the init routine runs. Capture A (with keys) open:
 * its keys; A closed and B (no keys) open: none, as when the GUI opens
 * another file. Two descriptors of one file count once. */
static void test_open_files(void)
{
    static img a, b;
    tlsi_dsb_scan_stats st;

    a.n = 0;
    shb(&a, 0);
    epb(&a, 100);
    dsb(&a, TLSI_PCAPNG_SECRETS_TLS, LINE_A LINE_B);
    b.n = 0;
    shb(&b, 1);
    epb(&b, 100);
    write_img(path_a, &a);
    write_img(path_b, &b);

    int fa = open(path_a, O_RDONLY), fa2 = open(path_a, O_RDONLY);
    CHECK(fa >= 0 && fa2 >= 0);
    off_t pos = lseek(fa, 37, SEEK_SET); /* as if the reader were mid-file */
    tlsi_keylog *kl = tlsi_keylog_create();
    memset(&st, 0, sizeof st);
    CHECK_EQ(tlsi_dsb_load_open_files("/proc/self/fd", kl, &st), 1);
    CHECK(has(kl, CR_A) && has(kl, CR_B));
    CHECK_EQ(st.files_with_keys, 1);
    CHECK_EQ(st.tls_dsbs, 1);              /* A once, though open twice */
    CHECK_EQ(lseek(fa, 0, SEEK_CUR), pos); /* the reader's offset is untouched */
    tlsi_keylog_free(kl);
    close(fa);
    close(fa2);

    int fb = open(path_b, O_RDONLY);
    CHECK(fb >= 0);
    kl = tlsi_keylog_create();
    memset(&st, 0, sizeof st);
    CHECK_EQ(tlsi_dsb_load_open_files("/proc/self/fd", kl, &st), 0);
    CHECK_EQ(st.pcapng_files, 1);
    CHECK_EQ(tlsi_keylog_status(kl)->entries, 0);
    CHECK(!has(kl, CR_A));
    tlsi_keylog_free(kl);
    close(fb);

    /* gzip-compressed, as wiretap also reads it: open in the process too. */
    char path_gz[64];
    strcpy(path_gz, "/tmp/tlsi-dsb-gz-XXXXXX");
    int gfd = mkstemp(path_gz);
    CHECK(gfd >= 0);
    gzFile gz = gzdopen(gfd, "wb");
    CHECK(gz != NULL);
    CHECK_EQ(gzwrite(gz, a.b, (unsigned)a.n), (int)a.n);
    gzclose(gz);
    int fg = open(path_gz, O_RDONLY);
    kl = tlsi_keylog_create();
    memset(&st, 0, sizeof st);
    CHECK_EQ(tlsi_dsb_load_open_files("/proc/self/fd", kl, &st), 1);
    CHECK(has(kl, CR_A) && has(kl, CR_B));
    tlsi_keylog_free(kl);
    close(fg);
    unlink(path_gz);

    /* By path, and a file that is not pcapng. */
    kl = tlsi_keylog_create();
    CHECK_EQ(tlsi_dsb_load_file(path_a, kl, NULL), TLSI_OK);
    CHECK(has(kl, CR_A));
    CHECK_EQ(tlsi_dsb_load_file("/proc/self/status", kl, NULL), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_dsb_load_file("/nonexistent/x.pcapng", kl, NULL), TLSI_ERR_IO);
    tlsi_keylog_free(kl);
    unlink(path_a);
    unlink(path_b);
}

int main(void)
{
    test_walk();
    test_damaged();
    test_skips_packets();
    test_open_files();
    return tc_done();
}
