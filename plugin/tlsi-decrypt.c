/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-decrypt.c - the plugin side of the connection engine (src/conn.c):
 * the capture's engine cache, the key material handed to it, one record fed
 * on the first pass (with what TCP knows of missing data), and the
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

/* The connection engines of this capture, the sessions they resume and
 * every result they handed out, freed when the capture file is closed. */
static tlsi_conn_cache *tlsi_conns;

tlsi_conn_cache *tlsi_conn_cache_get(void)
{
    if (!tlsi_conns)
        tlsi_conns = tlsi_conn_cache_new();
    return tlsi_conns;
}

void tlsi_key_material_get(tlsi_key_material *km)
{
    tlsi_keys_material(km);
}

/* A snapshot of the session's decryption status, shared by records until it
 * changes, so every pass shows what was known when the record was seen.
 * Returns its number in conv->diags (from 1), for tlsi_record_diag. */
static guint32 tlsi_diag_snapshot(tlsi_conv *conv)
{
    const tlsi_session_info *in = tlsi_conv_info(conv);
    guint32 n = conv->diags ? wmem_array_get_count(conv->diags) : 0;
    const tlsi_decrypt_diag *old =
        n ? *(const tlsi_decrypt_diag **)wmem_array_index(conv->diags, n - 1) : NULL;
    const char *src = in->key_source ? tlsi_key_source_name(in->key_source) : NULL;
    tlsi_decrypt_diag *d;

    if (old && old->key_source == src && old->cipher_suite == in->cipher_suite &&
        old->suite_known == in->suite_known &&
        g_strcmp0(old->key_detail, in->key_detail[0] ? in->key_detail : NULL) == 0 &&
        (old->first_failure != NULL) == (in->first_err != TLSI_OK))
        return n;
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
    if (!conv->diags)
        conv->diags = wmem_array_new(wmem_file_scope(), sizeof d);
    wmem_array_append_one(conv->diags, d);
    return n + 1;
}

/* First pass of a TLS record: the engine decrypts it and follows the
 * handshake; the plugin adds what TCP knows about missing data. */
tlsi_record_info *tlsi_record_first_pass_tls(packet_info *pinfo, tlsi_conv *conv, int dir,
                                             guint8 content_type, guint16 record_version,
                                             const guint8 *frag, guint32 len, gboolean complete)
{
    tlsi_key_material km;
    const tlsi_conn_rec *r;
    tlsi_record_info *ri;

    tlsi_key_material_get(&km);
    tlsi_conn_cache_keep_unverified(tlsi_conn_cache_get(), tlsi_show_unverified);
    r = tlsi_conn_record(conv->engine, &km, dir, pinfo->num, content_type, record_version, frag,
                         len, complete);
    if (r) {
        ri = (tlsi_record_info *)r; /* the engine's result is all of it */
    } else {
        ri = wmem_new0(wmem_file_scope(), tlsi_record_info); /* the engine is at its cap */
        ri->rec.more = &tlsi_conn_rec_none;
    }
    if (!(ri->rec.flags & TLSI_REC_PROTECTED))
        return ri;
    ri->rec.user = tlsi_diag_snapshot(conv); /* before any tlsi_record_more */
    /* Records missing because TCP saw the stream out of order: say so, and
     * how to get them (tlsi-tcpgap.c). */
    if (ri->rec.flags & TLSI_REC_DECRYPTED) {
        if (ri->rec.more->resync_skipped &&
            tlsi_tcpgap_why(pinfo->pool, &conv->dir[dir], pinfo->num, TLSI_ERR_BAD_MAC))
            tlsi_record_more_get(ri)->tcp_gap = &conv->dir[dir];
    } else if (tlsi_tcpgap_why(pinfo->pool, &conv->dir[dir], pinfo->num, ri->rec.decrypt_err)) {
        tlsi_record_more_get(ri)->tcp_gap = &conv->dir[dir];
    }
    return ri;
}

