/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-menu.c - the GUI's Tools > TLSI menu (Wireshark's plugin menu API,
 * epan/plugin_if.h). Wireshark 4.0's File > Export TLS Session Keys asks the
 * built-in dissector only, and a plugin menu entry gets neither a save
 * dialog nor a way to re-run taps; so "Export Session Keys" writes the key
 * log of every connection tlsi knows in the open capture next to it
 * (CAPTURE.tlsi-keys, or in the home folder when that folder is not
 * writable) and says where in a message box. The Follow window cannot be
 * reached from this API at all (README).
 */
#include "packet-tlsi.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <epan/plugin_if.h>
#include <wsutil/report_message.h>

#include "session.h"

typedef struct {
    GPtrArray *lines; /* distinct lines (g_malloc) */
    GHashTable *seen;
    guint sessions;
} tlsi_menu_keys;

static void tlsi_menu_add_lines(tlsi_menu_keys *k, const char *text)
{
    gchar **v = g_strsplit(text, "\n", -1);
    gchar **l;

    for (l = v; *l; l++) {
        if (**l && !g_hash_table_contains(k->seen, *l)) {
            char *line = g_strdup(*l);
            g_ptr_array_add(k->lines, line);
            g_hash_table_add(k->seen, line);
        }
    }
    g_strfreev(v);
}

static void tlsi_menu_conn_keys(const tlsi_conn *c, void *user)
{
    tlsi_menu_keys *k = (tlsi_menu_keys *)user;
    const tlsi_session *s = tlsi_conn_session(c);
    size_t n;
    char *buf;

    if (!s)
        return;
    n = tlsi_session_keylog_lines(s, NULL, 0);
    if (!n)
        return;
    buf = (char *)g_malloc(n + 1);
    tlsi_session_keylog_lines(s, buf, n + 1);
    tlsi_menu_add_lines(k, buf);
    g_free(buf);
    k->sessions++;
}

/* CAPTURE.tlsi-keys when its folder is writable, else in the home folder. */
static char *tlsi_menu_keys_path(const char *capture)
{
    char *dir = g_path_get_dirname(capture);
    char *base = g_path_get_basename(capture);
    char *path;

    if (access(dir, W_OK) == 0)
        path = g_strdup_printf("%s.tlsi-keys", capture);
    else
        path = g_strdup_printf("%s%c%s.tlsi-keys", g_get_home_dir(), G_DIR_SEPARATOR, base);
    g_free(dir);
    g_free(base);
    return path;
}

static gboolean tlsi_menu_write(const char *path, const GPtrArray *lines)
{
    FILE *f = fopen(path, "w");
    guint i;

    if (!f)
        return FALSE;
    for (i = 0; i < lines->len; i++)
        fprintf(f, "%s\n", (const char *)g_ptr_array_index(lines, i));
    return fclose(f) == 0;
}

static void tlsi_menu_export_keys(ext_menubar_gui_type gui_type _U_, gpointer gui_object _U_,
                                  gpointer user_data _U_)
{
    ws_info_t *info = NULL;
    tlsi_menu_keys k;
    char *path;

    plugin_if_get_ws_info(&info);
    if (!info || !info->cf_filename || info->cf_state == FILE_CLOSED) {
        report_failure("TLSI: no capture file is open.");
        return;
    }
    k.lines = g_ptr_array_new_with_free_func(g_free);
    k.seen = g_hash_table_new(g_str_hash, g_str_equal);
    k.sessions = 0;
    tlsi_conn_cache_foreach(tlsi_conn_cache_get(), tlsi_menu_conn_keys, &k);
    if (!k.lines->len) {
        report_failure("TLSI: no session of \"%s\" has keys to export (none was decrypted).",
                       info->cf_filename);
    } else {
        path = tlsi_menu_keys_path(info->cf_filename);
        if (tlsi_menu_write(path, k.lines))
            report_warning("TLSI: wrote %u key log lines for %u sessions to \"%s\".",
                           k.lines->len, k.sessions, path);
        else
            report_failure("TLSI: cannot write the key log \"%s\": %s.", path,
                           g_strerror(errno));
        g_free(path);
    }
    g_hash_table_destroy(k.seen);
    g_ptr_array_free(k.lines, TRUE);
}

void tlsi_menu_register(int proto)
{
    ext_menu_t *menu = ext_menubar_register_menu(proto, "TLSI", TRUE);

    ext_menubar_set_parentmenu(menu, "Tools");
    ext_menubar_add_entry(menu, "Export Session Keys",
                          "Write the NSS key log of every session tlsi decrypted in this "
                          "capture next to it (CAPTURE.tlsi-keys)",
                          tlsi_menu_export_keys, NULL);
}
