/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-sessions.c - the per-connection report "tshark -q -z
 * tlsi,sessions[,text|json|csv][,FILE]": one row per TLS connection, printed
 * when tshark has read the capture, to FILE or to the standard output.
 *
 * The "tlsi" tap feeds it one record at a time; the handshake messages a
 * record completes are reparsed here (SNI, ALPN, fingerprints, certificates,
 * key exchange group), the rest comes from the connection's state at the end
 * (decryption status from the session engine, signature checks from
 * tlsi-sigverify.c). The columns are one table (cols[]) that every output
 * format walks; README.md documents each one.
 */
#include "packet-tlsi.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <epan/conversation.h>
#include <epan/dissectors/packet-tcp.h>
#include <epan/stat_tap_ui.h>
#include <epan/to_str.h>
#include <wsutil/str_util.h>
#include <epan/tap.h>

#include "certinfo.h"
#include "cipher_suites.h"
#include "extensions.h"
#include "fingerprint.h"
#include "handshake.h"
#include "names.h"
#include "session.h"
#include "sigverify.h"

#define TLSI_SESSIONS_CLI "tlsi,sessions"

enum { FMT_TEXT, FMT_JSON, FMT_CSV };

/* What the report learned about one connection. Strings are g_malloc'd. */
typedef struct {
    const tlsi_conv *conv;
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
} sess_row;

typedef struct {
    int format;
    char *filename;
    GHashTable *rows; /* conv_index -> sess_row */
    GPtrArray *order; /* sess_row *, in order of first record */
    gboolean written;
} sess_report;

