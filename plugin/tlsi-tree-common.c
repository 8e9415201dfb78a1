/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-tree-common.c - what every handshake tree file draws with: the name
 * tables with GREASE values merged in, built once at registration, the
 * vector and subtree helpers, and the malformed-message expert info.
 */
#include "tlsi-tree.h"

#include <stdlib.h>

#include "cipher_suites.h"
#include "names.h"
#include "tlsi-compat-fields.h"

static expert_field ei_tlsi_hs_malformed = EI_INIT;

/* ---------------------------------------------------------------------- */
/* Name tables                                                             */

static value_string_ext *suite_vals, *version_vals, *group_vals, *sig_scheme_vals, *ext_type_vals;

static int vs_cmp(const void *a, const void *b)
{
    guint32 x = ((const value_string *)a)->value, y = ((const value_string *)b)->value;
    return x < y ? -1 : x > y;
}

/*
 * A value_string_ext from n {id, name} rows plus, when grease is set, the 16
 * GREASE values (RFC 8701 2: 0x0A0A, 0x1A1A, ..., 0xFAFA) the table does not
 * name yet: clients put them in every u16 list they send, and "Unknown" would
 * suggest a broken peer. Sorted so the ext lookup can bisect. Epan scope: it
 * lives as long as the field registrations that point at it.
 */
static value_string_ext *make_vals(const value_string *rows, size_t n, gboolean grease,
                                   const char *name)
{
    value_string *vs = wmem_alloc_array(wmem_epan_scope(), value_string, n + 17);
    size_t k = 0;

    for (size_t i = 0; i < n; i++)
        vs[k++] = rows[i];
    if (grease) {
        for (guint32 g = 0; g < 16; g++) {
            guint32 id = 0x0a0a + g * 0x1010;
            gboolean have = FALSE;
            for (size_t i = 0; i < n && !have; i++)
                have = rows[i].value == id;
            if (!have) {
                vs[k].value = id;
                vs[k].strptr = "Reserved (GREASE)";
                k++;
            }
        }
    }
    qsort(vs, k, sizeof(vs[0]), vs_cmp);
    vs[k].value = 0;
    vs[k].strptr = NULL;
    return tlsi_value_string_ext_new(vs, (guint)k + 1, name);
}

static value_string_ext *make_name_vals(const tlsi_name *t, gboolean grease, const char *name)
{
    return make_vals(TLSI_VALS(t), tlsi_name_count(t), grease, name);
}

static value_string_ext *make_suite_vals(void)
{
    size_t n = tlsi_suite_count();
    value_string *rows = wmem_alloc_array(wmem_epan_scope(), value_string, n ? n : 1);

    for (size_t i = 0; i < n; i++) {
        const tlsi_suite *s = tlsi_suite_at(i);
        rows[i].value = s->id;
        rows[i].strptr = s->name;
    }
    return make_vals(rows, n, TRUE, "tlsi_cipher_suites");
}

value_string_ext *tlsi_tree_suite_vals(void)
{
    return suite_vals;
}
value_string_ext *tlsi_tree_version_vals(void)
{
    return version_vals;
}
value_string_ext *tlsi_tree_group_vals(void)
{
    return group_vals;
}
value_string_ext *tlsi_tree_sig_scheme_vals(void)
{
    return sig_scheme_vals;
}
value_string_ext *tlsi_tree_ext_type_vals(void)
{
    return ext_type_vals;
}

void tlsi_tree_set_strings(hf_register_info *hf, size_t n, int *id, const void *strings,
                           gboolean ext)
{
    for (size_t i = 0; i < n; i++) {
        if (hf[i].p_id != id)
            continue;
        hf[i].hfinfo.strings = strings;
        if (ext)
            hf[i].hfinfo.display |= BASE_EXT_STRING;
        return;
    }
}

/* ---------------------------------------------------------------------- */
/* Drawing helpers                                                         */

proto_item *tlsi_tree_vec(const tlsi_tb *b, proto_tree *tree, int hf_len, int hf_data, tlsi_span s,
                          int lb, guint enc)
{
    tlsi_span len = tlsi_span_prefix(s, (uint32_t)lb);

    if (hf_len != -1)
        tlsi_add_item(tree, hf_len, b->tvb, tlsi_tb_off(b, len.off), (gint)len.len,
                            ENC_BIG_ENDIAN);
    if (hf_data != -1 && s.len)
        return tlsi_add_item(tree, hf_data, b->tvb, tlsi_tb_off(b, s.off), (gint)s.len, enc);
    return NULL;
}

proto_item *tlsi_tree_vec_len(const tlsi_tb *b, proto_tree *tree, int hf_len, tlsi_span s, int lb)
{
    tlsi_span len = tlsi_span_prefix(s, (uint32_t)lb);

    return tlsi_add_item(tree, hf_len, b->tvb, tlsi_tb_off(b, len.off), (gint)len.len,
                         ENC_BIG_ENDIAN);
}

proto_tree *tlsi_tree_vec_subtree(const tlsi_tb *b, proto_tree *tree, int hf, gint ett, tlsi_span s,
                                  int lb, proto_item **item)
{
    tlsi_span whole = tlsi_span_whole(s, (uint32_t)lb);
    proto_item *ti = proto_tree_add_item(tree, hf, b->tvb, tlsi_tb_off(b, whole.off),
                                         (gint)whole.len, ENC_NA);
    if (item)
        *item = ti;
    return proto_item_add_subtree(ti, ett);
}

void tlsi_tree_malformed(const tlsi_tb *b, proto_tree *tree, const char *what, tlsi_err err,
                         guint32 err_off)
{
    guint32 at = MIN(err_off, b->len);

    proto_tree_add_expert_format(
        tree, b->pinfo, &ei_tlsi_hs_malformed, b->tvb, tlsi_tb_off(b, at), (gint)(b->len - at),
        "Malformed %s: %s at byte %u of the message body", what, tlsi_err_str(err), err_off);
    tlsi_compat_malformed(tree, b->pinfo, err, b->tvb, tlsi_tb_off(b, at), (gint)(b->len - at));
}

void tlsi_tree_common_register(int proto)
{
    static ei_register_info ei[] = {
        {&ei_tlsi_hs_malformed,
         {"tlsi.handshake.malformed", PI_MALFORMED, PI_ERROR,
          "Handshake message body does not match its fields", EXPFILL}},
    };
    static gboolean done;

    if (done)
        return;
    done = TRUE;
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
    suite_vals = make_suite_vals();
    version_vals = make_name_vals(tlsi_version_names, TRUE, "tlsi_versions");
    group_vals = make_name_vals(tlsi_group_names, TRUE, "tlsi_groups");
    sig_scheme_vals = make_name_vals(tlsi_sig_scheme_names, TRUE, "tlsi_sig_schemes");
    ext_type_vals = make_name_vals(tlsi_ext_type_names, TRUE, "tlsi_ext_types");
}
