/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * session.c - one connection's key schedule and read states (see session.h).
 *
 * TLS <= 1.2: the master secret comes from the key log (CLIENT_RANDOM), from
 * an RSA premaster (key log RSA line or a configured private key), from the
 * PSK, or from the earlier session an abbreviated handshake resumes; each
 * ChangeCipherSpec installs the sender's new read state from the key block.
 * TLS 1.3: traffic secrets come from the key log; the server's handshake
 * keys start after ServerHello, the client's too (or after EndOfEarlyData
 * when early data was accepted), application keys after each side's
 * Finished, and KeyUpdate moves the sender to the next generation.
 */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algorithms.h"
#include "cipher_suites.h"
#include "decrypt.h"
#include "export_kdf.h"
#include "extensions.h"
#include "handshake.h"
#include "names.h"
#include "prf.h"
#include "psk.h"
#include "record.h"
#include "sslv2.h"
#include "tls13_keys.h"
#include "transcript.h"

#define MAX_SECRET 64
#define MAX_TICKET 65535u

enum { DIR_CLIENT = 0, DIR_SERVER = 1 };

typedef struct {
    tlsi_decryptor *cur;  /* read state in force, NULL when none could be made */
    tlsi_decryptor *next; /* TLS 1.3 client: handshake state waiting while early data runs */
    int is_protected;     /* records from this side are protected */
    int early;            /* TLS 1.3 client: early data state in force */
    int early_tried;      /* the early secret and suite have been looked for */
    uint8_t secret[MAX_SECRET]; /* TLS 1.3: current traffic secret */
    size_t secret_len;
    uint8_t hs_secret[MAX_SECRET]; /* TLS 1.3: handshake traffic secret (Finished) */
    size_t hs_secret_len;
    uint8_t app_secret[MAX_SECRET]; /* TLS 1.3: application traffic secret 0 (key log export) */
    size_t app_secret_len;
    uint64_t records;     /* protected records seen */
    unsigned resync_misses; /* searches for the next sequence number that failed in a row */
    int resynced;         /* the read state in force stepped over missing records */
    char why[160];        /* why cur is NULL */
} dir_state;

/* After a record fails to verify, the next RESYNC_WINDOW sequence numbers
 * are tried (records missing from the capture). Only once the direction has
 * decrypted something (the keys are right), and no more after RESYNC_MISSES
 * searches in a row found nothing (wrong keys later on, or a gap too long). */
#define RESYNC_WINDOW 64u
#define RESYNC_MISSES 16u

struct tlsi_session {
    tlsi_session_info info;
    uint16_t client_version;
    uint8_t server_random[32];
    int have_server_random;
    uint8_t client_sid[32];
    size_t client_sid_len;
    uint8_t server_sid[32];
    size_t server_sid_len;
    uint8_t *client_ticket; /* session_ticket extension of the ClientHello */
    size_t client_ticket_len;
    uint8_t *new_ticket;    /* NewSessionTicket (TLS <= 1.2) */
    size_t new_ticket_len;
    int client_ems, client_etm, client_early;
    int client_pha; /* TLS 1.3: the ClientHello offered post-handshake auth */
    uint16_t offered13[16]; /* TLS 1.3 suites the client offered, for early data */
    size_t n_offered13;
    const tlsi_suite *suite;
    int ch_seen, hrr, cke_seen, tls13;
    int ske_seen; /* a ServerKeyExchange: for RSA_EXPORT, a temporary RSA key */
    uint16_t wire13; /* TLS 1.3: the selected version as on the wire (0x0304 or a draft's) */
    int server_finished, client_finished;
    tlsi_transcript *transcript;
    uint8_t session_hash[64];
    size_t session_hash_len;
    uint8_t *srv_modulus;
    size_t srv_modulus_len;
    uint8_t *epms;          /* RSA EncryptedPreMasterSecret */
    size_t epms_len;
    uint8_t master[TLSI_MASTER_LEN];
    int have_master;
    char master_why[160];
    uint8_t early_secret[MAX_SECRET]; /* CLIENT_EARLY_TRAFFIC_SECRET */
    size_t early_secret_len;
    tlsi_transcript *pha; /* TLS 1.3 post-handshake auth: main transcript + CertificateRequest... */
    char *keylog_text; /* NSS key log lines of every secret used, for export */
    size_t keylog_len;
    dir_state dir[2];
    int from_embedded; /* the last key log hit came from km->embedded */
};

/* ---------------------------------------------------------------------- */
/* Helpers                                                                  */

const char *tlsi_key_source_name(tlsi_key_source src)
{
    static const char *const names[] = {
        [TLSI_KEYSRC_NONE] = "none",
        [TLSI_KEYSRC_KEYLOG_MASTER] = "key log (CLIENT_RANDOM)",
        [TLSI_KEYSRC_KEYLOG_RSA] = "key log (RSA premaster)",
        [TLSI_KEYSRC_RSA_KEY] = "RSA private key",
        [TLSI_KEYSRC_PSK] = "pre-shared key preference",
        [TLSI_KEYSRC_RESUMED] = "resumed session",
        [TLSI_KEYSRC_KEYLOG_TLS13] = "key log (TLS 1.3 traffic secrets)",
        [TLSI_KEYSRC_EMBEDDED_MASTER] = "embedded secrets (pcapng DSB): CLIENT_RANDOM",
        [TLSI_KEYSRC_EMBEDDED_RSA] = "embedded secrets (pcapng DSB): RSA premaster",
        [TLSI_KEYSRC_EMBEDDED_TLS13] = "embedded secrets (pcapng DSB): TLS 1.3 traffic secrets",
    };
    if ((unsigned)src >= sizeof names / sizeof names[0] || !names[src])
        return "unknown";
    return names[src];
}

static void hex_of(const uint8_t *b, size_t n, char *out)
{
    static const char hx[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < n; i++) {
        out[2 * i] = hx[b[i] >> 4];
        out[2 * i + 1] = hx[b[i] & 15];
    }
    out[2 * n] = '\0';
}

/* Remember a secret as an NSS key log line (once), so a session decrypted
 * from an RSA key, or renegotiated, can be exported whole. */
static void remember_secret(tlsi_session *s, const char *label, const uint8_t *secret,
                            size_t len)
{
    char cr[65], sec[2 * MAX_SECRET + 1], line[48 + 65 + 2 * MAX_SECRET + 4];
    int n;
    char *grown;

    if (!s->info.have_client_random || len > MAX_SECRET)
        return;
    hex_of(s->info.client_random, 32, cr);
    hex_of(secret, len, sec);
    n = snprintf(line, sizeof line, "%s %s %s\n", label, cr, sec);
    if (n <= 0 || (size_t)n >= sizeof line)
        return;
    if (s->keylog_text && strstr(s->keylog_text, line))
        return;
    grown = realloc(s->keylog_text, s->keylog_len + (size_t)n + 1);
    if (!grown)
        return;
    memcpy(grown + s->keylog_len, line, (size_t)n + 1);
    s->keylog_text = grown;
    s->keylog_len += (size_t)n;
}

