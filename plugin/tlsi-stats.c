/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-stats.c - the "tlsi,tree" statistics tree (tshark -z tlsi,tree, and
 * Statistics > TLSI in the GUI), fed by the "tlsi" tap, one entry per record.
 *
 * Per record it counts the header's content type, the effective type (the
 * inner type of a decrypted TLS 1.3 record), the record version, the
 * handshake messages completed in the record and visible alerts. Per
 * connection (each counted once, by conv_index) it counts the negotiated
 * version and cipher suite and whether the connection was decrypted, and if
 * not, why. A connection's decryption status can change while the capture
 * is read for the first time (no protected record yet, then decrypted), so
 * each connection sits in exactly one status node and moves when its status
 * changes.
 */
#include "packet-tlsi.h"

#include <epan/stats_tree.h>
#include <epan/tap.h>

#include "cipher_suites.h"
#include "names.h"
#include "session.h"

/* Decryption status of a connection. */
enum { ST_DECRYPTED = 0, ST_PARTLY, ST_NOT_DECRYPTED, ST_NO_PROTECTED, ST_COUNT };

static const char *const status_names[ST_COUNT] = {
    [ST_DECRYPTED] = "Decrypted",
    [ST_PARTLY] = "Partly decrypted",
    [ST_NOT_DECRYPTED] = "Not decrypted",
    [ST_NO_PROTECTED] = "No encrypted records",
};

/* What one connection has contributed so far. */
typedef struct {
    gboolean version_counted;
    gboolean suite_counted;
    int status;   /* ST_*, -1 before the first record */
    char *detail; /* the child of the status node it is counted in (g_malloc) */
} tlsi_stats_conv;

/* Node ids and per-connection state of one tree instance. */
typedef struct {
    int n_records, n_outer, n_effective, n_rec_version;
    int n_sessions, n_negotiated, n_suites, n_hs, n_alerts;
    int n_status[ST_COUNT];
    GHashTable *convs;  /* conv_index -> tlsi_stats_conv */
    guint32 last_frame; /* a lower frame number means the packets are tapped again */
} tlsi_stats_state;

/* A tree instance has no user pointer in the 4.0 API: map each to its state. */
static GHashTable *tlsi_stats_states;

static void tlsi_stats_conv_free(gpointer p)
{
    tlsi_stats_conv *c = (tlsi_stats_conv *)p;
    g_free(c->detail);
    g_free(c);
}

static const char *name_or(const tlsi_name *table, guint32 id, const char *fallback)
{
    const char *n = tlsi_name_lookup(table, id);
    return n ? n : fallback;
}

/* Wireshark-style "Name (value)" node names keep unknown values apart. */
static void tick_named(stats_tree *st, int parent, const tlsi_name *table, guint32 id)
{
    char buf[96];

    g_snprintf(buf, sizeof buf, "%s (%u)", name_or(table, id, "Unknown"), id);
    tick_stat_node(st, buf, parent, FALSE);
}

static void tlsi_stats_init(stats_tree *st)
{
    tlsi_stats_state *s;
    int i;

    if (!tlsi_stats_states)
        tlsi_stats_states = g_hash_table_new(g_direct_hash, g_direct_equal);
    /* Called when the tree is made and again when it is rebuilt from scratch
     * (its nodes freed): either way the nodes are created here. */
    s = (tlsi_stats_state *)g_hash_table_lookup(tlsi_stats_states, st);
    if (s) {
        g_hash_table_remove_all(s->convs);
    } else {
        s = g_new0(tlsi_stats_state, 1);
        s->convs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, tlsi_stats_conv_free);
        g_hash_table_insert(tlsi_stats_states, st, s);
    }
    s->last_frame = 0;

    s->n_records = stats_tree_create_node(st, "Records", 0, STAT_DT_INT, FALSE);
    s->n_outer =
        stats_tree_create_node(st, "Records by content type (header)", 0, STAT_DT_INT, TRUE);
    s->n_effective = stats_tree_create_node(
        st, "Records by effective type (inner type when decrypted)", 0, STAT_DT_INT, TRUE);
    s->n_rec_version =
        stats_tree_create_node(st, "Records by header version", 0, STAT_DT_INT, TRUE);
    s->n_hs = stats_tree_create_node(st, "Handshake messages", 0, STAT_DT_INT, TRUE);
    s->n_alerts = stats_tree_create_node(st, "Alerts", 0, STAT_DT_INT, TRUE);
    s->n_sessions = stats_tree_create_node(st, "Connections", 0, STAT_DT_INT, TRUE);
    s->n_negotiated =
        stats_tree_create_node(st, "Negotiated versions", s->n_sessions, STAT_DT_INT, TRUE);
    s->n_suites =
        stats_tree_create_node(st, "Cipher suites chosen", s->n_sessions, STAT_DT_INT, TRUE);
    for (i = 0; i < ST_COUNT; i++)
        s->n_status[i] =
            stats_tree_create_node(st, status_names[i], s->n_sessions, STAT_DT_INT, TRUE);
}

