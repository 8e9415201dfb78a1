/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-sessions.c - the per-connection report "tshark -q -z
 * tlsi,sessions[,text|json|csv][,FILE]": one row per TLS connection, printed
 * when tshark has read the capture, to FILE or to the standard output.
 *
 * The rows and their columns come from tlsi-sessions-rows.c (the same rows
 * the Statistics table of tlsi-sessions-table.c shows); this file writes
 * them in each format.
 */
#include "tlsi-sessions.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <epan/stat_tap_ui.h>
#include <wsutil/str_util.h>
#include <epan/tap.h>

#define TLSI_SESSIONS_CLI "tlsi,sessions"

enum { FMT_TEXT, FMT_JSON, FMT_CSV };

typedef struct {
    int format;
    char *filename;
    tlsi_sess_set set;
    gboolean written;
} sess_report;

static tap_packet_status sess_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                     const void *data, tap_flags_t flags _U_)
{
    sess_report *rep = (sess_report *)tapdata;

    return tlsi_sess_set_add(&rep->set, pinfo, data) ? TAP_PACKET_REDRAW : TAP_PACKET_DONT_REDRAW;
}

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

static void json_value(FILE *f, const tlsi_sess_col *c, GPtrArray *v)
{
    guint i;

    if (c->kind == TLSI_COL_LIST) {
        fputc('[', f);
        for (i = 0; i < v->len; i++) {
            if (i)
                fputc(',', f);
            json_str(f, (const char *)g_ptr_array_index(v, i));
        }
        fputc(']', f);
    } else if (!v->len) {
        fputs("null", f);
    } else if (c->kind == TLSI_COL_STR) {
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

static void write_row(FILE *f, int format, const tlsi_sess_row *r, guint n)
{
    guint i;

    if (format == FMT_JSON)
        fputc('{', f);
    else if (format == FMT_TEXT)
        fprintf(f, "Connection %u\n", n);
    for (i = 0; i < tlsi_sess_ncols; i++) {
        GPtrArray *v = g_ptr_array_new_with_free_func(g_free);
        char *s;
        tlsi_sess_cols[i].get(r, v);
        if (format == FMT_JSON) {
            fprintf(f, "%s\"%s\":", i ? "," : "", tlsi_sess_cols[i].name);
            json_value(f, &tlsi_sess_cols[i], v);
        } else {
            s = tlsi_sess_joined(v, " | ");
            if (format == FMT_CSV) {
                if (i)
                    fputc(',', f);
                csv_field(f, s);
            } else if (v->len) {
                fprintf(f, "  %-24s %s\n", tlsi_sess_cols[i].name, s);
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
        for (i = 0; i < tlsi_sess_ncols; i++)
            fprintf(f, "%s%s", i ? "," : "", tlsi_sess_cols[i].name);
        fputc('\n', f);
    } else if (rep->format == FMT_TEXT) {
        fprintf(f, "TLSI sessions: %u connection%s\n\n", rep->set.order->len,
                plurality(rep->set.order->len, "", "s"));
    }
    for (i = 0; i < rep->set.order->len; i++)
        write_row(f, rep->format, (const tlsi_sess_row *)g_ptr_array_index(rep->set.order, i),
                  i + 1);
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

    tlsi_sess_set_clear(&rep->set);
    rep->written = FALSE;
}

static void sess_finish(void *tapdata)
{
    sess_report *rep = (sess_report *)tapdata;

    tlsi_sess_set_destroy(&rep->set);
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
    tlsi_sess_set_init(&rep->set);
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
    tlsi_sessions_table_register();
}
