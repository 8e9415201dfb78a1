/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-sessions-table.c - the session report as a Wireshark statistics
 * table: "Statistics > TLSI Sessions" in the GUI, and "-z
 * tlsi,sessions_table[,FILTER]" in tshark and wireshark. One row per
 * connection with every column of the report (tlsi_sess_cols[]); a column
 * that holds a list (the server's certificate chain, the ALPN offered) shows
 * its values joined with "; " (tshark ends each cell with " |", and RFC 2253
 * names and SAN lists already use commas).
 *
 * Wireshark keeps a stat table's rows on its stat_tap_table_ui, shared by
 * every dialog that shows it, and gives the packet callback only that ui; so
 * the connections behind the rows are kept here, once, and emptied whenever
 * Wireshark empties the table (a new tap run, Reload, a new filter). For the
 * same reason only one listener can fill the table at a time: the GUI runs
 * one dialog's tap at a time, but tshark given the -z twice runs both, and
 * then only the first to see a record fills the (one, shared) table.
 *
 * A dialog still open keeps pointers to the rows' cells when another one
 * empties the table, so emptied rows are kept for reuse (spare_rows), never
 * freed here.
 */
#include "tlsi-sessions.h"

#include <stdio.h>
#include <string.h>

#include <epan/stat_tap_ui.h>

#define TABLE_TITLE "TLSI Sessions"
#define TABLE_CLI "tlsi,sessions_table"
#define LIST_SEP "; "

static tlsi_sess_set table_conns;         /* row i of the table is table_conns.order[i] */
static stat_tap_table_item *table_fields; /* one per tlsi_sess_cols[] */
static GPtrArray *spare_rows;             /* cells of emptied rows (see the top) */
static const void *table_owner;           /* the listener filling the table, NULL before a record */
static gboolean table_warned;

static void item_clear(stat_tap_table_item_type *it)
{
    if (it->type == TABLE_ITEM_STRING)
        g_free((gpointer)it->value.string_value);
    memset(it, 0, sizeof *it);
}

/* Whole numbers are UINT items, which the GUI sorts as numbers; a count
 * beyond 32 bits (bytes of a connection over 4 GiB) shows as 4294967295,
 * the report has it exact. (FLOAT would be exact, but Wireshark 4.0's GUI
 * shows it with six decimals.) Everything else, and numbers that may be
 * absent, is text. */
static gboolean col_is_number(const tlsi_sess_col *c)
{
    return c->kind == TLSI_COL_NUM;
}

static void item_set(stat_tap_table_item_type *it, const tlsi_sess_col *c, const tlsi_sess_row *r)
{
    GPtrArray *v = g_ptr_array_new_with_free_func(g_free);

    c->get(r, v);
    item_clear(it);
    if (col_is_number(c)) {
        guint64 n = v->len ? g_ascii_strtoull((const char *)g_ptr_array_index(v, 0), NULL, 10) : 0;
        it->type = TABLE_ITEM_UINT;
        it->value.uint_value = (guint)MIN(n, G_MAXUINT32);
    } else {
        it->type = TABLE_ITEM_STRING;
        it->value.string_value = tlsi_sess_joined(v, LIST_SEP);
    }
    g_ptr_array_free(v, TRUE);
}

/* Empties the table and the connections behind it. */
static void table_reset(stat_tap_table *table)
{
    guint row, col;

    for (row = 0; row < table->num_elements; row++) {
        for (col = 0; col < table->num_fields; col++)
            item_clear(stat_tap_get_field_data(table, row, col));
        g_ptr_array_add(spare_rows, table->elements[row]);
        table->elements[row] = NULL;
    }
    table->num_elements = 0;
    tlsi_sess_set_clear(&table_conns);
    table_owner = NULL;
}

static void table_free_item(stat_tap_table *table _U_, guint row _U_, guint col _U_,
                            stat_tap_table_item_type *it)
{
    item_clear(it);
}

/* Called before each tap run: make the table, or empty the one there is. */
static void table_init(stat_tap_table_ui *ui)
{
    stat_tap_table *table = stat_tap_find_table(ui, TABLE_TITLE);

    if (table) {
        table_reset(table);
        return;
    }
    tlsi_sess_set_clear(&table_conns);
    table_owner = NULL;
    table = stat_tap_init_table(TABLE_TITLE, (int)tlsi_sess_ncols, 0, NULL);
    stat_tap_add_table(ui, table);
}

/* A blank row at the end: the cells of an emptied row, or new ones. */
static void table_add_row(stat_tap_table *table)
{
    stat_tap_table_item_type *cells =
        spare_rows->len ? (stat_tap_table_item_type *)g_ptr_array_remove_index_fast(
                              spare_rows, spare_rows->len - 1)
                        : g_new0(stat_tap_table_item_type, table->num_fields);

    table->elements = g_renew(stat_tap_table_item_type *, table->elements, table->num_elements + 1);
    table->elements[table->num_elements++] = cells;
}

/* Whether this listener fills the table (see the top of the file). */
static gboolean owns_table(const void *tapdata)
{
    if (!table_owner)
        table_owner = tapdata;
    if (tapdata == table_owner)
        return TRUE;
    if (!table_warned) {
        table_warned = TRUE;
        fprintf(stderr,
                "tlsi: -z %s is given more than once: each copy shows the same table, "
                "filled by one of them\n",
                TABLE_CLI);
    }
    return FALSE;
}

/* A record updates its connection's row as a whole: columns such as the
 * decryption status read the connection's state as it is now, so the row
 * holds the state after the connection's last record. */
static tap_packet_status table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    stat_tap_table *table = stat_tap_find_table(sd->stat_tap_data, TABLE_TITLE);
    tlsi_sess_row *r;
    guint row, col;

    if (!table || !owns_table(tapdata) || !(r = tlsi_sess_set_add(&table_conns, pinfo, data)))
        return TAP_PACKET_DONT_REDRAW;
    row = tlsi_sess_row_index(r);
    if (row > table->num_elements)
        return TAP_PACKET_DONT_REDRAW; /* not a row of this table's run; cannot happen */
    if (row == table->num_elements)
        table_add_row(table);
    for (col = 0; col < tlsi_sess_ncols; col++)
        item_set(stat_tap_get_field_data(table, row, col), &tlsi_sess_cols[col], r);
    return TAP_PACKET_REDRAW;
}

static stat_tap_table_ui table_ui = {
    .group = REGISTER_PACKET_STAT_GROUP_UNSORTED,
    .title = TABLE_TITLE,
    .tap_name = "tlsi",
    .cli_string = TABLE_CLI,
    .stat_tap_init_cb = table_init,
    .packet_func = table_packet,
    .stat_tap_reset_table_cb = table_reset,
    .stat_tap_free_table_item_cb = table_free_item,
};

void tlsi_sessions_table_register(void)
{
    guint i;

    tlsi_sess_set_init(&table_conns);
    spare_rows = g_ptr_array_new();
    table_fields = g_new0(stat_tap_table_item, tlsi_sess_ncols);
    for (i = 0; i < tlsi_sess_ncols; i++) {
        gboolean num = col_is_number(&tlsi_sess_cols[i]);
        table_fields[i].type = num ? TABLE_ITEM_UINT : TABLE_ITEM_STRING;
        table_fields[i].align = num ? TAP_ALIGN_RIGHT : TAP_ALIGN_LEFT;
        table_fields[i].column_name = tlsi_sess_cols[i].name;
        table_fields[i].field_format = num ? "%u" : "%s";
    }
    table_ui.nfields = tlsi_sess_ncols;
    table_ui.fields = table_fields;
    register_stat_tap_table_ui(&table_ui);
}
