/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-sessions.h - one row per TLS connection, shared by the two views of
 * the session report: the "-z tlsi,sessions" writer (tlsi-sessions.c, text,
 * JSON, CSV) and the Statistics table (tlsi-sessions-table.c). The rows are
 * built from the "tlsi" tap in one place (tlsi-sessions-rows.c) and read
 * through one table of columns, so both views show the same values.
 */
#ifndef TLSI_SESSIONS_H
#define TLSI_SESSIONS_H

#include "packet-tlsi.h"

typedef struct tlsi_sess_row tlsi_sess_row; /* one connection (tlsi-sessions-rows.c) */

/* The connections seen so far. */
typedef struct {
    GHashTable *rows; /* conv_index -> tlsi_sess_row */
    GPtrArray *order; /* tlsi_sess_row *, in order of first record */
} tlsi_sess_set;

void tlsi_sess_set_init(tlsi_sess_set *set);
void tlsi_sess_set_clear(tlsi_sess_set *set);   /* forget every row */
void tlsi_sess_set_destroy(tlsi_sess_set *set); /* clear and free the containers */

/* Accounts one "tlsi" tap record (the tap's data) and returns the row of its
 * connection, created on its first record; NULL if the record has none. */
tlsi_sess_row *tlsi_sess_set_add(tlsi_sess_set *set, packet_info *pinfo, const void *tap_data);

/* The row's position in set->order. */
guint tlsi_sess_row_index(const tlsi_sess_row *r);

/* How a column's value is written: JSON quotes TLSI_COL_STR, writes
 * TLSI_COL_LIST as an array and the other kinds bare (null when absent). */
typedef enum {
    TLSI_COL_STR,     /* text, or absent */
    TLSI_COL_NUM,     /* an unsigned integer, always present */
    TLSI_COL_NUM_OPT, /* an unsigned integer, or absent */
    TLSI_COL_TIME,    /* seconds since the epoch with 6 decimals */
    TLSI_COL_BOOL,    /* true/false, or absent */
    TLSI_COL_LIST,    /* zero or more texts */
} tlsi_sess_col_kind;

/* Appends the column's value(s) to out as g_malloc'd strings; none means
 * absent (or an empty list). */
typedef void (*tlsi_sess_col_get)(const tlsi_sess_row *r, GPtrArray *out);

typedef struct {
    const char *name; /* README.md, "Session report", documents each one */
    tlsi_sess_col_kind kind;
    tlsi_sess_col_get get;
} tlsi_sess_col;

extern const tlsi_sess_col tlsi_sess_cols[]; /* in output order */
extern const guint tlsi_sess_ncols;

/* The strings of v joined with sep (g_malloc'd; "" when v is empty). */
char *tlsi_sess_joined(const GPtrArray *v, const char *sep);

/* Registers the Statistics table (tlsi-sessions-table.c); called by
 * tlsi_sessions_register(). */
void tlsi_sessions_table_register(void);

#endif
