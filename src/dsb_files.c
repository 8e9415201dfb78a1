/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dsb_files.c - owns finding the open capture files and reading their TLS
 * secrets blocks into a key log store; see dsb_files.h for why.
 */
#define _POSIX_C_SOURCE 200809L
#define _FILE_OFFSET_BITS 64

#include "dsb_files.h"
#include "fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "pcapng_dsb.h"

/* Distinct regular files looked at per scan: a process has a few dozen open
 * (the capture, profile files, logs); the bound keeps a scan cheap. */
#define MAX_FILES 512

void tlsi_dsb_add_text(tlsi_keylog *kl, const uint8_t *data, size_t len)
{
    const char *p = (const char *)data, *end = p + len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl + 1 : end) - p);
        (void)tlsi_keylog_add_line(kl, p, n);
        p += n;
    }
}

/* Reads through a window: block headers of small packets lie close together,
 * and one 64 KiB read costs far less than a system call per header (632 MB of
 * 600-byte packets: 0.3 s instead of 6.6 s here). A header beyond the window
 * (after a large block) is read where it lies, so large blocks are skipped. */
#define WINDOW (64 * 1024)
typedef struct {
    int fd;
    gzFile gz;     /* a gzip-compressed file (read through zlib), or NULL */
    uint64_t base; /* file offset of win[0] (uncompressed) */
    size_t have;   /* valid bytes in win */
    uint8_t win[WINDOW];
} win_reader;

/* Compressed files cannot be read at an offset: seek (forward seeks only
 * decompress; the walker goes forward but for a few bytes inside the window)
 * and read. */
static long gz_read_at(gzFile gz, void *buf, size_t n, uint64_t off)
{
    size_t got = 0;

    if (off > (uint64_t)INT64_MAX || gzseek(gz, (z_off_t)off, SEEK_SET) < 0)
        return gzeof(gz) ? 0 : -1;
    while (got < n) {
        unsigned want = n - got > 1u << 30 ? 1u << 30 : (unsigned)(n - got);
        int r = gzread(gz, (uint8_t *)buf + got, want);
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (long)got;
}

static long pread_full(int fd, void *buf, size_t n, uint64_t off)
{
    return (long)tlsi_pread_full(fd, buf, n, off);
}

static long fd_read(void *ctx, uint64_t off, void *buf, size_t n)
{
    win_reader *w = (win_reader *)ctx;

    if (n > WINDOW)
        return w->gz ? gz_read_at(w->gz, buf, n, off) : pread_full(w->fd, buf, n, off);
    if (off < w->base || off - w->base + n > w->have) {
        long r =
            w->gz ? gz_read_at(w->gz, w->win, WINDOW, off) : pread_full(w->fd, w->win, WINDOW, off);
        if (r < 0)
            return -1;
        w->base = off;
        w->have = (size_t)r;
    }
    /* off >= base here, and off - base <= have unless the file ended. */
    size_t at = (size_t)(off - w->base), got = at < w->have ? w->have - at : 0;
    if (got > n)
        got = n;
    memcpy(buf, w->win + at, got);
    return (long)got;
}

static void secrets_cb(void *ctx, const uint8_t *data, size_t len)
{
    tlsi_dsb_add_text((tlsi_keylog *)ctx, data, len);
}

static tlsi_err load_fd(int fd, const char *name, tlsi_keylog *kl, tlsi_dsb_scan_stats *st)
{
    tlsi_pcapng_walk_stats ws;
    win_reader *w = malloc(sizeof *w);

    if (!w)
        return TLSI_ERR_NOMEM;
    w->fd = fd;
    w->gz = NULL;
    w->base = 0;
    w->have = 0;
    uint8_t magic[2];
    if (pread_full(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
        /* gzip, which wiretap reads too; zlib gets its own descriptor. */
        int gfd = dup(fd);
        w->gz = gfd >= 0 ? gzdopen(gfd, "rb") : NULL;
        if (!w->gz) {
            if (gfd >= 0)
                close(gfd);
            free(w);
            return TLSI_ERR_IO;
        }
        gzbuffer(w->gz, WINDOW);
    }
    tlsi_err err = tlsi_pcapng_dsb_walk(fd_read, w, secrets_cb, kl, &ws);
    if (w->gz)
        gzclose(w->gz);
    free(w);

    if (err == TLSI_ERR_BAD_VALUE || !st)
        return err;
    st->pcapng_files++;
    st->tls_dsbs += ws.tls_dsbs;
    if (ws.tls_dsbs)
        st->files_with_keys++;
    if (ws.why_stop && !st->damaged[0])
        snprintf(st->damaged, sizeof st->damaged, "%s: %s at offset %llu", name, ws.why_stop,
                 (unsigned long long)ws.end);
    return err;
}

tlsi_err tlsi_dsb_load_file(const char *path, tlsi_keylog *kl, tlsi_dsb_scan_stats *st)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return TLSI_ERR_IO;
    tlsi_err err = load_fd(fd, path, kl, st);
    close(fd);
    return err;
}

unsigned tlsi_dsb_load_open_files(const char *fd_dir, tlsi_keylog *kl, tlsi_dsb_scan_stats *st)
{
    struct {
        dev_t dev;
        ino_t ino;
    } seen[MAX_FILES];
    unsigned n_seen = 0, before = st ? st->files_with_keys : 0;
    tlsi_dsb_scan_stats local;
    DIR *d = opendir(fd_dir);

    if (!st) {
        memset(&local, 0, sizeof local);
        st = &local;
        before = 0;
    }
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && n_seen < MAX_FILES;) {
        char path[4096];
        struct stat sb;
        unsigned i;

        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", fd_dir, e->d_name);
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        for (i = 0; i < n_seen && (seen[i].dev != sb.st_dev || seen[i].ino != sb.st_ino); i++)
            ;
        if (i < n_seen)
            continue;
        seen[n_seen].dev = sb.st_dev;
        seen[n_seen].ino = sb.st_ino;
        n_seen++;
        /* A new open file description: the owner's file offset stays put. */
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        if (fd < 0)
            continue;
        char target[256];
        ssize_t tl = readlink(path, target, sizeof target - 1);
        target[tl > 0 ? (size_t)tl : 0] = '\0';
        (void)load_fd(fd, target[0] ? target : path, kl, st);
        close(fd);
    }
    closedir(d);
    return st->files_with_keys - before;
}
