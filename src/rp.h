/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rp.h - the record-protection scheme vtable behind decrypt.c (internal).
 *
 * Each scheme (rp_stream.c: NULL and RC4 with a MAC; rp_cbc.c: block
 * ciphers in CBC, MAC-then-encrypt or encrypt-then-MAC; rp_aead.c: GCM, CCM,
 * ChaCha20-Poly1305) keeps its own per-direction state and opens one record
 * at a time. decrypt.c picks the scheme from the cipher's mode, checks the
 * record length limits and owns the sequence number, decompression and the
 * TLS 1.3 inner content type; the schemes never see those.
 */
#ifndef TLSI_RP_H
#define TLSI_RP_H

#include <stddef.h>
#include <stdint.h>

#include "algorithms.h"
#include "tlsi_err.h"

/* Everything a scheme needs to set up one direction. */
typedef struct {
    uint16_t version;               /* TLSI_SSL3 .. TLSI_TLS13 */
    const tlsi_cipher_params *cp;   /* never NULL */
    const tlsi_hash_params *hp;     /* the record MAC hash; unused by AEAD */
    const uint8_t *key;
    size_t key_len;
    const uint8_t *iv;
    size_t iv_len;
    const uint8_t *mac_key;
    size_t mac_key_len;
    int etm;                        /* RFC 7366 encrypt-then-MAC (CBC only) */
    int tls13_no_ad;                /* TLS 1.3 drafts before 25: empty additional data */
} tlsi_rp_config;

/* One record as it came off the wire. */
typedef struct {
    uint64_t seq;      /* this record's sequence number */
    uint8_t type;      /* the header's content type */
    uint16_t version;  /* the header's version */
    const uint8_t *in; /* the fragment after the 5-byte header */
    size_t len;        /* its length, already checked against the version's limit */
} tlsi_rp_record;

typedef struct {
    const char *name;
    /* Set up *state for one direction. */
    tlsi_err (*create)(const tlsi_rp_config *cfg, void **state);
    void (*destroy)(void *state);
    /* A deep copy, cipher chaining state included; TLSI_ERR_NOMEM on failure. */
    tlsi_err (*clone)(const void *state, void **copy);
    /*
     * Decrypt and verify one record into out (room for rec->len bytes, not
     * overlapping rec->in). On TLSI_OK *out_len is the plaintext length
     * (for TLS 1.3 the whole TLSInnerPlaintext). On TLSI_ERR_BAD_MAC, when
     * a plaintext was recovered anyway, out and *out_len hold it unverified
     * (else *out_len is 0). Any cipher state that runs across records (RC4,
     * the chained CBC IV) advances whenever the record was well-formed
     * enough to advance it, since the sender advanced it too.
     */
    tlsi_err (*open)(void *state, const tlsi_rp_record *rec, uint8_t *out, size_t *out_len);
    /*
     * Open again, under another rec->seq, the record the last open() was
     * given: with the cipher state as it stood before that call, leaving it
     * as that call left it. A trial for resynchronising after records missing
     * from the capture. TLSI_ERR_UNSUPPORTED where the state runs on with
     * every byte sent (RC4): a record cannot be opened without all before it.
     */
    tlsi_err (*reopen)(void *state, const tlsi_rp_record *rec, uint8_t *out, size_t *out_len);
} tlsi_rp_scheme;

extern const tlsi_rp_scheme tlsi_rp_stream;
extern const tlsi_rp_scheme tlsi_rp_cbc;
extern const tlsi_rp_scheme tlsi_rp_aead;

#endif
