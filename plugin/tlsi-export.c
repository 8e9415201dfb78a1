/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-export.c - key export: "tshark -q -z tlsi,keys[,FILE]" writes NSS key
 * log lines for every connection tlsi decrypted, to FILE or to the standard
 * output. A capture decrypted with an RSA private key (or a PSK, or by
 * resumption) can then be shared with a key log that opens only these
 * sessions instead of the key itself.
 *
 * The lines come from the session engine (tlsi_session_keylog_lines). They
 * are collected while records are tapped, after each decrypted record, and
 * kept per connection without duplicates: a renegotiated connection changes
 * its master secret, and both handshakes' lines are kept.
 */
#include "packet-tlsi.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "session.h"

#define TLSI_KEYS_CLI "tlsi,keys"

/* ---------------------------------------------------------------------- */
/* Key log lines, without duplicates (also the GUI menu's, tlsi-menu.c)    */

void tlsi_key_lines_init(tlsi_key_lines *k)
{
    k->lines = g_ptr_array_new_with_free_func(g_free);
    k->seen = g_hash_table_new(g_str_hash, g_str_equal);
}

void tlsi_key_lines_clear(tlsi_key_lines *k)
{
    g_hash_table_remove_all(k->seen);
    g_ptr_array_set_size(k->lines, 0);
}

void tlsi_key_lines_free(tlsi_key_lines *k)
{
    g_hash_table_destroy(k->seen);
    g_ptr_array_free(k->lines, TRUE);
}

static void key_lines_add_text(tlsi_key_lines *k, const char *text)
{
    const char *p = text;

    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n) {
            char *line = g_strndup(p, n);
            if (g_hash_table_contains(k->seen, line)) {
                g_free(line);
            } else {
                g_ptr_array_add(k->lines, line);
                g_hash_table_add(k->seen, line);
            }
        }
        p += n;
        if (*p == '\n')
            p++;
    }
}

gboolean tlsi_key_lines_add_session(tlsi_key_lines *k, const struct tlsi_session *s)
{
    char buf[2048];
    size_t n = tlsi_session_keylog_lines(s, buf, sizeof buf);

    if (n >= sizeof buf) {
        char *big = (char *)g_malloc(n + 1);
        tlsi_session_keylog_lines(s, big, n + 1);
        key_lines_add_text(k, big);
        g_free(big);
    } else if (n) {
        key_lines_add_text(k, buf);
    }
    return n != 0;
}

void tlsi_key_lines_print(const tlsi_key_lines *k, FILE *f)
{
    guint i;

    for (i = 0; i < k->lines->len; i++)
        fprintf(f, "%s\n", (const char *)g_ptr_array_index(k->lines, i));
}

/* ---------------------------------------------------------------------- */
/* -z tlsi,keys                                                            */

typedef struct {
    char *filename;   /* NULL: standard output */
    tlsi_key_lines keys;
    gboolean written;
} tlsi_keys_export;

static void tlsi_keys_reset(void *tapdata)
{
    tlsi_keys_export *ke = (tlsi_keys_export *)tapdata;

    tlsi_key_lines_clear(&ke->keys);
    ke->written = FALSE;
}

static tap_packet_status tlsi_keys_packet(void *tapdata, packet_info *pinfo _U_,
                                          epan_dissect_t *edt _U_, const void *data,
                                          tap_flags_t flags _U_)
{
    tlsi_keys_export *ke = (tlsi_keys_export *)tapdata;
    const tlsi_tap_record *t = (const tlsi_tap_record *)data;
    const struct tlsi_session *s;

    if (!t || !t->conv || !t->ri || !(t->ri->rec.flags & TLSI_REC_DECRYPTED))
        return TAP_PACKET_DONT_REDRAW;
    s = tlsi_conn_session(t->conv->engine);
    if (!s)
        return TAP_PACKET_DONT_REDRAW;
    tlsi_key_lines_add_session(&ke->keys, s);
    return TAP_PACKET_REDRAW;
}

static void tlsi_keys_draw(void *tapdata)
{
    tlsi_keys_export *ke = (tlsi_keys_export *)tapdata;
    FILE *f = stdout;

    /* tshark draws once at the end; do not write the file twice. */
    if (ke->written)
        return;
    ke->written = TRUE;
    if (ke->filename) {
        f = fopen(ke->filename, "w");
        if (!f) {
            fprintf(stderr, "tlsi: cannot write the key log \"%s\": %s\n", ke->filename,
                    g_strerror(errno));
            return;
        }
    }
    tlsi_key_lines_print(&ke->keys, f);
    if (ke->filename) {
        if (fclose(f) != 0)
            fprintf(stderr, "tlsi: error writing the key log \"%s\": %s\n", ke->filename,
                    g_strerror(errno));
    } else {
        fflush(f);
    }
}

static void tlsi_keys_finish(void *tapdata)
{
    tlsi_keys_export *ke = (tlsi_keys_export *)tapdata;

    tlsi_key_lines_free(&ke->keys);
    g_free(ke->filename);
    g_free(ke);
}

/* "-z tlsi,keys" or "-z tlsi,keys,FILE". */
static TLSI_STAT_TAP_INIT_RET tlsi_keys_init(const char *opt_arg, void *userdata _U_)
{
    tlsi_keys_export *ke;
    GString *err;
    const char *rest = opt_arg + strlen(TLSI_KEYS_CLI);

    if (*rest && *rest != ',') {
        fprintf(stderr, "tlsi: invalid \"-z %s\": use -z %s or -z %s,FILE\n", opt_arg,
                TLSI_KEYS_CLI, TLSI_KEYS_CLI);
        TLSI_STAT_TAP_INIT_RETURN(FALSE);
    }
    ke = g_new0(tlsi_keys_export, 1);
    if (*rest == ',' && rest[1])
        ke->filename = g_strdup(rest + 1);
    tlsi_key_lines_init(&ke->keys);
    err = register_tap_listener("tlsi", ke, NULL, TL_REQUIRES_NOTHING, tlsi_keys_reset,
                                tlsi_keys_packet, tlsi_keys_draw, tlsi_keys_finish);
    if (err) {
        fprintf(stderr, "tlsi: cannot register the key export tap: %s\n", err->str);
        g_string_free(err, TRUE);
        tlsi_keys_finish(ke);
        TLSI_STAT_TAP_INIT_RETURN(FALSE);
    }
    TLSI_STAT_TAP_INIT_RETURN(TRUE);
}

static stat_tap_ui tlsi_keys_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED,
    "TLSI session keys (NSS key log)",
    TLSI_KEYS_CLI,
    tlsi_keys_init,
    0,
    NULL,
};

void tlsi_export_register(void)
{
    register_stat_tap_ui(&tlsi_keys_ui, NULL);
}
