/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-sessions-rows.c - the rows of the session report: what the "tlsi"
 * tap tells about each connection, and the columns that read it back.
 *
 * The tap gives one record at a time; the handshake messages a record
 * completes are reparsed here (SNI, ALPN, fingerprints, certificates, key
 * exchange group), the rest is read from the connection's state when a
 * column is asked for (decryption status from the session engine, signature
 * checks from tlsi-sigverify.c). Both views of the report (tlsi-sessions.c,
 * tlsi-sessions-table.c) walk tlsi_sess_cols[].
 */
#include "tlsi-sessions.h"

#include <string.h>

#include <epan/conversation.h>
#include <epan/dissectors/packet-tcp.h>
#include <epan/to_str.h>

#include "certinfo.h"
#include "cipher_suites.h"
#include "extensions.h"
#include "fingerprint.h"
#include "handshake.h"
#include "names.h"
#include "session.h"
#include "sigverify.h"

/* What the report learned about one connection. Strings are g_malloc'd. */
struct tlsi_sess_row {
    const tlsi_conv *conv;
    guint index;               /* position in tlsi_sess_set.order */
    guint32 stream;
    guint32 first_frame;
    nstime_t first_ts, last_ts;
    char *client_addr, *server_addr;
    guint32 client_port, server_port;
    char *sni;
    GPtrArray *alpn_offered;
    char *ja3, *ja3s, *ja4;
    guint16 version, suite;
    gboolean have_sh;
    char *group;
    gboolean resumed;
    guint32 resumed_from;
    GPtrArray *chain;          /* tlsi_certinfo * of the server's first Certificate */
    char *client_subject;
    char *alert;               /* first fatal alert */
    guint8 finished[2];        /* 0 not seen, else 1 + tlsi_finished_check */
    guint64 records[2], bytes[2], app_bytes[2];
    char *app_protocol;
};

static void row_free(gpointer p)
{
    tlsi_sess_row *r = (tlsi_sess_row *)p;

    g_free(r->client_addr);
    g_free(r->server_addr);
    g_free(r->sni);
    g_ptr_array_free(r->alpn_offered, TRUE);
    g_free(r->ja3);
    g_free(r->ja3s);
    g_free(r->ja4);
    g_free(r->group);
    g_ptr_array_free(r->chain, TRUE);
    g_free(r->client_subject);
    g_free(r->alert);
    g_free(r->app_protocol);
    g_free(r);
}

/* ---- handshake messages ---- */

static void on_client_hello(tlsi_sess_row *r, const guint8 *body, size_t len)
{
    tlsi_client_hello ch;
    tlsi_ext e;
    tlsi_ext_value v;
    guint32 err_off;
    char md5[33], ja4[TLSI_JA4_LEN + 1];

    if (r->ja3)
        return; /* the report describes the first handshake */
    if (tlsi_ja3(body, len, NULL, 0, NULL, md5) == TLSI_OK)
        r->ja3 = g_strdup(md5);
    if (tlsi_ja4(body, len, 't', 0, ja4, NULL, 0, NULL) == TLSI_OK)
        r->ja4 = g_strdup(ja4);
    if (tlsi_client_hello_parse(body, len, &ch, &err_off) != TLSI_OK || !ch.has_extensions)
        return;
    if (tlsi_ext_find(body, ch.extensions, TLSI_EXT_SERVER_NAME, &e) &&
        tlsi_ext_parse(body, &e, TLSI_EXT_CTX_CLIENT_HELLO, &v, &err_off) == TLSI_OK &&
        v.u.server_name.host_name.len)
        r->sni = g_strndup((const char *)body + v.u.server_name.host_name.off,
                           v.u.server_name.host_name.len);
    if (tlsi_ext_find(body, ch.extensions, TLSI_EXT_ALPN, &e) &&
        tlsi_ext_parse(body, &e, TLSI_EXT_CTX_CLIENT_HELLO, &v, &err_off) == TLSI_OK) {
        tlsi_list_iter it;
        tlsi_span s;
        tlsi_list_iter_init(&it, body, &v.u.alpn.protocols);
        while (tlsi_list_opaque8_next(&it, &s))
            g_ptr_array_add(r->alpn_offered, g_strndup((const char *)body + s.off, s.len));
    }
}

