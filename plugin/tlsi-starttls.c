/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-starttls.c - where TLS begins without a TLS port: on any TCP port
 * (the heuristic), after a plaintext protocol's STARTTLS, and after a proxy
 * handshake (HTTP CONNECT, SOCKS).
 *
 * STARTTLS: the dissectors of SMTP, IMAP, POP3, FTP, LDAP, XMPP, NNTP,
 * PostgreSQL, MySQL (and others) switch their connection to TLS by making
 * Wireshark's built-in TLS dissector the conversation's dissector (their
 * call to ssl_starttls_ack, with the built-in's handle). tlsi cannot take
 * part in that call, so it watches for its result: a postdissector sees,
 * at the end of each first-pass frame, whether the TCP conversation's
 * dissector for the next frame has just become the built-in's, without the
 * built-in having run in this frame (a plaintext protocol made the switch).
 * From the next frame on, the conversation's dissector is then tlsi's
 * "starttls" entry, which Wireshark consults before the built-in's: a
 * segment that starts with a whole, well-formed hello (src/detect.c) hands
 * the connection to tlsi from that frame on; anything before it is given
 * back (return 0) and goes to the protocol's own dissector as before.
 *
 * Proxies: the HTTP and SOCKS dissectors pass what follows their handshake
 * to the TCP port table and the TCP heuristics; tlsi's heuristic is tried
 * before the built-in's (Wireshark tries later-registered heuristics first),
 * so the TLS is tlsi's.
 *
 * Every switch is recorded with conversation_set_dissector_from_frame_number,
 * so the frames before it stay with their plaintext dissector on every pass.
 */
#include "packet-tlsi.h"

#include <epan/conversation.h>

#include "detect.h"

static dissector_handle_t tlsi_starttls_handle;
static dissector_handle_t tlsi_watch_handle;
static dissector_handle_t builtin_tls_handle;
static dissector_handle_t tlsi_main_handle;

static tlsi_ws_bool tlsi_heuristic_pref = TRUE;
static gboolean tlsi_heuristic_applied = TRUE;
static tlsi_ws_bool tlsi_starttls_pref = TRUE;

/* Does this segment start a TLS connection? */
static gboolean tlsi_segment_starts_tls(tvbuff_t *tvb)
{
    guint32 len = tvb_captured_length(tvb);

    if (len == 0)
        return FALSE;
    return tlsi_detect_hello(tvb_get_ptr(tvb, 0, len), len) != TLSI_DETECT_NONE;
}

/* tlsi owns the connection from this frame on (frames before keep theirs). */
static void tlsi_claim_from_here(packet_info *pinfo)
{
    conversation_t *c = find_or_create_conversation(pinfo);
    conversation_set_dissector_from_frame_number(c, pinfo->num, tlsi_main_handle);
}

/* Conversation dissector after a plaintext protocol's STARTTLS. */
static int dissect_tlsi_starttls(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    if (!tlsi_segment_starts_tls(tvb))
        return 0; /* still plaintext: TCP goes on to the port's dissector */
    if (!PINFO_FD_VISITED(pinfo))
        tlsi_claim_from_here(pinfo);
    return tlsi_dissect_tcp(tvb, pinfo, tree, data);
}

/* The dissector of the plaintext part: the TCP port table's entry for one
 * of the connection's ports whose protocol dissected this frame. Decrypted
 * data goes back to it, as the built-in does with the protocol's handle. */
static dissector_handle_t tlsi_plaintext_dissector(packet_info *pinfo)
{
    dissector_table_t t = find_dissector_table("tcp.port");
    guint32 ports[2] = {MIN(pinfo->srcport, pinfo->destport), MAX(pinfo->srcport, pinfo->destport)};
    guint i;

    for (i = 0; t && i < G_N_ELEMENTS(ports); i++) {
        dissector_handle_t h = dissector_get_uint_handle(t, ports[i]);
        int proto = h ? dissector_handle_get_protocol_index(h) : -1;
        if (proto >= 0 && proto != proto_tlsi &&
            proto_is_frame_protocol(pinfo->layers, proto_get_protocol_filter_name(proto)))
            return h;
    }
    return NULL;
}

/* Postdissector: after the first pass of a TCP frame in which a plaintext
 * protocol handed its connection to the built-in TLS dissector, put tlsi's
 * starttls entry in front of it from the next frame on. */
static int tlsi_starttls_watch(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree _U_,
                               void *data _U_)
{
    conversation_t *c;

    if (PINFO_FD_VISITED(pinfo) || !tlsi_starttls_pref || !builtin_tls_handle ||
        pinfo->ptype != PT_TCP)
        return 0;
    c = find_conversation_pinfo(pinfo, 0);
    if (!c || conversation_get_dissector(c, pinfo->num + 1) != builtin_tls_handle)
        return 0;
    /* The built-in's own heuristic or port claimed TLS records in this frame:
     * that is not a STARTTLS switch, leave it. */
    if (proto_is_frame_protocol(pinfo->layers, "tls"))
        return 0;
    conversation_set_dissector_from_frame_number(c, pinfo->num + 1, tlsi_starttls_handle);
    tlsi_get_conv(pinfo)->starttls_app = tlsi_plaintext_dissector(pinfo);
    return 0;
}

static tlsi_ws_bool dissect_tlsi_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                  void *data)
{
    if (!tlsi_segment_starts_tls(tvb))
        return FALSE;
    if (!PINFO_FD_VISITED(pinfo))
        tlsi_claim_from_here(pinfo);
    tlsi_dissect_tcp(tvb, pinfo, tree, data);
    return TRUE;
}

