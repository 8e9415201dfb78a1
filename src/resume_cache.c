/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * resume_cache.c - the capture's session ids and tickets (resume_cache.h):
 * a chained hash table keyed by (kind, id bytes). Entries are never removed
 * before the capture closes: a capture is finite, and a resumption may come
 * at any distance from its full handshake.
 */
#include "resume_cache.h"

#include <stdlib.h>
#include <string.h>

#define CACHE_BUCKETS 4096u

typedef struct cache_entry {
    struct cache_entry *next;
    uint8_t kind;
    uint8_t have_master;
    uint32_t origin_frame; /* 0: not known */
    size_t id_len;
    uint8_t master[TLSI_MASTER_SECRET_LEN];
    uint8_t id[];
} cache_entry;

struct tlsi_session_cache {
    cache_entry *bucket[CACHE_BUCKETS];
};

tlsi_session_cache *tlsi_session_cache_new(void)
{
    return calloc(1, sizeof(tlsi_session_cache));
}

void tlsi_session_cache_free(tlsi_session_cache *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < CACHE_BUCKETS; i++) {
        cache_entry *e = c->bucket[i];
        while (e) {
            cache_entry *n = e->next;
            free(e);
            e = n;
        }
    }
    free(c);
}

static size_t cache_hash(uint8_t kind, const uint8_t *id, size_t len)
{
    uint32_t h = 2166136261u ^ kind; /* FNV-1a */
    size_t i;

    for (i = 0; i < len; i++)
        h = (h ^ id[i]) * 16777619u;
    return h % CACHE_BUCKETS;
}

static cache_entry *cache_find(const tlsi_session_cache *c, uint8_t kind, const uint8_t *id,
                               size_t len)
{
    cache_entry *e;

    if (!c || !len)
        return NULL;
    for (e = c->bucket[cache_hash(kind, id, len)]; e; e = e->next)
        if (e->kind == kind && e->id_len == len && memcmp(e->id, id, len) == 0)
            return e;
    return NULL;
}

static cache_entry *cache_get_or_add(tlsi_session_cache *c, uint8_t kind, const uint8_t *id,
                                     size_t len)
{
    cache_entry *e;
    size_t b;

    if (!c || !len)
        return NULL;
    e = cache_find(c, kind, id, len);
    if (e)
        return e;
    e = calloc(1, sizeof *e + len);
    if (!e)
        return NULL;
    e->kind = kind;
    e->id_len = len;
    memcpy(e->id, id, len);
    b = cache_hash(kind, id, len);
    e->next = c->bucket[b];
    c->bucket[b] = e;
    return e;
}

void tlsi_resume_put_master(tlsi_session_cache *c, tlsi_resume_kind kind, const uint8_t *id,
                            size_t len, const uint8_t master[TLSI_MASTER_SECRET_LEN])
{
    cache_entry *e = cache_get_or_add(c, (uint8_t)kind, id, len);

    if (e) {
        memcpy(e->master, master, TLSI_MASTER_SECRET_LEN);
        e->have_master = 1;
    }
}

void tlsi_resume_put_origin(tlsi_session_cache *c, tlsi_resume_kind kind, const uint8_t *id,
                            size_t len, uint32_t frame)
{
    cache_entry *e = frame ? cache_get_or_add(c, (uint8_t)kind, id, len) : NULL;

    if (e)
        e->origin_frame = frame;
}

int tlsi_resume_get_master(const tlsi_session_cache *c, tlsi_resume_kind kind, const uint8_t *id,
                           size_t len, uint8_t master[TLSI_MASTER_SECRET_LEN])
{
    const cache_entry *e = cache_find(c, (uint8_t)kind, id, len);

    if (!e || !e->have_master)
        return 0;
    memcpy(master, e->master, TLSI_MASTER_SECRET_LEN);
    return 1;
}

uint32_t tlsi_resume_get_origin(const tlsi_session_cache *c, tlsi_resume_kind kind,
                                const uint8_t *id, size_t len)
{
    const cache_entry *e = cache_find(c, (uint8_t)kind, id, len);

    return e ? e->origin_frame : 0;
}