/* Look a label up by this session's client random in the key log file; on
 * a miss the file is read again once (it may have grown during a live
 * capture), then the secrets embedded in the capture are tried. */
static int keylog_get(tlsi_session *s, const tlsi_key_material *km, tlsi_keylog_label label,
                      uint8_t *out, size_t *out_len)
{
    size_t cap = *out_len;

    if (!km || !s->info.have_client_random)
        return 0;
    s->from_embedded = 0;
    if (km->keylog) {
        if (tlsi_keylog_find(km->keylog, label, s->info.client_random, out, out_len) == TLSI_OK)
            return 1;
        *out_len = cap;
        if (tlsi_keylog_refresh(km->keylog) == TLSI_OK &&
            tlsi_keylog_find(km->keylog, label, s->info.client_random, out, out_len) == TLSI_OK)
            return 1;
        *out_len = cap;
    }
    if (km->embedded &&
        tlsi_keylog_find(km->embedded, label, s->info.client_random, out, out_len) == TLSI_OK) {
        s->from_embedded = 1;
        return 1;
    }
    return 0;
}

static size_t hash_len(tlsi_hash h)
{
    const tlsi_hash_params *hp = tlsi_hash_params_get(h);
    return hp ? hp->len : 0;
}

static void set_key_source(tlsi_session *s, tlsi_key_source src, const char *detail)
{
    /* Key log secrets that came from the capture itself are named so. */
    static const tlsi_key_source embedded[] = {
        [TLSI_KEYSRC_KEYLOG_MASTER] = TLSI_KEYSRC_EMBEDDED_MASTER,
        [TLSI_KEYSRC_KEYLOG_RSA] = TLSI_KEYSRC_EMBEDDED_RSA,
        [TLSI_KEYSRC_KEYLOG_TLS13] = TLSI_KEYSRC_EMBEDDED_TLS13,
    };
    if (s->from_embedded && (size_t)src < sizeof embedded / sizeof embedded[0] && embedded[src])
        src = embedded[src];
    s->info.key_source = src;
    snprintf(s->info.key_detail, sizeof s->info.key_detail, "%s", detail ? detail : "");
}

static void dir_set_state(dir_state *d, tlsi_decryptor *dec)
{
    tlsi_decryptor_free(d->cur);
    d->cur = dec;
    d->resynced = 0; /* new keys start in step */
}

/* ---------------------------------------------------------------------- */
/* TLS <= 1.2 master secret and key block                                   */

static int master_from_premaster(tlsi_session *s, const uint8_t *pm, size_t pm_len)
{
    uint16_t v = s->info.version;
    const uint8_t *sh = s->info.ems ? s->session_hash : NULL;

    if (!s->have_server_random || !s->info.have_client_random)
        return 0;
    if (tlsi_master_secret(v, s->suite->prf, pm, pm_len, s->info.client_random, s->server_random,
                           sh, sh ? s->session_hash_len : 0, s->master) != TLSI_OK)
        return 0;
    s->have_master = 1;
    remember_secret(s, "CLIENT_RANDOM", s->master, TLSI_MASTER_LEN);
    return 1;
}

static int try_rsa_keys(tlsi_session *s, const tlsi_key_material *km)
{
    uint8_t pm[48];
    char why[160] = "";
    size_t i;
    int matched = 0;

    for (i = 0; km && i < km->n_rsa_keys; i++) {
        const tlsi_rsa_key *k = km->rsa_keys[i];
        tlsi_err e;
        char detail[96];

        /* Keys are matched by the certificate's modulus; without a captured
         * certificate every key is tried (the padding check tells). */
        if (s->srv_modulus && !tlsi_rsa_key_matches_modulus(k, s->srv_modulus,
                                                            s->srv_modulus_len))
            continue;
        matched = 1;
        e = tlsi_rsa_decrypt_premaster(k, s->epms, s->epms_len, s->client_version, pm, why,
                                       sizeof why);
        /* A version mismatch still gives a usable premaster (some clients
         * send the negotiated version): the Finished check will tell. */
        if (e != TLSI_OK && e != TLSI_ERR_BAD_VALUE) {
            snprintf(s->master_why, sizeof s->master_why, "RSA key %.16s: %s",
                     tlsi_rsa_key_id_hex(k), why);
            continue;
        }
        if (s->suite->kex == TLSI_KEX_RSA_PSK) {
            /* RFC 4279 4: the RSA-encrypted 48 bytes are the "other secret". */
            uint8_t full[2 + 48 + 2 + 256];
            size_t full_len;
            if (!km->psk_len) {
                snprintf(s->master_why, sizeof s->master_why,
                         "RSA_PSK key exchange: the RSA key decrypted the premaster, but the "
                         "tlsi.psk preference is not set");
                return 0;
            }
            if (tlsi_psk_premaster(km->psk, km->psk_len, pm, sizeof pm, full, sizeof full,
                                   &full_len) != TLSI_OK ||
                !master_from_premaster(s, full, full_len))
                continue;
        } else if (!master_from_premaster(s, pm, sizeof pm)) {
            continue;
        }
        snprintf(detail, sizeof detail, "RSA key %s (%u bits)%s", tlsi_rsa_key_id_hex(k),
                 tlsi_rsa_key_bits(k), s->suite->kex == TLSI_KEX_RSA_PSK ? " and PSK" : "");
        set_key_source(s, TLSI_KEYSRC_RSA_KEY, detail);
        return 1;
    }
    if (!matched)
        snprintf(s->master_why, sizeof s->master_why, "%s",
                 km && km->n_rsa_keys
                     ? "no configured RSA key matches the server certificate's public key"
                 : km && km->n_rsa_unloadable
                     ? "RSA key exchange: no key log entry, and the configured RSA key file "
                       "could not be loaded (see the message about it)"
                     : "RSA key exchange: no key log entry and no RSA private key configured");
    return 0;
}

/* The master secret from what the capture and key log know without a
 * private key: a CLIENT_RANDOM line, the session this one resumes, an RSA
 * line naming the encrypted premaster. */
static int master_known(tlsi_session *s, const tlsi_key_material *km)
{
    size_t len = TLSI_MASTER_LEN;
    const tlsi_session_cache *c = km ? km->cache : NULL;

    if (keylog_get(s, km, TLSI_KEYLOG_CLIENT_RANDOM, s->master, &len) &&
        len == TLSI_MASTER_LEN) {
        s->have_master = 1;
        remember_secret(s, "CLIENT_RANDOM", s->master, TLSI_MASTER_LEN);
        set_key_source(s, TLSI_KEYSRC_KEYLOG_MASTER, NULL);
        return 1;
    }
    if (s->info.resumed &&
        (tlsi_resume_get_master(c, TLSI_RESUME_SESSION_ID, s->server_sid, s->server_sid_len,
                                s->master) ||
         tlsi_resume_get_master(c, TLSI_RESUME_TICKET, s->client_ticket, s->client_ticket_len,
                                s->master))) {
        s->have_master = 1;
        remember_secret(s, "CLIENT_RANDOM", s->master, TLSI_MASTER_LEN);
        set_key_source(s, TLSI_KEYSRC_RESUMED, NULL);
        return 1;
    }
    if ((s->suite->kex == TLSI_KEX_RSA || s->suite->kex == TLSI_KEX_RSA_EXPORT) && s->epms &&
        s->epms_len >= 8 && km) {
        uint8_t pm[48];
        tlsi_keylog *const stores[2] = {km->keylog, km->embedded};
        for (int i = 0; i < 2; i++) {
            s->from_embedded = i;
            if (stores[i] && tlsi_keylog_find_rsa(stores[i], s->epms, pm) == TLSI_OK &&
                master_from_premaster(s, pm, sizeof pm)) {
                set_key_source(s, TLSI_KEYSRC_KEYLOG_RSA, NULL);
                return 1;
            }
        }
    }
    return 0;
}

