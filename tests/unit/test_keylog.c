/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the NSS key log store (keylog.c) and of the PSK premaster
 * (psk.c). Expected secrets are the hex the test itself wrote into the lines;
 * the PSK premasters are laid out by hand from RFC 4279 section 2. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keylog.h"
#include "psk.h"
#include "tcheck.h"

/* Deterministic bytes so every line has its own random and secret. */
static void fill(uint8_t *b, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        b[i] = (uint8_t)(seed >> 16);
    }
}

static void hex(char *out, const uint8_t *b, size_t n)
{
    static const char d[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = d[b[i] >> 4];
        out[2 * i + 1] = d[b[i] & 15];
    }
    out[2 * n] = '\0';
}

/* "LABEL <hex key> <hex secret>\n" into line; returns its length. */
static size_t make_line(char *line, const char *label, const uint8_t *key, size_t key_len,
                        const uint8_t *secret, size_t secret_len)
{
    char hk[2 * 64 + 1], hs[2 * 128 + 1];
    hex(hk, key, key_len);
    hex(hs, secret, secret_len);
    return (size_t)sprintf(line, "%s %s %s\n", label, hk, hs);
}

static int has_secret(const tlsi_keylog *kl, tlsi_keylog_label label, const uint8_t *cr,
                      const uint8_t *want, size_t want_len)
{
    uint8_t out[TLSI_KEYLOG_MAX_SECRET];
    size_t len = sizeof out;
    if (tlsi_keylog_find(kl, label, cr, out, &len) != TLSI_OK)
        return 0;
    return len == want_len && memcmp(out, want, len) == 0;
}

static void test_label_names(void)
{
    static const char *const names[] = {
        "CLIENT_RANDOM",
        "RSA",
        "CLIENT_EARLY_TRAFFIC_SECRET",
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
        "SERVER_HANDSHAKE_TRAFFIC_SECRET",
        "CLIENT_TRAFFIC_SECRET_0",
        "SERVER_TRAFFIC_SECRET_0",
        "EARLY_EXPORTER_SECRET",
        "EXPORTER_SECRET",
    };
    tlsi_keylog_label l;

    CHECK_EQ(sizeof names / sizeof names[0], TLSI_KEYLOG_LABEL_COUNT);
    for (unsigned i = 0; i < TLSI_KEYLOG_LABEL_COUNT; i++) {
        const char *n = tlsi_keylog_label_name((tlsi_keylog_label)i);
        CHECK(n && strcmp(n, names[i]) == 0);
        CHECK_EQ(tlsi_keylog_label_from_name(names[i], strlen(names[i]), &l), TLSI_OK);
        CHECK_EQ(l, i);
    }
    CHECK(tlsi_keylog_label_name(TLSI_KEYLOG_LABEL_COUNT) == NULL);
    CHECK_EQ(tlsi_keylog_label_from_name("client_random", 13, &l), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_keylog_label_from_name("CLIENT_RANDOM", 12, &l), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_keylog_label_from_name("CLIENT_TRAFFIC_SECRET_1", 23, &l), TLSI_ERR_BAD_VALUE);
}

/* Every label, every allowed secret length, each found under its own key. */
static void test_each_label(void)
{
    static const struct {
        tlsi_keylog_label label;
        size_t secret_len;
    } cases[] = {
        {TLSI_KEYLOG_CLIENT_RANDOM, 48},
        {TLSI_KEYLOG_CLIENT_EARLY_TRAFFIC_SECRET, 32},
        {TLSI_KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET, 48},
        {TLSI_KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET, 32},
        {TLSI_KEYLOG_CLIENT_TRAFFIC_SECRET_0, 48},
        {TLSI_KEYLOG_SERVER_TRAFFIC_SECRET_0, 64},
        {TLSI_KEYLOG_EARLY_EXPORTER_SECRET, 32},
        {TLSI_KEYLOG_EXPORTER_SECRET, 48},
    };
    tlsi_keylog *kl = tlsi_keylog_create();
    uint8_t cr[32], sec[64];
    char line[512];

    fill(cr, sizeof cr, 7); /* one client random shared by all labels */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fill(sec, cases[i].secret_len, 100 + (uint32_t)i);
        size_t n = make_line(line, tlsi_keylog_label_name(cases[i].label), cr, 32, sec,
                             cases[i].secret_len);
        CHECK_EQ(tlsi_keylog_add_line(kl, line, n), TLSI_OK);
    }
    CHECK_EQ(tlsi_keylog_status(kl)->entries, 8);
    CHECK_EQ(tlsi_keylog_status(kl)->bad_lines, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fill(sec, cases[i].secret_len, 100 + (uint32_t)i);
        CHECK(has_secret(kl, cases[i].label, cr, sec, cases[i].secret_len));
    }

    /* RSA: keyed by the first 8 bytes of the encrypted premaster. */
    uint8_t prefix[8], pms[48], got[48];
    fill(prefix, 8, 55);
    fill(pms, 48, 56);
    size_t n = make_line(line, "RSA", prefix, 8, pms, 48);
    CHECK_EQ(tlsi_keylog_add_line(kl, line, n), TLSI_OK);
    CHECK_EQ(tlsi_keylog_find_rsa(kl, prefix, got), TLSI_OK);
    CHECK_MEM(got, pms, 48);
    prefix[7] ^= 1;
    CHECK_EQ(tlsi_keylog_find_rsa(kl, prefix, got), TLSI_ERR_NO_KEY);

    /* Lookup contract: wrong label kind, small buffer, absent random. */
    uint8_t out[64];
    size_t len = sizeof out;
    CHECK_EQ(tlsi_keylog_find(kl, TLSI_KEYLOG_RSA, cr, out, &len), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_keylog_find(kl, TLSI_KEYLOG_LABEL_COUNT, cr, out, &len), TLSI_ERR_BAD_VALUE);
    len = 47;
    CHECK_EQ(tlsi_keylog_find(kl, TLSI_KEYLOG_CLIENT_RANDOM, cr, out, &len),
             TLSI_ERR_BAD_LENGTH);
    len = 48;
    CHECK_EQ(tlsi_keylog_find(kl, TLSI_KEYLOG_CLIENT_RANDOM, cr, out, &len), TLSI_OK);
    CHECK_EQ(len, 48);
    cr[31] ^= 0x80;
    len = sizeof out;
    CHECK_EQ(tlsi_keylog_find(kl, TLSI_KEYLOG_CLIENT_RANDOM, cr, out, &len), TLSI_ERR_NO_KEY);
    tlsi_keylog_free(kl);
}

