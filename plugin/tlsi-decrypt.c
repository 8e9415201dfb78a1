/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-decrypt.c - the plugin side of decryption: one session engine
 * (src/session.c) per connection, the capture's resumption cache, the key
 * material handed to them, decrypting a record on the first pass, and the
 * generated "Decryption" subtree that explains the result.
 */
#include "packet-tlsi.h"

#include "cipher_suites.h"
#include "record.h"
#include "session.h"

static int hf_tlsi_decryption_decrypted = -1;
static int hf_tlsi_decryption_key_source = -1;
static int hf_tlsi_decryption_key = -1;
static int hf_tlsi_decryption_cipher_suite = -1;
static int hf_tlsi_decryption_suite_supported = -1;
static int hf_tlsi_decryption_reason = -1;
static int hf_tlsi_decryption_first_failure = -1;
static int hf_tlsi_decryption_suite_note = -1;
static int hf_tlsi_record_resynced = -1;
static int hf_tlsi_record_resync_skipped = -1;

static gint ett_tlsi_decryption = -1;

static expert_field ei_tlsi_suite_unsupported = EI_INIT;
static expert_field ei_tlsi_suite_version = EI_INIT;
static expert_field ei_tlsi_resynced = EI_INIT;

static tlsi_ws_bool tlsi_show_unverified = FALSE;

/* Resumption secrets of this capture, and every session made for it, freed
 * when the capture file is closed. */
static tlsi_session_cache *tlsi_cache;
static GPtrArray *tlsi_sessions;

void tlsi_key_material_get(tlsi_key_material *km)
{
    tlsi_keys_material(km);
    km->cache = tlsi_cache;
}

struct tlsi_session *tlsi_conv_get_session(const tlsi_conv *conv)
{
    return conv->session;
}

tlsi_session *tlsi_conv_session(tlsi_conv *conv)
{
    if (!conv->session) {
        conv->session = tlsi_session_new();
        if (!tlsi_sessions)
            tlsi_sessions = g_ptr_array_new_with_free_func((GDestroyNotify)tlsi_session_free);
        g_ptr_array_add(tlsi_sessions, conv->session);
    }
    return conv->session;
}

/* A snapshot of the session's decryption status, shared by records until it
 * changes, so every pass shows what was known when the record was seen. */
const tlsi_decrypt_diag *tlsi_diag_snapshot(tlsi_conv *conv)
{
    const tlsi_session_info *in = tlsi_session_get_info(conv->session);
    const tlsi_decrypt_diag *old = conv->diag;
    const char *src = in->key_source ? tlsi_key_source_name(in->key_source) : NULL;
    tlsi_decrypt_diag *d;

    if (old && old->key_source == src && old->cipher_suite == in->cipher_suite &&
        old->suite_known == in->suite_known &&
        g_strcmp0(old->key_detail, in->key_detail[0] ? in->key_detail : NULL) == 0 &&
        (old->first_failure != NULL) == (in->first_err != TLSI_OK))
        return old;
    d = wmem_new0(wmem_file_scope(), tlsi_decrypt_diag);
    d->key_source = src;
    d->key_detail = in->key_detail[0] ? wmem_strdup(wmem_file_scope(), in->key_detail) : NULL;
    d->cipher_suite = in->cipher_suite;
    d->suite_known = in->suite_known;
    d->suite_decryptable = in->suite_decryptable;
    d->suite_why = in->suite_why[0] ? wmem_strdup(wmem_file_scope(), in->suite_why) : NULL;
    d->suite_note = in->suite_note[0] ? wmem_strdup(wmem_file_scope(), in->suite_note) : NULL;
    d->first_failure = in->first_err != TLSI_OK
                           ? wmem_strdup_printf(wmem_file_scope(), "%s record %" PRIu64 ": %s",
                                                in->first_err_dir ? "server" : "client",
                                                in->first_err_record, in->first_why)
                           : NULL;
    conv->diag = d;
    return d;
}

/* A handshake message is complete: the session learns from it first (keys
 * may change at it), then the tree code records what it tracks. */