/* PSK key exchange with the tlsi.psk preference (RFC 4279 2). */
static int master_from_psk(tlsi_session *s, const tlsi_key_material *km)
{
    if (km && km->psk_len && s->cke_seen) {
        uint8_t pm[2 + 256 + 2 + 256];
        size_t pm_len;
        if (tlsi_psk_premaster(km->psk, km->psk_len, NULL, 0, pm, sizeof pm, &pm_len) ==
                TLSI_OK &&
            master_from_premaster(s, pm, pm_len)) {
            set_key_source(s, TLSI_KEYSRC_PSK, NULL);
            return 1;
        }
    }
    snprintf(s->master_why, sizeof s->master_why,
             "PSK key exchange: no key log entry and no tlsi.psk preference");
    return 0;
}

/* The master secret from the configured keys, by key exchange; says why
 * when there is none. hex: the client random, for the explanation. */
static int master_by_kex(tlsi_session *s, const tlsi_key_material *km, const char *hex)
{
    switch (s->suite->kex) {
    case TLSI_KEX_RSA_EXPORT:
        /* RFC 2246 7.4.3: a server whose key is over the export limit sends
         * a temporary RSA key, and the premaster is encrypted with that. */
        if (s->ske_seen) {
            snprintf(s->master_why, sizeof s->master_why,
                     "RSA_EXPORT: premaster encrypted with ServerKeyExchange's temporary RSA "
                     "key: needs the key log (no CLIENT_RANDOM %.16s...)",
                     hex);
            return 0;
        }
        /* fall through - no temporary key: the certificate's key encrypted it */
    case TLSI_KEX_RSA:
    case TLSI_KEX_RSA_PSK:
        if (!s->epms) {
            snprintf(s->master_why, sizeof s->master_why, "no ClientKeyExchange captured");
            return 0;
        }
        return try_rsa_keys(s, km);
    case TLSI_KEX_PSK:
        return master_from_psk(s, km);
    default:
        snprintf(s->master_why, sizeof s->master_why,
                 "%s key exchange needs a key log entry: no CLIENT_RANDOM %.16s... in the key log",
                 tlsi_kex_name(s->suite->kex), hex);
        return 0;
    }
}

/* Find the master secret by every means there is; say why when none works. */
static int find_master(tlsi_session *s, const tlsi_key_material *km)
{
    char hex[65];

    if (s->have_master)
        return 1;
    if (!s->suite) {
        snprintf(s->master_why, sizeof s->master_why, "handshake not captured (no ServerHello)");
        return 0;
    }
    if (!s->info.have_client_random) {
        snprintf(s->master_why, sizeof s->master_why, "handshake not captured (no ClientHello)");
        return 0;
    }
    if (master_known(s, km))
        return 1;
    hex_of(s->info.client_random, 32, hex);
    if (s->info.resumed) {
        snprintf(s->master_why, sizeof s->master_why,
                 "resumed session: the full handshake it resumes is not in the capture and the "
                 "key log has no CLIENT_RANDOM %.16s...",
                 hex);
        return 0;
    }
    return master_by_kex(s, km, hex);
}

/* Install the read state of one side after its ChangeCipherSpec. */
static void tls12_install(tlsi_session *s, const tlsi_key_material *km, int from_server)
{
    dir_state *d = &s->dir[from_server];
    uint8_t kb[256];
    size_t kb_len;
    tlsi_conn_keys ck, sk;
    const tlsi_conn_keys *k;
    tlsi_err err = TLSI_OK;
    tlsi_decryptor *dec;
    char why[96];

    d->is_protected = 1;
    dir_set_state(d, NULL);
    /* A ServerHello may name a suite outside the registry (or none was
     * captured) even when a master secret is known from earlier. */
    if (!s->suite) {
        snprintf(d->why, sizeof d->why, "%s",
                 s->info.suite_known ? s->info.suite_why : "handshake not captured (no ServerHello)");
        return;
    }
    if (!find_master(s, km)) {
        snprintf(d->why, sizeof d->why, "%s", s->master_why);
        return;
    }
    if (!tlsi_suite_decryptable(s->suite, why, sizeof why)) {
        snprintf(d->why, sizeof d->why, "%s: %s", s->suite->name, why);
        return;
    }
    kb_len = tlsi_key_block_len(s->suite, s->info.version);
    if (kb_len == 0 || kb_len > sizeof kb ||
        tlsi_key_block(s->info.version, s->suite->prf, s->master, s->info.client_random,
                       s->server_random, kb, kb_len) != TLSI_OK ||
        tlsi_key_block_split(s->suite, s->info.version, kb, kb_len, &ck, &sk) != TLSI_OK ||
        (tlsi_cipher_params_get(s->suite->cipher)->export_len &&
         tlsi_export_keys(s->info.version, s->suite->prf, s->suite->cipher, s->info.client_random,
                          s->server_random, &ck, &sk) != TLSI_OK)) {
        snprintf(d->why, sizeof d->why, "key block derivation failed for %s", s->suite->name);
        return;
    }
    k = from_server ? &sk : &ck;
    dec = tlsi_decryptor_new(s->info.version, s->suite->cipher, s->suite->mac, k->key, k->key_len,
                             k->iv, k->iv_len, k->mac_key, k->mac_key_len, s->info.etm,
                             s->info.compression, &err);
    if (!dec) {
        snprintf(d->why, sizeof d->why, "cannot decrypt %s: %s", s->suite->name,
                 tlsi_err_str(err));
        return;
    }
    dir_set_state(d, dec);
    s->info.have_keys[from_server] = 1;
    /* Remember the secret for sessions that resume this one. */
    if (km && km->cache) {
        if (s->server_sid_len)
            tlsi_resume_put_master(km->cache, TLSI_RESUME_SESSION_ID, s->server_sid,
                                   s->server_sid_len, s->master);
        if (s->new_ticket_len)
            tlsi_resume_put_master(km->cache, TLSI_RESUME_TICKET, s->new_ticket,
                                   s->new_ticket_len, s->master);
    }
}

/* ---------------------------------------------------------------------- */
/* TLS 1.3 traffic secrets                                                  */

/* wire is the version the ServerHello selected (a draft's own value keys
 * and protects records its draft's way), 0 before it is known. */
