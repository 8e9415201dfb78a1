/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * packet-tlsi.h - what the plugin's files share: the protocol id, the
 * per-conversation and per-record state, and the registration hooks of each
 * part (record layer, handshake trees, key material, decryption).
 */
#ifndef PACKET_TLSI_H
#define PACKET_TLSI_H

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>

#include "sslv2.h"
#include "tlsi-compat.h"

void proto_register_tlsi(void);
void proto_reg_handoff_tlsi(void);

extern int proto_tlsi;

/* A core name table has the layout of a value_string ({guint32, const char *},
 * terminated by {0, NULL}); this turns one into the other without copying. */
#define TLSI_VALS(table) ((const value_string *)(const void *)(table))

/* Direction of a record inside its TCP connection. */
enum { TLSI_DIR_CLIENT = 0, TLSI_DIR_SERVER = 1 };

/* tlsi_record_info.flags */
enum {
    TLSI_RI_PROTECTED = 1u << 0,  /* sent under a cipher (after CCS, or TLS 1.3 protected) */
    TLSI_RI_DECRYPTED = 1u << 1,  /* plain holds the verified plaintext */
    TLSI_RI_UNVERIFIED = 1u << 2, /* plain holds plaintext whose MAC/tag did not verify */
    TLSI_RI_RESYNCED = 1u << 3,   /* decrypted after records missing from the capture */
};

/* One complete handshake message that ends in a record. */
typedef struct tlsi_hs_msg {
    struct tlsi_hs_msg *next;
    const guint8 *data; /* the whole message, header included (file scope) */
    guint32 len;
    gint32 start;       /* offset in the record's plaintext where it starts; -1: earlier record */
    guint32 first_frame; /* frame of the record holding its first byte */
    guint8 finished;     /* tlsi_finished_check of a Finished message */
    gboolean resumed;    /* a ServerHello that resumes an earlier session */
    guint32 resumed_from; /* frame of the full handshake it resumes, 0 if unknown */
    /* Set by tlsi_handshake_seen() (plugin/tlsi-tree-handshake.c) on the first pass: */
    const char *flow_expected; /* what the handshake flow allowed instead (file scope), or NULL */
    gboolean flow_unexpected;  /* the message is out of order */
    guint16 hs_version;        /* version negotiated when the message was seen, 0 unknown */
    guint16 hs_suite;          /* cipher suite negotiated then, valid when hs_suite_known */
    gboolean hs_suite_known;
    guint8 hs_flags;           /* TLSI_HS_F_* */
} tlsi_hs_msg;

/* tlsi_hs_msg.hs_flags */
enum {
    TLSI_HS_F_CLIENT_OFFERED_HIGHER = 1u << 0, /* ServerHello: the client offered a version above
                                                * the one negotiated (downgrade sentinel matters) */
};

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

/*
 * What the first pass learned about one record; later passes draw the tree
 * from it alone, so random access in the GUI gives the same answer as the
 * first sequential pass.
 */
typedef struct {
    guint8 dir;
    guint8 flags;
    guint8 inner_type;       /* TLS 1.3 real content type after decryption */
    guint16 version;         /* negotiated version known when the record was seen, 0 unknown */
    guint16 cipher_suite;
    const tlsi_decrypt_diag *diag; /* session decryption status (protected records) */
    const guint8 *plain;     /* plaintext of a decrypted record (file scope) */
    guint32 plain_len;
    int decrypt_err;         /* tlsi_err of the decryption attempt, 0 if none or ok */
    const char *decrypt_why; /* static or file-scope text for the failure */
    /* The direction's state when TCP data was out of order or missing before
     * the failure (tlsi-tcpgap.c); the text is made when shown, as TCP's tap
     * may learn the out-of-order frame only on a later pass. */
    const struct tlsi_dir_state_s *tcp_gap;
    guint32 resync_skipped;  /* records missing just before this one (first after a gap) */
    tlsi_hs_msg *msgs;       /* handshake messages completed in this record */
    guint32 hs_partial;      /* bytes of this record's handshake data waiting for more */
    guint32 hs_dropped;      /* handshake bytes dropped (over the cap or after a broken length) */
    /* Application data as handed to the sub-dissector: this record's
     * plaintext, preceded by bytes of earlier records the sub-dissector
     * asked to keep (a PDU spanning records). app_unit_len 0: the bytes wait
     * for a later record. */
    const guint8 *app_unit;
    guint32 app_unit_len;
    gboolean app_pending;    /* the sub-dissector kept (part of) this record for later */
} tlsi_record_info;

struct tlsi_session; /* the core session engine (src/session.c), one per connection (plugin/tlsi-decrypt.c) */