static void set_group(tlsi_sess_row *r, guint16 group)
{
    const char *n = tlsi_name_lookup(tlsi_group_names, group);

    g_free(r->group);
    r->group = n ? g_strdup(n) : g_strdup_printf("0x%04x", group);
}

static void on_server_hello(tlsi_sess_row *r, const tlsi_hs_msg *m, const guint8 *body, size_t len)
{
    tlsi_server_hello sh;
    guint32 err_off;
    char md5[33];

    (void)tlsi_server_hello_parse(body, len, &sh, &err_off);
    if (sh.random.random.len != 32 || sh.is_hrr || r->have_sh)
        return;
    r->have_sh = TRUE;
    r->version = tlsi_negotiated_version(&sh);
    r->suite = sh.cipher_suite;
    if (sh.key_share_group)
        set_group(r, sh.key_share_group);
    r->resumed = (m->flags & TLSI_MSG_RESUMED) != 0;
    r->resumed_from = m->resumed_from;
    if (tlsi_ja3s(body, len, NULL, 0, NULL, md5) == TLSI_OK)
        r->ja3s = g_strdup(md5);
}

static void on_certificate(tlsi_sess_row *r, int from_server, const tlsi_hs_msg *m,
                           const guint8 *body, size_t len)
{
    tlsi_hs_ctx ctx = {m->version, TLSI_KEX_NULL, from_server};
    tlsi_certificate c;
    tlsi_cert_iter it;
    tlsi_cert_entry e;
    guint32 err_off;

    if ((from_server ? r->chain->len > 0 : r->client_subject != NULL) ||
        tlsi_certificate_parse(body, len, &ctx, &c, &err_off) != TLSI_OK)
        return;
    tlsi_cert_iter_init(&it, body, &c);
    while (tlsi_cert_next(&it, &e)) {
        tlsi_certinfo *ci = g_new(tlsi_certinfo, 1);
        if (tlsi_certinfo_parse(body + e.cert.off, e.cert.len, ci) != TLSI_OK)
            g_strlcpy(ci->subject, "(not an X.509 certificate GnuTLS can read)",
                      sizeof ci->subject);
        if (!from_server) {
            r->client_subject = g_strdup(ci->subject);
            g_free(ci);
            return;
        }
        g_ptr_array_add(r->chain, ci);
    }
}

/* TLS <= 1.2: the (EC)DHE group is in the ServerKeyExchange. */
static void on_server_key_exchange(tlsi_sess_row *r, const tlsi_hs_msg *m, const guint8 *body,
                                   size_t len)
{
    const tlsi_suite *s = tlsi_suite_find(m->suite);
    tlsi_hs_ctx ctx = {m->version, s ? s->kex : TLSI_KEX_NULL, 1};
    tlsi_server_key_exchange ske;
    guint32 err_off;

    if (!s || r->group || tlsi_server_key_exchange_parse(body, len, &ctx, &ske, &err_off) != TLSI_OK)
        return;
    if (ske.curve_type == 3)
        set_group(r, ske.named_curve);
    else if (ske.dh_p.len)
        r->group = g_strdup_printf("DH %u bits", ske.dh_p.len * 8);
}

static void on_message(tlsi_sess_row *r, int dir, const tlsi_hs_msg *m)
{
    const guint8 *body = m->data + 4;
    size_t len = m->len - 4;

    switch (m->data[0]) {
    case TLSI_HS_CLIENT_HELLO:
        on_client_hello(r, body, len);
        break;
    case TLSI_HS_SERVER_HELLO:
        on_server_hello(r, m, body, len);
        break;
    case TLSI_HS_CERTIFICATE:
        on_certificate(r, dir == TLSI_DIR_SERVER, m, body, len);
        break;
    case TLSI_HS_SERVER_KEY_EXCHANGE:
        on_server_key_exchange(r, m, body, len);
        break;
    case TLSI_HS_FINISHED:
        if (!r->finished[dir] || m->finished == TLSI_FINISHED_MISMATCH)
            r->finished[dir] = (guint8)(1 + m->finished);
        break;
    default:
        break;
    }
}