static tlsi_decryptor *tls13_state(const tlsi_suite *suite, uint16_t wire, const uint8_t *secret,
                                   char *why, size_t why_len)
{
    tlsi_conn_keys k;
    tlsi_err err = TLSI_OK;
    tlsi_decryptor *dec;
    unsigned draft = tlsi_tls13_draft(wire);

    if (tlsi_tls13_conn_keys_draft(draft, suite->prf, suite->cipher, secret, &k) != TLSI_OK) {
        snprintf(why, why_len, "traffic key derivation failed for %s", suite->name);
        return NULL;
    }
    dec = tlsi_decryptor_new(draft ? wire : TLSI_TLS13, suite->cipher, TLSI_HASH_NONE, k.key,
                             k.key_len, k.iv, k.iv_len, NULL, 0, 0, 0, &err);
    if (!dec)
        snprintf(why, why_len, "cannot decrypt %s: %s", suite->name, tlsi_err_str(err));
    return dec;
}

/* Make the read state of one side from a key log label; on failure the side
 * is protected with no state, and why says so. Returns the state (also
 * installed unless into_next). */
static void tls13_from_keylog(tlsi_session *s, const tlsi_key_material *km, int from_server,
                              tlsi_keylog_label label, int into_next)
{
    dir_state *d = &s->dir[from_server];
    uint8_t secret[MAX_SECRET];
    size_t len = sizeof secret, want = hash_len(s->suite->prf);
    tlsi_decryptor *dec = NULL;
    char hex[65];
    char why[96];

    if (!tlsi_suite_decryptable(s->suite, why, sizeof why)) {
        snprintf(d->why, sizeof d->why, "%s: %s", s->suite->name, why);
    } else if (!keylog_get(s, km, label, secret, &len)) {
        hex_of(s->info.client_random, 32, hex);
        snprintf(d->why, sizeof d->why, "no %s for client random %.16s... in the key log",
                 tlsi_keylog_label_name(label), hex);
    } else if (len != want) {
        snprintf(d->why, sizeof d->why, "%s in the key log is %zu bytes; %s needs %zu",
                 tlsi_keylog_label_name(label), len, s->suite->name, want);
    } else {
        dec = tls13_state(s->suite, s->wire13, secret, d->why, sizeof d->why);
        if (dec) {
            remember_secret(s, tlsi_keylog_label_name(label), secret, len);
            memcpy(d->secret, secret, len);
            d->secret_len = len;
            if (label == TLSI_KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET ||
                label == TLSI_KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET) {
                memcpy(d->hs_secret, secret, len);
                d->hs_secret_len = len;
            } else if (label != TLSI_KEYLOG_CLIENT_EARLY_TRAFFIC_SECRET) {
                memcpy(d->app_secret, secret, len);
                d->app_secret_len = len;
            }
            set_key_source(s, TLSI_KEYSRC_KEYLOG_TLS13, NULL);
            s->info.have_keys[from_server] = 1;
        }
    }
    d->is_protected = 1;
    if (into_next) {
        tlsi_decryptor_free(d->next);
        d->next = dec;
    } else {
        dir_set_state(d, dec);
    }
}

/* Early data arrives before the ServerHello names the suite: the early
 * secret's length narrows the candidates to the offered TLS 1.3 suites with
 * that hash, and the first record's AEAD tag picks the right one. */
static tlsi_err early_trial(tlsi_session *s, const tlsi_key_material *km, uint8_t ct,
                            uint16_t ver, const uint8_t *in, size_t in_len, uint8_t *out,
                            size_t out_cap, size_t *out_len, uint8_t *inner)
{
    dir_state *d = &s->dir[DIR_CLIENT];
    size_t len = sizeof s->early_secret, i;

    d->early_tried = 1;
    if (!keylog_get(s, km, TLSI_KEYLOG_CLIENT_EARLY_TRAFFIC_SECRET, s->early_secret, &len)) {
        snprintf(d->why, sizeof d->why,
                 "early data: no CLIENT_EARLY_TRAFFIC_SECRET for this client random in the key "
                 "log");
        return TLSI_ERR_NO_KEY;
    }
    s->early_secret_len = len;
    for (i = 0; i < s->n_offered13; i++) {
        const tlsi_suite *suite = tlsi_suite_find(s->offered13[i]);
        tlsi_decryptor *dec;
        char why[96];

        if (!suite || hash_len(suite->prf) != len || !tlsi_suite_decryptable(suite, why, 96))
            continue;
        dec = tls13_state(suite, s->wire13, s->early_secret, why, sizeof why);
        if (!dec)
            continue;
        if (tlsi_decryptor_open(dec, ct, ver, in, in_len, out, out_cap, out_len, inner) ==
            TLSI_OK) {
            char detail[96];
            dir_set_state(d, dec);
            s->info.have_keys[DIR_CLIENT] = 1;
            snprintf(detail, sizeof detail, "CLIENT_EARLY_TRAFFIC_SECRET, early data under %s",
                     suite->name);
            remember_secret(s, "CLIENT_EARLY_TRAFFIC_SECRET", s->early_secret, len);
            set_key_source(s, TLSI_KEYSRC_KEYLOG_TLS13, detail);
            return TLSI_OK;
        }
        tlsi_decryptor_free(dec);
    }
    snprintf(d->why, sizeof d->why,
             "early data did not decrypt with CLIENT_EARLY_TRAFFIC_SECRET under any offered "
             "suite");
    return TLSI_ERR_BAD_MAC;
}

static void tls13_next_generation(tlsi_session *s, int from_server)
{
    dir_state *d = &s->dir[from_server];
    uint8_t next[MAX_SECRET];

    if (!s->suite || !d->cur || !d->secret_len ||
        tlsi_tls13_next_secret_draft(tlsi_tls13_draft(s->wire13), s->suite->prf, d->secret,
                                     next) != TLSI_OK) {
        dir_set_state(d, NULL);
        if (!d->why[0])
            snprintf(d->why, sizeof d->why, "KeyUpdate: no current traffic secret to update");
        return;
    }
    memcpy(d->secret, next, d->secret_len);
    dir_set_state(d, tls13_state(s->suite, s->wire13, d->secret, d->why, sizeof d->why));
}

/* ---------------------------------------------------------------------- */
/* Handshake messages                                                       */

static void reset_for_new_handshake(tlsi_session *s)
{
    tlsi_transcript_free(s->transcript);
    s->transcript = tlsi_transcript_new();
    free(s->client_ticket);
    free(s->new_ticket);
    free(s->epms);
    free(s->srv_modulus);
    s->client_ticket = s->new_ticket = s->epms = s->srv_modulus = NULL;
    s->client_ticket_len = s->new_ticket_len = s->epms_len = s->srv_modulus_len = 0;
    s->have_master = 0;
    s->have_server_random = 0;
    s->cke_seen = 0;
    s->ske_seen = 0;
    s->server_finished = s->client_finished = 0;
    s->info.resumed = 0;
    s->master_why[0] = '\0';
}

