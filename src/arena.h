/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arena.h - memory that lives as long as a capture: the per-record results
 * of the connection engine (plaintext, reassembled handshake messages,
 * explanations) are handed to the caller, which keeps pointers to them for
 * every later pass, and all of it is released at once when the capture is
 * closed. A bump allocator over large chunks: no per-object header, no free.
 */
#ifndef TLSI_ARENA_H
#define TLSI_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct tlsi_arena tlsi_arena;

tlsi_arena *tlsi_arena_new(void);
void tlsi_arena_free(tlsi_arena *a);
/* n bytes aligned for any object, or NULL when memory runs out. */
void *tlsi_arena_alloc(tlsi_arena *a, size_t n);
void *tlsi_arena_zalloc(tlsi_arena *a, size_t n);
void *tlsi_arena_dup(tlsi_arena *a, const void *p, size_t n);
/* A copy of n bytes with no alignment (plaintext, raw messages). */
void *tlsi_arena_dup_bytes(tlsi_arena *a, const void *p, size_t n);
char *tlsi_arena_strdup(tlsi_arena *a, const char *s);
char *tlsi_arena_strndup(tlsi_arena *a, const char *s, size_t n);
/* Bytes handed out so far (for the memory figures of the benchmarks). */
size_t tlsi_arena_used(const tlsi_arena *a);

#endif
