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
    tlsi_key_lines keys;
    guint sessions;
} tlsi_menu_keys;

static void tlsi_menu_conn_keys(const tlsi_conn *c, void *user)
{
    tlsi_menu_keys *k = (tlsi_menu_keys *)user;
    const tlsi_session *s = tlsi_conn_session(c);

    if (s && tlsi_key_lines_add_session(&k->keys, s))
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

static gboolean tlsi_menu_write(const char *path, const tlsi_key_lines *keys)
{
    FILE *f = fopen(path, "w");

    if (!f)
        return FALSE;
    tlsi_key_lines_print(keys, f);
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
    tlsi_key_lines_init(&k.keys);
    k.sessions = 0;
    tlsi_conn_cache_foreach(tlsi_conn_cache_get(), tlsi_menu_conn_keys, &k);
    if (!k.keys.lines->len) {
        report_failure("TLSI: no session of \"%s\" has keys to export (none was decrypted).",
                       info->cf_filename);
    } else {
        path = tlsi_menu_keys_path(info->cf_filename);
        if (tlsi_menu_write(path, &k.keys))
            report_warning("TLSI: wrote %u key log lines for %u sessions to \"%s\".",
                           k.keys.lines->len, k.sessions, path);
        else
            report_failure("TLSI: cannot write the key log \"%s\": %s.", path,
                           g_strerror(errno));
        g_free(path);
    }
    tlsi_key_lines_free(&k.keys);
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