static uint8_t *dup_span(const uint8_t *base, tlsi_span sp, size_t *len)
{
    uint8_t *p;

    *len = 0;
    if (!sp.len)
        return NULL;
    p = malloc(sp.len);
    if (!p)
        return NULL;
    memcpy(p, base + sp.off, sp.len);
    *len = sp.len;
    return p;
}

/* A ClientHello of either form starts (or, after a HelloRetryRequest,
 * continues) a handshake. */
static void client_hello_begin(tlsi_session *s)
{
    if (s->ch_seen && !s->hrr)
        reset_for_new_handshake(s); /* renegotiation: current read states stay */
    if (!s->transcript)
        s->transcript = tlsi_transcript_new();
    s->ch_seen = 1;
}

static void on_client_hello(tlsi_session *s, const tlsi_key_material *km, const uint8_t *body,
                            size_t len, const uint8_t *msg, size_t msg_len)
{
    tlsi_client_hello ch;
    uint32_t err_off;
    tlsi_ext e;
    tlsi_list_iter it;
    uint16_t cs;

    client_hello_begin(s);
    /* A parser fills what it got before an error; the random is enough. */
    (void)tlsi_client_hello_parse(body, len, &ch, &err_off);
    if (ch.random.random.len != 32)
        return;
    s->client_version = ch.legacy_version;
    memcpy(s->info.client_random, body + ch.random.random.off, 32);
    s->info.have_client_random = 1;
    s->client_sid_len = ch.session_id.len <= 32 ? ch.session_id.len : 0;
    memcpy(s->client_sid, body + ch.session_id.off, s->client_sid_len);
    s->n_offered13 = 0;
    tlsi_list_iter_init(&it, body, &ch.cipher_suites);
    while (tlsi_list_u16_next(&it, &cs))
        if (cs >> 8 == 0x13 && s->n_offered13 < sizeof s->offered13 / sizeof s->offered13[0])
            s->offered13[s->n_offered13++] = cs;
    s->client_pha = ch.has_extensions &&
                    tlsi_ext_find(body, ch.extensions, TLSI_EXT_POST_HANDSHAKE_AUTH, &e);
    if (ch.has_extensions) {
        s->client_ems = tlsi_ext_find(body, ch.extensions, TLSI_EXT_EXTENDED_MASTER_SECRET, &e);
        s->client_etm = tlsi_ext_find(body, ch.extensions, TLSI_EXT_ENCRYPT_THEN_MAC, &e);
        free(s->client_ticket);
        s->client_ticket = NULL;
        if (tlsi_ext_find(body, ch.extensions, TLSI_EXT_SESSION_TICKET, &e))
            s->client_ticket = dup_span(body, e.data, &s->client_ticket_len);
        /* 0-RTT: only on the first ClientHello (RFC 8446 4.2.10). */
        s->client_early = !s->hrr &&
                          tlsi_ext_find(body, ch.extensions, TLSI_EXT_EARLY_DATA, &e) &&
                          tlsi_ext_find(body, ch.extensions, TLSI_EXT_PRE_SHARED_KEY, &e);
    }
    if (s->client_early) {
        s->dir[DIR_CLIENT].is_protected = 1;
        s->dir[DIR_CLIENT].early = 1;
    }
    tlsi_transcript_add(s->transcript, msg, msg_len);
}

tlsi_err tlsi_session_sslv2_client_hello(tlsi_session *s, const uint8_t *rec, size_t len)
{
    tlsi_sslv2_client_hello v2;
    uint32_t err_off;
    tlsi_err err = tlsi_sslv2_client_hello_parse(rec, len, &v2, &err_off);

    if (err != TLSI_OK)
        return err;
    client_hello_begin(s);
    s->client_version = v2.version;
    /* RFC 5246 E.2: the challenge, right-aligned in 32 bytes with zeros on
     * the left, is the client random. */
    memset(s->info.client_random, 0, 32);
    memcpy(s->info.client_random + 32 - v2.challenge.len, rec + v2.challenge.off,
           v2.challenge.len);
    s->info.have_client_random = 1;
    s->client_sid_len = v2.session_id.len;
    memcpy(s->client_sid, rec + v2.session_id.off, v2.session_id.len);
    /* No extensions: no EMS, encrypt-then-MAC, ticket or early data. */
    s->n_offered13 = 0;
    s->client_ems = s->client_etm = s->client_early = s->client_pha = 0;
    free(s->client_ticket);
    s->client_ticket = NULL;
    s->client_ticket_len = 0;
    /* The message bytes, without the 2-byte record header, are the first
     * handshake message of the transcript that Finished covers. */
    tlsi_transcript_add(s->transcript, rec + 2, v2.record_len);
    return TLSI_OK;
}

/* Once the ServerHello names version and suite, the transcript runs only the
 * hashes the Finished and session hash use: the suite's PRF hash from TLS 1.2
 * on, MD5 and SHA-1 before. The rest would cost ~1 KB each for the session's
 * life. An unknown suite or version keeps them all. */
static void keep_needed_hashes(tlsi_session *s)
{
    uint16_t v = s->info.version;

    if (!s->transcript || v < TLSI_SSL3 || v > TLSI_TLS13)
        return;
    if (v < TLSI_TLS12)
        tlsi_transcript_keep(s->transcript, TLSI_HASH_MD5, TLSI_HASH_SHA1);
    else if (s->suite && s->suite->prf != TLSI_HASH_NONE)
        tlsi_transcript_keep(s->transcript, s->suite->prf, TLSI_HASH_NONE);
}