const tlsi_decrypt_diag *tlsi_record_diag(const tlsi_conv *conv, const tlsi_record_info *ri)
{
    guint32 i = ri->rec.user & ~TLSI_RI_HAS_MORE;

    if (!i || !conv->diags || i > wmem_array_get_count(conv->diags))
        return NULL;
    return *(const tlsi_decrypt_diag **)wmem_array_index(conv->diags, i - 1);
}

/* tlsi_record_info -> tlsi_record_more, for the few records that have one. */
static wmem_map_t *tlsi_record_mores;

tlsi_record_more *tlsi_record_more_get(tlsi_record_info *ri)
{
    tlsi_record_more *m;

    if (ri->rec.user & TLSI_RI_HAS_MORE)
        return (tlsi_record_more *)wmem_map_lookup(tlsi_record_mores, ri);
    m = wmem_new0(wmem_file_scope(), tlsi_record_more);
    wmem_map_insert(tlsi_record_mores, ri, m);
    ri->rec.user |= TLSI_RI_HAS_MORE;
    return m;
}

const tlsi_record_more *tlsi_record_more_find(const tlsi_record_info *ri)
{
    if (!(ri->rec.user & TLSI_RI_HAS_MORE))
        return NULL;
    return (const tlsi_record_more *)wmem_map_lookup(tlsi_record_mores, ri);
}

/* A record decrypted after records missing from the capture: every one is
 * marked, the first after each gap says how many are missing. */
static void tree_resynced(tvbuff_t *tvb, packet_info *pinfo, proto_tree *rt,
                          const tlsi_record_info *ri)
{
    proto_item *ti = proto_tree_add_boolean(rt, hf_tlsi_record_resynced, tvb, 0, 0, TRUE);
    const struct tlsi_dir_state_s *gap = tlsi_record_tcp_gap(ri);
    const char *tcp;

    proto_item_set_generated(ti);
    if (!ri->rec.more->resync_skipped)
        return;
    proto_item_set_generated(proto_tree_add_uint(rt, hf_tlsi_record_resync_skipped, tvb, 0, 0,
                                                 ri->rec.more->resync_skipped));
    /* Short: an expert message is cut at a tree label's length. */
    tcp = !gap ? NULL
          : gap->ooo_frame
              ? wmem_strdup_printf(pinfo->pool,
                                   "; TCP: frame %u out of order (belongs before frame %u), "
                                   "tcp.reassemble_out_of_order:TRUE recovers them",
                                   gap->ooo_frame, gap->gap_frame)
              : wmem_strdup_printf(pinfo->pool, "; TCP data missing before frame %u",
                                   gap->gap_frame);
    expert_add_info_format(pinfo, ti, &ei_tlsi_resynced,
                           "Decrypted after a resync: %u record%s of this direction missing "
                           "before this one%s",
                           ri->rec.more->resync_skipped,
                           ri->rec.more->resync_skipped == 1 ? "" : "s",
                           tcp ? tcp : "");
}

/* The generated "Decryption" subtree of a protected record. */
void tlsi_add_decryption_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *rt,
                              const tlsi_decrypt_diag *d, const tlsi_record_info *ri)
{
    proto_item *ti;
    proto_tree *dt;
    const char *suite = d->suite_known ? tlsi_suite_name(d->cipher_suite) : NULL;
    gboolean ok = (ri->rec.flags & TLSI_REC_DECRYPTED) != 0;
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
    if (ri->rec.flags & TLSI_REC_RESYNCED)
        tree_resynced(tvb, pinfo, rt, ri);
}

static void tlsi_decrypt_init(void)
{
    (void)tlsi_conn_cache_get();
}

static void tlsi_decrypt_cleanup(void)
{
    tlsi_conn_cache_free(tlsi_conns);
    tlsi_conns = NULL;
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

    tlsi_record_mores = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                               g_direct_hash, g_direct_equal);
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