#define CR64 "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define MS96                                                                                  \
    "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacb" \
    "cccdcecf"
#define S64 "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f"

/* Lines that are not entries but are fine, and malformed lines with the
 * exact error and reason each must give. */
static void test_line_table(void)
{
    static const struct {
        const char *line;
        tlsi_err err;
        const char *reason; /* NULL: not a bad line */
        int entry;          /* adds a CLIENT_RANDOM entry for CR64 */
    } cases[] = {
        {"", TLSI_OK, NULL, 0},
        {"\r\n", TLSI_OK, NULL, 0},
        {"   \t  ", TLSI_OK, NULL, 0},
        {"# a comment CLIENT_RANDOM " CR64 " " MS96, TLSI_OK, NULL, 0},
        {"   # indented comment", TLSI_OK, NULL, 0},
        {"CLIENT_RANDOM " CR64 " " MS96, TLSI_OK, NULL, 1},
        {"CLIENT_RANDOM " CR64 " " MS96 "\r\n", TLSI_OK, NULL, 1},
        {"  CLIENT_RANDOM\t" CR64 "   " MS96 " \t", TLSI_OK, NULL, 1},
        {"CLIENT_RANDOM " "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"
         " " MS96, TLSI_OK, NULL, 1},
        {"client_random " CR64 " " MS96, TLSI_ERR_BAD_VALUE, "unknown label", 0},
        /* Well-formed lines with labels tlsi does not use are ignored, not bad. */
        {"PMS_CLIENT_RANDOM " CR64 " " MS96, TLSI_OK, NULL, 0},
        {"CLIENT_TRAFFIC_SECRET_1 " CR64 " " S64, TLSI_OK, NULL, 0},
        {"CLIENT_TRAFFIC_SECRET_1 " CR64, TLSI_ERR_BAD_VALUE, "unknown label", 0},
        {"CLIENT_RANDOM", TLSI_ERR_BAD_VALUE, "missing field", 0},
        {"CLIENT_RANDOM " CR64, TLSI_ERR_BAD_VALUE, "missing field", 0},
        {"CLIENT_RANDOM " CR64 " " MS96 " extra", TLSI_ERR_BAD_VALUE, "extra field", 0},
        {"CLIENT_RANDOM " CR64 "00 " MS96, TLSI_ERR_BAD_LENGTH,
         "client random is not 64 hex digits", 0},
        {"CLIENT_RANDOM 0001 " MS96, TLSI_ERR_BAD_LENGTH, "client random is not 64 hex digits",
         0},
        {"CLIENT_RANDOM " "g00102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
         " " MS96, TLSI_ERR_BAD_VALUE, "bad hex", 0},
        {"CLIENT_RANDOM " CR64 " " MS96 "0", TLSI_ERR_BAD_VALUE, "bad hex (odd number of digits)",
         0},
        {"CLIENT_RANDOM " CR64 " " MS96 "00", TLSI_ERR_BAD_LENGTH, "wrong secret length", 0},
        {"CLIENT_RANDOM " CR64 " " S64, TLSI_ERR_BAD_LENGTH, "wrong secret length", 0},
        {"CLIENT_RANDOM " CR64 " " "zz" MS96 "", TLSI_ERR_BAD_LENGTH, "wrong secret length", 0},
        {"CLIENT_RANDOM " CR64 " " "zz"
         "a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacb"
         "cccdcecf", TLSI_ERR_BAD_VALUE, "bad hex", 0},
        {"CLIENT_TRAFFIC_SECRET_0 " CR64 " " "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff00010203040506070809"
         "0a0b0c0d0e", TLSI_ERR_BAD_LENGTH, "wrong secret length", 0}, /* 31 bytes */
        {"CLIENT_TRAFFIC_SECRET_0 " CR64 " " S64 S64 "00", TLSI_ERR_BAD_LENGTH,
         "wrong secret length", 0}, /* 65 bytes */
        {"RSA " CR64 " " MS96, TLSI_ERR_BAD_LENGTH,
         "encrypted premaster prefix is not 16 hex digits", 0},
        {"RSA 0001020304050607 " S64, TLSI_ERR_BAD_LENGTH, "wrong secret length", 0},
        {"CLIENT_RANDOM\v" CR64 " " MS96, TLSI_ERR_BAD_VALUE, "unknown label", 0},
    };
    uint8_t cr[32], ms[48];
    CHECK_EQ(tc_unhex(CR64, cr, sizeof cr), 32);
    CHECK_EQ(tc_unhex(MS96, ms, sizeof ms), 48);

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tlsi_keylog *kl = tlsi_keylog_create();
        /* Two good comment lines first, so the bad line is line 3. */
        CHECK_EQ(tlsi_keylog_add_line(kl, "# first\n", 8), TLSI_OK);
        CHECK_EQ(tlsi_keylog_add_line(kl, "\n", 1), TLSI_OK);
        tlsi_err err = tlsi_keylog_add_line(kl, cases[i].line, strlen(cases[i].line));
        const tlsi_keylog_stats *st = tlsi_keylog_status(kl);
        if (err != cases[i].err)
            fprintf(stderr, "case %zu: %s\n", i, cases[i].line);
        CHECK_EQ(err, cases[i].err);
        CHECK_EQ(st->lines, 3);
        CHECK_EQ(st->entries, cases[i].entry);
        CHECK_EQ(has_secret(kl, TLSI_KEYLOG_CLIENT_RANDOM, cr, ms, 48), cases[i].entry);
        if (cases[i].reason) {
            CHECK_EQ(st->bad_lines, 1);
            CHECK_EQ(st->first_bad_line, 3);
            CHECK(st->first_bad_reason && strcmp(st->first_bad_reason, cases[i].reason) == 0);
            if (st->first_bad_reason && strcmp(st->first_bad_reason, cases[i].reason) != 0)
                fprintf(stderr, "case %zu: reason '%s'\n", i, st->first_bad_reason);
        } else {
            CHECK_EQ(st->bad_lines, 0);
            CHECK_EQ(st->first_bad_line, 0);
        }
        tlsi_keylog_free(kl);
    }
}

