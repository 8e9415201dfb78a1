/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * resume_cache.h - what one capture knows about its sessions, for the
 * connections that resume them: by session id (RFC 5246 7.4.1.2) and by
 * ticket or TLS 1.3 PSK identity (RFC 5077, RFC 8446 4.6.1), the master
 * secret (so an abbreviated handshake decrypts) and the frame of the full
 * handshake that created the session (so the tree links back to it).
 * Owned by the capture: made when a file is opened, freed when it closes.
 */
#ifndef TLSI_RESUME_CACHE_H
#define TLSI_RESUME_CACHE_H

#include <stddef.h>
#include <stdint.h>

#define TLSI_MASTER_SECRET_LEN 48

typedef enum {
    TLSI_RESUME_SESSION_ID = 0,
    TLSI_RESUME_TICKET = 1, /* a TLS <= 1.2 ticket or a TLS 1.3 PSK identity */
} tlsi_resume_kind;

typedef struct tlsi_session_cache tlsi_session_cache;

tlsi_session_cache *tlsi_session_cache_new(void);
void tlsi_session_cache_free(tlsi_session_cache *c);

/* Both ignore a NULL cache and an empty id. */
void tlsi_resume_put_master(tlsi_session_cache *c, tlsi_resume_kind kind, const uint8_t *id,
                            size_t len, const uint8_t master[TLSI_MASTER_SECRET_LEN]);
void tlsi_resume_put_origin(tlsi_session_cache *c, tlsi_resume_kind kind, const uint8_t *id,
                            size_t len, uint32_t frame);
/* 1 and the secret, or 0 when none is known. */
int tlsi_resume_get_master(const tlsi_session_cache *c, tlsi_resume_kind kind, const uint8_t *id,
                           size_t len, uint8_t master[TLSI_MASTER_SECRET_LEN]);
/* The frame, or 0 when none is known. */
uint32_t tlsi_resume_get_origin(const tlsi_session_cache *c, tlsi_resume_kind kind,
                                const uint8_t *id, size_t len);

#endif
