/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * keylog.c - owns the NSS key log store: line parsing, the hash table of
 * secrets, and following a key log file as it grows.
 *
 * Entries live in a dense array; an open-addressing table of uint32 indices
 * (linear probing, load <= 1/2) finds them. Nothing is ever deleted except by
 * a reload from scratch, so the table needs no tombstones. The hash is seeded
 * per store so a crafted key log cannot aim for collisions.
 */
#define _POSIX_C_SOURCE 200809L
#define _FILE_OFFSET_BITS 64

#include "keylog.h"
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Far beyond any real key log; keeps index arithmetic inside uint32_t. */
#define MAX_ENTRIES (1u << 28)
/* Bytes before the consumed offset remembered to notice an in-place rewrite. */
#define TAIL_LEN 32
#define CHUNK_LEN 65536

typedef struct {
    const char *name;
    uint8_t key_len;    /* bytes of the lookup key (second field) */
    uint8_t secret_min; /* allowed secret lengths in bytes (third field) */
    uint8_t secret_max;
} label_info;

static const label_info labels[TLSI_KEYLOG_LABEL_COUNT] = {
    [TLSI_KEYLOG_CLIENT_RANDOM] = {"CLIENT_RANDOM", 32, 48, 48},
    [TLSI_KEYLOG_RSA] = {"RSA", 8, 48, 48},
    /* TLS 1.3 secrets are one hash long: 32 (SHA-256, SM3) or 48 (SHA-384). */
    [TLSI_KEYLOG_CLIENT_EARLY_TRAFFIC_SECRET] = {"CLIENT_EARLY_TRAFFIC_SECRET", 32, 32, 64},
    [TLSI_KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET] = {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", 32, 32,
                                                     64},
    [TLSI_KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET] = {"SERVER_HANDSHAKE_TRAFFIC_SECRET", 32, 32,
                                                     64},
    [TLSI_KEYLOG_CLIENT_TRAFFIC_SECRET_0] = {"CLIENT_TRAFFIC_SECRET_0", 32, 32, 64},
    [TLSI_KEYLOG_SERVER_TRAFFIC_SECRET_0] = {"SERVER_TRAFFIC_SECRET_0", 32, 32, 64},
    [TLSI_KEYLOG_EARLY_EXPORTER_SECRET] = {"EARLY_EXPORTER_SECRET", 32, 32, 64},
    [TLSI_KEYLOG_EXPORTER_SECRET] = {"EXPORTER_SECRET", 32, 32, 64},
};

typedef struct {
    uint8_t label;
    uint8_t secret_len;
    uint8_t key[TLSI_KEYLOG_RANDOM_LEN]; /* RSA: the 8-byte prefix, then zeros */
    uint8_t secret[TLSI_KEYLOG_MAX_SECRET];
} kl_entry;

struct tlsi_keylog {
    kl_entry *ent;
    uint32_t n_ent, cap_ent;
    uint32_t *slot; /* 0 = empty, else entry index + 1 */
    uint32_t n_slot; /* 0 or a power of two */
    uint64_t seed;
    tlsi_keylog_stats st;

    /* The followed file: what was consumed and what it looked like then. */
    char *path;
    int have_id;
    dev_t dev;
    ino_t ino;
    off_t id_size; /* bytes read up to EOF in the last pass */
    struct timespec mtime;
    off_t offset;  /* end of the last complete line */
    int skipping;  /* an over-long line runs on past offset */
    /* The partial last line [offset, id_size) was parsed as if complete (the
     * file had stopped growing); st_before is the stats from before, so the
     * line is counted once when it is read again because it grew. */
    int partial_taken;
    tlsi_keylog_stats st_before;
    uint8_t tail[TAIL_LEN];
    size_t tail_len;

    size_t line_len;
    char line[TLSI_KEYLOG_MAX_LINE + 1]; /* + 1 for a '\r' before the '\n' */
    char chunk[CHUNK_LEN];
};

