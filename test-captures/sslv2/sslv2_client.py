#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""An SSL 2.0 client made by scapy's TLS client automaton (Debian's
python3-scapy), for generate.sh beside this script.

  sslv2_client.py PORT CIPHER_KIND LINE...
      offer only CIPHER_KIND (an SSL 2.0 3-byte cipher kind, hex), send each
      LINE as application data, then end the session as scapy does.

For an export cipher kind (RC4_128_EXPORT40, RC2_128_CBC_EXPORT40) the
client sends 11 of the 16 master key bytes in the clear (CLEAR-KEY-DATA)
and RSA-encrypts the other 5, as the SSL 2.0 draft has export clients do;
scapy only does this when given the split, so it is given one here.
"""
import os
import sys

import scapy.layers.tls.automaton_cli as cli_mod
from scapy.layers.tls.automaton_cli import TLSClientAutomaton
from scapy.layers.tls.handshake_sslv2 import SSLv2ClientHello, SSLv2ClientMasterKey

EXPORT_KINDS = {0x020080, 0x040080}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    port, kind = int(sys.argv[1]), int(sys.argv[2], 16)
    if kind in EXPORT_KINDS:
        def master_key(*args, **kwargs):
            key = os.urandom(16)
            return SSLv2ClientMasterKey(clearkey=key[:11], decryptedkey=key[11:])
        # The automaton builds its CLIENT-MASTER-KEY through this name.
        cli_mod.SSLv2ClientMasterKey = master_key
    hello = SSLv2ClientHello(ciphers=[kind], challenge=os.urandom(16))
    lines = [line.encode() + b"\r\n" for line in sys.argv[3:]]
    cli = TLSClientAutomaton(server="127.0.0.1", dport=port, version="sslv2", data=lines, debug=0)
    # The automaton only takes a TLS ClientHello as an argument.
    cli.client_hello = hello
    # Its SSLv2 loop ends on the str "quit" (it pops from the end of the list).
    cli.data_to_send.insert(0, "quit")
    cli.run()
    s = cli.cur_session
    if s.master_secret is None:
        sys.exit("no SSL 2.0 session was established")
    print("cipher kind 0x%06x, master key %s" % (kind, s.master_secret.hex()))


if __name__ == "__main__":
    main()