static void test_long_line_and_binary_in_memory(void)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    size_t n = TLSI_KEYLOG_MAX_LINE + 10;
    char *big = malloc(n);
    memset(big, '#', n); /* a comment, but too long to be read */
    CHECK_EQ(tlsi_keylog_add_line(kl, big, n), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(tlsi_keylog_status(kl)->first_bad_line, 1);
    CHECK(strcmp(tlsi_keylog_status(kl)->first_bad_reason, "line too long") == 0);
    /* Exactly the limit is accepted, with or without a CR. */
    memset(big, ' ', n);
    big[0] = '#';
    CHECK_EQ(tlsi_keylog_add_line(kl, big, TLSI_KEYLOG_MAX_LINE), TLSI_OK);
    big[TLSI_KEYLOG_MAX_LINE] = '\r';
    CHECK_EQ(tlsi_keylog_add_line(kl, big, TLSI_KEYLOG_MAX_LINE + 1), TLSI_OK);
    CHECK_EQ(tlsi_keylog_add_line(kl, big, TLSI_KEYLOG_MAX_LINE + 1 + 1), TLSI_ERR_BAD_LENGTH);

    /* NUL bytes and high bytes inside a line: just a bad line. */
    static const char bin[] = "CLIENT_RANDOM\0\xff\xfe " CR64 " " MS96;
    CHECK_EQ(tlsi_keylog_add_line(kl, bin, sizeof bin - 1), TLSI_ERR_BAD_VALUE);
    static const char bin2[] = "CLIENT_RANDOM " CR64 " a0\0";
    CHECK_EQ(tlsi_keylog_add_line(kl, bin2, sizeof bin2 - 1), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_keylog_status(kl)->bad_lines, 4);
    CHECK_EQ(tlsi_keylog_status(kl)->entries, 0);
    free(big);
    tlsi_keylog_free(kl);
}

