#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""One side of an SSL 3.0 / TLS 1.0 session made by scapy's TLS automata
(Debian's python3-scapy), for suites today's OpenSSL and GnuTLS no longer
speak: SSL 3.0 itself, the export suites, DES. Used by generate.sh (gen_scapy).

  scapy_peer.py server PORT SUITE CERT KEY
      answer one client, echoing what it sends (scapy's echo server)
  scapy_peer.py client PORT SUITE VERSION KEYLOG LINE...
      offer only SUITE at VERSION (0x0300, 0x0301), send each LINE, then
      close_notify; append the session's NSS key log line to KEYLOG.
"""
import sys

from scapy.layers.tls.automaton_cli import TLSClientAutomaton
from scapy.layers.tls.automaton_srv import TLSServerAutomaton
from scapy.layers.tls.handshake import TLSClientHello

VERSION_NAMES = {0x0300: "sslv3", 0x0301: "tls1", 0x0302: "tls11", 0x0303: "tls12"}


def server(port, suite, cert, key):
    srv = TLSServerAutomaton(mycert=cert, mykey=key, sport=port, preferred_ciphersuite=suite,
                             is_echo_server=True, debug=0)
    srv.run()


def client(port, suite, version, keylog, lines):
    hello = TLSClientHello(version=version, ciphers=[suite])
    data = [line.encode() + b"\r\n" for line in lines] + [b"quit"]
    cli = TLSClientAutomaton(server="127.0.0.1", dport=port, client_hello=hello,
                             version=VERSION_NAMES[version], data=data, debug=0)
    cli.run()
    s = cli.cur_session
    if s.master_secret is None:
        sys.exit("no session was established")
    with open(keylog, "a") as f:
        f.write("CLIENT_RANDOM %s %s\n" % (s.client_random.hex(), s.master_secret.hex()))


def main():
    if len(sys.argv) >= 6 and sys.argv[1] == "server":
        server(int(sys.argv[2]), int(sys.argv[3], 16), sys.argv[4], sys.argv[5])
    elif len(sys.argv) >= 6 and sys.argv[1] == "client":
        client(int(sys.argv[2]), int(sys.argv[3], 16), int(sys.argv[4], 16), sys.argv[5],
               sys.argv[6:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