/* ---- the tap ---- */

static tlsi_sess_row *row_for(tlsi_sess_set *set, packet_info *pinfo, const tlsi_tap_record *t)
{
    tlsi_sess_row *r =
        (tlsi_sess_row *)g_hash_table_lookup(set->rows, GUINT_TO_POINTER(t->conv->conv_index));
    conversation_t *c;
    struct tcp_analysis *tcpd;
    int cl = t->dir == TLSI_DIR_CLIENT;

    if (r)
        return r;
    r = g_new0(tlsi_sess_row, 1);
    r->conv = t->conv;
    r->alpn_offered = g_ptr_array_new_with_free_func(g_free);
    r->chain = g_ptr_array_new_with_free_func(g_free);
    r->first_frame = pinfo->num;
    r->first_ts = pinfo->abs_ts;
    r->client_addr = address_to_str(NULL, cl ? &pinfo->src : &pinfo->dst);
    r->server_addr = address_to_str(NULL, cl ? &pinfo->dst : &pinfo->src);
    r->client_port = cl ? pinfo->srcport : pinfo->destport;
    r->server_port = cl ? pinfo->destport : pinfo->srcport;
    c = find_conversation_pinfo(pinfo, 0);
    tcpd = c ? get_tcp_conversation_data(c, pinfo) : NULL;
    r->stream = tcpd ? tcpd->stream : G_MAXUINT32;
    r->index = set->order->len;
    g_hash_table_insert(set->rows, GUINT_TO_POINTER(t->conv->conv_index), r);
    g_ptr_array_add(set->order, r);
    return r;
}

/* The protocol the plaintext of this frame went to: the layer after tlsi. */
static void note_app_protocol(tlsi_sess_row *r, packet_info *pinfo)
{
    wmem_list_frame_t *f;
    gboolean after = FALSE;

    if (r->app_protocol && strcmp(r->app_protocol, "data") != 0)
        return;
    for (f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        if (after) {
            g_free(r->app_protocol);
            r->app_protocol = g_strdup(proto_get_protocol_filter_name(id));
            return;
        }
        after = id == proto_tlsi;
    }
}

void tlsi_sess_set_init(tlsi_sess_set *set)
{
    set->rows = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, row_free);
    set->order = g_ptr_array_new();
}

void tlsi_sess_set_clear(tlsi_sess_set *set)
{
    g_ptr_array_set_size(set->order, 0);
    g_hash_table_remove_all(set->rows);
}

void tlsi_sess_set_destroy(tlsi_sess_set *set)
{
    g_ptr_array_free(set->order, TRUE);
    g_hash_table_destroy(set->rows);
    set->order = NULL;
    set->rows = NULL;
}

guint tlsi_sess_row_index(const tlsi_sess_row *r)
{
    return r->index;
}

tlsi_sess_row *tlsi_sess_set_add(tlsi_sess_set *set, packet_info *pinfo, const void *tap_data)
{
    const tlsi_tap_record *t = (const tlsi_tap_record *)tap_data;
    tlsi_sess_row *r;
    const tlsi_hs_msg *m;
    int d;

    if (!t || !t->conv)
        return NULL;
    r = row_for(set, pinfo, t);
    d = t->dir == TLSI_DIR_SERVER;
    r->last_ts = pinfo->abs_ts;
    r->records[d]++;
    r->bytes[d] += t->length;
    if (t->plain) {
        r->app_bytes[d] += t->plain_len;
        note_app_protocol(r, pinfo);
    }
    if (t->has_alert && t->alert_level == 2 && !r->alert) {
        const char *n = tlsi_name_lookup(tlsi_alert_desc_names, t->alert_desc);
        r->alert = g_strdup_printf("%s: %s (%u)", d ? "server" : "client", n ? n : "unknown",
                                   t->alert_desc);
    }
    for (m = t->ri ? t->ri->rec.more->msgs : NULL; m; m = m->next)
        if (m->data && m->len >= 4)
            on_message(r, d, m);
    return r;
}