const char *tlsi_keylog_label_name(tlsi_keylog_label label)
{
    if ((unsigned)label >= TLSI_KEYLOG_LABEL_COUNT)
        return NULL;
    return labels[label].name;
}

tlsi_err tlsi_keylog_label_from_name(const char *name, size_t n, tlsi_keylog_label *out)
{
    for (unsigned i = 0; i < TLSI_KEYLOG_LABEL_COUNT; i++) {
        if (strlen(labels[i].name) == n && memcmp(labels[i].name, name, n) == 0) {
            *out = (tlsi_keylog_label)i;
            return TLSI_OK;
        }
    }
    return TLSI_ERR_BAD_VALUE;
}

/* ---- hash table ---- */

static uint64_t mix64(uint64_t x)
{
    /* splitmix64 finaliser: every input bit affects every output bit. */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static uint64_t hash_key(uint64_t seed, uint8_t label, const uint8_t key[TLSI_KEYLOG_RANDOM_LEN])
{
    uint64_t h = seed ^ label;
    for (size_t i = 0; i < TLSI_KEYLOG_RANDOM_LEN; i += 8) {
        uint64_t w = 0;
        for (size_t j = 0; j < 8; j++)
            w |= (uint64_t)key[i + j] << (8 * j);
        h = mix64(h ^ w);
    }
    return h;
}

/* Index into kl->ent, or UINT32_MAX when absent. */
static uint32_t lookup(const tlsi_keylog *kl, uint8_t label, const uint8_t key[TLSI_KEYLOG_RANDOM_LEN])
{
    if (kl->n_slot == 0)
        return UINT32_MAX;
    uint32_t mask = kl->n_slot - 1;
    uint32_t i = (uint32_t)hash_key(kl->seed, label, key) & mask;
    for (;;) {
        uint32_t s = kl->slot[i];
        if (s == 0)
            return UINT32_MAX;
        const kl_entry *e = &kl->ent[s - 1];
        if (e->label == label && memcmp(e->key, key, TLSI_KEYLOG_RANDOM_LEN) == 0)
            return s - 1;
        i = (i + 1) & mask;
    }
}

static void slot_put(uint32_t *slot, uint32_t mask, uint64_t h, uint32_t idx)
{
    uint32_t i = (uint32_t)h & mask;
    while (slot[i] != 0)
        i = (i + 1) & mask;
    slot[i] = idx + 1;
}

static tlsi_err grow_index(tlsi_keylog *kl)
{
    uint32_t n = kl->n_slot ? kl->n_slot * 2 : 64;
    uint32_t *s = calloc(n, sizeof *s);
    if (!s)
        return TLSI_ERR_NOMEM;
    for (uint32_t i = 0; i < kl->n_ent; i++) {
        const kl_entry *e = &kl->ent[i];
        slot_put(s, n - 1, hash_key(kl->seed, e->label, e->key), i);
    }
    free(kl->slot);
    kl->slot = s;
    kl->n_slot = n;
    return TLSI_OK;
}

static void wipe(void *p, size_t n)
{
    /* Secrets should not linger in freed memory; volatile keeps the stores. */
    volatile uint8_t *v = p;
    while (n--)
        *v++ = 0;
}

static tlsi_err store(tlsi_keylog *kl, uint8_t label, const uint8_t key[TLSI_KEYLOG_RANDOM_LEN],
                      const uint8_t *secret, size_t secret_len)
{
    uint32_t idx = lookup(kl, label, key);
    if (idx != UINT32_MAX) {
        kl_entry *e = &kl->ent[idx];
        kl->st.replaced++;
        if (e->secret_len != secret_len || memcmp(e->secret, secret, secret_len) != 0) {
            wipe(e->secret, sizeof e->secret);
            memcpy(e->secret, secret, secret_len);
            e->secret_len = (uint8_t)secret_len;
            kl->st.generation++;
        }
        return TLSI_OK;
    }
    if (kl->n_ent >= MAX_ENTRIES)
        return TLSI_ERR_NOMEM;
    if (kl->n_ent == kl->cap_ent) {
        uint32_t cap = kl->cap_ent ? kl->cap_ent * 2 : 64;
        kl_entry *ne = realloc(kl->ent, (size_t)cap * sizeof *ne);
        if (!ne)
            return TLSI_ERR_NOMEM;
        kl->ent = ne;
        kl->cap_ent = cap;
    }
    if ((uint64_t)(kl->n_ent + 1) * 2 > kl->n_slot) {
        tlsi_err err = grow_index(kl);
        if (err != TLSI_OK)
            return err;
    }
    kl_entry *e = &kl->ent[kl->n_ent];
    memset(e, 0, sizeof *e);
    e->label = label;
    memcpy(e->key, key, TLSI_KEYLOG_RANDOM_LEN);
    memcpy(e->secret, secret, secret_len);
    e->secret_len = (uint8_t)secret_len;
    slot_put(kl->slot, kl->n_slot - 1, hash_key(kl->seed, label, key), kl->n_ent);
    kl->n_ent++;
    kl->st.entries = kl->n_ent;
    kl->st.generation++;
    return TLSI_OK;
}

/* Drop every entry and every counter except reloads and generation. */
static void clear_entries(tlsi_keylog *kl)
{
    if (kl->ent)
        wipe(kl->ent, (size_t)kl->n_ent * sizeof *kl->ent);
    free(kl->ent);
    free(kl->slot);
    kl->ent = NULL;
    kl->slot = NULL;
    kl->n_ent = kl->cap_ent = kl->n_slot = 0;

    uint64_t reloads = kl->st.reloads, generation = kl->st.generation;
    memset(&kl->st, 0, sizeof kl->st);
    kl->st.reloads = reloads;
    kl->st.generation = generation + 1;
}

/* ---- line parsing ---- */

/* Value of a hex digit plus one, 0 for any other byte: a table, because
 * key logs are mostly hex and branching per digit dominated the load time. */
static const uint8_t hex1[256] = {
    ['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,  ['6'] = 7,
    ['7'] = 8,  ['8'] = 9,  ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14,
    ['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15,
    ['F'] = 16,
};

/* Decode exactly 2*n hex digits into out[n]; 0 on success. */
static int unhex(const char *s, size_t n, uint8_t *out)
{
    unsigned bad = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned hi = hex1[(uint8_t)s[2 * i]], lo = hex1[(uint8_t)s[2 * i + 1]];
        bad |= (hi == 0) | (lo == 0);
        out[i] = (uint8_t)((hi - 1) << 4 | (lo - 1));
    }
    return bad ? -1 : 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Next blank-separated token of s[*i, len): its start and length. */
static size_t token(const char *s, size_t len, size_t *i, const char **tok)
{
    while (*i < len && is_blank(s[*i]))
        (*i)++;
    *tok = s + *i;
    size_t start = *i;
    while (*i < len && !is_blank(s[*i]))
        (*i)++;
    return *i - start;
}

/* [A-Z][A-Z0-9_]*: the shape of every NSS key log label. */
static int upper_label(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || s[0] < 'A' || s[0] > 'Z')
        return 0;
    for (i = 1; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return 1;
}

static tlsi_err bad_line(tlsi_keylog *kl, tlsi_err err, const char *why)
{
    kl->st.bad_lines++;
    if (kl->st.first_bad_line == 0) {
        kl->st.first_bad_line = kl->st.lines;
        kl->st.first_bad_reason = why;
    }
    return err;
}

/* The first line may start with a byte order mark: UTF-8's is skipped
 * (Windows editors write it); UTF-16's means the whole file is in the wrong
 * encoding, which the first bad line's reason says. Returns the bytes to
 * skip, or -1 for UTF-16. */
static int first_line_bom(const char *s, size_t len)
{
    if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
        return 3;
    if (len >= 2 && (memcmp(s, "\xff\xfe", 2) == 0 || memcmp(s, "\xfe\xff", 2) == 0))
        return -1;
    return 0;
}

/* One complete line without its '\n'; the caller has counted it. */
static tlsi_err parse_line(tlsi_keylog *kl, const char *s, size_t len)
{
    if (len > 0 && s[len - 1] == '\r')
        len--;
    if (len > TLSI_KEYLOG_MAX_LINE)
        return bad_line(kl, TLSI_ERR_BAD_LENGTH, "line too long");
    if (kl->st.lines == 1) {
        int bom = first_line_bom(s, len);
        if (bom < 0)
            return bad_line(kl, TLSI_ERR_BAD_VALUE,
                            "UTF-16 text (save the key log as UTF-8 or ASCII)");
        s += bom;
        len -= (size_t)bom;
    }

    size_t i = 0;
    const char *f_label, *f_key, *f_secret, *f_extra;
    size_t n_label = token(s, len, &i, &f_label);
    if (n_label == 0 || f_label[0] == '#')
        return TLSI_OK; /* blank line or comment */
    size_t n_key = token(s, len, &i, &f_key);
    size_t n_secret = token(s, len, &i, &f_secret);
    size_t n_extra = token(s, len, &i, &f_extra);

    tlsi_keylog_label label;
    if (tlsi_keylog_label_from_name(f_label, n_label, &label) != TLSI_OK) {
        /* Stacks log more labels than tlsi uses (OpenSSL writes
         * CLIENT_TRAFFIC_SECRET_N after a KeyUpdate, some tools write
         * PMS_CLIENT_RANDOM): an upper-case label with two fields is
         * well-formed and ignored; anything else is a bad line. */
        if (upper_label(f_label, n_label) && n_key != 0 && n_secret != 0 && n_extra == 0) {
            kl->st.ignored_lines++;
            return TLSI_OK;
        }
        return bad_line(kl, TLSI_ERR_BAD_VALUE, "unknown label");
    }
    if (n_key == 0 || n_secret == 0)
        return bad_line(kl, TLSI_ERR_BAD_VALUE, "missing field");
    if (n_extra != 0)
        return bad_line(kl, TLSI_ERR_BAD_VALUE, "extra field");

    const label_info *li = &labels[label];
    uint8_t key[TLSI_KEYLOG_RANDOM_LEN] = {0};
    uint8_t secret[TLSI_KEYLOG_MAX_SECRET];
    if (n_key != 2u * li->key_len)
        return bad_line(kl, TLSI_ERR_BAD_LENGTH,
                        label == TLSI_KEYLOG_RSA
                            ? "encrypted premaster prefix is not 16 hex digits"
                            : "client random is not 64 hex digits");
    if (unhex(f_key, li->key_len, key) != 0)
        return bad_line(kl, TLSI_ERR_BAD_VALUE, "bad hex");
    if (n_secret % 2 != 0)
        return bad_line(kl, TLSI_ERR_BAD_VALUE, "bad hex (odd number of digits)");
    if (n_secret / 2 < li->secret_min || n_secret / 2 > li->secret_max)
        return bad_line(kl, TLSI_ERR_BAD_LENGTH, "wrong secret length");
    if (unhex(f_secret, n_secret / 2, secret) != 0)
        return bad_line(kl, TLSI_ERR_BAD_VALUE, "bad hex");

    tlsi_err err = store(kl, (uint8_t)label, key, secret, n_secret / 2);
    wipe(secret, sizeof secret);
    if (err != TLSI_OK)
        return bad_line(kl, err, "out of memory");
    return TLSI_OK;
}

tlsi_err tlsi_keylog_add_line(tlsi_keylog *kl, const char *line, size_t len)
{
    if (len > 0 && line[len - 1] == '\n')
        len--;
    kl->st.lines++;
    return parse_line(kl, line, len);
}

/* ---- lookups ---- */

tlsi_err tlsi_keylog_find(const tlsi_keylog *kl, tlsi_keylog_label label,
                          const uint8_t client_random[TLSI_KEYLOG_RANDOM_LEN], uint8_t *out,
                          size_t *out_len)
{
    if ((unsigned)label >= TLSI_KEYLOG_LABEL_COUNT || label == TLSI_KEYLOG_RSA)
        return TLSI_ERR_BAD_VALUE;
    uint32_t idx = lookup(kl, (uint8_t)label, client_random);
    if (idx == UINT32_MAX)
        return TLSI_ERR_NO_KEY;
    const kl_entry *e = &kl->ent[idx];
    if (*out_len < e->secret_len)
        return TLSI_ERR_BAD_LENGTH;
    memcpy(out, e->secret, e->secret_len);
    *out_len = e->secret_len;
    return TLSI_OK;
}

tlsi_err tlsi_keylog_find_rsa(const tlsi_keylog *kl,
                              const uint8_t enc_premaster_prefix[TLSI_KEYLOG_RSA_PREFIX_LEN],
                              uint8_t premaster_out[TLSI_KEYLOG_PREMASTER_LEN])
{
    uint8_t key[TLSI_KEYLOG_RANDOM_LEN] = {0};
    memcpy(key, enc_premaster_prefix, TLSI_KEYLOG_RSA_PREFIX_LEN);
    uint32_t idx = lookup(kl, TLSI_KEYLOG_RSA, key);
    if (idx == UINT32_MAX)
        return TLSI_ERR_NO_KEY;
    memcpy(premaster_out, kl->ent[idx].secret, TLSI_KEYLOG_PREMASTER_LEN);
    return TLSI_OK;
}

/* ---- the followed file ---- */

static tlsi_err io_fail(tlsi_keylog *kl, const char *what)
{
    kl->st.io_errno = errno ? errno : EIO;
    kl->st.io_what = what;
    return TLSI_ERR_IO;
}

/* Read up to n bytes at off; returns the count read, or -1. */
static ssize_t read_at(int fd, void *buf, size_t n, off_t off)
{
    return tlsi_pread_full(fd, buf, n, (uint64_t)off);
}

/* Do the bytes just before the consumed offset still read the same? A file
 * truncated and rewritten longer between two refreshes fails this test. */
static int tail_matches(const tlsi_keylog *kl, int fd)
{
    uint8_t now[TAIL_LEN];
    if (kl->tail_len == 0)
        return kl->offset == 0;
    ssize_t r = read_at(fd, now, kl->tail_len, kl->offset - (off_t)kl->tail_len);
    return r == (ssize_t)kl->tail_len && memcmp(now, kl->tail, kl->tail_len) == 0;
}

/* Put back the line counters saved before a partial line was taken. */
static void restore_counts(tlsi_keylog *kl)
{
    const tlsi_keylog_stats *b = &kl->st_before;
    kl->st.lines = b->lines;
    kl->st.replaced = b->replaced;
    kl->st.bad_lines = b->bad_lines;
    kl->st.ignored_lines = b->ignored_lines;
    kl->st.first_bad_line = b->first_bad_line;
    kl->st.first_bad_reason = b->first_bad_reason;
}

/* Consume the complete lines from kl->offset to EOF. */
static tlsi_err read_pass(tlsi_keylog *kl, int fd)
{
    off_t pos = kl->offset;
    tlsi_err err = TLSI_OK;

    if (kl->partial_taken) {
        /* The line taken as complete is read again from its start: undo its
         * counting; its entry is replaced by what the line now says. */
        restore_counts(kl);
        kl->partial_taken = 0;
    }
    kl->line_len = 0;
    if (lseek(fd, pos, SEEK_SET) < 0)
        return io_fail(kl, "read");
    for (;;) {
        ssize_t n = read(fd, kl->chunk, sizeof kl->chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err = io_fail(kl, "read");
            break;
        }
        if (n == 0)
            break;
        const char *p = kl->chunk, *end = kl->chunk + n;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t seg = (size_t)((nl ? nl : end) - p);
            if (kl->skipping) {
                /* inside an over-long line: drop bytes until its '\n' */
            } else if (seg > sizeof kl->line - kl->line_len) {
                kl->skipping = 1;
                kl->line_len = 0;
            } else if (nl && kl->line_len == 0) {
                kl->st.lines++;
                (void)parse_line(kl, p, seg); /* whole line in the chunk: no copy */
            } else {
                memcpy(kl->line + kl->line_len, p, seg);
                kl->line_len += seg;
                if (nl) {
                    kl->st.lines++;
                    (void)parse_line(kl, kl->line, kl->line_len);
                }
            }
            if (!nl) {
                pos += (off_t)seg;
                break;
            }
            if (kl->skipping) {
                kl->st.lines++;
                (void)bad_line(kl, TLSI_ERR_BAD_LENGTH, "line too long");
                kl->skipping = 0;
            }
            kl->line_len = 0;
            pos += (off_t)seg + 1;
            kl->offset = pos;
            p = nl + 1;
        }
    }
    /* A partial last line is read again next time; an over-long one is not
     * worth rereading, so its skipped bytes count as consumed. */
    if (kl->skipping)
        kl->offset = pos;
    kl->line_len = 0;
    kl->id_size = pos;
    kl->st.offset = (uint64_t)kl->offset;

    size_t t = kl->offset < TAIL_LEN ? (size_t)kl->offset : TAIL_LEN;
    if (read_at(fd, kl->tail, t, kl->offset - (off_t)t) != (ssize_t)t)
        t = 0; /* forces a reload on the next growth; harmless */
    kl->tail_len = t;
    return err;
}

static int same_time(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/* Not modified for TLSI_KEYLOG_SETTLE_SEC: whoever wrote it has stopped. */
static int settled(const struct timespec *mtime)
{
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0)
        return 0;
    return mtime->tv_sec <= now.tv_sec - TLSI_KEYLOG_SETTLE_SEC;
}

/* The file ends in a line without '\n' and has stopped growing: parse that
 * line as complete. It stays unconsumed (offset is not moved), so if the
 * writer was only slow and the line goes on, it is read again whole. */
static void take_partial(tlsi_keylog *kl, int fd)
{
    off_t n = kl->id_size - kl->offset;

    if (kl->partial_taken || kl->skipping || n <= 0 || n > (off_t)sizeof kl->line)
        return;
    if (read_at(fd, kl->line, (size_t)n, kl->offset) != (ssize_t)n)
        return;
    kl->st_before = kl->st;
    kl->partial_taken = 1;
    kl->st.lines++;
    (void)parse_line(kl, kl->line, (size_t)n);
    wipe(kl->line, (size_t)n);
}

static void reset_file_state(tlsi_keylog *kl)
{
    clear_entries(kl);
    kl->have_id = 0;
    kl->offset = 0;
    kl->id_size = 0;
    kl->skipping = 0;
    kl->tail_len = 0;
    kl->partial_taken = 0;
}

/* Open the followed file and read what is new, or all of it again.
 * just_reset: the caller has already dropped everything. */
static tlsi_err follow(tlsi_keylog *kl, int just_reset)
{
    struct stat sb;
    int fd = open(kl->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_fail(kl, "open");
    if (fstat(fd, &sb) != 0) {
        tlsi_err err = io_fail(kl, "stat");
        close(fd);
        return err;
    }
    int reload = just_reset || !kl->have_id || sb.st_dev != kl->dev || sb.st_ino != kl->ino ||
                 sb.st_size < kl->offset;
    if (!reload && sb.st_size == kl->id_size && same_time(&sb.st_mtim, &kl->mtime)) {
        close(fd);
        return TLSI_OK;
    }
    /* Not grown but modified: rewritten in place, so nothing read is trusted. */
    if (!reload && (sb.st_size <= kl->id_size || !tail_matches(kl, fd)))
        reload = 1;
    if (reload && !just_reset)
        reset_file_state(kl);
    if (reload)
        kl->st.reloads++;

    kl->st.io_errno = 0;
    kl->st.io_what = NULL;
    tlsi_err err = read_pass(kl, fd);

    /* Identity after the pass: if the size still equals what was read, this
     * mtime describes the bytes consumed; if it grew meanwhile, the size
     * differs and the next refresh reads the rest. */
    struct stat after;
    if (fstat(fd, &after) == 0)
        sb = after;
    kl->dev = sb.st_dev;
    kl->ino = sb.st_ino;
    kl->mtime = sb.st_mtim;
    kl->have_id = 1;
    if (err == TLSI_OK && sb.st_size == kl->id_size && settled(&sb.st_mtim))
        take_partial(kl, fd);
    close(fd);
    return err;
}

/* Unchanged since the last look: a partial last line is final now. */
static tlsi_err take_partial_unchanged(tlsi_keylog *kl)
{
    if (kl->partial_taken || kl->skipping || kl->offset >= kl->id_size)
        return TLSI_OK;
    int fd = open(kl->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_fail(kl, "open");
    struct stat sb;
    if (fstat(fd, &sb) == 0 && sb.st_dev == kl->dev && sb.st_ino == kl->ino &&
        sb.st_size == kl->id_size && same_time(&sb.st_mtim, &kl->mtime))
        take_partial(kl, fd);
    close(fd);
    return TLSI_OK;
}

tlsi_err tlsi_keylog_load_file(tlsi_keylog *kl, const char *path)
{
    size_t n = strlen(path);
    char *copy = malloc(n + 1);
    if (!copy)
        return TLSI_ERR_NOMEM;
    memcpy(copy, path, n + 1);
    free(kl->path);
    kl->path = copy;
    reset_file_state(kl);
    return follow(kl, 1);
}

tlsi_err tlsi_keylog_refresh(tlsi_keylog *kl)
{
    struct stat sb;
    if (!kl->path)
        return TLSI_OK;
    if (stat(kl->path, &sb) != 0)
        return io_fail(kl, "stat");
    if (kl->have_id && sb.st_dev == kl->dev && sb.st_ino == kl->ino &&
        sb.st_size == kl->id_size && same_time(&sb.st_mtim, &kl->mtime))
        return take_partial_unchanged(kl);
    return follow(kl, 0);
}

/* ---- lifetime and status ---- */

tlsi_keylog *tlsi_keylog_create(void)
{
    tlsi_keylog *kl = calloc(1, sizeof *kl);
    if (!kl)
        return NULL;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    kl->seed = mix64((uint64_t)ts.tv_sec << 32 ^ (uint64_t)ts.tv_nsec ^ (uint64_t)(uintptr_t)kl ^
                     (uint64_t)getpid() << 48);
    return kl;
}

void tlsi_keylog_free(tlsi_keylog *kl)
{
    if (!kl)
        return;
    clear_entries(kl);
    free(kl->path);
    wipe(kl->line, sizeof kl->line);
    wipe(kl->chunk, sizeof kl->chunk);
    free(kl);
}

const tlsi_keylog_stats *tlsi_keylog_status(const tlsi_keylog *kl)
{
    return &kl->st;
}

size_t tlsi_keylog_status_msg(const tlsi_keylog *kl, char *buf, size_t len)
{
    const tlsi_keylog_stats *st = &kl->st;
    size_t used = 0;
    int n;

    if (len == 0)
        return 0;
    buf[0] = '\0';
    n = snprintf(buf, len, "%llu entr%s from %llu line%s", (unsigned long long)st->entries,
                 st->entries == 1 ? "y" : "ies", (unsigned long long)st->lines,
                 st->lines == 1 ? "" : "s");
    if (n > 0)
        used += (size_t)n;
    if (st->bad_lines) {
        n = snprintf(buf + (used < len ? used : len - 1), used < len ? len - used : 1,
                     "; %llu bad line%s (first: line %llu, %s)",
                     (unsigned long long)st->bad_lines, st->bad_lines == 1 ? "" : "s",
                     (unsigned long long)st->first_bad_line, st->first_bad_reason);
        if (n > 0)
            used += (size_t)n;
    }
    if (st->io_errno) {
        n = snprintf(buf + (used < len ? used : len - 1), used < len ? len - used : 1,
                     "; cannot %s %s: %s", st->io_what ? st->io_what : "read",
                     kl->path ? kl->path : "key log", strerror(st->io_errno));
        if (n > 0)
            used += (size_t)n;
    }
    return used;
}