static void on_server_hello(tlsi_session *s, const tlsi_key_material *km, const uint8_t *body,
                            size_t len, const uint8_t *msg, size_t msg_len, tlsi_hs_effect *eff)
{
    tlsi_server_hello sh;
    uint32_t err_off;
    tlsi_ext e;
    char why[96];

    (void)tlsi_server_hello_parse(body, len, &sh, &err_off);
    if (sh.random.random.len != 32)
        return;
    if (!s->transcript)
        s->transcript = tlsi_transcript_new();
    s->suite = tlsi_suite_find(sh.cipher_suite);
    s->info.cipher_suite = sh.cipher_suite;
    s->info.suite_known = 1;
    s->info.suite_decryptable = s->suite && tlsi_suite_decryptable(s->suite, why, sizeof why);
    if (!s->suite)
        snprintf(s->info.suite_why, sizeof s->info.suite_why,
                 "cipher suite 0x%04x is not in the IANA registry", sh.cipher_suite);
    else if (!s->info.suite_decryptable)
        snprintf(s->info.suite_why, sizeof s->info.suite_why, "%s", why);
    s->info.version = tlsi_negotiated_version(&sh);
    if (tlsi_version_is_tls13(s->info.version)) {
        s->wire13 = s->info.version;
        s->info.version = TLSI_TLS13;
    }
    if (!tlsi_suite_version_note(s->suite, s->info.version, s->info.suite_note,
                                 sizeof s->info.suite_note))
        s->info.suite_note[0] = '\0';
    keep_needed_hashes(s);

    if (sh.is_hrr) {
        /* RFC 8446 4.4.1: ClientHello1 becomes message_hash in the transcript. */
        s->hrr = 1;
        s->client_early = 0;
        tlsi_transcript_hrr_rewrite(s->transcript);
        tlsi_transcript_add(s->transcript, msg, msg_len);
        return;
    }
    memcpy(s->server_random, body + sh.random.random.off, 32);
    s->have_server_random = 1;
    s->info.compression = sh.compression_method;
    s->server_sid_len = sh.session_id.len <= 32 ? sh.session_id.len : 0;
    memcpy(s->server_sid, body + sh.session_id.off, s->server_sid_len);
    tlsi_transcript_add(s->transcript, msg, msg_len);

    if (s->info.version == TLSI_TLS13) {
        s->tls13 = 1;
        if (!s->suite)
            return;
        tls13_from_keylog(s, km, DIR_SERVER, TLSI_KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET, 0);
        /* With early data running, the client switches at EndOfEarlyData. */
        tls13_from_keylog(s, km, DIR_CLIENT, TLSI_KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
                          s->dir[DIR_CLIENT].early);
        return;
    }
    if (sh.has_extensions) {
        s->info.ems = s->client_ems &&
                      tlsi_ext_find(body, sh.extensions, TLSI_EXT_EXTENDED_MASTER_SECRET, &e);
        s->info.etm = s->client_etm &&
                      tlsi_ext_find(body, sh.extensions, TLSI_EXT_ENCRYPT_THEN_MAC, &e);
    } else {
        s->info.ems = s->info.etm = 0;
    }
    /* RFC 5246 7.4.1.3: the server echoes the session id it resumes. A
     * ticket resumption (RFC 5077 3.4) also echoes the client's id. */
    if (s->client_sid_len && s->client_sid_len == s->server_sid_len &&
        memcmp(s->client_sid, s->server_sid, s->client_sid_len) == 0) {
        s->info.resumed = 1;
        if (eff)
            eff->resumed = 1;
    }
}

/* The server certificate's RSA modulus picks which configured RSA key
 * decrypts the premaster. With no RSA key configured, or in TLS 1.3 (no RSA
 * key exchange), nobody reads it: not parsed, a certificate per session is
 * the largest piece of handshake work otherwise. */
static void on_certificate(tlsi_session *s, const tlsi_key_material *km, const uint8_t *body,
                           size_t len, int from_server)
{
    tlsi_certificate c;
    tlsi_cert_iter it;
    tlsi_cert_entry ent;
    tlsi_hs_ctx ctx = {.version = s->info.version, .is_server = from_server};
    uint32_t err_off;
    uint8_t n[2048];
    size_t n_len = sizeof n;

    if (!from_server || !km || km->n_rsa_keys == 0 || s->info.version == TLSI_TLS13 ||
        tlsi_certificate_parse(body, len, &ctx, &c, &err_off) != TLSI_OK)
        return;
    tlsi_cert_iter_init(&it, body, &c);
    if (!tlsi_cert_next(&it, &ent))
        return;
    if (tlsi_cert_rsa_modulus(body + ent.cert.off, ent.cert.len, n, &n_len) != TLSI_OK)
        return;
    free(s->srv_modulus);
    s->srv_modulus = malloc(n_len);
    if (s->srv_modulus) {
        memcpy(s->srv_modulus, n, n_len);
        s->srv_modulus_len = n_len;
    }
}

static void on_client_key_exchange(tlsi_session *s, const uint8_t *body, size_t len)
{
    tlsi_client_key_exchange cke;
    tlsi_hs_ctx ctx = {.version = s->info.version, .is_server = 0};
    uint32_t err_off;

    s->cke_seen = 1;
    if (!s->suite)
        return;
    ctx.kex = s->suite->kex;
    if (tlsi_client_key_exchange_parse(body, len, &ctx, &cke, &err_off) != TLSI_OK)
        return;
    if ((s->suite->kex == TLSI_KEX_RSA || s->suite->kex == TLSI_KEX_RSA_EXPORT ||
         s->suite->kex == TLSI_KEX_RSA_PSK) &&
        cke.exchange.len) {
        free(s->epms);
        s->epms = dup_span(body, cke.exchange, &s->epms_len);
    }
}

/* RFC 7627 4: the session hash covers the messages up to ClientKeyExchange. */
static void take_session_hash(tlsi_session *s)
{
    if (!s->suite || !s->info.ems)
        return;
    if (s->info.version >= TLSI_TLS12) {
        s->session_hash_len = hash_len(s->suite->prf);
        if (tlsi_transcript_hash(s->transcript, s->suite->prf, s->session_hash) != TLSI_OK)
            s->session_hash_len = 0;
    } else {
        s->session_hash_len = 36;
        if (tlsi_transcript_tls10_hash(s->transcript, s->session_hash) != TLSI_OK)
            s->session_hash_len = 0;
    }
}

static tlsi_finished_check check_finished(tlsi_session *s, const tlsi_key_material *km,
                                          int from_server, const uint8_t *vd, size_t vd_len)
{
    uint8_t expect[64], hh[64];
    size_t expect_len = sizeof expect;

    if (!s->suite || !s->transcript)
        return TLSI_FINISHED_UNCHECKED;
    if (s->tls13) {
        const dir_state *d = &s->dir[from_server];
        size_t hl = hash_len(s->suite->prf);
        if (!d->hs_secret_len ||
            tlsi_transcript_hash(s->transcript, s->suite->prf, hh) != TLSI_OK ||
            tlsi_tls13_finished_verify_draft(tlsi_tls13_draft(s->wire13), s->suite->prf,
                                             d->hs_secret, hh, expect) != TLSI_OK)
            return TLSI_FINISHED_UNCHECKED;
        expect_len = hl;
    } else {
        if (!find_master(s, km))
            return TLSI_FINISHED_UNCHECKED;
        if (s->info.version == TLSI_SSL3) {
            if (tlsi_ssl3_finished(s->transcript, s->master, from_server, expect) != TLSI_OK)
                return TLSI_FINISHED_UNCHECKED;
            expect_len = 36;
        } else {
            size_t hl;
            if (s->info.version >= TLSI_TLS12) {
                hl = hash_len(s->suite->prf);
                if (tlsi_transcript_hash(s->transcript, s->suite->prf, hh) != TLSI_OK)
                    return TLSI_FINISHED_UNCHECKED;
            } else {
                hl = 36;
                if (tlsi_transcript_tls10_hash(s->transcript, hh) != TLSI_OK)
                    return TLSI_FINISHED_UNCHECKED;
            }
            if (tlsi_finished_verify_data(s->info.version, s->suite->prf, s->master,
                                          from_server, hh, hl, expect, &expect_len) != TLSI_OK)
                return TLSI_FINISHED_UNCHECKED;
        }
    }
    if (vd_len != expect_len || memcmp(vd, expect, expect_len) != 0)
        return TLSI_FINISHED_MISMATCH;
    return TLSI_FINISHED_OK;
}

