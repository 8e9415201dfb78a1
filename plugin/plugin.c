/* SPDX-License-Identifier: GPL-2.0-or-later */
/* plugin.c - the entry points Wireshark looks up when it loads tlsi.so. */
#include <wireshark.h>
#include <epan/packet.h>
#include <epan/proto.h>

#include "packet-tlsi.h"

#ifndef TLSI_VERSION
#define TLSI_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = TLSI_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void plugin_register(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = proto_register_tlsi;
    plug.register_handoff = proto_reg_handoff_tlsi;
    proto_register_plugin(&plug);
}
