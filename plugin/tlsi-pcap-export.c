/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-pcap-export.c - "tshark -q -z tlsi,export,FILE.pcapng[,portmap=A:B]...":
 * the decrypted application data of every connection written as an ordinary
 * TCP conversation, so tools that cannot decrypt TLS (tshark with TLS off,
 * tcpflow, Zeek, Suricata, ...) can read it.
 *
 * Each connection keeps its addresses (IPv4 or IPv6), ports (the server port
 * optionally mapped, e.g. 443 to 80 so tools pick their plaintext dissector),
 * directions and the capture time of each record. It gets a three-way
 * handshake before its first record and a FIN from each side after its last,
 * sequence and acknowledgement numbers that follow the bytes, segments of
 * at most 1460 bytes, and correct IP and TCP checksums. Nothing of TLS is
 * left. Frames are raw IP (LINKTYPE_RAW) in a pcapng file written here (a
 * section header, one interface, enhanced packet blocks).
 *
 * Connections with nothing decrypted are left out and listed on stderr;
 * partly decrypted ones are written with what was decrypted, and listed.
 */
#include "packet-tlsi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <epan/to_str.h>
#include <wsutil/str_util.h>

#include "session.h"

#define TLSI_EXPORT_CLI "tlsi,export"
#define MSS 1460
#define MAX_PORTMAP 64

enum { F_FIN = 0x01, F_SYN = 0x02, F_PSH = 0x08, F_ACK = 0x10 };

/* Decrypted data of one record. */
typedef struct {
    nstime_t ts;
    guint8 dir;
    GByteArray *data;
} exp_chunk;

typedef struct {
    const tlsi_conv *conv;
    address addr[2];   /* client (0), server (1); network addresses */
    guint16 port[2];
    nstime_t first_ts, last_ts;
    GPtrArray *chunks; /* exp_chunk * */
    guint32 stream_frame; /* first frame, for the list of skipped connections */
    guint32 undecrypted;  /* protected records that could not be decrypted */
} exp_conn;

/* One packet to write, sorted by time then by creation order. */
typedef struct {
    nstime_t ts;
    guint64 order;
    GByteArray *frame;
} exp_pkt;

typedef struct {
    char *filename;
    guint16 map_from[MAX_PORTMAP], map_to[MAX_PORTMAP];
    int n_map;
    GHashTable *conns; /* conv_index -> exp_conn */
    GPtrArray *order;
    gboolean written;
} exp_state;

static void chunk_free(gpointer p)
{
    exp_chunk *c = (exp_chunk *)p;
    g_byte_array_free(c->data, TRUE);
    g_free(c);
}

static void conn_free(gpointer p)
{
    exp_conn *c = (exp_conn *)p;
    free_address(&c->addr[0]);
    free_address(&c->addr[1]);
    g_ptr_array_free(c->chunks, TRUE);
    g_free(c);
}

static tap_packet_status exp_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                    const void *data, tap_flags_t flags _U_)
{
    exp_state *st = (exp_state *)tapdata;
    const tlsi_tap_record *t = (const tlsi_tap_record *)data;
    exp_conn *c;
    int cl;

    if (!t || !t->conv)
        return TAP_PACKET_DONT_REDRAW;
    c = (exp_conn *)g_hash_table_lookup(st->conns, GUINT_TO_POINTER(t->conv->conv_index));
    if (!c) {
        if (pinfo->net_src.type != AT_IPv4 && pinfo->net_src.type != AT_IPv6)
            return TAP_PACKET_DONT_REDRAW;
        c = g_new0(exp_conn, 1);
        cl = t->dir == TLSI_DIR_CLIENT;
        c->conv = t->conv;
        copy_address(&c->addr[0], cl ? &pinfo->net_src : &pinfo->net_dst);
        copy_address(&c->addr[1], cl ? &pinfo->net_dst : &pinfo->net_src);
        c->port[0] = (guint16)(cl ? pinfo->srcport : pinfo->destport);
        c->port[1] = (guint16)(cl ? pinfo->destport : pinfo->srcport);
        c->first_ts = pinfo->abs_ts;
        c->stream_frame = pinfo->num;
        c->chunks = g_ptr_array_new_with_free_func(chunk_free);
        g_hash_table_insert(st->conns, GUINT_TO_POINTER(t->conv->conv_index), c);
        g_ptr_array_add(st->order, c);
    }
    c->last_ts = pinfo->abs_ts;
    if (t->ri && (t->ri->rec.flags & TLSI_REC_PROTECTED) && !(t->ri->rec.flags & TLSI_REC_DECRYPTED))
        c->undecrypted++;
    if (t->plain && t->plain_len) {
        exp_chunk *ch = g_new0(exp_chunk, 1);
        ch->ts = pinfo->abs_ts;
        ch->dir = t->dir == TLSI_DIR_SERVER;
        ch->data = g_byte_array_sized_new(t->plain_len);
        g_byte_array_append(ch->data, t->plain, t->plain_len);
        g_ptr_array_add(c->chunks, ch);
    }
    return TAP_PACKET_DONT_REDRAW;
}