static void row_free(gpointer p)
{
    sess_row *r = (sess_row *)p;

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

static void on_client_hello(sess_row *r, const guint8 *body, size_t len)
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

static void set_group(sess_row *r, guint16 group)
{
    const char *n = tlsi_name_lookup(tlsi_group_names, group);

    g_free(r->group);
    r->group = n ? g_strdup(n) : g_strdup_printf("0x%04x", group);
}

static void on_server_hello(sess_row *r, const tlsi_hs_msg *m, const guint8 *body, size_t len)
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

static void on_certificate(sess_row *r, int from_server, const tlsi_hs_msg *m,
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
static void on_server_key_exchange(sess_row *r, const tlsi_hs_msg *m, const guint8 *body,
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

static void on_message(sess_row *r, int dir, const tlsi_hs_msg *m)
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

static sess_row *row_for(sess_report *rep, packet_info *pinfo, const tlsi_tap_record *t)
{
    sess_row *r = (sess_row *)g_hash_table_lookup(rep->rows, GUINT_TO_POINTER(t->conv->conv_index));
    conversation_t *c;
    struct tcp_analysis *tcpd;
    int cl = t->dir == TLSI_DIR_CLIENT;

    if (r)
        return r;
    r = g_new0(sess_row, 1);
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
    g_hash_table_insert(rep->rows, GUINT_TO_POINTER(t->conv->conv_index), r);
    g_ptr_array_add(rep->order, r);
    return r;
}

/* The protocol the plaintext of this frame went to: the layer after tlsi. */
static void note_app_protocol(sess_row *r, packet_info *pinfo)
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

static tap_packet_status sess_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                     const void *data, tap_flags_t flags _U_)
{
    sess_report *rep = (sess_report *)tapdata;
    const tlsi_tap_record *t = (const tlsi_tap_record *)data;
    sess_row *r;
    const tlsi_hs_msg *m;
    int d;

    if (!t || !t->conv)
        return TAP_PACKET_DONT_REDRAW;
    r = row_for(rep, pinfo, t);
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
    for (m = t->ri ? t->ri->rec->msgs : NULL; m; m = m->next)
        if (m->data && m->len >= 4)
            on_message(r, d, m);
    return TAP_PACKET_REDRAW;
}

/* ---- columns ---- */

typedef enum { COL_STR, COL_NUM, COL_BOOL, COL_LIST } col_kind;

/* A getter appends the column's value(s) to out (g_malloc'd strings); no
 * value means null (scalars) or an empty list. */
typedef void (*col_get)(const sess_row *r, GPtrArray *out);

typedef struct {
    const char *name;
    col_kind kind;
    col_get get;
} sess_col;

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

static const tlsi_session_info *info_of(const sess_row *r)
{
    const struct tlsi_session *s = tlsi_conn_session(r->conv->engine);
    return s ? tlsi_session_get_info(s) : NULL;
}

#define STR_GETTER(fn, expr)                                                                       \
    static void fn(const sess_row *r, GPtrArray *out)                                              \
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

static void get_stream(const sess_row *r, GPtrArray *out)
{
    if (r->stream != G_MAXUINT32)
        add(out, g_strdup_printf("%u", r->stream));
}

static void get_first_frame(const sess_row *r, GPtrArray *out)
{
    add(out, g_strdup_printf("%u", r->first_frame));
}

static void get_first_time(const sess_row *r, GPtrArray *out)
{
    add(out, ts_str(&r->first_ts));
}

static void get_last_time(const sess_row *r, GPtrArray *out)
{
    add(out, ts_str(&r->last_ts));
}

static void get_client_port(const sess_row *r, GPtrArray *out)
{
    add(out, g_strdup_printf("%u", r->client_port));
}

static void get_server_port(const sess_row *r, GPtrArray *out)
{
    add(out, g_strdup_printf("%u", r->server_port));
}

static void get_alpn_offered(const sess_row *r, GPtrArray *out)
{
    guint i;

    for (i = 0; i < r->alpn_offered->len; i++)
        add(out, g_strdup((const char *)g_ptr_array_index(r->alpn_offered, i)));
}

static void get_version(const sess_row *r, GPtrArray *out)
{
    const char *n = r->have_sh ? tlsi_name_lookup(tlsi_version_names, r->version) : NULL;

    if (r->have_sh)
        add(out, n ? g_strdup(n) : g_strdup_printf("0x%04x", r->version));
}

static void get_version_id(const sess_row *r, GPtrArray *out)
{
    if (r->have_sh)
        add(out, g_strdup_printf("0x%04x", r->version));
}

static void get_suite(const sess_row *r, GPtrArray *out)
{
    const char *n = r->have_sh ? tlsi_suite_name(r->suite) : NULL;

    if (r->have_sh)
        add(out, n ? g_strdup(n) : g_strdup_printf("0x%04x", r->suite));
}

static void get_suite_id(const sess_row *r, GPtrArray *out)
{
    if (r->have_sh)
        add(out, g_strdup_printf("0x%04x", r->suite));
}

static void get_resumed(const sess_row *r, GPtrArray *out)
{
    if (r->have_sh)
        add(out, g_strdup(r->resumed ? "true" : "false"));
}

static void get_resumed_from(const sess_row *r, GPtrArray *out)
{
    if (r->resumed && r->resumed_from)
        add(out, g_strdup_printf("%u", r->resumed_from));
}

/* Server chain columns: one value per certificate, in the order sent. */
#define CHAIN_GETTER(fn, expr)                                                                     \
    static void fn(const sess_row *r, GPtrArray *out)                                              \
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

static void get_decryption(const sess_row *r, GPtrArray *out)
{
    const tlsi_session_info *in = info_of(r);
    guint64 ok = in ? in->decrypted[0] + in->decrypted[1] : 0;
    guint64 bad = in ? in->failed[0] + in->failed[1] : 0;

    add(out, g_strdup(!ok && !bad ? "no encrypted records"
                      : !bad       ? "decrypted"
                      : ok         ? "partly decrypted"
                                   : "not decrypted"));
}

static void get_key_source(const sess_row *r, GPtrArray *out)
{
    const tlsi_session_info *in = info_of(r);

    if (in && in->key_source != TLSI_KEYSRC_NONE)
        add(out, g_strdup(tlsi_key_source_name(in->key_source)));
}

static void get_decryption_reason(const sess_row *r, GPtrArray *out)
{
    const tlsi_session_info *in = info_of(r);

    if (in && in->first_err != TLSI_OK)
        add(out, g_strdup_printf("%s record %" PRIu64 ": %s", in->first_err_dir ? "server" : "client",
                                 in->first_err_record, in->first_why));
}

static const char *const finished_names[] = {"not seen", "unchecked", "verified", "mismatch"};

static void get_finished_client(const sess_row *r, GPtrArray *out)
{
    add(out, g_strdup(finished_names[MIN(r->finished[0], 3)]));
}

static void get_finished_server(const sess_row *r, GPtrArray *out)
{
    add(out, g_strdup(finished_names[MIN(r->finished[1], 3)]));
}

#define SIG_GETTER(fn, member)                                                                     \
    static void fn(const sess_row *r, GPtrArray *out)                                              \
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
    static void fn(const sess_row *r, GPtrArray *out)                                              \
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
static const sess_col cols[] = {
    {"stream", COL_NUM, get_stream},
    {"first_frame", COL_NUM, get_first_frame},
    {"first_time", COL_NUM, get_first_time},
    {"last_time", COL_NUM, get_last_time},
    {"client_addr", COL_STR, get_client_addr},
    {"client_port", COL_NUM, get_client_port},
    {"server_addr", COL_STR, get_server_addr},
    {"server_port", COL_NUM, get_server_port},
    {"sni", COL_STR, get_sni},
    {"alpn_offered", COL_LIST, get_alpn_offered},
    {"alpn", COL_STR, get_alpn},
    {"version", COL_STR, get_version},
    {"version_id", COL_STR, get_version_id},
    {"cipher_suite", COL_STR, get_suite},
    {"cipher_suite_id", COL_STR, get_suite_id},
    {"group", COL_STR, get_group},
    {"resumed", COL_BOOL, get_resumed},
    {"resumed_from", COL_NUM, get_resumed_from},
    {"ja3", COL_STR, get_ja3},
    {"ja3s", COL_STR, get_ja3s},
    {"ja4", COL_STR, get_ja4},
    {"server_cert_subject", COL_LIST, get_cert_subject},
    {"server_cert_issuer", COL_LIST, get_cert_issuer},
    {"server_cert_not_before", COL_LIST, get_cert_not_before},
    {"server_cert_not_after", COL_LIST, get_cert_not_after},
    {"server_cert_san", COL_LIST, get_cert_san},
    {"server_cert_key", COL_LIST, get_cert_key},
    {"server_cert_sig_alg", COL_LIST, get_cert_sig_alg},
    {"client_cert_subject", COL_STR, get_client_subject},
    {"fatal_alert", COL_STR, get_alert},
    {"decryption", COL_STR, get_decryption},
    {"key_source", COL_STR, get_key_source},
    {"decryption_reason", COL_STR, get_decryption_reason},
    {"finished_client", COL_STR, get_finished_client},
    {"finished_server", COL_STR, get_finished_server},
    {"signatures_verified", COL_NUM, get_sig_ok},
    {"signatures_failed", COL_NUM, get_sig_bad},
    {"signatures_unchecked", COL_NUM, get_sig_unchecked},
    {"chain_links_verified", COL_NUM, get_chain_ok},
    {"chain_links_failed", COL_NUM, get_chain_bad},
    {"records_c2s", COL_NUM, get_records_c2s},
    {"records_s2c", COL_NUM, get_records_s2c},
    {"bytes_c2s", COL_NUM, get_bytes_c2s},
    {"bytes_s2c", COL_NUM, get_bytes_s2c},
    {"app_bytes_c2s", COL_NUM, get_app_bytes_c2s},
    {"app_bytes_s2c", COL_NUM, get_app_bytes_s2c},
    {"app_protocol", COL_STR, get_app_protocol},
};

/* ---- output ---- */

static void json_str(FILE *f, const char *s)
{
    const unsigned char *p;

    fputc('"', f);
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void json_value(FILE *f, const sess_col *c, GPtrArray *v)
{
    guint i;

    if (c->kind == COL_LIST) {
        fputc('[', f);
        for (i = 0; i < v->len; i++) {
            if (i)
                fputc(',', f);
            json_str(f, (const char *)g_ptr_array_index(v, i));
        }
        fputc(']', f);
    } else if (!v->len) {
        fputs("null", f);
    } else if (c->kind == COL_STR) {
        json_str(f, (const char *)g_ptr_array_index(v, 0));
    } else {
        fputs((const char *)g_ptr_array_index(v, 0), f);
    }
}

/* RFC 4180: quote a field holding a comma, quote or line break. */
static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static char *joined(GPtrArray *v, const char *sep)
{
    GString *s = g_string_new(NULL);
    guint i;

    for (i = 0; i < v->len; i++)
        g_string_append_printf(s, "%s%s", i ? sep : "", (const char *)g_ptr_array_index(v, i));
    return g_string_free(s, FALSE);
}

static void write_row(FILE *f, int format, const sess_row *r, guint n)
{
    guint i;

    if (format == FMT_JSON)
        fputc('{', f);
    else if (format == FMT_TEXT)
        fprintf(f, "Connection %u\n", n);
    for (i = 0; i < G_N_ELEMENTS(cols); i++) {
        GPtrArray *v = g_ptr_array_new_with_free_func(g_free);
        char *s;
        cols[i].get(r, v);
        if (format == FMT_JSON) {
            fprintf(f, "%s\"%s\":", i ? "," : "", cols[i].name);
            json_value(f, &cols[i], v);
        } else {
            s = joined(v, " | ");
            if (format == FMT_CSV) {
                if (i)
                    fputc(',', f);
                csv_field(f, s);
            } else if (v->len) {
                fprintf(f, "  %-24s %s\n", cols[i].name, s);
            }
            g_free(s);
        }
        g_ptr_array_free(v, TRUE);
    }
    if (format == FMT_JSON)
        fputc('}', f);
    fputc('\n', f);
}

static void sess_draw(void *tapdata)
{
    sess_report *rep = (sess_report *)tapdata;
    FILE *f = stdout;
    guint i;

    if (rep->written)
        return;
    rep->written = TRUE;
    if (rep->filename && !(f = fopen(rep->filename, "w"))) {
        fprintf(stderr, "tlsi: cannot write the session report \"%s\": %s\n", rep->filename,
                g_strerror(errno));
        return;
    }
    if (rep->format == FMT_CSV) {
        for (i = 0; i < G_N_ELEMENTS(cols); i++)
            fprintf(f, "%s%s", i ? "," : "", cols[i].name);
        fputc('\n', f);
    } else if (rep->format == FMT_TEXT) {
        fprintf(f, "TLSI sessions: %u connection%s\n\n", rep->order->len,
                plurality(rep->order->len, "", "s"));
    }
    for (i = 0; i < rep->order->len; i++)
        write_row(f, rep->format, (const sess_row *)g_ptr_array_index(rep->order, i), i + 1);
    if (rep->filename) {
        if (fclose(f) != 0)
            fprintf(stderr, "tlsi: error writing \"%s\": %s\n", rep->filename, g_strerror(errno));
    } else {
        fflush(f);
    }
}

static void sess_reset(void *tapdata)
{
    sess_report *rep = (sess_report *)tapdata;

    g_ptr_array_set_size(rep->order, 0);
    g_hash_table_remove_all(rep->rows);
    rep->written = FALSE;
}

static void sess_finish(void *tapdata)
{
    sess_report *rep = (sess_report *)tapdata;

    g_ptr_array_free(rep->order, TRUE);
    g_hash_table_destroy(rep->rows);
    g_free(rep->filename);
    g_free(rep);
}

/* "-z tlsi,sessions[,text|json|csv][,FILE]". */
static TLSI_STAT_TAP_INIT_RET sess_init(const char *opt_arg, void *userdata _U_)
{
    const char *rest = opt_arg + strlen(TLSI_SESSIONS_CLI);
    sess_report *rep;
    GString *err;
    static const char *const fmts[] = {"text", "json", "csv"};
    int i;

    if (*rest && *rest != ',') {
        fprintf(stderr, "tlsi: invalid \"-z %s\": use -z %s[,text|json|csv][,FILE]\n", opt_arg,
                TLSI_SESSIONS_CLI);
        TLSI_STAT_TAP_INIT_RETURN(FALSE);
    }
    rep = g_new0(sess_report, 1);
    if (*rest == ',')
        rest++;
    for (i = 0; i < 3; i++) {
        size_t n = strlen(fmts[i]);
        if (strncmp(rest, fmts[i], n) == 0 && (rest[n] == ',' || rest[n] == '\0')) {
            rep->format = i;
            rest += n + (rest[n] == ',');
            break;
        }
    }
    if (*rest)
        rep->filename = g_strdup(rest);
    rep->rows = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, row_free);
    rep->order = g_ptr_array_new();
    err = register_tap_listener("tlsi", rep, NULL, TL_REQUIRES_NOTHING, sess_reset, sess_packet,
                                sess_draw, sess_finish);
    if (err) {
        fprintf(stderr, "tlsi: cannot register the session report tap: %s\n", err->str);
        g_string_free(err, TRUE);
        sess_finish(rep);
        TLSI_STAT_TAP_INIT_RETURN(FALSE);
    }
    TLSI_STAT_TAP_INIT_RETURN(TRUE);
}

static stat_tap_ui tlsi_sessions_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "TLSI sessions report", TLSI_SESSIONS_CLI, sess_init, 0,
    NULL,
};

void tlsi_sessions_register(void)
{
    register_stat_tap_ui(&tlsi_sessions_ui, NULL);
}
