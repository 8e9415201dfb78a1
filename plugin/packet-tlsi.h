/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * packet-tlsi.h - what the plugin's files share: the protocol id, the
 * per-conversation and per-record state, and the registration hooks of each
 * part (record layer, handshake trees, key material, decryption).
 */
#ifndef PACKET_TLSI_H
#define PACKET_TLSI_H

#include <stdio.h>

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>

#include "conn.h"
#include "sslv2.h"
#include "sslv2_msgs.h"
#include "tlsi-compat.h"

void proto_register_tlsi(void);
void proto_reg_handoff_tlsi(void);

extern int proto_tlsi;

/* A core name table has the layout of a value_string ({guint32, const char *},
 * terminated by {0, NULL}); this turns one into the other without copying. */
#define TLSI_VALS(table) ((const value_string *)(const void *)(table))

/* Direction of a record inside its TCP connection. */
enum { TLSI_DIR_CLIENT = 0, TLSI_DIR_SERVER = 1 };

/* A complete handshake message, as the connection engine gives it. */
typedef tlsi_conn_msg tlsi_hs_msg;

/* The decryption status of a connection as it stood when a record was seen
 * (shared between records while it does not change). */
typedef struct {
    const char *key_source; /* "key log (CLIENT_RANDOM)", ... or NULL */
    const char *key_detail;
    guint16 cipher_suite;
    gboolean suite_known;
    gboolean suite_decryptable;
    const char *suite_why;
    const char *suite_note; /* suite outside the negotiated version's list, or NULL */
    const char *first_failure; /* first reason a record of the session failed, NULL if none */
} tlsi_decrypt_diag;

struct tlsi_dir_state_s;

/* Application data as handed to the sub-dissector: this record's
 * plaintext, preceded by bytes of earlier records the sub-dissector asked to
 * keep (a PDU spanning records). unit_len 0: the bytes wait for a later
 * record. When this record completes a PDU of known length and has bytes
 * after it, those bytes are handed over on their own, as the built-in does
 * (the reassembled PDU is exactly the length asked for): this record's
 * plaintext from tail_off, tail_len of it taken. */
typedef struct {
    const guint8 *unit;
    guint32 unit_len;
    guint32 tail_off;
    guint32 tail_len;
} tlsi_record_app;

/* What few records need beyond tlsi_record_info (most have none). */
typedef struct {
    /* The direction's state when TCP data was out of order or missing before
     * the failure (tlsi-tcpgap.c); the text is made when shown, as TCP's tap
     * may learn the out-of-order frame only on a later pass. */
    const struct tlsi_dir_state_s *tcp_gap;
    tlsi_record_app app; /* when app_set */
    gboolean app_set;    /* app is not the plaintext taken whole */
} tlsi_record_more;

/*
 * What the first pass learned about one record; later passes draw the tree
 * from it alone, so random access in the GUI gives the same answer as the
 * first sequential pass. One per record of the capture: kept small.
 *
 * The connection engine allocates it (src/conn.h). rec.user is the
 * plugin's: the session decryption status shown for the record (1 + its
 * index in conv->diags, 0 none), and TLSI_RI_HAS_MORE when the record has
 * a tlsi_record_more (kept aside, as few records have one).
 */
typedef struct {
    tlsi_conn_rec rec;
} tlsi_record_info;

#define TLSI_RI_HAS_MORE 0x80000000u

/* The record's tlsi_record_more, made on first use (first pass only). */
tlsi_record_more *tlsi_record_more_get(tlsi_record_info *ri);
/* The record's tlsi_record_more, NULL when it has none. */
const tlsi_record_more *tlsi_record_more_find(const tlsi_record_info *ri);
/* The application data as the sub-dissector was handed it; unless set, the
 * record's plaintext, taken whole. */
static inline tlsi_record_app tlsi_record_app_get(const tlsi_record_info *ri)
{
    tlsi_record_app a = {tlsi_conn_rec_plain(&ri->rec), ri->rec.plain_len, 0, 0};
    const tlsi_record_more *m = tlsi_record_more_find(ri);

    return m && m->app_set ? m->app : a;
}
static inline const struct tlsi_dir_state_s *tlsi_record_tcp_gap(const tlsi_record_info *ri)
{
    const tlsi_record_more *m = tlsi_record_more_find(ri);

    return m ? m->tcp_gap : NULL;
}