/* ---- building packets ---- */

static guint32 csum_add(guint32 sum, const guint8 *p, size_t n)
{
    size_t i;

    for (i = 0; i + 1 < n; i += 2)
        sum += (guint32)(p[i] << 8 | p[i + 1]);
    if (n & 1)
        sum += (guint32)p[n - 1] << 8;
    return sum;
}

static guint16 csum_fold(guint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (guint16)~sum;
}

static void put16(guint8 *p, guint32 v)
{
    p[0] = (guint8)(v >> 8);
    p[1] = (guint8)v;
}

static void put32(guint8 *p, guint32 v)
{
    put16(p, v >> 16);
    put16(p + 2, v);
}

/* Per-connection TCP state while its packets are built. */
typedef struct {
    const exp_conn *c;
    guint16 port[2];     /* after the port map */
    guint32 next_seq[2]; /* next sequence number each side sends */
} tcp_gen;

/* IP + TCP header and payload from side d of g's connection. */
static GByteArray *build(const tcp_gen *g, int d, guint8 flags, const guint8 *pl, size_t n)
{
    const address *src = &g->c->addr[d], *dst = &g->c->addr[!d];
    int v6 = src->type == AT_IPv6;
    size_t ip_len = v6 ? 40 : 20, tcp_len = 20 + n;
    GByteArray *f = g_byte_array_sized_new((guint)(ip_len + tcp_len));
    guint8 *ip, *tcp;
    guint32 sum;

    g_byte_array_set_size(f, (guint)(ip_len + tcp_len));
    memset(f->data, 0, ip_len + 20);
    ip = f->data;
    tcp = ip + ip_len;
    if (v6) {
        ip[0] = 0x60;
        put16(ip + 4, (guint32)tcp_len);
        ip[6] = 6;  /* TCP */
        ip[7] = 64; /* hop limit */
        memcpy(ip + 8, src->data, 16);
        memcpy(ip + 24, dst->data, 16);
    } else {
        ip[0] = 0x45;
        put16(ip + 2, (guint32)(ip_len + tcp_len));
        ip[6] = 0x40; /* don't fragment */
        ip[8] = 64;
        ip[9] = 6;
        memcpy(ip + 12, src->data, 4);
        memcpy(ip + 16, dst->data, 4);
        put16(ip + 10, csum_fold(csum_add(0, ip, 20)));
    }
    put16(tcp, g->port[d]);
    put16(tcp + 2, g->port[!d]);
    put32(tcp + 4, g->next_seq[d]);
    put32(tcp + 8, (flags & F_ACK) ? g->next_seq[!d] : 0);
    tcp[12] = 5 << 4;
    tcp[13] = flags;
    put16(tcp + 14, 65535);
    if (n)
        memcpy(tcp + 20, pl, n);
    /* Pseudo-header: addresses, protocol, TCP length (RFC 793, RFC 8200 8.1). */
    sum = csum_add(0, v6 ? ip + 8 : ip + 12, v6 ? 32 : 8);
    sum += 6 + (guint32)tcp_len;
    sum = csum_add(sum, tcp, tcp_len);
    put16(tcp + 16, csum_fold(sum));
    return f;
}

static void emit(GPtrArray *pkts, guint64 *order, const nstime_t *ts, GByteArray *frame)
{
    exp_pkt *p = g_new(exp_pkt, 1);

    p->ts = *ts;
    p->order = (*order)++;
    p->frame = frame;
    g_ptr_array_add(pkts, p);
}

static guint16 map_port(const exp_state *st, guint16 port)
{
    int i;

    for (i = 0; i < st->n_map; i++)
        if (st->map_from[i] == port)
            return st->map_to[i];
    return port;
}