/* ---- columns ---- */

static void add(GPtrArray *out, char *s)
{
    g_ptr_array_add(out, s);
}

static char *ts_str(const nstime_t *t)
{
    return g_strdup_printf("%" PRId64 ".%06d", (gint64)t->secs, t->nsecs / 1000);
}

static char *time_iso(time_t t)
{
    struct tm tm;
    char buf[32];

    if (t == (time_t)-1 || !gmtime_r(&t, &tm))
        return NULL;
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return g_strdup(buf);
}

static const tlsi_session_info *info_of(const tlsi_sess_row *r)
{
    const struct tlsi_session *s = tlsi_conn_session(r->conv->engine);
    return s ? tlsi_session_get_info(s) : NULL;
}

#define STR_GETTER(fn, expr)                                                                       \
    static void fn(const tlsi_sess_row *r, GPtrArray *out)                                              \
    {                                                                                              \
        if (expr)                                                                                  \
            add(out, g_strdup(expr));                                                              \
    }

STR_GETTER(get_client_addr, r->client_addr)
STR_GETTER(get_server_addr, r->server_addr)
STR_GETTER(get_sni, r->sni)
STR_GETTER(get_alpn, tlsi_conv_params(r->conv)->alpn)
STR_GETTER(get_group, r->group)
STR_GETTER(get_ja3, r->ja3)
STR_GETTER(get_ja3s, r->ja3s)
STR_GETTER(get_ja4, r->ja4)
STR_GETTER(get_client_subject, r->client_subject)
STR_GETTER(get_alert, r->alert)
STR_GETTER(get_app_protocol, r->app_protocol)

static void get_stream(const tlsi_sess_row *r, GPtrArray *out)
{
    if (r->stream != G_MAXUINT32)
        add(out, g_strdup_printf("%u", r->stream));
}

static void get_first_frame(const tlsi_sess_row *r, GPtrArray *out)
{
    add(out, g_strdup_printf("%u", r->first_frame));
}

static void get_first_time(const tlsi_sess_row *r, GPtrArray *out)
{
    add(out, ts_str(&r->first_ts));
}

static void get_last_time(const tlsi_sess_row *r, GPtrArray *out)
{
    add(out, ts_str(&r->last_ts));
}

static void get_client_port(const tlsi_sess_row *r, GPtrArray *out)
{
    add(out, g_strdup_printf("%u", r->client_port));
}

static void get_server_port(const tlsi_sess_row *r, GPtrArray *out)
{
    add(out, g_strdup_printf("%u", r->server_port));
}

static void get_alpn_offered(const tlsi_sess_row *r, GPtrArray *out)
{
    guint i;

    for (i = 0; i < r->alpn_offered->len; i++)
        add(out, g_strdup((const char *)g_ptr_array_index(r->alpn_offered, i)));
}

static void get_version(const tlsi_sess_row *r, GPtrArray *out)
{
    const char *n = r->have_sh ? tlsi_name_lookup(tlsi_version_names, r->version) : NULL;

    if (r->have_sh)
        add(out, n ? g_strdup(n) : g_strdup_printf("0x%04x", r->version));
}

static void get_version_id(const tlsi_sess_row *r, GPtrArray *out)
{
    if (r->have_sh)
        add(out, g_strdup_printf("0x%04x", r->version));
}

static void get_suite(const tlsi_sess_row *r, GPtrArray *out)
{
    const char *n = r->have_sh ? tlsi_suite_name(r->suite) : NULL;

    if (r->have_sh)
        add(out, n ? g_strdup(n) : g_strdup_printf("0x%04x", r->suite));
}

static void get_suite_id(const tlsi_sess_row *r, GPtrArray *out)
{
    if (r->have_sh)
        add(out, g_strdup_printf("0x%04x", r->suite));
}

static void get_resumed(const tlsi_sess_row *r, GPtrArray *out)
{
    if (r->have_sh)
        add(out, g_strdup(r->resumed ? "true" : "false"));
}

static void get_resumed_from(const tlsi_sess_row *r, GPtrArray *out)
{
    if (r->resumed && r->resumed_from)
        add(out, g_strdup_printf("%u", r->resumed_from));
}

