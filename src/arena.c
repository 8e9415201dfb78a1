/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arena.c - a bump allocator for capture-lifetime results (arena.h).
 * Objects larger than a quarter chunk get a chunk of their own so a big
 * plaintext does not waste the rest of a shared one.
 */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (64u * 1024u)
/* Enough for every object stored here (pointers, 64-bit integers); the
 * 16 of malloc would pad each small per-record object by 8 bytes on average. */
#define ARENA_ALIGN 8u

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    /* Followed by the data, aligned to ARENA_ALIGN. */
} chunk;

#define CHUNK_HDR ((sizeof(chunk) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1))

struct tlsi_arena {
    chunk *head;  /* the chunk being filled */
    chunk *large; /* chunks of one object each */
    size_t used;
};

tlsi_arena *tlsi_arena_new(void)
{
    return calloc(1, sizeof(tlsi_arena));
}

static void free_chunks(chunk *c)
{
    while (c) {
        chunk *n = c->next;
        free(c);
        c = n;
    }
}

void tlsi_arena_free(tlsi_arena *a)
{
    if (!a)
        return;
    free_chunks(a->head);
    free_chunks(a->large);
    free(a);
}

static chunk *chunk_new(size_t size)
{
    chunk *c = malloc(CHUNK_HDR + size);

    if (c) {
        c->next = NULL;
        c->size = size;
        c->used = 0;
    }
    return c;
}

/* n bytes at a multiple of align (a power of two, at most ARENA_ALIGN). The
 * start is aligned rather than the size, so byte strings (plaintext, names)
 * pack without padding between them. */
static void *arena_alloc(tlsi_arena *a, size_t n, size_t align)
{
    chunk *c;
    size_t start;

    if (!a || n > SIZE_MAX - CHUNK_HDR - ARENA_ALIGN)
        return NULL;
    if (n > ARENA_CHUNK / 4) {
        c = chunk_new(n ? n : 1);
        if (!c)
            return NULL;
        c->next = a->large;
        a->large = c;
        c->used = n;
        a->used += n;
        return (uint8_t *)c + CHUNK_HDR;
    }
    c = a->head;
    start = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || start > c->size || c->size - start < n) {
        c = chunk_new(ARENA_CHUNK);
        if (!c)
            return NULL;
        c->next = a->head;
        a->head = c;
        start = 0;
    }
    a->used += start - c->used + n;
    c->used = start + n;
    return (uint8_t *)c + CHUNK_HDR + start;
}

void *tlsi_arena_alloc(tlsi_arena *a, size_t n)
{
    return arena_alloc(a, n, ARENA_ALIGN);
}

void *tlsi_arena_dup_bytes(tlsi_arena *a, const void *p, size_t n)
{
    void *q = arena_alloc(a, n, 1);

    if (q && n)
        memcpy(q, p, n);
    return q;
}

void *tlsi_arena_zalloc(tlsi_arena *a, size_t n)
{
    void *p = tlsi_arena_alloc(a, n);

    if (p)
        memset(p, 0, n);
    return p;
}

void *tlsi_arena_dup(tlsi_arena *a, const void *p, size_t n)
{
    void *q = tlsi_arena_alloc(a, n);

    if (q && n)
        memcpy(q, p, n);
    return q;
}

char *tlsi_arena_strndup(tlsi_arena *a, const char *s, size_t n)
{
    char *q = n < SIZE_MAX ? arena_alloc(a, n + 1, 1) : NULL;

    if (q) {
        memcpy(q, s, n);
        q[n] = '\0';
    }
    return q;
}

char *tlsi_arena_strdup(tlsi_arena *a, const char *s)
{
    return s ? tlsi_arena_strndup(a, s, strlen(s)) : NULL;
}

size_t tlsi_arena_used(const tlsi_arena *a)
{
    return a ? a->used : 0;
}
