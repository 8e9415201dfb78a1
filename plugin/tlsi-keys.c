/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-keys.c - the key material preferences: the NSS key log file
 * (tlsi.keylog_file), the PSK (tlsi.psk) and the RSA private key table (UAT
 * tlsi_rsa_keys). Files are loaded when the preferences change, problems are
 * reported once with a clear message, and the loaded material is offered to
 * the decryption code. Also the key log embedded in the capture file (pcapng
 * Decryption Secrets Blocks), read when a file is opened and dropped when it
 * is closed, so the secrets follow the file being dissected.
 */
#include "packet-tlsi.h"

#include <epan/uat.h>
#include <wsutil/report_message.h>

#include "crypto_init.h"
#include "dsb_files.h"
#include "keylog.h"
#include "psk.h"
#include "rsa_keys.h"
#include "session.h"

typedef struct {
    char *keyfile;
    char *password;
} tlsi_rsa_uat_rec;

static tlsi_rsa_uat_rec *rsa_recs;
static guint num_rsa_recs;
static uat_t *rsa_uat;

static const char *keylog_pref = "";
static const char *psk_pref = "";

/* Loaded material; configuration, so it lives as long as the preferences. */
static char *keylog_loaded_path;
static tlsi_keylog *keylog;
static char keylog_msg[256];

/* Secrets embedded in the open capture file; NULL when it has none. */
static tlsi_keylog *embedded;

static tlsi_rsa_key **rsa_keys;
static guint num_rsa_keys;
static guint num_rsa_failed;

static guint8 psk_bytes[256];
static size_t psk_len;
static char psk_msg[128];

UAT_FILENAME_CB_DEF(tlsi_rsa, keyfile, tlsi_rsa_uat_rec)
UAT_CSTRING_CB_DEF(tlsi_rsa, password, tlsi_rsa_uat_rec)

static void *rsa_rec_copy(void *dest, const void *src, size_t len)
{
    tlsi_rsa_uat_rec *d = (tlsi_rsa_uat_rec *)dest;
    const tlsi_rsa_uat_rec *s = (const tlsi_rsa_uat_rec *)src;

    d->keyfile = g_strdup(s->keyfile);
    d->password = g_strdup(s->password);
    return d;
}

static tlsi_ws_bool rsa_rec_update(void *r, char **err)
{
    tlsi_rsa_uat_rec *rec = (tlsi_rsa_uat_rec *)r;

    if (!rec->keyfile || !*rec->keyfile) {
        *err = g_strdup("A key file is required");
        return FALSE;
    }
    return TRUE;
}

static void rsa_rec_free(void *r)
{
    tlsi_rsa_uat_rec *rec = (tlsi_rsa_uat_rec *)r;

    g_free(rec->keyfile);
    g_free(rec->password);
}

static void rsa_keys_clear(void)
{
    guint i;

    for (i = 0; i < num_rsa_keys; i++)
        tlsi_rsa_key_free(rsa_keys[i]);
    g_free(rsa_keys);
    rsa_keys = NULL;
    num_rsa_keys = 0;
    num_rsa_failed = 0;
}

/* Load every key in the table; a bad one is reported and skipped, the
 * others still work. */
static void rsa_uat_post_update(void)
{
    guint i;

    tlsi_crypto_init();
    rsa_keys_clear();
    rsa_keys = g_new0(tlsi_rsa_key *, num_rsa_recs ? num_rsa_recs : 1);
    for (i = 0; i < num_rsa_recs; i++) {
        tlsi_err err = TLSI_OK;
        char msg[256] = "";
        tlsi_rsa_key *k = tlsi_rsa_key_load(rsa_recs[i].keyfile, rsa_recs[i].password, &err, msg,
                                            sizeof msg);
        if (!k) {
            report_failure("tlsi: RSA key file \"%s\" not loaded: %s", rsa_recs[i].keyfile,
                           msg[0] ? msg : tlsi_err_str(err));
            num_rsa_failed++;
            continue;
        }
        rsa_keys[num_rsa_keys++] = k;
    }
}

/* Init routine: Wireshark and tshark call it once the capture file has been
 * opened and before its first packet is dissected (also when they dissect it
 * again). Wireshark 4.0 gives plugins no hook for pcapng secrets blocks, so
 * the file is found among the process's open files (dsb_files.h). Every
 * secrets block of the file is read now, also those after the first packets,
 * so every pass sees the same keys. */
static void embedded_open(void)
{
    tlsi_dsb_scan_stats st;

    tlsi_keylog_free(embedded);
    embedded = tlsi_keylog_create();
    if (!embedded)
        return;
    memset(&st, 0, sizeof st);
    if (tlsi_dsb_load_open_files("/proc/self/fd", embedded, &st) == 0 ||
        tlsi_keylog_status(embedded)->entries == 0) {
        tlsi_keylog_free(embedded);
        embedded = NULL;
    }
    /* --log-level info shows which keys follow the file (tests, bug reports). */
    ws_info("tlsi: capture file secrets: %u pcapng file(s) open, %" PRIu64
            " TLS secrets block(s), %" PRIu64 " key log entries",
            st.pcapng_files, st.tls_dsbs, embedded ? tlsi_keylog_status(embedded)->entries : 0);
    if (st.damaged[0])
        ws_info("tlsi: capture file secrets: %s", st.damaged);
}