/* Server chain columns: one value per certificate, in the order sent. */
#define CHAIN_GETTER(fn, expr)                                                                     \
    static void fn(const tlsi_sess_row *r, GPtrArray *out)                                              \
    {                                                                                              \
        guint i;                                                                                   \
        for (i = 0; i < r->chain->len; i++) {                                                      \
            const tlsi_certinfo *c = (const tlsi_certinfo *)g_ptr_array_index(r->chain, i);        \
            char *v = (expr);                                                                      \
            add(out, v ? v : g_strdup(""));                                                        \
        }                                                                                          \
    }

CHAIN_GETTER(get_cert_subject, g_strdup(c->subject))
CHAIN_GETTER(get_cert_issuer, g_strdup(c->issuer))
CHAIN_GETTER(get_cert_not_before, time_iso(c->not_before))
CHAIN_GETTER(get_cert_not_after, time_iso(c->not_after))
CHAIN_GETTER(get_cert_san, g_strdup(c->san))
CHAIN_GETTER(get_cert_key, g_strdup(c->key))
CHAIN_GETTER(get_cert_sig_alg, g_strdup(c->sig_alg))

static void get_decryption(const tlsi_sess_row *r, GPtrArray *out)
{
    const tlsi_session_info *in = info_of(r);
    guint64 ok = in ? in->decrypted[0] + in->decrypted[1] : 0;
    guint64 bad = in ? in->failed[0] + in->failed[1] : 0;

    add(out, g_strdup(!ok && !bad ? "no encrypted records"
                      : !bad       ? "decrypted"
                      : ok         ? "partly decrypted"
                                   : "not decrypted"));
}

static void get_key_source(const tlsi_sess_row *r, GPtrArray *out)
{
    const tlsi_session_info *in = info_of(r);

    if (in && in->key_source != TLSI_KEYSRC_NONE)
        add(out, g_strdup(tlsi_key_source_name(in->key_source)));
}

static void get_decryption_reason(const tlsi_sess_row *r, GPtrArray *out)
{
    const tlsi_session_info *in = info_of(r);

    if (in && in->first_err != TLSI_OK)
        add(out, g_strdup_printf("%s record %" PRIu64 ": %s", in->first_err_dir ? "server" : "client",
                                 in->first_err_record, in->first_why));
}

static const char *const finished_names[] = {"not seen", "unchecked", "verified", "mismatch"};

static void get_finished_client(const tlsi_sess_row *r, GPtrArray *out)
{
    add(out, g_strdup(finished_names[MIN(r->finished[0], 3)]));
}

static void get_finished_server(const tlsi_sess_row *r, GPtrArray *out)
{
    add(out, g_strdup(finished_names[MIN(r->finished[1], 3)]));
}

#define SIG_GETTER(fn, member)                                                                     \
    static void fn(const tlsi_sess_row *r, GPtrArray *out)                                              \
    {                                                                                              \
        const tlsi_sigv_summary *s = tlsi_conn_sig_summary(r->conv->engine);                              \
        add(out, g_strdup_printf("%u", s ? s->member : 0));                                        \
    }

SIG_GETTER(get_sig_ok, sig_ok)
SIG_GETTER(get_sig_bad, sig_bad)
SIG_GETTER(get_sig_unchecked, sig_unchecked)
SIG_GETTER(get_chain_ok, chain_ok)
SIG_GETTER(get_chain_bad, chain_bad)

#define U64_GETTER(fn, expr)                                                                       \
    static void fn(const tlsi_sess_row *r, GPtrArray *out)                                              \
    {                                                                                              \
        add(out, g_strdup_printf("%" PRIu64, (guint64)(expr)));                                    \
    }

U64_GETTER(get_records_c2s, r->records[0])
U64_GETTER(get_records_s2c, r->records[1])
U64_GETTER(get_bytes_c2s, r->bytes[0])
U64_GETTER(get_bytes_s2c, r->bytes[1])
U64_GETTER(get_app_bytes_c2s, r->app_bytes[0])
U64_GETTER(get_app_bytes_s2c, r->app_bytes[1])