/* Per-direction state kept across records during the first pass. */
typedef struct tlsi_dir_state_s {
    gboolean seq_known;       /* first pass: next_seq is where the next record starts */
    guint32 next_seq;         /* (TCP sequence number, as tcpinfo gives it) */
    guint8 *app_buf;          /* plaintext a sub-dissector asked to keep for its next call */
    guint32 app_len;
    guint32 app_cap;
    /* First pass, plugin/tlsi-tcpgap.c: the first time TCP handed over data
     * beyond next_seq (bytes before it missing), and the frame that brought
     * some of those bytes later (out of order). 0: not seen. */
    guint32 gap_frame;
    guint32 gap_start, gap_end; /* the missing sequence range [start, end) */
    guint32 ooo_frame;
    guint32 app_need;         /* app_len the sub-dissector asked for before its next call */
} tlsi_dir_state;

/* Per-TCP-connection state (wmem file scope). */
typedef struct tlsi_conv {
    address srv_addr;
    guint32 srv_port;
    gboolean srv_known;
    tlsi_dir_state dir[2];
    tlsi_conn *engine;             /* the connection engine (src/conn.h): keys, handshake,
                                    * flow and what was negotiated */
    wmem_array_t *diags;           /* decryption status snapshots, the latest last; by
                                    * tlsi_record_info's rec.user - 1 */
    guint32 conv_index;
    dissector_handle_t starttls_app; /* the plaintext protocol that switched to TLS, or NULL */
    dissector_handle_t app_handle; /* set by a "tls" heuristic for the rest of the session */
    tlsi_sslv2_flow sslv2; /* first pass: an SSL 2.0 server answered; which records are clear */
} tlsi_conv;

/*
 * What the "tlsi" tap gets for each record (allocated in pinfo->pool): taps
 * for statistics, Follow TLSI Stream and key export read this, never the tree.
 */
typedef struct {
    const tlsi_conv *conv;
    const tlsi_record_info *ri;
    guint8 dir;            /* TLSI_DIR_CLIENT / TLSI_DIR_SERVER */
    guint8 content_type;   /* outer type from the header */
    guint8 type;           /* effective type: inner type when decrypted */
    guint16 record_version;
    guint32 length;        /* fragment length */
    gboolean is_sslv2;     /* an SSLv2-format ClientHello */
    gboolean is_sslv2_conn; /* a record of an SSL 2.0 connection after its CLIENT-HELLO */
    gboolean has_alert;
    guint8 alert_level, alert_desc;
    const guint8 *plain;   /* verified plaintext of an application data record, else NULL */
    guint32 plain_len;
} tlsi_tap_record;

extern int tlsi_tap;

/* What the engine of a conversation knows: its session's summary (version
 * and suite of the records), and the hellos' view (ALPN, first frame). */
static inline const tlsi_session_info *tlsi_conv_info(const tlsi_conv *conv)
{
    return tlsi_session_get_info(tlsi_conn_session(conv->engine));
}
static inline const tlsi_conn_params *tlsi_conv_params(const tlsi_conv *conv)
{
    return tlsi_conn_get_params(conv->engine);
}

/* Handshake trees (plugin/tlsi-tree-handshake.c). */
void tlsi_register_handshake_fields(int proto);
/* Dissect one whole handshake message in tvb (header included). */
void tlsi_dissect_handshake_message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                    tlsi_conv *conv, const tlsi_record_info *ri,
                                    const tlsi_hs_msg *msg);
/* Key material (plugin/tlsi-keys.c). */
void tlsi_keys_register(module_t *module);
void tlsi_keys_prefs_applied(void);
struct tlsi_key_material;
/* Fill km with the configured key material (the cache is the caller's). */
void tlsi_keys_material(struct tlsi_key_material *km);

/* The record layer's TCP entry and the connection's state, created on first
 * use (plugin/packet-tlsi.c). */
tlsi_conv *tlsi_get_conv(packet_info *pinfo);
/* Does anyone listen to expert info (-z expert, the GUI's Expert dialog)? */
gboolean tlsi_expert_tapped(void);
int tlsi_dissect_tcp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);
/* Where TLS begins off the port range (plugin/tlsi-starttls.c): heuristic, STARTTLS, proxies. */
void tlsi_starttls_register(int proto, module_t *module);
void tlsi_starttls_handoff(dissector_handle_t main_handle);
void tlsi_starttls_prefs_applied(void);