void tlsi_starttls_prefs_applied(void)
{
    /* The heuristic's enabled state belongs to Analyze > Enabled Protocols
     * (--enable/--disable-heuristic); the preference changes it only when
     * the preference itself changes. */
    if (tlsi_heuristic_pref != tlsi_heuristic_applied) {
        heur_dtbl_entry_t *e = find_heur_dissector_by_unique_short_name("tlsi_tcp");
        if (e)
            e->enabled = tlsi_heuristic_pref;
        tlsi_heuristic_applied = tlsi_heuristic_pref;
    }
}

void tlsi_starttls_register(int proto, module_t *module)
{
    prefs_register_bool_preference(
        module, "heuristic", "Look for TLS on any TCP port (heuristic)",
        "Recognise a connection's first TLS record (a well-formed ClientHello or ServerHello, "
        "or an SSLv2 ClientHello) on TCP ports outside the port range, also after a proxy "
        "handshake (HTTP CONNECT, SOCKS), and claim the connection from there. On by default "
        "and tried before the built-in TLS heuristic. Same as the tlsi_tcp heuristic.",
        &tlsi_heuristic_pref);
    prefs_register_bool_preference(
        module, "starttls", "Take over TLS started by STARTTLS",
        "When a plaintext protocol (SMTP, IMAP, POP3, FTP, LDAP, XMPP, NNTP, PostgreSQL, "
        "MySQL, ...) switches its connection to TLS, tlsi dissects the TLS part instead of the "
        "built-in TLS dissector. The plaintext part stays with its own dissector.",
        &tlsi_starttls_pref);
    tlsi_starttls_handle = create_dissector_handle(dissect_tlsi_starttls, proto);
    tlsi_watch_handle = create_dissector_handle(tlsi_starttls_watch, proto);
    register_postdissector(tlsi_watch_handle);
}

void tlsi_starttls_handoff(dissector_handle_t main_handle)
{
    tlsi_main_handle = main_handle;
    builtin_tls_handle = find_dissector("tls");
    heur_dissector_add("tcp", dissect_tlsi_heur, "TLS records on any TCP port (tlsi)", "tlsi_tcp",
                       proto_tlsi, HEURISTIC_ENABLE);
}