static void on_finished(tlsi_session *s, const tlsi_key_material *km, int from_server,
                        const uint8_t *body, size_t len, const uint8_t *msg, size_t msg_len,
                        tlsi_hs_effect *eff)
{
    tlsi_finished_check chk;

    /* TLS 1.3 post-handshake authentication ends with a client Finished that
     * changes no keys; its Handshake Context is the main transcript plus the
     * CertificateRequest, Certificate and CertificateVerify, and its base key
     * the client's current application traffic secret (RFC 8446 4.4, 4.6.2). */
    if (s->tls13 && s->client_finished) {
        const dir_state *d = &s->dir[DIR_CLIENT];
        uint8_t hh[64], expect[64];
        size_t hl = s->suite ? hash_len(s->suite->prf) : 0;

        if (eff && !from_server && s->pha && d->secret_len == hl && hl &&
            tlsi_transcript_hash(s->pha, s->suite->prf, hh) == TLSI_OK &&
            tlsi_tls13_finished_verify_draft(tlsi_tls13_draft(s->wire13), s->suite->prf,
                                             d->secret, hh, expect) == TLSI_OK)
            eff->finished = (len == hl && memcmp(body, expect, hl) == 0) ? TLSI_FINISHED_OK
                                                                         : TLSI_FINISHED_MISMATCH;
        tlsi_transcript_free(s->pha);
        s->pha = NULL;
        return;
    }
    chk = check_finished(s, km, from_server, body, len);

    if (eff)
        eff->finished = chk;
    if (s->transcript)
        tlsi_transcript_add(s->transcript, msg, msg_len);
    if (from_server)
        s->server_finished = 1;
    else
        s->client_finished = 1;
    /* Before TLS 1.3 nothing hashes the transcript after both Finished (a
     * renegotiation starts a new one); in TLS 1.3 only post-handshake auth,
     * which the client must have offered (RFC 8446 4.6.2). Free it rather
     * than keep it for the rest of the capture. */
    if (s->server_finished && s->client_finished && (!s->tls13 || !s->client_pha)) {
        tlsi_transcript_free(s->transcript);
        s->transcript = NULL;
    }
    if (!s->tls13 || !s->suite)
        return;
    /* RFC 8446 7.1: each side sends under its application secret after its Finished. */
    tls13_from_keylog(s, km, from_server,
                      from_server ? TLSI_KEYLOG_SERVER_TRAFFIC_SECRET_0
                                  : TLSI_KEYLOG_CLIENT_TRAFFIC_SECRET_0,
                      0);
}

/* The client leaves early data for its handshake keys. */
static void client_leaves_early(tlsi_session *s)
{
    dir_state *d = &s->dir[DIR_CLIENT];

    if (!d->early)
        return;
    d->early = 0;
    dir_set_state(d, d->next);
    d->next = NULL;
}

static void on_encrypted_extensions(tlsi_session *s, const uint8_t *body, size_t len)
{
    tlsi_encrypted_extensions ee;
    uint32_t err_off;
    tlsi_ext e;

    if (tlsi_encrypted_extensions_parse(body, len, &ee, &err_off) > TLSI_ERR_TRAILING)
        return;
    /* Early data rejected: the client's next records use handshake keys. */
    if (!tlsi_ext_find(body, ee.extensions, TLSI_EXT_EARLY_DATA, &e))
        client_leaves_early(s);
}

/* RFC 5077 3.3: the ticket a TLS <= 1.2 server issued, which a later
 * connection may offer to resume this session. */
static void on_new_session_ticket(tlsi_session *s, const uint8_t *body, size_t blen)
{
    tlsi_hs_ctx ctx = {s->info.version, TLSI_KEX_NULL, 1};
    tlsi_new_session_ticket nst;
    uint32_t err_off;

    if (s->tls13 || tlsi_new_session_ticket_parse(body, blen, &ctx, &nst, &err_off) != TLSI_OK)
        return;
    free(s->new_ticket);
    s->new_ticket = dup_span(body, nst.ticket, &s->new_ticket_len);
}

void tlsi_session_handshake(tlsi_session *s, const tlsi_key_material *km, int from_server,
                            const uint8_t *msg, size_t len, tlsi_hs_effect *eff)
{
    const uint8_t *body = msg + 4;
    size_t blen;
    uint32_t declared;

    if (eff)
        memset(eff, 0, sizeof *eff);
    if (len < 4)
        return;
    declared = tlsi_load24(msg + 1);
    if (declared != len - 4)
        return;
    blen = declared;
    from_server = from_server ? 1 : 0;

    switch (msg[0]) {
    case TLSI_HS_HELLO_REQUEST:
        return; /* never part of the transcript (RFC 5246 7.4.1.1) */
    case TLSI_HS_CLIENT_HELLO:
        on_client_hello(s, km, body, blen, msg, len);
        return;
    case TLSI_HS_SERVER_HELLO:
        on_server_hello(s, km, body, blen, msg, len, eff);
        return;
    case TLSI_HS_FINISHED:
        on_finished(s, km, from_server, body, blen, msg, len, eff);
        return;
    default:
        break;
    }
    /* TLS 1.3 post-handshake messages are outside the transcript. */
    if (s->tls13 && s->client_finished) {
        if (msg[0] == TLSI_HS_KEY_UPDATE) {
            tls13_next_generation(s, from_server);
        } else if (msg[0] == TLSI_HS_CERTIFICATE_REQUEST && from_server && s->transcript) {
            tlsi_transcript_free(s->pha);
            s->pha = tlsi_transcript_copy(s->transcript);
            if (s->pha)
                tlsi_transcript_add(s->pha, msg, len);
        } else if (s->pha && !from_server &&
                   (msg[0] == TLSI_HS_CERTIFICATE || msg[0] == TLSI_HS_CERTIFICATE_VERIFY)) {
            tlsi_transcript_add(s->pha, msg, len);
        }
        return;
    }
    if (!s->transcript)
        s->transcript = tlsi_transcript_new();
    switch (msg[0]) {
    case TLSI_HS_CERTIFICATE:
        on_certificate(s, km, body, blen, from_server);
        break;
    case TLSI_HS_SERVER_KEY_EXCHANGE:
        s->ske_seen = from_server;
        break;
    case TLSI_HS_CLIENT_KEY_EXCHANGE:
        on_client_key_exchange(s, body, blen);
        break;
    case TLSI_HS_NEW_SESSION_TICKET:
        on_new_session_ticket(s, body, blen);
        break;
    case TLSI_HS_ENCRYPTED_EXTENSIONS:
        on_encrypted_extensions(s, body, blen);
        break;
    case TLSI_HS_END_OF_EARLY_DATA:
        tlsi_transcript_add(s->transcript, msg, len);
        client_leaves_early(s);
        return;
    default:
        break;
    }
    tlsi_transcript_add(s->transcript, msg, len);
    if (msg[0] == TLSI_HS_CLIENT_KEY_EXCHANGE)
        take_session_hash(s);
}