/* Per-direction state kept across records during the first pass. */
typedef struct tlsi_dir_state_s {
    guint8 *hs_buf;           /* handshake bytes waiting for the rest of their message */
    guint32 hs_len;
    guint32 hs_cap;
    guint32 hs_first_frame;   /* frame holding the first pending byte */
    gboolean seq_known;       /* first pass: next_seq is where the next record starts */
    guint32 next_seq;         /* (TCP sequence number, as tcpinfo gives it) */
    gboolean hs_broken;       /* an over-cap message: drop until the next CCS/key change */
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
    guint16 version;       /* negotiated version, 0 until ServerHello */
    guint16 cipher_suite;
    gboolean suite_known;
    tlsi_dir_state dir[2];
    struct tlsi_session *session; /* handshake and decryption state (src/session.c) */
    const tlsi_decrypt_diag *diag; /* latest status snapshot */
    const char *alpn;              /* negotiated ALPN protocol, NULL if none */
    guint32 first_frame;           /* frame of the first record */
    guint32 conv_index;
    void *flow; /* handshake flow and hello state of the tree code (file scope) */
    dissector_handle_t starttls_app; /* the plaintext protocol that switched to TLS, or NULL */
    dissector_handle_t app_handle; /* set by a "tls" heuristic for the rest of the session */
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
    gboolean has_alert;
    guint8 alert_level, alert_desc;
    const guint8 *plain;   /* verified plaintext of an application data record, else NULL */
    guint32 plain_len;
} tlsi_tap_record;

extern int tlsi_tap;

/* The session behind a conversation, for taps (NULL before any record). */
struct tlsi_session *tlsi_conv_get_session(const tlsi_conv *conv);

/* Handshake trees (plugin/tlsi-tree-handshake.c). */
void tlsi_register_handshake_fields(int proto);
/* Dissect one whole handshake message in tvb (header included). */
void tlsi_dissect_handshake_message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                    tlsi_conv *conv, const tlsi_record_info *ri,
                                    const tlsi_hs_msg *msg);
/* First pass only: a complete handshake message has been reassembled and
 * fed to the session; the tree code updates what it tracks. */
void tlsi_handshake_seen(packet_info *pinfo, tlsi_conv *conv, int dir, tlsi_hs_msg *msg);
/* First pass only: an SSLv2-format ClientHello record (rec, parsed as v2)
 * opened the connection; the flow and resumption tracking treat it as a
 * ClientHello. */
void tlsi_sslv2_hello_seen(packet_info *pinfo, tlsi_conv *conv, const guint8 *rec,
                           const tlsi_sslv2_client_hello *v2);
/* First pass only: a ChangeCipherSpec record, and a handshake record that
 * could not be decrypted, from side dir; they advance the handshake flow. */
void tlsi_flow_ccs(packet_info *pinfo, tlsi_conv *conv, int dir);
void tlsi_flow_encrypted(packet_info *pinfo, tlsi_conv *conv, int dir);

/* Key material (plugin/tlsi-keys.c). */
void tlsi_keys_register(module_t *module);
void tlsi_keys_prefs_applied(void);
struct tlsi_key_material;
/* Fill km with the configured key material (the cache is the caller's). */
void tlsi_keys_material(struct tlsi_key_material *km);

/* The record layer's TCP entry and the connection's state, created on first
 * use (plugin/packet-tlsi.c). */
tlsi_conv *tlsi_get_conv(packet_info *pinfo);
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
/* Decryption glue (plugin/tlsi-decrypt.c). */
void tlsi_decrypt_register(int proto, module_t *module);
struct tlsi_session *tlsi_conv_session(tlsi_conv *conv);
void tlsi_key_material_get(struct tlsi_key_material *km);
const tlsi_decrypt_diag *tlsi_diag_snapshot(tlsi_conv *conv);
/* A complete handshake message: the session learns from it, then the trees. */
void tlsi_handshake_complete(packet_info *pinfo, tlsi_conv *conv, int dir, tlsi_hs_msg *m);
/* The same for an SSLv2-format ClientHello record (parsed as v2). */
void tlsi_sslv2_hello_complete(packet_info *pinfo, tlsi_conv *conv, const guint8 *rec,
                               const tlsi_sslv2_client_hello *v2);
/* First pass: decrypt a protected record (fragment after the header). */
void tlsi_record_decrypt(packet_info *pinfo, tlsi_conv *conv, tlsi_record_info *ri,
                         guint8 content_type, guint16 record_version, const guint8 *frag,
                         guint32 len);
void tlsi_add_decryption_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *rt,
                              const tlsi_record_info *ri);

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
/* First pass: a complete handshake message of conv, after the session saw it. */
void tlsi_sigverify_seen(const tlsi_conv *conv, int dir, const tlsi_hs_msg *m);
/* The generated signature / chain items of one handshake message. */
void tlsi_sigverify_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                         const tlsi_hs_msg *m);
struct tlsi_sigv_summary;
/* Totals of a connection's checks, NULL when none was made. */
const struct tlsi_sigv_summary *tlsi_sigverify_summary(const tlsi_conv *conv);

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