void tlsi_handshake_complete(packet_info *pinfo, tlsi_conv *conv, int dir,
                                    tlsi_hs_msg *m)
{
    tlsi_key_material km;
    tlsi_hs_effect eff;

    tlsi_key_material_get(&km);
    tlsi_session_handshake(tlsi_conv_session(conv), &km, dir == TLSI_DIR_SERVER, m->data, m->len,
                           &eff);
    m->finished = (guint8)eff.finished;
    m->resumed = eff.resumed;
    tlsi_sigverify_seen(conv, dir, m);
    tlsi_handshake_seen(pinfo, conv, dir, m);
    {
        const tlsi_session_info *in = tlsi_session_get_info(conv->session);
        conv->version = in->version;
        conv->cipher_suite = in->cipher_suite;
        conv->suite_known = in->suite_known;
    }
}

/* An SSLv2-format ClientHello: the session takes the challenge as the
 * client random and the message into the transcript, then the tree code
 * treats it as the ClientHello. */
void tlsi_sslv2_hello_complete(packet_info *pinfo, tlsi_conv *conv, const guint8 *rec,
                               const tlsi_sslv2_client_hello *v2)
{
    (void)tlsi_session_sslv2_client_hello(tlsi_conv_session(conv), rec, 2 + v2->record_len);
    tlsi_sslv2_hello_seen(pinfo, conv, rec, v2);
}

/* Decrypt a protected record (first pass) and keep the plaintext. */
void tlsi_record_decrypt(packet_info *pinfo, tlsi_conv *conv, tlsi_record_info *ri,
                         guint8 content_type, guint16 record_version, const guint8 *frag,
                         guint32 len)
{
    tlsi_key_material km;
    guint8 *out = (guint8 *)wmem_alloc(pinfo->pool, MAX(len, TLSI_MAX_PLAINTEXT) + 16);
    size_t out_len = 0;
    guint8 inner = content_type;
    const char *why = NULL;
    tlsi_err err;

    tlsi_key_material_get(&km);
    err = tlsi_session_decrypt(conv->session, &km, ri->dir == TLSI_DIR_SERVER, content_type,
                               record_version, frag, len, out, MAX(len, TLSI_MAX_PLAINTEXT) + 16,
                               &out_len, &inner, &why);
    if (err == TLSI_OK) {
        const tlsi_session_info *in = tlsi_session_get_info(conv->session);
        ri->flags |= TLSI_RI_DECRYPTED;
        if (in->resynced[ri->dir]) {
            ri->flags |= TLSI_RI_RESYNCED;
            ri->resync_skipped = (guint32)MIN(in->last_skipped[ri->dir], G_MAXUINT32);
            /* Records missing because TCP saw the stream out of order: say
             * so, and how to get them (tlsi-tcpgap.c). */
            if (ri->resync_skipped &&
                tlsi_tcpgap_why(pinfo->pool, &conv->dir[ri->dir], pinfo->num, TLSI_ERR_BAD_MAC))
                ri->tcp_gap = &conv->dir[ri->dir];
        }
        ri->inner_type = inner;
        ri->plain = (const guint8 *)wmem_memdup(wmem_file_scope(), out, out_len);
        ri->plain_len = (guint32)out_len;
    } else {
        ri->decrypt_err = err;
        ri->decrypt_why = wmem_strdup(wmem_file_scope(), why && *why ? why : tlsi_err_str(err));
        if (tlsi_tcpgap_why(pinfo->pool, &conv->dir[ri->dir], pinfo->num, err))
            ri->tcp_gap = &conv->dir[ri->dir];
        if (err == TLSI_ERR_BAD_MAC && out_len && tlsi_show_unverified) {
            ri->flags |= TLSI_RI_UNVERIFIED;
            ri->inner_type = content_type;
            ri->plain = (const guint8 *)wmem_memdup(wmem_file_scope(), out, out_len);
            ri->plain_len = (guint32)out_len;
        }
    }
}

/* A record decrypted after records missing from the capture: every one is
 * marked, the first after each gap says how many are missing. */