static void conn_packets(const exp_state *st, const exp_conn *c, GPtrArray *pkts, guint64 *order)
{
    tcp_gen g;
    guint i;
    int d;

    g.c = c;
    g.port[0] = c->port[0];
    g.port[1] = map_port(st, c->port[1]);
    /* Arbitrary initial sequence numbers, different per side. */
    g.next_seq[0] = 0x10000000u;
    g.next_seq[1] = 0x20000000u;
    emit(pkts, order, &c->first_ts, build(&g, 0, F_SYN, NULL, 0));
    g.next_seq[0]++; /* the SYN takes one sequence number; the SYN-ACK acknowledges it */
    emit(pkts, order, &c->first_ts, build(&g, 1, F_SYN | F_ACK, NULL, 0));
    g.next_seq[1]++;
    emit(pkts, order, &c->first_ts, build(&g, 0, F_ACK, NULL, 0));
    for (i = 0; i < c->chunks->len; i++) {
        const exp_chunk *ch = (const exp_chunk *)g_ptr_array_index(c->chunks, i);
        guint off;
        for (off = 0; off < ch->data->len; off += MSS) {
            guint n = MIN(MSS, ch->data->len - off);
            emit(pkts, order, &ch->ts, build(&g, ch->dir, F_PSH | F_ACK, ch->data->data + off, n));
            g.next_seq[ch->dir] += n;
        }
    }
    for (d = 0; d < 2; d++) {
        emit(pkts, order, &c->last_ts, build(&g, d, F_FIN | F_ACK, NULL, 0));
        g.next_seq[d]++;
    }
    emit(pkts, order, &c->last_ts, build(&g, 0, F_ACK, NULL, 0));
}