static void test_replacement(void)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    uint8_t cr[32], a[48], b[48];
    char line[256];
    fill(cr, 32, 1);
    fill(a, 48, 2);
    fill(b, 48, 3);

    size_t n = make_line(line, "CLIENT_RANDOM", cr, 32, a, 48);
    CHECK_EQ(tlsi_keylog_add_line(kl, line, n), TLSI_OK);
    uint64_t gen = tlsi_keylog_status(kl)->generation;
    CHECK(has_secret(kl, TLSI_KEYLOG_CLIENT_RANDOM, cr, a, 48));
    n = make_line(line, "CLIENT_RANDOM", cr, 32, b, 48);
    CHECK_EQ(tlsi_keylog_add_line(kl, line, n), TLSI_OK);
    CHECK(has_secret(kl, TLSI_KEYLOG_CLIENT_RANDOM, cr, b, 48));
    CHECK_EQ(tlsi_keylog_status(kl)->entries, 1);
    CHECK_EQ(tlsi_keylog_status(kl)->replaced, 1);
    CHECK(tlsi_keylog_status(kl)->generation > gen);

    /* A TLS 1.3 secret may change length (SHA-256 then SHA-384 suite). */
    n = make_line(line, "EXPORTER_SECRET", cr, 32, a, 32);
    CHECK_EQ(tlsi_keylog_add_line(kl, line, n), TLSI_OK);
    n = make_line(line, "EXPORTER_SECRET", cr, 32, b, 48);
    CHECK_EQ(tlsi_keylog_add_line(kl, line, n), TLSI_OK);
    CHECK(has_secret(kl, TLSI_KEYLOG_EXPORTER_SECRET, cr, b, 48));
    /* The CLIENT_RANDOM entry for the same random is separate. */
    CHECK(has_secret(kl, TLSI_KEYLOG_CLIENT_RANDOM, cr, b, 48));
    CHECK_EQ(tlsi_keylog_status(kl)->entries, 2);
    tlsi_keylog_free(kl);
}

/* ---- files ---- */

static char tmp_path[64];

static void make_tmp(void)
{
    strcpy(tmp_path, "/tmp/tlsi-keylog-XXXXXX");
    int fd = mkstemp(tmp_path);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
}

static void put(const char *path, const char *mode, const char *data, size_t len)
{
    FILE *f = fopen(path, mode);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_EQ(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void put_str(const char *mode, const char *s)
{
    put(tmp_path, mode, s, strlen(s));
}

/* A CLIENT_RANDOM line for seed k; its secret is seeded by k + salt. */
static size_t cr_line(char *line, uint32_t k, uint32_t salt, uint8_t cr[32], uint8_t ms[48])
{
    fill(cr, 32, k);
    fill(ms, 48, k + salt);
    return make_line(line, "CLIENT_RANDOM", cr, 32, ms, 48);
}

static int has_cr(const tlsi_keylog *kl, uint32_t k, uint32_t salt)
{
    uint8_t cr[32], ms[48];
    char line[256];
    cr_line(line, k, salt, cr, ms);
    return has_secret(kl, TLSI_KEYLOG_CLIENT_RANDOM, cr, ms, 48);
}

static void append_cr(const char *mode, uint32_t k, uint32_t salt)
{
    uint8_t cr[32], ms[48];
    char line[256];
    size_t n = cr_line(line, k, salt, cr, ms);
    put(tmp_path, mode, line, n);
}

static void set_mtime(long sec)
{
    struct timespec ts[2] = {{sec, 0}, {sec, 0}};
    CHECK_EQ(utimensat(AT_FDCWD, tmp_path, ts, 0), 0);
}

static void test_incremental(void)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    const tlsi_keylog_stats *st = tlsi_keylog_status(kl);
    uint8_t cr[32], ms[48];
    char line[256];

    make_tmp();
    put_str("w", "# SSL/TLS secrets log file\n");
    append_cr("a", 1, 0);
    CHECK_EQ(tlsi_keylog_load_file(kl, tmp_path), TLSI_OK);
    CHECK_EQ(st->lines, 2);
    CHECK_EQ(st->entries, 1);
    CHECK_EQ(st->reloads, 1);
    CHECK(has_cr(kl, 1, 0));

    /* Unchanged: nothing happens. */
    uint64_t off = st->offset;
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK_EQ(st->lines, 2);
    CHECK_EQ(st->offset, off);

    /* Appended line: only the new bytes are read. */
    append_cr("a", 2, 0);
    CHECK(!has_cr(kl, 2, 0));
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(has_cr(kl, 2, 0));
    CHECK(has_cr(kl, 1, 0));
    CHECK_EQ(st->lines, 3);
    CHECK_EQ(st->reloads, 1);
    CHECK_EQ(st->entries, 2);

    /* A partial line waits until it is complete. */
    size_t n = cr_line(line, 3, 0, cr, ms);
    put(tmp_path, "a", line, 50);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(!has_cr(kl, 3, 0));
    CHECK_EQ(st->lines, 3);
    CHECK_EQ(st->bad_lines, 0);
    put(tmp_path, "a", line + 50, n - 1 - 50); /* all but the '\n' */
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(!has_cr(kl, 3, 0));
    put_str("a", "\n");
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(has_cr(kl, 3, 0));
    CHECK_EQ(st->lines, 4);
    CHECK_EQ(st->bad_lines, 0);
    CHECK_EQ(st->reloads, 1);

    /* Truncated and rewritten shorter: old entries are gone. */
    append_cr("w", 4, 0);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(has_cr(kl, 4, 0));
    CHECK(!has_cr(kl, 1, 0));
    CHECK(!has_cr(kl, 3, 0));
    CHECK_EQ(st->entries, 1);
    CHECK_EQ(st->lines, 1);
    CHECK_EQ(st->reloads, 2);

    /* Truncated and rewritten longer than before (looks like growth). */
    put_str("w", "# a different file now, with a longer first line than before ...\n");
    append_cr("a", 5, 0);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(has_cr(kl, 5, 0));
    CHECK(!has_cr(kl, 4, 0));
    CHECK_EQ(st->entries, 1);
    CHECK_EQ(st->reloads, 3);

    /* Rewritten in place with the same size: the mtime tells. */
    set_mtime(1000000000);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK_EQ(st->reloads, 4); /* only the mtime changed, but it is reread */
    put_str("w", "# a different file now, with a longer first line than before ...\n");
    append_cr("a", 5, 1); /* same length, other secret */
    set_mtime(1000000001);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(has_cr(kl, 5, 1));
    CHECK(!has_cr(kl, 5, 0));
    CHECK_EQ(st->reloads, 5);

    /* Replaced by another file (new inode) of the same size. */
    char other[80];
    snprintf(other, sizeof other, "%s.new", tmp_path);
    static const char head[] = "# a different file now, with a longer first line than before ...\n";
    put(other, "w", head, strlen(head));
    n = cr_line(line, 6, 0, cr, ms);
    put(other, "a", line, n);
    CHECK_EQ(rename(other, tmp_path), 0);
    set_mtime(1000000001); /* same size, same mtime: only the inode differs */
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(has_cr(kl, 6, 0));
    CHECK(!has_cr(kl, 5, 1));
    CHECK_EQ(st->reloads, 6);

    /* The file vanishes: entries stay, the error is reported. */
    CHECK_EQ(unlink(tmp_path), 0);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_ERR_IO);
    CHECK_EQ(st->io_errno, ENOENT);
    CHECK(has_cr(kl, 6, 0));
    char msg[256];
    tlsi_keylog_status_msg(kl, msg, sizeof msg);
    CHECK(strstr(msg, "1 entry from 2 lines") != NULL);
    CHECK(strstr(msg, "No such file or directory") != NULL);
    CHECK(strstr(msg, tmp_path) != NULL);

    /* It comes back: read from scratch, error cleared. */
    append_cr("w", 7, 0);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(has_cr(kl, 7, 0));
    CHECK(!has_cr(kl, 6, 0));
    CHECK_EQ(st->io_errno, 0);
    unlink(tmp_path);
    tlsi_keylog_free(kl);
}