static void tlsi_stats_cleanup(stats_tree *st)
{
    tlsi_stats_state *s;

    if (!tlsi_stats_states)
        return;
    s = (tlsi_stats_state *)g_hash_table_lookup(tlsi_stats_states, st);
    if (!s)
        return;
    g_hash_table_remove(tlsi_stats_states, st);
    g_hash_table_destroy(s->convs);
    g_free(s);
}

/*
 * The status of a connection and the detail it is filed under: the key
 * source when decrypted, otherwise a reason general enough to group
 * connections (the per-connection text with client randoms and record
 * numbers is in the packet tree).
 */
static int conv_status(const tlsi_session_info *in, char *detail, size_t len)
{
    guint64 ok = in->decrypted[0] + in->decrypted[1];
    guint64 bad = in->failed[0] + in->failed[1];

    if (!ok && !bad) {
        detail[0] = '\0';
        return ST_NO_PROTECTED;
    }
    if (ok && !bad) {
        g_snprintf(detail, len, "%s", tlsi_key_source_name(in->key_source));
        return ST_DECRYPTED;
    }
    if (in->suite_known && !in->suite_decryptable)
        g_snprintf(detail, len, "cipher suite not supported");
    else if (in->first_err == TLSI_ERR_NO_KEY && !in->have_client_random)
        g_snprintf(detail, len, "handshake not captured");
    else
        g_snprintf(detail, len, "%s", tlsi_err_str(in->first_err));
    return ok ? ST_PARTLY : ST_NOT_DECRYPTED;
}

static void count_connection(stats_tree *st, tlsi_stats_state *s, const tlsi_conv *conv)
{
    tlsi_stats_conv *c;
    const struct tlsi_session *session;
    const tlsi_session_info *in;
    char detail[128], buf[128];
    int status;

    c = (tlsi_stats_conv *)g_hash_table_lookup(s->convs, GUINT_TO_POINTER(conv->conv_index));
    if (!c) {
        c = g_new0(tlsi_stats_conv, 1);
        c->status = -1;
        g_hash_table_insert(s->convs, GUINT_TO_POINTER(conv->conv_index), c);
        tick_stat_node(st, "Connections", 0, TRUE);
    }
    if (!c->version_counted && tlsi_conv_info(conv)->version) {
        c->version_counted = TRUE;
        tick_stat_node(st, "Negotiated versions", s->n_sessions, TRUE);
        g_snprintf(buf, sizeof buf, "%s (0x%04x)",
                   name_or(tlsi_version_names, tlsi_conv_info(conv)->version, "Unknown"), tlsi_conv_info(conv)->version);
        tick_stat_node(st, buf, s->n_negotiated, FALSE);
    }
    if (!c->suite_counted && tlsi_conv_info(conv)->suite_known) {
        const char *name = tlsi_suite_name(tlsi_conv_info(conv)->cipher_suite);
        c->suite_counted = TRUE;
        tick_stat_node(st, "Cipher suites chosen", s->n_sessions, TRUE);
        g_snprintf(buf, sizeof buf, "%s (0x%04x)", name ? name : "Unknown", tlsi_conv_info(conv)->cipher_suite);
        tick_stat_node(st, buf, s->n_suites, FALSE);
    }

    session = tlsi_conn_session(conv->engine);
    if (!session)
        return;
    in = tlsi_session_get_info(session);
    status = conv_status(in, detail, sizeof detail);
    if (status == c->status && g_strcmp0(detail, c->detail ? c->detail : "") == 0)
        return;
    if (c->status >= 0) {
        increase_stat_node(st, status_names[c->status], s->n_sessions, TRUE, -1);
        if (c->detail)
            increase_stat_node(st, c->detail, s->n_status[c->status], FALSE, -1);
    }
    g_free(c->detail);
    c->detail = detail[0] ? g_strdup(detail) : NULL;
    c->status = status;
    tick_stat_node(st, status_names[status], s->n_sessions, TRUE);
    if (c->detail)
        tick_stat_node(st, c->detail, s->n_status[status], FALSE);
}