void tlsi_session_change_cipher_spec(tlsi_session *s, const tlsi_key_material *km,
                                     int from_server)
{
    from_server = from_server ? 1 : 0;
    if (s->tls13 || s->hrr)
        return; /* RFC 8446 D.4: compatibility only */
    /* A server CCS straight after ServerHello (no ClientKeyExchange yet) is
     * an abbreviated handshake even when the session id did not say so. */
    if (from_server && !s->cke_seen && s->ch_seen)
        s->info.resumed = 1;
    tls12_install(s, km, from_server);
}

int tlsi_session_protected(const tlsi_session *s, int from_server, uint8_t content_type)
{
    const dir_state *d = &s->dir[from_server ? 1 : 0];

    if (!d->is_protected)
        return 0;
    /* RFC 8446 5: only application_data records carry TLS 1.3 ciphertext. */
    if (s->tls13 || (d->early && !s->suite))
        return content_type == TLSI_CT_APPLICATION_DATA;
    return 1;
}

static void note_failure(tlsi_session *s, int from_server, tlsi_err err, const char *why)
{
    s->info.failed[from_server]++;
    if (s->info.first_err != TLSI_OK)
        return;
    s->info.first_err = err;
    s->info.first_err_dir = from_server;
    s->info.first_err_record = s->dir[from_server].records;
    snprintf(s->info.first_why, sizeof s->info.first_why, "%s", why);
}

/* Why a record failed under the current read state, for the user. */
static void failure_why(tlsi_session *s, int from_server, tlsi_err err, const char *after)
{
    dir_state *d = &s->dir[from_server];

    snprintf(d->why, sizeof d->why, "%s at record %llu of this direction%s", tlsi_err_str(err),
             (unsigned long long)d->records, after);
}

/*
 * The record failed with the number it was due: when records before it may
 * be missing from the capture, look for its place among the next numbers
 * (see tlsi_decryptor_resync). Returns TLSI_OK when it was found there.
 */
static tlsi_err try_resync(tlsi_session *s, int from_server, tlsi_err err, uint8_t content_type,
                           uint16_t record_version, const uint8_t *in, size_t in_len,
                           uint8_t *out, size_t out_cap, size_t *out_len, uint8_t *inner_type)
{
    dir_state *d = &s->dir[from_server];
    uint64_t skipped = 0;
    tlsi_err e;

    if (err != TLSI_ERR_BAD_MAC && err != TLSI_ERR_BAD_PADDING) {
        failure_why(s, from_server, err, "");
        return err;
    }
    if (!tlsi_decryptor_can_resync(d->cur)) {
        failure_why(s, from_server, err,
                    " (wrong key, or records missing: with RC4, or TLS 1.0 CBC with "
                    "encrypt-then-MAC, decryption cannot resume after them)");
        return err;
    }
    if (!s->info.decrypted[from_server] || d->resync_misses >= RESYNC_MISSES) {
        failure_why(s, from_server, err, " (wrong key, or records missing from the capture?)");
        return err;
    }
    e = tlsi_decryptor_resync(d->cur, content_type, record_version, in, in_len, out, out_cap,
                              out_len, inner_type, RESYNC_WINDOW, &skipped);
    if (e == TLSI_OK) {
        d->resynced = 1;
        s->info.last_skipped[from_server] = skipped;
        return TLSI_OK;
    }
    d->resync_misses++;
    failure_why(s, from_server, err,
                " (wrong key, or records missing: none of the next 64 sequence numbers fits)");
    return err;
}

tlsi_err tlsi_session_decrypt(tlsi_session *s, const tlsi_key_material *km, int from_server,
                              uint8_t content_type, uint16_t record_version, const uint8_t *in,
                              size_t in_len, uint8_t *out, size_t out_cap, size_t *out_len,
                              uint8_t *inner_type, const char **why)
{
    dir_state *d;
    tlsi_err err;

    from_server = from_server ? 1 : 0;
    d = &s->dir[from_server];
    *out_len = 0;
    *why = "";
    d->records++;
    s->info.last_skipped[from_server] = 0;

    if (d->early && !d->cur && !d->early_tried) {
        err = early_trial(s, km, content_type, record_version, in, in_len, out, out_cap, out_len,
                          inner_type);
        if (err == TLSI_OK) {
            s->info.decrypted[from_server]++;
            return TLSI_OK;
        }
    } else if (d->cur) {
        err = tlsi_decryptor_open(d->cur, content_type, record_version, in, in_len, out, out_cap,
                                  out_len, inner_type);
        if (err != TLSI_OK)
            err = try_resync(s, from_server, err, content_type, record_version, in, in_len, out,
                             out_cap, out_len, inner_type);
        s->info.resynced[from_server] = d->resynced;
        if (err == TLSI_OK) {
            d->resync_misses = 0;
            s->info.decrypted[from_server]++;
            /* This side is done: its cipher handles go (~2 KB for AES-GCM)
             * and come back from the kept keys if it sends anything more. */
            if (inner_type && *inner_type == TLSI_CT_ALERT && *out_len >= 2 &&
                out[1] == TLSI_ALERT_CLOSE_NOTIFY)
                (void)tlsi_decryptor_park(d->cur);
            return TLSI_OK;
        }
    } else {
        err = TLSI_ERR_NO_KEY;
        if (!d->why[0])
            snprintf(d->why, sizeof d->why, "%s",
                     s->ch_seen ? "no key material for this session"
                                : "handshake not captured (no ClientHello)");
    }
    /* Early data that was not accepted ends where the handshake keys start. */
    if (d->early && d->next) {
        tlsi_decryptor *trial = tlsi_decryptor_clone(d->next);
        size_t n = 0;
        if (trial && tlsi_decryptor_open(trial, content_type, record_version, in, in_len, out,
                                         out_cap, &n, inner_type) == TLSI_OK) {
            tlsi_decryptor_free(d->next);
            d->next = trial;
            client_leaves_early(s);
            *out_len = n;
            s->info.decrypted[from_server]++;
            return TLSI_OK;
        }
        tlsi_decryptor_free(trial);
    }
    *why = d->why;
    note_failure(s, from_server, err, d->why);
    return err;
}

/* ---------------------------------------------------------------------- */

tlsi_session *tlsi_session_new(void)
{
    return calloc(1, sizeof(tlsi_session));
}

void tlsi_session_free(tlsi_session *s)
{
    int i;

    if (!s)
        return;
    for (i = 0; i < 2; i++) {
        tlsi_decryptor_free(s->dir[i].cur);
        tlsi_decryptor_free(s->dir[i].next);
    }
    tlsi_transcript_free(s->transcript);
    tlsi_transcript_free(s->pha);
    free(s->client_ticket);
    free(s->new_ticket);
    free(s->epms);
    free(s->srv_modulus);
    free(s->keylog_text);
    free(s);
}

const tlsi_session_info *tlsi_session_get_info(const tlsi_session *s)
{
    return &s->info;
}

size_t tlsi_session_keylog_lines(const tlsi_session *s, char *buf, size_t len)
{
    size_t n = s->keylog_len;

    if (len) {
        size_t c = n < len ? n : len - 1;
        if (c)
            memcpy(buf, s->keylog_text, c);
        buf[c] = '\0';
    }
    return n;
}