static void test_open_failure(void)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    char msg[256];
    CHECK_EQ(tlsi_keylog_load_file(kl, "/nonexistent/tlsi/keylog.txt"), TLSI_ERR_IO);
    CHECK_EQ(tlsi_keylog_status(kl)->io_errno, ENOENT);
    CHECK(strcmp(tlsi_keylog_status(kl)->io_what, "open") == 0);
    tlsi_keylog_status_msg(kl, msg, sizeof msg);
    CHECK(strstr(msg, "cannot open /nonexistent/tlsi/keylog.txt: No such file or directory") !=
          NULL);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_ERR_IO);
    /* A tiny buffer is still terminated. */
    CHECK(tlsi_keylog_status_msg(kl, msg, 5) > 5);
    CHECK_EQ(strlen(msg), 4);
    /* A refresh without a file is a no-op. */
    tlsi_keylog *k2 = tlsi_keylog_create();
    CHECK_EQ(tlsi_keylog_refresh(k2), TLSI_OK);
    tlsi_keylog_free(k2);
    tlsi_keylog_free(kl);
}

/* A 1 MB line is skipped without being buffered, counted once, and the
 * next line loads; also when the long line is still being written. */
static void test_huge_line(void)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    const tlsi_keylog_stats *st = tlsi_keylog_status(kl);
    size_t big = 1024 * 1024;
    char *buf = malloc(big + 1);
    memset(buf, 'A', big);
    buf[big] = '\n';

    make_tmp();
    append_cr("w", 10, 0);
    put(tmp_path, "a", buf, big + 1);
    append_cr("a", 11, 0);
    CHECK_EQ(tlsi_keylog_load_file(kl, tmp_path), TLSI_OK);
    CHECK_EQ(st->lines, 3);
    CHECK_EQ(st->bad_lines, 1);
    CHECK_EQ(st->first_bad_line, 2);
    CHECK(st->first_bad_reason && strcmp(st->first_bad_reason, "line too long") == 0);
    CHECK(has_cr(kl, 10, 0));
    CHECK(has_cr(kl, 11, 0));

    /* An over-long line without its end yet: skipped bytes are not reread. */
    put(tmp_path, "a", buf, big);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK_EQ(st->lines, 3);
    CHECK_EQ(st->bad_lines, 1);
    struct stat sb;
    CHECK_EQ(stat(tmp_path, &sb), 0);
    CHECK_EQ(st->offset, (uint64_t)sb.st_size);
    put(tmp_path, "a", buf, big + 1); /* ...continues, then ends */
    append_cr("a", 12, 0);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK_EQ(st->lines, 5);
    CHECK_EQ(st->bad_lines, 2);
    CHECK_EQ(st->reloads, 1);
    CHECK(has_cr(kl, 12, 0));

    char msg[256];
    tlsi_keylog_status_msg(kl, msg, sizeof msg);
    CHECK(strcmp(msg, "3 entries from 5 lines; 2 bad lines (first: line 2, line too long)") ==
          0);
    free(buf);
    unlink(tmp_path);
    tlsi_keylog_free(kl);
}