static tap_packet_status tlsi_stats_packet(stats_tree *st, packet_info *pinfo,
                                           epan_dissect_t *edt _U_, const void *data,
                                           tap_flags_t flags _U_)
{
    const tlsi_tap_record *t = (const tlsi_tap_record *)data;
    tlsi_stats_state *s;
    char buf[96];

    if (!t || !tlsi_stats_states)
        return TAP_PACKET_DONT_REDRAW;
    s = (tlsi_stats_state *)g_hash_table_lookup(tlsi_stats_states, st);
    if (!s)
        return TAP_PACKET_DONT_REDRAW;
    /* A reset (the GUI retapping) zeroes the counters without telling the
     * tree's code: packets come again from the start, so forget which
     * connections were counted. */
    if (pinfo->num < s->last_frame)
        g_hash_table_remove_all(s->convs);
    s->last_frame = pinfo->num;

    tick_stat_node(st, "Records", 0, FALSE);
    tick_stat_node(st, "Records by content type (header)", 0, TRUE);
    tick_stat_node(st, "Records by effective type (inner type when decrypted)", 0, TRUE);
    tick_stat_node(st, "Records by header version", 0, TRUE);
    if (t->is_sslv2) {
        tick_stat_node(st, "SSLv2 Client Hello", s->n_outer, FALSE);
        tick_stat_node(st, "SSLv2 Client Hello", s->n_effective, FALSE);
        tick_stat_node(st, "SSLv2 record", s->n_rec_version, FALSE);
        tick_stat_node(st, "Handshake messages", 0, TRUE);
        tick_stat_node(st, "Client Hello (SSLv2)", s->n_hs, FALSE);
    } else if (t->is_sslv2_conn) {
        /* An SSL 2.0 connection's record after the CLIENT-HELLO. */
        const char *what = t->ri && (t->ri->rec.flags & TLSI_REC_PROTECTED)
                               ? "SSL 2.0 encrypted record"
                               : "SSL 2.0 message in the clear";
        tick_stat_node(st, what, s->n_outer, FALSE);
        tick_stat_node(st, what, s->n_effective, FALSE);
        tick_stat_node(st, "SSL 2.0 (0x0002)", s->n_rec_version, FALSE);
    } else {
        tick_named(st, s->n_outer, tlsi_content_type_names, t->content_type);
        tick_named(st, s->n_effective, tlsi_content_type_names, t->type);
        g_snprintf(buf, sizeof buf, "%s (0x%04x)",
                   name_or(tlsi_version_names, t->record_version, "Unknown"), t->record_version);
        tick_stat_node(st, buf, s->n_rec_version, FALSE);
    }
    if (t->ri) {
        const tlsi_hs_msg *m;
        for (m = t->ri->rec.more->msgs; m; m = m->next) {
            if (!m->data || m->len < 1)
                continue;
            tick_stat_node(st, "Handshake messages", 0, TRUE);
            tick_named(st, s->n_hs, tlsi_hs_type_names, m->data[0]);
        }
    }
    if (t->has_alert) {
        tick_stat_node(st, "Alerts", 0, TRUE);
        tick_named(st, s->n_alerts, tlsi_alert_desc_names, t->alert_desc);
    }
    if (t->conv)
        count_connection(st, s, t->conv);
    return TAP_PACKET_REDRAW;
}

void tlsi_stats_register(void)
{
    stats_tree_register_plugin("tlsi", "tlsi", "TLSI", 0, tlsi_stats_packet, tlsi_stats_init,
                               tlsi_stats_cleanup);
}