static gint pkt_cmp(gconstpointer a, gconstpointer b)
{
    const exp_pkt *x = *(const exp_pkt *const *)a, *y = *(const exp_pkt *const *)b;
    int t = nstime_cmp(&x->ts, &y->ts);

    if (t)
        return t;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* ---- pcapng ---- */

static void le32(guint8 *p, guint32 v)
{
    p[0] = (guint8)v;
    p[1] = (guint8)(v >> 8);
    p[2] = (guint8)(v >> 16);
    p[3] = (guint8)(v >> 24);
}

static gboolean write_headers(FILE *f)
{
    guint8 shb[28], idb[20];

    /* Section Header Block: byte-order magic, version 1.0, length unknown. */
    le32(shb, 0x0A0D0D0A);
    le32(shb + 4, sizeof shb);
    le32(shb + 8, 0x1A2B3C4D);
    shb[12] = 1, shb[13] = 0, shb[14] = 0, shb[15] = 0;
    memset(shb + 16, 0xff, 8);
    le32(shb + 24, sizeof shb);
    /* Interface Description Block: LINKTYPE_RAW (101), no snap length. */
    le32(idb, 1);
    le32(idb + 4, sizeof idb);
    le32(idb + 8, 101);
    le32(idb + 12, 0);
    le32(idb + 16, sizeof idb);
    return fwrite(shb, sizeof shb, 1, f) == 1 && fwrite(idb, sizeof idb, 1, f) == 1;
}

/* Enhanced Packet Block, microsecond timestamps (the IDB's default). */
static gboolean write_epb(FILE *f, const exp_pkt *p)
{
    guint8 h[28], pad[4] = {0, 0, 0, 0};
    guint32 len = p->frame->len, padded = (len + 3) & ~3u;
    guint64 us = (guint64)p->ts.secs * 1000000u + (guint64)(p->ts.nsecs / 1000);

    le32(h, 6);
    le32(h + 4, 28 + padded + 4);
    le32(h + 8, 0);
    le32(h + 12, (guint32)(us >> 32));
    le32(h + 16, (guint32)us);
    le32(h + 20, len);
    le32(h + 24, len);
    if (fwrite(h, sizeof h, 1, f) != 1 || fwrite(p->frame->data, 1, len, f) != len)
        return FALSE;
    if (padded > len && fwrite(pad, 1, padded - len, f) != padded - len)
        return FALSE;
    le32(h, 28 + padded + 4);
    return fwrite(h, 4, 1, f) == 1;
}

static void pkt_free(gpointer p)
{
    exp_pkt *x = (exp_pkt *)p;
    g_byte_array_free(x->frame, TRUE);
    g_free(x);
}

static void list_conn(const exp_conn *c, const char *what)
{
    char *a = address_to_str(NULL, &c->addr[0]), *b = address_to_str(NULL, &c->addr[1]);

    fprintf(stderr, "tlsi export: %s: frame %u, %s:%u -> %s:%u\n", what, c->stream_frame, a,
            c->port[0], b, c->port[1]);
    wmem_free(NULL, a);
    wmem_free(NULL, b);
}

static void exp_draw(void *tapdata)
{
    exp_state *st = (exp_state *)tapdata;
    GPtrArray *pkts = g_ptr_array_new_with_free_func(pkt_free);
    guint64 order = 0;
    guint i, n_conn = 0;
    gboolean ok;
    FILE *f;

    if (st->written)
        return;
    st->written = TRUE;
    for (i = 0; i < st->order->len; i++) {
        const exp_conn *c = (const exp_conn *)g_ptr_array_index(st->order, i);
        if (!c->chunks->len) {
            list_conn(c, "left out (nothing decrypted)");
            continue;
        }
        if (c->undecrypted)
            list_conn(c, "partly decrypted (the data of records not decrypted is missing)");
        conn_packets(st, c, pkts, &order);
        n_conn++;
    }
    g_ptr_array_sort(pkts, pkt_cmp);
    f = fopen(st->filename, "wb");
    if (!f) {
        fprintf(stderr, "tlsi export: cannot write \"%s\": %s\n", st->filename, g_strerror(errno));
        g_ptr_array_free(pkts, TRUE);
        return;
    }
    ok = write_headers(f);
    for (i = 0; ok && i < pkts->len; i++)
        ok = write_epb(f, (const exp_pkt *)g_ptr_array_index(pkts, i));
    if (fclose(f) != 0 || !ok)
        fprintf(stderr, "tlsi export: error writing \"%s\": %s\n", st->filename, g_strerror(errno));
    else
        fprintf(stderr, "tlsi export: %u connection%s, %u packets written to %s\n", n_conn,
                plurality(n_conn, "", "s"), pkts->len, st->filename);
    g_ptr_array_free(pkts, TRUE);
}

static void exp_reset(void *tapdata)
{
    exp_state *st = (exp_state *)tapdata;

    g_ptr_array_set_size(st->order, 0);
    g_hash_table_remove_all(st->conns);
    st->written = FALSE;
}

static void exp_finish(void *tapdata)
{
    exp_state *st = (exp_state *)tapdata;

    g_ptr_array_free(st->order, TRUE);
    g_hash_table_destroy(st->conns);
    g_free(st->filename);
    g_free(st);
}

/* "portmap=A:B" options after the file name. */
static gboolean parse_options(exp_state *st, char **opts)
{
    unsigned a, b;
    char extra;

    for (; *opts; opts++) {
        if (sscanf(*opts, "portmap=%u:%u%c", &a, &b, &extra) != 2 || a > 65535 || b > 65535 ||
            st->n_map == MAX_PORTMAP)
            return FALSE;
        st->map_from[st->n_map] = (guint16)a;
        st->map_to[st->n_map++] = (guint16)b;
    }
    return TRUE;
}

static TLSI_STAT_TAP_INIT_RET exp_init(const char *opt_arg, void *userdata _U_)
{
    const char *rest = opt_arg + strlen(TLSI_EXPORT_CLI);
    char **parts;
    exp_state *st;
    GString *err;

    if (*rest != ',' || !rest[1]) {
        fprintf(stderr, "tlsi: use -z %s,FILE.pcapng[,portmap=FROM:TO]...\n", TLSI_EXPORT_CLI);
        TLSI_STAT_TAP_INIT_RETURN(FALSE);
    }
    parts = g_strsplit(rest + 1, ",", -1);
    st = g_new0(exp_state, 1);
    st->filename = g_strdup(parts[0]);
    if (!parse_options(st, parts + 1)) {
        fprintf(stderr, "tlsi: invalid export option in \"-z %s\" (portmap=FROM:TO)\n", opt_arg);
        g_strfreev(parts);
        g_free(st->filename);
        g_free(st);
        TLSI_STAT_TAP_INIT_RETURN(FALSE);
    }
    g_strfreev(parts);
    st->conns = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, conn_free);
    st->order = g_ptr_array_new();
    err = register_tap_listener("tlsi", st, NULL, TL_REQUIRES_NOTHING, exp_reset, exp_packet,
                                exp_draw, exp_finish);
    if (err) {
        fprintf(stderr, "tlsi: cannot register the export tap: %s\n", err->str);
        g_string_free(err, TRUE);
        exp_finish(st);
        TLSI_STAT_TAP_INIT_RETURN(FALSE);
    }
    TLSI_STAT_TAP_INIT_RETURN(TRUE);
}

static stat_tap_ui tlsi_pcap_export_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "TLSI plaintext export (pcapng)", TLSI_EXPORT_CLI,
    exp_init, 0, NULL,
};

void tlsi_pcap_export_register(void)
{
    register_stat_tap_ui(&tlsi_pcap_export_ui, NULL);
}