static void test_binary_file(void)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    size_t n = 256 * 1024;
    uint8_t *b = malloc(n);
    fill(b, n, 99);
    make_tmp();
    put(tmp_path, "w", (const char *)b, n);
    append_cr("a", 20, 0); /* starts mid-line: swallowed by the binary tail */
    append_cr("a", 21, 0);
    CHECK_EQ(tlsi_keylog_load_file(kl, tmp_path), TLSI_OK);
    CHECK(tlsi_keylog_status(kl)->bad_lines > 0);
    CHECK(has_cr(kl, 21, 0));
    CHECK_EQ(tlsi_keylog_status(kl)->entries, 1);
    free(b);
    unlink(tmp_path);
    tlsi_keylog_free(kl);
}

static void test_many_entries(void)
{
    enum { N = 100000 };
    tlsi_keylog *kl = tlsi_keylog_create();
    char line[256];
    uint8_t cr[32], ms[48];

    make_tmp();
    FILE *f = fopen(tmp_path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    for (uint32_t k = 0; k < N; k++) {
        size_t n = cr_line(line, k, 7, cr, ms);
        fwrite(line, 1, n, f);
    }
    fclose(f);
    CHECK_EQ(tlsi_keylog_load_file(kl, tmp_path), TLSI_OK);
    CHECK_EQ(tlsi_keylog_status(kl)->entries, N);
    CHECK_EQ(tlsi_keylog_status(kl)->bad_lines, 0);
    int all = 1;
    for (uint32_t k = 0; k < N; k++)
        all &= has_cr(kl, k, 7);
    CHECK(all);
    CHECK(!has_cr(kl, N, 7));
    unlink(tmp_path);
    tlsi_keylog_free(kl);
}

/* Item: hand-made and copied key logs. A last line without '\n' is used: at
 * load when the file was last written long ago, otherwise at the first
 * refresh that finds the file unchanged since the last look. */
static void test_no_final_newline(void)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    const tlsi_keylog_stats *st = tlsi_keylog_status(kl);
    uint8_t cr[32], ms[48];
    char line[256];

    make_tmp();
    append_cr("w", 30, 0);
    size_t n = cr_line(line, 31, 0, cr, ms);
    put(tmp_path, "a", line, n - 1); /* no '\n' */

    /* Written just now: the last line may still be growing. */
    CHECK_EQ(tlsi_keylog_load_file(kl, tmp_path), TLSI_OK);
    CHECK(has_cr(kl, 30, 0));
    CHECK(!has_cr(kl, 31, 0));
    CHECK_EQ(st->lines, 1);
    /* Looked at again with no change: it has stopped, the line is used. */
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(has_cr(kl, 31, 0));
    CHECK_EQ(st->lines, 2);
    CHECK_EQ(st->entries, 2);
    CHECK_EQ(st->bad_lines, 0);
    /* Only once. */
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK_EQ(st->lines, 2);
    CHECK_EQ(st->replaced, 0);

    /* Not modified for a while: used at load already. */
    set_mtime(1000000000);
    CHECK_EQ(tlsi_keylog_load_file(kl, tmp_path), TLSI_OK);
    CHECK(has_cr(kl, 31, 0));
    CHECK_EQ(st->lines, 2);
    CHECK_EQ(st->entries, 2);

    /* The writer was only slow: a newline and a line more. The taken line is
     * read again (counted once; its entry is replaced by the same secret) and
     * the next one added. */
    put_str("a", "\n");
    append_cr("a", 32, 0);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(has_cr(kl, 31, 0));
    CHECK(has_cr(kl, 32, 0));
    CHECK_EQ(st->lines, 3);
    CHECK_EQ(st->entries, 3);
    CHECK_EQ(st->replaced, 1);
    CHECK_EQ(st->bad_lines, 0);
    CHECK_EQ(st->reloads, 2);
    unlink(tmp_path);
    tlsi_keylog_free(kl);
}

/* A live key log whose last line was cut where it still parses (a TLS 1.3
 * secret of 48 bytes cut after 32): taken when it stops growing, then
 * corrected when the writer finishes it. */