void tlsi_stats_register(void);           /* plugin/tlsi-stats.c: -z tlsi,tree */
void tlsi_follow_register(int proto);     /* plugin/tlsi-follow.c: -z follow,tlsi,... */
void tlsi_export_register(void);          /* plugin/tlsi-export.c: -z tlsi,keys[,FILE] */
void tlsi_sessions_register(void);        /* plugin/tlsi-sessions.c: -z tlsi,sessions,... */
void tlsi_pcap_export_register(void);     /* plugin/tlsi-pcap-export.c: -z tlsi,export,FILE */
void tlsi_menu_register(int proto);       /* plugin/tlsi-menu.c: the GUI's TLSI menu */
/* NSS key log lines of sessions, each line once, in the order first seen
 * (plugin/tlsi-export.c; -z tlsi,keys and the GUI menu's key export). */
typedef struct {
    GPtrArray *lines; /* g_malloc'd lines */
    GHashTable *seen; /* line -> itself, owned by lines */
} tlsi_key_lines;
void tlsi_key_lines_init(tlsi_key_lines *k);
void tlsi_key_lines_clear(tlsi_key_lines *k);
void tlsi_key_lines_free(tlsi_key_lines *k);
/* Adds s's lines; FALSE when it has none. */
gboolean tlsi_key_lines_add_session(tlsi_key_lines *k, const struct tlsi_session *s);
void tlsi_key_lines_print(const tlsi_key_lines *k, FILE *f);
/* plugin/tlsi-tree-sslv2.c: the clear messages of an SSL 2.0 connection after the
 * CLIENT-HELLO. tvb holds one message (no record header, no padding); returns
 * its name for the Info column and the record label. */
void tlsi_sslv2_register(int proto);
const char *tlsi_sslv2_msg_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree);
void tlsi_esni_register(int proto); /* plugin/tlsi-tree-esni.c: ESNI (0xffce) fields */
/* The plugin side of the connection engine (plugin/tlsi-decrypt.c). */
void tlsi_decrypt_register(int proto, module_t *module);
/* The capture's connection engine cache (made at file open, freed at close). */
tlsi_conn_cache *tlsi_conn_cache_get(void);
void tlsi_key_material_get(struct tlsi_key_material *km);
/* First pass: what the engine makes of one record. */
tlsi_record_info *tlsi_record_first_pass_tls(packet_info *pinfo, tlsi_conv *conv, int dir,
                                             guint8 content_type, guint16 record_version,
                                             const guint8 *frag, guint32 len, gboolean complete);
/* The session decryption status shown for a record, NULL none. */
const tlsi_decrypt_diag *tlsi_record_diag(const tlsi_conv *conv, const tlsi_record_info *ri);
void tlsi_add_decryption_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *rt,
                              const tlsi_decrypt_diag *d, const tlsi_record_info *ri);

/* TCP data out of order or missing (plugin/tlsi-tcpgap.c). First pass,
 * before the data is dissected: TCP hands over data of ds's direction that
 * starts at seq. */
void tlsi_tcpgap_seen(packet_info *pinfo, tlsi_dir_state *ds, guint32 seq);
/* Listen to TCP's tap for the late segments TCP does not hand over. */
void tlsi_tcpgap_register(void);
/* Why records of this direction fail because of what TCP saw, for a record
 * that failed with err in frame num (allocated in pool), or NULL. */
const char *tlsi_tcpgap_why(wmem_allocator_t *pool, const tlsi_dir_state *ds, guint32 num,
                            int err);
/* The reason a protected record was not decrypted, for display (pinfo->pool
 * or static), or NULL. */
const char *tlsi_record_why(packet_info *pinfo, const tlsi_record_info *ri);
/* Signature checks (plugin/tlsi-sigverify.c). */
void tlsi_sigverify_register(int proto);
/* The generated signature / chain items of one handshake message. */
void tlsi_sigverify_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, tlsi_conn *c,
                         const tlsi_hs_msg *m);

/* Application data to sub-dissectors (plugin/tlsi-app.c). */
void tlsi_app_register(int proto);
void tlsi_app_handoff(void);
/* Decrypted application data of one record (reassembling PDUs over records). */
void tlsi_app_data(tvbuff_t *ptvb, packet_info *pinfo, proto_tree *tree, tlsi_conv *conv,
                   tlsi_record_info *ri);
/* Into a record's tree: Application Data Protocol and reassembly links. */
void tlsi_app_draw(tvbuff_t *ctvb, packet_info *pinfo, proto_tree *rt, const tlsi_conv *conv,
                   const tlsi_record_info *ri);
/* At close_notify: plaintext a sub-dissector waited for is handed over. */
void tlsi_app_flush(tvbuff_t *ctvb, packet_info *pinfo, proto_tree *tree, tlsi_conv *conv,
                    tlsi_record_info *ri);

#endif