/* Cleanup routine: the file is being closed; its keys go with it. */
static void embedded_close(void)
{
    tlsi_keylog_free(embedded);
    embedded = NULL;
}

void tlsi_keys_register(module_t *module)
{
    static uat_field_t rsa_fields[] = {
        UAT_FLD_FILENAME_OTHER(tlsi_rsa, keyfile, "Key file", NULL,
                               "RSA private key: PEM (PKCS#1, PKCS#8, encrypted PKCS#8), DER or "
                               "PKCS#12"),
        UAT_FLD_CSTRING(tlsi_rsa, password, "Password",
                        "Password of an encrypted PKCS#8 or PKCS#12 file (empty if none)"),
        UAT_END_FIELDS};

    rsa_uat = uat_new("TLSI RSA private keys", sizeof(tlsi_rsa_uat_rec), "tlsi_rsa_keys", TRUE,
                      &rsa_recs, &num_rsa_recs, UAT_AFFECTS_DISSECTION, NULL, rsa_rec_copy,
                      rsa_rec_update, rsa_rec_free, rsa_uat_post_update, NULL, rsa_fields);
    prefs_register_uat_preference(module, "rsa_keys", "RSA private keys",
                                  "Server RSA private keys. A key is used for every session whose "
                                  "server certificate carries its public key, so no address or "
                                  "port is needed. Decrypts sessions with RSA key exchange.",
                                  rsa_uat);
    prefs_register_filename_preference(module, "keylog_file", "(Pre)-Master-Secret log filename",
                                       "NSS key log file (SSLKEYLOGFILE format) written by "
                                       "browsers, curl, OpenSSL (-keylogfile), GnuTLS, Java and "
                                       "Go. It is read again when it grows.",
                                       &keylog_pref, FALSE);
    prefs_register_string_preference(module, "psk", "Pre-shared key",
                                     "PSK as hex, for the PSK cipher suites (RFC 4279); a key log "
                                     "entry for the session takes precedence.",
                                     &psk_pref);
    register_init_routine(embedded_open);
    register_cleanup_routine(embedded_close);
}

static void keylog_apply(void)
{
    const char *path = keylog_pref ? keylog_pref : "";

    if (g_strcmp0(path, keylog_loaded_path ? keylog_loaded_path : "") == 0) {
        if (keylog)
            tlsi_keylog_refresh(keylog);
        return;
    }
    g_free(keylog_loaded_path);
    keylog_loaded_path = g_strdup(path);
    if (keylog) {
        tlsi_keylog_free(keylog);
        keylog = NULL;
    }
    keylog_msg[0] = '\0';
    if (!*path)
        return;
    keylog = tlsi_keylog_create();
    if (!keylog) {
        g_strlcpy(keylog_msg, "out of memory", sizeof keylog_msg);
        return;
    }
    if (tlsi_keylog_load_file(keylog, path) != TLSI_OK) {
        const tlsi_keylog_stats *st = tlsi_keylog_status(keylog);
        g_snprintf(keylog_msg, sizeof keylog_msg, "cannot %s \"%s\": %s",
                   st->io_what ? st->io_what : "read", path,
                   st->io_errno ? g_strerror(st->io_errno) : "error");
        report_failure("tlsi: key log file %s", keylog_msg);
        return;
    }
    tlsi_keylog_status_msg(keylog, keylog_msg, sizeof keylog_msg);
    if (tlsi_keylog_status(keylog)->bad_lines)
        report_warning("tlsi: key log file \"%s\": %s", path, keylog_msg);
}

static void psk_apply(void)
{
    psk_len = 0;
    psk_msg[0] = '\0';
    if (!psk_pref || !*psk_pref)
        return;
    if (tlsi_psk_parse_hex(psk_pref, psk_bytes, sizeof psk_bytes, &psk_len) != TLSI_OK) {
        psk_len = 0;
        g_strlcpy(psk_msg, "tlsi.psk is not a hex string of 1 to 256 bytes", sizeof psk_msg);
        report_failure("tlsi: %s", psk_msg);
    }
}

void tlsi_keys_prefs_applied(void)
{
    tlsi_crypto_init();
    keylog_apply();
    psk_apply();
}

void tlsi_keys_material(tlsi_key_material *km)
{
    memset(km, 0, sizeof *km);
    km->keylog = keylog;
    km->embedded = embedded;
    km->rsa_keys = rsa_keys;
    km->n_rsa_keys = num_rsa_keys;
    km->n_rsa_unloadable = num_rsa_failed;
    km->psk = psk_len ? psk_bytes : NULL;
    km->psk_len = psk_len;
}