static void tree_resynced(tvbuff_t *tvb, packet_info *pinfo, proto_tree *rt,
                          const tlsi_record_info *ri)
{
    proto_item *ti = proto_tree_add_boolean(rt, hf_tlsi_record_resynced, tvb, 0, 0, TRUE);
    const char *tcp;

    proto_item_set_generated(ti);
    if (!ri->resync_skipped)
        return;
    proto_item_set_generated(proto_tree_add_uint(rt, hf_tlsi_record_resync_skipped, tvb, 0, 0,
                                                 ri->resync_skipped));
    /* Short: an expert message is cut at a tree label's length. */
    tcp = !ri->tcp_gap ? NULL
          : ri->tcp_gap->ooo_frame
              ? wmem_strdup_printf(pinfo->pool,
                                   "; TCP: frame %u out of order (belongs before frame %u), "
                                   "tcp.reassemble_out_of_order:TRUE recovers them",
                                   ri->tcp_gap->ooo_frame, ri->tcp_gap->gap_frame)
              : wmem_strdup_printf(pinfo->pool, "; TCP data missing before frame %u",
                                   ri->tcp_gap->gap_frame);
    expert_add_info_format(pinfo, ti, &ei_tlsi_resynced,
                           "Decrypted after a resync: %u record%s of this direction missing "
                           "before this one%s",
                           ri->resync_skipped, ri->resync_skipped == 1 ? "" : "s",
                           tcp ? tcp : "");
}

/* The generated "Decryption" subtree of a protected record. */
void tlsi_add_decryption_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *rt,
                                     const tlsi_record_info *ri)
{
    const tlsi_decrypt_diag *d = ri->diag;
    proto_item *ti;
    proto_tree *dt;
    const char *suite = d->suite_known ? tlsi_suite_name(d->cipher_suite) : NULL;
    gboolean ok = (ri->flags & TLSI_RI_DECRYPTED) != 0;
    const char *why = tlsi_record_why(pinfo, ri);

    ti = proto_tree_add_boolean(rt, hf_tlsi_decryption_decrypted, tvb, 0, 0, ok);
    proto_item_set_text(ti, "Decryption: %s", ok ? "decrypted and verified"
                        : why ? why : "not decrypted");
    proto_item_set_generated(ti);
    dt = proto_item_add_subtree(ti, ett_tlsi_decryption);
    proto_item_set_generated(proto_tree_add_string(
        dt, hf_tlsi_decryption_key_source, tvb, 0, 0, d->key_source ? d->key_source : "none"));
    if (d->key_detail)
        proto_item_set_generated(
            proto_tree_add_string(dt, hf_tlsi_decryption_key, tvb, 0, 0, d->key_detail));
    if (d->suite_known) {
        ti = proto_tree_add_uint_format_value(dt, hf_tlsi_decryption_cipher_suite, tvb, 0, 0,
                                              d->cipher_suite, "%s (0x%04x)",
                                              suite ? suite : "Unknown", d->cipher_suite);
        proto_item_set_generated(ti);
        proto_item_set_generated(proto_tree_add_boolean(dt, hf_tlsi_decryption_suite_supported, tvb, 0,
                                                        0, d->suite_decryptable));
        if (!d->suite_decryptable)
            expert_add_info_format(pinfo, ti, &ei_tlsi_suite_unsupported,
                                   "Cipher suite %s cannot be decrypted: %s",
                                   suite ? suite : "(unknown)", d->suite_why ? d->suite_why : "");
        if (d->suite_note) {
            proto_item *ni = proto_tree_add_string(dt, hf_tlsi_decryption_suite_note, tvb, 0, 0,
                                                   d->suite_note);
            proto_item_set_generated(ni);
            expert_add_info_format(pinfo, ni, &ei_tlsi_suite_version, "%s", d->suite_note);
        }
    }
    if (!ok && why)
        proto_item_set_generated(
            proto_tree_add_string(dt, hf_tlsi_decryption_reason, tvb, 0, 0, why));
    if (d->first_failure)
        proto_item_set_generated(proto_tree_add_string(dt, hf_tlsi_decryption_first_failure, tvb,
                                                       0, 0, d->first_failure));
    if (ri->flags & TLSI_RI_RESYNCED)
        tree_resynced(tvb, pinfo, rt, ri);
}

static void tlsi_decrypt_init(void)
{
    tlsi_cache = tlsi_session_cache_new();
}

