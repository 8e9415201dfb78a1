/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-follow.c - "Follow TLSI Stream": the decrypted application data of
 * one TCP connection, in capture order, from the "tlsi" tap
 * (tshark -q -z follow,tlsi,ascii|hex|raw|...,N).
 *
 * Streams are TCP streams, so the filters that select one (by the packet's
 * conversation, by tcp.stream index or by address and port) and the port
 * names are TCP's own. libwireshark 4.0 does not export TCP's filter
 * functions, but it does export its registered follower, so the calls go
 * through that.
 */
#include "packet-tlsi.h"

#include <epan/follow.h>
#include <epan/tap.h>

static register_follow_t *tlsi_tcp_follower(void)
{
    static register_follow_t *tcp;

    if (!tcp)
        tcp = get_follow_by_name("TCP");
    return tcp;
}

static gchar *tlsi_follow_conv_filter(epan_dissect_t *edt, packet_info *pinfo, guint *stream,
                                      guint *sub_stream)
{
    register_follow_t *tcp = tlsi_tcp_follower();
    follow_conv_filter_func f = tcp ? get_follow_conv_func(tcp) : NULL;

    return f ? f(edt, pinfo, stream, sub_stream) : NULL;
}

static gchar *tlsi_follow_index_filter(guint stream, guint sub_stream)
{
    register_follow_t *tcp = tlsi_tcp_follower();
    follow_index_filter_func f = tcp ? get_follow_index_func(tcp) : NULL;

    return f ? f(stream, sub_stream) : g_strdup_printf("tcp.stream eq %u", stream);
}

static gchar *tlsi_follow_address_filter(address *src_addr, address *dst_addr, int src_port,
                                         int dst_port)
{
    register_follow_t *tcp = tlsi_tcp_follower();
    follow_address_filter_func f = tcp ? get_follow_address_func(tcp) : NULL;

    return f ? f(src_addr, dst_addr, src_port, dst_port) : NULL;
}

static gchar *tlsi_follow_port_to_display(wmem_allocator_t *allocator, guint port)
{
    register_follow_t *tcp = tlsi_tcp_follower();
    follow_port_to_display_func f = tcp ? get_follow_port_to_display(tcp) : NULL;

    return f ? f(allocator, port) : wmem_strdup_printf(allocator, "%u", port);
}

#if TLSI_FOLLOW_HAS_STREAM_COUNT
static uint32_t tlsi_follow_stream_count(void)
{
    register_follow_t *tcp = tlsi_tcp_follower();
    follow_stream_count_func f = tcp ? get_follow_stream_count_func(tcp) : NULL;

    return f ? f() : 0;
}
#else
#define tlsi_follow_stream_count NULL
#endif

/* One decrypted application data record becomes one follow record. */
static tap_packet_status tlsi_follow_packet(void *tapdata, packet_info *pinfo,
                                            epan_dissect_t *edt _U_, const void *data,
                                            tap_flags_t flags _U_)
{
    follow_info_t *fi = (follow_info_t *)tapdata;
    const tlsi_tap_record *t = (const tlsi_tap_record *)data;
    follow_record_t *rec;
    gboolean from_server;

    if (!t || !t->plain || !t->plain_len)
        return TAP_PACKET_DONT_REDRAW;
    from_server = t->dir == TLSI_DIR_SERVER;

    if (fi->client_port == 0) {
        /* The first record tells which endpoint is the client. */
        if (from_server) {
            copy_address(&fi->client_ip, &pinfo->dst);
            fi->client_port = pinfo->destport;
            copy_address(&fi->server_ip, &pinfo->src);
            fi->server_port = pinfo->srcport;
        } else {
            copy_address(&fi->client_ip, &pinfo->src);
            fi->client_port = pinfo->srcport;
            copy_address(&fi->server_ip, &pinfo->dst);
            fi->server_port = pinfo->destport;
        }
    }

    rec = g_new0(follow_record_t, 1);
    rec->is_server = from_server;
    rec->packet_num = pinfo->num;
    rec->abs_ts = pinfo->abs_ts;
    rec->data = g_byte_array_sized_new(t->plain_len);
    g_byte_array_append(rec->data, t->plain, t->plain_len);
    fi->bytes_written[from_server ? FROM_SERVER : FROM_CLIENT] += t->plain_len;
    fi->payload = g_list_prepend(fi->payload, rec);
    return TAP_PACKET_REDRAW;
}

void tlsi_follow_register(int proto)
{
    tlsi_register_follow_stream(proto, "tlsi", tlsi_follow_conv_filter, tlsi_follow_index_filter,
                                tlsi_follow_address_filter, tlsi_follow_port_to_display,
                                tlsi_follow_packet, tlsi_follow_stream_count);
}
