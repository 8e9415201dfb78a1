/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_fuzz_regress.c - every fuzzing reproducer and every seed, through the
 * same entry points as the libFuzzer harnesses, in the normal build.
 *
 * The harnesses (fuzz/fuzz_*.c) are compiled in here with their
 * LLVMFuzzerTestOneInput renamed. Each file of
 *   $TLSI_SOURCE_DIR/tests/unit/regress/<harness>/   (reproducers of findings)
 *   $TLSI_SOURCE_DIR/fuzz/corpus/<harness>/          (seed corpora)
 * runs in a child process (so one failure does not hide the others) with a
 * time limit, and with TLSI_FUZZ_STRICT=1 so the harnesses check everything,
 * findings already reported included. A child that crashes, aborts (a harness
 * invariant or a sanitizer report, in a -DTLSI_SANITIZE=ON build) or hangs is
 * a failure, unless tests/unit/regress/known-failures.txt lists the file: a
 * reported finding whose fix has not landed yet (expected failure). A listed
 * file that passes fails the test too, so the list is kept honest: remove the
 * line with the fix.
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LLVMFuzzerTestOneInput fuzz_record_entry
#include "../../fuzz/fuzz_record.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_sslv2_entry
#include "../../fuzz/fuzz_sslv2.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_handshake_entry
#include "../../fuzz/fuzz_handshake.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_extensions_entry
#include "../../fuzz/fuzz_extensions.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_decrypt_entry
#include "../../fuzz/fuzz_decrypt.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_session_entry
#include "../../fuzz/fuzz_session.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_keylog_entry
#include "../../fuzz/fuzz_keylog.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_rsa_key_entry
#include "../../fuzz/fuzz_rsa_key.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_pcapng_dsb_entry
#include "../../fuzz/fuzz_pcapng_dsb.c"
#undef LLVMFuzzerTestOneInput

typedef int (*entry_fn)(const uint8_t *, size_t);

static const struct {
    const char *name;
    entry_fn fn;
} harnesses[] = {
    {"fuzz_record", fuzz_record_entry},       {"fuzz_sslv2", fuzz_sslv2_entry},
    {"fuzz_handshake", fuzz_handshake_entry}, {"fuzz_extensions", fuzz_extensions_entry},
    {"fuzz_decrypt", fuzz_decrypt_entry},     {"fuzz_session", fuzz_session_entry},
    {"fuzz_keylog", fuzz_keylog_entry},       {"fuzz_rsa_key", fuzz_rsa_key_entry},
    {"fuzz_pcapng_dsb", fuzz_pcapng_dsb_entry},
};
#define N_HARNESSES (sizeof harnesses / sizeof harnesses[0])

#define CHILD_SECONDS 60

static char known[64][512];
static int n_known, known_seen[64];
static int n_run, n_failed, n_xfail;

static entry_fn harness_fn(const char *name)
{
    for (size_t i = 0; i < N_HARNESSES; i++)
        if (strcmp(harnesses[i].name, name) == 0)
            return harnesses[i].fn;
    return NULL;
}

static int is_known(const char *rel)
{
    for (int i = 0; i < n_known; i++)
        if (strcmp(known[i], rel) == 0) {
            known_seen[i] = 1;
            return 1;
        }
    return 0;
}

static void load_known(const char *path)
{
    char line[512];
    FILE *f = fopen(path, "r");

    if (!f)
        return;
    while (fgets(line, sizeof line, f) && n_known < 64) {
        char *sp;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        sp = strpbrk(line, " \t\n");
        if (sp)
            *sp = '\0';
        snprintf(known[n_known++], sizeof known[0], "%s", line);
    }
    fclose(f);
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

/* 0 when the input went through cleanly. */
static int run_child(entry_fn fn, const char *path)
{
    pid_t pid;
    int st;

    fflush(NULL);
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        size_t len = 0;
        uint8_t *buf = read_file(path, &len);
        if (!buf)
            _exit(3);
        alarm(CHILD_SECONDS);
        fn(buf, len);
        free(buf);
        _exit(0);
    }
    if (waitpid(pid, &st, 0) < 0)
        return -1;
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    return 128 + WTERMSIG(st);
}

/* Run every file of dir/<harness>/ for each subdirectory; rel_root names
 * files in messages and in known-failures.txt. */
static void run_tree(const char *dir, const char *rel_root, int strict_names)
{
    DIR *top = opendir(dir);
    struct dirent *h;

    if (!top) {
        if (strict_names) {
            fprintf(stderr, "FAIL: cannot open %s\n", dir);
            n_failed++;
        }
        return;
    }
    while ((h = readdir(top))) {
        char sub[4096];
        DIR *d;
        struct dirent *e;
        entry_fn fn;

        if (h->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof sub, "%s/%s", dir, h->d_name);
        d = opendir(sub);
        if (!d)
            continue; /* a file (known-failures.txt, README) */
        fn = harness_fn(h->d_name);
        if (!fn) {
            if (strict_names) {
                fprintf(stderr, "FAIL: %s: no harness named %s\n", sub, h->d_name);
                n_failed++;
            }
            closedir(d);
            continue;
        }
        while ((e = readdir(d))) {
            char path[8192], rel[512];
            int rc, listed;
            if (e->d_name[0] == '.')
                continue;
            snprintf(path, sizeof path, "%s/%s", sub, e->d_name);
            snprintf(rel, sizeof rel, "%s/%s", h->d_name, e->d_name);
            rc = run_child(fn, path);
            listed = is_known(rel);
            n_run++;
            if (rc == 0 && !listed)
                continue;
            if (rc != 0 && listed) {
                n_xfail++;
                printf("XFAIL %s/%s (known finding, status %d)\n", rel_root, rel, rc);
                continue;
            }
            n_failed++;
            if (rc == 0)
                fprintf(stderr, "FAIL: %s/%s passes now: remove it from "
                                "tests/unit/regress/known-failures.txt\n",
                        rel_root, rel);
            else
                fprintf(stderr, "FAIL: %s/%s: %s %d (reproduce: build-fuzz/%s %s)\n", rel_root,
                        rel, rc >= 128 ? "signal" : "exit status", rc >= 128 ? rc - 128 : rc,
                        h->d_name, path);
        }
        closedir(d);
    }
    closedir(top);
}

int main(void)
{
    const char *src = getenv("TLSI_SOURCE_DIR");
    char path[4096];

    if (!src) {
        fprintf(stderr, "TLSI_SOURCE_DIR is not set (ctest sets it)\n");
        return 1;
    }
    setenv("TLSI_FUZZ_STRICT", "1", 1);
    snprintf(path, sizeof path, "%s/tests/unit/regress/known-failures.txt", src);
    load_known(path);
    snprintf(path, sizeof path, "%s/tests/unit/regress", src);
    run_tree(path, "tests/unit/regress", 1);
    snprintf(path, sizeof path, "%s/fuzz/corpus", src);
    run_tree(path, "fuzz/corpus", 0);
    for (int i = 0; i < n_known; i++)
        if (!known_seen[i]) {
            fprintf(stderr, "FAIL: known-failures.txt lists %s, which does not exist\n",
                    known[i]);
            n_failed++;
        }
    printf("%d inputs run, %d expected failures (known findings), %d failed\n", n_run, n_xfail,
           n_failed);
    return n_failed || n_run == 0 ? 1 : 0;
}