static void tlsi_decrypt_cleanup(void)
{
    if (tlsi_sessions) {
        g_ptr_array_free(tlsi_sessions, TRUE);
        tlsi_sessions = NULL;
    }
    tlsi_session_cache_free(tlsi_cache);
    tlsi_cache = NULL;
}

void tlsi_decrypt_register(int proto, module_t *module)
{
    static hf_register_info hf[] = {
        {&hf_tlsi_decryption_decrypted,
         {"Decrypted", "tlsi.decryption.decrypted", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
          "The record was decrypted and its MAC/tag verified", HFILL}},
        {&hf_tlsi_decryption_key_source,
         {"Key Source", "tlsi.decryption.key_source", FT_STRING, BASE_NONE, NULL, 0x0,
          "Where the session's secrets came from", HFILL}},
        {&hf_tlsi_decryption_key,
         {"Key", "tlsi.decryption.key", FT_STRING, BASE_NONE, NULL, 0x0,
          "Which key was used (RSA key id)", HFILL}},
        {&hf_tlsi_decryption_cipher_suite,
         {"Cipher Suite", "tlsi.decryption.cipher_suite", FT_UINT16, BASE_HEX, NULL, 0x0,
          "Negotiated cipher suite", HFILL}},
        {&hf_tlsi_decryption_suite_supported,
         {"Cipher Suite Supported", "tlsi.decryption.suite_supported", FT_BOOLEAN, BASE_NONE,
          NULL, 0x0, "tlsi can decrypt this cipher suite", HFILL}},
        {&hf_tlsi_decryption_reason,
         {"Reason", "tlsi.decryption.reason", FT_STRING, BASE_NONE, NULL, 0x0,
          "Why this record was not decrypted", HFILL}},
        {&hf_tlsi_decryption_first_failure,
         {"First Failure", "tlsi.decryption.first_failure", FT_STRING, BASE_NONE, NULL, 0x0,
          "The first record of the session that failed to decrypt, and why", HFILL}},
        {&hf_tlsi_decryption_suite_note,
         {"Cipher Suite Note", "tlsi.decryption.suite_note", FT_STRING, BASE_NONE, NULL, 0x0,
          "The negotiated suite is outside the negotiated version's suite list (decrypted as "
          "negotiated)", HFILL}},
        {&hf_tlsi_record_resynced,
         {"Decrypted After a Resync", "tlsi.record.resynced", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
          "Decrypted after records of this direction went missing from the capture, by finding "
          "its sequence number among the next ones (the MAC or AEAD tag proves it)", HFILL}},
        {&hf_tlsi_record_resync_skipped,
         {"Records Missing Before It", "tlsi.record.resync_skipped", FT_UINT32, BASE_DEC, NULL,
          0x0, "How many records of this direction are missing from the capture just before "
          "this one", HFILL}},
    };
    static gint *ett[] = {&ett_tlsi_decryption};
    static ei_register_info ei[] = {
        {&ei_tlsi_suite_unsupported,
         {"tlsi.decryption.suite_unsupported", PI_DECRYPTION, PI_NOTE,
          "Cipher suite tlsi cannot decrypt", EXPFILL}},
        {&ei_tlsi_suite_version,
         {"tlsi.decryption.suite_version", PI_PROTOCOL, PI_NOTE,
          "Cipher suite outside the negotiated version's list (decrypted as negotiated)",
          EXPFILL}},
        {&ei_tlsi_resynced,
         {"tlsi.decryption.resynced", PI_SEQUENCE, PI_NOTE,
          "Decrypted after a resync: records missing from the capture before this one", EXPFILL}},
    };
    expert_module_t *expert = expert_register_protocol(proto);

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert, ei, array_length(ei));
    prefs_register_bool_preference(module, "show_unverified",
                                   "Show plaintext whose MAC or tag did not verify",
                                   "Show (and mark) the plaintext of records that decrypted but "
                                   "failed the MAC/AEAD check. Such plaintext is never handed to "
                                   "sub-dissectors' statistics as verified.",
                                   &tlsi_show_unverified);
    register_init_routine(tlsi_decrypt_init);
    register_cleanup_routine(tlsi_decrypt_cleanup);
}