static void test_live_partial_corrected(void)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    const tlsi_keylog_stats *st = tlsi_keylog_status(kl);
    uint8_t cr[32], sec[48];
    char line[256];

    fill(cr, 32, 40);
    fill(sec, 48, 41);
    size_t n = make_line(line, "SERVER_TRAFFIC_SECRET_0", cr, 32, sec, 48);
    size_t cut = strlen("SERVER_TRAFFIC_SECRET_0 ") + 64 + 1 + 64; /* 32 bytes of secret */
    make_tmp();
    put(tmp_path, "w", line, 30);
    CHECK_EQ(tlsi_keylog_load_file(kl, tmp_path), TLSI_OK);
    put(tmp_path, "a", line + 30, cut - 30);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK); /* grew: still waiting */
    CHECK_EQ(st->lines, 0);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK); /* unchanged: taken as it is */
    CHECK_EQ(st->lines, 1);
    CHECK(has_secret(kl, TLSI_KEYLOG_SERVER_TRAFFIC_SECRET_0, cr, sec, 32));
    put(tmp_path, "a", line + cut, n - cut);
    CHECK_EQ(tlsi_keylog_refresh(kl), TLSI_OK);
    CHECK(has_secret(kl, TLSI_KEYLOG_SERVER_TRAFFIC_SECRET_0, cr, sec, 48));
    CHECK_EQ(st->lines, 1);
    CHECK_EQ(st->entries, 1);
    CHECK_EQ(st->bad_lines, 0);
    CHECK_EQ(st->replaced, 1);
    unlink(tmp_path);
    tlsi_keylog_free(kl);
}

/* Windows-made key logs: a UTF-8 BOM, CRLF line ends, upper-case hex, no
 * final line end. Every line gives its entry and none is bad. */
static void test_windows_style_file(void)
{
    tlsi_keylog *kl = tlsi_keylog_create();
    const tlsi_keylog_stats *st = tlsi_keylog_status(kl);
    static const char text[] =
        "\xef\xbb\xbf# SSL/TLS secrets log file\r\n"
        "CLIENT_RANDOM 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F "
        "A0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFC0C1C2C3C4C5C6C7C8C9CACB"
        "CCCDCECF\r\n"
        "\r\n"
        "EXPORTER_SECRET 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F "
        "F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF000102030405060708090A0B0C0D0E0F";
    uint8_t cr[32], ms[48], s64[32];
    CHECK_EQ(tc_unhex(CR64, cr, sizeof cr), 32);
    CHECK_EQ(tc_unhex(MS96, ms, sizeof ms), 48);
    CHECK_EQ(tc_unhex(S64, s64, sizeof s64), 32);

    make_tmp();
    put_str("w", text);
    set_mtime(1000000000);
    CHECK_EQ(tlsi_keylog_load_file(kl, tmp_path), TLSI_OK);
    CHECK_EQ(st->bad_lines, 0);
    CHECK_EQ(st->lines, 4);
    CHECK_EQ(st->entries, 2);
    CHECK(has_secret(kl, TLSI_KEYLOG_CLIENT_RANDOM, cr, ms, 48));
    CHECK(has_secret(kl, TLSI_KEYLOG_EXPORTER_SECRET, cr, s64, 32));

    /* The BOM right before a key log line (no comment first). */
    put_str("w", text + strlen("\xef\xbb\xbf# SSL/TLS secrets log file\r\n"));
    set_mtime(1000000000);
    CHECK_EQ(tlsi_keylog_load_file(kl, tmp_path), TLSI_OK);
    CHECK_EQ(st->entries, 2); /* no BOM at all: fine too */
    put(tmp_path, "w", "\xef\xbb\xbf", 3);
    put_str("a", text + strlen("\xef\xbb\xbf# SSL/TLS secrets log file\r\n"));
    set_mtime(1000000000);
    CHECK_EQ(tlsi_keylog_load_file(kl, tmp_path), TLSI_OK);
    CHECK_EQ(st->bad_lines, 0);
    CHECK_EQ(st->entries, 2);
    unlink(tmp_path);
    tlsi_keylog_free(kl);
}

/* A BOM counts only at the start of the first line; UTF-16 is named. */
static void test_bom_lines(void)
{
    static const char bom_line[] = "\xef\xbb\xbf" "CLIENT_RANDOM " CR64 " " MS96 "\n";
    tlsi_keylog *kl = tlsi_keylog_create();
    CHECK_EQ(tlsi_keylog_add_line(kl, bom_line, strlen(bom_line)), TLSI_OK);
    CHECK_EQ(tlsi_keylog_status(kl)->entries, 1);
    CHECK_EQ(tlsi_keylog_add_line(kl, bom_line, strlen(bom_line)), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_keylog_status(kl)->first_bad_line, 2);
    tlsi_keylog_free(kl);

    kl = tlsi_keylog_create();
    static const char utf16[] = "\xff\xfe" "C\0L\0I\0";
    CHECK_EQ(tlsi_keylog_add_line(kl, utf16, sizeof utf16 - 1), TLSI_ERR_BAD_VALUE);
    CHECK(strstr(tlsi_keylog_status(kl)->first_bad_reason, "UTF-16") != NULL);
    tlsi_keylog_free(kl);
}

/* ---- PSK ---- */