/* The columns, in output order (README.md, "Session report", lists them). */
const tlsi_sess_col tlsi_sess_cols[] = {
    {"stream", TLSI_COL_NUM_OPT, get_stream},
    {"first_frame", TLSI_COL_NUM, get_first_frame},
    {"first_time", TLSI_COL_TIME, get_first_time},
    {"last_time", TLSI_COL_TIME, get_last_time},
    {"client_addr", TLSI_COL_STR, get_client_addr},
    {"client_port", TLSI_COL_NUM, get_client_port},
    {"server_addr", TLSI_COL_STR, get_server_addr},
    {"server_port", TLSI_COL_NUM, get_server_port},
    {"sni", TLSI_COL_STR, get_sni},
    {"alpn_offered", TLSI_COL_LIST, get_alpn_offered},
    {"alpn", TLSI_COL_STR, get_alpn},
    {"version", TLSI_COL_STR, get_version},
    {"version_id", TLSI_COL_STR, get_version_id},
    {"cipher_suite", TLSI_COL_STR, get_suite},
    {"cipher_suite_id", TLSI_COL_STR, get_suite_id},
    {"group", TLSI_COL_STR, get_group},
    {"resumed", TLSI_COL_BOOL, get_resumed},
    {"resumed_from", TLSI_COL_NUM_OPT, get_resumed_from},
    {"ja3", TLSI_COL_STR, get_ja3},
    {"ja3s", TLSI_COL_STR, get_ja3s},
    {"ja4", TLSI_COL_STR, get_ja4},
    {"server_cert_subject", TLSI_COL_LIST, get_cert_subject},
    {"server_cert_issuer", TLSI_COL_LIST, get_cert_issuer},
    {"server_cert_not_before", TLSI_COL_LIST, get_cert_not_before},
    {"server_cert_not_after", TLSI_COL_LIST, get_cert_not_after},
    {"server_cert_san", TLSI_COL_LIST, get_cert_san},
    {"server_cert_key", TLSI_COL_LIST, get_cert_key},
    {"server_cert_sig_alg", TLSI_COL_LIST, get_cert_sig_alg},
    {"client_cert_subject", TLSI_COL_STR, get_client_subject},
    {"fatal_alert", TLSI_COL_STR, get_alert},
    {"decryption", TLSI_COL_STR, get_decryption},
    {"key_source", TLSI_COL_STR, get_key_source},
    {"decryption_reason", TLSI_COL_STR, get_decryption_reason},
    {"finished_client", TLSI_COL_STR, get_finished_client},
    {"finished_server", TLSI_COL_STR, get_finished_server},
    {"signatures_verified", TLSI_COL_NUM, get_sig_ok},
    {"signatures_failed", TLSI_COL_NUM, get_sig_bad},
    {"signatures_unchecked", TLSI_COL_NUM, get_sig_unchecked},
    {"chain_links_verified", TLSI_COL_NUM, get_chain_ok},
    {"chain_links_failed", TLSI_COL_NUM, get_chain_bad},
    {"records_c2s", TLSI_COL_NUM, get_records_c2s},
    {"records_s2c", TLSI_COL_NUM, get_records_s2c},
    {"bytes_c2s", TLSI_COL_NUM, get_bytes_c2s},
    {"bytes_s2c", TLSI_COL_NUM, get_bytes_s2c},
    {"app_bytes_c2s", TLSI_COL_NUM, get_app_bytes_c2s},
    {"app_bytes_s2c", TLSI_COL_NUM, get_app_bytes_s2c},
    {"app_protocol", TLSI_COL_STR, get_app_protocol},
};

const guint tlsi_sess_ncols = G_N_ELEMENTS(tlsi_sess_cols);

char *tlsi_sess_joined(const GPtrArray *v, const char *sep)
{
    GString *s = g_string_new(NULL);
    guint i;

    for (i = 0; i < v->len; i++)
        g_string_append_printf(s, "%s%s", i ? sep : "", (const char *)g_ptr_array_index(v, i));
    return g_string_free(s, FALSE);
}
