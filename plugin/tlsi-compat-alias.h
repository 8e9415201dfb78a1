/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsi-compat-alias.h - second names for tlsi fields: where a tlsi field has
 * the meaning and type of a built-in tls.* field under another suffix, the
 * built-in's suffix is registered under tlsi.* as well (doc/compat.md), and
 * drawn as a hidden item with the same span and value beside tlsi's own.
 *
 * The table of pairs is in tlsi-compat-alias.c; the drawing helpers below
 * add the alias of hf when it has one, and nothing when the tree is NULL.
 */
#ifndef TLSI_COMPAT_ALIAS_H
#define TLSI_COMPAT_ALIAS_H

#include <epan/packet.h>

/* Register the aliases; call after every field they name is registered. */
void tlsi_compat_alias_register(int proto);

/* The alias of hf, as proto_tree_add_item would draw hf (hidden). */
void tlsi_alias_item(proto_tree *tree, int hf, tvbuff_t *tvb, int off, int len, guint enc);
/* The alias of hf, as proto_tree_add_uint would draw hf (hidden). */
void tlsi_alias_uint(proto_tree *tree, int hf, tvbuff_t *tvb, int off, int len, guint32 value);

/* proto_tree_add_item and the alias of hf; returns tlsi's own item. */
proto_item *tlsi_add_item(proto_tree *tree, int hf, tvbuff_t *tvb, int off, int len, guint enc);

#endif