static void test_psk_parse(void)
{
    uint8_t out[TLSI_PSK_MAX + 1];
    size_t len = 99;

    CHECK_EQ(tlsi_psk_parse_hex("0123456789abcdefABCDEF", out, sizeof out, &len), TLSI_OK);
    CHECK_EQ(len, 11);
    CHECK_MEM(out, "\x01\x23\x45\x67\x89\xab\xcd\xef\xab\xcd\xef", 11);
    CHECK_EQ(tlsi_psk_parse_hex(" 01 02\t03\r\n04 ", out, sizeof out, &len), TLSI_OK);
    CHECK_EQ(len, 4);
    CHECK_MEM(out, "\x01\x02\x03\x04", 4);
    CHECK_EQ(tlsi_psk_parse_hex("", out, sizeof out, &len), TLSI_ERR_NO_KEY);
    CHECK_EQ(len, 0);
    CHECK_EQ(tlsi_psk_parse_hex("  \t ", out, sizeof out, &len), TLSI_ERR_NO_KEY);
    CHECK_EQ(tlsi_psk_parse_hex("012", out, sizeof out, &len), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_psk_parse_hex("0 1 2", out, sizeof out, &len), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_psk_parse_hex("0x0102", out, sizeof out, &len), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_psk_parse_hex("01:02", out, sizeof out, &len), TLSI_ERR_BAD_VALUE);
    CHECK_EQ(tlsi_psk_parse_hex("0102030405", out, 4, &len), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(tlsi_psk_parse_hex("01020304", out, 4, &len), TLSI_OK);

    /* 256 bytes accepted, 257 refused even with room. */
    char h[2 * (TLSI_PSK_MAX + 1) + 1];
    memset(h, 'a', sizeof h - 1);
    h[sizeof h - 1] = '\0';
    CHECK_EQ(tlsi_psk_parse_hex(h, out, sizeof out, &len), TLSI_ERR_BAD_LENGTH);
    h[2 * TLSI_PSK_MAX] = '\0';
    CHECK_EQ(tlsi_psk_parse_hex(h, out, sizeof out, &len), TLSI_OK);
    CHECK_EQ(len, TLSI_PSK_MAX);
    CHECK_EQ(out[255], 0xaa);
}

static void test_psk_premaster(void)
{
    uint8_t psk[4] = {0x11, 0x22, 0x33, 0x44};
    uint8_t out[600];
    size_t len;

    /* RFC 4279 section 2: N = 4 -> 00 04 | 00 00 00 00 | 00 04 | psk */
    static const uint8_t plain[] = {0x00, 0x04, 0x00, 0x00, 0x00, 0x00,
                                    0x00, 0x04, 0x11, 0x22, 0x33, 0x44};
    CHECK_EQ(tlsi_psk_premaster(psk, 4, NULL, 0, out, sizeof out, &len), TLSI_OK);
    CHECK_EQ(len, sizeof plain);
    CHECK_MEM(out, plain, sizeof plain);

    /* RFC 4279 sections 3/4, RFC 5489: other_secret replaces the zeros. */
    static const uint8_t other[3] = {0xaa, 0xbb, 0xcc};
    static const uint8_t mixed[] = {0x00, 0x03, 0xaa, 0xbb, 0xcc, 0x00,
                                    0x04, 0x11, 0x22, 0x33, 0x44};
    CHECK_EQ(tlsi_psk_premaster(psk, 4, other, 3, out, sizeof out, &len), TLSI_OK);
    CHECK_EQ(len, sizeof mixed);
    CHECK_MEM(out, mixed, sizeof mixed);

    /* RSA_PSK: a 48-byte premaster as other_secret, 300-byte PSK (lengths > 255). */
    uint8_t pms[48], big[300];
    fill(pms, 48, 5);
    fill(big, 300, 6);
    CHECK_EQ(tlsi_psk_premaster(big, 300, pms, 48, out, sizeof out, &len), TLSI_OK);
    CHECK_EQ(len, 2 + 48 + 2 + 300);
    CHECK_EQ(out[0], 0x00);
    CHECK_EQ(out[1], 48);
    CHECK_MEM(out + 2, pms, 48);
    CHECK_EQ(out[50], 0x01);
    CHECK_EQ(out[51], 0x2c);
    CHECK_MEM(out + 52, big, 300);

    /* Limits. */
    CHECK_EQ(tlsi_psk_premaster(psk, 0, NULL, 0, out, sizeof out, &len), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(tlsi_psk_premaster(psk, 4, NULL, 0, out, 11, &len), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(len, 0);
    CHECK_EQ(tlsi_psk_premaster(psk, 4, NULL, 0, out, 12, &len), TLSI_OK);
    CHECK_EQ(tlsi_psk_premaster(psk, 4, other, 3, out, 10, &len), TLSI_ERR_BAD_LENGTH);
    CHECK_EQ(tlsi_psk_premaster(psk, 4, other, 0x10000, out, sizeof out, &len),
             TLSI_ERR_BAD_LENGTH);
}

int main(void)
{
    test_label_names();
    test_each_label();
    test_line_table();
    test_long_line_and_binary_in_memory();
    test_replacement();
    test_incremental();
    test_open_failure();
    test_huge_line();
    test_binary_file();
    test_many_entries();
    test_no_final_newline();
    test_live_partial_corrected();
    test_windows_style_file();
    test_bom_lines();
    test_psk_parse();
    test_psk_premaster();
    return tc_done();
}
