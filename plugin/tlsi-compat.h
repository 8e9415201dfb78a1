/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-compat.h - every difference between the Wireshark releases tlsi builds
 * against (4.0 to 4.6), in one place, keyed on ws_version.h. Call sites use
 * the names below and stay the same for every release; nothing else in the
 * plugin tests the version.
 *
 * Built and tested: 4.0 (Debian 12) and 4.4 (Debian 13); compiled against
 * the 4.6 headers of Debian unstable. 4.2 is not packaged by Debian: the
 * 4.2 thresholds below are where the 4.1 development series changed the API
 * and are not checked by a build.
 */
#ifndef TLSI_COMPAT_H
#define TLSI_COMPAT_H

#include <string.h>

#include <ws_version.h>
#include <epan/strutil.h>
#include <epan/packet.h>
#include <epan/wmem_scopes.h>

#define TLSI_WS_AT_LEAST(maj, min)                                                                 \
    (WIRESHARK_VERSION_MAJOR > (maj) ||                                                            \
     (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

#if TLSI_WS_AT_LEAST(4, 2)
/* 4.2 moved the API from gboolean (an int) to C99 bool: boolean preference
 * variables, heuristic dissectors, UAT update callbacks and conversation
 * filter callbacks. The pointer and function pointer types must match. */
typedef bool tlsi_ws_bool;
#else
typedef gboolean tlsi_ws_bool;
#endif

/* Conversation filter callbacks take a user_data pointer since 4.2, given
 * at registration. */
#if TLSI_WS_AT_LEAST(4, 2)
#define TLSI_CONV_FILTER_PARAMS packet_info *pinfo, void *user_data _U_
#define tlsi_register_conversation_filter(name, display, valid, build)                             \
    register_conversation_filter(name, display, valid, build, NULL)
#else
#define TLSI_CONV_FILTER_PARAMS packet_info *pinfo
#define tlsi_register_conversation_filter register_conversation_filter
#endif

/* Since 4.2 a follower also tells how many streams there are (the Follow
 * dialog's stream number range) and how to step through sub-streams (HTTP/2,
 * QUIC); a tlsi stream is a TCP stream, so TCP's answers are passed on. */
#if TLSI_WS_AT_LEAST(4, 2)
#define tlsi_register_follow_stream(proto, tap, conv, index, addr, port, packet, count)            \
    register_follow_stream(proto, tap, conv, index, addr, port, packet, count, NULL)
#define TLSI_FOLLOW_HAS_STREAM_COUNT 1
#else
#define tlsi_register_follow_stream(proto, tap, conv, index, addr, port, packet, count)            \
    register_follow_stream(proto, tap, conv, index, addr, port, packet)
#define TLSI_FOLLOW_HAS_STREAM_COUNT 0
#endif

/* 4.2 renamed the glib-typed tvb getters (tvb_get_guint8 -> tvb_get_uint8)
 * and deprecates the old names; 4.0 has only the old ones. */
#if !TLSI_WS_AT_LEAST(4, 2)
#define tvb_get_uint8 tvb_get_guint8
#endif

/* format_text() takes the bytes as const guchar * in 4.0 and as const char *
 * since 4.2; wire bytes are uint8_t, so the cast depends on the release. */
static inline char *tlsi_format_text(wmem_allocator_t *pool, const uint8_t *p, size_t len)
{
#if TLSI_WS_AT_LEAST(4, 2)
    return format_text(pool, (const char *)p, len);
#else
    return format_text(pool, p, len);
#endif
}

/* The -z init callback of a stat_tap_ui reports success since 4.6 (tshark
 * stops on a bad argument); before, it returned nothing. */
#if TLSI_WS_AT_LEAST(4, 6)
#define TLSI_STAT_TAP_INIT_RET bool
#define TLSI_STAT_TAP_INIT_RETURN(ok) return (ok)
#else
#define TLSI_STAT_TAP_INIT_RET void
#define TLSI_STAT_TAP_INIT_RETURN(ok) return
#endif

/* 4.6 moved value_string to wsutil: value_string_ext_new takes the wmem
 * scope of the ext it builds. tlsi's tables live as long as the field
 * registrations, so epan scope. */
static inline value_string_ext *tlsi_value_string_ext_new(const value_string *vs, unsigned n,
                                                          const char *name)
{
#if TLSI_WS_AT_LEAST(4, 6)
    return value_string_ext_new(wmem_epan_scope(), vs, n, name);
#else
    return value_string_ext_new(vs, n, name);
#endif
}

/* 4.6 deprecates dissector_try_string for dissector_try_string_with_data,
 * which also asks whether to put the protocol name in the Protocol column
 * (true is what the old call did). */
#if TLSI_WS_AT_LEAST(4, 6)
#define tlsi_dissector_try_string(table, key, tvb, pinfo, tree, data)                              \
    dissector_try_string_with_data(table, key, tvb, pinfo, tree, true, data)
#else
#define tlsi_dissector_try_string dissector_try_string
#endif

/* Since 4.2 the heuristics of the built-in "tls" table (HTTP/2 among them)
 * read a struct tlsinfo from their data argument, and may set *app_handle
 * to the dissector for the rest of the session; a NULL there crashes them.
 * Only the struct is used from the TLS dissector's header, nothing it does. */
#if TLSI_WS_AT_LEAST(4, 2)
#include <epan/dissectors/packet-tls.h>
typedef struct tlsinfo tlsi_tls_heur_info;
static inline void *tlsi_tls_heur_data(tlsi_tls_heur_info *ti, dissector_handle_t *app_handle)
{
    memset(ti, 0, sizeof(*ti));
    ti->app_handle = app_handle;
    return ti;
}
#else
typedef struct {
    int unused;
} tlsi_tls_heur_info;
static inline void *tlsi_tls_heur_data(tlsi_tls_heur_info *ti _U_,
                                       dissector_handle_t *app_handle _U_)
{
    return NULL;
}
#endif

#endif
