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
#define ARENA_ALIGN 16u

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

void *tlsi_arena_alloc(tlsi_arena *a, size_t n)
{
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    chunk *c;

    if (!a || need < n || need > SIZE_MAX - CHUNK_HDR)
        return NULL;
    if (need == 0)
        need = ARENA_ALIGN;
    if (need > ARENA_CHUNK / 4) {
        c = chunk_new(need);
        if (!c)
            return NULL;
        c->next = a->large;
        a->large = c;
        c->used = need;
        a->used += need;
        return (uint8_t *)c + CHUNK_HDR;
    }
    c = a->head;
    if (!c || c->size - c->used < need) {
        c = chunk_new(ARENA_CHUNK);
        if (!c)
            return NULL;
        c->next = a->head;
        a->head = c;
    }
    c->used += need;
    a->used += need;
    return (uint8_t *)c + CHUNK_HDR + c->used - need;
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
    char *q = tlsi_arena_alloc(a, n + 1);

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
